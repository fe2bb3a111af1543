#include "catalog/model.hpp"
#include "catalog/store.hpp"
#include "catalog/vocab.hpp"
#include "cli/allocator.hpp"
#include "cli/command.hpp"
#include "cli/common.hpp"
#include "harvester/config.hpp"

#include <fmt/format.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string_view>
#include <vector>
#include <unistd.h>

namespace ernte::cli {

namespace {

std::atomic<bool> g_stop{false};

extern "C" void on_stop_signal(int) { g_stop.store(true); }

}  // namespace

struct StopSignals::Saved {
    struct sigaction interrupt {};
    struct sigaction terminate {};
};

StopSignals::StopSignals() : m_saved(std::make_unique<Saved>()) {
    g_stop.store(false);
    struct sigaction action {};
    action.sa_handler = on_stop_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &m_saved->interrupt);
    sigaction(SIGTERM, &action, &m_saved->terminate);
}

StopSignals::~StopSignals() {
    sigaction(SIGINT, &m_saved->interrupt, nullptr);
    sigaction(SIGTERM, &m_saved->terminate, nullptr);
}

const std::atomic<bool>* StopSignals::flag() const { return &g_stop; }

std::vector<std::unique_ptr<Command>> make_commands() {
    std::vector<std::unique_ptr<Command>> commands;
    commands.push_back(make_harvest_command());
    commands.push_back(make_runs_command());
    commands.push_back(make_sources_command());
    commands.push_back(make_retire_command());
    commands.push_back(make_show_command());
    commands.push_back(make_errors_command());
    commands.push_back(make_export_command());
    commands.push_back(make_score_command());
    commands.push_back(make_check_links_command());
    commands.push_back(make_forward_command());
    commands.push_back(make_serve_command());
    commands.push_back(make_check_config_command());
    return commands;
}

namespace {

std::string default_config_path() {
    if (const char* env = std::getenv("ERNTE_CONFIG"); env && *env) return env;
    return "ernte.yaml";
}

void setup_logging(int verbosity, bool quiet) {
    static auto logger = [] {
        auto l = spdlog::stderr_color_mt("ernte");
        l->set_pattern("%^%l%$: %v");
        return l;
    }();
    spdlog::set_default_logger(logger);
    if (quiet) spdlog::set_level(spdlog::level::err);
    else if (verbosity >= 2) spdlog::set_level(spdlog::level::trace);
    else if (verbosity == 1) spdlog::set_level(spdlog::level::debug);
    else spdlog::set_level(spdlog::level::warn);
}

/// Edits (insert, delete, replace one letter) that turn `a` into `b`.
std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

/// The word where the command belongs when it names no command ("harvets"),
/// with the command it most likely means; nullopt when the command is known
/// or missing (CLI11 says so then).
std::optional<std::string> unknown_command_message(int argc, const char* const* argv,
                                                   const std::vector<std::unique_ptr<Command>>& commands) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "-c" || arg == "--config") {
            ++i;  // its value
            continue;
        }
        if (arg.starts_with("-")) continue;
        std::string names;
        std::string_view closest;
        std::size_t best = 3;  // at most two edits away
        for (const auto& command : commands) {
            if (command->name() == arg) return std::nullopt;
            names += (names.empty() ? "" : ", ") + std::string(command->name());
            if (const std::size_t d = edit_distance(arg, command->name()); d < best) {
                best = d;
                closest = command->name();
            }
        }
        if (closest.empty()) {  // HARVEST
            std::string lower(arg);
            std::transform(lower.begin(), lower.end(), lower.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            for (const auto& command : commands)
                if (command->name() == lower) closest = command->name();
        }
        std::string message = fmt::format("ernte: unknown command '{}'", arg);
        if (!closest.empty()) message += fmt::format("; did you mean '{}'?", closest);
        return message + fmt::format("\nCommands: {}. Run 'ernte --help' for what each does.\n", names);
    }
    return std::nullopt;
}

}  // namespace

int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
    CLI::App app{"ernte " + std::string(model::version()) +
                 ": harvests open-data portals (CKAN, DCAT-AP) into one DCAT-AP.de catalogue"};
    app.require_subcommand(1);
    app.fallthrough();
    Context context;
    context.config_path = default_config_path();
    context.out = &out;
    context.err = &err;
    context.terminal = ::isatty(STDERR_FILENO) == 1;
    int verbosity = 0;
    bool quiet = false;
    app.add_option("-c,--config", context.config_path, "configuration file (default: $ERNTE_CONFIG or ./ernte.yaml)");
    app.add_flag("-v,--verbose", verbosity, "more log output (-vv for all)");
    app.add_flag("-q,--quiet", quiet, "only errors in the log");
    app.set_version_flag("-V,--version", "ernte " + std::string(model::version()) + " (" + allocator_name() + ")");

    auto commands = make_commands();
    Command* chosen = nullptr;
    for (auto& command : commands) {
        CLI::App* sub = app.add_subcommand(std::string(command->name()), std::string(command->synopsis()));
        command->setup(*sub);
        sub->final_callback([&chosen, c = command.get()] { chosen = c; });
    }

    if (const auto message = unknown_command_message(argc, argv, commands)) {
        err << *message;
        return exit_usage;
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e, out, err);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e, out, err);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e, out, err);
    } catch (const CLI::ParseError& e) {
        app.exit(e, out, err);
        err << "Run 'ernte --help' or 'ernte COMMAND --help' for usage.\n";
        return exit_usage;
    }
    setup_logging(verbosity, quiet);
    if (!chosen) return exit_usage;
    try {
        const int code = chosen->run(context);
        // What a command printed must have arrived (a full disk, a closed pipe).
        out.flush();
        if (!out) {
            err << "ernte " << chosen->name() << ": writing the output failed (disk full?)\n";
            return exit_failed;
        }
        return code;
    } catch (const UsageError& e) {
        err << "ernte " << chosen->name() << ": " << e.what() << "\n";
        return exit_usage;
    } catch (const harvester::ConfigError& e) {
        err << "ernte: configuration error: " << e.what() << "\n"
            << "Check the file, then run 'ernte check-config'.\n";
        return exit_usage;
    } catch (const catalog::VocabError& e) {
        err << "ernte: vocabulary error: " << e.what() << "\n"
            << "The vocabulary files ship in schemas/vocab; set 'vocabularies:' in the configuration if they live "
               "elsewhere.\n";
        return exit_usage;
    } catch (const catalog::StoreError& e) {
        err << "ernte: database error: " << e.what() << "\n";
        return exit_failed;
    } catch (const std::exception& e) {
        err << "ernte " << chosen->name() << ": " << e.what() << "\n";
        return exit_failed;
    }
}

}  // namespace ernte::cli
