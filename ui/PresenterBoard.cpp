#include "PresenterBoard.h"

#include "models/itemmodels/RolloutListModel.h"
#include "StatusStyle.h"
#include "StepTimelineWidget.h"
#include "TrafficBar.h"
#include "models/argo/RolloutInfo.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QScreen>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace rolldeck {

namespace {

constexpr double kScale = 1.45;   // type and drawings relative to the desktop font: readable across a room
constexpr double kMinScale = 1.0; // smaller still would not be read from the back: the board then scrolls off

QFont scaled(const QFont &base, double factor, bool bold = false)
{
    QFont f = base;
    f.setPointSizeF(base.pointSizeF() * factor);
    f.setBold(bold);
    return f;
}

} // namespace

// One rollout on the board: name, status line, step timeline (canary) and traffic bar.
class PresenterCard : public QFrame
{
public:
    PresenterCard(QWidget *parent, double scale) : QFrame(parent)
    {
        setObjectName(QStringLiteral("presenterCard"));
        setFrameShape(QFrame::StyledPanel);
        auto *layout = new QVBoxLayout(this);
        layout->setContentsMargins(14, 10, 14, 10);
        layout->setSpacing(4);
        auto *head = new QHBoxLayout;
        m_icon = new QLabel(this);
        m_name = new QLabel(this);
        m_name->setFont(scaled(font(), scale * 1.25, true));
        m_name->setTextFormat(Qt::PlainText);
        m_status = new QLabel(this);
        m_status->setFont(scaled(font(), scale, true));
        m_status->setTextFormat(Qt::PlainText);
        head->addWidget(m_icon);
        head->addWidget(m_name, 1);
        head->addWidget(m_status);
        layout->addLayout(head);
        m_message = new QLabel(this);
        m_message->setFont(scaled(font(), scale * 0.9));
        m_message->setTextFormat(Qt::PlainText);
        m_message->setWordWrap(true);
        layout->addWidget(m_message);
        m_timeline = new StepTimelineWidget(this);
        m_timeline->setScale(scale);
        m_timeline->setLiveCountdown(true);
        layout->addWidget(m_timeline);
        m_traffic = new TrafficBar(this);
        m_traffic->setScale(scale);
        layout->addWidget(m_traffic);
        layout->addStretch();
    }

    void setRow(const RolloutRow &row, bool stale)
    {
        const StatusSeverity severity = stale ? StatusSeverity::Unknown : statusSeverity(row.status);
        const int icon = QFontMetrics(m_name->font()).height();
        m_icon->setPixmap(statusIconFor(severity).pixmap(icon, icon));
        m_name->setText(row.name);
        m_status->setText(stale ? PresenterBoard::tr("%1 · data stale").arg(row.status) : row.status);
        m_status->setStyleSheet(QStringLiteral("color: %1;").arg(statusColor(severity).name()));
        // As the Rollouts dashboard's cards: "CanaryPauseStep" says nothing the status and the timeline do not.
        const bool plainPause = row.message == u"CanaryPauseStep";
        m_message->setText(row.message);
        m_message->setVisible(!row.message.isEmpty() && !plainPause);
        const bool canary = row.strategy == u"Canary";
        m_timeline->setVisible(canary);
        if (canary) {
            m_timeline->setTimeline(row.timeline);
            m_timeline->setStale(stale);
        }
        TrafficSplit split;
        split.valid = canary || row.strategy == u"BlueGreen";
        split.blueGreen = row.strategy == u"BlueGreen";
        split.setWeight = row.setWeight.value_or(0);
        split.observedWeight = row.actualWeight.value_or(0);
        split.followsReplicas = canary && !row.trafficRouted;
        split.promoted = canary && row.timeline.complete && !row.aborted;
        m_traffic->setSplit(split);
        m_traffic->setStale(stale);
        m_traffic->setVisible(split.valid);
        // A card needing a person has a coloured frame.
        const bool attention = row.needsAttention() || stale;
        setStyleSheet(QStringLiteral("#presenterCard { border: %1px solid %2; border-radius: 6px; }")
                          .arg(attention ? 3 : 1)
                          .arg(attention ? statusColor(severity).name() : QStringLiteral("palette(mid)")));
    }

    StepTimelineWidget *timeline() const { return m_timeline; }

private:
    QLabel *m_icon = nullptr;
    QLabel *m_name = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_message = nullptr;
    StepTimelineWidget *m_timeline = nullptr;
    TrafficBar *m_traffic = nullptr;
};

PresenterBoard::PresenterBoard(QWidget *parent) : QWidget(parent, Qt::Window), m_scale(kScale)
{
    setObjectName(QStringLiteral("presenterBoard"));
    setWindowTitle(tr("Rolldeck — presenter mode"));
    setAutoFillBackground(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 16, 24, 16);
    layout->setSpacing(12);
    auto *top = new QHBoxLayout;
    auto *title = new QLabel(tr("Rollouts, live"), this);
    title->setFont(scaled(font(), kScale * 1.6, true));
    top->addWidget(title, 1);
    m_clock = new QLabel(this);
    m_clock->setFont(scaled(font(), kScale * 1.2));
    top->addWidget(m_clock);
    auto *hint = new QLabel(tr("Esc leaves"), this);
    hint->setEnabled(false);
    top->addSpacing(24);
    top->addWidget(hint);
    layout->addLayout(top);
    m_lanesLayout = new QVBoxLayout;
    m_lanesLayout->setSpacing(10);
    layout->addLayout(m_lanesLayout, 1);
    layout->addStretch();

    m_rebuild = new QTimer(this);
    m_rebuild->setSingleShot(true);
    m_rebuild->setInterval(200);
    connect(m_rebuild, &QTimer::timeout, this, &PresenterBoard::rebuild);
    auto *clock = new QTimer(this);
    clock->setInterval(1000);
    connect(clock, &QTimer::timeout, this,
            [this] { m_clock->setText(QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss"))); });
    clock->start();
    m_clock->setText(QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss")));
}

PresenterBoard::~PresenterBoard() = default;

void PresenterBoard::setModel(RolloutListModel *model)
{
    for (const auto &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_model = model;
    if (model) {
        for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
            m_connections << connect(model, signal, this, &PresenterBoard::schedule);
        m_connections << connect(model, &QAbstractItemModel::dataChanged, this, &PresenterBoard::schedule);
        m_connections << connect(model, &QAbstractItemModel::modelReset, this, &PresenterBoard::schedule);
        m_connections << connect(model, &RolloutListModel::clusterStalenessChanged, this, &PresenterBoard::schedule);
        m_connections << connect(model, &RolloutListModel::environmentsChanged, this, &PresenterBoard::schedule);
    }
    rebuild();
}

void PresenterBoard::schedule()
{
    if (!m_rebuild->isActive())
        m_rebuild->start();
}

void PresenterBoard::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        emit closeRequested();
        return;
    }
    QWidget::keyPressEvent(event);
}

void PresenterBoard::rebuild()
{
    if (!m_model)
        return;
    // Lanes: the workspace's environments in its order, else the clusters; rows of no environment by cluster.
    const QStringList environments = m_model->environments();
    QHash<QString, QList<const RolloutRow *>> byLane;
    QStringList order = environments.isEmpty() ? m_model->clusters() : environments;
    for (int r = 0; r < m_model->rowCount(); ++r) {
        const RolloutRow &row = m_model->rowAt(r);
        const QString lane = environments.isEmpty() || row.environment.isEmpty() ? row.cluster : row.environment;
        if (!order.contains(lane))
            order << lane;
        byLane[lane].append(&row);
    }
    const QStringList stale = m_model->staleClusters();
    QSet<RolloutKey> shown;
    for (const QString &lane : std::as_const(order)) {
        QWidget *box = m_lanes.value(lane);
        if (!box) {
            box = new QWidget(this);
            box->setObjectName(QStringLiteral("lane_") + lane);
            auto *row = new QHBoxLayout(box);
            row->setContentsMargins(0, 0, 0, 0);
            row->setSpacing(14);
            auto *name = new QLabel(lane, box);
            name->setObjectName(QStringLiteral("laneName"));
            name->setFont(scaled(font(), m_scale * 1.3, true));
            name->setFixedWidth(QFontMetrics(name->font()).horizontalAdvance(QStringLiteral("development__")));
            name->setWordWrap(true);
            name->setAlignment(Qt::AlignLeft | Qt::AlignTop);
            if (lane.startsWith(QLatin1String("prod"), Qt::CaseInsensitive))
                name->setStyleSheet(QStringLiteral("border-left: 6px solid %1; padding-left: 8px;")
                                        .arg(statusColor(StatusSeverity::Degraded).name()));
            else
                name->setStyleSheet(QStringLiteral("padding-left: 14px;"));
            row->addWidget(name);
            auto *more = new QLabel(box);
            more->setObjectName(QStringLiteral("laneMore"));
            more->setFont(scaled(font(), m_scale));
            more->setEnabled(false);
            row->addWidget(more);
            row->addStretch();
            m_lanes.insert(lane, box);
        }
        m_lanesLayout->removeWidget(box);
        m_lanesLayout->addWidget(box);
        QList<const RolloutRow *> rows = byLane.value(lane);
        // Those needing a person first, then by name.
        std::stable_sort(rows.begin(), rows.end(), [](const RolloutRow *a, const RolloutRow *b) {
            if (a->needsAttention() != b->needsAttention())
                return a->needsAttention();
            return a->name < b->name;
        });
        auto *row = static_cast<QHBoxLayout *>(box->layout());
        for (int i = 0; i < rows.size() && i < kCardsPerLane; ++i) {
            const RolloutKey key = rows[i]->key();
            PresenterCard *card = m_cards.value(key);
            if (!card) {
                card = new PresenterCard(box, m_scale);
                card->setMinimumWidth(560);
                m_cards.insert(key, card);
            }
            row->removeWidget(card);
            row->insertWidget(1 + i, card, 1);
            card->setRow(*rows[i], stale.contains(rows[i]->cluster));
            shown.insert(key);
        }
        auto *more = box->findChild<QLabel *>(QStringLiteral("laneMore"));
        const int hidden = int(rows.size()) - kCardsPerLane;
        more->setText(hidden > 0 ? tr("and %1 more").arg(hidden) : rows.isEmpty() ? tr("no rollouts") : QString());
        more->setVisible(hidden > 0 || rows.isEmpty());
    }
    for (auto it = m_cards.begin(); it != m_cards.end();) {
        if (shown.contains(it.key())) {
            ++it;
            continue;
        }
        it.value()->deleteLater();
        it = m_cards.erase(it);
    }
    for (auto it = m_lanes.begin(); it != m_lanes.end();) {
        if (order.contains(it.key())) {
            ++it;
            continue;
        }
        it.value()->deleteLater();
        it = m_lanes.erase(it);
    }
    m_laneOrder = order;
    fitToScreen();
}

void PresenterBoard::fitToScreen()
{
    // The whole board on one screen (1920x1080 with four environments): smaller type until it fits, never below
    // kMinScale.
    const QScreen *shownOn = screen();
    if (!shownOn || m_scale <= kMinScale)
        return;
    layout()->activate();
    if (minimumSizeHint().height() <= shownOn->geometry().height())
        return;
    m_scale = std::max(kMinScale, m_scale * 0.92);
    qDeleteAll(m_cards);
    m_cards.clear();
    qDeleteAll(m_lanes);
    m_lanes.clear();
    rebuild();
}

} // namespace rolldeck
