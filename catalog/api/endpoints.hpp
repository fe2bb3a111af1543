#pragma once
/// The endpoints of api::Service, one function each. Internal to catalog/api.

#include "catalog/api/http.hpp"
#include "catalog/api/report_cache.hpp"
#include "catalog/api/service.hpp"
#include "catalog/search.hpp"
#include "catalog/store.hpp"

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace ernte::catalog {
class CkanVocabulary;
class Store;
class Vocabularies;
}  // namespace ernte::catalog

namespace ernte::catalog::api {

/// A request the API cannot answer as asked: becomes a 400 with the message.
class BadRequest : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// What an endpoint works with.
struct EndpointContext {
    const Request& request;
    Store& store;
    const ServiceOptions& options;
    const Vocabularies& vocab;
    Operations* operations;
    const Metrics& metrics;
    /// The licence register and theme groups of the CKAN API; null when the
    /// service was given no vocabulary directory.
    const CkanVocabulary* ckan_vocabulary = nullptr;
    /// The service's quality reports, shared by the dashboard and the quality API.
    ReportCache* reports = nullptr;
    /// The service's facet index for searches; null: searches count in SQL.
    FacetIndexCache* facets = nullptr;
    /// Where the feed's datasets stand, per selection; null: counted and
    /// skipped for each page.
    PositionCache* positions = nullptr;
};

/// The query parameter `name` as a whole number from `min` to `max`;
/// `fallback` when absent. Throws BadRequest naming the parameter otherwise.
std::int64_t int_param(const Request& request, std::string_view name, std::int64_t fallback, std::int64_t min,
                       std::int64_t max);

/// Store::search with the service's facet index (in memory when it fits the
/// catalogue, in SQL otherwise; the answer is the same).
SearchResult search_catalogue(EndpointContext& c, const SearchQuery& query);

/// `path` with each segment percent-encoded (the slashes kept).
std::string url_encode_path(std::string_view path);

/// The address links in answers start with: the configured public URL, or
/// http:// and the request's Host header when that is a plain host[:port].
std::string base_url(const EndpointContext& c);

Response feed_page(EndpointContext& c, std::string_view path);
Response dataset_document(EndpointContext& c, std::string_view id_and_format);
/// What a forward profile holds back: counts and the held-back datasets with reasons, paged.
Response profile_report(EndpointContext& c, std::string_view name);

Response quality_summary(EndpointContext& c);
Response quality_publishers(EndpointContext& c);
Response quality_publisher(EndpointContext& c, std::string_view name);
Response quality_dataset(EndpointContext& c, std::string_view id);

/// A source as the API and the dashboard list it.
struct ListedSource {
    ConfiguredSource source;
    /// false: the configuration no longer names the source, but the catalogue
    /// still holds datasets of it (`ernte retire` takes them out).
    bool configured = true;
    std::int64_t datasets = 0;
    std::optional<RunRow> last_run;
    std::optional<RunRow> last_success;
};
/// The configured sources in the configuration's order, then those taken out
/// of it whose datasets the catalogue still holds. Without Operations (no
/// configuration), every source of the catalogue, as configured.
std::vector<ListedSource> listed_sources(EndpointContext& c);

Response sources_json(EndpointContext& c);
Response runs_json(EndpointContext& c);
Response run_json(EndpointContext& c, std::string_view id);
Response run_errors_json(EndpointContext& c, std::string_view id);
Response admin_trigger(EndpointContext& c, std::string_view action, std::string_view source);

/// The CKAN-compatible action API: `action` is the name after /api/3/action/.
Response ckan_action(EndpointContext& c, std::string_view action);

/// What this service offers: {"endpoints": [{"method", "path", "description"}]}.
Response api_index();
Response health(EndpointContext& c);
Response metrics_text(EndpointContext& c);

}  // namespace ernte::catalog::api
