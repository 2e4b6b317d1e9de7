#include "SpanUpdateTreeView.h"

#include <QAccessible>
#include <QHeaderView>

namespace rolldeck {

SpanUpdateTreeView::SpanUpdateTreeView(QWidget *parent) : QTreeView(parent) {}

QRect SpanUpdateTreeView::columnsRect(int first, int last) const
{
    QRect rect;
    for (int column = first; column <= last; ++column) {
        if (!header()->isSectionHidden(column))
            rect |= QRect(header()->sectionViewportPosition(column), 0, header()->sectionSize(column),
                          viewport()->height());
    }
    return rect.intersected(viewport()->rect());
}

void SpanUpdateTreeView::dataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                                     const QList<int> &roles)
{
    // Nothing here may lay the view out (indexAt, visualRect): Qt defers that while rows arrive, and a change
    // between two inserts would pay for it. A row is at least a line of text high, so this bounds a screenful.
    const int span = bottomRight.row() - topLeft.row() + 1;
    const int screenful = viewport()->height() / std::max(1, fontMetrics().height()) + 1;
    if (span <= 2 * screenful || !topLeft.isValid() || !bottomRight.isValid() || topLeft.parent() != rootIndex() ||
        !uniformRowHeights() || rootIsDecorated() || state() == EditingState || roles.contains(Qt::SizeHintRole) ||
        roles.contains(Qt::FontRole)) {
        QTreeView::dataChanged(topLeft, bottomRight, roles);
        return;
    }
    if (isVisible())
        viewport()->update(columnsRect(topLeft.column(), bottomRight.column()));
#if QT_CONFIG(accessibility)
    if (QAccessible::isActive()) {
        QAccessibleTableModelChangeEvent event(this, QAccessibleTableModelChangeEvent::DataChanged);
        event.setFirstRow(topLeft.row());
        event.setFirstColumn(topLeft.column());
        event.setLastRow(bottomRight.row());
        event.setLastColumn(bottomRight.column());
        QAccessible::updateAccessibility(&event);
    }
#endif
}

} // namespace rolldeck
