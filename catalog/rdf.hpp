#pragma once
/// RDF as the catalogue reads it: triples, the result every reader returns,
/// syntax detection, and the graph of one harvested page indexed by subject.
///
/// Readers (rdfxml_reader, turtle_reader, jsonld_reader) hand triples to a
/// callback one at a time, with IRIs absolute and blank-node labels unique
/// within the document (a label means nothing outside it: each page of a feed
/// is its own scope). Parse errors are values, with line and column; a reader
/// never throws for bad input, and an exception thrown by the handler stops
/// reading and is rethrown once the reader has returned.

#include "catalog/model.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ernte::catalog::rdf {

using Term = model::Term;

/// One RDF statement; subject and predicate are IRIs or blank nodes.
struct Triple {
    Term subject;
    Term predicate;
    Term object;

    bool operator==(const Triple&) const = default;
};

/// Something a reader repaired or accepted with doubts (an IRI with spaces
/// percent-encoded, an unknown rdf:parseType); never fatal.
struct Warning {
    std::size_t line = 0;    ///< 1-based, 0 when unknown
    std::size_t column = 0;  ///< 1-based, 0 when unknown
    std::string message;     ///< English, names the offending value
    std::string value;       ///< the offending value as written (an IRI before encoding), may be empty

    bool operator==(const Warning&) const = default;
};

/// The outcome of reading one document.
struct ParseResult {
    bool ok = true;
    std::size_t line = 0;         ///< where reading stopped (1-based, 0 when unknown)
    std::size_t column = 0;
    std::string description;      ///< what is wrong, empty when ok
    /// Not ok because the document needs what ernte does not do (a remote
    /// JSON-LD context that is not shipped), not because it is malformed.
    bool unsupported = false;
    std::size_t triples = 0;      ///< statements handed to the handler
    std::vector<Warning> warnings;

    explicit operator bool() const { return ok; }
};

/// How to read a document.
struct ReadOptions {
    std::string base_iri;           ///< resolves relative IRIs: the document's URL
    std::size_t max_depth = 256;    ///< deepest element / object nesting accepted
    std::size_t max_warnings = 50;  ///< further warnings are counted, not kept
};

/// Receives each triple as it is read.
using TripleHandler = std::function<void(const Triple&)>;

/// The RDF syntaxes ernte reads.
enum class Syntax { unknown, rdfxml, turtle, ntriples, jsonld };

/// "rdfxml", "turtle", "ntriples", "jsonld" or "unknown".
std::string_view syntax_name(Syntax syntax);
/// The syntax a Content-Type names (parameters ignored), or unknown.
Syntax syntax_from_content_type(std::string_view content_type);
/// The syntax a URL's path extension names (.rdf .xml .owl .ttl .n3 .nt
/// .jsonld .json), or unknown.
Syntax syntax_from_url(std::string_view url);
/// The syntax the first bytes suggest (after a BOM and white space): `<`
/// RDF/XML, `{` or `[` JSON-LD, anything else Turtle. unknown for an empty
/// document or one that looks like HTML.
Syntax sniff_syntax(std::string_view body);
/// The syntax to parse a fetched document with: the Content-Type when it is
/// specific, else the URL's extension, else sniffing. A Content-Type that
/// contradicts the body's first byte (XML announced, `{` found) loses to the body.
Syntax detect_syntax(std::string_view content_type, std::string_view url, std::string_view body);

/// Read a document in the given syntax (unknown: an error result).
ParseResult read(Syntax syntax, std::string_view text, const ReadOptions& options, const TripleHandler& handler);

/// An IRI as real portals should have written it: characters a URI may not
/// contain (space, controls, `<>"{}|\^``, and non-ASCII such as umlauts) are
/// percent-encoded as UTF-8; everything else, `%` included, is kept. Readers
/// call it on every IRI and warn when it changed something.
std::string encode_iri(std::string_view iri);
/// Whether encode_iri would change `iri`.
bool iri_needs_encoding(std::string_view iri);

/// A term in N-Triples syntax (`<iri>`, `_:label`, `"literal"@lang`,
/// `"literal"^^<datatype>`), escaped as N-Triples requires.
std::string to_ntriples(const Term& term);
/// Appends to_ntriples(term) to `out` (no temporary string).
void append_ntriples(std::string& out, const Term& term);
/// One statement as an N-Triples line, with the final " .\n".
std::string to_ntriples(const Triple& triple);

/// Well-known namespaces.
namespace ns {
inline constexpr std::string_view rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
inline constexpr std::string_view rdfs = "http://www.w3.org/2000/01/rdf-schema#";
inline constexpr std::string_view xsd = "http://www.w3.org/2001/XMLSchema#";
inline constexpr std::string_view dcat = "http://www.w3.org/ns/dcat#";
inline constexpr std::string_view dct = "http://purl.org/dc/terms/";
inline constexpr std::string_view dcatde = "http://dcat-ap.de/def/dcatde/";
inline constexpr std::string_view foaf = "http://xmlns.com/foaf/0.1/";
inline constexpr std::string_view vcard = "http://www.w3.org/2006/vcard/ns#";
inline constexpr std::string_view adms = "http://www.w3.org/ns/adms#";
inline constexpr std::string_view hydra = "http://www.w3.org/ns/hydra/core#";
inline constexpr std::string_view owl = "http://www.w3.org/2002/07/owl#";
inline constexpr std::string_view skos = "http://www.w3.org/2004/02/skos/core#";
inline constexpr std::string_view spdx = "http://spdx.org/rdf/terms#";
inline constexpr std::string_view locn = "http://www.w3.org/ns/locn#";
inline constexpr std::string_view schema = "http://schema.org/";
inline constexpr std::string_view dcatap = "http://data.europa.eu/r5r/";
inline constexpr std::string_view prov = "http://www.w3.org/ns/prov#";
}  // namespace ns

/// rdf:type.
inline constexpr std::string_view rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

/// The triples of one page, indexed by subject. Blank nodes are scoped to the
/// graph: two pages' `_:b1` are different nodes.
class Graph {
public:
    /// Add a statement (duplicates are kept once).
    void add(Triple triple);
    /// All statements in the order they were added.
    const std::vector<Triple>& triples() const { return m_triples; }
    std::size_t size() const { return m_triples.size(); }
    bool empty() const { return m_triples.empty(); }

    /// Indices into triples() of the statements about `subject`, in order.
    std::span<const std::uint32_t> about(const Term& subject) const;
    /// Objects of `subject`'s `predicate` statements, in order.
    std::vector<const Term*> objects(const Term& subject, std::string_view predicate) const;
    /// The first object of `subject`'s `predicate`, or nullptr.
    const Term* object(const Term& subject, std::string_view predicate) const;
    /// Whether `subject` has rdf:type `type_iri`.
    bool has_type(const Term& subject, std::string_view type_iri) const;
    /// Subjects with rdf:type `type_iri`, in the order first typed.
    std::vector<Term> subjects_of_type(std::string_view type_iri) const;
    /// Whether anything is said about `subject`.
    bool describes(const Term& subject) const { return !about(subject).empty(); }

private:
    static std::string key(const Term& term);

    std::vector<Triple> m_triples;
    std::unordered_map<std::string, std::vector<std::uint32_t>> m_by_subject;
};

}  // namespace ernte::catalog::rdf
