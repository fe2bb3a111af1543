#include "harvester/page_source.hpp"

#include "catalog/hash.hpp"

#include <algorithm>

#include <xxhash.h>

namespace ernte::harvester {

bool PageSource::first_sighting(std::string_view key) {
    return m_seen.insert(XXH3_64bits(key.data(), key.size())).second;
}

std::string record_hash(std::string_view raw, const std::string& salt) {
    catalog::ContentHasher hasher;
    hasher.update(salt);
    hasher.update(raw);
    return hasher.hex();
}

std::string error_fragment(std::string_view text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) return std::string(text);
    std::size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return std::string(text.substr(0, cut)) + "…";
}

std::pair<std::size_t, std::size_t> line_column(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    std::size_t line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++line;
            line_start = i + 1;
        }
    }
    // Columns count characters, not bytes.
    std::size_t column = 1;
    for (std::size_t i = line_start; i < offset; ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
    return {line, column};
}

}  // namespace ernte::harvester
