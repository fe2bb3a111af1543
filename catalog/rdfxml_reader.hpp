#pragma once
/// RDF/XML (on pugixml): the document is parsed in memory (one page of a
/// feed at a time) and walked into triples as the RDF/XML grammar says
/// (W3C RDF 1.1 XML Syntax, section 7), with namespaces, xml:base and
/// xml:lang resolved by the reader itself (pugixml is not namespace-aware).
///
/// What portals get wrong is read where the meaning is clear, with a Warning:
/// IRIs with spaces or umlauts (percent-encoded), text where no literal can be
/// (ignored, as Raptor does), unqualified about/ID/resource/parseType/type
/// attributes (read as rdf:), an unknown rdf:parseType (read as "Literal"),
/// rdf:bagID (ignored), external and parameter entities (never read or
/// expanded). Internal entities a DOCTYPE declares are expanded first
/// (catalog/xml_entities.hpp); positions are those of the text as delivered,
/// and an entity bomb is an error. Malformed XML, a root that is not RDF/XML, undeclared
/// prefixes, elements without a namespace, a property with two objects and
/// nesting deeper than ReadOptions::max_depth are errors with line and column.
/// Documents declared ISO-8859-1, ISO-8859-15 or windows-1252 are converted to
/// UTF-8 first; UTF-16 and UTF-32 are read through pugixml's conversion. A
/// document read as UTF-8 (declared so, declaring nothing, or declaring an
/// encoding the reader does not know) that is not valid UTF-8 is an error at
/// the first bad byte, as in the Turtle and JSON-LD readers.

#include "catalog/rdf.hpp"

#include <string_view>

namespace ernte::catalog::rdf {

/// Read an RDF/XML document (see rdf.hpp for the reader conventions).
ParseResult read_rdfxml(std::string_view text, const ReadOptions& options, const TripleHandler& handler);

}  // namespace ernte::catalog::rdf
