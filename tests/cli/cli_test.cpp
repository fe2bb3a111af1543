// The command line, run in-process: every --help, exit codes, and the
// commands against a harvest of a loopback portal.

#include "cli/allocator.hpp"
#include "cli/command.hpp"

#include "catalog/sqlite.hpp"
#include "catalog/store.hpp"

#include "tests/support/ckan_portal.hpp"
#include "tests/support/dead_run.hpp"
#include "tests/support/http_server.hpp"

#include <rapidjson/document.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <sys/stat.h>
#include <thread>

using namespace ernte;

namespace {

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

class CliTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = std::filesystem::temp_directory_path() /
                ("ernte-cli-" + std::to_string(::getpid()) + "-" + std::to_string(std::random_device{}()));
        std::filesystem::create_directories(m_dir);
        m_portal.set_packages(testsupport::load_packages(ERNTE_TEST_DATA "/demo/moers.json"));
        m_server = std::make_unique<testsupport::HttpServer>(
            [this](const testsupport::HttpRequest& r) { return m_portal.handle(r); });
        write_config(m_server->base_url());
    }
    void TearDown() override {
        m_server.reset();
        std::error_code ec;
        std::filesystem::remove_all(m_dir, ec);
    }
    void write_config(const std::string& url, const std::string& extra = "") {
        m_config = (m_dir / "ernte.yaml").string();
        std::ofstream(m_config) << "database: " << (m_dir / "ernte.db").string() << "\n"
                                << "contact: test@example.org\n"
                                << "vocabularies: " << ERNTE_SOURCE_DIR << "/schemas/vocab\n"
                                << "sources:\n"
                                << "  - name: moers\n    type: ckan\n    url: " << url << "\n    rows: 100\n"
                                << "    retries: 0\n    timeout: 5\n"
                                << extra;
    }

    std::filesystem::path m_dir;
    std::string m_config;
    testsupport::CkanPortal m_portal;
    std::unique_ptr<testsupport::HttpServer> m_server;
};

}  // namespace

TEST(Cli, EveryCommandHasHelp) {
    const auto commands = cli::make_commands();
    ASSERT_GE(commands.size(), 7u);
    for (const auto& c : commands) {
        const Outcome o = run({std::string(c->name()), "--help"});
        EXPECT_EQ(o.code, 0) << c->name();
        EXPECT_NE(o.out.find(std::string(c->name())), std::string::npos) << c->name() << ": " << o.out;
        EXPECT_FALSE(c->synopsis().empty());
    }
    const Outcome top = run({"--help"});
    EXPECT_EQ(top.code, 0);
    for (const auto& c : commands) EXPECT_NE(top.out.find(std::string(c->name())), std::string::npos);
}

TEST(Cli, UsageErrorsExitWithTwo) {
    EXPECT_EQ(run({}).code, 2);
    EXPECT_EQ(run({"no-such-command"}).code, 2);
    EXPECT_EQ(run({"runs", "--limit", "-3"}).code, 2);
    Outcome o = run({"--config", "/nonexistent/ernte.yaml", "harvest"});
    EXPECT_EQ(o.code, 2);
    EXPECT_NE(o.err.find("/nonexistent/ernte.yaml"), std::string::npos) << o.err;

    // A mistyped command is named, with the command it most likely means.
    o = run({"-c", "ernte.yaml", "harvets", "--full"});
    EXPECT_EQ(o.code, 2);
    EXPECT_NE(o.err.find("unknown command 'harvets'; did you mean 'harvest'?"), std::string::npos) << o.err;
    EXPECT_NE(o.err.find("Commands: "), std::string::npos) << o.err;
    o = run({"ernten"});
    EXPECT_EQ(o.code, 2);
    EXPECT_NE(o.err.find("unknown command 'ernten'"), std::string::npos) << o.err;
    EXPECT_EQ(o.err.find("did you mean"), std::string::npos) << o.err;
    // A count is a whole number, said in words.
    o = run({"runs", "--limit", "viele"});
    EXPECT_EQ(o.code, 2);
    EXPECT_NE(o.err.find("expected a whole number from 0, found 'viele'"), std::string::npos) << o.err;
    EXPECT_EQ(o.err.find("179769"), std::string::npos) << o.err;
}

TEST(Cli, VersionIsPrinted) {
    const Outcome o = run({"--version"});
    EXPECT_EQ(o.code, 0);
    EXPECT_NE(o.out.find("ernte " ERNTE_VERSION), std::string::npos) << o.out;
    EXPECT_NE(o.out.find("(" + ernte::cli::allocator_name() + ")"), std::string::npos) << o.out;
}

TEST_F(CliTest, CheckConfigPrintsTheResolvedConfiguration) {
    const Outcome o = run({"--config", m_config, "check-config"});
    EXPECT_EQ(o.code, 0) << o.err;
    EXPECT_NE(o.out.find("valid, 1 source(s)"), std::string::npos) << o.out;
    EXPECT_NE(o.out.find("delete_guard: 0.1"), std::string::npos) << o.out;
}

TEST_F(CliTest, InvalidConfigExitsWithTwoAndNamesTheKey) {
    std::ofstream(m_config, std::ios::app) << "    delete_guard: 2\n";
    const Outcome o = run({"--config", m_config, "check-config"});
    EXPECT_EQ(o.code, 2);
    EXPECT_NE(o.err.find("sources[0].delete_guard: '2' is out of range"), std::string::npos) << o.err;
}

TEST_F(CliTest, HarvestThenInspect) {
    Outcome o = run({"--config", m_config, "harvest"});
    ASSERT_EQ(o.code, 0) << o.out << o.err;
    EXPECT_NE(o.out.find("moers: succeeded (full run"), std::string::npos) << o.out;
    EXPECT_NE(o.out.find("352 added"), std::string::npos) << o.out;

    o = run({"--config", m_config, "runs", "--json"});
    ASSERT_EQ(o.code, 0);
    rapidjson::Document runs;
    runs.Parse(o.out.c_str());
    ASSERT_TRUE(runs.IsArray()) << o.out;
    ASSERT_EQ(runs.Size(), 1u);
    for (const char* key : {"id", "source", "status", "started", "finished", "added", "updated", "unchanged",
                            "deleted", "deletions_withheld", "errors"})
        EXPECT_TRUE(runs[0].HasMember(key)) << key;
    EXPECT_STREQ(runs[0]["status"].GetString(), "succeeded");
    EXPECT_EQ(runs[0]["added"].GetInt(), 352);

    o = run({"--config", m_config, "sources", "--json"});
    ASSERT_EQ(o.code, 0);
    rapidjson::Document sources;
    sources.Parse(o.out.c_str());
    ASSERT_TRUE(sources.IsArray());
    EXPECT_EQ(sources[0]["datasets"].GetInt(), 352);

    o = run({"--config", m_config, "show", "bevolkerung-in-den-sozialatlasbezirken-2018-in-moers-odp"});
    ASSERT_EQ(o.code, 0) << o.err;
    rapidjson::Document shown;
    shown.Parse(o.out.c_str());
    ASSERT_TRUE(shown.IsObject()) << o.out;
    EXPECT_TRUE(shown.HasMember("record"));
    EXPECT_STREQ(shown["status"].GetString(), "active");
    EXPECT_STREQ(shown["record"]["identifier"].GetString(), "2f5c24a2-f9fb-4b75-9a63-3a3d39e4a92a");

    o = run({"--config", m_config, "show", "1", "--format", "ttl"});
    ASSERT_EQ(o.code, 0);
    EXPECT_NE(o.out.find("dcat:Dataset"), std::string::npos);

    // What the source delivered, as it delivered it: the CKAN package dict.
    o = run({"--config", m_config, "show", "bevolkerung-in-den-sozialatlasbezirken-2018-in-moers-odp", "--format",
             "source"});
    ASSERT_EQ(o.code, 0) << o.err;
    const std::string header = "# as source 'moers' delivered it\n";
    ASSERT_TRUE(o.out.starts_with(header)) << o.out.substr(0, 200);
    rapidjson::Document delivered;
    delivered.Parse(o.out.c_str() + header.size());
    ASSERT_TRUE(delivered.IsObject()) << o.out.substr(0, 300);
    EXPECT_STREQ(delivered["name"].GetString(), "bevolkerung-in-den-sozialatlasbezirken-2018-in-moers-odp");
    EXPECT_STREQ(delivered["id"].GetString(), "2f5c24a2-f9fb-4b75-9a63-3a3d39e4a92a");

    const std::string ttl = (m_dir / "catalog.ttl").string();
    o = run({"--config", m_config, "export", "-o", ttl});
    ASSERT_EQ(o.code, 0) << o.err;
    std::ifstream in(ttl);
    std::stringstream text;
    text << in.rdbuf();
    std::size_t datasets = 0;
    for (std::size_t pos = 0; (pos = text.str().find("a dcat:Dataset", pos)) != std::string::npos; ++pos) ++datasets;
    EXPECT_EQ(datasets, 352u);

    o = run({"--config", m_config, "show", "no-such-dataset"});
    EXPECT_EQ(o.code, 1);
    EXPECT_NE(o.err.find("no dataset 'no-such-dataset'"), std::string::npos);

    o = run({"--config", m_config, "errors"});
    EXPECT_EQ(o.code, 0);
    EXPECT_NE(o.out.find("no errors"), std::string::npos);
}

TEST(Cli, ExportAndShowHelpNameEverySyntax) {
    for (const char* command : {"export", "show"}) {
        const Outcome o = run({command, "--help"});
        EXPECT_EQ(o.code, 0) << command;
        for (const char* format : {"ttl", "rdfxml", "jsonld", "Turtle", "RDF/XML", "JSON-LD"})
            EXPECT_NE(o.out.find(format), std::string::npos) << command << " --help lacks " << format << ":\n" << o.out;
    }
    EXPECT_NE(run({"show", "--help"}).out.find("json (the stored record"), std::string::npos);
}

TEST(Cli, UnknownFormatIsAUsageErrorNamingTheAcceptedOnes) {
    Outcome o = run({"export", "--format", "n3"});
    EXPECT_EQ(o.code, 2);
    for (const char* format : {"ttl", "rdfxml", "jsonld"}) EXPECT_NE(o.err.find(format), std::string::npos) << o.err;
    o = run({"show", "1", "--format", "xml"});
    EXPECT_EQ(o.code, 2);
    for (const char* format : {"json", "ttl", "rdfxml", "jsonld"})
        EXPECT_NE(o.err.find(format), std::string::npos) << o.err;
}

TEST_F(CliTest, ExportAndShowInEverySyntax) {
    Outcome o = run({"--config", m_config, "harvest"});
    ASSERT_EQ(o.code, 0) << o.out << o.err;

    struct Syntax {
        const char* name;
        const char* file;
        const char* head;
        const char* dataset;  ///< how a dcat:Dataset node starts
    };
    const Syntax syntaxes[] = {
        {"ttl", "catalog.ttl", "@prefix adms: <http://www.w3.org/ns/adms#> .\n", "a dcat:Dataset ;"},
        {"rdfxml", "catalog.rdf", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rdf:RDF\n", "<dcat:Dataset rdf:about="},
        {"jsonld", "catalog.jsonld", "{\n\"@context\": {\n", "\"@type\":\"dcat:Dataset\""},
    };
    for (const Syntax& syntax : syntaxes) {
        const std::filesystem::path file = m_dir / syntax.file;
        o = run({"--config", m_config, "export", "--format", syntax.name, "-o", file.string()});
        ASSERT_EQ(o.code, 0) << syntax.name << ": " << o.err;
        EXPECT_NE(o.err.find("352 dataset(s) written to " + file.string()), std::string::npos) << o.err;
        std::ifstream in(file, std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        const std::string document = text.str();
        EXPECT_EQ(document.rfind(syntax.head, 0), 0u) << syntax.name;
        std::size_t datasets = 0;
        for (std::size_t pos = 0; (pos = document.find(syntax.dataset, pos)) != std::string::npos; ++pos) ++datasets;
        EXPECT_EQ(datasets, 352u) << syntax.name;
        EXPECT_NE(document.find("dcat:Catalog"), std::string::npos) << syntax.name;

        o = run({"--config", m_config, "show", "1", "--format", syntax.name});
        ASSERT_EQ(o.code, 0) << syntax.name << ": " << o.err;
        EXPECT_EQ(o.out.rfind(syntax.head, 0), 0u) << syntax.name << ":\n" << o.out;
        EXPECT_NE(o.out.find(syntax.dataset), std::string::npos) << o.out;
        EXPECT_EQ(o.out.find("dcat:Catalog"), std::string::npos) << o.out;  // one dataset, no catalogue
    }
    // The same catalogue, to standard output.
    o = run({"--config", m_config, "export", "--format", "jsonld"});
    ASSERT_EQ(o.code, 0) << o.err;
    rapidjson::Document doc;
    doc.Parse(o.out.c_str());
    ASSERT_TRUE(doc.IsObject()) << o.out.substr(0, 500);
    EXPECT_TRUE(doc["@graph"].IsArray());

    // Only the finished file appears: nothing is left beside it, also when writing fails.
    std::size_t entries = 0;
    for (const auto& entry : std::filesystem::directory_iterator(m_dir)) {
        EXPECT_EQ(entry.path().string().find(".tmp"), std::string::npos) << entry.path();
        ++entries;
    }
    EXPECT_GE(entries, 4u);
    o = run({"--config", m_config, "export", "--format", "rdfxml", "-o", (m_dir / "missing" / "catalog.rdf").string()});
    EXPECT_EQ(o.code, 2);
    EXPECT_NE(o.err.find("cannot write " + (m_dir / "missing" / "catalog.rdf").string() + ": the folder " +
                         (m_dir / "missing").string() + " does not exist"),
              std::string::npos)
        << o.err;
    o = run({"--config", m_config, "export", "-o", m_dir.string()});
    EXPECT_EQ(o.code, 2);
    EXPECT_NE(o.err.find("is a folder; name the file to write"), std::string::npos) << o.err;
    EXPECT_EQ(o.err.find("filesystem error"), std::string::npos) << o.err;
    // "-" is standard output, not a file of that name.
    o = run({"--config", m_config, "export", "-o", "-"});
    EXPECT_EQ(o.code, 0) << o.err;
    EXPECT_NE(o.out.find("dcat:Catalog"), std::string::npos);
    EXPECT_FALSE(std::filesystem::exists("-"));

    // A symbolic link stays, the file it names gets the catalogue.
    const auto real = m_dir / "real.ttl";
    const auto link = m_dir / "link.ttl";
    std::ofstream(real) << "old";
    std::filesystem::create_symlink(real, link);
    o = run({"--config", m_config, "export", "-o", link.string()});
    EXPECT_EQ(o.code, 0) << o.err;
    EXPECT_TRUE(std::filesystem::is_symlink(link));
    EXPECT_GT(std::filesystem::file_size(real), 1000u);
    // A pipe (as /dev/null is a device) is written to, not replaced by a file.
    const auto fifo = m_dir / "fifo.ttl";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    std::string received;
    std::thread reader([&] {
        std::ifstream in(fifo, std::ios::binary);
        received.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    });
    o = run({"--config", m_config, "export", "-o", fifo.string()});
    reader.join();
    EXPECT_EQ(o.code, 0) << o.err;
    EXPECT_NE(received.find("dcat:Catalog"), std::string::npos);
    EXPECT_TRUE(std::filesystem::is_fifo(fifo));
    // A file where the folder should be.
    o = run({"--config", m_config, "export", "-o", (real / "catalog.ttl").string()});
    EXPECT_EQ(o.code, 2);
    EXPECT_NE(o.err.find(real.string() + " is not a folder"), std::string::npos) << o.err;
}

TEST_F(CliTest, UnknownSourceIsAUsageError) {
    Outcome o = run({"--config", m_config, "harvest", "nowhere"});
    EXPECT_EQ(o.code, 2);
    EXPECT_NE(o.err.find("no source named 'nowhere'"), std::string::npos) << o.err;
    EXPECT_NE(o.err.find("configured: moers"), std::string::npos) << o.err;

    // Before the first harvest, reading commands find no catalogue, and do not make an empty one.
    const std::string database = (m_dir / "ernte.db").string();
    for (const std::vector<std::string>& command : std::vector<std::vector<std::string>>{
             {"runs"}, {"errors"}, {"export"}, {"score"}, {"show", "1"}, {"check-links"}, {"retire", "kleve"}}) {
        std::vector<std::string> args{"--config", m_config};
        args.insert(args.end(), command.begin(), command.end());
        o = run(args);
        EXPECT_EQ(o.code, 2) << command[0];
        EXPECT_NE(o.err.find("there is no catalogue at " + database), std::string::npos) << o.err;
        EXPECT_FALSE(std::filesystem::exists(database)) << command[0];
    }

    // Filters name a source or run the catalogue knows, rather than answer with nothing.
    ASSERT_EQ(run({"--config", m_config, "harvest"}).code, 0);
    for (const std::vector<std::string>& command : std::vector<std::vector<std::string>>{
             {"runs", "--source", "nowhere"}, {"errors", "--source", "nowhere"}, {"export", "--source", "nowhere"},
             {"score", "--source", "nowhere"}}) {
        std::vector<std::string> args{"--config", m_config};
        args.insert(args.end(), command.begin(), command.end());
        o = run(args);
        EXPECT_EQ(o.code, 2) << command[0];
        EXPECT_NE(o.err.find("no source named 'nowhere'"), std::string::npos) << o.err;
        EXPECT_NE(o.err.find("configured: moers"), std::string::npos) << o.err;
    }
    o = run({"--config", m_config, "errors", "--run", "999999"});
    EXPECT_EQ(o.code, 2);
    EXPECT_NE(o.err.find("there is no run 999999"), std::string::npos) << o.err;
    EXPECT_EQ(run({"--config", m_config, "runs", "--source", "moers"}).code, 0);
    // Run 0 is no run, and an empty name filters nothing: both are errors, not "everything".
    o = run({"--config", m_config, "errors", "--run", "0"});
    EXPECT_EQ(o.code, 2);
    EXPECT_NE(o.err.find("expected a run number (1 or more, see `ernte runs`), found '0'"), std::string::npos) << o.err;
    for (const std::vector<std::string>& command : std::vector<std::vector<std::string>>{
             {"runs", "--source", ""}, {"errors", "--source", " "}, {"export", "--source", ""},
             {"score", "--source", ""}, {"export", "--publisher", ""}, {"score", "--publisher", ""}}) {
        std::vector<std::string> args{"--config", m_config};
        args.insert(args.end(), command.begin(), command.end());
        o = run(args);
        EXPECT_EQ(o.code, 2) << command[0] << " " << command[1];
        EXPECT_NE(o.err.find(command[1] + ": expected a"), std::string::npos) << o.err;
        EXPECT_NE(o.err.find(", found nothing"), std::string::npos) << o.err;
    }
    // A publisher no dataset has is named, with the publishers it may mean.
    const std::vector<std::string> publishers =
        ernte::catalog::Store(m_dir / "ernte.db").publisher_names_like("", 100);
    ASSERT_FALSE(publishers.empty());
    const std::string publisher = publishers.front();
    std::string lower = publisher;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    for (const char* command : {"export", "score"}) {
        o = run({"--config", m_config, command, "--publisher", lower});
        EXPECT_EQ(o.code, 2) << command;
        EXPECT_NE(o.err.find("no dataset in the catalogue has the publisher '" + lower +
                             "' (its name or IRI, written exactly); did you mean '" + publisher + "'"),
                  std::string::npos)
            << o.err;
        o = run({"--config", m_config, command, "--publisher", "Niemand Nirgends"});
        EXPECT_EQ(o.code, 2) << command;
        EXPECT_NE(o.err.find("`ernte score` without --publisher lists the publishers"), std::string::npos) << o.err;
        EXPECT_EQ(run({"--config", m_config, command, "--publisher", publisher}).code, 0) << command;
    }
}

TEST_F(CliTest, ARunWhoseProcessIsGoneIsListedAsInterrupted) {
    ASSERT_EQ(run({"--config", m_config, "harvest"}).code, 0);
    const std::filesystem::path database = m_dir / "ernte.db";
    // A harvest killed in the middle: its run stays 'running'.
    const auto moers = ernte::catalog::Store(database).source_id("moers");
    ASSERT_TRUE(moers);
    ernte::testsupport::run_in_dead_process(database, *moers);

    const Outcome o = run({"--config", m_config, "runs"});
    EXPECT_EQ(o.code, 0) << o.err;
    EXPECT_NE(o.err.find("note: 1 earlier run(s) had been cut off and are now marked interrupted: moers (run 2)"),
              std::string::npos)
        << o.err;
    EXPECT_NE(o.out.find("interrupted"), std::string::npos) << o.out;
    EXPECT_EQ(o.out.find("running"), std::string::npos) << o.out;
}

TEST_F(CliTest, OutputThatCannotBeWrittenIsAFailure) {
    ASSERT_EQ(run({"--config", m_config, "harvest"}).code, 0);
    // Standard output on a full disk or a closed pipe: every write fails.
    std::ostream out(nullptr);
    std::ostringstream err;
    const std::vector<const char*> argv{"ernte", "--config", m_config.c_str(), "runs"};
    const int code = cli::run_cli(static_cast<int>(argv.size()), argv.data(), out, err);
    EXPECT_EQ(code, 1);
    EXPECT_NE(err.str().find("ernte runs: writing the output failed"), std::string::npos) << err.str();
}

TEST_F(CliTest, ASourceNamedTwiceIsHarvestedOnce) {
    const Outcome o = run({"--config", m_config, "harvest", "moers", "moers"});
    EXPECT_EQ(o.code, 0) << o.out << o.err;
    EXPECT_EQ(std::count(o.out.begin(), o.out.end(), '\n'), 1) << o.out;
    EXPECT_NE(o.out.find("moers: succeeded"), std::string::npos) << o.out;
    EXPECT_EQ(o.err.find("already being harvested"), std::string::npos) << o.err;
}

TEST_F(CliTest, ASourceTakenOutOfTheConfigurationIsListedUntilRetired) {
    ASSERT_EQ(run({"--config", m_config, "harvest"}).code, 0);
    // The state office replaces moers by another source in its configuration.
    std::ofstream(m_config) << "database: " << (m_dir / "ernte.db").string() << "\n"
                            << "contact: test@example.org\n"
                            << "vocabularies: " << ERNTE_SOURCE_DIR << "/schemas/vocab\n"
                            << "sources:\n"
                            << "  - name: kleve\n    type: ckan\n    url: http://127.0.0.1:1\n    retries: 0\n";

    // A harvest of all sources reminds the operator of it.
    Outcome o = run({"--config", m_config, "harvest"});
    EXPECT_EQ(o.code, 1);  // kleve cannot be reached
    EXPECT_NE(o.err.find("note: moers is no longer in " + m_config + " but still delivers 352 dataset(s)"),
              std::string::npos)
        << o.err;
    o = run({"--config", m_config, "sources"});
    ASSERT_EQ(o.code, 0) << o.err;
    EXPECT_NE(o.out.find("moers is no longer in " + m_config + " but still delivers 352 dataset(s)"),
              std::string::npos)
        << o.out;
    EXPECT_NE(o.out.find("'ernte retire moers'"), std::string::npos) << o.out;
    o = run({"--config", m_config, "sources", "--json"});
    rapidjson::Document sources;
    sources.Parse(o.out.c_str());
    ASSERT_TRUE(sources.IsArray()) << o.out;
    ASSERT_EQ(sources.Size(), 2u) << o.out;
    EXPECT_STREQ(sources[0]["name"].GetString(), "kleve");
    EXPECT_TRUE(sources[0]["configured"].GetBool());
    EXPECT_STREQ(sources[1]["name"].GetString(), "moers");
    EXPECT_FALSE(sources[1]["configured"].GetBool());
    EXPECT_EQ(sources[1]["datasets"].GetInt(), 352);

    // Only a source the configuration no longer names can be retired.
    o = run({"--config", m_config, "retire", "kleve"});
    EXPECT_EQ(o.code, 2);
    EXPECT_NE(o.err.find("'kleve' is still configured"), std::string::npos) << o.err;
    o = run({"--config", m_config, "retire", "nowhere"});
    EXPECT_EQ(o.code, 2);
    EXPECT_NE(o.err.find("no source named 'nowhere'"), std::string::npos) << o.err;
    EXPECT_NE(o.err.find("not configured: moers"), std::string::npos) << o.err;

    o = run({"--config", m_config, "retire", "moers"});
    ASSERT_EQ(o.code, 0) << o.out << o.err;
    EXPECT_NE(o.out.find("moers: succeeded (full run"), std::string::npos) << o.out;
    EXPECT_NE(o.out.find("352 deleted"), std::string::npos) << o.out;
    EXPECT_NE(o.out.find("352 of them no other source delivers and are deprecated"), std::string::npos) << o.out;
    o = run({"--config", m_config, "show", "bevolkerung-in-den-sozialatlasbezirken-2018-in-moers-odp"});
    rapidjson::Document shown;
    shown.Parse(o.out.c_str());
    ASSERT_TRUE(shown.IsObject()) << o.out;
    EXPECT_STREQ(shown["status"].GetString(), "deprecated");
    o = run({"--config", m_config, "runs", "--json", "--source", "moers"});
    rapidjson::Document runs;
    runs.Parse(o.out.c_str());
    ASSERT_TRUE(runs.IsArray() && runs.Size() == 2u) << o.out;
    EXPECT_EQ(runs[0]["deleted"].GetInt(), 352);
    // Retired, it is no longer listed, and retiring it again changes nothing.
    o = run({"--config", m_config, "sources"});
    EXPECT_EQ(o.out.find("moers"), std::string::npos) << o.out;
    EXPECT_EQ(run({"--config", m_config, "harvest"}).err.find("moers"), std::string::npos);
    o = run({"--config", m_config, "retire", "moers"});
    EXPECT_EQ(o.code, 0) << o.err;
    EXPECT_NE(o.out.find("0 deleted"), std::string::npos) << o.out;
}

TEST_F(CliTest, FailedSourceExitsWithOneAndSaysWhy) {
    write_config("http://127.0.0.1:1");
    const Outcome o = run({"--config", m_config, "harvest"});
    EXPECT_EQ(o.code, 1);
    EXPECT_NE(o.out.find("moers: failed"), std::string::npos) << o.out;
    EXPECT_NE(o.out.find("could not be fetched"), std::string::npos) << o.out;

    const Outcome errors = run({"--config", m_config, "errors", "--source", "moers"});
    EXPECT_EQ(errors.code, 0);
    EXPECT_NE(errors.out.find("[fetch]"), std::string::npos) << errors.out;
    EXPECT_NE(errors.out.find("url: http://127.0.0.1:1/api/3/action/package_search"), std::string::npos)
        << errors.out;

    // Once the run is older than keep_run_errors, the next run deletes its
    // errors, and asking for them says why there are none.
    {
        catalog::sqlite::Database db(m_dir / "ernte.db");
        db.exec("UPDATE harvest_runs SET finished = '2000-01-01T00:00:00Z'");
    }
    ASSERT_EQ(run({"--config", m_config, "harvest"}).code, 1);
    const Outcome gone = run({"--config", m_config, "errors", "--run", "1"});
    EXPECT_EQ(gone.code, 0);
    EXPECT_NE(gone.out.find("no errors or warnings kept for run 1"), std::string::npos) << gone.out;
    EXPECT_NE(gone.out.find("keep_run_errors (90d)"), std::string::npos) << gone.out;
    EXPECT_NE(run({"--config", m_config, "errors", "--run", "2"}).out.find("[fetch]"), std::string::npos);
}

namespace {

/// A portal whose datasets link to files on the same loopback server: one
/// that works, one that is gone, one that robots.txt keeps ernte away from.
class CliLinkTest : public CliTest {
protected:
    void SetUp() override {
        CliTest::SetUp();
        m_server = std::make_unique<testsupport::HttpServer>([this](const testsupport::HttpRequest& r) {
            if (r.path == "/robots.txt")
                return testsupport::HttpResponse::text("User-agent: *\nDisallow: /files/private/\n", "text/plain");
            if (r.path == "/files/ok.csv") return testsupport::HttpResponse::text("a;b\n1;2\n", "text/csv");
            if (r.path.rfind("/files/", 0) == 0) return testsupport::HttpResponse::text("gone", "text/plain", 404);
            return m_portal.handle(r);
        });
        const std::string base = m_server->base_url();
        auto package = [&](const std::string& id, const std::string& file) {
            return R"({"id":")" + id + R"(","name":")" + id + R"(","title":"Haushalt )" + id +
                   R"(","notes":"Daten","metadata_modified":"2026-10-01T08:00:00","resources":[{"id":"r-)" + id +
                   R"(","name":"Tabelle","format":"CSV","url":")" + base + file + R"("}]})";
        };
        m_portal.set_packages({package("p1", "/files/ok.csv"), package("p2", "/files/missing.csv"),
                               package("p3", "/files/private/intern.csv"), package("p4", "/files/ok.csv")});
        write_config(base, "link_check:\n  delay: 0\n  timeout: 5s\n");
    }
};

}  // namespace

TEST_F(CliLinkTest, CheckLinksReportsOkBrokenFreshAndNotChecked) {
    // Before the first harvest there is no catalogue to check.
    Outcome o = run({"--config", m_config, "check-links"});
    EXPECT_EQ(o.code, 2) << o.err;
    EXPECT_NE(o.err.find("there is no catalogue at"), std::string::npos) << o.err;

    o = run({"--config", m_config, "harvest"});
    ASSERT_EQ(o.code, 0) << o.out << o.err;
    EXPECT_EQ(o.out.find("link check"), std::string::npos) << o.out;  // after_harvest is off by default

    o = run({"--config", m_config, "check-links"});
    ASSERT_EQ(o.code, 0) << o.err;
    EXPECT_NE(o.out.find("link check: 3 distribution URL(s)"), std::string::npos) << o.out;
    EXPECT_NE(o.out.find("checked now:  2 (1 ok, 1 broken)"), std::string::npos) << o.out;
    EXPECT_NE(o.out.find("fresh:        0 (checked less than 7d ago"), std::string::npos) << o.out;
    EXPECT_NE(o.out.find("not checked:  1 (1 disallowed by robots.txt, 0 on hosts whose robots.txt could not be read)"),
              std::string::npos)
        << o.out;
    EXPECT_NE(o.out.find("now: 1 ok, 1 broken, 1 not checked"), std::string::npos) << o.out;
    EXPECT_NE(o.out.find("broken links by host:\n  127.0.0.1:" + std::to_string(m_server->port())), std::string::npos)
        << o.out;
    EXPECT_NE(o.out.find("broken links by reason:\n  HTTP 404 Not Found"), std::string::npos) << o.out;

    // Fresh results are reused; the URL robots.txt disallows stays not checked.
    o = run({"--config", m_config, "check-links", "--json"});
    ASSERT_EQ(o.code, 0) << o.err;
    rapidjson::Document report;
    report.Parse(o.out.c_str());
    ASSERT_TRUE(report.IsObject()) << o.out;
    EXPECT_EQ(report["urls"].GetInt(), 3);
    EXPECT_EQ(report["fresh"].GetInt(), 2);
    EXPECT_EQ(report["checked"].GetInt(), 0);
    EXPECT_EQ(report["disallowed_by_robots"].GetInt(), 1);
    EXPECT_EQ(report["state"]["ok"].GetInt(), 1);
    EXPECT_EQ(report["state"]["broken"].GetInt(), 1);
    EXPECT_EQ(report["state"]["not_checked"].GetInt(), 1);
    ASSERT_EQ(report["broken_links"].Size(), 1u);
    const auto& broken = report["broken_links"][0];
    EXPECT_EQ(std::string(broken["url"].GetString()), m_server->base_url() + "/files/missing.csv");
    EXPECT_EQ(broken["status"].GetInt(), 404);
    EXPECT_EQ(broken["consecutive_failures"].GetInt(), 1);
    EXPECT_STREQ(report["broken_reasons"][0]["reason"].GetString(), "HTTP 404 Not Found");

    o = run({"--config", m_config, "check-links", "--force", "moers"});
    ASSERT_EQ(o.code, 0) << o.err;
    EXPECT_NE(o.out.find("checked now:  2 (1 ok, 1 broken)"), std::string::npos) << o.out;

    o = run({"--config", m_config, "check-links", "nowhere"});
    EXPECT_EQ(o.code, 2);
    EXPECT_NE(o.err.find("no source named 'nowhere'"), std::string::npos) << o.err;
}

TEST_F(CliLinkTest, HarvestChecksLinksAfterwardsWhenConfigured) {
    write_config(m_server->base_url(), "link_check:\n  delay: 0\n  after_harvest: true\n");
    const Outcome o = run({"--config", m_config, "harvest"});
    ASSERT_EQ(o.code, 0) << o.out << o.err;
    EXPECT_NE(o.out.find("moers: succeeded"), std::string::npos) << o.out;
    EXPECT_NE(o.out.find("link check: 3 distribution URL(s)"), std::string::npos) << o.out;
    EXPECT_NE(o.out.find("now: 1 ok, 1 broken, 1 not checked"), std::string::npos) << o.out;
}

namespace {

/// The `ernte score --format json --datasets` report, parsed; datasets by title.
struct ScoreReport {
    rapidjson::Document json;
    const rapidjson::Value& dataset(const std::string& title) const {
        for (const auto& d : json["datasets"].GetArray())
            if (title == d["title"].GetString()) return d;
        throw std::runtime_error("no dataset " + title + " in the report");
    }
};

ScoreReport score_report(const std::string& config) {
    const Outcome o = run({"--config", config, "score", "--format", "json", "--datasets"});
    EXPECT_EQ(o.code, 0) << o.err;
    ScoreReport report;
    report.json.Parse(o.out.c_str());
    EXPECT_TRUE(report.json.IsObject()) << o.out;
    return report;
}

}  // namespace

TEST_F(CliLinkTest, ScoresFollowTheHarvestAndTheLinkCheck) {
    Outcome o = run({"--config", m_config, "harvest"});
    ASSERT_EQ(o.code, 0) << o.out << o.err;

    ScoreReport before = score_report(m_config);
    ASSERT_TRUE(before.json.HasMember("catalogue"));
    EXPECT_EQ(before.json["catalogue"]["datasets"].GetInt(), 4);
    EXPECT_EQ(before.json["catalogue"]["scored"].GetInt(), 4);
    ASSERT_EQ(before.json["datasets"].Size(), 4u);
    const auto& unchecked = before.dataset("Haushalt p1")["mqa"]["indicators"]["accessUrlStatusCode"];
    EXPECT_TRUE(unchecked["passed"].IsNull());  // not checked yet: neither passed nor failed
    EXPECT_EQ(unchecked["points"].GetInt(), 0);
    const int p1_before = before.dataset("Haushalt p1")["mqa"]["total"].GetInt();
    const int p2_before = before.dataset("Haushalt p2")["mqa"]["total"].GetInt();
    EXPECT_EQ(p1_before, p2_before);  // the same metadata

    o = run({"--config", m_config, "check-links"});
    ASSERT_EQ(o.code, 0) << o.err;
    EXPECT_NE(o.out.find("scores: 4 datasets assessed again, 3 changed"), std::string::npos) << o.out;

    ScoreReport after = score_report(m_config);
    const auto& ok = after.dataset("Haushalt p1")["mqa"]["indicators"]["accessUrlStatusCode"];
    EXPECT_TRUE(ok["passed"].GetBool());
    EXPECT_EQ(ok["points"].GetInt(), 50);
    const auto& broken = after.dataset("Haushalt p2")["mqa"]["indicators"]["accessUrlStatusCode"];
    EXPECT_FALSE(broken["passed"].GetBool());
    EXPECT_TRUE(after.dataset("Haushalt p3")["mqa"]["indicators"]["accessUrlStatusCode"]["passed"].IsNull());
    EXPECT_GT(after.dataset("Haushalt p1")["mqa"]["total"].GetInt(), p1_before);
    // The broken link's finding names the URL and what the server said.
    bool named = false;
    for (const auto& f : after.dataset("Haushalt p2")["findings"].GetArray()) {
        if (std::string(f["rule"].GetString()) != "accessUrlStatusCode") continue;
        named = std::string(f["message"].GetString()).find("/files/missing.csv") != std::string::npos;
    }
    EXPECT_TRUE(named);

    // The table: one row per publisher, and the catalogue's line.
    o = run({"--config", m_config, "score"});
    ASSERT_EQ(o.code, 0) << o.err;
    EXPECT_NE(o.out.find("catalogue: 4 datasets, 4 scored, mean"), std::string::npos) << o.out;
    o = run({"--config", m_config, "score", "--format", "csv", "--datasets", "--lang", "de"});
    ASSERT_EQ(o.code, 0) << o.err;
    EXPECT_EQ(o.out.rfind("id,iri,title,publisher,source,score,rating,findability", 0), 0u) << o.out;

    o = run({"--config", m_config, "score", "--source", "nowhere"});
    EXPECT_EQ(o.code, 2);
}

TEST_F(CliLinkTest, RecordsHarvestedWithoutScoringAreAssessedByScore) {
    Outcome o = run({"--config", m_config, "harvest", "--no-score"});
    ASSERT_EQ(o.code, 0) << o.out << o.err;
    o = run({"--config", m_config, "score"});
    ASSERT_EQ(o.code, 0) << o.err;
    EXPECT_NE(o.err.find("assessed 4 datasets that had no assessment yet"), std::string::npos) << o.err;
    EXPECT_NE(o.out.find("catalogue: 4 datasets, 4 scored"), std::string::npos) << o.out;
    o = run({"--config", m_config, "score"});
    EXPECT_EQ(o.err.find("assessed"), std::string::npos) << o.err;  // nothing left to assess
    o = run({"--config", m_config, "score", "--rescore"});
    ASSERT_EQ(o.code, 0) << o.err;
    EXPECT_NE(o.err.find("assessed 4 datasets again"), std::string::npos) << o.err;
}
