#include "HelpOverlay.h"

#include <QKeyEvent>
#include <QPainter>

#include <algorithm>

namespace rolldeck {

HelpOverlay::HelpOverlay(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("helpOverlay"));
    setFocusPolicy(Qt::StrongFocus);
    hide();
}

void HelpOverlay::setShortcuts(const QList<QPair<QString, QString>> &shortcuts)
{
    m_shortcuts = shortcuts;
    update();
}

void HelpOverlay::popup()
{
    setGeometry(parentWidget()->rect());
    show();
    raise();
    setFocus(Qt::PopupFocusReason);
}

void HelpOverlay::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), QColor(0, 0, 0, 150));
    QFont keyFont = font();
    keyFont.setPointSizeF(keyFont.pointSizeF() * 1.15);
    keyFont.setBold(true);
    QFont textFont = font();
    textFont.setPointSizeF(textFont.pointSizeF() * 1.15);
    const QFontMetrics km(keyFont);
    const QFontMetrics tm(textFont);
    int keyWidth = 0;
    int textWidth = 0;
    for (const auto &s : m_shortcuts) {
        keyWidth = std::max(keyWidth, km.horizontalAdvance(s.first));
        textWidth = std::max(textWidth, tm.horizontalAdvance(s.second));
    }
    const int line = std::max(km.height(), tm.height()) + 10;
    QFont titleFont = keyFont;
    titleFont.setPointSizeF(keyFont.pointSizeF() * 1.3);
    const int titleHeight = QFontMetrics(titleFont).height() + 16;
    const int w = keyWidth + textWidth + 3 * 24;
    const int h = titleHeight + int(m_shortcuts.size()) * line + 48;
    const QRect box((width() - w) / 2, std::max(20, (height() - h) / 2), w, h);
    p.setPen(Qt::NoPen);
    p.setBrush(palette().color(QPalette::Window));
    p.drawRoundedRect(box, 8, 8);
    p.setPen(palette().color(QPalette::WindowText));
    p.setFont(titleFont);
    p.drawText(QRect(box.left() + 24, box.top() + 16, w - 48, titleHeight), Qt::AlignLeft | Qt::AlignVCenter,
               tr("Keyboard shortcuts"));
    int y = box.top() + 16 + titleHeight;
    for (const auto &s : m_shortcuts) {
        // The keys in a key-cap box, what they do beside them.
        const QRect keyRect(box.left() + 24, y, keyWidth + 12, line - 6);
        p.setPen(palette().color(QPalette::Mid));
        p.setBrush(palette().color(QPalette::Base));
        p.drawRoundedRect(keyRect, 4, 4);
        p.setPen(palette().color(QPalette::Text));
        p.setFont(keyFont);
        p.drawText(keyRect, Qt::AlignCenter, s.first);
        p.setFont(textFont);
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(QRect(keyRect.right() + 24, y, textWidth + 4, line - 6), Qt::AlignLeft | Qt::AlignVCenter, s.second);
        y += line;
    }
    p.setPen(palette().color(QPalette::Disabled, QPalette::WindowText));
    p.drawText(QRect(box.left() + 24, y, w - 48, 28), Qt::AlignLeft | Qt::AlignVCenter,
               tr("Any key or a click closes this."));
}

void HelpOverlay::keyPressEvent(QKeyEvent *)
{
    hide();
}

void HelpOverlay::mousePressEvent(QMouseEvent *)
{
    hide();
}

} // namespace rolldeck
