#pragma once

#include <QFont>
#include <QHash>
#include <QStaticText>
#include <QStyledItemDelegate>

namespace rolldeck {

// Paints the rollouts table's cells without the style's text layout: each text is laid out once per font (a cached
// QStaticText) and elided to its column only when it does not fit. While a fleet streams in the table repaints up to
// 30 times a second, and the style's delegate shapes every visible cell's text anew each time (docs/console.md).
class RolloutRowDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    // The laid-out text for `text` in `font` (variant 0–3: regular, bold, italic, both), elided to `width`.
    const QStaticText &laidOut(const QString &text, const QFont &font, int variant, int width,
                               Qt::TextElideMode elide) const;

    struct Cache
    {
        QHash<QString, QStaticText> whole;
        QHash<QString, QStaticText> elided; // key: the width, a separator, the text
    };
    mutable QFont m_base;
    mutable Cache m_caches[4];
};

} // namespace rolldeck
