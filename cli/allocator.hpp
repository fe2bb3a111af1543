#pragma once
/// The memory allocator the process runs on. Release builds link jemalloc
/// (README.md, docs/performance.md say why); sanitizer and fuzzing builds keep
/// the allocator of their runtime.

#include <string>

namespace ernte::cli {

/// "jemalloc 5.3.0" when jemalloc serves malloc in this process, else
/// "system allocator". For `ernte --version` and bug reports.
std::string allocator_name();

}  // namespace ernte::cli
