#pragma once

#include <QWidget>

class QListView;

namespace rolldeck {

class EnvironmentSummaryModel;

// The environments down the left of the window, each with its health badges: Degraded (red), paused awaiting a
// decision (blue), Progressing (amber) and "stale" (grey). Production stands out with a red band and bold name.
// The first entry is every environment; choosing one narrows every view (environmentChosen).
class EnvironmentSidebar : public QWidget
{
    Q_OBJECT
public:
    explicit EnvironmentSidebar(QWidget *parent = nullptr);

    void setModel(EnvironmentSummaryModel *model);
    QListView *view() const { return m_view; }
    // The key of the chosen environment (or cluster), "" for all.
    QString currentKey() const;
    void choose(const QString &key);

signals:
    void environmentChosen(const QString &key, bool isCluster);

private:
    void onCurrentChanged();

    QListView *m_view = nullptr;
    class AllEnvironmentsModel *m_withAll = nullptr;
};

} // namespace rolldeck
