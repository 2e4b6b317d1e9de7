#include "EnvironmentMatrixView.h"

#include "models/argocd/EnvironmentMatrixModel.h"
#include "models/domain/Staleness.h"
#include "StatusStyle.h"

#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

namespace rolldeck {

namespace {

StatusSeverity cellSeverity(const QModelIndex &index)
{
    const QString health = index.data(EnvironmentMatrixModel::HealthRole).toString();
    if (index.data(EnvironmentMatrixModel::InProgressRole).toBool())
        return health == QLatin1String("Degraded") ? StatusSeverity::Degraded : StatusSeverity::Progressing;
    if (health == QLatin1String("Healthy"))
        return StatusSeverity::Healthy;
    if (health == QLatin1String("Degraded"))
        return StatusSeverity::Degraded;
    if (health == QLatin1String("Suspended") || health == QLatin1String("Paused"))
        return StatusSeverity::Paused;
    if (health == QLatin1String("Progressing"))
        return StatusSeverity::Progressing;
    return StatusSeverity::Unknown;
}

// A cell: a bar in the health colour on its left, the text beside it; an out-of-sync cell gets a dashed frame.
class MatrixDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        if (!index.data(EnvironmentMatrixModel::PresentRole).toBool()) {
            QStyledItemDelegate::paint(painter, option, index);
            return;
        }
        QStyleOptionViewItem o = option;
        o.rect.adjust(8, 0, 0, 0);
        QStyledItemDelegate::paint(painter, o, index);
        painter->save();
        painter->fillRect(QRect(option.rect.left() + 1, option.rect.top() + 3, 4, option.rect.height() - 6),
                          statusColor(cellSeverity(index)));
        if (index.data(EnvironmentMatrixModel::SyncRole).toString() == QLatin1String("OutOfSync")) {
            painter->setPen(QPen(statusColor(StatusSeverity::Paused), 1, Qt::DashLine));
            painter->drawRect(option.rect.adjusted(0, 0, -1, -1));
        }
        painter->restore();
    }
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QSize s = QStyledItemDelegate::sizeHint(option, index);
        return {s.width() + 12, s.height() + 8};
    }
};

} // namespace

EnvironmentMatrixView::EnvironmentMatrixView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("environmentsMatrix"));
    auto *layout = new QVBoxLayout(this);
    m_stale = new QLabel(this);
    m_stale->setObjectName(QStringLiteral("matrixStale"));
    m_stale->setStyleSheet(QStringLiteral("#matrixStale { background: #fff4ce; color: #5c4400;"
                                          " border: 1px solid #c19c00; border-radius: 3px; padding: 4px; }"));
    m_stale->hide();
    layout->addWidget(m_stale);
    auto *hint = new QLabel(tr("Each cell: revision and image, health and sync, a rollout in progress with its step. "
                               "Open a cell (double-click or Enter) to see the rollout or the application."),
                            this);
    hint->setWordWrap(true);
    layout->addWidget(hint);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("matrixTable"));
    m_table->setItemDelegate(new MatrixDelegate(m_table));
    m_table->setWordWrap(true);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    layout->addWidget(m_table, 1);
    connect(m_table, &QTableView::activated, this, &EnvironmentMatrixView::activate);
}

void EnvironmentMatrixView::setModel(EnvironmentMatrixModel *model)
{
    m_model = model;
    m_table->setModel(model);
}

void EnvironmentMatrixView::setStaleness(const Staleness &staleness)
{
    QMap<QString, Staleness> byServer;
    if (staleness.isStale())
        byServer.insert(QString(), staleness);
    setStaleness(byServer);
}

void EnvironmentMatrixView::setStaleness(const QMap<QString, Staleness> &byServer)
{
    QStringList lines;
    for (auto it = byServer.cbegin(); it != byServer.cend(); ++it)
        if (it.value().isStale())
            lines << (it.key().isEmpty() ? tr("Argo CD: %1").arg(it.value().text())
                                         : tr("Argo CD at %1: %2").arg(it.key(), it.value().text()));
    m_stale->setVisible(!lines.isEmpty());
    m_stale->setText(lines.join(QLatin1Char('\n')));
}

void EnvironmentMatrixView::activate(const QModelIndex &index)
{
    if (!index.isValid() || !index.data(EnvironmentMatrixModel::PresentRole).toBool())
        return;
    const QString context = index.data(EnvironmentMatrixModel::ContextRole).toString();
    if (!context.isEmpty())
        Q_EMIT rolloutRequested(context, index.data(EnvironmentMatrixModel::NamespaceRole).toString(),
                                index.data(EnvironmentMatrixModel::RolloutRole).toString());
    else
        Q_EMIT applicationRequested(index.data(EnvironmentMatrixModel::ApplicationKeyRole).toString());
}

} // namespace rolldeck
