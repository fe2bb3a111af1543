#include "catalog/ckan_package.hpp"
#include "catalog/store.hpp"
#include "catalog/vocab.hpp"
#include "cli/common.hpp"
#include "harvester/fetch.hpp"
#include "harvester/forward.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <ostream>

namespace ernte::cli {

namespace {

void write_report_json(JsonWriter& w, const harvester::ForwardReport& r) {
    w.StartObject();
    json_string(w, "target", r.target);
    json_string(w, "profile", r.profile);
    w.Key("dry_run");
    w.Bool(r.dry_run);
    json_int(w, "selected", r.selected);
    json_int(w, "held_back", r.held_back);
    json_int(w, "created", r.created);
    json_int(w, "updated", r.updated);
    json_int(w, "deleted", r.deleted);
    json_int(w, "unchanged", r.unchanged);
    json_int(w, "refused", r.refused);
    json_int(w, "kept", r.kept);
    json_string(w, "stopped", r.stopped);
    json_int(w, "duration_ms", r.duration.count());
    w.Key("datasets");
    w.StartArray();
    for (const auto& item : r.items) {
        w.StartObject();
        json_string(w, "action", std::string(harvester::to_string(item.action)));
        json_int(w, "id", item.dataset_id);
        json_string(w, "iri", item.iri);
        json_string(w, "title", item.title);
        json_string(w, "name", item.name);
        json_string(w, "owner_org", item.owner_org);
        json_string(w, "message", item.message);
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
}

class ForwardCommand final : public Command {
public:
    std::string_view name() const override { return "forward"; }
    std::string_view synopsis() const override {
        return "push the catalogue into the downstream CKANs configured under forward:";
    }
    void setup(CLI::App& app) override {
        app.description(
            "Push the catalogue (or what a target's profile and selection let through, e.g. only what GovData "
            "accepts) into the downstream CKAN of each forward target (all, or those named): package_create for "
            "new datasets, package_update for changed ones, package_delete for withdrawn or no longer selected "
            "ones; a dataset unchanged since the last push is not sent again. Prints what was sent, skipped and "
            "refused, with the downstream's own error. The API token is read from the environment variable the "
            "target's api_token_env names. Exit status: 0 when every target accepted everything, 1 when a "
            "dataset was refused or a target stopped (token refused, downstream unreachable), 2 on a usage or "
            "configuration error. See docs/forwarding.md.");
        app.add_option("TARGET", m_names, "names of forward targets to push to (default: all)");
        app.add_flag("--dry-run", m_dry_run, "send nothing; report what would be created, updated and deleted");
        app.add_flag("--json", m_json, "print the reports as JSON, one object per target in a list");
    }
    int run(const Context& context) override {
        const harvester::Config config = load_config(context);
        if (config.forward.empty()) {
            throw UsageError(fmt::format("{} has no forward targets; add a forward: list (see docs/forwarding.md)",
                                         config.file.string()));
        }
        std::vector<const harvester::ForwardConfig*> targets;
        for (const auto& name : m_names) {
            const auto* target = config.find_forward(name);
            if (target == nullptr) {
                std::string known;
                for (const auto& f : config.forward) known += (known.empty() ? "" : ", ") + f.name;
                throw UsageError(fmt::format("no forward target named '{}' in {}; configured: {}", name,
                                             config.file.string(), known));
            }
            targets.push_back(target);
        }
        if (targets.empty())
            for (const auto& f : config.forward) targets.push_back(&f);
        require_catalogue(config);
        StopSignals signals;
        return run_forward(context, config, targets, m_dry_run, m_json, signals.flag());
    }

private:
    std::vector<std::string> m_names;
    bool m_dry_run = false;
    bool m_json = false;
};

}  // namespace

std::string forward_token(const harvester::ForwardConfig& target) {
    const char* value = std::getenv(target.api_token_env.c_str());
    if (value == nullptr || *value == '\0') {
        throw UsageError(fmt::format("forward target '{}' reads its API token from the environment variable {}, "
                                     "but it is not set; set it to the token of the downstream CKAN user (e.g. "
                                     "`export {}=...`), or use --dry-run",
                                     target.name, target.api_token_env, target.api_token_env));
    }
    return value;
}

int run_forward(const Context& context, const harvester::Config& config,
                const std::vector<const harvester::ForwardConfig*>& targets, bool dry_run, bool json,
                const std::atomic<bool>* cancel) {
    // Every token is checked before anything is sent.
    std::vector<std::string> tokens;
    for (const auto* target : targets) tokens.push_back(dry_run ? std::string() : forward_token(*target));

    const catalog::Vocabularies vocab = catalog::Vocabularies::load(config.vocabularies);
    const catalog::CkanVocabulary ckan_vocab = catalog::CkanVocabulary::load(config.vocabularies, vocab);
    catalog::Store store(config.database);
    std::vector<harvester::ForwardReport> reports;
    for (std::size_t i = 0; i < targets.size(); ++i) {
        harvester::Fetcher fetcher(harvester::forward_fetch_options(config, *targets[i], cancel));
        harvester::ForwardOptions options;
        options.dry_run = dry_run;
        options.api_token = tokens[i];
        options.cancel = cancel;
        reports.push_back(harvester::forward_catalogue(*targets[i], store, vocab, ckan_vocab, fetcher, options));
        if (!json) *context.out << harvester::forward_report_text(reports.back()) << std::flush;
    }
    if (json) {
        rapidjson::StringBuffer buffer;
        JsonWriter w(buffer);
        w.StartArray();
        for (const auto& r : reports) write_report_json(w, r);
        w.EndArray();
        *context.out << buffer.GetString() << "\n";
    }
    const bool ok = std::all_of(reports.begin(), reports.end(), [](const auto& r) { return r.ok(); });
    return ok ? exit_ok : exit_failed;
}

std::unique_ptr<Command> make_forward_command() { return std::make_unique<ForwardCommand>(); }

}  // namespace ernte::cli
