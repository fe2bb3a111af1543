// `ernte harvest`, and `ernte serve` in the middle of a scheduled harvest,
// killed with SIGKILL at random moments, many times, and started again: after
// each kill the database is intact and holds no dataset twice and none fewer
// than before, the cut-off runs are marked interrupted, and the next complete
// run gives the same catalogue as a run that was never interrupted.

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
#include <regex>
#include <set>
#include <sstream>
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

void write_config(const fs::path& file, const fs::path& db, const std::string& url, const std::string& extra = "") {
    std::ofstream(file) << "database: " << db.string() << "\n" << extra
                        << "contact: test@example.org\n"
                        << "vocabularies: " << ERNTE_SOURCE_DIR << "/schemas/vocab\n"
                        << "sources:\n  - name: portal\n    type: ckan\n    url: " << url << "\n    rows: 50\n"
                        << "    delete_guard: 1\n";
}

const char* k_cut_off_note = "earlier run(s) had been cut off and are now marked interrupted";
const char* k_catch_up_note = "catch-up: the last harvest of portal was cut off; harvesting it again now";

/// `ernte serve` on a loopback port of its choice, its output in `log`.
pid_t start_serve(const fs::path& config, const fs::path& log) {
    const std::string binary = ERNTE_BINARY_DIR "/cli/ernte";
    const std::string config_arg = config.string();
    const char* argv[] = {binary.c_str(), "--config", config_arg.c_str(), "serve", "--listen", "127.0.0.1:0", nullptr};
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, binary.c_str(), &actions, nullptr, const_cast<char* const*>(argv), environ);
    posix_spawn_file_actions_destroy(&actions);
    EXPECT_EQ(rc, 0) << "cannot start " << binary;
    return pid;
}

std::string read_text(const fs::path& file) {
    std::ifstream in(file);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// The port from the "listening on" line of the log; 0 when it does not come within 20 s.
std::uint16_t listening_port(const fs::path& log) {
    static const std::regex listening(R"(listening on http://127\.0\.0\.1:(\d+)/)");
    for (int i = 0; i < 2000; ++i) {
        std::smatch m;
        const std::string text = read_text(log);
        if (std::regex_search(text, m, listening)) return static_cast<std::uint16_t>(std::stoi(m[1]));
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return 0;
}

/// The newest run after `after`, once one exists for which `done` holds (nullopt after `timeout`).
std::optional<catalog::RunRow> wait_for_run(const fs::path& db, std::int64_t after,
                                            const std::function<bool(const catalog::RunRow&)>& done,
                                            std::chrono::seconds timeout = std::chrono::seconds(20)) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < until) {
        {
            catalog::Store store(db);
            const auto runs = store.runs(std::nullopt, 1);
            if (!runs.empty() && runs[0].id > after && done(runs[0])) return runs[0];
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return std::nullopt;
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

/// After a kill: every stored dataset is active, stored once, with one source and the content of
/// the reference; none of `kept` (what the last check saw) is missing. `kept` becomes what is stored now.
void expect_nothing_lost_or_twice(const fs::path& db, const std::map<std::string, std::string>& expected,
                                  std::map<std::string, std::string>& kept, int kill) {
    catalog::Store store(db);
    std::map<std::string, std::string> now;
    store.for_each_dataset({}, [&](const catalog::CatalogRecord& r) {
        EXPECT_EQ(r.status, model::RecordStatus::active) << r.iri << " after kill " << kill;
        EXPECT_TRUE(now.emplace(r.iri, r.content_hash).second) << r.iri << " twice after kill " << kill;
        const auto it = expected.find(r.iri);
        ASSERT_NE(it, expected.end()) << r.iri << " is not in the reference";
        EXPECT_EQ(r.content_hash, it->second) << r.iri << " after kill " << kill;
        EXPECT_EQ(r.sources.size(), 1u) << r.iri << " after kill " << kill;
    });
    for (const auto& [iri, hash] : kept) EXPECT_TRUE(now.contains(iri)) << iri << " lost after kill " << kill;
    kept = std::move(now);
}

/// `portal` on loopback with slow pages, which leave room for kills in the middle of a run.
testsupport::HttpServer slow_server(testsupport::CkanPortal& portal) {
    return testsupport::HttpServer([&portal](const testsupport::HttpRequest& r) {
        testsupport::HttpResponse response = portal.handle(r);
        response.delay = std::chrono::milliseconds(15);
        return response;
    });
}

}  // namespace

TEST(Crash, KilledHarvestsLoseNothingAndConverge) {
    const fs::path dir = fs::temp_directory_path() / ("ernte-crash-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);

    const auto templates = testsupport::load_packages(ERNTE_TEST_DATA "/demo/open-nrw.json");
    testsupport::CkanPortal portal(testsupport::generate_packages(1500, 7, templates));
    testsupport::HttpServer server = slow_server(portal);

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
    std::map<std::string, std::string> kept;
    for (int i = 0; i < 8; ++i) {
        const pid_t pid = start_harvest(dir / "crash.yaml");
        std::this_thread::sleep_for(std::chrono::milliseconds(when(rng)));
        if (::kill(pid, SIGKILL) == 0) ++killed;
        wait_exit(pid);
        {
            catalog::Store store(dir / "crash.db");
            EXPECT_EQ(store.integrity_check(), "ok") << "after kill " << i;
        }
        expect_nothing_lost_or_twice(dir / "crash.db", expected, kept, i);
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

// `ernte serve` harvests a source on its schedule; it has no admin API, so
// every harvest is one the scheduler starts. The first is started by the
// schedule, a minute or so after the test begins; the server is killed while
// it stores pages. Each start after a kill harvests the cut-off source again at
// once (catch-up), and that harvest is killed again, several times, before
// one is allowed to finish.
TEST(Crash, KilledServeDuringScheduledHarvestsLosesNothingAndConverges) {
    const fs::path dir = fs::temp_directory_path() / ("ernte-crash-serve-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);

    const auto templates = testsupport::load_packages(ERNTE_TEST_DATA "/demo/open-nrw.json");
    testsupport::CkanPortal portal(testsupport::generate_packages(1500, 11, templates));
    testsupport::HttpServer server = slow_server(portal);

    // The reference: one uninterrupted harvest; its duration bounds the moments of the kills.
    write_config(dir / "reference.yaml", dir / "reference.db", server.base_url());
    const auto began = std::chrono::steady_clock::now();
    ASSERT_EQ(wait_exit(start_harvest(dir / "reference.yaml")), 0);
    const auto harvest_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - began).count();
    const auto expected = catalogue(dir / "reference.db");
    ASSERT_EQ(expected.size(), 1500u);

    // The schedule fires once in the test: at the next minute (UTC) that is at least 5 s away.
    // Every later harvest is one the server starts on its own after a kill.
    const auto first = std::chrono::floor<std::chrono::minutes>(std::chrono::system_clock::now() +
                                                                std::chrono::seconds(65));
    const std::chrono::hh_mm_ss time(first - std::chrono::floor<std::chrono::days>(first));
    const fs::path db = dir / "serve.db";
    write_config(dir / "serve.yaml", db, server.base_url(), "");
    std::ofstream(dir / "serve.yaml", std::ios::app)
        << "    schedule: \"" << time.minutes().count() << " " << time.hours().count() << " * * *\"\n";
    { catalog::Store create(db); }

    std::mt19937 rng(4711);
    // Kills come while the harvest works: before 60 % of an uninterrupted harvest's time has passed.
    std::uniform_int_distribution<long> when(0, harvest_ms * 6 / 10);
    std::set<std::int64_t> cut_off;  // runs a kill left `running`
    std::map<std::string, std::string> kept;
    std::int64_t last_run = 0;
    for (int i = 0; i < 6; ++i) {
        const fs::path log = dir / ("serve-" + std::to_string(i) + ".log");
        const pid_t pid = start_serve(dir / "serve.yaml", log);
        const std::uint16_t port = listening_port(log);
        ASSERT_NE(port, 0) << read_text(log);
        // The first harvest comes at the next minute; each later one at once, as a catch-up.
        const auto run = wait_for_run(
            db, last_run, [](const catalog::RunRow&) { return true; },
            std::chrono::seconds(i == 0 ? 75 : 20));
        ASSERT_TRUE(run.has_value()) << read_text(log);
        last_run = run->id;
        if (i == 0) {
            EXPECT_EQ(read_text(log).find(k_catch_up_note), std::string::npos) << read_text(log);
        } else {
            // Runs found unfinished at start-up are marked before the server listens, and it says so.
            EXPECT_NE(read_text(log).find(k_cut_off_note), std::string::npos) << read_text(log);
            EXPECT_NE(read_text(log).find(k_catch_up_note), std::string::npos) << read_text(log);
            catalog::Store store(db);
            for (const auto id : cut_off) EXPECT_EQ(store.run(id)->status, catalog::RunStatus::interrupted) << id;
        }
        // Kill it while the harvest works.
        std::this_thread::sleep_for(std::chrono::milliseconds(when(rng)));
        ::kill(pid, SIGKILL);
        EXPECT_EQ(wait_exit(pid), 128 + SIGKILL);

        bool this_kill_cut_off = false;
        {
            catalog::Store store(db);
            EXPECT_EQ(store.integrity_check(), "ok") << "after kill " << i;
            for (const auto& r : store.runs(std::nullopt, 0)) {
                if (r.status != catalog::RunStatus::running) continue;
                cut_off.insert(r.id);
                this_kill_cut_off = this_kill_cut_off || r.id == last_run;
            }
        }
        // Without a cut-off run the next start would wait for the schedule instead of catching up.
        ASSERT_TRUE(this_kill_cut_off) << "kill " << i << " came after the harvest had ended";
        // Nothing stored before is lost, nothing is stored twice or half, nothing is deleted.
        expect_nothing_lost_or_twice(db, expected, kept, i);
    }

    // The catch-up after the last kill is allowed to finish and converges to the reference catalogue.
    const fs::path log = dir / "serve-final.log";
    const pid_t pid = start_serve(dir / "serve.yaml", log);
    const std::uint16_t port = listening_port(log);
    ASSERT_NE(port, 0) << read_text(log);
    const auto run = wait_for_run(
        db, last_run, [](const catalog::RunRow& r) { return r.status != catalog::RunStatus::running; },
        std::chrono::seconds(60));
    EXPECT_NE(read_text(log).find(k_cut_off_note), std::string::npos) << read_text(log);
    EXPECT_NE(read_text(log).find(k_catch_up_note), std::string::npos) << read_text(log);
    ::kill(pid, SIGTERM);
    EXPECT_EQ(wait_exit(pid), 0) << read_text(log);
    ASSERT_TRUE(run.has_value()) << read_text(log);
    EXPECT_EQ(run->status, catalog::RunStatus::succeeded) << run->message;
    EXPECT_EQ(catalogue(db), expected);

    catalog::Store store(db);
    EXPECT_EQ(store.integrity_check(), "ok");
    std::set<std::int64_t> found_cut_off;
    for (const auto& r : store.runs(std::nullopt, 0)) {
        EXPECT_NE(r.status, catalog::RunStatus::running) << "run " << r.id;
        if (r.status == catalog::RunStatus::interrupted &&
            r.message.find("ended without finishing the run") != std::string::npos)
            found_cut_off.insert(r.id);
    }
    EXPECT_EQ(found_cut_off, cut_off);  // exactly the runs the kills cut off, found at the next start
    EXPECT_EQ(store.count_datasets(model::RecordStatus::deprecated), 0);
    EXPECT_EQ(store.count_datasets(model::RecordStatus::withdrawn), 0);
    server.stop();
    fs::remove_all(dir);
}
