#include "catalog/api/http.hpp"

#include "catalog/text.hpp"
#include "catalog/url.hpp"

#include <algorithm>
#include <cctype>

namespace ernte::catalog::api {

namespace {

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

std::string_view query_of(std::string_view target) {
    const auto q = target.find('?');
    if (q == std::string_view::npos) return {};
    std::string_view query = target.substr(q + 1);
    if (const auto hash = query.find('#'); hash != std::string_view::npos) query = query.substr(0, hash);
    return query;
}

/// Calls `visit(name, value)` with each raw name=value pair of the query.
template <typename Visit>
void for_each_pair(std::string_view query, Visit&& visit) {
    while (!query.empty()) {
        const auto amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
        if (pair.empty()) continue;
        const auto eq = pair.find('=');
        if (!visit(pair.substr(0, eq), eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1))) return;
    }
}

}  // namespace

Request Request::get(std::string target) {
    Request r;
    r.target = std::move(target);
    return r;
}

std::string Request::path() const {
    std::string_view raw = target;
    if (const auto q = raw.find_first_of("?#"); q != std::string_view::npos) raw = raw.substr(0, q);
    if (raw.empty() || raw.front() != '/') return {};
    auto decoded = percent_decode(raw, false);
    if (!decoded || decoded->find('\0') != std::string::npos) return {};
    return std::move(*decoded);
}

std::string_view Request::header(std::string_view name) const {
    for (const auto& [key, value] : headers)
        if (iequals(key, name)) return value;
    return {};
}

std::optional<std::string> Request::param(std::string_view name) const {
    std::optional<std::string> found;
    for_each_pair(query_of(target), [&](std::string_view key, std::string_view value) {
        const auto decoded_key = percent_decode(key, true);
        if (!decoded_key || *decoded_key != name) return true;
        found = percent_decode(value, true).value_or(std::string(value));
        return false;
    });
    return found;
}

std::vector<std::pair<std::string, std::string>> Request::params() const {
    std::vector<std::pair<std::string, std::string>> out;
    for_each_pair(query_of(target), [&](std::string_view key, std::string_view value) {
        out.emplace_back(percent_decode(key, true).value_or(std::string(key)),
                         percent_decode(value, true).value_or(std::string(value)));
        return true;
    });
    return out;
}

Response Response::json(std::string body, int status) {
    Response r;
    r.status = status;
    r.body = std::move(body);
    return r;
}

Response Response::text(std::string body, std::string content_type, int status) {
    Response r;
    r.status = status;
    r.content_type = std::move(content_type);
    r.body = std::move(body);
    return r;
}

Response Response::error(int status, std::string_view message) {
    std::string body = "{\"error\":{\"status\":" + std::to_string(status) + ",\"message\":";
    append_json_string(body, message);
    body += "}}";
    return json(std::move(body), status);
}

std::string_view Response::header(std::string_view name) const {
    for (const auto& [key, value] : headers)
        if (iequals(key, name)) return value;
    return {};
}

std::string_view status_reason(long status) {
    switch (status) {
        case 200: return "OK";
        case 202: return "Accepted";
        case 204: return "No Content";
        case 300: return "Multiple Choices";
        case 301: return "Moved Permanently";
        case 302: return "Found";
        case 304: return "Not Modified";
        case 400: return "Bad Request";
        case 401: return "Unauthorized";
        case 403: return "Forbidden";
        case 404: return "Not Found";
        case 405: return "Method Not Allowed";
        case 406: return "Not Acceptable";
        case 408: return "Request Timeout";
        case 409: return "Conflict";
        case 410: return "Gone";
        case 413: return "Payload Too Large";
        case 414: return "URI Too Long";
        case 429: return "Too Many Requests";
        case 431: return "Request Header Fields Too Large";
        case 500: return "Internal Server Error";
        case 501: return "Not Implemented";
        case 502: return "Bad Gateway";
        case 503: return "Service Unavailable";
        case 504: return "Gateway Timeout";
        default: return {};
    }
}

bool equal_in_constant_time(std::string_view a, std::string_view b) {
    // Every byte of the longer one is looked at, whatever the contents.
    const std::size_t n = std::max(a.size(), b.size());
    unsigned difference = a.size() == b.size() ? 0u : 1u;
    for (std::size_t i = 0; i < n; ++i) {
        const unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
        const unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
        difference |= static_cast<unsigned>(x ^ y);
    }
    return difference == 0;
}

}  // namespace ernte::catalog::api
