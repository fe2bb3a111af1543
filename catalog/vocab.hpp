#pragma once
/// Controlled vocabularies (EU authority tables, dcat-ap.de lists, IANA media
/// types) and the look-ups that turn what portals write into vocabulary IRIs.

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace ernte::catalog {

/// A vocabulary file is missing or malformed. The message names the file and
/// says what is wrong; start-up stops on it.
class VocabError : public std::runtime_error {
public:
    VocabError(std::string file, const std::string& what);
    /// The file name (relative to the vocabulary directory) that failed.
    const std::string& file() const noexcept { return m_file; }

private:
    std::string m_file;
};

/// The result of mapping a licence as delivered to the dcat-ap.de list.
struct LicenceMatch {
    /// dcat-ap.de licence IRI when known; otherwise the delivered value if it
    /// is an absolute http(s) IRI; otherwise empty.
    std::string iri;
    bool known = false;  ///< iri is in the dcat-ap.de licence list
};

/// How many entries each vocabulary holds (concepts, not look-up keys).
struct VocabularyCounts {
    std::size_t themes = 0;
    std::size_t file_types = 0;
    std::size_t frequencies = 0;
    std::size_t licences = 0;
    std::size_t open_licences = 0;
    std::size_t contributors = 0;
    std::size_t media_types = 0;
    std::size_t languages = 0;
    std::size_t access_rights = 0;
    std::size_t availabilities = 0;
    std::size_t distribution_statuses = 0;
    std::size_t geocoding_levels = 0;
    std::size_t aliases = 0;
    std::size_t edp_licences = 0;              ///< IRIs described in the MQA licence list
    std::size_t non_proprietary_formats = 0;   ///< EU file types the MQA counts as non-proprietary
    std::size_t machine_readable_formats = 0;  ///< EU file types the MQA counts as machine-readable
};

/// Controlled vocabularies loaded from files at start-up (schemas/vocab), so
/// an office can update a list without a new release. Cheap to copy (shared,
/// immutable); look-ups are hash-map finds on a normalized key (trimmed,
/// case-folded, dashes and whitespace unified; for IRIs also without scheme,
/// "www." and trailing slash).
class Vocabularies {
public:
    /// Load every vocabulary file from dir. Throws VocabError naming the file.
    static Vocabularies load(const std::filesystem::path& dir);

    /// Map a licence as delivered: CKAN ids (dl-de-by-2.0, cc-by-4.0, odc-odbl),
    /// dcat-ap.de IRIs in every variant (http/https, www., 2_0 for 2.0,
    /// trailing slash), govdata.de and creativecommons.org URLs, and the free
    /// text names of the licences.
    LicenceMatch map_licence(std::string_view original) const;
    /// iri is a licence of the dcat-ap.de list (any variant of its IRI).
    bool is_known_licence(std::string_view iri) const;
    /// govdata:isOpenLicense of a dcat-ap.de licence IRI (false when unknown).
    bool is_open_licence(std::string_view iri) const;

    /// EU data theme IRI for a theme IRI, code (ECON, econ), label in any EU
    /// language ("Wirtschaft und Finanzen") or old German OGD category.
    std::optional<std::string> map_theme(std::string_view value) const;
    /// All EU data themes a value stands for: an old OGD category can map to
    /// two ("bildung_wissenschaft" is EDUC and TECH).
    std::vector<std::string> map_themes(std::string_view value) const;
    /// EU file-type IRI for a file-type IRI, code, file extension, media type
    /// or label.
    std::optional<std::string> map_format(std::string_view value) const;
    /// map_format without a copy: a view of the IRI in the vocabulary, or
    /// empty.
    std::string_view find_format(std::string_view value) const;
    /// IANA media-type IRI for a media type ("text/csv; charset=utf-8") or
    /// media-type IRI.
    std::optional<std::string> map_media_type(std::string_view value) const;
    /// EU frequency IRI for a frequency IRI, code, label ("monatlich",
    /// "monthly") or an old CKAN or ISO 19115 update cycle.
    std::optional<std::string> map_frequency(std::string_view value) const;
    /// EU language IRI (.../language/DEU) for ISO 639-1/-2 codes ("de",
    /// "ger", "de-DE"), EU language IRIs and other language IRIs ending in a code.
    std::optional<std::string> map_language(std::string_view value) const;
    /// The BCP 47 tag ("de") for an EU language IRI, for literal language tags.
    std::optional<std::string> language_tag(std::string_view language_iri) const;
    /// EU access-right IRI for an IRI or code (PUBLIC).
    std::optional<std::string> map_access_right(std::string_view value) const;
    /// EU planned-availability IRI for an IRI or code (STABLE).
    std::optional<std::string> map_availability(std::string_view value) const;
    /// EU distribution-status IRI for an IRI, code or ADMS status IRI.
    std::optional<std::string> map_distribution_status(std::string_view value) const;
    /// dcat-ap.de political geocoding level IRI for an IRI or level name.
    std::optional<std::string> map_geocoding_level(std::string_view value) const;

    /// iri is a dcatde:contributorID of the list (any IRI variant).
    bool is_contributor_id(std::string_view iri) const;
    /// Canonical contributor-ID IRI for an IRI variant or a bare id
    /// ("openNRW").
    std::optional<std::string> map_contributor_id(std::string_view value) const;

    /// iri is a concept of the EU file-type list (any IRI variant; codes,
    /// extensions and media types are not IRIs of the list).
    bool is_file_type(std::string_view iri) const;
    /// iri is a media type of the IANA list (any IRI variant).
    bool is_media_type(std::string_view iri) const;
    /// iri is a concept of the EU access-right list (any IRI variant).
    bool is_access_right(std::string_view iri) const;

    // The lists of data.europa.eu's metadata quality assessment (MQA),
    // used by catalog/quality.

    /// iri is a licence the MQA knows (edp-licences-skos.rdf): a resource the
    /// list describes, or an IRI it declares the same (skos:exactMatch,
    /// owl:sameAs); compared like licences (http/https, www., trailing slash,
    /// creativecommons.org legalcode pages).
    bool is_edp_licence(std::string_view iri) const;
    /// The EU file type is non-proprietary (edp-non-proprietary-format.rdf).
    bool is_non_proprietary_format(std::string_view file_type) const;
    /// The EU file type is machine-readable (edp-machine-readable-format.rdf).
    bool is_machine_readable_format(std::string_view file_type) const;
    /// The IANA media-type IRI of an EU file type (its first media type in
    /// the file-type list that the IANA list has), for suggesting a value.
    std::optional<std::string> media_type_for_format(std::string_view file_type) const;

    /// Content hash of the files the normalizer maps against (not the MQA
    /// lists); changes when such a list changes, so records mapped with an
    /// older list can be found and re-normalized.
    std::string fingerprint() const;
    /// Sizes of the loaded vocabularies.
    VocabularyCounts counts() const;

    struct Data;

private:
    explicit Vocabularies(std::shared_ptr<const Data> data);
    /// find_format by the value's key (the look-up find_format saves for
    /// the IRIs it knows).
    std::string_view format_by_key(std::string_view value) const;
    std::shared_ptr<const Data> m_data;
};

/// The normalized look-up key of a vocabulary value: trimmed, whitespace runs
/// collapsed, Latin letters case-folded, Unicode dashes as "-", and for
/// http(s) IRIs without scheme, leading "www." and trailing "/" or "#".
std::string vocab_key(std::string_view value);

}  // namespace ernte::catalog
