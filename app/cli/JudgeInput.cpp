#include "JudgeInput.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <cmath>
#include <optional>

namespace rolldeck {

namespace {

using stats::EffectMeasure;
using stats::JudgeDirection;
using stats::JudgeMetricConfig;

// Reads members of one object, keeping the first problem with its path.
class Reader
{
public:
    Reader(QJsonObject object, QString path, QString *problem)
        : m_object(std::move(object)), m_path(std::move(path)), m_problem(problem)
    {
    }

    QString at(const QString &key) const { return m_path.isEmpty() ? key : m_path + u'.' + key; }
    bool has(const QString &key) const { return m_object.contains(key); }
    QJsonValue value(const QString &key) const { return m_object.value(key); }

    void fail(const QString &key, const QString &what) const
    {
        if (m_problem->isEmpty())
            *m_problem = at(key) + QStringLiteral(": ") + what;
    }
    double number(const QString &key, double fallback) const
    {
        if (!has(key))
            return fallback;
        if (!value(key).isDouble()) {
            fail(key, QStringLiteral("expected a number"));
            return fallback;
        }
        return value(key).toDouble();
    }
    bool boolean(const QString &key) const
    {
        if (has(key) && !value(key).isBool())
            fail(key, QStringLiteral("expected true or false"));
        return value(key).toBool();
    }
    // One of `names` (their index), or `fallback` when absent.
    int choice(const QString &key, const QStringList &names, int fallback) const
    {
        if (!has(key))
            return fallback;
        const int index = int(names.indexOf(value(key).toString()));
        if (!value(key).isString() || index < 0)
            fail(key, QStringLiteral("expected one of ") + names.join(QStringLiteral(", ")));
        return index < 0 ? fallback : index;
    }
    QJsonObject object(const QString &key) const
    {
        if (has(key) && !value(key).isObject())
            fail(key, QStringLiteral("expected an object"));
        return value(key).toObject();
    }

private:
    QJsonObject m_object;
    QString m_path;
    QString *m_problem;
};

// A sample: numbers, with null or "NaN" for a missing value (the NaN strategy decides).
std::vector<double> samples(const Reader &r, const QString &key)
{
    std::vector<double> out;
    if (!r.value(key).isArray()) {
        r.fail(key, QStringLiteral("expected an array of numbers"));
        return out;
    }
    const QJsonArray array = r.value(key).toArray();
    out.reserve(size_t(array.size()));
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonValue v = array.at(i);
        if (v.isDouble())
            out.push_back(v.toDouble());
        else if (v.isNull() || v.toString() == u"NaN")
            out.push_back(std::nan(""));
        else
            r.fail(QStringLiteral("%1[%2]").arg(key).arg(i), QStringLiteral("expected a number, null or \"NaN\""));
    }
    return out;
}

stats::JudgeInput metric(const QJsonObject &object, const QString &path, QString *problem)
{
    const Reader r(object, path, problem);
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
    const Reader outliers(r.object(QStringLiteral("outliers")), r.at(QStringLiteral("outliers")), problem);
    c.removeOutliers =
        outliers.choice(QStringLiteral("strategy"), {QStringLiteral("keep"), QStringLiteral("remove")}, 0) == 1;
    c.outlierFactor = outliers.number(QStringLiteral("outlierFactor"), 3.0);
    c.critical = r.boolean(QStringLiteral("critical"));
    c.mustHaveData = r.boolean(QStringLiteral("mustHaveData"));
    c.muted = r.boolean(QStringLiteral("muted"));
    const Reader effect(r.object(QStringLiteral("effectSize")), r.at(QStringLiteral("effectSize")), problem);
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
    in.control = samples(r, QStringLiteral("control"));
    in.experiment = samples(r, QStringLiteral("experiment"));
    return in;
}

// "line 3, column 14" for a byte offset into the text.
QString lineAndColumn(const QByteArray &json, qsizetype offset)
{
    const QByteArrayView before = QByteArrayView(json).first(std::min(offset, json.size()));
    const qsizetype line = before.count('\n') + 1;
    const qsizetype column = offset - (before.lastIndexOf('\n') + 1) + 1;
    return QStringLiteral("%1:%2").arg(line).arg(column);
}

} // namespace

Result<JudgeRequest> parseJudgeInput(const QByteArray &json, const QString &source)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return Result<JudgeRequest>::failure(source + u':' + lineAndColumn(json, error.offset) + QStringLiteral(": ") +
                                             error.errorString());
    if (!doc.isObject())
        return Result<JudgeRequest>::failure(source + QStringLiteral(": expected a JSON object with \"metrics\""));
    QString problem;
    const Reader top(doc.object(), QString(), &problem);
    JudgeRequest request;
    const Reader settings(top.object(QStringLiteral("settings")), QStringLiteral("settings"), &problem);
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
