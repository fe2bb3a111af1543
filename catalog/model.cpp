#include "catalog/model.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <stdexcept>

namespace ernte::model {

namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

// ---------------------------------------------------------------- writing
// Absent values (empty strings, empty lists) are not written, which keeps the
// stored form small and makes the JSON of equal records byte-identical.

void put(Writer& w, const char* key, const std::string& value) {
    if (value.empty()) return;
    w.Key(key);
    w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

void put(Writer& w, const char* key, const std::vector<std::string>& values) {
    if (values.empty()) return;
    w.Key(key);
    w.StartArray();
    for (const auto& v : values) w.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
    w.EndArray();
}

void put(Writer& w, const char* key, const std::vector<LangString>& values) {
    if (values.empty()) return;
    w.Key(key);
    w.StartArray();
    for (const auto& v : values) {
        w.StartObject();
        put(w, "v", v.value);
        put(w, "l", v.lang);
        w.EndObject();
    }
    w.EndArray();
}

void put_term(Writer& w, const Term& t) {
    w.StartObject();
    w.Key("k");
    w.Int(static_cast<int>(t.kind));
    put(w, "v", t.value);
    put(w, "d", t.datatype);
    put(w, "l", t.lang);
    w.EndObject();
}

void put(Writer& w, const char* key, const std::vector<ExtraProperty>& values) {
    if (values.empty()) return;
    w.Key(key);
    w.StartArray();
    for (const auto& p : values) {
        w.StartObject();
        put(w, "p", p.predicate);
        w.Key("o");
        put_term(w, p.object);
        put(w, "c", p.children);
        w.EndObject();
    }
    w.EndArray();
}

/// An identifier with nothing but its notation is written as a string, as
/// records before identifiers kept their datatype and extras were.
void put(Writer& w, const char* key, const std::vector<Identifier>& values) {
    if (values.empty()) return;
    w.Key(key);
    w.StartArray();
    for (const auto& id : values) {
        if (id.datatype.empty() && id.extra.empty()) {
            w.String(id.notation.data(), static_cast<rapidjson::SizeType>(id.notation.size()));
            continue;
        }
        w.StartObject();
        put(w, "notation", id.notation);
        put(w, "datatype", id.datatype);
        put(w, "extra", id.extra);
        w.EndObject();
    }
    w.EndArray();
}

void put_agent_fields(Writer& w, const Agent& a) {
    put(w, "iri", a.iri);
    put(w, "name", a.name);
    put(w, "name_lang", a.name_lang);
    put(w, "email", a.email);
    put(w, "homepage", a.homepage);
    put(w, "type", a.type_iri);
    put(w, "classes", a.classes);
    put(w, "extra", a.extra);
}

void put(Writer& w, const char* key, const Agent& a) {
    if (a.empty() && a.type_iri.empty()) return;
    w.Key(key);
    w.StartObject();
    put_agent_fields(w, a);
    w.EndObject();
}

void put(Writer& w, const char* key, const std::vector<Agent>& values) {
    if (values.empty()) return;
    w.Key(key);
    w.StartArray();
    for (const auto& a : values) {
        w.StartObject();
        put_agent_fields(w, a);
        w.EndObject();
    }
    w.EndArray();
}

void put(Writer& w, const char* key, const std::vector<ContactPoint>& values) {
    if (values.empty()) return;
    w.Key(key);
    w.StartArray();
    for (const auto& c : values) {
        w.StartObject();
        put(w, "iri", c.iri);
        put(w, "name", c.name);
        put(w, "name_lang", c.name_lang);
        put(w, "email", c.email);
        put(w, "url", c.url);
        put(w, "telephone", c.telephone);
        put(w, "street", c.street);
        put(w, "postal_code", c.postal_code);
        put(w, "locality", c.locality);
        put(w, "country", c.country);
        put(w, "classes", c.classes);
        put(w, "extra", c.extra);
        w.EndObject();
    }
    w.EndArray();
}

void put(Writer& w, const char* key, const Licence& l) {
    if (l.empty()) return;
    w.Key(key);
    w.StartObject();
    put(w, "iri", l.iri);
    put(w, "original", l.original);
    if (l.known) {
        w.Key("known");
        w.Bool(true);
    }
    w.EndObject();
}

void put(Writer& w, const char* key, const std::vector<Period>& values) {
    if (values.empty()) return;
    w.Key(key);
    w.StartArray();
    for (const auto& p : values) {
        w.StartObject();
        put(w, "start", p.start);
        put(w, "end", p.end);
        w.EndObject();
    }
    w.EndArray();
}

void put(Writer& w, const char* key, const std::vector<Note>& values) {
    if (values.empty()) return;
    w.Key(key);
    w.StartArray();
    for (const auto& n : values) {
        w.StartObject();
        put(w, "field", n.field);
        put(w, "message", n.message);
        put(w, "original", n.original);
        w.EndObject();
    }
    w.EndArray();
}

void put_distribution(Writer& w, const Distribution& d) {
    w.StartObject();
    put(w, "iri", d.iri);
    put(w, "source_id", d.source_id);
    put(w, "title", d.title);
    put(w, "description", d.description);
    put(w, "access_urls", d.access_urls);
    put(w, "download_urls", d.download_urls);
    put(w, "access_service", d.access_service);
    put(w, "format", d.format);
    put(w, "format_original", d.format_original);
    put(w, "media_type", d.media_type);
    put(w, "media_type_original", d.media_type_original);
    put(w, "compress_format", d.compress_format);
    put(w, "package_format", d.package_format);
    if (d.byte_size) {
        w.Key("byte_size");
        w.Uint64(*d.byte_size);
    }
    put(w, "licence", d.licence);
    if (d.licence_inherited) {
        w.Key("licence_inherited");
        w.Bool(true);
    }
    put(w, "licence_attribution", d.licence_attribution);
    put(w, "rights", d.rights);
    put(w, "issued", d.issued);
    put(w, "modified", d.modified);
    put(w, "status", d.status);
    put(w, "availability", d.availability);
    put(w, "languages", d.languages);
    put(w, "conforms_to", d.conforms_to);
    put(w, "pages", d.pages);
    if (d.checksum) {
        w.Key("checksum");
        w.StartObject();
        put(w, "algorithm", d.checksum->algorithm);
        put(w, "value", d.checksum->value);
        w.EndObject();
    }
    put(w, "extra", d.extra);
    w.EndObject();
}

const char* type_name(ResourceType t) {
    switch (t) {
        case ResourceType::dataset: return "dataset";
        case ResourceType::data_service: return "data_service";
        case ResourceType::dataset_series: return "dataset_series";
    }
    return "dataset";
}

// ---------------------------------------------------------------- reading

using Value = rapidjson::Value;

void get(const Value& o, const char* key, std::string& out) {
    auto it = o.FindMember(key);
    if (it == o.MemberEnd()) return;
    if (!it->value.IsString()) throw std::runtime_error(std::string("record field '") + key + "' is not a string");
    out.assign(it->value.GetString(), it->value.GetStringLength());
}

const Value* array_member(const Value& o, const char* key) {
    auto it = o.FindMember(key);
    if (it == o.MemberEnd()) return nullptr;
    if (!it->value.IsArray()) throw std::runtime_error(std::string("record field '") + key + "' is not an array");
    return &it->value;
}

const Value* object_member(const Value& o, const char* key) {
    auto it = o.FindMember(key);
    if (it == o.MemberEnd()) return nullptr;
    if (!it->value.IsObject()) throw std::runtime_error(std::string("record field '") + key + "' is not an object");
    return &it->value;
}

void get(const Value& o, const char* key, std::vector<std::string>& out) {
    const Value* a = array_member(o, key);
    if (!a) return;
    out.reserve(a->Size());
    for (const auto& v : a->GetArray()) {
        if (!v.IsString()) throw std::runtime_error(std::string("record list '") + key + "' holds a non-string");
        out.emplace_back(v.GetString(), v.GetStringLength());
    }
}

void get(const Value& o, const char* key, std::vector<LangString>& out) {
    const Value* a = array_member(o, key);
    if (!a) return;
    for (const auto& v : a->GetArray()) {
        LangString s;
        get(v, "v", s.value);
        get(v, "l", s.lang);
        out.push_back(std::move(s));
    }
}

Term get_term(const Value& v) {
    Term t;
    auto k = v.FindMember("k");
    if (k != v.MemberEnd() && k->value.IsInt()) t.kind = static_cast<Term::Kind>(k->value.GetInt());
    get(v, "v", t.value);
    get(v, "d", t.datatype);
    get(v, "l", t.lang);
    return t;
}

void get(const Value& o, const char* key, std::vector<ExtraProperty>& out) {
    const Value* a = array_member(o, key);
    if (!a) return;
    for (const auto& v : a->GetArray()) {
        ExtraProperty p;
        get(v, "p", p.predicate);
        if (const Value* obj = object_member(v, "o")) p.object = get_term(*obj);
        get(v, "c", p.children);
        out.push_back(std::move(p));
    }
}

void get(const Value& o, const char* key, std::vector<Identifier>& out) {
    const Value* a = array_member(o, key);
    if (!a) return;
    for (const auto& v : a->GetArray()) {
        Identifier id;
        if (v.IsString()) {
            id.notation.assign(v.GetString(), v.GetStringLength());
        } else if (v.IsObject()) {
            get(v, "notation", id.notation);
            get(v, "datatype", id.datatype);
            get(v, "extra", id.extra);
        } else {
            throw std::runtime_error(std::string("record list '") + key + "' holds neither a string nor an object");
        }
        out.push_back(std::move(id));
    }
}

void get_agent_fields(const Value& v, Agent& a) {
    get(v, "iri", a.iri);
    get(v, "name", a.name);
    get(v, "name_lang", a.name_lang);
    get(v, "email", a.email);
    get(v, "homepage", a.homepage);
    get(v, "type", a.type_iri);
    get(v, "classes", a.classes);
    get(v, "extra", a.extra);
}

void get(const Value& o, const char* key, Agent& a) {
    if (const Value* v = object_member(o, key)) get_agent_fields(*v, a);
}

void get(const Value& o, const char* key, std::vector<Agent>& out) {
    const Value* a = array_member(o, key);
    if (!a) return;
    for (const auto& v : a->GetArray()) {
        Agent agent;
        get_agent_fields(v, agent);
        out.push_back(std::move(agent));
    }
}

void get(const Value& o, const char* key, std::vector<ContactPoint>& out) {
    const Value* a = array_member(o, key);
    if (!a) return;
    for (const auto& v : a->GetArray()) {
        ContactPoint c;
        get(v, "iri", c.iri);
        get(v, "name", c.name);
        get(v, "name_lang", c.name_lang);
        get(v, "email", c.email);
        get(v, "url", c.url);
        get(v, "telephone", c.telephone);
        get(v, "street", c.street);
        get(v, "postal_code", c.postal_code);
        get(v, "locality", c.locality);
        get(v, "country", c.country);
        get(v, "classes", c.classes);
        get(v, "extra", c.extra);
        out.push_back(std::move(c));
    }
}

void get(const Value& o, const char* key, Licence& l) {
    const Value* v = object_member(o, key);
    if (!v) return;
    get(*v, "iri", l.iri);
    get(*v, "original", l.original);
    auto k = v->FindMember("known");
    l.known = k != v->MemberEnd() && k->value.IsBool() && k->value.GetBool();
}

void get(const Value& o, const char* key, std::vector<Period>& out) {
    const Value* a = array_member(o, key);
    if (!a) return;
    for (const auto& v : a->GetArray()) {
        Period p;
        get(v, "start", p.start);
        get(v, "end", p.end);
        out.push_back(std::move(p));
    }
}

void get(const Value& o, const char* key, std::vector<Note>& out) {
    const Value* a = array_member(o, key);
    if (!a) return;
    for (const auto& v : a->GetArray()) {
        Note n;
        get(v, "field", n.field);
        get(v, "message", n.message);
        get(v, "original", n.original);
        out.push_back(std::move(n));
    }
}

bool get_bool(const Value& o, const char* key) {
    auto it = o.FindMember(key);
    return it != o.MemberEnd() && it->value.IsBool() && it->value.GetBool();
}

Distribution get_distribution(const Value& v) {
    Distribution d;
    get(v, "iri", d.iri);
    get(v, "source_id", d.source_id);
    get(v, "title", d.title);
    get(v, "description", d.description);
    get(v, "access_urls", d.access_urls);
    get(v, "download_urls", d.download_urls);
    get(v, "access_service", d.access_service);
    get(v, "format", d.format);
    get(v, "format_original", d.format_original);
    get(v, "media_type", d.media_type);
    get(v, "media_type_original", d.media_type_original);
    get(v, "compress_format", d.compress_format);
    get(v, "package_format", d.package_format);
    auto bs = v.FindMember("byte_size");
    if (bs != v.MemberEnd() && bs->value.IsUint64()) d.byte_size = bs->value.GetUint64();
    get(v, "licence", d.licence);
    d.licence_inherited = get_bool(v, "licence_inherited");
    get(v, "licence_attribution", d.licence_attribution);
    get(v, "rights", d.rights);
    get(v, "issued", d.issued);
    get(v, "modified", d.modified);
    get(v, "status", d.status);
    get(v, "availability", d.availability);
    get(v, "languages", d.languages);
    get(v, "conforms_to", d.conforms_to);
    get(v, "pages", d.pages);
    if (const Value* c = object_member(v, "checksum")) {
        Checksum cs;
        get(*c, "algorithm", cs.algorithm);
        get(*c, "value", cs.value);
        d.checksum = std::move(cs);
    }
    get(v, "extra", d.extra);
    return d;
}

}  // namespace

std::string_view Dataset::display_title() const {
    for (const auto& t : title)
        if (t.lang == "de") return t.value;
    for (const auto& t : title)
        if (t.lang.empty()) return t.value;
    return title.empty() ? std::string_view{} : std::string_view{title.front().value};
}

std::vector<std::string> notations(const std::vector<Identifier>& ids) {
    std::vector<std::string> out;
    out.reserve(ids.size());
    for (const auto& id : ids) out.push_back(id.notation);
    return out;
}

std::string to_json(const Dataset& d) {
    rapidjson::StringBuffer buffer;
    Writer w(buffer);
    w.StartObject();
    w.Key("type");
    w.String(type_name(d.type));
    put(w, "iri", d.iri);
    put(w, "identifier", d.identifier);
    put(w, "identifier_datatype", d.identifier_datatype);
    put(w, "other_identifiers", d.other_identifiers);
    put(w, "source_id", d.source_id);
    put(w, "name", d.name);
    put(w, "title", d.title);
    put(w, "description", d.description);
    put(w, "description_original", d.description_original);
    put(w, "keywords", d.keywords);
    put(w, "themes", d.themes);
    put(w, "themes_original", d.themes_original);
    put(w, "publisher", d.publisher);
    put(w, "contact_points", d.contact_points);
    put(w, "creators", d.creators);
    put(w, "originators", d.originators);
    put(w, "maintainers", d.maintainers);
    put(w, "contributors", d.contributors);
    put(w, "contributor_ids", d.contributor_ids);
    put(w, "political_geocoding_uris", d.political_geocoding_uris);
    put(w, "political_geocoding_level", d.political_geocoding_level);
    put(w, "geocoding_text", d.geocoding_text);
    put(w, "spatial", d.spatial);
    put(w, "legal_basis", d.legal_basis);
    put(w, "quality_process", d.quality_process);
    put(w, "temporal", d.temporal);
    put(w, "issued", d.issued);
    put(w, "modified", d.modified);
    put(w, "frequency", d.frequency);
    put(w, "frequency_original", d.frequency_original);
    put(w, "languages", d.languages);
    put(w, "landing_page", d.landing_page);
    put(w, "pages", d.pages);
    put(w, "conforms_to", d.conforms_to);
    put(w, "access_rights", d.access_rights);
    put(w, "version", d.version);
    put(w, "version_notes", d.version_notes);
    put(w, "version_notes_lang", d.version_notes_lang);
    put(w, "licence_attribution", d.licence_attribution);
    put(w, "licence", d.licence);
    put(w, "related", d.related);
    put(w, "source_urls", d.source_urls);
    put(w, "in_series", d.in_series);
    put(w, "endpoint_urls", d.endpoint_urls);
    put(w, "endpoint_descriptions", d.endpoint_descriptions);
    put(w, "serves_datasets", d.serves_datasets);
    if (!d.distributions.empty()) {
        w.Key("distributions");
        w.StartArray();
        for (const auto& dist : d.distributions) put_distribution(w, dist);
        w.EndArray();
    }
    put(w, "extra", d.extra);
    put(w, "notes", d.notes);
    w.EndObject();
    return {buffer.GetString(), buffer.GetSize()};
}

Dataset dataset_from_json(std::string_view json) {
    rapidjson::Document doc;
    doc.Parse(json.data(), json.size());
    if (doc.HasParseError())
        throw std::runtime_error(std::string("stored record is not valid JSON: ") +
                                 rapidjson::GetParseError_En(doc.GetParseError()) + " at offset " +
                                 std::to_string(doc.GetErrorOffset()));
    if (!doc.IsObject()) throw std::runtime_error("stored record is not a JSON object");
    Dataset d;
    std::string type;
    get(doc, "type", type);
    if (type == "data_service") d.type = ResourceType::data_service;
    else if (type == "dataset_series") d.type = ResourceType::dataset_series;
    get(doc, "iri", d.iri);
    get(doc, "identifier", d.identifier);
    get(doc, "identifier_datatype", d.identifier_datatype);
    get(doc, "other_identifiers", d.other_identifiers);
    get(doc, "source_id", d.source_id);
    get(doc, "name", d.name);
    get(doc, "title", d.title);
    get(doc, "description", d.description);
    get(doc, "description_original", d.description_original);
    get(doc, "keywords", d.keywords);
    get(doc, "themes", d.themes);
    get(doc, "themes_original", d.themes_original);
    get(doc, "publisher", d.publisher);
    get(doc, "contact_points", d.contact_points);
    get(doc, "creators", d.creators);
    get(doc, "originators", d.originators);
    get(doc, "maintainers", d.maintainers);
    get(doc, "contributors", d.contributors);
    get(doc, "contributor_ids", d.contributor_ids);
    get(doc, "political_geocoding_uris", d.political_geocoding_uris);
    get(doc, "political_geocoding_level", d.political_geocoding_level);
    get(doc, "geocoding_text", d.geocoding_text);
    get(doc, "spatial", d.spatial);
    get(doc, "legal_basis", d.legal_basis);
    get(doc, "quality_process", d.quality_process);
    get(doc, "temporal", d.temporal);
    get(doc, "issued", d.issued);
    get(doc, "modified", d.modified);
    get(doc, "frequency", d.frequency);
    get(doc, "frequency_original", d.frequency_original);
    get(doc, "languages", d.languages);
    get(doc, "landing_page", d.landing_page);
    get(doc, "pages", d.pages);
    get(doc, "conforms_to", d.conforms_to);
    get(doc, "access_rights", d.access_rights);
    get(doc, "version", d.version);
    get(doc, "version_notes", d.version_notes);
    get(doc, "version_notes_lang", d.version_notes_lang);
    get(doc, "licence_attribution", d.licence_attribution);
    get(doc, "licence", d.licence);
    get(doc, "related", d.related);
    get(doc, "source_urls", d.source_urls);
    get(doc, "in_series", d.in_series);
    get(doc, "endpoint_urls", d.endpoint_urls);
    get(doc, "endpoint_descriptions", d.endpoint_descriptions);
    get(doc, "serves_datasets", d.serves_datasets);
    if (const Value* a = array_member(doc, "distributions"))
        for (const auto& v : a->GetArray()) d.distributions.push_back(get_distribution(v));
    get(doc, "extra", d.extra);
    get(doc, "notes", d.notes);
    return d;
}

std::string_view version() { return ERNTE_VERSION; }

}  // namespace ernte::model
