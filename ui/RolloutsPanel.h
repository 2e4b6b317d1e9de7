#pragma once

#include "models/itemmodels/RolloutListModel.h"
#include "models/domain/WatchScope.h"

#include <QElapsedTimer>
#include <QHash>
#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTimer;
class QToolButton;
class QTreeView;
class QVBoxLayout;

namespace rolldeck {

class RolloutFilterProxyModel;
class RolloutPresentationModel;

// The rollouts table across clusters: a filter field, status and attention toggles, an environment choice (with
// a workspace, in its order) and a cluster choice,
// one banner line per stale cluster, and the sortable table. Shows the model; owns only its proxies.
class RolloutsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit RolloutsPanel(QWidget *parent = nullptr);
    ~RolloutsPanel() override;

    void setModel(RolloutListModel *model);
    RolloutListModel *model() const { return m_model; }
    RolloutFilterProxyModel *filterModel() const { return m_filter; }
    QTreeView *view() const { return m_view; }

    // Statuses the toggle buttons offer, in button order.
    static QStringList filterStatuses();

    // Narrow the table to one environment, or one cluster ("" for all): what the environments sidebar does.
    void chooseEnvironment(const QString &environment);
    void chooseCluster(const QString &cluster);

    // What is watched: said under the table ("1 cluster, all namespaces") and by an empty table, which offers to
    // watch every namespace when the scope was narrowed by choice.
    void setWatchScope(const WatchScope &scope);
    const WatchScope &watchScope() const { return m_scope; }
    // "2 clusters, namespace default", "1 cluster, all namespaces" (translated).
    static QString scopeText(const WatchScope &scope);

signals:
    // The empty table's fix: watch every namespace of every cluster.
    void watchAllNamespacesRequested();
    // The user opened a row (Enter or double-click): show that rollout's detail.
    void rolloutActivated(const QString &cluster, const QString &namespaceName, const QString &name);

private:
    void onFilterEdited(const QString &text);
    void onStatusToggled();
    void onClusterChosen(int index);
    void onEnvironmentChosen(int index);
    void updateEnvironmentChoices();
    void updateClusterChoices();
    void updateStaleBanner();
    void updateCount();
    void applyColumnWidths();
    void scheduleStatusCounts();
    void updateStatusCounts();

    QPointer<RolloutListModel> m_model;
    RolloutFilterProxyModel *m_filter = nullptr;
    RolloutPresentationModel *m_presentation = nullptr;
    QLineEdit *m_filterEdit = nullptr;
    QHash<QString, QToolButton *> m_statusButtons;
    QToolButton *m_attentionButton = nullptr;
    QComboBox *m_clusterCombo = nullptr;
    QComboBox *m_environmentCombo = nullptr; // shown when the model has workspace environments
    QLabel *m_countLabel = nullptr;
    QLabel *m_emptyLabel = nullptr;          // over the table when it shows no row
    QToolButton *m_watchAllButton = nullptr; // under the empty label: the one-click fix
    QLabel *m_scopeLabel = nullptr;          // what is watched, beside the count
    WatchScope m_scope;
    bool m_hasScope = false;
    QWidget *m_staleBanner = nullptr;
    QVBoxLayout *m_staleLayout = nullptr;
    QTreeView *m_view = nullptr;
    QTimer *m_ageTimer = nullptr;
    QTimer *m_countTimer = nullptr; // coalesces status recounts: at most one per kCountInterval
    QElapsedTimer m_sinceCount;
    QList<QMetaObject::Connection> m_modelConnections;
};

} // namespace rolldeck
