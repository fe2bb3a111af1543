#include "cli/common.hpp"

#include <fmt/format.h>

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
        catalog::Store store(config.database);
        const auto rows = store.sources();
        auto find_row = [&](const std::string& name) -> const catalog::SourceRow* {
            for (const auto& r : rows)
                if (r.info.name == name) return &r;
            return nullptr;
        };
        if (m_json) {
            rapidjson::StringBuffer buffer;
            JsonWriter w(buffer);
            w.StartArray();
            for (const auto& s : config.sources) {
                const auto* row = find_row(s.name);
                w.StartObject();
                json_string(w, "name", s.name);
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
        return exit_ok;
    }

private:
    bool m_json = false;
};

}  // namespace

std::unique_ptr<Command> make_sources_command() { return std::make_unique<SourcesCommand>(); }

}  // namespace ernte::cli
