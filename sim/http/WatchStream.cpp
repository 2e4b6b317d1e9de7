#include "WatchStream.h"

#include "KubeStatus.h"
#include "Tables.h"

#include <httplib.h>

#include <cstdio>

namespace rdsim {

using kubestatus::statusObject;
using nlohmann::json;

namespace {

std::string chunk(const std::string &payload)
{
    char hdr[24];
    std::snprintf(hdr, sizeof hdr, "%zx\r\n", payload.size());
    return hdr + payload + "\r\n";
}

std::string errorLine(int code, const std::string &reason, const std::string &message)
{
    return R"({"type":"ERROR","object":)" + statusObject(code, reason, message).dump() + "}\n";
}

} // namespace

WatchStream::WatchStream(Options options, WatchStart start, const Clock &clock, const std::atomic<bool> &stopping)
    : m_options(std::move(options)), m_start(std::move(start)), m_clock(clock), m_stopping(stopping)
{
    m_filtering = !m_options.labels.empty() || !m_options.fields.empty();
    const auto now = std::chrono::steady_clock::now();
    m_deadline = now + std::chrono::seconds(m_options.timeoutSeconds);
    m_nextBookmark = now + std::chrono::seconds(1);
    m_nextHeartbeat = now + std::chrono::seconds(30);
    if (m_start.cursor)
        m_start.cursor->setWantObjects(m_filtering || m_options.table); // streaming needs only the serialization
}

bool WatchStream::writeNext(httplib::DataSink &sink)
{
    if (m_finished) {
        sink.done();
        return true;
    }
    int events = 0;
    bool finish = false;
    std::string payload;
    if (!m_initialSent) {
        m_initialSent = true;
        payload = initialEvents(events, finish);
    } else {
        payload = liveEvents(events, finish);
    }
    if (m_stopping)
        finish = true;
    m_sent += events;
    bool keepOpen = true;
    if (m_options.fault && m_sent >= m_options.fault->afterEvents && !injectFault(sink, payload, keepOpen))
        return keepOpen;
    if (!payload.empty()) {
        const std::string framed = chunk(payload);
        if (!sink.write(framed.data(), framed.size()))
            return false;
    }
    if (finish) {
        static const std::string terminator = "0\r\n\r\n";
        sink.write(terminator.data(), terminator.size());
        m_finished = true;
        sink.done();
    }
    return true;
}

// The state to start from: an ERROR for a too old resourceVersion, else an ADDED per object.
std::string WatchStream::initialEvents(int &events, bool &finish)
{
    std::string payload;
    if (m_start.error) {
        const ApiError &e = *m_start.error;
        payload += errorLine(e.code, e.reason, e.message);
        finish = true;
    }
    for (std::size_t i = 0; i < m_start.initial.size(); ++i) {
        const ObjectPtr &obj = m_start.initial[i];
        if (!m_filtering || matches(obj)) {
            payload += eventLine("ADDED", obj, i < m_start.initialJson.size() ? m_start.initialJson[i].get() : nullptr);
            ++events;
        }
    }
    return payload;
}

std::string WatchStream::liveEvents(int &events, bool &finish)
{
    std::string payload;
    // Stopping: take what is there and end, without waiting for more.
    const auto wait = m_stopping ? std::chrono::milliseconds(0)
                                 : std::min(std::chrono::duration_cast<std::chrono::milliseconds>(
                                                m_deadline - std::chrono::steady_clock::now()),
                                            std::chrono::milliseconds(250));
    bool expired = false;
    for (const auto &ev : m_start.cursor->next(std::max(wait, std::chrono::milliseconds(0)), &expired)) {
        const std::string type = m_filtering ? transitionType(ev) : ev.type;
        if (!type.empty()) {
            payload += eventLine(type, ev.object, ev.json.get());
            ++events;
        }
    }
    if (expired) {
        payload += errorLine(410, "Expired", "too old resource version: " + std::to_string(m_start.cursor->position()));
        finish = true;
    }
    payload += bookmarkLine(finish);
    if (std::chrono::steady_clock::now() >= m_deadline)
        finish = true;
    return payload;
}

// A bookmark when the position moved (at most once a second), and every 30 s as a heartbeat (a
// write is how a vanished client is noticed).
std::string WatchStream::bookmarkLine(bool finish)
{
    if (!m_options.bookmarks || std::chrono::steady_clock::now() < m_nextBookmark)
        return {};
    m_nextBookmark = std::chrono::steady_clock::now() + std::chrono::seconds(1);
    const std::uint64_t pos = m_start.cursor->position();
    const bool heartbeat = std::chrono::steady_clock::now() >= m_nextHeartbeat;
    if ((pos == m_lastBookmarkRv && !heartbeat) || finish)
        return {};
    m_nextHeartbeat = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    m_lastBookmarkRv = pos;
    const ResourceType &rt = *m_options.type;
    json bm = {{"kind", rt.kind},
               {"apiVersion", rt.gvr.apiVersion()},
               {"metadata", {{"resourceVersion", std::to_string(pos)}, {"creationTimestamp", nullptr}}}};
    return R"({"type":"BOOKMARK","object":)" + bm.dump() + "}\n";
}

std::string WatchStream::eventLine(const std::string &type, const ObjectPtr &obj, const std::string *serialized)
{
    std::string out = R"({"type":")" + type + R"(","object":)";
    if (m_options.table) {
        out += makeTable(*m_options.type, {obj}, m_clock.wallNow(), !m_tableHeaderSent).dump();
        m_tableHeaderSent = true;
    } else {
        out += serialized ? *serialized : obj->dump();
    }
    out += "}\n";
    return out;
}

// Through selectors, an object that starts matching is ADDED and one that stops is DELETED.
std::string WatchStream::transitionType(const WatchEvent &ev) const
{
    const bool now = matches(ev.object);
    const bool before = ev.type != "ADDED" && matches(ev.previous);
    if (ev.type == "ADDED" && now)
        return "ADDED";
    if (ev.type == "MODIFIED")
        return now && before ? "MODIFIED" : now ? "ADDED" : before ? "DELETED" : "";
    if (ev.type == "DELETED" && before)
        return "DELETED";
    return {};
}

bool WatchStream::matches(const ObjectPtr &obj) const
{
    if (!obj)
        return false;
    const json &meta = (*obj)["metadata"];
    return m_options.labels.matches(meta.contains("labels") ? meta["labels"] : json()) &&
           m_options.fields.matches(*obj);
}

// The armed watch fault, once its events have been sent. A garbage line joins the payload (the
// stream carries on); the others close the connection without the terminating chunk, a truncated
// chunk after a chunk header that promises more than follows. False: stop writing (keepOpen is
// what writeNext returns then).
bool WatchStream::injectFault(httplib::DataSink &sink, std::string &payload, bool &keepOpen)
{
    const FaultKind kind = m_options.fault->kind;
    m_options.fault.reset();
    if (kind == FaultKind::GarbageLine) {
        payload += "this is not JSON {\n";
        return true;
    }
    keepOpen = false;
    if (!payload.empty() && !sink.write(chunk(payload).data(), chunk(payload).size()))
        return false;
    if (kind == FaultKind::TruncateChunk) {
        const std::string partial = R"({"type":"MODIFIED","object":{"kind":")" + m_options.type->kind;
        char hdr[24];
        std::snprintf(hdr, sizeof hdr, "%zx\r\n", partial.size() + 512);
        const std::string bytes = hdr + partial;
        sink.write(bytes.data(), bytes.size());
    }
    return false;
}

} // namespace rdsim
