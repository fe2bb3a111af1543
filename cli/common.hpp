#pragma once
/// What several commands share: loading the configuration, opening the store,
/// and writing JSON.

#include "catalog/ops_json.hpp"
#include "catalog/store.hpp"
#include "cli/command.hpp"
#include "harvester/config.hpp"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <atomic>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace ernte::cli {

/// Load and validate the configuration named by the context.
harvester::Config load_config(const Context& context);

using JsonWriter = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

inline void json_string(JsonWriter& w, const char* key, const std::string& value) {
    w.Key(key);
    w.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
}

inline void json_int(JsonWriter& w, const char* key, std::int64_t value) {
    w.Key(key);
    w.Int64(value);
}

/// For commands that read the catalogue: a database: that names no file yet
/// is a usage error rather than a new, empty catalogue (a mistyped path would
/// otherwise list or export nothing and call it a success).
void require_catalogue(const harvester::Config& config);

/// A --source filter: the name of a source the catalogue holds (configured
/// or not); anything else is a usage error rather than an empty answer.
void require_known_source(const catalog::Store& store, const harvester::Config& config, const std::string& name);
/// Throws UsageError unless a dataset of the catalogue has `name` as its
/// publisher's name or IRI; the message names publishers it may mean.
void require_known_publisher(const catalog::Store& store, const std::string& name);

/// Mark the runs that earlier processes left running as interrupted, and say
/// so, naming their sources, when there were any (before harvesting or
/// serving, and before listing runs or sources).
void mark_interrupted_runs(const Context& context, const harvester::Config& config);

/// What to say of a source the configuration no longer names whose datasets
/// the catalogue still holds (catalog::unconfigured_sources).
std::string unconfigured_source_text(const catalog::SourceRow& row, const harvester::Config& config);
/// A note on standard error for each such source (after a harvest of all
/// sources, and when the service starts), so that it is not forgotten.
void note_unconfigured_sources(const Context& context, const harvester::Config& config);

/// The API token of a forward target, from the environment variable its
/// api_token_env names; throws UsageError naming the variable when it is unset.
std::string forward_token(const harvester::ForwardConfig& target);

/// Push the catalogue to `targets` and print each report (text, or one JSON
/// list): what `forward` does, and `serve` after a harvest for targets with
/// after_harvest. Returns the exit code (1 when a dataset was refused or a
/// target stopped).
int run_forward(const Context& context, const harvester::Config& config,
                const std::vector<const harvester::ForwardConfig*>& targets, bool dry_run, bool json,
                const std::atomic<bool>* cancel);

/// `ernte forward`.
std::unique_ptr<Command> make_forward_command();

/// Format a run's counts for tables.
std::string run_counts_text(const catalog::RunCounts& counts);

}  // namespace ernte::cli
