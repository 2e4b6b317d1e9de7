#include "AbTestInput.h"

#include "JsonReader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>
#include <cmath>

namespace rolldeck {

namespace {

using cli::JsonReader;

// One variant's values of a continuous metric: {"samples": [...]} or {"n", "mean", "sd"}.
stats::AbVariantSide side(const JsonReader &metric, const QString &variant)
{
    stats::AbVariantSide s;
    if (!metric.value(variant).isObject()) {
        metric.fail(variant, QStringLiteral("expected {\"samples\": [...]} or {\"n\", \"mean\", \"sd\"}"));
        return s;
    }
    const JsonReader in(metric.value(variant).toObject(), metric.at(variant), metric.problem());
    if (in.has(QStringLiteral("samples"))) {
        s.samples = cli::samples(in, QStringLiteral("samples"));
        s.samples.erase(std::remove_if(s.samples.begin(), s.samples.end(), [](double x) { return std::isnan(x); }),
                        s.samples.end());
        return s;
    }
    s.n = in.number(QStringLiteral("n"), 0);
    s.mean = in.number(QStringLiteral("mean"), stats::kNaN);
    s.sd = in.number(QStringLiteral("sd"), stats::kNaN);
    if (!(s.n >= 0) || !(s.sd >= 0) || !std::isfinite(s.mean))
        in.fail(QStringLiteral("n"), QStringLiteral("a summary needs n ≥ 0, a mean and sd ≥ 0"));
    return s;
}

bool readVariants(const JsonReader &top, stats::AbTestInput &in)
{
    const QJsonArray variants = top.value(QStringLiteral("variants")).toArray();
    if (variants.size() != 2 || !variants[0].isObject() || !variants[1].isObject()) {
        top.fail(QStringLiteral("variants"), QStringLiteral("expected two variants, the baseline first"));
        return false;
    }
    const JsonReader a(variants[0].toObject(), QStringLiteral("variants[0]"), top.problem());
    const JsonReader b(variants[1].toObject(), QStringLiteral("variants[1]"), top.problem());
    in.nameA = a.value(QStringLiteral("name")).toString();
    in.nameB = b.value(QStringLiteral("name")).toString();
    if (in.nameA.isEmpty() || in.nameB.isEmpty() || in.nameA == in.nameB)
        top.fail(QStringLiteral("variants"), QStringLiteral("each variant needs a name of its own"));
    in.weightA = a.number(QStringLiteral("weight"), 0);
    in.weightB = b.number(QStringLiteral("weight"), 0);
    if (!(in.weightA > 0) || !(in.weightB > 0))
        top.fail(QStringLiteral("variants"), QStringLiteral("each variant needs a weight above 0"));
    in.visitsA = a.number(QStringLiteral("visits"), 0);
    in.visitsB = b.number(QStringLiteral("visits"), 0);
    if (a.has(QStringLiteral("conversions")) != b.has(QStringLiteral("conversions")))
        top.fail(QStringLiteral("variants"), QStringLiteral("conversions for both variants or for neither"));
    if (a.has(QStringLiteral("conversions")) && b.has(QStringLiteral("conversions"))) {
        in.conversionsA = a.number(QStringLiteral("conversions"), 0);
        in.conversionsB = b.number(QStringLiteral("conversions"), 0);
    }
    return true;
}

} // namespace

Result<stats::AbTestInput> parseAbTestInput(const QByteArray &json, const QString &source)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return Result<stats::AbTestInput>::failure(source + u':' + cli::lineAndColumn(json, error.offset) +
                                                   QStringLiteral(": ") + error.errorString());
    if (!doc.isObject())
        return Result<stats::AbTestInput>::failure(source +
                                                   QStringLiteral(": expected a JSON object with \"variants\""));
    QString problem;
    const JsonReader top(doc.object(), QString(), &problem);
    stats::AbTestInput in;
    in.name = top.value(QStringLiteral("name")).toString();
    in.alpha = top.number(QStringLiteral("alpha"), 0.05);
    in.power = top.number(QStringLiteral("power"), 0.8);
    if (!(in.alpha > 0 && in.alpha < 1))
        top.fail(QStringLiteral("alpha"), QStringLiteral("expected a number between 0 and 1"));
    if (!(in.power > 0 && in.power < 1))
        top.fail(QStringLiteral("power"), QStringLiteral("expected a number between 0 and 1"));
    in.visitsPerSecond = top.number(QStringLiteral("visitsPerSecond"), stats::kNaN);
    in.minimumConversionEffect = top.number(QStringLiteral("minimumConversionEffect"), stats::kNaN);
    if (readVariants(top, in)) {
        const QJsonValue metrics = top.value(QStringLiteral("metrics"));
        if (!metrics.isUndefined() && !metrics.isArray())
            top.fail(QStringLiteral("metrics"), QStringLiteral("expected an array of metrics"));
        const QJsonArray list = metrics.toArray();
        for (qsizetype i = 0; i < list.size() && problem.isEmpty(); ++i) {
            const JsonReader m(list[i].toObject(), QStringLiteral("metrics[%1]").arg(i), &problem);
            stats::AbContinuousMetric metric;
            metric.name = m.value(QStringLiteral("name")).toString();
            if (!list[i].isObject() || metric.name.isEmpty())
                m.fail(QStringLiteral("name"), QStringLiteral("a metric needs a name"));
            metric.unit = m.value(QStringLiteral("unit")).toString();
            metric.lowerIsBetter =
                !m.has(QStringLiteral("lowerIsBetter")) || m.boolean(QStringLiteral("lowerIsBetter"));
            metric.minimumEffect = m.number(QStringLiteral("minimumEffect"), stats::kNaN);
            metric.a = side(m, in.nameA);
            metric.b = side(m, in.nameB);
            in.metrics.append(metric);
        }
    }
    if (!problem.isEmpty())
        return Result<stats::AbTestInput>::failure(source + QStringLiteral(": ") + problem);
    return in;
}

} // namespace rolldeck
