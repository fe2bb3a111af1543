#pragma once
/// ernte's configuration: one YAML file parsed once into typed structs and
/// validated at start-up. Every default is documented in docs/configuration.md.

#include "catalog/forward_profile.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ernte::harvester {

/// A configuration error: names the file, the key path, the value and what
/// was expected, in words an administrator understands.
class ConfigError : public std::runtime_error {
public:
    ConfigError(const std::string& file, const std::string& key_path, const std::string& message);
    const std::string& file() const { return m_file; }
    const std::string& key_path() const { return m_key_path; }

private:
    std::string m_file;
    std::string m_key_path;
};

/// The protocol a source speaks.
enum class SourceType { ckan, dcat };
std::string_view to_string(SourceType type);

/// One source portal.
struct SourceConfig {
    std::string name;                   ///< unique, [a-z0-9_-]+
    SourceType type = SourceType::ckan;
    std::string url;                    ///< CKAN base URL, or the first page of a DCAT feed
    std::string schedule = "0 2 * * *"; ///< cron expression (minute hour day month weekday)
    int rows = 1000;                    ///< page size, 1..1000
    std::chrono::seconds timeout{60};   ///< read timeout: no byte for this long fails the attempt
    int retries = 3;                    ///< further attempts per request
    int max_connections = 2;            ///< concurrent requests to this source's host
    int priority = 0;                   ///< higher wins when two sources deliver the same dataset
    std::vector<std::string> contributor_ids;  ///< default dcatde:contributorID IRIs
    bool incremental = true;            ///< ask only for what changed since the last clean run
    double delete_guard = 0.10;         ///< largest share of the source's datasets one run may delete
    std::chrono::seconds deadline{3 * 3600};  ///< a run taking longer is stopped and marked failed
    /// DCAT feeds: the RDF syntax of the pages ("auto": by Content-Type, extension, then content).
    std::string format = "auto";
};

/// The catalogue ernte publishes (the dcat:Catalog of exports and feeds).
struct CatalogConfig {
    std::string iri = "https://opendata.example.nrw.de/catalog";
    std::string title = "Offene Daten";
    std::string description = "Metadaten der offenen Daten, gesammelt aus den Portalen der Kommunen und des Landes.";
    std::string publisher_name = "Open-Data-Stelle";
    std::string publisher_iri;
    std::string homepage;
};

/// Link checks of the distributions' access and download URLs (`link_check:`).
struct LinkCheckConfig {
    std::chrono::seconds max_age{7 * 86400};  ///< a stored result younger than this is reused, not checked again
    int per_host = 2;                         ///< checks at once against one host
    int parallel = 8;                         ///< checks at once in all
    std::chrono::milliseconds delay{1000};    ///< least time between the starts of two requests to one host
    std::chrono::seconds timeout{10};         ///< per request, redirects included
    int max_redirects = 5;                    ///< redirects followed per request
    int retries = 1;                          ///< further attempts after a timeout, connection error, 5xx or 429
    bool after_harvest = false;               ///< `ernte harvest` checks the harvested sources' links afterwards
};

/// `ernte serve`: the HTTP API and the feed (`serve:`).
struct ServeConfig {
    std::string public_url;         ///< the address clients reach the service at, for links in answers; empty: the Host header
    int per_page = 100;             ///< feed datasets a page by default
    int max_per_page = 1000;        ///< the largest per_page a client may ask for
    int threads = 4;                ///< requests answered at once
    int max_connections = 1024;     ///< open connections at once; more are answered 503
    std::chrono::seconds read_timeout{30};  ///< a request must arrive within this time
    /// The environment variable holding the admin token (`Authorization:
    /// Bearer <token>` for POST /api/admin/...); empty: admin endpoints are off.
    std::string admin_token_env;
    int max_runs = 0;               ///< harvests at once in the scheduler; 0: parallel_sources
    int cache_mb = 64;              ///< memory for answers kept until the catalogue changes; 0: none
};

/// What a forward target does downstream with a package whose dataset was
/// withdrawn or is no longer selected.
enum class ForwardDeletions {
    remove,  ///< package_delete (`deletions: delete`, the default)
    keep,    ///< leave it downstream and say so in the report (`deletions: keep`)
};

/// A downstream CKAN the catalogue is pushed to (`forward:`, docs/forwarding.md).
struct ForwardConfig {
    std::string name;                  ///< unique, [a-z0-9_-]+; the store keeps what was pushed under it
    std::string url;                   ///< the CKAN's base URL (its Action API is {url}/api/3/action/)
    std::string api_token_env;         ///< environment variable holding the CKAN API token
    catalog::ForwardProfile profile = catalog::ForwardProfile::govdata;  ///< which datasets qualify
    std::vector<std::string> sources;     ///< only datasets of these sources; empty: all
    std::vector<std::string> publishers;  ///< only datasets of these publishers (name or IRI); empty: all
    /// Publisher (name or IRI) -> the downstream organization (owner_org), in file order.
    std::vector<std::pair<std::string, std::string>> organizations;
    /// owner_org of datasets whose publisher is not mapped; empty: those are not sent (refused in the report).
    std::string default_organization;
    bool after_harvest = false;        ///< `ernte serve` pushes after a source's harvest succeeded
    ForwardDeletions deletions = ForwardDeletions::remove;
    std::chrono::seconds timeout{60};  ///< read timeout of a request to the downstream
};

/// The whole configuration.
struct Config {
    std::filesystem::path file;         ///< where it was read from
    std::filesystem::path database = "var/ernte.db";
    std::string contact;                ///< e-mail or URL, goes into the User-Agent
    std::filesystem::path vocabularies; ///< folder of vocabulary files
    std::chrono::days grace_period{30}; ///< deprecated datasets are withdrawn after this
    std::chrono::days full_every{7};    ///< a full run when the last clean full run is older
    std::chrono::seconds incremental_margin{3600};  ///< subtracted from the last clean run's start
    /// Versions of a dataset from a source that keep their record and source
    /// triples; older ones keep only hash, run and time (catalog::Store::set_kept_versions). 0: all.
    int keep_versions = 20;
    /// Errors and warnings of runs that ended longer ago are deleted after each
    /// run (the runs stay, and each source's newest run keeps its own). 0: kept for ever.
    std::chrono::seconds keep_run_errors{90 * 86400};
    int parallel_sources = 4;           ///< sources harvested side by side
    std::uint64_t max_response_bytes = 512ull << 20;
    int max_redirects = 5;
    /// Where `ernte serve` listens: "host:port" ("127.0.0.1:8080", "[::1]:8080", "0.0.0.0:80").
    std::string listen = "127.0.0.1:8080";
    CatalogConfig catalog;
    LinkCheckConfig link_check;
    ServeConfig serve;
    std::vector<SourceConfig> sources;
    std::vector<ForwardConfig> forward;  ///< downstream CKANs (`forward:`), none by default

    /// The source with this name, or nullptr.
    const SourceConfig* find_source(std::string_view name) const;
    /// The names of the sources, in the configuration's order.
    std::vector<std::string> source_names() const;
    /// The forward target with this name, or nullptr.
    const ForwardConfig* find_forward(std::string_view name) const;
};

/// Read and validate a configuration file. Relative paths in it (database,
/// vocabularies) are resolved against the current working directory.
/// Throws ConfigError.
Config load_config(const std::filesystem::path& file);

/// Parse configuration text (the file name is used in messages only).
Config parse_config(const std::string& yaml_text, const std::filesystem::path& file_name);

/// The resolved configuration as YAML, every default written out.
std::string to_yaml(const Config& config);

/// The folder with the vocabulary files shipped with ernte.
std::filesystem::path default_vocabulary_dir();

/// The address and port of a `listen` value; throws std::invalid_argument
/// naming what is wrong.
std::pair<std::string, std::uint16_t> split_listen_address(std::string_view listen);

/// The User-Agent header: "ernte/<version> (+<contact>)".
std::string user_agent(const Config& config);

}  // namespace ernte::harvester
