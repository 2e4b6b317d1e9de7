#pragma once

// A real Prometheus for a test: the demo's PrometheusProcess (Debian's binary on a free loopback port, ending with
// the test) scraping `targets`, waited for until ready. Header-only; the test links rolldeck_services.

#include "app/demo/PrometheusProcess.h"

#include <QList>
#include <QSignalSpy>
#include <QString>
#include <QTest>
#include <QUrl>

#include <string>

namespace rolldeck::test {

// Empty when it is ready; otherwise why not (a missing binary, its error and its recent log).
inline QString startPrometheus(prom::PrometheusProcess &prometheus, const QList<QUrl> &targets, int timeoutMs = 30000)
{
    if (prom::PrometheusProcess::findBinary().isEmpty())
        return QStringLiteral("the prometheus binary is required (Debian package prometheus; dev.sh installs it)");
    QSignalSpy ready(&prometheus, &prom::PrometheusProcess::ready);
    QSignalSpy failed(&prometheus, &prom::PrometheusProcess::failed);
    prometheus.start(targets);
    if (!QTest::qWaitFor([&] { return !ready.isEmpty() || !failed.isEmpty(); }, timeoutMs))
        return QStringLiteral("Prometheus was not ready after %1 ms\n").arg(timeoutMs) + prometheus.recentLog();
    if (!failed.isEmpty())
        return prometheus.errorString() + u'\n' + prometheus.recentLog();
    return {};
}

// The scrape target of a simulator whose metrics endpoint is `endpoint` (rdsim::StartResult::endpoints.metrics).
inline QUrl simulatorMetrics(const std::string &endpoint)
{
    return QUrl(QString::fromStdString(endpoint) + QStringLiteral("/metrics"));
}

} // namespace rolldeck::test
