#include "cli/common.hpp"

#include "catalog/time.hpp"

#include <fmt/format.h>

#include <ostream>

namespace ernte::cli {

namespace {

class ErrorsCommand final : public Command {
public:
    std::string_view name() const override { return "errors"; }
    std::string_view synopsis() const override { return "list per-record and per-page errors and warnings of harvest runs"; }
    void setup(CLI::App& app) override {
        app.description(std::string(synopsis()));
        app.add_option("--source", m_source, "only errors of this source")->check(not_empty("a source name"));
        app.add_option("--run", m_run, "only errors of this run")->check(run_id());
        app.add_option("--limit", m_limit, "at most this many errors (default 100, 0 for all)")
            ->check(whole_number_from_zero());
        app.add_flag("--json", m_json, "print a JSON array");
    }
    int run(const Context& context) override {
        const harvester::Config config = load_config(context);
        require_catalogue(config);
        catalog::Store store(config.database);
        std::optional<std::string> source;
        if (!m_source.empty()) {
            require_known_source(store, config, m_source);
            source = m_source;
        }
        std::optional<std::int64_t> run;
        if (m_run > 0) {
            if (!store.run(m_run)) throw UsageError(fmt::format("there is no run {} (see `ernte runs`)", m_run));
            run = m_run;
        }
        const auto errors = store.errors(source, run, m_limit);
        if (m_json) {
            rapidjson::StringBuffer buffer;
            JsonWriter w(buffer);
            w.StartArray();
            for (const auto& e : errors) catalog::write_error_json(w, e);
            w.EndArray();
            *context.out << buffer.GetString() << "\n";
            return exit_ok;
        }
        if (errors.empty()) {
            // A run older than keep_run_errors may have had some: say they are gone.
            const auto row = run ? store.run(*run) : std::nullopt;
            const auto finished = row ? catalog::parse_utc(row->finished) : std::nullopt;
            const auto keep = config.keep_run_errors;
            if (finished && keep.count() > 0 && *finished < std::chrono::system_clock::now() - keep) {
                *context.out << fmt::format(
                    "no errors or warnings kept for run {} ({} error(s) when it ended): those of runs that ended "
                    "more than keep_run_errors ({}) ago are deleted\n",
                    *run, row->counts.errors,
                    keep.count() % 86400 == 0 ? fmt::format("{}d", keep.count() / 86400) : fmt::format("{}s", keep.count()));
            } else {
                *context.out << "no errors\n";
            }
            return exit_ok;
        }
        for (const auto& e : errors) {
            *context.out << fmt::format("run {} {} [{}]{}{}\n  {}\n", e.run_id, e.source, e.stage,
                                        e.object_id.empty() ? "" : " " + e.object_id,
                                        e.place.empty() ? "" : " at " + e.place, e.message);
            if (!e.url.empty()) *context.out << "  url: " << e.url << "\n";
        }
        return exit_ok;
    }

private:
    std::string m_source;
    std::int64_t m_run = 0;
    int m_limit = 100;
    bool m_json = false;
};

}  // namespace

std::unique_ptr<Command> make_errors_command() { return std::make_unique<ErrorsCommand>(); }

}  // namespace ernte::cli
