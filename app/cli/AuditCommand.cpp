#include "AuditCommand.h"

#include "Command.h"

#include "actions/ActionService.h"
#include "audit/AuditLog.h"
#include "audit/AuditRecords.h"
#include "audit/AuditVerifier.h"
#include "kube/ClusterConnection.h"
#include "kube/Kubeconfig.h"
#include "kube/KubeconfigCredentials.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSet>

#include <memory>

namespace rolldeck {

namespace {

struct AuditText
{
    Q_DECLARE_TR_FUNCTIONS(AuditCommand)
};

QString field(const QJsonObject &o, const char *a, const char *b = nullptr)
{
    return audit::recordField(o, a, b);
}

QString target(const QJsonObject &o)
{
    return audit::recordTarget(o);
}

QString actor(const QJsonObject &o)
{
    return audit::recordActor(o);
}

// "2026-12-02T07:05:00Z", "2026-12-02" or "2026-12-02T07:05" → the log's form, for string comparison.
std::optional<QByteArray> sinceText(const QString &text)
{
    if (text.isEmpty())
        return QByteArray();
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(text, Qt::ISODate);
    if (!t.isValid())
        return std::nullopt;
    if (t.timeSpec() == Qt::LocalTime && !text.endsWith(u'Z') && !text.contains(u'+'))
        t.setTimeSpec(Qt::UTC);
    return t.toUTC().toString(Qt::ISODateWithMs).toLatin1();
}

int verify(const QString &dir, const QStringList &files, const CommandIo &io, QSet<QByteArray> *hashes)
{
    const bool exported = !files.isEmpty();
    const QStringList chain = exported ? files : audit::AuditLog::filesIn(dir);
    if (chain.isEmpty()) {
        io.out(AuditText::tr("No audit log in %1.\n").arg(dir));
        return AuditCommand::Ok;
    }
    audit::VerifyOptions options;
    options.fromGenesis = !exported;
    if (!exported)
        options.headFile = QDir(dir).filePath(audit::AuditLog::headFileName());
    if (hashes)
        options.visit = [hashes](const audit::RecordHeader &h, const char *, qsizetype) { hashes->insert(h.hash); };
    const audit::VerifyReport report = audit::verifyChain(chain, options);
    if (!report.chainIntact()) {
        const audit::AuditProblem &p = *report.firstBad;
        io.err(AuditText::tr("BROKEN: %1, line %2%3%4: %5\n")
                   .arg(p.file)
                   .arg(p.line)
                   .arg(p.seq ? AuditText::tr(" (record %1)").arg(p.seq) : QString())
                   .arg(p.time.isEmpty() ? QString() : AuditText::tr(", %1").arg(p.time))
                   .arg(p.what));
        if (report.problems > 1)
            io.err(AuditText::tr("%n more problem(s) after it.\n", nullptr, report.problems - 1));
    } else {
        io.out(AuditText::tr("Chain intact: %1 records in %2 file(s), records %3 to %4.\n")
                   .arg(report.records)
                   .arg(chain.size())
                   .arg(report.firstSeq)
                   .arg(report.lastSeq));
        if (exported && report.firstSeq > 1)
            io.out(AuditText::tr("The export continues the chain after hash %1.\n")
                       .arg(QString::fromLatin1(report.firstPrev)));
    }
    for (const audit::UnknownOutcome &u : report.unknown)
        io.err(AuditText::tr("OUTCOME UNKNOWN: %1 %2 %3 by %4 (%5, line %6), action %7; acknowledge with "
                             "`rolldeck audit ack %7 --reason TEXT`\n")
                   .arg(u.time, field(u.record, "verb"), target(u.record), actor(u.record), u.file)
                   .arg(u.line)
                   .arg(QString::fromLatin1(u.action)));
    if (!report.chainIntact())
        return AuditCommand::Broken;
    return report.unknown.isEmpty() ? AuditCommand::Ok : AuditCommand::OutcomeUnknown;
}

// The hashes the cluster holds (RolldeckAction Events, rolldeck.io/last-action annotations) must be in the chain.
int againstCluster(const QString &dir, const QString &kubeconfigPath, const QStringList &contexts, const CommandIo &io)
{
    QSet<QByteArray> local;
    const int chainCode = verify(dir, {}, io, &local);
    const kube::Kubeconfig kubeconfig = kube::loadKubeconfig(kubeconfigPath);
    QSet<QString> wanted(contexts.cbegin(), contexts.cend());
    QHash<QString, QSet<QString>> rollouts; // context -> ns/name acted on
    for (const audit::StoredRecord &r : audit::readRecords(audit::AuditLog::filesIn(dir))) {
        const QString ctx = field(r.json, "target", "context");
        if (!ctx.isEmpty() && (contexts.isEmpty() || wanted.contains(ctx)))
            rollouts[ctx].insert(target(r.json));
    }
    int mismatches = 0;
    int checked = 0;
    int pending = 0;
    std::vector<std::unique_ptr<kube::ClusterConnection>> connections;
    QObject context;
    const auto done = [&pending] {
        if (--pending == 0)
            QCoreApplication::exit(0);
    };
    const auto check = [&](const QString &where, const QString &hash) {
        ++checked;
        if (!local.contains(hash.toLatin1())) {
            ++mismatches;
            io.err(AuditText::tr("NOT IN THE LOCAL CHAIN: %1 holds record hash %2\n").arg(where, hash));
        }
    };
    for (auto it = rollouts.cbegin(); it != rollouts.cend(); ++it) {
        const kube::ClusterConfig *config = kubeconfig.context(it.key());
        auto credentials = config ? kube::KubeconfigCredentials::create(*config)
                                  : Result<std::shared_ptr<kube::KubeconfigCredentials>>::failure(QString());
        if (!config || !credentials) {
            io.err(AuditText::tr("%1: not in the kubeconfig; not checked\n").arg(it.key()));
            continue;
        }
        connections.push_back(
            std::make_unique<kube::ClusterConnection>(*config, *credentials, kube::ConnectionOptions::headless()));
        kube::ClusterConnection *c = connections.back().get();
        const QString ctx = it.key();
        for (const QString &nsName : it.value()) {
            const QString ns = nsName.section(u'/', 0, 0);
            const QString name = nsName.section(u'/', 1);
            kube::KubeRequest events;
            events.path = QStringLiteral("/api/v1/namespaces/%1/events").arg(ns);
            events.query.addQueryItem(QStringLiteral("fieldSelector"),
                                      QStringLiteral("reason=RolldeckAction,involvedObject.name=%1").arg(name));
            ++pending;
            c->send(events, &context, [&, ctx, nsName](const kube::KubeResponse &r) {
                if (!r.ok())
                    io.err(AuditText::tr("%1: Events of %2: %3\n").arg(ctx, nsName, r.error->toString()));
                for (const QJsonValue &v : r.object.value(QLatin1String("items")).toArray()) {
                    const QJsonObject meta = v.toObject().value(QLatin1String("metadata")).toObject();
                    const QString hash = meta.value(QLatin1String("annotations"))
                                             .toObject()
                                             .value(QLatin1String("rolldeck.io/record-hash"))
                                             .toString();
                    if (!hash.isEmpty())
                        check(AuditText::tr("%1: Event %2 on %3")
                                  .arg(ctx, meta.value(QLatin1String("name")).toString(), nsName),
                              hash);
                }
                done();
            });
            kube::KubeRequest get;
            get.path = QStringLiteral("/apis/argoproj.io/v1alpha1/namespaces/%1/rollouts/%2").arg(ns, name);
            ++pending;
            c->send(get, &context, [&, ctx, nsName](const kube::KubeResponse &r) {
                const QString last = r.object.value(QLatin1String("metadata"))
                                         .toObject()
                                         .value(QLatin1String("annotations"))
                                         .toObject()
                                         .value(QLatin1String("rolldeck.io/last-action"))
                                         .toString();
                const QString hash =
                    QJsonDocument::fromJson(last.toUtf8()).object().value(QLatin1String("hash")).toString();
                if (!hash.isEmpty())
                    check(AuditText::tr("%1: annotation rolldeck.io/last-action on %2").arg(ctx, nsName), hash);
                done();
            });
        }
    }
    if (pending > 0)
        QCoreApplication::exec();
    io.out(AuditText::tr("Cluster: %1 hash(es) checked, %2 not in the local chain.\n").arg(checked).arg(mismatches));
    return mismatches > 0 ? AuditCommand::Broken : chainCode;
}

void show(const QList<audit::StoredRecord> &records, bool json, const CommandIo &io)
{
    for (const audit::StoredRecord &r : records) {
        if (json) {
            io.out(QString::fromUtf8(r.raw) + u'\n');
            continue;
        }
        const QJsonObject &o = r.json;
        QString outcome = field(o, "outcome");
        if (!field(o, "refusal").isEmpty())
            outcome += QStringLiteral(" (") + field(o, "refusal") + u')';
        io.out(QStringLiteral("%1  %2  %3  %4  %5  %6%7\n")
                   .arg(QString::fromLatin1(r.header.time), QString::fromLatin1(r.header.type).leftJustified(8),
                        field(o, "verb").leftJustified(7), target(o), actor(o), outcome,
                        field(o, "reason").isEmpty() ? QString()
                                                     : QStringLiteral("  \u201c") + field(o, "reason") + u'\u201d'));
    }
}

void exportCsv(const QList<audit::StoredRecord> &records, const CommandIo &io)
{
    io.out(QString::fromUtf8(audit::exportCsv(records)));
}

} // namespace

int AuditCommand::run(const QStringList &arguments, const CommandIo &io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(AuditText::tr("The audit log: verify its chain, show or export its records."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("command"), AuditText::tr("verify, show, export or ack."));
    const QCommandLineOption dirOpt(QStringLiteral("dir"), AuditText::tr("The audit log's directory."),
                                    QStringLiteral("DIR"), audit::AuditLog::defaultDirectory());
    const QCommandLineOption sinceOpt(QStringLiteral("since"), AuditText::tr("Only records at or after this time."),
                                      QStringLiteral("T"));
    const QCommandLineOption csvOpt(QStringLiteral("csv"), AuditText::tr("export: CSV (not verifiable)."));
    const QCommandLineOption jsonOpt(QStringLiteral("json"), AuditText::tr("The records as stored (JSON Lines)."));
    const QCommandLineOption clusterOpt(QStringLiteral("against-cluster"),
                                        AuditText::tr("verify: compare the hashes the clusters hold with the chain."));
    const QCommandLineOption contextOpt(QStringLiteral("context"), AuditText::tr("Only this context (repeatable)."),
                                        QStringLiteral("C"));
    const QCommandLineOption kubeconfigOpt(QStringLiteral("kubeconfig"), AuditText::tr("The kubeconfig file."),
                                           QStringLiteral("FILE"));
    const QCommandLineOption reasonOpt(QStringLiteral("reason"), AuditText::tr("ack: what was found."),
                                       QStringLiteral("TEXT"));
    parser.addOptions({dirOpt, sinceOpt, csvOpt, jsonOpt, clusterOpt, contextOpt, kubeconfigOpt, reasonOpt});
    QStringList argv = arguments;
    argv.prepend(QStringLiteral("rolldeck audit"));
    if (!parser.parse(argv)) {
        io.err(parser.errorText() + u'\n');
        return BadInput;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        io.out(parser.helpText());
        return Ok;
    }
    QStringList positional = parser.positionalArguments();
    const QString command = positional.isEmpty() ? QString() : positional.takeFirst();
    const QString dir = parser.value(dirOpt);
    const std::optional<QByteArray> since = sinceText(parser.value(sinceOpt));
    if (!since) {
        io.err(AuditText::tr("--since: \"%1\" is not an RFC 3339 time\n").arg(parser.value(sinceOpt)));
        return BadInput;
    }
    QLoggingCategory::setFilterRules(QStringLiteral("rolldeck.kube.debug=false\nrolldeck.kube.info=false"));
    if (command == QLatin1String("verify")) {
        if (parser.isSet(clusterOpt))
            return againstCluster(dir, parser.value(kubeconfigOpt), parser.values(contextOpt), io);
        return verify(dir, positional, io, nullptr);
    }
    if (command == QLatin1String("show") || command == QLatin1String("export")) {
        if (parser.isSet(csvOpt) && parser.isSet(jsonOpt)) {
            io.err(AuditText::tr("--csv and --json exclude each other\n"));
            return BadInput;
        }
        const QList<audit::StoredRecord> records = audit::readRecords(audit::AuditLog::filesIn(dir), *since);
        if (command == QLatin1String("export") && parser.isSet(csvOpt))
            exportCsv(records, io);
        else
            show(records, command == QLatin1String("export") || parser.isSet(jsonOpt), io);
        return Ok;
    }
    if (command == QLatin1String("ack")) {
        static const QRegularExpression id(QStringLiteral("^[A-Za-z0-9-]{1,64}$"));
        if (positional.size() != 1 || !id.match(positional.first()).hasMatch() ||
            parser.value(reasonOpt).trimmed().isEmpty()) {
            io.err(AuditText::tr("audit ack: name one action id and give --reason TEXT\n"));
            return BadInput;
        }
        audit::AuditLog log(audit::AuditLog::Options{dir});
        const auto rec = audit::acknowledge(log, positional.first().toLatin1(), actions::ActionService::osUser(),
                                            parser.value(reasonOpt));
        if (!rec) {
            io.err(rec.error() + u'\n');
            return Broken;
        }
        io.out(AuditText::tr("Acknowledged (record %1).\n").arg(rec->seq));
        return Ok;
    }
    io.err(AuditText::tr("rolldeck audit: expected verify, show, export or ack\n"));
    return BadInput;
}

} // namespace rolldeck
