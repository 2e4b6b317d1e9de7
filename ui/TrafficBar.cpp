#include "TrafficBar.h"

#include "StatusStyle.h"
#include "models/argo/RolloutInfo.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace rolldeck {

namespace {

constexpr int kMargin = 8;

QColor oldSideColor()
{
    return QColor(0x3b, 0x6e, 0xa5); // steel blue: what users get today
}

QColor newSideColor()
{
    return QColor(0xe0, 0x8a, 0x00); // amber: the version under test
}

} // namespace

TrafficBar::TrafficBar(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("trafficBar"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

TrafficSplit TrafficBar::splitFor(const RolloutInfo &info)
{
    TrafficSplit s;
    if (info.isCanary()) {
        s.valid = true;
        s.setWeight = info.setWeight;
        s.observedWeight = info.actualWeight;
        s.followsReplicas = !info.trafficRouted;
        s.maxWeight = info.maxWeight > 0 ? info.maxWeight : 100;
        s.promoted = info.timeline.complete && !info.aborted;
    } else if (info.strategy == u"BlueGreen") {
        // The active Service takes all user traffic; the preview side is reached only through its own Service.
        s.valid = true;
        s.blueGreen = true;
    }
    return s;
}

void TrafficBar::setSplit(const TrafficSplit &split)
{
    if (m_split == split)
        return;
    m_split = split;
    setAccessibleDescription(caption());
    update();
}

void TrafficBar::setStale(bool stale)
{
    if (m_stale == stale)
        return;
    m_stale = stale;
    update();
}

void TrafficBar::setScale(double scale)
{
    m_scale = std::max(0.5, scale);
    updateGeometry();
    update();
}

QFont TrafficBar::scaledFont(double factor, bool bold) const
{
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * m_scale * factor);
    f.setBold(bold);
    return f;
}

QString TrafficBar::newSideName() const
{
    return m_split.blueGreen ? tr("preview") : tr("canary");
}

QString TrafficBar::oldSideName() const
{
    return m_split.blueGreen ? tr("active") : tr("stable");
}

QString TrafficBar::caption() const
{
    if (!m_split.valid)
        return QString();
    if (m_split.blueGreen)
        return tr("All user traffic goes to the active side; the preview side is reached through its preview Service");
    if (m_split.promoted)
        return tr("Fully promoted: the new revision is the stable one and takes all traffic");
    QString text = m_split.setWeight == m_split.observedWeight
                       ? tr("Set %1 %, observed the same").arg(m_split.setWeight)
                       : tr("Set %1 %, observed %2 %").arg(m_split.setWeight).arg(m_split.observedWeight);
    if (m_split.followsReplicas)
        text += QStringLiteral(" · ") + tr("no traffic router: routing follows the replica share");
    return text;
}

QSize TrafficBar::sizeHint() const
{
    const QFontMetrics bar(scaledFont(1.0, true));
    const QFontMetrics small(scaledFont(0.95));
    return {int(360 * m_scale), kMargin + bar.height() + 12 + small.height() + 4 + small.height() + kMargin / 2};
}

QSize TrafficBar::minimumSizeHint() const
{
    return {int(200 * m_scale), sizeHint().height()};
}

QRectF TrafficBar::barRect() const
{
    const QFontMetrics barMetrics(scaledFont(1.0, true));
    return QRectF(kMargin, kMargin, width() - 2 * kMargin, barMetrics.height() + 12);
}

double TrafficBar::xForWeight(double weight) const
{
    const QRectF bar = barRect();
    return bar.left() + bar.width() * (1.0 - std::clamp(weight, 0.0, 100.0) / 100.0);
}

void TrafficBar::paintEvent(QPaintEvent *)
{
    if (!m_split.valid)
        return;
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette &pal = palette();
    const QColor muted = pal.color(QPalette::Disabled, QPalette::WindowText);
    const QColor text = pal.color(m_stale ? QPalette::Disabled : QPalette::Active, QPalette::WindowText);
    const QFont barFont = scaledFont(1.0, true);
    const QFont smallFont = scaledFont(0.95);
    const QFontMetrics barMetrics(barFont);
    const QFontMetrics smallMetrics(smallFont);

    const QRectF bar = barRect();
    // After the last step the canary's ReplicaSet is the stable one: the whole bar is stable.
    const int observed =
        m_split.blueGreen || m_split.promoted ? 0 : std::clamp(m_split.observedWeight, 0, m_split.maxWeight);
    const double newShare = double(observed) / 100.0;
    const double split = bar.left() + bar.width() * (1.0 - newShare);
    QPainterPath clip;
    clip.addRoundedRect(bar, 5, 5);
    p.setClipPath(clip);
    const QColor oldColor = m_stale ? muted : oldSideColor();
    const QColor newColor = m_stale ? muted.lighter(130) : newSideColor();
    p.fillRect(QRectF(bar.left(), bar.top(), split - bar.left(), bar.height()), oldColor);
    p.fillRect(QRectF(split, bar.top(), bar.right() - split, bar.height()), newColor);
    p.setClipping(false);

    // Labels inside their segments when they fit, else left out (the caption carries the numbers).
    p.setFont(barFont);
    p.setPen(Qt::white);
    const QString oldText = tr("%1 %2 %").arg(oldSideName()).arg(100 - observed);
    const QString newText = tr("%1 %2 %").arg(newSideName()).arg(observed);
    const QRectF oldRect(bar.left() + 8, bar.top(), split - bar.left() - 16, bar.height());
    const QRectF newRect(split + 8, bar.top(), bar.right() - split - 16, bar.height());
    if (barMetrics.horizontalAdvance(oldText) <= oldRect.width())
        p.drawText(oldRect, Qt::AlignLeft | Qt::AlignVCenter, oldText);
    if (barMetrics.horizontalAdvance(newText) <= newRect.width())
        p.drawText(newRect, Qt::AlignRight | Qt::AlignVCenter, newText);

    // The set weight, where the rollout wants the split to be: a marker below the bar when it is not there yet.
    const int marker = m_split.blueGreen || m_split.promoted ? -1 : std::clamp(m_split.setWeight, 0, 100);
    if (marker >= 0 && marker != observed) {
        const double x = bar.left() + bar.width() * (1.0 - marker / 100.0);
        p.setPen(QPen(text, 2 * m_scale));
        p.drawLine(QPointF(x, bar.top() - 3), QPointF(x, bar.bottom() + 3));
        QPainterPath tip;
        tip.moveTo(x, bar.bottom() + 2);
        tip.lineTo(x - 5 * m_scale, bar.bottom() + 9 * m_scale);
        tip.lineTo(x + 5 * m_scale, bar.bottom() + 9 * m_scale);
        tip.closeSubpath();
        p.fillPath(tip, text);
    }

    p.setFont(smallFont);
    p.setPen(text);
    const QRect captionRect(kMargin, int(bar.bottom()) + 12, width() - 2 * kMargin, smallMetrics.height() + 4);
    p.drawText(captionRect, Qt::AlignLeft | Qt::AlignVCenter,
               smallMetrics.elidedText(caption(), Qt::ElideRight, captionRect.width()));
}

} // namespace rolldeck
