#pragma once
/// The independent tools tests check ernte against: running a command, and
/// where the SHACL validator is.

#include <filesystem>
#include <map>
#include <set>
#include <string>

namespace ernte::testsupport {

/// What a shell command printed (stdout and stderr) and its exit status.
struct CommandResult {
    std::string output;
    int exit_code = -1;
};

/// Run `command` with /bin/sh, capturing stdout and stderr.
CommandResult run_command(const std::string& command);

/// Whether `program` is on PATH.
bool on_path(const std::string& program);

/// The shacl-validate tool: $ERNTE_SHACL_VALIDATE, or the copy in shared/
/// beside the repository.
std::filesystem::path shacl_validate_tool();

/// Why shacl-validate cannot run here ("" when it can).
std::string shacl_validate_unavailable();

/// The failing results (Violations) shacl-validate (profile dcat-ap-de)
/// reports for a file, as "path | constraint | message" lines; `report`
/// receives the tool's whole output. `lenient` passes --lenient.
std::set<std::string> shape_violations(const std::filesystem::path& file, bool lenient, std::string* report);

/// The same, with how many times each kind of failure was found (one per
/// focus node and value).
std::map<std::string, int> shape_violation_counts(const std::filesystem::path& file, bool lenient,
                                                  std::string* report);

}  // namespace ernte::testsupport
