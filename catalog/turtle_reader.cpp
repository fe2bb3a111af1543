#include "catalog/turtle_reader.hpp"

#include <serd/serd.h>

#include <cstdarg>
#include <cstdio>
#include <exception>
#include <memory>

namespace ernte::catalog {

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
    const std::function<void(const TurtleTriple&)>* on_triple = nullptr;
    std::exception_ptr error;
    TurtleParseResult result;
};

std::string node_text(const SerdNode* node) {
    if (node == nullptr || node->buf == nullptr) return {};
    return {reinterpret_cast<const char*>(node->buf), node->n_bytes};
}

/// An IRI or CURIE node as an absolute IRI (empty when it cannot be expanded).
std::string expand(const SerdEnv* env, const SerdNode* node) {
    SerdNode expanded = serd_env_expand_node(env, node);
    if (expanded.type == SERD_NOTHING) {
        return node->type == SERD_URI ? node_text(node) : std::string{};
    }
    std::string iri = node_text(&expanded);
    serd_node_free(&expanded);
    return iri;
}

model::Term to_term(const SerdEnv* env, const SerdNode* node) {
    model::Term term;
    switch (node->type) {
    case SERD_URI:
    case SERD_CURIE:
        term.kind = model::Term::Kind::iri;
        term.value = expand(env, node);
        break;
    case SERD_BLANK:
        term.kind = model::Term::Kind::blank;
        term.value = node_text(node);
        break;
    default:
        term.kind = model::Term::Kind::literal;
        term.value = node_text(node);
        break;
    }
    return term;
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
        TurtleTriple triple;
        triple.subject = to_term(state->env, subject);
        triple.predicate = to_term(state->env, predicate);
        triple.object = to_term(state->env, object);
        if (triple.object.kind == model::Term::Kind::literal) {
            if (object_datatype != nullptr && object_datatype->type != SERD_NOTHING) {
                triple.object.datatype = expand(state->env, object_datatype);
            }
            if (object_lang != nullptr && object_lang->type != SERD_NOTHING) {
                triple.object.lang = node_text(object_lang);
            }
        }
        (*state->on_triple)(triple);
    } catch (...) {
        state->error = std::current_exception();
        return SERD_ERR_INTERNAL;  // stops the reader
    }
    return SERD_SUCCESS;
}

SerdStatus on_error(void* handle, const SerdError* error) {
    auto* state = static_cast<ReadState*>(handle);
    if (!state->result.ok) return SERD_SUCCESS;  // keep the first error
    state->result.ok = false;
    state->result.line = error->line;
    state->result.column = error->col;
    char buffer[512];
    va_list args;
    va_copy(args, *error->args);
    std::vsnprintf(buffer, sizeof buffer, error->fmt, args);
    va_end(args);
    std::string description = buffer;
    while (!description.empty() && (description.back() == '\n' || description.back() == ' ')) {
        description.pop_back();
    }
    state->result.description = std::move(description);
    return SERD_SUCCESS;
}

}  // namespace

TurtleParseResult read_turtle(std::string_view text, std::string_view base_iri,
                              const std::function<void(const TurtleTriple&)>& on_triple) {
    const std::string base(base_iri);
    SerdNode base_node = serd_node_from_string(SERD_URI, reinterpret_cast<const uint8_t*>(base.c_str()));
    std::unique_ptr<SerdEnv, EnvDeleter> env(serd_env_new(base.empty() ? nullptr : &base_node));

    ReadState state;
    state.env = env.get();
    state.on_triple = &on_triple;

    std::unique_ptr<SerdReader, ReaderDeleter> reader(
        serd_reader_new(SERD_TURTLE, &state, nullptr, on_base, on_prefix, on_statement, nullptr));
    serd_reader_set_error_sink(reader.get(), on_error, &state);

    const std::string terminated(text);  // serd reads a NUL-terminated string
    const SerdStatus status =
        serd_reader_read_string(reader.get(), reinterpret_cast<const uint8_t*>(terminated.c_str()));

    if (state.error) std::rethrow_exception(state.error);
    if (status > SERD_FAILURE && state.result.ok) {
        state.result.ok = false;
        state.result.description = reinterpret_cast<const char*>(serd_strerror(status));
    }
    return state.result;
}

}  // namespace ernte::catalog
