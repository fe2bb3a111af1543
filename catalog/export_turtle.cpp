#include "catalog/export_syntax.hpp"
#include "catalog/export_text.hpp"

#include <array>
#include <vector>

namespace ernte::catalog {

namespace rdf_export {

namespace {

constexpr char k_hex_digits[] = "0123456789ABCDEF";
constexpr std::string_view k_reference_separator = ",\n        ";

/// ASCII bytes that need an escape in a Turtle string literal.
constexpr std::array<bool, 128> k_literal_special = [] {
    std::array<bool, 128> t{};
    for (int c = 0; c < 0x20; ++c) t[c] = true;
    t['"'] = true;
    t['\\'] = true;
    t[0x7F] = true;
    return t;
}();

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

std::string make_prologue() {
    std::string out;
    for (const Namespace& ns : k_namespaces) {
        out += "@prefix ";
        out += ns.prefix;
        out += ": <";
        out += ns.iri;
        out += "> .\n";
    }
    out += '\n';
    return out;
}

const std::string& prologue() {
    static const std::string text = make_prologue();
    return text;
}

void append_iri(std::string& out, std::string_view iri) {
    out += '<';
    append_encoded_iri(out, iri);
    out += '>';
}

void append_uchar(std::string& out, unsigned char c) {
    out += "\\u00";
    out += k_hex_digits[c >> 4];
    out += k_hex_digits[c & 0x0F];
}

void append_string(std::string& out, std::string_view value) {
    const bool long_form = value.find('\n') != std::string_view::npos;
    out += long_form ? "\"\"\"" : "\"";
    std::size_t run = 0;
    std::size_t i = 0;
    while (i < value.size()) {
        const auto c = static_cast<unsigned char>(value[i]);
        if (c < 0x80) {
            if (!k_literal_special[c] || (long_form && c == '\n')) {
                ++i;
                continue;
            }
            out.append(value.substr(run, i - run));
            switch (c) {
                case '"': out += "\\\""; break;
                case '\\': out += "\\\\"; break;
                case '\n': out += "\\n"; break;
                case '\r': out += "\\r"; break;
                case '\t': out += "\\t"; break;
                default: append_uchar(out, c); break;
            }
            run = ++i;
            continue;
        }
        const std::size_t n = utf8_sequence_length(value, i);
        if (n != 0) {
            i += n;
            continue;
        }
        out.append(value.substr(run, i - run));
        out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
        run = ++i;
    }
    out.append(value.substr(run));
    out += long_form ? "\"\"\"" : "\"";
}

/// A term of a declared namespace as a prefixed name, any other IRI as `<...>`.
void append_term(std::string& out, const Iri& iri) {
    if (iri.prefix.empty()) {
        append_iri(out, iri.name);
        return;
    }
    out += iri.prefix;
    out += ':';
    out += iri.name;
}

/// A datatype: `xsd:name` also for a full IRI of a simple XSD name.
void append_datatype(std::string& out, const Iri& datatype) {
    out += "^^";
    const std::string_view xsd = namespace_iri("xsd");
    if (datatype.prefix.empty() && datatype.name.substr(0, xsd.size()) == xsd) {
        const std::string_view local = datatype.name.substr(xsd.size());
        bool simple = !local.empty();
        for (char c : local) simple = simple && is_alpha(c);
        if (simple) {
            out += "xsd:";
            out += local;
            return;
        }
    }
    append_term(out, datatype);
}

void append_value(std::string& out, const Value& value) {
    switch (value.kind) {
        case Value::Kind::iri: append_term(out, value.iri); return;
        case Value::Kind::blank:
            out += "_:";
            out += value.text;
            return;
        case Value::Kind::literal:
            append_string(out, value.text);
            if (!value.lang.empty()) {
                if (!is_language_tag(value.lang)) return;
                out += '@';
                append_language_tag(out, value.lang);
            } else if (!value.datatype.empty()) {
                append_datatype(out, value.datatype);
            }
            return;
    }
}

/// Turtle with the layout people read: one subject block per node, one
/// predicate per line, objects of the same predicate joined with ", ", blank
/// nodes inline as `[ ... ]`.
class TurtleSerializer final : public Serializer {
public:
    using Serializer::Serializer;

    void begin_document() override { text() += prologue(); }
    void end_document() override {}

    void begin_node(const Value& subject, std::span<const Iri> types, NodeStyle style) override {
        m_style = style;
        m_subject.clear();
        append_value(m_subject, subject);
        m_open = false;
        m_levels.assign(1, Level{});
        if (!types.empty()) write_types(types);
    }

    void end_node() override {
        // A node about which nothing is said is not written at all.
        if (m_open) text() += " .\n\n";
        m_levels.clear();
        flush_if_full();
    }

    void statement(const Iri& predicate, const Value& object) override {
        write_predicate(predicate);
        append_value(text(), object);
        if (m_levels.size() == 1) flush_if_full();
    }

    void begin_nested(const Iri& predicate, std::span<const Iri> types) override {
        write_predicate(predicate);
        text() += "[ ";
        m_levels.push_back(Level{true});
        if (!types.empty()) write_types(types);
    }

    void end_nested() override {
        const bool empty = m_levels.back().first;
        m_levels.pop_back();
        text() += empty ? "]" : " ]";
    }

private:
    /// The predicate-object list of one node being written.
    struct Level {
        bool inline_node = false;
        bool first = true;  ///< nothing written yet
        Iri joinable;       ///< the last predicate when it was a prefixed name (objects of it are joined)
    };

    void open() {
        if (m_open) return;
        m_open = true;
        text() += m_subject;
        text() += ' ';
    }

    void write_types(std::span<const Iri> types) {
        open();
        std::string& out = text();
        out += "a ";
        for (std::size_t k = 0; k < types.size(); ++k) {
            if (k != 0) out += ", ";
            append_term(out, types[k]);
        }
        m_levels.back().first = false;
    }

    void write_predicate(const Iri& predicate) {
        open();
        std::string& out = text();
        Level& level = m_levels.back();
        // Prefixed names are the mapping's own (static) names; a predicate
        // given in full is written on a line of its own.
        const bool joinable = !predicate.prefix.empty();
        if (!level.first && joinable && level.joinable == predicate) {
            out += m_style == NodeStyle::catalogue && m_levels.size() == 1 ? k_reference_separator : ", ";
            return;
        }
        if (!level.first) out += level.inline_node ? " ; " : " ;\n    ";
        level.first = false;
        append_term(out, predicate);
        out += ' ';
        level.joinable = joinable ? predicate : Iri{};
    }

    NodeStyle m_style = NodeStyle::resource;
    std::string m_subject;
    bool m_open = false;
    std::vector<Level> m_levels;
};

}  // namespace

std::unique_ptr<Serializer> make_turtle_serializer(std::ostream* out) {
    return std::make_unique<TurtleSerializer>(out);
}

}  // namespace rdf_export

std::string turtle_iri(std::string_view iri) {
    std::string out;
    rdf_export::append_iri(out, iri);
    return out;
}

std::string turtle_literal(std::string_view value) {
    std::string out;
    rdf_export::append_string(out, value);
    return out;
}

std::string turtle_date(std::string_view value) {
    std::string out;
    const std::string_view datatype = rdf_export::date_datatype(value);
    const rdf_export::Iri type = datatype.empty() ? rdf_export::Iri{} : rdf_export::Iri{"xsd", datatype};
    rdf_export::append_value(out, rdf_export::Value::of_literal(value, {}, type));
    return out;
}

}  // namespace ernte::catalog
