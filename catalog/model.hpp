#pragma once
/// The normalized DCAT-AP.de record: what every harvester produces and every
/// part of the catalogue (store, quality, export, API) consumes.
///
/// Conventions:
/// - Strings are UTF-8. An empty string means "absent".
/// - IRIs are absolute and already normalized (current namespaces, vocabulary
///   IRIs). Where the source wrote something else, the original text is kept
///   beside the normalized value (`*_original`), and a Note says what changed.
/// - Dates are ISO 8601 (`YYYY`, `YYYY-MM`, `YYYY-MM-DD` or
///   `YYYY-MM-DDThh:mm:ss[.fff][Z|+hh:mm]`).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ernte::model {

/// A literal with an optional BCP 47 language tag ("de", "en", or empty).
struct LangString {
    std::string value;
    std::string lang;

    bool operator==(const LangString&) const = default;
};

/// An RDF value of a property ernte does not interpret, kept for round trips.
struct Term {
    enum class Kind { iri, literal, blank };
    Kind kind = Kind::literal;
    std::string value;
    std::string datatype;  ///< literal datatype IRI, empty for plain literals
    std::string lang;      ///< literal language tag

    bool operator==(const Term&) const = default;
};

/// A property ernte keeps but does not model (predicate IRI and its value).
/// When the value is a node described in the source (a blank node such as a
/// dct:Location or dct:ProvenanceStatement), `children` holds what was said
/// about it, so the export can give it back whole.
struct ExtraProperty {
    std::string predicate;
    Term object;
    std::vector<ExtraProperty> children;

    bool operator==(const ExtraProperty&) const = default;
};

/// An adms:Identifier: its skos:notation, and what else the source said about
/// it (adms:schemaAgency, dct:creator, dct:issued ...), as delivered.
struct Identifier {
    std::string notation;
    std::string datatype;  ///< the notation's datatype IRI, empty for plain text
    std::vector<ExtraProperty> extra;

    bool operator==(const Identifier&) const = default;
};

/// The notations of `ids`, in order.
std::vector<std::string> notations(const std::vector<Identifier>& ids);

/// A foaf:Agent (publisher, creator, originator, maintainer, contributor).
struct Agent {
    std::string iri;        ///< empty: written as a blank node
    std::string name;       ///< foaf:name
    std::string email;      ///< foaf:mbox, without "mailto:"
    std::string homepage;   ///< foaf:homepage
    std::string type_iri;   ///< dct:type (e.g. ADMS publisher type)
    /// The classes the source gave it besides foaf:Agent (foaf:Organization,
    /// foaf:Person ...), written again on export beside foaf:Agent.
    std::vector<std::string> classes;
    /// What the source said about it that has no field here, as delivered.
    std::vector<ExtraProperty> extra;
    std::string name_lang;  ///< the name's language tag as delivered, empty for none

    bool empty() const { return iri.empty() && name.empty() && email.empty() && homepage.empty() && extra.empty(); }
    /// Named by its IRI only: the source refers to it without describing it.
    bool only_referenced() const {
        return !iri.empty() && name.empty() && email.empty() && homepage.empty() && type_iri.empty() &&
               classes.empty() && extra.empty();
    }
    bool operator==(const Agent&) const = default;
};

/// A vcard:Kind contact point.
struct ContactPoint {
    std::string iri;
    std::string name;       ///< vcard:fn
    std::string email;      ///< vcard:hasEmail, without "mailto:"
    std::string url;        ///< vcard:hasURL (contact form)
    std::string telephone;  ///< vcard:hasTelephone, without "tel:"
    std::string street;     ///< vcard:hasAddress parts
    std::string postal_code;
    std::string locality;
    std::string country;
    /// The classes the source gave it besides vcard:Kind (vcard:Organization,
    /// vcard:Individual ...), written again on export beside vcard:Kind.
    std::vector<std::string> classes;
    /// What the source said about it that has no field here, as delivered.
    std::vector<ExtraProperty> extra;
    std::string name_lang;  ///< the name's language tag as delivered, empty for none

    bool empty() const {
        return iri.empty() && name.empty() && email.empty() && url.empty() && telephone.empty() && extra.empty();
    }
    bool operator==(const ContactPoint&) const = default;
};

/// A licence as the source wrote it and as ernte understood it.
struct Licence {
    /// dcat-ap.de licence IRI (http://dcat-ap.de/def/licenses/...) when the
    /// original was unambiguous; otherwise an IRI the source gave that is not
    /// in the vocabulary, or empty.
    std::string iri;
    std::string original;  ///< the id, IRI or text exactly as delivered
    bool known = false;    ///< iri is in the dcat-ap.de licence vocabulary

    bool empty() const { return iri.empty() && original.empty(); }
    bool operator==(const Licence&) const = default;
};

/// A checksum (spdx:checksum).
struct Checksum {
    std::string algorithm;  ///< spdx algorithm IRI
    std::string value;

    bool operator==(const Checksum&) const = default;
};

/// A dcat:Distribution.
struct Distribution {
    std::string iri;                         ///< empty: blank node
    std::string source_id;                   ///< the source's own id (CKAN resource id)
    std::vector<LangString> title;
    std::vector<LangString> description;
    std::vector<std::string> access_urls;    ///< dcat:accessURL
    std::vector<std::string> download_urls;  ///< dcat:downloadURL
    std::string access_service;              ///< dcat:accessService IRI
    std::string format;                      ///< EU file-type IRI when known, else the original IRI or empty
    std::string format_original;             ///< format as delivered
    std::string media_type;                  ///< IANA media-type IRI when known
    std::string media_type_original;
    std::string compress_format;
    std::string package_format;
    std::optional<std::uint64_t> byte_size;
    Licence licence;                         ///< own licence or inherited from the dataset
    bool licence_inherited = false;          ///< licence came from the dataset level
    std::string licence_attribution;         ///< dcatde:licenseAttributionByText
    std::string rights;                      ///< dct:rights (text or IRI)
    std::string issued;
    std::string modified;
    std::string status;                      ///< adms:status IRI
    std::string availability;                ///< dcatap:availability / dcatde:plannedAvailability IRI
    std::vector<std::string> languages;      ///< EU language IRIs
    std::vector<std::string> conforms_to;
    std::vector<std::string> pages;          ///< foaf:page (documentation)
    std::optional<Checksum> checksum;
    std::vector<ExtraProperty> extra;

    bool operator==(const Distribution&) const = default;
};

/// A dct:PeriodOfTime (dcat:startDate / dcat:endDate).
struct Period {
    std::string start;
    std::string end;

    bool empty() const { return start.empty() && end.empty(); }
    bool operator==(const Period&) const = default;
};

/// Something the normalizer repaired, could not map, or dropped. Shown to the
/// publisher so the source can be fixed; never an error on its own.
struct Note {
    std::string field;     ///< e.g. "distribution[2].licence", "modified"
    std::string message;   ///< English, for people
    std::string original;  ///< the value as delivered

    bool operator==(const Note&) const = default;
};

/// Lifecycle of a record in the catalogue (K22-K24): a dataset that left its
/// sources is first deprecated, and withdrawn after a grace period.
enum class RecordStatus { active, deprecated, withdrawn };

/// What kind of DCAT resource a record is.
enum class ResourceType { dataset, data_service, dataset_series };

/// A dcat:Dataset in DCAT-AP.de 3.0.
struct Dataset {
    ResourceType type = ResourceType::dataset;
    std::string iri;         ///< the dataset IRI (identity in the catalogue)
    std::string identifier;  ///< dct:identifier, passed through unchanged (K25)
    std::string identifier_datatype;  ///< its datatype as delivered (xsd:anyURI ...), empty for plain text
    std::vector<Identifier> other_identifiers;  ///< adms:identifier (K26)
    std::string source_id;   ///< the source's own id (CKAN package id)
    std::string name;        ///< the source's slug (CKAN package name)

    std::vector<LangString> title;
    std::vector<LangString> description;  ///< plain text (HTML removed)
    std::string description_original;     ///< as delivered, when it differed (HTML)
    std::vector<LangString> keywords;
    std::vector<std::string> themes;           ///< EU data theme IRIs
    std::vector<std::string> themes_original;  ///< theme values that could not be mapped

    Agent publisher;
    std::vector<ContactPoint> contact_points;
    std::vector<Agent> creators;
    std::vector<Agent> originators;    ///< dcatde:originator
    std::vector<Agent> maintainers;    ///< dcatde:maintainer
    std::vector<Agent> contributors;   ///< dct:contributor

    std::vector<std::string> contributor_ids;           ///< dcatde:contributorID IRIs
    std::vector<std::string> political_geocoding_uris;  ///< dcatde:politicalGeocodingURI
    std::string political_geocoding_level;              ///< dcatde:politicalGeocodingLevelURI
    std::string geocoding_text;                         ///< dcatde:geocodingDescription
    std::vector<std::string> spatial;                   ///< dct:spatial IRIs (incl. mirrored geocoding URIs)
    std::string legal_basis;                            ///< dcatde:legalBasis
    std::string quality_process;                        ///< dcatde:qualityProcessURI
    std::vector<Period> temporal;
    std::string issued;
    std::string modified;
    std::string frequency;                              ///< EU frequency IRI
    std::string frequency_original;
    std::vector<std::string> languages;                 ///< EU language IRIs
    std::string landing_page;                           ///< dcat:landingPage
    std::vector<std::string> pages;                     ///< foaf:page
    std::vector<std::string> conforms_to;
    std::string access_rights;                          ///< dct:accessRights IRI
    std::string version;                                ///< owl:versionInfo
    std::string version_notes;
    std::string version_notes_lang;  ///< the notes' language tag as delivered, empty for none
    std::string licence_attribution;                    ///< dcatde:licenseAttributionByText
    Licence licence;                                    ///< dataset-level licence (CKAN license_id)
    std::vector<std::string> related;                   ///< dct:relation
    std::vector<std::string> source_urls;               ///< dct:source
    std::vector<std::string> in_series;                 ///< dcat:inSeries
    std::vector<std::string> endpoint_urls;             ///< dcat:endpointURL (data services)
    std::vector<std::string> endpoint_descriptions;     ///< dcat:endpointDescription (data services)
    std::vector<std::string> serves_datasets;           ///< dcat:servesDataset (data services)

    std::vector<Distribution> distributions;
    std::vector<ExtraProperty> extra;  ///< properties ernte keeps but does not model
    std::vector<Note> notes;           ///< what the normalizer repaired or could not map

    /// The first title (German preferred), for lists and logs.
    std::string_view display_title() const;

    bool operator==(const Dataset&) const = default;
};

/// Serialize a dataset to compact JSON (the stored form of the record).
std::string to_json(const Dataset& dataset);

/// Parse a dataset from the JSON written by to_json. Throws std::runtime_error
/// on malformed input.
Dataset dataset_from_json(std::string_view json);

/// ERNTE_VERSION compiled into the libraries.
std::string_view version();

}  // namespace ernte::model
