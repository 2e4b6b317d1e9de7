#pragma once

#include <QJsonObject>
#include <QString>

namespace rolldeck {

struct ExperimentInfo;
struct RolloutInfo;
struct Diagnostic;

// `kubectl argo rollouts get rollout NAME --no-color`, byte for byte (trailing spaces stripped).
QString formatRolloutText(const RolloutInfo &info);
// `kubectl argo rollouts get experiment NAME --no-color`.
QString formatExperimentText(const ExperimentInfo &info);

// The `rolldeck inspect --json` schema (docs/inspect-json.md).
QJsonObject rolloutInfoToJson(const RolloutInfo &info);
QJsonObject experimentInfoToJson(const ExperimentInfo &info);
QJsonObject diagnosticToJson(const Diagnostic &diagnostic);

} // namespace rolldeck
