#include "catalog/assess.hpp"
#include "catalog/store.hpp"
#include "catalog/time.hpp"
#include "catalog/vocab.hpp"
#include "cli/common.hpp"
#include "harvester/link_check.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <ostream>

namespace ernte::cli {

namespace {

void write_report_json(JsonWriter& w, const harvester::LinkCheckReport& report, std::chrono::seconds max_age) {
    const harvester::LinkCheckSummary& s = report.run;
    const harvester::LinkOverview& state = report.state;
    w.StartObject();
    json_int(w, "urls", s.urls);
    json_int(w, "checked", s.checked);
    json_int(w, "ok", s.ok);
    json_int(w, "broken", s.broken);
    json_int(w, "fresh", s.fresh);
    json_int(w, "max_age_seconds", max_age.count());
    json_int(w, "disallowed_by_robots", s.disallowed);
    json_int(w, "robots_unreachable", s.robots_unreachable);
    json_int(w, "left", s.left);
    w.Key("interrupted");
    w.Bool(s.interrupted);
    json_int(w, "duration_ms", s.duration.count());
    w.Key("state");
    w.StartObject();
    json_int(w, "ok", state.ok);
    json_int(w, "broken", state.broken);
    json_int(w, "not_checked", state.not_checked);
    w.EndObject();
    auto counts = [&](const char* key, const char* name, const auto& rows) {
        w.Key(key);
        w.StartArray();
        for (const auto& [label, n] : rows) {
            w.StartObject();
            json_string(w, name, label);
            json_int(w, "broken", n);
            w.EndObject();
        }
        w.EndArray();
    };
    counts("broken_hosts", "host", state.broken_hosts);
    counts("broken_reasons", "reason", state.broken_reasons);
    w.Key("broken_links");
    w.StartArray();
    for (const auto& row : state.broken_links) {
        w.StartObject();
        json_string(w, "url", row.url);
        json_int(w, "status", row.status);
        json_string(w, "failure", row.failure);
        json_string(w, "error", row.error);
        json_string(w, "checked", row.checked);
        json_string(w, "first_failure", row.first_failure);
        json_string(w, "last_success", row.last_success);
        json_int(w, "consecutive_failures", row.consecutive_failures);
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
}

class CheckLinksCommand final : public Command {
public:
    std::string_view name() const override { return "check-links"; }
    std::string_view synopsis() const override {
        return "check the access and download URLs of the catalogue's distributions";
    }
    void setup(CLI::App& app) override {
        app.description(
            "Check whether the access and download URLs of the active datasets (all, or those of the named sources) "
            "answer: HEAD, GET when HEAD is refused, redirects followed, HTTP 200-399 passes. A result younger than "
            "link_check.max_age is reused; robots.txt is honoured, and a URL it disallows is reported as not "
            "checked, never as broken. Exit status: 0 when the check ran (broken links are findings, not "
            "failures), 1 when it was stopped or the database failed, 2 on a usage or configuration error.");
        app.add_option("SOURCE", m_names, "names of sources whose datasets' links are checked (default: all)");
        app.add_flag("--force", m_force, "check every URL again, also those checked less than max_age ago");
        app.add_flag("--json", m_json, "print the report as JSON, with every broken link");
    }
    int run(const Context& context) override {
        const harvester::Config config = load_config(context);
        for (const auto& name : m_names) {
            if (!config.find_source(name)) {
                throw UsageError(fmt::format("no source named '{}' in {}; configured: {}", name, config.file.string(),
                                             fmt::join(config.source_names(), ", ")));
            }
        }
        require_catalogue(config);
        StopSignals signals;
        return run_link_check(context, config, m_names, m_force, m_json, signals.flag());
    }

private:
    std::vector<std::string> m_names;
    bool m_force = false;
    bool m_json = false;
};

}  // namespace

int run_link_check(const Context& context, const harvester::Config& config, const std::vector<std::string>& sources,
                   bool force, bool json, const std::atomic<bool>* cancel) {
    harvester::LinkCheckOptions options = harvester::link_check_options(config);
    options.force = force;
    options.cancel = cancel;
    if (context.terminal) {
        options.on_progress = [&context](const harvester::LinkCheckProgress& p) {
            *context.err << fmt::format("\r\033[Kchecking links: {}/{}", p.done, p.total) << std::flush;
        };
    }
    const harvester::LinkCheckReport report = harvester::check_links(config, sources, options);
    if (context.terminal) *context.err << "\r\033[K" << std::flush;

    // What the links say now goes into the datasets' scores.
    catalog::quality::ReassessCounts reassessed;
    if (!report.run.interrupted && report.run.urls > 0) {
        const catalog::Vocabularies vocab = catalog::Vocabularies::load(config.vocabularies);
        catalog::Store store(config.database);
        const std::string today = catalog::today_utc();
        std::vector<catalog::DatasetFilter> filters;
        for (const auto& name : sources) filters.push_back(catalog::DatasetFilter{.source = name});
        if (filters.empty()) filters.emplace_back();
        for (const auto& filter : filters) {
            const auto counts = catalog::quality::reassess(store, vocab, filter, today);
            reassessed.assessed += counts.assessed;
            reassessed.changed += counts.changed;
        }
    }

    if (json) {
        rapidjson::StringBuffer buffer;
        JsonWriter w(buffer);
        write_report_json(w, report, config.link_check.max_age);
        *context.out << buffer.GetString() << "\n";
    } else if (report.run.urls == 0) {
        *context.out << "link check: no distribution URLs in the catalogue"
                     << (sources.empty() ? "" : " for these sources") << "; harvest first with 'ernte harvest'\n";
    } else {
        *context.out << harvester::summary_text(report, config.link_check.max_age);
        if (reassessed.assessed > 0) {
            *context.out << fmt::format("scores: {} datasets assessed again, {} changed (see 'ernte score')\n",
                                        reassessed.assessed, reassessed.changed);
        }
    }
    return report.run.interrupted ? exit_failed : exit_ok;
}

std::unique_ptr<Command> make_check_links_command() { return std::make_unique<CheckLinksCommand>(); }

}  // namespace ernte::cli
