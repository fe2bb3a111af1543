#include "catalog/forward_profile.hpp"

#include "catalog/rules.hpp"
#include "catalog/store.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <array>

namespace ernte::catalog {

namespace {

/// What GovData requires of a harvested dataset, as the rules name it.
constexpr std::array<std::string_view, 7> k_govdata_rules = {
    "db.contributorID",           // exactly one contributor ID of the dcat-ap.de list
    "db.publisher",               // exactly one publisher
    "db.publisher.name",          // ... with a name
    "conv.dataset.distribution",  // at least one distribution
    "db.license",                 // every distribution has a licence
    "db.license.max",             // ... exactly one
    "db.license.list",            // ... from the dcat-ap.de list
};

void write_string(rapidjson::Writer<rapidjson::StringBuffer>& w, const char* key, std::string_view value) {
    w.Key(key);
    w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

}  // namespace

std::string_view to_string(ForwardProfile profile) { return profile == ForwardProfile::govdata ? "govdata" : "all"; }

std::optional<ForwardProfile> forward_profile_from_name(std::string_view name) {
    if (name == "govdata") return ForwardProfile::govdata;
    if (name == "all") return ForwardProfile::all;
    return std::nullopt;
}

std::string forward_profile_names() { return "all, govdata"; }

std::span<const std::string_view> profile_rules(ForwardProfile profile) {
    if (profile == ForwardProfile::govdata) return k_govdata_rules;
    return {};
}

ProfileVerdict check_profile(ForwardProfile profile, const model::Dataset& dataset, const Vocabularies& vocab) {
    ProfileVerdict verdict;
    const auto rules = profile_rules(profile);
    if (rules.empty()) return verdict;
    const auto selection = quality::Profiles::only(quality::Profile::govdata).with(quality::Profile::conventions);
    for (auto& finding : quality::check_rules(dataset, vocab, selection)) {
        if (std::find(rules.begin(), rules.end(), finding.rule) == rules.end()) continue;
        verdict.reasons.push_back(std::move(finding));
    }
    verdict.qualifies = verdict.reasons.empty();
    return verdict;
}

std::string reasons_json(const std::vector<quality::Finding>& reasons) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    w.StartArray();
    for (const auto& r : reasons) {
        w.StartObject();
        write_string(w, "rule", r.rule);
        write_string(w, "message_de", r.message_de);
        write_string(w, "message_en", r.message_en);
        write_string(w, "fix_de", r.fix_de);
        write_string(w, "fix_en", r.fix_en);
        write_string(w, "path", r.path);
        if (r.distribution) {
            w.Key("distribution");
            w.Uint64(*r.distribution);
        }
        if (!r.value.empty()) write_string(w, "value", r.value);
        w.EndObject();
    }
    w.EndArray();
    return {buffer.GetString(), buffer.GetSize()};
}

std::int64_t refresh_profile_verdicts(Store& store, ForwardProfile profile, const Vocabularies& vocab) {
    if (profile == ForwardProfile::all) return 0;
    const std::string name(to_string(profile));
    const std::string state = store.catalogue_state();
    if (store.profile_state(name) == state) return 0;
    std::int64_t judged = 0;
    // Written while the datasets are read: the query steps over datasets, the
    // writes go to profile_verdicts, and memory does not grow with the catalogue.
    Store::Transaction transaction(store);
    store.for_each_unjudged_dataset(name, [&](const CatalogRecord& record) {
        const ProfileVerdict verdict = check_profile(profile, record.dataset, vocab);
        store.record_profile_verdict(name, record.id, record.version_id, verdict.qualifies,
                                     verdict.qualifies ? std::string("[]") : reasons_json(verdict.reasons));
        ++judged;
    });
    store.forget_withdrawn_verdicts(name);
    store.set_profile_state(name, state);
    transaction.commit();
    return judged;
}

}  // namespace ernte::catalog
