#include "ConfirmActionDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace rolldeck {

ConfirmActionDialog::ConfirmActionDialog(const ActionConfirmation &confirmation, QWidget *parent)
    : QDialog(parent), m_confirmation(confirmation)
{
    setWindowTitle(tr("Confirm action"));
    setObjectName(QStringLiteral("confirm-action"));
    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(10);

    if (!confirmation.changes.isEmpty()) {
        auto *changed = new QLabel(tr("The rollout changed since you looked: %1. Check the new state and confirm "
                                      "again.")
                                       .arg(confirmation.changes.join(QStringLiteral(", "))),
                                   this);
        changed->setObjectName(QStringLiteral("changed"));
        changed->setWordWrap(true);
        changed->setStyleSheet(QStringLiteral("QLabel { background: #fff4ce; color: #5c4400; padding: 8px; "
                                              "border-radius: 4px; }"));
        layout->addWidget(changed);
    }
    auto *statement = new QLabel(confirmation.statement, this);
    statement->setObjectName(QStringLiteral("statement"));
    statement->setWordWrap(true);
    QFont big = statement->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    big.setBold(true);
    statement->setFont(big);
    layout->addWidget(statement);
    auto *decision = new QLabel(tr("Based on: %1").arg(confirmation.decision), this);
    decision->setObjectName(QStringLiteral("decision"));
    decision->setWordWrap(true);
    layout->addWidget(decision);

    auto *form = new QFormLayout;
    m_reason = new QLineEdit(confirmation.reason, this);
    m_reason->setObjectName(QStringLiteral("reason"));
    m_reason->setPlaceholderText(confirmation.reasonRequired ? tr("Required: why (goes into the audit log)")
                                                             : tr("Optional: why (goes into the audit log)"));
    form->addRow(tr("Reason:"), m_reason);
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("typed-name"));
    m_name->setPlaceholderText(confirmation.rolloutName);
    if (confirmation.typeToConfirm)
        form->addRow(tr("Type %1 to confirm:").arg(confirmation.rolloutName), m_name);
    else
        m_name->hide();
    layout->addLayout(form);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(confirmation.destructive ? tr("Send (destructive)") : tr("Send"));
    m_buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_reason, &QLineEdit::textChanged, this, &ConfirmActionDialog::updateAcceptable);
    connect(m_name, &QLineEdit::textChanged, this, &ConfirmActionDialog::updateAcceptable);
    updateAcceptable();
    setMinimumWidth(520);
}

QString ConfirmActionDialog::reason() const
{
    return m_reason->text().trimmed();
}

QString ConfirmActionDialog::typedName() const
{
    return m_name->text().trimmed();
}

void ConfirmActionDialog::updateAcceptable()
{
    const bool reasonOk = !m_confirmation.reasonRequired || !reason().isEmpty();
    const bool nameOk = !m_confirmation.typeToConfirm || typedName() == m_confirmation.rolloutName;
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(reasonOk && nameOk);
}

} // namespace rolldeck
