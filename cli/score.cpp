#include "catalog/assess.hpp"
#include "catalog/quality_report.hpp"
#include "catalog/store.hpp"
#include "catalog/time.hpp"
#include "catalog/vocab.hpp"
#include "cli/common.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ostream>
#include <string>

namespace ernte::cli {

namespace {

class ScoreCommand final : public Command {
public:
    std::string_view name() const override { return "score"; }
    std::string_view synopsis() const override { return "metadata quality: MQA scores and what to fix"; }
    void setup(CLI::App& app) override {
        app.description(
            "Report metadata quality: the MQA score of data.europa.eu (405 points) per publisher, with the "
            "findings that cost most points; with --datasets, one row per dataset and every finding with its fix. "
            "Scores are computed during harvests; link checks (`ernte check-links`) complete them.");
        app.add_option("--source", m_source, "only datasets of this source")->check(not_empty("a source name"));
        app.add_option("--publisher", m_publisher, "only datasets of this publisher (its name or IRI)")
            ->check(not_empty("a publisher's name or IRI"));
        app.add_option("--format", m_format, "table (default), json or csv")
            ->check(CLI::IsMember({"table", "json", "csv"}));
        app.add_flag("--datasets", m_datasets, "one row per dataset (in JSON: a \"datasets\" array with findings)");
        app.add_flag("--rescore", m_rescore,
                     "assess every selected dataset again first (after a vocabulary update); datasets never "
                     "assessed are always assessed first");
        app.add_option("--lang", m_lang, "language of messages and fixes: en (default) or de")
            ->check(CLI::IsMember({"en", "de"}));
    }
    int run(const Context& context) override {
        const harvester::Config config = load_config(context);
        require_catalogue(config);
        catalog::Store store(config.database);
        catalog::DatasetFilter filter;
        if (!m_source.empty()) {
            require_known_source(store, config, m_source);
            filter.source = m_source;
        }
        if (!m_publisher.empty()) {
            require_known_publisher(store, m_publisher);
            filter.publisher = m_publisher;
        }
        // Records stored before they could be assessed (or with --rescore, all)
        // are assessed now, with the stored link-check results.
        const catalog::Vocabularies vocab = catalog::Vocabularies::load(config.vocabularies);
        const std::string today = catalog::today_utc();
        std::vector<catalog::quality::ScoredDataset> scored = store.scored_datasets(filter);
        const bool unassessed = std::any_of(scored.begin(), scored.end(), [](const auto& d) { return !d.score; });
        if (m_rescore || unassessed) {
            const auto counts = catalog::quality::reassess(store, vocab, filter, today, !m_rescore);
            if (counts.assessed > 0 && m_format == "table") {
                *context.err << fmt::format("assessed {} datasets {}\n", counts.assessed,
                                            m_rescore ? "again" : "that had no assessment yet");
            }
            scored = store.scored_datasets(filter);
        }
        if (m_datasets) catalog::quality::add_finding_texts(store, vocab, scored, today);
        catalog::quality::QualityReport report = catalog::quality::build_report(std::move(scored));
        if (report.catalogue.datasets == 0 && m_format == "table") {
            *context.out << (filter.source || filter.publisher
                                 ? "no datasets match\n"
                                 : "the catalogue is empty; harvest first with 'ernte harvest'\n");
            return exit_ok;
        }
        const auto language = m_lang == "de" ? catalog::quality::Language::de : catalog::quality::Language::en;
        if (m_format == "json") catalog::quality::write_report_json(*context.out, report, m_datasets, language);
        else if (m_format == "csv") catalog::quality::write_report_csv(*context.out, report, m_datasets, language);
        else catalog::quality::write_report_table(*context.out, report, m_datasets, language);
        return exit_ok;
    }

private:
    std::string m_source;
    std::string m_publisher;
    std::string m_format = "table";
    std::string m_lang = "en";
    bool m_datasets = false;
    bool m_rescore = false;
};

}  // namespace

std::unique_ptr<Command> make_score_command() { return std::make_unique<ScoreCommand>(); }

}  // namespace ernte::cli
