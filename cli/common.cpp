#include "cli/common.hpp"

#include <fmt/format.h>

namespace ernte::cli {

harvester::Config load_config(const Context& context) { return harvester::load_config(context.config_path); }

std::string run_counts_text(const catalog::RunCounts& c) {
    return fmt::format("+{} ~{} ={} -{} withheld {} errors {}", c.added, c.updated, c.unchanged, c.deleted,
                       c.deletions_withheld, c.errors);
}

}  // namespace ernte::cli
