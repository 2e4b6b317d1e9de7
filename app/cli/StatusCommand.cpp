#include "StatusCommand.h"

#include "argo/KubeNames.h"
#include "argo/ObjectStore.h"
#include "argo/Rollout.h"
#include "argo/RolloutInfo.h"
#include "kube/ClusterConnection.h"
#include "kube/KubeconfigCredentials.h"
#include "kube/Kubeconfig.h"
#include "workspace/Workspace.h"
#include "workspace/WorkspaceScope.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTimer>

#include <algorithm>
#include <memory>
#include <vector>

namespace rolldeck {

namespace {

// The one translation context of this file, the same for lupdate and at run time (the classes here are not
// QObjects, so their own tr() would not be found by lupdate under the name the code looks up).
struct StatusText
{
    Q_DECLARE_TR_FUNCTIONS(StatusCommand)
};

void write(FILE *f, const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), f);
    std::fflush(f);
}

QString keyOf(const QString &ns, const QString &name)
{
    return ns + QLatin1Char('/') + name;
}

QString metaString(const QJsonObject &object, const char *field)
{
    return object.value(QLatin1String("metadata")).toObject().value(QLatin1String(field)).toString();
}

ObjectKey storeKey(const QJsonObject &object)
{
    return {objectKindFromName(object.value(QLatin1String("kind")).toString()), metaString(object, "namespace"),
            metaString(object, "name")};
}

QStringList ownerUids(const QJsonObject &object)
{
    QStringList uids;
    const QJsonArray owners =
        object.value(QLatin1String("metadata")).toObject().value(QLatin1String("ownerReferences")).toArray();
    for (const QJsonValue &o : owners)
        uids << o.toObject().value(QLatin1String("uid")).toString();
    return uids;
}

// Rows needing attention first, then by context, namespace, name.
bool rowLess(const RolloutStatusRow &a, const RolloutStatusRow &b)
{
    if (a.needsAttention() != b.needsAttention())
        return a.needsAttention();
    if (a.context != b.context)
        return a.context < b.context;
    if (a.namespaceName != b.namespaceName)
        return a.namespaceName < b.namespaceName;
    return a.name < b.name;
}

QString readyText(const RolloutStatusRow &r)
{
    return QStringLiteral("%1/%2").arg(r.ready).arg(r.current);
}

QString dash(const QString &s)
{
    return s.isEmpty() ? QStringLiteral("-") : s;
}

// Whether a rollout's actual weight depends on its ReplicaSets (a canary without traffic routing, mid-way through
// its steps, reference §2.2). A settled fleet needs none, so `status` lists ReplicaSets only where this holds.
bool needsReplicaSets(const Rollout &r)
{
    return r.strategy == Rollout::Strategy::Canary && !r.hasTrafficRouting && !r.steps.isEmpty() &&
           (!r.currentStepIndex || *r.currentStepIndex < r.steps.size());
}

// One cluster (kubeconfig context) being watched.
struct ContextState
{
    QString name;
    QString ns; // "" = all namespaces
    std::shared_ptr<kube::KubeconfigCredentials> credentials;
    std::unique_ptr<kube::ClusterConnection> connection;
    kube::ResourceCache *rollouts = nullptr;
    QHash<QString, kube::ResourceCache *> replicaSets; // by namespace, "" = all
    bool replicaSetsPlanned = false;
    ObjectStore store;
    QHash<QString, RolloutStatusRow> rows; // ns/name
    QString error;                         // could not even start (credentials, TLS)

    bool failed() const { return !error.isEmpty() || (rollouts && rollouts->health().isStale()); }
    bool settled() const
    {
        if (!error.isEmpty())
            return true;
        if (rollouts->health().isStale() && !rollouts->isSynced())
            return true;
        if (!rollouts->isSynced() || !replicaSetsPlanned)
            return false;
        for (const kube::ResourceCache *rs : replicaSets) {
            if (!rs->isSynced() && !rs->health().isStale())
                return false;
        }
        return true;
    }
    // A stale cluster's rows need attention too: the data may no longer be true.
    void applyStaleness(RolloutStatusRow &row) const
    {
        if (!rollouts || !rollouts->health().isStale())
            return;
        const QDateTime since = rollouts->health().since;
        row.attention.staleSince = since.isValid() ? since : QDateTime::currentDateTimeUtc();
        row.attention.staleCause = rollouts->health().cause;
    }
    QString problem() const
    {
        if (!error.isEmpty())
            return error;
        if (rollouts && rollouts->health().isStale())
            return rollouts->health().describe();
        return {};
    }
};

class StatusSession : public QObject
{
public:
    StatusSession(FILE *out, FILE *err, bool watch, bool json) : m_out(out), m_err(err), m_watch(watch), m_json(json) {}

    void addContext(const kube::ClusterConfig &config, const QString &ns)
    {
        auto state = std::make_unique<ContextState>();
        state->name = config.contextName;
        state->ns = ns;
        auto credentials = kube::KubeconfigCredentials::create(config);
        if (!credentials.ok()) {
            state->error = credentials.error();
            m_contexts.push_back(std::move(state));
            return;
        }
        if (!config.auth.unsupported.isEmpty()) {
            state->error = config.auth.unsupported;
            m_contexts.push_back(std::move(state));
            return;
        }
        // No window to keep responsive: deliver as fast as possible. Fewer, larger pages: each page is a round
        // trip, and the whole list is wanted anyway.
        kube::ConnectionOptions options = kube::ConnectionOptions::headless();
        options.client.pageSize = 2500;
        state->credentials = *credentials;
        state->connection = std::make_unique<kube::ClusterConnection>(config, *credentials, options);
        state->rollouts = state->connection->cache(kube::ResourceKind::rollouts(), ns);
        attach(state.get(), state->rollouts);
        m_contexts.push_back(std::move(state));
    }

    void start(int timeoutSeconds)
    {
        m_deadline.setSingleShot(true);
        QObject::connect(&m_deadline, &QTimer::timeout, this, [this] { onDeadline(); });
        m_deadline.start(timeoutSeconds * 1000);
        checkSettled();
    }

    int exitCode() const { return m_exitCode; }

private:
    void attach(ContextState *ctx, kube::ResourceCache *cache)
    {
        QObject::connect(cache, &kube::ResourceCache::changed, this,
                         [this, ctx](const kube::CacheDelta &d) { onChanged(ctx, d); });
        QObject::connect(cache, &kube::ResourceCache::healthChanged, this,
                         [this, ctx, cache](const kube::CacheHealth &h) { onHealth(ctx, cache, h); });
    }

    // ReplicaSets of one namespace (or of all, when the context shows all and many namespaces need them).
    void watchReplicaSets(ContextState *ctx, const QString &ns)
    {
        if (ctx->replicaSets.contains(ns) || ctx->replicaSets.contains(QString()))
            return;
        kube::ResourceCache *cache = ctx->connection->cache(kube::ResourceKind::replicaSets(), ns);
        ctx->replicaSets.insert(ns, cache);
        attach(ctx, cache);
    }

    void planReplicaSets(ContextState *ctx)
    {
        if (ctx->replicaSetsPlanned)
            return;
        ctx->replicaSetsPlanned = true;
        QSet<QString> namespaces;
        const QList<const Rollout *> all = ctx->store.rollouts();
        for (const Rollout *r : all) {
            if (needsReplicaSets(*r))
                namespaces.insert(r->meta.namespaceName);
        }
        if (namespaces.isEmpty())
            return;
        if (!ctx->ns.isEmpty())
            watchReplicaSets(ctx, ctx->ns);
        else if (namespaces.size() > 16)
            watchReplicaSets(ctx, QString());
        else
            for (const QString &ns : std::as_const(namespaces))
                watchReplicaSets(ctx, ns);
    }

    void onChanged(ContextState *ctx, const kube::CacheDelta &delta)
    {
        QSet<QString> touched; // rollouts (ns/name) whose row may have changed
        QList<QPair<QString, QString>> deletedRollouts;
        for (const QList<QJsonObject> *list : {&delta.added, &delta.modified}) {
            for (const QJsonObject &object : *list) {
                const ObjectKey key = ctx->store.upsert(object);
                if (!m_printedInitial)
                    continue; // rows are computed once, when everything is in
                if (key.kind == ObjectKind::Rollout) {
                    touched.insert(keyOf(key.namespaceName, key.name));
                    const Rollout *r = ctx->store.rollout(key.namespaceName, key.name);
                    if (r && needsReplicaSets(*r) && ctx->connection)
                        watchReplicaSets(ctx, ctx->ns.isEmpty() ? key.namespaceName : ctx->ns);
                } else {
                    for (const ObjectKey &k : ctx->store.rolloutsAffectedBy(key))
                        touched.insert(keyOf(k.namespaceName, k.name));
                }
            }
        }
        for (const QJsonObject &object : delta.deleted) {
            const ObjectKey key = storeKey(object);
            if (key.kind == ObjectKind::Rollout) {
                ctx->store.remove(key);
                deletedRollouts.append({key.namespaceName, key.name});
                touched.remove(keyOf(key.namespaceName, key.name));
                continue;
            }
            const QList<ObjectKey> owners = ctx->store.rolloutsOwningUids(ownerUids(object));
            ctx->store.remove(key);
            for (const ObjectKey &k : owners)
                touched.insert(keyOf(k.namespaceName, k.name));
        }
        if (!m_printedInitial) {
            checkSettled();
            return;
        }
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (const QString &k : std::as_const(touched)) {
            const qsizetype slash = k.indexOf(QLatin1Char('/'));
            const Rollout *rollout = ctx->store.rollout(k.left(slash), k.mid(slash + 1));
            if (!rollout)
                continue;
            RolloutStatusRow row = StatusCommand::summarize(ctx->name, *rollout, ctx->store, now);
            ctx->applyStaleness(row);
            const auto old = ctx->rows.constFind(k);
            const bool isNew = old == ctx->rows.constEnd();
            const bool changed = isNew || !old->sameDisplay(row);
            ctx->rows.insert(k, row);
            if (changed)
                printChange(isNew ? QStringLiteral("ADDED") : QStringLiteral("MODIFIED"), row);
        }
        for (const auto &[ns, name] : std::as_const(deletedRollouts)) {
            const RolloutStatusRow row = ctx->rows.take(keyOf(ns, name));
            if (!row.name.isEmpty())
                printChange(QStringLiteral("DELETED"), row);
        }
    }

    void onHealth(ContextState *ctx, kube::ResourceCache *cache, const kube::CacheHealth &health)
    {
        if (cache != ctx->rollouts && health.isStale() && !m_warnedReplicaSets.contains(ctx->name)) {
            m_warnedReplicaSets.insert(ctx->name);
            write(m_err, StatusText::tr("%1: ReplicaSets unavailable (%2); actual weights may be incomplete\n")
                             .arg(ctx->name, health.describe()));
        }
        if (cache == ctx->rollouts && health.synced)
            planReplicaSets(ctx);
        if (cache == ctx->rollouts && m_printedInitial) {
            const bool stale = health.isStale();
            if (stale != m_reportedStale.contains(ctx->name)) {
                if (stale)
                    m_reportedStale.insert(ctx->name);
                else
                    m_reportedStale.remove(ctx->name);
                printHealth(ctx, health);
            }
        }
        checkSettled();
    }

    void checkSettled()
    {
        if (m_printedInitial)
            return;
        for (const auto &ctx : m_contexts) {
            if (!ctx->settled())
                return;
        }
        printInitial();
    }

    void onDeadline()
    {
        if (m_printedInitial)
            return;
        for (const auto &ctx : m_contexts) {
            if (ctx->settled() || !ctx->error.isEmpty())
                continue;
            // A hung credential plugin is what keeps a cluster "connecting": name it.
            const QString plugin = ctx->credentials ? ctx->credentials->provider()->runningPlugin() : QString();
            ctx->error =
                plugin.isEmpty()
                    ? StatusText::tr("timed out waiting for the cluster (%1)").arg(ctx->rollouts->health().describe())
                    : StatusText::tr("timed out waiting for the credentials: %1").arg(plugin);
        }
        printInitial();
    }

    QList<RolloutStatusRow> sortedRows() const
    {
        QList<RolloutStatusRow> rows;
        for (const auto &ctx : m_contexts)
            for (const RolloutStatusRow &r : ctx->rows)
                rows.append(r);
        std::sort(rows.begin(), rows.end(), rowLess);
        return rows;
    }

    void printInitial()
    {
        m_printedInitial = true;
        m_deadline.stop();
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (const auto &ctx : m_contexts) {
            const QList<const Rollout *> all = ctx->store.rollouts();
            for (const Rollout *r : all)
                ctx->rows.insert(keyOf(r->meta.namespaceName, r->meta.name),
                                 StatusCommand::summarize(ctx->name, *r, ctx->store, now));
        }
        // A stale cluster's rows need attention too: the data may no longer be true.
        for (const auto &ctx : m_contexts) {
            if (ctx->rollouts && ctx->rollouts->health().isStale()) {
                m_reportedStale.insert(ctx->name);
                for (RolloutStatusRow &r : ctx->rows)
                    ctx->applyStaleness(r);
            }
        }
        const QList<RolloutStatusRow> rows = sortedRows();
        bool attention = false;
        bool error = false;
        for (const RolloutStatusRow &r : rows)
            attention = attention || r.needsAttention();
        for (const auto &ctx : m_contexts)
            error = error || ctx->failed();

        if (m_json)
            printJson(rows);
        else
            printTable(rows);
        m_exitCode = error ? StatusCommand::Error : (attention ? StatusCommand::NeedsAttention : StatusCommand::Ok);
        if (!m_watch)
            QCoreApplication::exit(m_exitCode);
    }

    void printJson(const QList<RolloutStatusRow> &rows)
    {
        QJsonArray contexts;
        for (const auto &ctx : m_contexts) {
            QJsonObject c{{QStringLiteral("context"), ctx->name}, {QStringLiteral("namespace"), ctx->ns}};
            if (ctx->rollouts) {
                const kube::CacheHealth &h = ctx->rollouts->health();
                c.insert(QStringLiteral("live"), h.isLive());
                if (h.isStale()) {
                    c.insert(QStringLiteral("staleSince"), h.since.toString(Qt::ISODateWithMs));
                    c.insert(QStringLiteral("cause"), h.cause);
                    c.insert(QStringLiteral("permissionDenied"), h.permissionDenied);
                }
            } else {
                c.insert(QStringLiteral("live"), false);
            }
            if (!ctx->problem().isEmpty())
                c.insert(QStringLiteral("error"), ctx->problem());
            contexts.append(c);
        }
        QJsonArray items;
        int attention = 0;
        for (const RolloutStatusRow &r : rows) {
            items.append(r.toJson());
            attention += r.needsAttention() ? 1 : 0;
        }
        const QJsonObject doc{{QStringLiteral("contexts"), contexts},
                              {QStringLiteral("rollouts"), items},
                              {QStringLiteral("needsAttention"), attention}};
        write(m_out,
              QString::fromUtf8(QJsonDocument(doc).toJson(m_watch ? QJsonDocument::Compact : QJsonDocument::Indented)) +
                  (m_watch ? QStringLiteral("\n") : QString()));
    }

    void printTable(const QList<RolloutStatusRow> &rows)
    {
        for (const auto &ctx : m_contexts) {
            if (!ctx->problem().isEmpty())
                write(m_err, StatusText::tr("%1: %2\n").arg(ctx->name, ctx->problem()));
        }
        if (rows.isEmpty()) {
            // stdout alone must not tell a script "nothing there" when nothing could be read.
            qsizetype failed = 0;
            for (const auto &ctx : m_contexts)
                failed += ctx->failed() ? 1 : 0;
            if (failed == 0)
                write(m_out, StatusText::tr("No rollouts found.\n"));
            else if (failed == qsizetype(m_contexts.size()))
                write(m_out, StatusText::tr("Nothing could be read: no cluster answered.\n"));
            else
                write(m_out, StatusText::tr("No rollouts found in the clusters that answered; %n could not be read.\n",
                                            nullptr, int(failed)));
            return;
        }
        QList<QStringList> table;
        table.append({QString(), StatusText::tr("CONTEXT"), StatusText::tr("NAMESPACE"), StatusText::tr("NAME"),
                      StatusText::tr("STATUS"), StatusText::tr("STEP"), StatusText::tr("SET-WEIGHT"),
                      StatusText::tr("ACTUAL-WEIGHT"), StatusText::tr("READY"), StatusText::tr("MESSAGE")});
        for (const RolloutStatusRow &r : rows) {
            QString message = r.message;
            const QString why = r.attention.text();
            if (!why.isEmpty() && !message.contains(why))
                message = message.isEmpty() ? why : message + QStringLiteral(" [") + why + QLatin1Char(']');
            table.append({r.needsAttention() ? QStringLiteral("!") : QString(), r.context, r.namespaceName, r.name,
                          r.status, dash(r.step), dash(r.setWeight), dash(r.actualWeight), readyText(r), message});
        }
        QList<qsizetype> widths(table.first().size(), 0);
        for (const QStringList &line : table)
            for (qsizetype i = 0; i < line.size(); ++i)
                widths[i] = std::max(widths[i], line[i].size());
        QString text;
        for (const QStringList &line : table) {
            QString l;
            for (qsizetype i = 0; i < line.size(); ++i)
                l += i + 1 < line.size() ? line[i].leftJustified(widths[i] + 2) : line[i];
            while (l.endsWith(QLatin1Char(' ')))
                l.chop(1);
            text += l + QLatin1Char('\n');
        }
        write(m_out, text);
    }

    void printChange(const QString &type, const RolloutStatusRow &row)
    {
        const QString time = QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss"));
        if (m_json) {
            write(m_out, QString::fromUtf8(
                             QJsonDocument(QJsonObject{{QStringLiteral("type"), type},
                                                       {QStringLiteral("time"),
                                                        QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
                                                       {QStringLiteral("rollout"), row.toJson()}})
                                 .toJson(QJsonDocument::Compact)) +
                             QLatin1Char('\n'));
            return;
        }
        if (type == QLatin1String("DELETED")) {
            write(m_out, StatusText::tr("%1 %2 %3/%4 deleted\n").arg(time, row.context, row.namespaceName, row.name));
            return;
        }
        QString line = QStringLiteral("%1 %2%3 %4/%5 %6")
                           .arg(time, row.needsAttention() ? QStringLiteral("! ") : QString(), row.context,
                                row.namespaceName, row.name, row.status);
        if (!row.message.isEmpty())
            line += QStringLiteral(" - ") + row.message;
        if (!row.step.isEmpty())
            line += QLatin1Char(' ') + StatusText::tr("step %1").arg(row.step);
        if (!row.setWeight.isEmpty())
            line += QLatin1Char(' ') + StatusText::tr("weight %1/%2").arg(row.setWeight, row.actualWeight);
        line += QLatin1Char(' ') + StatusText::tr("ready %1").arg(readyText(row));
        write(m_out, line + QLatin1Char('\n'));
    }

    void printHealth(ContextState *ctx, const kube::CacheHealth &health)
    {
        const QString time = QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss"));
        if (m_json) {
            QJsonObject o{{QStringLiteral("type"), QStringLiteral("HEALTH")},
                          {QStringLiteral("time"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
                          {QStringLiteral("context"), ctx->name},
                          {QStringLiteral("live"), health.isLive()}};
            if (health.isStale()) {
                o.insert(QStringLiteral("staleSince"), health.since.toString(Qt::ISODateWithMs));
                o.insert(QStringLiteral("cause"), health.cause);
            }
            write(m_out, QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)) + QLatin1Char('\n'));
            return;
        }
        if (health.isStale())
            write(m_out, StatusText::tr("%1 ! %2 %3\n").arg(time, ctx->name, health.describe()));
        else
            write(m_out, StatusText::tr("%1 %2 live again\n").arg(time, ctx->name));
    }

    FILE *m_out;
    FILE *m_err;
    bool m_watch;
    bool m_json;
    std::vector<std::unique_ptr<ContextState>> m_contexts;
    QTimer m_deadline;
    bool m_printedInitial = false;
    int m_exitCode = StatusCommand::Ok;
    QSet<QString> m_warnedReplicaSets;
    QSet<QString> m_reportedStale;
};

} // namespace

bool RolloutStatusRow::sameDisplay(const RolloutStatusRow &o) const
{
    return status == o.status && message == o.message && step == o.step && setWeight == o.setWeight &&
           actualWeight == o.actualWeight && desired == o.desired && current == o.current && ready == o.ready &&
           available == o.available && updated == o.updated && attention == o.attention;
}

QJsonObject RolloutStatusRow::toJson() const
{
    QJsonObject o{{QStringLiteral("context"), context},
                  {QStringLiteral("namespace"), namespaceName},
                  {QStringLiteral("name"), name},
                  {QStringLiteral("status"), status},
                  {QStringLiteral("message"), message},
                  {QStringLiteral("strategy"), strategy},
                  {QStringLiteral("step"), step},
                  {QStringLiteral("replicas"), QJsonObject{{QStringLiteral("desired"), desired},
                                                           {QStringLiteral("current"), current},
                                                           {QStringLiteral("updated"), updated},
                                                           {QStringLiteral("ready"), ready},
                                                           {QStringLiteral("available"), available}}},
                  {QStringLiteral("needsAttention"), needsAttention()},
                  {QStringLiteral("attention"), attention.key()},
                  {QStringLiteral("attentionReason"), attention.text()}};
    if (attention.isStale())
        o.insert(QStringLiteral("staleSince"), attention.staleSince.toString(Qt::ISODateWithMs));
    o.insert(QStringLiteral("setWeight"), setWeight.isEmpty() ? QJsonValue() : QJsonValue(setWeight.toInt()));
    o.insert(QStringLiteral("actualWeight"), actualWeight.isEmpty() ? QJsonValue() : QJsonValue(actualWeight.toInt()));
    return o;
}

RolloutStatusRow StatusCommand::summarize(const QString &context, const Rollout &rollout, const ObjectStore &store,
                                          const QDateTime &now)
{
    const RolloutInfo info = buildRolloutInfo(rollout, store, now);
    RolloutStatusRow row;
    row.context = context;
    row.namespaceName = info.namespaceName;
    row.name = info.name;
    row.status = info.status;
    row.message = info.message;
    row.strategy = info.strategy;
    row.step = info.step;
    row.setWeight = info.setWeightText();
    row.actualWeight = info.actualWeightText();
    row.desired = info.replicas.desired;
    row.current = info.replicas.current;
    row.updated = info.replicas.updated;
    row.ready = info.replicas.ready;
    row.available = info.replicas.available;
    // The cluster's staleness is the session's to add.
    row.attention.reason = info.attention();
    return row;
}

int StatusCommand::run(const QStringList &arguments, FILE *out, FILE *err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(StatusText::tr(
        "List Argo Rollouts live from the clusters, those needing attention first. Exit status: 0 nothing "
        "needs attention, 1 something does, 2 usage or connection errors."));
    parser.addHelpOption();
    const QCommandLineOption kubeconfigOpt(
        QStringLiteral("kubeconfig"), StatusText::tr("Path to the kubeconfig file to use."), QStringLiteral("FILE"));
    const QCommandLineOption contextOpt(QStringLiteral("context"),
                                        StatusText::tr("Kubeconfig context to use; may be repeated."),
                                        QStringLiteral("CONTEXT"));
    const QCommandLineOption allContextsOpt(QStringLiteral("all-contexts"),
                                            StatusText::tr("Use every kubeconfig context."));
    const QCommandLineOption namespaceOpt({QStringLiteral("n"), QStringLiteral("namespace")},
                                          StatusText::tr("Namespace to list (default: the context's namespace)."),
                                          QStringLiteral("NS"));
    const QCommandLineOption allNamespacesOpt({QStringLiteral("A"), QStringLiteral("all-namespaces")},
                                              StatusText::tr("List rollouts in all namespaces."));
    const QCommandLineOption watchOpt({QStringLiteral("w"), QStringLiteral("watch")},
                                      StatusText::tr("After listing, print each change as it arrives."));
    const QCommandLineOption jsonOpt(QStringLiteral("json"), StatusText::tr("Write JSON (JSON Lines with --watch)."));
    const QCommandLineOption timeoutOpt(
        QStringLiteral("timeout"), StatusText::tr("Seconds to wait for the clusters before giving up (default 30)."),
        QStringLiteral("S"), QStringLiteral("30"));
    const QCommandLineOption verboseOpt({QStringLiteral("v"), QStringLiteral("verbose")},
                                        StatusText::tr("Log connection details (retries, re-lists) to stderr."));
    const QCommandLineOption workspaceOpt(
        QStringLiteral("workspace"),
        StatusText::tr(
            "Workspace file: list its environments' contexts and namespaces (default: the default workspace file "
            "when --env is given)."),
        QStringLiteral("FILE"));
    const QCommandLineOption envOpt(QStringLiteral("env"),
                                    StatusText::tr("Only this environment of the workspace; may be repeated."),
                                    QStringLiteral("NAME"));
    parser.addOptions({kubeconfigOpt, contextOpt, allContextsOpt, namespaceOpt, allNamespacesOpt, watchOpt, jsonOpt,
                       timeoutOpt, verboseOpt, workspaceOpt, envOpt});

    QStringList argv = arguments;
    argv.prepend(QStringLiteral("rolldeck status"));
    if (!parser.parse(argv)) {
        write(err, parser.errorText() + QLatin1Char('\n'));
        return Error;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        write(out, parser.helpText());
        return Ok;
    }
    if (!parser.positionalArguments().isEmpty()) {
        write(err, StatusText::tr("Unexpected argument: %1\n").arg(parser.positionalArguments().first()));
        return Error;
    }
    if (parser.isSet(contextOpt) && parser.isSet(allContextsOpt)) {
        write(err, StatusText::tr("--context and --all-contexts exclude each other.\n"));
        return Error;
    }
    if (parser.isSet(namespaceOpt) && parser.isSet(allNamespacesOpt)) {
        write(err, StatusText::tr("-n and -A exclude each other.\n"));
        return Error;
    }
    // A namespace goes into the request's path: only what Kubernetes accepts as one (a DNS-1123 label).
    if (parser.isSet(namespaceOpt) && !isDns1123Label(parser.value(namespaceOpt))) {
        write(err, StatusText::tr("-n: \"%1\" is not a namespace name (lowercase letters, digits and '-', at most 63 "
                                  "characters).\n")
                       .arg(printableText(parser.value(namespaceOpt))));
        return Error;
    }
    const bool useWorkspace = parser.isSet(workspaceOpt) || parser.isSet(envOpt);
    if (useWorkspace && (parser.isSet(contextOpt) || parser.isSet(allContextsOpt) || parser.isSet(namespaceOpt) ||
                         parser.isSet(allNamespacesOpt))) {
        write(err, StatusText::tr(
                       "--workspace/--env choose the contexts and namespaces; leave out --context, --all-contexts, "
                       "-n and -A.\n"));
        return Error;
    }
    // Retries and re-lists are the caches' business; the output already says what is stale and why.
    if (!parser.isSet(verboseOpt))
        QLoggingCategory::setFilterRules(QStringLiteral("rolldeck.kube*.debug=false\nrolldeck.kube*.info=false\n"
                                                        "rolldeck.kube*.warning=false"));
    bool timeoutOk = false;
    const int timeout = parser.value(timeoutOpt).toInt(&timeoutOk);
    if (!timeoutOk || timeout <= 0) {
        write(err, StatusText::tr("--timeout needs a positive number of seconds.\n"));
        return Error;
    }

    const kube::Kubeconfig kubeconfig = kube::loadKubeconfig(parser.value(kubeconfigOpt));
    for (const kube::KubeconfigProblem &p : kubeconfig.problems)
        write(err, StatusText::tr("kubeconfig: %1\n").arg(p.toString()));
    QList<kube::ClusterConfig> selected;
    QList<QStringList> selectedNamespaces; // with a workspace: per selected context, empty = all namespaces
    bool missing = false;
    if (useWorkspace) {
        // The same resolution as the console: the environments' contexts and namespaces (WorkspaceScope).
        const Result<Workspace> workspace = workspaceFor(parser.value(workspaceOpt), kubeconfig);
        if (!workspace) {
            write(err, workspace.error() + QLatin1Char('\n'));
            return Error;
        }
        const QStringList environments = parser.values(envOpt);
        for (const QString &name : environments) {
            if (!workspace->environment(name)) {
                write(err, StatusText::tr("Environment \"%1\" is not in the workspace.\n").arg(name));
                return Error;
            }
        }
        Workspace chosen = *workspace;
        if (!environments.isEmpty())
            chosen.environments.removeIf(
                [&environments](const Environment &e) { return !environments.contains(e.name); });
        for (const WorkspaceError &e : checkWorkspaceContexts(chosen, kubeconfig)) {
            write(err, e.toString() + QLatin1Char('\n'));
            missing = true;
        }
        const WorkspaceScope scope(chosen, kubeconfig);
        for (const WorkspaceScope::Watch &watch : scope.watches()) {
            selected.append(watch.cluster);
            selectedNamespaces.append(watch.namespaces);
        }
    } else if (parser.isSet(allContextsOpt)) {
        selected = kubeconfig.contexts;
    } else {
        QStringList names = parser.values(contextOpt);
        if (names.isEmpty() && !kubeconfig.currentContext.isEmpty())
            names << kubeconfig.currentContext;
        if (names.isEmpty() && kubeconfig.contexts.isEmpty() && !kubeconfig.problems.isEmpty())
            return Error; // the problems above say why nothing usable was read
        if (names.isEmpty()) {
            write(err, StatusText::tr(
                           "No context: the kubeconfig sets no current-context; use --context or --all-contexts.\n"));
            return Error;
        }
        for (const QString &name : std::as_const(names)) {
            if (const kube::ClusterConfig *c = kubeconfig.context(name)) {
                selected.append(*c);
            } else {
                write(err, StatusText::tr("Context \"%1\" is not in the kubeconfig (or is unusable).\n").arg(name));
                missing = true;
            }
        }
    }
    if (selected.isEmpty()) {
        write(err, StatusText::tr("No usable kubeconfig context.\n"));
        return Error;
    }

    // What the kubeconfig says about the chosen contexts (a user entry that is missing, TLS checks turned off):
    // without it a missing user shows only as a 401 later.
    QSet<QString> warned;
    for (const kube::ClusterConfig &config : std::as_const(selected)) {
        if (warned.contains(config.contextName))
            continue;
        warned.insert(config.contextName);
        for (const QString &warning : config.warnings)
            write(err, StatusText::tr("%1: warning: %2\n").arg(config.contextName, warning));
    }

    StatusSession session(out, err, parser.isSet(watchOpt), parser.isSet(jsonOpt));
    for (qsizetype i = 0; i < selected.size(); ++i) {
        const kube::ClusterConfig &config = selected.at(i);
        if (useWorkspace) {
            // Several namespaces of one context: one watch each.
            const QStringList namespaces = selectedNamespaces.at(i);
            for (const QString &ns : namespaces.isEmpty() ? QStringList{QString()} : namespaces)
                session.addContext(config, ns);
            continue;
        }
        const QString ns = parser.isSet(allNamespacesOpt)
                               ? QString()
                               : (parser.isSet(namespaceOpt) ? parser.value(namespaceOpt) : config.defaultNamespace);
        session.addContext(config, ns);
    }
    session.start(timeout);
    const int code = QCoreApplication::exec();
    return missing ? Error : code;
}

} // namespace rolldeck
