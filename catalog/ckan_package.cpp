#include "catalog/ckan_package.hpp"

#include "catalog/normalize.hpp"
#include "catalog/text.hpp"
#include "catalog/time.hpp"

#include <pugixml.hpp>
#include <rapidjson/reader.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <unordered_set>

namespace ernte::catalog {

namespace {

using model::Agent;
using model::ContactPoint;
using model::Dataset;
using model::Distribution;
using model::ExtraProperty;
using model::LangString;
using model::Term;

constexpr std::string_view p_dct_access_rights = "http://purl.org/dc/terms/accessRights";
constexpr std::string_view p_locn_geometry = "http://www.w3.org/ns/locn#geometry";
constexpr std::string_view p_dcat_bbox = "http://www.w3.org/ns/dcat#bbox";
constexpr std::string_view p_dcat_centroid = "http://www.w3.org/ns/dcat#centroid";
constexpr std::string_view dt_json = "http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON";
constexpr std::string_view dt_geojson = "https://www.iana.org/assignments/media-types/application/vnd.geo+json";
constexpr std::string_view dt_integer = "http://www.w3.org/2001/XMLSchema#integer";
constexpr std::string_view dt_decimal = "http://www.w3.org/2001/XMLSchema#decimal";
constexpr std::string_view dt_boolean = "http://www.w3.org/2001/XMLSchema#boolean";
constexpr std::string_view iana_media_types = "http://www.iana.org/assignments/media-types/";
constexpr std::string_view eu_file_types = "http://publications.europa.eu/resource/authority/file-type/";
constexpr std::string_view eu_language_deu = "http://publications.europa.eu/resource/authority/language/DEU";

/// The CKAN keys the normalizer reads into extras under a DCAT predicate
/// (catalog/normalize.cpp keeps the same list the other way round).
struct KnownPredicate {
    std::string_view key;
    std::string_view predicate;
};
constexpr std::array<KnownPredicate, 10> known_predicates{{
    {"provenance", "http://purl.org/dc/terms/provenance"},
    {"dcat_type", "http://purl.org/dc/terms/type"},
    {"is_referenced_by", "http://purl.org/dc/terms/isReferencedBy"},
    {"applicable_legislation", "http://data.europa.eu/r5r/applicableLegislation"},
    {"temporal_resolution", "http://www.w3.org/ns/dcat#temporalResolution"},
    {"spatial_resolution_in_meters", "http://www.w3.org/ns/dcat#spatialResolutionInMeters"},
    {"has_version", "http://purl.org/dc/terms/hasVersion"},
    {"is_version_of", "http://purl.org/dc/terms/isVersionOf"},
    {"sample", "http://www.w3.org/ns/adms#sample"},
    {"was_generated_by", "http://www.w3.org/ns/prov#wasGeneratedBy"},
}};

const KnownPredicate* known_predicate(std::string_view predicate) {
    for (const auto& known : known_predicates) {
        if (known.predicate == predicate) return &known;
    }
    return nullptr;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// ---------------------------------------------------------------- SHA-1 (for name-based UUIDs)

std::array<std::uint8_t, 20> sha1(std::string_view prefix, std::string_view data) {
    std::uint32_t h[5] = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
    const std::uint64_t total = prefix.size() + data.size();
    std::string message;
    message.reserve(total + 72);
    message.append(prefix);
    message.append(data);
    message += static_cast<char>(0x80);
    while (message.size() % 64 != 56) message += '\0';
    for (int shift = 56; shift >= 0; shift -= 8) message += static_cast<char>((total * 8) >> shift);
    auto rotl = [](std::uint32_t x, int n) { return (x << n) | (x >> (32 - n)); };
    for (std::size_t block = 0; block < message.size(); block += 64) {
        std::uint32_t w[80];
        for (int i = 0; i < 16; ++i) {
            const auto* b = reinterpret_cast<const unsigned char*>(message.data() + block + 4 * i);
            w[i] = (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) | b[3];
        }
        for (int i = 16; i < 80; ++i) w[i] = rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
        std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
        for (int i = 0; i < 80; ++i) {
            std::uint32_t f, k;
            if (i < 20) {
                f = (b & c) | (~b & d);
                k = 0x5A827999;
            } else if (i < 40) {
                f = b ^ c ^ d;
                k = 0x6ED9EBA1;
            } else if (i < 60) {
                f = (b & c) | (b & d) | (c & d);
                k = 0x8F1BBCDC;
            } else {
                f = b ^ c ^ d;
                k = 0xCA62C1D6;
            }
            const std::uint32_t t = rotl(a, 5) + f + e + k + w[i];
            e = d;
            d = c;
            c = rotl(b, 30);
            b = a;
            a = t;
        }
        h[0] += a;
        h[1] += b;
        h[2] += c;
        h[3] += d;
        h[4] += e;
    }
    std::array<std::uint8_t, 20> digest{};
    for (int i = 0; i < 20; ++i) digest[i] = static_cast<std::uint8_t>(h[i / 4] >> (24 - 8 * (i % 4)));
    return digest;
}

// ---------------------------------------------------------------- UTF-8 and names

/// The code point at `i` (advancing `i`); U+FFFD for a byte that starts no valid sequence.
char32_t next_code_point(std::string_view s, std::size_t& i) {
    const auto c = static_cast<unsigned char>(s[i++]);
    if (c < 0x80) return c;
    int extra = c >= 0xF0 && c < 0xF5 ? 3 : c >= 0xE0 ? 2 : c >= 0xC2 && c < 0xE0 ? 1 : -1;
    if (extra < 0 || c >= 0xF5) return 0xFFFD;
    char32_t cp = c & (0x3F >> extra);
    for (int n = 0; n < extra; ++n) {
        if (i >= s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) return 0xFFFD;
        cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3F);
    }
    return cp;
}

/// ASCII spellings of U+00C0 ... U+017F (Latin-1 letters and Latin Extended-A),
/// lower case; German umlauts and ß as DIN 5007 writes them.
constexpr std::array<std::string_view, 192> latin_ascii{
    "a",  "a",  "a",  "a",  "ae", "a",  "ae", "c",  "e",  "e", "e",  "e",  "i", "i", "i", "i",   // C0
    "d",  "n",  "o",  "o",  "o",  "o",  "oe", "",   "o",  "u", "u",  "u",  "ue", "y", "th", "ss",  // D0
    "a",  "a",  "a",  "a",  "ae", "a",  "ae", "c",  "e",  "e", "e",  "e",  "i", "i", "i", "i",   // E0
    "d",  "n",  "o",  "o",  "o",  "o",  "oe", "",   "o",  "u", "u",  "u",  "ue", "y", "th", "y",   // F0
    "a",  "a",  "a",  "a",  "a",  "a",  "c",  "c",  "c",  "c", "c",  "c",  "c", "c", "d", "d",   // 100
    "d",  "d",  "e",  "e",  "e",  "e",  "e",  "e",  "e",  "e", "e",  "e",  "g", "g", "g", "g",   // 110
    "g",  "g",  "g",  "g",  "h",  "h",  "h",  "h",  "i",  "i", "i",  "i",  "i", "i", "i", "i",   // 120
    "i",  "i",  "ij", "ij", "j",  "j",  "k",  "k",  "k",  "l", "l",  "l",  "l", "l", "l", "l",   // 130
    "l",  "l",  "l",  "n",  "n",  "n",  "n",  "n",  "n",  "n", "n",  "n",  "o", "o", "o", "o",   // 140
    "o",  "o",  "oe", "oe", "r",  "r",  "r",  "r",  "r",  "r", "s",  "s",  "s", "s", "s", "s",   // 150
    "s",  "s",  "t",  "t",  "t",  "t",  "t",  "t",  "u",  "u", "u",  "u",  "u", "u", "u", "u",   // 160
    "u",  "u",  "u",  "u",  "w",  "w",  "y",  "y",  "y",  "z", "z",  "z",  "z", "z", "z", "s",   // 170
};

/// A character CKAN's tag rule counts as a letter or digit (Python's \w for
/// the scripts portals write in): ASCII letters and digits, and non-ASCII
/// characters outside the punctuation and symbol blocks.
bool is_word_character(char32_t cp) {
    if (cp < 0x80) return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7 || cp == 0xFFFD) return false;
    if (cp >= 0x2000 && cp <= 0x2BFF) return false;   // punctuation, symbols, arrows, dingbats
    if (cp >= 0x3000 && cp <= 0x303F) return false;   // CJK punctuation
    if (cp >= 0xFE30 && cp <= 0xFE4F) return false;   // CJK compatibility forms
    if (cp >= 0xFF00 && cp <= 0xFF0F) return false;   // fullwidth punctuation
    if (cp >= 0x1F000 && cp <= 0x1FAFF) return false; // emoji and pictographs
    return true;
}

std::size_t utf8_length(std::string_view s) {
    std::size_t n = 0;
    for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

/// `s` cut after `max` characters, on a character boundary.
std::string_view utf8_prefix(std::string_view s, std::size_t max) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && count++ == max) return s.substr(0, i);
    }
    return s;
}

std::string_view iri_tail(std::string_view iri) {
    while (!iri.empty() && (iri.back() == '/' || iri.back() == '#')) iri.remove_suffix(1);
    const auto cut = iri.find_last_of("/#");
    return cut == std::string_view::npos ? iri : iri.substr(cut + 1);
}

// ---------------------------------------------------------------- JSON helpers

/// Compact JSON text written by `fill` (no DOM).
template <typename F>
std::string json_text(F&& fill) {
    rapidjson::StringBuffer buffer;
    CkanJsonWriter w(buffer);
    fill(w);
    return {buffer.GetString(), buffer.GetSize()};
}

void put_string(CkanJsonWriter& w, std::string_view value) {
    w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

void put(CkanJsonWriter& w, const char* key, std::string_view value) {
    w.Key(key);
    put_string(w, value);
}

void put_or_null(CkanJsonWriter& w, const char* key, std::string_view value) {
    w.Key(key);
    if (value.empty()) {
        w.Null();
    } else {
        put_string(w, value);
    }
}

/// Member `key` only when the value is given.
void put_given(CkanJsonWriter& w, const char* key, std::string_view value) {
    if (!value.empty()) put(w, key, value);
}

bool is_json(const std::string& text) {
    rapidjson::Reader reader;
    rapidjson::StringStream stream(text.c_str());
    rapidjson::BaseReaderHandler<> handler;
    return !text.empty() && !reader.Parse(stream, handler).IsError();
}

/// A value of a CKAN field: text, or JSON (a number, boolean, list or object)
/// where the source delivered one.
struct FieldValue {
    std::string text;
    bool json = false;
};

/// The CKAN value of an extra property's object: typed literals the CKAN
/// normalizer made from JSON values become that JSON again.
FieldValue term_value(const Term& t) {
    if (t.kind == Term::Kind::literal &&
        (t.datatype == dt_json || t.datatype == dt_integer || t.datatype == dt_decimal || t.datatype == dt_boolean) &&
        is_json(t.value)) {
        return {t.value, true};
    }
    return {t.value, false};
}

/// A node an extra property points to, with what the source said about it,
/// as a JSON object: {"@id": IRI, predicate: value or [values] ...}.
void put_node(CkanJsonWriter& w, const ExtraProperty& p) {
    if (p.children.empty()) {
        put_string(w, p.object.value);
        return;
    }
    w.StartObject();
    if (p.object.kind == Term::Kind::iri) put(w, "@id", p.object.value);
    std::vector<bool> done(p.children.size(), false);
    for (std::size_t i = 0; i < p.children.size(); ++i) {
        if (done[i]) continue;
        const std::string& predicate = p.children[i].predicate;
        std::vector<const ExtraProperty*> values;
        for (std::size_t j = i; j < p.children.size(); ++j) {
            if (!done[j] && p.children[j].predicate == predicate) {
                values.push_back(&p.children[j]);
                done[j] = true;
            }
        }
        w.Key(predicate.data(), static_cast<rapidjson::SizeType>(predicate.size()));
        if (values.size() == 1) {
            put_node(w, *values.front());
            continue;
        }
        w.StartArray();
        for (const ExtraProperty* v : values) put_node(w, *v);
        w.EndArray();
    }
    w.EndObject();
}

/// Named CKAN values in the order first given: the extras of a package (all
/// text) or the extra members of a resource (typed). A key given several
/// values, or marked as a list, becomes a JSON list.
class FieldSet {
public:
    void add(std::string_view key, std::string_view text) {
        if (!text.empty()) entry(key).values.push_back({std::string(text), false});
    }
    void add(std::string_view key, FieldValue value) {
        if (!value.text.empty()) entry(key).values.push_back(std::move(value));
    }
    void add_json(std::string_view key, std::string json) { entry(key).values.push_back({std::move(json), true}); }
    void add_list(std::string_view key, const std::vector<std::string>& values) {
        if (values.empty()) return;
        Entry& e = entry(key);
        e.list = true;
        for (const auto& v : values) {
            if (!v.empty()) e.values.push_back({v, false});
        }
    }
    bool has(std::string_view key) const {
        return std::any_of(m_entries.begin(), m_entries.end(), [&](const Entry& e) { return e.key == key; });
    }

    /// As CKAN extras: [{"key": k, "value": text}], lists and JSON as JSON text.
    void write_extras(CkanJsonWriter& w) const {
        w.StartArray();
        std::string text;
        for (const auto& e : m_entries) {
            if (e.values.empty()) continue;
            w.StartObject();
            put(w, "key", e.key);
            w.Key("value");
            if (e.values.size() == 1 && !e.list) {
                put_string(w, e.values.front().text);
            } else {
                text.clear();
                text += '[';
                for (std::size_t i = 0; i < e.values.size(); ++i) {
                    if (i > 0) text += ',';
                    if (e.values[i].json) {
                        text += e.values[i].text;
                    } else {
                        append_json_string(text, e.values[i].text);
                    }
                }
                text += ']';
                put_string(w, text);
            }
            w.EndObject();
        }
        w.EndArray();
    }

    /// As members of the object being written, JSON values as JSON.
    void write_members(CkanJsonWriter& w) const {
        auto value = [&](const FieldValue& v) {
            if (v.json) {
                w.RawValue(v.text.data(), v.text.size(), rapidjson::kObjectType);
            } else {
                put_string(w, v.text);
            }
        };
        for (const auto& e : m_entries) {
            if (e.values.empty()) continue;
            w.Key(e.key.data(), static_cast<rapidjson::SizeType>(e.key.size()));
            if (e.values.size() == 1 && !e.list) {
                value(e.values.front());
                continue;
            }
            w.StartArray();
            for (const auto& v : e.values) value(v);
            w.EndArray();
        }
    }

private:
    struct Entry {
        std::string key;
        std::vector<FieldValue> values;
        bool list = false;
    };
    Entry& entry(std::string_view key) {
        for (auto& e : m_entries) {
            if (e.key == key) return e;
        }
        m_entries.push_back({std::string(key), {}, false});
        return m_entries.back();
    }
    std::vector<Entry> m_entries;
};

/// Fields of CKAN's package schema: an extra may not be named like one.
constexpr std::array<std::string_view, 31> package_fields{
    "id",       "name",          "title",           "author",           "author_email",
    "maintainer", "maintainer_email", "license_id", "license_title",    "license_url",
    "notes",    "url",           "version",         "state",            "type",
    "owner_org", "private",      "metadata_created", "metadata_modified", "creator_user_id",
    "extras",   "resources",     "tags",            "groups",           "organization",
    "num_resources", "num_tags", "isopen",          "title_translated", "notes_translated",
    "tags_translated"};

/// The extra properties of a record or distribution as CKAN fields: CKAN
/// extras kept by the normalizer under their own key (in a package prefixed
/// "extra_" where CKAN has a field of that name), DCAT properties under the
/// key the normalizer reads them from, anything else under its predicate IRI
/// (a described node as a JSON object).
void add_extra_properties(FieldSet& fields, const std::vector<ExtraProperty>& extra, bool package) {
    std::vector<bool> done(extra.size(), false);
    for (std::size_t i = 0; i < extra.size(); ++i) {
        if (done[i]) continue;
        const ExtraProperty& p = extra[i];
        const std::string_view predicate = p.predicate;
        if (starts_with(predicate, ckan_extra_predicate)) {
            const std::string_view key = predicate.substr(ckan_extra_predicate.size());
            const bool reserved =
                package && std::find(package_fields.begin(), package_fields.end(), key) != package_fields.end();
            fields.add(reserved ? "extra_" + std::string(key) : std::string(key), term_value(p.object));
            continue;
        }
        if (!p.children.empty()) {
            fields.add_json(predicate, json_text([&](CkanJsonWriter& w) { put_node(w, p); }));
            continue;
        }
        const bool geojson = p.object.datatype == dt_geojson || starts_with(p.object.value, "{");
        if (geojson && (predicate == p_locn_geometry || predicate == p_dcat_bbox || predicate == p_dcat_centroid)) {
            const std::string_view key = predicate == p_locn_geometry ? "spatial"
                                         : predicate == p_dcat_bbox   ? "spatial_bbox"
                                                                      : "spatial_centroid";
            fields.add(key, p.object.value);
            continue;
        }
        if (predicate == p_dct_access_rights) {
            fields.add("access_rights", p.object.value);
            continue;
        }
        const KnownPredicate* known = known_predicate(predicate);
        const std::string_view key = known != nullptr ? known->key : predicate;
        if (p.object.kind == Term::Kind::literal && !p.object.lang.empty()) {
            // texts in several languages: {"de": "...", "en": "..."}, as the normalizer reads them
            fields.add_json(key, json_text([&](CkanJsonWriter& w) {
                                 w.StartObject();
                                 for (std::size_t j = i; j < extra.size(); ++j) {
                                     const ExtraProperty& q = extra[j];
                                     if (q.predicate != predicate || q.object.kind != Term::Kind::literal ||
                                         q.object.lang.empty() || !q.children.empty()) {
                                         continue;
                                     }
                                     w.Key(q.object.lang.data(), static_cast<rapidjson::SizeType>(q.object.lang.size()));
                                     put_string(w, q.object.value);
                                     done[j] = true;
                                 }
                                 w.EndObject();
                             }));
            continue;
        }
        fields.add(key, p.object.value);
    }
}

// ---------------------------------------------------------------- vocabulary files

std::string read_text_file(const std::filesystem::path& path, std::string_view name) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw VocabError(std::string(name), "cannot be read");
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string_view local_name(const char* qualified) {
    const std::string_view name(qualified);
    const auto colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

/// Each skos:Concept of an RDF/XML file with its IRI, German label and homepage.
struct ConceptLabel {
    std::string iri;
    std::string label;
    std::string homepage;
};

std::vector<ConceptLabel> read_concept_labels(const std::filesystem::path& dir, std::string_view file) {
    const std::string content = read_text_file(dir / file, file);
    pugi::xml_document doc;
    const pugi::xml_parse_result parsed = doc.load_buffer(content.data(), content.size(), pugi::parse_default);
    if (!parsed) {
        throw VocabError(std::string(file),
                         "XML error at offset " + std::to_string(parsed.offset) + ": " + parsed.description());
    }
    std::vector<ConceptLabel> out;
    for (pugi::xml_node node : doc.document_element().children()) {
        if (local_name(node.name()) != "Concept") continue;
        ConceptLabel label;
        for (const pugi::xml_attribute a : node.attributes()) {
            if (local_name(a.name()) == "about") label.iri = a.value();
        }
        if (label.iri.empty()) continue;
        std::string any_label;
        for (pugi::xml_node child : node.children()) {
            const std::string_view name = local_name(child.name());
            if (name == "prefLabel" && child.first_child().type() == pugi::node_pcdata) {  // not skos-xl's node
                const std::string_view lang = child.attribute("xml:lang").value();
                if (lang == "de" && label.label.empty()) label.label = trim_whitespace(child.child_value());
                if (any_label.empty()) any_label = trim_whitespace(child.child_value());
            } else if (name == "homepage" && label.homepage.empty()) {
                label.homepage = child.attribute("rdf:resource").value();
            }
        }
        if (label.label.empty()) label.label = std::move(any_label);
        out.push_back(std::move(label));
    }
    if (out.empty()) throw VocabError(std::string(file), "no skos:Concept found");
    return out;
}

// ---------------------------------------------------------------- the package dict

/// The language tag of untagged CKAN texts, as the normalizer decides it:
/// German, unless the record lists languages without German.
std::string record_language(const Dataset& d, const Vocabularies& vocab) {
    if (d.languages.empty() ||
        std::find(d.languages.begin(), d.languages.end(), eu_language_deu) != d.languages.end()) {
        return "de";
    }
    return vocab.language_tag(d.languages.front()).value_or("de");
}

/// The text for a single-language CKAN field: the record's language, then
/// German, then English, then the first.
const LangString* preferred(const std::vector<LangString>& values, std::string_view lang) {
    if (values.empty()) return nullptr;
    for (std::string_view want : {lang, std::string_view("de"), std::string_view("en")}) {
        for (const auto& v : values) {
            if (v.lang == want) return &v;
        }
    }
    return &values.front();
}

/// More than the one text CKAN's plain field carries in the record's language.
bool needs_translations(const std::vector<LangString>& values, std::string_view lang) {
    return values.size() > 1 || (values.size() == 1 && values.front().lang != lang);
}

void put_translations(CkanJsonWriter& w, const char* key, const std::vector<LangString>& values) {
    w.Key(key);
    w.StartObject();
    for (const auto& v : values) {
        w.Key(v.lang.data(), static_cast<rapidjson::SizeType>(v.lang.size()));
        put_string(w, v.value);
    }
    w.EndObject();
}

bool has_address(const ContactPoint& c) {
    return !c.street.empty() || !c.postal_code.empty() || !c.locality.empty() || !c.country.empty();
}

void put_agent_object(CkanJsonWriter& w, const Agent& a) {
    w.StartObject();
    put_given(w, "name", a.name);
    put_given(w, "email", a.email);
    put_given(w, "url", a.homepage);
    put_given(w, "uri", a.iri);
    put_given(w, "type", a.type_iri);
    w.EndObject();
}

std::string agent_list(const std::vector<Agent>& agents) {
    return json_text([&](CkanJsonWriter& w) {
        w.StartArray();
        for (const auto& a : agents) put_agent_object(w, a);
        w.EndArray();
    });
}

class PackageWriter {
public:
    PackageWriter(CkanJsonWriter& w, const Dataset& d, const CkanPackageInfo& info, const CkanVocabulary& vocab)
        : m_w(w), m_d(d), m_info(info), m_vocab(vocab), m_lang(record_language(d, vocab.vocabularies())) {}

    void run();

private:
    void identity();
    void texts();
    void people();
    void licence();
    void organization();
    void groups();
    void tags();
    void extras();
    void resources();
    void resource(const Distribution& dist, std::size_t position);

    CkanJsonWriter& m_w;
    const Dataset& m_d;
    const CkanPackageInfo& m_info;
    const CkanVocabulary& m_vocab;
    std::string m_lang;
    std::string m_id;
    std::string m_iri;
};

void PackageWriter::run() {
    m_iri = m_info.iri.empty() ? m_d.iri : m_info.iri;
    m_id = m_info.id.empty() ? ckan_package_id(m_iri) : m_info.id;
    m_w.StartObject();
    identity();
    texts();
    people();
    licence();
    organization();
    groups();
    tags();
    extras();
    resources();
    m_w.EndObject();
}

void PackageWriter::identity() {
    put(m_w, "id", m_id);
    put(m_w, "name", m_info.name.empty() ? ckan_package_name(m_d, m_id) : m_info.name);
    put(m_w, "type", m_d.type == model::ResourceType::dataset_series ? "dataset_series" : "dataset");
    put(m_w, "state", m_info.status == model::RecordStatus::withdrawn ? "deleted" : "active");
    m_w.Key("private");
    m_w.Bool(false);
    std::string created = ckan_timestamp(m_info.first_seen);
    if (created.empty()) created = ckan_timestamp(m_d.issued);
    std::string modified = ckan_timestamp(m_info.last_changed);
    if (modified.empty()) modified = ckan_timestamp(m_d.modified);
    if (modified.empty()) modified = created;
    put_or_null(m_w, "metadata_created", created);
    put_or_null(m_w, "metadata_modified", modified);
}

void PackageWriter::texts() {
    const LangString* title = preferred(m_d.title, m_lang);
    put(m_w, "title", title != nullptr ? std::string_view(title->value) : std::string_view{});
    if (needs_translations(m_d.title, m_lang)) put_translations(m_w, "title_translated", m_d.title);
    const LangString* notes = preferred(m_d.description, m_lang);
    put(m_w, "notes", notes != nullptr ? std::string_view(notes->value) : std::string_view{});
    if (needs_translations(m_d.description, m_lang)) put_translations(m_w, "notes_translated", m_d.description);
    put(m_w, "url", m_d.landing_page);
    put_or_null(m_w, "version", m_d.version);
}

void PackageWriter::people() {
    const Agent* author = m_d.creators.empty() ? nullptr : &m_d.creators.front();
    put_or_null(m_w, "author", author != nullptr ? std::string_view(author->name) : std::string_view{});
    put_or_null(m_w, "author_email", author != nullptr ? std::string_view(author->email) : std::string_view{});
    const Agent* maintainer = m_d.maintainers.empty() ? nullptr : &m_d.maintainers.front();
    put_or_null(m_w, "maintainer", maintainer != nullptr ? std::string_view(maintainer->name) : std::string_view{});
    put_or_null(m_w, "maintainer_email",
                maintainer != nullptr ? std::string_view(maintainer->email) : std::string_view{});
}

void PackageWriter::licence() {
    const model::Licence& l = m_d.licence;
    const CkanLicence* known = l.known ? m_vocab.licence(l.iri) : nullptr;
    if (known != nullptr) {
        put(m_w, "license_id", known->id);
        put(m_w, "license_title", known->title);
        put_given(m_w, "license_url", known->url);
    } else {
        const std::string_view id = ckan_licence_id(l);
        put_or_null(m_w, "license_id", id);
        put_or_null(m_w, "license_title", l.original.empty() ? id : std::string_view(l.original));
        if (!l.iri.empty()) put(m_w, "license_url", l.iri);
    }
    m_w.Key("isopen");
    m_w.Bool(known != nullptr && known->open);
}

void PackageWriter::organization() {
    const Agent& p = m_d.publisher;
    const std::string name = ckan_organization_name(p);
    if (name.empty()) {
        m_w.Key("organization");
        m_w.Null();
        m_w.Key("owner_org");
        m_w.Null();
        return;
    }
    const std::string id = ckan_organization_id(name);
    m_w.Key("organization");
    m_w.StartObject();
    put(m_w, "id", id);
    put(m_w, "name", name);
    put(m_w, "title", p.name.empty() ? std::string_view(name) : std::string_view(p.name));
    put(m_w, "type", "organization");
    put(m_w, "description", "");
    put(m_w, "image_url", "");
    m_w.Key("is_organization");
    m_w.Bool(true);
    put(m_w, "approval_status", "approved");
    put(m_w, "state", "active");
    m_w.EndObject();
    put(m_w, "owner_org", id);
}

void PackageWriter::groups() {
    m_w.Key("groups");
    m_w.StartArray();
    for (const auto& theme : m_d.themes) {
        const CkanGroup* group = m_vocab.group(theme);
        const std::string fallback = group == nullptr ? ckan_group_name(theme) : std::string{};
        const std::string_view name = group != nullptr ? std::string_view(group->name) : std::string_view(fallback);
        if (name.empty()) continue;
        const std::string_view title = group != nullptr ? std::string_view(group->title) : name;
        m_w.StartObject();
        put(m_w, "id", ckan_uuid(theme));
        put(m_w, "name", name);
        put(m_w, "title", title);
        put(m_w, "display_name", title);
        put(m_w, "description", "");
        put(m_w, "image_display_url", "");
        m_w.EndObject();
    }
    m_w.EndArray();
}

void PackageWriter::tags() {
    std::vector<std::pair<std::string, std::string>> cleaned;  // (lang, tag)
    std::unordered_set<std::string> seen;
    bool other_language = false;
    for (const auto& k : m_d.keywords) {
        std::string tag = ckan_tag(k.value);
        if (tag.empty() || !seen.insert(k.lang + '\n' + vocab_key(tag)).second) continue;
        other_language = other_language || k.lang != m_lang;
        cleaned.emplace_back(k.lang, std::move(tag));
    }
    std::unordered_set<std::string> written;
    std::size_t count = 0;
    m_w.Key("tags");
    m_w.StartArray();
    for (const auto& [lang, tag] : cleaned) {
        if (!written.insert(vocab_key(tag)).second) continue;
        m_w.StartObject();
        put(m_w, "name", tag);
        put(m_w, "display_name", tag);
        put(m_w, "state", "active");
        m_w.EndObject();
        ++count;
    }
    m_w.EndArray();
    m_w.Key("num_tags");
    m_w.Uint64(count);
    if (!other_language) return;
    m_w.Key("tags_translated");
    m_w.StartObject();
    std::vector<std::string_view> langs;
    for (const auto& entry : cleaned) {
        if (std::find(langs.begin(), langs.end(), entry.first) == langs.end()) langs.push_back(entry.first);
    }
    for (std::string_view lang : langs) {
        m_w.Key(lang.data(), static_cast<rapidjson::SizeType>(lang.size()));
        m_w.StartArray();
        for (const auto& [l, tag] : cleaned) {
            if (l == lang) put_string(m_w, tag);
        }
        m_w.EndArray();
    }
    m_w.EndObject();
}

void PackageWriter::extras() {
    const Dataset& d = m_d;
    FieldSet x;
    x.add("uri", m_iri);
    x.add("identifier", d.identifier);
    x.add_list("alternate_identifier", model::notations(d.other_identifiers));
    x.add_list("contributorID", d.contributor_ids);
    x.add_list("politicalGeocodingURI", d.political_geocoding_uris);
    x.add("politicalGeocodingLevelURI", d.political_geocoding_level);
    x.add("geocodingText", d.geocoding_text);
    x.add("legalbasisText", d.legal_basis);
    x.add("qualityProcessURI", d.quality_process);
    x.add("issued", d.issued);
    x.add("modified", d.modified);
    if (!d.temporal.empty()) {
        x.add("temporal_start", d.temporal.front().start);
        x.add("temporal_end", d.temporal.front().end);
    }
    if (d.temporal.size() > 1) {
        x.add_json("temporal_coverage", json_text([&](CkanJsonWriter& w) {
                       w.StartArray();
                       for (const auto& period : d.temporal) {
                           w.StartObject();
                           put_given(w, "start", period.start);
                           put_given(w, "end", period.end);
                           w.EndObject();
                       }
                       w.EndArray();
                   }));
    }
    x.add("frequency", d.frequency.empty() ? d.frequency_original : d.frequency);
    x.add_list("language", d.languages);
    x.add("access_rights", d.access_rights);
    x.add("version_notes", d.version_notes);
    x.add("licenseAttributionByText", d.licence_attribution);
    x.add_list("documentation", d.pages);
    x.add_list("conforms_to", d.conforms_to);
    x.add_list("related_resource", d.related);
    x.add_list("source", d.source_urls);
    x.add_list("in_series", d.in_series);
    x.add_list("theme", d.themes_original);
    {
        std::vector<std::string> spatial;
        for (const auto& iri : d.spatial) {
            const bool geocoding = std::find(d.political_geocoding_uris.begin(), d.political_geocoding_uris.end(),
                                             iri) != d.political_geocoding_uris.end();
            if (!geocoding) spatial.push_back(iri);
        }
        if (spatial.size() == 1) {
            x.add("spatial_uri", spatial.front());
        } else {
            x.add_list("spatial_uri", spatial);
        }
    }

    // agents beyond the CKAN fields
    const Agent& p = d.publisher;
    x.add("publisher_name", p.name);
    x.add("publisher_email", p.email);
    x.add("publisher_url", p.homepage);
    x.add("publisher_uri", p.iri);
    x.add("publisher_type", p.type_iri);
    if (!d.creators.empty()) {
        x.add("author_url", d.creators.front().homepage);
        const bool more = d.creators.size() > 1 || !d.creators.front().iri.empty() ||
                          !d.creators.front().type_iri.empty();
        if (more) x.add_json("creator", agent_list(d.creators));
    }
    if (!d.maintainers.empty()) x.add("maintainer_url", d.maintainers.front().homepage);
    if (!d.originators.empty()) {
        const Agent& o = d.originators.front();
        x.add("originator", o.name);
        x.add("originator_email", o.email);
        x.add("originator_url", o.homepage);
    }
    if (!d.contributors.empty()) x.add_json("contributor", agent_list(d.contributors));
    // Only the OGD contacts list (kept as the extra "contacts") gives CKAN
    // contacts with a postal address: such contact points come back from it.
    const std::string ogd_contacts = std::string(ckan_extra_predicate) + "contacts";
    const bool ogd = std::any_of(d.extra.begin(), d.extra.end(),
                                 [&](const ExtraProperty& e) { return e.predicate == ogd_contacts; });
    std::vector<const ContactPoint*> contacts;
    for (const auto& c : d.contact_points) {
        if (!ogd || !has_address(c)) contacts.push_back(&c);
    }
    const bool flat_contact = contacts.size() == 1 && !has_address(*contacts.front());
    if (flat_contact) {
        const ContactPoint& c = *contacts.front();
        x.add("contact_name", c.name);
        x.add("contact_email", c.email);
        x.add("contact_url", c.url);
        x.add("contact_tel", c.telephone);
        x.add("contact_uri", c.iri);
    } else if (!contacts.empty()) {
        x.add_json("contact", json_text([&](CkanJsonWriter& w) {
                       w.StartArray();
                       for (const ContactPoint* contact : contacts) {
                           const ContactPoint& c = *contact;
                           w.StartObject();
                           put_given(w, "name", c.name);
                           put_given(w, "email", c.email);
                           put_given(w, "url", c.url);
                           put_given(w, "telephone", c.telephone);
                           put_given(w, "uri", c.iri);
                           put_given(w, "street", c.street);
                           put_given(w, "postal_code", c.postal_code);
                           put_given(w, "locality", c.locality);
                           put_given(w, "country", c.country);
                           w.EndObject();
                       }
                       w.EndArray();
                   }));
    }
    x.add_list("endpoint_url", d.endpoint_urls);
    x.add_list("endpoint_description", d.endpoint_descriptions);
    x.add_list("serves_dataset", d.serves_datasets);
    if (d.type == model::ResourceType::data_service) x.add("dcat_resource_type", "data_service");
    add_extra_properties(x, d.extra, true);
    x.add_list("catalogue_sources", m_info.sources);

    m_w.Key("extras");
    x.write_extras(m_w);
}

void PackageWriter::resources() {
    m_w.Key("resources");
    m_w.StartArray();
    for (std::size_t i = 0; i < m_d.distributions.size(); ++i) resource(m_d.distributions[i], i);
    m_w.EndArray();
    m_w.Key("num_resources");
    m_w.Uint64(m_d.distributions.size());
}

void PackageWriter::resource(const Distribution& dist, std::size_t position) {
    auto& w = m_w;
    w.StartObject();
    put(w, "id", ckan_uuid(dist.iri.empty() ? m_iri + "#distribution-" + std::to_string(position) : dist.iri));
    put(w, "package_id", m_id);
    w.Key("position");
    w.Uint64(position);
    put(w, "state", "active");

    const LangString* name = preferred(dist.title, m_lang);
    put(w, "name", name != nullptr ? std::string_view(name->value) : std::string_view{});
    if (needs_translations(dist.title, m_lang)) put_translations(w, "name_translated", dist.title);
    const LangString* description = preferred(dist.description, m_lang);
    put(w, "description", description != nullptr ? std::string_view(description->value) : std::string_view{});
    if (needs_translations(dist.description, m_lang)) {
        put_translations(w, "description_translated", dist.description);
    }

    // URLs as ckanext-dcat gives them: url the first access URL, access_url
    // another one where there is, download_url the first download URL
    const auto is_download = [&](const std::string& url) {
        return std::find(dist.download_urls.begin(), dist.download_urls.end(), url) != dist.download_urls.end();
    };
    const std::string_view url = dist.access_urls.empty() ? std::string_view{} : dist.access_urls.front();
    std::string_view access_url = url;
    for (std::size_t i = 1; i < dist.access_urls.size(); ++i) {
        if (!is_download(dist.access_urls[i])) {
            access_url = dist.access_urls[i];
            break;
        }
    }
    put(w, "url", url);
    put_given(w, "access_url", access_url);
    if (!dist.download_urls.empty()) put(w, "download_url", dist.download_urls.front());
    put_given(w, "uri", dist.iri);

    put(w, "format", ckan_resource_format(dist));
    std::string_view mimetype = dist.media_type_original;
    if (starts_with(dist.media_type, iana_media_types)) {
        mimetype = std::string_view(dist.media_type).substr(iana_media_types.size());
    }
    put_or_null(w, "mimetype", mimetype);
    w.Key("size");
    if (dist.byte_size) {
        w.Uint64(*dist.byte_size);
    } else {
        w.Null();
    }
    put(w, "hash", dist.checksum ? std::string_view(dist.checksum->value) : std::string_view{});
    if (dist.checksum) put_given(w, "hash_algorithm", dist.checksum->algorithm);
    put_or_null(w, "created", ckan_timestamp(dist.issued));
    put_or_null(w, "last_modified", ckan_timestamp(dist.modified));
    put_given(w, "issued", dist.issued);
    put_given(w, "modified", dist.modified);

    if (!dist.licence_inherited && !dist.licence.empty()) {
        const CkanLicence* known = dist.licence.known ? m_vocab.licence(dist.licence.iri) : nullptr;
        put(w, "license",
            known != nullptr            ? std::string_view(known->id)
            : !dist.licence.iri.empty() ? std::string_view(dist.licence.iri)
                                        : std::string_view(dist.licence.original));
    }
    if (dist.licence_attribution != m_d.licence_attribution) {
        put_given(w, "licenseAttributionByText", dist.licence_attribution);
    }
    put_given(w, "rights", dist.rights);
    put_given(w, "status", dist.status);
    put_given(w, "availability", dist.availability);
    put_given(w, "compress_format", dist.compress_format);
    put_given(w, "package_format", dist.package_format);

    FieldSet fields;
    fields.add_list("language", dist.languages);
    fields.add_list("conforms_to", dist.conforms_to);
    fields.add_list("documentation", dist.pages);
    add_extra_properties(fields, dist.extra, false);
    if (!dist.access_service.empty() && !fields.has("access_services")) {
        fields.add_json("access_services", json_text([&](CkanJsonWriter& jw) {
                            jw.StartArray();
                            jw.StartObject();
                            put(jw, "uri", dist.access_service);
                            jw.EndObject();
                            jw.EndArray();
                        }));
    }
    fields.write_members(w);
    w.EndObject();
}

}  // namespace

// ---------------------------------------------------------------- CkanVocabulary

CkanVocabulary CkanVocabulary::load(const std::filesystem::path& dir, const Vocabularies& vocab) {
    CkanVocabulary out(vocab);
    for (auto& c : read_concept_labels(dir, "dcat-ap-de-licenses.rdf")) {
        const bool open = vocab.is_open_licence(c.iri);
        out.m_licence_index.emplace(vocab_key(c.iri), out.m_licences.size());
        out.m_licences.push_back({std::move(c.iri), std::move(c.label), std::move(c.homepage), open});
    }
    for (auto& c : read_concept_labels(dir, "eu-data-theme.rdf")) {
        std::string name(iri_tail(c.iri));
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
        out.m_group_index.emplace(c.iri, out.m_groups.size());
        out.m_groups.push_back({std::move(c.iri), std::move(name), std::move(c.label)});
    }
    return out;
}

const CkanLicence* CkanVocabulary::licence(std::string_view iri) const {
    if (iri.empty()) return nullptr;
    const auto it = m_licence_index.find(vocab_key(iri));
    return it == m_licence_index.end() ? nullptr : &m_licences[it->second];
}

const CkanGroup* CkanVocabulary::group(std::string_view theme_iri) const {
    const auto it = m_group_index.find(std::string(theme_iri));
    return it == m_group_index.end() ? nullptr : &m_groups[it->second];
}

// ---------------------------------------------------------------- public functions

void write_ckan_package(CkanJsonWriter& out, const model::Dataset& dataset, const CkanPackageInfo& info,
                        const CkanVocabulary& vocab) {
    PackageWriter(out, dataset, info, vocab).run();
}

std::string ckan_package_json(const model::Dataset& dataset, const CkanPackageInfo& info,
                              const CkanVocabulary& vocab) {
    return json_text([&](CkanJsonWriter& w) { write_ckan_package(w, dataset, info, vocab); });
}

std::string ckan_name(std::string_view text) {
    std::string out;
    out.reserve(std::min<std::size_t>(text.size(), 128));
    auto separator = [&] {
        if (!out.empty() && out.back() != '-') out += '-';
    };
    for (std::size_t i = 0; i < text.size() && out.size() <= 100;) {
        const char32_t cp = next_code_point(text, i);
        if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') || cp == '_') {
            out += static_cast<char>(cp);
        } else if (cp >= 'A' && cp <= 'Z') {
            out += static_cast<char>(cp - 'A' + 'a');
        } else if (cp >= 0xC0 && cp <= 0x17F && !latin_ascii[cp - 0xC0].empty()) {
            out += latin_ascii[cp - 0xC0];
        } else if (cp == 0x1E9E) {
            out += "ss";
        } else {
            separator();
        }
    }
    if (out.size() > 100) out.resize(100);
    const auto first = out.find_first_not_of("-_");
    if (first == std::string::npos) return {};
    const auto last = out.find_last_not_of("-_");
    out = out.substr(first, last - first + 1);
    if (out.size() < 2 || out == "new" || out == "edit") return {};
    return out;
}

std::string ckan_organization_name(const model::Agent& publisher) {
    std::string name = ckan_name(publisher.name);
    if (name.empty() && !publisher.iri.empty()) {
        const auto scheme = publisher.iri.find("://");
        name = ckan_name(scheme == std::string::npos ? std::string_view(publisher.iri)
                                                     : std::string_view(publisher.iri).substr(scheme + 3));
    }
    if (name.empty()) name = ckan_name(publisher.email);
    return name;
}

std::string ckan_organization_id(std::string_view name) {
    return ckan_uuid(std::string("urn:ckan:organization:").append(name));
}

std::string ckan_group_name(std::string_view theme_iri) { return ckan_name(iri_tail(theme_iri)); }

std::string_view ckan_licence_id(const model::Licence& licence) {
    return !licence.iri.empty() ? std::string_view(licence.iri) : std::string_view(licence.original);
}

std::vector<std::string> ckan_tags(const model::Dataset& dataset) {
    std::vector<std::string> tags;
    std::unordered_set<std::string> seen;
    for (const auto& k : dataset.keywords) {
        std::string tag = ckan_tag(k.value);
        if (tag.empty() || !seen.insert(vocab_key(tag)).second) continue;
        tags.push_back(std::move(tag));
    }
    return tags;
}

std::string_view ckan_resource_format(const model::Distribution& dist) {
    if (starts_with(dist.format, eu_file_types)) return std::string_view(dist.format).substr(eu_file_types.size());
    if (!dist.format.empty() && dist.format_original.empty()) return dist.format;
    return dist.format_original;
}

std::string ckan_package_name(const model::Dataset& dataset, std::string_view package_id) {
    for (std::string_view candidate : {std::string_view(dataset.name), dataset.display_title(),
                                       std::string_view(dataset.identifier)}) {
        if (std::string name = ckan_name(candidate); !name.empty()) return name;
    }
    return std::string(package_id);
}

std::string ckan_tag(std::string_view keyword) {
    std::string out;
    out.reserve(keyword.size());
    bool space = false;
    for (std::size_t i = 0; i < keyword.size();) {
        const std::size_t start = i;
        const char32_t cp = next_code_point(keyword, i);
        if (is_word_character(cp) || cp == '-' || cp == '_' || cp == '.') {
            if (space && !out.empty()) out += ' ';
            space = false;
            out.append(keyword.substr(start, i - start));
        } else {
            space = true;
        }
    }
    std::string_view tag = utf8_prefix(out, 100);
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    if (utf8_length(tag) < 2) return {};
    return std::string(tag);
}

std::string ckan_uuid(std::string_view name) {
    static constexpr char url_namespace[] = "\x6b\xa7\xb8\x11\x9d\xad\x11\xd1\x80\xb4\x00\xc0\x4f\xd4\x30\xc8";
    auto digest = sha1(std::string_view(url_namespace, 16), name);
    digest[6] = static_cast<std::uint8_t>((digest[6] & 0x0F) | 0x50);
    digest[8] = static_cast<std::uint8_t>((digest[8] & 0x3F) | 0x80);
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(36);
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
        out += hex[digest[i] >> 4];
        out += hex[digest[i] & 0x0F];
    }
    return out;
}

std::string ckan_timestamp(std::string_view iso) {
    const auto date = normalize_date(iso);
    if (!date) return {};
    const std::string& d = *date;
    if (d.size() == 4) return d + "-01-01T00:00:00";
    if (d.size() == 7) return d + "-01T00:00:00";
    if (d.size() == 10) return d + "T00:00:00";
    if (d.back() == 'Z') return d.substr(0, d.size() - 1);
    const auto zone = d.find_first_of("+-", 19);
    if (zone == std::string::npos) return d;
    const auto utc = parse_utc(d);
    if (!utc) return {};
    const std::string formatted = format_utc(*utc);
    return formatted.substr(0, formatted.size() - 1);
}

}  // namespace ernte::catalog
