#include "catalog/rules.hpp"

#include "catalog/finding_list.hpp"
#include "catalog/normalize.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>

namespace ernte::catalog::quality {

namespace {

using model::Agent;
using model::ContactPoint;
using model::Dataset;
using model::Distribution;
using model::ExtraProperty;
using model::ResourceType;
using model::Term;

constexpr Severity violation = Severity::violation;
constexpr Severity warning = Severity::warning;
constexpr Severity info = Severity::info;

constexpr Profile de3 = Profile::dcat_ap_de;
constexpr Profile conv = Profile::conventions;
constexpr Profile dashboard = Profile::govdata;

constexpr unsigned dataset_like = RecordKind::datasets | RecordKind::series;

constexpr Agreement same = Agreement::same;
constexpr Agreement not_loaded = Agreement::vocabulary_not_loaded;
constexpr Agreement ernte_only = Agreement::ernte_only;

// ---------------------------------------------------------------- terms

constexpr std::string_view rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
constexpr std::string_view xsd_non_negative_integer = "http://www.w3.org/2001/XMLSchema#nonNegativeInteger";
constexpr std::string_view xsd_hex_binary = "http://www.w3.org/2001/XMLSchema#hexBinary";

constexpr std::string_view dct_title = "http://purl.org/dc/terms/title";
constexpr std::string_view dct_description = "http://purl.org/dc/terms/description";
constexpr std::string_view dct_publisher = "http://purl.org/dc/terms/publisher";
constexpr std::string_view dct_creator = "http://purl.org/dc/terms/creator";
constexpr std::string_view dct_contributor = "http://purl.org/dc/terms/contributor";
constexpr std::string_view dct_rights_holder = "http://purl.org/dc/terms/rightsHolder";
constexpr std::string_view dct_issued = "http://purl.org/dc/terms/issued";
constexpr std::string_view dct_modified = "http://purl.org/dc/terms/modified";
constexpr std::string_view dct_identifier = "http://purl.org/dc/terms/identifier";
constexpr std::string_view dct_access_rights = "http://purl.org/dc/terms/accessRights";
constexpr std::string_view dct_accrual_periodicity = "http://purl.org/dc/terms/accrualPeriodicity";
constexpr std::string_view dct_language = "http://purl.org/dc/terms/language";
constexpr std::string_view dct_conforms_to = "http://purl.org/dc/terms/conformsTo";
constexpr std::string_view dct_relation = "http://purl.org/dc/terms/relation";
constexpr std::string_view dct_spatial = "http://purl.org/dc/terms/spatial";
constexpr std::string_view dct_temporal = "http://purl.org/dc/terms/temporal";
constexpr std::string_view dct_license = "http://purl.org/dc/terms/license";
constexpr std::string_view dct_rights = "http://purl.org/dc/terms/rights";
constexpr std::string_view dct_format = "http://purl.org/dc/terms/format";
constexpr std::string_view dct_type = "http://purl.org/dc/terms/type";
constexpr std::string_view dct_has_version = "http://purl.org/dc/terms/hasVersion";
constexpr std::string_view dct_is_version_of = "http://purl.org/dc/terms/isVersionOf";
constexpr std::string_view dcat_access_service = "http://www.w3.org/ns/dcat#accessService";
constexpr std::string_view dcat_data_service = "http://www.w3.org/ns/dcat#DataService";
constexpr std::string_view prov_qualified_attribution = "http://www.w3.org/ns/prov#qualifiedAttribution";
constexpr std::string_view prov_attribution = "http://www.w3.org/ns/prov#Attribution";
constexpr std::string_view prov_agent = "http://www.w3.org/ns/prov#agent";
constexpr std::string_view dcat_had_role = "http://www.w3.org/ns/dcat#hadRole";
constexpr std::string_view dct_provenance = "http://purl.org/dc/terms/provenance";
constexpr std::string_view dct_source = "http://purl.org/dc/terms/source";
constexpr std::string_view dct_location = "http://purl.org/dc/terms/Location";
constexpr std::string_view prov_was_generated_by = "http://www.w3.org/ns/prov#wasGeneratedBy";
constexpr std::string_view adms_sample = "http://www.w3.org/ns/adms#sample";
constexpr std::string_view dcat_endpoint_description = "http://www.w3.org/ns/dcat#endpointDescription";
constexpr std::string_view odrl_has_policy = "http://www.w3.org/ns/odrl/2/hasPolicy";
constexpr std::string_view dct_period_of_time = "http://purl.org/dc/terms/PeriodOfTime";

constexpr std::string_view dcat_keyword = "http://www.w3.org/ns/dcat#keyword";
constexpr std::string_view dcat_theme = "http://www.w3.org/ns/dcat#theme";
constexpr std::string_view dcat_landing_page = "http://www.w3.org/ns/dcat#landingPage";
constexpr std::string_view dcat_endpoint_url = "http://www.w3.org/ns/dcat#endpointURL";
constexpr std::string_view dcat_distribution = "http://www.w3.org/ns/dcat#distribution";
constexpr std::string_view dcat_access_url = "http://www.w3.org/ns/dcat#accessURL";
constexpr std::string_view dcat_download_url = "http://www.w3.org/ns/dcat#downloadURL";
constexpr std::string_view dcat_media_type = "http://www.w3.org/ns/dcat#mediaType";
constexpr std::string_view dcat_compress_format = "http://www.w3.org/ns/dcat#compressFormat";
constexpr std::string_view dcat_package_format = "http://www.w3.org/ns/dcat#packageFormat";
constexpr std::string_view dcat_byte_size = "http://www.w3.org/ns/dcat#byteSize";
constexpr std::string_view dcat_start_date = "http://www.w3.org/ns/dcat#startDate";
constexpr std::string_view dcat_end_date = "http://www.w3.org/ns/dcat#endDate";
constexpr std::string_view dcatap_availability = "http://data.europa.eu/r5r/availability";

constexpr std::string_view dcatde_contributor_id = "http://dcat-ap.de/def/dcatde/contributorID";
constexpr std::string_view dcatde_geocoding_uri = "http://dcat-ap.de/def/dcatde/politicalGeocodingURI";
constexpr std::string_view dcatde_geocoding_level = "http://dcat-ap.de/def/dcatde/politicalGeocodingLevelURI";
constexpr std::string_view dcatde_geocoding_description = "http://dcat-ap.de/def/dcatde/geocodingDescription";
constexpr std::string_view dcatde_legal_basis = "http://dcat-ap.de/def/dcatde/legalBasis";
constexpr std::string_view dcatde_quality_process = "http://dcat-ap.de/def/dcatde/qualityProcessURI";
constexpr std::string_view dcatde_originator = "http://dcat-ap.de/def/dcatde/originator";
constexpr std::string_view dcatde_maintainer = "http://dcat-ap.de/def/dcatde/maintainer";
constexpr std::string_view dcatde_attribution = "http://dcat-ap.de/def/dcatde/licenseAttributionByText";

constexpr std::string_view foaf_name = "http://xmlns.com/foaf/0.1/name";
constexpr std::string_view foaf_page = "http://xmlns.com/foaf/0.1/page";
constexpr std::string_view foaf_agent = "http://xmlns.com/foaf/0.1/Agent";
constexpr std::string_view owl_version_info = "http://www.w3.org/2002/07/owl#versionInfo";
constexpr std::string_view adms_identifier = "http://www.w3.org/ns/adms#identifier";
constexpr std::string_view adms_identifier_class = "http://www.w3.org/ns/adms#Identifier";
constexpr std::string_view adms_status = "http://www.w3.org/ns/adms#status";
constexpr std::string_view skos_notation = "http://www.w3.org/2004/02/skos/core#notation";
constexpr std::string_view spdx_checksum = "http://spdx.org/rdf/terms#checksum";
constexpr std::string_view spdx_checksum_class = "http://spdx.org/rdf/terms#Checksum";
constexpr std::string_view spdx_algorithm = "http://spdx.org/rdf/terms#algorithm";
constexpr std::string_view spdx_checksum_value = "http://spdx.org/rdf/terms#checksumValue";
constexpr std::string_view time_has_beginning = "http://www.w3.org/2006/time#hasBeginning";
constexpr std::string_view time_has_end = "http://www.w3.org/2006/time#hasEnd";
constexpr std::string_view schema_start_date = "http://schema.org/startDate";
constexpr std::string_view schema_end_date = "http://schema.org/endDate";
constexpr std::string_view locn_geometry = "http://www.w3.org/ns/locn#geometry";
constexpr std::string_view dcat_bbox = "http://www.w3.org/ns/dcat#bbox";
constexpr std::string_view dcat_centroid = "http://www.w3.org/ns/dcat#centroid";

// The lists a rule names in its fix hint.
constexpr std::string_view licence_example = "http://dcat-ap.de/def/licenses/dl-by-de/2.0";
constexpr std::string_view licence_example_zero = "http://dcat-ap.de/def/licenses/dl-zero-de/2.0";
constexpr std::string_view theme_prefix = "http://publications.europa.eu/resource/authority/data-theme/";
constexpr std::string_view theme_codes = "AGRI, ECON, EDUC, ENER, ENVI, GOVE, HEAL, INTR, JUST, REGI, SOCI, TECH, TRAN";
constexpr std::string_view file_type_example = "http://publications.europa.eu/resource/authority/file-type/CSV";
constexpr std::string_view media_type_example = "https://www.iana.org/assignments/media-types/text/csv";
constexpr std::string_view access_right_public = "http://publications.europa.eu/resource/authority/access-right/PUBLIC";
constexpr std::string_view language_german = "http://publications.europa.eu/resource/authority/language/DEU";
constexpr std::string_view frequency_example = "http://publications.europa.eu/resource/authority/frequency/ANNUAL";
constexpr std::string_view contributors_list = "http://dcat-ap.de/def/contributors/";
constexpr std::string_view status_example =
    "http://publications.europa.eu/resource/authority/distribution-status/COMPLETED";
constexpr std::string_view availability_example =
    "http://publications.europa.eu/resource/authority/planned-availability/STABLE";
constexpr std::string_view geocoding_level_example = "http://dcat-ap.de/def/politicalGeocoding/Level/municipality";
// The ADMS publisher-type list and the SPDX checksum algorithms are not among
// the loaded vocabularies: their namespaces stand for them.
constexpr std::string_view publisher_type_namespace = "http://purl.org/adms/publishertype/";
constexpr std::string_view checksum_algorithm_namespace = "http://spdx.org/rdf/terms#checksumAlgorithm_";

// ---------------------------------------------------------------- the rules
// Severities as the official shapes give them (sh:Violation, sh:Warning,
// sh:Info); the dashboard's own severities as dashboard_severity maps them.
// Rules without an official shape (K39, K41) are warnings.

constexpr std::array k_rules = std::to_array<Rule>({
    // ---- DCAT-AP.de 3.0: mandatory properties and cardinalities of the record
    {"de3.dataset.title", de3, violation, "dcat:Dataset", dataset_like, "dct:title", dct_title,
     "Der Datensatz hat keinen Titel (dct:title).", "The dataset has no title (dct:title).",
     "dct:title mit einem aussagekräftigen Titel ergänzen (CKAN: title).",
     "Add dct:title with a meaningful title (CKAN: title).", same},
    {"de3.service.title", de3, violation, "dcat:DataService", RecordKind::services, "dct:title", dct_title,
     "Der Datenservice hat keinen Titel (dct:title).", "The data service has no title (dct:title).",
     "dct:title mit dem Namen des Dienstes ergänzen.", "Add dct:title with the name of the service.", same},
    {"de3.dataset.title.kind", de3, violation, "dcat:Dataset", all_records, "dct:title", dct_title,
     "Ein Titel (dct:title) ist kein Text, sondern eine IRI oder ein Knoten.",
     "A title (dct:title) is not a text but an IRI or a node.", "dct:title als Text (Literal) veröffentlichen.",
     "Publish dct:title as a text (literal).", same},
    {"de3.dataset.description", de3, violation, "dcat:Dataset", dataset_like, "dct:description", dct_description,
     "Der Datensatz hat keine Beschreibung (dct:description).", "The dataset has no description (dct:description).",
     "dct:description mit einer Beschreibung des Inhalts ergänzen (CKAN: notes).",
     "Add dct:description describing the content (CKAN: notes).", same},
    {"de3.dataset.description.kind", de3, violation, "dcat:Dataset", all_records, "dct:description", dct_description,
     "Eine Beschreibung (dct:description) ist kein Text, sondern eine IRI oder ein Knoten.",
     "A description (dct:description) is not a text but an IRI or a node.",
     "dct:description als Text (Literal) veröffentlichen.", "Publish dct:description as a text (literal).", same},
    {"de3.dataset.publisher", de3, violation, "dcat:Dataset", all_records, "dct:publisher", dct_publisher,
     "Der Datensatz hat keine veröffentlichende Stelle (dct:publisher).",
     "The dataset has no publisher (dct:publisher).",
     "dct:publisher ergänzen: einen foaf:Agent, dessen foaf:name die rechtlich verantwortliche Stelle nennt "
     "(CKAN: publisher_name oder die Organisation).",
     "Add dct:publisher: a foaf:Agent whose foaf:name names the body legally responsible for the data (CKAN: "
     "publisher_name or the organization).",
     same},
    {"de3.dataset.publisher.max", de3, violation, "dcat:Dataset", all_records, "dct:publisher", dct_publisher,
     "Der Datensatz hat mehr als eine veröffentlichende Stelle (dct:publisher).",
     "The dataset has more than one publisher (dct:publisher).",
     "Nur die rechtlich verantwortliche Stelle als dct:publisher angeben; weitere Beteiligte als dct:creator "
     "oder dct:contributor.",
     "Give only the body legally responsible as dct:publisher; others involved as dct:creator or dct:contributor.",
     same},
    {"de3.service.endpointURL", de3, violation, "dcat:DataService", RecordKind::services, "dcat:endpointURL",
     dcat_endpoint_url, "Der Datenservice hat keine Endpunkt-URL (dcat:endpointURL).",
     "The data service has no endpoint URL (dcat:endpointURL).",
     "dcat:endpointURL mit der Basisadresse des Dienstes ergänzen (z. B. der Adresse des WMS- oder "
     "API-Endpunkts).",
     "Add dcat:endpointURL with the service's base address (e.g. the address of the WMS or API endpoint).", same},
    {"de3.dataset.keyword.kind", de3, violation, "dcat:Dataset", all_records, "dcat:keyword", dcat_keyword,
     "Ein Schlagwort (dcat:keyword) ist kein Text, sondern eine IRI oder ein Knoten.",
     "A keyword (dcat:keyword) is not a text but an IRI or a node.",
     "dcat:keyword als Text veröffentlichen, je Schlagwort ein Wert (CKAN: tags).",
     "Publish dcat:keyword as text, one value per keyword (CKAN: tags).", same},
    {"de3.dataset.identifier.kind", de3, violation, "dcat:Dataset", dataset_like, "dct:identifier", dct_identifier,
     "Die Kennung (dct:identifier) ist kein Text, sondern eine IRI oder ein Knoten.",
     "The identifier (dct:identifier) is not a text but an IRI or a node.",
     "dct:identifier als Text (Literal) veröffentlichen.", "Publish dct:identifier as a text (literal).", same},
    {"de3.dataset.issued.max", de3, violation, "dcat:Dataset", dataset_like, "dct:issued", dct_issued,
     "Der Datensatz hat mehr als ein Veröffentlichungsdatum (dct:issued).",
     "The dataset has more than one issue date (dct:issued).",
     "Nur ein dct:issued angeben: das Datum der ersten Veröffentlichung.",
     "Give one dct:issued: the date of first publication.", same},
    {"de3.dataset.modified.max", de3, violation, "dcat:Dataset", dataset_like, "dct:modified", dct_modified,
     "Der Datensatz hat mehr als ein Änderungsdatum (dct:modified).",
     "The dataset has more than one modification date (dct:modified).",
     "Nur ein dct:modified angeben: das Datum der letzten Änderung.",
     "Give one dct:modified: the date of the last change.", same},
    {"de3.dataset.accessRights.max", de3, violation, "dcat:Dataset", all_records, "dct:accessRights", dct_access_rights,
     "Der Datensatz hat mehr als eine Angabe der Zugriffsrechte (dct:accessRights).",
     "The dataset has more than one access rights statement (dct:accessRights).",
     "Nur ein dct:accessRights angeben, eine IRI der EU-Liste.", "Give one dct:accessRights, an IRI of the EU list.",
     same},
    {"de3.dataset.accessRights.kind", de3, violation, "dcat:Dataset", all_records, "dct:accessRights",
     dct_access_rights, "Die Zugriffsrechte (dct:accessRights) sind als Text angegeben, nicht als IRI.",
     "The access rights (dct:accessRights) are given as text, not as an IRI.",
     "dct:accessRights als IRI der EU-Liste angeben, für offene Daten "
     "http://publications.europa.eu/resource/authority/access-right/PUBLIC.",
     "Give dct:accessRights as an IRI of the EU list; for open data "
     "http://publications.europa.eu/resource/authority/access-right/PUBLIC.",
     same},
    {"de3.dataset.accrualPeriodicity.max", de3, violation, "dcat:Dataset", dataset_like, "dct:accrualPeriodicity",
     dct_accrual_periodicity, "Der Datensatz hat mehr als ein Aktualisierungsintervall (dct:accrualPeriodicity).",
     "The dataset has more than one update frequency (dct:accrualPeriodicity).",
     "Nur ein dct:accrualPeriodicity angeben, eine IRI der EU-Liste der Frequenzen.",
     "Give one dct:accrualPeriodicity, an IRI of the EU frequency list.", same},
    {"de3.dataset.landingPage.kind", de3, violation, "dcat:Dataset", all_records, "dcat:landingPage", dcat_landing_page,
     "Die Webseite des Datensatzes (dcat:landingPage) ist keine IRI, sondern Text.",
     "The dataset's landing page (dcat:landingPage) is text, not an IRI.",
     "dcat:landingPage als vollständige http(s)-Adresse (IRI) angeben (CKAN: url).",
     "Give dcat:landingPage as a full http(s) address (IRI) (CKAN: url).", same},
    {"de3.dataset.page.kind", de3, violation, "dcat:Dataset", all_records, "foaf:page", foaf_page,
     "Eine Dokumentation (foaf:page) ist keine IRI, sondern Text.",
     "A documentation page (foaf:page) is text, not an IRI.",
     "foaf:page als vollständige http(s)-Adresse (IRI) angeben.", "Give foaf:page as a full http(s) address (IRI).",
     same},
    {"de3.dataset.conformsTo.kind", de3, violation, "dcat:Dataset", all_records, "dct:conformsTo", dct_conforms_to,
     "Ein Standard (dct:conformsTo) ist keine IRI, sondern Text.", "A standard (dct:conformsTo) is text, not an IRI.",
     "dct:conformsTo als IRI des Standards angeben.", "Give dct:conformsTo as the IRI of the standard.", same},
    {"de3.dataset.relation.kind", de3, violation, "dcat:Dataset", dataset_like, "dct:relation", dct_relation,
     "Eine verwandte Ressource (dct:relation) ist keine IRI, sondern Text.",
     "A related resource (dct:relation) is text, not an IRI.", "dct:relation als IRI der Ressource angeben.",
     "Give dct:relation as the IRI of the resource.", same},
    {"de3.dataset.spatial.kind", de3, violation, "dcat:Dataset", dataset_like, "dct:spatial", dct_spatial,
     "Der Raumbezug (dct:spatial) ist als Text angegeben, nicht als IRI oder Ort.",
     "The spatial coverage (dct:spatial) is given as text, not as an IRI or a location.",
     "dct:spatial als IRI eines Gebiets angeben (z. B. "
     "http://dcat-ap.de/def/politicalGeocoding/regionalKey/<Regionalschlüssel>) oder als dct:Location mit "
     "Geometrie.",
     "Give dct:spatial as the IRI of an area (e.g. "
     "http://dcat-ap.de/def/politicalGeocoding/regionalKey/<regional key>) or as a dct:Location with a geometry.",
     same},
    {"de3.dataset.spatial.class", de3, warning, "dcat:Dataset", dataset_like, "dct:spatial", dct_spatial,
     "Der Raumbezug (dct:spatial) ist kein Ort (dct:Location) und keine IRI eines Gebiets aus einem Vokabular.",
     "The spatial coverage (dct:spatial) is not a location (dct:Location) nor the IRI of an area from a vocabulary.",
     "dct:spatial als IRI eines Gebiets angeben (z. B. "
     "http://dcat-ap.de/def/politicalGeocoding/regionalKey/<Regionalschlüssel>) oder als dct:Location mit "
     "Geometrie (locn:geometry, dcat:bbox).",
     "Give dct:spatial as the IRI of an area (e.g. "
     "http://dcat-ap.de/def/politicalGeocoding/regionalKey/<regional key>) or as a dct:Location with a geometry "
     "(locn:geometry, dcat:bbox).",
     same},
    {"de3.dataset.temporal.kind", de3, violation, "dcat:Dataset", dataset_like, "dct:temporal", dct_temporal,
     "Der Zeitbezug (dct:temporal) ist als Text angegeben, nicht als Zeitraum.",
     "The temporal coverage (dct:temporal) is given as text, not as a period of time.",
     "dct:temporal als dct:PeriodOfTime mit dcat:startDate und/oder dcat:endDate angeben (CKAN: temporal_start, "
     "temporal_end).",
     "Give dct:temporal as a dct:PeriodOfTime with dcat:startDate and/or dcat:endDate (CKAN: temporal_start, "
     "temporal_end).",
     same},
    {"de3.dataset.temporal.class", de3, violation, "dcat:Dataset", dataset_like, "dct:temporal", dct_temporal,
     "Der Zeitbezug (dct:temporal) ist kein Zeitraum (dct:PeriodOfTime).",
     "The temporal coverage (dct:temporal) is not a period of time (dct:PeriodOfTime).",
     "dct:temporal als dct:PeriodOfTime mit dcat:startDate und/oder dcat:endDate angeben.",
     "Give dct:temporal as a dct:PeriodOfTime with dcat:startDate and/or dcat:endDate.", same},
    {"de3.dataset.contributorID.kind", de3, violation, "dcat:Dataset", dataset_like, "dcatde:contributorID",
     dcatde_contributor_id, "Die Datenbereitsteller-ID (dcatde:contributorID) ist keine IRI.",
     "The contributor ID (dcatde:contributorID) is not an IRI.",
     "dcatde:contributorID als IRI der Liste http://dcat-ap.de/def/contributors/ angeben.",
     "Give dcatde:contributorID as an IRI of the list http://dcat-ap.de/def/contributors/.", same},
    {"de3.dataset.politicalGeocodingLevelURI.kind", de3, violation, "dcat:Dataset", dataset_like,
     "dcatde:politicalGeocodingLevelURI", dcatde_geocoding_level,
     "Die Ebene der geopolitischen Abdeckung (dcatde:politicalGeocodingLevelURI) ist keine IRI.",
     "The political geocoding level (dcatde:politicalGeocodingLevelURI) is not an IRI.",
     "dcatde:politicalGeocodingLevelURI als IRI der Liste http://dcat-ap.de/def/politicalGeocoding/Level angeben.",
     "Give dcatde:politicalGeocodingLevelURI as an IRI of the list http://dcat-ap.de/def/politicalGeocoding/Level.",
     same},

    {"de3.dataset.provenance.kind", de3, violation, "dcat:Dataset", dataset_like, "dct:provenance", dct_provenance,
     "Die Herkunftsangabe (dct:provenance) ist Text statt eines Knotens (dct:ProvenanceStatement) oder einer IRI.",
     "The provenance (dct:provenance) is text instead of a node (dct:ProvenanceStatement) or an IRI.",
     "dct:provenance als dct:ProvenanceStatement mit rdfs:label angeben.",
     "Give dct:provenance as a dct:ProvenanceStatement with rdfs:label.", same},
    {"de3.dataset.wasGeneratedBy.kind", de3, violation, "dcat:Dataset", dataset_like, "prov:wasGeneratedBy",
     prov_was_generated_by, "Die erzeugende Aktivität (prov:wasGeneratedBy) ist Text statt einer IRI.",
     "The generating activity (prov:wasGeneratedBy) is text instead of an IRI.",
     "prov:wasGeneratedBy als IRI (oder als prov:Activity) angeben.",
     "Give prov:wasGeneratedBy as an IRI (or as a prov:Activity).", same},
    {"de3.dataset.source.kind", de3, violation, "dcat:Dataset", dataset_like, "dct:source", dct_source,
     "Der Quelldatensatz (dct:source) ist Text statt einer IRI.",
     "The source dataset (dct:source) is text instead of an IRI.",
     "dct:source als IRI des Datensatzes angeben, aus dem dieser abgeleitet ist.",
     "Give dct:source as the IRI of the dataset this one is derived from.", same},
    {"de3.dataset.sample.kind", de3, violation, "dcat:Dataset", dataset_like, "adms:sample", adms_sample,
     "Die Beispieldistribution (adms:sample) ist Text statt einer IRI.",
     "The sample distribution (adms:sample) is text instead of an IRI.",
     "adms:sample als IRI einer Distribution mit Beispieldaten angeben.",
     "Give adms:sample as the IRI of a distribution with sample data.", same},
    {"de3.service.endpointDescription.kind", de3, violation, "dcat:DataService", RecordKind::services,
     "dcat:endpointDescription", dcat_endpoint_description,
     "Die Beschreibung der Schnittstelle (dcat:endpointDescription) ist Text statt einer IRI.",
     "The endpoint description (dcat:endpointDescription) is text instead of an IRI.",
     "dcat:endpointDescription als Adresse der Schnittstellenbeschreibung angeben (z. B. GetCapabilities oder "
     "OpenAPI).",
     "Give dcat:endpointDescription as the address of the interface description (e.g. GetCapabilities or OpenAPI).",
     same},
    // ---- DCAT-AP.de 3.0: distributions
    {"de3.distribution.accessURL", de3, violation, "dcat:Distribution", all_records, "dcat:accessURL", dcat_access_url,
     "Die Distribution hat keine Zugangs-URL (dcat:accessURL).", "The distribution has no access URL (dcat:accessURL).",
     "dcat:accessURL mit der Adresse angeben, unter der die Daten erreichbar sind (CKAN: url der Ressource); eine "
     "direkte Download-Adresse zusätzlich als dcat:downloadURL.",
     "Give dcat:accessURL with the address where the data can be reached (CKAN: the resource's url); a direct "
     "download address also as dcat:downloadURL.",
     same},
    {"de3.distribution.accessURL.kind", de3, violation, "dcat:Distribution", all_records, "dcat:accessURL",
     dcat_access_url, "Eine Zugangs-URL (dcat:accessURL) ist keine IRI, sondern Text.",
     "An access URL (dcat:accessURL) is text, not an IRI.",
     "dcat:accessURL als vollständige http(s)-Adresse (IRI) angeben.",
     "Give dcat:accessURL as a full http(s) address (IRI).", same},
    {"de3.distribution.downloadURL.kind", de3, violation, "dcat:Distribution", all_records, "dcat:downloadURL",
     dcat_download_url, "Eine Download-URL (dcat:downloadURL) ist keine IRI, sondern Text.",
     "A download URL (dcat:downloadURL) is text, not an IRI.",
     "dcat:downloadURL als vollständige http(s)-Adresse (IRI) angeben.",
     "Give dcat:downloadURL as a full http(s) address (IRI).", same},
    {"de3.distribution.title.kind", de3, violation, "dcat:Distribution", all_records, "dct:title", dct_title,
     "Ein Titel der Distribution (dct:title) ist kein Text.", "A title of the distribution (dct:title) is not a text.",
     "dct:title als Text (Literal) veröffentlichen.", "Publish dct:title as a text (literal).", same},
    {"de3.distribution.description.kind", de3, violation, "dcat:Distribution", all_records, "dct:description",
     dct_description, "Eine Beschreibung der Distribution (dct:description) ist kein Text.",
     "A description of the distribution (dct:description) is not a text.",
     "dct:description als Text (Literal) veröffentlichen.", "Publish dct:description as a text (literal).", same},
    {"de3.distribution.license", de3, violation, "dcat:Distribution", all_records, "dct:license", dct_license,
     "Die Distribution hat keine Lizenz (dct:license).", "The distribution has no licence (dct:license).",
     "dct:license mit einer IRI der dcat-ap.de-Lizenzliste angeben, z. B. "
     "http://dcat-ap.de/def/licenses/dl-by-de/2.0 (Datenlizenz Deutschland – Namensnennung – Version 2.0) "
     "(CKAN: license_id).",
     "Give dct:license with an IRI of the dcat-ap.de licence list, e.g. http://dcat-ap.de/def/licenses/dl-by-de/2.0 "
     "(Data licence Germany – attribution – version 2.0) (CKAN: license_id).",
     same},
    {"de3.distribution.license.max", de3, violation, "dcat:Distribution", all_records, "dct:license", dct_license,
     "Die Distribution hat mehr als eine Lizenz (dct:license).",
     "The distribution has more than one licence (dct:license).",
     "Genau eine Lizenz als dct:license angeben; Daten unter verschiedenen Lizenzen als getrennte Distributionen "
     "veröffentlichen.",
     "Give exactly one licence as dct:license; publish data under different licences as separate distributions.", same},
    {"de3.distribution.licenseAttributionByText.kind", de3, violation, "dcat:Distribution", all_records,
     "dcatde:licenseAttributionByText", dcatde_attribution,
     "Der Namensnennungstext (dcatde:licenseAttributionByText) ist kein Text.",
     "The attribution text (dcatde:licenseAttributionByText) is not a text.",
     "dcatde:licenseAttributionByText als Text mit der geforderten Namensnennung angeben.",
     "Give dcatde:licenseAttributionByText as a text with the required attribution.", same},
    {"de3.distribution.format.max", de3, violation, "dcat:Distribution", all_records, "dct:format", dct_format,
     "Die Distribution hat mehr als ein Format (dct:format).",
     "The distribution has more than one format (dct:format).",
     "Ein dct:format je Distribution angeben; dieselben Daten in einem anderen Format als eigene Distribution.",
     "Give one dct:format per distribution; the same data in another format as a distribution of its own.", same},
    {"de3.distribution.mediaType.max", de3, violation, "dcat:Distribution", all_records, "dcat:mediaType",
     dcat_media_type, "Die Distribution hat mehr als einen Medientyp (dcat:mediaType).",
     "The distribution has more than one media type (dcat:mediaType).", "Einen dcat:mediaType je Distribution angeben.",
     "Give one dcat:mediaType per distribution.", same},
    {"de3.distribution.issued.max", de3, violation, "dcat:Distribution", all_records, "dct:issued", dct_issued,
     "Die Distribution hat mehr als ein Veröffentlichungsdatum (dct:issued).",
     "The distribution has more than one issue date (dct:issued).", "Nur ein dct:issued angeben.",
     "Give one dct:issued.", same},
    {"de3.distribution.modified.max", de3, violation, "dcat:Distribution", all_records, "dct:modified", dct_modified,
     "Die Distribution hat mehr als ein Änderungsdatum (dct:modified).",
     "The distribution has more than one modification date (dct:modified).", "Nur ein dct:modified angeben.",
     "Give one dct:modified.", same},
    {"de3.distribution.rights.max", de3, violation, "dcat:Distribution", all_records, "dct:rights", dct_rights,
     "Die Distribution hat mehr als einen Rechtehinweis (dct:rights).",
     "The distribution has more than one rights statement (dct:rights).",
     "Die Rechtehinweise in einem dct:rights zusammenfassen.", "Combine the rights statements in one dct:rights.",
     same},
    {"de3.distribution.status.max", de3, violation, "dcat:Distribution", all_records, "adms:status", adms_status,
     "Die Distribution hat mehr als einen Status (adms:status).",
     "The distribution has more than one status (adms:status).", "Nur einen adms:status angeben.",
     "Give one adms:status.", same},
    {"de3.distribution.availability.max", de3, violation, "dcat:Distribution", all_records, "dcatap:availability",
     dcatap_availability, "Die Distribution hat mehr als eine geplante Verfügbarkeit (dcatap:availability).",
     "The distribution has more than one planned availability (dcatap:availability).",
     "Nur ein dcatap:availability angeben.", "Give one dcatap:availability.", same},
    {"de3.distribution.byteSize.max", de3, violation, "dcat:Distribution", all_records, "dcat:byteSize", dcat_byte_size,
     "Die Distribution hat mehr als eine Dateigröße (dcat:byteSize).",
     "The distribution has more than one byte size (dcat:byteSize).", "Nur ein dcat:byteSize angeben.",
     "Give one dcat:byteSize.", same},
    {"de3.distribution.byteSize.datatype", de3, violation, "dcat:Distribution", all_records, "dcat:byteSize",
     dcat_byte_size, "Die Dateigröße (dcat:byteSize) ist keine Anzahl von Bytes (xsd:nonNegativeInteger).",
     "The byte size (dcat:byteSize) is not a number of bytes (xsd:nonNegativeInteger).",
     "dcat:byteSize als ganze Zahl der Bytes ohne Einheit angeben, z. B. \"52428\"^^xsd:nonNegativeInteger.",
     "Give dcat:byteSize as the whole number of bytes without a unit, e.g. \"52428\"^^xsd:nonNegativeInteger.", same},
    {"de3.distribution.checksum.max", de3, violation, "dcat:Distribution", all_records, "spdx:checksum", spdx_checksum,
     "Die Distribution hat mehr als eine Prüfsumme (spdx:checksum).",
     "The distribution has more than one checksum (spdx:checksum).", "Nur eine spdx:checksum angeben.",
     "Give one spdx:checksum.", same},
    {"de3.distribution.compressFormat.max", de3, violation, "dcat:Distribution", all_records, "dcat:compressFormat",
     dcat_compress_format, "Die Distribution hat mehr als ein Kompressionsformat (dcat:compressFormat).",
     "The distribution has more than one compression format (dcat:compressFormat).",
     "Nur ein dcat:compressFormat angeben.", "Give one dcat:compressFormat.", same},
    {"de3.distribution.packageFormat.max", de3, violation, "dcat:Distribution", all_records, "dcat:packageFormat",
     dcat_package_format, "Die Distribution hat mehr als ein Paketformat (dcat:packageFormat).",
     "The distribution has more than one package format (dcat:packageFormat).", "Nur ein dcat:packageFormat angeben.",
     "Give one dcat:packageFormat.", same},
    {"de3.distribution.page.kind", de3, violation, "dcat:Distribution", all_records, "foaf:page", foaf_page,
     "Eine Dokumentation der Distribution (foaf:page) ist keine IRI, sondern Text.",
     "A documentation page of the distribution (foaf:page) is text, not an IRI.",
     "foaf:page als vollständige http(s)-Adresse (IRI) angeben.", "Give foaf:page as a full http(s) address (IRI).",
     same},
    {"de3.distribution.conformsTo.kind", de3, violation, "dcat:Distribution", all_records, "dct:conformsTo",
     dct_conforms_to, "Ein Standard der Distribution (dct:conformsTo) ist keine IRI, sondern Text.",
     "A standard of the distribution (dct:conformsTo) is text, not an IRI.",
     "dct:conformsTo als IRI des Standards angeben.", "Give dct:conformsTo as the IRI of the standard.", same},

    {"de3.distribution.hasPolicy.kind", de3, violation, "dcat:Distribution", all_records, "odrl:hasPolicy",
     odrl_has_policy, "Die Nutzungsregel (odrl:hasPolicy) ist Text statt einer IRI oder einer odrl:Policy.",
     "The usage policy (odrl:hasPolicy) is text instead of an IRI or an odrl:Policy.",
     "odrl:hasPolicy als IRI einer ODRL-Policy angeben.", "Give odrl:hasPolicy as the IRI of an ODRL policy.", same},
    // ---- DCAT-AP.de 3.0: kinds of the values of other properties (kept as the source gave them)
    {"de3.dataset.distribution.kind", de3, violation, "dcat:Dataset", dataset_like, "dcat:distribution",
     "http://www.w3.org/ns/dcat#distribution",
     "Ein Wert von dcat:distribution des Datensatzes ist Text statt einer IRI oder eines beschriebenen Knotens.",
     "A value of dcat:distribution of the dataset is text instead of an IRI or a described node.",
     "dcat:distribution als IRI (oder als beschriebenen Knoten) angeben, nicht als Text.",
     "Give dcat:distribution as an IRI (or a described node), not as text.", same},
    {"de3.dataset.inSeries.kind", de3, violation, "dcat:Dataset", dataset_like, "dcat:inSeries",
     "http://www.w3.org/ns/dcat#inSeries",
     "Ein Wert von dcat:inSeries des Datensatzes ist Text statt einer IRI oder eines beschriebenen Knotens.",
     "A value of dcat:inSeries of the dataset is text instead of an IRI or a described node.",
     "dcat:inSeries als IRI (oder als beschriebenen Knoten) angeben, nicht als Text.",
     "Give dcat:inSeries as an IRI (or a described node), not as text.", same},
    {"de3.dataset.issued.kind", de3, violation, "dcat:Dataset", dataset_like, "dct:issued",
     "http://purl.org/dc/terms/issued",
     "Ein Wert von dct:issued des Datensatzes ist kein Text, sondern eine IRI oder ein Knoten.",
     "A value of dct:issued of the dataset is not a text but an IRI or a node.",
     "dct:issued als Text (Literal) angeben.", "Give dct:issued as a text (literal).", same},
    {"de3.dataset.modified.kind", de3, violation, "dcat:Dataset", dataset_like, "dct:modified",
     "http://purl.org/dc/terms/modified",
     "Ein Wert von dct:modified des Datensatzes ist kein Text, sondern eine IRI oder ein Knoten.",
     "A value of dct:modified of the dataset is not a text but an IRI or a node.",
     "dct:modified als Text (Literal) angeben.", "Give dct:modified as a text (literal).", same},
    {"de3.dataset.version.kind", de3, violation, "dcat:Dataset", dataset_like, "dcat:version",
     "http://www.w3.org/ns/dcat#version",
     "Ein Wert von dcat:version des Datensatzes ist kein Text, sondern eine IRI oder ein Knoten.",
     "A value of dcat:version of the dataset is not a text but an IRI or a node.",
     "dcat:version als Text (Literal) angeben.", "Give dcat:version as a text (literal).", same},
    {"de3.dataset.versionNotes.kind", de3, violation, "dcat:Dataset", dataset_like, "adms:versionNotes",
     "http://www.w3.org/ns/adms#versionNotes",
     "Ein Wert von adms:versionNotes des Datensatzes ist kein Text, sondern eine IRI oder ein Knoten.",
     "A value of adms:versionNotes of the dataset is not a text but an IRI or a node.",
     "adms:versionNotes als Text (Literal) angeben.", "Give adms:versionNotes as a text (literal).", same},
    {"de3.dataset.hasVersion.kind", de3, violation, "dcat:Dataset", dataset_like, "dcat:hasVersion",
     "http://www.w3.org/ns/dcat#hasVersion",
     "Ein Wert von dcat:hasVersion des Datensatzes ist Text statt einer IRI oder eines beschriebenen Knotens.",
     "A value of dcat:hasVersion of the dataset is text instead of an IRI or a described node.",
     "dcat:hasVersion als IRI (oder als beschriebenen Knoten) angeben, nicht als Text.",
     "Give dcat:hasVersion as an IRI (or a described node), not as text.", same},
    {"de3.dataset.qualifiedRelation.kind", de3, violation, "dcat:Dataset", dataset_like, "dcat:qualifiedRelation",
     "http://www.w3.org/ns/dcat#qualifiedRelation",
     "Ein Wert von dcat:qualifiedRelation des Datensatzes ist Text statt einer IRI oder eines beschriebenen Knotens.",
     "A value of dcat:qualifiedRelation of the dataset is text instead of an IRI or a described node.",
     "dcat:qualifiedRelation als IRI (oder als beschriebenen Knoten) angeben, nicht als Text.",
     "Give dcat:qualifiedRelation as an IRI (or a described node), not as text.", same},
    {"de3.dataset.applicableLegislation.kind", de3, violation, "dcat:Dataset", all_records,
     "dcatap:applicableLegislation", "http://data.europa.eu/r5r/applicableLegislation",
     "Ein Wert von dcatap:applicableLegislation des Datensatzes ist Text statt einer IRI oder eines beschriebenen "
     "Knotens.",
     "A value of dcatap:applicableLegislation of the dataset is text instead of an IRI or a described node.",
     "dcatap:applicableLegislation als IRI (oder als beschriebenen Knoten) angeben, nicht als Text.",
     "Give dcatap:applicableLegislation as an IRI (or a described node), not as text.", same},
    {"de3.dataset.isReferencedBy.kind", de3, violation, "dcat:Dataset", dataset_like, "dct:isReferencedBy",
     "http://purl.org/dc/terms/isReferencedBy",
     "Ein Wert von dct:isReferencedBy des Datensatzes ist Text statt einer IRI oder eines beschriebenen Knotens.",
     "A value of dct:isReferencedBy of the dataset is text instead of an IRI or a described node.",
     "dct:isReferencedBy als IRI (oder als beschriebenen Knoten) angeben, nicht als Text.",
     "Give dct:isReferencedBy as an IRI (or a described node), not as text.", same},
    {"de3.dataset.references.kind", de3, violation, "dcat:Dataset", dataset_like, "dct:references",
     "http://purl.org/dc/terms/references", "Ein Wert von dct:references des Datensatzes ist keine IRI.",
     "A value of dct:references of the dataset is not an IRI.",
     "dct:references als vollständige http(s)-Adresse (IRI) angeben.",
     "Give dct:references as a full http(s) address (IRI).", same},
    {"de3.dataset.type.kind", de3, violation, "dcat:Dataset", dataset_like, "dct:type", "http://purl.org/dc/terms/type",
     "Ein Wert von dct:type des Datensatzes ist Text statt einer IRI oder eines beschriebenen Knotens.",
     "A value of dct:type of the dataset is text instead of an IRI or a described node.",
     "dct:type als IRI (oder als beschriebenen Knoten) angeben, nicht als Text.",
     "Give dct:type as an IRI (or a described node), not as text.", same},
    {"de3.dataset.qualifiedAttribution.kind", de3, violation, "dcat:Dataset", dataset_like, "prov:qualifiedAttribution",
     "http://www.w3.org/ns/prov#qualifiedAttribution",
     "Ein Wert von prov:qualifiedAttribution des Datensatzes ist Text statt einer IRI oder eines beschriebenen "
     "Knotens.",
     "A value of prov:qualifiedAttribution of the dataset is text instead of an IRI or a described node.",
     "prov:qualifiedAttribution als IRI (oder als beschriebenen Knoten) angeben, nicht als Text.",
     "Give prov:qualifiedAttribution as an IRI (or a described node), not as text.", same},
    {"de3.dataset.spatialResolutionInMeters.kind", de3, violation, "dcat:Dataset", dataset_like,
     "dcat:spatialResolutionInMeters", "http://www.w3.org/ns/dcat#spatialResolutionInMeters",
     "Ein Wert von dcat:spatialResolutionInMeters des Datensatzes ist kein Text, sondern eine IRI oder ein Knoten.",
     "A value of dcat:spatialResolutionInMeters of the dataset is not a text but an IRI or a node.",
     "dcat:spatialResolutionInMeters als Text (Literal) angeben.",
     "Give dcat:spatialResolutionInMeters as a text (literal).", same},
    {"de3.dataset.temporalResolution.kind", de3, violation, "dcat:Dataset", dataset_like, "dcat:temporalResolution",
     "http://www.w3.org/ns/dcat#temporalResolution",
     "Ein Wert von dcat:temporalResolution des Datensatzes ist kein Text, sondern eine IRI oder ein Knoten.",
     "A value of dcat:temporalResolution of the dataset is not a text but an IRI or a node.",
     "dcat:temporalResolution als Text (Literal) angeben.", "Give dcat:temporalResolution as a text (literal).", same},
    {"de3.service.servesDataset.kind", de3, violation, "dcat:DataService", RecordKind::services, "dcat:servesDataset",
     "http://www.w3.org/ns/dcat#servesDataset",
     "Ein Wert von dcat:servesDataset des Datenservice ist Text statt einer IRI oder eines beschriebenen Knotens.",
     "A value of dcat:servesDataset of the data service is text instead of an IRI or a described node.",
     "dcat:servesDataset als IRI (oder als beschriebenen Knoten) angeben, nicht als Text.",
     "Give dcat:servesDataset as an IRI (or a described node), not as text.", same},
    {"de3.service.endpointURL.kind", de3, violation, "dcat:DataService", RecordKind::services, "dcat:endpointURL",
     "http://www.w3.org/ns/dcat#endpointURL",
     "Ein Wert von dcat:endpointURL des Datenservice ist Text statt einer IRI oder eines beschriebenen Knotens.",
     "A value of dcat:endpointURL of the data service is text instead of an IRI or a described node.",
     "dcat:endpointURL als IRI (oder als beschriebenen Knoten) angeben, nicht als Text.",
     "Give dcat:endpointURL as an IRI (or a described node), not as text.", same},
    {"de3.service.format.kind", de3, violation, "dcat:DataService", RecordKind::services, "dct:format",
     "http://purl.org/dc/terms/format",
     "Ein Wert von dct:format des Datenservice ist Text statt einer IRI oder eines beschriebenen Knotens.",
     "A value of dct:format of the data service is text instead of an IRI or a described node.",
     "dct:format als IRI (oder als beschriebenen Knoten) angeben, nicht als Text.",
     "Give dct:format as an IRI (or a described node), not as text.", same},
    {"de3.distribution.format.kind", de3, violation, "dcat:Distribution", all_records, "dct:format",
     "http://purl.org/dc/terms/format",
     "Ein Wert von dct:format der Distribution ist Text statt einer IRI oder eines beschriebenen Knotens.",
     "A value of dct:format of the distribution is text instead of an IRI or a described node.",
     "dct:format als IRI (oder als beschriebenen Knoten) angeben, nicht als Text.",
     "Give dct:format as an IRI (or a described node), not as text.", same},
    {"de3.distribution.mediaType.kind", de3, violation, "dcat:Distribution", all_records, "dcat:mediaType",
     "http://www.w3.org/ns/dcat#mediaType",
     "Ein Wert von dcat:mediaType der Distribution ist Text statt einer IRI oder eines beschriebenen Knotens.",
     "A value of dcat:mediaType of the distribution is text instead of an IRI or a described node.",
     "dcat:mediaType als IRI (oder als beschriebenen Knoten) angeben, nicht als Text.",
     "Give dcat:mediaType as an IRI (or a described node), not as text.", same},
    {"de3.distribution.issued.kind", de3, violation, "dcat:Distribution", all_records, "dct:issued",
     "http://purl.org/dc/terms/issued",
     "Ein Wert von dct:issued der Distribution ist kein Text, sondern eine IRI oder ein Knoten.",
     "A value of dct:issued of the distribution is not a text but an IRI or a node.",
     "dct:issued als Text (Literal) angeben.", "Give dct:issued as a text (literal).", same},
    {"de3.distribution.modified.kind", de3, violation, "dcat:Distribution", all_records, "dct:modified",
     "http://purl.org/dc/terms/modified",
     "Ein Wert von dct:modified der Distribution ist kein Text, sondern eine IRI oder ein Knoten.",
     "A value of dct:modified of the distribution is not a text but an IRI or a node.",
     "dct:modified als Text (Literal) angeben.", "Give dct:modified as a text (literal).", same},
    {"de3.distribution.spatialResolutionInMeters.kind", de3, violation, "dcat:Distribution", all_records,
     "dcat:spatialResolutionInMeters", "http://www.w3.org/ns/dcat#spatialResolutionInMeters",
     "Ein Wert von dcat:spatialResolutionInMeters der Distribution ist kein Text, sondern eine IRI oder ein Knoten.",
     "A value of dcat:spatialResolutionInMeters of the distribution is not a text but an IRI or a node.",
     "dcat:spatialResolutionInMeters als Text (Literal) angeben.",
     "Give dcat:spatialResolutionInMeters as a text (literal).", same},
    {"de3.distribution.temporalResolution.kind", de3, violation, "dcat:Distribution", all_records,
     "dcat:temporalResolution", "http://www.w3.org/ns/dcat#temporalResolution",
     "Ein Wert von dcat:temporalResolution der Distribution ist kein Text, sondern eine IRI oder ein Knoten.",
     "A value of dcat:temporalResolution of the distribution is not a text but an IRI or a node.",
     "dcat:temporalResolution als Text (Literal) angeben.", "Give dcat:temporalResolution as a text (literal).", same},
    {"de3.distribution.applicableLegislation.kind", de3, violation, "dcat:Distribution", all_records,
     "dcatap:applicableLegislation", "http://data.europa.eu/r5r/applicableLegislation",
     "Ein Wert von dcatap:applicableLegislation der Distribution ist Text statt einer IRI oder eines beschriebenen "
     "Knotens.",
     "A value of dcatap:applicableLegislation of the distribution is text instead of an IRI or a described node.",
     "dcatap:applicableLegislation als IRI (oder als beschriebenen Knoten) angeben, nicht als Text.",
     "Give dcatap:applicableLegislation as an IRI (or a described node), not as text.", same},
    // ---- DCAT-AP.de 3.0: the nodes a record describes
    {"de3.agent.name", de3, violation, "foaf:Agent", all_records, "foaf:name", foaf_name,
     "Eine Stelle oder Person (foaf:Agent) hat keinen Namen (foaf:name).",
     "An organisation or person (foaf:Agent) has no name (foaf:name).",
     "foaf:name mit dem Namen der Stelle ergänzen (CKAN: publisher_name, author, maintainer).",
     "Add foaf:name with the name of the organisation (CKAN: publisher_name, author, maintainer).", same},
    {"de3.contact.channel", de3, violation, "vcard:Kind", all_records,
     "vcard:hasEmail | vcard:hasURL | vcard:hasTelephone",
     "http://www.w3.org/2006/vcard/ns#hasEmail | http://www.w3.org/2006/vcard/ns#hasURL | "
     "http://www.w3.org/2006/vcard/ns#hasTelephone",
     "Die Kontaktstelle (dcat:contactPoint) hat weder E-Mail-Adresse noch Kontaktformular noch Telefonnummer.",
     "The contact point (dcat:contactPoint) has no e-mail address, contact form or telephone number.",
     "vcard:hasEmail (z. B. mailto:opendata@stadt.example) oder vcard:hasURL (Kontaktformular) oder "
     "vcard:hasTelephone ergänzen (CKAN: maintainer_email).",
     "Add vcard:hasEmail (e.g. mailto:opendata@city.example), vcard:hasURL (contact form) or vcard:hasTelephone "
     "(CKAN: maintainer_email).",
     same},
    {"de3.period.dates", de3, violation, "dct:PeriodOfTime", dataset_like, "dcat:startDate | dcat:endDate",
     "http://www.w3.org/ns/dcat#startDate | http://www.w3.org/ns/dcat#endDate",
     "Ein Zeitraum (dct:temporal) hat weder Beginn noch Ende.",
     "A period of time (dct:temporal) has no start and no end.",
     "dcat:startDate und/oder dcat:endDate als Datum angeben, z. B. \"2024-01-01\"^^xsd:date (CKAN: temporal_start, "
     "temporal_end).",
     "Give dcat:startDate and/or dcat:endDate as a date, e.g. \"2024-01-01\"^^xsd:date (CKAN: temporal_start, "
     "temporal_end).",
     same},
    {"de3.checksum.algorithm", de3, violation, "spdx:Checksum", all_records, "spdx:algorithm", spdx_algorithm,
     "Die Prüfsumme (spdx:checksum) nennt kein Verfahren (spdx:algorithm).",
     "The checksum (spdx:checksum) names no algorithm (spdx:algorithm).",
     "spdx:algorithm angeben, z. B. http://spdx.org/rdf/terms#checksumAlgorithm_sha256.",
     "Give spdx:algorithm, e.g. http://spdx.org/rdf/terms#checksumAlgorithm_sha256.", same},
    {"de3.checksum.checksumValue", de3, violation, "spdx:Checksum", all_records, "spdx:checksumValue",
     spdx_checksum_value, "Die Prüfsumme (spdx:checksum) hat keinen Wert (spdx:checksumValue).",
     "The checksum (spdx:checksum) has no value (spdx:checksumValue).",
     "spdx:checksumValue mit der Prüfsumme in Hexadezimalziffern angeben.",
     "Give spdx:checksumValue with the checksum in hexadecimal digits.", same},
    {"de3.checksum.checksumValue.datatype", de3, violation, "spdx:Checksum", all_records, "spdx:checksumValue",
     spdx_checksum_value, "Der Wert der Prüfsumme (spdx:checksumValue) ist keine Hexadezimalzahl (xsd:hexBinary).",
     "The checksum value (spdx:checksumValue) is not hexadecimal (xsd:hexBinary).",
     "spdx:checksumValue als Folge von Hexadezimalziffern (gerade Anzahl, ohne Präfix wie \"sha256:\") angeben.",
     "Give spdx:checksumValue as hexadecimal digits (an even number, without a prefix such as \"sha256:\").", same},
    {"de3.identifier.notation", de3, violation, "adms:Identifier", dataset_like, "skos:notation", skos_notation,
     "Eine weitere Kennung (adms:identifier) hat keinen Wert (skos:notation).",
     "An other identifier (adms:identifier) has no value (skos:notation).",
     "Die Kennung als skos:notation des adms:Identifier angeben.",
     "Give the identifier as skos:notation of the adms:Identifier.", same},

    {"de3.location.geometry.max", de3, violation, "dct:Location", dataset_like, "locn:geometry", locn_geometry,
     "Ein Ort (dct:spatial) hat mehr als eine Geometrie (locn:geometry).",
     "A location (dct:spatial) has more than one geometry (locn:geometry).",
     "Je Ort eine locn:geometry angeben; dieselbe Fläche in einer zweiten Schreibweise (GeoJSON und WKT) weglassen "
     "oder als eigenen dct:spatial-Ort angeben.",
     "Give one locn:geometry per location; leave out the same area in a second serialization (GeoJSON and WKT) or "
     "give it as a dct:spatial location of its own.",
     same},
    {"de3.attribution.agent", de3, violation, "prov:Attribution", dataset_like, "prov:agent",
     "http://www.w3.org/ns/prov#agent",
     "Eine Rollenzuordnung (prov:qualifiedAttribution) nennt keine Stelle als IRI (prov:agent).",
     "A qualified attribution (prov:qualifiedAttribution) names no agent as an IRI (prov:agent).",
     "prov:agent mit der IRI der beteiligten Stelle angeben.", "Give prov:agent with the IRI of the agent involved.",
     same},
    {"de3.attribution.hadRole", de3, violation, "prov:Attribution", dataset_like, "dcat:hadRole",
     "http://www.w3.org/ns/dcat#hadRole",
     "Eine Rollenzuordnung (prov:qualifiedAttribution) nennt keine Rolle als IRI (dcat:hadRole).",
     "A qualified attribution (prov:qualifiedAttribution) names no role as an IRI (dcat:hadRole).",
     "dcat:hadRole mit der IRI der Rolle angeben, z. B. "
     "http://inspire.ec.europa.eu/metadata-codelist/ResponsiblePartyRole/owner.",
     "Give dcat:hadRole with the IRI of the role, e.g. "
     "http://inspire.ec.europa.eu/metadata-codelist/ResponsiblePartyRole/owner.",
     same},
    // ---- DCAT-AP.de 3.0: controlled vocabularies
    {"de3.vocab.dataset.theme", de3, violation, "dcat:Dataset", dataset_like, "dcat:theme", dcat_theme,
     "Eine Kategorie (dcat:theme) stammt nicht aus der Liste der EU-Datenthemen.",
     "A category (dcat:theme) is not from the list of EU data themes.",
     "dcat:theme als IRI eines EU-Datenthemas angeben: "
     "http://publications.europa.eu/resource/authority/data-theme/<Code> mit Code AGRI, ECON, EDUC, ENER, ENVI, "
     "GOVE, HEAL, INTR, JUST, REGI, SOCI, TECH oder TRAN (CKAN: groups).",
     "Give dcat:theme as the IRI of an EU data theme: http://publications.europa.eu/resource/authority/data-theme/"
     "<code> with code AGRI, ECON, EDUC, ENER, ENVI, GOVE, HEAL, INTR, JUST, REGI, SOCI, TECH or TRAN (CKAN: "
     "groups).",
     same},
    {"de3.vocab.dataset.language", de3, violation, "dcat:Dataset", dataset_like, "dct:language", dct_language,
     "Eine Sprache (dct:language) stammt nicht aus der EU-Liste der Sprachen.",
     "A language (dct:language) is not from the EU language list.",
     "dct:language als IRI der EU-Liste angeben, für Deutsch "
     "http://publications.europa.eu/resource/authority/language/DEU.",
     "Give dct:language as an IRI of the EU list; for German "
     "http://publications.europa.eu/resource/authority/language/DEU.",
     same},
    {"de3.vocab.dataset.accrualPeriodicity", de3, violation, "dcat:Dataset", dataset_like, "dct:accrualPeriodicity",
     dct_accrual_periodicity, "Das Aktualisierungsintervall (dct:accrualPeriodicity) stammt nicht aus der EU-Liste.",
     "The update frequency (dct:accrualPeriodicity) is not from the EU list.",
     "dct:accrualPeriodicity als IRI der EU-Liste der Frequenzen angeben, z. B. "
     "http://publications.europa.eu/resource/authority/frequency/ANNUAL (jährlich).",
     "Give dct:accrualPeriodicity as an IRI of the EU frequency list, e.g. "
     "http://publications.europa.eu/resource/authority/frequency/ANNUAL.",
     same},
    {"de3.vocab.dataset.accessRights", de3, violation, "dcat:Dataset", all_records, "dct:accessRights",
     dct_access_rights, "Die Zugriffsrechte (dct:accessRights) stammen nicht aus der EU-Liste.",
     "The access rights (dct:accessRights) are not from the EU list.",
     "dct:accessRights als IRI der EU-Liste angeben: für offene Daten "
     "http://publications.europa.eu/resource/authority/access-right/PUBLIC (sonst NON_PUBLIC oder RESTRICTED).",
     "Give dct:accessRights as an IRI of the EU list: for open data "
     "http://publications.europa.eu/resource/authority/access-right/PUBLIC (otherwise NON_PUBLIC or RESTRICTED).",
     same},
    {"de3.vocab.dataset.contributorID", de3, warning, "dcat:Dataset", dataset_like, "dcatde:contributorID",
     dcatde_contributor_id, "Eine Datenbereitsteller-ID (dcatde:contributorID) stammt nicht aus der dcat-ap.de-Liste.",
     "A contributor ID (dcatde:contributorID) is not from the dcat-ap.de list.",
     "dcatde:contributorID als IRI der Liste http://dcat-ap.de/def/contributors/ angeben, z. B. "
     "http://dcat-ap.de/def/contributors/openNRW; eine neue ID vergibt die Geschäfts- und Koordinierungsstelle "
     "GovData.",
     "Give dcatde:contributorID as an IRI of the list http://dcat-ap.de/def/contributors/, e.g. "
     "http://dcat-ap.de/def/contributors/openNRW; GovData's coordination office assigns new ones.",
     same},
    {"de3.vocab.dataset.politicalGeocodingLevelURI", de3, warning, "dcat:Dataset", dataset_like,
     "dcatde:politicalGeocodingLevelURI", dcatde_geocoding_level,
     "Die Ebene der geopolitischen Abdeckung (dcatde:politicalGeocodingLevelURI) stammt nicht aus der "
     "dcat-ap.de-Liste.",
     "The political geocoding level (dcatde:politicalGeocodingLevelURI) is not from the dcat-ap.de list.",
     "dcatde:politicalGeocodingLevelURI als IRI der Liste angeben: "
     "http://dcat-ap.de/def/politicalGeocoding/Level/ mit federal, state, administrativeDistrict, district, "
     "municipality oder international.",
     "Give dcatde:politicalGeocodingLevelURI as an IRI of the list: http://dcat-ap.de/def/politicalGeocoding/Level/ "
     "with federal, state, administrativeDistrict, district, municipality or international.",
     same},
    {"de3.vocab.service.license", de3, warning, "dcat:DataService", RecordKind::services, "dct:license", dct_license,
     "Die Lizenz des Datenservice (dct:license) stammt nicht aus der dcat-ap.de-Lizenzliste.",
     "The data service's licence (dct:license) is not from the dcat-ap.de licence list.",
     "dct:license als IRI der dcat-ap.de-Lizenzliste angeben, z. B. http://dcat-ap.de/def/licenses/dl-by-de/2.0.",
     "Give dct:license as an IRI of the dcat-ap.de licence list, e.g. http://dcat-ap.de/def/licenses/dl-by-de/2.0.",
     same},
    {"de3.vocab.distribution.language", de3, violation, "dcat:Distribution", all_records, "dct:language", dct_language,
     "Eine Sprache der Distribution (dct:language) stammt nicht aus der EU-Liste der Sprachen.",
     "A language of the distribution (dct:language) is not from the EU language list.",
     "dct:language als IRI der EU-Liste angeben, für Deutsch "
     "http://publications.europa.eu/resource/authority/language/DEU.",
     "Give dct:language as an IRI of the EU list; for German "
     "http://publications.europa.eu/resource/authority/language/DEU.",
     same},
    {"de3.vocab.distribution.license", de3, warning, "dcat:Distribution", all_records, "dct:license", dct_license,
     "Die Lizenz der Distribution (dct:license) stammt nicht aus der dcat-ap.de-Lizenzliste.",
     "The distribution's licence (dct:license) is not from the dcat-ap.de licence list.",
     "dct:license als IRI der dcat-ap.de-Lizenzliste angeben, z. B. http://dcat-ap.de/def/licenses/dl-by-de/2.0 "
     "(CKAN: license_id).",
     "Give dct:license as an IRI of the dcat-ap.de licence list, e.g. http://dcat-ap.de/def/licenses/dl-by-de/2.0 "
     "(CKAN: license_id).",
     same},
    {"de3.vocab.distribution.format", de3, violation, "dcat:Distribution", all_records, "dct:format", dct_format,
     "Das Format der Distribution (dct:format) stammt nicht aus der EU-Liste der Dateitypen.",
     "The distribution's format (dct:format) is not from the EU file-type list.",
     "dct:format als IRI der EU-Dateitypen angeben, z. B. "
     "http://publications.europa.eu/resource/authority/file-type/CSV (CKAN: format).",
     "Give dct:format as an IRI of the EU file types, e.g. "
     "http://publications.europa.eu/resource/authority/file-type/CSV (CKAN: format).",
     same},
    {"de3.vocab.distribution.mediaType", de3, violation, "dcat:Distribution", all_records, "dcat:mediaType",
     dcat_media_type, "Der Medientyp der Distribution (dcat:mediaType) ist keine IANA-Medientyp-IRI.",
     "The distribution's media type (dcat:mediaType) is not an IANA media-type IRI.",
     "dcat:mediaType als IRI der IANA-Liste angeben, z. B. https://www.iana.org/assignments/media-types/text/csv "
     "(CKAN: mimetype).",
     "Give dcat:mediaType as an IRI of the IANA list, e.g. https://www.iana.org/assignments/media-types/text/csv "
     "(CKAN: mimetype).",
     same},
    {"de3.vocab.distribution.compressFormat", de3, violation, "dcat:Distribution", all_records, "dcat:compressFormat",
     dcat_compress_format, "Das Kompressionsformat (dcat:compressFormat) ist keine IANA-Medientyp-IRI.",
     "The compression format (dcat:compressFormat) is not an IANA media-type IRI.",
     "dcat:compressFormat als IRI der IANA-Liste angeben, z. B. "
     "https://www.iana.org/assignments/media-types/application/gzip.",
     "Give dcat:compressFormat as an IRI of the IANA list, e.g. "
     "https://www.iana.org/assignments/media-types/application/gzip.",
     same},
    {"de3.vocab.distribution.packageFormat", de3, violation, "dcat:Distribution", all_records, "dcat:packageFormat",
     dcat_package_format, "Das Paketformat (dcat:packageFormat) ist keine IANA-Medientyp-IRI.",
     "The package format (dcat:packageFormat) is not an IANA media-type IRI.",
     "dcat:packageFormat als IRI der IANA-Liste angeben, z. B. "
     "https://www.iana.org/assignments/media-types/application/zip.",
     "Give dcat:packageFormat as an IRI of the IANA list, e.g. "
     "https://www.iana.org/assignments/media-types/application/zip.",
     same},
    {"de3.vocab.distribution.status", de3, violation, "dcat:Distribution", all_records, "adms:status", adms_status,
     "Der Status der Distribution (adms:status) stammt nicht aus der EU-Liste.",
     "The distribution's status (adms:status) is not from the EU list.",
     "adms:status als IRI der EU-Liste angeben: "
     "http://publications.europa.eu/resource/authority/distribution-status/ mit COMPLETED, DEVELOP, HISTORIC oder "
     "WITHDRAWN.",
     "Give adms:status as an IRI of the EU list: http://publications.europa.eu/resource/authority/distribution-status/ "
     "with COMPLETED, DEVELOP, HISTORIC or WITHDRAWN.",
     same},
    {"de3.vocab.distribution.availability", de3, violation, "dcat:Distribution", all_records, "dcatap:availability",
     dcatap_availability, "Die geplante Verfügbarkeit (dcatap:availability) stammt nicht aus der EU-Liste.",
     "The planned availability (dcatap:availability) is not from the EU list.",
     "dcatap:availability als IRI der EU-Liste angeben: "
     "http://publications.europa.eu/resource/authority/planned-availability/ mit AVAILABLE, EXPERIMENTAL, STABLE "
     "oder TEMPORARY.",
     "Give dcatap:availability as an IRI of the EU list: "
     "http://publications.europa.eu/resource/authority/planned-availability/ with AVAILABLE, EXPERIMENTAL, STABLE or "
     "TEMPORARY.",
     ernte_only},
    {"de3.vocab.agent.type", de3, violation, "foaf:Agent", all_records, "dct:type", dct_type,
     "Die Art der Stelle (dct:type) stammt nicht aus der ADMS-Liste der Herausgebertypen.",
     "The type of the organisation (dct:type) is not from the ADMS publisher-type list.",
     "dct:type als IRI der ADMS-Liste angeben, für eine Kommune "
     "http://purl.org/adms/publishertype/LocalAuthority, für ein Land RegionalAuthority, für den Bund "
     "NationalAuthority.",
     "Give dct:type as an IRI of the ADMS list: for a municipality http://purl.org/adms/publishertype/LocalAuthority, "
     "for a state RegionalAuthority, for the federation NationalAuthority.",
     not_loaded},
    {"de3.vocab.checksum.algorithm", de3, warning, "spdx:Checksum", all_records, "spdx:algorithm", spdx_algorithm,
     "Das Prüfsummenverfahren (spdx:algorithm) ist keines der SPDX-Verfahren.",
     "The checksum algorithm (spdx:algorithm) is not an SPDX algorithm.",
     "spdx:algorithm als SPDX-IRI angeben, z. B. http://spdx.org/rdf/terms#checksumAlgorithm_sha256.",
     "Give spdx:algorithm as an SPDX IRI, e.g. http://spdx.org/rdf/terms#checksumAlgorithm_sha256.", not_loaded},

    // ---- DCAT-AP.de 3.0: deprecated properties
    {"de3.deprecated.politicalGeocodingURI", de3, warning, "dcat:Dataset", all_records, "dcatde:politicalGeocodingURI",
     dcatde_geocoding_uri, "dcatde:politicalGeocodingURI ist in DCAT-AP.de 3.0 veraltet.",
     "dcatde:politicalGeocodingURI is deprecated in DCAT-AP.de 3.0.",
     "Das Gebiet als dct:spatial mit derselben IRI angeben (ernte schreibt es schon so); "
     "dcatde:politicalGeocodingURI kann entfallen, solange GovData es nicht mehr verlangt.",
     "Give the area as dct:spatial with the same IRI (ernte already writes it so); dcatde:politicalGeocodingURI can "
     "go once GovData no longer asks for it.",
     same},
    {"de3.deprecated.geocodingDescription", de3, warning, "dcat:Dataset", all_records, "dcatde:geocodingDescription",
     dcatde_geocoding_description, "dcatde:geocodingDescription ist in DCAT-AP.de 3.0 veraltet.",
     "dcatde:geocodingDescription is deprecated in DCAT-AP.de 3.0.",
     "dcatde:geocodingDescription durch dct:spatial mit einer dct:Location (locn:geographicName) ersetzen.",
     "Replace dcatde:geocodingDescription by dct:spatial with a dct:Location (locn:geographicName).", same},
    {"de3.deprecated.legalBasis", de3, warning, "dcat:Dataset", all_records, "dcatde:legalBasis", dcatde_legal_basis,
     "dcatde:legalBasis ist in DCAT-AP.de 3.0 veraltet.", "dcatde:legalBasis is deprecated in DCAT-AP.de 3.0.",
     "dcatde:legalBasis durch dcatap:applicableLegislation ersetzen (eine IRI, z. B. aus der ELI).",
     "Replace dcatde:legalBasis by dcatap:applicableLegislation (an IRI, e.g. an ELI).", same},
    {"de3.deprecated.qualityProcessURI", de3, warning, "dcat:Dataset", all_records, "dcatde:qualityProcessURI",
     dcatde_quality_process, "dcatde:qualityProcessURI ist in DCAT-AP.de 3.0 veraltet.",
     "dcatde:qualityProcessURI is deprecated in DCAT-AP.de 3.0.",
     "dcatde:qualityProcessURI durch dct:conformsTo (oder eine Beschreibung in dct:provenance) ersetzen.",
     "Replace dcatde:qualityProcessURI by dct:conformsTo (or a description in dct:provenance).", same},
    {"de3.deprecated.originator", de3, warning, "dcat:Dataset", all_records, "dcatde:originator", dcatde_originator,
     "dcatde:originator ist in DCAT-AP.de 3.0 veraltet.", "dcatde:originator is deprecated in DCAT-AP.de 3.0.",
     "dcatde:originator durch dct:creator ersetzen (die Stelle, von der die Daten stammen).",
     "Replace dcatde:originator by dct:creator (the body the data comes from).", same},
    {"de3.deprecated.maintainer", de3, warning, "dcat:Dataset", all_records, "dcatde:maintainer", dcatde_maintainer,
     "dcatde:maintainer ist in DCAT-AP.de 3.0 veraltet.", "dcatde:maintainer is deprecated in DCAT-AP.de 3.0.",
     "dcatde:maintainer durch dcat:contactPoint oder dct:contributor ersetzen (die pflegende Stelle).",
     "Replace dcatde:maintainer by dcat:contactPoint or dct:contributor (the maintaining body).", same},
    {"de3.deprecated.hasVersion", de3, warning, "dcat:Dataset", all_records, "dct:hasVersion", dct_has_version,
     "dct:hasVersion ist in DCAT-AP.de 3.0 veraltet.", "dct:hasVersion is deprecated in DCAT-AP.de 3.0.",
     "dct:hasVersion durch dcat:hasVersion ersetzen.", "Replace dct:hasVersion by dcat:hasVersion.", same},
    {"de3.deprecated.isVersionOf", de3, warning, "dcat:Dataset", all_records, "dct:isVersionOf", dct_is_version_of,
     "dct:isVersionOf ist in DCAT-AP.de 3.0 veraltet.", "dct:isVersionOf is deprecated in DCAT-AP.de 3.0.",
     "dct:isVersionOf durch dcat:isVersionOf ersetzen.", "Replace dct:isVersionOf by dcat:isVersionOf.", same},
    {"de3.deprecated.versionInfo", de3, warning, "dcat:Dataset", dataset_like, "owl:versionInfo", owl_version_info,
     "owl:versionInfo ist in DCAT-AP.de 3.0 veraltet.", "owl:versionInfo is deprecated in DCAT-AP.de 3.0.",
     "owl:versionInfo weglassen und die Version nur als dcat:version angeben.",
     "Drop owl:versionInfo and give the version only as dcat:version.", same},
    {"de3.deprecated.status", de3, warning, "dcat:Distribution", all_records, "adms:status", adms_status,
     "Der Status (adms:status) stammt aus der veralteten ADMS-Liste http://purl.org/adms/status/.",
     "The status (adms:status) is from the deprecated ADMS list http://purl.org/adms/status/.",
     "adms:status aus der EU-Liste angeben: "
     "http://publications.europa.eu/resource/authority/distribution-status/COMPLETED statt "
     "http://purl.org/adms/status/Completed.",
     "Give adms:status from the EU list: http://publications.europa.eu/resource/authority/distribution-status/"
     "COMPLETED instead of http://purl.org/adms/status/Completed.",
     same},
    {"de3.deprecated.hashAlgorithm", de3, warning, "spdx:Checksum", all_records, "spdx:algorithm", spdx_algorithm,
     "Das Prüfsummenverfahren (spdx:algorithm) stammt aus der veralteten Liste http://dcat-ap.de/def/hashAlgorithms/.",
     "The checksum algorithm (spdx:algorithm) is from the deprecated list http://dcat-ap.de/def/hashAlgorithms/.",
     "spdx:algorithm als SPDX-IRI angeben, z. B. http://spdx.org/rdf/terms#checksumAlgorithm_sha256.",
     "Give spdx:algorithm as an SPDX IRI, e.g. http://spdx.org/rdf/terms#checksumAlgorithm_sha256.", same},

    // ---- Conventions (Konventionenhandbuch 2.0)
    {"K01", conv, violation, "vcard:Kind", all_records, "vcard:hasEmail | vcard:hasURL",
     "http://www.w3.org/2006/vcard/ns#hasEmail | http://www.w3.org/2006/vcard/ns#hasURL",
     "Die Kontaktstelle (dcat:contactPoint) hat weder E-Mail-Adresse noch Kontaktformular (K01).",
     "The contact point (dcat:contactPoint) has neither an e-mail address nor a contact form (K01).",
     "vcard:hasEmail (z. B. mailto:opendata@stadt.example) oder vcard:hasURL mit der Adresse eines "
     "Kontaktformulars ergänzen; eine Telefonnummer allein genügt GovData nicht.",
     "Add vcard:hasEmail (e.g. mailto:opendata@city.example) or vcard:hasURL with the address of a contact form; a "
     "telephone number alone is not enough for GovData.",
     same},
    {"K12-13", conv, violation, "dcat:Dataset", dataset_like, "dcatde:contributorID", dcatde_contributor_id,
     "Der Datensatz hat nicht genau eine Datenbereitsteller-ID aus der dcat-ap.de-Liste (dcatde:contributorID, "
     "K12/K13).",
     "The dataset does not have exactly one contributor ID from the dcat-ap.de list (dcatde:contributorID, "
     "K12/K13).",
     "Genau eine dcatde:contributorID aus http://dcat-ap.de/def/contributors/ angeben: die ID des Portals, das an "
     "GovData liefert (z. B. http://dcat-ap.de/def/contributors/openNRW); in ernte je Quelle einstellbar.",
     "Give exactly one dcatde:contributorID from http://dcat-ap.de/def/contributors/: the ID of the portal "
     "delivering to GovData (e.g. http://dcat-ap.de/def/contributors/openNRW); in ernte it can be set per source.",
     same},
    {"K30", conv, warning, "dcat:Dataset", dataset_like, "dcat:theme", dcat_theme,
     "Der Datensatz hat keine Kategorie (dcat:theme, K30).", "The dataset has no category (dcat:theme, K30).",
     "dcat:theme mit der IRI eines EU-Datenthemas ergänzen: "
     "http://publications.europa.eu/resource/authority/data-theme/<Code> mit Code AGRI, ECON, EDUC, ENER, ENVI, "
     "GOVE, HEAL, INTR, JUST, REGI, SOCI, TECH oder TRAN (CKAN: groups).",
     "Add dcat:theme with the IRI of an EU data theme: http://publications.europa.eu/resource/authority/data-theme/"
     "<code> with code AGRI, ECON, EDUC, ENER, ENVI, GOVE, HEAL, INTR, JUST, REGI, SOCI, TECH or TRAN (CKAN: "
     "groups).",
     same},
    {"K31", conv, violation, "dcat:Distribution", all_records, "dct:license", dct_license,
     "Die Distribution hat keine Lizenz aus der dcat-ap.de-Lizenzliste (dct:license, K31).",
     "The distribution has no licence from the dcat-ap.de licence list (dct:license, K31).",
     "dct:license als IRI aus http://dcat-ap.de/def/licenses/ angeben, z. B. "
     "http://dcat-ap.de/def/licenses/dl-by-de/2.0 (CKAN: license_id).",
     "Give dct:license as an IRI from http://dcat-ap.de/def/licenses/, e.g. "
     "http://dcat-ap.de/def/licenses/dl-by-de/2.0 "
     "(CKAN: license_id).",
     same},
    {"K32", conv, violation, "dcat:Distribution", all_records, "dct:format", dct_format,
     "Das Format der Distribution (dct:format) ist keine IRI der EU-Dateitypen (K32).",
     "The distribution's format (dct:format) is not an IRI of the EU file types (K32).",
     "dct:format als IRI der EU-Dateitypen angeben, z. B. "
     "http://publications.europa.eu/resource/authority/file-type/CSV (CKAN: format).",
     "Give dct:format as an IRI of the EU file types, e.g. "
     "http://publications.europa.eu/resource/authority/file-type/CSV (CKAN: format).",
     same},
    {"K36", conv, violation, "dcat:Dataset", dataset_like, "dct:publisher", dct_publisher,
     "Der Datensatz hat keine veröffentlichende Stelle (dct:publisher, K36).",
     "The dataset has no publisher (dct:publisher, K36).",
     "dct:publisher mit der rechtlich verantwortlichen Stelle ergänzen, einem foaf:Agent mit foaf:name.",
     "Add dct:publisher with the body legally responsible, a foaf:Agent with foaf:name.", same},
    {"K38", conv, violation, "dct:PeriodOfTime", dataset_like, "dcat:startDate | dcat:endDate",
     "http://www.w3.org/ns/dcat#startDate | http://www.w3.org/ns/dcat#endDate",
     "Ein Zeitraum (dct:temporal) hat weder Beginn noch Ende (K38).",
     "A period of time (dct:temporal) has no start and no end (K38).",
     "dcat:startDate und/oder dcat:endDate angeben (CKAN: temporal_start, temporal_end).",
     "Give dcat:startDate and/or dcat:endDate (CKAN: temporal_start, temporal_end).", same},
    {"K39", conv, warning, "dcat:Distribution", all_records, "dcat:accessURL", dcat_access_url,
     "Eine Download-URL (dcat:downloadURL) ist nicht auch als Zugangs-URL (dcat:accessURL) angegeben (K39).",
     "A download URL (dcat:downloadURL) is not also given as access URL (dcat:accessURL) (K39).",
     "Jede dcat:downloadURL auch als dcat:accessURL angeben.", "Give every dcat:downloadURL also as dcat:accessURL.",
     ernte_only},
    {"K41", conv, warning, "dcat:Distribution", all_records, "dcat:downloadURL", dcat_download_url,
     "Die Distribution wird über einen Datenservice (dcat:accessService) bereitgestellt und hat trotzdem eine "
     "Download-URL (K41).",
     "The distribution is served through a data service (dcat:accessService) and still has a download URL (K41).",
     "Bei Bereitstellung über einen Datenservice keine dcat:downloadURL angeben; die Adresse des Dienstes gehört "
     "in dcat:accessURL.",
     "For a distribution served through a data service give no dcat:downloadURL; the service's address belongs in "
     "dcat:accessURL.",
     ernte_only},
    {"conv.dataset.keyword", conv, warning, "dcat:Dataset", dataset_like, "dcat:keyword", dcat_keyword,
     "Der Datensatz hat keine Schlagwörter (dcat:keyword).", "The dataset has no keywords (dcat:keyword).",
     "Mindestens ein dcat:keyword ergänzen (CKAN: tags).", "Add at least one dcat:keyword (CKAN: tags).", same},
    {"conv.dataset.landingPage", conv, warning, "dcat:Dataset", dataset_like, "dcat:landingPage", dcat_landing_page,
     "Der Datensatz nennt keine ursprüngliche Webseite (dcat:landingPage).",
     "The dataset names no landing page (dcat:landingPage).",
     "dcat:landingPage mit der Webseite des Datensatzes im Ursprungsportal ergänzen (CKAN: url).",
     "Add dcat:landingPage with the dataset's page on the original portal (CKAN: url).", same},
    {"conv.dataset.issued", conv, warning, "dcat:Dataset", dataset_like, "dct:issued", dct_issued,
     "Der Datensatz hat kein Veröffentlichungsdatum (dct:issued).", "The dataset has no issue date (dct:issued).",
     "dct:issued mit dem Datum der ersten Veröffentlichung ergänzen (CKAN: metadata_created).",
     "Add dct:issued with the date of first publication (CKAN: metadata_created).", same},
    {"conv.distribution.title", conv, warning, "dcat:Distribution", all_records, "dct:title", dct_title,
     "Die Distribution hat keinen Titel (dct:title).", "The distribution has no title (dct:title).",
     "dct:title mit einem Titel der Distribution ergänzen, z. B. „Haushalt 2024 (CSV)“ (CKAN: name der Ressource).",
     "Add dct:title with a title of the distribution, e.g. 'Budget 2024 (CSV)' (CKAN: the resource's name).", same},
    {"conv.dataset.identifier", conv, info, "dcat:Dataset", dataset_like, "dct:identifier", dct_identifier,
     "Der Datensatz hat keine Kennung (dct:identifier) für die Dublettenprüfung.",
     "The dataset has no identifier (dct:identifier) for duplicate detection.",
     "dct:identifier mit einer dauerhaften Kennung des Datensatzes ergänzen (CKAN: id oder identifier).",
     "Add dct:identifier with a persistent identifier of the dataset (CKAN: id or identifier).", same},
    {"conv.dataset.modified", conv, info, "dcat:Dataset", dataset_like, "dct:modified", dct_modified,
     "Der Datensatz hat kein Änderungsdatum (dct:modified) für die Dublettenprüfung.",
     "The dataset has no modification date (dct:modified) for duplicate detection.",
     "dct:modified mit dem Datum der letzten Änderung ergänzen (CKAN: metadata_modified).",
     "Add dct:modified with the date of the last change (CKAN: metadata_modified).", same},
    {"conv.dataset.distribution", conv, info, "dcat:Dataset", dataset_like, "dcat:distribution", dcat_distribution,
     "Der Datensatz hat keine Distribution (dcat:distribution).",
     "The dataset has no distribution (dcat:distribution).",
     "Mindestens eine dcat:distribution mit dcat:accessURL und dct:license ergänzen (CKAN: resources).",
     "Add at least one dcat:distribution with dcat:accessURL and dct:license (CKAN: resources).", same},

    // ---- GovData dashboard
    {"db.keyword", dashboard, violation, "dcat:Dataset", dataset_like, "dcat:keyword", dcat_keyword,
     "Der Datensatz hat kein Schlagwort als Text (dcat:keyword).",
     "The dataset has no keyword given as text (dcat:keyword).",
     "Mindestens ein dcat:keyword als Text ergänzen (CKAN: tags).",
     "Add at least one dcat:keyword as text (CKAN: tags).", same},
    {"db.contributorID", dashboard, violation, "dcat:Dataset", dataset_like, "dcatde:contributorID",
     dcatde_contributor_id,
     "Der Datensatz hat nicht genau eine Datenbereitsteller-ID aus der dcat-ap.de-Liste (dcatde:contributorID).",
     "The dataset does not have exactly one contributor ID from the dcat-ap.de list (dcatde:contributorID).",
     "Genau eine dcatde:contributorID aus http://dcat-ap.de/def/contributors/ angeben (weitere IDs außerhalb der "
     "Liste sind erlaubt); in ernte je Quelle einstellbar.",
     "Give exactly one dcatde:contributorID from http://dcat-ap.de/def/contributors/ (further IDs outside the list "
     "are allowed); in ernte it can be set per source.",
     same},
    {"db.publisher", dashboard, violation, "dcat:Dataset", dataset_like, "dct:publisher", dct_publisher,
     "Der Datensatz hat nicht genau eine veröffentlichende Stelle (dct:publisher).",
     "The dataset does not have exactly one publisher (dct:publisher).",
     "Genau einen dct:publisher angeben: die rechtlich verantwortliche Stelle, ein foaf:Agent mit foaf:name.",
     "Give exactly one dct:publisher: the body legally responsible, a foaf:Agent with foaf:name.", same},
    {"db.publisher.name", dashboard, violation, "foaf:Agent", dataset_like, "foaf:name", foaf_name,
     "Die veröffentlichende Stelle (dct:publisher) hat keinen Namen als Text (foaf:name).",
     "The publisher (dct:publisher) has no name given as text (foaf:name).",
     "foaf:name mit dem Namen der veröffentlichenden Stelle ergänzen (CKAN: publisher_name oder die Organisation).",
     "Add foaf:name with the publisher's name (CKAN: publisher_name or the organization).", same},
    {"db.license.max", dashboard, violation, "dcat:Distribution", all_records, "dct:license", dct_license,
     "Die Distribution hat mehr als eine Lizenz (dct:license).",
     "The distribution has more than one licence (dct:license).", "Genau eine Lizenz als dct:license angeben.",
     "Give exactly one licence as dct:license.", same},
    {"db.license", dashboard, violation, "dcat:Distribution", all_records, "dct:license", dct_license,
     "Die Distribution hat keine Lizenz (dct:license).", "The distribution has no licence (dct:license).",
     "dct:license mit einer IRI der dcat-ap.de-Lizenzliste angeben, z. B. http://dcat-ap.de/def/licenses/dl-by-de/2.0 "
     "(CKAN: license_id).",
     "Give dct:license with an IRI of the dcat-ap.de licence list, e.g. http://dcat-ap.de/def/licenses/dl-by-de/2.0 "
     "(CKAN: license_id).",
     same},
    {"db.license.list", dashboard, violation, "dcat:Distribution", all_records, "dct:license", dct_license,
     "Die Lizenz der Distribution (dct:license) ist keine IRI der dcat-ap.de-Lizenzliste.",
     "The distribution's licence (dct:license) is not an IRI of the dcat-ap.de licence list.",
     "dct:license als IRI aus http://dcat-ap.de/def/licenses/ angeben (nicht als Text), z. B. "
     "http://dcat-ap.de/def/licenses/dl-by-de/2.0.",
     "Give dct:license as an IRI from http://dcat-ap.de/def/licenses/ (not as text), e.g. "
     "http://dcat-ap.de/def/licenses/dl-by-de/2.0.",
     same},
    {"db.license.open", dashboard, warning, "dcat:Distribution", all_records, "dct:license", dct_license,
     "Die Lizenz der Distribution (dct:license) ist keine offene Lizenz der dcat-ap.de-Liste.",
     "The distribution's licence (dct:license) is not an open licence of the dcat-ap.de list.",
     "Als dct:license eine offene Lizenz der dcat-ap.de-Liste angeben, z. B. "
     "http://dcat-ap.de/def/licenses/dl-zero-de/2.0 oder http://dcat-ap.de/def/licenses/dl-by-de/2.0.",
     "Give an open licence of the dcat-ap.de list as dct:license, e.g. http://dcat-ap.de/def/licenses/dl-zero-de/2.0 "
     "or http://dcat-ap.de/def/licenses/dl-by-de/2.0.",
     same},
});

/// A rule named by its id where the checker uses it: found in k_rules when
/// compiled, so that checking a record looks nothing up (an unknown id does
/// not compile).
struct RuleId {
    // Implicit, so that the checker names rules by their ids.
    template <std::size_t N>
    consteval RuleId(const char (&id)[N]) : index(position(std::string_view(id, N - 1))) {}  // NOLINT
    std::size_t index;

private:
    static consteval std::size_t position(std::string_view id) {
        for (std::size_t i = 0; i < k_rules.size(); ++i)
            if (k_rules[i].id == id) return i;
        throw "no rule has this id";
    }
};

// ---------------------------------------------------------------- official shapes
// Every kind of result shacl-validate reports for ernte's exports of the
// fixtures (tests/data/shapes), mapped to the rule implementing it or listed
// with the reason ernte does not implement it. docs/rules.md mirrors it.

// Why ernte does not implement an official shape.
constexpr std::string_view k_other_resource =
    "The value is another resource the record refers to (a dataset, series, distribution or data service); "
    "whether it has the class depends on the document it is validated in, which may or may not describe that "
    "resource, not on the record. ernte checks one record at a time and does not flag it.";
constexpr std::string_view k_referenced_agent =
    "The agent is named by its IRI only: the record refers to it without describing it (as the source did), and "
    "whether it is a foaf:Agent depends on the document it is validated in. An agent the record describes is "
    "always written as a foaf:Agent.";
constexpr std::string_view k_role =
    "The role (dcat:hadRole) is a concept of a vocabulary, such as the IANA link relations, described as dcat:Role "
    "there and not in the record; the shape only passes when the document validated describes it.";
constexpr std::string_view k_dataset_type =
    "Needs the EU dataset-type list, which ernte does not load (shacl-validate does not either and flags every "
    "dct:type of a dataset).";
constexpr std::string_view k_v2_ranges =
    "A range condition of DCAT-AP.de 2.0 in the conventions' shapes, not a numbered convention: it asks for an "
    "IRI or text where DCAT-AP.de 3.0 allows a described node (dct:RightsStatement, dct:ProvenanceStatement, "
    "dct:Standard); ernte follows 3.0, whose shapes the dcat-ap-de rules mirror.";
constexpr std::string_view k_v2_spec =
    "A rule of the DCAT-AP.de 2.0 specification, which the dcat-ap-de-2 profile checks beside the conventions; "
    "ernte exports DCAT-AP.de 3.0 and checks its specification with the dcat-ap-de rules.";

constexpr std::array k_official_shapes = std::to_array<OfficialShape>({
    // ---- DCAT-AP.de 3.0: the record
    {de3, "dcat:Dataset: dcterms:title MUSS MINDESTEN einmal vorkommen.", "", "de3.dataset.title", ""},
    {de3, "dcat:DatasetSeries: dcterms:title MUSS MINDESTEN einmal vorkommen.", "", "de3.dataset.title", ""},
    {de3, "dcat:DataService: dcterms:title MUSS MINDESTEN einmal vorkommen.", "", "de3.service.title", ""},
    {de3, "dcat:Dataset: dcterms:title MUSS auf ein Literal verweisen.", "", "de3.dataset.title.kind", ""},
    {de3, "dcat:DatasetSeries: dcterms:title MUSS auf ein Literal verweisen.", "", "de3.dataset.title.kind", ""},
    {de3, "dcat:DataService: dcterms:title MUSS auf ein Literal verweisen.", "", "de3.dataset.title.kind", ""},
    {de3, "dcat:Dataset: dcterms:description MUSS MINDESTEN einmal vorkommen.", "", "de3.dataset.description", ""},
    {de3, "dcat:DatasetSeries: dcterms:description MUSS MINDESTEN einmal vorkommen.", "", "de3.dataset.description",
     ""},
    {de3, "dcat:Dataset: dcterms:description MUSS auf ein Literal verweisen.", "", "de3.dataset.description.kind", ""},
    {de3, "dcat:DatasetSeries: dcterms:description MUSS auf ein Literal verweisen.", "", "de3.dataset.description.kind",
     ""},
    {de3, "dcat:DataService: dcterms:description MUSS auf ein Literal verweisen.", "", "de3.dataset.description.kind",
     ""},
    {de3, "DE: dcat:DataService: MUSS einen dcterms:publisher haben.", "", "de3.dataset.publisher", ""},
    {de3, "dcat:Dataset: dcterms:publisher DARF MAXIMAL einmal vorkommen.", "", "de3.dataset.publisher.max", ""},
    {de3, "dcat:DatasetSeries: dcterms:publisher DARF MAXIMAL einmal vorkommen.", "", "de3.dataset.publisher.max", ""},
    {de3, "dcat:DataService: dcterms:publisher DARF MAXIMAL einmal vorkommen.", "", "de3.dataset.publisher.max", ""},
    {de3, "dcat:DataService: dcat:endpointURL MUSS MINDESTEN einmal vorkommen.", "", "de3.service.endpointURL", ""},
    {de3, "dcat:Dataset: dcat:keyword MUSS auf ein Literal verweisen.", "", "de3.dataset.keyword.kind", ""},
    {de3, "dcat:DataService: dcat:keyword MUSS auf ein Literal verweisen.", "", "de3.dataset.keyword.kind", ""},
    {de3, "dcat:Dataset: dcterms:identifier MUSS auf ein Literal verweisen.", "", "de3.dataset.identifier.kind", ""},
    {de3, "dcat:Dataset: dcterms:issued DARF MAXIMAL einmal vorkommen.", "", "de3.dataset.issued.max", ""},
    {de3, "dcat:DatasetSeries: dcterms:issued DARF MAXIMAL einmal vorkommen.", "", "de3.dataset.issued.max", ""},
    {de3, "dcat:Dataset: dcterms:modified DARF MAXIMAL einmal vorkommen.", "", "de3.dataset.modified.max", ""},
    {de3, "dcat:DatasetSeries: dcterms:modified DARF MAXIMAL einmal vorkommen.", "", "de3.dataset.modified.max", ""},
    {de3, "dcat:Dataset: dcterms:accessRights DARF MAXIMAL einmal vorkommen.", "", "de3.dataset.accessRights.max", ""},
    {de3, "dcat:DataService: dcterms:accessRights DARF MAXIMAL einmal vorkommen.", "", "de3.dataset.accessRights.max",
     ""},
    {de3, "dcat:Dataset: dcterms:accessRights MUSS auf eine Blank Node oder eine IRI verweisen.", "",
     "de3.dataset.accessRights.kind", ""},
    {de3, "dcat:DataService: dcterms:accessRights MUSS auf eine Blank Node oder eine IRI verweisen.", "",
     "de3.dataset.accessRights.kind", ""},
    {de3, "dcat:Dataset: dcterms:accrualPeriodicity DARF MAXIMAL einmal vorkommen.", "",
     "de3.dataset.accrualPeriodicity.max", ""},
    {de3, "dcat:DatasetSeries: dcterms:accrualPeriodicity DARF MAXIMAL einmal vorkommen.", "",
     "de3.dataset.accrualPeriodicity.max", ""},
    {de3, "dcat:Dataset: dcat:landingPage MUSS auf eine Blank Node oder eine IRI verweisen.", "",
     "de3.dataset.landingPage.kind", ""},
    {de3, "dcat:DataService: dcat:landingPage MUSS auf eine Blank Node oder eine IRI verweisen.", "",
     "de3.dataset.landingPage.kind", ""},
    {de3, "dcat:Dataset: foaf:page MUSS auf eine Blank Node oder eine IRI verweisen.", "", "de3.dataset.page.kind", ""},
    {de3, "dcat:DataService: foaf:page MUSS auf eine Blank Node oder eine IRI verweisen.", "", "de3.dataset.page.kind",
     ""},
    {de3, "dcat:Dataset: dcterms:conformsTo MUSS auf eine Blank Node oder eine IRI verweisen.", "",
     "de3.dataset.conformsTo.kind", ""},
    {de3, "dcat:DataService: dcterms:conformsTo MUSS auf eine Blank Node oder eine IRI verweisen.", "",
     "de3.dataset.conformsTo.kind", ""},
    {de3, "dcat:Dataset: dcterms:relation MUSS auf eine Blank Node oder eine IRI verweisen.", "",
     "de3.dataset.relation.kind", ""},
    {de3, "dcat:Dataset: dcterms:spatial MUSS auf eine Blank Node oder eine IRI verweisen.", "",
     "de3.dataset.spatial.kind", ""},
    {de3, "dcat:DatasetSeries: dcterms:spatial MUSS auf eine Blank Node oder eine IRI verweisen.", "",
     "de3.dataset.spatial.kind", ""},
    {de3,
     "dcat:Dataset: dcterms:spatial MUSS auf eine Klasse vom Typ dcterms:Location verweisen. Diese Meldung kann "
     "ignoriert werden, wenn ein kontrolliertes Vokabular verwendet wird.",
     "", "de3.dataset.spatial.class", ""},
    {de3,
     "dcat:DatasetSeries: dcterms:spatial MUSS auf eine Klasse vom Typ dcterms:Location verweisen. Diese Meldung kann "
     "ignoriert werden, wenn ein kontrolliertes Vokabular verwendet wird.",
     "", "de3.dataset.spatial.class", ""},
    {de3, "dcat:Dataset: dcterms:temporal MUSS auf eine Blank Node oder eine IRI verweisen.", "",
     "de3.dataset.temporal.kind", ""},
    {de3, "dcat:DatasetSeries: dcterms:temporal MUSS auf eine Blank Node oder eine IRI verweisen.", "",
     "de3.dataset.temporal.kind", ""},
    {de3, "dcat:Dataset: dcterms:temporal MUSS auf eine Klasse vom Typ dcterms:PeriodOfTime verweisen.", "",
     "de3.dataset.temporal.class", ""},
    {de3, "dcat:DatasetSeries: dcterms:temporal MUSS auf eine Klasse vom Typ dcterms:PeriodOfTime verweisen.", "",
     "de3.dataset.temporal.class", ""},
    {de3, "dcat:Dataset: dcatde:contributorID MUSS eine IRI sein.", "", "de3.dataset.contributorID.kind", ""},
    {de3, "DE: dcat:Dataset: dcatde:politicalGeocodingLevelURI MUSS eine IRI sein.", "",
     "de3.dataset.politicalGeocodingLevelURI.kind", ""},
    {de3, "dcat:Dataset: dcterms:provenance MUSS auf eine Blank Node oder eine IRI verweisen.", "",
     "de3.dataset.provenance.kind", ""},
    {de3, "dcat:Dataset: prov:wasGeneratedBy MUSS auf eine Blank Node oder eine IRI verweisen.", "",
     "de3.dataset.wasGeneratedBy.kind", ""},
    {de3, "dcat:Dataset: dcterms:source MUSS auf eine Blank Node oder eine IRI verweisen.", "",
     "de3.dataset.source.kind", ""},
    {de3, "dcat:Dataset: adms:sample MUSS auf eine Blank Node oder eine IRI verweisen.", "", "de3.dataset.sample.kind",
     ""},
    {de3, "dcat:DataService: dcat:endpointDescription MUSS auf eine Blank Node oder eine IRI verweisen.", "",
     "de3.service.endpointDescription.kind", ""},
    {de3, "dcat:Dataset: dcat:distribution MUSS auf eine Blank Node oder eine IRI verweisen.", "",
     "de3.dataset.distribution.kind", ""},
    {de3, "dcat:Dataset: dcat:inSeries MUSS auf eine Blank Node oder eine IRI verweisen.", "",
     "de3.dataset.inSeries.kind", ""},
    {de3, "dcat:Dataset: dcterms:issued MUSS auf ein Literal verweisen.", "", "de3.dataset.issued.kind", ""},
    {de3, "dcat:DatasetSeries: dcterms:issued MUSS auf ein Literal verweisen.", "", "de3.dataset.issued.kind", ""},
    {de3, "dcat:Dataset: dcterms:modified MUSS auf ein Literal verweisen.", "", "de3.dataset.modified.kind", ""},
    {de3, "dcat:DatasetSeries: dcterms:modified MUSS auf ein Literal verweisen.", "", "de3.dataset.modified.kind", ""},
    {de3, "dcat:Dataset: dcat:version MUSS auf ein Literal verweisen.", "", "de3.dataset.version.kind", ""},
    {de3, "dcat:Dataset: adms:versionNotes MUSS auf ein Literal verweisen.", "", "de3.dataset.versionNotes.kind", ""},
    {de3, "dcat:Dataset: dcat:hasVersion MUSS auf eine Blank Node oder eine IRI verweisen.", "",
     "de3.dataset.hasVersion.kind", ""},
    {de3, "dcat:Dataset: dcat:qualifiedRelation MUSS auf eine Blank Node oder eine IRI verweisen.", "",
     "de3.dataset.qualifiedRelation.kind", ""},
    {de3, "dcat:Dataset: dcatap:applicableLegislation MUSS auf eine Blank Node oder eine IRI verweisen.", "",
     "de3.dataset.applicableLegislation.kind", ""},
    {de3, "dcat:DatasetSeries: dcatap:applicableLegislation MUSS auf eine Blank Node oder eine IRI verweisen.", "",
     "de3.dataset.applicableLegislation.kind", ""},
    {de3, "dcat:DataService: dcatap:applicableLegislation MUSS auf eine Blank Node oder eine IRI verweisen.", "",
     "de3.dataset.applicableLegislation.kind", ""},
    {de3, "dcat:Dataset: dcterms:isReferencedBy MUSS auf eine Blank Node oder eine IRI verweisen.", "",
     "de3.dataset.isReferencedBy.kind", ""},
    {de3, "dcat:Dataset: dct:references MUSS eine IRI sein.", "", "de3.dataset.references.kind", ""},
    {de3, "dcat:Dataset: dcterms:type MUSS auf eine Blank Node oder eine IRI verweisen.", "", "de3.dataset.type.kind",
     ""},
    {de3, "dcat:Dataset: prov:qualifiedAttribution MUSS auf eine Blank Node oder eine IRI verweisen.", "",
     "de3.dataset.qualifiedAttribution.kind", ""},
    {de3, "dcat:Dataset: dcat:spatialResolutionInMeters MUSS auf ein Literal verweisen.", "",
     "de3.dataset.spatialResolutionInMeters.kind", ""},
    {de3, "dcat:Dataset: dcat:temporalResolution MUSS auf ein Literal verweisen.", "",
     "de3.dataset.temporalResolution.kind", ""},
    {de3, "dcat:DataService: dcat:servesDataset MUSS auf eine Blank Node oder eine IRI verweisen.", "",
     "de3.service.servesDataset.kind", ""},
    {de3, "dcat:DataService: dcat:endpointURL MUSS auf eine Blank Node oder eine IRI verweisen.", "",
     "de3.service.endpointURL.kind", ""},
    {de3, "dcat:DataService: dcterms:format MUSS auf eine Blank Node oder eine IRI verweisen.", "",
     "de3.service.format.kind", ""},
    {de3, "dcat:Distribution: dcterms:format MUSS auf eine Blank Node oder eine IRI verweisen.", "",
     "de3.distribution.format.kind", ""},
    {de3, "dcat:Distribution: dcat:mediaType MUSS auf eine Blank Node oder eine IRI verweisen.", "",
     "de3.distribution.mediaType.kind", ""},
    {de3, "dcat:Distribution: dcterms:issued MUSS auf ein Literal verweisen.", "", "de3.distribution.issued.kind", ""},
    {de3, "dcat:Distribution: dcterms:modified MUSS auf ein Literal verweisen.", "", "de3.distribution.modified.kind",
     ""},
    {de3, "dcat:Distribution: dcat:spatialResolutionInMeters MUSS auf ein Literal verweisen.", "",
     "de3.distribution.spatialResolutionInMeters.kind", ""},
    {de3, "dcat:Distribution: dcat:temporalResolution MUSS auf ein Literal verweisen.", "",
     "de3.distribution.temporalResolution.kind", ""},
    {de3, "dcat:Distribution: dcatap:applicableLegislation MUSS auf eine Blank Node oder eine IRI verweisen.", "",
     "de3.distribution.applicableLegislation.kind", ""},
    // ---- DCAT-AP.de 3.0: distributions
    {de3, "dcat:Distribution: dcat:accessURL MUSS MINDESTEN einmal vorkommen.", "", "de3.distribution.accessURL", ""},
    {de3, "dcat:Distribution: dcat:accessURL MUSS auf eine Blank Node oder eine IRI verweisen.", "",
     "de3.distribution.accessURL.kind", ""},
    {de3, "dcat:Distribution: dcat:downloadURL MUSS auf eine Blank Node oder eine IRI verweisen.", "",
     "de3.distribution.downloadURL.kind", ""},
    {de3, "dcat:Distribution: dcterms:title MUSS auf ein Literal verweisen.", "", "de3.distribution.title.kind", ""},
    {de3, "dcat:Distribution: dcterms:description MUSS auf ein Literal verweisen.", "",
     "de3.distribution.description.kind", ""},
    {de3, "DE: dcat:Distribution: MUSS eine dcterms:license haben.", "", "de3.distribution.license", ""},
    {de3, "dcat:Distribution: dcterms:license DARF MAXIMAL einmal vorkommen.", "", "de3.distribution.license.max", ""},
    {de3, "DE: dcat:Distribution: dcatde:licenseAttributionByText MUSS ein Literal sein.", "",
     "de3.distribution.licenseAttributionByText.kind", ""},
    {de3, "dcat:Distribution: dcterms:format DARF MAXIMAL einmal vorkommen.", "", "de3.distribution.format.max", ""},
    {de3, "dcat:Distribution: dcat:mediaType DARF MAXIMAL einmal vorkommen.", "", "de3.distribution.mediaType.max", ""},
    {de3, "dcat:Distribution: dcterms:issued DARF MAXIMAL einmal vorkommen.", "", "de3.distribution.issued.max", ""},
    {de3, "dcat:Distribution: dcterms:modified DARF MAXIMAL einmal vorkommen.", "", "de3.distribution.modified.max",
     ""},
    {de3, "dcat:Distribution: dcterms:rights DARF MAXIMAL einmal vorkommen.", "", "de3.distribution.rights.max", ""},
    {de3, "dcat:Distribution: adms:status DARF MAXIMAL einmal vorkommen.", "", "de3.distribution.status.max", ""},
    {de3, "dcat:Distribution: dcatap:availability DARF MAXIMAL einmal vorkommen.", "",
     "de3.distribution.availability.max", ""},
    {de3, "dcat:Distribution: dcat:byteSize DARF MAXIMAL einmal vorkommen.", "", "de3.distribution.byteSize.max", ""},
    {de3, "dcat:Distribution: dcat:byteSize MUSS ein als xsd:nonNegativeInteger getyptes Literal sein.", "",
     "de3.distribution.byteSize.datatype", ""},
    {de3, "dcat:Distribution: dcat:byteSize MUSS auf ein Literal verweisen.", "", "de3.distribution.byteSize.datatype",
     ""},
    {de3, "dcat:Distribution: spdx:checksum DARF MAXIMAL einmal vorkommen.", "", "de3.distribution.checksum.max", ""},
    {de3, "dcat:Distribution: dcat:compressFormat DARF MAXIMAL einmal vorkommen.", "",
     "de3.distribution.compressFormat.max", ""},
    {de3, "dcat:Distribution: dcat:packageFormat DARF MAXIMAL einmal vorkommen.", "",
     "de3.distribution.packageFormat.max", ""},
    {de3, "dcat:Distribution: foaf:page MUSS auf eine Blank Node oder eine IRI verweisen.", "",
     "de3.distribution.page.kind", ""},
    {de3, "dcat:Distribution: dcterms:conformsTo MUSS auf eine Blank Node oder eine IRI verweisen.", "",
     "de3.distribution.conformsTo.kind", ""},
    {de3, "dcat:Distribution: odrl:hasPolicy MUSS auf eine Blank Node oder eine IRI verweisen.", "",
     "de3.distribution.hasPolicy.kind", ""},
    // ---- DCAT-AP.de 3.0: nodes
    {de3, "foaf:Agent: foaf:name MUSS MINDESTEN einmal vorkommen.", "", "de3.agent.name", ""},
    {de3, "DE: vcard:Kind: MUSS über vcard:hasEmail, vcard:hasURL oder vcard:hasTelephone verfügen.", "",
     "de3.contact.channel", ""},
    {de3,
     "dcterms:PeriodOfTime: MUSS mindestens eine der folgenden Eigenschaften besitzen: Empfohlen: dcat:startDate, "
     "dcat:endDate. Andere Möglichkeiten: time:hasBeginning, time:hasEnd.",
     "", "de3.period.dates", ""},
    {de3, "spdx:Checksum: spdx:algorithm MUSS MINDESTEN einmal vorkommen.", "", "de3.checksum.algorithm", ""},
    {de3, "spdx:Checksum: spdx:checksumValue MUSS MINDESTEN einmal vorkommen.", "", "de3.checksum.checksumValue", ""},
    {de3, "spdx:Checksum: spdx:checksumValue MUSS ein als xsd:hexBinary getyptes Literal sein.", "",
     "de3.checksum.checksumValue.datatype", ""},
    {de3, "spdx:Checksum: spdx:checksumValue MUSS auf ein Literal verweisen.", "",
     "de3.checksum.checksumValue.datatype", ""},
    {de3, "adms:Identifier: skos:notation MUSS MINDESTEN einmal vorkommen.", "", "de3.identifier.notation", ""},
    {de3, "dct:Location: locn:geometry DARF MAXIMAL einmal vorkommen.", "", "de3.location.geometry.max", ""},
    {de3, "DE: prov:Attribution: MUSS mindestens einmal prov:agent haben.", "", "de3.attribution.agent", ""},
    {de3, "DE: prov:Attribution: prov:agent MUSS eine IRI sein.", "", "de3.attribution.agent", ""},
    {de3, "DE: prov:Attribution: MUSS mindestens einmal dcat:hadRole haben.", "", "de3.attribution.hadRole", ""},
    {de3, "DE: prov:Attribution: dcat:hadRole MUSS eine IRI sein.", "", "de3.attribution.hadRole", ""},
    // ---- DCAT-AP.de 3.0: controlled vocabularies
    {de3,
     "dcat:Dataset: dcat:theme MUSS folgendes Vokabular benutzen: "
     "https://www.dcat-ap.de/def/dcatde/3.0/spec/#kv-data-theme",
     "", "de3.vocab.dataset.theme", ""},
    {de3,
     "dcat:Dataset: dcterms:language MUSS folgendes Vokabular benutzen: "
     "https://www.dcat-ap.de/def/dcatde/3.0/spec/#kv-languages",
     "", "de3.vocab.dataset.language", ""},
    {de3,
     "dcat:Dataset: dcterms:accrualPeriodicity MUSS folgendes Vokabular benutzen: "
     "https://www.dcat-ap.de/def/dcatde/3.0/spec/#kv-frequency",
     "", "de3.vocab.dataset.accrualPeriodicity", ""},
    {de3,
     "dcat:DatasetSeries: dcterms:accrualPeriodicity MUSS folgendes Vokabular benutzen: "
     "https://www.dcat-ap.de/def/dcatde/3.0/spec/#kv-frequency",
     "", "de3.vocab.dataset.accrualPeriodicity", ""},
    {de3,
     "dcat:Dataset: dcterms:accessRights MUSS folgendes Vokabular benutzen: "
     "https://www.dcat-ap.de/def/dcatde/3.0/spec/#kv-access-right",
     "", "de3.vocab.dataset.accessRights", ""},
    {de3,
     "dcat:DataService: dcterms:accessRights MUSS folgendes Vokabular benutzen: "
     "https://www.dcat-ap.de/def/dcatde/3.0/spec/#kv-access-right",
     "", "de3.vocab.dataset.accessRights", ""},
    {de3,
     "dcat:Dataset: dcatde:contributorID SOLL, wenn passend, folgendes Vokabular benutzen: "
     "https://www.dcat-ap.de/def/dcatde/3.0/spec/#kv-contributors",
     "", "de3.vocab.dataset.contributorID", ""},
    {de3,
     "dcat:Dataset: dcatde:politicalGeocodingLevelURI SOLL folgendes Vokabular benutzen: "
     "https://www.dcat-ap.de/def/dcatde/3.0/spec/#kv-political-geocoding-level",
     "", "de3.vocab.dataset.politicalGeocodingLevelURI", ""},
    {de3,
     "dcat:DataService: dcterms:license SOLL folgendes Vokabular benutzen: "
     "https://www.dcat-ap.de/def/dcatde/3.0/spec/#kv-licenses",
     "", "de3.vocab.service.license", ""},
    {de3,
     "dcat:Distribution: dcterms:language MUSS folgendes Vokabular benutzen: "
     "https://www.dcat-ap.de/def/dcatde/3.0/spec/#kv-languages",
     "", "de3.vocab.distribution.language", ""},
    {de3,
     "dcat:Distribution: dcterms:license SOLL folgendes Vokabular benutzen: "
     "https://www.dcat-ap.de/def/dcatde/3.0/spec/#kv-licenses",
     "", "de3.vocab.distribution.license", ""},
    {de3,
     "dcat:Distribution: dcterms:format MUSS folgendes Vokabular benutzen: "
     "https://www.dcat-ap.de/def/dcatde/3.0/spec/#kv-file-type",
     "", "de3.vocab.distribution.format", ""},
    {de3,
     "dcat:Distribution: dcat:mediaType MUSS eine IRI aus diesem Vokabular verwenden: "
     "https://www.dcat-ap.de/def/dcatde/3.0/spec/#kv-iana-media-types (Getestet wird in diesem Fall lediglich, ob die "
     "verwendete IRI mit https://www.iana.org/assignments/media-types/ beginnt.)",
     "", "de3.vocab.distribution.mediaType", ""},
    {de3,
     "dcat:Distribution: dcat:compressFormat MUSS eine IRI aus diesem Vokabular verwenden: "
     "https://www.dcat-ap.de/def/dcatde/3.0/spec/#kv-iana-media-types (Getestet wird in diesem Fall lediglich, ob die "
     "verwendete IRI mit https://www.iana.org/assignments/media-types/ beginnt.)",
     "", "de3.vocab.distribution.compressFormat", ""},
    {de3,
     "dcat:Distribution: dcat:packageFormat MUSS eine IRI aus diesem Vokabular verwenden: "
     "https://www.dcat-ap.de/def/dcatde/3.0/spec/#kv-iana-media-types (Getestet wird in diesem Fall lediglich, ob die "
     "verwendete IRI mit https://www.iana.org/assignments/media-types/ beginnt.)",
     "", "de3.vocab.distribution.packageFormat", ""},
    {de3,
     "dcat:Distribution: adms:status MUSS folgendes Vokabular benutzen: "
     "https://www.dcat-ap.de/def/dcatde/3.0/spec/#kv-distribution-status",
     "", "de3.vocab.distribution.status", ""},
    {de3,
     "dcat:Distribution: dcatap:availability MUSS folgendes Vokabular benutzen: "
     "https://www.dcat-ap.de/def/dcatde/3.0/spec/#kv-availability",
     "", "de3.vocab.distribution.availability", ""},
    {de3,
     "foaf:Agent: dcterms:type MUSS folgendes Vokabular benutzen: "
     "https://www.dcat-ap.de/def/dcatde/3.0/spec/#kv-adms-publisher",
     "", "de3.vocab.agent.type", ""},
    {de3,
     "spdx:Checksum: spdx:algorithm SOLL folgendes Vokabular benutzen: "
     "https://www.dcat-ap.de/def/dcatde/3.0/spec/#kv-hash-algorithms",
     "", "de3.vocab.checksum.algorithm", ""},
    // ---- DCAT-AP.de 3.0: deprecated
    {de3, "Deprecated: dcatde:politicalGeocodingURI soll nicht mehr verwendet werden.", "",
     "de3.deprecated.politicalGeocodingURI", ""},
    {de3, "Deprecated: dcatde:geocodingDescription soll nicht mehr verwendet werden.", "",
     "de3.deprecated.geocodingDescription", ""},
    {de3, "Deprecated: dcatde:legalBasis soll nicht mehr verwendet werden.", "", "de3.deprecated.legalBasis", ""},
    {de3, "Deprecated: dcatde:qualityProcessURI soll nicht mehr verwendet werden.", "",
     "de3.deprecated.qualityProcessURI", ""},
    {de3, "Deprecated: dcatde:originator soll nicht mehr verwendet werden.", "", "de3.deprecated.originator", ""},
    {de3, "Deprecated: dcatde:maintainer soll nicht mehr verwendet werden.", "", "de3.deprecated.maintainer", ""},
    {de3, "Deprecated: dcterms:hasVersion soll nicht mehr verwendet werden.", "", "de3.deprecated.hasVersion", ""},
    {de3, "Deprecated: dcterms:isVersionOf soll nicht mehr verwendet werden.", "", "de3.deprecated.isVersionOf", ""},
    {de3, "Deprecated: owl:versionInfo soll nicht mehr verwendet werden.", "", "de3.deprecated.versionInfo", ""},
    {de3, "Deprecated: Die Codeliste 'http://purl.org/adms/status/' soll nicht mehr verwendet werden.", "",
     "de3.deprecated.status", ""},
    {de3, "Deprecated: Die Codeliste 'http://dcat-ap.de/def/hashAlgorithms/' soll nicht mehr verwendet werden.", "",
     "de3.deprecated.hashAlgorithm", ""},
    // ---- DCAT-AP.de 3.0: not implemented
    {de3, "dcat:Dataset: dcterms:source MUSS auf eine Klasse vom Typ dcat:Dataset verweisen.", "", "",
     k_other_resource},
    {de3, "dcat:Dataset: adms:sample MUSS auf eine Klasse vom Typ dcat:Distribution verweisen.", "", "",
     k_other_resource},
    {de3, "dcat:Dataset: dcat:inSeries MUSS auf eine Klasse vom Typ dcat:DatasetSeries verweisen.", "", "",
     k_other_resource},
    {de3, "dcat:Dataset: dcat:hasVersion MUSS auf eine Klasse vom Typ dcat:Dataset verweisen.", "", "",
     k_other_resource},
    {de3, "dcat:Distribution: dcat:accessService MUSS auf eine Klasse vom Typ dcat:DataService verweisen.", "", "",
     k_other_resource},
    {de3, "dcat:DataService: dcat:servesDataset MUSS auf eine Klasse vom Typ dcat:Dataset verweisen.", "", "",
     k_other_resource},
    {de3, "dcat:Dataset: dcterms:creator MUSS auf eine Klasse vom Typ foaf:Agent verweisen.", "", "", k_referenced_agent},
    {de3, "dcat:Dataset: dcterms:publisher MUSS auf eine Klasse vom Typ foaf:Agent verweisen.", "", "",
     k_referenced_agent},
    {de3,
     "dcat:Dataset: dcterms:type SOLL folgendes Vokabular benutzen: "
     "https://www.dcat-ap.de/def/dcatde/3.0/spec/#kv-dataset-type",
     "", "", k_dataset_type},
    {de3, "dcat:Relationship: dcat:hadRole MUSS auf eine Klasse vom Typ dcat:Role verweisen.", "", "", k_role},
    // ---- Conventions
    {conv,
     "K01: Kontaktinformationen (dcat:contactPoint) MÜSSEN mindestens Angaben zur Email (vcard:hasEmail) oder einen "
     "Link zum Kontaktformular oder Chatbot (vcard:hasURL) enthalten. ",
     "", "K01", ""},
    {conv,
     "K12&13: dcat:Dataset: dcatde:contributorID MUSS verwendet werden und DARF nur genau einmal eine IRI aus "
     "http://dcat-ap.de/def/contributors/ verwenden. Siehe: "
     "https://www.dcat-ap.de/def/dcatde/2.0/implRules/#konvention-12 ",
     "", "K12-13", ""},
    {conv,
     "K30: dcat:Dataset: dcat:theme: Zur Steigerung der Metadatenqualität wird die Angabe von Kategorien empfohlen. "
     "Siehe: https://www.dcat-ap.de/def/dcatde/2.0/implRules/#angaben-zu-kategorien ",
     "", "K30", ""},
    {conv,
     "K31: dcat:Distribution: dct:license MUSS eine IRI aus http://dcat-ap.de/def/licenses/ verwenden. Siehe: "
     "https://www.dcat-ap.de/def/dcatde/2.0/implRules/#konvention-31 ",
     "", "K31", ""},
    {conv,
     "K32: dcat:Distribution: dct:format MUSS eine IRI aus dem  EU Vokabular 'File Type' verwenden. Siehe: "
     "https://www.dcat-ap.de/def/dcatde/2.0/implRules/#konvention-32 ",
     "", "K32", ""},
    {conv,
     "K36: dcat:Dataset: dct:publisher MUSS verwendet werden. Siehe: "
     "https://www.dcat-ap.de/def/dcatde/2.0/implRules/#konvention-36 ",
     "", "K36", ""},
    {conv,
     "dct:PeriodOfTime: MUSS mindestens eine der folgenden Eigenschaften besitzen: Empfohlen: dcat:startDate, "
     "dcat:endDate. Andere Möglichkeiten: time:hasBeginning, time:hasEnd, schema:startDate, schema:endDate.",
     "", "K38", ""},
    {conv,
     "KXX: dcat:Dataset: dcat:keyword: Zur Steigerung der Metadatenqualität wird die Angabe von Schlagworten "
     "empfohlen. Siehe: https://www.dcat-ap.de/def/dcatde/2.0/spec/#datensatz-schlagwort ",
     "", "conv.dataset.keyword", ""},
    {conv,
     "KXX: dcat:Dataset: dcat:landingPage: Zur Steigerung der Metadatenqualität wird die Angabe der ursprünglichen "
     "Webseite empfohlen. Siehe: https://www.dcat-ap.de/def/dcatde/2.0/spec/#datensatz-ursprungliche-webseite ",
     "", "conv.dataset.landingPage", ""},
    {conv,
     "KXX: dcat:Dataset: dct:issued: Zur Steigerung der Metadatenqualität wird die Angabe des Veröffentlichungsdatums "
     "empfohlen. Siehe: https://www.dcat-ap.de/def/dcatde/2.0/spec/#datensatz-veroffentlichungsdatum ",
     "", "conv.dataset.issued", ""},
    {conv, "KXX: dcat:Distribution: dct:title: Es wird empfohlen, dass jede Distribution über einen dct:title verfügt.",
     "", "conv.distribution.title", ""},
    {conv,
     "dcat:Dataset: Ggf. MUSS dct:identifier zur Dublettenprüfung verwendet werden. Siehe: "
     "https://www.dcat-ap.de/def/dcatde/2.0/implRules/#erkennung-von-dubletten ",
     "", "conv.dataset.identifier", ""},
    {conv,
     "dcat:Dataset: Ggf. MUSS dct:modified zur Dublettenprüfung verwendet werden. Siehe: "
     "https://www.dcat-ap.de/def/dcatde/2.0/implRules/#erkennung-von-dubletten ",
     "", "conv.dataset.modified", ""},
    {conv, "dcat:Dataset: dcat:distribution: Es wird empfohlen, dass jedes Dataset über eine Distribution verfügt.", "",
     "conv.dataset.distribution", ""},
    // ---- Conventions profile: range conditions of the conventions file
    {conv, "dcat:Dataset: dct:accessRights SOLL eine IRI oder ein Literal sein.", "", "", k_v2_ranges},
    {conv, "dcat:DataService: dct:accessRights SOLL eine IRI oder ein Literal sein.", "", "", k_v2_ranges},
    {conv, "dcat:Dataset: dct:conformsTo SOLL eine IRI oder ein Literal sein.", "", "", k_v2_ranges},
    {conv, "dcat:Distribution: dct:conformsTo SOLL eine IRI oder ein Literal sein.", "", "", k_v2_ranges},
    {conv, "dcat:Dataset: dct:provenance SOLL eine IRI oder ein Literal sein.", "", "", k_v2_ranges},
    {conv, "dcat:Distribution: dct:rights SOLL eine IRI oder ein Literal sein.", "", "", k_v2_ranges},
    {conv, "dcat:Distribution: odrl:hasPolicy SOLL eine IRI sein.", "", "", k_v2_ranges},
    {conv, "dcat:Dataset: prov:wasGeneratedBy SOLL eine IRI sein.", "", "", k_v2_ranges},
    {conv, "dcat:Dataset: dcat:landingPage SOLL eine IRI sein.", "", "", k_v2_ranges},
    {conv, "dcat:Dataset: foaf:page SOLL eine IRI sein.", "", "", k_v2_ranges},
    // ---- Conventions profile: the DCAT-AP.de 2.0 specification beside them
    {conv, "dcat:Dataset: dct:creator MUSS auf einen foaf:Agent verweisen.", "", "", k_referenced_agent},
    {conv, "dcat:Dataset: dct:contributor MUSS auf einen foaf:Agent verweisen.", "", "", k_referenced_agent},
    {conv, "dcat:Dataset: dcatde:originator MUSS auf einen foaf:Agent verweisen.", "", "", k_referenced_agent},
    {conv, "dcat:Dataset: dcatde:maintainer MUSS auf einen foaf:Agent verweisen.", "", "", k_referenced_agent},
    {conv, "dcat:Dataset: dct:publisher MUSS auf einen foaf:Agent verweisen.", "", "", k_referenced_agent},
    {conv, "Less than 1 values", "http://purl.org/dc/terms/title", "", k_v2_spec},
    {conv, "Less than 1 values", "http://purl.org/dc/terms/description", "", k_v2_spec},
    {conv, "Less than 1 values", "http://xmlns.com/foaf/0.1/name", "", k_v2_spec},
    {conv, "More than 1 values", "http://www.w3.org/ns/locn#geometry", "", k_v2_spec},
    {conv, "Value does not have node kind <http://www.w3.org/ns/shacl#Literal>", "http://www.w3.org/ns/locn#geometry",
     "", k_v2_spec},
    {conv, "Value does not have node kind <http://www.w3.org/ns/shacl#Literal>", "http://www.w3.org/ns/dcat#keyword",
     "", k_v2_spec},
    {conv, "Value does not have node kind <http://www.w3.org/ns/shacl#BlankNodeOrIRI>",
     "http://www.w3.org/ns/dcat#endpointDescription", "", k_v2_spec},
    {conv, "Value does not have datatype <http://www.w3.org/2001/XMLSchema#decimal>",
     "http://www.w3.org/ns/dcat#byteSize", "", k_v2_spec},
    {conv, "Missing expected value <http://spdx.org/rdf/terms#checksumAlgorithm_sha1>",
     "http://spdx.org/rdf/terms#algorithm", "", k_v2_spec},
    {conv, "dcat:Dataset: dcatde:politicalGeocodingLevelURI MUSS eine IRI sein.", "", "", k_v2_spec},
    {conv,
     "dcat:Dataset: dcatde:politicalGeocodingLevelURI SOLL folgendes Vokabular benutzten: "
     "http://dcat-ap.de/def/politicalGeocoding/Level/",
     "", "", k_v2_spec},
    {conv,
     "dcat:Dataset: dcatde:politicalGeocodingURI SOLL eines der hier aufgelisteten Vokabulare benutzten: "
     "https://www.dcat-ap.de/def/dcatde/2.0/spec/#kv-political-geocoding-uri",
     "", "", k_v2_spec},
    {conv, "dcat:Distribution: dct:license MUSS eine IRI sein.", "", "", k_v2_spec},
    {conv, "dcat:Distribution: dct:license SOLL folgendes Vokabular benutzten: https://www.dcat-ap.de/def/licenses/",
     "", "", k_v2_spec},
    {conv, "dcat:DataService: dct:license SOLL folgendes Vokabular benutzten: https://www.dcat-ap.de/def/licenses/", "",
     "", k_v2_spec},
    {conv,
     "dcat:Distribution: adms:status MUSS eine IRI aus diesem Vokabular verwenden: "
     "https://www.dcat-ap.de/def/dcatde/2.0/spec/#kv-adms-status",
     "", "", k_v2_spec},
    {conv,
     "foaf:Agent: dct:type MUSS eine IRI aus diesem Vokabular verwenden: "
     "https://www.dcat-ap.de/def/dcatde/2.0/spec/#kv-adms-publisher",
     "", "", k_v2_spec},
    {conv,
     "spdx:Checksum: spdx:algorithm MUSS eine IRI aus diesem Vokabular verwenden: "
     "https://www.dcat-ap.de/def/dcatde/2.0/spec/#kv-hash-algorithms",
     "", "", k_v2_spec},
    {conv,
     "Deprecated: dcat:Dataset: dct:hasVersion soll nicht mehr für Collections verwendet werden. Siehe: "
     "https://www.dcat-ap.de/def/dcatde/2.0/implRules/#sammlungen-und-reihen-von-datensatzen ",
     "", "", k_v2_spec},
    {conv,
     "Deprecated: dcat:Dataset: dct:type soll nicht mehr für Collections verwendet werden. Siehe: "
     "https://www.dcat-ap.de/def/dcatde/2.0/implRules/#sammlungen-und-reihen-von-datensatzen ",
     "", "", k_v2_spec},
    {conv,
     "Deprecated: dcat:Dataset: dcat:granularity soll nicht mehr verwendet werden. Stattdessen z.B. "
     "dcat:temporalResolution. Siehe: https://www.dcat-ap.de/def/dcatde/2.0/spec/#datensatz-zeitliche-auflosung ",
     "", "", k_v2_spec},
    {conv,
     "dcat:Dataset: dct:hasVersion MUSS auf ein dcat:Dataset verweisen. (Löst auch aus, wenn nur eine IRI angegeben "
     "wird, die verlinkte Ressource aber nicht mit validiert wird.)",
     "", "", k_v2_spec},
    {conv,
     "dcat:Dataset: dct:isVersionOf MUSS auf ein dcat:Dataset verweisen. (Löst auch aus, wenn nur eine IRI angegeben "
     "wird, die verlinkte Ressource aber nicht mit validiert wird.)",
     "", "", k_v2_spec},
    {conv,
     "dcat:Dataset: dct:source MUSS auf ein dcat:Dataset verweisen. (Löst auch aus, wenn nur eine IRI angegeben wird, "
     "die verlinkte Ressource aber nicht mit validiert wird.)",
     "", "", k_v2_spec},
    {conv,
     "dcat:Dataset: adms:sample MUSS auf eine dcat:Distribution verweisen. (Löst auch aus, wenn nur eine IRI angegeben "
     "wird, die verlinkte Ressource aber nicht mit validiert wird.)",
     "", "", k_v2_spec},
    {conv,
     "dct:Location: SOLL eine der folgenden Eigenschaften nutzen: dcat:bbox, dcat:centroid, locn:geometry. Wenn Sie "
     "eine davon abweichende Eigenschaften nutzen, können Sie den Fehler ignorieren.",
     "", "", k_v2_spec},
    {conv, "Less than 1 values", "http://www.w3.org/ns/dcat#accessURL", "", k_v2_spec},
    {conv, "More than 1 values", "http://purl.org/dc/terms/format", "", k_v2_spec},
    {conv, "More than 1 values", "http://purl.org/dc/terms/issued", "", k_v2_spec},
    {conv, "dcat:DataService: dcat:servesDataset MUSS auf ein dcat:Dataset verweisen.", "", "", k_v2_spec},
    {conv, "dcat:Dataset: DARF maximal eine dcat:granularity haben.", "", "", k_v2_spec},
    {conv, "dcat:Dataset: DARF maximal eine dcatde:qualityProcessURI haben.", "", "", k_v2_spec},
    {conv, "dcat:Dataset: dcat:granularity MUSS eine IRI sein.", "", "", k_v2_spec},
    {conv, "dcat:Dataset: dcatde:geocodingDescription MUSS ein Literal sein.", "", "", k_v2_spec},
    {conv, "dcat:Dataset: dcatde:legalBasis MUSS ein Literal sein.", "", "", k_v2_spec},
    {conv, "dcat:Dataset: dcatde:politicalGeocodingURI MUSS eine IRI sein.", "", "", k_v2_spec},
    {conv,
     "dcat:Dataset: dct:accrualPeriodicity MUSS eine IRI aus diesem Vokabular verwenden: "
     "https://www.dcat-ap.de/def/dcatde/2.0/spec/#kv-frequency",
     "", "", k_v2_spec},
    {conv,
     "dcat:Dataset: dcat:theme MUSS eine IRI aus diesem Vokabular verwenden: "
     "https://www.dcat-ap.de/def/dcatde/2.0/spec/#kv-data-theme",
     "", "", k_v2_spec},
    {conv, "dcat:Dataset: dct:spatial MUSS auf eine IRI oder einen BlankNode (vom Typ dct:Location) verweisen.", "", "",
     k_v2_spec},
    {conv, "dcat:Dataset: dct:temporal MUSS auf eine dct:PeriodOfTime verweisen.", "", "", k_v2_spec},
    {conv, "dcat:Dataset: dct:type MUSS eine IRI sein.", "", "", k_v2_spec},
    {conv,
     "dcat:Distribution: dcat:mediaType MUSS eine IRI aus diesem Vokabular verwenden: "
     "https://www.dcat-ap.de/def/dcatde/2.0/spec/#kv-iana-media-types (Getestet wird in diesem Fall lediglich, ob die "
     "verwendete IRI mit https://www.iana.org/assignments/media-types/ beginnt.)",
     "", "", k_v2_spec},
    {conv,
     "dcat:Distribution: dcat:packageFormat MUSS eine IRI aus diesem Vokabular verwenden: "
     "https://www.dcat-ap.de/def/dcatde/2.0/spec/#kv-iana-media-types (Getestet wird in diesem Fall lediglich, ob die "
     "verwendete IRI mit https://www.iana.org/assignments/media-types/ beginnt.)",
     "", "", k_v2_spec},
    {conv,
     "dcat:Distribution: dct:format MUSS eine IRI aus diesem Vokabular verwenden: "
     "https://www.dcat-ap.de/def/dcatde/2.0/spec/#kv-file-type",
     "", "", k_v2_spec},
    // ---- GovData dashboard
    {dashboard, "Jedes Dataset muss über wenigstens ein Keyword verfügen. Dabei muss es sich um ein Literal handeln.",
     "", "db.keyword", ""},
    {dashboard,
     "Jedes Dataset muss über genau eine dcatde:contributorID verfügen, die auch auf dcat-ap.de veröffentlicht wurde. "
     "Weitere contributorIDs sind erlaubt, solange sie nicht auf dcat-ap.de veröffentlich wurden.",
     "", "db.contributorID", ""},
    {dashboard, "Das Dataset muss über genau einen dct:publisher verfügen.", "", "db.publisher", ""},
    {dashboard, "Der dct:publisher muss über mindestens einen foaf:name verfügen, der ein Literal ist.", "",
     "db.publisher.name", ""},
    {dashboard, "Eine Distribution darf NIEMALS über mehr als eine Lizenz verfügen!", "", "db.license.max", ""},
    {dashboard, "Jede Distribution muss über eine Lizenz verfügen.", "", "db.license", ""},
    {dashboard,
     "Die Lizenz der Distribution muss gemäß http://dcat-ap.de/def/licenses angegeben werden. Löst auch aus, wenn "
     "Lizenz als Literal angegeben wird.",
     "", "db.license.list", ""},
    {dashboard,
     "Die Lizenz der Distribution sollte eine offene Lizenz sein. Löst auch aus, wenn Lizenz als Literal angegeben "
     "wird.",
     "", "db.license.open", ""},

});

// ---------------------------------------------------------------- reading the record as the export writes it

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

bool contains(std::string_view s, std::string_view part) { return s.find(part) != std::string_view::npos; }

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/// An IRI the export can use as a predicate: a scheme, then something (export_text's has_scheme).
bool has_scheme(std::string_view iri) {
    if (iri.empty() || !is_alpha(iri[0])) return false;
    for (std::size_t k = 1; k < iri.size(); ++k) {
        const char c = iri[k];
        if (c == ':') return k + 1 < iri.size();
        if (!is_alpha(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') return false;
    }
    return false;
}

/// An extra the export writes (export_graph's writable()).
bool writable(const ExtraProperty& e) {
    return has_scheme(e.predicate) && !(e.object.kind == Term::Kind::iri && e.object.value.empty());
}

/// A geometry literal the export moves from the record into a dct:Location.
bool is_geometry(const ExtraProperty& e) {
    if (e.object.kind != Term::Kind::literal || !e.children.empty()) return false;
    return e.predicate == locn_geometry || e.predicate == dcat_bbox || e.predicate == dcat_centroid;
}

/// True when the source said something the export writes about the node `e` refers to.
bool has_description(const ExtraProperty& e) {
    return std::any_of(e.children.begin(), e.children.end(), [](const ExtraProperty& c) { return writable(c); });
}

/// The classes the export gives the node of a predicate it does not model
/// (export_graph's k_ranges, for the classes these rules look at).
std::string_view range_of(std::string_view predicate) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 11> ranges{{
        {dct_temporal, dct_period_of_time},
        {dcat_access_service, dcat_data_service},
        {dct_spatial, dct_location},
        {dct_publisher, foaf_agent},
        {dct_creator, foaf_agent},
        {dct_contributor, foaf_agent},
        {dct_rights_holder, foaf_agent},
        {dcatde_originator, foaf_agent},
        {dcatde_maintainer, foaf_agent},
        {adms_identifier, adms_identifier_class},
        {spdx_checksum, spdx_checksum_class},
    }};
    for (const auto& [p, type] : ranges)
        if (p == predicate) return type;
    return {};
}

/// Whether the export types the node `e` refers to as `type`: a described
/// node gets its own rdf:type statements or, without any, the range of the
/// predicate; a literal or an undescribed node gets none.
bool typed_as(const ExtraProperty& e, std::string_view type) {
    if (e.object.kind == Term::Kind::literal || !has_description(e)) return false;
    bool explicit_type = false;
    for (const ExtraProperty& c : e.children) {
        if (c.predicate != rdf_type || c.object.kind != Term::Kind::iri || c.object.value.empty()) continue;
        if (c.object.value == type) return true;
        explicit_type = true;
    }
    return !explicit_type && range_of(e.predicate) == type;
}

/// The statements of the node `e` refers to with `predicate`.
std::vector<const ExtraProperty*> children_of(const ExtraProperty& e, std::string_view predicate) {
    std::vector<const ExtraProperty*> out;
    for (const ExtraProperty& c : e.children)
        if (c.predicate == predicate && writable(c)) out.push_back(&c);
    return out;
}

bool has_child(const ExtraProperty& e, std::string_view predicate) { return !children_of(e, predicate).empty(); }

bool has_literal_child(const ExtraProperty& e, std::string_view predicate) {
    const auto values = children_of(e, predicate);
    return std::any_of(values.begin(), values.end(),
                       [](const ExtraProperty* c) { return c->object.kind == Term::Kind::literal; });
}

/// A predicate the rules ask the extras for: an http IRI, checked when
/// compiled, so that extras under other predicates (CKAN's urn:ckan:extra:)
/// can be left out before the rules look.
struct Predicate {
    // Implicit, so that the rules name predicates by their IRIs.
    consteval Predicate(std::string_view predicate) : iri(predicate) {  // NOLINT(google-explicit-constructor)
        if (!may_be(predicate)) throw "the rules ask only for http IRIs";
    }
    template <std::size_t N>
    consteval Predicate(const char (&predicate)[N]) : Predicate(std::string_view(predicate, N - 1)) {}  // NOLINT
    static constexpr bool may_be(std::string_view predicate) { return predicate.starts_with("http"); }
    std::string_view iri;
};

/// The kind of value a shape asks for (sh:nodeKind).
enum class ValueKind { literal, iri, node };

bool kind_matches(const Term& t, ValueKind kind) {
    switch (kind) {
        case ValueKind::literal: return t.kind == Term::Kind::literal;
        case ValueKind::iri: return t.kind == Term::Kind::iri;
        case ValueKind::node: return t.kind != Term::Kind::literal;
    }
    return false;
}

/// The kind a shape asks for the values of a property the model does not
/// hold (or holds and keeps other values of as extras): the extras of the
/// record (or of each distribution) with the predicate are checked.
struct KindCheck {
    RuleId rule;
    Predicate predicate;
    std::string_view path;
    ValueKind kind;
    bool distribution;
};

constexpr std::array k_kind_checks = std::to_array<KindCheck>({
    {"de3.dataset.distribution.kind", "http://www.w3.org/ns/dcat#distribution", "dcat:distribution", ValueKind::node,
     false},
    {"de3.dataset.inSeries.kind", "http://www.w3.org/ns/dcat#inSeries", "dcat:inSeries", ValueKind::node, false},
    {"de3.dataset.issued.kind", "http://purl.org/dc/terms/issued", "dct:issued", ValueKind::literal, false},
    {"de3.dataset.modified.kind", "http://purl.org/dc/terms/modified", "dct:modified", ValueKind::literal, false},
    {"de3.dataset.version.kind", "http://www.w3.org/ns/dcat#version", "dcat:version", ValueKind::literal, false},
    {"de3.dataset.versionNotes.kind", "http://www.w3.org/ns/adms#versionNotes", "adms:versionNotes", ValueKind::literal,
     false},
    {"de3.dataset.hasVersion.kind", "http://www.w3.org/ns/dcat#hasVersion", "dcat:hasVersion", ValueKind::node, false},
    {"de3.dataset.qualifiedRelation.kind", "http://www.w3.org/ns/dcat#qualifiedRelation", "dcat:qualifiedRelation",
     ValueKind::node, false},
    {"de3.dataset.applicableLegislation.kind", "http://data.europa.eu/r5r/applicableLegislation",
     "dcatap:applicableLegislation", ValueKind::node, false},
    {"de3.dataset.isReferencedBy.kind", "http://purl.org/dc/terms/isReferencedBy", "dct:isReferencedBy",
     ValueKind::node, false},
    {"de3.dataset.references.kind", "http://purl.org/dc/terms/references", "dct:references", ValueKind::iri, false},
    {"de3.dataset.type.kind", "http://purl.org/dc/terms/type", "dct:type", ValueKind::node, false},
    {"de3.dataset.qualifiedAttribution.kind", "http://www.w3.org/ns/prov#qualifiedAttribution",
     "prov:qualifiedAttribution", ValueKind::node, false},
    {"de3.dataset.spatialResolutionInMeters.kind", "http://www.w3.org/ns/dcat#spatialResolutionInMeters",
     "dcat:spatialResolutionInMeters", ValueKind::literal, false},
    {"de3.dataset.temporalResolution.kind", "http://www.w3.org/ns/dcat#temporalResolution", "dcat:temporalResolution",
     ValueKind::literal, false},
    {"de3.service.servesDataset.kind", "http://www.w3.org/ns/dcat#servesDataset", "dcat:servesDataset", ValueKind::node,
     false},
    {"de3.service.endpointURL.kind", "http://www.w3.org/ns/dcat#endpointURL", "dcat:endpointURL", ValueKind::node,
     false},
    {"de3.service.format.kind", "http://purl.org/dc/terms/format", "dct:format", ValueKind::node, false},
    {"de3.distribution.format.kind", "http://purl.org/dc/terms/format", "dct:format", ValueKind::node, true},
    {"de3.distribution.mediaType.kind", "http://www.w3.org/ns/dcat#mediaType", "dcat:mediaType", ValueKind::node, true},
    {"de3.distribution.issued.kind", "http://purl.org/dc/terms/issued", "dct:issued", ValueKind::literal, true},
    {"de3.distribution.modified.kind", "http://purl.org/dc/terms/modified", "dct:modified", ValueKind::literal, true},
    {"de3.distribution.spatialResolutionInMeters.kind", "http://www.w3.org/ns/dcat#spatialResolutionInMeters",
     "dcat:spatialResolutionInMeters", ValueKind::literal, true},
    {"de3.distribution.temporalResolution.kind", "http://www.w3.org/ns/dcat#temporalResolution",
     "dcat:temporalResolution", ValueKind::literal, true},
    {"de3.distribution.applicableLegislation.kind", "http://data.europa.eu/r5r/applicableLegislation",
     "dcatap:applicableLegislation", ValueKind::node, true},
});

bool agent_absent(const Agent& a) { return a.empty() && a.type_iri.empty(); }

bool contact_absent(const ContactPoint& c) {
    return c.empty() && c.street.empty() && c.postal_code.empty() && c.locality.empty() && c.country.empty();
}

bool checksum_written(const Distribution& dist) {
    return dist.checksum && !(dist.checksum->algorithm.empty() && dist.checksum->value.empty());
}

bool is_hex_binary(std::string_view v) {
    if (v.size() % 2 != 0) return false;
    return std::all_of(v.begin(), v.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
}

/// A literal of dcat:byteSize that is a valid xsd:nonNegativeInteger.
bool is_byte_size_literal(const Term& t) {
    if (t.kind != Term::Kind::literal || t.datatype != xsd_non_negative_integer || t.value.empty()) return false;
    std::string_view v = t.value;
    if (v.front() == '+') v.remove_prefix(1);
    return !v.empty() && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// sh:pattern "^https?://www.iana.org/assignments/media-types/" with flag "i"
/// on an IRI or literal.
bool is_iana_media_type_iri(std::string_view value) {
    char buffer[48];
    const std::size_t size = std::min(value.size(), sizeof buffer);
    std::transform(value.begin(), value.begin() + static_cast<std::ptrdiff_t>(size), buffer,
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const std::string_view v(buffer, size);
    for (const std::string_view scheme : {std::string_view("http://"), std::string_view("https://")}) {
        if (!starts_with(v, scheme)) continue;
        const std::string_view rest = v.substr(scheme.size());
        // "." in the official pattern matches any character
        return rest.size() >= 37 && rest.substr(0, 3) == "www" && rest.substr(4, 4) == "iana" &&
               rest.substr(9, 28) == "org/assignments/media-types/";
    }
    return false;
}

/// The same for a value as written (a blank node never matches a pattern).
bool is_iana_media_type_iri(const Term& t) { return t.kind != Term::Kind::blank && is_iana_media_type_iri(t.value); }

/// A value as written, whether the record models it or keeps it as an extra.
struct TermView {
    Term::Kind kind = Term::Kind::literal;
    std::string_view value;
    std::string_view datatype;  ///< literal datatype IRI, empty for plain literals
};

TermView view_of(const Term& t) { return {t.kind, t.value, t.datatype}; }

/// A value for messages: the text or IRI; a node without IRI as empty.
std::string_view value_text(const TermView& t) {
    return t.kind == Term::Kind::blank ? std::string_view() : t.value;
}
std::string_view value_text(const Term& t) { return value_text(view_of(t)); }

/// The first title of a distribution, German preferred.
std::string distribution_label(const Distribution& dist, std::size_t index) {
    const model::LangString* chosen = nullptr;
    for (const auto& t : dist.title) {
        if (t.value.empty()) continue;
        if (chosen == nullptr || (t.lang == "de" && chosen->lang != "de")) chosen = &t;
    }
    return chosen != nullptr ? chosen->value : fmt::format("{}", index + 1);
}

// ---------------------------------------------------------------- membership in the lists
// The official shapes ask for the exact IRI of the list (skos:inScheme of
// the loaded vocabulary); the look-ups accept variants (https, www., a
// trailing slash), so a value is a member when it maps to itself.

bool maps_to_itself(const std::optional<std::string>& mapped, std::string_view value) {
    return mapped && *mapped == value;
}

/// A single value where the rules take several.
std::span<const std::string> one(const std::string& value) { return {&value, 1}; }

/// Where a finding is: on the record or a distribution, the property path
/// from there, and the offending value (views into the record, the static
/// tables or the texts the findings keep).
struct Place {
    std::optional<std::size_t> distribution;
    std::string_view path;
    std::string_view value;
};

/// A fix for this value: what to publish instead.
struct Suggestion {
    std::string de;
    std::string en;
};

Suggestion publish_instead(std::string_view value, std::string_view iri) {
    if (value.empty()) return {fmt::format("Zu veröffentlichen: {}.", iri), fmt::format("Publish: {}.", iri)};
    return {fmt::format("Statt „{}“ zu veröffentlichen: {}.", value, iri),
            fmt::format("Publish {} instead of '{}'.", iri, value)};
}

// ---------------------------------------------------------------- the checker

class RuleChecker {
public:
    RuleChecker(const Dataset& d, const Vocabularies& vocab, Profiles profiles, FindingTexts texts,
                FindingList& findings)
        : m_d(d),
          m_vocab(vocab),
          m_profiles(profiles),
          m_texts(texts == FindingTexts::compose),
          m_findings(findings),
          m_first(findings.size()) {
        // The extras the rules may ask for (Predicate), looked through once;
        // CKAN records keep most of theirs under urn:ckan:extra: predicates.
        for (const ExtraProperty& e : d.extra)
            if (Predicate::may_be(e.predicate) && writable(e) && !is_geometry(e)) m_record_extras.push_back(&e);
        m_distribution_extras.resize(d.distributions.size());
        for (std::size_t i = 0; i < d.distributions.size(); ++i) {
            for (const ExtraProperty& e : d.distributions[i].extra)
                if (Predicate::may_be(e.predicate) && writable(e)) m_distribution_extras[i].push_back(&e);
        }
    }

    /// Checks the record; returns the number of violations of the DCAT-AP.de 3.0 rules.
    std::size_t run() {
        record_cardinalities();
        record_kinds();
        record_vocabularies();
        deprecated();
        agents();
        contacts();
        periods();
        locations();
        attributions();
        identifiers();
        for (std::size_t i = 0; i < m_d.distributions.size(); ++i) distribution(m_d.distributions[i], i);
        conventions();
        dashboard_rules();
        // In rule order, found order within a rule.
        if (!std::is_sorted(m_order.begin(), m_order.end())) {
            std::sort(m_order.begin(), m_order.end());
            auto& entries = m_findings.entries();
            const std::vector<FindingList::Entry> found(entries.begin() + static_cast<std::ptrdiff_t>(m_first),
                                                        entries.end());
            for (std::size_t i = 0; i < m_order.size(); ++i) entries[m_first + i] = found[m_order[i].second];
        }
        return m_violations;
    }

private:
    /// The rule `id` when its profile is selected and it applies to this kind
    /// of record (`any_record`: to a node the record describes, such as a
    /// data service described inside a distribution, whatever the record is).
    const Rule* active(RuleId id, bool any_record = false) const {
        const Rule& rule = k_rules[id.index];
        if (!m_profiles.has(rule.profile)) return nullptr;
        return any_record || (rule.records & record_bit()) != 0 ? &rule : nullptr;
    }

    unsigned record_bit() const {
        switch (m_d.type) {
            case ResourceType::data_service: return RecordKind::services;
            case ResourceType::dataset_series: return RecordKind::series;
            case ResourceType::dataset: break;
        }
        return RecordKind::datasets;
    }

    void add(RuleId id, const Place& place, const Suggestion& suggestion = {}, bool any_record = false) {
        const Rule* rule = active(id, any_record);
        if (rule == nullptr) return;
        m_order.emplace_back(id.index, m_order.size());
        if (rule->profile == Profile::dcat_ap_de && rule->severity == Severity::violation) ++m_violations;
        FindingList::Entry& f = m_findings.add(rule->id, rule->severity, place.path.empty() ? rule->path : place.path,
                                               FindingDefaults{rule->severity, rule->path});
        if (place.distribution) f.distribution = *place.distribution;
        f.value = place.value;
        if (m_texts) compose_texts(f, *rule, place, suggestion);
    }

    /// A text made here for a finding (a path or value the record does not hold as such).
    std::string_view keep(std::string text) { return m_findings.keep(std::move(text)); }

    void compose_texts(FindingList::Entry& f, const Rule& rule, const Place& place,
                       const Suggestion& suggestion) const {
        std::string prefix_de;
        std::string prefix_en;
        if (place.distribution) {
            const std::string label = distribution_label(m_d.distributions[*place.distribution], *place.distribution);
            prefix_de = fmt::format("Distribution „{}“: ", label);
            prefix_en = fmt::format("Distribution '{}': ", label);
        }
        std::string message_de = prefix_de + std::string(rule.message_de);
        std::string message_en = prefix_en + std::string(rule.message_en);
        if (!place.value.empty()) {
            message_de += fmt::format(" Wert: „{}“.", place.value);
            message_en += fmt::format(" Value: '{}'.", place.value);
        }
        std::string fix_de(rule.fix_de);
        std::string fix_en(rule.fix_en);
        if (!suggestion.de.empty()) {
            fix_de += " " + suggestion.de;
            fix_en += " " + suggestion.en;
        }
        m_findings.set_texts(f, std::move(message_de), std::move(message_en), std::move(fix_de), std::move(fix_en));
    }

    // ------------------------------------------------------------ extras

    /// The record's extras with `predicate`, as the export writes them.
    std::vector<const ExtraProperty*> record_extras(Predicate predicate) const {
        std::vector<const ExtraProperty*> out;
        for (const ExtraProperty* e : m_record_extras)
            if (e->predicate == predicate.iri) out.push_back(e);
        return out;
    }

    /// A distribution's extras with `predicate`, as the export writes them.
    std::vector<const ExtraProperty*> extras_of(const Distribution& dist, Predicate predicate) const {
        std::vector<const ExtraProperty*> out;
        for (const ExtraProperty* e : m_distribution_extras[static_cast<std::size_t>(&dist - m_d.distributions.data())])
            if (e->predicate == predicate.iri) out.push_back(e);
        return out;
    }

    /// Findings for extras whose value is not of `kind`.
    void kinds(RuleId id, const std::vector<const ExtraProperty*>& values, std::string_view path, ValueKind kind,
               std::optional<std::size_t> distribution = std::nullopt) {
        for (const ExtraProperty* e : values)
            if (!kind_matches(e->object, kind)) add(id, {distribution, path, value_text(e->object)});
    }

    // ------------------------------------------------------------ the record

    std::size_t publisher_count() const {
        return (agent_absent(m_d.publisher) ? 0 : 1) + record_extras(dct_publisher).size();
    }

    static std::size_t non_empty(const std::vector<model::LangString>& values) {
        return static_cast<std::size_t>(
            std::count_if(values.begin(), values.end(), [](const auto& v) { return !v.value.empty(); }));
    }

    static std::size_t non_empty(const std::vector<std::string>& values) {
        return static_cast<std::size_t>(
            std::count_if(values.begin(), values.end(), [](const auto& v) { return !v.empty(); }));
    }

    void record_cardinalities() {
        if (non_empty(m_d.title) + record_extras(dct_title).size() == 0) {
            add("de3.dataset.title", {});
            add("de3.service.title", {});
        }
        if (non_empty(m_d.description) + record_extras(dct_description).size() == 0) add("de3.dataset.description", {});
        const std::size_t publishers = publisher_count();
        if (publishers == 0) add("de3.dataset.publisher", {});
        if (publishers > 1) add("de3.dataset.publisher.max", {});
        if (non_empty(m_d.endpoint_urls) + record_extras(dcat_endpoint_url).size() == 0)
            add("de3.service.endpointURL", {});
        const auto at_most_one = [&](RuleId id, bool modelled, Predicate predicate) {
            if ((modelled ? 1 : 0) + record_extras(predicate).size() > 1) add(id, {});
        };
        at_most_one("de3.dataset.issued.max", !m_d.issued.empty(), dct_issued);
        at_most_one("de3.dataset.modified.max", !m_d.modified.empty(), dct_modified);
        at_most_one("de3.dataset.accessRights.max", !m_d.access_rights.empty(), dct_access_rights);
        at_most_one("de3.dataset.accrualPeriodicity.max", !m_d.frequency.empty(), dct_accrual_periodicity);
    }

    void record_kinds() {
        kinds("de3.dataset.title.kind", record_extras(dct_title), "dct:title", ValueKind::literal);
        kinds("de3.dataset.description.kind", record_extras(dct_description), "dct:description", ValueKind::literal);
        kinds("de3.dataset.keyword.kind", record_extras(dcat_keyword), "dcat:keyword", ValueKind::literal);
        kinds("de3.dataset.identifier.kind", record_extras(dct_identifier), "dct:identifier", ValueKind::literal);
        for (const ExtraProperty* e : record_extras(dct_access_rights)) {
            if (kind_matches(e->object, ValueKind::node)) continue;
            Suggestion s;
            if (auto iri = m_vocab.map_access_right(e->object.value)) s = publish_instead(e->object.value, *iri);
            add("de3.dataset.accessRights.kind", {std::nullopt, "dct:accessRights", e->object.value}, std::move(s));
        }
        kinds("de3.dataset.landingPage.kind", record_extras(dcat_landing_page), "dcat:landingPage", ValueKind::node);
        kinds("de3.dataset.page.kind", record_extras(foaf_page), "foaf:page", ValueKind::node);
        kinds("de3.dataset.conformsTo.kind", record_extras(dct_conforms_to), "dct:conformsTo", ValueKind::node);
        kinds("de3.dataset.relation.kind", record_extras(dct_relation), "dct:relation", ValueKind::node);
        kinds("de3.dataset.spatial.kind", record_extras(dct_spatial), "dct:spatial", ValueKind::node);
        for (const ExtraProperty* e : record_extras(dct_spatial)) {
            if (!typed_as(*e, dct_location))
                add("de3.dataset.spatial.class", {std::nullopt, "dct:spatial", value_text(e->object)});
        }
        kinds("de3.dataset.temporal.kind", record_extras(dct_temporal), "dct:temporal", ValueKind::node);
        for (const ExtraProperty* e : record_extras(dct_temporal)) {
            if (!typed_as(*e, dct_period_of_time))
                add("de3.dataset.temporal.class", {std::nullopt, "dct:temporal", value_text(e->object)});
        }
        kinds("de3.dataset.provenance.kind", record_extras(dct_provenance), "dct:provenance", ValueKind::node);
        kinds("de3.dataset.wasGeneratedBy.kind", record_extras(prov_was_generated_by), "prov:wasGeneratedBy",
              ValueKind::node);
        kinds("de3.dataset.source.kind", record_extras(dct_source), "dct:source", ValueKind::node);
        kinds("de3.dataset.sample.kind", record_extras(adms_sample), "adms:sample", ValueKind::node);
        kinds("de3.service.endpointDescription.kind", record_extras(dcat_endpoint_description),
              "dcat:endpointDescription", ValueKind::node);
        for (const KindCheck& k : k_kind_checks)
            if (!k.distribution) kinds(k.rule, record_extras(k.predicate), k.path, k.kind);
        kinds("de3.dataset.contributorID.kind", record_extras(dcatde_contributor_id), "dcatde:contributorID",
              ValueKind::iri);
        kinds("de3.dataset.politicalGeocodingLevelURI.kind", record_extras(dcatde_geocoding_level),
              "dcatde:politicalGeocodingLevelURI", ValueKind::iri);
    }

    /// One finding per value of a vocabulary property outside its list: the
    /// modelled values, then the extras (a node or text is never in a list).
    template <typename Member, typename Suggest>
    void vocabulary(RuleId id, std::string_view path, std::span<const std::string> values,
                    const std::vector<const ExtraProperty*>& extras, Member member, Suggest suggest,
                    std::optional<std::size_t> distribution = std::nullopt) {
        if (active(id) == nullptr) return;
        for (const std::string& v : values) {
            if (v.empty() || member(v)) continue;
            add(id, {distribution, path, v}, m_texts ? suggest(v) : Suggestion{});
        }
        for (const ExtraProperty* e : extras) {
            if (e->object.kind == Term::Kind::iri && member(e->object.value)) continue;
            add(id, {distribution, path, value_text(e->object)},
                e->object.kind == Term::Kind::blank || !m_texts ? Suggestion{} : suggest(e->object.value));
        }
    }

    bool is_theme(std::string_view v) const { return maps_to_itself(m_vocab.map_theme(v), v); }
    bool is_language(std::string_view v) const { return maps_to_itself(m_vocab.map_language(v), v); }
    bool is_frequency(std::string_view v) const { return maps_to_itself(m_vocab.map_frequency(v), v); }
    bool is_access_right(std::string_view v) const { return maps_to_itself(m_vocab.map_access_right(v), v); }
    bool is_contributor(std::string_view v) const { return maps_to_itself(m_vocab.map_contributor_id(v), v); }
    bool is_geocoding_level(std::string_view v) const { return maps_to_itself(m_vocab.map_geocoding_level(v), v); }
    bool is_file_type(std::string_view v) const { return maps_to_itself(m_vocab.map_format(v), v); }
    bool is_status(std::string_view v) const { return maps_to_itself(m_vocab.map_distribution_status(v), v); }
    bool is_availability(std::string_view v) const { return maps_to_itself(m_vocab.map_availability(v), v); }
    bool is_listed_licence(std::string_view v) const {
        const LicenceMatch match = m_vocab.map_licence(v);
        return match.known && match.iri == v;
    }

    /// A suggestion from a look-up, when it maps the value to another IRI.
    static Suggestion mapped(std::string_view value, const std::optional<std::string>& iri) {
        if (!iri || *iri == value) return {};
        return publish_instead(value, *iri);
    }

    void record_vocabularies() {
        vocabulary(
            "de3.vocab.dataset.theme", "dcat:theme", m_d.themes, record_extras(dcat_theme),
            [&](std::string_view v) { return is_theme(v); },
            [&](std::string_view v) { return mapped(v, m_vocab.map_theme(v)); });
        // the unmapped themes the export writes
        vocabulary(
            "de3.vocab.dataset.theme", "dcat:theme", m_d.themes_original, {},
            [&](std::string_view v) { return !is_written_theme(v) || is_theme(v); },
            [&](std::string_view v) { return mapped(v, m_vocab.map_theme(v)); });
        vocabulary(
            "de3.vocab.dataset.language", "dct:language", m_d.languages, record_extras(dct_language),
            [&](std::string_view v) { return is_language(v); },
            [&](std::string_view v) { return mapped(v, m_vocab.map_language(v)); });
        vocabulary(
            "de3.vocab.dataset.accrualPeriodicity", "dct:accrualPeriodicity", one(m_d.frequency),
            record_extras(dct_accrual_periodicity), [&](std::string_view v) { return is_frequency(v); },
            [&](std::string_view v) {
                Suggestion s = mapped(v, m_vocab.map_frequency(v));
                if (s.de.empty() && !m_d.frequency_original.empty())
                    s = mapped(m_d.frequency_original, m_vocab.map_frequency(m_d.frequency_original));
                return s;
            });
        vocabulary(
            "de3.vocab.dataset.accessRights", "dct:accessRights", one(m_d.access_rights), record_extras(dct_access_rights),
            [&](std::string_view v) { return is_access_right(v); },
            [&](std::string_view v) { return mapped(v, m_vocab.map_access_right(v)); });
        vocabulary(
            "de3.vocab.dataset.contributorID", "dcatde:contributorID", m_d.contributor_ids,
            record_extras(dcatde_contributor_id), [&](std::string_view v) { return is_contributor(v); },
            [&](std::string_view v) { return mapped(v, m_vocab.map_contributor_id(v)); });
        vocabulary(
            "de3.vocab.dataset.politicalGeocodingLevelURI", "dcatde:politicalGeocodingLevelURI",
            one(m_d.political_geocoding_level), record_extras(dcatde_geocoding_level),
            [&](std::string_view v) { return is_geocoding_level(v); },
            [&](std::string_view v) { return mapped(v, m_vocab.map_geocoding_level(v)); });
        licences("de3.vocab.service.license", m_d.licence, record_extras(dct_license), std::nullopt);
    }

    /// A suggestion for a licence outside the list: the list's IRI for what
    /// was delivered, when ernte can map it.
    Suggestion licence_suggestion(const model::Licence& l) const {
        for (const std::string& value : {l.original, l.iri}) {
            if (value.empty()) continue;
            const LicenceMatch match = m_vocab.map_licence(value);
            if (match.known && match.iri != value)
                return publish_instead(l.original.empty() ? l.iri : l.original, match.iri);
        }
        return {};
    }

    /// One finding per licence value (as written) outside the dcat-ap.de list.
    void licences(RuleId id, const model::Licence& l, const std::vector<const ExtraProperty*>& extras,
                  std::optional<std::size_t> distribution) {
        if (active(id) == nullptr) return;
        if (!l.empty() && !(!l.iri.empty() && is_listed_licence(l.iri)))
            add(id, {distribution, "dct:license", l.iri.empty() ? l.original : l.iri},
                m_texts ? licence_suggestion(l) : Suggestion{});
        for (const ExtraProperty* e : extras) {
            if (e->object.kind == Term::Kind::iri && is_listed_licence(e->object.value)) continue;
            add(id, {distribution, "dct:license", value_text(e->object)});
        }
    }

    // ------------------------------------------------------------ deprecated properties

    void deprecated() {
        const auto deprecated_property = [&](RuleId id, bool modelled, Predicate predicate,
                                             std::string_view value) {
            const auto extras = record_extras(predicate);
            if (modelled || !extras.empty())
                add(id, {std::nullopt, {}, modelled ? value : value_text(extras.front()->object)});
        };
        deprecated_property(
            "de3.deprecated.politicalGeocodingURI", non_empty(m_d.political_geocoding_uris) > 0, dcatde_geocoding_uri,
            m_d.political_geocoding_uris.empty() ? std::string_view() : m_d.political_geocoding_uris.front());
        deprecated_property("de3.deprecated.geocodingDescription", !m_d.geocoding_text.empty(),
                            dcatde_geocoding_description, m_d.geocoding_text);
        deprecated_property("de3.deprecated.legalBasis", !m_d.legal_basis.empty(), dcatde_legal_basis, m_d.legal_basis);
        deprecated_property("de3.deprecated.qualityProcessURI", !m_d.quality_process.empty(), dcatde_quality_process,
                            m_d.quality_process);
        const auto written = [](const std::vector<Agent>& agents) {
            return std::any_of(agents.begin(), agents.end(), [](const Agent& a) { return !agent_absent(a); });
        };
        deprecated_property("de3.deprecated.originator", written(m_d.originators), dcatde_originator, {});
        deprecated_property("de3.deprecated.maintainer", written(m_d.maintainers), dcatde_maintainer, {});
        // the version itself is written as dcat:version; an owl:versionInfo that
        // says something else stays as delivered
        deprecated_property("de3.deprecated.versionInfo", false, owl_version_info, {});
        // targetSubjectsOf: the record or any distribution
        for (const auto& [id, predicate] :
             {std::pair{RuleId("de3.deprecated.hasVersion"), Predicate(dct_has_version)},
              std::pair{RuleId("de3.deprecated.isVersionOf"), Predicate(dct_is_version_of)}}) {
            bool found = !record_extras(predicate).empty();
            for (const Distribution& dist : m_d.distributions) found = found || !extras_of(dist, predicate).empty();
            if (found) add(id, {});
        }
        for (const ExtraProperty* e : record_extras(adms_status))
            if (contains(e->object.value, "purl") && e->object.kind != Term::Kind::blank)
                add("de3.deprecated.status", {std::nullopt, "adms:status", e->object.value});
    }

    // ------------------------------------------------------------ agents, contacts, periods, identifiers

    void agents() {
        std::vector<std::string_view> seen;
        const auto agent = [&](const Agent& a, std::string_view role) {
            if (agent_absent(a)) return;
            if (!a.iri.empty()) {
                if (std::find(seen.begin(), seen.end(), a.iri) != seen.end()) return;
                seen.push_back(a.iri);
            }
            // An agent only referred to by its IRI is described elsewhere, if at all (as the shapes see it).
            if (a.name.empty() && !a.only_referenced())
                add("de3.agent.name", {std::nullopt, keep(fmt::format("{}/foaf:name", role)), a.iri});
            if (!a.type_iri.empty() && !starts_with(a.type_iri, publisher_type_namespace))
                add("de3.vocab.agent.type", {std::nullopt, keep(fmt::format("{}/dct:type", role)), a.type_iri});
        };
        agent(m_d.publisher, "dct:publisher");
        for (const Agent& a : m_d.creators) agent(a, "dct:creator");
        for (const Agent& a : m_d.originators) agent(a, "dcatde:originator");
        for (const Agent& a : m_d.maintainers) agent(a, "dcatde:maintainer");
        for (const Agent& a : m_d.contributors) agent(a, "dct:contributor");
        // agents the source described in nodes ernte keeps whole, at any depth
        // (the record's geometries go into a dct:Location the export makes)
        const auto described = [&](const auto& self, const std::vector<ExtraProperty>& extras,
                                   std::optional<std::size_t> distribution, bool record_level) -> void {
            for (const ExtraProperty& e : extras) {
                if ((record_level && is_geometry(e)) || !writable(e)) continue;
                if (typed_as(e, foaf_agent)) {
                    const bool first = e.object.kind != Term::Kind::iri ||
                                       std::find(seen.begin(), seen.end(), e.object.value) == seen.end();
                    if (e.object.kind == Term::Kind::iri) seen.push_back(e.object.value);
                    if (first && !has_child(e, foaf_name))
                        add("de3.agent.name", {distribution, "foaf:name", value_text(e.object)}, {}, true);
                }
                self(self, e.children, distribution, false);
            }
        };
        described(described, m_d.extra, std::nullopt, true);
        for (std::size_t i = 0; i < m_d.distributions.size(); ++i)
            described(described, m_d.distributions[i].extra, i, false);
    }

    void contacts() {
        std::vector<std::string_view> seen;
        for (const ContactPoint& c : m_d.contact_points) {
            if (contact_absent(c)) continue;
            if (!c.iri.empty()) {
                if (std::find(seen.begin(), seen.end(), c.iri) != seen.end()) continue;
                seen.push_back(c.iri);
            }
            const std::string_view value = !c.iri.empty() ? c.iri : c.name;
            if (c.email.empty() && c.url.empty() && c.telephone.empty())
                add("de3.contact.channel", {std::nullopt, "dcat:contactPoint", value});
            if (c.email.empty() && c.url.empty()) add("K01", {std::nullopt, "dcat:contactPoint", value});
        }
    }

    void periods() {
        for (const ExtraProperty* e : record_extras(dct_temporal)) {
            if (!typed_as(*e, dct_period_of_time)) continue;
            const bool dcat_dates = has_child(*e, dcat_start_date) || has_child(*e, dcat_end_date);
            const bool time_instants = has_child(*e, time_has_beginning) || has_child(*e, time_has_end);
            const bool schema_dates = has_child(*e, schema_start_date) || has_child(*e, schema_end_date);
            if (!dcat_dates && !time_instants)
                add("de3.period.dates", {std::nullopt, "dct:temporal", value_text(e->object)});
            if (!dcat_dates && !time_instants && !schema_dates)
                add("K38", {std::nullopt, "dct:temporal", value_text(e->object)});
        }
    }

    /// Geometries per dct:Location as the export writes them: the record's
    /// geometry literals grouped into places (export_graph's location(): a
    /// place ends where a second bbox or centroid, or a second geometry in a
    /// serialization it has already, begins), and the locations the source
    /// described, kept whole.
    void locations() {
        std::vector<bool> consumed(m_d.extra.size(), false);
        for (std::size_t i = 0; i < m_d.extra.size(); ++i) {
            const ExtraProperty& first = m_d.extra[i];
            if (consumed[i] || !writable(first) || !is_geometry(first)) continue;
            std::vector<const ExtraProperty*> members;
            for (std::size_t j = i; j < m_d.extra.size(); ++j) {
                const ExtraProperty& e = m_d.extra[j];
                if (consumed[j] || !writable(e) || !is_geometry(e)) continue;
                const bool next_place = std::any_of(members.begin(), members.end(), [&](const ExtraProperty* m) {
                    return m->predicate == e.predicate &&
                           (e.predicate != locn_geometry || m->object.datatype == e.object.datatype);
                });
                if (next_place) break;
                members.push_back(&e);
                consumed[j] = true;
            }
            const auto geometries = std::count_if(members.begin(), members.end(),
                                                  [](const ExtraProperty* m) { return m->predicate == locn_geometry; });
            if (geometries > 1) add("de3.location.geometry.max", {std::nullopt, "dct:spatial/locn:geometry", {}});
        }
        for (const ExtraProperty* e : record_extras(dct_spatial)) {
            if (typed_as(*e, dct_location) && children_of(*e, locn_geometry).size() > 1)
                add("de3.location.geometry.max", {std::nullopt, "dct:spatial/locn:geometry", value_text(e->object)});
        }
    }

    /// Qualified attributions the source described as prov:Attribution.
    void attributions() {
        for (const ExtraProperty* e : record_extras(prov_qualified_attribution)) {
            if (!typed_as(*e, prov_attribution)) continue;
            for (const auto& [id, predicate] :
                 {std::pair{RuleId("de3.attribution.agent"), prov_agent},
                  std::pair{RuleId("de3.attribution.hadRole"), dcat_had_role}}) {
                const auto values = children_of(*e, predicate);
                const bool iris = !values.empty() &&
                                  std::all_of(values.begin(), values.end(),
                                              [](const ExtraProperty* v) { return v->object.kind == Term::Kind::iri; });
                if (!iris) add(id, {std::nullopt, "prov:qualifiedAttribution", value_text(e->object)});
            }
        }
    }

    void identifiers() {
        for (const ExtraProperty* e : record_extras(adms_identifier)) {
            if (typed_as(*e, adms_identifier_class) && !has_child(*e, skos_notation))
                add("de3.identifier.notation", {std::nullopt, "adms:identifier/skos:notation", value_text(e->object)});
        }
    }

    // ------------------------------------------------------------ distributions

    void distribution(const Distribution& dist, std::size_t i) {
        const auto where = [&](std::string_view path, std::string_view value = {}) { return Place{i, path, value}; };
        const auto& access = dist.access_urls.empty() ? dist.download_urls : dist.access_urls;
        if (non_empty(access) + extras_of(dist, dcat_access_url).size() == 0)
            add("de3.distribution.accessURL", where("dcat:accessURL"));
        kinds("de3.distribution.accessURL.kind", extras_of(dist, dcat_access_url), "dcat:accessURL", ValueKind::node,
              i);
        kinds("de3.distribution.downloadURL.kind", extras_of(dist, dcat_download_url), "dcat:downloadURL",
              ValueKind::node, i);
        kinds("de3.distribution.title.kind", extras_of(dist, dct_title), "dct:title", ValueKind::literal, i);
        kinds("de3.distribution.description.kind", extras_of(dist, dct_description), "dct:description",
              ValueKind::literal, i);
        kinds("de3.distribution.licenseAttributionByText.kind", extras_of(dist, dcatde_attribution),
              "dcatde:licenseAttributionByText", ValueKind::literal, i);
        kinds("de3.distribution.page.kind", extras_of(dist, foaf_page), "foaf:page", ValueKind::node, i);
        kinds("de3.distribution.conformsTo.kind", extras_of(dist, dct_conforms_to), "dct:conformsTo", ValueKind::node,
              i);
        kinds("de3.distribution.hasPolicy.kind", extras_of(dist, odrl_has_policy), "odrl:hasPolicy", ValueKind::node,
              i);
        for (const KindCheck& k : k_kind_checks)
            if (k.distribution) kinds(k.rule, extras_of(dist, k.predicate), k.path, k.kind, i);

        const std::size_t licences_written = (dist.licence.empty() ? 0 : 1) + extras_of(dist, dct_license).size();
        if (licences_written == 0) {
            add("de3.distribution.license", where("dct:license"));
            add("db.license", where("dct:license"));
        }
        if (licences_written > 1) {
            add("de3.distribution.license.max", where("dct:license"));
            add("db.license.max", where("dct:license"));
        }
        const auto at_most_one = [&](RuleId id, bool modelled, Predicate predicate, std::string_view path) {
            if ((modelled ? 1 : 0) + extras_of(dist, predicate).size() > 1) add(id, where(path));
        };
        at_most_one("de3.distribution.format.max", !dist.format.empty(), dct_format, "dct:format");
        at_most_one("de3.distribution.mediaType.max", !dist.media_type.empty(), dcat_media_type, "dcat:mediaType");
        at_most_one("de3.distribution.issued.max", !dist.issued.empty(), dct_issued, "dct:issued");
        at_most_one("de3.distribution.modified.max", !dist.modified.empty(), dct_modified, "dct:modified");
        at_most_one("de3.distribution.rights.max", !dist.rights.empty(), dct_rights, "dct:rights");
        at_most_one("de3.distribution.status.max", !dist.status.empty(), adms_status, "adms:status");
        at_most_one("de3.distribution.availability.max", !dist.availability.empty(), dcatap_availability,
                    "dcatap:availability");
        at_most_one("de3.distribution.byteSize.max", dist.byte_size.has_value(), dcat_byte_size, "dcat:byteSize");
        at_most_one("de3.distribution.checksum.max", checksum_written(dist), spdx_checksum, "spdx:checksum");
        at_most_one("de3.distribution.compressFormat.max", !dist.compress_format.empty(), dcat_compress_format,
                    "dcat:compressFormat");
        at_most_one("de3.distribution.packageFormat.max", !dist.package_format.empty(), dcat_package_format,
                    "dcat:packageFormat");
        for (const ExtraProperty* e : extras_of(dist, dcat_byte_size))
            if (!is_byte_size_literal(e->object))
                add("de3.distribution.byteSize.datatype", where("dcat:byteSize", value_text(e->object)));

        distribution_vocabularies(dist, i);
        checksums(dist, i);
        nested_services(dist, i);
    }

    void distribution_vocabularies(const Distribution& dist, std::size_t i) {
        vocabulary(
            "de3.vocab.distribution.language", "dct:language", dist.languages, extras_of(dist, dct_language),
            [&](std::string_view v) { return is_language(v); },
            [&](std::string_view v) { return mapped(v, m_vocab.map_language(v)); }, i);
        licences("de3.vocab.distribution.license", dist.licence, extras_of(dist, dct_license), i);
        const auto format_suggestion = [&](std::string_view v) {
            Suggestion s = mapped(v, m_vocab.map_format(v));
            if (s.de.empty() && !dist.format_original.empty())
                s = mapped(dist.format_original, m_vocab.map_format(dist.format_original));
            return s;
        };
        vocabulary(
            "de3.vocab.distribution.format", "dct:format", one(dist.format), extras_of(dist, dct_format),
            [&](std::string_view v) { return is_file_type(v); }, format_suggestion, i);
        vocabulary(
            "K32", "dct:format", one(dist.format), extras_of(dist, dct_format),
            [&](std::string_view v) { return is_file_type(v); }, format_suggestion, i);
        const auto iana = [&](RuleId id, std::string_view path, const std::string& value, Predicate predicate,
                              const auto& suggest) {
            if (!value.empty() && !is_iana_media_type_iri(std::string_view(value)))
                add(id, where_of(i, path, value), m_texts ? suggest(value) : Suggestion{});
            for (const ExtraProperty* e : extras_of(dist, predicate))
                if (!is_iana_media_type_iri(e->object)) add(id, where_of(i, path, value_text(e->object)));
        };
        const auto media_suggestion = [&](std::string_view v) {
            Suggestion s = mapped(v, m_vocab.map_media_type(v));
            if (s.de.empty() && !dist.media_type_original.empty())
                s = mapped(dist.media_type_original, m_vocab.map_media_type(dist.media_type_original));
            if (s.de.empty() && !dist.format.empty())
                if (auto iri = m_vocab.media_type_for_format(dist.format)) s = publish_instead(v, *iri);
            return s;
        };
        const auto no_suggestion = [](std::string_view) { return Suggestion{}; };
        iana("de3.vocab.distribution.mediaType", "dcat:mediaType", dist.media_type, dcat_media_type, media_suggestion);
        iana("de3.vocab.distribution.compressFormat", "dcat:compressFormat", dist.compress_format, dcat_compress_format,
             no_suggestion);
        iana("de3.vocab.distribution.packageFormat", "dcat:packageFormat", dist.package_format, dcat_package_format,
             no_suggestion);
        vocabulary(
            "de3.vocab.distribution.status", "adms:status", one(dist.status), extras_of(dist, adms_status),
            [&](std::string_view v) { return is_status(v); },
            [&](std::string_view v) { return mapped(v, m_vocab.map_distribution_status(v)); }, i);
        vocabulary(
            "de3.vocab.distribution.availability", "dcatap:availability", one(dist.availability),
            extras_of(dist, dcatap_availability), [&](std::string_view v) { return is_availability(v); },
            [&](std::string_view v) { return mapped(v, m_vocab.map_availability(v)); }, i);
        if (contains(dist.status, "purl")) add("de3.deprecated.status", where_of(i, "adms:status", dist.status));
        for (const ExtraProperty* e : extras_of(dist, adms_status))
            if (e->object.kind != Term::Kind::blank && contains(e->object.value, "purl"))
                add("de3.deprecated.status", where_of(i, "adms:status", e->object.value));
    }

    /// Data services a distribution describes in place (dcat:accessService
    /// with a description): the data-service shapes apply to them.
    void nested_services(const Distribution& dist, std::size_t i) {
        for (const ExtraProperty* service : extras_of(dist, dcat_access_service)) {
            if (!typed_as(*service, dcat_data_service)) continue;
            const auto at = [&](std::string_view property, std::string_view value = {}) {
                return Place{i, keep(fmt::format("dcat:accessService/{}", property)), value};
            };
            const auto values = [&](std::string_view predicate) { return children_of(*service, predicate); };
            const auto nested_kinds = [&](RuleId id, std::string_view predicate, std::string_view property,
                                          ValueKind kind) {
                for (const ExtraProperty* e : values(predicate))
                    if (!kind_matches(e->object, kind)) add(id, at(property, value_text(e->object)), {}, true);
            };
            if (values(dct_title).empty()) add("de3.service.title", at("dct:title"), {}, true);
            if (values(dcat_endpoint_url).empty()) add("de3.service.endpointURL", at("dcat:endpointURL"), {}, true);
            if (values(dct_publisher).empty()) add("de3.dataset.publisher", at("dct:publisher"), {}, true);
            if (values(dct_publisher).size() > 1) add("de3.dataset.publisher.max", at("dct:publisher"), {}, true);
            if (values(dct_access_rights).size() > 1)
                add("de3.dataset.accessRights.max", at("dct:accessRights"), {}, true);
            nested_kinds("de3.dataset.title.kind", dct_title, "dct:title", ValueKind::literal);
            nested_kinds("de3.dataset.description.kind", dct_description, "dct:description", ValueKind::literal);
            nested_kinds("de3.dataset.keyword.kind", dcat_keyword, "dcat:keyword", ValueKind::literal);
            nested_kinds("de3.dataset.accessRights.kind", dct_access_rights, "dct:accessRights", ValueKind::node);
            nested_kinds("de3.dataset.landingPage.kind", dcat_landing_page, "dcat:landingPage", ValueKind::node);
            nested_kinds("de3.dataset.page.kind", foaf_page, "foaf:page", ValueKind::node);
            nested_kinds("de3.dataset.conformsTo.kind", dct_conforms_to, "dct:conformsTo", ValueKind::node);
            nested_kinds("de3.service.endpointDescription.kind", dcat_endpoint_description, "dcat:endpointDescription",
                         ValueKind::node);
            for (const ExtraProperty* e : values(dct_access_rights)) {
                if (e->object.kind == Term::Kind::iri && is_access_right(e->object.value)) continue;
                add("de3.vocab.dataset.accessRights", at("dct:accessRights", value_text(e->object)), {}, true);
            }
            for (const ExtraProperty* e : values(dct_license)) {
                if (e->object.kind == Term::Kind::iri && is_listed_licence(e->object.value)) continue;
                Suggestion s;
                if (m_texts && e->object.kind != Term::Kind::blank) {
                    const LicenceMatch match = m_vocab.map_licence(e->object.value);
                    if (match.known && match.iri != e->object.value) s = publish_instead(e->object.value, match.iri);
                }
                add("de3.vocab.service.license", at("dct:license", value_text(e->object)), s, true);
            }
        }
    }

    static Place where_of(std::size_t i, std::string_view path, std::string_view value) { return Place{i, path, value}; }

    /// The checksum as written: a value and an algorithm, each possibly missing.
    void checksum(std::size_t i, const std::optional<TermView>& algorithm, const std::optional<TermView>& value,
                  std::string_view shown) {
        if (!algorithm) add("de3.checksum.algorithm", where_of(i, "spdx:checksum/spdx:algorithm", shown));
        if (!value) add("de3.checksum.checksumValue", where_of(i, "spdx:checksum/spdx:checksumValue", shown));
        if (value &&
            !(value->kind == Term::Kind::literal && value->datatype == xsd_hex_binary && is_hex_binary(value->value)))
            add("de3.checksum.checksumValue.datatype",
                where_of(i, "spdx:checksum/spdx:checksumValue", value_text(*value)));
        if (algorithm &&
            !(algorithm->kind == Term::Kind::iri && starts_with(algorithm->value, checksum_algorithm_namespace)))
            add("de3.vocab.checksum.algorithm", where_of(i, "spdx:checksum/spdx:algorithm", value_text(*algorithm)));
        if (algorithm && algorithm->kind != Term::Kind::blank && contains(algorithm->value, "dcat"))
            add("de3.deprecated.hashAlgorithm", where_of(i, "spdx:checksum/spdx:algorithm", algorithm->value));
    }

    void checksums(const Distribution& dist, std::size_t i) {
        if (checksum_written(dist)) {
            const model::Checksum& c = *dist.checksum;
            std::optional<TermView> algorithm;
            std::optional<TermView> value;
            if (!c.algorithm.empty()) algorithm = TermView{Term::Kind::iri, c.algorithm, {}};
            if (!c.value.empty())
                value = TermView{Term::Kind::literal, c.value, is_hex_binary(c.value) ? xsd_hex_binary : std::string_view()};
            checksum(i, algorithm, value, c.value);
        }
        for (const ExtraProperty* e : extras_of(dist, spdx_checksum)) {
            if (!typed_as(*e, spdx_checksum_class)) continue;
            std::optional<TermView> algorithm;
            std::optional<TermView> value;
            if (const auto a = children_of(*e, spdx_algorithm); !a.empty()) algorithm = view_of(a.front()->object);
            if (const auto v = children_of(*e, spdx_checksum_value); !v.empty()) value = view_of(v.front()->object);
            checksum(i, algorithm, value, value ? value_text(*value) : std::string_view());
        }
    }

    // ------------------------------------------------------------ conventions

    /// The number of contributor IDs written as IRIs of the dcat-ap.de list.
    std::size_t listed_contributors() const {
        std::size_t n = 0;
        for (const std::string& id : m_d.contributor_ids)
            if (!id.empty() && is_contributor(id)) ++n;
        for (const ExtraProperty* e : record_extras(dcatde_contributor_id))
            if (e->object.kind == Term::Kind::iri && is_contributor(e->object.value)) ++n;
        return n;
    }

    std::string joined_contributors() const {
        std::string out;
        for (const std::string& id : m_d.contributor_ids) out += (out.empty() ? "" : ", ") + id;
        return out;
    }

    void conventions() {
        if (listed_contributors() != 1)
            add("K12-13", {std::nullopt, "dcatde:contributorID", keep(joined_contributors())});
        const bool theme_written = std::any_of(m_d.themes_original.begin(), m_d.themes_original.end(),
                                               [](const std::string& t) { return is_written_theme(t); });
        if (non_empty(m_d.themes) + record_extras(dcat_theme).size() == 0 && !theme_written) add("K30", {});
        if (publisher_count() == 0) add("K36", {});
        if (non_empty(m_d.keywords) + record_extras(dcat_keyword).size() == 0) add("conv.dataset.keyword", {});
        if (m_d.landing_page.empty() && record_extras(dcat_landing_page).empty()) add("conv.dataset.landingPage", {});
        if (m_d.issued.empty() && record_extras(dct_issued).empty()) add("conv.dataset.issued", {});
        if (m_d.identifier.empty() && record_extras(dct_identifier).empty()) add("conv.dataset.identifier", {});
        if (m_d.modified.empty() && record_extras(dct_modified).empty()) add("conv.dataset.modified", {});
        if (m_d.distributions.empty() && record_extras(dcat_distribution).empty()) add("conv.dataset.distribution", {});
        for (std::size_t i = 0; i < m_d.distributions.size(); ++i) {
            const Distribution& dist = m_d.distributions[i];
            bool listed = !dist.licence.iri.empty() && is_listed_licence(dist.licence.iri);
            for (const ExtraProperty* e : extras_of(dist, dct_license))
                listed = listed || (e->object.kind == Term::Kind::iri && is_listed_licence(e->object.value));
            if (!listed) {
                add("K31",
                    where_of(i, "dct:license", dist.licence.iri.empty() ? dist.licence.original : dist.licence.iri),
                    m_texts ? licence_suggestion(dist.licence) : Suggestion{});
            }
            for (const std::string& url : dist.download_urls) {
                if (url.empty() || dist.access_urls.empty()) continue;
                if (std::find(dist.access_urls.begin(), dist.access_urls.end(), url) == dist.access_urls.end()) {
                    add("K39", where_of(i, "dcat:accessURL", url));
                    break;
                }
            }
            if (!dist.access_service.empty() && non_empty(dist.download_urls) > 0)
                add("K41", where_of(i, "dcat:downloadURL", dist.download_urls.front()));
            if (non_empty(dist.title) + extras_of(dist, dct_title).size() == 0)
                add("conv.distribution.title", where_of(i, "dct:title", {}));
        }
    }

    // ------------------------------------------------------------ GovData dashboard

    void dashboard_rules() {
        if (non_empty(m_d.keywords) == 0) add("db.keyword", {});
        if (listed_contributors() != 1)
            add("db.contributorID", {std::nullopt, "dcatde:contributorID", keep(joined_contributors())});
        if (publisher_count() != 1) add("db.publisher", {});
        if (!agent_absent(m_d.publisher) && m_d.publisher.name.empty())
            add("db.publisher.name", {std::nullopt, "dct:publisher/foaf:name", m_d.publisher.iri});
        for (const ExtraProperty* e : record_extras(dct_publisher))
            if (!has_literal_child(*e, foaf_name))
                add("db.publisher.name", {std::nullopt, "dct:publisher/foaf:name", value_text(e->object)});
        for (std::size_t i = 0; i < m_d.distributions.size(); ++i) {
            const Distribution& dist = m_d.distributions[i];
            licences("db.license.list", dist.licence, extras_of(dist, dct_license), i);
            if (active("db.license.open") == nullptr) continue;
            const auto open = [&](std::string_view iri) {
                return is_listed_licence(iri) && m_vocab.is_open_licence(iri);
            };
            if (!dist.licence.empty() && !open(dist.licence.iri))
                add("db.license.open",
                    where_of(i, "dct:license", dist.licence.iri.empty() ? dist.licence.original : dist.licence.iri));
            for (const ExtraProperty* e : extras_of(dist, dct_license))
                if (!(e->object.kind == Term::Kind::iri && open(e->object.value)))
                    add("db.license.open", where_of(i, "dct:license", value_text(e->object)));
        }
    }

    const Dataset& m_d;
    const Vocabularies& m_vocab;
    Profiles m_profiles;
    bool m_texts;
    FindingList& m_findings;
    const std::size_t m_first;  ///< the list's first finding of this record
    std::vector<std::pair<std::size_t, std::size_t>> m_order;  ///< (rule index, position) of each finding
    std::size_t m_violations = 0;
    std::vector<const ExtraProperty*> m_record_extras;                    ///< writable, not geometries, http
    std::vector<std::vector<const ExtraProperty*>> m_distribution_extras;  ///< writable, http, per distribution
};

}  // namespace

// ---------------------------------------------------------------- public

std::string_view profile_name(Profile profile) {
    switch (profile) {
        case Profile::dcat_ap_de: return "dcat-ap-de";
        case Profile::conventions: return "conventions";
        case Profile::govdata: return "govdata";
    }
    return {};
}

std::string_view validator_profile(Profile profile) {
    switch (profile) {
        case Profile::dcat_ap_de: return "dcat-ap-de";
        case Profile::conventions: return "dcat-ap-de-2";
        case Profile::govdata: return "govdata";
    }
    return {};
}

std::optional<Severity> dashboard_severity(std::string_view name) {
    static constexpr std::array<std::pair<std::string_view, Severity>, 7> severities{{
        {"no_literal_keyword", Severity::violation},
        {"no_correct_contributorID", Severity::violation},
        {"no_correct_publisher", Severity::violation},
        {"multiple_licenses", Severity::violation},
        {"no_license", Severity::violation},
        {"no_license_from_list", Severity::violation},
        {"no_open_license_from_list", Severity::warning},
    }};
    for (const auto& [n, severity] : severities)
        if (n == name) return severity;
    return std::nullopt;
}

std::span<const Rule> rules() { return k_rules; }

const Rule* find_rule(std::string_view id) {
    static const std::unordered_map<std::string_view, const Rule*> by_id = [] {
        std::unordered_map<std::string_view, const Rule*> map;
        for (const Rule& r : k_rules) map.emplace(r.id, &r);
        return map;
    }();
    const auto it = by_id.find(id);
    return it == by_id.end() ? nullptr : it->second;
}

std::span<const OfficialShape> official_shapes() { return k_official_shapes; }

const OfficialShape* find_official_shape(Profile profile, std::string_view message, std::string_view path) {
    const OfficialShape* any_path = nullptr;
    for (const OfficialShape& s : k_official_shapes) {
        if (s.profile != profile || s.message != message) continue;
        if (s.path == path) return &s;
        if (s.path.empty() && any_path == nullptr) any_path = &s;
    }
    return any_path;
}

std::vector<Finding> check_rules(const model::Dataset& dataset, const Vocabularies& vocab, Profiles profiles,
                                 FindingTexts texts) {
    FindingList findings;
    check_rules(dataset, vocab, profiles, texts, findings);
    return findings.take_findings();
}

std::size_t check_rules(const model::Dataset& dataset, const Vocabularies& vocab, Profiles profiles,
                        FindingTexts texts, FindingList& findings) {
    return RuleChecker(dataset, vocab, profiles, texts, findings).run();
}

std::size_t violation_count(const std::vector<Finding>& findings) {
    return static_cast<std::size_t>(std::count_if(findings.begin(), findings.end(),
                                                  [](const Finding& f) { return f.severity == Severity::violation; }));
}

}  // namespace ernte::catalog::quality
