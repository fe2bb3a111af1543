#include "cli/common.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
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

void require_known_publisher(const catalog::Store& store, const std::string& name) {
    catalog::DatasetFilter filter;
    filter.publisher = name;
    if (store.count_datasets(filter) > 0) return;
    // Publishers whose name holds what was given, else one of its words (the
    // longest that any name holds).
    std::vector<std::string> similar = store.publisher_names_like(name, 10);
    std::vector<std::string> words;
    std::string word;
    for (const char c : name + " ") {
        if (c == ' ' || c == '-' || c == '/' || c == '.' || c == ',') {
            if (word.size() >= 3) words.push_back(word);
            word.clear();
        } else {
            word += c;
        }
    }
    std::stable_sort(words.begin(), words.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
    for (std::size_t i = 0; similar.empty() && i < words.size() && i < 8; ++i) {
        similar = store.publisher_names_like(words[i], 10);
    }
    std::string hint = "; `ernte score` without --publisher lists the publishers";
    if (!similar.empty()) {
        std::vector<std::string> quoted;
        for (const std::string& s : similar) quoted.push_back("'" + s + "'");
        hint = fmt::format("; did you mean {}?", fmt::join(quoted, ", "));
    }
    throw UsageError(fmt::format("no dataset in the catalogue has the publisher '{}' (its name or IRI, written "
                                 "exactly){}",
                                 name, hint));
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
