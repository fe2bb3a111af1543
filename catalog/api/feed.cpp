#include "catalog/api/endpoints.hpp"

#include "catalog/export.hpp"
#include "catalog/forward_profile.hpp"
#include "catalog/store.hpp"
#include "catalog/time.hpp"
#include "catalog/url.hpp"

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <mutex>
#include <sstream>
#include <tuple>

namespace ernte::catalog::api {

namespace {

/// Every how many datasets the feed keeps the id where a page may start.
constexpr std::int64_t k_feed_stride = 64;

/// The syntax a file extension names ("ttl", "rdf", "xml", "jsonld").
std::optional<ExportFormat> format_of_extension(std::string_view extension) {
    if (extension == "ttl") return ExportFormat::turtle;
    if (extension == "rdf" || extension == "xml") return ExportFormat::rdfxml;
    if (extension == "jsonld") return ExportFormat::jsonld;
    return std::nullopt;
}

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

/// The syntax the Accept header prefers: the highest q among the media types
/// offered (the first listed on a tie); RDF/XML when there is no header or it
/// accepts anything, as ckanext-dcat does; nullopt when nothing offered is acceptable.
std::optional<ExportFormat> negotiate(std::string_view accept) {
    if (trim(accept).empty()) return ExportFormat::rdfxml;
    std::optional<ExportFormat> best;
    double best_q = 0.0;
    while (!accept.empty()) {
        const auto comma = accept.find(',');
        const std::string_view item = accept.substr(0, comma);
        accept = comma == std::string_view::npos ? std::string_view{} : accept.substr(comma + 1);
        const auto semicolon = item.find(';');
        const std::string type = lower(trim(item.substr(0, semicolon)));
        double q = 1.0;
        if (semicolon != std::string_view::npos) {
            std::string_view parameters = item.substr(semicolon + 1);
            while (!parameters.empty()) {
                const auto next = parameters.find(';');
                const std::string_view parameter = trim(parameters.substr(0, next));
                parameters = next == std::string_view::npos ? std::string_view{} : parameters.substr(next + 1);
                if (parameter.size() > 2 && (parameter[0] == 'q' || parameter[0] == 'Q') && parameter[1] == '=') {
                    try {
                        q = std::stod(std::string(parameter.substr(2)));
                    } catch (const std::exception&) {
                        q = 0.0;
                    }
                }
            }
        }
        std::optional<ExportFormat> format;
        if (type == "text/turtle" || type == "application/x-turtle" || type == "text/n3") format = ExportFormat::turtle;
        else if (type == "application/rdf+xml" || type == "application/xml" || type == "text/xml")
            format = ExportFormat::rdfxml;
        else if (type == "application/ld+json" || type == "application/json") format = ExportFormat::jsonld;
        else if (type == "*/*" || type == "application/*") format = ExportFormat::rdfxml;
        else if (type == "text/*") format = ExportFormat::turtle;
        if (format && q > best_q) {
            best = format;
            best_q = q;
        }
    }
    return best;
}

Response not_acceptable() {
    return Response::error(406, "none of the accepted media types is offered; this feed is text/turtle, "
                                "application/rdf+xml or application/ld+json (or ask for /catalog.ttl, "
                                "/catalog.rdf, /catalog.jsonld)");
}

std::string content_type_of(ExportFormat format) {
    return std::string(export_media_type(format)) + "; charset=utf-8";
}

/// A time the feed compares last changes with, in the store's form.
std::string changed_since_value(std::string_view text) {
    if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
        if (parse_utc(std::string(text) + "T00:00:00Z")) return std::string(text);
    } else if (const auto t = parse_utc(text)) {
        return format_utc(*t);
    }
    throw BadRequest(fmt::format("modified_since must be an ISO 8601 date or time such as 2026-11-01 or "
                                 "2026-11-01T08:00:00Z, not '{}'",
                                 text));
}

/// The URL of page `page` of the feed at `path`: the request's other query
/// parameters as they were, then page=N.
std::string page_url(const EndpointContext& c, std::string_view path, std::int64_t page) {
    std::string url = base_url(c);
    url += url_encode_path(path);
    char separator = '?';
    for (const auto& [name, value] : c.request.params()) {
        if (name == "page") continue;
        url += separator;
        url += url_encode(name);
        url += '=';
        url += url_encode(value);
        separator = '&';
    }
    url += separator;
    url += "page=" + std::to_string(page);
    return url;
}

/// The forward profile a request names (`profile=`), with its verdicts
/// brought up to date; nullopt when it names none. Throws BadRequest for an
/// unknown name.
std::optional<ForwardProfile> requested_profile(EndpointContext& c, std::string_view name) {
    const auto profile = forward_profile_from_name(name);
    if (!profile) {
        throw BadRequest(fmt::format("there is no profile '{}'; the profiles are {}", name, forward_profile_names()));
    }
    // One request judges what changed; the others wait for it and then find the verdicts up to date.
    static std::mutex judging;
    std::lock_guard lock(judging);
    refresh_profile_verdicts(c.store, *profile, c.vocab);
    return profile;
}

}  // namespace

std::string url_encode_path(std::string_view path) {
    std::string out;
    std::size_t begin = 0;
    while (begin <= path.size()) {
        const auto slash = path.find('/', begin);
        const std::string_view segment =
            path.substr(begin, slash == std::string_view::npos ? std::string_view::npos : slash - begin);
        out += url_encode(segment);
        if (slash == std::string_view::npos) break;
        out += '/';
        begin = slash + 1;
    }
    return out;
}

std::int64_t int_param(const Request& request, std::string_view name, std::int64_t fallback, std::int64_t min,
                       std::int64_t max) {
    const auto text = request.param(name);
    if (!text) return fallback;
    std::int64_t value = 0;
    const char* end = text->data() + text->size();
    const auto [ptr, ec] = std::from_chars(text->data(), end, value);
    if (text->empty() || ec != std::errc{} || ptr != end || value < min || value > max) {
        throw BadRequest(fmt::format("{} must be a whole number from {} to {}, not '{}'", name, min, max, *text));
    }
    return value;
}

std::string base_url(const EndpointContext& c) {
    std::string url = c.options.public_url;
    if (url.empty()) {
        const std::string_view host = c.request.header("host");
        const bool plain = !host.empty() && host.size() <= 255 && std::all_of(host.begin(), host.end(), [](char ch) {
            return std::isalnum(static_cast<unsigned char>(ch)) || ch == '.' || ch == '-' || ch == ':' || ch == '[' ||
                   ch == ']';
        });
        url = "http://" + std::string(plain ? host : std::string_view("localhost"));
    }
    while (!url.empty() && url.back() == '/') url.pop_back();
    return url;
}

Response feed_page(EndpointContext& c, std::string_view path) {
    std::optional<ExportFormat> format;
    if (path == "/catalog") {
        format = negotiate(c.request.header("accept"));
        if (!format) return not_acceptable();
    } else {
        format = format_of_extension(path.substr(9));
        if (!format) {
            return Response::error(404, fmt::format("no feed at {}; the feed is /catalog.ttl, /catalog.rdf (or .xml) "
                                                    "and /catalog.jsonld",
                                                    path));
        }
    }

    DatasetFilter filter;
    if (const auto source = c.request.param("source")) {
        if (!c.store.source_id(*source)) return Response::error(404, fmt::format("no source named '{}'", *source));
        filter.source = *source;
    }
    if (const auto publisher = c.request.param("publisher")) filter.publisher = *publisher;
    if (const auto since = c.request.param("modified_since")) filter.changed_since = changed_since_value(*since);
    std::optional<ForwardProfile> profile;
    if (const auto name = c.request.param("profile")) {
        profile = requested_profile(c, *name);
        if (*profile != ForwardProfile::all) filter.profile = std::string(to_string(*profile));
    }
    const std::int64_t per_page = int_param(c.request, "per_page", c.options.per_page, 1, c.options.max_per_page);
    const std::int64_t page = int_param(c.request, "page", 1, 1, 1'000'000'000);

    // The profile alone is read from the verdicts' index, without the datasets
    // table. Where the datasets of other selections stand (their number and
    // the id at every k_feed_stride-th place) is read once per catalogue
    // state; with a profile, each time (its verdicts are brought up to date
    // apart from the catalogue's changes).
    const bool profile_only = filter.profile && !filter.source && !filter.publisher && !filter.changed_since;
    std::int64_t total = 0;
    PositionCache::Positions positions;
    if (profile_only) {
        total = c.store.profile_counts(*filter.profile).first;
    } else if (c.positions != nullptr && !filter.profile) {
        const std::string key = fmt::format("feed\x1f{}\x1f{}\x1f{}", filter.source.value_or("\x01"),
                                            filter.publisher.value_or("\x01"), filter.changed_since.value_or("\x01"));
        positions = c.positions->get(key, c.store.catalogue_state(),
                                     [&] { return c.store.dataset_positions(filter, k_feed_stride); });
        total = positions->count;
    } else {
        total = c.store.count_datasets(filter);
    }
    const std::int64_t last = std::max<std::int64_t>(1, (total + per_page - 1) / per_page);
    if (page > last) {
        return Response::error(404, fmt::format("page {} does not exist: the feed has {} page(s) of {} datasets", page,
                                                last, per_page));
    }

    CatalogInfo info = c.options.catalog;
    CataloguePage paging;
    paging.iri = page_url(c, path, page);
    paging.first = page_url(c, path, 1);
    paging.last = page_url(c, path, last);
    if (page > 1) paging.previous = page_url(c, path, page - 1);
    if (page < last) paging.next = page_url(c, path, page + 1);
    paging.total_items = total;
    paging.items_per_page = per_page;
    info.page = std::move(paging);

    std::ostringstream out;
    {
        CatalogWriter writer(out, *format);
        writer.begin(info);
        const DatasetSlice slice = positions ? positions->slice((page - 1) * per_page, per_page)
                                             : DatasetSlice{(page - 1) * per_page, per_page};
        const auto write = [&](const CatalogRecord& record) { writer.write_dataset(record.dataset, record.status); };
        if (profile_only) c.store.for_each_qualifying_dataset(*filter.profile, slice, write);
        else c.store.for_each_dataset(filter, slice, write);
        writer.end();
    }
    Response response = Response::text(std::move(out).str(), content_type_of(*format));
    if (path == "/catalog") response.headers.emplace_back("Vary", "Accept");
    if (filter.profile) {
        // What the profile held back, so a harvester's operator can see it without asking.
        const std::int64_t held_back = c.store.profile_counts(*filter.profile).second;
        response.headers.emplace_back("X-Ernte-Profile", *filter.profile);
        response.headers.emplace_back("X-Ernte-Held-Back", std::to_string(held_back));
        response.headers.emplace_back(
            "Link", fmt::format("<{}/api/profiles/{}>; rel=\"describedby\"", base_url(c), *filter.profile));
    }
    return response;
}

Response dataset_document(EndpointContext& c, std::string_view id_and_format) {
    const auto dot = id_and_format.rfind('.');
    const std::optional<ExportFormat> format =
        dot == std::string_view::npos ? std::nullopt : format_of_extension(id_and_format.substr(dot + 1));
    if (!format) {
        return Response::error(404, fmt::format("ask for /dataset/{{id}}.ttl, .rdf or .jsonld, not /dataset/{}",
                                                id_and_format));
    }
    const std::string_view id = id_and_format.substr(0, dot);
    const auto record = c.store.find(id);
    if (!record) return Response::error(404, fmt::format("no dataset '{}' in the catalogue", id));
    if (record->status == model::RecordStatus::withdrawn) {
        return Response::error(410, fmt::format("dataset '{}' was withdrawn from the catalogue", id));
    }
    return Response::text(catalog::dataset_document(record->dataset, record->status, *format),
                          content_type_of(*format));
}

Response profile_report(EndpointContext& c, std::string_view name) {
    const auto profile = requested_profile(c, name);
    const std::string profile_name(to_string(*profile));
    const std::int64_t per_page = int_param(c.request, "per_page", c.options.per_page, 1, c.options.max_per_page);
    const std::int64_t page = int_param(c.request, "page", 1, 1, 1'000'000'000);
    std::int64_t datasets = 0;
    std::int64_t held_back = 0;
    std::vector<HeldBackRow> rows;
    if (*profile == ForwardProfile::all) {
        datasets = c.store.count_datasets(DatasetFilter{});
    } else {
        std::int64_t qualifying = 0;
        std::tie(qualifying, held_back) = c.store.profile_counts(profile_name);
        datasets = qualifying + held_back;
        rows = c.store.held_back(profile_name, DatasetSlice{(page - 1) * per_page, per_page});
    }
    const std::int64_t last = std::max<std::int64_t>(1, (held_back + per_page - 1) / per_page);

    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    auto string = [&](const char* key, std::string_view value) {
        w.Key(key);
        w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
    };
    w.StartObject();
    string("profile", profile_name);
    w.Key("rules");
    w.StartArray();
    for (const auto rule : profile_rules(*profile)) w.String(rule.data(), static_cast<rapidjson::SizeType>(rule.size()));
    w.EndArray();
    w.Key("datasets");
    w.Int64(datasets);
    w.Key("qualifying");
    w.Int64(datasets - held_back);
    w.Key("held_back");
    w.Int64(held_back);
    w.Key("page");
    w.Int64(page);
    w.Key("per_page");
    w.Int64(per_page);
    if (page < last) string("next", fmt::format("{}/api/profiles/{}?per_page={}&page={}", base_url(c), profile_name,
                                                per_page, page + 1));
    w.Key("held_back_datasets");
    w.StartArray();
    for (const auto& row : rows) {
        w.StartObject();
        w.Key("id");
        w.Int64(row.dataset_id);
        string("iri", row.iri);
        string("title", row.title);
        string("publisher", row.publisher);
        w.Key("reasons");
        w.RawValue(row.reasons.data(), row.reasons.size(), rapidjson::kArrayType);
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return Response::json(std::string(buffer.GetString(), buffer.GetSize()));
}

}  // namespace ernte::catalog::api
