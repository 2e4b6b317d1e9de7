#pragma once

#include <QString>

#include <chrono>
#include <optional>

namespace rolldeck {

// kubectl's HumanDuration (k8s.io/apimachinery/pkg/util/duration): "7d", "3h59m", "45s", "<invalid>".
QString humanDuration(std::chrono::milliseconds d);
// A number that changes exactly when humanDuration's text does (without formatting it): whether an age shown
// a second ago reads differently now.
qint64 humanDurationStep(std::chrono::milliseconds d);

// A Go duration or plain integer seconds ("30", "10s", "1h30m", "1.5h") as Argo Rollouts accepts them.
// Returns nullopt for anything else.
std::optional<std::chrono::milliseconds> parseGoDuration(const QString &text);

} // namespace rolldeck
