#pragma once

#include "metrics/ChartPlan.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

namespace rolldeck::charts {
class MetricChartModel;
}

namespace rolldeck::prom {
class PrometheusClient;
}

namespace rolldeck::metrics {

// Runs the range queries of planned charts against one Prometheus, off the GUI thread's critical path (the client
// is asynchronous), and hands each chart's series to the model whole, once all of its queries answered. Refreshes
// at the query step while running; stop() cancels everything in flight.
class ChartQueryRunner : public QObject
{
    Q_OBJECT
public:
    explicit ChartQueryRunner(charts::MetricChartModel *model, QObject *parent = nullptr);
    ~ChartQueryRunner() override;

    // The client to ask (not owned; null: every chart says that no Prometheus is configured).
    void setClient(prom::PrometheusClient *client);
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }
    // What a chart this many pixels wide asks for: about one point per pixel.
    void setTargetPoints(int points) { m_targetPoints = std::max(points, 10); }
    // The message of a chart when there is no client.
    void setNoClientMessage(const QString &message) { m_noClient = message; }

    // New charts: rows whose id stays keep their series until the next answer.
    void setPlan(const QList<PlannedChart> &plan);
    const QList<PlannedChart> &plan() const { return m_plan; }

    // Queries now and then at the step; the range is the model's.
    void start();
    void stop();
    // One round of queries now (charts still waiting for the previous round are skipped).
    void refresh();
    bool isRunning() const { return m_timer.isActive(); }
    int inFlight() const { return int(m_requests.size()); }

signals:
    // Every query of a round answered (or failed).
    void roundFinished();

private:
    struct Round
    {
        int remaining = 0;
        QList<charts::ChartSeries> series;
        QStringList errors;
        qint64 startMs = 0;
        qint64 endMs = 0;
        qint64 stepMs = 0;
    };
    void finishChart(const QString &id);

    QPointer<charts::MetricChartModel> m_model;
    QPointer<prom::PrometheusClient> m_client;
    std::function<QDateTime()> m_clock;
    QList<PlannedChart> m_plan;
    QHash<QString, Round> m_rounds; // chart id -> its round in flight
    QList<quint64> m_requests;
    QString m_noClient;
    int m_targetPoints = 1000;
    QTimer m_timer{this};
};

} // namespace rolldeck::metrics
