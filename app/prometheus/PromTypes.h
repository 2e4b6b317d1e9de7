#pragma once

// What the Prometheus and Alertmanager HTTP APIs answer, as Rolldeck keeps it (docs/prometheus.md).

#include "models/analysis/ExprValue.h"

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace rolldeck::prom {

using Labels = QMap<QString, QString>;

struct PromSample
{
    double time = 0;  // Unix seconds (millisecond precision)
    double value = 0; // NaN, +Inf and -Inf as the server wrote them
};

struct PromSeries
{
    Labels labels;
    std::vector<PromSample> samples; // one for an instant vector, many for a matrix
};

struct QueryData
{
    enum class Type { Vector, Matrix, Scalar, String };
    Type type = Type::Vector;
    std::vector<PromSeries> series; // Vector and Matrix
    PromSample scalar;              // Scalar (and String's time)
    QString text;                   // String

    // What the Argo Rollouts controller's Prometheus provider makes of it for a condition: a scalar is a
    // float64, a vector one float64 per series, a matrix every sample of every series in order.
    analysis::ExprValue conditionResult() const;
    qsizetype pointCount() const;
};

struct PromAlert
{
    Labels labels;
    Labels annotations;
    QString state; // pending, firing
    QDateTime activeAt;
    double value = 0;
};

struct PromRule
{
    QString type; // alerting, recording
    QString name;
    QString query;
    double durationSeconds = 0; // alerting: for
    Labels labels;
    Labels annotations;
    QString health; // ok, err, unknown
    QString lastError;
    QString state; // alerting: inactive, pending, firing
    QList<PromAlert> alerts;
};

struct PromRuleGroup
{
    QString name;
    QString file;
    double intervalSeconds = 0;
    QList<PromRule> rules;
};

struct PromBuildInfo
{
    QString version;
    QString revision;
    QString branch;
    QString buildUser;
    QString buildDate;
    QString goVersion;
};

struct AlertmanagerAlert
{
    Labels labels;
    Labels annotations;
    QDateTime startsAt;
    QDateTime endsAt;
    QDateTime updatedAt;
    QString fingerprint;
    QString state; // unprocessed, active, suppressed
    QStringList silencedBy;
    QStringList inhibitedBy;
    QStringList receivers;
    QString generatorUrl;
};

// Why a request failed: the server's errorType, or what went wrong before or after it.
struct PromError
{
    enum class Type {
        None,
        BadData,       // 400 bad_data: the query, a time or the step is wrong; the 11,000-point limit
        Execution,     // 422 execution: PromQL evaluation failed
        Timeout,       // 503 timeout: the server's query timeout
        Canceled,      // 499 canceled: the server cancelled the query
        Internal,      // 500 internal: storage
        Unavailable,   // unavailable: the TSDB is not ready
        NotFound,      // 404
        NotAcceptable, // 406
        OtherApi,      // an errorType Rolldeck does not know
        Unauthorized,  // 401 or 403, usually from a proxy in front
        Http,          // a non-2xx answer without the API's error envelope
        Malformed,     // a body Rolldeck cannot read
        Network,       // no connection, refused, DNS, reset
        Tls,           // the certificate did not verify
        ClientTimeout, // no answer within Rolldeck's timeout
        NoCredential,  // the keychain entry could not be read
        NotConfigured, // no URL for that server in the workspace
    };

    Type type = Type::None;
    QString errorType; // as the server wrote it
    int httpStatus = 0;
    QString detail; // the server's or the network's own words

    bool isError() const { return type != Type::None; }
    // A sentence for a person that names the request (`what`), what went wrong and, where it helps, what to do.
    // Translated.
    QString describe(const QString &what) const;
};

template <typename T>
struct PromReply
{
    std::optional<T> value;
    PromError error;
    QString message; // error.describe(request), empty on success
    QStringList warnings;
    QStringList infos;

    bool ok() const { return value.has_value(); }
};

} // namespace rolldeck::prom
