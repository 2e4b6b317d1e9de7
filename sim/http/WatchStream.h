#pragma once

// One watch stream of the Kubernetes API, written with its own chunk framing: the initial ADDED
// events (or the resume after a resourceVersion), then the store's events through the label and
// field selectors, bookmarks, the clean end at timeoutSeconds or shutdown, and the watch faults.

#include "../Clock.h"
#include "../Faults.h"
#include "../Resources.h"
#include "../Selectors.h"
#include "../Store.h"

#include <atomic>
#include <chrono>
#include <optional>
#include <string>

namespace httplib {
class DataSink;
}

namespace rdsim {

class WatchStream
{
public:
    struct Options
    {
        const ResourceType *type = nullptr;
        LabelSelector labels;
        FieldSelector fields;
        bool bookmarks = false;
        bool table = false; // kubectl's Accept: ...;as=Table: each object as a Table row
        int timeoutSeconds = 0;
        std::optional<FaultSpec> fault;
    };

    // `stopping` ends the stream cleanly at its next write.
    WatchStream(Options options, WatchStart start, const Clock &clock, const std::atomic<bool> &stopping);

    // Writes what is ready, waiting up to 250 ms for events. False closes the connection at once
    // (a write failed, or a fault cuts the stream).
    bool writeNext(httplib::DataSink &sink);

private:
    std::string initialEvents(int &events, bool &finish);
    std::string liveEvents(int &events, bool &finish);
    std::string bookmarkLine(bool finish);
    std::string eventLine(const std::string &type, const ObjectPtr &obj, const std::string *serialized);
    std::string transitionType(const WatchEvent &ev) const;
    bool matches(const ObjectPtr &obj) const;
    bool injectFault(httplib::DataSink &sink, std::string &payload, bool &keepOpen);

    Options m_options;
    WatchStart m_start;
    const Clock &m_clock;
    const std::atomic<bool> &m_stopping;
    bool m_filtering = false;
    bool m_tableHeaderSent = false;
    bool m_initialSent = false;
    bool m_finished = false;
    std::chrono::steady_clock::time_point m_deadline;
    std::chrono::steady_clock::time_point m_nextBookmark;
    std::chrono::steady_clock::time_point m_nextHeartbeat;
    std::uint64_t m_lastBookmarkRv = 0;
    int m_sent = 0;
};

} // namespace rdsim
