#pragma once
/// The DCAT-AP.de rule engine: the rules of the DCAT-AP.de 3.0 specification
/// (mandatory properties, cardinalities, controlled vocabularies, deprecated
/// properties), the GovData conventions (Konventionen, K-rules) and the
/// GovData metadata-quality dashboard, checked on the normalized record as
/// ernte exports it. Each rule mirrors an official SHACL shape (the shapes
/// GovData's validator runs, kept in shared/shapes) where there is one, with
/// the shape's severity; tests/harvester/rules_shapes_test.cpp checks that
/// ernte and the official shapes flag the same datasets for the same property.
/// The rules are documented for administrators in docs/rules.md.
///
/// Rule ids:
/// - `de3.<class>.<property>`: a DCAT-AP.de 3.0 property that must be given
///   (`de3.dataset.title`); with a suffix the constraint: `.max` at most one
///   value, `.kind` the kind of value (IRI or text), `.class` the class of
///   the node it refers to, `.datatype` the literal's datatype;
///   `de3.vocab.<class>.<property>` a controlled vocabulary;
///   `de3.deprecated.<property>` a property DCAT-AP.de 3.0 deprecates.
/// - `K01` ... `K41`: a numbered convention; `conv.<class>.<property>` one of
///   the unnumbered recommendations of the conventions' shapes.
/// - `db.<property>`: a rule of the GovData dashboard.
/// Classes: dataset (also series and data services where the shape applies
/// to them), service, distribution, agent, contact, period, checksum,
/// identifier, location, attribution.

#include "catalog/model.hpp"
#include "catalog/quality.hpp"
#include "catalog/vocab.hpp"

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace ernte::catalog::quality {

/// The rule sets, each checked by one profile of shacl-validate.
enum class Profile {
    dcat_ap_de,   ///< DCAT-AP.de 3.0 specification (shacl-validate --profile dcat-ap-de)
    conventions,  ///< GovData conventions, Konventionenhandbuch 2.0 (--profile dcat-ap-de-2)
    govdata,      ///< GovData metadata-quality dashboard (--profile govdata)
};
inline constexpr std::size_t profile_count = 3;

/// "dcat-ap-de", "conventions", "govdata".
std::string_view profile_name(Profile profile);
/// The shacl-validate profile whose shapes a rule set mirrors: "dcat-ap-de",
/// "dcat-ap-de-2", "govdata".
std::string_view validator_profile(Profile profile);

/// The severity ernte gives a rule of the GovData dashboard, whose shapes
/// carry their own severities (govdata:no_license and so on, the local name
/// given here): each "muss" of the dashboard is a violation, the one "sollte"
/// (no_open_license_from_list) a warning. The counting rules
/// (count_Distributions, count_Distributions_Licenses) fire for every
/// distribution and licence to count them and are no findings: nullopt.
std::optional<Severity> dashboard_severity(std::string_view name);

/// A selection of rule sets.
class Profiles {
public:
    /// All three rule sets.
    constexpr Profiles() = default;
    /// One rule set.
    static constexpr Profiles only(Profile profile) {
        Profiles p(0);
        return p.with(profile);
    }
    /// This selection and `profile`.
    constexpr Profiles with(Profile profile) const { return Profiles(m_bits | bit(profile)); }
    constexpr bool has(Profile profile) const { return (m_bits & bit(profile)) != 0; }

private:
    constexpr explicit Profiles(unsigned bits) : m_bits(bits) {}
    static constexpr unsigned bit(Profile profile) { return 1u << static_cast<unsigned>(profile); }
    unsigned m_bits = 7;
};

/// The kinds of record a rule applies to (a bit set): record-level shapes
/// target dcat:Dataset, dcat:DatasetSeries or dcat:DataService; a series is
/// also a dcat:Dataset in the export.
enum RecordKind : unsigned {
    datasets = 1,
    series = 2,
    services = 4,
    all_records = datasets | series | services,
};

/// How a rule relates to the official shape it mirrors, as
/// shacl-validate runs it (the agreement test depends on it).
enum class Agreement {
    /// ernte flags a record exactly when the official shape does.
    same,
    /// The official shape needs a vocabulary that shacl-validate does not
    /// load (ADMS publisher types, SPDX checksum algorithms): there it flags
    /// every value; ernte flags only values outside the list, as GovData's
    /// validator (which loads it) does.
    vocabulary_not_loaded,
    /// No official shape checks this (K39, K41), or the official one cannot
    /// see what ernte writes (it names dcatap:availability in the
    /// http://data.europa.eu/r5r# namespace, ernte writes the current
    /// http://data.europa.eu/r5r/).
    ernte_only,
};

/// One rule.
struct Rule {
    std::string_view id;
    Profile profile;
    Severity severity;
    /// Class of the node the rule checks, compact ("dcat:Distribution"); for
    /// record-level rules the class of the record kind it applies to.
    std::string_view focus;
    unsigned records;             ///< RecordKind bits: on which records it applies
    std::string_view path;        ///< the property checked, compact ("dct:license")
    std::string_view path_iri;    ///< the same in full
    std::string_view message_de;  ///< what is wrong, for the publisher
    std::string_view message_en;
    std::string_view fix_de;  ///< what to publish instead, naming the property
    std::string_view fix_en;
    Agreement agreement;
};

/// The rules, in the order check_rules reports them.
std::span<const Rule> rules();
/// The rule with this id, or nullptr.
const Rule* find_rule(std::string_view id);

/// An official shape result kind: a shape's sh:message as shacl-validate
/// reports it, and the rule implementing it or why none does. Results are
/// recognised by message (and path, where one message serves several
/// properties); this table is the one list docs/rules.md mirrors and the
/// agreement test checks every validator result against.
struct OfficialShape {
    Profile profile;
    std::string_view message;  ///< sh:message (German), or the engine's default message for shapes without one
    std::string_view path;     ///< sh:path IRI when the message alone is ambiguous, else empty
    std::string_view rule;     ///< id of the rule implementing it; empty when not implemented
    std::string_view reason;   ///< why ernte does not implement it (rule empty)
};

/// The official shapes ernte maps: implemented ones and ones it does not implement.
std::span<const OfficialShape> official_shapes();
/// The entry for a validator result (message as reported, path IRI or empty), or nullptr.
const OfficialShape* find_official_shape(Profile profile, std::string_view message, std::string_view path);

/// Check one normalized record against the rules of the selected rule sets.
/// The record is read as the export writes it (catalog/export_graph.cpp):
/// modelled fields and the extra properties kept beside them. Findings come
/// in rule order, then record, distribution and node order; each names its
/// rule, the property (as a path from the record, "dct:publisher/foaf:name";
/// on the distribution when `distribution` is set), the offending value and,
/// where ernte can know it, the value to publish. points_lost is 0.
std::vector<Finding> check_rules(const model::Dataset& dataset, const Vocabularies& vocab,
                                 Profiles profiles = Profiles(), FindingTexts texts = FindingTexts::compose);
/// check_rules adding its findings to `findings` (catalog/finding_list.hpp);
/// returns how many of them are violations of the DCAT-AP.de 3.0 rules.
std::size_t check_rules(const model::Dataset& dataset, const Vocabularies& vocab, Profiles profiles,
                        FindingTexts texts, FindingList& findings);

/// The number of findings of severity violation: the MQA indicator
/// "DCAT-AP compliance" passes when it is 0 for the DCAT-AP.de 3.0 rules
/// (`check_rules(d, vocab, Profiles::only(Profile::dcat_ap_de))`), the input
/// MqaInputs::dcat_ap_violations takes.
std::size_t violation_count(const std::vector<Finding>& findings);

}  // namespace ernte::catalog::quality
