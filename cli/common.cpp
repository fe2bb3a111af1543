#include "cli/common.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>
#include <ostream>

namespace ernte::cli {

harvester::Config load_config(const Context& context) { return harvester::load_config(context.config_path); }

void require_catalogue(const harvester::Config& config) {
    std::error_code error;
    if (std::filesystem::exists(config.database, error) || error) return;  // an unreadable path: the store says why
    throw UsageError(fmt::format("there is no catalogue at {} (database: in {}); 'ernte harvest' creates it. "
                                 "Is the path right?",
                                 config.database.string(), config.file.string()));
}

void require_known_source(const catalog::Store& store, const harvester::Config& config, const std::string& name) {
    if (config.find_source(name) || store.source_id(name)) return;
    throw UsageError(fmt::format("no source named '{}' in {} or in the catalogue; configured: {} (see `ernte sources`)",
                                 name, config.file.string(), fmt::join(config.source_names(), ", ")));
}

void mark_interrupted_runs(const Context& context, const harvester::Config& config) {
    catalog::Store store(config.database);
    const auto runs = store.mark_interrupted_runs();
    if (runs.empty()) return;
    std::vector<std::string> names;
    for (const auto& run : runs) names.push_back(fmt::format("{} (run {})", run.source, run.run_id));
    *context.err << fmt::format("note: {} earlier run(s) had been cut off and are now marked interrupted: {}\n",
                                runs.size(), fmt::join(names, ", "));
}

std::string unconfigured_source_text(const catalog::SourceRow& row, const harvester::Config& config) {
    return fmt::format("{} is no longer in {} but still delivers {} dataset(s) to the catalogue; "
                       "'ernte retire {}' takes them out (they are deprecated, then withdrawn after the grace period)",
                       row.info.name, config.file.string(), row.datasets, row.info.name);
}

void note_unconfigured_sources(const Context& context, const harvester::Config& config) {
    const catalog::Store store(config.database);
    for (const auto& row : catalog::unconfigured_sources(store.sources(), config.source_names()))
        *context.err << "note: " << unconfigured_source_text(row, config) << "\n";
}

std::string run_counts_text(const catalog::RunCounts& c) {
    return fmt::format("+{} ~{} ={} -{} withheld {} errors {}", c.added, c.updated, c.unchanged, c.deleted,
                       c.deletions_withheld, c.errors);
}

}  // namespace ernte::cli
