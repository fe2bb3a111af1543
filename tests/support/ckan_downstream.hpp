#pragma once
/// A CKAN that accepts writes, in memory: the Action API a portal pushing
/// into CKAN uses (package_create, package_update, package_patch,
/// package_delete, package_show, organization_show, organization_list),
/// answered the way CKAN's API documentation describes: the JSON envelope
/// ({"help", "success", "result"} or {"success": false, "error": {"__type",
/// ...}}), the API token in the Authorization header (403 Authorization
/// Error without it), CKAN's name rules and uniqueness and an existing
/// owner_org (409 Validation Error with a list of messages per field), 404
/// Not Found Error for unknown packages. Tests put it behind an HttpServer.

#include "tests/support/http_server.hpp"

#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace ernte::testsupport {

class CkanDownstream {
public:
    /// `token`: the API token writes need; `organizations`: the names of the organizations that exist.
    CkanDownstream(std::string token, std::set<std::string> organizations);

    /// Answer one request (thread-safe).
    HttpResponse handle(const HttpRequest& request);

    /// One stored package.
    struct Package {
        std::string id;
        std::string name;
        std::string owner_org;
        std::string state;  ///< "active" or "deleted"
        std::string json;   ///< the package as package_show gives it
    };
    /// Every package, deleted ones included, by id.
    std::map<std::string, Package> packages() const;
    /// The package with this name (not deleted), if any.
    std::optional<Package> by_name(const std::string& name) const;
    /// Active packages.
    std::size_t active_count() const;
    /// Write actions received (create, update, patch, delete), accepted or not, in order: "package_create name".
    std::vector<std::string> writes() const;
    /// Put a package there as if someone else had created it (name taken).
    void add_foreign_package(const std::string& name, const std::string& owner_org);

private:
    HttpResponse write(const std::string& action, const std::string& body);
    HttpResponse show(const std::string& id);

    std::string m_token;
    std::set<std::string> m_organizations;
    mutable std::mutex m_mutex;
    std::map<std::string, Package> m_packages;  ///< by id
    std::vector<std::string> m_writes;
    std::size_t m_next_id = 1;
};

}  // namespace ernte::testsupport
