// `ernte serve` as a process: it listens, answers, harvests when asked
// through the admin API, and stops cleanly on SIGTERM, marking a harvest it
// cut off as interrupted and losing nothing.

#include "catalog/store.hpp"
#include "tests/support/ckan_portal.hpp"
#include "tests/support/http_server.hpp"

#include <gtest/gtest.h>

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

}  // namespace

TEST(Serve, AnswersHarvestsOnRequestAndStopsCleanly) {
    const fs::path dir = fs::temp_directory_path() / ("ernte-serve-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    auto packages =
        testsupport::generate_packages(60, 7, testsupport::load_packages(fs::path(ERNTE_TEST_DATA) / "demo" / "open-nrw.json"));
    testsupport::CkanPortal portal(packages);
    std::atomic<int> delay_ms{0};
    testsupport::HttpServer server([&](const testsupport::HttpRequest& r) {
        auto response = portal.handle(r);
        response.delay = std::chrono::milliseconds(delay_ms.load());
        return response;
    });
    const fs::path db = dir / "ernte.db";
    const fs::path config = dir / "ernte.yaml";
    std::ofstream(config) << "database: " << db.string() << "\n"
                          << "contact: test@example.org\n"
                          << "vocabularies: " << ERNTE_SOURCE_DIR << "/schemas/vocab\n"
                          << "serve:\n  admin_token_env: ERNTE_TEST_ADMIN_TOKEN\n"
                          << "sources:\n  - name: portal\n    type: ckan\n    url: " << server.base_url()
                          << "\n    rows: 10\n    schedule: \"0 3 1 1 *\"\n    retries: 0\n";

    ServeProcess serve(config, dir / "serve.log");
    const std::uint16_t port = serve.port();
    ASSERT_NE(port, 0) << serve.log();
    EXPECT_EQ(status_of(request(port, "GET", "/healthz")), 200);
    EXPECT_EQ(status_of(request(port, "POST", "/api/admin/harvest/portal")), 401);

    const std::string auth = std::string("Authorization: Bearer ") + k_token + "\r\n";
    EXPECT_EQ(status_of(request(port, "POST", "/api/admin/harvest/portal", auth)), 202);
    bool done = false;
    for (int i = 0; i < 1000 && !done; ++i) {
        done = request(port, "GET", "/api/runs").find("\"status\":\"succeeded\"") != std::string::npos;
        if (!done) std::this_thread::sleep_for(20ms);
    }
    ASSERT_TRUE(done) << serve.log();
    const std::string feed = request(port, "GET", "/catalog.ttl?per_page=100");
    EXPECT_EQ(status_of(feed), 200);
    std::size_t listed = 0;
    for (auto at = feed.find("dcat:dataset"); at != std::string::npos; at = feed.find("dcat:dataset", at + 1)) ++listed;
    EXPECT_GE(listed, 1u);
    const std::string sources = request(port, "GET", "/api/sources");
    EXPECT_NE(sources.find("\"datasets\":60"), std::string::npos) << sources;
    EXPECT_NE(sources.find("\"next_run\":\"20"), std::string::npos) << sources;

    // A harvest of a slow portal, stopped by SIGTERM while it waits for a page.
    delay_ms = 3000;
    EXPECT_EQ(status_of(request(port, "POST", "/api/admin/harvest/portal", auth)), 202);
    std::this_thread::sleep_for(700ms);
    serve.signal(SIGTERM);
    EXPECT_EQ(serve.wait(), 0) << serve.log();
    EXPECT_NE(serve.log().find("stopped"), std::string::npos) << serve.log();

    catalog::Store store(db);
    EXPECT_EQ(store.integrity_check(), "ok");
    const auto runs = store.runs(std::nullopt, 10);
    ASSERT_EQ(runs.size(), 2u);
    EXPECT_EQ(runs[0].status, catalog::RunStatus::interrupted) << runs[0].message;
    EXPECT_EQ(runs[1].status, catalog::RunStatus::succeeded);
    EXPECT_EQ(store.count_datasets(model::RecordStatus::active), 60);
    server.stop();
    fs::remove_all(dir);
}
