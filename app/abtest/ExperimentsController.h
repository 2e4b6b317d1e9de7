#pragma once

#include "abtest/ExperimentReader.h"
#include "models/stats/Experiment.h"
#include "prometheus/PrometheusClient.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace rolldeck {
class WorkspaceSecrets;
}

namespace rolldeck::kube {
class ClusterConnection;
class ResourceCache;
} // namespace rolldeck::kube

namespace rolldeck::abtest {

// The live A/B tests for the Experiments view (docs/statistics.md, "Live A/B tests"): watches the VirtualServices
// of the given clusters and namespaces, takes each one annotated rolldeck.io/ab-test as an experiment
// (ExperimentSpec), reads its inputs from the Prometheus of its environment (ExperimentReader) every interval and
// whenever a VirtualService changes, and emits every experiment's snapshot, sorted by namespace and name. A read
// that fails keeps the last report and says why in the snapshot's `error`. GUI thread; nothing here blocks.
//
//   auto *experiments = new ExperimentsController(this);
//   experiments->setEndpoints([&](const QString &context, const QString &ns) { return prom::endpointFor(...); });
//   experiments->watch(connection, "production");
//   connect(experiments, &ExperimentsController::snapshotsChanged, view, &ExperimentsView::setSnapshots);
//   experiments->start();
class ExperimentsController : public QObject
{
    Q_OBJECT
public:
    using EndpointFor = std::function<std::optional<prom::PromEndpoint>(const QString &context, const QString &ns)>;

    explicit ExperimentsController(QObject *parent = nullptr);
    ~ExperimentsController() override;

    // Watches the VirtualServices of `ns` (empty: all namespaces) through `connection`, which is not owned.
    void watch(kube::ClusterConnection *connection, const QString &ns = {});
    // Lets go of every watch (and forgets their experiments).
    void clearWatches();
    // Where the Prometheus of a cluster's namespace is (its environment's, or the demo's).
    void setEndpoints(EndpointFor endpoints);
    void setSecrets(WorkspaceSecrets *secrets);
    void setInterval(std::chrono::milliseconds interval);
    void setRateWindow(std::chrono::seconds window) { m_reader.setRateWindow(window); }

    void start();
    void stop();
    // Reads every experiment now (a round already under way is followed by another).
    void refresh();

    const QList<stats::ExperimentSnapshot> &snapshots() const { return m_snapshots; }

signals:
    void snapshotsChanged(const QList<rolldeck::stats::ExperimentSnapshot> &snapshots);

private:
    struct Watch
    {
        QPointer<kube::ClusterConnection> connection;
        QPointer<kube::ResourceCache> cache;
    };

    void releaseWatches();
    prom::PrometheusClient *clientFor(const prom::PromEndpoint &endpoint);
    void finishRound();

    QList<Watch> m_watches;
    EndpointFor m_endpoints;
    QPointer<WorkspaceSecrets> m_secrets;
    QHash<QString, std::shared_ptr<prom::PrometheusClient>> m_clients; // by URL and credential
    ExperimentReader m_reader;
    QTimer m_timer{this};
    QList<stats::ExperimentSnapshot> m_snapshots;
    QList<stats::ExperimentSnapshot> m_round; // the round under way
    int m_outstanding = 0;
    bool m_again = false;
    quint64 m_generation = 0; // a round of a former watch set is dropped
};

} // namespace rolldeck::abtest
