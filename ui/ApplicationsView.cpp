#include "ApplicationsView.h"

#include "models/argocd/ApplicationModel.h"
#include "StatusStyle.h"

#include <QFont>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIdentityProxyModel>
#include <QLabel>
#include <QPalette>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTreeView>
#include <QVBoxLayout>

namespace rolldeck {

namespace {

StatusSeverity healthSeverity(const QString &health)
{
    if (health == QLatin1String("Healthy") || health == QLatin1String("Synced"))
        return StatusSeverity::Healthy;
    if (health == QLatin1String("Progressing") || health == QLatin1String("Running"))
        return StatusSeverity::Progressing;
    if (health == QLatin1String("Suspended"))
        return StatusSeverity::Paused;
    if (health == QLatin1String("Degraded") || health == QLatin1String("Failed") || health == QLatin1String("Error"))
        return StatusSeverity::Degraded;
    if (health == QLatin1String("OutOfSync"))
        return StatusSeverity::Paused;
    return StatusSeverity::Unknown;
}

// Health, sync and operation get their colour and glyph here; the model stays QtCore-only.
class ApplicationPresentation : public QIdentityProxyModel
{
public:
    using QIdentityProxyModel::QIdentityProxyModel;
    QVariant data(const QModelIndex &index, int role) const override
    {
        if (role == Qt::DecorationRole) {
            using C = ApplicationModel::Column;
            const C column = C(index.column());
            QString value;
            if (column == C::Health)
                value = index.data(ApplicationModel::HealthRole).toString();
            else if (column == C::Sync)
                value = index.data(ApplicationModel::SyncRole).toString();
            else if (column == C::Operation)
                value = index.data(ApplicationModel::OperationRole).toString();
            if (!value.isEmpty() && value != QLatin1String("Succeeded"))
                return statusIconFor(healthSeverity(value));
            if (value == QLatin1String("Succeeded"))
                return statusIconFor(StatusSeverity::Healthy);
        }
        // A server whose stream is down: its applications are what it said last, greyed and in italics (the banner
        // above says since when; the tooltip says it per row), never dressed as live.
        if ((role == Qt::ForegroundRole || role == Qt::FontRole) && index.data(ApplicationModel::StaleRole).toBool()) {
            if (role == Qt::ForegroundRole)
                return QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text);
            QFont italic;
            italic.setItalic(true);
            return italic;
        }
        return QIdentityProxyModel::data(index, role);
    }
};

} // namespace

ApplicationsView::ApplicationsView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("applicationsView"));
    auto *layout = new QVBoxLayout(this);
    m_stale = new QLabel(this);
    m_stale->setObjectName(QStringLiteral("applicationsStale"));
    m_stale->setStyleSheet(QStringLiteral("#applicationsStale { background: #fff4ce; color: #5c4400;"
                                          " border: 1px solid #c19c00; border-radius: 3px; padding: 4px; }"));
    m_stale->hide();
    layout->addWidget(m_stale);

    auto *split = new QSplitter(Qt::Vertical, this);
    m_tree = new QTreeView(split);
    m_tree->setObjectName(QStringLiteral("applicationsTree"));
    m_tree->setUniformRowHeights(true);
    m_tree->setAllColumnsShowFocus(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setSortingEnabled(false);

    auto *detail = new QWidget(split);
    auto *d = new QVBoxLayout(detail);
    d->setContentsMargins(0, 0, 0, 0);
    m_title = new QLabel(detail);
    m_title->setObjectName(QStringLiteral("applicationTitle"));
    QFont bold = m_title->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    m_title->setFont(bold);
    m_summary = new QLabel(detail);
    m_summary->setObjectName(QStringLiteral("applicationSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    d->addWidget(m_title);
    d->addWidget(m_summary);
    m_history = new QTableWidget(0, 4, detail);
    m_history->setObjectName(QStringLiteral("applicationHistory"));
    m_history->setHorizontalHeaderLabels({tr("History"), tr("Revision"), tr("Deployed"), tr("By")});
    m_history->horizontalHeader()->setStretchLastSection(true);
    m_history->verticalHeader()->hide();
    m_history->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_history->setSelectionMode(QAbstractItemView::SingleSelection);
    m_history->setEditTriggers(QAbstractItemView::NoEditTriggers);
    d->addWidget(m_history, 1);
    m_autoSyncNote = new QLabel(detail);
    m_autoSyncNote->setObjectName(QStringLiteral("autoSyncNote"));
    m_autoSyncNote->setWordWrap(true);
    m_autoSyncNote->setText(tr("Auto-sync is on: Argo CD refuses a rollback here, because it would sync straight back "
                               "to the branch. Turn auto-sync off, then roll back; or revert the change in Git."));
    d->addWidget(m_autoSyncNote);
    auto *buttons = new QHBoxLayout;
    m_sync = new QPushButton(tr("&Sync…"), detail);
    m_sync->setObjectName(QStringLiteral("syncButton"));
    m_diff = new QPushButton(tr("&Diff against Git…"), detail);
    m_diff->setObjectName(QStringLiteral("diffButton"));
    m_diff->setToolTip(tr("What Argo CD compares: each resource's live state against what Git wants"));
    m_rollback = new QPushButton(tr("&Roll back to the selected revision…"), detail);
    m_rollback->setObjectName(QStringLiteral("rollbackButton"));
    m_terminate = new QPushButton(tr("&Terminate the operation…"), detail);
    m_terminate->setObjectName(QStringLiteral("terminateButton"));
    m_autoSyncOff = new QPushButton(tr("Turn auto-sync &off…"), detail);
    m_autoSyncOff->setObjectName(QStringLiteral("autoSyncOffButton"));
    buttons->addWidget(m_sync);
    buttons->addWidget(m_diff);
    buttons->addWidget(m_rollback);
    buttons->addWidget(m_terminate);
    buttons->addWidget(m_autoSyncOff);
    buttons->addStretch();
    d->addLayout(buttons);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);

    connect(m_sync, &QPushButton::clicked, this, [this] { Q_EMIT syncRequested(currentApplication()); });
    connect(m_diff, &QPushButton::clicked, this, [this] { Q_EMIT diffRequested(currentApplication()); });
    connect(m_rollback, &QPushButton::clicked, this,
            [this] { Q_EMIT rollbackRequested(currentApplication(), chosenHistoryId()); });
    connect(m_terminate, &QPushButton::clicked, this, [this] { Q_EMIT terminateRequested(currentApplication()); });
    connect(m_autoSyncOff, &QPushButton::clicked, this, [this] { Q_EMIT autoSyncOffRequested(currentApplication()); });
    connect(m_history, &QTableWidget::itemSelectionChanged, this,
            [this] { m_rollback->setEnabled(chosenHistoryId() > 0); });
    showCurrent();
}

void ApplicationsView::setModel(ApplicationModel *model)
{
    m_model = model;
    auto *presentation = new ApplicationPresentation(this);
    presentation->setSourceModel(model);
    m_tree->setModel(presentation);
    m_tree->expandAll();
    m_tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    connect(presentation, &QAbstractItemModel::modelReset, m_tree, &QTreeView::expandAll);
    connect(presentation, &QAbstractItemModel::rowsInserted, m_tree, &QTreeView::expandAll);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &ApplicationsView::showCurrent);
    // An application asked for before it was listed (the view opened as the feed starts) is chosen when it arrives,
    // unless another one was chosen meanwhile.
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &current) {
        if (current.isValid())
            m_pendingSelection.clear();
    });
    const auto selectPending = [this] {
        if (!m_pendingSelection.isEmpty())
            selectApplication(m_pendingSelection);
    };
    connect(presentation, &QAbstractItemModel::rowsInserted, this, selectPending);
    connect(presentation, &QAbstractItemModel::modelReset, this, selectPending);
    connect(model, &QAbstractItemModel::dataChanged, this, [this] { showCurrent(); });
    connect(model, &QAbstractItemModel::modelReset, this, &ApplicationsView::showCurrent);
    connect(model, &ApplicationModel::stalenessChanged, this, &ApplicationsView::showStaleness);
    showStaleness();
    showCurrent();
}

QString ApplicationsView::currentApplication() const
{
    return m_tree->currentIndex().data(ApplicationModel::KeyRole).toString();
}

void ApplicationsView::selectApplication(const QString &key)
{
    if (!m_model)
        return;
    const QModelIndex source = m_model->indexOf(key);
    auto *proxy = static_cast<QIdentityProxyModel *>(m_tree->model());
    const QModelIndex index = proxy->mapFromSource(source);
    m_pendingSelection = index.isValid() ? QString() : key;
    if (!index.isValid())
        return;
    m_tree->setCurrentIndex(index);
    m_tree->scrollTo(index);
}

qint64 ApplicationsView::chosenHistoryId() const
{
    const QList<QTableWidgetItem *> items = m_history->selectedItems();
    return items.isEmpty() ? 0 : m_history->item(items.first()->row(), 0)->data(Qt::UserRole).toLongLong();
}

void ApplicationsView::showStaleness()
{
    // One line per stale server, naming it: the other servers' applications are live.
    const QMap<QString, Staleness> stale = m_model ? m_model->staleServers() : QMap<QString, Staleness>();
    QStringList lines;
    for (auto it = stale.cbegin(); it != stale.cend(); ++it)
        lines << (it.key().isEmpty() ? tr("Argo CD: %1").arg(it.value().text())
                                     : tr("Argo CD at %1: %2").arg(it.key(), it.value().text()));
    m_stale->setVisible(!lines.isEmpty());
    m_stale->setText(lines.join(QLatin1Char('\n')));
}

void ApplicationsView::fillHistory(const Application &app)
{
    const qint64 chosen = chosenHistoryId();
    m_history->setRowCount(int(app.history.size()));
    // Newest first, as a person reads a history; the newest entry is what is deployed.
    for (int i = 0; i < app.history.size(); ++i) {
        const ApplicationHistoryEntry &h = app.history.at(app.history.size() - 1 - i);
        const bool current = i == 0;
        auto *id = new QTableWidgetItem(current ? tr("%1 (deployed)").arg(h.id) : QString::number(h.id));
        id->setData(Qt::UserRole, h.id);
        m_history->setItem(i, 0, id);
        m_history->setItem(i, 1, new QTableWidgetItem(Application::shortRevision(h.revision)));
        m_history->setItem(
            i, 2, new QTableWidgetItem(h.deployedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))));
        m_history->setItem(
            i, 3, new QTableWidgetItem(h.initiatedBy == QLatin1String("automated") ? tr("auto-sync") : h.initiatedBy));
        if (h.id == chosen)
            m_history->selectRow(i);
    }
    m_history->resizeColumnsToContents();
}

void ApplicationsView::showCurrent()
{
    const Application *app = m_model ? m_model->application(currentApplication()) : nullptr;
    m_sync->setEnabled(app);
    m_diff->setEnabled(app);
    m_terminate->setEnabled(app && app->operationRunning());
    m_autoSyncNote->setVisible(app && app->autoSync);
    m_autoSyncOff->setVisible(app && app->autoSync);
    if (!app) {
        m_title->setText(tr("Choose an application"));
        m_summary->clear();
        m_history->setRowCount(0);
        m_rollback->setEnabled(false);
        return;
    }
    if (app->server.isEmpty())
        m_title->setText(tr("%1 (project %2, namespace %3)").arg(app->name, app->project, app->destinationNamespace));
    else
        m_title->setText(tr("%1 (project %2, namespace %3) on Argo CD at %4")
                             .arg(app->name, app->project, app->destinationNamespace, app->server));
    const QString deployed = app->deployedRevision();
    QString summary =
        deployed.isEmpty() || deployed == app->syncRevision
            ? tr("%1, %2 at %3").arg(app->health, app->syncStatus, Application::shortRevision(app->syncRevision))
            : tr("%1, %2: %3 deployed, the branch's head is %4")
                  .arg(app->health, app->syncStatus, Application::shortRevision(deployed),
                       Application::shortRevision(app->syncRevision));
    if (!app->operationPhase.isEmpty())
        summary += QLatin1Char('\n') + tr("Last operation: %1 %2").arg(app->operationPhase, app->operationMessage);
    if (!app->images.isEmpty())
        summary += QLatin1Char('\n') + tr("Images: %1").arg(app->images.join(QStringLiteral(", ")));
    m_summary->setText(summary);
    fillHistory(*app);
    m_rollback->setEnabled(chosenHistoryId() > 0);
}

} // namespace rolldeck
