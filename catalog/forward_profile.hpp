#pragma once
/// Forward profiles: which datasets of the catalogue go to a downstream
/// portal. `govdata` lets through only the datasets GovData accepts from a
/// harvested portal (exactly one dcatde:contributorID of the dcat-ap.de list,
/// exactly one publisher with a name, at least one distribution, every
/// distribution with one licence of the dcat-ap.de list) and says for every
/// other one why it was held back, in the words of the rules that found it
/// (catalog/rules.hpp: the GovData dashboard rules and the convention on
/// distributions; nothing is checked twice). `all` lets everything through.
/// Verdicts are kept in the store per dataset version
/// (Store::record_profile_verdict) and brought up to date only for what
/// changed, so a feed page filtered by a profile does not check the
/// catalogue again. See docs/forwarding.md.

#include "catalog/model.hpp"
#include "catalog/quality.hpp"
#include "catalog/vocab.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ernte::catalog {

class Store;

/// The forward profiles.
enum class ForwardProfile { all, govdata };

/// "all", "govdata".
std::string_view to_string(ForwardProfile profile);
/// The profile with this name, or nullopt.
std::optional<ForwardProfile> forward_profile_from_name(std::string_view name);
/// "all, govdata": for messages listing the accepted names.
std::string forward_profile_names();

/// Whether a record qualifies for a profile, and if not, every reason: the
/// findings of the rules the profile requires (rule id, bilingual message
/// and fix, the property, the distribution and the value).
struct ProfileVerdict {
    bool qualifies = true;
    std::vector<quality::Finding> reasons;
};

/// The rule ids (catalog/rules.hpp) whose findings hold a dataset back from
/// `profile`; empty for `all`.
std::span<const std::string_view> profile_rules(ForwardProfile profile);

/// Check one record against a profile.
ProfileVerdict check_profile(ForwardProfile profile, const model::Dataset& dataset, const Vocabularies& vocab);

/// The reasons as stored and reported: a JSON array of objects with rule,
/// message_de, message_en, fix_de, fix_en, path, distribution (index, when on
/// a distribution) and value.
std::string reasons_json(const std::vector<quality::Finding>& reasons);

/// Bring the stored verdicts of `profile` up to date: when the catalogue
/// changed since the last time (Store::catalogue_state), judge every dataset
/// (not withdrawn) whose current version has no verdict yet and drop the
/// verdicts of withdrawn datasets, in one transaction. Afterwards the stored
/// verdicts are exactly those of the catalogue's current records. Returns how
/// many datasets were judged (0 when nothing changed). `all` stores nothing.
std::int64_t refresh_profile_verdicts(Store& store, ForwardProfile profile, const Vocabularies& vocab);

}  // namespace ernte::catalog
