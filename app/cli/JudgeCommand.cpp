#include "JudgeCommand.h"

#include "Command.h"
#include "JudgeInput.h"
#include "io/InputLimits.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace rolldeck {

namespace {

using stats::MetricClass;
using stats::ScoreClass;

QString className(MetricClass c)
{
    switch (c) {
    case MetricClass::Pass:
        return QStringLiteral("Pass");
    case MetricClass::High:
        return QStringLiteral("High");
    case MetricClass::Low:
        return QStringLiteral("Low");
    case MetricClass::Nodata:
        return QStringLiteral("Nodata");
    case MetricClass::NodataFailMetric:
        return QStringLiteral("NodataFailMetric");
    case MetricClass::Error:
        return QStringLiteral("Error");
    }
    return {};
}

QString scoreName(ScoreClass c)
{
    return c == ScoreClass::Pass       ? QStringLiteral("Pass")
           : c == ScoreClass::Marginal ? QStringLiteral("Marginal")
                                       : QStringLiteral("Fail");
}

// A number, or null where there is none (JSON has no NaN).
QJsonValue number(double x)
{
    return std::isfinite(x) ? QJsonValue(x) : QJsonValue();
}

QByteArray asJson(const stats::JudgeResult &result)
{
    QJsonArray metrics;
    for (const stats::MetricVerdict &v : result.metrics) {
        metrics.append(QJsonObject{{QStringLiteral("name"), v.name},
                                   {QStringLiteral("classification"), className(v.classification)},
                                   {QStringLiteral("critical"), v.critical},
                                   {QStringLiteral("reason"), v.reason},
                                   {QStringLiteral("estimate"), number(v.estimate)},
                                   {QStringLiteral("ciLow"), number(v.ciLow)},
                                   {QStringLiteral("ciHigh"), number(v.ciHigh)},
                                   {QStringLiteral("confidence"), v.confidence},
                                   {QStringLiteral("meanRatio"), number(v.meanRatio)},
                                   {QStringLiteral("effect"), number(v.effect)}});
    }
    QJsonObject groups;
    for (auto it = result.groupScores.cbegin(); it != result.groupScores.cend(); ++it)
        groups.insert(it.key(), it.value());
    const QJsonObject top{{QStringLiteral("score"), result.score},
                          {QStringLiteral("classification"), scoreName(result.classification)},
                          {QStringLiteral("reason"), result.reason},
                          {QStringLiteral("groupScores"), groups},
                          {QStringLiteral("metrics"), metrics}};
    return QJsonDocument(top).toJson(QJsonDocument::Indented);
}

} // namespace

int JudgeCommand::run(const QStringList &arguments, const CommandIo &io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "JudgeCommand",
        "Judge a canary as Kayenta's NetflixACAJudge does: per metric, the Mann-Whitney interval of the shift "
        "between control and experiment samples, then a weighted score (schema: docs/statistics.md)."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("input"),
                                 QCoreApplication::translate("JudgeCommand", "The JSON input; - reads standard input."),
                                 QStringLiteral("INPUT.json"));
    const QCommandLineOption jsonOpt(QStringLiteral("json"),
                                     QCoreApplication::translate("JudgeCommand", "Write JSON."));
    parser.addOption(jsonOpt);
    QStringList argv = arguments;
    argv.prepend(QStringLiteral("rolldeck judge"));
    if (!parser.parse(argv)) {
        io.err(QStringLiteral("rolldeck judge: ") + parser.errorText() + u'\n');
        return Error;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        io.out(parser.helpText());
        return Pass;
    }
    if (parser.positionalArguments().size() != 1) {
        io.err(QCoreApplication::translate("JudgeCommand",
                                           "rolldeck judge: name one input file (or - for standard input)\n"));
        return Error;
    }
    const QString path = parser.positionalArguments().constFirst();
    const bool stdinInput = path == u"-";
    const BoundedRead read =
        stdinInput ? readBoundedStream(io.in(), kJudgeInputLimit) : readBoundedFile(path, kJudgeInputLimit);
    const QString source = stdinInput ? QStringLiteral("<stdin>") : path;
    if (!read.error.isEmpty()) {
        io.err(QCoreApplication::translate("JudgeCommand", "rolldeck judge: cannot read %1: %2\n")
                   .arg(source, read.error));
        return Error;
    }
    const Result<JudgeRequest> request = parseJudgeInput(read.data, source);
    if (!request) {
        io.err(QCoreApplication::translate("JudgeCommand", "rolldeck judge: %1\n").arg(request.error()));
        return Error;
    }
    const stats::JudgeResult result = stats::judgeCanary(request->metrics, request->settings);
    if (parser.isSet(jsonOpt)) {
        io.outUtf8(asJson(result));
    } else {
        for (qsizetype i = 0; i < result.metrics.size(); ++i)
            io.out(stats::describeVerdict(result.metrics[i], request->metrics[i].config.unit) + u'\n');
        io.out(QCoreApplication::translate("JudgeCommand", "Score %1: %2\n")
                   .arg(QString::number(result.score), scoreName(result.classification)));
        if (!result.reason.isEmpty())
            io.out(result.reason + u'\n');
    }
    return result.classification == ScoreClass::Pass ? Pass : NotPass;
}

} // namespace rolldeck
