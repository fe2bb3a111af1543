#include "catalog/iri.hpp"

namespace ernte::catalog::rdf {

bool is_absolute_iri(std::string_view iri) {
    const auto colon = iri.find(':');
    return colon != std::string_view::npos && colon > 0;
}

std::string resolve_iri(std::string_view base, std::string_view reference) {
    if (base.empty() || is_absolute_iri(reference)) return std::string(reference);
    return std::string(base) + std::string(reference);
}

}  // namespace ernte::catalog::rdf
