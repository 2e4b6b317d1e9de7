#include "metrics/ChartQueryRunner.h"

#include "models/charts/MetricChartModel.h"
#include "prometheus/PrometheusClient.h"

#include <algorithm>
#include <cmath>

namespace rolldeck::metrics {

namespace {

// The legend of one returned series: the version asked for, else the labels that tell series apart.
QString seriesLabel(const QString &version, bool blueGreen, const prom::Labels &labels, bool several)
{
    QString label = version;
    if (blueGreen && version == QLatin1String("stable"))
        label = QStringLiteral("active");
    if (version.isEmpty() && labels.contains(QStringLiteral("environment")))
        return labels.value(QStringLiteral("environment")); // the dashboard's series: one per environment
    if (label.isEmpty() || several) {
        QStringList parts;
        for (auto it = labels.begin(); it != labels.end(); ++it) {
            if (it.key() != QLatin1String("__name__") && it.key() != QLatin1String("version"))
                parts << it.key() + u'=' + it.value();
        }
        const QString rest = parts.join(u',');
        label = label.isEmpty() ? (rest.isEmpty() ? QStringLiteral("value") : rest)
                                : (rest.isEmpty() ? label : label + QStringLiteral(" {") + rest + u'}');
    }
    return label;
}

} // namespace

ChartQueryRunner::ChartQueryRunner(charts::MetricChartModel *model, QObject *parent)
    : QObject(parent), m_model(model), m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
    m_timer.setSingleShot(false);
    connect(&m_timer, &QTimer::timeout, this, &ChartQueryRunner::refresh);
    if (m_model) {
        connect(m_model, &charts::MetricChartModel::rangeChanged, this, [this] {
            // A new range: the answers in flight are for the old one.
            const bool running = isRunning();
            stop();
            if (running)
                start();
        });
    }
}

ChartQueryRunner::~ChartQueryRunner()
{
    stop();
}

void ChartQueryRunner::setClient(prom::PrometheusClient *client)
{
    stop();
    m_client = client;
}

void ChartQueryRunner::setPlan(const QList<PlannedChart> &plan)
{
    // Charts whose queries changed start a new round; the others keep theirs.
    for (const PlannedChart &p : plan) {
        const auto old = std::find_if(m_plan.begin(), m_plan.end(),
                                      [&](const PlannedChart &o) { return o.chart.spec.id == p.chart.spec.id; });
        if (old != m_plan.end() && old->queries != p.queries)
            m_rounds.remove(p.chart.spec.id);
    }
    m_plan = plan;
    if (!m_model)
        return;
    QList<charts::MetricChart> charts;
    for (const PlannedChart &p : plan) {
        charts::MetricChart c = p.chart;
        const int row = m_model->rowOf(c.spec.id);
        if (row >= 0 && m_model->chart(row).spec.query == c.spec.query) {
            const charts::MetricChart &shown = m_model->chart(row);
            c.series = shown.series;
            c.error = shown.error;
            c.loading = shown.loading;
            c.startMs = shown.startMs;
            c.endMs = shown.endMs;
            c.stepMs = shown.stepMs;
        } else {
            c.loading = true;
        }
        if (!m_client) {
            c.loading = false;
            c.error = m_noClient;
        }
        charts << c;
    }
    m_model->setCharts(charts);
}

void ChartQueryRunner::start()
{
    refresh();
    if (!m_model)
        return;
    const qint64 range = m_model->rangeMs(m_clock().toMSecsSinceEpoch());
    // Refreshed at the query step (a new point per step), at most once a second; at least every 15 s, so that a
    // long range's last point (and a Prometheus that has only just started scraping) keeps up.
    const qint64 step = std::max<qint64>(range / m_targetPoints, 1000);
    m_timer.start(int(std::clamp<qint64>(step, 1000, 15000)));
}

void ChartQueryRunner::stop()
{
    m_timer.stop();
    const QList<quint64> requests = std::exchange(m_requests, {});
    if (m_client) {
        for (quint64 id : requests)
            m_client->cancel(id);
    }
    m_rounds.clear();
}

void ChartQueryRunner::refresh()
{
    if (!m_model || !m_client)
        return;
    const QDateTime end = m_clock();
    const qint64 range = m_model->rangeMs(end.toMSecsSinceEpoch());
    const QDateTime start = end.addMSecs(-range);
    const std::chrono::milliseconds desired(std::max<qint64>(range / m_targetPoints, 1000));
    const prom::RangeStep step = prom::chooseRangeStep(start, end, desired);
    for (const PlannedChart &p : m_plan) {
        const QString id = p.chart.spec.id;
        if (m_rounds.contains(id) || p.queries.isEmpty())
            continue; // the previous round of this chart is still out
        Round &round = m_rounds[id];
        round.remaining = int(p.queries.size());
        round.startMs = step.startMs;
        round.endMs = step.endMs;
        round.stepMs = step.stepMs;
        const bool blueGreen = p.versions.contains(QStringLiteral("preview"));
        for (qsizetype i = 0; i < p.queries.size(); ++i) {
            const QString version = p.versions.value(i);
            auto request = std::make_shared<quint64>(0);
            *request = m_client->queryRange(
                p.queries.at(i), start, end, desired, this,
                [this, id, version, blueGreen, request](const prom::PromReply<prom::QueryData> &reply) {
                    m_requests.removeOne(*request);
                    auto it = m_rounds.find(id);
                    if (it == m_rounds.end())
                        return;
                    if (!reply.ok()) {
                        if (!it->errors.contains(reply.message))
                            it->errors << reply.message;
                    } else {
                        const bool several = reply.value->series.size() > 1;
                        for (const prom::PromSeries &s : reply.value->series) {
                            charts::ChartSeries out;
                            out.version = version;
                            out.label = seriesLabel(version, blueGreen, s.labels, several);
                            out.points.reserve(s.samples.size());
                            for (const prom::PromSample &sample : s.samples)
                                out.points.emplace_back(sample.time * 1000.0, sample.value);
                            it->series << out;
                        }
                    }
                    if (--it->remaining == 0)
                        finishChart(id);
                });
            m_requests << *request;
        }
    }
}

void ChartQueryRunner::finishChart(const QString &id)
{
    const Round round = m_rounds.take(id);
    const int row = m_model ? m_model->rowOf(id) : -1;
    if (row >= 0) {
        charts::MetricChart chart = m_model->chart(row);
        const double scale = chart.spec.displayScale;
        chart.series = round.series;
        if (scale != 1) {
            for (charts::ChartSeries &s : chart.series) {
                for (QPointF &p : s.points)
                    p.setY(p.y() * scale);
            }
        }
        chart.error = round.errors.join(u'\n');
        chart.loading = false;
        chart.startMs = round.startMs;
        chart.endMs = round.endMs;
        chart.stepMs = round.stepMs;
        m_model->updateChart(chart);
    }
    if (m_rounds.isEmpty())
        emit roundFinished();
}

} // namespace rolldeck::metrics
