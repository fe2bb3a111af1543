#pragma once
/// The catalogue store: SQLite in WAL mode. Sources, harvest runs and their
/// errors, catalogue datasets with their versions and provenance, tombstones,
/// page memos for conditional GET, and the results of link checks.
///
/// Catalogue semantics (see docs/store.md):
/// - A source delivers records identified by its own key (CKAN package id).
///   Each (source, key) is a provenance link to one catalogue dataset.
/// - A new link joins an existing dataset with the same IRI, or with the same
///   dct:identifier when that dataset has no active link from the same source;
///   otherwise a new dataset is created.
/// - The catalogue record of a dataset is the record of its winning link:
///   newest `modified`, then higher source priority, then the older source.
/// - A record whose content hash equals the stored one is not rewritten.
/// - A link not seen by a complete full run is retracted (retract_unseen),
///   unless that would retract more than the delete guard allows. A dataset
///   without active links is deprecated, then withdrawn after a grace period.

#include "catalog/assess.hpp"
#include "catalog/model.hpp"
#include "catalog/quality_report.hpp"
#include "catalog/search.hpp"

#include <array>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace ernte::catalog {

class FacetIndex;

/// A failure of the database itself (cannot open, disk full, locked too long,
/// corrupt). The message names the database file and SQLite's explanation.
class StoreError : public std::runtime_error {
public:
    StoreError(int sqlite_code, const std::string& message)
        : std::runtime_error(message), m_code(sqlite_code) {}
    /// The SQLite result code (SQLITE_FULL, SQLITE_BUSY, ...).
    int code() const { return m_code; }

private:
    int m_code;
};

/// How a harvest run ended; `running` while it works.
enum class RunStatus { running, succeeded, partial, failed, interrupted };
std::string_view to_string(RunStatus status);
std::optional<RunStatus> run_status_from_string(std::string_view text);

/// Full runs list every record (and may delete); incremental runs ask only for
/// what changed since the last clean run.
enum class RunMode { full, incremental };
std::string_view to_string(RunMode mode);

std::string_view to_string(model::RecordStatus status);

/// A configured source as the store knows it.
struct SourceInfo {
    std::string name;  ///< unique, [a-z0-9_-]+
    std::string type;  ///< "ckan" | "dcat"
    std::string url;
    int priority = 0;  ///< higher wins ties between sources delivering the same dataset
};

/// Counters of one run.
struct RunCounts {
    std::int64_t added = 0;
    std::int64_t updated = 0;
    std::int64_t unchanged = 0;
    std::int64_t deleted = 0;
    std::int64_t deletions_withheld = 0;
    std::int64_t errors = 0;
    std::int64_t pages = 0;

    bool operator==(const RunCounts&) const = default;
};

/// One row of `runs`.
struct RunRow {
    std::int64_t id = 0;
    std::string source;
    RunMode mode = RunMode::full;
    RunStatus status = RunStatus::running;
    std::string started;   ///< ISO 8601 UTC
    std::string finished;  ///< empty while running
    std::string since;     ///< incremental runs: the modified-since bound used
    RunCounts counts;
    std::string message;   ///< why a run failed, was partial or withheld deletions
};

/// A configured source with its catalogue figures.
struct SourceRow {
    std::int64_t id = 0;
    SourceInfo info;
    std::int64_t datasets = 0;          ///< active provenance links
    std::optional<RunRow> last_run;
    std::optional<RunRow> last_success;  ///< last run with status succeeded
};

/// A per-object error of a run: one package that could not be mapped, one page
/// that could not be fetched or parsed.
struct ErrorRow {
    std::int64_t id = 0;
    std::int64_t run_id = 0;
    std::string source;     ///< filled when read
    std::string stage;      ///< "fetch", "parse", "normalize", "store"; "warning": read anyway
    std::string object_id;  ///< the record's key when known
    std::string url;
    std::string place;      ///< where in the document: "line 3, column 7", "results[12]"
    std::string message;
    std::string fragment;   ///< the offending input, truncated to a few KiB
    std::string created;
};

/// One record as a source delivered it, after normalization.
struct SourceRecord {
    std::string source_key;    ///< the source's own, stable id
    model::Dataset dataset;    ///< normalized record
    std::string raw;           ///< the source fragment as delivered (JSON or N-Triples)
    std::string content_hash;  ///< covers raw, normalizer version and vocabularies
    /// model::to_json(dataset), when the caller serialized it already (the
    /// harvest does so on its listing thread); empty: the store serializes.
    std::string record_json;
};

enum class UpsertOutcome { added, updated, unchanged };

/// Where Store::upsert put a record: its catalogue dataset and the version
/// holding the record as the source delivered it.
struct UpsertPlace {
    std::int64_t dataset_id = 0;
    std::int64_t version_id = 0;
};

/// One assessment of a stored version (Store::record_score).
struct ScoreEntry {
    std::int64_t dataset_id = 0;
    std::int64_t version_id = 0;
    /// The harvest run that stored the version; nullopt: assessed again later
    /// (after a link check, or by `ernte score --rescore`).
    std::optional<std::int64_t> run_id;
    quality::Assessment assessment;
    /// quality::to_stored_form(assessment.score) and
    /// quality::to_stored_findings(assessment.findings), when the caller
    /// serialized them already (the harvest does so on its assessing thread);
    /// empty: the store serializes.
    std::string stored_score;
    std::string stored_findings;
};

/// What retract_unseen did.
struct RetractResult {
    std::int64_t listed_before = 0;  ///< active links of the source before the run
    std::int64_t unseen = 0;         ///< links the run did not see
    std::int64_t deleted = 0;        ///< links retracted
    std::int64_t withheld = 0;       ///< links kept because the delete guard was exceeded
    std::int64_t deprecated = 0;     ///< catalogue datasets that lost their last link
};

/// What a page looked like the last time it was fetched: validators for
/// conditional GET, and the keys it listed so an unchanged page can be skipped.
struct PageMemo {
    std::string url;
    std::string etag;
    std::string last_modified;
    std::string body_hash;               ///< content hash of the body (plus mapping version)
    std::vector<std::string> keys;       ///< source keys listed on the page
    std::int64_t total = -1;             ///< the collection size the page announced (-1 unknown)
    std::string next_url;                ///< the next page the page named (paged RDF feeds), empty when last
    std::int64_t per_page = -1;          ///< the page size it showed (paged RDF feeds; -1 unknown)
};

/// A catalogue dataset as read back.
struct CatalogRecord {
    std::int64_t id = 0;
    std::string iri;
    model::RecordStatus status = model::RecordStatus::active;
    model::Dataset dataset;
    std::string content_hash;
    std::string first_seen;    ///< ISO 8601 UTC
    std::string last_changed;  ///< ISO 8601 UTC
    std::string deprecated_at;
    std::vector<std::string> sources;  ///< names of sources with an active link
    std::int64_t version_id = 0;       ///< the version `dataset` is (the winning source's record)
    std::string package_id;            ///< the CKAN package id, given once (migration 006)
    std::string package_name;          ///< the CKAN package name, unique and kept once given
};

/// A version in a dataset's history.
struct VersionRow {
    std::int64_t id = 0;
    std::string source;
    std::string content_hash;
    std::int64_t run_id = 0;
    std::string created;
    /// False when the version's record and source triples were dropped (Store::set_kept_versions).
    bool content_kept = true;
};

/// What one attempt to check a URL came to.
enum class LinkOutcome {
    ok,           ///< the URL answered with HTTP 200-399
    broken,       ///< another status, no answer, or an invalid URL
    not_checked,  ///< not asked: robots.txt disallows it or could not be read (never "broken")
};
std::string_view to_string(LinkOutcome outcome);

/// What one check of a URL found; written by Store::record_link_check.
struct LinkCheckResult {
    std::string url;
    LinkOutcome outcome = LinkOutcome::broken;
    long status = 0;                   ///< the final HTTP status; 0 when no answer arrived
    std::string content_type;          ///< as the server sent it
    std::optional<std::int64_t> size;  ///< Content-Length, when the server sent one
    std::string final_url;             ///< after redirects
    std::string failure;               ///< broken without an answer: "timeout", "connection", "dns", "invalid_url" ...
    /// broken: why, in a sentence for an administrator; not_checked: why the URL was not asked.
    std::string reason;
};

/// The stored state of a URL (one row of `link_checks`).
struct LinkCheckRow {
    std::string url;
    std::string checked;               ///< the last check that reached a verdict (ok or broken); empty: never
    bool ok = false;                   ///< that check's verdict
    long status = 0;                   ///< that check's final HTTP status; 0: no answer
    std::string content_type;
    std::optional<std::int64_t> size;
    std::string final_url;
    std::string failure;               ///< see LinkCheckResult::failure
    std::string error;                 ///< why that check failed
    std::string first_failure;         ///< when the current failure streak began; empty while the URL works
    std::string last_success;          ///< the last check that passed; empty: never
    std::int64_t consecutive_failures = 0;
    std::string not_checked;           ///< why the last attempt did not check the URL; empty when it did
    std::string attempted;             ///< the last attempt, checked or not

    /// ok or broken by the last verdict; not_checked when no check ever reached one.
    LinkOutcome outcome() const {
        if (checked.empty()) return LinkOutcome::not_checked;
        return ok ? LinkOutcome::ok : LinkOutcome::broken;
    }
};

/// Which datasets to read.
struct DatasetFilter {
    std::optional<std::string> source;     ///< only datasets with an active link from this source
    std::optional<std::string> publisher;  ///< publisher name (exact) or IRI
    /// Only datasets whose catalogue record changed (content or status) at or
    /// after this ISO 8601 UTC time ("2026-11-01" or "2026-11-01T08:00:00Z").
    std::optional<std::string> changed_since;
    std::optional<std::int64_t> dataset_id;  ///< only this catalogue dataset
    bool include_withdrawn = false;
    /// Only datasets that qualify for this forward profile ("govdata"), by
    /// the stored verdicts (bring them up to date first:
    /// catalog::refresh_profile_verdicts).
    std::optional<std::string> profile;
};

/// How many runs of a source ended (or are) in a status.
struct RunStatusCount {
    std::string source;
    RunStatus status = RunStatus::running;
    std::int64_t runs = 0;
};

/// A slice of the datasets in id order: `limit` datasets after skipping
/// `offset`, counted from the first dataset whose id is `from_id` or more.
struct DatasetSlice {
    std::int64_t offset = 0;
    std::int64_t limit = -1;  ///< negative: no limit
    std::int64_t from_id = 0;
};

/// Where the datasets a filter selects stand in id order: how many there
/// are, and the id at every `stride`-th position. A feed page deep in the
/// catalogue starts at the milestone before it instead of skipping every
/// dataset ahead of it (SQLite steps through each row an OFFSET skips).
struct DatasetPositions {
    std::int64_t count = 0;
    std::int64_t stride = 1;
    std::vector<std::int64_t> milestones;  ///< the ids at positions 0, stride, 2 × stride, ...
    /// The slice of `limit` datasets from position `offset` (0: the first).
    DatasetSlice slice(std::int64_t offset, std::int64_t limit) const;
};

/// The quality figures of the catalogue or of one publisher as they stood when
/// a harvest run finished (migration 008: quality_trend); the dashboard's trend.
struct QualityTrendPoint {
    std::int64_t run_id = 0;
    std::string source;    ///< the source of the run
    std::string recorded;  ///< when the run finished, ISO 8601 UTC
    std::int64_t datasets = 0;
    std::int64_t scored = 0;
    double mean = 0.0;  ///< mean MQA score of the scored records
    quality::RatingCounts ratings;
    std::array<double, quality::dimension_count> dimensions{};  ///< mean points per dimension, indexed by Dimension
};

/// A stored verdict of a forward profile on a dataset that does not qualify
/// (Store::held_back).
struct HeldBackRow {
    std::int64_t dataset_id = 0;
    std::string iri;
    std::string title;
    std::string publisher;
    std::string reasons;  ///< as recorded: a JSON array (catalog/forward_profile.hpp)
};

/// What a forward target accepted for one catalogue dataset (Store::forward_pushes).
struct ForwardPushRow {
    std::int64_t dataset_id = 0;
    std::string package_id;  ///< the downstream's id of the package
    std::string name;        ///< the package name used downstream
    std::string dict_hash;   ///< hash of the package dict last accepted
    std::string pushed_at;   ///< ISO 8601 UTC
};

/// The SQLite catalogue. Not thread-safe: one Store per thread; several
/// processes may open the same file (WAL, busy timeout).
/// A run that Store::mark_interrupted_runs found cut off.
struct InterruptedRun {
    std::int64_t run_id = 0;
    std::string source;
};

class Store {
public:
    /// Open (creating the file and its folder if missing) and migrate to the
    /// newest schema. Throws StoreError.
    explicit Store(const std::filesystem::path& path);
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    const std::filesystem::path& path() const;
    /// Number of the newest migration applied.
    int schema_version() const;

    /// An explicit transaction; rolls back unless committed. Upserts of one
    /// page go into one transaction. Nested transactions are savepoints.
    /// An upsert that fails after it began writing fails the whole
    /// transaction (no savepoint per record, for speed): later upserts and
    /// commit() throw StoreError and nothing is kept. Other calls that fail
    /// roll back alone; a record rejected before anything was written
    /// (std::invalid_argument) leaves the transaction usable.
    class Transaction {
    public:
        explicit Transaction(Store& store);
        ~Transaction();
        Transaction(const Transaction&) = delete;
        Transaction& operator=(const Transaction&) = delete;
        void commit();

    private:
        Store* m_store;
        bool m_done = false;
    };

    // ------------------------------------------------------------ sources
    /// Insert or update a source by name; returns its id.
    std::int64_t ensure_source(const SourceInfo& info);
    std::optional<std::int64_t> source_id(std::string_view name) const;
    std::vector<SourceRow> sources() const;

    // ------------------------------------------------------------ runs
    /// Start a run. Throws StoreError if another live process is running this
    /// source (never two runs of one source at once).
    std::int64_t begin_run(std::int64_t source_id, RunMode mode, const std::string& since = {});
    void finish_run(std::int64_t run_id, RunStatus status, const RunCounts& counts, const std::string& message);
    /// Mark runs left `running` by processes of this host that no longer
    /// exist as interrupted. Returns the runs marked.
    std::vector<InterruptedRun> mark_interrupted_runs();
    /// The newest run of a source matching the criteria.
    std::optional<RunRow> last_run(std::int64_t source_id, std::optional<RunStatus> status = std::nullopt,
                                   std::optional<RunMode> mode = std::nullopt) const;
    std::optional<RunRow> run(std::int64_t run_id) const;
    /// Newest first.
    std::vector<RunRow> runs(const std::optional<std::string>& source, int limit) const;
    /// The number of runs per source and status, by source name and status.
    std::vector<RunStatusCount> run_status_counts() const;
    void add_error(std::int64_t run_id, const ErrorRow& error);
    /// Deletes the errors and warnings of runs that ended before now minus
    /// `age`; the runs themselves stay, and so do the messages of each
    /// source's newest run, however old. Returns how many rows went.
    std::int64_t forget_run_errors(std::chrono::seconds age);
    /// Errors newest first, then warnings (stage "warning") newest first.
    std::vector<ErrorRow> errors(const std::optional<std::string>& source, std::optional<std::int64_t> run_id,
                                 int limit) const;

    // ------------------------------------------------------------ records
    /// Store one record of a source as seen by a run.
    /// With `place`, also says where the record went (unchanged records too).
    UpsertOutcome upsert(std::int64_t source_id, std::int64_t run_id, const SourceRecord& record,
                         UpsertPlace* place = nullptr);
    /// Mark records as seen by a run without rewriting them (their page was
    /// unchanged). Returns how many active links were found for the keys.
    std::int64_t mark_seen(std::int64_t source_id, std::int64_t run_id, const std::vector<std::string>& keys);
    /// After a complete, error-free full run: retract the links the run did
    /// not see, unless more than `delete_guard` (0..1) of the source's links
    /// would go, in which case nothing is retracted and `withheld` says how many.
    RetractResult retract_unseen(std::int64_t source_id, std::int64_t run_id, double delete_guard);
    /// A source taken out of the configuration: retracts every active link of
    /// the source with `run_id` (a full run of it), whatever the delete guard,
    /// and forgets its page memos, so that the source, configured again, is
    /// read afresh. Datasets left without a link are deprecated, as after a run.
    RetractResult retire_source(std::int64_t source_id, std::int64_t run_id);
    /// Withdraw datasets deprecated longer than `grace`. Returns how many.
    std::int64_t withdraw_expired(std::chrono::seconds grace);
    /// How many versions of a dataset from one source keep their content (the
    /// record JSON and the source triples); 0, the default: all. When upsert
    /// writes a new version, older ones beyond the newest `versions` lose their
    /// content but keep their row (hash, run, time) and their assessments. A
    /// version a link or the dataset still points to keeps its content, and a
    /// record that changes back to a version without content fills it again.
    void set_kept_versions(int versions);

    // ------------------------------------------------------------ page memos
    std::optional<PageMemo> page_memo(std::int64_t source_id, const std::string& url) const;
    void remember_page(std::int64_t source_id, const PageMemo& memo);

    // ------------------------------------------------------------ link checks
    /// The distinct access and download URLs (every one, not only the first)
    /// of the distributions of active datasets' current records, sorted; with
    /// `sources`, only of datasets with an active link from one of them.
    std::vector<std::string> distribution_urls(const std::vector<std::string>& sources = {}) const;
    /// Record a check of a URL (one transaction, so an interrupted check keeps
    /// what it did). ok and broken set the verdict and move the streak fields:
    /// ok clears `first_failure` and the count and sets `last_success`; broken
    /// counts on and starts `first_failure` with the first failure of a streak.
    /// not_checked only sets `not_checked` and `attempted`.
    void record_link_check(const LinkCheckResult& result);
    /// The stored state of a URL, if it was ever attempted.
    std::optional<LinkCheckRow> link_check(std::string_view url) const;
    /// Whether any URL has a verdict (ok or broken) yet.
    bool has_link_verdicts() const;
    /// The stored states of those of `urls` that were ever attempted, in URL order.
    std::vector<LinkCheckRow> link_checks(const std::vector<std::string>& urls) const;
    /// Those of `urls` (in their order) whose last verdict is older than
    /// `max_age` or that have none: the URLs a link check has to ask.
    std::vector<std::string> due_link_urls(const std::vector<std::string>& urls, std::chrono::seconds max_age) const;

    // ------------------------------------------------------------ quality
    /// Keep an assessment of a version (migration 004: quality_scores). An
    /// assessment without a run is not written when the version's newest one
    /// says the same; returns whether a row was written.
    bool record_score(const ScoreEntry& entry);
    /// Whether a version has been assessed.
    bool has_assessment(std::int64_t version_id) const;
    /// The active datasets that `filter` selects (data services are not
    /// scored and left out), each with the newest assessment of its current
    /// version (none: not assessed yet), ordered by publisher and title.
    std::vector<quality::ScoredDataset> scored_datasets(const DatasetFilter& filter) const;

    // ------------------------------------------------------------ quality trend (migration 008)
    /// Keep the catalogue's and each publisher's current quality figures
    /// under a finished run (a harvest calls it when the run is recorded).
    /// Recording a run again replaces its rows.
    void record_quality_trend(std::int64_t run_id);
    /// The figures of the last `limit` runs recorded, oldest first: of the
    /// whole catalogue (no publisher) or of one publisher (by name).
    std::vector<QualityTrendPoint> quality_trend(const std::optional<std::string>& publisher, int limit) const;
    /// A short text that changes whenever the catalogue may have changed:
    /// new versions or datasets, the newest last change, withdrawals,
    /// assessments, runs. The key under which computed reports are kept, and
    /// the state a forward profile's verdicts were judged at. Read from
    /// indexes only: microseconds at any size.
    std::string catalogue_state() const;
    /// SQLite's data version of this connection (PRAGMA data_version): it
    /// changes when another connection, in this process or another, has
    /// committed a write since this connection last asked. Costs no read of
    /// the database file.
    std::int64_t data_version() const;
    /// The record of a version in its stored JSON form (model::to_json), for
    /// showing what changed between versions; nullopt when there is no such
    /// version or its content was dropped (set_kept_versions).
    std::optional<std::string> version_record_json(std::int64_t version_id) const;

    // ------------------------------------------------------------ reading
    /// Find by catalogue id, IRI, dct:identifier, source key or name.
    std::optional<CatalogRecord> find(std::string_view id_or_iri) const;
    /// Stream datasets in id order; memory does not grow with the catalogue.
    void for_each_dataset(const DatasetFilter& filter,
                          const std::function<void(const CatalogRecord&)>& visit) const;
    /// Stream one slice of the datasets `filter` selects, in id order (a feed page).
    void for_each_dataset(const DatasetFilter& filter, const DatasetSlice& slice,
                          const std::function<void(const CatalogRecord&)>& visit) const;
    /// How many datasets `filter` selects and the id at every `stride`-th
    /// position, read in one pass over the ids (no record is read).
    DatasetPositions dataset_positions(const DatasetFilter& filter, std::int64_t stride) const;
    /// Number of datasets with the given status.
    std::int64_t count_datasets(model::RecordStatus status) const;
    /// Number of datasets `filter` selects.
    std::int64_t count_datasets(const DatasetFilter& filter) const;
    /// Publisher names of datasets not withdrawn that contain `part`
    /// (letters A to Z in any case), in order, at most `limit`.
    std::vector<std::string> publisher_names_like(std::string_view part, int limit) const;
    /// The raw source fragments of a dataset, per source name.
    std::vector<std::pair<std::string, std::string>> raw_records(std::int64_t dataset_id) const;
    /// A dataset's versions, oldest first.
    std::vector<VersionRow> versions(std::int64_t dataset_id) const;

    // ------------------------------------------------------------ search (catalog/search.hpp)
    /// The datasets (not withdrawn) a search finds, one page of them, and the
    /// counts per value of the facet fields over all found. Throws
    /// std::invalid_argument when the full-text part cannot be read.
    SearchResult search(const SearchQuery& query) const;
    /// Every value of `field` among datasets not withdrawn, with the number of
    /// datasets having it, by value; with `contains`, only values containing
    /// that text (ignoring ASCII case). Organizations carry their title.
    std::vector<FacetCount> field_values(SearchField field, std::string_view contains = {}) const;
    /// As search(query), with help from `facets` when it was built for the
    /// catalogue as the search reads it and keeps every field counted
    /// (catalog/facet_index.hpp): the counts are made from it, and a search
    /// whose filters and order it keeps (no date range; sorted by score and
    /// metadata_modified only) is filtered, ordered and paged with it too.
    /// The answer is the same as without it.
    SearchResult search(const SearchQuery& query, const FacetIndex* facets) const;
    /// What FacetIndex keeps, read in one snapshot: each dataset not
    /// withdrawn (id, when its record last changed, the number of tokens of
    /// its search text as the full-text index counts them, if known), then
    /// the values of the fields the index keeps (dataset id, field, value,
    /// organization title). Returns that snapshot's catalogue_state().
    std::string for_each_search_value(
        const std::function<void(std::int64_t, std::string_view, std::optional<std::uint32_t>)>& dataset,
        const std::function<void(std::int64_t, SearchField, std::string_view, std::string_view)>& value) const;
    /// Package names of the datasets not withdrawn, in name order (package_list).
    std::vector<std::string> package_names(std::int64_t offset, std::int64_t limit) const;
    /// The dataset whose CKAN package id or name is `id_or_name`.
    std::optional<CatalogRecord> find_package(std::string_view id_or_name) const;

    // ------------------------------------------------------------ forwarding (migration 007)
    /// The catalogue state a profile's verdicts were last brought up to date
    /// for; empty when never.
    std::string profile_state(std::string_view profile) const;
    void set_profile_state(std::string_view profile, const std::string& state);
    /// The datasets (not withdrawn) that have no verdict of `profile` on their
    /// current version, in id order.
    void for_each_unjudged_dataset(std::string_view profile,
                                   const std::function<void(const CatalogRecord&)>& visit) const;
    /// Keep the verdict of `profile` on a version of a dataset.
    void record_profile_verdict(std::string_view profile, std::int64_t dataset_id, std::int64_t version_id,
                                bool qualifies, const std::string& reasons);
    /// Drop the verdicts of `profile` on withdrawn datasets.
    void forget_withdrawn_verdicts(std::string_view profile);
    /// Datasets that qualify for `profile` and that it holds back, by the stored verdicts.
    std::pair<std::int64_t, std::int64_t> profile_counts(std::string_view profile) const;
    /// Stream a slice of the datasets that qualify for `profile`, in id order
    /// (a feed page of the profile, read from the verdicts' index).
    void for_each_qualifying_dataset(std::string_view profile, const DatasetSlice& slice,
                                     const std::function<void(const CatalogRecord&)>& visit) const;
    /// A slice of the datasets that `profile` holds back, in id order, with the reasons.
    std::vector<HeldBackRow> held_back(std::string_view profile, const DatasetSlice& slice) const;

    /// What forward target `target` accepted so far, in dataset id order.
    std::vector<ForwardPushRow> forward_pushes(std::string_view target) const;
    /// Remember that `target` accepted a package (replaces the dataset's row).
    void record_forward_push(std::string_view target, const ForwardPushRow& row);
    /// Forget the package of a dataset at `target` (the downstream accepted its deletion).
    void forget_forward_push(std::string_view target, std::int64_t dataset_id);

    /// SQLite's PRAGMA integrity_check: "ok", or the problems found, one a line.
    std::string integrity_check() const;

    /// Test hook: rows changed by the last statements (sqlite3_total_changes).
    std::int64_t total_changes() const;
    /// Test hook: the clock behind run times, deprecation times, the grace
    /// period of withdraw_expired, and link check times and ages (default, or
    /// when empty: the system clock).
    void set_clock(std::function<std::chrono::system_clock::time_point()> clock);

    struct Impl;

private:
    std::unique_ptr<Impl> m_impl;
};

/// Of the stored `rows`, the sources the catalogue still holds datasets of
/// that are not among `configured` (names): taken out of the configuration,
/// not yet retired (harvester::retire_source). In the order of `rows`.
std::vector<SourceRow> unconfigured_sources(const std::vector<SourceRow>& rows,
                                            const std::vector<std::string>& configured);

}  // namespace ernte::catalog
