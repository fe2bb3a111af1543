#pragma once
/// Text and date clean-up shared by the CKAN and the DCAT/RDF normalizers:
/// descriptions arrive as HTML or Markdown, dates in every format people type.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ernte::catalog {

/// Plain text of an HTML fragment: tags stripped (script and style with their
/// content), character references decoded, whitespace collapsed; paragraph
/// and line breaks (p, div, br, li, headings, table rows...) kept as "\n".
std::string html_to_text(std::string_view html);

/// Plain text of a Markdown text: links as "text (url)", images as their alt
/// text, emphasis, heading and quote markers and code ticks removed; line
/// breaks kept, blank-line runs reduced to one "\n".
std::string markdown_to_text(std::string_view markdown);

/// The fragment contains HTML markup (a known tag or a character reference).
bool looks_like_html(std::string_view text);

/// The text uses Markdown syntax that markdown_to_text would change (links,
/// images, emphasis, headings, code).
bool looks_like_markdown(std::string_view text);

/// A date or date-time as ISO 8601: "YYYY", "YYYY-MM", "YYYY-MM-DD" or
/// "YYYY-MM-DDThh:mm:ss[.fff][Z|+hh:mm]". Accepts ISO forms with missing
/// seconds or a space for "T", Python isoformat fractions, "YYYY/MM/DD" and
/// German "DD.MM.YYYY [hh:mm[:ss]]". nullopt when raw is not a valid date.
std::optional<std::string> normalize_date(std::string_view raw);

/// raw without leading and trailing ASCII whitespace and no-break spaces.
std::string_view trim_whitespace(std::string_view raw);

/// Append `text` to `out` as a JSON string: quoted, with `"`, `\\` and the
/// control characters escaped (short forms where JSON has them, else \u00xx),
/// everything else as it is (the form RFC 8785 canonical JSON also asks for).
void append_json_string(std::string& out, std::string_view text);

/// The length of the longest start of `text` that append_json_string writes
/// as it is (no `"`, `\\` or control character), looked at eight bytes at a
/// time: a text that needs no escaping is appended without going through it
/// character by character.
std::size_t json_plain_prefix(std::string_view text);

/// Appends code point `cp` as UTF-8; NUL, surrogates and values beyond
/// U+10FFFF become U+FFFD.
void append_utf8(std::string& out, std::uint32_t cp);

/// The deepest nesting of brackets (`[`, `{`) in JSON text, brackets inside
/// strings not counted. RapidJSON parses recursively: text nested deeper
/// than the stack allows must be refused before it is parsed.
std::size_t json_nesting_depth(std::string_view json);

}  // namespace ernte::catalog
