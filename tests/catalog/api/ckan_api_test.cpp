// The CKAN-compatible action API of `ernte serve` (/api/3/action/): each
// action and error shape, the search (German words, filters, sorting, facets,
// paging), and ernte's own CKAN harvester reading a served catalogue back.

#include "catalog/api/server.hpp"
#include "catalog/api/service.hpp"
#include "catalog/ckan_package.hpp"
#include "catalog/search.hpp"
#include "catalog/store.hpp"
#include "catalog/url.hpp"
#include "catalog/vocab.hpp"
#include "harvester/fetch.hpp"
#include "harvester/harvest_run.hpp"
#include "tests/support/ckan_portal.hpp"
#include "tests/support/http_server.hpp"
#include "tests/support/record_compare.hpp"
#include "tests/support/temp_dir.hpp"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <thread>

using namespace ernte;
using namespace ernte::catalog;

namespace {

const Vocabularies& vocabularies() {
    static const Vocabularies vocab = Vocabularies::load(ERNTE_SOURCE_DIR "/schemas/vocab");
    return vocab;
}

const std::vector<std::string>& demo_packages() {
    static const std::vector<std::string> packages = testsupport::load_packages(ERNTE_TEST_DATA "/demo/bonn.json");
    return packages;
}

/// A catalogue harvested (the real harvest path) from a CKAN portal in memory.
class HarvestedCatalogue {
public:
    explicit HarvestedCatalogue(std::vector<std::string> packages)
        : m_portal(std::move(packages)),
          m_server([this](const testsupport::HttpRequest& r) { return m_portal.handle(r); }) {
        m_config.database = m_dir.path() / "ernte.db";
        m_config.contact = "test@example.org";
        m_config.vocabularies = ERNTE_SOURCE_DIR "/schemas/vocab";
        m_config.sources.push_back(source(m_server.base_url() + "/"));
    }

    static harvester::SourceConfig source(const std::string& url) {
        harvester::SourceConfig s;
        s.name = "portal";
        s.url = url;
        s.rows = 40;
        s.contributor_ids = {"http://dcat-ap.de/def/contributors/openNRW"};
        return s;
    }

    /// A full harvest of `url` (default: the portal in memory) into this catalogue.
    harvester::HarvestResult harvest(const std::string& url = {}) {
        if (!url.empty()) m_config.sources[0] = source(url);
        harvester::FetchOptions fo;
        fo.user_agent = harvester::user_agent(m_config);
        fo.retries = 0;
        harvester::Fetcher fetcher(fo);
        harvester::HarvestEnvironment env;
        env.config = &m_config;
        env.fetcher = &fetcher;
        env.vocab = &vocabularies();
        harvester::HarvestOptions options;
        options.force_full = true;
        return harvester::harvest_source(env, m_config.sources[0], options);
    }

    const std::filesystem::path& database() const { return m_config.database; }

private:
    testsupport::TempDir m_dir;
    testsupport::CkanPortal m_portal;
    testsupport::HttpServer m_server;
    harvester::Config m_config;
};

api::ServiceOptions service_options(const std::filesystem::path& database) {
    api::ServiceOptions options;
    options.database = database;
    options.public_url = "https://daten.example.org";
    options.catalog.title = "Katalog";
    options.vocabularies = ERNTE_SOURCE_DIR "/schemas/vocab";
    return options;
}

/// "name=value" with the value percent-encoded.
std::string url_encode_query(const std::string& name_value) {
    const auto eq = name_value.find('=');
    return name_value.substr(0, eq + 1) + url_encode(name_value.substr(eq + 1));
}

rapidjson::Document parse(const std::string& body) {
    rapidjson::Document doc;
    doc.Parse(body.c_str());
    EXPECT_FALSE(doc.HasParseError()) << body.substr(0, 300);
    return doc;
}

/// The catalogue of the first 60 Bonn packages, and the service over it.
class CkanApiTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_catalogue = new HarvestedCatalogue(
            std::vector<std::string>(demo_packages().begin(), demo_packages().begin() + 60));
        const auto result = s_catalogue->harvest();
        ASSERT_EQ(result.status, RunStatus::succeeded) << result.message;
        s_service = new api::Service(service_options(s_catalogue->database()), vocabularies());
    }
    static void TearDownTestSuite() {
        delete s_service;
        delete s_catalogue;
    }

    static api::Response get(const std::string& target) { return s_service->handle_request(api::Request::get(target)); }
    static api::Response post(const std::string& target, const std::string& body) {
        api::Request r;
        r.method = "POST";
        r.target = target;
        r.body = body;
        r.headers.emplace_back("content-type", "application/json");
        return s_service->handle_request(r);
    }
    /// The result of a successful action.
    static rapidjson::Document result(const std::string& target) {
        const auto response = get(target);
        EXPECT_EQ(response.status, 200) << target << "\n" << response.body.substr(0, 500);
        auto doc = parse(response.body);
        EXPECT_TRUE(doc.IsObject() && doc.HasMember("success") && doc["success"].GetBool()) << response.body.substr(0, 500);
        return doc;
    }
    /// package_search's count; -1 when the search failed.
    static int count_of(const std::string& query) {
        const auto response = get(search(query));
        EXPECT_EQ(response.status, 200) << query << "\n" << response.body.substr(0, 500);
        const auto doc = parse(response.body);
        if (response.status != 200 || !doc.IsObject() || !doc.HasMember("result")) return -1;
        return doc["result"]["count"].GetInt();
    }
    static std::vector<std::string> names_of(const rapidjson::Value& results) {
        std::vector<std::string> out;
        for (const auto& p : results.GetArray()) out.emplace_back(p["name"].GetString());
        return out;
    }
    static std::string search(const std::string& query) { return "/api/3/action/package_search?" + query; }

    static HarvestedCatalogue* s_catalogue;
    static api::Service* s_service;
};

HarvestedCatalogue* CkanApiTest::s_catalogue = nullptr;
api::Service* CkanApiTest::s_service = nullptr;

}  // namespace

TEST_F(CkanApiTest, EnvelopeHasHelpSuccessAndResult) {
    const auto doc = result("/api/3/action/package_list");
    EXPECT_STREQ(doc["help"].GetString(), "https://daten.example.org/api/3/action/help_show?name=package_list");
    ASSERT_TRUE(doc["result"].IsArray());
    EXPECT_EQ(doc["result"].Size(), 60u);
    std::vector<std::string> names;
    for (const auto& n : doc["result"].GetArray()) names.emplace_back(n.GetString());
    EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
    EXPECT_EQ(std::set<std::string>(names.begin(), names.end()).size(), names.size()) << "names are unique";
}

TEST_F(CkanApiTest, PackageListPages) {
    const auto all = result("/api/3/action/package_list");
    const auto page = result("/api/3/action/package_list?limit=5&offset=10");
    ASSERT_EQ(page["result"].Size(), 5u);
    for (unsigned i = 0; i < 5; ++i) EXPECT_STREQ(page["result"][i].GetString(), all["result"][10 + i].GetString());
}

TEST_F(CkanApiTest, PackageShowByIdOrNameAgreesWithSearch) {
    const auto found = result(search("rows=1"));
    const auto& package = found["result"]["results"][0];
    const std::string id = package["id"].GetString();
    const std::string name = package["name"].GetString();
    const auto by_id = result("/api/3/action/package_show?id=" + id);
    const auto by_name = result("/api/3/action/package_show?id=" + name);
    EXPECT_STREQ(by_id["result"]["name"].GetString(), name.c_str());
    EXPECT_STREQ(by_name["result"]["id"].GetString(), id.c_str());
    EXPECT_EQ(by_id["result"], package) << "package_show and package_search give the same dict";
    // The id is the UUIDv5 of the catalogue IRI.
    Store store(s_catalogue->database());
    const auto record = store.find_package(id);
    ASSERT_TRUE(record);
    EXPECT_EQ(id, ckan_package_id(record->iri));
    EXPECT_EQ(std::string(by_id["result"]["metadata_modified"].GetString()), ckan_timestamp(record->last_changed));
}

TEST_F(CkanApiTest, PostWithJsonBodyAnswersLikeGet) {
    const auto got = result(search("q=Schule&rows=3"));
    const auto response = post("/api/3/action/package_search", R"({"q": "Schule", "rows": 3})");
    ASSERT_EQ(response.status, 200) << response.body.substr(0, 300);
    const auto posted = parse(response.body);
    EXPECT_EQ(posted["result"]["count"], got["result"]["count"]);
    EXPECT_EQ(names_of(posted["result"]["results"]), names_of(got["result"]["results"]));
}

TEST_F(CkanApiTest, ErrorShapes) {
    {
        const auto r = get("/api/3/action/package_show?id=no-such-dataset");
        EXPECT_EQ(r.status, 404);
        const auto doc = parse(r.body);
        EXPECT_FALSE(doc["success"].GetBool());
        EXPECT_STREQ(doc["error"]["__type"].GetString(), "Not Found Error");
        EXPECT_NE(std::string(doc["error"]["message"].GetString()).find("no-such-dataset"), std::string::npos);
    }
    {
        const auto r = get("/api/3/action/package_show");
        EXPECT_EQ(r.status, 409);
        const auto doc = parse(r.body);
        EXPECT_STREQ(doc["error"]["__type"].GetString(), "Validation Error");
        EXPECT_STREQ(doc["error"]["id"][0].GetString(), "Missing value");
    }
    {
        const auto r = get("/api/3/action/package_search?rows=viele");
        EXPECT_EQ(r.status, 409);
        EXPECT_STREQ(parse(r.body)["error"]["rows"][0].GetString(), "Invalid integer");
    }
    {
        const auto r = get("/api/3/action/package_frobnicate");
        EXPECT_EQ(r.status, 400);
        EXPECT_EQ(r.body, "\"Bad request - Action name not known: package_frobnicate\"");
    }
    {
        const auto r = post("/api/3/action/package_search", "{\"q\": ");
        EXPECT_EQ(r.status, 400);
        EXPECT_NE(r.body.find("Bad request - JSON Error"), std::string::npos) << r.body;
    }
    {
        // A megabyte of brackets would overflow the stack of a recursive parser.
        const std::string deep = "{\"id\": " + std::string(1'000'000, '[') + std::string(1'000'000, ']') + "}";
        const auto r = post("/api/3/action/package_show", deep);
        EXPECT_EQ(r.status, 400);
        EXPECT_NE(r.body.find("JSON Error: the body is nested deeper than 32 levels"), std::string::npos) << r.body;
        const auto fq_list = get(search("fq_list=" + url_encode(std::string(500'000, '['))));
        EXPECT_EQ(fq_list.status, 409) << fq_list.body.substr(0, 200);
        const auto facets = get(search("facet.field=" + url_encode(std::string(500'000, '['))));
        EXPECT_EQ(facets.status, 409) << facets.body.substr(0, 200);
    }
}

TEST_F(CkanApiTest, BadSearchSyntaxIsASearchQueryErrorNamingTheClause) {
    for (const std::string query :
         {"fq=foo:bar", "fq=metadata_modified:{2020 TO *}", "fq=tags:\"offen", "fq=metadata_modified:[gestern TO *]",
          "sort=popularity desc", "fq=Schule", "facet.field=[\"flavour\"]", "facet.field=tags",
          "fq=tags:Schul*", "q=bogus:x"}) {
        const auto r = get(search(url_encode_query(query)));
        EXPECT_EQ(r.status, 409) << query << "\n" << r.body;
        const auto doc = parse(r.body);
        ASSERT_TRUE(doc.HasMember("error")) << r.body;
        EXPECT_STREQ(doc["error"]["__type"].GetString(), "Search Query Error") << query;
    }
    const auto r = get(search(url_encode_query("fq=foo:bar tags:x")));
    EXPECT_NE(r.body.find("foo:bar"), std::string::npos) << r.body;
}

TEST_F(CkanApiTest, SqlLookingAndHugeParametersAreHarmless) {
    for (const std::string query : {"q=%27%3B%20DROP%20TABLE%20datasets%3B--", "fq=tags:%22x%27%20OR%201%3D1--%22",
                                    "q=NEAR(a%20b)", "q=*", "start=2000000000", "rows=100000000",
                                    "q=a%20OR", "q=Haushalt%20-%20Plan", "fq=name:%22%27%22"}) {
        const auto r = get(search(query));
        EXPECT_EQ(r.status, 200) << query << "\n" << r.body.substr(0, 300);
    }
    // Unreadable, but never a failure of the server.
    EXPECT_EQ(get(search("q=%22%22%22")).status, 409);
    EXPECT_EQ(get(search("fq=tags:x%20OR%20tags:y")).status, 409);
    EXPECT_EQ(get(search("start=99999999999999999999")).status, 409);
    EXPECT_EQ(result(search("rows=100000000"))["result"]["results"].Size(), 60u);
    Store store(s_catalogue->database());
    EXPECT_EQ(store.count_datasets(model::RecordStatus::active), 60);
}

// Paging parameters as CKAN takes them: a number above search.rows_max is cut
// to 1000 silently; what is no number, negative, or too large for 64 bits is a
// Validation Error naming the parameter, never a failure of the server.
TEST_F(CkanApiTest, PagingParametersThatAreNoNaturalNumbersAreAValidationError) {
    const std::pair<std::string, std::string> bad[] = {
        {"package_search?rows=abc", "rows"},
        {"package_search?rows=99999999999999999999", "rows"},
        {"package_search?rows=-1", "rows"},
        {"package_search?rows=1e3", "rows"},
        {"package_search?rows=10.5", "rows"},
        {"package_search?start=-1", "start"},
        {"package_search?start=1e9", "start"},
        {"package_search?start=99999999999999999999", "start"},
        {"package_search?start=0x10", "start"},
        {"package_search?start=%2B5", "start"},
        {"package_search?start=" + std::string(5000, '9'), "start"},
        {"package_list?limit=abc", "limit"},
        {"package_list?limit=-5", "limit"},
        {"package_list?limit=99999999999999999999", "limit"},
        {"package_list?offset=-1", "offset"},
        {"package_list?offset=18446744073709551616", "offset"},
        {"organization_list?offset=99999999999999999999", "offset"},
        {"group_list?limit=viele", "limit"},
    };
    for (const auto& [query, parameter] : bad) {
        const auto r = get("/api/3/action/" + query);
        EXPECT_EQ(r.status, 409) << query << "\n" << r.body.substr(0, 300);
        const auto doc = parse(r.body);
        ASSERT_TRUE(doc.IsObject() && doc.HasMember("error")) << query << "\n" << r.body.substr(0, 300);
        EXPECT_FALSE(doc["success"].GetBool());
        EXPECT_STREQ(doc["error"]["__type"].GetString(), "Validation Error") << query;
        ASSERT_TRUE(doc["error"].HasMember(parameter.c_str())) << query << "\n" << r.body;
        ASSERT_TRUE(doc["error"][parameter.c_str()].IsArray() && doc["error"][parameter.c_str()].Size() == 1) << r.body;
        const std::string message = doc["error"][parameter.c_str()][0].GetString();
        EXPECT_TRUE(message == "Invalid integer" || message == "Must be a natural number") << query << ": " << message;
    }
    // In a JSON body too.
    for (const std::string body : {R"({"rows": -1})", R"({"rows": 1e30})", R"({"start": 99999999999999999999})",
                                   R"({"start": "abc"})", R"({"rows": [1]})"}) {
        const auto r = post("/api/3/action/package_search", body);
        EXPECT_EQ(r.status, 409) << body << "\n" << r.body;
        EXPECT_STREQ(parse(r.body)["error"]["__type"].GetString(), "Validation Error") << body;
    }

    // Valid numbers: a huge rows is cut to 1000 (CKAN's search.rows_max), a
    // start far beyond the end is an empty page with the full count.
    const auto many = result(search("rows=9223372036854775807"));
    EXPECT_EQ(many["result"]["results"].Size(), 60u);
    for (const std::string start : {"2000000000", "9223372036854775807"}) {
        const auto far = result(search("rows=1000&start=" + start));
        EXPECT_EQ(far["result"]["count"].GetInt(), 60) << start;
        EXPECT_EQ(far["result"]["results"].Size(), 0u) << start;
    }
    const auto far_list = result("/api/3/action/package_list?offset=9223372036854775807&limit=9223372036854775807");
    EXPECT_EQ(far_list["result"].Size(), 0u);
    const auto whole_list = result("/api/3/action/package_list?offset=0&limit=9223372036854775807");
    EXPECT_EQ(whole_list["result"].Size(), 60u);
    const auto far_orgs = result("/api/3/action/organization_list?offset=9223372036854775807&limit=5");
    EXPECT_EQ(far_orgs["result"].Size(), 0u);
}

TEST_F(CkanApiTest, FilterQueries) {
    const auto all = result(search("rows=0&facet.field=" + url_encode(R"(["organization","tags","res_format","license_id","groups"])")));
    EXPECT_EQ(all["result"]["count"].GetInt(), 60);
    const auto& facets = all["result"]["facets"];
    for (const char* field : {"organization", "tags", "res_format", "license_id"}) {
        ASSERT_TRUE(facets.HasMember(field)) << field;
        ASSERT_GT(facets[field].MemberCount(), 0u) << field;
        // Every facet value, as a filter, finds as many datasets as it counts.
        const auto& first = *facets[field].MemberBegin();
        const std::string value = first.name.GetString();
        const auto filtered = result(search("rows=1000&fq=" + url_encode(std::string(field) + ":\"" + value + "\"")));
        EXPECT_EQ(filtered["result"]["count"].GetInt(), first.value.GetInt()) << field << " " << value;
        for (const auto& p : filtered["result"]["results"].GetArray()) {
            bool has = false;
            if (std::string(field) == "organization") has = p["organization"]["name"].GetString() == value;
            if (std::string(field) == "license_id") has = p["license_id"].GetString() == value;
            if (std::string(field) == "tags") {
                for (const auto& t : p["tags"].GetArray()) has = has || t["name"].GetString() == value;
            }
            if (std::string(field) == "res_format") {
                for (const auto& res : p["resources"].GetArray()) has = has || res["format"].GetString() == value;
            }
            EXPECT_TRUE(has) << field << " " << value << " " << p["name"].GetString();
        }
        // Negated, the rest.
        const auto rest = result(search("rows=0&fq=" + url_encode("-" + std::string(field) + ":\"" + value + "\"")));
        EXPECT_EQ(rest["result"]["count"].GetInt(), 60 - first.value.GetInt()) << field;
    }
    // search_facets carry titles and items.
    const auto& items = all["result"]["search_facets"]["organization"]["items"];
    ASSERT_GT(items.Size(), 0u);
    EXPECT_TRUE(items[0].HasMember("display_name"));
    EXPECT_STREQ(all["result"]["search_facets"]["organization"]["title"].GetString(), "organization");
    // Two clauses: both hold.
    const auto& org = *facets["organization"].MemberBegin();
    const auto& format = *facets["res_format"].MemberBegin();
    const auto both = result(search("rows=0&fq=" + url_encode(std::string("+organization:\"") + org.name.GetString() +
                                                                  "\" AND res_format:\"" + format.name.GetString() + "\"")));
    EXPECT_LE(both["result"]["count"].GetInt(), std::min(org.value.GetInt(), format.value.GetInt()));
}

TEST_F(CkanApiTest, ModifiedRangeAndSorting) {
    const auto newest = result(search("rows=60&sort=" + url_encode("metadata_modified desc")));
    std::vector<std::string> times;
    for (const auto& p : newest["result"]["results"].GetArray()) times.emplace_back(p["metadata_modified"].GetString());
    EXPECT_TRUE(std::is_sorted(times.rbegin(), times.rend()));
    EXPECT_EQ(count_of("fq=" + url_encode("metadata_modified:[2000-01-01T00:00:00Z TO *]")), 60);
    EXPECT_EQ(count_of("fq=" + url_encode("metadata_modified:[* TO 2000-01-01T00:00:00Z]")), 0);
    EXPECT_EQ(count_of("fq=" + url_encode("metadata_modified:[NOW-1DAY TO NOW]")), 60);

    const auto by_name = result(search("rows=60&sort=" + url_encode("name asc")));
    const auto names = names_of(by_name["result"]["results"]);
    EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
    EXPECT_STREQ(by_name["result"]["sort"].GetString(), "name asc");
    const auto by_id = result(search("rows=60&sort=" + url_encode("id desc")));
    std::vector<std::string> ids;
    for (const auto& p : by_id["result"]["results"].GetArray()) ids.emplace_back(p["id"].GetString());
    EXPECT_TRUE(std::is_sorted(ids.rbegin(), ids.rend()));
}

TEST_F(CkanApiTest, PagesDoNotOverlapAndCoverEverything) {
    std::set<std::string> seen;
    for (int start = 0; start < 60; start += 7) {
        const auto page = result(search("rows=7&sort=" + url_encode("id asc") + "&start=" + std::to_string(start)));
        for (const auto& n : names_of(page["result"]["results"])) EXPECT_TRUE(seen.insert(n).second) << n;
    }
    EXPECT_EQ(seen.size(), 60u);
    EXPECT_EQ(result(search("start=60"))["result"]["results"].Size(), 0u);
    EXPECT_EQ(result(search("rows=2000"))["result"]["results"].Size(), 60u);
}

TEST_F(CkanApiTest, FullTextFindsTitlesAndRanksThemFirst) {
    const auto r = result(search("q=Schulstatistik"));
    ASSERT_GT(r["result"]["count"].GetInt(), 0);
    EXPECT_NE(std::string(r["result"]["results"][0]["title"].GetString()).find("Schulstatistik"), std::string::npos);
    // Prefix: the start of a word finds it.
    EXPECT_EQ(result(search("q=Schulstat"))["result"]["count"], r["result"]["count"]);
    EXPECT_EQ(count_of("q=" + url_encode("*:*")), 60);
    EXPECT_EQ(count_of("q=xyzzyquux"), 0);
    // Field queries as CKAN users write them.
    const auto name = std::string(r["result"]["results"][0]["name"].GetString());
    EXPECT_EQ(count_of("q=name:" + name), 1);
}

TEST_F(CkanApiTest, OrganizationsAreThePublishers) {
    const auto list = result("/api/3/action/organization_list?all_fields=true&sort=" + url_encode("package_count desc"));
    ASSERT_GT(list["result"].Size(), 0u);
    int total = 0;
    for (const auto& o : list["result"].GetArray()) total += o["package_count"].GetInt();
    EXPECT_EQ(total, 60);
    const auto& first = list["result"][0];
    const std::string name = first["name"].GetString();
    EXPECT_STREQ(first["id"].GetString(), ckan_organization_id(name).c_str());
    const auto shown = result("/api/3/action/organization_show?include_datasets=true&id=" + name);
    EXPECT_EQ(shown["result"]["package_count"], first["package_count"]);
    EXPECT_EQ(static_cast<int>(shown["result"]["packages"].Size()), first["package_count"].GetInt());
    for (const auto& p : shown["result"]["packages"].GetArray()) {
        EXPECT_EQ(p["organization"]["id"], first["id"]) << "organization_show agrees with the package dicts";
    }
    const auto by_id = result(std::string("/api/3/action/organization_show?id=") + first["id"].GetString());
    EXPECT_STREQ(by_id["result"]["name"].GetString(), name.c_str());
    EXPECT_EQ(get("/api/3/action/organization_show?id=gibt-es-nicht").status, 404);
    const auto names = result("/api/3/action/organization_list?limit=1&offset=0&sort=" + url_encode("name asc"));
    ASSERT_EQ(names["result"].Size(), 1u);
    EXPECT_TRUE(names["result"][0].IsString());
}

TEST_F(CkanApiTest, GroupsTagsLicencesAndStatus) {
    const auto groups = result("/api/3/action/group_list?all_fields=true&sort=name");
    const auto ckan_vocab = CkanVocabulary::load(ERNTE_SOURCE_DIR "/schemas/vocab", vocabularies());
    EXPECT_EQ(groups["result"].Size(), ckan_vocab.groups().size()) << "one group per EU data theme";
    EXPECT_TRUE(groups["result"][0].HasMember("package_count"));
    const auto names = result("/api/3/action/group_list");
    EXPECT_TRUE(names["result"][0].IsString());

    const auto tags = result("/api/3/action/tag_list");
    ASSERT_GT(tags["result"].Size(), 0u);
    const std::string tag = tags["result"][0].GetString();
    const auto some = result("/api/3/action/tag_list?query=" + url_encode(tag.substr(0, 3)));
    EXPECT_GE(some["result"].Size(), 1u);
    for (const auto& t : some["result"].GetArray()) {
        EXPECT_NE(std::string(t.GetString()).find(tag.substr(0, 3)), std::string::npos);
    }

    const auto licences = result("/api/3/action/license_list");
    ASSERT_GT(licences["result"].Size(), 10u);
    for (const auto& l : licences["result"].GetArray()) {
        EXPECT_TRUE(l.HasMember("id") && l.HasMember("title") && l.HasMember("url") && l.HasMember("status"));
    }
    const auto status = result("/api/3/action/status_show");
    EXPECT_TRUE(status["result"].HasMember("ckan_version"));
    EXPECT_STREQ(status["result"]["site_url"].GetString(), "https://daten.example.org");
}

// The package_search envelope has the members CKAN's API documentation gives
// it, and a package dict has the members of the package dicts real CKAN
// instances wrote (tests/data/ckan, see its README), with the same JSON types
// where those have a value.
TEST_F(CkanApiTest, SearchAnswerHasTheShapeOfARealOne) {
    const auto ours = result(search("rows=2&facet.field=" + url_encode(R"(["tags"])")));
    for (const char* key : {"count", "facets", "results", "sort", "search_facets"}) {
        EXPECT_TRUE(ours["result"].HasMember(key)) << key;
    }
    EXPECT_TRUE(ours["result"]["count"].IsInt());
    EXPECT_TRUE(ours["result"]["facets"].IsObject());
    EXPECT_TRUE(ours["result"]["search_facets"]["tags"]["items"].IsArray());
    const auto& package = ours["result"]["results"][0];
    const auto json_type = [](const rapidjson::Value& v) {
        return v.IsBool() ? std::string("boolean") : v.IsNumber() ? std::string("number") : std::to_string(v.GetType());
    };
    int compared = 0;
    for (const char* file : {"dkan-french-w-license.json", "full_ckan_dataset_legacy.json", "health_dcat_ap.json"}) {
        std::ifstream in(std::string(ERNTE_TEST_DATA "/ckan/") + file, std::ios::binary);
        const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        const auto doc = parse(text);
        const rapidjson::Value* real = doc.IsObject() && doc.HasMember("result") ? &doc["result"] : &doc;
        if (real->IsArray()) real = &(*real)[0];
        ASSERT_TRUE(real->IsObject()) << file;
        for (const char* key : {"id", "name", "title", "notes", "license_id", "metadata_created", "metadata_modified",
                                "state", "type", "private", "organization", "groups", "tags", "extras", "resources",
                                "num_resources", "num_tags", "owner_org"}) {
            ASSERT_TRUE(package.HasMember(key)) << key;
            if (!real->HasMember(key) || (*real)[key].IsNull()) continue;  // not every CKAN version writes each one
            EXPECT_EQ(json_type(package[key]), json_type((*real)[key])) << file << ": " << key;
            ++compared;
        }
    }
    EXPECT_GT(compared, 30);
}

TEST_F(CkanApiTest, OtherMethodsAreRefused) {
    api::Request r = api::Request::get("/api/3/action/package_list");
    r.method = "DELETE";
    EXPECT_EQ(s_service->handle_request(r).status, 405);
}

// ------------------------------------------------------------ search in the store

namespace {

SourceRecord german_record(int n, std::string title, std::string description, std::vector<std::string> keywords) {
    SourceRecord r;
    r.source_key = "key" + std::to_string(n);
    r.dataset.iri = "https://daten.example.org/dataset/" + std::to_string(n);
    r.dataset.title = {{std::move(title), "de"}};
    r.dataset.description = {{std::move(description), "de"}};
    for (auto& k : keywords) r.dataset.keywords.push_back({std::move(k), "de"});
    r.dataset.publisher.name = "Stadt Köln";
    r.raw = model::to_json(r.dataset);
    r.content_hash = "hash" + std::to_string(n) + r.raw;
    return r;
}

std::vector<std::int64_t> found(const Store& store, const std::string& text) {
    SearchQuery q;
    q.text = text;
    q.rows = 100;
    return store.search(q).dataset_ids;
}

}  // namespace

/// A store with one source and a full run under way, for the search tests.
class CkanSearch : public ::testing::Test {
protected:
    testsupport::TempDir dir;
    Store store{dir.path() / "s.db"};
    const std::int64_t source = store.ensure_source({"s", "ckan", "https://example.org", 0});
    const std::int64_t run = store.begin_run(source, RunMode::full);
};

TEST_F(CkanSearch, GermanWordsAreFoundInEverySpelling) {
    UpsertPlace a, b, c, d;
    store.upsert(source, run, german_record(1, "Straßenbäume in Köln", "Alle Bäume an Straßen.", {"Umwelt"}), &a);
    store.upsert(source, run, german_record(2, "Haushaltsplan 2024", "Der Plan der Stadt.", {"Finanzen"}), &b);
    store.upsert(source, run, german_record(3, "Schulen", "Über Schülerinnen und Schüler.", {"Bildung"}), &c);
    store.upsert(source, run, german_record(4, "Café-Standorte", "Übersicht", {"Gastronomie"}), &d);

    using V = std::vector<std::int64_t>;
    EXPECT_EQ(found(store, "Strasse"), V{a.dataset_id}) << "ss finds ß";
    EXPECT_EQ(found(store, "Straße"), V{a.dataset_id});
    EXPECT_EQ(found(store, "STRASSENBAEUME"), V{a.dataset_id}) << "ae finds ä, case ignored";
    EXPECT_EQ(found(store, "Baeume"), V{a.dataset_id});
    EXPECT_EQ(found(store, "koeln"), V{a.dataset_id});
    EXPECT_EQ(found(store, "Haushalt"), V{b.dataset_id}) << "prefix";
    EXPECT_EQ(found(store, "Schueler"), V{c.dataset_id});
    EXPECT_EQ(found(store, "cafe"), V{d.dataset_id}) << "other diacritics removed";
    EXPECT_EQ(found(store, "Finanzen"), V{b.dataset_id}) << "keywords";
    EXPECT_EQ(found(store, "Haushalt Bildung"), V{}) << "all words must match";
    EXPECT_EQ(found(store, "Haushalt OR Bildung").size(), 2u);
    EXPECT_EQ(found(store, "\"Plan der Stadt\""), V{b.dataset_id});
    EXPECT_EQ(search_fold("Größe ẞ Ärger"), "Groesse SS Aerger");
}

TEST_F(CkanSearch, TitleMatchesRankBeforeDescriptionMatches) {
    UpsertPlace in_text, in_title;
    store.upsert(source, run, german_record(1, "Verkehr", "Radwege und Parkplätze der Innenstadt, lang beschrieben.", {}), &in_text);
    store.upsert(source, run, german_record(2, "Parkplätze", "Eine Liste.", {}), &in_title);
    EXPECT_EQ(found(store, "Parkplaetze"), (std::vector<std::int64_t>{in_title.dataset_id, in_text.dataset_id}));
}

TEST_F(CkanSearch, NamesAreUniqueAndKeptWithdrawnAreNotFound) {
    UpsertPlace first, second;
    store.upsert(source, run, german_record(1, "Bäume", "eins", {}), &first);
    store.upsert(source, run, german_record(2, "Bäume", "zwei", {}), &second);
    const auto one = store.find(std::to_string(first.dataset_id));
    const auto two = store.find(std::to_string(second.dataset_id));
    EXPECT_EQ(one->package_name, "baeume");
    EXPECT_EQ(two->package_name, "baeume-2");
    EXPECT_EQ(one->package_id, ckan_package_id("https://daten.example.org/dataset/1"));
    // A new title keeps the name.
    auto renamed = german_record(1, "Straßenbäume", "eins", {});
    store.upsert(source, run, renamed);
    EXPECT_EQ(store.find(std::to_string(first.dataset_id))->package_name, "baeume");
    EXPECT_EQ(found(store, "Strassenbaeume"), std::vector<std::int64_t>{first.dataset_id}) << "the text follows";
    // Withdrawn datasets are not found.
    store.finish_run(run, RunStatus::succeeded, {}, "");
    const auto next = store.begin_run(source, RunMode::full);
    store.upsert(source, next, german_record(2, "Bäume", "zwei", {}));
    store.retract_unseen(source, next, 1.0);
    EXPECT_EQ(found(store, "").size(), 2u) << "deprecated ones are found";
    store.set_clock([] { return std::chrono::system_clock::now() + std::chrono::hours(24 * 60); });
    store.withdraw_expired(std::chrono::hours(24 * 30));
    EXPECT_EQ(found(store, ""), std::vector<std::int64_t>{second.dataset_id});
    EXPECT_FALSE(store.find_package("baeume")->status == model::RecordStatus::active);
    EXPECT_EQ(store.package_names(0, -1), std::vector<std::string>{"baeume-2"});
}

// A package id is the IRI's and kept: a dataset that comes with an IRI whose
// id another dataset holds (it had that IRI before) gets an id of its own.
TEST_F(CkanSearch, AnIriWhoseIdIsTakenGivesAnIdOfItsOwn) {
    UpsertPlace first, second;
    store.upsert(source, run, german_record(1, "Bäume", "eins", {}), &first);
    auto moved = german_record(1, "Bäume", "eins", {});
    moved.dataset.iri = "https://daten.example.org/dataset/1-neu";
    moved.content_hash += "moved";
    store.upsert(source, run, moved);
    auto newcomer = german_record(2, "Bäume", "zwei", {});
    newcomer.dataset.iri = "https://daten.example.org/dataset/1";
    store.upsert(source, run, newcomer, &second);
    ASSERT_NE(first.dataset_id, second.dataset_id);
    const auto one = store.find(std::to_string(first.dataset_id));
    const auto two = store.find(std::to_string(second.dataset_id));
    ASSERT_TRUE(one && two);
    EXPECT_EQ(one->dataset.iri, "https://daten.example.org/dataset/1-neu");
    EXPECT_EQ(one->package_id, ckan_package_id("https://daten.example.org/dataset/1"));
    EXPECT_EQ(two->package_id, ckan_uuid("urn:ernte:dataset:" + std::to_string(second.dataset_id)));
    EXPECT_EQ(one->package_name, "baeume");
    EXPECT_EQ(two->package_name, "baeume-2");
    EXPECT_EQ(store.find_package(two->package_id)->id, second.dataset_id);
}

// ------------------------------------------------------------ end to end

// ernte's CKAN harvester, pointed at the served /api/3/action/ of a catalogue,
// gets back the records the catalogue holds.
TEST(CkanApiEndToEnd, HarvestedAgainGivesTheSameRecords) {
    HarvestedCatalogue original(std::vector<std::string>(demo_packages().begin(), demo_packages().begin() + 90));
    ASSERT_EQ(original.harvest().status, RunStatus::succeeded);
    std::map<std::string, model::Dataset> records;
    {
        Store store(original.database());
        store.for_each_dataset({}, [&](const CatalogRecord& r) { records.emplace(r.package_id, r.dataset); });
    }
    ASSERT_EQ(records.size(), 90u);

    api::Service service(service_options(original.database()), vocabularies());
    api::ServerOptions server_options;
    server_options.port = 0;
    api::HttpServer server(server_options, [&](const api::Request& r) { return service.handle_request(r); });
    server.start();

    HarvestedCatalogue downstream({});
    const auto again = downstream.harvest("http://127.0.0.1:" + std::to_string(server.port()));
    ASSERT_EQ(again.status, RunStatus::succeeded) << again.message;
    EXPECT_GT(again.counts.pages, 1) << "read in pages";
    Store store(downstream.database());
    std::size_t compared = 0;
    store.for_each_dataset({}, [&](const CatalogRecord& r) {
        // The downstream source key is the package id the catalogue served.
        const auto it = records.find(r.dataset.source_id);
        ASSERT_NE(it, records.end()) << r.dataset.source_id;
        auto a = testsupport::comparable_after_export(it->second);
        auto b = testsupport::comparable_after_export(r.dataset);
        // What a delivery is, not what the dataset is: the source's own id and
        // name (the catalogue's package id and name downstream), and the
        // delivered originals (the dict gives normalized values).
        a.source_id = b.source_id;
        a.name = b.name;
        for (std::size_t i = 0; i < a.distributions.size() && i < b.distributions.size(); ++i) {
            a.distributions[i].source_id = b.distributions[i].source_id;  // resource ids are the catalogue's
        }
        // A record without issued/modified gets CKAN's metadata_created and
        // metadata_modified back (the normalizer's fallback for CKAN sources).
        if (a.issued.empty()) a.issued = b.issued;
        if (a.modified.empty()) a.modified = b.modified;
        // The catalogue's bookkeeping extra: which sources delivered it.
        std::erase_if(b.extra, [](const model::ExtraProperty& p) {
            return p.predicate.find("catalogue_sources") != std::string::npos;
        });
        EXPECT_EQ(a, b) << it->first << "\n" << testsupport::record_differences(a, b);
        ++compared;
    });
    EXPECT_EQ(compared, 90u);
}

// ------------------------------------------------------------ text with facets

// A generated catalogue of 3,000 datasets (ERNTE_CKAN_SEARCH_N sets another
// number; scripts/bench serve measures the speed at 100,000): every facet
// count of a full-text search equals the count of the same search filtered
// by that value, and the counts of a word add up across a facet.
TEST(CkanSearchLarge, FacetCountsOfATextSearchEqualTheFilteredCounts) {
    const char* n_text = std::getenv("ERNTE_CKAN_SEARCH_N");
    const int n = n_text != nullptr ? std::atoi(n_text) : 3000;
    testsupport::TempDir dir;
    const auto database = dir.path() / "large.db";
    static const char* words[] = {"Haushalt", "Bäume", "Straßen", "Schulen", "Verkehr", "Wahlen", "Umwelt",
                                  "Parkplätze", "Radwege", "Bevölkerung", "Kitas", "Spielplätze", "Abfall",
                                  "Wasser", "Luftqualität", "Bebauungspläne", "Haltestellen", "Denkmäler"};
    constexpr int k_words = sizeof words / sizeof *words;
    {
        Store store(database);
        const auto source = store.ensure_source({"large", "ckan", "https://example.org", 0});
        const auto run = store.begin_run(source, RunMode::full);
        Store::Transaction tx(store);
        for (int i = 0; i < n; ++i) {
            SourceRecord r;
            r.source_key = "k" + std::to_string(i);
            r.dataset.iri = "https://daten.example.org/dataset/" + std::to_string(i);
            r.dataset.title = {{std::string(words[i % k_words]) + " " + words[(i / 7) % k_words] + " " +
                                    std::to_string(2000 + i % 25),
                                "de"}};
            r.dataset.description = {{std::string("Daten über ") + words[(i / 3) % k_words] + " und " +
                                          words[(i / 11) % k_words] + " der Stadt, jährlich aktualisiert.",
                                      "de"}};
            r.dataset.keywords = {{words[i % k_words], "de"}, {words[(i / 5) % k_words], "de"}};
            r.dataset.publisher.name = "Stadt " + std::to_string(i % 60);
            r.dataset.themes = {"http://publications.europa.eu/resource/authority/data-theme/" +
                                std::string(i % 2 ? "ENVI" : "SOCI")};
            model::Distribution d;
            d.access_urls = {"https://daten.example.org/files/" + std::to_string(i) + ".csv"};
            d.format = std::string("http://publications.europa.eu/resource/authority/file-type/") +
                       (i % 3 ? "CSV" : "JSON");
            r.dataset.distributions.push_back(d);
            r.raw = "{}";
            r.content_hash = "h" + std::to_string(i);
            store.upsert(source, run, r);
        }
        tx.commit();
    }
    api::ServiceOptions options = service_options(database);
    options.response_cache_bytes = 0;
    api::Service service(options, vocabularies());
    const auto answer = [&](const std::string& target) {
        const auto r = service.handle_request(api::Request::get(target));
        EXPECT_EQ(r.status, 200) << target << "\n" << r.body.substr(0, 300);
        return parse(r.body);
    };
    const auto count_of = [&](const std::string& query) {
        const auto doc = answer("/api/3/action/package_search?rows=0&" + query);
        return doc["result"]["count"].GetInt();
    };
    // The facets are counted from the service's facet index once it is
    // built (a search that finds none asks for it in the background).
    answer("/api/3/action/package_search?rows=0&facet.field=" + url_encode(R"(["organization"])"));
    for (int i = 0; i < 600 && service.facet_indexes().builds() == 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    ASSERT_EQ(service.facet_indexes().builds(), 1);
    for (const char* word : {"Verkehr", "Bäume", "Luftqual"}) {
        const std::string q = "q=" + url_encode(word);
        const int total = count_of(q);
        ASSERT_GT(total, 0) << word;
        const auto doc = answer("/api/3/action/package_search?rows=0&" + q + "&facet.limit=-1&facet.field=" +
                                url_encode(R"(["organization","tags","res_format","groups"])"));
        EXPECT_EQ(doc["result"]["count"].GetInt(), total) << word;
        const auto& facets = doc["result"]["facets"];
        for (const char* field : {"organization", "tags", "res_format", "groups"}) {
            ASSERT_TRUE(facets.HasMember(field)) << word << " " << field;
            ASSERT_GT(facets[field].MemberCount(), 0u) << word << " " << field;
            int sum = 0;
            for (const auto& [value, count] : facets[field].GetObject()) {
                sum += count.GetInt();
                EXPECT_EQ(count_of(q + "&fq=" + url_encode(std::string(field) + ":\"" + value.GetString() + "\"")),
                          count.GetInt())
                    << word << " " << field << " " << value.GetString();
            }
            // One organization, one format and one theme per dataset here.
            if (std::string(field) != "tags") {
                EXPECT_EQ(sum, total) << word << " " << field;
            } else {
                EXPECT_GE(sum, total) << word << " " << field;
            }
        }
    }
}
