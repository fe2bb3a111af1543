#pragma once
/// IRI references (RFC 3986 / RFC 3987): resolution against a base, as every
/// RDF reader needs it for relative IRIs, xml:base, @base and rdf:ID.

#include <string>
#include <string_view>

namespace ernte::catalog::rdf {

/// `reference` resolved against `base` (RFC 3986 section 5.2, with dot
/// segments removed). An absolute reference is returned as it is (apart from
/// dot-segment removal); with an empty base, `reference` is returned unchanged.
std::string resolve_iri(std::string_view base, std::string_view reference);

/// Whether `iri` has a scheme (`[A-Za-z][A-Za-z0-9+.-]*:`).
bool is_absolute_iri(std::string_view iri);

}  // namespace ernte::catalog::rdf
