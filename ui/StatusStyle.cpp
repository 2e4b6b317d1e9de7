#include "StatusStyle.h"

#include <QFont>
#include <QHash>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

#include <cmath>

namespace rolldeck {

QColor statusColor(StatusSeverity severity)
{
    switch (severity) {
    case StatusSeverity::Healthy:
        return QColor(0x1e, 0x8e, 0x3e); // green
    case StatusSeverity::ScaledDown:
        return QColor(0x70, 0x75, 0x7a); // grey
    case StatusSeverity::Progressing:
        return QColor(0xb0, 0x60, 0x00); // amber
    case StatusSeverity::Paused:
        return QColor(0x1a, 0x63, 0xc8); // blue
    case StatusSeverity::Unknown:
        return QColor(0x70, 0x75, 0x7a); // grey
    case StatusSeverity::Error:
        return QColor(0xd0, 0x5a, 0x00); // orange
    case StatusSeverity::Degraded:
        return QColor(0xc5, 0x22, 0x1f); // red
    }
    return QColor(Qt::black);
}

namespace {

QPixmap drawIcon(StatusSeverity severity, int size)
{
    QPixmap pm(size, size);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    const QColor c = statusColor(severity);
    const qreal s = size;
    QPen pen(c, qMax(1.5, s / 8.0), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    p.setPen(pen);
    switch (severity) {
    case StatusSeverity::Healthy: { // ✔
        QPainterPath path;
        path.moveTo(s * 0.18, s * 0.55);
        path.lineTo(s * 0.42, s * 0.78);
        path.lineTo(s * 0.84, s * 0.24);
        pen.setWidthF(qMax(2.0, s / 6.0));
        p.setPen(pen);
        p.drawPath(path);
        break;
    }
    case StatusSeverity::Progressing: { // ◌: a dotted circle
        p.setPen(Qt::NoPen);
        p.setBrush(c);
        const QPointF centre(s / 2, s / 2);
        const qreal r = s * 0.36;
        const qreal dot = qMax(1.2, s / 12.0);
        for (int i = 0; i < 10; ++i) {
            const qreal a = i * 2 * M_PI / 10;
            p.drawEllipse(centre + QPointF(r * std::cos(a), r * std::sin(a)), dot, dot);
        }
        break;
    }
    case StatusSeverity::Paused: { // ॥: two bars
        p.setPen(Qt::NoPen);
        p.setBrush(c);
        const qreal w = s * 0.16;
        p.drawRoundedRect(QRectF(s * 0.28, s * 0.16, w, s * 0.68), w / 3, w / 3);
        p.drawRoundedRect(QRectF(s * 0.56, s * 0.16, w, s * 0.68), w / 3, w / 3);
        break;
    }
    case StatusSeverity::Degraded: { // ✖
        pen.setWidthF(qMax(2.0, s / 5.5));
        p.setPen(pen);
        p.drawLine(QPointF(s * 0.24, s * 0.24), QPointF(s * 0.76, s * 0.76));
        p.drawLine(QPointF(s * 0.76, s * 0.24), QPointF(s * 0.24, s * 0.76));
        break;
    }
    case StatusSeverity::Error: { // ⚠
        QPainterPath tri;
        tri.moveTo(s * 0.5, s * 0.1);
        tri.lineTo(s * 0.93, s * 0.88);
        tri.lineTo(s * 0.07, s * 0.88);
        tri.closeSubpath();
        p.drawPath(tri);
        p.drawLine(QPointF(s * 0.5, s * 0.38), QPointF(s * 0.5, s * 0.62));
        p.drawPoint(QPointF(s * 0.5, s * 0.76));
        break;
    }
    case StatusSeverity::Unknown:
    case StatusSeverity::ScaledDown: { // ? and •
        if (severity == StatusSeverity::ScaledDown) {
            p.setPen(Qt::NoPen);
            p.setBrush(c);
            p.drawEllipse(QPointF(s / 2, s / 2), s * 0.18, s * 0.18);
            break;
        }
        QFont f;
        f.setPixelSize(int(s * 0.9));
        f.setBold(true);
        p.setFont(f);
        p.drawText(QRectF(0, 0, s, s), Qt::AlignCenter, QStringLiteral("?"));
        break;
    }
    }
    return pm;
}

} // namespace

QIcon statusIconFor(StatusSeverity severity)
{
    static QHash<int, QIcon> cache;
    const auto it = cache.constFind(int(severity));
    if (it != cache.cend())
        return *it;
    QIcon icon;
    for (const int size : {16, 24, 32, 48})
        icon.addPixmap(drawIcon(severity, size));
    cache.insert(int(severity), icon);
    return icon;
}

} // namespace rolldeck
