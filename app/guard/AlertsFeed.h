#pragma once

#include "prometheus/PrometheusClient.h"
#include "secrets/WorkspaceSecrets.h"

#include <QMap>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace rolldeck::guard {

class AlertListModel;

// Keeps the alerts panel's model filled for the open rollout (docs/guard.md): its environment's Prometheus alerts
// (/api/v1/alerts, pending and firing) and Alertmanager alerts (/api/v2/alerts, filtered on the namespace), each
// narrowed by alertConcerns() to the rollout, read again every interval while a rollout is shown. A source that
// cannot be read shows its error in the panel. GUI thread; asynchronous.
class AlertsFeed : public QObject
{
    Q_OBJECT
public:
    using EndpointFor = std::function<std::optional<prom::PromEndpoint>(const QString &environment)>;

    explicit AlertsFeed(AlertListModel *model, QObject *parent = nullptr);
    ~AlertsFeed() override;

    void setEndpoints(EndpointFor endpoints);
    void setSecrets(WorkspaceSecrets *secrets) { m_secrets = secrets; }
    void setInterval(std::chrono::milliseconds interval) { m_timer.setInterval(interval); }

    // Shows this rollout's alerts from now on (nothing happens when it is the one shown already).
    void show(const QString &environment, const QString &ns, const QString &name,
              const QMap<QString, QString> &rolloutLabels = {});
    // No rollout: the model empties and the polling stops.
    void clear();
    // Reads both sources again now.
    void refresh();

signals:
    // Both sources answered (or failed) for the current rollout.
    void refreshed();

private:
    prom::PrometheusClient *client();
    void answered();

    QPointer<AlertListModel> m_model;
    EndpointFor m_endpoints;
    QPointer<WorkspaceSecrets> m_secrets;
    QTimer m_timer{this};
    QString m_environment;
    QString m_ns;
    QString m_name;
    QMap<QString, QString> m_labels;
    std::unique_ptr<prom::PrometheusClient> m_client; // the environment's
    QString m_clientFor;
    quint64 m_promRequest = 0;
    quint64 m_amRequest = 0;
    int m_waiting = 0;
};

} // namespace rolldeck::guard
