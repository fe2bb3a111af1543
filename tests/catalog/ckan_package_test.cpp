#include "catalog/ckan_package.hpp"

#include "catalog/normalize.hpp"
#include "catalog/normalize_dcat.hpp"
#include "catalog/rdf.hpp"

#include "tests/support/record_compare.hpp"

#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <rapidjson/prettywriter.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace ernte::catalog;
using namespace ernte::model;
using ernte::testsupport::record_differences;

namespace {

const std::string L = "http://dcat-ap.de/def/licenses/";
const std::string T = "http://publications.europa.eu/resource/authority/data-theme/";
const std::string F = "http://publications.europa.eu/resource/authority/file-type/";
const std::string G = "http://publications.europa.eu/resource/authority/language/";
const std::string C = "http://dcat-ap.de/def/contributors/";
const std::string portal = "https://www.offenesdatenportal.de";

const std::filesystem::path vocab_dir = std::filesystem::path(ERNTE_SOURCE_DIR) / "schemas" / "vocab";
const std::filesystem::path ckan_data = std::filesystem::path(ERNTE_TEST_DATA) / "ckan";
const std::filesystem::path fixtures = std::filesystem::path(ERNTE_TEST_DATA) / "fixtures";

const Vocabularies& vocab() {
    static const Vocabularies loaded = Vocabularies::load(vocab_dir);
    return loaded;
}

const CkanVocabulary& ckan_vocab() {
    static const CkanVocabulary loaded = CkanVocabulary::load(vocab_dir, vocab());
    return loaded;
}

NormalizeContext context() { return {"moers", portal + "/", {C + "openNRW"}}; }

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// The package dict of a fixture file: the file, a package_show envelope, or the first of a list.
const rapidjson::Value& package_of(const rapidjson::Document& doc) {
    const rapidjson::Value* package = &doc;
    if (doc.IsObject() && doc.HasMember("result")) package = &doc["result"];
    if (package->IsArray()) package = &(*package)[0];
    return *package;
}

rapidjson::Document parse(const std::string& json) {
    rapidjson::Document doc;
    doc.Parse(json.c_str());
    EXPECT_FALSE(doc.HasParseError()) << json;
    return doc;
}

Dataset normalize_package(const rapidjson::Value& package) {
    NormalizeResult result = normalize_ckan_package(package, vocab(), context());
    EXPECT_TRUE(result.dataset.has_value()) << result.error;
    return result.dataset.value_or(Dataset{});
}

Dataset normalize_fixture(const std::string& name) {
    rapidjson::Document doc = parse(read_file(ckan_data / name));
    if (name == "result_data.json") doc.AddMember("id", "sh-50625", doc.GetAllocator());  // as package_show returns it
    return normalize_package(package_of(doc));
}

CkanPackageInfo info_for(const Dataset& d) {
    CkanPackageInfo info;
    info.iri = d.iri;
    info.first_seen = "2026-11-20T02:00:00Z";
    info.last_changed = "2026-11-22T02:00:00Z";
    return info;
}

std::string package_json(const Dataset& d, const CkanPackageInfo& info) {
    return ckan_package_json(d, info, ckan_vocab());
}

std::string package_json(const Dataset& d) { return package_json(d, info_for(d)); }

/// The extras of a package dict as key -> value.
std::vector<std::pair<std::string, std::string>> extras_of(const rapidjson::Value& package) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& e : package["extras"].GetArray()) out.emplace_back(e["key"].GetString(), e["value"].GetString());
    return out;
}

std::string extra(const rapidjson::Value& package, const std::string& key) {
    for (const auto& [k, v] : extras_of(package)) {
        if (k == key) return v;
    }
    return "<absent>";
}

/// The paths in which two records differ (".licence.original", ".distributions[0].format_original"),
/// Notes left out: they describe a delivery, not the dataset.
std::set<std::string> differing_fields(Dataset a, Dataset b) {
    a.notes.clear();
    b.notes.clear();
    std::set<std::string> out;
    std::istringstream lines(record_differences(a, b));
    for (std::string line; std::getline(lines, line);) {
        if (line.empty() || line[0] != '.') continue;
        const auto end = std::min(line.find(": "), line.find(" only in"));
        out.insert(line.substr(0, end));
    }
    return out;
}

Dataset sample() {
    Dataset d;
    d.iri = "https://daten.example.org/dataset/baeume";
    d.identifier = "baeume-2024";
    d.title = {{"Bäume in Köln", "de"}};
    d.description = {{"Alle Straßenbäume.", "de"}};
    d.keywords = {{"Umwelt", "de"}, {"Bäume", "de"}};
    d.themes = {T + "ENVI", T + "SOCI"};
    d.publisher.name = "Stadt Köln – Amt für Grün";
    d.contributor_ids = {C + "openNRW"};
    d.licence = {L + "dl-by-de/2.0", "dl-de-by-2.0", true};
    Distribution dist;
    dist.iri = "https://daten.example.org/dataset/baeume/resource/1";
    dist.access_urls = {"https://daten.example.org/baeume.csv"};
    dist.download_urls = {"https://daten.example.org/baeume.csv"};
    dist.format = F + "CSV";
    dist.format_original = "csv";
    dist.licence = d.licence;
    dist.licence_inherited = true;
    d.distributions.push_back(dist);
    return d;
}

}  // namespace

// ---------------------------------------------------------------- names, tags, ids, timestamps

TEST(CkanName, LowercaseWithUmlautsTransliterated) {
    EXPECT_EQ(ckan_name("Bäume in Köln"), "baeume-in-koeln");
    EXPECT_EQ(ckan_name("Straßenbäume ÜBER Öl"), "strassenbaeume-ueber-oel");
    EXPECT_EQ(ckan_name("Élève à Málaga, Łódź"), "eleve-a-malaga-lodz");
    EXPECT_EQ(ckan_name("GROSSE STRASSE ẞ"), "grosse-strasse-ss");
}

TEST(CkanName, InvalidCharactersBecomeOneDashAndTheEndsAreTrimmed) {
    EXPECT_EQ(ckan_name("  Haushalt 2024 / Teil (A) "), "haushalt-2024-teil-a");
    EXPECT_EQ(ckan_name("a_b-c"), "a_b-c");
    EXPECT_EQ(ckan_name("--x--y__"), "x-y");
    EXPECT_EQ(ckan_name("Staedtische_Beteiligungsgesellschaften"), "staedtische_beteiligungsgesellschaften");
    EXPECT_EQ(ckan_name("数据 данные"), "");  // no Latin letters left
}

TEST(CkanName, LengthBoundsAndReservedNames) {
    EXPECT_EQ(ckan_name("x"), "");
    EXPECT_EQ(ckan_name("ä"), "ae");
    EXPECT_EQ(ckan_name(""), "");
    const std::string long_title = std::string(99, 'a') + " bcd";
    EXPECT_EQ(ckan_name(long_title), std::string(99, 'a'));  // cut at 100, trailing "-" trimmed
    EXPECT_EQ(ckan_name(std::string(300, 'z')).size(), 100u);
    EXPECT_EQ(ckan_name("New"), "");
    EXPECT_EQ(ckan_name("edit"), "");
}

TEST(CkanName, PackageNameFromCkanNameTitleIdentifierOrId) {
    Dataset d;
    d.name = "Baumkataster_Koeln";
    d.title = {{"Bäume", "de"}};
    d.identifier = "urn:x:1";
    EXPECT_EQ(ckan_package_name(d, "id-1"), "baumkataster_koeln");
    d.name.clear();
    EXPECT_EQ(ckan_package_name(d, "id-1"), "baeume");
    d.title.clear();
    EXPECT_EQ(ckan_package_name(d, "id-1"), "urn-x-1");
    d.identifier = "!";
    EXPECT_EQ(ckan_package_name(d, "0f9e2c3a-1111-5222-8333-444455556666"), "0f9e2c3a-1111-5222-8333-444455556666");
}

TEST(CkanTag, CkanTagRules) {
    EXPECT_EQ(ckan_tag("Umwelt"), "Umwelt");
    EXPECT_EQ(ckan_tag("Straßenbäume"), "Straßenbäume");  // letters beyond ASCII are allowed
    EXPECT_EQ(ckan_tag("Umwelt/Klima"), "Umwelt Klima");
    EXPECT_EQ(ckan_tag(" Bebauungsplan (B-Plan) "), "Bebauungsplan B-Plan");
    EXPECT_EQ(ckan_tag("geo_daten v1.2"), "geo_daten v1.2");
    EXPECT_EQ(ckan_tag("Öffnungszeiten – Bürgerbüro"), "Öffnungszeiten Bürgerbüro");
    EXPECT_EQ(ckan_tag("a"), "");
    EXPECT_EQ(ckan_tag("C++"), "");
    EXPECT_EQ(ckan_tag("🌳🌳"), "");
    EXPECT_EQ(ckan_tag(std::string(150, 'x')), std::string(100, 'x'));
    EXPECT_EQ(ckan_tag(std::string(60, 'x') + " " + std::string(50, 'y')).size(), 100u);
    EXPECT_EQ(ckan_tag(std::string(120, 'a') + "ä").size(), 100u);
    std::string many;
    for (int i = 0; i < 120; ++i) many += "ä";
    EXPECT_EQ(ckan_tag(many).size(), 200u);  // 100 characters, 2 bytes each
}

TEST(CkanUuid, NameBasedUuidLikePythonsUuid5) {
    // python3 -c "import uuid; print(uuid.uuid5(uuid.NAMESPACE_URL, 'http://example.org/dataset/1'))"
    EXPECT_EQ(ckan_uuid("http://example.org/dataset/1"), "baf3d32e-7e44-5474-9a89-3bf181da58e0");
    EXPECT_EQ(ckan_uuid(""), "1b4db7eb-4057-5ddf-91e0-36dec72071f5");
    EXPECT_EQ(ckan_package_id("http://example.org/dataset/1"), ckan_uuid("http://example.org/dataset/1"));
    const std::string long_iri(200, 'a');  // several SHA-1 blocks
    EXPECT_EQ(ckan_uuid(long_iri), "7f4631a0-b493-5760-92a5-27e642bfb142");
}

TEST(CkanTimestamp, UtcWithoutZoneAsCkanWritesIt) {
    EXPECT_EQ(ckan_timestamp("2026-11-22T02:00:00Z"), "2026-11-22T02:00:00");
    EXPECT_EQ(ckan_timestamp("2016-06-08T06:17:38.205378"), "2016-06-08T06:17:38.205378");
    EXPECT_EQ(ckan_timestamp("2024-01-01T10:00:00+01:00"), "2024-01-01T09:00:00");
    EXPECT_EQ(ckan_timestamp("2024-05-01"), "2024-05-01T00:00:00");
    EXPECT_EQ(ckan_timestamp("2024-05"), "2024-05-01T00:00:00");
    EXPECT_EQ(ckan_timestamp("2024"), "2024-01-01T00:00:00");
    EXPECT_EQ(ckan_timestamp("gestern"), "");
    EXPECT_EQ(ckan_timestamp(""), "");
}

// ---------------------------------------------------------------- the dict

TEST(CkanPackage, BookkeepingFields) {
    Dataset d = sample();
    CkanPackageInfo info;
    info.first_seen = "2026-11-20T02:00:00Z";
    info.last_changed = "2026-11-22T03:04:05Z";
    info.sources = {"koeln", "opennrw"};
    const auto doc = parse(package_json(d, info));
    EXPECT_EQ(std::string(doc["id"].GetString()), ckan_package_id(d.iri));
    EXPECT_EQ(std::string(doc["name"].GetString()), "baeume-in-koeln");
    EXPECT_EQ(std::string(doc["type"].GetString()), "dataset");
    EXPECT_EQ(std::string(doc["state"].GetString()), "active");
    EXPECT_FALSE(doc["private"].GetBool());
    EXPECT_EQ(std::string(doc["metadata_created"].GetString()), "2026-11-20T02:00:00");
    EXPECT_EQ(std::string(doc["metadata_modified"].GetString()), "2026-11-22T03:04:05");
    EXPECT_EQ(doc["num_resources"].GetInt(), 1);
    EXPECT_EQ(doc["num_tags"].GetInt(), 2);
    EXPECT_EQ(extra(doc, "catalogue_sources"), R"(["koeln","opennrw"])");
    EXPECT_EQ(extra(doc, "uri"), d.iri);

    info.status = RecordStatus::withdrawn;
    info.id = "given-id";
    info.name = "given-name";
    const auto withdrawn = parse(package_json(d, info));
    EXPECT_EQ(std::string(withdrawn["state"].GetString()), "deleted");
    EXPECT_EQ(std::string(withdrawn["id"].GetString()), "given-id");
    EXPECT_EQ(std::string(withdrawn["name"].GetString()), "given-name");
    EXPECT_EQ(std::string(withdrawn["resources"][0]["package_id"].GetString()), "given-id");
    info.status = RecordStatus::deprecated;
    EXPECT_EQ(std::string(parse(package_json(d, info))["state"].GetString()), "active");
}

TEST(CkanPackage, DatesFallBackOnTheRecord) {
    Dataset d = sample();
    d.issued = "2024-05-01";
    d.modified = "2024-06-01T10:00:00+02:00";
    const auto doc = parse(package_json(d, CkanPackageInfo{}));
    EXPECT_EQ(std::string(doc["metadata_created"].GetString()), "2024-05-01T00:00:00");
    EXPECT_EQ(std::string(doc["metadata_modified"].GetString()), "2024-06-01T08:00:00");
    EXPECT_EQ(extra(doc, "issued"), "2024-05-01");  // the record's own value, as ckanext-dcatde keeps it
    EXPECT_EQ(extra(doc, "modified"), "2024-06-01T10:00:00+02:00");
    d.issued.clear();
    d.modified.clear();
    const auto none = parse(package_json(d, CkanPackageInfo{}));
    EXPECT_TRUE(none["metadata_created"].IsNull());
    EXPECT_TRUE(none["metadata_modified"].IsNull());
}

TEST(CkanPackage, LicenceFromTheDcatApDeList) {
    Dataset d = sample();
    auto doc = parse(package_json(d));
    EXPECT_EQ(std::string(doc["license_id"].GetString()), L + "dl-by-de/2.0");
    EXPECT_EQ(std::string(doc["license_title"].GetString()), "Datenlizenz Deutschland Namensnennung 2.0");
    EXPECT_EQ(std::string(doc["license_url"].GetString()), "https://www.govdata.de/dl-de/by-2-0");
    EXPECT_TRUE(doc["isopen"].GetBool());
    EXPECT_FALSE(doc["resources"][0].HasMember("license"));  // inherited from the dataset

    d.distributions[0].licence = {L + "cc-zero", "CC0", true};
    d.distributions[0].licence_inherited = false;
    d.licence = {"http://example.org/my-licence", "http://example.org/my-licence", false};
    doc = parse(package_json(d));
    EXPECT_EQ(std::string(doc["resources"][0]["license"].GetString()), L + "cc-zero");
    EXPECT_EQ(std::string(doc["license_id"].GetString()), "http://example.org/my-licence");
    EXPECT_EQ(std::string(doc["license_url"].GetString()), "http://example.org/my-licence");
    EXPECT_FALSE(doc["isopen"].GetBool());

    d.licence = {"", "other-at", false};
    doc = parse(package_json(d));
    EXPECT_EQ(std::string(doc["license_id"].GetString()), "other-at");
    EXPECT_EQ(std::string(doc["license_title"].GetString()), "other-at");
    EXPECT_FALSE(doc.HasMember("license_url"));

    d.licence = {};
    doc = parse(package_json(d));
    EXPECT_TRUE(doc["license_id"].IsNull());
    EXPECT_TRUE(doc["license_title"].IsNull());
}

TEST(CkanPackage, EveryListedLicenceHasATitle) {
    EXPECT_GE(ckan_vocab().licences().size(), 30u);
    for (const auto& licence : ckan_vocab().licences()) {
        EXPECT_TRUE(licence.id.starts_with(L)) << licence.id;
        EXPECT_FALSE(licence.title.empty()) << licence.id;
    }
    EXPECT_NE(ckan_vocab().licence("https://dcat-ap.de/def/licenses/dl-by-de/2.0/"), nullptr);  // any IRI variant
    EXPECT_EQ(ckan_vocab().licence("http://example.org/x"), nullptr);
}

TEST(CkanPackage, ThemesAreGroupsNamedByLowercaseCode) {
    const auto doc = parse(package_json(sample()));
    ASSERT_EQ(doc["groups"].Size(), 2u);
    EXPECT_EQ(std::string(doc["groups"][0]["name"].GetString()), "envi");
    EXPECT_EQ(std::string(doc["groups"][0]["title"].GetString()), "Umwelt");
    EXPECT_EQ(std::string(doc["groups"][1]["name"].GetString()), "soci");
    EXPECT_EQ(std::string(doc["groups"][1]["title"].GetString()), "Bevölkerung und Gesellschaft");
    EXPECT_EQ(ckan_vocab().groups().size(), 14u);
}

TEST(CkanPackage, OrganizationFromThePublisher) {
    Dataset d = sample();
    auto doc = parse(package_json(d));
    const auto& org = doc["organization"];
    EXPECT_EQ(std::string(org["name"].GetString()), "stadt-koeln-amt-fuer-gruen");
    EXPECT_EQ(std::string(org["title"].GetString()), "Stadt Köln – Amt für Grün");
    EXPECT_TRUE(org["is_organization"].GetBool());
    EXPECT_EQ(std::string(doc["owner_org"].GetString()), std::string(org["id"].GetString()));
    EXPECT_EQ(extra(doc, "publisher_name"), "Stadt Köln – Amt für Grün");

    d.publisher = {};
    doc = parse(package_json(d));
    EXPECT_TRUE(doc["organization"].IsNull());
    EXPECT_TRUE(doc["owner_org"].IsNull());
}

TEST(CkanPackage, TagsFollowCkanRules) {
    Dataset d = sample();
    d.keywords = {{"Umwelt", "de"},  {"umwelt", "de"},          {"Umwelt/Klima", "de"}, {"a", "de"},
                  {"C++", "de"},     {"Bäume & Sträucher", "de"}, {std::string(120, 'x'), "de"}};
    const auto doc = parse(package_json(d));
    std::vector<std::string> tags;
    for (const auto& t : doc["tags"].GetArray()) tags.push_back(t["name"].GetString());
    EXPECT_EQ(tags, (std::vector<std::string>{"Umwelt", "Umwelt Klima", "Bäume Sträucher", std::string(100, 'x')}));
    EXPECT_EQ(doc["num_tags"].GetInt(), 4);
    EXPECT_FALSE(doc.HasMember("tags_translated"));
}

TEST(CkanPackage, KeywordsInOtherLanguagesAlsoAsTagsTranslated) {
    Dataset d = sample();
    d.keywords = {{"Umwelt", "de"}, {"environment", "en"}};
    const auto doc = parse(package_json(d));
    EXPECT_EQ(doc["tags"].Size(), 2u);
    ASSERT_TRUE(doc.HasMember("tags_translated"));
    EXPECT_EQ(std::string(doc["tags_translated"]["en"][0].GetString()), "environment");
}

TEST(CkanPackage, ContributorIdAndOtherListsAreJsonInAString) {
    Dataset d = sample();
    d.contributor_ids = {C + "openNRW", C + "stadtKoeln"};
    d.political_geocoding_uris = {"http://dcat-ap.de/def/politicalGeocoding/municipalityKey/05315000"};
    d.spatial = d.political_geocoding_uris;
    d.spatial.push_back("https://sws.geonames.org/2886242/");
    d.languages = {G + "DEU"};
    const auto doc = parse(package_json(d));
    const std::string contributors = extra(doc, "contributorID");
    EXPECT_EQ(contributors, R"(["http://dcat-ap.de/def/contributors/openNRW","http://dcat-ap.de/def/contributors/stadtKoeln"])");
    const auto list = parse(contributors);
    ASSERT_TRUE(list.IsArray());
    EXPECT_EQ(list.Size(), 2u);
    d.contributor_ids.pop_back();
    EXPECT_EQ(extra(parse(package_json(d)), "contributorID"), R"(["http://dcat-ap.de/def/contributors/openNRW"])");
    EXPECT_EQ(extra(doc, "politicalGeocodingURI"),
              R"(["http://dcat-ap.de/def/politicalGeocoding/municipalityKey/05315000"])");
    EXPECT_EQ(extra(doc, "spatial_uri"), "https://sws.geonames.org/2886242/");  // the geocoding URI is not repeated
    EXPECT_EQ(extra(doc, "language"), R"(["http://publications.europa.eu/resource/authority/language/DEU"])");
}

TEST(CkanPackage, ExtrasAreUniqueKeysWithTextValues) {
    for (const char* name : {"ckan_full_dataset_dcat_ap.json", "moers.json", "health_dcat_ap.json"}) {
        const auto doc = parse(package_json(normalize_fixture(name)));
        std::set<std::string> keys;
        for (const auto& e : doc["extras"].GetArray()) {
            ASSERT_TRUE(e["key"].IsString()) << name;
            ASSERT_TRUE(e["value"].IsString()) << name << ": " << e["key"].GetString();
            EXPECT_TRUE(keys.insert(e["key"].GetString()).second) << name << ": " << e["key"].GetString();
            EXPECT_FALSE(doc.HasMember(e["key"])) << name << ": extra named like a package field";
        }
    }
}

TEST(CkanPackage, KeptCkanExtrasComeBackUnderTheirKey) {
    Dataset d = sample();
    const auto kept = [](const std::string& key, const std::string& value, const std::string& datatype = "") {
        ExtraProperty p;
        p.predicate = std::string(ckan_extra_predicate) + key;
        p.object.value = value;
        p.object.datatype = datatype;
        return p;
    };
    d.extra = {kept("sector", "oeffentlich"), kept("version", "2"),
               kept("qualified_relation", R"([{"role":"x"}])", "http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON")};
    d.distributions[0].extra = {kept("rows", "12", "http://www.w3.org/2001/XMLSchema#integer"),
                                kept("schema", R"({"fields":[]})", "http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON"),
                                kept("broken", "{not json", "http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON")};
    const auto doc = parse(package_json(d));
    EXPECT_EQ(extra(doc, "sector"), "oeffentlich");
    EXPECT_EQ(extra(doc, "extra_version"), "2");  // "version" is a package field
    EXPECT_EQ(extra(doc, "qualified_relation"), R"([{"role":"x"}])");
    const auto& r = doc["resources"][0];
    EXPECT_EQ(r["rows"].GetInt(), 12);
    EXPECT_TRUE(r["schema"].IsObject());
    EXPECT_EQ(std::string(r["broken"].GetString()), "{not json");
}

TEST(CkanPackage, PackageEmbedsInAnEnvelope) {
    const Dataset d = sample();
    rapidjson::StringBuffer buffer;
    CkanJsonWriter w(buffer);
    w.StartObject();
    w.Key("success");
    w.Bool(true);
    w.Key("result");
    write_ckan_package(w, d, info_for(d), ckan_vocab());
    w.EndObject();
    ASSERT_TRUE(w.IsComplete());
    const auto doc = parse(buffer.GetString());
    EXPECT_EQ(std::string(doc["result"]["id"].GetString()), ckan_package_id(d.iri));
    EXPECT_EQ(std::string(buffer.GetString()), R"({"success":true,"result":)" + package_json(d) + "}");
}

TEST(CkanPackage, ResourceFields) {
    Dataset d = sample();
    Distribution& dist = d.distributions[0];
    dist.title = {{"Baumliste", "de"}, {"Tree list", "en"}};
    dist.byte_size = 12323;
    dist.media_type = "http://www.iana.org/assignments/media-types/text/csv";
    dist.checksum = Checksum{"http://spdx.org/rdf/terms#checksumAlgorithm_sha1", "00ff"};
    dist.issued = "2024-05-01";
    dist.languages = {G + "DEU"};
    dist.access_service = "https://daten.example.org/api";
    const auto doc = parse(package_json(d));
    const auto& r = doc["resources"][0];
    EXPECT_EQ(std::string(r["id"].GetString()), ckan_uuid(dist.iri));
    EXPECT_EQ(r["position"].GetInt(), 0);
    EXPECT_EQ(std::string(r["name"].GetString()), "Baumliste");
    EXPECT_EQ(std::string(r["name_translated"]["en"].GetString()), "Tree list");
    EXPECT_EQ(std::string(r["url"].GetString()), "https://daten.example.org/baeume.csv");
    EXPECT_EQ(std::string(r["download_url"].GetString()), "https://daten.example.org/baeume.csv");
    EXPECT_EQ(std::string(r["format"].GetString()), "CSV");
    EXPECT_EQ(std::string(r["mimetype"].GetString()), "text/csv");
    EXPECT_EQ(r["size"].GetUint64(), 12323u);
    EXPECT_EQ(std::string(r["hash"].GetString()), "00ff");
    EXPECT_EQ(std::string(r["created"].GetString()), "2024-05-01T00:00:00");
    EXPECT_TRUE(r["last_modified"].IsNull());
    EXPECT_TRUE(r["language"].IsArray());
    EXPECT_EQ(std::string(r["access_services"][0]["uri"].GetString()), "https://daten.example.org/api");
    dist.byte_size.reset();
    EXPECT_TRUE(parse(package_json(d))["resources"][0]["size"].IsNull());
}

// Every key the dict shares with a real package dict has the same JSON type (null goes with any).
TEST(CkanPackage, TypesAgreeWithRealPackageDicts) {
    const auto type_of = [](const rapidjson::Value& v) -> std::string {
        if (v.IsNull()) return "null";
        if (v.IsBool()) return "bool";
        if (v.IsNumber()) return "number";
        if (v.IsString()) return "string";
        if (v.IsArray()) return "array";
        return "object";
    };
    std::function<void(const rapidjson::Value&, const rapidjson::Value&, const std::string&, int&)> agree =
        [&](const rapidjson::Value& ours, const rapidjson::Value& real, const std::string& path, int& shared) {
            for (const auto& m : real.GetObject()) {
                const std::string key = m.name.GetString();
                if (!ours.HasMember(m.name)) continue;
                const rapidjson::Value& mine = ours[m.name];
                ++shared;
                if (!mine.IsNull() && !m.value.IsNull()) {
                    EXPECT_EQ(type_of(mine), type_of(m.value)) << path << key;
                }
                if (mine.IsObject() && m.value.IsObject()) agree(mine, m.value, path + key + ".", shared);
                if (mine.IsArray() && m.value.IsArray() && !mine.Empty() && !m.value.Empty() && mine[0].IsObject() &&
                    m.value[0].IsObject()) {
                    agree(mine[0], m.value[0], path + key + "[0].", shared);
                }
            }
        };
    for (const char* name : {"full_ckan_dataset_legacy.json", "ckan_doc.json", "health_dcat_ap.json"}) {
        const auto real = parse(read_file(ckan_data / name));
        const auto ours = parse(package_json(normalize_fixture(name)));
        int shared = 0;
        agree(ours, package_of(real), std::string(name) + ": ", shared);
        EXPECT_GE(shared, 20) << name;
    }
}

// A record harvested from a DCAT feed becomes a complete, valid package dict.
TEST(CkanPackage, RecordFromDcatIsAValidPackage) {
    const std::filesystem::path path =
        fixtures / "GovDataOfficial__ckanext-dcatde/ckanext/dcatde/tests/resources/metadata_max.rdf";
    rdf::Graph graph;
    rdf::ReadOptions options;
    options.base_iri = "https://fixture.example.org/metadata_max.rdf";
    const auto read = rdf::read(rdf::syntax_from_url(path.string()), read_file(path), options,
                                [&](const rdf::Triple& t) { graph.add(t); });
    ASSERT_TRUE(read.ok) << read.description;
    const auto resources = dcat_resources(graph);
    ASSERT_FALSE(resources.empty());
    NormalizeResult result = normalize_dcat_resource(graph, resources.front(), vocab(), context());
    ASSERT_TRUE(result.dataset) << result.error;
    const Dataset& d = *result.dataset;

    const auto doc = parse(package_json(d));
    const std::string name = doc["name"].GetString();
    EXPECT_GE(name.size(), 2u);
    EXPECT_LE(name.size(), 100u);
    EXPECT_EQ(name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_-"), std::string::npos) << name;
    EXPECT_EQ(std::string(doc["id"].GetString()).size(), 36u);
    EXPECT_EQ(doc["num_resources"].GetUint64(), d.distributions.size());
    EXPECT_EQ(doc["resources"].Size(), d.distributions.size());
    EXPECT_EQ(doc["num_tags"].GetUint64(), doc["tags"].Size());
    for (const auto& e : doc["extras"].GetArray()) EXPECT_TRUE(e["value"].IsString());
    for (const auto& t : doc["tags"].GetArray()) EXPECT_EQ(ckan_tag(t["name"].GetString()), t["name"].GetString());
    EXPECT_EQ(extra(doc, "uri"), d.iri);
    EXPECT_NE(extra(doc, "contributorID"), "<absent>");
    EXPECT_NE(extra(doc, "politicalGeocodingURI"), "<absent>");

    // and CKAN's side reads it back: the same dataset in its essentials
    const Dataset again = normalize_package(doc);
    EXPECT_EQ(again.iri, d.iri);
    EXPECT_EQ(again.identifier, d.identifier);
    EXPECT_EQ(again.title, d.title);
    EXPECT_EQ(again.themes, d.themes);
    EXPECT_EQ(again.contributor_ids, d.contributor_ids);
    EXPECT_EQ(again.political_geocoding_uris, d.political_geocoding_uris);
    EXPECT_EQ(again.licence.iri, d.licence.iri);
    EXPECT_EQ(again.distributions.size(), d.distributions.size());
}

// ---------------------------------------------------------------- round trip

/// A CKAN fixture, normalized, written as a package dict and normalized again,
/// differs from the first record in exactly these fields (Notes left out: they
/// describe a delivery). Why, by field:
/// - `.source_id`, `.distributions[i].source_id`: the dict's ids are ernte's,
///   derived from the IRIs, not the harvested portal's;
/// - `.name`: a valid CKAN name (lower case; from the title where the package had none);
/// - `.distributions[i].iri`: a resource without an id had no IRI; in the dict every resource has an id;
/// - `.licence.original`, `.distributions[i].licence.original`, `.format_original`,
///   `.media_type_original`, `.frequency_original`: the dict gives the normalized value
///   (dcat-ap.de licence IRI, EU file-type code, media type, EU frequency IRI); the
///   spelling delivered stays in the stored record;
/// - `.issued`, `.modified`: a record without them gets CKAN's metadata_created /
///   metadata_modified back (the normalizer's fallback);
/// - `.description_original`: the dict's notes are the plain text;
/// - `.extra[i].o.d`: a JSON value a ckanext-scheming portal gave at the top of the
///   package comes back as its text in an extra (CKAN extras are strings);
/// - `.extra[i].p`: an extra named like a CKAN package field (DKAN's extras
///   `metadata_created`, `metadata_modified`) is written as `extra_<key>`.
struct RoundTrip {
    std::string fixture;
    std::set<std::string> differences;
};

class CkanPackageRoundTrip : public ::testing::TestWithParam<RoundTrip> {};

TEST_P(CkanPackageRoundTrip, NormalizedAgainDiffersOnlyWhereListed) {
    const Dataset first = normalize_fixture(GetParam().fixture);
    const std::string json = package_json(first);
    const auto doc = parse(json);
    const Dataset second = normalize_package(doc);
    EXPECT_EQ(differing_fields(first, second), GetParam().differences) << record_differences(first, second) << json;
}

const std::string ids = ".source_id";
const std::string resource_id = ".distributions[0].source_id";

INSTANTIATE_TEST_SUITE_P(
    Fixtures, CkanPackageRoundTrip,
    ::testing::Values(
        RoundTrip{"ckan_dataset.json",
                  {ids, resource_id, ".name", ".distributions[0].format_original",
                   ".distributions[0].media_type_original"}},
        RoundTrip{"ckan_dataset_multilingual.json", {ids, resource_id, ".distributions[0].iri"}},
        RoundTrip{"ckan_dcat_ap_dataset_series.json", {ids, ".issued", ".modified"}},
        RoundTrip{"ckan_full_dataset_croissant.json", {ids, resource_id, ".extra[1].o.d", ".extra[4].o.d"}},
        RoundTrip{"ckan_full_dataset_dcat_ap.json",
                  {ids, resource_id, ".distributions[0].iri", ".extra[15].o.d", ".frequency_original"}},
        RoundTrip{"ckan_full_dataset_dcat_ap_legacy.json",
                  {ids, resource_id, ".distributions[0].iri", ".frequency_original"}},
        RoundTrip{"ckan_full_dataset_dcat_ap_vocabularies.json",
                  {ids, resource_id, ".distributions[0].iri", ".distributions[0].format_original",
                   ".distributions[0].licence.original", ".distributions[0].media_type_original", ".extra[11].o.d"}},
        RoundTrip{"ckan_full_dataset_dcat_us_vocabularies.json",
                  {ids, resource_id, ".distributions[0].iri", ".distributions[0].format_original",
                   ".distributions[0].media_type_original", ".frequency_original",
                   ".extra[10].o.d", ".extra[11].o.d", ".extra[12].o.d", ".extra[13].o.d", ".extra[14].o.d"}},
        RoundTrip{"full_ckan_dataset_legacy.json",
                  {ids, resource_id, ".distributions[0].format_original", ".distributions[0].media_type_original",
                   ".frequency_original"}},
        RoundTrip{"health_dcat_ap.json",
                  {ids, resource_id, ".extra[8].o.d", ".extra[9].o.d", ".extra[10].o.d", ".extra[11].o.d",
                   ".extra[12].o.d", ".extra[13].o.d", ".extra[14].o.d", ".extra[15].o.d", ".extra[20].o.d",
                   ".extra[21].o.d", ".extra[22].o.d", ".extra[23].o.d", ".extra[24].o.d", ".extra[25].o.d",
                   ".extra[26].o.d", ".extra[27].o.d", ".extra[28].o.d"}},
        RoundTrip{"result_data.json",
                  {ids, resource_id, ".name", ".distributions[0].iri", ".distributions[0].format_original",
                   ".distributions[0].licence.original", ".licence.original", ".issued", ".modified"}},
        RoundTrip{"ckan_doc.json",
                  {ids, resource_id, ".name", ".distributions[0].format_original",
                   ".distributions[0].licence.original", ".licence.original", ".frequency_original"}},
        RoundTrip{"moers.json",
                  {ids, resource_id, ".name", ".distributions[0].iri", ".distributions[0].format_original",
                   ".distributions[0].licence.original", ".distributions[0].media_type_original",
                   ".licence.original", ".modified"}},
        RoundTrip{"dkan-french-w-license.json",
                  {ids, resource_id, ".distributions[1].source_id", ".distributions[0].format_original",
                   ".description_original", ".frequency_original", ".issued", ".extra[11].p", ".extra[12].p"}}),
    [](const ::testing::TestParamInfo<RoundTrip>& info) {
        std::string name = std::filesystem::path(info.param.fixture).stem().string();
        std::replace(name.begin(), name.end(), '-', '_');
        return name;
    });
