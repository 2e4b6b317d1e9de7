#pragma once

#include <QStyledItemDelegate>

namespace rolldeck {

// A card per A/B test in the Experiments list (an ExperimentListModel row): its name and namespace, a badge with the
// outcome in a word, the verdict, and a thin bar of the planned sample reached with the observed split beside it.
class ExperimentDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace rolldeck
