// `ernte harvest` killed with SIGKILL at random moments, many times, and
// started again: the database stays intact, the cut-off runs are marked
// interrupted, and the next complete run gives the same catalogue as a run
// that was never interrupted.

#include "catalog/store.hpp"
#include "tests/support/ckan_portal.hpp"
#include "tests/support/http_server.hpp"

#include <gtest/gtest.h>

#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>

extern char** environ;

using namespace ernte;
namespace fs = std::filesystem;

namespace {

pid_t start_harvest(const fs::path& config) {
    const std::string binary = ERNTE_BINARY_DIR "/cli/ernte";
    const std::string config_arg = config.string();
    const char* argv[] = {binary.c_str(), "--config", config_arg.c_str(), "-q", "harvest", "--full", nullptr};
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, binary.c_str(), &actions, nullptr, const_cast<char* const*>(argv), environ);
    posix_spawn_file_actions_destroy(&actions);
    EXPECT_EQ(rc, 0) << "cannot start " << binary;
    return pid;
}

int wait_exit(pid_t pid) {
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void write_config(const fs::path& file, const fs::path& db, const std::string& url) {
    std::ofstream(file) << "database: " << db.string() << "\n"
                        << "contact: test@example.org\n"
                        << "vocabularies: " << ERNTE_SOURCE_DIR << "/schemas/vocab\n"
                        << "sources:\n  - name: portal\n    type: ckan\n    url: " << url << "\n    rows: 50\n"
                        << "    delete_guard: 1\n";
}

/// IRI -> content hash of every active dataset.
std::map<std::string, std::string> catalogue(const fs::path& db) {
    catalog::Store store(db);
    std::map<std::string, std::string> out;
    store.for_each_dataset({}, [&](const catalog::CatalogRecord& r) {
        if (r.status == model::RecordStatus::active) out[r.iri] = r.content_hash;
    });
    return out;
}

}  // namespace

TEST(Crash, KilledHarvestsLoseNothingAndConverge) {
    const fs::path dir = fs::temp_directory_path() / ("ernte-crash-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);

    const auto templates = testsupport::load_packages(ERNTE_TEST_DATA "/demo/open-nrw.json");
    testsupport::CkanPortal portal(testsupport::generate_packages(1500, 7, templates));
    // Slow pages leave room for kills in the middle of a run.
    testsupport::HttpServer server([&](const testsupport::HttpRequest& r) {
        testsupport::HttpResponse response = portal.handle(r);
        response.delay = std::chrono::milliseconds(15);
        return response;
    });

    // The reference: one uninterrupted run.
    write_config(dir / "reference.yaml", dir / "reference.db", server.base_url());
    ASSERT_EQ(wait_exit(start_harvest(dir / "reference.yaml")), 0);
    const auto expected = catalogue(dir / "reference.db");
    ASSERT_EQ(expected.size(), 1500u);

    // Kill runs at random moments, several times, and start again.
    write_config(dir / "crash.yaml", dir / "crash.db", server.base_url());
    std::mt19937 rng(12345);
    std::uniform_int_distribution<int> when(20, 700);
    int killed = 0;
    for (int i = 0; i < 8; ++i) {
        const pid_t pid = start_harvest(dir / "crash.yaml");
        std::this_thread::sleep_for(std::chrono::milliseconds(when(rng)));
        if (::kill(pid, SIGKILL) == 0) ++killed;
        wait_exit(pid);
        catalog::Store store(dir / "crash.db");
        EXPECT_EQ(store.integrity_check(), "ok") << "after kill " << i;
    }
    ASSERT_GT(killed, 0);

    // The next run finishes and converges to the reference catalogue.
    ASSERT_EQ(wait_exit(start_harvest(dir / "crash.yaml")), 0);
    EXPECT_EQ(catalogue(dir / "crash.db"), expected);

    catalog::Store store(dir / "crash.db");
    EXPECT_EQ(store.integrity_check(), "ok");
    int interrupted = 0;
    for (const auto& run : store.runs(std::nullopt, 0)) {
        EXPECT_NE(run.status, catalog::RunStatus::running) << "run " << run.id;
        if (run.status == catalog::RunStatus::interrupted) ++interrupted;
    }
    EXPECT_GE(interrupted, 1);  // the cut-off runs were found and marked at the next start
    EXPECT_EQ(store.count_datasets(model::RecordStatus::deprecated), 0);  // nothing wrongly deleted
    fs::remove_all(dir);
}
