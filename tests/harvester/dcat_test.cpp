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

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
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

TEST(DcatFirstPageTest, RelativeIrisAreReadWithoutTheRunsModifiedSince) {
    const std::string since = "2024-05-01T00:00:00Z";
    EXPECT_EQ(dcat_base_iri("https://p.example/catalog.rdf?modified_since=2024-05-01T00%3A00%3A00Z", since),
              "https://p.example/catalog.rdf");
    EXPECT_EQ(dcat_base_iri("https://p.example/catalog.rdf?q=x&modified_since=2024-05-01T00%3A00%3A00Z", since),
              "https://p.example/catalog.rdf?q=x");
    // as a feed's own next link carries it on
    EXPECT_EQ(dcat_base_iri("https://p.example/catalog.rdf?modified_since=2024-05-01T00%3A00%3A00Z&page=2", since),
              "https://p.example/catalog.rdf?page=2");
    // encoded otherwise after a redirect
    EXPECT_EQ(dcat_base_iri("https://p.example/catalog.rdf?modified_since=2024-05-01T00:00:00Z", since),
              "https://p.example/catalog.rdf");
    // another date is the feed's own parameter; a full run has none
    EXPECT_EQ(dcat_base_iri("https://p.example/c.rdf?modified_since=2020-01-01", since),
              "https://p.example/c.rdf?modified_since=2020-01-01");
    EXPECT_EQ(dcat_base_iri("https://p.example/c.rdf?modified_since=2024-05-01T00%3A00%3A00Z", ""),
              "https://p.example/c.rdf?modified_since=2024-05-01T00%3A00%3A00Z");
    EXPECT_EQ(dcat_base_iri(dcat_first_page_url("https://p.example/c.rdf?q=x#top", since), since),
              "https://p.example/c.rdf?q=x#top");
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
        m_fetch_options.user_agent = user_agent(m_config);
        m_fetch_options.retries = 1;
        m_fetch_options.backoff_base = std::chrono::milliseconds(5);
        m_fetch_options.backoff_max = std::chrono::milliseconds(20);
        m_fetch_options.read_timeout = std::chrono::milliseconds(2000);
        m_fetcher = std::make_unique<Fetcher>(m_fetch_options);
    }

    /// Fetch with a body cap of `max_bytes` from now on.
    void set_size_cap(std::size_t max_bytes) {
        m_fetch_options.max_bytes = max_bytes;
        m_fetcher = std::make_unique<Fetcher>(m_fetch_options);
    }

    void TearDown() override {
        m_feed.reset();
        std::error_code ec;
        std::filesystem::remove_all(m_dir, ec);
    }

    void serve(std::size_t datasets, DcatFeed::Options options = {}) {
        options.per_page = options.per_page ? options.per_page : 100;
        m_syntax = options.syntax;
        m_feed = std::make_unique<DcatFeed>(testsupport::generate_feed_datasets(datasets, 7, "kreis"), options);
        use_source(m_feed->url());
    }

    /// The one source harvested: the DCAT feed at `url`.
    void use_source(const std::string& url) {
        m_config.sources.clear();
        SourceConfig s;
        s.name = "kreis";
        s.type = SourceType::dcat;
        s.url = url;
        m_config.sources.push_back(s);
    }

    /// A Turtle page of the served feed of `total` datasets as page `page`
    /// (its view's IRI), listing datasets [from, to) and naming `next` as the
    /// next page; `total_items` as hydra:totalItems (-1: none).
    std::string turtle_page(std::int64_t page, std::int64_t next, std::size_t total, std::size_t from, std::size_t to,
                            std::int64_t total_items = -1) const {
        testsupport::FeedPage p;
        p.page_url = m_feed->page_url(page);
        p.first_url = m_feed->page_url(1);
        p.next_url = m_feed->page_url(next);
        p.total_items = total_items;
        const auto datasets = testsupport::generate_feed_datasets(total, 7, "kreis");
        return testsupport::render_feed_page(FeedSyntax::turtle, HydraStyle::partial_collection_view, p, datasets, from,
                                             to);
    }

    HarvestResult harvest(bool full = true, std::int64_t max_warning_rows = 200) {
        HarvestEnvironment env;
        env.config = &m_config;
        env.fetcher = m_fetcher.get();
        env.vocab = &vocabularies();
        HarvestOptions options;
        options.force_full = full;
        options.max_warning_rows = max_warning_rows;
        return harvest_source(env, m_config.sources[0], options);
    }

    std::int64_t count(model::RecordStatus status = model::RecordStatus::active) {
        catalog::Store store(m_config.database);
        return store.count_datasets(status);
    }

    /// The run failed at `page` with a message that names the source, the
    /// page's URL and `problem`, and the catalogue is as the first harvest of
    /// `datasets` left it: all there, none deprecated, page 2's dataset 150
    /// with its first title.
    void expect_failed_and_kept(const HarvestResult& r, std::int64_t page, std::string_view problem,
                                std::size_t datasets = 250) {
        EXPECT_EQ(r.status, RunStatus::failed) << r.message;
        EXPECT_TRUE(r.message.starts_with("kreis: ")) << r.message;
        EXPECT_NE(r.message.find(m_feed->page_url(page)), std::string::npos) << r.message;
        EXPECT_NE(r.message.find(problem), std::string::npos) << r.message;
        EXPECT_NE(r.message.find("nothing was deleted"), std::string::npos) << r.message;
        EXPECT_EQ(r.counts.deleted, 0);
        EXPECT_EQ(count(), static_cast<std::int64_t>(datasets));
        EXPECT_EQ(count(model::RecordStatus::deprecated), 0);
        catalog::Store store(m_config.database);
        const auto kept = store.find("https://opendata.kreis.example/dataset/kreis-000150");
        ASSERT_TRUE(kept.has_value());
        EXPECT_EQ(kept->dataset.display_title(), testsupport::generate_feed_datasets(datasets, 7, "kreis")[150].title);
    }

    /// Serve `body` as page `page` from now on (the feed's Content-Type).
    void replace_page(std::int64_t page, std::string body, std::string content_type = {}) {
        if (content_type.empty()) content_type = std::string(testsupport::feed_content_type(m_syntax));
        m_feed->set_override([page, body = std::move(body), content_type](const HttpRequest&, std::int64_t n)
                                 -> std::optional<HttpResponse> {
            if (n != page) return std::nullopt;
            return HttpResponse::text(body, content_type);
        });
    }

    std::filesystem::path m_dir;
    Config m_config;
    FetchOptions m_fetch_options;
    FeedSyntax m_syntax = FeedSyntax::turtle;
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

TEST_F(DcatHarvestTest, ALastPageThatNamesItselfAsNextIsStoredBeforeTheRunFails) {
    serve(250);
    m_feed->set_override([this](const HttpRequest&, std::int64_t page) -> std::optional<HttpResponse> {
        if (page != 3) return std::nullopt;
        return HttpResponse::text(turtle_page(3, 3, 250, 200, 250), "text/turtle");  // names itself as next
    });
    const HarvestResult r = harvest();
    EXPECT_EQ(r.status, RunStatus::failed);
    EXPECT_NE(r.message.find("page 3 names " + m_feed->page_url(3) + " as the next page, which was already read as "
                             "page 3"),
              std::string::npos)
        << r.message;
    // The page's datasets are stored like those of the pages before it.
    EXPECT_EQ(r.counts.added, 250);
    EXPECT_EQ(count(), 250);
}

TEST_F(DcatHarvestTest, ANextLinkBackToAReadPageFailsTheRunAndDeletesNothing) {
    serve(500);
    ASSERT_EQ(harvest().status, RunStatus::succeeded);
    m_feed->set_override([this](const HttpRequest&, std::int64_t page) -> std::optional<HttpResponse> {
        if (page != 3) return std::nullopt;
        return HttpResponse::text(turtle_page(3, 2, 500, 200, 300), "text/turtle");  // back to page 2
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
    m_feed->set_override([this](const HttpRequest&, std::int64_t page) -> std::optional<HttpResponse> {
        if (page < 2) return std::nullopt;
        // The portal ignores the page parameter from page 2 on: every later page repeats page 2.
        return HttpResponse::text(turtle_page(2, 3, 500, 100, 200), "text/turtle");
    });
    const HarvestResult r = harvest();
    EXPECT_EQ(r.status, RunStatus::failed);
    EXPECT_NE(r.message.find("identical to page"), std::string::npos) << r.message;
}

class DcatServicesOnPagesTest : public DcatHarvestTest, public ::testing::WithParamInterface<HydraStyle> {};

// totalItems counts datasets. Data services listed beside them on the first
// page do not make the page larger, neither when the page is read nor when
// it is skipped as unchanged on the next run.
TEST_P(DcatServicesOnPagesTest, DataServicesBesideTheDatasetsDoNotCountAsPageSize) {
    serve(250, {FeedSyntax::turtle, GetParam(), 100, false});
    DcatFeed* feed = m_feed.get();
    m_feed->set_override([feed](const HttpRequest&, std::int64_t page) -> std::optional<HttpResponse> {
        if (page != 1) return std::nullopt;
        std::string body = feed->page_body(1);
        for (int i = 0; i < 30; ++i) {
            body += fmt::format(
                "\n<https://geo.kreis.example/service/{0}> a <http://www.w3.org/ns/dcat#DataService> ;\n"
                "  <http://purl.org/dc/terms/title> \"Kartendienst {0}\"@de ;\n"
                "  <http://www.w3.org/ns/dcat#endpointURL> <https://geo.kreis.example/wms/{0}> .\n",
                i);
        }
        return HttpResponse::text(body, "text/turtle");
    });
    const HarvestResult first = harvest();
    ASSERT_EQ(first.status, RunStatus::succeeded) << first.message;
    EXPECT_EQ(first.counts.pages, 3);
    EXPECT_EQ(first.counts.added, 280);
    const HarvestResult again = harvest();
    ASSERT_EQ(again.status, RunStatus::succeeded) << again.message;
    EXPECT_EQ(again.counts.pages, 3);
    EXPECT_EQ(again.counts.unchanged, 280);
}

INSTANTIATE_TEST_SUITE_P(BothVocabularies, DcatServicesOnPagesTest,
                         ::testing::Values(HydraStyle::partial_collection_view, HydraStyle::paged_collection),
                         [](const ::testing::TestParamInfo<HydraStyle>& info) {
                             return info.param == HydraStyle::paged_collection ? "PagedCollection"
                                                                               : "PartialCollectionView";
                         });

TEST_F(DcatHarvestTest, AFeedThatIgnoresThePageParameterFailsTheRunAndDeletesNothing) {
    serve(250);
    ASSERT_EQ(harvest().status, RunStatus::succeeded);
    m_feed->set_override([this](const HttpRequest&, std::int64_t page) -> std::optional<HttpResponse> {
        // No totalItems. Every page from 2 on lists the datasets of page 2,
        // but names the page asked for and a next one, so no two documents
        // are the same.
        const std::size_t from = page == 1 ? 0 : 100;
        return HttpResponse::text(turtle_page(page, page + 1, 250, from, from + 100), "text/turtle");
    });
    const HarvestResult r = harvest();
    EXPECT_EQ(r.status, RunStatus::failed);
    EXPECT_NE(r.message.find("pages 3 and 4 list only datasets already read"), std::string::npos) << r.message;
    EXPECT_NE(r.message.find("kreis"), std::string::npos) << r.message;
    EXPECT_LE(m_feed->requests(), 3u + 4u);  // the first run's three pages, then pages 1 to 4
    EXPECT_EQ(count(), 250);
    EXPECT_EQ(count(model::RecordStatus::deprecated), 0);
}

// Datasets that cannot be identified (no IRI, no dct:identifier) cannot be
// told apart from those of earlier pages: pages of them are not taken for
// a feed that ignores its page parameter.
TEST_F(DcatHarvestTest, PagesOfUnidentifiableDatasetsAreNotTakenForRepeats) {
    serve(250);
    DcatFeed* feed = m_feed.get();
    m_feed->set_override([feed](const HttpRequest&, std::int64_t page) -> std::optional<HttpResponse> {
        std::string body = "@prefix dcat: <http://www.w3.org/ns/dcat#> .\n@prefix dct: <http://purl.org/dc/terms/> .\n"
                           "@prefix hydra: <http://www.w3.org/ns/hydra/core#> .\n";
        body += "<" + feed->page_url(page) + "> a hydra:PartialCollectionView";
        if (page < 4) body += " ; hydra:next <" + feed->page_url(page + 1) + ">";
        body += " .\n[] a dcat:Dataset ; dct:title \"Ohne Kennung\"@de .\n";
        return HttpResponse::text(body, "text/turtle");
    });
    const HarvestResult r = harvest();
    EXPECT_EQ(r.counts.pages, 4) << r.message;
    EXPECT_EQ(r.counts.errors, 4);
    EXPECT_EQ(r.message.find("already read"), std::string::npos) << r.message;
}

TEST_F(DcatHarvestTest, MorePagesThanTotalItemsAllowFailsTheRun) {
    serve(250);  // 3 pages of 100
    m_feed->set_override([this](const HttpRequest&, std::int64_t page) -> std::optional<HttpResponse> {
        if (page < 3) return std::nullopt;
        // From page 3 on every page names one more: the feed never ends.
        return HttpResponse::text(turtle_page(page, page + 1, 250, 200, 250, 250), "text/turtle");
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
    EXPECT_TRUE(r.message.starts_with("kreis: ")) << r.message;
    EXPECT_NE(r.message.find(m_feed->page_url(2)), std::string::npos) << r.message;
    EXPECT_NE(r.message.find("HTML"), std::string::npos) << r.message;
    EXPECT_EQ(count(), 250);
    EXPECT_EQ(count(model::RecordStatus::deprecated), 0);
}

TEST_F(DcatHarvestTest, ATruncatedPageFailsWithLineAndColumn) {
    serve(250);
    ASSERT_EQ(harvest().status, RunStatus::succeeded);
    m_feed->set_override([this](const HttpRequest&, std::int64_t page) -> std::optional<HttpResponse> {
        if (page != 2) return std::nullopt;
        std::string body = turtle_page(2, 3, 250, 100, 200);
        body.resize(body.size() / 2);
        return HttpResponse::text(body, "text/turtle");
    });
    const HarvestResult r = harvest();
    expect_failed_and_kept(r, 2, "is not valid turtle at line");
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

TEST_F(DcatHarvestTest, RelativeIrisNameTheSameDatasetsInFullAndIncrementalRuns) {
    // A feed without @base, with relative dataset IRIs and an empty access URL.
    testsupport::HttpServer server([&](const HttpRequest&) {
        std::string body = "@prefix dcat: <http://www.w3.org/ns/dcat#> .\n@prefix dct: <http://purl.org/dc/terms/> .\n";
        for (int i = 1; i <= 3; ++i) {
            body += fmt::format("<#ds-{0}> a dcat:Dataset ; dct:identifier \"ds-{0}\" ; dct:title \"Datensatz {0}\"@de ;\n"
                                "  dcat:distribution [ a dcat:Distribution ; dcat:accessURL <> ] .\n",
                                i);
        }
        return HttpResponse::text(body, "text/turtle");
    });
    const std::string url = server.base_url() + "/catalog.ttl";
    use_source(url);
    HarvestResult r = harvest(true);
    ASSERT_EQ(r.status, RunStatus::succeeded) << r.message;
    EXPECT_EQ(r.counts.added, 3);
    r = harvest(false);
    ASSERT_EQ(r.status, RunStatus::succeeded) << r.message;
    EXPECT_EQ(r.mode, RunMode::incremental);
    EXPECT_EQ(r.counts.added, 0);
    EXPECT_EQ(r.counts.updated, 0);
    EXPECT_EQ(r.counts.unchanged, 3);
    catalog::Store store(m_config.database);
    const auto record = store.find(url + "#ds-2");
    ASSERT_TRUE(record);
    ASSERT_EQ(record->dataset.distributions.size(), 1u);
    EXPECT_EQ(record->dataset.distributions[0].access_urls, std::vector<std::string>{url});
    EXPECT_EQ(count(), 3);
    // A full run again finds the same three, and deletes none.
    r = harvest(true);
    ASSERT_EQ(r.status, RunStatus::succeeded) << r.message;
    EXPECT_EQ(r.counts.unchanged, 3);
    EXPECT_EQ(r.counts.deleted, 0);
    EXPECT_EQ(r.counts.deletions_withheld, 0);
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
    use_source(server.base_url() + "/feed");
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
    m_feed->set_override([this](const HttpRequest&, std::int64_t page) -> std::optional<HttpResponse> {
        if (page != 2) return std::nullopt;
        // Page 2 starts one dataset early: dataset 99 moved while the feed was paged.
        return HttpResponse::text(turtle_page(2, 3, 250, 99, 200), "text/turtle");
    });
    const HarvestResult r = harvest();
    ASSERT_EQ(r.status, RunStatus::succeeded) << r.message;
    EXPECT_EQ(r.counts.added, 250);
    EXPECT_EQ(count(), 250);
}

// ------------------------------------------------------------------ hostile pages
// Each harvests the feed once, then again with one page broken: the run fails
// (or reads the page as documented), names the source, the URL and the
// problem, and the catalogue keeps everything it had.

class DcatFaultSyntaxTest : public DcatHarvestTest, public ::testing::WithParamInterface<FeedSyntax> {};

std::string syntax_name(const ::testing::TestParamInfo<FeedSyntax>& info) {
    return std::string(testsupport::feed_extension(info.param));
}

TEST_P(DcatFaultSyntaxTest, InvalidUtf8OnAPageFailsTheRunAtItsLineAndColumn) {
    serve(250, {GetParam(), HydraStyle::partial_collection_view, 100, false});
    ASSERT_EQ(harvest().status, RunStatus::succeeded);
    // Bytes FF FE inside the title of dataset 150, the first on page 2.
    std::string body = m_feed->page_body(2);
    const std::string title = testsupport::generate_feed_datasets(250, 7, "kreis")[150].title;
    const std::size_t at = body.find(title);
    ASSERT_NE(at, std::string::npos) << title;
    body.insert(at + title.find("Nr. ") + 4, "\xFF\xFE");
    replace_page(2, body);
    const HarvestResult r = harvest();
    const std::string_view syntax = GetParam() == FeedSyntax::rdfxml ? "rdfxml"
                                    : GetParam() == FeedSyntax::jsonld ? "jsonld"
                                    : GetParam() == FeedSyntax::ntriples ? "ntriples"
                                                                         : "turtle";
    // Each reader names the problem its way (RapidJSON's words for JSON-LD).
    const std::string_view problem = GetParam() == FeedSyntax::rdfxml ? "invalid UTF-8: byte 0xFF at byte offset"
                                     : GetParam() == FeedSyntax::jsonld ? "Invalid encoding in string"
                                                                        : "invalid UTF-8 start 0xFF";
    expect_failed_and_kept(r, 2, std::string("is not valid ") + std::string(syntax) + " at line ");
    EXPECT_NE(r.message.find(problem), std::string::npos) << r.message;
    const std::string line = std::to_string(1 + std::count(body.begin(), body.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
    EXPECT_NE(r.message.find("at line " + line + ", column "), std::string::npos) << r.message;
    catalog::Store store(m_config.database);
    const auto errors = store.errors(std::nullopt, r.run_id, 0);
    ASSERT_FALSE(errors.empty());
    EXPECT_EQ(errors[0].url, m_feed->page_url(2));
}

TEST_P(DcatFaultSyntaxTest, AnEmptyFeedWithholdsDeletions) {
    serve(250, {GetParam(), HydraStyle::partial_collection_view, 100, false});
    ASSERT_EQ(harvest().status, RunStatus::succeeded);
    // A valid document: the catalogue node and its paging, no dataset.
    m_feed->set_datasets({});
    const HarvestResult r = harvest();
    EXPECT_EQ(r.status, RunStatus::partial) << r.message;
    EXPECT_EQ(r.counts.pages, 1);
    EXPECT_EQ(r.counts.deleted, 0);
    EXPECT_EQ(r.counts.deletions_withheld, 250);
    EXPECT_NE(r.message.find("kreis: deletions withheld: the source (" + m_feed->url() +
                             ") no longer lists 250 of its 250 datasets"),
              std::string::npos)
        << r.message;
    EXPECT_EQ(count(), 250);
    EXPECT_EQ(count(model::RecordStatus::deprecated), 0);
}

INSTANTIATE_TEST_SUITE_P(Syntaxes, DcatFaultSyntaxTest,
                         ::testing::Values(FeedSyntax::rdfxml, FeedSyntax::turtle, FeedSyntax::jsonld,
                                           FeedSyntax::ntriples),
                         syntax_name);

TEST_F(DcatHarvestTest, AnXmlEntityBombFailsItsPageAndNothingIsLost) {
    serve(250, {FeedSyntax::rdfxml, HydraStyle::partial_collection_view, 100, false});
    ASSERT_EQ(harvest().status, RunStatus::succeeded);
    // tests/data/fuzz/rdfxml/billion-laughs.rdf's DOCTYPE, with &e; as dataset 150's title.
    std::string body = m_feed->page_body(2);
    const std::string title = testsupport::generate_feed_datasets(250, 7, "kreis")[150].title;
    ASSERT_TRUE(body.starts_with("<?xml"));
    body.replace(body.find(title), title.size(), "&e;");
    std::string doctype = "<!DOCTYPE rdf:RDF [\n <!ENTITY a \"" + std::string(64, 'a') + "\">\n";
    for (const char* level : {"b", "c", "d", "e"}) {
        const std::string previous(1, static_cast<char>(level[0] - 1));
        std::string references;
        for (int i = 0; i < 16; ++i) references += "&" + previous + ";";
        doctype += " <!ENTITY " + std::string(level) + " \"" + references + "\">\n";
    }
    doctype += "]>\n";
    body.insert(body.find("?>") + 3, doctype);
    replace_page(2, body);
    const HarvestResult r = harvest();
    // 64 * 16^4 bytes of 'a' would be 4 MiB: the page is refused before that.
    expect_failed_and_kept(r, 2, "is not valid rdfxml at line ");
    EXPECT_NE(r.message.find("(an entity bomb?)"), std::string::npos) << r.message;
}

TEST_F(DcatHarvestTest, DeclaredXmlEntitiesAreExpanded) {
    serve(250, {FeedSyntax::rdfxml, HydraStyle::partial_collection_view, 100, false});
    ASSERT_EQ(harvest().status, RunStatus::succeeded);
    // Dataset 150's title through two entities, one built from the other.
    std::string body = m_feed->page_body(2);
    const std::string title = testsupport::generate_feed_datasets(250, 7, "kreis")[150].title;
    body.replace(body.find(title), title.size(), "&title;");
    body.insert(body.find("?>") + 3, "<!DOCTYPE rdf:RDF [ <!ENTITY kreis \"Kreis &amp; Stadt\"> "
                                     "<!ENTITY title \"Neu: &kreis;\"> ]>\n");
    replace_page(2, body);
    const HarvestResult r = harvest();
    ASSERT_EQ(r.status, RunStatus::succeeded) << r.message;
    EXPECT_EQ(r.counts.updated, 1);
    EXPECT_EQ(r.warnings, 0) << r.message;
    EXPECT_EQ(count(), 250);
    catalog::Store store(m_config.database);
    EXPECT_EQ(store.find("https://opendata.kreis.example/dataset/kreis-000150")->dataset.display_title(),
              "Neu: Kreis & Stadt");
}

TEST_F(DcatHarvestTest, PageWarningsKeptWithARunAreBounded) {
    serve(250, {FeedSyntax::rdfxml, HydraStyle::partial_collection_view, 100, false});
    std::vector<std::string> bodies;
    for (int page = 1; page <= 3; ++page) {
        bodies.push_back(m_feed->page_body(page));
        bodies.back().insert(bodies.back().find("?>") + 3, "<!DOCTYPE rdf:RDF [ <!ENTITY e SYSTEM \"e.txt\"> ]>\n");
    }
    m_feed->set_override([bodies](const HttpRequest&, std::int64_t n) -> std::optional<HttpResponse> {
        return HttpResponse::text(bodies.at(static_cast<std::size_t>(n - 1)),
                                  std::string(testsupport::feed_content_type(FeedSyntax::rdfxml)));
    });
    const HarvestResult r = harvest(true, 2);
    ASSERT_EQ(r.status, RunStatus::succeeded) << r.message;
    EXPECT_EQ(count(), 250);
    EXPECT_EQ(r.warnings, 3) << r.message;
    EXPECT_NE(r.message.find("3 warning(s)"), std::string::npos) << r.message;
    EXPECT_NE(r.message.find("the first 2 are kept there"), std::string::npos) << r.message;
    catalog::Store store(m_config.database);
    const auto rows = store.errors(std::nullopt, r.run_id, 0);
    ASSERT_EQ(rows.size(), 2u);
    std::set<std::string> urls;
    for (const auto& row : rows) {
        EXPECT_EQ(row.stage, "warning");
        urls.insert(row.url);
    }
    EXPECT_EQ(urls, (std::set<std::string>{m_feed->page_url(1), m_feed->page_url(2)}));

    // Pages that did not change are not read again: their warnings stand with
    // the run that read them.
    const HarvestResult again = harvest();
    ASSERT_EQ(again.status, RunStatus::succeeded) << again.message;
    EXPECT_EQ(again.warnings, 0);
    EXPECT_TRUE(store.errors(std::nullopt, again.run_id, 0).empty());
}

TEST_F(DcatHarvestTest, AnXmlExternalEntityIsNeverRead) {
    serve(250, {FeedSyntax::rdfxml, HydraStyle::partial_collection_view, 100, false});
    ASSERT_EQ(harvest().status, RunStatus::succeeded);
    // A file that exists, named by a SYSTEM entity used as a title and a description.
    const std::filesystem::path secret = m_dir / "secret.txt";
    const std::string marker = "geheim-4711-nicht-lesen";
    {
        std::ofstream out(secret);
        out << marker << "\n";
    }
    std::string body = m_feed->page_body(2);
    const auto datasets = testsupport::generate_feed_datasets(250, 7, "kreis");
    body.replace(body.find(datasets[150].title), datasets[150].title.size(), "&xxe;");
    body.replace(body.find(datasets[151].description), datasets[151].description.size(), "&xxe;");
    body.insert(body.find("?>") + 3, "<!DOCTYPE rdf:RDF [ <!ENTITY xxe SYSTEM \"file://" + secret.string() + "\"> ]>\n");
    replace_page(2, body);
    const HarvestResult r = harvest();
    ASSERT_EQ(r.status, RunStatus::succeeded) << r.message;
    EXPECT_EQ(count(), 250);
    EXPECT_EQ(count(model::RecordStatus::deprecated), 0);
    catalog::Store store(m_config.database);
    const auto d150 = store.find("https://opendata.kreis.example/dataset/kreis-000150");
    ASSERT_TRUE(d150.has_value());
    EXPECT_EQ(d150->dataset.display_title(), "&xxe;");
    // The file's content is nowhere: not in a record, not in its raw statements, not in the run.
    for (const char* key : {"kreis-000150", "kreis-000151"}) {
        const auto record = store.find(std::string("https://opendata.kreis.example/dataset/") + key);
        ASSERT_TRUE(record.has_value());
        EXPECT_EQ(model::to_json(record->dataset).find(marker), std::string::npos) << key;
        for (const auto& [source, raw] : store.raw_records(record->id)) {
            EXPECT_EQ(raw.find(marker), std::string::npos) << key;
            EXPECT_NE(raw.find("\"&xxe;\""), std::string::npos) << raw;
        }
    }
    EXPECT_EQ(r.message.find(marker), std::string::npos) << r.message;
    // The declaration is a warning of the run (the page declares no entity
    // that is expanded, so its references are not looked at).
    EXPECT_EQ(r.warnings, 1) << r.message;
    const auto rows = store.errors(std::nullopt, r.run_id, 0);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].stage, "warning");
    EXPECT_EQ(rows[0].url, m_feed->page_url(2));
    EXPECT_TRUE(rows[0].place.starts_with("line 2, column 21")) << rows[0].place;
    EXPECT_TRUE(rows[0].message.ends_with("the DOCTYPE declares the external entity 'xxe' (SYSTEM \"file://" +
                                          secret.string() + "\"); it is never read, references to it stay as written"))
        << rows[0].message;
}

TEST_F(DcatHarvestTest, PagesNestedVeryDeeplyFailTheRunInEverySyntax) {
    for (const FeedSyntax syntax : {FeedSyntax::rdfxml, FeedSyntax::turtle, FeedSyntax::jsonld}) {
        SCOPED_TRACE(std::string(testsupport::feed_extension(syntax)));
        std::filesystem::remove(m_config.database);
        serve(250, {syntax, HydraStyle::partial_collection_view, 100, false});
        ASSERT_EQ(harvest().status, RunStatus::succeeded);
        // 100,000 levels on page 2.
        constexpr int levels = 100000;
        std::string body = m_feed->page_body(2);
        std::string deep;
        if (syntax == FeedSyntax::rdfxml) {
            for (int i = 0; i < levels / 2; ++i) deep += "<rdf:Description><dct:relation>";
            for (int i = 0; i < levels / 2; ++i) deep += "</dct:relation></rdf:Description>";
            body.insert(body.rfind("</rdf:RDF>"), deep);
        } else if (syntax == FeedSyntax::turtle) {
            deep = "<http://x.example/deep> <http://x.example/p> ";
            for (int i = 0; i < levels; ++i) deep += "[ <http://x.example/p> ";
            deep += "<http://x.example/end> ";
            for (int i = 0; i < levels; ++i) deep += "] ";
            body += deep + ".\n";
        } else {
            deep = R"({"@id": "http://x.example/deep", "http://x.example/p": )";
            for (int i = 0; i < levels; ++i) deep += R"({"http://x.example/p": )";
            deep += R"({"@id": "http://x.example/end"})";
            deep += std::string(levels + 1, '}');
            body = R"({"@graph": [)" + body + ", " + deep + "]}";
        }
        replace_page(2, body);
        const HarvestResult r = harvest();
        expect_failed_and_kept(r, 2, "nested deeper than");
        EXPECT_NE(r.message.find(" at line "), std::string::npos) << r.message;
    }
}

TEST_F(DcatHarvestTest, ARemoteJsonLdContextFailsThePageAsUnreadableNotInvalid) {
    serve(250, {FeedSyntax::jsonld, HydraStyle::partial_collection_view, 100, false});
    ASSERT_EQ(harvest().status, RunStatus::succeeded);
    replace_page(2, "{\"@context\": \"https://example.org/context.jsonld\",\n \"@graph\": [" + m_feed->page_body(2) + "]}");
    const HarvestResult r = harvest();
    expect_failed_and_kept(r, 2, "cannot be read as jsonld at line 1, column 14: remote @context "
                                 "<https://example.org/context.jsonld> is not fetched at harvest time; known contexts: ");
    EXPECT_EQ(r.message.find("is not valid"), std::string::npos) << r.message;
}

TEST_F(DcatHarvestTest, AGzipBombStopsAtTheSizeCap) {
    serve(250);
    set_size_cap(1u << 20);
    ASSERT_LT(m_feed->page_body(1).size(), 1u << 20);
    ASSERT_EQ(harvest().status, RunStatus::succeeded);
    static const std::string bomb = testsupport::gzip_repeated(' ', 64u << 20);
    m_feed->set_override([](const HttpRequest&, std::int64_t page) -> std::optional<HttpResponse> {
        if (page != 2) return std::nullopt;
        HttpResponse response = HttpResponse::text(bomb, "text/turtle");
        response.headers.emplace_back("Content-Encoding", "gzip");
        return response;
    });
    const HarvestResult r = harvest();
    expect_failed_and_kept(r, 2, "the body exceeded the size cap of 1 MiB (counted after decompression)");
}

// A feed published as a gzip file (catalog.ttl.gz, served as
// application/gzip rather than with a Content-Encoding) is unpacked.
TEST_F(DcatHarvestTest, APageServedAsAGzipFileIsUnpacked) {
    serve(250);
    DcatFeed* feed = m_feed.get();
    m_feed->set_override([feed](const HttpRequest&, std::int64_t page) -> std::optional<HttpResponse> {
        if (page != 2) return std::nullopt;
        return HttpResponse::text(testsupport::gzip_compress(feed->page_body(2)), "application/gzip");
    });
    const HarvestResult r = harvest();
    ASSERT_EQ(r.status, RunStatus::succeeded) << r.message;
    EXPECT_EQ(r.counts.pages, 3);  // page 2's next link was read from the unpacked page
    EXPECT_EQ(count(), 250);
}

TEST_F(DcatHarvestTest, ABrokenOrHugeGzipFileFailsTheRun) {
    serve(250);
    set_size_cap(1u << 20);
    ASSERT_EQ(harvest().status, RunStatus::succeeded);
    const std::string packed = testsupport::gzip_compress(m_feed->page_body(2));
    replace_page(2, packed.substr(0, packed.size() / 2), "application/gzip");
    HarvestResult r = harvest();
    expect_failed_and_kept(r, 2, "is a gzip file that cannot be read: the gzip file ends early");

    // Small on the wire, 64 MiB unpacked: stops at the size cap.
    replace_page(2, testsupport::gzip_repeated(' ', 64u << 20), "application/gzip");
    r = harvest();
    expect_failed_and_kept(r, 2, "is a gzip file that cannot be read: unpacked, it is larger than the limit of 1 MiB");
}

TEST_F(DcatHarvestTest, ABodyOverTheSizeCapFailsTheRun) {
    serve(250);
    set_size_cap(1u << 20);
    ASSERT_LT(m_feed->page_body(1).size(), 1u << 20);
    ASSERT_EQ(harvest().status, RunStatus::succeeded);
    std::string body = m_feed->page_body(2);
    while (body.size() <= (1u << 20)) body += "# padding padding padding padding padding padding padding\n";
    replace_page(2, body);
    const HarvestResult r = harvest();
    expect_failed_and_kept(r, 2, "exceeds the size cap of 1 MiB");
}

TEST_F(DcatHarvestTest, AServerErrorOnAPageIsRetriedThenFailsTheRun) {
    serve(250);
    ASSERT_EQ(harvest().status, RunStatus::succeeded);
    for (const int status : {500, 503}) {
        SCOPED_TRACE(status);
        std::atomic<int> attempts{0};
        m_feed->set_override([&](const HttpRequest&, std::int64_t page) -> std::optional<HttpResponse> {
            if (page != 2) return std::nullopt;
            ++attempts;
            return HttpResponse::text("<html><body>Fehler</body></html>", "text/html", status);
        });
        const HarvestResult r = harvest();
        expect_failed_and_kept(r, 2, "HTTP " + std::to_string(status));
        EXPECT_NE(r.message.find("gave up after 2 attempts"), std::string::npos) << r.message;
        EXPECT_EQ(attempts.load(), 2);  // the first attempt and the one retry the fixture allows
        m_feed->set_override({});
    }
}

}  // namespace
