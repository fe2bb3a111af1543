#pragma once
/// DCAT-AP feeds: RDF pages (RDF/XML, Turtle, N-Triples, JSON-LD) linked by
/// Hydra paging, read one page at a time into records.

#include "catalog/rdf.hpp"
#include "harvester/page_source.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace ernte::harvester {

/// The paging a feed page announces, in either Hydra vocabulary: the older
/// hydra:PagedCollection (nextPage, lastPage, itemsPerPage, totalItems) or
/// the current hydra:PartialCollectionView (next, last) with totalItems on the
/// collection.
struct HydraPaging {
    std::string next;                ///< absolute URL of the next page; empty on the last page
    std::string last;                ///< absolute URL of the last page, when given
    std::int64_t total_items = -1;   ///< -1 unknown
    std::int64_t items_per_page = -1;
};

/// Read the paging statements of one page (relative URLs resolved against
/// `page_url`).
HydraPaging read_hydra_paging(const catalog::rdf::Graph& graph, std::string_view page_url);

/// The syntax a source's `format` setting names (auto: unknown).
catalog::rdf::Syntax configured_syntax(std::string_view format);

/// The first page's URL: the configured feed URL, with `modified_since` for
/// incremental runs (the ckanext-dcat convention; feeds that do not know it
/// answer with everything).
std::string dcat_first_page_url(std::string_view feed_url, std::string_view modified_since);

/// The base IRI of a page fetched from `page_url`: the URL without the
/// `modified_since` parameter of this run, so that relative IRIs name the
/// same resources in full and incremental runs.
std::string dcat_base_iri(std::string_view page_url, std::string_view modified_since);

/// Lists a DCAT feed page by page (see PageSource). Paging that loops (a next
/// page already read, a page identical to an earlier one, two pages in a row
/// with nothing new) or runs past what totalItems allows fails the listing,
/// so the run deletes nothing.
class DcatPageSource final : public PageSource {
public:
    explicit DcatPageSource(PageSourceContext context);
    std::optional<PageBatch> next() override;
    std::int64_t expected_total() const override { return m_total; }
    std::int64_t expected_pages() const override;

private:
    /// What one page held, for the paging checks.
    struct PageCount {
        std::int64_t datasets = 0;  ///< dcat:Dataset resources (not services or series)
        std::int64_t fresh = 0;     ///< resources no earlier page listed
    };
    PageBatch process_page(const std::string& url, const std::string& body_hash,
                           const catalog::rdf::Graph& graph, const std::vector<catalog::rdf::Warning>& warnings,
                           PageCount& count);
    void check_page_bound(const std::string& url) const;
    /// Takes the page's paging into account. When the paging loops, the
    /// ListingError is kept for the next call of next(): the page that named
    /// the loop is stored first, as every page before it.
    void follow(const std::string& next_url, std::int64_t total, std::int64_t per_page, std::int64_t fresh);

    PageSourceContext m_ctx;
    std::string m_next_url;
    std::int64_t m_page = 0;
    std::int64_t m_total = -1;
    std::int64_t m_per_page = -1;
    std::unordered_map<std::string, std::int64_t> m_read_urls;  ///< URL -> page number
    std::unordered_map<std::string, std::int64_t> m_page_by_hash;  ///< body hash -> page number
    std::int64_t m_pages_without_new = 0;  ///< pages in a row that listed nothing new
    bool m_done = false;
    std::optional<ListingError> m_loop;  ///< found by follow(), thrown by the next call of next()
};

}  // namespace ernte::harvester
