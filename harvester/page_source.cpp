#include "harvester/page_source.hpp"

#include "catalog/hash.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include <xxhash.h>

namespace ernte::harvester {

bool PageSource::first_sighting(std::string_view key) {
    return m_seen.insert(XXH3_64bits(key.data(), key.size())).second;
}

void add_page_warning(PageBatch& batch, std::string_view source, std::string place, std::string message,
                      std::string_view value) {
    spdlog::warn("{}: page {} ({}){}: {}", source, batch.number, batch.url, place.empty() ? "" : " at " + place,
                 message);
    catalog::ErrorRow row;
    row.stage = "warning";
    row.url = batch.url;
    row.place = std::move(place);
    row.message = fmt::format("{}: {}", source, message);
    row.fragment = error_fragment(value);
    batch.warnings.push_back(std::move(row));
}

FetchedPage fetch_listing_page(const PageSourceContext& context, const std::string& url, std::int64_t page,
                               ContentKind expect) {
    FetchedPage fetched;
    fetched.memo = context.reader->page_memo(context.source_id, url);
    struct MemoCache final : ValidatorCache {
        std::optional<Validators> found;
        std::optional<Validators> lookup(const std::string&) override { return found; }
        void remember(const std::string&, const Validators&) override {}
    } cache;
    if (fetched.memo && (!fetched.memo->etag.empty() || !fetched.memo->last_modified.empty()))
        cache.found = Validators{fetched.memo->etag, fetched.memo->last_modified};

    FetchRequest request;
    request.url = url;
    request.expect = expect;
    request.conditional = cache.found.has_value();
    try {
        fetched.response = context.fetcher->get(request, &cache);
    } catch (const FetchError& e) {
        throw ListingError("fetch", url, fmt::format("page {}", page),
                           fmt::format("{}: page {} could not be fetched: {}", context.source->name, page, e.what()));
    }
    if (fetched.response.not_modified && !fetched.memo) {
        throw ListingError("fetch", url, fmt::format("page {}", page),
                           fmt::format("{}: page {} answered 304 Not Modified to an unconditional request",
                                       context.source->name, page));
    }
    return fetched;
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
