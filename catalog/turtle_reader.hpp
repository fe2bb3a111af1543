#pragma once
/// A small streaming Turtle reader (on serd) for the catalogue's own files:
/// vocabulary lists shipped in Turtle. Triples are handed to a callback one at
/// a time, with prefixed names and relative IRIs already expanded.

#include "catalog/model.hpp"

#include <functional>
#include <string>
#include <string_view>

namespace ernte::catalog {

/// One RDF statement; subject and predicate are IRIs or blank nodes.
struct TurtleTriple {
    model::Term subject;
    model::Term predicate;
    model::Term object;
};

/// Outcome of reading a Turtle document: parse errors are values.
struct TurtleParseResult {
    bool ok = true;
    unsigned line = 0;        ///< 1-based, 0 when unknown
    unsigned column = 0;      ///< 1-based, 0 when unknown
    std::string description;  ///< what is wrong, empty when ok

    explicit operator bool() const { return ok; }
};

/// Read Turtle text, calling on_triple for every statement. base_iri resolves
/// relative IRIs. An exception thrown by on_triple stops reading and is
/// rethrown after the parser has returned.
TurtleParseResult read_turtle(std::string_view text, std::string_view base_iri,
                              const std::function<void(const TurtleTriple&)>& on_triple);

}  // namespace ernte::catalog
