#pragma once

#include <QDateTime>
#include <QWidget>

class QLabel;
class QListView;

namespace rolldeck {

class AttentionQueueModel;

// The attention queue across the top of the window: one card per rollout that needs a person, oldest first, each
// saying why in words ("waiting for promotion for 12m", "aborted for 3m: Metric "success-rate" assessed Failed").
// A click or Enter opens its detail; the view is hidden while the queue is empty.
class AttentionQueueView : public QWidget
{
    Q_OBJECT
public:
    explicit AttentionQueueView(QWidget *parent = nullptr);

    void setModel(AttentionQueueModel *model);
    QListView *view() const { return m_view; }
    // Why a row of the queue is there, for people (translated), with how long it has been so at `now`.
    static QString reasonText(const QModelIndex &index, const QDateTime &now);

signals:
    void rolloutActivated(const QString &cluster, const QString &namespaceName, const QString &name);

private:
    void updateTitle();

    QLabel *m_title = nullptr;
    QListView *m_view = nullptr;
    AttentionQueueModel *m_model = nullptr;
};

} // namespace rolldeck
