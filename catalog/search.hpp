#pragma once
/// Searching the catalogue: full text over titles, descriptions and keywords,
/// filters on the fields a CKAN portal filters by, sorting, paging and counts
/// per value (facets). The Store answers a SearchQuery from indexed rows kept
/// with every catalogue record (migration 006); the CKAN action API
/// (package_search) and the dashboard's search page both ask through it.
/// Withdrawn datasets are never found; deprecated ones are.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ernte::catalog {

/// A field datasets can be filtered and counted by, named as CKAN names it.
enum class SearchField {
    organization,  ///< the publisher's organization name (ckan_organization_name)
    tags,          ///< a tag (ckan_tags)
    res_format,    ///< a resource format (ckan_resource_format)
    license_id,    ///< the package's license_id
    groups,        ///< an EU theme group name ("soci")
    name,          ///< the package name
    id,            ///< the package id
    /// The MQA rating band of the dataset's current assessment ("excellent",
    /// "good", "sufficient", "bad"); datasets not assessed have none.
    rating,
};
std::string_view to_string(SearchField field);
/// The field CKAN calls `name`; nullopt for any other name.
std::optional<SearchField> search_field_from_string(std::string_view name);

/// One filter: datasets whose field has (or, negated, has not) the value.
struct SearchFilter {
    SearchField field = SearchField::name;
    std::string value;
    bool negate = false;

    bool operator==(const SearchFilter&) const = default;
};

/// What results can be sorted by.
enum class SortField { score, metadata_modified, metadata_created, name, title, id };

struct SortKey {
    SortField field = SortField::score;
    bool descending = true;

    bool operator==(const SortKey&) const = default;
};

/// A search. Every part is optional; the default finds every dataset, newest
/// change first, ten at a time.
struct SearchQuery {
    /// Words to find in title, description and keywords (all of them, each
    /// also as the start of a longer word); a word may be a "quoted phrase";
    /// "OR" between two words finds either. Empty: every dataset.
    std::string text;
    std::vector<SearchFilter> filters;  ///< all must hold
    /// Only datasets whose catalogue record changed in this range (ISO 8601
    /// UTC, both ends inclusive, either end open).
    std::optional<std::string> modified_from;
    std::optional<std::string> modified_to;
    /// Empty: score descending, then metadata_modified descending. Ties are
    /// always broken by the catalogue id, so pages do not overlap.
    std::vector<SortKey> sort;
    std::int64_t start = 0;
    std::int64_t rows = 10;
    std::vector<SearchField> facet_fields;  ///< fields to count values of
    std::int64_t facet_limit = 50;          ///< values per field, most frequent first; negative: all
};

/// A value of a field with the number of datasets having it.
struct FacetCount {
    std::string name;
    std::string title;  ///< organizations: the publisher's name; else empty
    std::int64_t count = 0;

    bool operator==(const FacetCount&) const = default;
};

struct SearchResult {
    std::int64_t count = 0;                     ///< every dataset found
    std::vector<std::int64_t> dataset_ids;      ///< the page asked for, in order
    std::vector<std::pair<SearchField, std::vector<FacetCount>>> facets;  ///< per facet field asked for
};

/// Text as the search index keeps it and queries are matched against it:
/// German umlauts and ß written out (ä -> ae, Ö -> Oe, ß -> ss), so that
/// "Strasse" finds "Straße" and "Baeume" finds "Bäume". Case and other
/// diacritics are left to the index (unicode61, remove_diacritics 2).
std::string search_fold(std::string_view text);

/// The FTS5 query for a SearchQuery::text: folded words, each quoted and a
/// prefix, joined by AND (or OR where the text says so). Characters the index
/// does not keep within words separate them. Empty when the text has no words.
std::string search_match_expression(std::string_view text);

}  // namespace ernte::catalog
