#include "ObjectStore.h"

#include <QHash>
#include <QMultiHash>
#include <QSet>

#include <algorithm>

namespace rolldeck {

namespace {

QString keyString(const QString &ns, const QString &name)
{
    return ns + QLatin1Char('/') + name;
}

bool tracksOwnerKind(const QString &kind)
{
    const ObjectKind k = objectKindFromName(kind);
    return k == ObjectKind::Rollout || k == ObjectKind::ReplicaSet || k == ObjectKind::Experiment ||
           k == ObjectKind::AnalysisRun || k == ObjectKind::Deployment || k == ObjectKind::Job;
}

template <typename T>
struct Table
{
    struct Entry
    {
        quint64 seq = 0;
        T obj;
        Diagnostics problems;
    };
    QHash<QString, Entry> byKey;
    QMultiHash<QString, QString> byOwner; // owner uid -> key

    void unindex(const QString &key, const T &obj)
    {
        for (const OwnerReference &ref : obj.meta.ownerReferences)
            byOwner.remove(ref.uid, key);
    }
    void index(const QString &key, const T &obj)
    {
        const QList<OwnerReference> &refs = obj.meta.ownerReferences;
        for (qsizetype i = 0; i < refs.size(); ++i) {
            bool seen = false;
            for (qsizetype j = 0; j < i && !seen; ++j)
                seen = refs.at(j).uid == refs.at(i).uid;
            if (!seen)
                byOwner.insert(refs.at(i).uid, key);
        }
    }
    const T *find(const QString &key) const
    {
        const auto it = byKey.constFind(key);
        return it == byKey.constEnd() ? nullptr : &it->obj;
    }
    QList<const T *> all() const
    {
        QList<const Entry *> entries;
        entries.reserve(byKey.size());
        for (const Entry &e : byKey)
            entries.append(&e);
        return sorted(entries);
    }
    QList<const T *> ownedBy(const QString &uid) const
    {
        QList<const Entry *> entries;
        for (auto it = byOwner.constFind(uid); it != byOwner.constEnd() && it.key() == uid; ++it) {
            const auto e = byKey.constFind(it.value());
            if (e != byKey.constEnd())
                entries.append(&*e);
        }
        return sorted(entries);
    }
    static QList<const T *> sorted(QList<const Entry *> &entries)
    {
        std::sort(entries.begin(), entries.end(), [](const Entry *a, const Entry *b) { return a->seq < b->seq; });
        QList<const T *> out;
        out.reserve(entries.size());
        for (const Entry *e : entries)
            out.append(&e->obj);
        return out;
    }
};

} // namespace

ObjectKind objectKindFromName(const QString &kind)
{
    static const QHash<QString, ObjectKind> kinds = {
        {QStringLiteral("Rollout"), ObjectKind::Rollout},
        {QStringLiteral("ReplicaSet"), ObjectKind::ReplicaSet},
        {QStringLiteral("Pod"), ObjectKind::Pod},
        {QStringLiteral("Experiment"), ObjectKind::Experiment},
        {QStringLiteral("AnalysisRun"), ObjectKind::AnalysisRun},
        {QStringLiteral("AnalysisTemplate"), ObjectKind::AnalysisTemplate},
        {QStringLiteral("ClusterAnalysisTemplate"), ObjectKind::ClusterAnalysisTemplate},
        {QStringLiteral("Deployment"), ObjectKind::Deployment},
        {QStringLiteral("Job"), ObjectKind::Job},
    };
    return kinds.value(kind, ObjectKind::Unknown);
}

size_t qHash(const ObjectKey &key, size_t seed) noexcept
{
    return qHashMulti(seed, int(key.kind), key.namespaceName, key.name);
}

struct ObjectStore::Private
{
    quint64 nextSeq = 1;
    Table<Rollout> rollouts;
    Table<ReplicaSet> replicaSets;
    Table<Pod> pods;
    Table<Experiment> experiments;
    Table<AnalysisRun> analysisRuns;
    Table<AnalysisTemplate> analysisTemplates;
    Table<AnalysisTemplate> clusterAnalysisTemplates;
    Table<Deployment> deployments;
    Table<Job> jobs;
    QMultiHash<QString, ObjectKey> byUid; // every object's uid -> key

    template <typename T>
    ObjectKey put(Table<T> &table, ObjectKind kind, const QJsonObject &json, const SourceLocation &source,
                  Diagnostics *out)
    {
        Diagnostics problems;
        T obj = T::fromJson(json, source, &problems);
        const QString key = keyString(obj.meta.namespaceName, obj.meta.name);
        const ObjectKey okey{kind, obj.meta.namespaceName, obj.meta.name};
        auto it = table.byKey.find(key);
        if (it != table.byKey.end()) {
            table.unindex(key, it->obj);
            byUid.remove(it->obj.meta.uid, okey);
            it->obj = std::move(obj);
            it->problems = std::move(problems);
        } else {
            it = table.byKey.emplace(key, typename Table<T>::Entry{nextSeq++, std::move(obj), std::move(problems)});
        }
        table.index(key, it->obj);
        if (!it->obj.meta.uid.isEmpty())
            byUid.insert(it->obj.meta.uid, okey);
        if (out)
            out->append(it->problems);
        return okey;
    }

    template <typename T>
    bool erase(Table<T> &table, const ObjectKey &okey)
    {
        const QString key = keyString(okey.namespaceName, okey.name);
        const auto it = table.byKey.find(key);
        if (it == table.byKey.end())
            return false;
        table.unindex(key, it->obj);
        byUid.remove(it->obj.meta.uid, okey);
        table.byKey.erase(it);
        return true;
    }

    // The metadata of the object with this key, or nullptr.
    const ObjectMeta *meta(const ObjectKey &k) const
    {
        const QString key = keyString(k.namespaceName, k.name);
        switch (k.kind) {
        case ObjectKind::Rollout:
            return metaOf(rollouts, key);
        case ObjectKind::ReplicaSet:
            return metaOf(replicaSets, key);
        case ObjectKind::Pod:
            return metaOf(pods, key);
        case ObjectKind::Experiment:
            return metaOf(experiments, key);
        case ObjectKind::AnalysisRun:
            return metaOf(analysisRuns, key);
        case ObjectKind::AnalysisTemplate:
            return metaOf(analysisTemplates, key);
        case ObjectKind::ClusterAnalysisTemplate:
            return metaOf(clusterAnalysisTemplates, key);
        case ObjectKind::Deployment:
            return metaOf(deployments, key);
        case ObjectKind::Job:
            return metaOf(jobs, key);
        case ObjectKind::Unknown:
            break;
        }
        return nullptr;
    }
    template <typename T>
    static const ObjectMeta *metaOf(const Table<T> &t, const QString &key)
    {
        const T *o = t.find(key);
        return o ? &o->meta : nullptr;
    }

    template <typename F>
    void forEachMeta(F &&f) const
    {
        auto each = [&](const auto &table) {
            for (const auto &e : table.byKey)
                f(e.obj.meta, e.problems, e.seq);
        };
        each(rollouts);
        each(replicaSets);
        each(pods);
        each(experiments);
        each(analysisRuns);
        each(analysisTemplates);
        each(clusterAnalysisTemplates);
        each(deployments);
        each(jobs);
    }
};

ObjectStore::ObjectStore() : d(std::make_unique<Private>()) {}
ObjectStore::~ObjectStore() = default;
ObjectStore::ObjectStore(ObjectStore &&) noexcept = default;
ObjectStore &ObjectStore::operator=(ObjectStore &&) noexcept = default;

ObjectKey ObjectStore::upsert(const QJsonObject &json, const SourceLocation &source, Diagnostics *problems)
{
    const ObjectKind kind = objectKindFromName(json.value(QLatin1StringView("kind")).toString());
    switch (kind) {
    case ObjectKind::Rollout:
        return d->put(d->rollouts, kind, json, source, problems);
    case ObjectKind::ReplicaSet:
        return d->put(d->replicaSets, kind, json, source, problems);
    case ObjectKind::Pod:
        return d->put(d->pods, kind, json, source, problems);
    case ObjectKind::Experiment:
        return d->put(d->experiments, kind, json, source, problems);
    case ObjectKind::AnalysisRun:
        return d->put(d->analysisRuns, kind, json, source, problems);
    case ObjectKind::AnalysisTemplate:
        return d->put(d->analysisTemplates, kind, json, source, problems);
    case ObjectKind::ClusterAnalysisTemplate:
        return d->put(d->clusterAnalysisTemplates, kind, json, source, problems);
    case ObjectKind::Deployment:
        return d->put(d->deployments, kind, json, source, problems);
    case ObjectKind::Job:
        return d->put(d->jobs, kind, json, source, problems);
    case ObjectKind::Unknown:
        break;
    }
    return {};
}

bool ObjectStore::remove(const ObjectKey &key)
{
    switch (key.kind) {
    case ObjectKind::Rollout:
        return d->erase(d->rollouts, key);
    case ObjectKind::ReplicaSet:
        return d->erase(d->replicaSets, key);
    case ObjectKind::Pod:
        return d->erase(d->pods, key);
    case ObjectKind::Experiment:
        return d->erase(d->experiments, key);
    case ObjectKind::AnalysisRun:
        return d->erase(d->analysisRuns, key);
    case ObjectKind::AnalysisTemplate:
        return d->erase(d->analysisTemplates, key);
    case ObjectKind::ClusterAnalysisTemplate:
        return d->erase(d->clusterAnalysisTemplates, key);
    case ObjectKind::Deployment:
        return d->erase(d->deployments, key);
    case ObjectKind::Job:
        return d->erase(d->jobs, key);
    case ObjectKind::Unknown:
        break;
    }
    return false;
}

void ObjectStore::clear()
{
    d = std::make_unique<Private>();
}

int ObjectStore::size() const
{
    int n = 0;
    d->forEachMeta([&n](const ObjectMeta &, const Diagnostics &, quint64) { ++n; });
    return n;
}

const Rollout *ObjectStore::rollout(const QString &ns, const QString &name) const
{
    return d->rollouts.find(keyString(ns, name));
}
const Experiment *ObjectStore::experiment(const QString &ns, const QString &name) const
{
    return d->experiments.find(keyString(ns, name));
}
const Deployment *ObjectStore::deployment(const QString &ns, const QString &name) const
{
    return d->deployments.find(keyString(ns, name));
}
const ReplicaSet *ObjectStore::replicaSet(const QString &ns, const QString &name) const
{
    return d->replicaSets.find(keyString(ns, name));
}
const AnalysisTemplate *ObjectStore::analysisTemplate(const QString &ns, const QString &name) const
{
    return d->analysisTemplates.find(keyString(ns, name));
}
const AnalysisTemplate *ObjectStore::clusterAnalysisTemplate(const QString &name) const
{
    return d->clusterAnalysisTemplates.find(keyString(QString(), name));
}

QList<const Rollout *> ObjectStore::rollouts() const
{
    return d->rollouts.all();
}
QList<const Experiment *> ObjectStore::experiments() const
{
    return d->experiments.all();
}
QList<const AnalysisRun *> ObjectStore::analysisRuns() const
{
    return d->analysisRuns.all();
}

QList<const ReplicaSet *> ObjectStore::replicaSetsOwnedBy(const QString &uid) const
{
    return uid.isEmpty() ? QList<const ReplicaSet *>() : d->replicaSets.ownedBy(uid);
}
QList<const Pod *> ObjectStore::podsOwnedBy(const QString &uid) const
{
    return uid.isEmpty() ? QList<const Pod *>() : d->pods.ownedBy(uid);
}
QList<const Experiment *> ObjectStore::experimentsOwnedBy(const QString &uid) const
{
    return uid.isEmpty() ? QList<const Experiment *>() : d->experiments.ownedBy(uid);
}
QList<const AnalysisRun *> ObjectStore::analysisRunsOwnedBy(const QString &uid) const
{
    return uid.isEmpty() ? QList<const AnalysisRun *>() : d->analysisRuns.ownedBy(uid);
}

QList<ObjectKey> ObjectStore::rolloutsOwningUids(const QStringList &ownerUids) const
{
    QList<ObjectKey> out;
    QSet<QString> visited;
    QStringList queue = ownerUids;
    while (!queue.isEmpty()) {
        const QString uid = queue.takeLast();
        if (uid.isEmpty() || visited.contains(uid))
            continue;
        visited.insert(uid);
        for (auto it = d->byUid.constFind(uid); it != d->byUid.constEnd() && it.key() == uid; ++it) {
            if (it->kind == ObjectKind::Rollout) {
                if (!out.contains(*it))
                    out.append(*it);
                continue;
            }
            if (const ObjectMeta *m = d->meta(*it)) {
                for (const OwnerReference &ref : m->ownerReferences)
                    queue.append(ref.uid);
            }
        }
    }
    return out;
}

QList<ObjectKey> ObjectStore::rolloutsAffectedBy(const ObjectKey &key) const
{
    if (key.kind == ObjectKind::Rollout)
        return d->rollouts.find(keyString(key.namespaceName, key.name)) ? QList<ObjectKey>{key} : QList<ObjectKey>{};
    const ObjectMeta *m = d->meta(key);
    if (!m)
        return {};
    QStringList owners;
    for (const OwnerReference &ref : m->ownerReferences)
        owners.append(ref.uid);
    return rolloutsOwningUids(owners);
}

Diagnostics ObjectStore::problemsOf(const ObjectKey &key) const
{
    const QString k = keyString(key.namespaceName, key.name);
    auto of = [&k](const auto &table) {
        const auto it = table.byKey.constFind(k);
        return it == table.byKey.constEnd() ? Diagnostics() : it->problems;
    };
    switch (key.kind) {
    case ObjectKind::Rollout:
        return of(d->rollouts);
    case ObjectKind::ReplicaSet:
        return of(d->replicaSets);
    case ObjectKind::Pod:
        return of(d->pods);
    case ObjectKind::Experiment:
        return of(d->experiments);
    case ObjectKind::AnalysisRun:
        return of(d->analysisRuns);
    case ObjectKind::AnalysisTemplate:
        return of(d->analysisTemplates);
    case ObjectKind::ClusterAnalysisTemplate:
        return of(d->clusterAnalysisTemplates);
    case ObjectKind::Deployment:
        return of(d->deployments);
    case ObjectKind::Job:
        return of(d->jobs);
    case ObjectKind::Unknown:
        break;
    }
    return {};
}

Diagnostics ObjectStore::diagnostics() const
{
    struct Item
    {
        quint64 seq;
        int order;
        Diagnostic diag;
    };
    QList<Item> items;
    // uid -> owner uids, for the cycle search
    QHash<QString, QStringList> owners;
    QHash<QString, std::pair<quint64, const ObjectMeta *>> metaByUid;
    d->forEachMeta([&](const ObjectMeta &m, const Diagnostics &problems, quint64 seq) {
        int order = 0;
        for (const Diagnostic &p : problems)
            items.append({seq, order++, p});
        for (const OwnerReference &ref : m.ownerReferences) {
            if (!tracksOwnerKind(ref.kind))
                continue;
            if (!d->byUid.contains(ref.uid)) {
                Diagnostic diag;
                diag.source = m.source;
                diag.object = m.displayName();
                diag.message = QStringLiteral("owner %1 %2 (uid %3) is not among the objects")
                                   .arg(ref.kind, ref.name, ref.uid.isEmpty() ? QStringLiteral("missing") : ref.uid);
                items.append({seq, order++, diag});
            }
        }
        if (!m.uid.isEmpty()) {
            QStringList &list = owners[m.uid];
            for (const OwnerReference &ref : m.ownerReferences)
                list.append(ref.uid);
            const auto known = metaByUid.constFind(m.uid);
            if (known == metaByUid.constEnd() || seq < known->first)
                metaByUid.insert(m.uid, {seq, &m});
        }
    });

    // Cycle search: iterative DFS with colours over uid -> owner uids.
    enum Colour { White, Grey, Black };
    QHash<QString, Colour> colour;
    QSet<QString> reported;
    QStringList uids = owners.keys();
    std::sort(uids.begin(), uids.end());
    for (const QString &start : uids) {
        if (colour.value(start, White) != White)
            continue;
        struct Frame
        {
            QString uid;
            int next;
        };
        QList<Frame> stack{{start, 0}};
        colour[start] = Grey;
        while (!stack.isEmpty()) {
            Frame &f = stack.last();
            const QStringList &outs = owners.value(f.uid);
            if (f.next >= outs.size()) {
                colour[f.uid] = Black;
                stack.removeLast();
                continue;
            }
            const QString next = outs.at(f.next++);
            if (!owners.contains(next))
                continue;
            const Colour c = colour.value(next, White);
            if (c == White) {
                colour[next] = Grey;
                stack.append({next, 0});
            } else if (c == Grey && !reported.contains(next)) {
                // The cycle is the stack from `next` to the top.
                QStringList names;
                qsizetype from = 0;
                while (from < stack.size() && stack.at(from).uid != next)
                    ++from;
                for (qsizetype i = from; i < stack.size(); ++i) {
                    reported.insert(stack.at(i).uid);
                    names.append(metaByUid.value(stack.at(i).uid).second->displayName());
                }
                const auto [seq, m] = metaByUid.value(next);
                names.append(m->displayName());
                Diagnostic diag;
                diag.source = m->source;
                diag.object = m->displayName();
                diag.message = QStringLiteral("ownership cycle: ") + names.join(QStringLiteral(" -> "));
                items.append({seq, 1000000, diag});
            }
        }
    }
    std::stable_sort(items.begin(), items.end(),
                     [](const Item &a, const Item &b) { return a.seq != b.seq ? a.seq < b.seq : a.order < b.order; });
    Diagnostics out;
    out.reserve(items.size());
    for (const Item &i : items)
        out.append(i.diag);
    return out;
}

} // namespace rolldeck
