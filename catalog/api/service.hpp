#pragma once
/// What `ernte serve` answers: the DCAT-AP.de feed, the quality and
/// operations API, admin actions, health and metrics. handle_request() is a
/// plain function of the request (and the catalogue), tested without sockets;
/// api::HttpServer carries it over HTTP. Endpoints: docs/api.md.

#include "catalog/api/http.hpp"
#include "catalog/api/metrics.hpp"
#include "catalog/api/report_cache.hpp"
#include "catalog/export.hpp"

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ernte::catalog {
class Store;
class Vocabularies;
}  // namespace ernte::catalog

namespace ernte::catalog::api {

class ResponseCache;

/// A configured source as the API lists it.
struct ConfiguredSource {
    std::string name;
    std::string type;      ///< "ckan" | "dcat"
    std::string url;
    std::string schedule;  ///< cron expression
};

/// What an admin request to start work came to.
enum class TriggerOutcome {
    started,          ///< the work begins now
    queued,           ///< it waits for a free slot (parallel_sources)
    already_running,  ///< the source is being worked on; nothing new was started
    unknown_source,   ///< no source of that name is configured
    stopping,         ///< the server is shutting down
};
std::string_view to_string(TriggerOutcome outcome);

/// The process's harvest side as the API sees it: the scheduler in
/// `ernte serve`. The API never harvests itself (catalog does not use the
/// harvester); with no Operations, admin endpoints answer 503.
class Operations {
public:
    virtual ~Operations() = default;
    /// The sources of the configuration, in its order.
    virtual std::vector<ConfiguredSource> configured_sources() const = 0;
    /// When the scheduler runs a source next (ISO 8601 UTC); nullopt when it does not.
    virtual std::optional<std::string> next_run(std::string_view source) const = 0;
    /// Whether a harvest or link check of the source is running or waiting.
    virtual bool busy(std::string_view source) const = 0;
    /// Start a harvest of the source now.
    virtual TriggerOutcome request_harvest(std::string_view source) = 0;
    /// Start a link check of the source's distributions now.
    virtual TriggerOutcome request_link_check(std::string_view source) = 0;
};

/// How the API behaves (the `serve:` section of the configuration).
struct ServiceOptions {
    std::filesystem::path database;
    CatalogInfo catalog;  ///< the dcat:Catalog of feed pages
    /// The public address of the service ("https://daten.example.nrw.de"),
    /// used in the feed's paging links; empty: taken from the request's Host header.
    std::string public_url;
    int per_page = 100;       ///< feed datasets a page when the request names none
    int max_per_page = 1000;  ///< largest `per_page` a request may ask for
    /// The bearer token the admin endpoints require; empty: they are refused (403).
    std::string admin_token;
    /// The vocabulary directory (schemas/vocab): the CKAN API's licence
    /// register and theme groups are read from it when the service starts;
    /// empty: /api/3/action/ answers 503.
    std::filesystem::path vocabularies;
    /// Memory for answers kept until the catalogue changes (the CKAN API,
    /// feed pages, datasets' RDF; catalog/api/response_cache.hpp); 0: none kept.
    std::size_t response_cache_bytes = std::size_t{64} << 20;
};

/// The API of one catalogue database. Thread-safe: requests may be handled
/// on several threads at once, each with its own database connection.
class Service {
public:
    /// `vocab` is needed for the quality API's texts and must outlive the
    /// service; `operations` may be null (no admin actions, no schedule).
    Service(ServiceOptions options, const Vocabularies& vocab, Operations* operations = nullptr);
    ~Service();
    Service(const Service&) = delete;
    Service& operator=(const Service&) = delete;

    /// Answer one request. Never throws: failures become 4xx/5xx responses
    /// with a message, and every request is counted in the metrics.
    Response handle_request(const Request& request);

    /// Build the search's facet index and the quality reports the overview,
    /// /api/quality/summary and /api/quality/publishers answer from, for the
    /// catalogue as it is now, unless they are built already; on the calling
    /// thread.
    void warm_up();
    /// warm_up() on the service's own background thread, so that the first
    /// request after a harvest does not wait for the report; returns at once.
    /// Asked again while one runs, it runs once more afterwards.
    void warm_up_in_background();

    /// The request metrics /metrics reports.
    const Metrics& metrics() const;
    /// The quality reports kept for the dashboard and the quality API.
    const ReportCache& reports() const;
    /// The search's facet index.
    const FacetIndexCache& facet_indexes() const;
    /// The answers kept until the catalogue changes.
    const ResponseCache& responses() const;
    const ServiceOptions& options() const;

    struct Impl;

private:
    std::unique_ptr<Impl> m_impl;
};

}  // namespace ernte::catalog::api
