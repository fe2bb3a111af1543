#include "catalog/normalize.hpp"

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <deque>
#include <limits>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace ernte::catalog {

namespace {

using rapidjson::Value;
using model::Agent;
using model::ContactPoint;
using model::Distribution;
using model::ExtraProperty;
using model::LangString;
using model::Note;
using model::Term;

// ---------------------------------------------------------------- predicates

constexpr std::string_view p_dct = "http://purl.org/dc/terms/";
constexpr std::string_view p_dcat = "http://www.w3.org/ns/dcat#";
constexpr std::string_view p_locn_geometry = "http://www.w3.org/ns/locn#geometry";
constexpr std::string_view dt_geojson = "https://www.iana.org/assignments/media-types/application/vnd.geo+json";
constexpr std::string_view dt_json = "http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON";
constexpr std::string_view dt_integer = "http://www.w3.org/2001/XMLSchema#integer";
constexpr std::string_view dt_decimal = "http://www.w3.org/2001/XMLSchema#decimal";
constexpr std::string_view dt_boolean = "http://www.w3.org/2001/XMLSchema#boolean";
constexpr std::string_view dt_duration = "http://www.w3.org/2001/XMLSchema#duration";
constexpr std::string_view spdx_algorithm = "http://spdx.org/rdf/terms#checksumAlgorithm_";
constexpr std::string_view eu_language_deu = "http://publications.europa.eu/resource/authority/language/DEU";

/// CKAN fields and extras that map to a DCAT property ernte keeps as an
/// ExtraProperty (the model has no field for them).
struct KnownPredicate {
    std::string_view key;
    std::string_view predicate;
    std::string_view datatype;  ///< for literals
};
constexpr std::array<KnownPredicate, 10> known_predicates{{
    {"provenance", "http://purl.org/dc/terms/provenance", ""},
    {"dcat_type", "http://purl.org/dc/terms/type", ""},
    {"is_referenced_by", "http://purl.org/dc/terms/isReferencedBy", ""},
    {"applicable_legislation", "http://data.europa.eu/r5r/applicableLegislation", ""},
    {"temporal_resolution", "http://www.w3.org/ns/dcat#temporalResolution", dt_duration},
    {"spatial_resolution_in_meters", "http://www.w3.org/ns/dcat#spatialResolutionInMeters", dt_decimal},
    {"has_version", "http://purl.org/dc/terms/hasVersion", ""},
    {"is_version_of", "http://purl.org/dc/terms/isVersionOf", ""},
    {"sample", "http://www.w3.org/ns/adms#sample", ""},
    {"was_generated_by", "http://www.w3.org/ns/prov#wasGeneratedBy", ""},
}};

/// Package keys that are CKAN bookkeeping, not metadata: never kept as extras.
constexpr std::array<std::string_view, 27> ignored_package_keys{
    "id",           "name",          "title",          "notes",          "extras",
    "resources",    "tags",          "groups",         "organization",   "owner_org",
    "state",        "private",       "num_resources",  "num_tags",       "isopen",
    "creator_user_id", "revision_id", "revision_timestamp", "relationships_as_object",
    "relationships_as_subject", "tracking_summary", "metadata_created", "metadata_modified",
    "title_translated", "notes_translated", "tags_translated", "type"};

/// Resource keys that are CKAN bookkeeping.
constexpr std::array<std::string_view, 20> ignored_resource_keys{
    "id",           "package_id",   "position",       "revision_id",   "revision_timestamp",
    "state",        "cache_url",    "cache_last_updated", "webstore_url", "webstore_last_updated",
    "tracking_summary", "datastore_active", "url_type", "resource_group_id", "mimetype_inner",
    "metadata_modified", "has_views", "on_same_domain", "name_translated", "description_translated"};

/// Extras written by the upstream portal's own harvester that change on every
/// harvest run and carry no metadata: kept, they would make every record look
/// changed.
constexpr std::array<std::string_view, 1> dropped_extras{"harvest_object_id"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& list, std::string_view key) {
    return std::find(list.begin(), list.end(), key) != list.end();
}

// ---------------------------------------------------------------- JSON helpers

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

bool starts_with_ci(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != prefix[i]) return false;
    }
    return true;
}

std::string to_json_text(const Value& value) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    value.Accept(writer);
    return {buffer.GetString(), buffer.GetSize()};
}

std::string number_text(const Value& v) {
    if (v.IsUint64()) return std::to_string(v.GetUint64());
    if (v.IsInt64()) return std::to_string(v.GetInt64());
    return fmt::format("{}", v.GetDouble());
}

/// A scalar as text (strings trimmed); nullopt for null, lists and objects.
std::optional<std::string> scalar_text(const Value& v) {
    if (v.IsString()) return std::string(trim_whitespace(std::string_view(v.GetString(), v.GetStringLength())));
    if (v.IsNumber()) return number_text(v);
    if (v.IsBool()) return std::string(v.GetBool() ? "true" : "false");
    return std::nullopt;
}

bool is_blank(const Value* v) {
    if (v == nullptr || v->IsNull()) return true;
    if (v->IsString()) return trim_whitespace(std::string_view(v->GetString(), v->GetStringLength())).empty();
    if (v->IsArray()) return v->Empty();
    if (v->IsObject()) return v->MemberCount() == 0;
    return false;
}

std::string_view type_name(const Value& v) {
    if (v.IsArray()) return "a list";
    if (v.IsObject()) return "an object";
    if (v.IsString()) return "text";
    if (v.IsNumber()) return "a number";
    if (v.IsBool()) return "a boolean";
    return "null";
}

/// Text for Notes: strings as they are, everything else as JSON, capped.
std::string original_text(const Value& v) {
    std::string text = v.IsString() ? std::string(v.GetString(), v.GetStringLength()) : to_json_text(v);
    if (text.size() > 1000) {
        text.resize(1000);
        while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80) text.pop_back();
        if (!text.empty() && static_cast<unsigned char>(text.back()) >= 0xC0) text.pop_back();
        text += "...";
    }
    return text;
}

std::string decode_basic_entities(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '&') {
            static constexpr std::array<std::pair<std::string_view, char>, 6> entities{
                {{"&quot;", '"'}, {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&#39;", '\''}, {"&#34;", '"'}}};
            bool matched = false;
            for (const auto& [entity, c] : entities) {
                if (s.substr(i, entity.size()) == entity) {
                    out += c;
                    i += entity.size() - 1;
                    matched = true;
                    break;
                }
            }
            if (matched) continue;
        }
        out += s[i];
    }
    return out;
}

/// JSON decoded from extras deeper than this stays text.
constexpr std::size_t max_json_depth = 32;

/// Members of an object, or the {key, value} pairs of a CKAN extras list, in
/// document order, with which ones the normalizer has used.
class Fields {
public:
    Fields() = default;
    explicit Fields(const Value* object) {
        if (object == nullptr || !object->IsObject()) return;
        for (const auto& member : object->GetObject()) {
            m_entries.push_back({std::string(member.name.GetString(), member.name.GetStringLength()), &member.value});
        }
    }
    void add(std::string key, const Value* value) { m_entries.push_back({std::move(key), value}); }

    /// The first non-blank value under key; marks it used.
    const Value* take(std::string_view key) {
        for (auto& entry : m_entries) {
            if (entry.key == key && !entry.used && !is_blank(entry.value)) {
                entry.used = true;
                return entry.value;
            }
        }
        return nullptr;
    }
    /// Like take, without marking.
    const Value* peek(std::string_view key) const {
        for (const auto& entry : m_entries) {
            if (entry.key == key && !is_blank(entry.value)) return entry.value;
        }
        return nullptr;
    }
    void mark_used(std::string_view key) {
        for (auto& entry : m_entries) {
            if (entry.key == key) entry.used = true;
        }
    }
    /// Unused non-blank values, except repeats of a used key with an equal value.
    template <typename F>
    void for_each_unused(F&& f) const {
        std::unordered_multimap<std::string_view, const Value*> used;
        for (const auto& entry : m_entries) {
            if (entry.used) used.emplace(entry.key, entry.value);
        }
        for (const auto& entry : m_entries) {
            if (entry.used || is_blank(entry.value)) continue;
            const auto [begin, end] = used.equal_range(entry.key);
            const bool repeat = std::any_of(begin, end, [&](const auto& other) { return *other.second == *entry.value; });
            if (!repeat) f(entry.key, *entry.value);
        }
    }

private:
    struct Entry {
        std::string key;
        const Value* value;
        bool used = false;
    };
    std::vector<Entry> m_entries;
};

Term literal(std::string value, std::string_view datatype = {}, std::string lang = {}) {
    Term t;
    t.kind = Term::Kind::literal;
    t.value = std::move(value);
    t.datatype = std::string(datatype);
    t.lang = std::move(lang);
    return t;
}

Term iri_term(std::string value) {
    Term t;
    t.kind = Term::Kind::iri;
    t.value = std::move(value);
    return t;
}

/// A CKAN value kept as it was delivered.
Term raw_term(const Value& v) {
    if (v.IsString()) return literal(std::string(v.GetString(), v.GetStringLength()));
    if (v.IsBool()) return literal(v.GetBool() ? "true" : "false", dt_boolean);
    if (v.IsInt64() || v.IsUint64()) return literal(number_text(v), dt_integer);
    if (v.IsNumber()) return literal(number_text(v), dt_decimal);
    return literal(to_json_text(v), dt_json);
}

std::string trim_slashes(std::string url) {
    while (!url.empty() && url.back() == '/') url.pop_back();
    return url;
}

/// scheme://host of a base URL.
std::string url_origin(const std::string& base) {
    const auto scheme = base.find("://");
    if (scheme == std::string::npos) return base;
    const auto path = base.find('/', scheme + 3);
    return path == std::string::npos ? base : base.substr(0, path);
}

template <typename T>
void push_unique(std::vector<T>& list, T value) {
    if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(std::move(value));
}

// ---------------------------------------------------------------- the normalizer

class PackageNormalizer {
public:
    PackageNormalizer(const Value& package, const Vocabularies& vocab, const NormalizeContext& context)
        : m_package(package), m_vocab(vocab), m_context(context), m_fields(&package), m_values(vocab, m_dataset.notes) {}

    NormalizeResult run();

private:
    // -- reading
    const Value* decoded(const Value* v);
    const Value* get(std::string_view key);
    std::optional<std::string> text(const Value* v, std::string_view field);
    std::optional<std::string> text(std::string_view key, std::string_view field) { return text(get(key), field); }
    std::vector<std::string> texts(const Value* v, std::string_view field, bool split_commas = false);
    std::vector<LangString> lang_strings(const Value* v, std::string_view field);
    std::optional<std::string> single_text(const Value* v, std::string_view field);
    std::optional<std::string> date(const Value* v, std::string_view field);
    std::vector<std::string> iris(const Value* v, std::string_view field, std::string_view key,
                                  std::vector<ExtraProperty>& extra);

    void note(std::string field, std::string message, std::string original) {
        m_dataset.notes.push_back(Note{std::move(field), std::move(message), std::move(original)});
    }

    // -- mapping steps
    void map_identity();
    void map_languages();
    void map_texts();
    void map_keywords();
    void map_themes();
    void map_agents();
    void map_licence();
    void map_dcatde();
    void map_dates();
    void map_other_properties();
    void map_spatial();
    void map_distributions();
    void keep_unknown();

    Agent agent_from_object(const Value& object, std::string_view field);
    ContactPoint contact_from_object(const Value& object, std::string_view field);
    void read_ogd_contacts();
    std::optional<std::string> resolve_url(const Value* v, const std::string& field);
    void add_known_predicate(std::vector<ExtraProperty>& extra, const KnownPredicate& known, const Value& v);
    Distribution normalize_resource(const Value& resource, std::size_t index);

    const Value& m_package;
    const Vocabularies& m_vocab;
    const NormalizeContext& m_context;
    Fields m_fields;
    Fields m_extras;
    std::deque<rapidjson::Document> m_decoded;
    std::string m_lang = "de";
    model::Dataset m_dataset;
    ValueMapper m_values;
    // OGD 1.x contacts by role
    std::vector<std::pair<std::string, const Value*>> m_ogd_contacts;
    bool m_ogd_contacts_lossy = false;
};

/// A string holding JSON (a list or object, possibly HTML-escaped) as parsed
/// JSON; anything else unchanged.
const Value* PackageNormalizer::decoded(const Value* v) {
    if (v == nullptr || !v->IsString()) return v;
    const std::string_view s = trim_whitespace(std::string_view(v->GetString(), v->GetStringLength()));
    if (s.size() < 2 || !((s.front() == '[' && s.back() == ']') || (s.front() == '{' && s.back() == '}'))) return v;
    if (json_nesting_depth(s) > max_json_depth) return v;  // kept as text rather than recursed into
    rapidjson::Document doc;
    doc.Parse(s.data(), s.size());
    if (doc.HasParseError() && s.find("&quot;") != std::string_view::npos) {
        const std::string unescaped = decode_basic_entities(s);
        doc.Parse(unescaped.data(), unescaped.size());
    }
    if (doc.HasParseError()) return v;
    m_decoded.push_back(std::move(doc));
    return &m_decoded.back();
}

/// A package field, else the extra of the same name (ckanext-scheming portals
/// write DCAT fields at the top level, older ones as extras).
const Value* PackageNormalizer::get(std::string_view key) {
    if (const Value* v = m_fields.take(key)) return v;
    return m_extras.take(key);
}

std::optional<std::string> PackageNormalizer::text(const Value* v, std::string_view field) {
    if (v == nullptr) return std::nullopt;
    if (v->IsString()) {  // a JSON list of one value in a string: "[\"x\"]"
        const Value* list = decoded(v);
        if (list->IsArray() && list->Size() == 1 && scalar_text((*list)[0])) v = list;
    }
    if (auto t = scalar_text(*v)) {
        if (t->empty()) return std::nullopt;
        return t;
    }
    if (v->IsArray() && v->Size() == 1 && scalar_text((*v)[0])) {
        auto t = scalar_text((*v)[0]);
        if (!t->empty()) return t;
    }
    note(std::string(field), fmt::format("expected text, found {}; ignored", type_name(*v)), original_text(*v));
    return std::nullopt;
}

std::vector<std::string> PackageNormalizer::texts(const Value* v, std::string_view field, bool split_commas) {
    std::vector<std::string> out;
    v = decoded(v);
    if (v == nullptr || v->IsNull()) return out;
    auto add = [&](std::string value) {
        if (!value.empty()) push_unique(out, std::move(value));
    };
    if (v->IsString()) {
        const std::string_view s = trim_whitespace(std::string_view(v->GetString(), v->GetStringLength()));
        if (split_commas && s.find(',') != std::string_view::npos) {
            std::size_t start = 0;
            while (start <= s.size()) {
                auto comma = s.find(',', start);
                if (comma == std::string_view::npos) comma = s.size();
                add(std::string(trim_whitespace(s.substr(start, comma - start))));
                start = comma + 1;
            }
        } else {
            add(std::string(s));
        }
        return out;
    }
    if (auto t = scalar_text(*v)) {
        add(*t);
        return out;
    }
    if (v->IsArray()) {
        for (const auto& element : v->GetArray()) {
            const Value* e = decoded(&element);
            if (auto t = scalar_text(*e)) {
                add(std::string(trim_whitespace(*t)));
            } else if (e->IsArray()) {
                for (const auto& inner : e->GetArray()) {
                    if (auto t2 = scalar_text(inner)) add(*t2);
                }
            } else if (!e->IsNull()) {
                note(std::string(field), fmt::format("expected text in the list, found {}; ignored", type_name(*e)),
                     original_text(*e));
            }
        }
        return out;
    }
    note(std::string(field), fmt::format("expected text or a list, found {}; ignored", type_name(*v)),
         original_text(*v));
    return out;
}

std::vector<LangString> PackageNormalizer::lang_strings(const Value* v, std::string_view field) {
    std::vector<LangString> out;
    v = decoded(v);
    if (v == nullptr) return out;
    if (v->IsObject()) {  // {"de": "...", "en": "..."}
        for (const auto& member : v->GetObject()) {
            std::string lang(trim_whitespace(std::string_view(member.name.GetString(), member.name.GetStringLength())));
            std::transform(lang.begin(), lang.end(), lang.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            if (auto t = scalar_text(member.value)) {
                if (!t->empty()) out.push_back({*t, lang});
            } else if (!member.value.IsNull()) {
                note(std::string(field),
                     fmt::format("expected text for language \"{}\", found {}; ignored", lang, type_name(member.value)),
                     original_text(member.value));
            }
        }
        return out;
    }
    for (auto& value : texts(v, field)) out.push_back({std::move(value), m_lang});
    return out;
}

/// One text from a string or a multilingual object (the record's language,
/// then German, then English, then the first).
std::optional<std::string> PackageNormalizer::single_text(const Value* v, std::string_view field) {
    v = decoded(v);
    if (v == nullptr) return std::nullopt;
    if (!v->IsObject()) return text(v, field);
    const auto values = lang_strings(v, field);
    if (values.empty()) return std::nullopt;
    const LangString* chosen = &values.front();
    for (std::string_view lang : {std::string_view(m_lang), std::string_view("de"), std::string_view("en")}) {
        const auto it = std::find_if(values.begin(), values.end(), [&](const LangString& l) { return l.lang == lang; });
        if (it != values.end()) {
            chosen = &*it;
            break;
        }
    }
    if (values.size() > 1) {
        note(std::string(field), fmt::format("only the \"{}\" text of {} languages is kept", chosen->lang, values.size()),
             original_text(*v));
    }
    return chosen->value;
}

std::optional<std::string> PackageNormalizer::date(const Value* v, std::string_view field) {
    v = decoded(v);
    if (v == nullptr) return std::nullopt;
    if (v->IsArray() && !v->Empty()) v = &(*v)[0];
    const auto raw = text(v, field);
    if (!raw) return std::nullopt;
    return m_values.date(*raw, field);
}

/// http(s) IRIs from a string or list; other values are kept as text in an
/// extra under the CKAN key, with a Note.
std::vector<std::string> PackageNormalizer::iris(const Value* v, std::string_view field, std::string_view key,
                                                 std::vector<ExtraProperty>& extra) {
    std::vector<std::string> out;
    for (auto& value : texts(v, field)) {
        if (is_http_iri(value)) {
            push_unique(out, std::move(value));
        } else {
            note(std::string(field), "not an http(s) IRI; kept as text in an extra", value);
            extra.push_back({std::string(ckan_extra_predicate) + std::string(key), literal(value)});
        }
    }
    return out;
}

// ---------------------------------------------------------------- identity

void PackageNormalizer::map_identity() {
    auto& d = m_dataset;
    const auto id = text(m_fields.take("id"), "source_id");
    const auto name = text(m_fields.take("name"), "name");
    d.source_id = id ? *id : name.value_or("");
    d.name = name.value_or("");

    if (auto uri = text("uri", "iri"); uri && is_http_iri(*uri)) {
        d.iri = *uri;
    } else {
        if (uri) note("iri", "dataset uri is not an absolute http(s) IRI; the portal IRI is used", *uri);
        const std::string portal = trim_slashes(m_context.portal_url);
        if (!portal.empty()) {
            d.iri = portal + "/dataset/" + d.source_id;
        } else {
            d.iri = "urn:ckan:" + m_context.source_name + ":" + d.source_id;
        }
    }

    if (auto identifier = text("identifier", "identifier")) {
        d.identifier = *identifier;
    } else if (auto guid = text("guid", "identifier")) {
        d.identifier = *guid;
    } else {
        d.identifier = d.source_id;
    }
    for (auto& notation : texts(get("alternate_identifier"), "other_identifiers"))
        d.other_identifiers.push_back({std::move(notation), {}, {}});

    if (const Value* type = m_fields.take("type")) {
        const auto t = scalar_text(*type);
        if (t && (*t == "dataset_series" || *t == "series")) d.type = model::ResourceType::dataset_series;
    }
}

// ---------------------------------------------------------------- language and texts

void PackageNormalizer::map_languages() {
    const Value* v = get("language");
    for (const auto& value : texts(v, "languages", true)) {
        if (auto iri = m_values.language(value, "languages")) push_unique(m_dataset.languages, *iri);
    }
    if (!m_dataset.languages.empty()) {
        if (std::find(m_dataset.languages.begin(), m_dataset.languages.end(), eu_language_deu) ==
            m_dataset.languages.end()) {
            m_lang = m_vocab.language_tag(m_dataset.languages.front()).value_or("de");
        }
    } else if (auto metadata_language = text(m_extras.take("metadata-language"), "languages")) {
        // ckanext-spatial: the language of the metadata texts (not of the data)
        if (auto tag = m_vocab.language_tag(*metadata_language)) {
            m_lang = *tag;
        } else {
            m_dataset.extra.push_back({std::string(ckan_extra_predicate) + "metadata-language", literal(*metadata_language)});
        }
    }
}

void PackageNormalizer::map_texts() {
    auto& d = m_dataset;
    auto title = lang_strings(m_fields.take("title_translated"), "title");
    if (const Value* plain = m_fields.take("title")) {
        for (auto& t : lang_strings(plain, "title")) {
            const bool present = std::any_of(title.begin(), title.end(), [&](const LangString& l) {
                return l.value == t.value || l.lang == t.lang;
            });
            if (!present) title.push_back(std::move(t));
        }
    }
    d.title = std::move(title);

    auto description = lang_strings(m_fields.take("notes_translated"), "description");
    const Value* notes = m_fields.take("notes");
    if (notes == nullptr && description.empty()) notes = m_fields.take("description");
    if (notes != nullptr) {
        for (auto& t : lang_strings(notes, "description")) {
            const bool present = std::any_of(description.begin(), description.end(), [&](const LangString& l) {
                return l.value == t.value || l.lang == t.lang;
            });
            if (!present) description.push_back(std::move(t));
        }
    }
    d.description = plain_descriptions(std::move(description), &d.description_original);
}

void PackageNormalizer::map_keywords() {
    auto& d = m_dataset;
    std::unordered_set<std::string> seen;
    std::size_t dropped = 0;
    auto add = [&](std::string value, const std::string& lang) {
        value = std::string(trim_whitespace(value));
        if (value.empty()) return;
        if (!seen.insert(lang + '\n' + vocab_key(value)).second) return;
        if (d.keywords.size() >= max_keywords) {
            ++dropped;
            return;
        }
        d.keywords.push_back({std::move(value), lang});
    };
    const Value* translated = decoded(m_fields.take("tags_translated"));
    const Value* tags = decoded(m_fields.take("tags"));
    if (translated != nullptr && translated->IsObject()) {
        for (const auto& member : translated->GetObject()) {
            const std::string lang(member.name.GetString(), member.name.GetStringLength());
            for (auto& value : texts(&member.value, "keywords")) add(std::move(value), lang);
        }
    } else if (translated != nullptr) {
        note("keywords", fmt::format("tags_translated: expected an object, found {}; ignored", type_name(*translated)),
             original_text(*translated));
    }
    if (tags != nullptr && (translated == nullptr || !translated->IsObject())) {
        if (tags->IsArray()) {
            for (const auto& tag : tags->GetArray()) {
                if (tag.IsObject()) {
                    const Value* name = nullptr;
                    for (const char* key : {"name", "display_name"}) {
                        const auto it = tag.FindMember(key);
                        if (it != tag.MemberEnd() && !is_blank(&it->value)) {
                            name = &it->value;
                            break;
                        }
                    }
                    if (name == nullptr) continue;
                    if (auto t = scalar_text(*name)) add(*t, m_lang);
                } else if (auto t = scalar_text(tag)) {
                    add(*t, m_lang);
                } else if (!tag.IsNull()) {
                    note("keywords", fmt::format("expected a tag, found {}; ignored", type_name(tag)),
                         original_text(tag));
                }
            }
        } else {
            for (auto& value : texts(tags, "keywords", true)) add(std::move(value), m_lang);
        }
    }
    if (dropped > 0) {
        note("keywords", fmt::format("{} more keywords dropped; at most {} are kept", dropped, max_keywords), "");
    }
}

void PackageNormalizer::map_themes() {
    auto& d = m_dataset;
    auto add = [&](const std::string& value) {
        const auto themes = m_vocab.map_themes(value);
        if (themes.empty()) return false;
        for (const auto& theme : themes) push_unique(d.themes, theme);
        return true;
    };
    auto unmapped = [&](const std::string& value, const char* source) {
        push_unique(d.themes_original, value);
        note("themes", fmt::format("{} is not an EU data theme; kept in themes_original", source), value);
    };

    const Value* groups = decoded(m_fields.take("groups"));
    if (groups != nullptr && groups->IsArray()) {
        for (const auto& group : groups->GetArray()) {
            if (group.IsObject()) {
                std::vector<std::string> candidates;
                for (const char* key : {"name", "title", "display_name"}) {
                    const auto it = group.FindMember(key);
                    if (it != group.MemberEnd()) {
                        if (auto t = scalar_text(it->value); t && !t->empty()) candidates.push_back(*t);
                    }
                }
                if (candidates.empty()) continue;
                const bool mapped = std::any_of(candidates.begin(), candidates.end(),
                                                [&](const std::string& c) { return add(c); });
                if (!mapped) unmapped(candidates.front(), "group");
            } else if (auto t = scalar_text(group); t && !t->empty()) {
                if (!add(*t)) unmapped(*t, "group");
            } else if (!group.IsNull()) {
                note("themes", fmt::format("expected a group, found {}; ignored", type_name(group)),
                     original_text(group));
            }
        }
    } else if (groups != nullptr) {
        for (const auto& value : texts(groups, "themes")) {
            if (!add(value)) unmapped(value, "group");
        }
    }
    for (const char* key : {"theme", "dcat_theme"}) {
        for (const auto& value : texts(get(key), "themes")) {
            if (!add(value)) unmapped(value, "theme");
        }
    }
}

// ---------------------------------------------------------------- agents

Agent PackageNormalizer::agent_from_object(const Value& object, std::string_view field) {
    Agent agent;
    auto member = [&](const char* key) -> std::optional<std::string> {
        const auto it = object.FindMember(key);
        if (it == object.MemberEnd() || is_blank(&it->value)) return std::nullopt;
        if (it->value.IsObject()) return single_text(&it->value, field);  // name_translated style
        return text(&it->value, field);
    };
    agent.name = member("name").value_or(member("title").value_or(""));
    agent.email = strip_mailto(member("email").value_or(member("mbox").value_or("")));
    agent.homepage = member("url").value_or(member("homepage").value_or(""));
    for (const char* key : {"uri", "identifier"}) {
        if (auto iri = member(key); iri && is_http_iri(*iri)) {
            agent.iri = *iri;
            break;
        }
    }
    if (auto type = member("type"); type && is_http_iri(*type)) agent.type_iri = *type;
    return agent;
}

ContactPoint PackageNormalizer::contact_from_object(const Value& object, std::string_view field) {
    ContactPoint contact;
    const Agent agent = agent_from_object(object, field);
    contact.iri = agent.iri;
    contact.name = agent.name;
    contact.email = agent.email;
    contact.url = agent.homepage;
    const auto it = object.FindMember("telephone");
    if (it != object.MemberEnd()) contact.telephone = strip_tel(text(&it->value, field).value_or(""));
    return contact;
}

/// OGD 1.x (ckanext-govdatade) "contacts": [{role, name, email, url, address}].
void PackageNormalizer::read_ogd_contacts() {
    const Value* contacts = decoded(m_extras.peek("contacts"));
    if (contacts == nullptr || !contacts->IsArray()) return;
    m_extras.mark_used("contacts");
    for (const auto& contact : contacts->GetArray()) {
        if (!contact.IsObject()) {
            m_ogd_contacts_lossy = true;
            continue;
        }
        const auto role = contact.FindMember("role");
        const std::string name =
            role != contact.MemberEnd() ? scalar_text(role->value).value_or("") : std::string{};
        if (name != "veroeffentlichende_stelle" && name != "ansprechpartner" && name != "autor") {
            m_ogd_contacts_lossy = true;
        }
        if (contact.HasMember("address")) m_ogd_contacts_lossy = true;
        m_ogd_contacts.emplace_back(name, &contact);
    }
    if (m_ogd_contacts_lossy) {
        // keep the whole list where DCAT-AP.de has no place for a role or address
        m_dataset.extra.push_back({std::string(ckan_extra_predicate) + "contacts", raw_term(*contacts)});
    }
}

/// "Zimmer: 2.157, Rathausplatz 1, 47441 Moers": street, postal code, locality.
void split_address(std::string_view address, ContactPoint& contact) {
    address = trim_whitespace(address);
    const auto comma = address.rfind(',');
    const std::string_view last = trim_whitespace(comma == std::string_view::npos ? address : address.substr(comma + 1));
    if (last.size() > 6 && std::all_of(last.begin(), last.begin() + 5, [](char c) { return c >= '0' && c <= '9'; }) &&
        last[5] == ' ') {
        contact.postal_code = std::string(last.substr(0, 5));
        contact.locality = std::string(trim_whitespace(last.substr(6)));
        contact.street = comma == std::string_view::npos ? "" : std::string(trim_whitespace(address.substr(0, comma)));
    } else {
        contact.street = std::string(address);
    }
}

void PackageNormalizer::map_agents() {
    auto& d = m_dataset;
    read_ogd_contacts();
    auto ogd = [&](std::string_view role) -> const Value* {
        for (const auto& [r, value] : m_ogd_contacts) {
            if (r == role) return value;
        }
        return nullptr;
    };

    // publisher
    Agent publisher;
    if (const Value* p = decoded(get("publisher"))) {
        if (p->IsArray() && !p->Empty() && (*p)[0].IsObject()) {
            publisher = agent_from_object((*p)[0], "publisher");
            if (p->Size() > 1) note("publisher", "more than one publisher; only the first is kept", original_text(*p));
        } else if (p->IsObject()) {
            publisher = agent_from_object(*p, "publisher");
        } else if (auto name = text(p, "publisher")) {
            publisher.name = *name;
        }
    }
    auto fill = [&](std::string& target, std::initializer_list<const char*> keys, bool email = false) {
        for (const char* key : keys) {
            if (auto value = text(get(key), "publisher")) {
                if (target.empty()) target = email ? strip_mailto(*value) : *value;
            }
        }
    };
    fill(publisher.name, {"publisher_name", "dcat_publisher_name"});
    fill(publisher.email, {"publisher_email", "dcat_publisher_email"}, true);
    fill(publisher.homepage, {"publisher_url", "dcat_publisher_url"});
    for (const char* key : {"publisher_uri", "dcat_publisher_uri"}) {
        if (auto uri = text(get(key), "publisher")) {
            if (is_http_iri(*uri)) {
                if (publisher.iri.empty()) publisher.iri = *uri;
            } else {
                note("publisher", "publisher uri is not an http(s) IRI; written as a blank node", *uri);
            }
        }
    }
    for (const char* key : {"publisher_type", "dcat_publisher_type"}) {
        if (const Value* type = get(key)) {
            if (auto t = text(type, "publisher"); t && is_http_iri(*t)) {
                if (publisher.type_iri.empty()) publisher.type_iri = *t;
            } else if (t) {
                d.extra.push_back({std::string(ckan_extra_predicate) + key, literal(*t)});
            }
        }
    }
    if (publisher.name.empty()) {
        if (const Value* org = m_fields.peek("organization"); org != nullptr && org->IsObject()) {
            for (const char* key : {"title", "name"}) {
                const auto it = org->FindMember(key);
                if (it != org->MemberEnd()) {
                    if (auto t = scalar_text(it->value); t && !t->empty()) {
                        publisher.name = *t;
                        break;
                    }
                }
            }
        } else if (org != nullptr) {
            if (auto t = scalar_text(*org)) publisher.name = *t;
        }
    }
    if (publisher.empty()) {
        if (const Value* contact = ogd("veroeffentlichende_stelle")) {
            publisher = agent_from_object(*contact, "publisher");
        }
    }
    d.publisher = std::move(publisher);

    // contact points
    if (const Value* contacts = decoded(get("contact"))) {
        if (contacts->IsArray()) {
            for (const auto& c : contacts->GetArray()) {
                if (c.IsObject()) push_unique(d.contact_points, contact_from_object(c, "contact_points"));
            }
        } else if (contacts->IsObject()) {
            push_unique(d.contact_points, contact_from_object(*contacts, "contact_points"));
        } else {
            note("contact_points", fmt::format("expected a list of contacts, found {}; ignored", type_name(*contacts)),
                 original_text(*contacts));
        }
    }
    {
        ContactPoint contact;
        contact.name = text("contact_name", "contact_points").value_or("");
        contact.email = strip_mailto(text("contact_email", "contact_points").value_or(""));
        if (contact.email.empty()) contact.email = strip_mailto(text("contact-email", "contact_points").value_or(""));
        contact.url = text("contact_url", "contact_points").value_or("");
        contact.telephone = strip_tel(text("contact_tel", "contact_points").value_or(""));
        if (auto uri = text("contact_uri", "contact_points")) {
            if (is_http_iri(*uri)) {
                contact.iri = *uri;
            } else if (starts_with_ci(*uri, "mailto:") && contact.email.empty()) {
                contact.email = strip_mailto(*uri);
            }
        }
        if (!contact.empty()) push_unique(d.contact_points, contact);
    }

    // maintainer: dcatde:maintainer, and the contact point when none is given
    Agent maintainer;
    maintainer.name = text(m_fields.take("maintainer"), "maintainers").value_or("");
    maintainer.email = strip_mailto(text(m_fields.take("maintainer_email"), "maintainers").value_or(""));
    maintainer.homepage = text("maintainer_url", "maintainers").value_or("");
    if (!maintainer.empty()) {
        push_unique(d.maintainers, maintainer);
        if (d.contact_points.empty()) {
            ContactPoint contact;
            contact.name = maintainer.name;
            contact.email = maintainer.email;
            contact.url = maintainer.homepage;
            contact.telephone = strip_tel(text("maintainer_tel", "contact_points").value_or(""));
            push_unique(d.contact_points, contact);
        }
    }
    if (const Value* contact = ogd("ansprechpartner")) {
        ContactPoint cp = contact_from_object(*contact, "contact_points");
        if (const auto it = contact->FindMember("address"); it != contact->MemberEnd()) {
            if (auto address = scalar_text(it->value); address && !address->empty()) split_address(*address, cp);
        }
        push_unique(d.contact_points, cp);
    }

    // creators
    if (const Value* creators = decoded(get("creator"))) {
        if (creators->IsArray()) {
            for (const auto& c : creators->GetArray()) {
                if (c.IsObject()) push_unique(d.creators, agent_from_object(c, "creators"));
            }
        } else if (creators->IsObject()) {
            push_unique(d.creators, agent_from_object(*creators, "creators"));
        } else if (auto name = text(creators, "creators")) {
            Agent a;
            a.name = *name;
            push_unique(d.creators, a);
        }
    }
    {
        Agent author;
        author.name = text(m_fields.take("author"), "creators").value_or("");
        author.email = strip_mailto(text(m_fields.take("author_email"), "creators").value_or(""));
        author.homepage = text("author_url", "creators").value_or("");
        if (author.name.empty()) author.name = text("dcat_creator_name", "creators").value_or("");
        if (author.email.empty()) author.email = strip_mailto(text("dcat_creator_email", "creators").value_or(""));
        const bool duplicate = std::any_of(d.creators.begin(), d.creators.end(), [&](const Agent& a) {
            return a.name == author.name && (author.email.empty() || a.email == author.email);
        });
        if (!author.empty() && !duplicate) d.creators.push_back(author);
    }
    if (const Value* contact = ogd("autor")) push_unique(d.creators, agent_from_object(*contact, "creators"));

    // originator (ckanext-dcatde)
    {
        Agent originator;
        originator.name = text("originator", "originators").value_or("");
        originator.email = strip_mailto(text("originator_email", "originators").value_or(""));
        originator.homepage = text("originator_url", "originators").value_or("");
        if (!originator.empty()) d.originators.push_back(originator);
    }
    if (const Value* contributors = decoded(get("contributor"))) {
        if (contributors->IsArray()) {
            for (const auto& c : contributors->GetArray()) {
                if (c.IsObject()) push_unique(d.contributors, agent_from_object(c, "contributors"));
            }
        } else if (contributors->IsObject()) {
            push_unique(d.contributors, agent_from_object(*contributors, "contributors"));
        }
    }
}

// ---------------------------------------------------------------- licence

void PackageNormalizer::map_licence() {
    std::vector<std::pair<std::string, std::string>> candidates;
    for (const char* key : {"license_id", "license", "license_url", "license_title"}) {
        if (auto value = text(get(key), "licence")) candidates.emplace_back(key, *value);
    }
    // OGD 1.x: extras "terms_of_use": {"license_id": ..., "attribution_text": ...}
    if (const Value* terms = decoded(m_extras.take("terms_of_use")); terms != nullptr && terms->IsObject()) {
        Fields fields(terms);
        if (auto id = text(fields.take("license_id"), "licence")) candidates.emplace_back("terms_of_use", *id);
        if (auto url = text(fields.take("license_url"), "licence")) candidates.emplace_back("terms_of_use", *url);
        if (auto attribution = text(fields.take("attribution_text"), "licence_attribution")) {
            m_dataset.licence_attribution = *attribution;
        }
        fields.mark_used("is_free_to_use");  // implied by the licence
        fields.for_each_unused([&](const std::string& key, const Value& value) {
            m_dataset.extra.push_back({std::string(ckan_extra_predicate) + "terms_of_use." + key, raw_term(value)});
        });
    }
    m_dataset.licence = m_values.licence(candidates, "licence");
    if (auto attribution = single_text(get("licenseAttributionByText"), "licence_attribution")) {
        m_dataset.licence_attribution = *attribution;
    }
}

// ---------------------------------------------------------------- dcatde extras

void PackageNormalizer::map_dcatde() {
    auto& d = m_dataset;
    for (const auto& value : texts(get("contributorID"), "contributor_ids")) {
        if (auto iri = m_values.contributor_id(value)) push_unique(d.contributor_ids, *iri);
    }
    if (d.contributor_ids.empty()) d.contributor_ids = m_context.default_contributor_ids;

    for (auto& uri : iris(get("politicalGeocodingURI"), "political_geocoding_uris", "politicalGeocodingURI", d.extra)) {
        push_unique(d.spatial, uri);
        push_unique(d.political_geocoding_uris, std::move(uri));
    }
    if (auto level = text("politicalGeocodingLevelURI", "political_geocoding_level")) {
        if (auto iri = m_values.geocoding_level(*level)) d.political_geocoding_level = *iri;
    }
    for (const char* key : {"geocodingText", "geocodingDescription"}) {
        if (auto value = single_text(get(key), "geocoding_text"); value && d.geocoding_text.empty()) {
            d.geocoding_text = *value;
        }
    }
    if (auto value = single_text(get("legalbasisText"), "legal_basis")) d.legal_basis = *value;
    if (auto value = text("qualityProcessURI", "quality_process")) d.quality_process = *value;
}

// ---------------------------------------------------------------- dates

void PackageNormalizer::map_dates() {
    auto& d = m_dataset;
    // OGD 1.x "dates": [{"role": "veroeffentlicht" | "aktualisiert" | "erstellt", "date": ...}]
    std::optional<std::string> ogd_issued;
    std::optional<std::string> ogd_created;
    std::optional<std::string> ogd_modified;
    std::string ogd_created_raw;
    if (const Value* dates = decoded(m_extras.take("dates")); dates != nullptr && dates->IsArray()) {
        for (const auto& entry : dates->GetArray()) {
            if (!entry.IsObject()) continue;
            const auto role = entry.FindMember("role");
            const auto value = entry.FindMember("date");
            if (role == entry.MemberEnd() || value == entry.MemberEnd()) continue;
            const std::string r = scalar_text(role->value).value_or("");
            if (r == "veroeffentlicht") ogd_issued = date(&value->value, "issued");
            if (r == "aktualisiert") ogd_modified = date(&value->value, "modified");
            if (r == "erstellt") {
                ogd_created = date(&value->value, "issued");
                ogd_created_raw = scalar_text(value->value).value_or("");
            }
        }
    }

    const Value* issued = get("issued");
    if (issued == nullptr) issued = get("dcat_issued");
    const Value* modified = get("modified");
    if (modified == nullptr) modified = get("dcat_modified");
    const Value* created = m_fields.peek("metadata_created");
    const Value* changed = m_fields.peek("metadata_modified");

    if (issued != nullptr) {
        d.issued = date(issued, "issued").value_or("");
    } else if (ogd_issued) {
        d.issued = *ogd_issued;
    } else if (ogd_created) {
        d.issued = *ogd_created;
        note("issued", "creation date (OGD role \"erstellt\") used as the issue date", ogd_created_raw);
    } else if (created != nullptr) {
        d.issued = date(created, "issued").value_or("");
    }
    if (modified != nullptr) {
        d.modified = date(modified, "modified").value_or("");
    } else if (ogd_modified) {
        d.modified = *ogd_modified;
    } else if (changed != nullptr) {
        d.modified = date(changed, "modified").value_or("");
    }

    // temporal coverage
    model::Period period;
    if (auto start = date(get("temporal_start"), "temporal")) period.start = *start;
    if (auto end = date(get("temporal_end"), "temporal")) period.end = *end;
    if (period.empty()) {
        if (auto start = date(get("temporal_coverage-from"), "temporal")) period.start = *start;
        if (auto end = date(get("temporal_coverage-to"), "temporal")) period.end = *end;
    }
    if (!period.empty()) d.temporal.push_back(period);
    if (const Value* coverage = decoded(get("temporal_coverage")); coverage != nullptr) {
        if (coverage->IsArray()) {
            for (const auto& entry : coverage->GetArray()) {
                if (!entry.IsObject()) continue;
                Fields fields(&entry);
                model::Period p;
                if (auto start = date(fields.take("start"), "temporal")) p.start = *start;
                if (auto end = date(fields.take("end"), "temporal")) p.end = *end;
                if (!p.empty()) push_unique(d.temporal, p);
            }
        } else {
            note("temporal", fmt::format("temporal_coverage: expected a list, found {}; ignored", type_name(*coverage)),
                 original_text(*coverage));
        }
    }
}

// ---------------------------------------------------------------- other properties

std::optional<std::string> PackageNormalizer::resolve_url(const Value* v, const std::string& field) {
    const auto raw = text(v, field);
    if (!raw) return std::nullopt;
    std::string url = *raw;
    const bool has_space = url.find_first_of(" \t\n\r") != std::string::npos;
    if (starts_with_ci(url, "http://") || starts_with_ci(url, "https://")) {
        if (has_space) {
            note(field, "whitespace in the URL encoded or removed", url);
            url = encode_url_whitespace(url);
        }
        return url;
    }
    const auto scheme = url.find("://");
    if (scheme != std::string::npos && scheme > 0 && scheme < 10) return url;  // ftp:// and the like
    if (starts_with_ci(url, "mailto:") || starts_with_ci(url, "urn:")) return url;
    if (has_space) {
        note(field, "not a URL; dropped", url);
        return std::nullopt;
    }
    std::string resolved;
    const auto slash = url.find('/');
    if (starts_with(url, "//")) {
        resolved = "https:" + url;
    } else if (starts_with_ci(url, "www.") ||
               (slash != std::string::npos && slash > 0 && url.substr(0, slash).find('.') != std::string::npos)) {
        resolved = "http://" + url;  // a host name without scheme
    } else {
        const std::string portal = trim_slashes(m_context.portal_url);
        if (portal.empty()) {
            note(field, "relative URL and no portal URL to resolve it against; dropped", url);
            return std::nullopt;
        }
        resolved = starts_with(url, "/") ? url_origin(portal) + url : portal + "/" + url;
    }
    note(field, fmt::format("URL completed as {}", resolved), url);
    return resolved;
}

void PackageNormalizer::add_known_predicate(std::vector<ExtraProperty>& extra, const KnownPredicate& known,
                                            const Value& v) {
    const Value* value = decoded(&v);
    if (value->IsObject()) {
        bool all_text = value->MemberCount() > 0;
        for (const auto& member : value->GetObject()) all_text = all_text && member.value.IsString();
        if (all_text) {  // multilingual text
            for (const auto& l : lang_strings(value, known.key)) {
                extra.push_back({std::string(known.predicate), literal(l.value, {}, l.lang)});
            }
            return;
        }
        extra.push_back({std::string(known.predicate), raw_term(*value)});
        return;
    }
    std::vector<const Value*> items;
    if (value->IsArray()) {
        for (const auto& item : value->GetArray()) items.push_back(&item);
    } else {
        items.push_back(value);
    }
    for (const Value* item : items) {
        if (auto t = scalar_text(*item)) {
            if (t->empty()) continue;
            if (is_http_iri(*t)) {
                extra.push_back({std::string(known.predicate), iri_term(*t)});
            } else {
                extra.push_back({std::string(known.predicate), literal(*t, item->IsString() ? known.datatype
                                                                                            : raw_term(*item).datatype)});
            }
        } else if (!item->IsNull()) {
            extra.push_back({std::string(known.predicate), raw_term(*item)});
        }
    }
}

void PackageNormalizer::map_other_properties() {
    auto& d = m_dataset;
    const Value* frequency = nullptr;
    for (const char* key : {"frequency", "accrual_periodicity", "update_cycle", "frequency-of-update"}) {
        if ((frequency = get(key)) != nullptr) break;
    }
    if (auto value = text(frequency, "frequency")) m_values.frequency(*value, d.frequency, d.frequency_original);

    if (auto url = resolve_url(m_fields.take("url"), "landing_page")) d.landing_page = *url;
    d.pages = iris(get("documentation"), "pages", "documentation", d.extra);
    d.conforms_to = iris(get("conforms_to"), "conforms_to", "conforms_to", d.extra);
    d.related = iris(get("related_resource"), "related", "related_resource", d.extra);
    d.source_urls = iris(get("source"), "source_urls", "source", d.extra);
    d.in_series = iris(get("in_series"), "in_series", "in_series", d.extra);

    if (auto value = text("access_rights", "access_rights")) {
        if (auto iri = m_values.access_right(*value, d.extra)) d.access_rights = *iri;
    }
    if (auto value = text("version", "version")) d.version = *value;
    if (auto value = single_text(get("version_notes"), "version_notes")) d.version_notes = *value;

    for (const auto& known : known_predicates) {
        if (const Value* value = get(known.key)) add_known_predicate(d.extra, known, *value);
    }
}

void PackageNormalizer::map_spatial() {
    auto& d = m_dataset;
    auto geometry = [&](std::string_view predicate, const Value* v, const char* field) {
        if (v == nullptr) return;
        if (v->IsString()) {
            const std::string_view s = trim_whitespace(std::string_view(v->GetString(), v->GetStringLength()));
            if (!s.empty() && s.front() == '{') {
                d.extra.push_back({std::string(predicate), literal(std::string(s), dt_geojson)});
            } else if (is_http_iri(s)) {
                push_unique(d.spatial, std::string(s));
            } else if (!s.empty()) {
                d.extra.push_back({std::string(ckan_extra_predicate) + field, literal(std::string(s))});
                note("spatial", "spatial value is neither GeoJSON nor an IRI; kept as an extra", std::string(s));
            }
        } else if (v->IsObject()) {
            d.extra.push_back({std::string(predicate), literal(to_json_text(*v), dt_geojson)});
        } else {
            note("spatial", fmt::format("expected GeoJSON or an IRI, found {}; ignored", type_name(*v)),
                 original_text(*v));
        }
    };
    geometry(p_locn_geometry, get("spatial"), "spatial");
    for (auto& uri : iris(get("spatial_uri"), "spatial", "spatial_uri", d.extra)) push_unique(d.spatial, std::move(uri));
    geometry(std::string(p_dcat) + "bbox", get("spatial_bbox"), "spatial_bbox");
    geometry(std::string(p_dcat) + "centroid", get("spatial_centroid"), "spatial_centroid");
    if (auto value = text("spatial_text", "spatial")) {
        d.extra.push_back({std::string(ckan_extra_predicate) + "spatial_text", literal(*value)});
    }
    if (const Value* coverage = decoded(get("spatial_coverage"))) {
        if (!coverage->IsArray()) {
            note("spatial", fmt::format("spatial_coverage: expected a list, found {}; ignored", type_name(*coverage)),
                 original_text(*coverage));
            return;
        }
        for (const auto& entry : coverage->GetArray()) {
            if (!entry.IsObject()) continue;
            Fields fields(&entry);
            if (auto uri = text(fields.take("uri"), "spatial")) {
                if (is_http_iri(*uri)) {
                    push_unique(d.spatial, *uri);
                } else {
                    note("spatial", "not an http(s) IRI; kept as text in an extra", *uri);
                    d.extra.push_back({std::string(ckan_extra_predicate) + "spatial_uri", literal(*uri)});
                }
            }
            geometry(p_locn_geometry, decoded(fields.take("geom")), "spatial");
            geometry(std::string(p_dcat) + "bbox", decoded(fields.take("bbox")), "spatial_bbox");
            geometry(std::string(p_dcat) + "centroid", decoded(fields.take("centroid")), "spatial_centroid");
            if (auto value = text(fields.take("text"), "spatial")) {
                d.extra.push_back({std::string(ckan_extra_predicate) + "spatial_text", literal(*value)});
            }
        }
    }
}

// ---------------------------------------------------------------- distributions

std::optional<std::uint64_t> parse_size(const Value& v, std::string& problem) {
    if (v.IsUint64()) return v.GetUint64();
    if (v.IsInt64()) {
        problem = "negative byte size";
        return std::nullopt;
    }
    if (v.IsDouble()) {
        const double d = v.GetDouble();
        if (d >= 0 && d == std::floor(d) && d < 1.8e19) return static_cast<std::uint64_t>(d);
        problem = d < 0 ? "negative byte size" : "byte size is not a whole number";
        return std::nullopt;
    }
    if (v.IsString()) return parse_byte_size(std::string_view(v.GetString(), v.GetStringLength()), problem);
    problem = fmt::format("expected a number of bytes, found {}", type_name(v));
    return std::nullopt;
}

Distribution PackageNormalizer::normalize_resource(const Value& resource, std::size_t index) {
    Distribution dist;
    Fields fields(&resource);
    const std::string prefix = fmt::format("distribution[{}].", index);
    auto field_name = [&](std::string_view name) { return prefix + std::string(name); };

    dist.source_id = text(fields.take("id"), field_name("source_id")).value_or("");
    const auto uri = text(fields.take("uri"), field_name("iri"));
    if (uri && is_http_iri(*uri)) {
        dist.iri = *uri;
    } else {
        if (uri) note(field_name("iri"), "resource uri is not an absolute http(s) IRI; the portal IRI is used", *uri);
        const std::string portal = trim_slashes(m_context.portal_url);
        if (!portal.empty() && !dist.source_id.empty() && !m_dataset.source_id.empty()) {
            dist.iri = portal + "/dataset/" + m_dataset.source_id + "/resource/" + dist.source_id;
        }
    }

    // title and description
    {
        auto title = lang_strings(fields.take("name_translated"), field_name("title"));
        for (auto& t : lang_strings(fields.take("name"), field_name("title"))) {
            if (std::none_of(title.begin(), title.end(),
                             [&](const LangString& l) { return l.value == t.value || l.lang == t.lang; })) {
                title.push_back(std::move(t));
            }
        }
        dist.title = std::move(title);
        auto description = lang_strings(fields.take("description_translated"), field_name("description"));
        for (auto& t : lang_strings(fields.take("description"), field_name("description"))) {
            if (std::none_of(description.begin(), description.end(),
                             [&](const LangString& l) { return l.value == t.value || l.lang == t.lang; })) {
                description.push_back(std::move(t));
            }
        }
        std::string original;
        dist.description = plain_descriptions(std::move(description), &original);
        if (!original.empty()) note(field_name("description"), "HTML or Markdown markup removed", original);
    }

    // URLs (K39: a download URL is also an access URL)
    const std::string url_type = text(fields.take("url_type"), field_name("url_type")).value_or("");
    if (auto url = resolve_url(fields.take("url"), field_name("access_urls"))) {
        push_unique(dist.access_urls, *url);
        if (url_type == "upload") push_unique(dist.download_urls, *url);
    }
    if (auto url = resolve_url(fields.take("access_url"), field_name("access_urls"))) push_unique(dist.access_urls, *url);
    if (auto url = resolve_url(fields.take("download_url"), field_name("download_urls"))) {
        push_unique(dist.download_urls, *url);
    }
    for (const auto& url : dist.download_urls) push_unique(dist.access_urls, url);

    // format and media type
    const auto format = text(fields.take("format"), field_name("format"));
    const auto mimetype = text(fields.take("mimetype"), field_name("media_type"));
    m_values.format(dist, format, mimetype, prefix);

    // size and checksum
    if (const Value* size = fields.take("size")) {
        std::string problem;
        const auto bytes = parse_size(*size, problem);
        if (bytes && *bytes > 0) {
            dist.byte_size = *bytes;
        } else if (bytes) {
            note(field_name("byte_size"), "byte size 0 treated as unknown", "0");
        } else {
            note(field_name("byte_size"), problem + "; dropped", original_text(*size));
        }
    }
    if (auto hash = text(fields.take("hash"), field_name("checksum"))) {
        dist.checksum = m_values.checksum(*hash, text(fields.take("hash_algorithm"), field_name("checksum")),
                                          field_name("checksum"));
    }

    // dates
    {
        const Value* issued = fields.take("issued");
        if (issued == nullptr) issued = fields.take("created");
        if (auto value = date(issued, field_name("issued"))) dist.issued = *value;
        const Value* modified = fields.take("modified");
        if (modified == nullptr) modified = fields.take("last_modified");
        if (auto value = date(modified, field_name("modified"))) dist.modified = *value;
        fields.mark_used("created");
        fields.mark_used("last_modified");
    }

    // licence
    {
        std::vector<std::pair<std::string, std::string>> candidates;
        for (const char* key : {"license", "license_id", "license_url"}) {
            if (auto value = text(fields.take(key), field_name("licence"))) candidates.emplace_back(key, *value);
        }
        if (!candidates.empty()) {
            dist.licence = m_values.licence(candidates, field_name("licence"));
        } else if (!m_dataset.licence.empty()) {
            dist.licence = m_dataset.licence;
            dist.licence_inherited = true;
        }
        if (auto attribution = single_text(fields.take("licenseAttributionByText"), field_name("licence_attribution"))) {
            dist.licence_attribution = *attribution;
        } else {
            dist.licence_attribution = m_dataset.licence_attribution;
        }
    }

    // other properties
    for (const auto& value : texts(fields.take("language"), field_name("languages"), true)) {
        if (auto iri = m_values.language(value, field_name("languages"))) push_unique(dist.languages, *iri);
    }
    if (auto rights = single_text(fields.take("rights"), field_name("rights"))) dist.rights = *rights;
    if (auto status = text(fields.take("status"), field_name("status"))) {
        if (auto iri = m_values.distribution_status(*status, field_name("status"))) dist.status = *iri;
    }
    if (auto availability = text(fields.take("availability"), field_name("availability"))) {
        if (auto iri = m_values.availability(*availability, field_name("availability"))) dist.availability = *iri;
    }
    dist.conforms_to = iris(fields.take("conforms_to"), field_name("conforms_to"), "conforms_to", dist.extra);
    dist.pages = iris(fields.take("documentation"), field_name("pages"), "documentation", dist.extra);
    for (const char* key : {"compress_format", "package_format"}) {
        if (auto value = text(fields.take(key), field_name(key))) {
            (std::string_view(key) == "compress_format" ? dist.compress_format : dist.package_format) =
                m_values.media_type_iri(*value, field_name(key));
        }
    }
    if (const Value* services = decoded(fields.take("access_services"))) {
        bool kept = false;
        if (services->IsArray()) {
            for (const auto& service : services->GetArray()) {
                if (!service.IsObject()) continue;
                const auto uri = service.FindMember("uri");
                if (uri != service.MemberEnd() && uri->value.IsString() && is_http_iri(uri->value.GetString())) {
                    if (dist.access_service.empty()) {
                        dist.access_service = uri->value.GetString();
                        kept = services->Size() == 1 && service.MemberCount() == 1;
                    }
                }
            }
        }
        if (!kept && !is_blank(services)) {
            dist.extra.push_back({std::string(ckan_extra_predicate) + "access_services", raw_term(*services)});
        }
    }
    for (const auto& known : known_predicates) {
        if (const Value* value = fields.take(known.key)) add_known_predicate(dist.extra, known, *value);
    }

    fields.for_each_unused([&](const std::string& key, const Value& value) {
        if (contains(ignored_resource_keys, key)) return;
        dist.extra.push_back({std::string(ckan_extra_predicate) + key, raw_term(value)});
    });
    return dist;
}

void PackageNormalizer::map_distributions() {
    const Value* resources = decoded(m_fields.take("resources"));
    if (resources == nullptr) return;
    if (!resources->IsArray()) {
        note("distributions", fmt::format("resources: expected a list, found {}; ignored", type_name(*resources)),
             original_text(*resources));
        return;
    }
    std::size_t index = 0;
    for (const auto& resource : resources->GetArray()) {
        if (m_dataset.distributions.size() >= max_distributions) {
            note("distributions",
                 fmt::format("{} resources; only the first {} are kept", resources->Size(), max_distributions), "");
            break;
        }
        if (!resource.IsObject()) {
            note(fmt::format("resources[{}]", index),
                 fmt::format("expected a resource object, found {}; skipped", type_name(resource)),
                 original_text(resource));
            ++index;
            continue;
        }
        m_dataset.distributions.push_back(normalize_resource(resource, m_dataset.distributions.size()));
        ++index;
    }
}

// ---------------------------------------------------------------- the rest

void PackageNormalizer::keep_unknown() {
    auto& d = m_dataset;
    m_fields.for_each_unused([&](const std::string& key, const Value& value) {
        if (contains(ignored_package_keys, key)) return;
        d.extra.push_back({std::string(ckan_extra_predicate) + key, raw_term(value)});
    });
    m_extras.for_each_unused([&](const std::string& key, const Value& value) {
        if (contains(dropped_extras, key)) return;
        d.extra.push_back({std::string(ckan_extra_predicate) + key, raw_term(value)});
    });
}

NormalizeResult PackageNormalizer::run() {
    NormalizeResult result;
    if (!m_package.IsObject()) {
        result.error = fmt::format("package is {}, not a JSON object", type_name(m_package));
        return result;
    }
    auto usable = [&](const char* key) {
        const Value* v = m_fields.peek(key);
        const auto t = v != nullptr ? scalar_text(*v) : std::nullopt;
        return t && !t->empty();
    };
    if (!usable("id") && !usable("name")) {
        result.error = "package has neither an id nor a name";
        return result;
    }
    // extras: [{"key": k, "value": v}] or, in old portals, an object
    if (const Value* extras = decoded(m_fields.take("extras"))) {
        if (extras->IsArray()) {
            std::size_t index = 0;
            for (const auto& entry : extras->GetArray()) {
                const Value* key = nullptr;
                const Value* value = nullptr;
                if (entry.IsObject()) {
                    const auto k = entry.FindMember("key");
                    const auto v = entry.FindMember("value");
                    if (k != entry.MemberEnd()) key = &k->value;
                    if (v != entry.MemberEnd()) value = &v->value;
                }
                const auto name = key != nullptr ? scalar_text(*key) : std::nullopt;
                if (!name || name->empty()) {
                    note(fmt::format("extras[{}]", index), "extra without a key; ignored", original_text(entry));
                } else {
                    m_extras.add(*name, value);
                }
                ++index;
            }
        } else if (extras->IsObject()) {
            for (const auto& member : extras->GetObject()) {
                m_extras.add(std::string(member.name.GetString(), member.name.GetStringLength()), &member.value);
            }
        } else {
            note("extras", fmt::format("expected a list of extras, found {}; ignored", type_name(*extras)),
                 original_text(*extras));
        }
    }

    map_identity();
    map_languages();
    map_texts();
    map_keywords();
    map_themes();
    map_agents();
    map_licence();
    map_dcatde();
    map_dates();
    map_other_properties();
    map_spatial();
    map_distributions();
    keep_unknown();

    result.dataset = std::move(m_dataset);
    return result;
}

}  // namespace

NormalizeResult normalize_ckan_package(const rapidjson::Value& package, const Vocabularies& vocab,
                                       const NormalizeContext& context) {
    PackageNormalizer normalizer(package, vocab, context);
    return normalizer.run();
}

// ---------------------------------------------------------------- shared rules

bool is_http_iri(std::string_view value) {
    return (starts_with_ci(value, "http://") || starts_with_ci(value, "https://")) && value.size() > 10 &&
           value.find_first_of(" \t\n\r<>\"{}|\\^`") == std::string_view::npos;
}

bool is_written_theme(std::string_view original) { return is_http_iri(original); }

std::vector<std::string> theme_iris(const model::Dataset& d) {
    std::vector<std::string> iris = d.themes;
    for (const auto& theme : d.themes_original)
        if (is_written_theme(theme)) iris.push_back(theme);
    return iris;
}

std::string encode_url_whitespace(std::string_view url) {
    std::string encoded;
    encoded.reserve(url.size());
    for (const char c : url) {
        if (c == ' ') {
            encoded += "%20";
        } else if (c != '\t' && c != '\n' && c != '\r') {
            encoded += c;
        }
    }
    return encoded;
}

std::string strip_mailto(std::string_view email) {
    email = trim_whitespace(email);
    if (starts_with_ci(email, "mailto:")) email.remove_prefix(7);
    return std::string(email);
}

std::string strip_tel(std::string_view telephone) {
    telephone = trim_whitespace(telephone);
    if (starts_with_ci(telephone, "tel:")) telephone.remove_prefix(4);
    return std::string(telephone);
}

std::vector<LangString> plain_descriptions(std::vector<LangString> values, std::string* original) {
    for (auto& value : values) {
        std::string plain;
        if (looks_like_html(value.value)) {
            plain = html_to_text(value.value);
        } else if (looks_like_markdown(value.value)) {
            plain = markdown_to_text(value.value);
        } else {
            plain.reserve(value.value.size());
            for (char c : value.value) {
                if (c != '\r') plain += c;
            }
            plain = std::string(trim_whitespace(plain));
        }
        if (plain != value.value && original != nullptr && original->empty() &&
            (looks_like_html(value.value) || looks_like_markdown(value.value))) {
            *original = value.value;
        }
        value.value = std::move(plain);
    }
    std::erase_if(values, [](const LangString& l) { return l.value.empty(); });
    return values;
}

std::optional<std::uint64_t> parse_byte_size(std::string_view text, std::string& problem) {
    const std::string_view s = trim_whitespace(text);
    if (!s.empty() && s.front() == '-') {
        problem = "negative byte size";
        return std::nullopt;
    }
    std::size_t digits = 0;
    while (digits < s.size() && s[digits] >= '0' && s[digits] <= '9') ++digits;
    std::string_view rest = s.substr(digits);
    if (!rest.empty() && rest.front() == '.' &&
        std::all_of(rest.begin() + 1, rest.end(), [](char c) { return c == '0'; })) {
        rest = {};
    }
    if (digits == 0 || !rest.empty() || digits > 19) {
        problem = "byte size is not a number of bytes";
        return std::nullopt;
    }
    std::uint64_t n = 0;
    for (std::size_t i = 0; i < digits; ++i) n = n * 10 + static_cast<std::uint64_t>(s[i] - '0');
    return n;
}

std::string checksum_algorithm_iri(std::string_view name) {
    std::string key;
    for (char c : trim_whitespace(name)) {
        if (c == '-' || c == '_' || c == ' ') continue;
        key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    static constexpr std::array<std::string_view, 11> known{"sha1",   "sha224", "sha256", "sha384",
                                                            "sha512", "md2",    "md4",    "md5",
                                                            "md6",    "sha3256", "sha3512"};
    for (auto k : known) {
        if (key == k) {
            std::string suffix(k);
            if (k == "sha3256") suffix = "sha3_256";
            if (k == "sha3512") suffix = "sha3_512";
            return std::string(spdx_algorithm) + suffix;
        }
    }
    return {};
}

void ValueMapper::note(std::string field, std::string message, std::string original) {
    m_notes.push_back(Note{std::move(field), std::move(message), std::move(original)});
}

std::optional<std::string> ValueMapper::date(std::string_view raw, std::string_view field) {
    if (auto iso = normalize_date(raw)) {
        if (*iso != raw) note(std::string(field), fmt::format("date rewritten as ISO 8601 \"{}\"", *iso), std::string(raw));
        return iso;
    }
    note(std::string(field), "not a date; dropped", std::string(raw));
    return std::nullopt;
}

model::Licence ValueMapper::licence(const std::vector<std::pair<std::string, std::string>>& candidates,
                                    const std::string& field) {
    model::Licence licence;
    if (candidates.empty()) return licence;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        const auto& [source, value] = candidates[i];
        const LicenceMatch match = m_vocab.map_licence(value);
        if (!match.known) continue;
        licence = {match.iri, value, true};
        if (i > 0) {
            note(field,
                 fmt::format("licence \"{}\" is not in the dcat-ap.de list; mapped from {}", candidates[0].second,
                             source),
                 candidates[0].second);
        }
        return licence;
    }
    const LicenceMatch match = m_vocab.map_licence(candidates[0].second);
    licence = {match.iri, candidates[0].second, false};
    note(field, "licence is not in the dcat-ap.de licence list", candidates[0].second);
    return licence;
}

std::optional<std::string> ValueMapper::language(std::string_view value, std::string_view field) {
    if (auto iri = m_vocab.map_language(value)) return iri;
    if (is_http_iri(value)) {  // kept as delivered, as an unknown frequency or access-right IRI
        note(std::string(field), "not an EU language", std::string(value));
        return std::string(value);
    }
    note(std::string(field), "not a known language code or IRI; dropped", std::string(value));
    return std::nullopt;
}

void ValueMapper::frequency(std::string_view value, std::string& iri, std::string& original) {
    original = std::string(value);
    if (auto mapped = m_vocab.map_frequency(value)) {
        iri = *mapped;
        return;
    }
    if (is_http_iri(value)) iri = std::string(value);
    note("frequency", "not an EU frequency", std::string(value));
}

std::optional<std::string> ValueMapper::contributor_id(std::string_view value) {
    if (auto iri = m_vocab.map_contributor_id(value)) {
        if (*iri != value) note("contributor_ids", fmt::format("contributor ID written as {}", *iri), std::string(value));
        return iri;
    }
    if (is_http_iri(value)) {
        note("contributor_ids", "not in the dcat-ap.de contributor list", std::string(value));
        return std::string(value);
    }
    note("contributor_ids", "not an IRI and not in the dcat-ap.de contributor list; dropped", std::string(value));
    return std::nullopt;
}

std::optional<std::string> ValueMapper::geocoding_level(std::string_view value) {
    if (auto iri = m_vocab.map_geocoding_level(value)) return iri;
    if (is_http_iri(value)) {
        note("political_geocoding_level", "not a dcat-ap.de political geocoding level", std::string(value));
        return std::string(value);
    }
    note("political_geocoding_level", "not a dcat-ap.de political geocoding level; dropped", std::string(value));
    return std::nullopt;
}

std::optional<std::string> ValueMapper::access_right(std::string_view value, std::vector<ExtraProperty>& extra) {
    if (auto iri = m_vocab.map_access_right(value)) return iri;
    if (is_http_iri(value)) {
        note("access_rights", "not an EU access right", std::string(value));
        return std::string(value);
    }
    extra.push_back({std::string(p_dct) + "accessRights", literal(std::string(value))});
    note("access_rights", "access rights given as text, not as an EU access-right IRI; kept as text",
         std::string(value));
    return std::nullopt;
}

std::optional<std::string> ValueMapper::distribution_status(std::string_view value, std::string_view field) {
    if (auto iri = m_vocab.map_distribution_status(value)) {
        if (vocab_key(*iri) != vocab_key(value)) {
            note(std::string(field), fmt::format("status written as {}", *iri), std::string(value));
        }
        return iri;
    }
    if (is_http_iri(value)) {
        note(std::string(field), "not an EU distribution status", std::string(value));
        return std::string(value);
    }
    note(std::string(field), "not an EU distribution status; dropped", std::string(value));
    return std::nullopt;
}

std::optional<std::string> ValueMapper::availability(std::string_view value, std::string_view field) {
    if (auto iri = m_vocab.map_availability(value)) return iri;
    if (is_http_iri(value)) {
        note(std::string(field), "not an EU planned availability", std::string(value));
        return std::string(value);
    }
    note(std::string(field), "not an EU planned availability; dropped", std::string(value));
    return std::nullopt;
}

std::string ValueMapper::media_type_iri(std::string_view value, std::string_view field) {
    if (is_http_iri(value)) return std::string(value);
    if (auto iri = m_vocab.map_media_type(value)) return *iri;
    note(std::string(field), "not a media-type IRI; dropped", std::string(value));
    return {};
}

void ValueMapper::format(Distribution& dist, const std::optional<std::string>& format,
                         const std::optional<std::string>& mimetype, const std::string& field_prefix) {
    auto field_name = [&](std::string_view name) { return field_prefix + std::string(name); };
    if (format) {
        dist.format_original = *format;
        if (auto iri = m_vocab.map_format(*format)) {
            dist.format = *iri;
        } else {
            if (is_http_iri(*format)) dist.format = *format;
            note(field_name("format"), "not an EU file type", *format);
        }
    }
    if (mimetype) {
        dist.media_type_original = *mimetype;
        if (auto iri = m_vocab.map_media_type(*mimetype)) {
            dist.media_type = *iri;
        } else {
            if (is_http_iri(*mimetype)) dist.media_type = *mimetype;
            note(field_name("media_type"), "not an IANA media type", *mimetype);
        }
    } else if (format && format->find('/') != std::string::npos) {
        if (auto iri = m_vocab.map_media_type(*format)) dist.media_type = *iri;  // format written as a media type
    }
    // A format that is no EU file type says no more for dct:format than none
    // (K32 allows only those IRIs): derived the same way in both cases, so
    // that the record reads the same whether the source wrote the text or
    // left it out (as the export does); the text stays in format_original.
    if (!dist.format.empty()) return;
    std::optional<std::string> derived;
    std::string from;
    if (mimetype) {
        derived = m_vocab.map_format(*mimetype);
        from = *mimetype;
    }
    if (!derived) {
        for (const auto& url : dist.download_urls.empty() ? dist.access_urls : dist.download_urls) {
            std::string_view path = url;
            path = path.substr(0, path.find_first_of("?#"));
            const auto slash = path.rfind('/');
            const auto dot = path.rfind('.');
            if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash) ||
                path.size() - dot > 8 || path.find("://") + 3 > slash) {
                continue;
            }
            derived = m_vocab.map_format(path.substr(dot));
            from = url;
            if (derived) break;
        }
    }
    if (derived) {
        dist.format = *derived;
        note(field_name("format"),
             fmt::format("{}; {} derived from the media type or URL",
                         format ? "no EU file type given" : "no format given", *derived),
             from);
    }
}

model::Checksum ValueMapper::checksum(std::string_view value, const std::optional<std::string>& algorithm,
                                      const std::string& field) {
    model::Checksum checksum;
    checksum.value = std::string(value);
    if (const auto colon = value.find(':'); colon != std::string_view::npos && colon < 10) {
        if (auto iri = checksum_algorithm_iri(value.substr(0, colon)); !iri.empty()) {
            checksum.algorithm = iri;
            checksum.value = std::string(trim_whitespace(value.substr(colon + 1)));
        }
    }
    if (algorithm) {
        if (is_http_iri(*algorithm)) {
            checksum.algorithm = *algorithm;
        } else if (auto iri = checksum_algorithm_iri(*algorithm); !iri.empty()) {
            checksum.algorithm = iri;
        } else {
            note(field, "unknown checksum algorithm", *algorithm);
        }
    }
    if (checksum.algorithm.empty()) {
        const bool hex = std::all_of(checksum.value.begin(), checksum.value.end(),
                                     [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
        const std::size_t n = checksum.value.size();
        const char* guess = !hex       ? nullptr
                            : n == 32  ? "md5"
                            : n == 40  ? "sha1"
                            : n == 64  ? "sha256"
                            : n == 128 ? "sha512"
                                       : nullptr;
        if (guess != nullptr) {
            checksum.algorithm = std::string(spdx_algorithm) + guess;
            note(field, fmt::format("checksum algorithm {} inferred from the length", guess), checksum.value);
        } else {
            note(field, "checksum without a known algorithm", checksum.value);
        }
    }
    return checksum;
}

}  // namespace ernte::catalog
