#include "catalog/api/service.hpp"

#include "catalog/api/endpoints.hpp"
#include "catalog/api/response_cache.hpp"
#include "catalog/ckan_package.hpp"
#include "catalog/store.hpp"
#include "catalog/web/dashboard.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

namespace ernte::catalog::api {

std::string_view to_string(TriggerOutcome outcome) {
    switch (outcome) {
        case TriggerOutcome::started: return "started";
        case TriggerOutcome::queued: return "queued";
        case TriggerOutcome::already_running: return "already_running";
        case TriggerOutcome::unknown_source: return "unknown_source";
        case TriggerOutcome::stopping: return "stopping";
    }
    return "unknown";
}

struct Service::Impl {
    ServiceOptions options;
    const Vocabularies& vocab;
    Operations* operations;
    Metrics metrics;
    std::mutex pool_mutex;
    /// A pooled connection and the data version it saw last.
    struct Pooled {
        std::unique_ptr<Store> store;
        std::int64_t seen_version = -1;
    };
    std::vector<Pooled> idle_stores;

    /// Counted up whenever a connection sees that the database changed (or a
    /// new connection opens): answers kept under an older count are stale.
    std::atomic<std::uint64_t> generation{1};
    ResponseCache responses;

    std::optional<CkanVocabulary> ckan_vocabulary;
    ReportCache reports;
    FacetIndexCache facets;
    PositionCache positions;

    // The background work: a thread started on the first request for it,
    // waiting for the next; stopped and joined when the service ends. It
    // builds the reports and the facet index (warm_requested), or only the
    // facet index a search found out of date (facets_requested).
    std::mutex warm_mutex;
    std::condition_variable warm_wanted;
    bool warm_requested = false;
    bool facets_requested = false;
    bool warm_stop = false;
    std::thread warm_thread;

    Impl(ServiceOptions o, const Vocabularies& v, Operations* ops)
        : options(std::move(o)), vocab(v), operations(ops), responses(options.response_cache_bytes),
          facets([this] { in_background(false); }, k_facet_refresh_interval) {
        if (!options.vocabularies.empty()) ckan_vocabulary = CkanVocabulary::load(options.vocabularies, vocab);
    }

    /// A search that finds the facet index out of date asks for a new one at
    /// most this often (a harvest in another process changes the catalogue
    /// with every page).
    static constexpr std::chrono::seconds k_facet_refresh_interval{30};

    void warm_up();
    void in_background(bool reports);

    /// A connection for one request, given back to the pool afterwards (one
    /// Store per thread at a time, as the store requires).
    class StoreLease {
    public:
        explicit StoreLease(Impl& impl) : m_impl(impl) {
            {
                std::lock_guard lock(m_impl.pool_mutex);
                if (!m_impl.idle_stores.empty()) {
                    m_pooled = std::move(m_impl.idle_stores.back());
                    m_impl.idle_stores.pop_back();
                }
            }
            if (!m_pooled.store) m_pooled.store = std::make_unique<Store>(m_impl.options.database);
        }
        ~StoreLease() {
            std::lock_guard lock(m_impl.pool_mutex);
            m_impl.idle_stores.push_back(std::move(m_pooled));
        }
        StoreLease(const StoreLease&) = delete;
        StoreLease& operator=(const StoreLease&) = delete;
        Store& store() { return *m_pooled.store; }

        /// The generation of the catalogue this connection reads: counted
        /// up first when another connection committed since it last looked
        /// (a new connection cannot know, so it counts up too).
        std::uint64_t generation() {
            const std::int64_t version = m_pooled.store->data_version();
            if (version != m_pooled.seen_version) {
                m_pooled.seen_version = version;
                return ++m_impl.generation;
            }
            return m_impl.generation.load();
        }

    private:
        Impl& m_impl;
        Pooled m_pooled;
    };
};

Service::Service(ServiceOptions options, const Vocabularies& vocab, Operations* operations)
    : m_impl(std::make_unique<Impl>(std::move(options), vocab, operations)) {}

Service::~Service() {
    {
        std::lock_guard lock(m_impl->warm_mutex);
        m_impl->warm_stop = true;
    }
    m_impl->warm_wanted.notify_all();
    if (m_impl->warm_thread.joinable()) m_impl->warm_thread.join();
}

void Service::Impl::warm_up() {
    StoreLease lease(*this);
    // The facet index first: it takes a second, the reports take longer.
    facets.refresh(lease.store());
    const auto report = catalogue_report(reports, lease.store(), DatasetFilter{});
    // Then each publisher's page, so that no municipality waits for its own.
    for (const auto& publisher : report->publishers) {
        if (publisher.name.empty()) continue;
        publisher_page_report(reports, lease.store(), vocab, publisher.name, k_publisher_page_datasets);
    }
}

void Service::Impl::in_background(bool reports_too) {
    std::lock_guard lock(warm_mutex);
    if (warm_stop) return;
    (reports_too ? warm_requested : facets_requested) = true;
    if (warm_thread.joinable()) {
        warm_wanted.notify_all();
        return;
    }
    warm_thread = std::thread([this] {
        std::unique_lock lock(warm_mutex);
        while (true) {
            warm_wanted.wait(lock, [&] { return warm_stop || warm_requested || facets_requested; });
            if (warm_stop) return;
            const bool everything = warm_requested;
            warm_requested = facets_requested = false;
            lock.unlock();
            const auto started = std::chrono::steady_clock::now();
            const auto elapsed = [&] {
                return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started)
                    .count();
            };
            try {
                if (everything) {
                    warm_up();
                    spdlog::debug("quality reports and the search's facet index built ahead in {} ms", elapsed());
                } else {
                    StoreLease lease(*this);
                    facets.refresh(lease.store());
                    spdlog::debug("the search's facet index built in {} ms", elapsed());
                }
            } catch (const std::exception& e) {
                spdlog::warn("building the quality reports or the search's facet index ahead failed (requests "
                             "build what they need): {}", e.what());
            }
            lock.lock();
        }
    });
}

void Service::warm_up() { m_impl->warm_up(); }

void Service::warm_up_in_background() { m_impl->in_background(true); }

const ReportCache& Service::reports() const { return m_impl->reports; }
const FacetIndexCache& Service::facet_indexes() const { return m_impl->facets; }
const ResponseCache& Service::responses() const { return m_impl->responses; }

const Metrics& Service::metrics() const { return m_impl->metrics; }
const ServiceOptions& Service::options() const { return m_impl->options; }

namespace {

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

/// The route (a template, for metrics) and the endpoint that answers `path`.
Response route(EndpointContext& c, const std::string& path, std::string& route_name) {
    const Request& r = c.request;
    const bool read = r.method == "GET" || r.method == "HEAD";
    const auto only_reads = [&]() -> std::optional<Response> {
        if (read) return std::nullopt;
        Response response = Response::error(405, fmt::format("{} is not allowed here; use GET", r.method));
        response.headers.emplace_back("Allow", "GET, HEAD");
        return response;
    };

    if (path == "/api" || path == "/api/") {
        route_name = "/api";
        if (auto refused = only_reads()) return *refused;
        return api_index();
    }
    if (starts_with(path, "/api/3/action/") || starts_with(path, "/api/action/")) {
        const std::string_view action = std::string_view(path).substr(path.find("action/") + 7);
        route_name = "/api/3/action/{action}";
        return ckan_action(c, action);
    }
    if (path == "/healthz") {
        route_name = "/healthz";
        if (auto refused = only_reads()) return *refused;
        return health(c);
    }
    if (path == "/metrics") {
        route_name = "/metrics";
        if (auto refused = only_reads()) return *refused;
        return metrics_text(c);
    }
    if (path == "/catalog" || starts_with(path, "/catalog.")) {
        route_name = path == "/catalog" ? "/catalog" : "/catalog.{format}";
        if (auto refused = only_reads()) return *refused;
        return feed_page(c, path);
    }
    // The dashboard's HTML pages (catalog/web); /dataset/{id}.ttl|.rdf|.jsonld stay RDF documents.
    if (auto page_route = web::page_route(path)) {
        route_name = std::move(*page_route);
        if (auto refused = only_reads()) return *refused;
        return web::page(c, path);
    }
    if (starts_with(path, "/dataset/")) {
        route_name = "/dataset/{id}.{format}";
        if (auto refused = only_reads()) return *refused;
        return dataset_document(c, path.substr(9));
    }
    if (starts_with(path, "/api/profiles/")) {
        route_name = "/api/profiles/{profile}";
        if (auto refused = only_reads()) return *refused;
        return profile_report(c, std::string_view(path).substr(14));
    }
    if (starts_with(path, "/api/quality/")) {
        const std::string_view rest = std::string_view(path).substr(13);
        if (auto refused = only_reads()) {
            route_name = "/api/quality/{other}";
            return *refused;
        }
        if (rest == "summary") {
            route_name = "/api/quality/summary";
            return quality_summary(c);
        }
        if (rest == "publishers") {
            route_name = "/api/quality/publishers";
            return quality_publishers(c);
        }
        if (starts_with(rest, "publishers/")) {
            route_name = "/api/quality/publishers/{name}";
            return quality_publisher(c, rest.substr(11));
        }
        if (starts_with(rest, "datasets/")) {
            route_name = "/api/quality/datasets/{id}";
            return quality_dataset(c, rest.substr(9));
        }
    }
    if (path == "/api/sources") {
        route_name = "/api/sources";
        if (auto refused = only_reads()) return *refused;
        return sources_json(c);
    }
    if (path == "/api/runs") {
        route_name = "/api/runs";
        if (auto refused = only_reads()) return *refused;
        return runs_json(c);
    }
    if (starts_with(path, "/api/runs/")) {
        std::string_view rest = std::string_view(path).substr(10);
        const bool errors = rest.ends_with("/errors");
        if (errors) rest.remove_suffix(7);
        route_name = errors ? "/api/runs/{id}/errors" : "/api/runs/{id}";
        if (auto refused = only_reads()) return *refused;
        return errors ? run_errors_json(c, rest) : run_json(c, rest);
    }
    if (starts_with(path, "/api/admin/")) {
        const std::string_view rest = std::string_view(path).substr(11);
        for (const auto& [action, name] : {std::pair<std::string_view, std::string_view>{"harvest/", "harvest"},
                                           {"check-links/", "check-links"}}) {
            if (!starts_with(rest, action)) continue;
            route_name = fmt::format("/api/admin/{}/{{source}}", name);
            if (r.method != "POST") {
                Response response = Response::error(405, fmt::format("{} is not allowed here; use POST", r.method));
                response.headers.emplace_back("Allow", "POST");
                return response;
            }
            return admin_trigger(c, name, rest.substr(action.size()));
        }
    }
    route_name = "other";
    return Response::error(404, fmt::format("nothing at {}; see /api for what this service offers",
                                            path.empty() ? std::string("this address") : path));
}

/// Whether the answer to `request` depends on the database and the request
/// alone (its target, Host and Accept), so that it may be kept until the
/// catalogue changes: the CKAN API's reads, feed pages, datasets' RDF and the
/// dashboard's search page. Not the other pages and the operations API (the
/// scheduler's plans and running harvests are not in the database, and the
/// quality reports have their own cache), and never ranges counted from NOW.
bool cacheable(const Request& request, const std::string& path) {
    if (request.method != "GET" && request.method != "HEAD") return false;
    if (request.target.find("NOW") != std::string::npos) return false;
    if (starts_with(path, "/api/3/action/") || starts_with(path, "/api/action/")) return true;
    if (path == "/catalog" || starts_with(path, "/catalog.") || path == "/search") return true;
    if (starts_with(path, "/dataset/")) {
        for (const std::string_view extension : {".ttl", ".rdf", ".xml", ".jsonld"}) {
            if (path.ends_with(extension)) return true;
        }
    }
    return false;
}

std::string cache_key(const Request& request) {
    std::string key = request.target;
    for (const std::string_view header : {"host", "accept"}) {
        key += '\n';
        key += request.header(header);
    }
    return key;
}

}  // namespace

Response Service::handle_request(const Request& request) {
    const auto started = std::chrono::steady_clock::now();
    std::string route_name = "other";
    Response response;
    try {
        const std::string path = request.path();
        if (path.empty()) {
            response = Response::error(400, "the request target is not a valid path");
        } else {
            Impl::StoreLease lease(*m_impl);
            const bool keep = cacheable(request, path);
            std::string key;
            std::uint64_t generation = 0;
            std::optional<ResponseCache::Hit> hit;
            if (keep) {
                key = cache_key(request);
                generation = lease.generation();
                hit = m_impl->responses.find(key, generation);
            }
            if (hit) {
                response = *hit->response;
                route_name = std::move(hit->route);
            } else {
                EndpointContext context{request, lease.store(), m_impl->options, m_impl->vocab, m_impl->operations,
                                        m_impl->metrics,
                                        m_impl->ckan_vocabulary ? &*m_impl->ckan_vocabulary : nullptr,
                                        &m_impl->reports, &m_impl->facets, &m_impl->positions};
                response = route(context, path, route_name);
                if (keep && response.status == 200) m_impl->responses.keep(key, generation, response, route_name);
            }
        }
    } catch (const BadRequest& e) {
        response = Response::error(400, e.what());
    } catch (const StoreError& e) {
        spdlog::error("{} {}: {}", request.method, request.target, e.what());
        response = Response::error(503, fmt::format("the catalogue database cannot be read: {}", e.what()));
        response.headers.emplace_back("Retry-After", "10");
    } catch (const std::exception& e) {
        spdlog::error("{} {}: {}", request.method, request.target, e.what());
        response = Response::error(500, "the request could not be answered; the server log has the details");
    }
    m_impl->metrics.observe(route_name, response.status, std::chrono::steady_clock::now() - started);
    return response;
}

}  // namespace ernte::catalog::api
