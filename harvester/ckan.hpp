#pragma once
/// CKAN Action API harvesting: package_search paging with a stable sort,
/// incremental runs by metadata_modified, unchanged pages skipped.

#include "harvester/page_source.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ernte::harvester {

/// One package of a package_search page: its exact bytes in the page, and
/// the id and name read while scanning (empty when absent).
struct CkanPackageSlice {
    std::string_view raw;
    std::string id;
    std::string name;
    bool is_object = true;  ///< false: the results entry is not a JSON object
    std::size_t index = 0;  ///< position in `results`
};

/// The scan of one package_search answer.
struct CkanPageScan {
    bool ok = false;           ///< the document is JSON with the CKAN envelope
    std::string error;         ///< why not: a sentence naming what is wrong
    std::size_t line = 0;      ///< where (1-based), for JSON syntax errors
    std::size_t column = 0;
    bool success = false;      ///< the envelope's "success"
    std::string api_error;     ///< the envelope's error message when success is false
    std::int64_t count = -1;   ///< result.count
    std::vector<CkanPackageSlice> packages;
};

/// The deepest nesting of objects and arrays a package_search answer may
/// have (the envelope and a package take 5 levels; real extras a few more).
/// Deeper documents are refused before they are read, so that no reader
/// recurses into them.
inline constexpr std::size_t max_json_depth = 100;

/// Scan a package_search response without building a DOM of the whole page.
/// The slices point into `body`. A document nested deeper than
/// max_json_depth is not valid (error names the place).
CkanPageScan scan_package_search(std::string_view body);

/// The Action API base ("https://host/path/api/3/action") for a configured
/// CKAN URL, which may be the portal root or already end in /api/3[/action].
std::string ckan_action_base(std::string_view portal_url);

/// The portal root for dataset IRIs ("https://host/path").
std::string ckan_portal_root(std::string_view portal_url);

/// A package_search URL: stable sort by id, `rows` per page, starting at
/// `start`; with `modified_since` (ISO 8601 UTC) only datasets modified since.
std::string package_search_url(std::string_view action_base, int rows, std::int64_t start,
                               std::string_view modified_since);

/// Lists a CKAN portal page by page (see PageSource).
class CkanPageSource final : public PageSource {
public:
    explicit CkanPageSource(PageSourceContext context);
    std::optional<PageBatch> next() override;
    std::int64_t expected_total() const override { return m_count_first; }
    std::int64_t expected_pages() const override;

private:
    PageBatch process_page(const std::string& url, const std::string& body_hash, const CkanPageScan& scan);

    PageSourceContext m_ctx;
    std::string m_action_base;
    std::int64_t m_start = 0;
    std::int64_t m_page = 0;
    std::int64_t m_count_first = -1;
    std::int64_t m_count_last = -1;
    std::string m_previous_body_hash;
    bool m_done = false;
};

}  // namespace ernte::harvester
