#include "catalog/jsonld_reader.hpp"

namespace ernte::catalog::rdf {

ParseResult read_jsonld(std::string_view, const ReadOptions&, const TripleHandler&) {
    ParseResult result;
    result.ok = false;
    result.description = "not implemented";
    return result;
}

}  // namespace ernte::catalog::rdf
