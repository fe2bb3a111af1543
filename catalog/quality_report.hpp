#pragma once
/// Quality reports: the scores of many records summed up per publisher and
/// for the catalogue (mean score, rating distribution, the findings that cost
/// most points), and written as a table, JSON or CSV for `ernte score`.

#include "catalog/quality.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ernte::catalog::quality {

/// One catalogue record with its latest score, as the store keeps it.
struct ScoredDataset {
    std::int64_t id = 0;
    std::string iri;
    std::string title;
    std::string publisher;  ///< publisher name; empty when the record names none
    std::string source;     ///< the source that delivered the scored version
    std::optional<MqaScore> score;  ///< nullopt: not scored yet
    std::vector<Finding> findings;  ///< MQA findings, rule findings, checks beyond the MQA
    std::string scored_at;
};

/// How many records fall into each rating band.
struct RatingCounts {
    std::size_t excellent = 0;
    std::size_t good = 0;
    std::size_t sufficient = 0;
    std::size_t bad = 0;
    bool operator==(const RatingCounts&) const = default;
};

/// What one kind of finding costs a group of records.
struct FindingCost {
    std::string rule;
    std::string message_en;  ///< what the finding is about: the indicator's name, the rule's message or the check's title
    std::string message_de;
    std::size_t datasets = 0;   ///< records with the finding
    std::int64_t points = 0;    ///< MQA points it costs them together
    bool operator==(const FindingCost&) const = default;
};

/// The summary of a group of records (a publisher, or the whole catalogue).
struct GroupSummary {
    std::string name;
    std::size_t datasets = 0;  ///< records in the group
    std::size_t scored = 0;    ///< of which scored (the mean is over these)
    double mean = 0.0;
    /// Mean points per MQA dimension over the scored records (quality::Dimension order).
    std::array<double, dimension_count> dimension_means{};
    RatingCounts ratings;
    /// Most costly findings first (points, then records, then rule id); at
    /// most `max_top_findings`.
    std::vector<FindingCost> top_findings;
};

/// The rating band of a mean score (rounded to whole points).
Rating rating_of_mean(double mean);

/// A record's costliest findings, at most n: most points lost first, then
/// the more severe (what the table of `ernte score` and the dashboard show).
std::vector<const Finding*> costliest(const ScoredDataset& dataset, std::size_t n);

/// Findings per group kept in a summary.
inline constexpr std::size_t max_top_findings = 3;

struct QualityReport {
    GroupSummary catalogue;
    std::vector<GroupSummary> publishers;  ///< by name; records without publisher under ""
    std::vector<ScoredDataset> datasets;   ///< in the order given
};

/// Sum up the records. Records of one publisher with the same title (after
/// case and punctuation are ignored) get a check.duplicateTitle finding each.
/// Findings count as costly by their points_lost; among equally costly ones,
/// the more frequent comes first.
QualityReport build_report(std::vector<ScoredDataset> datasets);

/// The language of messages and fixes in a report.
enum class Language { en, de };

/// `ernte score --format json`: {"catalogue": {...}, "publishers": [...],
/// "datasets": [...] (only with_datasets)}.
void write_report_json(std::ostream& out, const QualityReport& report, bool with_datasets, Language language);

/// Which members write_report_json writes (the API serves them apart).
struct ReportJsonParts {
    bool catalogue = true;
    bool publishers = true;
    bool datasets = false;
};
/// The members `parts` names of the object `ernte score --format json` writes.
void write_report_json(std::ostream& out, const QualityReport& report, ReportJsonParts parts, Language language);
/// One element of the "datasets" array of the report, on its own.
void write_dataset_report_json(std::ostream& out, const ScoredDataset& dataset, Language language);
/// A table for people: one row per publisher (or per dataset with
/// with_datasets), then the catalogue's line.
void write_report_table(std::ostream& out, const QualityReport& report, bool with_datasets, Language language);
/// CSV (RFC 4180, header line): per publisher, or per dataset with_datasets.
void write_report_csv(std::ostream& out, const QualityReport& report, bool with_datasets, Language language);

/// The list of findings for the person who fixes them (the dashboard's
/// "Mängelliste"): CSV (RFC 4180, header line in `language`) with one row per
/// finding of each dataset, in the order given: dataset id, title, IRI, rule,
/// finding, points lost, fix, property, distribution (from 1), value. Cells
/// of harvested text that a spreadsheet would take for a formula (=, +, -, @)
/// get a leading apostrophe.
void write_findings_csv(std::ostream& out, const std::vector<ScoredDataset>& datasets, Language language);

}  // namespace ernte::catalog::quality
