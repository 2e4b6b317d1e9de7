#include "AuditView.h"

#include "StatusStyle.h"
#include "models/itemmodels/AuditFilterProxyModel.h"
#include "models/itemmodels/AuditLogModel.h"

#include <QColor>
#include <QComboBox>
#include <QFont>
#include <QFontMetrics>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIdentityProxyModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>

namespace rolldeck {

namespace {

// Unknown outcomes not yet acknowledged: tinted and bold, so nobody mistakes them for done.
class AuditPresentationModel : public QIdentityProxyModel
{
public:
    using QIdentityProxyModel::QIdentityProxyModel;

    QVariant data(const QModelIndex &index, int role) const override
    {
        const bool unknown = QIdentityProxyModel::data(index, AuditLogModel::NeedsAckRole).toBool();
        const QString outcome = QIdentityProxyModel::data(index, AuditLogModel::OutcomeRole).toString();
        const bool outcomeColumn = index.column() == int(AuditLogModel::Column::Outcome);
        if (unknown && role == Qt::BackgroundRole)
            return QColor::fromRgb(0xfd, 0xe7, 0xe9);
        if (unknown && role == Qt::ForegroundRole)
            return QColor::fromRgb(0x1f, 0x1f, 0x1f);
        if (unknown && role == Qt::FontRole) {
            QFont font;
            font.setBold(true);
            return font;
        }
        if (outcomeColumn && role == Qt::DecorationRole) {
            if (unknown)
                return statusIconFor(StatusSeverity::Error);
            if (outcome == u"applied" || outcome == u"no-change")
                return statusIconFor(StatusSeverity::Healthy);
            if (outcome == u"failed")
                return statusIconFor(StatusSeverity::Degraded);
            if (outcome == u"refused")
                return statusIconFor(StatusSeverity::Paused);
        }
        return QIdentityProxyModel::data(index, role);
    }
};

} // namespace

AuditView::AuditView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("auditView"));
    setWindowTitle(tr("Audit log"));
    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(6);

    m_chain = new QLabel(this);
    m_chain->setObjectName(QStringLiteral("chainState"));
    m_chain->setTextFormat(Qt::PlainText);
    m_chain->setWordWrap(true);
    layout->addWidget(m_chain);
    m_unknown = new QLabel(this);
    m_unknown->setObjectName(QStringLiteral("unknownOutcomes"));
    m_unknown->setTextFormat(Qt::PlainText);
    m_unknown->setWordWrap(true);
    m_unknown->setStyleSheet(
        QStringLiteral("#unknownOutcomes { background: #fde7e9; border: 1px solid #a4262c;"
                       " border-radius: 3px; color: #5c0f14; padding: 4px 8px; font-weight: bold; }"));
    m_unknown->hide();
    layout->addWidget(m_unknown);

    auto *filters = new QHBoxLayout;
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("auditFilter"));
    m_filter->setPlaceholderText(tr("Filter: actor, environment, rollout, verb, reason…"));
    m_filter->setClearButtonEnabled(true);
    filters->addWidget(m_filter, 1);
    m_outcome = new QComboBox(this);
    m_outcome->setObjectName(QStringLiteral("auditOutcomeFilter"));
    m_outcome->addItem(tr("Every outcome"), QString());
    m_outcome->addItem(tr("Needs acknowledging"), QStringLiteral("needs-ack"));
    m_outcome->addItem(tr("Applied"), QStringLiteral("applied"));
    m_outcome->addItem(tr("Refused"), QStringLiteral("refused"));
    m_outcome->addItem(tr("Failed"), QStringLiteral("failed"));
    m_outcome->addItem(tr("Unknown"), QStringLiteral("unknown"));
    filters->addWidget(m_outcome);
    auto *csv = new QPushButton(tr("Export CSV…"), this);
    csv->setObjectName(QStringLiteral("exportCsv"));
    auto *json = new QPushButton(tr("Export JSON…"), this);
    json->setObjectName(QStringLiteral("exportJson"));
    json->setToolTip(tr("The records as stored (JSON Lines): another machine can verify them with "
                        "`rolldeck audit verify FILE`"));
    filters->addWidget(csv);
    filters->addWidget(json);
    layout->addLayout(filters);

    m_proxy = new AuditFilterProxyModel(this);
    auto *presentation = new AuditPresentationModel(this);
    presentation->setSourceModel(m_proxy);
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("auditTable"));
    m_view->setModel(presentation);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(int(AuditLogModel::Column::Time), Qt::DescendingOrder);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    layout->addWidget(m_view, 1);

    auto *ack = new QHBoxLayout;
    m_ackReason = new QLineEdit(this);
    m_ackReason->setObjectName(QStringLiteral("ackReason"));
    m_ackReason->setPlaceholderText(tr("What you found on the cluster (required to acknowledge)"));
    m_ack = new QPushButton(tr("Acknowledge the unknown outcome"), this);
    m_ack->setObjectName(QStringLiteral("ackButton"));
    ack->addWidget(m_ackReason, 1);
    ack->addWidget(m_ack);
    layout->addLayout(ack);

    connect(m_filter, &QLineEdit::textChanged, m_proxy, &AuditFilterProxyModel::setText);
    connect(m_outcome, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setOutcome(m_outcome->currentData().toString()); });
    connect(csv, &QPushButton::clicked, this, [this] { chooseExport(QStringLiteral("csv")); });
    connect(json, &QPushButton::clicked, this, [this] { chooseExport(QStringLiteral("json")); });
    connect(m_ackReason, &QLineEdit::textChanged, this, &AuditView::updateAck);
    connect(m_ack, &QPushButton::clicked, this, [this] {
        const QString action = selectedAction();
        if (action.isEmpty() || m_ackReason->text().trimmed().isEmpty())
            return;
        emit acknowledgeRequested(action, m_ackReason->text().trimmed());
        m_ackReason->clear();
    });
    setChainState(ChainState::Verifying, {});
    resize(1100, 600);
}

void AuditView::setModel(AuditLogModel *model)
{
    m_model = model;
    m_proxy->setSourceModel(model);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &AuditView::updateAck);
    if (model) {
        for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
            connect(model, signal, this, &AuditView::updateUnknown);
        connect(model, &QAbstractItemModel::dataChanged, this, &AuditView::updateUnknown);
        connect(model, &QAbstractItemModel::dataChanged, this, &AuditView::updateAck);
    }
    // Widths from the font, not from the rows: a log of a year is measured in no time. The reason takes the rest.
    QHeaderView *header = m_view->horizontalHeader();
    QFont bold = m_view->font(); // an unknown outcome's row is bold: it must fit too
    bold.setBold(true);
    const QFontMetrics fm(bold);
    const auto width = [&fm](const char *sample) { return fm.horizontalAdvance(QLatin1String(sample)) + 24; };
    using C = AuditLogModel::Column;
    header->setStretchLastSection(false);
    header->resizeSection(int(C::Time), width("2026-12-02 13:51:34"));
    header->resizeSection(int(C::Actor), width("alice.example (rolldeck-admin)"));
    header->resizeSection(int(C::Environment), width("production-eu"));
    header->resizeSection(int(C::Object), width("production/agentic-startup-api"));
    header->resizeSection(int(C::Verb), width("promote"));
    header->resizeSection(int(C::Outcome), width("UNKNOWN: check and acknowledge") + 16);
    header->setSectionResizeMode(int(C::Reason), QHeaderView::Stretch);
    updateUnknown();
    updateAck();
}

void AuditView::setChainState(ChainState state, const QString &detail)
{
    m_state = state;
    QString text;
    QString style;
    switch (state) {
    case ChainState::Verifying:
        text = tr("Verifying the hash chain…");
        break;
    case ChainState::Intact:
        text = tr("✔ Chain intact: %1 records verified, none edited, removed or reordered.").arg(detail);
        style = QStringLiteral("#chainState { background: #dff6dd; border: 1px solid #107c10; color: #0b3d0b; }");
        break;
    case ChainState::Broken:
        text =
            tr("✖ CHAIN BROKEN: %1. The log was altered; the records after this point are not evidence.").arg(detail);
        style = QStringLiteral("#chainState { background: #fde7e9; border: 1px solid #a4262c; color: #5c0f14;"
                               " font-weight: bold; }");
        break;
    case ChainState::Empty:
        text = tr("No actions recorded yet.");
        break;
    }
    m_chain->setText(text);
    m_chain->setStyleSheet(
        style.isEmpty()
            ? QString()
            : style.replace(QStringLiteral("; }"), QStringLiteral("; border-radius: 3px; padding: 4px 8px; }")));
}

QString AuditView::selectedAction() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? current.siblingAtColumn(0).data(AuditLogModel::ActionIdRole).toString() : QString();
}

void AuditView::updateAck()
{
    const QModelIndex current = m_view->currentIndex();
    const bool needs = current.isValid() && current.siblingAtColumn(0).data(AuditLogModel::NeedsAckRole).toBool();
    m_ackReason->setEnabled(needs);
    m_ack->setEnabled(needs && !m_ackReason->text().trimmed().isEmpty());
    m_ack->setToolTip(needs ? tr("Records that you checked what became of this action (as `rolldeck audit ack`)")
                            : tr("Select an action whose outcome is unknown"));
}

void AuditView::updateUnknown()
{
    const int unknown = m_model ? m_model->needingAck() : 0;
    m_unknown->setVisible(unknown > 0);
    if (unknown > 0)
        m_unknown->setText(
            tr("Actions with an unknown outcome: %1. The request may or may not have reached the cluster: check "
               "the rollout, then acknowledge it below with what you found.")
                .arg(unknown));
}

void AuditView::chooseExport(const QString &format)
{
    const bool csv = format == QLatin1String("csv");
    const QString suggested = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) +
                              (csv ? QStringLiteral("/rolldeck-audit.csv") : QStringLiteral("/rolldeck-audit.jsonl"));
    const QString path = QFileDialog::getSaveFileName(
        this, csv ? tr("Export the audit log as CSV") : tr("Export the audit log as JSON Lines"), suggested,
        csv ? tr("CSV (*.csv)") : tr("JSON Lines (*.jsonl *.json)"));
    if (!path.isEmpty())
        emit exportRequested(format, path);
}

} // namespace rolldeck
