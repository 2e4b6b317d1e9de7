#include "TrafficSlider.h"

#include "models/argo/RolloutInfo.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace rolldeck {

TrafficSlider::TrafficSlider(QWidget *parent) : TrafficBar(parent)
{
    qRegisterMetaType<TrafficStop>();
}

QList<TrafficStop> TrafficSlider::stopsFor(const RolloutInfo &info)
{
    QList<TrafficStop> stops;
    if (!info.isCanary() || info.timeline.steps.isEmpty())
        return stops;
    const int current = info.timeline.currentStepIndex.value_or(info.currentStepIndex.value_or(0));
    const int maxWeight = info.maxWeight > 0 ? info.maxWeight : 100;
    stops.append({TrafficStop::Kind::Abort, -1, 0});
    int last = info.setWeight;
    for (const TimelineStep &step : info.timeline.steps) {
        if (step.index <= current || step.kind != TimelineStep::Kind::SetWeight || step.weight <= last)
            continue;
        stops.append({TrafficStop::Kind::Step, step.index, step.weight});
        last = step.weight;
    }
    if (last < maxWeight && current < int(info.timeline.steps.size()))
        stops.append({TrafficStop::Kind::End, int(info.timeline.steps.size()), maxWeight});
    return stops;
}

QString TrafficSlider::proposalText(const TrafficStop &stop)
{
    switch (stop.kind) {
    case TrafficStop::Kind::Abort:
        return tr("abort: all traffic back to stable");
    case TrafficStop::Kind::Step:
        return tr("promote to step %1 (weight %2 %)").arg(stop.step).arg(stop.weight);
    case TrafficStop::Kind::End:
        return tr("promote fully (%1 %)").arg(stop.weight);
    }
    return {};
}

void TrafficSlider::setRollout(const RolloutInfo *info, const QString &forwardWhyNot, const QString &abortWhyNot)
{
    setSplit(info ? splitFor(*info) : TrafficSplit{});
    QList<TrafficStop> stops = info ? stopsFor(*info) : QList<TrafficStop>();
    const int home = info ? info->setWeight : 0;
    if (stops == m_stops && home == m_home && forwardWhyNot == m_forwardWhyNot && abortWhyNot == m_abortWhyNot)
        return;
    m_stops = std::move(stops);
    m_home = home;
    m_forwardWhyNot = forwardWhyNot;
    m_abortWhyNot = abortWhyNot;
    // A held stop that no longer exists (the rollout moved on) is let go.
    if (m_pending && (!m_stops.contains(*m_pending) || !allows(*m_pending)))
        hold(std::nullopt);
    const bool any = std::any_of(m_stops.cbegin(), m_stops.cend(), [this](const TrafficStop &s) { return allows(s); });
    setFocusPolicy(any ? Qt::StrongFocus : Qt::NoFocus);
    setCursor(any ? Qt::SizeHorCursor : Qt::ArrowCursor);
    updateToolTip();
    update();
}

bool TrafficSlider::allows(const TrafficStop &stop) const
{
    return stop.kind == TrafficStop::Kind::Abort ? m_abortWhyNot.isEmpty() : m_forwardWhyNot.isEmpty();
}

void TrafficSlider::updateToolTip()
{
    if (m_stops.isEmpty()) {
        setToolTip(QString());
        return;
    }
    QStringList ahead;
    for (const TrafficStop &stop : std::as_const(m_stops)) {
        if (stop.kind != TrafficStop::Kind::Abort)
            ahead << tr("%1 %").arg(stop.weight);
    }
    QStringList lines;
    lines << tr("Drag the split to a step (left gives the canary more traffic), or use ←/→ and Enter. "
                "Nothing is sent before you confirm.");
    if (!ahead.isEmpty())
        lines << tr("Steps ahead: %1; 0 %: abort.").arg(ahead.join(QStringLiteral(", ")));
    if (!m_forwardWhyNot.isEmpty())
        lines << tr("Promote: %1").arg(m_forwardWhyNot);
    if (!m_abortWhyNot.isEmpty())
        lines << tr("Abort: %1").arg(m_abortWhyNot);
    setToolTip(lines.join(u'\n'));
}

std::optional<TrafficStop> TrafficSlider::nearestStop(double x) const
{
    const QRectF bar = barRect();
    const double weight = (1.0 - (x - bar.left()) / std::max(1.0, bar.width())) * 100.0;
    std::optional<TrafficStop> best;
    double bestDistance = std::abs(weight - m_home); // the handle's own place: no proposal
    for (const TrafficStop &stop : m_stops) {
        const double distance = std::abs(weight - stop.weight);
        if (allows(stop) && distance < bestDistance) {
            best = stop;
            bestDistance = distance;
        }
    }
    return best;
}

void TrafficSlider::hold(const std::optional<TrafficStop> &stop)
{
    if (stop == m_pending)
        return;
    m_pending = stop;
    setAccessibleDescription(m_pending ? proposalText(*m_pending) : caption());
    update();
}

void TrafficSlider::propose()
{
    const std::optional<TrafficStop> stop = m_pending;
    hold(std::nullopt); // the handle goes back: only the confirmation and then the watch move it
    if (stop)
        emit stopProposed(*stop);
}

void TrafficSlider::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || focusPolicy() == Qt::NoFocus) {
        TrafficBar::mousePressEvent(event);
        return;
    }
    setFocus(Qt::MouseFocusReason);
    m_dragging = true;
    hold(nearestStop(event->position().x()));
}

void TrafficSlider::mouseMoveEvent(QMouseEvent *event)
{
    if (m_dragging)
        hold(nearestStop(event->position().x()));
}

void TrafficSlider::mouseReleaseEvent(QMouseEvent *event)
{
    if (!m_dragging || event->button() != Qt::LeftButton)
        return;
    m_dragging = false;
    hold(nearestStop(event->position().x()));
    propose();
}

void TrafficSlider::keyPressEvent(QKeyEvent *event)
{
    QList<TrafficStop> allowed;
    for (const TrafficStop &stop : std::as_const(m_stops)) {
        if (allows(stop))
            allowed << stop;
    }
    const int at = m_pending ? m_pending->weight : m_home;
    switch (event->key()) {
    case Qt::Key_Left:
    case Qt::Key_Up: {                                 // more canary
        if (m_pending && m_pending->weight < m_home) { // from abort back to the handle's place
            hold(std::nullopt);
            return;
        }
        const auto next =
            std::find_if(allowed.cbegin(), allowed.cend(), [at](const TrafficStop &s) { return s.weight > at; });
        if (next != allowed.cend())
            hold(*next);
        return;
    }
    case Qt::Key_Right:
    case Qt::Key_Down: { // less canary: back to the handle's place, then to abort
        if (m_pending && m_pending->weight > m_home) {
            const auto lower = std::find_if(allowed.crbegin(), allowed.crend(), [this, at](const TrafficStop &s) {
                return s.weight < at && s.weight > m_home;
            });
            hold(lower != allowed.crend() ? std::optional<TrafficStop>(*lower) : std::nullopt);
            return;
        }
        if (!allowed.isEmpty() && allowed.first().kind == TrafficStop::Kind::Abort)
            hold(allowed.first());
        return;
    }
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space:
        if (m_pending) {
            propose();
            return;
        }
        break;
    case Qt::Key_Escape:
        if (m_pending) {
            hold(std::nullopt);
            return;
        }
        break;
    default:
        break;
    }
    TrafficBar::keyPressEvent(event);
}

void TrafficSlider::focusOutEvent(QFocusEvent *event)
{
    if (!m_dragging)
        hold(std::nullopt);
    TrafficBar::focusOutEvent(event);
}

QSize TrafficSlider::sizeHint() const
{
    const QFontMetrics small(scaledFont(0.95));
    return TrafficBar::sizeHint() + QSize(0, small.height() + 6);
}

QSize TrafficSlider::minimumSizeHint() const
{
    return {TrafficBar::minimumSizeHint().width(), sizeHint().height()};
}

void TrafficSlider::paintEvent(QPaintEvent *event)
{
    TrafficBar::paintEvent(event);
    if (m_stops.isEmpty() || !split().valid)
        return;
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette &pal = palette();
    const bool interactive = focusPolicy() != Qt::NoFocus && !isStale();
    const QColor text = pal.color(interactive ? QPalette::Active : QPalette::Disabled, QPalette::WindowText);
    const QColor accent = pal.color(QPalette::Highlight);
    const QRectF bar = barRect();
    const double s = scale();

    // Notches where the handle can go: short white ticks on the bar's edges, in the bar's own language.
    for (const TrafficStop &stop : std::as_const(m_stops)) {
        const double x = xForWeight(stop.weight);
        p.setPen(QPen(allows(stop) && interactive ? QColor(255, 255, 255, 230) : QColor(255, 255, 255, 110), 2 * s));
        p.drawLine(QPointF(x, bar.top() + 1), QPointF(x, bar.top() + 6 * s));
        p.drawLine(QPointF(x, bar.bottom() - 6 * s), QPointF(x, bar.bottom() - 1));
    }

    // The handle at the set weight; a held stop as a second, highlighted handle with the proposal under the bar.
    auto knob = [&](double x, const QColor &fill, const QColor &border) {
        const QRectF r(x - 4 * s, bar.top() - 4 * s, 8 * s, bar.height() + 8 * s);
        p.setPen(QPen(border, 1.5 * s));
        p.setBrush(fill);
        p.drawRoundedRect(r, 3 * s, 3 * s);
    };
    if (interactive)
        knob(xForWeight(m_home), pal.color(QPalette::Base), text);
    if (m_pending) {
        const double from = xForWeight(m_home);
        const double to = xForWeight(m_pending->weight);
        p.setPen(QPen(accent, 2 * s, Qt::DashLine));
        p.drawLine(QPointF(from, bar.center().y()), QPointF(to, bar.center().y()));
        knob(to, accent, pal.color(QPalette::HighlightedText));
    }
    if (hasFocus() && interactive) {
        p.setPen(QPen(accent, 1, Qt::DotLine));
        p.setBrush(Qt::NoBrush);
        p.drawRoundedRect(bar.adjusted(-2, -2, 2, 2), 6, 6);
    }

    const QFont small = scaledFont(0.95, bool(m_pending));
    const QFontMetrics fm(small);
    const QRect row(int(bar.left()), height() - fm.height() - 6, int(bar.width()), fm.height() + 4);
    p.setFont(small);
    QString line;
    if (m_pending) {
        p.setPen(accent);
        line = tr("Release to propose: %1").arg(proposalText(*m_pending));
    } else {
        p.setPen(pal.color(QPalette::Disabled, QPalette::WindowText));
        QStringList ahead;
        for (const TrafficStop &stop : std::as_const(m_stops)) {
            if (stop.kind != TrafficStop::Kind::Abort && allows(stop))
                ahead << tr("%1 %").arg(stop.weight);
        }
        const bool abortable = !m_stops.isEmpty() && allows(m_stops.first());
        if (!interactive)
            line = m_forwardWhyNot.isEmpty() ? m_abortWhyNot : m_forwardWhyNot;
        else if (ahead.isEmpty())
            line = tr("Drag the split to 0 % (or → and Enter) to abort; nothing is sent before you confirm");
        else
            line = (abortable ? tr("Drag the split to %1, or to 0 % to abort (or ←/→ and Enter); nothing is sent "
                                   "before you confirm")
                              : tr("Drag the split to %1 (or ← and Enter); nothing is sent before you confirm"))
                       .arg(ahead.join(QStringLiteral(" · ")));
    }
    p.drawText(row, Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(line, Qt::ElideRight, row.width()));
}

} // namespace rolldeck
