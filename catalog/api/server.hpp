#pragma once
/// The HTTP/1.1 server of `ernte serve` on Boost.Beast: a coroutine per
/// connection, keep-alive, a deadline on every read, limits on header and
/// body size and on the number of connections. It carries requests to a
/// handler (api::Service::handle_request) on a small pool of threads.

#include "catalog/api/http.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace ernte::catalog::api {

/// How the server listens and what it accepts.
struct ServerOptions {
    std::string address = "127.0.0.1";  ///< an IPv4 or IPv6 address to bind to
    std::uint16_t port = 8080;          ///< 0: any free port (tests)
    int threads = 4;                    ///< requests handled at once
    std::size_t max_connections = 1024; ///< more are answered 503 and closed
    /// A request (headers and body) must arrive within this time; an idle
    /// keep-alive connection is closed after it.
    std::chrono::milliseconds read_timeout{30'000};
    std::chrono::milliseconds write_timeout{60'000};  ///< a client must take the response within this time
    std::size_t header_limit = 16 * 1024;             ///< bytes of request line and headers (431 above)
    std::size_t body_limit = 1024 * 1024;             ///< bytes of request body (413 above)
};

/// Answers one request; called on the server's threads, several at once.
using RequestHandler = std::function<Response(const Request&)>;

class HttpServer {
public:
    HttpServer(ServerOptions options, RequestHandler handler);
    /// Stops and waits for the threads.
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    /// Bind, listen and start the threads. Throws std::runtime_error naming
    /// the address when it cannot listen (port taken, address not local).
    void start();
    /// The port listened on (the one chosen when options.port was 0).
    std::uint16_t port() const;
    /// Stop accepting, let requests being handled finish (at most `grace`),
    /// close every connection and join the threads. Safe to call twice.
    void stop(std::chrono::milliseconds grace = std::chrono::milliseconds(5000));
    /// Connections open now.
    std::size_t connections() const;

    struct Impl;

private:
    std::unique_ptr<Impl> m_impl;
};

}  // namespace ernte::catalog::api
