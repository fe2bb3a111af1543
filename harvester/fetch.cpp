#include "harvester/fetch.hpp"

#include "catalog/api/http.hpp"
#include "catalog/export_text.hpp"

#include <curl/curl.h>
#include <zlib.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <ctime>
#include <exception>
#include <random>
#include <thread>

namespace ernte::harvester {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

/// How often a running transfer or a wait looks at the cancel flag.
constexpr milliseconds cancel_poll_interval{20};
/// How much of an error answer's body is kept for the error message.
constexpr std::size_t error_body_kept = 4096;

void init_curl_once() {
    static const CURLcode rc = curl_global_init(CURL_GLOBAL_DEFAULT);
    if (rc != CURLE_OK) {
        throw std::runtime_error(fmt::format("libcurl initialisation failed: {}", curl_easy_strerror(rc)));
    }
}

char ascii_lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), ascii_lower);
    return out;
}

bool istarts_with(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() &&
           std::equal(prefix.begin(), prefix.end(), text.begin(),
                      [](char a, char b) { return ascii_lower(a) == ascii_lower(b); });
}

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

/// The body without a UTF-8 byte order mark and leading whitespace.
std::string_view content_start(std::string_view body) {
    if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
    while (!body.empty() && is_space(body.front())) body.remove_prefix(1);
    return body;
}

std::string format_duration(milliseconds duration) {
    if (duration.count() % 1000 == 0) return fmt::format("{} s", duration.count() / 1000);
    return fmt::format("{} ms", duration.count());
}

std::string format_bytes(std::size_t bytes) {
    if (bytes >= (1u << 20) && bytes % (1u << 20) == 0) return fmt::format("{} MiB", bytes >> 20);
    if (bytes >= (1u << 10) && bytes % (1u << 10) == 0) return fmt::format("{} KiB", bytes >> 10);
    return fmt::format("{} bytes", bytes);
}

std::string_view default_accept(ContentKind expect) {
    switch (expect) {
    case ContentKind::json: return "application/json, */*;q=0.1";
    case ContentKind::rdf:
        return "text/turtle, application/rdf+xml;q=0.9, application/ld+json;q=0.8, application/n-triples;q=0.7, "
               "*/*;q=0.1";
    case ContentKind::any: break;
    }
    return "*/*";
}

/// A URL parsed by libcurl's URL API.
class ParsedUrl {
public:
    /// 0 when parsed, else libcurl's CURLUcode.
    int parse(const std::string& url) {
        if (!m_handle) return CURLUE_OUT_OF_MEMORY;
        return curl_url_set(m_handle.get(), CURLUPART_URL, url.c_str(), 0);
    }
    /// A part of the URL; empty when the URL has none.
    std::string part(CURLUPart which, unsigned flags = 0) const {
        char* value = nullptr;
        std::string out;
        if (curl_url_get(m_handle.get(), which, &value, flags) == CURLUE_OK && value != nullptr) out = value;
        curl_free(value);
        return out;
    }
    bool has(CURLUPart which) const {
        char* value = nullptr;
        const bool found = curl_url_get(m_handle.get(), which, &value, 0) == CURLUE_OK;
        curl_free(value);
        return found;
    }

private:
    std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> m_handle{curl_url(), curl_url_cleanup};
};

/// scheme://host:port of a URL, lower-case; the unit of the per-host limit
/// (the same text as HttpUrl::origin()).
std::string host_key(const std::string& url) {
    ParsedUrl parsed;
    if (parsed.parse(url) != CURLUE_OK) return {};
    return lower(parsed.part(CURLUPART_SCHEME)) + "://" + lower(parsed.part(CURLUPART_HOST)) + ":" +
           parsed.part(CURLUPART_PORT, CURLU_DEFAULT_PORT);
}

/// A Retry-After value (delta seconds or an HTTP-date) as a wait from now.
std::optional<milliseconds> parse_retry_after(std::string_view value) {
    value = trim(value);
    if (value.empty()) return std::nullopt;
    if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        if (value.size() > 9) return milliseconds(std::chrono::hours(24 * 365));
        return milliseconds(std::stoll(std::string(value)) * 1000);
    }
    const std::time_t when = curl_getdate(std::string(value).c_str(), nullptr);
    if (when == -1) return std::nullopt;
    const auto now = std::chrono::system_clock::now();
    const auto at = std::chrono::system_clock::from_time_t(when);
    if (at <= now) return milliseconds(0);
    return std::chrono::ceil<milliseconds>(at - now);
}

/// Exponential backoff with full jitter: uniform in [0, min(max, base * 2^retry)].
milliseconds backoff_delay(const FetchOptions& options, int retry) {
    long long cap = std::max<long long>(options.backoff_base.count(), 0);
    const long long limit = std::max<long long>(options.backoff_max.count(), 0);
    for (int i = 0; i < retry && cap < limit; ++i) cap *= 2;
    cap = std::min(cap, limit);
    if (cap <= 0) return milliseconds(0);
    thread_local std::mt19937_64 random(std::random_device{}());
    return milliseconds(std::uniform_int_distribution<long long>(0, cap)(random));
}

struct SlistDeleter {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

void append_header(Slist& list, const std::string& header) {
    curl_slist* extended = curl_slist_append(list.get(), header.c_str());
    if (extended == nullptr) throw std::bad_alloc();
    (void)list.release();
    list.reset(extended);
}

/// What the callbacks of one transfer write into; they never throw.
struct TransferState {
    CURL* easy = nullptr;
    std::size_t max_bytes = 0;
    std::string body;
    bool too_large = false;
    /// A probe's GET: stop at the first body byte of the final answer (its
    /// headers are complete then; redirect bodies never reach on_body).
    bool stop_at_body = false;
    bool stopped_at_body = false;
    bool connected = false;
    Clock::time_point last_activity;
    std::exception_ptr error;

    std::string etag;
    std::string last_modified;
    std::string retry_after;
};

long response_code(CURL* easy) {
    long status = 0;
    curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
    return status;
}

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto& state = *static_cast<TransferState*>(user);
    const std::size_t length = size * count;
    try {
        state.last_activity = Clock::now();
        if (state.stop_at_body) {
            state.stopped_at_body = true;
            return CURL_WRITEFUNC_ERROR;
        }
        const long status = response_code(state.easy);
        if (status < 200 || status >= 300) {
            // An error page: keep its start for the message, drain the rest so
            // that the connection stays reusable.
            if (state.body.size() < error_body_kept) {
                state.body.append(data, std::min(length, error_body_kept - state.body.size()));
            }
            return length;
        }
        if (length > state.max_bytes - state.body.size()) {
            state.too_large = true;
            return CURL_WRITEFUNC_ERROR;
        }
        if (state.body.empty()) {
            curl_off_t announced = -1;
            curl_easy_getinfo(state.easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &announced);
            if (announced > 0 && static_cast<std::size_t>(announced) <= state.max_bytes) {
                state.body.reserve(static_cast<std::size_t>(announced));
            }
        }
        state.body.append(data, length);
        return length;
    } catch (...) {
        state.error = std::current_exception();
        return CURL_WRITEFUNC_ERROR;
    }
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto& state = *static_cast<TransferState*>(user);
    const std::size_t length = size * count;
    try {
        state.last_activity = Clock::now();
        const std::string_view line(data, length);
        if (istarts_with(line, "HTTP/")) {
            // A new response (after a redirect or a 100 Continue): forget the previous one's headers.
            state.etag.clear();
            state.last_modified.clear();
            state.retry_after.clear();
            return length;
        }
        const auto colon = line.find(':');
        if (colon == std::string_view::npos) return length;
        const std::string name = lower(trim(line.substr(0, colon)));
        const std::string_view value = trim(line.substr(colon + 1));
        if (name == "etag") state.etag = value;
        else if (name == "last-modified") state.last_modified = value;
        else if (name == "retry-after") state.retry_after = value;
        return length;
    } catch (...) {
        state.error = std::current_exception();
        return CURL_WRITEFUNC_ERROR;
    }
}

int on_connected(void* user, char*, char*, int, int) {
    auto& state = *static_cast<TransferState*>(user);
    state.connected = true;
    state.last_activity = Clock::now();
    return CURL_PREREQFUNC_OK;
}

template <typename T>
void set_option(CURL* easy, CURLoption option, T value) {
    const CURLcode rc = curl_easy_setopt(easy, option, value);
    if (rc != CURLE_OK) {
        throw std::runtime_error(fmt::format("libcurl rejected option {}: {}", static_cast<int>(option),
                                             curl_easy_strerror(rc)));
    }
}

bool is_html_type(std::string_view content_type) {
    return istarts_with(content_type, "text/html") || istarts_with(content_type, "application/xhtml+xml");
}

bool looks_like_html(std::string_view body) {
    const auto start = content_start(body);
    return istarts_with(start, "<!doctype html") || istarts_with(start, "<html");
}

}  // namespace

// --- FetchError ---------------------------------------------------------------

FetchError::FetchError(Kind kind, std::string url, long status, std::string message, int attempts)
    : std::runtime_error(std::move(message)), m_kind(kind), m_url(std::move(url)), m_status(status),
      m_attempts(attempts) {}

std::string_view to_string(FetchError::Kind kind) {
    switch (kind) {
    case FetchError::Kind::timeout: return "timeout";
    case FetchError::Kind::connection: return "connection";
    case FetchError::Kind::dns: return "dns";
    case FetchError::Kind::http_status: return "http_status";
    case FetchError::Kind::too_large: return "too_large";
    case FetchError::Kind::too_many_redirects: return "too_many_redirects";
    case FetchError::Kind::wrong_content: return "wrong_content";
    case FetchError::Kind::tls: return "tls";
    case FetchError::Kind::cancelled: return "cancelled";
    case FetchError::Kind::invalid_url: return "invalid_url";
    case FetchError::Kind::other: return "other";
    }
    return "other";
}

std::string body_snippet(std::string_view body, std::size_t limit) {
    body = content_start(body);
    std::string out;
    bool truncated = false;
    for (std::size_t i = 0; i < body.size(); ++i) {
        if (out.size() >= limit) {
            truncated = true;
            break;
        }
        const auto c = static_cast<unsigned char>(body[i]);
        if (c < 0x20 || c == 0x7F) {
            if (!out.empty() && out.back() != ' ') out += ' ';
            continue;
        }
        if (c == ' ' && !out.empty() && out.back() == ' ') continue;
        out += static_cast<char>(c);
    }
    if (truncated) {
        // Drop the last UTF-8 sequence if the cut fell inside it.
        std::size_t lead = out.size();
        while (lead > 0 && (static_cast<unsigned char>(out[lead - 1]) & 0xC0) == 0x80) --lead;
        if (lead > 0 && (static_cast<unsigned char>(out[lead - 1]) & 0x80) != 0 &&
            catalog::rdf_export::utf8_sequence_length(out, lead - 1) == 0) {
            out.resize(lead - 1);
        }
    }
    // A page in Latin-1 or binary data: messages, the log and the API stay UTF-8.
    std::string valid;
    catalog::rdf_export::append_valid_utf8(valid, out);
    if (truncated) valid += "...";
    return valid;
}

std::string describe_http_status(long status) {
    const auto text = catalog::api::status_reason(status);
    return text.empty() ? fmt::format("HTTP {}", status) : fmt::format("HTTP {} {}", status, text);
}

std::optional<HttpUrl> parse_http_url(std::string_view url, std::string* problem) {
    auto fail = [&](std::string why) -> std::optional<HttpUrl> {
        if (problem != nullptr) *problem = std::move(why);
        return std::nullopt;
    };
    if (trim(url).empty()) return fail("the URL is empty");
    for (const char c : url) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            return fail("the URL contains white space; a space must be written as %20");
        }
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return fail("the URL contains a control character");
    }
    const auto colon = url.find(':');
    const bool has_scheme =
        colon != std::string_view::npos && colon > 0 &&
        std::all_of(url.begin(), url.begin() + static_cast<std::ptrdiff_t>(colon), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' ||
                   c == '-' || c == '.';
        });
    if (!has_scheme) return fail("it is not an absolute URL (it does not start with http:// or https://)");
    const std::string scheme = lower(url.substr(0, colon));
    if (scheme != "http" && scheme != "https") {
        return fail(fmt::format("it is not an http or https URL (it starts with {}:)", scheme));
    }
    init_curl_once();
    ParsedUrl parsed;
    if (const int rc = parsed.parse(std::string(url)); rc != CURLUE_OK) {
        return fail(fmt::format("it is not a valid URL ({})", curl_url_strerror(static_cast<CURLUcode>(rc))));
    }
    HttpUrl out;
    out.scheme = scheme;
    out.host = lower(parsed.part(CURLUPART_HOST));
    if (out.host.empty()) return fail("it names no host");
    out.port = parsed.part(CURLUPART_PORT, CURLU_DEFAULT_PORT);
    out.default_port = !parsed.has(CURLUPART_PORT) || out.port == (scheme == "https" ? "443" : "80");
    out.path_and_query = parsed.part(CURLUPART_PATH);
    if (out.path_and_query.empty()) out.path_and_query = "/";
    if (parsed.has(CURLUPART_QUERY)) out.path_and_query += "?" + parsed.part(CURLUPART_QUERY);
    return out;
}

// --- Fetcher internals ------------------------------------------------------

/// DNS cache and TLS session ids shared by all transfers of a Fetcher.
struct Fetcher::Share {
    CURLSH* handle = nullptr;
    std::array<std::mutex, CURL_LOCK_DATA_LAST> locks;

    Share() {
        handle = curl_share_init();
        if (handle == nullptr) throw std::runtime_error("libcurl: curl_share_init failed");
        curl_share_setopt(handle, CURLSHOPT_LOCKFUNC, &Share::lock);
        curl_share_setopt(handle, CURLSHOPT_UNLOCKFUNC, &Share::unlock);
        curl_share_setopt(handle, CURLSHOPT_USERDATA, this);
        curl_share_setopt(handle, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
        curl_share_setopt(handle, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
    }
    Share(const Share&) = delete;
    Share& operator=(const Share&) = delete;
    ~Share() { curl_share_cleanup(handle); }

    static void lock(CURL*, curl_lock_data data, curl_lock_access, void* self) {
        static_cast<Share*>(self)->locks[static_cast<std::size_t>(data) % CURL_LOCK_DATA_LAST].lock();
    }
    static void unlock(CURL*, curl_lock_data data, void* self) {
        static_cast<Share*>(self)->locks[static_cast<std::size_t>(data) % CURL_LOCK_DATA_LAST].unlock();
    }
};

/// An easy handle driven by its own multi handle. The multi handle owns the
/// connection cache, so reusing a Handles object reuses its kept-alive
/// connections; driving the transfer ourselves gives millisecond read
/// timeouts and prompt cancellation.
struct Fetcher::Handles {
    CURLM* multi = nullptr;
    CURL* easy = nullptr;

    Handles() : multi(curl_multi_init()), easy(curl_easy_init()) {
        if (multi == nullptr || easy == nullptr) {
            cleanup();
            throw std::runtime_error("libcurl: could not create a transfer handle");
        }
    }
    Handles(const Handles&) = delete;
    Handles& operator=(const Handles&) = delete;
    ~Handles() { cleanup(); }

    void cleanup() {
        if (easy != nullptr) curl_easy_cleanup(easy);
        if (multi != nullptr) curl_multi_cleanup(multi);
        easy = nullptr;
        multi = nullptr;
    }
};

/// The outcome of one attempt: either a transfer that produced an HTTP
/// answer (`failed` false, any status) or a transport-level failure.
struct Fetcher::Attempt {
    bool failed = false;
    FetchError::Kind kind = FetchError::Kind::other;
    bool retryable = false;
    std::string reason;  ///< what went wrong, lower-case start, no URL

    long status = 0;
    std::string effective_url;
    std::string content_type;
    std::string body;
    Validators validators;
    std::string retry_after;
    std::optional<std::uint64_t> content_length;  ///< the final answer's Content-Length, when sent
    bool connected = false;  ///< the connection was made: a request may have reached the server
};

/// A place in the per-host transfer limit, held for one attempt. With a
/// host interval it also waits for the host's turn, so that two attempts
/// against one host start at least the interval apart.
class Fetcher::HostPermit {
public:
    HostPermit(Fetcher& fetcher, std::string host, const std::string& url)
        : m_fetcher(fetcher), m_host(std::move(host)) {
        const int limit = std::max(1, fetcher.m_options.max_connections_per_host);
        const milliseconds interval = fetcher.m_options.host_interval;
        std::unique_lock lock(fetcher.m_hosts_mutex);
        while (fetcher.m_active_per_host[m_host] >= limit) {
            if (fetcher.cancelled()) {
                release_locked();
                throw FetchError(FetchError::Kind::cancelled, url, 0,
                                 fmt::format("Fetching {} was cancelled while waiting for a free connection.", url), 0);
            }
            fetcher.m_hosts_cv.wait_for(lock, cancel_poll_interval);
        }
        ++fetcher.m_active_per_host[m_host];
        if (interval.count() <= 0) return;
        // The host's turn comes `interval` after its last start. A start is
        // taken when the wait is over, so a thread that wakes late pushes the
        // next one back instead of starting right behind it.
        for (;;) {
            const auto now = Clock::now();
            auto& last = fetcher.m_last_start_per_host[m_host];
            if (last == Clock::time_point{} || now - last >= interval) {
                last = now;
                return;
            }
            const auto turn = last + interval;
            lock.unlock();
            if (!fetcher.sleep_unless_cancelled(std::chrono::ceil<milliseconds>(turn - now))) {
                release();
                throw FetchError(FetchError::Kind::cancelled, url, 0,
                                 fmt::format("Fetching {} was cancelled while waiting for its turn at the host.", url),
                                 0);
            }
            lock.lock();
        }
    }
    HostPermit(const HostPermit&) = delete;
    HostPermit& operator=(const HostPermit&) = delete;
    ~HostPermit() { release(); }

private:
    void release() {
        {
            const std::lock_guard lock(m_fetcher.m_hosts_mutex);
            --m_fetcher.m_active_per_host[m_host];
            release_locked();
        }
        m_fetcher.m_hosts_cv.notify_all();
    }

    void release_locked() {
        const auto it = m_fetcher.m_active_per_host.find(m_host);
        if (it != m_fetcher.m_active_per_host.end() && it->second <= 0) m_fetcher.m_active_per_host.erase(it);
    }

    Fetcher& m_fetcher;
    std::string m_host;
};

// --- Fetcher ------------------------------------------------------------------

Fetcher::Fetcher(FetchOptions options) : m_options(std::move(options)) {
    init_curl_once();
    if (m_options.user_agent.empty()) m_options.user_agent = "ernte/" ERNTE_VERSION;
    m_share = std::make_unique<Share>();
}

Fetcher::~Fetcher() {
    // Transfer handles use the share; release them first.
    m_pool.clear();
}

void Fetcher::note_host_start(const std::string& host) {
    const std::lock_guard lock(m_hosts_mutex);
    auto& last = m_last_start_per_host[host];
    last = std::max(last, Clock::now());
}

bool Fetcher::cancelled() const {
    return m_options.cancel != nullptr && m_options.cancel->load(std::memory_order_relaxed);
}

bool Fetcher::sleep_unless_cancelled(milliseconds duration) const {
    const auto until = Clock::now() + duration;
    for (;;) {
        if (cancelled()) return false;
        const auto now = Clock::now();
        if (now >= until) return true;
        std::this_thread::sleep_for(std::min<Clock::duration>(until - now, cancel_poll_interval));
    }
}

std::unique_ptr<Fetcher::Handles> Fetcher::acquire_handles() {
    {
        const std::lock_guard lock(m_pool_mutex);
        if (!m_pool.empty()) {
            auto handles = std::move(m_pool.back());
            m_pool.pop_back();
            return handles;
        }
    }
    return std::make_unique<Handles>();
}

void Fetcher::release_handles(std::unique_ptr<Handles> handles) {
    // Enough idle handles for every host limit slot of a few hosts at once.
    const std::size_t keep = static_cast<std::size_t>(std::max(1, m_options.max_connections_per_host)) * 4;
    const std::lock_guard lock(m_pool_mutex);
    if (m_pool.size() < keep) m_pool.push_back(std::move(handles));
}

Fetcher::Attempt Fetcher::perform(const FetchRequest& request, const std::optional<Validators>& sent,
                                  const ProbeRequest* probe, const PostRequest* post) {
    // A probe has one timeout for the whole attempt and its own redirect limit.
    const milliseconds total_timeout = probe ? probe->timeout : m_options.total_timeout;
    const milliseconds connect_timeout =
        probe ? std::min(m_options.connect_timeout, probe->timeout) : m_options.connect_timeout;
    const milliseconds read_timeout = probe ? probe->timeout : m_options.read_timeout;
    const int max_redirects = std::max(0, probe ? probe->max_redirects : m_options.max_redirects);
    // With a host interval, the host's turn counts from when the request goes out.
    const std::string paced_host = m_options.host_interval.count() > 0 ? host_key(request.url) : std::string();
    bool start_noted = false;

    auto handles = acquire_handles();
    CURL* easy = handles->easy;
    CURLM* multi = handles->multi;

    TransferState state;
    state.easy = easy;
    state.max_bytes = m_options.max_bytes;
    state.stop_at_body = probe != nullptr && probe->method == ProbeMethod::get;
    state.last_activity = Clock::now();
    std::array<char, CURL_ERROR_SIZE> error_buffer{};

    Slist headers;
    append_header(headers, "Accept: " + (request.accept.empty() ? std::string(default_accept(request.expect))
                                                                   : request.accept));
    if (post != nullptr) {
        append_header(headers, "Content-Type: " + post->content_type);
        // No "Expect: 100-continue" round trip before larger bodies.
        append_header(headers, "Expect:");
        for (const auto& [name, value] : post->headers) append_header(headers, name + ": " + value);
    }
    if (sent) {
        if (!sent->etag.empty()) append_header(headers, "If-None-Match: " + sent->etag);
        if (!sent->last_modified.empty()) append_header(headers, "If-Modified-Since: " + sent->last_modified);
    }

    curl_easy_reset(easy);
    set_option(easy, CURLOPT_URL, request.url.c_str());
    if (probe != nullptr && probe->method == ProbeMethod::head) set_option(easy, CURLOPT_NOBODY, 1L);
    else if (post != nullptr) {
        set_option(easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(post->body.size()));
        set_option(easy, CURLOPT_POSTFIELDS, post->body.c_str());
    } else set_option(easy, CURLOPT_HTTPGET, 1L);
    set_option(easy, CURLOPT_NOSIGNAL, 1L);
    set_option(easy, CURLOPT_SHARE, m_share->handle);
    set_option(easy, CURLOPT_PROTOCOLS_STR, "http,https");
    set_option(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    set_option(easy, CURLOPT_FOLLOWLOCATION, post != nullptr ? 0L : 1L);
    set_option(easy, CURLOPT_MAXREDIRS, static_cast<long>(max_redirects));
    set_option(easy, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(connect_timeout.count()));
    set_option(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(total_timeout.count()));
    if (probe == nullptr) {
        // A probe asks for no encoding, so that Content-Length is the size of the file itself,
        // and has no size cap: it never receives a body.
        set_option(easy, CURLOPT_ACCEPT_ENCODING, "");
        set_option(easy, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(m_options.max_bytes));
    }
    set_option(easy, CURLOPT_USERAGENT, m_options.user_agent.c_str());
    set_option(easy, CURLOPT_HTTPHEADER, headers.get());
    set_option(easy, CURLOPT_SSL_VERIFYPEER, 1L);
    set_option(easy, CURLOPT_SSL_VERIFYHOST, 2L);
    set_option(easy, CURLOPT_TCP_KEEPALIVE, 1L);
    set_option(easy, CURLOPT_ERRORBUFFER, error_buffer.data());
    set_option(easy, CURLOPT_WRITEFUNCTION, &on_body);
    set_option(easy, CURLOPT_WRITEDATA, &state);
    set_option(easy, CURLOPT_HEADERFUNCTION, &on_header);
    set_option(easy, CURLOPT_HEADERDATA, &state);
    set_option(easy, CURLOPT_PREREQFUNCTION, &on_connected);
    set_option(easy, CURLOPT_PREREQDATA, &state);

    if (curl_multi_add_handle(multi, easy) != CURLM_OK) {
        throw std::runtime_error("libcurl: could not start a transfer");
    }

    enum class Abort { none, cancelled, read_timeout, multi_error };
    Abort abort = Abort::none;
    std::string multi_error;
    for (;;) {
        int running = 0;
        const CURLMcode mc = curl_multi_perform(multi, &running);
        if (mc != CURLM_OK) {
            abort = Abort::multi_error;
            multi_error = curl_multi_strerror(mc);
            break;
        }
        if (state.connected && !start_noted && !paced_host.empty()) {
            note_host_start(paced_host);
            start_noted = true;
        }
        if (running == 0) break;
        if (cancelled()) {
            abort = Abort::cancelled;
            break;
        }
        milliseconds wait = cancel_poll_interval;
        if (state.connected) {
            const auto idle = std::chrono::duration_cast<milliseconds>(Clock::now() - state.last_activity);
            if (idle >= read_timeout) {
                abort = Abort::read_timeout;
                break;
            }
            wait = std::min(wait, read_timeout - idle + milliseconds(1));
        }
        curl_multi_poll(multi, nullptr, 0, static_cast<int>(wait.count()), nullptr);
    }

    CURLcode result = CURLE_OK;
    if (abort == Abort::none) {
        int queued = 0;
        while (CURLMsg* message = curl_multi_info_read(multi, &queued)) {
            if (message->msg == CURLMSG_DONE) result = message->data.result;
        }
    }

    Attempt attempt;
    attempt.status = response_code(easy);
    char* effective_url = nullptr;
    curl_easy_getinfo(easy, CURLINFO_EFFECTIVE_URL, &effective_url);
    attempt.effective_url = effective_url != nullptr ? effective_url : request.url;
    char* content_type = nullptr;
    curl_easy_getinfo(easy, CURLINFO_CONTENT_TYPE, &content_type);
    if (content_type != nullptr) attempt.content_type = content_type;
    curl_off_t content_length = -1;
    if (curl_easy_getinfo(easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &content_length) == CURLE_OK &&
        content_length >= 0) {
        attempt.content_length = static_cast<std::uint64_t>(content_length);
    }
    curl_multi_remove_handle(multi, easy);
    // An aborted transfer leaves its connection in an unknown state: drop the
    // handles (and with them the connection) instead of pooling them.
    if (abort == Abort::none) release_handles(std::move(handles));

    if (state.error) std::rethrow_exception(state.error);

    attempt.body = std::move(state.body);
    attempt.connected = state.connected;
    attempt.validators = {std::move(state.etag), std::move(state.last_modified)};
    attempt.retry_after = std::move(state.retry_after);

    auto fail = [&](FetchError::Kind kind, bool retryable, std::string reason) {
        attempt.failed = true;
        attempt.kind = kind;
        attempt.retryable = retryable;
        attempt.reason = std::move(reason);
        return std::move(attempt);
    };
    // A probe's GET stopped at the body on purpose: the headers are what it wanted.
    if (result == CURLE_WRITE_ERROR && state.stopped_at_body) result = CURLE_OK;
    const std::string detail = error_buffer[0] != '\0' ? std::string(error_buffer.data()) : curl_easy_strerror(result);
    const std::string probe_timeout =
        fmt::format("no complete answer within {} (timeout)", format_duration(total_timeout));

    switch (abort) {
    case Abort::cancelled: return fail(FetchError::Kind::cancelled, false, "the transfer was cancelled");
    case Abort::read_timeout:
        if (probe != nullptr) return fail(FetchError::Kind::timeout, true, probe_timeout);
        return fail(FetchError::Kind::timeout, true,
                    fmt::format("no data received for {} (read timeout)", format_duration(read_timeout)));
    case Abort::multi_error: return fail(FetchError::Kind::other, false, "libcurl failed: " + multi_error);
    case Abort::none: break;
    }

    switch (result) {
    case CURLE_OK: return attempt;
    case CURLE_OPERATION_TIMEDOUT:
        if (!state.connected) {
            return fail(FetchError::Kind::timeout, true,
                        fmt::format("could not connect within {} (connect timeout)",
                                    format_duration(std::min(connect_timeout, total_timeout))));
        }
        if (probe != nullptr) return fail(FetchError::Kind::timeout, true, probe_timeout);
        return fail(FetchError::Kind::timeout, true,
                    fmt::format("the transfer took longer than {} (total timeout)", format_duration(total_timeout)));
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
        return fail(FetchError::Kind::dns, true, fmt::format("the host name could not be resolved ({})", detail));
    case CURLE_COULDNT_CONNECT:
        return fail(FetchError::Kind::connection, true, fmt::format("could not connect ({})", detail));
    case CURLE_PARTIAL_FILE:
        return fail(FetchError::Kind::connection, true,
                    fmt::format("the connection closed before the whole body arrived ({})", detail));
    case CURLE_GOT_NOTHING:
        return fail(FetchError::Kind::connection, true, "the server closed the connection without answering");
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
        return fail(FetchError::Kind::connection, true, fmt::format("the connection failed ({})", detail));
    case CURLE_TOO_MANY_REDIRECTS:
        return fail(FetchError::Kind::too_many_redirects, false,
                    fmt::format("more than {} redirects (last at {})", max_redirects, attempt.effective_url));
    case CURLE_FILESIZE_EXCEEDED:
        return fail(FetchError::Kind::too_large, false,
                    fmt::format("the announced Content-Length exceeds the size cap of {}",
                                format_bytes(m_options.max_bytes)));
    case CURLE_WRITE_ERROR:
        if (state.too_large) {
            return fail(FetchError::Kind::too_large, false,
                        fmt::format("the body exceeded the size cap of {} (counted after decompression)",
                                    format_bytes(m_options.max_bytes)));
        }
        return fail(FetchError::Kind::other, false, fmt::format("the body could not be stored ({})", detail));
    case CURLE_SSL_CONNECT_ERROR:
        return fail(FetchError::Kind::tls, true, fmt::format("the TLS handshake failed ({})", detail));
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_USE_SSL_FAILED:
        return fail(FetchError::Kind::tls, false, fmt::format("TLS verification failed ({})", detail));
    case CURLE_UNSUPPORTED_PROTOCOL:
        return fail(FetchError::Kind::other, false,
                    fmt::format("the URL or a redirect uses a protocol other than http/https, or the server "
                                "answered with something that is not HTTP ({})",
                                detail));
    case CURLE_BAD_CONTENT_ENCODING:
        return fail(FetchError::Kind::other, false,
                    fmt::format("the compressed body could not be decoded ({})", detail));
    case CURLE_ABORTED_BY_CALLBACK: return fail(FetchError::Kind::cancelled, false, "the transfer was cancelled");
    default: return fail(FetchError::Kind::other, false, detail);
    }
}

FetchResponse Fetcher::get(const FetchRequest& request, ValidatorCache* cache) {
    const auto started = Clock::now();
    const std::string& url = request.url;
    const int max_attempts = std::max(0, m_options.retries) + 1;

    std::optional<Validators> sent;
    if (cache != nullptr && request.conditional) {
        sent = cache->lookup(url);
        if (sent && sent->empty()) sent.reset();
    }
    const std::string host = host_key(url);
    const spdlog::level::level_enum attempt_level = request.quiet ? spdlog::level::debug : spdlog::level::warn;

    auto attempts_text = [](int n) { return n == 1 ? std::string("1 attempt") : fmt::format("{} attempts", n); };
    auto cancelled_error = [&](int attempt) {
        return FetchError(FetchError::Kind::cancelled, url, 0,
                          fmt::format("Fetching {} was cancelled (after {}).", url, attempts_text(attempt)), attempt);
    };

    for (int attempt = 1;; ++attempt) {
        if (cancelled()) throw cancelled_error(attempt - 1);
        Attempt outcome;
        {
            const HostPermit permit(*this, host, url);
            outcome = perform(request, sent);
        }
        if (outcome.failed && outcome.kind == FetchError::Kind::cancelled) throw cancelled_error(attempt);

        const long status = outcome.status;
        if (!outcome.failed) {
            if (status >= 200 && status < 300) {
                FetchResponse response;
                response.status = status;
                response.effective_url = std::move(outcome.effective_url);
                response.content_type = std::move(outcome.content_type);
                response.validators = std::move(outcome.validators);
                response.attempts = attempt;

                const bool html_type = is_html_type(response.content_type);
                const std::string type_text = response.content_type.empty() ? "none" : response.content_type;
                if (request.expect == ContentKind::json &&
                    (html_type || content_start(outcome.body).substr(0, 1) == "<")) {
                    const bool html = html_type || looks_like_html(outcome.body);
                    const std::string message = fmt::format(
                        "Expected JSON from {} but got {} (Content-Type {}; starts with '{}'); not retried.", url,
                        html ? "an HTML page" : "XML or other markup", type_text, body_snippet(outcome.body, 40));
                    spdlog::warn("{}", message);
                    throw FetchError(FetchError::Kind::wrong_content, url, status, message, attempt);
                }
                if (request.expect == ContentKind::rdf && (html_type || looks_like_html(outcome.body))) {
                    const std::string message =
                        fmt::format("Expected RDF from {} but got an HTML page (Content-Type {}; starts with '{}'); "
                                    "not retried.",
                                    url, type_text, body_snippet(outcome.body, 40));
                    spdlog::warn("{}", message);
                    throw FetchError(FetchError::Kind::wrong_content, url, status, message, attempt);
                }
                response.body = std::move(outcome.body);
                if (cache != nullptr && status == 200 && !response.validators.empty()) {
                    cache->remember(url, response.validators);
                }
                response.elapsed = std::chrono::duration_cast<milliseconds>(Clock::now() - started);
                return response;
            }
            if (status == 304 && sent) {
                FetchResponse response;
                response.status = status;
                response.effective_url = std::move(outcome.effective_url);
                response.content_type = std::move(outcome.content_type);
                response.not_modified = true;
                response.attempts = attempt;
                response.validators = *sent;
                if (!outcome.validators.etag.empty()) response.validators.etag = outcome.validators.etag;
                if (!outcome.validators.last_modified.empty()) {
                    response.validators.last_modified = outcome.validators.last_modified;
                }
                if (cache != nullptr && response.validators != *sent) cache->remember(url, response.validators);
                response.elapsed = std::chrono::duration_cast<milliseconds>(Clock::now() - started);
                return response;
            }
            outcome.failed = true;
            outcome.kind = FetchError::Kind::http_status;
            outcome.retryable = status == 429 || status >= 500;
            const std::string body_start = body_snippet(outcome.body);
            outcome.reason = body_start.empty()
                                 ? fmt::format("the server answered {}", describe_http_status(status))
                                 : fmt::format("the server answered {} (body starts with '{}')",
                                               describe_http_status(status), body_start);
        }

        if (!outcome.retryable || attempt >= max_attempts) {
            const std::string ending = outcome.retryable
                                           ? fmt::format("gave up after {}", attempts_text(attempt))
                                           : (attempt == 1 ? std::string("not retried")
                                                           : fmt::format("attempt {} of {}, not retried", attempt,
                                                                         max_attempts));
            spdlog::log(attempt_level, "GET {}: attempt {} of {} failed: {}; {}", url, attempt, max_attempts,
                        outcome.reason, outcome.retryable ? "giving up" : "not retried");
            throw FetchError(outcome.kind, url, status,
                             fmt::format("Fetching {} failed: {}; {}.", url, outcome.reason, ending), attempt);
        }

        milliseconds wait = backoff_delay(m_options, attempt - 1);
        if ((status == 429 || status == 503) && !outcome.retry_after.empty()) {
            if (const auto asked = parse_retry_after(outcome.retry_after)) {
                if (*asked > m_options.retry_after_max) {
                    const std::string reason =
                        fmt::format("{} and asks to retry after {}, longer than the allowed {}", outcome.reason,
                                    format_duration(std::chrono::ceil<std::chrono::seconds>(*asked)),
                                    format_duration(m_options.retry_after_max));
                    spdlog::log(attempt_level, "GET {}: attempt {} of {} failed: {}; giving up", url, attempt,
                                max_attempts, reason);
                    throw FetchError(outcome.kind, url, status,
                                     fmt::format("Fetching {} failed: {}; gave up after {}.", url, reason,
                                                 attempts_text(attempt)),
                                     attempt);
                }
                wait = *asked;
            }
        }
        spdlog::log(attempt_level, "GET {}: attempt {} of {} failed: {}; retrying in {}", url, attempt, max_attempts,
                    outcome.reason, format_duration(wait));
        if (!sleep_unless_cancelled(wait)) throw cancelled_error(attempt);
    }
}

ProbeResult Fetcher::probe(const ProbeRequest& request) {
    const auto started = Clock::now();
    const std::string& url = request.url;
    const std::string_view method = request.method == ProbeMethod::head ? "HEAD" : "GET";
    ProbeResult result;
    auto finish = [&](std::optional<FetchError::Kind> failure, std::string message) {
        result.failure = failure;
        result.message = std::move(message);
        result.elapsed = std::chrono::duration_cast<milliseconds>(Clock::now() - started);
        return std::move(result);
    };
    auto attempts_text = [](int n) { return n == 1 ? std::string("1 attempt") : fmt::format("{} attempts", n); };
    auto cancelled_result = [&] {
        return finish(FetchError::Kind::cancelled, fmt::format("{} {} was cancelled.", method, url));
    };

    std::string problem;
    if (!parse_http_url(url, &problem)) {
        return finish(FetchError::Kind::invalid_url, fmt::format("{} cannot be checked: {}.", url, problem));
    }
    const std::string host = host_key(url);
    const int max_attempts = std::max(0, request.retries) + 1;
    const FetchRequest as_request{url, ContentKind::any, "*/*", false};

    for (int attempt = 1;; ++attempt) {
        if (cancelled()) return cancelled_result();
        result.attempts = attempt;
        Attempt outcome;
        try {
            const HostPermit permit(*this, host, url);
            outcome = perform(as_request, std::nullopt, &request);
        } catch (const FetchError& e) {
            if (e.kind() == FetchError::Kind::cancelled) return cancelled_result();
            throw;
        }
        if (outcome.failed && outcome.kind == FetchError::Kind::cancelled) return cancelled_result();

        result.status = outcome.status;
        result.effective_url = std::move(outcome.effective_url);
        result.content_type = std::move(outcome.content_type);
        result.content_length = outcome.content_length;
        const long status = outcome.status;
        const bool retryable = outcome.failed ? outcome.retryable : (status == 429 || status >= 500);
        const std::string what = outcome.failed ? outcome.reason : "the server answered " + describe_http_status(status);

        std::optional<milliseconds> wait;
        if (retryable && attempt < max_attempts) {
            wait = backoff_delay(m_options, attempt - 1);
            if (!outcome.failed && (status == 429 || status == 503) && !outcome.retry_after.empty()) {
                const auto asked = parse_retry_after(outcome.retry_after);
                if (asked && *asked > m_options.retry_after_max) wait.reset();  // too long: take the answer as it is
                else if (asked) wait = *asked;
            }
        }
        if (!wait) {
            if (!outcome.failed) return finish(std::nullopt, {});
            const std::string ending = retryable ? fmt::format("gave up after {}", attempts_text(attempt))
                                                 : (attempt == 1 ? std::string("not retried")
                                                                 : fmt::format("attempt {}, not retried", attempt));
            return finish(outcome.kind, fmt::format("{} {} failed: {}; {}.", method, url, outcome.reason, ending));
        }
        spdlog::debug("{} {}: attempt {} of {} failed: {}; retrying in {}", method, url, attempt, max_attempts, what,
                      format_duration(*wait));
        if (!sleep_unless_cancelled(*wait)) return cancelled_result();
    }
}

FetchResponse Fetcher::post(const PostRequest& request) {
    const auto started = Clock::now();
    const std::string& url = request.url;
    const int max_attempts = std::max(0, m_options.retries) + 1;
    const std::string host = host_key(url);
    const FetchRequest as_request{url, ContentKind::json, request.accept, false};
    auto attempts_text = [](int n) { return n == 1 ? std::string("1 attempt") : fmt::format("{} attempts", n); };

    for (int attempt = 1;; ++attempt) {
        if (cancelled()) {
            throw FetchError(FetchError::Kind::cancelled, url, 0, fmt::format("POST to {} was cancelled.", url),
                             attempt - 1);
        }
        Attempt outcome;
        {
            const HostPermit permit(*this, host, url);
            outcome = perform(as_request, std::nullopt, nullptr, &request);
        }
        if (outcome.failed && outcome.kind == FetchError::Kind::cancelled) {
            throw FetchError(FetchError::Kind::cancelled, url, 0, fmt::format("POST to {} was cancelled.", url),
                             attempt);
        }
        const long status = outcome.status;
        // Retried only what the server cannot have acted on.
        const bool refused = !outcome.failed && (status == 429 || status == 503);
        const bool retryable = refused || (outcome.failed && outcome.retryable && !outcome.connected);
        std::optional<milliseconds> wait;
        if (retryable && attempt < max_attempts) {
            wait = backoff_delay(m_options, attempt - 1);
            if (refused && !outcome.retry_after.empty()) {
                const auto asked = parse_retry_after(outcome.retry_after);
                if (asked && *asked > m_options.retry_after_max) wait.reset();
                else if (asked) wait = *asked;
            }
        }
        if (!wait) {
            if (!outcome.failed) {
                FetchResponse response;
                response.status = status;
                response.effective_url = std::move(outcome.effective_url);
                response.content_type = std::move(outcome.content_type);
                response.body = std::move(outcome.body);
                response.attempts = attempt;
                response.elapsed = std::chrono::duration_cast<milliseconds>(Clock::now() - started);
                return response;
            }
            const std::string ending =
                outcome.connected ? std::string("not retried, because the request may have reached the server")
                : retryable       ? fmt::format("gave up after {}", attempts_text(attempt))
                                  : std::string("not retried");
            spdlog::warn("POST {}: attempt {} of {} failed: {}", url, attempt, max_attempts, outcome.reason);
            throw FetchError(outcome.kind, url, 0, fmt::format("POST to {} failed: {}; {}.", url, outcome.reason, ending),
                             attempt);
        }
        spdlog::warn("POST {}: attempt {} of {} failed: {}; retrying in {}", url, attempt, max_attempts,
                     outcome.failed ? outcome.reason : "the server answered " + describe_http_status(status),
                     format_duration(*wait));
        if (!sleep_unless_cancelled(*wait)) {
            throw FetchError(FetchError::Kind::cancelled, url, 0, fmt::format("POST to {} was cancelled.", url),
                             attempt);
        }
    }
}

bool is_gzip_file(std::string_view body) {
    return body.size() >= 2 && static_cast<unsigned char>(body[0]) == 0x1f &&
           static_cast<unsigned char>(body[1]) == 0x8b;
}

std::string gunzip_file(std::string_view body, std::size_t max_bytes) {
    z_stream stream{};
    if (inflateInit2(&stream, 15 + 16) != Z_OK) throw std::runtime_error("zlib could not be initialized");
    struct End {
        z_stream* s;
        ~End() { inflateEnd(s); }
    } end{&stream};
    std::string out;
    std::array<unsigned char, 64 * 1024> chunk{};
    std::size_t consumed = 0;
    for (;;) {
        // zlib counts input in 32 bits: a larger file is handed over in parts.
        if (stream.avail_in == 0 && consumed < body.size()) {
            const std::size_t part = std::min<std::size_t>(body.size() - consumed, 1u << 30);
            stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data() + consumed));
            stream.avail_in = static_cast<uInt>(part);
            consumed += part;
        }
        stream.next_out = chunk.data();
        stream.avail_out = static_cast<uInt>(chunk.size());
        const int rc = inflate(&stream, Z_NO_FLUSH);
        const std::size_t produced = chunk.size() - stream.avail_out;
        if (produced > max_bytes - std::min(max_bytes, out.size()))
            throw std::runtime_error(fmt::format("unpacked, it is larger than the limit of {}", format_bytes(max_bytes)));
        out.append(reinterpret_cast<const char*>(chunk.data()), produced);
        if (rc == Z_STREAM_END) return out;
        if (rc == Z_BUF_ERROR && stream.avail_in == 0 && consumed == body.size())
            throw std::runtime_error(fmt::format("the gzip file ends early (after {} unpacked)", format_bytes(out.size())));
        if (rc != Z_OK && rc != Z_BUF_ERROR) {
            throw std::runtime_error(fmt::format("not a readable gzip file ({}, after {} unpacked)",
                                                 stream.msg != nullptr ? stream.msg : "zlib error",
                                                 format_bytes(out.size())));
        }
    }
}

}  // namespace ernte::harvester
