#include "FakeKubeApi.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

#include <zlib.h>

namespace rolldeck::testsupport {

namespace {

QString keyOf(const QString &api, const QString &resource)
{
    return api + QLatin1Char('|') + resource;
}

QJsonObject metadataOf(const QJsonObject &object)
{
    return object.value(QLatin1String("metadata")).toObject();
}

QString nsNameOf(const QJsonObject &object)
{
    const QJsonObject m = metadataOf(object);
    return m.value(QLatin1String("namespace")).toString() + QLatin1Char('/') +
           m.value(QLatin1String("name")).toString();
}

QJsonValue mergePatch(const QJsonValue &target, const QJsonValue &patch)
{
    if (!patch.isObject())
        return patch;
    QJsonObject result = target.isObject() ? target.toObject() : QJsonObject();
    const QJsonObject p = patch.toObject();
    for (auto it = p.begin(); it != p.end(); ++it) {
        if (it.value().isNull())
            result.remove(it.key());
        else
            result.insert(it.key(), mergePatch(result.value(it.key()), it.value()));
    }
    return result;
}

bool labelsMatch(const QJsonObject &object, const QString &selector)
{
    if (selector.isEmpty())
        return true;
    const QJsonObject labels = metadataOf(object).value(QLatin1String("labels")).toObject();
    const QStringList terms = selector.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &term : terms) {
        const qsizetype eq = term.indexOf(QLatin1Char('='));
        if (eq < 0) {
            // Existence ("key") and non-existence ("!key") terms, as the API server accepts them.
            const QString key = term.trimmed();
            const bool negated = key.startsWith(QLatin1Char('!'));
            if (labels.contains(negated ? key.mid(1) : key) == negated)
                return false;
            continue;
        }
        if (labels.value(term.left(eq).trimmed()).toString() != term.mid(eq + 1).trimmed())
            return false;
    }
    return true;
}

struct ParsedPath
{
    QString api;
    QString ns;
    QString resource;
    QString name;
    QString subresource;
    bool valid = false;
};

ParsedPath parsePath(const QString &path)
{
    ParsedPath p;
    const QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    qsizetype i = 0;
    if (parts.value(0) == QLatin1String("api") && parts.size() >= 2) {
        p.api = QStringLiteral("/api/") + parts[1];
        i = 2;
    } else if (parts.value(0) == QLatin1String("apis") && parts.size() >= 3) {
        p.api = QStringLiteral("/apis/") + parts[1] + QLatin1Char('/') + parts[2];
        i = 3;
    } else {
        return p;
    }
    if (parts.value(i) == QLatin1String("namespaces") && parts.size() >= i + 3) {
        p.ns = parts[i + 1];
        i += 2;
    }
    p.resource = parts.value(i);
    p.name = parts.value(i + 1);
    p.subresource = parts.value(i + 2);
    p.valid = !p.resource.isEmpty();
    return p;
}

QByteArray gzip(const QByteArray &data)
{
    z_stream stream{};
    if (deflateInit2(&stream, Z_BEST_SPEED, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    QByteArray out(qsizetype(deflateBound(&stream, uLong(data.size()))), Qt::Uninitialized);
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    stream.avail_in = uInt(data.size());
    stream.next_out = reinterpret_cast<Bytef *>(out.data());
    stream.avail_out = uInt(out.size());
    deflate(&stream, Z_FINISH);
    out.resize(qsizetype(stream.total_out));
    deflateEnd(&stream);
    return out;
}

} // namespace

QJsonObject makeRollout(const QString &ns, const QString &name, const QString &phase, int replicas)
{
    const QJsonArray steps{
        QJsonObject{{QStringLiteral("setWeight"), 20}}, QJsonObject{{QStringLiteral("pause"), QJsonObject()}},
        QJsonObject{{QStringLiteral("setWeight"), 50}},
        QJsonObject{{QStringLiteral("pause"), QJsonObject{{QStringLiteral("duration"), QStringLiteral("1h")}}}}};
    return QJsonObject{
        {QStringLiteral("apiVersion"), QStringLiteral("argoproj.io/v1alpha1")},
        {QStringLiteral("kind"), QStringLiteral("Rollout")},
        {QStringLiteral("metadata"),
         QJsonObject{{QStringLiteral("name"), name},
                     {QStringLiteral("namespace"), ns},
                     {QStringLiteral("generation"), 1},
                     {QStringLiteral("labels"), QJsonObject{{QStringLiteral("app"), name}}}}},
        {QStringLiteral("spec"),
         QJsonObject{{QStringLiteral("replicas"), replicas},
                     {QStringLiteral("strategy"),
                      QJsonObject{{QStringLiteral("canary"), QJsonObject{{QStringLiteral("steps"), steps}}}}}}},
        {QStringLiteral("status"), QJsonObject{{QStringLiteral("phase"), phase},
                                               {QStringLiteral("message"), QString()},
                                               {QStringLiteral("observedGeneration"), QStringLiteral("1")},
                                               {QStringLiteral("currentStepIndex"), 4},
                                               {QStringLiteral("replicas"), replicas},
                                               {QStringLiteral("updatedReplicas"), replicas},
                                               {QStringLiteral("readyReplicas"), replicas},
                                               {QStringLiteral("availableReplicas"), replicas},
                                               {QStringLiteral("currentPodHash"), QStringLiteral("6b7f9c4d5")},
                                               {QStringLiteral("stableRS"), QStringLiteral("6b7f9c4d5")}}}};
}

FakeKubeApi::FakeKubeApi(FakeHttpServer *server, QObject *parent) : QObject(parent), m_server(server)
{
    m_server->setHandler([this](const HttpRequest &request, HttpExchange *exchange) { handle(request, exchange); });
}

QJsonObject FakeKubeApi::stamp(QJsonObject object)
{
    QJsonObject metadata = metadataOf(object);
    if (metadata.value(QLatin1String("uid")).toString().isEmpty())
        metadata.insert(QStringLiteral("uid"),
                        QStringLiteral("00000000-0000-4000-8000-%1").arg(++m_uidCounter, 12, 10, QLatin1Char('0')));
    if (!metadata.contains(QLatin1String("creationTimestamp")))
        metadata.insert(QStringLiteral("creationTimestamp"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    metadata.insert(QStringLiteral("resourceVersion"), QString::number(++m_rv));
    object.insert(QStringLiteral("metadata"), metadata);
    return object;
}

QJsonObject FakeKubeApi::add(const QString &api, const QString &resource, QJsonObject object)
{
    object = stamp(object);
    m_collections[keyOf(api, resource)].objects.insert(nsNameOf(object), object);
    announce(keyOf(api, resource), "ADDED", object);
    return object;
}

QJsonObject FakeKubeApi::modify(const QString &api, const QString &resource, QJsonObject object)
{
    Collection &c = m_collections[keyOf(api, resource)];
    const QString id = nsNameOf(object);
    QJsonObject metadata = metadataOf(object);
    if (metadata.value(QLatin1String("uid")).toString().isEmpty()) {
        metadata.insert(QStringLiteral("uid"), metadataOf(c.objects.value(id)).value(QLatin1String("uid")));
        object.insert(QStringLiteral("metadata"), metadata);
    }
    object = stamp(object);
    c.objects.insert(id, object);
    announce(keyOf(api, resource), "MODIFIED", object);
    return object;
}

void FakeKubeApi::modifySilently(const QString &api, const QString &resource, QJsonObject object)
{
    Collection &c = m_collections[keyOf(api, resource)];
    const QString id = nsNameOf(object);
    QJsonObject metadata = metadataOf(object);
    if (metadata.value(QLatin1String("uid")).toString().isEmpty()) {
        metadata.insert(QStringLiteral("uid"), metadataOf(c.objects.value(id)).value(QLatin1String("uid")));
        object.insert(QStringLiteral("metadata"), metadata);
    }
    object = stamp(object);
    c.objects.insert(id, object);
}

bool FakeKubeApi::remove(const QString &api, const QString &resource, const QString &ns, const QString &name)
{
    Collection &c = m_collections[keyOf(api, resource)];
    QJsonObject object = c.objects.take(ns + QLatin1Char('/') + name);
    if (object.isEmpty())
        return false;
    QJsonObject metadata = metadataOf(object);
    metadata.insert(QStringLiteral("resourceVersion"), QString::number(++m_rv));
    object.insert(QStringLiteral("metadata"), metadata);
    announce(keyOf(api, resource), "DELETED", object);
    return true;
}

void FakeKubeApi::removeSilently(const QString &api, const QString &resource, const QString &ns, const QString &name)
{
    m_collections[keyOf(api, resource)].objects.remove(ns + QLatin1Char('/') + name);
    ++m_rv;
}

QJsonObject FakeKubeApi::object(const QString &api, const QString &resource, const QString &ns,
                                const QString &name) const
{
    return m_collections.value(keyOf(api, resource)).objects.value(ns + QLatin1Char('/') + name);
}

int FakeKubeApi::size(const QString &api, const QString &resource) const
{
    return int(m_collections.value(keyOf(api, resource)).objects.size());
}

bool FakeKubeApi::matches(const Watch &watch, const QString &key, const QJsonObject &object)
{
    if (watch.key != key)
        return false;
    if (!watch.ns.isEmpty() && metadataOf(object).value(QLatin1String("namespace")).toString() != watch.ns)
        return false;
    return labelsMatch(object, watch.labelSelector);
}

void FakeKubeApi::announce(const QString &key, const QByteArray &type, const QJsonObject &object)
{
    m_history.append({m_rv, key, type, object});
    for (qsizetype i = m_watches.size() - 1; i >= 0; --i) {
        Watch &w = m_watches[i];
        if (!w.exchange || !w.exchange->isOpen() || w.exchange->isFinished()) {
            m_watches.removeAt(i);
            continue;
        }
        if (matches(w, key, object))
            sendEvent(w, type, object);
    }
}

void FakeKubeApi::sendEvent(Watch &watch, const QByteArray &type, const QJsonObject &object)
{
    const QByteArray line = QJsonDocument(QJsonObject{{QStringLiteral("type"), QString::fromLatin1(type)},
                                                      {QStringLiteral("object"), object}})
                                .toJson(QJsonDocument::Compact) +
                            '\n';
    if (m_splitEvents && line.size() > 4) {
        watch.exchange->sendChunk(line.left(line.size() / 2));
        watch.exchange->sendChunk(line.mid(line.size() / 2));
    } else {
        watch.exchange->sendChunk(line);
    }
}

void FakeKubeApi::bookmark()
{
    for (Watch &w : m_watches) {
        if (!w.exchange || !w.exchange->isOpen() || w.exchange->isFinished())
            continue;
        sendEvent(w, "BOOKMARK",
                  QJsonObject{{QStringLiteral("metadata"),
                               QJsonObject{{QStringLiteral("resourceVersion"), QString::number(m_rv)}}}});
    }
}

void FakeKubeApi::compact()
{
    m_history.clear();
    m_compactedAt = m_rv;
}

void FakeKubeApi::dropWatches()
{
    const auto watches = std::exchange(m_watches, {});
    for (const Watch &w : watches) {
        if (w.exchange)
            w.exchange->drop();
    }
}

void FakeKubeApi::endWatches()
{
    const auto watches = std::exchange(m_watches, {});
    for (const Watch &w : watches) {
        if (w.exchange)
            w.exchange->endChunked();
    }
}

int FakeKubeApi::openWatches() const
{
    int n = 0;
    for (const Watch &w : m_watches)
        n += (w.exchange && w.exchange->isOpen() && !w.exchange->isFinished()) ? 1 : 0;
    return n;
}

void FakeKubeApi::injectFault(Fault fault, Target target, int times)
{
    m_faults.append({fault, target, times});
}

bool FakeKubeApi::applyFault(const HttpRequest &request, Target target, HttpExchange *exchange)
{
    for (qsizetype i = 0; i < m_faults.size(); ++i) {
        FaultRule &rule = m_faults[i];
        if (rule.target != Target::Any && rule.target != target)
            continue;
        const Fault fault = rule.fault;
        if (--rule.remaining <= 0)
            m_faults.removeAt(i);
        switch (fault) {
        case Fault::Unauthorized:
            exchange->respondStatus(401, QStringLiteral("Unauthorized"), QStringLiteral("Unauthorized"));
            return true;
        case Fault::Forbidden:
            exchange->respondStatus(
                403, QStringLiteral("Forbidden"),
                QStringLiteral("%1 is forbidden: User \"test\" cannot list resource").arg(request.path));
            return true;
        case Fault::Gone:
            exchange->respondStatus(410, QStringLiteral("Expired"), QStringLiteral("too old resource version"));
            return true;
        case Fault::ServerError:
            exchange->respondStatus(500, QStringLiteral("InternalError"), QStringLiteral("etcdserver: leader changed"));
            return true;
        case Fault::Hang:
            exchange->hang();
            return true;
        case Fault::GarbageLine:
            exchange->beginChunked();
            exchange->sendChunk("<html>this is not a watch event</html>\n");
            return true;
        case Fault::TruncatedChunk:
            exchange->beginChunked();
            exchange->sendRaw("60\r\n{\"type\":\"MODIFIED\",\"object\":{\"metadata\":{\"uid\":\"x");
            QTimer::singleShot(50, exchange, [exchange] { exchange->drop(); });
            return true;
        case Fault::DropAfterOpen:
            exchange->beginChunked();
            QTimer::singleShot(20, exchange, [exchange] { exchange->drop(); });
            return true;
        case Fault::ExpiredEvent: {
            exchange->beginChunked();
            const QJsonObject status{{QStringLiteral("kind"), QStringLiteral("Status")},
                                     {QStringLiteral("apiVersion"), QStringLiteral("v1")},
                                     {QStringLiteral("status"), QStringLiteral("Failure")},
                                     {QStringLiteral("reason"), QStringLiteral("Expired")},
                                     {QStringLiteral("message"), QStringLiteral("too old resource version")},
                                     {QStringLiteral("code"), 410}};
            exchange->sendChunk(QJsonDocument(QJsonObject{{QStringLiteral("type"), QStringLiteral("ERROR")},
                                                          {QStringLiteral("object"), status}})
                                    .toJson(QJsonDocument::Compact) +
                                '\n');
            exchange->endChunked();
            return true;
        }
        }
    }
    return false;
}

void FakeKubeApi::handle(const HttpRequest &request, HttpExchange *exchange)
{
    if (!m_requiredAuthorization.isEmpty() && request.header("authorization") != m_requiredAuthorization) {
        exchange->respondStatus(401, QStringLiteral("Unauthorized"), QStringLiteral("Unauthorized"));
        return;
    }
    const ParsedPath p = parsePath(request.path);
    Target target = Target::Get;
    if (request.method == "GET")
        target = request.isWatch() ? Target::Watch : (p.name.isEmpty() ? Target::List : Target::Get);
    else if (request.method == "PATCH")
        target = Target::Patch;
    else if (request.method == "POST")
        target = Target::Post;
    if (applyFault(request, target, exchange))
        return;
    if (!p.valid) {
        exchange->respondStatus(404, QStringLiteral("NotFound"), QStringLiteral("the server could not find it"));
        return;
    }
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    if (request.method == "POST" && p.resource == QLatin1String("selfsubjectaccessreviews")) {
        const QJsonObject attributes =
            body.value(QLatin1String("spec")).toObject().value(QLatin1String("resourceAttributes")).toObject();
        QJsonObject review = body;
        const bool allowed = m_accessRule ? m_accessRule(attributes) : true;
        QJsonObject status{{QStringLiteral("allowed"), allowed}};
        if (!allowed)
            status.insert(QStringLiteral("reason"), QStringLiteral("no RBAC policy matched"));
        review.insert(QStringLiteral("status"), status);
        exchange->respond(201, QJsonDocument(review).toJson(QJsonDocument::Compact));
        return;
    }
    if (request.method == "POST" && p.resource == QLatin1String("selfsubjectreviews")) {
        if (m_selfUser.isEmpty()) {
            exchange->respondStatus(404, QStringLiteral("NotFound"), QStringLiteral("the server could not find it"));
            return;
        }
        QJsonObject review = body;
        review.insert(
            QStringLiteral("status"),
            QJsonObject{{QStringLiteral("userInfo"),
                         QJsonObject{{QStringLiteral("username"), m_selfUser},
                                     {QStringLiteral("groups"), QJsonArray{QStringLiteral("system:authenticated")}}}}});
        exchange->respond(201, QJsonDocument(review).toJson(QJsonDocument::Compact));
        return;
    }
    const QString key = keyOf(p.api, p.resource);
    if (target == Target::Watch) {
        serveWatch(request, key, p.ns, exchange);
        return;
    }
    if (target == Target::List) {
        serveList(request, key, p.ns, exchange);
        return;
    }
    Collection &c = m_collections[key];
    const QString id = p.ns + QLatin1Char('/') + p.name;
    if (!c.objects.contains(id)) {
        exchange->respondStatus(404, QStringLiteral("NotFound"),
                                QStringLiteral("%1 \"%2\" not found").arg(p.resource, p.name));
        return;
    }
    if (target == Target::Patch) {
        const QString precondition = metadataOf(body).value(QLatin1String("resourceVersion")).toString();
        QJsonObject current = c.objects.value(id);
        if (!precondition.isEmpty() &&
            precondition != metadataOf(current).value(QLatin1String("resourceVersion")).toString()) {
            exchange->respondStatus(409, QStringLiteral("Conflict"),
                                    QStringLiteral("the object has been modified; please apply your changes to the "
                                                   "latest version and try again"));
            return;
        }
        QJsonObject patch = body;
        QJsonObject patchMeta = metadataOf(patch);
        patchMeta.remove(QStringLiteral("resourceVersion"));
        if (patchMeta.isEmpty())
            patch.remove(QStringLiteral("metadata"));
        else
            patch.insert(QStringLiteral("metadata"), patchMeta);
        current = mergePatch(current, patch).toObject();
        exchange->respond(200, QJsonDocument(modify(p.api, p.resource, current)).toJson(QJsonDocument::Compact));
        return;
    }
    exchange->respond(200, QJsonDocument(c.objects.value(id)).toJson(QJsonDocument::Compact));
}

void FakeKubeApi::serveList(const HttpRequest &request, const QString &key, const QString &ns, HttpExchange *exchange)
{
    const int limit = request.query.queryItemValue(QStringLiteral("limit")).toInt();
    const QString token = request.query.queryItemValue(QStringLiteral("continue"));
    const QString selector = request.query.queryItemValue(QStringLiteral("labelSelector"));
    QList<QJsonObject> items;
    QString rv = QString::number(m_rv);
    if (!token.isEmpty()) {
        if (!m_continues.contains(token)) {
            exchange->respondStatus(410, QStringLiteral("Expired"), QStringLiteral("the continue token expired"));
            return;
        }
        items = m_continues.take(token);
        rv = items.isEmpty() ? rv : items.takeFirst().value(QLatin1String("rv")).toString();
    } else {
        const Collection c = m_collections.value(key);
        for (const QJsonObject &o : c.objects) {
            if ((ns.isEmpty() || metadataOf(o).value(QLatin1String("namespace")).toString() == ns) &&
                labelsMatch(o, selector))
                items.append(o);
        }
    }
    QJsonArray page;
    const qsizetype n = limit > 0 ? std::min<qsizetype>(limit, items.size()) : items.size();
    QString listKind = QStringLiteral("List");
    for (qsizetype i = 0; i < n; ++i) {
        // A real server leaves kind and apiVersion off list items and names the list "<Kind>List".
        QJsonObject item = items[i];
        if (i == 0 && item.contains(QLatin1String("kind")))
            listKind = item.value(QLatin1String("kind")).toString() + QStringLiteral("List");
        item.remove(QStringLiteral("kind"));
        item.remove(QStringLiteral("apiVersion"));
        page.append(item);
    }
    QJsonObject metadata{{QStringLiteral("resourceVersion"), rv}};
    if (n < items.size()) {
        const QString next = QStringLiteral("c%1").arg(++m_continueCounter);
        QList<QJsonObject> rest = items.mid(n);
        rest.prepend(QJsonObject{{QStringLiteral("rv"), rv}}); // the snapshot's version travels with the token
        m_continues.insert(next, rest);
        metadata.insert(QStringLiteral("continue"), next);
    }
    const QJsonObject list{{QStringLiteral("kind"), listKind},
                           {QStringLiteral("apiVersion"), QStringLiteral("v1")},
                           {QStringLiteral("metadata"), metadata},
                           {QStringLiteral("items"), page}};
    const QByteArray body = QJsonDocument(list).toJson(QJsonDocument::Compact);
    if (m_gzip && request.header("accept-encoding").contains("gzip"))
        exchange->respond(200, gzip(body), "application/json", "gzip");
    else
        exchange->respond(200, body);
}

void FakeKubeApi::serveWatch(const HttpRequest &request, const QString &key, const QString &ns, HttpExchange *exchange)
{
    const qint64 from = request.query.queryItemValue(QStringLiteral("resourceVersion")).toLongLong();
    exchange->beginChunked();
    Watch watch{exchange, key, ns, request.query.queryItemValue(QStringLiteral("labelSelector"))};
    if (from < m_compactedAt) {
        const QJsonObject status{{QStringLiteral("kind"), QStringLiteral("Status")},
                                 {QStringLiteral("apiVersion"), QStringLiteral("v1")},
                                 {QStringLiteral("status"), QStringLiteral("Failure")},
                                 {QStringLiteral("reason"), QStringLiteral("Expired")},
                                 {QStringLiteral("message"),
                                  QStringLiteral("too old resource version: %1 (%2)").arg(from).arg(m_compactedAt)},
                                 {QStringLiteral("code"), 410}};
        sendEvent(watch, "ERROR", status);
        exchange->endChunked();
        return;
    }
    for (const Event &e : std::as_const(m_history)) {
        if (e.rv > from && matches(watch, e.key, e.object))
            sendEvent(watch, e.type, e.object);
    }
    const int timeout = request.query.queryItemValue(QStringLiteral("timeoutSeconds")).toInt();
    if (timeout > 0) {
        QPointer<HttpExchange> guard(exchange);
        QTimer::singleShot(timeout * 1000, exchange, [guard] {
            if (guard)
                guard->endChunked();
        });
    }
    m_watches.append(watch);
}

} // namespace rolldeck::testsupport
