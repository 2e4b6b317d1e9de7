#include "Store.h"

#include "Clock.h"
#include "Selectors.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <tuple>

namespace rdsim {

using nlohmann::json;

namespace {

std::string qualifiedResource(const Gvr &gvr)
{
    return gvr.group.empty() ? gvr.resource : gvr.resource + "." + gvr.group;
}

ApiError makeError(int code, std::string reason, std::string message, const Gvr &gvr, const std::string &name)
{
    ApiError e;
    e.code = code;
    e.reason = std::move(reason);
    e.message = std::move(message);
    e.name = name;
    e.kind = gvr.resource;
    e.group = gvr.group;
    return e;
}

ApiError notFound(const Gvr &gvr, const std::string &name)
{
    return makeError(404, "NotFound", qualifiedResource(gvr) + " \"" + name + "\" not found", gvr, name);
}

ApiError conflict(const Gvr &gvr, const std::string &name)
{
    return makeError(409, "Conflict",
                     "Operation cannot be fulfilled on " + qualifiedResource(gvr) + " \"" + name +
                         "\": the object has been modified; please apply your changes to the latest version and try "
                         "again",
                     gvr, name);
}

std::string bucketKey(const std::string &ns, const std::string &name)
{
    return ns + "/" + name;
}

std::uint64_t splitmix(std::uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

std::string makeUid(std::uint64_t n)
{
    const std::uint64_t a = splitmix(n);
    const std::uint64_t b = splitmix(a ^ n);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%08x-%04x-4%03x-%04x-%012llx", static_cast<unsigned>(a >> 32),
                  static_cast<unsigned>((a >> 16) & 0xffff), static_cast<unsigned>(a & 0xfff),
                  static_cast<unsigned>(0x8000 | ((b >> 48) & 0x3fff)),
                  static_cast<unsigned long long>(b & 0xffffffffffffULL));
    return buf;
}

const char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string b64url(const std::string &in)
{
    std::string out;
    std::size_t i = 0;
    while (i + 2 < in.size()) {
        const unsigned v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) |
                           static_cast<unsigned char>(in[i + 2]);
        out += kB64[(v >> 18) & 63];
        out += kB64[(v >> 12) & 63];
        out += kB64[(v >> 6) & 63];
        out += kB64[v & 63];
        i += 3;
    }
    if (i < in.size()) {
        unsigned v = static_cast<unsigned char>(in[i]) << 16;
        if (i + 1 < in.size())
            v |= static_cast<unsigned char>(in[i + 1]) << 8;
        out += kB64[(v >> 18) & 63];
        out += kB64[(v >> 12) & 63];
        if (i + 1 < in.size())
            out += kB64[(v >> 6) & 63];
    }
    return out;
}

std::optional<std::string> unb64url(const std::string &in)
{
    std::string out;
    unsigned acc = 0;
    int bits = 0;
    for (char c : in) {
        const char *p = std::strchr(kB64, c);
        if (!p || c == 0)
            return std::nullopt;
        acc = (acc << 6) | static_cast<unsigned>(p - kB64);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((acc >> bits) & 0xff);
        }
    }
    return out;
}

// What generation tracks: everything but metadata (and status, for types with a status
// subresource). Compared key by key, without copying the objects.
bool specDiffers(const json &a, const json &b, bool excludeStatus)
{
    auto skipped = [excludeStatus](const std::string &k) {
        return k == "metadata" || k == "kind" || k == "apiVersion" || (excludeStatus && k == "status");
    };
    for (auto it = a.begin(); it != a.end(); ++it) {
        if (skipped(it.key()))
            continue;
        auto other = b.find(it.key());
        if (other == b.end() || *other != *it)
            return true;
    }
    for (auto it = b.begin(); it != b.end(); ++it) {
        if (!skipped(it.key()) && !a.contains(it.key()))
            return true;
    }
    return false;
}

} // namespace

// ---------------------------------------------------------------------------------------------

std::vector<WatchEvent> WatchCursor::next(std::chrono::milliseconds timeout, bool *expired)
{
    if (expired)
        *expired = false;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::unique_lock lock(m_store->m_historyMutex);
    const std::uint64_t wakeGen = m_store->m_wakeGeneration;
    std::vector<WatchEvent> out;
    while (true) {
        if (m_cancelled || m_store->m_wakeGeneration != wakeGen)
            return out;
        if (m_position < m_store->m_compactedRv) {
            if (expired)
                *expired = true;
            return out;
        }
        auto &h = m_store->m_history;
        if (!h.empty() && h.back().resourceVersion > m_position) {
            auto it = std::upper_bound(h.begin(), h.end(), m_position,
                                       [](std::uint64_t rv, const WatchEvent &e) { return rv < e.resourceVersion; });
            for (; it != h.end() && out.size() < 2000; ++it) {
                m_position = it->resourceVersion;
                if (it->key != m_key || (!m_ns.empty() && it->ns != m_ns))
                    continue;
                out.push_back(*it);
            }
            if (!out.empty()) {
                lock.unlock();
                if (m_wantObjects)
                    hydrate(out);
                return out;
            }
            continue;
        }
        if (m_store->m_historyChanged.wait_until(lock, deadline) == std::cv_status::timeout)
            return out;
    }
}

// Events older than the newest Store::kObjectWindow keep only their serialization; parse them
// back for readers that want objects (a reader that far behind is rare).
void WatchCursor::hydrate(std::vector<WatchEvent> &events)
{
    for (auto &ev : events) {
        if (!ev.object && ev.json)
            ev.object = std::make_shared<const json>(json::parse(*ev.json));
        if (!ev.previous && ev.previousJson)
            ev.previous = std::make_shared<const json>(json::parse(*ev.previousJson));
    }
}

void WatchCursor::cancel()
{
    std::lock_guard lock(m_store->m_historyMutex);
    m_cancelled = true;
    m_store->m_historyChanged.notify_all();
}

// ---------------------------------------------------------------------------------------------

Store::Store(std::size_t historyCapacity) : m_historyCapacity(std::max<std::size_t>(historyCapacity, 16)) {}

Store::~Store()
{
    wakeAll();
}

void Store::setClock(const Clock *clock)
{
    std::unique_lock lock(m_mutex);
    m_clock = clock;
}

std::string Store::nowRfc3339() const
{
    return m_clock ? m_clock->nowRfc3339() : Clock::rfc3339(std::chrono::system_clock::now());
}

Outcome Store::create(const Gvr &gvr, const std::string &ns, json object)
{
    Outcome out;
    const ResourceType *rt = findResource(gvr);
    if (!rt || rt->virtualOnly) {
        out.error = makeError(404, "NotFound", "the server could not find the requested resource", gvr, "");
        return out;
    }
    if (!object.is_object()) {
        out.error = makeError(400, "BadRequest", "the body of the request was not a JSON object", gvr, "");
        return out;
    }
    json &meta = object["metadata"];
    if (!meta.is_object())
        meta = json::object();
    std::string name = meta.value("name", "");
    const std::string objNs = meta.value("namespace", "");
    if (rt->namespaced) {
        if (ns.empty()) {
            out.error = makeError(400, "BadRequest", "the namespace of the object must be set", gvr, name);
            return out;
        }
        if (!objNs.empty() && objNs != ns) {
            out.error = makeError(
                400, "BadRequest",
                "the namespace of the provided object does not match the namespace sent on the request", gvr, name);
            return out;
        }
        meta["namespace"] = ns;
    } else {
        meta.erase("namespace");
    }
    object["apiVersion"] = gvr.apiVersion();
    object["kind"] = rt->kind;

    std::unique_lock lock(m_mutex);
    if (name.empty()) {
        const std::string prefix = meta.value("generateName", "");
        if (prefix.empty()) {
            out.error = makeError(422, "Invalid",
                                  rt->kind + " \"\" is invalid: metadata.name: Required value: name or generateName is "
                                             "required",
                                  gvr, "");
            return out;
        }
        static const char kAlnum[] = "bcdfghjklmnpqrstvwxz2456789";
        std::uint64_t r = splitmix(m_uidCounter * 7919 + m_resourceVersion);
        name = prefix;
        for (int i = 0; i < 5; ++i) {
            name += kAlnum[r % 27];
            r /= 27;
        }
        meta["name"] = name;
    }
    const std::string storeNs = rt->namespaced ? ns : std::string();
    Bucket &bucket = m_buckets[gvr.key()];
    const std::string key = bucketKey(storeNs, name);
    if (bucket.count(key)) {
        out.error =
            makeError(409, "AlreadyExists", qualifiedResource(gvr) + " \"" + name + "\" already exists", gvr, name);
        return out;
    }
    meta.erase("resourceVersion");
    meta["uid"] = makeUid(++m_uidCounter);
    if (!meta.contains("creationTimestamp") || !meta["creationTimestamp"].is_string())
        meta["creationTimestamp"] = nowRfc3339();
    meta["generation"] = 1;
    meta["resourceVersion"] = std::to_string(++m_resourceVersion);
    auto ptr = std::make_shared<const json>(std::move(object));
    bucket.emplace(key, Entry{ptr, appendEventLocked("ADDED", gvr, storeNs, ptr, nullptr)});
    out.object = ptr;
    out.changed = true;
    return out;
}

Outcome Store::get(const Gvr &gvr, const std::string &ns, const std::string &name) const
{
    Outcome out;
    const ResourceType *rt = findResource(gvr);
    std::shared_lock lock(m_mutex);
    auto b = m_buckets.find(gvr.key());
    if (rt && b != m_buckets.end()) {
        auto it = b->second.find(bucketKey(rt->namespaced ? ns : std::string(), name));
        if (it != b->second.end()) {
            out.object = it->second.object;
            return out;
        }
    }
    out.error = notFound(gvr, name);
    return out;
}

ListResult Store::list(const Gvr &gvr, const std::string &ns, const ListOptions &options) const
{
    ListResult out;
    const ResourceType *rt = findResource(gvr);
    if (!rt) {
        out.error = makeError(404, "NotFound", "the server could not find the requested resource", gvr, "");
        return out;
    }
    auto labels = LabelSelector::parse(options.labelSelector);
    if (!labels) {
        out.error = makeError(400, "BadRequest", "unable to parse requirement: " + labels.error, gvr, "");
        return out;
    }
    auto fields = FieldSelector::parse(options.fieldSelector);
    if (!fields) {
        out.error = makeError(400, "BadRequest", fields.error, gvr, "");
        return out;
    }
    std::string startAfter;
    std::uint64_t tokenRv = 0;
    if (!options.continueToken.empty()) {
        auto decoded = unb64url(options.continueToken);
        json tok = decoded ? json::parse(*decoded, nullptr, false) : json();
        if (!tok.is_object() || !tok.contains("rv") || !tok.contains("start")) {
            out.error = makeError(400, "BadRequest",
                                  "continue key is not valid: incorrect encoded start resourceVersion", gvr, "");
            return out;
        }
        tokenRv = tok["rv"].get<std::uint64_t>();
        startAfter = tok["start"].get<std::string>();
    }
    const bool filtering = !labels.selector->empty() || !fields.selector->empty();
    std::shared_lock lock(m_mutex);
    if (tokenRv != 0 && tokenRv < compactedRv()) {
        out.error = makeError(410, "Expired",
                              "The provided continue parameter is too old to display a consistent list result. You can "
                              "start a new list without the continue parameter.",
                              gvr, "");
        return out;
    }
    out.resourceVersion = tokenRv ? tokenRv : m_resourceVersion;
    auto b = m_buckets.find(gvr.key());
    if (b == m_buckets.end())
        return out;
    const Bucket &bucket = b->second;
    const std::string prefix = (rt->namespaced && !ns.empty()) ? ns + "/" : std::string();
    auto it = startAfter.empty() ? bucket.lower_bound(prefix) : bucket.upper_bound(startAfter);
    std::string lastKey;
    for (; it != bucket.end(); ++it) {
        if (!prefix.empty() && it->first.compare(0, prefix.size(), prefix) != 0)
            break;
        const json &obj = *it->second.object;
        if (filtering) {
            const json &meta = obj["metadata"];
            if (!labels.selector->matches(meta.contains("labels") ? meta["labels"] : json()))
                continue;
            if (!fields.selector->matches(obj))
                continue;
        }
        if (options.limit && out.items.size() == options.limit) {
            // There is more: hand out a continue token and, without selectors, the count left.
            out.continueToken =
                b64url(json{{"v", "meta.k8s.io/v1"}, {"rv", out.resourceVersion}, {"start", lastKey}}.dump());
            if (!filtering) {
                std::int64_t remaining = 0;
                for (; it != bucket.end(); ++it) {
                    if (!prefix.empty() && it->first.compare(0, prefix.size(), prefix) != 0)
                        break;
                    ++remaining;
                }
                out.remainingItemCount = remaining;
            }
            return out;
        }
        out.items.push_back(it->second.object);
        out.itemsJson.push_back(it->second.json);
        lastKey = it->first;
    }
    return out;
}

std::uint64_t Store::compactedRv() const
{
    std::lock_guard h(m_historyMutex);
    return m_compactedRv;
}

Outcome Store::writeLocked(const Gvr &gvr, const std::string &ns, const std::string &name, json next, WriteScope scope,
                           const std::optional<std::string> &precondition)
{
    Outcome out;
    const ResourceType *rt = findResource(gvr);
    if (!rt || rt->virtualOnly) {
        out.error = makeError(404, "NotFound", "the server could not find the requested resource", gvr, name);
        return out;
    }
    const std::string storeNs = rt->namespaced ? ns : std::string();
    Bucket &bucket = m_buckets[gvr.key()];
    auto it = bucket.find(bucketKey(storeNs, name));
    if (it == bucket.end()) {
        out.error = notFound(gvr, name);
        return out;
    }
    const json &old = *it->second.object;
    if (!next.is_object()) {
        out.error = makeError(400, "BadRequest", "the body of the request was not a JSON object", gvr, name);
        return out;
    }
    if (!next["metadata"].is_object())
        next["metadata"] = json::object();
    json &meta = next["metadata"];
    const json &oldMeta = old["metadata"];
    if (meta.contains("name") && meta["name"].is_string() && meta["name"] != name) {
        out.error = makeError(400, "BadRequest",
                              "the name of the object (" + meta["name"].get<std::string>() +
                                  ") does not match the name on the URL (" + name + ")",
                              gvr, name);
        return out;
    }
    if (rt->namespaced && meta.contains("namespace") && meta["namespace"].is_string() && meta["namespace"] != ns) {
        out.error = makeError(400, "BadRequest",
                              "the namespace of the provided object does not match the namespace sent on the request",
                              gvr, name);
        return out;
    }
    const std::string currentRv = oldMeta.value("resourceVersion", "");
    std::string wantedRv = precondition.value_or("");
    if (wantedRv.empty() && meta.contains("resourceVersion") && meta["resourceVersion"].is_string())
        wantedRv = meta["resourceVersion"].get<std::string>();
    if (!wantedRv.empty() && wantedRv != currentRv) {
        out.error = conflict(gvr, name);
        return out;
    }

    json result;
    if (scope == WriteScope::Status) {
        result = old;
        if (next.contains("status"))
            result["status"] = next["status"];
        else
            result.erase("status");
    } else {
        result = std::move(next);
        if (scope == WriteScope::Main && rt->statusSubresource) {
            if (old.contains("status"))
                result["status"] = old["status"];
            else
                result.erase("status");
        }
    }
    // Metadata the client cannot change.
    json &rmeta = result["metadata"];
    for (const char *k : {"name", "namespace", "uid", "creationTimestamp", "generation", "resourceVersion"}) {
        if (oldMeta.contains(k))
            rmeta[k] = oldMeta[k];
        else
            rmeta.erase(k);
    }
    result["apiVersion"] = gvr.apiVersion();
    result["kind"] = rt->kind;
    if (result == old) {
        out.object = it->second.object;
        return out;
    }
    const bool excludeStatus = rt->statusSubresource;
    if (specDiffers(result, old, excludeStatus))
        rmeta["generation"] = oldMeta.value("generation", 1) + 1;
    rmeta["resourceVersion"] = std::to_string(++m_resourceVersion);
    auto ptr = std::make_shared<const json>(std::move(result));
    ObjectPtr previous = it->second.object;
    it->second = Entry{ptr, appendEventLocked("MODIFIED", gvr, storeNs, ptr, previous, it->second.json)};
    out.object = ptr;
    out.changed = true;
    return out;
}

Outcome Store::update(const Gvr &gvr, const std::string &ns, json object, WriteScope scope)
{
    const std::string name = object.is_object() && object.contains("metadata") && object["metadata"].is_object()
                                 ? object["metadata"].value("name", "")
                                 : std::string();
    std::unique_lock lock(m_mutex);
    return writeLocked(gvr, ns, name, std::move(object), scope, std::nullopt);
}

Outcome Store::mergePatch(const Gvr &gvr, const std::string &ns, const std::string &name, const json &patch,
                          WriteScope scope)
{
    const ResourceType *rt = findResource(gvr);
    std::unique_lock lock(m_mutex);
    auto b = m_buckets.find(gvr.key());
    ObjectPtr current;
    if (rt && b != m_buckets.end()) {
        auto it = b->second.find(bucketKey(rt->namespaced ? ns : std::string(), name));
        if (it != b->second.end())
            current = it->second.object;
    }
    if (!current) {
        Outcome out;
        out.error = notFound(gvr, name);
        return out;
    }
    if (!patch.is_object()) {
        Outcome out;
        out.error = makeError(400, "BadRequest", "merge patch body must be a JSON object", gvr, name);
        return out;
    }
    json next = *current;
    next.merge_patch(patch);
    std::optional<std::string> precondition;
    if (patch.contains("metadata") && patch["metadata"].is_object() && patch["metadata"].contains("resourceVersion") &&
        patch["metadata"]["resourceVersion"].is_string())
        precondition = patch["metadata"]["resourceVersion"].get<std::string>();
    else
        next["metadata"]["resourceVersion"] = (*current)["metadata"].value("resourceVersion", "");
    return writeLocked(gvr, ns, name, std::move(next), scope, precondition);
}

Outcome Store::jsonPatch(const Gvr &gvr, const std::string &ns, const std::string &name, const json &patch,
                         WriteScope scope)
{
    const ResourceType *rt = findResource(gvr);
    std::unique_lock lock(m_mutex);
    auto b = m_buckets.find(gvr.key());
    ObjectPtr current;
    if (rt && b != m_buckets.end()) {
        auto it = b->second.find(bucketKey(rt->namespaced ? ns : std::string(), name));
        if (it != b->second.end())
            current = it->second.object;
    }
    Outcome out;
    if (!current) {
        out.error = notFound(gvr, name);
        return out;
    }
    if (!patch.is_array()) {
        out.error = makeError(400, "BadRequest", "json patch body must be a JSON array of operations", gvr, name);
        return out;
    }
    json next;
    try {
        next = current->patch(patch);
    } catch (const json::exception &e) {
        out.error = makeError(
            422, "Invalid", std::string("the server rejected our request due to an error in our request: ") + e.what(),
            gvr, name);
        return out;
    }
    std::optional<std::string> precondition;
    if (next.contains("metadata") && next["metadata"].is_object() &&
        next["metadata"].value("resourceVersion", "") != (*current)["metadata"].value("resourceVersion", ""))
        precondition = next["metadata"].value("resourceVersion", "");
    return writeLocked(gvr, ns, name, std::move(next), scope, precondition);
}

Outcome Store::mutate(const Gvr &gvr, const std::string &ns, const std::string &name,
                      const std::function<bool(json &)> &fn, WriteScope scope)
{
    const ResourceType *rt = findResource(gvr);
    std::unique_lock lock(m_mutex);
    auto b = m_buckets.find(gvr.key());
    ObjectPtr current;
    if (rt && b != m_buckets.end()) {
        auto it = b->second.find(bucketKey(rt->namespaced ? ns : std::string(), name));
        if (it != b->second.end())
            current = it->second.object;
    }
    Outcome out;
    if (!current) {
        out.error = notFound(gvr, name);
        return out;
    }
    json next = *current;
    try {
        if (!fn(next)) {
            out.object = current;
            return out;
        }
    } catch (const json::exception &e) {
        out.error = makeError(500, "InternalError", std::string("mutate failed: ") + e.what(), gvr, name);
        return out;
    }
    if (next.is_object() && next["metadata"].is_object())
        next["metadata"]["resourceVersion"] = (*current)["metadata"].value("resourceVersion", "");
    return writeLocked(gvr, ns, name, std::move(next), scope, std::nullopt);
}

Outcome Store::remove(const Gvr &gvr, const std::string &ns, const std::string &name,
                      const std::optional<std::string> &resourceVersionPrecondition)
{
    Outcome out;
    const ResourceType *rt = findResource(gvr);
    std::unique_lock lock(m_mutex);
    auto b = m_buckets.find(gvr.key());
    if (!rt || b == m_buckets.end()) {
        out.error = notFound(gvr, name);
        return out;
    }
    const std::string storeNs = rt->namespaced ? ns : std::string();
    auto it = b->second.find(bucketKey(storeNs, name));
    if (it == b->second.end()) {
        out.error = notFound(gvr, name);
        return out;
    }
    if (resourceVersionPrecondition && !resourceVersionPrecondition->empty() &&
        *resourceVersionPrecondition != (*it->second.object)["metadata"].value("resourceVersion", "")) {
        out.error = conflict(gvr, name);
        return out;
    }
    // Delete the object, then (like the garbage collector, at once) everything it owns.
    std::vector<std::tuple<Gvr, std::string, std::string>> pending{{gvr, storeNs, name}};
    while (!pending.empty()) {
        auto [g, pns, pname] = pending.back();
        pending.pop_back();
        auto &bucket = m_buckets[g.key()];
        auto pit = bucket.find(bucketKey(pns, pname));
        if (pit == bucket.end())
            continue;
        json last = *pit->second.object;
        const std::string uid = last["metadata"].value("uid", "");
        last["metadata"]["resourceVersion"] = std::to_string(++m_resourceVersion);
        auto ptr = std::make_shared<const json>(std::move(last));
        ObjectPtr previous = pit->second.object;
        std::shared_ptr<const std::string> previousJson = pit->second.json;
        bucket.erase(pit);
        appendEventLocked("DELETED", g, pns, ptr, previous, previousJson);
        if (!out.object)
            out.object = ptr;
        for (const auto &crt : resourceCatalog()) {
            auto cb = m_buckets.find(crt.gvr.key());
            if (cb == m_buckets.end())
                continue;
            for (const auto &[k, entry] : cb->second) {
                const json &meta = (*entry.object)["metadata"];
                auto refs = meta.find("ownerReferences");
                if (refs == meta.end() || !refs->is_array())
                    continue;
                for (const auto &ref : *refs) {
                    if (ref.value("uid", "") == uid) {
                        pending.emplace_back(crt.gvr, meta.value("namespace", ""), meta.value("name", ""));
                        break;
                    }
                }
            }
        }
    }
    out.changed = true;
    return out;
}

std::shared_ptr<const std::string> Store::appendEventLocked(const char *type, const Gvr &gvr, const std::string &ns,
                                                            ObjectPtr object, ObjectPtr previous,
                                                            std::shared_ptr<const std::string> previousJson)
{
    WatchEvent ev;
    ev.type = type;
    ev.resourceVersion = m_resourceVersion;
    ev.key = gvr.key();
    ev.ns = ns;
    ev.json = std::make_shared<const std::string>(object->dump());
    ev.object = std::move(object);
    ev.previous = std::move(previous);
    ev.previousJson = std::move(previousJson);
    std::shared_ptr<const std::string> serialized = ev.json;
    std::lock_guard h(m_historyMutex);
    m_history.push_back(std::move(ev));
    // Only the newest events keep their objects; older ones keep the (shared) serializations.
    if (m_history.size() > kObjectWindow) {
        WatchEvent &aged = m_history[m_history.size() - 1 - kObjectWindow];
        aged.object.reset();
        aged.previous.reset();
    }
    while (m_history.size() > m_historyCapacity) {
        m_compactedRv = m_history.front().resourceVersion;
        m_history.pop_front();
    }
    m_historyChanged.notify_all();
    return serialized;
}

WatchStart Store::openWatch(const Gvr &gvr, const std::string &ns, std::optional<std::uint64_t> fromResourceVersion)
{
    WatchStart out;
    const ResourceType *rt = findResource(gvr);
    if (!rt || rt->virtualOnly) {
        out.error = makeError(404, "NotFound", "the server could not find the requested resource", gvr, "");
        return out;
    }
    const std::string storeNs = rt->namespaced ? ns : std::string();
    std::shared_lock lock(m_mutex);
    std::uint64_t position = m_resourceVersion;
    if (fromResourceVersion && *fromResourceVersion != 0) {
        std::lock_guard h(m_historyMutex);
        if (*fromResourceVersion < m_compactedRv) {
            out.error = makeError(410, "Expired",
                                  "too old resource version: " + std::to_string(*fromResourceVersion) + " (" +
                                      std::to_string(m_compactedRv + 1) + ")",
                                  gvr, "");
            return out;
        }
        position = *fromResourceVersion;
    } else {
        auto b = m_buckets.find(gvr.key());
        if (b != m_buckets.end()) {
            const std::string prefix = storeNs.empty() ? std::string() : storeNs + "/";
            for (auto it = b->second.lower_bound(prefix); it != b->second.end(); ++it) {
                if (!prefix.empty() && it->first.compare(0, prefix.size(), prefix) != 0)
                    break;
                out.initial.push_back(it->second.object);
                out.initialJson.push_back(it->second.json);
            }
        }
    }
    out.cursor.reset(new WatchCursor(this, gvr.key(), storeNs, position));
    return out;
}

std::uint64_t Store::resourceVersion() const
{
    std::shared_lock lock(m_mutex);
    return m_resourceVersion;
}

std::size_t Store::count(const Gvr &gvr) const
{
    std::shared_lock lock(m_mutex);
    auto b = m_buckets.find(gvr.key());
    return b == m_buckets.end() ? 0 : b->second.size();
}

void Store::compactHistory()
{
    std::unique_lock lock(m_mutex);
    std::lock_guard h(m_historyMutex);
    m_history.clear();
    // Burn one resourceVersion (real ones have gaps too) so that even a client that saw the very
    // latest change must relist: this is what a fault test of "resourceVersion too old" wants.
    m_compactedRv = ++m_resourceVersion;
    m_historyChanged.notify_all();
}

void Store::wakeAll()
{
    std::lock_guard h(m_historyMutex);
    ++m_wakeGeneration;
    m_historyChanged.notify_all();
}

} // namespace rdsim
