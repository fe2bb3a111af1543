#include "harvester/config.hpp"

#include <gtest/gtest.h>

using namespace ernte::harvester;

namespace {

const char* minimal = R"(
database: var/test.db
contact: opendata@example.nrw.de
sources:
  - name: moers
    type: ckan
    url: https://www.offenesdatenportal.de
    schedule: "0 2 * * *"
)";

std::string error_of(const std::string& yaml) {
    try {
        parse_config(yaml, "ernte.yaml");
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST(Config, MinimalConfigGetsDocumentedDefaults) {
    const Config c = parse_config(minimal, "ernte.yaml");
    ASSERT_EQ(c.sources.size(), 1u);
    const SourceConfig& s = c.sources[0];
    EXPECT_EQ(c.database, "var/test.db");
    EXPECT_EQ(s.name, "moers");
    EXPECT_EQ(s.type, SourceType::ckan);
    EXPECT_EQ(s.rows, 1000);
    EXPECT_EQ(s.timeout, std::chrono::seconds(60));
    EXPECT_EQ(s.retries, 3);
    EXPECT_EQ(s.max_connections, 2);
    EXPECT_EQ(s.priority, 0);
    EXPECT_TRUE(s.incremental);
    EXPECT_DOUBLE_EQ(s.delete_guard, 0.10);
    EXPECT_EQ(c.grace_period, std::chrono::days(30));
    EXPECT_EQ(c.full_every, std::chrono::days(7));
}

TEST(Config, OptionalKeysAreRead) {
    const Config c = parse_config(std::string(minimal) + R"(
    rows: 250
    timeout: 2m
    retries: 5
    max_connections: 4
    priority: 7
    contributor_id: http://dcat-ap.de/def/contributors/openNRW
    incremental: false
    delete_guard: 0.25
)", "ernte.yaml");
    const SourceConfig& s = c.sources[0];
    EXPECT_EQ(s.rows, 250);
    EXPECT_EQ(s.timeout, std::chrono::seconds(120));
    EXPECT_EQ(s.retries, 5);
    EXPECT_EQ(s.max_connections, 4);
    EXPECT_EQ(s.priority, 7);
    ASSERT_EQ(s.contributor_ids.size(), 1u);
    EXPECT_FALSE(s.incremental);
    EXPECT_DOUBLE_EQ(s.delete_guard, 0.25);
}

TEST(Config, ErrorsNameFileKeyValueAndExpectation) {
    std::string e = error_of(std::string(minimal) + "    rows: 5000\n");
    EXPECT_NE(e.find("ernte.yaml: sources[0].rows: '5000' is out of range; expected 1 to 1000"), std::string::npos) << e;

    e = error_of(std::string(minimal) + "    type2: x\n");
    EXPECT_NE(e.find("sources[0].type2: unknown key"), std::string::npos) << e;

    e = error_of(R"(contact: a@b.de
sources:
  - {name: Moers!, type: ckan, url: "https://x.de"})");
    EXPECT_NE(e.find("sources[0].name: 'Moers!' is not a valid source name"), std::string::npos) << e;

    e = error_of(R"(contact: a@b.de
sources:
  - {name: m, type: oai, url: "https://x.de"})");
    EXPECT_NE(e.find("sources[0].type: 'oai' is not a source type; expected ckan or dcat"), std::string::npos) << e;

    e = error_of(R"(contact: a@b.de
sources:
  - {name: m, type: ckan, url: "ftp://x.de"})");
    EXPECT_NE(e.find("sources[0].url: expected an http:// or https:// address, found 'ftp://x.de'"),
              std::string::npos)
        << e;

    e = error_of(R"(contact: a@b.de
sources:
  - {name: m, type: ckan, url: "https://x.de", schedule: "61 * * * *"})");
    EXPECT_NE(e.find("sources[0].schedule: '61 * * * *' is not a cron expression"), std::string::npos) << e;

    e = error_of(R"(contact: a@b.de
sources:
  - {name: m, type: ckan, url: "https://x.de"}
  - {name: m, type: ckan, url: "https://y.de"})");
    EXPECT_NE(e.find("sources[1].name: 'm' is used by another source already"), std::string::npos) << e;

    e = error_of("sources: []\n");
    EXPECT_NE(e.find("contact: missing"), std::string::npos) << e;

    e = error_of(std::string(minimal) + "    delete_guard: lots\n");
    EXPECT_NE(e.find("sources[0].delete_guard: expected a number, found 'lots'"), std::string::npos) << e;

    e = error_of("contact: [a\n");
    EXPECT_NE(e.find("ernte.yaml: not valid YAML at line"), std::string::npos) << e;
}

TEST(Config, MissingFileSaysHowToPointAtOne) {
    try {
        load_config("/nonexistent/ernte.yaml");
        FAIL() << "no error";
    } catch (const ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("no such file; pass --config FILE or set ERNTE_CONFIG"),
                  std::string::npos);
    }
}

TEST(Config, ResolvedYamlRoundTrips) {
    const Config c = parse_config(minimal, "ernte.yaml");
    const Config again = parse_config(to_yaml(c), "resolved.yaml");
    ASSERT_EQ(again.sources.size(), 1u);
    EXPECT_EQ(again.sources[0].url, c.sources[0].url);
    EXPECT_EQ(again.sources[0].schedule, c.sources[0].schedule);
    EXPECT_EQ(again.contact, c.contact);
}

TEST(Config, UserAgentNamesVersionAndContact) {
    const Config c = parse_config(minimal, "ernte.yaml");
    EXPECT_EQ(user_agent(c), "ernte/" ERNTE_VERSION " (+opendata@example.nrw.de)");
}

TEST(Config, TheShippedExampleConfigIsValid) {
    const Config c = load_config(ERNTE_SOURCE_DIR "/config/ernte.yaml");
    EXPECT_GE(c.sources.size(), 5u);
    EXPECT_NE(c.find_source("open-nrw"), nullptr);
}
