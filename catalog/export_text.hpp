#pragma once
/// Text rules every export syntax shares, so that a value reads the same in
/// Turtle, RDF/XML and JSON-LD: how an IRI is encoded, which language tags
/// are kept, how invalid UTF-8 is repaired. Internal to catalog/export*;
/// the RDF/XML reader checks its pages with utf8_sequence_length too.

#include <cstddef>
#include <string>
#include <string_view>

namespace ernte::catalog::rdf_export {

/// Length of the well-formed UTF-8 sequence that starts with the non-ASCII byte
/// at `i`, or 0 when it is malformed (stray continuation, overlong, surrogate,
/// beyond U+10FFFF, truncated).
std::size_t utf8_sequence_length(std::string_view s, std::size_t i);

/// True when `s` is well-formed UTF-8.
bool is_valid_utf8(std::string_view s);

/// Appends `s` with every byte that is not part of well-formed UTF-8 replaced by U+FFFD.
void append_valid_utf8(std::string& out, std::string_view s);

/// Appends `iri` with the characters an IRI may not contain (controls, space,
/// `<>"{}|^\``, C1 controls) and the bytes of invalid UTF-8 percent-encoded;
/// valid non-ASCII characters are kept. Every syntax writes this form, so the
/// three documents name the same resources.
void append_encoded_iri(std::string& out, std::string_view iri);

/// True for a language tag the export writes: letters, then subtags of letters
/// and digits separated by `-` or `_`. A malformed tag is left out rather than
/// breaking the document.
bool is_language_tag(std::string_view lang);

/// Appends a tag accepted by is_language_tag with `_` written as `-`.
void append_language_tag(std::string& out, std::string_view lang);

/// True when `iri` starts with a scheme (`[A-Za-z][A-Za-z0-9+.-]*:`) followed by
/// something: the only kind of IRI every syntax can use as a predicate.
bool has_scheme(std::string_view iri);

}  // namespace ernte::catalog::rdf_export
