#include "catalog/normalize_dcat.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <tuple>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace ernte::catalog {

namespace {

using model::Agent;
using model::ContactPoint;
using model::Distribution;
using model::ExtraProperty;
using model::Identifier;
using model::LangString;
using rdf::Graph;
using rdf::Term;
using rdf::Triple;

// ---------------------------------------------------------------- vocabulary

constexpr std::string_view rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
constexpr std::string_view rdf_value = "http://www.w3.org/1999/02/22-rdf-syntax-ns#value";
constexpr std::string_view rdfs_label = "http://www.w3.org/2000/01/rdf-schema#label";

constexpr std::string_view dcat_Dataset = "http://www.w3.org/ns/dcat#Dataset";
constexpr std::string_view dcat_DataService = "http://www.w3.org/ns/dcat#DataService";
constexpr std::string_view dcat_DatasetSeries = "http://www.w3.org/ns/dcat#DatasetSeries";
constexpr std::string_view dcat_Catalog = "http://www.w3.org/ns/dcat#Catalog";
constexpr std::string_view dcat_CatalogRecord = "http://www.w3.org/ns/dcat#CatalogRecord";
constexpr std::string_view dcat_Resource = "http://www.w3.org/ns/dcat#Resource";
constexpr std::string_view dcat_Distribution = "http://www.w3.org/ns/dcat#Distribution";

constexpr std::string_view dcat_dataset = "http://www.w3.org/ns/dcat#dataset";
constexpr std::string_view dcat_service = "http://www.w3.org/ns/dcat#service";
constexpr std::string_view dcat_catalog = "http://www.w3.org/ns/dcat#catalog";
constexpr std::string_view dcat_record = "http://www.w3.org/ns/dcat#record";
constexpr std::string_view dcat_distribution = "http://www.w3.org/ns/dcat#distribution";
constexpr std::string_view dcat_keyword = "http://www.w3.org/ns/dcat#keyword";
constexpr std::string_view dcat_theme = "http://www.w3.org/ns/dcat#theme";
constexpr std::string_view dcat_contactPoint = "http://www.w3.org/ns/dcat#contactPoint";
constexpr std::string_view dcat_landingPage = "http://www.w3.org/ns/dcat#landingPage";
constexpr std::string_view dcat_inSeries = "http://www.w3.org/ns/dcat#inSeries";
constexpr std::string_view dcat_version = "http://www.w3.org/ns/dcat#version";
constexpr std::string_view dcat_endpointURL = "http://www.w3.org/ns/dcat#endpointURL";
constexpr std::string_view dcat_endpointDescription = "http://www.w3.org/ns/dcat#endpointDescription";
constexpr std::string_view dcat_servesDataset = "http://www.w3.org/ns/dcat#servesDataset";
constexpr std::string_view dcat_seriesMember = "http://www.w3.org/ns/dcat#seriesMember";
constexpr std::string_view dcat_accessURL = "http://www.w3.org/ns/dcat#accessURL";
constexpr std::string_view dcat_downloadURL = "http://www.w3.org/ns/dcat#downloadURL";
constexpr std::string_view dcat_accessService = "http://www.w3.org/ns/dcat#accessService";
constexpr std::string_view dcat_mediaType = "http://www.w3.org/ns/dcat#mediaType";
constexpr std::string_view dcat_compressFormat = "http://www.w3.org/ns/dcat#compressFormat";
constexpr std::string_view dcat_packageFormat = "http://www.w3.org/ns/dcat#packageFormat";
constexpr std::string_view dcat_byteSize = "http://www.w3.org/ns/dcat#byteSize";
constexpr std::string_view dcat_startDate = "http://www.w3.org/ns/dcat#startDate";
constexpr std::string_view dcat_endDate = "http://www.w3.org/ns/dcat#endDate";
constexpr std::string_view dcat_bbox = "http://www.w3.org/ns/dcat#bbox";
constexpr std::string_view dcat_centroid = "http://www.w3.org/ns/dcat#centroid";

constexpr std::string_view dct_identifier = "http://purl.org/dc/terms/identifier";
constexpr std::string_view dct_title = "http://purl.org/dc/terms/title";
constexpr std::string_view dct_description = "http://purl.org/dc/terms/description";
constexpr std::string_view dct_publisher = "http://purl.org/dc/terms/publisher";
constexpr std::string_view dct_creator = "http://purl.org/dc/terms/creator";
constexpr std::string_view dct_contributor = "http://purl.org/dc/terms/contributor";
constexpr std::string_view dct_type = "http://purl.org/dc/terms/type";
constexpr std::string_view dct_spatial = "http://purl.org/dc/terms/spatial";
constexpr std::string_view dct_temporal = "http://purl.org/dc/terms/temporal";
constexpr std::string_view dct_issued = "http://purl.org/dc/terms/issued";
constexpr std::string_view dct_modified = "http://purl.org/dc/terms/modified";
constexpr std::string_view dct_accrualPeriodicity = "http://purl.org/dc/terms/accrualPeriodicity";
constexpr std::string_view dct_language = "http://purl.org/dc/terms/language";
constexpr std::string_view dct_conformsTo = "http://purl.org/dc/terms/conformsTo";
constexpr std::string_view dct_accessRights = "http://purl.org/dc/terms/accessRights";
constexpr std::string_view dct_relation = "http://purl.org/dc/terms/relation";
constexpr std::string_view dct_source = "http://purl.org/dc/terms/source";
constexpr std::string_view dct_license = "http://purl.org/dc/terms/license";
constexpr std::string_view dct_rights = "http://purl.org/dc/terms/rights";
constexpr std::string_view dct_format = "http://purl.org/dc/terms/format";

constexpr std::string_view adms_identifier = "http://www.w3.org/ns/adms#identifier";
constexpr std::string_view adms_versionNotes = "http://www.w3.org/ns/adms#versionNotes";
constexpr std::string_view adms_status = "http://www.w3.org/ns/adms#status";
constexpr std::string_view owl_versionInfo = "http://www.w3.org/2002/07/owl#versionInfo";
constexpr std::string_view foaf_page = "http://xmlns.com/foaf/0.1/page";
constexpr std::string_view foaf_name = "http://xmlns.com/foaf/0.1/name";
constexpr std::string_view foaf_mbox = "http://xmlns.com/foaf/0.1/mbox";
constexpr std::string_view foaf_homepage = "http://xmlns.com/foaf/0.1/homepage";
constexpr std::string_view foaf_primaryTopic = "http://xmlns.com/foaf/0.1/primaryTopic";
constexpr std::string_view skos_notation = "http://www.w3.org/2004/02/skos/core#notation";
constexpr std::string_view skos_prefLabel = "http://www.w3.org/2004/02/skos/core#prefLabel";
constexpr std::string_view spdx_checksum = "http://spdx.org/rdf/terms#checksum";
constexpr std::string_view spdx_algorithm = "http://spdx.org/rdf/terms#algorithm";
constexpr std::string_view spdx_checksumValue = "http://spdx.org/rdf/terms#checksumValue";
constexpr std::string_view locn_geometry = "http://www.w3.org/ns/locn#geometry";
constexpr std::string_view locn_Geometry = "http://www.w3.org/ns/locn#Geometry";
constexpr std::string_view gsp_Geometry = "http://www.opengis.net/ont/geosparql#Geometry";
constexpr std::string_view gsp_asWKT = "http://www.opengis.net/ont/geosparql#asWKT";
constexpr std::string_view gsp_asGeoJSON = "http://www.opengis.net/ont/geosparql#asGeoJSON";
constexpr std::string_view gsp_asGML = "http://www.opengis.net/ont/geosparql#asGML";
constexpr std::string_view schema_startDate = "http://schema.org/startDate";
constexpr std::string_view schema_endDate = "http://schema.org/endDate";
constexpr std::string_view schema_name = "http://schema.org/name";
constexpr std::string_view time_hasBeginning = "http://www.w3.org/2006/time#hasBeginning";
constexpr std::string_view time_hasEnd = "http://www.w3.org/2006/time#hasEnd";
constexpr std::string_view dct_PeriodOfTime = "http://purl.org/dc/terms/PeriodOfTime";
constexpr std::string_view dct_Location = "http://purl.org/dc/terms/Location";
constexpr std::string_view dct_LicenseDocument = "http://purl.org/dc/terms/LicenseDocument";
constexpr std::string_view dct_RightsStatement = "http://purl.org/dc/terms/RightsStatement";
constexpr std::string_view spdx_Checksum = "http://spdx.org/rdf/terms#Checksum";
constexpr std::string_view adms_Identifier = "http://www.w3.org/ns/adms#Identifier";
constexpr std::string_view hydra_ns = "http://www.w3.org/ns/hydra/core#";
constexpr std::string_view hydra_member = "http://www.w3.org/ns/hydra/core#member";

constexpr std::string_view vcard_fn = "http://www.w3.org/2006/vcard/ns#fn";
constexpr std::string_view vcard_organization_name = "http://www.w3.org/2006/vcard/ns#organization-name";
constexpr std::string_view vcard_hasValue = "http://www.w3.org/2006/vcard/ns#hasValue";
constexpr std::string_view vcard_hasEmail = "http://www.w3.org/2006/vcard/ns#hasEmail";
constexpr std::string_view vcard_hasURL = "http://www.w3.org/2006/vcard/ns#hasURL";
constexpr std::string_view vcard_hasTelephone = "http://www.w3.org/2006/vcard/ns#hasTelephone";
constexpr std::string_view vcard_hasAddress = "http://www.w3.org/2006/vcard/ns#hasAddress";
constexpr std::string_view vcard_street_address = "http://www.w3.org/2006/vcard/ns#street-address";
constexpr std::string_view vcard_postal_code = "http://www.w3.org/2006/vcard/ns#postal-code";
constexpr std::string_view vcard_locality = "http://www.w3.org/2006/vcard/ns#locality";
constexpr std::string_view vcard_country_name = "http://www.w3.org/2006/vcard/ns#country-name";

constexpr std::string_view dcatde_contributorID = "http://dcat-ap.de/def/dcatde/contributorID";
constexpr std::string_view dcatde_politicalGeocodingURI = "http://dcat-ap.de/def/dcatde/politicalGeocodingURI";
constexpr std::string_view dcatde_politicalGeocodingLevelURI = "http://dcat-ap.de/def/dcatde/politicalGeocodingLevelURI";
constexpr std::string_view dcatde_geocodingDescription = "http://dcat-ap.de/def/dcatde/geocodingDescription";
constexpr std::string_view dcatde_legalBasis = "http://dcat-ap.de/def/dcatde/legalBasis";
constexpr std::string_view dcatde_qualityProcessURI = "http://dcat-ap.de/def/dcatde/qualityProcessURI";
constexpr std::string_view dcatde_licenseAttributionByText = "http://dcat-ap.de/def/dcatde/licenseAttributionByText";
constexpr std::string_view dcatde_originator = "http://dcat-ap.de/def/dcatde/originator";
constexpr std::string_view dcatde_maintainer = "http://dcat-ap.de/def/dcatde/maintainer";

constexpr std::string_view dcatde = "http://dcat-ap.de/def/dcatde/";
constexpr std::string_view dcatap = "http://data.europa.eu/r5r/";
constexpr std::string_view dcatap_hash = "http://data.europa.eu/r5r#";
constexpr std::string_view dcatap_availability = "http://data.europa.eu/r5r/availability";

/// Classes whose IRI-identified instances are vocabulary definitions, not
/// part of a dataset's description.
constexpr std::array<std::string_view, 12> vocabulary_classes{
    "http://www.w3.org/2004/02/skos/core#Concept",     "http://www.w3.org/2004/02/skos/core#ConceptScheme",
    "http://www.w3.org/2004/02/skos/core#Collection",  "http://www.w3.org/2000/01/rdf-schema#Class",
    "http://www.w3.org/2000/01/rdf-schema#Datatype",   "http://www.w3.org/2002/07/owl#Class",
    "http://www.w3.org/2002/07/owl#Ontology",          "http://www.w3.org/1999/02/22-rdf-syntax-ns#Property",
    "http://www.w3.org/2002/07/owl#ObjectProperty",    "http://www.w3.org/2002/07/owl#DatatypeProperty",
    "http://www.w3.org/2002/07/owl#AnnotationProperty", "http://www.w3.org/2002/07/owl#NamedIndividual"};

/// Namespaces of controlled vocabularies and ontologies: IRI nodes under them
/// are terms whose descriptions a page may mix in, never the dataset's own.
/// (EU authority tables are not listed: their corporate bodies are
/// publishers whose foaf:name a page gives; their concepts are recognised by
/// their skos:Concept type.)
constexpr std::array<std::string_view, 12> vocabulary_namespaces{
    "http://dcat-ap.de/def/",
    "https://dcat-ap.de/def/",
    "https://www.dcat-ap.de/def/",
    "http://www.iana.org/assignments/media-types/",
    "https://www.iana.org/assignments/media-types/",
    "http://purl.org/adms/",
    "http://spdx.org/rdf/terms#",
    "http://www.w3.org/",
    "http://purl.org/dc/",
    "http://xmlns.com/foaf/",
    "http://schema.org/",
    "http://inspire.ec.europa.eu/"};

/// Deepest node below a resource that belongs to its description.
constexpr std::size_t max_depth = 8;

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

bool is_type_statement(const Triple& t) { return t.predicate.value == rdf_type && t.object.kind == Term::Kind::iri; }

bool is_resource_class(std::string_view type) {
    return type == dcat_Dataset || type == dcat_DataService || type == dcat_DatasetSeries;
}

/// Classes of the things a DCAT page describes besides its resources. A
/// catalog that names such a node with dcat:dataset (GeoNetwork's record API
/// wraps every node of its answer so: organisations, catalog records,
/// distributions) does not make it a dataset.
constexpr std::array<std::string_view, 12> other_dcat_classes{
    dcat_Distribution,
    dcat_CatalogRecord,
    "http://xmlns.com/foaf/0.1/Agent",
    "http://xmlns.com/foaf/0.1/Organization",
    "http://xmlns.com/foaf/0.1/Person",
    "http://www.w3.org/2006/vcard/ns#Kind",
    "http://www.w3.org/2006/vcard/ns#Organization",
    "http://www.w3.org/2006/vcard/ns#Individual",
    dct_Location,
    dct_PeriodOfTime,
    dct_LicenseDocument,
    adms_Identifier,
};

/// The class that makes `node` something other than a DCAT resource, or an
/// empty view: typed with one of the classes above or a vocabulary class,
/// and not with a resource class.
std::string_view other_class(const Graph& graph, const Term& node) {
    std::string_view other;
    for (const std::uint32_t i : graph.about(node)) {
        const Triple& t = graph.triples()[i];
        if (!is_type_statement(t)) continue;
        const std::string_view type = t.object.value;
        if (is_resource_class(type)) return {};
        const auto known = [&](const auto& classes) {
            return std::find(classes.begin(), classes.end(), type) != classes.end();
        };
        if (other.empty() && (known(other_dcat_classes) || known(vocabulary_classes))) other = type;
    }
    return other;
}

/// A subject key for hash sets: kind and value.
std::string node_key(const Term& term) {
    std::string key;
    key.reserve(term.value.size() + 1);
    key += term.kind == Term::Kind::blank ? '_' : '<';
    key += term.value;
    return key;
}

/// Where a description stops: catalogs, catalog records, Hydra paging nodes,
/// other DCAT resources (IRI nodes typed or recognisable by their properties)
/// and vocabulary definitions. Blank nodes are owned by the statement that
/// names them: only catalog, record and paging nodes stop a description there.
bool is_boundary(const Graph& graph, const Term& node, std::span<const std::uint32_t> about) {
    const bool iri = node.kind == Term::Kind::iri;
    if (iri && std::any_of(vocabulary_namespaces.begin(), vocabulary_namespaces.end(),
                           [&](std::string_view ns) { return starts_with(node.value, ns); })) {
        // A place the page gives a geometry (a dcat-ap.de political geocoding
        // IRI as a dct:Location with the district's outline) is the
        // resource's own statement about where, not a vocabulary definition.
        const bool place = std::any_of(about.begin(), about.end(), [&](std::uint32_t i) {
            const std::string_view p = graph.triples()[i].predicate.value;
            return p == locn_geometry || p == dcat_bbox || p == dcat_centroid;
        });
        if (!place) return true;
    }
    for (const std::uint32_t i : about) {
        const Triple& t = graph.triples()[i];
        const std::string_view p = t.predicate.value;
        if (starts_with(p, hydra_ns)) return true;
        if (p == dcat_dataset || p == dcat_service || p == dcat_record || p == dcat_catalog) return true;
        if (iri && (p == dcat_distribution || p == dcat_endpointURL || p == dcat_servesDataset || p == dcat_seriesMember))
            return true;
        if (!is_type_statement(t)) continue;
        const std::string_view type = t.object.value;
        if (type == dcat_Catalog || type == dcat_CatalogRecord || starts_with(type, hydra_ns)) return true;
        if (iri && is_resource_class(type)) return true;
        if (iri && std::find(vocabulary_classes.begin(), vocabulary_classes.end(), type) != vocabulary_classes.end())
            return true;
    }
    return false;
}

/// The datatype a text identifier keeps: the literal's, unless it is plain
/// text (none, or xsd:string).
std::string text_datatype(const Term& value) {
    if (value.kind != Term::Kind::literal || value.datatype == "http://www.w3.org/2001/XMLSchema#string") return {};
    return value.datatype;
}

/// Whether a value node's description belongs to the resource.
bool is_owned_node(const Graph& graph, const Term& node) {
    if (node.kind == Term::Kind::literal) return false;
    const auto about = graph.about(node);
    return !about.empty() && !is_boundary(graph, node, about);
}

/// Canonical blank-node labels of one resource: `b0`, `b1` ... in order of
/// first appearance in its description.
/// The labels refer to the graph's terms, which outlive them.
class BlankLabels {
public:
    /// The number of a blank node (assigned on first sight).
    std::size_t number(const Term& blank) {
        return m_numbers.try_emplace(std::string_view(blank.value), m_numbers.size()).first->second;
    }
    /// "b<number>".
    std::string label(const Term& blank) { return "b" + std::to_string(number(blank)); }
    /// Appends the N-Triples form of a term, blank nodes relabelled.
    void append_ntriples(std::string& out, const Term& term) {
        if (term.kind != Term::Kind::blank) {
            rdf::append_ntriples(out, term);
            return;
        }
        char digits[24];
        const auto end = std::to_chars(digits, digits + sizeof digits, number(term)).ptr;
        out += "_:b";
        out.append(digits, end);
    }
    Term relabel(const Term& term) {
        if (term.kind != Term::Kind::blank) return term;
        Term out = term;
        out.value = label(term);
        return out;
    }
    bool empty() const { return m_numbers.empty(); }

private:
    std::unordered_map<std::string_view, std::size_t> m_numbers;
};

/// The statements of a resource's description in traversal order: the
/// resource's own (in graph order), then breadth first those of each node it
/// reaches, each node once, at most max_depth deep.
template <typename F>
void walk_description(const Graph& graph, const Term& resource, F&& statement) {
    // nodes by value (IRIs and blank labels kept apart); the views refer to the graph's terms
    std::unordered_set<std::string_view> seen_iris;
    std::unordered_set<std::string_view> seen_blanks;
    auto seen = [&](const Term& t) -> std::unordered_set<std::string_view>& {
        return t.kind == Term::Kind::blank ? seen_blanks : seen_iris;
    };
    seen(resource).insert(resource.value);
    struct Pending {
        std::span<const std::uint32_t> about;
        std::size_t depth;
    };
    std::deque<Pending> queue{{graph.about(resource), 0}};
    while (!queue.empty()) {
        const Pending node = queue.front();
        queue.pop_front();
        for (const std::uint32_t i : node.about) {
            const Triple& t = graph.triples()[i];
            statement(t);
            if (t.object.kind == Term::Kind::literal || node.depth + 1 > max_depth) continue;
            if (seen(t.object).contains(t.object.value)) continue;
            const auto about = graph.about(t.object);
            // A node named as a distribution is read as one (a dcat:DataService
            // with an IRI among them too), so its statements are the resource's.
            if (about.empty() || (t.predicate.value != dcat_distribution && is_boundary(graph, t.object, about)))
                continue;
            seen(t.object).insert(t.object.value);
            queue.push_back({about, node.depth + 1});
        }
    }
}

// ---------------------------------------------------------------- predicates as read

/// A predicate read as its current form: dcatde namespace variants as the
/// current namespace, renamed dcatde properties under their new names, the
/// DCAT-AP namespace written with "#" as the current one.
struct CanonicalPredicate {
    std::string predicate;
    int rank = 0;                  ///< 0 current; higher is older (loses to lower ranks)
    std::string outdated_namespace;  ///< the namespace as delivered when it was not current
    std::string renamed_from;        ///< the delivered local name when it was renamed
};

/// The generation of a dcatde namespace version segment ("" current, "1.1", "1.0.1", "1.0", "1_0").
int dcatde_rank(std::string_view version) {
    if (version.empty()) return 0;
    if (version == "1.1/" || version == "1_1/") return 2;
    if (version == "1.0.1/" || version == "1_0_1/") return 4;
    if (version == "1.0/" || version == "1_0/") return 6;
    return 2;
}

constexpr std::string_view dct_originator = "http://purl.org/dc/terms/originator";
constexpr std::string_view dct_maintainer = "http://purl.org/dc/terms/maintainer";

constexpr std::string_view dcat_namespace = "http://www.w3.org/ns/dcat#";

/// The properties of DCAT 3, sorted.
constexpr std::array<std::string_view, 42> dcat_properties{
    "accessService",  "accessURL",         "bbox",           "byteSize",
    "catalog",        "centroid",          "compressFormat", "contactPoint",
    "dataset",        "distribution",      "downloadURL",    "endDate",
    "endpointDescription", "endpointURL",  "first",          "hadRole",
    "hasCurrentVersion", "hasVersion",     "inCatalog",      "inSeries",
    "isVersionOf",    "keyword",           "landingPage",    "last",
    "mediaType",      "next",              "packageFormat",  "prev",
    "previousVersion", "qualifiedRelation", "record",        "replaces",
    "resource",       "seriesMember",      "servesDataset",  "service",
    "spatialResolutionInMeters", "startDate", "temporalResolution", "theme",
    "themeTaxonomy",  "version"};
static_assert(std::is_sorted(dcat_properties.begin(), dcat_properties.end()));

bool less_ignoring_case(std::string_view a, std::string_view b) {
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](unsigned char x, unsigned char y) {
        return std::tolower(x) < std::tolower(y);
    });
}

/// The DCAT property `local` names with other letter case (ArcGIS Hub's
/// "accessUrl"), or an empty view when it names one exactly or none.
std::string_view dcat_property_in_other_case(std::string_view local) {
    if (std::binary_search(dcat_properties.begin(), dcat_properties.end(), local)) return {};
    const auto it = std::lower_bound(dcat_properties.begin(), dcat_properties.end(), local, less_ignoring_case);
    if (it == dcat_properties.end() || less_ignoring_case(local, *it)) return {};
    return *it;
}

/// Whether canonical_predicate could change `iri` (a cheap test for every statement).
bool may_need_canonical_form(std::string_view iri) {
    return iri.find("dcat-ap.de/def/dcatde/") != std::string_view::npos || starts_with(iri, dcatap_hash) ||
           iri == dct_originator || iri == dct_maintainer ||
           (starts_with(iri, dcat_namespace) && !dcat_property_in_other_case(iri.substr(dcat_namespace.size())).empty());
}

CanonicalPredicate canonical_predicate(std::string_view iri) {
    CanonicalPredicate out;
    if (iri == dct_originator || iri == dct_maintainer) {
        // DC Terms has neither: the DCAT-AP.de 1.1 examples' slip for dcatde
        out.renamed_from = iri.substr(iri.rfind('/') + 1);
        out.predicate = std::string(dcatde) + out.renamed_from;
        out.rank = 1;
        return out;
    }
    std::string_view rest = iri;
    if (starts_with(rest, "https://")) {
        rest.remove_prefix(8);
    } else if (starts_with(rest, "http://")) {
        rest.remove_prefix(7);
    } else {
        out.predicate = std::string(iri);
        return out;
    }
    if (starts_with(rest, "www.")) rest.remove_prefix(4);
    if (starts_with(rest, "dcat-ap.de/def/dcatde/")) {
        rest.remove_prefix(std::string_view("dcat-ap.de/def/dcatde/").size());
        std::size_t version = 0;
        while (version < rest.size() &&
               (std::isdigit(static_cast<unsigned char>(rest[version])) != 0 || rest[version] == '.' || rest[version] == '_'))
            ++version;
        if (version > 0 && version < rest.size() && rest[version] == '/') {
            ++version;
        } else {
            version = 0;
        }
        std::string_view local = rest.substr(version);
        out.rank = dcatde_rank(rest.substr(0, version));
        const std::string_view delivered_ns = iri.substr(0, iri.size() - local.size());
        if (delivered_ns != dcatde) out.outdated_namespace = std::string(delivered_ns);
        if (local == "geocodingText") {
            out.renamed_from = local;
            local = "geocodingDescription";
            ++out.rank;
        } else if (local == "legalbasisText") {
            out.renamed_from = local;
            local = "legalBasis";
            ++out.rank;
        } else if (local == "plannedAvailability") {
            out.renamed_from = local;
            out.predicate = std::string(dcatap_availability);
            ++out.rank;
            return out;
        }
        out.predicate = std::string(dcatde) + std::string(local);
        return out;
    }
    if (starts_with(iri, dcat_namespace)) {
        const std::string_view local = iri.substr(dcat_namespace.size());
        if (const std::string_view property = dcat_property_in_other_case(local); !property.empty()) {
            out.renamed_from = local;
            out.predicate = std::string(dcat_namespace) + std::string(property);
            out.rank = 1;
            return out;
        }
    }
    if (starts_with(iri, dcatap_hash)) {
        out.outdated_namespace = std::string(dcatap_hash);
        out.predicate = std::string(dcatap) + std::string(iri.substr(dcatap_hash.size()));
        out.rank = 1;
        return out;
    }
    out.predicate = std::string(iri);
    return out;
}

/// One statement about a node, as read.
struct Property {
    std::string_view predicate;   ///< canonical (refers to the graph or to the Properties' storage)
    const Term* object = nullptr;
    const Term* delivered = nullptr;  ///< the predicate as delivered
    int rank = 0;
    bool used = false;
};

/// The statements about one node, with the predicates in their current
/// form and which ones the normalizer has used.
class Properties {
public:
    Properties(const Graph& graph, const Term& node) {
        const auto indices = graph.about(node);
        m_properties.reserve(indices.size());
        for (const std::uint32_t i : indices) {
            const Triple& t = graph.triples()[i];
            if (!may_need_canonical_form(t.predicate.value)) {
                m_properties.push_back({t.predicate.value, &t.object, &t.predicate, 0});
                continue;
            }
            CanonicalPredicate canonical = canonical_predicate(t.predicate.value);
            if (!canonical.outdated_namespace.empty()) push_unique(m_outdated, canonical.outdated_namespace);
            if (!canonical.renamed_from.empty()) push_unique(m_renamed, t.predicate.value);
            m_storage.push_back(std::move(canonical.predicate));
            m_properties.push_back({m_storage.back(), &t.object, &t.predicate, canonical.rank});
        }
    }
    Properties(const Properties&) = delete;
    Properties& operator=(const Properties&) = delete;

    /// Values of `predicate`, newest form first (stable), marked used.
    std::vector<Property*> take(std::string_view predicate) {
        std::vector<Property*> out;
        for (auto& p : m_properties) {
            if (p.predicate == predicate) {
                p.used = true;
                out.push_back(&p);
            }
        }
        const auto by_rank = [](const Property* a, const Property* b) { return a->rank < b->rank; };
        // Mostly all of one rank: then the stable sort would change nothing (and cost a buffer).
        if (!std::is_sorted(out.begin(), out.end(), by_rank)) std::stable_sort(out.begin(), out.end(), by_rank);
        return out;
    }
    bool has(std::string_view predicate) const {
        return std::any_of(m_properties.begin(), m_properties.end(),
                           [&](const Property& p) { return p.predicate == predicate; });
    }
    /// rdf:type IRIs of the node.
    std::vector<std::string_view> types() const {
        std::vector<std::string_view> out;
        for (const auto& p : m_properties) {
            if (p.predicate == rdf_type && p.object->kind == Term::Kind::iri) out.push_back(p.object->value);
        }
        return out;
    }
    /// Marks the rdf:type statements whose class is one of `expected` used.
    /// Marks the rdf:type statements naming one of `expected` as used, and
    /// returns those classes (each once, in the source's order).
    std::vector<std::string> take_types(std::initializer_list<std::string_view> expected) {
        std::vector<std::string> found;
        for (auto& p : m_properties) {
            if (p.predicate != rdf_type || p.object->kind != Term::Kind::iri) continue;
            if (std::find(expected.begin(), expected.end(), p.object->value) != expected.end()) {
                p.used = true;
                push_unique(found, p.object->value);
            }
        }
        return found;
    }
    template <typename F>
    void for_each_unused(F&& f) {
        for (auto& p : m_properties) {
            if (!p.used) f(p);
        }
    }
    const std::vector<std::string>& outdated_namespaces() const { return m_outdated; }
    const std::vector<std::string>& renamed() const { return m_renamed; }

private:
    template <typename T>
    static void push_unique(std::vector<T>& list, const T& value) {
        if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
    }

    std::deque<std::string> m_storage;  ///< canonical predicates that differ from the delivered ones
    std::vector<Property> m_properties;
    std::vector<std::string> m_outdated;
    std::vector<std::string> m_renamed;
};

template <typename T>
void push_unique(std::vector<T>& list, T value) {
    if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(std::move(value));
}

std::string lower_ascii(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

/// A term as text for Notes: literals as they are, IRIs as IRIs, blank nodes as "_:".
std::string term_text(const Term& term) {
    if (term.kind == Term::Kind::blank) return "_:" + term.value;
    return term.value;
}

/// The short form of a predicate for messages ("dcat:keyword").
std::string short_name(std::string_view iri) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 17> prefixes{{
        {"http://www.w3.org/ns/dcat#", "dcat:"},
        {"http://purl.org/dc/terms/", "dct:"},
        {"http://dcat-ap.de/def/dcatde/", "dcatde:"},
        {"http://xmlns.com/foaf/0.1/", "foaf:"},
        {"http://www.w3.org/2006/vcard/ns#", "vcard:"},
        {"http://www.w3.org/ns/adms#", "adms:"},
        {"http://spdx.org/rdf/terms#", "spdx:"},
        {"http://www.w3.org/2004/02/skos/core#", "skos:"},
        {"http://www.w3.org/2000/01/rdf-schema#", "rdfs:"},
        {"http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdf:"},
        {"http://www.w3.org/2002/07/owl#", "owl:"},
        {"http://data.europa.eu/r5r/", "dcatap:"},
        {"http://schema.org/", "schema:"},
        {"http://www.w3.org/ns/locn#", "locn:"},
        {"http://www.w3.org/2006/time#", "time:"},
        {"http://www.w3.org/ns/prov#", "prov:"},
        {"http://www.w3.org/2001/XMLSchema#", "xsd:"},
    }};
    for (const auto& [ns, prefix] : prefixes) {
        if (starts_with(iri, ns)) return std::string(prefix) + std::string(iri.substr(ns.size()));
    }
    return std::string(iri);
}

/// The XSD datatype the normalized form of a date is written with.
std::string_view date_datatype_for(std::string_view iso) {
    if (iso.size() == 4) return "http://www.w3.org/2001/XMLSchema#gYear";
    if (iso.size() == 7) return "http://www.w3.org/2001/XMLSchema#gYearMonth";
    if (iso.find('T') != std::string_view::npos) return "http://www.w3.org/2001/XMLSchema#dateTime";
    return "http://www.w3.org/2001/XMLSchema#date";
}

/// `%XX` sequences decoded (malformed ones kept as written).
std::string percent_decode(std::string_view text) {
    auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && hex(text[i + 1]) >= 0 && hex(text[i + 2]) >= 0) {
            out += static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

/// Unreserved characters kept, everything else percent-encoded: an
/// identifier as one IRI path segment.
std::string encode_segment(std::string_view text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (std::isalnum(c) != 0 || c == '-' || c == '.' || c == '_' || c == '~') {
            out += ch;
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 0xf];
        }
    }
    return out;
}

Term literal_term(std::string value, std::string_view datatype = {}) {
    Term t;
    t.kind = Term::Kind::literal;
    t.value = std::move(value);
    t.datatype = std::string(datatype);
    return t;
}

// ---------------------------------------------------------------- the normalizer

/// A model field name for Notes ("distribution[2].licence"), put together
/// only when a Note needs it. Refers to strings that outlive it; converts
/// implicitly from text, as a field name is its text.
class FieldName {
public:
    FieldName(const char* name) : m_name(name) {}
    FieldName(const std::string& name) : m_name(name) {}
    FieldName(std::string_view prefix, std::string_view name) : m_prefix(prefix), m_name(name) {}

    std::string str() const {
        std::string out;
        out.reserve(m_prefix.size() + m_name.size());
        out += m_prefix;
        out += m_name;
        return out;
    }

private:
    std::string_view m_prefix;
    std::string_view m_name;
};

/// Whether two kept statements say the same, whatever their blank nodes are called.
bool same_statement(const ExtraProperty& a, const ExtraProperty& b) {
    if (a.predicate != b.predicate || a.object.kind != b.object.kind || a.children.size() != b.children.size())
        return false;
    if (a.object.kind != Term::Kind::blank &&
        (a.object.value != b.object.value || a.object.datatype != b.object.datatype || a.object.lang != b.object.lang))
        return false;
    for (std::size_t i = 0; i < a.children.size(); ++i)
        if (!same_statement(a.children[i], b.children[i])) return false;
    return true;
}

/// Appends `e` unless one of the last statements kept says the same. A
/// catalogue that describes a shared node once per dataset (as ernte's own
/// export does) gives that node one copy of each blank node per dataset: read
/// back, they are one statement, not many. The look-back is bounded.
void push_distinct(std::vector<ExtraProperty>& kept, ExtraProperty e) {
    constexpr std::size_t look_back = 64;
    const std::size_t from = kept.size() > look_back ? kept.size() - look_back : 0;
    for (std::size_t i = kept.size(); i-- > from;)
        if (same_statement(kept[i], e)) return;
    kept.push_back(std::move(e));
}

class ResourceNormalizer {
public:
    ResourceNormalizer(const Graph& graph, const Term& resource, const Vocabularies& vocab,
                       const NormalizeContext& context)
        : m_graph(graph), m_resource(resource), m_vocab(vocab), m_context(context), m_values(vocab, m_dataset.notes) {}

    NormalizeResult run();

private:
    void note(const FieldName& field, std::string message, std::string original) {
        m_values.note(field.str(), std::move(message), std::move(original));
    }

    // -- reading values
    std::vector<ExtraProperty> describe(const Term& node, std::size_t depth);
    ExtraProperty extra(const Property& p);
    void keep(std::vector<ExtraProperty>& extra, const Property& p);
    Term relabel(const Term& term);
    void keep_unused(Properties& props, std::vector<ExtraProperty>& extra);
    static void add_identifier(std::vector<Identifier>& ids, Identifier id);
    void note_unused(Properties& props, const FieldName& field);
    void note_namespaces(const Properties& props, const FieldName& field);
    LangString lang_string(const Term& literal) const;
    std::vector<LangString> lang_strings(const std::vector<Property*>& values, const FieldName& field,
                                         std::vector<ExtraProperty>& extra);
    std::optional<std::string> single_text(const std::vector<Property*>& values, const FieldName& field,
                                           std::vector<ExtraProperty>& extra, std::string* lang = nullptr);
    const Property* single(const std::vector<Property*>& values, const FieldName& field,
                           std::vector<ExtraProperty>& extra);
    std::optional<std::string> date(const Term& term, const FieldName& field);
    std::optional<std::string> single_date(const std::vector<Property*>& values, const FieldName& field,
                                           std::vector<ExtraProperty>& extra);
    std::optional<std::string> iri_value(const Property& p, const FieldName& field, std::vector<ExtraProperty>& extra);
    std::vector<std::string> iri_list(const std::vector<Property*>& values, const FieldName& field,
                                      std::vector<ExtraProperty>& extra);
    std::optional<std::string> text_value(const Term& term);
    std::string email(const Term& term, const FieldName& field);
    void note_rewrite(const FieldName& field, const Term& delivered, const std::string& mapped, std::string_view what);

    // -- mapping steps
    bool map_identity(Properties& props);
    void map_type(Properties& props);
    void map_languages(Properties& props);
    void map_texts(Properties& props);
    void map_keywords(Properties& props);
    void map_themes(Properties& props);
    std::optional<std::string> theme_label(const Term& node, std::vector<std::string>& themes) const;
    void map_agents(Properties& props);
    void map_dcatde(Properties& props);
    void map_dates(Properties& props);
    void map_other_properties(Properties& props);
    void map_spatial(Properties& props);
    void map_service(Properties& props);
    void map_licence(Properties& props);
    void map_distributions(Properties& props);

    Agent agent(const Term& value, const FieldName& field);
    ContactPoint contact_point(const Term& value, const FieldName& field);
    std::optional<model::Period> period(const Property& p, const FieldName& field);
    std::vector<std::pair<std::string, std::string>> licence_candidates(const std::vector<Property*>& values,
                                                                        const FieldName& field,
                                                                        std::vector<ExtraProperty>& extra);
    model::Licence licence(const std::vector<Property*>& values, const FieldName& field,
                           std::vector<ExtraProperty>& extra);
    Distribution distribution(const Term& node, std::size_t index);
    std::optional<std::string> format_text(const Term& term);
    const Term* geometry_literal(const Term& value) const;
    const Term* geometry_node_literal(std::string_view predicate, const Term& object) const;

    const Graph& m_graph;
    const Term& m_resource;
    const Vocabularies& m_vocab;
    const NormalizeContext& m_context;
    model::Dataset m_dataset;
    ValueMapper m_values;
    BlankLabels m_labels;
    std::string m_lang = "de";
    bool m_own_licence = false;
    std::vector<std::string> m_noted_namespaces;  ///< outdated namespaces and renamed predicates noted once
    std::unordered_set<std::string_view> m_distribution_iris;  ///< the resource's dcat:distribution IRIs
    std::unordered_set<std::string> m_described;                ///< nodes an extra already describes
};

// ---------------------------------------------------------------- reading values

/// What the page says about a value node, for an ExtraProperty's children.
/// Each node is described once per record (a later mention is its label or
/// IRI alone, as the export writes a blank node named twice), which also
/// ends cycles and keeps the work linear.
std::vector<ExtraProperty> ResourceNormalizer::describe(const Term& node, std::size_t depth) {
    std::vector<ExtraProperty> children;
    if (depth > max_depth || !is_owned_node(m_graph, node)) return children;
    // the record's own distributions are described as distributions
    if (node.kind == Term::Kind::iri && m_distribution_iris.contains(node.value)) return children;
    if (!m_described.insert(node_key(node)).second) return children;
    for (const std::uint32_t i : m_graph.about(node)) {
        const Triple& t = m_graph.triples()[i];
        if (const Term* literal = geometry_node_literal(t.predicate.value, t.object)) {
            push_distinct(children, {t.predicate.value, *literal, {}});
            continue;
        }
        ExtraProperty child{t.predicate.value, relabel(t.object), {}};
        child.children = describe(t.object, depth + 1);
        push_distinct(children, std::move(child));
    }
    return children;
}

/// The literal of a DCAT-AP 3 geometry node (`locn:geometry [ a locn:Geometry ;
/// gsp:asWKT "..." ]`): the same fact as the literal DCAT-AP 2 gives as
/// locn:geometry, and kept in that one form, which the export writes as the node.
const Term* ResourceNormalizer::geometry_node_literal(std::string_view predicate, const Term& object) const {
    if (predicate != locn_geometry || object.kind != Term::Kind::blank) return nullptr;
    return geometry_literal(object);
}

/// A blank node under the label it has in the stored N-Triples (numbered on
/// the first blank node an extra needs).
Term ResourceNormalizer::relabel(const Term& term) {
    if (term.kind != Term::Kind::blank) return term;
    if (m_labels.empty()) {
        walk_description(m_graph, m_resource, [&](const Triple& t) {
            if (t.subject.kind == Term::Kind::blank) m_labels.number(t.subject);
            if (t.object.kind == Term::Kind::blank) m_labels.number(t.object);
        });
    }
    return m_labels.relabel(term);
}

/// Keeps `p` as delivered; an empty text (ArcGIS Hub's `"dct:language": ""`)
/// says nothing and is dropped with a Note.
void ResourceNormalizer::keep(std::vector<ExtraProperty>& extra, const Property& p) {
    if (p.object->kind == Term::Kind::literal && trim_whitespace(p.object->value).empty()) {
        note("extra", fmt::format("{} has no value; dropped", short_name(p.delivered->value)), p.object->value);
        return;
    }
    if (p.object->kind == Term::Kind::blank && !m_graph.about(*p.object).empty() && !is_owned_node(m_graph, *p.object)) {
        // a blank catalog record or paging node: not the resource's, and
        // without its description the export would name a node it never describes
        note("extra",
             fmt::format("{} names a catalog record or paging node, which is not part of the dataset; dropped",
                         short_name(p.delivered->value)),
             "");
        return;
    }
    push_distinct(extra, this->extra(p));
}

ExtraProperty ResourceNormalizer::extra(const Property& p) {
    if (const Term* literal = geometry_node_literal(p.predicate, *p.object))
        return {std::string(p.predicate), *literal, {}};
    ExtraProperty out{std::string(p.predicate), relabel(*p.object), {}};
    out.children = describe(*p.object, 1);
    return out;
}

void ResourceNormalizer::keep_unused(Properties& props, std::vector<ExtraProperty>& extra) {
    props.for_each_unused([&](Property& p) { keep(extra, p); });
}

/// Statements about an agent, contact point, period ... the model has no place for.
void ResourceNormalizer::note_unused(Properties& props, const FieldName& field) {
    props.for_each_unused([&](Property& p) {
        note(field, fmt::format("{} is not kept: the record has no place for it", short_name(p.delivered->value)),
             term_text(*p.object));
    });
}

void ResourceNormalizer::note_namespaces(const Properties& props, const FieldName& field) {
    for (const auto& ns : props.outdated_namespaces()) {
        if (std::find(m_noted_namespaces.begin(), m_noted_namespaces.end(), ns) != m_noted_namespaces.end()) continue;
        m_noted_namespaces.push_back(ns);
        const bool dcatap_ns = ns == dcatap_hash;
        note(field, fmt::format("properties in the outdated namespace read as {}", dcatap_ns ? dcatap : dcatde), ns);
    }
    for (const auto& predicate : props.renamed()) {
        if (std::find(m_noted_namespaces.begin(), m_noted_namespaces.end(), predicate) != m_noted_namespaces.end()) continue;
        m_noted_namespaces.push_back(predicate);
        const CanonicalPredicate canonical = canonical_predicate(predicate);
        note(field, fmt::format("{} read as {}", short_name(predicate), short_name(canonical.predicate)), predicate);
    }
}

LangString ResourceNormalizer::lang_string(const Term& literal) const {
    std::string lang = literal.lang.empty() ? m_lang : lower_ascii(literal.lang);
    return {std::string(trim_whitespace(literal.value)), std::move(lang)};
}

/// Literal texts; IRIs and nodes are kept as extras.
std::vector<LangString> ResourceNormalizer::lang_strings(const std::vector<Property*>& values, const FieldName& field,
                                                         std::vector<ExtraProperty>& extra) {
    std::vector<LangString> out;
    for (const Property* p : values) {
        if (p->object->kind != Term::Kind::literal) {
            note(field, "expected text, found an IRI or node; kept as an extra", term_text(*p->object));
            keep(extra, *p);
            continue;
        }
        LangString value = lang_string(*p->object);
        if (!value.value.empty()) push_unique(out, std::move(value));
    }
    return out;
}

/// One text: of the newest-form literals, the record's language, then
/// German, then English, then the first (Note when others are dropped).
/// One text of a single-valued property: the record language's, else German,
/// English, the first. `lang`, when given, receives the language tag the
/// chosen text was delivered with (empty when it had none).
std::optional<std::string> ResourceNormalizer::single_text(const std::vector<Property*>& values, const FieldName& field,
                                                           std::vector<ExtraProperty>& extra, std::string* lang) {
    std::vector<Property*> best;
    for (Property* p : values) {
        if (!best.empty() && p->rank > best.front()->rank) {
            if (p->object->value != best.front()->object->value) {
                note(field, fmt::format("{} ignored: {} is given", short_name(p->delivered->value),
                                        short_name(best.front()->delivered->value)),
                     term_text(*p->object));
            }
            continue;
        }
        best.push_back(p);
    }
    const auto texts = lang_strings(best, field, extra);
    if (texts.empty()) return std::nullopt;
    const LangString* chosen = &texts.front();
    for (std::string_view lang : {std::string_view(m_lang), std::string_view("de"), std::string_view("en")}) {
        const auto it = std::find_if(texts.begin(), texts.end(), [&](const LangString& l) { return l.lang == lang; });
        if (it != texts.end()) {
            chosen = &*it;
            break;
        }
    }
    if (texts.size() > 1) {
        std::string original;
        for (const auto& t : texts) {
            if (&t == chosen) continue;
            if (!original.empty()) original += " | ";
            original += t.value;
        }
        // The texts not chosen go back out as delivered, once each.
        std::vector<LangString> kept{*chosen};
        for (const Property* p : best) {
            if (p->object->kind != Term::Kind::literal) continue;
            LangString text = lang_string(*p->object);
            if (text.value.empty() || std::find(kept.begin(), kept.end(), text) != kept.end()) continue;
            kept.push_back(std::move(text));
            keep(extra, *p);
        }
        note(field,
             fmt::format("only the \"{}\" text of {} languages is used; the others are kept as extras", chosen->lang,
                         texts.size()),
             original);
    }
    if (lang != nullptr) {
        lang->clear();
        for (const Property* p : best) {
            const Term& o = *p->object;
            if (o.kind == Term::Kind::literal && !o.lang.empty() && trim_whitespace(o.value) == chosen->value) {
                *lang = lower_ascii(o.lang);
                break;
            }
        }
    }
    return chosen->value;
}

/// The newest-form first value of a single-valued property; further values
/// of the same form are kept as extras (Note), older forms are ignored (Note).
const Property* ResourceNormalizer::single(const std::vector<Property*>& values, const FieldName& field,
                                           std::vector<ExtraProperty>& extra) {
    if (values.empty()) return nullptr;
    const Property* chosen = values.front();
    for (std::size_t i = 1; i < values.size(); ++i) {
        const Property* p = values[i];
        if (*p->object == *chosen->object) continue;
        if (p->rank > chosen->rank) {
            note(field, fmt::format("{} ignored: {} is given", short_name(p->delivered->value),
                                    short_name(chosen->delivered->value)),
                 term_text(*p->object));
        } else {
            note(field, "more than one value; the first is used, the others are kept as extras", term_text(*p->object));
            keep(extra, *p);
        }
    }
    return chosen;
}

/// A date literal as ISO 8601 (Note when rewritten, dropped or typed wrongly).
std::optional<std::string> ResourceNormalizer::date(const Term& term, const FieldName& field) {
    if (term.kind != Term::Kind::literal) {
        note(field, "expected a date, found an IRI or node; dropped", term_text(term));
        return std::nullopt;
    }
    const std::string_view raw = trim_whitespace(term.value);
    auto iso = m_values.date(raw, field.str());
    if (!iso || *iso != raw) return iso;
    const std::string_view expected = date_datatype_for(*iso);
    // A JSON-LD context that coerces to "xsd:date" without defining xsd (as
    // published DCAT-AP contexts do) gives that text as the datatype IRI.
    constexpr std::string_view xsd = "http://www.w3.org/2001/XMLSchema#";
    const std::string datatype =
        term.datatype.starts_with("xsd:") ? std::string(xsd) + term.datatype.substr(4) : term.datatype;
    const bool stamp = expected.ends_with("#dateTime") && datatype == "http://www.w3.org/2001/XMLSchema#dateTimeStamp";
    if (datatype.empty() || datatype == "http://www.w3.org/2001/XMLSchema#string") {
        note(field, fmt::format("date without a datatype; typed as {}", short_name(expected)), term.value);
    } else if (datatype != expected && !stamp) {
        note(field, fmt::format("date typed as {}; typed as {}", short_name(datatype), short_name(expected)),
             term.value);
    }
    return iso;
}

std::optional<std::string> ResourceNormalizer::single_date(const std::vector<Property*>& values, const FieldName& field,
                                                           std::vector<ExtraProperty>& extra) {
    const Property* p = single(values, field, extra);
    if (p == nullptr) return std::nullopt;
    return date(*p->object, field);
}

/// The text of a literal or the IRI; nullopt for blank nodes.
std::optional<std::string> ResourceNormalizer::text_value(const Term& term) {
    if (term.kind == Term::Kind::blank) return std::nullopt;
    std::string text(trim_whitespace(term.value));
    if (text.empty()) return std::nullopt;
    return text;
}

/// An IRI value: an IRI as it is; an http(s) IRI written as text (Note);
/// other text and nodes are kept as extras (text with a Note). A described
/// IRI node is also kept as an extra with its description.
std::optional<std::string> ResourceNormalizer::iri_value(const Property& p, const FieldName& field,
                                                         std::vector<ExtraProperty>& extra) {
    const Term& o = *p.object;
    if (o.kind == Term::Kind::iri) {
        bool described = false;
        if (!m_distribution_iris.contains(o.value) && is_owned_node(m_graph, o)) {
            for (const std::uint32_t i : m_graph.about(o)) described = described || !is_type_statement(m_graph.triples()[i]);
        }
        if (described) keep(extra, p);
        return o.value;
    }
    if (o.kind == Term::Kind::blank) {
        keep(extra, p);
        return std::nullopt;
    }
    const std::string_view text = trim_whitespace(o.value);
    if (text.empty()) return std::nullopt;
    if (is_http_iri(text)) {
        note(field, "IRI given as text; written as an IRI", o.value);
        return std::string(text);
    }
    // One URL written as text with spaces (or other characters an IRI may
    // not hold): percent-encoded. Text naming several URLs stays text.
    const std::string scheme = lower_ascii(text.substr(0, 8));
    if ((scheme.starts_with("http://") || scheme == "https://") &&
        text.find("://", text.find("://") + 3) == std::string_view::npos) {
        std::string url = encode_url_whitespace(text);
        if (!is_http_iri(url)) url = rdf::encode_iri(url);
        if (is_http_iri(url)) {
            note(field, "IRI given as text, with characters an IRI may not contain; percent-encoded and written as an IRI",
                 o.value);
            return url;
        }
    }
    note(field, "not an http(s) IRI; kept as text in an extra", o.value);
    keep(extra, p);
    return std::nullopt;
}

std::vector<std::string> ResourceNormalizer::iri_list(const std::vector<Property*>& values, const FieldName& field,
                                                      std::vector<ExtraProperty>& extra) {
    std::vector<std::string> out;
    for (const Property* p : values) {
        if (auto iri = iri_value(*p, field, extra)) push_unique(out, std::move(*iri));
    }
    return out;
}

/// An e-mail address from a literal or a mailto: IRI. An address written as a
/// relative IRI (rdf:resource="info@example.org") arrives resolved against the
/// page's URL: its last segment is the address (Note).
std::string ResourceNormalizer::email(const Term& term, const FieldName& field) {
    const std::string text = text_value(term).value_or("");
    if (term.kind == Term::Kind::iri && is_http_iri(text)) {
        const std::string_view segment = std::string_view(text).substr(text.rfind('/') + 1);
        const auto at = segment.find('@');
        if (at != std::string_view::npos && at > 0 && segment.find('.', at) != std::string_view::npos &&
            segment.find_first_of("?#") == std::string_view::npos) {
            note(field, fmt::format("e-mail address written as a relative IRI; read as {}", segment), text);
            return std::string(segment);
        }
    }
    return std::string(trim_whitespace(strip_mailto(text)));
}

/// Note when a vocabulary value arrived as text or as another IRI than the one kept.
void ResourceNormalizer::note_rewrite(const FieldName& field, const Term& delivered, const std::string& mapped,
                                      std::string_view what) {
    if (delivered.kind != Term::Kind::literal && delivered.value == mapped) return;
    if (delivered.kind == Term::Kind::literal) {
        note(field, fmt::format("{} given as text; written as {}", what, mapped), delivered.value);
    } else if (vocab_key(delivered.value) != vocab_key(mapped)) {
        note(field, fmt::format("{} written as {}", what, mapped), delivered.value);
    }
}

// ---------------------------------------------------------------- identity and type

bool ResourceNormalizer::map_identity(Properties& props) {
    auto& d = m_dataset;
    if (const Property* p = single(props.take(dct_identifier), "identifier", d.extra)) {
        if (auto id = text_value(*p->object)) {
            d.identifier = *id;
            d.identifier_datatype = text_datatype(*p->object);
        } else {
            note("identifier", "dct:identifier is a node, not a text; kept as an extra", term_text(*p->object));
            keep(d.extra, *p);
        }
    }
    d.source_id = d.identifier;
    if (m_resource.kind == Term::Kind::iri) {
        d.iri = m_resource.value;
        return true;
    }
    if (d.identifier.empty()) return false;
    if (is_http_iri(d.identifier)) {
        d.iri = d.identifier;
    } else {
        std::string portal = m_context.portal_url;
        while (!portal.empty() && portal.back() == '/') portal.pop_back();
        d.iri = portal.empty() ? "urn:ernte:" + encode_segment(m_context.source_name) + ":" + encode_segment(d.identifier)
                               : portal + "/dataset/" + encode_segment(d.identifier);
    }
    note("iri", fmt::format("the dataset is a blank node; identified by its dct:identifier as {}", d.iri), d.identifier);
    return true;
}

void ResourceNormalizer::map_type(Properties& props) {
    const auto types = props.types();
    auto typed = [&](std::string_view type) { return std::find(types.begin(), types.end(), type) != types.end(); };
    if (typed(dcat_DatasetSeries)) {
        m_dataset.type = model::ResourceType::dataset_series;
    } else if (typed(dcat_DataService) || (!typed(dcat_Dataset) && (props.has(dcat_endpointURL) || props.has(dcat_servesDataset)))) {
        m_dataset.type = model::ResourceType::data_service;
    }
    props.take_types({dcat_Dataset, dcat_DataService, dcat_DatasetSeries, dcat_Resource});
}

// ---------------------------------------------------------------- texts

void ResourceNormalizer::map_languages(Properties& props) {
    auto& d = m_dataset;
    for (const Property* p : props.take(dct_language)) {
        const auto value = text_value(*p->object);
        if (!value) {
            keep(d.extra, *p);
            continue;
        }
        if (auto iri = m_values.language(*value, "languages")) {
            note_rewrite("languages", *p->object, *iri, "language");
            push_unique(d.languages, *iri);
        }
    }
    if (!d.languages.empty() &&
        std::find(d.languages.begin(), d.languages.end(),
                  "http://publications.europa.eu/resource/authority/language/DEU") == d.languages.end()) {
        m_lang = m_vocab.language_tag(d.languages.front()).value_or("de");
    }
}

void ResourceNormalizer::map_texts(Properties& props) {
    auto& d = m_dataset;
    d.title = lang_strings(props.take(dct_title), "title", d.extra);
    d.description = plain_descriptions(lang_strings(props.take(dct_description), "description", d.extra),
                                       &d.description_original);
    if (!d.description_original.empty()) {
        note("description", "HTML or Markdown markup removed; the original is kept in description_original", "");
    }
    // DCAT-AP.de 3.0 gives the version as dcat:version and deprecates
    // owl:versionInfo: the older property stands in when dcat:version is
    // missing, and is kept as delivered when it says something else.
    const auto version_info = props.take(owl_versionInfo);
    if (auto version = single_text(props.take(dcat_version), "version", d.extra)) {
        d.version = *version;
        for (const Property* p : version_info) {
            if (text_value(*p->object) != d.version) keep(d.extra, *p);
        }
    } else if (auto info = single_text(version_info, "version", d.extra)) {
        d.version = *info;
        note("version", "owl:versionInfo (deprecated in DCAT-AP.de 3.0) written as dcat:version", *info);
    }
    if (auto notes = single_text(props.take(adms_versionNotes), "version_notes", d.extra, &d.version_notes_lang))
        d.version_notes = *notes;
}

void ResourceNormalizer::map_keywords(Properties& props) {
    auto& d = m_dataset;
    std::unordered_set<std::string> seen;
    std::size_t dropped = 0;
    for (const Property* p : props.take(dcat_keyword)) {
        if (p->object->kind != Term::Kind::literal) {
            note("keywords", "expected text, found an IRI or node; kept as an extra", term_text(*p->object));
            keep(d.extra, *p);
            continue;
        }
        LangString keyword = lang_string(*p->object);
        if (keyword.value.empty()) continue;
        if (!seen.insert(keyword.lang + '\n' + vocab_key(keyword.value)).second) continue;
        if (d.keywords.size() >= max_keywords) {
            ++dropped;
            continue;
        }
        d.keywords.push_back(std::move(keyword));
    }
    if (dropped > 0) {
        note("keywords", fmt::format("{} more keywords dropped; at most {} are kept", dropped, max_keywords), "");
    }
}

namespace {

/// How a value read from the last segment of its IRI is named in Notes.
constexpr std::string_view relative_text = "its last path segment, read as text";

/// Free text written where an IRI belongs (rdf:resource="CC BY 4.0" or
/// "Umwelt und Klima", as some portal exports have it) arrives resolved
/// against the page's URL and percent-encoded: `http://portal/CC%20BY%204.0`.
/// The text, when the IRI's last path segment decodes to words (holds a
/// space); nullopt otherwise.
std::optional<std::string> text_of_relative_iri(std::string_view iri) {
    if (!is_http_iri(iri) || iri.find_first_of("?#") != std::string_view::npos) return std::nullopt;
    const std::string text = percent_decode(iri.substr(iri.rfind('/') + 1));
    const std::string_view words = trim_whitespace(text);
    if (words.find(' ') == std::string_view::npos) return std::nullopt;
    return std::string(words);
}

}  // namespace

void ResourceNormalizer::map_themes(Properties& props) {
    auto& d = m_dataset;
    for (const Property* p : props.take(dcat_theme)) {
        const auto value = text_value(*p->object);
        auto themes = value ? m_vocab.map_themes(*value) : std::vector<std::string>{};
        if (themes.empty() && p->object->kind != Term::Kind::literal) {
            // A concept of the portal's own (OpenDataSoft:
            // .../explore/?refine.theme=Transports) may name an EU data theme by its label.
            if (auto label = theme_label(*p->object, themes)) {
                for (const auto& theme : themes) push_unique(d.themes, theme);
                if (value) {
                    push_unique(d.themes_original, *value);
                    note("themes", fmt::format("theme is no EU data theme, its label \"{}\" is; kept in themes_original", *label),
                         *value);
                } else {
                    note("themes", fmt::format("theme given as a node labelled \"{}\"", *label), *label);
                }
                continue;
            }
        }
        if (!value) {
            keep(d.extra, *p);
            continue;
        }
        if (themes.empty() && p->object->kind == Term::Kind::iri) {
            // Not described on the page: perhaps words where the IRI belongs.
            // The IRI stays, as that of a concept mapped by its label does.
            if (const auto words = text_of_relative_iri(*value)) {
                themes = m_vocab.map_themes(*words);
                if (!themes.empty()) {
                    for (const auto& theme : themes) push_unique(d.themes, theme);
                    push_unique(d.themes_original, *value);
                    note("themes",
                         fmt::format("theme mapped from {}: {}; the IRI is kept in themes_original", relative_text,
                                     fmt::join(themes, ", ")),
                         *value);
                    continue;
                }
            }
        }
        if (themes.empty()) {
            push_unique(d.themes_original, *value);
            note("themes", "theme is not an EU data theme; kept in themes_original", *value);
            continue;
        }
        if (themes.size() == 1) note_rewrite("themes", *p->object, themes.front(), "theme");
        if (themes.size() > 1) {
            std::string all;
            for (const auto& t : themes) all += (all.empty() ? "" : ", ") + t;
            note("themes", fmt::format("theme written as {}", all), *value);
        }
        for (const auto& theme : themes) push_unique(d.themes, theme);
    }
}

/// The first label the page gives a theme node (skos:prefLabel, rdfs:label,
/// dct:title) that names EU data themes; `themes` receives them.
std::optional<std::string> ResourceNormalizer::theme_label(const Term& node, std::vector<std::string>& themes) const {
    for (const std::uint32_t i : m_graph.about(node)) {
        const Triple& t = m_graph.triples()[i];
        const std::string_view predicate = t.predicate.value;
        if (t.object.kind != Term::Kind::literal ||
            (predicate != skos_prefLabel && predicate != rdfs_label && predicate != dct_title))
            continue;
        themes = m_vocab.map_themes(t.object.value);
        if (!themes.empty()) return std::string(trim_whitespace(t.object.value));
    }
    return std::nullopt;
}

// ---------------------------------------------------------------- agents

Agent ResourceNormalizer::agent(const Term& value, const FieldName& field) {
    Agent a;
    if (value.kind == Term::Kind::literal) {
        a.name = std::string(trim_whitespace(value.value));
        note(field, "agent given as text, not as a foaf:Agent; kept as its name", value.value);
        return a;
    }
    if (value.kind == Term::Kind::iri) {
        if (is_http_iri(value.value)) {
            a.iri = value.value;
        } else {
            note(field, "agent IRI is not an http(s) IRI; written as a blank node", value.value);
        }
    }
    if (!is_owned_node(m_graph, value)) return a;
    Properties props(m_graph, value);
    // foaf:Agent itself is not kept: the export writes it for every agent.
    a.classes = props.take_types({"http://xmlns.com/foaf/0.1/Agent", "http://xmlns.com/foaf/0.1/Organization",
                      "http://xmlns.com/foaf/0.1/Person", "http://xmlns.com/foaf/0.1/Group",
                      "http://www.w3.org/2006/vcard/ns#Kind", "http://www.w3.org/2006/vcard/ns#Organization",
                      "http://www.w3.org/2006/vcard/ns#Individual"});
    std::erase(a.classes, "http://xmlns.com/foaf/0.1/Agent");
    // Values of the wrong kind, further values and what the model has no
    // field for are kept as delivered, and written back on export.
    std::vector<ExtraProperty>& unused = a.extra;
    if (auto name = single_text(props.take(foaf_name), field, unused, &a.name_lang)) {
        a.name = *name;
    } else {
        for (const std::string_view fallback : {skos_prefLabel, rdfs_label, dct_title, schema_name,
                                                vcard_fn}) {
            if (auto name = single_text(props.take(fallback), field, unused, &a.name_lang)) {
                a.name = *name;
                note(field, fmt::format("agent name given as {}, not as foaf:name", short_name(fallback)), *name);
                break;
            }
        }
    }
    if (const Property* p = single(props.take(foaf_mbox), field, unused)) a.email = email(*p->object, field);
    if (const Property* p = single(props.take(foaf_homepage), field, unused)) {
        if (auto page = text_value(*p->object)) a.homepage = *page;
    }
    if (const Property* p = single(props.take(dct_type), field, unused)) {
        if (p->object->kind == Term::Kind::iri) {
            a.type_iri = p->object->value;
        } else {
            note(field, "agent type is not an IRI; dropped", term_text(*p->object));
        }
    }
    keep_unused(props, a.extra);
    // A class alone (a blank node, or an IRI that is no http(s) IRI, typed
    // foaf:Organization and nothing more) does not make an agent.
    if (a.empty() && a.type_iri.empty()) a.classes.clear();
    return a;
}

ContactPoint ResourceNormalizer::contact_point(const Term& value, const FieldName& field) {
    ContactPoint c;
    if (value.kind == Term::Kind::literal) {
        const std::string_view text = trim_whitespace(value.value);
        if (text.find('@') != std::string_view::npos && text.find(' ') == std::string_view::npos) {
            c.email = strip_mailto(text);
        } else {
            c.name = std::string(text);
        }
        note(field, "contact point given as text, not as a vcard:Kind", value.value);
        return c;
    }
    if (value.kind == Term::Kind::iri) {
        if (is_http_iri(value.value)) {
            c.iri = value.value;
        } else if (starts_with(lower_ascii(value.value), "mailto:")) {
            c.email = strip_mailto(value.value);
            note(field, "contact point given as an e-mail IRI, not as a vcard:Kind", value.value);
            return c;
        }
    }
    if (!is_owned_node(m_graph, value)) return c;
    Properties props(m_graph, value);
    c.classes = props.take_types({"http://www.w3.org/2006/vcard/ns#Kind", "http://www.w3.org/2006/vcard/ns#Individual",
                      "http://www.w3.org/2006/vcard/ns#Organization", "http://www.w3.org/2006/vcard/ns#Group",
                      "http://www.w3.org/2006/vcard/ns#Location"});
    std::erase(c.classes, "http://www.w3.org/2006/vcard/ns#Kind");  // the export writes it for every contact
    // As for agents: what has no field here is kept as delivered.
    std::vector<ExtraProperty>& unused = c.extra;
    // vcard:hasEmail <mailto:...>, "x@y", or [ vcard:hasValue <mailto:...> ]
    auto value_of = [&](const Term& t) -> const Term* {
        if (t.kind != Term::Kind::blank) return &t;
        return m_graph.object(t, vcard_hasValue);
    };
    auto take_one = [&](std::string_view predicate) -> const Term* {
        const Property* p = single(props.take(predicate), field, unused);
        if (p == nullptr) return nullptr;
        const Term* value = value_of(*p->object);
        if (value == nullptr || !text_value(*value)) {
            note(field, fmt::format("{} has no value; dropped", short_name(predicate)), term_text(*p->object));
            return nullptr;
        }
        return value;
    };
    if (auto name = single_text(props.take(vcard_fn), field, unused, &c.name_lang)) {
        c.name = *name;
    } else if (auto org = single_text(props.take(vcard_organization_name), field, unused, &c.name_lang)) {
        c.name = *org;
    }
    if (const Term* mail = take_one(vcard_hasEmail)) c.email = email(*mail, field);
    if (const Term* url = take_one(vcard_hasURL)) c.url = *text_value(*url);
    if (const Term* tel = take_one(vcard_hasTelephone)) {
        c.telephone = strip_tel(*text_value(*tel));
        // an IRI with spaces ("tel:+49 40 ...") arrives percent-encoded by the reader
        if (tel->kind == Term::Kind::iri && c.telephone.find('%') != std::string::npos) {
            const std::string decoded = percent_decode(c.telephone);
            note(field, fmt::format("telephone IRI decoded as \"{}\"", decoded), c.telephone);
            c.telephone = decoded;
        }
    }
    if (const Property* p = single(props.take(vcard_hasAddress), field, unused)) {
        if (is_owned_node(m_graph, *p->object)) {
            Properties address(m_graph, *p->object);
            address.take_types({"http://www.w3.org/2006/vcard/ns#Address", "http://www.w3.org/2006/vcard/ns#Work",
                                "http://www.w3.org/2006/vcard/ns#Home"});
            std::vector<ExtraProperty> address_unused;  // the model keeps one address of four parts
            auto part = [&](std::string_view predicate) {
                return single_text(address.take(predicate), field, address_unused).value_or("");
            };
            c.street = part(vcard_street_address);
            c.postal_code = part(vcard_postal_code);
            c.locality = part(vcard_locality);
            c.country = part(vcard_country_name);
            for (const auto& e : address_unused)
                note(field, fmt::format("{} is not kept", short_name(e.predicate)), term_text(e.object));
            note_unused(address, field);
        } else {
            note(field, "vcard:hasAddress is not an address node; kept as delivered", term_text(*p->object));
            keep(c.extra, *p);
        }
    }
    // vCard 3 style properties directly on the contact (ckanext-dcatde)
    for (const auto& [old_predicate, target] : std::initializer_list<std::pair<std::string_view, std::string*>>{
             {"http://www.w3.org/2006/vcard/ns#hasStreetAddress", &c.street},
             {"http://www.w3.org/2006/vcard/ns#hasPostalCode", &c.postal_code},
             {"http://www.w3.org/2006/vcard/ns#hasLocality", &c.locality},
             {"http://www.w3.org/2006/vcard/ns#hasCountryName", &c.country}}) {
        if (auto text = single_text(props.take(old_predicate), field, unused)) {
            if (target->empty()) *target = *text;
            note(field, fmt::format("{} read as part of vcard:hasAddress", short_name(old_predicate)), *text);
        }
    }
    keep_unused(props, c.extra);
    return c;
}

void ResourceNormalizer::map_agents(Properties& props) {
    auto& d = m_dataset;
    const auto publishers = props.take(dct_publisher);
    if (!publishers.empty()) {
        d.publisher = agent(*publishers.front()->object, "publisher");
        if (publishers.size() > 1) {
            note("publisher", "more than one publisher; only the first is kept, the others as extras",
                 term_text(*publishers[1]->object));
            for (std::size_t i = 1; i < publishers.size(); ++i) keep(d.extra, *publishers[i]);
        }
    }
    for (const Property* p : props.take(dcat_contactPoint)) {
        ContactPoint c = contact_point(*p->object, "contact_points");
        if (!c.empty() || !c.street.empty()) push_unique(d.contact_points, std::move(c));
    }
    const std::array<std::pair<std::string_view, std::vector<Agent>*>, 4> lists{{
        {dct_creator, &d.creators},
        {dcatde_originator, &d.originators},
        {dcatde_maintainer, &d.maintainers},
        {dct_contributor, &d.contributors},
    }};
    const std::array<const char*, 4> fields{"creators", "originators", "maintainers", "contributors"};
    for (std::size_t i = 0; i < lists.size(); ++i) {
        for (const Property* p : props.take(lists[i].first)) {
            Agent a = agent(*p->object, fields[i]);
            if (!a.empty() || !a.type_iri.empty()) push_unique(*lists[i].second, std::move(a));
        }
    }
}

// ---------------------------------------------------------------- dcatde

void ResourceNormalizer::map_dcatde(Properties& props) {
    auto& d = m_dataset;
    for (const Property* p : props.take(dcatde_contributorID)) {
        const auto value = text_value(*p->object);
        if (!value) {
            keep(d.extra, *p);
            continue;
        }
        auto iri = m_values.contributor_id(*value);
        if (!iri) continue;
        if (p->object->kind == Term::Kind::literal && *iri == *value) {
            note("contributor_ids", fmt::format("contributor ID given as text; written as {}", *iri), *value);
        }
        push_unique(d.contributor_ids, *iri);
    }
    if (d.contributor_ids.empty()) d.contributor_ids = m_context.default_contributor_ids;

    for (auto& uri : iri_list(props.take(dcatde_politicalGeocodingURI), "political_geocoding_uris", d.extra)) {
        push_unique(d.spatial, uri);
        push_unique(d.political_geocoding_uris, std::move(uri));
    }
    if (const Property* p = single(props.take(dcatde_politicalGeocodingLevelURI), "political_geocoding_level", d.extra)) {
        if (auto value = text_value(*p->object)) {
            if (auto iri = m_values.geocoding_level(*value)) {
                note_rewrite("political_geocoding_level", *p->object, *iri, "political geocoding level");
                d.political_geocoding_level = *iri;
            }
        } else {
            keep(d.extra, *p);
        }
    }
    if (auto text = single_text(props.take(dcatde_geocodingDescription), "geocoding_text", d.extra)) d.geocoding_text = *text;
    if (auto text = single_text(props.take(dcatde_legalBasis), "legal_basis", d.extra)) d.legal_basis = *text;
    if (const Property* p = single(props.take(dcatde_qualityProcessURI), "quality_process", d.extra)) {
        if (auto value = text_value(*p->object)) {
            d.quality_process = *value;
        } else {
            keep(d.extra, *p);
        }
    }
    if (auto text = single_text(props.take(dcatde_licenseAttributionByText), "licence_attribution", d.extra)) {
        d.licence_attribution = *text;
    }
}

// ---------------------------------------------------------------- dates

std::optional<model::Period> ResourceNormalizer::period(const Property& p, const FieldName& field) {
    const Term& node = *p.object;
    if (node.kind == Term::Kind::literal || !is_owned_node(m_graph, node)) return std::nullopt;
    Properties props(m_graph, node);
    props.take_types({dct_PeriodOfTime});
    std::vector<ExtraProperty> unused;
    model::Period period;
    // schema.org's forms, and DC Terms' names that DC Terms does not have
    // (ArcGIS Hub's DCAT-AP 3 feed), stand in for the DCAT property
    auto take_date = [&](std::string_view predicate, std::array<std::string_view, 2> other_predicates,
                         std::string_view time_predicate, std::string& target) {
        if (auto value = single_date(props.take(predicate), field, unused)) {
            target = *value;
            return;
        }
        for (const std::string_view other : other_predicates) {
            if (auto value = single_date(props.take(other), field, unused)) {
                target = *value;
                note(field, fmt::format("{} read as {}", short_name(other), short_name(predicate)), *value);
                return;
            }
        }
        if (const Property* instant = single(props.take(time_predicate), field, unused)) {
            if (!is_owned_node(m_graph, *instant->object)) return;
            Properties time(m_graph, *instant->object);
            time.take_types({"http://www.w3.org/2006/time#Instant"});
            for (const std::string_view form : {"http://www.w3.org/2006/time#inXSDDate",
                                                "http://www.w3.org/2006/time#inXSDDateTimeStamp",
                                                "http://www.w3.org/2006/time#inXSDDateTime",
                                                "http://www.w3.org/2006/time#inXSDgYear"}) {
                if (auto value = single_date(time.take(form), field, unused)) {
                    if (target.empty()) target = *value;
                }
            }
            note_unused(time, field);
        }
    };
    take_date(dcat_startDate, {schema_startDate, "http://purl.org/dc/terms/startDate"}, time_hasBeginning, period.start);
    take_date(dcat_endDate, {schema_endDate, "http://purl.org/dc/terms/endDate"}, time_hasEnd, period.end);
    if (period.empty()) return std::nullopt;
    for (const auto& e : unused) note(field, fmt::format("{} is not kept", short_name(e.predicate)), term_text(e.object));
    note_unused(props, field);
    return period;
}

void ResourceNormalizer::map_dates(Properties& props) {
    auto& d = m_dataset;
    if (auto issued = single_date(props.take(dct_issued), "issued", d.extra)) d.issued = *issued;
    if (auto modified = single_date(props.take(dct_modified), "modified", d.extra)) d.modified = *modified;
    for (const Property* p : props.take(dct_temporal)) {
        if (auto coverage = period(*p, "temporal")) {
            push_unique(d.temporal, *coverage);
        } else {
            note("temporal", "period of time without a start or an end date (K38); kept as an extra",
                 term_text(*p->object));
            keep(d.extra, *p);
        }
    }
}

// ---------------------------------------------------------------- other properties

void ResourceNormalizer::map_other_properties(Properties& props) {
    auto& d = m_dataset;
    if (const Property* p = single(props.take(dct_accrualPeriodicity), "frequency", d.extra)) {
        if (auto value = text_value(*p->object)) {
            std::optional<std::string> words;
            if (p->object->kind == Term::Kind::iri && !m_vocab.map_frequency(*value)) words = text_of_relative_iri(*value);
            if (words && m_vocab.map_frequency(*words)) {
                m_values.frequency(*words, d.frequency, d.frequency_original);
                d.frequency_original = *value;
                note("frequency", fmt::format("frequency mapped from {}; written as {}", relative_text, d.frequency),
                     *value);
            } else {
                m_values.frequency(*value, d.frequency, d.frequency_original);
                if (!d.frequency.empty()) note_rewrite("frequency", *p->object, d.frequency, "frequency");
            }
        } else {
            keep(d.extra, *p);
        }
    }
    const auto landing = iri_list(props.take(dcat_landingPage), "landing_page", d.extra);
    if (!landing.empty()) d.landing_page = landing.front();
    for (std::size_t i = 1; i < landing.size(); ++i) {
        note("landing_page", "more than one landing page; the first is used, the others are kept as extras", landing[i]);
        d.extra.push_back({std::string(dcat_landingPage), Term{Term::Kind::iri, landing[i], {}, {}}, {}});
    }
    d.pages = iri_list(props.take(foaf_page), "pages", d.extra);
    d.conforms_to = iri_list(props.take(dct_conformsTo), "conforms_to", d.extra);
    d.related = iri_list(props.take(dct_relation), "related", d.extra);
    d.source_urls = iri_list(props.take(dct_source), "source_urls", d.extra);
    d.in_series = iri_list(props.take(dcat_inSeries), "in_series", d.extra);
    if (const Property* p = single(props.take(dct_accessRights), "access_rights", d.extra)) {
        if (p->object->kind == Term::Kind::blank) {
            keep(d.extra, *p);
        } else if (auto value = text_value(*p->object)) {
            if (auto iri = m_values.access_right(*value, d.extra)) {
                note_rewrite("access_rights", *p->object, *iri, "access right");
                d.access_rights = *iri;
            }
        }
    }
    for (const Property* p : props.take(adms_identifier)) {
        const Term& o = *p->object;
        if (o.kind == Term::Kind::literal || !is_owned_node(m_graph, o)) {
            if (auto notation = text_value(o)) add_identifier(d.other_identifiers, {std::move(*notation), {}, {}});
            continue;
        }
        // The node's other statements (adms:schemaAgency, dct:creator, a
        // second notation ...) stay with the identifier.
        Properties node(m_graph, o);
        node.take_types({adms_Identifier});
        Identifier id;
        const Property* notation = single(node.take(skos_notation), "other_identifiers", id.extra);
        std::optional<std::string> text = notation ? text_value(*notation->object) : std::nullopt;
        if (!text) {
            note("other_identifiers", "adms:identifier without skos:notation; kept as an extra", term_text(o));
            keep(d.extra, *p);
            continue;
        }
        id.notation = std::move(*text);
        id.datatype = text_datatype(*notation->object);
        keep_unused(node, id.extra);
        add_identifier(d.other_identifiers, std::move(id));
    }
}

/// Adds `id` unless an identifier with its notation is there; one that came
/// with no more than its notation takes the later one's datatype and extras.
void ResourceNormalizer::add_identifier(std::vector<Identifier>& ids, Identifier id) {
    auto same = std::find_if(ids.begin(), ids.end(), [&](const Identifier& x) { return x.notation == id.notation; });
    if (same == ids.end()) {
        ids.push_back(std::move(id));
    } else if (same->datatype.empty() && same->extra.empty()) {
        *same = std::move(id);
    }
}

/// A geometry literal, or the one GeoSPARQL serialization (gsp:asWKT,
/// asGeoJSON, asGML) of a blank locn:Geometry node; nullptr otherwise.
const Term* ResourceNormalizer::geometry_literal(const Term& value) const {
    if (value.kind == Term::Kind::literal) return &value;
    if (value.kind != Term::Kind::blank) return nullptr;
    const Term* literal = nullptr;
    for (const std::uint32_t i : m_graph.about(value)) {
        const Triple& t = m_graph.triples()[i];
        if (is_type_statement(t) && (t.object.value == locn_Geometry || t.object.value == gsp_Geometry)) continue;
        const std::string_view p = t.predicate.value;
        const bool serialization = p == gsp_asWKT || p == gsp_asGeoJSON || p == gsp_asGML;
        if (!serialization || t.object.kind != Term::Kind::literal || literal != nullptr) return nullptr;
        literal = &t.object;
    }
    return literal;
}

void ResourceNormalizer::map_spatial(Properties& props) {
    auto& d = m_dataset;
    for (const Property* p : props.take(dct_spatial)) {
        const Term& o = *p->object;
        if (o.kind == Term::Kind::literal) {
            if (is_http_iri(trim_whitespace(o.value))) {
                push_unique(d.spatial, std::string(trim_whitespace(o.value)));
                note("spatial", "IRI given as text; written as an IRI", o.value);
            } else {
                note("spatial", "spatial value is neither a location nor an IRI; kept as an extra", o.value);
                keep(d.extra, *p);
            }
            continue;
        }
        if (o.kind == Term::Kind::iri) {
            if (auto iri = iri_value(*p, "spatial", d.extra)) push_unique(d.spatial, *iri);
            continue;
        }
        // a blank dct:Location: geometries alone become extras as the CKAN
        // normalizer keeps them (a DCAT-AP 3 locn:Geometry node as its one
        // serialization literal); anything else keeps the node whole
        bool geometry_only = is_owned_node(m_graph, o);
        for (const std::uint32_t i : m_graph.about(o)) {
            const Triple& t = m_graph.triples()[i];
            const bool location_type = is_type_statement(t) && t.object.value == dct_Location;
            const bool geometry = (t.predicate.value == locn_geometry || t.predicate.value == dcat_bbox ||
                                   t.predicate.value == dcat_centroid) &&
                                  geometry_literal(t.object) != nullptr;
            geometry_only = geometry_only && (location_type || geometry);
        }
        if (!geometry_only) {
            keep(d.extra, *p);
            continue;
        }
        for (const std::uint32_t i : m_graph.about(o)) {
            const Triple& t = m_graph.triples()[i];
            if (const Term* literal = geometry_literal(t.object); literal != nullptr && !is_type_statement(t)) {
                d.extra.push_back({t.predicate.value, *literal, {}});
            }
        }
    }
}

void ResourceNormalizer::map_service(Properties& props) {
    auto& d = m_dataset;
    d.endpoint_urls = iri_list(props.take(dcat_endpointURL), "endpoint_urls", d.extra);
    d.endpoint_descriptions = iri_list(props.take(dcat_endpointDescription), "endpoint_descriptions", d.extra);
    d.serves_datasets = iri_list(props.take(dcat_servesDataset), "serves_datasets", d.extra);
}

// ---------------------------------------------------------------- licences

/// Licence candidates (source, value): IRIs and texts as delivered; of a
/// dct:LicenseDocument node its identifier, labels and title.
std::vector<std::pair<std::string, std::string>> ResourceNormalizer::licence_candidates(
    const std::vector<Property*>& values, const FieldName& field, std::vector<ExtraProperty>& extra) {
    std::vector<std::pair<std::string, std::string>> candidates;
    for (const Property* p : values) {
        const Term& o = *p->object;
        if (o.kind != Term::Kind::blank) {
            if (auto text = text_value(o)) {
                // the source names how it was written: "text" or "iri" (for the Note on the chosen one)
                candidates.emplace_back(o.kind == Term::Kind::literal ? "text" : "iri", *text);
                if (o.kind == Term::Kind::iri) {
                    if (auto written = text_of_relative_iri(*text)) candidates.emplace_back(relative_text, *written);
                }
            }
            continue;
        }
        if (!is_owned_node(m_graph, o)) continue;
        Properties document(m_graph, o);
        document.take_types({dct_LicenseDocument});
        std::vector<ExtraProperty> unused;
        bool found = false;
        for (const std::string_view predicate : {dct_identifier, rdfs_label, dct_title, skos_prefLabel}) {
            for (const Property* q : document.take(predicate)) {
                if (auto text = text_value(*q->object)) {
                    candidates.emplace_back("document", *text);
                    found = true;
                }
            }
        }
        if (!found) {
            note(field, "licence document without identifier or label; kept as an extra", term_text(o));
            keep(extra, *p);
            continue;
        }
        note_unused(document, field);
    }
    return candidates;
}

model::Licence ResourceNormalizer::licence(const std::vector<Property*>& values, const FieldName& field,
                                           std::vector<ExtraProperty>& extra) {
    const auto candidates = licence_candidates(values, field, extra);
    model::Licence licence = m_values.licence(candidates, field.str());
    const auto chosen = std::find_if(candidates.begin(), candidates.end(),
                                     [&](const auto& c) { return c.second == licence.original; });
    if (chosen == candidates.end()) return licence;
    if (chosen->first == "text" && licence.known) {
        note(field, fmt::format("licence given as text; written as {}", licence.iri), licence.original);
    } else if (chosen->first == "iri" && licence.known && licence.iri != licence.original &&
               vocab_key(licence.iri) != vocab_key(licence.original)) {
        note(field, fmt::format("licence written as {}", licence.iri), licence.original);
    }
    return licence;
}

void ResourceNormalizer::map_licence(Properties& props) {
    const auto values = props.take(dct_license);
    if (values.empty()) return;
    m_dataset.licence = licence(values, "licence", m_dataset.extra);
    m_own_licence = !m_dataset.licence.empty();
}

// ---------------------------------------------------------------- distributions

/// A format or media type: an IRI, a text, or an IMT node's rdf:value or label.
std::optional<std::string> ResourceNormalizer::format_text(const Term& term) {
    if (term.kind != Term::Kind::blank) return text_value(term);
    for (const std::string_view predicate : {rdf_value, rdfs_label, skos_prefLabel}) {
        if (const Term* value = m_graph.object(term, predicate); value != nullptr && value->kind != Term::Kind::blank) {
            return text_value(*value);
        }
    }
    return std::nullopt;
}

Distribution ResourceNormalizer::distribution(const Term& node, std::size_t index) {
    Distribution dist;
    const std::string prefix = fmt::format("distribution[{}].", index);
    auto field = [&](std::string_view name) { return FieldName(prefix, name); };
    if (node.kind == Term::Kind::iri) dist.iri = node.value;
    if (!m_graph.describes(node)) {
        note(field("iri"), "the distribution is not described on the page", node.value);
        dist.licence = m_dataset.licence;
        dist.licence_inherited = !dist.licence.empty();
        dist.licence_attribution = m_dataset.licence_attribution;
        return dist;
    }
    Properties props(m_graph, node);
    note_namespaces(props, "namespaces");
    props.take_types({dcat_Distribution});
    // ArcGIS Hub's DCAT-AP 3 feeds list their map services among the
    // distributions: such a service is reached at its endpoint.
    const bool service = !props.take_types({dcat_DataService}).empty();

    // the source's id of the distribution; also kept as an extra, as the export gives back extras (K25)
    if (const Property* p = single(props.take(dct_identifier), field("source_id"), dist.extra)) {
        if (auto id = text_value(*p->object)) dist.source_id = *id;
        keep(dist.extra, *p);
    }
    dist.title = lang_strings(props.take(dct_title), field("title"), dist.extra);
    {
        std::string original;
        dist.description = plain_descriptions(lang_strings(props.take(dct_description), field("description"), dist.extra),
                                              &original);
        if (!original.empty()) note(field("description"), "HTML or Markdown markup removed", original);
    }

    // URLs (K39: a download URL is also an access URL)
    dist.access_urls = iri_list(props.take(dcat_accessURL), field("access_urls"), dist.extra);
    dist.download_urls = iri_list(props.take(dcat_downloadURL), field("download_urls"), dist.extra);
    for (const auto& url : dist.download_urls) push_unique(dist.access_urls, url);
    if (service) {
        const auto endpoints = iri_list(props.take(dcat_endpointURL), field("access_urls"), dist.extra);
        note(field("iri"),
             "a dcat:DataService given as a distribution; read as a distribution whose access URL is the "
             "service's endpoint",
             endpoints.empty() ? term_text(node) : endpoints.front());
        for (const auto& url : endpoints) push_unique(dist.access_urls, url);
    }
    {
        const auto services = props.take(dcat_accessService);
        for (std::size_t i = 0; i < services.size(); ++i) {
            const Term& o = *services[i]->object;
            if (o.kind == Term::Kind::iri && dist.access_service.empty()) {
                dist.access_service = o.value;
            } else {
                keep(dist.extra, *services[i]);  // a service described in place, or a further one
            }
        }
    }

    // format and media type
    std::optional<std::string> format;
    std::optional<std::string> media_type;
    const Term* format_term = nullptr;
    const Term* media_term = nullptr;
    if (const Property* p = single(props.take(dct_format), field("format"), dist.extra)) {
        format = format_text(*p->object);
        format_term = p->object;
        if (!format) keep(dist.extra, *p);
    }
    if (const Property* p = single(props.take(dcat_mediaType), field("media_type"), dist.extra)) {
        media_type = format_text(*p->object);
        media_term = p->object;
        if (!media_type) keep(dist.extra, *p);
    }
    m_values.format(dist, format, media_type, prefix);
    // an unknown IRI stays as given (no Note here); a mapped value may have been rewritten
    if (format_term != nullptr && format && !dist.format.empty()) {
        note_rewrite(field("format"), format_term->kind == Term::Kind::blank ? literal_term(*format) : *format_term,
                     dist.format, "format");
    }
    if (media_term != nullptr && media_type && !dist.media_type.empty()) {
        note_rewrite(field("media_type"), media_term->kind == Term::Kind::blank ? literal_term(*media_type) : *media_term,
                     dist.media_type, "media type");
    }
    for (const auto& [predicate, target, name] :
         std::initializer_list<std::tuple<std::string_view, std::string*, const char*>>{
             {dcat_compressFormat, &dist.compress_format, "compress_format"},
             {dcat_packageFormat, &dist.package_format, "package_format"}}) {
        if (const Property* p = single(props.take(predicate), field(name), dist.extra)) {
            if (auto value = format_text(*p->object)) {
                *target = m_values.media_type_iri(*value, field(name).str());
            } else {
                keep(dist.extra, *p);
            }
        }
    }

    // size and checksum
    if (const Property* p = single(props.take(dcat_byteSize), field("byte_size"), dist.extra)) {
        std::string problem = "byte size is not a literal";
        std::uint64_t bytes = 0;
        bool valid = false;
        if (p->object->kind == Term::Kind::literal) {
            const auto parsed = parse_byte_size(p->object->value, problem);
            valid = parsed.has_value();
            bytes = parsed.value_or(0);
        }
        if (valid && bytes > 0) {
            dist.byte_size = bytes;
        } else if (valid) {
            note(field("byte_size"), "byte size 0 treated as unknown", "0");
        } else {
            note(field("byte_size"), problem + "; kept as an extra", term_text(*p->object));
            keep(dist.extra, *p);
        }
    }
    if (const Property* p = single(props.take(spdx_checksum), field("checksum"), dist.extra)) {
        const Term& o = *p->object;
        if (o.kind == Term::Kind::literal) {
            dist.checksum = m_values.checksum(trim_whitespace(o.value), std::nullopt, field("checksum").str());
        } else if (is_owned_node(m_graph, o)) {
            Properties checksum(m_graph, o);
            checksum.take_types({spdx_Checksum});
            std::vector<ExtraProperty> unused;
            const Property* value = single(checksum.take(spdx_checksumValue), field("checksum"), unused);
            const Property* algorithm = single(checksum.take(spdx_algorithm), field("checksum"), unused);
            const auto value_text = value != nullptr ? text_value(*value->object) : std::nullopt;
            if (value_text) {
                std::optional<std::string> algorithm_text;
                if (algorithm != nullptr) algorithm_text = text_value(*algorithm->object);
                dist.checksum = m_values.checksum(*value_text, algorithm_text, field("checksum").str());
                for (const auto& e : unused) {
                    note(field("checksum"), fmt::format("{} is not kept", short_name(e.predicate)), term_text(e.object));
                }
                note_unused(checksum, field("checksum"));
            } else {
                note(field("checksum"), "checksum without spdx:checksumValue; kept as an extra", term_text(o));
                keep(dist.extra, *p);
            }
        } else {
            keep(dist.extra, *p);
        }
    }

    // dates
    if (auto issued = single_date(props.take(dct_issued), field("issued"), dist.extra)) dist.issued = *issued;
    if (auto modified = single_date(props.take(dct_modified), field("modified"), dist.extra)) dist.modified = *modified;

    // licence
    if (const auto licences = props.take(dct_license); !licences.empty()) {
        dist.licence = licence(licences, field("licence"), dist.extra);
    }
    if (dist.licence.empty() && m_own_licence) {
        dist.licence = m_dataset.licence;
        dist.licence_inherited = true;
    }
    if (auto attribution = single_text(props.take(dcatde_licenseAttributionByText),
                                       field("licence_attribution"), dist.extra)) {
        dist.licence_attribution = *attribution;
    } else {
        dist.licence_attribution = m_dataset.licence_attribution;
    }

    // other properties
    for (const Property* p : props.take(dct_language)) {
        const auto value = text_value(*p->object);
        if (!value) {
            keep(dist.extra, *p);
            continue;
        }
        if (auto iri = m_values.language(*value, field("languages").str())) {
            note_rewrite(field("languages"), *p->object, *iri, "language");
            push_unique(dist.languages, *iri);
        }
    }
    if (const Property* p = single(props.take(dct_rights), field("rights"), dist.extra)) {
        const Term& o = *p->object;
        if (o.kind != Term::Kind::blank) {
            dist.rights = text_value(o).value_or("");
        } else if (is_owned_node(m_graph, o)) {
            // one label and nothing else is the text the export writes; anything more stays whole
            Properties statement(m_graph, o);
            statement.take_types({dct_RightsStatement});
            const auto labels = statement.take(rdfs_label);
            bool other = false;
            statement.for_each_unused([&](Property&) { other = true; });
            if (labels.size() == 1 && labels.front()->object->kind == Term::Kind::literal && !other) {
                dist.rights = std::string(trim_whitespace(labels.front()->object->value));
            } else {
                keep(dist.extra, *p);
            }
        }
    }
    if (const Property* p = single(props.take(adms_status), field("status"), dist.extra)) {
        if (auto value = text_value(*p->object)) {
            if (auto iri = m_values.distribution_status(*value, field("status").str())) {
                if (p->object->kind == Term::Kind::literal) note_rewrite(field("status"), *p->object, *iri, "status");
                dist.status = *iri;
            }
        } else {
            keep(dist.extra, *p);
        }
    }
    if (const Property* p = single(props.take(dcatap_availability), field("availability"), dist.extra)) {
        if (auto value = text_value(*p->object)) {
            // DCAT-AP.de 1.x: http://dcat-ap.de/def/plannedAvailability/stable is the EU STABLE
            constexpr std::string_view old_list = "dcat-ap.de/def/plannedAvailability/";
            bool rewritten = false;
            if (const auto at = value->find(old_list); at != std::string::npos && !m_vocab.map_availability(*value)) {
                if (auto iri = m_vocab.map_availability(value->substr(at + old_list.size()))) {
                    note(field("availability"), fmt::format("availability written as {}", *iri), *value);
                    *value = *iri;
                    rewritten = true;
                }
            }
            if (auto iri = m_values.availability(*value, field("availability").str())) {
                if (!rewritten) note_rewrite(field("availability"), *p->object, *iri, "availability");
                dist.availability = *iri;
            }
        } else {
            keep(dist.extra, *p);
        }
    }
    dist.conforms_to = iri_list(props.take(dct_conformsTo), field("conforms_to"), dist.extra);
    dist.pages = iri_list(props.take(foaf_page), field("pages"), dist.extra);

    // A node that is the record and its own distribution: what the
    // distribution does not map are the record's statements, mapped there or
    // kept in the record's extras, not a second time here.
    const bool record_itself = node.kind == m_resource.kind && node.value == m_resource.value;
    if (!record_itself) keep_unused(props, dist.extra);
    return dist;
}

void ResourceNormalizer::map_distributions(Properties& props) {
    auto& d = m_dataset;
    const auto values = props.take(dcat_distribution);
    for (const Property* p : values) {
        if (d.distributions.size() >= max_distributions) {
            note("distributions", fmt::format("{} distributions; only the first {} are kept", values.size(), max_distributions),
                 "");
            break;
        }
        if (p->object->kind == Term::Kind::literal) {
            note("distributions", "a distribution given as text; kept as an extra", p->object->value);
            keep(d.extra, *p);
            continue;
        }
        d.distributions.push_back(distribution(*p->object, d.distributions.size()));
    }
    // Without a licence of its own, the dataset's is the one all its
    // distributions have (each one, the same, or the same licence of the list
    // however each was written); written back as the dataset's licence, it
    // then changes no distribution.
    if (!m_own_licence && !d.distributions.empty()) {
        const model::Licence& first = d.distributions.front().licence;
        const bool shared = std::all_of(d.distributions.begin(), d.distributions.end(), [&](const Distribution& dist) {
            return !dist.licence.empty() &&
                   (dist.licence == first || (dist.licence.known && first.known && dist.licence.iri == first.iri));
        });
        if (shared) d.licence = d.distributions.front().licence;
    }
}

// ---------------------------------------------------------------- run

NormalizeResult ResourceNormalizer::run() {
    NormalizeResult result;
    if (m_resource.kind == Term::Kind::literal) {
        result.error = "a literal is not a DCAT resource";
        return result;
    }
    if (!m_graph.describes(m_resource)) {
        result.error = "the resource is not described on the page";
        return result;
    }
    Properties props(m_graph, m_resource);
    m_described.insert(node_key(m_resource));  // a value that refers back to the resource
    for (const Term* distribution : m_graph.objects(m_resource, dcat_distribution)) {
        if (distribution->kind == Term::Kind::iri) m_distribution_iris.insert(distribution->value);
    }
    if (!map_identity(props)) {
        result.error = "dataset without IRI or dct:identifier cannot be identified";
        return result;
    }
    note_namespaces(props, "namespaces");
    map_type(props);
    map_languages(props);
    map_texts(props);
    map_keywords(props);
    map_themes(props);
    map_agents(props);
    map_dcatde(props);
    map_dates(props);
    map_other_properties(props);
    map_spatial(props);
    map_service(props);
    map_licence(props);
    map_distributions(props);
    keep_unused(props, m_dataset.extra);

    result.dataset = std::move(m_dataset);
    return result;
}

}  // namespace

// ---------------------------------------------------------------- public

namespace {

/// A statement of a catalogue or collection that lists its resources.
bool is_listing(std::string_view predicate) {
    return predicate == dcat_dataset || predicate == dcat_service || predicate == foaf_primaryTopic ||
           predicate == hydra_member;
}

/// Whether the blank node `node`, named only by `dcat:servesDataset`
/// statements of `services`, is named by data services inside its own
/// description: a dataset its own data service serves is still a dataset of
/// the page, not a part of something else. The walk is bounded (a dataset's
/// description is far smaller), so a page of many such nodes stays cheap.
bool served_only_by_its_own_services(const rdf::Graph& graph, const Term& node,
                                     const std::vector<const Term*>& services) {
    constexpr std::size_t max_statements = 10'000;
    std::unordered_set<std::string_view> within_blanks{node.value};
    std::unordered_set<std::string_view> within_iris;
    std::vector<const Term*> todo{&node};
    std::size_t walked = 0;
    while (!todo.empty()) {
        const Term* subject = todo.back();
        todo.pop_back();
        for (const std::uint32_t i : graph.about(*subject)) {
            if (++walked > max_statements) return false;
            const Term& object = graph.triples()[i].object;
            if (object.kind == Term::Kind::literal || !graph.describes(object)) continue;
            auto& within = object.kind == Term::Kind::blank ? within_blanks : within_iris;
            if (within.insert(object.value).second) todo.push_back(&object);
        }
    }
    return std::all_of(services.begin(), services.end(), [&](const Term* service) {
        return (service->kind == Term::Kind::blank ? within_blanks : within_iris).contains(service->value);
    });
}

}  // namespace

std::vector<rdf::Term> dcat_resources(const rdf::Graph& graph, std::vector<NotAResource>* passed_over) {
    // candidates with the index of their first statement; views refer to the graph's terms
    std::vector<std::pair<std::uint32_t, const Term*>> found;
    std::unordered_set<std::string_view> added_iris;
    std::unordered_set<std::string_view> added_blanks;
    std::unordered_set<std::string_view> embedded;  // blank nodes named by a statement that is not a listing
    std::unordered_set<std::string_view> named_otherwise;  // ... by one that is no dcat:servesDataset either
    std::unordered_map<std::string_view, std::vector<const Term*>> served_by;  // blank node -> its services
    auto add = [&](const Term& term) {
        if (term.kind == Term::Kind::literal) return;
        auto& added = term.kind == Term::Kind::blank ? added_blanks : added_iris;
        if (added.contains(term.value)) return;
        const auto about = graph.about(term);
        if (about.empty()) return;  // listed, not described
        added.insert(term.value);
        found.emplace_back(about.front(), &term);
    };
    for (const Triple& t : graph.triples()) {
        const std::string_view p = t.predicate.value;
        if (is_type_statement(t) && is_resource_class(t.object.value)) add(t.subject);
        if (p == dcat_dataset || p == dcat_service) {
            if (const std::string_view other = t.object.kind == Term::Kind::literal ? std::string_view{}
                                                                                     : other_class(graph, t.object);
                other.empty()) {
                add(t.object);
            } else if (passed_over != nullptr) {
                passed_over->push_back({t.object, std::string(other)});
            }
        }
        if (t.object.kind == Term::Kind::blank && !is_listing(p)) {
            embedded.insert(t.object.value);
            if (p == dcat_servesDataset)
                served_by[t.object.value].push_back(&t.subject);
            else
                named_otherwise.insert(t.object.value);
        }
    }
    std::erase_if(found, [&](const auto& f) {
        const Term& node = *f.second;
        if (node.kind != Term::Kind::blank || !embedded.contains(node.value)) return false;
        return named_otherwise.contains(node.value) ||
               !served_only_by_its_own_services(graph, node, served_by[node.value]);
    });
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<Term> out;
    out.reserve(found.size());
    for (const auto& f : found) out.push_back(*f.second);
    return out;
}

std::string resource_ntriples(const rdf::Graph& graph, const rdf::Term& resource) {
    std::string out;
    out.reserve(2048);  // a typical dataset's description, without regrowing
    BlankLabels labels;
    walk_description(graph, resource, [&](const Triple& t) {
        labels.append_ntriples(out, t.subject);
        out += ' ';
        rdf::append_ntriples(out, t.predicate);
        out += ' ';
        labels.append_ntriples(out, t.object);
        out += " .\n";
    });
    return out;
}

NormalizeResult normalize_dcat_resource(const rdf::Graph& graph, const rdf::Term& resource, const Vocabularies& vocab,
                                        const NormalizeContext& context) {
    ResourceNormalizer normalizer(graph, resource, vocab, context);
    return normalizer.run();
}

}  // namespace ernte::catalog
