#include "AbTestCommand.h"

#include "AbTestInput.h"
#include "AbTestLive.h"
#include "Command.h"
#include "io/InputLimits.h"
#include "models/argo/KubeNames.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace rolldeck {

namespace {

using stats::TestResult;

QJsonValue number(double x)
{
    return std::isfinite(x) ? QJsonValue(x) : QJsonValue();
}

QJsonObject testJson(const TestResult &t)
{
    return QJsonObject{{QStringLiteral("method"), t.method},
                       {QStringLiteral("statistic"), number(t.statistic)},
                       {QStringLiteral("df"), number(t.df)},
                       {QStringLiteral("pValue"), number(t.pValue)},
                       {QStringLiteral("estimate"), number(t.estimate)},
                       {QStringLiteral("ciLow"), number(t.ciLow)},
                       {QStringLiteral("ciHigh"), number(t.ciHigh)},
                       {QStringLiteral("confidence"), t.confidence},
                       {QStringLiteral("effectSize"), number(t.effectSize)},
                       {QStringLiteral("effectSizeName"), t.effectSizeName},
                       {QStringLiteral("notEnoughData"), t.notEnoughData}};
}

// Where a live report comes from and what was read: the route, its configured split and the visits per variant.
QJsonObject liveJson(const stats::ExperimentSnapshot &s)
{
    QJsonArray variants;
    const stats::AbTestInput &in = s.input;
    for (int i = 0; i < s.route.variants.size(); ++i) {
        const stats::ExperimentVariantRoute &v = s.route.variants.at(i);
        QJsonObject o{{QStringLiteral("name"), v.name},
                      {QStringLiteral("host"), v.host},
                      {QStringLiteral("weight"), v.weight},
                      {QStringLiteral("visits"), number(i == 0 ? in.visitsA : in.visitsB)}};
        const std::optional<double> &conversions = i == 0 ? in.conversionsA : in.conversionsB;
        if (conversions)
            o.insert(QStringLiteral("conversions"), number(*conversions));
        variants.append(o);
    }
    return QJsonObject{{QStringLiteral("context"), s.route.context},
                       {QStringLiteral("namespace"), s.ns},
                       {QStringLiteral("experiment"), s.name},
                       {QStringLiteral("virtualService"), s.route.virtualService},
                       {QStringLiteral("resourceVersion"), s.route.resourceVersion},
                       {QStringLiteral("httpRoute"), s.route.httpRoute},
                       {QStringLiteral("variants"), variants},
                       {QStringLiteral("visitsPerSecond"), number(in.visitsPerSecond)},
                       {QStringLiteral("readAt"), s.readAt.toString(Qt::ISODateWithMs)}};
}

QByteArray asJson(const stats::AbReport &report, const stats::ExperimentSnapshot *live = nullptr)
{
    QJsonArray metrics;
    for (const stats::AbMetricReport &m : report.metrics) {
        QJsonArray tests;
        for (const TestResult &t : m.tests)
            tests.append(testJson(t));
        metrics.append(QJsonObject{{QStringLiteral("name"), m.name},
                                   {QStringLiteral("unit"), m.unit},
                                   {QStringLiteral("valueA"), number(m.valueA)},
                                   {QStringLiteral("valueB"), number(m.valueB)},
                                   {QStringLiteral("tests"), tests},
                                   {QStringLiteral("why"), m.why},
                                   {QStringLiteral("alwaysValidP"), number(m.alwaysValidP)},
                                   {QStringLiteral("alwaysValidCiLow"), number(m.alwaysValidLow)},
                                   {QStringLiteral("alwaysValidCiHigh"), number(m.alwaysValidHigh)},
                                   {QStringLiteral("plannedPerGroupA"), number(m.plannedPerGroupA)},
                                   {QStringLiteral("plannedPerGroupB"), number(m.plannedPerGroupB)},
                                   {QStringLiteral("progress"), number(m.progress)},
                                   {QStringLiteral("verdict"), m.verdict}});
    }
    QJsonObject top{{QStringLiteral("name"), report.name},
                    {QStringLiteral("sampleRatio"), testJson(report.sampleRatio)},
                    {QStringLiteral("sampleRatioMismatch"), report.sampleRatioMismatch},
                    {QStringLiteral("secondsLeft"), number(report.secondsLeft)},
                    {QStringLiteral("metrics"), metrics},
                    {QStringLiteral("verdict"), report.verdict}};
    if (live)
        top.insert(QStringLiteral("live"), liveJson(*live));
    return QJsonDocument(top).toJson(QJsonDocument::Indented);
}

QString num(double x)
{
    return std::isfinite(x) ? QString::number(x, 'g', 4) : QStringLiteral("–");
}

// One test as a line: "Welch's t-test: statistic -21.3, df 3521, p 1.2e-95, estimate -30 (95 % CI -32.8 … -27.2)".
QString testLine(const TestResult &t)
{
    if (!t.ok())
        return QCoreApplication::translate("AbTestCommand", "  %1: not enough data (%2)\n")
            .arg(t.method, t.notEnoughData);
    QString line = QCoreApplication::translate("AbTestCommand", "  %1: statistic %2").arg(t.method, num(t.statistic));
    if (std::isfinite(t.df))
        line += QCoreApplication::translate("AbTestCommand", ", df %1").arg(num(t.df));
    line += QCoreApplication::translate("AbTestCommand", ", p %1").arg(num(t.pValue));
    if (std::isfinite(t.estimate) && std::isfinite(t.ciLow))
        line += QCoreApplication::translate("AbTestCommand", ", estimate %1 (%2 % CI %3 … %4)")
                    .arg(num(t.estimate), num(t.confidence * 100), num(t.ciLow), num(t.ciHigh));
    if (std::isfinite(t.effectSize))
        line += QStringLiteral(", %1 %2").arg(t.effectSizeName, num(t.effectSize));
    return line + u'\n';
}

QString asText(const stats::AbReport &report)
{
    QString text = report.name.isEmpty() ? QString() : report.name + u'\n';
    text += QCoreApplication::translate("AbTestCommand", "Sample-ratio check:") + u'\n' + testLine(report.sampleRatio);
    for (const stats::AbMetricReport &m : report.metrics) {
        text += QCoreApplication::translate("AbTestCommand", "%1: %2 %3, %4 %5 %6\n")
                    .arg(m.name, report.nameA, num(m.valueA), report.nameB, num(m.valueB), m.unit);
        for (const TestResult &t : m.tests)
            text += testLine(t);
        text += QCoreApplication::translate("AbTestCommand",
                                            "  the p-values above are valid only at the planned sample; always-valid "
                                            "(mSPRT) p %1, confidence sequence %2 … %3\n")
                    .arg(num(m.alwaysValidP), num(m.alwaysValidLow), num(m.alwaysValidHigh));
        if (std::isfinite(m.plannedPerGroupA))
            text += QCoreApplication::translate("AbTestCommand", "  planned sample %1 + %2, reached %3 %\n")
                        .arg(QString::number(m.plannedPerGroupA, 'f', 0), QString::number(m.plannedPerGroupB, 'f', 0),
                             QString::number(m.progress * 100, 'f', 1));
        text += QCoreApplication::translate("AbTestCommand", "  why: %1\n  %2\n").arg(m.why, m.verdict);
    }
    if (std::isfinite(report.secondsLeft))
        text += QCoreApplication::translate("AbTestCommand", "Time left at the current rate: %1 s\n")
                    .arg(num(report.secondsLeft));
    return text + QCoreApplication::translate("AbTestCommand", "Verdict: %1\n").arg(report.verdict);
}

// The live report's first lines: where it was read and the split configured against the one observed.
QString liveHeader(const stats::ExperimentSnapshot &s)
{
    QString text = QCoreApplication::translate("AbTestCommand", "%1/%2: VirtualService %3 (context %4, read %5)\n")
                       .arg(s.ns, s.name, s.route.virtualService, s.route.context,
                            s.readAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    for (int i = 0; i < s.route.variants.size(); ++i) {
        const stats::ExperimentVariantRoute &v = s.route.variants.at(i);
        text += QCoreApplication::translate("AbTestCommand", "  %1 (%2): weight %3, %4 visits\n")
                    .arg(v.name, v.host, num(v.weight),
                         QString::number(i == 0 ? s.input.visitsA : s.input.visitsB, 'f', 0));
    }
    return text;
}

int runLive(const QString &what, const AbTestLive::Target &base, bool json, const CommandIo &io)
{
    const qsizetype slash = what.indexOf(u'/');
    if (slash <= 0 || slash == what.size() - 1 || what.indexOf(u'/', slash + 1) >= 0) {
        io.err(QCoreApplication::translate("AbTestCommand", "rolldeck abtest: --live needs NAMESPACE/EXPERIMENT\n"));
        return AbTestCommand::Error;
    }
    // The namespace goes into the request's path: only what Kubernetes accepts as one.
    if (!isDns1123Label(what.left(slash))) {
        io.err(QCoreApplication::translate("AbTestCommand", "rolldeck abtest: \"%1\" is not a namespace name\n")
                   .arg(printableText(what.left(slash))));
        return AbTestCommand::Error;
    }
    AbTestLive::Target target = base;
    target.ns = what.left(slash);
    target.experiment = what.mid(slash + 1);
    AbTestLive live;
    live.start(target, [&io, json](const AbTestLive::Outcome &outcome) {
        if (!outcome.snapshot) {
            io.err(QCoreApplication::translate("AbTestCommand", "rolldeck abtest: %1\n").arg(outcome.error));
            QCoreApplication::exit(outcome.exitCode);
            return;
        }
        if (json)
            io.outUtf8(asJson(outcome.snapshot->report, &*outcome.snapshot));
        else
            io.out(liveHeader(*outcome.snapshot) + asText(outcome.snapshot->report));
        QCoreApplication::exit(AbTestCommand::Ok);
    });
    return QCoreApplication::exec();
}

} // namespace

int AbTestCommand::run(const QStringList &arguments, const CommandIo &io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "AbTestCommand", "An A/B test's statistics from counts and samples (schema: docs/statistics.md), or read live "
                         "from its VirtualService and Prometheus with --live."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("report"), QCoreApplication::translate("AbTestCommand", "report"),
                                 QStringLiteral("report"));
    parser.addPositionalArgument(
        QStringLiteral("input"),
        QCoreApplication::translate("AbTestCommand", "The JSON input; - reads standard input."),
        QStringLiteral("INPUT.json"));
    const QCommandLineOption jsonOpt(QStringLiteral("json"),
                                     QCoreApplication::translate("AbTestCommand", "Write JSON."));
    const QCommandLineOption liveOpt(
        QStringLiteral("live"),
        QCoreApplication::translate("AbTestCommand",
                                    "Read the experiment live: the VirtualService annotated rolldeck.io/ab-test: "
                                    "EXPERIMENT in NAMESPACE, and its series in Prometheus."),
        QStringLiteral("NAMESPACE/EXPERIMENT"));
    const QCommandLineOption kubeconfigOpt(QStringLiteral("kubeconfig"),
                                           QCoreApplication::translate("AbTestCommand", "--live: the kubeconfig file."),
                                           QStringLiteral("FILE"));
    const QCommandLineOption contextOpt(QStringLiteral("context"),
                                        QCoreApplication::translate("AbTestCommand", "--live: the kubeconfig context."),
                                        QStringLiteral("CONTEXT"));
    const QCommandLineOption workspaceOpt(
        QStringLiteral("workspace"),
        QCoreApplication::translate("AbTestCommand",
                                    "--live: the workspace file whose environment names the Prometheus (default: the "
                                    "default workspace file)."),
        QStringLiteral("FILE"));
    const QCommandLineOption prometheusOpt(
        QStringLiteral("prometheus"),
        QCoreApplication::translate("AbTestCommand", "--live: this Prometheus instead of the environment's."),
        QStringLiteral("URL"));
    const QCommandLineOption timeoutOpt(
        QStringLiteral("timeout"),
        QCoreApplication::translate("AbTestCommand",
                                    "--live: seconds to wait for the cluster and Prometheus (default 30)."),
        QStringLiteral("S"), QStringLiteral("30"));
    parser.addOptions({jsonOpt, liveOpt, kubeconfigOpt, contextOpt, workspaceOpt, prometheusOpt, timeoutOpt});
    QStringList argv = arguments;
    argv.prepend(QStringLiteral("rolldeck abtest"));
    if (!parser.parse(argv)) {
        io.err(QStringLiteral("rolldeck abtest: ") + parser.errorText() + u'\n');
        return Error;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        io.out(parser.helpText());
        return Ok;
    }
    const QStringList positional = parser.positionalArguments();
    if (parser.isSet(liveOpt)) {
        if (positional != QStringList{QStringLiteral("report")}) {
            io.err(QCoreApplication::translate("AbTestCommand",
                                               "rolldeck abtest: expected report --live NAMESPACE/EXPERIMENT\n"));
            return Error;
        }
        AbTestLive::Target target;
        target.kubeconfig = parser.value(kubeconfigOpt);
        target.context = parser.value(contextOpt);
        target.workspace = parser.value(workspaceOpt);
        if (parser.isSet(prometheusOpt)) {
            target.prometheus = QUrl(parser.value(prometheusOpt), QUrl::StrictMode);
            const QString scheme = target.prometheus.scheme();
            if (!target.prometheus.isValid() || (scheme != u"http" && scheme != u"https") ||
                target.prometheus.host().isEmpty()) {
                io.err(QCoreApplication::translate("AbTestCommand",
                                                   "rolldeck abtest: --prometheus needs an http(s) URL\n"));
                return Error;
            }
        }
        bool ok = false;
        target.timeoutSeconds = parser.value(timeoutOpt).toInt(&ok);
        if (!ok || target.timeoutSeconds <= 0) {
            io.err(QCoreApplication::translate("AbTestCommand",
                                               "rolldeck abtest: --timeout needs a positive number of seconds\n"));
            return Error;
        }
        return runLive(parser.value(liveOpt), target, parser.isSet(jsonOpt), io);
    }
    if (positional.size() != 2 || positional[0] != u"report") {
        io.err(QCoreApplication::translate("AbTestCommand", "rolldeck abtest: expected report INPUT.json\n"));
        return Error;
    }
    const bool stdinInput = positional[1] == u"-";
    const BoundedRead read =
        stdinInput ? readBoundedStream(io.in(), kAbTestInputLimit) : readBoundedFile(positional[1], kAbTestInputLimit);
    const QString source = stdinInput ? QStringLiteral("<stdin>") : positional[1];
    if (!read.error.isEmpty()) {
        io.err(QCoreApplication::translate("AbTestCommand", "rolldeck abtest: cannot read %1: %2\n")
                   .arg(source, read.error));
        return Error;
    }
    const auto input = parseAbTestInput(read.data, source);
    if (!input) {
        io.err(QCoreApplication::translate("AbTestCommand", "rolldeck abtest: %1\n").arg(input.error()));
        return Error;
    }
    const stats::AbReport report = stats::buildAbReport(*input);
    if (parser.isSet(jsonOpt))
        io.outUtf8(asJson(report));
    else
        io.out(asText(report));
    return Ok;
}

} // namespace rolldeck
