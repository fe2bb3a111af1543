#include "harvester/config.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>

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
    EXPECT_EQ(s.deadline, std::chrono::hours(3));
    EXPECT_EQ(c.grace_period, std::chrono::days(30));
    EXPECT_EQ(c.full_every, std::chrono::days(7));
    EXPECT_EQ(c.keep_versions, 20);
    EXPECT_EQ(c.keep_run_errors, std::chrono::days(90));
}

TEST(Config, RunErrorsAreKeptForADurationOrForEver) {
    const Config c = parse_config(std::string(minimal) + "keep_run_errors: 30d\n", "ernte.yaml");
    EXPECT_EQ(c.keep_run_errors, std::chrono::days(30));
    EXPECT_EQ(parse_config(to_yaml(c), "resolved.yaml").keep_run_errors, std::chrono::days(30));
    const Config never = parse_config(std::string(minimal) + "keep_run_errors: 0\n", "ernte.yaml");
    EXPECT_EQ(never.keep_run_errors, std::chrono::seconds(0));
    EXPECT_EQ(parse_config(to_yaml(never), "resolved.yaml").keep_run_errors, std::chrono::seconds(0));
    EXPECT_NE(error_of(std::string(minimal) + "keep_run_errors: 3 months\n").find("keep_run_errors: expected a duration"),
              std::string::npos);
}

TEST(Config, KeptVersionsAreACountFromZero) {
    EXPECT_EQ(parse_config(std::string(minimal) + "keep_versions: 0\n", "ernte.yaml").keep_versions, 0);
    const Config c = parse_config(std::string(minimal) + "keep_versions: 5\n", "ernte.yaml");
    EXPECT_EQ(c.keep_versions, 5);
    EXPECT_EQ(parse_config(to_yaml(c), "resolved.yaml").keep_versions, 5);
    for (const char* value : {"-1", "viele", "2.5"})
        EXPECT_NE(error_of(std::string(minimal) + "keep_versions: " + value + "\n").find("keep_versions"),
                  std::string::npos)
            << value;
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

TEST(Config, DeadlineIsADuration) {
    EXPECT_EQ(parse_config(std::string(minimal) + "    deadline: 2s\n", "ernte.yaml").sources[0].deadline,
              std::chrono::seconds(2));
    EXPECT_EQ(parse_config(std::string(minimal) + "    deadline: 90\n", "ernte.yaml").sources[0].deadline,
              std::chrono::seconds(90));
    EXPECT_EQ(parse_config(std::string(minimal) + "    deadline: 45m\n", "ernte.yaml").sources[0].deadline,
              std::chrono::minutes(45));

    std::string e = error_of(std::string(minimal) + "    deadline: soon\n");
    EXPECT_NE(e.find("ernte.yaml: sources[0].deadline: expected a duration such as 30, 30s, 5m, 2h or 7d, found 'soon'"),
              std::string::npos)
        << e;
    e = error_of(std::string(minimal) + "    deadline: 2 weeks\n");
    EXPECT_NE(e.find("sources[0].deadline: expected a duration"), std::string::npos) << e;
    e = error_of(std::string(minimal) + "    deadline: 0s\n");
    EXPECT_NE(e.find("sources[0].deadline: the duration must be longer than zero, found '0s'"), std::string::npos)
        << e;
}

TEST(Config, AKeyGivenTwiceIsAnErrorNamingBothLines) {
    // A second source written without its "- " would otherwise be dropped.
    std::string e = error_of(std::string(minimal) + "    name: bonn\n    url: https://opendata.bonn.de\n");
    EXPECT_NE(e.find("ernte.yaml: sources[0].name: given twice (line 5, column 5 and line 9, column 5)"), std::string::npos) << e;
    EXPECT_NE(e.find("starting with '- name:'"), std::string::npos) << e;
    // So would a second sources: list, or a second contact.
    e = error_of(std::string(minimal) + "sources:\n  - name: bonn\n    url: https://opendata.bonn.de\n");
    EXPECT_NE(e.find("ernte.yaml: sources: given twice (line 4, column 1 and line 9, column 1)"), std::string::npos) << e;
    e = error_of(std::string(minimal) + "contact: other@example.org\n");
    EXPECT_NE(e.find("ernte.yaml: contact: given twice (line 3, column 1 and line 9, column 1)"), std::string::npos) << e;
    // Deeper down too.
    e = error_of(std::string(minimal) + "link_check:\n  delay: 1s\n  delay: 2s\n");
    EXPECT_NE(e.find("link_check.delay: given twice (line 10, column 3 and line 11, column 3)"), std::string::npos) << e;
    EXPECT_EQ(e.find("- name:"), std::string::npos) << e;  // the hint is for sources
    EXPECT_EQ(error_of(minimal), "");
    // A second YAML document would be ignored as well.
    e = error_of(std::string(minimal) + "---\ncontact: other@example.org\n");
    EXPECT_NE(e.find("ernte.yaml: line 9 starts a second YAML document"), std::string::npos) << e;
    EXPECT_EQ(error_of("# ernte\n---\n" + std::string(minimal)), "");  // "---" before the content starts it
}

TEST(Config, AliasesThatStandForBillionsOfValuesAreRefusedAtOnce) {
    std::string yaml = std::string(minimal) + "x0: &x0 [a, a, a, a, a, a, a, a, a, a]\n";
    for (int i = 1; i < 10; ++i) {
        yaml += fmt::format("x{}: &x{} [", i, i);
        for (int k = 0; k < 10; ++k) yaml += fmt::format("{}*x{}", k ? ", " : "", i - 1);
        yaml += "]\n";
    }
    std::string e = error_of(yaml);
    EXPECT_NE(e.find("values (through YAML aliases)"), std::string::npos) << e;
    // An alias inside what it names nests without end.
    e = error_of(std::string(minimal) + "x: &x [a, *x]\n");
    EXPECT_NE(e.find("levels deep (a YAML alias inside what it names?)"), std::string::npos) << e;
}

TEST(Config, AFileThatIsNotUtf8SaysSo) {
    const std::string e = error_of(std::string(minimal) + "catalog:\n  title: Daten aus K\xf6ln\n");
    EXPECT_NE(e.find("ernte.yaml: line 10 is not UTF-8"), std::string::npos) << e;
    EXPECT_NE(e.find("Latin-1"), std::string::npos) << e;
    EXPECT_EQ(error_of(std::string(minimal) + "catalog:\n  title: Daten aus K\xc3\xb6ln\n"), "");
    EXPECT_NE(error_of(std::string("\xFF\xFE") + minimal).find("saved as UTF-16"), std::string::npos);
}

TEST(Config, ErrorsNameFileKeyValueAndExpectation) {
    std::string e = error_of(std::string(minimal) + "    rows: 5000\n");
    EXPECT_NE(e.find("ernte.yaml: sources[0].rows: '5000' is out of range; expected 1 to 1000"), std::string::npos) << e;

    e = error_of(std::string(minimal) + "    type2: x\n");
    EXPECT_NE(e.find("sources[0].type2: unknown key"), std::string::npos) << e;

    // YAML allows a list or a mapping as a key; a configuration key is a name.
    e = error_of(std::string(minimal) + "    ? - rows\n    : 5\n");
    EXPECT_NE(e.find("sources[0]: a key must be a name, found a list as a key"), std::string::npos) << e;
    e = error_of(std::string(minimal) + "? {database: x}\n: y\n");
    EXPECT_NE(e.find("ernte.yaml: a key must be a name, found a mapping as a key"), std::string::npos) << e;

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

TEST(Config, ValuesAreCheckedWhateverTheirLength) {
    // A megabyte in each checked value: a clear error each time, no crash.
    const std::string long_text(1 << 20, 'x');
    std::string e = error_of("contact: a@b.de\nsources:\n  - {name: " + long_text +
                             "A, type: ckan, url: \"https://x.de\"}\n");
    EXPECT_NE(e.find("is not a valid source name"), std::string::npos) << e.substr(0, 200);
    e = error_of("contact: a@b.de\nsources:\n  - {name: m, type: ckan, url: \"https://x.de/" + long_text + " \"}\n");
    EXPECT_NE(e.find("sources[0].url: expected an http:// or https:// address"), std::string::npos) << e.substr(0, 200);
    e = error_of("contact: " + long_text + "\nsources: []\n");
    EXPECT_NE(e.find("is neither an e-mail address nor an http(s) URL"), std::string::npos) << e.substr(0, 200);
    e = error_of(std::string(minimal) + "grace_period: " + long_text + "\n");
    EXPECT_NE(e.find("grace_period: expected a duration"), std::string::npos) << e.substr(0, 200);
    e = error_of(std::string(minimal) + "listen: " + long_text + ":80\n");
    EXPECT_NE(e.find("listen: expected an IP address"), std::string::npos) << e.substr(0, 200);
    e = error_of(std::string(minimal) + "serve:\n  admin_token_env: " + long_text + "-\n");
    EXPECT_NE(e.find("serve.admin_token_env: expected the name of an environment variable"), std::string::npos)
        << e.substr(0, 200);

    // Long values of the right form pass.
    const Config c = parse_config(std::string(minimal) + "serve:\n  admin_token_env: " + long_text + "\n",
                                  "ernte.yaml");
    EXPECT_EQ(c.serve.admin_token_env.size(), long_text.size());
}

TEST(Config, DurationsContactsAndAddressesInTheirUsualForms) {
    const Config c = parse_config(R"(
database: var/test.db
contact: "https://opendata.example.nrw.de/kontakt"
grace_period: " 7 d "
incremental_margin: 5min
sources:
  - {name: m_1-a, type: ckan, url: "HTTPS://Daten.Example.de/portal?x=1"}
link_check:
  delay: 500ms
)",
                                  "ernte.yaml");
    EXPECT_EQ(c.contact, "https://opendata.example.nrw.de/kontakt");
    EXPECT_EQ(c.grace_period, std::chrono::days(7));
    EXPECT_EQ(c.incremental_margin, std::chrono::minutes(5));
    EXPECT_EQ(c.link_check.delay, std::chrono::milliseconds(500));
    EXPECT_EQ(c.sources.at(0).url, "HTTPS://Daten.Example.de/portal?x=1");

    EXPECT_NE(error_of(std::string(minimal) + "grace_period: 99999999999999999999d\n").find("grace_period: expected a duration"),
              std::string::npos);
    EXPECT_NE(error_of(std::string(minimal) + "grace_period: 5 weeks\n").find("grace_period: expected a duration"),
              std::string::npos);
    EXPECT_NE(error_of(std::string(minimal) + "link_check:\n  delay: 2d\n").find("link_check.delay: expected a duration"),
              std::string::npos);
    // What is counted in days is given in days: nothing is rounded without a word.
    EXPECT_NE(error_of(std::string(minimal) + "full_every: 36h\n")
                  .find("ernte.yaml: full_every: expected whole days such as 7d, found '36h'; write 2d"),
              std::string::npos)
        << error_of(std::string(minimal) + "full_every: 36h\n");
    EXPECT_NE(error_of(std::string(minimal) + "grace_period: 30\n")
                  .find("grace_period: expected whole days such as 7d, found '30' (seconds); write 30d"),
              std::string::npos);
    const Config in_hours = parse_config(std::string(minimal) + "full_every: 48h\ngrace_period: 1440min\n", "ernte.yaml");
    EXPECT_EQ(in_hours.full_every, std::chrono::days(2));
    EXPECT_EQ(in_hours.grace_period, std::chrono::days(1));
    for (const char* contact : {"opendata@localhost", "@example.de", "a@b@c.de", "a b@c.de", "a@b.", "https://"})
        EXPECT_NE(error_of(std::string("contact: \"") + contact + "\"\nsources: []\n")
                      .find("is neither an e-mail address nor an http(s) URL"),
                  std::string::npos)
            << contact;
    for (const char* url : {"https:///pfad", "https://?q", "http://x y.de", "https//x.de"})
        EXPECT_NE(error_of(std::string("contact: a@b.de\nsources:\n  - {name: m, type: ckan, url: \"") + url + "\"}\n")
                      .find("sources[0].url: expected an http:// or https:// address"),
                  std::string::npos)
            << url;
    EXPECT_NE(error_of(std::string(minimal) + "serve:\n  admin_token_env: 1TOKEN\n").find("expected the name of an environment"),
              std::string::npos);
}

TEST(Config, MissingFileSaysHowToPointAtOne) {
    auto load_error = [](const std::string& path) -> std::string {
        try {
            load_config(path);
        } catch (const ConfigError& e) {
            return e.what();
        }
        return "";
    };
    std::string e = load_error("/nonexistent/ernte.yaml");
    EXPECT_NE(e.find("no such file; pass --config FILE or set ERNTE_CONFIG"), std::string::npos) << e;
    e = load_error("no-such-ernte.yaml");  // relative: says where it looked
    EXPECT_NE(e.find("no such file in " + std::filesystem::current_path().string()), std::string::npos) << e;
    e = load_error(ERNTE_SOURCE_DIR "/config");
    EXPECT_NE(e.find("is a folder; pass the configuration file itself"), std::string::npos) << e;
}

TEST(Config, ResolvedYamlRoundTrips) {
    const Config c = parse_config(minimal, "ernte.yaml");
    const std::string yaml = to_yaml(c);
    const Config again = parse_config(yaml, "resolved.yaml");
    ASSERT_EQ(again.sources.size(), 1u);
    EXPECT_EQ(again.sources[0].url, c.sources[0].url);
    EXPECT_EQ(again.sources[0].schedule, c.sources[0].schedule);
    EXPECT_EQ(again.sources[0].delete_guard, c.sources[0].delete_guard);
    EXPECT_EQ(again.sources[0].deadline, c.sources[0].deadline);
    EXPECT_EQ(again.keep_run_errors, c.keep_run_errors);
    EXPECT_EQ(again.contact, c.contact);
    // Written as the documentation gives the defaults.
    EXPECT_NE(yaml.find("delete_guard: 0.1\n"), std::string::npos) << yaml;
    EXPECT_NE(yaml.find("keep_run_errors: 90d\n"), std::string::npos) << yaml;
    EXPECT_NE(yaml.find("max_age: 7d\n"), std::string::npos) << yaml;
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

TEST(Config, LinkCheckDefaults) {
    const Config c = parse_config(minimal, "ernte.yaml");
    const LinkCheckConfig& l = c.link_check;
    EXPECT_EQ(l.max_age, std::chrono::days(7));
    EXPECT_EQ(l.per_host, 2);
    EXPECT_EQ(l.parallel, 8);
    EXPECT_EQ(l.delay, std::chrono::seconds(1));
    EXPECT_EQ(l.timeout, std::chrono::seconds(10));
    EXPECT_EQ(l.max_redirects, 5);
    EXPECT_EQ(l.retries, 1);
    EXPECT_FALSE(l.after_harvest);
}

TEST(Config, LinkCheckKeysAreReadAndRoundTrip) {
    const Config c = parse_config(std::string(minimal) + R"(
link_check:
  max_age: 2d
  per_host: 1
  parallel: 16
  delay: 250ms
  timeout: 20s
  max_redirects: 3
  retries: 0
  after_harvest: true
)", "ernte.yaml");
    const LinkCheckConfig& l = c.link_check;
    EXPECT_EQ(l.max_age, std::chrono::days(2));
    EXPECT_EQ(l.per_host, 1);
    EXPECT_EQ(l.parallel, 16);
    EXPECT_EQ(l.delay, std::chrono::milliseconds(250));
    EXPECT_EQ(l.timeout, std::chrono::seconds(20));
    EXPECT_EQ(l.max_redirects, 3);
    EXPECT_EQ(l.retries, 0);
    EXPECT_TRUE(l.after_harvest);

    const Config again = parse_config(to_yaml(c), "resolved.yaml");
    EXPECT_EQ(again.link_check.max_age, l.max_age);
    EXPECT_EQ(again.link_check.delay, l.delay);
    EXPECT_EQ(again.link_check.timeout, l.timeout);
    EXPECT_EQ(again.link_check.per_host, l.per_host);
    EXPECT_TRUE(again.link_check.after_harvest);

    EXPECT_EQ(parse_config(std::string(minimal) + "link_check:\n  delay: 0\n", "e.yaml").link_check.delay,
              std::chrono::milliseconds(0));
    EXPECT_EQ(parse_config(std::string(minimal) + "link_check:\n  delay: 2\n", "e.yaml").link_check.delay,
              std::chrono::seconds(2));
}

TEST(Config, LinkCheckErrorsNameTheKey) {
    std::string e = error_of(std::string(minimal) + "link_check:\n  max_agee: 2d\n");
    EXPECT_NE(e.find("ernte.yaml: link_check.max_agee: unknown key; allowed here: after_harvest, delay"),
              std::string::npos)
        << e;
    e = error_of(std::string(minimal) + "link_check:\n  per_host: 0\n");
    EXPECT_NE(e.find("link_check.per_host: '0' is out of range; expected 1 to 16"), std::string::npos) << e;
    e = error_of(std::string(minimal) + "link_check:\n  delay: soon\n");
    EXPECT_NE(e.find("link_check.delay: expected a duration such as 0, 500ms, 1s or 2m, found 'soon'"),
              std::string::npos)
        << e;
    e = error_of(std::string(minimal) + "link_check:\n  max_age: 0\n");
    EXPECT_NE(e.find("link_check.max_age: the duration must be longer than zero"), std::string::npos) << e;
    e = error_of(std::string(minimal) + "link_check:\n  timeout: 1h\n");
    EXPECT_NE(e.find("link_check.timeout: '1h' is out of range; expected at most 5m"), std::string::npos) << e;
    e = error_of(std::string(minimal) + "link_check:\n  after_harvest: sometimes\n");
    EXPECT_NE(e.find("link_check.after_harvest: expected true or false, found 'sometimes'"), std::string::npos) << e;
    e = error_of(std::string(minimal) + "link_check: yes\n");
    EXPECT_NE(e.find("link_check: expected a mapping"), std::string::npos) << e;
}

TEST(Config, ServeDefaultsListenOnLoopback) {
    const Config c = parse_config(minimal, "ernte.yaml");
    EXPECT_EQ(c.listen, "127.0.0.1:8080");
    EXPECT_EQ(split_listen_address(c.listen), (std::pair<std::string, std::uint16_t>{"127.0.0.1", 8080}));
    EXPECT_EQ(c.serve.per_page, 100);
    EXPECT_EQ(c.serve.max_per_page, 1000);
    EXPECT_EQ(c.serve.threads, 4);
    EXPECT_EQ(c.serve.read_timeout, std::chrono::seconds(30));
    EXPECT_TRUE(c.serve.admin_token_env.empty());
    EXPECT_TRUE(c.serve.public_url.empty());
}

TEST(Config, ServeKeysAreReadAndRoundTrip) {
    const Config c = parse_config(std::string(minimal) + R"(
listen: "[::1]:9090"
serve:
  public_url: https://daten.example.nrw.de
  per_page: 50
  max_per_page: 500
  threads: 8
  max_connections: 64
  read_timeout: 10s
  admin_token_env: ERNTE_ADMIN_TOKEN
  max_runs: 2
  cache_mb: 16
)", "ernte.yaml");
    EXPECT_EQ(split_listen_address(c.listen), (std::pair<std::string, std::uint16_t>{"::1", 9090}));
    EXPECT_EQ(c.serve.public_url, "https://daten.example.nrw.de");
    EXPECT_EQ(c.serve.per_page, 50);
    EXPECT_EQ(c.serve.max_per_page, 500);
    EXPECT_EQ(c.serve.threads, 8);
    EXPECT_EQ(c.serve.max_connections, 64);
    EXPECT_EQ(c.serve.read_timeout, std::chrono::seconds(10));
    EXPECT_EQ(c.serve.admin_token_env, "ERNTE_ADMIN_TOKEN");
    EXPECT_EQ(c.serve.max_runs, 2);
    EXPECT_EQ(c.serve.cache_mb, 16);
    const Config again = parse_config(to_yaml(c), "resolved.yaml");
    EXPECT_EQ(again.listen, c.listen);
    EXPECT_EQ(again.serve.public_url, c.serve.public_url);
    EXPECT_EQ(again.serve.per_page, 50);
    EXPECT_EQ(again.serve.admin_token_env, "ERNTE_ADMIN_TOKEN");
    EXPECT_EQ(again.serve.cache_mb, 16);
    EXPECT_EQ(split_listen_address("localhost:0"), (std::pair<std::string, std::uint16_t>{"127.0.0.1", 0}));
}

TEST(Config, ServeErrorsNameTheKey) {
    std::string e = error_of(std::string(minimal) + "listen: 8080\n");
    EXPECT_NE(e.find("ernte.yaml: listen: expected host:port such as 127.0.0.1:8080, found '8080'"), std::string::npos)
        << e;
    e = error_of(std::string(minimal) + "listen: 127.0.0.1:99999\n");
    EXPECT_NE(e.find("listen: the port must be a number from 0 to 65535, found '99999'"), std::string::npos) << e;
    e = error_of(std::string(minimal) + "listen: \"::1:80\"\n");
    EXPECT_NE(e.find("listen: write an IPv6 address in brackets"), std::string::npos) << e;
    e = error_of(std::string(minimal) + "listen: daten.example.org:80\n");
    EXPECT_NE(e.find("listen: expected an IP address (or localhost) before the port"), std::string::npos) << e;
    e = error_of(std::string(minimal) + "serve:\n  admin_token_env: \"abc def\"\n");
    EXPECT_NE(e.find("serve.admin_token_env: expected the name of an environment variable"), std::string::npos) << e;
    e = error_of(std::string(minimal) + "serve:\n  per_page: 2000\n");
    EXPECT_NE(e.find("serve.per_page: '2000' is out of range; expected 1 to 1000"), std::string::npos) << e;
    e = error_of(std::string(minimal) + "serve:\n  public_url: daten.example.org\n");
    EXPECT_NE(e.find("serve.public_url: expected an http:// or https:// address"), std::string::npos) << e;
    e = error_of(std::string(minimal) + "serve:\n  port: 80\n");
    EXPECT_NE(e.find("serve.port: unknown key"), std::string::npos) << e;
}

namespace {

const char* forward_target = R"(
forward:
  - name: govdata
    url: https://ckan.example.org/
    api_token_env: ERNTE_GOVDATA_TOKEN
)";

}  // namespace

TEST(Config, ForwardTargetsGetDocumentedDefaults) {
    EXPECT_TRUE(parse_config(minimal, "ernte.yaml").forward.empty());
    const Config c = parse_config(std::string(minimal) + forward_target, "ernte.yaml");
    ASSERT_EQ(c.forward.size(), 1u);
    const ForwardConfig& f = c.forward[0];
    EXPECT_EQ(f.name, "govdata");
    EXPECT_EQ(f.url, "https://ckan.example.org") << "without the trailing slash";
    EXPECT_EQ(f.api_token_env, "ERNTE_GOVDATA_TOKEN");
    EXPECT_EQ(f.profile, ernte::catalog::ForwardProfile::govdata);
    EXPECT_TRUE(f.sources.empty());
    EXPECT_TRUE(f.publishers.empty());
    EXPECT_TRUE(f.organizations.empty());
    EXPECT_TRUE(f.default_organization.empty());
    EXPECT_FALSE(f.after_harvest);
    EXPECT_EQ(f.deletions, ForwardDeletions::remove);
    EXPECT_EQ(f.timeout, std::chrono::seconds(60));
    EXPECT_EQ(c.find_forward("govdata"), &c.forward[0]);
    EXPECT_EQ(c.find_forward("other"), nullptr);
}

TEST(Config, ForwardKeysAreReadAndRoundTrip) {
    const Config c = parse_config(std::string(minimal) + R"(
forward:
  - name: open-nrw
    url: https://ckan.example.org
    api_token_env: TOKEN_1
    profile: all
    sources: [moers]
    publishers: ["Stadt Moers", "https://www.moers.de"]
    organizations:
      "Stadt Moers": stadt-moers
      "https://www.bonn.de": stadt-bonn
    default_organization: open-nrw
    after_harvest: true
    deletions: keep
    timeout: 2m
)",
                                  "ernte.yaml");
    const Config again = parse_config(to_yaml(c), "resolved.yaml");
    for (const Config* k : {&c, &again}) {
        ASSERT_EQ(k->forward.size(), 1u);
        const ForwardConfig& f = k->forward[0];
        EXPECT_EQ(f.profile, ernte::catalog::ForwardProfile::all);
        EXPECT_EQ(f.sources, std::vector<std::string>{"moers"});
        EXPECT_EQ(f.publishers, (std::vector<std::string>{"Stadt Moers", "https://www.moers.de"}));
        ASSERT_EQ(f.organizations.size(), 2u);
        EXPECT_EQ(f.organizations[0], (std::pair<std::string, std::string>{"Stadt Moers", "stadt-moers"}));
        EXPECT_EQ(f.organizations[1].second, "stadt-bonn");
        EXPECT_EQ(f.default_organization, "open-nrw");
        EXPECT_TRUE(f.after_harvest);
        EXPECT_EQ(f.deletions, ForwardDeletions::keep);
        EXPECT_EQ(f.timeout, std::chrono::seconds(120));
    }
}

TEST(Config, ForwardErrorsNameTheKey) {
    const std::string base = std::string(minimal) + "forward:\n  - name: govdata\n    url: https://ckan.example.org\n";
    std::string e = error_of(base);
    EXPECT_NE(e.find("ernte.yaml: forward[0].api_token_env: missing; every forward target needs name, url and "
                     "api_token_env"),
              std::string::npos)
        << e;
    const std::string ok = base + "    api_token_env: TOKEN\n";
    e = error_of(std::string(minimal) + "forward:\n  - name: GovData\n    url: https://x.example\n    api_token_env: T\n");
    EXPECT_NE(e.find("forward[0].name: 'GovData' is not a valid target name"), std::string::npos) << e;
    e = error_of(std::string(minimal) + "forward:\n  - name: g\n    url: ckan.example.org\n    api_token_env: T\n");
    EXPECT_NE(e.find("forward[0].url: expected an http:// or https:// address"), std::string::npos) << e;
    e = error_of(base + "    api_token_env: \"abc-123-secret\"\n");
    EXPECT_NE(e.find("forward[0].api_token_env: expected the name of an environment variable"), std::string::npos)
        << e;
    e = error_of(ok + "    profile: europa\n");
    EXPECT_NE(e.find("forward[0].profile: 'europa' is not a profile; expected one of all, govdata"), std::string::npos)
        << e;
    e = error_of(ok + "    sources: [moers, bonn]\n");
    EXPECT_NE(e.find("forward[0].sources[1]: 'bonn' is not a configured source"), std::string::npos) << e;
    e = error_of(ok + "    organizations:\n      \"Stadt Moers\": Stadt Moers\n");
    EXPECT_NE(e.find("forward[0].organizations.Stadt Moers: 'Stadt Moers' is not a CKAN organization name"),
              std::string::npos)
        << e;
    e = error_of(ok + "    organizations:\n      ? [Stadt, Moers]\n      : moers\n");
    EXPECT_NE(e.find("forward[0].organizations: a key must be a name, found a list as a key"), std::string::npos)
        << e;
    e = error_of(ok + "    organizations: [a, b]\n");
    EXPECT_NE(e.find("forward[0].organizations: expected a mapping from publisher"), std::string::npos) << e;
    e = error_of(ok + "    default_organization: \"-\"\n");
    EXPECT_NE(e.find("forward[0].default_organization: '-' is not a CKAN organization name"), std::string::npos) << e;
    e = error_of(ok + "    deletions: sometimes\n");
    EXPECT_NE(e.find("forward[0].deletions: 'sometimes' is not a deletion policy; expected delete or keep"),
              std::string::npos)
        << e;
    e = error_of(ok + "    after_harvest: maybe\n");
    EXPECT_NE(e.find("forward[0].after_harvest: expected true or false"), std::string::npos) << e;
    e = error_of(ok + "    token: abc\n");
    EXPECT_NE(e.find("forward[0].token: unknown key"), std::string::npos) << e;
    e = error_of(ok + "  - name: govdata\n    url: https://y.example\n    api_token_env: T2\n");
    EXPECT_NE(e.find("forward[1].name: 'govdata' is used by another forward target already"), std::string::npos) << e;
    e = error_of(std::string(minimal) + "forward: govdata\n");
    EXPECT_NE(e.find("forward: expected a list of forward targets"), std::string::npos) << e;
}
