// The feed of `ernte serve`, harvested by ernte's own DCAT harvester, gives
// back the catalogue it was made from, page by page in every syntax.

#include "catalog/api/server.hpp"
#include "catalog/api/service.hpp"
#include "catalog/vocab.hpp"
#include "tests/support/feed_catalogue.hpp"
#include "tests/support/record_compare.hpp"
#include "tests/support/tools.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

using namespace ernte;
namespace fs = std::filesystem;

namespace {

const catalog::Vocabularies& vocabularies() {
    static const catalog::Vocabularies vocab = catalog::Vocabularies::load(ERNTE_SOURCE_DIR "/schemas/vocab");
    return vocab;
}

std::string read_fixture(const std::string& relative) {
    std::ifstream in(fs::path(ERNTE_TEST_DATA) / "fixtures" / relative, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

struct FeedCase {
    std::string fixture;
    std::string content_type;
    std::string feed;  ///< the feed address asked for, with its paging
};

class ServedFeed : public ::testing::TestWithParam<FeedCase> {};

TEST_P(ServedFeed, HarvestedAgainGivesTheSameCatalogue) {
    const FeedCase& c = GetParam();
    testsupport::FeedCatalogue original(read_fixture(c.fixture), c.content_type, "/source", vocabularies());
    const auto first = original.harvest();
    ASSERT_EQ(first.status, catalog::RunStatus::succeeded) << first.message;
    const auto records = original.records();
    ASSERT_GE(records.size(), 2u);

    catalog::api::ServiceOptions options;
    options.database = original.database();
    options.catalog.iri = "https://daten.example.org/catalog";
    options.catalog.title = "Katalog";
    catalog::api::Service service(options, vocabularies());
    catalog::api::ServerOptions server_options;
    server_options.port = 0;
    catalog::api::HttpServer server(server_options,
                                    [&](const catalog::api::Request& r) { return service.handle_request(r); });
    server.start();

    testsupport::FeedCatalogue downstream("", "text/plain", "/unused", vocabularies());
    const auto again = downstream.harvest_url("http://127.0.0.1:" + std::to_string(server.port()) + c.feed);
    ASSERT_EQ(again.status, catalog::RunStatus::succeeded) << again.message;
    EXPECT_GT(again.counts.pages, 1) << "the feed is read in pages";
    const auto read_back = downstream.records();
    ASSERT_EQ(read_back.size(), records.size());
    for (const auto& [iri, dataset] : records) {
        const auto it = read_back.find(iri);
        ASSERT_NE(it, read_back.end()) << iri;
        const auto a = testsupport::comparable_after_export(dataset);
        const auto b = testsupport::comparable_after_export(it->second);
        EXPECT_EQ(a, b) << iri << "\n" << testsupport::record_differences(a, b);
    }
}

// A page of the feed (a dataset, the catalogue node, Hydra paging) adds no
// failure of the official shapes to those the source record had.
TEST(ServedFeedShapes, APageAddsNoFailureToWhatTheSourceHad) {
    if (const std::string why = testsupport::shacl_validate_unavailable(); !why.empty()) GTEST_SKIP() << why;
    const std::string fixture = "GovDataOfficial__DCAT-AP.de-SHACL-Validation/testcases/v2.0_shapes/konventionen/perfect.ttl";
    std::string source_report;
    const auto in_source =
        testsupport::shape_violations(fs::path(ERNTE_TEST_DATA) / "fixtures" / fixture, false, &source_report);
    testsupport::FeedCatalogue original(read_fixture(fixture), "text/turtle", "/perfect.ttl", vocabularies());
    ASSERT_EQ(original.harvest().status, catalog::RunStatus::succeeded);
    catalog::api::ServiceOptions options;
    options.database = original.database();
    options.catalog.iri = "https://daten.example.org/catalog";
    options.catalog.title = "Katalog";
    options.catalog.description = "Ein Katalog zum Testen";
    options.catalog.publisher_name = "Testamt";
    options.public_url = "https://daten.example.org";
    catalog::api::Service service(options, vocabularies());
    for (const std::string target : {"/catalog.ttl?per_page=1", "/catalog.rdf?per_page=1&page=1"}) {
        const auto page = service.handle_request(catalog::api::Request::get(target));
        ASSERT_EQ(page.status, 200) << page.body;
        const fs::path file = fs::temp_directory_path() / ("ernte-feed-page-" + std::to_string(::getpid()) +
                                                          (target[9] == 't' ? ".ttl" : ".rdf"));
        std::ofstream(file, std::ios::binary) << page.body;
        std::string report;
        const auto violations = testsupport::shape_violations(file, false, &report);
        fs::remove(file);
        for (const auto& violation : violations)
            EXPECT_TRUE(in_source.contains(violation)) << target << " adds: " << violation << "\n" << report;
    }
}

INSTANTIATE_TEST_SUITE_P(
    Feeds, ServedFeed,
    ::testing::Values(
        FeedCase{"opendatateam__udata/udata/harvest/tests/dcat/esri.jsonld", "application/ld+json",
                 "/catalog.ttl?per_page=10"},
        FeedCase{"opendatateam__udata/udata/harvest/tests/dcat/esri.jsonld", "application/ld+json",
                 "/catalog.rdf?per_page=25"},
        FeedCase{"opendatateam__udata/udata/harvest/tests/dcat/esri.jsonld", "application/ld+json",
                 "/catalog.jsonld?per_page=30"},
        FeedCase{"GovDataOfficial__DCAT-AP.de/Releases/DCAT-AP.de_V2.0/examples/RDF-XML/dcat_ap_de-RefImp_RDF_ADVANCED.rdf",
                 "application/rdf+xml", "/catalog.rdf?per_page=1"}),
    [](const ::testing::TestParamInfo<FeedCase>& info) {
        return std::to_string(info.index) + "_" + info.param.feed.substr(9, info.param.feed.find('?') - 9);
    });

}  // namespace
