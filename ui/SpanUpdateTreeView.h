#pragma once

#include <QTreeView>

namespace rolldeck {

// A flat QTreeView with uniform rows whose dataChanged over more rows than fit on screen repaints the changed columns
// visible cells: Qt 6.4 walks every row of such a change to find the rectangle to repaint (docs/console.md).
class SpanUpdateTreeView : public QTreeView
{
    Q_OBJECT
public:
    explicit SpanUpdateTreeView(QWidget *parent = nullptr);

    // The visible part of these columns (logical indexes): what a change over many rows repaints.
    QRect columnsRect(int first, int last) const;

protected:
    void dataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                     const QList<int> &roles = QList<int>()) override;
};

} // namespace rolldeck
