#pragma once
/// The mapping of the DCAT-AP.de record to RDF, written once for every export
/// syntax: a record becomes a sequence of node descriptions (subject, types,
/// statements, nested blank nodes) that a GraphSink writes. Which properties
/// are written, with which datatypes, which nodes are typed and which blank
/// nodes get which labels is decided here and nowhere else. Internal to
/// catalog/export*.

#include "catalog/export.hpp"
#include "catalog/model.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ernte::catalog::rdf_export {

/// A namespace every export document declares.
struct Namespace {
    std::string_view prefix;
    std::string_view iri;
};

/// The declared namespaces, in the order the documents list them.
inline constexpr std::array<Namespace, 13> k_namespaces = {{
    {"adms", "http://www.w3.org/ns/adms#"},
    {"dcat", "http://www.w3.org/ns/dcat#"},
    {"dcatap", "http://data.europa.eu/r5r/"},
    {"dcatde", "http://dcat-ap.de/def/dcatde/"},
    {"dct", "http://purl.org/dc/terms/"},
    {"foaf", "http://xmlns.com/foaf/0.1/"},
    {"locn", "http://www.w3.org/ns/locn#"},
    {"owl", "http://www.w3.org/2002/07/owl#"},
    {"rdfs", "http://www.w3.org/2000/01/rdf-schema#"},
    {"skos", "http://www.w3.org/2004/02/skos/core#"},
    {"spdx", "http://spdx.org/rdf/terms#"},
    {"vcard", "http://www.w3.org/2006/vcard/ns#"},
    {"xsd", "http://www.w3.org/2001/XMLSchema#"},
}};

inline constexpr std::string_view k_rdf_namespace = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

/// The IRI of a prefix of k_namespaces (empty for any other).
std::string_view namespace_iri(std::string_view prefix);

/// An IRI as the mapping names it: a term of a declared namespace (`prefix`
/// and a local name that is a valid name in every syntax), or any other IRI in
/// full (`prefix` empty) exactly as the model holds it; serializers encode it
/// with append_encoded_iri.
struct Iri {
    std::string_view prefix;
    std::string_view name;

    bool empty() const { return prefix.empty() && name.empty(); }
    bool operator==(const Iri&) const = default;
};

/// `iri` as a term of a declared namespace when it is one with a simple local
/// name (letters, digits, `_`, `-`, starting with a letter), else in full.
Iri compact(std::string_view iri);

/// A subject or object.
struct Value {
    enum class Kind { iri, blank, literal };
    Kind kind = Kind::literal;
    Iri iri;                ///< Kind::iri
    std::string_view text;  ///< blank: the label (an XML NCName, unique in the document);
                            ///< literal: the lexical form as the model holds it
    std::string_view lang;  ///< literal: the language tag as delivered; a malformed one is left out
    Iri datatype;           ///< literal without language: its datatype; empty: a plain string

    static Value of_iri(Iri iri) { return {Kind::iri, iri, {}, {}, {}}; }
    static Value of_blank(std::string_view label) { return {Kind::blank, {}, label, {}, {}}; }
    static Value of_literal(std::string_view text, std::string_view lang = {}, Iri datatype = {}) {
        return {Kind::literal, {}, text, lang, datatype};
    }
};

/// How a top-level node reads.
enum class NodeStyle {
    resource,   ///< a record, a distribution or a node they describe
    catalogue,  ///< the catalogue: its statements come grouped by predicate, and one predicate
                ///< (dcat:dataset) may have as many objects as there are records; a sink may
                ///< stream them, one per line
};

/// Receives the RDF of a document as node descriptions. Calls come in this
/// grammar: node := begin_node (statement | nested)* end_node;
/// nested := begin_nested (statement | nested)* end_nested. The strings a call
/// passes are valid only during the call.
class GraphSink {
public:
    virtual ~GraphSink() = default;
    /// Starts a top-level node; `subject` is an IRI or a blank node label.
    virtual void begin_node(const Value& subject, std::span<const Iri> types, NodeStyle style) = 0;
    /// Ends the top-level node.
    virtual void end_node() = 0;
    /// One statement about the node being described (top-level or nested).
    virtual void statement(const Iri& predicate, const Value& object) = 0;
    /// A statement whose object is a blank node described by the calls up to the matching end_nested().
    virtual void begin_nested(const Iri& predicate, std::span<const Iri> types) = 0;
    /// Ends the nested node.
    virtual void end_nested() = 0;
};

/// The XSD datatype (local name) of an ISO 8601 value of the model: gYear,
/// gYearMonth, date or dateTime; empty when it has none of the expected forms.
std::string_view date_datatype(std::string_view value);

/// Describes one record (dataset, data service or series) with its
/// distributions and the nodes they refer to. `sequence` numbers the record in
/// its document (from 1): every blank node label of the record starts with
/// "ds<sequence>", so labels stay unique however many records a document holds.
void describe_record(const model::Dataset& dataset, RecordStatus status, std::size_t sequence, GraphSink& sink);

/// The records a catalogue lists, kept compactly (one IRI or sequence number
/// each) until the catalogue node is written.
class CatalogueMembers {
public:
    /// Remembers the record written as number `sequence`.
    void add(const model::Dataset& dataset, std::size_t sequence);

    /// Calls `visit(subject)` for each dataset and series (`services` false) or
    /// each data service (`services` true), in the order they were added.
    template <typename Visit>
    void for_each(bool services, Visit&& visit) const;

private:
    struct Member {
        std::size_t end;       ///< end of the IRI in m_iris; the IRI starts where the previous member's ends
        std::size_t sequence;  ///< the record's number, for a record without IRI
        bool service;
    };
    std::string m_iris;
    std::vector<Member> m_members;
};

/// The label of the blank node of a record without IRI ("ds<sequence>").
std::string record_label(std::size_t sequence);

template <typename Visit>
void CatalogueMembers::for_each(bool services, Visit&& visit) const {
    std::size_t begin = 0;
    std::string label;
    for (const Member& m : m_members) {
        const std::string_view iri = std::string_view(m_iris).substr(begin, m.end - begin);
        begin = m.end;
        if (m.service != services) continue;
        if (!iri.empty()) {
            visit(Value::of_iri({{}, iri}));
            continue;
        }
        label = record_label(m.sequence);
        visit(Value::of_blank(label));
    }
}

/// Describes the dcat:Catalog node listing `members`, and its publisher.
void describe_catalogue(const CatalogInfo& catalog, const CatalogueMembers& members, GraphSink& sink);

}  // namespace ernte::catalog::rdf_export
