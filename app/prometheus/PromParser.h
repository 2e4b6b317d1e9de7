#pragma once

#include "prometheus/PromTypes.h"

#include <QByteArray>
#include <QJsonValue>

namespace rolldeck::prom {

// The Prometheus API envelope: {"status","data","errorType","error","warnings","infos"}. A body without the
// envelope on a non-2xx status is an Http error with the start of the body as detail.
struct PromEnvelope
{
    QJsonValue data;
    PromError error;
    QStringList warnings;
    QStringList infos;
};
PromEnvelope parseEnvelope(const QByteArray &body, int httpStatus);

// The `data` of each endpoint. A shape that does not fit is a Malformed error naming the field.
PromReply<QueryData> parseQueryData(const QJsonValue &data);
PromReply<QList<PromAlert>> parseAlerts(const QJsonValue &data);
PromReply<QList<PromRuleGroup>> parseRules(const QJsonValue &data);
PromReply<PromBuildInfo> parseBuildInfo(const QJsonValue &data);
// Alertmanager answers a bare JSON array, and errors as a JSON string or text.
PromReply<QList<AlertmanagerAlert>> parseAlertmanagerAlerts(const QByteArray &body, int httpStatus);

// Whole responses, envelope and data, as the client hands them over (without the message, which names the
// request).
PromReply<QueryData> parseQueryResponse(const QByteArray &body, int httpStatus);
PromReply<QList<PromAlert>> parseAlertsResponse(const QByteArray &body, int httpStatus);
PromReply<QList<PromRuleGroup>> parseRulesResponse(const QByteArray &body, int httpStatus);
PromReply<PromBuildInfo> parseBuildInfoResponse(const QByteArray &body, int httpStatus);

} // namespace rolldeck::prom
