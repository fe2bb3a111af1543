#include "harvester/fetch.hpp"

#include "tests/support/http_server.hpp"

#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <future>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

using namespace ernte::harvester;
using ernte::testsupport::HttpRequest;
using ernte::testsupport::HttpResponse;
using ernte::testsupport::HttpServer;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

/// Small timeouts and backoffs so that the failure paths run in milliseconds.
FetchOptions fast_options() {
    FetchOptions options;
    options.connect_timeout = 1000ms;
    options.read_timeout = 1000ms;
    options.total_timeout = 10'000ms;
    options.retries = 3;
    options.backoff_base = 10ms;
    options.backoff_max = 40ms;
    options.retry_after_max = 5'000ms;
    options.user_agent = "ernte-test/1.0 (+ops@example.org)";
    return options;
}

/// Runs `get` and returns the FetchError it must throw.
FetchError fetch_error(Fetcher& fetcher, const FetchRequest& request, ValidatorCache* cache = nullptr) {
    try {
        const auto response = fetcher.get(request, cache);
        ADD_FAILURE() << "expected a FetchError, got status " << response.status << " with "
                      << response.body.size() << " bytes";
    } catch (const FetchError& error) {
        return error;
    }
    return FetchError(FetchError::Kind::other, request.url, 0, "no error");
}

FetchError fetch_error(Fetcher& fetcher, const std::string& url, ContentKind expect = ContentKind::any) {
    return fetch_error(fetcher, FetchRequest{url, expect, "", false});
}

bool contains(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

/// Collects what is logged through the default logger while it lives.
class CapturedLog {
public:
    CapturedLog()
        : m_sink(std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(100)), m_previous(spdlog::default_logger()) {
        spdlog::set_default_logger(std::make_shared<spdlog::logger>("captured", m_sink));
    }
    CapturedLog(const CapturedLog&) = delete;
    CapturedLog& operator=(const CapturedLog&) = delete;
    ~CapturedLog() { spdlog::set_default_logger(m_previous); }

    std::vector<std::string> warnings() const {
        std::vector<std::string> out;
        for (const auto& message : m_sink->last_raw()) {
            if (message.level == spdlog::level::warn) out.emplace_back(message.payload.data(), message.payload.size());
        }
        return out;
    }

private:
    std::shared_ptr<spdlog::sinks::ringbuffer_sink_mt> m_sink;
    std::shared_ptr<spdlog::logger> m_previous;
};

/// A ValidatorCache in memory.
class MemoryValidatorCache : public ValidatorCache {
public:
    std::optional<Validators> lookup(const std::string& url) override {
        const auto it = entries.find(url);
        if (it == entries.end()) return std::nullopt;
        return it->second;
    }
    void remember(const std::string& url, const Validators& v) override { entries[url] = v; }

    std::map<std::string, Validators> entries;
};

/// Answers each request with the next response of a script (the last one repeats).
class ScriptedServer {
public:
    explicit ScriptedServer(std::vector<HttpResponse> script)
        : m_script(std::move(script)), m_server([this](const HttpRequest& request) {
              const std::lock_guard lock(m_mutex);
              m_requests.push_back(request);
              return m_script[std::min(m_requests.size(), m_script.size()) - 1];
          }) {}

    std::string url(std::string_view path = "/") const { return m_server.base_url() + std::string(path); }
    std::size_t request_count() const { return m_server.request_count(); }
    std::vector<HttpRequest> requests() const {
        const std::lock_guard lock(m_mutex);
        return m_requests;
    }

private:
    std::vector<HttpResponse> m_script;
    mutable std::mutex m_mutex;
    std::vector<HttpRequest> m_requests;
    HttpServer m_server;
};

HttpResponse status_only(int status, std::vector<std::pair<std::string, std::string>> headers = {}) {
    auto response = HttpResponse::text("status " + std::to_string(status), "text/plain", status);
    for (auto& header : headers) response.headers.push_back(std::move(header));
    return response;
}

}  // namespace

TEST(Fetch, KindsHaveNames) {
    EXPECT_EQ(to_string(FetchError::Kind::timeout), "timeout");
    EXPECT_EQ(to_string(FetchError::Kind::too_many_redirects), "too_many_redirects");
    EXPECT_EQ(to_string(FetchError::Kind::wrong_content), "wrong_content");
    EXPECT_EQ(to_string(FetchError::Kind::cancelled), "cancelled");
}

TEST(Fetch, ReturnsBodyStatusAndContentType) {
    ScriptedServer server({HttpResponse::json(R"({"success":true})")});
    Fetcher fetcher(fast_options());
    const auto response = fetcher.get({server.url("/api/3/action/status_show"), ContentKind::json, "", false});
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, R"({"success":true})");
    EXPECT_EQ(response.content_type, "application/json; charset=utf-8");
    EXPECT_EQ(response.effective_url, server.url("/api/3/action/status_show"));
    EXPECT_EQ(response.attempts, 1);
    EXPECT_FALSE(response.not_modified);
}

TEST(Fetch, SendsUserAgentAndAcceptHeaders) {
    ScriptedServer server({HttpResponse::json("{}")});
    Fetcher fetcher(fast_options());
    fetcher.get({server.url(), ContentKind::json, "", false});
    fetcher.get({server.url(), ContentKind::rdf, "", false});
    fetcher.get({server.url(), ContentKind::any, "application/ld+json", false});
    const auto requests = server.requests();
    ASSERT_EQ(requests.size(), 3u);
    EXPECT_EQ(requests[0].header("User-Agent"), "ernte-test/1.0 (+ops@example.org)");
    EXPECT_TRUE(contains(requests[0].header("Accept"), "application/json"));
    EXPECT_TRUE(contains(requests[1].header("Accept"), "text/turtle"));
    EXPECT_TRUE(contains(requests[1].header("Accept"), "application/rdf+xml"));
    EXPECT_EQ(requests[2].header("Accept"), "application/ld+json");

    Fetcher unnamed(FetchOptions{});
    unnamed.get({server.url(), ContentKind::any, "", false});
    EXPECT_EQ(server.requests().back().header("User-Agent"), "ernte/" ERNTE_VERSION);
}

TEST(Fetch, RetriesServerErrorThenSucceedsAndLogsTheFailedAttempt) {
    ScriptedServer server({status_only(500), HttpResponse::json("[]")});
    Fetcher fetcher(fast_options());
    CapturedLog log;
    const auto response = fetcher.get({server.url("/flaky"), ContentKind::json, "", false});
    EXPECT_EQ(response.body, "[]");
    EXPECT_EQ(response.attempts, 2);
    EXPECT_EQ(server.request_count(), 2u);
    const auto warnings = log.warnings();
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_TRUE(contains(warnings[0], server.url("/flaky"))) << warnings[0];
    EXPECT_TRUE(contains(warnings[0], "500")) << warnings[0];
}

TEST(Fetch, GivesUpAfterRetriesOnPersistentServerError) {
    ScriptedServer server({status_only(502)});
    Fetcher fetcher(fast_options());
    CapturedLog log;
    const auto error = fetch_error(fetcher, server.url("/down"));
    EXPECT_EQ(error.kind(), FetchError::Kind::http_status);
    EXPECT_EQ(error.status(), 502);
    EXPECT_EQ(error.attempts(), 4);
    EXPECT_EQ(error.url(), server.url("/down"));
    EXPECT_EQ(server.request_count(), 4u);
    EXPECT_TRUE(contains(error.what(), server.url("/down"))) << error.what();
    EXPECT_TRUE(contains(error.what(), "502 Bad Gateway")) << error.what();
    EXPECT_TRUE(contains(error.what(), "4 attempts")) << error.what();
    EXPECT_EQ(log.warnings().size(), 4u);
}

TEST(Fetch, ClientErrorIsNotRetried) {
    ScriptedServer server({HttpResponse::json(R"({"error":"no such dataset"})", 404)});
    Fetcher fetcher(fast_options());
    const auto error = fetch_error(fetcher, server.url("/api/3/action/package_show?id=x"));
    EXPECT_EQ(error.kind(), FetchError::Kind::http_status);
    EXPECT_EQ(error.status(), 404);
    EXPECT_EQ(error.attempts(), 1);
    EXPECT_EQ(server.request_count(), 1u);
    EXPECT_TRUE(contains(error.what(), "404 Not Found")) << error.what();
    EXPECT_TRUE(contains(error.what(), "no such dataset")) << error.what();
}

TEST(Fetch, ErrorBodyInMessageIsShortAndOnOneLine) {
    std::string page = "<html>\n<body>\n\tBroken\r\n";
    page += std::string(5000, 'z');
    ScriptedServer server({HttpResponse::text(page, "text/html", 400)});
    Fetcher fetcher(fast_options());
    const auto error = fetch_error(fetcher, server.url());
    const std::string message = error.what();
    EXPECT_FALSE(contains(message, "\n"));
    EXPECT_FALSE(contains(message, "\t"));
    EXPECT_TRUE(contains(message, "<html> <body> Broken zzz")) << message;
    EXPECT_LT(message.size(), 300u);
}

TEST(Fetch, HonoursRetryAfterSecondsOn503) {
    ScriptedServer server({status_only(503, {{"Retry-After", "1"}}), HttpResponse::json("{}")});
    Fetcher fetcher(fast_options());
    const auto started = Clock::now();
    const auto response = fetcher.get({server.url(), ContentKind::json, "", false});
    EXPECT_GE(Clock::now() - started, 950ms);
    EXPECT_EQ(response.attempts, 2);
    EXPECT_GE(response.elapsed, 950ms);
}

TEST(Fetch, HonoursRetryAfterHttpDateOn429) {
    const std::time_t at = std::time(nullptr) + 2;
    std::tm tm{};
    gmtime_r(&at, &tm);
    char date[64];
    std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    ScriptedServer server({status_only(429, {{"Retry-After", date}}), HttpResponse::json("{}")});
    Fetcher fetcher(fast_options());
    const auto started = Clock::now();
    const auto response = fetcher.get({server.url(), ContentKind::json, "", false});
    const auto waited = Clock::now() - started;
    EXPECT_GE(waited, 900ms);  // the date has second precision: the wait is 1 to 2 s
    EXPECT_LT(waited, 3s);
    EXPECT_EQ(response.attempts, 2);
}

TEST(Fetch, RetryAfterBeyondTheLimitFailsWithoutWaiting) {
    ScriptedServer server({status_only(429, {{"Retry-After", "3600"}}), HttpResponse::json("{}")});
    Fetcher fetcher(fast_options());
    const auto started = Clock::now();
    const auto error = fetch_error(fetcher, server.url());
    EXPECT_LT(Clock::now() - started, 1s);
    EXPECT_EQ(error.kind(), FetchError::Kind::http_status);
    EXPECT_EQ(error.status(), 429);
    EXPECT_EQ(server.request_count(), 1u);
    EXPECT_TRUE(contains(error.what(), "3600 s")) << error.what();
}

TEST(Fetch, ConnectionRefusedFailsQuicklyAfterRetries) {
    Fetcher fetcher(fast_options());
    const std::string url = "http://127.0.0.1:" + std::to_string(ernte::testsupport::unused_port()) + "/";
    const auto started = Clock::now();
    const auto error = fetch_error(fetcher, url);
    EXPECT_LT(Clock::now() - started, 2s);
    EXPECT_EQ(error.kind(), FetchError::Kind::connection);
    EXPECT_EQ(error.attempts(), 4);
    EXPECT_TRUE(contains(error.what(), url)) << error.what();
}

TEST(Fetch, ConnectTimeoutWhenTheServerNeverAccepts) {
    // A listener whose accept queue is full: the kernel drops further SYNs,
    // so a connect hangs the way it does against a firewalled host.
    const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    ASSERT_EQ(::listen(listener, 0), 0);
    socklen_t length = sizeof address;
    ::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length);
    std::vector<int> fillers;
    for (int i = 0; i < 4; ++i) {
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
        ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
        fillers.push_back(fd);
    }
    std::this_thread::sleep_for(50ms);

    auto options = fast_options();
    options.connect_timeout = 300ms;
    options.retries = 1;
    Fetcher fetcher(options);
    const auto started = Clock::now();
    const auto error = fetch_error(fetcher, "http://127.0.0.1:" + std::to_string(ntohs(address.sin_port)) + "/");
    const auto took = Clock::now() - started;
    for (const int fd : fillers) ::close(fd);
    ::close(listener);

    EXPECT_EQ(error.kind(), FetchError::Kind::timeout) << error.what();
    EXPECT_TRUE(contains(error.what(), "connect")) << error.what();
    EXPECT_EQ(error.attempts(), 2);
    EXPECT_GE(took, 550ms);
    EXPECT_LT(took, 2s);
}

TEST(Fetch, SlowServerHitsTheReadTimeout) {
    auto slow = HttpResponse::json("{}");
    slow.delay = 5s;
    ScriptedServer server({slow});
    auto options = fast_options();
    options.read_timeout = 200ms;
    options.retries = 1;
    Fetcher fetcher(options);
    const auto started = Clock::now();
    const auto error = fetch_error(fetcher, server.url());
    EXPECT_LT(Clock::now() - started, 1500ms);
    EXPECT_EQ(error.kind(), FetchError::Kind::timeout);
    EXPECT_EQ(error.attempts(), 2);
    EXPECT_TRUE(contains(error.what(), "200 ms")) << error.what();
}

TEST(Fetch, StallMidBodyHitsTheReadTimeout) {
    auto stalling = HttpResponse::json("[" + std::string(100'000, ' ') + "]");
    stalling.stall_after_bytes = 1000;
    ScriptedServer server({stalling});
    auto options = fast_options();
    options.read_timeout = 200ms;
    options.retries = 0;
    Fetcher fetcher(options);
    const auto started = Clock::now();
    const auto error = fetch_error(fetcher, server.url());
    EXPECT_GE(Clock::now() - started, 190ms);
    EXPECT_LT(Clock::now() - started, 1500ms);
    EXPECT_EQ(error.kind(), FetchError::Kind::timeout);
    EXPECT_EQ(error.attempts(), 1);
}

TEST(Fetch, TotalTimeoutLimitsTheWholeTransfer) {
    auto slow = HttpResponse::json("{}");
    slow.delay = 3s;
    ScriptedServer server({slow});
    auto options = fast_options();
    options.read_timeout = 5s;
    options.total_timeout = 300ms;
    options.retries = 0;
    Fetcher fetcher(options);
    const auto started = Clock::now();
    const auto error = fetch_error(fetcher, server.url());
    EXPECT_LT(Clock::now() - started, 1500ms);
    EXPECT_EQ(error.kind(), FetchError::Kind::timeout);
    EXPECT_TRUE(contains(error.what(), "total timeout")) << error.what();
}

TEST(Fetch, TruncatedBodyIsAnErrorNotAShortBody) {
    auto truncated = HttpResponse::json("[" + std::string(998, ' ') + "]");
    truncated.truncate_after_bytes = 100;
    ScriptedServer server({truncated});
    Fetcher fetcher(fast_options());
    const auto error = fetch_error(fetcher, server.url());
    EXPECT_EQ(error.kind(), FetchError::Kind::connection);
    EXPECT_EQ(error.attempts(), 4);
    EXPECT_EQ(server.request_count(), 4u);
    EXPECT_TRUE(contains(error.what(), "before the whole body")) << error.what();
}

TEST(Fetch, ConnectionClosedWithoutAnswerIsRetried) {
    HttpResponse hang_up;
    hang_up.close_without_response = true;
    ScriptedServer server({hang_up, HttpResponse::json("{}")});
    Fetcher fetcher(fast_options());
    const auto response = fetcher.get({server.url(), ContentKind::json, "", false});
    EXPECT_EQ(response.attempts, 2);
    EXPECT_EQ(response.body, "{}");
}

TEST(Fetch, MalformedAnswerIsAnError) {
    HttpResponse garbage;
    garbage.raw = "SMTP ready\r\n\r\n";
    ScriptedServer server({garbage});
    Fetcher fetcher(fast_options());
    const auto error = fetch_error(fetcher, server.url());
    EXPECT_NE(error.kind(), FetchError::Kind::http_status);
    EXPECT_TRUE(contains(error.what(), server.url())) << error.what();
}

TEST(Fetch, GzipBodyIsDecoded) {
    const std::string json = R"({"result":{"count":2,"results":[{"name":"baeume"},{"name":"wald"}]}})";
    auto zipped = HttpResponse::json(json);
    zipped.gzip = true;
    ScriptedServer server({zipped});
    Fetcher fetcher(fast_options());
    const auto response = fetcher.get({server.url(), ContentKind::json, "", false});
    EXPECT_EQ(response.body, json);
    EXPECT_TRUE(contains(server.requests().at(0).header("Accept-Encoding"), "gzip"));
}

TEST(GzipFile, IsRecognizedByItsFirstBytesAndUnpacked) {
    const std::string text = "@prefix dcat: <http://www.w3.org/ns/dcat#> .\n# Bäume in Moers\n";
    const std::string packed = ernte::testsupport::gzip_compress(text);
    EXPECT_TRUE(is_gzip_file(packed));
    EXPECT_FALSE(is_gzip_file(text));
    EXPECT_FALSE(is_gzip_file(""));
    EXPECT_EQ(gunzip_file(packed, text.size()), text);  // exactly the limit is allowed
    EXPECT_EQ(gunzip_file(ernte::testsupport::gzip_compress(""), 0), "");
}

TEST(GzipFile, SaysWhatIsWrong) {
    const std::string text(100000, 'x');
    const std::string packed = ernte::testsupport::gzip_compress(text);
    const auto message = [](std::string_view body, std::size_t max_bytes) {
        try {
            gunzip_file(body, max_bytes);
        } catch (const std::runtime_error& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    EXPECT_EQ(message(packed, text.size() - 1), "unpacked, it is larger than the limit of 99999 bytes");
    EXPECT_TRUE(message(packed.substr(0, packed.size() - 4), 1u << 20).starts_with("the gzip file ends early"))
        << message(packed.substr(0, packed.size() - 4), 1u << 20);
    std::string corrupt = packed;
    corrupt[12] = static_cast<char>(corrupt[12] ^ 0x55);
    EXPECT_TRUE(message(corrupt, 1u << 20).starts_with("not a readable gzip file")) << message(corrupt, 1u << 20);
}

TEST(Fetch, GzipBombIsStoppedAtTheCap) {
    static const std::string bomb = ernte::testsupport::gzip_repeated('\0', 200u << 20);
    auto response = HttpResponse::text(bomb, "application/json");
    response.headers.emplace_back("Content-Encoding", "gzip");
    ScriptedServer server({response});
    auto options = fast_options();
    options.max_bytes = 10u << 20;
    Fetcher fetcher(options);
    const auto started = Clock::now();
    const auto error = fetch_error(fetcher, server.url());
    EXPECT_LT(Clock::now() - started, 2s);
    EXPECT_EQ(error.kind(), FetchError::Kind::too_large);
    EXPECT_EQ(error.attempts(), 1);
    EXPECT_TRUE(contains(error.what(), "10 MiB")) << error.what();
}

TEST(Fetch, BodyAtTheCapIsAccepted) {
    ScriptedServer server({HttpResponse::text(std::string(4096, 'a'), "text/plain")});
    auto options = fast_options();
    options.max_bytes = 4096;
    Fetcher fetcher(options);
    EXPECT_EQ(fetcher.get({server.url(), ContentKind::any, "", false}).body.size(), 4096u);
}

TEST(Fetch, ContentLengthOverTheCapIsRejectedBeforeTheBody) {
    // The server announces 2 MiB and then sends nothing: only a check of the
    // Content-Length can fail this fast, waiting for the body would time out.
    auto big = HttpResponse::text(std::string(2u << 20, 'x'), "application/json");
    big.stall_after_bytes = 0;
    ScriptedServer server({big});
    auto options = fast_options();
    options.max_bytes = 1u << 20;
    options.read_timeout = 5s;
    Fetcher fetcher(options);
    const auto started = Clock::now();
    const auto error = fetch_error(fetcher, server.url());
    EXPECT_LT(Clock::now() - started, 1s);
    EXPECT_EQ(error.kind(), FetchError::Kind::too_large);
    EXPECT_TRUE(contains(error.what(), "1 MiB")) << error.what();
}

TEST(Fetch, RedirectsAreFollowed) {
    HttpServer server([](const HttpRequest& request) {
        if (request.path == "/a") return status_only(301, {{"Location", "/b"}});
        if (request.path == "/b") return status_only(302, {{"Location", "/c?x=1"}});
        return HttpResponse::json(R"({"at":"c"})");
    });
    Fetcher fetcher(fast_options());
    const auto response = fetcher.get({server.base_url() + "/a", ContentKind::json, "", false});
    EXPECT_EQ(response.body, R"({"at":"c"})");
    EXPECT_EQ(response.effective_url, server.base_url() + "/c?x=1");
    EXPECT_EQ(server.request_count(), 3u);
}

TEST(Fetch, RedirectLoopFailsWithTooManyRedirects) {
    HttpServer server([](const HttpRequest&) { return status_only(302, {{"Location", "/loop"}}); });
    Fetcher fetcher(fast_options());
    const auto error = fetch_error(fetcher, server.base_url() + "/loop");
    EXPECT_EQ(error.kind(), FetchError::Kind::too_many_redirects);
    EXPECT_EQ(error.attempts(), 1);
    EXPECT_EQ(server.request_count(), 6u);  // the first request and 5 redirects
    EXPECT_TRUE(contains(error.what(), "5 redirects")) << error.what();
}

TEST(Fetch, RedirectToAnotherProtocolIsRefused) {
    HttpServer server([](const HttpRequest&) { return status_only(302, {{"Location", "file:///etc/passwd"}}); });
    Fetcher fetcher(fast_options());
    const auto error = fetch_error(fetcher, server.base_url() + "/");
    EXPECT_EQ(error.kind(), FetchError::Kind::other);
    EXPECT_TRUE(contains(error.what(), "protocol")) << error.what();
    EXPECT_EQ(server.request_count(), 1u);
}

TEST(Fetch, HtmlWhereJsonIsExpectedIsWrongContent) {
    ScriptedServer server({HttpResponse::text("\n  <!DOCTYPE html><html><head><title>Wartungsarbeiten</title>",
                                              "text/html; charset=utf-8")});
    Fetcher fetcher(fast_options());
    const auto url = server.url("/api/3/action/package_search");
    const auto error = fetch_error(fetcher, url, ContentKind::json);
    EXPECT_EQ(error.kind(), FetchError::Kind::wrong_content);
    EXPECT_EQ(error.status(), 200);
    EXPECT_EQ(server.request_count(), 1u);
    const std::string message = error.what();
    EXPECT_TRUE(contains(message, "Expected JSON from " + url + " but got an HTML page")) << message;
    EXPECT_TRUE(contains(message, "Content-Type text/html; charset=utf-8")) << message;
    EXPECT_TRUE(contains(message, "starts with '<!DOCTYPE html>")) << message;
}

TEST(Fetch, MarkupLabelledAsJsonIsWrongContent) {
    ScriptedServer server({HttpResponse::json("<?xml version=\"1.0\"?><error/>")});
    Fetcher fetcher(fast_options());
    const auto error = fetch_error(fetcher, server.url(), ContentKind::json);
    EXPECT_EQ(error.kind(), FetchError::Kind::wrong_content);
    EXPECT_TRUE(contains(error.what(), "<?xml")) << error.what();
}

TEST(Fetch, HtmlIsAcceptedWhenNothingIsExpected) {
    ScriptedServer server({HttpResponse::text("<!DOCTYPE html><p>hi</p>", "text/html")});
    Fetcher fetcher(fast_options());
    EXPECT_EQ(fetcher.get({server.url(), ContentKind::any, "", false}).body, "<!DOCTYPE html><p>hi</p>");
}

TEST(Fetch, HtmlWhereRdfIsExpectedIsWrongContent) {
    const std::string rdf = "<?xml version=\"1.0\"?>\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"/>";
    HttpServer server([&](const HttpRequest& request) {
        if (request.path == "/catalog.rdf") return HttpResponse::text(rdf, "application/rdf+xml");
        if (request.path == "/mislabelled") return HttpResponse::text("<html><body>Login</body></html>", "application/rdf+xml");
        return HttpResponse::text("<!doctype html><title>404</title>", "text/html");
    });
    Fetcher fetcher(fast_options());
    EXPECT_EQ(fetcher.get({server.base_url() + "/catalog.rdf", ContentKind::rdf, "", false}).body, rdf);
    EXPECT_EQ(fetch_error(fetcher, server.base_url() + "/page", ContentKind::rdf).kind(),
              FetchError::Kind::wrong_content);
    const auto error = fetch_error(fetcher, server.base_url() + "/mislabelled", ContentKind::rdf);
    EXPECT_EQ(error.kind(), FetchError::Kind::wrong_content);
    EXPECT_TRUE(contains(error.what(), "Expected RDF from " + server.base_url() + "/mislabelled")) << error.what();
}

TEST(Fetch, ConditionalGetRoundTrip) {
    const std::string last_modified = "Tue, 04 Mar 2025 10:00:00 GMT";
    HttpServer server([&](const HttpRequest& request) {
        if (request.header("If-None-Match") == "\"v1\"") {
            HttpResponse response;
            response.status = 304;
            response.headers.emplace_back("ETag", "\"v1\"");
            return response;
        }
        auto response = HttpResponse::json(R"({"page":1})");
        response.headers.emplace_back("ETag", "\"v1\"");
        response.headers.emplace_back("Last-Modified", last_modified);
        return response;
    });
    const std::string url = server.base_url() + "/catalog.ttl";
    Fetcher fetcher(fast_options());
    MemoryValidatorCache cache;

    const auto first = fetcher.get({url, ContentKind::json, "", true}, &cache);
    EXPECT_EQ(first.status, 200);
    EXPECT_EQ(first.body, R"({"page":1})");
    EXPECT_FALSE(first.not_modified);
    EXPECT_EQ(first.validators.etag, "\"v1\"");
    EXPECT_EQ(first.validators.last_modified, last_modified);
    ASSERT_EQ(cache.entries.count(url), 1u);
    EXPECT_EQ(cache.entries[url].etag, "\"v1\"");

    const auto second = fetcher.get({url, ContentKind::json, "", true}, &cache);
    EXPECT_EQ(second.status, 304);
    EXPECT_TRUE(second.not_modified);
    EXPECT_EQ(second.body, "");
    EXPECT_EQ(second.validators.etag, "\"v1\"");
    EXPECT_EQ(second.validators.last_modified, last_modified);

    // Without `conditional` the page is fetched in full even with a cache.
    const auto third = fetcher.get({url, ContentKind::json, "", false}, &cache);
    EXPECT_EQ(third.status, 200);
    EXPECT_EQ(third.body, R"({"page":1})");
    EXPECT_EQ(server.request_count(), 3u);
}

TEST(Fetch, ConditionalGetSendsBothValidators) {
    ScriptedServer server({status_only(304)});
    Fetcher fetcher(fast_options());
    MemoryValidatorCache cache;
    cache.entries[server.url()] = {"W/\"abc\"", "Wed, 05 Mar 2025 08:00:00 GMT"};
    const auto response = fetcher.get({server.url(), ContentKind::any, "", true}, &cache);
    EXPECT_TRUE(response.not_modified);
    const auto request = server.requests().at(0);
    EXPECT_EQ(request.header("If-None-Match"), "W/\"abc\"");
    EXPECT_EQ(request.header("If-Modified-Since"), "Wed, 05 Mar 2025 08:00:00 GMT");
}

TEST(Fetch, NotModifiedToAnUnconditionalRequestIsAnError) {
    ScriptedServer server({status_only(304)});
    Fetcher fetcher(fast_options());
    const auto error = fetch_error(fetcher, server.url());
    EXPECT_EQ(error.kind(), FetchError::Kind::http_status);
    EXPECT_EQ(error.status(), 304);
    EXPECT_TRUE(server.requests().at(0).header("If-None-Match").empty());
}

TEST(Fetch, ConnectionsAreReused) {
    HttpServer server([](const HttpRequest&) { return HttpResponse::json("{}"); });
    Fetcher fetcher(fast_options());
    for (int i = 0; i < 20; ++i) {
        fetcher.get({server.base_url() + "/page?start=" + std::to_string(i * 100), ContentKind::json, "", false});
    }
    EXPECT_EQ(server.request_count(), 20u);
    EXPECT_EQ(server.connection_count(), 1u);
}

namespace {

/// Fetches from a server that counts requests in flight, from `threads`
/// threads at once; returns the highest count it saw.
int max_concurrency(int limit, int threads) {
    std::mutex mutex;
    int in_flight = 0;
    int highest = 0;
    HttpServer server([&](const HttpRequest&) {
        {
            const std::lock_guard lock(mutex);
            highest = std::max(highest, ++in_flight);
        }
        std::this_thread::sleep_for(100ms);
        {
            const std::lock_guard lock(mutex);
            --in_flight;
        }
        return HttpResponse::json("{}");
    });
    auto options = fast_options();
    options.max_connections_per_host = limit;
    Fetcher fetcher(options);
    std::vector<std::future<FetchResponse>> results;
    for (int i = 0; i < threads; ++i) {
        results.push_back(std::async(std::launch::async, [&, i] {
            return fetcher.get({server.base_url() + "/page/" + std::to_string(i), ContentKind::json, "", false});
        }));
    }
    for (auto& result : results) EXPECT_EQ(result.get().body, "{}");
    const std::lock_guard lock(mutex);
    return highest;
}

}  // namespace

TEST(Fetch, PerHostConcurrencyIsLimited) {
    EXPECT_LE(max_concurrency(2, 6), 2);
    // The measurement itself works: without a tight limit the requests overlap.
    EXPECT_GE(max_concurrency(6, 6), 3);
}

TEST(Fetch, CancelAbortsASlowTransferPromptly) {
    auto slow = HttpResponse::json("{}");
    slow.delay = 10s;
    ScriptedServer server({slow});
    std::atomic<bool> cancel{false};
    auto options = fast_options();
    options.read_timeout = 30s;
    options.cancel = &cancel;
    Fetcher fetcher(options);
    std::thread canceller([&] {
        std::this_thread::sleep_for(200ms);
        cancel = true;
    });
    const auto started = Clock::now();
    const auto error = fetch_error(fetcher, server.url());
    const auto took = Clock::now() - started;
    canceller.join();
    EXPECT_EQ(error.kind(), FetchError::Kind::cancelled);
    EXPECT_GE(took, 150ms);
    EXPECT_LT(took, 1s);
    EXPECT_TRUE(contains(error.what(), "cancelled")) << error.what();
}

TEST(Fetch, CancelInterruptsTheWaitBeforeARetry) {
    ScriptedServer server({status_only(503, {{"Retry-After", "4"}})});
    std::atomic<bool> cancel{false};
    auto options = fast_options();
    options.cancel = &cancel;
    Fetcher fetcher(options);
    std::thread canceller([&] {
        std::this_thread::sleep_for(200ms);
        cancel = true;
    });
    const auto started = Clock::now();
    const auto error = fetch_error(fetcher, server.url());
    const auto took = Clock::now() - started;
    canceller.join();
    EXPECT_EQ(error.kind(), FetchError::Kind::cancelled);
    EXPECT_LT(took, 1s);
    EXPECT_EQ(server.request_count(), 1u);
}

TEST(Fetch, AlreadyCancelledDoesNotConnect) {
    ScriptedServer server({HttpResponse::json("{}")});
    std::atomic<bool> cancel{true};
    auto options = fast_options();
    options.cancel = &cancel;
    Fetcher fetcher(options);
    EXPECT_EQ(fetch_error(fetcher, server.url()).kind(), FetchError::Kind::cancelled);
    EXPECT_EQ(server.request_count(), 0u);
}

TEST(Fetch, NonHttpUrlIsRefused) {
    Fetcher fetcher(fast_options());
    const auto error = fetch_error(fetcher, "file:///etc/passwd");
    EXPECT_EQ(error.kind(), FetchError::Kind::other);
    EXPECT_EQ(error.attempts(), 1);
}

// ------------------------------------------------------------------ URLs and probes

TEST(Fetch, ParseHttpUrlGivesTheParts) {
    auto url = parse_http_url("HTTPS://Daten.Example.ORG/a/b.csv?x=1#top");
    ASSERT_TRUE(url);
    EXPECT_EQ(url->scheme, "https");
    EXPECT_EQ(url->host, "daten.example.org");
    EXPECT_EQ(url->port, "443");
    EXPECT_TRUE(url->default_port);
    EXPECT_EQ(url->path_and_query, "/a/b.csv?x=1");
    EXPECT_EQ(url->origin(), "https://daten.example.org:443");
    EXPECT_EQ(url->root(), "https://daten.example.org");
    url = parse_http_url("http://127.0.0.1:8080");
    ASSERT_TRUE(url);
    EXPECT_EQ(url->path_and_query, "/");
    EXPECT_FALSE(url->default_port);
    EXPECT_EQ(url->root(), "http://127.0.0.1:8080");
    EXPECT_EQ(url->origin(), "http://127.0.0.1:8080");

    std::string problem;
    EXPECT_FALSE(parse_http_url("mailto:opendata@example.org", &problem));
    EXPECT_EQ(problem, "it is not an http or https URL (it starts with mailto:)");
    EXPECT_FALSE(parse_http_url("https://example.org/Haushalt 2023.csv", &problem));
    EXPECT_EQ(problem, "the URL contains white space; a space must be written as %20");
    EXPECT_FALSE(parse_http_url("/relative/path.csv", &problem));
    EXPECT_EQ(problem, "it is not an absolute URL (it does not start with http:// or https://)");
    EXPECT_FALSE(parse_http_url("", &problem));
    EXPECT_EQ(problem, "the URL is empty");
    EXPECT_FALSE(parse_http_url("http://", &problem));
    EXPECT_TRUE(contains(problem, "it is not a valid URL")) << problem;
}

TEST(Fetch, HeadProbeReportsStatusTypeAndLength) {
    ScriptedServer server({HttpResponse::text(std::string(4321, 'x'), "text/csv")});
    Fetcher fetcher(fast_options());
    const auto result = fetcher.probe({server.url("/a.csv")});
    EXPECT_FALSE(result.failed()) << result.message;
    EXPECT_EQ(result.status, 200);
    EXPECT_EQ(result.content_type, "text/csv");
    EXPECT_EQ(result.content_length, 4321u);
    EXPECT_EQ(result.effective_url, server.url("/a.csv"));
    EXPECT_EQ(result.attempts, 1);
    ASSERT_EQ(server.requests().size(), 1u);
    EXPECT_EQ(server.requests()[0].method, "HEAD");
    EXPECT_EQ(server.requests()[0].header("user-agent"), "ernte-test/1.0 (+ops@example.org)");
}

TEST(Fetch, GetProbeStopsAfterTheHeaders) {
    // A GET that waited for this body would run into the timeout.
    auto big = HttpResponse::text(std::string(1u << 20, 'x'), "application/zip");
    big.stall_after_bytes = 10;
    ScriptedServer server({big});
    Fetcher fetcher(fast_options());
    ProbeRequest request{server.url("/big.zip"), ProbeMethod::get, 1000ms, 5, 0};
    const auto result = fetcher.probe(request);
    EXPECT_FALSE(result.failed()) << result.message;
    EXPECT_EQ(result.status, 200);
    EXPECT_EQ(result.content_length, 1u << 20);
    EXPECT_EQ(result.content_type, "application/zip");
    EXPECT_EQ(server.requests()[0].method, "GET");
    // The handles stay usable for the next transfer.
    EXPECT_FALSE(fetcher.probe(request).failed());
}

TEST(Fetch, ProbeTakesErrorStatusesAsAnswersAndRetriesOnlyTransientOnes) {
    ScriptedServer missing({status_only(404)});
    Fetcher fetcher(fast_options());
    auto result = fetcher.probe({missing.url("/gone")});
    EXPECT_FALSE(result.failed());
    EXPECT_EQ(result.status, 404);
    EXPECT_EQ(result.attempts, 1);
    EXPECT_EQ(missing.request_count(), 1u);

    ScriptedServer flaky({status_only(503), status_only(200)});
    result = fetcher.probe({flaky.url("/flaky"), ProbeMethod::head, 1000ms, 5, 1});
    EXPECT_EQ(result.status, 200);
    EXPECT_EQ(result.attempts, 2);

    ScriptedServer down({status_only(503)});
    result = fetcher.probe({down.url("/down"), ProbeMethod::head, 1000ms, 5, 0});
    EXPECT_FALSE(result.failed());
    EXPECT_EQ(result.status, 503);
    EXPECT_EQ(down.request_count(), 1u);
}

TEST(Fetch, ProbeFailuresAreValuesWithASentence) {
    Fetcher fetcher(fast_options());
    const std::string refused = "http://127.0.0.1:" + std::to_string(ernte::testsupport::unused_port()) + "/a.csv";
    auto result = fetcher.probe({refused, ProbeMethod::head, 1000ms, 5, 1});
    ASSERT_TRUE(result.failed());
    EXPECT_EQ(result.failure, FetchError::Kind::connection);
    EXPECT_EQ(result.attempts, 2);
    EXPECT_TRUE(contains(result.message, "HEAD " + refused + " failed: could not connect")) << result.message;
    EXPECT_TRUE(contains(result.message, "gave up after 2 attempts")) << result.message;

    result = fetcher.probe({"ftp://example.org/a.csv"});
    EXPECT_EQ(result.failure, FetchError::Kind::invalid_url);
    EXPECT_EQ(result.message, "ftp://example.org/a.csv cannot be checked: it is not an http or https URL (it starts with ftp:).");
    EXPECT_EQ(to_string(FetchError::Kind::invalid_url), "invalid_url");
}

TEST(Fetch, HostIntervalSpacesTheRequestsToOneHost) {
    HttpServer server([](const HttpRequest&) { return HttpResponse::text("x", "text/plain"); });
    auto options = fast_options();
    options.host_interval = 150ms;
    Fetcher fetcher(options);
    const auto started = Clock::now();
    std::vector<std::thread> threads;
    for (int i = 0; i < 3; ++i) {
        threads.emplace_back([&, i] { fetcher.get({server.base_url() + "/" + std::to_string(i)}); });
    }
    fetcher.probe({server.base_url() + "/probe"});
    for (auto& t : threads) t.join();
    const auto log = server.request_log();
    ASSERT_EQ(log.size(), 4u);
    // The server stamps a request when its connection's thread has read it,
    // which on a loaded machine may be late; a late stamp shortens one gap
    // and lengthens another. Requests sent too close together shorten the
    // median gap and the whole run, a late stamp neither.
    std::vector<Clock::duration> gaps;
    for (std::size_t i = 1; i < log.size(); ++i) gaps.push_back(log[i].received - log[i - 1].received);
    std::sort(gaps.begin(), gaps.end());
    EXPECT_GE(gaps[gaps.size() / 2], 135ms);
    EXPECT_GE(log.back().received - started, 3 * 150ms);
}

namespace {

/// A server that keeps the last request it received and answers with `answer`.
struct EchoServer {
    explicit EchoServer(std::vector<HttpResponse> answers)
        : m_answers(std::move(answers)), m_server([this](const HttpRequest& r) {
              std::lock_guard lock(m_mutex);
              m_last = r;
              const std::size_t i = std::min(m_count++, m_answers.size() - 1);
              return m_answers[i];
          }) {}
    std::string url(const std::string& path) const { return m_server.base_url() + path; }
    HttpRequest last() {
        std::lock_guard lock(m_mutex);
        return m_last;
    }
    std::size_t count() {
        std::lock_guard lock(m_mutex);
        return m_count;
    }

    std::vector<HttpResponse> m_answers;
    std::mutex m_mutex;
    HttpRequest m_last;
    std::size_t m_count = 0;
    HttpServer m_server;
};

}  // namespace

TEST(FetchPost, SendsTheBodyAndHeadersAndReturnsAnyAnswer) {
    EchoServer server({HttpResponse::json(R"({"success": false, "error": {"__type": "Validation Error"}})", 409)});
    Fetcher fetcher(fast_options());
    PostRequest request;
    request.url = server.url("/api/3/action/package_create");
    request.body = R"({"name": "baeume"})";
    request.headers.emplace_back("Authorization", "token-123");
    const auto response = fetcher.post(request);
    EXPECT_EQ(response.status, 409) << "a 4xx is an answer for the caller to judge, not retried";
    EXPECT_NE(response.body.find("Validation Error"), std::string::npos);
    EXPECT_EQ(server.count(), 1u);
    const HttpRequest seen = server.last();
    EXPECT_EQ(seen.method, "POST");
    EXPECT_EQ(seen.body, R"({"name": "baeume"})");
    EXPECT_EQ(seen.header("authorization"), "token-123");
    EXPECT_EQ(seen.header("content-type"), "application/json");
    EXPECT_EQ(seen.header("user-agent"), "ernte-test/1.0 (+ops@example.org)");
}

TEST(FetchPost, RetriesOnlyWhatTheServerCannotHaveActedOn) {
    HttpResponse busy = HttpResponse::json("{}", 503);
    busy.headers.emplace_back("Retry-After", "0");
    EchoServer refused({busy, HttpResponse::json(R"({"success": true})")});
    Fetcher fetcher(fast_options());
    const auto response = fetcher.post({refused.url("/a"), "{}", "application/json", "application/json", {}});
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.attempts, 2) << "a 503 did not act on the request: sent again";

    HttpResponse hang_up;
    hang_up.close_without_response = true;
    EchoServer broken({hang_up, HttpResponse::json("{}")});
    try {
        fetcher.post({broken.url("/a"), "{}", "application/json", "application/json", {}});
        ADD_FAILURE() << "expected a FetchError";
    } catch (const FetchError& e) {
        EXPECT_EQ(broken.count(), 1u) << "the request may have reached the server: not sent twice";
        EXPECT_TRUE(contains(e.what(), "may have reached the server")) << e.what();
    }

    Fetcher once([] {
        auto o = fast_options();
        o.retries = 1;
        return o;
    }());
    const std::string nobody = "http://127.0.0.1:" + std::to_string(ernte::testsupport::unused_port()) + "/a";
    try {
        once.post({nobody, "{}", "application/json", "application/json", {}});
        ADD_FAILURE() << "expected a FetchError";
    } catch (const FetchError& e) {
        EXPECT_EQ(e.kind(), FetchError::Kind::connection);
        EXPECT_EQ(e.attempts(), 2) << "a refused connection never reached the server: retried";
    }
}
