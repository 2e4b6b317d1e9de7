#pragma once

#include <QWidget>

class QAbstractItemModel;
class QGridLayout;
class QLabel;
class QSortFilterProxyModel;

namespace rolldeck {

// The detail's "Guard" section: for the open rollout, each rollback trigger the guard evaluates with its value,
// threshold, time in breach and a bar of how close the value is to the line, and what the guard did or why it
// cannot judge ("query failed: …", "guard paused: data stale since …"). Shows a guard::GuardStatusModel.
class GuardSection : public QWidget
{
    Q_OBJECT
public:
    explicit GuardSection(QWidget *parent = nullptr);

    void setModel(QAbstractItemModel *model);
    void setRollout(const QString &cluster, const QString &ns, const QString &name);
    int triggerCount() const;

private:
    void rebuild();

    QSortFilterProxyModel *m_proxy;
    QLabel *m_mode;
    QLabel *m_empty;
    QWidget *m_rows;
    QGridLayout *m_grid;
};

} // namespace rolldeck
