#pragma once
/// HTTP requests and responses as the API's handlers see them: plain values,
/// independent of the server, so that every endpoint is tested without
/// sockets (api::Service::handle_request).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ernte::catalog::api {

/// One request, as the server read it.
struct Request {
    std::string method = "GET";
    std::string target;  ///< as sent: path?query
    std::vector<std::pair<std::string, std::string>> headers;  ///< names in lower case
    std::string body;
    std::string peer;  ///< the client's address, for logs

    /// A GET of `target` with no headers (tests, internal calls).
    static Request get(std::string target);

    /// The path, percent-decoded ("/dataset/Bäume.ttl"); empty when the
    /// target is not a path or decodes to invalid text (NUL, bad escapes).
    std::string path() const;
    /// The value of a header, "" if absent; the name is case-insensitive.
    std::string_view header(std::string_view name) const;
    /// The decoded value of a query parameter ('+' is a space); the first
    /// when repeated; nullopt when absent.
    std::optional<std::string> param(std::string_view name) const;
    /// Every query parameter, decoded, in order.
    std::vector<std::pair<std::string, std::string>> params() const;
};

/// One response.
struct Response {
    int status = 200;
    std::string content_type = "application/json; charset=utf-8";
    std::vector<std::pair<std::string, std::string>> headers;  ///< besides Content-Type and Content-Length
    std::string body;

    /// A JSON body.
    static Response json(std::string body, int status = 200);
    /// A text body of the given media type.
    static Response text(std::string body, std::string content_type, int status = 200);
    /// A JSON error: {"error": {"status": 404, "message": "..."}}.
    static Response error(int status, std::string_view message);

    /// The value of a header set on the response (not Content-Type), "" if absent.
    std::string_view header(std::string_view name) const;
};

/// The reason phrase of a status ("Not Found"); empty for a status without a
/// well-known one. The harvester names the statuses portals answer with by it too.
std::string_view status_reason(long status);

/// Whether two secrets are equal, in time that does not depend on where they differ.
bool equal_in_constant_time(std::string_view a, std::string_view b);

}  // namespace ernte::catalog::api
