#pragma once
/// RDF/XML (on pugixml): the document is parsed in memory (one page of a
/// feed at a time) and walked into triples as the RDF/XML grammar says.

#include "catalog/rdf.hpp"

#include <string_view>

namespace ernte::catalog::rdf {

/// Read an RDF/XML document (see rdf.hpp for the reader conventions).
ParseResult read_rdfxml(std::string_view text, const ReadOptions& options, const TripleHandler& handler);

}  // namespace ernte::catalog::rdf
