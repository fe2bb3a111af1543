#include "catalog/api/server.hpp"
#include "catalog/api/service.hpp"
#include "catalog/store.hpp"
#include "catalog/time.hpp"
#include "catalog/vocab.hpp"
#include "cli/common.hpp"
#include "harvester/harvest_run.hpp"
#include "harvester/scheduler.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdlib>
#include <mutex>
#include <sstream>
#include <ostream>
#include <thread>

namespace ernte::cli {

namespace {

/// The scheduler as the API sees it.
class SchedulerOperations final : public catalog::api::Operations {
public:
    SchedulerOperations(const harvester::Config& config, harvester::Scheduler& scheduler)
        : m_config(config), m_scheduler(scheduler) {}

    std::vector<catalog::api::ConfiguredSource> configured_sources() const override {
        std::vector<catalog::api::ConfiguredSource> out;
        for (const auto& s : m_config.sources)
            out.push_back({s.name, std::string(harvester::to_string(s.type)), s.url, s.schedule});
        return out;
    }
    std::optional<std::string> next_run(std::string_view source) const override {
        const auto next = m_scheduler.next_run(source);
        if (!next) return std::nullopt;
        return catalog::format_utc(*next);
    }
    bool busy(std::string_view source) const override { return m_scheduler.busy(source); }
    catalog::api::TriggerOutcome request_harvest(std::string_view source) override {
        return outcome(m_scheduler.request(source, harvester::JobKind::harvest));
    }
    catalog::api::TriggerOutcome request_link_check(std::string_view source) override {
        return outcome(m_scheduler.request(source, harvester::JobKind::link_check));
    }

private:
    static catalog::api::TriggerOutcome outcome(harvester::RequestOutcome o) {
        using T = catalog::api::TriggerOutcome;
        switch (o) {
            case harvester::RequestOutcome::started: return T::started;
            case harvester::RequestOutcome::queued: return T::queued;
            case harvester::RequestOutcome::already_pending: return T::already_running;
            case harvester::RequestOutcome::unknown_source: return T::unknown_source;
            case harvester::RequestOutcome::stopping: return T::stopping;
        }
        return T::stopping;
    }

    const harvester::Config& m_config;
    harvester::Scheduler& m_scheduler;
};

/// The configured sources whose newest run ended interrupted.
std::vector<std::string> cut_off_sources(const harvester::Config& config) {
    catalog::Store store(config.database);
    std::vector<std::string> out;
    for (const auto& row : store.sources()) {
        const bool configured = std::any_of(config.sources.begin(), config.sources.end(),
                                            [&](const harvester::SourceConfig& s) { return s.name == row.info.name; });
        if (configured && row.last_run && row.last_run->status == catalog::RunStatus::interrupted)
            out.push_back(row.info.name);
    }
    return out;
}

class ServeCommand final : public Command {
public:
    std::string_view name() const override { return "serve"; }
    std::string_view synopsis() const override {
        return "serve the catalogue over HTTP (DCAT-AP.de feed, APIs) and harvest on schedule";
    }
    void setup(CLI::App& app) override {
        app.description(
            "Run the service: an HTTP server with the DCAT-AP.de feed (/catalog.ttl, .rdf, .jsonld), the quality and "
            "operations API and /metrics, and the scheduler that harvests each source on its `schedule` (and then "
            "pushes to the forward targets with after_harvest: true). Listens on "
            "`listen:` of the configuration (127.0.0.1:8080 by default). SIGTERM or SIGINT stops it: running "
            "harvests end as interrupted, nothing is left half-written; at the next start, a source whose last "
            "harvest was cut off (by a stop or a crash) is harvested again at once. See docs/api.md.");
        app.add_option("--listen", m_listen, "address:port to listen on instead of the configuration's `listen:`");
        app.add_flag("--no-schedule", m_no_schedule,
                     "do not harvest on schedule (the admin API can still start harvests)");
    }
    int run(const Context& context) override {
        harvester::Config config = load_config(context);
        if (!m_listen.empty()) {
            try {
                harvester::split_listen_address(m_listen);
            } catch (const std::invalid_argument& e) {
                throw UsageError(fmt::format("--listen: {}", e.what()));
            }
            config.listen = m_listen;
        }
        const auto [address, port] = harvester::split_listen_address(config.listen);

        std::string admin_token;
        if (!config.serve.admin_token_env.empty()) {
            const char* value = std::getenv(config.serve.admin_token_env.c_str());
            if (value == nullptr || std::string_view(value).size() < 16) {
                throw UsageError(fmt::format(
                    "serve.admin_token_env names the environment variable {}, but it is {}; set it to a secret of "
                    "at least 16 characters (e.g. `export {}=$(openssl rand -hex 32)`) or remove the key to switch "
                    "the admin endpoints off",
                    config.serve.admin_token_env, value == nullptr ? "not set" : "shorter than 16 characters",
                    config.serve.admin_token_env));
            }
            admin_token = value;
        }

        // Forward targets pushed after a source's harvest succeeded; their tokens are checked now.
        std::vector<const harvester::ForwardConfig*> after_harvest;
        for (const auto& f : config.forward) {
            if (!f.after_harvest) continue;
            forward_token(f);
            after_harvest.push_back(&f);
        }

        const catalog::Vocabularies vocab = catalog::Vocabularies::load(config.vocabularies);
        mark_interrupted_runs(context, config);
        note_unconfigured_sources(context, config);

        StopSignals signals;
        harvester::HarvestEnvironment env;
        env.config = &config;
        env.vocab = &vocab;
        std::mutex output;
        std::mutex forwarding;  // one push at a time: two harvests ending together do not push a target twice at once
        auto forward = [&](const std::string& source, const std::atomic<bool>& cancel) {
            std::vector<const harvester::ForwardConfig*> targets;
            for (const auto* f : after_harvest) {
                if (f->sources.empty() || std::find(f->sources.begin(), f->sources.end(), source) != f->sources.end())
                    targets.push_back(f);
            }
            if (targets.empty()) return;
            std::lock_guard lock(forwarding);
            std::ostringstream text;
            Context quiet = context;
            quiet.out = &text;
            run_forward(quiet, config, targets, false, false, &cancel);
            std::lock_guard out_lock(output);
            *context.out << text.str() << std::flush;
        };
        // After each job the service builds the quality reports of the changed
        // catalogue ahead, on its own thread; null while there is no service.
        std::mutex warm_mutex;
        catalog::api::Service* warm_service = nullptr;
        auto warm_up = [&] {
            std::lock_guard lock(warm_mutex);
            if (warm_service) warm_service->warm_up_in_background();
        };
        auto job = [&](const harvester::SourceConfig& source, harvester::JobKind kind, const std::atomic<bool>& cancel) {
            if (kind == harvester::JobKind::link_check) {
                run_link_check(context, config, {source.name}, false, false, &cancel);
                warm_up();
                return;
            }
            harvester::HarvestOptions options;
            options.cancel = &cancel;
            const auto result = harvester::harvest_source(env, source, options);
            {
                std::lock_guard lock(output);
                *context.out << harvester::summary_line(result) << std::endl;
            }
            if (config.link_check.after_harvest && !cancel) run_link_check(context, config, {source.name}, false, false, &cancel);
            warm_up();
            if (result.status == catalog::RunStatus::succeeded && !cancel) forward(source.name, cancel);
        };
        const int max_runs = config.serve.max_runs > 0 ? config.serve.max_runs : config.parallel_sources;
        harvester::Scheduler scheduler(config.sources, max_runs, job);
        SchedulerOperations operations(config, scheduler);

        catalog::api::ServiceOptions service_options;
        service_options.database = config.database;
        service_options.catalog.iri = config.catalog.iri;
        service_options.catalog.title = config.catalog.title;
        service_options.catalog.description = config.catalog.description;
        service_options.catalog.publisher_name = config.catalog.publisher_name;
        service_options.catalog.publisher_iri = config.catalog.publisher_iri;
        service_options.catalog.homepage = config.catalog.homepage;
        service_options.public_url = config.serve.public_url;
        service_options.per_page = config.serve.per_page;
        service_options.max_per_page = config.serve.max_per_page;
        service_options.vocabularies = config.vocabularies;
        service_options.admin_token = admin_token;
        service_options.response_cache_bytes = static_cast<std::size_t>(config.serve.cache_mb) << 20;
        catalog::api::Service service(service_options, vocab, &operations);
        {
            std::lock_guard lock(warm_mutex);
            warm_service = &service;
        }
        struct WarmUpEnd {
            std::mutex& mutex;
            catalog::api::Service*& service;
            ~WarmUpEnd() {
                std::lock_guard lock(mutex);
                service = nullptr;
            }
        } warm_up_end{warm_mutex, warm_service};
        service.warm_up_in_background();

        catalog::api::ServerOptions server_options;
        server_options.address = address;
        server_options.port = port;
        server_options.threads = config.serve.threads;
        server_options.max_connections = static_cast<std::size_t>(config.serve.max_connections);
        server_options.read_timeout = config.serve.read_timeout;
        catalog::api::HttpServer server(server_options,
                                        [&](const catalog::api::Request& r) { return service.handle_request(r); });
        server.start();
        const std::string shown = address.find(':') != std::string::npos ? "[" + address + "]" : address;
        {
            std::lock_guard lock(output);
            *context.out << fmt::format("listening on http://{}:{}/ ({} source(s){})", shown, server.port(),
                                        config.sources.size(), m_no_schedule ? ", not harvesting on schedule" : "")
                         << std::endl;
        }
        if (!m_no_schedule) {
            scheduler.start();
            // A source whose newest run was cut off (a crash marked at start-up, or a stop) is
            // harvested again now rather than at its next scheduled time.
            for (const auto& name : cut_off_sources(config)) {
                {
                    std::lock_guard lock(output);
                    *context.out << fmt::format(
                                        "catch-up: the last harvest of {} was cut off; harvesting it again now", name)
                                 << std::endl;
                }
                scheduler.catch_up(name);
            }
        }

        while (!signals.flag()->load()) std::this_thread::sleep_for(std::chrono::milliseconds(100));

        {
            std::lock_guard lock(output);
            *context.out << "stopping: running harvests end as interrupted" << std::endl;
        }
        scheduler.stop();
        server.stop();
        *context.out << "stopped" << std::endl;
        return exit_ok;
    }

private:
    std::string m_listen;
    bool m_no_schedule = false;
};

}  // namespace

std::unique_ptr<Command> make_serve_command() { return std::make_unique<ServeCommand>(); }

}  // namespace ernte::cli
