// Every input a fuzzer ever crashed on, and the hostile inputs the fuzz
// targets were seeded with, run through the targets in every build (and under
// the sanitizers in CI): fuzz/targets.hpp.
#include "fuzz/targets.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

std::vector<fs::path> inputs_of(std::string_view target) {
    std::vector<fs::path> files;
    const fs::path dir = fs::path(ERNTE_TEST_DATA) / "fuzz" / std::string(target);
    if (!fs::is_directory(dir)) return files;
    for (const auto& entry : fs::directory_iterator(dir))
        if (entry.is_regular_file() && entry.path().filename() != "README.md") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

std::string read_bytes(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

class FuzzRegression : public ::testing::TestWithParam<ernte::fuzz::Target> {};

TEST_P(FuzzRegression, EveryKeptInputRunsClean) {
    const ernte::fuzz::Target& target = GetParam();
    const std::vector<fs::path> files = inputs_of(target.name);
    // Each target keeps hostile inputs of its own; an empty folder would make this test pass vacuously.
    ASSERT_FALSE(files.empty()) << "tests/data/fuzz/" << target.name << "/ holds no inputs";
    for (const fs::path& file : files) {
        SCOPED_TRACE(file.string());
        // A finding aborts the process (the sanitizers, or the target's own checks).
        EXPECT_NO_THROW(target.run(read_bytes(file)));
    }
}

INSTANTIATE_TEST_SUITE_P(Targets, FuzzRegression, ::testing::ValuesIn(ernte::fuzz::targets().begin(),
                                                                     ernte::fuzz::targets().end()),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(FuzzTargets, AreFoundByName) {
    for (const auto& target : ernte::fuzz::targets()) EXPECT_EQ(ernte::fuzz::find_target(target.name), &target);
    EXPECT_EQ(ernte::fuzz::find_target("nothing"), nullptr);
}

}  // namespace
