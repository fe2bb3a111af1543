#include "catalog/web/dashboard.hpp"

#include "catalog/assess.hpp"
#include "catalog/export.hpp"
#include "catalog/quality_report.hpp"
#include "catalog/ckan_package.hpp"
#include "catalog/search.hpp"
#include "catalog/text.hpp"
#include "catalog/store.hpp"
#include "catalog/time.hpp"
#include "catalog/url.hpp"
#include "catalog/web/charts.hpp"
#include "catalog/web/html.hpp"

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>
#include <charconv>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>

namespace ernte::catalog::web {

using api::EndpointContext;
using api::Response;
using quality::Rating;

namespace {

// ---------------------------------------------------------------- language

enum class Lang { de, en };

/// German unless the request asks for English (?lang=en).
Lang lang_of(const api::Request& request) {
    const auto lang = request.param("lang");
    return lang && *lang == "en" ? Lang::en : Lang::de;
}

std::string_view tr(Lang lang, std::string_view de, std::string_view en) { return lang == Lang::de ? de : en; }

quality::Language report_language(Lang lang) { return lang == Lang::de ? quality::Language::de : quality::Language::en; }

/// A text of a finding or cost in the page's language (the other when empty).
std::string_view pick(Lang lang, const std::string& de, const std::string& en) {
    if (lang == Lang::de) return de.empty() ? std::string_view(en) : std::string_view(de);
    return en.empty() ? std::string_view(de) : std::string_view(en);
}

/// A number as people read it: decimal comma in German.
std::string decimal(Lang lang, double value, int decimals = 1) {
    std::string text = fmt::format("{:.{}f}", value, decimals);
    if (lang == Lang::de) std::replace(text.begin(), text.end(), '.', ',');
    return text;
}

/// A mean as the quality API writes it (one decimal, a point).
std::string api_number(double value) { return fmt::format("{:.1f}", value); }

std::string_view rating_label(Lang lang, Rating rating) {
    switch (rating) {
    case Rating::excellent: return tr(lang, "Ausgezeichnet", "Excellent");
    case Rating::good: return tr(lang, "Gut", "Good");
    case Rating::sufficient: return tr(lang, "Ausreichend", "Sufficient");
    case Rating::bad: return tr(lang, "Mangelhaft", "Bad");
    }
    return "";
}

std::string_view dimension_label(Lang lang, quality::Dimension d) {
    switch (d) {
    case quality::Dimension::findability: return tr(lang, "Auffindbarkeit", "Findability");
    case quality::Dimension::accessibility: return tr(lang, "Zugänglichkeit", "Accessibility");
    case quality::Dimension::interoperability: return tr(lang, "Interoperabilität", "Interoperability");
    case quality::Dimension::reusability: return tr(lang, "Wiederverwendbarkeit", "Reusability");
    case quality::Dimension::contextuality: return tr(lang, "Kontext", "Contextuality");
    }
    return "";
}

constexpr std::array<Rating, 4> k_ratings{Rating::excellent, Rating::good, Rating::sufficient, Rating::bad};

std::size_t count_of(const quality::RatingCounts& counts, Rating rating) {
    switch (rating) {
    case Rating::excellent: return counts.excellent;
    case Rating::good: return counts.good;
    case Rating::sufficient: return counts.sufficient;
    case Rating::bad: return counts.bad;
    }
    return 0;
}

std::string rating_class(Rating rating) { return fmt::format("rating-{}", quality::rating_name(rating)); }

/// The rating as a coloured badge that also says it in words.
void rating_badge(HtmlWriter& w, Lang lang, std::optional<Rating> rating) {
    if (!rating) {
        w.element("span", tr(lang, "nicht bewertet", "not scored"), {{"class", "rating rating-none"}});
        return;
    }
    const std::string css = "rating " + rating_class(*rating);
    w.element("span", rating_label(lang, *rating), {{"class", css}, {"data-rating", quality::rating_name(*rating)}});
}

std::optional<Rating> group_rating(const quality::GroupSummary& g) {
    if (g.scored == 0) return std::nullopt;
    return quality::rating_of_mean(g.mean);
}

// ---------------------------------------------------------------- addresses

/// A dashboard address in the page's language.
std::string href(Lang lang, std::string path, std::string_view query = {}) {
    std::string q(query);
    if (lang == Lang::en) q += std::string(q.empty() ? "" : "&") + "lang=en";
    if (!q.empty()) path += "?" + q;
    return path;
}

std::string publisher_path(std::string_view name) { return "/publisher/" + url_encode(name); }
std::string dataset_path(std::int64_t id) { return fmt::format("/dataset/{}", id); }
std::string run_path(std::int64_t id) { return fmt::format("/runs/{}", id); }

/// The address of the same page in the other language, other parameters kept.
std::string switch_href(const api::Request& request, std::string_view path, Lang to) {
    std::string query;
    for (const auto& [name, value] : request.params()) {
        if (name == "lang") continue;
        query += (query.empty() ? "" : "&") + url_encode(name) + "=" + url_encode(value);
    }
    std::string target = api::url_encode_path(path);
    return href(to, std::move(target), query);
}

// ---------------------------------------------------------------- the frame

Response html_response(std::string body, int status = 200) {
    Response r = Response::text(std::move(body), "text/html; charset=utf-8", status);
    // Harvested text is escaped; the policy makes sure nothing else runs either.
    r.headers.emplace_back("Content-Security-Policy",
                           "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
                           "base-uri 'none'; frame-ancestors 'none'");
    r.headers.emplace_back("X-Content-Type-Options", "nosniff");
    r.headers.emplace_back("Referrer-Policy", "same-origin");
    return r;
}

void begin_page(HtmlWriter& w, const EndpointContext& c, Lang lang, std::string_view title, std::string_view path) {
    w.markup("<!DOCTYPE html>");
    w.open("html", {{"lang", tr(lang, "de", "en")}});
    w.open("head").empty("meta", {{"charset", "utf-8"}});
    w.empty("meta", {{"name", "viewport"}, {"content", "width=device-width, initial-scale=1"}});
    w.element("title", fmt::format("{} – {}", title, c.options.catalog.title.empty() ? "ernte" : c.options.catalog.title));
    w.empty("link", {{"rel", "stylesheet"}, {"href", "/assets/ernte.css"}});
    w.empty("link", {{"rel", "icon"}, {"href", "/assets/favicon.svg"}, {"type", "image/svg+xml"}});
    w.close("head").open("body");
    w.link("#main", tr(lang, "Zum Inhalt springen", "Skip to content"), {{"class", "skip"}});
    w.open("header", {{"class", "top"}});
    w.open("nav", {{"aria-label", tr(lang, "Hauptnavigation", "Main navigation")}}).open("ul");
    w.open("li").link(href(lang, "/"), tr(lang, "Übersicht", "Overview")).close("li");
    w.open("li").link(href(lang, "/search"), tr(lang, "Suche", "Search")).close("li");
    w.open("li").link(href(lang, "/sources"), tr(lang, "Quellen und Läufe", "Sources and runs")).close("li");
    w.close("ul").close("nav");
    const Lang other = lang == Lang::de ? Lang::en : Lang::de;
    w.link(switch_href(c.request, path, other), tr(lang, "English", "Deutsch"),
           {{"lang", tr(other, "de", "en")}, {"hreflang", tr(other, "de", "en")}, {"class", "lang-switch"},
            {"id", "lang-switch"}});
    w.close("header");
    w.open("main", {{"id", "main"}, {"tabindex", "-1"}});
    w.element("h1", title);
}

void end_page(HtmlWriter& w, Lang lang) {
    w.close("main");
    w.open("footer").open("p");
    w.text(tr(lang, "Maschinenlesbar: ", "Machine-readable: "));
    w.link("/api", tr(lang, "die API", "the API")).text(", ");
    w.link("/catalog.ttl", tr(lang, "der Katalog in DCAT-AP.de", "the catalogue in DCAT-AP.de"));
    w.text(tr(lang, ". Bewertung nach der Metadaten-Qualitätsbewertung (MQA) von data.europa.eu.",
              ". Scores follow the Metadata Quality Assessment (MQA) of data.europa.eu."));
    w.close("p").close("footer").close("body").close("html");
}

Response error_page(const EndpointContext& c, Lang lang, int status, std::string_view path, std::string_view message) {
    HtmlWriter w;
    begin_page(w, c, lang,
               status == 404   ? tr(lang, "Nicht gefunden", "Not found")
               : status == 410 ? tr(lang, "Nicht mehr im Katalog", "No longer in the catalogue")
                               : tr(lang, "Fehler", "Error"),
               path);
    w.element("p", message, {{"class", "error-message"}});
    w.open("p").link(href(lang, "/"), tr(lang, "Zur Übersicht", "To the overview")).close("p");
    end_page(w, lang);
    return html_response(w.take(), status);
}

std::string when(std::string_view iso) {
    // "2026-11-22T02:00:00Z" as "2026-11-22 02:00 UTC".
    if (iso.size() >= 16 && iso[10] == 'T') return fmt::format("{} {} UTC", iso.substr(0, 10), iso.substr(11, 5));
    return std::string(iso);
}

std::string duration_text(Lang lang, std::string_view started, std::string_view finished) {
    const auto a = parse_utc(started);
    const auto b = parse_utc(finished);
    if (!a || !b) return std::string(tr(lang, "läuft", "running"));
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(*b - *a).count();
    if (seconds < 60) return fmt::format("{} s", seconds);
    return fmt::format("{} min {} s", seconds / 60, seconds % 60);
}

// ---------------------------------------------------------------- cached reports

/// The catalogue's and publishers' summaries (no per-dataset rows), from the
/// service's report cache (api/report_cache.hpp).
std::shared_ptr<const quality::QualityReport> catalogue_report(EndpointContext& c) {
    return api::catalogue_report(*c.reports, c.store, DatasetFilter{});
}

/// A publisher's report with every dataset and its findings with texts
/// (what /api/quality/publishers/{name} answers); empty when none.
std::shared_ptr<const quality::QualityReport> publisher_report(EndpointContext& c, std::string_view name) {
    return api::publisher_report(*c.reports, c.store, c.vocab, name);
}

// ---------------------------------------------------------------- shared parts

void summary_block(HtmlWriter& w, Lang lang, const quality::GroupSummary& g, std::string_view id) {
    w.open("dl", {{"class", "summary"}, {"id", id}});
    w.element("dt", tr(lang, "Mittlere MQA-Punktzahl", "Mean MQA score"));
    w.open("dd");
    if (g.scored == 0) {
        w.element("span", "–", {{"class", "score"}, {"data-field", "mean"}, {"data-value", ""}});
    } else {
        w.element("span", decimal(lang, g.mean),
                  {{"class", "score"}, {"data-field", "mean"}, {"data-value", api_number(std::round(g.mean * 10) / 10)}});
        w.text(tr(lang, " von 405 Punkten", " of 405 points"));
    }
    w.close("dd");
    w.element("dt", tr(lang, "Bewertung", "Rating"));
    w.open("dd", {{"data-field", "rating"}});
    rating_badge(w, lang, group_rating(g));
    w.close("dd");
    w.element("dt", tr(lang, "Datensätze", "Datasets"));
    w.element("dd", std::to_string(g.datasets), {{"data-field", "datasets"}, {"data-value", std::to_string(g.datasets)}});
    w.element("dt", tr(lang, "davon bewertet", "of which scored"));
    w.element("dd", std::to_string(g.scored), {{"data-field", "scored"}, {"data-value", std::to_string(g.scored)}});
    w.close("dl");
}

void ratings_chart(HtmlWriter& w, Lang lang, const quality::GroupSummary& g) {
    std::vector<Bar> bars;
    for (const Rating r : k_ratings) {
        const auto n = count_of(g.ratings, r);
        bars.push_back({std::string(rating_label(lang, r)), static_cast<double>(n),
                        static_cast<double>(std::max<std::size_t>(g.scored, 1)), std::to_string(n), rating_class(r)});
    }
    bar_chart(w, "ratings", tr(lang, "Verteilung der Bewertungen (Datensätze je Stufe)", "Ratings (datasets per band)"),
              bars, {tr(lang, "Bewertung", "Rating"), tr(lang, "Datensätze", "Datasets")});
}

void trend_chart(HtmlWriter& w, Lang lang, const std::vector<QualityTrendPoint>& points, std::string_view caption) {
    std::vector<LinePoint> line;
    for (const auto& p : points) {
        if (p.scored == 0) continue;
        line.push_back({fmt::format("{} ({} {})", when(p.recorded).substr(0, 10), tr(lang, "Lauf", "run"), p.run_id),
                        p.mean, decimal(lang, p.mean)});
    }
    line_chart(w, "trend", caption, line, quality::mqa_max_points,
               {tr(lang, "Harvest-Lauf", "Harvest run"), tr(lang, "Mittlere Punktzahl", "Mean score")},
               tr(lang, "Noch kein Harvest-Lauf mit Bewertungen aufgezeichnet.", "No harvest run with scores recorded yet."));
}

void top_findings(HtmlWriter& w, Lang lang, const quality::GroupSummary& g) {
    w.element("h2", tr(lang, "Was die meisten Punkte kostet", "What costs most points"));
    if (g.top_findings.empty()) {
        w.element("p", tr(lang, "Keine Mängel gefunden.", "No findings."));
        return;
    }
    w.open("table", {{"id", "top-findings"}});
    w.open("thead").open("tr");
    w.element("th", tr(lang, "Mangel", "Finding"), {{"scope", "col"}});
    w.element("th", tr(lang, "Datensätze", "Datasets"), {{"scope", "col"}});
    w.element("th", tr(lang, "Punkte verloren", "Points lost"), {{"scope", "col"}});
    w.close("tr").close("thead").open("tbody");
    for (const auto& f : g.top_findings) {
        w.open("tr", {{"data-rule", f.rule}});
        w.element("td", pick(lang, f.message_de, f.message_en));
        w.element("td", std::to_string(f.datasets), {{"class", "num"}});
        w.element("td", std::to_string(f.points), {{"class", "num"}});
        w.close("tr");
    }
    w.close("tbody").close("table");
}

std::optional<std::int64_t> parse_id(std::string_view text) {
    std::int64_t id = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (text.empty() || ec != std::errc{} || ptr != text.data() + text.size() || id <= 0) return std::nullopt;
    return id;
}

bool is_rdf_extension(std::string_view id) {
    for (const std::string_view ext : {".ttl", ".rdf", ".jsonld"})
        if (id.size() > ext.size() && id.ends_with(ext)) return true;
    return false;
}

constexpr std::string_view k_csv_suffix = "/maengelliste.csv";

}  // namespace

// ---------------------------------------------------------------- routing

std::optional<std::string> page_route(std::string_view path) {
    if (path == "/") return "/";
    if (path == "/sources") return "/sources";
    if (path == "/search") return "/search";
    if (path == "/assets/ernte.css" || path == "/assets/favicon.svg") return std::string(path);
    if (path.starts_with("/runs/") && path.size() > 6) return "/runs/{id}";
    if (path.starts_with("/publisher/") && path.size() > 11)
        return path.ends_with(k_csv_suffix) ? "/publisher/{name}/maengelliste.csv" : "/publisher/{name}";
    if (path.starts_with("/dataset/") && path.size() > 9 && !is_rdf_extension(path.substr(9))) return "/dataset/{id}";
    return std::nullopt;
}

Response page(EndpointContext& c, std::string_view path) {
    if (path == "/") return overview_page(c);
    if (path == "/sources") return sources_page(c);
    if (path == "/search") return search_page(c);
    if (path == "/assets/ernte.css") {
        Response r = Response::text(std::string(stylesheet()), "text/css; charset=utf-8");
        r.headers.emplace_back("Cache-Control", "max-age=3600");
        return r;
    }
    if (path == "/assets/favicon.svg") {
        Response r = Response::text(std::string(favicon()), "image/svg+xml");
        r.headers.emplace_back("Cache-Control", "max-age=86400");
        return r;
    }
    if (path.starts_with("/runs/")) return run_page(c, path.substr(6));
    if (path.starts_with("/publisher/")) {
        std::string_view name = path.substr(11);
        if (name.ends_with(k_csv_suffix) && name.size() > k_csv_suffix.size()) {
            name.remove_suffix(k_csv_suffix.size());
            return publisher_findings_csv(c, name);
        }
        return publisher_page(c, name);
    }
    if (path.starts_with("/dataset/")) return dataset_page(c, path.substr(9));
    return error_page(c, lang_of(c.request), 404, path, "not a page of the dashboard");
}

// ---------------------------------------------------------------- overview

Response overview_page(EndpointContext& c) {
    const Lang lang = lang_of(c.request);
    const auto report = catalogue_report(c);
    const quality::GroupSummary& cat = report->catalogue;

    HtmlWriter w;
    begin_page(w, c, lang, tr(lang, "Metadatenqualität des Katalogs", "Metadata quality of the catalogue"), "/");
    summary_block(w, lang, cat, "catalogue-summary");
    w.open("div", {{"class", "charts"}});
    ratings_chart(w, lang, cat);
    trend_chart(w, lang, c.store.quality_trend(std::nullopt, 30),
                tr(lang, "Mittlere Punktzahl über die letzten Harvest-Läufe", "Mean score over the last harvest runs"));
    w.close("div");
    top_findings(w, lang, cat);

    // Publishers, sortable by score on the server (links, no script).
    const std::string sort = c.request.param("sort").value_or("name");
    std::vector<const quality::GroupSummary*> publishers;
    for (const auto& p : report->publishers) publishers.push_back(&p);
    const auto mean_or_none = [](const quality::GroupSummary* g) { return g->scored == 0 ? -1.0 : g->mean; };
    if (sort == "score") {
        std::stable_sort(publishers.begin(), publishers.end(),
                         [&](const auto* a, const auto* b) { return mean_or_none(a) > mean_or_none(b); });
    } else if (sort == "-score") {
        std::stable_sort(publishers.begin(), publishers.end(),
                         [&](const auto* a, const auto* b) { return mean_or_none(a) < mean_or_none(b); });
    }
    w.element("h2", tr(lang, "Veröffentlichende Stellen", "Publishers"), {{"id", "publishers-heading"}});
    w.open("table", {{"id", "publishers"}, {"aria-labelledby", "publishers-heading"}});
    w.open("thead").open("tr");
    w.open("th", {{"scope", "col"}, {"aria-sort", sort == "name" ? "ascending" : "none"}});
    w.link(href(lang, "/", "sort=name#publishers"), tr(lang, "Name", "Name")).close("th");
    w.element("th", tr(lang, "Datensätze", "Datasets"), {{"scope", "col"}});
    w.open("th", {{"scope", "col"},
                  {"aria-sort", sort == "score" ? "descending" : sort == "-score" ? "ascending" : "none"}});
    w.link(href(lang, "/", sort == "score" ? "sort=-score#publishers" : "sort=score#publishers"),
           sort == "score"    ? tr(lang, "Mittlere Punktzahl ▼", "Mean score ▼")
           : sort == "-score" ? tr(lang, "Mittlere Punktzahl ▲", "Mean score ▲")
                              : tr(lang, "Mittlere Punktzahl", "Mean score"),
           {{"id", "sort-score"}});
    w.close("th");
    w.element("th", tr(lang, "Bewertung", "Rating"), {{"scope", "col"}});
    w.close("tr").close("thead").open("tbody");
    for (const auto* p : publishers) {
        w.open("tr", {{"data-publisher", p->name}});
        w.open("th", {{"scope", "row"}});
        if (p->name.empty()) w.text(tr(lang, "(ohne Angabe)", "(none given)"));
        else w.link(href(lang, publisher_path(p->name)), p->name);
        w.close("th");
        w.element("td", std::to_string(p->datasets), {{"class", "num"}});
        if (p->scored == 0) w.element("td", "–", {{"class", "num"}, {"data-value", ""}});
        else
            w.element("td", decimal(lang, p->mean),
                      {{"class", "num"}, {"data-value", api_number(std::round(p->mean * 10) / 10)}});
        w.open("td");
        rating_badge(w, lang, group_rating(*p));
        w.close("td").close("tr");
    }
    w.close("tbody").close("table");
    end_page(w, lang);
    return html_response(w.take());
}

// ---------------------------------------------------------------- publisher

Response publisher_page(EndpointContext& c, std::string_view name) {
    const Lang lang = lang_of(c.request);
    const std::string path = publisher_path(name);
    const auto report = api::publisher_page_report(*c.reports, c.store, c.vocab, name, api::k_publisher_page_datasets);
    if (report->datasets.empty()) {
        return error_page(c, lang, 404, path,
                          fmt::format("{} '{}'.", tr(lang, "Keine Datensätze einer veröffentlichenden Stelle namens",
                                                         "No datasets of a publisher named"),
                                      name));
    }
    const quality::GroupSummary& g = report->catalogue;
    HtmlWriter w;
    begin_page(w, c, lang, name, path);
    w.element("p", tr(lang, "Metadatenqualität dieser veröffentlichenden Stelle und was zu verbessern ist.",
                      "Metadata quality of this publisher and what to improve."),
              {{"class", "lead"}});
    summary_block(w, lang, g, "publisher-summary");
    w.open("p").link(href(lang, path + std::string(k_csv_suffix)),
                     tr(lang, "Mängelliste herunterladen (CSV, alle Mängel aller Datensätze)",
                        "Download the list of findings (CSV, every finding of every dataset)"),
                     {{"id", "findings-csv"}, {"download", ""}});
    w.close("p");

    // Mean points per dimension over the scored datasets.
    std::vector<Bar> bars;
    for (std::size_t i = 0; i < quality::dimension_count; ++i) {
        const auto dim = static_cast<quality::Dimension>(i);
        const double mean = g.dimension_means[i];
        const int max = quality::dimension_max(dim);
        bars.push_back({std::string(dimension_label(lang, dim)), mean, static_cast<double>(max),
                        fmt::format("{} / {}", decimal(lang, mean), max), "bar"});
    }
    w.open("div", {{"class", "charts"}});
    bar_chart(w, "dimensions", tr(lang, "Mittlere Punkte je Dimension", "Mean points per dimension"), bars,
              {tr(lang, "Dimension", "Dimension"), tr(lang, "Punkte / Höchstwert", "Points / maximum")});
    trend_chart(w, lang, c.store.quality_trend(std::string(name), 30),
                tr(lang, "Mittlere Punktzahl über die letzten Harvest-Läufe", "Mean score over the last harvest runs"));
    w.close("div");
    top_findings(w, lang, g);

    const auto& order = report->datasets;  // worst first, the first k_publisher_page_datasets
    w.element("h2", tr(lang, "Datensätze, die schlechtesten zuerst", "Datasets, worst first"), {{"id", "datasets-heading"}});
    if (g.datasets > order.size()) {
        w.element("p", fmt::format("{} {} {}", tr(lang, "Die ersten", "The first"), order.size(),
                                   tr(lang, "von ihnen; die Mängelliste enthält alle.", "of them; the list of findings has all.")));
    }
    w.open("table", {{"id", "datasets"}, {"aria-labelledby", "datasets-heading"}});
    w.open("thead").open("tr");
    w.element("th", tr(lang, "Datensatz", "Dataset"), {{"scope", "col"}});
    w.element("th", tr(lang, "Punkte", "Score"), {{"scope", "col"}});
    w.element("th", tr(lang, "Bewertung", "Rating"), {{"scope", "col"}});
    w.element("th", tr(lang, "Teuerste Mängel und was zu tun ist", "Costliest findings and what to do"), {{"scope", "col"}});
    w.close("tr").close("thead").open("tbody");
    for (const quality::ScoredDataset& d : order) {
        w.open("tr", {{"data-dataset", std::to_string(d.id)}});
        w.open("th", {{"scope", "row"}}).link(href(lang, dataset_path(d.id)), d.title.empty() ? d.iri : d.title);
        w.close("th");
        w.element("td", d.score ? std::to_string(d.score->total) : std::string("–"), {{"class", "num"}});
        w.open("td");
        rating_badge(w, lang, d.score ? std::optional<Rating>(d.score->rating) : std::nullopt);
        w.close("td").open("td");
        std::vector<const quality::Finding*> costly = quality::costliest(d, 3);
        std::erase_if(costly, [](const quality::Finding* f) { return f->points_lost <= 0; });
        if (costly.empty()) {
            w.text(tr(lang, "Keine Punktverluste.", "No points lost."));
        } else {
            w.open("ul", {{"class", "findings"}});
            for (std::size_t k = 0; k < costly.size() && k < 3; ++k) {
                const auto& f = *costly[k];
                w.open("li").element("strong", pick(lang, f.message_de, f.message_en));
                w.text(fmt::format(" (−{} {})", f.points_lost, tr(lang, "Punkte", "points")));
                const auto fix = pick(lang, f.fix_de, f.fix_en);
                if (!fix.empty()) w.element("span", fix, {{"class", "fix"}});
                w.close("li");
            }
            w.close("ul");
        }
        w.close("td").close("tr");
    }
    w.close("tbody").close("table");
    end_page(w, lang);
    return html_response(w.take());
}

Response publisher_findings_csv(EndpointContext& c, std::string_view name) {
    const Lang lang = lang_of(c.request);
    const auto report = publisher_report(c, name);
    if (report->datasets.empty()) {
        return error_page(c, lang, 404, publisher_path(name) + std::string(k_csv_suffix),
                          fmt::format("{} '{}'.", tr(lang, "Keine Datensätze einer veröffentlichenden Stelle namens",
                                                         "No datasets of a publisher named"),
                                      name));
    }
    std::vector<quality::ScoredDataset> ordered = report->datasets;
    api::sort_worst_first(ordered);
    std::ostringstream out;
    quality::write_findings_csv(out, ordered, report_language(lang));
    Response r = Response::text(std::move(out).str(), "text/csv; charset=utf-8");
    std::string file;
    for (const char ch : name) file += (std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_') ? ch : '_';
    r.headers.emplace_back("Content-Disposition", fmt::format("attachment; filename=\"maengelliste-{}.csv\"", file));
    return r;
}

// ---------------------------------------------------------------- dataset

namespace {

/// schema.org Dataset for search engines (JSON; json_ld makes it safe in the page).
std::string schema_org_json(const EndpointContext& c, const CatalogRecord& record) {
    const model::Dataset& d = record.dataset;
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    const auto str = [&](const char* key, std::string_view value) {
        if (value.empty()) return;
        w.Key(key);
        w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
    };
    const auto first = [](const std::vector<model::LangString>& values) {
        for (const auto& v : values)
            if (v.lang == "de") return std::string_view(v.value);
        return values.empty() ? std::string_view() : std::string_view(values.front().value);
    };
    w.StartObject();
    str("@context", "https://schema.org/");
    str("@type", "Dataset");
    str("name", d.display_title());
    str("description", first(d.description));
    str("url", api::base_url(c) + dataset_path(record.id));
    if (is_web_url(record.iri)) str("@id", record.iri);
    str("identifier", d.identifier.empty() ? record.iri : d.identifier);
    if (!d.keywords.empty()) {
        w.Key("keywords");
        w.StartArray();
        for (const auto& k : d.keywords) w.String(k.value.c_str(), static_cast<rapidjson::SizeType>(k.value.size()));
        w.EndArray();
    }
    for (const auto& dist : d.distributions) {
        if (is_web_url(dist.licence.iri)) {
            str("license", dist.licence.iri);
            break;
        }
    }
    if (!d.publisher.name.empty()) {
        w.Key("publisher");
        w.StartObject();
        str("@type", "Organization");
        str("name", d.publisher.name);
        if (is_web_url(d.publisher.homepage)) str("url", d.publisher.homepage);
        w.EndObject();
    }
    if (!d.creators.empty() && !d.creators.front().name.empty()) {
        w.Key("creator");
        w.StartObject();
        str("@type", "Organization");
        str("name", d.creators.front().name);
        w.EndObject();
    }
    if (!d.temporal.empty() && (!d.temporal.front().start.empty() || !d.temporal.front().end.empty())) {
        const auto& t = d.temporal.front();
        str("temporalCoverage", fmt::format("{}/{}", t.start.empty() ? ".." : t.start, t.end.empty() ? ".." : t.end));
    }
    if (!d.geocoding_text.empty()) {
        w.Key("spatialCoverage");
        w.StartObject();
        str("@type", "Place");
        str("name", d.geocoding_text);
        w.EndObject();
    }
    str("datePublished", d.issued);
    str("dateModified", d.modified);
    w.Key("distribution");
    w.StartArray();
    for (const auto& dist : d.distributions) {
        std::string url;
        for (const auto& u : dist.download_urls)
            if (url.empty() && is_web_url(u)) url = u;
        for (const auto& u : dist.access_urls)
            if (url.empty() && is_web_url(u)) url = u;
        if (url.empty()) continue;
        w.StartObject();
        str("@type", "DataDownload");
        str("contentUrl", url);
        str("encodingFormat", dist.format_original.empty() ? dist.format : dist.format_original);
        str("name", first(dist.title));
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize());
}

std::string_view last_segment(std::string_view iri) {
    const auto slash = iri.find_last_of("/#");
    return slash == std::string_view::npos ? iri : iri.substr(slash + 1);
}

/// The members of the record (its stored JSON form) that differ between two
/// versions, in the newer one's order, then those only the older one has.
std::vector<std::string> changed_fields(const std::string& older, const std::string& newer) {
    rapidjson::Document a;
    rapidjson::Document b;
    a.Parse(older.c_str());
    b.Parse(newer.c_str());
    std::vector<std::string> changed;
    if (a.HasParseError() || b.HasParseError() || !a.IsObject() || !b.IsObject()) return changed;
    for (const auto& m : b.GetObject()) {
        const auto it = a.FindMember(m.name);
        if (it == a.MemberEnd() || it->value != m.value) changed.emplace_back(m.name.GetString(), m.name.GetStringLength());
    }
    for (const auto& m : a.GetObject())
        if (!b.HasMember(m.name)) changed.emplace_back(m.name.GetString(), m.name.GetStringLength());
    return changed;
}

void link_status(HtmlWriter& w, Lang lang, const std::optional<LinkCheckRow>& row) {
    if (!row || row->outcome() == LinkOutcome::not_checked) {
        w.element("span", tr(lang, "nicht geprüft", "not checked"), {{"class", "link link-unknown"}, {"data-link", "not_checked"}});
        if (row && !row->not_checked.empty()) w.text(" (" + row->not_checked + ")");
        return;
    }
    if (row->ok) {
        w.element("span", tr(lang, "erreichbar", "reachable"), {{"class", "link link-ok"}, {"data-link", "ok"}});
        w.text(fmt::format(" (HTTP {}, {} {})", row->status, tr(lang, "geprüft", "checked"), when(row->checked)));
        return;
    }
    w.element("span", tr(lang, "nicht erreichbar", "broken"), {{"class", "link link-broken"}, {"data-link", "broken"}});
    std::string detail = row->status > 0 ? fmt::format("HTTP {}", row->status) : row->failure;
    if (!row->error.empty()) detail += (detail.empty() ? "" : ": ") + row->error;
    if (!row->first_failure.empty()) detail += fmt::format(", {} {}", tr(lang, "seit", "since"), when(row->first_failure));
    w.text(" (" + detail + ")");
}

}  // namespace

Response dataset_page(EndpointContext& c, std::string_view id) {
    const Lang lang = lang_of(c.request);
    const std::string path = fmt::format("/dataset/{}", id);
    const auto record = c.store.find(id);
    if (!record) {
        return error_page(c, lang, 404, path,
                          fmt::format("{} '{}'.", tr(lang, "Kein Datensatz im Katalog mit der Kennung",
                                                         "No dataset in the catalogue with the id"),
                                      id));
    }
    if (record->status == model::RecordStatus::withdrawn) {
        return error_page(c, lang, 410, path,
                          fmt::format("{} '{}' {}", tr(lang, "Der Datensatz", "The dataset"), id,
                                      tr(lang, "wurde aus dem Katalog zurückgezogen.", "was withdrawn from the catalogue.")));
    }
    const model::Dataset& d = record->dataset;
    std::vector<quality::ScoredDataset> scored;
    if (record->status == model::RecordStatus::active) {
        scored = c.store.scored_datasets(DatasetFilter{.dataset_id = record->id});
        quality::add_finding_texts(c.store, c.vocab, scored, today_utc());
    }
    const quality::ScoredDataset* s = scored.empty() ? nullptr : &scored.front();

    HtmlWriter w;
    const std::string title(d.display_title().empty() ? std::string_view(record->iri) : d.display_title());
    begin_page(w, c, lang, title, path);
    w.json_ld(schema_org_json(c, *record));
    if (record->status == model::RecordStatus::deprecated) {
        w.element("p", tr(lang, "Keine Quelle liefert diesen Datensatz mehr; er wird nach der Schonfrist zurückgezogen.",
                          "No source delivers this dataset any more; it will be withdrawn after the grace period."),
                  {{"class", "notice"}});
    }
    for (const auto& desc : d.description) {
        w.element("p", desc.value, {{"class", "description"}, {"lang", desc.lang.empty() ? std::string_view("de") : desc.lang}});
        break;
    }
    w.open("dl", {{"class", "facts"}});
    w.element("dt", tr(lang, "Veröffentlichende Stelle", "Publisher"));
    w.open("dd");
    if (d.publisher.name.empty()) w.text(tr(lang, "(ohne Angabe)", "(none given)"));
    else w.link(href(lang, publisher_path(d.publisher.name)), d.publisher.name);
    w.close("dd");
    w.element("dt", "IRI").open("dd").external_link(record->iri).close("dd");
    if (!d.landing_page.empty()) {
        w.element("dt", tr(lang, "Webseite", "Landing page")).open("dd").external_link(d.landing_page).close("dd");
    }
    w.close("dl");

    // Quality.
    w.element("h2", tr(lang, "Metadatenqualität", "Metadata quality"));
    if (!s || !s->score) {
        w.element("p", tr(lang, "Dieser Datensatz ist noch nicht bewertet.", "This dataset has not been scored yet."),
                  {{"id", "dataset-score"}});
    } else {
        const auto& score = *s->score;
        w.open("p", {{"id", "dataset-score"}});
        w.element("span", std::to_string(score.total), {{"class", "score"}, {"data-value", std::to_string(score.total)}});
        w.text(tr(lang, " von 405 Punkten ", " of 405 points "));
        rating_badge(w, lang, score.rating);
        w.close("p");
        w.element("h3", tr(lang, "Indikatoren", "Indicators"), {{"id", "indicators-heading"}});
        w.open("table", {{"id", "indicators"}, {"aria-labelledby", "indicators-heading"}});
        w.open("thead").open("tr");
        for (const auto heading : {tr(lang, "Indikator", "Indicator"), tr(lang, "Dimension", "Dimension"),
                                   tr(lang, "Ergebnis", "Result"), tr(lang, "Punkte", "Points"),
                                   tr(lang, "Erläuterung und was zu tun ist", "Explanation and what to do")})
            w.element("th", heading, {{"scope", "col"}});
        w.close("tr").close("thead").open("tbody");
        for (const auto& def : quality::mqa_indicators()) {
            const auto& result = score.indicators[static_cast<std::size_t>(def.indicator)];
            w.open("tr", {{"data-indicator", def.id}});
            w.element("th", tr(lang, def.name_de, def.name_en), {{"scope", "row"}});
            w.element("td", dimension_label(lang, def.dimension));
            if (!result.passed) w.element("td", tr(lang, "noch nicht geprüft", "not checked yet"), {{"class", "result unknown"}});
            else if (*result.passed) w.element("td", tr(lang, "erfüllt", "passed"), {{"class", "result passed"}});
            else w.element("td", tr(lang, "nicht erfüllt", "failed"), {{"class", "result failed"}});
            w.element("td", fmt::format("{} / {}", result.points, def.true_score), {{"class", "num"}});
            w.open("td");
            for (const auto& f : s->findings) {
                if (f.rule != def.id) continue;
                w.element("span", pick(lang, f.message_de, f.message_en), {{"class", "message"}});
                const auto fix = pick(lang, f.fix_de, f.fix_en);
                if (!fix.empty()) w.element("span", fix, {{"class", "fix"}});
                break;
            }
            if (result.distributions) {
                w.element("span",
                          fmt::format("{} {} {} {}", result.distributions->passed, tr(lang, "von", "of"),
                                      result.distributions->of, tr(lang, "Distributionen erfüllen ihn", "distributions pass")),
                          {{"class", "share"}});
            }
            w.close("td").close("tr");
        }
        w.close("tbody").close("table");

        std::vector<const quality::Finding*> others;
        for (const auto& f : s->findings)
            if (!quality::indicator_by_id(f.rule)) others.push_back(&f);
        if (!others.empty()) {
            w.element("h3", tr(lang, "Weitere Hinweise (DCAT-AP.de, GovData, Plausibilität)",
                               "Further findings (DCAT-AP.de, GovData, plausibility)"));
            w.open("ul", {{"class", "findings"}, {"id", "other-findings"}});
            for (const auto* f : others) {
                w.open("li", {{"data-rule", f->rule}});
                w.element("strong", pick(lang, f->message_de, f->message_en));
                if (f->points_lost > 0) w.text(fmt::format(" (−{} {})", f->points_lost, tr(lang, "Punkte", "points")));
                const auto fix = pick(lang, f->fix_de, f->fix_en);
                if (!fix.empty()) w.element("span", fix, {{"class", "fix"}});
                w.close("li");
            }
            w.close("ul");
        }
    }

    // Distributions with their link checks.
    w.element("h2", tr(lang, "Distributionen", "Distributions"), {{"id", "distributions-heading"}});
    std::vector<std::string> urls;
    for (const auto& dist : d.distributions) {
        urls.insert(urls.end(), dist.access_urls.begin(), dist.access_urls.end());
        urls.insert(urls.end(), dist.download_urls.begin(), dist.download_urls.end());
    }
    std::sort(urls.begin(), urls.end());
    urls.erase(std::unique(urls.begin(), urls.end()), urls.end());
    std::map<std::string, LinkCheckRow, std::less<>> checks;
    for (auto& row : c.store.link_checks(urls)) checks.emplace(row.url, std::move(row));
    const auto check_of = [&](const std::string& url) -> std::optional<LinkCheckRow> {
        const auto it = checks.find(url);
        if (it == checks.end()) return std::nullopt;
        return it->second;
    };
    if (d.distributions.empty()) {
        w.element("p", tr(lang, "Der Datensatz hat keine Distributionen.", "The dataset has no distributions."));
    } else {
        w.open("table", {{"id", "distributions"}, {"aria-labelledby", "distributions-heading"}});
        w.open("thead").open("tr");
        for (const auto heading : {tr(lang, "Distribution", "Distribution"), tr(lang, "Format", "Format"),
                                   tr(lang, "Adresse", "URL"), tr(lang, "Linkprüfung", "Link check")})
            w.element("th", heading, {{"scope", "col"}});
        w.close("tr").close("thead").open("tbody");
        for (std::size_t i = 0; i < d.distributions.size(); ++i) {
            const auto& dist = d.distributions[i];
            std::vector<std::pair<std::string_view, const std::string*>> rows;
            for (const auto& u : dist.download_urls) rows.emplace_back(tr(lang, "Download", "Download"), &u);
            for (const auto& u : dist.access_urls) rows.emplace_back(tr(lang, "Zugang", "Access"), &u);
            const std::string name = dist.title.empty() ? fmt::format("{} {}", tr(lang, "Distribution", "Distribution"), i + 1)
                                                        : dist.title.front().value;
            const std::string format = !dist.format_original.empty() ? dist.format_original
                                       : !dist.format.empty()        ? std::string(last_segment(dist.format))
                                                                     : std::string("–");
            if (rows.empty()) rows.emplace_back("", nullptr);
            for (const auto& [kind, url] : rows) {
                w.open("tr");
                w.element("th", name, {{"scope", "row"}});
                w.element("td", format);
                w.open("td");
                if (url) {
                    w.text(kind).text(": ").external_link(*url);
                } else {
                    w.text(tr(lang, "keine Adresse", "no URL"));
                }
                w.close("td").open("td");
                if (url) link_status(w, lang, check_of(*url));
                w.close("td").close("tr");
            }
        }
        w.close("tbody").close("table");
    }

    // Provenance.
    w.element("h2", tr(lang, "Herkunft", "Provenance"));
    w.open("dl", {{"class", "facts"}, {"id", "provenance"}});
    w.element("dt", tr(lang, "Quellen", "Sources"));
    w.open("dd");
    for (std::size_t i = 0; i < record->sources.size(); ++i) {
        if (i > 0) w.text(", ");
        w.text(record->sources[i]);
    }
    if (record->sources.empty()) w.text(tr(lang, "keine", "none"));
    w.close("dd");
    w.element("dt", tr(lang, "Zuerst gesehen", "First seen")).element("dd", when(record->first_seen));
    w.element("dt", tr(lang, "Zuletzt geändert", "Last changed")).element("dd", when(record->last_changed));
    w.close("dl");
    const auto versions = c.store.versions(record->id);
    constexpr std::size_t k_versions_shown = 20;
    w.element("h3", tr(lang, "Versionen", "Versions"), {{"id", "versions-heading"}});
    w.element("p", tr(lang, "Jede Version ist ein Stand, den eine Quelle mit geändertem Inhalt geliefert hat, "
                            "die neueste zuerst; geändert heißt: anders als die vorige Version derselben Quelle.",
                      "Each version is a state a source delivered with changed content, newest first; changed "
                      "means: different from the previous version from the same source."));
    w.open("table", {{"id", "versions"}, {"aria-labelledby", "versions-heading"}});
    w.open("thead").open("tr");
    for (const auto heading : {tr(lang, "Geliefert", "Delivered"), tr(lang, "Quelle", "Source"),
                               tr(lang, "Harvest-Lauf", "Harvest run"), tr(lang, "Was sich geändert hat", "What changed"),
                               tr(lang, "Inhalt (Prüfsumme)", "Content (hash)")})
        w.element("th", heading, {{"scope", "col"}});
    w.close("tr").close("thead").open("tbody");
    const std::size_t first_shown = versions.size() > k_versions_shown ? versions.size() - k_versions_shown : 0;
    for (std::size_t i = versions.size(); i-- > first_shown;) {
        const VersionRow& v = versions[i];
        w.open("tr", {{"data-version", std::to_string(v.id)}}).element("td", when(v.created)).element("td", v.source);
        w.open("td");
        if (v.run_id > 0) w.link(href(lang, run_path(v.run_id)), fmt::format("{} {}", tr(lang, "Lauf", "Run"), v.run_id));
        w.close("td").open("td", {{"class", "changed"}});
        const VersionRow* previous = nullptr;
        for (std::size_t j = i; j-- > 0;)
            if (versions[j].source == v.source) {
                previous = &versions[j];
                break;
            }
        const auto newer = previous ? c.store.version_record_json(v.id) : std::nullopt;
        const auto older = previous ? c.store.version_record_json(previous->id) : std::nullopt;
        if (!previous) {
            w.text(tr(lang, "erste Version dieser Quelle", "first version from this source"));
        } else if (!v.content_kept || !previous->content_kept) {
            // keep_versions: older versions keep only their hash, run and time.
            w.text(tr(lang, "nicht mehr zu vergleichen: der Inhalt älterer Versionen wird nicht aufbewahrt",
                      "no longer comparable: the content of older versions is not kept"));
        } else if (newer && older) {
            const auto fields = changed_fields(*older, *newer);
            if (fields.empty()) w.text(tr(lang, "nur die Zuordnung (gleicher Datensatz)", "only the mapping (same record)"));
            for (std::size_t k = 0; k < fields.size(); ++k) {
                if (k > 0) w.text(", ");
                w.element("code", fields[k]);
            }
        }
        w.close("td").element("td", v.content_hash.substr(0, 12), {{"class", "hash"}});
        w.close("tr");
    }
    w.close("tbody").close("table");

    // Representations.
    w.element("h2", tr(lang, "Maschinenlesbare Fassungen", "Machine-readable representations"));
    w.open("ul", {{"id", "representations"}});
    const std::string base = dataset_path(record->id);
    w.open("li").link(base + ".ttl", "DCAT-AP.de (Turtle)").close("li");
    w.open("li").link(base + ".rdf", "DCAT-AP.de (RDF/XML)").close("li");
    w.open("li").link(base + ".jsonld", "DCAT-AP.de (JSON-LD)").close("li");
    w.open("li").link(fmt::format("/api/3/action/package_show?id={}", record->id), tr(lang, "CKAN-Paket (JSON)", "CKAN package (JSON)")).close("li");
    w.open("li").link(fmt::format("/api/quality/datasets/{}{}", record->id, lang == Lang::de ? "?lang=de" : ""),
                      tr(lang, "Bewertung (JSON)", "Score (JSON)")).close("li");
    w.close("ul");
    end_page(w, lang);
    return html_response(w.take());
}

// ---------------------------------------------------------------- search

namespace {

/// The filters of the search page: the request parameter (named as the CKAN
/// API names the field) and the heading of its choices.
struct SearchFilterKind {
    SearchField field;
    std::string_view param;
    std::string_view heading_de;
    std::string_view heading_en;
};

constexpr std::array<SearchFilterKind, 5> k_search_filters{{
    {SearchField::organization, "organization", "Veröffentlichende Stelle", "Publisher"},
    {SearchField::groups, "groups", "Thema", "Theme"},
    {SearchField::res_format, "res_format", "Format", "Format"},
    {SearchField::license_id, "license_id", "Lizenz", "Licence"},
    {SearchField::rating, "rating", "Bewertung", "Rating"},
}};

constexpr std::int64_t k_search_rows = 20;

std::optional<Rating> rating_from_name(std::string_view name) {
    for (const Rating r : k_ratings)
        if (quality::rating_name(r) == name) return r;
    return std::nullopt;
}
constexpr std::int64_t k_search_facet_limit = 15;
constexpr std::int64_t k_search_max_page = 1'000'000;

/// What a facet value is called on the page: publisher and theme names,
/// licence titles, rating words; the value itself otherwise.
std::string facet_label(const EndpointContext& c, Lang lang, SearchField field, const FacetCount& f) {
    switch (field) {
    case SearchField::organization: return f.title.empty() ? f.name : f.title;
    case SearchField::rating:
        if (const auto r = rating_from_name(f.name)) return std::string(rating_label(lang, *r));
        return f.name;
    case SearchField::groups:
        if (c.ckan_vocabulary)
            for (const auto& g : c.ckan_vocabulary->groups())
                if (g.name == f.name) return g.title;
        return f.name;
    case SearchField::license_id:
        if (c.ckan_vocabulary)
            if (const CkanLicence* l = c.ckan_vocabulary->licence(f.name)) return l->title;
        return f.name;
    default: return f.name;
    }
}

/// The search page's own parameters (text, filters, page), read once.
struct SearchParams {
    std::string text;
    std::vector<std::pair<const SearchFilterKind*, std::string>> filters;
    std::int64_t page = 1;
    bool bad_page = false;

    /// The query string of these parameters with one filter set (or removed
    /// when `value` is empty) and the page given (1: left out).
    std::string query(const SearchFilterKind* change = nullptr, std::string_view value = {}, std::int64_t to_page = 1) const {
        std::string q;
        const auto add = [&](std::string_view name, std::string_view v) {
            q += (q.empty() ? "" : "&") + std::string(name) + "=" + url_encode(v);
        };
        if (!text.empty()) add("q", text);
        for (const auto& kind : k_search_filters) {
            std::string v;
            for (const auto& [k, fv] : filters)
                if (k == &kind) v = fv;
            if (change == &kind) v = std::string(value);
            if (!v.empty()) add(kind.param, v);
        }
        if (to_page > 1) add("page", std::to_string(to_page));
        return q;
    }
};

SearchParams search_params(const api::Request& request) {
    SearchParams p;
    p.text = std::string(trim_whitespace(request.param("q").value_or("")));
    for (const auto& kind : k_search_filters) {
        const auto value = request.param(kind.param);
        if (value && !value->empty()) p.filters.emplace_back(&kind, *value);
    }
    if (const auto page = request.param("page"); page && !page->empty()) {
        std::int64_t n = 0;
        const auto [ptr, ec] = std::from_chars(page->data(), page->data() + page->size(), n);
        if (ec == std::errc::result_out_of_range && ptr == page->data() + page->size() && page->front() != '-')
            p.page = k_search_max_page + 1;  // beyond any catalogue: said so below
        else if (ec != std::errc{} || ptr != page->data() + page->size() || n < 1) p.bad_page = true;
        else p.page = std::min(n, k_search_max_page + 1);
    }
    return p;
}

/// The formats of a dataset's distributions, each once, in order.
std::vector<std::string> formats_of(const model::Dataset& d) {
    std::vector<std::string> out;
    for (const auto& dist : d.distributions) {
        std::string f = !dist.format_original.empty() ? dist.format_original
                        : !dist.format.empty()        ? std::string(last_segment(dist.format))
                                                      : std::string();
        if (!f.empty() && std::find(out.begin(), out.end(), f) == out.end()) out.push_back(std::move(f));
    }
    return out;
}

}  // namespace

Response search_page(EndpointContext& c) {
    const Lang lang = lang_of(c.request);
    const SearchParams params = search_params(c.request);
    std::vector<std::string> notices;

    SearchQuery query;
    query.text = params.text;
    for (const auto& [kind, value] : params.filters) {
        if (kind->field == SearchField::rating && !rating_from_name(value)) {
            notices.push_back(fmt::format("{} '{}' {}", tr(lang, "Die Bewertung", "The rating"), value,
                                          tr(lang, "gibt es nicht; gesucht wird ohne sie.", "does not exist; the search leaves it out.")));
            continue;
        }
        query.filters.push_back({kind->field, value, false});
    }
    if (params.bad_page) {
        notices.push_back(std::string(tr(lang, "Die Seitenzahl ist keine Zahl ab 1; gezeigt wird die erste Seite.",
                                         "The page number is no number from 1; the first page is shown.")));
    }
    query.rows = k_search_rows;
    query.start = (params.page - 1) * k_search_rows;
    for (const auto& kind : k_search_filters) query.facet_fields.push_back(kind.field);
    query.facet_limit = k_search_facet_limit;

    SearchResult result;
    bool text_unreadable = false;
    try {
        result = search_catalogue(c, query);
    } catch (const std::invalid_argument&) {
        text_unreadable = true;
    }
    const std::int64_t pages = (result.count + k_search_rows - 1) / k_search_rows;
    if (!text_unreadable && params.page > 1 && params.page > pages) {
        notices.push_back(fmt::format("{} {} {} {}.", tr(lang, "Seite", "Page"),
                                      params.page > k_search_max_page ? fmt::format("> {}", k_search_max_page)
                                                                      : std::to_string(params.page),
                                      tr(lang, "gibt es nicht; die Suche hat Seiten bis", "does not exist; the search has pages up to"),
                                      std::max<std::int64_t>(pages, 1)));
    }

    HtmlWriter w;
    begin_page(w, c, lang, tr(lang, "Datensätze suchen", "Search datasets"), "/search");
    w.open("form", {{"method", "get"}, {"action", "/search"}, {"role", "search"}, {"class", "search-form"}});
    w.element("label", tr(lang, "Suchbegriffe (Titel, Beschreibung, Schlagwörter)", "Search words (title, description, keywords)"),
              {{"for", "search-q"}});
    w.empty("input", {{"type", "search"}, {"id", "search-q"}, {"name", "q"}, {"value", params.text}});
    for (const auto& [kind, value] : params.filters) w.empty("input", {{"type", "hidden"}, {"name", kind->param}, {"value", value}});
    if (lang == Lang::en) w.empty("input", {{"type", "hidden"}, {"name", "lang"}, {"value", "en"}});
    w.element("button", tr(lang, "Suchen", "Search"), {{"type", "submit"}});
    w.close("form");

    for (const auto& notice : notices) w.element("p", notice, {{"class", "notice"}});

    // The filters chosen, each with a link that removes it.
    if (!params.filters.empty()) {
        w.element("h2", tr(lang, "Gewählte Filter", "Chosen filters"), {{"id", "chosen-heading"}});
        w.open("ul", {{"id", "chosen-filters"}, {"aria-labelledby", "chosen-heading"}});
        for (const auto& [kind, value] : params.filters) {
            w.open("li");
            w.text(fmt::format("{}: ", tr(lang, kind->heading_de, kind->heading_en)));
            FacetCount shown{value, "", 0};
            for (const auto& [field, counts] : result.facets)
                for (const auto& f : counts)
                    if (field == kind->field && f.name == value) shown = f;
            w.element("strong", facet_label(c, lang, kind->field, shown));
            w.text(" ");
            w.link(href(lang, "/search", params.query(kind, "")),
                   fmt::format("{} ({})", tr(lang, "Filter entfernen", "Remove filter"), value), {{"class", "remove"}});
            w.close("li");
        }
        w.close("ul");
    }

    w.open("div", {{"class", "search-layout"}});
    // Facets: every value a link that sets the filter and keeps the rest.
    w.open("nav", {{"class", "facets"}, {"aria-label", tr(lang, "Filter", "Filters")}});
    for (const auto& [field, counts] : result.facets) {
        const SearchFilterKind* kind = nullptr;
        for (const auto& k : k_search_filters)
            if (k.field == field) kind = &k;
        if (!kind) continue;
        const std::string id = fmt::format("facet-{}", kind->param);
        w.open("section", {{"class", "facet"}, {"id", id}, {"aria-labelledby", id + "-heading"}});
        w.element("h2", tr(lang, kind->heading_de, kind->heading_en), {{"id", id + "-heading"}});
        if (counts.empty()) {
            w.element("p", tr(lang, "keine", "none"));
        } else {
            w.open("ul");
            for (const auto& f : counts) {
                bool chosen = false;
                for (const auto& [k, v] : params.filters)
                    if (k == kind && v == f.name) chosen = true;
                w.open("li", {{"data-value", f.name}, {"data-count", std::to_string(f.count)}});
                const std::string label = fmt::format("{} ({})", facet_label(c, lang, field, f), f.count);
                if (chosen) {
                    w.element("strong", label, {{"aria-current", "true"}});
                } else {
                    w.link(href(lang, "/search", params.query(kind, f.name)), label);
                }
                w.close("li");
            }
            w.close("ul");
        }
        w.close("section");
    }
    w.close("nav");

    w.open("section", {{"class", "results"}, {"aria-labelledby", "results-heading"}});
    w.element("h2", tr(lang, "Ergebnisse", "Results"), {{"id", "results-heading"}});
    if (text_unreadable) {
        w.element("p", tr(lang, "Die Suchbegriffe lassen sich nicht lesen; bitte andere Wörter versuchen.",
                          "The search words cannot be read; please try other words."),
                  {{"class", "notice"}});
    }
    const std::string count_text =
        result.count == 1 ? std::string(tr(lang, "1 Datensatz gefunden", "1 dataset found"))
                          : fmt::format("{} {}", result.count, tr(lang, "Datensätze gefunden", "datasets found"));
    w.element("p", count_text,
              {{"id", "result-count"}, {"data-count", std::to_string(result.count)}, {"role", "status"}});
    if (result.count == 0 && !text_unreadable) {
        w.element("p", tr(lang, "Keine Datensätze passen zu dieser Suche. Weniger Wörter oder Filter finden mehr.",
                          "No datasets match this search. Fewer words or filters find more."));
    }
    if (!result.dataset_ids.empty()) {
        w.open("ol", {{"id", "search-results"}, {"start", std::to_string(query.start + 1)}});
        for (const std::int64_t id : result.dataset_ids) {
            const auto record = c.store.find(std::to_string(id));
            if (!record) continue;
            const auto scored = c.store.scored_datasets(DatasetFilter{.dataset_id = id});
            const quality::MqaScore* score = !scored.empty() && scored.front().score ? &*scored.front().score : nullptr;
            const model::Dataset& d = record->dataset;
            w.open("li", {{"data-dataset", std::to_string(id)}});
            w.open("h3").link(href(lang, dataset_path(id)), d.display_title().empty() ? record->iri : d.display_title());
            w.close("h3");
            w.open("dl", {{"class", "facts"}});
            w.element("dt", tr(lang, "Veröffentlicht von", "Publisher"));
            w.element("dd", d.publisher.name.empty() ? std::string(tr(lang, "(ohne Angabe)", "(none given)")) : d.publisher.name);
            w.element("dt", tr(lang, "Bewertung", "Rating"));
            w.open("dd");
            if (score) w.element("span", fmt::format("{} {} ", score->total, tr(lang, "Punkte", "points")), {{"class", "score"}});
            rating_badge(w, lang, score ? std::optional<Rating>(score->rating) : std::nullopt);
            w.close("dd");
            w.element("dt", tr(lang, "Formate", "Formats"));
            const auto formats = formats_of(d);
            std::string format_text;
            for (const auto& f : formats) format_text += (format_text.empty() ? "" : ", ") + f;
            w.element("dd", format_text.empty() ? std::string("–") : format_text);
            w.close("dl").close("li");
        }
        w.close("ol");
    }
    if (pages > 1) {
        const std::int64_t current = std::min(params.page, pages);
        w.open("nav", {{"class", "paging"}, {"aria-label", tr(lang, "Seiten", "Pages")}}).open("ul");
        if (current > 1)
            w.open("li").link(href(lang, "/search", params.query(nullptr, {}, current - 1)), tr(lang, "« Vorige Seite", "« Previous page"),
                              {{"rel", "prev"}}).close("li");
        w.element("li", fmt::format("{} {} {} {}", tr(lang, "Seite", "Page"), current, tr(lang, "von", "of"), pages),
                  {{"aria-current", "page"}});
        if (current < pages)
            w.open("li").link(href(lang, "/search", params.query(nullptr, {}, current + 1)), tr(lang, "Nächste Seite »", "Next page »"),
                              {{"rel", "next"}}).close("li");
        w.close("ul").close("nav");
    }
    w.close("section");
    w.close("div");
    end_page(w, lang);
    return html_response(w.take());
}

// ---------------------------------------------------------------- sources and runs

namespace {

void runs_table(HtmlWriter& w, Lang lang, const std::vector<RunRow>& runs, std::string_view caption) {
    w.open("table", {{"class", "runs"}});
    w.element("caption", caption);
    w.open("thead").open("tr");
    for (const auto heading : {tr(lang, "Lauf", "Run"), tr(lang, "Status", "Status"), tr(lang, "Art", "Mode"),
                               tr(lang, "Begonnen", "Started"), tr(lang, "Dauer", "Duration"), tr(lang, "neu", "added"),
                               tr(lang, "geändert", "updated"), tr(lang, "unverändert", "unchanged"),
                               tr(lang, "gelöscht", "deleted"), tr(lang, "Fehler", "errors")})
        w.element("th", heading, {{"scope", "col"}});
    w.close("tr").close("thead").open("tbody");
    for (const auto& run : runs) {
        w.open("tr", {{"data-run", std::to_string(run.id)}});
        w.open("th", {{"scope", "row"}}).link(href(lang, run_path(run.id)), fmt::format("{} {}", tr(lang, "Lauf", "Run"), run.id));
        w.close("th");
        w.element("td", to_string(run.status), {{"class", fmt::format("status status-{}", to_string(run.status))}});
        w.element("td", to_string(run.mode));
        w.element("td", when(run.started));
        w.element("td", duration_text(lang, run.started, run.finished), {{"class", "num"}});
        for (const auto n : {run.counts.added, run.counts.updated, run.counts.unchanged, run.counts.deleted, run.counts.errors})
            w.element("td", std::to_string(n), {{"class", "num"}});
        w.close("tr");
    }
    w.close("tbody").close("table");
}

}  // namespace

Response sources_page(EndpointContext& c) {
    const Lang lang = lang_of(c.request);
    const auto listed = api::listed_sources(c);

    HtmlWriter w;
    begin_page(w, c, lang, tr(lang, "Quellen und Harvest-Läufe", "Sources and harvest runs"), "/sources");
    if (listed.empty()) w.element("p", tr(lang, "Es sind keine Quellen eingerichtet.", "No sources are configured."));
    for (const auto& [source, configured, datasets, last_run, last_success] : listed) {
        w.open("section", {{"class", "source"},
                           {"data-source", source.name},
                           {"data-configured", configured ? "true" : "false"},
                           {"aria-labelledby", "source-" + source.name}});
        w.element("h2", source.name, {{"id", "source-" + source.name}});
        if (!configured) {
            const std::string text =
                lang == Lang::de
                    ? fmt::format("Diese Quelle ist nicht mehr eingerichtet, ihre {} Datensätze sind aber noch im "
                                  "Katalog. „ernte retire {}“ nimmt sie heraus: sie werden als veraltet markiert "
                                  "und nach der Schonfrist zurückgezogen.",
                                  datasets, source.name)
                    : fmt::format("This source is no longer configured, but its {} datasets are still in the "
                                  "catalogue. 'ernte retire {}' takes them out: they are deprecated, then withdrawn "
                                  "after the grace period.",
                                  datasets, source.name);
            w.element("p", text, {{"class", "notice"}, {"data-field", "unconfigured"}});
        }
        w.open("dl", {{"class", "facts"}});
        w.element("dt", tr(lang, "Art", "Type")).element("dd", source.type == "ckan" ? "CKAN" : "DCAT");
        w.element("dt", tr(lang, "Adresse", "URL")).open("dd").external_link(source.url).close("dd");
        w.element("dt", tr(lang, "Datensätze", "Datasets"))
            .element("dd", std::to_string(datasets), {{"data-field", "datasets"}});
        w.element("dt", tr(lang, "Zuletzt erfolgreich", "Last success"))
            .element("dd", last_success ? when(last_success->finished) : std::string(tr(lang, "noch nie", "never")));
        if (configured) {
            const auto next = c.operations ? c.operations->next_run(source.name) : std::nullopt;
            w.element("dt", tr(lang, "Nächster geplanter Lauf", "Next scheduled run"));
            std::string next_text = next ? when(*next) : std::string(tr(lang, "keiner geplant", "none scheduled"));
            if (!source.schedule.empty())
                next_text += fmt::format(" ({} {})", tr(lang, "Zeitplan", "schedule"), source.schedule);
            if (c.operations && c.operations->busy(source.name)) next_text += tr(lang, " – läuft gerade", " – running now");
            w.element("dd", next_text, {{"data-field", "next-run"}});
        }
        w.close("dl");
        runs_table(w, lang, c.store.runs(source.name, 5), tr(lang, "Die letzten Läufe", "The last runs"));
        w.close("section");
    }
    end_page(w, lang);
    return html_response(w.take());
}

Response run_page(EndpointContext& c, std::string_view id) {
    const Lang lang = lang_of(c.request);
    const std::string path = fmt::format("/runs/{}", id);
    const auto run_id = parse_id(id);
    const auto run = run_id ? c.store.run(*run_id) : std::nullopt;
    if (!run) {
        return error_page(c, lang, 404, path,
                          fmt::format("{} '{}'.", tr(lang, "Kein Harvest-Lauf mit der Nummer", "No harvest run numbered"), id));
    }
    HtmlWriter w;
    begin_page(w, c, lang, fmt::format("{} {}: {}", tr(lang, "Harvest-Lauf", "Harvest run"), run->id, run->source), path);
    runs_table(w, lang, {*run}, tr(lang, "Der Lauf", "The run"));
    if (!run->message.empty()) w.open("p", {{"class", "notice"}}).text(run->message).close("p");
    if (!run->since.empty())
        w.element("p", fmt::format("{} {}", tr(lang, "Nur Änderungen seit", "Only changes since"), when(run->since)));
    const auto errors = c.store.errors(std::nullopt, run->id, 1000);
    w.element("h2", tr(lang, "Fehler und Warnungen", "Errors and warnings"), {{"id", "errors-heading"}});
    if (errors.empty() && run->counts.errors > 0) {
        // keep_run_errors deleted them.
        w.element("p", tr(lang, "Die Fehler dieses Laufs werden nicht mehr aufbewahrt: sie werden nach der "
                                "eingestellten Frist gelöscht (keep_run_errors); der Lauf selbst bleibt.",
                          "The errors of this run are no longer kept: they are deleted after the configured "
                          "time (keep_run_errors); the run itself stays."),
                  {{"id", "errors-forgotten"}});
    } else if (errors.empty()) {
        w.element("p", tr(lang, "Dieser Lauf hat weder Fehler noch Warnungen aufgezeichnet.",
                          "This run recorded no errors and no warnings."));
    } else {
        w.open("table", {{"id", "errors"}, {"aria-labelledby", "errors-heading"}});
        w.open("thead").open("tr");
        for (const auto heading : {tr(lang, "Schritt", "Stage"), tr(lang, "Datensatz", "Record"), tr(lang, "Adresse", "URL"),
                                   tr(lang, "Stelle", "Place"), tr(lang, "Meldung", "Message")})
            w.element("th", heading, {{"scope", "col"}});
        w.close("tr").close("thead").open("tbody");
        for (const auto& e : errors) {
            w.open("tr").element("td", e.stage).element("td", e.object_id).open("td").external_link(e.url).close("td");
            w.element("td", e.place).element("td", e.message).close("tr");
        }
        w.close("tbody").close("table");
    }
    end_page(w, lang);
    return html_response(w.take());
}

}  // namespace ernte::catalog::web
