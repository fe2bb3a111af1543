// `ernte serve` as a process pushes to a forward target with after_harvest
// once a harvest of one of its sources succeeded.

#include "tests/support/ckan_downstream.hpp"
#include "tests/support/ckan_portal.hpp"
#include "tests/support/http_server.hpp"
#include "tests/support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <csignal>
#include <fcntl.h>
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

const char* k_admin = "serve-forward-admin-token-0123";
const char* k_ckan_token = "serve-forward-ckan-token";

std::string read_file(const fs::path& file) {
    std::ifstream in(file);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string request(std::uint16_t port, const std::string& method, const std::string& target,
                    const std::string& extra_headers = "") {
    return testsupport::raw_exchange(port, method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra_headers +
                                               "Content-Length: 0\r\nConnection: close\r\n\r\n");
}

}  // namespace

TEST(ServeForward, PushesAfterAHarvestSucceeded) {
    testsupport::TempDir dir("ernte-serve-forward");
    testsupport::CkanPortal portal(testsupport::load_packages(fs::path(ERNTE_TEST_DATA) / "demo" / "moers.json"));
    testsupport::HttpServer portal_server([&](const testsupport::HttpRequest& r) { return portal.handle(r); });
    testsupport::CkanDownstream ckan(k_ckan_token, {"open-nrw"});
    testsupport::HttpServer ckan_server([&](const testsupport::HttpRequest& r) { return ckan.handle(r); });
    const fs::path config = dir.path() / "ernte.yaml";
    std::ofstream(config) << "database: " << (dir.path() / "ernte.db").string() << "\n"
                          << "contact: test@example.org\n"
                          << "vocabularies: " << ERNTE_SOURCE_DIR << "/schemas/vocab\n"
                          << "serve:\n  admin_token_env: ERNTE_TEST_ADMIN_TOKEN\n"
                          << "sources:\n  - name: moers\n    type: ckan\n    url: " << portal_server.base_url()
                          << "\n    schedule: \"0 3 1 1 *\"\n    retries: 0\n"
                          << "forward:\n  - name: open-nrw\n    url: " << ckan_server.base_url()
                          << "\n    api_token_env: ERNTE_TEST_CKAN_TOKEN\n    profile: all\n"
                          << "    default_organization: open-nrw\n    after_harvest: true\n";

    const fs::path log = dir.path() / "serve.log";
    const std::string binary = ERNTE_BINARY_DIR "/cli/ernte";
    const std::string config_arg = config.string();
    const char* argv[] = {binary.c_str(), "--config", config_arg.c_str(), "serve", "--listen", "127.0.0.1:0", nullptr};
    std::vector<std::string> extra = {std::string("ERNTE_TEST_ADMIN_TOKEN=") + k_admin,
                                      std::string("ERNTE_TEST_CKAN_TOKEN=") + k_ckan_token};
    std::vector<char*> env;
    for (char** e = environ; *e; ++e) env.push_back(*e);
    for (auto& e : extra) env.push_back(e.data());
    env.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    pid_t pid = -1;
    ASSERT_EQ(posix_spawn(&pid, binary.c_str(), &actions, nullptr, const_cast<char* const*>(argv), env.data()), 0);
    posix_spawn_file_actions_destroy(&actions);
    struct Reaper {
        pid_t& pid;
        ~Reaper() {
            if (pid > 0) {
                ::kill(pid, SIGKILL);
                ::waitpid(pid, nullptr, 0);
            }
        }
    } reaper{pid};

    std::uint16_t port = 0;
    static const std::regex listening(R"(listening on http://127\.0\.0\.1:(\d+)/)");
    for (int i = 0; i < 1000 && port == 0; ++i) {
        std::smatch m;
        const std::string text = read_file(log);
        if (std::regex_search(text, m, listening)) port = static_cast<std::uint16_t>(std::stoi(m[1]));
        else std::this_thread::sleep_for(10ms);
    }
    ASSERT_NE(port, 0) << read_file(log);
    EXPECT_EQ(ckan_server.request_count(), 0u) << "nothing is pushed before a harvest";

    const std::string auth = std::string("Authorization: Bearer ") + k_admin + "\r\n";
    ASSERT_NE(request(port, "POST", "/api/admin/harvest/moers", auth).find(" 202 "), std::string::npos);
    bool pushed = false;
    for (int i = 0; i < 1500 && !pushed; ++i) {
        pushed = ckan.active_count() == portal.size() && read_file(log).find("open-nrw: ") != std::string::npos;
        if (!pushed) std::this_thread::sleep_for(20ms);
    }
    EXPECT_TRUE(pushed) << read_file(log);
    EXPECT_NE(read_file(log).find("created " + std::to_string(portal.size())), std::string::npos) << read_file(log);

    ::kill(pid, SIGTERM);
    int status = 0;
    ::waitpid(pid, &status, 0);
    pid = -1;
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << read_file(log);
}
