#include "DemoCluster.h"

#include "demo/PrometheusProcess.h"

#include "sim/Simulator.h"

#include <QLoggingCategory>
#include <QMetaObject>
#include <QThread>
#include <QTimer>

Q_LOGGING_CATEGORY(lcDemo, "rolldeck.demo")

namespace rolldeck {

DemoCluster::DemoCluster(QObject *parent) : QObject(parent) {}

DemoCluster::~DemoCluster()
{
    // The simulator joins its own threads; the console is closing, so this short wait is expected.
    if (m_simulator)
        m_simulator->stop();
}

QString DemoCluster::kubeconfigPath() const
{
    return m_dir ? m_dir->filePath(QStringLiteral("kubeconfig")) : QString();
}

void DemoCluster::start(const Options &options)
{
    m_options = options;
    m_dir = std::make_unique<QTemporaryDir>();
    if (!m_dir->isValid()) {
        // Through the event loop, as every other outcome: whoever started it may connect only after start().
        const QString why = tr("Cannot create a temporary folder for the demo cluster: %1").arg(m_dir->errorString());
        QMetaObject::invokeMethod(
            this, [this, why] { emit failed(why); }, Qt::QueuedConnection);
        return;
    }
    m_simulator = std::make_unique<rdsim::Simulator>();

    rdsim::Options simOptions;
    simOptions.scenario = options.scenario.toStdString();
    simOptions.speed = options.speed;
    simOptions.seed = options.seed;
    simOptions.kubeconfigOut = kubeconfigPath().toStdString();

    // Loading a scenario and binding the listeners is quick but not free: keep it off the GUI thread.
    rdsim::Simulator *simulator = m_simulator.get();
    QThread *starter = QThread::create([this, simulator, simOptions] {
        const rdsim::StartResult r = simulator->start(simOptions);
        QMetaObject::invokeMethod(this, [this, r] {
            onSimulatorStarted(QString::fromStdString(r.error), QString::fromStdString(r.endpoints.kube),
                               QString::fromStdString(r.endpoints.argocd), QString::fromStdString(r.endpoints.metrics),
                               QByteArray::fromStdString(r.endpoints.argocdToken));
        });
    });
    connect(starter, &QThread::finished, starter, &QObject::deleteLater);
    starter->start();
}

void DemoCluster::onSimulatorStarted(const QString &error, const QString &kube, const QString &argocd,
                                     const QString &metrics, const QByteArray &argocdToken)
{
    if (!error.isEmpty()) {
        emit failed(tr("The demo cluster did not start: %1").arg(error));
        return;
    }
    qCInfo(lcDemo).noquote() << "demo cluster: kube" << kube << "argocd" << argocd << "metrics" << metrics;
    m_argoCdUrl = QUrl(argocd);
    m_argoCdToken = argocdToken;
    m_metricsUrl = QUrl(metrics);
    if (m_metricsUrl.path().isEmpty())
        m_metricsUrl.setPath(QStringLiteral("/metrics"));
    emit started(kubeconfigPath());

    if (!m_options.startPrometheus) {
        emit chartsUnavailable(tr("Prometheus was not started for this demo."));
        return;
    }
    m_prometheus = new prom::PrometheusProcess(this);
    connect(m_prometheus, &prom::PrometheusProcess::ready, this, [this](const QUrl &url) {
        m_prometheusUrl = url;
        emit prometheusReady(url);
    });
    connect(m_prometheus, &prom::PrometheusProcess::failed, this,
            [this](const QString &why) { emit chartsUnavailable(why); });
    if (m_options.prometheusDelayMs <= 0) {
        m_prometheus->start({m_metricsUrl});
        return;
    }
    QTimer::singleShot(m_options.prometheusDelayMs, m_prometheus,
                       [prometheus = m_prometheus, url = m_metricsUrl] { prometheus->start({url}); });
}

} // namespace rolldeck
