#pragma once
/// IRI references (RFC 3986 / RFC 3987): resolution against a base, as every
/// RDF reader needs it for relative IRIs, xml:base, @base and rdf:ID.
///
/// Resolution works on the characters as written: nothing is percent-encoded
/// or decoded here (readers call encode_iri on the result), and characters
/// outside ASCII pass through as IRIs allow.

#include <string>
#include <string_view>

namespace ernte::catalog::rdf {

/// `reference` resolved against `base` (RFC 3986 section 5.2, strict, with dot
/// segments removed). An absolute reference is returned as it is (apart from
/// dot-segment removal); with an empty base, `reference` is returned unchanged.
std::string resolve_iri(std::string_view base, std::string_view reference);

/// resolve_iri into `out` (replacing its content), so that a reader resolving
/// many IRIs reuses one buffer instead of allocating per IRI.
void resolve_iri(std::string_view base, std::string_view reference, std::string& out);

/// Whether `iri` has a scheme (`[A-Za-z][A-Za-z0-9+.-]*:`).
bool is_absolute_iri(std::string_view iri);

/// `path` with "." and ".." segments removed (RFC 3986 section 5.2.4).
std::string remove_dot_segments(std::string_view path);

}  // namespace ernte::catalog::rdf
