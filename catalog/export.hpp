#pragma once
/// DCAT-AP.de 3.0 serializers for the catalogue: Turtle, RDF/XML and JSON-LD,
/// written as a stream so that a whole-catalogue export does not hold the
/// catalogue in memory. The mapping of the record to RDF exists once
/// (catalog/export_graph.hpp); the syntaxes only differ in how they write it.

#include "catalog/model.hpp"

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace ernte::catalog {

namespace rdf_export {
class Serializer;
class CatalogueMembers;
}  // namespace rdf_export

/// Where one page of a paged catalogue (a feed page) sits in the whole,
/// written as Hydra paging in both vocabularies harvesters read: a
/// hydra:PartialCollectionView (first, previous, next, last) that is also a
/// hydra:PagedCollection (firstPage, previousPage, nextPage, lastPage), with
/// totalItems and itemsPerPage.
struct CataloguePage {
    std::string iri;       ///< this page's URL
    std::string first;     ///< the first page's URL
    std::string previous;  ///< empty on the first page
    std::string next;      ///< empty on the last page
    std::string last;      ///< the last page's URL
    std::int64_t total_items = 0;     ///< datasets in the whole collection
    std::int64_t items_per_page = 0;  ///< datasets a page
};

/// Catalogue-level metadata written as the dcat:Catalog node.
struct CatalogInfo {
    std::string iri;             ///< e.g. "https://opendata.example.nrw.de/catalog"; empty: blank node
    std::string title;           ///< dct:title, German
    std::string description;     ///< dct:description, German
    std::string publisher_name;  ///< foaf:name of the catalogue's publisher (a foaf:Agent)
    std::string publisher_iri;   ///< empty: the publisher is a blank node
    std::string homepage;        ///< foaf:homepage
    std::string language = "http://publications.europa.eu/resource/authority/language/DEU";  ///< dct:language
    std::optional<CataloguePage> page;  ///< set for one page of a paged feed
};

/// Lifecycle of a record in the catalogue, written as adms:status on the
/// dataset (the model's enum, so the store's records pass straight through).
using RecordStatus = model::RecordStatus;

/// The RDF syntaxes the export writes.
enum class ExportFormat { turtle, rdfxml, jsonld };

/// The names the command line and the API use for the syntaxes, in the order
/// they are offered: "ttl", "rdfxml", "jsonld".
std::span<const std::string_view> export_format_names();

/// The syntax called `name` (one of export_format_names()), or nothing.
std::optional<ExportFormat> parse_export_format(std::string_view name);

/// The name of a syntax, as export_format_names() lists it.
std::string_view export_format_name(ExportFormat format);

/// The media type of a syntax ("text/turtle", "application/rdf+xml", "application/ld+json").
std::string_view export_media_type(ExportFormat format);

/// Streams a DCAT-AP.de 3.0 catalogue in one syntax: the document head, one
/// dataset at a time (memory does not grow with the catalogue beyond the list
/// of record IRIs the catalogue node needs), the catalogue node at the end.
/// Output is deterministic: the same calls give the same bytes. Write errors
/// are left in the stream's state for the caller to check.
class CatalogWriter {
public:
    /// Writes `format` into `out`; the stream must outlive the writer.
    CatalogWriter(std::ostream& out, ExportFormat format);
    /// Flushes what is buffered (an unfinished document when end() was not called).
    ~CatalogWriter();
    CatalogWriter(const CatalogWriter&) = delete;
    CatalogWriter& operator=(const CatalogWriter&) = delete;

    /// Writes the document head (prefixes, namespaces or context) and remembers
    /// the catalogue metadata for end(). Throws std::logic_error when called twice.
    void begin(const CatalogInfo& catalog);
    /// Writes one dataset, data service or dataset series with its
    /// distributions and the nodes they describe. Throws std::logic_error
    /// outside begin() ... end().
    void write_dataset(const model::Dataset& dataset, RecordStatus status = RecordStatus::active);
    /// Writes the dcat:Catalog node listing every resource written (dcat:dataset
    /// for datasets and series, dcat:service for data services), closes the
    /// document and flushes. Throws std::logic_error when begin() was not
    /// called or end() was already.
    void end();

    /// Number of records written so far.
    std::size_t dataset_count() const { return m_dataset_count; }
    /// The syntax written.
    ExportFormat format() const { return m_format; }

private:
    void flush();

    std::ostream& m_out;
    ExportFormat m_format;
    std::unique_ptr<rdf_export::Serializer> m_serializer;
    std::unique_ptr<rdf_export::CatalogueMembers> m_members;
    CatalogInfo m_catalog;
    std::size_t m_dataset_count = 0;
    bool m_begun = false;
    bool m_ended = false;
};

/// A CatalogWriter for Turtle.
class TurtleWriter final : public CatalogWriter {
public:
    explicit TurtleWriter(std::ostream& out) : CatalogWriter(out, ExportFormat::turtle) {}
};

/// A CatalogWriter for RDF/XML.
class RdfXmlWriter final : public CatalogWriter {
public:
    explicit RdfXmlWriter(std::ostream& out) : CatalogWriter(out, ExportFormat::rdfxml) {}
};

/// A CatalogWriter for JSON-LD (inline context of prefixes, a @graph of node objects).
class JsonLdWriter final : public CatalogWriter {
public:
    explicit JsonLdWriter(std::ostream& out) : CatalogWriter(out, ExportFormat::jsonld) {}
};

/// A writer for the syntax called `name` (one of export_format_names()).
/// Throws std::invalid_argument naming the accepted names for any other.
std::unique_ptr<CatalogWriter> make_catalog_writer(std::string_view name, std::ostream& out);

/// One dataset as a standalone document (for `ernte show --format ...`): the
/// document head and the dataset with its nodes, without a catalogue node.
std::string dataset_document(const model::Dataset& dataset, RecordStatus status, ExportFormat format);

/// dataset_document() in Turtle.
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

/// `value` as XML character data: `&`, `<`, `>` escaped, a carriage return as
/// `&#13;`, characters XML 1.0 does not allow (controls other than tab, line
/// feed and carriage return, U+FFFE, U+FFFF) and invalid UTF-8 replaced by U+FFFD.
std::string xml_text(std::string_view value);

}  // namespace ernte::catalog
