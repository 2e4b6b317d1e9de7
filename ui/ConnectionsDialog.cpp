#include "ConnectionsDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace rolldeck {

namespace {

enum Column { KindColumn, NameColumn, AddressColumn, SecretColumn, ResultColumn };

QString stateMark(ConnectionItem::State state)
{
    switch (state) {
    case ConnectionItem::State::Untested:
        return ConnectionsDialog::tr("Not tested");
    case ConnectionItem::State::Testing:
        return ConnectionsDialog::tr("Testing…");
    case ConnectionItem::State::Ok:
        return ConnectionsDialog::tr("Works");
    case ConnectionItem::State::Failed:
        break;
    }
    return ConnectionsDialog::tr("Fails");
}

} // namespace

ConnectionsDialog::ConnectionsDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("connectionsDialog"));
    setWindowTitle(tr("Connections"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("The Argo CD and Prometheus servers Rolldeck talks to. Secrets go to the OS keychain; "
                                "the connections file holds only references to them."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("connectionsList"));
    m_list->setRootIsDecorated(false);
    m_list->setAllColumnsShowFocus(true);
    m_list->setWordWrap(true);
    m_list->setHeaderLabels({tr("Kind"), tr("Name"), tr("Address"), tr("Keychain entry"), tr("Test")});
    m_list->header()->setStretchLastSection(true);
    layout->addWidget(m_list, 1);
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("connectionResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_result);

    auto *rowButtons = new QHBoxLayout;
    m_test = new QPushButton(tr("Te&st"), this);
    m_test->setObjectName(QStringLiteral("testConnectionButton"));
    m_remove = new QPushButton(tr("&Remove"), this);
    m_remove->setObjectName(QStringLiteral("removeConnectionButton"));
    m_fileNote = new QLabel(this);
    m_fileNote->setObjectName(QStringLiteral("connectionsFileNote"));
    m_fileNote->setWordWrap(true);
    m_fileNote->setTextInteractionFlags(Qt::TextSelectableByMouse);
    rowButtons->addWidget(m_fileNote, 1);
    rowButtons->addWidget(m_test);
    rowButtons->addWidget(m_remove);
    layout->addLayout(rowButtons);

    auto *addBox = new QGroupBox(tr("Add a connection"), this);
    auto *form = new QFormLayout(addBox);
    m_kind = new QComboBox(addBox);
    m_kind->setObjectName(QStringLiteral("connectionKind"));
    m_kind->addItem(kindText(ConnectionItem::Kind::ArgoCd), int(ConnectionItem::Kind::ArgoCd));
    m_kind->addItem(kindText(ConnectionItem::Kind::Prometheus), int(ConnectionItem::Kind::Prometheus));
    m_name = new QLineEdit(addBox);
    m_name->setObjectName(QStringLiteral("connectionName"));
    m_name->setPlaceholderText(tr("production"));
    m_address = new QLineEdit(addBox);
    m_address->setObjectName(QStringLiteral("connectionAddress"));
    m_secret = new QLineEdit(addBox);
    m_secret->setObjectName(QStringLiteral("connectionSecret"));
    m_secret->setEchoMode(QLineEdit::Password);
    m_secretHint = new QLabel(addBox);
    m_secretHint->setWordWrap(true);
    form->addRow(tr("&Kind:"), m_kind);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Address:"), m_address);
    form->addRow(tr("&Token:"), m_secret);
    form->addRow(QString(), m_secretHint);
    auto *add = new QPushButton(tr("A&dd and test"), addBox);
    add->setObjectName(QStringLiteral("addConnectionButton"));
    form->addRow(QString(), add);
    layout->addWidget(addBox);

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("connectionsProblem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_problem->hide();
    layout->addWidget(m_problem);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(add, &QPushButton::clicked, this, &ConnectionsDialog::onAdd);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &ConnectionsDialog::updateAddressHint);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, &ConnectionsDialog::onSelectionChanged);
    connect(m_test, &QPushButton::clicked, this, [this] {
        // Copies: a receiver may replace the list (setConnections) while the signal is still being delivered.
        if (const int row = selectedRow(); row >= 0) {
            const ConnectionItem item = m_items.at(row);
            emit testRequested(item.kind, item.name);
        }
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        if (const int row = selectedRow(); row >= 0) {
            const ConnectionItem item = m_items.at(row);
            emit removeRequested(item.kind, item.name);
        }
    });
    updateAddressHint();
    onSelectionChanged();
    resize(860, 560);
}

QString ConnectionsDialog::kindText(ConnectionItem::Kind kind)
{
    return kind == ConnectionItem::Kind::ArgoCd ? tr("Argo CD") : tr("Prometheus");
}

void ConnectionsDialog::updateAddressHint()
{
    const bool argo = m_kind->currentData().toInt() == int(ConnectionItem::Kind::ArgoCd);
    m_address->setPlaceholderText(argo ? tr("https://argocd.example.com") : tr("https://prometheus.example.com"));
    m_secretHint->setText(argo ? tr("An Argo CD API token. Leave it empty to use the token that "
                                    "\"rolldeck credential argocd login\" stored for this server.")
                               : tr("A bearer token, if this Prometheus needs one; else leave it empty."));
}

void ConnectionsDialog::onAdd()
{
    ConnectionDraft draft;
    draft.kind = ConnectionItem::Kind(m_kind->currentData().toInt());
    draft.name = m_name->text().trimmed();
    draft.address = m_address->text().trimmed();
    draft.secret = m_secret->text().toUtf8();
    m_secret->clear();
    if (draft.name.isEmpty() || draft.address.isEmpty()) {
        showProblem(tr("A connection needs a name and an address."));
        return;
    }
    m_problem->hide();
    emit addRequested(draft);
    draft.secret.fill('\0');
}

void ConnectionsDialog::setConnections(const QList<ConnectionItem> &items)
{
    m_items = items;
    m_list->clear();
    for (const ConnectionItem &c : items) {
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(KindColumn, kindText(c.kind));
        item->setText(NameColumn, c.name);
        item->setText(AddressColumn, c.address);
        item->setText(SecretColumn, c.secretEntry.isEmpty() ? tr("none") : c.secretEntry);
        item->setText(ResultColumn,
                      c.result.isEmpty() ? stateMark(c.state) : stateMark(c.state) + QStringLiteral(": ") + c.result);
        item->setToolTip(ResultColumn, c.result);
        if (c.state == ConnectionItem::State::Failed)
            item->setForeground(ResultColumn, QColor(0xb0, 0x00, 0x20));
        else if (c.state == ConnectionItem::State::Ok)
            item->setForeground(ResultColumn, QColor(0x1b, 0x7a, 0x2e));
    }
    for (int c = 0; c < ResultColumn; ++c)
        m_list->resizeColumnToContents(c);
    onSelectionChanged();
}

void ConnectionsDialog::setTestResult(ConnectionItem::Kind kind, const QString &name, ConnectionItem::State state,
                                      const QString &text)
{
    for (ConnectionItem &c : m_items) {
        if (c.kind == kind && c.name == name) {
            c.state = state;
            c.result = text;
        }
    }
    const int selected = selectedRow();
    setConnections(m_items);
    if (selected >= 0 && selected < m_list->topLevelItemCount())
        m_list->setCurrentItem(m_list->topLevelItem(selected));
}

void ConnectionsDialog::showProblem(const QString &text)
{
    m_problem->setText(text);
    m_problem->setVisible(!text.isEmpty());
}

void ConnectionsDialog::clearForm()
{
    m_name->clear();
    m_address->clear();
    m_secret->clear();
    m_problem->hide();
}

void ConnectionsDialog::setFileNote(const QString &text)
{
    m_fileNote->setText(text);
}

int ConnectionsDialog::selectedRow() const
{
    QTreeWidgetItem *item = m_list->currentItem();
    return item && item->isSelected() ? m_list->indexOfTopLevelItem(item) : -1;
}

void ConnectionsDialog::onSelectionChanged()
{
    const int row = selectedRow();
    const bool any = row >= 0;
    m_test->setEnabled(any);
    m_remove->setEnabled(any);
    if (!any) {
        m_result->setText(tr("Select a connection to test or remove it."));
        return;
    }
    const ConnectionItem &c = m_items.at(row);
    m_result->setText(c.result.isEmpty()
                          ? tr("%1 \"%2\": %3").arg(kindText(c.kind), c.name, stateMark(c.state))
                          : tr("%1 \"%2\": %3: %4").arg(kindText(c.kind), c.name, stateMark(c.state), c.result));
}

} // namespace rolldeck
