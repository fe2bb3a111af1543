#include "cli/common.hpp"

#include <fmt/format.h>

#include <ostream>

namespace ernte::cli {

namespace {

class RunsCommand final : public Command {
public:
    std::string_view name() const override { return "runs"; }
    std::string_view synopsis() const override { return "list harvest runs, newest first"; }
    void setup(CLI::App& app) override {
        app.description(std::string(synopsis()));
        app.add_option("--source", m_source, "only runs of this source")->check(not_empty("a source name"));
        app.add_option("--limit", m_limit, "at most this many runs (default 20, 0 for all)")->check(whole_number_from_zero());
        app.add_flag("--json", m_json, "print a JSON array");
    }
    int run(const Context& context) override {
        const harvester::Config config = load_config(context);
        require_catalogue(config);
        // A run whose process is gone shows as interrupted, not as running.
        mark_interrupted_runs(context, config);
        catalog::Store store(config.database);
        std::optional<std::string> source;
        if (!m_source.empty()) {
            require_known_source(store, config, m_source);
            source = m_source;
        }
        const auto runs = store.runs(source, m_limit);
        if (m_json) {
            rapidjson::StringBuffer buffer;
            JsonWriter w(buffer);
            w.StartArray();
            for (const auto& r : runs) write_run_json(w, r);
            w.EndArray();
            *context.out << buffer.GetString() << "\n";
            return exit_ok;
        }
        if (runs.empty()) {
            *context.out << "no runs yet; start one with 'ernte harvest'\n";
            return exit_ok;
        }
        *context.out << fmt::format("{:>6}  {:<20} {:<11} {:<12} {:<20} {:<20} {:>7} {:>7} {:>9} {:>7} {:>8} {:>6}\n",
                                    "id", "source", "mode", "status", "started", "finished", "added", "updated",
                                    "unchanged", "deleted", "withheld", "errors");
        for (const auto& r : runs) {
            *context.out << fmt::format(
                "{:>6}  {:<20} {:<11} {:<12} {:<20} {:<20} {:>7} {:>7} {:>9} {:>7} {:>8} {:>6}\n", r.id, r.source,
                catalog::to_string(r.mode), catalog::to_string(r.status), r.started,
                r.finished.empty() ? "-" : r.finished, r.counts.added, r.counts.updated, r.counts.unchanged,
                r.counts.deleted, r.counts.deletions_withheld, r.counts.errors);
            if (!r.message.empty()) *context.out << "        " << r.message << "\n";
        }
        return exit_ok;
    }

private:
    std::string m_source;
    int m_limit = 20;
    bool m_json = false;
};

}  // namespace

std::unique_ptr<Command> make_runs_command() { return std::make_unique<RunsCommand>(); }

}  // namespace ernte::cli
