#pragma once
/// The findings of one assessment while the MQA, the rule engine and the
/// checks make them: rule ids and paths are views into their static tables,
/// values views into the record, and the few texts made on the spot are kept
/// by the list. Reports get them as Findings; the harvest writes them
/// straight into the stored form, without building a Finding each.

#include "catalog/quality.hpp"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ernte::catalog::quality {

/// What a finding of a rule or indicator has unless it says otherwise; the
/// stored form leaves it out.
struct FindingDefaults {
    Severity severity = Severity::warning;
    std::string_view path;
};

/// The findings of one record, in the order they are added. The record, and
/// whatever else the views point into, must outlive the list.
class FindingList {
public:
    static constexpr std::size_t no_distribution = static_cast<std::size_t>(-1);

    /// Room for the findings of a usual record.
    FindingList() { m_entries.reserve(32); }

    /// One finding; the views stay valid as long as the list and the record.
    struct Entry {
        std::string_view rule;
        Severity severity = Severity::warning;
        std::string_view path;
        std::size_t distribution = no_distribution;
        std::string_view value;
        int points_lost = 0;
        /// The rule's or indicator's defaults; none for the checks.
        std::optional<FindingDefaults> defaults;
        std::uint32_t texts = no_texts;  ///< index of the texts, or no_texts
    };

    /// Add a finding; returns it for setting what differs from the defaults.
    Entry& add(std::string_view rule, Severity severity, std::string_view path,
               std::optional<FindingDefaults> defaults);
    /// Give `entry` its messages and fixes.
    void set_texts(Entry& entry, std::string message_de, std::string message_en, std::string fix_de,
                   std::string fix_en);
    /// Keep a text made on the spot (a path or value no record holds) for as
    /// long as the list lives.
    std::string_view keep(std::string text);

    std::vector<Entry>& entries() { return m_entries; }
    const std::vector<Entry>& entries() const { return m_entries; }
    std::size_t size() const { return m_entries.size(); }

    /// The findings as Findings, with their texts (moved out of the list).
    std::vector<Finding> take_findings();
    /// Append the findings in the stored form of to_stored_findings.
    void append_stored(std::string& out) const;

private:
    static constexpr std::uint32_t no_texts = static_cast<std::uint32_t>(-1);

    struct Texts {
        std::string message_de;
        std::string message_en;
        std::string fix_de;
        std::string fix_en;
    };

    std::vector<Entry> m_entries;
    std::vector<Texts> m_texts;
    std::deque<std::string> m_kept;  // a deque keeps its strings in place
};

/// Append one finding in the stored form of to_stored_findings: [rule,
/// points_lost, distribution, value, path, severity] without the trailing
/// entries that have their default (`defaults`: nullptr for none).
void append_stored_finding(std::string& out, std::string_view rule, int points_lost,
                           std::size_t distribution, std::string_view value, std::string_view path,
                           Severity severity, const FindingDefaults* defaults);

}  // namespace ernte::catalog::quality
