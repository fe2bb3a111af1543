#include "catalog/web/dashboard.hpp"

#include "catalog/api/service.hpp"
#include "catalog/assess.hpp"
#include "catalog/hash.hpp"
#include "catalog/store.hpp"
#include "catalog/time.hpp"
#include "catalog/url.hpp"
#include "catalog/vocab.hpp"

#include "tests/support/temp_dir.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

using namespace ernte;
using namespace ernte::catalog;
using api::Request;
using api::Response;

namespace {

const Vocabularies& vocabularies() {
    static const Vocabularies vocab = Vocabularies::load(ERNTE_SOURCE_DIR "/schemas/vocab");
    return vocab;
}

const std::string k_xss_title = R"(<script>document.title="pwned"</script>)";

/// A record whose quality grows with `n` (more properties filled in), so the
/// datasets of a publisher have different scores.
SourceRecord record(int n, const std::string& publisher) {
    SourceRecord r;
    r.source_key = "key" + std::to_string(n);
    r.dataset.iri = "https://daten.example.org/dataset/" + std::to_string(n);
    r.dataset.identifier = "id-" + std::to_string(n);
    r.dataset.source_id = r.source_key;
    r.dataset.name = "dataset-" + std::to_string(n);
    r.dataset.title = {{"Datensatz " + std::to_string(n), "de"}};
    r.dataset.description = {{"Beschreibung des Datensatzes " + std::to_string(n), "de"}};
    r.dataset.publisher.name = publisher;
    r.dataset.publisher.iri = "https://daten.example.org/org/" + publisher;
    r.dataset.contributor_ids = {"http://dcat-ap.de/def/contributors/openNRW"};
    if (n % 2 == 0) r.dataset.keywords = {{"Bäume", "de"}, {"Umwelt", "de"}};
    if (n % 3 == 0) r.dataset.themes = {"http://publications.europa.eu/resource/authority/data-theme/ENVI"};
    if (n >= 4) r.dataset.modified = "2026-01-0" + std::to_string(n % 9 + 1);
    model::Distribution d;
    d.access_urls = {"https://daten.example.org/files/" + std::to_string(n) + ".csv"};
    if (n % 2 == 1) d.download_urls = d.access_urls;
    d.format = "http://publications.europa.eu/resource/authority/file-type/CSV";
    if (n != 2) d.licence.iri = "http://dcat-ap.de/def/licenses/dl-by-de/2.0";
    r.dataset.distributions.push_back(d);
    r.raw = model::to_json(r.dataset);
    r.content_hash = content_hash(r.raw);
    return r;
}

/// The record every escaping test looks at: script in the title, markup in
/// the description, javascript: URLs.
SourceRecord xss_record() {
    SourceRecord r = record(99, "moers");
    r.dataset.title = {{k_xss_title, "de"}};
    r.dataset.description = {{R"(<img src=x onerror="document.title='pwned'"> Bäume & Sträucher)", "de"}};
    r.dataset.landing_page = "javascript:document.title='pwned'";
    r.dataset.distributions.front().access_urls = {"javascript:alert(1)"};
    r.dataset.distributions.front().download_urls = {"https://daten.example.org/files/99.csv?a=1&b=<2>"};
    r.raw = model::to_json(r.dataset);
    r.content_hash = content_hash(r.raw);
    return r;
}

rapidjson::Document parse_json(const std::string& body) {
    rapidjson::Document doc;
    doc.Parse(body.c_str());
    EXPECT_FALSE(doc.HasParseError()) << body;
    return doc;
}

/// The value of `attribute` in the first tag after `marker`.
std::string attribute_after(const std::string& html, std::string_view marker, std::string_view attribute) {
    const auto at = html.find(marker);
    if (at == std::string::npos) return "(no " + std::string(marker) + ")";
    const std::string key = std::string(attribute) + "=\"";
    const auto start = html.find(key, at);
    if (start == std::string::npos) return "(no " + key + ")";
    const auto end = html.find('"', start + key.size());
    return html.substr(start + key.size(), end - start - key.size());
}

/// Every value of `attribute` in order.
std::vector<std::string> attributes(const std::string& html, std::string_view attribute) {
    std::vector<std::string> out;
    const std::string key = " " + std::string(attribute) + "=\"";
    for (auto at = html.find(key); at != std::string::npos; at = html.find(key, at + 1)) {
        const auto end = html.find('"', at + key.size());
        out.push_back(html.substr(at + key.size(), end - at - key.size()));
    }
    return out;
}

std::size_t count(std::string_view text, std::string_view part) {
    std::size_t n = 0;
    for (auto at = text.find(part); at != std::string_view::npos; at = text.find(part, at + 1)) ++n;
    return n;
}

/// Seven datasets of "moers" (one the XSS record), three of "kleve", assessed,
/// one partial run with an error, its quality trend recorded.
class DashboardTest : public ::testing::Test {
protected:
    testsupport::TempDir m_dir;
    std::filesystem::path m_db = m_dir.path() / "catalog.db";
    std::int64_t m_run = 0;
    std::int64_t m_xss_id = 0;
    std::unique_ptr<api::Service> m_service;

    void SetUp() override {
        Store store(m_db);
        const auto source = store.ensure_source({"kommunen", "ckan", "https://kommunen.example.org", 0});
        m_run = store.begin_run(source, RunMode::full);
        for (int i = 1; i <= 9; ++i) store.upsert(source, m_run, record(i, i <= 6 ? "moers" : "kleve"));
        UpsertPlace place;
        store.upsert(source, m_run, xss_record(), &place);
        m_xss_id = place.dataset_id;
        ErrorRow error;
        error.stage = "parse";
        error.url = "https://kommunen.example.org/api/3/action/package_search?start=0&rows=<b>";
        error.place = "results[3]";
        error.message = "not a package: <script>alert(1)</script>";
        store.add_error(m_run, error);
        store.finish_run(m_run, RunStatus::partial, {.added = 10, .errors = 1, .pages = 1}, "one record failed");
        quality::reassess(store, vocabularies(), {}, today_utc());
        LinkCheckResult broken;
        broken.url = "https://daten.example.org/files/1.csv";
        broken.outcome = LinkOutcome::broken;
        broken.status = 404;
        broken.reason = "HTTP 404 Not Found";
        store.record_link_check(broken);
        store.record_quality_trend(m_run);
        api::ServiceOptions options;
        options.database = m_db;
        options.catalog.title = "Testkatalog";
        options.public_url = "https://daten.example.org";
        options.vocabularies = ERNTE_SOURCE_DIR "/schemas/vocab";
        m_service = std::make_unique<api::Service>(options, vocabularies(), nullptr);
    }

    Response get(const std::string& target) { return m_service->handle_request(Request::get(target)); }

    /// Dataset 1 delivered again by its source, changed, in a run of its own.
    static void deliver_changed_dataset_1(Store& store, const std::string& title,
                                          std::vector<model::LangString> keywords = {}) {
        const auto source = *store.source_id("kommunen");
        const auto run = store.begin_run(source, RunMode::incremental);
        SourceRecord changed = record(1, "moers");
        changed.dataset.title = {{title, "de"}};
        if (!keywords.empty()) changed.dataset.keywords = std::move(keywords);
        changed.raw = model::to_json(changed.dataset);
        changed.content_hash = content_hash(changed.raw);
        EXPECT_EQ(store.upsert(source, run, changed), UpsertOutcome::updated);
        store.finish_run(run, RunStatus::succeeded, {.updated = 1}, "");
    }

    Response page(const std::string& target) {
        Response r = get(target);
        EXPECT_EQ(r.status, 200) << target << "\n" << r.body;
        EXPECT_EQ(r.content_type, "text/html; charset=utf-8") << target;
        EXPECT_NE(r.header("Content-Security-Policy").find("default-src 'none'"), std::string_view::npos);
        return r;
    }
};

// ------------------------------------------------------------------ numbers equal the API's

TEST_F(DashboardTest, OverviewShowsTheQualityApisNumbers) {
    const auto summary = parse_json(get("/api/quality/summary").body);
    const auto& cat = summary["catalogue"];
    const std::string html = page("/").body;
    EXPECT_EQ(std::stod(attribute_after(html, "id=\"catalogue-summary\"", "data-value")), cat["mean"].GetDouble());
    EXPECT_EQ(attribute_after(html, "data-field=\"datasets\"", "data-value"), std::to_string(cat["datasets"].GetUint()));
    EXPECT_EQ(attribute_after(html, "data-field=\"scored\"", "data-value"), std::to_string(cat["scored"].GetUint()));
    EXPECT_EQ(attribute_after(html, "data-field=\"rating\"", "data-rating"), cat["rating"].GetString());
    EXPECT_EQ(cat["datasets"].GetUint(), 10u);

    const auto publishers = parse_json(get("/api/quality/publishers").body);
    ASSERT_EQ(publishers["publishers"].Size(), 2u);
    for (const auto& p : publishers["publishers"].GetArray()) {
        const std::string row = std::string("data-publisher=\"") + p["name"].GetString() + "\"";
        ASSERT_NE(html.find(row), std::string::npos) << row;
        const auto at = html.find(row);
        const std::string cells = html.substr(at, html.find("</tr>", at) - at);
        EXPECT_EQ(std::stod(attribute_after(cells, "class=\"num\" data-value", "data-value")), p["mean"].GetDouble());
        EXPECT_NE(cells.find(std::string(">") + std::to_string(p["datasets"].GetUint()) + "<"), std::string::npos);
        EXPECT_EQ(attribute_after(cells, "class=\"rating", "data-rating"), p["rating"].GetString());
    }
}

TEST_F(DashboardTest, PublisherPageShowsTheApisNumbersAndDatasetsWorstFirst) {
    const auto api = parse_json(get("/api/quality/publishers/moers").body);
    const std::string html = page("/publisher/moers").body;
    const auto& g = api["catalogue"];
    EXPECT_EQ(std::stod(attribute_after(html, "id=\"publisher-summary\"", "data-value")), g["mean"].GetDouble());
    EXPECT_EQ(attribute_after(html, "data-field=\"datasets\"", "data-value"), "7");

    std::vector<std::pair<int, std::string>> by_score;
    for (const auto& d : api["datasets"].GetArray())
        by_score.emplace_back(d["mqa"]["total"].GetInt(), d["id"].GetString());
    std::stable_sort(by_score.begin(), by_score.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    const auto shown = attributes(html, "data-dataset");
    ASSERT_EQ(shown.size(), by_score.size());
    for (std::size_t i = 0; i < shown.size(); ++i) {
        const auto at = html.find("data-dataset=\"" + shown[i] + "\"");
        const auto it = std::find_if(by_score.begin(), by_score.end(), [&](const auto& s) { return s.second == shown[i]; });
        ASSERT_NE(it, by_score.end());
        EXPECT_EQ(it->first, by_score[i].first) << "row " << i << " is not in score order";
        EXPECT_NE(html.find("<td class=\"num\">" + std::to_string(it->first) + "</td>", at), std::string::npos);
    }
    // A chart per dimension with its text alternative, and the trend of the recorded run.
    EXPECT_NE(html.find("id=\"dimensions\""), std::string::npos);
    EXPECT_NE(html.find("role=\"img\" aria-labelledby=\"dimensions-caption\""), std::string::npos);
    EXPECT_EQ(count(html, "<th scope=\"row\">Auffindbarkeit</th>"), 1u);
    // Its findability bar is the API's mean over the scored datasets.
    double findability = 0;
    int scored = 0;
    for (const auto& d : api["datasets"].GetArray()) {
        if (!d["mqa"].IsObject()) continue;
        findability += d["mqa"]["dimensions"]["findability"].GetDouble();
        ++scored;
    }
    ASSERT_GT(scored, 0);
    std::string mean = fmt::format("{:.1f} / 100", findability / scored);
    std::replace(mean.begin(), mean.end(), '.', ',');
    EXPECT_NE(html.find("<td class=\"num\">" + mean + "</td>", html.find("Auffindbarkeit</th>")), std::string::npos)
        << mean;
    EXPECT_NE(html.find(std::string("(Lauf ") + std::to_string(m_run) + ")"), std::string::npos);
}

TEST_F(DashboardTest, MaengellisteHasEveryFindingOfThePublisher) {
    const auto api = parse_json(get("/api/quality/publishers/moers").body);
    const Response csv = get("/publisher/moers/maengelliste.csv");
    ASSERT_EQ(csv.status, 200) << csv.body;
    EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
    EXPECT_NE(csv.header("Content-Disposition").find("maengelliste-moers.csv"), std::string_view::npos);
    EXPECT_TRUE(csv.body.starts_with("Datensatz-ID,Datensatz,IRI,Regel,Mangel,Punktverlust,Behebung,"));

    std::size_t findings = 0;
    std::multiset<std::string> expected;
    for (const auto& d : api["datasets"].GetArray()) {
        for (const auto& f : d["findings"].GetArray()) {
            ++findings;
            expected.insert(std::string(d["id"].GetString()) + "|" + f["rule"].GetString() + "|" +
                            std::to_string(f["points_lost"].GetInt()));
        }
    }
    ASSERT_GT(findings, 0u);
    EXPECT_EQ(count(csv.body, "\r\n"), findings + 1);
    // Each row: id, title, IRI, rule, finding, points lost (titles here have no commas but the XSS one is quoted).
    std::multiset<std::string> rows;
    std::size_t line_start = csv.body.find("\r\n") + 2;
    while (line_start < csv.body.size()) {
        const auto end = csv.body.find("\r\n", line_start);
        const std::string line = csv.body.substr(line_start, end - line_start);
        std::vector<std::string> cells;
        std::string cell;
        bool quoted = false;
        for (std::size_t i = 0; i < line.size(); ++i) {
            const char c = line[i];
            if (quoted) {
                if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') cell += '"', ++i;
                else if (c == '"') quoted = false;
                else cell += c;
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.push_back(cell);
                cell.clear();
            } else {
                cell += c;
            }
        }
        cells.push_back(cell);
        EXPECT_EQ(cells.size(), 10u) << line;
        if (cells.size() == 10u) rows.insert(cells[0] + "|" + cells[3] + "|" + cells[5]);
        line_start = end + 2;
    }
    EXPECT_EQ(rows, expected);
    EXPECT_NE(csv.body.find(k_xss_title.substr(0, 8)), std::string::npos) << "titles are kept as text in the CSV";

    const Response en = get("/publisher/moers/maengelliste.csv?lang=en");
    EXPECT_TRUE(en.body.starts_with("dataset_id,dataset,iri,rule,finding,points_lost,fix,"));
}

TEST_F(DashboardTest, DatasetPageShowsEveryIndicatorWithTheApisPoints) {
    const auto api = parse_json(get("/api/quality/datasets/1").body);
    const std::string html = page("/dataset/1").body;
    EXPECT_EQ(attribute_after(html, "id=\"dataset-score\"", "data-value"), std::to_string(api["mqa"]["total"].GetInt()));
    EXPECT_EQ(count(html, " data-indicator=\""), 23u);
    for (const auto& m : api["mqa"]["indicators"].GetObject()) {
        const std::string row = std::string("data-indicator=\"") + m.name.GetString() + "\"";
        const auto at = html.find(row);
        ASSERT_NE(at, std::string::npos) << row;
        const std::string cells = html.substr(at, html.find("</tr>", at) - at);
        EXPECT_NE(cells.find(">" + std::to_string(m.value["points"].GetInt()) + " / "), std::string::npos) << cells;
    }
    // The broken link shows as broken, with its status.
    EXPECT_NE(html.find("data-link=\"broken\""), std::string::npos);
    EXPECT_NE(html.find("HTTP 404"), std::string::npos);
    // Provenance and representations.
    EXPECT_NE(html.find("kommunen"), std::string::npos);
    EXPECT_NE(html.find("href=\"/dataset/1.ttl\""), std::string::npos);
    EXPECT_NE(html.find("href=\"/runs/" + std::to_string(m_run) + "\""), std::string::npos);
}

TEST_F(DashboardTest, DatasetPageSaysWhatChangedBetweenVersions) {
    {
        Store store(m_db);
        deliver_changed_dataset_1(store, "Datensatz 1, neu", {{"Radwege", "de"}});
    }
    const std::string html = page("/dataset/1").body;
    const auto rows = attributes(html, "data-version");
    ASSERT_EQ(rows.size(), 2u);
    const auto newest = html.find("data-version=\"" + rows[0] + "\"");
    const std::string cells = html.substr(newest, html.find("</tr>", newest) - newest);
    EXPECT_NE(cells.find("<code>title</code>"), std::string::npos) << cells;
    EXPECT_NE(cells.find("<code>keywords</code>"), std::string::npos) << cells;
    EXPECT_EQ(cells.find("<code>distributions</code>"), std::string::npos) << cells;
    EXPECT_NE(html.find("erste Version dieser Quelle"), std::string::npos);
}

// keep_versions: a version whose content was dropped is listed, but cannot be compared.
TEST_F(DashboardTest, VersionWithoutContentIsListedButNotCompared) {
    {
        Store store(m_db);
        store.set_kept_versions(1);
        deliver_changed_dataset_1(store, "Datensatz 1, zweite Fassung");
        deliver_changed_dataset_1(store, "Datensatz 1, dritte Fassung");
    }
    const std::string html = page("/dataset/1").body;
    const auto rows = attributes(html, "data-version");
    ASSERT_EQ(rows.size(), 3u);
    auto cells = [&](const std::string& version) {
        const auto at = html.find("data-version=\"" + version + "\"");
        return html.substr(at, html.find("</tr>", at) - at);
    };
    // Newest first: the current version, compared with one whose content is gone.
    EXPECT_NE(cells(rows[0]).find("nicht mehr zu vergleichen"), std::string::npos) << cells(rows[0]);
    EXPECT_EQ(cells(rows[0]).find("<code>title</code>"), std::string::npos) << cells(rows[0]);
    EXPECT_NE(cells(rows[1]).find("nicht mehr zu vergleichen"), std::string::npos) << cells(rows[1]);
    EXPECT_NE(cells(rows[2]).find("erste Version dieser Quelle"), std::string::npos) << cells(rows[2]);
    EXPECT_NE(page("/dataset/1?lang=en").body.find("no longer comparable"), std::string::npos);
}

// ------------------------------------------------------------------ untrusted text

TEST_F(DashboardTest, ScriptInATitleIsShownAsTextAndRunsNothing) {
    const std::string id = std::to_string(m_xss_id);
    for (const std::string& target : {"/dataset/" + id, std::string("/publisher/moers"), "/dataset/" + id + "?lang=en"}) {
        const std::string html = page(target).body;
        EXPECT_EQ(html.find("<script>"), std::string::npos) << target;
        EXPECT_EQ(html.find("<img"), std::string::npos) << target;
        EXPECT_NE(html.find("&lt;script&gt;document.title=&quot;pwned&quot;&lt;/script&gt;"), std::string::npos) << target;
        EXPECT_EQ(html.find("href=\"javascript:"), std::string::npos) << target;
    }
    const std::string html = page("/dataset/" + id).body;
    // The only script element is the schema.org JSON-LD, and it carries the title safely.
    EXPECT_EQ(count(html, "<script"), 1u);
    const auto start = html.find("<script type=\"application/ld+json\">") + 35;
    const auto end = html.find("</script>", start);
    const std::string json = html.substr(start, end - start);
    EXPECT_EQ(json.find('<'), std::string::npos);
    const auto ld = parse_json(json);
    EXPECT_STREQ(ld["@type"].GetString(), "Dataset");
    EXPECT_EQ(ld["name"].GetString(), k_xss_title);
    EXPECT_STREQ(ld["url"].GetString(), ("https://daten.example.org/dataset/" + id).c_str());
    // Only the http(s) URL of the distribution is a download; javascript: is shown as text.
    ASSERT_EQ(ld["distribution"].Size(), 1u);
    EXPECT_STREQ(ld["distribution"][0]["contentUrl"].GetString(), "https://daten.example.org/files/99.csv?a=1&b=<2>");
    EXPECT_NE(html.find("<span class=\"url\">javascript:alert(1)</span>"), std::string::npos);
    EXPECT_NE(html.find("href=\"https://daten.example.org/files/99.csv?a=1&amp;b=&lt;2&gt;\""), std::string::npos);
}

TEST_F(DashboardTest, RunPageListsErrorsEscaped) {
    const std::string html = page("/runs/" + std::to_string(m_run)).body;
    EXPECT_NE(html.find("results[3]"), std::string::npos);
    EXPECT_NE(html.find("not a package: &lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
    EXPECT_NE(html.find("href=\"https://kommunen.example.org/api/3/action/package_search?start=0&amp;rows=&lt;b&gt;\""),
              std::string::npos);
    EXPECT_NE(html.find(">partial<"), std::string::npos);
}

// keep_run_errors: a run whose errors were deleted does not claim it had none.
TEST_F(DashboardTest, RunPageSaysWhenErrorsAreNoLongerKept) {
    EXPECT_EQ(page("/runs/" + std::to_string(m_run)).body.find("errors-forgotten"), std::string::npos);
    {
        Store store(m_db);
        const auto source = *store.source_id("kommunen");
        store.finish_run(store.begin_run(source, RunMode::incremental), RunStatus::succeeded, {}, "");
        store.set_clock([] { return std::chrono::system_clock::now() + std::chrono::days(200); });
        ASSERT_EQ(store.forget_run_errors(std::chrono::days(90)), 1);
    }
    const std::string html = page("/runs/" + std::to_string(m_run)).body;
    EXPECT_NE(html.find("id=\"errors-forgotten\""), std::string::npos);
    EXPECT_EQ(html.find("weder Fehler noch Warnungen"), std::string::npos);
    EXPECT_EQ(html.find("results[3]"), std::string::npos);
}

TEST_F(DashboardTest, SourcesPageListsTheLastRuns) {
    const std::string html = page("/sources").body;
    EXPECT_NE(html.find("data-source=\"kommunen\""), std::string::npos);
    EXPECT_NE(html.find("href=\"/runs/" + std::to_string(m_run) + "\""), std::string::npos);
    EXPECT_NE(html.find("href=\"https://kommunen.example.org\""), std::string::npos);
    EXPECT_NE(html.find("keiner geplant"), std::string::npos);
}

namespace {
/// A configuration that no longer names "kommunen".
class OtherSourceConfigured : public api::Operations {
public:
    std::vector<api::ConfiguredSource> configured_sources() const override {
        return {{"neu", "dcat", "https://neu.example.org/catalog.ttl", "30 3 * * 1"}};
    }
    std::optional<std::string> next_run(std::string_view) const override { return "2026-11-30T03:30:00Z"; }
    bool busy(std::string_view) const override { return false; }
    api::TriggerOutcome request_harvest(std::string_view) override { return api::TriggerOutcome::unknown_source; }
    api::TriggerOutcome request_link_check(std::string_view) override { return api::TriggerOutcome::unknown_source; }
};
}  // namespace

TEST_F(DashboardTest, SourcesPageNamesASourceTakenOutOfTheConfiguration) {
    EXPECT_EQ(page("/sources").body.find("data-field=\"unconfigured\""), std::string::npos);
    OtherSourceConfigured operations;
    api::ServiceOptions options;
    options.database = m_db;
    m_service = std::make_unique<api::Service>(options, vocabularies(), &operations);
    const std::string html = page("/sources").body;
    const auto neu = html.find("data-source=\"neu\" data-configured=\"true\"");
    const auto kommunen = html.find("data-source=\"kommunen\" data-configured=\"false\"");
    ASSERT_NE(neu, std::string::npos) << html;
    ASSERT_NE(kommunen, std::string::npos) << html;
    EXPECT_LT(neu, kommunen);  // the configured ones first
    const std::string section = html.substr(kommunen);
    EXPECT_NE(section.find("ihre 10 Datensätze sind aber noch im Katalog. „ernte retire kommunen“"), std::string::npos)
        << section;
    EXPECT_NE(section.find("href=\"/runs/" + std::to_string(m_run) + "\""), std::string::npos);
    // The scheduler no longer runs it: no next run is claimed for it.
    EXPECT_EQ(section.find("data-field=\"next-run\""), std::string::npos);
    EXPECT_NE(html.substr(neu, kommunen - neu).find("data-field=\"next-run\""), std::string::npos);
    const std::string en = page("/sources?lang=en").body;
    EXPECT_NE(en.find("its 10 datasets are still in the catalogue"), std::string::npos);
    EXPECT_NE(en.find("ernte retire kommunen&#39; takes them out"), std::string::npos) << en;
}

// ------------------------------------------------------------------ language, addresses, errors

TEST_F(DashboardTest, GermanFirstWithAnEnglishSwitch) {
    const std::string de = page("/publisher/moers").body;
    EXPECT_NE(de.find("<html lang=\"de\">"), std::string::npos);
    EXPECT_NE(de.find(">Übersicht</a>"), std::string::npos);
    EXPECT_NE(de.find("href=\"/publisher/moers?lang=en\""), std::string::npos);
    EXPECT_NE(de.find("Mängelliste herunterladen"), std::string::npos);

    const std::string en = page("/publisher/moers?lang=en").body;
    EXPECT_NE(en.find("<html lang=\"en\">"), std::string::npos);
    EXPECT_NE(en.find(">Overview</a>"), std::string::npos);
    EXPECT_NE(en.find("href=\"/?lang=en\""), std::string::npos);
    EXPECT_NE(en.find("href=\"/publisher/moers/maengelliste.csv?lang=en\""), std::string::npos);
    EXPECT_NE(en.find("href=\"/publisher/moers\" lang=\"de\""), std::string::npos);
    EXPECT_EQ(en.find("Übersicht"), std::string::npos);
    // The quality report's own texts in the page's language.
    const std::string dataset_de = page("/dataset/1").body;
    const std::string dataset_en = page("/dataset/1?lang=en").body;
    EXPECT_NE(dataset_de.find(">Schlagwörter vorhanden</th>"), std::string::npos);
    EXPECT_NE(dataset_en.find(">keyword availability</th>"), std::string::npos);
    EXPECT_NE(dataset_de.find(">Auffindbarkeit</td>"), std::string::npos);
    EXPECT_NE(dataset_en.find(">Findability</td>"), std::string::npos);
}

TEST_F(DashboardTest, SortingPublishersByScore) {
    const auto publishers = parse_json(get("/api/quality/publishers").body);
    std::vector<std::pair<double, std::string>> by_mean;
    for (const auto& p : publishers["publishers"].GetArray()) by_mean.emplace_back(p["mean"].GetDouble(), p["name"].GetString());
    std::sort(by_mean.begin(), by_mean.end());
    ASSERT_NE(by_mean.front().first, by_mean.back().first) << "the fixture should give the publishers different means";
    const auto ascending = attributes(page("/?sort=-score").body, "data-publisher");
    const auto descending = attributes(page("/?sort=score").body, "data-publisher");
    EXPECT_EQ(ascending, (std::vector<std::string>{by_mean.front().second, by_mean.back().second}));
    EXPECT_EQ(descending, (std::vector<std::string>{by_mean.back().second, by_mean.front().second}));
    EXPECT_EQ(attributes(page("/").body, "data-publisher"), (std::vector<std::string>{"kleve", "moers"}));
}

TEST_F(DashboardTest, UnknownThingsAre404PagesAndRdfStaysRdf) {
    for (const std::string_view target : {"/publisher/niemand", "/publisher/niemand/maengelliste.csv", "/dataset/4711",
                                     "/runs/4711", "/runs/abc"}) {
        const Response r = get(std::string(target));
        EXPECT_EQ(r.status, 404) << target;
        EXPECT_EQ(r.content_type, "text/html; charset=utf-8") << target;
        EXPECT_NE(r.body.find("Nicht gefunden"), std::string::npos) << target;
    }
    const Response ttl = get("/dataset/1.ttl");
    EXPECT_EQ(ttl.status, 200);
    EXPECT_EQ(ttl.content_type, "text/turtle; charset=utf-8");
    Request post = Request::get("/");
    post.method = "POST";
    EXPECT_EQ(m_service->handle_request(post).status, 405);
    const Response css = get("/assets/ernte.css");
    EXPECT_EQ(css.status, 200);
    EXPECT_EQ(css.content_type, "text/css; charset=utf-8");
    const Response icon = get("/assets/favicon.svg");
    EXPECT_EQ(icon.status, 200);
    EXPECT_EQ(icon.content_type, "image/svg+xml");
    EXPECT_EQ(get("/assets/other.js").status, 404);
}

// ------------------------------------------------------------------ search

/// The text of the element starting at the first `marker` up to `end_marker`.
std::string section_of(const std::string& html, std::string_view marker, std::string_view end_marker = "</section>") {
    const auto at = html.find(marker);
    if (at == std::string::npos) return {};
    const auto end = html.find(end_marker, at);
    return html.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

std::int64_t result_count(const std::string& html) {
    return std::stoll(attribute_after(html, "id=\"result-count\"", "data-count"));
}

TEST_F(DashboardTest, SearchFindsWordsAsPackageSearchDoes) {
    const std::string all = page("/search").body;
    EXPECT_EQ(result_count(all), 10);
    EXPECT_NE(all.find("<label for=\"search-q\">"), std::string::npos);
    EXPECT_NE(all.find("id=\"search-q\" name=\"q\""), std::string::npos);
    // German folding: "Baeume" finds "Bäume", as the CKAN API does.
    const std::string html = page("/search?q=Baeume").body;
    const auto api = parse_json(get("/api/3/action/package_search?q=Baeume").body);
    ASSERT_TRUE(api["success"].GetBool());
    EXPECT_EQ(result_count(html), api["result"]["count"].GetInt64());
    EXPECT_GT(result_count(html), 0);
    EXPECT_LT(result_count(html), 10);
    // Each result links its dataset page and shows publisher, score and formats.
    const auto ids = attributes(section_of(html, "id=\"search-results\"", "</ol>"), "data-dataset");
    EXPECT_EQ(static_cast<std::int64_t>(ids.size()), result_count(html));
    for (const auto& id : ids) {
        const std::string item = section_of(html, "data-dataset=\"" + id + "\"", "</li>");
        EXPECT_NE(item.find("href=\"/dataset/" + id + "\""), std::string::npos) << item;
        EXPECT_NE(item.find(" Punkte"), std::string::npos) << item;
        EXPECT_NE(item.find("data-rating=\""), std::string::npos) << item;
        EXPECT_NE(item.find(">CSV</dd>"), std::string::npos) << item;
    }
    EXPECT_NE(html.find("value=\"Baeume\""), std::string::npos);
}

TEST_F(DashboardTest, SearchFiltersByEachFacetAndKeepsTheOtherParameters) {
    const std::string all = page("/search?q=Datensatz").body;
    for (const std::string param : {"organization", "groups", "res_format", "license_id", "rating"}) {
        const std::string facet = section_of(all, "id=\"facet-" + param + "\"");
        const auto values = attributes(facet, "data-value");
        const auto counts = attributes(facet, "data-count");
        // The fixture's records have licences on their distributions only: no license_id to count.
        if (param == "license_id" && values.empty()) continue;
        ASSERT_FALSE(values.empty()) << param << "\n" << all;
        const std::string value = values.front();
        const std::string html = page("/search?q=Datensatz&" + param + "=" + url_encode(value)).body;
        EXPECT_EQ(result_count(html), std::stoll(counts.front())) << param << "=" << value;
        // The chosen filter is listed with a link that removes it and keeps the text.
        EXPECT_NE(section_of(html, "id=\"chosen-filters\"", "</ul>").find("href=\"/search?q=Datensatz\""), std::string::npos)
            << html;
        // The same query through the CKAN API counts the same.
        const auto api = parse_json(
            get("/api/3/action/package_search?q=Datensatz&fq=" + url_encode(param + ":\"" + value + "\"")).body);
        ASSERT_TRUE(api["success"].GetBool()) << param;
        EXPECT_EQ(result_count(html), api["result"]["count"].GetInt64()) << param;
        if (param == "rating") {
            for (const auto& r : attributes(section_of(html, "id=\"search-results\"", "</ol>"), "data-rating"))
                EXPECT_EQ(r, value);
        }
        // The facet links of the filtered page keep the filter.
        const std::string other = param == "organization" ? "res_format" : "organization";
        const std::string link = attribute_after(html, "id=\"facet-" + other + "\"", "href");
        EXPECT_NE(link.find(param + "=" + url_encode(value)), std::string::npos) << link;
        EXPECT_NE(link.find("q=Datensatz"), std::string::npos) << link;
    }
}

TEST_F(DashboardTest, SearchPagesThroughManyResults) {
    {
        Store store(m_db);
        const auto source = *store.source_id("kommunen");
        const auto run = store.begin_run(source, RunMode::incremental);
        for (int i = 100; i < 130; ++i) store.upsert(source, run, record(i, "kleve"));
        store.finish_run(run, RunStatus::succeeded, {.added = 30}, "");
    }
    const std::string first = page("/search").body;
    EXPECT_EQ(result_count(first), 40);
    EXPECT_EQ(attributes(section_of(first, "id=\"search-results\"", "</ol>"), "data-dataset").size(), 20u);
    EXPECT_NE(first.find("href=\"/search?page=2\" rel=\"next\""), std::string::npos) << first;
    const std::string second = page("/search?page=2").body;
    const auto ids1 = attributes(section_of(first, "id=\"search-results\"", "</ol>"), "data-dataset");
    const auto ids2 = attributes(section_of(second, "id=\"search-results\"", "</ol>"), "data-dataset");
    EXPECT_EQ(ids2.size(), 20u);
    for (const auto& id : ids2) EXPECT_EQ(std::count(ids1.begin(), ids1.end(), id), 0) << id;
    EXPECT_NE(second.find("href=\"/search\" rel=\"prev\""), std::string::npos);
    EXPECT_EQ(second.find("rel=\"next\""), std::string::npos);
    EXPECT_NE(second.find("Seite 2 von 2"), std::string::npos);
}

TEST_F(DashboardTest, SearchShowsAHostileTitleAsText) {
    const std::string html = page("/search?q=script").body;
    EXPECT_GE(result_count(html), 1);
    EXPECT_EQ(html.find(k_xss_title), std::string::npos);
    EXPECT_NE(html.find("&lt;script&gt;document.title=&quot;pwned&quot;&lt;/script&gt;"), std::string::npos);
    const std::string hostile = page("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E&organization=%22%3E%3Cb%3E").body;
    EXPECT_EQ(hostile.find("<script>alert(1)"), std::string::npos);
    EXPECT_EQ(hostile.find("\"><b>"), std::string::npos);
}

TEST_F(DashboardTest, SearchInEnglishAndLinkedFromEveryPage) {
    for (const std::string target : {"/", "/sources", "/dataset/1", "/search"})
        EXPECT_NE(page(target).body.find("href=\"/search\">Suche</a>"), std::string::npos) << target;
    const std::string en = page("/search?q=Umwelt&lang=en").body;
    EXPECT_NE(en.find("<html lang=\"en\">"), std::string::npos);
    EXPECT_NE(en.find(">Search datasets</h1>"), std::string::npos);
    EXPECT_NE(en.find("datasets found"), std::string::npos);
    EXPECT_NE(en.find("name=\"lang\" value=\"en\""), std::string::npos);
    EXPECT_NE(en.find("href=\"/search?q=Umwelt\" lang=\"de\""), std::string::npos) << en;
    const std::string link = attribute_after(en, "id=\"facet-organization\"", "href");
    EXPECT_TRUE(link.ends_with("&amp;lang=en")) << link;
    EXPECT_EQ(en.find("Datensätze gefunden"), std::string::npos);
}

TEST_F(DashboardTest, SearchAnswersBadInputWithAPageThatSaysSo) {
    const std::string none = page("/search?q=Zzzyxwort").body;
    EXPECT_EQ(result_count(none), 0);
    EXPECT_NE(none.find("Keine Datensätze passen zu dieser Suche"), std::string::npos);
    const std::string huge = page("/search?page=99999999999999999999999").body;
    EXPECT_NE(huge.find("class=\"notice\""), std::string::npos) << huge;
    EXPECT_NE(huge.find("gibt es nicht"), std::string::npos);
    const std::string beyond = page("/search?page=7").body;
    EXPECT_NE(beyond.find("Seite 7 gibt es nicht; die Suche hat Seiten bis 1."), std::string::npos) << beyond;
    const std::string word = page("/search?page=zwei").body;
    EXPECT_NE(word.find("Die Seitenzahl ist keine Zahl ab 1"), std::string::npos);
    EXPECT_EQ(result_count(word), 10);
    const std::string rating = page("/search?rating=superb").body;
    EXPECT_NE(rating.find("Die Bewertung &#39;superb&#39; gibt es nicht"), std::string::npos) << rating;
    EXPECT_EQ(result_count(rating), 10);
    const std::string unknown = page("/search?organization=niemand&license_id=keine").body;
    EXPECT_EQ(result_count(unknown), 0);
    EXPECT_NE(unknown.find("id=\"chosen-filters\""), std::string::npos);
    for (const std::string q : {"%22", "%22%22%22", "OR", "*", "(", "AND%20OR%20NOT", "%00", "-"}) {
        const Response r = get("/search?q=" + q);
        EXPECT_EQ(r.status, 200) << q << "\n" << r.body;
    }
}

// ------------------------------------------------------------------ trend and cache

TEST_F(DashboardTest, TrendRecordsTheFiguresOfEachRun) {
    Store store(m_db);
    const auto summary = parse_json(get("/api/quality/summary").body);
    auto points = store.quality_trend(std::nullopt, 30);
    ASSERT_EQ(points.size(), 1u);
    EXPECT_EQ(points[0].run_id, m_run);
    EXPECT_EQ(points[0].source, "kommunen");
    EXPECT_EQ(points[0].datasets, 10);
    EXPECT_DOUBLE_EQ(std::round(points[0].mean * 10) / 10, summary["catalogue"]["mean"].GetDouble());
    EXPECT_EQ(points[0].ratings.good + points[0].ratings.excellent + points[0].ratings.sufficient + points[0].ratings.bad,
              10u);
    const auto moers = store.quality_trend(std::string("moers"), 30);
    ASSERT_EQ(moers.size(), 1u);
    EXPECT_EQ(moers[0].datasets, 7);
    EXPECT_GT(moers[0].dimensions[0], 0.0);
    // Recording a run again replaces its figures; a second run adds a point.
    store.record_quality_trend(m_run);
    EXPECT_EQ(store.quality_trend(std::nullopt, 30).size(), 1u);
    const auto source = *store.source_id("kommunen");
    const auto run2 = store.begin_run(source, RunMode::incremental);
    store.finish_run(run2, RunStatus::succeeded, {}, "");
    store.record_quality_trend(run2);
    points = store.quality_trend(std::nullopt, 30);
    ASSERT_EQ(points.size(), 2u);
    EXPECT_EQ(points[1].run_id, run2);
    EXPECT_EQ(store.quality_trend(std::nullopt, 1).front().run_id, run2);
}

TEST_F(DashboardTest, PagesFollowTheCatalogueAfterItChanges) {
    const std::string before = page("/").body;
    EXPECT_EQ(attribute_after(before, "data-field=\"datasets\"", "data-value"), "10");
    {
        Store store(m_db);
        const auto source = *store.source_id("kommunen");
        const auto run = store.begin_run(source, RunMode::incremental);
        store.upsert(source, run, record(10, "kleve"));
        store.finish_run(run, RunStatus::succeeded, {.added = 1}, "");
        quality::reassess(store, vocabularies(), {}, today_utc());
    }
    const std::string after = page("/").body;
    EXPECT_EQ(attribute_after(after, "data-field=\"datasets\"", "data-value"), "11");
    const auto summary = parse_json(get("/api/quality/summary").body);
    EXPECT_EQ(std::stod(attribute_after(after, "id=\"catalogue-summary\"", "data-value")),
              summary["catalogue"]["mean"].GetDouble());
}

}  // namespace
