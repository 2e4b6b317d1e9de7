#include "SplitState.h"

#include "argo/Traffic.h"

#include <QJsonArray>

namespace rolldeck {

namespace {

QString destinationName(const SplitDestination &d)
{
    return d.subset.isEmpty() ? d.host : d.host + u'/' + d.subset;
}

} // namespace

SplitState SplitState::of(const VirtualService &vs, int httpRoute)
{
    SplitState s;
    s.resourceVersion = vs.meta.resourceVersion;
    s.httpRoute = httpRoute;
    if (httpRoute < 0 || httpRoute >= vs.httpRoutes.size())
        return s;
    const VirtualServiceRoute &route = vs.httpRoutes.at(httpRoute);
    s.routeName = route.name;
    const bool single = route.destinations.size() == 1;
    for (const VirtualServiceDestination &d : route.destinations)
        s.destinations.append({d.host, d.subset, d.weight.value_or(single ? 100 : 0)});
    return s;
}

SplitState SplitState::fromJson(const QJsonObject &json)
{
    SplitState s;
    s.resourceVersion = json.value(QLatin1String("resourceVersion")).toString();
    s.httpRoute = json.value(QLatin1String("httpRoute")).toInt();
    s.routeName = json.value(QLatin1String("route")).toString();
    for (const QJsonValue &v : json.value(QLatin1String("destinations")).toArray()) {
        const QJsonObject d = v.toObject();
        s.destinations.append({d.value(QLatin1String("host")).toString(), d.value(QLatin1String("subset")).toString(),
                               d.value(QLatin1String("weight")).toInt()});
    }
    return s;
}

QJsonObject SplitState::toJson() const
{
    QJsonArray destinationsJson;
    for (const SplitDestination &d : destinations) {
        QJsonObject o{{QStringLiteral("host"), d.host}, {QStringLiteral("weight"), d.weight}};
        if (!d.subset.isEmpty())
            o.insert(QStringLiteral("subset"), d.subset);
        destinationsJson.append(o);
    }
    return {{QStringLiteral("resourceVersion"), resourceVersion},
            {QStringLiteral("httpRoute"), httpRoute},
            {QStringLiteral("route"), routeName},
            {QStringLiteral("destinations"), destinationsJson}};
}

int SplitState::total() const
{
    int sum = 0;
    for (const SplitDestination &d : destinations)
        sum += d.weight;
    return sum;
}

int SplitState::indexOf(const QString &host, const QString &subset) const
{
    for (int i = 0; i < destinations.size(); ++i) {
        if (destinations.at(i).host == host && destinations.at(i).subset == subset)
            return i;
    }
    return -1;
}

QStringList SplitState::changesTo(const SplitState &now) const
{
    QStringList changes;
    for (const SplitDestination &d : destinations) {
        const int i = now.indexOf(d.host, d.subset);
        if (i < 0)
            changes << QStringLiteral("%1 gone").arg(destinationName(d));
        else if (now.destinations.at(i).weight != d.weight)
            changes << QStringLiteral("%1 %2 → %3")
                           .arg(destinationName(d))
                           .arg(d.weight)
                           .arg(now.destinations.at(i).weight);
    }
    for (const SplitDestination &d : now.destinations) {
        if (indexOf(d.host, d.subset) < 0)
            changes << QStringLiteral("%1 added (%2)").arg(destinationName(d)).arg(d.weight);
    }
    if (changes.isEmpty() && now.resourceVersion != resourceVersion)
        changes << QStringLiteral("edited: resourceVersion %1 → %2").arg(resourceVersion, now.resourceVersion);
    return changes;
}

QString SplitState::weightsText() const
{
    QStringList parts;
    for (const SplitDestination &d : destinations)
        parts << QStringLiteral("%1 %2 %").arg(destinationName(d)).arg(d.weight);
    return parts.join(QStringLiteral(", "));
}

QString SplitState::summary() const
{
    const QString route = routeName.isEmpty() ? QStringLiteral("http[%1]").arg(httpRoute) : routeName;
    return QStringLiteral("%1 (route %2, resourceVersion %3)").arg(weightsText(), route, resourceVersion);
}

} // namespace rolldeck
