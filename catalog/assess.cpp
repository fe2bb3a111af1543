#include "catalog/assess.hpp"

#include "catalog/checks.hpp"
#include "catalog/rules.hpp"
#include "catalog/store.hpp"

namespace ernte::catalog::quality {

Assessment assess_record(const model::Dataset& dataset, const Vocabularies& vocab, const LinkLookup& links,
                         std::string_view today, FindingTexts texts) {
    Assessment out;
    std::vector<Finding> rule_findings = check_rules(dataset, vocab, Profiles(), texts);
    for (const Finding& f : rule_findings) {
        const Rule* rule = find_rule(f.rule);
        if (f.severity == Severity::violation && rule != nullptr && rule->profile == Profile::dcat_ap_de)
            ++out.violations;
    }
    MqaInputs inputs;
    inputs.links = links;
    inputs.dcat_ap_violations = out.violations;
    inputs.texts = texts;
    MqaResult mqa = assess_mqa(dataset, vocab, inputs);
    out.score = mqa.score;
    out.findings = std::move(mqa.findings);
    out.findings.insert(out.findings.end(), std::make_move_iterator(rule_findings.begin()),
                        std::make_move_iterator(rule_findings.end()));
    std::vector<Finding> checks = check_record(dataset, vocab, links, today);
    out.findings.insert(out.findings.end(), std::make_move_iterator(checks.begin()),
                        std::make_move_iterator(checks.end()));
    return out;
}

ReassessCounts reassess(Store& store, const Vocabularies& vocab, const DatasetFilter& filter, std::string_view today,
                        bool only_unassessed) {
    ReassessCounts counts;
    const LinkLookup links = stored_links(store);
    Store::Transaction tx(store);
    store.for_each_dataset(filter, [&](const CatalogRecord& record) {
        if (record.status != model::RecordStatus::active || record.version_id == 0 ||
            record.dataset.type == model::ResourceType::data_service)
            return;
        if (only_unassessed && store.has_assessment(record.version_id)) return;
        ++counts.assessed;
        if (store.record_score(ScoreEntry{record.id, record.version_id, std::nullopt,
                                          assess_record(record.dataset, vocab, links, today, FindingTexts::omit)}))
            ++counts.changed;
    });
    tx.commit();
    return counts;
}

void add_finding_texts(const Store& store, const Vocabularies& vocab, std::vector<ScoredDataset>& datasets,
                       std::string_view today) {
    const LinkLookup links = stored_links(store);
    for (ScoredDataset& d : datasets) {
        if (!d.score) continue;
        const auto record = store.find(std::to_string(d.id));
        if (!record) continue;
        d.findings = assess_record(record->dataset, vocab, links, today).findings;
    }
}

LinkLookup stored_links(const Store& store) {
    // Before the first link check, no URL needs a look-up.
    if (!store.has_link_verdicts()) return [](std::string_view) { return std::optional<LinkState>(); };
    return [&store](std::string_view url) -> std::optional<LinkState> {
        const std::optional<LinkCheckRow> row = store.link_check(url);
        if (!row || row->checked.empty()) return std::nullopt;
        LinkState state;
        state.checked = true;
        state.status = static_cast<int>(row->status);
        state.content_type = row->content_type;
        if (row->size && *row->size >= 0) state.size = static_cast<std::uint64_t>(*row->size);
        state.error = row->error;
        state.checked_at = row->checked;
        return state;
    };
}

}  // namespace ernte::catalog::quality
