#pragma once
/// Metadata quality of a normalized record: data.europa.eu's Metadata Quality
/// Assessment (MQA, piveau: 23 indicators, 405 points, five dimensions, four
/// rating bands) as a pure function of the record, the vocabularies and what
/// other stages found out (link checks, DCAT-AP.de rule violations), with a
/// finding for every lost point that tells the publisher what to publish.
/// What each indicator checks is documented for administrators in
/// docs/quality.md.

#include "catalog/model.hpp"
#include "catalog/vocab.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ernte::catalog::quality {

class FindingList;

// ---------------------------------------------------------------- findings

/// How serious a finding is. The MQA reports lost points as warnings (the
/// record is valid, only less useful); the DCAT-AP.de rules report violations.
enum class Severity { violation, warning, info };

/// One thing a publisher can improve, produced by the MQA and (later) by the
/// DCAT-AP.de rule engine: bilingual, in the publisher's terms, naming the
/// property and, where ernte can know it, the value to publish.
struct Finding {
    std::string rule;  ///< MQA indicator id ("knownLicence") or rule id
    Severity severity = Severity::warning;
    std::string message_de;
    std::string message_en;
    std::string fix_de;
    std::string fix_en;
    /// The property on the dataset, or on the distribution when `distribution`
    /// is set, as a compact IRI ("dct:license").
    std::string path;
    std::optional<std::size_t> distribution;  ///< index into Dataset::distributions
    std::string value;                         ///< the offending value as delivered, if any
    /// Points of the MQA total this finding costs (0 when it does not change
    /// the total: another distribution earns them, or the finding is advice).
    int points_lost = 0;

    bool operator==(const Finding&) const = default;
};

/// "violation", "warning", "info".
std::string_view severity_name(Severity severity);
/// The severity with this name, or nullopt.
std::optional<Severity> severity_by_name(std::string_view name);

// ---------------------------------------------------------------- inputs

/// What the link checker knows about one URL.
struct LinkState {
    bool checked = false;  ///< false: known to the checker but not checked yet
    /// HTTP status of the last check after redirects; 0 when there was no
    /// answer (connection failure, timeout, invalid URL).
    int status = 0;
    std::string content_type;          ///< Content-Type the server sent
    std::optional<std::uint64_t> size;  ///< Content-Length the server sent
    std::string error;                 ///< why there was no answer ("timeout", "DNS lookup failed")
    std::string checked_at;            ///< ISO 8601 UTC time of the last check

    bool operator==(const LinkState&) const = default;
};

/// A checked link passes with HTTP 200-399.
bool link_passes(const LinkState& state);

/// The link checker's results: the state of a URL, or nullopt when the URL
/// has not been checked yet.
using LinkLookup = std::function<std::optional<LinkState>(std::string_view url)>;

/// Whether findings get their messages and fixes. The store keeps findings
/// without them and reports compose them again from the record, so the
/// harvest asks for none: composing them is most of what a finding costs.
enum class FindingTexts { compose, omit };

/// What the MQA takes from other stages. Both default to "not known yet",
/// which gives no points and no finding.
struct MqaInputs {
    LinkLookup links;  ///< empty: no URL has been checked
    /// Number of DCAT-AP.de rule violations of the record (the rule engine's
    /// findings of severity violation); nullopt: not validated.
    std::optional<std::size_t> dcat_ap_violations;
    FindingTexts texts = FindingTexts::compose;
};

// ---------------------------------------------------------------- indicators

/// The five MQA dimensions.
enum class Dimension { findability, accessibility, interoperability, reusability, contextuality };
inline constexpr std::size_t dimension_count = 5;

/// The 23 MQA indicators, in the order of the method's table (and of
/// `mqa_indicators()`).
enum class Indicator {
    keyword_availability,
    category_availability,
    spatial_availability,
    temporal_availability,
    access_url_status_code,
    download_url_availability,
    download_url_status_code,
    format_availability,
    media_type_availability,
    format_media_type_vocabulary_alignment,
    format_media_type_non_proprietary,
    format_media_type_machine_interpretable,
    dcat_ap_compliance,
    licence_availability,
    known_licence,
    access_rights_availability,
    access_rights_vocabulary_alignment,
    contact_point_availability,
    publisher_availability,
    rights_availability,
    byte_size_availability,
    date_issued_availability,
    date_modified_availability,
};
inline constexpr std::size_t indicator_count = 23;

/// Whether an indicator is measured on the dataset or on each distribution.
enum class Level { dataset, distribution };

/// One indicator of the method, as piveau-dqv-vocabulary.ttl defines it.
struct IndicatorDefinition {
    Indicator indicator;
    std::string_view id;  ///< piveau id, e.g. "keywordAvailability"
    Dimension dimension;
    Level level;
    std::string_view property;  ///< what is checked, e.g. "dcat:keyword"
    int true_score;             ///< pv:trueScore: points when it passes
    int false_score;            ///< pv:falseScore: points when it fails (0 or negative)
    std::string_view name_en;
    std::string_view name_de;
};

/// The indicators in table order.
std::span<const IndicatorDefinition> mqa_indicators();
const IndicatorDefinition& definition(Indicator indicator);
/// The indicator with this piveau id.
std::optional<Indicator> indicator_by_id(std::string_view id);

/// "findability" ...
std::string_view dimension_name(Dimension dimension);
/// Highest points of a dimension (100, 100, 110, 75, 20).
int dimension_max(Dimension dimension);
/// Highest total: 405.
inline constexpr int mqa_max_points = 405;

/// piveau's rating bands (piveau-scoring-skos.rdf): excellent 351-405,
/// good 221-350, sufficient 120-220 (the scheme's "Enough"), bad below 120.
enum class Rating { bad, sufficient, good, excellent };
Rating rating_for(int total);
/// "excellent", "good", "sufficient", "bad": the names reports and the stored
/// score use (piveau's scheme calls the third band "Enough").
std::string_view rating_name(Rating rating);

/// How many distributions pass a distribution-level indicator.
struct Share {
    std::size_t passed = 0;
    std::size_t failed = 0;
    std::size_t unknown = 0;  ///< links not checked yet
    std::size_t of = 0;

    bool operator==(const Share&) const = default;
};

/// The outcome of one indicator for the dataset.
struct IndicatorResult {
    Indicator indicator = Indicator::keyword_availability;
    /// nullopt: not known yet (links not checked, record not validated).
    std::optional<bool> passed;
    /// true_score when passed, false_score when failed, 0 when unknown.
    int points = 0;
    /// Distribution-level indicators: how many distributions pass.
    std::optional<Share> distributions;

    bool operator==(const IndicatorResult&) const = default;
};

/// The MQA score of one record.
struct MqaScore {
    int total = 0;
    Rating rating = Rating::bad;
    std::array<int, dimension_count> dimensions{};            ///< indexed by Dimension
    std::array<IndicatorResult, indicator_count> indicators{};  ///< indexed by Indicator
    /// The distribution whose points the distribution-level indicators carry
    /// (nullopt: the record has none).
    std::optional<std::size_t> best_distribution;

    int dimension(Dimension d) const { return dimensions[static_cast<std::size_t>(d)]; }
    const IndicatorResult& indicator(Indicator i) const { return indicators[static_cast<std::size_t>(i)]; }

    bool operator==(const MqaScore&) const = default;
};

/// The score and what to do about every lost point.
struct MqaResult {
    MqaScore score;
    std::vector<Finding> findings;
};

/// At most this many findings name single distributions per indicator; the
/// rest are counted in one more finding.
inline constexpr std::size_t max_distribution_findings = 10;

/// Assess one normalized record.
///
/// Dataset-level indicators look at the dataset. Distribution-level
/// indicators are measured on every distribution; the dataset gets the points
/// of its best distribution (the one whose distribution-level points add up
/// to most, the first on a tie), and each indicator reports how many
/// distributions pass it. Issue and modification dates fall back to the
/// dataset's. A record without distributions gets 0 points for them.
///
/// A link passes when every checked URL of the property answers 200-399; it
/// fails when a checked one does not, or when there is no URL; it is unknown
/// (no points, no finding) while any URL is unchecked and none failed.
///
/// The record is scored as ernte publishes it: values the normalizer repaired
/// count, and each repair that earned points is an info finding telling the
/// source what to publish instead.
MqaResult assess_mqa(const model::Dataset& dataset, const Vocabularies& vocab, const MqaInputs& inputs = {});
/// assess_mqa adding its findings to `findings` (catalog/finding_list.hpp).
MqaScore assess_mqa(const model::Dataset& dataset, const Vocabularies& vocab, const MqaInputs& inputs,
                    FindingList& findings);

// ---------------------------------------------------------------- JSON

/// The stored form of a score: {"total", "max", "rating", "dimensions",
/// "indicators": {id: {"passed", "points", "max", "distributions": {"passed",
/// "of", "unknown"}}}, "best_distribution"}.
std::string to_json(const MqaScore& score);
/// Parse what to_json wrote. Unknown indicator ids are ignored; throws
/// std::runtime_error on malformed input.
MqaScore mqa_score_from_json(std::string_view json);

/// The form the store keeps (quality_scores.score): "1:" (the form's
/// version), then for each indicator in the order of mqa_indicators(),
/// separated by ',', its verdict 'y' (passed), 'n' (failed) or 'u' (not
/// known: a link not checked yet), for distribution-level indicators followed
/// by "passed.of.unknown" distributions; then ";N" when distribution N earned
/// the distribution points. Points, dimensions, total and rating follow from
/// the verdicts. About 120 bytes for a record with one distribution.
std::string to_stored_form(const MqaScore& score);
/// Parse what to_stored_form wrote, or what earlier versions stored: JSON
/// {id: verdict | [verdict, passed, of, unknown], "best_distribution"} or the
/// form of to_json. Unknown ids in the JSON forms are ignored; throws
/// std::runtime_error on malformed input.
MqaScore mqa_score_from_stored(std::string_view stored);

/// Findings as a JSON array of {"rule", "severity", "message": {"de", "en"},
/// "fix": {"de", "en"}, "path", "distribution", "value", "points_lost"}.
std::string to_json(const std::vector<Finding>& findings);
/// Parse what to_json wrote, with or without the texts; throws
/// std::runtime_error on malformed input.
std::vector<Finding> findings_from_json(std::string_view json);

}  // namespace ernte::catalog::quality
