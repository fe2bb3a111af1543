#include "catalog/iri.hpp"

#include <cstddef>

namespace ernte::catalog::rdf {

namespace {

/// The five components of an IRI reference (RFC 3986 appendix B), with
/// "defined" kept apart from "empty" as section 5.2 requires.
struct IriParts {
    std::string_view scheme;
    std::string_view authority;
    std::string_view path;
    std::string_view query;
    std::string_view fragment;
    bool has_scheme = false;
    bool has_authority = false;
    bool has_query = false;
    bool has_fragment = false;
};

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// Length of the scheme before the first ':', 0 when `iri` has none.
std::size_t scheme_length(std::string_view iri) {
    if (iri.empty() || !is_alpha(iri[0])) return 0;
    for (std::size_t i = 1; i < iri.size(); ++i) {
        const char c = iri[i];
        if (c == ':') return i;
        if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '-' && c != '.') return 0;
    }
    return 0;
}

/// Position of the first of `stops` in `text` at or after `from`, or text.size().
template <char... stops>
std::size_t find_any(std::string_view text, std::size_t from) {
    for (std::size_t i = from; i < text.size(); ++i) {
        if (((text[i] == stops) || ...)) return i;
    }
    return text.size();
}

IriParts split(std::string_view iri) {
    IriParts parts;
    if (const std::size_t n = scheme_length(iri); n > 0) {
        parts.has_scheme = true;
        parts.scheme = iri.substr(0, n);
        iri.remove_prefix(n + 1);
    }
    if (iri.size() >= 2 && iri[0] == '/' && iri[1] == '/') {
        const std::size_t end = find_any<'/', '?', '#'>(iri, 2);
        parts.has_authority = true;
        parts.authority = iri.substr(2, end - 2);
        iri.remove_prefix(end);
    }
    const std::size_t path_end = find_any<'?', '#'>(iri, 0);
    parts.path = iri.substr(0, path_end);
    iri.remove_prefix(path_end);
    if (!iri.empty() && iri[0] == '?') {
        const std::size_t end = find_any<'#'>(iri, 1);
        parts.has_query = true;
        parts.query = iri.substr(1, end - 1);
        iri.remove_prefix(end);
    }
    if (!iri.empty() && iri[0] == '#') {
        parts.has_fragment = true;
        parts.fragment = iri.substr(1);
    }
    return parts;
}

/// Whether a segment of `path` is "." or "..".
bool has_dot_segments(std::string_view path) {
    if (path.find('.') == std::string_view::npos) return false;
    std::size_t start = 0;
    while (true) {
        const std::size_t slash = path.find('/', start);
        const std::string_view segment = path.substr(start, slash == std::string_view::npos ? path.npos : slash - start);
        if (segment == "." || segment == "..") return true;
        if (slash == std::string_view::npos) return false;
        start = slash + 1;
    }
}

/// Append `path` to `out` with dot segments removed (RFC 3986 section 5.2.4);
/// what `out` held before is never removed.
void append_without_dot_segments(std::string& out, std::string_view path) {
    if (!has_dot_segments(path)) {
        out.append(path);
        return;
    }
    const std::size_t start = out.size();
    const auto remove_last_segment = [&] {
        const std::size_t slash = out.rfind('/');
        out.resize(slash == std::string::npos || slash < start ? start : slash);
    };
    std::string input(path);
    std::size_t i = 0;
    while (i < input.size()) {
        const std::string_view rest = std::string_view(input).substr(i);
        if (rest.starts_with("../")) {
            i += 3;
        } else if (rest.starts_with("./")) {
            i += 2;
        } else if (rest.starts_with("/./")) {
            i += 2;
        } else if (rest == "/.") {
            i += 1;
            input[i] = '/';
        } else if (rest.starts_with("/../")) {
            i += 3;
            remove_last_segment();
        } else if (rest == "/..") {
            i += 2;
            input[i] = '/';
            remove_last_segment();
        } else if (rest == "." || rest == "..") {
            i = input.size();
        } else {
            const std::size_t next = input.find('/', rest[0] == '/' ? i + 1 : i);
            const std::size_t end = next == std::string::npos ? input.size() : next;
            out.append(input, i, end - i);
            i = end;
        }
    }
}

void append_query_fragment(std::string& out, bool has_query, std::string_view query, const IriParts& reference) {
    if (has_query) {
        out += '?';
        out.append(query);
    }
    if (reference.has_fragment) {
        out += '#';
        out.append(reference.fragment);
    }
}

}  // namespace

bool is_absolute_iri(std::string_view iri) { return scheme_length(iri) > 0; }

std::string remove_dot_segments(std::string_view path) {
    std::string out;
    append_without_dot_segments(out, path);
    return out;
}

void resolve_iri(std::string_view base, std::string_view reference, std::string& out) {
    // Most references in real documents are absolute without dot segments:
    // nothing to do but copy. A dot segment needs a '.' right after a '/' or
    // at the start of a rootless path ("urn:./x").
    if (const std::size_t n = scheme_length(reference); n > 0) {
        bool dots = n + 1 < reference.size() && reference[n + 1] == '.';
        for (std::size_t i = n + 1; !dots && i + 1 < reference.size(); ++i) {
            dots = reference[i] == '/' && reference[i + 1] == '.';
        }
        if (!dots) {
            out.assign(reference);
            return;
        }
    }
    out.clear();
    const IriParts ref = split(reference);
    if (ref.has_scheme) {
        out.append(ref.scheme);
        out += ':';
        if (ref.has_authority) {
            out += "//";
            out.append(ref.authority);
        }
        append_without_dot_segments(out, ref.path);
        append_query_fragment(out, ref.has_query, ref.query, ref);
        return;
    }
    if (base.empty()) {
        out.assign(reference);
        return;
    }
    const IriParts b = split(base);
    if (b.has_scheme) {
        out.append(b.scheme);
        out += ':';
    }
    if (ref.has_authority) {
        out += "//";
        out.append(ref.authority);
        append_without_dot_segments(out, ref.path);
        append_query_fragment(out, ref.has_query, ref.query, ref);
        return;
    }
    if (b.has_authority) {
        out += "//";
        out.append(b.authority);
    }
    if (ref.path.empty()) {
        out.append(b.path);
        if (ref.has_query) {
            append_query_fragment(out, true, ref.query, ref);
        } else {
            append_query_fragment(out, b.has_query, b.query, ref);
        }
        return;
    }
    if (ref.path[0] == '/') {
        append_without_dot_segments(out, ref.path);
    } else {
        // Merge (section 5.2.3): the base path up to its last '/', then the reference path.
        std::string_view directory;
        if (b.has_authority && b.path.empty()) {
            directory = "/";
        } else if (const std::size_t slash = b.path.rfind('/'); slash != std::string_view::npos) {
            directory = b.path.substr(0, slash + 1);
        }
        if (!has_dot_segments(directory) && !has_dot_segments(ref.path)) {
            out.append(directory);
            out.append(ref.path);
        } else {
            std::string merged(directory);
            merged.append(ref.path);
            append_without_dot_segments(out, merged);
        }
    }
    append_query_fragment(out, ref.has_query, ref.query, ref);
}

std::string resolve_iri(std::string_view base, std::string_view reference) {
    std::string out;
    resolve_iri(base, reference, out);
    return out;
}

}  // namespace ernte::catalog::rdf
