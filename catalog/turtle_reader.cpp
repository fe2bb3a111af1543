#include "catalog/turtle_reader.hpp"

#include <serd/serd.h>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <memory>
#include <vector>

namespace ernte::catalog::rdf {

namespace {

struct EnvDeleter {
    void operator()(SerdEnv* env) const { serd_env_free(env); }
};
struct ReaderDeleter {
    void operator()(SerdReader* reader) const { serd_reader_free(reader); }
};

/// State shared with serd's callbacks. Nothing may be thrown through serd:
/// failures are kept here and reported after serd_reader_read_string returns.
struct ReadState {
    SerdEnv* env = nullptr;
    const TripleHandler* handler = nullptr;
    const ReadOptions* options = nullptr;
    std::exception_ptr error;
    ParseResult result;
    Triple triple;  ///< reused: its strings keep their capacity between statements
    std::size_t dropped_warnings = 0;
};

void assign(std::string& out, const SerdNode* node) {
    if (node == nullptr || node->buf == nullptr) {
        out.clear();
        return;
    }
    out.assign(reinterpret_cast<const char*>(node->buf), node->n_bytes);
}

void warn(ReadState& state, std::string message, std::string value = {}) {
    if (state.result.warnings.size() >= state.options->max_warnings) {
        ++state.dropped_warnings;
        return;
    }
    state.result.warnings.push_back({0, 0, std::move(message), std::move(value)});
}

size_t append_to_string(const void* buf, size_t len, void* stream) {
    static_cast<std::string*>(stream)->append(static_cast<const char*>(buf), len);
    return len;
}

/// Whether serd_uri_parse finds a scheme in `uri`: a letter first, and a ':'
/// before any '/', '?', '#' or the end. Such a URI is absolute; serd resolves
/// it to itself and serialises it byte for byte as it was.
bool has_scheme(const uint8_t* uri) {
    const auto letter = [](uint8_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    if (!letter(uri[0])) return false;
    for (const uint8_t* p = uri + 1;; ++p) {
        switch (*p) {
        case ':': return true;
        case '\0':
        case '/':
        case '?':
        case '#': return false;
        default: break;
        }
    }
}

/// An IRI or CURIE node as an absolute IRI, percent-encoding what a URI may
/// not contain (serd reads leniently and keeps such IRIs as written). The
/// same text serd_env_expand_node gives, written straight into `out` (which
/// keeps its capacity) instead of a node serd allocates.
void expand(ReadState& state, const SerdNode* node, std::string& out) {
    if (node->type == SERD_CURIE) {
        SerdChunk prefix;
        SerdChunk suffix;
        if (serd_env_expand(state.env, node, &prefix, &suffix) == SERD_SUCCESS) {
            out.assign(reinterpret_cast<const char*>(prefix.buf), prefix.len);
            out.append(reinterpret_cast<const char*>(suffix.buf), suffix.len);
        } else {
            assign(out, node);
        }
    } else if (node->type == SERD_URI && node->buf != nullptr && has_scheme(node->buf) &&
               std::memchr(node->buf, '\0', node->n_bytes) == nullptr) {
        // Absolute (and no NUL inside, where serd would stop reading): serd's
        // resolution and serialisation give it back unchanged.
        assign(out, node);
    } else if (node->type == SERD_URI && node->buf != nullptr) {
        // Resolved against the base (the empty IRI is the base itself), then serialised.
        SerdURI base;
        serd_env_get_base_uri(state.env, &base);
        out.clear();
        if (node->buf[0] == '\0') {
            serd_uri_serialise(&base, append_to_string, &out);
        } else {
            SerdURI uri;
            serd_uri_parse(node->buf, &uri);
            SerdURI absolute = uri;
            serd_uri_resolve(&uri, &base, &absolute);
            serd_uri_serialise(&absolute, append_to_string, &out);
        }
    } else {
        assign(out, node);
    }
    if (iri_needs_encoding(out)) {
        warn(state, "IRI <" + out + "> contains characters not allowed in IRIs; percent-encoded", out);
        out = encode_iri(out);
    }
}

void to_term(ReadState& state, const SerdNode* node, Term& term) {
    term.datatype.clear();
    term.lang.clear();
    switch (node->type) {
    case SERD_URI:
    case SERD_CURIE:
        term.kind = Term::Kind::iri;
        expand(state, node, term.value);
        break;
    case SERD_BLANK:
        term.kind = Term::Kind::blank;
        assign(term.value, node);
        break;
    default:
        term.kind = Term::Kind::literal;
        assign(term.value, node);
        break;
    }
}

SerdStatus on_base(void* handle, const SerdNode* uri) {
    auto* state = static_cast<ReadState*>(handle);
    return serd_env_set_base_uri(state->env, uri);
}

SerdStatus on_prefix(void* handle, const SerdNode* name, const SerdNode* uri) {
    auto* state = static_cast<ReadState*>(handle);
    return serd_env_set_prefix(state->env, name, uri);
}

SerdStatus on_statement(void* handle, SerdStatementFlags /*flags*/, const SerdNode* /*graph*/,
                        const SerdNode* subject, const SerdNode* predicate, const SerdNode* object,
                        const SerdNode* object_datatype, const SerdNode* object_lang) {
    auto* state = static_cast<ReadState*>(handle);
    if (state->error) return SERD_ERR_INTERNAL;
    try {
        Triple& triple = state->triple;
        to_term(*state, subject, triple.subject);
        to_term(*state, predicate, triple.predicate);
        to_term(*state, object, triple.object);
        if (triple.object.kind == Term::Kind::literal) {
            if (object_datatype != nullptr && object_datatype->type != SERD_NOTHING) {
                expand(*state, object_datatype, triple.object.datatype);
            }
            if (object_lang != nullptr && object_lang->type != SERD_NOTHING) {
                assign(triple.object.lang, object_lang);
            }
        }
        ++state->result.triples;
        (*state->handler)(triple);
    } catch (...) {
        state->error = std::current_exception();
        return SERD_ERR_INTERNAL;  // stops the reader
    }
    return SERD_SUCCESS;
}

SerdStatus on_error(void* handle, const SerdError* error) {
    auto* state = static_cast<ReadState*>(handle);
    if (!state->result.ok) return SERD_SUCCESS;  // keep the first error
    char buffer[512];
    va_list args;
    va_copy(args, *error->args);
    std::vsnprintf(buffer, sizeof buffer, error->fmt, args);
    va_end(args);
    std::string description = buffer;
    while (!description.empty() && (description.back() == '\n' || description.back() == ' ')) {
        description.pop_back();
    }
    if (error->status == SERD_SUCCESS || error->status == SERD_FAILURE) return SERD_SUCCESS;
    state->result.ok = false;
    state->result.line = error->line;
    state->result.column = error->col;
    state->result.description = std::move(description);
    return SERD_SUCCESS;
}

/// The end of the comment (`#` to the end of the line) or the string (short
/// or long, either quote) that starts at text[i]; the end of the text when it
/// is not closed.
std::size_t skip_comment_or_string(std::string_view text, std::size_t i) {
    const std::size_t n = text.size();
    const char c = text[i];
    if (c == '#') {
        const std::size_t end = text.find('\n', i);
        return end == std::string_view::npos ? n : end;
    }
    const bool long_string = i + 2 < n && text[i + 1] == c && text[i + 2] == c;
    std::size_t j = i + (long_string ? 3 : 1);
    while (j < n) {
        if (text[j] == '\\') {
            j += 2;
        } else if (long_string ? (j + 2 < n && text[j] == c && text[j + 1] == c && text[j + 2] == c)
                               : (text[j] == c || text[j] == '\n')) {
            return j + (long_string ? 3 : 1);
        } else {
            ++j;
        }
    }
    return n;
}

/// Characters that matter to the nesting check: what opens or closes a blank
/// node or collection (kind 1), or starts a comment, string or IRI (kind 2).
constexpr std::array<std::uint8_t, 256> k_nesting_scan = [] {
    std::array<std::uint8_t, 256> table{};
    for (const unsigned char c : {'[', '(', ']', ')'}) table[c] = 1;
    for (const unsigned char c : {'#', '"', '\'', '<'}) table[c] = 2;
    return table;
}();

/// Where blank nodes `[ ... ]` and collections `( ... )` first nest deeper
/// than `max_depth` (outside comments, strings and IRIs), or npos. serd reads
/// them recursively, so a page nesting them thousands deep would overflow the
/// stack: such a page is refused before serd sees it.
std::size_t too_deep_at(std::string_view text, std::size_t max_depth) {
    const std::size_t n = text.size();
    std::size_t depth = 0;
    std::size_t i = 0;
    while (i < n) {
        const char c = text[i];
        switch (k_nesting_scan[static_cast<unsigned char>(c)]) {
            case 0:
                ++i;
                break;
            case 1:
                if (c == '[' || c == '(') {
                    if (++depth > max_depth) return i;
                } else if (depth > 0) {
                    --depth;
                }
                ++i;
                break;
            default:
                if (c == '<') {
                    const std::size_t close = text.find_first_of(">\n", i + 1);
                    i = close == std::string_view::npos ? n : close + 1;
                } else {
                    i = skip_comment_or_string(text, i);
                }
        }
    }
    return std::string_view::npos;
}

/// A failed ParseResult for the problem at byte `offset` of `text`.
ParseResult failure_at(std::string_view text, std::size_t offset, std::string description) {
    ParseResult result;
    result.ok = false;
    const auto before = text.substr(0, offset);
    result.line = 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
    const auto line_start = before.rfind('\n');
    result.column = offset - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1;
    result.description = std::move(description);
    return result;
}

/// Percent-encode what a URI may not contain inside the `<...>` IRIs of a
/// Turtle or N-Triples text (outside strings and comments), for documents
/// that serd's strict reading rejects for it. Returns the repaired IRIs as
/// written, for warnings.
std::vector<std::string> repair_iris(std::string& text) {
    std::vector<std::string> repaired;
    std::string out;
    out.reserve(text.size() + 64);
    std::size_t i = 0;
    const std::size_t n = text.size();
    while (i < n) {
        const char c = text[i];
        if (c == '#' || c == '"' || c == '\'') {  // a comment or a string: copied as it is
            const std::size_t j = skip_comment_or_string(text, i);
            out.append(text, i, j - i);
            i = j;
        } else if (c == '<') {
            const std::size_t close = text.find_first_of(">\n", i + 1);
            if (close == std::string::npos || text[close] != '>') {
                out += c;
                ++i;
                continue;
            }
            const std::string_view iri(text.data() + i + 1, close - i - 1);
            std::string fixed;
            for (std::size_t k = 0; k < iri.size(); ++k) {
                const auto b = static_cast<unsigned char>(iri[k]);
                if (b == '\\' && k + 1 < iri.size() && (iri[k + 1] == 'u' || iri[k + 1] == 'U')) {
                    fixed += iri[k];  // \uXXXX escapes are Turtle's own
                } else if (b <= 0x20 || b == '<' || b == '"' || b == '{' || b == '}' || b == '|' || b == '^' ||
                           b == '`' || b == '\\') {
                    fixed += fmt::format("%{:02X}", b);
                } else {
                    fixed += iri[k];
                }
            }
            if (fixed != iri) repaired.emplace_back(iri);
            out += '<';
            out += fixed;
            out += '>';
            i = close + 1;
        } else {
            out += c;
            ++i;
        }
    }
    text = std::move(out);
    return repaired;
}

/// What ends the look at one `<...>`: its end, the end of the line, another
/// `<` (kind 1), or a character an IRI may not contain (kind 2).
constexpr std::array<std::uint8_t, 256> k_iri_scan = [] {
    std::array<std::uint8_t, 256> table{};
    for (const unsigned char c : {'>', '\n', '<'}) table[c] = 1;
    for (const unsigned char c : {' ', '\t', '"', '{', '}', '|', '^', '`'}) table[c] = 2;
    return table;
}();

/// Whether some `<...>` on one line contains a character an IRI may not
/// (cheap pre-check; repair_iris then skips strings and comments properly).
bool may_have_broken_iris(std::string_view text) {
    std::size_t i = text.find('<');
    while (i != std::string_view::npos) {
        std::size_t j = i + 1;
        while (j < text.size() && k_iri_scan[static_cast<unsigned char>(text[j])] == 0) ++j;
        if (j == text.size()) return false;
        if (k_iri_scan[static_cast<unsigned char>(text[j])] == 2) return true;
        i = text[j] == '<' ? j : text.find('<', j + 1);
    }
    return false;
}

ParseResult read_serd(SerdSyntax syntax, std::string_view text, const ReadOptions& options,
                      const TripleHandler& handler) {
    const std::string base(options.base_iri);
    SerdNode base_node = serd_node_from_string(SERD_URI, reinterpret_cast<const uint8_t*>(base.c_str()));
    std::unique_ptr<SerdEnv, EnvDeleter> env(serd_env_new(base.empty() ? nullptr : &base_node));

    ReadState state;
    state.env = env.get();
    state.handler = &handler;
    state.options = &options;

    std::unique_ptr<SerdReader, ReaderDeleter> reader(
        serd_reader_new(syntax, &state, nullptr, on_base, on_prefix, on_statement, nullptr));
    serd_reader_set_error_sink(reader.get(), on_error, &state);
    // Strict: serd's lax mode skips broken statements silently (a truncated
    // page would look complete). IRIs with spaces are repaired below instead.
    serd_reader_set_strict(reader.get(), true);

    // serd reads a NUL-terminated string; a NUL inside the text is an error.
    if (const auto nul = text.find('\0'); nul != std::string_view::npos)
        return failure_at(text, nul, "the document contains a NUL byte (binary data, not Turtle)");
    if (const auto deep = too_deep_at(text, options.max_depth); deep != std::string_view::npos)
        return failure_at(text, deep,
                          fmt::format("blank nodes [ ] and collections ( ) are nested deeper than {} levels",
                                      options.max_depth));
    std::string terminated(text);
    if (may_have_broken_iris(terminated)) {
        // Real portals publish IRIs with spaces: encode them before reading.
        for (const auto& iri : repair_iris(terminated))
            warn(state, "IRI <" + iri + "> contains characters not allowed in IRIs; percent-encoded", iri);
    }
    const SerdStatus status =
        serd_reader_read_string(reader.get(), reinterpret_cast<const uint8_t*>(terminated.c_str()));

    if (state.error) std::rethrow_exception(state.error);
    if (status > SERD_FAILURE && state.result.ok) {
        state.result.ok = false;
        state.result.description = reinterpret_cast<const char*>(serd_strerror(status));
    }
    if (!state.result.ok && state.result.line == 0) {
        // Where reading stopped: serd does not say for every error.
        std::size_t line = 1, column = 1;
        for (const char c : text) {
            if (c == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        state.result.line = line;
        state.result.column = column;
    }
    if (state.dropped_warnings > 0) {
        state.result.warnings.push_back({0, 0, std::to_string(state.dropped_warnings) + " more warnings", {}});
    }
    return std::move(state.result);
}

}  // namespace

ParseResult read_turtle(std::string_view text, const ReadOptions& options, const TripleHandler& handler) {
    return read_serd(SERD_TURTLE, text, options, handler);
}

ParseResult read_ntriples(std::string_view text, const ReadOptions& options, const TripleHandler& handler) {
    return read_serd(SERD_NTRIPLES, text, options, handler);
}

}  // namespace ernte::catalog::rdf
