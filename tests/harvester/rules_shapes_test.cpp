// The rule engine (catalog/rules.hpp) agrees with the official SHACL shapes.
// Fixtures from real portals and from GovData's validator test cases are
// harvested through a loopback feed; each record is exported alone as
// Turtle and compared with what shacl-validate reports for that file, per
// profile: dcat-ap-de for the DCAT-AP.de 3.0 rules, dcat-ap-de-2 for the
// conventions, govdata for the dashboard. Every rule ernte reports for a
// record must be reported by the validator, and every validator result that
// maps to a rule ernte implements must be reported by ernte; a result of a
// kind neither implemented nor listed as not implemented
// (quality::official_shapes()) fails.
//
// The validator's results are stored in tests/data/shapes (see its README),
// so this test needs no node. ERNTE_UPDATE_SHAPE_EXPECTATIONS=1 runs the
// validator and rewrites them.

#include "catalog/export.hpp"
#include "catalog/hash.hpp"
#include "catalog/rules.hpp"
#include "catalog/store.hpp"
#include "catalog/time.hpp"
#include "catalog/vocab.hpp"
#include "harvester/harvest_run.hpp"
#include "tests/support/feed_catalogue.hpp"
#include "tests/support/http_server.hpp"
#include "tests/support/tools.hpp"

#include <gtest/gtest.h>

#include <rapidjson/document.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <tuple>

using namespace ernte;
using namespace ernte::harvester;
using catalog::RunStatus;
using catalog::quality::Agreement;
using catalog::quality::Finding;
using catalog::quality::Profile;
using catalog::quality::Profiles;
using catalog::quality::Rule;
using catalog::quality::Severity;
using testsupport::HttpRequest;
using testsupport::HttpResponse;
using testsupport::HttpServer;
namespace fs = std::filesystem;
namespace quality = catalog::quality;

namespace {

const fs::path k_fixtures = fs::path(ERNTE_TEST_DATA) / "fixtures";
const fs::path k_expectations = fs::path(ERNTE_TEST_DATA) / "shapes";

/// The loopback feed's address is replaced by this in the exports, so that
/// the stored results do not depend on the port.
constexpr std::string_view k_stable_base = "http://fixture.example";

/// A fixture and the name of its expectation files.
struct Fixture {
    std::string_view name;
    std::string_view path;
};

constexpr std::array k_fixture_list = std::to_array<Fixture>({
    {"bremen-extracted",
     "GovDataOfficial__DCAT-AP.de-SHACL-Validation/testcases/dashboard/bremen-catalog-dataset-extracted.ttl"},
    {"db-tests-contributor",
     "GovDataOfficial__DCAT-AP.de-SHACL-Validation/testcases/dashboard/db-tests_contributor.ttl"},
    {"db-tests-keyword", "GovDataOfficial__DCAT-AP.de-SHACL-Validation/testcases/dashboard/db-tests_keyword.ttl"},
    {"v3-deprecated", "GovDataOfficial__DCAT-AP.de-SHACL-Validation/testcases/v3.0_shapes/deprecated.ttl"},
    {"v3-quicktest", "GovDataOfficial__DCAT-AP.de-SHACL-Validation/testcases/v3.0_shapes/quicktest.ttl"},
    {"v2-konv01", "GovDataOfficial__DCAT-AP.de-SHACL-Validation/testcases/v2.0_shapes/konventionen/konv01.ttl"},
    {"v2-konv12-13", "GovDataOfficial__DCAT-AP.de-SHACL-Validation/testcases/v2.0_shapes/konventionen/konv12_13.ttl"},
    {"v2-ranges", "GovDataOfficial__DCAT-AP.de-SHACL-Validation/testcases/v2.0_shapes/konventionen/ranges.ttl"},
    {"dataset-agents",
     "GovDataOfficial__DCAT-AP.de-SHACL-Validation/testcases/dataset-originator-maintainer-contributor-creator.ttl"},
    {"dataset-geocoding-level",
     "GovDataOfficial__DCAT-AP.de-SHACL-Validation/testcases/dataset-politicalGeocodingLevelURI.ttl"},
    {"potsdam", "BB-Open__pkan_dcatapde/src/pkan/dcatapde/tests/fixtures/potsdam.ttl"},
    {"ckanext-dcatde-metadata-max", "GovDataOfficial__ckanext-dcatde/ckanext/dcatde/tests/resources/metadata_max.rdf"},
    {"semic-dataset-data-service",
     "SEMICeu__DCAT-AP/releases/3.0.0-hvd/html/examples/example-ms_dataset_data_service.ttl"},
    {"semic-dataset-series",
     "SEMICeu__DCAT-AP/releases/3.0.1/html/examples/example-bee-population-dataset-series-gea-nha.ttl"},
});

constexpr std::array k_profiles = {Profile::dcat_ap_de, Profile::conventions, Profile::govdata};

bool updating() {
    const char* v = std::getenv("ERNTE_UPDATE_SHAPE_EXPECTATIONS");
    return v != nullptr && std::string_view(v) == "1";
}

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

std::string content_type(const fs::path& file) {
    const std::string ext = file.extension().string();
    if (ext == ".ttl") return "text/turtle";
    if (ext == ".jsonld" || ext == ".json") return "application/ld+json";
    if (ext == ".nt") return "application/n-triples";
    return "application/rdf+xml";
}

void replace_all(std::string& text, std::string_view from, std::string_view to) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
}

/// A fixture harvested through a one-page feed into a fresh catalogue.
class HarvestedFixture {
public:
    explicit HarvestedFixture(const fs::path& file)
        : m_feed(read_file(file), content_type(file), "/" + file.filename().string(), vocabularies()),
          m_result(m_feed.harvest()) {}

    const HarvestResult& result() const { return m_result; }

    /// The stored records by IRI (the feed's address replaced by k_stable_base).
    std::map<std::string, model::Dataset> records() const {
        std::map<std::string, model::Dataset> out;
        for (auto& [iri, record] : m_feed.records()) out.emplace(stable(iri), std::move(record));
        return out;
    }

    /// The record exported alone as Turtle, with the feed's address replaced.
    std::string turtle(const model::Dataset& record) const { return stable(catalog::dataset_to_turtle(record)); }

private:
    std::string stable(std::string text) const {
        replace_all(text, m_feed.base_url(), k_stable_base);
        return text;
    }

    testsupport::FeedCatalogue m_feed;
    HarvestResult m_result;
};

// ------------------------------------------------------------------ the stored validator results

/// One kind of result shacl-validate reports (its --json "results" entry).
struct ShapeResult {
    std::string severity;
    std::string path;
    std::string constraint;
    std::string message;
    int count = 0;
    std::vector<std::string> focus;  ///< example focus nodes (at most 3)
};

struct RecordResults {
    std::string export_hash;  ///< content_hash of the Turtle validated
    std::vector<ShapeResult> results;
};

/// The stored results of one fixture for one profile, by record IRI.
struct Expectations {
    std::string fixture;
    std::string profile;
    std::map<std::string, RecordResults> records;
};

fs::path expectation_file(const Fixture& fixture, Profile profile) {
    return k_expectations /
           (std::string(fixture.name) + "." + std::string(quality::validator_profile(profile)) + ".json");
}

std::string string_member(const rapidjson::Value& v, const char* name) {
    const auto it = v.FindMember(name);
    return it != v.MemberEnd() && it->value.IsString() ? it->value.GetString() : "";
}

std::vector<ShapeResult> parse_results(const rapidjson::Value& array) {
    std::vector<ShapeResult> out;
    for (const auto& r : array.GetArray()) {
        ShapeResult s;
        s.severity = string_member(r, "severity");
        s.path = string_member(r, "path");
        s.constraint = string_member(r, "constraint");
        s.message = string_member(r, "message");
        if (r.HasMember("count") && r["count"].IsInt()) s.count = r["count"].GetInt();
        if (r.HasMember("focus") && r["focus"].IsArray()) {
            for (const auto& f : r["focus"].GetArray())
                if (f.IsString()) s.focus.emplace_back(f.GetString());
        }
        out.push_back(std::move(s));
    }
    return out;
}

Expectations load_expectations(const fs::path& file) {
    Expectations e;
    rapidjson::Document doc;
    const std::string text = read_file(file);
    doc.Parse(text.c_str());
    if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("records") || !doc["records"].IsArray())
        throw std::runtime_error(file.string() + ": not an expectations file");
    e.fixture = string_member(doc, "fixture");
    e.profile = string_member(doc, "profile");
    for (const auto& r : doc["records"].GetArray()) {
        RecordResults rr;
        rr.export_hash = string_member(r, "export_hash");
        if (r.HasMember("results") && r["results"].IsArray()) rr.results = parse_results(r["results"]);
        e.records.emplace(string_member(r, "iri"), std::move(rr));
    }
    return e;
}

void save_expectations(const fs::path& file, const Expectations& e) {
    rapidjson::StringBuffer buffer;
    rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buffer);
    w.SetIndent(' ', 1);
    w.StartObject();
    w.Key("fixture");
    w.String(e.fixture.c_str());
    w.Key("profile");
    w.String(e.profile.c_str());
    w.Key("tool");
    w.String("shared/tools/shacl-validate --json (rdf-validate-shacl)");
    w.Key("generated");
    w.String(catalog::format_utc(std::chrono::system_clock::now()).c_str());
    w.Key("records");
    w.StartArray();
    for (const auto& [iri, record] : e.records) {
        w.StartObject();
        w.Key("iri");
        w.String(iri.c_str());
        w.Key("export_hash");
        w.String(record.export_hash.c_str());
        w.Key("results");
        w.StartArray();
        for (const ShapeResult& r : record.results) {
            w.StartObject();
            w.Key("severity");
            w.String(r.severity.c_str());
            w.Key("path");
            w.String(r.path.c_str());
            w.Key("constraint");
            w.String(r.constraint.c_str());
            w.Key("message");
            w.String(r.message.c_str());
            w.Key("count");
            w.Int(r.count);
            w.Key("focus");
            w.StartArray();
            for (const auto& f : r.focus) w.String(f.c_str());
            w.EndArray();
            w.EndObject();
        }
        w.EndArray();
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << buffer.GetString() << "\n";
}

/// Runs shacl-validate on one Turtle document.
std::vector<ShapeResult> validate(const std::string& turtle, Profile profile) {
    const fs::path file = fs::temp_directory_path() / ("ernte-rules-shapes-" + std::to_string(::getpid()) + "-" +
                                                       std::to_string(std::random_device{}()) + ".ttl");
    std::ofstream(file, std::ios::binary) << turtle;
    const auto r =
        testsupport::run_command("'" + testsupport::shacl_validate_tool().string() + "' --profile " +
                                 std::string(quality::validator_profile(profile)) + " --json '" + file.string() + "'");
    fs::remove(file);
    rapidjson::Document json;
    json.Parse(r.output.c_str());
    if (json.HasParseError() || !json.IsObject() || !json.HasMember("results"))
        throw std::runtime_error("shacl-validate: unreadable report: " + r.output.substr(0, 500));
    std::vector<ShapeResult> out;
    for (const auto& g : json["results"].GetArray()) {
        ShapeResult s;
        s.severity = string_member(g, "severity");
        s.path = string_member(g, "path");
        // a path that is not a property (sh:alternativePath) is reported as a blank node label that
        // changes from run to run
        if (s.path.find("://") == std::string::npos) s.path.clear();
        s.constraint = string_member(g, "constraint");
        s.message = string_member(g, "message");
        s.count = g["count"].GetInt();
        for (const auto& f : g["examples"].GetArray())
            if (f.IsString()) s.focus.emplace_back(f.GetString());
        out.push_back(std::move(s));
    }
    // the tool orders by count; stored by kind, so that a rerun changes only what changed
    std::sort(out.begin(), out.end(), [](const ShapeResult& a, const ShapeResult& b) {
        return std::tie(a.message, a.path, a.severity, a.constraint) <
               std::tie(b.message, b.path, b.severity, b.constraint);
    });
    return out;
}

// ------------------------------------------------------------------ comparing

/// Whether a result is about the record: one of its example focus nodes
/// occurs in the record's document, or is a blank node. (A result whose focus
/// nodes are all outside it would be about the vocabularies loaded beside
/// the record.)
bool about_the_record(const ShapeResult& r, const std::string& turtle) {
    if (r.focus.empty()) return true;
    return std::any_of(r.focus.begin(), r.focus.end(), [&](const std::string& f) {
        return f.find("://") == std::string::npos || turtle.find(f) != std::string::npos;
    });
}

std::string_view severity_word(Severity s) { return quality::severity_name(s); }

/// The severity a validator result stands for.
std::optional<Severity> result_severity(const std::string& severity) {
    if (severity == "Violation") return Severity::violation;
    if (severity == "Warning") return Severity::warning;
    if (severity == "Info") return Severity::info;
    return quality::dashboard_severity(severity);
}

/// A compact IRI as the rules write it ("dcterms:format" is "dct:format").
std::string compact(std::string_view name) {
    if (name.substr(0, 8) == "dcterms:") return "dct:" + std::string(name.substr(8));
    return std::string(name);
}

bool is_compact_iri(std::string_view token) {
    const auto colon = token.find(':');
    return colon != std::string_view::npos && colon > 0 && colon + 1 < token.size() &&
           token.find(' ') == std::string_view::npos;
}

/// The message without the prefixes GovData puts before the class ("DE: ",
/// "K32: ", "KXX: ", "K12&13: ").
std::string_view message_body(std::string_view message) {
    if (message.substr(0, 4) == "DE: ") message.remove_prefix(4);
    if (!message.empty() && message.front() == 'K') {
        const auto colon = message.find(": ");
        if (colon != std::string_view::npos && colon <= 6) message.remove_prefix(colon + 2);
    }
    return message;
}

/// The class a shape message names at its start ("dcat:Distribution: ..."), or "".
std::string message_class(std::string_view message) {
    message = message_body(message);
    const auto colon = message.find(": ");
    if (colon == std::string_view::npos || !is_compact_iri(message.substr(0, colon))) return {};
    return compact(message.substr(0, colon));
}

/// The property a shape message names after its class ("dcat:Distribution:
/// dcterms:format MUSS ..." names dct:format), or "".
std::string message_property(std::string_view message) {
    message = message_body(message);
    const auto colon = message.find(": ");
    if (colon == std::string_view::npos || !is_compact_iri(message.substr(0, colon))) return {};
    std::string_view rest = message.substr(colon + 2);
    std::string_view token = rest.substr(0, rest.find(' '));
    if (!token.empty() && token.back() == ':') token.remove_suffix(1);  // "KXX: dcat:Dataset: dcat:keyword: ..."
    return is_compact_iri(token) ? compact(token) : std::string();
}

bool is_record_class(std::string_view c) {
    return c == "dcat:Dataset" || c == "dcat:DataService" || c == "dcat:DatasetSeries";
}

std::string_view record_class(const model::Dataset& d) {
    switch (d.type) {
        case model::ResourceType::data_service: return "dcat:DataService";
        case model::ResourceType::dataset_series: return "dcat:DatasetSeries";
        case model::ResourceType::dataset: break;
    }
    return "dcat:Dataset";
}

unsigned record_bit(const model::Dataset& d) {
    switch (d.type) {
        case model::ResourceType::data_service: return quality::RecordKind::services;
        case model::ResourceType::dataset_series: return quality::RecordKind::series;
        case model::ResourceType::dataset: break;
    }
    return quality::RecordKind::datasets;
}

/// The comparison of one record for one profile.
struct Comparison {
    std::set<std::string> ernte;      ///< rules ernte reports (that the validator can confirm)
    std::set<std::string> validator;  ///< rules the validator's results map to
    std::vector<std::string> problems;
};

Comparison compare(const model::Dataset& record, const std::string& turtle, const std::vector<ShapeResult>& results,
                   Profile profile) {
    Comparison c;
    for (const Finding& f : quality::check_rules(record, vocabularies(), Profiles::only(profile))) {
        const Rule* rule = quality::find_rule(f.rule);
        if (rule->agreement == Agreement::ernte_only) continue;
        c.ernte.insert(f.rule);
    }
    for (const ShapeResult& r : results) {
        if (r.severity.rfind("count_", 0) == 0) continue;  // the dashboard's counting rules
        if (!about_the_record(r, turtle)) continue;
        const std::string path = r.path.find("://") == std::string::npos ? std::string() : r.path;
        const quality::OfficialShape* shape = quality::find_official_shape(profile, r.message, path);
        if (shape == nullptr) {
            c.problems.push_back("unmapped result kind (neither implemented nor listed): [" + r.severity + "] " +
                                 r.message + " (path " + r.path + ", " + r.constraint + ")");
            continue;
        }
        if (shape->rule.empty()) continue;  // listed as not implemented
        const Rule* rule = quality::find_rule(shape->rule);
        if (rule == nullptr) {
            c.problems.push_back("official_shapes() names unknown rule " + std::string(shape->rule));
            continue;
        }
        // the mapped rule must match the result on severity, class and property
        const auto severity = result_severity(r.severity);
        if (!severity || *severity != rule->severity) {
            c.problems.push_back(std::string(rule->id) + " is a " + std::string(severity_word(rule->severity)) +
                                 ", the shape reports " + r.severity + ": " + r.message);
        }
        const std::string cls = message_class(r.message);
        const bool record_level = is_record_class(rule->focus);
        if (!cls.empty() && !(record_level ? is_record_class(cls) : cls == rule->focus)) {
            c.problems.push_back(std::string(rule->id) + " checks " + std::string(rule->focus) + ", the shape " + cls +
                                 ": " + r.message);
        }
        // a vocabulary shape's path is skos:inScheme, the dashboard's nested ones its own: the
        // message names the property then
        const bool by_message = path.empty() || path == "http://www.w3.org/2004/02/skos/core#inScheme" ||
                                path.rfind("http://govdata.de/mqa/", 0) == 0;
        if (!by_message && rule->path_iri.find(path) == std::string_view::npos) {
            c.problems.push_back(std::string(rule->id) + " checks " + std::string(rule->path_iri) + ", the shape " +
                                 path + ": " + r.message);
        }
        if (const std::string property = message_property(r.message);
            by_message && !property.empty() && rule->path.find(property) == std::string_view::npos) {
            c.problems.push_back(std::string(rule->id) + " checks " + std::string(rule->path) + ", the shape " +
                                 property + ": " + r.message);
        }
        if (record_level && !r.focus.empty() && r.focus.front() == record.iri &&
            (rule->records & record_bit(record)) == 0) {
            c.problems.push_back(std::string(rule->id) + " does not apply to a " + std::string(record_class(record)) +
                                 ", the shape does: " + r.message);
        }
        if (rule->agreement == Agreement::ernte_only) continue;
        c.validator.insert(std::string(rule->id));
    }
    return c;
}

std::string listing(const std::set<std::string>& ids) {
    std::string out;
    for (const auto& id : ids) out += (out.empty() ? "" : ", ") + id;
    return out.empty() ? "(none)" : out;
}

class RulesAgreeWithShapes : public ::testing::TestWithParam<Fixture> {};

TEST_P(RulesAgreeWithShapes, EveryRecordIsFlaggedForTheSameRulesAsByTheValidator) {
    const Fixture fixture = GetParam();
    HarvestedFixture harvested(k_fixtures / fixture.path);
    ASSERT_EQ(harvested.result().status, RunStatus::succeeded) << harvested.result().message;
    const auto records = harvested.records();
    ASSERT_FALSE(records.empty());

    std::map<std::string, std::string> exports;
    for (const auto& [iri, record] : records) exports.emplace(iri, harvested.turtle(record));

    for (const Profile profile : k_profiles) {
        SCOPED_TRACE(std::string(quality::validator_profile(profile)));
        const fs::path file = expectation_file(fixture, profile);
        if (updating()) {
            const std::string why = testsupport::shacl_validate_unavailable();
            ASSERT_TRUE(why.empty()) << why;
            Expectations e;
            e.fixture = std::string(fixture.path);
            e.profile = std::string(quality::validator_profile(profile));
            for (const auto& [iri, turtle] : exports)
                e.records[iri] = {catalog::content_hash(turtle), validate(turtle, profile)};
            save_expectations(file, e);
        }
        ASSERT_TRUE(fs::exists(file)) << file << " is missing; run with ERNTE_UPDATE_SHAPE_EXPECTATIONS=1 to create it";
        const Expectations expected = load_expectations(file);
        EXPECT_EQ(expected.fixture, fixture.path);
        std::set<std::string> stored;
        for (const auto& [iri, r] : expected.records) stored.insert(iri);
        std::set<std::string> harvested_iris;
        for (const auto& [iri, r] : records) harvested_iris.insert(iri);
        ASSERT_EQ(stored, harvested_iris) << file << " was made for other records; run with "
                                          << "ERNTE_UPDATE_SHAPE_EXPECTATIONS=1 to renew it";

        for (const auto& [iri, record] : records) {
            SCOPED_TRACE(iri);
            const RecordResults& r = expected.records.at(iri);
            const std::string& turtle = exports.at(iri);
            ASSERT_EQ(r.export_hash, catalog::content_hash(turtle))
                << "the export of this record changed since " << file.filename()
                << " was made; run with ERNTE_UPDATE_SHAPE_EXPECTATIONS=1 to renew it\n"
                << turtle;
            const Comparison c = compare(record, turtle, r.results, profile);
            for (const auto& problem : c.problems) ADD_FAILURE() << problem;
            for (const auto& id : c.ernte) {
                EXPECT_TRUE(c.validator.contains(id))
                    << "ernte reports " << id << ", the validator does not (it reports " << listing(c.validator)
                    << ")\n"
                    << turtle;
            }
            for (const auto& id : c.validator) {
                const Rule* rule = quality::find_rule(id);
                if (rule->agreement != Agreement::same) continue;  // the validator lacks the list
                EXPECT_TRUE(c.ernte.contains(id))
                    << "the validator reports " << id << ", ernte does not (it reports " << listing(c.ernte) << ")\n"
                    << turtle;
            }
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, RulesAgreeWithShapes, ::testing::ValuesIn(k_fixture_list),
                         [](const ::testing::TestParamInfo<Fixture>& info) {
                             std::string name(info.param.name);
                             for (char& c : name)
                                 if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                             return name;
                         });

}  // namespace
