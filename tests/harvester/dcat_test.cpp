// DCAT feeds served on loopback in every syntax and both Hydra vocabularies,
// harvested end to end; the feed breaks its paging on request. Each test
// checks the run's status and message, the counts, and that nothing already
// in the catalogue is lost.

#include "harvester/dcat.hpp"

#include "catalog/export.hpp"
#include "catalog/store.hpp"
#include "catalog/turtle_reader.hpp"
#include "catalog/vocab.hpp"
#include "harvester/harvest_run.hpp"
#include "tests/support/dcat_feed.hpp"
#include "tests/support/http_server.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <set>
#include <sstream>

using namespace ernte;
using namespace ernte::harvester;
using catalog::RunMode;
using catalog::RunStatus;
using testsupport::DcatFeed;
using testsupport::FeedSyntax;
using testsupport::HttpRequest;
using testsupport::HttpResponse;
using testsupport::HydraStyle;

namespace {

const catalog::Vocabularies& vocabularies() {
    static const catalog::Vocabularies vocab = catalog::Vocabularies::load(ERNTE_SOURCE_DIR "/schemas/vocab");
    return vocab;
}

catalog::rdf::Graph turtle_graph(std::string_view text, std::string_view base = "http://feed.example/catalog.ttl") {
    catalog::rdf::Graph graph;
    catalog::rdf::ReadOptions options;
    options.base_iri = std::string(base);
    const auto result = catalog::rdf::read_turtle(text, options, [&](const catalog::rdf::Triple& t) { graph.add(t); });
    EXPECT_TRUE(result.ok) << result.description;
    return graph;
}

// ------------------------------------------------------------------ paging statements

TEST(HydraPagingTest, ReadsPartialCollectionView) {
    const auto graph = turtle_graph(R"(
        @prefix hydra: <http://www.w3.org/ns/hydra/core#> .
        <http://feed.example/catalog> a hydra:Collection ; hydra:totalItems 250 ;
            hydra:view <http://feed.example/catalog.ttl?page=2> .
        <http://feed.example/catalog.ttl?page=2> a hydra:PartialCollectionView ;
            hydra:first <catalog.ttl?page=1> ; hydra:previous <catalog.ttl?page=1> ;
            hydra:next <catalog.ttl?page=3> ; hydra:last <catalog.ttl?page=3> .
    )");
    const HydraPaging p = read_hydra_paging(graph, "http://feed.example/catalog.ttl?page=2");
    EXPECT_EQ(p.next, "http://feed.example/catalog.ttl?page=3");
    EXPECT_EQ(p.last, "http://feed.example/catalog.ttl?page=3");
    EXPECT_EQ(p.total_items, 250);
    EXPECT_EQ(p.items_per_page, -1);
}

TEST(HydraPagingTest, ReadsPagedCollection) {
    const auto graph = turtle_graph(R"(
        @prefix hydra: <http://www.w3.org/ns/hydra/core#> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        <http://feed.example/catalog.ttl?page=1> a hydra:PagedCollection ;
            hydra:totalItems "250"^^xsd:integer ; hydra:itemsPerPage "100"^^xsd:integer ;
            hydra:firstPage "http://feed.example/catalog.ttl?page=1" ;
            hydra:nextPage "http://feed.example/catalog.ttl?page=2" ;
            hydra:lastPage "http://feed.example/catalog.ttl?page=3" .
    )");
    const HydraPaging p = read_hydra_paging(graph, "http://feed.example/catalog.ttl?page=1");
    EXPECT_EQ(p.next, "http://feed.example/catalog.ttl?page=2");  // literals, as older feeds write them
    EXPECT_EQ(p.last, "http://feed.example/catalog.ttl?page=3");
    EXPECT_EQ(p.total_items, 250);
    EXPECT_EQ(p.items_per_page, 100);
}

TEST(HydraPagingTest, TheViewOfThisPageWinsOverOthers) {
    const auto graph = turtle_graph(R"(
        @prefix hydra: <http://www.w3.org/ns/hydra/core#> .
        <http://other.example/x> hydra:next <http://other.example/y> .
        <http://feed.example/catalog.ttl?page=2> hydra:next <http://feed.example/catalog.ttl?page=3> .
    )");
    EXPECT_EQ(read_hydra_paging(graph, "http://feed.example/catalog.ttl?page=2").next,
              "http://feed.example/catalog.ttl?page=3");
}

TEST(HydraPagingTest, NoPagingStatementsMeanASingleDocument) {
    const auto graph = turtle_graph("<http://a.example/d> a <http://www.w3.org/ns/dcat#Dataset> .");
    const HydraPaging p = read_hydra_paging(graph, "http://feed.example/catalog.ttl");
    EXPECT_TRUE(p.next.empty());
    EXPECT_EQ(p.total_items, -1);
}

TEST(HydraPagingTest, ExportedFeedPagesAreReadBackInEverySyntax) {
    catalog::CatalogInfo info;
    info.iri = "http://feed.example/catalog";
    info.page = catalog::CataloguePage{.iri = "http://feed.example/catalog.ttl?page=2",
                                       .first = "http://feed.example/catalog.ttl?page=1",
                                       .previous = "http://feed.example/catalog.ttl?page=1",
                                       .next = "http://feed.example/catalog.ttl?page=3",
                                       .last = "http://feed.example/catalog.ttl?page=3",
                                       .total_items = 250,
                                       .items_per_page = 100};
    const std::pair<catalog::ExportFormat, catalog::rdf::Syntax> syntaxes[] = {
        {catalog::ExportFormat::turtle, catalog::rdf::Syntax::turtle},
        {catalog::ExportFormat::rdfxml, catalog::rdf::Syntax::rdfxml},
        {catalog::ExportFormat::jsonld, catalog::rdf::Syntax::jsonld}};
    for (const auto& [format, syntax] : syntaxes) {
        std::ostringstream out;
        {
            catalog::CatalogWriter writer(out, format);
            writer.begin(info);
            writer.end();
        }
        catalog::rdf::Graph graph;
        std::set<std::string> predicates;
        const auto result = catalog::rdf::read(syntax, out.str(), {}, [&](const catalog::rdf::Triple& t) {
            predicates.insert(t.predicate.value);
            graph.add(t);
        });
        ASSERT_TRUE(result.ok) << result.description << "\n" << out.str();
        const HydraPaging p = read_hydra_paging(graph, "http://feed.example/catalog.ttl?page=2");
        EXPECT_EQ(p.next, "http://feed.example/catalog.ttl?page=3") << out.str();
        EXPECT_EQ(p.last, "http://feed.example/catalog.ttl?page=3");
        EXPECT_EQ(p.total_items, 250);
        EXPECT_EQ(p.items_per_page, 100);
        // Both vocabularies, for harvesters that know only one of them.
        for (const char* term : {"first", "firstPage", "previous", "previousPage", "next", "nextPage", "last",
                                 "lastPage"}) {
            EXPECT_TRUE(predicates.contains(std::string("http://www.w3.org/ns/hydra/core#") + term)) << term;
        }
    }
}

TEST(DcatFirstPageTest, IncrementalRunsAskForModifiedSince) {
    EXPECT_EQ(dcat_first_page_url("https://p.example/catalog.rdf", ""), "https://p.example/catalog.rdf");
    EXPECT_EQ(dcat_first_page_url("https://p.example/catalog.rdf", "2024-05-01T00:00:00Z"),
              "https://p.example/catalog.rdf?modified_since=2024-05-01T00%3A00%3A00Z");
    EXPECT_EQ(dcat_first_page_url("https://p.example/catalog.rdf?q=x", "2024-05-01T00:00:00Z"),
              "https://p.example/catalog.rdf?q=x&modified_since=2024-05-01T00%3A00%3A00Z");
}

// ------------------------------------------------------------------ harvests

class DcatHarvestTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = std::filesystem::temp_directory_path() /
                ("ernte-dcat-" + std::to_string(::getpid()) + "-" + std::to_string(std::random_device{}()));
        std::filesystem::create_directories(m_dir);
        m_config.database = m_dir / "ernte.db";
        m_config.contact = "test@example.org";
        m_config.vocabularies = ERNTE_SOURCE_DIR "/schemas/vocab";
        FetchOptions fo;
        fo.user_agent = user_agent(m_config);
        fo.retries = 1;
        fo.backoff_base = std::chrono::milliseconds(5);
        fo.backoff_max = std::chrono::milliseconds(20);
        fo.read_timeout = std::chrono::milliseconds(2000);
        m_fetcher = std::make_unique<Fetcher>(fo);
    }

    void TearDown() override {
        m_feed.reset();
        std::error_code ec;
        std::filesystem::remove_all(m_dir, ec);
    }

    void serve(std::size_t datasets, DcatFeed::Options options = {}) {
        options.per_page = options.per_page ? options.per_page : 100;
        m_feed = std::make_unique<DcatFeed>(testsupport::generate_feed_datasets(datasets, 7, "kreis"), options);
        m_config.sources.clear();
        SourceConfig s;
        s.name = "kreis";
        s.type = SourceType::dcat;
        s.url = m_feed->url();
        m_config.sources.push_back(s);
    }

    HarvestResult harvest(bool full = true) {
        HarvestEnvironment env;
        env.config = &m_config;
        env.fetcher = m_fetcher.get();
        env.vocab = &vocabularies();
        HarvestOptions options;
        options.force_full = full;
        return harvest_source(env, m_config.sources[0], options);
    }

    std::int64_t count(model::RecordStatus status = model::RecordStatus::active) {
        catalog::Store store(m_config.database);
        return store.count_datasets(status);
    }

    std::filesystem::path m_dir;
    Config m_config;
    std::unique_ptr<Fetcher> m_fetcher;
    std::unique_ptr<DcatFeed> m_feed;
};

struct FeedCase {
    FeedSyntax syntax;
    HydraStyle style;
};

std::string case_name(const ::testing::TestParamInfo<FeedCase>& info) {
    return std::string(testsupport::feed_extension(info.param.syntax)) +
           (info.param.style == HydraStyle::paged_collection ? "_PagedCollection" : "_PartialCollectionView");
}

class DcatFeedSyntaxTest : public DcatHarvestTest, public ::testing::WithParamInterface<FeedCase> {};

TEST_P(DcatFeedSyntaxTest, HarvestsEveryPageAndEveryDataset) {
    serve(250, {GetParam().syntax, GetParam().style, 100, false});
    const HarvestResult r = harvest();
    ASSERT_EQ(r.status, RunStatus::succeeded) << r.message;
    EXPECT_EQ(r.counts.pages, 3);
    EXPECT_EQ(r.counts.added, 250);
    EXPECT_EQ(r.counts.errors, 0);
    EXPECT_EQ(count(), 250);

    catalog::Store store(m_config.database);
    const auto record = store.find("https://opendata.kreis.example/dataset/kreis-000042");
    ASSERT_TRUE(record.has_value());
    const model::Dataset& d = record->dataset;
    EXPECT_EQ(d.identifier, "kreis-000042");
    ASSERT_FALSE(d.title.empty());
    EXPECT_EQ(d.title[0].lang, "de");
    ASSERT_EQ(d.distributions.size(), 1u);
    EXPECT_TRUE(d.distributions[0].licence.known) << d.distributions[0].licence.original;
    EXPECT_EQ(d.distributions[0].format, "http://publications.europa.eu/resource/authority/file-type/CSV");
    EXPECT_EQ(d.contributor_ids, std::vector<std::string>{"http://dcat-ap.de/def/contributors/openNRW"});
    EXPECT_EQ(d.publisher.name, "Verwaltung kreis");

    // Provenance: the dataset's own statements, as N-Triples.
    const auto raw = store.raw_records(record->id);
    ASSERT_EQ(raw.size(), 1u);
    EXPECT_NE(raw[0].second.find("<https://opendata.kreis.example/dataset/kreis-000042> "
                                 "<http://purl.org/dc/terms/identifier> \"kreis-000042\" ."),
              std::string::npos)
        << raw[0].second;
    EXPECT_EQ(raw[0].second.find("kreis-000043"), std::string::npos) << "another dataset's statements leaked in";
}

INSTANTIATE_TEST_SUITE_P(
    AllSyntaxes, DcatFeedSyntaxTest,
    ::testing::Values(FeedCase{FeedSyntax::turtle, HydraStyle::partial_collection_view},
                      FeedCase{FeedSyntax::turtle, HydraStyle::paged_collection},
                      FeedCase{FeedSyntax::rdfxml, HydraStyle::partial_collection_view},
                      FeedCase{FeedSyntax::rdfxml, HydraStyle::paged_collection},
                      FeedCase{FeedSyntax::jsonld, HydraStyle::partial_collection_view},
                      FeedCase{FeedSyntax::jsonld, HydraStyle::paged_collection},
                      FeedCase{FeedSyntax::ntriples, HydraStyle::partial_collection_view}),
    case_name);

TEST_F(DcatHarvestTest, AnUnchangedFeedRewritesNothing) {
    serve(250, {FeedSyntax::rdfxml, HydraStyle::partial_collection_view, 100, false});
    ASSERT_EQ(harvest().status, RunStatus::succeeded);
    const HarvestResult again = harvest();
    ASSERT_EQ(again.status, RunStatus::succeeded) << again.message;
    EXPECT_EQ(again.counts.added, 0);
    EXPECT_EQ(again.counts.updated, 0);
    EXPECT_EQ(again.counts.unchanged, 250);
    EXPECT_EQ(again.counts.pages, 3);
}

TEST_F(DcatHarvestTest, NotModifiedPagesAreSkippedAndTheirNextPageFollowed) {
    serve(250, {FeedSyntax::turtle, HydraStyle::paged_collection, 100, true});
    ASSERT_EQ(harvest().status, RunStatus::succeeded);
    const std::size_t before = m_feed->requests();
    const HarvestResult again = harvest();
    ASSERT_EQ(again.status, RunStatus::succeeded) << again.message;
    EXPECT_EQ(again.counts.unchanged, 250);
    EXPECT_EQ(again.counts.pages, 3);
    EXPECT_EQ(m_feed->requests() - before, 3u);
}

TEST_F(DcatHarvestTest, AChangedDatasetIsUpdatedAndARemovedOneDeprecated) {
    serve(250);
    ASSERT_EQ(harvest().status, RunStatus::succeeded);
    auto datasets = testsupport::generate_feed_datasets(250, 7, "kreis");
    datasets[10].title = "Geänderter Titel";
    datasets.erase(datasets.begin() + 200);
    m_feed->set_datasets(datasets);
    const HarvestResult r = harvest();
    ASSERT_EQ(r.status, RunStatus::succeeded) << r.message;
    EXPECT_EQ(r.counts.updated, 1);
    EXPECT_EQ(r.counts.deleted, 1);
    EXPECT_EQ(count(model::RecordStatus::deprecated), 1);
    catalog::Store store(m_config.database);
    EXPECT_EQ(store.find("https://opendata.kreis.example/dataset/kreis-000010")->dataset.display_title(),
              "Geänderter Titel");
}

TEST_F(DcatHarvestTest, ANextLinkBackToAReadPageFailsTheRunAndDeletesNothing) {
    serve(500);
    ASSERT_EQ(harvest().status, RunStatus::succeeded);
    DcatFeed* feed = m_feed.get();
    m_feed->set_override([feed](const HttpRequest&, std::int64_t page) -> std::optional<HttpResponse> {
        if (page != 3) return std::nullopt;
        testsupport::FeedPage p;
        p.page_url = feed->page_url(3);
        p.first_url = feed->page_url(1);
        p.next_url = feed->page_url(2);  // back to page 2
        const auto datasets = testsupport::generate_feed_datasets(500, 7, "kreis");
        return HttpResponse::text(testsupport::render_feed_page(FeedSyntax::turtle, HydraStyle::partial_collection_view,
                                                                p, datasets, 200, 300),
                                  "text/turtle");
    });
    const HarvestResult r = harvest();
    EXPECT_EQ(r.status, RunStatus::failed);
    EXPECT_NE(r.message.find("already read as page 2"), std::string::npos) << r.message;
    EXPECT_NE(r.message.find("kreis"), std::string::npos) << r.message;
    EXPECT_EQ(count(), 500);
    EXPECT_EQ(count(model::RecordStatus::deprecated), 0);
}

TEST_F(DcatHarvestTest, APageIdenticalToAnEarlierOneFailsTheRun) {
    serve(500);
    DcatFeed* feed = m_feed.get();
    m_feed->set_override([feed](const HttpRequest&, std::int64_t page) -> std::optional<HttpResponse> {
        if (page < 2) return std::nullopt;
        // The portal ignores the page parameter from page 2 on: every later page repeats page 2.
        testsupport::FeedPage p;
        p.page_url = feed->page_url(2);
        p.first_url = feed->page_url(1);
        p.next_url = feed->page_url(3);
        const auto datasets = testsupport::generate_feed_datasets(500, 7, "kreis");
        return HttpResponse::text(testsupport::render_feed_page(FeedSyntax::turtle, HydraStyle::partial_collection_view,
                                                                p, datasets, 100, 200),
                                  "text/turtle");
    });
    const HarvestResult r = harvest();
    EXPECT_EQ(r.status, RunStatus::failed);
    EXPECT_NE(r.message.find("identical to page"), std::string::npos) << r.message;
}

TEST_F(DcatHarvestTest, MorePagesThanTotalItemsAllowFailsTheRun) {
    serve(250);  // 3 pages of 100
    DcatFeed* feed = m_feed.get();
    m_feed->set_override([feed](const HttpRequest&, std::int64_t page) -> std::optional<HttpResponse> {
        if (page < 3) return std::nullopt;
        // From page 3 on every page names one more: the feed never ends.
        testsupport::FeedPage p;
        p.page_url = feed->page_url(page);
        p.first_url = feed->page_url(1);
        p.next_url = feed->page_url(page + 1);
        p.total_items = 250;
        const auto datasets = testsupport::generate_feed_datasets(250, 7, "kreis");
        return HttpResponse::text(testsupport::render_feed_page(FeedSyntax::turtle, HydraStyle::partial_collection_view,
                                                                p, datasets, 200, 250),
                                  "text/turtle");
    });
    const HarvestResult r = harvest();
    EXPECT_EQ(r.status, RunStatus::failed);
    EXPECT_NE(r.message.find("announced 250 datasets"), std::string::npos) << r.message;
    EXPECT_LE(m_feed->requests(), 4u);
    EXPECT_EQ(count(model::RecordStatus::deprecated), 0);
}

TEST_F(DcatHarvestTest, A404OnPage3Of5KeepsPages1And2AndDeletesNothing) {
    serve(500);
    ASSERT_EQ(harvest().status, RunStatus::succeeded);
    auto datasets = testsupport::generate_feed_datasets(500, 7, "kreis");
    datasets[5].title = "Neu auf Seite 1";
    datasets[150].title = "Neu auf Seite 2";
    m_feed->set_datasets(datasets);
    m_feed->set_override([](const HttpRequest&, std::int64_t page) -> std::optional<HttpResponse> {
        if (page == 3) return HttpResponse::text("<html><body>Not Found</body></html>", "text/html", 404);
        return std::nullopt;
    });
    const HarvestResult r = harvest();
    EXPECT_EQ(r.status, RunStatus::failed);
    EXPECT_NE(r.message.find("page 3"), std::string::npos) << r.message;
    EXPECT_NE(r.message.find("404"), std::string::npos) << r.message;
    EXPECT_EQ(r.counts.updated, 2);  // pages 1 and 2 were stored
    EXPECT_EQ(count(), 500);
    EXPECT_EQ(count(model::RecordStatus::deprecated), 0);
    catalog::Store store(m_config.database);
    EXPECT_EQ(store.find("https://opendata.kreis.example/dataset/kreis-000150")->dataset.display_title(),
              "Neu auf Seite 2");
}

TEST_F(DcatHarvestTest, AnHtmlPageWithStatus200FailsTheRunNamingTheUrl) {
    serve(250);
    ASSERT_EQ(harvest().status, RunStatus::succeeded);
    m_feed->set_override([](const HttpRequest&, std::int64_t page) -> std::optional<HttpResponse> {
        if (page == 2) return HttpResponse::text("<!DOCTYPE html><html><body>Wartung</body></html>", "text/html");
        return std::nullopt;
    });
    const HarvestResult r = harvest();
    EXPECT_EQ(r.status, RunStatus::failed);
    EXPECT_NE(r.message.find(m_feed->page_url(2)), std::string::npos) << r.message;
    EXPECT_NE(r.message.find("HTML"), std::string::npos) << r.message;
    EXPECT_EQ(count(), 250);
}

TEST_F(DcatHarvestTest, ATruncatedPageFailsWithLineAndColumn) {
    serve(250);
    DcatFeed* feed = m_feed.get();
    m_feed->set_override([feed](const HttpRequest&, std::int64_t page) -> std::optional<HttpResponse> {
        if (page != 2) return std::nullopt;
        testsupport::FeedPage p;
        p.page_url = feed->page_url(2);
        p.first_url = feed->page_url(1);
        p.next_url = feed->page_url(3);
        const auto datasets = testsupport::generate_feed_datasets(250, 7, "kreis");
        std::string body = testsupport::render_feed_page(FeedSyntax::turtle, HydraStyle::partial_collection_view, p,
                                                         datasets, 100, 200);
        body.resize(body.size() / 2);
        return HttpResponse::text(body, "text/turtle");
    });
    const HarvestResult r = harvest();
    EXPECT_EQ(r.status, RunStatus::failed);
    EXPECT_NE(r.message.find("is not valid turtle at line"), std::string::npos) << r.message;
    catalog::Store store(m_config.database);
    const auto errors = store.errors(std::nullopt, r.run_id, 0);
    ASSERT_FALSE(errors.empty());
    EXPECT_EQ(errors[0].url, m_feed->page_url(2));
    EXPECT_NE(errors[0].place.find("line"), std::string::npos) << errors[0].place;
}

TEST_F(DcatHarvestTest, IncrementalRunsSendModifiedSinceAndDeleteNothing) {
    serve(120);
    std::vector<std::string> targets;
    std::mutex mutex;
    m_feed->set_override([&](const HttpRequest& request, std::int64_t) -> std::optional<HttpResponse> {
        std::lock_guard lock(mutex);
        targets.push_back(request.target);
        return std::nullopt;
    });
    ASSERT_EQ(harvest(true).status, RunStatus::succeeded);
    m_feed->set_datasets(testsupport::generate_feed_datasets(100, 7, "kreis"));  // 20 gone
    const HarvestResult r = harvest(false);
    ASSERT_EQ(r.status, RunStatus::succeeded) << r.message;
    EXPECT_EQ(r.mode, RunMode::incremental);
    EXPECT_EQ(r.counts.deleted, 0);  // an incremental listing cannot show deletions
    std::lock_guard lock(mutex);
    ASSERT_GE(targets.size(), 3u);
    EXPECT_EQ(targets[0].find("modified_since"), std::string::npos);
    EXPECT_NE(targets[2].find("modified_since="), std::string::npos) << targets[2];
}

TEST_F(DcatHarvestTest, ContentTypeExtensionAndSniffingDecideTheSyntax) {
    // RDF/XML served as application/octet-stream at a URL without extension.
    const auto datasets = testsupport::generate_feed_datasets(3, 7, "kreis");
    testsupport::HttpServer server([&](const HttpRequest& request) {
        testsupport::FeedPage p;
        p.page_url = "http://127.0.0.1/feed";
        p.first_url = p.page_url;
        std::string body = testsupport::render_feed_page(FeedSyntax::rdfxml, HydraStyle::none, p, datasets, 0, 3);
        HttpResponse r = HttpResponse::text(body, "application/octet-stream");
        r.gzip = request.header("accept-encoding").find("gzip") != std::string::npos;
        return r;
    });
    m_config.sources.clear();
    SourceConfig s;
    s.name = "kreis";
    s.type = SourceType::dcat;
    s.url = server.base_url() + "/feed";
    m_config.sources.push_back(s);
    const HarvestResult r = harvest();
    ASSERT_EQ(r.status, RunStatus::succeeded) << r.message;
    EXPECT_EQ(r.counts.added, 3);
}

TEST_F(DcatHarvestTest, TheConfiguredFormatOverridesDetection) {
    serve(10, {FeedSyntax::turtle, HydraStyle::none, 100, false});
    m_config.sources[0].format = "jsonld";
    const HarvestResult r = harvest();
    EXPECT_EQ(r.status, RunStatus::failed);
    EXPECT_NE(r.message.find("is not valid jsonld"), std::string::npos) << r.message;
}

TEST_F(DcatHarvestTest, ADatasetOnTwoPagesIsStoredOnce) {
    serve(250);
    DcatFeed* feed = m_feed.get();
    m_feed->set_override([feed](const HttpRequest&, std::int64_t page) -> std::optional<HttpResponse> {
        if (page != 2) return std::nullopt;
        // Page 2 starts one dataset early: dataset 99 moved while the feed was paged.
        testsupport::FeedPage p;
        p.page_url = feed->page_url(2);
        p.first_url = feed->page_url(1);
        p.next_url = feed->page_url(3);
        const auto datasets = testsupport::generate_feed_datasets(250, 7, "kreis");
        return HttpResponse::text(testsupport::render_feed_page(FeedSyntax::turtle, HydraStyle::partial_collection_view,
                                                                p, datasets, 99, 200),
                                  "text/turtle");
    });
    const HarvestResult r = harvest();
    ASSERT_EQ(r.status, RunStatus::succeeded) << r.message;
    EXPECT_EQ(r.counts.added, 250);
    EXPECT_EQ(count(), 250);
}

}  // namespace
