#pragma once
/// Answers kept in the serving process until the catalogue changes: the CKAN
/// API, the feed pages and the datasets' RDF documents are pure functions of
/// the database (and of the request), so a second request for the same
/// address is answered without reading the database again. What "changed"
/// means is the Service's business (it counts a generation up whenever one
/// of its connections sees a write of another connection); the cache only
/// keeps answers per generation and forgets the older ones.

#include "catalog/api/http.hpp"

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace ernte::catalog::api {

/// Thread-safe. Memory stays under `max_bytes` (bodies and keys): an answer
/// larger than a sixty-fourth of it is not kept, and a part of the cache
/// that would grow past its share is emptied first.
class ResponseCache {
public:
    explicit ResponseCache(std::size_t max_bytes);

    /// A kept answer and the route it was answered by (for the metrics).
    struct Hit {
        std::shared_ptr<const Response> response;
        std::string route;
    };
    /// The answer kept for `key` in `generation`, if any.
    std::optional<Hit> find(const std::string& key, std::uint64_t generation) const;
    /// Keep `response` for `key`, made in `generation`; answers of an older
    /// generation than the one kept are dropped.
    void keep(const std::string& key, std::uint64_t generation, Response response, std::string_view route);

    std::size_t max_bytes() const { return m_max_bytes; }
    /// Answers kept now, and their bytes (for tests and /metrics).
    std::size_t entries() const;
    std::size_t bytes() const;
    /// Requests answered from the cache so far.
    std::int64_t hits() const { return m_hits.load(); }

private:
    static constexpr std::size_t k_shards = 16;
    struct Entry {
        std::shared_ptr<const Response> response;
        std::string route;
    };
    struct Shard {
        mutable std::shared_mutex mutex;
        std::uint64_t generation = 0;
        std::size_t bytes = 0;
        std::unordered_map<std::string, Entry> entries;
    };
    Shard& shard_of(const std::string& key) const;

    std::size_t m_max_bytes;
    mutable std::atomic<std::int64_t> m_hits{0};
    mutable std::array<Shard, k_shards> m_shards;
};

}  // namespace ernte::catalog::api
