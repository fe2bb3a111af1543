#include "catalog/rdf.hpp"

#include "catalog/jsonld_reader.hpp"
#include "catalog/rdfxml_reader.hpp"
#include "catalog/turtle_reader.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace ernte::catalog::rdf {

namespace {

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

/// The bytes a URI may not contain, as a table: IRIs are checked byte by byte
/// on every statement read and written.
constexpr std::array<bool, 256> k_uri_forbidden = [] {
    std::array<bool, 256> table{};
    for (unsigned c = 0; c < 256; ++c) {
        table[c] = c <= 0x20 || c >= 0x7f || c == '<' || c == '>' || c == '"' || c == '{' || c == '}' || c == '|' ||
                   c == '\\' || c == '^' || c == '`';
    }
    return table;
}();

bool uri_forbidden(unsigned char c) { return k_uri_forbidden[c]; }

/// Appends `iri` as encode_iri gives it, without a temporary when nothing needs encoding.
void append_iri(std::string& out, std::string_view iri) {
    if (iri_needs_encoding(iri)) out += encode_iri(iri);
    else out += iri;
}

/// The same terms as Term's ==, with the cheapest differences looked at
/// first: lengths, then the last byte (IRIs on a page often differ only at
/// the end), then the text.
bool same_term(const Term& a, const Term& b) {
    return a.kind == b.kind && a.value.size() == b.value.size() &&
           (a.value.empty() || a.value.back() == b.value.back()) && a.lang == b.lang && a.datatype == b.datatype &&
           a.value == b.value;
}

/// Triple's ==, objects first: statements about one subject differ mostly there.
bool same_triple(const Triple& a, const Triple& b) {
    return same_term(a.object, b.object) && same_term(a.predicate, b.predicate) && same_term(a.subject, b.subject);
}

/// Graph's index key of a subject (kind and value), built in `out`.
void build_key(std::string& out, const Term& term) {
    out.clear();
    out += term.kind == Term::Kind::blank ? '_' : '<';
    out += term.value;
}

/// Whether a literal's byte needs an escape in N-Triples.
constexpr bool needs_escape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\' || c == 0x7f; }

void append_escaped(std::string& out, std::string_view text) {
    std::size_t run = 0;  // start of the bytes not yet appended
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (!needs_escape(c)) continue;
        out.append(text.data() + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default: {
            static constexpr char hex[] = "0123456789ABCDEF";
            out += "\\u00";
            out += hex[(c >> 4) & 0xf];
            out += hex[c & 0xf];
        }
        }
    }
    out.append(text.data() + run, text.size() - run);
}

}  // namespace

std::string_view syntax_name(Syntax syntax) {
    switch (syntax) {
    case Syntax::rdfxml: return "rdfxml";
    case Syntax::turtle: return "turtle";
    case Syntax::ntriples: return "ntriples";
    case Syntax::jsonld: return "jsonld";
    case Syntax::unknown: break;
    }
    return "unknown";
}

Syntax syntax_from_content_type(std::string_view content_type) {
    const auto semicolon = content_type.find(';');
    std::string type = lower(content_type.substr(0, semicolon));
    while (!type.empty() && std::isspace(static_cast<unsigned char>(type.back()))) type.pop_back();
    while (!type.empty() && std::isspace(static_cast<unsigned char>(type.front()))) type.erase(type.begin());
    if (type == "application/rdf+xml") return Syntax::rdfxml;
    if (type == "text/turtle" || type == "application/x-turtle" || type == "text/n3" || type == "text/rdf+n3" ||
        type == "application/turtle")
        return Syntax::turtle;
    if (type == "application/n-triples" || type == "text/plain+ntriples") return Syntax::ntriples;
    if (type == "application/ld+json") return Syntax::jsonld;
    return Syntax::unknown;
}

Syntax syntax_from_url(std::string_view url) {
    auto end = url.find_first_of("?#");
    std::string path = lower(url.substr(0, end));
    if (ends_with(path, ".gz")) path.resize(path.size() - 3);
    if (ends_with(path, ".rdf") || ends_with(path, ".xml") || ends_with(path, ".owl")) return Syntax::rdfxml;
    if (ends_with(path, ".ttl") || ends_with(path, ".n3")) return Syntax::turtle;
    if (ends_with(path, ".nt")) return Syntax::ntriples;
    if (ends_with(path, ".jsonld") || ends_with(path, ".json")) return Syntax::jsonld;
    return Syntax::unknown;
}

Syntax sniff_syntax(std::string_view body) {
    if (body.starts_with("\xEF\xBB\xBF")) body.remove_prefix(3);
    std::size_t i = 0;
    while (i < body.size() && std::isspace(static_cast<unsigned char>(body[i]))) ++i;
    if (i == body.size()) return Syntax::unknown;
    const char first = body[i];
    if (first == '{' || first == '[') return Syntax::jsonld;
    if (first == '<') {
        const std::string head = lower(body.substr(i, 1024));
        if (head.starts_with("<!doctype html") || head.starts_with("<html") ||
            (head.find("<html") != std::string::npos && head.find("rdf") == std::string::npos))
            return Syntax::unknown;
        // "<http://..." starts an N-Triples or Turtle statement, not XML.
        if (head.size() > 1 && (std::isalpha(static_cast<unsigned char>(head[1])) || head[1] == '?' || head[1] == '!')) {
            const auto colon = head.find(':');
            const auto close = head.find('>');
            if (colon != std::string::npos && close != std::string::npos && colon < close &&
                head.compare(colon, 3, "://") == 0 && head.substr(1, colon - 1).find_first_of(" ") == std::string::npos &&
                head.find('=') > close)
                return Syntax::turtle;
            return Syntax::rdfxml;
        }
        return Syntax::turtle;
    }
    return Syntax::turtle;
}

Syntax detect_syntax(std::string_view content_type, std::string_view url, std::string_view body) {
    const Syntax sniffed = sniff_syntax(body);
    // A body that looks like HTML is not RDF, whatever the headers say; an
    // empty one is left to the parser, which names the problem.
    if (sniffed == Syntax::unknown && body.find_first_not_of(" \t\r\n") != std::string_view::npos) return Syntax::unknown;
    const auto agrees = [&](Syntax s) {
        if (sniffed == Syntax::unknown) return true;  // let the parser say what is wrong
        if (s == Syntax::rdfxml || s == Syntax::jsonld) return s == sniffed;
        return sniffed == Syntax::turtle || sniffed == Syntax::ntriples;
    };
    if (const Syntax s = syntax_from_content_type(content_type); s != Syntax::unknown && agrees(s)) return s;
    if (const Syntax s = syntax_from_url(url); s != Syntax::unknown && agrees(s)) return s;
    // Generic types (application/xml, application/json, text/plain) settle nothing the body does not.
    return sniffed;
}

ParseResult read(Syntax syntax, std::string_view text, const ReadOptions& options, const TripleHandler& handler) {
    switch (syntax) {
    case Syntax::rdfxml: return read_rdfxml(text, options, handler);
    case Syntax::turtle: return read_turtle(text, options, handler);
    case Syntax::ntriples: return read_ntriples(text, options, handler);
    case Syntax::jsonld: return read_jsonld(text, options, handler);
    case Syntax::unknown: break;
    }
    ParseResult result;
    result.ok = false;
    result.line = 1;
    result.column = 1;
    result.description = "the document is not RDF (neither RDF/XML, Turtle nor JSON-LD)";
    return result;
}

bool iri_needs_encoding(std::string_view iri) {
    const char* p = iri.data();
    std::size_t n = iri.size();
#if defined(__SSE2__)
    // 16 bytes at a time. As signed bytes, all below 0x21 are controls, the
    // space or not ASCII (0x80..0xFF). Setting bit 1 maps the space and '"' to
    // 0x22, '<' and '>' to 0x3E, the backslash and '^' to 0x5E. Above 0x7A
    // only '~' is allowed.
    const __m128i below = _mm_set1_epi8(0x21);
    const __m128i bit1 = _mm_set1_epi8(0x02);
    const __m128i quote = _mm_set1_epi8(0x22), angle = _mm_set1_epi8(0x3E), caret = _mm_set1_epi8(0x5E);
    const __m128i backtick = _mm_set1_epi8('`'), above = _mm_set1_epi8(0x7A), tilde = _mm_set1_epi8('~');
    for (; n >= 16; p += 16, n -= 16) {
        __m128i block;
        std::memcpy(&block, p, 16);
        const __m128i folded = _mm_or_si128(block, bit1);
        __m128i hit = _mm_cmplt_epi8(block, below);
        hit = _mm_or_si128(hit, _mm_cmpeq_epi8(folded, quote));
        hit = _mm_or_si128(hit, _mm_cmpeq_epi8(folded, angle));
        hit = _mm_or_si128(hit, _mm_cmpeq_epi8(folded, caret));
        hit = _mm_or_si128(hit, _mm_cmpeq_epi8(block, backtick));
        hit = _mm_or_si128(hit, _mm_andnot_si128(_mm_cmpeq_epi8(block, tilde), _mm_cmpgt_epi8(block, above)));
        if (_mm_movemask_epi8(hit) != 0) return true;
    }
#endif
    for (; n > 0; ++p, --n) {
        if (k_uri_forbidden[static_cast<unsigned char>(*p)]) return true;
    }
    return false;
}

std::string encode_iri(std::string_view iri) {
    if (!iri_needs_encoding(iri)) return std::string(iri);
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(iri.size() + 16);
    for (const char ch : iri) {
        const auto c = static_cast<unsigned char>(ch);
        if (uri_forbidden(c)) {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 0xf];
        } else {
            out += ch;
        }
    }
    return out;
}

void append_ntriples(std::string& out, const Term& term) {
    switch (term.kind) {
    case Term::Kind::iri:
        out += '<';
        append_iri(out, term.value);
        out += '>';
        break;
    case Term::Kind::blank:
        out += "_:";
        for (const char c : term.value) out += std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' ? c : '_';
        break;
    case Term::Kind::literal:
        out += '"';
        append_escaped(out, term.value);
        out += '"';
        if (!term.lang.empty()) {
            out += '@';
            out += term.lang;
        } else if (!term.datatype.empty() && term.datatype != "http://www.w3.org/2001/XMLSchema#string") {
            out += "^^<";
            append_iri(out, term.datatype);
            out += '>';
        }
        break;
    }
}

std::string to_ntriples(const Term& term) {
    std::string out;
    out.reserve(term.value.size() + 8);
    append_ntriples(out, term);
    return out;
}

std::string to_ntriples(const Triple& triple) {
    std::string out;
    out.reserve(triple.subject.value.size() + triple.predicate.value.size() + triple.object.value.size() + 16);
    append_ntriples(out, triple.subject);
    out += ' ';
    append_ntriples(out, triple.predicate);
    out += ' ';
    append_ntriples(out, triple.object);
    out += " .\n";
    return out;
}

std::string Graph::key(const Term& term) {
    std::string k;
    k.reserve(term.value.size() + 1);
    build_key(k, term);
    return k;
}

void Graph::add(Triple triple) {
    thread_local std::string k;  // keeps its capacity: no allocation per statement
    build_key(k, triple.subject);
    auto& list = m_by_subject[k];
    if (list.empty()) list.reserve(16);  // a dataset's own statements, without regrowing
    // A catalog node lists every dataset of its page: each new statement is
    // checked against all earlier ones, so a mismatch must be found fast.
    const Term& object = triple.object;
    const std::size_t size = object.value.size();
    const char last = size == 0 ? '\0' : object.value.back();
    for (const std::uint32_t i : list) {
        const Term& other = m_triples[i].object;
        if (other.value.size() != size || (size != 0 && other.value.back() != last)) continue;
        if (same_triple(m_triples[i], triple)) return;
    }
    list.push_back(static_cast<std::uint32_t>(m_triples.size()));
    m_triples.push_back(std::move(triple));
}

std::span<const std::uint32_t> Graph::about(const Term& subject) const {
    if (subject.kind == Term::Kind::literal) return {};
    thread_local std::string k;  // keeps its capacity: no allocation per look-up
    build_key(k, subject);
    const auto it = m_by_subject.find(k);
    if (it == m_by_subject.end()) return {};
    return it->second;
}

std::vector<const Term*> Graph::objects(const Term& subject, std::string_view predicate) const {
    std::vector<const Term*> out;
    for (const std::uint32_t i : about(subject)) {
        if (m_triples[i].predicate.value == predicate) out.push_back(&m_triples[i].object);
    }
    return out;
}

const Term* Graph::object(const Term& subject, std::string_view predicate) const {
    for (const std::uint32_t i : about(subject)) {
        if (m_triples[i].predicate.value == predicate) return &m_triples[i].object;
    }
    return nullptr;
}

bool Graph::has_type(const Term& subject, std::string_view type_iri) const {
    for (const std::uint32_t i : about(subject)) {
        const Triple& t = m_triples[i];
        if (t.predicate.value == rdf_type && t.object.kind == Term::Kind::iri && t.object.value == type_iri) return true;
    }
    return false;
}

std::vector<Term> Graph::subjects_of_type(std::string_view type_iri) const {
    std::vector<Term> out;
    for (const Triple& t : m_triples) {
        if (t.predicate.value == rdf_type && t.object.kind == Term::Kind::iri && t.object.value == type_iri &&
            std::find(out.begin(), out.end(), t.subject) == out.end())
            out.push_back(t.subject);
    }
    return out;
}

}  // namespace ernte::catalog::rdf
