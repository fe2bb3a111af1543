#pragma once
/// JSON-LD (on RapidJSON): compacted and expanded documents with inline
/// contexts. Remote contexts are never fetched: the well-known ones ship in
/// schemas/jsonld/, anything else is an error naming the context URL.

#include "catalog/rdf.hpp"

#include <string_view>

namespace ernte::catalog::rdf {

/// Read a JSON-LD document (see rdf.hpp for the reader conventions).
ParseResult read_jsonld(std::string_view text, const ReadOptions& options, const TripleHandler& handler);

}  // namespace ernte::catalog::rdf
