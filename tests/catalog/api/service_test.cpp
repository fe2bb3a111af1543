#include "catalog/api/service.hpp"

#include "catalog/api/response_cache.hpp"

#include "catalog/assess.hpp"
#include "catalog/hash.hpp"
#include "catalog/rdf.hpp"
#include "catalog/store.hpp"
#include "catalog/time.hpp"
#include "catalog/vocab.hpp"

#include "tests/support/temp_dir.hpp"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <thread>
#include <tuple>
#include <unistd.h>

using namespace ernte;
using namespace ernte::catalog;
using api::Request;
using api::Response;

namespace {

const Vocabularies& vocabularies() {
    static const Vocabularies vocab = Vocabularies::load(ERNTE_SOURCE_DIR "/schemas/vocab");
    return vocab;
}

using testsupport::TempDir;

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
    model::Distribution d;
    d.access_urls = {"https://daten.example.org/files/" + std::to_string(n) + ".csv"};
    d.format = "http://publications.europa.eu/resource/authority/file-type/CSV";
    d.licence.iri = "http://dcat-ap.de/def/licenses/dl-by-de/2.0";
    r.dataset.distributions.push_back(d);
    r.raw = model::to_json(r.dataset);
    r.content_hash = content_hash(r.raw);
    return r;
}

/// A catalogue of 7 datasets from one source (4 of "moers", 3 of "kleve"),
/// assessed, and the service over it.
class ServiceTest : public ::testing::Test {
protected:
    TempDir m_dir;
    std::filesystem::path m_db = m_dir.path() / "catalog.db";
    std::int64_t m_run = 0;
    std::unique_ptr<api::Service> m_service;

    void SetUp() override {
        Store store(m_db);
        const auto source = store.ensure_source({"kommunen", "ckan", "https://kommunen.example.org", 0});
        m_run = store.begin_run(source, RunMode::full);
        for (int i = 1; i <= 7; ++i) store.upsert(source, m_run, record(i, i <= 4 ? "moers" : "kleve"));
        ErrorRow error;
        error.stage = "parse";
        error.url = "https://kommunen.example.org/api/3/action/package_search?start=0";
        error.place = "results[3]";
        error.message = "not a package";
        store.add_error(m_run, error);
        store.finish_run(m_run, RunStatus::partial, {.added = 7, .errors = 1, .pages = 1}, "one record failed");
        quality::reassess(store, vocabularies(), {}, today_utc());
        m_service = make_service({});
    }

    std::unique_ptr<api::Service> make_service(api::ServiceOptions options, api::Operations* operations = nullptr) {
        options.database = m_db;
        options.catalog.iri = "https://daten.example.org/catalog";
        options.catalog.title = "Testkatalog";
        if (options.public_url.empty()) options.public_url = "https://daten.example.org";
        return std::make_unique<api::Service>(options, vocabularies(), operations);
    }

    Response get(const std::string& target, std::vector<std::pair<std::string, std::string>> headers = {}) {
        Request request = Request::get(target);
        request.headers = std::move(headers);
        return m_service->handle_request(request);
    }
};

rapidjson::Document parse_json(const Response& response) {
    rapidjson::Document doc;
    doc.Parse(response.body.c_str());
    EXPECT_FALSE(doc.HasParseError()) << response.body;
    return doc;
}

/// The triples of an RDF answer.
std::vector<rdf::Triple> triples(const Response& response, rdf::Syntax syntax) {
    std::vector<rdf::Triple> out;
    const auto result = rdf::read(syntax, response.body, {}, [&](const rdf::Triple& t) { out.push_back(t); });
    EXPECT_TRUE(result.ok) << result.description << "\n" << response.body;
    return out;
}

std::set<std::string> objects_of(const std::vector<rdf::Triple>& triples, std::string_view predicate) {
    std::set<std::string> out;
    for (const auto& t : triples)
        if (t.predicate.value == predicate) out.insert(t.object.value);
    return out;
}

const std::string k_dcat_dataset = "http://www.w3.org/ns/dcat#dataset";
const std::string k_hydra = "http://www.w3.org/ns/hydra/core#";

// ------------------------------------------------------------------ feed

// The feed's number of datasets is counted once per catalogue state: it
// follows every change, for each selection.
TEST_F(ServiceTest, FeedTotalsFollowTheCatalogue) {
    api::ServiceOptions options;
    options.response_cache_bytes = 0;
    m_service = make_service(options);
    const auto total = [&](const std::string& query) {
        const Response r = get("/catalog.ttl?per_page=2" + query);
        EXPECT_EQ(r.status, 200) << query << "\n" << r.body;
        const auto items = objects_of(triples(r, rdf::Syntax::turtle), k_hydra + "totalItems");
        return items.size() == 1 ? *items.begin() : std::string("none");
    };
    for (int round = 0; round < 2; ++round) {
        EXPECT_EQ(total(""), "7");
        EXPECT_EQ(total("&publisher=moers"), "4");
        EXPECT_EQ(total("&source=kommunen&publisher=kleve"), "3");
    }
    {
        Store store(m_db);
        const auto source = *store.source_id("kommunen");
        const auto run = store.begin_run(source, RunMode::incremental);
        store.upsert(source, run, record(8, "moers"));
        store.finish_run(run, RunStatus::succeeded, {.added = 1}, "");
    }
    EXPECT_EQ(total(""), "8");
    EXPECT_EQ(total("&publisher=moers"), "5");
    EXPECT_EQ(total("&source=kommunen&publisher=kleve"), "3");
    EXPECT_EQ(total("&modified_since=2000-01-01"), "8");
    EXPECT_EQ(total("&modified_since=2090-01-01"), "0");
}

TEST_F(ServiceTest, FeedPagesListEveryDatasetOnceWithHydraLinks) {
    std::set<std::string> seen;
    std::string url = "/catalog.ttl?per_page=3";
    for (int page = 1; page <= 3; ++page) {
        const Response r = get(url);
        ASSERT_EQ(r.status, 200) << r.body;
        EXPECT_EQ(r.content_type, "text/turtle; charset=utf-8");
        const auto t = triples(r, rdf::Syntax::turtle);
        const auto datasets = objects_of(t, k_dcat_dataset);
        EXPECT_EQ(datasets.size(), page < 3 ? 3u : 1u) << r.body;
        for (const auto& d : datasets) EXPECT_TRUE(seen.insert(d).second) << d << " on two pages";
        EXPECT_EQ(objects_of(t, k_hydra + "totalItems"), std::set<std::string>{"7"});
        EXPECT_EQ(objects_of(t, k_hydra + "itemsPerPage"), std::set<std::string>{"3"});
        EXPECT_EQ(objects_of(t, k_hydra + "last"),
                  std::set<std::string>{"https://daten.example.org/catalog.ttl?per_page=3&page=3"});
        const auto next = objects_of(t, k_hydra + "next");
        EXPECT_EQ(objects_of(t, k_hydra + "nextPage"), next);
        if (page == 3) {
            EXPECT_TRUE(next.empty());
            break;
        }
        ASSERT_EQ(next.size(), 1u);
        EXPECT_EQ(*next.begin(), "https://daten.example.org/catalog.ttl?per_page=3&page=" + std::to_string(page + 1));
        url = next.begin()->substr(std::string("https://daten.example.org").size());
    }
    EXPECT_EQ(seen.size(), 7u);
}

// A feed page is typed as both Hydra paging styles (harvesters read one or
// the other) and carries the links of both vocabularies and the total.
TEST_F(ServiceTest, FeedPagesAreBothHydraPagingStyles) {
    const Response r = get("/catalog.ttl?per_page=3&page=2");
    ASSERT_EQ(r.status, 200) << r.body;
    const auto t = triples(r, rdf::Syntax::turtle);
    const std::string page = "https://daten.example.org/catalog.ttl?per_page=3&page=2";
    std::set<std::string> types;
    std::map<std::string, std::set<std::string>> links;
    for (const auto& triple : t) {
        if (triple.subject.value != page) continue;
        if (triple.predicate.value == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type") types.insert(triple.object.value);
        if (triple.predicate.value.starts_with(k_hydra))
            links[triple.predicate.value.substr(k_hydra.size())].insert(triple.object.value);
    }
    EXPECT_TRUE(types.contains(k_hydra + "PartialCollectionView")) << r.body;
    EXPECT_TRUE(types.contains(k_hydra + "PagedCollection")) << r.body;
    const std::string base = "https://daten.example.org/catalog.ttl?per_page=3&page=";
    for (const auto& [old_name, new_name, target] :
         {std::tuple<std::string, std::string, std::string>{"first", "firstPage", base + "1"},
          {"last", "lastPage", base + "3"},
          {"next", "nextPage", base + "3"},
          {"previous", "previousPage", base + "1"}}) {
        EXPECT_EQ(links[old_name], std::set<std::string>{target}) << old_name << "\n" << r.body;
        EXPECT_EQ(links[new_name], std::set<std::string>{target}) << new_name << "\n" << r.body;
    }
    EXPECT_EQ(links["totalItems"], std::set<std::string>{"7"}) << r.body;
}

TEST_F(ServiceTest, FeedSyntaxByExtensionAndByAcceptHeader) {
    const std::pair<std::string, rdf::Syntax> by_extension[] = {
        {"/catalog.ttl", rdf::Syntax::turtle}, {"/catalog.rdf", rdf::Syntax::rdfxml},
        {"/catalog.xml", rdf::Syntax::rdfxml}, {"/catalog.jsonld", rdf::Syntax::jsonld}};
    for (const auto& [target, syntax] : by_extension) {
        const Response r = get(target);
        ASSERT_EQ(r.status, 200) << target;
        EXPECT_EQ(objects_of(triples(r, syntax), k_dcat_dataset).size(), 7u) << target;
    }
    EXPECT_EQ(get("/catalog").content_type, "application/rdf+xml; charset=utf-8");
    EXPECT_EQ(get("/catalog", {{"accept", "text/turtle"}}).content_type, "text/turtle; charset=utf-8");
    EXPECT_EQ(get("/catalog", {{"accept", "application/rdf+xml;q=0.5, application/ld+json"}}).content_type,
              "application/ld+json; charset=utf-8");
    EXPECT_EQ(get("/catalog", {{"accept", "text/html;q=0.9, */*;q=0.1"}}).content_type,
              "application/rdf+xml; charset=utf-8");
    EXPECT_EQ(get("/catalog", {{"accept", "text/turtle"}}).header("Vary"), "Accept");
    EXPECT_EQ(get("/catalog", {{"accept", "image/png"}}).status, 406);
    EXPECT_EQ(get("/catalog.csv").status, 404);
}

TEST_F(ServiceTest, FeedFiltersByPublisherSourceAndChangeTime) {
    auto count = [&](const std::string& target) {
        const Response r = get(target);
        EXPECT_EQ(r.status, 200) << target << ": " << r.body;
        return objects_of(triples(r, rdf::Syntax::turtle), k_dcat_dataset).size();
    };
    EXPECT_EQ(count("/catalog.ttl?publisher=kleve"), 3u);
    EXPECT_EQ(count("/catalog.ttl?publisher=https%3A%2F%2Fdaten.example.org%2Forg%2Fmoers"), 4u);
    EXPECT_EQ(count("/catalog.ttl?source=kommunen"), 7u);
    EXPECT_EQ(count("/catalog.ttl?modified_since=2000-01-01"), 7u);
    EXPECT_EQ(count("/catalog.ttl?modified_since=2200-01-01T00:00:00Z"), 0u);
    EXPECT_EQ(count("/catalog.ttl?modified_since=2000-01-01T00:00:00%2B01:00"), 7u);
    // The links keep the filters.
    const auto t = triples(get("/catalog.ttl?publisher=moers&per_page=2"), rdf::Syntax::turtle);
    EXPECT_EQ(objects_of(t, k_hydra + "next"),
              std::set<std::string>{"https://daten.example.org/catalog.ttl?publisher=moers&per_page=2&page=2"});
}

TEST_F(ServiceTest, FeedRefusesWhatItCannotAnswerWithAClearMessage) {
    EXPECT_EQ(get("/catalog.ttl?source=nobody").status, 404);
    for (const char* target : {"/catalog.ttl?page=0", "/catalog.ttl?page=abc", "/catalog.ttl?per_page=100000",
                               "/catalog.ttl?page=99999999999999999999", "/catalog.ttl?modified_since=yesterday",
                               "/catalog.ttl?modified_since=9999-01-01T00:00:00Z"}) {
        const Response r = get(target);
        EXPECT_EQ(r.status, 400) << target;
        const auto doc = parse_json(r);
        ASSERT_TRUE(doc.HasMember("error")) << r.body;
        EXPECT_NE(std::string(doc["error"]["message"].GetString()).find(std::string_view(target).substr(13, 4)),
                  std::string::npos)
            << r.body;
    }
    const Response beyond = get("/catalog.ttl?page=2");
    EXPECT_EQ(beyond.status, 404);
    EXPECT_NE(beyond.body.find("1 page(s)"), std::string::npos) << beyond.body;
    EXPECT_EQ(get("/catalog.ttl?page=1").status, 200);
}

TEST_F(ServiceTest, LinksFollowTheHostHeaderWithoutAPublicUrl) {
    m_service = make_service({.public_url = "http://placeholder"});
    api::ServiceOptions options;
    options.database = m_db;
    options.per_page = 5;
    m_service = std::make_unique<api::Service>(options, vocabularies());
    auto t = triples(get("/catalog.ttl", {{"host", "localhost:8080"}}), rdf::Syntax::turtle);
    EXPECT_EQ(objects_of(t, k_hydra + "next"), std::set<std::string>{"http://localhost:8080/catalog.ttl?page=2"});
    // A Host header that is not a plain host name is not put into links.
    t = triples(get("/catalog.ttl", {{"host", "evil.example/\"><script>"}}), rdf::Syntax::turtle);
    EXPECT_EQ(objects_of(t, k_hydra + "next"), std::set<std::string>{"http://localhost/catalog.ttl?page=2"});
}

TEST_F(ServiceTest, WithdrawnDatasetsLeaveTheFeedAndDeprecatedOnesCarryTheirStatus) {
    {
        Store store(m_db);
        const auto source = *store.source_id("kommunen");
        const auto run = store.begin_run(source, RunMode::full);
        for (int i = 1; i <= 5; ++i) store.upsert(source, run, record(i, i <= 4 ? "moers" : "kleve"));
        store.finish_run(run, RunStatus::succeeded, {}, "");
        ASSERT_EQ(store.retract_unseen(source, run, 0.5).deprecated, 2);
    }
    auto t = triples(get("/catalog.ttl"), rdf::Syntax::turtle);
    EXPECT_EQ(objects_of(t, k_dcat_dataset).size(), 7u);
    EXPECT_EQ(objects_of(t, "http://www.w3.org/ns/adms#status"),
              std::set<std::string>{"http://purl.org/adms/status/Deprecated"});
    {
        Store store(m_db);
        ASSERT_EQ(store.withdraw_expired(std::chrono::seconds(0)), 2);
    }
    t = triples(get("/catalog.ttl"), rdf::Syntax::turtle);
    EXPECT_EQ(objects_of(t, k_dcat_dataset).size(), 5u);
    EXPECT_EQ(get("/dataset/7.ttl").status, 410);
}

TEST_F(ServiceTest, OneDatasetInEachSyntax) {
    for (const auto& [ext, syntax] : {std::pair<std::string, rdf::Syntax>{"ttl", rdf::Syntax::turtle},
                                      {"rdf", rdf::Syntax::rdfxml},
                                      {"jsonld", rdf::Syntax::jsonld}}) {
        for (const std::string id : {"1", "dataset-1", "id-1"}) {
            const Response r = get("/dataset/" + id + "." + ext);
            ASSERT_EQ(r.status, 200) << id << "." << ext << ": " << r.body;
            const auto t = triples(r, syntax);
            EXPECT_EQ(objects_of(t, "http://purl.org/dc/terms/identifier"), std::set<std::string>{"id-1"});
        }
    }
    EXPECT_EQ(get("/dataset/nothing.ttl").status, 404);
    // Without an extension it is the dashboard's page of the dataset (tests/catalog/web).
    EXPECT_EQ(get("/dataset/1").content_type, "text/html; charset=utf-8");
    EXPECT_EQ(get("/dataset/1.pdf").status, 404);
}

// ------------------------------------------------------------------ quality

// ------------------------------------------------------------------ kept answers

TEST_F(ServiceTest, AnswersAreKeptUntilTheCatalogueChanges) {
    const auto& cache = m_service->responses();
    const auto first = get("/catalog.ttl");
    ASSERT_EQ(first.status, 200);
    EXPECT_EQ(cache.entries(), 1u);
    EXPECT_EQ(cache.hits(), 0);
    // The same address again: the kept answer, byte for byte.
    EXPECT_EQ(get("/catalog.ttl").body, first.body);
    EXPECT_EQ(cache.hits(), 1);
    // Another syntax, another Accept or another Host is another answer.
    EXPECT_NE(get("/catalog.rdf").body, first.body);
    const auto negotiated = get("/catalog", {{"accept", "text/turtle"}});
    EXPECT_EQ(negotiated.content_type.substr(0, 11), "text/turtle");
    EXPECT_NE(get("/catalog", {{"accept", "application/rdf+xml"}}).body, negotiated.body);
    EXPECT_EQ(cache.hits(), 1);
    // Errors are answered afresh each time.
    EXPECT_EQ(get("/catalog.ttl?page=99").status, 404);
    EXPECT_EQ(get("/catalog.ttl?page=99").status, 404);
    EXPECT_EQ(cache.hits(), 1);

    // A harvest (another connection) renames a dataset and withdraws one:
    // the next answers show it.
    {
        Store store(m_db);
        const auto source = *store.source_id("kommunen");
        const auto run = store.begin_run(source, RunMode::incremental);
        SourceRecord changed = record(1, "moers");
        changed.dataset.title = {{"Umbenannter Datensatz", "de"}};
        changed.raw = model::to_json(changed.dataset);
        changed.content_hash = content_hash(changed.raw);
        store.upsert(source, run, changed);
        store.finish_run(run, RunStatus::succeeded, {.updated = 1}, "");
    }
    const auto after = get("/catalog.ttl");
    EXPECT_NE(after.body, first.body);
    EXPECT_NE(after.body.find("Umbenannter Datensatz"), std::string::npos);
    EXPECT_EQ(cache.hits(), 1);
    EXPECT_EQ(get("/catalog.ttl").body, after.body);
    EXPECT_EQ(cache.hits(), 2);
    EXPECT_NE(get("/dataset/1.ttl").body.find("Umbenannter Datensatz"), std::string::npos);

    // The dashboard's search page is kept too (its language is in the address).
    const std::int64_t before_search = cache.hits();
    const auto search = get("/search?q=Datensatz");
    ASSERT_EQ(search.status, 200);
    EXPECT_EQ(get("/search?q=Datensatz").body, search.body);
    EXPECT_NE(get("/search?q=Datensatz&lang=en").body, search.body);
    EXPECT_EQ(cache.hits(), before_search + 1);

    // Operational answers change without a write and are never kept.
    const std::int64_t hits = cache.hits();
    get("/api/sources");
    get("/api/sources");
    get("/healthz");
    get("/healthz");
    EXPECT_EQ(cache.hits(), hits);
}

TEST(ResponseCache, KeepsTheNewestGenerationWithinItsMemory) {
    api::ResponseCache cache(64 * 1024);
    cache.keep("/a", 2, Response::json("\"a2\""), "/r");
    ASSERT_TRUE(cache.find("/a", 2));
    EXPECT_EQ(cache.find("/a", 2)->response->body, "\"a2\"");
    EXPECT_EQ(cache.find("/a", 2)->route, "/r");
    EXPECT_FALSE(cache.find("/a", 3));  // the catalogue changed since
    EXPECT_FALSE(cache.find("/b", 2));
    // An answer made from an older catalogue than the one kept is dropped.
    cache.keep("/a", 1, Response::json("\"a1\""), "/r");
    EXPECT_EQ(cache.find("/a", 2)->response->body, "\"a2\"");
    // A newer one replaces what was kept.
    cache.keep("/a", 3, Response::json("\"a3\""), "/r");
    EXPECT_FALSE(cache.find("/a", 2));
    EXPECT_EQ(cache.find("/a", 3)->response->body, "\"a3\"");
    // Too large for the cache: not kept.
    cache.keep("/big", 3, Response::json(std::string(2000, 'x')), "/r");
    EXPECT_FALSE(cache.find("/big", 3));
    // Many answers stay within the memory.
    for (int i = 0; i < 2000; ++i) cache.keep("/n" + std::to_string(i), 3, Response::json(std::string(500, 'y')), "/r");
    EXPECT_LE(cache.bytes(), 64u * 1024u);
    EXPECT_GT(cache.entries(), 10u);
}

TEST_F(ServiceTest, NoAnswerIsKeptWithoutMemoryForThem) {
    m_service = make_service({.response_cache_bytes = 0});
    EXPECT_EQ(get("/catalog.ttl").status, 200);
    EXPECT_EQ(get("/catalog.ttl").status, 200);
    EXPECT_EQ(m_service->responses().entries(), 0u);
    EXPECT_EQ(m_service->responses().hits(), 0);
}

TEST_F(ServiceTest, QualityEndpointsAgreeWithTheReport) {
    const auto summary = parse_json(get("/api/quality/summary"));
    ASSERT_TRUE(summary.HasMember("catalogue"));
    EXPECT_FALSE(summary.HasMember("publishers"));
    EXPECT_EQ(summary["catalogue"]["datasets"].GetInt(), 7);
    const double mean = summary["catalogue"]["mean"].GetDouble();
    EXPECT_GT(mean, 0.0);

    const auto publishers = parse_json(get("/api/quality/publishers"));
    ASSERT_TRUE(publishers["publishers"].IsArray());
    ASSERT_EQ(publishers["publishers"].Size(), 2u);
    std::map<std::string, int> counts;
    double sum = 0;
    for (const auto& p : publishers["publishers"].GetArray()) {
        counts[p["name"].GetString()] = p["datasets"].GetInt();
        sum += p["mean"].GetDouble() * p["datasets"].GetInt();
    }
    EXPECT_EQ(counts, (std::map<std::string, int>{{"kleve", 3}, {"moers", 4}}));
    EXPECT_NEAR(sum / 7, mean, 0.01);

    const auto moers = parse_json(get("/api/quality/publishers/moers?lang=de"));
    ASSERT_TRUE(moers["datasets"].IsArray()) << get("/api/quality/publishers/moers").body;
    EXPECT_EQ(moers["datasets"].Size(), 4u);
    const auto& first = moers["datasets"][0];
    EXPECT_TRUE(first["mqa"]["indicators"].IsObject());
    ASSERT_TRUE(first["findings"].IsArray());
    ASSERT_GT(first["findings"].Size(), 0u);
    EXPECT_GT(std::string(first["findings"][0]["fix"].GetString()).size(), 0u) << "findings come with their fix";
    EXPECT_EQ(get("/api/quality/publishers/nobody").status, 404);

    const auto one = parse_json(get("/api/quality/datasets/dataset-2"));
    EXPECT_EQ(std::string(one["iri"].GetString()), "https://daten.example.org/dataset/2");
    EXPECT_EQ(one["mqa"]["total"].GetInt(), first["mqa"]["total"].GetInt()) << "the records differ only in numbers";
    EXPECT_EQ(get("/api/quality/datasets/nothing").status, 404);
    EXPECT_EQ(get("/api/quality/summary?lang=fr").status, 400);
}

TEST_F(ServiceTest, QualityReportsAreBuiltAheadAndAgainOnlyAfterAChange) {
    const auto expected = get("/api/quality/summary").body;  // a fresh service builds it for the request
    m_service = make_service({});
    EXPECT_EQ(m_service->reports().builds(), 0);
    m_service->warm_up();
    // The catalogue's report and the pages of both publishers.
    EXPECT_EQ(m_service->reports().builds(), 3);
    // The overview, both quality endpoints and the publishers' pages answer
    // from the reports built ahead.
    EXPECT_EQ(get("/api/quality/summary").body, expected);
    EXPECT_EQ(get("/api/quality/publishers").status, 200);
    EXPECT_EQ(get("/").status, 200);
    EXPECT_EQ(get("/publisher/moers").status, 200);
    EXPECT_EQ(get("/publisher/kleve").status, 200);
    m_service->warm_up();
    EXPECT_EQ(m_service->reports().builds(), 3);
    EXPECT_GE(m_service->reports().hits(), 6);

    const auto add = [&](int n) {
        Store store(m_db);
        const auto source = *store.source_id("kommunen");
        const auto run = store.begin_run(source, RunMode::incremental);
        store.upsert(source, run, record(n, "kleve"));
        store.finish_run(run, RunStatus::succeeded, {.added = 1}, "");
        quality::reassess(store, vocabularies(), {}, today_utc());
    };
    // After a harvest the background warm-up builds the new report ...
    add(8);
    m_service->warm_up_in_background();
    for (int i = 0; i < 500 && m_service->reports().builds() < 6; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_EQ(m_service->reports().builds(), 6);
    EXPECT_EQ(parse_json(get("/api/quality/summary"))["catalogue"]["datasets"].GetInt(), 8);
    EXPECT_EQ(get("/publisher/kleve").status, 200);
    EXPECT_EQ(m_service->reports().builds(), 6);
    // ... and without one, a changed catalogue is still rebuilt for the request.
    add(9);
    EXPECT_EQ(parse_json(get("/api/quality/summary"))["catalogue"]["datasets"].GetInt(), 9);
    EXPECT_EQ(m_service->reports().builds(), 7);
    // A selection is a report of its own, kept as well.
    EXPECT_EQ(parse_json(get("/api/quality/summary?publisher=moers"))["catalogue"]["datasets"].GetInt(), 4);
    EXPECT_EQ(parse_json(get("/api/quality/summary?publisher=moers"))["catalogue"]["datasets"].GetInt(), 4);
    EXPECT_EQ(m_service->reports().builds(), 8);
    // The service ends while its background thread waits.
    m_service->warm_up_in_background();
    m_service.reset();
}

// ------------------------------------------------------------------ operations

TEST_F(ServiceTest, RunsErrorsAndSources) {
    const auto runs = parse_json(get("/api/runs"));
    ASSERT_TRUE(runs.IsArray());
    ASSERT_EQ(runs.Size(), 1u);
    EXPECT_EQ(std::string(runs[0]["status"].GetString()), "partial");
    EXPECT_EQ(runs[0]["added"].GetInt(), 7);

    const auto run = parse_json(get("/api/runs/" + std::to_string(m_run)));
    EXPECT_EQ(std::string(run["message"].GetString()), "one record failed");
    const auto errors = parse_json(get("/api/runs/" + std::to_string(m_run) + "/errors"));
    ASSERT_EQ(errors.Size(), 1u);
    EXPECT_EQ(std::string(errors[0]["place"].GetString()), "results[3]");
    EXPECT_EQ(std::string(errors[0]["url"].GetString()),
              "https://kommunen.example.org/api/3/action/package_search?start=0");
    EXPECT_EQ(get("/api/runs/999").status, 404);
    EXPECT_EQ(get("/api/runs/abc/errors").status, 404);
    EXPECT_EQ(get("/api/runs?source=nobody").status, 404);
    EXPECT_EQ(get("/api/runs?limit=0").status, 400);

    const auto sources = parse_json(get("/api/sources"));
    ASSERT_EQ(sources.Size(), 1u);
    EXPECT_EQ(std::string(sources[0]["name"].GetString()), "kommunen");
    EXPECT_EQ(sources[0]["datasets"].GetInt(), 7);
    EXPECT_EQ(std::string(sources[0]["last_run"]["status"].GetString()), "partial");
    EXPECT_TRUE(sources[0]["last_success"].IsNull());
}

/// Operations that remember what they were asked.
class RecordingOperations : public api::Operations {
public:
    std::vector<std::string> asked;
    std::vector<api::ConfiguredSource> configured_sources() const override {
        return {{"kommunen", "ckan", "https://kommunen.example.org", "0 2 * * *"},
                {"neu", "dcat", "https://neu.example.org/catalog.ttl", "30 3 * * 1"}};
    }
    std::optional<std::string> next_run(std::string_view source) const override {
        return source == "kommunen" ? std::optional<std::string>("2026-11-24T02:00:00Z") : std::nullopt;
    }
    bool busy(std::string_view source) const override { return source == "neu"; }
    api::TriggerOutcome request_harvest(std::string_view source) override {
        asked.push_back("harvest " + std::string(source));
        if (source == "neu") return api::TriggerOutcome::already_running;
        return source == "kommunen" ? api::TriggerOutcome::started : api::TriggerOutcome::unknown_source;
    }
    api::TriggerOutcome request_link_check(std::string_view source) override {
        asked.push_back("check-links " + std::string(source));
        return api::TriggerOutcome::queued;
    }
};

TEST_F(ServiceTest, SourcesShowTheScheduleOfTheConfiguration) {
    RecordingOperations operations;
    m_service = make_service({}, &operations);
    const auto sources = parse_json(get("/api/sources"));
    ASSERT_EQ(sources.Size(), 2u);
    EXPECT_TRUE(sources[0]["configured"].GetBool());
    EXPECT_EQ(std::string(sources[0]["schedule"].GetString()), "0 2 * * *");
    EXPECT_EQ(std::string(sources[0]["next_run"].GetString()), "2026-11-24T02:00:00Z");
    EXPECT_FALSE(sources[0]["busy"].GetBool());
    EXPECT_EQ(std::string(sources[1]["name"].GetString()), "neu");
    EXPECT_EQ(sources[1]["datasets"].GetInt(), 0);
    EXPECT_TRUE(sources[1]["last_run"].IsNull());
    EXPECT_TRUE(sources[1]["busy"].GetBool());
}

/// The configuration after "kommunen" was taken out of it.
class KommunenRemoved : public RecordingOperations {
public:
    std::vector<api::ConfiguredSource> configured_sources() const override {
        return {{"neu", "dcat", "https://neu.example.org/catalog.ttl", "30 3 * * 1"}};
    }
};

TEST_F(ServiceTest, SourcesListThoseTakenOutOfTheConfigurationWhileTheirDatasetsStay) {
    KommunenRemoved operations;
    m_service = make_service({}, &operations);
    const auto sources = parse_json(get("/api/sources"));
    ASSERT_EQ(sources.Size(), 2u);
    EXPECT_EQ(std::string(sources[0]["name"].GetString()), "neu");
    EXPECT_TRUE(sources[0]["configured"].GetBool());
    EXPECT_EQ(std::string(sources[1]["name"].GetString()), "kommunen");
    EXPECT_FALSE(sources[1]["configured"].GetBool());
    EXPECT_EQ(sources[1]["datasets"].GetInt(), 7);
    EXPECT_EQ(std::string(sources[1]["last_run"]["status"].GetString()), "partial");
    EXPECT_TRUE(sources[1]["schedule"].IsNull());
    EXPECT_TRUE(sources[1]["next_run"].IsNull());  // the scheduler no longer runs it
}

TEST_F(ServiceTest, AdminActionsNeedTheToken) {
    RecordingOperations operations;
    m_service = make_service({.admin_token = "s3cret-token"}, &operations);
    auto post = [&](const std::string& target, std::string authorization) {
        Request request = Request::get(target);
        request.method = "POST";
        if (!authorization.empty()) request.headers.emplace_back("authorization", std::move(authorization));
        return m_service->handle_request(request);
    };
    EXPECT_EQ(post("/api/admin/harvest/kommunen", "").status, 401);
    EXPECT_EQ(post("/api/admin/harvest/kommunen", "").header("WWW-Authenticate"), "Bearer realm=\"ernte admin\"");
    EXPECT_EQ(post("/api/admin/harvest/kommunen", "Bearer wrong").status, 401);
    EXPECT_EQ(post("/api/admin/harvest/kommunen", "Bearer s3cret-tokenX").status, 401);
    EXPECT_EQ(post("/api/admin/harvest/kommunen", "Basic s3cret-token").status, 401);
    EXPECT_TRUE(operations.asked.empty());

    EXPECT_EQ(post("/api/admin/harvest/kommunen", "Bearer s3cret-token").status, 202);
    EXPECT_EQ(post("/api/admin/harvest/neu", "Bearer s3cret-token").status, 409);
    EXPECT_EQ(post("/api/admin/harvest/other", "Bearer s3cret-token").status, 404);
    const Response queued = post("/api/admin/check-links/kommunen", "Bearer s3cret-token");
    EXPECT_EQ(queued.status, 202);
    EXPECT_EQ(std::string(parse_json(queued)["outcome"].GetString()), "queued");
    EXPECT_EQ(operations.asked, (std::vector<std::string>{"harvest kommunen", "harvest neu", "harvest other",
                                                          "check-links kommunen"}));
    EXPECT_EQ(get("/api/admin/harvest/kommunen").status, 405);

    // Checking links needs the token as harvesting does.
    const std::size_t asked = operations.asked.size();
    EXPECT_EQ(post("/api/admin/check-links/kommunen", "").status, 401);
    EXPECT_EQ(post("/api/admin/check-links/kommunen", "").header("WWW-Authenticate"), "Bearer realm=\"ernte admin\"");
    EXPECT_EQ(post("/api/admin/check-links/kommunen", "Bearer wrong").status, 401);
    EXPECT_EQ(operations.asked.size(), asked);

    // Without a configured token, admin actions are off for everybody.
    m_service = make_service({}, &operations);
    EXPECT_EQ(post("/api/admin/harvest/kommunen", "Bearer ").status, 403);
    EXPECT_EQ(operations.asked.size(), 4u);
}

// Sources come from the configuration only: no endpoint takes a new source
// URL, not even with the admin token.
TEST_F(ServiceTest, NoEndpointAcceptsNewSourceUrls) {
    RecordingOperations operations;
    m_service = make_service({.admin_token = "s3cret-token"}, &operations);
    const auto request = [&](std::string method, const std::string& target) {
        Request r = Request::get(target);
        r.method = std::move(method);
        r.headers = {{"authorization", "Bearer s3cret-token"}, {"content-type", "application/json"}};
        r.body = R"({"name": "evil", "url": "http://evil.example/", "type": "ckan"})";
        return m_service->handle_request(r);
    };
    for (const char* method : {"POST", "PUT", "PATCH", "DELETE"}) {
        const Response r = request(method, "/api/sources");
        EXPECT_EQ(r.status, 405) << method;
        EXPECT_EQ(r.header("Allow"), "GET, HEAD") << method;
    }
    const Response unknown = request("POST", "/api/admin/harvest/unknown");
    EXPECT_EQ(unknown.status, 404) << unknown.body;
    EXPECT_NE(unknown.body.find("no source named 'unknown' in the configuration"), std::string::npos) << unknown.body;
    // The body is not read: the harvest asked for is the one named in the path.
    EXPECT_EQ(operations.asked, std::vector<std::string>{"harvest unknown"});

    Store store(m_db);
    const auto sources = store.sources();
    ASSERT_EQ(sources.size(), 1u);
    EXPECT_EQ(sources[0].info.name, "kommunen");
    EXPECT_EQ(sources[0].info.url, "https://kommunen.example.org");
    const auto runs = parse_json(get("/api/runs"));
    ASSERT_TRUE(runs.IsArray()) << get("/api/runs").body;
    EXPECT_EQ(runs.Size(), 1u);
    for (const auto& run : runs.GetArray()) EXPECT_EQ(run["id"].GetInt64(), m_run);
}

// A succeeded run sets the source's last-success time to its end.
TEST_F(ServiceTest, MetricsShowWhenASourceLastSucceeded) {
    // The run starts at 10:00:00 and ends at 10:05:00; a failed one follows at 11:00.
    const auto ten = *parse_utc("2026-11-20T10:00:00Z");
    auto now = ten;
    {
        Store store(m_db);
        store.set_clock([&] { return now; });
        const auto source = store.ensure_source({"kommunen", "ckan", "https://kommunen.example.org", 0});
        const auto run = store.begin_run(source, RunMode::incremental);
        now = ten + std::chrono::minutes(5);
        store.finish_run(run, RunStatus::succeeded, {.unchanged = 7, .pages = 1}, "");
        ASSERT_EQ(store.run(run)->finished, "2026-11-20T10:05:00Z");
        // A later failure does not move the time of the last success.
        now = ten + std::chrono::minutes(60);
        const auto failed = store.begin_run(source, RunMode::incremental);
        now = ten + std::chrono::minutes(61);
        store.finish_run(failed, RunStatus::failed, {}, "portal down");
    }
    const auto seconds =
        std::chrono::duration_cast<std::chrono::seconds>((ten + std::chrono::minutes(5)).time_since_epoch()).count();
    const Response metrics = get("/metrics");
    ASSERT_EQ(metrics.status, 200);
    const std::string line =
        "\nernte_source_last_success_timestamp_seconds{source=\"kommunen\"} " + std::to_string(seconds) + "\n";
    EXPECT_NE(metrics.body.find(line), std::string::npos) << line << "\n" << metrics.body;
    EXPECT_NE(metrics.body.find("# TYPE ernte_source_last_success_timestamp_seconds gauge\n"), std::string::npos);
}

// No request reads a file: the dashboard's assets are compiled in, and a
// path that climbs out of them is a 4xx with a message, never a file's content.
TEST_F(ServiceTest, PathsClimbingOutOfTheServedTreeAreRefused) {
    for (const std::string target :
         {"/assets/../../etc/passwd", "/assets/%2e%2e/%2e%2e/etc/passwd", "/assets/..%2f..%2fetc%2fpasswd",
          "/dataset/..%2f..%2fetc%2fpasswd.ttl", "/dataset/../../etc/passwd.ttl", "/publisher/..%2F..%2Fetc",
          "/publisher/..%2F..%2Fetc/maengelliste.csv", "/runs/..%2F..%2Fetc%2Fpasswd", "/assets/ernte.css%00.txt",
          "/dataset/1.ttl%00", "/assets/..\\..\\etc\\passwd", "/assets/..%5c..%5cetc%5cpasswd",
          "/api/quality/datasets/..%2F..%2Fetc%2Fpasswd", "/catalog.ttl/../../etc/passwd"}) {
        const Response r = get(target);
        EXPECT_GE(r.status, 400) << target;
        EXPECT_LT(r.status, 500) << target << "\n" << r.body;
        EXPECT_EQ(r.body.find("root:"), std::string::npos) << target;
        // A message in the API's error shape or an HTML page saying what is not there.
        const bool json_message = r.body.find("\"message\":\"") != std::string::npos;
        const bool html_message = r.content_type.starts_with("text/html") && r.body.find("<h1") != std::string::npos;
        EXPECT_TRUE(json_message || html_message) << target << "\n" << r.content_type << "\n" << r.body;
    }
    // The assets themselves are served.
    EXPECT_EQ(get("/assets/ernte.css").status, 200);
}

TEST_F(ServiceTest, HealthAndMetrics) {
    const Response health = get("/healthz");
    EXPECT_EQ(health.status, 200);
    EXPECT_EQ(parse_json(health)["datasets"].GetInt(), 7);

    get("/catalog.ttl");
    get("/catalog.ttl?page=9");
    get("/dataset/1.ttl");
    get("/dataset/2.ttl");
    get("/nowhere/../etc/passwd");
    EXPECT_EQ(m_service->metrics().requests("/catalog.{format}", 200), 1u);
    EXPECT_EQ(m_service->metrics().requests("/catalog.{format}", 404), 1u);
    EXPECT_EQ(m_service->metrics().requests("/dataset/{id}.{format}", 200), 2u);
    EXPECT_EQ(m_service->metrics().requests("other", 404), 1u);

    const Response metrics = get("/metrics");
    EXPECT_EQ(metrics.content_type, "text/plain; version=0.0.4; charset=utf-8");
    for (const char* line : {"ernte_http_requests_total{route=\"/dataset/{id}.{format}\",status=\"200\"} 2\n",
                             "ernte_http_request_duration_seconds_count{route=\"/dataset/{id}.{format}\"} 2\n",
                             "ernte_http_request_duration_seconds_bucket{route=\"/dataset/{id}.{format}\",le=\"+Inf\"} 2\n",
                             "ernte_harvest_runs_total{source=\"kommunen\",status=\"partial\"} 1\n",
                             "ernte_source_datasets{source=\"kommunen\"} 7\n",
                             "ernte_catalogue_datasets{status=\"active\"} 7\n",
                             "# TYPE ernte_http_request_duration_seconds histogram\n"}) {
        EXPECT_NE(metrics.body.find(line), std::string::npos) << line << "\n" << metrics.body;
    }
    // No success yet, so no last-success time.
    EXPECT_EQ(metrics.body.find("ernte_source_last_success_timestamp_seconds{"), std::string::npos);
}

TEST_F(ServiceTest, WrongMethodsAndBadTargets) {
    Request post = Request::get("/catalog.ttl");
    post.method = "POST";
    const Response r = m_service->handle_request(post);
    EXPECT_EQ(r.status, 405);
    EXPECT_EQ(r.header("Allow"), "GET, HEAD");
    EXPECT_EQ(get("*").status, 400);
    EXPECT_EQ(get("/catalog%00.ttl").status, 400);
    EXPECT_EQ(get("/catalog%zz").status, 400);
    EXPECT_EQ(get("/api/runs?limit=1%27%20OR%201=1").status, 400);
    const Response missing = get("/nothing");
    EXPECT_EQ(missing.status, 404);
    EXPECT_NE(std::string(parse_json(missing)["error"]["message"].GetString()).find("nothing at /nothing"),
              std::string::npos);
    const auto index = parse_json(get("/api"));
    ASSERT_TRUE(index["endpoints"].IsArray());
    std::set<std::string> paths;
    for (const auto& e : index["endpoints"].GetArray()) paths.insert(e["path"].GetString());
    EXPECT_TRUE(paths.contains("/catalog.ttl") && paths.contains("/api/quality/summary") && paths.contains("/metrics"));
    EXPECT_TRUE(paths.contains("/api/3/action/{action}"));
}

TEST_F(ServiceTest, CkanActionsNeedTheVocabularies) {
    // The fixture's service is given no vocabulary directory.
    const Response without = get("/api/3/action/package_list");
    EXPECT_EQ(without.status, 503);
    EXPECT_NE(without.body.find("vocabularies"), std::string::npos) << without.body;
    api::ServiceOptions options;
    options.vocabularies = ERNTE_SOURCE_DIR "/schemas/vocab";
    const auto with = make_service(options);
    const Response list = with->handle_request(Request::get("/api/3/action/package_list"));
    ASSERT_EQ(list.status, 200) << list.body;
    EXPECT_EQ(parse_json(list)["result"].Size(), 7u);
    EXPECT_EQ(with->handle_request(Request::get("/api/3/action/package_delete")).status, 400);
}

TEST_F(ServiceTest, AnUnreadableDatabaseIsA503WithTheReason) {
    api::ServiceOptions options;
    options.database = m_dir.path() / "not-a-database.db";
    {
        std::ofstream garbage(options.database);
        garbage << std::string(8192, 'x');
    }
    api::Service broken(options, vocabularies());
    const Response r = broken.handle_request(Request::get("/healthz"));
    EXPECT_EQ(r.status, 503);
    EXPECT_NE(r.body.find("not a database"), std::string::npos) << r.body;
}

}  // namespace
