#include "cli/common.hpp"

#include <fmt/format.h>

namespace ernte::cli {

harvester::Config load_config(const Context& context) { return harvester::load_config(context.config_path); }

void write_run_json(JsonWriter& w, const catalog::RunRow& run) {
    w.StartObject();
    json_int(w, "id", run.id);
    json_string(w, "source", run.source);
    json_string(w, "mode", std::string(catalog::to_string(run.mode)));
    json_string(w, "status", std::string(catalog::to_string(run.status)));
    json_string(w, "started", run.started);
    w.Key("finished");
    if (run.finished.empty()) w.Null();
    else w.String(run.finished.c_str());
    if (!run.since.empty()) json_string(w, "since", run.since);
    json_int(w, "pages", run.counts.pages);
    json_int(w, "added", run.counts.added);
    json_int(w, "updated", run.counts.updated);
    json_int(w, "unchanged", run.counts.unchanged);
    json_int(w, "deleted", run.counts.deleted);
    json_int(w, "deletions_withheld", run.counts.deletions_withheld);
    json_int(w, "errors", run.counts.errors);
    json_string(w, "message", run.message);
    w.EndObject();
}

std::string run_counts_text(const catalog::RunCounts& c) {
    return fmt::format("+{} ~{} ={} -{} withheld {} errors {}", c.added, c.updated, c.unchanged, c.deleted,
                       c.deletions_withheld, c.errors);
}

}  // namespace ernte::cli
