#include "catalog/store.hpp"

#include "catalog/ckan_package.hpp"
#include "catalog/facet_index.hpp"
#include "catalog/migrations.hpp"
#include "catalog/sqlite.hpp"
#include "catalog/time.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <fstream>
#include <map>
#include <set>
#include <thread>
#include <signal.h>
#include <unistd.h>

namespace ernte::catalog {

namespace {

/// SQLite result codes used for errors raised by the store itself (kept here
/// so that only the handle wrappers include sqlite3.h).
constexpr int k_sqlite_error = 1;
constexpr int k_sqlite_busy = 5;
constexpr int k_sqlite_cantopen = 14;
constexpr int k_sqlite_notadb = 26;

/// Largest offending fragment kept per error row.
constexpr std::size_t k_fragment_limit = 4096;

bool parse_digits(std::string_view text, std::size_t pos, std::size_t count, int& out) {
    if (pos + count > text.size()) return false;
    const char* first = text.data() + pos;
    const char* last = first + count;
    if (!std::all_of(first, last, [](char c) { return c >= '0' && c <= '9'; })) return false;
    std::from_chars(first, last, out);
    return true;
}

/// dct:modified in a form whose text order is time order: date-times with a
/// zone are converted to UTC (`YYYY-MM-DDThh:mm:ssZ`); dates and anything
/// unparseable stay as delivered. A date sorts before any time on that day.
std::string modified_sort_key(std::string_view modified) {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (modified.size() < 19 || modified[4] != '-' || modified[7] != '-' || modified[10] != 'T' ||
        modified[13] != ':' || modified[16] != ':' || !parse_digits(modified, 0, 4, year) ||
        !parse_digits(modified, 5, 2, month) || !parse_digits(modified, 8, 2, day) ||
        !parse_digits(modified, 11, 2, hour) || !parse_digits(modified, 14, 2, minute) ||
        !parse_digits(modified, 17, 2, second)) {
        return std::string(modified);
    }
    std::size_t pos = 19;
    if (pos < modified.size() && modified[pos] == '.') {
        ++pos;
        while (pos < modified.size() && modified[pos] >= '0' && modified[pos] <= '9') ++pos;
    }
    int offset_minutes = 0;
    const std::string_view zone = modified.substr(pos);
    if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
        int zone_hours = 0, zone_minutes = 0;
        if (!parse_digits(zone, 1, 2, zone_hours) || !parse_digits(zone, 4, 2, zone_minutes)) {
            return std::string(modified);
        }
        offset_minutes = (zone[0] == '-' ? -1 : 1) * (zone_hours * 60 + zone_minutes);
    } else if (!zone.empty() && zone != "Z") {
        return std::string(modified);
    }
    const std::chrono::year_month_day date{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                                           std::chrono::day(static_cast<unsigned>(day))};
    if (!date.ok() || hour > 23 || minute > 59 || second > 60) return std::string(modified);
    const auto time = std::chrono::sys_days(date) + std::chrono::hours(hour) + std::chrono::minutes(minute) +
                      std::chrono::seconds(second) - std::chrono::minutes(offset_minutes);
    return format_utc(std::chrono::system_clock::time_point(time));
}

std::string json_string_array(const std::vector<std::string>& values) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    writer.StartArray();
    for (const auto& value : values) writer.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
    writer.EndArray();
    return {buffer.GetString(), buffer.GetSize()};
}

std::vector<std::string> parse_string_array(std::string_view json) {
    std::vector<std::string> values;
    rapidjson::Document document;
    document.Parse(json.data(), json.size());
    if (document.HasParseError() || !document.IsArray()) return values;
    for (const auto& value : document.GetArray()) {
        if (value.IsString()) values.emplace_back(value.GetString(), value.GetStringLength());
    }
    return values;
}

std::vector<std::string> split_names(std::string_view text) {
    std::vector<std::string> names;
    while (!text.empty()) {
        const std::size_t comma = text.find(',');
        names.emplace_back(text.substr(0, comma));
        if (comma == std::string_view::npos) break;
        text.remove_prefix(comma + 1);
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

/// At most `limit` bytes, cut at a UTF-8 character boundary.
std::string truncate_utf8(const std::string& text, std::size_t limit) {
    if (text.size() <= limit) return text;
    std::size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return text.substr(0, cut);
}

bool valid_source_name(std::string_view name) {
    return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
}

bool all_digits(std::string_view text) {
    return !text.empty() && text.size() < 19 &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// Whether a process with this id exists on this machine (EPERM: it exists
/// but belongs to someone else).
bool process_alive(std::int64_t pid) {
    if (pid <= 0) return false;
    if (::kill(static_cast<pid_t>(pid), 0) != 0) return errno == EPERM;
    // A killed process its parent has not waited for yet still answers
    // kill(); its state in /proc says it is gone ("Z", a zombie).
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!std::getline(stat, line)) return true;
    const auto close = line.rfind(')');  // the command name may hold spaces and parentheses
    return close == std::string::npos || close + 2 >= line.size() || line[close + 2] != 'Z';
}

std::string host_name() {
    char buffer[256] = {};
    if (::gethostname(buffer, sizeof buffer - 1) != 0) return "localhost";
    return buffer;
}

std::optional<RunMode> run_mode_from_string(std::string_view text) {
    if (text == "full") return RunMode::full;
    if (text == "incremental") return RunMode::incremental;
    return std::nullopt;
}

model::RecordStatus record_status_from_string(std::string_view text) {
    if (text == "deprecated") return model::RecordStatus::deprecated;
    if (text == "withdrawn") return model::RecordStatus::withdrawn;
    return model::RecordStatus::active;
}

std::string licence_column(const model::Licence& licence) {
    return licence.iri.empty() ? licence.original : licence.iri;
}

// Columns of a run row, read by read_run.
constexpr std::string_view k_run_columns =
    "r.id, s.name, r.mode, r.status, r.started, coalesce(r.finished, ''), r.since, r.added, r.updated, "
    "r.unchanged, r.deleted, r.deletions_withheld, r.errors, r.pages, r.message "
    "FROM harvest_runs r JOIN sources s ON s.id = r.source_id ";

RunRow read_run(const sqlite::Statement& q) {
    RunRow row;
    row.id = q.column_int64(0);
    row.source = q.column_text(1);
    row.mode = run_mode_from_string(q.column_view(2)).value_or(RunMode::full);
    row.status = run_status_from_string(q.column_view(3)).value_or(RunStatus::interrupted);
    row.started = q.column_text(4);
    row.finished = q.column_text(5);
    row.since = q.column_text(6);
    row.counts.added = q.column_int64(7);
    row.counts.updated = q.column_int64(8);
    row.counts.unchanged = q.column_int64(9);
    row.counts.deleted = q.column_int64(10);
    row.counts.deletions_withheld = q.column_int64(11);
    row.counts.errors = q.column_int64(12);
    row.counts.pages = q.column_int64(13);
    row.message = q.column_text(14);
    return row;
}

// Columns of a link check row, read by read_link_check.
constexpr std::string_view k_link_check_columns =
    "url, coalesce(checked, ''), ok, status, content_type, size, final_url, failure, error, "
    "coalesce(first_failure, ''), coalesce(last_success, ''), consecutive_failures, not_checked, attempted "
    "FROM link_checks ";

LinkCheckRow read_link_check(const sqlite::Statement& q) {
    LinkCheckRow row;
    row.url = q.column_text(0);
    row.checked = q.column_text(1);
    row.ok = q.column_int64(2) != 0;
    row.status = static_cast<long>(q.column_int64(3));
    row.content_type = q.column_text(4);
    row.size = q.column_optional_int64(5);
    row.final_url = q.column_text(6);
    row.failure = q.column_text(7);
    row.error = q.column_text(8);
    row.first_failure = q.column_text(9);
    row.last_success = q.column_text(10);
    row.consecutive_failures = q.column_int64(11);
    row.not_checked = q.column_text(12);
    row.attempted = q.column_text(13);
    return row;
}

// Columns of a catalogue record, read by read_record.
constexpr std::string_view k_record_columns =
    "d.id, d.iri, d.status, v.record, v.content_hash, d.first_seen, d.last_changed, d.deprecated_at, "
    "(SELECT group_concat(s.name, ',') FROM dataset_sources l JOIN sources s ON s.id = l.source_id "
    " WHERE l.dataset_id = d.id AND l.state = 'active'), d.version_id, ck.package_id, ck.name "
    "FROM datasets d JOIN dataset_versions v ON v.id = d.version_id "
    "LEFT JOIN ckan_packages ck ON ck.dataset_id = d.id ";

CatalogRecord read_record(const sqlite::Statement& q) {
    CatalogRecord record;
    record.id = q.column_int64(0);
    record.iri = q.column_text(1);
    record.status = record_status_from_string(q.column_view(2));
    record.dataset = model::dataset_from_json(q.column_view(3));
    record.content_hash = q.column_text(4);
    record.first_seen = q.column_text(5);
    record.last_changed = q.column_text(6);
    record.deprecated_at = q.column_text(7);
    record.sources = split_names(q.column_view(8));
    record.version_id = q.column_int64(9);
    record.package_id = q.column_text(10);
    record.package_name = q.column_text(11);
    return record;
}

}  // namespace

// ------------------------------------------------------------------ names

std::string_view to_string(RunStatus status) {
    switch (status) {
    case RunStatus::running: return "running";
    case RunStatus::succeeded: return "succeeded";
    case RunStatus::partial: return "partial";
    case RunStatus::failed: return "failed";
    case RunStatus::interrupted: return "interrupted";
    }
    return "unknown";
}

std::optional<RunStatus> run_status_from_string(std::string_view text) {
    for (RunStatus s : {RunStatus::running, RunStatus::succeeded, RunStatus::partial, RunStatus::failed,
                        RunStatus::interrupted}) {
        if (to_string(s) == text) return s;
    }
    return std::nullopt;
}

std::string_view to_string(RunMode mode) { return mode == RunMode::full ? "full" : "incremental"; }

std::string_view to_string(LinkOutcome outcome) {
    switch (outcome) {
    case LinkOutcome::ok: return "ok";
    case LinkOutcome::broken: return "broken";
    case LinkOutcome::not_checked: return "not_checked";
    }
    return "unknown";
}

std::string_view to_string(model::RecordStatus status) {
    switch (status) {
    case model::RecordStatus::active: return "active";
    case model::RecordStatus::deprecated: return "deprecated";
    case model::RecordStatus::withdrawn: return "withdrawn";
    }
    return "unknown";
}

// ------------------------------------------------------------------ Impl

struct Store::Impl {
    explicit Impl(const std::filesystem::path& file) : path(file), db(open(file)) {}

    std::filesystem::path path;
    sqlite::Database db;
    std::function<std::chrono::system_clock::time_point()> clock = [] { return std::chrono::system_clock::now(); };
    std::string host = host_name();
    std::int64_t pid = ::getpid();
    int schema_version = 0;
    int kept_versions = 0;  ///< Store::set_kept_versions; 0: all

    /// Drops the content of the versions of (dataset, source) beyond the
    /// newest `kept_versions` that nothing points to any more.
    void drop_old_version_content(std::int64_t dataset_id, std::int64_t source_id);

    /// The time as stored, formatted once a second (a harvest asks for it per record).
    std::string now() const {
        const auto time = clock();
        const auto second = std::chrono::floor<std::chrono::seconds>(time);
        if (second != now_second || now_text.empty()) {
            now_text = format_utc(time);
            now_second = second;
        }
        return now_text;
    }
    mutable std::chrono::sys_seconds now_second{};
    mutable std::string now_text;

    static std::filesystem::path open(const std::filesystem::path& file) {
        const std::filesystem::path folder = file.parent_path();
        if (!folder.empty()) {
            std::error_code error;
            std::filesystem::create_directories(folder, error);
            if (error) {
                throw StoreError(k_sqlite_cantopen, fmt::format("{}: cannot create the folder {}: {}", file.string(),
                                                                folder.string(), error.message()));
            }
        }
        return file;
    }

    void configure();
    void migrate();

    /// What refresh_dataset did to the catalogue row.
    enum class Refresh { none, changed, reactivated, deprecated };
    Refresh refresh_dataset(std::int64_t dataset_id, const model::Dataset* known, std::int64_t known_version);
    void write_current(std::int64_t dataset_id, const model::Dataset& record, std::int64_t version_id,
                       const std::string& now);
    void write_distributions(std::int64_t dataset_id, const model::Dataset& record, bool replace);
    /// The search rows of a dataset (migration 006): its CKAN id and name are
    /// given when it has none, the other fields follow the record.
    void write_search(std::int64_t dataset_id, const model::Dataset& record, bool replace);
    /// The full-text rows of write_search (ckan_text), held back by dataset
    /// id while a transaction is open and written in id order before it
    /// commits (sqlite::Database::hold_writes): FTS5 would otherwise make an
    /// index segment of every record of a harvested page.
    struct SearchText {
        std::string title;
        std::string notes;
        std::string tags;
    };
    std::map<std::int64_t, SearchText> held_text;
    /// Rows to delete before the held ones are written (a changed record
    /// replaces its row; FTS5 collects a deletion like an insertion).
    std::set<std::int64_t> held_removals;
    void write_search_text(std::int64_t dataset_id, SearchText text);
    void remove_search_text(std::int64_t dataset_id);
    /// Writes the held rows; anything that reads ckan_text on this connection
    /// calls it first.
    void flush_search_text();
    /// Search rows for datasets stored before migration 006 (or without them).
    void fill_missing_search_rows();
    /// A package name not yet taken: `base`, else `base` with "-2", "-3" ...
    std::string free_package_name(std::string base);
    /// The dataset a record joins: by IRI (of a dataset or of any of its
    /// links), else by identifier among datasets without an active link from
    /// the source, active ones first.
    std::optional<std::int64_t> dataset_for(const std::string& iri, const std::string& identifier,
                                            std::int64_t source_id);
    std::string source_name(std::int64_t source_id);
    std::optional<CatalogRecord> find_one(std::string_view where, std::string_view value);
};

void Store::Impl::configure() {
    db.exec("PRAGMA busy_timeout = 10000");
    {
        // A file with tables but without schema_migrations is another
        // program's database: ernte would add its tables to it. Checked
        // before anything is written, the journal mode included.
        auto q = db.prepare(
            "SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' "
            "ESCAPE '\\' ORDER BY name");
        std::vector<std::string> tables;
        bool catalogue = false;
        while (q->step()) {
            std::string name = q->column_text(0);
            if (name == "schema_migrations") catalogue = true;
            tables.push_back(std::move(name));
        }
        if (catalogue) {
            // Other tools name their migration table so too (Rails): ernte's
            // records each migration's name and when it was applied.
            int columns = 0;
            auto info = db.prepare("SELECT name FROM pragma_table_info('schema_migrations')");
            while (info->step()) {
                const std::string column = info->column_text(0);
                if (column == "version" || column == "name" || column == "applied") ++columns;
            }
            catalogue = columns == 3;
        }
        if (!tables.empty() && !catalogue) {
            if (tables.size() > 5) {
                tables.resize(5);
                tables.push_back("...");
            }
            throw StoreError(k_sqlite_notadb,
                             fmt::format("{}: this SQLite file is not an ernte catalogue but another program's "
                                         "database (it holds the tables {}); ernte leaves it as it is. Name a new "
                                         "file or an ernte catalogue in database:",
                                         path.string(), fmt::join(tables, ", ")));
        }
    }
    // A new catalogue gets 16 KiB pages rather than SQLite's 4 KiB: a version
    // (record and raw fragment, often 5 KiB) then fits its page without an
    // overflow page, and a commit writes fewer, larger WAL frames. A
    // 100,000-dataset harvest took about a tenth less time (docs/store.md).
    // SQLite applies this only to a file without pages yet; an older
    // catalogue keeps its page size.
    db.exec("PRAGMA page_size = 16384");
    {
        // Switching a new file to WAL needs the file to itself, and SQLite
        // answers "locked" at once, without waiting, while another connection
        // opens the same new file (two sources harvested side by side on a
        // first run): the switch is tried again for as long as busy_timeout.
        std::string mode;
        const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        for (int attempt = 0;; ++attempt) {
            try {
                auto q = db.prepare("PRAGMA journal_mode = WAL");
                mode = q->step() ? q->column_text(0) : std::string();
                break;
            } catch (const StoreError& e) {
                if (e.code() != k_sqlite_busy || std::chrono::steady_clock::now() >= give_up) throw;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(std::min(2 + attempt * 5, 50)));
        }
        if (mode != "wal" && mode != "memory") {
            throw StoreError(k_sqlite_cantopen, fmt::format("{}: cannot switch to WAL mode (journal mode is \"{}\"); "
                                                            "is the file on a network file system?",
                                                            path.string(), mode));
        }
    }
    db.exec("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -16384; "
            "PRAGMA temp_store = MEMORY; PRAGMA journal_size_limit = 67108864");
    // Checkpoints (copying the WAL into the database, with an fsync) from
    // 64 MiB of WAL on rather than SQLite's 4 MiB: a first harvest writes
    // hundreds of MiB, and frequent checkpoints halved its speed. They run
    // beside the writes, on a thread of their own; the WAL stays near 128 MiB.
    std::int64_t page_size = 4096;
    {
        auto q = db.prepare("PRAGMA page_size");
        if (q->step()) page_size = std::max<std::int64_t>(512, q->column_int64(0));
    }
    constexpr std::int64_t k_checkpoint_from = 64 << 20;  // bytes of WAL
    constexpr std::int64_t k_wal_bound = 128 << 20;
    db.checkpoint_in_background(k_checkpoint_from / page_size, k_wal_bound / page_size);
    db.add_ranking();
    db.hold_writes([this] { flush_search_text(); },
                   [this] {
                       held_text.clear();
                       held_removals.clear();
                   });
}

void Store::Impl::migrate() {
    const auto all = migrations();
    const int newest = all.empty() ? 0 : all.back().version;
    db.exec("CREATE TABLE IF NOT EXISTS schema_migrations ("
            "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL)");
    auto current = [this] {
        auto q = db.cached("SELECT coalesce(max(version), 0) FROM schema_migrations");
        q->step();
        return static_cast<int>(q->column_int64(0));
    };
    schema_version = current();
    if (schema_version > newest) {
        throw StoreError(k_sqlite_error,
                         fmt::format("{}: the database has schema version {}, newer than this ernte {} knows "
                                     "(up to {}); use a newer ernte for this file",
                                     path.string(), schema_version, model::version(), newest));
    }
    // Each migration not yet recorded is applied, in order (not only those
    // above the newest recorded: a database may lack a lower one).
    auto applied = [this](int version) {
        auto q = db.cached("SELECT 1 FROM schema_migrations WHERE version = ?1");
        q->bind(1, version);
        return q->step();
    };
    for (const Migration& migration : all) {
        if (applied(migration.version)) continue;
        sqlite::WriteScope scope(db);
        // Another process may have migrated while this one waited for the lock.
        if (applied(migration.version)) continue;
        try {
            db.exec(migration.sql);
        } catch (const StoreError& e) {
            throw StoreError(e.code(), fmt::format("applying migration {:03}_{}: {}", migration.version,
                                                   migration.name, e.what()));
        }
        auto q = db.cached("INSERT INTO schema_migrations (version, name, applied) VALUES (?1, ?2, ?3)");
        q->bind(1, migration.version).bind(2, migration.name).bind(3, now()).run();
        scope.commit();
    }
    schema_version = current();
}

std::string Store::Impl::source_name(std::int64_t source_id) {
    auto q = db.cached("SELECT name FROM sources WHERE id = ?1");
    q->bind(1, source_id);
    if (!q->step()) throw std::invalid_argument(fmt::format("no source with id {}", source_id));
    return q->column_text(0);
}

std::optional<std::int64_t> Store::Impl::dataset_for(const std::string& iri, const std::string& identifier,
                                                     std::int64_t source_id) {
    // Runs for every new record: one statement, no ORDER BY or IN (subquery),
    // which would build a temporary b-tree per call. coalesce stops at the
    // first match; an empty IRI or identifier is bound as NULL and matches
    // nothing. The + keeps the planner on the IRI and identifier indexes.
    // Identifiers match only links of other sources (two range scans of the
    // (identifier, source_id) index that skip this source's links), so a
    // portal that gives thousands of its datasets one identifier costs no
    // more than one that does not.
    static constexpr const char* other_source_link =
        " (SELECT l.dataset_id FROM dataset_sources l{}"
        "  WHERE l.identifier = ?2 AND l.source_id {} ?3{} AND NOT EXISTS (SELECT 1 FROM dataset_sources o"
        "    WHERE o.dataset_id = l.dataset_id AND +o.source_id = ?3 AND o.state = 'active') LIMIT 1)";
    static const std::string sql = fmt::format(
        "SELECT coalesce("
        " (SELECT id FROM datasets WHERE iri = ?1),"
        " (SELECT dataset_id FROM dataset_sources WHERE iri = ?1 LIMIT 1),{},{},{},{})",
        fmt::format(fmt::runtime(other_source_link), " JOIN datasets d ON d.id = l.dataset_id", "<", " AND +d.status = 'active'"),
        fmt::format(fmt::runtime(other_source_link), " JOIN datasets d ON d.id = l.dataset_id", ">", " AND +d.status = 'active'"),
        fmt::format(fmt::runtime(other_source_link), "", "<", ""),
        fmt::format(fmt::runtime(other_source_link), "", ">", ""));
    auto q = db.cached(sql);
    q->bind_or_null(1, iri).bind_or_null(2, identifier).bind(3, source_id);
    q->step();
    return q->column_optional_int64(0);
}

void Store::Impl::write_distributions(std::int64_t dataset_id, const model::Dataset& record, bool replace) {
    if (replace) {
        auto q = db.cached("DELETE FROM distributions WHERE dataset_id = ?1");
        q->bind(1, dataset_id).run();
    }
    auto q = db.cached(
        "INSERT INTO distributions (dataset_id, position, iri, access_url, download_url, format, media_type, "
        "licence) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    std::int64_t position = 0;
    for (const auto& d : record.distributions) {
        q->bind(1, dataset_id).bind(2, position++).bind_or_null(3, d.iri);
        q->bind_or_null(4, d.access_urls.empty() ? std::string_view() : std::string_view(d.access_urls.front()));
        q->bind_or_null(5, d.download_urls.empty() ? std::string_view() : std::string_view(d.download_urls.front()));
        q->bind_or_null(6, d.format.empty() ? d.format_original : d.format);
        q->bind_or_null(7, d.media_type.empty() ? d.media_type_original : d.media_type);
        q->bind_or_null(8, licence_column(d.licence));
        q->run();
        q->reset();
    }
}

void Store::Impl::write_current(std::int64_t dataset_id, const model::Dataset& record, std::int64_t version_id,
                                const std::string& now) {
    // The IRI follows the winner unless the winner has none, or another
    // dataset already holds it (the IRI column stays unique).
    auto q = db.cached(
        "UPDATE datasets SET "
        "iri = CASE WHEN ?2 IS NULL OR EXISTS (SELECT 1 FROM datasets o WHERE o.iri = ?2 AND o.id <> ?1) "
        "      THEN iri ELSE ?2 END, "
        "identifier = ?3, name = ?4, title = ?5, publisher_name = ?6, publisher_iri = ?7, modified = ?8, "
        "status = 'active', deprecated_at = NULL, withdrawn_at = NULL, last_changed = ?9, version_id = ?10 "
        "WHERE id = ?1");
    q->bind(1, dataset_id)
        .bind_or_null(2, record.iri)
        .bind_or_null(3, record.identifier)
        .bind_or_null(4, record.name)
        .bind(5, record.display_title())
        .bind_or_null(6, record.publisher.name)
        .bind_or_null(7, record.publisher.iri)
        .bind(8, record.modified)
        .bind(9, now)
        .bind(10, version_id)
        .run();
    write_distributions(dataset_id, record, true);
    write_search(dataset_id, record, true);
}

std::string Store::Impl::free_package_name(std::string base) {
    auto q = db.cached("SELECT 1 FROM ckan_packages WHERE name = ?1");
    for (int n = 1;; ++n) {
        std::string candidate = base;
        if (n > 1) {
            const std::string suffix = fmt::format("-{}", n);
            candidate = base.substr(0, 100 - suffix.size()) + suffix;
        }
        q->bind(1, candidate);
        const bool taken = q->step();
        q->reset();
        if (!taken) return candidate;
    }
}

void Store::Impl::write_search(std::int64_t dataset_id, const model::Dataset& record, bool replace) {
    const std::string org = ckan_organization_name(record.publisher);
    const std::string_view org_title = record.publisher.name.empty() ? std::string_view(org)
                                                                     : std::string_view(record.publisher.name);
    const std::string_view licence = ckan_licence_id(record.licence);
    bool have_row = false;
    if (replace) {
        auto q = db.cached("UPDATE ckan_packages SET org_name = ?2, org_title = ?3, licence_id = ?4 "
                           "WHERE dataset_id = ?1");
        q->bind(1, dataset_id).bind_or_null(2, org).bind_or_null(3, org.empty() ? std::string_view() : org_title);
        q->bind_or_null(4, licence).run();
        have_row = db.changes() > 0;
        auto values = db.cached("DELETE FROM ckan_values WHERE dataset_id = ?1");
        values->bind(1, dataset_id).run();
        remove_search_text(dataset_id);
    }
    if (!have_row) {
        // A new dataset has the record's IRI (upsert inserted it so); one
        // filled later the IRI it has now.
        std::string iri = record.iri;
        if (replace) {
            auto q = db.cached("SELECT coalesce(iri, '') FROM datasets WHERE id = ?1");
            q->bind(1, dataset_id);
            if (q->step()) iri = q->column_text(0);
        }
        // The id of the IRI; a dataset without IRI, or whose IRI's id another
        // dataset holds already (it had that IRI before), gets one of its own.
        std::string package_id = ckan_package_id(iri.empty() ? fmt::format("urn:ernte:dataset:{}", dataset_id) : iri);
        std::string name = ckan_package_name(record, package_id);
        const auto insert = [&](std::string_view sql) {
            auto q = db.cached(sql);
            q->bind(1, dataset_id).bind(2, package_id).bind(3, name).bind_or_null(4, org);
            q->bind_or_null(5, org.empty() ? std::string_view() : org_title).bind_or_null(6, licence).run();
            return db.changes() > 0;
        };
        // Nearly every dataset gets the id of its IRI and its own name at
        // once; only when one of them is taken is it looked up which.
        if (!insert("INSERT INTO ckan_packages (dataset_id, package_id, name, org_name, org_title, licence_id) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING")) {
            bool id_taken = false;
            bool name_taken = false;
            {
                auto q = db.cached("SELECT EXISTS (SELECT 1 FROM ckan_packages WHERE package_id = ?1), "
                                   "EXISTS (SELECT 1 FROM ckan_packages WHERE name = ?2)");
                q->bind(1, package_id).bind(2, name);
                if (q->step()) {
                    id_taken = q->column_int64(0) != 0;
                    name_taken = q->column_int64(1) != 0;
                }
            }
            if (id_taken) package_id = ckan_uuid(fmt::format("urn:ernte:dataset:{}", dataset_id));
            if (name_taken) name = free_package_name(name);
            insert("INSERT INTO ckan_packages (dataset_id, package_id, name, org_name, org_title, licence_id) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        }
    }

    auto value = db.cached("INSERT OR IGNORE INTO ckan_values (dataset_id, field, value) VALUES (?1, ?2, ?3)");
    const auto add_value = [&](std::string_view field, std::string_view v) {
        if (v.empty()) return;
        value->bind(1, dataset_id).bind(2, field).bind(3, v).run();
        value->reset();
    };
    std::string tag_text;
    for (const auto& tag : ckan_tags(record)) {
        add_value("tags", tag);
        tag_text.append(tag).append("\n");
    }
    for (const auto& d : record.distributions) add_value("res_format", ckan_resource_format(d));
    for (const auto& theme : record.themes) add_value("groups", ckan_group_name(theme));

    std::string titles;
    for (const auto& t : record.title) titles.append(t.value).append("\n");
    std::string notes;
    for (const auto& t : record.description) notes.append(t.value).append("\n");
    write_search_text(dataset_id, SearchText{search_fold(titles), search_fold(notes), search_fold(tag_text)});
}

void Store::Impl::write_search_text(std::int64_t dataset_id, SearchText text) {
    if (db.in_transaction()) {
        held_text.insert_or_assign(dataset_id, std::move(text));
        // A transaction over the whole catalogue (search rows filled in when
        // an older database is opened) holds no more than this at a time.
        constexpr std::size_t k_most_held = 10000;
        if (held_text.size() + held_removals.size() >= k_most_held) flush_search_text();
        return;
    }
    auto q = db.cached("INSERT INTO ckan_text (rowid, title, notes, tags) VALUES (?1, ?2, ?3, ?4)");
    q->bind(1, dataset_id).bind(2, text.title).bind(3, text.notes).bind(4, text.tags).run();
}

void Store::Impl::remove_search_text(std::int64_t dataset_id) {
    held_text.erase(dataset_id);
    if (db.in_transaction()) {
        held_removals.insert(dataset_id);
        return;
    }
    auto q = db.cached("DELETE FROM ckan_text WHERE rowid = ?1");
    q->bind(1, dataset_id).run();
}

void Store::Impl::flush_search_text() {
    // A row leaves the held ones only once it is written: after a write that
    // fails, it and the rest are still held, and the commit, which writes
    // them first, fails too instead of committing without them.
    if (!held_removals.empty()) {
        auto q = db.cached("DELETE FROM ckan_text WHERE rowid = ?1");
        for (auto it = held_removals.begin(); it != held_removals.end(); it = held_removals.erase(it)) {
            q->bind(1, *it).run();
            q->reset();
        }
    }
    if (held_text.empty()) return;
    auto q = db.cached("INSERT INTO ckan_text (rowid, title, notes, tags) VALUES (?1, ?2, ?3, ?4)");
    for (auto it = held_text.begin(); it != held_text.end(); it = held_text.erase(it)) {
        const auto& [dataset_id, text] = *it;
        q->bind(1, dataset_id).bind(2, text.title).bind(3, text.notes).bind(4, text.tags).run();
        q->reset();
    }
}

void Store::Impl::fill_missing_search_rows() {
    std::vector<std::pair<std::int64_t, std::int64_t>> missing;  // dataset, version
    {
        auto q = db.cached(
            "SELECT d.id, d.version_id FROM datasets d WHERE d.version_id IS NOT NULL "
            "AND NOT EXISTS (SELECT 1 FROM ckan_packages c WHERE c.dataset_id = d.id) ORDER BY d.id");
        while (q->step()) missing.emplace_back(q->column_int64(0), q->column_int64(1));
    }
    if (missing.empty()) return;
    sqlite::WriteScope scope(db);
    for (const auto& [dataset_id, version_id] : missing) {
        model::Dataset record;
        {
            auto q = db.cached("SELECT record FROM dataset_versions WHERE id = ?1");
            q->bind(1, version_id);
            if (!q->step()) continue;
            record = model::dataset_from_json(q->column_view(0));
        }
        write_search(dataset_id, record, true);
    }
    scope.commit();
}

Store::Impl::Refresh Store::Impl::refresh_dataset(std::int64_t dataset_id, const model::Dataset* known,
                                                  std::int64_t known_version) {
    std::optional<std::int64_t> current;
    std::string status;
    {
        auto q = db.cached("SELECT version_id, status FROM datasets WHERE id = ?1");
        q->bind(1, dataset_id);
        if (!q->step()) return Refresh::none;
        current = q->column_optional_int64(0);
        status = q->column_text(1);
    }
    std::optional<std::int64_t> winner;
    {
        // The winner rule: newest non-empty modified, then higher source
        // priority, then the older source, then the older link.
        auto q = db.cached(
            "SELECT l.version_id FROM dataset_sources l JOIN sources s ON s.id = l.source_id "
            "WHERE l.dataset_id = ?1 AND l.state = 'active' "
            "ORDER BY l.modified = '', l.modified DESC, s.priority DESC, l.source_id, l.id LIMIT 1");
        q->bind(1, dataset_id);
        if (q->step()) winner = q->column_int64(0);
    }
    const std::string time = now();
    if (!winner) {
        if (status != "active") return Refresh::none;
        auto q = db.cached(
            "UPDATE datasets SET status = 'deprecated', deprecated_at = ?2, last_changed = ?2 WHERE id = ?1");
        q->bind(1, dataset_id).bind(2, time).run();
        return Refresh::deprecated;
    }
    if (winner != current) {
        if (known && *winner == known_version) {
            write_current(dataset_id, *known, *winner, time);
        } else {
            model::Dataset record;
            {
                auto q = db.cached("SELECT record FROM dataset_versions WHERE id = ?1");
                q->bind(1, *winner);
                if (!q->step()) db.fail(k_sqlite_error, fmt::format("version {} is missing", *winner));
                record = model::dataset_from_json(q->column_view(0));
            }
            write_current(dataset_id, record, *winner, time);
        }
        return Refresh::changed;
    }
    if (status != "active") {
        auto q = db.cached(
            "UPDATE datasets SET status = 'active', deprecated_at = NULL, withdrawn_at = NULL, last_changed = ?2 "
            "WHERE id = ?1");
        q->bind(1, dataset_id).bind(2, time).run();
        return Refresh::reactivated;
    }
    return Refresh::none;
}

void Store::Impl::drop_old_version_content(std::int64_t dataset_id, std::int64_t source_id) {
    // The versions beyond the newest kept_versions (the autoindex on
    // (dataset_id, source_id, content_hash) finds them) that still hold
    // content, and that neither a link nor the dataset points to. A version
    // belongs to the dataset and source it was written for, and so do the
    // links and the dataset row that point to it.
    auto q = db.cached(
        "UPDATE dataset_versions SET record = '', raw = '' WHERE id IN ("
        "  SELECT v.id FROM dataset_versions v WHERE v.dataset_id = ?1 AND v.source_id = ?2 "
        "  ORDER BY v.id DESC LIMIT -1 OFFSET ?3) "
        "AND record <> '' "
        "AND id NOT IN (SELECT l.version_id FROM dataset_sources l WHERE l.dataset_id = ?1) "
        "AND id IS NOT (SELECT d.version_id FROM datasets d WHERE d.id = ?1) "
        "RETURNING id");
    q->bind(1, dataset_id).bind(2, source_id).bind(3, static_cast<std::int64_t>(kept_versions));
    std::vector<std::int64_t> emptied;
    while (q->step()) emptied.push_back(q->column_int64(0));
    // Their assessments keep the totals (rating, points per dimension) and
    // lose the indicators and findings, which only the current version shows.
    for (const std::int64_t version_id : emptied) {
        auto scores = db.cached("UPDATE quality_scores SET score = '', findings = '' WHERE version_id = ?1 AND score <> ''");
        scores->bind(1, version_id).run();
    }
}

std::optional<CatalogRecord> Store::Impl::find_one(std::string_view where, std::string_view value) {
    const std::string sql =
        fmt::format("SELECT {} WHERE {} ORDER BY d.status = 'active' DESC, d.id LIMIT 1", k_record_columns, where);
    auto q = db.cached(sql);
    q->bind(1, value);
    if (!q->step()) return std::nullopt;
    return read_record(*q);
}

// ------------------------------------------------------------------ Store

Store::Store(const std::filesystem::path& path) : m_impl(std::make_unique<Impl>(path)) {
    m_impl->configure();
    m_impl->migrate();
    m_impl->fill_missing_search_rows();
}

Store::~Store() = default;

const std::filesystem::path& Store::path() const { return m_impl->path; }

int Store::schema_version() const { return m_impl->schema_version; }

void Store::set_kept_versions(int versions) {
    if (versions < 0) throw std::invalid_argument("set_kept_versions: the number of versions cannot be negative");
    m_impl->kept_versions = versions;
}

void Store::set_clock(std::function<std::chrono::system_clock::time_point()> clock) {
    m_impl->clock = clock ? std::move(clock) : [] { return std::chrono::system_clock::now(); };
}

std::int64_t Store::total_changes() const { return m_impl->db.total_changes(); }

std::string Store::integrity_check() const {
    auto q = m_impl->db.cached("PRAGMA integrity_check");
    std::string report;
    while (q->step()) report += (report.empty() ? "" : "\n") + q->column_text(0);
    return report;
}

Store::Transaction::Transaction(Store& store) : m_store(&store) { m_store->m_impl->db.begin_write(); }

Store::Transaction::~Transaction() {
    if (!m_done) m_store->m_impl->db.rollback_write();
}

void Store::Transaction::commit() {
    if (m_done) return;
    m_done = true;
    m_store->m_impl->db.commit_write();
}

// ------------------------------------------------------------------ sources

std::int64_t Store::ensure_source(const SourceInfo& info) {
    if (!valid_source_name(info.name)) {
        throw std::invalid_argument(fmt::format("source name \"{}\" is not of the form [a-z0-9_-]+", info.name));
    }
    auto& db = m_impl->db;
    sqlite::WriteScope scope(db);
    std::optional<std::int64_t> id;
    int old_priority = 0;
    {
        auto q = db.cached("SELECT id, priority FROM sources WHERE name = ?1");
        q->bind(1, info.name);
        if (q->step()) {
            id = q->column_int64(0);
            old_priority = static_cast<int>(q->column_int64(1));
        }
    }
    if (!id) {
        auto q = db.cached("INSERT INTO sources (name, type, url, priority, created) VALUES (?1, ?2, ?3, ?4, ?5)");
        q->bind(1, info.name).bind(2, info.type).bind(3, info.url).bind(4, info.priority).bind(5, m_impl->now()).run();
        const std::int64_t new_id = db.last_insert_rowid();
        scope.commit();
        return new_id;
    }
    {
        auto q = db.cached(
            "UPDATE sources SET type = ?2, url = ?3, priority = ?4 "
            "WHERE id = ?1 AND (type <> ?2 OR url <> ?3 OR priority <> ?4)");
        q->bind(1, *id).bind(2, info.type).bind(3, info.url).bind(4, info.priority).run();
    }
    if (old_priority != info.priority) {
        // A new priority may change the winner of datasets shared with other sources.
        std::vector<std::int64_t> shared;
        {
            auto q = db.cached(
                "SELECT DISTINCT l.dataset_id FROM dataset_sources l WHERE l.source_id = ?1 AND l.state = 'active' "
                "AND EXISTS (SELECT 1 FROM dataset_sources o WHERE o.dataset_id = l.dataset_id "
                "            AND o.state = 'active' AND o.source_id <> ?1)");
            q->bind(1, *id);
            while (q->step()) shared.push_back(q->column_int64(0));
        }
        for (std::int64_t dataset_id : shared) m_impl->refresh_dataset(dataset_id, nullptr, 0);
    }
    scope.commit();
    return *id;
}

std::optional<std::int64_t> Store::source_id(std::string_view name) const {
    auto q = m_impl->db.cached("SELECT id FROM sources WHERE name = ?1");
    q->bind(1, name);
    if (q->step()) return q->column_int64(0);
    return std::nullopt;
}

std::vector<SourceRow> unconfigured_sources(const std::vector<SourceRow>& rows,
                                            const std::vector<std::string>& configured) {
    std::vector<SourceRow> left;
    for (const auto& row : rows) {
        if (row.datasets > 0 && std::find(configured.begin(), configured.end(), row.info.name) == configured.end())
            left.push_back(row);
    }
    return left;
}

std::vector<SourceRow> Store::sources() const {
    std::vector<SourceRow> rows;
    {
        auto q = m_impl->db.cached(
            "SELECT s.id, s.name, s.type, s.url, s.priority, "
            "(SELECT count(*) FROM dataset_sources l WHERE l.source_id = s.id AND l.state = 'active') "
            "FROM sources s ORDER BY s.name");
        while (q->step()) {
            SourceRow row;
            row.id = q->column_int64(0);
            row.info.name = q->column_text(1);
            row.info.type = q->column_text(2);
            row.info.url = q->column_text(3);
            row.info.priority = static_cast<int>(q->column_int64(4));
            row.datasets = q->column_int64(5);
            rows.push_back(std::move(row));
        }
    }
    for (auto& row : rows) {
        row.last_run = last_run(row.id);
        row.last_success = last_run(row.id, RunStatus::succeeded);
    }
    return rows;
}

// ------------------------------------------------------------------ runs

std::vector<RunStatusCount> Store::run_status_counts() const {
    std::vector<RunStatusCount> out;
    auto q = m_impl->db.cached(
        "SELECT s.name, r.status, count(*) FROM harvest_runs r JOIN sources s ON s.id = r.source_id "
        "GROUP BY s.name, r.status ORDER BY s.name, r.status");
    while (q->step()) {
        const auto status = run_status_from_string(q->column_view(1));
        if (!status) continue;
        out.push_back({q->column_text(0), *status, q->column_int64(2)});
    }
    return out;
}

std::int64_t Store::begin_run(std::int64_t source_id, RunMode mode, const std::string& since) {
    auto& db = m_impl->db;
    sqlite::WriteScope scope(db);
    const std::string name = m_impl->source_name(source_id);
    const std::string time = m_impl->now();
    struct Running {
        std::int64_t id;
        std::int64_t pid;
        std::string host;
        std::string started;
    };
    std::vector<Running> running;
    {
        auto q = db.cached("SELECT id, pid, host, started FROM harvest_runs WHERE source_id = ?1 AND status = 'running'");
        q->bind(1, source_id);
        while (q->step()) running.push_back({q->column_int64(0), q->column_int64(1), q->column_text(2), q->column_text(3)});
    }
    for (const auto& run : running) {
        // A run of another machine cannot be checked and counts as live.
        if (run.host != m_impl->host || process_alive(run.pid)) {
            throw StoreError(k_sqlite_busy,
                             fmt::format("{}: source \"{}\" is already being harvested by process {} on {} "
                                         "(run {}, started {})",
                                         m_impl->path.string(), name, run.pid, run.host, run.id, run.started));
        }
        auto q = db.cached(
            "UPDATE harvest_runs SET status = 'interrupted', finished = ?2, message = ?3 WHERE id = ?1");
        q->bind(1, run.id).bind(2, time).bind(3, fmt::format("process {} ended without finishing the run", run.pid)).run();
    }
    auto q = db.cached(
        "INSERT INTO harvest_runs (source_id, mode, status, started, since, pid, host) "
        "VALUES (?1, ?2, 'running', ?3, ?4, ?5, ?6)");
    q->bind(1, source_id).bind(2, to_string(mode)).bind(3, time).bind(4, since).bind(5, m_impl->pid).bind(6, m_impl->host);
    q->run();
    const std::int64_t id = db.last_insert_rowid();
    scope.commit();
    return id;
}

void Store::finish_run(std::int64_t run_id, RunStatus status, const RunCounts& counts, const std::string& message) {
    if (status == RunStatus::running) throw std::invalid_argument("finish_run: a finished run cannot be running");
    auto q = m_impl->db.cached(
        "UPDATE harvest_runs SET status = ?2, finished = ?3, added = ?4, updated = ?5, unchanged = ?6, deleted = ?7, "
        "deletions_withheld = ?8, errors = ?9, pages = ?10, message = ?11 WHERE id = ?1");
    q->bind(1, run_id)
        .bind(2, to_string(status))
        .bind(3, m_impl->now())
        .bind(4, counts.added)
        .bind(5, counts.updated)
        .bind(6, counts.unchanged)
        .bind(7, counts.deleted)
        .bind(8, counts.deletions_withheld)
        .bind(9, counts.errors)
        .bind(10, counts.pages)
        .bind(11, message)
        .run();
    if (m_impl->db.changes() == 0) throw std::invalid_argument(fmt::format("finish_run: no run with id {}", run_id));
}

std::vector<InterruptedRun> Store::mark_interrupted_runs() {
    auto& db = m_impl->db;
    sqlite::WriteScope scope(db);
    std::vector<InterruptedRun> dead;
    std::vector<std::int64_t> pids;
    {
        auto q = db.cached(
            "SELECT r.id, r.pid, s.name FROM harvest_runs r JOIN sources s ON s.id = r.source_id "
            "WHERE r.status = 'running' AND r.host = ?1 ORDER BY r.id");
        q->bind(1, m_impl->host);
        while (q->step()) {
            if (process_alive(q->column_int64(1))) continue;
            dead.push_back({q->column_int64(0), q->column_text(2)});
            pids.push_back(q->column_int64(1));
        }
    }
    const std::string time = m_impl->now();
    for (std::size_t i = 0; i < dead.size(); ++i) {
        auto q = db.cached(
            "UPDATE harvest_runs SET status = 'interrupted', finished = ?2, message = ?3 WHERE id = ?1");
        q->bind(1, dead[i].run_id)
            .bind(2, time)
            .bind(3, fmt::format("process {} ended without finishing the run", pids[i]))
            .run();
    }
    scope.commit();
    return dead;
}

std::optional<RunRow> Store::last_run(std::int64_t source_id, std::optional<RunStatus> status,
                                      std::optional<RunMode> mode) const {
    auto q = m_impl->db.cached(fmt::format(
        "SELECT {} WHERE r.source_id = ?1 AND (?2 IS NULL OR r.status = ?2) AND (?3 IS NULL OR r.mode = ?3) "
        "ORDER BY r.id DESC LIMIT 1",
        k_run_columns));
    q->bind(1, source_id);
    if (status) q->bind(2, to_string(*status));
    if (mode) q->bind(3, to_string(*mode));
    if (!q->step()) return std::nullopt;
    return read_run(*q);
}

std::optional<RunRow> Store::run(std::int64_t run_id) const {
    auto q = m_impl->db.cached(fmt::format("SELECT {} WHERE r.id = ?1", k_run_columns));
    q->bind(1, run_id);
    if (!q->step()) return std::nullopt;
    return read_run(*q);
}

std::vector<RunRow> Store::runs(const std::optional<std::string>& source, int limit) const {
    std::vector<RunRow> rows;
    const std::int64_t max_rows = limit <= 0 ? -1 : limit;
    if (source) {
        const auto id = source_id(*source);
        if (!id) return rows;
        auto q = m_impl->db.cached(
            fmt::format("SELECT {} WHERE r.source_id = ?1 ORDER BY r.id DESC LIMIT ?2", k_run_columns));
        q->bind(1, *id).bind(2, max_rows);
        while (q->step()) rows.push_back(read_run(*q));
        return rows;
    }
    auto q = m_impl->db.cached(fmt::format("SELECT {} ORDER BY r.id DESC LIMIT ?1", k_run_columns));
    q->bind(1, max_rows);
    while (q->step()) rows.push_back(read_run(*q));
    return rows;
}

void Store::add_error(std::int64_t run_id, const ErrorRow& error) {
    auto q = m_impl->db.cached(
        "INSERT INTO harvest_errors (run_id, stage, object_id, url, place, message, fragment, created) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    q->bind(1, run_id)
        .bind(2, error.stage)
        .bind(3, error.object_id)
        .bind(4, error.url)
        .bind(5, error.place)
        .bind(6, error.message)
        .bind(7, truncate_utf8(error.fragment, k_fragment_limit))
        .bind(8, m_impl->now())
        .run();
}

std::int64_t Store::forget_run_errors(std::chrono::seconds age) {
    auto q = m_impl->db.cached(
        "DELETE FROM harvest_errors WHERE run_id IN ("
        "  SELECT r.id FROM harvest_runs r WHERE r.finished IS NOT NULL AND r.finished < ?1 "
        "  AND r.id < (SELECT max(n.id) FROM harvest_runs n WHERE n.source_id = r.source_id))");
    q->bind(1, format_utc(m_impl->clock() - age)).run();
    return m_impl->db.changes();
}

std::vector<ErrorRow> Store::errors(const std::optional<std::string>& source, std::optional<std::int64_t> run_id,
                                    int limit) const {
    std::vector<ErrorRow> rows;
    std::optional<std::int64_t> source_filter;
    if (source) {
        source_filter = source_id(*source);
        if (!source_filter) return rows;
    }
    std::string where = "WHERE 1";
    if (run_id) where += " AND e.run_id = ?2";
    if (source_filter) where += " AND r.source_id = ?3";
    auto q = m_impl->db.cached(fmt::format(
        "SELECT e.id, e.run_id, s.name, e.stage, e.object_id, e.url, e.place, e.message, e.fragment, e.created "
        "FROM harvest_errors e JOIN harvest_runs r ON r.id = e.run_id JOIN sources s ON s.id = r.source_id "
        "{} ORDER BY e.stage = 'warning', e.id DESC LIMIT ?1",
        where));
    q->bind(1, std::int64_t{limit <= 0 ? -1 : limit});
    if (run_id) q->bind(2, *run_id);
    if (source_filter) q->bind(3, *source_filter);
    while (q->step()) {
        ErrorRow row;
        row.id = q->column_int64(0);
        row.run_id = q->column_int64(1);
        row.source = q->column_text(2);
        row.stage = q->column_text(3);
        row.object_id = q->column_text(4);
        row.url = q->column_text(5);
        row.place = q->column_text(6);
        row.message = q->column_text(7);
        row.fragment = q->column_text(8);
        row.created = q->column_text(9);
        rows.push_back(std::move(row));
    }
    return rows;
}

// ------------------------------------------------------------------ records

UpsertOutcome Store::upsert(std::int64_t source_id, std::int64_t run_id, const SourceRecord& record,
                            UpsertPlace* place) {
    if (record.source_key.empty()) throw std::invalid_argument("upsert: the record has no source key");
    if (record.content_hash.empty()) throw std::invalid_argument("upsert: the record has no content hash");
    auto& db = m_impl->db;
    db.check_usable();

    struct Link {
        std::int64_t id;
        std::int64_t dataset_id;
        std::string iri;
    };
    std::optional<Link> link;
    {
        auto q = db.cached(
            "SELECT id, dataset_id, content_hash, state, coalesce(iri, ''), version_id FROM dataset_sources "
            "WHERE source_id = ?1 AND source_key = ?2");
        q->bind(1, source_id).bind(2, record.source_key);
        if (q->step()) {
            if (q->column_view(2) == record.content_hash && q->column_view(3) == "active") {
                const std::int64_t link_id = q->column_int64(0);
                if (place) *place = UpsertPlace{q->column_int64(1), q->column_int64(5)};
                auto seen = db.cached("UPDATE dataset_sources SET last_seen_run = ?2 WHERE id = ?1");
                seen->bind(1, link_id).bind(2, run_id).run();
                return UpsertOutcome::unchanged;
            }
            link = Link{q->column_int64(0), q->column_int64(1), q->column_text(4)};
        }
    }

    const model::Dataset& dataset = record.dataset;
    // Inside a page transaction there is no savepoint per record (it would
    // copy every page the record touches): a failure after the first write
    // fails the whole transaction instead.
    sqlite::WriteScope scope(db, sqlite::Database::Nesting::join);
    const std::string time = m_impl->now();

    // Which catalogue dataset the record belongs to.
    std::optional<std::int64_t> dataset_id;
    std::optional<std::int64_t> left_dataset;  // a dataset the link moved away from
    if (link) {
        dataset_id = link->dataset_id;
        if (!dataset.iri.empty() && dataset.iri != link->iri) {
            // The record now carries the IRI of another dataset: it is that dataset.
            const auto owner = m_impl->dataset_for(dataset.iri, {}, source_id);
            if (owner && *owner != link->dataset_id) {
                left_dataset = link->dataset_id;
                dataset_id = owner;
            }
        }
    } else {
        dataset_id = m_impl->dataset_for(dataset.iri, dataset.identifier, source_id);
    }
    const bool new_dataset = !dataset_id;

    // The version: each distinct record of a dataset from a source is stored
    // once. Looked up and serialized before the first write.
    std::optional<std::int64_t> version_id;
    bool content_dropped = false;  // the version exists, its content was dropped (set_kept_versions)
    if (!new_dataset) {
        auto q = db.cached(
            "SELECT id, record = '' FROM dataset_versions WHERE dataset_id = ?1 AND source_id = ?2 AND content_hash = ?3");
        q->bind(1, *dataset_id).bind(2, source_id).bind(3, record.content_hash);
        if (q->step()) {
            version_id = q->column_int64(0);
            content_dropped = q->column_int64(1) != 0;
        }
    }
    std::string serialized;
    if ((!version_id || content_dropped) && record.record_json.empty()) serialized = model::to_json(dataset);
    const std::string& record_json = record.record_json.empty() ? serialized : record.record_json;

    if (new_dataset) {
        auto q = db.cached(
            "INSERT INTO datasets (iri, identifier, name, title, publisher_name, publisher_iri, modified, status, "
            "first_seen, last_changed) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'active', ?8, ?8)");
        q->bind_or_null(1, dataset.iri)
            .bind_or_null(2, dataset.identifier)
            .bind_or_null(3, dataset.name)
            .bind(4, dataset.display_title())
            .bind_or_null(5, dataset.publisher.name)
            .bind_or_null(6, dataset.publisher.iri)
            .bind(7, dataset.modified)
            .bind(8, time)
            .run();
        dataset_id = db.last_insert_rowid();
    }

    const bool new_version = !version_id;
    if (!version_id) {
        auto q = db.cached(
            "INSERT INTO dataset_versions (dataset_id, source_id, content_hash, record, raw, run_id, created) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        q->bind(1, *dataset_id)
            .bind(2, source_id)
            .bind(3, record.content_hash)
            .bind(4, record_json)
            .bind(5, record.raw)
            .bind(6, run_id)
            .bind(7, time)
            .run();
        version_id = db.last_insert_rowid();
    } else if (content_dropped) {
        // The record changed back to a version whose content was dropped.
        auto q = db.cached("UPDATE dataset_versions SET record = ?2, raw = ?3 WHERE id = ?1");
        q->bind(1, *version_id).bind(2, record_json).bind(3, record.raw).run();
    }

    // The provenance link.
    const std::string modified = modified_sort_key(dataset.modified);
    if (link) {
        auto q = db.cached(
            "UPDATE dataset_sources SET dataset_id = ?2, iri = ?3, identifier = ?4, "
            "last_changed_run = CASE WHEN content_hash = ?5 THEN last_changed_run ELSE ?7 END, "
            "content_hash = ?5, modified = ?6, state = 'active', last_seen_run = ?7, gone_run = NULL, "
            "version_id = ?8 WHERE id = ?1");
        q->bind(1, link->id)
            .bind(2, *dataset_id)
            .bind_or_null(3, dataset.iri)
            .bind_or_null(4, dataset.identifier)
            .bind(5, record.content_hash)
            .bind(6, modified)
            .bind(7, run_id)
            .bind(8, *version_id)
            .run();
    } else {
        auto q = db.cached(
            "INSERT INTO dataset_sources (dataset_id, source_id, source_key, iri, identifier, content_hash, modified, "
            "state, first_seen_run, last_seen_run, last_changed_run, version_id) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'active', ?8, ?8, ?8, ?9)");
        q->bind(1, *dataset_id)
            .bind(2, source_id)
            .bind(3, record.source_key)
            .bind_or_null(4, dataset.iri)
            .bind_or_null(5, dataset.identifier)
            .bind(6, record.content_hash)
            .bind(7, modified)
            .bind(8, run_id)
            .bind(9, *version_id)
            .run();
    }

    // The catalogue record follows the winning link.
    if (new_dataset) {
        auto q = db.cached("UPDATE datasets SET version_id = ?2 WHERE id = ?1");
        q->bind(1, *dataset_id).bind(2, *version_id).run();
        m_impl->write_distributions(*dataset_id, dataset, false);
        m_impl->write_search(*dataset_id, dataset, false);
    } else {
        m_impl->refresh_dataset(*dataset_id, &dataset, *version_id);
    }
    if (left_dataset) m_impl->refresh_dataset(*left_dataset, nullptr, 0);
    if (new_version && !new_dataset && m_impl->kept_versions > 0)
        m_impl->drop_old_version_content(*dataset_id, source_id);
    scope.commit();
    if (place) *place = UpsertPlace{*dataset_id, *version_id};
    return link ? UpsertOutcome::updated : UpsertOutcome::added;
}

std::int64_t Store::mark_seen(std::int64_t source_id, std::int64_t run_id, const std::vector<std::string>& keys) {
    if (keys.empty()) return 0;
    auto q = m_impl->db.cached(
        "UPDATE dataset_sources SET last_seen_run = ?2 WHERE source_id = ?1 AND +state = 'active' "
        "AND source_key IN (SELECT value FROM json_each(?3))");  // + : probe (source, key) per key
    q->bind(1, source_id).bind(2, run_id).bind(3, json_string_array(keys)).run();
    return m_impl->db.changes();
}

RetractResult Store::retract_unseen(std::int64_t source_id, std::int64_t run_id, double delete_guard) {
    auto& db = m_impl->db;
    {
        auto q = db.cached("SELECT source_id, mode FROM harvest_runs WHERE id = ?1");
        q->bind(1, run_id);
        if (!q->step()) throw std::invalid_argument(fmt::format("retract_unseen: no run with id {}", run_id));
        if (q->column_int64(0) != source_id) {
            throw std::invalid_argument(
                fmt::format("retract_unseen: run {} does not belong to source {}", run_id, source_id));
        }
        if (q->column_view(1) != "full") {
            throw std::invalid_argument(fmt::format("retract_unseen: run {} is not a full run", run_id));
        }
    }
    sqlite::WriteScope scope(db);
    RetractResult result;
    {
        // Links first seen by this run did not exist before it.
        auto q = db.cached(
            "SELECT count(*) FILTER (WHERE first_seen_run < ?2), count(*) FILTER (WHERE last_seen_run < ?2) "
            "FROM dataset_sources WHERE source_id = ?1 AND state = 'active'");
        q->bind(1, source_id).bind(2, run_id);
        q->step();
        result.listed_before = q->column_int64(0);
        result.unseen = q->column_int64(1);
    }
    if (result.unseen == 0) return result;
    if (static_cast<double>(result.unseen) > std::max(delete_guard, 0.0) * static_cast<double>(result.listed_before)) {
        result.withheld = result.unseen;
        return result;
    }
    std::set<std::int64_t> affected;
    {
        auto q = db.cached(
            "UPDATE dataset_sources SET state = 'gone', gone_run = ?2 "
            "WHERE source_id = ?1 AND state = 'active' AND last_seen_run < ?2 RETURNING dataset_id");
        q->bind(1, source_id).bind(2, run_id);
        while (q->step()) {
            affected.insert(q->column_int64(0));
            ++result.deleted;
        }
    }
    for (std::int64_t dataset_id : affected) {
        if (m_impl->refresh_dataset(dataset_id, nullptr, 0) == Impl::Refresh::deprecated) ++result.deprecated;
    }
    scope.commit();
    return result;
}

RetractResult Store::retire_source(std::int64_t source_id, std::int64_t run_id) {
    sqlite::WriteScope scope(m_impl->db);
    // The run saw nothing: every active link is unseen, and all may go.
    const RetractResult result = retract_unseen(source_id, run_id, 1.0);
    auto q = m_impl->db.cached("DELETE FROM page_memos WHERE source_id = ?1");
    q->bind(1, source_id).run();
    scope.commit();
    return result;
}

std::int64_t Store::withdraw_expired(std::chrono::seconds grace) {
    const auto now = m_impl->clock();
    auto q = m_impl->db.cached(
        "UPDATE datasets SET status = 'withdrawn', withdrawn_at = ?1, last_changed = ?1 "
        "WHERE status = 'deprecated' AND deprecated_at <= ?2");
    q->bind(1, format_utc(now)).bind(2, format_utc(now - grace)).run();
    return m_impl->db.changes();
}

// ------------------------------------------------------------------ page memos

std::optional<PageMemo> Store::page_memo(std::int64_t source_id, const std::string& url) const {
    auto q = m_impl->db.cached(
        "SELECT etag, last_modified, body_hash, keys, total, next_url, per_page FROM page_memos "
        "WHERE source_id = ?1 AND url = ?2");
    q->bind(1, source_id).bind(2, url);
    if (!q->step()) return std::nullopt;
    PageMemo memo;
    memo.url = url;
    memo.etag = q->column_text(0);
    memo.last_modified = q->column_text(1);
    memo.body_hash = q->column_text(2);
    memo.keys = parse_string_array(q->column_view(3));
    memo.total = q->column_int64(4);
    memo.next_url = q->column_text(5);
    memo.per_page = q->column_int64(6);
    return memo;
}

void Store::remember_page(std::int64_t source_id, const PageMemo& memo) {
    auto q = m_impl->db.cached(
        "INSERT INTO page_memos (source_id, url, etag, last_modified, body_hash, keys, total, updated, next_url, "
        "per_page) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
        "ON CONFLICT (source_id, url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, "
        "body_hash = excluded.body_hash, keys = excluded.keys, total = excluded.total, updated = excluded.updated, "
        "next_url = excluded.next_url, per_page = excluded.per_page");
    q->bind(1, source_id)
        .bind(2, memo.url)
        .bind(3, memo.etag)
        .bind(4, memo.last_modified)
        .bind(5, memo.body_hash)
        .bind(6, json_string_array(memo.keys))
        .bind(7, memo.total)
        .bind(8, m_impl->now())
        .bind(9, memo.next_url)
        .bind(10, memo.per_page)
        .run();
}

// ------------------------------------------------------------------ reading

// ------------------------------------------------------------------ quality

bool Store::record_score(const ScoreEntry& entry) {
    auto& db = m_impl->db;
    db.check_usable();
    const quality::Assessment& a = entry.assessment;
    const std::string score = entry.stored_score.empty() ? quality::to_stored_form(a.score) : entry.stored_score;
    const std::string findings =
        entry.stored_findings.empty() ? quality::to_stored_findings(a.findings) : entry.stored_findings;
    if (!entry.run_id) {
        auto q = db.cached("SELECT score, findings FROM quality_scores WHERE version_id = ?1 ORDER BY id DESC LIMIT 1");
        q->bind(1, entry.version_id);
        if (q->step() && q->column_view(0) == score && q->column_view(1) == findings) return false;
    }
    using quality::Dimension;
    auto q = db.cached(
        "INSERT INTO quality_scores (dataset_id, version_id, run_id, scored_at, total, rating, findability, "
        "accessibility, interoperability, reusability, contextuality, violations, score, findings) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
    q->bind(1, entry.dataset_id).bind(2, entry.version_id);
    if (entry.run_id) q->bind(3, *entry.run_id);
    else q->bind_null(3);
    q->bind(4, m_impl->now())
        .bind(5, a.score.total)
        .bind(6, quality::rating_name(a.score.rating))
        .bind(7, a.score.dimension(Dimension::findability))
        .bind(8, a.score.dimension(Dimension::accessibility))
        .bind(9, a.score.dimension(Dimension::interoperability))
        .bind(10, a.score.dimension(Dimension::reusability))
        .bind(11, a.score.dimension(Dimension::contextuality))
        .bind(12, static_cast<std::int64_t>(a.violations))
        .bind(13, score)
        .bind(14, findings)
        .run();
    return true;
}

bool Store::has_link_verdicts() const {
    auto q = m_impl->db.cached("SELECT 1 FROM link_checks WHERE checked IS NOT NULL LIMIT 1");
    return q->step();
}

bool Store::has_assessment(std::int64_t version_id) const {
    // An assessment without its details (the version's content was dropped
    // while it was not current) does not count.
    auto q = m_impl->db.cached("SELECT 1 FROM quality_scores WHERE version_id = ?1 AND score <> '' LIMIT 1");
    q->bind(1, version_id);
    return q->step();
}

namespace {

/// The WHERE clause selecting what `filter` asks for, on `datasets d`;
/// parameters ?1 source, ?2 publisher, ?3 changed_since, ?6 dataset_id, ?7 profile.
std::string dataset_filter_sql(const DatasetFilter& filter) {
    std::string where = "WHERE 1";
    if (filter.source) {
        where += " AND d.id IN (SELECT l.dataset_id FROM dataset_sources l JOIN sources s ON s.id = l.source_id "
                 "WHERE s.name = ?1 AND l.state = 'active')";
    }
    if (filter.publisher) where += " AND (d.publisher_name = ?2 OR d.publisher_iri = ?2)";
    if (filter.changed_since) where += " AND d.last_changed >= ?3";
    if (filter.dataset_id) where += " AND d.id = ?6";
    if (!filter.include_withdrawn) where += " AND d.status <> 'withdrawn'";
    if (filter.profile) {
        where += " AND d.id IN (SELECT dataset_id FROM profile_verdicts WHERE profile = ?7 AND qualifies = 1)";
    }
    return where;
}

void bind_dataset_filter(sqlite::Statement& q, const DatasetFilter& filter) {
    if (filter.source) q.bind(1, *filter.source);
    if (filter.publisher) q.bind(2, *filter.publisher);
    if (filter.changed_since) q.bind(3, *filter.changed_since);
    if (filter.dataset_id) q.bind(6, *filter.dataset_id);
    if (filter.profile) q.bind(7, *filter.profile);
}

}  // namespace

std::vector<quality::ScoredDataset> Store::scored_datasets(const DatasetFilter& filter) const {
    // The newest assessment of each dataset's current version. Data services
    // are never assessed; json_extract is only asked for the unassessed rest.
    std::string sql =
        "SELECT d.id, coalesce(d.iri, ''), d.title, coalesce(d.publisher_name, ''), coalesce(s.name, ''), "
        "q.score, q.findings, q.scored_at "
        "FROM datasets d JOIN dataset_versions v ON v.id = d.version_id "
        "LEFT JOIN sources s ON s.id = v.source_id "
        "LEFT JOIN quality_scores q ON q.id = (SELECT max(id) FROM quality_scores WHERE version_id = d.version_id) "
        "WHERE d.status = 'active' AND (q.id IS NOT NULL OR json_extract(v.record, '$.type') <> 'data_service')";
    if (filter.source) {
        sql += " AND d.id IN (SELECT l.dataset_id FROM dataset_sources l JOIN sources s2 ON s2.id = l.source_id "
               "WHERE s2.name = ?1 AND l.state = 'active')";
    }
    if (filter.publisher) sql += " AND (d.publisher_name = ?2 OR d.publisher_iri = ?2)";
    if (filter.changed_since) sql += " AND d.last_changed >= ?3";
    if (filter.dataset_id) sql += " AND d.id = ?6";
    sql += " ORDER BY d.publisher_name, d.title, d.id";
    auto q = m_impl->db.prepare(sql);
    bind_dataset_filter(*q, filter);
    std::vector<quality::ScoredDataset> out;
    while (q->step()) {
        quality::ScoredDataset d;
        d.id = q->column_int64(0);
        d.iri = q->column_text(1);
        d.title = q->column_text(2);
        d.publisher = q->column_text(3);
        d.source = q->column_text(4);
        if (!q->column_is_null(5) && !q->column_view(5).empty()) {
            d.score = quality::mqa_score_from_stored(q->column_view(5));
            d.findings = quality::findings_from_stored(q->column_view(6));
            d.scored_at = q->column_text(7);
        }
        out.push_back(std::move(d));
    }
    return out;
}

std::optional<CatalogRecord> Store::find(std::string_view id_or_iri) const {
    if (id_or_iri.empty()) return std::nullopt;
    if (all_digits(id_or_iri)) {
        auto q = m_impl->db.cached(fmt::format("SELECT {} WHERE d.id = ?1", k_record_columns));
        std::int64_t id = 0;
        std::from_chars(id_or_iri.data(), id_or_iri.data() + id_or_iri.size(), id);
        q->bind(1, id);
        if (q->step()) return read_record(*q);
    }
    for (std::string_view where : {
             "d.iri = ?1",
             "d.id IN (SELECT dataset_id FROM dataset_sources WHERE iri = ?1)",
             // A dataset's identifiers are those of its links.
             "d.id IN (SELECT dataset_id FROM dataset_sources WHERE identifier = ?1)",
             // Probes the (source, key) index once per source.
             "d.id IN (SELECT dataset_id FROM dataset_sources "
             "         WHERE source_id IN (SELECT id FROM sources) AND source_key = ?1)",
             "d.name = ?1",
         }) {
        if (auto record = m_impl->find_one(where, id_or_iri)) return record;
    }
    return std::nullopt;
}

void Store::for_each_dataset(const DatasetFilter& filter,
                             const std::function<void(const CatalogRecord&)>& visit) const {
    for_each_dataset(filter, DatasetSlice{}, visit);
}

void Store::for_each_dataset(const DatasetFilter& filter, const DatasetSlice& slice,
                             const std::function<void(const CatalogRecord&)>& visit) const {
    const std::string where = dataset_filter_sql(filter);
    // The slice is cut from the datasets rows alone, so that skipping the
    // first pages reads no record JSON.
    std::string sql;
    const bool sliced = slice.offset > 0 || slice.limit >= 0 || slice.from_id > 0;
    if (sliced) {
        sql = fmt::format("SELECT {} WHERE d.id IN (SELECT d.id FROM datasets d {} AND d.id >= ?8 ORDER BY d.id "
                          "LIMIT ?4 OFFSET ?5) ORDER BY d.id",
                          k_record_columns, where);
    } else {
        sql = fmt::format("SELECT {} {} ORDER BY d.id", k_record_columns, where);
    }
    // A statement of its own: the visitor may use the store while this one steps.
    auto q = m_impl->db.prepare(sql);
    bind_dataset_filter(*q, filter);
    if (sliced) {
        q->bind(4, slice.limit);
        q->bind(5, std::max<std::int64_t>(slice.offset, 0));
        q->bind(8, slice.from_id);
    }
    while (q->step()) visit(read_record(*q));
}

DatasetSlice DatasetPositions::slice(std::int64_t offset, std::int64_t limit) const {
    DatasetSlice out{offset, limit, 0};
    if (offset <= 0 || milestones.empty() || stride <= 0) return out;
    const auto k = std::min<std::int64_t>(offset / stride, static_cast<std::int64_t>(milestones.size()) - 1);
    out.from_id = milestones[static_cast<std::size_t>(k)];
    out.offset = offset - k * stride;
    return out;
}

DatasetPositions Store::dataset_positions(const DatasetFilter& filter, std::int64_t stride) const {
    DatasetPositions positions;
    positions.stride = std::max<std::int64_t>(1, stride);
    auto q = m_impl->db.prepare(fmt::format("SELECT d.id FROM datasets d {} ORDER BY d.id", dataset_filter_sql(filter)));
    bind_dataset_filter(*q, filter);
    while (q->step()) {
        if (positions.count % positions.stride == 0) positions.milestones.push_back(q->column_int64(0));
        ++positions.count;
    }
    return positions;
}

std::int64_t Store::count_datasets(const DatasetFilter& filter) const {
    auto q = m_impl->db.cached(fmt::format("SELECT count(*) FROM datasets d {}", dataset_filter_sql(filter)));
    bind_dataset_filter(*q, filter);
    q->step();
    return q->column_int64(0);
}

std::vector<std::string> Store::publisher_names_like(std::string_view part, int limit) const {
    auto q = m_impl->db.cached(
        "SELECT DISTINCT publisher_name FROM datasets WHERE status <> 'withdrawn' AND publisher_name IS NOT NULL "
        "AND instr(lower(publisher_name), lower(?1)) > 0 ORDER BY publisher_name LIMIT ?2");
    q->bind(1, part);
    q->bind(2, static_cast<std::int64_t>(limit));
    std::vector<std::string> out;
    while (q->step()) out.push_back(q->column_text(0));
    return out;
}

std::int64_t Store::count_datasets(model::RecordStatus status) const {
    auto q = m_impl->db.cached("SELECT count(*) FROM datasets WHERE status = ?1");
    q->bind(1, to_string(status));
    q->step();
    return q->column_int64(0);
}

std::vector<std::pair<std::string, std::string>> Store::raw_records(std::int64_t dataset_id) const {
    std::vector<std::pair<std::string, std::string>> records;
    auto q = m_impl->db.cached(
        "SELECT s.name, v.raw FROM dataset_sources l JOIN sources s ON s.id = l.source_id "
        "JOIN dataset_versions v ON v.id = l.version_id WHERE l.dataset_id = ?1 "
        "ORDER BY l.state = 'active' DESC, s.name, l.id");
    q->bind(1, dataset_id);
    while (q->step()) records.emplace_back(q->column_text(0), q->column_text(1));
    return records;
}

std::vector<VersionRow> Store::versions(std::int64_t dataset_id) const {
    std::vector<VersionRow> rows;
    auto q = m_impl->db.cached(
        "SELECT v.id, s.name, v.content_hash, coalesce(v.run_id, 0), v.created, v.record <> '' "
        "FROM dataset_versions v JOIN sources s ON s.id = v.source_id WHERE v.dataset_id = ?1 ORDER BY v.id");
    q->bind(1, dataset_id);
    while (q->step()) {
        VersionRow row;
        row.id = q->column_int64(0);
        row.source = q->column_text(1);
        row.content_hash = q->column_text(2);
        row.run_id = q->column_int64(3);
        row.created = q->column_text(4);
        row.content_kept = q->column_int64(5) != 0;
        rows.push_back(std::move(row));
    }
    return rows;
}

// ------------------------------------------------------------------ link checks

std::vector<std::string> Store::distribution_urls(const std::vector<std::string>& sources) const {
    // Every URL, not only the first one the distributions table keeps: they
    // are read from the current record's JSON (see docs/store.md).
    std::string sql =
        "SELECT DISTINCT u.value FROM datasets d JOIN dataset_versions v ON v.id = d.version_id, "
        "json_each(v.record, '$.distributions') dist, "
        "(SELECT 'access_urls' AS list UNION ALL SELECT 'download_urls') k, "
        "json_each(dist.value, '$.' || k.list) u "
        "WHERE d.status = 'active' AND u.type = 'text' AND u.value <> ''";
    if (!sources.empty()) {
        sql += " AND d.id IN (SELECT l.dataset_id FROM dataset_sources l JOIN sources s ON s.id = l.source_id "
               "WHERE l.state = 'active' AND s.name IN (SELECT value FROM json_each(?1)))";
    }
    sql += " ORDER BY 1";
    auto q = m_impl->db.cached(sql);
    if (!sources.empty()) q->bind(1, json_string_array(sources));
    std::vector<std::string> urls;
    while (q->step()) urls.push_back(q->column_text(0));
    return urls;
}

void Store::record_link_check(const LinkCheckResult& result) {
    if (result.url.empty()) throw std::invalid_argument("record_link_check: the result has no URL");
    const std::string time = m_impl->now();
    if (result.outcome == LinkOutcome::not_checked) {
        auto q = m_impl->db.cached(
            "INSERT INTO link_checks (url, not_checked, attempted) VALUES (?1, ?2, ?3) "
            "ON CONFLICT (url) DO UPDATE SET not_checked = excluded.not_checked, attempted = excluded.attempted");
        q->bind(1, result.url).bind(2, result.reason.empty() ? std::string("not checked") : result.reason);
        q->bind(3, time).run();
        return;
    }
    const bool ok = result.outcome == LinkOutcome::ok;
    // The streak: a success ends it; a failure continues it, or starts one
    // (first_failure) when the last verdict was a success or there was none.
    auto q = m_impl->db.cached(
        "INSERT INTO link_checks (url, checked, ok, status, content_type, size, final_url, failure, error, "
        "first_failure, last_success, consecutive_failures, not_checked, attempted) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, CASE WHEN ?3 THEN NULL ELSE ?2 END, "
        "CASE WHEN ?3 THEN ?2 ELSE NULL END, CASE WHEN ?3 THEN 0 ELSE 1 END, '', ?2) "
        "ON CONFLICT (url) DO UPDATE SET checked = excluded.checked, ok = excluded.ok, status = excluded.status, "
        "content_type = excluded.content_type, size = excluded.size, final_url = excluded.final_url, "
        "failure = excluded.failure, error = excluded.error, "
        "first_failure = CASE WHEN excluded.ok THEN NULL "
        "  WHEN link_checks.consecutive_failures > 0 THEN coalesce(link_checks.first_failure, excluded.checked) "
        "  ELSE excluded.checked END, "
        "last_success = CASE WHEN excluded.ok THEN excluded.checked ELSE link_checks.last_success END, "
        "consecutive_failures = CASE WHEN excluded.ok THEN 0 ELSE link_checks.consecutive_failures + 1 END, "
        "not_checked = '', attempted = excluded.attempted");
    q->bind(1, result.url).bind(2, time).bind(3, ok ? 1 : 0).bind(4, static_cast<std::int64_t>(result.status));
    q->bind(5, result.content_type);
    if (result.size) q->bind(6, *result.size);
    else q->bind_null(6);
    q->bind(7, result.final_url).bind(8, ok ? std::string() : result.failure).bind(9, ok ? std::string() : result.reason);
    q->run();
}

std::optional<LinkCheckRow> Store::link_check(std::string_view url) const {
    auto q = m_impl->db.cached(fmt::format("SELECT {} WHERE url = ?1", k_link_check_columns));
    q->bind(1, url);
    if (!q->step()) return std::nullopt;
    return read_link_check(*q);
}

std::vector<LinkCheckRow> Store::link_checks(const std::vector<std::string>& urls) const {
    std::vector<LinkCheckRow> rows;
    if (urls.empty()) return rows;
    auto q = m_impl->db.cached(
        fmt::format("SELECT {} WHERE url IN (SELECT value FROM json_each(?1)) ORDER BY url", k_link_check_columns));
    q->bind(1, json_string_array(urls));
    while (q->step()) rows.push_back(read_link_check(*q));
    return rows;
}

std::vector<std::string> Store::due_link_urls(const std::vector<std::string>& urls,
                                              std::chrono::seconds max_age) const {
    std::vector<std::string> due;
    if (urls.empty()) return due;
    auto q = m_impl->db.cached(
        "SELECT j.value FROM json_each(?1) j WHERE NOT EXISTS "
        "(SELECT 1 FROM link_checks c WHERE c.url = j.value AND c.checked >= ?2) ORDER BY j.key");
    q->bind(1, json_string_array(urls)).bind(2, format_utc(m_impl->clock() - max_age));
    while (q->step()) due.push_back(q->column_text(0));
    return due;
}


// ------------------------------------------------------------------ search

namespace {

/// The SQL that selects a SearchField's value of a dataset `d` with search row `c`.
struct FieldSql {
    const char* column;  ///< an expression of one value per dataset, or nullptr for ckan_values
    bool packages = true;  ///< whether `column` reads ckan_packages
};

/// A read transaction when `active` and none is open: every read until the
/// end of the scope sees one state of the database (WAL snapshot).
class ReadSnapshot {
public:
    ReadSnapshot(sqlite::Database& db, bool active) : m_db(db), m_own(active && !db.in_transaction()) {
        if (m_own) m_db.cached("BEGIN")->run();
    }
    ~ReadSnapshot() {
        if (!m_own || !m_db.in_transaction()) return;
        try {
            m_db.cached("COMMIT")->run();
        } catch (...) {
            // Nothing was written: ending the read cannot lose anything.
        }
    }
    ReadSnapshot(const ReadSnapshot&) = delete;
    ReadSnapshot& operator=(const ReadSnapshot&) = delete;

private:
    sqlite::Database& m_db;
    bool m_own;
};

/// The rating band of the dataset's current assessment: the newest score of
/// its current version (as scored_datasets reads it), one probe of the
/// quality_scores_version index per dataset; NULL when not assessed.
constexpr const char* k_rating_sql =
    "(SELECT q.rating FROM quality_scores q WHERE q.version_id = d.version_id ORDER BY q.id DESC LIMIT 1)";

FieldSql field_sql(SearchField field) {
    switch (field) {
        case SearchField::organization: return {"c.org_name"};
        case SearchField::license_id: return {"c.licence_id"};
        case SearchField::name: return {"c.name"};
        case SearchField::id: return {"c.package_id"};
        case SearchField::rating: return {k_rating_sql, false};
        case SearchField::tags:
        case SearchField::res_format:
        case SearchField::groups: return {nullptr};
    }
    return {nullptr};
}

/// The FROM and WHERE of a search, with the texts to bind in order.
struct SearchSql {
    std::string from;
    std::string where;
    std::vector<std::string> params;
    bool ranked = false;
};

/// Whether the search reads ckan_packages (every dataset has its row there,
/// so a search that does not can count on the datasets alone).
bool needs_packages(const SearchQuery& query) {
    const auto on_packages = [](SearchField f) { return field_sql(f).column != nullptr && field_sql(f).packages; };
    for (const auto& f : query.filters) {
        if (on_packages(f.field)) return true;
    }
    for (const auto f : query.facet_fields) {
        if (on_packages(f)) return true;
    }
    for (const auto& k : query.sort) {
        if (k.field == SortField::name || k.field == SortField::id) return true;
    }
    return false;
}

SearchSql search_sql(const SearchQuery& query) {
    SearchSql out;
    out.from = needs_packages(query) ? "FROM datasets d JOIN ckan_packages c ON c.dataset_id = d.id "
                                     : "FROM datasets d ";
    out.where = "WHERE d.status <> 'withdrawn' ";
    // A filter on a column of ckan_packages is the most selective start; the
    // value filters are then probed per dataset. Without one, the first value
    // filter gives the datasets to start from.
    bool have_start = false;
    for (const auto& f : query.filters) {
        have_start = have_start || (field_sql(f.field).column != nullptr && field_sql(f.field).packages && !f.negate);
    }
    const std::string match = search_match_expression(query.text);
    if (!match.empty()) {
        out.from += "JOIN (SELECT rowid AS id, ernte_bm25(ckan_text, 10.0, 1.0, 4.0) AS rank FROM ckan_text "
                    "WHERE ckan_text MATCH ?) t ON t.id = d.id ";
        out.params.push_back(match);
        out.ranked = true;
    }
    for (const auto& f : query.filters) {
        const FieldSql field = field_sql(f.field);
        if (field.column != nullptr) {
            out.where += fmt::format("AND {} {} ? ", field.column, f.negate ? "IS NOT" : "=");
        } else if (!f.negate && !have_start) {
            out.where += "AND d.id IN (SELECT dataset_id FROM ckan_values WHERE field = ? AND value = ?) ";
            out.params.emplace_back(to_string(f.field));
            have_start = true;
        } else {
            out.where += fmt::format("AND {}EXISTS (SELECT 1 FROM ckan_values v WHERE v.field = ? AND v.value = ? "
                                     "AND v.dataset_id = d.id) ",
                                     f.negate ? "NOT " : "");
            out.params.emplace_back(to_string(f.field));
        }
        out.params.push_back(f.value);
    }
    if (query.modified_from) {
        out.where += "AND d.last_changed >= ? ";
        out.params.push_back(*query.modified_from);
    }
    if (query.modified_to) {
        out.where += "AND d.last_changed <= ? ";
        out.params.push_back(*query.modified_to);
    }
    return out;
}

int bind_texts(sqlite::Statement& q, const std::vector<std::string>& params) {
    int index = 1;
    for (const auto& p : params) q.bind(index++, p);
    return index;
}

std::string order_sql(const SearchQuery& query, bool ranked) {
    std::vector<SortKey> keys = query.sort;
    if (keys.empty()) keys = {{SortField::score, true}, {SortField::metadata_modified, true}};
    std::string out;
    for (const auto& k : keys) {
        const char* column = nullptr;
        bool descending = k.descending;
        switch (k.field) {
            case SortField::score:
                if (!ranked) continue;
                column = "t.rank";  // bm25: smaller is better
                descending = !descending;
                break;
            case SortField::metadata_modified: column = "d.last_changed"; break;
            case SortField::metadata_created: column = "d.first_seen"; break;
            case SortField::name: column = "c.name"; break;
            case SortField::title: column = "d.title"; break;
            case SortField::id: column = "c.package_id"; break;
        }
        out += fmt::format("{}{} {}", out.empty() ? "ORDER BY " : ", ", column, descending ? "DESC" : "ASC");
    }
    out += out.empty() ? "ORDER BY d.id" : ", d.id";
    return out;
}

[[noreturn]] void rethrow_match_error(const StoreError& e, const SearchQuery& query) {
    // A text FTS5 cannot read (it should not happen: every word is quoted).
    if (std::string_view(e.what()).find("fts5") != std::string_view::npos) {
        throw std::invalid_argument(fmt::format("the search text cannot be read: {}", query.text));
    }
    throw e;
}

}  // namespace

namespace {

/// A search whose filters and order the facet index can apply, answered
/// from the full-text matches (with their rank) and the index: filtered,
/// ordered, paged and counted in memory. False when the index cannot answer
/// (the store searches in SQL then).
bool search_in_index(sqlite::Database& db, const SearchQuery& query, const FacetIndex& index, SearchResult& result) {
    if (query.modified_from || query.modified_to || !FacetIndex::keeps_all(query.filters)) return false;
    for (const SortKey& key : query.sort)
        if (key.field != SortField::score && key.field != SortField::metadata_modified) return false;
    struct Found {
        std::int64_t id;
        double rank;  // bm25: smaller is better
    };
    std::vector<Found> found;
    const FacetIndex::Selector passes = index.selector(query.filters);
    const std::string match = search_match_expression(query.text);
    if (!match.empty()) {
        // The rows' lengths from the index, not from the docsize table.
        const sqlite::RankLengthsScope lengths(db, index.text_lengths());
        auto q = db.prepare("SELECT rowid, ernte_bm25(ckan_text, 10.0, 1.0, 4.0) FROM ckan_text WHERE ckan_text MATCH ?");
        q->bind(1, match);
        while (q->step()) {
            const std::int64_t id = q->column_int64(0);
            if (passes(id)) found.push_back({id, q->column_double(1)});
        }
    } else {
        for (const std::int64_t id : index.dataset_ids())
            if (passes(id)) found.push_back({id, 0.0});
    }
    result.count = static_cast<std::int64_t>(found.size());
    // The order of order_sql: the keys asked for (score only with words),
    // then the catalogue id.
    std::vector<SortKey> keys = query.sort;
    if (keys.empty()) keys = {{SortField::score, true}, {SortField::metadata_modified, true}};
    const bool ranked = !match.empty();
    const auto before = [&](const Found& a, const Found& b) {
        for (const SortKey& k : keys) {
            if (k.field == SortField::score) {
                if (!ranked || a.rank == b.rank) continue;
                return k.descending ? a.rank < b.rank : a.rank > b.rank;
            }
            const std::string_view ca = index.last_changed(a.id), cb = index.last_changed(b.id);
            if (ca == cb) continue;
            return k.descending ? ca > cb : ca < cb;
        }
        return a.id < b.id;
    };
    if (query.rows > 0 && query.start < result.count) {
        const std::int64_t start = std::max<std::int64_t>(0, query.start);
        const std::int64_t end = std::min(result.count, start + std::min(query.rows, result.count));
        std::partial_sort(found.begin(), found.begin() + end, found.end(), before);
        for (std::int64_t i = start; i < end; ++i) result.dataset_ids.push_back(found[static_cast<std::size_t>(i)].id);
    }
    std::vector<std::int64_t> ids;
    ids.reserve(found.size());
    for (const Found& f : found) ids.push_back(f.id);
    for (const SearchField field : query.facet_fields)
        result.facets.emplace_back(field, index.count(field, ids, query.facet_limit));
    return true;
}

}  // namespace

SearchResult Store::search(const SearchQuery& query) const { return search(query, nullptr); }

SearchResult Store::search(const SearchQuery& query, const FacetIndex* facets) const {
    auto& db = m_impl->db;
    m_impl->flush_search_text();
    const SearchSql sql = search_sql(query);
    SearchResult result;
    // The index counts only for the catalogue state it was built for: the
    // reads of the search share one snapshot, so the state compared is the
    // state whose datasets are found.
    const bool index_fits = facets != nullptr &&
                            std::all_of(query.facet_fields.begin(), query.facet_fields.end(), FacetIndex::keeps);
    ReadSnapshot snapshot(db, index_fits);
    const bool use_index = index_fits && catalogue_state() == facets->state();
    std::vector<std::int64_t> found;
    try {
        if (use_index && search_in_index(db, query, *facets, result)) return result;
        {
            // The count reads the status index (both statuses found), not the rows.
            std::string where = sql.where;
            where.replace(0, std::string_view("WHERE d.status <> 'withdrawn' ").size(),
                          "WHERE d.status IN ('active', 'deprecated') ");
            auto q = db.prepare(fmt::format("SELECT {} {}{}", use_index ? "d.id" : "count(*)", sql.from, where));
            bind_texts(*q, sql.params);
            if (use_index) {
                while (q->step()) found.push_back(q->column_int64(0));
                result.count = static_cast<std::int64_t>(found.size());
            } else if (q->step()) {
                result.count = q->column_int64(0);
            }
        }
        if (query.rows > 0 && query.start < result.count) {
            auto q = db.prepare(
                fmt::format("SELECT d.id {}{}{} LIMIT ? OFFSET ?", sql.from, sql.where, order_sql(query, sql.ranked)));
            const int next = bind_texts(*q, sql.params);
            q->bind(next, query.rows).bind(next + 1, std::max<std::int64_t>(0, query.start));
            while (q->step()) result.dataset_ids.push_back(q->column_int64(0));
        }
        for (const SearchField field : query.facet_fields) {
            std::vector<FacetCount> counts;
            if (use_index) {
                counts = facets->count(field, found, query.facet_limit);
            } else if (result.count > 0) {
                const FieldSql f = field_sql(field);
                std::string statement;
                if (f.column != nullptr) {
                    statement = fmt::format(
                        "SELECT {0}, {1}, count(*) {2}{3}AND {0} IS NOT NULL GROUP BY {0} "
                        "ORDER BY count(*) DESC, {0} LIMIT ?",
                        f.column, field == SearchField::organization ? "max(c.org_title)" : "''", sql.from, sql.where);
                } else {
                    // The field is bound after the search's own texts, which
                    // its FROM (the full-text match) may already hold. With a
                    // text, the matching datasets drive and their values are
                    // probed (CROSS JOIN keeps that order): left to itself the
                    // planner reads all values of the field and runs the
                    // full-text match once per value.
                    statement = fmt::format(
                        "SELECT v.value, '', count(*) {} {}JOIN ckan_values v ON v.dataset_id = d.id "
                        "{}AND v.field = ? GROUP BY v.value ORDER BY count(*) DESC, v.value LIMIT ?",
                        sql.from, sql.ranked ? "CROSS " : "", sql.where);
                }
                auto q = db.prepare(statement);
                int index = 1;
                for (const auto& p : sql.params) q->bind(index++, p);
                if (f.column == nullptr) q->bind(index++, to_string(field));
                q->bind(index, query.facet_limit < 0 ? std::int64_t{-1} : query.facet_limit);
                while (q->step()) counts.push_back({q->column_text(0), q->column_text(1), q->column_int64(2)});
            }
            result.facets.emplace_back(field, std::move(counts));
        }
    } catch (const StoreError& e) {
        rethrow_match_error(e, query);
    }
    return result;
}

std::vector<FacetCount> Store::field_values(SearchField field, std::string_view contains) const {
    const FieldSql f = field_sql(field);
    std::string pattern = "%";
    for (const char ch : contains) {
        if (ch == '%' || ch == '_' || ch == '\\') pattern += '\\';
        pattern += ch;
    }
    pattern += '%';
    std::string statement;
    if (f.column != nullptr) {
        statement = fmt::format(
            "SELECT {0}, {1}, count(*) FROM datasets d JOIN ckan_packages c ON c.dataset_id = d.id "
            "WHERE d.status <> 'withdrawn' AND {0} IS NOT NULL AND {0} LIKE ?1 ESCAPE '\\' GROUP BY {0} ORDER BY {0}",
            f.column, field == SearchField::organization ? "max(c.org_title)" : "''");
    } else {
        statement =
            "SELECT v.value, '', count(*) FROM ckan_values v JOIN datasets d ON d.id = v.dataset_id "
            "WHERE v.field = ?2 AND d.status <> 'withdrawn' AND v.value LIKE ?1 ESCAPE '\\' "
            "GROUP BY v.value ORDER BY v.value";
    }
    auto q = m_impl->db.prepare(statement);
    q->bind(1, pattern);
    if (f.column == nullptr) q->bind(2, to_string(field));
    std::vector<FacetCount> out;
    while (q->step()) out.push_back({q->column_text(0), q->column_text(1), q->column_int64(2)});
    return out;
}

std::string Store::for_each_search_value(
    const std::function<void(std::int64_t, std::string_view, std::optional<std::uint32_t>)>& dataset,
    const std::function<void(std::int64_t, SearchField, std::string_view, std::string_view)>& value) const {
    auto& db = m_impl->db;
    m_impl->flush_search_text();
    ReadSnapshot snapshot(db, true);
    std::string state = catalogue_state();
    {
        // The length of the dataset's search text as FTS5 counts it (the
        // docsize row of ckan_text: tokens per column).
        auto q = db.prepare(fmt::format("SELECT d.id, d.last_changed, c.org_name, c.org_title, c.licence_id, {}, z.sz "
                                        "FROM datasets d JOIN ckan_packages c ON c.dataset_id = d.id "
                                        "LEFT JOIN ckan_text_docsize z ON z.id = d.id "
                                        "WHERE d.status <> 'withdrawn'",
                                        k_rating_sql));
        while (q->step()) {
            const std::int64_t id = q->column_int64(0);
            std::optional<std::uint32_t> tokens;
            if (!q->column_is_null(6)) tokens = sqlite::fts_row_tokens(q->column_view(6));
            dataset(id, q->column_text(1), tokens);
            if (!q->column_is_null(2)) value(id, SearchField::organization, q->column_text(2), q->column_text(3));
            if (!q->column_is_null(4)) value(id, SearchField::license_id, q->column_text(4), {});
            if (!q->column_is_null(5)) value(id, SearchField::rating, q->column_text(5), {});
        }
    }
    {
        auto q = db.prepare("SELECT v.dataset_id, v.field, v.value FROM ckan_values v JOIN datasets d ON d.id = v.dataset_id "
                            "WHERE d.status <> 'withdrawn'");
        while (q->step()) {
            if (const auto field = search_field_from_string(q->column_text(1)))
                value(q->column_int64(0), *field, q->column_text(2), {});
        }
    }
    return state;
}

std::vector<std::string> Store::package_names(std::int64_t offset, std::int64_t limit) const {
    auto q = m_impl->db.cached(
        "SELECT c.name FROM ckan_packages c JOIN datasets d ON d.id = c.dataset_id WHERE d.status <> 'withdrawn' "
        "ORDER BY c.name LIMIT ?2 OFFSET ?1");
    q->bind(1, std::max<std::int64_t>(0, offset)).bind(2, limit < 0 ? std::int64_t{-1} : limit);
    std::vector<std::string> names;
    while (q->step()) names.push_back(q->column_text(0));
    return names;
}

std::optional<CatalogRecord> Store::find_package(std::string_view id_or_name) const {
    if (id_or_name.empty()) return std::nullopt;
    for (std::string_view where : {"ck.package_id = ?1", "ck.name = ?1"}) {
        if (auto record = m_impl->find_one(where, id_or_name)) return record;
    }
    return std::nullopt;
}

}  // namespace ernte::catalog

// ------------------------------------------------------------------ quality trend (migration 008)

namespace ernte::catalog {

void Store::record_quality_trend(std::int64_t run_id) {
    // The same selection as scored_datasets: active records, data services
    // left out unless assessed; the mean is over the scored ones.
    static constexpr std::string_view k_figures =
        "count(*), count(total), coalesce(avg(total), 0), "
        "count(CASE WHEN rating = 'excellent' THEN 1 END), count(CASE WHEN rating = 'good' THEN 1 END), "
        "count(CASE WHEN rating = 'sufficient' THEN 1 END), count(CASE WHEN rating = 'bad' THEN 1 END), "
        "coalesce(avg(findability), 0), coalesce(avg(accessibility), 0), coalesce(avg(interoperability), 0), "
        "coalesce(avg(reusability), 0), coalesce(avg(contextuality), 0)";
    const std::string sql = fmt::format(
        // Materialized: read once for both the catalogue and the publisher
        // rows. A record is read only when its dataset has no score.
        "WITH current AS MATERIALIZED ("
        " SELECT coalesce(d.publisher_name, '') AS publisher, q.total, q.rating, q.findability, q.accessibility,"
        "  q.interoperability, q.reusability, q.contextuality"
        " FROM datasets d"
        " LEFT JOIN quality_scores q ON q.id = (SELECT max(id) FROM quality_scores WHERE version_id = d.version_id)"
        " WHERE d.status = 'active' AND d.version_id IS NOT NULL AND (q.id IS NOT NULL OR"
        "  (SELECT json_extract(v.record, '$.type') FROM dataset_versions v WHERE v.id = d.version_id)"
        "  <> 'data_service'))"
        " INSERT OR REPLACE INTO quality_trend (run_id, catalogue, publisher, recorded, datasets, scored, mean,"
        "  excellent, good, sufficient, bad, findability, accessibility, interoperability, reusability, contextuality)"
        " SELECT ?1, 1, '', ?2, {0} FROM current"
        " UNION ALL SELECT ?1, 0, publisher, ?2, {0} FROM current GROUP BY publisher",
        k_figures);
    Transaction tx(*this);
    auto q = m_impl->db.prepare(sql);
    const auto finished = run(run_id);
    q->bind(1, run_id).bind(2, finished && !finished->finished.empty() ? finished->finished : m_impl->now());
    q->run();
    tx.commit();
}

std::vector<QualityTrendPoint> Store::quality_trend(const std::optional<std::string>& publisher, int limit) const {
    auto q = m_impl->db.cached(
        "SELECT * FROM (SELECT t.run_id, coalesce(s.name, ''), t.recorded, t.datasets, t.scored, t.mean,"
        " t.excellent, t.good, t.sufficient, t.bad, t.findability, t.accessibility, t.interoperability,"
        " t.reusability, t.contextuality"
        " FROM quality_trend t LEFT JOIN harvest_runs r ON r.id = t.run_id LEFT JOIN sources s ON s.id = r.source_id"
        " WHERE t.catalogue = ?1 AND t.publisher = ?2 ORDER BY t.run_id DESC LIMIT ?3) ORDER BY run_id");
    q->bind(1, publisher ? 0 : 1).bind(2, publisher.value_or("")).bind(3, static_cast<std::int64_t>(limit));
    std::vector<QualityTrendPoint> points;
    while (q->step()) {
        QualityTrendPoint p;
        p.run_id = q->column_int64(0);
        p.source = q->column_text(1);
        p.recorded = q->column_text(2);
        p.datasets = q->column_int64(3);
        p.scored = q->column_int64(4);
        p.mean = q->column_double(5);
        p.ratings.excellent = static_cast<std::size_t>(q->column_int64(6));
        p.ratings.good = static_cast<std::size_t>(q->column_int64(7));
        p.ratings.sufficient = static_cast<std::size_t>(q->column_int64(8));
        p.ratings.bad = static_cast<std::size_t>(q->column_int64(9));
        for (std::size_t i = 0; i < quality::dimension_count; ++i)
            p.dimensions[i] = q->column_double(10 + static_cast<int>(i));
        points.push_back(std::move(p));
    }
    return points;
}

std::string Store::catalogue_state() const {
    // Each part is read from an index end (or the status index), so asking
    // costs microseconds at any size.
    auto q = m_impl->db.cached(
        "SELECT (SELECT coalesce(max(id), 0) FROM dataset_versions), (SELECT coalesce(max(id), 0) FROM datasets),"
        " (SELECT coalesce(max(last_changed), '') FROM datasets),"
        " (SELECT count(*) FROM datasets WHERE status = 'withdrawn'), (SELECT coalesce(max(id), 0) FROM quality_scores),"
        " (SELECT coalesce(max(id), 0) FROM harvest_runs), (SELECT count(*) FROM harvest_runs WHERE finished IS NOT NULL)");
    if (!q->step()) return {};
    return fmt::format("{}/{}/{}/{}/{}/{}/{}", q->column_int64(0), q->column_int64(1), q->column_text(2),
                       q->column_int64(3), q->column_int64(4), q->column_int64(5), q->column_int64(6));
}

std::int64_t Store::data_version() const {
    auto q = m_impl->db.cached("PRAGMA data_version");
    return q->step() ? q->column_int64(0) : 0;
}

std::optional<std::string> Store::version_record_json(std::int64_t version_id) const {
    auto q = m_impl->db.cached("SELECT record FROM dataset_versions WHERE id = ?1 AND record <> ''");
    q->bind(1, version_id);
    if (!q->step()) return std::nullopt;
    return q->column_text(0);
}

// ------------------------------------------------------------ forwarding (migration 007)

std::string Store::profile_state(std::string_view profile) const {
    auto q = m_impl->db.cached("SELECT state FROM profile_states WHERE profile = ?1");
    q->bind(1, profile);
    return q->step() ? q->column_text(0) : std::string();
}

void Store::set_profile_state(std::string_view profile, const std::string& state) {
    auto q = m_impl->db.cached(
        "INSERT INTO profile_states (profile, state) VALUES (?1, ?2) "
        "ON CONFLICT (profile) DO UPDATE SET state = excluded.state");
    q->bind(1, profile).bind(2, state).run();
}

void Store::for_each_unjudged_dataset(std::string_view profile,
                                      const std::function<void(const CatalogRecord&)>& visit) const {
    auto q = m_impl->db.prepare(fmt::format(
        "SELECT {} WHERE d.status <> 'withdrawn' AND NOT EXISTS (SELECT 1 FROM profile_verdicts pv "
        "WHERE pv.profile = ?1 AND pv.dataset_id = d.id AND pv.version_id = d.version_id) ORDER BY d.id",
        k_record_columns));
    q->bind(1, profile);
    while (q->step()) visit(read_record(*q));
}

void Store::record_profile_verdict(std::string_view profile, std::int64_t dataset_id, std::int64_t version_id,
                                   bool qualifies, const std::string& reasons) {
    auto q = m_impl->db.cached(
        "INSERT INTO profile_verdicts (profile, dataset_id, version_id, qualifies, reasons) VALUES (?1, ?2, ?3, ?4, ?5) "
        "ON CONFLICT (profile, dataset_id) DO UPDATE SET version_id = excluded.version_id, "
        "qualifies = excluded.qualifies, reasons = excluded.reasons");
    q->bind(1, profile).bind(2, dataset_id).bind(3, version_id).bind(4, qualifies ? 1 : 0).bind(5, reasons).run();
}

void Store::forget_withdrawn_verdicts(std::string_view profile) {
    auto q = m_impl->db.cached(
        "DELETE FROM profile_verdicts WHERE profile = ?1 AND dataset_id IN "
        "(SELECT id FROM datasets WHERE status = 'withdrawn')");
    q->bind(1, profile).run();
}

std::pair<std::int64_t, std::int64_t> Store::profile_counts(std::string_view profile) const {
    auto q = m_impl->db.cached(
        "SELECT (SELECT count(*) FROM profile_verdicts WHERE profile = ?1 AND qualifies = 1), "
        "(SELECT count(*) FROM profile_verdicts WHERE profile = ?1 AND qualifies = 0)");
    q->bind(1, profile);
    q->step();
    return {q->column_int64(0), q->column_int64(1)};
}

void Store::for_each_qualifying_dataset(std::string_view profile, const DatasetSlice& slice,
                                        const std::function<void(const CatalogRecord&)>& visit) const {
    auto q = m_impl->db.prepare(fmt::format(
        "SELECT {} WHERE d.id IN (SELECT dataset_id FROM profile_verdicts WHERE profile = ?1 AND qualifies = 1 "
        "ORDER BY dataset_id LIMIT ?2 OFFSET ?3) ORDER BY d.id",
        k_record_columns));
    q->bind(1, profile).bind(2, slice.limit).bind(3, std::max<std::int64_t>(slice.offset, 0));
    while (q->step()) visit(read_record(*q));
}

std::vector<HeldBackRow> Store::held_back(std::string_view profile, const DatasetSlice& slice) const {
    auto q = m_impl->db.cached(
        "SELECT d.id, coalesce(d.iri, ''), d.title, coalesce(d.publisher_name, ''), pv.reasons FROM datasets d "
        "JOIN profile_verdicts pv ON pv.profile = ?1 AND pv.dataset_id = d.id "
        "WHERE pv.qualifies = 0 ORDER BY pv.dataset_id LIMIT ?2 OFFSET ?3");
    q->bind(1, profile).bind(2, slice.limit).bind(3, std::max<std::int64_t>(slice.offset, 0));
    std::vector<HeldBackRow> rows;
    while (q->step()) {
        rows.push_back({q->column_int64(0), q->column_text(1), q->column_text(2), q->column_text(3),
                        q->column_text(4)});
    }
    return rows;
}

std::vector<ForwardPushRow> Store::forward_pushes(std::string_view target) const {
    auto q = m_impl->db.cached(
        "SELECT dataset_id, package_id, name, dict_hash, pushed_at FROM forward_pushes WHERE target = ?1 "
        "ORDER BY dataset_id");
    q->bind(1, target);
    std::vector<ForwardPushRow> rows;
    while (q->step()) {
        rows.push_back({q->column_int64(0), q->column_text(1), q->column_text(2), q->column_text(3),
                        q->column_text(4)});
    }
    return rows;
}

void Store::record_forward_push(std::string_view target, const ForwardPushRow& row) {
    auto q = m_impl->db.cached(
        "INSERT INTO forward_pushes (target, dataset_id, package_id, name, dict_hash, pushed_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (target, dataset_id) DO UPDATE SET "
        "package_id = excluded.package_id, name = excluded.name, dict_hash = excluded.dict_hash, "
        "pushed_at = excluded.pushed_at");
    q->bind(1, target)
        .bind(2, row.dataset_id)
        .bind(3, row.package_id)
        .bind(4, row.name)
        .bind(5, row.dict_hash)
        .bind(6, row.pushed_at.empty() ? m_impl->now() : row.pushed_at)
        .run();
}

void Store::forget_forward_push(std::string_view target, std::int64_t dataset_id) {
    auto q = m_impl->db.cached("DELETE FROM forward_pushes WHERE target = ?1 AND dataset_id = ?2");
    q->bind(1, target).bind(2, dataset_id).run();
}

}  // namespace ernte::catalog
