// Thread-safe object store of the simulated cluster: what etcd + the generic registry do for a
// real API server. Objects are immutable nlohmann::json snapshots (shared_ptr<const json>), filed
// by group/resource, namespace and name. Every write gets the next value of one global
// resourceVersion; create assigns uid and creationTimestamp; metadata.generation is bumped only
// when something outside metadata (and outside status, for types with a status subresource)
// changes. A write that changes nothing is a no-op (no new resourceVersion, no event).
//
// Usage (as the controller does):
//   rdsim::Store &s = sim.store();
//   auto r = s.create(rdsim::kRollouts, "prod", rolloutJson);           // r.error on failure
//   auto got = s.get(rdsim::kRollouts, "prod", "api");                   // got.object: shared_ptr
//   s.mutate(rdsim::kRollouts, "prod", "api", [](nlohmann::json &o) {    // read-modify-write under
//       o["status"]["phase"] = "Paused";                                  // the store lock; return
//       return true;                                                      // false to leave it alone
//   });                                                                    // (WriteScope::All default)
//   auto list = s.list(rdsim::kReplicaSets, "prod", {.labelSelector = "app=api"});
//   auto w = s.openWatch(rdsim::kRollouts, "", std::nullopt);            // initial state + cursor
//   while (running) for (auto &ev : w.cursor->next(std::chrono::milliseconds(200))) ...;
// Callbacks given to mutate() run under the store's write lock: do not call back into the store.
#pragma once

#include "Resources.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace rdsim {

class Clock;

using ObjectPtr = std::shared_ptr<const nlohmann::json>;

// A failure shaped like a Kubernetes Status: HTTP code, machine reason, human message.
struct ApiError
{
    int code = 500;
    std::string reason;  // NotFound, AlreadyExists, Conflict, Invalid, BadRequest, Gone, ...
    std::string message; // as the real API server words it
    std::string name;    // details.name
    std::string kind;    // details.kind (the resource plural, as the API server reports it)
    std::string group;   // details.group
};

struct Outcome
{
    ObjectPtr object; // the stored object after the operation (for delete: the last state)
    std::optional<ApiError> error;
    bool changed = false; // false when a write turned out to be a no-op
    explicit operator bool() const { return !error; }
};

// Which part of the object a write may change.
enum class WriteScope {
    Main,   // PUT/PATCH on the resource: status changes are dropped if the type has /status
    Status, // PUT/PATCH on /status: only .status (and metadata labels/annotations) change
    All,    // the controller: everything
};

struct ListOptions
{
    std::string labelSelector; // =, ==, !=, in, notin, exists, !exists
    std::string fieldSelector; // metadata.name, metadata.namespace (=, ==, !=)
    std::size_t limit = 0;     // 0: everything
    std::string continueToken;
};

struct ListResult
{
    std::vector<ObjectPtr> items;
    std::vector<std::shared_ptr<const std::string>> itemsJson; // items serialized, same order
    std::uint64_t resourceVersion = 0;
    std::string continueToken;
    std::optional<std::int64_t> remainingItemCount;
    std::optional<ApiError> error;
};

struct WatchEvent
{
    std::string type; // ADDED, MODIFIED, DELETED
    std::uint64_t resourceVersion = 0;
    std::string key; // Gvr::key()
    std::string ns;
    // object/previous are always set in what WatchCursor::next() returns (unless the cursor was
    // told setWantObjects(false)); the history itself keeps them only for its newest events.
    ObjectPtr object;
    ObjectPtr previous;                              // state before (MODIFIED/DELETED), for selector transitions
    std::shared_ptr<const std::string> json;         // object serialized once, shared by all watchers
    std::shared_ptr<const std::string> previousJson; // previous, serialized
};

class Store;

// A position in the event history, filtered to one resource type and namespace ("" = all).
class WatchCursor
{
public:
    // Blocks up to timeout for events after the cursor. Sets expired when the history the cursor
    // needs has been compacted away (the API server then answers 410 Gone).
    std::vector<WatchEvent> next(std::chrono::milliseconds timeout, bool *expired = nullptr);
    std::uint64_t position() const { return m_position; } // last resourceVersion consumed
    void cancel();                                        // wakes a blocked next()
    // false: events may come without object/previous (only json), for readers that only stream.
    void setWantObjects(bool want) { m_wantObjects = want; }

private:
    friend class Store;
    WatchCursor(Store *store, std::string key, std::string ns, std::uint64_t position)
        : m_store(store), m_key(std::move(key)), m_ns(std::move(ns)), m_position(position)
    {
    }
    Store *m_store;
    std::string m_key;
    std::string m_ns;
    std::uint64_t m_position;
    bool m_cancelled = false;
    bool m_wantObjects = true;
    static void hydrate(std::vector<WatchEvent> &events);
};

struct WatchStart
{
    std::vector<ObjectPtr> initial; // when opened without a resourceVersion: the current objects
    std::vector<std::shared_ptr<const std::string>> initialJson; // the same, serialized
    std::shared_ptr<WatchCursor> cursor;
    std::optional<ApiError> error; // 410 Gone when fromResourceVersion is older than the history
};

class Store
{
public:
    explicit Store(std::size_t historyCapacity = 200000);
    ~Store();
    Store(const Store &) = delete;
    Store &operator=(const Store &) = delete;

    // Optional: creationTimestamp comes from this clock (its wall time, Clock::nowRfc3339).
    void setClock(const Clock *clock);

    Outcome create(const Gvr &gvr, const std::string &ns, nlohmann::json object);
    Outcome get(const Gvr &gvr, const std::string &ns, const std::string &name) const;
    ListResult list(const Gvr &gvr, const std::string &ns, const ListOptions &options = {}) const;
    // PUT. A non-empty metadata.resourceVersion must match the stored one (else 409 Conflict).
    Outcome update(const Gvr &gvr, const std::string &ns, nlohmann::json object, WriteScope scope = WriteScope::Main);
    // RFC 7386 merge patch. metadata.resourceVersion in the patch is a precondition (409 if stale).
    Outcome mergePatch(const Gvr &gvr, const std::string &ns, const std::string &name, const nlohmann::json &patch,
                       WriteScope scope = WriteScope::Main);
    // RFC 6902 JSON patch (add, remove, replace, move, copy, test).
    Outcome jsonPatch(const Gvr &gvr, const std::string &ns, const std::string &name, const nlohmann::json &patch,
                      WriteScope scope = WriteScope::Main);
    // Read-modify-write under the write lock. fn returns false to make no change.
    Outcome mutate(const Gvr &gvr, const std::string &ns, const std::string &name,
                   const std::function<bool(nlohmann::json &)> &fn, WriteScope scope = WriteScope::All);
    // DELETE; an optional resourceVersion precondition (preconditions.resourceVersion).
    Outcome remove(const Gvr &gvr, const std::string &ns, const std::string &name,
                   const std::optional<std::string> &resourceVersionPrecondition = std::nullopt);

    // Opens a watch. Without fromResourceVersion (or with 0): `initial` holds the current objects
    // and the cursor starts after them, atomically. With one: events after it, or 410.
    WatchStart openWatch(const Gvr &gvr, const std::string &ns, std::optional<std::uint64_t> fromResourceVersion);

    std::uint64_t resourceVersion() const;
    std::size_t count(const Gvr &gvr) const;
    // Forget the event history: every resume from an earlier resourceVersion then gets 410 Gone.
    void compactHistory();
    // Wakes every blocked WatchCursor::next (used on shutdown).
    void wakeAll();

private:
    friend class WatchCursor;
    struct Entry
    {
        ObjectPtr object;
        std::shared_ptr<const std::string> json; // the object serialized once, at its last write
    };
    using Bucket = std::map<std::string, Entry>; // "ns/name" -> object (kube orders by key)

    Outcome writeLocked(const Gvr &gvr, const std::string &ns, const std::string &name, nlohmann::json next,
                        WriteScope scope, const std::optional<std::string> &precondition);
    std::shared_ptr<const std::string> appendEventLocked(const char *type, const Gvr &gvr, const std::string &ns,
                                                         ObjectPtr object, ObjectPtr previous,
                                                         std::shared_ptr<const std::string> previousJson = nullptr);
    std::string nowRfc3339() const;
    std::uint64_t compactedRv() const;

    mutable std::shared_mutex m_mutex;
    std::unordered_map<std::string, Bucket> m_buckets;
    std::uint64_t m_resourceVersion = 1;
    std::uint64_t m_uidCounter = 0;

    // Event history: strictly increasing resourceVersions; events with rv <= m_compactedRv are gone.
    mutable std::mutex m_historyMutex;
    std::condition_variable m_historyChanged;
    std::deque<WatchEvent> m_history;
    std::size_t m_historyCapacity;
    static constexpr std::size_t kObjectWindow = 4096; // newest events that keep their objects
    std::uint64_t m_compactedRv = 0;
    std::uint64_t m_wakeGeneration = 0;
    const Clock *m_clock = nullptr;
};

} // namespace rdsim
