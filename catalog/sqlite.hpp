#pragma once
/// RAII handles for SQLite: the only place in ernte that calls the raw
/// sqlite3 API. Every failure becomes a StoreError naming the database file
/// and SQLite's explanation.

#include "catalog/store.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace ernte::catalog::sqlite {

class Database;

/// A prepared statement. Bind parameters are 1-based, columns 0-based.
/// Text is always copied when bound, so temporaries are safe.
class Statement {
public:
    Statement(Database& db, std::string_view sql, bool persistent);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    /// Binds NULL for an empty string: for optional columns such as IRIs.
    Statement& bind_or_null(int index, std::string_view value);
    Statement& bind_null(int index);

    /// Advance; true while a row is available.
    bool step();
    /// Step to completion (statements that return no rows, or whose rows are ignored).
    void run();
    /// Reset to run again and clear the bindings.
    void reset();

    std::int64_t column_int64(int column) const;
    double column_double(int column) const;
    bool column_is_null(int column) const;
    /// The column as text; empty for NULL. Valid until the next step or reset.
    std::string_view column_view(int column) const;
    std::string column_text(int column) const { return std::string(column_view(column)); }
    /// NULL as nullopt.
    std::optional<std::int64_t> column_optional_int64(int column) const;

    /// Whether the statement has been stepped and not reset (busy).
    bool busy() const;
    std::string_view sql() const;

private:
    Database* m_db;
    sqlite3_stmt* m_stmt = nullptr;
};

/// A cached statement borrowed for one use: reset and unbound when the use
/// ends, so it holds no read snapshot and no stale bindings. If the cached
/// statement is already in use further up the stack, a private one is
/// prepared instead, so nested use is safe.
class StatementUse {
public:
    StatementUse(Statement& cached, std::unique_ptr<Statement> owned);
    ~StatementUse();
    StatementUse(StatementUse&& other) noexcept;
    StatementUse(const StatementUse&) = delete;
    StatementUse& operator=(const StatementUse&) = delete;
    StatementUse& operator=(StatementUse&&) = delete;

    Statement* operator->() { return m_statement; }
    Statement& operator*() { return *m_statement; }

private:
    Statement* m_statement;
    std::unique_ptr<Statement> m_owned;
    bool* m_in_use = nullptr;

    friend class Database;
};

/// An open database connection with a cache of prepared statements.
class Database {
public:
    /// Open or create the file. Throws StoreError naming the file.
    explicit Database(const std::filesystem::path& path);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    const std::filesystem::path& path() const { return m_path; }

    /// Run one or more statements that return nothing of interest.
    void exec(std::string_view sql);
    /// A statement from the cache (prepared once, reused).
    StatementUse cached(std::string_view sql);
    /// A statement prepared for a single use (dynamic SQL, long-running reads).
    std::unique_ptr<Statement> prepare(std::string_view sql);

    /// Begin a write scope (use WriteScope). At the outermost level this is
    /// BEGIN IMMEDIATE: the write lock is taken up front, waiting up to the
    /// busy timeout. Nested, a `savepoint` scope rolls back alone; a `join`
    /// scope costs nothing, and if it fails after writing, the enclosing
    /// transaction is marked failed: it can only be rolled back, its commit
    /// throws. Scopes end in reverse order.
    enum class Nesting { savepoint, join };
    void begin_write(Nesting nesting = Nesting::savepoint);
    void commit_write();
    /// Never throws: a rollback that fails leaves nothing to undo.
    void rollback_write() noexcept;
    bool in_transaction() const;
    /// Writes the caller holds back until its transaction ends. FTS5 writes
    /// the index data it has collected to disk at every statement savepoint
    /// of a transaction (most INSERTs and UPDATEs open one), so full-text
    /// rows added one by one among other writes become one index segment
    /// each, which FTS5 then merges again and again. Held back and written
    /// together, a page of records makes one segment. `flush` writes what is
    /// held: it runs before the outermost COMMIT and before a savepoint
    /// begins inside a transaction, so that everything held is newer than
    /// the innermost savepoint. `discard` drops what is held, without
    /// writing, when a savepoint or the transaction rolls back; it must not
    /// throw. A failing flush before COMMIT rolls the transaction back.
    void hold_writes(std::function<void()> flush, std::function<void()> discard);
    /// Copies the WAL into the database file (checkpoints) on a thread of
    /// its own, with a connection of its own, instead of on the thread that
    /// commits. SQLite's automatic checkpoint runs inside the COMMIT that
    /// fills the WAL, so a long harvest spent about a sixth of its storing
    /// thread copying pages it had already written once. From `start_frames`
    /// pages in the WAL on, each commit wakes the checkpointing thread. A
    /// checkpoint alone does not let the WAL start from its beginning again
    /// while commits keep coming, so from `most_frames` on the committing
    /// connection copies what is left itself (little, the other thread
    /// having copied the rest), and its next transaction restarts the WAL:
    /// the WAL file stays near `most_frames` pages. Replaces SQLite's
    /// automatic checkpoint (`PRAGMA wal_autocheckpoint`) on this connection.
    void checkpoint_in_background(std::int64_t start_frames, std::int64_t most_frames);
    /// Checkpoints completed on the checkpointing thread so far.
    std::int64_t background_checkpoints() const;
    /// Throws if the open transaction was marked failed by a joined scope.
    void check_usable() const;

    std::int64_t last_insert_rowid() const;
    /// Rows changed by the most recent statement.
    std::int64_t changes() const;
    /// Rows changed since the connection was opened.
    std::int64_t total_changes() const;

    /// Throw a StoreError for the SQLite result code `rc`, naming the file,
    /// what was being done and SQLite's message.
    [[noreturn]] void fail(int rc, std::string_view what) const;

    sqlite3* handle() { return m_db; }

    /// Adds the full-text ranking `ernte_bm25(table, weight...)` to this
    /// connection: the Okapi BM25 score of FTS5's own bm25() (k1 1.2, b 0.75,
    /// a phrase's hits counted with the weight of their column, negated so
    /// that smaller is better), with one difference: a row's length in
    /// tokens comes from the lengths set with set_rank_lengths where they are
    /// known, instead of from the table's docsize row. Reading that row for
    /// every match is most of what bm25() costs when a word matches tens of
    /// thousands of rows.
    void add_ranking();
    /// The row lengths ernte_bm25 uses from now on: by rowid, the number of
    /// tokens in all columns plus one; 0, or a rowid past the end: not known,
    /// read from the table. The span must outlive its use; an empty one
    /// (the default) reads every length from the table.
    void set_rank_lengths(std::span<const std::uint32_t> lengths) { m_rank_lengths = lengths; }
    std::span<const std::uint32_t> rank_lengths() const { return m_rank_lengths; }

private:
    std::filesystem::path m_path;
    sqlite3* m_db = nullptr;
    std::span<const std::uint32_t> m_rank_lengths;
    struct CacheEntry {
        std::unique_ptr<Statement> statement;
        bool in_use = false;
    };
    /// Looks up SQL text without building a std::string per call.
    struct SqlHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view sql) const { return std::hash<std::string_view>{}(sql); }
    };
    std::unordered_map<std::string, CacheEntry, SqlHash, std::equal_to<>> m_cache;
    struct Scope {
        enum class Kind { transaction, savepoint, joined } kind;
        std::int64_t changes_at_begin;
    };
    std::vector<Scope> m_scopes;
    /// A joined scope failed after writing: the transaction must not commit.
    bool m_failed = false;
    struct Checkpointer;
    std::unique_ptr<Checkpointer> m_checkpointer;
    std::function<void()> m_flush_held;
    std::function<void()> m_discard_held;
    void discard_held() noexcept;

    [[noreturn]] void abort_failed_transaction();
};

/// Row lengths for ernte_bm25 while the scope lives (Database::set_rank_lengths).
class RankLengthsScope {
public:
    RankLengthsScope(Database& db, std::span<const std::uint32_t> lengths) : m_db(&db) {
        m_db->set_rank_lengths(lengths);
    }
    ~RankLengthsScope() { m_db->set_rank_lengths({}); }
    RankLengthsScope(const RankLengthsScope&) = delete;
    RankLengthsScope& operator=(const RankLengthsScope&) = delete;

private:
    Database* m_db;
};

/// The number of tokens of an FTS5 row from its docsize value (a varint per
/// column, summed); nullopt when the value cannot be read.
std::optional<std::uint32_t> fts_row_tokens(std::string_view docsize);

/// A write scope that rolls back unless committed.
class WriteScope {
public:
    explicit WriteScope(Database& db, Database::Nesting nesting = Database::Nesting::savepoint) : m_db(&db) {
        m_db->begin_write(nesting);
    }
    ~WriteScope() {
        if (!m_done) m_db->rollback_write();
    }
    WriteScope(const WriteScope&) = delete;
    WriteScope& operator=(const WriteScope&) = delete;
    void commit() {
        m_done = true;
        m_db->commit_write();
    }

private:
    Database* m_db;
    bool m_done = false;
};

}  // namespace ernte::catalog::sqlite
