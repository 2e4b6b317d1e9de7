#include "InspectCommand.h"

#include "Command.h"
#include "argo/ObjectStore.h"
#include "argo/RolloutFormat.h"
#include "argo/RolloutInfo.h"
#include "io/ObjectLoader.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QHash>
#include <QSet>

namespace rolldeck {

namespace {

// "ns/name" or "name"
bool matches(const QString &wanted, const QString &ns, const QString &name)
{
    if (wanted.contains(QLatin1Char('/')))
        return wanted == ns + QLatin1Char('/') + name;
    return wanted == name;
}

} // namespace

int InspectCommand::run(const QStringList &arguments, const CommandIo &io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "InspectCommand",
        "Show saved Kubernetes objects (kubectl get -o yaml|json dumps, multi-document YAML, kind: List) "
        "as kubectl argo rollouts get rollout would."));
    parser.addHelpOption();
    parser.addPositionalArgument(
        QStringLiteral("paths"),
        QCoreApplication::translate("InspectCommand", "Files or directories to read; - reads standard input."),
        QStringLiteral("PATH..."));
    const QCommandLineOption rolloutOpt(
        QStringLiteral("rollout"),
        QCoreApplication::translate("InspectCommand",
                                    "Show only this rollout (NAME or NAMESPACE/NAME); may be repeated."),
        QStringLiteral("NAME"));
    const QCommandLineOption experimentOpt(
        QStringLiteral("experiment"),
        QCoreApplication::translate("InspectCommand",
                                    "Show this experiment as kubectl argo rollouts get experiment would."),
        QStringLiteral("NAME"));
    const QCommandLineOption jsonOpt(
        QStringLiteral("json"),
        QCoreApplication::translate("InspectCommand", "Write JSON (see docs/inspect-json.md)."));
    const QCommandLineOption nowOpt(
        QStringLiteral("now"),
        QCoreApplication::translate("InspectCommand",
                                    "Compute ages and delays at this RFC 3339 time instead of the current time."),
        QStringLiteral("TIME"));
    parser.addOptions({rolloutOpt, experimentOpt, jsonOpt, nowOpt});

    QStringList argv = arguments;
    argv.prepend(QStringLiteral("rolldeck inspect"));
    if (!parser.parse(argv)) {
        io.err(QStringLiteral("rolldeck inspect: ") + parser.errorText() + QLatin1Char('\n'));
        return UsageError;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        io.out(parser.helpText());
        return Ok;
    }
    const QStringList paths = parser.positionalArguments();
    if (paths.isEmpty()) {
        io.err(QCoreApplication::translate("InspectCommand", "rolldeck inspect: name at least one file or directory.") +
               QLatin1Char('\n'));
        return UsageError;
    }
    QDateTime now = QDateTime::currentDateTimeUtc();
    if (parser.isSet(nowOpt)) {
        now = parseKubeTime(parser.value(nowOpt));
        if (!now.isValid()) {
            io.err(
                QCoreApplication::translate(
                    "InspectCommand", "rolldeck inspect: --now needs an RFC 3339 time such as 2026-08-17T10:00:00Z.") +
                QLatin1Char('\n'));
            return UsageError;
        }
    }

    Diagnostics problems;
    // "-" reads standard input (kubectl get ... -o yaml | rolldeck inspect -).
    LoadResult loaded;
    for (const QString &path : paths) {
        LoadResult part;
        if (path == QLatin1String("-")) {
            QFile in;
            if (in.open(io.in(), QIODevice::ReadOnly))
                part = ObjectLoader::parse(in.readAll(), QStringLiteral("<stdin>"));
        } else {
            part = ObjectLoader::loadPaths({path});
        }
        loaded.objects += part.objects;
        loaded.problems += part.problems;
    }
    problems += loaded.problems;
    ObjectStore store;
    Diagnostics duplicates;
    QHash<ObjectKey, SourceLocation> firstSeen;
    for (const LoadedObject &obj : loaded.objects) {
        const ObjectKey key = store.upsert(obj.json, obj.source);
        if (key.kind == ObjectKind::Unknown)
            continue;
        const auto seen = firstSeen.constFind(key);
        if (seen != firstSeen.constEnd()) {
            Diagnostic d;
            d.severity = Diagnostic::Severity::Warning;
            d.source = obj.source;
            d.object = obj.json.value(QLatin1StringView("kind")).toString() + QLatin1Char(' ') +
                       (key.namespaceName.isEmpty() ? key.name : key.namespaceName + QLatin1Char('/') + key.name);
            d.message =
                QCoreApplication::translate("InspectCommand", "appears again (first at %1); this later copy is shown")
                    .arg(seen->toString());
            duplicates.append(d);
        } else {
            firstSeen.insert(key, obj.source);
        }
    }
    problems += store.diagnostics();
    problems += duplicates;

    const QStringList wantedRollouts = parser.values(rolloutOpt);
    const QStringList wantedExperiments = parser.values(experimentOpt);
    QList<RolloutInfo> rollouts;
    QList<ExperimentInfo> experiments;
    QSet<QString> found;
    if (wantedExperiments.isEmpty() || !wantedRollouts.isEmpty()) {
        for (const Rollout *ro : store.rollouts()) {
            bool wanted = wantedRollouts.isEmpty();
            for (const QString &w : wantedRollouts) {
                if (matches(w, ro->meta.namespaceName, ro->meta.name)) {
                    wanted = true;
                    found.insert(w);
                }
            }
            if (wanted)
                rollouts.append(buildRolloutInfo(*ro, store, now));
        }
    }
    for (const Experiment *exp : store.experiments()) {
        for (const QString &w : wantedExperiments) {
            if (matches(w, exp->meta.namespaceName, exp->meta.name)) {
                found.insert(QStringLiteral("experiment:") + w);
                experiments.append(buildExperimentInfo(*exp, store, now));
            }
        }
    }

    // The view's own findings (dangling references); parse problems are already in the store's list.
    QSet<QString> seen;
    for (const Diagnostic &d : std::as_const(problems))
        seen.insert(d.toString());
    for (const RolloutInfo &info : std::as_const(rollouts)) {
        for (const Diagnostic &d : info.diagnostics) {
            if (!seen.contains(d.toString())) {
                seen.insert(d.toString());
                problems.append(d);
            }
        }
    }

    int exitCode = Ok;
    QStringList missing;
    for (const QString &w : wantedRollouts) {
        if (!found.contains(w))
            missing.append(
                QCoreApplication::translate("InspectCommand", "rolldeck inspect: no rollout named %1 in the input.")
                    .arg(w));
    }
    for (const QString &w : wantedExperiments) {
        if (!found.contains(QStringLiteral("experiment:") + w))
            missing.append(
                QCoreApplication::translate("InspectCommand", "rolldeck inspect: no experiment named %1 in the input.")
                    .arg(w));
    }
    if (rollouts.isEmpty() && experiments.isEmpty() && wantedRollouts.isEmpty() && wantedExperiments.isEmpty())
        missing.append(QCoreApplication::translate("InspectCommand", "rolldeck inspect: the input holds no Rollout."));

    if (parser.isSet(jsonOpt)) {
        QJsonArray ros;
        for (const RolloutInfo &info : std::as_const(rollouts))
            ros.append(rolloutInfoToJson(info));
        QJsonObject doc{{QStringLiteral("now"), now.toString(Qt::ISODateWithMs)}, {QStringLiteral("rollouts"), ros}};
        if (!wantedExperiments.isEmpty()) {
            QJsonArray exps;
            for (const ExperimentInfo &info : std::as_const(experiments))
                exps.append(experimentInfoToJson(info));
            doc.insert(QStringLiteral("experiments"), exps);
        }
        QJsonArray diags;
        for (const Diagnostic &d : std::as_const(problems))
            diags.append(diagnosticToJson(d));
        doc.insert(QStringLiteral("diagnostics"), diags);
        io.out(QString::fromUtf8(QJsonDocument(doc).toJson(QJsonDocument::Indented)));
    } else {
        QStringList blocks;
        for (const RolloutInfo &info : std::as_const(rollouts))
            blocks.append(formatRolloutText(info));
        for (const ExperimentInfo &info : std::as_const(experiments))
            blocks.append(formatExperimentText(info));
        io.out(blocks.join(QLatin1Char('\n')));
    }

    for (const Diagnostic &d : std::as_const(problems)) {
        const bool warning = d.severity == Diagnostic::Severity::Warning;
        io.err(warning
                   ? QCoreApplication::translate("InspectCommand", "rolldeck inspect: warning: %1\n").arg(d.toString())
                   : QCoreApplication::translate("InspectCommand", "rolldeck inspect: %1\n").arg(d.toString()));
        if (d.severity == Diagnostic::Severity::Error)
            exitCode = BadInput;
    }
    for (const QString &m : std::as_const(missing))
        io.err(m + QLatin1Char('\n'));
    if (exitCode == Ok && !missing.isEmpty())
        exitCode = UsageError;
    return exitCode;
}

} // namespace rolldeck
