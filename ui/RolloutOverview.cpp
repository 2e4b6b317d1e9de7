#include "RolloutOverview.h"

#include "SelectableLabel.h"
#include "BlueGreenSidesWidget.h"
#include "models/domain/Duration.h"
#include "StepTimelineWidget.h"
#include "TrafficSlider.h"
#include "models/argo/RolloutInfo.h"

#include <QLabel>
#include <QVBoxLayout>

#include <chrono>

namespace rolldeck {

RolloutOverview::RolloutOverview(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("rolloutOverview"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    m_facts = new SelectableLabel(this);
    m_facts->setObjectName(QStringLiteral("detailFacts"));
    layout->addWidget(m_facts);
    m_lastAction = new SelectableLabel(this);
    m_lastAction->setObjectName(QStringLiteral("detailLastAction"));
    layout->addWidget(m_lastAction);
    m_timeline = new StepTimelineWidget(this);
    layout->addWidget(m_timeline);
    m_blueGreen = new BlueGreenSidesWidget(this);
    layout->addWidget(m_blueGreen);
    m_traffic = new TrafficSlider(this);
    layout->addWidget(m_traffic);
    setInfo(nullptr, false);
}

void RolloutOverview::setScale(double scale)
{
    m_timeline->setScale(scale);
    m_traffic->setScale(scale);
    m_blueGreen->setScale(scale);
}

QString RolloutOverview::lastActionText(const LastAction &action, const QDateTime &now)
{
    if (!action.isValid())
        return QString();
    const QString who = action.actor.isEmpty() ? tr("someone") : action.actor;
    QString text =
        action.time.isValid()
            ? tr("%1 by %2, %3 ago")
                  .arg(action.verb, who,
                       humanDuration(std::chrono::milliseconds(std::max<qint64>(0, action.time.msecsTo(now)))))
            : tr("%1 by %2").arg(action.verb, who);
    if (!action.reason.isEmpty())
        text = tr("%1: “%2”").arg(text, action.reason);
    return text;
}

void RolloutOverview::setInfo(const RolloutInfo *info, bool stale)
{
    const bool canary = info && info->isCanary();
    const bool blueGreen = info && info->strategy == u"BlueGreen";
    m_timeline->setVisible(canary);
    m_blueGreen->setVisible(blueGreen);
    m_traffic->setVisible(canary || blueGreen);
    if (!info) {
        m_facts->clear();
        m_lastAction->clear();
        return;
    }
    QStringList facts;
    if (info->revision > 0)
        facts << tr("Revision %1").arg(info->revision);
    if (!info->age.isEmpty())
        facts << tr("created %1 ago").arg(info->age);
    m_facts->setText(facts.join(QStringLiteral(" · ")));
    const QString last = lastActionText(info->lastAction, QDateTime::currentDateTimeUtc());
    // The line stays when there is nothing to say, so the timeline does not move when someone acts.
    m_lastAction->setText(last.isEmpty() ? tr("Last action: none recorded by Rolldeck")
                                         : tr("Last action: %1").arg(last));
    m_lastAction->setEnabled(!last.isEmpty());
    if (canary) {
        m_timeline->setTimeline(info->timeline);
        m_timeline->setStale(stale);
    }
    if (blueGreen)
        m_blueGreen->setView(info->blueGreen, info->paused);
    m_traffic->setSplit(TrafficBar::splitFor(*info));
    m_traffic->setStale(stale);
}

} // namespace rolldeck
