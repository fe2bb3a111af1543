#include "cli/common.hpp"

#include "harvester/harvest_run.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <ostream>

namespace ernte::cli {

namespace {

class SourcesCommand final : public Command {
public:
    std::string_view name() const override { return "sources"; }
    std::string_view synopsis() const override {
        return "list the configured sources with their datasets and last runs";
    }
    void setup(CLI::App& app) override {
        app.description(std::string(synopsis()));
        app.add_flag("--json", m_json, "print a JSON array");
    }
    int run(const Context& context) override {
        const harvester::Config config = load_config(context);
        mark_interrupted_runs(context, config);  // their last run shows as interrupted, not as running
        catalog::Store store(config.database);
        const auto rows = store.sources();
        auto find_row = [&](const std::string& name) -> const catalog::SourceRow* {
            for (const auto& r : rows)
                if (r.info.name == name) return &r;
            return nullptr;
        };
        const auto unconfigured = catalog::unconfigured_sources(rows, config.source_names());
        if (m_json) {
            rapidjson::StringBuffer buffer;
            JsonWriter w(buffer);
            w.StartArray();
            for (const auto& s : config.sources) {
                const auto* row = find_row(s.name);
                w.StartObject();
                json_string(w, "name", s.name);
                w.Key("configured");
                w.Bool(true);
                json_string(w, "type", std::string(harvester::to_string(s.type)));
                json_string(w, "url", s.url);
                json_string(w, "schedule", s.schedule);
                json_int(w, "priority", s.priority);
                json_int(w, "datasets", row ? row->datasets : 0);
                w.Key("last_run");
                if (row && row->last_run) write_run_json(w, *row->last_run);
                else w.Null();
                w.Key("last_success");
                if (row && row->last_success) w.String(row->last_success->finished.c_str());
                else w.Null();
                w.EndObject();
            }
            for (const auto& row : unconfigured) {
                w.StartObject();
                json_string(w, "name", row.info.name);
                w.Key("configured");
                w.Bool(false);
                json_string(w, "type", row.info.type);
                json_string(w, "url", row.info.url);
                json_int(w, "priority", row.info.priority);
                json_int(w, "datasets", row.datasets);
                w.Key("last_run");
                if (row.last_run) write_run_json(w, *row.last_run);
                else w.Null();
                w.Key("last_success");
                if (row.last_success) w.String(row.last_success->finished.c_str());
                else w.Null();
                w.EndObject();
            }
            w.EndArray();
            *context.out << buffer.GetString() << "\n";
            return exit_ok;
        }
        *context.out << fmt::format("{:<20} {:<5} {:>9}  {:<12} {:<20} {}\n", "name", "type", "datasets",
                                    "last run", "last success", "url");
        for (const auto& s : config.sources) {
            const auto* row = find_row(s.name);
            *context.out << fmt::format(
                "{:<20} {:<5} {:>9}  {:<12} {:<20} {}\n", s.name, harvester::to_string(s.type),
                row ? row->datasets : 0,
                row && row->last_run ? std::string(catalog::to_string(row->last_run->status)) : "never",
                row && row->last_success ? row->last_success->finished : "-", s.url);
        }
        // Sources the catalogue still holds datasets of, but the configuration no longer names.
        for (const auto& row : unconfigured) *context.out << "\n" << unconfigured_source_text(row, config) << "\n";
        return exit_ok;
    }

private:
    bool m_json = false;
};

class RetireCommand final : public Command {
public:
    std::string_view name() const override { return "retire"; }
    std::string_view synopsis() const override {
        return "take the datasets of a source no longer in the configuration out of the catalogue";
    }
    void setup(CLI::App& app) override {
        app.description(std::string(synopsis()) +
                        ". Its datasets are deprecated (those another source also delivers stay), then withdrawn "
                        "after the grace period; the run that did it is listed by 'ernte runs'. Exit status: 0 when "
                        "the source was retired, 1 when the database failed, 2 when the source is still configured "
                        "or unknown.");
        app.add_option("SOURCE", m_source, "the name the source had in the configuration")->required();
    }
    int run(const Context& context) override {
        const harvester::Config config = load_config(context);
        require_catalogue(config);
        if (config.find_source(m_source)) {
            throw UsageError(fmt::format("'{}' is still configured in {}; remove it there first, or its next "
                                         "scheduled run brings its datasets back",
                                         m_source, config.file.string()));
        }
        harvester::HarvestResult result;
        try {
            result = harvester::retire_source(config, m_source);
        } catch (const std::invalid_argument&) {
            std::vector<std::string> retirable;
            for (const auto& row :
                 catalog::unconfigured_sources(catalog::Store(config.database).sources(), config.source_names()))
                retirable.push_back(row.info.name);
            throw UsageError(fmt::format(
                "the catalogue has no source named '{}'; sources it holds datasets of that are not configured: {}",
                m_source, retirable.empty() ? std::string("none") : fmt::format("{}", fmt::join(retirable, ", "))));
        }
        *context.out << harvester::summary_line(result) << "\n";
        return result.status == catalog::RunStatus::succeeded ? exit_ok : exit_failed;
    }

private:
    std::string m_source;
};

}  // namespace

std::unique_ptr<Command> make_sources_command() { return std::make_unique<SourcesCommand>(); }
std::unique_ptr<Command> make_retire_command() { return std::make_unique<RetireCommand>(); }

}  // namespace ernte::cli
