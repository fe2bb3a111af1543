#include "catalog/api/endpoints.hpp"

#include "catalog/assess.hpp"
#include "catalog/ops_json.hpp"
#include "catalog/quality_report.hpp"
#include "catalog/store.hpp"
#include "catalog/time.hpp"

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <charconv>
#include <sstream>

namespace ernte::catalog::api {

namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

quality::Language language(const Request& request) {
    const auto lang = request.param("lang");
    if (!lang || *lang == "en") return quality::Language::en;
    if (*lang == "de") return quality::Language::de;
    throw BadRequest(fmt::format("lang must be de or en, not '{}'", *lang));
}

/// The datasets the query's `source` and `publisher` select.
DatasetFilter quality_filter(const EndpointContext& c) {
    DatasetFilter filter;
    if (const auto source = c.request.param("source")) {
        if (!c.store.source_id(*source)) throw BadRequest(fmt::format("no source named '{}'", *source));
        filter.source = *source;
    }
    if (const auto publisher = c.request.param("publisher")) filter.publisher = *publisher;
    return filter;
}

Response report_json(const quality::QualityReport& report, quality::ReportJsonParts parts, quality::Language lang) {
    std::ostringstream out;
    quality::write_report_json(out, report, parts, lang);
    return Response::json(std::move(out).str());
}

std::optional<std::int64_t> parse_id(std::string_view text) {
    std::int64_t id = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (text.empty() || ec != std::errc{} || ptr != text.data() + text.size() || id <= 0) return std::nullopt;
    return id;
}

Response json_of(rapidjson::StringBuffer& buffer) { return Response::json(std::string(buffer.GetString(), buffer.GetSize())); }

void string_member(JsonWriter& w, const char* key, std::string_view value) {
    w.Key(key);
    w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

}  // namespace

Response quality_summary(EndpointContext& c) {
    const auto lang = language(c.request);
    const auto report = catalogue_report(*c.reports, c.store, quality_filter(c));
    return report_json(*report, {.catalogue = true, .publishers = false}, lang);
}

Response quality_publishers(EndpointContext& c) {
    const auto lang = language(c.request);
    const auto report = catalogue_report(*c.reports, c.store, quality_filter(c));
    return report_json(*report, {.catalogue = false, .publishers = true}, lang);
}

Response quality_publisher(EndpointContext& c, std::string_view name) {
    const auto lang = language(c.request);
    DatasetFilter filter = quality_filter(c);
    if (filter.source) {
        // A selection of the publisher's datasets: built for this request.
        filter.publisher = std::string(name);
        auto scored = c.store.scored_datasets(filter);
        if (scored.empty()) return Response::error(404, fmt::format("no datasets of a publisher named '{}'", name));
        quality::add_finding_texts(c.store, c.vocab, scored, today_utc());
        return report_json(quality::build_report(std::move(scored)), {.datasets = true}, lang);
    }
    const auto report = publisher_report(*c.reports, c.store, c.vocab, name);
    if (report->datasets.empty()) return Response::error(404, fmt::format("no datasets of a publisher named '{}'", name));
    return report_json(*report, {.datasets = true}, lang);
}

Response quality_dataset(EndpointContext& c, std::string_view id) {
    const auto lang = language(c.request);
    const auto record = c.store.find(id);
    if (!record || record->status != model::RecordStatus::active) {
        return Response::error(404, fmt::format("no active dataset '{}' in the catalogue", id));
    }
    auto scored = c.store.scored_datasets(DatasetFilter{.dataset_id = record->id});
    if (scored.empty()) {
        return Response::error(404, fmt::format("dataset '{}' is a data service; data services are not scored", id));
    }
    quality::add_finding_texts(c.store, c.vocab, scored, today_utc());
    const auto report = quality::build_report(std::move(scored));
    std::ostringstream out;
    quality::write_dataset_report_json(out, report.datasets.front(), lang);
    return Response::json(std::move(out).str());
}

std::vector<ListedSource> listed_sources(EndpointContext& c) {
    const auto rows = c.store.sources();
    std::vector<ListedSource> listed;
    auto add = [&](ConfiguredSource source, bool configured) {
        ListedSource l{std::move(source), configured};
        for (const auto& r : rows) {
            if (r.info.name != l.source.name) continue;
            l.datasets = r.datasets;
            l.last_run = r.last_run;
            l.last_success = r.last_success;
        }
        listed.push_back(std::move(l));
    };
    if (!c.operations) {
        for (const auto& row : rows) add({row.info.name, row.info.type, row.info.url, ""}, true);
        return listed;
    }
    std::vector<std::string> names;
    for (auto& source : c.operations->configured_sources()) {
        names.push_back(source.name);
        add(std::move(source), true);
    }
    for (const auto& row : unconfigured_sources(rows, names)) add({row.info.name, row.info.type, row.info.url, ""}, false);
    return listed;
}

Response sources_json(EndpointContext& c) {
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartArray();
    for (const auto& [source, configured, datasets, last_run, last_success] : listed_sources(c)) {
        w.StartObject();
        string_member(w, "name", source.name);
        w.Key("configured");
        w.Bool(configured);
        string_member(w, "type", source.type);
        string_member(w, "url", source.url);
        w.Key("schedule");
        if (source.schedule.empty()) w.Null();
        else w.String(source.schedule.c_str());
        w.Key("datasets");
        w.Int64(datasets);
        w.Key("last_run");
        if (last_run) write_run_json(w, *last_run);
        else w.Null();
        w.Key("last_success");
        if (last_success) w.String(last_success->finished.c_str());
        else w.Null();
        w.Key("next_run");
        const auto next = c.operations && configured ? c.operations->next_run(source.name) : std::nullopt;
        if (next) w.String(next->c_str());
        else w.Null();
        w.Key("busy");
        w.Bool(c.operations && c.operations->busy(source.name));
        w.EndObject();
    }
    w.EndArray();
    return json_of(buffer);
}

Response runs_json(EndpointContext& c) {
    std::optional<std::string> source = c.request.param("source");
    if (source && !c.store.source_id(*source)) return Response::error(404, fmt::format("no source named '{}'", *source));
    const auto limit = static_cast<int>(int_param(c.request, "limit", 50, 1, 1000));
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartArray();
    for (const auto& run : c.store.runs(source, limit)) write_run_json(w, run);
    w.EndArray();
    return json_of(buffer);
}

Response run_json(EndpointContext& c, std::string_view id) {
    const auto run_id = parse_id(id);
    const auto run = run_id ? c.store.run(*run_id) : std::nullopt;
    if (!run) return Response::error(404, fmt::format("no harvest run '{}'", id));
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    write_run_json(w, *run);
    return json_of(buffer);
}

Response run_errors_json(EndpointContext& c, std::string_view id) {
    const auto run_id = parse_id(id);
    const auto run = run_id ? c.store.run(*run_id) : std::nullopt;
    if (!run) return Response::error(404, fmt::format("no harvest run '{}'", id));
    const auto limit = static_cast<int>(int_param(c.request, "limit", 100, 1, 10000));
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartArray();
    for (const auto& error : c.store.errors(std::nullopt, run->id, limit)) write_error_json(w, error);
    w.EndArray();
    return json_of(buffer);
}

Response admin_trigger(EndpointContext& c, std::string_view action, std::string_view source) {
    if (c.options.admin_token.empty()) {
        return Response::error(403, "admin actions are switched off: name an environment variable holding a token "
                                    "in serve.admin_token_env of the configuration");
    }
    const std::string_view authorization = c.request.header("authorization");
    constexpr std::string_view bearer = "Bearer ";
    if (authorization.size() <= bearer.size() || authorization.substr(0, bearer.size()) != bearer ||
        !equal_in_constant_time(authorization.substr(bearer.size()), c.options.admin_token)) {
        Response response = Response::error(401, "admin actions need the header Authorization: Bearer <token>");
        response.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"ernte admin\"");
        return response;
    }
    if (!c.operations) return Response::error(503, "this server runs no harvests");
    const TriggerOutcome outcome =
        action == "harvest" ? c.operations->request_harvest(source) : c.operations->request_link_check(source);
    int status = 202;
    std::string message;
    switch (outcome) {
        case TriggerOutcome::started: message = fmt::format("{} of '{}' started", action, source); break;
        case TriggerOutcome::queued:
            message = fmt::format("{} of '{}' queued: it starts when a running source finishes", action, source);
            break;
        case TriggerOutcome::already_running:
            status = 409;
            message = fmt::format("'{}' is already being worked on; nothing new was started", source);
            break;
        case TriggerOutcome::unknown_source:
            status = 404;
            message = fmt::format("no source named '{}' in the configuration", source);
            break;
        case TriggerOutcome::stopping:
            status = 503;
            message = "the server is shutting down";
            break;
    }
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartObject();
    string_member(w, "action", action);
    string_member(w, "source", source);
    string_member(w, "outcome", to_string(outcome));
    string_member(w, "message", message);
    w.EndObject();
    Response response = json_of(buffer);
    response.status = status;
    return response;
}

Response api_index() {
    struct Endpoint {
        const char* method;
        const char* path;
        const char* description;
    };
    static constexpr Endpoint k_endpoints[] = {
        {"GET", "/catalog.ttl", "the catalogue as DCAT-AP.de Turtle, a page at a time (?page, ?per_page, "
                                "?modified_since, ?publisher, ?source, ?profile=govdata); also .rdf, .xml, .jsonld, "
                                "and /catalog by Accept"},
        {"GET", "/dataset/{id}.ttl", "one dataset as DCAT-AP.de (also .rdf, .jsonld)"},
        {"GET", "/api/3/action/{action}", "the CKAN action API (also POST with a JSON body): package_search, "
                                          "package_show, package_list, organization_list, organization_show, "
                                          "group_list, tag_list, license_list, status_show"},
        {"GET", "/api/profiles/{profile}", "what a forward profile (govdata) holds back, and why (?page, ?per_page)"},
        {"GET", "/api/quality/summary", "mean MQA score and ratings of the catalogue (?source, ?publisher, ?lang)"},
        {"GET", "/api/quality/publishers", "per publisher: datasets, mean score, rating, costliest findings"},
        {"GET", "/api/quality/publishers/{name}", "one publisher's datasets with scores, findings and fixes"},
        {"GET", "/api/quality/datasets/{id}", "one dataset's score, indicator by indicator, with findings and fixes"},
        {"GET", "/api/sources", "configured sources with datasets, last runs and next scheduled run"},
        {"GET", "/api/runs", "harvest runs, newest first (?source, ?limit)"},
        {"GET", "/api/runs/{id}", "one harvest run"},
        {"GET", "/api/runs/{id}/errors", "what went wrong in a run: URL, place and message"},
        {"POST", "/api/admin/harvest/{source}", "harvest a source now (Authorization: Bearer <token>)"},
        {"POST", "/api/admin/check-links/{source}", "check a source's links now (Authorization: Bearer <token>)"},
        {"GET", "/", "the dashboard for people (HTML, German; ?lang=en): overview, also /publisher/{name}, "
                     "/dataset/{id}, /search, /sources, /runs/{id}"},
        {"GET", "/healthz", "whether the service and its database answer"},
        {"GET", "/metrics", "Prometheus metrics"},
    };
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartObject();
    w.Key("endpoints");
    w.StartArray();
    for (const Endpoint& e : k_endpoints) {
        w.StartObject();
        string_member(w, "method", e.method);
        string_member(w, "path", e.path);
        string_member(w, "description", e.description);
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return json_of(buffer);
}

Response health(EndpointContext& c) {
    // A read of the catalogue proves the database answers.
    const std::int64_t datasets = c.store.count_datasets(model::RecordStatus::active);
    return Response::json(fmt::format("{{\"status\":\"ok\",\"datasets\":{}}}", datasets));
}

Response metrics_text(EndpointContext& c) {
    std::string out = c.metrics.render();
    out += "# HELP ernte_harvest_runs_total Harvest runs recorded, by source and status.\n";
    out += "# TYPE ernte_harvest_runs_total counter\n";
    for (const auto& count : c.store.run_status_counts()) {
        out += fmt::format("ernte_harvest_runs_total{{source=\"{}\",status=\"{}\"}} {}\n",
                           prometheus_label(count.source), to_string(count.status), count.runs);
    }
    const auto sources = c.store.sources();
    out += "# HELP ernte_source_datasets Datasets a source delivers (active links).\n";
    out += "# TYPE ernte_source_datasets gauge\n";
    for (const auto& s : sources) {
        out += fmt::format("ernte_source_datasets{{source=\"{}\"}} {}\n", prometheus_label(s.info.name), s.datasets);
    }
    out += "# HELP ernte_source_last_success_timestamp_seconds When the last succeeded run of a source finished.\n";
    out += "# TYPE ernte_source_last_success_timestamp_seconds gauge\n";
    for (const auto& s : sources) {
        if (!s.last_success) continue;
        const auto finished = parse_utc(s.last_success->finished);
        if (!finished) continue;
        const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(finished->time_since_epoch()).count();
        out += fmt::format("ernte_source_last_success_timestamp_seconds{{source=\"{}\"}} {}\n",
                           prometheus_label(s.info.name), seconds);
    }
    out += "# HELP ernte_catalogue_datasets Datasets in the catalogue, by status.\n";
    out += "# TYPE ernte_catalogue_datasets gauge\n";
    for (const auto status :
         {model::RecordStatus::active, model::RecordStatus::deprecated, model::RecordStatus::withdrawn}) {
        out += fmt::format("ernte_catalogue_datasets{{status=\"{}\"}} {}\n", catalog::to_string(status),
                           c.store.count_datasets(status));
    }
    return Response::text(std::move(out), "text/plain; version=0.0.4; charset=utf-8");
}

}  // namespace ernte::catalog::api
