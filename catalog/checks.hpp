#pragma once
/// Checks beyond the MQA: problems municipalities ask about that data.europa.eu's
/// method does not score (a declared format the server contradicts, implausible
/// dates, placeholder texts, HTML in descriptions, titles used twice by one
/// publisher). They are reported as findings of their own and never change the
/// 405-point MQA total, so that number stays comparable with data.europa.eu.

#include "catalog/model.hpp"
#include "catalog/quality.hpp"
#include "catalog/vocab.hpp"

#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

namespace ernte::catalog::quality {

/// Rule ids of the checks ("check.…"), for reports and documentation.
inline constexpr std::string_view check_format_content_type = "check.formatContentType";
inline constexpr std::string_view check_modified_before_issued = "check.modifiedBeforeIssued";
inline constexpr std::string_view check_date_in_future = "check.dateInFuture";
inline constexpr std::string_view check_date_implausible = "check.dateImplausible";
inline constexpr std::string_view check_temporal_order = "check.temporalEndBeforeStart";
inline constexpr std::string_view check_placeholder_title = "check.placeholderTitle";
inline constexpr std::string_view check_placeholder_description = "check.placeholderDescription";
inline constexpr std::string_view check_html_description = "check.htmlDescription";
inline constexpr std::string_view check_duplicate_title = "check.duplicateTitle";

/// What a check finds, in a few words (English, German), for summaries; empty
/// for an id that is not a check.
std::pair<std::string_view, std::string_view> check_title(std::string_view id);

/// The checks of one record. `today` is the current UTC date (YYYY-MM-DD);
/// dates after it are in the future. Link results come from the link checker
/// (an empty lookup: nothing checked, no format check).
std::vector<Finding> check_record(const model::Dataset& dataset, const Vocabularies& vocab,
                                  const LinkLookup& links, std::string_view today);
/// check_record adding its findings to `findings` (catalog/finding_list.hpp),
/// with messages and fixes only when `texts` asks for them.
void check_record(const model::Dataset& dataset, const Vocabularies& vocab, const LinkLookup& links,
                  std::string_view today, FindingTexts texts, FindingList& findings);

/// Whether a title or description is a placeholder ("Test", "TODO", "Titel",
/// "Beschreibung folgt", "...", "n/a").
bool is_placeholder_text(std::string_view text);

/// The key under which titles count as the same: case-folded, whitespace and
/// punctuation collapsed. With `limit`, the key stops once it is that long
/// (enough to compare with a key of fewer characters).
std::string title_key(std::string_view title, std::size_t limit = std::string_view::npos);

/// The finding for a record whose title another record of the same publisher
/// also carries (`others`: how many).
Finding duplicate_title_finding(std::string_view title, std::string_view publisher, std::size_t others);

}  // namespace ernte::catalog::quality
