#include "catalog/api/server.hpp"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

using namespace ernte::catalog::api;
using namespace std::chrono_literals;

namespace {

/// A client socket on loopback.
class Client {
public:
    explicit Client(std::uint16_t port) {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        m_connected = ::connect(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    }
    ~Client() { ::close(m_fd); }
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;

    bool connected() const { return m_connected; }
    void send(std::string_view bytes) {
        while (!bytes.empty()) {
            const auto n = ::send(m_fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
            if (n <= 0) return;
            bytes.remove_prefix(static_cast<std::size_t>(n));
        }
    }
    /// Everything until the server closes, or until `timeout` passes.
    std::string read_all(std::chrono::milliseconds timeout = 5000ms) {
        std::string out;
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        char buffer[65536];
        for (;;) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
            if (left <= 0ms) break;
            pollfd p{m_fd, POLLIN, 0};
            if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
            const auto n = ::recv(m_fd, buffer, sizeof buffer, 0);
            if (n <= 0) {
                m_closed = true;
                break;
            }
            out.append(buffer, static_cast<std::size_t>(n));
        }
        return out;
    }
    /// One response with a Content-Length body, on a connection kept open.
    std::string read_response(std::chrono::milliseconds timeout = 5000ms) {
        std::string out;
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        char buffer[65536];
        for (;;) {
            const auto end = out.find("\r\n\r\n");
            if (end != std::string::npos) {
                const auto cl = out.find("Content-Length: ");
                const std::size_t length = cl == std::string::npos ? 0 : std::stoul(out.substr(cl + 16));
                if (out.size() >= end + 4 + length) return out;
            }
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
            if (left <= 0ms) return out;
            pollfd p{m_fd, POLLIN, 0};
            if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return out;
            const auto n = ::recv(m_fd, buffer, sizeof buffer, 0);
            if (n <= 0) return out;
            out.append(buffer, static_cast<std::size_t>(n));
        }
    }
    bool closed() const { return m_closed; }

private:
    int m_fd = -1;
    bool m_connected = false;
    bool m_closed = false;
};

int status_of(const std::string& response) {
    if (response.size() < 12 || response.compare(0, 9, "HTTP/1.1 ") != 0) return 0;
    return std::stoi(response.substr(9, 3));
}

std::string body_of(const std::string& response) {
    const auto end = response.find("\r\n\r\n");
    return end == std::string::npos ? std::string() : response.substr(end + 4);
}

/// Echoes what it got: method, target, a header and the body size.
Response echo(const Request& r) {
    if (r.target == "/slow") std::this_thread::sleep_for(300ms);
    return Response::text(r.method + " " + r.target + " x-test=" + std::string(r.header("X-Test")) +
                              " body=" + std::to_string(r.body.size()),
                          "text/plain; charset=utf-8");
}

ServerOptions options() {
    ServerOptions o;
    o.port = 0;
    o.threads = 2;
    o.read_timeout = 500ms;
    o.header_limit = 4096;
    o.body_limit = 1000;
    return o;
}

}  // namespace

TEST(HttpServer, AnswersAndKeepsTheConnectionAlive) {
    HttpServer server(options(), echo);
    server.start();
    ASSERT_NE(server.port(), 0);
    Client client(server.port());
    ASSERT_TRUE(client.connected());
    client.send("GET /catalog.ttl?page=2 HTTP/1.1\r\nHost: x\r\nX-Test: eins\r\n\r\n");
    std::string first = client.read_response();
    EXPECT_EQ(status_of(first), 200) << first;
    EXPECT_EQ(body_of(first), "GET /catalog.ttl?page=2 x-test=eins body=0");
    EXPECT_NE(first.find("Content-Type: text/plain; charset=utf-8\r\n"), std::string::npos) << first;
    client.send("POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\nabcde");
    const std::string second = client.read_all();
    EXPECT_EQ(body_of(second), "POST /x x-test= body=5") << second;
    EXPECT_TRUE(client.closed());
}

TEST(HttpServer, HeadGetsTheHeadersWithoutTheBody) {
    HttpServer server(options(), echo);
    server.start();
    Client client(server.port());
    client.send("HEAD /a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    const std::string response = client.read_all();
    EXPECT_EQ(status_of(response), 200);
    EXPECT_NE(response.find("Content-Length: 22\r\n"), std::string::npos) << response;
    EXPECT_EQ(body_of(response), "");
}

TEST(HttpServer, OversizedHeadersAndBodiesAreRefused) {
    HttpServer server(options(), echo);
    server.start();
    {
        Client client(server.port());
        client.send("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(8000, 'a') + "\r\n\r\n");
        const std::string response = client.read_all();
        EXPECT_EQ(status_of(response), 431) << response;
        EXPECT_NE(body_of(response).find("headers larger than 4096 bytes"), std::string::npos);
    }
    {
        Client client(server.port());
        client.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n" + std::string(5000, 'b'));
        const std::string response = client.read_all();
        EXPECT_EQ(status_of(response), 413) << response;
        EXPECT_NE(body_of(response).find("request body larger than 1000 bytes"), std::string::npos) << response;
    }
}

TEST(HttpServer, MalformedRequestsGetA400AndTheServerGoesOn) {
    HttpServer server(options(), echo);
    server.start();
    const std::vector<std::string> requests = {"NOT HTTP AT ALL\r\n\r\n", "GET / HTTP/1.1\r\nBad Header\r\n\r\n",
                                               std::string("GET /\0 HTTP/1.1\r\n\r\n", 19),
                                               "GET / HTTP/1.1\r\nContent-Length: -1\r\n\r\n"};
    for (const std::string& garbage : requests) {
        Client client(server.port());
        client.send(garbage);
        const std::string response = client.read_all();
        EXPECT_EQ(status_of(response), 400) << garbage << "\n" << response;
        // The body says what was wrong, in the API's error shape.
        EXPECT_NE(body_of(response).find("\"message\":\"malformed HTTP request: "), std::string::npos)
            << garbage << "\n" << response;
    }
    Client client(server.port());
    client.send("GET /still-here HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(status_of(client.read_all()), 200);
}

TEST(HttpServer, SlowClientsAreCutOffAfterTheReadTimeout) {
    HttpServer server(options(), echo);
    server.start();
    Client silent(server.port());
    Client partial(server.port());
    partial.send("GET / HTTP/1.1\r\nHo");
    const auto started = std::chrono::steady_clock::now();
    // The deadline closes the connection: a client that stalls gets nothing more.
    const std::string to_partial = partial.read_all(3000ms);
    EXPECT_TRUE(partial.closed());
    EXPECT_EQ(to_partial, "");
    const std::string to_silent = silent.read_all(3000ms);
    EXPECT_TRUE(silent.closed());
    EXPECT_EQ(to_silent, "");  // an idle connection is closed without a word
    EXPECT_LT(std::chrono::steady_clock::now() - started, 2500ms);
}

// The read timeout bounds the whole request, not each read: a client that
// sends its body a byte every 100 ms (never idle for the 500 ms of the
// timeout) is cut off before it has sent its request.
TEST(HttpServer, AClientTricklingItsRequestIsCutOffByTheReadTimeout) {
    HttpServer server(options(), echo);
    server.start();
    Client client(server.port());
    ASSERT_TRUE(client.connected());
    const std::string body(40, 'b');
    client.send("POST /trickled HTTP/1.1\r\nHost: x\r\nContent-Length: 40\r\n\r\n");
    std::size_t sent = 0;
    std::string answer;
    for (; sent < body.size() && !client.closed(); ++sent) {
        client.send(std::string_view(body).substr(sent, 1));
        answer += client.read_all(100ms);
    }
    EXPECT_TRUE(client.closed()) << "the whole request was taken: " << answer;
    EXPECT_LT(sent, body.size());
    EXPECT_EQ(answer, "");  // cut off without an answer, as an idle connection
}

TEST(HttpServer, ConnectionsBeyondTheLimitGetA503) {
    ServerOptions o = options();
    o.max_connections = 2;
    o.read_timeout = 3000ms;
    HttpServer server(o, echo);
    server.start();
    Client a(server.port());
    Client b(server.port());
    for (int i = 0; i < 200 && server.connections() < 2; ++i) std::this_thread::sleep_for(5ms);
    ASSERT_EQ(server.connections(), 2u);
    Client c(server.port());
    const std::string response = c.read_all(2000ms);
    EXPECT_EQ(status_of(response), 503) << response;
    EXPECT_NE(response.find("Retry-After: 1\r\n"), std::string::npos);
}

TEST(HttpServer, ManyClientsAtOnce) {
    HttpServer server(options(), echo);
    server.start();
    std::atomic<int> ok{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&, t] {
            Client client(server.port());
            for (int i = 0; i < 25; ++i) {
                client.send("GET /" + std::to_string(t) + "/" + std::to_string(i) + " HTTP/1.1\r\nHost: x\r\n\r\n");
                const std::string r = client.read_response();
                if (status_of(r) == 200 && body_of(r) == "GET /" + std::to_string(t) + "/" + std::to_string(i) +
                                                              " x-test= body=0")
                    ++ok;
            }
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(ok, 200);
}

TEST(HttpServer, StopWaitsForRequestsBeingHandled) {
    HttpServer server(options(), echo);
    server.start();
    Client client(server.port());
    client.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
    std::this_thread::sleep_for(100ms);
    std::thread stopper([&] { server.stop(); });
    const std::string response = client.read_all(3000ms);
    stopper.join();
    EXPECT_EQ(status_of(response), 200) << response;
    EXPECT_NE(response.find("Connection: close\r\n"), std::string::npos) << response;
    Client late(server.port());
    EXPECT_FALSE(late.connected());
}

TEST(HttpServer, AnAddressInUseIsAClearError) {
    HttpServer first(options(), echo);
    first.start();
    ServerOptions o = options();
    o.port = first.port();
    HttpServer second(o, echo);
    try {
        second.start();
        FAIL() << "a second server on the same port started";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("cannot listen on 127.0.0.1:" + std::to_string(first.port())),
                  std::string::npos)
            << e.what();
    }
    o.address = "not-an-address";
    HttpServer third(o, echo);
    EXPECT_THROW(third.start(), std::runtime_error);
}
