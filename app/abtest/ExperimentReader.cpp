#include "ExperimentReader.h"

#include "abtest/ExperimentInputs.h"
#include "prometheus/PrometheusClient.h"

#include <QFutureWatcher>
#include <QLoggingCategory>
#include <QPromise>
#include <QThreadPool>

#include <memory>
#include <optional>

namespace rolldeck::abtest {

Q_LOGGING_CATEGORY(lcAbTest, "rolldeck.abtest")

struct ExperimentReader::Read
{
    ExperimentSpec spec;
    Done done;
    QString seriesQuery, rateQuery;
    std::optional<prom::PromReply<prom::QueryData>> series, rate;
};

ExperimentReader::ExperimentReader(QObject *parent) : QObject(parent) {}

ExperimentReader::~ExperimentReader() = default;

void ExperimentReader::read(const ExperimentSpec &spec, prom::PrometheusClient *client, Done done)
{
    auto read = std::make_shared<Read>();
    read->spec = spec;
    read->done = std::move(done);
    read->seriesQuery = seriesQuery(spec);
    read->rateQuery = visitRateQuery(spec, m_rateWindow);
    ++m_pending;
    // Both queries at the same instant: the rate then belongs to the counts.
    const QDateTime at = QDateTime::currentDateTimeUtc();
    client->query(read->seriesQuery, at, this, [this, read](const prom::PromReply<prom::QueryData> &r) {
        read->series = r;
        answer(read);
    });
    client->query(read->rateQuery, at, this, [this, read](const prom::PromReply<prom::QueryData> &r) {
        read->rate = r;
        answer(read);
    });
}

void ExperimentReader::answer(const std::shared_ptr<Read> &read)
{
    if (!read->series || !read->rate)
        return;
    stats::ExperimentSnapshot snapshot;
    snapshot.ns = read->spec.ns;
    snapshot.name = read->spec.name;
    snapshot.route = read->spec.route;
    snapshot.readAt = QDateTime::currentDateTimeUtc();
    auto deliver = [this, read](const stats::ExperimentSnapshot &s) {
        --m_pending;
        read->done(s);
    };
    if (!read->series->ok()) {
        snapshot.error = read->series->message;
        deliver(snapshot);
        return;
    }
    Result<stats::AbTestInput> input = inputFromSeries(read->spec, *read->series->value, read->seriesQuery);
    if (!input) {
        snapshot.error = input.error();
        deliver(snapshot);
        return;
    }
    snapshot.input = std::move(input).value();
    if (read->rate->ok())
        snapshot.input.visitsPerSecond = visitRateFrom(*read->rate->value);
    else // the report stands without it; only the time left is missing
        qCWarning(lcAbTest) << read->spec.ns << read->spec.name << "visit rate:" << read->rate->message;

    // The report off this thread: a binned Mann-Whitney of 200,000 a side takes a while.
    auto promise = std::make_shared<QPromise<stats::AbReport>>();
    auto *watcher = new QFutureWatcher<stats::AbReport>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [watcher, snapshot, deliver]() mutable {
        watcher->deleteLater();
        snapshot.report = watcher->result();
        deliver(snapshot);
    });
    watcher->setFuture(promise->future());
    QThreadPool::globalInstance()->start([promise, input = snapshot.input] {
        promise->start();
        promise->addResult(stats::buildAbReport(input));
        promise->finish();
    });
}

} // namespace rolldeck::abtest
