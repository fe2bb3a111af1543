#include "catalog/api/report_cache.hpp"

#include "catalog/api/endpoints.hpp"
#include "catalog/assess.hpp"
#include "catalog/checks.hpp"
#include "catalog/facet_index.hpp"
#include "catalog/store.hpp"
#include "catalog/time.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace ernte::catalog::api {

ReportCache::Report ReportCache::get(const std::string& key, const std::string& state, const Builder& build) {
    std::promise<Report> promise;
    std::shared_future<Report> report;
    bool builder = false;
    {
        std::lock_guard lock(m_mutex);
        const auto it = m_entries.find(key);
        if (it != m_entries.end() && it->second.state == state) {
            ++m_hits;
            report = it->second.report;
        } else {
            if (it == m_entries.end() && m_entries.size() >= k_max_entries) m_entries.clear();
            report = promise.get_future().share();
            m_entries[key] = Entry{state, report};
            ++m_builds;
            builder = true;
        }
    }
    if (builder) {
        try {
            promise.set_value(std::make_shared<const quality::QualityReport>(build()));
        } catch (...) {
            // Those waiting get the failure too; the next request tries again.
            promise.set_exception(std::current_exception());
            std::lock_guard lock(m_mutex);
            const auto it = m_entries.find(key);
            if (it != m_entries.end() && it->second.state == state) m_entries.erase(it);
        }
    }
    return report.get();
}

std::int64_t ReportCache::builds() const {
    std::lock_guard lock(m_mutex);
    return m_builds;
}

std::int64_t ReportCache::hits() const {
    std::lock_guard lock(m_mutex);
    return m_hits;
}

PositionCache::Positions PositionCache::get(const std::string& key, const std::string& state, const Reader& read) {
    {
        std::lock_guard lock(m_mutex);
        const auto it = m_entries.find(key);
        if (it != m_entries.end() && it->second.first == state) return it->second.second;
    }
    auto positions = std::make_shared<const DatasetPositions>(read());
    std::lock_guard lock(m_mutex);
    if (m_entries.size() >= k_max_entries && !m_entries.count(key)) m_entries.clear();
    m_entries[key] = {state, positions};
    return positions;
}

FacetIndexCache::FacetIndexCache(std::function<void()> request_build,
                                 std::chrono::steady_clock::duration refresh_interval)
    : m_request_build(std::move(request_build)), m_refresh_interval(refresh_interval) {}

FacetIndexCache::Index FacetIndexCache::for_search(const Store& store) {
    const std::string state = store.catalogue_state();
    bool ask = false;
    Index index;
    {
        std::lock_guard lock(m_mutex);
        index = m_index;
        if (!index || index->state() != state) {
            const auto now = std::chrono::steady_clock::now();
            ask = !m_last_request || now - *m_last_request >= m_refresh_interval;
            if (ask) m_last_request = now;
        }
    }
    if (ask && m_request_build) m_request_build();
    return index;
}

void FacetIndexCache::refresh(const Store& store) {
    const std::string state = store.catalogue_state();
    {
        std::lock_guard lock(m_mutex);
        if (m_index && m_index->state() == state) return;
    }
    Index built = FacetIndex::build(store);
    std::lock_guard lock(m_mutex);
    m_index = std::move(built);
    ++m_builds;
}

std::int64_t FacetIndexCache::builds() const {
    std::lock_guard lock(m_mutex);
    return m_builds;
}

SearchResult search_catalogue(EndpointContext& c, const SearchQuery& query) {
    const FacetIndexCache::Index index = c.facets != nullptr ? c.facets->for_search(c.store) : nullptr;
    return c.store.search(query, index.get());
}

ReportCache::Report catalogue_report(ReportCache& cache, const Store& store, const DatasetFilter& filter) {
    DatasetFilter selection;
    selection.source = filter.source;
    selection.publisher = filter.publisher;
    const std::string key = store.path().string() + "\n*\n" + selection.source.value_or("\x01") + "\n" +
                            selection.publisher.value_or("\x01");
    return cache.get(key, store.catalogue_state(), [&] {
        quality::QualityReport report = quality::build_report(store.scored_datasets(selection));
        report.datasets.clear();
        report.datasets.shrink_to_fit();
        return report;
    });
}

ReportCache::Report publisher_report(ReportCache& cache, const Store& store, const Vocabularies& vocab,
                                     std::string_view name) {
    return cache.get(store.path().string() + "\np:" + std::string(name), store.catalogue_state(), [&] {
        DatasetFilter filter;
        filter.publisher = std::string(name);
        auto scored = store.scored_datasets(filter);
        quality::add_finding_texts(store, vocab, scored, today_utc());
        return quality::build_report(std::move(scored));
    });
}

void sort_worst_first(std::vector<quality::ScoredDataset>& datasets) {
    std::stable_sort(datasets.begin(), datasets.end(), [](const auto& a, const auto& b) {
        const int ta = a.score ? a.score->total : quality::mqa_max_points + 1;
        const int tb = b.score ? b.score->total : quality::mqa_max_points + 1;
        return ta < tb;
    });
}

ReportCache::Report publisher_page_report(ReportCache& cache, const Store& store, const Vocabularies& vocab,
                                          std::string_view name, std::size_t shown) {
    const std::string key = fmt::format("{}\npage{}:{}", store.path().string(), shown, name);
    return cache.get(key, store.catalogue_state(), [&] {
        DatasetFilter filter;
        filter.publisher = std::string(name);
        quality::QualityReport report = quality::build_report(store.scored_datasets(filter));
        report.publishers.clear();
        sort_worst_first(report.datasets);
        if (report.datasets.size() > shown) report.datasets.resize(shown);
        report.datasets.shrink_to_fit();
        // The texts come from assessing the records again, which does not
        // know the other records: the duplicate-title finding build_report
        // added is kept as it is.
        std::vector<std::vector<quality::Finding>> across(report.datasets.size());
        for (std::size_t i = 0; i < report.datasets.size(); ++i) {
            for (auto& f : report.datasets[i].findings) {
                if (f.rule == quality::check_duplicate_title) across[i].push_back(std::move(f));
            }
        }
        quality::add_finding_texts(store, vocab, report.datasets, today_utc());
        for (std::size_t i = 0; i < report.datasets.size(); ++i) {
            auto& d = report.datasets[i];
            for (auto& f : across[i]) d.findings.push_back(std::move(f));
            // The page shows the costliest three that cost points; kept for
            // every publisher, the rest would add up.
            std::vector<quality::Finding> shown_findings;
            for (const quality::Finding* f : quality::costliest(d, k_publisher_page_findings)) {
                if (f->points_lost > 0) shown_findings.push_back(*f);
            }
            d.findings = std::move(shown_findings);
        }
        return report;
    });
}

}  // namespace ernte::catalog::api
