// Forwarding to a downstream CKAN (harvester/forward.hpp) against a real
// loopback CKAN that validates writes the way CKAN does, and the GovData
// profile (catalog/forward_profile.hpp) in the feed and its report.

#include "catalog/api/server.hpp"
#include "catalog/api/service.hpp"
#include "catalog/forward_profile.hpp"
#include "catalog/hash.hpp"
#include "catalog/store.hpp"
#include "catalog/vocab.hpp"
#include "harvester/fetch.hpp"
#include "harvester/forward.hpp"
#include "tests/support/ckan_downstream.hpp"
#include "tests/support/feed_catalogue.hpp"
#include "tests/support/http_server.hpp"
#include "tests/support/temp_dir.hpp"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <atomic>
#include <set>

using namespace ernte;

namespace {

constexpr const char* k_token = "secret-token-of-the-downstream";
constexpr const char* k_open_nrw = "http://dcat-ap.de/def/contributors/openNRW";
constexpr const char* k_licence = "http://dcat-ap.de/def/licenses/dl-by-de/2.0";

const catalog::Vocabularies& vocabularies() {
    static const catalog::Vocabularies vocab = catalog::Vocabularies::load(ERNTE_SOURCE_DIR "/schemas/vocab");
    return vocab;
}

const catalog::CkanVocabulary& ckan_vocabulary() {
    static const catalog::CkanVocabulary vocab =
        catalog::CkanVocabulary::load(ERNTE_SOURCE_DIR "/schemas/vocab", vocabularies());
    return vocab;
}

/// A record GovData accepts, unless the test takes something away.
model::Dataset govdata_record(const std::string& key, const std::string& title,
                              const std::string& publisher = "Stadt Moers") {
    model::Dataset d;
    d.iri = "https://daten.example.org/dataset/" + key;
    d.identifier = key;
    d.source_id = key;
    d.name = key;
    d.title = {{title, "de"}};
    d.description = {{"Beschreibung von " + title, "de"}};
    d.keywords = {{"Umwelt", "de"}};
    d.publisher.name = publisher;
    d.publisher.iri = "https://daten.example.org/org/" + catalog::ckan_name(publisher);
    d.contributor_ids = {k_open_nrw};
    d.modified = "2026-11-01";
    model::Distribution dist;
    dist.access_urls = {"https://daten.example.org/files/" + key + ".csv"};
    dist.format = "http://publications.europa.eu/resource/authority/file-type/CSV";
    dist.licence.iri = k_licence;
    dist.licence.original = k_licence;
    dist.licence.known = true;
    d.distributions.push_back(dist);
    return d;
}

/// A catalogue with one source whose records a test sets run by run.
class Catalogue {
public:
    Catalogue() : m_store(m_dir.path() / "ernte.db") {
        m_source = m_store.ensure_source({"moers", "ckan", "https://moers.example.org", 0});
    }

    /// A full run delivering exactly `records`; what it does not deliver is retracted.
    void run(const std::vector<model::Dataset>& records) {
        const auto run = m_store.begin_run(m_source, catalog::RunMode::full);
        for (const auto& d : records) {
            catalog::SourceRecord r;
            r.source_key = d.source_id;
            r.dataset = d;
            r.raw = model::to_json(d);
            r.content_hash = catalog::content_hash(r.raw);
            m_store.upsert(m_source, run, r);
        }
        m_store.retract_unseen(m_source, run, 1.0);
        m_store.finish_run(run, catalog::RunStatus::succeeded, {}, "");
    }

    catalog::Store& store() { return m_store; }
    const std::filesystem::path& database() const { return m_store.path(); }

private:
    testsupport::TempDir m_dir;
    catalog::Store m_store;
    std::int64_t m_source = 0;
};

/// A downstream CKAN on loopback and a target pointing at it.
class ForwardTest : public ::testing::Test {
protected:
    ForwardTest()
        : m_ckan(k_token, {"stadt-moers", "open-nrw"}),
          m_server([this](const testsupport::HttpRequest& r) { return m_ckan.handle(r); }) {
        m_target.name = "govdata";
        m_target.url = m_server.base_url();
        m_target.api_token_env = "ERNTE_TEST_TOKEN";
        m_target.organizations = {{"Stadt Moers", "stadt-moers"}};
        m_target.default_organization = "open-nrw";
        m_fetch.retries = 0;
        m_fetch.read_timeout = std::chrono::seconds(10);
    }

    harvester::ForwardReport forward(bool dry_run = false, std::string token = k_token) {
        harvester::Fetcher fetcher(m_fetch);
        harvester::ForwardOptions options;
        options.dry_run = dry_run;
        options.api_token = std::move(token);
        return harvester::forward_catalogue(m_target, m_catalogue.store(), vocabularies(), ckan_vocabulary(), fetcher,
                                            options);
    }

    std::size_t writes() const { return m_ckan.writes().size(); }

    Catalogue m_catalogue;
    testsupport::CkanDownstream m_ckan;
    testsupport::HttpServer m_server;
    harvester::ForwardConfig m_target;
    harvester::FetchOptions m_fetch;
};

const harvester::ForwardItem* item_of(const harvester::ForwardReport& report, const std::string& iri_tail) {
    for (const auto& item : report.items)
        if (item.iri.ends_with("/" + iri_tail)) return &item;
    return nullptr;
}

// ---------------------------------------------------------------- profile

TEST(GovDataProfile, ARecordWithWhatGovDataNeedsQualifies) {
    const auto verdict =
        catalog::check_profile(catalog::ForwardProfile::govdata, govdata_record("a", "Bäume"), vocabularies());
    EXPECT_TRUE(verdict.qualifies);
    EXPECT_TRUE(verdict.reasons.empty());
}

TEST(GovDataProfile, EveryMissingRequirementIsAReason) {
    auto rules_of = [](const model::Dataset& d) {
        const auto verdict = catalog::check_profile(catalog::ForwardProfile::govdata, d, vocabularies());
        EXPECT_FALSE(verdict.qualifies);
        std::set<std::string> rules;
        for (const auto& r : verdict.reasons) {
            EXPECT_FALSE(r.message_de.empty());
            EXPECT_FALSE(r.message_en.empty());
            rules.insert(r.rule);
        }
        return rules;
    };
    auto no_contributor = govdata_record("a", "Bäume");
    no_contributor.contributor_ids.clear();
    EXPECT_EQ(rules_of(no_contributor), std::set<std::string>{"db.contributorID"});

    auto no_publisher = govdata_record("a", "Bäume");
    no_publisher.publisher = {};
    EXPECT_TRUE(rules_of(no_publisher).contains("db.publisher"));

    auto no_distribution = govdata_record("a", "Bäume");
    no_distribution.distributions.clear();
    EXPECT_EQ(rules_of(no_distribution), std::set<std::string>{"conv.dataset.distribution"});

    auto unlicensed = govdata_record("a", "Bäume");
    unlicensed.distributions.front().licence = {};
    EXPECT_TRUE(rules_of(unlicensed).contains("db.license"));

    auto everything = govdata_record("a", "Bäume");
    everything.contributor_ids.clear();
    everything.publisher = {};
    const auto all = rules_of(everything);
    EXPECT_TRUE(all.contains("db.contributorID"));
    EXPECT_TRUE(all.contains("db.publisher"));

    // Findings of other rules (a missing theme, K30) do not hold a dataset back.
    const auto verdict =
        catalog::check_profile(catalog::ForwardProfile::govdata, govdata_record("a", "Bäume"), vocabularies());
    EXPECT_TRUE(verdict.qualifies);
    EXPECT_TRUE(catalog::check_profile(catalog::ForwardProfile::all, everything, vocabularies()).qualifies);
}

TEST(GovDataProfile, VerdictsAreKeptAndOnlyChangedRecordsJudgedAgain) {
    Catalogue catalogue;
    auto held = govdata_record("c", "Ohne ID");
    held.contributor_ids.clear();
    catalogue.run({govdata_record("a", "Bäume"), govdata_record("b", "Parkplätze"), held});
    auto& store = catalogue.store();
    EXPECT_EQ(catalog::refresh_profile_verdicts(store, catalog::ForwardProfile::govdata, vocabularies()), 3);
    EXPECT_EQ(catalog::refresh_profile_verdicts(store, catalog::ForwardProfile::govdata, vocabularies()), 0)
        << "nothing changed: nothing is judged again";
    EXPECT_EQ(store.profile_counts("govdata"), (std::pair<std::int64_t, std::int64_t>{2, 1}));
    const auto rows = store.held_back("govdata", {0, 10});
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].title, "Ohne ID");
    EXPECT_NE(rows[0].reasons.find("db.contributorID"), std::string::npos);

    held.contributor_ids = {k_open_nrw};
    catalogue.run({govdata_record("a", "Bäume"), govdata_record("b", "Parkplätze"), held});
    EXPECT_EQ(catalog::refresh_profile_verdicts(store, catalog::ForwardProfile::govdata, vocabularies()), 1)
        << "only the changed record is judged again";
    EXPECT_EQ(store.profile_counts("govdata"), (std::pair<std::int64_t, std::int64_t>{3, 0}));

    // Withdrawn datasets lose their verdicts.
    catalogue.run({govdata_record("a", "Bäume")});
    store.withdraw_expired(std::chrono::seconds(-1));
    catalog::refresh_profile_verdicts(store, catalog::ForwardProfile::govdata, vocabularies());
    EXPECT_EQ(store.profile_counts("govdata"), (std::pair<std::int64_t, std::int64_t>{1, 0}));
}

// ---------------------------------------------------------------- push

TEST_F(ForwardTest, CreatesQualifyingDatasetsAndHoldsBackTheRest) {
    auto held = govdata_record("d", "Ohne ID");
    held.contributor_ids.clear();
    m_catalogue.run({govdata_record("a", "Bäume in Moers"), govdata_record("b", "Parkplätze"),
                     govdata_record("c", "Haushalt", "Kreis Wesel"), held});
    const auto report = forward();
    EXPECT_TRUE(report.stopped.empty()) << report.stopped;
    EXPECT_EQ(report.selected, 3);
    EXPECT_EQ(report.held_back, 1);
    EXPECT_EQ(report.created, 3);
    EXPECT_EQ(report.refused, 0);
    EXPECT_EQ(m_ckan.active_count(), 3u);
    const auto a_record = govdata_record("a", "Bäume in Moers");
    const auto a = m_ckan.by_name(
        catalog::ckan_package_name(a_record, catalog::ckan_package_id(a_record.iri)));
    ASSERT_TRUE(a) << "named as the catalogue's CKAN API names it";
    EXPECT_EQ(a->name, "baeume-in-moers");
    EXPECT_EQ(a->owner_org, "stadt-moers");
    const auto c = item_of(report, "c");
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->owner_org, "open-nrw") << "an unmapped publisher goes to the default organization";
    EXPECT_EQ(item_of(report, "d"), nullptr) << "held back: not sent";

    // What CKAN computes itself is not sent; what it needs is.
    rapidjson::Document sent;
    sent.Parse(a->json.c_str());
    EXPECT_FALSE(sent.HasMember("metadata_modified"));
    EXPECT_FALSE(sent.HasMember("organization"));
    EXPECT_TRUE(sent.HasMember("extras"));
    ASSERT_TRUE(sent["resources"].IsArray());
    EXPECT_FALSE(sent["resources"][0].HasMember("package_id"));
    EXPECT_EQ(m_catalogue.store().forward_pushes("govdata").size(), 3u);
}

TEST_F(ForwardTest, AnUnchangedCatalogueSendsNothingAgain) {
    m_catalogue.run({govdata_record("a", "Bäume"), govdata_record("b", "Parkplätze")});
    ASSERT_EQ(forward().created, 2);
    const std::size_t before = writes();
    const auto again = forward();
    EXPECT_EQ(again.unchanged, 2);
    EXPECT_EQ(again.created + again.updated + again.deleted, 0);
    EXPECT_EQ(writes(), before) << "nothing was sent";
}

TEST_F(ForwardTest, AChangedRecordIsUpdatedUnderItsName) {
    m_catalogue.run({govdata_record("a", "Bäume"), govdata_record("b", "Parkplätze")});
    const auto first = forward();
    ASSERT_EQ(first.created, 2);
    const std::string name = item_of(first, "a")->name;
    m_catalogue.run({govdata_record("a", "Bäume 2026 (neu)"), govdata_record("b", "Parkplätze")});
    const auto second = forward();
    EXPECT_EQ(second.updated, 1);
    EXPECT_EQ(second.unchanged, 1);
    ASSERT_NE(item_of(second, "a"), nullptr);
    EXPECT_EQ(item_of(second, "a")->name, name) << "the name stays although the title changed";
    const auto package = m_ckan.by_name(name);
    ASSERT_TRUE(package);
    EXPECT_NE(package->json.find("Bäume 2026 (neu)"), std::string::npos);
    EXPECT_EQ(m_ckan.active_count(), 2u);
}

TEST_F(ForwardTest, WithdrawnAndNoLongerQualifyingDatasetsAreDeleted) {
    m_catalogue.run({govdata_record("a", "Bäume"), govdata_record("b", "Parkplätze"), govdata_record("c", "Haushalt")});
    ASSERT_EQ(forward().created, 3);
    // c leaves the source (deprecated, then withdrawn); b loses its contributor ID.
    auto b = govdata_record("b", "Parkplätze");
    b.contributor_ids.clear();
    m_catalogue.run({govdata_record("a", "Bäume"), b});
    m_catalogue.store().withdraw_expired(std::chrono::seconds(-1));
    const auto report = forward();
    EXPECT_EQ(report.deleted, 2) << harvester::forward_report_text(report);
    EXPECT_EQ(report.unchanged, 1);
    EXPECT_EQ(m_ckan.active_count(), 1u);
    EXPECT_EQ(m_catalogue.store().forward_pushes("govdata").size(), 1u);
    // Deleting again is not attempted.
    const std::size_t before = writes();
    EXPECT_EQ(forward().deleted, 0);
    EXPECT_EQ(writes(), before);
}

TEST_F(ForwardTest, DeletionsCanBeKept) {
    m_target.deletions = harvester::ForwardDeletions::keep;
    m_catalogue.run({govdata_record("a", "Bäume"), govdata_record("b", "Parkplätze")});
    ASSERT_EQ(forward().created, 2);
    auto b = govdata_record("b", "Parkplätze");
    b.contributor_ids.clear();
    m_catalogue.run({govdata_record("a", "Bäume"), b});
    const auto report = forward();
    EXPECT_EQ(report.kept, 1);
    EXPECT_EQ(report.deleted, 0);
    EXPECT_EQ(m_ckan.active_count(), 2u);
}

TEST_F(ForwardTest, ARefusedRecordIsReportedWithTheDownstreamsMessageAndTheRestGoesThrough) {
    m_target.organizations.emplace_back("Kreis Wesel", "kreis-wesel");  // no such organization downstream
    m_catalogue.run({govdata_record("a", "Bäume"), govdata_record("b", "Haushalt", "Kreis Wesel"),
                     govdata_record("c", "Parkplätze")});
    const auto report = forward();
    EXPECT_TRUE(report.stopped.empty());
    EXPECT_EQ(report.created, 2);
    EXPECT_EQ(report.refused, 1);
    EXPECT_FALSE(report.ok());
    const auto b = item_of(report, "b");
    ASSERT_NE(b, nullptr);
    EXPECT_EQ(b->action, harvester::ForwardAction::refused);
    EXPECT_EQ(b->message, "Validation Error: owner_org: Organization does not exist");
    EXPECT_EQ(m_catalogue.store().forward_pushes("govdata").size(), 2u) << "a refused record is not marked pushed";
    // It is tried again next time, the others are not.
    const std::size_t before = writes();
    const auto again = forward();
    EXPECT_EQ(again.refused, 1);
    EXPECT_EQ(again.unchanged, 2);
    EXPECT_EQ(writes(), before + 1);
}

TEST_F(ForwardTest, ARecordWithoutOrganizationIsNotSent) {
    m_target.default_organization.clear();
    m_catalogue.run({govdata_record("a", "Bäume"), govdata_record("b", "Haushalt", "Kreis Wesel")});
    const auto report = forward();
    EXPECT_EQ(report.created, 1);
    EXPECT_EQ(report.refused, 1);
    const auto b = item_of(report, "b");
    ASSERT_NE(b, nullptr);
    EXPECT_NE(b->message.find("no organization for publisher 'Kreis Wesel'"), std::string::npos) << b->message;
    EXPECT_EQ(writes(), 1u);
}

TEST_F(ForwardTest, ANameTakenDownstreamGetsTheDatasetsSuffixAndKeepsIt) {
    const auto record = govdata_record("a", "Bäume");
    const std::string taken = catalog::ckan_package_name(record, catalog::ckan_package_id(record.iri));
    m_ckan.add_foreign_package(taken, "open-nrw");
    m_catalogue.run({govdata_record("a", "Bäume")});
    const auto first = forward();
    ASSERT_EQ(first.created, 1) << harvester::forward_report_text(first);
    const std::string name = first.items.front().name;
    EXPECT_NE(name, taken);
    EXPECT_EQ(name.rfind(taken + "-", 0), 0u) << name;
    EXPECT_EQ(name.size(), taken.size() + 9);
    m_catalogue.run({govdata_record("a", "Bäume, geändert")});
    const auto second = forward();
    ASSERT_EQ(second.updated, 1);
    EXPECT_EQ(second.items.front().name, name);
    EXPECT_TRUE(m_ckan.by_name(taken)) << "the other package is left alone";
}

TEST_F(ForwardTest, AWrongTokenStopsTheRunAndMarksNothing) {
    m_catalogue.run({govdata_record("a", "Bäume"), govdata_record("b", "Parkplätze")});
    const auto report = forward(false, "wrong-token");
    EXPECT_FALSE(report.stopped.empty());
    EXPECT_NE(report.stopped.find("refused the API token"), std::string::npos) << report.stopped;
    EXPECT_NE(report.stopped.find("Authorization Error"), std::string::npos) << report.stopped;
    EXPECT_EQ(writes(), 1u) << "stopped at the first refusal";
    // The dataset being sent is named, as the refused ones are in the list.
    EXPECT_NE(report.stopped.find("; stopped while sending '"), std::string::npos) << report.stopped;
    EXPECT_NE(report.stopped.find("' (https://"), std::string::npos) << report.stopped;
    EXPECT_TRUE(m_catalogue.store().forward_pushes("govdata").empty());
    EXPECT_EQ(m_ckan.active_count(), 0u);
}

TEST_F(ForwardTest, AnUnreachableDownstreamStopsTheRun) {
    m_target.url = "http://127.0.0.1:" + std::to_string(testsupport::unused_port());
    m_catalogue.run({govdata_record("a", "Bäume")});
    const auto report = forward();
    EXPECT_NE(report.stopped.find("could not be reached"), std::string::npos) << report.stopped;
    EXPECT_TRUE(m_catalogue.store().forward_pushes("govdata").empty());
}

TEST_F(ForwardTest, ATargetThatIsNoCkanStopsTheRunAfterAFewAnswers) {
    // url: names a web site that is no CKAN: every answer is an HTML page.
    std::atomic<int> requests{0};
    testsupport::HttpServer site([&](const testsupport::HttpRequest&) {
        ++requests;
        return testsupport::HttpResponse::text("<!DOCTYPE HTML>\n<html lang=\"en\">\n  <head><title>Stadt</title>",
                                               "text/html", 501);
    });
    m_target.url = site.base_url();
    std::vector<model::Dataset> records;
    for (int i = 0; i < 12; ++i) records.push_back(govdata_record("r" + std::to_string(i), "Datensatz " + std::to_string(i)));
    m_catalogue.run(records);
    const auto report = forward();
    EXPECT_NE(report.stopped.find("3 answers in a row were no CKAN answers"), std::string::npos) << report.stopped;
    EXPECT_NE(report.stopped.find("HTTP 501"), std::string::npos) << report.stopped;
    EXPECT_NE(report.stopped.find("body starts with '<!DOCTYPE HTML> <html lang=\"en\"> <head>"), std::string::npos)
        << report.stopped;  // one line
    EXPECT_LE(requests.load(), 3);
    // The two answers before are refused items; the third dataset is named where the run stopped.
    EXPECT_EQ(report.refused, 2);
    ASSERT_EQ(report.items.size(), 2u);
    const auto third = report.stopped.find("; stopped while sending '");
    ASSERT_NE(third, std::string::npos) << report.stopped;
    for (const auto& item : report.items) {
        EXPECT_EQ(report.stopped.find(item.iri), std::string::npos) << item.iri << " was refused, not the third";
    }
    EXPECT_TRUE(m_catalogue.store().forward_pushes("govdata").empty());
}

TEST_F(ForwardTest, ADryRunSendsNothingAndSaysWhatWouldBeSent) {
    m_catalogue.run({govdata_record("a", "Bäume"), govdata_record("b", "Parkplätze")});
    const auto report = forward(true, "");
    EXPECT_TRUE(report.dry_run);
    EXPECT_EQ(report.created, 2);
    EXPECT_EQ(m_server.request_count(), 0u) << "a dry run asks the downstream nothing";
    EXPECT_TRUE(m_catalogue.store().forward_pushes("govdata").empty());
    EXPECT_NE(harvester::forward_report_text(report).find("would be created"), std::string::npos);
    // The real run afterwards does what the dry run said.
    EXPECT_EQ(forward().created, 2);
}

TEST_F(ForwardTest, ProfileAllAndASourceSelection) {
    m_target.profile = catalog::ForwardProfile::all;
    auto held = govdata_record("d", "Ohne ID");
    held.contributor_ids.clear();
    m_catalogue.run({govdata_record("a", "Bäume"), held});
    EXPECT_EQ(forward().created, 2) << "profile all sends every dataset";
    m_target.name = "other";
    m_target.publishers = {"Kreis Wesel"};
    const auto report = forward();
    EXPECT_EQ(report.selected, 0);
    EXPECT_EQ(report.created, 0);
}

TEST(CkanErrorText, NamesEveryFieldAndMessage) {
    EXPECT_EQ(harvester::ckan_error_text(
                  R"({"success": false, "error": {"__type": "Validation Error", "name": ["That URL is already in use."], "owner_org": ["Missing value"]}})"),
              "Validation Error: name: That URL is already in use.; owner_org: Missing value");
    EXPECT_EQ(harvester::ckan_error_text(
                  R"({"success": false, "error": {"__type": "Authorization Error", "message": "Access denied"}})"),
              "Authorization Error: Access denied");
    EXPECT_EQ(harvester::ckan_error_text("<html>"), "");
    // A downstream that answers in Latin-1: its words reach messages as UTF-8.
    EXPECT_EQ(harvester::ckan_error_text(
                  "{\"success\": false, \"error\": {\"__type\": \"Validation Error\", \"title\": [\"L\xE4nge\"]}}"),
              "Validation Error: title: L\xEF\xBF\xBDnge");
}

TEST(BodySnippet, IsValidUtf8WhateverTheBodyHolds) {
    EXPECT_EQ(harvester::body_snippet("<h1>Fehler \xFC\xE4</h1>\n\n<p>x</p>", 60),
              "<h1>Fehler \xEF\xBF\xBD\xEF\xBF\xBD</h1> <p>x</p>");
    // Cut at the limit without splitting a character.
    EXPECT_EQ(harvester::body_snippet("abc\xC3\xA4\xC3\xA4", 5), "abc\xC3\xA4...");
    EXPECT_EQ(harvester::body_snippet("abcd\xE2\x82\xAC!", 6), "abcd...");
    EXPECT_EQ(harvester::body_snippet("\xFF\xFE\x00\x01", 60), "\xEF\xBF\xBD\xEF\xBF\xBD");
}

// ---------------------------------------------------------------- feed

class ProfileFeedTest : public ::testing::Test {
protected:
    ProfileFeedTest() {
        auto no_id = govdata_record("x", "Ohne ID");
        no_id.contributor_ids.clear();
        auto no_licence = govdata_record("y", "Ohne Lizenz");
        no_licence.distributions.front().licence = {};
        std::vector<model::Dataset> records = {no_id, no_licence};
        for (int i = 0; i < 7; ++i) records.push_back(govdata_record("q" + std::to_string(i), "Datensatz " + std::to_string(i)));
        m_catalogue.run(records);
        m_options.database = m_catalogue.database();
        m_options.catalog.iri = "https://daten.example.org/catalog";
        m_options.catalog.title = "Katalog";
    }
    Catalogue m_catalogue;
    catalog::api::ServiceOptions m_options;
};

TEST_F(ProfileFeedTest, PagesHoldOnlyQualifyingDatasetsAndSayWhatWasHeldBack) {
    catalog::api::Service service(m_options, vocabularies());
    const auto page = service.handle_request(catalog::api::Request::get("/catalog.ttl?profile=govdata&per_page=3"));
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_NE(page.body.find("totalItems> \"7\"^^xsd:integer"), std::string::npos)
        << "counts over the qualifying datasets";
    auto header = [&](const std::string& name) {
        for (const auto& [n, v] : page.headers)
            if (n == name) return v;
        return std::string();
    };
    EXPECT_EQ(header("X-Ernte-Held-Back"), "2");
    EXPECT_NE(header("Link").find("/api/profiles/govdata"), std::string::npos);
    EXPECT_EQ(page.body.find("/dataset/x"), std::string::npos);
    EXPECT_NE(page.body.find("profile=govdata&per_page=3&page=2"), std::string::npos) << "paging keeps the profile";

    const auto unknown = service.handle_request(catalog::api::Request::get("/catalog.ttl?profile=europa"));
    EXPECT_EQ(unknown.status, 400);
    EXPECT_NE(unknown.body.find("all, govdata"), std::string::npos);

    const auto report = service.handle_request(catalog::api::Request::get("/api/profiles/govdata"));
    ASSERT_EQ(report.status, 200) << report.body;
    rapidjson::Document doc;
    doc.Parse(report.body.c_str());
    ASSERT_TRUE(doc.IsObject()) << report.body;
    EXPECT_EQ(doc["datasets"].GetInt64(), 9);
    EXPECT_EQ(doc["qualifying"].GetInt64(), 7);
    EXPECT_EQ(doc["held_back"].GetInt64(), 2);
    ASSERT_EQ(doc["held_back_datasets"].Size(), 2u);
    const auto& first = doc["held_back_datasets"][0];
    EXPECT_STREQ(first["title"].GetString(), "Ohne ID");
    EXPECT_STREQ(first["reasons"][0]["rule"].GetString(), "db.contributorID");
    EXPECT_TRUE(first["reasons"][0].HasMember("message_de"));
    const auto paged = service.handle_request(catalog::api::Request::get("/api/profiles/govdata?per_page=1&page=2"));
    doc.Parse(paged.body.c_str());
    ASSERT_EQ(doc["held_back_datasets"].Size(), 1u);
    EXPECT_STREQ(doc["held_back_datasets"][0]["title"].GetString(), "Ohne Lizenz");
    EXPECT_EQ(service.handle_request(catalog::api::Request::get("/api/profiles/nope")).status, 400);
}

TEST_F(ProfileFeedTest, TheFeedHarvestedAgainHoldsExactlyTheQualifyingDatasets) {
    catalog::api::Service service(m_options, vocabularies());
    catalog::api::ServerOptions server_options;
    server_options.port = 0;
    catalog::api::HttpServer server(server_options,
                                    [&](const catalog::api::Request& r) { return service.handle_request(r); });
    server.start();
    testsupport::FeedCatalogue downstream("", "text/plain", "/unused", vocabularies());
    const auto result = downstream.harvest_url("http://127.0.0.1:" + std::to_string(server.port()) +
                                               "/catalog.rdf?profile=govdata&per_page=2");
    ASSERT_EQ(result.status, catalog::RunStatus::succeeded) << result.message;
    EXPECT_EQ(result.counts.pages, 4);
    std::set<std::string> harvested;
    for (const auto& [iri, d] : downstream.records()) harvested.insert(iri);
    std::set<std::string> expected;
    for (int i = 0; i < 7; ++i) expected.insert("https://daten.example.org/dataset/q" + std::to_string(i));
    EXPECT_EQ(harvested, expected);
}

}  // namespace
