#pragma once
/// Harvest runs and their errors as JSON objects: one shape for the command
/// line (`ernte runs --json`, `ernte errors --json`) and the API (`/api/runs`,
/// `/api/runs/{id}/errors`). Templates over the RapidJSON writer, so each
/// caller keeps its own (pretty or compact) output.

#include "catalog/store.hpp"

#include <string_view>

namespace ernte::catalog {

namespace ops_json_detail {
template <typename Writer>
void string(Writer& w, const char* key, std::string_view value) {
    w.Key(key);
    w.String(value.data(), static_cast<unsigned>(value.size()));
}
template <typename Writer>
void string_or_null(Writer& w, const char* key, std::string_view value) {
    w.Key(key);
    if (value.empty()) w.Null();
    else w.String(value.data(), static_cast<unsigned>(value.size()));
}
template <typename Writer>
void integer(Writer& w, const char* key, std::int64_t value) {
    w.Key(key);
    w.Int64(value);
}
}  // namespace ops_json_detail

/// A run: {"id", "source", "mode", "status", "started", "finished" (null
/// while running), "since" (incremental runs), "pages", "added", "updated",
/// "unchanged", "deleted", "deletions_withheld", "errors", "message"}.
template <typename Writer>
void write_run_json(Writer& w, const RunRow& run) {
    using namespace ops_json_detail;
    w.StartObject();
    integer(w, "id", run.id);
    string(w, "source", run.source);
    string(w, "mode", to_string(run.mode));
    string(w, "status", to_string(run.status));
    string(w, "started", run.started);
    string_or_null(w, "finished", run.finished);
    if (!run.since.empty()) string(w, "since", run.since);
    integer(w, "pages", run.counts.pages);
    integer(w, "added", run.counts.added);
    integer(w, "updated", run.counts.updated);
    integer(w, "unchanged", run.counts.unchanged);
    integer(w, "deleted", run.counts.deleted);
    integer(w, "deletions_withheld", run.counts.deletions_withheld);
    integer(w, "errors", run.counts.errors);
    string(w, "message", run.message);
    w.EndObject();
}

/// An error of a run: {"id", "run", "source", "stage", "object", "url",
/// "place", "message", "fragment", "created"}.
template <typename Writer>
void write_error_json(Writer& w, const ErrorRow& e) {
    using namespace ops_json_detail;
    w.StartObject();
    integer(w, "id", e.id);
    integer(w, "run", e.run_id);
    string(w, "source", e.source);
    string(w, "stage", e.stage);
    string(w, "object", e.object_id);
    string(w, "url", e.url);
    string(w, "place", e.place);
    string(w, "message", e.message);
    string(w, "fragment", e.fragment);
    string(w, "created", e.created);
    w.EndObject();
}

}  // namespace ernte::catalog
