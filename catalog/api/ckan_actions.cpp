// The CKAN-compatible read API (/api/3/action/{action}) as CKAN 2.9/2.10
// answers it: the envelope, the error shapes, and the actions a harvester or
// a catalogue tool reads. Solr-style parameters are parsed here into a
// catalog::SearchQuery; the store searches. See docs/api.md.

#include "catalog/api/endpoints.hpp"

#include "catalog/ckan_package.hpp"
#include "catalog/search.hpp"
#include "catalog/store.hpp"
#include "catalog/text.hpp"
#include "catalog/time.hpp"

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <charconv>
#include <map>

namespace ernte::catalog::api {

namespace {

using JsonWriter = CkanJsonWriter;

/// The largest `rows` (and list `limit`) answered, as CKAN's search.rows_max.
constexpr std::int64_t k_rows_max = 1000;
/// The deepest JSON a request may send (a body, fq_list, facet.field): CKAN's
/// parameters nest two or three levels, and RapidJSON parses recursively.
constexpr std::size_t k_max_json_depth = 32;

/// An action's failure, written as CKAN writes it.
struct CkanError {
    int status = 409;
    std::string type;     ///< "__type"
    std::string message;  ///< "message"; empty when `field` is given
    std::string field;    ///< a Validation Error's field, with `message` as its one error
};

CkanError not_found(std::string message) { return {404, "Not Found Error", "Not found: " + message, {}}; }
CkanError validation(std::string field, std::string message) {
    return {409, "Validation Error", std::move(message), std::move(field)};
}
CkanError search_query(std::string message) {
    return {409, "Search Query Error", "Search Query is invalid: " + message, {}};
}

void put(JsonWriter& w, const char* key, std::string_view value) {
    w.Key(key);
    w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

void put_string(JsonWriter& w, std::string_view value) {
    w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

/// An action's parameters: the query string, or the members of a JSON body.
class ActionParams {
public:
    /// Throws CkanError-free: a body that is no JSON object is reported by `error`.
    explicit ActionParams(const Request& request) {
        const bool json_body = request.method == "POST" && !trim_whitespace(request.body).empty();
        if (!json_body) {
            for (auto& [k, v] : request.params()) m_values.emplace(std::move(k), std::move(v));
            return;
        }
        if (json_nesting_depth(request.body) > k_max_json_depth) {
            m_error = fmt::format("JSON Error: the body is nested deeper than {} levels", k_max_json_depth);
            return;
        }
        rapidjson::Document doc;
        doc.Parse(request.body.data(), request.body.size());
        if (doc.HasParseError()) {
            m_error = fmt::format("JSON Error: {} (at character {} of the body)",
                                  rapidjson::GetParseError_En(doc.GetParseError()), doc.GetErrorOffset());
            return;
        }
        if (!doc.IsObject()) {
            m_error = "JSON Error: the body must be a JSON object of the action's parameters";
            return;
        }
        for (const auto& member : doc.GetObject()) {
            std::string name(member.name.GetString(), member.name.GetStringLength());
            const auto& v = member.value;
            std::string text;
            if (v.IsString()) {
                text.assign(v.GetString(), v.GetStringLength());
            } else if (v.IsBool()) {
                text = v.GetBool() ? "true" : "false";
            } else if (v.IsNull()) {
                continue;
            } else {
                rapidjson::StringBuffer buffer;
                rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
                v.Accept(writer);
                text.assign(buffer.GetString(), buffer.GetSize());
            }
            m_values.emplace(std::move(name), std::move(text));
        }
    }

    const std::string& error() const { return m_error; }

    std::optional<std::string> get(const std::string& name) const {
        const auto it = m_values.find(name);
        if (it == m_values.end()) return std::nullopt;
        return it->second;
    }

    /// A natural number parameter, cut to `max` (as CKAN cuts rows to
    /// search.rows_max). One that is no whole number, or too large for 64
    /// bits, is a Validation Error naming the parameter.
    std::optional<std::int64_t> natural(const std::string& name, std::int64_t max) const {
        const auto text = get(name);
        if (!text || text->empty()) return std::nullopt;
        std::int64_t value = 0;
        const auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
        if (ec != std::errc{} || ptr != text->data() + text->size()) throw validation(name, "Invalid integer");
        if (value < 0) throw validation(name, "Must be a natural number");
        return std::min(value, max);
    }

    bool flag(const std::string& name) const {
        const auto text = get(name);
        return text && (*text == "true" || *text == "True" || *text == "1" || *text == "yes");
    }

private:
    std::map<std::string, std::string> m_values;
    std::string m_error;
};

// ------------------------------------------------------------ Solr-style queries

/// One clause of a q or fq: [+|-]field:value, [+|-]field:[A TO B] or a word.
struct Clause {
    char sign = 0;
    std::string field;  ///< empty: a word of free text
    std::string value;
    bool quoted = false;
    bool range = false;
    std::string from, to;
    std::string text;  ///< the clause as written, for messages
};

/// Splits a query into clauses at spaces outside quotes and brackets.
std::vector<Clause> split_clauses(std::string_view query, std::string_view parameter) {
    std::vector<Clause> out;
    std::size_t i = 0;
    while (i < query.size()) {
        if (query[i] == ' ' || query[i] == '\t' || query[i] == '\n' || query[i] == '\r') {
            ++i;
            continue;
        }
        const std::size_t begin = i;
        Clause c;
        if (query[i] == '+' || query[i] == '-') {
            c.sign = query[i++];
            // A sign standing alone ("Haushalt - Plan") separates words.
            if (i == query.size() || query[i] == ' ' || query[i] == '\t' || query[i] == '\n' || query[i] == '\r') {
                continue;
            }
        }
        // The field name, if any.
        std::size_t j = i;
        while (j < query.size() && (std::isalnum(static_cast<unsigned char>(query[j])) || query[j] == '_' ||
                                    query[j] == '.' || query[j] == '*')) {
            ++j;
        }
        if (j < query.size() && query[j] == ':' && j > i) {
            c.field = std::string(query.substr(i, j - i));
            i = j + 1;
        }
        if (i < query.size() && query[i] == '"') {
            const auto end = query.find('"', i + 1);
            if (end == std::string_view::npos) {
                throw search_query(fmt::format("{}: the quote opened in '{}' is not closed", parameter,
                                               query.substr(begin)));
            }
            c.value = std::string(query.substr(i + 1, end - i - 1));
            c.quoted = true;
            i = end + 1;
        } else if (i < query.size() && (query[i] == '[' || query[i] == '{')) {
            const auto end = query.find_first_of("]}", i + 1);
            if (end == std::string_view::npos) {
                throw search_query(fmt::format("{}: the range in '{}' is not closed", parameter, query.substr(begin)));
            }
            if (query[i] == '{' || query[end] == '}') {
                throw search_query(fmt::format("{}: '{}' is an exclusive range; only [A TO B] is supported", parameter,
                                               query.substr(begin, end + 1 - begin)));
            }
            const std::string_view inner = trim_whitespace(query.substr(i + 1, end - i - 1));
            const auto to = inner.find(" TO ");
            if (to == std::string_view::npos) {
                throw search_query(
                    fmt::format("{}: '{}' is no range of the form [A TO B]", parameter, query.substr(begin, end + 1 - begin)));
            }
            c.range = true;
            c.from = std::string(trim_whitespace(inner.substr(0, to)));
            c.to = std::string(trim_whitespace(inner.substr(to + 4)));
            i = end + 1;
        } else {
            auto end = query.find_first_of(" \t\n\r", i);
            if (end == std::string_view::npos) end = query.size();
            c.value = std::string(query.substr(i, end - i));
            i = end;
        }
        if (i < query.size() && query[i] != ' ' && query[i] != '\t' && query[i] != '\n' && query[i] != '\r') {
            auto end = query.find_first_of(" \t\n\r", i);
            if (end == std::string_view::npos) end = query.size();
            throw search_query(fmt::format("{}: '{}' cannot be read (a value runs on after its quote or range)",
                                           parameter, query.substr(begin, end - begin)));
        }
        c.text = std::string(query.substr(begin, i - begin));
        out.push_back(std::move(c));
    }
    return out;
}

/// A range end of metadata_modified as stored (ISO 8601 UTC, whole seconds):
/// "*" is open (nullopt), NOW and NOW-nDAYS count from now.
std::optional<std::string> range_end(const std::string& text, bool upper, const Clause& c, std::string_view parameter) {
    if (text == "*") return std::nullopt;
    if (text.starts_with("NOW")) {
        auto time = std::chrono::system_clock::now();
        std::string_view rest = std::string_view(text).substr(3);
        if (!rest.empty()) {
            int days = 0;
            const bool minus = rest.front() == '-';
            if (rest.front() == '-' || rest.front() == '+') rest.remove_prefix(1);
            const auto [ptr, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), days);
            const std::string_view unit(ptr, rest.data() + rest.size() - ptr);
            if (ec != std::errc{} || (unit != "DAY" && unit != "DAYS")) {
                throw search_query(fmt::format("{}: '{}' in '{}': only NOW, NOW-nDAYS and NOW+nDAYS are supported",
                                               parameter, text, c.text));
            }
            time += std::chrono::hours(24) * (minus ? -days : days);
        }
        return format_utc(time);
    }
    const auto date = normalize_date(text);
    if (!date || date->size() < 10) {
        throw search_query(fmt::format("{}: '{}' in '{}' is no date (write 2024-01-31T00:00:00Z, *, or NOW)",
                                       parameter, text, c.text));
    }
    if (date->size() == 10) return *date + (upper ? "T23:59:59Z" : "T00:00:00Z");
    const auto time = parse_utc(*date);
    if (!time) {
        throw search_query(fmt::format("{}: '{}' in '{}' is no date-time", parameter, text, c.text));
    }
    return format_utc(*time);
}

/// Adds the clauses of a q (free text allowed) or an fq to the query.
void add_clauses(SearchQuery& query, std::string_view text, bool free_text, std::string_view parameter) {
    std::string words;
    for (const Clause& c : split_clauses(text, parameter)) {
        if (c.field == "*" && c.value == "*" && c.sign != '-') continue;  // *:* , everything
        if (!free_text && c.field.empty() && !c.quoted && c.sign == 0) {
            if (c.value == "AND" || c.value == "&&") continue;  // clauses are joined by AND anyway
            if (c.value == "OR" || c.value == "||" || c.value == "NOT") {
                throw search_query(fmt::format("{}: '{}' between filters is not supported; all filters must hold "
                                               "(write -field:value to exclude)",
                                               parameter, c.value));
            }
        }
        if (c.field.empty() || c.field == "text" || c.field == "title" || c.field == "notes") {
            if (c.field.empty() && c.value == "*:*") continue;
            if (!free_text && c.field.empty()) {
                throw search_query(fmt::format("{}: '{}' names no field (write field:value, e.g. tags:Umwelt)",
                                               parameter, c.text));
            }
            if (c.sign == '-') {
                throw search_query(fmt::format("{}: '{}': excluding words is not supported, only excluding field values "
                                               "(-tags:x)", parameter, c.text));
            }
            if (c.range) throw search_query(fmt::format("{}: '{}': a range needs a date field", parameter, c.text));
            if (!words.empty()) words += ' ';
            words += c.quoted ? "\"" + c.value + "\"" : c.value;
            continue;
        }
        if (c.field == "metadata_modified") {
            if (!c.range) {
                throw search_query(fmt::format("{}: '{}': metadata_modified takes a range, [2024-01-01T00:00:00Z TO *]",
                                               parameter, c.text));
            }
            if (c.sign == '-') throw search_query(fmt::format("{}: '{}': excluding a range is not supported", parameter, c.text));
            auto from = range_end(c.from, false, c, parameter);
            auto to = range_end(c.to, true, c, parameter);
            if (from && (!query.modified_from || *from > *query.modified_from)) query.modified_from = from;
            if (to && (!query.modified_to || *to < *query.modified_to)) query.modified_to = to;
            continue;
        }
        const auto field = search_field_from_string(c.field);
        if (!field) {
            throw search_query(fmt::format(
                "{}: '{}': the field '{}' is not supported (supported: organization, tags, res_format, license_id, "
                "groups, name, id, metadata_modified, text)",
                parameter, c.text, c.field));
        }
        if (c.range) throw search_query(fmt::format("{}: '{}': {} takes a value, not a range", parameter, c.text, c.field));
        if (c.value.empty()) throw search_query(fmt::format("{}: '{}' has no value", parameter, c.text));
        if (!c.quoted && c.value.find_first_of("*?()") != std::string::npos) {
            throw search_query(fmt::format("{}: '{}': wildcards and groups in field values are not supported",
                                           parameter, c.text));
        }
        query.filters.push_back({*field, c.value, c.sign == '-'});
    }
    if (!words.empty()) {
        if (!query.text.empty()) query.text += ' ';
        query.text += words;
    }
}

std::vector<SortKey> parse_sort(std::string_view text) {
    std::vector<SortKey> keys;
    std::size_t i = 0;
    while (i <= text.size()) {
        auto end = text.find(',', i);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view part = trim_whitespace(text.substr(i, end - i));
        i = end + 1;
        if (part.empty()) {
            if (end == text.size()) break;
            continue;
        }
        const auto space = part.find(' ');
        const std::string_view name = part.substr(0, space);
        const std::string_view direction =
            space == std::string_view::npos ? std::string_view("asc") : trim_whitespace(part.substr(space + 1));
        static const std::pair<std::string_view, SortField> fields[] = {
            {"score", SortField::score},         {"metadata_modified", SortField::metadata_modified},
            {"metadata_created", SortField::metadata_created}, {"name", SortField::name},
            {"title_string", SortField::title},  {"title", SortField::title},
            {"id", SortField::id},
        };
        const auto it = std::find_if(std::begin(fields), std::end(fields), [&](const auto& f) { return f.first == name; });
        if (it == std::end(fields) || (direction != "asc" && direction != "desc")) {
            throw search_query(fmt::format(
                "sort: '{}' (write a field and asc or desc, separated by commas; fields: score, metadata_modified, "
                "metadata_created, name, title_string, id)",
                part));
        }
        keys.push_back({it->second, direction == "desc"});
        if (end == text.size()) break;
    }
    return keys;
}

std::vector<SearchField> parse_facet_fields(const std::string& text) {
    rapidjson::Document doc;
    if (json_nesting_depth(text) <= k_max_json_depth) doc.Parse(text.data(), text.size());
    if (doc.HasParseError() || !doc.IsArray()) {
        throw search_query(fmt::format("facet.field: '{}' is no JSON list of field names, e.g. [\"tags\"]", text));
    }
    std::vector<SearchField> fields;
    for (const auto& v : doc.GetArray()) {
        const std::string name = v.IsString() ? std::string(v.GetString(), v.GetStringLength()) : std::string("?");
        const auto field = search_field_from_string(name);
        if (!field || *field == SearchField::id || *field == SearchField::name) {
            throw search_query(fmt::format("facet.field: '{}' cannot be counted (fields: organization, tags, "
                                           "res_format, license_id, groups)",
                                           name));
        }
        fields.push_back(*field);
    }
    return fields;
}

// ------------------------------------------------------------ writing results

std::string group_title(const CkanVocabulary& vocab, std::string_view name) {
    for (const auto& g : vocab.groups()) {
        if (g.name == name) return g.title;
    }
    return std::string(name);
}

std::string licence_title(const CkanVocabulary& vocab, std::string_view id) {
    if (const CkanLicence* l = vocab.licence(id)) return l->title;
    return std::string(id);
}

void write_package(JsonWriter& w, const CatalogRecord& record, const CkanVocabulary& vocab) {
    CkanPackageInfo info;
    info.id = record.package_id;
    info.name = record.package_name;
    info.iri = record.iri;
    info.status = record.status;
    info.first_seen = record.first_seen;
    info.last_changed = record.last_changed;
    info.sources = record.sources;
    write_ckan_package(w, record.dataset, info, vocab);
}

void write_organization(JsonWriter& w, const FacetCount& org, bool all_fields) {
    if (!all_fields) {
        put_string(w, org.name);
        return;
    }
    const std::string_view title = org.title.empty() ? std::string_view(org.name) : std::string_view(org.title);
    w.StartObject();
    put(w, "id", ckan_organization_id(org.name));
    put(w, "name", org.name);
    put(w, "title", title);
    put(w, "display_name", title);
    put(w, "description", "");
    put(w, "image_url", "");
    put(w, "image_display_url", "");
    put(w, "type", "organization");
    w.Key("is_organization");
    w.Bool(true);
    put(w, "state", "active");
    put(w, "approval_status", "approved");
    w.Key("package_count");
    w.Int64(org.count);
    w.EndObject();
}

/// The envelope around a result the writer fills.
template <class F>
Response envelope(const std::string& help, F&& result) {
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartObject();
    put(w, "help", help);
    w.Key("success");
    w.Bool(true);
    w.Key("result");
    result(w);
    w.EndObject();
    return Response::json(std::string(buffer.GetString(), buffer.GetSize()));
}

Response error_envelope(const std::string& help, const CkanError& e) {
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartObject();
    put(w, "help", help);
    w.Key("success");
    w.Bool(false);
    w.Key("error");
    w.StartObject();
    put(w, "__type", e.type);
    if (!e.field.empty()) {
        w.Key(e.field.c_str());
        w.StartArray();
        put_string(w, e.message);
        w.EndArray();
    } else {
        put(w, "message", e.message);
    }
    w.EndObject();
    w.EndObject();
    return Response::json(std::string(buffer.GetString(), buffer.GetSize()), e.status);
}

/// CKAN's answer to a request it cannot take at all: a JSON string, 400.
Response bad_request(std::string_view message) {
    std::string body;
    append_json_string(body, fmt::format("Bad request - {}", message));
    return Response::json(std::move(body), 400);
}

// ------------------------------------------------------------ actions

struct ActionContext {
    EndpointContext& c;
    const ActionParams& params;
    const CkanVocabulary& vocab;
    std::string help;
};

const CatalogRecord required_package(const ActionContext& a, const std::string& key) {
    const auto id = a.params.get(key);
    if (!id || id->empty()) throw validation(key, "Missing value");
    auto record = a.c.store.find_package(*id);
    if (!record || record->status == model::RecordStatus::withdrawn) {
        throw not_found(fmt::format("no dataset with the id or name '{}'", *id));
    }
    return std::move(*record);
}

Response package_show(const ActionContext& a) {
    const CatalogRecord record = required_package(a, "id");
    return envelope(a.help, [&](JsonWriter& w) { write_package(w, record, a.vocab); });
}

Response package_search(const ActionContext& a) {
    SearchQuery query;
    if (const auto q = a.params.get("q")) add_clauses(query, *q, true, "q");
    if (const auto fq = a.params.get("fq")) add_clauses(query, *fq, false, "fq");
    if (const auto fq_list = a.params.get("fq_list")) {
        rapidjson::Document doc;
        if (json_nesting_depth(*fq_list) <= k_max_json_depth) doc.Parse(fq_list->data(), fq_list->size());
        if (doc.HasParseError() || !doc.IsArray()) throw search_query("fq_list: not a JSON list of filter queries");
        for (const auto& v : doc.GetArray()) {
            if (!v.IsString()) throw search_query("fq_list: not a JSON list of filter queries");
            add_clauses(query, std::string_view(v.GetString(), v.GetStringLength()), false, "fq_list");
        }
    }
    query.rows = a.params.natural("rows", k_rows_max).value_or(10);
    query.start = a.params.natural("start", std::numeric_limits<std::int64_t>::max()).value_or(0);
    std::string sort_text = "score desc, metadata_modified desc";
    if (const auto sort = a.params.get("sort"); sort && !trim_whitespace(*sort).empty()) sort_text = *sort;
    query.sort = parse_sort(sort_text);
    if (const auto facets = a.params.get("facet.field")) query.facet_fields = parse_facet_fields(*facets);
    if (const auto limit = a.params.get("facet.limit")) {
        std::int64_t value = 0;
        const auto [ptr, ec] = std::from_chars(limit->data(), limit->data() + limit->size(), value);
        if (ec != std::errc{} || ptr != limit->data() + limit->size()) throw validation("facet.limit", "Invalid integer");
        query.facet_limit = value < 0 ? -1 : value;
    }
    if (a.params.flag("facet") == false && a.params.get("facet")) query.facet_fields.clear();

    SearchResult result;
    try {
        result = search_catalogue(a.c, query);
    } catch (const std::invalid_argument& e) {
        throw search_query(fmt::format("q: {}", e.what()));
    }
    return envelope(a.help, [&](JsonWriter& w) {
        w.StartObject();
        w.Key("count");
        w.Int64(result.count);
        w.Key("facets");
        w.StartObject();
        for (const auto& [field, counts] : result.facets) {
            const std::string_view name = to_string(field);
            w.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
            w.StartObject();
            for (const auto& f : counts) {
                w.Key(f.name.data(), static_cast<rapidjson::SizeType>(f.name.size()));
                w.Int64(f.count);
            }
            w.EndObject();
        }
        w.EndObject();
        w.Key("results");
        w.StartArray();
        for (const std::int64_t id : result.dataset_ids) {
            if (const auto record = a.c.store.find(std::to_string(id))) write_package(w, *record, a.vocab);
        }
        w.EndArray();
        put(w, "sort", sort_text);
        w.Key("search_facets");
        w.StartObject();
        for (const auto& [field, counts] : result.facets) {
            const std::string_view name = to_string(field);
            w.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
            w.StartObject();
            put(w, "title", name);
            w.Key("items");
            w.StartArray();
            for (const auto& f : counts) {
                std::string display = f.name;
                if (field == SearchField::organization && !f.title.empty()) display = f.title;
                if (field == SearchField::groups) display = group_title(a.vocab, f.name);
                if (field == SearchField::license_id) display = licence_title(a.vocab, f.name);
                w.StartObject();
                put(w, "name", f.name);
                put(w, "display_name", display);
                w.Key("count");
                w.Int64(f.count);
                w.EndObject();
            }
            w.EndArray();
            w.EndObject();
        }
        w.EndObject();
        w.EndObject();
    });
}

Response package_list(const ActionContext& a) {
    const std::int64_t limit = a.params.natural("limit", std::numeric_limits<std::int64_t>::max()).value_or(-1);
    const std::int64_t offset = a.params.natural("offset", std::numeric_limits<std::int64_t>::max()).value_or(0);
    const auto names = a.c.store.package_names(offset, limit);
    return envelope(a.help, [&](JsonWriter& w) {
        w.StartArray();
        for (const auto& n : names) put_string(w, n);
        w.EndArray();
    });
}

/// Sorts and pages organizations or groups as organization_list and group_list do.
void sort_and_page(std::vector<FacetCount>& list, const ActionContext& a) {
    std::string sort = a.params.get("sort").value_or("title asc");
    const std::string_view text = trim_whitespace(sort);
    const auto space = text.find(' ');
    const std::string_view field = text.substr(0, space);
    const std::string_view direction = space == std::string_view::npos ? "asc" : trim_whitespace(text.substr(space + 1));
    if ((field != "name" && field != "title" && field != "package_count") || (direction != "asc" && direction != "desc")) {
        throw validation("sort", fmt::format("Cannot sort by '{}' (name, title or package_count; asc or desc)", sort));
    }
    const auto title = [](const FacetCount& f) -> const std::string& { return f.title.empty() ? f.name : f.title; };
    std::stable_sort(list.begin(), list.end(), [&](const FacetCount& x, const FacetCount& y) {
        if (field == "package_count") return direction == "desc" ? x.count > y.count : x.count < y.count;
        const std::string& l = field == "name" ? x.name : title(x);
        const std::string& r = field == "name" ? y.name : title(y);
        return direction == "desc" ? l > r : l < r;
    });
    const std::int64_t offset = a.params.natural("offset", std::numeric_limits<std::int64_t>::max()).value_or(0);
    const std::int64_t limit = a.params.natural("limit", k_rows_max).value_or(k_rows_max);
    const auto first = std::min<std::size_t>(list.size(), static_cast<std::size_t>(offset));
    const auto last = std::min<std::size_t>(list.size(), first + static_cast<std::size_t>(limit));
    list = std::vector<FacetCount>(list.begin() + static_cast<std::ptrdiff_t>(first),
                                   list.begin() + static_cast<std::ptrdiff_t>(last));
}

Response organization_list(const ActionContext& a) {
    auto orgs = a.c.store.field_values(SearchField::organization);
    sort_and_page(orgs, a);
    const bool all_fields = a.params.flag("all_fields");
    return envelope(a.help, [&](JsonWriter& w) {
        w.StartArray();
        for (const auto& o : orgs) write_organization(w, o, all_fields);
        w.EndArray();
    });
}

Response organization_show(const ActionContext& a) {
    const auto id = a.params.get("id");
    if (!id || id->empty()) throw validation("id", "Missing value");
    const auto orgs = a.c.store.field_values(SearchField::organization);
    const auto it = std::find_if(orgs.begin(), orgs.end(), [&](const FacetCount& o) {
        return o.name == *id || ckan_organization_id(o.name) == *id;
    });
    if (it == orgs.end()) throw not_found(fmt::format("no organization with the id or name '{}'", *id));
    std::vector<CatalogRecord> packages;
    if (a.params.flag("include_datasets")) {
        SearchQuery query;
        query.filters.push_back({SearchField::organization, it->name, false});
        query.sort = {{SortField::name, false}};
        query.rows = k_rows_max;
        for (const std::int64_t dataset : a.c.store.search(query).dataset_ids) {
            if (auto record = a.c.store.find(std::to_string(dataset))) packages.push_back(std::move(*record));
        }
    }
    const FacetCount org = *it;
    return envelope(a.help, [&](JsonWriter& w) {
        rapidjson::StringBuffer inner;
        JsonWriter iw(inner);
        write_organization(iw, org, true);
        // The organization's fields, then its datasets.
        rapidjson::Document doc;
        doc.Parse(inner.GetString(), inner.GetSize());
        w.StartObject();
        for (const auto& m : doc.GetObject()) {
            w.Key(m.name.GetString(), m.name.GetStringLength());
            m.value.Accept(w);
        }
        w.Key("packages");
        w.StartArray();
        for (const auto& p : packages) write_package(w, p, a.vocab);
        w.EndArray();
        w.EndObject();
    });
}

Response group_list(const ActionContext& a) {
    const auto used = a.c.store.field_values(SearchField::groups);
    std::vector<FacetCount> groups;
    for (const auto& g : a.vocab.groups()) {
        const auto it = std::find_if(used.begin(), used.end(), [&](const FacetCount& f) { return f.name == g.name; });
        groups.push_back({g.name, g.title, it == used.end() ? 0 : it->count});
    }
    sort_and_page(groups, a);
    const bool all_fields = a.params.flag("all_fields");
    return envelope(a.help, [&](JsonWriter& w) {
        w.StartArray();
        for (const auto& g : groups) {
            if (!all_fields) {
                put_string(w, g.name);
                continue;
            }
            const auto group = std::find_if(a.vocab.groups().begin(), a.vocab.groups().end(),
                                             [&](const CkanGroup& x) { return x.name == g.name; });
            w.StartObject();
            put(w, "id", ckan_uuid(group->iri));
            put(w, "name", g.name);
            put(w, "title", g.title);
            put(w, "display_name", g.title);
            put(w, "description", "");
            put(w, "image_url", "");
            put(w, "image_display_url", "");
            put(w, "type", "group");
            w.Key("is_organization");
            w.Bool(false);
            put(w, "state", "active");
            put(w, "approval_status", "approved");
            w.Key("package_count");
            w.Int64(g.count);
            w.EndObject();
        }
        w.EndArray();
    });
}

Response tag_list(const ActionContext& a) {
    const std::string query = a.params.get("query").value_or("");
    const auto tags = a.c.store.field_values(SearchField::tags, query);
    const bool all_fields = a.params.flag("all_fields");
    return envelope(a.help, [&](JsonWriter& w) {
        w.StartArray();
        for (const auto& t : tags) {
            if (!all_fields) {
                put_string(w, t.name);
                continue;
            }
            w.StartObject();
            put(w, "id", ckan_uuid("urn:ckan:tag:" + t.name));
            put(w, "name", t.name);
            put(w, "display_name", t.name);
            w.Key("vocabulary_id");
            w.Null();
            w.EndObject();
        }
        w.EndArray();
    });
}

Response license_list(const ActionContext& a) {
    return envelope(a.help, [&](JsonWriter& w) {
        w.StartArray();
        for (const auto& l : a.vocab.licences()) {
            w.StartObject();
            put(w, "id", l.id);
            put(w, "title", l.title);
            put(w, "url", l.url);
            put(w, "status", "active");
            put(w, "od_conformance", l.open ? "approved" : "not reviewed");
            put(w, "osd_conformance", "not reviewed");
            w.Key("domain_content");
            w.Bool(false);
            w.Key("domain_data");
            w.Bool(true);
            w.Key("domain_software");
            w.Bool(false);
            put(w, "family", "");
            w.Key("is_generic");
            w.Bool(false);
            put(w, "maintainer", "");
            w.EndObject();
        }
        w.EndArray();
    });
}

Response status_show(const ActionContext& a) {
    return envelope(a.help, [&](JsonWriter& w) {
        w.StartObject();
        put(w, "site_title", a.c.options.catalog.title);
        put(w, "site_description", "");
        put(w, "site_url", base_url(a.c));
        put(w, "ckan_version", "2.10.0");
        put(w, "error_emails_to", "");
        put(w, "locale_default", "de");
        w.Key("extensions");
        w.StartArray();
        put_string(w, "dcat");
        put_string(w, "dcatde");
        w.EndArray();
        w.EndObject();
    });
}

}  // namespace

Response ckan_action(EndpointContext& c, std::string_view action) {
    using Handler = Response (*)(const ActionContext&);
    static const std::pair<std::string_view, Handler> actions[] = {
        {"package_search", package_search},       {"package_show", package_show},
        {"package_list", package_list},           {"organization_list", organization_list},
        {"organization_show", organization_show}, {"group_list", group_list},
        {"tag_list", tag_list},                   {"license_list", license_list},
        {"status_show", status_show},
    };
    const auto it = std::find_if(std::begin(actions), std::end(actions), [&](const auto& a) { return a.first == action; });
    if (it == std::end(actions)) return bad_request(fmt::format("Action name not known: {}", action));
    if (c.request.method != "GET" && c.request.method != "HEAD" && c.request.method != "POST") {
        Response response = Response::error(405, fmt::format("{} is not allowed here; use GET or POST", c.request.method));
        response.headers.emplace_back("Allow", "GET, HEAD, POST");
        return response;
    }
    const ActionParams params(c.request);
    if (!params.error().empty()) return bad_request(params.error());
    if (c.ckan_vocabulary == nullptr) {
        return Response::error(503, "the CKAN API needs the vocabularies (serve: the vocabularies directory is not set)");
    }
    const ActionContext context{c, params, *c.ckan_vocabulary,
                                fmt::format("{}/api/3/action/help_show?name={}", base_url(c), action)};
    try {
        return it->second(context);
    } catch (const CkanError& e) {
        return error_envelope(context.help, e);
    }
}

}  // namespace ernte::catalog::api
