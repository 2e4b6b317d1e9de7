#include "RolloutsPanel.h"

#include "models/itemmodels/RolloutFilterProxyModel.h"
#include "models/itemmodels/RolloutListModel.h"
#include "RolloutPresentationModel.h"
#include "RolloutRowDelegate.h"
#include "SpanUpdateTreeView.h"
#include "StatusStyle.h"

#include <QComboBox>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QShortcut>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

namespace rolldeck {

namespace {

using Column = RolloutListModel::Column;

// The status buttons' counts read every row (5,000 in a fleet, up to 30 deliveries a second): they need not move
// faster than a person reads them. The first change after a quiet spell is counted at once.
constexpr qint64 kCountInterval = 250;

QString statusButtonText(const QString &status)
{
    if (status == u"Healthy")
        return RolloutsPanel::tr("Healthy");
    if (status == u"Progressing")
        return RolloutsPanel::tr("Progressing");
    if (status == u"Paused")
        return RolloutsPanel::tr("Paused");
    if (status == u"Degraded")
        return RolloutsPanel::tr("Degraded");
    return RolloutsPanel::tr("Unknown");
}

} // namespace

QStringList RolloutsPanel::filterStatuses()
{
    return {QStringLiteral("Healthy"), QStringLiteral("Progressing"), QStringLiteral("Paused"),
            QStringLiteral("Degraded"), QStringLiteral("Unknown")};
}

RolloutsPanel::RolloutsPanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("rolloutsPanel"));
    m_filter = new RolloutFilterProxyModel(this);
    m_presentation = new RolloutPresentationModel(this);
    m_presentation->setSourceModel(m_filter);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(6);

    m_staleBanner = new QFrame(this);
    m_staleBanner->setObjectName(QStringLiteral("staleBanner"));
    m_staleBanner->setStyleSheet(QStringLiteral("#staleBanner { background: #fff4ce; border: 1px solid #e0b400;"
                                                " border-radius: 3px; } #staleBanner QLabel { color: #5c4300; }"));
    m_staleLayout = new QVBoxLayout(m_staleBanner);
    m_staleLayout->setContentsMargins(8, 4, 8, 4);
    m_staleLayout->setSpacing(2);
    m_staleBanner->hide();
    layout->addWidget(m_staleBanner);

    auto *bar = new QHBoxLayout;
    bar->setSpacing(4);
    m_filterEdit = new QLineEdit(this);
    m_filterEdit->setObjectName(QStringLiteral("filterEdit"));
    m_filterEdit->setPlaceholderText(tr("Filter by name or namespace"));
    m_filterEdit->setClearButtonEnabled(true);
    m_filterEdit->setMinimumWidth(260);
    connect(m_filterEdit, &QLineEdit::textChanged, this, &RolloutsPanel::onFilterEdited);
    // Ctrl+F from anywhere in the window: find the rollout in seconds.
    auto *find = new QShortcut(QKeySequence::Find, this);
    connect(find, &QShortcut::activated, this, [this] {
        m_filterEdit->setFocus(Qt::ShortcutFocusReason);
        m_filterEdit->selectAll();
    });
    bar->addWidget(m_filterEdit, 1);

    for (const QString &status : filterStatuses()) {
        auto *button = new QToolButton(this);
        button->setObjectName(QStringLiteral("statusFilter") + status);
        button->setCheckable(true);
        button->setText(statusButtonText(status));
        button->setIcon(statusIconFor(statusSeverity(status)));
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        button->setAutoRaise(true);
        button->setToolTip(tr("Show only rollouts with these statuses (none checked: all)"));
        connect(button, &QToolButton::toggled, this, &RolloutsPanel::onStatusToggled);
        m_statusButtons.insert(status, button);
        bar->addWidget(button);
    }

    m_attentionButton = new QToolButton(this);
    m_attentionButton->setObjectName(QStringLiteral("attentionButton"));
    m_attentionButton->setCheckable(true);
    m_attentionButton->setText(tr("Needs attention"));
    m_attentionButton->setIcon(statusIconFor(StatusSeverity::Error));
    m_attentionButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_attentionButton->setAutoRaise(true);
    m_attentionButton->setToolTip(
        tr("Degraded, failed or unknown rollouts, rollouts paused for a decision, and clusters whose data is stale"));
    connect(m_attentionButton, &QToolButton::toggled, this, [this](bool on) { m_filter->setAttentionOnly(on); });
    bar->addWidget(m_attentionButton);

    m_environmentCombo = new QComboBox(this);
    m_environmentCombo->setObjectName(QStringLiteral("environmentCombo"));
    m_environmentCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_environmentCombo->setToolTip(tr("Show one environment of the workspace"));
    m_environmentCombo->addItem(tr("All environments"));
    m_environmentCombo->hide();
    connect(m_environmentCombo, &QComboBox::currentIndexChanged, this, &RolloutsPanel::onEnvironmentChosen);
    bar->addWidget(m_environmentCombo);

    m_clusterCombo = new QComboBox(this);
    m_clusterCombo->setObjectName(QStringLiteral("clusterCombo"));
    m_clusterCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_clusterCombo->addItem(tr("All clusters"));
    connect(m_clusterCombo, &QComboBox::currentIndexChanged, this, &RolloutsPanel::onClusterChosen);
    bar->addWidget(m_clusterCombo);
    layout->addLayout(bar);

    m_view = new SpanUpdateTreeView(this);
    m_view->setObjectName(QStringLiteral("rolloutsView"));
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSortingEnabled(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setModel(m_presentation);
    m_view->setItemDelegate(new RolloutRowDelegate(m_view));
    m_view->sortByColumn(int(Column::Status), Qt::DescendingOrder);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionsMovable(true);
    // Opening a row: double-click, or Enter/Return on the current row. (Not through QAbstractItemView::activated:
    // with that signal connected the view takes Ctrl+F for itself and the find shortcut above stops working.)
    const auto open = [this](const QModelIndex &index) {
        if (!index.isValid())
            return;
        emit rolloutActivated(index.data(RolloutListModel::ClusterRole).toString(),
                              index.data(RolloutListModel::NamespaceRole).toString(),
                              index.data(RolloutListModel::NameRole).toString());
    };
    connect(m_view, &QTreeView::doubleClicked, this, open);
    for (const QKeySequence &key : {QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)}) {
        auto *enter = new QShortcut(key, m_view);
        enter->setContext(Qt::WidgetShortcut);
        connect(enter, &QShortcut::activated, this, [this, open] { open(m_view->currentIndex()); });
    }
    layout->addWidget(m_view, 1);
    m_emptyLabel = new QLabel(m_view->viewport());
    m_emptyLabel->setObjectName(QStringLiteral("emptyTableLabel"));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setEnabled(false); // the palette's muted text colour
    m_emptyLabel->setWordWrap(true);
    m_watchAllButton = new QToolButton(m_view->viewport());
    m_watchAllButton->setObjectName(QStringLiteral("watchAllNamespacesButton"));
    m_watchAllButton->setText(tr("Watch all namespaces"));
    m_watchAllButton->setToolTip(tr("Watch every namespace of every connected cluster"));
    m_watchAllButton->hide();
    connect(m_watchAllButton, &QToolButton::clicked, this, &RolloutsPanel::watchAllNamespacesRequested);
    auto *overlay = new QVBoxLayout(m_view->viewport());
    overlay->addStretch();
    overlay->addWidget(m_emptyLabel);
    overlay->addWidget(m_watchAllButton, 0, Qt::AlignHCenter);
    overlay->addStretch();

    auto *footer = new QHBoxLayout;
    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("countLabel"));
    footer->addWidget(m_countLabel);
    m_scopeLabel = new QLabel(this);
    m_scopeLabel->setObjectName(QStringLiteral("scopeLabel"));
    m_scopeLabel->setTextFormat(Qt::PlainText);
    m_scopeLabel->setEnabled(false); // muted: a fact about the view, not news
    footer->addWidget(m_scopeLabel, 1);
    layout->addLayout(footer);

    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &RolloutsPanel::updateCount);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &RolloutsPanel::updateCount);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &RolloutsPanel::updateCount);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &RolloutsPanel::updateCount);

    // Ages are shown to the second below two minutes; refresh them every second.
    m_ageTimer = new QTimer(this);
    m_ageTimer->setInterval(1000);
    connect(m_ageTimer, &QTimer::timeout, this, [this] {
        if (m_model)
            m_model->refreshAge();
    });
    m_countTimer = new QTimer(this);
    m_countTimer->setSingleShot(true);
    connect(m_countTimer, &QTimer::timeout, this, &RolloutsPanel::updateStatusCounts);
    updateCount();
    updateStatusCounts();
}

RolloutsPanel::~RolloutsPanel() = default;

void RolloutsPanel::setModel(RolloutListModel *model)
{
    for (const auto &c : std::as_const(m_modelConnections))
        disconnect(c);
    m_modelConnections.clear();
    m_model = model;
    m_filter->setSourceModel(model);
    applyColumnWidths();
    if (model) {
        m_modelConnections << connect(model, &RolloutListModel::clusterStalenessChanged, this, [this] {
            updateStaleBanner();
            updateClusterChoices();
        });
        m_modelConnections << connect(model, &RolloutListModel::environmentsChanged, this,
                                      &RolloutsPanel::updateEnvironmentChoices);
        m_modelConnections << connect(model, &QAbstractItemModel::rowsInserted, this,
                                      &RolloutsPanel::updateClusterChoices);
        m_modelConnections << connect(model, &QAbstractItemModel::rowsRemoved, this,
                                      &RolloutsPanel::updateClusterChoices);
        m_modelConnections << connect(model, &QAbstractItemModel::rowsInserted, this, &RolloutsPanel::updateCount);
        m_modelConnections << connect(model, &QAbstractItemModel::rowsRemoved, this, &RolloutsPanel::updateCount);
        m_modelConnections << connect(model, &QAbstractItemModel::rowsInserted, this,
                                      &RolloutsPanel::scheduleStatusCounts);
        m_modelConnections << connect(model, &QAbstractItemModel::rowsRemoved, this,
                                      &RolloutsPanel::scheduleStatusCounts);
        m_modelConnections << connect(model, &QAbstractItemModel::modelReset, this,
                                      &RolloutsPanel::scheduleStatusCounts);
        m_modelConnections << connect(model, &QAbstractItemModel::dataChanged, this,
                                      [this](const QModelIndex &, const QModelIndex &, const QList<int> &roles) {
                                          if (roles.isEmpty() || roles.contains(RolloutListModel::StatusRole) ||
                                              roles.contains(RolloutListModel::AttentionRole))
                                              scheduleStatusCounts();
                                      });
        m_ageTimer->start();
    } else {
        m_ageTimer->stop();
    }
    updateStaleBanner();
    updateEnvironmentChoices();
    updateClusterChoices();
    updateCount();
    updateStatusCounts();
}

void RolloutsPanel::applyColumnWidths()
{
    // Sections exist only once a source model gives the proxies their columns.
    QHeaderView *header = m_view->header();
    if (header->count() != int(Column::Count))
        return;
    const QFontMetrics fm(m_view->font());
    const auto widthFor = [&fm](const QString &sample) { return fm.horizontalAdvance(sample) + 28; };
    header->resizeSection(int(Column::Cluster), widthFor(QStringLiteral("production-eu-west-1")));
    header->resizeSection(int(Column::Namespace), widthFor(QStringLiteral("payments-gateway")));
    header->resizeSection(int(Column::Name), widthFor(QStringLiteral("checkout-frontend-canary")));
    header->resizeSection(int(Column::Strategy), widthFor(QStringLiteral("BlueGreen")));
    header->resizeSection(int(Column::Status), widthFor(QStringLiteral("Progressing")) + 20);
    header->resizeSection(int(Column::Step), widthFor(QStringLiteral("10/10")));
    header->resizeSection(int(Column::SetWeight), widthFor(tr("Set weight")));
    header->resizeSection(int(Column::ActualWeight), widthFor(tr("Actual weight")));
    header->resizeSection(int(Column::Ready), widthFor(QStringLiteral("100/100")));
    header->resizeSection(int(Column::LastAction), widthFor(QStringLiteral("alice@example.com, 59m ago")));
    header->resizeSection(int(Column::Age), widthFor(QStringLiteral("23h59m")));
    header->setSectionResizeMode(int(Column::Name), QHeaderView::Stretch);
}

void RolloutsPanel::onFilterEdited(const QString &text)
{
    m_filter->setFilterText(text);
    updateCount();
}

void RolloutsPanel::onStatusToggled()
{
    QSet<QString> statuses;
    for (auto it = m_statusButtons.cbegin(); it != m_statusButtons.cend(); ++it) {
        if (it.value()->isChecked())
            statuses.insert(it.key());
    }
    m_filter->setStatusFilter(statuses);
    updateCount();
}

void RolloutsPanel::onClusterChosen(int index)
{
    const QString cluster = index > 0 ? m_clusterCombo->itemData(index).toString() : QString();
    m_filter->setClusterFilter(cluster.isEmpty() ? QSet<QString>{} : QSet<QString>{cluster});
    updateCount();
}

void RolloutsPanel::onEnvironmentChosen(int index)
{
    const QString environment = index > 0 ? m_environmentCombo->itemData(index).toString() : QString();
    m_filter->setEnvironmentFilter(environment.isEmpty() ? QSet<QString>{} : QSet<QString>{environment});
    updateCount();
}

void RolloutsPanel::updateEnvironmentChoices()
{
    // The workspace's order, not alphabetical: production first when the workspace lists it first.
    const QStringList environments = m_model ? m_model->environments() : QStringList{};
    const QString current = m_environmentCombo->currentData().toString();
    {
        const QSignalBlocker blocker(m_environmentCombo);
        while (m_environmentCombo->count() > 1)
            m_environmentCombo->removeItem(1);
        for (const QString &e : environments)
            m_environmentCombo->addItem(e, e);
    }
    m_environmentCombo->setVisible(!environments.isEmpty());
    if (!environments.isEmpty()) {
        // The Cluster column now reads "production (ctx)": room for the longest environment and a context.
        const QFontMetrics fm(m_view->font());
        int width = m_view->header()->sectionSize(int(Column::Cluster));
        for (const QString &e : environments)
            width = std::max(width, fm.horizontalAdvance(e + QStringLiteral(" (production-eu-1)")) + 28);
        m_view->header()->resizeSection(int(Column::Cluster), width);
    }
    const int keep = current.isEmpty() ? 0 : m_environmentCombo->findData(current);
    const QSignalBlocker blocker(m_environmentCombo);
    m_environmentCombo->setCurrentIndex(keep < 0 ? 0 : keep);
    if (keep < 0)
        onEnvironmentChosen(0);
}

void RolloutsPanel::updateClusterChoices()
{
    const QStringList clusters = m_model ? m_model->clusters() : QStringList{};
    QStringList shown;
    for (int i = 1; i < m_clusterCombo->count(); ++i)
        shown << m_clusterCombo->itemData(i).toString();
    if (shown == clusters)
        return;
    const QString current = m_clusterCombo->currentData().toString();
    const QSignalBlocker blocker(m_clusterCombo);
    while (m_clusterCombo->count() > 1)
        m_clusterCombo->removeItem(1);
    for (const QString &c : clusters)
        m_clusterCombo->addItem(c, c);
    const int keep = current.isEmpty() ? 0 : m_clusterCombo->findData(current);
    m_clusterCombo->setCurrentIndex(keep < 0 ? 0 : keep);
    if (keep < 0)
        onClusterChosen(0); // the chosen cluster went away: show all again
}

void RolloutsPanel::updateStaleBanner()
{
    while (QLayoutItem *item = m_staleLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    const QStringList stale = m_model ? m_model->staleClusters() : QStringList{};
    for (const QString &cluster : stale) {
        auto *label = new QLabel(QStringLiteral("⚠ ") +
                                     RolloutPresentationModel::staleText(cluster, m_model->clusterStaleness(cluster)),
                                 m_staleBanner);
        label->setObjectName(QStringLiteral("staleLabel_") + cluster);
        label->setTextFormat(Qt::PlainText);
        m_staleLayout->addWidget(label);
    }
    m_staleBanner->setVisible(!stale.isEmpty());
}

void RolloutsPanel::scheduleStatusCounts()
{
    if (m_countTimer->isActive())
        return;
    const qint64 since = m_sinceCount.isValid() ? m_sinceCount.elapsed() : kCountInterval;
    m_countTimer->start(int(std::max<qint64>(0, kCountInterval - since)));
}

void RolloutsPanel::updateStatusCounts()
{
    m_countTimer->stop();
    // Only a count of rows holds the next one back: the first rows to arrive are counted at once.
    if (m_model && m_model->rowCount() > 0)
        m_sinceCount.start();
    else
        m_sinceCount.invalidate();
    // One pass over the rows, by the same severity the status filter matches on.
    QHash<int, int> bySeverity;
    int attention = 0;
    if (m_model) {
        const int rows = m_model->rowCount();
        for (int r = 0; r < rows; ++r) {
            ++bySeverity[int(statusSeverity(m_model->rowAt(r).status))];
            if (m_model->data(m_model->index(r, 0), RolloutListModel::AttentionRole).toBool())
                ++attention;
        }
    }
    for (auto it = m_statusButtons.cbegin(); it != m_statusButtons.cend(); ++it) {
        const int n = bySeverity.value(int(statusSeverity(it.key())));
        it.value()->setText(tr("%1 %2").arg(statusButtonText(it.key())).arg(n));
    }
    m_attentionButton->setText(tr("Needs attention %1").arg(attention));
}

void RolloutsPanel::updateCount()
{
    const int total = m_model ? m_model->rowCount() : 0;
    const int shown = m_filter->rowCount();
    // Spelled out rather than %n: there is no English translation file to supply the plural forms.
    const QString all = total == 1 ? tr("1 rollout") : tr("%1 rollouts").arg(total);
    m_countLabel->setText(shown == total ? all : tr("%1 of %2").arg(shown).arg(all));
    // An empty table says why it is empty, and what was looked at.
    m_watchAllButton->setVisible(shown == 0 && total == 0 && m_hasScope && m_scope.canWatchAll);
    if (shown > 0) {
        m_emptyLabel->hide();
    } else if (total > 0) {
        m_emptyLabel->setText(tr("No rollouts match the filters."));
        m_emptyLabel->show();
    } else {
        m_emptyLabel->setText(m_hasScope && m_scope.clusters > 0 ? tr("%1: no rollouts.").arg(scopeText(m_scope))
                                                                 : tr("No rollouts in the connected clusters yet."));
        m_emptyLabel->show();
    }
}

void RolloutsPanel::chooseEnvironment(const QString &environment)
{
    const int index = environment.isEmpty() ? 0 : m_environmentCombo->findData(environment);
    m_environmentCombo->setCurrentIndex(std::max(0, index));
    if (!environment.isEmpty() || m_clusterCombo->currentIndex() != 0)
        m_clusterCombo->setCurrentIndex(0);
}

void RolloutsPanel::chooseCluster(const QString &cluster)
{
    const int index = cluster.isEmpty() ? 0 : m_clusterCombo->findData(cluster);
    m_clusterCombo->setCurrentIndex(std::max(0, index));
    if (m_environmentCombo->currentIndex() != 0)
        m_environmentCombo->setCurrentIndex(0);
}

QString RolloutsPanel::scopeText(const WatchScope &scope)
{
    const QString clusters = scope.clusters == 1 ? tr("1 cluster") : tr("%1 clusters").arg(scope.clusters);
    QString namespaces;
    if (scope.allNamespaces)
        namespaces = tr("all namespaces");
    else if (scope.namespaces.size() == 1)
        namespaces = tr("namespace %1").arg(scope.namespaces.first());
    else
        namespaces = tr("namespaces %1").arg(scope.namespaces.join(QStringLiteral(", ")));
    return tr("%1, %2").arg(clusters, namespaces);
}

void RolloutsPanel::setWatchScope(const WatchScope &scope)
{
    m_scope = scope;
    m_hasScope = true;
    QString text = tr("Watching %1").arg(scopeText(scope));
    // Say where the view is narrower than asked for, and why.
    for (const QString &context : scope.narrowedContexts)
        text += QStringLiteral(" · ") +
                tr("%1 may not list rollouts in all namespaces: its own namespace only").arg(context);
    m_scopeLabel->setText(text);
    updateCount();
}

} // namespace rolldeck
