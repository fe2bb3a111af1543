#pragma once
/// DCAT-AP.de 3.0 serializers for the catalogue: Turtle, written as a stream so
/// that a whole-catalogue export does not hold the catalogue in memory.

#include "catalog/model.hpp"

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>

namespace ernte::catalog {

/// Catalogue-level metadata written as the dcat:Catalog node.
struct CatalogInfo {
    std::string iri;             ///< e.g. "https://opendata.example.nrw.de/catalog"; empty: blank node
    std::string title;           ///< dct:title, German
    std::string description;     ///< dct:description, German
    std::string publisher_name;  ///< foaf:name of the catalogue's publisher (a foaf:Agent)
    std::string publisher_iri;   ///< empty: the publisher is a blank node
    std::string homepage;        ///< foaf:homepage
    std::string language = "http://publications.europa.eu/resource/authority/language/DEU";  ///< dct:language
};

/// Lifecycle of a record in the catalogue, written as adms:status on the
/// dataset (the model's enum, so the store's records pass straight through).
using RecordStatus = model::RecordStatus;

/// Streams a DCAT-AP.de 3.0 catalogue as Turtle: prologue, one dataset at a
/// time (memory does not grow with the catalogue), catalogue node at the end.
/// Output is deterministic: the same calls give the same bytes. Write errors
/// are left in the stream's state for the caller to check.
class TurtleWriter {
public:
    /// Writes into `out`; the stream must outlive the writer.
    explicit TurtleWriter(std::ostream& out);
    /// Flushes what is buffered (without the catalogue node if end() was not called).
    ~TurtleWriter();
    TurtleWriter(const TurtleWriter&) = delete;
    TurtleWriter& operator=(const TurtleWriter&) = delete;

    /// Writes the prefixes and remembers the catalogue metadata for end().
    /// Throws std::logic_error when called twice.
    void begin(const CatalogInfo& catalog);
    /// Writes one dataset, data service or dataset series with its
    /// distributions and the nodes they describe. Throws std::logic_error
    /// outside begin() ... end().
    void write_dataset(const model::Dataset& dataset, RecordStatus status = RecordStatus::active);
    /// Writes the dcat:Catalog node listing every resource written (dcat:dataset
    /// for datasets and series, dcat:service for data services) and flushes.
    /// Throws std::logic_error when begin() was not called or end() was already.
    void end();

    /// Number of records written so far.
    std::size_t dataset_count() const { return m_dataset_count; }

private:
    void write_references(std::string& out, std::string_view references);
    void flush_if_full();
    void flush();

    std::ostream& m_out;
    std::string m_buffer;
    CatalogInfo m_catalog;
    std::string m_dataset_refs;  ///< rendered subject of each dataset or series, one per line
    std::string m_service_refs;  ///< the same for data services
    std::size_t m_dataset_count = 0;
    bool m_begun = false;
    bool m_ended = false;
};

/// One dataset as a standalone Turtle document (for `ernte show --format ttl`):
/// the prologue and the dataset with its nodes, without a catalogue node.
std::string dataset_to_turtle(const model::Dataset& dataset, RecordStatus status = RecordStatus::active);

/// `iri` as a Turtle IRIREF (`<...>`): characters Turtle forbids in IRIs
/// (controls, space, `<>"{}|^\``) and bytes of invalid UTF-8 are
/// percent-encoded; valid non-ASCII characters are kept.
std::string turtle_iri(std::string_view iri);

/// `value` as a Turtle string literal without language or datatype: `"..."`
/// with `\"`, `\\`, `\r`, `\t` and `\uXXXX` escapes, or a `"""..."""` long
/// string when it contains line breaks. Invalid UTF-8 becomes U+FFFD.
std::string turtle_literal(std::string_view value);

/// A date or time from the model (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or with a
/// time) as a typed literal: xsd:gYear, xsd:gYearMonth, xsd:date or
/// xsd:dateTime. Text of any other form is written as a plain literal.
std::string turtle_date(std::string_view value);

}  // namespace ernte::catalog
