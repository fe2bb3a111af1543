#pragma once
/// Turtle and N-Triples (on serd): the only file that calls serd. Triples are
/// handed on one at a time with prefixed names and relative IRIs expanded.

#include "catalog/rdf.hpp"

#include <string_view>

namespace ernte::catalog::rdf {

/// Read a Turtle document (see rdf.hpp for the reader conventions). IRIs with
/// characters a URI may not contain are percent-encoded with a warning.
ParseResult read_turtle(std::string_view text, const ReadOptions& options, const TripleHandler& handler);

/// Read an N-Triples document.
ParseResult read_ntriples(std::string_view text, const ReadOptions& options, const TripleHandler& handler);

}  // namespace ernte::catalog::rdf
