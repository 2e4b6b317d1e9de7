#pragma once

#include <QPointer>
#include <QWidget>

class QFormLayout;
class QLabel;
class QToolButton;
class QTreeView;

namespace rolldeck {

class RolloutDetailModel;

// One rollout's detail: a summary (status with icon and message, strategy, step, set and actual weight, pause
// remaining, replicas, images), a "stale since … (cause)" line while its data is not known current, and the
// revision tree (revisions → ReplicaSets → pods, experiments, analysis runs). Shows a RolloutDetailModel; the
// composition root keeps the model live.
class RolloutDetailPanel : public QWidget
{
    Q_OBJECT
public:
    explicit RolloutDetailPanel(QWidget *parent = nullptr);
    ~RolloutDetailPanel() override;

    void setModel(RolloutDetailModel *model);
    RolloutDetailModel *model() const;
    QTreeView *view() const { return m_view; }

    // "stale since 10:42:13 (connection refused)"
    static QString staleText(const QDateTime &since, const QString &cause);

Q_SIGNALS:
    void closeRequested();

private:
    void updateTitle();
    void updateSummary();
    void updateStaleness();
    void updateAvailability();
    QLabel *addField(const QString &objectName, const QString &label);

    QPointer<RolloutDetailModel> m_model;
    QList<QMetaObject::Connection> m_modelConnections;
    QLabel *m_title = nullptr;
    QToolButton *m_closeButton = nullptr;
    QLabel *m_stale = nullptr;
    QLabel *m_placeholder = nullptr;
    QWidget *m_content = nullptr;
    QFormLayout *m_form = nullptr;
    QLabel *m_statusIcon = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_strategy = nullptr;
    QLabel *m_step = nullptr;
    QLabel *m_setWeight = nullptr;
    QLabel *m_actualWeight = nullptr;
    QLabel *m_pause = nullptr;
    QLabel *m_replicas = nullptr;
    QLabel *m_images = nullptr;
    QTreeView *m_view = nullptr;
};

} // namespace rolldeck
