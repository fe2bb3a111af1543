#include "catalog/export_text.hpp"

#include <array>

namespace ernte::catalog::rdf_export {

namespace {

constexpr char k_hex_digits[] = "0123456789ABCDEF";
constexpr std::string_view k_replacement_character = "\xEF\xBF\xBD";  // U+FFFD

/// ASCII bytes that may not appear unescaped in a Turtle IRIREF (plus DEL).
constexpr std::array<bool, 128> k_iri_forbidden = [] {
    std::array<bool, 128> t{};
    for (int c = 0; c <= 0x20; ++c) t[c] = true;
    for (char c : std::string_view("<>\"{}|^`\\")) t[static_cast<unsigned char>(c)] = true;
    t[0x7F] = true;
    return t;
}();

unsigned char byte_at(std::string_view s, std::size_t i) { return static_cast<unsigned char>(s[i]); }

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

void append_percent(std::string& out, unsigned char c) {
    out += '%';
    out += k_hex_digits[c >> 4];
    out += k_hex_digits[c & 0x0F];
}

/// Number of bytes at the non-ASCII byte `i` that cannot be IRI characters
/// and are percent-encoded (a malformed byte, a C1 control), or 0 with
/// `length` set to the length of the character that is kept.
std::size_t encoded_non_ascii_at(std::string_view iri, std::size_t i, std::size_t& length) {
    const std::size_t n = utf8_sequence_length(iri, i);
    if (n == 0) return 1;
    if (n == 2 && byte_at(iri, i) == 0xC2 && byte_at(iri, i + 1) < 0xA0) return 2;
    length = n;
    return 0;
}

}  // namespace

std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
    const unsigned char lead = byte_at(s, i);
    const std::size_t left = s.size() - i;
    const auto continuation = [&](std::size_t k) { return (byte_at(s, i + k) & 0xC0) == 0x80; };
    if (lead >= 0xC2 && lead <= 0xDF) return left >= 2 && continuation(1) ? 2 : 0;
    if (lead >= 0xE0 && lead <= 0xEF) {
        if (left < 3 || !continuation(1) || !continuation(2)) return 0;
        if (lead == 0xE0 && byte_at(s, i + 1) < 0xA0) return 0;
        if (lead == 0xED && byte_at(s, i + 1) > 0x9F) return 0;
        return 3;
    }
    if (lead >= 0xF0 && lead <= 0xF4) {
        if (left < 4 || !continuation(1) || !continuation(2) || !continuation(3)) return 0;
        if (lead == 0xF0 && byte_at(s, i + 1) < 0x90) return 0;
        if (lead == 0xF4 && byte_at(s, i + 1) > 0x8F) return 0;
        return 4;
    }
    return 0;
}

bool is_valid_utf8(std::string_view s) {
    std::size_t i = 0;
    const std::size_t size = s.size();
    while (i < size) {
        if (byte_at(s, i) < 0x80) {
            ++i;
            continue;
        }
        const std::size_t n = utf8_sequence_length(s, i);
        if (n == 0) return false;
        i += n;
    }
    return true;
}

void append_valid_utf8(std::string& out, std::string_view s) {
    std::size_t run = 0;
    std::size_t i = 0;
    while (i < s.size()) {
        if (byte_at(s, i) < 0x80) {
            ++i;
            continue;
        }
        const std::size_t n = utf8_sequence_length(s, i);
        if (n != 0) {
            i += n;
            continue;
        }
        out.append(s.substr(run, i - run));
        out += k_replacement_character;
        run = ++i;
    }
    out.append(s.substr(run));
}

void append_encoded_iri(std::string& out, std::string_view iri) {
    std::size_t run = 0;
    std::size_t i = 0;
    const std::size_t size = iri.size();
    while (i < size) {
        const unsigned char c = byte_at(iri, i);
        std::size_t encoded = 0;
        if (c < 0x80) {
            if (!k_iri_forbidden[c]) {
                ++i;
                continue;
            }
            encoded = 1;
        } else {
            std::size_t length = 0;
            encoded = encoded_non_ascii_at(iri, i, length);
            if (encoded == 0) {
                i += length;
                continue;
            }
        }
        // Malformed bytes and C1 controls cannot be IRI characters: keep their
        // bytes percent-encoded, which loses nothing.
        out.append(iri.substr(run, i - run));
        for (std::size_t k = 0; k < encoded; ++k) append_percent(out, byte_at(iri, i + k));
        i += encoded;
        run = i;
    }
    out.append(iri.substr(run));
}

bool is_language_tag(std::string_view lang) {
    if (lang.empty()) return false;
    bool first_subtag = true;
    std::size_t length = 0;
    for (char c : lang) {
        if (c == '-' || c == '_') {
            if (length == 0) return false;
            first_subtag = false;
            length = 0;
        } else if (is_alpha(c) || (!first_subtag && is_digit(c))) {
            ++length;
        } else {
            return false;
        }
    }
    return length != 0;
}

void append_language_tag(std::string& out, std::string_view lang) {
    for (char c : lang) out += c == '_' ? '-' : c;
}

bool has_scheme(std::string_view iri) {
    if (iri.empty() || !is_alpha(iri[0])) return false;
    for (std::size_t k = 1; k < iri.size(); ++k) {
        const char c = iri[k];
        if (c == ':') return k + 1 < iri.size();
        if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '-' && c != '.') return false;
    }
    return false;
}

}  // namespace ernte::catalog::rdf_export
