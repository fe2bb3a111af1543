#include "cli/allocator.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <string>

#ifdef ERNTE_WITH_JEMALLOC
#include <jemalloc/jemalloc.h>
#endif

namespace {

using ernte::cli::allocator_name;

#ifdef ERNTE_WITH_JEMALLOC

std::uint64_t allocated_by_this_thread() {
    std::uint64_t bytes = 0;
    std::size_t size = sizeof bytes;
    EXPECT_EQ(mallctl("thread.allocated", &bytes, &size, nullptr, 0), 0);
    return bytes;
}

TEST(Allocator, MallocIsServedByJemalloc) {
    EXPECT_EQ(allocator_name().rfind("jemalloc 5.", 0), 0u) << allocator_name();
    const std::uint64_t before = allocated_by_this_thread();
    void* block = std::malloc(4 << 20);
    ASSERT_NE(block, nullptr);
    asm volatile("" : : "r"(block) : "memory");  // the allocation is not optimized away
    const std::uint64_t after = allocated_by_this_thread();
    std::free(block);
    EXPECT_GE(after - before, std::uint64_t{4} << 20);
}

TEST(Allocator, ErntesSettingsApply) {
    // malloc_conf in cli/allocator.cpp: jemalloc found and read it.
    ssize_t dirty = -2, muzzy = -2;
    std::size_t size = sizeof dirty;
    ASSERT_EQ(mallctl("opt.dirty_decay_ms", &dirty, &size, nullptr, 0), 0);
    ASSERT_EQ(mallctl("opt.muzzy_decay_ms", &muzzy, &size, nullptr, 0), 0);
    if (std::getenv("MALLOC_CONF") == nullptr) {
        EXPECT_EQ(dirty, 1000);
        EXPECT_EQ(muzzy, 0);
    }
}

#else

TEST(Allocator, TheSystemAllocatorWithoutJemalloc) { EXPECT_EQ(allocator_name(), "system allocator"); }

#endif

}  // namespace
