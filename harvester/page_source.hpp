#pragma once
/// What a protocol harvester (CKAN, DCAT) hands to a harvest run: one page of
/// normalized records at a time, so memory does not grow with the catalogue.

#include "catalog/normalize.hpp"
#include "catalog/store.hpp"
#include "harvester/config.hpp"
#include "harvester/fetch.hpp"

#include <atomic>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_set>
#include <vector>

namespace ernte::harvester {

/// The listing of a source cannot go on: a page could not be fetched or
/// parsed, or the paging is broken (loops, more pages than announced). The
/// run fails and deletes nothing.
class ListingError : public std::runtime_error {
public:
    ListingError(std::string stage, std::string url, std::string place, const std::string& message)
        : std::runtime_error(message), m_stage(std::move(stage)), m_url(std::move(url)), m_place(std::move(place)) {}
    const std::string& stage() const { return m_stage; }  ///< "fetch" or "parse"
    const std::string& url() const { return m_url; }
    const std::string& place() const { return m_place; }

private:
    std::string m_stage;
    std::string m_url;
    std::string m_place;
};

/// One page, ready to be stored.
struct PageBatch {
    std::string url;
    std::int64_t number = 0;                       ///< 1-based
    std::vector<catalog::SourceRecord> records;    ///< records to upsert
    std::vector<std::string> seen_keys;            ///< keys to mark seen without rewriting (unchanged page, failed records)
    std::vector<catalog::ErrorRow> errors;         ///< per-record errors
    std::vector<catalog::ErrorRow> warnings;       ///< what the page got wrong that was read anyway (stage "warning")
    std::optional<catalog::PageMemo> memo;         ///< remembered once the page is stored; absent when it had errors
    std::int64_t listed = 0;                       ///< records the page listed
    bool unchanged = false;                        ///< the page was not modified since it was last stored
};

/// Everything a page source needs.
struct PageSourceContext {
    const SourceConfig* source = nullptr;
    std::int64_t source_id = 0;
    Fetcher* fetcher = nullptr;
    const catalog::Vocabularies* vocab = nullptr;
    catalog::Store* reader = nullptr;  ///< a connection of the listing thread, for page memos
    std::string modified_since;        ///< incremental runs: ISO 8601 UTC; empty for full runs
    std::string hash_salt;             ///< mixed into page and record hashes (mapping version, vocabularies)
    std::int64_t max_pages = 100000;   ///< hard bound on pages per run
};

/// Lists a source page by page. next() runs on the listing thread; it throws
/// ListingError when the listing cannot go on.
class PageSource {
public:
    virtual ~PageSource() = default;
    /// The next page, or nullopt when the listing is complete.
    virtual std::optional<PageBatch> next() = 0;
    /// Records the source announced (-1 unknown).
    virtual std::int64_t expected_total() const = 0;
    /// Pages expected (0 unknown), for progress.
    virtual std::int64_t expected_pages() const = 0;
    /// Why the listing, though complete, must not be used to delete (e.g. the
    /// source's count changed while paging). Empty when deletions are safe.
    const std::string& deletion_veto() const { return m_deletion_veto; }

protected:
    /// Remember a key; false when the run has seen it already (datasets move
    /// between pages while a portal is paged). Keeps a 64-bit hash per key, so
    /// a listing of 100,000 datasets costs about 3 MB.
    bool first_sighting(std::string_view key);
    std::string m_deletion_veto;

private:
    std::unordered_set<std::uint64_t> m_seen;
};

/// A page fetched for a listing: the answer, and the memo of the page's last
/// stored visit (its validators made the request conditional).
struct FetchedPage {
    FetchResponse response;
    std::optional<catalog::PageMemo> memo;
};

/// GET one page of a listing, conditionally when a memo of its last visit has
/// validators. A failed fetch, or a 304 to an unconditional request, throws
/// ListingError naming the source, page number and URL.
FetchedPage fetch_listing_page(const PageSourceContext& context, const std::string& url, std::int64_t page,
                               ContentKind expect);

/// The hash of a record's source bytes under the current mapping.
std::string record_hash(std::string_view raw, const std::string& salt);

/// Note what a page got wrong but was read anyway: logged, and kept with the
/// run as an error row of stage "warning", which does not make the run partial.
/// `value` is the offending text as written (kept as the row's fragment).
void add_page_warning(PageBatch& batch, std::string_view source, std::string place, std::string message,
                      std::string_view value);

/// Truncate a fragment kept with an error row (bytes, on a UTF-8 boundary).
std::string error_fragment(std::string_view text, std::size_t max_bytes = 4096);

/// Line and column (1-based) of a byte offset in a text.
std::pair<std::size_t, std::size_t> line_column(std::string_view text, std::size_t offset);

}  // namespace ernte::harvester
