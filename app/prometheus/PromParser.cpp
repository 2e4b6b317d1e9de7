#include "prometheus/PromParser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace rolldeck::prom {

namespace {

using L = QLatin1String;

template <typename T>
PromReply<T> malformed(const QString &detail)
{
    PromReply<T> r;
    r.error.type = PromError::Type::Malformed;
    r.error.detail = detail;
    return r;
}

PromError::Type typeOf(const QString &errorType, int httpStatus)
{
    static const struct
    {
        const char *name;
        PromError::Type type;
    } known[] = {
        {"bad_data", PromError::Type::BadData},   {"execution", PromError::Type::Execution},
        {"timeout", PromError::Type::Timeout},    {"canceled", PromError::Type::Canceled},
        {"internal", PromError::Type::Internal},  {"unavailable", PromError::Type::Unavailable},
        {"not_found", PromError::Type::NotFound}, {"not_acceptable", PromError::Type::NotAcceptable},
    };
    for (const auto &k : known) {
        if (errorType == L(k.name))
            return k.type;
    }
    if (httpStatus == 401 || httpStatus == 403)
        return PromError::Type::Unauthorized;
    if (httpStatus == 404)
        return PromError::Type::NotFound;
    return errorType.isEmpty() ? PromError::Type::Http : PromError::Type::OtherApi;
}

// The start of a non-JSON body (a proxy's HTML page, a plain-text error), on one line, control characters out.
QString bodyExcerpt(const QByteArray &body)
{
    QString text = QString::fromUtf8(body.left(300)).simplified();
    for (QChar &c : text) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            c = QLatin1Char(' ');
    }
    return text.size() > 200 ? text.left(200) + QStringLiteral("…") : text;
}

QStringList stringList(const QJsonValue &v)
{
    QStringList out;
    const QJsonArray array = v.toArray();
    for (const QJsonValue &item : array)
        out << item.toString();
    return out;
}

Labels labelsOf(const QJsonValue &v)
{
    Labels out;
    const QJsonObject o = v.toObject();
    for (auto it = o.begin(); it != o.end(); ++it)
        out.insert(it.key(), it.value().toString());
    return out;
}

// [ <unix seconds>, "<value>" ]
bool sampleOf(const QJsonValue &v, PromSample *out)
{
    if (!v.isArray())
        return false;
    const QJsonArray pair = v.toArray();
    if (pair.size() != 2 || !pair.at(0).isDouble() || !pair.at(1).isString())
        return false;
    out->time = pair.at(0).toDouble();
    return analysis::parseGoFloat(pair.at(1).toString(), &out->value);
}

bool seriesOf(const QJsonValue &v, bool matrix, PromSeries *out, QString *why)
{
    if (!v.isObject()) {
        *why = QStringLiteral("a series is not an object");
        return false;
    }
    const QJsonObject o = v.toObject();
    out->labels = labelsOf(o.value(L("metric")));
    if (!matrix) {
        const QJsonValue value = o.value(L("value"));
        if (value.isUndefined() && o.contains(L("histogram")))
            return true; // a native histogram: no float sample to draw
        PromSample s;
        if (!sampleOf(value, &s)) {
            *why = QStringLiteral("\"value\" is not [time, \"number\"]");
            return false;
        }
        out->samples.push_back(s);
        return true;
    }
    const QJsonArray values = o.value(L("values")).toArray();
    out->samples.reserve(size_t(values.size()));
    for (const QJsonValue &item : values) {
        PromSample s;
        if (!sampleOf(item, &s)) {
            *why = QStringLiteral("an entry of \"values\" is not [time, \"number\"]");
            return false;
        }
        out->samples.push_back(s);
    }
    return true;
}

QDateTime timeOf(const QJsonValue &v)
{
    return QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
}

PromAlert alertOf(const QJsonObject &o)
{
    PromAlert a;
    a.labels = labelsOf(o.value(L("labels")));
    a.annotations = labelsOf(o.value(L("annotations")));
    a.state = o.value(L("state")).toString();
    a.activeAt = timeOf(o.value(L("activeAt")));
    double value = NAN;
    if (analysis::parseGoFloat(o.value(L("value")).toString(), &value))
        a.value = value;
    return a;
}

template <typename T>
PromReply<T> withEnvelope(const PromEnvelope &envelope, PromReply<T> reply)
{
    reply.warnings = envelope.warnings;
    reply.infos = envelope.infos;
    return reply;
}

template <typename T, typename Parse>
PromReply<T> parseResponse(const QByteArray &body, int httpStatus, Parse parse)
{
    const PromEnvelope envelope = parseEnvelope(body, httpStatus);
    if (envelope.error.isError()) {
        PromReply<T> r;
        r.error = envelope.error;
        return withEnvelope(envelope, r);
    }
    return withEnvelope(envelope, parse(envelope.data));
}

} // namespace

analysis::ExprValue QueryData::conditionResult() const
{
    using analysis::ExprValue;
    switch (type) {
    case Type::Scalar:
        return ExprValue::number(scalar.value);
    case Type::String:
        return ExprValue::string(text);
    case Type::Vector:
    case Type::Matrix:
        break;
    }
    std::vector<double> values;
    for (const PromSeries &s : series) {
        for (const PromSample &p : s.samples)
            values.push_back(p.value);
    }
    return ExprValue::floats(values);
}

qsizetype QueryData::pointCount() const
{
    qsizetype n = 0;
    for (const PromSeries &s : series)
        n += qsizetype(s.samples.size());
    return n;
}

PromEnvelope parseEnvelope(const QByteArray &body, int httpStatus)
{
    PromEnvelope e;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    const bool success = httpStatus >= 200 && httpStatus < 300;
    if (!doc.isObject()) {
        e.error.httpStatus = httpStatus;
        if (success) {
            e.error.type = PromError::Type::Malformed;
            e.error.detail =
                parseError.error != QJsonParseError::NoError
                    ? QStringLiteral("not JSON (%1 at byte %2)").arg(parseError.errorString()).arg(parseError.offset)
                    : QStringLiteral("not a JSON object");
        } else {
            e.error.type = typeOf({}, httpStatus);
            e.error.detail = bodyExcerpt(body);
        }
        return e;
    }
    const QJsonObject o = doc.object();
    e.warnings = stringList(o.value(L("warnings")));
    e.infos = stringList(o.value(L("infos")));
    const QString status = o.value(L("status")).toString();
    if (status == L("success") && success) {
        e.data = o.value(L("data"));
        return e;
    }
    e.error.httpStatus = httpStatus;
    e.error.errorType = o.value(L("errorType")).toString();
    e.error.detail = o.value(L("error")).toString();
    if (status == L("error") || !success) {
        e.error.type = typeOf(e.error.errorType, httpStatus);
        if (e.error.detail.isEmpty() && e.error.errorType.isEmpty())
            e.error.detail = bodyExcerpt(body);
    } else {
        e.error.type = PromError::Type::Malformed;
        e.error.detail = QStringLiteral("\"status\" is neither success nor error");
    }
    return e;
}

PromReply<QueryData> parseQueryData(const QJsonValue &data)
{
    const QJsonObject o = data.toObject();
    const QString type = o.value(L("resultType")).toString();
    const QJsonValue result = o.value(L("result"));
    QueryData q;
    if (type == L("vector") || type == L("matrix")) {
        q.type = type == L("vector") ? QueryData::Type::Vector : QueryData::Type::Matrix;
        if (!result.isArray())
            return malformed<QueryData>(QStringLiteral("\"result\" of a %1 is not a list").arg(type));
        const QJsonArray list = result.toArray();
        q.series.reserve(size_t(list.size()));
        for (const QJsonValue &item : list) {
            PromSeries s;
            QString why;
            if (!seriesOf(item, q.type == QueryData::Type::Matrix, &s, &why))
                return malformed<QueryData>(why);
            q.series.push_back(std::move(s));
        }
    } else if (type == L("scalar")) {
        q.type = QueryData::Type::Scalar;
        if (!sampleOf(result, &q.scalar))
            return malformed<QueryData>(QStringLiteral("a scalar \"result\" is not [time, \"number\"]"));
    } else if (type == L("string")) {
        q.type = QueryData::Type::String;
        const QJsonArray pair = result.toArray();
        if (pair.size() != 2 || !pair.at(1).isString())
            return malformed<QueryData>(QStringLiteral("a string \"result\" is not [time, \"text\"]"));
        q.scalar.time = pair.at(0).toDouble();
        q.text = pair.at(1).toString();
    } else {
        return malformed<QueryData>(QStringLiteral("unknown \"resultType\" \"%1\"").arg(type.left(40)));
    }
    PromReply<QueryData> r;
    r.value = std::move(q);
    return r;
}

PromReply<QList<PromAlert>> parseAlerts(const QJsonValue &data)
{
    const QJsonValue alerts = data.toObject().value(L("alerts"));
    if (!alerts.isArray())
        return malformed<QList<PromAlert>>(QStringLiteral("\"alerts\" is not a list"));
    QList<PromAlert> out;
    const QJsonArray list = alerts.toArray();
    for (const QJsonValue &v : list)
        out << alertOf(v.toObject());
    PromReply<QList<PromAlert>> r;
    r.value = out;
    return r;
}

PromReply<QList<PromRuleGroup>> parseRules(const QJsonValue &data)
{
    const QJsonValue groups = data.toObject().value(L("groups"));
    if (!groups.isArray())
        return malformed<QList<PromRuleGroup>>(QStringLiteral("\"groups\" is not a list"));
    QList<PromRuleGroup> out;
    const QJsonArray list = groups.toArray();
    for (const QJsonValue &gv : list) {
        const QJsonObject g = gv.toObject();
        PromRuleGroup group;
        group.name = g.value(L("name")).toString();
        group.file = g.value(L("file")).toString();
        group.intervalSeconds = g.value(L("interval")).toDouble();
        const QJsonArray rules = g.value(L("rules")).toArray();
        for (const QJsonValue &rv : rules) {
            const QJsonObject o = rv.toObject();
            PromRule rule;
            rule.type = o.value(L("type")).toString();
            rule.name = o.value(L("name")).toString();
            rule.query = o.value(L("query")).toString();
            rule.durationSeconds = o.value(L("duration")).toDouble();
            rule.labels = labelsOf(o.value(L("labels")));
            rule.annotations = labelsOf(o.value(L("annotations")));
            rule.health = o.value(L("health")).toString();
            rule.lastError = o.value(L("lastError")).toString();
            rule.state = o.value(L("state")).toString();
            const QJsonArray alerts = o.value(L("alerts")).toArray();
            for (const QJsonValue &av : alerts)
                rule.alerts << alertOf(av.toObject());
            group.rules << rule;
        }
        out << group;
    }
    PromReply<QList<PromRuleGroup>> r;
    r.value = out;
    return r;
}

PromReply<PromBuildInfo> parseBuildInfo(const QJsonValue &data)
{
    if (!data.isObject())
        return malformed<PromBuildInfo>(QStringLiteral("\"data\" is not an object"));
    const QJsonObject o = data.toObject();
    PromBuildInfo b;
    b.version = o.value(L("version")).toString();
    b.revision = o.value(L("revision")).toString();
    b.branch = o.value(L("branch")).toString();
    b.buildUser = o.value(L("buildUser")).toString();
    b.buildDate = o.value(L("buildDate")).toString();
    b.goVersion = o.value(L("goVersion")).toString();
    if (b.version.isEmpty())
        return malformed<PromBuildInfo>(QStringLiteral("no \"version\""));
    PromReply<PromBuildInfo> r;
    r.value = b;
    return r;
}

PromReply<QList<AlertmanagerAlert>> parseAlertmanagerAlerts(const QByteArray &body, int httpStatus)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (httpStatus < 200 || httpStatus >= 300) {
        PromReply<QList<AlertmanagerAlert>> r;
        r.error.httpStatus = httpStatus;
        r.error.type = typeOf({}, httpStatus);
        // Alertmanager's errors are a JSON string.
        const QJsonDocument wrapped = QJsonDocument::fromJson(QByteArray("[") + body + QByteArray("]"));
        r.error.detail = wrapped.isArray() && wrapped.array().at(0).isString() ? wrapped.array().at(0).toString()
                                                                               : bodyExcerpt(body);
        return r;
    }
    if (!doc.isArray())
        return malformed<QList<AlertmanagerAlert>>(QStringLiteral("the body is not a JSON list of alerts"));
    QList<AlertmanagerAlert> out;
    const QJsonArray list = doc.array();
    for (const QJsonValue &v : list) {
        const QJsonObject o = v.toObject();
        AlertmanagerAlert a;
        a.labels = labelsOf(o.value(L("labels")));
        a.annotations = labelsOf(o.value(L("annotations")));
        a.startsAt = timeOf(o.value(L("startsAt")));
        a.endsAt = timeOf(o.value(L("endsAt")));
        a.updatedAt = timeOf(o.value(L("updatedAt")));
        a.fingerprint = o.value(L("fingerprint")).toString();
        a.generatorUrl = o.value(L("generatorURL")).toString();
        const QJsonObject status = o.value(L("status")).toObject();
        a.state = status.value(L("state")).toString();
        a.silencedBy = stringList(status.value(L("silencedBy")));
        a.inhibitedBy = stringList(status.value(L("inhibitedBy")));
        const QJsonArray receivers = o.value(L("receivers")).toArray();
        for (const QJsonValue &rv : receivers)
            a.receivers << rv.toObject().value(L("name")).toString();
        out << a;
    }
    PromReply<QList<AlertmanagerAlert>> r;
    r.value = out;
    return r;
}

PromReply<QueryData> parseQueryResponse(const QByteArray &body, int httpStatus)
{
    return parseResponse<QueryData>(body, httpStatus, parseQueryData);
}

PromReply<QList<PromAlert>> parseAlertsResponse(const QByteArray &body, int httpStatus)
{
    return parseResponse<QList<PromAlert>>(body, httpStatus, parseAlerts);
}

PromReply<QList<PromRuleGroup>> parseRulesResponse(const QByteArray &body, int httpStatus)
{
    return parseResponse<QList<PromRuleGroup>>(body, httpStatus, parseRules);
}

PromReply<PromBuildInfo> parseBuildInfoResponse(const QByteArray &body, int httpStatus)
{
    return parseResponse<PromBuildInfo>(body, httpStatus, parseBuildInfo);
}

} // namespace rolldeck::prom
