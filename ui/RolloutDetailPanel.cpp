#include "RolloutDetailPanel.h"

#include "SelectableLabel.h"
#include "AlertsPanel.h"
#include "CanaryJudgeSection.h"
#include "GuardSection.h"

#include "models/domain/Duration.h"
#include "models/itemmodels/RolloutDetailModel.h"
#include "RolloutOverview.h"
#include "ui/ActionBar.h"
#include "StatusStyle.h"
#include "TrafficSlider.h"
#include "models/itemmodels/RolloutEventModel.h"
#include "models/itemmodels/TrafficModel.h"

#include <QColor>
#include <QFont>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIdentityProxyModel>
#include <QLabel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include <chrono>

namespace rolldeck {

namespace {

using Column = RolloutDetailModel::Column;

// Draws the status glyphs as icons (the fonts may lack ॥), as the rollouts table does.
class DetailPresentationModel : public QIdentityProxyModel
{
public:
    using QIdentityProxyModel::QIdentityProxyModel;

    QVariant data(const QModelIndex &index, int role) const override
    {
        if (role == Qt::DecorationRole && index.column() == int(Column::Status) &&
            !QIdentityProxyModel::data(index, RolloutDetailModel::StatusIconRole).toString().isEmpty()) {
            return statusIconFor(
                StatusSeverity(QIdentityProxyModel::data(index, RolloutDetailModel::SeverityRole).toInt()));
        }
        if (role == Qt::AccessibleTextRole && index.column() == int(Column::Status))
            return QString(QIdentityProxyModel::data(index, RolloutDetailModel::StatusIconRole).toString() + u' ' +
                           QIdentityProxyModel::data(index, Qt::DisplayRole).toString());
        return QIdentityProxyModel::data(index, role);
    }
};

// The traffic table: status icons, and problem rows tinted so a mismatch cannot be overlooked.
class TrafficPresentationModel : public QIdentityProxyModel
{
public:
    using QIdentityProxyModel::QIdentityProxyModel;

    QVariant data(const QModelIndex &index, int role) const override
    {
        const auto severity = StatusSeverity(QIdentityProxyModel::data(index, TrafficModel::SeverityRole).toInt());
        const bool problem = severity == StatusSeverity::Degraded || severity == StatusSeverity::Error;
        if (role == Qt::DecorationRole && index.column() == int(TrafficModel::Column::Status))
            return statusIconFor(severity);
        if (role == Qt::BackgroundRole && problem)
            return severity == StatusSeverity::Error ? QColor::fromRgb(0xff, 0xf4, 0xce)
                                                     : QColor::fromRgb(0xfd, 0xe7, 0xe9);
        if (role == Qt::ForegroundRole && problem)
            return QColor::fromRgb(0x1f, 0x1f, 0x1f);
        if (role == Qt::FontRole && problem && index.column() == int(TrafficModel::Column::Status)) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return QIdentityProxyModel::data(index, role);
    }
};

// The Events list: warnings tinted; Rolldeck's own (someone acted) in bold.
class EventPresentationModel : public QIdentityProxyModel
{
public:
    using QIdentityProxyModel::QIdentityProxyModel;

    QVariant data(const QModelIndex &index, int role) const override
    {
        const bool warning = QIdentityProxyModel::data(index, RolloutEventModel::WarningRole).toBool();
        if (role == Qt::DecorationRole && index.column() == int(RolloutEventModel::Column::Type))
            return statusIconFor(warning ? StatusSeverity::Error : StatusSeverity::Healthy);
        if (role == Qt::ForegroundRole && warning)
            return statusColor(StatusSeverity::Degraded);
        if (role == Qt::FontRole && QIdentityProxyModel::data(index, RolloutEventModel::FromRolldeckRole).toBool()) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return QIdentityProxyModel::data(index, role);
    }
};

QString strategyText(const QString &strategy)
{
    if (strategy == u"Canary")
        return RolloutDetailPanel::tr("Canary");
    if (strategy == u"BlueGreen")
        return RolloutDetailPanel::tr("Blue-green");
    return strategy;
}

} // namespace

RolloutDetailPanel::RolloutDetailPanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("rolloutDetailPanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(6);

    auto *header = new QHBoxLayout;
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("detailTitle"));
    m_title->setTextFormat(Qt::PlainText);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    header->addWidget(m_title, 1);
    m_closeButton = new QToolButton(this);
    m_closeButton->setObjectName(QStringLiteral("detailCloseButton"));
    m_closeButton->setText(tr("Close"));
    m_closeButton->setToolTip(tr("Close the detail and stop watching its objects"));
    m_closeButton->setAutoRaise(true);
    connect(m_closeButton, &QToolButton::clicked, this, &RolloutDetailPanel::closeRequested);
    header->addWidget(m_closeButton);
    layout->addLayout(header);
    m_actions = new ActionBar(this);
    m_actions->setObjectName(QStringLiteral("detailActionBar"));
    connect(m_actions, &ActionBar::actionRequested, this, &RolloutDetailPanel::actionRequested);
    layout->addWidget(m_actions);

    m_stale = new QLabel(this);
    m_stale->setObjectName(QStringLiteral("detailStaleLabel"));
    m_stale->setTextFormat(Qt::PlainText);
    m_stale->setStyleSheet(QStringLiteral("#detailStaleLabel { background: #fff4ce; border: 1px solid #e0b400;"
                                          " border-radius: 3px; color: #5c4300; padding: 3px 8px; }"));
    m_stale->hide();
    layout->addWidget(m_stale);

    m_placeholder = new QLabel(this);
    m_placeholder->setObjectName(QStringLiteral("detailPlaceholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setEnabled(false);
    layout->addWidget(m_placeholder, 1);

    m_content = new QWidget(this);
    auto *content = new QHBoxLayout(m_content);
    content->setContentsMargins(0, 0, 0, 0);
    content->setSpacing(12);
    auto *summary = new QWidget(m_content);
    summary->setObjectName(QStringLiteral("detailSummary"));
    m_form = new QFormLayout(summary);
    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->setLabelAlignment(Qt::AlignRight);

    auto *statusRow = new QWidget(summary);
    auto *statusLayout = new QHBoxLayout(statusRow);
    statusLayout->setContentsMargins(0, 0, 0, 0);
    statusLayout->setSpacing(4);
    m_statusIcon = new QLabel(statusRow);
    m_statusIcon->setObjectName(QStringLiteral("detailStatusIcon"));
    m_status = new QLabel(statusRow);
    m_status->setObjectName(QStringLiteral("detailStatus"));
    m_status->setTextFormat(Qt::PlainText);
    statusLayout->addWidget(m_statusIcon);
    statusLayout->addWidget(m_status, 1);
    m_form->addRow(tr("Status:"), statusRow);
    m_message = addField(QStringLiteral("detailMessage"), tr("Message:"));
    m_message->setWordWrap(true);
    m_strategy = addField(QStringLiteral("detailStrategy"), tr("Strategy:"));
    m_step = addField(QStringLiteral("detailStep"), tr("Step:"));
    m_setWeight = addField(QStringLiteral("detailSetWeight"), tr("Set weight:"));
    m_actualWeight = addField(QStringLiteral("detailActualWeight"), tr("Actual weight:"));
    m_pause = addField(QStringLiteral("detailPauseRemaining"), tr("Pause remaining:"));
    m_replicas = addField(QStringLiteral("detailReplicas"), tr("Replicas:"));
    m_images = addField(QStringLiteral("detailImages"), tr("Images:"));
    summary->setMinimumWidth(320);
    summary->setMaximumWidth(480);
    // Under the summary: the guard's triggers and the rollout's alerts.
    auto *left = new QVBoxLayout;
    left->setSpacing(6);
    left->addWidget(summary);
    m_guard = new GuardSection(m_content);
    m_guard->setMaximumWidth(480);
    left->addWidget(m_guard);
    m_alerts = new AlertsPanel(m_content);
    m_alerts->setMaximumWidth(480);
    left->addWidget(m_alerts);
    left->addStretch(1);
    content->addLayout(left);

    m_view = new QTreeView(m_content);
    m_view->setObjectName(QStringLiteral("detailTree"));
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->setModel(new DetailPresentationModel(this));
    m_view->header()->setStretchLastSection(true);
    // Right of the summary: the timeline (or the blue-green sides) and the traffic bar over the revision tree.
    auto *right = new QVBoxLayout;
    right->setSpacing(8);
    m_overview = new RolloutOverview(m_content);
    right->addWidget(m_overview);
    connect(m_overview->trafficBar(), &TrafficSlider::stopProposed, this, &RolloutDetailPanel::trafficStopRequested);
    // Below the revision tree, the rollout's Events: what the controller did and who acted through Rolldeck.
    auto *split = new QSplitter(Qt::Vertical, m_content);
    split->setObjectName(QStringLiteral("detailTreeEventsSplitter"));
    split->setChildrenCollapsible(false);
    split->addWidget(m_view);
    auto *events = new QWidget(split);
    auto *eventsLayout = new QVBoxLayout(events);
    eventsLayout->setContentsMargins(0, 4, 0, 0);
    eventsLayout->setSpacing(2);
    auto *eventsTitle = new QLabel(tr("Events"), events);
    QFont eventsFont = eventsTitle->font();
    eventsFont.setBold(true);
    eventsTitle->setFont(eventsFont);
    eventsLayout->addWidget(eventsTitle);
    m_eventsNotice = new QLabel(events);
    m_eventsNotice->setObjectName(QStringLiteral("eventsNotice"));
    m_eventsNotice->setTextFormat(Qt::PlainText);
    m_eventsNotice->setWordWrap(true);
    m_eventsNotice->hide();
    eventsLayout->addWidget(m_eventsNotice);
    m_eventsView = new QTableView(events);
    m_eventsView->setObjectName(QStringLiteral("detailEvents"));
    m_eventsView->setModel(new EventPresentationModel(this));
    m_eventsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_eventsView->setWordWrap(false);
    m_eventsView->verticalHeader()->hide();
    m_eventsView->verticalHeader()->setDefaultSectionSize(m_eventsView->fontMetrics().height() + 6);
    m_eventsView->horizontalHeader()->setStretchLastSection(true);
    eventsLayout->addWidget(m_eventsView, 1);
    split->addWidget(events);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    // The revision tree and Events on one tab; the metric charts (setMetricsWidget) on another.
    m_tabs = new QTabWidget(m_content);
    m_tabs->setObjectName(QStringLiteral("detailTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(split, tr("Revisions and events"));
    right->addWidget(m_tabs, 1);
    content->addLayout(right, 1);

    m_trafficSection = new QWidget(this);
    m_trafficSection->setObjectName(QStringLiteral("trafficSection"));
    auto *traffic = new QVBoxLayout(m_trafficSection);
    traffic->setContentsMargins(0, 0, 0, 0);
    traffic->setSpacing(4);
    auto *trafficHeader = new QHBoxLayout;
    auto *trafficTitle = new QLabel(tr("Traffic"), m_trafficSection);
    trafficTitle->setObjectName(QStringLiteral("trafficTitle"));
    QFont sectionFont = trafficTitle->font();
    sectionFont.setBold(true);
    trafficTitle->setFont(sectionFont);
    trafficHeader->addWidget(trafficTitle);
    m_trafficSummary = new QLabel(m_trafficSection);
    m_trafficSummary->setObjectName(QStringLiteral("trafficSummary"));
    m_trafficSummary->setTextFormat(Qt::PlainText);
    trafficHeader->addWidget(m_trafficSummary, 1);
    traffic->addLayout(trafficHeader);
    m_trafficStale = new QLabel(m_trafficSection);
    m_trafficStale->setObjectName(QStringLiteral("trafficStaleLabel"));
    m_trafficStale->setTextFormat(Qt::PlainText);
    m_trafficStale->setStyleSheet(QStringLiteral("#trafficStaleLabel { background: #fff4ce; border: 1px solid #e0b400;"
                                                 " border-radius: 3px; color: #5c4300; padding: 2px 8px; }"));
    m_trafficStale->hide();
    traffic->addWidget(m_trafficStale);
    m_trafficView = new QTableView(m_trafficSection);
    m_trafficView->setObjectName(QStringLiteral("trafficView"));
    m_trafficView->setModel(new TrafficPresentationModel(this));
    m_trafficView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_trafficView->setWordWrap(false);
    m_trafficView->verticalHeader()->hide();
    m_trafficView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_trafficView->verticalHeader()->setDefaultSectionSize(m_trafficView->fontMetrics().height() + 6);
    m_trafficView->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_trafficView->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    traffic->addWidget(m_trafficView);

    auto *column = new QVBoxLayout;
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(8);
    column->addWidget(m_content, 1);
    column->addWidget(m_trafficSection);
    layout->addLayout(column, 1);

    m_judge = new CanaryJudgeSection(this);
    m_judge->hide();

    updateTitle();
    updateSummary();
    updateStaleness();
    updateAvailability();
    // Styled now, while the window is built, not in the pass of the event loop that first shows a rollout's data.
    m_content->ensurePolished();
    m_trafficSection->ensurePolished();
}

RolloutDetailPanel::~RolloutDetailPanel() = default;

void RolloutDetailPanel::setMetricsWidget(QWidget *metrics)
{
    metrics->setObjectName(metrics->objectName().isEmpty() ? QStringLiteral("detailMetrics") : metrics->objectName());
    // The canary judge over the charts it judges.
    auto *page = new QWidget(m_tabs);
    page->setObjectName(QStringLiteral("detailMetricsPage"));
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(4);
    m_judge->setParent(page);
    layout->addWidget(m_judge);
    m_judge->setVisible(m_judge->judgement().judged);
    metrics->setParent(page);
    layout->addWidget(metrics, 1);
    m_tabs->addTab(page, tr("Metrics"));
}

RolloutDetailModel *RolloutDetailPanel::model() const
{
    return m_model;
}

QLabel *RolloutDetailPanel::addField(const QString &objectName, const QString &label)
{
    auto *value = new SelectableLabel(m_form->parentWidget());
    value->setObjectName(objectName);
    m_form->addRow(label, value);
    return value;
}

void RolloutDetailPanel::updateEventsNotice()
{
    // An empty list must never stand for Events that cannot be read: say which it is.
    const RolloutEventModel *events = m_model ? m_model->events() : nullptr;
    using Access = RolloutEventModel::Access;
    QString text;
    bool warning = false;
    if (events && events->access() == Access::Forbidden) {
        text = tr("Events cannot be shown: this identity may not list Events in namespace %1 (%2).")
                   .arg(m_model->namespaceName(), events->cause());
        warning = true;
    } else if (events && events->access() == Access::Failing) {
        text =
            events->rowCount() > 0
                ? tr("Events cannot be read at the moment (%1): those shown may be out of date.").arg(events->cause())
                : tr("Events cannot be read at the moment (%1).").arg(events->cause());
        warning = true;
    } else if (events && events->access() == Access::Live && events->rowCount() == 0) {
        text = tr("No Events for this rollout (the cluster keeps them for about an hour).");
    }
    m_eventsNotice->setText(text);
    m_eventsNotice->setVisible(!text.isEmpty());
    m_eventsNotice->setStyleSheet(
        warning ? QStringLiteral("color: %1;").arg(statusColor(StatusSeverity::Degraded).name()) : QString());
    m_eventsNotice->setEnabled(warning); // the calm "no Events" line muted
    m_eventsView->setVisible(!(events && events->access() == Access::Forbidden));
}

QString RolloutDetailPanel::staleText(const Staleness &staleness)
{
    const QString time = staleness.since.toLocalTime().toString(QStringLiteral("HH:mm:ss"));
    if (staleness.cause.isEmpty())
        return tr("Stale since %1").arg(time);
    return tr("Stale since %1 (%2)").arg(time, staleness.cause);
}

void RolloutDetailPanel::setModel(RolloutDetailModel *model)
{
    for (const auto &c : std::as_const(m_modelConnections))
        disconnect(c);
    m_modelConnections.clear();
    m_model = model;
    auto *proxy = static_cast<QIdentityProxyModel *>(m_view->model());
    proxy->setSourceModel(model);
    static_cast<QIdentityProxyModel *>(m_trafficView->model())->setSourceModel(model ? model->traffic() : nullptr);
    static_cast<QIdentityProxyModel *>(m_eventsView->model())->setSourceModel(model ? model->events() : nullptr);
    QHeaderView *eventsHeader = m_eventsView->horizontalHeader();
    for (int c = 0; c + 1 < eventsHeader->count(); ++c)
        eventsHeader->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    // (Sections exist only once the source model gives the columns.)
    QHeaderView *trafficHeader = m_trafficView->horizontalHeader();
    for (int c = 0; c < trafficHeader->count(); ++c)
        trafficHeader->setSectionResizeMode(c, c == int(TrafficModel::Column::Status) ? QHeaderView::Stretch
                                                                                      : QHeaderView::ResizeToContents);
    if (model) {
        RolloutEventModel *eventModel = model->events();
        m_modelConnections << connect(eventModel, &RolloutEventModel::accessChanged, this,
                                      &RolloutDetailPanel::updateEventsNotice);
        for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
            m_modelConnections << connect(eventModel, signal, this, &RolloutDetailPanel::updateEventsNotice);
        m_modelConnections << connect(eventModel, &QAbstractItemModel::modelReset, this,
                                      &RolloutDetailPanel::updateEventsNotice);
        m_modelConnections << connect(model, &RolloutDetailModel::summaryChanged, this, [this] {
            updateTitle();
            updateSummary();
            updateAvailability();
            updateActions();
        });
        m_modelConnections << connect(model, &RolloutDetailModel::stalenessChanged, this,
                                      &RolloutDetailPanel::updateStaleness);
        m_modelConnections << connect(model, &RolloutDetailModel::availabilityChanged, this,
                                      &RolloutDetailPanel::updateAvailability);
        m_modelConnections << connect(model->traffic(), &TrafficModel::trafficChanged, this,
                                      &RolloutDetailPanel::updateTraffic);
        m_modelConnections << connect(model->traffic(), &TrafficModel::stalenessChanged, this,
                                      &RolloutDetailPanel::updateTraffic);
        // New revisions, ReplicaSets and analysis runs open expanded; what the user collapsed stays collapsed.
        m_modelConnections << connect(proxy, &QAbstractItemModel::rowsInserted, this,
                                      [this, proxy](const QModelIndex &parent, int first, int last) {
                                          if (parent.isValid())
                                              m_view->expand(parent);
                                          for (int r = first; r <= last; ++r)
                                              m_view->expandRecursively(proxy->index(r, 0, parent));
                                      });
        m_modelConnections << connect(proxy, &QAbstractItemModel::modelReset, this, [this] { m_view->expandAll(); });
        m_view->expandAll();
        const QFontMetrics fm(m_view->font());
        m_view->header()->resizeSection(int(Column::Name), fm.horizontalAdvance(QStringLiteral("x")) * 44);
        m_view->header()->resizeSection(int(Column::Kind), fm.horizontalAdvance(QStringLiteral("AnalysisRun")) + 24);
        m_view->header()->resizeSection(int(Column::Status), fm.horizontalAdvance(QStringLiteral("ScaledDown")) + 44);
        m_view->header()->resizeSection(int(Column::Age), fm.horizontalAdvance(QStringLiteral("23h59m")) + 20);
    }
    updateTitle();
    updateSummary();
    updateStaleness();
    updateAvailability();
    updateTraffic();
    updateActions();
    updateEventsNotice();
}

void RolloutDetailPanel::setActionBlock(const QString &why)
{
    m_actionBlock = why;
    updateActions();
}

void RolloutDetailPanel::setActionPermissions(const QHash<ActionKind, QString> &denied)
{
    if (denied == m_actions->denied())
        return;
    m_actions->setDenied(denied);
    updateActions();
}

void RolloutDetailPanel::updateActions()
{
    const bool shown =
        m_model && m_model->availability() == RolloutDetailModel::Availability::Ready && m_model->info().has_value();
    QString blocked = m_actionBlock;
    if (shown && m_model->isStale())
        blocked = tr("The view is %1: actions need live data.").arg(staleText(m_model->staleness()));
    const RolloutInfo *info = shown ? &*m_model->info() : nullptr;
    m_actions->setRollout(info, blocked);
    // The slider proposes what the bar's Promote and Abort would: available on the same terms, with the same why.
    const auto whyNot = [this](ActionKind action) {
        const QToolButton *button = m_actions->button(action);
        return button->isEnabled() ? QString() : button->toolTip();
    };
    m_overview->trafficBar()->setRollout(info, whyNot(ActionKind::Promote), whyNot(ActionKind::Abort));
}

void RolloutDetailPanel::updateTraffic()
{
    const TrafficModel *traffic = m_model ? m_model->traffic() : nullptr;
    const int rows = traffic ? traffic->rowCount() : 0;
    const bool hasInfo = m_model && m_model->info().has_value();
    m_trafficSection->setVisible(hasInfo && rows > 0);
    if (!traffic || rows == 0)
        return;
    const int problems = traffic->problemCount();
    const TrafficInfo &info = traffic->traffic();
    QString summary;
    if (info.weighted)
        summary =
            tr("the rollout wants %1% canary, %2% stable").arg(info.desiredCanaryWeight).arg(info.desiredStableWeight);
    if (problems > 0) {
        const QString flagged = tr("problems: %1").arg(problems);
        summary = summary.isEmpty() ? flagged : tr("%1 · %2").arg(flagged, summary);
    }
    m_trafficSummary->setText(summary.isEmpty() ? QString() : QStringLiteral("— ") + summary);
    m_trafficSummary->setStyleSheet(problems > 0 ? QStringLiteral("color: #a4262c; font-weight: bold;") : QString());
    const bool stale = traffic->isStale();
    if (stale)
        m_trafficStale->setText(QStringLiteral("⚠ ") + staleText(traffic->staleness()));
    m_trafficStale->setVisible(stale);

    const int height = m_trafficView->horizontalHeader()->height() + 2 * m_trafficView->frameWidth() +
                       m_trafficView->verticalHeader()->length() + 2;
    m_trafficView->setFixedHeight(std::min(height, m_trafficView->fontMetrics().height() * 16));
}

void RolloutDetailPanel::updateTitle()
{
    m_guard->setRollout(m_model ? m_model->cluster() : QString(), m_model ? m_model->namespaceName() : QString(),
                        m_model ? m_model->name() : QString());
    if (!m_model || m_model->name().isEmpty()) {
        m_title->setText(tr("No rollout open"));
        return;
    }
    m_title->setText(tr("%1/%2 on %3").arg(m_model->namespaceName(), m_model->name(), m_model->cluster()));
}

void RolloutDetailPanel::updateSummary()
{
    const std::optional<RolloutInfo> info = m_model ? m_model->info() : std::nullopt;
    if (!info) {
        for (QLabel *label :
             {m_status, m_message, m_strategy, m_step, m_setWeight, m_actualWeight, m_pause, m_replicas, m_images})
            label->clear();
        m_statusIcon->clear();
        m_overview->setInfo(nullptr, false);
        return;
    }
    m_overview->setInfo(&*info, m_model->isStale());
    const int iconSize = m_status->fontMetrics().height();
    m_statusIcon->setPixmap(statusIconFor(statusSeverity(info->status)).pixmap(iconSize, iconSize));
    m_status->setText(info->status);
    m_message->setText(info->message.isEmpty() ? tr("—") : info->message);
    m_strategy->setText(info->strategy.isEmpty() ? tr("—") : strategyText(info->strategy));
    const QString none = tr("—");
    if (info->isCanary()) {
        m_step->setText(info->step.isEmpty()          ? none
                        : info->currentStep.isEmpty() ? info->step
                                                      : tr("%1 (%2)").arg(info->step, info->currentStep));
        m_setWeight->setText(info->setWeightText());
        m_actualWeight->setText(info->actualWeightText());
    } else {
        m_step->setText(none);
        m_setWeight->setText(none);
        m_actualWeight->setText(none);
    }
    if (info->pauseRemainingMs)
        m_pause->setText(humanDuration(std::chrono::milliseconds(*info->pauseRemainingMs)));
    else if (info->paused)
        m_pause->setText(tr("until promoted"));
    else
        m_pause->setText(none);
    m_replicas->setText(tr("%1 desired, %2 current, %3 updated, %4 ready, %5 available")
                            .arg(info->replicas.desired)
                            .arg(info->replicas.current)
                            .arg(info->replicas.updated)
                            .arg(info->replicas.ready)
                            .arg(info->replicas.available));
    QStringList images;
    for (const ImageInfo &image : info->images)
        images << (image.tags.isEmpty() ? image.image : tr("%1 (%2)").arg(image.image, image.tags.join(u", ")));
    m_images->setText(images.isEmpty() ? none : images.join(u'\n'));
}

void RolloutDetailPanel::updateStaleness()
{
    const bool stale = m_model && m_model->isStale();
    if (stale)
        m_stale->setText(QStringLiteral("⚠ ") + staleText(m_model->staleness()));
    m_stale->setVisible(stale);
    if (m_model && m_model->info())
        m_overview->setInfo(&*m_model->info(), stale); // drawn muted while stale
    updateActions();
}

void RolloutDetailPanel::updateAvailability()
{
    using Availability = RolloutDetailModel::Availability;
    const Availability a = m_model ? m_model->availability() : Availability::None;
    const bool hasInfo = m_model && m_model->info().has_value();
    QString text;
    if (!hasInfo) {
        switch (a) {
        case Availability::None:
            text = tr("Open a rollout from the table (Enter or double-click) to see its revisions, pods and "
                      "analysis runs.");
            break;
        case Availability::Loading:
            text = tr("Loading…");
            break;
        case Availability::NotFound:
            text = tr("This rollout does not exist (any more).");
            break;
        case Availability::Ready:
            break;
        }
    }
    updateActions();
    m_placeholder->setText(text);
    m_placeholder->setVisible(!hasInfo);
    m_content->setVisible(hasInfo);
    m_overview->setVisible(hasInfo);
    updateTraffic();
}

} // namespace rolldeck
