#include "cli/common.hpp"

#include <fmt/format.h>

#include <ostream>

namespace ernte::cli {

harvester::Config load_config(const Context& context) { return harvester::load_config(context.config_path); }

void mark_interrupted_runs(const Context& context, const harvester::Config& config) {
    catalog::Store store(config.database);
    if (const int n = store.mark_interrupted_runs(); n > 0)
        *context.err << fmt::format("note: {} earlier run(s) had been cut off and are now marked interrupted\n", n);
}

std::string run_counts_text(const catalog::RunCounts& c) {
    return fmt::format("+{} ~{} ={} -{} withheld {} errors {}", c.added, c.updated, c.unchanged, c.deleted,
                       c.deletions_withheld, c.errors);
}

}  // namespace ernte::cli
