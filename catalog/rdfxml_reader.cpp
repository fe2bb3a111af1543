#include "catalog/rdfxml_reader.hpp"

#include "catalog/export_text.hpp"
#include "catalog/iri.hpp"
#include "catalog/xml_entities.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <string>
#include <unordered_set>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace ernte::catalog::rdf {

namespace {

constexpr std::string_view k_xml_ns = "http://www.w3.org/XML/1998/namespace";
constexpr std::string_view k_xhtml_ns = "http://www.w3.org/1999/xhtml";
constexpr std::string_view k_rdf_statement = "http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement";
constexpr std::string_view k_rdf_subject = "http://www.w3.org/1999/02/22-rdf-syntax-ns#subject";
constexpr std::string_view k_rdf_predicate = "http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate";
constexpr std::string_view k_rdf_object = "http://www.w3.org/1999/02/22-rdf-syntax-ns#object";
constexpr std::string_view k_rdf_first = "http://www.w3.org/1999/02/22-rdf-syntax-ns#first";
constexpr std::string_view k_rdf_rest = "http://www.w3.org/1999/02/22-rdf-syntax-ns#rest";
constexpr std::string_view k_rdf_nil = "http://www.w3.org/1999/02/22-rdf-syntax-ns#nil";
constexpr std::string_view k_rdf_xml_literal = "http://www.w3.org/1999/02/22-rdf-syntax-ns#XMLLiteral";

/// Names in the RDF namespace that mean something to the RDF/XML grammar.
enum class RdfTerm {
    other,  // an ordinary class or property (rdf:value, rdf:first, rdf:_3, ...)
    RDF,
    Description,
    ID,
    about,
    nodeID,
    resource,
    parseType,
    datatype,
    type,
    li,
    bagID,
    aboutEach,
    aboutEachPrefix,
};

RdfTerm rdf_term(std::string_view local) {
    switch (local.size()) {
    case 2:
        if (local == "ID") return RdfTerm::ID;
        if (local == "li") return RdfTerm::li;
        break;
    case 3:
        if (local == "RDF") return RdfTerm::RDF;
        break;
    case 4:
        if (local == "type") return RdfTerm::type;
        break;
    case 5:
        if (local == "about") return RdfTerm::about;
        if (local == "bagID") return RdfTerm::bagID;
        break;
    case 6:
        if (local == "nodeID") return RdfTerm::nodeID;
        break;
    case 8:
        if (local == "resource") return RdfTerm::resource;
        if (local == "datatype") return RdfTerm::datatype;
        break;
    case 9:
        if (local == "parseType") return RdfTerm::parseType;
        if (local == "aboutEach") return RdfTerm::aboutEach;
        break;
    case 11:
        if (local == "Description") return RdfTerm::Description;
        break;
    case 15:
        if (local == "aboutEachPrefix") return RdfTerm::aboutEachPrefix;
        break;
    default: break;
    }
    return RdfTerm::other;
}

/// What an attribute is to the grammar.
enum class AttributeKind { skip, about, id, node_id, resource, parse_type, datatype, type, property, bag_id, forbidden };

AttributeKind attribute_kind(RdfTerm term) {
    switch (term) {
    case RdfTerm::about: return AttributeKind::about;
    case RdfTerm::ID: return AttributeKind::id;
    case RdfTerm::nodeID: return AttributeKind::node_id;
    case RdfTerm::resource: return AttributeKind::resource;
    case RdfTerm::parseType: return AttributeKind::parse_type;
    case RdfTerm::datatype: return AttributeKind::datatype;
    case RdfTerm::type: return AttributeKind::type;
    case RdfTerm::bagID: return AttributeKind::bag_id;
    case RdfTerm::li:
    case RdfTerm::RDF:
    case RdfTerm::Description:
    case RdfTerm::aboutEach:
    case RdfTerm::aboutEachPrefix: return AttributeKind::forbidden;
    case RdfTerm::other: break;
    }
    return AttributeKind::property;
}

bool is_xml_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool is_blank_text(std::string_view text) {
    return std::all_of(text.begin(), text.end(), is_xml_space);
}

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool starts_with_ci(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        if (ascii_lower(text[i]) != prefix[i]) return false;
    }
    return true;
}

/// Whether `name` is an XML name as rdf:ID and rdf:nodeID need it (NCName;
/// characters beyond ASCII are accepted without checking their class).
bool is_ncname(std::string_view name) {
    if (name.empty()) return false;
    const auto start = static_cast<unsigned char>(name[0]);
    if (!(start >= 0x80 || start == '_' || (start >= 'a' && start <= 'z') || (start >= 'A' && start <= 'Z'))) return false;
    return std::all_of(name.begin() + 1, name.end(), [](char ch) {
        const auto c = static_cast<unsigned char>(ch);
        return c >= 0x80 || c == '_' || c == '-' || c == '.' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
               (c >= '0' && c <= '9');
    });
}

/// A bounded excerpt of a text for messages.
std::string excerpt(std::string_view text) {
    constexpr std::size_t limit = 40;
    std::size_t start = 0;
    while (start < text.size() && is_xml_space(text[start])) ++start;
    text.remove_prefix(start);
    while (!text.empty() && is_xml_space(text.back())) text.remove_suffix(1);
    if (text.size() <= limit) return std::string(text);
    std::size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // whole UTF-8 characters
    return std::string(text.substr(0, cut)) + "...";
}

// --- character encodings -----------------------------------------------------

enum class Charset { utf8, wide, latin1, latin9, cp1252, unsupported };

/// The value of encoding="..." in the XML declaration, empty when there is none.
std::string_view declared_encoding(std::string_view text) {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    if (!text.starts_with("<?xml")) return {};
    const std::size_t end = text.find("?>");
    if (end == std::string_view::npos || end > 512) return {};
    const std::string_view declaration = text.substr(0, end);
    std::size_t pos = declaration.find("encoding");
    if (pos == std::string_view::npos) return {};
    pos += 8;
    while (pos < declaration.size() && is_xml_space(declaration[pos])) ++pos;
    if (pos >= declaration.size() || declaration[pos] != '=') return {};
    ++pos;
    while (pos < declaration.size() && is_xml_space(declaration[pos])) ++pos;
    if (pos >= declaration.size() || (declaration[pos] != '"' && declaration[pos] != '\'')) return {};
    const char quote = declaration[pos++];
    const std::size_t close = declaration.find(quote, pos);
    if (close == std::string_view::npos) return {};
    return declaration.substr(pos, close - pos);
}

Charset detect_charset(std::string_view text) {
    const auto byte = [&](std::size_t i) { return i < text.size() ? static_cast<unsigned char>(text[i]) : 0x100u; };
    // UTF-16 and UTF-32, with a byte order mark or by the NULs around the first '<'.
    if ((byte(0) == 0xFE && byte(1) == 0xFF) || (byte(0) == 0xFF && byte(1) == 0xFE) ||
        (byte(0) == 0 && byte(1) == '<') || (byte(0) == '<' && byte(1) == 0) ||
        (byte(0) == 0 && byte(1) == 0 && (byte(2) == 0 || byte(2) == 0xFE))) {
        return Charset::wide;
    }
    std::string name(declared_encoding(text));
    std::transform(name.begin(), name.end(), name.begin(), ascii_lower);
    if (name.empty() || name == "utf-8" || name == "utf8" || name == "us-ascii" || name == "ascii") return Charset::utf8;
    if (name == "iso-8859-1" || name == "iso8859-1" || name == "iso_8859-1" || name == "latin1" ||
        name == "latin-1" || name == "l1") {
        return Charset::latin1;
    }
    if (name == "iso-8859-15" || name == "iso8859-15" || name == "latin-9" || name == "latin9") return Charset::latin9;
    if (name == "windows-1252" || name == "cp1252") return Charset::cp1252;
    return Charset::unsupported;
}

/// Offset of the first byte that is not part of well-formed UTF-8, or npos.
/// ASCII is skipped eight bytes at a time: feed pages are megabytes.
std::size_t first_invalid_utf8(std::string_view text) {
    const std::size_t size = text.size();
    std::size_t i = 0;
    while (i < size) {
        if (i + 8 <= size) {
            std::uint64_t block;
            std::memcpy(&block, text.data() + i, 8);
            if ((block & 0x8080808080808080ull) == 0) {
                i += 8;
                continue;
            }
        }
        if (static_cast<unsigned char>(text[i]) < 0x80) {
            ++i;
            continue;
        }
        const std::size_t n = rdf_export::utf8_sequence_length(text, i);
        if (n == 0) return i;
        i += n;
    }
    return std::string_view::npos;
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

/// A single-byte document as UTF-8.
std::string to_utf8(std::string_view text, Charset charset) {
    static constexpr std::uint16_t cp1252[32] = {
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (const char ch : text) {
        std::uint32_t cp = static_cast<unsigned char>(ch);
        if (charset == Charset::cp1252 && cp >= 0x80 && cp < 0xA0) {
            cp = cp1252[cp - 0x80];
        } else if (charset == Charset::latin9) {
            switch (cp) {
            case 0xA4: cp = 0x20AC; break;
            case 0xA6: cp = 0x0160; break;
            case 0xA8: cp = 0x0161; break;
            case 0xB4: cp = 0x017D; break;
            case 0xB8: cp = 0x017E; break;
            case 0xBC: cp = 0x0152; break;
            case 0xBD: cp = 0x0153; break;
            case 0xBE: cp = 0x0178; break;
            default: break;
            }
        }
        append_utf8(out, cp);
    }
    return out;
}

bool looks_like_html(std::string_view text) {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    while (!text.empty() && is_xml_space(text.front())) text.remove_prefix(1);
    return starts_with_ci(text, "<!doctype html") || starts_with_ci(text, "<html");
}

std::string_view status_text(pugi::xml_parse_status status) {
    switch (status) {
    case pugi::status_ok: return "no error";
    case pugi::status_file_not_found:
    case pugi::status_io_error: return "I/O error";
    case pugi::status_out_of_memory: return "out of memory";
    case pugi::status_internal_error: return "internal parser error";
    case pugi::status_unrecognized_tag: return "unrecognized markup after '<'";
    case pugi::status_bad_pi: return "malformed processing instruction or XML declaration";
    case pugi::status_bad_comment: return "malformed comment";
    case pugi::status_bad_cdata: return "malformed CDATA section";
    case pugi::status_bad_doctype: return "malformed DOCTYPE declaration";
    case pugi::status_bad_pcdata: return "malformed character data";
    case pugi::status_bad_start_element: return "malformed start tag";
    case pugi::status_bad_attribute: return "malformed attribute";
    case pugi::status_bad_end_element: return "malformed end tag";
    case pugi::status_end_element_mismatch: return "end tag does not match the open element";
    case pugi::status_append_invalid_root: return "invalid root";
    case pugi::status_no_document_element: return "no root element (the document is empty or not XML)";
    }
    return "unknown error";
}

/// iri_needs_encoding, fast: every IRI of a document is checked, which
/// character by character through the general predicate is a measurable
/// share of reading time. The rule is per character, so it is taken from
/// iri_needs_encoding byte by byte into a table; with SSE2 sixteen bytes are
/// checked at once when the table has the expected shape (all of 0x00-0x20
/// and 0x7F-0xFF forbidden, plus a few ASCII punctuation characters).
class IriCheck {
public:
    IriCheck() {
        for (std::size_t c = 0; c < m_forbidden.size(); ++c) {
            const char ch = static_cast<char>(c);
            m_forbidden[c] = iri_needs_encoding(std::string_view(&ch, 1));
        }
#if defined(__SSE2__)
        m_vector = true;
        std::size_t specials = 0;
        for (std::size_t c = 0; c < m_forbidden.size(); ++c) {
            const bool outside = c < 0x21 || c >= 0x7F;
            if (outside && !m_forbidden[c]) m_vector = false;
            if (!outside && m_forbidden[c]) {
                if (specials == k_specials) {
                    m_vector = false;
                } else {
                    m_specials[specials++] = _mm_set1_epi8(static_cast<char>(c));
                }
            }
        }
        for (; specials < k_specials; ++specials) m_specials[specials] = _mm_set1_epi8(0x7F);  // unused slots
#endif
    }

    bool needs_encoding(std::string_view iri) const {
        const char* data = iri.data();
        std::size_t i = 0;
#if defined(__SSE2__)
        if (m_vector) {
            if (iri.size() >= 16) {
                for (; i + 16 <= iri.size(); i += 16) {
                    if (forbidden_in(data + i)) return true;
                }
                // The rest as the last sixteen bytes, overlapping what was checked.
                return i < iri.size() && forbidden_in(data + iri.size() - 16);
            }
        }
#endif
        for (; i < iri.size(); ++i) {
            if (m_forbidden[static_cast<unsigned char>(data[i])]) return true;
        }
        return false;
    }

private:
#if defined(__SSE2__)
    /// Whether one of sixteen bytes is forbidden. A signed compare with 0x21
    /// catches controls and space as well as every byte of a multi-byte UTF-8
    /// character (negative as signed).
    bool forbidden_in(const char* sixteen) const {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(sixteen));
        __m128i hit = _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x21)), _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F)));
        for (std::size_t k = 0; k < k_specials; ++k) hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, m_specials[k]));
        return _mm_movemask_epi8(hit) != 0;
    }
#endif

    std::array<bool, 256> m_forbidden{};
#if defined(__SSE2__)
    static constexpr std::size_t k_specials = 10;  ///< forbidden characters within 0x21-0x7E
    bool m_vector = false;
    __m128i m_specials[k_specials] = {};
#endif
};

bool needs_encoding(std::string_view iri) {
    static const IriCheck check;
    return check.needs_encoding(iri);
}

// --- the reader ----------------------------------------------------------------

/// An RDF/XML document walked into triples. The tree is pugixml's; the walk
/// is iterative (an explicit frame stack), so nesting depth costs heap, not
/// call stack, and is bounded by ReadOptions::max_depth. Strings live in
/// members and frames that are reused, so steady-state reading allocates
/// nothing per triple.
class RdfXmlReader {
public:
    RdfXmlReader(const ReadOptions& options, const TripleHandler& handler) : m_options(options), m_handler(handler) {}

    ParseResult read(std::string_view text);

private:
    /// A namespace prefix in scope; both views point into the parsed document.
    struct Binding {
        std::string_view prefix;  ///< empty: the default namespace
        std::string_view uri;     ///< empty: undeclared (xmlns="")
        bool clean = false;       ///< the URI needs no percent-encoding
    };

    /// An element or attribute name resolved against the namespaces in scope.
    struct Name {
        std::string_view ns;
        std::string_view local;
        bool clean = false;  ///< ns + local needs no percent-encoding
    };

    /// What an element's xml:base, xml:lang and xmlns attributes changed.
    struct Scope {
        std::size_t bindings = 0;
        std::size_t base = 0;
        std::string_view lang;
    };

    /// A subject or resource object: an IRI or a blank-node label.
    struct Node {
        bool blank = false;
        std::string value;
    };

    enum class Role {
        rdf_root,    ///< rdf:RDF: children are node elements
        node,        ///< a node element: children are property elements of `subject`
        resource,    ///< rdf:parseType="Resource": the same, about a new blank node
        object,      ///< a property element whose one child node element is the object
        collection,  ///< rdf:parseType="Collection": children are the list's members
    };

    /// An element being walked: its children are visited one by one.
    struct Frame {
        pugi::xml_node element;
        pugi::xml_node cursor;  ///< the child visited last
        Role role = Role::node;
        Scope scope;            ///< to restore when the element ends
        Node subject;           ///< node/resource: the node described; object/collection: the property's subject
        std::size_t li = 0;     ///< rdf:li counter of this node
        std::string predicate;  ///< object/collection: the property
        std::string reify;      ///< object/collection: the statement IRI (rdf:ID), empty if none
        Node list;              ///< collection: the last list cell
        bool has_items = false;
    };

    /// A property attribute waiting for its subject.
    struct PropertyAttribute {
        pugi::xml_attribute attribute;
        Name name;
        bool is_type = false;
    };

    /// What a property element's attributes say.
    struct PropertyAttributes {
        pugi::xml_attribute id, parse_type, resource, node_id, datatype;
    };

    /// What a property element contains.
    struct Content {
        std::size_t elements = 0;
        bool non_blank = false;  ///< character data other than white space
        std::size_t chunks = 0;  ///< pieces of character data (split by CDATA sections, comments)
        std::string_view first_chunk;
    };

    /// An element open while an XML literal is written: what to drop when it closes.
    struct LiteralElement {
        std::size_t bindings = 0;
        std::size_t rendered = 0;
    };

    // positions, warnings, errors
    void locate(std::size_t offset, std::size_t& line, std::size_t& column);
    std::size_t offset_of(pugi::xml_node node) const;
    template <typename... Parts>
    void warn(pugi::xml_node where, const Parts&... parts);
    void warn_at(std::size_t offset, std::string message);
    template <typename... Parts>
    bool fail_at(std::size_t offset, const Parts&... parts);
    template <typename... Parts>
    bool fail(pugi::xml_node where, const Parts&... parts);
    bool syntax_error(const pugi::xml_parse_result& parsed, Charset charset);

    // scopes and names
    Scope scope() const { return {m_bindings.size(), m_base_top, m_lang}; }
    void restore(const Scope& saved);
    void push_scope(pugi::xml_node element);
    const std::string& base() const { return m_bases[m_base_top]; }
    bool lookup(std::string_view prefix, std::string_view& uri, bool* clean = nullptr) const;
    void push_binding(std::string_view prefix, std::string_view uri);
    bool element_name(pugi::xml_node element, Name& name);
    bool classify(pugi::xml_node element, pugi::xml_attribute attribute, AttributeKind& kind, Name& name);

    // terms
    void make_iri(pugi::xml_node where, std::string_view reference, std::string& out);
    void check_iri(pugi::xml_node where, std::string& iri);
    void check_name_iri(pugi::xml_node where, const Name& name, std::string& iri);
    void make_id_iri(pugi::xml_node where, std::string_view id, std::string& out);
    void new_blank(std::string& out);
    void document_blank(pugi::xml_node where, std::string_view id, std::string& out);

    // triples
    static void set(Term& term, const Node& node);
    static void set_iri(Term& term, std::string_view iri);
    void emit();
    void emit(const Node& subject, std::string_view predicate, const Node& object);
    void emit_literal(const Node& subject, std::string_view predicate, std::string_view value, std::string_view lang,
                      std::string_view datatype);
    void reify(std::string_view statement);

    // the grammar
    Frame& push_frame(pugi::xml_node element, Role role, const Scope& saved);
    bool depth_ok(pugi::xml_node element, std::size_t extra = 0);
    bool walk(pugi::xml_node root);
    void leave_frame();
    void ignore_text(pugi::xml_node where, std::string_view text);
    bool node_element(pugi::xml_node element);
    bool property_element(pugi::xml_node element);
    bool empty_property_element(pugi::xml_node element, const PropertyAttributes& attributes, std::size_t parent);
    void property_attributes(pugi::xml_node element, const Node& subject);
    Content content(pugi::xml_node element) const;
    std::string_view text_of(pugi::xml_node element, const Content& found);
    bool xml_literal(pugi::xml_node element, std::string& out);
    bool render_namespace(pugi::xml_node element, std::string_view prefix, std::string& out);

    const ReadOptions& m_options;
    const TripleHandler& m_handler;
    ParseResult m_result;
    std::size_t m_dropped_warnings = 0;
    std::string_view m_text;    ///< the UTF-8 text pugixml parsed
    std::string_view m_source;  ///< the UTF-8 text before entities were expanded (for line and column)
    xml::EntityExpansion m_entities;
    std::size_t m_located_offset = 0, m_located_line = 1, m_located_line_start = 0;

    std::vector<Binding> m_bindings;
    std::vector<std::string> m_bases;  ///< reused; m_bases[m_base_top] is in force
    std::size_t m_base_top = 0;
    std::string_view m_lang;

    std::vector<Frame> m_frames;  ///< reused; the first m_depth are open
    std::size_t m_depth = 0;
    std::vector<PropertyAttribute> m_property_attributes;
    std::vector<Binding> m_rendered;             ///< namespaces declared so far in an XML literal
    std::vector<LiteralElement> m_literal_open;  ///< elements open in an XML literal

    Triple m_triple;  ///< reused: its strings keep their capacity between statements
    Term m_reified_subject, m_reified_object;
    std::string m_reified_predicate;
    std::string m_predicate, m_attribute_predicate, m_statement, m_text_buffer, m_literal, m_datatype, m_scratch;
    Node m_object, m_resource, m_cell;
    std::uint64_t m_blank_count = 0;
    std::unordered_set<std::string> m_ids;  ///< rdf:ID values used (must be unique per base)
};

// --- positions, warnings, errors

void RdfXmlReader::locate(std::size_t offset, std::size_t& line, std::size_t& column) {
    if (m_entities.expanded) offset = m_entities.original_offset(std::min(offset, m_text.size()));
    offset = std::min(offset, m_source.size());
    if (offset < m_located_offset) {
        m_located_offset = 0;
        m_located_line = 1;
        m_located_line_start = 0;
    }
    const char* data = m_source.data();
    const char* p = data + m_located_offset;
    const char* end = data + offset;
    while (p < end) {
        const void* newline = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
        if (newline == nullptr) break;
        ++m_located_line;
        p = static_cast<const char*>(newline) + 1;
        m_located_line_start = static_cast<std::size_t>(p - data);
    }
    m_located_offset = offset;
    line = m_located_line;
    column = 1;
    for (std::size_t i = m_located_line_start; i < offset; ++i) {
        if ((static_cast<unsigned char>(data[i]) & 0xC0) != 0x80) ++column;  // count characters, not bytes
    }
}

std::size_t RdfXmlReader::offset_of(pugi::xml_node node) const {
    const std::ptrdiff_t offset = node.offset_debug();  // the name, just after '<'
    if (offset <= 0) return 0;
    return static_cast<std::size_t>(offset) - (node.type() == pugi::node_element ? 1 : 0);
}

template <typename... Parts>
void RdfXmlReader::warn(pugi::xml_node where, const Parts&... parts) {
    if (m_result.warnings.size() >= m_options.max_warnings) {
        ++m_dropped_warnings;
        return;
    }
    Warning warning;
    (warning.message.append(std::string_view(parts)), ...);
    if (where) locate(offset_of(where), warning.line, warning.column);
    m_result.warnings.push_back(std::move(warning));
}

void RdfXmlReader::warn_at(std::size_t offset, std::string message) {
    if (m_result.warnings.size() >= m_options.max_warnings) {
        ++m_dropped_warnings;
        return;
    }
    Warning warning;
    warning.message = std::move(message);
    locate(offset, warning.line, warning.column);
    m_result.warnings.push_back(std::move(warning));
}

template <typename... Parts>
bool RdfXmlReader::fail_at(std::size_t offset, const Parts&... parts) {
    m_result.ok = false;
    m_result.description.clear();
    (m_result.description.append(std::string_view(parts)), ...);
    locate(offset, m_result.line, m_result.column);
    return false;
}

template <typename... Parts>
bool RdfXmlReader::fail(pugi::xml_node where, const Parts&... parts) {
    return fail_at(offset_of(where), parts...);
}

bool RdfXmlReader::syntax_error(const pugi::xml_parse_result& parsed, Charset charset) {
    std::size_t offset = std::min(static_cast<std::size_t>(std::max<std::ptrdiff_t>(parsed.offset, 0)), m_text.size());
    std::string description = "XML syntax error: ";
    const std::string_view rest = offset < m_text.size() ? m_text.substr(offset + 1) : std::string_view();
    if (parsed.status == pugi::status_no_document_element) {
        // Nothing but white space, a declaration or binary data: point at its start.
        offset = 0;
        if (m_text.starts_with("\xEF\xBB\xBF")) offset = 3;
        while (offset < m_text.size() && is_xml_space(m_text[offset])) ++offset;
        if (offset == m_text.size()) offset = 0;
        description += status_text(parsed.status);
    } else if (charset != Charset::wide && is_blank_text(rest)) {
        offset = m_text.size();
        description += "unexpected end of data (";
        description += parsed.status == pugi::status_end_element_mismatch ? "an element is not closed"
                                                                          : status_text(parsed.status);
        description += ')';
    } else if (parsed.status == pugi::status_end_element_mismatch && charset != Charset::wide) {
        std::string_view name = m_text.substr(offset);
        name = name.substr(0, std::min<std::size_t>(name.find_first_of("> \t\r\n"), 100));
        description += "end tag </";
        description += name;
        description += "> does not match the open element";
        if (offset >= 2 && m_text.substr(offset - 2, 2) == "</") offset -= 2;
    } else {
        description += status_text(parsed.status);
    }
    if (looks_like_html(m_text)) description += "; the document looks like an HTML page, not RDF/XML";
    return fail_at(offset, description);
}

// --- scopes and names

void RdfXmlReader::restore(const Scope& saved) {
    m_bindings.resize(saved.bindings);
    m_base_top = saved.base;
    m_lang = saved.lang;
}

void RdfXmlReader::push_scope(pugi::xml_node element) {
    for (pugi::xml_attribute attribute = element.first_attribute(); attribute; attribute = attribute.next_attribute()) {
        const char* name = attribute.name();
        if (name[0] != 'x' || name[1] != 'm' || name[2] != 'l') continue;
        const std::string_view full(name);
        if (full == "xmlns") {
            push_binding(std::string_view(), attribute.value());
        } else if (full.starts_with("xmlns:")) {
            push_binding(full.substr(6), attribute.value());
        } else if (full == "xml:lang") {
            m_lang = attribute.value();
        } else if (full == "xml:base") {
            if (m_base_top + 1 >= m_bases.size()) m_bases.emplace_back();
            resolve_iri(m_bases[m_base_top], attribute.value(), m_bases[m_base_top + 1]);
            ++m_base_top;
        }
    }
}

void RdfXmlReader::push_binding(std::string_view prefix, std::string_view uri) {
    m_bindings.push_back({prefix, uri, !needs_encoding(uri)});
}

bool RdfXmlReader::lookup(std::string_view prefix, std::string_view& uri, bool* clean) const {
    for (auto binding = m_bindings.rbegin(); binding != m_bindings.rend(); ++binding) {
        if (binding->prefix.size() == prefix.size() && binding->prefix == prefix) {
            uri = binding->uri;
            if (clean != nullptr) *clean = binding->clean;
            return !uri.empty() || prefix.empty();
        }
    }
    uri = {};
    return prefix.empty();  // no default namespace: names without a prefix have none
}

bool RdfXmlReader::element_name(pugi::xml_node element, Name& resolved) {
    const std::string_view name(element.name());
    const std::size_t colon = name.find(':');
    const std::string_view prefix = colon == std::string_view::npos ? std::string_view() : name.substr(0, colon);
    resolved.local = colon == std::string_view::npos ? name : name.substr(colon + 1);
    if (colon == 0 || resolved.local.empty() || resolved.local.find(':') != std::string_view::npos) {
        return fail(element, "malformed element name <", name, "> (not a qualified XML name)");
    }
    if (!lookup(prefix, resolved.ns, &resolved.clean)) {
        return fail(element, "undeclared namespace prefix '", prefix, "' in element <", name, ">");
    }
    if (resolved.ns.empty()) {
        return fail(element, "element <", name, "> has no namespace (RDF/XML needs a namespace on every element)");
    }
    resolved.clean = resolved.clean && !needs_encoding(resolved.local);
    return true;
}

bool RdfXmlReader::classify(pugi::xml_node element, pugi::xml_attribute attribute, AttributeKind& kind,
                            Name& resolved) {
    const std::string_view name(attribute.name());
    if (starts_with_ci(name, "xml")) {  // xmlns, xml:lang, xml:base and the names XML reserves
        kind = AttributeKind::skip;
        return true;
    }
    const std::size_t colon = name.find(':');
    if (colon == std::string_view::npos) {
        // RDF/XML reads these five without a namespace as the rdf: attributes (deprecated).
        const RdfTerm term = rdf_term(name);
        if (term == RdfTerm::ID || term == RdfTerm::about || term == RdfTerm::resource ||
            term == RdfTerm::parseType || term == RdfTerm::type) {
            resolved = {ns::rdf, name, true};
            kind = attribute_kind(term);
            warn(element, "attribute '", name, "' without a namespace read as rdf:", name);
        } else {
            kind = AttributeKind::skip;
            warn(element, "attribute '", name, "' without a namespace on <", element.name(), "> ignored");
        }
        return true;
    }
    const std::string_view prefix = name.substr(0, colon);
    resolved.local = name.substr(colon + 1);
    if (!lookup(prefix, resolved.ns, &resolved.clean)) {
        return fail(element, "undeclared namespace prefix '", prefix, "' in attribute ", name, " of <",
                    element.name(), ">");
    }
    if (resolved.ns == ns::rdf) {
        kind = attribute_kind(rdf_term(resolved.local));
    } else {
        kind = AttributeKind::property;
        resolved.clean = resolved.clean && !needs_encoding(resolved.local);
    }
    return true;
}

// --- terms

void RdfXmlReader::check_iri(pugi::xml_node where, std::string& iri) {
    if (!needs_encoding(iri)) return;
    warn(where, "IRI <", iri, "> contains characters not allowed in IRIs; percent-encoded");
    iri = encode_iri(iri);
}

void RdfXmlReader::check_name_iri(pugi::xml_node where, const Name& name, std::string& iri) {
    if (!name.clean) check_iri(where, iri);
}

void RdfXmlReader::make_iri(pugi::xml_node where, std::string_view reference, std::string& out) {
    resolve_iri(base(), reference, out);
    check_iri(where, out);
}

void RdfXmlReader::make_id_iri(pugi::xml_node where, std::string_view id, std::string& out) {
    if (!is_ncname(id)) warn(where, "rdf:ID '", id, "' is not an XML name");
    m_scratch.assign("#");
    m_scratch.append(id);
    make_iri(where, m_scratch, out);
}

void RdfXmlReader::new_blank(std::string& out) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, ++m_blank_count).ptr;
    out.assign("b");
    out.append(digits, end);
}

void RdfXmlReader::document_blank(pugi::xml_node where, std::string_view id, std::string& out) {
    // Document labels get an 'n', generated ones a 'b': they never collide.
    // Characters other than [A-Za-z0-9-] are written as _XX, so distinct
    // nodeIDs stay distinct after N-Triples' label restrictions.
    static constexpr auto kept_table = [] {
        std::array<bool, 256> table{};
        for (int c = 0; c < 256; ++c) {
            table[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
        }
        return table;
    }();
    // A table, not comparisons: labels mix letters and digits at random, and
    // branching on the character class mispredicts on every other character.
    const auto kept = [](char c) { return kept_table[static_cast<unsigned char>(c)]; };
    out.assign("n");
    if (!id.empty() && !(id[0] >= '0' && id[0] <= '9') && id[0] != '-' && std::all_of(id.begin(), id.end(), kept)) {
        out.append(id);  // the usual case: an NCName needing no escapes
        return;
    }
    if (!is_ncname(id)) warn(where, "rdf:nodeID '", id, "' is not an XML name");
    static constexpr char hex[] = "0123456789ABCDEF";
    for (const char ch : id) {
        const auto c = static_cast<unsigned char>(ch);
        if (kept(ch)) {
            out += ch;
        } else {
            out += '_';
            out += hex[c >> 4];
            out += hex[c & 0xF];
        }
    }
}

// --- triples

void RdfXmlReader::set(Term& term, const Node& node) {
    term.kind = node.blank ? Term::Kind::blank : Term::Kind::iri;
    term.value.assign(node.value);
    term.datatype.clear();
    term.lang.clear();
}

void RdfXmlReader::set_iri(Term& term, std::string_view iri) {
    term.kind = Term::Kind::iri;
    term.value.assign(iri);
    term.datatype.clear();
    term.lang.clear();
}

void RdfXmlReader::emit() {
    ++m_result.triples;
    m_handler(m_triple);  // an exception leaves the reader; everything here is RAII
}

void RdfXmlReader::emit(const Node& subject, std::string_view predicate, const Node& object) {
    set(m_triple.subject, subject);
    set_iri(m_triple.predicate, predicate);
    set(m_triple.object, object);
    emit();
}

void RdfXmlReader::emit_literal(const Node& subject, std::string_view predicate, std::string_view value,
                                std::string_view lang, std::string_view datatype) {
    set(m_triple.subject, subject);
    set_iri(m_triple.predicate, predicate);
    Term& object = m_triple.object;
    object.kind = Term::Kind::literal;
    object.value.assign(value);
    object.datatype.assign(datatype);
    object.lang.assign(datatype.empty() ? lang : std::string_view());
    emit();
}

void RdfXmlReader::reify(std::string_view statement) {
    // The statement just emitted is still in m_triple.
    m_reified_subject = m_triple.subject;
    m_reified_predicate = m_triple.predicate.value;
    m_reified_object = m_triple.object;
    set_iri(m_triple.subject, statement);
    set_iri(m_triple.predicate, rdf_type);
    set_iri(m_triple.object, k_rdf_statement);
    emit();
    set_iri(m_triple.predicate, k_rdf_subject);
    m_triple.object = m_reified_subject;
    emit();
    set_iri(m_triple.predicate, k_rdf_predicate);
    set_iri(m_triple.object, m_reified_predicate);
    emit();
    set_iri(m_triple.predicate, k_rdf_object);
    m_triple.object = m_reified_object;
    emit();
}

// --- the grammar

RdfXmlReader::Frame& RdfXmlReader::push_frame(pugi::xml_node element, Role role, const Scope& saved) {
    if (m_depth == m_frames.size()) m_frames.emplace_back();
    Frame& frame = m_frames[m_depth++];
    frame.element = element;
    frame.cursor = pugi::xml_node();
    frame.role = role;
    frame.scope = saved;
    frame.li = 0;
    frame.reify.clear();
    frame.has_items = false;
    return frame;
}

bool RdfXmlReader::depth_ok(pugi::xml_node element, std::size_t extra) {
    if (m_depth + 1 + extra <= m_options.max_depth) return true;
    return fail(element, "elements nested deeper than ", std::to_string(m_options.max_depth), " levels");
}

void RdfXmlReader::ignore_text(pugi::xml_node where, std::string_view text) {
    if (is_blank_text(text)) return;
    warn(where, "text \"", excerpt(text), "\" in <", where.name(), "> is not part of any statement; ignored");
}

void RdfXmlReader::leave_frame() {
    Frame& frame = m_frames[m_depth - 1];
    if (frame.role == Role::collection) {
        m_object.blank = false;
        m_object.value.assign(k_rdf_nil);
        if (!frame.has_items) {
            emit(frame.subject, frame.predicate, m_object);
            if (!frame.reify.empty()) reify(frame.reify);
        } else {
            emit(frame.list, k_rdf_rest, m_object);
        }
    }
    restore(frame.scope);
    --m_depth;
}

bool RdfXmlReader::walk(pugi::xml_node root) {
    const Scope saved = scope();
    push_scope(root);
    const std::string_view name(root.name());
    const std::size_t colon = name.find(':');
    std::string_view ns;
    const std::string_view prefix = colon == std::string_view::npos ? std::string_view() : name.substr(0, colon);
    if (!lookup(prefix, ns)) return fail(root, "undeclared namespace prefix '", prefix, "' in element <", name, ">");
    if (ns.empty()) {
        return fail(root, "root element <", name,
                    "> is not RDF/XML (expected rdf:RDF or a node element in a namespace)");
    }
    if (ns == k_xhtml_ns) return fail(root, "root element <", name, "> is an XHTML page, not RDF/XML");
    if (ns == ns::rdf && name.substr(colon + 1) == "RDF") {
        if (!depth_ok(root)) return false;
        for (pugi::xml_attribute attribute = root.first_attribute(); attribute; attribute = attribute.next_attribute()) {
            if (!starts_with_ci(attribute.name(), "xml")) {
                warn(root, "attribute ", attribute.name(), " on rdf:RDF ignored");
            }
        }
        push_frame(root, Role::rdf_root, saved);
    } else {
        const bool declares_rdf = std::any_of(m_bindings.begin(), m_bindings.end(),
                                              [](const Binding& binding) { return binding.uri == ns::rdf; });
        if (!declares_rdf) {
            return fail(root, "root element <", name,
                        "> is not RDF/XML (expected rdf:RDF or a node element, and no RDF namespace is declared)");
        }
        restore(saved);
        if (!node_element(root)) return false;
    }

    while (m_depth > 0) {
        const std::size_t index = m_depth - 1;
        Frame& frame = m_frames[index];
        // Text among node or property elements: a property element with a
        // node element inside has had its text reported already.
        const bool report_text = frame.role != Role::object;
        pugi::xml_node child;
        if (frame.cursor) {
            child = frame.cursor.next_sibling();
        } else {
            if (report_text) ignore_text(frame.element, frame.element.value());  // text embedded by pugixml
            child = frame.element.first_child();
        }
        while (child && child.type() != pugi::node_element) {
            if (report_text && (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata)) {
                ignore_text(frame.element, child.value());
            }
            child = child.next_sibling();
        }
        if (!child) {
            leave_frame();
            continue;
        }
        frame.cursor = child;
        switch (frame.role) {
        case Role::rdf_root:
            if (!node_element(child)) return false;
            break;
        case Role::node:
        case Role::resource:
            if (!property_element(child)) return false;
            break;
        case Role::object: {
            if (!node_element(child)) return false;
            const Frame& property = m_frames[index];
            emit(property.subject, property.predicate, m_frames[m_depth - 1].subject);
            if (!property.reify.empty()) reify(property.reify);
            break;
        }
        case Role::collection: {
            if (!node_element(child)) return false;
            Frame& list = m_frames[index];
            new_blank(m_cell.value);
            m_cell.blank = true;
            if (!list.has_items) {
                emit(list.subject, list.predicate, m_cell);
                if (!list.reify.empty()) reify(list.reify);
            } else {
                emit(list.list, k_rdf_rest, m_cell);
            }
            emit(m_cell, k_rdf_first, m_frames[m_depth - 1].subject);
            list.list.blank = true;
            list.list.value.assign(m_cell.value);
            list.has_items = true;
            break;
        }
        }
    }
    return true;
}

bool RdfXmlReader::node_element(pugi::xml_node element) {
    const Scope saved = scope();
    push_scope(element);
    Name name;
    if (!element_name(element, name)) return false;
    bool typed = true;
    if (name.ns == ns::rdf) {
        switch (rdf_term(name.local)) {
        case RdfTerm::Description: typed = false; break;
        case RdfTerm::other:
        case RdfTerm::type: break;
        case RdfTerm::RDF: return fail(element, "rdf:RDF is only allowed as the root element");
        default: return fail(element, "rdf:", name.local, " is not allowed as a node element");
        }
    }
    if (!depth_ok(element)) return false;

    m_property_attributes.clear();
    pugi::xml_attribute about, id, node_id;
    for (pugi::xml_attribute attribute = element.first_attribute(); attribute; attribute = attribute.next_attribute()) {
        AttributeKind kind;
        Name attribute_name;
        if (!classify(element, attribute, kind, attribute_name)) return false;
        switch (kind) {
        case AttributeKind::skip: break;
        case AttributeKind::about: about = attribute; break;
        case AttributeKind::id: id = attribute; break;
        case AttributeKind::node_id: node_id = attribute; break;
        case AttributeKind::type:
        case AttributeKind::property:
            m_property_attributes.push_back({attribute, attribute_name, kind == AttributeKind::type});
            break;
        case AttributeKind::bag_id:
            warn(element, "rdf:bagID is not part of RDF/XML any more; ignored");
            break;
        case AttributeKind::resource:
        case AttributeKind::parse_type:
        case AttributeKind::datatype:
        case AttributeKind::forbidden:
            return fail(element, "attribute ", attribute.name(), " is not allowed on the node element <",
                        element.name(), ">");
        }
    }
    if ((about ? 1 : 0) + (id ? 1 : 0) + (node_id ? 1 : 0) > 1) {
        return fail(element, "node element <", element.name(), "> has more than one of rdf:about, rdf:ID, rdf:nodeID");
    }

    Frame& frame = push_frame(element, Role::node, saved);
    Node& subject = frame.subject;
    subject.blank = !about && !id;
    if (about) {
        make_iri(element, about.value(), subject.value);
    } else if (id) {
        make_id_iri(element, id.value(), subject.value);
        if (!m_ids.insert(subject.value).second) warn(element, "rdf:ID '", id.value(), "' used twice");
    } else if (node_id) {
        document_blank(element, node_id.value(), subject.value);
    } else {
        new_blank(subject.value);
    }
    if (typed) {
        m_object.blank = false;
        m_object.value.assign(name.ns);
        m_object.value.append(name.local);
        check_name_iri(element, name, m_object.value);
        emit(subject, rdf_type, m_object);
    }
    property_attributes(element, subject);
    return true;
}

void RdfXmlReader::property_attributes(pugi::xml_node element, const Node& subject) {
    for (const PropertyAttribute& property : m_property_attributes) {
        m_attribute_predicate.assign(property.name.ns);
        m_attribute_predicate.append(property.name.local);
        check_name_iri(element, property.name, m_attribute_predicate);
        if (property.is_type) {
            m_object.blank = false;
            make_iri(element, property.attribute.value(), m_object.value);
            emit(subject, m_attribute_predicate, m_object);
        } else {
            emit_literal(subject, m_attribute_predicate, property.attribute.value(), m_lang, {});
        }
    }
}

RdfXmlReader::Content RdfXmlReader::content(pugi::xml_node element) const {
    Content found;
    const auto add_text = [&](std::string_view text) {
        if (found.chunks++ == 0) found.first_chunk = text;
        if (!found.non_blank && !is_blank_text(text)) found.non_blank = true;
    };
    if (const char* embedded = element.value(); embedded[0] != '\0') add_text(embedded);
    for (pugi::xml_node child = element.first_child(); child; child = child.next_sibling()) {
        switch (child.type()) {
        case pugi::node_element: ++found.elements; break;
        case pugi::node_pcdata:
        case pugi::node_cdata: add_text(child.value()); break;
        default: break;
        }
    }
    return found;
}

std::string_view RdfXmlReader::text_of(pugi::xml_node element, const Content& found) {
    if (found.chunks <= 1) return found.first_chunk;
    m_text_buffer.assign(element.value());
    for (pugi::xml_node child = element.first_child(); child; child = child.next_sibling()) {
        if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) m_text_buffer.append(child.value());
    }
    return m_text_buffer;
}

bool RdfXmlReader::property_element(pugi::xml_node element) {
    const std::size_t parent = m_depth - 1;
    const Scope saved = scope();
    push_scope(element);
    Name name;
    if (!element_name(element, name)) return false;
    m_predicate.assign(name.ns);
    if (name.ns == ns::rdf) {
        switch (rdf_term(name.local)) {
        case RdfTerm::other:
        case RdfTerm::type: m_predicate.append(name.local); break;
        case RdfTerm::li: {
            char digits[24];
            const auto end = std::to_chars(digits, digits + sizeof digits, ++m_frames[parent].li).ptr;
            m_predicate += '_';
            m_predicate.append(digits, end);
            break;
        }
        default: return fail(element, "rdf:", name.local, " is not allowed as a property element");
        }
    } else {
        m_predicate.append(name.local);
    }
    check_name_iri(element, name, m_predicate);
    if (!depth_ok(element)) return false;

    PropertyAttributes attributes;
    m_property_attributes.clear();
    for (pugi::xml_attribute attribute = element.first_attribute(); attribute; attribute = attribute.next_attribute()) {
        AttributeKind kind;
        Name attribute_name;
        if (!classify(element, attribute, kind, attribute_name)) return false;
        switch (kind) {
        case AttributeKind::skip: break;
        case AttributeKind::id: attributes.id = attribute; break;
        case AttributeKind::parse_type: attributes.parse_type = attribute; break;
        case AttributeKind::resource: attributes.resource = attribute; break;
        case AttributeKind::node_id: attributes.node_id = attribute; break;
        case AttributeKind::datatype: attributes.datatype = attribute; break;
        case AttributeKind::type:
        case AttributeKind::property:
            m_property_attributes.push_back({attribute, attribute_name, kind == AttributeKind::type});
            break;
        case AttributeKind::bag_id:
            warn(element, "rdf:bagID is not part of RDF/XML any more; ignored");
            break;
        case AttributeKind::about:
        case AttributeKind::forbidden:
            return fail(element, "attribute ", attribute.name(), " is not allowed on the property element <",
                        element.name(), ">");
        }
    }

    // The statement IRI of a reified statement (rdf:ID on a property element).
    m_statement.clear();
    if (attributes.id) {
        make_id_iri(element, attributes.id.value(), m_statement);
        if (!m_ids.insert(m_statement).second) warn(element, "rdf:ID '", attributes.id.value(), "' used twice");
    }
    const bool has_object_attributes =
        attributes.resource || attributes.node_id || attributes.datatype || !m_property_attributes.empty();
    const Content found = content(element);

    if (attributes.parse_type) {
        const std::string_view parse_type = attributes.parse_type.value();
        if (has_object_attributes) {
            return fail(element, "property element <", element.name(),
                        "> with rdf:parseType may have no attributes but rdf:ID");
        }
        if (parse_type == "Resource") {
            m_object.blank = true;
            new_blank(m_object.value);
            emit(m_frames[parent].subject, m_predicate, m_object);
            if (!m_statement.empty()) reify(m_statement);
            Frame& frame = push_frame(element, Role::resource, saved);
            frame.subject.blank = true;
            frame.subject.value.assign(m_object.value);
            return true;
        }
        if (parse_type == "Collection") {
            Frame& frame = push_frame(element, Role::collection, saved);
            frame.subject = m_frames[parent].subject;
            frame.predicate.assign(m_predicate);
            frame.reify.assign(m_statement);
            return true;
        }
        if (parse_type != "Literal") {
            warn(element, "unknown rdf:parseType '", parse_type, "' read as 'Literal'");
        }
        if (!xml_literal(element, m_literal)) return false;
        emit_literal(m_frames[parent].subject, m_predicate, m_literal, {}, k_rdf_xml_literal);
        if (!m_statement.empty()) reify(m_statement);
        restore(saved);
        return true;
    }

    if (found.elements > 0) {
        if (found.elements > 1) {
            return fail(element, "property element <", element.name(),
                        "> contains more than one node element (a property has one object)");
        }
        if (has_object_attributes) {
            return fail(element, "property element <", element.name(),
                        "> has both attributes describing its object and a node element");
        }
        if (found.non_blank) ignore_text(element, text_of(element, found));
        Frame& frame = push_frame(element, Role::object, saved);
        frame.subject = m_frames[parent].subject;
        frame.predicate.assign(m_predicate);
        frame.reify.assign(m_statement);
        return true;
    }

    if (attributes.resource || attributes.node_id || !m_property_attributes.empty()) {
        if (found.non_blank) ignore_text(element, text_of(element, found));
        if (!empty_property_element(element, attributes, parent)) return false;
    } else {
        // A literal: the text exactly as written, typed or in the language in scope.
        const std::string_view text = text_of(element, found);
        if (attributes.datatype) {
            make_iri(element, attributes.datatype.value(), m_datatype);
            emit_literal(m_frames[parent].subject, m_predicate, text, {}, m_datatype);
        } else {
            emit_literal(m_frames[parent].subject, m_predicate, text, m_lang, {});
        }
    }
    if (!m_statement.empty()) reify(m_statement);
    restore(saved);
    return true;
}

bool RdfXmlReader::empty_property_element(pugi::xml_node element, const PropertyAttributes& attributes,
                                          std::size_t parent) {
    if (attributes.resource && attributes.node_id) {
        return fail(element, "property element <", element.name(), "> has both rdf:resource and rdf:nodeID");
    }
    if (attributes.datatype) {
        warn(element, "rdf:datatype on <", element.name(), "> ignored: its object is a resource, not a literal");
    }
    Node& object = m_resource;
    object.blank = !attributes.resource;
    if (attributes.resource) {
        make_iri(element, attributes.resource.value(), object.value);
    } else if (attributes.node_id) {
        document_blank(element, attributes.node_id.value(), object.value);
    } else {
        new_blank(object.value);
    }
    property_attributes(element, object);
    emit(m_frames[parent].subject, m_predicate, object);
    return true;
}

bool RdfXmlReader::render_namespace(pugi::xml_node element, std::string_view prefix, std::string& out) {
    std::string_view uri;
    if (!lookup(prefix, uri)) {
        return fail(element, "undeclared namespace prefix '", prefix, "' in <", element.name(), ">");
    }
    for (auto rendered = m_rendered.rbegin(); rendered != m_rendered.rend(); ++rendered) {
        if (rendered->prefix == prefix) {
            if (rendered->uri == uri) return true;
            break;
        }
    }
    if (uri.empty() && std::none_of(m_rendered.begin(), m_rendered.end(),
                                    [&](const Binding& binding) { return binding.prefix == prefix; })) {
        return true;  // no default namespace, and none declared in the literal so far
    }
    out += prefix.empty() ? " xmlns" : " xmlns:";
    out.append(prefix);
    out += "=\"";
    for (const char c : uri) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '"': out += "&quot;"; break;
        default: out += c;
        }
    }
    out += '"';
    m_rendered.push_back({prefix, uri});
    return true;
}

/// Exclusive canonical XML (with comments) of what is inside `element`, as
/// rdf:parseType="Literal" requires: namespaces declared where first used.
bool RdfXmlReader::xml_literal(pugi::xml_node element, std::string& out) {
    const auto append_text = [&out](std::string_view text) {
        for (const char c : text) {
            switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '\r': out += "&#xD;"; break;
            default: out += c;
            }
        }
    };
    const auto append_attribute = [&out](std::string_view text) {
        for (const char c : text) {
            switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '"': out += "&quot;"; break;
            case '\t': out += "&#x9;"; break;
            case '\n': out += "&#xA;"; break;
            case '\r': out += "&#xD;"; break;
            default: out += c;
            }
        }
    };
    const auto close = [&](pugi::xml_node node) {
        out += "</";
        out += node.name();
        out += '>';
        const LiteralElement& open = m_literal_open.back();
        m_bindings.resize(open.bindings);
        m_rendered.resize(open.rendered);
        m_literal_open.pop_back();
    };

    out.clear();
    m_rendered.clear();
    m_literal_open.clear();
    append_text(element.value());
    pugi::xml_node node = element.first_child();
    while (node) {
        bool descend = false;
        switch (node.type()) {
        case pugi::node_element: {
            if (!depth_ok(node, m_literal_open.size() + 1)) return false;
            m_literal_open.push_back({m_bindings.size(), m_rendered.size()});
            for (pugi::xml_attribute attribute = node.first_attribute(); attribute;
                 attribute = attribute.next_attribute()) {
                const std::string_view name(attribute.name());
                if (name == "xmlns") push_binding(std::string_view(), attribute.value());
                if (name.starts_with("xmlns:")) push_binding(name.substr(6), attribute.value());
            }
            const std::string_view name(node.name());
            const std::size_t colon = name.find(':');
            out += '<';
            out.append(name);
            if (!render_namespace(node, colon == std::string_view::npos ? std::string_view() : name.substr(0, colon),
                                  out)) {
                return false;
            }
            for (pugi::xml_attribute attribute = node.first_attribute(); attribute;
                 attribute = attribute.next_attribute()) {
                const std::string_view attribute_name(attribute.name());
                const std::size_t attribute_colon = attribute_name.find(':');
                if (attribute_colon == std::string_view::npos || attribute_name.starts_with("xmlns:")) continue;
                const std::string_view prefix = attribute_name.substr(0, attribute_colon);
                if (prefix != "xml" && !render_namespace(node, prefix, out)) return false;
            }
            for (pugi::xml_attribute attribute = node.first_attribute(); attribute;
                 attribute = attribute.next_attribute()) {
                const std::string_view attribute_name(attribute.name());
                if (attribute_name == "xmlns" || attribute_name.starts_with("xmlns:")) continue;
                out += ' ';
                out.append(attribute_name);
                out += "=\"";
                append_attribute(attribute.value());
                out += '"';
            }
            out += '>';
            append_text(node.value());
            if (node.first_child()) {
                descend = true;
            } else {
                close(node);
            }
            break;
        }
        case pugi::node_pcdata:
        case pugi::node_cdata: append_text(node.value()); break;
        case pugi::node_comment:
            out += "<!--";
            out += node.value();
            out += "-->";
            break;
        default: break;
        }
        if (descend) {
            node = node.first_child();
            continue;
        }
        while (!node.next_sibling()) {
            node = node.parent();
            if (node == element) return true;
            close(node);
        }
        node = node.next_sibling();
    }
    return true;
}

ParseResult RdfXmlReader::read(std::string_view text) {
    const Charset charset = detect_charset(text);
    std::string converted;
    if (charset == Charset::latin1 || charset == Charset::latin9 || charset == Charset::cp1252) {
        converted = to_utf8(text, charset);
        text = converted;
    }
    m_text = text;
    m_source = text;
    if (charset == Charset::unsupported) {
        warn({}, "unsupported character encoding '", declared_encoding(text), "'; read as UTF-8");
    }
    if (charset != Charset::wide) {
        if (const void* nul = std::memchr(text.data(), '\0', text.size()); nul != nullptr) {
            fail_at(static_cast<std::size_t>(static_cast<const char*>(nul) - text.data()),
                    "the document contains a NUL byte (binary data, not XML)");
            return std::move(m_result);
        }
    }
    if (charset != Charset::wide) {
        // pugixml knows only the five predefined entities: those the DOCTYPE
        // declares are expanded first. Positions stay those of the text as
        // delivered.
        xml::EntityExpansion expansion = xml::expand_internal_entities(text);
        for (const xml::EntityNotice& notice : expansion.notices) warn_at(notice.offset, notice.message);
        if (!expansion.error.empty()) {
            fail_at(expansion.error_offset, expansion.error);
            return std::move(m_result);
        }
        m_entities = std::move(expansion);  // from here on, positions are in the expanded text
        if (m_entities.expanded) {
            text = m_entities.text;
            m_text = text;
        }
    }
    // Character data exactly as written: white space kept everywhere (it can
    // be part of a literal next to a comment or CDATA section, or of an XML
    // literal), comments kept for XML literals, end-of-line handling only
    // when there is a CR.
    unsigned flags = pugi::parse_cdata | pugi::parse_escapes | pugi::parse_wconv_attribute | pugi::parse_doctype |
                     pugi::parse_embed_pcdata | pugi::parse_ws_pcdata | pugi::parse_comments;
    if (std::memchr(text.data(), '\r', text.size()) != nullptr) flags |= pugi::parse_eol;

    pugi::xml_document document;
    const pugi::xml_parse_result parsed = document.load_buffer(
        text.data(), text.size(), flags, charset == Charset::wide ? pugi::encoding_auto : pugi::encoding_utf8);
    if (!parsed) {
        syntax_error(parsed, charset);
        return std::move(m_result);
    }
    if (charset == Charset::utf8 || charset == Charset::unsupported) {
        // pugixml copies bytes as they are: invalid UTF-8 would reach the
        // catalogue and every JSON and RDF document written from it. Checked
        // after parsing, so that binary data and broken XML keep their own messages.
        if (const std::size_t bad = first_invalid_utf8(text); bad != std::string_view::npos) {
            static constexpr char hex[] = "0123456789ABCDEF";
            const auto byte = static_cast<unsigned char>(text[bad]);
            const char shown[] = {'0', 'x', hex[byte >> 4], hex[byte & 0x0F], '\0'};
            // The offset in the page as delivered, before entities were expanded.
            const std::string where =
                std::to_string(m_entities.expanded ? m_entities.original_offset(bad) : bad);
            if (charset == Charset::utf8) {
                fail_at(bad, "invalid UTF-8: byte ", shown, " at byte offset ", where,
                        " (the document declares UTF-8 or no encoding, which means UTF-8)");
            } else {
                fail_at(bad, "invalid UTF-8: byte ", shown, " at byte offset ", where, " (the encoding '",
                        declared_encoding(text), "' is not supported, so the document is read as UTF-8)");
            }
            return std::move(m_result);
        }
    }

    pugi::xml_node root;
    for (pugi::xml_node node = document.first_child(); node; node = node.next_sibling()) {
        if (charset == Charset::wide && node.type() == pugi::node_doctype &&
            std::strstr(node.value(), "<!ENTITY") != nullptr) {
            warn(node, "the DOCTYPE of a UTF-16 document declares entities; they are not expanded "
                       "(references stay as written)");
        } else if (node.type() == pugi::node_element) {
            if (root) {
                fail(node, "XML syntax error: a second root element <", node.name(), ">");
                return std::move(m_result);
            }
            root = node;
        }
    }
    if (charset != Charset::wide) {
        std::size_t end = text.size();
        while (end > 0 && is_xml_space(text[end - 1])) --end;
        if (end > 0 && text[end - 1] != '>') {
            std::size_t start = end;
            while (start > 0 && text[start - 1] != '>') --start;
            while (start < end && is_xml_space(text[start])) ++start;
            fail_at(start, "XML syntax error: text after the root element");
            return std::move(m_result);
        }
    }

    push_binding("xml", k_xml_ns);
    m_bases.emplace_back(m_options.base_iri);
    if (walk(root)) {
        m_result.line = 0;
        m_result.column = 0;
    }
    if (m_dropped_warnings > 0) {
        m_result.warnings.push_back({0, 0, std::to_string(m_dropped_warnings) + " more warnings"});
    }
    return std::move(m_result);
}

}  // namespace

ParseResult read_rdfxml(std::string_view text, const ReadOptions& options, const TripleHandler& handler) {
    RdfXmlReader reader(options, handler);
    return reader.read(text);
}

}  // namespace ernte::catalog::rdf
