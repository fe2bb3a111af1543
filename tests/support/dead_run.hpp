#pragma once
/// A harvest run left behind by a process that died in the middle of it, as
/// after SIGKILL or a power cut: for tests of how such runs are found.

#include "catalog/store.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

namespace ernte::testsupport {

/// Starts a full run of `source` in the catalogue `file` in a child process
/// that exits without finishing it; returns the child's pid once it is gone.
inline pid_t run_in_dead_process(const std::filesystem::path& file, std::int64_t source) {
    const pid_t child = ::fork();
    if (child == 0) {
        int code = 0;
        try {
            catalog::Store store(file);
            store.begin_run(source, catalog::RunMode::full);
        } catch (...) {
            code = 1;
        }
        ::_exit(code);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    return child;
}

}  // namespace ernte::testsupport
