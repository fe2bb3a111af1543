#include "catalog/hash.hpp"

#include <xxhash.h>

#include <cstdio>
#include <new>

namespace ernte::catalog {

namespace {
std::string to_hex(XXH128_hash_t h) {
    char buf[33];
    std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                  static_cast<unsigned long long>(h.low64));
    return {buf, 32};
}
}  // namespace

std::string content_hash(std::string_view bytes) {
    return to_hex(XXH3_128bits(bytes.data(), bytes.size()));
}

ContentHasher::ContentHasher() : m_state(XXH3_createState()) {
    if (!m_state) throw std::bad_alloc();
    XXH3_128bits_reset(static_cast<XXH3_state_t*>(m_state));
}

ContentHasher::~ContentHasher() { XXH3_freeState(static_cast<XXH3_state_t*>(m_state)); }

void ContentHasher::update(std::string_view bytes) {
    XXH3_128bits_update(static_cast<XXH3_state_t*>(m_state), bytes.data(), bytes.size());
}

std::string ContentHasher::hex() const {
    return to_hex(XXH3_128bits_digest(static_cast<const XXH3_state_t*>(m_state)));
}

}  // namespace ernte::catalog
