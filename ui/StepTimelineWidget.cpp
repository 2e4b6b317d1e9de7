#include "StepTimelineWidget.h"

#include "models/domain/Duration.h"
#include "StatusStyle.h"

#include <QEvent>
#include <QHelpEvent>
#include <QPainter>
#include <QPainterPath>
#include <QTimer>
#include <QToolTip>

#include <algorithm>
#include <chrono>

namespace rolldeck {

namespace {

constexpr int kMinColumn = 84; // px at scale 1: "Analysis" and "12m 05s left" fit
constexpr int kMargin = 8;

QString weightText(int weight)
{
    return StepTimelineWidget::tr("%1 %").arg(weight);
}

QString durationText(qint64 ms)
{
    return humanDuration(std::chrono::milliseconds(ms));
}

QColor nodeColor(const TimelineStep &step)
{
    if (step.state == TimelineStep::State::Aborted || step.analysis.isBad())
        return statusColor(StatusSeverity::Degraded);
    switch (step.state) {
    case TimelineStep::State::Done:
        return statusColor(StatusSeverity::Healthy);
    case TimelineStep::State::Current:
        return step.kind == TimelineStep::Kind::Pause ? statusColor(StatusSeverity::Paused)
                                                      : statusColor(StatusSeverity::Progressing);
    case TimelineStep::State::Pending:
    case TimelineStep::State::Aborted:
        break;
    }
    return statusColor(StatusSeverity::Unknown);
}

} // namespace

StepTimelineWidget::StepTimelineWidget(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("stepTimeline"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setAttribute(Qt::WA_OpaquePaintEvent, false);
}

void StepTimelineWidget::setTimeline(const StepTimeline &timeline)
{
    const bool grew = timeline.steps.size() != m_timeline.steps.size() ||
                      timeline.background.isValid() != m_timeline.background.isValid();
    m_timeline = timeline;
    if (grew)
        updateGeometry();
    setAccessibleDescription(headline());
    update();
}

void StepTimelineWidget::setStale(bool stale)
{
    if (m_stale == stale)
        return;
    m_stale = stale;
    update();
}

void StepTimelineWidget::setScale(double scale)
{
    m_scale = std::max(0.5, scale);
    updateGeometry();
    update();
}

QFont StepTimelineWidget::scaledFont(double factor, bool bold) const
{
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * m_scale * factor);
    f.setBold(bold);
    return f;
}

QString StepTimelineWidget::stepTitle(const TimelineStep &step)
{
    switch (step.kind) {
    case TimelineStep::Kind::SetWeight:
        return weightText(step.weight);
    case TimelineStep::Kind::Pause:
        return step.durationMs ? tr("Pause %1").arg(durationText(*step.durationMs)) : tr("Pause");
    case TimelineStep::Kind::Analysis:
        return tr("Analysis");
    case TimelineStep::Kind::Experiment:
        return tr("Experiment");
    case TimelineStep::Kind::SetCanaryScale:
        return tr("Scale");
    case TimelineStep::Kind::Other:
        break;
    }
    return step.text;
}

void StepTimelineWidget::setLiveCountdown(bool live)
{
    if (live && !m_tick) {
        m_tick = new QTimer(this);
        m_tick->setInterval(1000);
        connect(m_tick, &QTimer::timeout, this, qOverload<>(&QWidget::update));
    }
    if (m_tick)
        live ? m_tick->start() : m_tick->stop();
}

QString StepTimelineWidget::stepStateText(const TimelineStep &step, const QDateTime &now)
{
    if (step.kind == TimelineStep::Kind::Analysis && step.analysis.isValid())
        return verdictText(step.analysis);
    switch (step.state) {
    case TimelineStep::State::Done:
        return tr("done");
    case TimelineStep::State::Aborted:
        return tr("aborted");
    case TimelineStep::State::Pending:
        return QString();
    case TimelineStep::State::Current:
        break;
    }
    if (now.isValid() && step.endsAt.isValid())
        return tr("%1 left").arg(durationText(std::max<qint64>(0, now.msecsTo(step.endsAt))));
    if (step.remainingMs)
        return tr("%1 left").arg(durationText(*step.remainingMs));
    if (step.kind == TimelineStep::Kind::Pause)
        return tr("until promoted");
    return tr("now");
}

QString StepTimelineWidget::verdictText(const AnalysisVerdict &verdict)
{
    if (!verdict.isValid())
        return QString();
    QString phase;
    if (verdict.phase == u"Successful")
        phase = tr("passed");
    else if (verdict.phase == u"Failed")
        phase = tr("failed");
    else if (verdict.phase == u"Error")
        phase = tr("error");
    else if (verdict.phase == u"Inconclusive")
        phase = tr("inconclusive");
    else if (verdict.phase == u"Running")
        phase = tr("running");
    else
        phase = tr("pending");
    if (verdict.metric.isEmpty())
        return phase;
    // "failed: success-rate = [0.9912] (failure: result[0] < 0.995)"
    QString metric = verdict.value.isEmpty() ? verdict.metric : tr("%1 = %2").arg(verdict.metric, verdict.value);
    if (!verdict.condition.isEmpty())
        metric = tr("%1 (%2)").arg(metric, verdict.condition);
    return tr("%1: %2").arg(phase, metric);
}

QString StepTimelineWidget::headline() const
{
    const int count = int(m_timeline.steps.size());
    if (count == 0)
        return tr("No steps: the canary goes straight to 100 %");
    QString text;
    if (m_timeline.complete)
        text = tr("All %1 steps done").arg(count);
    else {
        // The upstream convention, as the detail's "Step:" field and the table: "i/n" with i the current step's
        // index (steps done), n/n when all are done (reference: kubectl-argo-rollouts' Step).
        const int index = std::clamp(m_timeline.currentStepIndex.value_or(0), 0, count - 1);
        text = tr("Step %1/%2 · canary %3").arg(index).arg(count).arg(weightText(m_timeline.steps[index].weight));
        if (m_timeline.aborted)
            text = tr("Aborted at step %1/%2").arg(index).arg(count);
    }
    if (m_timeline.followsSeedPhases)
        text += QStringLiteral("  ·  ") + tr("release phases 5 % for 30 min → 25 % for 2 h → 50 % for 4 h → 100 %");
    return text;
}

int StepTimelineWidget::columnWidth() const
{
    // Every step in view: columns share the width (texts elide when it is tight; the tooltip has them whole).
    const int count = std::max<int>(1, int(m_timeline.steps.size()));
    return std::max(1, (width() - 2 * kMargin) / count);
}

QSize StepTimelineWidget::sizeHint() const
{
    const QFontMetrics big(scaledFont(1.1, true));
    const QFontMetrics normal(scaledFont(1.0));
    const int node = big.height();
    // Under each node its state; an analysis verdict may wrap to a second line, the other states never do.
    const bool verdicts = std::any_of(m_timeline.steps.cbegin(), m_timeline.steps.cend(),
                                      [](const TimelineStep &step) { return step.analysis.isValid(); });
    int h = kMargin + normal.height() + 8 + node + 6 + big.height() + normal.height() * (verdicts ? 2 : 1) + kMargin;
    if (m_timeline.background.isValid())
        h += normal.height() + 6;
    const int w = 2 * kMargin + int(std::max<qsizetype>(4, m_timeline.steps.size())) * int(kMinColumn * m_scale);
    return {w, h};
}

QSize StepTimelineWidget::minimumSizeHint() const
{
    const int count = std::max<int>(3, int(m_timeline.steps.size()));
    return {2 * kMargin + count * int(kMinColumn * m_scale * 0.6), sizeHint().height()};
}

int StepTimelineWidget::stepAt(const QPoint &pos) const
{
    const int column = columnWidth();
    const int i = (pos.x() - kMargin) / std::max(1, column);
    return pos.x() >= kMargin && i >= 0 && i < m_timeline.steps.size() ? i : -1;
}

bool StepTimelineWidget::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const int i = stepAt(help->pos());
        if (i >= 0) {
            const TimelineStep &s = m_timeline.steps.at(i);
            QString tip = tr("Step %1/%2: %3").arg(i).arg(m_timeline.steps.size()).arg(s.text);
            const QString state = stepStateText(s);
            if (!state.isEmpty())
                tip += u'\n' + state;
            if (s.analysis.isValid())
                tip += u'\n' + tr("Analysis run %1").arg(s.analysis.run);
            QToolTip::showText(help->globalPos(), tip, this);
        } else {
            QToolTip::hideText();
        }
        return true;
    }
    return QWidget::event(event);
}

void StepTimelineWidget::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette &pal = palette();
    const QColor text = pal.color(m_stale ? QPalette::Disabled : QPalette::Active, QPalette::WindowText);
    const QColor muted = pal.color(QPalette::Disabled, QPalette::WindowText);
    const QFont headFont = scaledFont(1.0, true);
    const QFont titleFont = scaledFont(1.1, true);
    const QFont smallFont = scaledFont(1.0);
    const QFontMetrics headMetrics(headFont);
    const QFontMetrics titleMetrics(titleFont);
    const QFontMetrics smallMetrics(smallFont);

    int y = kMargin;
    p.setFont(headFont);
    p.setPen(text);
    p.drawText(QRect(kMargin, y, width() - 2 * kMargin, headMetrics.height()), Qt::AlignLeft | Qt::AlignVCenter,
               headMetrics.elidedText(headline(), Qt::ElideRight, width() - 2 * kMargin));
    y += headMetrics.height() + 8;

    const int count = int(m_timeline.steps.size());
    const int column = columnWidth();
    const int node = titleMetrics.height();
    const int nodeY = y + node / 2;
    // The connectors first, so the nodes sit on top: done in green, the rest in the muted line colour.
    for (int i = 0; i + 1 < count; ++i) {
        const int x1 = kMargin + i * column + column / 2;
        const int x2 = x1 + column;
        const bool done = m_timeline.steps[i].state == TimelineStep::State::Done;
        p.setPen(QPen(done ? statusColor(StatusSeverity::Healthy) : muted, std::max(2.0, 3 * m_scale)));
        p.drawLine(x1 + node / 2, nodeY, x2 - node / 2, nodeY);
    }
    for (int i = 0; i < count; ++i) {
        const TimelineStep &s = m_timeline.steps[i];
        const QColor c = m_stale ? muted : nodeColor(s);
        const QRect circle(kMargin + i * column + (column - node) / 2, y, node, node);
        const double stroke = std::max(2.0, 2.5 * m_scale);
        switch (s.state) {
        case TimelineStep::State::Done:
        case TimelineStep::State::Aborted:
            p.setPen(Qt::NoPen);
            p.setBrush(c);
            p.drawEllipse(circle);
            p.setPen(QPen(Qt::white, stroke, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
            if (s.state == TimelineStep::State::Done && !s.analysis.isBad()) {
                QPainterPath check;
                check.moveTo(circle.left() + node * 0.28, circle.top() + node * 0.52);
                check.lineTo(circle.left() + node * 0.44, circle.top() + node * 0.68);
                check.lineTo(circle.left() + node * 0.72, circle.top() + node * 0.34);
                p.setBrush(Qt::NoBrush);
                p.drawPath(check);
            } else {
                const QRectF cross = QRectF(circle).adjusted(node * 0.32, node * 0.32, -node * 0.32, -node * 0.32);
                p.drawLine(cross.topLeft(), cross.bottomRight());
                p.drawLine(cross.topRight(), cross.bottomLeft());
            }
            break;
        case TimelineStep::State::Current:
            p.setPen(QPen(c, stroke * 1.4));
            p.setBrush(pal.color(QPalette::Base));
            p.drawEllipse(QRectF(circle).adjusted(stroke, stroke, -stroke, -stroke));
            p.setPen(Qt::NoPen);
            p.setBrush(c);
            p.drawEllipse(QRectF(circle).adjusted(node * 0.3, node * 0.3, -node * 0.3, -node * 0.3));
            break;
        case TimelineStep::State::Pending:
            p.setPen(QPen(c, stroke));
            p.setBrush(pal.color(QPalette::Base));
            p.drawEllipse(QRectF(circle).adjusted(stroke, stroke, -stroke, -stroke));
            break;
        }

        const QRect textColumn(kMargin + i * column + 2, y + node + 6, column - 4, titleMetrics.height());
        p.setFont(titleFont);
        p.setPen(s.state == TimelineStep::State::Pending ? muted : text);
        p.drawText(textColumn, Qt::AlignHCenter | Qt::AlignVCenter,
                   titleMetrics.elidedText(stepTitle(s), Qt::ElideRight, textColumn.width()));
        const QString state =
            stepStateText(s, m_tick && m_tick->isActive() ? QDateTime::currentDateTimeUtc() : QDateTime());
        if (!state.isEmpty()) {
            p.setFont(smallFont);
            const bool alarm = s.state == TimelineStep::State::Aborted || s.analysis.isBad();
            p.setPen(m_stale                                   ? muted
                     : alarm                                   ? statusColor(StatusSeverity::Degraded)
                     : s.state == TimelineStep::State::Current ? c
                                                               : muted);
            const QRect stateRect =
                textColumn.translated(0, titleMetrics.height()).adjusted(0, 0, 0, smallMetrics.height());
            p.drawText(stateRect, Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap,
                       smallMetrics.elidedText(state, Qt::ElideRight, stateRect.width() * 2));
        }
    }

    if (m_timeline.background.isValid()) {
        const int by = height() - kMargin - smallMetrics.height();
        p.setFont(smallFont);
        const bool bad = m_timeline.background.isBad();
        p.setPen(m_stale ? muted : bad ? statusColor(StatusSeverity::Degraded) : text);
        const QString line = tr("Background analysis: %1").arg(verdictText(m_timeline.background));
        p.drawText(QRect(kMargin, by, width() - 2 * kMargin, smallMetrics.height()), Qt::AlignLeft | Qt::AlignVCenter,
                   smallMetrics.elidedText(line, Qt::ElideRight, width() - 2 * kMargin));
    }
}

} // namespace rolldeck
