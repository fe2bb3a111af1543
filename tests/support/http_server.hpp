#pragma once
/// A real HTTP/1.1 server on loopback that answers with whatever a test's
/// handler returns, including on-purpose misbehaviour (delays, stalls,
/// truncated bodies, malformed replies). Used by the tests, the demo portal
/// and the benchmarks; faults are injected through it, never through mocks.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace ernte::testsupport {

/// A port on loopback that nobody listens on (for connection-refused cases).
std::uint16_t unused_port();

/// Send `raw` (a whole HTTP request, normally with `Connection: close`) to
/// 127.0.0.1:`port` and return everything the server sends until it closes
/// or `timeout` passes; "" when nobody listens.
std::string raw_exchange(std::uint16_t port, std::string_view raw,
                         std::chrono::milliseconds timeout = std::chrono::milliseconds(10000));

/// One request as the handler sees it.
struct HttpRequest {
    std::string method;
    std::string target;  ///< as sent: path?query
    std::string path;    ///< target before '?', not decoded
    std::string query;   ///< target after '?', not decoded, empty if none
    std::map<std::string, std::string> headers;  ///< lower-case names; repeated headers joined with ", "
    std::string body;

    /// The value of a header, "" if absent; the name is case-insensitive.
    std::string header(std::string_view name) const;
    /// The url-decoded value of a query parameter ('+' as space), "" if absent.
    std::string query_param(std::string_view name) const;
};

/// A request as the server's log keeps it.
struct LoggedRequest {
    std::string method;
    std::string target;
    std::string user_agent;
    std::chrono::steady_clock::time_point received;  ///< when the request had been read, before the handler ran
};

/// What the server sends back, and how badly it behaves while doing so.
/// The server adds Content-Length (unless the handler set one itself, which
/// lets a test lie about the length) and Content-Encoding for `gzip`.
struct HttpResponse {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;

    /// Wait before sending anything (cut short when the server stops).
    std::chrono::milliseconds delay{0};
    /// Send headers (with the full Content-Length) and this many body bytes,
    /// then hold the connection silent until the client gives up or the
    /// server stops.
    std::optional<std::size_t> stall_after_bytes;
    /// Send headers with the full Content-Length, this many body bytes, then close.
    std::optional<std::size_t> truncate_after_bytes;
    /// Gzip the body and send Content-Encoding: gzip (byte counts above then
    /// refer to the compressed body).
    bool gzip = false;
    /// Non-empty: written to the socket verbatim instead of a normal response
    /// (malformed HTTP), then the connection is closed.
    std::string raw;
    /// Close the connection without sending a single byte.
    bool close_without_response = false;

    /// A JSON body with Content-Type application/json; charset=utf-8.
    static HttpResponse json(std::string body, int status = 200);
    /// A body with the given Content-Type.
    static HttpResponse text(std::string body, std::string content_type, int status = 200);
};

/// A threaded HTTP/1.1 server with keep-alive. Every connection is served by
/// its own thread, so the handler is called concurrently from several threads
/// (it must be thread-safe) and may block (e.g. sleep) without holding up
/// other connections; it must return eventually, because stop() waits for it.
/// A handler that throws produces a 500 answer with the exception's message.
/// HEAD requests get the handler's headers and Content-Length without a body.
class HttpServer {
public:
    using Handler = std::function<HttpResponse(const HttpRequest&)>;

    /// Starts listening immediately (port 0: any free port).
    explicit HttpServer(Handler handler, std::string bind_address = "127.0.0.1", std::uint16_t port = 0);
    /// Stops and joins everything; stalled and idle connections are released.
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    /// The port the server listens on.
    std::uint16_t port() const;
    /// "http://127.0.0.1:PORT" (the bind address; loopback for a wildcard bind).
    std::string base_url() const;
    /// Stops accepting, closes every connection and joins all threads. Idempotent.
    void stop();
    /// Requests received so far (counted before the handler runs).
    std::size_t request_count() const;
    /// Connections accepted so far (shows whether clients reuse connections).
    std::size_t connection_count() const;
    /// Every request received so far, in the order they arrived (which URLs
    /// were asked, and when: tests of politeness assert on it).
    std::vector<LoggedRequest> request_log() const;

private:
    struct Listener;
    struct Connection;

    void accept_loop();
    void serve(Connection& connection);
    void reap_finished_connections();

    Handler m_handler;
    std::string m_bind_address;
    std::uint16_t m_port = 0;
    std::unique_ptr<Listener> m_listener;
    std::thread m_acceptor;

    std::mutex m_stop_mutex;  ///< serializes stop()
    mutable std::mutex m_mutex;
    std::condition_variable m_stopped_cv;  ///< wakes delayed responses on stop()
    bool m_stopping = false;
    bool m_stopped = false;
    std::list<std::unique_ptr<Connection>> m_connections;

    mutable std::mutex m_log_mutex;
    std::vector<LoggedRequest> m_log;
    std::atomic<std::size_t> m_request_count{0};
    std::atomic<std::size_t> m_connection_count{0};
};

/// Gzip (RFC 1952) of `bytes`.
std::string gzip_compress(std::string_view bytes);
/// Gzip of `count` copies of `byte`, compressed piecewise so that a
/// compression bomb (hundreds of MB when decoded) never exists in memory.
std::string gzip_repeated(char byte, std::size_t count);
/// The decoded content of a gzip stream; throws std::runtime_error if it is not one.
std::string gzip_decompress(std::string_view gzipped);

}  // namespace ernte::testsupport
