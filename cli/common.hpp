#pragma once
/// What several commands share: loading the configuration, opening the store,
/// and writing JSON.

#include "catalog/ops_json.hpp"
#include "catalog/store.hpp"
#include "cli/command.hpp"
#include "harvester/config.hpp"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <ostream>
#include <string>

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

/// Mark the runs that earlier processes left running as interrupted, and say
/// so when there were any (before harvesting or serving).
void mark_interrupted_runs(const Context& context, const harvester::Config& config);

/// Format a run's counts for tables.
std::string run_counts_text(const catalog::RunCounts& counts);

}  // namespace ernte::cli
