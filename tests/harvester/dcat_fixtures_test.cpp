// Every RDF fixture from real portals and specifications (tests/data/fixtures)
// harvested as a one-page DCAT feed on loopback: it parses with the number of
// triples an independent parser counts (rapper; rdflib for JSON-LD) and
// harvests with warnings rather than failures, or the run fails with a message
// naming the place. Then the round trip: what was harvested, exported in each
// syntax and harvested again gives the same records.

#include "catalog/export.hpp"
#include "catalog/normalize_dcat.hpp"
#include "catalog/rdf.hpp"
#include "catalog/store.hpp"
#include "catalog/vocab.hpp"
#include "harvester/dcat.hpp"
#include "harvester/harvest_run.hpp"
#include "tests/support/feed_catalogue.hpp"
#include "tests/support/http_server.hpp"
#include "tests/support/record_compare.hpp"
#include "tests/support/tools.hpp"

#include <gtest/gtest.h>

#include <rapidjson/document.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <regex>
#include <set>
#include <cstring>
#include <sstream>

using namespace ernte;
using namespace ernte::harvester;
using catalog::RunStatus;
using testsupport::HttpRequest;
using testsupport::HttpResponse;
using testsupport::HttpServer;
namespace fs = std::filesystem;
namespace rdf = catalog::rdf;

namespace {

const fs::path k_fixtures = fs::path(ERNTE_TEST_DATA) / "fixtures";

const catalog::Vocabularies& vocabularies() {
    static const catalog::Vocabularies vocab = catalog::Vocabularies::load(ERNTE_SOURCE_DIR "/schemas/vocab");
    return vocab;
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

rdf::Syntax syntax_of(const fs::path& file) {
    const std::string ext = file.extension().string();
    if (ext == ".json") return rdf::Syntax::jsonld;
    return rdf::syntax_from_url(file.string());
}

std::vector<std::string> fixture_files() {
    std::vector<std::string> out;
    for (const auto& entry : fs::recursive_directory_iterator(k_fixtures)) {
        if (!entry.is_regular_file() || entry.path().filename() == "README.md") continue;
        if (syntax_of(entry.path()) == rdf::Syntax::unknown) continue;
        out.push_back(fs::relative(entry.path(), k_fixtures).generic_string());
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::pair<std::string, int> run(const std::string& command) {
    const auto r = testsupport::run_command(command);
    return {r.output, r.exit_code};
}

/// The triples Raptor's rapper counts in an RDF/XML, Turtle or N-Triples
/// file, or nullopt when it rejects the file. (JSON-LD, which rapper does not
/// read, is compared statement by statement with rdflib in jsonld_reader_test.)
std::optional<long> rapper_count(const fs::path& file, rdf::Syntax syntax, const std::string& base,
                                 std::string* tool_output) {
    const char* name = syntax == rdf::Syntax::rdfxml ? "rdfxml" : syntax == rdf::Syntax::turtle ? "turtle" : "ntriples";
    const auto [output, status] = run(std::string("rapper -i ") + name + " -c '" + file.string() + "' '" + base + "'");
    *tool_output = output;
    static const std::regex count(R"(returned (\d+) triples?)");
    std::smatch m;
    if (status == 0 && std::regex_search(output, m, count)) return std::stol(m[1]);
    return std::nullopt;
}

bool rapper_available() { return run("rapper --version").second == 0; }

std::string content_type(rdf::Syntax syntax) {
    switch (syntax) {
    case rdf::Syntax::rdfxml: return "application/rdf+xml";
    case rdf::Syntax::turtle: return "text/turtle";
    case rdf::Syntax::ntriples: return "application/n-triples";
    case rdf::Syntax::jsonld: return "application/ld+json";
    case rdf::Syntax::unknown: break;
    }
    return "application/octet-stream";
}

/// A fresh catalogue and a one-page feed serving a document.
class Harvester : public testsupport::FeedCatalogue {
public:
    Harvester(std::string body, std::string type, std::string path)
        : FeedCatalogue(std::move(body), std::move(type), std::move(path), vocabularies()) {}
};

class DcatFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(DcatFixture, ParsesAsAnIndependentParserDoesAndHarvests) {
    const fs::path file = k_fixtures / GetParam();
    const rdf::Syntax syntax = syntax_of(file);
    const std::string body = read_file(file);
    const std::string path = "/" + file.filename().string();
    Harvester harvester(body, content_type(syntax), path);
    const std::string base = harvester.url();

    // What ernte's reader makes of the document.
    rdf::Graph graph;
    rdf::ReadOptions options;
    options.base_iri = base;
    const rdf::ParseResult parsed = rdf::read(syntax, body, options, [&](const rdf::Triple& t) { graph.add(t); });

    if (syntax != rdf::Syntax::jsonld && rapper_available()) {
        std::string tool_output;
        const auto expected = rapper_count(file, syntax, base, &tool_output);
        if (expected) {
            EXPECT_TRUE(parsed.ok) << "the independent parser reads it, ernte does not: " << parsed.description
                                   << " at line " << parsed.line << ", column " << parsed.column;
            if (parsed.ok) {
                EXPECT_EQ(static_cast<long>(parsed.triples), *expected) << tool_output;
            }
        } else {
            EXPECT_FALSE(parsed.ok) << "the independent parser rejects it, ernte does not:\n" << tool_output;
        }
    }

    const HarvestResult r = harvester.harvest();
    if (!parsed.ok) {
        EXPECT_EQ(r.status, RunStatus::failed);
        EXPECT_NE(r.message.find("fixture: page 1"), std::string::npos) << r.message;
        EXPECT_NE(r.message.find(base), std::string::npos) << r.message;
        if (parsed.line > 0) {
            EXPECT_NE(r.message.find(" at line " + std::to_string(parsed.line)), std::string::npos) << r.message;
        }
        return;
    }
    if (graph.empty()) {  // a context-only document and the like
        EXPECT_EQ(r.status, RunStatus::failed);
        EXPECT_NE(r.message.find("no RDF statements"), std::string::npos) << r.message;
        return;
    }
    const std::size_t resources = catalog::dcat_resources(graph).size();
    if (!read_hydra_paging(graph, base).next.empty()) {
        // The first page of a paged feed whose other pages are not served here:
        // page 1 is stored, the run fails at page 2 and deletes nothing.
        EXPECT_EQ(r.status, RunStatus::failed);
        EXPECT_NE(r.message.find("page 2"), std::string::npos) << r.message;
        // The errors count the failed page as well as records that could not be mapped.
        EXPECT_EQ(static_cast<std::size_t>(r.counts.added + r.counts.errors - 1), resources);
        return;
    }
    // A blank-node dataset without dct:identifier (DCAT-AP.de 2.0 example 23)
    // cannot be told apart from one run to the next: an error that names it,
    // and no deletions, rather than a dataset left out without a word.
    std::size_t unidentifiable = 0;
    for (const auto& resource : catalog::dcat_resources(graph)) {
        if (resource.kind == rdf::Term::Kind::blank &&
            graph.object(resource, "http://purl.org/dc/terms/identifier") == nullptr)
            ++unidentifiable;
    }
    if (unidentifiable > 0) {
        EXPECT_EQ(r.status, RunStatus::partial);
        EXPECT_NE(r.message.find("cannot be identified"), std::string::npos) << r.message;
        EXPECT_EQ(static_cast<std::size_t>(r.counts.errors), unidentifiable);
        EXPECT_EQ(static_cast<std::size_t>(r.counts.added + r.counts.errors), resources);
        return;
    }
    // Real data with its flaws harvests; what is wrong is a Note, not a failure.
    ASSERT_EQ(r.status, RunStatus::succeeded) << r.message;
    EXPECT_EQ(static_cast<std::size_t>(r.counts.added + r.counts.errors), resources);
    EXPECT_EQ(harvester.records().size(), static_cast<std::size_t>(r.counts.added));
}

TEST_P(DcatFixture, ExportedAndHarvestedAgainGivesTheSameRecords) {
    const fs::path file = k_fixtures / GetParam();
    const rdf::Syntax syntax = syntax_of(file);
    Harvester first(read_file(file), content_type(syntax), "/" + file.filename().string());
    const HarvestResult r = first.harvest();
    if (r.status != RunStatus::succeeded || r.counts.added == 0) {
        GTEST_SKIP() << "nothing harvested to export (see ParsesAsAnIndependentParserDoesAndHarvests): " << r.message;
    }
    const auto original = first.records();

    for (const std::string_view format : {"ttl", "rdfxml", "jsonld"}) {
        SCOPED_TRACE(std::string(format));
        const std::string exported = first.export_catalogue(format);
        const rdf::Syntax export_syntax = format == "ttl"      ? rdf::Syntax::turtle
                                          : format == "rdfxml" ? rdf::Syntax::rdfxml
                                                               : rdf::Syntax::jsonld;
        Harvester second(exported, content_type(export_syntax), "/catalog");
        const HarvestResult again = second.harvest();
        ASSERT_EQ(again.status, RunStatus::succeeded) << again.message;
        const auto read_back = second.records();
        ASSERT_EQ(read_back.size(), original.size());
        for (const auto& [iri, dataset] : original) {
            const auto it = read_back.find(iri);
            ASSERT_NE(it, read_back.end()) << iri;
            const auto a = testsupport::comparable_after_export(dataset);
            const auto b = testsupport::comparable_after_export(it->second);
            EXPECT_EQ(a, b) << iri << "\n" << testsupport::record_differences(a, b);
        }
    }
}

// ------------------------------------------------------------------ shapes

using testsupport::shape_violation_counts;
using testsupport::shape_violations;

struct ShapesCase {
    std::string fixture;
    std::string format;  ///< the export's syntax: ttl, rdfxml or jsonld
};

class DcatExportShapes : public ::testing::TestWithParam<ShapesCase> {};

// A record that arrived valid exports valid; one that arrived invalid gains no
// failure in the export (no kind of failure is found more often than in the
// source), and loses those the normalizer repairs.
TEST_P(DcatExportShapes, TheExportAddsNoFailureToWhatTheSourceHad) {
    if (const std::string why = testsupport::shacl_validate_unavailable(); !why.empty()) GTEST_SKIP() << why;
    const fs::path file = k_fixtures / GetParam().fixture;
    const rdf::Syntax syntax = syntax_of(file);
    Harvester harvester(read_file(file), content_type(syntax), "/" + file.filename().string());
    const HarvestResult r = harvester.harvest();
    ASSERT_EQ(r.status, RunStatus::succeeded) << r.message;

    const std::string& format = GetParam().format;
    const std::string extension = format == "rdfxml" ? ".rdf" : format == "jsonld" ? ".jsonld" : ".ttl";
    const fs::path exported =
        fs::temp_directory_path() / ("ernte-shapes-" + std::to_string(::getpid()) + extension);
    std::ofstream(exported) << harvester.export_catalogue(format);
    std::string source_report;
    std::string export_report;
    const auto in_source = shape_violation_counts(file, syntax == rdf::Syntax::rdfxml, &source_report);
    const auto in_export = shape_violation_counts(exported, false, &export_report);
    fs::remove(exported);
    // Explicit types and catalogue membership, which the export must write,
    // make the shapes look at nodes the source left untyped or unlisted. Two
    // defects of the records themselves become visible that way and are not
    // failures the export adds: a publisher's dct:type is checked against the
    // ADMS publisher-type list (which the validator does not load), and a data
    // service or series without the dct:publisher DCAT-AP.de 3.0 requires.
    const auto exposed_by_types = [](const std::string& violation) {
        return violation.find("#kv-adms-publisher") != std::string::npos ||
               violation.find("dcat:DataService: MUSS einen dcterms:publisher haben") != std::string::npos;
    };
    // The same defect, stated by another shape once the export writes what
    // DCAT-AP.de asks for: an agent the source did not type foaf:Agent (it
    // failed "MUSS auf ... foaf:Agent verweisen") is one in the export, so a
    // missing name fails foaf:name instead; an accessURL given as text (it
    // failed "MUSS auf eine Blank Node oder eine IRI verweisen") that is
    // empty cannot become an IRI and fails as missing. Such a failure may
    // take the place of one the source had and the export no longer has.
    const auto restated_from = [](const std::string& in_export_kind, const std::string& in_source_kind) {
        if (in_export_kind.find("foaf:Agent: foaf:name MUSS MINDESTEN einmal vorkommen.") != std::string::npos)
            return in_source_kind.find("foaf:Agent verweisen.") != std::string::npos;
        if (in_export_kind.find("dcat:Distribution: dcat:accessURL MUSS MINDESTEN einmal vorkommen.") != std::string::npos)
            return in_source_kind.find("dcat:Distribution: dcat:accessURL MUSS auf eine Blank Node oder eine IRI "
                                       "verweisen.") != std::string::npos;
        return false;
    };
    std::map<std::string, int> fixed;  // failures of the source the export no longer has
    for (const auto& [violation, count] : in_source) {
        const auto it = in_export.find(violation);
        const int after = it == in_export.end() ? 0 : it->second;
        if (count > after) fixed[violation] = count - after;
    }
    for (const auto& [violation, count] : in_export) {
        if (exposed_by_types(violation)) continue;
        const auto it = in_source.find(violation);
        const int before = it == in_source.end() ? 0 : it->second;
        int added = count - before;
        for (auto& [source_kind, left] : fixed) {
            if (added <= 0) break;
            if (!restated_from(violation, source_kind)) continue;
            const int taken = std::min(added, left);
            added -= taken;
            left -= taken;
        }
        EXPECT_LE(added, 0) << "the export adds: " << violation << " (" << count << " times, the source " << before
                            << ")\n"
                            << export_report;
    }
}

std::vector<ShapesCase> shapes_cases() {
    // German portals and the official examples; the export's syntax rotates
    // so that each is checked against the shapes on several records.
    const char* fixtures[] = {
        "GovDataOfficial__DCAT-AP.de-SHACL-Validation/testcases/dashboard/bremen-catalog-dataset-extracted.ttl",
        "GovDataOfficial__DCAT-AP.de-SHACL-Validation/testcases/dashboard/destatis-catalog-dataset-extracted.rdf",
        "GovDataOfficial__DCAT-AP.de-SHACL-Validation/testcases/dashboard/bremen-catalog-original-input.rdf",
        "GovDataOfficial__DCAT-AP.de-SHACL-Validation/testcases/dashboard/destatis-catalog-original-input.rdf",
        "GovDataOfficial__DCAT-AP.de-SHACL-Validation/testcases/v3.0_shapes/quicktest.ttl",
        "GovDataOfficial__DCAT-AP.de-SHACL-Validation/testcases/v3.0_shapes/deprecated.ttl",
        "GovDataOfficial__DCAT-AP.de-SHACL-Validation/testcases/v2.0_shapes/konventionen/perfect.ttl",
        "GovDataOfficial__DCAT-AP.de-SHACL-Validation/testcases/dataset-originator-maintainer-contributor-creator.ttl",
        "GovDataOfficial__DCAT-AP.de/Releases/DCAT-AP.de_V2.0/examples/RDF-TURTLE/dcat_ap_de-RefImp_TTL_ADVANCED.ttl",
        "GovDataOfficial__DCAT-AP.de/Releases/DCAT-AP.de_V2.0/examples/RDF-JSONLD/dcat_ap_de-RefImp_JSONLD_ADVANCED.jsonld",
        "GovDataOfficial__ckanext-dcatde/ckanext/dcatde/tests/resources/metadata_max_1_0.rdf",
        "GovDataOfficial__ckanext-dcatde/ckanext/dcatde/tests/resources/metadata_max.rdf",
        "BB-Open__pkan_dcatapde/src/pkan/dcatapde/tests/fixtures/potsdam.ttl",
        "ckan__ckanext-dcat/examples/dcat/dataset_gov_de.rdf",
        "code-schleswig-holstein__ckanext-odsh/ckanext/odsh/tests_tpsh/resources/collection1.rdf",
        "code-schleswig-holstein__ckanext-odsh/ckanext/odsh/tests/rdf_catalog.xml",
        "opendatateam__udata/udata/harvest/tests/dcat/udata.xml",
    };
    const char* formats[] = {"ttl", "rdfxml", "jsonld"};
    std::vector<ShapesCase> cases;
    for (std::size_t i = 0; i < std::size(fixtures); ++i) cases.push_back({fixtures[i], formats[i % 3]});
    return cases;
}

INSTANTIATE_TEST_SUITE_P(
    Fixtures, DcatExportShapes, ::testing::ValuesIn(shapes_cases()),
    [](const ::testing::TestParamInfo<ShapesCase>& info) {
        std::string name = fs::path(info.param.fixture).stem().string() + "_" + info.param.format;
        for (char& c : name)
            if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
        return name;
    });

TEST(DcatExportShapesRepairs, LanguageAndNamespaceFixesRemoveTheirFailures) {
    if (const std::string why = testsupport::shacl_validate_unavailable(); !why.empty()) GTEST_SKIP() << why;
    // Bremen's catalogue uses language/GER and the dcatde/1.0/ namespace.
    const fs::path file =
        k_fixtures / "GovDataOfficial__DCAT-AP.de-SHACL-Validation/testcases/dashboard/bremen-catalog-dataset-extracted.ttl";
    Harvester harvester(read_file(file), "text/turtle", "/bremen.ttl");
    ASSERT_EQ(harvester.harvest().status, RunStatus::succeeded);
    const fs::path exported = fs::temp_directory_path() / ("ernte-repairs-" + std::to_string(::getpid()) + ".ttl");
    std::ofstream(exported) << harvester.export_catalogue("ttl");
    std::string source_report;
    std::string export_report;
    const auto in_source = shape_violations(file, false, &source_report);
    const auto in_export = shape_violations(exported, false, &export_report);
    fs::remove(exported);
    const auto language_failures = [](const std::set<std::string>& violations) {
        return std::count_if(violations.begin(), violations.end(),
                             [](const std::string& v) { return v.find("language") != std::string::npos; });
    };
    EXPECT_GT(language_failures(in_source), 0) << source_report;
    EXPECT_EQ(language_failures(in_export), 0) << export_report;
    EXPECT_LT(in_export.size(), in_source.size()) << export_report;
}

// ------------------------------------------------------------------ a paged feed from udata's tests

TEST(DcatPagedFixture, BothPagesOfARealPagedCollectionAreHarvested) {
    for (const std::string style : {"paged-collection", "partial-collection"}) {
        SCOPED_TRACE(style);
        const fs::path dir = k_fixtures / "opendatateam__udata/udata/harvest/tests/dcat";
        const std::string page1 = read_file(dir / (style + "-1.jsonld"));
        const std::string page2 = read_file(dir / (style + "-2.jsonld"));
        // The pages name http://data.test.org/catalog.jsonld?page=N; serve them under our own address.
        std::string base;
        HttpServer server([&](const HttpRequest& request) {
            std::string body = request.query == "page=2" ? page2 : page1;
            for (std::size_t at = body.find("http://data.test.org/catalog.jsonld"); at != std::string::npos;
                 at = body.find("http://data.test.org/catalog.jsonld", at))
                body.replace(at, std::strlen("http://data.test.org/catalog.jsonld"), base);
            return HttpResponse::text(body, "application/ld+json");
        });
        base = server.base_url() + "/catalog.jsonld";
        Harvester harvester("", "", "/unused");
        const HarvestResult r = harvester.harvest_url(base + "?page=1");
        ASSERT_EQ(r.status, RunStatus::succeeded) << r.message;
        EXPECT_EQ(r.counts.pages, 2);
        EXPECT_EQ(harvester.records().size(), 4u);
    }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, DcatFixture, ::testing::ValuesIn(fixture_files()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                             std::string name = info.param;
                             for (char& c : name)
                                 if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                             return name;
                         });

}  // namespace
