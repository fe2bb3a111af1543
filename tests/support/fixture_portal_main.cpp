// ernte-fixture-portal: serves CKAN portals from JSON files (or generated
// packages) on loopback, each under its own path prefix, until SIGINT/SIGTERM.
// Used by `scripts/run --demo` and `scripts/bench`.

#include "tests/support/ckan_portal.hpp"
#include "tests/support/http_server.hpp"

#include <CLI/CLI.hpp>

#include <csignal>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <thread>

namespace {
volatile std::sig_atomic_t g_stop = 0;
extern "C" void on_signal(int) { g_stop = 1; }
}  // namespace

int main(int argc, char** argv) {
    using namespace ernte::testsupport;
    CLI::App app{"Serves CKAN fixture portals on loopback: http://ADDR:PORT/NAME is the portal NAME."};
    std::vector<std::string> portal_specs;
    std::size_t generate = 0;
    std::uint64_t seed = 1;
    std::vector<std::string> templates;
    std::string generated_name = "bench";
    std::string bind = "127.0.0.1";
    std::uint16_t port = 0;
    std::string url_file;
    bool etags = false;
    app.add_option("--portal", portal_specs, "NAME=FILE: serve the packages in FILE (a JSON list) as portal NAME");
    app.add_option("--generate", generate, "serve N generated packages as portal --name");
    app.add_option("--seed", seed, "seed for --generate");
    app.add_option("--templates", templates, "JSON files with template packages for --generate")->check(CLI::ExistingFile);
    app.add_option("--name", generated_name, "portal name for --generate");
    app.add_option("--bind", bind, "address to listen on (default 127.0.0.1)");
    app.add_option("--port", port, "port (default: any free port)");
    app.add_option("--url-file", url_file, "write the base URL into this file once listening");
    app.add_flag("--etags", etags, "send ETags and answer If-None-Match with 304");
    CLI11_PARSE(app, argc, argv);

    std::map<std::string, std::unique_ptr<CkanPortal>> portals;
    try {
        for (const auto& spec : portal_specs) {
            const auto eq = spec.find('=');
            if (eq == std::string::npos) throw std::runtime_error("--portal expects NAME=FILE, got " + spec);
            auto portal = std::make_unique<CkanPortal>(load_packages(spec.substr(eq + 1)));
            portal->etags = etags;
            portals[spec.substr(0, eq)] = std::move(portal);
        }
        if (generate > 0) {
            std::vector<std::string> tpl;
            for (const auto& file : templates)
                for (auto& p : load_packages(file)) tpl.push_back(std::move(p));
            auto portal = std::make_unique<CkanPortal>(generate_packages(generate, seed, tpl));
            portal->etags = etags;
            portals[generated_name] = std::move(portal);
        }
    } catch (const std::exception& e) {
        std::cerr << "ernte-fixture-portal: " << e.what() << "\n";
        return 2;
    }
    if (portals.empty()) {
        std::cerr << "ernte-fixture-portal: nothing to serve; give --portal or --generate\n";
        return 2;
    }

    HttpServer server(
        [&](const HttpRequest& request) {
            const auto slash = request.path.find('/', 1);
            const std::string name = request.path.substr(1, slash == std::string::npos ? std::string::npos : slash - 1);
            auto it = portals.find(name);
            if (it == portals.end()) return ckan_error(404, "Not Found Error", "no portal " + name);
            HttpRequest inner = request;
            inner.path = slash == std::string::npos ? "/" : request.path.substr(slash);
            return it->second->handle(inner);
        },
        bind, port);

    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    if (!url_file.empty()) {
        std::ofstream(url_file) << server.base_url() << "\n";
    }
    for (const auto& [name, portal] : portals)
        std::cout << name << " " << server.base_url() << "/" << name << " " << portal->size() << " packages\n";
    std::cout.flush();
    while (!g_stop) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    server.stop();
    return 0;
}
