// End-to-end harvests of a CKAN portal served on loopback, which misbehaves
// on request. Each test checks the run's status and message, the counts, and
// that nothing already in the catalogue is lost.

#include "harvester/harvest_run.hpp"

#include "harvester/ckan.hpp"

#include "catalog/sqlite.hpp"
#include "catalog/store.hpp"
#include "catalog/vocab.hpp"
#include "tests/support/ckan_portal.hpp"
#include "tests/support/http_server.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <random>
#include <thread>

using namespace ernte;
using namespace ernte::harvester;
using catalog::RunMode;
using catalog::RunStatus;
using testsupport::CkanPortal;
using testsupport::HttpRequest;
using testsupport::HttpResponse;
using testsupport::HttpServer;

namespace {

const catalog::Vocabularies& vocabularies() {
    static const catalog::Vocabularies vocab = catalog::Vocabularies::load(ERNTE_SOURCE_DIR "/schemas/vocab");
    return vocab;
}

const std::vector<std::string>& demo_packages() {
    static const std::vector<std::string> packages = testsupport::load_packages(ERNTE_TEST_DATA "/demo/bonn.json");
    return packages;
}

/// A fault the portal applies to some requests. Returns nullopt to answer normally.
using Fault = std::function<std::optional<HttpResponse>(const HttpRequest&, int start)>;

class HarvestRunTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = std::filesystem::temp_directory_path() /
                ("ernte-harvest-" + std::to_string(::getpid()) + "-" + std::to_string(std::random_device{}()));
        std::filesystem::create_directories(m_dir);
        m_portal.set_packages(std::vector<std::string>(demo_packages().begin(), demo_packages().begin() + 250));
        m_server = std::make_unique<HttpServer>([this](const HttpRequest& r) { return handle(r); });

        m_config.database = m_dir / "ernte.db";
        m_config.contact = "test@example.org";
        m_config.vocabularies = ERNTE_SOURCE_DIR "/schemas/vocab";
        SourceConfig s;
        s.name = "bonn";
        s.url = m_server->base_url() + "/";
        s.rows = 100;
        s.contributor_ids = {"http://dcat-ap.de/def/contributors/openNRW"};
        m_config.sources.push_back(s);

        m_fetch_options.user_agent = user_agent(m_config);
        m_fetch_options.retries = 2;
        m_fetch_options.backoff_base = std::chrono::milliseconds(5);
        m_fetch_options.backoff_max = std::chrono::milliseconds(20);
        m_fetch_options.read_timeout = std::chrono::milliseconds(700);
        m_fetch_options.connect_timeout = std::chrono::milliseconds(700);
        m_fetcher = std::make_unique<Fetcher>(m_fetch_options);
    }

    /// Runs from now on fetch with changed options (a smaller size cap, a shorter timeout).
    void change_fetch_options(const std::function<void(FetchOptions&)>& change) {
        change(m_fetch_options);
        m_fetcher = std::make_unique<Fetcher>(m_fetch_options);
    }

    /// The first harvest of a fault test: all 250 datasets, before anything goes wrong.
    void harvest_everything_first() {
        const HarvestResult first = harvest(true);
        ASSERT_EQ(first.status, RunStatus::succeeded) << first.message;
        ASSERT_EQ(active(), 250);
    }

    /// After a faulty run: the 250 datasets of the first harvest are all still
    /// active, none deprecated or withdrawn.
    void expect_nothing_lost(const HarvestResult& r) {
        EXPECT_EQ(r.counts.deleted, 0);
        catalog::Store store(m_config.database);
        EXPECT_EQ(store.count_datasets(model::RecordStatus::active), 250);
        EXPECT_EQ(store.count_datasets(model::RecordStatus::deprecated), 0);
        EXPECT_EQ(store.count_datasets(model::RecordStatus::withdrawn), 0);
    }

    /// The run's message and its stored run row both say `part`.
    void expect_message_has(const HarvestResult& r, std::string_view part) {
        EXPECT_NE(r.message.find(part), std::string::npos) << "missing '" << part << "' in: " << r.message;
        catalog::Store store(m_config.database);
        const auto run = store.run(r.run_id);
        ASSERT_TRUE(run.has_value());
        EXPECT_NE(run->message.find(part), std::string::npos) << "missing '" << part << "' in the stored run: "
                                                               << run->message;
    }

    /// The run failed at page 2 (start 100), and its message names the
    /// source, the page and its URL, `why`, and that nothing was deleted.
    void expect_failed_at_page_2(const HarvestResult& r, std::string_view why) {
        EXPECT_EQ(r.status, RunStatus::failed);
        expect_message_has(r, "bonn: page 2 could not be fetched");
        expect_message_has(r, page_url(100));
        expect_message_has(r, why);
        expect_message_has(r, "nothing was deleted");
    }

    /// The URL of a page of a full listing, as the harvester asks for it.
    std::string page_url(int start) const {
        return m_server->base_url() + "/api/3/action/package_search?q=*:*&sort=id%20asc&rows=100&start=" +
               std::to_string(start);
    }

    void TearDown() override {
        m_server.reset();
        std::error_code ec;
        std::filesystem::remove_all(m_dir, ec);
    }

    HttpResponse handle(const HttpRequest& r) {
        Fault fault;
        {
            std::lock_guard lock(m_mutex);
            fault = m_fault;
        }
        if (fault) {
            int start = 0;
            try {
                start = std::stoi(r.query_param("start"));
            } catch (...) {
            }
            if (auto answer = fault(r, start)) return *answer;
        }
        return m_portal.handle(r);
    }

    void set_fault(Fault f) {
        std::lock_guard lock(m_mutex);
        m_fault = std::move(f);
    }

    HarvestResult harvest(bool full = false, const SourceConfig* source = nullptr,
                          const std::atomic<bool>* cancel = nullptr, bool assess = true) {
        return harvest_with(m_config, full, source, cancel, assess);
    }

    /// A harvest with another configuration (another database, say) from the same portal.
    HarvestResult harvest_with(const Config& config, bool full, const SourceConfig* source = nullptr,
                               const std::atomic<bool>* cancel = nullptr, bool assess = true) {
        HarvestEnvironment env;
        env.config = &config;
        env.fetcher = m_fetcher.get();
        env.vocab = &vocabularies();
        HarvestOptions options;
        options.force_full = full;
        options.cancel = cancel;
        options.assess = assess;
        return harvest_source(env, source ? *source : config.sources[0], options);
    }

    std::int64_t active() {
        catalog::Store store(m_config.database);
        return store.count_datasets(model::RecordStatus::active);
    }

    std::vector<catalog::ErrorRow> errors(std::int64_t run) {
        catalog::Store store(m_config.database);
        return store.errors(std::nullopt, run, 0);
    }

    std::filesystem::path m_dir;
    CkanPortal m_portal;
    std::unique_ptr<HttpServer> m_server;
    Config m_config;
    FetchOptions m_fetch_options;
    std::unique_ptr<Fetcher> m_fetcher;
    std::mutex m_mutex;
    Fault m_fault;
};

/// The page limit (SQLite's PRAGMA max_page_count) every SQLite connection
/// this process opens from now on gets; 0: none. The harvest opens its own
/// connections, so the limit reaches them through SQLite's auto-extension
/// mechanism, the way a full disk would stop their writes.
std::atomic<std::int64_t> g_page_limit{0};

int apply_page_limit(sqlite3* db, const char**, const sqlite3_api_routines*) {
    if (const std::int64_t limit = g_page_limit.load(); limit > 0) {
        const std::string pragma = "PRAGMA max_page_count = " + std::to_string(limit);
        sqlite3_exec(db, pragma.c_str(), nullptr, nullptr, nullptr);
    }
    return SQLITE_OK;
}

void limit_pages_of_new_connections(std::int64_t pages) {
    static const int registered = sqlite3_auto_extension(reinterpret_cast<void (*)()>(apply_page_limit));
    ASSERT_EQ(registered, SQLITE_OK);
    g_page_limit = pages;
}

std::int64_t page_count(const std::filesystem::path& db) {
    catalog::sqlite::Database connection(db);
    auto q = connection.cached("PRAGMA page_count");
    return q->step() ? q->column_int64(0) : 0;
}

/// IRI -> content hash of every active dataset.
std::map<std::string, std::string> catalogue(const std::filesystem::path& db) {
    catalog::Store store(db);
    std::map<std::string, std::string> out;
    store.for_each_dataset({}, [&](const catalog::CatalogRecord& r) {
        if (r.status == model::RecordStatus::active) out[r.iri] = r.content_hash;
    });
    return out;
}

}  // namespace

TEST_F(HarvestRunTest, FirstRunIsFullAndStoresEveryDataset) {
    const HarvestResult r = harvest();
    EXPECT_EQ(r.status, RunStatus::succeeded) << r.message;
    EXPECT_EQ(r.mode, RunMode::full);
    EXPECT_EQ(r.counts.added, 250);
    EXPECT_EQ(r.counts.pages, 3);
    EXPECT_EQ(r.counts.errors, 0);
    EXPECT_EQ(active(), 250);

    catalog::Store store(m_config.database);
    const auto rec = store.find("ee5d0785-2771-4db3-bc15-bd9bd06f1ef7");
    ASSERT_TRUE(rec.has_value());
    EXPECT_EQ(rec->dataset.display_title(), "Schulstatistik Schuljahr 2018 2019");
    ASSERT_EQ(rec->sources.size(), 1u);
    EXPECT_EQ(rec->sources[0], "bonn");
    // The raw source record is kept with the dataset.
    const auto raws = store.raw_records(rec->id);
    ASSERT_EQ(raws.size(), 1u);
    EXPECT_NE(raws[0].second.find("\"Schulstatistik Schuljahr 2018 2019\""), std::string::npos);
}

TEST_F(HarvestRunTest, AHarvestOfASourceAnotherProcessHarvestsIsNotStarted) {
    ASSERT_EQ(harvest().status, RunStatus::succeeded);
    catalog::Store store(m_config.database);
    const auto source = store.source_id("bonn");
    ASSERT_TRUE(source);
    const std::int64_t running = store.begin_run(*source, RunMode::full);  // this process: alive
    const HarvestResult r = harvest();
    EXPECT_EQ(r.status, RunStatus::failed);
    EXPECT_EQ(r.run_id, 0);
    const std::string line = summary_line(r);
    EXPECT_EQ(line.rfind("bonn: not started: ", 0), 0u) << line;
    EXPECT_NE(line.find("is already being harvested by process"), std::string::npos) << line;
    EXPECT_EQ(line.find("0 added"), std::string::npos) << line;
    store.finish_run(running, RunStatus::succeeded, {}, "");
    // A run that was recorded keeps its counts in the line.
    const HarvestResult next = harvest();
    EXPECT_NE(summary_line(next).find("bonn: succeeded (incremental run"), std::string::npos) << summary_line(next);
}

TEST_F(HarvestRunTest, SecondRunIsIncrementalAndAsksOnlyForChanges) {
    ASSERT_EQ(harvest().status, RunStatus::succeeded);
    std::atomic<int> incremental_requests{0};
    set_fault([&](const HttpRequest& r, int) -> std::optional<HttpResponse> {
        if (r.query_param("fq").rfind("metadata_modified:[", 0) == 0) ++incremental_requests;
        return std::nullopt;
    });
    const HarvestResult r = harvest();
    EXPECT_EQ(r.status, RunStatus::succeeded) << r.message;
    EXPECT_EQ(r.mode, RunMode::incremental);
    EXPECT_GE(incremental_requests.load(), 1);
    EXPECT_EQ(r.counts.added, 0);
    EXPECT_EQ(r.counts.updated, 0);
    EXPECT_EQ(active(), 250);
}

TEST_F(HarvestRunTest, UnchangedFullRunRewritesNothing) {
    ASSERT_EQ(harvest().status, RunStatus::succeeded);
    const HarvestResult r = harvest(true);
    EXPECT_EQ(r.status, RunStatus::succeeded) << r.message;
    EXPECT_EQ(r.mode, RunMode::full);
    EXPECT_EQ(r.counts.unchanged, 250);
    EXPECT_EQ(r.counts.added + r.counts.updated + r.counts.deleted, 0);
}

TEST_F(HarvestRunTest, ChangedAndDeletedDatasetsAreDetectedByAFullRun) {
    ASSERT_EQ(harvest().status, RunStatus::succeeded);
    std::vector<std::string> packages(demo_packages().begin(), demo_packages().begin() + 250);
    // Change one title, drop 10 datasets (4 %, within the 10 % guard).
    const std::string needle = "\"title\":\"";
    ASSERT_NE(packages[3].find(needle), std::string::npos);
    packages[3].insert(packages[3].find(needle) + needle.size(), "Neu: ");
    packages.erase(packages.begin() + 100, packages.begin() + 110);
    m_portal.set_packages(packages);

    const HarvestResult r = harvest(true);
    EXPECT_EQ(r.status, RunStatus::succeeded) << r.message;
    EXPECT_EQ(r.counts.updated, 1);
    EXPECT_EQ(r.counts.deleted, 10);
    EXPECT_EQ(r.counts.unchanged, 239);
    EXPECT_EQ(active(), 240);
    catalog::Store store(m_config.database);
    EXPECT_EQ(store.count_datasets(model::RecordStatus::deprecated), 10);  // tombstones, not removed rows
}

// keep_versions reaches the store: a dataset changed in three runs keeps the
// content of its newest two versions only.
TEST_F(HarvestRunTest, KeptVersionsBoundWhatAChangingDatasetStores) {
    m_config.keep_versions = 2;
    ASSERT_EQ(harvest().status, RunStatus::succeeded);
    std::vector<std::string> packages(demo_packages().begin(), demo_packages().begin() + 250);
    const std::string needle = "\"title\":\"";
    const std::size_t at = packages[3].find(needle);
    ASSERT_NE(at, std::string::npos);
    for (const char* change : {"Neu: ", "Neuer: ", "Am neuesten: "}) {
        std::vector<std::string> changed = packages;
        changed[3].insert(at + needle.size(), change);
        m_portal.set_packages(changed);
        const HarvestResult r = harvest(true);
        ASSERT_EQ(r.status, RunStatus::succeeded) << r.message;
        ASSERT_EQ(r.counts.updated, 1);
    }
    catalog::Store store(m_config.database);
    std::int64_t dataset_id = 0;
    store.for_each_dataset({}, [&](const catalog::CatalogRecord& r) {
        if (r.dataset.display_title().rfind("Am neuesten: ", 0) == 0) dataset_id = r.id;
    });
    ASSERT_NE(dataset_id, 0);
    std::string kept;
    for (const catalog::VersionRow& v : store.versions(dataset_id)) kept += v.content_kept ? 'K' : '-';
    EXPECT_EQ(kept, "--KK");
}

TEST_F(HarvestRunTest, EmptyListingWithholdsDeletions) {
    ASSERT_NO_FATAL_FAILURE(harvest_everything_first());
    m_portal.set_packages({});
    const HarvestResult r = harvest(true);
    EXPECT_EQ(r.status, RunStatus::partial);
    EXPECT_EQ(r.counts.deletions_withheld, 250);
    expect_message_has(r, "bonn: deletions withheld");
    expect_message_has(r, m_config.sources[0].url);
    expect_message_has(r, "no longer lists 250 of its 250 datasets");
    expect_nothing_lost(r);
}

TEST_F(HarvestRunTest, ServerErrorsAreRetried) {
    std::atomic<int> failures{0};
    set_fault([&](const HttpRequest&, int start) -> std::optional<HttpResponse> {
        if (start == 100 && failures < 2) {
            ++failures;
            return HttpResponse::text("Internal Server Error", "text/plain", 500);
        }
        return std::nullopt;
    });
    const HarvestResult r = harvest();
    EXPECT_EQ(r.status, RunStatus::succeeded) << r.message;
    EXPECT_EQ(r.counts.added, 250);
    EXPECT_EQ(failures.load(), 2);
}

TEST_F(HarvestRunTest, RetryAfterIsHonoured) {
    std::atomic<int> refused{0};
    set_fault([&](const HttpRequest&, int start) -> std::optional<HttpResponse> {
        if (start == 0 && refused++ == 0) {
            HttpResponse busy = HttpResponse::text("slow down", "text/plain", 429);
            busy.headers.emplace_back("Retry-After", "1");
            return busy;
        }
        return std::nullopt;
    });
    const auto t0 = std::chrono::steady_clock::now();
    const HarvestResult r = harvest();
    EXPECT_EQ(r.status, RunStatus::succeeded) << r.message;
    EXPECT_GE(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(900));
}

TEST_F(HarvestRunTest, BrokenPageFailsTheRunAndKeepsEverything) {
    ASSERT_NO_FATAL_FAILURE(harvest_everything_first());
    m_portal.set_packages(std::vector<std::string>(demo_packages().begin(), demo_packages().begin() + 200));
    set_fault([](const HttpRequest&, int start) -> std::optional<HttpResponse> {
        if (start == 100) return HttpResponse::text("Service Unavailable", "text/plain", 503);
        return std::nullopt;
    });
    const HarvestResult r = harvest(true);
    expect_failed_at_page_2(r, "HTTP 503");
    expect_nothing_lost(r);  // the 50 datasets the source stopped listing are still there
    const auto errs = errors(r.run_id);
    ASSERT_EQ(errs.size(), 1u);
    EXPECT_EQ(errs[0].stage, "fetch");
    EXPECT_NE(errs[0].url.find("start=100"), std::string::npos);
}

TEST_F(HarvestRunTest, HtmlInsteadOfJsonIsNamedAsSuch) {
    ASSERT_NO_FATAL_FAILURE(harvest_everything_first());
    set_fault([](const HttpRequest&, int start) -> std::optional<HttpResponse> {
        if (start == 100)
            return HttpResponse::text("<!DOCTYPE html><html><body>Wartungsarbeiten</body></html>", "text/html");
        return std::nullopt;
    });
    const HarvestResult r = harvest(true);
    EXPECT_EQ(r.status, RunStatus::failed);
    expect_message_has(r, "bonn: page 2 could not be fetched");
    expect_message_has(r, "Expected JSON from " + page_url(100) + " but got an HTML page");
    expect_message_has(r, "nothing was deleted");
    EXPECT_EQ(r.counts.pages, 1);  // page 1 is kept
    expect_nothing_lost(r);
}

TEST_F(HarvestRunTest, TruncatedJsonNamesThePlace) {
    ASSERT_NO_FATAL_FAILURE(harvest_everything_first());
    set_fault([this](const HttpRequest& req, int start) -> std::optional<HttpResponse> {
        if (start != 100) return std::nullopt;
        HttpResponse full = m_portal.handle(req);
        full.body.resize(full.body.size() / 2);  // a complete HTTP answer holding half a document
        return full;
    });
    const HarvestResult r = harvest(true);
    EXPECT_EQ(r.status, RunStatus::failed);
    expect_message_has(r, "bonn: page 2 (" + page_url(100) + ") is unusable: not valid JSON at line 1, column");
    expect_message_has(r, "nothing was deleted");
    expect_nothing_lost(r);
    const auto errs = errors(r.run_id);
    ASSERT_FALSE(errs.empty());
    EXPECT_EQ(errs[0].stage, "parse");
    EXPECT_NE(errs[0].place.find("line 1, column"), std::string::npos) << errs[0].place;
}

TEST_F(HarvestRunTest, APageThatRepeatsStopsTheRun) {
    set_fault([this](const HttpRequest& req, int) -> std::optional<HttpResponse> {
        HttpRequest first = req;  // ignores start: always the first page
        first.query = "q=*:*&sort=id%20asc&rows=100&start=0";
        return m_portal.handle(first);
    });
    const HarvestResult r = harvest();
    EXPECT_EQ(r.status, RunStatus::failed);
    EXPECT_NE(r.message.find("identical to page 1"), std::string::npos) << r.message;
}

TEST_F(HarvestRunTest, ListingStopsAtTheAnnouncedCount) {
    // The portal would serve full pages past its count of 250; ernte stops there.
    set_fault([this](const HttpRequest& req, int start) -> std::optional<HttpResponse> {
        if (start < 300) return std::nullopt;
        HttpRequest first = req;
        first.query = "q=*:*&sort=id%20asc&rows=100&start=" + std::to_string(start % 200);
        HttpResponse page = m_portal.handle(first);
        page.body.insert(page.body.find("\"results\""), "\"page\": " + std::to_string(start) + ", ");
        return page;
    });
    // Count stays 250 but the portal keeps answering with full pages past it.
    m_config.sources[0].rows = 100;
    const HarvestResult r = harvest();
    EXPECT_EQ(r.status, RunStatus::succeeded) << "start >= count ends the listing: " << r.message;
    EXPECT_EQ(r.counts.pages, 3);
}

TEST_F(HarvestRunTest, SlowServerTimesOut) {
    ASSERT_NO_FATAL_FAILURE(harvest_everything_first());
    set_fault([](const HttpRequest&, int start) -> std::optional<HttpResponse> {
        if (start != 100) return std::nullopt;
        HttpResponse slow = HttpResponse::json("{}");
        slow.delay = std::chrono::milliseconds(3000);
        return slow;
    });
    const HarvestResult r = harvest(true);
    expect_failed_at_page_2(r, "no data received for 700 ms (read timeout)");
    EXPECT_EQ(r.counts.pages, 1);
    expect_nothing_lost(r);
}

TEST_F(HarvestRunTest, MalformedPackageIsAnErrorRowAndTheRunGoesOn) {
    set_fault([this](const HttpRequest& req, int start) -> std::optional<HttpResponse> {
        if (start != 0) return std::nullopt;
        HttpResponse page = m_portal.handle(req);
        const auto pos = page.body.find("\"results\": [") + std::string("\"results\": [").size();
        page.body.insert(pos, R"({"title": "no id, no name"}, "just a string", )");
        return page;
    });
    const HarvestResult r = harvest();
    EXPECT_EQ(r.status, RunStatus::partial) << r.message;
    EXPECT_EQ(r.counts.added, 250);
    EXPECT_EQ(r.counts.errors, 2);
    const auto errs = errors(r.run_id);
    ASSERT_EQ(errs.size(), 2u);
    bool named = false;
    for (const auto& e : errs) {
        EXPECT_EQ(e.stage, "normalize");
        named = named || e.message.find("neither \"id\" nor \"name\"") != std::string::npos;
        EXPECT_NE(e.place.find("result.results["), std::string::npos);
    }
    EXPECT_TRUE(named);
}

// keep_run_errors: after a run, the errors of runs older than that are deleted.
TEST_F(HarvestRunTest, ARunForgetsTheErrorsOfOldRuns) {
    set_fault([this](const HttpRequest& req, int start) -> std::optional<HttpResponse> {
        if (start != 0) return std::nullopt;
        HttpResponse page = m_portal.handle(req);
        const auto from = page.body.find("\"results\": [{") + std::string("\"results\": [{").size();
        page.body.erase(from, page.body.find("\"title\"", from) - from);  // one package without id and name
        return page;
    });
    const HarvestResult first = harvest(true);
    ASSERT_EQ(first.counts.errors, 1) << first.message;
    ASSERT_EQ(errors(first.run_id).size(), 1u);
    {
        // The first run ended long ago.
        catalog::sqlite::Database other(m_config.database);
        other.exec("UPDATE harvest_runs SET finished = '2000-01-01T00:00:00Z'");
    }
    m_config.keep_run_errors = std::chrono::days(30);
    const HarvestResult second = harvest(true);
    ASSERT_EQ(second.counts.errors, 1) << second.message;
    EXPECT_TRUE(errors(first.run_id).empty());
    EXPECT_EQ(errors(second.run_id).size(), 1u);
}

TEST_F(HarvestRunTest, UnidentifiablePackageBlocksDeletions) {
    ASSERT_EQ(harvest().status, RunStatus::succeeded);
    // The first dataset loses its id and name; a stored dataset must not go.
    set_fault([this](const HttpRequest& req, int start) -> std::optional<HttpResponse> {
        if (start != 0) return std::nullopt;
        HttpResponse page = m_portal.handle(req);
        const auto from = page.body.find("\"results\": [{") + std::string("\"results\": [{").size();
        const auto id_end = page.body.find("\"title\"", from);
        page.body.erase(from, id_end - from);  // drops "id" and "name"
        return page;
    });
    const HarvestResult r = harvest(true);
    EXPECT_EQ(r.status, RunStatus::partial) << r.message;
    EXPECT_EQ(r.counts.errors, 1);
    EXPECT_EQ(r.counts.deleted, 0);
    EXPECT_NE(r.message.find("no deletions this run"), std::string::npos) << r.message;
    EXPECT_EQ(active(), 250);
}

TEST_F(HarvestRunTest, CountChangingWhilePagingBlocksDeletions) {
    ASSERT_NO_FATAL_FAILURE(harvest_everything_first());
    std::vector<std::string> fewer(demo_packages().begin(), demo_packages().begin() + 240);
    std::atomic<bool> switched{false};
    set_fault([&](const HttpRequest&, int start) -> std::optional<HttpResponse> {
        if (start == 100 && !switched.exchange(true)) m_portal.set_packages(fewer);
        return std::nullopt;
    });
    const HarvestResult r = harvest(true);
    EXPECT_EQ(r.status, RunStatus::partial);
    expect_message_has(r, "bonn: the portal's dataset count changed from 250 to 240 while paging");
    expect_message_has(r, page_url(100));
    expect_message_has(r, "no deletions this run");
    expect_nothing_lost(r);
}

TEST_F(HarvestRunTest, SameDatasetFromTwoSourcesIsOneRecord) {
    SourceConfig second = m_config.sources[0];
    second.name = "open-nrw";
    second.priority = 10;
    CkanPortal state_portal(std::vector<std::string>(demo_packages().begin(), demo_packages().begin() + 50));
    HttpServer state_server([&](const HttpRequest& r) { return state_portal.handle(r); });
    second.url = state_server.base_url();
    m_config.sources.push_back(second);

    ASSERT_EQ(harvest().status, RunStatus::succeeded);
    const HarvestResult r = harvest(false, &m_config.sources[1]);
    EXPECT_EQ(r.status, RunStatus::succeeded) << r.message;
    EXPECT_EQ(r.counts.added, 50);  // new provenance links ...
    EXPECT_EQ(active(), 250);       // ... to datasets the catalogue has already
    catalog::Store store(m_config.database);
    const auto rec = store.find("ee5d0785-2771-4db3-bc15-bd9bd06f1ef7");
    ASSERT_TRUE(rec.has_value());
    EXPECT_EQ(rec->sources.size(), 2u);
}

TEST_F(HarvestRunTest, UnreachableSourceFailsClearly) {
    ASSERT_NO_FATAL_FAILURE(harvest_everything_first());
    const std::uint16_t port = testsupport::unused_port();
    m_config.sources[0].url = "http://127.0.0.1:" + std::to_string(port) + "/";  // connection refused
    const HarvestResult r = harvest(true);
    EXPECT_EQ(r.status, RunStatus::failed);
    expect_message_has(r, "bonn: page 1 could not be fetched");
    expect_message_has(r, "http://127.0.0.1:" + std::to_string(port) +
                              "/api/3/action/package_search?q=*:*&sort=id%20asc&rows=100&start=0");
    expect_message_has(r, "could not connect");
    expect_message_has(r, "nothing was deleted");
    expect_nothing_lost(r);
}

TEST_F(HarvestRunTest, AHostThatDoesNotResolveFailsTheRunAndKeepsWhatWasHarvested) {
    ASSERT_EQ(harvest(true).status, RunStatus::succeeded);
    ASSERT_EQ(active(), 250);
    // The reserved top-level domain .invalid never resolves (RFC 6761), with or without a network.
    m_config.sources[0].url = "http://portal.invalid/";
    const HarvestResult r = harvest(true);
    EXPECT_EQ(r.status, RunStatus::failed);
    EXPECT_NE(r.message.find("bonn: page 1 could not be fetched"), std::string::npos) << r.message;
    EXPECT_NE(r.message.find("portal.invalid"), std::string::npos) << r.message;
    EXPECT_NE(r.message.find("the host name could not be resolved"), std::string::npos) << r.message;
    EXPECT_NE(r.message.find("nothing was deleted"), std::string::npos) << r.message;
    EXPECT_EQ(r.counts.deleted, 0);
    EXPECT_EQ(active(), 250);
    const auto errs = errors(r.run_id);
    ASSERT_EQ(errs.size(), 1u);
    EXPECT_EQ(errs[0].stage, "fetch");
    EXPECT_NE(errs[0].url.find("portal.invalid"), std::string::npos) << errs[0].url;
    catalog::Store store(m_config.database);
    EXPECT_EQ(store.integrity_check(), "ok");
    EXPECT_EQ(store.count_datasets(model::RecordStatus::deprecated), 0);
}

TEST_F(HarvestRunTest, ALockedDatabaseFailsTheRunClearlyAndLosesNothing) {
    ASSERT_EQ(harvest(true).status, RunStatus::succeeded);
    ASSERT_EQ(active(), 250);
    {
        // Another program holds the write lock longer than the busy timeout (10 s).
        catalog::sqlite::Database other(m_config.database);
        other.exec("BEGIN IMMEDIATE");
        const HarvestResult r = harvest(true);
        EXPECT_EQ(r.status, RunStatus::failed);
        EXPECT_NE(r.message.find("another process held the database lock for too long"), std::string::npos)
            << r.message;
        EXPECT_NE(r.message.find(m_config.database.string()), std::string::npos) << r.message;
        other.exec("ROLLBACK");
    }
    // Nothing was lost or half-written, and the next run works.
    catalog::Store store(m_config.database);
    EXPECT_EQ(store.integrity_check(), "ok");
    EXPECT_EQ(active(), 250);
    const HarvestResult again = harvest(true);
    EXPECT_EQ(again.status, RunStatus::succeeded) << again.message;
    EXPECT_EQ(again.counts.unchanged, 250);
}

TEST_F(HarvestRunTest, AFullDiskFailsTheRunClearlyAndKeepsTheCatalogue) {
    // The catalogue an uninterrupted run gives: the 250 datasets, in a file of its own.
    Config reference = m_config;
    reference.database = m_dir / "reference.db";
    ASSERT_EQ(harvest_with(reference, true).status, RunStatus::succeeded);
    const auto expected = catalogue(reference.database);
    ASSERT_EQ(expected.size(), 250u);

    // The catalogue before: 100 datasets. These runs do not assess: scores are
    // stored as the assessor catches up with the pages, so which write meets
    // the full disk first would depend on the machine's speed.
    { catalog::Store empty(m_config.database); }
    const std::int64_t empty_pages = page_count(m_config.database);
    m_portal.set_packages(std::vector<std::string>(demo_packages().begin(), demo_packages().begin() + 100));
    ASSERT_EQ(harvest(true, nullptr, nullptr, false).status, RunStatus::succeeded);
    const auto before = catalogue(m_config.database);
    ASSERT_EQ(before.size(), 100u);
    const std::int64_t seeded_pages = page_count(m_config.database);
    const std::int64_t pages_per_100 = seeded_pages - empty_pages;
    ASSERT_GT(pages_per_100, 0);

    // The portal now lists 150 more; the disk has room for about 125 of them
    // (page 2 of the listing fits, page 3 does not).
    m_portal.set_packages(std::vector<std::string>(demo_packages().begin(), demo_packages().begin() + 250));
    limit_pages_of_new_connections(seeded_pages + pages_per_100 * 5 / 4);
    const HarvestResult r = harvest(true, nullptr, nullptr, false);
    limit_pages_of_new_connections(0);
    EXPECT_EQ(r.status, RunStatus::failed);
    EXPECT_NE(r.message.find("bonn: storing page"), std::string::npos) << r.message;
    EXPECT_NE(r.message.find("database or disk is full"), std::string::npos) << r.message;
    EXPECT_NE(r.message.find("the disk is full"), std::string::npos) << r.message;
    EXPECT_NE(r.message.find(m_config.database.string()), std::string::npos) << r.message;
    EXPECT_NE(r.message.find("nothing was deleted"), std::string::npos) << r.message;
    EXPECT_GT(r.counts.added, 0) << "the disk was full before the harvest stored anything";
    EXPECT_LT(r.counts.added, 150) << "the disk did not fill up";

    // The catalogue from before is intact, and the pages stored before the disk filled up are kept.
    {
        catalog::Store store(m_config.database);
        EXPECT_EQ(store.integrity_check(), "ok");
        const auto run = store.run(r.run_id);
        ASSERT_TRUE(run.has_value());
        EXPECT_EQ(run->status, RunStatus::failed);
        EXPECT_EQ(run->counts.added, r.counts.added);
    }
    const auto after = catalogue(m_config.database);
    for (const auto& [iri, hash] : before) {
        const auto it = after.find(iri);
        ASSERT_NE(it, after.end()) << iri << " was lost";
        EXPECT_EQ(it->second, hash) << iri;
    }
    // The run counts what it kept: the page that did not fit is not counted.
    EXPECT_EQ(static_cast<std::int64_t>(after.size()), 100 + r.counts.added);

    // With room again, the next run converges to the uninterrupted catalogue.
    const HarvestResult again = harvest(true);
    EXPECT_EQ(again.status, RunStatus::succeeded) << again.message;
    EXPECT_EQ(again.counts.added, 150 - r.counts.added);
    EXPECT_EQ(catalogue(m_config.database), expected);
    catalog::Store store(m_config.database);
    EXPECT_EQ(store.integrity_check(), "ok");
}

TEST_F(HarvestRunTest, ALockReleasedWithinTheBusyTimeoutIsWaitedFor) {
    ASSERT_EQ(harvest(true).status, RunStatus::succeeded);
    catalog::sqlite::Database other(m_config.database);
    other.exec("BEGIN IMMEDIATE");
    std::thread release([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(800));
        other.exec("ROLLBACK");
    });
    const HarvestResult r = harvest(true);
    release.join();
    EXPECT_EQ(r.status, RunStatus::succeeded) << r.message;
    EXPECT_EQ(r.counts.unchanged, 250);
}

TEST_F(HarvestRunTest, CancelEndsTheRunAsInterrupted) {
    std::atomic<bool> cancel{false};
    set_fault([&](const HttpRequest&, int start) -> std::optional<HttpResponse> {
        if (start == 100) {
            cancel = true;
            HttpResponse slow = HttpResponse::json("{}");
            slow.delay = std::chrono::milliseconds(600);
            return slow;
        }
        return std::nullopt;
    });
    const HarvestResult r = harvest(false, nullptr, &cancel);
    EXPECT_EQ(r.status, RunStatus::interrupted) << r.message;
    catalog::Store store(m_config.database);
    const auto run = store.run(r.run_id);
    ASSERT_TRUE(run.has_value());
    EXPECT_EQ(run->status, RunStatus::interrupted);
    EXPECT_FALSE(run->finished.empty());
}

TEST_F(HarvestRunTest, ADcatSourcePointedAtACkanApiFailsWithAReason) {
    m_config.sources[0].type = SourceType::dcat;
    m_config.sources[0].url += "api/3/action/package_search";
    const HarvestResult r = harvest();
    EXPECT_EQ(r.status, RunStatus::failed);
    EXPECT_NE(r.message.find("does not lead to a DCAT feed"), std::string::npos) << r.message;
}

// The assessments of a run see the link checker's stored results: a changed
// record whose access URLs were found broken loses the points for them.
TEST_F(HarvestRunTest, AssessmentsDuringTheHarvestUseTheStoredLinkChecks) {
    const HarvestResult first = harvest(true);
    ASSERT_EQ(first.status, RunStatus::succeeded) << first.message;
    auto verdicts = [&](std::int64_t run) {
        catalog::sqlite::Database db(m_config.database);
        auto q = db.cached("SELECT score FROM quality_scores WHERE run_id = ?1");
        q->bind(1, run);
        std::map<std::string, std::int64_t> out;
        while (q->step()) {
            const auto passed = catalog::quality::mqa_score_from_stored(q->column_view(0))
                                    .indicator(catalog::quality::Indicator::access_url_status_code)
                                    .passed;
            ++out[!passed ? "null" : *passed ? "true" : "false"];
        }
        return out;
    };
    EXPECT_EQ(verdicts(first.run_id), (std::map<std::string, std::int64_t>{{"null", 250}}));  // nothing checked yet
    {
        catalog::Store store(m_config.database);
        catalog::sqlite::Database db(m_config.database);
        auto q = db.cached("SELECT DISTINCT access_url FROM distributions WHERE access_url IS NOT NULL");
        while (q->step()) {
            catalog::LinkCheckResult broken;
            broken.url = q->column_text(0);
            broken.status = 404;
            broken.reason = "HTTP 404";
            store.record_link_check(broken);
        }
    }
    std::vector<std::string> packages(demo_packages().begin(), demo_packages().begin() + 250);
    const std::string needle = "\"title\":\"";
    for (const int i : {3, 150, 249}) packages[i].insert(packages[i].find(needle) + needle.size(), "Neu: ");
    m_portal.set_packages(packages);
    const HarvestResult second = harvest(true);
    ASSERT_EQ(second.status, RunStatus::succeeded) << second.message;
    EXPECT_EQ(second.counts.updated, 3);
    EXPECT_EQ(verdicts(second.run_id), (std::map<std::string, std::int64_t>{{"false", 3}}));  // the 404s
}

// New and changed records are assessed as they are stored, unchanged ones not
// again: each run's assessments carry its run id.
TEST_F(HarvestRunTest, NewAndChangedRecordsAreAssessedByTheirRun) {
    const HarvestResult first = harvest(true);
    ASSERT_EQ(first.status, RunStatus::succeeded) << first.message;
    auto count = [&](const std::string& where) {
        catalog::sqlite::Database db(m_config.database);
        auto q = db.cached("SELECT count(*) FROM quality_scores WHERE " + where);
        q->step();
        return q->column_int64(0);
    };
    EXPECT_EQ(count("run_id = " + std::to_string(first.run_id)), 250);

    std::vector<std::string> packages(demo_packages().begin(), demo_packages().begin() + 250);
    const std::string needle = "\"title\":\"";
    packages[7].insert(packages[7].find(needle) + needle.size(), "Neu: ");
    m_portal.set_packages(packages);
    const HarvestResult second = harvest(true);
    ASSERT_EQ(second.status, RunStatus::succeeded) << second.message;
    EXPECT_EQ(second.counts.updated, 1);
    EXPECT_EQ(count("run_id = " + std::to_string(second.run_id)), 1);
    EXPECT_EQ(count("1"), 251);

    // What the report reads: every dataset with the newest assessment of its
    // current version, and a score that is the sum of its dimensions.
    catalog::Store store(m_config.database);
    const auto scored = store.scored_datasets({});
    ASSERT_EQ(scored.size(), 250u);
    for (const auto& d : scored) {
        ASSERT_TRUE(d.score.has_value()) << d.title;
        int sum = 0;
        for (const int points : d.score->dimensions) sum += points;
        EXPECT_EQ(sum, d.score->total) << d.title;
        EXPECT_EQ(d.score->rating, catalog::quality::rating_for(d.score->total));
    }
}

// ---------------------------------------------------------------------------
// Faults of a source after a successful harvest: the run fails with a message
// naming the source, the page's URL and the problem, and the 250 datasets of
// the first harvest all stay.

TEST_F(HarvestRunTest, APageThatStallsMidBodyTimesOutAndKeepsEverything) {
    ASSERT_NO_FATAL_FAILURE(harvest_everything_first());
    change_fetch_options([](FetchOptions& o) {
        o.read_timeout = std::chrono::milliseconds(300);
        o.retries = 1;
    });
    set_fault([this](const HttpRequest& req, int start) -> std::optional<HttpResponse> {
        if (start != 100) return std::nullopt;
        HttpResponse page = m_portal.handle(req);
        page.stall_after_bytes = 1000;  // the headers promise the whole page; 1000 bytes come
        return page;
    });
    const HarvestResult r = harvest(true);
    expect_failed_at_page_2(r, "no data received for 300 ms (read timeout)");
    expect_nothing_lost(r);
}

TEST_F(HarvestRunTest, AGzipBombIsStoppedAtTheSizeCapAndKeepsEverything) {
    ASSERT_NO_FATAL_FAILURE(harvest_everything_first());
    change_fetch_options([](FetchOptions& o) { o.max_bytes = 1u << 20; });
    static const std::string bomb = testsupport::gzip_repeated('\0', 16u << 20);  // 16 MiB inflated
    set_fault([](const HttpRequest&, int start) -> std::optional<HttpResponse> {
        if (start != 100) return std::nullopt;
        HttpResponse response = HttpResponse::text(bomb, "application/json");
        response.headers.emplace_back("Content-Encoding", "gzip");
        return response;
    });
    const HarvestResult r = harvest(true);
    expect_failed_at_page_2(r, "the body exceeded the size cap of 1 MiB (counted after decompression)");
    expect_nothing_lost(r);
}

TEST_F(HarvestRunTest, ABodyOverTheSizeCapFailsTheRunAndKeepsEverything) {
    ASSERT_NO_FATAL_FAILURE(harvest_everything_first());
    change_fetch_options([](FetchOptions& o) { o.max_bytes = 1u << 20; });
    set_fault([](const HttpRequest&, int start) -> std::optional<HttpResponse> {
        if (start != 100) return std::nullopt;
        return HttpResponse::json("[" + std::string(2u << 20, ' ') + "]");
    });
    const HarvestResult r = harvest(true);
    expect_failed_at_page_2(r, "exceeds the size cap of 1 MiB");
    expect_nothing_lost(r);
}

TEST_F(HarvestRunTest, ARedirectLoopFailsTheRunAndKeepsEverything) {
    ASSERT_NO_FATAL_FAILURE(harvest_everything_first());
    std::atomic<int> redirects{0};
    set_fault([&](const HttpRequest& req, int start) -> std::optional<HttpResponse> {
        if (start != 100) return std::nullopt;
        ++redirects;
        HttpResponse loop = HttpResponse::text("moved", "text/plain", 302);
        loop.headers.emplace_back("Location", req.target);  // back to itself
        return loop;
    });
    const HarvestResult r = harvest(true);
    expect_failed_at_page_2(r, "more than 5 redirects");
    EXPECT_EQ(redirects.load(), 6) << "the first request and 5 redirects, not retried";
    expect_nothing_lost(r);
}

// The CKAN reader validates the encoding of the whole page: a page with
// invalid UTF-8 in a string is refused as a whole, so no broken text is stored.
TEST_F(HarvestRunTest, InvalidUtf8RefusesThePageAndStoresNoBrokenText) {
    ASSERT_NO_FATAL_FAILURE(harvest_everything_first());
    const auto before = catalogue(m_config.database);
    set_fault([this](const HttpRequest& req, int start) -> std::optional<HttpResponse> {
        if (start != 100) return std::nullopt;
        HttpResponse page = m_portal.handle(req);
        const std::string needle = "\"title\":\"";
        const auto at = page.body.find(needle);
        if (at == std::string::npos) return HttpResponse::text("no title to break", "text/plain", 500);
        page.body.insert(at + needle.size(), "Stra\xdf" "e \xff\xfe ");  // Latin-1 and bytes UTF-8 never has
        return page;
    });
    const HarvestResult r = harvest(true);
    EXPECT_EQ(r.status, RunStatus::failed);
    expect_message_has(r, "bonn: page 2");
    expect_message_has(r, page_url(100));
    expect_message_has(r, "is unusable: not valid JSON at line 1, column");
    expect_message_has(r, "Invalid encoding in string");
    expect_message_has(r, "nothing was deleted");
    EXPECT_EQ(r.counts.added + r.counts.updated, 0);
    expect_nothing_lost(r);
    EXPECT_EQ(catalogue(m_config.database), before);  // no record was rewritten
    const auto errs = errors(r.run_id);
    ASSERT_EQ(errs.size(), 1u);
    EXPECT_EQ(errs[0].stage, "parse");
    EXPECT_EQ(errs[0].url, page_url(100));
    EXPECT_NE(errs[0].place.find("line 1, column"), std::string::npos) << errs[0].place;
}

TEST_F(HarvestRunTest, JsonNestedTooDeeplyRefusesThePageAndKeepsEverything) {
    ASSERT_NO_FATAL_FAILURE(harvest_everything_first());
    set_fault([this](const HttpRequest& req, int start) -> std::optional<HttpResponse> {
        if (start != 100) return std::nullopt;
        HttpResponse page = m_portal.handle(req);
        const std::string results = "\"results\": [{";
        const auto at = page.body.find(results);
        if (at == std::string::npos) return HttpResponse::text("no results to nest", "text/plain", 500);
        const std::size_t levels = max_json_depth + 50;
        page.body.insert(at + results.size(), "\"deep\": " + std::string(levels, '[') + std::string(levels, ']') + ", ");
        return page;
    });
    const HarvestResult r = harvest(true);
    EXPECT_EQ(r.status, RunStatus::failed);
    expect_message_has(r, "bonn: page 2");
    expect_message_has(r, page_url(100));
    expect_message_has(r, "JSON nested deeper than 100 levels at line 1, column");
    expect_message_has(r, "nothing was deleted");
    EXPECT_EQ(r.counts.added + r.counts.updated, 0);
    expect_nothing_lost(r);
}

// A run that outlives its source's deadline is stopped, fails, names the
// deadline and deletes nothing.
TEST_F(HarvestRunTest, ARunPastItsDeadlineIsStoppedAndKeepsEverything) {
    ASSERT_NO_FATAL_FAILURE(harvest_everything_first());
    m_config.sources[0].deadline = std::chrono::seconds(1);
    std::atomic<int> pages_asked{0};
    set_fault([&](const HttpRequest& req, int) -> std::optional<HttpResponse> {
        ++pages_asked;
        HttpResponse page = m_portal.handle(req);
        page.delay = std::chrono::milliseconds(450);  // three pages take longer than the deadline
        return page;
    });
    const HarvestResult r = harvest(true);
    EXPECT_EQ(r.status, RunStatus::failed);
    expect_message_has(r, "bonn: stopped after its deadline of 1 s; nothing was deleted");
    EXPECT_LT(r.counts.pages, 3);
    EXPECT_LT(pages_asked.load(), 4);
    expect_nothing_lost(r);
}

// Sources harvested together (as `ernte harvest` does): one failing source
// fails its own run only; the other stores its datasets.
TEST_F(HarvestRunTest, AFailingSourceDoesNotAffectTheOthersHarvestedWithIt) {
    // koeln lists other datasets than bonn: those of the demo file after bonn's 250.
    auto koeln_packages = [](int n) {
        return std::vector<std::string>(demo_packages().begin() + 250, demo_packages().begin() + 250 + n);
    };
    CkanPortal koeln_portal(koeln_packages(30));
    HttpServer koeln_server([&](const HttpRequest& r) { return koeln_portal.handle(r); });
    SourceConfig koeln = m_config.sources[0];
    koeln.name = "koeln";
    koeln.url = koeln_server.base_url() + "/";
    m_config.sources.push_back(koeln);

    HarvestEnvironment env;
    env.config = &m_config;
    env.fetcher = m_fetcher.get();
    env.vocab = &vocabularies();
    HarvestOptions options;
    options.force_full = true;
    const std::vector<const SourceConfig*> both = {&m_config.sources[0], &m_config.sources[1]};
    const auto first = harvest_sources(env, both, options);
    ASSERT_EQ(first.size(), 2u);
    ASSERT_EQ(first[0].status, RunStatus::succeeded) << first[0].message;
    ASSERT_EQ(first[1].status, RunStatus::succeeded) << first[1].message;
    ASSERT_EQ(active(), 280);

    // bonn now answers 500 to everything; koeln lists 10 more datasets.
    set_fault([](const HttpRequest&, int) -> std::optional<HttpResponse> {
        return HttpResponse::text("Internal Server Error", "text/plain", 500);
    });
    koeln_portal.set_packages(koeln_packages(40));
    const auto second = harvest_sources(env, both, options);
    ASSERT_EQ(second.size(), 2u);

    const HarvestResult& failed = second[0];
    EXPECT_EQ(failed.source, "bonn");
    EXPECT_EQ(failed.status, RunStatus::failed);
    expect_message_has(failed, "bonn: page 1 could not be fetched");
    expect_message_has(failed, page_url(0));
    expect_message_has(failed, "HTTP 500");
    expect_message_has(failed, "nothing was deleted");
    EXPECT_EQ(failed.counts.deleted, 0);

    const HarvestResult& healthy = second[1];
    EXPECT_EQ(healthy.source, "koeln");
    EXPECT_EQ(healthy.status, RunStatus::succeeded) << healthy.message;
    EXPECT_EQ(healthy.counts.added, 10);
    EXPECT_EQ(healthy.counts.unchanged, 30);

    std::map<std::string, std::int64_t> active_by_source;
    catalog::Store store(m_config.database);
    store.for_each_dataset({}, [&](const catalog::CatalogRecord& rec) {
        if (rec.status != model::RecordStatus::active) return;
        for (const auto& s : rec.sources) ++active_by_source[s];
    });
    EXPECT_EQ(active_by_source["bonn"], 250);
    EXPECT_EQ(active_by_source["koeln"], 40);
    EXPECT_EQ(store.count_datasets(model::RecordStatus::active), 290);
    EXPECT_EQ(store.count_datasets(model::RecordStatus::deprecated), 0);
    EXPECT_EQ(store.count_datasets(model::RecordStatus::withdrawn), 0);
}
