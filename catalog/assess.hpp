#pragma once
/// The one entry point for a record's quality: the DCAT-AP.de rules, the MQA
/// score (with the rules' verdict as its "DCAT-AP compliance" indicator and
/// the link checker's results for the URL indicators) and the checks beyond
/// the MQA, as the harvest stores them and `ernte score` reports them.

#include "catalog/model.hpp"
#include "catalog/quality.hpp"
#include "catalog/quality_report.hpp"
#include "catalog/vocab.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ernte::catalog {
class Store;
struct DatasetFilter;
}

namespace ernte::catalog::quality {

/// What ernte says about one record.
struct Assessment {
    MqaScore score;
    /// MQA findings, then rule findings (all rule sets), then checks beyond the MQA.
    std::vector<Finding> findings;
    /// Violations of the DCAT-AP.de 3.0 rules (0: the record is DCAT-AP.de compliant).
    std::size_t violations = 0;
};

/// Assess one normalized record. `today` (YYYY-MM-DD, UTC) dates the
/// plausibility checks. With FindingTexts::omit the MQA and rule findings
/// come without messages and fixes (what the store keeps; add_finding_texts
/// composes them for reports).
Assessment assess_record(const model::Dataset& dataset, const Vocabularies& vocab, const LinkLookup& links,
                         std::string_view today, FindingTexts texts = FindingTexts::compose);

/// An assessment as the store keeps it (quality_scores): made like
/// assess_record with FindingTexts::omit, but written straight into the
/// stored forms, without a Finding for each finding (what the harvest's
/// assessing worker does for every record it adds or changes).
struct StoredAssessment {
    MqaScore score;
    std::size_t violations = 0;   ///< as Assessment::violations
    std::string stored_score;     ///< to_stored_form(score)
    std::string stored_findings;  ///< to_stored_findings of assess_record's findings
};

/// Assess one record for the store; see StoredAssessment.
StoredAssessment assess_for_store(const model::Dataset& dataset, const Vocabularies& vocab, const LinkLookup& links,
                                  std::string_view today);

/// What reassess did.
struct ReassessCounts {
    std::size_t assessed = 0;  ///< records assessed
    std::size_t changed = 0;   ///< of which the assessment differed from the newest stored (and was kept)
};

/// Assess the current records `filter` selects again (active ones; data
/// services are not assessed) with the stored link-check results, keeping
/// each assessment that differs from the newest stored one: after a link
/// check, after a vocabulary update, or for records stored before they were
/// assessed (`only_unassessed`: just those). One transaction.
ReassessCounts reassess(Store& store, const Vocabularies& vocab, const DatasetFilter& filter, std::string_view today,
                        bool only_unassessed = false);

/// The form the store keeps (quality_scores.findings): a JSON array with an
/// array per finding, [rule, points_lost, distribution, value, path,
/// severity], where trailing entries are left out while they have their
/// default: 0 points, no distribution (null), no value (""), and the path and
/// severity the MQA indicator or rule of that id has. Without texts: reports
/// compose them from the record (add_finding_texts). About 30 bytes a
/// finding.
std::string to_stored_findings(const std::vector<Finding>& findings);
/// Parse what to_stored_findings wrote, or the object form of to_json that
/// earlier versions stored; throws std::runtime_error on malformed input.
std::vector<Finding> findings_from_stored(std::string_view stored);

/// Stored findings are kept without their texts (quality_scores.findings):
/// assess the datasets' current records again and take the findings with
/// their messages and fixes from that.
void add_finding_texts(const Store& store, const Vocabularies& vocab, std::vector<ScoredDataset>& datasets,
                       std::string_view today);

/// The link checker's stored results as the MQA reads them. The store must
/// outlive the look-up, and both belong to one thread. Results recorded after
/// the look-up was made are seen only if some URL had a verdict before.
LinkLookup stored_links(const Store& store);

}  // namespace ernte::catalog::quality
