#pragma once
/// Comparing what an RDF reader produced with the statements a test expects,
/// up to the names of blank nodes (each reader labels them its own way).

#include "catalog/rdf.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace ernte::testsupport {

/// The statements of an N-Triples text; `error` gets the reader's complaint
/// (empty when the text is valid).
std::vector<catalog::rdf::Triple> ntriples_of(std::string_view text, std::string* error);

/// The statements as sorted N-Triples lines, for failure messages.
std::string show_triples(const std::vector<catalog::rdf::Triple>& triples);

/// Whether `actual` equals `expected` under a one-to-one renaming of blank
/// nodes (found by backtracking: meant for the small graphs of unit tests).
/// With `as_set`, a statement handed out twice counts once, as in an RDF
/// graph; without, the statements must match one for one.
bool isomorphic(const std::vector<catalog::rdf::Triple>& actual, const std::vector<catalog::rdf::Triple>& expected,
                bool as_set);

}  // namespace ernte::testsupport
