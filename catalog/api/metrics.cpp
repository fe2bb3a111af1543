#include "catalog/api/metrics.hpp"

#include <fmt/format.h>

namespace ernte::catalog::api {

void Metrics::observe(std::string_view route, int status, std::chrono::duration<double> latency) {
    const double seconds = latency.count();
    std::lock_guard lock(m_mutex);
    auto it = m_routes.find(route);
    if (it == m_routes.end()) it = m_routes.emplace(std::string(route), RouteStats{}).first;
    RouteStats& r = it->second;
    ++r.by_status[status];
    for (std::size_t i = 0; i < k_buckets.size(); ++i)
        if (seconds <= k_buckets[i]) ++r.buckets[i];
    ++r.count;
    r.sum += seconds;
}

std::uint64_t Metrics::requests(std::string_view route, int status) const {
    std::lock_guard lock(m_mutex);
    const auto it = m_routes.find(route);
    if (it == m_routes.end()) return 0;
    const auto count = it->second.by_status.find(status);
    return count == it->second.by_status.end() ? 0 : count->second;
}

std::string Metrics::render() const {
    std::lock_guard lock(m_mutex);
    std::string out;
    out += "# HELP ernte_http_requests_total HTTP requests answered, by route and status.\n";
    out += "# TYPE ernte_http_requests_total counter\n";
    for (const auto& [route, r] : m_routes) {
        const std::string label = prometheus_label(route);
        for (const auto& [status, count] : r.by_status) {
            out += fmt::format("ernte_http_requests_total{{route=\"{}\",status=\"{}\"}} {}\n", label, status, count);
        }
    }
    out += "# HELP ernte_http_request_duration_seconds Time from a request read to its response ready, by route.\n";
    out += "# TYPE ernte_http_request_duration_seconds histogram\n";
    for (const auto& [route, r] : m_routes) {
        const std::string label = prometheus_label(route);
        for (std::size_t i = 0; i < k_buckets.size(); ++i) {
            out += fmt::format("ernte_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n", label,
                               k_buckets[i], r.buckets[i]);
        }
        out += fmt::format("ernte_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n", label,
                           r.count);
        out += fmt::format("ernte_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", label, r.sum);
        out += fmt::format("ernte_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", label, r.count);
    }
    return out;
}

std::string prometheus_label(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        if (c == '\\') out += "\\\\";
        else if (c == '"') out += "\\\"";
        else if (c == '\n') out += "\\n";
        else out += c;
    }
    return out;
}

}  // namespace ernte::catalog::api
