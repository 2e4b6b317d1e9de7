#pragma once

#include <QSet>
#include <QWidget>

class QListView;
class QToolButton;

namespace rolldeck {

class EnvironmentSummaryModel;

// The environments down the left of the window, each with its health badges: Degraded (red), paused awaiting a
// decision (blue), Progressing (amber) and "stale" (grey). Production stands out with a red band and bold name.
// The first entry is every environment; choosing one narrows every view (environmentChosen). An environment can be
// watched ("Notify me"): a rollout newly needing attention there is a desktop notification. Remembered in QSettings.
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

    // The watched environments (or clusters, without a workspace), as QSettings remembers them.
    QStringList watched() const { return QStringList(m_watched.cbegin(), m_watched.cend()); }
    bool isWatched(const QString &key) const { return m_watched.contains(key); }
    void setWatched(const QString &key, bool watched);

signals:
    void environmentChosen(const QString &key, bool isCluster);
    void watchedChanged(const QStringList &watched);

private:
    void onCurrentChanged();

    QListView *m_view = nullptr;
    QToolButton *m_watch = nullptr;
    QSet<QString> m_watched;
    class AllEnvironmentsModel *m_withAll = nullptr;
};

} // namespace rolldeck
