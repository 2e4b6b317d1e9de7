#pragma once

#include <QObject>
#include <QString>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace rdsim {
class Simulator;
}

namespace rolldeck {

namespace prom {
class PrometheusProcess;
}

// `rolldeck --demo`: the embedded demo cluster (rolldeck_sim) runs inside the console on its own threads,
// serving the real wire protocols on 127.0.0.1, and the console connects to it through the normal client
// code using the kubeconfig it writes. When Debian's prometheus is installed a real Prometheus scrapes the
// simulator every second, so charts come from real PromQL; without it, chartsUnavailable() says why.
class DemoCluster : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString scenario = QStringLiteral("default");
        double speed = 1.0;
        quint64 seed = 1;
        bool startPrometheus = true;
        // Prometheus starts this long after the cluster: its start-up (a process and its runtime) then does not
        // compete with the console's first LIST and paint for the cores.
        int prometheusDelayMs = 0;
    };

    explicit DemoCluster(QObject *parent = nullptr);
    ~DemoCluster() override;

    // Starts the simulator off the GUI thread; started() or failed() follows, always through the event loop.
    void start(const Options &options);

    QString kubeconfigPath() const;
    // How much faster than the wall clock the demo cluster runs its durations (--speed). Its timestamps are wall
    // time (docs/simulator.md, "Time"): views compute ages against the wall clock as for any cluster, and a timed
    // pause's remaining time with this scale (RolloutDetailController::setTimeScale).
    double timeScale() const { return m_options.speed > 0 ? m_options.speed : 1.0; }
    QUrl metricsUrl() const { return m_metricsUrl; }
    QUrl argoCdUrl() const { return m_argoCdUrl; }
    // The simulated Argo CD's API token (in memory only; the demo's Argo CD accepts it as a Bearer token).
    QByteArray argoCdToken() const { return m_argoCdToken; }
    QUrl prometheusUrl() const { return m_prometheusUrl; }

signals:
    void started(const QString &kubeconfigPath);
    void failed(const QString &message);
    void prometheusReady(const QUrl &baseUrl);
    void chartsUnavailable(const QString &reason);

private:
    void onSimulatorStarted(const QString &error, const QString &kube, const QString &argocd, const QString &metrics,
                            const QByteArray &argocdToken);

    Options m_options;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<rdsim::Simulator> m_simulator;
    prom::PrometheusProcess *m_prometheus = nullptr;
    QUrl m_metricsUrl;
    QUrl m_argoCdUrl;
    QByteArray m_argoCdToken;
    QUrl m_prometheusUrl;
};

} // namespace rolldeck
