// Link checks against a real server on loopback: the verdict rules (HEAD,
// GET when HEAD is refused, redirects, timeouts), robots.txt, politeness, and
// what is kept per URL in the store.

#include "harvester/link_check.hpp"

#include "tests/support/http_server.hpp"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <random>
#include <thread>

using namespace ernte;
using namespace ernte::harvester;
using catalog::LinkOutcome;
using testsupport::HttpRequest;
using testsupport::HttpResponse;
using testsupport::HttpServer;
using namespace std::chrono_literals;

namespace {

bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

HttpResponse redirect(int status, const std::string& location) {
    HttpResponse response = HttpResponse::text("moved", "text/plain", status);
    response.headers.emplace_back("Location", location);
    return response;
}

constexpr const char* user_agent_text = "ernte/test (+ops@example.org)";

/// A store, and a loopback server whose answers each test sets per path
/// (anything else is 404, so robots.txt is absent unless a test adds one).
class LinkCheckTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = std::filesystem::temp_directory_path() /
                ("ernte-links-" + std::to_string(::getpid()) + "-" + std::to_string(std::random_device{}()));
        std::filesystem::create_directories(m_dir);
        m_store = std::make_unique<catalog::Store>(m_dir / "catalog.db");
        m_store->set_clock([this] { return m_now.load(); });
        m_server = std::make_unique<HttpServer>([this](const HttpRequest& request) { return handle(request); });
    }
    void TearDown() override {
        m_server.reset();
        m_store.reset();
        std::error_code ignored;
        std::filesystem::remove_all(m_dir, ignored);
    }

    HttpResponse handle(const HttpRequest& request) {
        std::function<HttpResponse(const HttpRequest&)> route;
        {
            const std::lock_guard lock(m_mutex);
            const auto it = m_routes.find(request.path);
            if (it != m_routes.end()) route = it->second;
        }
        if (!route) return HttpResponse::text("not here", "text/plain", 404);
        return route(request);
    }
    void route(const std::string& path, std::function<HttpResponse(const HttpRequest&)> answer) {
        const std::lock_guard lock(m_mutex);
        m_routes[path] = std::move(answer);
    }
    void route(const std::string& path, HttpResponse answer) {
        route(path, [answer](const HttpRequest&) { return answer; });
    }

    std::string url(const std::string& path) const { return m_server->base_url() + path; }

    /// "METHOD /target" of every request, in order.
    std::vector<std::string> requests() const {
        std::vector<std::string> out;
        for (const auto& r : m_server->request_log()) out.push_back(r.method + " " + r.target);
        return out;
    }
    bool requested(const std::string& target) const {
        const auto all = requests();
        return std::any_of(all.begin(), all.end(), [&](const std::string& r) { return contains(r, " " + target); });
    }

    static FetchOptions fetch_options() {
        FetchOptions options;
        options.connect_timeout = 1000ms;
        options.read_timeout = 2000ms;
        options.total_timeout = 5000ms;
        options.retries = 0;
        options.backoff_base = 10ms;
        options.backoff_max = 20ms;
        options.max_bytes = 1u << 20;
        options.max_connections_per_host = 2;
        options.user_agent = user_agent_text;
        return options;
    }
    static LinkCheckOptions check_options() {
        LinkCheckOptions options;
        options.timeout = 1000ms;
        options.retries = 0;
        options.per_host = 2;
        options.parallel = 4;
        options.max_age = std::chrono::days(7);
        return options;
    }
    LinkCheckSummary check(const std::vector<std::string>& urls, const LinkCheckOptions& options = check_options(),
                           const FetchOptions& fetch = fetch_options()) {
        Fetcher fetcher(fetch);
        LinkChecker checker(*m_store, fetcher, options);
        return checker.run(urls);
    }
    catalog::LinkCheckRow row(const std::string& u) {
        auto found = m_store->link_check(u);
        EXPECT_TRUE(found) << u;
        return found.value_or(catalog::LinkCheckRow{});
    }

    std::filesystem::path m_dir;
    std::atomic<std::chrono::system_clock::time_point> m_now{
        std::chrono::system_clock::time_point(std::chrono::sys_days(std::chrono::year(2026) / 11 / 1))};
    std::unique_ptr<catalog::Store> m_store;
    std::mutex m_mutex;
    std::map<std::string, std::function<HttpResponse(const HttpRequest&)>> m_routes;
    std::unique_ptr<HttpServer> m_server;
};

}  // namespace

// ------------------------------------------------------------------ robots.txt rules

TEST(RobotsTxt, EmptyOrMissingAllowsEverything) {
    EXPECT_TRUE(RobotsTxt().allows("/anything"));
    EXPECT_TRUE(RobotsTxt::parse("").allows("/anything"));
    EXPECT_TRUE(RobotsTxt::parse("# nothing but a comment\n").allows("/"));
    // Rules before any User-agent line belong to no group.
    EXPECT_TRUE(RobotsTxt::parse("Disallow: /\n").allows("/x"));
}

TEST(RobotsTxt, StarGroupAppliesWhenNoGroupNamesErnte) {
    const auto robots = RobotsTxt::parse("User-agent: *\nDisallow: /private/\n\nUser-agent: otherbot\nDisallow: /\n");
    EXPECT_EQ(robots.size(), 1u);
    EXPECT_FALSE(robots.allows("/private/a.csv"));
    EXPECT_TRUE(robots.allows("/public/a.csv"));
    EXPECT_TRUE(robots.allows("/private"));  // a prefix match, not a directory match
}

TEST(RobotsTxt, GroupNamingErnteWinsOverStarAndGroupsAreMerged) {
    const auto robots = RobotsTxt::parse(
        "User-agent: *\nDisallow: /\n\n"
        "User-agent: Ernte/2.0\nDisallow: /a/\n\n"
        "User-agent: googlebot\nUser-agent: ernte\nDisallow: /b/\n");
    EXPECT_TRUE(robots.allows("/c/x"));
    EXPECT_FALSE(robots.allows("/a/x"));
    EXPECT_FALSE(robots.allows("/b/x"));
    // A group for ernte without rules allows everything, whatever "*" says.
    EXPECT_TRUE(RobotsTxt::parse("User-agent: *\nDisallow: /\nUser-agent: ernte\n").allows("/x"));
    // "ernte-bot" is another crawler.
    EXPECT_FALSE(RobotsTxt::parse("User-agent: *\nDisallow: /\nUser-agent: ernte-bot\nAllow: /\n").allows("/x"));
}

TEST(RobotsTxt, LongestMatchWinsAndAllowWinsATie) {
    const auto robots = RobotsTxt::parse(
        "user-agent: *\r\ndisallow: /data/\r\nallow: /data/open/\r\nDISALLOW: /data/open/secret\r\n"
        "Allow: /tie\nDisallow: /tie\n");
    EXPECT_FALSE(robots.allows("/data/x.csv"));
    EXPECT_TRUE(robots.allows("/data/open/x.csv"));
    EXPECT_FALSE(robots.allows("/data/open/secret.csv"));
    EXPECT_TRUE(robots.allows("/tie"));
    EXPECT_TRUE(robots.allows("/robots.txt"));
}

TEST(RobotsTxt, WildcardsEndAnchorsAndEncoding) {
    const auto robots = RobotsTxt::parse(
        "User-agent: *\nDisallow: /*.pdf$\nDisallow: /*?session=\nDisallow: /stra%c3%9fe/\nDisallow:\n"
        "Sitemap: https://example.org/sitemap.xml\nDisallow: /after-sitemap\n");
    EXPECT_FALSE(robots.allows("/docs/a.pdf"));
    EXPECT_TRUE(robots.allows("/docs/a.pdf.csv"));
    EXPECT_FALSE(robots.allows("/list?session=42"));
    EXPECT_TRUE(robots.allows("/list?page=2"));
    EXPECT_FALSE(robots.allows("/straße/plan.csv"));      // raw UTF-8 in the URL
    EXPECT_FALSE(robots.allows("/stra%C3%9Fe/plan.csv"));  // escaped, other case
    EXPECT_FALSE(robots.allows("/after-sitemap"));         // Sitemap does not end the group
    EXPECT_TRUE(robots.allows("/"));                       // an empty Disallow is no rule
    // Many stars do not make matching slow.
    const auto stars = RobotsTxt::parse("User-agent: *\nDisallow: /" + std::string(200, '*') + "x$\n");
    EXPECT_TRUE(stars.allows("/" + std::string(5000, 'a')));
}

// ------------------------------------------------------------------ verdicts

TEST_F(LinkCheckTest, HeadOkKeepsStatusTypeAndSize) {
    route("/data/a.csv", HttpResponse::text(std::string(1234, 'x'), "text/csv; charset=utf-8"));
    const auto summary = check({url("/data/a.csv")});
    EXPECT_EQ(summary.urls, 1);
    EXPECT_EQ(summary.checked, 1);
    EXPECT_EQ(summary.ok, 1);
    EXPECT_EQ(summary.broken, 0);
    const auto r = row(url("/data/a.csv"));
    EXPECT_EQ(r.outcome(), LinkOutcome::ok);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.content_type, "text/csv; charset=utf-8");
    EXPECT_EQ(r.size, 1234);
    EXPECT_EQ(r.final_url, url("/data/a.csv"));
    EXPECT_EQ(r.checked, "2026-11-01T00:00:00Z");
    EXPECT_EQ(r.last_success, "2026-11-01T00:00:00Z");
    EXPECT_EQ(requests(), (std::vector<std::string>{"GET /robots.txt", "HEAD /data/a.csv"}));
    for (const auto& logged : m_server->request_log()) EXPECT_EQ(logged.user_agent, user_agent_text);
}

TEST_F(LinkCheckTest, HeadRefusedThenGetDecides) {
    for (const int refused : {405, 501, 403, 400}) {
        const std::string path = "/refused-" + std::to_string(refused);
        route(path, [refused](const HttpRequest& request) {
            if (request.method == "HEAD") return HttpResponse::text("", "text/plain", refused);
            return HttpResponse::text("a;b\n1;2\n", "text/csv");
        });
    }
    route("/refused-then-missing", [](const HttpRequest& request) {
        return HttpResponse::text("no", "text/plain", request.method == "HEAD" ? 405 : 404);
    });
    const auto summary =
        check({url("/refused-405"), url("/refused-501"), url("/refused-403"), url("/refused-400"),
               url("/refused-then-missing")});
    EXPECT_EQ(summary.ok, 4);
    EXPECT_EQ(summary.broken, 1);
    for (const int refused : {405, 501, 403, 400}) {
        const std::string path = "/refused-" + std::to_string(refused);
        const auto r = row(url(path));
        EXPECT_EQ(r.outcome(), LinkOutcome::ok) << path << ": " << r.error;
        EXPECT_EQ(r.status, 200);
        EXPECT_EQ(r.content_type, "text/csv");
        EXPECT_EQ(r.size, 8);
        EXPECT_TRUE(requested(path)) << path;
    }
    const auto missing = row(url("/refused-then-missing"));
    EXPECT_EQ(missing.outcome(), LinkOutcome::broken);
    EXPECT_EQ(missing.status, 404);
    EXPECT_TRUE(contains(missing.error, "GET " + url("/refused-then-missing") + " was answered with HTTP 404 Not Found"))
        << missing.error;
    EXPECT_TRUE(contains(missing.error, "HEAD had been answered with HTTP 405 Method Not Allowed")) << missing.error;
    const auto all = requests();
    EXPECT_EQ(std::count(all.begin(), all.end(), "HEAD /refused-405"), 1);
    EXPECT_EQ(std::count(all.begin(), all.end(), "GET /refused-405"), 1);
}

TEST_F(LinkCheckTest, NotFoundIsBrokenWithoutATryWithGet) {
    const auto summary = check({url("/gone.csv")});
    EXPECT_EQ(summary.broken, 1);
    const auto r = row(url("/gone.csv"));
    EXPECT_EQ(r.outcome(), LinkOutcome::broken);
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(r.failure, "");
    EXPECT_EQ(r.error, "HEAD " + url("/gone.csv") + " was answered with HTTP 404 Not Found.");
    EXPECT_EQ(r.consecutive_failures, 1);
    EXPECT_EQ(r.first_failure, "2026-11-01T00:00:00Z");
    EXPECT_EQ(requests(), (std::vector<std::string>{"GET /robots.txt", "HEAD /gone.csv"}));
}

TEST_F(LinkCheckTest, RedirectChainIsFollowed) {
    route("/old", redirect(301, "/older"));
    route("/older", redirect(302, url("/new")));
    route("/new", redirect(307, "/file.json"));
    route("/file.json", HttpResponse::json("{}"));
    check({url("/old")});
    const auto r = row(url("/old"));
    EXPECT_EQ(r.outcome(), LinkOutcome::ok) << r.error;
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.final_url, url("/file.json"));
    EXPECT_EQ(r.content_type, "application/json; charset=utf-8");
}

TEST_F(LinkCheckTest, RedirectLoopAndLongChainsAreBroken) {
    route("/loop", redirect(302, "/loop"));
    for (int i = 0; i < 8; ++i) route("/hop" + std::to_string(i), redirect(302, "/hop" + std::to_string(i + 1)));
    route("/hop8", HttpResponse::text("finally", "text/plain"));
    auto options = check_options();
    options.max_redirects = 3;
    const auto summary = check({url("/loop"), url("/hop0")}, options);
    EXPECT_EQ(summary.broken, 2);
    for (const auto& u : {url("/loop"), url("/hop0")}) {
        const auto r = row(u);
        EXPECT_EQ(r.outcome(), LinkOutcome::broken) << u;
        EXPECT_EQ(r.failure, "too_many_redirects") << u;
        EXPECT_TRUE(contains(r.error, "more than 3 redirects")) << r.error;
    }
    EXPECT_FALSE(requested("/hop5"));
}

TEST_F(LinkCheckTest, SlowServerTimesOut) {
    auto slow = HttpResponse::text("late", "text/plain");
    slow.delay = 5s;
    route("/slow.csv", slow);
    auto options = check_options();
    options.timeout = 300ms;
    const auto started = std::chrono::steady_clock::now();
    check({url("/slow.csv")}, options);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 4s);
    const auto r = row(url("/slow.csv"));
    EXPECT_EQ(r.outcome(), LinkOutcome::broken);
    EXPECT_EQ(r.failure, "timeout");
    EXPECT_EQ(r.status, 0);
    EXPECT_TRUE(contains(r.error, "no complete answer within 300 ms (timeout)")) << r.error;
}

TEST_F(LinkCheckTest, ConnectionRefusedIsBroken) {
    // Nobody answers robots.txt either: there is no rule to obey, so the URL gets its own verdict.
    const std::string refused = "http://127.0.0.1:" + std::to_string(testsupport::unused_port()) + "/a.csv";
    const auto summary = check({refused});
    EXPECT_EQ(summary.broken, 1);
    EXPECT_EQ(summary.robots_unreachable, 0);
    const auto r = row(refused);
    EXPECT_EQ(r.outcome(), LinkOutcome::broken);
    EXPECT_EQ(r.failure, "connection");
    EXPECT_EQ(r.status, 0);
    EXPECT_TRUE(contains(r.error, "HEAD " + refused + " failed: could not connect")) << r.error;
}

TEST_F(LinkCheckTest, InvalidUrlsAreBrokenWithAReasonAndAskNobody) {
    const std::vector<std::string> invalid = {"ftp://files.example.org/a.csv", url("/a b.csv"), "www.example.org/a.csv",
                                              "http://"};
    const auto summary = check(invalid);
    EXPECT_EQ(summary.broken, 4);
    EXPECT_EQ(m_server->request_count(), 0u);
    EXPECT_TRUE(contains(row("ftp://files.example.org/a.csv").error, "it is not an http or https URL (it starts with ftp:)"));
    EXPECT_TRUE(contains(row(url("/a b.csv")).error, "contains white space; a space must be written as %20"));
    EXPECT_TRUE(contains(row("www.example.org/a.csv").error, "not an absolute URL"));
    for (const auto& u : invalid) {
        EXPECT_EQ(row(u).failure, "invalid_url") << u;
        EXPECT_EQ(row(u).outcome(), LinkOutcome::broken) << u;
    }
}

// ------------------------------------------------------------------ robots.txt

TEST_F(LinkCheckTest, RobotsTxtDisallowIsHonouredAndAllowOverrides) {
    route("/robots.txt", HttpResponse::text("User-agent: *\nDisallow: /private/\nAllow: /private/open/\n\n"
                                            "User-agent: otherbot\nDisallow: /\n",
                                            "text/plain"));
    for (const char* path : {"/private/secret.csv", "/private/open/a.csv", "/public.csv"})
        route(path, HttpResponse::text("x", "text/csv"));
    const auto summary = check({url("/private/secret.csv"), url("/private/open/a.csv"), url("/public.csv")});
    EXPECT_EQ(summary.checked, 2);
    EXPECT_EQ(summary.ok, 2);
    EXPECT_EQ(summary.disallowed, 1);
    EXPECT_EQ(summary.broken, 0);
    EXPECT_FALSE(requested("/private/secret.csv"));
    EXPECT_TRUE(requested("/private/open/a.csv"));
    EXPECT_TRUE(requested("/public.csv"));
    const auto all = requests();
    EXPECT_EQ(std::count(all.begin(), all.end(), "GET /robots.txt"), 1);  // once per host and run
    const auto secret = row(url("/private/secret.csv"));
    EXPECT_EQ(secret.outcome(), LinkOutcome::not_checked);
    EXPECT_EQ(secret.consecutive_failures, 0);
    EXPECT_TRUE(contains(secret.not_checked, "robots.txt of " + m_server->base_url() + " disallows it")) << secret.not_checked;
}

TEST_F(LinkCheckTest, RobotsTxtTimingOutLeavesTheHostAlone) {
    auto slow = HttpResponse::text("User-agent: *\nDisallow:\n", "text/plain");
    slow.delay = 3s;
    route("/robots.txt", slow);
    route("/a.csv", HttpResponse::text("x", "text/csv"));
    auto fetch = fetch_options();
    fetch.read_timeout = 300ms;
    const auto summary = check({url("/a.csv")}, check_options(), fetch);
    EXPECT_EQ(summary.robots_unreachable, 1);
    EXPECT_EQ(summary.broken, 0);
    EXPECT_FALSE(requested("/a.csv"));
    EXPECT_TRUE(contains(row(url("/a.csv")).not_checked, "read timeout")) << row(url("/a.csv")).not_checked;
}

TEST_F(LinkCheckTest, UnreadableRobotsTxtLeavesTheHostAloneWithoutCallingItBroken) {
    route("/robots.txt", HttpResponse::text("down", "text/plain", 503));
    route("/a.csv", HttpResponse::text("x", "text/csv"));
    route("/b.csv", HttpResponse::text("x", "text/csv"));
    const auto summary = check({url("/a.csv"), url("/b.csv")});
    EXPECT_EQ(summary.robots_unreachable, 2);
    EXPECT_EQ(summary.broken, 0);
    EXPECT_EQ(summary.checked, 0);
    EXPECT_EQ(requests(), std::vector<std::string>{"GET /robots.txt"});
    const auto r = row(url("/a.csv"));
    EXPECT_EQ(r.outcome(), LinkOutcome::not_checked);
    EXPECT_TRUE(contains(r.not_checked, "robots.txt of " + m_server->base_url() + " could not be read")) << r.not_checked;
    EXPECT_TRUE(contains(r.not_checked, "HTTP 503")) << r.not_checked;
    // Still due: the next run tries again.
    EXPECT_EQ(m_store->due_link_urls({url("/a.csv")}, std::chrono::days(7)).size(), 1u);
    const auto state = link_overview(*m_store, {url("/a.csv"), url("/b.csv"), url("/never.csv")});
    EXPECT_EQ(state.not_checked, 3);
    EXPECT_EQ(state.broken, 0);
}

// ------------------------------------------------------------------ what is kept, and reused

TEST_F(LinkCheckTest, StreakOfTwoFailuresThenASuccess) {
    std::atomic<int> status{500};
    route("/flaky.csv", [&](const HttpRequest&) { return HttpResponse::text("x", "text/csv", status.load()); });
    const auto start = m_now.load();
    check({url("/flaky.csv")});
    m_now = start + 8 * 24h;
    check({url("/flaky.csv")});
    auto r = row(url("/flaky.csv"));
    EXPECT_EQ(r.outcome(), LinkOutcome::broken);
    EXPECT_EQ(r.status, 500);
    EXPECT_EQ(r.consecutive_failures, 2);
    EXPECT_EQ(r.first_failure, "2026-11-01T00:00:00Z");
    EXPECT_EQ(r.checked, "2026-11-09T00:00:00Z");
    EXPECT_EQ(r.last_success, "");

    status = 200;
    m_now = start + 16 * 24h;
    check({url("/flaky.csv")});
    r = row(url("/flaky.csv"));
    EXPECT_EQ(r.outcome(), LinkOutcome::ok);
    EXPECT_EQ(r.consecutive_failures, 0);
    EXPECT_EQ(r.first_failure, "");
    EXPECT_EQ(r.last_success, "2026-11-17T00:00:00Z");
}

TEST_F(LinkCheckTest, TransientFailureIsRetriedOnceAndClientErrorsNever) {
    std::atomic<int> calls{0};
    route("/once-503", [&](const HttpRequest&) {
        return HttpResponse::text("x", "text/plain", calls++ == 0 ? 503 : 200);
    });
    auto options = check_options();
    options.retries = 1;
    check({url("/once-503"), url("/missing")}, options);
    EXPECT_EQ(row(url("/once-503")).outcome(), LinkOutcome::ok);
    const auto all = requests();
    EXPECT_EQ(std::count(all.begin(), all.end(), "HEAD /once-503"), 2);
    EXPECT_EQ(std::count(all.begin(), all.end(), "HEAD /missing"), 1);
}

TEST_F(LinkCheckTest, FreshResultsAreReusedUntilOlderThanMaxAge) {
    route("/a.csv", HttpResponse::text("x", "text/csv"));
    const auto start = m_now.load();
    auto summary = check({url("/a.csv"), url("/gone.csv")});
    EXPECT_EQ(summary.checked, 2);
    const std::size_t after_first = m_server->request_count();

    m_now = start + 6 * 24h;
    summary = check({url("/a.csv"), url("/gone.csv")});
    EXPECT_EQ(summary.fresh, 2);
    EXPECT_EQ(summary.checked, 0);
    EXPECT_EQ(m_server->request_count(), after_first);  // not even robots.txt
    EXPECT_EQ(row(url("/a.csv")).checked, "2026-11-01T00:00:00Z");

    auto forced = check_options();
    forced.force = true;
    summary = check({url("/a.csv")}, forced);
    EXPECT_EQ(summary.checked, 1);
    EXPECT_EQ(row(url("/a.csv")).checked, "2026-11-07T00:00:00Z");
    const std::size_t after_forced = m_server->request_count();

    m_now = start + 14 * 24h + 1s;
    summary = check({url("/a.csv"), url("/gone.csv")});
    EXPECT_EQ(summary.fresh, 0);
    EXPECT_EQ(summary.checked, 2);
    EXPECT_GT(m_server->request_count(), after_forced);
    EXPECT_EQ(row(url("/gone.csv")).consecutive_failures, 2);
}

// ------------------------------------------------------------------ politeness

namespace {

/// Whether the requests of `log` (in arrival order) kept `delay` apart. The
/// server stamps a request when its connection's thread has read it, which
/// on a loaded machine can be late (a new connection's thread starts late),
/// lengthening one gap and shortening the next. So: the median gap is at
/// least 90 % of the delay, and the last request came no earlier than
/// (n - 1) delays after `started`; requests sent too close together fail
/// both, a late stamp neither.
testing::AssertionResult spaced(const std::vector<testsupport::LoggedRequest>& log,
                                std::chrono::steady_clock::time_point started, std::chrono::milliseconds delay) {
    if (log.size() < 3) return testing::AssertionFailure() << "only " << log.size() << " requests";
    std::vector<std::chrono::steady_clock::duration> gaps;
    std::string listing;
    for (std::size_t i = 0; i < log.size(); ++i) {
        const auto at = std::chrono::duration_cast<std::chrono::milliseconds>(log[i].received - started).count();
        listing += " " + log[i].method + " " + log[i].target + " at " + std::to_string(at) + " ms;";
        if (i > 0) gaps.push_back(log[i].received - log[i - 1].received);
    }
    std::sort(gaps.begin(), gaps.end());
    const auto median = gaps[gaps.size() / 2];
    if (median < delay * 9 / 10) return testing::AssertionFailure() << "median gap too short:" << listing;
    if (log.back().received - started < delay * static_cast<int>(log.size() - 1))
        return testing::AssertionFailure() << "all requests came too fast:" << listing;
    return testing::AssertionSuccess();
}

}  // namespace

TEST_F(LinkCheckTest, DelayBetweenRequestsToOneHost) {
    for (int i = 0; i < 5; ++i) route("/f" + std::to_string(i), HttpResponse::text("x", "text/csv"));
    route("/refused", [](const HttpRequest& request) {
        return HttpResponse::text("x", "text/csv", request.method == "HEAD" ? 405 : 200);
    });
    auto fetch = fetch_options();
    fetch.host_interval = 200ms;
    std::vector<std::string> urls = {url("/refused")};
    for (int i = 0; i < 5; ++i) urls.push_back(url("/f" + std::to_string(i)));
    const auto started = std::chrono::steady_clock::now();
    const auto summary = check(urls, check_options(), fetch);
    EXPECT_EQ(summary.ok, 6);
    const auto log = m_server->request_log();
    ASSERT_EQ(log.size(), 8u);  // robots.txt, five HEADs, HEAD and GET of /refused
    EXPECT_TRUE(spaced(log, started, 200ms));
}

TEST_F(LinkCheckTest, AtMostPerHostChecksAtOnce) {
    std::atomic<int> active{0};
    std::atomic<int> most{0};
    for (int i = 0; i < 8; ++i) {
        route("/f" + std::to_string(i), [&](const HttpRequest&) {
            const int now = ++active;
            int seen = most.load();
            while (now > seen && !most.compare_exchange_weak(seen, now)) {
            }
            std::this_thread::sleep_for(100ms);
            --active;
            return HttpResponse::text("x", "text/csv");
        });
    }
    std::vector<std::string> urls;
    for (int i = 0; i < 8; ++i) urls.push_back(url("/f" + std::to_string(i)));
    auto options = check_options();
    options.per_host = 2;
    options.parallel = 8;
    auto fetch = fetch_options();
    fetch.max_connections_per_host = 8;  // the checker's own limit is what is tested
    const auto summary = check(urls, options, fetch);
    EXPECT_EQ(summary.ok, 8);
    EXPECT_LE(most.load(), 2);
    EXPECT_EQ(most.load(), 2);
}

TEST_F(LinkCheckTest, StoppedRunKeepsWhatItDid) {
    std::atomic<bool> cancel{false};
    std::atomic<int> answered{0};
    for (int i = 0; i < 10; ++i) {
        route("/f" + std::to_string(i), [&](const HttpRequest&) {
            if (++answered == 3) cancel = true;
            return HttpResponse::text("x", "text/csv");
        });
    }
    std::vector<std::string> urls;
    for (int i = 0; i < 10; ++i) urls.push_back(url("/f" + std::to_string(i)));
    auto options = check_options();
    options.per_host = 1;
    options.cancel = &cancel;
    auto fetch = fetch_options();
    fetch.cancel = &cancel;
    const auto summary = check(urls, options, fetch);
    EXPECT_TRUE(summary.interrupted);
    EXPECT_GE(summary.ok, 2);
    EXPECT_GT(summary.left, 0);
    EXPECT_EQ(summary.ok + summary.left, 10);
    EXPECT_EQ(static_cast<std::int64_t>(m_store->link_checks(urls).size()), summary.ok);
    EXPECT_EQ(static_cast<std::int64_t>(m_store->due_link_urls(urls, std::chrono::days(7)).size()), summary.left);
}

TEST_F(LinkCheckTest, StateNamesBrokenHostsAndReasons) {
    route("/ok.csv", HttpResponse::text("x", "text/csv"));
    check({url("/ok.csv"), url("/a.csv"), url("/b.csv"), "ftp://x.example/c"});
    const auto state = link_overview(*m_store, {url("/ok.csv"), url("/a.csv"), url("/b.csv"), "ftp://x.example/c",
                                             url("/new.csv")});
    EXPECT_EQ(state.ok, 1);
    EXPECT_EQ(state.broken, 3);
    EXPECT_EQ(state.not_checked, 1);
    ASSERT_EQ(state.broken_hosts.size(), 2u);
    EXPECT_EQ(state.broken_hosts[0], (std::pair<std::string, std::int64_t>{
                                         "127.0.0.1:" + std::to_string(m_server->port()), 2}));
    EXPECT_EQ(state.broken_hosts[1], (std::pair<std::string, std::int64_t>{"(invalid URL)", 1}));
    ASSERT_EQ(state.broken_reasons.size(), 2u);
    EXPECT_EQ(state.broken_reasons[0], (std::pair<std::string, std::int64_t>{"HTTP 404 Not Found", 2}));
    EXPECT_EQ(state.broken_reasons[1], (std::pair<std::string, std::int64_t>{"invalid URL", 1}));
    EXPECT_EQ(state.broken_links.size(), 3u);

    LinkCheckReport report;
    report.state = state;
    report.run.urls = 5;
    const std::string text = summary_text(report, std::chrono::days(7));
    EXPECT_TRUE(contains(text, "checked less than 7d ago")) << text;
    EXPECT_TRUE(contains(text, "now: 1 ok, 3 broken, 1 not checked")) << text;
    EXPECT_TRUE(contains(text, "broken links by reason:\n  HTTP 404 Not Found       2\n")) << text;
}
