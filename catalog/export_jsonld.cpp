#include "catalog/export_syntax.hpp"
#include "catalog/export_text.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <functional>
#include <vector>

namespace ernte::catalog::rdf_export {

namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

std::string make_head() {
    std::string out = "{\n\"@context\": {";
    for (std::size_t k = 0; k < k_namespaces.size(); ++k) {
        out += k == 0 ? "\n  \"" : ",\n  \"";
        out += k_namespaces[k].prefix;
        out += "\": \"";
        out += k_namespaces[k].iri;
        out += '"';
    }
    out += "\n},\n\"@graph\": [";
    return out;
}

const std::string& head() {
    static const std::string text = make_head();
    return text;
}

/// JSON-LD: an inline @context of the prefixes (so the document does not
/// depend on a remote context) and a @graph of node objects, one top-level
/// node per line. Every value is a value object (`@value` with `@language` or
/// `@type`) or a node reference (`@id`), every property an array. JSON does
/// not allow a key twice in an object, so the statements of a node are
/// gathered by predicate: a node is kept until it ends and then written, all
/// except the catalogue node, whose statements come grouped already and
/// which is streamed.
class JsonLdSerializer final : public Serializer {
public:
    explicit JsonLdSerializer(std::ostream* out) : Serializer(out), m_writer(m_json) {}

    void begin_document() override {
        text() += head();
        m_first_node = true;
    }

    void end_document() override { text() += "\n]\n}\n"; }

    void begin_node(const Value& subject, std::span<const Iri> types, NodeStyle style) override {
        text() += m_first_node ? "\n" : ",\n";
        m_first_node = false;
        m_streaming = style == NodeStyle::catalogue;
        m_entries.clear();
        m_arena.clear();
        m_open.clear();
        if (!m_streaming) {
            push_node(subject_id(subject), types);
            return;
        }
        m_writer.Reset(m_json);
        m_writer.StartObject();
        m_writer.Key("@id");
        const Span id = subject_id(subject);
        put_string(view(id));
        write_types(type_list(types));
        m_stream_key.clear();
        take_json();
    }

    void end_node() override {
        if (m_streaming) {
            if (!m_stream_key.empty()) m_writer.EndArray();
            m_writer.EndObject();
        } else {
            m_writer.Reset(m_json);
            m_done.assign(m_entries.size(), false);
            write_node(0, true);
        }
        take_json();
        flush_if_full();
    }

    void statement(const Iri& predicate, const Value& object) override {
        if (m_streaming && m_open.empty()) {
            stream_key(predicate);
            m_entries.clear();
            m_arena.clear();
            push_statement(predicate, object);
            write_value(0);
            take_json();
            flush_if_full();
            return;
        }
        push_statement(predicate, object);
    }

    void begin_nested(const Iri& predicate, std::span<const Iri> types) override {
        if (m_streaming && m_open.empty()) {
            stream_key(predicate);
            m_entries.clear();
            m_arena.clear();
        }
        const std::size_t index = push_node({}, types);
        m_entries[index].key = key(predicate);
        m_entries[index].key_hash = std::hash<std::string_view>{}(view(m_entries[index].key));
    }

    void end_nested() override {
        const std::size_t index = m_open.back();
        m_open.pop_back();
        m_entries[index].end = m_entries.size();
        if (m_streaming && m_open.empty()) {
            m_done.assign(m_entries.size(), false);
            write_node(index, false);
            take_json();
        }
    }

private:
    struct Span {
        std::size_t offset = 0;
        std::size_t length = 0;
    };

    /// One statement, or a node (the top-level one, or a nested one with the statements after it up to `end`).
    struct Entry {
        enum class Kind { iri, blank, literal, node };
        Kind kind = Kind::node;
        Span key;       ///< the property
        std::size_t key_hash = 0;
        Span text;      ///< iri and blank: the @id; literal: the value; node: its @id (top-level only)
        Span lang;      ///< literal: language tag, written as given after normalization
        Span datatype;  ///< literal: @type
        Span types;     ///< node: its types, separated by spaces (IRIs have none: they are encoded)
        std::size_t end = 0;
    };

    /// Moves what the JSON writer wrote into the document.
    void take_json() {
        text().append(m_json.GetString(), m_json.GetSize());
        m_json.Clear();
    }

    std::string_view view(Span s) const { return std::string_view(m_arena).substr(s.offset, s.length); }

    /// Appends text produced by `append` to the arena and returns where it is.
    template <typename Append>
    Span store(Append&& append) {
        const std::size_t offset = m_arena.size();
        append(m_arena);
        return {offset, m_arena.size() - offset};
    }

    /// Text as valid UTF-8 (every string the arena holds is: IRIs are encoded, labels and tags ASCII).
    Span store_text(std::string_view s) {
        return store([&](std::string& out) { append_valid_utf8(out, s); });
    }

    /// An IRI in full, encoded (for @id, where a compact IRI is not expanded by every reader).
    Span store_full_iri(const Iri& iri) {
        return store([&](std::string& out) {
            if (iri.prefix.empty()) {
                append_encoded_iri(out, iri.name);
                return;
            }
            out += namespace_iri(iri.prefix);
            out += iri.name;
        });
    }

    /// A property, class or datatype: a compact IRI where it is in a declared namespace.
    Span store_term(const Iri& iri) {
        return store([&](std::string& out) { append_term(out, iri); });
    }

    static void append_term(std::string& out, const Iri& iri) {
        const Iri term = iri.prefix.empty() ? compact(iri.name) : iri;
        if (term.prefix.empty()) {
            append_encoded_iri(out, term.name);
            return;
        }
        out += term.prefix;
        out += ':';
        out += term.name;
    }

    Span key(const Iri& predicate) { return store_term(predicate); }

    Span subject_id(const Value& subject) {
        if (subject.kind == Value::Kind::blank)
            return store([&](std::string& out) {
                out += "_:";
                out += subject.text;
            });
        return store_full_iri(subject.iri);
    }

    Span type_list(std::span<const Iri> types) {
        return store([&](std::string& out) {
            for (std::size_t k = 0; k < types.size(); ++k) {
                if (k != 0) out += ' ';
                append_term(out, types[k]);
            }
        });
    }

    std::size_t push_node(Span id, std::span<const Iri> types) {
        Entry e;
        e.kind = Entry::Kind::node;
        e.text = id;
        e.types = type_list(types);
        m_entries.push_back(e);
        m_open.push_back(m_entries.size() - 1);
        return m_entries.size() - 1;
    }

    void push_statement(const Iri& predicate, const Value& object) {
        Entry e;
        e.key = key(predicate);
        e.key_hash = std::hash<std::string_view>{}(view(e.key));
        switch (object.kind) {
            case Value::Kind::iri:
                e.kind = Entry::Kind::iri;
                e.text = store_full_iri(object.iri);
                break;
            case Value::Kind::blank:
                e.kind = Entry::Kind::blank;
                e.text = store([&](std::string& out) {
                    out += "_:";
                    out += object.text;
                });
                break;
            case Value::Kind::literal:
                e.kind = Entry::Kind::literal;
                e.text = store_text(object.text);
                if (!object.lang.empty()) {
                    if (is_language_tag(object.lang))
                        e.lang = store([&](std::string& out) { append_language_tag(out, object.lang); });
                } else if (!object.datatype.empty()) {
                    e.datatype = store_term(object.datatype);
                }
                break;
        }
        m_entries.push_back(e);
    }

    /// In the streamed node: opens the array of `predicate` unless it is open already.
    void stream_key(const Iri& predicate) {
        m_key_text.clear();
        append_term(m_key_text, predicate);
        if (m_key_text == m_stream_key) return;
        if (!m_stream_key.empty()) m_writer.EndArray();
        put_key(m_key_text);
        m_writer.StartArray();
        m_stream_key = m_key_text;
    }

    void write_types(Span types) {
        std::string_view list = view(types);
        if (list.empty()) return;
        m_writer.Key("@type");
        const bool several = list.find(' ') != std::string_view::npos;
        if (several) m_writer.StartArray();
        while (!list.empty()) {
            const std::size_t space = list.find(' ');
            put_string(list.substr(0, space));
            list = space == std::string_view::npos ? std::string_view{} : list.substr(space + 1);
        }
        if (several) m_writer.EndArray();
    }

    /// Writes the node at `index` with its statements gathered by property.
    void write_node(std::size_t index, bool top_level) {
        const Entry& node = m_entries[index];
        const std::size_t end = node.end == 0 ? m_entries.size() : node.end;
        m_writer.StartObject();
        if (top_level) {
            m_writer.Key("@id");
            put_string(view(node.text));
        }
        write_types(node.types);
        for (std::size_t i = index + 1; i < end; i = next(i)) {
            if (m_done[i]) continue;
            const std::string_view k = view(m_entries[i].key);
            const std::size_t hash = m_entries[i].key_hash;
            put_key(k);
            m_writer.StartArray();
            for (std::size_t j = i; j < end; j = next(j)) {
                if (m_done[j] || m_entries[j].key_hash != hash || view(m_entries[j].key) != k) continue;
                m_done[j] = true;
                write_value(j);
            }
            m_writer.EndArray();
        }
        m_writer.EndObject();
    }

    /// The entry after `i` and everything nested in it.
    std::size_t next(std::size_t i) const {
        return m_entries[i].kind == Entry::Kind::node ? m_entries[i].end : i + 1;
    }

    void write_value(std::size_t index) {
        const Entry& e = m_entries[index];
        switch (e.kind) {
            case Entry::Kind::node: write_node(index, false); return;
            case Entry::Kind::iri:
            case Entry::Kind::blank:
                m_writer.StartObject();
                m_writer.Key("@id");
                put_string(view(e.text));
                m_writer.EndObject();
                return;
            case Entry::Kind::literal:
                m_writer.StartObject();
                m_writer.Key("@value");
                put_string(view(e.text));
                if (e.lang.length != 0) {
                    m_writer.Key("@language");
                    put_string(view(e.lang));
                } else if (e.datatype.length != 0) {
                    m_writer.Key("@type");
                    put_string(view(e.datatype));
                }
                m_writer.EndObject();
                return;
        }
    }

    /// Writes a string of the arena (valid UTF-8, see store_text).
    void put_string(std::string_view s) { m_writer.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); }

    void put_key(std::string_view s) { m_writer.Key(s.data(), static_cast<rapidjson::SizeType>(s.size())); }

    rapidjson::StringBuffer m_json;
    JsonWriter m_writer;
    bool m_first_node = true;
    bool m_streaming = false;
    std::string m_stream_key;  ///< the property whose array is open in the streamed node
    std::string m_key_text;
    std::string m_arena;
    std::vector<Entry> m_entries;
    std::vector<std::size_t> m_open;  ///< nodes being described, innermost last
    std::vector<bool> m_done;
};

}  // namespace

std::unique_ptr<Serializer> make_jsonld_serializer(std::ostream* out) {
    return std::make_unique<JsonLdSerializer>(out);
}

}  // namespace ernte::catalog::rdf_export
