#include "tests/support/http_server.hpp"

#include "harvester/fetch.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>

#include <zlib.h>

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <limits>
#include <cerrno>
#include <stdexcept>

namespace ernte::testsupport {

std::uint16_t unused_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t length = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    ::close(fd);
    return ntohs(address.sin_port);
}

std::string raw_exchange(std::uint16_t port, std::string_view raw, std::chrono::milliseconds timeout) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    std::string out;
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        ::close(fd);
        return out;
    }
    while (!raw.empty()) {
        const auto n = ::send(fd, raw.data(), raw.size(), MSG_NOSIGNAL);
        if (n <= 0) break;
        raw.remove_prefix(static_cast<std::size_t>(n));
    }
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    char buffer[65536];
    for (;;) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) break;
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
        const auto n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0) break;
        out.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return out;
}

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;

namespace {

constexpr std::size_t max_request_body = 64u << 20;
constexpr std::uint32_t max_request_header = 64u << 10;

char ascii_lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), ascii_lower);
    return out;
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                              [](char x, char y) { return ascii_lower(x) == ascii_lower(y); });
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string url_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '+') {
            out += ' ';
        } else if (c == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

std::string reason_phrase(int status) {
    const auto known = http::int_to_status(static_cast<unsigned>(status));
    if (known == http::status::unknown) return "Unknown";
    return std::string(http::obsolete_reason(known));
}

/// Runs a zlib deflate stream producing gzip; `feed` is called with a sink
/// taking (bytes, last) and must end with last = true. Fastest level: the
/// server compresses per response, and bombs of hundreds of MB must be quick
/// to build.
template <typename Feed>
std::string deflate_gzip(Feed&& feed) {
    z_stream stream{};
    if (deflateInit2(&stream, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        throw std::runtime_error("gzip: deflateInit2 failed");
    }
    std::string out;
    std::array<unsigned char, 64 * 1024> chunk{};
    auto sink = [&](std::string_view bytes, bool last) {
        stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
        stream.avail_in = static_cast<uInt>(bytes.size());
        const int flush = last ? Z_FINISH : Z_NO_FLUSH;
        int rc = Z_OK;
        do {
            stream.next_out = chunk.data();
            stream.avail_out = static_cast<uInt>(chunk.size());
            rc = deflate(&stream, flush);
            if (rc == Z_STREAM_ERROR) {
                deflateEnd(&stream);
                throw std::runtime_error("gzip: deflate failed");
            }
            out.append(reinterpret_cast<const char*>(chunk.data()), chunk.size() - stream.avail_out);
        } while (stream.avail_out == 0 || (last && rc != Z_STREAM_END));
    };
    try {
        feed(sink);
    } catch (...) {
        deflateEnd(&stream);
        throw;
    }
    deflateEnd(&stream);
    return out;
}

}  // namespace

// --- HttpRequest / HttpResponse ------------------------------------------

std::string HttpRequest::header(std::string_view name) const {
    const auto it = headers.find(lower(name));
    return it == headers.end() ? std::string() : it->second;
}

std::string HttpRequest::query_param(std::string_view name) const {
    std::string_view rest = query;
    while (!rest.empty()) {
        const auto amp = rest.find('&');
        const std::string_view pair = rest.substr(0, amp);
        rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
        const auto eq = pair.find('=');
        if (url_decode(pair.substr(0, eq)) != name) continue;
        return eq == std::string_view::npos ? std::string() : url_decode(pair.substr(eq + 1));
    }
    return {};
}

HttpResponse HttpResponse::json(std::string body, int status) {
    return text(std::move(body), "application/json; charset=utf-8", status);
}

HttpResponse HttpResponse::text(std::string body, std::string content_type, int status) {
    HttpResponse response;
    response.status = status;
    response.headers.emplace_back("Content-Type", std::move(content_type));
    response.body = std::move(body);
    return response;
}

// --- HttpServer -------------------------------------------------------------

struct HttpServer::Listener {
    asio::io_context io;
    tcp::acceptor acceptor{io};
    int wake_fd = -1;

    Listener() = default;
    Listener(const Listener&) = delete;
    Listener& operator=(const Listener&) = delete;
    ~Listener() {
        if (wake_fd >= 0) ::close(wake_fd);
    }
};

struct HttpServer::Connection {
    explicit Connection(tcp::socket accepted) : socket(std::move(accepted)), fd(socket.native_handle()) {}

    tcp::socket socket;
    int fd;  ///< guarded by HttpServer::m_mutex; -1 once the serving thread closes the socket
    std::thread thread;
    std::atomic<bool> done{false};
};

HttpServer::HttpServer(Handler handler, std::string bind_address, std::uint16_t port)
    : m_handler(std::move(handler)), m_bind_address(std::move(bind_address)), m_listener(std::make_unique<Listener>()) {
    const tcp::endpoint endpoint(asio::ip::make_address(m_bind_address), port);
    auto& acceptor = m_listener->acceptor;
    acceptor.open(endpoint.protocol());
    acceptor.set_option(asio::socket_base::reuse_address(true));
    acceptor.bind(endpoint);
    acceptor.listen(asio::socket_base::max_listen_connections);
    acceptor.non_blocking(true);
    m_port = acceptor.local_endpoint().port();
    m_listener->wake_fd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (m_listener->wake_fd < 0) throw std::runtime_error("HttpServer: eventfd failed");
    m_acceptor = std::thread([this] { accept_loop(); });
}

HttpServer::~HttpServer() {
    stop();
}

std::uint16_t HttpServer::port() const {
    return m_port;
}

std::string HttpServer::base_url() const {
    std::string host = m_bind_address;
    if (host == "0.0.0.0") host = "127.0.0.1";
    if (host == "::") host = "::1";
    if (host.find(':') != std::string::npos) host = "[" + host + "]";
    return "http://" + host + ":" + std::to_string(m_port);
}

std::size_t HttpServer::request_count() const {
    return m_request_count.load();
}

std::size_t HttpServer::connection_count() const {
    return m_connection_count.load();
}

std::vector<LoggedRequest> HttpServer::request_log() const {
    const std::lock_guard lock(m_log_mutex);
    return m_log;
}

void HttpServer::stop() {
    const std::lock_guard stop_lock(m_stop_mutex);
    if (m_stopped) return;
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_stopped_cv.notify_all();
    const std::uint64_t one = 1;
    [[maybe_unused]] const auto written = ::write(m_listener->wake_fd, &one, sizeof one);
    if (m_acceptor.joinable()) m_acceptor.join();

    // Wake every connection thread blocked in a read or write; each then
    // closes its own socket.
    std::list<std::unique_ptr<Connection>> connections;
    {
        const std::lock_guard lock(m_mutex);
        for (auto& connection : m_connections) {
            if (connection->fd >= 0) ::shutdown(connection->fd, SHUT_RDWR);
        }
        connections.swap(m_connections);
    }
    for (auto& connection : connections) {
        if (connection->thread.joinable()) connection->thread.join();
    }
    boost::system::error_code ignored;
    m_listener->acceptor.close(ignored);
    m_stopped = true;
}

void HttpServer::reap_finished_connections() {
    const std::lock_guard lock(m_mutex);
    for (auto it = m_connections.begin(); it != m_connections.end();) {
        if ((*it)->done.load()) {
            if ((*it)->thread.joinable()) (*it)->thread.join();
            it = m_connections.erase(it);
        } else {
            ++it;
        }
    }
}

void HttpServer::accept_loop() {
    auto& acceptor = m_listener->acceptor;
    for (;;) {
        std::array<pollfd, 2> fds{{{acceptor.native_handle(), POLLIN, 0}, {m_listener->wake_fd, POLLIN, 0}}};
        if (::poll(fds.data(), fds.size(), -1) < 0) {
            if (errno == EINTR) continue;
            return;
        }
        if (fds[1].revents != 0) return;
        reap_finished_connections();
        for (;;) {
            boost::system::error_code ec;
            tcp::socket socket(m_listener->io);
            acceptor.accept(socket, ec);
            if (ec == asio::error::would_block || ec == asio::error::try_again) break;
            if (ec) {
                // Out of descriptors or a connection aborted before accept:
                // back off briefly instead of spinning.
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
                break;
            }
            socket.set_option(tcp::no_delay(true), ec);
            ++m_connection_count;
            auto connection = std::make_unique<Connection>(std::move(socket));
            Connection& ref = *connection;
            const std::lock_guard lock(m_mutex);
            if (m_stopping) return;
            m_connections.push_back(std::move(connection));
            ref.thread = std::thread([this, &ref] { serve(ref); });
        }
    }
}

namespace {

/// Waits until the peer closes the connection or the socket is shut down.
void hold_until_closed(tcp::socket& socket) {
    std::array<char, 4096> scratch{};
    boost::system::error_code ec;
    while (!ec) socket.read_some(asio::buffer(scratch), ec);
}

}  // namespace

void HttpServer::serve(Connection& connection) {
    tcp::socket& socket = connection.socket;
    beast::flat_buffer buffer;
    for (;;) {
        http::request_parser<http::string_body> parser;
        parser.body_limit(max_request_body);
        parser.header_limit(max_request_header);
        boost::system::error_code ec;
        http::read(socket, buffer, parser, ec);
        if (ec) break;
        auto& message = parser.get();

        HttpRequest request;
        const auto method = message.method_string();
        const auto target = message.target();
        request.method.assign(method.data(), method.size());
        request.target.assign(target.data(), target.size());
        const auto question = request.target.find('?');
        request.path = request.target.substr(0, question);
        if (question != std::string::npos) request.query = request.target.substr(question + 1);
        for (const auto& field : message) {
            const auto name = field.name_string();
            const auto value = field.value();
            auto [it, inserted] = request.headers.emplace(lower(std::string_view(name.data(), name.size())),
                                                          std::string(value.data(), value.size()));
            if (!inserted) it->second.append(", ").append(value.data(), value.size());
        }
        request.body = std::move(message.body());
        bool keep_alive = message.keep_alive();
        {
            const std::lock_guard lock(m_log_mutex);
            m_log.push_back({request.method, request.target, request.header("user-agent"), std::chrono::steady_clock::now()});
        }
        ++m_request_count;

        HttpResponse response;
        try {
            response = m_handler(request);
        } catch (const std::exception& error) {
            response = HttpResponse::text(std::string("handler failed: ") + error.what(), "text/plain", 500);
        } catch (...) {
            response = HttpResponse::text("handler failed", "text/plain", 500);
        }

        if (response.delay.count() > 0) {
            std::unique_lock lock(m_mutex);
            if (m_stopped_cv.wait_for(lock, response.delay, [this] { return m_stopping; })) break;
        }
        if (response.close_without_response) break;
        if (!response.raw.empty()) {
            asio::write(socket, asio::buffer(response.raw), ec);
            break;
        }

        if (response.gzip) response.body = gzip_compress(response.body);
        const bool bodiless_status =
            (response.status >= 100 && response.status < 200) || response.status == 204 || response.status == 304;
        std::string head;
        head.reserve(256);
        head.append("HTTP/1.1 ").append(std::to_string(response.status)).append(" ");
        head.append(reason_phrase(response.status)).append("\r\n");
        bool has_length = false;
        bool has_connection = false;
        for (const auto& [name, value] : response.headers) {
            head.append(name).append(": ").append(value).append("\r\n");
            if (iequals(name, "content-length")) has_length = true;
            if (iequals(name, "connection")) {
                has_connection = true;
                if (iequals(value, "close")) keep_alive = false;
            }
        }
        if (response.gzip) head.append("Content-Encoding: gzip\r\n");
        if (!has_length && !bodiless_status) {
            head.append("Content-Length: ").append(std::to_string(response.body.size())).append("\r\n");
        }
        if (!keep_alive && !has_connection) head.append("Connection: close\r\n");
        head.append("\r\n");

        std::size_t body_bytes = (request.method == "HEAD" || bodiless_status) ? 0 : response.body.size();
        if (response.stall_after_bytes) body_bytes = std::min(body_bytes, *response.stall_after_bytes);
        if (response.truncate_after_bytes) body_bytes = std::min(body_bytes, *response.truncate_after_bytes);
        const std::array<asio::const_buffer, 2> buffers{asio::buffer(head),
                                                        asio::buffer(response.body.data(), body_bytes)};
        asio::write(socket, buffers, ec);
        if (ec) break;
        if (response.stall_after_bytes) {
            hold_until_closed(socket);
            break;
        }
        if (response.truncate_after_bytes || !keep_alive) break;
    }

    {
        const std::lock_guard lock(m_mutex);
        connection.fd = -1;
    }
    boost::system::error_code ignored;
    socket.shutdown(tcp::socket::shutdown_send, ignored);
    socket.close(ignored);
    connection.done.store(true);
}

// --- gzip helpers -------------------------------------------------------------

std::string gzip_compress(std::string_view bytes) {
    return deflate_gzip([&](auto& sink) {
        constexpr std::size_t piece = 1u << 30;  // zlib counts in 32 bits
        while (bytes.size() > piece) {
            sink(bytes.substr(0, piece), false);
            bytes.remove_prefix(piece);
        }
        sink(bytes, true);
    });
}

std::string gzip_repeated(char byte, std::size_t count) {
    return deflate_gzip([&](auto& sink) {
        const std::string block(std::min<std::size_t>(count, 1u << 20), byte);
        while (count > block.size()) {
            sink(block, false);
            count -= block.size();
        }
        sink(std::string_view(block).substr(0, count), true);
    });
}

std::string gzip_decompress(std::string_view gzipped) {
    return harvester::gunzip_file(gzipped, std::numeric_limits<std::size_t>::max());
}

}  // namespace ernte::testsupport
