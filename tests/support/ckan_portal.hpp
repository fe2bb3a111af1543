#pragma once
/// A CKAN portal in memory: the part of the Action API harvesters use
/// (package_search with q=*:*, fq on metadata_modified, sort, rows, start;
/// package_show, package_list, status_show), answered the way CKAN answers.
/// Tests put it behind an HttpServer and wrap its handler to misbehave.

#include "tests/support/http_server.hpp"

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <vector>

namespace ernte::testsupport {

class CkanPortal {
public:
    CkanPortal() = default;
    /// `packages`: one JSON object text per package, each with "id".
    explicit CkanPortal(std::vector<std::string> packages);

    /// Replace the portal's packages (thread-safe; requests see old or new).
    void set_packages(std::vector<std::string> packages);
    std::size_t size() const;

    /// Answer one request (thread-safe).
    HttpResponse handle(const HttpRequest& request) const;

    /// The largest `rows` the portal accepts (CKAN's ckan.search.rows_max).
    int max_rows = 1000;
    /// Send an ETag per answer and answer 304 to a matching If-None-Match.
    bool etags = false;

private:
    struct Package {
        std::string id;
        std::string name;
        std::string modified;  // metadata_modified
        std::string json;
    };
    HttpResponse package_search(const HttpRequest& request) const;

    mutable std::shared_mutex m_mutex;
    std::vector<Package> m_packages;  // sorted by id
};

/// Read a JSON file holding an array of package objects, a CKAN
/// package_search answer, or a single package, into one JSON text per package.
std::vector<std::string> load_packages(const std::filesystem::path& file);

/// `count` realistic packages made by varying `templates` (real records):
/// unique ids and names, titles and modification dates varied, resources
/// renumbered. The same seed gives the same packages.
std::vector<std::string> generate_packages(std::size_t count, std::uint64_t seed,
                                           const std::vector<std::string>& templates);

/// A CKAN error answer ({"success": false, "error": {...}}).
HttpResponse ckan_error(int status, const std::string& type, const std::string& message);

}  // namespace ernte::testsupport
