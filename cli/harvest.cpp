#include "catalog/store.hpp"
#include "catalog/vocab.hpp"
#include "cli/common.hpp"
#include "harvester/harvest_run.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <mutex>
#include <ostream>

namespace ernte::cli {

namespace {

class HarvestCommand final : public Command {
public:
    std::string_view name() const override { return "harvest"; }
    std::string_view synopsis() const override { return "harvest the configured sources (all, or those named)"; }
    void setup(CLI::App& app) override {
        app.description(
            "Harvest sources into the catalogue, then check their links when link_check.after_harvest is set. "
            "Exit status: 0 when every source succeeded, 1 when any failed or was partial (or the link check was "
            "stopped), 2 on a usage or configuration error.");
        app.add_option("SOURCE", m_names, "names of sources to harvest (default: all)");
        app.add_flag("--full", m_full, "list every dataset (detects deletions) instead of only changes");
        app.add_flag("--no-score", m_no_score,
                     "do not assess new and changed records (MQA score, DCAT-AP.de rules); for measuring what "
                     "assessing costs, `ernte score` assesses them later");
    }
    int run(const Context& context) override {
        const harvester::Config config = load_config(context);
        std::vector<const harvester::SourceConfig*> sources;
        if (m_names.empty()) {
            for (const auto& s : config.sources) sources.push_back(&s);
        } else {
            for (const auto& name : m_names) {
                const auto* s = config.find_source(name);
                if (!s) {
                    throw UsageError(fmt::format("no source named '{}' in {}; configured: {}", name,
                                                 config.file.string(), fmt::join(config.source_names(), ", ")));
                }
                // A name given twice is harvested once.
                if (std::find(sources.begin(), sources.end(), s) == sources.end()) sources.push_back(s);
            }
        }
        const catalog::Vocabularies vocab = catalog::Vocabularies::load(config.vocabularies);
        mark_interrupted_runs(context, config);

        StopSignals signals;
        harvester::HarvestEnvironment env;
        env.config = &config;
        env.vocab = &vocab;
        harvester::HarvestOptions options;
        options.force_full = m_full;
        options.assess = !m_no_score;
        options.cancel = signals.flag();
        std::mutex progress_mutex;
        if (context.terminal) {
            options.on_progress = [&](const harvester::HarvestProgress& p) {
                std::lock_guard lock(progress_mutex);
                std::string pages = p.pages_expected > 0 ? fmt::format("{}/{}", p.pages, p.pages_expected)
                                                         : fmt::format("{}", p.pages);
                std::string records = p.records_expected >= 0
                                          ? fmt::format("{}/{}", p.records, p.records_expected)
                                          : fmt::format("{}", p.records);
                *context.err << fmt::format("\r\033[K{}: page {}, {} datasets", p.source, pages, records)
                             << std::flush;
            };
        }
        const auto results = harvester::harvest_sources(env, sources, options);
        if (context.terminal) *context.err << "\r\033[K" << std::flush;

        int exit_code = exit_ok;
        std::vector<std::string> harvested;
        for (const auto& r : results) {
            *context.out << harvester::summary_line(r) << "\n";
            if (r.status != catalog::RunStatus::succeeded) exit_code = exit_failed;
            harvested.push_back(r.source);
        }
        if (m_names.empty()) note_unconfigured_sources(context, config);
        if (config.link_check.after_harvest && !signals.flag()->load()) {
            if (run_link_check(context, config, harvested, false, false, signals.flag()) != exit_ok) {
                exit_code = exit_failed;
            }
        }
        return exit_code;
    }

private:
    std::vector<std::string> m_names;
    bool m_full = false;
    bool m_no_score = false;
};

}  // namespace

std::unique_ptr<Command> make_harvest_command() { return std::make_unique<HarvestCommand>(); }

}  // namespace ernte::cli
