#pragma once
/// Request metrics of the API in the Prometheus text format: requests by
/// route and status, and a latency histogram per route. Routes are the
/// endpoint templates ("/dataset/{id}"), so the number of series stays bounded
/// whatever clients ask for.

#include <array>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <cstdint>

namespace ernte::catalog::api {

class Metrics {
public:
    /// Upper bounds of the latency histogram's buckets, in seconds.
    static constexpr std::array<double, 11> k_buckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                         0.1,   0.25,   0.5,   1.0,  2.5};

    /// Count one answered request.
    void observe(std::string_view route, int status, std::chrono::duration<double> latency);

    /// ernte_http_requests_total and ernte_http_request_duration_seconds in the
    /// Prometheus text exposition format (with HELP and TYPE lines).
    std::string render() const;

    /// The number of requests counted for a route and status (tests).
    std::uint64_t requests(std::string_view route, int status) const;

private:
    struct RouteStats {
        std::map<int, std::uint64_t> by_status;
        std::array<std::uint64_t, k_buckets.size()> buckets{};  ///< cumulative, as Prometheus has them
        std::uint64_t count = 0;
        double sum = 0.0;
    };
    mutable std::mutex m_mutex;
    std::map<std::string, RouteStats, std::less<>> m_routes;
};

/// `text` as a Prometheus label value: backslash, double quote and line feed escaped.
std::string prometheus_label(std::string_view text);

}  // namespace ernte::catalog::api
