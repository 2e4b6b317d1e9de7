#include "JudgeInput.h"

#include "JsonReader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <cmath>
#include <optional>

namespace rolldeck {

namespace {

using cli::JsonReader;
using stats::EffectMeasure;
using stats::JudgeDirection;
using stats::JudgeMetricConfig;

stats::JudgeInput metric(const QJsonObject &object, const QString &path, QString *problem)
{
    const JsonReader r(object, path, problem);
    stats::JudgeInput in;
    JudgeMetricConfig &c = in.config;
    c.name = r.value(QStringLiteral("name")).toString();
    if (c.name.isEmpty())
        r.fail(QStringLiteral("name"), QStringLiteral("a metric needs a name"));
    c.unit = r.value(QStringLiteral("unit")).toString();
    c.direction =
        JudgeDirection(r.choice(QStringLiteral("direction"),
                                {QStringLiteral("either"), QStringLiteral("increase"), QStringLiteral("decrease")}, 0));
    c.replaceNaN =
        r.choice(QStringLiteral("nanStrategy"), {QStringLiteral("remove"), QStringLiteral("replace")}, 0) == 1;
    const JsonReader outliers(r.object(QStringLiteral("outliers")), r.at(QStringLiteral("outliers")), problem);
    c.removeOutliers =
        outliers.choice(QStringLiteral("strategy"), {QStringLiteral("keep"), QStringLiteral("remove")}, 0) == 1;
    c.outlierFactor = outliers.number(QStringLiteral("outlierFactor"), 3.0);
    c.critical = r.boolean(QStringLiteral("critical"));
    c.mustHaveData = r.boolean(QStringLiteral("mustHaveData"));
    c.muted = r.boolean(QStringLiteral("muted"));
    const JsonReader effect(r.object(QStringLiteral("effectSize")), r.at(QStringLiteral("effectSize")), problem);
    c.measure = EffectMeasure(
        effect.choice(QStringLiteral("measure"), {QStringLiteral("meanRatio"), QStringLiteral("cles")}, 0));
    c.allowedIncrease = effect.number(QStringLiteral("allowedIncrease"), c.allowedIncrease);
    c.allowedDecrease = effect.number(QStringLiteral("allowedDecrease"), c.allowedDecrease);
    c.criticalIncrease = effect.number(QStringLiteral("criticalIncrease"), c.criticalIncrease);
    c.criticalDecrease = effect.number(QStringLiteral("criticalDecrease"), c.criticalDecrease);
    const QJsonValue groups = r.value(QStringLiteral("groups"));
    if (!groups.isUndefined() && !groups.isArray())
        r.fail(QStringLiteral("groups"), QStringLiteral("expected an array of names"));
    for (const QJsonValue &g : groups.toArray())
        c.groups.append(g.toString());
    in.control = cli::samples(r, QStringLiteral("control"));
    in.experiment = cli::samples(r, QStringLiteral("experiment"));
    return in;
}

} // namespace

Result<JudgeRequest> parseJudgeInput(const QByteArray &json, const QString &source)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return Result<JudgeRequest>::failure(source + u':' + cli::lineAndColumn(json, error.offset) +
                                             QStringLiteral(": ") + error.errorString());
    if (!doc.isObject())
        return Result<JudgeRequest>::failure(source + QStringLiteral(": expected a JSON object with \"metrics\""));
    QString problem;
    const JsonReader top(doc.object(), QString(), &problem);
    JudgeRequest request;
    const JsonReader settings(top.object(QStringLiteral("settings")), QStringLiteral("settings"), &problem);
    request.settings.tolerance = settings.number(QStringLiteral("tolerance"), 0.25);
    request.settings.confidence = settings.number(QStringLiteral("confidence"), 0.98);
    request.settings.marginal = settings.number(QStringLiteral("marginal"), 75);
    request.settings.pass = settings.number(QStringLiteral("pass"), 95);
    if (!(request.settings.confidence > 0 && request.settings.confidence < 1))
        settings.fail(QStringLiteral("confidence"), QStringLiteral("expected a number between 0 and 1"));
    if (!(request.settings.tolerance >= 0))
        settings.fail(QStringLiteral("tolerance"), QStringLiteral("expected a number of at least 0"));
    const QJsonObject weights = settings.object(QStringLiteral("groupWeights"));
    for (auto it = weights.begin(); it != weights.end(); ++it) {
        if (!it->isDouble() || it->toDouble() < 0 || it->toDouble() > 100)
            settings.fail(QStringLiteral("groupWeights.") + it.key(),
                          QStringLiteral("expected a percentage (0 to 100)"));
        request.settings.groupWeights.insert(it.key(), it->toDouble());
    }
    if (!top.value(QStringLiteral("metrics")).isArray())
        top.fail(QStringLiteral("metrics"), QStringLiteral("expected an array of metrics"));
    const QJsonArray metrics = top.value(QStringLiteral("metrics")).toArray();
    for (qsizetype i = 0; i < metrics.size() && problem.isEmpty(); ++i) {
        const QString path = QStringLiteral("metrics[%1]").arg(i);
        if (!metrics.at(i).isObject()) {
            problem = path + QStringLiteral(": expected an object");
            break;
        }
        request.metrics.append(metric(metrics.at(i).toObject(), path, &problem));
    }
    if (!problem.isEmpty())
        return Result<JudgeRequest>::failure(source + QStringLiteral(": ") + problem);
    return request;
}

} // namespace rolldeck
