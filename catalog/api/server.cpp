#include "catalog/api/server.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

namespace ernte::catalog::api {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;

struct HttpServer::Impl {
    ServerOptions options;
    RequestHandler handler;
    // Declared before the io_context: the coroutine frames it destroys last
    // still count themselves out of `connections`.
    std::atomic<std::size_t> connections{0};
    std::atomic<int> handling{0};
    std::atomic<bool> stopping{false};
    std::mutex lifecycle;
    bool started = false;
    bool stopped = false;
    std::uint16_t port = 0;
    asio::io_context ioc;
    std::optional<tcp::acceptor> acceptor;
    std::vector<std::thread> threads;

    Impl(ServerOptions o, RequestHandler h) : options(std::move(o)), handler(std::move(h)), ioc(options.threads) {}
};

namespace {

/// Counts a connection out when its session ends.
class ConnectionSlot {
public:
    explicit ConnectionSlot(std::atomic<std::size_t>& count) : m_count(count) {}
    ~ConnectionSlot() { --m_count; }
    ConnectionSlot(const ConnectionSlot&) = delete;
    ConnectionSlot& operator=(const ConnectionSlot&) = delete;

private:
    std::atomic<std::size_t>& m_count;
};

http::response<http::string_body> to_beast(Response&& response, unsigned version, bool head) {
    http::response<http::string_body> res{static_cast<http::status>(response.status), version};
    std::string_view reason = status_reason(response.status);
    if (reason.empty()) reason = response.status < 400 ? "OK" : "Error";
    res.reason(std::string(reason));
    res.set(http::field::server, "ernte/" ERNTE_VERSION);
    res.set(http::field::content_type, response.content_type);
    for (const auto& [name, value] : response.headers) res.set(name, value);
    if (head) {
        res.content_length(response.body.size());
    } else {
        res.body() = std::move(response.body);
        res.prepare_payload();
    }
    return res;
}

Request from_beast(http::request<http::string_body>&& req, const std::string& peer) {
    Request request;
    request.method = std::string(req.method_string());
    request.target = std::string(req.target());
    for (const auto& field : req) {
        std::string name(field.name_string());
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        request.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    request.body = std::move(req.body());
    request.peer = peer;
    return request;
}

/// The status for a request that could not be read, or 0 to close silently
/// (the client went away, or its deadline passed: the stream is closed then).
int status_for_read_error(const beast::error_code& ec) {
    if (ec == http::error::header_limit) return 431;
    if (ec == http::error::body_limit) return 413;
    if (ec.category() == http::make_error_code(http::error::bad_target).category()) return 400;
    return 0;
}

asio::awaitable<void> session(HttpServer::Impl& impl, tcp::socket socket) {
    ConnectionSlot slot(impl.connections);
    beast::tcp_stream stream(std::move(socket));
    beast::error_code ec;
    std::string peer;
    if (const auto remote = stream.socket().remote_endpoint(ec); !ec)
        peer = fmt::format("{}:{}", remote.address().to_string(), remote.port());

    if (impl.connections > impl.options.max_connections) {
        auto res = to_beast(Response::error(503, "too many connections; try again shortly"), 11, false);
        res.set(http::field::retry_after, "1");
        res.keep_alive(false);
        stream.expires_after(impl.options.write_timeout);
        co_await http::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
        stream.socket().shutdown(tcp::socket::shutdown_send, ec);
        co_return;
    }

    beast::flat_buffer buffer;
    for (;;) {
        http::request_parser<http::string_body> parser;
        parser.header_limit(static_cast<std::uint32_t>(impl.options.header_limit));
        parser.body_limit(impl.options.body_limit);
        stream.expires_after(impl.options.read_timeout);
        co_await http::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
        if (ec) {
            const int status = status_for_read_error(ec);
            if (status == 0) break;
            std::string message;
            switch (status) {
                case 431: message = fmt::format("request headers larger than {} bytes", impl.options.header_limit); break;
                case 413: message = fmt::format("request body larger than {} bytes", impl.options.body_limit); break;
                default: message = fmt::format("malformed HTTP request: {}", ec.message()); break;
            }
            auto res = to_beast(Response::error(status, message), 11, false);
            res.keep_alive(false);
            stream.expires_after(impl.options.write_timeout);
            co_await http::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
            break;
        }
        http::request<http::string_body> req = parser.release();
        const unsigned version = req.version();
        const bool keep_alive = req.keep_alive();
        const bool head = req.method() == http::verb::head;
        Response response;
        if (impl.stopping) {
            response = Response::error(503, "the server is shutting down");
        } else {
            ++impl.handling;
            try {
                response = impl.handler(from_beast(std::move(req), peer));
            } catch (const std::exception& e) {
                spdlog::error("request from {}: {}", peer, e.what());
                response = Response::error(500, "the request could not be answered; the server log has the details");
            }
            --impl.handling;
        }
        auto res = to_beast(std::move(response), version, head);
        res.keep_alive(keep_alive && !impl.stopping);
        stream.expires_after(impl.options.write_timeout);
        co_await http::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
        if (ec || !res.keep_alive()) break;
    }
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
}

asio::awaitable<void> listen(HttpServer::Impl& impl) {
    for (;;) {
        beast::error_code ec;
        tcp::socket socket = co_await impl.acceptor->async_accept(asio::redirect_error(asio::use_awaitable, ec));
        if (impl.stopping || ec == asio::error::operation_aborted) co_return;
        if (ec) {
            // Out of descriptors and the like: wait a moment rather than spin.
            spdlog::warn("accepting a connection failed: {}", ec.message());
            asio::steady_timer pause(impl.ioc, std::chrono::milliseconds(50));
            co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
            continue;
        }
        ++impl.connections;
        asio::co_spawn(impl.ioc, session(impl, std::move(socket)), asio::detached);
    }
}

}  // namespace

HttpServer::HttpServer(ServerOptions options, RequestHandler handler)
    : m_impl(std::make_unique<Impl>(std::move(options), std::move(handler))) {}

HttpServer::~HttpServer() { stop(); }

void HttpServer::start() {
    std::lock_guard lock(m_impl->lifecycle);
    if (m_impl->started) throw std::logic_error("HttpServer::start called twice");
    const std::string where = fmt::format("{}:{}", m_impl->options.address, m_impl->options.port);
    beast::error_code ec;
    const auto address = asio::ip::make_address(m_impl->options.address, ec);
    if (ec) throw std::runtime_error(fmt::format("cannot listen on {}: '{}' is not an IP address", where,
                                                 m_impl->options.address));
    const tcp::endpoint endpoint(address, m_impl->options.port);
    tcp::acceptor& acceptor = m_impl->acceptor.emplace(m_impl->ioc);
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor.bind(endpoint, ec);
    if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
        m_impl->acceptor.reset();
        throw std::runtime_error(fmt::format("cannot listen on {}: {}", where, ec.message()));
    }
    m_impl->port = acceptor.local_endpoint().port();
    m_impl->started = true;
    asio::co_spawn(m_impl->ioc, listen(*m_impl), asio::detached);
    const int threads = std::max(1, m_impl->options.threads);
    for (int i = 0; i < threads; ++i) m_impl->threads.emplace_back([this] { m_impl->ioc.run(); });
}

std::uint16_t HttpServer::port() const { return m_impl->port; }

std::size_t HttpServer::connections() const { return m_impl->connections; }

void HttpServer::stop(std::chrono::milliseconds grace) {
    std::lock_guard lock(m_impl->lifecycle);
    if (!m_impl->started || m_impl->stopped) return;
    m_impl->stopped = true;
    m_impl->stopping = true;
    asio::post(m_impl->ioc, [impl = m_impl.get()] {
        beast::error_code ignored;
        impl->acceptor->close(ignored);
    });
    const auto deadline = std::chrono::steady_clock::now() + grace;
    while (m_impl->handling > 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    m_impl->ioc.stop();
    for (auto& t : m_impl->threads) t.join();
    m_impl->threads.clear();
}

}  // namespace ernte::catalog::api
