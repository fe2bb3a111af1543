// The rule engine (catalog/rules.hpp): a clean record fires no rule; for every
// rule a small change to it fires that rule; the rule table, the official
// shapes table, docs/rules.md and docs/quality.md agree with each other.

#include "catalog/export.hpp"
#include "catalog/rules.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>

using namespace ernte;
using catalog::quality::Agreement;
using catalog::quality::Finding;
using catalog::quality::Profile;
using catalog::quality::Profiles;
using catalog::quality::Rule;
using catalog::quality::Severity;
using model::Dataset;
using model::Distribution;
using model::ExtraProperty;
using model::Term;
namespace quality = catalog::quality;

namespace {

const catalog::Vocabularies& vocab() {
    static const catalog::Vocabularies v = catalog::Vocabularies::load(ERNTE_SOURCE_DIR "/schemas/vocab");
    return v;
}

constexpr std::string_view k_dct = "http://purl.org/dc/terms/";
constexpr std::string_view k_dcat = "http://www.w3.org/ns/dcat#";
constexpr std::string_view k_rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

std::string dct(std::string_view name) { return std::string(k_dct) + std::string(name); }
std::string dcat(std::string_view name) { return std::string(k_dcat) + std::string(name); }

ExtraProperty iri_extra(std::string predicate, std::string iri) {
    return {std::move(predicate), Term{Term::Kind::iri, std::move(iri), {}, {}}, {}};
}

ExtraProperty literal_extra(std::string predicate, std::string text, std::string datatype = {}) {
    return {std::move(predicate), Term{Term::Kind::literal, std::move(text), std::move(datatype), {}}, {}};
}

ExtraProperty blank_extra(std::string predicate, std::string label, std::vector<ExtraProperty> children = {}) {
    return {std::move(predicate), Term{Term::Kind::blank, std::move(label), {}, {}}, std::move(children)};
}

ExtraProperty typed(std::string predicate, std::string type, std::vector<ExtraProperty> more = {}) {
    more.insert(more.begin(), iri_extra(std::string(k_rdf_type), std::move(type)));
    return blank_extra(std::move(predicate), "b1", std::move(more));
}

/// A record every rule is content with.
Dataset clean() {
    Dataset d;
    d.iri = "https://daten.beispielstadt.example/dataset/haushalt-2024";
    d.identifier = "haushalt-2024";
    d.title = {{"Haushalt 2024", "de"}};
    d.description = {{"Der Haushaltsplan der Stadt für 2024.", "de"}};
    d.keywords = {{"Haushalt", "de"}};
    d.themes = {"http://publications.europa.eu/resource/authority/data-theme/GOVE"};
    d.publisher.name = "Stadt Beispielstadt";
    d.publisher.type_iri = "http://purl.org/adms/publishertype/LocalAuthority";
    model::ContactPoint contact;
    contact.name = "Open-Data-Team";
    contact.email = "opendata@beispielstadt.example";
    d.contact_points = {contact};
    d.contributor_ids = {"http://dcat-ap.de/def/contributors/openNRW"};
    d.issued = "2024-01-15";
    d.modified = "2024-03-01";
    d.landing_page = "https://daten.beispielstadt.example/haushalt-2024";
    d.languages = {"http://publications.europa.eu/resource/authority/language/DEU"};
    d.frequency = "http://publications.europa.eu/resource/authority/frequency/ANNUAL";
    d.access_rights = "http://publications.europa.eu/resource/authority/access-right/PUBLIC";
    d.temporal = {{"2024-01-01", "2024-12-31"}};
    Distribution dist;
    dist.iri = "https://daten.beispielstadt.example/dataset/haushalt-2024/csv";
    dist.title = {{"Haushalt 2024 (CSV)", "de"}};
    dist.access_urls = {"https://daten.beispielstadt.example/haushalt-2024.csv"};
    dist.download_urls = {"https://daten.beispielstadt.example/haushalt-2024.csv"};
    dist.format = "http://publications.europa.eu/resource/authority/file-type/CSV";
    dist.media_type = "https://www.iana.org/assignments/media-types/text/csv";
    dist.licence = {"http://dcat-ap.de/def/licenses/dl-by-de/2.0", "dl-by-de/2.0", true};
    dist.languages = {"http://publications.europa.eu/resource/authority/language/DEU"};
    dist.status = "http://publications.europa.eu/resource/authority/distribution-status/COMPLETED";
    dist.availability = "http://publications.europa.eu/resource/authority/planned-availability/STABLE";
    dist.byte_size = 52428;
    dist.checksum = model::Checksum{"http://spdx.org/rdf/terms#checksumAlgorithm_sha256",
                                    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"};
    d.distributions = {dist};
    return d;
}

Distribution& dist(Dataset& d) { return d.distributions.front(); }

void make_service(Dataset& d) {
    d.type = model::ResourceType::data_service;
    d.endpoint_urls = {"https://geo.beispielstadt.example/wms"};
}

std::set<std::string> fired(const Dataset& d, Profiles profiles = Profiles()) {
    std::set<std::string> out;
    for (const Finding& f : quality::check_rules(d, vocab(), profiles)) out.insert(f.rule);
    return out;
}

/// A change to the clean record that fires `rule`.
struct Case {
    std::string_view rule;
    std::function<void(Dataset&)> change;
};

const std::vector<Case>& cases() {
    static const std::vector<Case> list = {
        // ---- DCAT-AP.de 3.0: the record
        {"de3.dataset.title", [](Dataset& d) { d.title.clear(); }},
        {"de3.service.title", [](Dataset& d) { make_service(d); d.title.clear(); }},
        {"de3.dataset.title.kind", [](Dataset& d) { d.extra.push_back(iri_extra(dct("title"), "https://example.org/t")); }},
        {"de3.dataset.description", [](Dataset& d) { d.description.clear(); }},
        {"de3.dataset.description.kind",
         [](Dataset& d) { d.extra.push_back(iri_extra(dct("description"), "https://example.org/d")); }},
        {"de3.dataset.publisher", [](Dataset& d) { d.publisher = {}; }},
        {"de3.dataset.publisher.max",
         [](Dataset& d) { d.extra.push_back(iri_extra(dct("publisher"), "https://example.org/amt")); }},
        {"de3.service.endpointURL", [](Dataset& d) { d.type = model::ResourceType::data_service; }},
        {"de3.dataset.keyword.kind",
         [](Dataset& d) { d.extra.push_back(iri_extra(dcat("keyword"), "https://example.org/k")); }},
        {"de3.dataset.identifier.kind", [](Dataset& d) { d.extra.push_back(blank_extra(dct("identifier"), "b1")); }},
        {"de3.dataset.issued.max", [](Dataset& d) { d.extra.push_back(literal_extra(dct("issued"), "2023-01-01")); }},
        {"de3.dataset.modified.max", [](Dataset& d) { d.extra.push_back(literal_extra(dct("modified"), "2023-01-01")); }},
        {"de3.dataset.accessRights.max",
         [](Dataset& d) {
             d.extra.push_back(
                 iri_extra(dct("accessRights"), "http://publications.europa.eu/resource/authority/access-right/NON_PUBLIC"));
         }},
        {"de3.dataset.accessRights.kind",
         [](Dataset& d) {
             d.access_rights.clear();
             d.extra.push_back(literal_extra(dct("accessRights"), "öffentlich zugänglich"));
         }},
        {"de3.dataset.accrualPeriodicity.max",
         [](Dataset& d) {
             d.extra.push_back(
                 iri_extra(dct("accrualPeriodicity"), "http://publications.europa.eu/resource/authority/frequency/MONTHLY"));
         }},
        {"de3.dataset.landingPage.kind",
         [](Dataset& d) { d.extra.push_back(literal_extra(dcat("landingPage"), "www.beispielstadt.example")); }},
        {"de3.dataset.page.kind",
         [](Dataset& d) { d.extra.push_back(literal_extra("http://xmlns.com/foaf/0.1/page", "siehe Webseite")); }},
        {"de3.dataset.conformsTo.kind", [](Dataset& d) { d.extra.push_back(literal_extra(dct("conformsTo"), "XÖV")); }},
        {"de3.dataset.relation.kind", [](Dataset& d) { d.extra.push_back(literal_extra(dct("relation"), "Haushalt 2023")); }},
        {"de3.dataset.spatial.kind", [](Dataset& d) { d.extra.push_back(literal_extra(dct("spatial"), "Beispielstadt")); }},
        {"de3.dataset.spatial.class",
         [](Dataset& d) { d.extra.push_back(iri_extra(dct("spatial"), "https://www.geonames.org/2867714")); }},
        {"de3.dataset.temporal.kind", [](Dataset& d) { d.extra.push_back(literal_extra(dct("temporal"), "2024")); }},
        {"de3.dataset.temporal.class",
         [](Dataset& d) { d.extra.push_back(iri_extra(dct("temporal"), "https://example.org/zeitraum")); }},
        {"de3.dataset.contributorID.kind",
         [](Dataset& d) {
             d.extra.push_back(blank_extra("http://dcat-ap.de/def/dcatde/contributorID", "b1",
                                           {literal_extra("http://www.w3.org/2000/01/rdf-schema#label", "x")}));
         }},
        {"de3.dataset.politicalGeocodingLevelURI.kind",
         [](Dataset& d) {
             d.extra.push_back(blank_extra("http://dcat-ap.de/def/dcatde/politicalGeocodingLevelURI", "b1"));
         }},
        {"de3.dataset.provenance.kind",
         [](Dataset& d) { d.extra.push_back(literal_extra(dct("provenance"), "aus dem Haushaltsplan")); }},
        {"de3.dataset.wasGeneratedBy.kind",
         [](Dataset& d) {
             d.extra.push_back(literal_extra("http://www.w3.org/ns/prov#wasGeneratedBy", "https://example.org/#a",
                                             "http://www.w3.org/2001/XMLSchema#anyURI"));
         }},
        {"de3.dataset.source.kind", [](Dataset& d) { d.extra.push_back(literal_extra(dct("source"), "Haushaltsplan")); }},
        {"de3.dataset.sample.kind",
         [](Dataset& d) { d.extra.push_back(literal_extra("http://www.w3.org/ns/adms#sample", "Beispiel")); }},
        {"de3.service.endpointDescription.kind",
         [](Dataset& d) {
             make_service(d);
             d.extra.push_back(literal_extra(dcat("endpointDescription"), "WMS 1.3.0"));
         }},
        // ---- DCAT-AP.de 3.0: distributions
        {"de3.distribution.accessURL",
         [](Dataset& d) {
             dist(d).access_urls.clear();
             dist(d).download_urls.clear();
         }},
        {"de3.distribution.accessURL.kind",
         [](Dataset& d) { dist(d).extra.push_back(literal_extra(dcat("accessURL"), "haushalt.csv")); }},
        {"de3.distribution.downloadURL.kind",
         [](Dataset& d) { dist(d).extra.push_back(literal_extra(dcat("downloadURL"), "haushalt.csv")); }},
        {"de3.distribution.title.kind",
         [](Dataset& d) { dist(d).extra.push_back(iri_extra(dct("title"), "https://example.org/t")); }},
        {"de3.distribution.description.kind",
         [](Dataset& d) { dist(d).extra.push_back(iri_extra(dct("description"), "https://example.org/d")); }},
        {"de3.distribution.license", [](Dataset& d) { dist(d).licence = {}; }},
        {"de3.distribution.license.max",
         [](Dataset& d) {
             dist(d).extra.push_back(iri_extra(dct("license"), "http://dcat-ap.de/def/licenses/cc-by/4.0"));
         }},
        {"de3.distribution.licenseAttributionByText.kind",
         [](Dataset& d) {
             dist(d).extra.push_back(
                 iri_extra("http://dcat-ap.de/def/dcatde/licenseAttributionByText", "https://example.org/a"));
         }},
        {"de3.distribution.format.max",
         [](Dataset& d) {
             dist(d).extra.push_back(iri_extra(dct("format"), "http://publications.europa.eu/resource/authority/file-type/XLSX"));
         }},
        {"de3.distribution.mediaType.max",
         [](Dataset& d) {
             dist(d).extra.push_back(iri_extra(dcat("mediaType"), "https://www.iana.org/assignments/media-types/text/plain"));
         }},
        {"de3.distribution.issued.max",
         [](Dataset& d) {
             dist(d).issued = "2024-01-15";
             dist(d).extra.push_back(literal_extra(dct("issued"), "2024-01-16"));
         }},
        {"de3.distribution.modified.max",
         [](Dataset& d) {
             dist(d).modified = "2024-01-15";
             dist(d).extra.push_back(literal_extra(dct("modified"), "2024-01-16"));
         }},
        {"de3.distribution.rights.max",
         [](Dataset& d) {
             dist(d).rights = "Quelle: Stadt Beispielstadt";
             dist(d).extra.push_back(blank_extra(dct("rights"), "b1"));
         }},
        {"de3.distribution.status.max",
         [](Dataset& d) {
             dist(d).extra.push_back(iri_extra("http://www.w3.org/ns/adms#status",
                                               "http://publications.europa.eu/resource/authority/distribution-status/DEVELOP"));
         }},
        {"de3.distribution.availability.max",
         [](Dataset& d) {
             dist(d).extra.push_back(
                 iri_extra("http://data.europa.eu/r5r/availability",
                           "http://publications.europa.eu/resource/authority/planned-availability/AVAILABLE"));
         }},
        {"de3.distribution.byteSize.max",
         [](Dataset& d) {
             dist(d).extra.push_back(
                 literal_extra(dcat("byteSize"), "1024", "http://www.w3.org/2001/XMLSchema#nonNegativeInteger"));
         }},
        {"de3.distribution.byteSize.datatype",
         [](Dataset& d) {
             dist(d).byte_size.reset();
             dist(d).extra.push_back(literal_extra(dcat("byteSize"), "12 MB"));
         }},
        {"de3.distribution.checksum.max",
         [](Dataset& d) { dist(d).extra.push_back(blank_extra("http://spdx.org/rdf/terms#checksum", "b1")); }},
        {"de3.distribution.compressFormat.max",
         [](Dataset& d) {
             dist(d).compress_format = "https://www.iana.org/assignments/media-types/application/gzip";
             dist(d).extra.push_back(
                 iri_extra(dcat("compressFormat"), "https://www.iana.org/assignments/media-types/application/zip"));
         }},
        {"de3.distribution.packageFormat.max",
         [](Dataset& d) {
             dist(d).package_format = "https://www.iana.org/assignments/media-types/application/zip";
             dist(d).extra.push_back(
                 iri_extra(dcat("packageFormat"), "https://www.iana.org/assignments/media-types/application/x-tar"));
         }},
        {"de3.distribution.page.kind",
         [](Dataset& d) { dist(d).extra.push_back(literal_extra("http://xmlns.com/foaf/0.1/page", "Handbuch")); }},
        {"de3.distribution.conformsTo.kind",
         [](Dataset& d) { dist(d).extra.push_back(literal_extra(dct("conformsTo"), "XHaushalt")); }},
        {"de3.distribution.hasPolicy.kind",
         [](Dataset& d) { dist(d).extra.push_back(literal_extra("http://www.w3.org/ns/odrl/2/hasPolicy", "frei")); }},
        // ---- DCAT-AP.de 3.0: kinds of other values
        {"de3.dataset.distribution.kind", [](Dataset& d) { d.extra.push_back(literal_extra("http://www.w3.org/ns/dcat#distribution", "kein IRI")); }},
        {"de3.dataset.inSeries.kind", [](Dataset& d) { d.extra.push_back(literal_extra("http://www.w3.org/ns/dcat#inSeries", "kein IRI")); }},
        {"de3.dataset.issued.kind", [](Dataset& d) { d.extra.push_back(iri_extra("http://purl.org/dc/terms/issued", "https://example.org/x")); }},
        {"de3.dataset.modified.kind", [](Dataset& d) { d.extra.push_back(iri_extra("http://purl.org/dc/terms/modified", "https://example.org/x")); }},
        {"de3.dataset.version.kind", [](Dataset& d) { d.extra.push_back(iri_extra("http://www.w3.org/ns/dcat#version", "https://example.org/x")); }},
        {"de3.dataset.versionNotes.kind", [](Dataset& d) { d.extra.push_back(iri_extra("http://www.w3.org/ns/adms#versionNotes", "https://example.org/x")); }},
        {"de3.dataset.hasVersion.kind", [](Dataset& d) { d.extra.push_back(literal_extra("http://www.w3.org/ns/dcat#hasVersion", "kein IRI")); }},
        {"de3.dataset.qualifiedRelation.kind", [](Dataset& d) { d.extra.push_back(literal_extra("http://www.w3.org/ns/dcat#qualifiedRelation", "kein IRI")); }},
        {"de3.dataset.applicableLegislation.kind", [](Dataset& d) { d.extra.push_back(literal_extra("http://data.europa.eu/r5r/applicableLegislation", "kein IRI")); }},
        {"de3.dataset.isReferencedBy.kind", [](Dataset& d) { d.extra.push_back(literal_extra("http://purl.org/dc/terms/isReferencedBy", "kein IRI")); }},
        {"de3.dataset.references.kind", [](Dataset& d) { d.extra.push_back(literal_extra("http://purl.org/dc/terms/references", "kein IRI")); }},
        {"de3.dataset.type.kind", [](Dataset& d) { d.extra.push_back(literal_extra("http://purl.org/dc/terms/type", "kein IRI")); }},
        {"de3.dataset.qualifiedAttribution.kind", [](Dataset& d) { d.extra.push_back(literal_extra("http://www.w3.org/ns/prov#qualifiedAttribution", "kein IRI")); }},
        {"de3.dataset.spatialResolutionInMeters.kind", [](Dataset& d) { d.extra.push_back(iri_extra("http://www.w3.org/ns/dcat#spatialResolutionInMeters", "https://example.org/x")); }},
        {"de3.dataset.temporalResolution.kind", [](Dataset& d) { d.extra.push_back(iri_extra("http://www.w3.org/ns/dcat#temporalResolution", "https://example.org/x")); }},
        {"de3.service.servesDataset.kind", [](Dataset& d) { make_service(d); d.extra.push_back(literal_extra("http://www.w3.org/ns/dcat#servesDataset", "kein IRI")); }},
        {"de3.service.endpointURL.kind", [](Dataset& d) { make_service(d); d.extra.push_back(literal_extra("http://www.w3.org/ns/dcat#endpointURL", "kein IRI")); }},
        {"de3.service.format.kind", [](Dataset& d) { make_service(d); d.extra.push_back(literal_extra("http://purl.org/dc/terms/format", "kein IRI")); }},
        {"de3.distribution.format.kind", [](Dataset& d) { dist(d).extra.push_back(literal_extra("http://purl.org/dc/terms/format", "kein IRI")); }},
        {"de3.distribution.mediaType.kind", [](Dataset& d) { dist(d).extra.push_back(literal_extra("http://www.w3.org/ns/dcat#mediaType", "kein IRI")); }},
        {"de3.distribution.issued.kind", [](Dataset& d) { dist(d).extra.push_back(iri_extra("http://purl.org/dc/terms/issued", "https://example.org/x")); }},
        {"de3.distribution.modified.kind", [](Dataset& d) { dist(d).extra.push_back(iri_extra("http://purl.org/dc/terms/modified", "https://example.org/x")); }},
        {"de3.distribution.spatialResolutionInMeters.kind", [](Dataset& d) { dist(d).extra.push_back(iri_extra("http://www.w3.org/ns/dcat#spatialResolutionInMeters", "https://example.org/x")); }},
        {"de3.distribution.temporalResolution.kind", [](Dataset& d) { dist(d).extra.push_back(iri_extra("http://www.w3.org/ns/dcat#temporalResolution", "https://example.org/x")); }},
        {"de3.distribution.applicableLegislation.kind", [](Dataset& d) { dist(d).extra.push_back(literal_extra("http://data.europa.eu/r5r/applicableLegislation", "kein IRI")); }},
        // ---- DCAT-AP.de 3.0: nodes
        {"de3.agent.name",
         [](Dataset& d) {
             model::Agent creator;
             creator.iri = "https://beispielstadt.example/kaemmerei";
             creator.email = "kaemmerei@beispielstadt.example";
             d.creators = {creator};
         }},
        {"de3.contact.channel",
         [](Dataset& d) {
             d.contact_points.front().email.clear();
             d.contact_points.front().street = "Rathausplatz 1";
         }},
        {"de3.period.dates", [](Dataset& d) { d.extra.push_back(typed(dct("temporal"), dct("PeriodOfTime"))); }},
        {"de3.checksum.algorithm", [](Dataset& d) { dist(d).checksum->algorithm.clear(); }},
        {"de3.checksum.checksumValue", [](Dataset& d) { dist(d).checksum->value.clear(); }},
        {"de3.checksum.checksumValue.datatype", [](Dataset& d) { dist(d).checksum->value = "sha256:9f86d0"; }},
        {"de3.identifier.notation",
         [](Dataset& d) {
             d.extra.push_back(typed("http://www.w3.org/ns/adms#identifier", "http://www.w3.org/ns/adms#Identifier"));
         }},
        {"de3.location.geometry.max",
         [](Dataset& d) {
             d.extra.push_back(literal_extra("http://www.w3.org/ns/locn#geometry", "POINT (7 51)",
                                             "http://www.opengis.net/ont/geosparql#wktLiteral"));
             d.extra.push_back(literal_extra("http://www.w3.org/ns/locn#geometry",
                                             "{\"type\":\"Point\",\"coordinates\":[7,51]}",
                                             "https://www.iana.org/assignments/media-types/application/vnd.geo+json"));
         }},
        {"de3.attribution.agent",
         [](Dataset& d) {
             d.extra.push_back(typed("http://www.w3.org/ns/prov#qualifiedAttribution", "http://www.w3.org/ns/prov#Attribution",
                                     {iri_extra("http://www.w3.org/ns/dcat#hadRole", "https://example.org/rolle")}));
         }},
        {"de3.attribution.hadRole",
         [](Dataset& d) {
             d.extra.push_back(typed("http://www.w3.org/ns/prov#qualifiedAttribution", "http://www.w3.org/ns/prov#Attribution",
                                     {iri_extra("http://www.w3.org/ns/prov#agent", "https://example.org/amt")}));
         }},
        // ---- DCAT-AP.de 3.0: controlled vocabularies
        {"de3.vocab.dataset.theme", [](Dataset& d) { d.themes.push_back("http://example.org/themen/haushalt"); }},
        {"de3.vocab.dataset.language",
         [](Dataset& d) { d.languages = {"http://publications.europa.eu/resource/authority/language/XYZ"}; }},
        {"de3.vocab.dataset.accrualPeriodicity", [](Dataset& d) { d.frequency = "http://example.org/jaehrlich"; }},
        {"de3.vocab.dataset.accessRights", [](Dataset& d) { d.access_rights = "http://example.org/offen"; }},
        {"de3.vocab.dataset.contributorID",
         [](Dataset& d) { d.contributor_ids.push_back("http://example.org/beispielstadt"); }},
        {"de3.vocab.dataset.politicalGeocodingLevelURI",
         [](Dataset& d) { d.political_geocoding_level = "http://example.org/ebene/gemeinde"; }},
        {"de3.vocab.service.license",
         [](Dataset& d) {
             make_service(d);
             d.licence = {"https://example.org/lizenz", "https://example.org/lizenz", false};
         }},
        {"de3.vocab.distribution.language",
         [](Dataset& d) { dist(d).languages = {"http://publications.europa.eu/resource/authority/language/XYZ"}; }},
        {"de3.vocab.distribution.license",
         [](Dataset& d) { dist(d).licence = {"https://example.org/lizenz", "https://example.org/lizenz", false}; }},
        {"de3.vocab.distribution.format", [](Dataset& d) { dist(d).format = "http://example.org/formate/csv"; }},
        {"de3.vocab.distribution.mediaType", [](Dataset& d) { dist(d).media_type = "http://purl.org/NET/mediatypes/text/csv"; }},
        {"de3.vocab.distribution.compressFormat", [](Dataset& d) { dist(d).compress_format = "http://example.org/gzip"; }},
        {"de3.vocab.distribution.packageFormat", [](Dataset& d) { dist(d).package_format = "http://example.org/zip"; }},
        {"de3.vocab.distribution.status", [](Dataset& d) { dist(d).status = "http://example.org/status/fertig"; }},
        {"de3.vocab.distribution.availability", [](Dataset& d) { dist(d).availability = "http://example.org/stabil"; }},
        {"de3.vocab.agent.type", [](Dataset& d) { d.publisher.type_iri = "http://example.org/kommune"; }},
        {"de3.vocab.checksum.algorithm", [](Dataset& d) { dist(d).checksum->algorithm = "http://example.org/sha256"; }},
        // ---- DCAT-AP.de 3.0: deprecated
        {"de3.deprecated.politicalGeocodingURI",
         [](Dataset& d) {
             d.political_geocoding_uris = {"http://dcat-ap.de/def/politicalGeocoding/regionalKey/051580000000"};
         }},
        {"de3.deprecated.geocodingDescription", [](Dataset& d) { d.geocoding_text = "Beispielstadt"; }},
        {"de3.deprecated.legalBasis", [](Dataset& d) { d.legal_basis = "§ 12 EGovG NRW"; }},
        {"de3.deprecated.qualityProcessURI", [](Dataset& d) { d.quality_process = "https://example.org/qualitaet"; }},
        {"de3.deprecated.originator",
         [](Dataset& d) {
             model::Agent a;
             a.name = "Kämmerei";
             d.originators = {a};
         }},
        {"de3.deprecated.maintainer",
         [](Dataset& d) {
             model::Agent a;
             a.name = "Kämmerei";
             d.maintainers = {a};
         }},
        {"de3.deprecated.hasVersion",
         [](Dataset& d) { d.extra.push_back(iri_extra(dct("hasVersion"), "https://example.org/haushalt-2025")); }},
        {"de3.deprecated.isVersionOf",
         [](Dataset& d) { d.extra.push_back(iri_extra(dct("isVersionOf"), "https://example.org/haushalt")); }},
        // the version itself is written as dcat:version; only an owl:versionInfo
        // the source gave beside it, saying something else, stays deprecated
        {"de3.deprecated.versionInfo",
         [](Dataset& d) {
             d.version = "1.0";
             d.extra.push_back(literal_extra("http://www.w3.org/2002/07/owl#versionInfo", "0.9"));
         }},
        {"de3.deprecated.status", [](Dataset& d) { dist(d).status = "http://purl.org/adms/status/Completed"; }},
        {"de3.deprecated.hashAlgorithm",
         [](Dataset& d) { dist(d).checksum->algorithm = "http://dcat-ap.de/def/hashAlgorithms/sha/256"; }},
        // ---- conventions
        {"K01",
         [](Dataset& d) {
             d.contact_points.front().email.clear();
             d.contact_points.front().telephone = "+49 2841 0";
         }},
        {"K12-13", [](Dataset& d) { d.contributor_ids.clear(); }},
        {"K30", [](Dataset& d) { d.themes.clear(); }},
        {"K31", [](Dataset& d) { dist(d).licence = {"", "frei nutzbar", false}; }},
        {"K32", [](Dataset& d) { dist(d).format = "http://example.org/formate/csv"; }},
        {"K36", [](Dataset& d) { d.publisher = {}; }},
        {"K38", [](Dataset& d) { d.extra.push_back(typed(dct("temporal"), dct("PeriodOfTime"))); }},
        {"K39", [](Dataset& d) { dist(d).download_urls = {"https://daten.beispielstadt.example/haushalt-2024.zip"}; }},
        {"K41", [](Dataset& d) { dist(d).access_service = "https://geo.beispielstadt.example/wms"; }},
        {"conv.dataset.keyword", [](Dataset& d) { d.keywords.clear(); }},
        {"conv.dataset.landingPage", [](Dataset& d) { d.landing_page.clear(); }},
        {"conv.dataset.issued", [](Dataset& d) { d.issued.clear(); }},
        {"conv.distribution.title", [](Dataset& d) { dist(d).title.clear(); }},
        {"conv.dataset.identifier", [](Dataset& d) { d.identifier.clear(); }},
        {"conv.dataset.modified", [](Dataset& d) { d.modified.clear(); }},
        {"conv.dataset.distribution", [](Dataset& d) { d.distributions.clear(); }},
        // ---- GovData dashboard
        {"db.keyword", [](Dataset& d) { d.keywords.clear(); }},
        {"db.contributorID",
         [](Dataset& d) { d.contributor_ids.push_back("http://dcat-ap.de/def/contributors/berlinOpenData"); }},
        {"db.publisher", [](Dataset& d) { d.publisher = {}; }},
        {"db.publisher.name",
         [](Dataset& d) {
             d.publisher.name.clear();
             d.publisher.iri = "https://beispielstadt.example/";
         }},
        {"db.license.max",
         [](Dataset& d) {
             dist(d).extra.push_back(iri_extra(dct("license"), "http://dcat-ap.de/def/licenses/cc-by/4.0"));
         }},
        {"db.license", [](Dataset& d) { dist(d).licence = {}; }},
        {"db.license.list", [](Dataset& d) { dist(d).licence = {"", "Datenlizenz frei", false}; }},
        {"db.license.open",
         [](Dataset& d) {
             dist(d).licence = {"http://dcat-ap.de/def/licenses/other-closed", "other-closed", true};
         }},
    };
    return list;
}

TEST(Rules, TheCleanRecordFiresNothing) {
    const auto findings = quality::check_rules(clean(), vocab());
    std::string listing;
    for (const Finding& f : findings) listing += f.rule + ": " + f.message_en + "\n";
    EXPECT_TRUE(findings.empty()) << listing;
}

class RuleFires : public ::testing::TestWithParam<Case> {};

TEST_P(RuleFires, AChangeToTheCleanRecordFiresTheRule) {
    const Case& c = GetParam();
    const Rule* rule = quality::find_rule(c.rule);
    ASSERT_NE(rule, nullptr) << c.rule;
    Dataset d = clean();
    EXPECT_FALSE(fired(d).contains(std::string(c.rule)));
    c.change(d);
    const auto findings = quality::check_rules(d, vocab());
    const auto it = std::find_if(findings.begin(), findings.end(), [&](const Finding& f) { return f.rule == c.rule; });
    ASSERT_NE(it, findings.end()) << c.rule << " does not fire";
    EXPECT_EQ(it->severity, rule->severity);
    EXPECT_FALSE(it->message_de.empty());
    EXPECT_FALSE(it->message_en.empty());
    EXPECT_FALSE(it->fix_de.empty());
    EXPECT_FALSE(it->fix_en.empty());
    EXPECT_FALSE(it->path.empty());
    EXPECT_EQ(it->points_lost, 0);
    // only when its rule set is selected
    EXPECT_FALSE(fired(d, Profiles::only(rule->profile == Profile::govdata ? Profile::dcat_ap_de : Profile::govdata))
                     .contains(std::string(c.rule)));
    EXPECT_TRUE(fired(d, Profiles::only(rule->profile)).contains(std::string(c.rule)));
}

INSTANTIATE_TEST_SUITE_P(Rules, RuleFires, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<Case>& info) {
                             std::string name(info.param.rule);
                             for (char& c : name)
                                 if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                             return name;
                         });

TEST(Rules, EveryRuleHasACase) {
    std::set<std::string_view> covered;
    for (const Case& c : cases()) covered.insert(c.rule);
    for (const Rule& r : quality::rules()) EXPECT_TRUE(covered.contains(r.id)) << r.id << " has no case in rules_test";
}

TEST(Rules, EveryRuleSaysWhatIsWrongAndHowToFixItInBothLanguages) {
    std::set<std::string_view> ids;
    for (const Rule& r : quality::rules()) {
        SCOPED_TRACE(std::string(r.id));
        EXPECT_TRUE(ids.insert(r.id).second) << "duplicate id";
        EXPECT_EQ(quality::find_rule(r.id), &r);
        EXPECT_FALSE(r.message_de.empty());
        EXPECT_FALSE(r.message_en.empty());
        EXPECT_FALSE(r.fix_de.empty());
        EXPECT_FALSE(r.fix_en.empty());
        EXPECT_NE(r.message_de, r.message_en);
        EXPECT_NE(r.fix_de, r.fix_en);
        EXPECT_FALSE(r.focus.empty());
        EXPECT_NE(r.records, 0u);
        // the fix names the property it asks for
        const std::string_view first_property = r.path.substr(0, r.path.find(' '));
        EXPECT_NE(r.fix_de.find(first_property), std::string_view::npos) << r.fix_de;
        EXPECT_NE(r.fix_en.find(first_property), std::string_view::npos) << r.fix_en;
        // compact and full path name the same property
        const std::string_view local = first_property.substr(first_property.find(':') + 1);
        EXPECT_NE(r.path_iri.find(local), std::string_view::npos) << r.path_iri;
        EXPECT_EQ(r.path_iri.substr(0, 4), "http");
    }
    EXPECT_EQ(quality::find_rule("no.such.rule"), nullptr);
}

TEST(Rules, NoRuleHasTheIdOfAnMqaIndicator) {
    // a stored finding's defaults are found by its id alone
    for (const Rule& r : quality::rules()) EXPECT_FALSE(quality::indicator_by_id(r.id)) << r.id;
}

TEST(Rules, IdsFollowTheScheme) {
    for (const Rule& r : quality::rules()) {
        const std::string_view id = r.id;
        switch (r.profile) {
            case Profile::dcat_ap_de: EXPECT_EQ(id.substr(0, 4), "de3.") << id; break;
            case Profile::conventions: EXPECT_TRUE(id.substr(0, 1) == "K" || id.substr(0, 5) == "conv.") << id; break;
            case Profile::govdata: EXPECT_EQ(id.substr(0, 3), "db.") << id; break;
        }
    }
}

TEST(Rules, OfficialShapesNameRulesOfTheirProfileAndEveryImplementedRuleHasOne) {
    std::set<std::string_view> mapped;
    for (const auto& s : quality::official_shapes()) {
        SCOPED_TRACE(std::string(s.message));
        EXPECT_FALSE(s.message.empty());
        if (s.rule.empty()) {
            EXPECT_FALSE(s.reason.empty()) << "a shape ernte does not implement needs a reason";
            continue;
        }
        EXPECT_TRUE(s.reason.empty());
        const Rule* rule = quality::find_rule(s.rule);
        ASSERT_NE(rule, nullptr) << s.rule;
        EXPECT_EQ(rule->profile, s.profile);
        mapped.insert(s.rule);
        EXPECT_EQ(quality::find_official_shape(s.profile, s.message, s.path), &s);
    }
    for (const Rule& r : quality::rules()) {
        // K39, K41 have no official shape
        if (r.id == "K39" || r.id == "K41") continue;
        EXPECT_TRUE(mapped.contains(r.id)) << r.id << " mirrors no official shape in official_shapes()";
    }
}

TEST(Rules, DocsListEveryRuleAndEveryShapeNotImplemented) {
    std::ifstream in(ERNTE_SOURCE_DIR "/docs/rules.md");
    ASSERT_TRUE(in) << "docs/rules.md is missing";
    std::stringstream s;
    s << in.rdbuf();
    const std::string docs = s.str();
    for (const Rule& r : quality::rules())
        EXPECT_NE(docs.find("`" + std::string(r.id) + "`"), std::string::npos) << r.id << " is not in docs/rules.md";
    std::ifstream quality_in(ERNTE_SOURCE_DIR "/docs/quality.md");
    ASSERT_TRUE(quality_in) << "docs/quality.md is missing";
    std::stringstream q;
    q << quality_in.rdbuf();
    const std::string quality_docs = q.str();
    for (const auto& shape : quality::official_shapes()) {
        if (!shape.rule.empty()) continue;
        EXPECT_NE(quality_docs.find(std::string(shape.message)), std::string::npos)
            << "not implemented, but not in docs/quality.md: " << shape.message;
    }
}

TEST(Rules, SeveritiesFollowTheShapesAndTheDashboardMapping) {
    EXPECT_EQ(quality::find_rule("de3.dataset.title")->severity, Severity::violation);
    EXPECT_EQ(quality::find_rule("de3.vocab.distribution.license")->severity, Severity::warning);
    EXPECT_EQ(quality::find_rule("conv.dataset.modified")->severity, Severity::info);
    EXPECT_EQ(quality::dashboard_severity("no_license"), Severity::violation);
    EXPECT_EQ(quality::dashboard_severity("no_open_license_from_list"), Severity::warning);
    EXPECT_EQ(quality::dashboard_severity("count_Distributions"), std::nullopt);
    for (const Rule& r : quality::rules()) {
        if (r.profile == Profile::govdata) {
            EXPECT_NE(r.severity, Severity::info) << r.id;
        }
    }
}

// ---------------------------------------------------------------- details

std::vector<Finding> of_rule(const Dataset& d, std::string_view rule) {
    std::vector<Finding> out;
    for (const Finding& f : quality::check_rules(d, vocab()))
        if (f.rule == rule) out.push_back(f);
    return out;
}

TEST(Rules, ALicenceErnteCanMapIsSuggestedByItsIri) {
    Dataset d = clean();
    // as delivered and not mapped (e.g. a record normalized with an older list)
    dist(d).licence = {"https://creativecommons.org/licenses/by/4.0/", "https://creativecommons.org/licenses/by/4.0/",
                       false};
    const auto findings = of_rule(d, "de3.vocab.distribution.license");
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_EQ(findings[0].distribution, 0u);
    EXPECT_EQ(findings[0].value, "https://creativecommons.org/licenses/by/4.0/");
    EXPECT_NE(findings[0].fix_en.find("http://dcat-ap.de/def/licenses/cc-by/4.0"), std::string::npos)
        << findings[0].fix_en;
    EXPECT_NE(findings[0].fix_de.find("http://dcat-ap.de/def/licenses/cc-by/4.0"), std::string::npos)
        << findings[0].fix_de;
    EXPECT_NE(findings[0].message_de.find("Haushalt 2024 (CSV)"), std::string::npos) << findings[0].message_de;
    const auto k31 = of_rule(d, "K31");
    ASSERT_EQ(k31.size(), 1u);
    EXPECT_NE(k31[0].fix_en.find("http://dcat-ap.de/def/licenses/cc-by/4.0"), std::string::npos);
}

TEST(Rules, AThemeFixNamesTheEuThemes) {
    Dataset d = clean();
    d.themes = {"http://example.org/themen/haushalt"};
    const auto findings = of_rule(d, "de3.vocab.dataset.theme");
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_NE(findings[0].fix_en.find("http://publications.europa.eu/resource/authority/data-theme/"),
              std::string::npos);
    EXPECT_NE(findings[0].fix_en.find("GOVE"), std::string::npos);
    EXPECT_EQ(findings[0].path, "dcat:theme");
}

TEST(Rules, AnUnmappedThemeIsJudgedAsTheExportWritesIt) {
    Dataset iri = clean();
    iri.themes.clear();
    iri.themes_original = {"https://opendata.example.de/id/theme/Umwelt%20und%20Klima"};
    const auto findings = of_rule(iri, "de3.vocab.dataset.theme");
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_EQ(findings[0].value, "https://opendata.example.de/id/theme/Umwelt%20und%20Klima");
    EXPECT_FALSE(fired(iri).contains("K30"));  // the export writes the IRI: a theme is there

    Dataset text = clean();
    text.themes.clear();
    text.themes_original = {"infrastruktur_bauen_wohnen"};  // a CKAN group name: not written
    EXPECT_TRUE(of_rule(text, "de3.vocab.dataset.theme").empty());
    EXPECT_TRUE(fired(text).contains("K30"));
}

TEST(Rules, AVocabularyIriMustBeTheListsOwnNotAVariant) {
    Dataset d = clean();
    d.themes = {"https://publications.europa.eu/resource/authority/data-theme/GOVE"};  // https: not the list's IRI
    const auto findings = of_rule(d, "de3.vocab.dataset.theme");
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_NE(findings[0].fix_en.find("http://publications.europa.eu/resource/authority/data-theme/GOVE"),
              std::string::npos);
}

TEST(Rules, AccessRightsGivenAsTextAreAKindAndAVocabularyViolation) {
    Dataset d = clean();
    d.access_rights.clear();
    d.extra.push_back(literal_extra(dct("accessRights"), "public"));
    const auto rules = fired(d);
    EXPECT_TRUE(rules.contains("de3.dataset.accessRights.kind"));
    EXPECT_TRUE(rules.contains("de3.vocab.dataset.accessRights"));
    const auto kind = of_rule(d, "de3.dataset.accessRights.kind");
    ASSERT_EQ(kind.size(), 1u);
    EXPECT_NE(kind[0].fix_en.find("access-right/PUBLIC"), std::string::npos) << kind[0].fix_en;
}

TEST(Rules, RecordLevelRulesApplyToTheKindsOfRecordTheirShapesTarget) {
    Dataset service = clean();
    make_service(service);
    service.title.clear();
    service.description.clear();
    auto rules = fired(service);
    EXPECT_TRUE(rules.contains("de3.service.title"));
    EXPECT_FALSE(rules.contains("de3.dataset.title"));
    EXPECT_FALSE(rules.contains("de3.dataset.description"));  // a data service needs no description
    EXPECT_FALSE(rules.contains("K30"));                      // conventions target datasets
    Dataset series = clean();
    series.type = model::ResourceType::dataset_series;
    series.title.clear();
    rules = fired(series);
    EXPECT_TRUE(rules.contains("de3.dataset.title"));  // a series is a dcat:Dataset too
    EXPECT_FALSE(rules.contains("de3.service.endpointURL"));
}

TEST(Rules, ADataServiceDescribedInsideADistributionIsChecked) {
    Dataset d = clean();
    dist(d).extra.push_back(
        blank_extra(dcat("accessService"), "b1",
                    {iri_extra(std::string(k_rdf_type), dcat("DataService")), literal_extra(dct("title"), "WMS"),
                     literal_extra(dcat("endpointDescription"), "GetCapabilities")}));
    const auto rules = fired(d);
    EXPECT_TRUE(rules.contains("de3.service.endpointURL"));
    EXPECT_TRUE(rules.contains("de3.dataset.publisher"));
    EXPECT_TRUE(rules.contains("de3.service.endpointDescription.kind"));
    EXPECT_FALSE(rules.contains("de3.service.title"));
    const auto endpoint = of_rule(d, "de3.service.endpointURL");
    ASSERT_EQ(endpoint.size(), 1u);
    EXPECT_EQ(endpoint[0].distribution, 0u);
    EXPECT_EQ(endpoint[0].path, "dcat:accessService/dcat:endpointURL");
}

TEST(Rules, AgentsAreCheckedOncePerIri) {
    Dataset d = clean();
    model::Agent a;
    a.iri = "https://beispielstadt.example/kaemmerei";
    a.classes = {"http://xmlns.com/foaf/0.1/Organization"};
    d.creators = {a};
    d.contributors = {a};
    EXPECT_EQ(of_rule(d, "de3.agent.name").size(), 1u);
    EXPECT_EQ(of_rule(d, "de3.agent.name")[0].path, "dct:creator/foaf:name");
}

// An agent named by its IRI only is described elsewhere, if at all: the
// shapes do not ask the record for its name, and the export does not make it
// a foaf:Agent without one.
TEST(Rules, AnAgentOnlyReferredToByItsIriIsNotAskedForAName) {
    Dataset d = clean();
    model::Agent a;
    a.iri = "https://beispielstadt.example/kaemmerei";
    d.originators = {a};
    EXPECT_TRUE(of_rule(d, "de3.agent.name").empty());
    const std::string ttl = catalog::dataset_to_turtle(d);
    EXPECT_NE(ttl.find("dcatde:originator <https://beispielstadt.example/kaemmerei>"), std::string::npos) << ttl;
    EXPECT_EQ(ttl.find("<https://beispielstadt.example/kaemmerei> a"), std::string::npos) << ttl;
}

TEST(Rules, ContributorIdsCountOnlyWhenFromTheList) {
    Dataset d = clean();
    d.contributor_ids = {"http://dcat-ap.de/def/contributors/openNRW", "http://example.org/eigene-id"};
    auto rules = fired(d);
    EXPECT_FALSE(rules.contains("K12-13"));  // further IDs outside the list are allowed
    EXPECT_FALSE(rules.contains("db.contributorID"));
    EXPECT_TRUE(rules.contains("de3.vocab.dataset.contributorID"));
}

TEST(Rules, AnOpenLicenceFromTheListPassesTheDashboard) {
    ASSERT_TRUE(vocab().is_open_licence("http://dcat-ap.de/def/licenses/dl-by-de/2.0"));
    ASSERT_FALSE(vocab().is_open_licence("http://dcat-ap.de/def/licenses/other-closed"));
    Dataset d = clean();
    EXPECT_TRUE(of_rule(d, "db.license.open").empty());
    dist(d).licence = {"http://dcat-ap.de/def/licenses/other-closed", "other-closed", true};
    EXPECT_EQ(of_rule(d, "db.license.open").size(), 1u);
    EXPECT_TRUE(of_rule(d, "db.license.list").empty());
}

TEST(Rules, FindingsComeInRuleOrder) {
    Dataset d = clean();
    d.title.clear();
    d.publisher = {};
    d.keywords.clear();
    dist(d).licence = {};
    const auto findings = quality::check_rules(d, vocab());
    const auto index = [](const Finding& f) { return quality::find_rule(f.rule) - quality::rules().data(); };
    EXPECT_TRUE(std::is_sorted(findings.begin(), findings.end(),
                               [&](const Finding& a, const Finding& b) { return index(a) < index(b); }));
}

TEST(Rules, ViolationCountFeedsTheDcatApComplianceIndicator) {
    Dataset d = clean();
    EXPECT_EQ(quality::violation_count(quality::check_rules(d, vocab(), Profiles::only(Profile::dcat_ap_de))), 0u);
    d.title.clear();
    d.version = "1.0";  // a warning does not count
    EXPECT_EQ(quality::violation_count(quality::check_rules(d, vocab(), Profiles::only(Profile::dcat_ap_de))), 1u);
}

TEST(Rules, ProfileSelection) {
    constexpr Profiles all;
    EXPECT_TRUE(all.has(Profile::dcat_ap_de));
    EXPECT_TRUE(all.has(Profile::conventions));
    EXPECT_TRUE(all.has(Profile::govdata));
    constexpr Profiles two = Profiles::only(Profile::conventions).with(Profile::govdata);
    EXPECT_FALSE(two.has(Profile::dcat_ap_de));
    EXPECT_TRUE(two.has(Profile::govdata));
    EXPECT_EQ(quality::validator_profile(Profile::conventions), "dcat-ap-de-2");
    EXPECT_EQ(quality::profile_name(Profile::govdata), "govdata");
}

}  // namespace
