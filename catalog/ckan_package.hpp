#pragma once
/// The normalized record as a CKAN package dict (package_show, package_search,
/// package_create/update), with the DCAT-AP.de fields as the extras of
/// ckanext-dcatde, so that a CKAN harvester reading ernte, or a CKAN ernte
/// pushes to, gets the whole dataset. The inverse of catalog/normalize.hpp;
/// the mapping is documented in docs/ckan-api.md.

#include "catalog/model.hpp"
#include "catalog/vocab.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstddef>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ernte::catalog {

/// The writer package dicts are written to: the caller owns it, so a dict can
/// sit inside an API envelope or a list of search results without a copy.
using CkanJsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

/// A licence of the dcat-ap.de list as CKAN's licence register shows it
/// (license_list, and license_id/license_title/license_url of a package).
struct CkanLicence {
    std::string id;     ///< the dcat-ap.de licence IRI, as GovData's CKAN names licences
    std::string title;  ///< German label of the list
    std::string url;    ///< the licence text (foaf:homepage)
    bool open = false;  ///< govdata:isOpenLicense (CKAN's isopen)
};

/// An EU data theme as a CKAN group: GovData's convention of one group per
/// theme, named by the lowercase theme code.
struct CkanGroup {
    std::string iri;    ///< EU data theme IRI
    std::string name;   ///< "soci", "envi" ...
    std::string title;  ///< German label of the theme
};

/// What a CKAN API shows of the vocabularies: the licence register and the
/// theme groups, with their titles (which catalog/vocab does not keep).
/// Loaded once at start-up; look-ups are hash-map finds.
class CkanVocabulary {
public:
    /// Reads dcat-ap-de-licenses.rdf and eu-data-theme.rdf from `dir` (the
    /// directory Vocabularies::load read). Throws VocabError naming the file.
    static CkanVocabulary load(const std::filesystem::path& dir, const Vocabularies& vocab);

    /// The licence for a dcat-ap.de licence IRI (any variant of it), or nullptr.
    const CkanLicence* licence(std::string_view iri) const;
    /// The group for an EU data theme IRI, or nullptr.
    const CkanGroup* group(std::string_view theme_iri) const;
    /// Every licence of the list, in list order (for license_list).
    std::span<const CkanLicence> licences() const { return m_licences; }
    /// Every theme group, in list order (for group_list).
    std::span<const CkanGroup> groups() const { return m_groups; }
    /// The vocabularies the record was normalized with (language tags).
    const Vocabularies& vocabularies() const { return m_vocab; }

private:
    explicit CkanVocabulary(Vocabularies vocab) : m_vocab(std::move(vocab)) {}

    Vocabularies m_vocab;
    std::vector<CkanLicence> m_licences;
    std::vector<CkanGroup> m_groups;
    std::unordered_map<std::string, std::size_t> m_licence_index;  ///< vocab_key(IRI) -> m_licences
    std::unordered_map<std::string, std::size_t> m_group_index;    ///< theme IRI -> m_groups
};

/// What the catalogue knows about a record beside the record itself. Every
/// field may be left empty: the dict then derives it from the record.
struct CkanPackageInfo {
    std::string id;    ///< package id; empty: ckan_package_id(iri)
    std::string name;  ///< package name (unique per CKAN: collisions are the caller's to resolve); empty: ckan_package_name()
    std::string iri;   ///< the catalogue IRI; empty: the record's IRI
    model::RecordStatus status = model::RecordStatus::active;  ///< withdrawn: state "deleted"
    std::string first_seen;    ///< ISO 8601, metadata_created; empty: the record's issued
    std::string last_changed;  ///< ISO 8601, metadata_modified; empty: the record's modified
    std::vector<std::string> sources;  ///< names of the sources delivering the record (extra "catalogue_sources")
};

/// Writes the package dict of `dataset` as one JSON object to `out`.
void write_ckan_package(CkanJsonWriter& out, const model::Dataset& dataset, const CkanPackageInfo& info,
                        const CkanVocabulary& vocab);

/// The package dict of `dataset` as compact JSON.
std::string ckan_package_json(const model::Dataset& dataset, const CkanPackageInfo& info,
                              const CkanVocabulary& vocab);

/// A valid CKAN name (package, organization, group) made from text: lowercase
/// [a-z0-9_-], German umlauts and ß transliterated (ä -> ae, ß -> ss), other
/// Latin letters without their accents, any other character run as one "-",
/// no "-" or "_" at either end, at most 100 characters. Empty when fewer than
/// two characters remain or the result is a name CKAN reserves ("new", "edit").
std::string ckan_name(std::string_view text);

/// The name a record's package gets: ckan_name of the source's CKAN name,
/// else of the title, else of dct:identifier, else the package id.
std::string ckan_package_name(const model::Dataset& dataset, std::string_view package_id);

/// A keyword as a CKAN tag: characters CKAN does not allow in tags (anything
/// but letters, digits, space, "-", "_", ".") become spaces, spaces are
/// collapsed and trimmed, at most 100 characters. Empty when shorter than two.
std::string ckan_tag(std::string_view keyword);

/// The organization a publisher is in a CKAN: ckan_name of its name, else of
/// its IRI without the scheme, else of its e-mail address; empty: none.
std::string ckan_organization_name(const model::Agent& publisher);

/// The stable id of the organization named `name`.
std::string ckan_organization_id(std::string_view name);

/// The group name of an EU data theme: its code in lower case ("soci"), as
/// GovData names theme groups; empty when no valid name remains.
std::string ckan_group_name(std::string_view theme_iri);

/// The license_id of a package whose licence is not in the register (a known
/// licence is named by its register entry, CkanLicence::id, which is the
/// licence IRI the normalizer stored): the IRI, else the text as delivered.
std::string_view ckan_licence_id(const model::Licence& licence);

/// The distinct tags of a record's package dict, in keyword order (tags
/// differing only in case are one tag).
std::vector<std::string> ckan_tags(const model::Dataset& dataset);

/// The `format` of a distribution's resource: the code of an EU file type,
/// else the format as delivered.
std::string_view ckan_resource_format(const model::Distribution& distribution);

/// A name-based UUID (version 5, URL namespace, as Python's
/// uuid.uuid5(uuid.NAMESPACE_URL, name)): the stable id of a package derived
/// from its IRI, so that any instance gives a dataset the same id.
std::string ckan_uuid(std::string_view name);

/// The package id of the record with catalogue IRI `iri`: ckan_uuid(iri).
inline std::string ckan_package_id(std::string_view iri) { return ckan_uuid(iri); }

/// An ISO 8601 date or time as CKAN writes its timestamps: UTC without a zone
/// ("2024-05-01T10:00:00", fractions kept); a date alone at midnight. Empty
/// when the text is no such date.
std::string ckan_timestamp(std::string_view iso);

}  // namespace ernte::catalog
