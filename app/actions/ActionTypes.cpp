#include "ActionTypes.h"

namespace rolldeck::actions {

namespace {
const QStringList kVerbs = {QStringLiteral("promote"), QStringLiteral("abort"),   QStringLiteral("retry"),
                            QStringLiteral("undo"),    QStringLiteral("restart"), QStringLiteral("pause"),
                            QStringLiteral("skip"),    QStringLiteral("setSplit")};
}

QString verbName(Verb verb)
{
    return kVerbs.at(int(verb));
}

std::optional<Verb> verbFromName(const QString &name)
{
    const qsizetype i = kVerbs.indexOf(name);
    if (i < 0)
        return std::nullopt;
    return Verb(i);
}

QJsonObject ActionOptions::toJson() const
{
    QJsonObject o;
    if (full)
        o.insert(QStringLiteral("full"), true);
    if (toRevision)
        o.insert(QStringLiteral("toRevision"), toRevision);
    if (!split.isEmpty()) {
        SplitState wanted;
        wanted.httpRoute = httpRoute;
        wanted.destinations = split;
        const QJsonObject json = wanted.toJson();
        o.insert(QStringLiteral("httpRoute"), httpRoute);
        o.insert(QStringLiteral("split"), json.value(QLatin1String("destinations")));
    }
    return o;
}

QString ActionResult::outcomeName() const
{
    switch (outcome) {
    case Outcome::Applied:
        return QStringLiteral("applied");
    case Outcome::Refused:
        return QStringLiteral("refused");
    case Outcome::Failed:
        return QStringLiteral("failed");
    case Outcome::Unknown:
        return QStringLiteral("unknown");
    }
    return {};
}

QString ActionResult::refusalName() const
{
    switch (refusal) {
    case Refusal::None:
        return {};
    case Refusal::Policy:
        return QStringLiteral("policy");
    case Refusal::Permission:
        return QStringLiteral("permission");
    case Refusal::ChangedState:
        return QStringLiteral("changed-state");
    case Refusal::InFlight:
        return QStringLiteral("in-flight");
    case Refusal::Invalid:
        return QStringLiteral("invalid");
    case Refusal::NotRecorded:
        return QStringLiteral("not-recorded");
    }
    return {};
}

} // namespace rolldeck::actions
