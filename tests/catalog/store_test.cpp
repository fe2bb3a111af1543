#include "catalog/store.hpp"

#include "catalog/ckan_package.hpp"
#include "catalog/facet_index.hpp"
#include "catalog/hash.hpp"
#include "catalog/migrations.hpp"
#include "catalog/sqlite.hpp"

#include "tests/support/dead_run.hpp"
#include "tests/support/temp_dir.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <random>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace ernte;
using namespace ernte::catalog;
using namespace std::chrono_literals;
using model::RecordStatus;

namespace {

using testsupport::TempDir;

struct RecordSpec {
    std::string key;
    std::string iri;
    std::string identifier;
    std::string title = "Bäume";
    std::string modified;
    std::string publisher;
    int distributions = 1;
};

SourceRecord make_record(const RecordSpec& spec) {
    SourceRecord r;
    r.source_key = spec.key;
    r.dataset.iri = spec.iri;
    r.dataset.identifier = spec.identifier;
    r.dataset.source_id = spec.key;
    r.dataset.name = "name-" + spec.key;
    r.dataset.title = {{spec.title, "de"}};
    r.dataset.modified = spec.modified;
    r.dataset.publisher.name = spec.publisher;
    if (!spec.publisher.empty()) r.dataset.publisher.iri = "https://example.org/org/" + spec.publisher;
    for (int i = 0; i < spec.distributions; ++i) {
        model::Distribution d;
        d.access_urls = {"https://example.org/" + spec.key + "/" + std::to_string(i) + ".csv"};
        d.format = "http://publications.europa.eu/resource/authority/file-type/CSV";
        d.licence.iri = "http://dcat-ap.de/def/licenses/dl-by-de/2.0";
        r.dataset.distributions.push_back(d);
    }
    r.raw = model::to_json(r.dataset);
    r.content_hash = content_hash(r.raw);
    return r;
}

SourceRecord make_record(const std::string& key, const std::string& title = "Bäume") {
    return make_record(RecordSpec{.key = key, .iri = "https://example.org/dataset/" + key, .title = title});
}

/// A store with one source and a started run.
class StoreTest : public ::testing::Test {
protected:
    TempDir m_dir;
    std::filesystem::path m_file = m_dir.path() / "catalog.db";
    Store m_store{m_file};
    std::int64_t m_source = m_store.ensure_source({"moers", "ckan", "https://opendata.moers.de", 0});

    std::int64_t full_run(std::int64_t source) { return m_store.begin_run(source, RunMode::full); }
    void finish(std::int64_t run) { m_store.finish_run(run, RunStatus::succeeded, {}, ""); }

    /// Upserts records key0..key(n-1) in one run; returns the run.
    std::int64_t harvest(std::int64_t source, int n, const std::string& prefix = "key") {
        const std::int64_t run = full_run(source);
        Store::Transaction tx(m_store);
        for (int i = 0; i < n; ++i) m_store.upsert(source, run, make_record(prefix + std::to_string(i)));
        tx.commit();
        finish(run);
        return run;
    }

    /// One column of one row, read with a second connection.
    std::string query_text(const std::string& sql) {
        sqlite::Database db(m_file);
        auto q = db.cached(sql);
        return q->step() ? q->column_text(0) : std::string("<no row>");
    }
    std::int64_t query_int(const std::string& sql) {
        sqlite::Database db(m_file);
        auto q = db.cached(sql);
        return q->step() ? q->column_int64(0) : -1;
    }
    /// How many datasets a full-text search for `text` finds.
    std::int64_t found(const std::string& text) {
        SearchQuery q;
        q.text = text;
        return m_store.search(q).count;
    }
    /// How many index leaves FTS5 has written for new rows (the write
    /// counter of the structure record of ckan_text: a 4-byte cookie, then
    /// the varints levels, segments and leaves written); at least one each
    /// time it wrote out the rows it had collected.
    std::int64_t fts_leaves_written() {
        const std::string block = query_text("SELECT block FROM ckan_text_data WHERE id = 10");
        std::size_t at = 4;
        std::int64_t value = 0;
        for (int field = 0; field < 3; ++field) {
            value = 0;
            for (int k = 0; at < block.size(); ++k) {
                const auto byte = static_cast<unsigned char>(block[at++]);
                if (k == 8) {
                    value = (value << 8) | byte;
                    break;
                }
                value = (value << 7) | (byte & 0x7f);
                if (byte < 0x80) break;
            }
        }
        return value;
    }
};

std::chrono::system_clock::time_point at(int year, unsigned month, unsigned day) {
    return std::chrono::sys_days(std::chrono::year(year) / month / day);
}

}  // namespace

// ------------------------------------------------------------------ opening and migrations

namespace {

/// What opening `file` as a catalogue throws (a StoreError's message); empty
/// when it opens.
std::string open_error(const std::filesystem::path& file) {
    try {
        Store store(file);
    } catch (const StoreError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST(StoreOpen, FreshDatabaseIsAtNewestSchemaVersion) {
    TempDir dir;
    const auto all = migrations();
    ASSERT_FALSE(all.empty());
    Store store(dir.path() / "c.db");
    EXPECT_EQ(store.schema_version(), all.back().version);
    EXPECT_EQ(store.path(), dir.path() / "c.db");
}

TEST(StoreOpen, EmbeddedMigrationsAreNumberedInOrder) {
    const auto all = migrations();
    ASSERT_FALSE(all.empty());
    EXPECT_EQ(all.front().version, 1);
    for (std::size_t i = 1; i < all.size(); ++i) EXPECT_GT(all[i].version, all[i - 1].version);
    for (const auto& m : all) {
        EXPECT_FALSE(m.name.empty());
        // Each migration changes the schema (the file is embedded, not just named).
        EXPECT_TRUE(m.sql.find("CREATE") != std::string_view::npos || m.sql.find("ALTER") != std::string_view::npos)
            << m.name;
    }
}

TEST(StoreOpen, AMigrationMissingBelowTheNewestIsApplied) {
    TempDir dir;
    const auto file = dir.path() / "c.db";
    { Store store(file); }
    auto index_exists = [&] {
        sqlite::Database db(file);
        auto q = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'datasets_last_changed'");
        q->step();
        return q->column_int64(0) == 1;
    };
    {
        // A database that got the later migrations but not 005 (the index on last_changed).
        sqlite::Database db(file);
        db.exec("DROP INDEX datasets_last_changed; DELETE FROM schema_migrations WHERE version = 5");
    }
    ASSERT_FALSE(index_exists());
    Store reopened(file);
    EXPECT_TRUE(index_exists());
    EXPECT_EQ(reopened.schema_version(), migrations().back().version);
}

// Migration 010 moves page_memos out of a WITHOUT ROWID table, keeping its rows.
TEST(StoreOpen, PageMemosOfOlderDatabasesAreKept) {
    TempDir dir;
    const auto file = dir.path() / "c.db";
    std::int64_t source = 0;
    PageMemo memo;
    memo.url = "https://a.example/api/3/action/package_search?start=0";
    memo.etag = "\"e1\"";
    memo.body_hash = "h1";
    memo.keys = {"k1", "k2", "k3"};
    memo.total = 3;
    memo.next_url = "https://a.example/page2";
    {
        Store store(file);
        source = store.ensure_source({"a", "ckan", "https://a.example", 0});
        store.remember_page(source, memo);
    }
    {
        // The table as it was before migration 010.
        sqlite::Database db(file);
        db.exec("CREATE TABLE old_memos (source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE, "
                "url TEXT NOT NULL, etag TEXT NOT NULL DEFAULT '', last_modified TEXT NOT NULL DEFAULT '', "
                "body_hash TEXT NOT NULL DEFAULT '', keys TEXT NOT NULL DEFAULT '[]', total INTEGER NOT NULL "
                "DEFAULT -1, updated TEXT NOT NULL, next_url TEXT NOT NULL DEFAULT '', PRIMARY KEY (source_id, url)) "
                "STRICT, WITHOUT ROWID; INSERT INTO old_memos SELECT source_id, url, etag, last_modified, body_hash, "
                "keys, total, updated, next_url FROM page_memos; DROP TABLE page_memos; "
                "ALTER TABLE old_memos RENAME TO page_memos; DELETE FROM schema_migrations WHERE version >= 10");
    }
    const auto table_sql = [&] {
        sqlite::Database db(file);
        auto q = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'page_memos'");
        return q->step() ? q->column_text(0) : std::string();
    };
    ASSERT_NE(table_sql().find("WITHOUT ROWID"), std::string::npos);
    Store store(file);
    EXPECT_EQ(store.schema_version(), migrations().back().version);
    EXPECT_EQ(table_sql().find("WITHOUT ROWID"), std::string::npos);
    const auto kept = store.page_memo(source, memo.url);
    ASSERT_TRUE(kept);
    EXPECT_EQ(kept->etag, memo.etag);
    EXPECT_EQ(kept->body_hash, "h1");
    EXPECT_EQ(kept->keys, memo.keys);
    EXPECT_EQ(kept->total, 3);
    EXPECT_EQ(kept->next_url, memo.next_url);
    EXPECT_EQ(kept->per_page, -1);  // older memos did not keep it
    // Remembering the page again replaces its memo.
    memo.keys = {"k4"};
    memo.per_page = 100;
    store.remember_page(source, memo);
    EXPECT_EQ(store.page_memo(source, memo.url)->keys, std::vector<std::string>{"k4"});
    EXPECT_EQ(store.page_memo(source, memo.url)->per_page, 100);
    EXPECT_FALSE(store.page_memo(source, "https://a.example/other"));
}

TEST(StoreOpen, ReopeningIsIdempotent) {
    TempDir dir;
    const auto file = dir.path() / "c.db";
    std::int64_t source = 0;
    {
        Store store(file);
        source = store.ensure_source({"a", "ckan", "https://a.example", 0});
        const auto run = store.begin_run(source, RunMode::full);
        store.upsert(source, run, make_record("k1"));
        store.finish_run(run, RunStatus::succeeded, {}, "");
    }
    Store again(file);
    EXPECT_EQ(again.schema_version(), migrations().back().version);
    EXPECT_EQ(again.source_id("a"), source);
    EXPECT_EQ(again.count_datasets(RecordStatus::active), 1);
    sqlite::Database db(file);
    auto q = db.cached("SELECT count(*), count(DISTINCT version) FROM schema_migrations");
    ASSERT_TRUE(q->step());
    EXPECT_EQ(q->column_int64(0), static_cast<std::int64_t>(migrations().size()));
    EXPECT_EQ(q->column_int64(1), q->column_int64(0));
}

TEST(StoreOpen, ConnectionsOpeningOneNewFileAtOnceAllSucceed) {
    // Sources harvested side by side on a first run each open the new
    // database file at the same moment; none may fail with "locked".
    TempDir dir;
    constexpr int k_files = 20;
    constexpr int k_threads = 6;
    for (int f = 0; f < k_files; ++f) {
        const auto file = dir.path() / fmt::format("new-{}.db", f);
        std::atomic<int> ready{0};
        std::vector<std::string> errors(k_threads);
        std::vector<std::thread> threads;
        for (int t = 0; t < k_threads; ++t) {
            threads.emplace_back([&, t] {
                ++ready;
                while (ready.load() < k_threads) std::this_thread::yield();
                try {
                    Store store(file);
                    store.ensure_source({fmt::format("s{}", t), "ckan", "https://a.example", 0});
                } catch (const std::exception& e) {
                    errors[t] = e.what();
                }
            });
        }
        for (auto& thread : threads) thread.join();
        for (int t = 0; t < k_threads; ++t) EXPECT_EQ(errors[t], "") << "file " << f << ", connection " << t;
        Store store(file);
        EXPECT_EQ(store.schema_version(), migrations().back().version);
        for (int t = 0; t < k_threads; ++t) EXPECT_TRUE(store.source_id(fmt::format("s{}", t)).has_value());
    }
}

TEST(StoreOpen, UsesWalAndRefusesUnknownSources) {
    TempDir dir;
    Store store(dir.path() / "c.db");
    sqlite::Database db(dir.path() / "c.db");
    auto q = db.cached("PRAGMA journal_mode");
    ASSERT_TRUE(q->step());
    EXPECT_EQ(q->column_text(0), "wal");
    // A run of a source that does not exist is refused.
    EXPECT_THROW(store.begin_run(4711, RunMode::full), std::invalid_argument);
}

namespace {

std::int64_t page_size(const std::filesystem::path& file) {
    sqlite::Database db(file);
    auto q = db.cached("PRAGMA page_size");
    return q->step() ? q->column_int64(0) : 0;
}

}  // namespace

TEST(StoreOpen, ANewCatalogueHasSixteenKibPages) {
    TempDir dir;
    const auto file = dir.path() / "c.db";
    {
        Store store(file);
        const auto source = store.ensure_source({"a", "ckan", "https://a.example", 0});
        const auto run = store.begin_run(source, RunMode::full);
        store.upsert(source, run, make_record("k1"));
    }
    EXPECT_EQ(page_size(file), 16384);
}

TEST(StoreOpen, AnOlderCatalogueKeepsItsPageSizeAndWorks) {
    TempDir dir;
    const auto file = dir.path() / "c.db";
    {
        // A catalogue created with SQLite's default pages, before they grew.
        sqlite::Database db(file);
        db.exec("PRAGMA page_size = 4096; PRAGMA journal_mode = WAL; CREATE TABLE schema_migrations ("
                "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL)");
    }
    ASSERT_EQ(page_size(file), 4096);
    {
        Store store(file);
        const auto source = store.ensure_source({"a", "ckan", "https://a.example", 0});
        const auto run = store.begin_run(source, RunMode::full);
        EXPECT_EQ(store.upsert(source, run, make_record("k1")), UpsertOutcome::added);
        store.finish_run(run, RunStatus::succeeded, {}, "");
    }
    EXPECT_EQ(page_size(file), 4096);
    Store again(file);
    EXPECT_EQ(again.count_datasets(RecordStatus::active), 1);
    EXPECT_EQ(again.schema_version(), migrations().back().version);
}

TEST(StoreOpen, AnotherProgramsDatabaseIsLeftAsItIs) {
    TempDir dir;
    const auto file = dir.path() / "kunden.db";
    {
        sqlite::Database db(file);
        db.exec("CREATE TABLE kunden (name TEXT); INSERT INTO kunden VALUES ('Meier')");
    }
    const auto size = std::filesystem::file_size(file);
    const std::string message = open_error(file);
    EXPECT_NE(message.find("is not an ernte catalogue but another program's database (it holds the tables kunden)"),
              std::string::npos)
        << message;
    // Nothing was added to it, and it is still in its own journal mode.
    sqlite::Database db(file);
    auto q = db.prepare("SELECT group_concat(name) FROM sqlite_schema");
    ASSERT_TRUE(q->step());
    EXPECT_EQ(q->column_text(0), "kunden");
    auto mode = db.prepare("PRAGMA journal_mode");
    ASSERT_TRUE(mode->step());
    EXPECT_EQ(mode->column_text(0), "delete");
    EXPECT_EQ(std::filesystem::file_size(file), size);

    // Views only, or a migration table of another tool (Rails: version alone).
    for (const char* schema : {"CREATE VIEW v AS SELECT 1",
                               "CREATE TABLE schema_migrations (version varchar NOT NULL PRIMARY KEY); "
                               "CREATE TABLE users (id INTEGER)"}) {
        const auto other = dir.path() / "other.db";
        std::filesystem::remove(other);
        { sqlite::Database(other).exec(schema); }
        const auto before = std::filesystem::file_size(other);
        EXPECT_NE(open_error(other).find("is not an ernte catalogue"), std::string::npos) << schema;
        EXPECT_EQ(std::filesystem::file_size(other), before) << schema;
    }
}

TEST(StoreOpen, ADamagedFileSaysWhatToDo) {
    TempDir dir;
    const auto file = dir.path() / "text.db";
    std::ofstream(file) << "Dies ist keine Datenbank, sondern eine Textdatei mit etwas Inhalt darin.\n";
    const std::string message = open_error(file);
    EXPECT_NE(message.find("the file is damaged or is not an ernte catalogue"), std::string::npos) << message;
    EXPECT_NE(message.find("restore the last backup"), std::string::npos) << message;
    EXPECT_EQ(message.find("SELECT"), std::string::npos) << message;  // no SQL in it
}

namespace {

/// One transaction of `rows` rows of `value` into table t.
void insert_rows(sqlite::Database& db, int rows, const std::string& value) {
    sqlite::WriteScope scope(db);
    auto q = db.cached("INSERT INTO t (v) VALUES (?1)");
    for (int i = 0; i < rows; ++i) {
        q->bind(1, value).run();
        q->reset();
    }
    scope.commit();
}

}  // namespace

TEST(SqliteCheckpoints, RunBesideTheWritesAndKeepTheWalSmall) {
    TempDir dir;
    const auto file = dir.path() / "c.db";
    const std::filesystem::path wal = file.string() + "-wal";
    sqlite::Database db(file);
    db.exec("PRAGMA journal_mode = WAL; CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)");
    constexpr std::int64_t k_start = 64, k_most = 256;  // pages in the WAL
    db.checkpoint_in_background(k_start, k_most);
    const std::string value(3000, 'x');  // a page a row: about 30 pages a transaction
    std::uintmax_t largest_wal = 0;
    for (int page = 0; page < 200; ++page) {
        insert_rows(db, 30, value);
        largest_wal = std::max(largest_wal, std::filesystem::file_size(wal));
    }
    // 18 MB went through the WAL. SQLite's own checkpoint would let it grow
    // to 1,000 pages; here it restarts soon after k_most pages (a frame is a
    // page and a 24-byte header), a few transactions later at most.
    EXPECT_LE(largest_wal, static_cast<std::uintmax_t>((k_most + 4 * 30) * (4096 + 24) + 32));
    for (int i = 0; i < 500 && db.background_checkpoints() == 0; ++i) std::this_thread::sleep_for(10ms);
    EXPECT_GT(db.background_checkpoints(), 0);
    // Another connection sees every row, also once the WAL is gone.
    {
        sqlite::Database other(file);
        auto q = other.cached("SELECT count(*), sum(length(v)) FROM t");
        ASSERT_TRUE(q->step());
        EXPECT_EQ(q->column_int64(0), 6000);
        EXPECT_EQ(q->column_int64(1), 6000 * 3000);
    }
}

TEST(SqliteCheckpoints, TheLastConnectionLeavesEverythingInTheFile) {
    TempDir dir;
    const auto file = dir.path() / "c.db";
    {
        sqlite::Database db(file);
        db.exec("PRAGMA journal_mode = WAL; CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)");
        db.checkpoint_in_background(8, 1000000);  // the other thread does every checkpoint
        for (int page = 0; page < 50; ++page) insert_rows(db, 10, std::string(3000, 'y'));
    }  // closing stops the checkpointing thread, then checkpoints the rest
    EXPECT_FALSE(std::filesystem::exists(file.string() + "-wal"));
    sqlite::Database db(file);
    auto q = db.cached("SELECT count(*) FROM t");
    ASSERT_TRUE(q->step());
    EXPECT_EQ(q->column_int64(0), 500);
}

TEST(StoreOpen, NewerDatabaseFailsClearly) {
    TempDir dir;
    const auto file = dir.path() / "c.db";
    { Store store(file); }
    {
        sqlite::Database db(file);
        db.exec("INSERT INTO schema_migrations (version, name, applied) VALUES (999, 'future', '2030-01-01T00:00:00Z')");
    }
    const std::string message = open_error(file);
    EXPECT_NE(message.find("schema version 999"), std::string::npos) << message;
    EXPECT_NE(message.find("newer"), std::string::npos) << message;
    EXPECT_NE(message.find(file.string()), std::string::npos) << message;
}

TEST(StoreOpen, CreatesMissingFolders) {
    TempDir dir;
    const auto file = dir.path() / "a" / "b" / "c" / "catalog.db";
    Store store(file);
    EXPECT_TRUE(std::filesystem::is_regular_file(file));
}

TEST(StoreOpen, UnwritablePathIsStoreError) {
    TempDir dir;
    const auto blocker = dir.path() / "not-a-folder";
    std::ofstream(blocker) << "x";
    const auto file = blocker / "sub" / "catalog.db";
    try {
        Store store(file);
        FAIL() << "opened a database below a regular file";
    } catch (const StoreError& e) {
        EXPECT_NE(std::string(e.what()).find(file.string()), std::string::npos) << e.what();
        EXPECT_EQ(e.code(), SQLITE_CANTOPEN);
    }
}

TEST(StoreOpen, FileThatIsNoDatabaseIsStoreError) {
    TempDir dir;
    const auto file = dir.path() / "c.db";
    std::ofstream(file) << std::string(4096, 'x');
    try {
        Store store(file);
        FAIL() << "opened garbage";
    } catch (const StoreError& e) {
        EXPECT_EQ(e.code(), SQLITE_NOTADB) << e.what();
        EXPECT_NE(std::string(e.what()).find(file.string()), std::string::npos) << e.what();
    }
}

TEST(StoreOpen, FullDiskSaysTheDiskIsFull) {
    TempDir dir;
    const auto file = dir.path() / "small.db";
    sqlite::Database db(file);
    db.exec("CREATE TABLE t (b BLOB); PRAGMA max_page_count = 8");
    try {
        for (int i = 0; i < 100; ++i) db.exec("INSERT INTO t VALUES (zeroblob(4096))");
        FAIL() << "the size limit was not reached";
    } catch (const StoreError& e) {
        EXPECT_EQ(e.code(), SQLITE_FULL);
        EXPECT_NE(std::string(e.what()).find("disk is full"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find(file.string()), std::string::npos) << e.what();
    }
}

// ------------------------------------------------------------------ upsert

TEST_F(StoreTest, UpsertOutcomes) {
    const auto run1 = full_run(m_source);
    EXPECT_EQ(m_store.upsert(m_source, run1, make_record("k1")), UpsertOutcome::added);
    EXPECT_EQ(m_store.upsert(m_source, run1, make_record("k2")), UpsertOutcome::added);
    finish(run1);
    const auto run2 = full_run(m_source);
    EXPECT_EQ(m_store.upsert(m_source, run2, make_record("k1")), UpsertOutcome::unchanged);
    EXPECT_EQ(m_store.upsert(m_source, run2, make_record("k2", "Bäume 2024")), UpsertOutcome::updated);
    finish(run2);
    EXPECT_EQ(m_store.count_datasets(RecordStatus::active), 2);
    const auto record = m_store.find("k2");
    ASSERT_TRUE(record);
    EXPECT_EQ(record->dataset.display_title(), "Bäume 2024");
    EXPECT_EQ(record->content_hash, make_record("k2", "Bäume 2024").content_hash);
}

TEST_F(StoreTest, UnchangedRecordRewritesNothing) {
    const auto run1 = full_run(m_source);
    m_store.upsert(m_source, run1, make_record(RecordSpec{.key = "k1", .iri = "https://x/1", .distributions = 3}));
    finish(run1);
    const std::string changed_before = query_text("SELECT last_changed FROM datasets");
    const auto run2 = full_run(m_source);
    const auto before = m_store.total_changes();
    EXPECT_EQ(m_store.upsert(m_source, run2, make_record(RecordSpec{.key = "k1", .iri = "https://x/1", .distributions = 3})),
              UpsertOutcome::unchanged);
    EXPECT_EQ(m_store.total_changes() - before, 1);
    EXPECT_EQ(query_int("SELECT last_seen_run FROM dataset_sources"), run2);
    EXPECT_EQ(query_int("SELECT last_changed_run FROM dataset_sources"), run1);
    EXPECT_EQ(query_int("SELECT count(*) FROM dataset_versions"), 1);
    EXPECT_EQ(query_text("SELECT last_changed FROM datasets"), changed_before);
}

TEST_F(StoreTest, VersionsAreKeptOncePerHash) {
    const auto a = make_record("k1", "A");
    const auto b = make_record("k1", "B");
    ASSERT_NE(a.content_hash, b.content_hash);
    std::int64_t runs[3];
    for (int i = 0; i < 3; ++i) {
        runs[i] = full_run(m_source);
        m_store.upsert(m_source, runs[i], i == 1 ? b : a);
        finish(runs[i]);
    }
    const auto record = m_store.find("k1");
    ASSERT_TRUE(record);
    EXPECT_EQ(record->content_hash, a.content_hash);
    EXPECT_EQ(record->dataset.display_title(), "A");
    const auto versions = m_store.versions(record->id);
    ASSERT_EQ(versions.size(), 2u);
    EXPECT_EQ(versions[0].content_hash, a.content_hash);
    EXPECT_EQ(versions[0].run_id, runs[0]);
    EXPECT_EQ(versions[0].source, "moers");
    EXPECT_EQ(versions[1].content_hash, b.content_hash);
    EXPECT_EQ(versions[1].run_id, runs[1]);
    const auto raw = m_store.raw_records(record->id);
    ASSERT_EQ(raw.size(), 1u);
    EXPECT_EQ(raw[0].first, "moers");
    EXPECT_EQ(raw[0].second, a.raw);
    // The record is stored once per version, not again on the dataset or link.
    EXPECT_EQ(query_int("SELECT count(*) FROM dataset_versions"), 2);
}

TEST_F(StoreTest, DistributionsFollowTheCurrentRecord) {
    const auto run1 = full_run(m_source);
    m_store.upsert(m_source, run1, make_record(RecordSpec{.key = "k1", .iri = "https://x/1", .distributions = 3}));
    EXPECT_EQ(query_int("SELECT count(*) FROM distributions"), 3);
    EXPECT_EQ(query_text("SELECT access_url FROM distributions WHERE position = 2"), "https://example.org/k1/2.csv");
    EXPECT_EQ(query_text("SELECT licence FROM distributions WHERE position = 0"),
              "http://dcat-ap.de/def/licenses/dl-by-de/2.0");
    m_store.upsert(m_source, run1, make_record(RecordSpec{.key = "k1", .iri = "https://x/1", .distributions = 1}));
    EXPECT_EQ(query_int("SELECT count(*) FROM distributions"), 1);
}

TEST_F(StoreTest, RecordWithoutKeyOrHashIsRejected) {
    const auto run = full_run(m_source);
    auto r = make_record("k1");
    r.source_key.clear();
    EXPECT_THROW(m_store.upsert(m_source, run, r), std::invalid_argument);
    r = make_record("k1");
    r.content_hash.clear();
    EXPECT_THROW(m_store.upsert(m_source, run, r), std::invalid_argument);
}

// ------------------------------------------------------------------ transactions

TEST_F(StoreTest, TransactionRollsBackUnlessCommitted) {
    const auto run = full_run(m_source);
    {
        Store::Transaction tx(m_store);
        m_store.upsert(m_source, run, make_record("k1"));
    }
    EXPECT_EQ(m_store.count_datasets(RecordStatus::active), 0);
    {
        Store::Transaction tx(m_store);
        m_store.upsert(m_source, run, make_record("k1"));
        tx.commit();
    }
    EXPECT_EQ(m_store.count_datasets(RecordStatus::active), 1);
}

TEST_F(StoreTest, RejectedRecordLeavesThePageTransactionUsable) {
    const auto run = full_run(m_source);
    Store::Transaction tx(m_store);
    m_store.upsert(m_source, run, make_record("k1"));
    auto keyless = make_record("k2");
    keyless.source_key.clear();
    EXPECT_THROW(m_store.upsert(m_source, run, keyless), std::invalid_argument);
    m_store.upsert(m_source, run, make_record("k3"));
    tx.commit();
    EXPECT_EQ(m_store.count_datasets(RecordStatus::active), 2);
}

TEST_F(StoreTest, WriteFailureFailsThePageTransaction) {
    const auto run = full_run(m_source);
    {
        Store::Transaction tx(m_store);
        m_store.upsert(m_source, run, make_record("k1"));
        // Run 999 does not exist: the version insert fails on its foreign key,
        // after the dataset row was written.
        EXPECT_THROW(m_store.upsert(m_source, 999, make_record("k2")), StoreError);
        try {
            m_store.upsert(m_source, run, make_record("k3"));
            FAIL() << "wrote into a failed transaction";
        } catch (const StoreError& e) {
            EXPECT_NE(std::string(e.what()).find("can only be rolled back"), std::string::npos) << e.what();
        }
        EXPECT_THROW(tx.commit(), StoreError);
    }
    // Nothing of the page was stored, not even a part of the failed record.
    EXPECT_EQ(query_int("SELECT count(*) FROM datasets"), 0);
    // The next page works.
    Store::Transaction tx(m_store);
    m_store.upsert(m_source, run, make_record("k4"));
    tx.commit();
    EXPECT_EQ(m_store.count_datasets(RecordStatus::active), 1);
}

TEST_F(StoreTest, FailedUpsertOutsideATransactionWritesNothing) {
    EXPECT_THROW(m_store.upsert(m_source, 999, make_record("k1")), StoreError);
    EXPECT_EQ(query_int("SELECT count(*) FROM datasets"), 0);
    const auto run = full_run(m_source);
    EXPECT_EQ(m_store.upsert(m_source, run, make_record("k1")), UpsertOutcome::added);
}

TEST_F(StoreTest, NestedTransactionRollsBackAlone) {
    const auto run = full_run(m_source);
    Store::Transaction outer(m_store);
    m_store.upsert(m_source, run, make_record("k1"));
    {
        Store::Transaction inner(m_store);
        m_store.upsert(m_source, run, make_record("k2"));
    }
    {
        Store::Transaction inner(m_store);
        m_store.upsert(m_source, run, make_record("k3"));
        inner.commit();
    }
    outer.commit();
    EXPECT_TRUE(m_store.find("k1"));
    EXPECT_FALSE(m_store.find("k2"));
    EXPECT_TRUE(m_store.find("k3"));
}

// ------------------------------------------------------------------ full and incremental runs

TEST_F(StoreTest, IncrementalRunsMarkSeenWithoutRewriting) {
    harvest(m_source, 10);
    const auto inc = m_store.begin_run(m_source, RunMode::incremental, "2024-01-01T00:00:00Z");
    EXPECT_EQ(m_store.upsert(m_source, inc, make_record("key3", "changed")), UpsertOutcome::updated);
    // An incremental run saw only what changed: it must not retract anything.
    EXPECT_THROW(m_store.retract_unseen(m_source, inc, 0.10), std::invalid_argument);
    finish(inc);
    EXPECT_EQ(m_store.run(inc)->since, "2024-01-01T00:00:00Z");
    EXPECT_EQ(m_store.run(inc)->mode, RunMode::incremental);

    // A full run whose pages were unchanged marks their keys seen.
    const auto full = full_run(m_source);
    std::vector<std::string> keys;
    for (int i = 0; i < 9; ++i) keys.push_back("key" + std::to_string(i));
    keys.push_back("unknown-key");
    const auto before = m_store.total_changes();
    EXPECT_EQ(m_store.mark_seen(m_source, full, keys), 9);
    EXPECT_EQ(m_store.total_changes() - before, 9);
    EXPECT_EQ(m_store.mark_seen(m_source, full, {}), 0);
    const auto result = m_store.retract_unseen(m_source, full, 0.10);
    EXPECT_EQ(result.listed_before, 10);
    EXPECT_EQ(result.unseen, 1);
    EXPECT_EQ(result.deleted, 1);
    EXPECT_EQ(result.withheld, 0);
    EXPECT_EQ(result.deprecated, 1);
    EXPECT_EQ(m_store.find("key9")->status, RecordStatus::deprecated);
    EXPECT_EQ(m_store.find("key3")->dataset.display_title(), "changed");
}

TEST_F(StoreTest, MarkSeenIgnoresOtherSourcesAndGoneLinks) {
    harvest(m_source, 3);
    const auto other = m_store.ensure_source({"other", "ckan", "https://other.example", 0});
    const auto run = full_run(other);
    EXPECT_EQ(m_store.mark_seen(other, run, {"key0", "key1"}), 0);
}

// ------------------------------------------------------------------ deletion guard

TEST_F(StoreTest, EmptyListingWithholdsAllDeletions) {
    harvest(m_source, 100);
    const auto run = full_run(m_source);
    const auto result = m_store.retract_unseen(m_source, run, 0.10);
    EXPECT_EQ(result.listed_before, 100);
    EXPECT_EQ(result.unseen, 100);
    EXPECT_EQ(result.deleted, 0);
    EXPECT_EQ(result.withheld, 100);
    EXPECT_EQ(result.deprecated, 0);
    EXPECT_EQ(m_store.count_datasets(RecordStatus::active), 100);
    EXPECT_EQ(m_store.sources()[0].datasets, 100);
}

TEST_F(StoreTest, FewUnseenAreRetractedAndDeprecated) {
    harvest(m_source, 100);
    const auto run = full_run(m_source);
    for (int i = 5; i < 100; ++i) m_store.upsert(m_source, run, make_record("key" + std::to_string(i)));
    const auto result = m_store.retract_unseen(m_source, run, 0.10);
    EXPECT_EQ(result.unseen, 5);
    EXPECT_EQ(result.deleted, 5);
    EXPECT_EQ(result.withheld, 0);
    EXPECT_EQ(result.deprecated, 5);
    EXPECT_EQ(m_store.count_datasets(RecordStatus::active), 95);
    EXPECT_EQ(m_store.count_datasets(RecordStatus::deprecated), 5);
    const auto gone = m_store.find("key0");
    ASSERT_TRUE(gone);
    EXPECT_EQ(gone->status, RecordStatus::deprecated);
    EXPECT_FALSE(gone->deprecated_at.empty());
    EXPECT_TRUE(gone->sources.empty());
    EXPECT_EQ(query_int("SELECT count(*) FROM datasets"), 100);  // never removed as rows
    EXPECT_EQ(query_int("SELECT gone_run FROM dataset_sources WHERE source_key = 'key0'"), run);
}

TEST_F(StoreTest, TooManyUnseenAreWithheld) {
    harvest(m_source, 100);
    const auto run = full_run(m_source);
    for (int i = 20; i < 100; ++i) m_store.upsert(m_source, run, make_record("key" + std::to_string(i)));
    // New records of this run do not count as listed before it.
    for (int i = 0; i < 50; ++i) m_store.upsert(m_source, run, make_record("new" + std::to_string(i)));
    const auto result = m_store.retract_unseen(m_source, run, 0.10);
    EXPECT_EQ(result.listed_before, 100);
    EXPECT_EQ(result.unseen, 20);
    EXPECT_EQ(result.withheld, 20);
    EXPECT_EQ(result.deleted, 0);
    EXPECT_EQ(m_store.count_datasets(RecordStatus::active), 150);
}

TEST_F(StoreTest, RetractChecksTheRun) {
    harvest(m_source, 3);
    const auto other = m_store.ensure_source({"other", "ckan", "https://other.example", 0});
    const auto run = full_run(other);
    EXPECT_THROW(m_store.retract_unseen(m_source, run, 0.10), std::invalid_argument);
    EXPECT_THROW(m_store.retract_unseen(m_source, 12345, 0.10), std::invalid_argument);
}

TEST_F(StoreTest, RetiringASourceTakesAllItsLinksAndForgetsItsPages) {
    harvest(m_source, 100);
    // key0 and key1 are delivered by a second source as well (same IRI).
    const auto other = m_store.ensure_source({"other", "ckan", "https://other.example", 0});
    harvest(other, 2);
    PageMemo memo;
    memo.url = "https://opendata.moers.de/api/3/action/package_search?start=0";
    memo.body_hash = "h";
    memo.keys = {"key0"};
    m_store.remember_page(m_source, memo);
    m_store.remember_page(other, memo);

    const auto run = full_run(m_source);
    const auto result = m_store.retire_source(m_source, run);
    finish(run);
    // Every link goes, whatever the delete guard would say of a full run.
    EXPECT_EQ(result.deleted, 100);
    EXPECT_EQ(result.withheld, 0);
    EXPECT_EQ(result.deprecated, 98);
    EXPECT_EQ(m_store.count_datasets(RecordStatus::active), 2);
    EXPECT_EQ(m_store.count_datasets(RecordStatus::deprecated), 98);
    EXPECT_EQ(m_store.find("key0")->status, RecordStatus::active);
    EXPECT_EQ(m_store.find("key5")->status, RecordStatus::deprecated);
    for (const auto& row : m_store.sources())
        EXPECT_EQ(row.datasets, row.info.name == "other" ? 2 : 0) << row.info.name;
    // The source, configured again, reads its pages afresh; other sources keep theirs.
    EXPECT_FALSE(m_store.page_memo(m_source, memo.url));
    EXPECT_TRUE(m_store.page_memo(other, memo.url));

    // Configured again, its datasets come back as they were.
    harvest(m_source, 100);
    EXPECT_EQ(m_store.count_datasets(RecordStatus::active), 100);
    EXPECT_EQ(query_int("SELECT count(*) FROM datasets"), 100);
}

// ------------------------------------------------------------------ tombstones

TEST_F(StoreTest, DeprecatedThenWithdrawnAfterGrace) {
    auto now = at(2026, 11, 1);
    m_store.set_clock([&] { return now; });
    harvest(m_source, 20);
    const auto run = full_run(m_source);
    for (int i = 1; i < 20; ++i) m_store.upsert(m_source, run, make_record("key" + std::to_string(i)));
    ASSERT_EQ(m_store.retract_unseen(m_source, run, 0.10).deprecated, 1);
    finish(run);
    EXPECT_EQ(m_store.find("key0")->deprecated_at, "2026-11-01T00:00:00Z");

    now = at(2026, 11, 30);
    EXPECT_EQ(m_store.withdraw_expired(std::chrono::days(30)), 0);
    now = at(2026, 12, 1) + 1s;
    EXPECT_EQ(m_store.withdraw_expired(std::chrono::days(30)), 1);
    EXPECT_EQ(m_store.withdraw_expired(std::chrono::days(30)), 0);
    EXPECT_EQ(m_store.count_datasets(RecordStatus::withdrawn), 1);
    const auto withdrawn = m_store.find("key0");
    ASSERT_TRUE(withdrawn);
    EXPECT_EQ(withdrawn->status, RecordStatus::withdrawn);
    EXPECT_EQ(query_text("SELECT withdrawn_at FROM datasets WHERE status = 'withdrawn'"), "2026-12-01T00:00:01Z");

    // The record reappears: it is active again, not a new dataset.
    now = at(2026, 12, 5);
    const auto again = full_run(m_source);
    EXPECT_EQ(m_store.upsert(m_source, again, make_record("key0")), UpsertOutcome::updated);
    const auto back = m_store.find("key0");
    ASSERT_TRUE(back);
    EXPECT_EQ(back->id, withdrawn->id);
    EXPECT_EQ(back->status, RecordStatus::active);
    EXPECT_TRUE(back->deprecated_at.empty());
    EXPECT_EQ(back->last_changed, "2026-12-05T00:00:00Z");
    EXPECT_EQ(back->sources, std::vector<std::string>{"moers"});
    EXPECT_EQ(m_store.count_datasets(RecordStatus::withdrawn), 0);
    EXPECT_EQ(query_int("SELECT count(*) FROM datasets"), 20);
}

TEST_F(StoreTest, ReappearingChangedRecordReactivates) {
    harvest(m_source, 10);
    const auto run = full_run(m_source);
    for (int i = 1; i < 10; ++i) m_store.upsert(m_source, run, make_record("key" + std::to_string(i)));
    ASSERT_EQ(m_store.retract_unseen(m_source, run, 0.5).deprecated, 1);
    finish(run);
    const auto run2 = full_run(m_source);
    EXPECT_EQ(m_store.upsert(m_source, run2, make_record("key0", "neu")), UpsertOutcome::updated);
    EXPECT_EQ(m_store.find("key0")->status, RecordStatus::active);
    EXPECT_EQ(m_store.find("key0")->dataset.display_title(), "neu");
    EXPECT_EQ(query_text("SELECT state FROM dataset_sources WHERE source_key = 'key0'"), "active");
    EXPECT_EQ(query_text("SELECT coalesce(gone_run, 'none') FROM dataset_sources WHERE source_key = 'key0'"), "none");
}

// ------------------------------------------------------------------ duplicates across sources

class StoreDuplicateTest : public StoreTest {
protected:
    std::int64_t m_other = m_store.ensure_source({"nrw", "dcat", "https://open.nrw", 0});
    std::int64_t m_run_a = full_run(m_source);
    std::int64_t m_run_b = full_run(m_other);
};

TEST_F(StoreDuplicateTest, SameIriIsOneDatasetWithTwoLinks) {
    EXPECT_EQ(m_store.upsert(m_source, m_run_a, make_record({.key = "a1", .iri = "https://x/d1", .title = "A"})),
              UpsertOutcome::added);
    EXPECT_EQ(m_store.upsert(m_other, m_run_b, make_record({.key = "b1", .iri = "https://x/d1", .title = "B"})),
              UpsertOutcome::added);
    EXPECT_EQ(m_store.count_datasets(RecordStatus::active), 1);
    const auto record = m_store.find("https://x/d1");
    ASSERT_TRUE(record);
    EXPECT_EQ(record->sources, (std::vector<std::string>{"moers", "nrw"}));
    EXPECT_EQ(m_store.raw_records(record->id).size(), 2u);
    EXPECT_EQ(m_store.find("a1")->id, record->id);
    EXPECT_EQ(m_store.find("b1")->id, record->id);
    // Equal modified, equal priority: the older source wins.
    EXPECT_EQ(record->dataset.display_title(), "A");
}

TEST_F(StoreDuplicateTest, SameIdentifierIsOneDataset) {
    m_store.upsert(m_source, m_run_a, make_record({.key = "a1", .iri = "https://moers/1", .identifier = "DE-1"}));
    m_store.upsert(m_other, m_run_b, make_record({.key = "b1", .iri = "https://nrw/1", .identifier = "DE-1"}));
    EXPECT_EQ(m_store.count_datasets(RecordStatus::active), 1);
    EXPECT_EQ(m_store.find("DE-1")->sources, (std::vector<std::string>{"moers", "nrw"}));
    // Both IRIs lead to the one dataset.
    EXPECT_EQ(m_store.find("https://moers/1")->id, m_store.find("https://nrw/1")->id);
}

TEST_F(StoreDuplicateTest, SameIdentifierTwiceInOneSourceStaysTwoDatasets) {
    m_store.upsert(m_source, m_run_a, make_record({.key = "a1", .iri = "https://moers/1", .identifier = "1"}));
    m_store.upsert(m_source, m_run_a, make_record({.key = "a2", .iri = "https://moers/2", .identifier = "1"}));
    EXPECT_EQ(m_store.count_datasets(RecordStatus::active), 2);
}

TEST_F(StoreDuplicateTest, NewestModifiedWins) {
    m_store.upsert(m_source, m_run_a,
                   make_record({.key = "a1", .iri = "https://x/d1", .title = "A", .modified = "2024-06-01"}));
    m_store.upsert(m_other, m_run_b,
                   make_record({.key = "b1", .iri = "https://x/d1", .title = "B", .modified = "2024-01-01"}));
    EXPECT_EQ(m_store.find("https://x/d1")->dataset.display_title(), "A");
    // B changes and is now newer (time zones are compared in UTC).
    m_store.upsert(m_other, m_run_b,
                   make_record({.key = "b1", .iri = "https://x/d1", .title = "B2", .modified = "2024-06-02T01:30:00+02:00"}));
    EXPECT_EQ(m_store.find("https://x/d1")->dataset.display_title(), "B2");
    m_store.upsert(m_source, m_run_a,
                   make_record({.key = "a1", .iri = "https://x/d1", .title = "A2", .modified = "2024-06-01T23:45:00Z"}));
    EXPECT_EQ(m_store.find("https://x/d1")->dataset.display_title(), "A2");
    // A record without modified never beats one with it.
    const auto other3 = m_store.ensure_source({"third", "ckan", "https://third", 100});
    m_store.upsert(other3, full_run(other3), make_record({.key = "c1", .iri = "https://x/d1", .title = "C"}));
    EXPECT_EQ(m_store.find("https://x/d1")->dataset.display_title(), "A2");
}

TEST_F(StoreDuplicateTest, PriorityBreaksTies) {
    m_store.ensure_source({"nrw", "dcat", "https://open.nrw", 5});
    m_store.upsert(m_source, m_run_a,
                   make_record({.key = "a1", .iri = "https://x/d1", .title = "A", .modified = "2024-06-01"}));
    m_store.upsert(m_other, m_run_b,
                   make_record({.key = "b1", .iri = "https://x/d1", .title = "B", .modified = "2024-06-01"}));
    EXPECT_EQ(m_store.find("https://x/d1")->dataset.display_title(), "B");
    // Changing a priority re-picks the winner.
    m_store.ensure_source({"moers", "ckan", "https://opendata.moers.de", 9});
    EXPECT_EQ(m_store.find("https://x/d1")->dataset.display_title(), "A");
    EXPECT_EQ(query_text("SELECT title FROM datasets"), "A");
}

TEST_F(StoreDuplicateTest, OtherSourceTakesOverWhenTheWinnerDropsItsRecord) {
    for (int i = 0; i < 10; ++i) {
        const std::string n = std::to_string(i);
        m_store.upsert(m_source, m_run_a,
                       make_record({.key = "a" + n, .iri = "https://x/" + n, .title = "A", .modified = "2024-01-01"}));
        m_store.upsert(m_other, m_run_b,
                       make_record({.key = "b" + n, .iri = "https://x/" + n, .title = "B", .modified = "2024-06-01"}));
    }
    finish(m_run_a);
    finish(m_run_b);
    const auto d0 = m_store.find("https://x/0");
    ASSERT_EQ(d0->dataset.display_title(), "B");
    const auto run = full_run(m_other);
    for (int i = 1; i < 10; ++i) {
        const std::string n = std::to_string(i);
        m_store.upsert(m_other, run,
                       make_record({.key = "b" + n, .iri = "https://x/" + n, .title = "B", .modified = "2024-06-01"}));
    }
    const auto result = m_store.retract_unseen(m_other, run, 0.10);
    EXPECT_EQ(result.deleted, 1);
    EXPECT_EQ(result.deprecated, 0);
    const auto after = m_store.find("https://x/0");
    ASSERT_TRUE(after);
    EXPECT_EQ(after->id, d0->id);
    EXPECT_EQ(after->status, RecordStatus::active);
    EXPECT_EQ(after->dataset.display_title(), "A");
    EXPECT_EQ(after->sources, std::vector<std::string>{"moers"});
    EXPECT_EQ(m_store.count_datasets(RecordStatus::active), 10);
}

TEST_F(StoreDuplicateTest, ChangedIriMovesTheLinkToItsDataset) {
    m_store.upsert(m_source, m_run_a, make_record({.key = "a1", .iri = "https://x/old", .title = "A"}));
    m_store.upsert(m_other, m_run_b, make_record({.key = "b1", .iri = "https://x/new", .title = "B"}));
    ASSERT_EQ(m_store.count_datasets(RecordStatus::active), 2);
    m_store.upsert(m_source, m_run_a, make_record({.key = "a1", .iri = "https://x/new", .title = "A"}));
    EXPECT_EQ(m_store.count_datasets(RecordStatus::active), 1);
    EXPECT_EQ(m_store.count_datasets(RecordStatus::deprecated), 1);
    EXPECT_EQ(m_store.find("https://x/new")->sources, (std::vector<std::string>{"moers", "nrw"}));
}

// ------------------------------------------------------------------ runs

TEST_F(StoreTest, SecondLiveRunOfOneSourceIsRefused) {
    const auto run = full_run(m_source);
    try {
        full_run(m_source);
        FAIL() << "two runs of one source";
    } catch (const StoreError& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("\"moers\""), std::string::npos) << message;
        EXPECT_NE(message.find(std::to_string(::getpid())), std::string::npos) << message;
    }
    // Another connection (another process would look the same) is refused too.
    Store second(m_file);
    EXPECT_THROW(second.begin_run(m_source, RunMode::incremental), StoreError);
    // Other sources are not affected.
    const auto other = m_store.ensure_source({"other", "ckan", "https://other.example", 0});
    EXPECT_NO_THROW(full_run(other));
    m_store.finish_run(run, RunStatus::failed, {}, "listing failed");
    EXPECT_NO_THROW(second.begin_run(m_source, RunMode::full));
}

using testsupport::run_in_dead_process;

TEST_F(StoreTest, RunOfDeadProcessIsMarkedInterrupted) {
    const pid_t dead = run_in_dead_process(m_file, m_source);
    const auto left = m_store.last_run(m_source);
    ASSERT_TRUE(left);
    EXPECT_EQ(left->status, RunStatus::running);

    const auto run = full_run(m_source);
    const auto old = m_store.run(left->id);
    EXPECT_EQ(old->status, RunStatus::interrupted);
    EXPECT_FALSE(old->finished.empty());
    EXPECT_NE(old->message.find(std::to_string(dead)), std::string::npos) << old->message;
    EXPECT_EQ(m_store.run(run)->status, RunStatus::running);
}

TEST_F(StoreTest, ARunOfAKilledProcessNotYetWaitedForIsInterrupted) {
    const pid_t child = ::fork();
    if (child == 0) {
        try {
            Store store(m_file);
            store.begin_run(m_source, RunMode::full);
        } catch (...) {
            ::_exit(1);
        }
        ::_exit(0);
    }
    // Until this process waits for it, the child is a zombie: kill() still finds it.
    const auto zombie = [&] {
        std::ifstream stat("/proc/" + std::to_string(child) + "/stat");
        std::string line;
        std::getline(stat, line);
        const auto close = line.rfind(')');
        return close != std::string::npos && close + 2 < line.size() && line[close + 2] == 'Z';
    };
    for (int i = 0; i < 500 && !zombie(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    ASSERT_TRUE(zombie());
    ASSERT_EQ(::kill(child, 0), 0);
    const auto marked = m_store.mark_interrupted_runs();
    int status = 0;
    ::waitpid(child, &status, 0);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    ASSERT_EQ(marked.size(), 1u);
    EXPECT_EQ(m_store.last_run(m_source)->status, RunStatus::interrupted);
}

TEST_F(StoreTest, MarkInterruptedRunsLeavesLiveRunsAlone) {
    const auto other = m_store.ensure_source({"other", "ckan", "https://other.example", 0});
    run_in_dead_process(m_file, other);
    const auto live = full_run(m_source);
    const auto marked = m_store.mark_interrupted_runs();
    ASSERT_EQ(marked.size(), 1u);
    EXPECT_EQ(marked[0].source, "other");
    EXPECT_TRUE(m_store.mark_interrupted_runs().empty());
    EXPECT_EQ(m_store.run(live)->status, RunStatus::running);
    EXPECT_EQ(m_store.last_run(other)->status, RunStatus::interrupted);
}

// keep_run_errors: old runs lose their errors and warnings, not their rows;
// the newest run of each source keeps its own, however old.
TEST_F(StoreTest, ErrorsOfOldRunsAreForgotten) {
    auto now = at(2026, 1, 1);
    m_store.set_clock([&] { return now; });
    const auto other = m_store.ensure_source({"other", "dcat", "https://other.example", 0});
    auto run_with_errors = [&](std::int64_t source, int errors) {
        const auto run = full_run(source);
        for (int i = 0; i < errors; ++i)
            m_store.add_error(run, {.stage = i == 0 ? "warning" : "normalize", .message = "m" + std::to_string(i)});
        m_store.finish_run(run, RunStatus::partial, {.errors = errors}, "");
        return run;
    };
    const auto old_moers = run_with_errors(m_source, 3);
    const auto only_other = run_with_errors(other, 2);  // the newest run of its source
    now = at(2026, 3, 1);
    const auto recent_moers = run_with_errors(m_source, 1);
    now = at(2026, 3, 10);
    const auto running = full_run(m_source);  // not finished: kept whatever happens
    m_store.add_error(running, {.stage = "fetch", .message = "timeout"});

    EXPECT_EQ(m_store.forget_run_errors(std::chrono::days(90)), 0);  // nothing that old
    EXPECT_EQ(m_store.forget_run_errors(std::chrono::days(30)), 3);
    EXPECT_TRUE(m_store.errors(std::nullopt, old_moers, 0).empty());
    EXPECT_EQ(m_store.errors(std::nullopt, only_other, 0).size(), 2u);
    EXPECT_EQ(m_store.errors(std::nullopt, recent_moers, 0).size(), 1u);
    EXPECT_EQ(m_store.errors(std::nullopt, running, 0).size(), 1u);
    ASSERT_TRUE(m_store.run(old_moers));
    EXPECT_EQ(m_store.run(old_moers)->counts.errors, 3);  // the run says how many there were
    EXPECT_EQ(m_store.forget_run_errors(std::chrono::days(30)), 0);
}

TEST_F(StoreTest, RunsAndErrorsAreListedNewestFirst) {
    m_store.set_clock([] { return at(2026, 11, 22) + 2h; });
    const auto other = m_store.ensure_source({"other", "dcat", "https://other.example", 0});
    const auto r1 = full_run(m_source);
    m_store.finish_run(r1, RunStatus::succeeded, {.added = 3, .pages = 1}, "");
    const auto r2 = m_store.begin_run(other, RunMode::incremental, "2026-11-01T00:00:00Z");
    m_store.add_error(r2, {.stage = "parse", .object_id = "p1", .url = "https://other.example/page1",
                           .place = "line 3, column 7", .message = "unexpected token",
                           .fragment = std::string(5000, 'x')});
    m_store.finish_run(r2, RunStatus::partial, {.updated = 2, .errors = 1}, "1 page could not be parsed");
    const auto r3 = full_run(m_source);
    m_store.add_error(r3, {.stage = "normalize", .object_id = "k9", .message = "no title"});
    m_store.add_error(r3, {.stage = "warning", .message = "IRI percent-encoded"});
    m_store.add_error(r3, {.stage = "fetch", .url = "https://opendata.moers.de/x", .message = "timeout"});

    const auto all = m_store.runs(std::nullopt, 0);
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[0].id, r3);
    EXPECT_EQ(all[2].id, r1);
    EXPECT_EQ(all[2].started, "2026-11-22T02:00:00Z");
    EXPECT_EQ(all[2].counts, (RunCounts{.added = 3, .pages = 1}));
    EXPECT_EQ(all[1].status, RunStatus::partial);
    EXPECT_EQ(all[1].message, "1 page could not be parsed");
    EXPECT_EQ(all[1].source, "other");
    EXPECT_TRUE(all[0].finished.empty());
    EXPECT_EQ(m_store.runs("moers", 1).size(), 1u);
    EXPECT_EQ(m_store.runs("moers", -1).size(), 2u);
    EXPECT_TRUE(m_store.runs("nobody", 0).empty());
    EXPECT_EQ(m_store.last_run(m_source, RunStatus::succeeded)->id, r1);
    EXPECT_FALSE(m_store.last_run(m_source, RunStatus::failed));
    EXPECT_EQ(m_store.last_run(other, std::nullopt, RunMode::incremental)->id, r2);

    // Newest first, errors before warnings: a run's warnings never hide its errors.
    const auto errors = m_store.errors(std::nullopt, std::nullopt, 0);
    ASSERT_EQ(errors.size(), 4u);
    EXPECT_EQ(errors[0].stage, "fetch");
    EXPECT_EQ(errors[1].stage, "normalize");
    EXPECT_EQ(errors[2].source, "other");
    EXPECT_EQ(errors[2].place, "line 3, column 7");
    EXPECT_EQ(errors[2].created, "2026-11-22T02:00:00Z");
    EXPECT_EQ(errors[2].fragment, std::string(4096, 'x'));
    EXPECT_EQ(errors[3].stage, "warning");
    EXPECT_EQ(m_store.errors("moers", std::nullopt, 0).size(), 3u);
    EXPECT_EQ(m_store.errors("moers", std::nullopt, 2).back().stage, "normalize");
    EXPECT_EQ(m_store.errors(std::nullopt, r2, 0).size(), 1u);
    EXPECT_TRUE(m_store.errors("moers", r2, 0).empty());

    const auto sources = m_store.sources();
    ASSERT_EQ(sources.size(), 2u);
    EXPECT_EQ(sources[0].info.name, "moers");
    EXPECT_EQ(sources[0].last_run->id, r3);
    EXPECT_EQ(sources[0].last_success->id, r1);
    EXPECT_EQ(sources[1].info.type, "dcat");
    EXPECT_FALSE(sources[1].last_success);
}

TEST_F(StoreTest, FragmentIsCutAtACharacterBoundary) {
    const auto run = full_run(m_source);
    std::string fragment(4095, 'a');
    fragment += "ü";  // two bytes across the 4 KiB limit
    m_store.add_error(run, {.stage = "parse", .message = "m", .fragment = fragment});
    EXPECT_EQ(m_store.errors(std::nullopt, run, 0)[0].fragment, std::string(4095, 'a'));
}

TEST_F(StoreTest, SourcesAreUpdatedByName) {
    const auto again = m_store.ensure_source({"moers", "dcat", "https://new.moers.de", 3});
    EXPECT_EQ(again, m_source);
    const auto sources = m_store.sources();
    ASSERT_EQ(sources.size(), 1u);
    EXPECT_EQ(sources[0].info.url, "https://new.moers.de");
    EXPECT_EQ(sources[0].info.priority, 3);
    EXPECT_FALSE(m_store.source_id("nobody"));
    EXPECT_THROW(m_store.ensure_source({"Bad Name", "ckan", "https://x", 0}), std::invalid_argument);
}

// ------------------------------------------------------------------ reading

TEST_F(StoreTest, FindByEveryKey) {
    const auto run = full_run(m_source);
    m_store.upsert(m_source, run,
                   make_record({.key = "ckan-id-1", .iri = "https://x/iri", .identifier = "DE-ID-1", .title = "T"}));
    const auto by_iri = m_store.find("https://x/iri");
    ASSERT_TRUE(by_iri);
    EXPECT_EQ(by_iri->iri, "https://x/iri");
    EXPECT_EQ(m_store.find(std::to_string(by_iri->id))->id, by_iri->id);
    EXPECT_EQ(m_store.find("DE-ID-1")->id, by_iri->id);
    EXPECT_EQ(m_store.find("ckan-id-1")->id, by_iri->id);
    EXPECT_EQ(m_store.find("name-ckan-id-1")->id, by_iri->id);
    EXPECT_EQ(by_iri->first_seen, by_iri->last_changed);
    EXPECT_FALSE(m_store.find("nothing"));
    EXPECT_FALSE(m_store.find("424242"));
    EXPECT_FALSE(m_store.find(""));
}

TEST_F(StoreTest, FindPrefersActiveDatasets) {
    // Two datasets share an identifier; the first one becomes deprecated.
    harvest(m_source, 19, "filler");
    const auto run = full_run(m_source);
    m_store.upsert(m_source, run, make_record({.key = "old", .iri = "https://x/old", .identifier = "shared"}));
    finish(run);
    const auto run2 = full_run(m_source);
    for (int i = 0; i < 19; ++i) m_store.upsert(m_source, run2, make_record("filler" + std::to_string(i)));
    m_store.upsert(m_source, run2, make_record({.key = "new", .iri = "https://x/new", .identifier = "shared-other"}));
    ASSERT_EQ(m_store.retract_unseen(m_source, run2, 0.10).deprecated, 1);
    m_store.upsert(m_source, run2, make_record({.key = "new", .iri = "https://x/new", .identifier = "shared"}));
    const auto found = m_store.find("shared");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->iri, "https://x/new");
    EXPECT_EQ(found->status, RecordStatus::active);
}

TEST_F(StoreTest, ForEachDatasetFilters) {
    const auto other = m_store.ensure_source({"other", "ckan", "https://other.example", 0});
    const auto run = full_run(m_source);
    const auto run_o = full_run(other);
    for (int i = 0; i < 5; ++i) {
        m_store.upsert(m_source, run, make_record({.key = "m" + std::to_string(i), .iri = "https://m/" + std::to_string(i),
                                                   .publisher = "moers"}));
    }
    for (int i = 0; i < 3; ++i) {
        m_store.upsert(other, run_o, make_record({.key = "o" + std::to_string(i), .iri = "https://o/" + std::to_string(i),
                                                  .publisher = "kreis"}));
    }
    auto collect = [&](const DatasetFilter& filter) {
        std::vector<std::int64_t> ids;
        m_store.for_each_dataset(filter, [&](const CatalogRecord& r) { ids.push_back(r.id); });
        return ids;
    };
    const auto all = collect({});
    EXPECT_EQ(all.size(), 8u);
    EXPECT_TRUE(std::is_sorted(all.begin(), all.end()));
    EXPECT_EQ(collect({.source = "other"}).size(), 3u);
    EXPECT_EQ(collect({.source = "nobody"}).size(), 0u);
    EXPECT_EQ(collect({.publisher = "moers"}).size(), 5u);
    EXPECT_EQ(collect({.publisher = "https://example.org/org/kreis"}).size(), 3u);
    EXPECT_EQ(collect({.source = "moers", .publisher = "kreis"}).size(), 0u);

    // Withdraw one of "other": excluded unless asked for.
    m_store.finish_run(run_o, RunStatus::succeeded, {}, "");
    const auto run_o2 = full_run(other);
    m_store.upsert(other, run_o2, make_record({.key = "o1", .iri = "https://o/1", .publisher = "kreis"}));
    m_store.upsert(other, run_o2, make_record({.key = "o2", .iri = "https://o/2", .publisher = "kreis"}));
    ASSERT_EQ(m_store.retract_unseen(other, run_o2, 0.5).deprecated, 1);
    EXPECT_EQ(collect({}).size(), 8u);  // deprecated datasets are still listed
    EXPECT_EQ(collect({.source = "other"}).size(), 2u);  // but no longer from that source
    EXPECT_EQ(m_store.withdraw_expired(0s), 1);
    EXPECT_EQ(collect({}).size(), 7u);
    EXPECT_EQ(collect({.include_withdrawn = true}).size(), 8u);

    // The visitor may read from the store while the listing runs.
    int nested = 0;
    m_store.for_each_dataset({}, [&](const CatalogRecord& r) {
        const auto again = m_store.find(std::to_string(r.id));
        if (again && again->id == r.id) ++nested;
        m_store.for_each_dataset({.source = "moers"}, [](const CatalogRecord&) {});
    });
    EXPECT_EQ(nested, 7);
}

TEST_F(StoreTest, DatasetSlicesAndCountsFollowTheFilter) {
    auto now = at(2026, 11, 1);
    m_store.set_clock([&] { return now; });
    const auto run = full_run(m_source);
    for (int i = 0; i < 7; ++i) {
        if (i == 4) now = at(2026, 11, 20);
        m_store.upsert(m_source, run, make_record({.key = "k" + std::to_string(i), .iri = "https://m/" + std::to_string(i),
                                                   .publisher = i % 2 == 0 ? "even" : "odd"}));
    }
    finish(run);
    auto slice = [&](const DatasetFilter& filter, DatasetSlice s) {
        std::vector<std::string> iris;
        m_store.for_each_dataset(filter, s, [&](const CatalogRecord& r) { iris.push_back(r.iri); });
        return iris;
    };
    using Iris = std::vector<std::string>;
    EXPECT_EQ(slice({}, {.offset = 0, .limit = 3}), (Iris{"https://m/0", "https://m/1", "https://m/2"}));
    EXPECT_EQ(slice({}, {.offset = 3, .limit = 3}), (Iris{"https://m/3", "https://m/4", "https://m/5"}));
    EXPECT_EQ(slice({}, {.offset = 6, .limit = 3}), (Iris{"https://m/6"}));
    EXPECT_TRUE(slice({}, {.offset = 9, .limit = 3}).empty());
    EXPECT_EQ(slice({}, {.offset = 5}), (Iris{"https://m/5", "https://m/6"}));
    EXPECT_EQ(slice({.publisher = "odd"}, {.offset = 1, .limit = 5}), (Iris{"https://m/3", "https://m/5"}));
    EXPECT_EQ(m_store.count_datasets(DatasetFilter{}), 7);
    EXPECT_EQ(m_store.count_datasets(DatasetFilter{.publisher = "even"}), 4);
    EXPECT_EQ(m_store.count_datasets(DatasetFilter{.source = "nobody"}), 0);

    // Changed since: a date, or a time in UTC, compared with the record's last change.
    EXPECT_EQ(m_store.count_datasets(DatasetFilter{.changed_since = "2026-11-20"}), 3);
    EXPECT_EQ(m_store.count_datasets(DatasetFilter{.changed_since = "2026-11-20T00:00:01Z"}), 0);
    EXPECT_EQ(m_store.count_datasets(DatasetFilter{.changed_since = "2026-10-01"}), 7);
    EXPECT_EQ(slice({.changed_since = "2026-11-20"}, {.offset = 0, .limit = 2}), (Iris{"https://m/4", "https://m/5"}));

    // A status change is a change: the deprecated dataset is listed as changed.
    now = at(2026, 11, 21);
    const auto again = full_run(m_source);
    for (int i = 1; i < 7; ++i) {
        m_store.upsert(m_source, again, make_record({.key = "k" + std::to_string(i), .iri = "https://m/" + std::to_string(i),
                                                     .publisher = i % 2 == 0 ? "even" : "odd"}));
    }
    ASSERT_EQ(m_store.retract_unseen(m_source, again, 0.5).deprecated, 1);
    EXPECT_EQ(slice({.changed_since = "2026-11-21"}, {}), (Iris{"https://m/0"}));
}

TEST_F(StoreTest, SlicesFromPositionsAreTheSlicesFromTheStart) {
    // 23 datasets, every third withdrawn or from another publisher: the
    // milestones must count only what the filter selects.
    const auto run = full_run(m_source);
    for (int i = 0; i < 23; ++i) {
        m_store.upsert(m_source, run, make_record({.key = "k" + std::to_string(i), .iri = "https://m/" + std::to_string(i),
                                                   .publisher = i % 3 == 1 ? "other" : "moers"}));
    }
    finish(run);
    const auto again = full_run(m_source);
    for (int i = 0; i < 23; ++i) {
        if (i % 5 == 2) continue;
        m_store.upsert(m_source, again, make_record({.key = "k" + std::to_string(i), .iri = "https://m/" + std::to_string(i),
                                                     .publisher = i % 3 == 1 ? "other" : "moers"}));
    }
    ASSERT_GT(m_store.retract_unseen(m_source, again, 1.0).deprecated, 0);
    finish(again);
    ASSERT_GT(m_store.withdraw_expired(0s), 0);

    auto ids = [&](const DatasetFilter& filter, const DatasetSlice& s) {
        std::vector<std::int64_t> out;
        m_store.for_each_dataset(filter, s, [&](const CatalogRecord& r) { out.push_back(r.id); });
        return out;
    };
    for (const DatasetFilter& filter : {DatasetFilter{}, DatasetFilter{.publisher = "moers"}}) {
        for (const std::int64_t stride : {1, 3, 4, 64}) {
            const DatasetPositions positions = m_store.dataset_positions(filter, stride);
            EXPECT_EQ(positions.count, m_store.count_datasets(filter));
            ASSERT_EQ(positions.milestones.size(), static_cast<std::size_t>((positions.count + stride - 1) / stride));
            for (std::int64_t offset = 0; offset <= positions.count + 1; ++offset) {
                for (const std::int64_t limit : {1, 2, 5}) {
                    const DatasetSlice from_milestone = positions.slice(offset, limit);
                    if (offset < positions.count) {
                        EXPECT_LT(from_milestone.offset, stride);
                    }
                    EXPECT_EQ(ids(filter, from_milestone), ids(filter, DatasetSlice{offset, limit}))
                        << "publisher " << filter.publisher.value_or("(any)") << ", stride " << stride << ", offset "
                        << offset << ", limit " << limit;
                }
            }
        }
    }
}

// ------------------------------------------------------------------ page memos

TEST_F(StoreTest, PageMemoRoundTrip) {
    EXPECT_FALSE(m_store.page_memo(m_source, "https://x/page1"));
    PageMemo memo{"https://x/page1", "\"abc\"", "Sat, 21 Nov 2026 10:00:00 GMT", "00ff",
                  {"k1", "k\"2", "Bäume/3", ""}, 1234};
    m_store.remember_page(m_source, memo);
    auto back = m_store.page_memo(m_source, "https://x/page1");
    ASSERT_TRUE(back);
    EXPECT_EQ(back->url, memo.url);
    EXPECT_EQ(back->etag, memo.etag);
    EXPECT_EQ(back->last_modified, memo.last_modified);
    EXPECT_EQ(back->body_hash, memo.body_hash);
    EXPECT_EQ(back->keys, memo.keys);
    EXPECT_EQ(back->total, 1234);
    memo.etag = "\"def\"";
    memo.keys = {"k4"};
    memo.total = -1;
    m_store.remember_page(m_source, memo);
    back = m_store.page_memo(m_source, "https://x/page1");
    EXPECT_EQ(back->etag, "\"def\"");
    EXPECT_EQ(back->keys, std::vector<std::string>{"k4"});
    EXPECT_EQ(back->total, -1);
    const auto other = m_store.ensure_source({"other", "ckan", "https://other.example", 0});
    EXPECT_FALSE(m_store.page_memo(other, "https://x/page1"));
}

// ------------------------------------------------------------------ link checks

namespace {
LinkCheckResult link_result(const std::string& url, LinkOutcome outcome, long status = 0) {
    LinkCheckResult r;
    r.url = url;
    r.outcome = outcome;
    r.status = status;
    if (outcome == LinkOutcome::broken) {
        r.failure = status == 0 ? "timeout" : "";
        r.reason = status == 0 ? "HEAD timed out" : "the server answered HTTP " + std::to_string(status);
    }
    if (outcome == LinkOutcome::not_checked) r.reason = "robots.txt disallows it";
    return r;
}
}  // namespace

TEST_F(StoreTest, LinkCheckStreakFields) {
    auto now = at(2026, 11, 1) + 2h;
    m_store.set_clock([&] { return now; });
    const std::string url = "https://example.org/a.csv";
    EXPECT_FALSE(m_store.link_check(url));

    m_store.record_link_check(link_result(url, LinkOutcome::broken));
    auto row = m_store.link_check(url);
    ASSERT_TRUE(row);
    EXPECT_EQ(row->outcome(), LinkOutcome::broken);
    EXPECT_EQ(row->checked, "2026-11-01T02:00:00Z");
    EXPECT_EQ(row->first_failure, "2026-11-01T02:00:00Z");
    EXPECT_EQ(row->last_success, "");
    EXPECT_EQ(row->consecutive_failures, 1);
    EXPECT_EQ(row->failure, "timeout");
    EXPECT_EQ(row->error, "HEAD timed out");

    now += 24h;
    m_store.record_link_check(link_result(url, LinkOutcome::broken, 404));
    row = m_store.link_check(url);
    EXPECT_EQ(row->checked, "2026-11-02T02:00:00Z");
    EXPECT_EQ(row->first_failure, "2026-11-01T02:00:00Z");  // the streak began with the first failure
    EXPECT_EQ(row->consecutive_failures, 2);
    EXPECT_EQ(row->status, 404);
    EXPECT_EQ(row->failure, "");

    now += 24h;
    LinkCheckResult ok = link_result(url, LinkOutcome::ok, 200);
    ok.content_type = "text/csv; charset=utf-8";
    ok.size = 1234;
    ok.final_url = "https://cdn.example.org/a.csv";
    m_store.record_link_check(ok);
    row = m_store.link_check(url);
    EXPECT_EQ(row->outcome(), LinkOutcome::ok);
    EXPECT_EQ(row->first_failure, "");
    EXPECT_EQ(row->last_success, "2026-11-03T02:00:00Z");
    EXPECT_EQ(row->consecutive_failures, 0);
    EXPECT_EQ(row->status, 200);
    EXPECT_EQ(row->content_type, "text/csv; charset=utf-8");
    EXPECT_EQ(row->size, 1234);
    EXPECT_EQ(row->final_url, "https://cdn.example.org/a.csv");
    EXPECT_EQ(row->error, "");

    // A new streak starts afresh; the last success stays.
    now += 24h;
    m_store.record_link_check(link_result(url, LinkOutcome::broken, 500));
    row = m_store.link_check(url);
    EXPECT_EQ(row->first_failure, "2026-11-04T02:00:00Z");
    EXPECT_EQ(row->consecutive_failures, 1);
    EXPECT_EQ(row->last_success, "2026-11-03T02:00:00Z");
    EXPECT_FALSE(row->size);
}

TEST_F(StoreTest, NotCheckedIsNeitherOkNorBrokenAndKeepsTheVerdict) {
    auto now = at(2026, 11, 1);
    m_store.set_clock([&] { return now; });
    m_store.record_link_check(link_result("https://a.example/x", LinkOutcome::not_checked));
    auto row = m_store.link_check("https://a.example/x");
    ASSERT_TRUE(row);
    EXPECT_EQ(row->outcome(), LinkOutcome::not_checked);
    EXPECT_EQ(row->not_checked, "robots.txt disallows it");
    EXPECT_EQ(row->checked, "");
    EXPECT_EQ(row->consecutive_failures, 0);

    m_store.record_link_check(link_result("https://b.example/y", LinkOutcome::ok, 200));
    now += 24h;
    m_store.record_link_check(link_result("https://b.example/y", LinkOutcome::not_checked));
    row = m_store.link_check("https://b.example/y");
    EXPECT_EQ(row->outcome(), LinkOutcome::ok);
    EXPECT_EQ(row->checked, "2026-11-01T00:00:00Z");
    EXPECT_EQ(row->attempted, "2026-11-02T00:00:00Z");
    EXPECT_EQ(row->not_checked, "robots.txt disallows it");
    // The next verdict clears the note.
    m_store.record_link_check(link_result("https://b.example/y", LinkOutcome::broken, 404));
    row = m_store.link_check("https://b.example/y");
    EXPECT_EQ(row->not_checked, "");
    EXPECT_EQ(row->first_failure, "2026-11-02T00:00:00Z");
    EXPECT_THROW(m_store.record_link_check(LinkCheckResult{}), std::invalid_argument);
}

TEST_F(StoreTest, DueLinkUrlsByAge) {
    auto now = at(2026, 11, 1);
    m_store.set_clock([&] { return now; });
    m_store.record_link_check(link_result("https://x/old", LinkOutcome::ok, 200));
    now += 5 * 24h;
    m_store.record_link_check(link_result("https://x/recent", LinkOutcome::broken, 404));
    m_store.record_link_check(link_result("https://x/robots", LinkOutcome::not_checked));
    now += 3 * 24h;
    const std::vector<std::string> urls = {"https://x/new", "https://x/recent", "https://x/old", "https://x/robots"};
    // 8 days after the first check, 3 after the second: with 7 days only the old, new and never-checked are due.
    EXPECT_EQ(m_store.due_link_urls(urls, std::chrono::days(7)),
              (std::vector<std::string>{"https://x/new", "https://x/old", "https://x/robots"}));
    EXPECT_EQ(m_store.due_link_urls(urls, std::chrono::days(1)),
              (std::vector<std::string>{"https://x/new", "https://x/recent", "https://x/old", "https://x/robots"}));
    EXPECT_EQ(m_store.due_link_urls(urls, std::chrono::days(30)),
              (std::vector<std::string>{"https://x/new", "https://x/robots"}));
    EXPECT_TRUE(m_store.due_link_urls({}, std::chrono::days(7)).empty());

    const auto rows = m_store.link_checks(urls);
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0].url, "https://x/old");
    EXPECT_EQ(rows[1].url, "https://x/recent");
    EXPECT_EQ(rows[1].outcome(), LinkOutcome::broken);
    EXPECT_EQ(rows[2].outcome(), LinkOutcome::not_checked);
}

TEST_F(StoreTest, DistributionUrlsAreEveryUrlOfActiveDatasets) {
    const auto run = full_run(m_source);
    SourceRecord a = make_record("a");  // https://example.org/a/0.csv
    a.dataset.distributions[0].access_urls.push_back("https://example.org/a/second.csv");
    a.dataset.distributions[0].download_urls = {"https://example.org/a/download.csv", "https://example.org/a/0.csv"};
    a.raw = model::to_json(a.dataset);
    a.content_hash = content_hash(a.raw);
    m_store.upsert(m_source, run, a);
    m_store.upsert(m_source, run, make_record(RecordSpec{.key = "b", .iri = "https://example.org/dataset/b",
                                                         .distributions = 2}));
    m_store.upsert(m_source, run, make_record(RecordSpec{.key = "none", .iri = "https://example.org/dataset/none",
                                                         .distributions = 0}));
    finish(run);
    const auto other = m_store.ensure_source({"other", "ckan", "https://other.example", 0});
    const auto other_run = full_run(other);
    m_store.upsert(other, other_run, make_record("c"));
    finish(other_run);

    EXPECT_EQ(m_store.distribution_urls(),
              (std::vector<std::string>{"https://example.org/a/0.csv", "https://example.org/a/download.csv",
                                        "https://example.org/a/second.csv", "https://example.org/b/0.csv",
                                        "https://example.org/b/1.csv", "https://example.org/c/0.csv"}));
    EXPECT_EQ(m_store.distribution_urls({"other"}), std::vector<std::string>{"https://example.org/c/0.csv"});
    EXPECT_EQ(m_store.distribution_urls({"other", "moers"}).size(), 6u);
    EXPECT_TRUE(m_store.distribution_urls({"nowhere"}).empty());

    // A dataset that left its source is no longer checked.
    const auto run2 = full_run(other);
    EXPECT_EQ(m_store.retract_unseen(other, run2, 1.0).deprecated, 1);
    EXPECT_EQ(m_store.distribution_urls().size(), 5u);
    EXPECT_TRUE(m_store.distribution_urls({"other"}).empty());
}

// ------------------------------------------------------------------ throughput

namespace {
SourceRecord realistic_record(int i, std::mt19937& random) {
    RecordSpec spec{.key = "pkg-" + std::to_string(i), .iri = "https://opendata.example.de/dataset/" + std::to_string(i),
                    .identifier = "DE-NW-" + std::to_string(i), .title = "Baumkataster " + std::to_string(i),
                    .modified = "2026-11-0" + std::to_string(1 + i % 9), .publisher = "stadt-" + std::to_string(i % 40),
                    .distributions = 3};
    SourceRecord r = make_record(spec);
    std::string description;
    while (description.size() < 1200) description += "Standorte und Arten der städtischen Bäume " + std::to_string(random()) + ". ";
    r.dataset.description = {{description, "de"}};
    r.dataset.keywords = {{"Bäume", "de"}, {"Umwelt", "de"}, {"Stadtgrün", "de"}};
    r.raw = model::to_json(r.dataset);
    r.content_hash = content_hash(r.raw);
    return r;
}
}  // namespace

TEST(StoreThroughput, UpsertsPerSecond) {
    TempDir dir;
    Store store(dir.path() / "bench.db");
    const auto source = store.ensure_source({"bench", "ckan", "https://bench.example", 0});
    constexpr int n = 20000;
    constexpr int page = 1000;
    std::mt19937 random(42);
    std::vector<SourceRecord> records;
    records.reserve(n);
    std::size_t bytes = 0;
    for (int i = 0; i < n; ++i) {
        records.push_back(realistic_record(i, random));
        bytes += records.back().raw.size() + model::to_json(records.back().dataset).size();
    }
    struct Rate {
        double wall;  // upserts per second of elapsed time
        double cpu;   // upserts per second of this process's CPU time (less noisy on a busy machine)
    };
    auto pass = [&](UpsertOutcome expected) {
        const auto run = store.begin_run(source, RunMode::full);
        const auto start = std::chrono::steady_clock::now();
        const std::clock_t cpu_start = std::clock();
        for (int first = 0; first < n; first += page) {
            Store::Transaction tx(store);
            for (int i = first; i < first + page; ++i) EXPECT_EQ(store.upsert(source, run, records[i]), expected);
            tx.commit();
        }
        const double cpu = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
        const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - start;
        store.finish_run(run, RunStatus::succeeded, {}, "");
        return Rate{n / wall.count(), n / cpu};
    };
    const Rate added = pass(UpsertOutcome::added);
    const Rate unchanged = pass(UpsertOutcome::unchanged);
    std::printf("[ throughput ] %d records, %.1f KB each (record JSON + raw), pages of %d:\n"
                "[ throughput ] added     %8.0f upserts/s (%8.0f per CPU second)\n"
                "[ throughput ] unchanged %8.0f upserts/s (%8.0f per CPU second)\n",
                n, static_cast<double>(bytes) / n / 1024.0, page, added.wall, added.cpu, unchanged.wall,
                unchanged.cpu);
    EXPECT_EQ(store.count_datasets(RecordStatus::active), n);
}

// ------------------------------------------------------------------ quality scores

namespace {

/// The assessment of a record without distributions whose dataset-level
/// indicators `passing` pass (30 points each for the ones used here) and
/// whose others fail.
quality::Assessment assessment(std::vector<quality::Indicator> passing, std::vector<std::string> rules = {}) {
    quality::Assessment a;
    for (const quality::IndicatorDefinition& def : quality::mqa_indicators()) {
        quality::IndicatorResult& r = a.score.indicators[static_cast<std::size_t>(def.indicator)];
        r.indicator = def.indicator;
        if (def.level == quality::Level::distribution) {
            r.passed = false;  // no distribution: no points
            r.distributions = quality::Share{};
            continue;
        }
        r.passed = std::find(passing.begin(), passing.end(), def.indicator) != passing.end();
        r.points = *r.passed ? def.true_score : def.false_score;
        a.score.dimensions[static_cast<std::size_t>(def.dimension)] += r.points;
        a.score.total += r.points;
    }
    a.score.rating = quality::rating_for(a.score.total);
    for (auto& rule : rules) {
        quality::Finding f;
        f.rule = std::move(rule);
        f.message_en = "message";
        a.findings.push_back(std::move(f));
    }
    return a;
}

}  // namespace

TEST_F(StoreTest, UpsertSaysWhereTheRecordWent) {
    const std::int64_t run = full_run(m_source);
    UpsertPlace added, unchanged, updated;
    EXPECT_EQ(m_store.upsert(m_source, run, make_record("a"), &added), UpsertOutcome::added);
    EXPECT_GT(added.dataset_id, 0);
    EXPECT_GT(added.version_id, 0);
    EXPECT_EQ(m_store.upsert(m_source, run, make_record("a"), &unchanged), UpsertOutcome::unchanged);
    EXPECT_EQ(unchanged.dataset_id, added.dataset_id);
    EXPECT_EQ(unchanged.version_id, added.version_id);
    EXPECT_EQ(m_store.upsert(m_source, run, make_record("a", "Bäume 2024"), &updated), UpsertOutcome::updated);
    EXPECT_EQ(updated.dataset_id, added.dataset_id);
    EXPECT_NE(updated.version_id, added.version_id);
    EXPECT_EQ(m_store.find("https://example.org/dataset/a")->version_id, updated.version_id);
}

// The trend counts what scored_datasets lists: active records, data
// services only once assessed; the mean is over the scored ones.
TEST_F(StoreTest, QualityTrendCountsActiveRecordsAndAssessedDataServices) {
    const std::int64_t run = full_run(m_source);
    UpsertPlace a, service;
    m_store.upsert(m_source, run, make_record(RecordSpec{.key = "a", .iri = "https://example.org/a",
                                                         .publisher = "Stadt Moers"}),
                   &a);
    m_store.upsert(m_source, run, make_record(RecordSpec{.key = "b", .iri = "https://example.org/b",
                                                         .publisher = "Stadt Moers"}));
    m_store.upsert(m_source, run, make_record(RecordSpec{.key = "c", .iri = "https://example.org/c"}));
    auto api = make_record(RecordSpec{.key = "api", .iri = "https://example.org/api", .publisher = "Stadt Moers"});
    api.dataset.type = model::ResourceType::data_service;
    m_store.upsert(m_source, run, api, &service);
    using quality::Indicator;
    m_store.record_score({a.dataset_id, a.version_id, run, assessment({Indicator::category_availability})});
    finish(run);
    m_store.record_quality_trend(run);
    auto catalogue = m_store.quality_trend(std::nullopt, 30);
    ASSERT_EQ(catalogue.size(), 1u);
    EXPECT_EQ(catalogue[0].datasets, 3);
    EXPECT_EQ(catalogue[0].scored, 1);
    EXPECT_DOUBLE_EQ(catalogue[0].mean, 30.0);
    auto moers = m_store.quality_trend(std::string("Stadt Moers"), 30);
    ASSERT_EQ(moers.size(), 1u);
    EXPECT_EQ(moers[0].datasets, 2);

    // Assessed, the data service counts.
    const std::int64_t run2 = full_run(m_source);
    m_store.record_score({service.dataset_id, service.version_id, run2,
                          assessment({Indicator::category_availability, Indicator::dcat_ap_compliance})});
    finish(run2);
    m_store.record_quality_trend(run2);
    catalogue = m_store.quality_trend(std::nullopt, 1);
    ASSERT_EQ(catalogue.size(), 1u);
    EXPECT_EQ(catalogue[0].run_id, run2);
    EXPECT_EQ(catalogue[0].datasets, 4);
    EXPECT_EQ(catalogue[0].scored, 2);
    EXPECT_EQ(m_store.quality_trend(std::string("Stadt Moers"), 1)[0].datasets, 3);
}

// keep_versions: versions beyond the newest N of a dataset from a source lose
// their record and source triples; their rows and scores stay, the current
// version of every link keeps its content, and a record that changes back to
// an emptied version fills it again.
TEST_F(StoreTest, OldVersionsLoseTheirContentButKeepTheirRows) {
    const std::int64_t other = m_store.ensure_source({"kreis", "dcat", "https://kreis.example/feed", 0});
    const std::string iri = "https://example.org/dataset/k1";
    auto version_of = [&](const std::string& title) {
        return make_record(RecordSpec{.key = "k1", .iri = iri, .title = title, .modified = "2026-01-01"});
    };
    std::vector<std::int64_t> ids;  // version ids of source moers, oldest first
    auto deliver = [&](const std::string& title) {
        const std::int64_t run = full_run(m_source);
        UpsertPlace place;
        m_store.upsert(m_source, run, version_of(title), &place);
        m_store.record_score({place.dataset_id, place.version_id, run,
                              assessment({quality::Indicator::category_availability})});
        finish(run);
        if (std::find(ids.begin(), ids.end(), place.version_id) == ids.end()) ids.push_back(place.version_id);
        return place;
    };
    auto kept = [&] {
        std::string pattern;
        for (const VersionRow& v : m_store.versions(m_store.find(iri)->id))
            if (v.source == "moers") pattern += v.content_kept ? 'K' : '-';
        return pattern;
    };

    // The other source delivers the same dataset once, before everything else.
    const std::int64_t other_run = full_run(other);
    m_store.upsert(other, other_run, make_record(RecordSpec{.key = "x", .iri = iri, .title = "Kreis"}));
    finish(other_run);
    // So does a second record of this source, older than the first, which
    // therefore never becomes the dataset's current record.
    const std::int64_t second_run = full_run(m_source);
    m_store.upsert(m_source, second_run,
                   make_record(RecordSpec{.key = "k2", .iri = iri, .title = "Zweit", .modified = "2020-01-01"}));
    finish(second_run);

    // By default every version keeps its content.
    for (const char* title : {"T0", "T1", "T2"}) deliver(title);
    EXPECT_EQ(kept(), "KKKK");

    // The version of k2 is current for its link and keeps its content.
    m_store.set_kept_versions(2);
    deliver("T3");
    EXPECT_EQ(kept(), "K--KK");
    deliver("T4");
    EXPECT_EQ(kept(), "K---KK");
    EXPECT_EQ(query_int("SELECT count(*) FROM dataset_versions WHERE record = '' AND raw = ''"), 3);
    EXPECT_EQ(query_int("SELECT count(*) FROM quality_scores"), 5);  // the history of scores stays
    // ... with its totals; the indicators and findings go with the content.
    EXPECT_EQ(query_int("SELECT count(*) FROM quality_scores WHERE total = 30 AND rating <> ''"), 5);
    EXPECT_EQ(query_int("SELECT count(*) FROM quality_scores WHERE score = '' AND findings = '' AND version_id IN (" +
                        std::to_string(ids[0]) + ", " + std::to_string(ids[1]) + ", " + std::to_string(ids[2]) + ")"),
              3);
    EXPECT_EQ(query_int("SELECT count(*) FROM quality_scores WHERE score <> ''"), 2);
    EXPECT_FALSE(m_store.version_record_json(ids[0]));
    EXPECT_TRUE(m_store.version_record_json(ids[4]));
    // The other source's version is another source's history, and current.
    ASSERT_EQ(m_store.raw_records(m_store.find(iri)->id).size(), 3u);
    for (const auto& [source, raw] : m_store.raw_records(m_store.find(iri)->id)) EXPECT_FALSE(raw.empty()) << source;

    // Changing back to an emptied version fills it again.
    const UpsertPlace back = deliver("T1");
    EXPECT_EQ(back.version_id, ids[1]);
    EXPECT_EQ(kept(), "K-K-KK");
    const auto record = m_store.find(iri);
    ASSERT_TRUE(record);
    EXPECT_EQ(record->dataset.display_title(), "T1");
    EXPECT_EQ(query_int("SELECT count(*) FROM dataset_versions"), 7);

    // A new version: T1 is no longer current and falls out of the newest two.
    deliver("T5");
    EXPECT_EQ(kept(), "K----KK");
    EXPECT_EQ(m_store.find(iri)->dataset.display_title(), "T5");
    EXPECT_EQ(query_int("SELECT count(*) FROM quality_scores"), 7);

    // Changing back without an assessment (harvest --no-score): the version
    // counts as not assessed until it is assessed again.
    const std::int64_t unscored_run = full_run(m_source);
    UpsertPlace unscored;
    m_store.upsert(m_source, unscored_run, version_of("T2"), &unscored);
    finish(unscored_run);
    EXPECT_EQ(unscored.version_id, ids[2]);
    EXPECT_FALSE(m_store.has_assessment(ids[2]));
    const auto scored = m_store.scored_datasets({.dataset_id = unscored.dataset_id});
    ASSERT_EQ(scored.size(), 1u);
    EXPECT_FALSE(scored[0].score.has_value());
    EXPECT_TRUE(scored[0].findings.empty());
    EXPECT_TRUE(m_store.has_assessment(ids[5]));
    EXPECT_THROW(m_store.set_kept_versions(-1), std::invalid_argument);
}

TEST_F(StoreTest, ScoresAreKeptPerRunAndTheNewestOfTheCurrentVersionIsReported) {
    const std::int64_t run = full_run(m_source);
    UpsertPlace a, b;
    m_store.upsert(m_source, run, make_record(RecordSpec{.key = "a", .iri = "https://example.org/a", .title = "Alpha",
                                                         .publisher = "Stadt Moers"}),
                   &a);
    m_store.upsert(m_source, run, make_record(RecordSpec{.key = "b", .iri = "https://example.org/b", .title = "Beta",
                                                         .publisher = "Kreis Wesel"}),
                   &b);
    EXPECT_FALSE(m_store.has_assessment(a.version_id));
    using quality::Indicator;
    EXPECT_TRUE(m_store.record_score(
        {a.dataset_id, a.version_id, run, assessment({Indicator::category_availability}, {"keywordAvailability"})}));
    EXPECT_TRUE(m_store.has_assessment(a.version_id));
    finish(run);

    auto scored = m_store.scored_datasets({});
    ASSERT_EQ(scored.size(), 2u);
    // Ordered by publisher: Kreis Wesel's b (not assessed yet) first.
    EXPECT_EQ(scored[0].title, "Beta");
    EXPECT_FALSE(scored[0].score.has_value());
    EXPECT_EQ(scored[1].title, "Alpha");
    EXPECT_EQ(scored[1].publisher, "Stadt Moers");
    EXPECT_EQ(scored[1].source, "moers");
    ASSERT_TRUE(scored[1].score.has_value());
    EXPECT_EQ(scored[1].score->total, 30);
    EXPECT_EQ(*scored[1].score, assessment({Indicator::category_availability}).score);
    ASSERT_EQ(scored[1].findings.size(), 1u);
    EXPECT_EQ(scored[1].findings[0].rule, "keywordAvailability");
    EXPECT_FALSE(scored[1].scored_at.empty());

    // A reassessment that says the same is not kept; one that differs is.
    EXPECT_FALSE(m_store.record_score({a.dataset_id, a.version_id, std::nullopt,
                                       assessment({Indicator::category_availability}, {"keywordAvailability"})}));
    EXPECT_TRUE(m_store.record_score({a.dataset_id, a.version_id, std::nullopt,
                                      assessment({Indicator::category_availability, Indicator::dcat_ap_compliance})}));
    EXPECT_EQ(query_int("SELECT count(*) FROM quality_scores"), 2);
    EXPECT_EQ(query_int("SELECT count(*) FROM quality_scores WHERE run_id IS NULL"), 1);
    scored = m_store.scored_datasets({.publisher = "Stadt Moers"});
    ASSERT_EQ(scored.size(), 1u);
    EXPECT_EQ(scored[0].score->total, 60);
    EXPECT_TRUE(scored[0].findings.empty());

    // A new version has no assessment until it gets one: the old version's
    // score is not shown for it.
    const std::int64_t second = full_run(m_source);
    UpsertPlace changed;
    m_store.upsert(m_source, second,
                   make_record(RecordSpec{.key = "a", .iri = "https://example.org/a", .title = "Alpha 2",
                                          .publisher = "Stadt Moers"}),
                   &changed);
    scored = m_store.scored_datasets({.source = "moers", .publisher = "https://example.org/org/Stadt Moers"});
    ASSERT_EQ(scored.size(), 1u);
    EXPECT_FALSE(scored[0].score.has_value());
    m_store.record_score({changed.dataset_id, changed.version_id, second,
                          assessment({Indicator::keyword_availability, Indicator::category_availability,
                                      Indicator::dcat_ap_compliance})});
    EXPECT_EQ(m_store.scored_datasets({.publisher = "Stadt Moers"})[0].score->total, 90);
    EXPECT_EQ(query_int("SELECT count(*) FROM quality_scores WHERE dataset_id = " + std::to_string(a.dataset_id)), 3);
}

// ------------------------------------------------------------------ CKAN search rows (migration 006)

TEST_F(StoreTest, SearchRowsAreWrittenWithTheRecordAndFollowIt) {
    harvest(m_source, 3);
    const auto record = m_store.find("https://example.org/dataset/key1");
    ASSERT_TRUE(record);
    EXPECT_EQ(record->package_id, ckan_package_id("https://example.org/dataset/key1"));
    EXPECT_EQ(record->package_name, "name-key1");
    EXPECT_EQ(query_int("SELECT count(*) FROM ckan_values WHERE field = 'res_format' AND value = 'CSV'"), 3);
    // A changed record moves its search rows along, keeping id and name.
    const std::int64_t run = full_run(m_source);
    auto changed = make_record(RecordSpec{.key = "key1", .iri = "https://example.org/dataset/key1",
                                          .title = "Straßenbäume", .publisher = "Stadt Moers", .distributions = 0});
    m_store.upsert(m_source, run, changed);
    EXPECT_EQ(m_store.find_package(record->package_id)->package_name, "name-key1");
    EXPECT_EQ(query_text("SELECT org_name FROM ckan_packages WHERE name = 'name-key1'"), "stadt-moers");
    EXPECT_EQ(query_int("SELECT count(*) FROM ckan_values WHERE field = 'res_format' AND value = 'CSV'"), 2);
    EXPECT_EQ(found("strassenbaeume"), 1);
    EXPECT_EQ(found("Bäume"), 2);
}

// FTS5 writes what it has collected at every statement savepoint, and most
// writes of an upsert open one: the full-text rows of a page are held back
// and written together when the page commits.
TEST_F(StoreTest, SearchTextOfAPageIsWrittenTogether) {
    const std::int64_t run = full_run(m_source);
    {
        Store::Transaction tx(m_store);
        for (int i = 0; i < 300; ++i) {
            m_store.upsert(m_source, run, make_record("key" + std::to_string(i), fmt::format("Baum{} Wald", i)));
        }
        // The same dataset again in the page: its newer text replaces the held one.
        m_store.upsert(m_source, run, make_record("key7", "Eiche Wald"));
        // A search on the connection that writes sees what it holds.
        EXPECT_EQ(found("eiche"), 1);
        tx.commit();
    }
    EXPECT_LE(fts_leaves_written(), 2);
    EXPECT_EQ(found("wald"), 300);
    EXPECT_EQ(found("baum7"), 10);  // a prefix: baum70 to baum79, no longer baum7 itself
    EXPECT_EQ(found("eiche"), 1);
    EXPECT_EQ(found("baum299"), 1);

    // Changed records replace their rows: deleted and written again together.
    finish(run);
    const std::int64_t leaves = fts_leaves_written();
    const std::int64_t run2 = full_run(m_source);
    {
        Store::Transaction tx(m_store);
        for (int i = 0; i < 300; ++i) {
            m_store.upsert(m_source, run2, make_record("key" + std::to_string(i), fmt::format("Baum{} Forst", i)));
        }
        tx.commit();
    }
    EXPECT_LE(fts_leaves_written() - leaves, 2);
    EXPECT_EQ(found("wald"), 0);
    EXPECT_EQ(found("forst"), 300);
    EXPECT_EQ(found("eiche"), 0);
}

// A transaction holds at most 10,000 rows back; beyond that it writes what it
// holds and goes on holding, losing and repeating nothing.
TEST_F(StoreTest, ALongTransactionWritesItsHeldSearchTextOnTheWay) {
    const std::int64_t run = full_run(m_source);
    constexpr int n = 10'050;
    {
        Store::Transaction tx(m_store);
        for (int i = 0; i < n; ++i) m_store.upsert(m_source, run, make_record("key" + std::to_string(i), "Wald"));
        // The same dataset once more, after the first rows were written out.
        m_store.upsert(m_source, run, make_record("key5", "Eiche"));
        tx.commit();
    }
    EXPECT_EQ(query_int("SELECT count(*) FROM ckan_text"), n);
    EXPECT_EQ(found("wald"), n - 1);
    EXPECT_EQ(found("eiche"), 1);
}

TEST_F(StoreTest, HeldSearchTextIsDroppedWithWhatRollsBack) {
    const std::int64_t run = full_run(m_source);
    {
        Store::Transaction tx(m_store);
        m_store.upsert(m_source, run, make_record("k1", "Linde"));
    }
    {
        // The dataset ids of the rolled-back page are given out again; the
        // text held for them must not come back with the next commit.
        Store::Transaction outer(m_store);
        m_store.upsert(m_source, run, make_record("k2", "Ahorn"));
        {
            Store::Transaction inner(m_store);
            m_store.upsert(m_source, run, make_record("k3", "Birke"));
        }
        {
            Store::Transaction inner(m_store);
            m_store.upsert(m_source, run, make_record("k4", "Buche"));
            inner.commit();
        }
        m_store.upsert(m_source, run, make_record("k5", "Esche"));
        outer.commit();
    }
    EXPECT_EQ(found("linde"), 0);
    EXPECT_EQ(found("ahorn"), 1);
    EXPECT_EQ(found("birke"), 0);
    EXPECT_EQ(found("buche"), 1);
    EXPECT_EQ(found("esche"), 1);
    EXPECT_EQ(query_int("SELECT count(*) FROM ckan_text"), 3);
    EXPECT_EQ(query_int("SELECT count(*) FROM ckan_text t JOIN datasets d ON d.id = t.rowid"), 3);
}

// The facet index counts what the search counts in SQL, for every kind of
// search, and only for the catalogue state it was built for.
TEST_F(StoreTest, RankingIsFts5Bm25WithLengthsFromTheIndex) {
    // Texts of different lengths and word counts, so that length and hits
    // both change the rank; one dataset withdrawn (not in the index).
    auto now = at(2026, 11, 1);
    m_store.set_clock([&] { return now; });
    const std::string words[] = {"Bäume", "Straßen", "Haushalt", "Wahlen", "Verkehr"};
    std::vector<SourceRecord> records;
    for (int i = 0; i < 60; ++i) {
        std::string title = words[i % 5];
        for (int k = 0; k < i % 7; ++k) title += " " + words[(i + k) % 5];
        auto r = make_record(RecordSpec{.key = "k" + std::to_string(i),
                                        .iri = "https://example.org/dataset/k" + std::to_string(i),
                                        .title = title});
        r.dataset.description = {{std::string(static_cast<std::size_t>(i % 4), 'x') + " Haushalt der Stadt", "de"}};
        r.dataset.keywords = {{words[(i / 3) % 5], "de"}};
        r.raw = model::to_json(r.dataset);
        r.content_hash = content_hash(r.raw);
        records.push_back(r);
    }
    for (std::size_t first : {0, 1}) {
        const std::int64_t run = full_run(m_source);
        Store::Transaction tx(m_store);
        for (std::size_t i = first; i < records.size(); ++i) m_store.upsert(m_source, run, records[i]);
        if (first == 1) {
            ASSERT_EQ(m_store.retract_unseen(m_source, run, 1.0).deprecated, 1);
        }
        tx.commit();
        finish(run);
    }
    now = at(2026, 12, 15);
    ASSERT_EQ(m_store.withdraw_expired(std::chrono::days(30)), 1);
    const auto index = FacetIndex::build(m_store);
    ASSERT_EQ(index->datasets(), 59u);

    sqlite::Database db(m_file);
    db.add_ranking();
    // Wrong lengths for every row: the rank must change, so the lengths are used.
    std::vector<std::uint32_t> wrong(index->text_lengths().size(), 1001);
    const std::string sql =
        "SELECT rowid, bm25(ckan_text, 10.0, 1.0, 4.0), ernte_bm25(ckan_text, 10.0, 1.0, 4.0) FROM ckan_text "
        "WHERE ckan_text MATCH ?1 ORDER BY rowid";
    for (const std::string match : {"baeume", "haushalt", "\"stadt\" \"verkehr\"", "wahl* OR strassen", "xxx*"}) {
        std::vector<double> from_table;
        int rows = 0;
        {
            auto q = db.prepare(sql);
            q->bind(1, match);
            while (q->step()) {
                ++rows;
                EXPECT_DOUBLE_EQ(q->column_double(2), q->column_double(1)) << match << ", row " << q->column_int64(0);
                from_table.push_back(q->column_double(2));
            }
        }
        EXPECT_GT(rows, 0) << match;
        {
            const sqlite::RankLengthsScope lengths(db, index->text_lengths());
            auto q = db.prepare(sql);
            q->bind(1, match);
            std::size_t i = 0;
            while (q->step()) {
                ASSERT_LT(i, from_table.size());
                EXPECT_EQ(q->column_double(2), from_table[i++]) << match << ", row " << q->column_int64(0);
            }
        }
        {
            const sqlite::RankLengthsScope lengths(db, wrong);
            auto q = db.prepare(sql);
            q->bind(1, match);
            int differing = 0;
            std::size_t i = 0;
            while (q->step()) differing += q->column_double(2) != from_table[i++];
            EXPECT_GT(differing, 0) << match;
        }
    }
    // The docsize values the index read: a varint per column, summed.
    EXPECT_EQ(sqlite::fts_row_tokens(std::string("\x03\x00\x81\x02", 4)), 3u + 0u + 130u);
    EXPECT_EQ(sqlite::fts_row_tokens(std::string("\x81", 1)), std::nullopt);  // cut off
}

TEST_F(StoreTest, FacetIndexCountsWhatTheSearchCountsInSql) {
    using quality::Indicator;
    const std::int64_t run = full_run(m_source);
    const std::string publishers[] = {"Stadt Moers", "Kreis Wesel", "Stadt Köln", "Stadt Koeln", ""};
    const std::string words[] = {"Bäume", "Straßen", "Haushalt", "Wahlen"};
    {
        Store::Transaction tx(m_store);
        for (int i = 0; i < 300; ++i) {
            auto r = make_record(RecordSpec{.key = "k" + std::to_string(i),
                                            .iri = "https://example.org/dataset/k" + std::to_string(i),
                                            .title = words[i % 4] + " " + words[(i / 4) % 4],
                                            .publisher = publishers[i % 5],
                                            .distributions = i % 3});
            r.dataset.keywords = {{words[(i / 2) % 4], "de"}};
            if (i % 6 == 0) r.dataset.keywords.push_back({"Umwelt", "de"});
            if (i % 2 == 0) r.dataset.themes = {"http://publications.europa.eu/resource/authority/data-theme/ENVI"};
            if (i % 5 == 0) r.dataset.themes.push_back("http://publications.europa.eu/resource/authority/data-theme/SOCI");
            for (auto& d : r.dataset.distributions)
                if (i % 7 == 0) d.format = "http://publications.europa.eu/resource/authority/file-type/JSON";
            r.raw = model::to_json(r.dataset);
            r.content_hash = content_hash(r.raw);
            UpsertPlace place;
            m_store.upsert(m_source, run, r, &place);
            // Two datasets in three are assessed, with two different ratings.
            if (i % 3 == 0) continue;
            std::vector<Indicator> passing = {Indicator::keyword_availability};
            if (i % 2 == 0) passing = {Indicator::keyword_availability, Indicator::category_availability,
                                       Indicator::dcat_ap_compliance, Indicator::spatial_availability,
                                       Indicator::temporal_availability};
            m_store.record_score({place.dataset_id, place.version_id, run, assessment(passing)});
        }
        tx.commit();
    }
    finish(run);

    const auto index = FacetIndex::build(m_store);
    EXPECT_EQ(index->datasets(), 300u);
    EXPECT_EQ(index->state(), m_store.catalogue_state());
    const std::vector<SearchField> fields = {SearchField::organization, SearchField::license_id, SearchField::rating,
                                             SearchField::tags, SearchField::res_format, SearchField::groups};
    std::vector<SearchQuery> queries;
    for (const std::string text : {"", "baeume", "Straßen Wahlen", "haus OR wahl", "nichts"}) {
        for (const std::int64_t limit : {-1, 0, 2}) {
            SearchQuery q;
            q.text = text;
            q.facet_fields = fields;
            q.facet_limit = limit;
            q.rows = 5;
            queries.push_back(q);
        }
    }
    const std::vector<SearchFilter> filters = {{SearchField::organization, "stadt-moers", false},
                                               {SearchField::organization, "kreis-wesel", true},
                                               {SearchField::res_format, "JSON", false},
                                               {SearchField::groups, "envi", false},
                                               {SearchField::tags, "Umwelt", true},
                                               {SearchField::rating, "bad", false}};
    for (const auto& filter : filters) {
        SearchQuery q;
        q.text = filter.negate ? "baeume" : "";
        q.filters = {filter};
        q.facet_fields = fields;
        q.facet_limit = -1;
        queries.push_back(q);
    }
    // Orders and pages: those the index keeps are ordered in memory.
    const std::vector<std::vector<SortKey>> orders = {{{SortField::score, false}},
                                                      {{SortField::metadata_modified, false}, {SortField::score, true}},
                                                      {{SortField::name, false}},
                                                      {{SortField::title, true}}};
    for (const auto& order : orders) {
        for (const std::string text : {"", "wahl"}) {
            SearchQuery q;
            q.text = text;
            q.sort = order;
            q.start = 7;
            q.rows = 11;
            q.facet_fields = {SearchField::rating};
            queries.push_back(q);
        }
    }
    SearchQuery beyond;
    beyond.start = 1000;
    beyond.facet_fields = fields;
    queries.push_back(beyond);
    SearchQuery no_facets;
    no_facets.text = "strassen";
    no_facets.rows = 50;
    queries.push_back(no_facets);
    std::size_t counted = 0;
    for (const auto& q : queries) {
        const SearchResult in_sql = m_store.search(q);
        const SearchResult in_memory = m_store.search(q, index.get());
        const std::string what = "text '" + q.text + "', " + std::to_string(q.filters.size()) + " filters, limit " +
                                 std::to_string(q.facet_limit);
        EXPECT_EQ(in_memory.count, in_sql.count) << what;
        EXPECT_EQ(in_memory.dataset_ids, in_sql.dataset_ids) << what;
        ASSERT_EQ(in_memory.facets.size(), q.facet_fields.size()) << what;
        for (std::size_t f = 0; f < q.facet_fields.size(); ++f) {
            EXPECT_EQ(in_memory.facets[f].first, in_sql.facets[f].first) << what;
            EXPECT_EQ(in_memory.facets[f].second, in_sql.facets[f].second) << what << ", field " << f;
            counted += in_sql.facets[f].second.size();
        }
    }
    EXPECT_GT(counted, 100u) << "the searches count values of every field";

    // The index answers for the state it was built for: a change the
    // catalogue state does not show (made behind the store's back here) is
    // not seen by the counts from the index, which shows that they are used.
    SearchQuery by_organization;
    by_organization.facet_fields = {SearchField::organization};
    const auto before = m_store.search(by_organization, index.get()).facets.at(0).second;
    ASSERT_FALSE(before.empty());
    {
        sqlite::Database db(m_file);
        db.exec("UPDATE ckan_packages SET org_name = 'umbenannt' WHERE org_name IS NOT NULL");
    }
    EXPECT_EQ(m_store.search(by_organization, index.get()).facets.at(0).second, before);
    EXPECT_EQ(m_store.search(by_organization).facets.at(0).second.at(0).name, "umbenannt");
    // A change the state shows (a new record) makes the search count in SQL.
    const std::int64_t second = full_run(m_source);
    m_store.upsert(m_source, second, make_record(RecordSpec{.key = "neu", .iri = "https://example.org/dataset/neu",
                                                            .publisher = "Stadt Neuss"}));
    const auto after = m_store.search(by_organization, index.get()).facets.at(0).second;
    EXPECT_EQ(after, m_store.search(by_organization).facets.at(0).second);
    EXPECT_TRUE(std::any_of(after.begin(), after.end(), [](const FacetCount& c) { return c.name == "stadt-neuss"; }));
}

// A database made before migration 006 gets its search rows when opened.
TEST_F(StoreTest, SearchRowsOfOlderDatabasesAreFilledWhenOpened) {
    harvest(m_source, 4);
    const auto before = m_store.find("https://example.org/dataset/key2");
    {
        sqlite::Database db(m_file);
        db.exec("DROP TABLE ckan_text; DROP TABLE ckan_values; DROP TABLE ckan_packages; "
                "DELETE FROM schema_migrations WHERE version = 6");
    }
    Store reopened(m_file);
    EXPECT_EQ(reopened.schema_version(), migrations().back().version);
    const auto after = reopened.find("https://example.org/dataset/key2");
    ASSERT_TRUE(after);
    EXPECT_EQ(after->package_id, before->package_id) << "the id is the UUIDv5 of the IRI, whoever computes it";
    EXPECT_EQ(after->package_name, before->package_name);
    EXPECT_EQ(reopened.package_names(0, -1).size(), 4u);
    SearchQuery q;
    q.text = "baeume";
    EXPECT_EQ(reopened.search(q).count, 4);
}
