#pragma once
/// Quality reports over many records, built once per catalogue state and kept
/// in the serving process: the dashboard's overview and publisher pages and
/// the quality API (/api/quality/summary, /publishers, /publishers/{name})
/// answer from the same cache, and `ernte serve` fills it ahead after each
/// harvest (Service::warm_up), so no visitor waits for the report.

#include "catalog/quality_report.hpp"

#include <cstdint>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace ernte::catalog {
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
