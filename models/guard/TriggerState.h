#pragma once

#include <QDateTime>
#include <QLocale>
#include <QString>

#include <chrono>
#include <optional>

namespace rolldeck::guard {

// A rollback trigger as the guard evaluates it (the workspace's `rollbackTriggers` entry, docs/workspace.md): a
// PromQL query, a comparison with a threshold in the unit's base (0.5 % is 0.005, 500 ms is 0.5) and how long it
// must hold (`for`).
struct TriggerSpec
{
    enum class Compare { Less, LessOrEqual, Greater, GreaterOrEqual, Equal };
    enum class Unit { Number, Ratio, Seconds };

    QString name;
    QString query; // with placeholders ({{rollout}}, {{namespace}}, {{environment}})
    Compare compare = Compare::Greater;
    double threshold = 0;
    Unit unit = Unit::Number;
    std::chrono::milliseconds holdFor{0};

    // Whether a measured value breaches the trigger (NaN never does).
    bool breached(double value) const;
    // How close a value is to breaching: 0 far, 1 at the line, above 1 past it (capped at 2); for a "<" trigger the
    // inverse ratio. NaN gives 0.
    double proximity(double value) const;
    // "2.1 %", "512 ms", "1.3 s", "0.93" (the system's locale unless another is given).
    QString formatValue(double value, const QLocale &locale = QLocale()) const;
    // "> 0.5 %"
    QString thresholdText(const QLocale &locale = QLocale()) const;
};

// One evaluation of a trigger's query, or why there is none.
struct Observation
{
    enum class Kind {
        Value,  // the query answered with a number
        Empty,  // the query answered with no series (no traffic, or the series went stale in Prometheus)
        Failed, // the query failed (detail: the client's message)
        Stale,  // the rollout's cluster is stale: its state is not known to be current (detail: since when, why)
    };
    Kind kind = Kind::Empty;
    QDateTime at;
    double value = 0; // Value
    QString detail;   // Failed, Stale

    static Observation measured(const QDateTime &at, double value) { return {Kind::Value, at, value, {}}; }
    static Observation empty(const QDateTime &at) { return {Kind::Empty, at, 0, {}}; }
    static Observation failed(const QDateTime &at, const QString &why) { return {Kind::Failed, at, 0, why}; }
    static Observation stale(const QDateTime &at, const QString &why) { return {Kind::Stale, at, 0, why}; }
};

// The for:-duration state of one trigger on one rollout, as a Prometheus alert rule keeps it (docs/guard.md):
// Inactive while the condition does not hold; Pending from the first breaching value; Firing once it has held for
// `for`. A value that does not breach resets it and ends the breach episode. A failed or empty query and stale data
// are no evidence: they reset the pending time (the breach must be seen again for the whole `for`), but they do not
// end the episode, so the guard acts at most once per episode.
class TriggerState
{
public:
    enum class Phase { Waiting, Inactive, Pending, Firing, NoData, Failed, Stale };
    enum class Transition {
        None,
        Breached,  // Inactive (or no data) → Pending
        Fired,     // → Firing, the first time in this episode: notify, maybe act
        Refired,   // → Firing again in an episode already handled (after a gap in the data)
        Recovered, // the episode ended: a value that does not breach
    };

    explicit TriggerState(TriggerSpec spec = {});

    Transition observe(const Observation &observation);

    const TriggerSpec &spec() const { return m_spec; }
    Phase phase() const { return m_phase; }
    bool firing() const { return m_phase == Phase::Firing; }
    // The last measured value; none after an empty or failed query or on stale data.
    std::optional<double> value() const { return m_value; }
    QDateTime breachSince() const { return m_breachSince; } // invalid unless Pending or Firing
    QDateTime lastObserved() const { return m_lastAt; }
    std::chrono::milliseconds timeInBreach(const QDateTime &now) const;
    QString detail() const { return m_detail; } // the query's error or the staleness
    // The episode has fired at least once (Fired was returned), until a value that does not breach ends it.
    bool episodeFired() const { return m_episodeFired; }

    // "error rate: 2.1 % > 0.5 % for 45s": the measured breach, for the attention queue and the audit reason.
    QString breachText(const QDateTime &now) const;
    // The same untranslated and in the C locale, for the audit log: "error rate: 2.13 % > 0.5 % for 45s".
    QString breachRecord(const QDateTime &now) const;
    // "firing", "pending", "ok", "no data", "query failed: …", "paused: data stale since …" (translated).
    QString phaseText() const;

private:
    TriggerSpec m_spec;
    Phase m_phase = Phase::Waiting;
    std::optional<double> m_value;
    QDateTime m_breachSince;
    QDateTime m_lastAt;
    QString m_detail;
    bool m_episodeFired = false;
};

QString compareSymbol(TriggerSpec::Compare compare); // ">", "<=", "=="

} // namespace rolldeck::guard
