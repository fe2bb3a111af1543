// `ernte serve` as a process: it listens, answers, harvests when asked
// through the admin API, answers reads while a harvest writes, serves the
// quality of a dataset as `ernte score` prints it, and stops cleanly on
// SIGTERM and SIGINT, marking a harvest it cut off as interrupted and losing
// nothing.

#include "catalog/store.hpp"
#include "tests/support/ckan_portal.hpp"
#include "tests/support/http_server.hpp"
#include "tests/support/tools.hpp"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <regex>
#include <spawn.h>
#include <sstream>
#include <sys/wait.h>
#include <thread>

extern char** environ;

using namespace ernte;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

const char* k_token = "test-admin-token-0123456789";

class ServeProcess {
public:
    ServeProcess(const fs::path& config, const fs::path& log) : m_log(log) {
        const std::string binary = ERNTE_BINARY_DIR "/cli/ernte";
        const std::string config_arg = config.string();
        const char* argv[] = {binary.c_str(), "--config", config_arg.c_str(), "serve", "--listen", "127.0.0.1:0",
                              nullptr};
        std::vector<std::string> env_text = {std::string("ERNTE_TEST_ADMIN_TOKEN=") + k_token};
        std::vector<char*> env;
        for (char** e = environ; *e; ++e) env.push_back(*e);
        env.push_back(env_text[0].data());
        env.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
        const int rc =
            posix_spawn(&m_pid, binary.c_str(), &actions, nullptr, const_cast<char* const*>(argv), env.data());
        posix_spawn_file_actions_destroy(&actions);
        EXPECT_EQ(rc, 0) << "cannot start " << binary;
    }
    ~ServeProcess() {
        if (m_pid > 0) {
            ::kill(m_pid, SIGKILL);
            wait();
        }
    }
    /// The port from the "listening on" line; 0 when it does not come within 10 s.
    std::uint16_t port() {
        static const std::regex listening(R"(listening on http://127\.0\.0\.1:(\d+)/)");
        for (int i = 0; i < 1000; ++i) {
            std::smatch m;
            const std::string text = log();
            if (std::regex_search(text, m, listening)) return static_cast<std::uint16_t>(std::stoi(m[1]));
            std::this_thread::sleep_for(10ms);
        }
        return 0;
    }
    std::string log() const {
        std::ifstream in(m_log);
        std::ostringstream text;
        text << in.rdbuf();
        return text.str();
    }
    void signal(int sig) { ::kill(m_pid, sig); }
    int wait() {
        int status = 0;
        ::waitpid(m_pid, &status, 0);
        m_pid = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }

private:
    fs::path m_log;
    pid_t m_pid = -1;
};

std::string request(std::uint16_t port, const std::string& method, const std::string& target,
                    const std::string& extra_headers = "") {
    return testsupport::raw_exchange(port, method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra_headers +
                                               "Content-Length: 0\r\nConnection: close\r\n\r\n");
}

int status_of(const std::string& response) {
    return response.size() > 12 && response.starts_with("HTTP/1.1 ") ? std::stoi(response.substr(9, 3)) : 0;
}

const std::string k_auth = std::string("Authorization: Bearer ") + k_token + "\r\n";

/// What follows the header of an HTTP response.
std::string body_of(const std::string& response) {
    const auto at = response.find("\r\n\r\n");
    return at == std::string::npos ? std::string() : response.substr(at + 4);
}

/// A loopback CKAN portal of `count` generated packages, each page `delay_ms` late, and the
/// configuration of an `ernte serve` that harvests it (its schedule does not fire during a test)
/// with the admin API on.
class ServedPortal {
public:
    ServedPortal(const std::string& name, std::size_t count, int rows)
        : m_dir(fs::temp_directory_path() / ("ernte-serve-" + name + "-" + std::to_string(::getpid()))),
          m_portal(testsupport::generate_packages(
              count, 7, testsupport::load_packages(fs::path(ERNTE_TEST_DATA) / "demo" / "open-nrw.json"))),
          m_server([this](const testsupport::HttpRequest& r) {
              auto response = m_portal.handle(r);
              response.delay = std::chrono::milliseconds(delay_ms.load());
              return response;
          }) {
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
        std::ofstream(config()) << "database: " << db().string() << "\n"
                                << "contact: test@example.org\n"
                                << "vocabularies: " << ERNTE_SOURCE_DIR << "/schemas/vocab\n"
                                << "serve:\n  admin_token_env: ERNTE_TEST_ADMIN_TOKEN\n"
                                << "sources:\n  - name: portal\n    type: ckan\n    url: " << m_server.base_url()
                                << "\n    rows: " << rows << "\n    schedule: \"0 3 1 1 *\"\n    retries: 0\n";
    }
    ~ServedPortal() {
        m_server.stop();
        fs::remove_all(m_dir);
    }
    const fs::path& dir() const { return m_dir; }
    fs::path db() const { return m_dir / "ernte.db"; }
    fs::path config() const { return m_dir / "ernte.yaml"; }

    std::atomic<int> delay_ms{0};

private:
    fs::path m_dir;
    testsupport::CkanPortal m_portal;
    testsupport::HttpServer m_server;
};

/// Whether a run of the served portal succeeded within 20 s (asked through /api/runs).
bool wait_for_success(std::uint16_t port) {
    for (int i = 0; i < 1000; ++i) {
        if (request(port, "GET", "/api/runs").find("\"status\":\"succeeded\"") != std::string::npos) return true;
        std::this_thread::sleep_for(20ms);
    }
    return false;
}

}  // namespace

// Both stop signals end the server the same way.
class ServeStop : public testing::TestWithParam<int> {};

TEST_P(ServeStop, AnswersHarvestsOnRequestAndStopsCleanly) {
    const int stop_signal = GetParam();
    ServedPortal setup(std::string("stop-") + sigabbrev_np(stop_signal), 60, 10);
    const fs::path& dir = setup.dir();
    const fs::path db = setup.db();
    ServeProcess serve(setup.config(), dir / "serve.log");
    const std::uint16_t port = serve.port();
    ASSERT_NE(port, 0) << serve.log();
    EXPECT_EQ(status_of(request(port, "GET", "/healthz")), 200);
    EXPECT_EQ(status_of(request(port, "POST", "/api/admin/harvest/portal")), 401);

    const std::string& auth = k_auth;
    EXPECT_EQ(status_of(request(port, "POST", "/api/admin/harvest/portal", auth)), 202);
    ASSERT_TRUE(wait_for_success(port)) << serve.log();
    const std::string feed = request(port, "GET", "/catalog.ttl?per_page=100");
    EXPECT_EQ(status_of(feed), 200);
    std::size_t listed = 0;
    for (auto at = feed.find("dcat:dataset"); at != std::string::npos; at = feed.find("dcat:dataset", at + 1)) ++listed;
    EXPECT_GE(listed, 1u);
    const std::string sources = request(port, "GET", "/api/sources");
    EXPECT_NE(sources.find("\"datasets\":60"), std::string::npos) << sources;
    EXPECT_NE(sources.find("\"next_run\":\"20"), std::string::npos) << sources;

    // A harvest of a slow portal, stopped by the signal while it waits for a page.
    setup.delay_ms = 3000;
    EXPECT_EQ(status_of(request(port, "POST", "/api/admin/harvest/portal", auth)), 202);
    std::this_thread::sleep_for(700ms);
    serve.signal(stop_signal);
    EXPECT_EQ(serve.wait(), 0) << serve.log();
    EXPECT_NE(serve.log().find("stopped"), std::string::npos) << serve.log();

    catalog::Store store(db);
    EXPECT_EQ(store.integrity_check(), "ok");
    const auto runs = store.runs(std::nullopt, 10);
    ASSERT_EQ(runs.size(), 2u);
    EXPECT_EQ(runs[0].status, catalog::RunStatus::interrupted) << runs[0].message;
    EXPECT_EQ(runs[1].status, catalog::RunStatus::succeeded);
    EXPECT_EQ(store.count_datasets(model::RecordStatus::active), 60);
}

INSTANTIATE_TEST_SUITE_P(Signals, ServeStop, testing::Values(SIGTERM, SIGINT),
                         [](const testing::TestParamInfo<int>& info) { return std::string(sigabbrev_np(info.param)); });


namespace {

/// The number after `"count":` in a CKAN package_search answer, or after hydra:totalItems in a feed page.
long count_in(const std::string& body, const std::regex& pattern) {
    std::smatch m;
    return std::regex_search(body, m, pattern) ? std::stol(m[1]) : -1;
}

/// The datasets a feed page counts: its hydra:totalItems, or, on a page without paging, the datasets on it.
long feed_datasets(const std::string& page) {
    static const std::regex total_items(R"(totalItems>?\s+"?(\d+))");
    if (const long total = count_in(page, total_items); total >= 0) return total;
    long listed = 0;
    for (auto at = page.find("a dcat:Dataset"); at != std::string::npos; at = page.find("a dcat:Dataset", at + 1))
        ++listed;
    return listed;
}

}  // namespace

// A harvest of a slow portal stores page after page while clients read the
// feed, search and show datasets: every answer is 200, and no answer shows
// fewer datasets than one before it.
TEST(Serve, ReadsAreAnsweredWhileAHarvestWrites) {
    ServedPortal setup("reads", 400, 10);
    setup.delay_ms = 40;
    ServeProcess serve(setup.config(), setup.dir() / "serve.log");
    const std::uint16_t port = serve.port();
    ASSERT_NE(port, 0) << serve.log();
    ASSERT_EQ(status_of(request(port, "POST", "/api/admin/harvest/portal", k_auth)), 202);

    static const std::regex search_count(R"("count"\s*:\s*(\d+))");
    long feed_seen = 0, search_seen = 0, first_feed = -1;
    std::string shown;  // a dataset the search listed; shown from then on
    int rounds_while_running = 0;
    for (bool running = true; running;) {
        {
            catalog::Store store(setup.db());
            const auto runs = store.runs(std::nullopt, 1);
            running = runs.empty() || runs[0].status == catalog::RunStatus::running;
        }
        const std::string feed = request(port, "GET", "/catalog.ttl?per_page=1");
        ASSERT_EQ(status_of(feed), 200) << feed.substr(0, 500);
        const long feed_count = feed_datasets(feed);
        EXPECT_GE(feed_count, feed_seen) << "the feed lists fewer datasets than before";
        feed_seen = feed_count;
        if (first_feed < 0) first_feed = feed_count;

        const std::string search = request(port, "GET", "/api/3/action/package_search?q=2003&rows=1");
        ASSERT_EQ(status_of(search), 200) << search.substr(0, 500);
        const long search_count_now = count_in(search, search_count);
        EXPECT_GE(search_count_now, search_seen) << "the search finds fewer datasets than before";
        search_seen = search_count_now;
        if (shown.empty() && search_count_now > 0) {
            rapidjson::Document doc;
            doc.Parse(body_of(search).c_str());
            ASSERT_TRUE(doc.IsObject() && doc["result"]["results"].IsArray()) << search.substr(0, 500);
            shown = doc["result"]["results"][0]["name"].GetString();
        }
        if (!shown.empty()) {
            const std::string show = request(port, "GET", "/api/3/action/package_show?id=" + shown);
            ASSERT_EQ(status_of(show), 200) << show.substr(0, 500);
        }
        if (running) ++rounds_while_running;
    }
    // The reads overlapped the writes: several rounds while the run worked, the first on a partial catalogue.
    EXPECT_GE(rounds_while_running, 3);
    EXPECT_LT(first_feed, 400);
    EXPECT_EQ(feed_seen, 400);
    EXPECT_GT(search_seen, 0);
    EXPECT_FALSE(shown.empty());
    EXPECT_EQ(serve.log().find("database is locked"), std::string::npos) << serve.log();
    catalog::Store store(setup.db());
    EXPECT_EQ(store.runs(std::nullopt, 1)[0].status, catalog::RunStatus::succeeded);
}

// /api/quality/datasets/{id} answers with the dataset's entry of `ernte score --format json --datasets`.
TEST(Serve, QualityOfADatasetIsWhatErnteScorePrints) {
    ServedPortal setup("quality", 20, 10);
    ServeProcess serve(setup.config(), setup.dir() / "serve.log");
    const std::uint16_t port = serve.port();
    ASSERT_NE(port, 0) << serve.log();
    ASSERT_EQ(status_of(request(port, "POST", "/api/admin/harvest/portal", k_auth)), 202);
    ASSERT_TRUE(wait_for_success(port)) << serve.log();

    const auto score = testsupport::run_command(std::string(ERNTE_BINARY_DIR "/cli/ernte --config ") +
                                                setup.config().string() +
                                                " score --format json --datasets 2>/dev/null");
    ASSERT_EQ(score.exit_code, 0) << score.output;
    rapidjson::Document report;
    report.Parse(score.output.c_str());
    ASSERT_TRUE(report.IsObject() && report.HasMember("datasets") && report["datasets"].IsArray()) << score.output;
    ASSERT_EQ(report["datasets"].Size(), 20u);
    for (const rapidjson::SizeType i : {0u, 13u}) {
        const rapidjson::Value& entry = report["datasets"][i];
        ASSERT_TRUE(entry["mqa"].IsObject());
        ASSERT_TRUE(entry["findings"].IsArray());
        ASSERT_GT(entry["findings"].Size(), 0u);
        const std::string id = entry["id"].GetString();
        const std::string served = request(port, "GET", "/api/quality/datasets/" + id);
        ASSERT_EQ(status_of(served), 200) << served;
        rapidjson::Document dataset;
        dataset.Parse(body_of(served).c_str());
        ASSERT_TRUE(dataset.IsObject()) << served;
        EXPECT_EQ(std::string(dataset["id"].GetString()), id);
        EXPECT_TRUE(dataset["mqa"] == entry["mqa"]) << "mqa of " << id << " differs:\n" << served << "\n"
                                                    << score.output.substr(0, 3000);
        EXPECT_TRUE(dataset["findings"] == entry["findings"]) << "findings of " << id << " differ:\n" << served;
    }
}
