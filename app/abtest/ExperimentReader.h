#pragma once

#include "abtest/ExperimentSpec.h"
#include "models/stats/Experiment.h"

#include <QObject>

#include <chrono>
#include <functional>

namespace rolldeck::prom {
class PrometheusClient;
}

namespace rolldeck::abtest {

// Reads one A/B test live: two instant queries to its Prometheus (every ab_test_* series of the experiment, and its
// visit rate), ExperimentInputs to turn them into the statistics' input, and buildAbReport on a worker thread (the
// binned Mann-Whitney of a large test takes a while). Never blocks: `done` runs on this object's thread, with the
// snapshot or, in its `error`, what failed, naming the query. Nothing is delivered once this object is gone.
class ExperimentReader : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const stats::ExperimentSnapshot &)>;

    explicit ExperimentReader(QObject *parent = nullptr);
    ~ExperimentReader() override;

    // The window of the visit rate (the time left); default 5 minutes.
    void setRateWindow(std::chrono::seconds window) { m_rateWindow = window; }
    std::chrono::seconds rateWindow() const { return m_rateWindow; }

    void read(const ExperimentSpec &spec, prom::PrometheusClient *client, Done done);
    int pendingCount() const { return m_pending; }

private:
    struct Read;
    void answer(const std::shared_ptr<Read> &read);

    std::chrono::seconds m_rateWindow{300};
    int m_pending = 0;
};

} // namespace rolldeck::abtest
