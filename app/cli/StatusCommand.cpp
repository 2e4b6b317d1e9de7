#include "StatusCommand.h"

#include "Command.h"
#include "StatusJson.h"
#include "models/argo/KubeNames.h"
#include "models/argo/ObjectStore.h"
#include "models/argo/Rollout.h"
#include "models/argo/RolloutInfo.h"
#include "models/itemmodels/RolloutFeed.h"
#include "models/itemmodels/RolloutListModel.h"
#include "kube/ClusterConnection.h"
#include "kube/ResourceCache.h"
#include "kube/KubeconfigCredentials.h"
#include "kube/Kubeconfig.h"
#include "workspace/Workspace.h"
#include "workspace/WorkspaceScope.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSet>
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

QString readyText(const RolloutRow &r)
{
    return QStringLiteral("%1/%2").arg(r.readyReplicas).arg(r.currentReplicas);
}

QString weightText(const std::optional<int> &weight)
{
    return weight ? QString::number(*weight) : QString();
}

QString dash(const QString &s)
{
    return s.isEmpty() ? QStringLiteral("-") : s;
}

// What `status` prints of a row changed: the status, message, step, weights, replicas or the attention reason. A
// new resourceVersion alone, or the cluster's staleness (printed as a HEALTH line of its own), is no change here.
bool sameDisplay(const RolloutRow &a, const RolloutRow &b)
{
    return a.status == b.status && a.message == b.message && a.step == b.step && a.setWeight == b.setWeight &&
           a.actualWeight == b.actualWeight && a.desiredReplicas == b.desiredReplicas &&
           a.currentReplicas == b.currentReplicas && a.updatedReplicas == b.updatedReplicas &&
           a.readyReplicas == b.readyReplicas && a.availableReplicas == b.availableReplicas &&
           a.attention() == b.attention();
}

// Whether a rollout's actual weight depends on its ReplicaSets (a canary without traffic routing, mid-way through
// its steps, reference §2.2). A settled fleet needs none, so `status` lists ReplicaSets only where this holds.
bool needsReplicaSets(const Rollout &r)
{
    return r.strategy == Rollout::Strategy::Canary && !r.hasTrafficRouting && !r.steps.isEmpty() &&
           (!r.currentStepIndex || *r.currentStepIndex < r.steps.size());
}

// One kubeconfig context (and namespace, "" = all): listed once by plain LISTs, or with --watch through the live
// caches (LIST, then WATCH).
struct ContextState
{
    QString name;
    QString ns; // "" = all namespaces
    std::shared_ptr<kube::KubeconfigCredentials> credentials;
    std::unique_ptr<kube::ClusterConnection> connection;
    QString error; // could not even start (credentials, TLS)
    // --watch
    kube::ResourceCache *rollouts = nullptr;
    QHash<QString, kube::ResourceCache *> replicaSets; // by namespace, "" = all; null when listed once
    // Listed once: the rollouts LIST's outcome as a health (live and synced, or stale with its cause).
    kube::CacheHealth listed;
    int pendingLists = 0;           // ReplicaSet LISTs not answered yet
    bool relisted = false;          // the rollouts LIST started over (its continue token expired)
    QSet<QString> relistedRollouts; // since then: namespace/name of each rollout listed
    bool replicaSetsPlanned = false;

    kube::CacheHealth health() const { return rollouts ? rollouts->health() : listed; }
    bool failed() const { return !error.isEmpty() || health().isStale(); }
    bool settled() const
    {
        if (!error.isEmpty())
            return true;
        const kube::CacheHealth h = health();
        if (h.isStale() && !h.synced)
            return true;
        if (!h.synced || !replicaSetsPlanned || pendingLists > 0)
            return false;
        for (const kube::ResourceCache *rs : replicaSets) {
            if (rs && !rs->isSynced() && !rs->health().isStale()) // null: listed once (pendingLists)
                return false;
        }
        return true;
    }
    QString problem() const
    {
        if (!error.isEmpty())
            return error;
        if (health().isStale())
            return health().describe();
        return {};
    }
};

// The rollouts of one ReplicaSet-needing namespace ("" = all), as a staleness source.
QString listSource(const kube::ResourceKind &kind, const QString &ns)
{
    return ns.isEmpty() ? kind.displayName() : QString(kind.displayName() + u'/' + ns);
}

// Lists the contexts' rollouts through the console's feed and rows (RolloutFeed -> RolloutListModel): the same
// rows and the same attention verdict as the console's table. What is its own: which caches it opens (ReplicaSets
// only where a row needs them), when the list is complete, and the output.
class StatusSession : public QObject
{
public:
    StatusSession(const CommandIo &io, bool watch, bool json) : m_io(io), m_watch(watch), m_json(json)
    {
        connect(&m_model, &QAbstractItemModel::rowsInserted, this,
                [this](const QModelIndex &, int first, int last) { onRowsInserted(first, last); });
        connect(&m_model, &QAbstractItemModel::dataChanged, this,
                [this](const QModelIndex &from, const QModelIndex &to) { onRowsChanged(from.row(), to.row()); });
        connect(&m_model, &QAbstractItemModel::rowsAboutToBeRemoved, this,
                [this](const QModelIndex &, int first, int last) { onRowsRemoved(first, last); });
    }

    // The feed drops its rows when it goes: that is no change to print.
    ~StatusSession() override { disconnect(&m_model, nullptr, this, nullptr); }

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
        // No window to keep responsive: deliver as fast as possible. Pages of 500 (as kubectl's chunks): each is
        // folded into the feed while the next is on its way, and only a page or two of JSON is held at a time.
        kube::ConnectionOptions options = kube::ConnectionOptions::headless();
        options.client.pageSize = 500;
        state->credentials = *credentials;
        state->connection = std::make_unique<kube::ClusterConnection>(config, *credentials, options);
        ContextState *ctx = state.get();
        m_contexts.push_back(std::move(state));
        if (m_watch) {
            ctx->rollouts = ctx->connection->cache(kube::ResourceKind::rollouts(), ns);
            attach(ctx, ctx->rollouts);
            return;
        }
        // Listed once, as kubectl does: no watch, no cache keeping a copy of every object. Each page goes into the
        // feed as it arrives, so the raw objects of only one page are held at a time.
        ctx->connection->list(
            kube::ResourceKind::rollouts(), ns, this,
            [this, ctx](const kube::ListResult &result) { onRolloutsListed(ctx, result); },
            [this, ctx](const kube::ListPage &page, bool restarted) { onRolloutsPage(ctx, page, restarted); });
    }

    void start(int timeoutSeconds)
    {
        m_deadline.setSingleShot(true);
        connect(&m_deadline, &QTimer::timeout, this, [this] { onDeadline(); });
        m_deadline.start(timeoutSeconds * 1000);
        if (m_watch) {
            // Rows are built against the model's clock, as in the console: keep it current.
            m_clock.start(1000);
            connect(&m_clock, &QTimer::timeout, this, [this] { m_model.refreshAge(); });
        }
        checkSettled();
    }

    int exitCode() const { return m_exitCode; }

private:
    void attach(ContextState *ctx, kube::ResourceCache *cache)
    {
        connect(cache, &kube::ResourceCache::changed, this,
                [this, ctx, cache](const kube::CacheDelta &d) { onChanged(ctx, cache, d); });
        connect(cache, &kube::ResourceCache::healthChanged, this,
                [this, ctx, cache](const kube::CacheHealth &h) { onHealth(ctx, cache, h); });
    }

    // ReplicaSets of one namespace (or of all, when the context shows all and many namespaces need them).
    void watchReplicaSets(ContextState *ctx, const QString &ns)
    {
        if (ctx->replicaSets.contains(ns) || ctx->replicaSets.contains(QString()))
            return;
        if (!m_watch) {
            ctx->replicaSets.insert(ns, nullptr);
            ++ctx->pendingLists;
            ctx->connection->list(
                kube::ResourceKind::replicaSets(), ns, this,
                [this, ctx, ns](const kube::ListResult &result) { onReplicaSetsListed(ctx, ns, result); });
            return;
        }
        kube::ResourceCache *cache = ctx->connection->cache(kube::ResourceKind::replicaSets(), ns);
        ctx->replicaSets.insert(ns, cache);
        attach(ctx, cache);
    }

    void onRolloutsPage(ContextState *ctx, const kube::ListPage &page, bool restarted)
    {
        if (restarted) {
            // The list started over: what it delivered so far stays only if the new pages list it again.
            ctx->relisted = true;
            ctx->relistedRollouts.clear();
        }
        if (ctx->relisted) {
            for (const QJsonObject &object : page.items)
                ctx->relistedRollouts.insert(kube::namespaceOf(object) + u'/' + kube::nameOf(object));
        }
        m_feed.apply(ctx->name, kube::ResourceKind::rollouts().kind, page.items, {});
        // Listed once: a row is final unless its rollout waits for its ReplicaSets, so the objects behind the other
        // rows can go now (a fleet's worth would be most of the memory).
        if (!m_watch)
            m_feed.releaseRollouts(ctx->name, [](const Rollout &r) { return !needsReplicaSets(r); });
    }

    // Removes the rows of `ctx`'s namespace (all, when it has none) whose rollout is not in `keep` (namespace/name).
    // By the rows: the store has let go of most of their objects.
    void dropRollouts(ContextState *ctx, const QSet<QString> &keep)
    {
        QList<QJsonObject> gone;
        for (int i = 0; i < m_model.rowCount(); ++i) {
            const RolloutRow &row = m_model.rowAt(i);
            if (row.cluster != ctx->name || (!ctx->ns.isEmpty() && row.namespaceName != ctx->ns) ||
                keep.contains(row.namespaceName + u'/' + row.name))
                continue;
            gone.append(
                QJsonObject{{QStringLiteral("metadata"), QJsonObject{{QStringLiteral("namespace"), row.namespaceName},
                                                                     {QStringLiteral("name"), row.name},
                                                                     {QStringLiteral("uid"), row.uid}}}});
        }
        m_feed.apply(ctx->name, kube::ResourceKind::rollouts().kind, {}, gone);
    }

    void onRolloutsListed(ContextState *ctx, const kube::ListResult &result)
    {
        const QString source = listSource(kube::ResourceKind::rollouts(), ctx->ns);
        ctx->listed.lastHeard = QDateTime::currentDateTimeUtc();
        if (result.ok() && ctx->relisted)
            dropRollouts(ctx, ctx->relistedRollouts); // listed before the restart, gone since
        else if (!result.ok())
            dropRollouts(ctx, {}); // a list that failed part-way shows nothing of what it read
        ctx->relistedRollouts.clear();
        if (result.ok()) {
            ctx->listed.state = kube::CacheHealth::State::Live;
            ctx->listed.synced = true;
            planReplicaSets(ctx);
        } else {
            ctx->listed.state = kube::CacheHealth::State::Stale;
            ctx->listed.since = ctx->listed.lastHeard;
            ctx->listed.cause = result.error->cause();
            ctx->listed.permissionDenied = result.error->isForbidden();
            m_feed.setSourceStale(ctx->name, source, ctx->listed.staleness());
        }
        checkSettled();
    }

    void onReplicaSetsListed(ContextState *ctx, const QString &ns, const kube::ListResult &result)
    {
        --ctx->pendingLists;
        if (result.ok()) {
            m_feed.apply(ctx->name, kube::ResourceKind::replicaSets().kind, result.items, {});
        } else {
            const Staleness stale = Staleness::stale({}, result.error->cause());
            m_feed.setSourceStale(ctx->name, listSource(kube::ResourceKind::replicaSets(), ns), stale);
            warnReplicaSets(ctx, QStringLiteral("stale since %1 (%2)")
                                     .arg(stale.since.toLocalTime().toString(QStringLiteral("HH:mm:ss")), stale.cause));
        }
        checkSettled();
    }

    void warnReplicaSets(ContextState *ctx, const QString &why)
    {
        if (m_warnedReplicaSets.contains(ctx->name))
            return;
        m_warnedReplicaSets.insert(ctx->name);
        m_io.err(
            StatusText::tr("%1: ReplicaSets unavailable (%2); actual weights may be incomplete\n").arg(ctx->name, why));
    }

    void planReplicaSets(ContextState *ctx)
    {
        if (ctx->replicaSetsPlanned)
            return;
        ctx->replicaSetsPlanned = true;
        QSet<QString> namespaces;
        if (const ObjectStore *store = m_feed.store(ctx->name)) {
            const QList<const Rollout *> all = store->rollouts();
            for (const Rollout *r : all) {
                if (needsReplicaSets(*r) && (ctx->ns.isEmpty() || r->meta.namespaceName == ctx->ns))
                    namespaces.insert(r->meta.namespaceName);
            }
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

    void onChanged(ContextState *ctx, const kube::ResourceCache *cache, const kube::CacheDelta &delta)
    {
        QList<QJsonObject> upserts = delta.added;
        upserts.append(delta.modified);
        m_feed.apply(ctx->name, cache->kind().kind, upserts, delta.deleted);
        if (m_printedInitial && cache == ctx->rollouts && ctx->connection) {
            // A rollout that starts a canary without traffic routing now needs its ReplicaSets.
            const ObjectStore *store = m_feed.store(ctx->name);
            for (const QJsonObject &object : std::as_const(upserts)) {
                const Rollout *r = store ? store->rollout(kube::namespaceOf(object), kube::nameOf(object)) : nullptr;
                if (r && needsReplicaSets(*r))
                    watchReplicaSets(ctx, ctx->ns.isEmpty() ? r->meta.namespaceName : ctx->ns);
            }
        }
        checkSettled();
    }

    void onHealth(ContextState *ctx, kube::ResourceCache *cache, const kube::CacheHealth &health)
    {
        if (health.isStale())
            m_feed.setSourceStale(ctx->name, cache->scopeName(), health.staleness());
        else if (health.isLive())
            m_feed.setSourceLive(ctx->name, cache->scopeName());
        if (cache != ctx->rollouts && health.isStale())
            warnReplicaSets(ctx, health.describe());
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
            ctx->error = plugin.isEmpty()
                             ? StatusText::tr("timed out waiting for the cluster (%1)").arg(ctx->health().describe())
                             : StatusText::tr("timed out waiting for the credentials: %1").arg(plugin);
        }
        printInitial();
    }

    // Rows needing attention first, then by context, namespace, name.
    QList<const RolloutRow *> sortedRows() const
    {
        struct Entry
        {
            bool attention;
            const RolloutRow *row;
        };
        std::vector<Entry> entries;
        entries.reserve(size_t(m_model.rowCount()));
        for (int i = 0; i < m_model.rowCount(); ++i) {
            const RolloutRow &row = m_model.rowAt(i);
            entries.push_back({m_model.attentionFor(row).needed(), &row});
        }
        std::sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) {
            if (a.attention != b.attention)
                return a.attention;
            if (a.row->cluster != b.row->cluster)
                return a.row->cluster < b.row->cluster;
            if (a.row->namespaceName != b.row->namespaceName)
                return a.row->namespaceName < b.row->namespaceName;
            return a.row->name < b.row->name;
        });
        QList<const RolloutRow *> rows;
        rows.reserve(qsizetype(entries.size()));
        for (const Entry &e : entries)
            rows.append(e.row);
        return rows;
    }

    void printInitial()
    {
        m_printedInitial = true;
        m_deadline.stop();
        for (const auto &ctx : m_contexts) {
            if (ctx->health().isStale())
                m_reportedStale.insert(ctx->name);
        }
        const QList<const RolloutRow *> rows = sortedRows();
        bool attention = false;
        bool error = false;
        for (const RolloutRow *r : rows) {
            attention = attention || m_model.attentionFor(*r).needed();
            if (m_watch)
                m_printed.insert(r->key(), *r);
        }
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

    void printJson(const QList<const RolloutRow *> &rows)
    {
        QJsonArray contexts;
        for (const auto &ctx : m_contexts) {
            QJsonObject c{{QStringLiteral("context"), ctx->name}, {QStringLiteral("namespace"), ctx->ns}};
            if (ctx->connection) {
                const kube::CacheHealth h = ctx->health();
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
        int attention = 0;
        for (const RolloutRow *r : rows)
            attention += m_model.attentionFor(*r).needed() ? 1 : 0;
        if (m_watch) {
            QJsonArray items;
            for (const RolloutRow *r : rows)
                items.append(statusRowJson(*r, m_model.attentionFor(*r)));
            const QJsonObject doc{{QStringLiteral("contexts"), contexts},
                                  {QStringLiteral("rollouts"), items},
                                  {QStringLiteral("needsAttention"), attention}};
            m_io.out(QString::fromUtf8(QJsonDocument(doc).toJson(QJsonDocument::Compact)) + QLatin1Char('\n'));
            return;
        }
        writeIndentedJson(contexts, attention, rows);
    }

    // The document QJsonDocument::Indented writes for {contexts, needsAttention, rollouts} (keys in that order),
    // written row by row: a QJsonArray of thousands of rows would take several times the memory of its text.
    void writeIndentedJson(const QJsonArray &contexts, int attention, const QList<const RolloutRow *> &rows)
    {
        QByteArray out = QJsonDocument(QJsonObject{{QStringLiteral("contexts"), contexts},
                                                   {QStringLiteral("needsAttention"), attention}})
                             .toJson(QJsonDocument::Indented);
        out.chop(3); // "\n}\n"
        out += ",\n    \"rollouts\": [";
        if (rows.isEmpty())
            out += "\n    ";
        for (qsizetype i = 0; i < rows.size(); ++i) {
            out += i == 0 ? "\n        " : ",\n        ";
            writeStatusRowIndented(out, *rows[i], m_model.attentionFor(*rows[i]), 8);
            if (out.size() > 1 << 16) {
                m_io.outUtf8(out);
                out.clear();
            }
        }
        out += rows.isEmpty() ? "]\n}\n" : "\n    ]\n}\n";
        m_io.outUtf8(out);
    }

    void printTable(const QList<const RolloutRow *> &rows)
    {
        for (const auto &ctx : m_contexts) {
            if (!ctx->problem().isEmpty())
                m_io.err(StatusText::tr("%1: %2\n").arg(ctx->name, ctx->problem()));
        }
        if (rows.isEmpty()) {
            // stdout alone must not tell a script "nothing there" when nothing could be read.
            qsizetype failed = 0;
            for (const auto &ctx : m_contexts)
                failed += ctx->failed() ? 1 : 0;
            if (failed == 0)
                m_io.out(StatusText::tr("No rollouts found.\n"));
            else if (failed == qsizetype(m_contexts.size()))
                m_io.out(StatusText::tr("Nothing could be read: no cluster answered.\n"));
            else
                m_io.out(StatusText::tr("No rollouts found in the clusters that answered; %n could not be read.\n",
                                        nullptr, int(failed)));
            return;
        }
        QList<QStringList> table;
        table.append({QString(), StatusText::tr("CONTEXT"), StatusText::tr("NAMESPACE"), StatusText::tr("NAME"),
                      StatusText::tr("STATUS"), StatusText::tr("STEP"), StatusText::tr("SET-WEIGHT"),
                      StatusText::tr("ACTUAL-WEIGHT"), StatusText::tr("READY"), StatusText::tr("MESSAGE")});
        for (const RolloutRow *r : rows) {
            const Attention attention = m_model.attentionFor(*r);
            QString message = r->message;
            const QString why = attention.text();
            if (!why.isEmpty() && !message.contains(why))
                message = message.isEmpty() ? why : message + QStringLiteral(" [") + why + QLatin1Char(']');
            table.append({attention.needed() ? QStringLiteral("!") : QString(), r->cluster, r->namespaceName, r->name,
                          r->status, dash(r->step), dash(weightText(r->setWeight)), dash(weightText(r->actualWeight)),
                          readyText(*r), message});
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
        m_io.out(text);
    }

    void onRowsInserted(int first, int last)
    {
        for (int i = first; m_printedInitial && i <= last; ++i) {
            const RolloutRow &row = m_model.rowAt(i);
            m_printed.insert(row.key(), row);
            printChange(QStringLiteral("ADDED"), row);
        }
    }

    void onRowsChanged(int first, int last)
    {
        for (int i = first; m_printedInitial && i <= last; ++i) {
            const RolloutRow &row = m_model.rowAt(i);
            auto shown = m_printed.find(row.key());
            if (shown != m_printed.end() && sameDisplay(*shown, row))
                continue;
            m_printed.insert(row.key(), row);
            printChange(QStringLiteral("MODIFIED"), row);
        }
    }

    void onRowsRemoved(int first, int last)
    {
        for (int i = first; m_printedInitial && i <= last; ++i) {
            const RolloutRow &row = m_model.rowAt(i);
            m_printed.remove(row.key());
            printChange(QStringLiteral("DELETED"), row);
        }
    }

    void printChange(const QString &type, const RolloutRow &row)
    {
        const QString time = QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss"));
        const Attention attention = m_model.attentionFor(row);
        if (m_json) {
            m_io.out(QString::fromUtf8(
                         QJsonDocument(QJsonObject{{QStringLiteral("type"), type},
                                                   {QStringLiteral("time"),
                                                    QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
                                                   {QStringLiteral("rollout"), statusRowJson(row, attention)}})
                             .toJson(QJsonDocument::Compact)) +
                     QLatin1Char('\n'));
            return;
        }
        if (type == QLatin1String("DELETED")) {
            m_io.out(StatusText::tr("%1 %2 %3/%4 deleted\n").arg(time, row.cluster, row.namespaceName, row.name));
            return;
        }
        QString line = QStringLiteral("%1 %2%3 %4/%5 %6")
                           .arg(time, attention.needed() ? QStringLiteral("! ") : QString(), row.cluster,
                                row.namespaceName, row.name, row.status);
        if (!row.message.isEmpty())
            line += QStringLiteral(" - ") + row.message;
        if (!row.step.isEmpty())
            line += QLatin1Char(' ') + StatusText::tr("step %1").arg(row.step);
        if (row.setWeight)
            line += QLatin1Char(' ') +
                    StatusText::tr("weight %1/%2").arg(weightText(row.setWeight), weightText(row.actualWeight));
        line += QLatin1Char(' ') + StatusText::tr("ready %1").arg(readyText(row));
        m_io.out(line + QLatin1Char('\n'));
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
            m_io.out(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)) + QLatin1Char('\n'));
            return;
        }
        if (health.isStale())
            m_io.out(StatusText::tr("%1 ! %2 %3\n").arg(time, ctx->name, health.describe()));
        else
            m_io.out(StatusText::tr("%1 %2 live again\n").arg(time, ctx->name));
    }

    CommandIo m_io;
    bool m_watch;
    bool m_json;
    RolloutListModel m_model;
    RolloutFeed m_feed{&m_model};
    std::vector<std::unique_ptr<ContextState>> m_contexts;
    QTimer m_deadline;
    QTimer m_clock;
    bool m_printedInitial = false;
    int m_exitCode = StatusCommand::Ok;
    QHash<RolloutKey, RolloutRow> m_printed; // what --watch last printed of each row
    QSet<QString> m_warnedReplicaSets;
    QSet<QString> m_reportedStale;
};

} // namespace

int StatusCommand::run(const QStringList &arguments, const CommandIo &io)
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
        io.err(parser.errorText() + QLatin1Char('\n'));
        return Error;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        io.out(parser.helpText());
        return Ok;
    }
    if (!parser.positionalArguments().isEmpty()) {
        io.err(StatusText::tr("Unexpected argument: %1\n").arg(parser.positionalArguments().first()));
        return Error;
    }
    if (parser.isSet(contextOpt) && parser.isSet(allContextsOpt)) {
        io.err(StatusText::tr("--context and --all-contexts exclude each other.\n"));
        return Error;
    }
    if (parser.isSet(namespaceOpt) && parser.isSet(allNamespacesOpt)) {
        io.err(StatusText::tr("-n and -A exclude each other.\n"));
        return Error;
    }
    // A namespace goes into the request's path: only what Kubernetes accepts as one (a DNS-1123 label).
    if (parser.isSet(namespaceOpt) && !isDns1123Label(parser.value(namespaceOpt))) {
        io.err(StatusText::tr("-n: \"%1\" is not a namespace name (lowercase letters, digits and '-', at most 63 "
                              "characters).\n")
                   .arg(printableText(parser.value(namespaceOpt))));
        return Error;
    }
    const bool useWorkspace = parser.isSet(workspaceOpt) || parser.isSet(envOpt);
    if (useWorkspace && (parser.isSet(contextOpt) || parser.isSet(allContextsOpt) || parser.isSet(namespaceOpt) ||
                         parser.isSet(allNamespacesOpt))) {
        io.err(
            StatusText::tr("--workspace/--env choose the contexts and namespaces; leave out --context, --all-contexts, "
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
        io.err(StatusText::tr("--timeout needs a positive number of seconds.\n"));
        return Error;
    }

    const kube::Kubeconfig kubeconfig = kube::loadKubeconfig(parser.value(kubeconfigOpt));
    for (const kube::KubeconfigProblem &p : kubeconfig.problems)
        io.err(StatusText::tr("kubeconfig: %1\n").arg(p.toString()));
    QList<kube::ClusterConfig> selected;
    QList<QStringList> selectedNamespaces; // with a workspace: per selected context, empty = all namespaces
    bool missing = false;
    if (useWorkspace) {
        // The same resolution as the console: the environments' contexts and namespaces (WorkspaceScope).
        const Result<Workspace> workspace = workspaceFor(parser.value(workspaceOpt), kubeconfig);
        if (!workspace) {
            io.err(workspace.error() + QLatin1Char('\n'));
            return Error;
        }
        const QStringList environments = parser.values(envOpt);
        for (const QString &name : environments) {
            if (!workspace->environment(name)) {
                io.err(StatusText::tr("Environment \"%1\" is not in the workspace.\n").arg(name));
                return Error;
            }
        }
        Workspace chosen = *workspace;
        if (!environments.isEmpty())
            chosen.environments.removeIf(
                [&environments](const Environment &e) { return !environments.contains(e.name); });
        for (const WorkspaceError &e : checkWorkspaceContexts(chosen, kubeconfig)) {
            io.err(e.toString() + QLatin1Char('\n'));
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
            io.err(StatusText::tr(
                "No context: the kubeconfig sets no current-context; use --context or --all-contexts.\n"));
            return Error;
        }
        for (const QString &name : std::as_const(names)) {
            if (const kube::ClusterConfig *c = kubeconfig.context(name)) {
                selected.append(*c);
            } else {
                io.err(StatusText::tr("Context \"%1\" is not in the kubeconfig (or is unusable).\n").arg(name));
                missing = true;
            }
        }
    }
    if (selected.isEmpty()) {
        io.err(StatusText::tr("No usable kubeconfig context.\n"));
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
            io.err(StatusText::tr("%1: warning: %2\n").arg(config.contextName, warning));
    }

    int code = 0;
    {
        StatusSession session(io, parser.isSet(watchOpt), parser.isSet(jsonOpt));
        for (qsizetype i = 0; i < selected.size(); ++i) {
            const kube::ClusterConfig &config = selected.at(i);
            if (useWorkspace) {
                // Several namespaces of one context: one watch each.
                const QStringList namespaces = selectedNamespaces.at(i);
                for (const QString &ns : namespaces.isEmpty() ? QStringList{QString()} : namespaces)
                    session.addContext(config, ns);
                continue;
            }
            const QString ns = parser.isSet(allNamespacesOpt) ? QString()
                                                              : (parser.isSet(namespaceOpt) ? parser.value(namespaceOpt)
                                                                                            : config.defaultNamespace);
            session.addContext(config, ns);
        }
        session.start(timeout);
        code = QCoreApplication::exec();
    }
    return missing ? Error : code;
}

} // namespace rolldeck
