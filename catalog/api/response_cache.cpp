#include "catalog/api/response_cache.hpp"

#include <functional>
#include <mutex>

namespace ernte::catalog::api {

namespace {

std::size_t size_of(const std::string& key, const Response& r) {
    std::size_t size = key.size() + r.body.size() + r.content_type.size() + 64;
    for (const auto& [name, value] : r.headers) size += name.size() + value.size();
    return size;
}

}  // namespace

ResponseCache::ResponseCache(std::size_t max_bytes) : m_max_bytes(max_bytes) {}

ResponseCache::Shard& ResponseCache::shard_of(const std::string& key) const {
    return m_shards[std::hash<std::string>{}(key) % k_shards];
}

std::optional<ResponseCache::Hit> ResponseCache::find(const std::string& key, std::uint64_t generation) const {
    if (m_max_bytes == 0) return std::nullopt;
    const Shard& shard = shard_of(key);
    std::shared_lock lock(shard.mutex);
    if (shard.generation != generation) return std::nullopt;
    const auto it = shard.entries.find(key);
    if (it == shard.entries.end()) return std::nullopt;
    ++m_hits;
    return Hit{it->second.response, it->second.route};
}

void ResponseCache::keep(const std::string& key, std::uint64_t generation, Response response,
                         std::string_view route) {
    const std::size_t size = size_of(key, response);
    const std::size_t share = m_max_bytes / k_shards;
    if (size > m_max_bytes / 64) return;  // also every answer when the cache has no memory
    Shard& shard = shard_of(key);
    std::unique_lock lock(shard.mutex);
    if (generation < shard.generation) return;  // made from a catalogue older than what is kept
    if (generation > shard.generation || shard.bytes + size > share) {
        shard.entries.clear();
        shard.bytes = 0;
        shard.generation = generation;
    }
    auto [it, added] = shard.entries.try_emplace(key);
    if (!added) shard.bytes -= size_of(key, *it->second.response);
    it->second.response = std::make_shared<const Response>(std::move(response));
    it->second.route = std::string(route);
    shard.bytes += size;
}

std::size_t ResponseCache::entries() const {
    std::size_t n = 0;
    for (const auto& shard : m_shards) {
        std::shared_lock lock(shard.mutex);
        n += shard.entries.size();
    }
    return n;
}

std::size_t ResponseCache::bytes() const {
    std::size_t n = 0;
    for (const auto& shard : m_shards) {
        std::shared_lock lock(shard.mutex);
        n += shard.bytes;
    }
    return n;
}

}  // namespace ernte::catalog::api
