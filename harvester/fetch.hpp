#pragma once
/// The fetch layer: every byte ernte reads from a portal comes through here.
/// It enforces timeouts, retries with backoff and Retry-After, size caps
/// (also on decoded gzip), redirect limits, conditional GET and a bounded
/// number of connections per host, so that a misbehaving source costs a clear
/// error instead of a hanging or exhausted harvester. It also probes URLs
/// without downloading them (HEAD, or a GET that stops after the headers)
/// for the link checks.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
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
    /// Least time between the starts of two requests (attempts) to one host
    /// (scheme://host:port); 0: none. Link checks use it to stay polite.
    std::chrono::milliseconds host_interval{0};
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
    /// Log failed attempts at debug level instead of as warnings (robots.txt,
    /// where a 404 is an ordinary answer).
    bool quiet = false;
};

/// One POST with a body: the write actions of a downstream CKAN. Headers
/// such as Authorization are sent as given and never logged.
struct PostRequest {
    std::string url;
    std::string body;
    std::string content_type = "application/json";
    std::string accept = "application/json";
    std::vector<std::pair<std::string, std::string>> headers;  ///< further headers: name, value
};

/// A successful answer (2xx, or 304 to a conditional request); from post(),
/// any HTTP answer.
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
        invalid_url,
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

/// "HTTP 404 Not Found" (the reason phrase when it is a common status).
std::string describe_http_status(long status);

/// The first `limit` bytes of a body as one line fit for a log or an error
/// message: without a byte order mark and leading white space, control
/// characters become spaces, runs of space collapse, the cut does not split a
/// UTF-8 sequence, and "..." marks that there was more.
std::string body_snippet(std::string_view body, std::size_t limit = 60);

/// The parts of an absolute http(s) URL that the per-host limits and
/// robots.txt need, as libcurl reads the URL.
struct HttpUrl {
    std::string scheme;          ///< "http" or "https"
    std::string host;            ///< lower-case; an IPv6 address in brackets
    std::string port;            ///< as written, else the scheme's default
    bool default_port = true;    ///< the URL names no port, or the scheme's default
    std::string path_and_query;  ///< "/" at least; percent-encoding as written, no fragment

    /// scheme://host:port: the unit of the per-host limits and of robots.txt.
    std::string origin() const { return scheme + "://" + host + ":" + port; }
    /// scheme://host[:port], the port only when it is not the default: where /robots.txt lives.
    std::string root() const { return scheme + "://" + host + (default_port ? "" : ":" + port); }
};

/// Parse an absolute http or https URL. On failure returns nullopt and, when
/// `problem` is given, a sentence for an administrator saying what is wrong
/// with it ("it contains a space; write it as %20").
std::optional<HttpUrl> parse_http_url(std::string_view url, std::string* problem = nullptr);

/// How a probe asks.
enum class ProbeMethod {
    head,  ///< HEAD
    get,   ///< GET, stopped as soon as the final answer's headers are in (no body is downloaded)
};

/// A check that a URL answers, without downloading it (link checks).
struct ProbeRequest {
    std::string url;
    ProbeMethod method = ProbeMethod::head;
    /// Per attempt, redirects included; the connect timeout is the smaller of this and the Fetcher's.
    std::chrono::milliseconds timeout{10'000};
    int max_redirects = 5;
    /// Further attempts after a transient failure (timeout, connection, DNS,
    /// TLS handshake, 5xx, 429); any other answer is final.
    int retries = 1;
};

/// What a probe found. An HTTP answer of any status is a result (`failed()`
/// is false and `status` says what the server answered); `failure` is set
/// only when no usable answer arrived (timeout, connection, DNS, TLS, too many
/// redirects, an invalid URL, cancelled).
struct ProbeResult {
    long status = 0;                ///< the final answer's HTTP status; 0 when none arrived
    std::string effective_url;      ///< after redirects
    std::string content_type;       ///< of the final answer, as sent
    std::optional<std::uint64_t> content_length;  ///< the final answer's Content-Length, when it sent one
    std::optional<FetchError::Kind> failure;
    /// On failure: a sentence for an administrator naming the method, the URL,
    /// what happened and the attempts made.
    std::string message;
    int attempts = 0;
    std::chrono::milliseconds elapsed{0};  ///< including retries and waits

    bool failed() const { return failure.has_value(); }
};

/// HTTP(S) GET with libcurl. Thread-safe: one instance is shared by all
/// harvest runs of a process; at most max_connections_per_host transfers run
/// against one scheme://host:port at a time (counted by the requested URL,
/// not by redirect targets), their starts at least host_interval apart, and
/// connections are kept alive and reused.
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

    /// Probes `request.url` without downloading its body: HEAD, or a GET cut
    /// off after the headers of the final answer; redirects are followed up to
    /// `request.max_redirects`. Uses the same connections, per-host limit,
    /// host interval, User-Agent and cancel flag as get(). A transient failure
    /// is retried `request.retries` times; never throws for a problem of the
    /// URL or the server (see ProbeResult).
    ProbeResult probe(const ProbeRequest& request);

    /// POSTs `request.body` to `request.url` and returns the answer whatever
    /// its HTTP status (an API's 4xx carries its error in the body; the
    /// caller judges it). Redirects are not followed (a 3xx is returned). A
    /// POST is not idempotent, so only what cannot have reached the server is
    /// retried: a failed connect (refused, DNS, connect timeout) and a 429 or
    /// 503 answer (Retry-After honoured as for get()). Throws FetchError when
    /// no answer arrived.
    FetchResponse post(const PostRequest& request);

    const FetchOptions& options() const { return m_options; }

private:
    struct Share;
    struct Handles;
    struct Attempt;
    class HostPermit;

    std::unique_ptr<Handles> acquire_handles();
    void release_handles(std::unique_ptr<Handles> handles);
    /// One transfer: a GET of `request` (with a body), or, with `probe`, the probe it describes.
    Attempt perform(const FetchRequest& request, const std::optional<Validators>& sent,
                    const ProbeRequest* probe = nullptr, const PostRequest* post = nullptr);
    bool cancelled() const;
    /// A request to `host` goes out now: its next turn (host_interval) counts from here.
    void note_host_start(const std::string& host);
    /// Sleeps for `duration` unless cancelled first; returns false when cancelled.
    bool sleep_unless_cancelled(std::chrono::milliseconds duration) const;

    FetchOptions m_options;
    std::unique_ptr<Share> m_share;  ///< DNS cache and TLS sessions shared by all transfers

    std::mutex m_pool_mutex;
    std::vector<std::unique_ptr<Handles>> m_pool;  ///< idle transfer handles, each with its live connections

    std::mutex m_hosts_mutex;
    std::condition_variable m_hosts_cv;
    std::map<std::string, int> m_active_per_host;
    std::map<std::string, std::chrono::steady_clock::time_point> m_last_start_per_host;  ///< for host_interval
};

/// Whether `body` is a gzip file (it starts with the bytes 1F 8B): a feed
/// published as `catalog.ttl.gz` and served as `application/gzip`, not with
/// a Content-Encoding (which the fetcher decodes itself).
bool is_gzip_file(std::string_view body);

/// The content of a gzip file, at most `max_bytes` of it. Throws
/// std::runtime_error saying what is wrong: not gzip, broken or truncated, or
/// larger than `max_bytes` once unpacked (a gzip bomb stops there).
std::string gunzip_file(std::string_view body, std::size_t max_bytes);

}  // namespace ernte::harvester
