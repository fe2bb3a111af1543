#pragma once
/// One harvest run of one source, end to end: decide full or incremental,
/// list the source page by page, store what changed, detect deletions within
/// the delete guard, and record the run with its counts and errors.

#include "catalog/store.hpp"
#include "harvester/config.hpp"
#include "harvester/fetch.hpp"

#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace ernte::catalog {
class Vocabularies;
}

namespace ernte::harvester {

/// Progress of a run, reported after every stored page.
struct HarvestProgress {
    std::string source;
    std::int64_t pages = 0;
    std::int64_t pages_expected = 0;  ///< 0 unknown
    std::int64_t records = 0;
    std::int64_t records_expected = -1;
};

struct HarvestOptions {
    bool force_full = false;
    /// Assess new and changed records (MQA score, DCAT-AP.de rules, checks)
    /// as they are stored; off only to measure what assessing costs.
    bool assess = true;
    /// Page warnings kept with a run; the rest are counted, and in the log.
    std::int64_t max_warning_rows = 200;
    const std::atomic<bool>* cancel = nullptr;                     ///< set on SIGINT/SIGTERM
    std::function<void(const HarvestProgress&)> on_progress;       ///< may be called from several threads
};

/// How a run ended.
struct HarvestResult {
    std::string source;
    std::int64_t run_id = 0;
    catalog::RunMode mode = catalog::RunMode::full;
    catalog::RunStatus status = catalog::RunStatus::failed;
    catalog::RunCounts counts;
    std::int64_t warnings = 0;  ///< what pages got wrong but was read anyway, kept as "warning" rows of the run
    std::string message;
    std::chrono::milliseconds duration{0};
};

/// What runs share: configuration, one fetcher, the vocabularies.
struct HarvestEnvironment {
    const Config* config = nullptr;
    Fetcher* fetcher = nullptr;
    const catalog::Vocabularies* vocab = nullptr;
};

/// Harvest one source. Opens its own store connections, so runs of different
/// sources can go side by side. Never throws for problems of the source; a
/// store failure ends the run as failed with the reason.
HarvestResult harvest_source(const HarvestEnvironment& env, const SourceConfig& source, const HarvestOptions& options);

/// Harvest several sources, at most config.parallel_sources at a time.
/// Results are in the order of `sources`.
std::vector<HarvestResult> harvest_sources(const HarvestEnvironment& env, const std::vector<const SourceConfig*>& sources,
                                           const HarvestOptions& options);

/// Takes the datasets of a source that is no longer configured out of the
/// catalogue: a run of the source that retracts all its links (no delete
/// guard) and forgets its pages. Datasets no other source delivers are
/// deprecated, then withdrawn after the grace period; the run says how many.
/// Throws std::invalid_argument when the catalogue has no source of that
/// name, catalog::StoreError when the store fails (nothing is then changed).
HarvestResult retire_source(const Config& config, const std::string& name);

/// The one-line summary printed per source at the end of `ernte harvest`;
/// "NAME: not started: why" when no run could be recorded.
std::string summary_line(const HarvestResult& result);

/// Fetcher options for a configuration (User-Agent, caps) and one source
/// (timeouts, retries, connections per host).
FetchOptions fetch_options(const Config& config, const SourceConfig* source = nullptr);

}  // namespace ernte::harvester
