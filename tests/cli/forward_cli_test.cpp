// `ernte forward`, run in-process against a harvest of a loopback portal and
// a loopback CKAN that accepts writes.

#include "cli/command.hpp"

#include "tests/support/ckan_downstream.hpp"
#include "tests/support/ckan_portal.hpp"
#include "tests/support/http_server.hpp"
#include "tests/support/temp_dir.hpp"

#include <rapidjson/document.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

using namespace ernte;

namespace {

constexpr const char* k_token_env = "ERNTE_FORWARD_CLI_TEST_TOKEN";
constexpr const char* k_token = "cli-test-token";

struct Outcome {
    int code;
    std::string out;
    std::string err;
};

Outcome run(std::vector<std::string> args) {
    args.insert(args.begin(), "ernte");
    std::vector<const char*> argv;
    for (const auto& a : args) argv.push_back(a.c_str());
    std::ostringstream out, err;
    const int code = cli::run_cli(static_cast<int>(argv.size()), argv.data(), out, err);
    return {code, out.str(), err.str()};
}

class ForwardCliTest : public ::testing::Test {
protected:
    ForwardCliTest()
        : m_portal(testsupport::load_packages(ERNTE_TEST_DATA "/demo/moers.json")),
          m_portal_server([this](const testsupport::HttpRequest& r) { return m_portal.handle(r); }),
          m_ckan(k_token, {"open-nrw"}),
          m_ckan_server([this](const testsupport::HttpRequest& r) { return m_ckan.handle(r); }) {
        ::unsetenv(k_token_env);
        m_config = (m_dir.path() / "ernte.yaml").string();
        std::ofstream(m_config) << "database: " << (m_dir.path() / "ernte.db").string() << "\n"
                                << "contact: test@example.org\n"
                                << "vocabularies: " << ERNTE_SOURCE_DIR << "/schemas/vocab\n"
                                << "sources:\n"
                                << "  - name: moers\n    type: ckan\n    url: " << m_portal_server.base_url()
                                << "\n    retries: 0\n    timeout: 5\n"
                                << "    contributor_id: http://dcat-ap.de/def/contributors/openNRW\n"
                                << "forward:\n"
                                << "  - name: open-nrw\n    url: " << m_ckan_server.base_url()
                                << "\n    api_token_env: " << k_token_env << "\n    profile: all\n"
                                << "    default_organization: open-nrw\n";
    }
    ~ForwardCliTest() override { ::unsetenv(k_token_env); }

    testsupport::TempDir m_dir;
    testsupport::CkanPortal m_portal;
    testsupport::HttpServer m_portal_server;
    testsupport::CkanDownstream m_ckan;
    testsupport::HttpServer m_ckan_server;
    std::string m_config;
};

}  // namespace

TEST_F(ForwardCliTest, PushesReportsAndSendsNothingTwice) {
    ASSERT_EQ(run({"--config", m_config, "harvest", "--no-score"}).code, 0);
    const std::size_t datasets = m_portal.size();
    ASSERT_GT(datasets, 1u);

    // A dry run needs no token and sends nothing.
    Outcome o = run({"--config", m_config, "forward", "--dry-run"});
    EXPECT_EQ(o.code, 0) << o.err;
    EXPECT_NE(o.out.find("would be created"), std::string::npos) << o.out;
    EXPECT_NE(o.out.find("dry run, nothing was sent"), std::string::npos) << o.out;
    EXPECT_EQ(m_ckan_server.request_count(), 0u);

    // Without the token: a usage error naming the variable, nothing sent.
    o = run({"--config", m_config, "forward"});
    EXPECT_EQ(o.code, 2);
    EXPECT_NE(o.err.find(k_token_env), std::string::npos) << o.err;
    EXPECT_EQ(m_ckan_server.request_count(), 0u);

    ::setenv(k_token_env, k_token, 1);
    o = run({"--config", m_config, "forward", "open-nrw", "--json"});
    EXPECT_EQ(o.code, 0) << o.out << o.err;
    rapidjson::Document doc;
    doc.Parse(o.out.c_str());
    ASSERT_TRUE(doc.IsArray()) << o.out;
    ASSERT_EQ(doc.Size(), 1u);
    EXPECT_STREQ(doc[0]["target"].GetString(), "open-nrw");
    EXPECT_EQ(doc[0]["created"].GetInt64(), static_cast<std::int64_t>(datasets));
    EXPECT_EQ(doc[0]["datasets"].Size(), datasets);
    EXPECT_EQ(m_ckan.active_count(), datasets);

    const std::size_t requests = m_ckan_server.request_count();
    o = run({"--config", m_config, "forward"});
    EXPECT_EQ(o.code, 0) << o.err;
    EXPECT_NE(o.out.find("unchanged " + std::to_string(datasets) + ","), std::string::npos) << o.out;
    EXPECT_EQ(m_ckan_server.request_count(), requests) << "nothing unchanged is sent again";
}

TEST_F(ForwardCliTest, AWrongTokenExitsWithOneAndSaysSo) {
    ASSERT_EQ(run({"--config", m_config, "harvest", "--no-score"}).code, 0);
    ::setenv(k_token_env, "not-the-token", 1);
    const Outcome o = run({"--config", m_config, "forward"});
    EXPECT_EQ(o.code, 1);
    EXPECT_NE(o.out.find("stopped: the downstream CKAN of forward target 'open-nrw'"), std::string::npos) << o.out;
    EXPECT_EQ(m_ckan.active_count(), 0u);
}

TEST_F(ForwardCliTest, UnknownTargetIsAUsageError) {
    const Outcome o = run({"--config", m_config, "forward", "govdata"});
    EXPECT_EQ(o.code, 2);
    EXPECT_NE(o.err.find("no forward target named 'govdata'"), std::string::npos) << o.err;
    EXPECT_NE(o.err.find("configured: open-nrw"), std::string::npos) << o.err;
}
