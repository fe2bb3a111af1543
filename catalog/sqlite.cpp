#include "catalog/sqlite.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <atomic>
#include <climits>
#include <cmath>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <utility>

namespace ernte::catalog::sqlite {

namespace {

int to_int_size(std::size_t size) {
    if (size > static_cast<std::size_t>(INT_MAX)) throw std::length_error("value too large for SQLite");
    return static_cast<int>(size);
}

}  // namespace

// ------------------------------------------------------------------ Statement

Statement::Statement(Database& db, std::string_view sql, bool persistent) : m_db(&db) {
    const unsigned flags = persistent ? SQLITE_PREPARE_PERSISTENT : 0;
    const int rc = sqlite3_prepare_v3(db.handle(), sql.data(), to_int_size(sql.size()), flags, &m_stmt, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(m_stmt);
        m_stmt = nullptr;
        db.fail(rc, fmt::format("preparing \"{}\"", sql.substr(0, 120)));
    }
}

Statement::~Statement() { sqlite3_finalize(m_stmt); }

Statement& Statement::bind(int index, std::int64_t value) {
    const int rc = sqlite3_bind_int64(m_stmt, index, value);
    if (rc != SQLITE_OK) m_db->fail(rc, "binding a parameter");
    return *this;
}

Statement& Statement::bind(int index, double value) {
    const int rc = sqlite3_bind_double(m_stmt, index, value);
    if (rc != SQLITE_OK) m_db->fail(rc, "binding a parameter");
    return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
    // An empty view may have a null data pointer, which SQLite would bind as
    // NULL; "" keeps it an empty text.
    const char* data = value.empty() ? "" : value.data();
    const int rc = sqlite3_bind_text64(m_stmt, index, data, value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    if (rc != SQLITE_OK) m_db->fail(rc, "binding a parameter");
    return *this;
}

Statement& Statement::bind_or_null(int index, std::string_view value) {
    return value.empty() ? bind_null(index) : bind(index, value);
}

Statement& Statement::bind_null(int index) {
    const int rc = sqlite3_bind_null(m_stmt, index);
    if (rc != SQLITE_OK) m_db->fail(rc, "binding a parameter");
    return *this;
}

bool Statement::step() {
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    // Reset so the statement does not keep its snapshot after a failure; the
    // connection's error message survives the reset.
    sqlite3_reset(m_stmt);
    m_db->fail(rc, fmt::format("running \"{}\"", sql().substr(0, 120)));
}

void Statement::run() {
    while (step()) {
    }
}

void Statement::reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

std::int64_t Statement::column_int64(int column) const { return sqlite3_column_int64(m_stmt, column); }

double Statement::column_double(int column) const { return sqlite3_column_double(m_stmt, column); }

bool Statement::column_is_null(int column) const { return sqlite3_column_type(m_stmt, column) == SQLITE_NULL; }

std::string_view Statement::column_view(int column) const {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    if (!text) return {};
    return {text, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column))};
}

std::optional<std::int64_t> Statement::column_optional_int64(int column) const {
    if (column_is_null(column)) return std::nullopt;
    return column_int64(column);
}

bool Statement::busy() const { return sqlite3_stmt_busy(m_stmt) != 0; }

std::string_view Statement::sql() const {
    const char* text = sqlite3_sql(m_stmt);
    return text ? std::string_view(text) : std::string_view();
}

// ------------------------------------------------------------------ StatementUse

StatementUse::StatementUse(Statement& cached, std::unique_ptr<Statement> owned)
    : m_statement(owned ? owned.get() : &cached), m_owned(std::move(owned)) {}

StatementUse::StatementUse(StatementUse&& other) noexcept
    : m_statement(other.m_statement), m_owned(std::move(other.m_owned)), m_in_use(other.m_in_use) {
    other.m_statement = nullptr;
    other.m_in_use = nullptr;
}

StatementUse::~StatementUse() {
    if (!m_statement) return;
    m_statement->reset();
    if (m_in_use) *m_in_use = false;
}

// ------------------------------------------------------------------ Database

Database::Database(const std::filesystem::path& path) : m_path(path) {
    // Without memory statistics SQLite takes no global mutex per allocation
    // (about a tenth of the cost of an insert). Possible only before SQLite
    // initializes; later calls fail harmlessly.
    static const int memstatus_off = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    (void)memstatus_off;
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    const int rc = sqlite3_open_v2(path.c_str(), &m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        const std::string message = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
        sqlite3_close_v2(m_db);
        m_db = nullptr;
        throw StoreError(rc & 0xff, fmt::format("{}: cannot open the database: {}", m_path.string(), message));
    }
    sqlite3_extended_result_codes(m_db, 1);
}

namespace {

/// What ernte_bm25 computes once per statement: the mean row length and
/// each phrase's inverse document frequency, as FTS5's bm25() does.
struct RankQuery {
    double mean_length = 1.0;
    std::vector<double> idf;
    std::vector<double> hits;  ///< per phrase, for the current row (reused)
};

int count_row(const Fts5ExtensionApi*, Fts5Context*, void* count) {
    ++*static_cast<sqlite3_int64*>(count);
    return SQLITE_OK;
}

RankQuery* rank_query(const Fts5ExtensionApi* api, Fts5Context* fts, int& rc) {
    if (auto* known = static_cast<RankQuery*>(api->xGetAuxdata(fts, 0))) return known;
    auto query = std::make_unique<RankQuery>();
    sqlite3_int64 rows = 0;
    sqlite3_int64 tokens = 0;
    rc = api->xRowCount(fts, &rows);
    if (rc == SQLITE_OK) rc = api->xColumnTotalSize(fts, -1, &tokens);
    if (rc != SQLITE_OK) return nullptr;
    query->mean_length = static_cast<double>(tokens) / static_cast<double>(rows);
    const int phrases = api->xPhraseCount(fts);
    for (int i = 0; i < phrases; ++i) {
        sqlite3_int64 matching = 0;
        rc = api->xQueryPhrase(fts, i, &matching, count_row);
        if (rc != SQLITE_OK) return nullptr;
        // Robertson/Spärck Jones IDF, kept above zero for words in most rows.
        double idf = std::log((static_cast<double>(rows) - static_cast<double>(matching) + 0.5) /
                              (static_cast<double>(matching) + 0.5));
        if (idf <= 0.0) idf = 1e-6;
        query->idf.push_back(idf);
    }
    query->hits.assign(query->idf.size(), 0.0);
    RankQuery* raw = query.release();
    rc = api->xSetAuxdata(fts, raw, [](void* p) { delete static_cast<RankQuery*>(p); });
    return rc == SQLITE_OK ? raw : nullptr;
}

void rank_row(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* context, int argc,
              sqlite3_value** argv) {
    constexpr double k1 = 1.2;
    constexpr double b = 0.75;
    int rc = SQLITE_OK;
    RankQuery* query = rank_query(api, fts, rc);
    if (query == nullptr) {
        sqlite3_result_error_code(context, rc == SQLITE_OK ? SQLITE_ERROR : rc);
        return;
    }
    std::fill(query->hits.begin(), query->hits.end(), 0.0);
    int instances = 0;
    rc = api->xInstCount(fts, &instances);
    for (int i = 0; rc == SQLITE_OK && i < instances; ++i) {
        int phrase = 0, column = 0, offset = 0;
        rc = api->xInst(fts, i, &phrase, &column, &offset);
        if (rc == SQLITE_OK && phrase >= 0 && static_cast<std::size_t>(phrase) < query->hits.size())
            query->hits[static_cast<std::size_t>(phrase)] += column < argc ? sqlite3_value_double(argv[column]) : 1.0;
    }
    // The row's length: kept by the caller, else read from the table.
    const auto& lengths = static_cast<const Database*>(api->xUserData(fts))->rank_lengths();
    const sqlite3_int64 rowid = api->xRowid(fts);
    int tokens = 0;
    if (rc == SQLITE_OK) {
        if (rowid >= 0 && static_cast<std::uint64_t>(rowid) < lengths.size() && lengths[static_cast<std::size_t>(rowid)] > 0)
            tokens = static_cast<int>(lengths[static_cast<std::size_t>(rowid)] - 1);
        else
            rc = api->xColumnSize(fts, -1, &tokens);
    }
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(context, rc);
        return;
    }
    const double length = static_cast<double>(tokens);
    double score = 0.0;
    for (std::size_t i = 0; i < query->idf.size(); ++i) {
        const double f = query->hits[i];
        score += query->idf[i] * ((f * (k1 + 1.0)) / (f + k1 * (1 - b + b * length / query->mean_length)));
    }
    sqlite3_result_double(context, -1.0 * score);
}

}  // namespace

void Database::add_ranking() {
    fts5_api* api = nullptr;
    {
        sqlite3_stmt* raw = nullptr;
        // The API pointer is handed out through a pointer binding.
        const int prepared = sqlite3_prepare_v2(m_db, "SELECT fts5(?1)", -1, &raw, nullptr);
        if (prepared != SQLITE_OK) fail(prepared, "looking up the full-text search API");
        sqlite3_bind_pointer(raw, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
        sqlite3_step(raw);
        sqlite3_finalize(raw);
    }
    if (api == nullptr) {
        throw StoreError(SQLITE_ERROR, fmt::format("{}: this SQLite has no full-text search (FTS5)", m_path.string()));
    }
    const int rc = api->xCreateFunction(api, "ernte_bm25", this, rank_row, nullptr);
    if (rc != SQLITE_OK) fail(rc, "adding the full-text ranking");
}

std::optional<std::uint32_t> fts_row_tokens(std::string_view docsize) {
    std::uint64_t total = 0;
    std::size_t i = 0;
    while (i < docsize.size()) {
        // SQLite's varint: 7 bits a byte, high bit set on all but the last.
        std::uint64_t value = 0;
        int n = 0;
        for (;; ++n) {
            if (i >= docsize.size() || n == 9) return std::nullopt;
            const auto byte = static_cast<unsigned char>(docsize[i++]);
            if (n == 8) {
                value = (value << 8) | byte;
                break;
            }
            value = (value << 7) | (byte & 0x7f);
            if ((byte & 0x80) == 0) break;
        }
        total += value;
        if (total >= UINT32_MAX) return std::nullopt;
    }
    return static_cast<std::uint32_t>(total);
}

// ---------------------------------------------------------------- Checkpointer

struct Database::Checkpointer {
    std::filesystem::path path;
    std::int64_t start_frames = 0;
    std::int64_t most_frames = 0;
    std::mutex mutex;
    std::condition_variable wake;
    std::condition_variable idle;
    bool wanted = false;
    bool running = false;
    bool stopping = false;
    std::thread thread;  ///< started at the first request
    std::atomic<std::int64_t> completed{0};

    ~Checkpointer() {
        {
            const std::lock_guard lock(mutex);
            stopping = true;
        }
        wake.notify_one();
        if (thread.joinable()) thread.join();
    }

    void request() {
        {
            const std::lock_guard lock(mutex);
            wanted = true;
            if (!thread.joinable()) thread = std::thread([this] { run(); });
        }
        wake.notify_one();
    }

    /// Takes back what was requested and waits for a checkpoint under way to end.
    void hold_off() {
        std::unique_lock lock(mutex);
        wanted = false;
        idle.wait(lock, [&] { return !running; });
    }

    void run() {
        sqlite3* db = nullptr;
        const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
        if (const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr); rc != SQLITE_OK) {
            // The committing connection still checkpoints from most_frames on.
            spdlog::warn("{}: no connection for checkpoints beside the writes: {}", path.string(),
                         db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
            sqlite3_close_v2(db);
            return;
        }
        // As on the writing connection: the WAL is synced before a checkpoint,
        // the database file after it.
        sqlite3_exec(db, "PRAGMA synchronous = NORMAL", nullptr, nullptr, nullptr);
        std::unique_lock lock(mutex);
        for (;;) {
            wake.wait(lock, [&] { return wanted || stopping; });
            if (stopping) break;
            wanted = false;
            running = true;
            lock.unlock();
            // PASSIVE: copies what no reader still needs, never waits, never
            // blocks the writer. BUSY: the committing connection is checkpointing.
            const int rc = sqlite3_wal_checkpoint_v2(db, "main", SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
            if (rc == SQLITE_OK) {
                completed.fetch_add(1, std::memory_order_relaxed);
            } else if ((rc & 0xff) != SQLITE_BUSY) {
                spdlog::debug("{}: checkpoint beside the writes failed: {}", path.string(), sqlite3_errmsg(db));
            }
            lock.lock();
            running = false;
            idle.notify_all();
        }
        lock.unlock();
        sqlite3_close_v2(db);
    }
};

void Database::checkpoint_in_background(std::int64_t start_frames, std::int64_t most_frames) {
    if (start_frames <= 0 || most_frames < start_frames)
        throw std::invalid_argument("checkpoint_in_background: need 0 < start_frames <= most_frames");
    sqlite3_wal_hook(m_db, nullptr, nullptr);  // the old checkpointer gets no more requests
    m_checkpointer = std::make_unique<Checkpointer>();
    m_checkpointer->path = m_path;
    m_checkpointer->start_frames = start_frames;
    m_checkpointer->most_frames = most_frames;
    const auto on_commit = [](void* arg, sqlite3* db, const char* name, int frames) -> int {
        auto* checkpointer = static_cast<Checkpointer*>(arg);
        // What fails here stays in the WAL, as with SQLite's own automatic
        // checkpoint, and the next commit tries again; nothing may throw
        // through SQLite (a thread that cannot start, for one).
        try {
            if (frames >= checkpointer->most_frames) {
                // Should the other thread be copying (BUSY), wait for it: what
                // it has not copied yet is left, and then the WAL can start over.
                const int rc = sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
                if ((rc & 0xff) == SQLITE_BUSY) {
                    checkpointer->hold_off();
                    sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
                }
            } else if (frames >= checkpointer->start_frames) {
                checkpointer->request();
            }
        } catch (const std::exception& e) {
            spdlog::debug("checkpoint after a commit failed: {}", e.what());
        }
        return SQLITE_OK;
    };
    sqlite3_wal_hook(m_db, on_commit, m_checkpointer.get());
}

std::int64_t Database::background_checkpoints() const {
    return m_checkpointer ? m_checkpointer->completed.load(std::memory_order_relaxed) : 0;
}

Database::~Database() {
    // The checkpointing thread's connection first: the last connection to
    // close checkpoints what is left and removes the WAL.
    sqlite3_wal_hook(m_db, nullptr, nullptr);
    m_checkpointer.reset();
    // Statements first: a connection closes only when its statements are gone.
    m_cache.clear();
    sqlite3_close_v2(m_db);
}

void Database::fail(int rc, std::string_view what) const {
    const int primary = rc & 0xff;
    if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) {
        // What the statement was helps nobody here; what to do does.
        throw StoreError(primary, fmt::format("{}: {}: the file is damaged or is not an ernte catalogue. If it is "
                                              "the catalogue, restore the last backup (docs/operations.md, "
                                              "\"Failures of the database\") and harvest again",
                                              m_path.string(), sqlite3_errmsg(m_db)));
    }
    std::string message = fmt::format("{}: {}: {}", m_path.string(), what, sqlite3_errmsg(m_db));
    if (primary == SQLITE_FULL) message += " (the disk is full, or the database reached its size limit)";
    else if (primary == SQLITE_BUSY) message += " (another process held the database lock for too long)";
    else if (primary == SQLITE_READONLY || primary == SQLITE_CANTOPEN || primary == SQLITE_PERM)
        message += " (check that the file and its folder are writable)";
    throw StoreError(primary, message);
}

void Database::exec(std::string_view sql) {
    const std::string text(sql);
    char* error = nullptr;
    const int rc = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &error);
    sqlite3_free(error);  // the same text is available from sqlite3_errmsg
    if (rc != SQLITE_OK) fail(rc, fmt::format("running \"{}\"", sql.substr(0, 120)));
}

StatementUse Database::cached(std::string_view sql) {
    auto it = m_cache.find(sql);
    if (it == m_cache.end()) {
        CacheEntry entry;
        entry.statement = std::make_unique<Statement>(*this, sql, true);
        it = m_cache.emplace(std::string(sql), std::move(entry)).first;
    }
    CacheEntry& entry = it->second;
    if (entry.in_use) return StatementUse(*entry.statement, prepare(sql));
    StatementUse use(*entry.statement, nullptr);
    entry.in_use = true;
    use.m_in_use = &entry.in_use;
    return use;
}

std::unique_ptr<Statement> Database::prepare(std::string_view sql) {
    return std::make_unique<Statement>(*this, sql, false);
}

bool Database::in_transaction() const { return sqlite3_get_autocommit(m_db) == 0; }

void Database::check_usable() const {
    if (m_failed) {
        throw StoreError(SQLITE_ABORT, fmt::format("{}: an earlier write of this transaction failed; it can only be "
                                                   "rolled back",
                                                   m_path.string()));
    }
}

void Database::hold_writes(std::function<void()> flush, std::function<void()> discard) {
    m_flush_held = std::move(flush);
    m_discard_held = std::move(discard);
}

void Database::discard_held() noexcept {
    if (m_discard_held) m_discard_held();
}

void Database::begin_write(Nesting nesting) {
    check_usable();
    if (!in_transaction()) {
        cached("BEGIN IMMEDIATE")->run();
        m_scopes.push_back({Scope::Kind::transaction, total_changes()});
    } else if (nesting == Nesting::savepoint) {
        if (m_flush_held) m_flush_held();
        cached("SAVEPOINT ernte_write")->run();
        m_scopes.push_back({Scope::Kind::savepoint, total_changes()});
    } else {
        m_scopes.push_back({Scope::Kind::joined, total_changes()});
    }
}

void Database::abort_failed_transaction() {
    m_failed = false;
    discard_held();
    if (in_transaction()) sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
    throw StoreError(SQLITE_ABORT, fmt::format("{}: the transaction was rolled back because a write in it failed",
                                               m_path.string()));
}

void Database::commit_write() {
    if (m_scopes.empty()) return;
    const Scope scope = m_scopes.back();
    m_scopes.pop_back();
    switch (scope.kind) {
    case Scope::Kind::joined:
        return;
    case Scope::Kind::savepoint:
        // A transaction SQLite already rolled back is reported by the outermost commit.
        if (!in_transaction()) {
            discard_held();
            return;
        }
        try {
            cached("RELEASE ernte_write")->run();
        } catch (...) {
            discard_held();
            sqlite3_exec(m_db, "ROLLBACK TO ernte_write; RELEASE ernte_write", nullptr, nullptr, nullptr);
            throw;
        }
        return;
    case Scope::Kind::transaction:
        if (m_failed) abort_failed_transaction();
        if (!in_transaction()) {
            // SQLite rolled the whole transaction back after an error (disk
            // full, out of memory): there is nothing left to commit.
            discard_held();
            throw StoreError(SQLITE_ABORT, fmt::format("{}: the transaction was rolled back after an earlier error",
                                                       m_path.string()));
        }
        try {
            if (m_flush_held) m_flush_held();
            cached("COMMIT")->run();
        } catch (...) {
            discard_held();
            sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
            throw;
        }
        return;
    }
}

void Database::rollback_write() noexcept {
    if (m_scopes.empty()) return;
    const Scope scope = m_scopes.back();
    m_scopes.pop_back();
    switch (scope.kind) {
    case Scope::Kind::joined:
        if (total_changes() != scope.changes_at_begin) m_failed = true;
        return;
    case Scope::Kind::savepoint:
        discard_held();
        if (in_transaction()) sqlite3_exec(m_db, "ROLLBACK TO ernte_write; RELEASE ernte_write", nullptr, nullptr, nullptr);
        return;
    case Scope::Kind::transaction:
        m_failed = false;
        discard_held();
        if (in_transaction()) sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
        return;
    }
}

std::int64_t Database::last_insert_rowid() const { return sqlite3_last_insert_rowid(m_db); }

std::int64_t Database::changes() const { return sqlite3_changes64(m_db); }

std::int64_t Database::total_changes() const { return sqlite3_total_changes64(m_db); }

}  // namespace ernte::catalog::sqlite
