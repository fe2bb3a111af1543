#include "catalog/search.hpp"

#include <array>
#include <utility>

namespace ernte::catalog {

namespace {

constexpr std::array<std::pair<SearchField, std::string_view>, 8> k_field_names{{
    {SearchField::organization, "organization"},
    {SearchField::tags, "tags"},
    {SearchField::res_format, "res_format"},
    {SearchField::license_id, "license_id"},
    {SearchField::groups, "groups"},
    {SearchField::name, "name"},
    {SearchField::id, "id"},
    {SearchField::rating, "rating"},
}};

/// A byte that can be part of a word the index keeps: ASCII letters and
/// digits, and any byte of a multi-byte UTF-8 character.
bool word_byte(unsigned char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

bool has_word(std::string_view text) {
    for (const char c : text) {
        if (word_byte(static_cast<unsigned char>(c))) return true;
    }
    return false;
}

/// `text` as an FTS5 string: in double quotes, quotes doubled.
std::string fts_string(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

}  // namespace

std::string_view to_string(SearchField field) {
    for (const auto& [f, name] : k_field_names) {
        if (f == field) return name;
    }
    return "unknown";
}

std::optional<SearchField> search_field_from_string(std::string_view name) {
    for (const auto& [f, n] : k_field_names) {
        if (n == name) return f;
    }
    return std::nullopt;
}

std::string search_fold(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 8);
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == 0xC3 && i + 1 < text.size()) {
            std::string_view folded;
            switch (static_cast<unsigned char>(text[i + 1])) {
                case 0xA4: folded = "ae"; break;
                case 0xB6: folded = "oe"; break;
                case 0xBC: folded = "ue"; break;
                case 0x84: folded = "Ae"; break;
                case 0x96: folded = "Oe"; break;
                case 0x9C: folded = "Ue"; break;
                case 0x9F: folded = "ss"; break;
                default: break;
            }
            if (!folded.empty()) {
                out += folded;
                ++i;
                continue;
            }
        } else if (c == 0xE1 && text.substr(i, 3) == "\xE1\xBA\x9E") {  // capital sharp s
            out += "SS";
            i += 2;
            continue;
        }
        out += static_cast<char>(c);
    }
    return out;
}

std::string search_match_expression(std::string_view text) {
    std::string out;
    bool pending_or = false;
    std::size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            ++i;
            continue;
        }
        std::string term;
        if (c == '"') {
            const auto end = text.find('"', i + 1);
            const std::string_view phrase =
                text.substr(i + 1, end == std::string_view::npos ? std::string_view::npos : end - i - 1);
            i = end == std::string_view::npos ? text.size() : end + 1;
            if (has_word(phrase)) term = fts_string(search_fold(phrase));
        } else {
            auto end = text.find_first_of(" \t\n\r", i);
            if (end == std::string_view::npos) end = text.size();
            const std::string_view word = text.substr(i, end - i);
            i = end;
            if (word == "OR") {
                pending_or = !out.empty();
                continue;
            }
            if (word == "AND" || word == "&&") continue;
            if (word == "||") {
                pending_or = !out.empty();
                continue;
            }
            if (has_word(word)) term = fts_string(search_fold(word)) + "*";
        }
        if (term.empty()) continue;
        if (!out.empty()) out += pending_or ? " OR " : " AND ";
        pending_or = false;
        out += term;
    }
    return out;
}

}  // namespace ernte::catalog
