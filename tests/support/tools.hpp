#pragma once
/// The independent tools tests check ernte against: running a command, and
/// where the SHACL validator is.

#include <filesystem>
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

}  // namespace ernte::testsupport
