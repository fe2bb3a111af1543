#pragma once
/// What ernte reads from outside, as fuzz targets: each takes arbitrary bytes
/// and must neither crash, hang, read or write out of bounds, nor let an
/// exception escape. Errors are fine (that is what bad input is for); an
/// escaping exception aborts the process and counts as a finding.
///
/// The same functions run in two places: built with `ERNTE_FUZZ=ON` they are
/// libFuzzer targets (fuzz/fuzz_main.cpp, `scripts/fuzz`); in every build the
/// regression test (tests/fuzz_regression_test.cpp) runs them over each input
/// in tests/data/fuzz/<name>/, where every crash a fuzzer found is kept.

#include <span>
#include <string_view>

namespace ernte::fuzz {

struct Target {
    std::string_view name;         ///< "rdfxml", "turtle", ...: the binary is fuzz_<name>
    std::string_view description;  ///< what the input is and which code reads it
    void (*run)(std::string_view input);
};

/// Every target, in a fixed order.
std::span<const Target> targets();

/// The target named `name`, or nullptr.
const Target* find_target(std::string_view name);

}  // namespace ernte::fuzz
