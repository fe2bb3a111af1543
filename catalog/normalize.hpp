#pragma once
/// CKAN package dicts (package_show / package_search results) to the
/// normalized DCAT-AP.de record. The field-by-field mapping is documented in
/// docs/mapping.md.

#include "catalog/model.hpp"
#include "catalog/text.hpp"
#include "catalog/vocab.hpp"

#include <rapidjson/document.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ernte::catalog {

/// What the normalizer needs to know about the source a package came from.
struct NormalizeContext {
    std::string source_name;  ///< config name of the source, e.g. "moers"
    /// CKAN base URL, e.g. "https://www.offenesdatenportal.de": dataset IRIs
    /// and relative resource URLs are built from it.
    std::string portal_url;
    /// dcatde:contributorID IRIs used when a package has none.
    std::vector<std::string> default_contributor_ids;
};

/// The normalized dataset, or why the package could not become one at all.
/// Everything short of that (wrong types, unknown values) is a Note inside
/// the dataset, never an error.
struct NormalizeResult {
    std::optional<model::Dataset> dataset;
    std::string error;  ///< why the package could not become a dataset at all
};

/// Bump when the mapping changes so stored records are re-normalized.
inline constexpr int normalizer_version = 1;

/// Most distributions and keywords kept per record; the rest is dropped with a Note.
inline constexpr std::size_t max_distributions = 1000;
inline constexpr std::size_t max_keywords = 1000;

/// Prefix of the predicate under which unknown CKAN extras and fields are
/// kept: "urn:ckan:extra:" + key.
inline constexpr std::string_view ckan_extra_predicate = "urn:ckan:extra:";

/// Normalize one CKAN package dict.
NormalizeResult normalize_ckan_package(const rapidjson::Value& package, const Vocabularies& vocab,
                                       const NormalizeContext& context);

}  // namespace ernte::catalog
