#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace rolldeck {

// A core/v1 Event about an object, as the detail's Events list shows it. Rolldeck's own (reason RolldeckAction,
// docs/audit.md) carry the actor in an annotation and the person's reason in the message, "promote by alice: why".
struct KubeEvent
{
    QString uid;
    QString name;
    QString type;      // Normal, Warning
    QString reason;    // RolloutPaused, RolldeckAction, ...
    QString message;   // as written
    QString component; // source.component or reportingComponent: "rollouts-controller", "rolldeck"
    int count = 1;
    QDateTime lastSeen; // lastTimestamp, else eventTime, else firstTimestamp, else creation (UTC)
    // Rolldeck's own
    bool fromRolldeck = false;
    QString verb;        // the action
    QString actor;       // who acted
    QString actorReason; // why, as the person wrote it ("" when none)
    QString outcome;     // "" when applied, else "refused", "failed", "unknown"

    bool isWarning() const { return type == QLatin1String("Warning"); }
    // Parses an Event; an event without a uid is invalid (uid empty).
    static KubeEvent fromJson(const QJsonObject &event);
    friend bool operator==(const KubeEvent &, const KubeEvent &) = default;
};

} // namespace rolldeck
