#include "catalog/jsonld_reader.hpp"

#include "catalog/iri.hpp"
#include "catalog/text.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace ernte::catalog::rdf {

namespace {

using Value = rapidjson::Value;
using Document = rapidjson::Document;

constexpr std::string_view k_rdf_first = "http://www.w3.org/1999/02/22-rdf-syntax-ns#first";
constexpr std::string_view k_rdf_rest = "http://www.w3.org/1999/02/22-rdf-syntax-ns#rest";
constexpr std::string_view k_rdf_nil = "http://www.w3.org/1999/02/22-rdf-syntax-ns#nil";
constexpr std::string_view k_rdf_json = "http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON";
constexpr std::string_view k_xsd_boolean = "http://www.w3.org/2001/XMLSchema#boolean";
constexpr std::string_view k_xsd_integer = "http://www.w3.org/2001/XMLSchema#integer";
constexpr std::string_view k_xsd_double = "http://www.w3.org/2001/XMLSchema#double";

/// How deep remote contexts may include one another (the shipped ones include none).
constexpr std::size_t k_max_remote_depth = 16;

// --- JSON-LD vocabulary ----------------------------------------------------------

constexpr std::string_view k_keywords[] = {
    "@base",     "@container", "@context",  "@default",   "@direction", "@embed",     "@explicit", "@graph",
    "@id",       "@import",    "@included", "@index",     "@json",      "@language",  "@list",     "@nest",
    "@none",     "@omitDefault", "@prefix", "@preserve",  "@propagate", "@protected", "@requireAll", "@reverse",
    "@set",      "@type",      "@value",    "@version",   "@vocab"};

bool is_keyword(std::string_view text) {
    if (text.size() < 2 || text[0] != '@') return false;
    return std::find(std::begin(k_keywords), std::end(k_keywords), text) != std::end(k_keywords);
}

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// "@" followed by letters only: reserved for future keywords, ignored with a warning.
bool looks_like_keyword(std::string_view text) {
    if (text.size() < 2 || text[0] != '@') return false;
    return std::all_of(text.begin() + 1, text.end(), is_alpha);
}

bool is_blank_id(std::string_view text) { return text.size() >= 2 && text[0] == '_' && text[1] == ':'; }

bool is_gen_delim(char c) {
    return c == ':' || c == '/' || c == '?' || c == '#' || c == '[' || c == ']' || c == '@';
}

/// BCP 47 section 2.2.9, approximated: subtags of 1 to 8 letters or digits,
/// separated by hyphens, the first of letters only.
bool well_formed_language(std::string_view tag) {
    if (tag.empty()) return false;
    std::size_t start = 0;
    bool first = true;
    while (start <= tag.size()) {
        std::size_t end = tag.find('-', start);
        if (end == std::string_view::npos) end = tag.size();
        const std::string_view subtag = tag.substr(start, end - start);
        if (subtag.empty() || subtag.size() > 8) return false;
        for (const char c : subtag) {
            if (!is_alpha(c) && (first || !is_digit(c))) return false;
        }
        first = false;
        start = end + 1;
    }
    return true;
}

std::string_view view(const Value& value) { return {value.GetString(), value.GetStringLength()}; }

bool is_string(const Value& value, std::string_view text) { return value.IsString() && view(value) == text; }

/// The entry `key` of a JSON object (the last one when a key occurs twice), or nullptr.
const Value::Member* find_entry(const Value& object, std::string_view key) {
    const Value::Member* found = nullptr;
    for (auto it = object.MemberBegin(); it != object.MemberEnd(); ++it) {
        if (view(it->name) == key) found = &*it;
    }
    return found;
}

const Value* find_member(const Value& object, std::string_view key) {
    const Value::Member* entry = find_entry(object, key);
    return entry == nullptr ? nullptr : &entry->value;
}

/// Calls `f(name, value)` for the entries of a JSON object as JSON-LD reads
/// them: when a key occurs twice, only the last entry counts (as with
/// JavaScript's JSON.parse). Returns a key that occurred twice, or nullptr.
template <typename F>
const Value* for_each_entry(const Value& object, F&& f) {
    const auto begin = object.MemberBegin();
    const auto end = object.MemberEnd();
    const Value* duplicate = nullptr;
    if (object.MemberCount() <= 32) {
        for (auto it = begin; it != end; ++it) {
            const std::string_view name = view(it->name);
            bool later = false;
            for (auto jt = it + 1; jt != end && !later; ++jt) later = view(jt->name) == name;
            if (later) {
                duplicate = &it->name;
                continue;
            }
            f(it->name, it->value);
        }
        return duplicate;
    }
    std::unordered_map<std::string_view, const Value*> last;
    last.reserve(object.MemberCount());
    for (auto it = begin; it != end; ++it) last[view(it->name)] = &it->value;
    for (auto it = begin; it != end; ++it) {
        if (last[view(it->name)] == &it->value) {
            f(it->name, it->value);
        } else {
            duplicate = &it->name;
        }
    }
    return duplicate;
}

/// Hash for string keys that also finds std::string_view without a copy.
struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

// --- numbers and JSON literals ---------------------------------------------------

/// A number in the canonical lexical form of xsd:double as JSON-LD writes it:
/// the mantissa rounded to 15 digits after the point, trailing zeros dropped
/// (one kept), "E" and the exponent without "+" or leading zeros: 1.1E0, 5.0E-1.
std::string canonical_double(double number) {
    if (number == 0) return "0.0E0";
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.15e", number);
    const std::string_view text(buffer);
    const std::size_t e = text.find('e');
    std::string mantissa(text.substr(0, e));
    while (mantissa.size() > 2 && mantissa.back() == '0' && mantissa[mantissa.size() - 2] != '.') mantissa.pop_back();
    const int exponent = std::atoi(buffer + e + 1);
    return mantissa + "E" + std::to_string(exponent);
}

/// A number without a fractional part in the canonical form of xsd:integer.
std::string canonical_integer(const Value& number) {
    if (number.IsInt64()) return std::to_string(number.GetInt64());
    if (number.IsUint64()) return std::to_string(number.GetUint64());
    const double value = number.GetDouble();
    if (value == 0) return "0";
    char buffer[400];
    std::snprintf(buffer, sizeof buffer, "%.0f", value);
    return buffer;
}

/// Whether JSON-LD writes the number as an xsd:double: a non-zero fractional
/// part or an absolute value of at least 10^21.
bool is_double_valued(const Value& number) {
    if (!number.IsDouble()) return false;
    const double value = number.GetDouble();
    return std::fmod(value, 1.0) != 0 || std::fabs(value) >= 1e21;
}

/// A number as ECMAScript's Number::toString writes it (as JSON.stringify does).
void append_es_number(std::string& out, double number) {
    if (number == 0) {
        out += '0';
        return;
    }
    if (number < 0) out += '-';
    char buffer[64];
    const auto written = std::to_chars(buffer, buffer + sizeof buffer, std::fabs(number), std::chars_format::scientific);
    const std::string_view text(buffer, static_cast<std::size_t>(written.ptr - buffer));
    const std::size_t e = text.find('e');
    std::string digits;
    for (const char c : text.substr(0, e)) {
        if (c != '.') digits += c;
    }
    int exponent = 0;
    const std::string_view exponent_text = text.substr(e + 1);
    std::from_chars(exponent_text.data() + (exponent_text[0] == '+' ? 1 : 0),
                    exponent_text.data() + exponent_text.size(), exponent);
    const int k = static_cast<int>(digits.size());
    const int n = exponent + 1;
    if (k <= n && n <= 21) {
        out += digits;
        out.append(static_cast<std::size_t>(n - k), '0');
    } else if (0 < n && n <= 21) {
        out.append(digits, 0, static_cast<std::size_t>(n));
        out += '.';
        out.append(digits, static_cast<std::size_t>(n));
    } else if (-6 < n && n <= 0) {
        out += "0.";
        out.append(static_cast<std::size_t>(-n), '0');
        out += digits;
    } else {
        out += digits[0];
        if (k > 1) {
            out += '.';
            out.append(digits, 1);
        }
        out += 'e';
        out += n - 1 >= 0 ? '+' : '-';
        out += std::to_string(std::abs(n - 1));
    }
}

/// The UTF-16 code units of a UTF-8 string (RapidJSON validated the encoding).
std::u16string utf16(std::string_view text) {
    std::u16string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        char32_t cp = c;
        std::size_t length = 1;
        if (c >= 0xF0) {
            cp = c & 0x07;
            length = 4;
        } else if (c >= 0xE0) {
            cp = c & 0x0F;
            length = 3;
        } else if (c >= 0xC0) {
            cp = c & 0x1F;
            length = 2;
        }
        for (std::size_t k = 1; k < length && i + k < text.size(); ++k) {
            cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
        }
        i += length;
        if (cp >= 0x10000) {
            cp -= 0x10000;
            out += static_cast<char16_t>(0xD800 + (cp >> 10));
            out += static_cast<char16_t>(0xDC00 + (cp & 0x3FF));
        } else {
            out += static_cast<char16_t>(cp);
        }
    }
    return out;
}

/// JSON Canonicalization (RFC 8785) orders keys by UTF-16 code units, which
/// differs from UTF-8 byte order for characters beyond U+FFFF.
bool utf16_less(std::string_view a, std::string_view b) { return utf16(a) < utf16(b); }

/// The canonical form of a JSON literal (rdf:JSON): no white space, object
/// entries sorted by key, numbers and strings as JSON.stringify writes them.
void append_canonical_json(std::string& out, const Value& value) {
    switch (value.GetType()) {
    case rapidjson::kNullType: out += "null"; break;
    case rapidjson::kFalseType: out += "false"; break;
    case rapidjson::kTrueType: out += "true"; break;
    case rapidjson::kNumberType: append_es_number(out, value.GetDouble()); break;
    case rapidjson::kStringType: append_json_string(out, view(value)); break;
    case rapidjson::kArrayType: {
        out += '[';
        bool first = true;
        for (const Value& item : value.GetArray()) {
            if (!first) out += ',';
            first = false;
            append_canonical_json(out, item);
        }
        out += ']';
        break;
    }
    case rapidjson::kObjectType: {
        std::vector<std::pair<std::string_view, const Value*>> entries;
        for_each_entry(value, [&](const Value& name, const Value& item) { entries.emplace_back(view(name), &item); });
        std::sort(entries.begin(), entries.end(),
                  [](const auto& a, const auto& b) { return utf16_less(a.first, b.first); });
        out += '{';
        bool first = true;
        for (const auto& [name, item] : entries) {
            if (!first) out += ',';
            first = false;
            append_json_string(out, name);
            out += ':';
            append_canonical_json(out, *item);
        }
        out += '}';
        break;
    }
    }
}

// --- contexts ----------------------------------------------------------------------

/// Container mappings of a term definition, as bits.
enum ContainerBit : unsigned {
    c_list = 1u << 0,
    c_set = 1u << 1,
    c_language = 1u << 2,
    c_index = 1u << 3,
    c_id = 1u << 4,
    c_type = 1u << 5,
    c_graph = 1u << 6,
};

/// What a context says about one term (JSON-LD 1.1 section 4.1 "term definition").
struct TermDefinition {
    std::string iri;                          ///< IRI, blank node identifier or keyword
    bool null_mapping = false;                ///< "@id": null: the term expands to nothing
    bool reverse = false;                     ///< a @reverse property
    bool prefix = false;                      ///< usable as the prefix of a compact IRI
    std::optional<std::string> type_mapping;  ///< @id, @vocab, @json, @none or a datatype IRI
    bool has_language = false;                ///< a language mapping, possibly null
    std::optional<std::string> language;
    unsigned container = 0;                   ///< ContainerBit values
    std::string index_mapping;                ///< property-valued index (@index in the definition)
    const Value* local_context = nullptr;     ///< a property- or type-scoped context
    std::string base_url;                     ///< resolves the scoped context's remote URLs
};

struct Context;
using ContextPtr = std::shared_ptr<const Context>;

/// An active context (JSON-LD 1.1 section 4.1).
struct Context {
    std::unordered_map<std::string, TermDefinition, StringHash, std::equal_to<>> terms;
    bool has_base = false;
    std::string base;
    std::optional<std::string> vocab;
    std::optional<std::string> language;
    ContextPtr previous;  ///< set by a type-scoped context: what nested node objects revert to

    const TermDefinition* find(std::string_view term) const {
        const auto it = terms.find(term);
        return it == terms.end() ? nullptr : &it->second;
    }
};

/// Terms of a local context being defined (false) or defined (true).
using Defined = std::unordered_map<std::string_view, bool>;

/// IRI expansion (JSON-LD 1.1 section 5.2) of a term, compact IRI, keyword
/// alias or IRI. nullopt for null (a term mapped to null, a keyword-like
/// string); the result views `value`, a term definition of `context` or
/// `scratch`.
std::optional<std::string_view> expand_iri(const Context& context, std::string_view value, bool document_relative,
                                           bool vocab, std::string& scratch) {
    if (is_keyword(value)) return value;
    if (looks_like_keyword(value)) return std::nullopt;
    const TermDefinition* definition = context.find(value);
    if (definition != nullptr && !definition->null_mapping && is_keyword(definition->iri)) return definition->iri;
    if (vocab && definition != nullptr) {
        if (definition->null_mapping) return std::nullopt;
        return definition->iri;
    }
    if (const std::size_t colon = value.find(':'); colon != std::string_view::npos && colon > 0) {
        const std::string_view prefix = value.substr(0, colon);
        const std::string_view suffix = value.substr(colon + 1);
        if (prefix == "_" || suffix.starts_with("//")) return value;
        const TermDefinition* prefix_definition = context.find(prefix);
        if (prefix_definition != nullptr && !prefix_definition->null_mapping && prefix_definition->prefix) {
            scratch = prefix_definition->iri;
            scratch += suffix;
            return scratch;
        }
        if (is_absolute_iri(value)) return value;
    }
    if (vocab && context.vocab) {
        scratch = *context.vocab;
        scratch += value;
        return scratch;
    }
    if (document_relative && context.has_base) {
        resolve_iri(context.base, value, scratch);
        return scratch;
    }
    return value;
}

/// Whether an expanded property is one RDF can state: an IRI or a blank node
/// identifier (JSON-LD drops keys expanding to anything without a colon).
bool is_property_iri(std::string_view expanded) { return expanded.find(':') != std::string_view::npos; }

/// A failure that ends reading: the description and where it was found (a
/// pointer into the parsed text, or nullptr when unknown).
struct ReadError {
    std::string message;
    const char* where = nullptr;
    bool unsupported = false;  ///< see ParseResult::unsupported
};

// --- parsing JSON ------------------------------------------------------------------

/// Hands RapidJSON's events to the document, refusing to nest deeper than
/// the limit: the parser is iterative, and the walk, which recurses once per
/// level, never sees a deeper document, so no input can exhaust the stack.
class DepthLimitedHandler {
public:
    DepthLimitedHandler(Document& document, std::size_t max_depth) : m_document(document), m_max_depth(max_depth) {}

    bool Null() { return m_document.Null(); }
    bool Bool(bool b) { return m_document.Bool(b); }
    bool Int(int i) { return m_document.Int(i); }
    bool Uint(unsigned i) { return m_document.Uint(i); }
    bool Int64(std::int64_t i) { return m_document.Int64(i); }
    bool Uint64(std::uint64_t i) { return m_document.Uint64(i); }
    bool Double(double d) { return m_document.Double(d); }
    bool RawNumber(const char* text, rapidjson::SizeType length, bool copy) {
        return m_document.RawNumber(text, length, copy);
    }
    bool String(const char* text, rapidjson::SizeType length, bool copy) {
        return m_document.String(text, length, copy);
    }
    bool Key(const char* text, rapidjson::SizeType length, bool copy) { return m_document.Key(text, length, copy); }
    bool StartObject() { return enter() && m_document.StartObject(); }
    bool EndObject(rapidjson::SizeType count) {
        --m_depth;
        return m_document.EndObject(count);
    }
    bool StartArray() { return enter() && m_document.StartArray(); }
    bool EndArray(rapidjson::SizeType count) {
        --m_depth;
        return m_document.EndArray(count);
    }

    bool too_deep() const { return m_too_deep; }

private:
    bool enter() {
        if (++m_depth > m_max_depth) {
            m_too_deep = true;
            return false;
        }
        return true;
    }

    Document& m_document;
    std::size_t m_max_depth;
    std::size_t m_depth = 0;
    bool m_too_deep = false;
};

/// RapidJSON reads in place (string values point into the buffer, which
/// gives every string its offset for error positions), validates UTF-8 and
/// keeps its own stack on the heap.
constexpr unsigned k_parse_flags = rapidjson::kParseIterativeFlag | rapidjson::kParseInsituFlag |
                                   rapidjson::kParseValidateEncodingFlag | rapidjson::kParseFullPrecisionFlag;

// --- the reader ----------------------------------------------------------------------

/// Reads one JSON-LD document into triples: the JSON-LD 1.1 expansion and
/// toRdf algorithms fused into one walk over the parsed document, without
/// building the expanded form.
class JsonLdReader {
public:
    JsonLdReader(std::string_view text, const ReadOptions& options, const TripleHandler& handler)
        : m_text(text), m_options(options), m_handler(handler) {}

    ParseResult read();

private:
    bool parse();
    void walk();

    // contexts (JSON-LD 1.1 sections 4.1 to 4.3)
    ContextPtr initial_context() const;
    std::shared_ptr<Context> process_context(const ContextPtr& active, const Value& local,
                                             const std::string& base_url, bool propagate,
                                             std::vector<std::string>& remote);
    void apply_context_object(Context& result, const Value& local, const std::string& base_url, bool from_remote,
                              std::vector<std::string>& remote);
    ContextPtr apply_scoped_context(const ContextPtr& active, const TermDefinition& definition, bool propagate);
    const Value& known_context(const std::string& url, const Value* at);
    void check_scoped_context(const Value& local, const std::string& base_url);
    void define_term(Context& result, const Value& local, std::string_view term, Defined& defined,
                     const std::string& base_url, std::size_t depth);
    std::optional<std::string_view> expand_iri_defining(Context& result, std::string_view value, bool document_relative,
                                                        bool vocab, const Value& local, Defined& defined,
                                                        const std::string& base_url, std::size_t depth,
                                                        std::string& scratch);

    // the walk: expansion (JSON-LD 1.1 sections 5.1 and 5.3) and toRdf (section 8) in one pass

    /// The property whose value is being read.
    struct Property {
        std::string_view name;                        ///< the key as written
        const TermDefinition* definition = nullptr;   ///< its definition in the node's context
        bool top_level = false;                       ///< no property, or @graph: free-floating values are dropped
        bool in_list = false;                         ///< inside a list: arrays are lists of lists
    };
    /// The cells of an RDF collection being written.
    struct ListCells {
        Term head;
        Term last;
        bool started = false;
    };
    /// Where the values read go.
    struct Sink {
        enum class Kind { drop, included, property, list };
        Kind kind = Kind::drop;
        const Term* subject = nullptr;         ///< property: nullptr when the node's @id is not well-formed
        const Term* predicate = nullptr;       ///< property: nullptr when the property is not an IRI
        bool reverse = false;                  ///< property: state (value, predicate, subject)
        ListCells* list = nullptr;             ///< list: the collection
        const std::string* node_id = nullptr;  ///< @id map: the @id of a node that has none
        const Term* map_type = nullptr;        ///< @type map: a type of each node
        const Term* index_predicate = nullptr; ///< property-valued index map: the index as a property
        const Term* index_value = nullptr;
    };
    /// What a value read is: a node, a literal or a list.
    enum class Item { node, value, list };

    void expand_element(const Value& element, const ContextPtr& context, const Property& property, const Sink& sink,
                        bool from_map, std::size_t depth);
    void expand_object(const Value& object, const ContextPtr& context, const Property& property, const Sink& sink,
                       bool from_map, std::size_t depth);
    void expand_node(const Value& object, const Value* id, const ContextPtr& active, const ContextPtr& type_scoped,
                     const Sink& sink, std::size_t depth);
    void node_entries(const Value& object, const ContextPtr& active, const ContextPtr& type_scoped,
                      const Term* subject, unsigned& keywords_seen, std::size_t depth);
    void expand_property(const Term* subject, const Term* predicate, std::string_view key,
                         const TermDefinition* definition, const Value& value, const ContextPtr& active, bool reverse,
                         std::size_t depth);
    void value_object(const Value& object, const Context& active, const Context& type_scoped,
                      const Property& property, const Sink& sink);
    void list_or_set(const Value& object, const ContextPtr& active, const Property& property, const Sink& sink,
                     bool list, std::size_t depth);
    void language_map(const Value& map, const Context& active, const Sink& sink);
    void index_map(const Value& map, const ContextPtr& active, const Property& property, const Sink& sink,
                   std::size_t depth);
    void graph_values(const Value& value, const ContextPtr& active, const Property& property, const Sink& sink,
                      const std::string* name, std::size_t depth);
    void scalar(const Value& value, const ContextPtr& context, const Property& property, const Sink& sink);
    bool value_term(const Value& value, const Context& active, const TermDefinition* definition, Term& out,
                    Item& item);
    bool literal(const Value& value, std::string_view datatype, const std::string* language, Term& out);
    bool node_term(std::string_view id, Term& out);
    bool predicate_term(std::string_view iri, Term& out);
    void blank_term(std::string_view label, Term& out);
    void fresh_blank(Term& out);
    bool is_list_object(const Value& value, const Context& active) const;
    void deliver(const Sink& sink, const Term* object, Item item);
    void add_to_list(ListCells& cells, const Term* object);
    void finish_list(ListCells& cells, Term& head);
    void emit(const Term& subject, const Term& predicate, const Term& object);

    // where things are
    std::size_t offset_of(const char* where) const;
    const char* position_of(const Value& value) const;
    void point_at(const Value& value);
    void locate(std::size_t offset, std::size_t& line, std::size_t& column);
    [[noreturn]] void fail(std::string message, const Value* at = nullptr) const;
    void warn(std::string message, std::string value = {});
    void warn_once(std::string message, std::string value = {});

    std::string_view m_text;           ///< the document as given (positions count in it)
    std::size_t m_skipped = 0;         ///< bytes of a UTF-8 byte order mark before m_buffer
    const ReadOptions& m_options;
    const TripleHandler& m_handler;
    std::string m_buffer;              ///< the text RapidJSON parses in place
    Document m_document;
    ParseResult m_result;
    std::size_t m_dropped_warnings = 0;
    std::unordered_set<std::string> m_warned;
    const char* m_cursor = nullptr;    ///< the key being read, for positions of errors and warnings
    std::unordered_map<std::string, std::unique_ptr<Document>> m_remote_documents;  ///< parsed shipped contexts
    /// Scoped contexts applied before: (active context, local context, propagate) -> (active, result).
    std::map<std::tuple<const Context*, const Value*, bool>, std::pair<ContextPtr, ContextPtr>> m_scoped_contexts;
    std::vector<std::unique_ptr<Document>> m_merged_imports;  ///< contexts merged with an @import (term
                                                               ///< definitions point into them)
    Triple m_triple;                   ///< reused: its strings keep their capacity between statements
    std::size_t m_next_blank = 0;      ///< the next generated blank node label is "b" and this number
    std::unordered_map<std::string, std::string> m_blank_labels;  ///< document labels replaced by generated ones
    Term m_rdf_type, m_rdf_first, m_rdf_rest, m_rdf_nil;
    std::size_t m_located_offset = 0, m_located_line = 1, m_located_line_start = 0;
};

std::size_t JsonLdReader::offset_of(const char* where) const {
    return static_cast<std::size_t>(where - m_buffer.data()) + m_skipped;
}

const char* JsonLdReader::position_of(const Value& value) const {
    const Value* current = &value;
    for (int steps = 0; steps < 16; ++steps) {
        const char* text = nullptr;
        if (current->IsString()) {
            text = current->GetString();
        } else if (current->IsObject() && current->MemberCount() > 0) {
            text = current->MemberBegin()->name.GetString();
        } else if (current->IsArray() && !current->Empty()) {
            current = &(*current)[0];
            continue;
        }
        if (text == nullptr) return nullptr;
        // In place, a string starts one byte after its opening quote.
        if (text > m_buffer.data() && text <= m_buffer.data() + m_buffer.size()) return text - 1;
        return nullptr;
    }
    return nullptr;
}

void JsonLdReader::point_at(const Value& value) {
    // Inside a shipped context nothing has a position in the document: the
    // cursor stays where the document names that context.
    if (const char* where = position_of(value)) m_cursor = where;
}

void JsonLdReader::locate(std::size_t offset, std::size_t& line, std::size_t& column) {
    offset = std::min(offset, m_text.size());
    if (offset < m_located_offset) {
        m_located_offset = 0;
        m_located_line = 1;
        m_located_line_start = 0;
    }
    const char* data = m_text.data();
    for (std::size_t i = m_located_offset; i < offset; ++i) {
        if (data[i] == '\n') {
            ++m_located_line;
            m_located_line_start = i + 1;
        }
    }
    m_located_offset = offset;
    line = m_located_line;
    column = 1;
    for (std::size_t i = m_located_line_start; i < offset; ++i) {
        if ((static_cast<unsigned char>(data[i]) & 0xC0) != 0x80) ++column;  // characters, not bytes
    }
}

void JsonLdReader::fail(std::string message, const Value* at) const {
    const char* where = at != nullptr ? position_of(*at) : nullptr;
    throw ReadError{std::move(message), where != nullptr ? where : m_cursor};
}

void JsonLdReader::warn(std::string message, std::string value) {
    if (m_result.warnings.size() >= m_options.max_warnings) {
        ++m_dropped_warnings;
        return;
    }
    Warning warning;
    if (m_cursor != nullptr) locate(offset_of(m_cursor), warning.line, warning.column);
    warning.message = std::move(message);
    warning.value = std::move(value);
    m_result.warnings.push_back(std::move(warning));
}

void JsonLdReader::warn_once(std::string message, std::string value) {
    if (!m_warned.insert(message).second) return;
    warn(std::move(message), std::move(value));
}

bool JsonLdReader::parse() {
    std::string_view text = m_text;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") {
        m_skipped = 3;
        text.remove_prefix(3);
    }
    auto stop = [&](std::size_t offset, std::string description) {
        m_result.ok = false;
        m_result.description = std::move(description);
        locate(offset, m_result.line, m_result.column);
        return false;
    };
    const std::size_t first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return stop(m_skipped + text.size(), "the document is empty");
    if (const std::size_t nul = text.find('\0'); nul != std::string_view::npos) {
        return stop(m_skipped + nul, "the document contains a NUL byte (binary data, not JSON)");
    }
    if (text[first] == '<') {
        return stop(m_skipped + first, "the document starts with '<': an HTML or XML page, not JSON-LD");
    }

    m_buffer.assign(text);
    // Validating UTF-8, RapidJSON reads a multi-byte sequence whole before it
    // checks the bytes: a lead byte at the end would read past the text. Three
    // more NULs keep every such read inside the buffer; parsing stops at the
    // first.
    m_buffer.append(3, '\0');
    rapidjson::Reader reader;
    rapidjson::InsituStringStream stream(m_buffer.data());
    DepthLimitedHandler handler(m_document, m_options.max_depth);
    rapidjson::ParseResult parsed;
    auto generator = [&](Document&) {
        parsed = reader.Parse<k_parse_flags>(stream, handler);
        return !parsed.IsError();
    };
    m_document.Populate(generator);
    if (parsed.IsError()) {
        const std::size_t offset = m_skipped + parsed.Offset();
        if (handler.too_deep()) {
            return stop(offset, "JSON nested deeper than " + std::to_string(m_options.max_depth) + " levels");
        }
        return stop(offset, std::string("invalid JSON: ") + rapidjson::GetParseError_En(parsed.Code()));
    }
    if (!m_document.IsObject() && !m_document.IsArray()) {
        return stop(m_skipped + first, "the document is JSON but not JSON-LD: its top level is neither an object nor an array");
    }
    return true;
}

// --- context processing ------------------------------------------------------------

ContextPtr JsonLdReader::initial_context() const {
    auto context = std::make_shared<Context>();
    context->has_base = !m_options.base_iri.empty();
    context->base = m_options.base_iri;
    return context;
}

const Value& JsonLdReader::known_context(const std::string& url, const Value* at) {
    if (const auto cached = m_remote_documents.find(url); cached != m_remote_documents.end()) {
        return (*cached->second)["@context"];
    }
    for (const KnownContext& known : known_contexts()) {
        if (known.url != url) continue;
        auto document = std::make_unique<Document>();
        document->Parse(known.document.data(), known.document.size());
        if (document->HasParseError() || !document->IsObject() || find_member(*document, "@context") == nullptr) {
            fail("invalid remote context: the shipped copy of <" + url + "> (schemas/jsonld/" + std::string(known.file) +
                     ") has no @context",
                 at);
        }
        const Value& context = (*document)["@context"];
        m_remote_documents.emplace(url, std::move(document));
        return context;
    }
    std::string names;
    for (const KnownContext& known : known_contexts()) {
        if (!names.empty()) names += ", ";
        names += known.url;
    }
    const char* where = at != nullptr ? position_of(*at) : nullptr;
    throw ReadError{"remote @context <" + url + "> is not fetched at harvest time; known contexts: " + names,
                    where != nullptr ? where : m_cursor, true};
}

std::shared_ptr<Context> JsonLdReader::process_context(const ContextPtr& active, const Value& local,
                                                       const std::string& base_url, bool propagate,
                                                       std::vector<std::string>& remote) {
    auto result = std::make_shared<Context>(*active);
    if (local.IsObject()) {
        if (const Value* value = find_member(local, "@propagate")) {
            if (!value->IsBool()) fail("invalid @propagate value: it must be true or false", value);
            propagate = value->GetBool();
        }
    }
    if (!propagate && !result->previous) result->previous = active;

    auto apply = [&](const Value& context) {
        if (context.IsNull()) {
            // Reset to the initial context, keeping what a non-propagated context reverts to.
            auto reset = std::make_shared<Context>(*initial_context());
            if (!propagate) reset->previous = result;
            result = std::move(reset);
        } else if (context.IsString()) {
            std::string url;
            if (base_url.empty()) {
                url.assign(view(context));
            } else {
                resolve_iri(base_url, view(context), url);
            }
            if (std::find(remote.begin(), remote.end(), url) != remote.end()) {
                fail("recursive context inclusion: <" + url + "> includes itself", &context);
            }
            if (remote.size() >= k_max_remote_depth) fail("remote contexts nest too deeply at <" + url + ">", &context);
            const Value& loaded = known_context(url, &context);
            point_at(context);  // what goes wrong inside the shipped context is reported here
            remote.push_back(url);
            auto processed = process_context(result, loaded, url, true, remote);
            remote.pop_back();
            if (!propagate && !processed->previous) processed->previous = result;
            result = std::move(processed);
        } else if (context.IsObject()) {
            apply_context_object(*result, context, base_url, !remote.empty(), remote);
        } else {
            fail("invalid local context: a context is an object, a URL or null", &context);
        }
    };
    if (local.IsArray()) {
        for (const Value& context : local.GetArray()) apply(context);
    } else {
        apply(local);
    }
    return result;
}

void JsonLdReader::apply_context_object(Context& result, const Value& local, const std::string& base_url,
                                        bool from_remote, std::vector<std::string>& remote) {
    if (const Value* version = find_member(local, "@version")) {
        if (!version->IsNumber() || version->GetDouble() != 1.1) {
            fail("invalid @version value: JSON-LD 1.1 contexts say \"@version\": 1.1", version);
        }
    }
    if (const Value* import = find_member(local, "@import")) {
        if (!import->IsString()) fail("invalid @import value: it must be a URL", import);
        std::string url;
        resolve_iri(base_url, view(*import), url);
        const Value& imported = known_context(url, import);
        if (!imported.IsObject()) fail("invalid remote context: <" + url + "> is not a context object", import);
        if (find_member(imported, "@import") != nullptr) {
            fail("invalid context entry: <" + url + "> imports another context", import);
        }
        // The imported context with the importing one's entries replacing its own.
        auto merged = std::make_unique<Document>();
        auto& allocator = merged->GetAllocator();
        merged->SetObject();
        for (auto it = imported.MemberBegin(); it != imported.MemberEnd(); ++it) {
            if (find_member(local, view(it->name)) != nullptr) continue;
            merged->AddMember(Value(it->name, allocator), Value(it->value, allocator), allocator);
        }
        for (auto it = local.MemberBegin(); it != local.MemberEnd(); ++it) {
            if (view(it->name) == "@import") continue;
            merged->AddMember(Value(it->name, allocator), Value(it->value, allocator), allocator);
        }
        m_merged_imports.push_back(std::move(merged));
        apply_context_object(result, *m_merged_imports.back(), base_url, from_remote, remote);
        return;
    }
    if (const Value* base = find_member(local, "@base"); base != nullptr && !from_remote) {
        if (base->IsNull()) {
            result.has_base = false;
            result.base.clear();
        } else if (base->IsString() && is_absolute_iri(view(*base))) {
            result.has_base = true;
            result.base.assign(view(*base));
        } else if (base->IsString() && result.has_base) {
            std::string resolved;
            resolve_iri(result.base, view(*base), resolved);
            result.base = std::move(resolved);
        } else {
            fail("invalid base IRI: @base must be an IRI, or a relative IRI when there is a base to resolve it against",
                 base);
        }
    }
    if (const Value* vocab = find_member(local, "@vocab")) {
        if (vocab->IsNull()) {
            result.vocab.reset();
        } else {
            std::string scratch;
            const auto expanded = vocab->IsString() ? expand_iri(result, view(*vocab), true, true, scratch)
                                                    : std::optional<std::string_view>();
            if (!expanded || (!is_absolute_iri(*expanded) && !is_blank_id(*expanded))) {
                fail("invalid vocab mapping: @vocab must be an IRI", vocab);
            }
            result.vocab = std::string(*expanded);
        }
    }
    if (const Value* language = find_member(local, "@language")) {
        if (language->IsNull()) {
            result.language.reset();
        } else if (language->IsString()) {
            if (!well_formed_language(view(*language))) {
                warn("default language \"" + std::string(view(*language)) + "\" is not a well-formed language tag",
                     std::string(view(*language)));
            }
            result.language = std::string(view(*language));
        } else {
            fail("invalid default language: @language must be a string or null", language);
        }
    }
    if (const Value* direction = find_member(local, "@direction")) {
        if (!direction->IsNull() && !is_string(*direction, "ltr") && !is_string(*direction, "rtl")) {
            fail("invalid base direction: @direction must be \"ltr\", \"rtl\" or null", direction);
        }
    }
    if (const Value* protection = find_member(local, "@protected"); protection != nullptr && !protection->IsBool()) {
        fail("invalid @protected value: it must be true or false", protection);
    }
    Defined defined;
    for_each_entry(local, [&](const Value& name, const Value&) {
        const std::string_view key = view(name);
        if (key == "@base" || key == "@direction" || key == "@import" || key == "@language" || key == "@propagate" ||
            key == "@protected" || key == "@version" || key == "@vocab") {
            return;
        }
        point_at(name);
        define_term(result, local, key, defined, base_url, 0);
    });
}

ContextPtr JsonLdReader::apply_scoped_context(const ContextPtr& active, const TermDefinition& definition,
                                              bool propagate) {
    const auto key = std::make_tuple(active.get(), definition.local_context, propagate);
    if (const auto cached = m_scoped_contexts.find(key); cached != m_scoped_contexts.end()) {
        return cached->second.second;
    }
    std::vector<std::string> remote;
    ContextPtr result = process_context(active, *definition.local_context, definition.base_url, propagate, remote);
    // The entry keeps `active` alive, so its address cannot be reused by another context.
    m_scoped_contexts.emplace(key, std::make_pair(active, result));
    return result;
}

void JsonLdReader::check_scoped_context(const Value& local, const std::string& base_url) {
    // Scoped contexts are processed when used; a context URL that cannot be
    // resolved is an error already where the term is defined.
    auto check = [&](const Value& context) {
        if (!context.IsString()) return;
        std::string url;
        if (base_url.empty()) {
            url.assign(view(context));
        } else {
            resolve_iri(base_url, view(context), url);
        }
        known_context(url, &context);
    };
    if (local.IsArray()) {
        for (const Value& context : local.GetArray()) check(context);
    } else {
        check(local);
    }
}

std::optional<std::string_view> JsonLdReader::expand_iri_defining(Context& result, std::string_view value,
                                                                  bool document_relative, bool vocab,
                                                                  const Value& local, Defined& defined,
                                                                  const std::string& base_url, std::size_t depth,
                                                                  std::string& scratch) {
    // Terms of the local context this value depends on are defined first.
    if (!is_keyword(value) && !looks_like_keyword(value)) {
        auto pending = [&](std::string_view term) {
            const auto state = defined.find(term);
            return find_member(local, term) != nullptr && (state == defined.end() || !state->second);
        };
        if (pending(value)) define_term(result, local, value, defined, base_url, depth + 1);
        if (const std::size_t colon = value.find(':'); colon != std::string_view::npos && colon > 0) {
            const std::string_view prefix = value.substr(0, colon);
            if (prefix != "_" && !value.substr(colon + 1).starts_with("//") && pending(prefix)) {
                define_term(result, local, prefix, defined, base_url, depth + 1);
            }
        }
    }
    return expand_iri(result, value, document_relative, vocab, scratch);
}

void JsonLdReader::define_term(Context& result, const Value& local, std::string_view term, Defined& defined,
                               const std::string& base_url, std::size_t depth) {
    const std::string name(term);
    if (depth > m_options.max_depth) fail("term definitions depend on one another too deeply at \"" + name + "\"");
    if (const auto state = defined.find(term); state != defined.end()) {
        if (state->second) return;
        fail("cyclic IRI mapping: the definition of \"" + name + "\" depends on itself");
    }
    defined[term] = false;
    const Value::Member* entry = find_entry(local, term);
    const Value& value = entry->value;
    const char* saved_cursor = m_cursor;
    point_at(entry->name);
    auto done = [&] {
        defined[term] = true;
        m_cursor = saved_cursor;
    };

    if (term == "@type") {
        // JSON-LD 1.1 lets a context say only that @type values form a set.
        const Value* container = value.IsObject() ? find_member(value, "@container") : nullptr;
        bool set_only = container != nullptr && is_string(*container, "@set");
        if (set_only) {
            for (auto it = value.MemberBegin(); it != value.MemberEnd(); ++it) {
                if (view(it->name) != "@container" && view(it->name) != "@protected") set_only = false;
            }
        }
        if (!set_only) fail("keyword redefinition: @type may only be given \"@container\": \"@set\"", &value);
        done();
        return;
    }
    if (is_keyword(term)) fail("keyword redefinition: a context cannot redefine " + name, &value);
    if (looks_like_keyword(term)) {
        warn("term \"" + name + "\" has the form of a keyword; ignored", name);
        done();
        return;
    }
    result.terms.erase(name);

    TermDefinition definition;
    const Value* id = nullptr;
    bool simple = false;
    if (value.IsNull()) {
        definition.null_mapping = true;
        result.terms.emplace(name, std::move(definition));
        done();
        return;
    }
    if (value.IsString()) {
        id = &value;
        simple = true;
    } else if (value.IsObject()) {
        for (auto it = value.MemberBegin(); it != value.MemberEnd(); ++it) {
            const std::string_view key = view(it->name);
            if (key != "@id" && key != "@reverse" && key != "@container" && key != "@context" && key != "@direction" &&
                key != "@index" && key != "@language" && key != "@nest" && key != "@prefix" && key != "@protected" &&
                key != "@type") {
                fail("invalid term definition: the definition of \"" + name + "\" has the entry \"" +
                         std::string(key) + "\"",
                     &it->name);
            }
        }
        id = find_member(value, "@id");
    } else {
        fail("invalid term definition: the definition of \"" + name + "\" must be a string, an object or null", &value);
    }

    // Errors about an entry of the definition point at that entry's key.
    auto entry_of = [&](std::string_view key) -> const Value* {
        if (!value.IsObject()) return nullptr;
        const Value::Member* member = find_entry(value, key);
        if (member == nullptr) return nullptr;
        point_at(member->name);
        return &member->value;
    };
    std::string scratch;
    const Value* type = entry_of("@type");
    if (type != nullptr) {
        const auto expanded = type->IsString() ? expand_iri_defining(result, view(*type), false, true, local, defined,
                                                                     base_url, depth, scratch)
                                               : std::optional<std::string_view>();
        if (!expanded || !(*expanded == "@id" || *expanded == "@vocab" || *expanded == "@json" ||
                           *expanded == "@none" || is_absolute_iri(*expanded))) {
            fail("invalid type mapping: the @type of \"" + name + "\" must be @id, @vocab, @json, @none or an IRI",
                 type);
        }
        definition.type_mapping = std::string(*expanded);
    }

    const Value* reverse = entry_of("@reverse");
    if (reverse != nullptr) {
        if (id != nullptr || find_entry(value, "@nest") != nullptr) {
            fail("invalid reverse property: \"" + name + "\" has @reverse together with @id or @nest", reverse);
        }
        if (!reverse->IsString()) fail("invalid IRI mapping: @reverse of \"" + name + "\" must be a string", reverse);
        if (looks_like_keyword(view(*reverse))) {
            warn("@reverse of \"" + name + "\" has the form of a keyword; term ignored", std::string(view(*reverse)));
            done();
            return;
        }
        const auto expanded =
            expand_iri_defining(result, view(*reverse), false, true, local, defined, base_url, depth, scratch);
        if (!expanded || (!is_absolute_iri(*expanded) && !is_blank_id(*expanded))) {
            fail("invalid IRI mapping: @reverse of \"" + name + "\" is not an IRI", reverse);
        }
        definition.iri = std::string(*expanded);
        definition.reverse = true;
        if (const Value* container = entry_of("@container");
            container != nullptr && !container->IsNull() && !is_string(*container, "@set") &&
            !is_string(*container, "@index")) {
            fail("invalid reverse property: the container of \"" + name + "\" can only be @set or @index", container);
        }
    } else if (id != nullptr && !is_string(*id, term)) {
        if (value.IsObject()) entry_of("@id");
        if (id->IsNull()) {
            definition.null_mapping = true;
        } else if (!id->IsString()) {
            fail("invalid IRI mapping: the @id of \"" + name + "\" must be a string", id);
        } else {
            const std::string_view id_text = view(*id);
            if (!is_keyword(id_text) && looks_like_keyword(id_text)) {
                warn("@id of \"" + name + "\" has the form of a keyword; term ignored", std::string(id_text));
                done();
                return;
            }
            const auto expanded =
                expand_iri_defining(result, id_text, false, true, local, defined, base_url, depth, scratch);
            if (!expanded || !(is_keyword(*expanded) || is_absolute_iri(*expanded) || is_blank_id(*expanded))) {
                fail("invalid IRI mapping: \"" + name + "\" maps to \"" + std::string(id_text) +
                         "\", which is neither an IRI nor a keyword",
                     id);
            }
            if (*expanded == "@context") fail("invalid keyword alias: @context cannot be aliased", id);
            definition.iri = std::string(*expanded);
            const std::size_t colon = term.find(':', 1);
            if ((colon != std::string_view::npos && colon + 1 < term.size()) ||
                term.find('/') != std::string_view::npos) {
                defined[term] = true;
                std::string term_scratch;
                const auto as_iri =
                    expand_iri_defining(result, term, false, true, local, defined, base_url, depth, term_scratch);
                if (!as_iri || *as_iri != definition.iri) {
                    fail("invalid IRI mapping: the term \"" + name + "\" is itself an IRI other than its @id <" +
                             definition.iri + ">",
                         id);
                }
            }
            if (term.find(':') == std::string_view::npos && term.find('/') == std::string_view::npos && simple &&
                !definition.iri.empty() && (is_gen_delim(definition.iri.back()) || is_blank_id(definition.iri))) {
                definition.prefix = true;
            }
        }
    } else if (const std::size_t colon = term.find(':', 1); colon != std::string_view::npos) {
        const std::string_view prefix = term.substr(0, colon);
        if (find_member(local, prefix) != nullptr) define_term(result, local, prefix, defined, base_url, depth + 1);
        const TermDefinition* prefix_definition = result.find(prefix);
        if (prefix_definition != nullptr && !prefix_definition->null_mapping) {
            definition.iri = prefix_definition->iri;
            definition.iri += term.substr(colon + 1);
        } else {
            definition.iri = name;
        }
    } else if (term.find('/') != std::string_view::npos) {
        const auto expanded = expand_iri(result, term, true, false, scratch);
        if (!expanded || !is_absolute_iri(*expanded)) {
            fail("invalid IRI mapping: the relative IRI \"" + name + "\" cannot be a term without a base", &value);
        }
        definition.iri = std::string(*expanded);
    } else if (result.vocab) {
        definition.iri = *result.vocab + name;
    } else {
        fail("invalid IRI mapping: the term \"" + name + "\" has no @id and the context has no @vocab", &value);
    }

    if (value.IsObject()) {
        if (const Value* container = entry_of("@container")) {
            auto bit_of = [](const Value& item) -> unsigned {
                if (!item.IsString()) return 0;
                const std::string_view text = view(item);
                if (text == "@list") return c_list;
                if (text == "@set") return c_set;
                if (text == "@language") return c_language;
                if (text == "@index") return c_index;
                if (text == "@id") return c_id;
                if (text == "@type") return c_type;
                if (text == "@graph") return c_graph;
                return 0;
            };
            unsigned bits = 0;
            bool valid = true;
            if (container->IsArray()) {
                for (const Value& item : container->GetArray()) {
                    const unsigned bit = bit_of(item);
                    valid = valid && bit != 0;
                    bits |= bit;
                }
            } else if (!container->IsNull()) {
                bits = bit_of(*container);
                valid = bits != 0;
            }
            const unsigned kinds = bits & (c_index | c_id | c_type | c_language);
            if ((bits & c_list) && bits != c_list) valid = false;
            if (kinds & (kinds - 1)) valid = false;  // more than one of @index, @id, @type, @language
            if ((bits & c_graph) && (bits & (c_type | c_language))) valid = false;
            if (!valid) {
                fail("invalid container mapping for \"" + name +
                         "\": @list alone, or @set with one of @index, @id, @type, @language, or @graph with @id or "
                         "@index",
                     container);
            }
            definition.container = bits;
            if (bits & c_type) {
                if (!definition.type_mapping) definition.type_mapping = "@id";
                if (*definition.type_mapping != "@id" && *definition.type_mapping != "@vocab") {
                    fail("invalid type mapping: a @type container needs @type @id or @vocab (\"" + name + "\")",
                         container);
                }
            }
        }
        if (const Value* index = entry_of("@index")) {
            if (!(definition.container & c_index)) {
                fail("invalid term definition: \"" + name + "\" has @index without an @index container", index);
            }
            std::string index_scratch;
            const auto expanded = index->IsString() ? expand_iri_defining(result, view(*index), false, true, local,
                                                                          defined, base_url, depth, index_scratch)
                                                    : std::optional<std::string_view>();
            if (!expanded || !is_absolute_iri(*expanded)) {
                fail("invalid term definition: the @index of \"" + name + "\" must be a property IRI", index);
            }
            definition.index_mapping.assign(view(*index));
        }
        if (const Value* scoped = entry_of("@context")) {
            check_scoped_context(*scoped, base_url);
            definition.local_context = scoped;
            definition.base_url = base_url;
        }
        if (const Value* language = entry_of("@language"); language != nullptr && type == nullptr) {
            if (language->IsNull()) {
                definition.has_language = true;
            } else if (language->IsString()) {
                if (!well_formed_language(view(*language))) {
                    warn("language \"" + std::string(view(*language)) + "\" of \"" + name +
                             "\" is not a well-formed language tag",
                         std::string(view(*language)));
                }
                definition.has_language = true;
                definition.language = std::string(view(*language));
            } else {
                fail("invalid language mapping: the @language of \"" + name + "\" must be a string or null", language);
            }
        }
        if (const Value* direction = entry_of("@direction"); direction != nullptr && type == nullptr) {
            if (!direction->IsNull() && !is_string(*direction, "ltr") && !is_string(*direction, "rtl")) {
                fail("invalid base direction: the @direction of \"" + name + "\" must be \"ltr\", \"rtl\" or null",
                     direction);
            }
        }
        if (const Value* nest = entry_of("@nest")) {
            if (!nest->IsString() || (is_keyword(view(*nest)) && view(*nest) != "@nest")) {
                fail("invalid @nest value: the @nest of \"" + name + "\" must be @nest or a term", nest);
            }
        }
        if (const Value* prefix = entry_of("@prefix")) {
            if (term.find(':') != std::string_view::npos || term.find('/') != std::string_view::npos) {
                fail("invalid term definition: the compact IRI or IRI \"" + name + "\" cannot have @prefix", prefix);
            }
            if (!prefix->IsBool()) fail("invalid @prefix value: @prefix of \"" + name + "\" must be true or false", prefix);
            definition.prefix = prefix->GetBool();
            if (definition.prefix && is_keyword(definition.iri)) {
                fail("invalid term definition: the keyword alias \"" + name + "\" cannot be a prefix", prefix);
            }
        }
    }
    result.terms.emplace(name, std::move(definition));
    done();
}

// --- terms and statements -------------------------------------------------------------

void JsonLdReader::emit(const Term& subject, const Term& predicate, const Term& object) {
    m_triple.subject = subject;
    m_triple.predicate = predicate;
    m_triple.object = object;
    ++m_result.triples;
    m_handler(m_triple);
}

void JsonLdReader::fresh_blank(Term& out) {
    out.kind = Term::Kind::blank;
    out.datatype.clear();
    out.lang.clear();
    out.value.assign("b");
    out.value += std::to_string(m_next_blank++);
}

void JsonLdReader::blank_term(std::string_view label, Term& out) {
    out.kind = Term::Kind::blank;
    out.datatype.clear();
    out.lang.clear();
    auto word = [](char c) { return is_alpha(c) || is_digit(c) || c == '_'; };
    const bool generated_form =
        label.size() > 1 && label[0] == 'b' && std::all_of(label.begin() + 1, label.end(), is_digit);
    const bool keep = !label.empty() && word(label[0]) && !generated_form &&
                      std::all_of(label.begin(), label.end(), [&](char c) { return word(c) || c == '-'; });
    if (keep) {
        out.value.assign(label);
        return;
    }
    auto [it, inserted] = m_blank_labels.try_emplace(std::string(label));
    if (inserted) it->second = "b" + std::to_string(m_next_blank++);
    out.value = it->second;
}

bool JsonLdReader::node_term(std::string_view id, Term& out) {
    if (is_blank_id(id)) {
        blank_term(id.substr(2), out);
        return true;
    }
    if (!is_absolute_iri(id)) {
        warn_once("relative IRI <" + std::string(id) +
                      "> and no base IRI to resolve it against; statements with it are dropped",
                  std::string(id));
        return false;
    }
    out.kind = Term::Kind::iri;
    out.datatype.clear();
    out.lang.clear();
    if (iri_needs_encoding(id)) {
        warn("IRI <" + std::string(id) + "> contains characters not allowed in IRIs; percent-encoded", std::string(id));
        out.value = encode_iri(id);
    } else {
        out.value.assign(id);
    }
    return true;
}

bool JsonLdReader::predicate_term(std::string_view iri, Term& out) {
    if (is_blank_id(iri)) {
        warn_once("blank node identifier " + std::string(iri) +
                      " used as a property; RDF has no such statements, they are dropped",
                  std::string(iri));
        return false;
    }
    return node_term(iri, out);
}

bool JsonLdReader::literal(const Value& value, std::string_view datatype, const std::string* language, Term& out) {
    out.kind = Term::Kind::literal;
    out.datatype.clear();
    out.lang.clear();
    out.value.clear();
    if (datatype == "@json") {
        append_canonical_json(out.value, value);
        out.datatype.assign(k_rdf_json);
        return true;
    }
    if (value.IsBool()) {
        out.value.assign(value.GetBool() ? "true" : "false");
        out.datatype.assign(datatype.empty() ? k_xsd_boolean : datatype);
    } else if (value.IsNumber()) {
        if (is_double_valued(value) || datatype == k_xsd_double) {
            out.value = canonical_double(value.GetDouble());
            out.datatype.assign(datatype.empty() ? k_xsd_double : datatype);
        } else {
            out.value = canonical_integer(value);
            out.datatype.assign(datatype.empty() ? k_xsd_integer : datatype);
        }
    } else {
        out.value.assign(view(value));
        if (!datatype.empty()) {
            out.datatype.assign(datatype);
        } else if (language != nullptr) {
            if (!well_formed_language(*language)) {
                warn("language tag \"" + *language + "\" is not well-formed; the string is dropped", *language);
                return false;
            }
            out.lang = *language;
        }
    }
    if (iri_needs_encoding(out.datatype)) {
        warn("datatype IRI <" + out.datatype + "> contains characters not allowed in IRIs; percent-encoded",
             out.datatype);
        out.datatype = encode_iri(out.datatype);
    }
    return true;
}

void JsonLdReader::deliver(const Sink& sink, const Term* object, Item item) {
    switch (sink.kind) {
    case Sink::Kind::drop: return;
    case Sink::Kind::included:
        if (item != Item::node) fail("invalid @included value: included values are node objects");
        return;
    case Sink::Kind::list: add_to_list(*sink.list, object); return;
    case Sink::Kind::property: break;
    }
    if (sink.reverse && item != Item::node) {
        fail("invalid reverse property value: the values of a reverse property are nodes, not values or lists");
    }
    if (item == Item::node && object != nullptr) {
        if (sink.map_type != nullptr) emit(*object, m_rdf_type, *sink.map_type);
        if (sink.index_predicate != nullptr) emit(*object, *sink.index_predicate, *sink.index_value);
    } else if (item == Item::value && sink.index_predicate != nullptr) {
        fail("invalid value object: a value in a property-valued index map cannot carry the index");
    }
    if (object == nullptr || sink.subject == nullptr || sink.predicate == nullptr) return;
    if (sink.reverse) {
        emit(*object, *sink.predicate, *sink.subject);
    } else {
        emit(*sink.subject, *sink.predicate, *object);
    }
}

void JsonLdReader::add_to_list(ListCells& cells, const Term* object) {
    Term cell;
    fresh_blank(cell);
    if (!cells.started) {
        cells.head = cell;
        cells.started = true;
    } else {
        emit(cells.last, m_rdf_rest, cell);
    }
    if (object != nullptr) emit(cell, m_rdf_first, *object);
    cells.last = std::move(cell);
}

void JsonLdReader::finish_list(ListCells& cells, Term& head) {
    if (!cells.started) {
        head = m_rdf_nil;
        return;
    }
    emit(cells.last, m_rdf_rest, m_rdf_nil);
    head = cells.head;
}

// --- the walk ------------------------------------------------------------------------------

void JsonLdReader::walk() {
    for (auto [term, iri] : {std::pair{&m_rdf_type, rdf_type}, std::pair{&m_rdf_first, k_rdf_first},
                             std::pair{&m_rdf_rest, k_rdf_rest}, std::pair{&m_rdf_nil, k_rdf_nil}}) {
        term->kind = Term::Kind::iri;
        term->value.assign(iri);
    }
    Property top;
    top.top_level = true;
    expand_element(m_document, initial_context(), top, Sink{}, false, 1);
}

bool JsonLdReader::is_list_object(const Value& value, const Context& active) const {
    if (!value.IsObject()) return false;
    std::string scratch;
    for (auto it = value.MemberBegin(); it != value.MemberEnd(); ++it) {
        const auto expanded = expand_iri(active, view(it->name), false, true, scratch);
        if (expanded && *expanded == "@list") return true;
    }
    return false;
}

void JsonLdReader::expand_element(const Value& element, const ContextPtr& context, const Property& property,
                                  const Sink& sink, bool from_map, std::size_t depth) {
    // The parser refuses deeper documents; this only guards the walk itself.
    if (depth > m_options.max_depth + 1) {
        fail("JSON nested deeper than " + std::to_string(m_options.max_depth) + " levels", &element);
    }
    if (element.IsNull()) return;
    if (element.IsObject()) {
        expand_object(element, context, property, sink, from_map, depth);
        return;
    }
    if (element.IsArray()) {
        const bool lists = property.in_list || (property.definition != nullptr && (property.definition->container & c_list));
        for (const Value& item : element.GetArray()) {
            if (lists && item.IsArray()) {
                // A list of lists (JSON-LD 1.1).
                if (sink.reverse) fail("invalid reverse property value: a list", &item);
                ListCells cells;
                Sink inner;
                inner.kind = Sink::Kind::list;
                inner.list = &cells;
                Property nested = property;
                nested.in_list = true;
                expand_element(item, context, nested, inner, from_map, depth + 1);
                Term head;
                finish_list(cells, head);
                deliver(sink, &head, Item::list);
            } else {
                expand_element(item, context, property, sink, from_map, depth + 1);
            }
        }
        return;
    }
    if (property.top_level) return;  // a free-floating value
    scalar(element, context, property, sink);
}

bool JsonLdReader::value_term(const Value& value, const Context& active, const TermDefinition* definition, Term& out,
                              Item& item) {
    const std::string* type = definition != nullptr && definition->type_mapping ? &*definition->type_mapping : nullptr;
    if (type != nullptr && value.IsString() && (*type == "@id" || *type == "@vocab")) {
        item = Item::node;
        std::string scratch;
        const auto iri = expand_iri(active, view(value), true, *type == "@vocab", scratch);
        return iri && node_term(*iri, out);
    }
    item = Item::value;
    std::string_view datatype;
    if (type != nullptr && *type != "@id" && *type != "@vocab" && *type != "@none") datatype = *type;
    const std::string* language = nullptr;
    if (value.IsString() && datatype.empty()) {
        if (definition != nullptr && definition->has_language) {
            language = definition->language ? &*definition->language : nullptr;
        } else if (active.language) {
            language = &*active.language;
        }
    }
    return literal(value, datatype, language, out);
}

void JsonLdReader::scalar(const Value& value, const ContextPtr& context, const Property& property, const Sink& sink) {
    const Context* active = context.get();
    const TermDefinition* definition = property.definition;
    ContextPtr scoped;
    if (definition != nullptr && definition->local_context != nullptr) {
        scoped = apply_scoped_context(context, *definition, true);
        active = scoped.get();
        if (const TermDefinition* redefined = active->find(property.name)) definition = redefined;
    }
    Term object;
    Item item = Item::value;
    const bool ok = value_term(value, *active, definition, object, item);
    deliver(sink, ok ? &object : nullptr, item);
}

void JsonLdReader::expand_object(const Value& object, const ContextPtr& context, const Property& property,
                                 const Sink& sink, bool from_map, std::size_t depth) {
    ContextPtr active = context;
    std::string scratch;
    // A type-scoped context does not reach into nested node objects.
    if (active->previous && !from_map) {
        bool keep = false;
        for (auto it = object.MemberBegin(); it != object.MemberEnd() && !keep; ++it) {
            const auto expanded = expand_iri(*active, view(it->name), false, true, scratch);
            keep = expanded && (*expanded == "@value" || (object.MemberCount() == 1 && *expanded == "@id"));
        }
        if (!keep) active = active->previous;
    }
    if (property.definition != nullptr && property.definition->local_context != nullptr) {
        active = apply_scoped_context(active, *property.definition, true);
    }
    if (const Value::Member* local = find_entry(object, "@context")) {
        point_at(local->name);
        std::vector<std::string> remote;
        active = process_context(active, local->value, m_options.base_iri, true, remote);
    }
    const ContextPtr type_scoped = active;
    std::vector<std::string_view> types;
    for_each_entry(object, [&](const Value& name, const Value& value) {
        const auto expanded = expand_iri(*type_scoped, view(name), false, true, scratch);
        if (!expanded || *expanded != "@type") return;
        if (value.IsString()) types.push_back(view(value));
        if (value.IsArray()) {
            for (const Value& item : value.GetArray()) {
                if (item.IsString()) types.push_back(view(item));
            }
        }
    });
    std::sort(types.begin(), types.end());
    for (const std::string_view type : types) {
        const TermDefinition* definition = type_scoped->find(type);
        if (definition != nullptr && definition->local_context != nullptr) {
            active = apply_scoped_context(active, *definition, false);
        }
    }

    // What the object is: a value, list, set or node object (and a node's @id).
    enum class Kind { node, value, list, set };
    Kind kind = Kind::node;
    const Value* id = nullptr;
    bool entries = false, only_language = true;
    std::size_t entry_count = 0;
    for_each_entry(object, [&](const Value& name, const Value& value) {
        if (view(name) == "@context") return;
        const auto expanded = expand_iri(*active, view(name), false, true, scratch);
        if (!expanded || (!is_keyword(*expanded) && !is_property_iri(*expanded))) return;
        entries = true;
        ++entry_count;
        if (*expanded != "@language") only_language = false;
        if (*expanded == "@value") {
            kind = Kind::value;
        } else if (*expanded == "@list" && kind != Kind::value) {
            kind = Kind::list;
        } else if (*expanded == "@set" && kind == Kind::node) {
            kind = Kind::set;
        } else if (*expanded == "@id") {
            id = &value;
        }
    });
    switch (kind) {
    case Kind::value: value_object(object, *active, *type_scoped, property, sink); return;
    case Kind::list: list_or_set(object, active, property, sink, true, depth); return;
    case Kind::set: list_or_set(object, active, property, sink, false, depth); return;
    case Kind::node:
        if (entries && only_language) return;  // {"@language": ...} alone expands to nothing
        if (id != nullptr && id->IsNull()) {
            // Templates write "@id": null for a link they do not have. Not
            // JSON-LD, but unambiguous: the node has no IRI.
            point_at(*id);
            if (entry_count == 1) {
                warn_once("a node given only as \"@id\": null names nothing; dropped");
                return;
            }
            warn_once("\"@id\": null is not an IRI; the node is read as a blank node");
            id = nullptr;
        }
        expand_node(object, id, active, type_scoped, sink, depth);
        return;
    }
}

void JsonLdReader::value_object(const Value& object, const Context& active, const Context& type_scoped,
                                const Property& property, const Sink& sink) {
    const Value* value = nullptr;
    const Value* language = nullptr;
    bool has_type = false;
    std::string type, scratch;
    for_each_entry(object, [&](const Value& name, const Value& entry) {
        const std::string_view key = view(name);
        if (key == "@context") return;
        point_at(name);
        const auto expanded = expand_iri(active, key, false, true, scratch);
        if (!expanded || (!is_keyword(*expanded) && !is_property_iri(*expanded))) return;
        if (*expanded == "@value") {
            value = &entry;
        } else if (*expanded == "@type") {
            std::string type_scratch;
            const auto datatype = entry.IsString() ? expand_iri(type_scoped, view(entry), true, true, type_scratch)
                                                   : std::optional<std::string_view>();
            if (!datatype || (*datatype != "@json" && !is_absolute_iri(*datatype))) {
                fail("invalid typed value: the @type of a value must be one IRI", &entry);
            }
            type.assign(*datatype);
            has_type = true;
        } else if (*expanded == "@language") {
            if (!entry.IsString()) fail("invalid language-tagged string: @language must be a string", &entry);
            language = &entry;
        } else if (*expanded == "@direction") {
            if (!entry.IsNull() && !is_string(entry, "ltr") && !is_string(entry, "rtl")) {
                fail("invalid base direction: @direction must be \"ltr\" or \"rtl\"", &entry);
            }
        } else if (*expanded == "@index") {
            if (!entry.IsString()) fail("invalid @index value: it must be a string", &entry);
        } else {
            fail("invalid value object: besides @value it may only have @type, @language, @direction and @index, not \"" +
                     std::string(key) + "\"",
                 &name);
        }
    });
    if (value == nullptr) return;
    if (has_type && language != nullptr) {
        fail("invalid value object: a value cannot have both @type and @language", &object);
    }
    const bool json = has_type && type == "@json";
    if (!json) {
        if (value->IsNull()) return;
        if (value->IsObject() || value->IsArray()) {
            fail("invalid value object value: @value must be a string, a number, true, false or null", value);
        }
        if (language != nullptr && !value->IsString()) {
            fail("invalid language-tagged value: only strings have a language", value);
        }
    }
    if (property.top_level) return;  // a free-floating value
    Term term;
    const std::string tag = language != nullptr ? std::string(view(*language)) : std::string();
    const bool ok = literal(*value, type, language != nullptr ? &tag : nullptr, term);
    deliver(sink, ok ? &term : nullptr, Item::value);
}

void JsonLdReader::list_or_set(const Value& object, const ContextPtr& active, const Property& property,
                               const Sink& sink, bool list, std::size_t depth) {
    const std::string_view keyword = list ? "@list" : "@set";
    const Value* items = nullptr;
    std::string scratch;
    for_each_entry(object, [&](const Value& name, const Value& entry) {
        const std::string_view key = view(name);
        if (key == "@context") return;
        point_at(name);
        const auto expanded = expand_iri(*active, key, false, true, scratch);
        if (!expanded || (!is_keyword(*expanded) && !is_property_iri(*expanded))) return;
        if (*expanded == keyword) {
            items = &entry;
        } else if (*expanded == "@index") {
            if (!entry.IsString()) fail("invalid @index value: it must be a string", &entry);
        } else {
            fail("invalid set or list object: " + std::string(keyword) + " may only be accompanied by @index, not \"" +
                     std::string(key) + "\"",
                 &name);
        }
    });
    if (items == nullptr) return;
    if (!list) {
        expand_element(*items, active, property, sink, false, depth + 1);
        return;
    }
    if (property.top_level) return;  // a free-floating list
    if (sink.reverse) fail("invalid reverse property value: a list", &object);
    ListCells cells;
    Sink inner;
    inner.kind = Sink::Kind::list;
    inner.list = &cells;
    Property nested = property;
    nested.in_list = true;
    expand_element(*items, active, nested, inner, false, depth + 1);
    Term head;
    finish_list(cells, head);
    deliver(sink, &head, Item::list);
}

void JsonLdReader::expand_node(const Value& object, const Value* id, const ContextPtr& active,
                               const ContextPtr& type_scoped, const Sink& sink, std::size_t depth) {
    Term subject;
    bool subject_ok = true;
    if (id != nullptr) {
        if (!id->IsString()) fail("invalid @id value: @id must be a string", id);
        const char* saved_cursor = m_cursor;
        point_at(*id);
        std::string id_scratch;
        const auto iri = expand_iri(*active, view(*id), true, false, id_scratch);
        if (iri) {
            subject_ok = node_term(*iri, subject);
        } else {
            fresh_blank(subject);
        }
        m_cursor = saved_cursor;
    } else if (sink.node_id != nullptr) {
        subject_ok = node_term(*sink.node_id, subject);
    } else {
        fresh_blank(subject);
    }
    unsigned keywords_seen = 0;
    node_entries(object, active, type_scoped, subject_ok ? &subject : nullptr, keywords_seen, depth);
    deliver(sink, subject_ok ? &subject : nullptr, Item::node);
}

void JsonLdReader::node_entries(const Value& object, const ContextPtr& active, const ContextPtr& type_scoped,
                                const Term* subject, unsigned& keywords_seen, std::size_t depth) {
    const Value* duplicate = for_each_entry(object, [&](const Value& name, const Value& value) {
        const std::string_view key = view(name);
        if (key == "@context") return;
        point_at(name);
        std::string scratch;
        const auto expanded = expand_iri(*active, key, false, true, scratch);
        if (!expanded || (!is_keyword(*expanded) && !is_property_iri(*expanded))) {
            warn_once("\"" + std::string(key) + "\" is neither a term of the context nor an IRI; dropped",
                      std::string(key));
            return;
        }
        if (!is_keyword(*expanded)) {
            const TermDefinition* definition = active->find(key);
            Term predicate;
            const bool predicate_ok = predicate_term(*expanded, predicate);
            expand_property(subject, predicate_ok ? &predicate : nullptr, key, definition, value, active,
                            definition != nullptr && definition->reverse, depth + 1);
            return;
        }
        const std::string keyword(*expanded);
        const auto index = static_cast<unsigned>(std::find(std::begin(k_keywords), std::end(k_keywords), keyword) -
                                                 std::begin(k_keywords));
        if (keyword != "@type" && keyword != "@included" && keyword != "@nest" && (keywords_seen & (1u << index))) {
            fail("colliding keywords: two entries of the node expand to " + keyword, &name);
        }
        keywords_seen |= 1u << index;
        if (keyword == "@id" || keyword == "@language" || keyword == "@direction") {
            if (!value.IsString() && !(keyword != "@language" && value.IsNull())) {
                fail("invalid " + keyword + " value: it must be a string", &value);
            }
        } else if (keyword == "@type") {
            // Two type terms may name the same class; a node has each type once.
            std::vector<std::string> stated;
            auto add_type = [&](const Value& item) {
                if (!item.IsString()) fail("invalid type value: @type must be a string or an array of strings", &item);
                std::string type_scratch;
                const auto type = expand_iri(*type_scoped, view(item), true, true, type_scratch);
                Term type_term;
                if (!type || !node_term(*type, type_term)) return;
                if (view(item).find(':') == std::string_view::npos && !type_scoped->vocab &&
                    type_scoped->find(view(item)) == nullptr && type_term.kind == Term::Kind::iri) {
                    // ArcGIS Hub: "@type": "Contact" with no such term in its context
                    point_at(item);
                    warn_once("type \"" + std::string(view(item)) + "\" is no term of the context; read against "
                              "the base as <" + type_term.value + ">",
                              std::string(view(item)));
                }
                if (std::find(stated.begin(), stated.end(), type_term.value) != stated.end()) return;
                stated.push_back(type_term.value);
                if (subject != nullptr) emit(*subject, m_rdf_type, type_term);
            };
            if (value.IsArray()) {
                for (const Value& item : value.GetArray()) add_type(item);
            } else {
                add_type(value);
            }
        } else if (keyword == "@graph") {
            // Named graphs are merged into the one graph.
            Property inside;
            inside.name = "@graph";
            inside.top_level = true;
            expand_element(value, active, inside, Sink{}, false, depth + 1);
        } else if (keyword == "@included") {
            // Included nodes stand on their own; anything else is an error.
            Property inside;
            inside.name = "@included";
            Sink included;
            included.kind = Sink::Kind::included;
            expand_element(value, active, inside, included, false, depth + 1);
        } else if (keyword == "@reverse") {
            if (!value.IsObject()) fail("invalid @reverse value: it must be an object", &value);
            for_each_entry(value, [&](const Value& reverse_name, const Value& reverse_value) {
                point_at(reverse_name);
                std::string reverse_scratch;
                const auto property = expand_iri(*active, view(reverse_name), false, true, reverse_scratch);
                if (!property || (!is_keyword(*property) && !is_property_iri(*property))) {
                    warn_once("\"" + std::string(view(reverse_name)) +
                                  "\" is neither a term of the context nor an IRI; dropped",
                              std::string(view(reverse_name)));
                    return;
                }
                if (is_keyword(*property)) {
                    fail("invalid reverse property map: @reverse cannot hold " + std::string(*property),
                         &reverse_name);
                }
                const TermDefinition* definition = active->find(view(reverse_name));
                Term predicate;
                const bool predicate_ok = predicate_term(*property, predicate);
                expand_property(subject, predicate_ok ? &predicate : nullptr, view(reverse_name), definition,
                                reverse_value, active, !(definition != nullptr && definition->reverse), depth + 1);
            });
        } else if (keyword == "@nest") {
            const TermDefinition* nest_definition = active->find(key);
            const ContextPtr nest_context = nest_definition != nullptr && nest_definition->local_context != nullptr
                                                ? apply_scoped_context(active, *nest_definition, true)
                                                : active;
            auto nest = [&](const Value& item) {
                if (!item.IsObject()) fail("invalid @nest value: nested properties are given as an object", &item);
                std::string nest_scratch;
                for (auto it = item.MemberBegin(); it != item.MemberEnd(); ++it) {
                    const auto nested = expand_iri(*nest_context, view(it->name), false, true, nest_scratch);
                    if (nested && *nested == "@value") fail("invalid @nest value: it cannot hold @value", &it->name);
                }
                node_entries(item, nest_context, type_scoped, subject, keywords_seen, depth + 1);
            };
            if (value.IsArray()) {
                for (const Value& item : value.GetArray()) nest(item);
            } else {
                nest(value);
            }
        } else if (keyword == "@index") {
            if (!value.IsString()) fail("invalid @index value: it must be a string", &value);
        } else {
            warn_once("keyword " + keyword + " has no meaning in a node object; ignored", keyword);
        }
    });
    if (duplicate != nullptr) {
        point_at(*duplicate);
        warn("the key \"" + std::string(view(*duplicate)) + "\" occurs twice in an object; the last one counts",
             std::string(view(*duplicate)));
    }
}

void JsonLdReader::expand_property(const Term* subject, const Term* predicate, std::string_view key,
                                   const TermDefinition* definition, const Value& value, const ContextPtr& active,
                                   bool reverse, std::size_t depth) {
    Property property;
    property.name = key;
    property.definition = definition;
    Sink sink;
    sink.kind = Sink::Kind::property;
    sink.subject = subject;
    sink.predicate = predicate;
    sink.reverse = reverse;
    const unsigned container = definition != nullptr ? definition->container : 0;
    if (definition != nullptr && definition->type_mapping && *definition->type_mapping == "@json") {
        // The whole value is one JSON literal (in a list of one with a @list container).
        Term object;
        literal(value, "@json", nullptr, object);
        if (container & c_list) {
            ListCells cells;
            add_to_list(cells, &object);
            Term head;
            finish_list(cells, head);
            deliver(sink, &head, Item::list);
        } else {
            deliver(sink, &object, Item::value);
        }
        return;
    }
    if ((container & c_language) && value.IsObject()) {
        language_map(value, *active, sink);
        return;
    }
    if ((container & (c_index | c_id | c_type)) && value.IsObject()) {
        index_map(value, active, property, sink, depth);
        return;
    }
    if (container & c_graph) {
        graph_values(value, active, property, sink, nullptr, depth);
        return;
    }
    if ((container & c_list) && !is_list_object(value, *active)) {
        if (reverse) fail("invalid reverse property value: a list", &value);
        ListCells cells;
        Sink inner;
        inner.kind = Sink::Kind::list;
        inner.list = &cells;
        Property nested = property;
        nested.in_list = true;
        expand_element(value, active, nested, inner, false, depth);
        Term head;
        finish_list(cells, head);
        deliver(sink, &head, Item::list);
        return;
    }
    expand_element(value, active, property, sink, false, depth);
}

void JsonLdReader::language_map(const Value& map, const Context& active, const Sink& sink) {
    for_each_entry(map, [&](const Value& name, const Value& values) {
        point_at(name);
        std::string scratch;
        const std::string_view language = view(name);
        const auto expanded = expand_iri(active, language, false, true, scratch);
        const bool none = language == "@none" || (expanded && *expanded == "@none");
        const std::string tag(language);
        auto add = [&](const Value& item) {
            if (item.IsNull()) return;
            if (!item.IsString()) fail("invalid language map value: the values of a language map are strings", &item);
            Term object;
            const bool ok = literal(item, {}, none ? nullptr : &tag, object);
            deliver(sink, ok ? &object : nullptr, Item::value);
        };
        if (values.IsArray()) {
            for (const Value& item : values.GetArray()) add(item);
        } else {
            add(values);
        }
    });
}

void JsonLdReader::index_map(const Value& map, const ContextPtr& active, const Property& property, const Sink& sink,
                             std::size_t depth) {
    const TermDefinition& definition = *property.definition;
    const unsigned container = definition.container;
    for_each_entry(map, [&](const Value& name, const Value& values) {
        point_at(name);
        const std::string_view index = view(name);
        ContextPtr map_context = active;
        if ((container & (c_id | c_type)) && active->previous) map_context = active->previous;
        if (container & c_type) {
            const TermDefinition* type_definition = map_context->find(index);
            if (type_definition != nullptr && type_definition->local_context != nullptr) {
                map_context = apply_scoped_context(map_context, *type_definition, true);
            }
        }
        std::string scratch;
        const auto expanded_index = expand_iri(*active, index, false, true, scratch);
        const bool none = expanded_index && *expanded_index == "@none";
        Sink item_sink = sink;
        Term type_term, index_predicate, index_value;
        std::string node_id;
        if ((container & c_type) && !none) {
            std::string type_scratch;
            const auto type = expand_iri(*active, index, true, true, type_scratch);
            if (type && node_term(*type, type_term)) item_sink.map_type = &type_term;
        }
        if ((container & c_id) && !none) {
            std::string id_scratch;
            const auto id = expand_iri(*active, index, true, false, id_scratch);
            if (id) {
                node_id.assign(*id);
                item_sink.node_id = &node_id;
            }
        }
        if ((container & c_index) && !definition.index_mapping.empty() && !none) {
            // A property-valued index: the key is also a value of that property.
            std::string predicate_scratch;
            const auto predicate = expand_iri(*active, definition.index_mapping, false, true, predicate_scratch);
            Item item = Item::value;
            if (predicate && predicate_term(*predicate, index_predicate) &&
                value_term(name, *active, active->find(definition.index_mapping), index_value, item)) {
                item_sink.index_predicate = &index_predicate;
                item_sink.index_value = &index_value;
            }
        }
        if (container & c_graph) {
            item_sink.node_id = nullptr;
            graph_values(values, map_context, property, item_sink, (container & c_id) && !none ? &node_id : nullptr,
                         depth + 1);
        } else {
            expand_element(values, map_context, property, item_sink, true, depth + 1);
        }
    });
}

void JsonLdReader::graph_values(const Value& value, const ContextPtr& active, const Property& property,
                                const Sink& sink, const std::string* name, std::size_t depth) {
    if (value.IsNull()) return;
    if (value.IsArray()) {
        for (const Value& item : value.GetArray()) graph_values(item, active, property, sink, name, depth + 1);
        return;
    }
    // Each value is a graph of its own, named by the key of an @id map or a
    // new blank node; the property points at the graph's name.
    Term graph;
    bool ok = true;
    if (name != nullptr) {
        ok = node_term(*name, graph);
    } else {
        fresh_blank(graph);
    }
    deliver(sink, ok ? &graph : nullptr, Item::node);
    Property inside = property;
    inside.top_level = true;
    expand_element(value, active, inside, Sink{}, false, depth + 1);
}

ParseResult JsonLdReader::read() {
    if (parse()) {
        try {
            walk();
        } catch (const ReadError& error) {
            m_result.ok = false;
            m_result.description = error.message;
            m_result.unsupported = error.unsupported;
            if (error.where != nullptr) {
                locate(offset_of(error.where), m_result.line, m_result.column);
            } else {
                locate(m_skipped, m_result.line, m_result.column);
            }
        }
    }
    if (m_dropped_warnings > 0) {
        m_result.warnings.push_back({0, 0, std::to_string(m_dropped_warnings) + " more warnings", {}});
    }
    return std::move(m_result);
}

}  // namespace

ParseResult read_jsonld(std::string_view text, const ReadOptions& options, const TripleHandler& handler) {
    return JsonLdReader(text, options, handler).read();
}

}  // namespace ernte::catalog::rdf
