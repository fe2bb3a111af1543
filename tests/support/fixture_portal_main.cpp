// ernte-fixture-portal: serves CKAN portals from JSON files (or generated
// packages) on loopback, each under its own path prefix, until SIGINT/SIGTERM;
// or (--dcat-generate) a generated DCAT feed of RDF pages with Hydra paging.
// Used by `scripts/run --demo` and `scripts/bench`.

#include "tests/support/ckan_portal.hpp"
#include "tests/support/dcat_feed.hpp"
#include "tests/support/http_server.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <thread>

namespace {
volatile std::sig_atomic_t g_stop = 0;
extern "C" void on_signal(int) { g_stop = 1; }

void wait_for_signal() {
    while (!g_stop) std::this_thread::sleep_for(std::chrono::milliseconds(100));
}

/// What --dcat-generate serves.
struct DcatOptions {
    std::size_t datasets = 0;
    std::string syntax = "turtle";
    std::size_t per_page = 100;
    std::string write_dir;
};

/// Serves a generated DCAT feed until a signal. Every page is rendered once
/// before the URL is announced, so a client measures its own work, not the
/// rendering; with `write_dir` the same bytes are also written to
/// DIR/page-NNNNNN.EXT (for other parsers to read).
int serve_dcat(const DcatOptions& dcat, std::uint64_t seed, const std::string& name, const std::string& bind,
               std::uint16_t port, const std::string& url_file, bool etags) {
    using namespace ernte::testsupport;
    static const std::map<std::string, FeedSyntax> syntaxes = {{"rdfxml", FeedSyntax::rdfxml},
                                                               {"turtle", FeedSyntax::turtle},
                                                               {"ntriples", FeedSyntax::ntriples},
                                                               {"jsonld", FeedSyntax::jsonld}};
    DcatFeed::Options options;
    options.syntax = syntaxes.at(dcat.syntax);
    options.per_page = dcat.per_page;
    options.etags = etags;
    options.bind_address = bind;
    options.port = port;
    DcatFeed feed(generate_feed_datasets(dcat.datasets, seed, name), options);

    struct Page {
        std::string body;
        std::string etag;
    };
    const std::int64_t count = feed.page_count();
    auto pages = std::make_shared<std::vector<Page>>();
    pages->reserve(static_cast<std::size_t>(count));
    std::size_t bytes = 0;
    for (std::int64_t n = 1; n <= count; ++n) {
        std::string body = feed.page_body(n);
        bytes += body.size();
        std::string etag = fmt::format("\"{:x}\"", std::hash<std::string>{}(body));
        pages->push_back({std::move(body), std::move(etag)});
    }
    if (!dcat.write_dir.empty()) {
        try {
            std::filesystem::create_directories(dcat.write_dir);
            for (std::int64_t n = 1; n <= count; ++n) {
                const auto file = std::filesystem::path(dcat.write_dir) /
                                  fmt::format("page-{:06}.{}", n, feed_extension(options.syntax));
                std::ofstream out(file, std::ios::binary);
                const std::string& body = (*pages)[static_cast<std::size_t>(n - 1)].body;
                out.write(body.data(), static_cast<std::streamsize>(body.size()));
                if (!out) throw std::runtime_error("cannot write " + file.string());
            }
        } catch (const std::exception& e) {
            std::cerr << "ernte-fixture-portal: " << e.what() << "\n";
            return 2;
        }
    }
    const std::string content_type(feed_content_type(options.syntax));
    feed.set_override([pages, content_type, etags](const HttpRequest& request,
                                                   std::int64_t n) -> std::optional<HttpResponse> {
        if (n < 1 || n > static_cast<std::int64_t>(pages->size())) return std::nullopt;
        const Page& page = (*pages)[static_cast<std::size_t>(n - 1)];
        if (etags && request.header("if-none-match") == page.etag) {
            HttpResponse not_modified;
            not_modified.status = 304;
            not_modified.headers.emplace_back("ETag", page.etag);
            return not_modified;
        }
        HttpResponse response = HttpResponse::text(page.body, content_type);
        if (etags) response.headers.emplace_back("ETag", page.etag);
        return response;
    });

    if (!url_file.empty()) std::ofstream(url_file) << feed.url() << "\n";
    std::cout << name << " " << feed.url() << " " << dcat.datasets << " datasets, " << count << " pages of "
              << dcat.per_page << ", " << bytes << " bytes (" << dcat.syntax << ")\n";
    std::cout.flush();
    wait_for_signal();
    return 0;
}
}  // namespace

int main(int argc, char** argv) {
    using namespace ernte::testsupport;
    CLI::App app{"Serves CKAN fixture portals on loopback: http://ADDR:PORT/NAME is the portal NAME; "
                 "or, with --dcat-generate, a DCAT feed at http://ADDR:PORT/catalog.EXT?page=N."};
    std::vector<std::string> portal_specs;
    std::size_t generate = 0;
    std::uint64_t seed = 1;
    std::vector<std::string> templates;
    std::string generated_name = "bench";
    std::string bind = "127.0.0.1";
    std::uint16_t port = 0;
    std::string url_file;
    bool etags = false;
    DcatOptions dcat;
    app.add_option("--portal", portal_specs, "NAME=FILE: serve the packages in FILE (a JSON list) as portal NAME");
    app.add_option("--generate", generate, "serve N generated packages as portal --name");
    app.add_option("--seed", seed, "seed for --generate");
    app.add_option("--templates", templates, "JSON files with template packages for --generate")->check(CLI::ExistingFile);
    app.add_option("--name", generated_name, "portal name for --generate; goes into the IRIs of --dcat-generate");
    app.add_option("--bind", bind, "address to listen on (default 127.0.0.1)");
    app.add_option("--port", port, "port (default: any free port)");
    app.add_option("--url-file", url_file, "write the base URL into this file once listening");
    app.add_flag("--etags", etags, "send ETags and answer If-None-Match with 304");
    auto* dcat_generate =
        app.add_option("--dcat-generate", dcat.datasets, "serve a DCAT feed of N generated datasets instead of CKAN portals")
            ->excludes(app.get_option("--portal"))
            ->excludes(app.get_option("--generate"));
    app.add_option("--dcat-syntax", dcat.syntax, "syntax of the feed's pages (default turtle)")
        ->check(CLI::IsMember({"rdfxml", "turtle", "ntriples", "jsonld"}))
        ->needs(dcat_generate);
    app.add_option("--dcat-per-page", dcat.per_page, "datasets a page (default 100)")
        ->check(CLI::PositiveNumber)
        ->needs(dcat_generate);
    app.add_option("--dcat-write-dir", dcat.write_dir,
                   "also write every page, byte for byte as served, to DIR/page-NNNNNN.EXT before serving")
        ->needs(dcat_generate);
    CLI11_PARSE(app, argc, argv);
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);

    if (dcat.datasets > 0) return serve_dcat(dcat, seed, generated_name, bind, port, url_file, etags);

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

    if (!url_file.empty()) {
        std::ofstream(url_file) << server.base_url() << "\n";
    }
    for (const auto& [name, portal] : portals)
        std::cout << name << " " << server.base_url() << "/" << name << " " << portal->size() << " packages\n";
    std::cout.flush();
    wait_for_signal();
    server.stop();
    return 0;
}
