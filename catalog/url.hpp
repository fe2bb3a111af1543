#pragma once
/// Percent-encoding of URL parts (RFC 3986): what the harvester writes into
/// the query strings it sends, and what the API reads from the ones it gets.

#include <optional>
#include <string>
#include <string_view>

namespace ernte::catalog {

/// `text` percent-encoded for a URL query value or path segment: the RFC 3986
/// unreserved characters (letters, digits, `-._~`) are kept, every other byte
/// becomes %XX.
std::string url_encode(std::string_view text);

/// `text` with its %XX escapes decoded (and '+' as a space when
/// `plus_is_space`, as in query strings); nullopt when an escape is malformed.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

}  // namespace ernte::catalog
