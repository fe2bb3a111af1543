#pragma once
/// The fetch layer: every byte ernte reads from a portal comes through here.
/// It enforces timeouts, retries with backoff and Retry-After, size caps
/// (also on decoded gzip), redirect limits, conditional GET and a bounded
/// number of connections per host, so that a misbehaving source costs a clear
/// error instead of a hanging or exhausted harvester.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace ernte::harvester {

/// What the caller expects in the body; decides the default Accept header and
/// which obviously wrong answers (an HTML error page) are rejected.
enum class ContentKind { any, json, rdf };

/// Conditional-GET validators of one URL.
struct Validators {
    std::string etag;
    std::string last_modified;

    bool empty() const { return etag.empty() && last_modified.empty(); }
    bool operator==(const Validators&) const = default;
};

/// Remembers conditional-GET validators per URL (the store implements it so it persists across runs).
class ValidatorCache {
public:
    virtual ~ValidatorCache() = default;
    /// The validators last remembered for `url`, if any.
    virtual std::optional<Validators> lookup(const std::string& url) = 0;
    /// Remember the validators of a complete 200 answer for `url`.
    virtual void remember(const std::string& url, const Validators& v) = 0;
};

/// Limits and politeness settings of a Fetcher; the defaults suit public portals.
struct FetchOptions {
    std::chrono::milliseconds connect_timeout{10'000};  ///< TCP connect and TLS handshake
    std::chrono::milliseconds read_timeout{60'000};     ///< no byte received for this long aborts (low-speed limit)
    std::chrono::milliseconds total_timeout{600'000};   ///< whole transfer (one attempt)
    int retries = 3;                                     ///< further attempts after the first
    /// Backoff before retry n (0-based): uniform in [0, min(backoff_max, backoff_base * 2^n)] (full jitter).
    std::chrono::milliseconds backoff_base{1'000};
    std::chrono::milliseconds backoff_max{60'000};
    std::chrono::milliseconds retry_after_max{300'000};  ///< a Retry-After longer than this fails instead of waiting
    std::size_t max_bytes = 512ull << 20;                ///< body cap, checked while receiving (after decompression)
    int max_redirects = 5;
    int max_connections_per_host = 4;
    /// e.g. "ernte/0.1.0 (+opendata@example.nrw.de)"; empty: "ernte/VERSION".
    std::string user_agent;
    /// Set => abort transfers and waits promptly (FetchError kind cancelled).
    const std::atomic<bool>* cancel = nullptr;
};

/// One GET.
struct FetchRequest {
    std::string url;
    ContentKind expect = ContentKind::any;
    std::string accept;        ///< Accept header; empty: a default for `expect`
    bool conditional = false;  ///< send If-None-Match/If-Modified-Since from the cache
};

/// A successful answer (2xx, or 304 to a conditional request).
struct FetchResponse {
    long status = 0;
    std::string effective_url;  ///< after redirects
    std::string content_type;
    std::string body;           ///< decoded (gzip/deflate removed); empty when not_modified
    Validators validators;      ///< from the answer (on 304: the cached ones unless the server sent new ones)
    bool not_modified = false;
    int attempts = 1;
    std::chrono::milliseconds elapsed{0};  ///< including retries and waits
};

/// A GET that failed for good. what() is a complete sentence for an
/// administrator: it names the URL, what happened and how many attempts were made.
class FetchError : public std::runtime_error {
public:
    enum class Kind {
        timeout,
        connection,
        dns,
        http_status,
        too_large,
        too_many_redirects,
        wrong_content,
        tls,
        cancelled,
        other
    };

    FetchError(Kind kind, std::string url, long status, std::string message, int attempts = 1);

    Kind kind() const { return m_kind; }
    const std::string& url() const { return m_url; }
    /// The final HTTP status, 0 if none was received.
    long status() const { return m_status; }
    /// Attempts made, including the failed last one.
    int attempts() const { return m_attempts; }

private:
    Kind m_kind;
    std::string m_url;
    long m_status;
    int m_attempts;
};

/// Human-readable name of a FetchError kind ("timeout", ...).
std::string_view to_string(FetchError::Kind kind);

/// HTTP(S) GET with libcurl. Thread-safe: one instance is shared by all
/// harvest runs of a process; at most max_connections_per_host transfers run
/// against one scheme://host:port at a time (counted by the requested URL,
/// not by redirect targets), and connections are kept alive and reused.
class Fetcher {
public:
    explicit Fetcher(FetchOptions options);
    ~Fetcher();
    Fetcher(const Fetcher&) = delete;
    Fetcher& operator=(const Fetcher&) = delete;

    /// Fetches `request.url`, retrying transient failures (timeouts, connection
    /// errors, 5xx, 429); throws FetchError after retries are spent or on a
    /// failure that retrying cannot fix. With a cache, validators of a 200
    /// answer are remembered; with `request.conditional` they are also sent.
    FetchResponse get(const FetchRequest& request, ValidatorCache* cache = nullptr);

    const FetchOptions& options() const { return m_options; }

private:
    struct Share;
    struct Handles;
    struct Attempt;
    class HostPermit;

    std::unique_ptr<Handles> acquire_handles();
    void release_handles(std::unique_ptr<Handles> handles);
    Attempt perform(const FetchRequest& request, const std::optional<Validators>& sent);
    bool cancelled() const;
    /// Sleeps for `duration` unless cancelled first; returns false when cancelled.
    bool sleep_unless_cancelled(std::chrono::milliseconds duration) const;

    FetchOptions m_options;
    std::unique_ptr<Share> m_share;  ///< DNS cache and TLS sessions shared by all transfers

    std::mutex m_pool_mutex;
    std::vector<std::unique_ptr<Handles>> m_pool;  ///< idle transfer handles, each with its live connections

    std::mutex m_hosts_mutex;
    std::condition_variable m_hosts_cv;
    std::map<std::string, int> m_active_per_host;
};

}  // namespace ernte::harvester
