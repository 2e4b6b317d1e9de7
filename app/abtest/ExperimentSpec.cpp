#include "ExperimentSpec.h"

#include "models/argo/Traffic.h"

#include <cmath>

namespace rolldeck::abtest {

namespace {

const QString kPrefix = QStringLiteral("rolldeck.io/ab-");

// "0.005", "0.5%": a share.
std::optional<double> parseShare(QString text)
{
    text = text.trimmed();
    double scale = 1;
    if (text.endsWith(u'%')) {
        text.chop(1);
        scale = 0.01;
    }
    bool ok = false;
    const double v = text.trimmed().toDouble(&ok) * scale;
    return ok && std::isfinite(v) ? std::optional<double>(v) : std::nullopt;
}

// "10ms", "0.25s", "0.25": seconds.
std::optional<double> parseSeconds(QString text)
{
    text = text.trimmed();
    double scale = 1;
    if (text.endsWith(QLatin1String("ms"))) {
        text.chop(2);
        scale = 0.001;
    } else if (text.endsWith(u's')) {
        text.chop(1);
    }
    bool ok = false;
    const double v = text.trimmed().toDouble(&ok) * scale;
    return ok && std::isfinite(v) ? std::optional<double>(v) : std::nullopt;
}

QString describe(const ObjectMeta &meta)
{
    return QStringLiteral("VirtualService %1/%2").arg(meta.namespaceName, meta.name);
}

// Reads one numeric annotation into `out`; a value outside (low, high) is an error.
Status readNumber(const ObjectMeta &meta, const QString &key, std::optional<double> (*parse)(QString), double low,
                  double high, double scale, double &out)
{
    if (!meta.annotations.contains(kPrefix + key))
        return Ok{};
    const QString text = meta.annotations.value(kPrefix + key);
    const std::optional<double> v = parse(text);
    if (!v || !(*v > low) || !(*v < high))
        return Status::failure(QStringLiteral("%1: annotation %2%3: \"%4\" is not a number above %5 and below %6")
                                   .arg(describe(meta), kPrefix, key, text.left(64))
                                   .arg(low)
                                   .arg(high));
    out = *v * scale;
    return Ok{};
}

} // namespace

bool isAbTestVirtualService(const QJsonObject &virtualService)
{
    return virtualService.value(QLatin1String("metadata"))
        .toObject()
        .value(QLatin1String("annotations"))
        .toObject()
        .contains(QLatin1String(kAbTestAnnotation));
}

Result<ExperimentSpec> experimentFromVirtualService(const QJsonObject &json, const QString &context)
{
    const VirtualService vs = VirtualService::fromJson(json);
    ExperimentSpec spec;
    spec.ns = vs.meta.namespaceName;
    spec.name = vs.meta.annotations.value(QString::fromLatin1(kAbTestAnnotation)).trimmed();
    if (spec.name.isEmpty())
        return Result<ExperimentSpec>::failure(QStringLiteral("%1: annotation %2 names no experiment")
                                                   .arg(describe(vs.meta), QLatin1String(kAbTestAnnotation)));
    spec.route.context = context;
    spec.route.ns = vs.meta.namespaceName;
    spec.route.virtualService = vs.meta.name;
    spec.route.resourceVersion = vs.meta.resourceVersion;

    // The route that carries the split.
    const QString routeName = vs.meta.annotations.value(kPrefix + QStringLiteral("route"));
    int index = routeName.isEmpty() && !vs.httpRoutes.isEmpty() ? 0 : -1;
    for (int i = 0; index < 0 && i < vs.httpRoutes.size(); ++i)
        if (vs.httpRoutes.at(i).name == routeName)
            index = i;
    if (index < 0)
        return Result<ExperimentSpec>::failure(
            routeName.isEmpty() ? QStringLiteral("%1: no http route").arg(describe(vs.meta))
                                : QStringLiteral("%1: no http route named \"%2\"").arg(describe(vs.meta), routeName));
    spec.route.httpRoute = index;
    const QList<VirtualServiceDestination> &destinations = vs.httpRoutes.at(index).destinations;
    auto weightOf = [&destinations](const VirtualServiceDestination &d) {
        return double(d.weight.value_or(destinations.size() == 1 ? 100 : 0));
    };

    // The variants: as the annotation maps them, else the destinations themselves.
    const QString mapping = vs.meta.annotations.value(kPrefix + QStringLiteral("variants"));
    if (mapping.trimmed().isEmpty()) {
        for (const VirtualServiceDestination &d : destinations)
            spec.route.variants.append({d.subset.isEmpty() ? d.host : d.subset, d.host, weightOf(d), d.subset});
    } else {
        for (const QString &pair : mapping.split(u',', Qt::SkipEmptyParts)) {
            const qsizetype eq = pair.indexOf(u'=');
            const QString variant = pair.left(eq).trimmed(), target = pair.mid(eq + 1).trimmed();
            if (eq <= 0 || variant.isEmpty() || target.isEmpty())
                return Result<ExperimentSpec>::failure(
                    QStringLiteral("%1: annotation %2variants: \"%3\" is not variant=host")
                        .arg(describe(vs.meta), kPrefix, pair.trimmed().left(64)));
            const VirtualServiceDestination *found = nullptr;
            for (const VirtualServiceDestination &d : destinations)
                if (!found && (d.subset.isEmpty() ? d.host == target : d.subset == target || d.host == target))
                    found = &d;
            if (!found)
                return Result<ExperimentSpec>::failure(
                    QStringLiteral("%1: variant %2: route %3 has no destination %4")
                        .arg(describe(vs.meta), variant, QString::number(index), target));
            spec.route.variants.append({variant, found->host, weightOf(*found), found->subset});
        }
    }
    if (spec.route.variants.size() != 2)
        return Result<ExperimentSpec>::failure(QStringLiteral("%1: an A/B test needs exactly two variants, found %2")
                                                   .arg(describe(vs.meta))
                                                   .arg(spec.route.variants.size()));
    if (spec.route.variants[0].name == spec.route.variants[1].name)
        return Result<ExperimentSpec>::failure(
            QStringLiteral("%1: both variants are named %2").arg(describe(vs.meta), spec.route.variants[0].name));

    for (const Status &s : {readNumber(vs.meta, QStringLiteral("alpha"), parseShare, 0, 0.5, 1, spec.alpha),
                            readNumber(vs.meta, QStringLiteral("power"), parseShare, 0, 1, 1, spec.power),
                            readNumber(vs.meta, QStringLiteral("minimum-effect-conversion"), parseShare, 0, 1, 1,
                                       spec.minimumConversionEffect),
                            readNumber(vs.meta, QStringLiteral("minimum-effect-response-time"), parseSeconds, 0, 3600,
                                       1000, spec.minimumResponseEffectMs),
                            readNumber(vs.meta, QStringLiteral("minimum-effect-time-on-page"), parseSeconds, 0, 86400,
                                       1, spec.minimumTimeOnPageEffectS)}) {
        if (!s)
            return Result<ExperimentSpec>::failure(s.error());
    }
    return spec;
}

} // namespace rolldeck::abtest
