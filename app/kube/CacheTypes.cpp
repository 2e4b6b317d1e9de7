#include "kube/CacheTypes.h"

namespace rolldeck::kube {

QString CacheHealth::describe() const
{
    switch (state) {
    case State::Live:
        return QStringLiteral("live");
    case State::Connecting:
        return QStringLiteral("connecting");
    case State::Stale: {
        const QString when = since.toLocalTime().toString(QStringLiteral("HH:mm:ss"));
        QString text = QStringLiteral("stale since %1 (%2)").arg(when, cause);
        if (permissionDenied)
            text += QStringLiteral(" [missing permission]");
        return text;
    }
    }
    return {};
}

} // namespace rolldeck::kube
