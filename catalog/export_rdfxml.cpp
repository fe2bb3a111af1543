#include "catalog/export_syntax.hpp"
#include "catalog/export_text.hpp"

#include <array>
#include <vector>

namespace ernte::catalog {

namespace rdf_export {

namespace {

constexpr std::string_view k_replacement_character = "\xEF\xBF\xBD";  // U+FFFD

/// Names of the RDF namespace that RDF/XML reserves for its syntax (or, for
/// rdf:li, gives another meaning): no property or class can be written with them.
constexpr std::array<std::string_view, 12> k_reserved_rdf_names = {
    "RDF", "ID", "about", "parseType", "resource", "nodeID", "datatype", "li", "aboutEach", "aboutEachPrefix",
    "bagID", "Description"};

/// Appends `value` as XML character data or, with `attribute`, as an
/// attribute value in double quotes (without the quotes).
/// ASCII bytes append_xml looks at: controls, `"&<>`.
constexpr std::array<bool, 128> k_xml_special = [] {
    std::array<bool, 128> t{};
    for (int c = 0; c < 0x20; ++c) t[c] = true;
    for (char c : std::string_view("\"&<>")) t[static_cast<unsigned char>(c)] = true;
    return t;
}();

void append_xml(std::string& out, std::string_view value, bool attribute) {
    std::size_t run = 0;
    std::size_t i = 0;
    const std::size_t size = value.size();
    // Most text is plain ASCII: skip it in one pass.
    while (i < size && static_cast<unsigned char>(value[i]) < 0x80 &&
           !k_xml_special[static_cast<unsigned char>(value[i])])
        ++i;
    if (i == size) {
        out += value;
        return;
    }
    const auto replace = [&](std::size_t length, std::string_view with) {
        out.append(value.substr(run, i - run));
        out += with;
        i += length;
        run = i;
    };
    while (i < value.size()) {
        const auto c = static_cast<unsigned char>(value[i]);
        if (c < 0x80) {
            switch (c) {
                case '&': replace(1, "&amp;"); continue;
                case '<': replace(1, "&lt;"); continue;
                case '>': replace(1, "&gt;"); continue;
                case '\r': replace(1, "&#13;"); continue;
                case '"':
                    if (attribute) replace(1, "&quot;");
                    else ++i;
                    continue;
                case '\t':
                    if (attribute) replace(1, "&#9;");
                    else ++i;
                    continue;
                case '\n':
                    if (attribute) replace(1, "&#10;");
                    else ++i;
                    continue;
                default:
                    // XML 1.0 has no way to write the other C0 controls, not even as references.
                    if (c < 0x20) replace(1, k_replacement_character);
                    else ++i;
                    continue;
            }
        }
        const std::size_t n = utf8_sequence_length(value, i);
        if (n == 0) {
            replace(1, k_replacement_character);
            continue;
        }
        // U+FFFE and U+FFFF are not XML characters either.
        if (n == 3 && c == 0xEF && static_cast<unsigned char>(value[i + 1]) == 0xBF &&
            static_cast<unsigned char>(value[i + 2]) >= 0xBE) {
            replace(3, k_replacement_character);
            continue;
        }
        i += n;
    }
    out.append(value.substr(run));
}

bool is_name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.'; }

/// True when `s` begins with "xml" in any case (names XML reserves).
bool starts_with_xml(std::string_view s) {
    if (s.size() < 3) return false;
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    return lower(s[0]) == 'x' && lower(s[1]) == 'm' && lower(s[2]) == 'l';
}

bool is_ncname(std::string_view s) {
    if (s.empty() || !is_name_start(s[0]) || starts_with_xml(s)) return false;
    for (char c : s)
        if (!is_name_char(c)) return false;
    return true;
}

/// Position where the longest usable XML local name at the end of `iri` starts, or npos.
std::size_t local_name_start(std::string_view iri) {
    std::size_t start = iri.size();
    while (start > 0 && is_name_char(iri[start - 1])) --start;
    for (; start < iri.size(); ++start)
        if (is_name_start(iri[start]) && !starts_with_xml(iri.substr(start))) return start;
    return std::string_view::npos;
}

/// RDF/XML: namespace declarations up front, one typed node element per
/// node, blank nodes nested or named with rdf:nodeID.
class RdfXmlSerializer final : public Serializer {
public:
    using Serializer::Serializer;

    void begin_document() override {
        std::string& out = text();
        out += "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rdf:RDF\n    xmlns:rdf=\"";
        out += k_rdf_namespace;
        out += '"';
        for (const Namespace& ns : k_namespaces) {
            out += "\n    xmlns:";
            out += ns.prefix;
            out += "=\"";
            out += ns.iri;
            out += '"';
        }
        out += ">\n";
    }

    void end_document() override { text() += "</rdf:RDF>\n"; }

    void begin_node(const Value& subject, std::span<const Iri> types, NodeStyle) override {
        m_open.clear();
        m_skip = 0;
        std::string& out = text();
        out += "  ";
        open_node_element(types);
        if (subject.kind == Value::Kind::blank) {
            out += " rdf:nodeID=\"";
            append_xml(out, subject.text, true);
        } else {
            out += " rdf:about=\"";
            append_iri_attribute(out, subject.iri);
        }
        out += '"';
        more_types(types);
    }

    void end_node() override {
        close_element();
        flush_if_full();
    }

    void statement(const Iri& predicate, const Value& object) override {
        if (m_skip != 0 || !element_name(predicate)) return;
        end_start_tag();
        std::string& out = text();
        indent(property_indent());
        out += '<';
        out += m_name;
        out += m_declaration;
        switch (object.kind) {
            case Value::Kind::iri:
                out += " rdf:resource=\"";
                append_iri_attribute(out, object.iri);
                out += "\"/>\n";
                break;
            case Value::Kind::blank:
                out += " rdf:nodeID=\"";
                append_xml(out, object.text, true);
                out += "\"/>\n";
                break;
            case Value::Kind::literal:
                if (!object.lang.empty()) {
                    if (is_language_tag(object.lang)) {
                        out += " xml:lang=\"";
                        append_language_tag(out, object.lang);
                        out += '"';
                    }
                } else if (!object.datatype.empty()) {
                    out += " rdf:datatype=\"";
                    append_iri_attribute(out, object.datatype);
                    out += '"';
                }
                out += '>';
                append_xml(out, object.text, false);
                out += "</";
                out += m_name;
                out += ">\n";
                break;
        }
        if (m_open.size() == 1) flush_if_full();
    }

    void begin_nested(const Iri& predicate, std::span<const Iri> types) override {
        // A statement XML cannot name is left out with the node it describes.
        if (m_skip != 0 || !element_name(predicate)) {
            ++m_skip;
            return;
        }
        end_start_tag();
        std::string& out = text();
        indent(property_indent());
        out += '<';
        out += m_name;
        out += m_declaration;
        out += ">\n";
        m_open.push_back(m_name);
        indent(property_indent());
        open_node_element(types);
        more_types(types);
    }

    void end_nested() override {
        if (m_skip != 0) {
            --m_skip;
            return;
        }
        close_element();
        close_element();
    }

private:
    /// Indentation of the next element opened (two spaces per open element, plus two).
    std::size_t property_indent() const { return 2 + 2 * m_open.size(); }

    void indent(std::size_t spaces) { text().append(spaces, ' '); }

    /// Writes `<Type` (the start tag is ended by the first child or closed
    /// empty) for the first type that has an XML name, else `<rdf:Description`,
    /// and remembers which types are left for more_types().
    void open_node_element(std::span<const Iri> types) {
        m_start_tag_open = true;
        std::string& out = text();
        out += '<';
        m_first_type_written = !types.empty() && element_name(types[0]);
        if (m_first_type_written) {
            out += m_name;
            out += m_declaration;
            m_open.push_back(m_name);
        } else {
            out += "rdf:Description";
            m_open.emplace_back("rdf:Description");
        }
    }

    /// rdf:type statements for the types the node element does not name.
    void more_types(std::span<const Iri> types) {
        const Iri rdf_type{{}, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"};
        for (std::size_t k = m_first_type_written ? 1 : 0; k < types.size(); ++k) {
            if (types[k].prefix.empty()) {
                statement(rdf_type, Value::of_iri(types[k]));
                continue;
            }
            end_start_tag();
            std::string& out = text();
            indent(property_indent());
            out += "<rdf:type rdf:resource=\"";
            append_iri_attribute(out, types[k]);
            out += "\"/>\n";
        }
    }

    /// Ends the start tag of the element opened last, before its first child.
    void end_start_tag() {
        if (!m_start_tag_open) return;
        m_start_tag_open = false;
        text() += ">\n";
    }

    /// Closes the innermost open element (an element without children as `<.../>`).
    void close_element() {
        std::string& out = text();
        if (m_start_tag_open) {
            m_start_tag_open = false;
            out += "/>\n";
            m_open.pop_back();
            return;
        }
        indent(2 * m_open.size());
        out += "</";
        out += m_open.back();
        out += ">\n";
        m_open.pop_back();
    }

    void append_iri_attribute(std::string& out, const Iri& iri) {
        if (!iri.prefix.empty()) {
            out += namespace_iri(iri.prefix);
            out += iri.name;
            return;
        }
        m_encoded.clear();
        append_encoded_iri(m_encoded, iri.name);
        append_xml(out, m_encoded, true);
    }

    /// Sets m_name to the XML name of `iri` and m_declaration to the namespace
    /// declaration it needs (empty for a declared namespace); false when XML
    /// has no name for it.
    bool element_name(const Iri& iri) {
        m_declaration.clear();
        if (!iri.prefix.empty()) {
            m_name = iri.prefix;
            m_name += ':';
            m_name += iri.name;
            return true;
        }
        m_encoded.clear();
        append_encoded_iri(m_encoded, iri.name);
        const std::string_view encoded = m_encoded;
        if (encoded.substr(0, k_rdf_namespace.size()) == k_rdf_namespace) {
            const std::string_view local = encoded.substr(k_rdf_namespace.size());
            if (is_ncname(local)) {
                for (std::string_view reserved : k_reserved_rdf_names)
                    if (local == reserved) return false;
                m_name = "rdf:";
                m_name += local;
                return true;
            }
        }
        for (const Namespace& ns : k_namespaces) {
            if (encoded.substr(0, ns.iri.size()) != ns.iri || !is_ncname(encoded.substr(ns.iri.size()))) continue;
            m_name = ns.prefix;
            m_name += ':';
            m_name += encoded.substr(ns.iri.size());
            return true;
        }
        const std::size_t start = local_name_start(encoded);
        if (start == std::string_view::npos || start == 0) return false;
        m_name = "ns1:";
        m_name += encoded.substr(start);
        m_declaration = " xmlns:ns1=\"";
        append_xml(m_declaration, encoded.substr(0, start), true);
        m_declaration += '"';
        return true;
    }

    std::vector<std::string> m_open;  ///< names of the open elements, the node element of the top-level node first
    std::size_t m_skip = 0;           ///< depth inside a nested node that is left out
    bool m_first_type_written = false;
    bool m_start_tag_open = false;  ///< the start tag of the last element opened still lacks its `>`
    std::string m_name;
    std::string m_declaration;
    std::string m_encoded;
};

}  // namespace

std::unique_ptr<Serializer> make_rdfxml_serializer(std::ostream* out) {
    return std::make_unique<RdfXmlSerializer>(out);
}

}  // namespace rdf_export

std::string xml_text(std::string_view value) {
    std::string out;
    rdf_export::append_xml(out, value, false);
    return out;
}

}  // namespace ernte::catalog
