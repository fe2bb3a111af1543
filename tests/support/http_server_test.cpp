#include "tests/support/http_server.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

using namespace ernte::testsupport;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
namespace asio = boost::asio;
namespace http = boost::beast::http;

namespace {

/// A plain socket client for the cases where the server is supposed to
/// misbehave at the byte level; every read gives up after `timeout`.
class RawClient {
public:
    explicit RawClient(std::uint16_t port, std::chrono::milliseconds timeout = 5s) {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        if (m_fd < 0) throw std::runtime_error("socket failed");
        timeval tv{};
        tv.tv_sec = static_cast<time_t>(timeout.count() / 1000);
        tv.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
            ::close(m_fd);
            throw std::runtime_error("connect failed");
        }
    }
    RawClient(const RawClient&) = delete;
    RawClient& operator=(const RawClient&) = delete;
    ~RawClient() { close(); }

    void send(std::string_view bytes) {
        while (!bytes.empty()) {
            const auto n = ::send(m_fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
            if (n <= 0) throw std::runtime_error("send failed");
            bytes.remove_prefix(static_cast<std::size_t>(n));
        }
    }

    /// Reads until the server closes (eof = true) or the read timeout passes
    /// (eof = false), at most `limit` bytes.
    std::string read(bool& eof, std::size_t limit = std::string::npos) {
        std::string out;
        std::vector<char> chunk(64 * 1024);
        eof = false;
        while (out.size() < limit) {
            const auto n = ::recv(m_fd, chunk.data(), std::min(chunk.size(), limit - out.size()), 0);
            if (n > 0) {
                out.append(chunk.data(), static_cast<std::size_t>(n));
            } else {
                eof = n == 0 || errno == ECONNRESET;
                break;
            }
        }
        return out;
    }

    void close() {
        if (m_fd >= 0) ::close(m_fd);
        m_fd = -1;
    }

private:
    int m_fd = -1;
};

std::string get_request(std::string_view target, std::string_view method = "GET", std::string_view extra = "") {
    return std::string(method) + " " + std::string(target) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + std::string(extra) +
           "\r\n";
}

struct RawResponse {
    std::string head;
    std::string body;
};

RawResponse split(const std::string& bytes) {
    const auto end = bytes.find("\r\n\r\n");
    if (end == std::string::npos) return {bytes, {}};
    return {bytes.substr(0, end + 4), bytes.substr(end + 4)};
}

/// A Beast client on one kept-alive connection.
class BeastClient {
public:
    explicit BeastClient(std::uint16_t port) {
        m_socket.connect({asio::ip::make_address("127.0.0.1"), port});
    }

    http::response<http::string_body> request(http::verb verb, std::string target,
                                              std::vector<std::pair<std::string, std::string>> headers = {}) {
        http::request<http::empty_body> request{verb, target, 11};
        request.set(http::field::host, "127.0.0.1");
        for (const auto& [name, value] : headers) request.set(name, value);
        http::write(m_socket, request);
        http::response_parser<http::string_body> parser;
        parser.body_limit(1ull << 30);
        if (verb == http::verb::head) parser.skip(true);
        http::read(m_socket, m_buffer, parser);
        return parser.release();
    }

private:
    asio::io_context m_io;
    asio::ip::tcp::socket m_socket{m_io};
    boost::beast::flat_buffer m_buffer;
};

}  // namespace

TEST(HttpServer, RequestHeaderNamesAreCaseInsensitive) {
    HttpRequest request;
    request.headers = {{"content-type", "application/json"}, {"x-a", "1"}};
    EXPECT_EQ(request.header("Content-Type"), "application/json");
    EXPECT_EQ(request.header("X-A"), "1");
    EXPECT_EQ(request.header("missing"), "");
}

TEST(HttpServer, RequestQueryParamsAreUrlDecoded) {
    HttpRequest request;
    request.query = "q=B%C3%A4ume+und%20Wald&empty=&flag&bad=%zz&a%26b=x&rows=10&rows=20";
    EXPECT_EQ(request.query_param("q"), "Bäume und Wald");
    EXPECT_EQ(request.query_param("empty"), "");
    EXPECT_EQ(request.query_param("flag"), "");
    EXPECT_EQ(request.query_param("bad"), "%zz");
    EXPECT_EQ(request.query_param("a&b"), "x");
    EXPECT_EQ(request.query_param("rows"), "10");
    EXPECT_EQ(request.query_param("missing"), "");
}

TEST(HttpServer, ServesTheHandlerResponseAndSplitsTheTarget) {
    std::mutex mutex;
    HttpRequest seen;
    HttpServer server([&](const HttpRequest& request) {
        const std::lock_guard lock(mutex);
        seen = request;
        return HttpResponse::json(R"({"ok":true})");
    });
    EXPECT_NE(server.port(), 0);
    EXPECT_EQ(server.base_url(), "http://127.0.0.1:" + std::to_string(server.port()));

    BeastClient client(server.port());
    const auto response = client.request(http::verb::get, "/api/3/action/package_search?q=wald&rows=2",
                                         {{"X-Custom", "Value"}});
    EXPECT_EQ(response.result_int(), 200u);
    EXPECT_EQ(response.body(), R"({"ok":true})");
    EXPECT_EQ(response[http::field::content_type], "application/json; charset=utf-8");
    EXPECT_EQ(response[http::field::content_length], "11");

    const std::lock_guard lock(mutex);
    EXPECT_EQ(seen.method, "GET");
    EXPECT_EQ(seen.target, "/api/3/action/package_search?q=wald&rows=2");
    EXPECT_EQ(seen.path, "/api/3/action/package_search");
    EXPECT_EQ(seen.query, "q=wald&rows=2");
    EXPECT_EQ(seen.query_param("rows"), "2");
    EXPECT_EQ(seen.headers.at("x-custom"), "Value");
    EXPECT_EQ(server.request_count(), 1u);
}

TEST(HttpServer, KeepsConnectionsAlive) {
    HttpServer server([](const HttpRequest& request) { return HttpResponse::text(request.path, "text/plain"); });
    BeastClient client(server.port());
    EXPECT_EQ(client.request(http::verb::get, "/one").body(), "/one");
    EXPECT_EQ(client.request(http::verb::get, "/two").body(), "/two");
    EXPECT_EQ(client.request(http::verb::get, "/three").body(), "/three");
    EXPECT_EQ(server.request_count(), 3u);
    EXPECT_EQ(server.connection_count(), 1u);
}

TEST(HttpServer, HeadSendsTheLengthWithoutTheBody) {
    HttpServer server([](const HttpRequest&) { return HttpResponse::text("hello", "text/plain"); });
    RawClient client(server.port());
    client.send(get_request("/", "HEAD", "Connection: close\r\n"));
    bool eof = false;
    const auto response = split(client.read(eof));
    EXPECT_TRUE(eof);
    EXPECT_NE(response.head.find("Content-Length: 5\r\n"), std::string::npos) << response.head;
    EXPECT_EQ(response.body, "");
}

TEST(HttpServer, GzipsTheBodyOnRequest) {
    const std::string json = R"({"result":{"count":3,"results":[1,2,3]}})";
    HttpServer server([&](const HttpRequest&) {
        auto response = HttpResponse::json(json);
        response.gzip = true;
        return response;
    });
    BeastClient client(server.port());
    const auto response = client.request(http::verb::get, "/");
    EXPECT_EQ(response[http::field::content_encoding], "gzip");
    EXPECT_NE(response.body(), json);
    EXPECT_EQ(gzip_decompress(response.body()), json);
}

TEST(HttpServer, TruncatedResponseAnnouncesTheFullLengthThenCloses) {
    HttpServer server([](const HttpRequest&) {
        auto response = HttpResponse::text(std::string(1000, 'x'), "text/plain");
        response.truncate_after_bytes = 100;
        return response;
    });
    RawClient client(server.port());
    client.send(get_request("/"));
    bool eof = false;
    const auto response = split(client.read(eof));
    EXPECT_TRUE(eof);
    EXPECT_NE(response.head.find("Content-Length: 1000\r\n"), std::string::npos) << response.head;
    EXPECT_EQ(response.body, std::string(100, 'x'));
}

TEST(HttpServer, StalledResponseStaysSilentUntilTheServerStops) {
    HttpServer server([](const HttpRequest&) {
        auto response = HttpResponse::text(std::string(1000, 'x'), "text/plain");
        response.stall_after_bytes = 10;
        return response;
    });
    RawClient client(server.port(), 300ms);
    client.send(get_request("/"));
    bool eof = true;
    const auto first = split(client.read(eof));
    EXPECT_FALSE(eof) << "the connection must stay open while stalled";
    EXPECT_NE(first.head.find("Content-Length: 1000\r\n"), std::string::npos);
    EXPECT_EQ(first.body, std::string(10, 'x'));

    const auto started = Clock::now();
    server.stop();
    EXPECT_LT(Clock::now() - started, 1s);
    const auto rest = client.read(eof);
    EXPECT_TRUE(eof);
    EXPECT_EQ(rest, "");
}

TEST(HttpServer, StalledConnectionIsReleasedWhenTheClientGivesUp) {
    HttpServer server([](const HttpRequest& request) {
        auto response = HttpResponse::text("0123456789", "text/plain");
        if (request.path == "/stall") response.stall_after_bytes = 2;
        return response;
    });
    {
        RawClient client(server.port(), 200ms);
        client.send(get_request("/stall"));
        bool eof = true;
        client.read(eof);
        EXPECT_FALSE(eof);
    }
    // The server keeps serving other clients.
    BeastClient other(server.port());
    EXPECT_EQ(other.request(http::verb::get, "/").body(), "0123456789");
}

TEST(HttpServer, DelayHoldsTheAnswerBack) {
    HttpServer server([](const HttpRequest&) {
        auto response = HttpResponse::text("late", "text/plain");
        response.delay = 200ms;
        return response;
    });
    BeastClient client(server.port());
    const auto started = Clock::now();
    EXPECT_EQ(client.request(http::verb::get, "/").body(), "late");
    EXPECT_GE(Clock::now() - started, 190ms);
}

TEST(HttpServer, RawBytesAreWrittenVerbatim) {
    HttpServer server([](const HttpRequest&) {
        HttpResponse response;
        response.raw = "HTTP/1.1 200 OK\r\nContent-Length: banana\r\n\r\nnot http";
        return response;
    });
    RawClient client(server.port());
    client.send(get_request("/"));
    bool eof = false;
    EXPECT_EQ(client.read(eof), "HTTP/1.1 200 OK\r\nContent-Length: banana\r\n\r\nnot http");
    EXPECT_TRUE(eof);
}

TEST(HttpServer, CloseWithoutResponseSendsNothing) {
    HttpServer server([](const HttpRequest&) {
        HttpResponse response;
        response.close_without_response = true;
        return response;
    });
    RawClient client(server.port());
    client.send(get_request("/"));
    bool eof = false;
    EXPECT_EQ(client.read(eof), "");
    EXPECT_TRUE(eof);
    EXPECT_EQ(server.request_count(), 1u);
}

TEST(HttpServer, HandlerExceptionBecomes500) {
    HttpServer server([](const HttpRequest&) -> HttpResponse { throw std::runtime_error("fixture broke"); });
    BeastClient client(server.port());
    const auto response = client.request(http::verb::get, "/");
    EXPECT_EQ(response.result_int(), 500u);
    EXPECT_NE(response.body().find("fixture broke"), std::string::npos);
}

TEST(HttpServer, HandlerContentLengthIsKept) {
    HttpServer server([](const HttpRequest&) {
        auto response = HttpResponse::text("abc", "text/plain");
        response.headers.emplace_back("Content-Length", "2000000");
        response.truncate_after_bytes = 3;
        return response;
    });
    RawClient client(server.port());
    client.send(get_request("/"));
    bool eof = false;
    const auto response = split(client.read(eof));
    EXPECT_NE(response.head.find("Content-Length: 2000000\r\n"), std::string::npos);
    EXPECT_EQ(response.head.find("Content-Length: 3\r\n"), std::string::npos) << response.head;
}

TEST(HttpServer, NotModifiedHasNoBody) {
    HttpServer server([](const HttpRequest&) {
        HttpResponse response;
        response.status = 304;
        response.headers.emplace_back("ETag", "\"v1\"");
        return response;
    });
    BeastClient client(server.port());
    const auto first = client.request(http::verb::get, "/");
    EXPECT_EQ(first.result_int(), 304u);
    EXPECT_EQ(first[http::field::etag], "\"v1\"");
    EXPECT_EQ(first.count(http::field::content_length), 0u);
    // The connection is still in sync for the next request.
    EXPECT_EQ(client.request(http::verb::get, "/").result_int(), 304u);
}

TEST(HttpServer, SurvivesClientsThatLeaveMidResponse) {
    const std::string big(32u << 20, 'b');
    HttpServer server([&](const HttpRequest& request) {
        if (request.path == "/big") return HttpResponse::text(big, "application/octet-stream");
        return HttpResponse::text("fine", "text/plain");
    });
    for (int i = 0; i < 3; ++i) {
        RawClient client(server.port());
        client.send(get_request("/big"));
        bool eof = false;
        EXPECT_EQ(client.read(eof, 1000).size(), 1000u);
    }  // each client closes with most of the body unread
    BeastClient client(server.port());
    EXPECT_EQ(client.request(http::verb::get, "/small").body(), "fine");
}

TEST(HttpServer, HandlerRunsConcurrently) {
    std::mutex mutex;
    std::condition_variable changed;
    int inside = 0;
    HttpServer server([&](const HttpRequest&) {
        std::unique_lock lock(mutex);
        ++inside;
        changed.notify_all();
        const bool all_inside = changed.wait_for(lock, 3s, [&] { return inside >= 3; });
        return HttpResponse::text(all_inside ? "together" : "alone", "text/plain");
    });
    std::vector<std::future<std::string>> answers;
    for (int i = 0; i < 3; ++i) {
        answers.push_back(std::async(std::launch::async, [&] {
            BeastClient client(server.port());
            return client.request(http::verb::get, "/").body();
        }));
    }
    for (auto& answer : answers) EXPECT_EQ(answer.get(), "together");
}

TEST(HttpServer, StopsPromptlyWithIdleAndDelayedConnections) {
    auto server = std::make_unique<HttpServer>([](const HttpRequest& request) {
        auto response = HttpResponse::text("x", "text/plain");
        if (request.path == "/slow") response.delay = 30s;
        return response;
    });
    BeastClient idle(server->port());
    EXPECT_EQ(idle.request(http::verb::get, "/").body(), "x");  // now idle, kept alive
    RawClient slow(server->port());
    slow.send(get_request("/slow"));
    while (server->request_count() < 2) std::this_thread::sleep_for(5ms);

    const auto started = Clock::now();
    server.reset();
    EXPECT_LT(Clock::now() - started, 1s);
    bool eof = false;
    EXPECT_EQ(slow.read(eof), "");
    EXPECT_TRUE(eof);
}

TEST(HttpServer, StopIsIdempotentAndRefusesNewConnections) {
    HttpServer server([](const HttpRequest&) { return HttpResponse::text("x", "text/plain"); });
    const auto port = server.port();
    server.stop();
    server.stop();
    EXPECT_THROW(RawClient client(port), std::runtime_error);
}

TEST(HttpServer, ServesLargeBodiesQuickly) {
    const std::string page(16u << 20, 'j');
    HttpServer server([&](const HttpRequest&) { return HttpResponse::json(page); });
    BeastClient client(server.port());
    const auto started = Clock::now();
    std::size_t received = 0;
    for (int i = 0; i < 8; ++i) received += client.request(http::verb::get, "/").body().size();
    const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    EXPECT_EQ(received, 8 * page.size());
    const double mb_per_second = static_cast<double>(received) / (1 << 20) / seconds;
    RecordProperty("MBps", static_cast<int>(mb_per_second));
    // A loose floor: a shared, loaded machine still moves far more than this.
    EXPECT_GT(mb_per_second, 40.0);
}

TEST(HttpServer, GzipHelpersRoundTripAndBuildBombsCheaply) {
    EXPECT_EQ(gzip_decompress(gzip_compress("Bäume in Moers")), "Bäume in Moers");
    EXPECT_EQ(gzip_decompress(gzip_compress("")), "");
    const std::string bomb = gzip_repeated('\0', 50u << 20);
    EXPECT_LT(bomb.size(), (50u << 20) / 100);
    const std::string decoded = gzip_decompress(bomb);
    EXPECT_EQ(decoded.size(), 50u << 20);
    EXPECT_EQ(decoded.find_first_not_of('\0'), std::string::npos);
    EXPECT_THROW(gzip_decompress("definitely not gzip"), std::runtime_error);
    EXPECT_THROW(gzip_decompress(bomb.substr(0, bomb.size() / 2)), std::runtime_error);
}
