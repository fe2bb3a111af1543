#include "catalog/finding_list.hpp"

#include "catalog/text.hpp"

#include <charconv>
#include <iterator>
#include <utility>

namespace ernte::catalog::quality {

FindingList::Entry& FindingList::add(std::string_view rule, Severity severity, std::string_view path,
                                     std::optional<FindingDefaults> defaults) {
    Entry& e = m_entries.emplace_back();
    e.rule = rule;
    e.severity = severity;
    e.path = path;
    e.defaults = defaults;
    return e;
}

void FindingList::set_texts(Entry& entry, std::string message_de, std::string message_en, std::string fix_de,
                            std::string fix_en) {
    entry.texts = static_cast<std::uint32_t>(m_texts.size());
    m_texts.push_back(Texts{std::move(message_de), std::move(message_en), std::move(fix_de), std::move(fix_en)});
}

std::string_view FindingList::keep(std::string text) {
    if (text.empty()) return {};
    return m_kept.emplace_back(std::move(text));
}

std::vector<Finding> FindingList::take_findings() {
    std::vector<Finding> findings(m_entries.size());
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
        const Entry& e = m_entries[i];
        Finding& f = findings[i];
        f.rule = e.rule;
        f.severity = e.severity;
        if (e.texts != no_texts) {
            Texts& t = m_texts[e.texts];
            f.message_de = std::move(t.message_de);
            f.message_en = std::move(t.message_en);
            f.fix_de = std::move(t.fix_de);
            f.fix_en = std::move(t.fix_en);
        }
        f.path = e.path;
        if (e.distribution != no_distribution) f.distribution = e.distribution;
        f.value = e.value;
        f.points_lost = e.points_lost;
    }
    return findings;
}

void FindingList::append_stored(std::string& out) const {
    out.reserve(out.size() + 48 * m_entries.size() + 2);
    out += '[';
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
        const Entry& e = m_entries[i];
        if (i != 0) out += ',';
        append_stored_finding(out, e.rule, e.points_lost, e.distribution, e.value, e.path, e.severity,
                              e.defaults ? &*e.defaults : nullptr);
    }
    out += ']';
}

namespace {

/// append_json_string, with a shortcut for the usual text that needs no escaping.
void append_json_text(std::string& out, std::string_view text) {
    if (json_plain_prefix(text) != text.size()) {
        append_json_string(out, text);
        return;
    }
    out += '"';
    out += text;
    out += '"';
}

void append_count(std::string& out, std::int64_t n) {
    if (n >= 0 && n < 10) {
        out += static_cast<char>('0' + n);
        return;
    }
    char digits[24];
    out.append(digits, std::to_chars(std::begin(digits), std::end(digits), n).ptr);
}

}  // namespace

void append_stored_finding(std::string& out, std::string_view rule, int points_lost, std::size_t distribution,
                           std::string_view value, std::string_view path, Severity severity,
                           const FindingDefaults* defaults) {
    const bool has_distribution = distribution != FindingList::no_distribution;
    int fields = 1;
    if (points_lost != 0) fields = 2;
    if (has_distribution) fields = 3;
    if (!value.empty()) fields = 4;
    if (defaults ? path != defaults->path : !path.empty()) fields = 5;
    if (!defaults || severity != defaults->severity) fields = 6;
    out += '[';
    append_json_text(out, rule);
    if (fields >= 2) {
        out += ',';
        append_count(out, points_lost);
    }
    if (fields >= 3) {
        out += ',';
        if (has_distribution) append_count(out, static_cast<std::int64_t>(distribution));
        else out += "null";
    }
    if (fields >= 4) {
        out += ',';
        append_json_text(out, value);
    }
    if (fields >= 5) {
        out += ',';
        append_json_text(out, path);
    }
    if (fields >= 6) {
        out += ",\"";
        out += severity_name(severity);
        out += '"';
    }
    out += ']';
}

}  // namespace ernte::catalog::quality
