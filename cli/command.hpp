#pragma once
/// The command line: a registry of commands. Each command declares its
/// options in setup() without doing any I/O and does its work in run().

#include <CLI/CLI.hpp>

#include <algorithm>
#include <atomic>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ernte::harvester {
struct Config;
}

namespace ernte::cli {

/// Exit codes of `ernte`.
enum ExitCode : int {
    exit_ok = 0,
    exit_failed = 1,  ///< a source failed or was partial; a store or I/O failure
    exit_usage = 2,   ///< wrong arguments or an invalid configuration
};

/// Options every command shares, and where it writes.
struct Context {
    std::string config_path;  ///< --config, ERNTE_CONFIG, or ./ernte.yaml
    std::ostream* out = nullptr;
    std::ostream* err = nullptr;
    bool terminal = false;  ///< stderr is a terminal: show progress
};

class Command {
public:
    virtual ~Command() = default;
    virtual std::string_view name() const = 0;
    /// One line for `ernte --help`.
    virtual std::string_view synopsis() const = 0;
    /// Declare options and arguments on the command's sub-app. No I/O.
    virtual void setup(CLI::App& app) = 0;
    /// Do the work; returns the exit code.
    virtual int run(const Context& context) = 0;
};

/// Checks a count given on the command line (--limit): a whole number from 0,
/// with a message in words rather than CLI11's numeric range.
inline CLI::Validator whole_number_from_zero() {
    return CLI::Validator(
        [](std::string& value) -> std::string {
            const bool digits = !value.empty() && value.size() <= 9 &&
                                std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
            return digits ? std::string() : "expected a whole number from 0, found '" + value + "'";
        },
        "NUMBER");
}

/// Checks a run id given on the command line (--run): a whole number from 1.
inline CLI::Validator run_id() {
    return CLI::Validator(
        [](std::string& value) -> std::string {
            const bool digits = !value.empty() && value.size() <= 18 &&
                                std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
            if (digits && value.find_first_not_of('0') != std::string::npos) return {};
            return "expected a run number (1 or more, see `ernte runs`), found '" + value + "'";
        },
        "RUN");
}

/// Checks a name given on the command line (--source, --publisher): an empty
/// one would filter nothing, which is never what was meant.
inline CLI::Validator not_empty(std::string what) {
    return CLI::Validator(
        [what](std::string& value) -> std::string {
            return value.find_first_not_of(" \t") == std::string::npos ? "expected " + what + ", found nothing"
                                                                         : std::string();
        },
        "NAME");
}

/// A usage error found after parsing (e.g. an unknown source name).
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// While it lives, SIGINT and SIGTERM set a flag instead of ending the
/// process, so that harvests and link checks stop cleanly (runs end as
/// interrupted, results so far are kept). The previous handlers come back
/// when it ends.
class StopSignals {
public:
    StopSignals();
    ~StopSignals();
    StopSignals(const StopSignals&) = delete;
    StopSignals& operator=(const StopSignals&) = delete;

    /// The flag the signals set: the cancel flag of harvests and link checks.
    const std::atomic<bool>* flag() const;

private:
    struct Saved;
    std::unique_ptr<Saved> m_saved;
};

/// Check the distribution URLs of the datasets of `sources` (all when empty)
/// and print the report (a summary, or JSON): what `check-links` does, and
/// `harvest` with link_check.after_harvest. Returns the exit code.
int run_link_check(const Context& context, const harvester::Config& config, const std::vector<std::string>& sources,
                   bool force, bool json, const std::atomic<bool>* cancel);

std::unique_ptr<Command> make_check_config_command();
std::unique_ptr<Command> make_check_links_command();
std::unique_ptr<Command> make_harvest_command();
std::unique_ptr<Command> make_runs_command();
std::unique_ptr<Command> make_sources_command();
std::unique_ptr<Command> make_retire_command();
std::unique_ptr<Command> make_show_command();
std::unique_ptr<Command> make_errors_command();
std::unique_ptr<Command> make_export_command();
std::unique_ptr<Command> make_score_command();
std::unique_ptr<Command> make_serve_command();

/// Every command, in the order `ernte --help` lists them.
std::vector<std::unique_ptr<Command>> make_commands();

/// Run the command line; main() and tests call this. Maps error types to exit
/// codes with a hint.
int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace ernte::cli
