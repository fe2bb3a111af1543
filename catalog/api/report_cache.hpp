#pragma once
/// Quality reports over many records, built once per catalogue state and kept
/// in the serving process: the dashboard's overview and publisher pages and
/// the quality API (/api/quality/summary, /publishers, /publishers/{name})
/// answer from the same cache, and `ernte serve` fills it ahead after each
/// harvest (Service::warm_up), so no visitor waits for the report.

#include "catalog/quality_report.hpp"
#include "catalog/store.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace ernte::catalog {
class FacetIndex;
class Store;
class Vocabularies;
struct DatasetFilter;
}  // namespace ernte::catalog

namespace ernte::catalog::api {

/// Reports kept per key (database and selection) and Store::catalogue_state:
/// a report is built again only after the catalogue changed. Requests that
/// ask for a report being built wait for that build instead of starting
/// their own. Thread-safe.
class ReportCache {
public:
    using Report = std::shared_ptr<const quality::QualityReport>;
    using Builder = std::function<quality::QualityReport()>;

    /// The report of `key` for `state`, built by `build` when there is none.
    Report get(const std::string& key, const std::string& state, const Builder& build);

    /// How many reports were built, and how many requests were answered
    /// from the cache (or from a build already under way).
    std::int64_t builds() const;
    std::int64_t hits() const;

private:
    static constexpr std::size_t k_max_entries = 4096;
    struct Entry {
        std::string state;
        std::shared_future<Report> report;
    };
    mutable std::mutex m_mutex;
    std::map<std::string, Entry> m_entries;
    std::int64_t m_builds = 0;
    std::int64_t m_hits = 0;
};

/// Where the datasets of a feed selection stand (Store::dataset_positions),
/// kept per selection and catalogue state: each feed page states how many
/// datasets the feed has (Hydra totalItems) and starts at the milestone
/// before it, so that neither the count nor the datasets ahead of a page
/// are read again for every page. Thread-safe.
class PositionCache {
public:
    using Positions = std::shared_ptr<const DatasetPositions>;
    using Reader = std::function<DatasetPositions()>;
    /// The positions kept for `key` and `state`, read by `read` when there
    /// are none.
    Positions get(const std::string& key, const std::string& state, const Reader& read);

private:
    /// About 12 KB each for 100,000 datasets at the feed's stride.
    static constexpr std::size_t k_max_entries = 256;
    mutable std::mutex m_mutex;
    std::map<std::string, std::pair<std::string, Positions>> m_entries;
};

/// The search's facet index (catalog/facet_index.hpp) kept for the newest
/// catalogue state it was built for: `ernte serve` builds it with the reports
/// after each harvest (Service::warm_up), so searches filter, order and count
/// in memory.
/// When a search finds it missing or built for an older state (a harvest in
/// another process), the search counts in SQL and a new build is asked for,
/// at most once per `refresh_interval`. Thread-safe.
class FacetIndexCache {
public:
    using Index = std::shared_ptr<const FacetIndex>;

    /// `request_build` is called (without waiting) when a search finds the
    /// index missing or out of date; it should call refresh() soon, on a
    /// thread of its own.
    FacetIndexCache(std::function<void()> request_build, std::chrono::steady_clock::duration refresh_interval);

    /// The index for a search on `store` (Store::search checks that it fits
    /// the state it reads); null when none was built yet.
    Index for_search(const Store& store);
    /// Build the index for the catalogue as it is now, unless the one kept
    /// is of this state already.
    void refresh(const Store& store);

    /// How many indexes were built.
    std::int64_t builds() const;

private:
    std::function<void()> m_request_build;
    std::chrono::steady_clock::duration m_refresh_interval;
    mutable std::mutex m_mutex;
    Index m_index;
    std::optional<std::chrono::steady_clock::time_point> m_last_request;
    std::int64_t m_builds = 0;
};

/// The summaries of the catalogue and of each publisher (no per-dataset rows)
/// of the datasets `filter` selects (its source and publisher only).
ReportCache::Report catalogue_report(ReportCache& cache, const Store& store, const DatasetFilter& filter);

/// A publisher's report with every dataset and its findings with texts (what
/// /api/quality/publishers/{name} answers and the publisher page shows);
/// without datasets when the publisher has none.
ReportCache::Report publisher_report(ReportCache& cache, const Store& store, const Vocabularies& vocab,
                                     std::string_view name);

/// What a publisher's dashboard page shows, built without keeping every
/// dataset: the publisher's summary (report.catalogue, with its dimension
/// means) and its `shown` worst datasets, worst first (unscored last), with
/// the texts of their costliest findings (k_publisher_page_findings, only
/// those that cost points); report.publishers is empty. Small enough to be
/// built ahead for every publisher (warm_up_publishers).
/// Datasets a publisher's dashboard page lists.
inline constexpr std::size_t k_publisher_page_datasets = 100;
/// Findings kept per dataset of the page (the costliest that cost points).
inline constexpr std::size_t k_publisher_page_findings = 3;
ReportCache::Report publisher_page_report(ReportCache& cache, const Store& store, const Vocabularies& vocab,
                                          std::string_view name, std::size_t shown);

/// Datasets worst first by MQA points (unscored last), stable otherwise.
void sort_worst_first(std::vector<quality::ScoredDataset>& datasets);

}  // namespace ernte::catalog::api
