#include "catalog/assess.hpp"

#include "catalog/checks.hpp"
#include "catalog/finding_list.hpp"
#include "catalog/rules.hpp"
#include "catalog/store.hpp"
#include "catalog/text.hpp"

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <algorithm>
#include <optional>
#include <tuple>
#include <stdexcept>
#include <unordered_map>

namespace ernte::catalog::quality {

namespace {

/// What a finding of this id has unless the stored form says otherwise.
const FindingDefaults* defaults_of(std::string_view rule) {
    static const std::unordered_map<std::string_view, FindingDefaults> by_id = [] {
        std::unordered_map<std::string_view, FindingDefaults> map;
        for (const IndicatorDefinition& def : mqa_indicators())
            map.emplace(def.id, FindingDefaults{Severity::warning, def.property});
        for (const Rule& r : rules()) map.emplace(r.id, FindingDefaults{r.severity, r.path});
        return map;
    }();
    const auto it = by_id.find(rule);
    return it == by_id.end() ? nullptr : &it->second;
}

/// The score of a record, its findings in `findings` (MQA, then rules,
/// then checks) and its violations of the DCAT-AP.de 3.0 rules.
std::pair<MqaScore, std::size_t> assess_into(const model::Dataset& dataset, const Vocabularies& vocab,
                                             const LinkLookup& links, std::string_view today, FindingTexts texts,
                                             FindingTexts check_texts, FindingList& findings) {
    // The MQA needs the rules' verdict, but reports its findings first.
    const std::size_t violations = check_rules(dataset, vocab, Profiles(), texts, findings);
    const std::size_t rule_findings = findings.size();
    MqaInputs inputs;
    inputs.links = links;
    inputs.dcat_ap_violations = violations;
    inputs.texts = texts;
    MqaScore score = assess_mqa(dataset, vocab, inputs, findings);
    auto& entries = findings.entries();
    std::rotate(entries.begin(), entries.begin() + static_cast<std::ptrdiff_t>(rule_findings), entries.end());
    check_record(dataset, vocab, links, today, check_texts, findings);
    return {score, violations};
}

}  // namespace

Assessment assess_record(const model::Dataset& dataset, const Vocabularies& vocab, const LinkLookup& links,
                         std::string_view today, FindingTexts texts) {
    FindingList findings;
    Assessment out;
    std::tie(out.score, out.violations) =
        assess_into(dataset, vocab, links, today, texts, FindingTexts::compose, findings);
    out.findings = findings.take_findings();
    return out;
}

StoredAssessment assess_for_store(const model::Dataset& dataset, const Vocabularies& vocab, const LinkLookup& links,
                                  std::string_view today) {
    FindingList findings;
    StoredAssessment out;
    std::tie(out.score, out.violations) =
        assess_into(dataset, vocab, links, today, FindingTexts::omit, FindingTexts::omit, findings);
    out.stored_score = to_stored_form(out.score);
    findings.append_stored(out.stored_findings);
    return out;
}

std::string to_stored_findings(const std::vector<Finding>& findings) {
    // The harvest writes this for every record it stores: short rows are cheap rows.
    std::string out;
    out.reserve(32 * findings.size() + 2);
    out += '[';
    for (const Finding& f : findings) {
        if (out.size() > 1) out += ',';
        append_stored_finding(out, f.rule, f.points_lost, f.distribution.value_or(FindingList::no_distribution),
                              f.value, f.path, f.severity, defaults_of(f.rule));
    }
    out += ']';
    return out;
}

std::vector<Finding> findings_from_stored(std::string_view stored) {
    rapidjson::Document doc;
    doc.Parse(stored.data(), stored.size());
    if (doc.HasParseError()) {
        throw std::runtime_error(fmt::format("stored findings: {} at offset {}",
                                             rapidjson::GetParseError_En(doc.GetParseError()), doc.GetErrorOffset()));
    }
    if (!doc.IsArray()) throw std::runtime_error("stored findings are not a JSON array");
    if (!doc.Empty() && doc[0].IsObject()) return findings_from_json(stored);  // stored by an earlier version
    std::vector<Finding> findings;
    findings.reserve(doc.Size());
    for (const auto& v : doc.GetArray()) {
        if (!v.IsArray() || v.Empty() || v.Size() > 6 || !v[0].IsString())
            throw std::runtime_error(
                "stored findings: an entry is not [rule, points_lost, distribution, value, path, severity]");
        const auto field = [&v](rapidjson::SizeType i) { return i < v.Size() ? &v[i] : nullptr; };
        Finding f;
        f.rule.assign(v[0].GetString(), v[0].GetStringLength());
        if (const FindingDefaults* defaults = defaults_of(f.rule)) {
            f.severity = defaults->severity;
            f.path = defaults->path;
        }
        const auto fail = [&f](std::string_view what) {
            return std::runtime_error(fmt::format("stored findings: \"{}\": {}", f.rule, what));
        };
        if (const auto* points = field(1)) {
            if (!points->IsInt()) throw fail("points_lost is not a number");
            f.points_lost = points->GetInt();
        }
        if (const auto* dist = field(2); dist && !dist->IsNull()) {
            if (!dist->IsUint64()) throw fail("distribution is not an index");
            f.distribution = static_cast<std::size_t>(dist->GetUint64());
        }
        for (auto [i, target] : {std::pair{3u, &f.value}, std::pair{4u, &f.path}}) {
            if (const auto* text = field(i)) {
                if (!text->IsString()) throw fail(i == 3 ? "value is not a string" : "path is not a string");
                target->assign(text->GetString(), text->GetStringLength());
            }
        }
        if (const auto* severity = field(5)) {
            const auto known = severity->IsString()
                                   ? severity_by_name({severity->GetString(), severity->GetStringLength()})
                                   : std::nullopt;
            if (!known) throw fail("unknown severity");
            f.severity = *known;
        }
        findings.push_back(std::move(f));
    }
    return findings;
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
        StoredAssessment a = assess_for_store(record.dataset, vocab, links, today);
        if (store.record_score(ScoreEntry{record.id, record.version_id, std::nullopt,
                                          Assessment{a.score, {}, a.violations}, std::move(a.stored_score),
                                          std::move(a.stored_findings)}))
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
