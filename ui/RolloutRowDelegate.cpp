#include "RolloutRowDelegate.h"

#include <QApplication>
#include <QFontMetrics>
#include <QIcon>
#include <QPainter>
#include <QStyle>

namespace rolldeck {

namespace {

// Texts a table of thousands of rows shows are mostly repeated (statuses, weights, ages); names are not. A cache
// that outgrows this starts again.
constexpr qsizetype kMaxCached = 8192;

QStaticText prepared(const QString &text, const QFont &font)
{
    QStaticText laid(text);
    laid.setTextFormat(Qt::PlainText);
    laid.setPerformanceHint(QStaticText::AggressiveCaching);
    laid.prepare(QTransform(), font);
    return laid;
}

} // namespace

const QStaticText &RolloutRowDelegate::laidOut(const QString &text, const QFont &font, int variant, int width,
                                               Qt::TextElideMode elide) const
{
    Cache &cache = m_caches[variant];
    auto it = cache.whole.find(text);
    if (it == cache.whole.end()) {
        if (cache.whole.size() >= kMaxCached)
            cache.whole.clear();
        it = cache.whole.insert(text, prepared(text, font));
    }
    if (elide == Qt::ElideNone || it->size().width() <= width)
        return *it;
    const QString key = QString::number(width) + u'\x1f' + text;
    auto elided = cache.elided.find(key);
    if (elided == cache.elided.end()) {
        if (cache.elided.size() >= kMaxCached)
            cache.elided.clear();
        elided = cache.elided.insert(key, prepared(QFontMetrics(font).elidedText(text, elide, width), font));
    }
    return *elided;
}

void RolloutRowDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (option.font != m_base) {
        m_base = option.font;
        for (Cache &cache : m_caches)
            cache = {};
    }
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();

    // The selection and hover panel as the style draws it (cheap: a fill).
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &option, painter, widget);

    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    QRect rect = option.rect.adjusted(margin, 0, -margin, 0);

    const QVariant decoration = index.data(Qt::DecorationRole);
    if (decoration.canConvert<QIcon>()) {
        const QIcon icon = decoration.value<QIcon>();
        const int side =
            option.decorationSize.isValid() ? std::min(option.decorationSize.height(), rect.height()) : rect.height();
        const QRect iconRect(rect.left(), rect.top() + (rect.height() - side) / 2, side, side);
        icon.paint(painter, iconRect, Qt::AlignCenter,
                   option.state & QStyle::State_Enabled ? QIcon::Normal : QIcon::Disabled);
        rect.setLeft(iconRect.right() + 1 + margin);
    }

    const QString text = index.data(Qt::DisplayRole).toString();
    if (!text.isEmpty() && rect.width() > 0) {
        QFont font = option.font;
        const QVariant fontRole = index.data(Qt::FontRole);
        if (fontRole.isValid())
            font = fontRole.value<QFont>().resolve(option.font);
        const int variant = (font.bold() ? 1 : 0) | (font.italic() ? 2 : 0);
        const QStaticText &laid = laidOut(text, font, variant, rect.width(), option.textElideMode);

        const QPalette::ColorGroup group = !(option.state & QStyle::State_Enabled) ? QPalette::Disabled
                                           : (option.state & QStyle::State_Active) ? QPalette::Normal
                                                                                   : QPalette::Inactive;
        QColor color = option.palette.color(group, QPalette::Text);
        if (option.state & QStyle::State_Selected) {
            color = option.palette.color(group, QPalette::HighlightedText);
        } else {
            const QVariant foreground = index.data(Qt::ForegroundRole);
            if (foreground.canConvert<QBrush>())
                color = foreground.value<QBrush>().color();
        }
        const auto alignment = Qt::Alignment(index.data(Qt::TextAlignmentRole).toInt());
        const QSizeF size = laid.size();
        const qreal x = alignment & Qt::AlignRight ? rect.right() + 1 - size.width() : qreal(rect.left());
        const qreal y = rect.top() + (rect.height() - size.height()) / 2;
        painter->save();
        painter->setClipRect(rect);
        painter->setFont(font);
        painter->setPen(color);
        painter->drawStaticText(QPointF(x, y), laid);
        painter->restore();
    }

    if (option.state & QStyle::State_HasFocus) {
        QStyleOptionFocusRect focus;
        focus.QStyleOption::operator=(option);
        focus.rect = option.rect;
        focus.state |= QStyle::State_KeyboardFocusChange;
        focus.backgroundColor = option.palette.color(QPalette::Highlight);
        style->drawPrimitive(QStyle::PE_FrameFocusRect, &focus, painter, widget);
    }
}

} // namespace rolldeck
