#include "catalog/xml_entities.hpp"

#include "catalog/text.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <map>
#include <set>

namespace ernte::catalog::xml {

namespace {

/// Entities within entities deeper than this are an error (libxml2 stops at 40).
constexpr std::size_t k_max_depth = 40;
/// Notices beyond this many are counted in one last notice.
constexpr std::size_t k_max_notices = 50;
/// A longer "name" after `&` is no entity name (and is not looked for further).
constexpr std::size_t k_max_name = 256;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// A character of an XML name: ASCII letters, digits, `.-_:`, and everything
/// beyond ASCII (the XML name rules there are not checked).
bool is_name_char(char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '.' || u == '-' ||
           u == '_' || u == ':' || u >= 0x80;
}

/// Length of the XML name starting at `from` in `s` (0: none, or too long to be one).
std::size_t name_length(std::string_view s, std::size_t from) {
    std::size_t end = from;
    while (end < s.size() && end - from <= k_max_name && is_name_char(s[end])) ++end;
    return end - from > k_max_name ? 0 : end - from;
}

/// The five entities every XML parser knows; a DOCTYPE may declare them again,
/// and they are left for the parser.
bool is_predefined(std::string_view name) {
    return name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "apos";
}

/// A literal entity value with its character references replaced, as XML
/// does when the entity is declared (XML 1.0, 4.5): `&#38;#38;` declares `&#38;`.
std::string replacement_text(std::string_view literal) {
    std::string out;
    out.reserve(literal.size());
    for (std::size_t i = 0; i < literal.size(); ++i) {
        if (literal[i] == '&' && i + 2 < literal.size() && literal[i + 1] == '#') {
            const bool hex = literal[i + 2] == 'x';
            const std::size_t digits = i + (hex ? 3 : 2);
            const std::size_t semicolon = literal.find(';', digits);
            std::uint32_t cp = 0;
            if (semicolon != std::string_view::npos && semicolon > digits && semicolon - digits <= 8) {
                const auto [end, error] =
                    std::from_chars(literal.data() + digits, literal.data() + semicolon, cp, hex ? 16 : 10);
                if (error == std::errc() && end == literal.data() + semicolon) {
                    append_utf8(out, cp);
                    i = semicolon;
                    continue;
                }
            }
        }
        out += literal[i];
    }
    return out;
}

struct Entity {
    bool internal = false;      ///< declared with a literal value
    std::string value;          ///< its replacement text (internal entities)
    std::string_view external;  ///< `SYSTEM "..."` or `PUBLIC "..." "..."` as written (external entities)
    bool expanding = false;     ///< on the expansion stack: a reference now is a loop
    bool noticed = false;       ///< a reference to it was reported
};

/// Where a reference is expanded: content, or an attribute value quoted with `quote`.
struct Context {
    char quote = 0;
};

class Expander {
public:
    Expander(std::string_view text, std::size_t budget) : m_text(text), m_budget(std::max(budget, text.size())) {}

    EntityExpansion run();

private:
    // the prolog and the DOCTYPE
    std::size_t skip_spaces(std::size_t p) const {
        while (p < m_text.size() && is_space(m_text[p])) ++p;
        return p;
    }
    bool at(std::size_t p, std::string_view s) const { return m_text.substr(p, s.size()) == s; }
    std::size_t after(std::size_t p, std::string_view end) const {
        const std::size_t found = m_text.find(end, p);
        return found == std::string_view::npos ? std::string_view::npos : found + end.size();
    }
    std::size_t skip_quoted(std::size_t p) const;
    std::size_t skip_declaration(std::size_t p) const;
    std::size_t doctype(std::size_t p);
    std::size_t entity_declaration(std::size_t p);

    // the body
    void body(std::size_t p);
    /// What the `&` at `amp` starts: a reference to expand (`entity` set), or text to copy.
    struct Reference {
        std::size_t next = 0;  ///< where to go on
        std::string_view name;
        Entity* entity = nullptr;
    };
    Reference reference(std::size_t amp);
    bool expand(std::string_view name, Entity& entity, Context context, std::size_t where, std::size_t depth);
    bool append(std::string_view part, std::size_t where);
    void notice(std::size_t offset, std::string message) {
        if (m_out.notices.size() < k_max_notices) {
            m_out.notices.push_back({offset, std::move(message)});
        } else {
            ++m_dropped;
        }
    }
    bool fail(std::size_t offset, std::string message) {
        if (m_out.error.empty()) {
            m_out.error = std::move(message);
            m_out.error_offset = offset;
        }
        return false;
    }

    std::string_view m_text;
    std::size_t m_budget;
    std::size_t m_copied = 0;  ///< bytes of the output copied from the text (the rest was expanded)
    std::size_t m_work = 0;    ///< bytes of replacement text gone through, also of entities that add nothing
    std::size_t m_dropped = 0;
    std::map<std::string_view, Entity, std::less<>> m_entities;
    std::set<std::string_view, std::less<>> m_noticed_parameters;
    std::size_t m_internal = 0;
    EntityExpansion m_out;
};

std::size_t Expander::skip_quoted(std::size_t p) const {
    const char quote = m_text[p];
    const std::size_t end = m_text.find(quote, p + 1);
    return end == std::string_view::npos ? std::string_view::npos : end + 1;
}

/// Past the `>` of a markup declaration starting at `p` (`<!ELEMENT`, `<!ATTLIST` ...).
std::size_t Expander::skip_declaration(std::size_t p) const {
    while (p < m_text.size() && m_text[p] != '>') {
        if (m_text[p] == '"' || m_text[p] == '\'') {
            p = skip_quoted(p);
            if (p == std::string_view::npos) return p;
        } else {
            ++p;
        }
    }
    return p < m_text.size() ? p + 1 : std::string_view::npos;
}

/// Reads `<!ENTITY ...>` at `p` into m_entities; the offset past it, or npos
/// when it is malformed (the XML parser then says so).
std::size_t Expander::entity_declaration(std::size_t p) {
    const std::size_t start = p;
    p = skip_spaces(p + 8);
    if (p < m_text.size() && m_text[p] == '%') {
        const std::size_t name_start = skip_spaces(p + 1);
        const std::string_view name = m_text.substr(name_start, name_length(m_text, name_start));
        notice(start, "the DOCTYPE declares the parameter entity '%" + std::string(name) +
                          ";'; parameter entities are not expanded");
        return skip_declaration(p);
    }
    const std::string_view name = m_text.substr(p, name_length(m_text, p));
    if (name.empty() || p + name.size() >= m_text.size() || !is_space(m_text[p + name.size()])) {
        return std::string_view::npos;
    }
    p = skip_spaces(p + name.size());
    if (p >= m_text.size()) return std::string_view::npos;
    if (m_text[p] == '"' || m_text[p] == '\'') {
        const std::size_t value_end = skip_quoted(p);
        if (value_end == std::string_view::npos) return value_end;
        // The first declaration of a name binds (XML 1.0, 4.2).
        if (!is_predefined(name) && !m_entities.contains(name)) {
            Entity entity;
            entity.internal = true;
            entity.value = replacement_text(m_text.substr(p + 1, value_end - p - 2));
            m_entities.emplace(name, std::move(entity));
            ++m_internal;
        }
        return skip_declaration(value_end);
    }
    const std::size_t end = skip_declaration(p);
    if (end == std::string_view::npos) return end;
    std::string_view external = m_text.substr(p, end - 1 - p);
    while (!external.empty() && is_space(external.back())) external.remove_suffix(1);
    if (!is_predefined(name) && !m_entities.contains(name)) {
        Entity entity;
        entity.external = external;
        m_entities.emplace(name, std::move(entity));
        notice(start, "the DOCTYPE declares the external entity '" + std::string(name) + "' (" +
                          std::string(external) + "); it is never read, references to it stay as written");
    }
    return end;
}

/// Reads the DOCTYPE at `p`; the offset past it, or npos when it is
/// malformed or incomplete (then nothing is expanded and the XML parser
/// reports the error).
std::size_t Expander::doctype(std::size_t p) {
    p = skip_spaces(p + 9);
    p = skip_spaces(p + name_length(m_text, p));
    for (const std::string_view keyword : {std::string_view("SYSTEM"), std::string_view("PUBLIC")}) {
        if (!at(p, keyword)) continue;
        p = skip_spaces(p + keyword.size());
        for (int literal = 0; literal < (keyword == "PUBLIC" ? 2 : 1); ++literal) {
            if (p >= m_text.size() || (m_text[p] != '"' && m_text[p] != '\'')) break;
            p = skip_quoted(p);
            if (p == std::string_view::npos) return p;
            p = skip_spaces(p);
        }
    }
    if (p < m_text.size() && m_text[p] == '[') {
        ++p;
        while (true) {
            p = skip_spaces(p);
            if (p >= m_text.size()) return std::string_view::npos;
            if (m_text[p] == ']') {
                p = skip_spaces(p + 1);
                break;
            }
            if (at(p, "<!--")) {
                p = after(p + 4, "-->");
            } else if (at(p, "<?")) {
                p = after(p + 2, "?>");
            } else if (at(p, "<!ENTITY")) {
                p = entity_declaration(p);
            } else if (at(p, "<!")) {
                p = skip_declaration(p);
            } else if (m_text[p] == '%') {
                const std::size_t length = name_length(m_text, p + 1);
                const std::size_t end = p + 1 + length;
                if (length == 0 || end >= m_text.size() || m_text[end] != ';') return std::string_view::npos;
                const std::string_view name = m_text.substr(p + 1, length);
                if (m_noticed_parameters.insert(name).second) {
                    notice(p, "the DOCTYPE refers to the parameter entity '%" + std::string(name) +
                                  ";'; parameter entities are not expanded");
                }
                p = end + 1;
            } else {
                return std::string_view::npos;
            }
            if (p == std::string_view::npos) return p;
        }
    }
    return p < m_text.size() && m_text[p] == '>' ? p + 1 : std::string_view::npos;
}

bool Expander::append(std::string_view part, std::size_t where) {
    if (m_out.text.size() + part.size() - m_copied > m_budget) {
        return fail(where, "entity references expand to more than " + std::to_string(m_budget) +
                               " bytes (an entity bomb?)");
    }
    m_out.text.append(part);
    return true;
}

/// Appends the replacement text of `entity`, the references in it expanded
/// too; `where` is the reference in the document.
bool Expander::expand(std::string_view name, Entity& entity, Context context, std::size_t where, std::size_t depth) {
    if (entity.expanding) return fail(where, "the entity '&" + std::string(name) + ";' refers to itself");
    if (depth > k_max_depth) {
        return fail(where, "entities refer to entities more than " + std::to_string(k_max_depth) + " levels deep");
    }
    const std::string_view value = entity.value;
    // Entities that expand to nothing, a billion times, add no bytes but take
    // as long: what expansion goes through has a budget too.
    m_work += value.size() + 1;
    if (m_work > 8 * m_budget) {
        return fail(where, "entity references expand to more than " + std::to_string(8 * m_budget) +
                               " bytes of replacement text (an entity bomb?)");
    }
    entity.expanding = true;
    std::size_t run = 0;
    bool ok = true;
    for (std::size_t i = 0; ok && i < value.size(); ++i) {
        const char c = value[i];
        if (context.quote != 0 && (c == '<' || c == context.quote)) {
            if (c == '<') {
                ok = fail(where, "the entity '&" + std::string(name) +
                                     ";' is used in an attribute value but contains '<'");
                break;
            }
            ok = append(value.substr(run, i - run), where) && append(c == '"' ? "&quot;" : "&apos;", where);
            run = i + 1;
            continue;
        }
        if (c != '&') continue;
        const std::size_t length = name_length(value, i + 1);
        if (length == 0 || i + 1 + length >= value.size() || value[i + 1 + length] != ';') continue;
        const std::string_view inner = value.substr(i + 1, length);
        if (is_predefined(inner)) continue;
        const auto found = m_entities.find(inner);
        if (found == m_entities.end() || !found->second.internal) {
            if (found == m_entities.end() && m_out.notices.size() < k_max_notices) {
                m_entities.try_emplace(inner).first->second.noticed = true;
                notice(where, "the entity '&" + std::string(inner) + ";' (in the entity '&" + std::string(name) +
                                  ";') is not declared; the reference stays as written");
            }
            continue;
        }
        ok = append(value.substr(run, i - run), where) && expand(inner, found->second, context, where, depth + 1);
        run = i + 1 + length + 1;
        i = run - 1;
    }
    if (ok) ok = append(value.substr(run), where);
    entity.expanding = false;
    return ok;
}

/// Looks at the `&` at `amp`; references to undeclared and external entities
/// are reported (once a name) and stay as written.
Expander::Reference Expander::reference(std::size_t amp) {
    Reference found{amp + 1, {}, nullptr};
    const std::size_t length = name_length(m_text, amp + 1);
    const std::size_t end = amp + 1 + length;
    if (length == 0 || end >= m_text.size() || m_text[end] != ';') return found;
    found.next = end + 1;
    found.name = m_text.substr(amp + 1, length);
    if (is_predefined(found.name)) return found;
    auto entry = m_entities.find(found.name);
    if (entry == m_entities.end()) {
        // Remembered, so that it is reported once; past the notices' limit
        // nothing more is remembered either.
        if (m_out.notices.size() >= k_max_notices) {
            ++m_dropped;
            return found;
        }
        entry = m_entities.try_emplace(found.name).first;
        entry->second.noticed = true;
        notice(amp, "the entity '&" + std::string(found.name) + ";' is not declared; the reference stays as written");
        return found;
    }
    Entity& entity = entry->second;
    if (entity.internal) {
        found.entity = &entity;
    } else if (!entity.noticed) {
        entity.noticed = true;
        notice(amp, "the external entity '&" + std::string(found.name) + ";' is not read; the reference stays as written");
    }
    return found;
}

void Expander::body(std::size_t p) {
    std::size_t run = 0;  // start of the text not yet copied
    m_out.segments.push_back({0, 0, true});
    auto copy_to = [&](std::size_t end) {
        m_out.text.append(m_text.substr(run, end - run));
        m_copied += end - run;
        run = end;
    };
    // The offset to go on from, npos when the document cannot be read.
    auto at_ampersand = [&](std::size_t amp, Context context) {
        const Reference found = reference(amp);
        if (found.entity == nullptr) return found.next;
        copy_to(amp);
        m_out.segments.push_back({m_out.text.size(), amp, false});
        if (!expand(found.name, *found.entity, context, amp, 1)) return std::string_view::npos;
        run = found.next;
        m_out.segments.push_back({m_out.text.size(), run, true});
        return found.next;
    };
    const std::size_t n = m_text.size();
    while (p < n) {
        p = m_text.find_first_of("<&", p);
        if (p == std::string_view::npos) break;
        if (m_text[p] == '&') {
            p = at_ampersand(p, {});
        } else if (at(p, "<!--")) {
            p = after(p + 4, "-->");
        } else if (at(p, "<![CDATA[")) {
            p = after(p + 9, "]]>");
        } else if (at(p, "<?")) {
            p = after(p + 2, "?>");
        } else {
            // A tag: references count only inside its quoted attribute values.
            ++p;
            while (p < n && m_text[p] != '>') {
                if (m_text[p] != '"' && m_text[p] != '\'') {
                    ++p;
                    continue;
                }
                const Context context{m_text[p]};
                ++p;
                while (p < n && m_text[p] != context.quote) {
                    p = m_text[p] == '&' ? at_ampersand(p, context) : p + 1;
                    if (p == std::string_view::npos) return;
                }
                if (p < n) ++p;
            }
        }
        if (p == std::string_view::npos) break;
    }
    if (m_out.error.empty()) copy_to(n);
}

EntityExpansion Expander::run() {
    std::size_t p = m_text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    while (true) {
        p = skip_spaces(p);
        if (at(p, "<?")) {
            p = after(p + 2, "?>");
        } else if (at(p, "<!--")) {
            p = after(p + 4, "-->");
        } else {
            break;
        }
        if (p == std::string_view::npos) return {};
    }
    if (!at(p, "<!DOCTYPE")) return {};
    const std::size_t end = doctype(p);
    if (end != std::string_view::npos && m_internal > 0) {
        m_out.text.reserve(m_text.size() + m_text.size() / 8);
        body(end);
        m_out.expanded = m_out.error.empty();
    }
    if (!m_out.expanded) {
        m_out.text.clear();
        m_out.text.shrink_to_fit();
        m_out.segments.clear();
    }
    if (m_dropped > 0) {
        m_out.notices.push_back({m_out.notices.back().offset,
                                 std::to_string(m_dropped) + " more notices about entities are not listed"});
    }
    return std::move(m_out);
}

}  // namespace

std::size_t EntityExpansion::original_offset(std::size_t offset) const {
    if (segments.empty()) return offset;
    auto after = std::upper_bound(segments.begin(), segments.end(), offset,
                                  [](std::size_t value, const Segment& s) { return value < s.expanded_start; });
    if (after == segments.begin()) return offset;
    const Segment& segment = *(after - 1);
    return segment.copied ? segment.original_start + (offset - segment.expanded_start) : segment.original_start;
}

EntityExpansion expand_internal_entities(std::string_view text, std::size_t budget) {
    return Expander(text, budget).run();
}

}  // namespace ernte::catalog::xml
