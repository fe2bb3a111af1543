#pragma once
/// CKAN package dicts (package_show / package_search results) to the
/// normalized DCAT-AP.de record. The field-by-field mapping is documented in
/// docs/mapping.md.

#include "catalog/model.hpp"
#include "catalog/text.hpp"
#include "catalog/vocab.hpp"

#include <rapidjson/document.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
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
inline constexpr int normalizer_version = 9;

/// Most distributions and keywords kept per record; the rest is dropped with a Note.
inline constexpr std::size_t max_distributions = 1000;
inline constexpr std::size_t max_keywords = 1000;

/// Prefix of the predicate under which unknown CKAN extras and fields are
/// kept: "urn:ckan:extra:" + key.
inline constexpr std::string_view ckan_extra_predicate = "urn:ckan:extra:";

/// Normalize one CKAN package dict.
NormalizeResult normalize_ckan_package(const rapidjson::Value& package, const Vocabularies& vocab,
                                       const NormalizeContext& context);

// ---------------------------------------------------------------- shared rules

/// An absolute http(s) IRI without characters an IRI may not contain.
bool is_http_iri(std::string_view value);
/// Whether an unmapped theme (`themes_original`) is written on export: an
/// IRI is, theme text (such as a CKAN group name) has no IRI to write.
bool is_written_theme(std::string_view original);
/// The dcat:theme IRIs of a record: its EU data themes, then the unmapped
/// themes that are written (is_written_theme).
std::vector<std::string> theme_iris(const model::Dataset& d);
/// A URL written with whitespace, repaired: spaces percent-encoded (%20),
/// tabs and line breaks removed. Text without whitespace comes back as it is.
std::string encode_url_whitespace(std::string_view url);
/// An e-mail address without a leading "mailto:" (trimmed).
std::string strip_mailto(std::string_view email);
/// A telephone number without a leading "tel:" (trimmed).
std::string strip_tel(std::string_view telephone);

/// Descriptions as plain text: HTML or Markdown converted, otherwise "\r"
/// removed and trimmed; empty ones dropped. The first original that was HTML
/// or Markdown is stored in `original` when it is given and still empty.
std::vector<model::LangString> plain_descriptions(std::vector<model::LangString> values, std::string* original);

/// A number of bytes from text ("12323", "12323.0"); nullopt with `problem`
/// set for negatives, fractions and anything else.
std::optional<std::uint64_t> parse_byte_size(std::string_view text, std::string& problem);

/// The SPDX checksum-algorithm IRI for a name ("SHA-256", "md5"), or empty.
std::string checksum_algorithm_iri(std::string_view name);

/// The value rules both normalizers apply (CKAN fields and DCAT RDF values),
/// so that one fact becomes the same model value with the same Note whichever
/// protocol delivered it. Notes go to the vector given at construction.
class ValueMapper {
public:
    ValueMapper(const Vocabularies& vocab, std::vector<model::Note>& notes) : m_vocab(vocab), m_notes(notes) {}

    const Vocabularies& vocab() const { return m_vocab; }
    void note(std::string field, std::string message, std::string original);

    /// ISO 8601 for a delivered date (Note when rewritten); nullopt with a
    /// Note when it is not a date.
    std::optional<std::string> date(std::string_view raw, std::string_view field);
    /// The licence from candidates (source, value) in order of preference: the
    /// first that maps to the dcat-ap.de list wins; if none does, the first is
    /// kept as unknown. Notes as documented in docs/mapping.md.
    model::Licence licence(const std::vector<std::pair<std::string, std::string>>& candidates, const std::string& field);
    /// EU language IRI, or nullopt with a Note.
    std::optional<std::string> language(std::string_view value, std::string_view field);
    /// EU frequency IRI into `iri` (an unknown IRI as given), the value into `original`.
    void frequency(std::string_view value, std::string& iri, std::string& original);
    /// Contributor-ID IRI from the list (Note when rewritten), an unknown http
    /// IRI as given (Note), nullopt for anything else (Note).
    std::optional<std::string> contributor_id(std::string_view value);
    /// dcat-ap.de political geocoding level IRI; an unknown IRI as given (Note); nullopt for text (Note).
    std::optional<std::string> geocoding_level(std::string_view value);
    /// EU access-right IRI; an unknown IRI as given (Note). Text is kept as a
    /// dct:accessRights literal in `extra` (Note) and nullopt returned.
    std::optional<std::string> access_right(std::string_view value, std::vector<model::ExtraProperty>& extra);
    /// EU distribution-status IRI (Note when an ADMS status was rewritten).
    std::optional<std::string> distribution_status(std::string_view value, std::string_view field);
    /// EU planned-availability IRI.
    std::optional<std::string> availability(std::string_view value, std::string_view field);
    /// dcat:compressFormat / dcat:packageFormat: an IRI as given, else an IANA media-type IRI, else empty (Note).
    std::string media_type_iri(std::string_view value, std::string_view field);
    /// Format and media type of a distribution from the delivered values
    /// (either may be absent): EU file type, IANA media type, originals kept,
    /// a missing format, or one that is no EU file type, derived from the
    /// media type or the URLs' extension.
    void format(model::Distribution& dist, const std::optional<std::string>& format,
                const std::optional<std::string>& media_type, const std::string& field_prefix);
    /// A checksum from its value (possibly "md5:..."), and an algorithm IRI or
    /// name when given; a missing algorithm is inferred from a hex value's length.
    model::Checksum checksum(std::string_view value, const std::optional<std::string>& algorithm,
                             const std::string& field);

private:
    const Vocabularies& m_vocab;
    std::vector<model::Note>& m_notes;
};

}  // namespace ernte::catalog
