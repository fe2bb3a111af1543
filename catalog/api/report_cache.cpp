#include "catalog/api/report_cache.hpp"

#include "catalog/assess.hpp"
#include "catalog/store.hpp"
#include "catalog/time.hpp"

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

}  // namespace ernte::catalog::api
