#include "cli/allocator.hpp"

#ifdef ERNTE_WITH_JEMALLOC
#include <jemalloc/jemalloc.h>

// jemalloc reads this when the process starts (the environment variable
// MALLOC_CONF can still add to it). Memory freed and not used again goes back
// to the system after a second rather than ten: a harvest frees a whole page
// of records (several MiB) every few hundred milliseconds, and keeping ten
// seconds of that raised peak memory by about 10 %.
const char* malloc_conf = "dirty_decay_ms:1000,muzzy_decay_ms:0";
#endif

namespace ernte::cli {

std::string allocator_name() {
#ifdef ERNTE_WITH_JEMALLOC
    const char* version = nullptr;
    std::size_t size = sizeof version;
    if (mallctl("version", &version, &size, nullptr, 0) == 0 && version != nullptr) {
        std::string v(version);
        if (const auto dash = v.find('-'); dash != std::string::npos) v.resize(dash);  // 5.3.0-0-g54ea...
        return "jemalloc " + v;
    }
#endif
    return "system allocator";
}

}  // namespace ernte::cli
