#include "catalog/export.hpp"

#include <rapidjson/document.h>

#include "tests/support/tools.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <streambuf>
#include <string>
#include <sys/wait.h>

using namespace ernte;
using catalog::CatalogInfo;
using catalog::CatalogWriter;
using catalog::ExportFormat;
using catalog::RecordStatus;
using catalog::TurtleWriter;
using model::Dataset;
using model::Distribution;
using model::ExtraProperty;
using model::Term;

namespace {

namespace fs = std::filesystem;

const std::string k_eu = "http://publications.europa.eu/resource/authority/";
const std::string k_geo = "http://dcat-ap.de/def/politicalGeocoding/";
const std::string k_iana = "https://www.iana.org/assignments/media-types/";
const std::string k_portal = "https://opendata.example.nrw.de/";

// ---------------------------------------------------------------- inputs

CatalogInfo nrw_catalog() {
    CatalogInfo c;
    c.iri = k_portal + "catalog";
    c.title = "Offene Daten NRW (Beispielkatalog)";
    c.description = "Datensätze der Kommunen in Nordrhein-Westfalen, geerntet und nach DCAT-AP.de 3.0 vereinheitlicht.";
    c.publisher_name = "Land Nordrhein-Westfalen";
    c.publisher_iri = k_portal + "organization/land-nrw";
    c.homepage = k_portal;
    return c;
}

/// A dataset with every mandatory and recommended DCAT-AP.de 3.0 property
/// and every field of the model that the Turtle export writes.
Dataset complete_dataset() {
    Dataset d;
    d.iri = k_portal + "dataset/baumkataster-moers";
    d.identifier = "moers-baumkataster";
    d.other_identifiers = {{"urn:uuid:6f1c1b52-0f0c-4d59-9c1e-2b0b6d1a7e11", {}, {}}};
    d.source_id = "ckan-package-4711";
    d.name = "baumkataster";
    d.title = {{"Baumkataster", "de"}, {"Tree register", "en"}};
    d.description = {{"Alle Straßenbäume der Stadt mit Art, Pflanzjahr und Standort.\n"
                      "Stand: jährliche Begehung durch die \"Baumkontrolle\".",
                      "de"},
                     {"All street trees with species, planting year and location.", "en"}};
    d.description_original = "<p>Alle Straßenbäume ...</p>";
    d.keywords = {{"Baum", "de"}, {"Umwelt", "de"}, {"trees", "en"}};
    d.themes = {k_eu + "data-theme/ENVI", k_eu + "data-theme/AGRI"};
    // No dct:type on the publisher: the validator does not load the ADMS
    // publisher-type vocabulary, so it cannot check one (ContactPointsAndAgents covers it).
    d.publisher = {k_portal + "organization/stadt-moers", "Stadt Moers", "opendata@moers.de", "https://www.moers.de",
                   ""};
    d.contact_points.push_back({"", "Fachdienst Grünflächen", "gruen@moers.de", "https://www.moers.de/kontakt",
                                "+49 2841 201-0", "Rathausplatz 1", "47441", "Moers", "Deutschland"});
    d.contact_points.push_back({k_portal + "contact/open-data", "Open-Data-Team", "opendata@moers.de", "", "", "", "",
                                "", ""});
    d.creators.push_back({"", "Kommunales Rechenzentrum Niederrhein", "", "https://www.krzn.de", ""});
    d.originators.push_back({k_portal + "organization/stadt-moers", "Stadt Moers", "", "", ""});
    d.maintainers.push_back({"", "Fachdienst Grünflächen", "gruen@moers.de", "", ""});
    d.contributors.push_back({"", "Open.NRW Geschäftsstelle", "", "", ""});
    d.contributor_ids = {"http://dcat-ap.de/def/contributors/openNRW"};
    d.political_geocoding_uris = {k_geo + "regionalKey/051700024024"};
    d.political_geocoding_level = k_geo + "Level/municipality";
    d.geocoding_text = "Stadt Moers";
    d.spatial = {k_geo + "regionalKey/051700024024"};
    d.legal_basis = "§ 16 eGovernment-Gesetz NRW";
    d.quality_process = "https://www.moers.de/qualitaet";
    d.temporal = {{"2010-01-01", "2023-12-31"}};
    d.issued = "2020-05-04";
    d.modified = "2024-03-01T10:15:00+01:00";
    d.frequency = k_eu + "frequency/ANNUAL";
    d.languages = {k_eu + "language/DEU"};
    d.landing_page = "https://www.moers.de/baumkataster";
    d.pages = {"https://www.moers.de/baumkataster/dokumentation"};
    d.conforms_to = {"https://www.moers.de/baumkataster/schema"};
    d.access_rights = k_eu + "access-right/PUBLIC";
    d.version = "2024.1";
    d.version_notes = "Neue Begehung 2023";
    d.licence_attribution = "Stadt Moers (2024)";
    d.licence = {"http://dcat-ap.de/def/licenses/dl-by-de/2.0", "dl-de-by-2.0", true};
    d.related = {k_portal + "dataset/gruenflaechen-moers"};
    d.source_urls = {k_portal + "dataset/baumkataster-moers-2010"};
    d.in_series = {k_portal + "series/baumkataster-niederrhein"};

    Distribution csv;
    csv.iri = k_portal + "dataset/baumkataster-moers/csv";
    csv.source_id = "r-1";
    csv.title = {{"Baumkataster (CSV)", "de"}};
    csv.description = {{"Eine Zeile je Baum; Trennzeichen Semikolon.", "de"}};
    csv.access_urls = {"https://www.moers.de/daten/baumkataster.csv"};
    csv.download_urls = {"https://www.moers.de/daten/baumkataster.csv"};
    csv.format = k_eu + "file-type/CSV";
    csv.format_original = "CSV";
    csv.media_type = k_iana + "text/csv";
    csv.byte_size = 1048576;
    csv.licence = d.licence;
    csv.licence_inherited = true;
    csv.licence_attribution = "Stadt Moers (2024), Datenlizenz Deutschland – Namensnennung – Version 2.0";
    csv.rights = "Die Daten dürfen unter Nennung der Quelle weiterverwendet werden.";
    csv.issued = "2020-05-04";
    csv.modified = "2024-03-01";
    csv.status = k_eu + "distribution-status/COMPLETED";
    csv.availability = k_eu + "planned-availability/STABLE";
    csv.languages = {k_eu + "language/DEU"};
    csv.conforms_to = {"https://www.moers.de/baumkataster/schema"};
    csv.pages = {"https://www.moers.de/baumkataster/felder"};
    csv.checksum = model::Checksum{"http://spdx.org/rdf/terms#checksumAlgorithm_sha256",
                                   "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"};
    d.distributions.push_back(csv);

    Distribution zip;  // no IRI: a blank node
    zip.title = {{"Baumkataster (GeoJSON, gepackt)", "de"}};
    zip.access_urls = {"https://www.moers.de/daten/baumkataster.zip"};
    zip.download_urls = {"https://www.moers.de/daten/baumkataster.zip"};
    zip.format = k_eu + "file-type/GEOJSON";
    zip.media_type = k_iana + "application/geo+json";
    zip.compress_format = k_iana + "application/zip";
    zip.package_format = k_iana + "application/zip";
    zip.byte_size = 204800;
    zip.licence = {"http://dcat-ap.de/def/licenses/dl-zero-de/2.0", "dl-zero-de/2.0", true};
    zip.rights = "https://www.moers.de/nutzungsbedingungen";
    zip.issued = "2023";
    zip.modified = "2024-02";
    zip.extra.push_back({"http://www.w3.org/2000/01/rdf-schema#comment", {Term::Kind::literal, "gepackt", "", "de"}});
    d.distributions.push_back(zip);

    Distribution wms;  // served through the data service, so no downloadURL (K41)
    wms.title = {{"Baumkataster (WMS)", "de"}};
    wms.access_urls = {"https://geo.moers.de/wms?SERVICE=WMS&REQUEST=GetCapabilities"};
    wms.access_service = k_portal + "service/geodienste-moers";
    wms.format = k_eu + "file-type/WMS_SRVC";
    wms.licence = d.licence;
    d.distributions.push_back(wms);

    d.extra.push_back({"http://purl.org/dc/terms/type", {Term::Kind::iri, k_eu + "dataset-type/GEOSPATIAL", "", ""}});
    d.extra.push_back({"http://www.w3.org/ns/dcat#spatialResolutionInMeters",
                       {Term::Kind::literal, "0.5", "http://www.w3.org/2001/XMLSchema#decimal", ""}});
    // A node the source described (kept with what it said about it) and a
    // geometry as the CKAN normalizer keeps it (written inside a dct:Location).
    d.extra.push_back({"http://purl.org/dc/terms/provenance",
                       {Term::Kind::blank, "prov", "", ""},
                       {{"http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
                         {Term::Kind::iri, "http://purl.org/dc/terms/ProvenanceStatement", "", ""}},
                        {"http://www.w3.org/2000/01/rdf-schema#label",
                         {Term::Kind::literal, "Begehung durch die Baumkontrolle", "", "de"}}}});
    d.extra.push_back({"http://www.w3.org/ns/locn#geometry",
                       {Term::Kind::literal, "{\"type\": \"Point\", \"coordinates\": [6.63, 51.45]}",
                        "https://www.iana.org/assignments/media-types/application/vnd.geo+json", ""}});
    d.notes.push_back({"description", "HTML removed", "<p>...</p>"});
    return d;
}

/// The series the complete dataset belongs to.
Dataset series_record() {
    Dataset s;
    s.type = model::ResourceType::dataset_series;
    s.iri = k_portal + "series/baumkataster-niederrhein";
    s.identifier = "baumkataster-niederrhein";
    s.title = {{"Baumkataster am Niederrhein", "de"}};
    s.description = {{"Baumkataster der Städte am Niederrhein, eines je Stadt.", "de"}};
    s.keywords = {{"Baum", "de"}};
    s.contributor_ids = {"http://dcat-ap.de/def/contributors/openNRW"};
    s.publisher = {k_portal + "organization/kreis-wesel", "Kreis Wesel", "", "", ""};
    s.contact_points.push_back({"", "Kreis Wesel", "info@kreis-wesel.de", "", "", "", "", "", ""});
    s.frequency = k_eu + "frequency/ANNUAL";
    s.modified = "2024-03-01";
    return s;
}

/// The data service the WMS distribution is served through.
Dataset service_record() {
    Dataset s;
    s.type = model::ResourceType::data_service;
    s.iri = k_portal + "service/geodienste-moers";
    s.identifier = "geodienste-moers";
    s.title = {{"Geodienste der Stadt Moers", "de"}};
    s.description = {{"WMS- und WFS-Dienste der Stadt Moers.", "de"}};
    s.publisher = {k_portal + "organization/stadt-moers", "Stadt Moers", "", "", ""};
    s.contact_points.push_back({"", "Geodatenmanagement", "geodaten@moers.de", "", "", "", "", "", ""});
    s.endpoint_urls = {"https://geo.moers.de/wms"};
    s.endpoint_descriptions = {"https://geo.moers.de/wms?SERVICE=WMS&REQUEST=GetCapabilities"};
    s.serves_datasets = {k_portal + "dataset/baumkataster-moers"};
    return s;
}

/// The dataset the complete dataset was derived from (its dct:source).
Dataset source_record() {
    Dataset s;
    s.iri = k_portal + "dataset/baumkataster-moers-2010";
    s.title = {{"Baumkataster, Ersterfassung 2010", "de"}};
    s.description = {{"Die erste Erfassung der Straßenbäume.", "de"}};
    s.keywords = {{"Baum", "de"}};
    s.contributor_ids = {"http://dcat-ap.de/def/contributors/openNRW"};
    s.publisher = {k_portal + "organization/stadt-moers", "Stadt Moers", "", "", ""};
    return s;
}

std::string export_catalogue(ExportFormat format = ExportFormat::turtle) {
    std::ostringstream out;
    CatalogWriter writer(out, format);
    writer.begin(nrw_catalog());
    writer.write_dataset(complete_dataset());
    writer.write_dataset(series_record());
    writer.write_dataset(service_record());
    writer.write_dataset(source_record(), RecordStatus::deprecated);
    writer.end();
    return out.str();
}

Dataset minimal(std::string iri) {
    Dataset d;
    d.iri = std::move(iri);
    d.title = {{"T", "de"}};
    return d;
}

/// A record as a DCAT harvest delivers it, valid DCAT-AP.de: blank nodes the
/// source described (a location with a geometry, a data service inline in a
/// distribution, a provenance statement without a type), one mentioned twice,
/// a node described under its IRI, and titles in two languages.
Dataset harvested_record() {
    Dataset d;
    d.iri = "https://daten.example.nrw.de/dataset/radwege";
    d.identifier = "radwege-kreis-kleve";
    d.title = {{"Radwege im Kreis Kleve", "de"}, {"Cycle paths in the district of Kleve", "en"}};
    d.description = {{"Radwegenetz mit Beschilderung.", "de"}};
    d.publisher = {"https://daten.example.nrw.de/org/kreis-kleve", "Kreis Kleve", "", "", ""};
    d.contact_points.push_back({"", "Geodaten", "geodaten@kreis-kleve.de", "", "", "", "", "", ""});
    d.contributor_ids = {"http://dcat-ap.de/def/contributors/openNRW"};
    d.themes = {k_eu + "data-theme/TRAN"};
    d.extra.push_back(
        {"http://purl.org/dc/terms/spatial",
         {Term::Kind::blank, "_:loc", "", ""},
         {{"http://www.w3.org/1999/02/22-rdf-syntax-ns#type", {Term::Kind::iri, "http://purl.org/dc/terms/Location", "", ""}},
          {"http://www.w3.org/ns/locn#geometry",
           {Term::Kind::literal, "POLYGON((6.0 51.6, 6.5 51.6, 6.5 51.9, 6.0 51.9, 6.0 51.6))",
            "http://www.opengis.net/ont/geosparql#wktLiteral", ""}},
          {"http://www.w3.org/ns/dcat#centroid",
           {Term::Kind::literal, "POINT(6.25 51.75)", "http://www.opengis.net/ont/geosparql#wktLiteral", ""}}}});
    // No rdf:type in the source: the export says what the range of dct:provenance is.
    d.extra.push_back({"http://purl.org/dc/terms/provenance",
                       {Term::Kind::blank, "_:prov", "", ""},
                       {{"http://www.w3.org/2000/01/rdf-schema#label", {Term::Kind::literal, "Befahrung 2023", "", "de"}}}});
    // A node the source described under its IRI.
    d.extra.push_back({"http://purl.org/dc/terms/conformsTo",
                       {Term::Kind::iri, "https://daten.example.nrw.de/schema/radwege", "", ""},
                       {{"http://purl.org/dc/terms/title", {Term::Kind::literal, "Radwegeschema", "", "de"}}}});
    // The same blank node twice: one node, labelled, described once.
    const ExtraProperty qualified{"http://www.w3.org/ns/dcat#qualifiedRelation",
                                  {Term::Kind::blank, "_:rel", "", ""},
                                  {{"http://purl.org/dc/terms/relation",
                                    {Term::Kind::iri, "https://daten.example.nrw.de/dataset/strassen", "", ""}},
                                   {"http://www.w3.org/ns/dcat#hadRole",
                                    {Term::Kind::iri, "http://www.iana.org/assignments/relation/related", "", ""},
                                    {{"http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
                                      {Term::Kind::iri, "http://www.w3.org/ns/dcat#Role", "", ""}}}}}};
    d.extra.push_back(qualified);
    d.extra.push_back({"http://www.w3.org/ns/dcat#qualifiedRelation", {Term::Kind::blank, "_:rel", "", ""}});

    Distribution wfs;
    wfs.iri = "https://daten.example.nrw.de/dataset/radwege/wfs";
    wfs.title = {{"Radwege (WFS)", "de"}, {"Cycle paths (WFS)", "en"}};
    wfs.access_urls = {"https://geo.kreis-kleve.de/wfs?SERVICE=WFS&REQUEST=GetCapabilities"};
    wfs.format = k_eu + "file-type/WFS_SRVC";
    wfs.licence = {"http://dcat-ap.de/def/licenses/dl-by-de/2.0", "dl-by-de/2.0", true};
    // The service the distribution is served through, described inline and untyped.
    wfs.extra.push_back({"http://www.w3.org/ns/dcat#accessService",
                         {Term::Kind::blank, "_:svc", "", ""},
                         {{"http://purl.org/dc/terms/title", {Term::Kind::literal, "WFS Radwege", "", "de"}},
                          {"http://purl.org/dc/terms/publisher",
                           {Term::Kind::iri, "https://daten.example.nrw.de/org/kreis-kleve", "", ""}},
                          {"http://www.w3.org/ns/dcat#endpointURL",
                           {Term::Kind::iri, "https://geo.kreis-kleve.de/wfs", "", ""}},
                          {"http://www.w3.org/ns/dcat#servesDataset",
                           {Term::Kind::iri, "https://daten.example.nrw.de/dataset/radwege", "", ""}}}});
    d.distributions.push_back(wfs);
    return d;
}

/// A record whose texts contain everything a syntax must escape or repair.
Dataset nasty_record() {
    Dataset d = harvested_record();
    d.iri = "https://daten.example.nrw.de/dataset/Datensatz mit Leerzeichen/<Grünfläche>&\"x\"";
    d.title = {{"<b>Bäume & \"Sträucher\"</b> \\ C:\\Pfad \x01\x02\x1F \xFF\xFE ]]> {\"a\": 1}\r\nZeile", "de"},
               {"Trees ' & <script>", "en"},
               {std::string("nul\0byte", 8), "en-GB"},
               {"kaputtes Tag", "not a tag!"}};
    d.description = {{"Tab\there, U+FFFE \xEF\xBF\xBE and U+FFFF \xEF\xBF\xBF, C1 \xC2\x85", "de_DE"}};
    d.keywords = {{"a\rb", ""}, {"€ 𝄞", "de"}};
    d.extra.push_back({"http://example.org/ns#quote\"d", {Term::Kind::literal, "predicate with a quote", "", ""}});
    d.extra.push_back({"urn:ckan:extra:spatial_text", {Term::Kind::literal, "Kleve & Umgebung <Niederrhein>", "", ""}});
    d.extra.push_back({"https://example.org/q?a=1&b=<2>", {Term::Kind::literal, "odd IRI", "", ""}});
    d.distributions[0].access_urls = {"https://geo.example.org/wfs?a=1&b=\"2\"&c=<3> {x}"};
    return d;
}

// ---------------------------------------------------------------- helpers

using ernte::testsupport::CommandResult;
using ernte::testsupport::on_path;

CommandResult run(const std::string& command) { return ernte::testsupport::run_command(command); }

fs::path write_temp(const std::string& name, const std::string& content) {
    const fs::path dir = fs::path(ERNTE_BINARY_DIR) / "tests" / "export_test_output";
    fs::create_directories(dir);
    const fs::path file = dir / name;
    std::ofstream(file, std::ios::binary) << content;
    return file;
}

/// Number of triples rapper parses from a document (syntax "turtle" or "rdfxml"); -1 on a parse error.
long rapper_count(const std::string& document, const std::string& name, const std::string& syntax = "turtle") {
    const fs::path file = write_temp(name, document);
    const CommandResult r = run("rapper -i " + syntax + " -c '" + file.string() + "'");
    const std::string marker = "Parsing returned ";
    const auto pos = r.output.find(marker);
    if (r.exit_code != 0 || pos == std::string::npos) {
        ADD_FAILURE() << "rapper failed on " << file << ":\n" << r.output;
        return -1;
    }
    return std::stol(r.output.substr(pos + marker.size()));
}

/// The document as N-Triples, as rapper reads it (syntax "turtle" or "rdfxml").
std::string rapper_ntriples(const std::string& document, const std::string& name,
                            const std::string& syntax = "turtle") {
    const fs::path file = write_temp(name, document);
    const CommandResult r = run("rapper -q -i " + syntax + " -o ntriples '" + file.string() + "'");
    EXPECT_EQ(r.exit_code, 0) << r.output;
    return r.output;
}

/// Debian's python3-rdflib, run by the system interpreter.
const std::string k_python = "/usr/bin/python3";

bool have_rdflib() { return run(k_python + " -c 'import rdflib'").exit_code == 0; }

/// Runs a Python snippet with rdflib on `files` (sys.argv[1:]); its output.
CommandResult rdflib(const std::string& script, const std::vector<fs::path>& files) {
    std::string command = k_python + " -c '" + script + "'";
    for (const auto& f : files) command += " '" + f.string() + "'";
    return run(command);
}

/// rdflib's name for a syntax, and the file extension shacl-validate reads it by.
std::string rdflib_format(ExportFormat f) {
    switch (f) {
        case ExportFormat::rdfxml: return "xml";
        case ExportFormat::jsonld: return "json-ld";
        case ExportFormat::turtle: break;
    }
    return "turtle";
}

std::string extension(ExportFormat f) {
    switch (f) {
        case ExportFormat::rdfxml: return ".rdf";
        case ExportFormat::jsonld: return ".jsonld";
        case ExportFormat::turtle: break;
    }
    return ".ttl";
}

/// Number of triples rdflib parses from a document; -1 on a parse error.
long rdflib_count(const std::string& document, const std::string& name, ExportFormat format) {
    const fs::path file = write_temp(name, document);
    const CommandResult r = rdflib("import sys, rdflib\n"
                                   "g = rdflib.Graph()\n"
                                   "g.parse(sys.argv[1], format=\"" + rdflib_format(format) + "\")\n"
                                   "print(\"triples\", len(g))",
                                   {file});
    const std::string marker = "triples ";
    const auto pos = r.output.rfind(marker);
    if (r.exit_code != 0 || pos == std::string::npos) {
        ADD_FAILURE() << "rdflib failed on " << file << ":\n" << r.output;
        return -1;
    }
    return std::stol(r.output.substr(pos + marker.size()));
}

/// Number of distinct triples rapper parses from a document; -1 on a parse error. (rapper
/// counts a triple stated twice twice; rdflib keeps a set.)
long rapper_distinct_count(const std::string& document, const std::string& name, const std::string& syntax) {
    const fs::path file = write_temp(name, document);
    const CommandResult r = run("rapper -q -i " + syntax + " -o ntriples '" + file.string() + "'");
    if (r.exit_code != 0) {
        ADD_FAILURE() << "rapper failed on " << file << ":\n" << r.output;
        return -1;
    }
    std::set<std::string> triples;
    std::istringstream lines(r.output);
    for (std::string line; std::getline(lines, line);)
        if (line.ends_with(" .")) triples.insert(line);
    return static_cast<long>(triples.size());
}

/// Number of distinct triples in a document: rapper for Turtle and RDF/XML, rdflib for JSON-LD.
long parsed_count(const std::string& document, const std::string& name, ExportFormat format) {
    if (format == ExportFormat::jsonld) return rdflib_count(document, name, format);
    return rapper_distinct_count(document, name, format == ExportFormat::rdfxml ? "rdfxml" : "turtle");
}

constexpr ExportFormat k_formats[] = {ExportFormat::turtle, ExportFormat::rdfxml, ExportFormat::jsonld};

std::size_t count_of(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (auto pos = haystack.find(needle); pos != std::string::npos; pos = haystack.find(needle, pos + 1)) ++n;
    return n;
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

#define SKIP_WITHOUT_RAPPER()                                                      \
    do {                                                                           \
        if (!on_path("rapper")) GTEST_SKIP() << "rapper (raptor2-utils) not installed"; \
    } while (false)

#define SKIP_WITHOUT_RDFLIB()                                                                   \
    do {                                                                                        \
        if (!on_path("rapper")) GTEST_SKIP() << "rapper (raptor2-utils) not installed";        \
        if (!have_rdflib()) GTEST_SKIP() << "rdflib for " << k_python << " (python3-rdflib) not installed"; \
    } while (false)

}  // namespace

// ---------------------------------------------------------------- escaping

TEST(ExportEscaping, LiteralEscapesQuotesBackslashesAndControls) {
    EXPECT_EQ(catalog::turtle_literal("plain"), "\"plain\"");
    EXPECT_EQ(catalog::turtle_literal(""), "\"\"");
    EXPECT_EQ(catalog::turtle_literal("say \"hi\""), "\"say \\\"hi\\\"\"");
    EXPECT_EQ(catalog::turtle_literal("C:\\Daten\\"), "\"C:\\\\Daten\\\\\"");
    EXPECT_EQ(catalog::turtle_literal("a\tb\rc"), "\"a\\tb\\rc\"");
    EXPECT_EQ(catalog::turtle_literal(std::string("x\x01y\x7F", 4)), "\"x\\u0001y\\u007F\"");
    EXPECT_EQ(catalog::turtle_literal(std::string("nul\0!", 5)), "\"nul\\u0000!\"");
}

TEST(ExportEscaping, LiteralWithLineBreaksBecomesLongString) {
    EXPECT_EQ(catalog::turtle_literal("Zeile 1\nZeile 2"), "\"\"\"Zeile 1\nZeile 2\"\"\"");
    // A quote at the end must not merge with the closing delimiter.
    EXPECT_EQ(catalog::turtle_literal("a\n\"b\""), "\"\"\"a\n\\\"b\\\"\"\"\"");
    EXPECT_EQ(catalog::turtle_literal("\"\"\"\n"), "\"\"\"\\\"\\\"\\\"\n\"\"\"");
}

TEST(ExportEscaping, LiteralKeepsValidUtf8AndReplacesInvalidBytes) {
    EXPECT_EQ(catalog::turtle_literal("Grünflächen – Straße € 𝄞"), "\"Grünflächen – Straße € 𝄞\"");
    EXPECT_EQ(catalog::turtle_literal("a\xFF" "b"), "\"a\xEF\xBF\xBD" "b\"");
    EXPECT_EQ(catalog::turtle_literal("Gr\xFCn"), "\"Gr\xEF\xBF\xBDn\"");          // Latin-1, not UTF-8
    EXPECT_EQ(catalog::turtle_literal("\xC3"), "\"\xEF\xBF\xBD\"");                 // truncated
    EXPECT_EQ(catalog::turtle_literal("\xED\xA0\x80"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");  // surrogate
    EXPECT_EQ(catalog::turtle_literal("\xC0\xAF"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");  // overlong
}

TEST(ExportEscaping, IriPercentEncodesForbiddenCharactersAndKeepsUmlauts) {
    EXPECT_EQ(catalog::turtle_iri("https://example.org/a b"), "<https://example.org/a%20b>");
    EXPECT_EQ(catalog::turtle_iri("https://example.org/Grünflächen/Straße"),
              "<https://example.org/Grünflächen/Straße>");
    EXPECT_EQ(catalog::turtle_iri("https://e.org/<x>\"{y}|^`\\"),
              "<https://e.org/%3Cx%3E%22%7By%7D%7C%5E%60%5C>");
    EXPECT_EQ(catalog::turtle_iri("https://e.org/a\tb\nc"), "<https://e.org/a%09b%0Ac>");
    EXPECT_EQ(catalog::turtle_iri("https://e.org/?q=a%20b&x=1#frag"), "<https://e.org/?q=a%20b&x=1#frag>");
    EXPECT_EQ(catalog::turtle_iri("https://e.org/Gr\xFCn"), "<https://e.org/Gr%FCn>");  // Latin-1 byte
    EXPECT_EQ(catalog::turtle_iri("https://e.org/\xC2\x85"), "<https://e.org/%C2%85>");  // C1 control
}

TEST(ExportEscaping, NastyValuesSurviveAParser) {
    SKIP_WITHOUT_RAPPER();
    Dataset d = minimal("https://example.org/Datensatz mit Leerzeichen/Grünfläche");
    d.title = {{"Zitat \"x\" \\ Zeile\nZwei\tTab Ä€", "de"}};
    d.description = {{"ends with quote\"", "de_DE"}};
    d.keywords = {{"a\rb", "not a tag!"}};
    const std::string nt = rapper_ntriples(catalog::dataset_to_turtle(d), "nasty.ttl");
    EXPECT_TRUE(contains(nt, "<https://example.org/Datensatz%20mit%20Leerzeichen/Gr\\u00FCnfl\\u00E4che>")) << nt;
    EXPECT_TRUE(contains(nt, "\"Zitat \\\"x\\\" \\\\ Zeile\\nZwei\\tTab \\u00C4\\u20AC\"@de")) << nt;
    EXPECT_TRUE(contains(nt, "\"ends with quote\\\"\"@de-DE")) << nt;
    EXPECT_TRUE(contains(nt, "<http://www.w3.org/ns/dcat#keyword> \"a\\rb\" .")) << nt;
}

// ---------------------------------------------------------------- datatypes

TEST(ExportDatatypes, DatesAreTypedByTheirForm) {
    EXPECT_EQ(catalog::turtle_date("2024"), "\"2024\"^^xsd:gYear");
    EXPECT_EQ(catalog::turtle_date("2024-03"), "\"2024-03\"^^xsd:gYearMonth");
    EXPECT_EQ(catalog::turtle_date("2024-03-01"), "\"2024-03-01\"^^xsd:date");
    EXPECT_EQ(catalog::turtle_date("2024-03-01T10:15:00"), "\"2024-03-01T10:15:00\"^^xsd:dateTime");
    EXPECT_EQ(catalog::turtle_date("2024-03-01T10:15:00.123Z"), "\"2024-03-01T10:15:00.123Z\"^^xsd:dateTime");
    EXPECT_EQ(catalog::turtle_date("2024-03-01T10:15:00+01:00"), "\"2024-03-01T10:15:00+01:00\"^^xsd:dateTime");
    EXPECT_EQ(catalog::turtle_date("2024-03-01Z"), "\"2024-03-01Z\"^^xsd:date");
    // Not ISO 8601 as the model promises: kept, but not given a type it does not have.
    EXPECT_EQ(catalog::turtle_date("01.03.2024"), "\"01.03.2024\"");
    EXPECT_EQ(catalog::turtle_date("2024-03-01T10:15"), "\"2024-03-01T10:15\"");
    EXPECT_EQ(catalog::turtle_date("2024-03-01 10:15:00"), "\"2024-03-01 10:15:00\"");
}

TEST(ExportDatatypes, ByteSizeChecksumAndLanguageTags) {
    Dataset d = minimal("https://example.org/d");
    d.title = {{"Titel", "de"}, {"Title", "en"}, {"ohne Sprache", ""}};
    d.geocoding_text = "Kreis Wesel";
    Distribution dist;
    dist.access_urls = {"https://example.org/f.csv"};
    dist.byte_size = 0;
    dist.checksum = model::Checksum{"http://spdx.org/rdf/terms#checksumAlgorithm_md5", "d41d8cd98f00b204e9800998ecf8427e"};
    d.distributions.push_back(dist);
    dist.byte_size = 18446744073709551615ull;
    dist.checksum = model::Checksum{"http://spdx.org/rdf/terms#checksumAlgorithm_md5", "not hex"};
    d.distributions.push_back(dist);
    const std::string ttl = catalog::dataset_to_turtle(d);
    EXPECT_TRUE(contains(ttl, "dct:title \"Titel\"@de, \"Title\"@en, \"ohne Sprache\" ;")) << ttl;
    EXPECT_TRUE(contains(ttl, "dcatde:geocodingDescription \"Kreis Wesel\"@de")) << ttl;
    EXPECT_TRUE(contains(ttl, "dcat:byteSize \"0\"^^xsd:nonNegativeInteger")) << ttl;
    EXPECT_TRUE(contains(ttl, "dcat:byteSize \"18446744073709551615\"^^xsd:nonNegativeInteger")) << ttl;
    EXPECT_TRUE(contains(ttl, "spdx:checksumValue \"d41d8cd98f00b204e9800998ecf8427e\"^^xsd:hexBinary")) << ttl;
    EXPECT_TRUE(contains(ttl, "spdx:checksumValue \"not hex\" ]")) << ttl;
}

TEST(ExportDatatypes, ExtraPropertiesAreWrittenAsTheyCame) {
    Dataset d = minimal("https://example.org/d");
    d.extra = {
        {"http://example.org/iri", {Term::Kind::iri, "https://example.org/o", "", ""}},
        {"http://example.org/lang", {Term::Kind::literal, "Wert", "", "de"}},
        {"http://example.org/int", {Term::Kind::literal, "42", "http://www.w3.org/2001/XMLSchema#integer", ""}},
        {"http://example.org/custom", {Term::Kind::literal, "x", "http://example.org/dt", ""}},
        {"http://example.org/blank", {Term::Kind::blank, "b0", "", ""}},
        {"http://example.org/blank", {Term::Kind::blank, "b1", "", ""}},
        {"http://example.org/same", {Term::Kind::blank, "b0", "", ""}},
        {"", {Term::Kind::literal, "no predicate", "", ""}},
    };
    const std::string ttl = catalog::dataset_to_turtle(d);
    EXPECT_TRUE(contains(ttl, "<http://example.org/iri> <https://example.org/o>")) << ttl;
    EXPECT_TRUE(contains(ttl, "<http://example.org/lang> \"Wert\"@de")) << ttl;
    EXPECT_TRUE(contains(ttl, "<http://example.org/int> \"42\"^^xsd:integer")) << ttl;
    EXPECT_TRUE(contains(ttl, "<http://example.org/custom> \"x\"^^<http://example.org/dt>")) << ttl;
    // Source blank nodes get fresh labels; one source label stays one node within the record.
    EXPECT_TRUE(contains(ttl, "<http://example.org/blank> _:ds1_b1 ;\n    <http://example.org/blank> _:ds1_b2 ;\n"
                              "    <http://example.org/same> _:ds1_b1 ."))
        << ttl;
    EXPECT_FALSE(contains(ttl, "no predicate"));
}

// ---------------------------------------------------------------- semantics

TEST(ExportRecord, StatusIsWrittenOnlyForDeprecatedAndWithdrawn) {
    const Dataset d = minimal("https://example.org/d");
    EXPECT_FALSE(contains(catalog::dataset_to_turtle(d), "adms:status"));
    EXPECT_FALSE(contains(catalog::dataset_to_turtle(d, RecordStatus::active), "adms:status"));
    EXPECT_TRUE(contains(catalog::dataset_to_turtle(d, RecordStatus::deprecated),
                         "adms:status <http://purl.org/adms/status/Deprecated>"));
    EXPECT_TRUE(contains(catalog::dataset_to_turtle(d, RecordStatus::withdrawn),
                         "adms:status <http://purl.org/adms/status/Withdrawn>"));
}

TEST(ExportRecord, ResourceTypeChoosesTheClass) {
    Dataset d = minimal("https://example.org/d");
    EXPECT_TRUE(contains(catalog::dataset_to_turtle(d), "<https://example.org/d> a dcat:Dataset ;"));
    d.type = model::ResourceType::data_service;
    EXPECT_TRUE(contains(catalog::dataset_to_turtle(d), "<https://example.org/d> a dcat:DataService ;"));
    d.type = model::ResourceType::dataset_series;
    EXPECT_TRUE(contains(catalog::dataset_to_turtle(d), "<https://example.org/d> a dcat:DatasetSeries, dcat:Dataset ;"));
}

TEST(ExportRecord, LicenceIriIsALicenseDocumentAndTextIsNeverTurnedIntoAnIri) {
    Dataset d = minimal("https://example.org/d");
    Distribution known;
    known.access_urls = {"https://example.org/a"};
    known.licence = {"http://dcat-ap.de/def/licenses/cc-by/4.0", "CC-BY 4.0", true};
    Distribution text_only;
    text_only.access_urls = {"https://example.org/b"};
    text_only.licence = {"", "Nutzung nur nach \"Rücksprache\"", false};
    d.distributions = {known, text_only};
    const std::string ttl = catalog::dataset_to_turtle(d);
    EXPECT_TRUE(contains(ttl, "dct:license <http://dcat-ap.de/def/licenses/cc-by/4.0>")) << ttl;
    EXPECT_TRUE(contains(ttl, "<http://dcat-ap.de/def/licenses/cc-by/4.0> a dct:LicenseDocument .")) << ttl;
    EXPECT_TRUE(contains(ttl, "dct:license [ a dct:LicenseDocument ; rdfs:label \"Nutzung nur nach \\\"Rücksprache\\\"\" ]"))
        << ttl;
    EXPECT_EQ(count_of(ttl, "dct:license <"), 1u);
}

TEST(ExportRecord, RightsAsIriOrText) {
    Dataset d = minimal("https://example.org/d");
    Distribution a;
    a.access_urls = {"https://example.org/a"};
    a.rights = "https://example.org/rechte";
    Distribution b;
    b.access_urls = {"https://example.org/b"};
    b.rights = "Siehe https://example.org/rechte";
    d.distributions = {a, b};
    const std::string ttl = catalog::dataset_to_turtle(d);
    EXPECT_TRUE(contains(ttl, "dct:rights <https://example.org/rechte>")) << ttl;
    EXPECT_TRUE(contains(ttl, "<https://example.org/rechte> a dct:RightsStatement .")) << ttl;
    EXPECT_TRUE(contains(ttl, "dct:rights [ a dct:RightsStatement ; rdfs:label \"Siehe https://example.org/rechte\" ]"))
        << ttl;
}

TEST(ExportRecord, ThemesThatAreNoEuDataThemeGoOutOnlyAsIris) {
    Dataset d = minimal("https://example.org/d");
    d.themes = {k_eu + "data-theme/ENVI"};
    d.themes_original = {"https://example.org/themen/laerm", "geo"};
    const std::string ttl = catalog::dataset_to_turtle(d);
    EXPECT_TRUE(contains(ttl, "dcat:theme <" + k_eu + "data-theme/ENVI>")) << ttl;
    EXPECT_TRUE(contains(ttl, "data-theme/ENVI>, <https://example.org/themen/laerm> .")) << ttl;
    EXPECT_FALSE(contains(ttl, "\"geo\"")) << ttl;
}

TEST(ExportRecord, DownloadUrlIsAlsoAccessUrlWhenNoneIsGiven) {
    Dataset d = minimal("https://example.org/d");
    Distribution dist;
    dist.download_urls = {"https://example.org/f.csv"};
    d.distributions = {dist};
    const std::string ttl = catalog::dataset_to_turtle(d);
    EXPECT_TRUE(contains(ttl, "dcat:accessURL <https://example.org/f.csv> ;\n    dcat:downloadURL <https://example.org/f.csv>"))
        << ttl;
}

TEST(ExportRecord, ContactPointsAndAgentsWithAndWithoutIri) {
    Dataset d = minimal("https://example.org/d");
    d.publisher = {"https://example.org/org", "Stadt", "", "", "http://purl.org/adms/publishertype/LocalAuthority"};
    d.creators = {{"https://example.org/org", "Stadt", "", "", ""}};  // described once
    d.maintainers = {{"", "Amt", "mailto:amt@example.org", "", ""}};
    d.contact_points = {{"", "", "", "", "0211 / 123", "", "", "", ""},
                        {"https://example.org/cp", "Team", "team@example.org", "", "", "", "", "", ""}};
    const std::string ttl = catalog::dataset_to_turtle(d);
    EXPECT_EQ(count_of(ttl, "<https://example.org/org> a foaf:Agent ;\n    foaf:name \"Stadt\" ;\n"
                            "    dct:type <http://purl.org/adms/publishertype/LocalAuthority> ."),
              1u)
        << ttl;
    EXPECT_EQ(count_of(ttl, "a foaf:Agent"), 2u) << ttl;
    EXPECT_TRUE(contains(ttl, "dcatde:maintainer [ a foaf:Agent ; foaf:name \"Amt\" ; foaf:mbox <mailto:amt@example.org> ]"))
        << ttl;
    EXPECT_TRUE(contains(ttl, "dcat:contactPoint [ a vcard:Kind ; vcard:hasTelephone <tel:0211%20/%20123> ], "
                              "<https://example.org/cp>"))
        << ttl;
    EXPECT_TRUE(contains(ttl, "<https://example.org/cp> a vcard:Kind ;\n    vcard:fn \"Team\" ;\n"
                              "    vcard:hasEmail <mailto:team@example.org> ."))
        << ttl;
}

TEST(ExportRecord, AgentsAndContactsKeepTheClassesTheSourceGave) {
    Dataset d = minimal("https://example.org/d");
    d.publisher = {"https://example.org/org", "Stadt", "", "", "", {"http://xmlns.com/foaf/0.1/Organization"}};
    d.creators = {{"", "Ada", "", "", "", {"http://xmlns.com/foaf/0.1/Person"}}};
    model::ContactPoint contact;
    contact.name = "Hotline";
    contact.email = "hotline@example.org";
    contact.classes = {"http://www.w3.org/2006/vcard/ns#Organization"};
    d.contact_points = {contact};
    const std::string ttl = catalog::dataset_to_turtle(d);
    EXPECT_TRUE(contains(ttl, "<https://example.org/org> a foaf:Agent, foaf:Organization ;")) << ttl;
    EXPECT_TRUE(contains(ttl, "dct:creator [ a foaf:Agent, foaf:Person ; foaf:name \"Ada\" ]")) << ttl;
    EXPECT_TRUE(contains(ttl, "dcat:contactPoint [ a vcard:Kind, vcard:Organization ; vcard:fn \"Hotline\" ;"))
        << ttl;
    // Read back, the same classes: NormalizeDcatRepairs.ContactPointsAndAgents.
}

TEST(ExportRecord, NotesAndSourceBookkeepingAreNotWritten) {
    Dataset d = complete_dataset();
    const std::string ttl = catalog::dataset_to_turtle(d);
    EXPECT_FALSE(contains(ttl, "HTML removed"));
    EXPECT_FALSE(contains(ttl, d.source_id));
    EXPECT_FALSE(contains(ttl, "<p>"));
}

TEST(ExportRecord, StandaloneDocumentHasNoCatalogue) {
    const std::string ttl = catalog::dataset_to_turtle(complete_dataset());
    EXPECT_EQ(ttl.rfind("@prefix adms: <http://www.w3.org/ns/adms#> .\n", 0), 0u);
    EXPECT_FALSE(contains(ttl, "dcat:Catalog"));
}

// ---------------------------------------------------------------- blank nodes

TEST(ExportBlankNodes, UniqueAcrossManyDistributionsAndDatasets) {
    SKIP_WITHOUT_RAPPER();
    constexpr int k_datasets = 3;
    constexpr int k_distributions = 400;
    std::ostringstream out;
    {
        TurtleWriter writer(out);
        writer.begin(nrw_catalog());
        for (int i = 0; i < k_datasets; ++i) {
            Dataset d = minimal(i == 1 ? "" : "https://example.org/d" + std::to_string(i));
            for (int k = 0; k < k_distributions; ++k) {
                Distribution dist;
                dist.access_urls = {"https://example.org/f" + std::to_string(k)};
                dist.extra.push_back({"http://example.org/p", {Term::Kind::blank, "b0", "", ""}});
                d.distributions.push_back(dist);
            }
            writer.write_dataset(d);
        }
        writer.end();
    }
    const std::string nt = rapper_ntriples(out.str(), "blank.ttl");
    std::set<std::string> distributions;
    std::set<std::string> extras;
    std::istringstream lines(nt);
    for (std::string line; std::getline(lines, line);) {
        if (contains(line, "<http://www.w3.org/ns/dcat#distribution>")) distributions.insert(line.substr(line.rfind(' ', line.size() - 3) + 1));
        if (contains(line, "<http://example.org/p>")) extras.insert(line.substr(line.rfind(' ', line.size() - 3) + 1));
    }
    EXPECT_EQ(distributions.size(), std::size_t{k_datasets * k_distributions});
    // One source blank node per record: three records, three nodes.
    EXPECT_EQ(extras.size(), std::size_t{k_datasets});
    // The record without an IRI is a blank node of its own, listed in the catalogue.
    EXPECT_TRUE(contains(out.str(), "dcat:dataset <https://example.org/d0>,\n        _:ds2,\n        <https://example.org/d2> ."));
    EXPECT_TRUE(contains(out.str(), "_:ds2 a dcat:Dataset ;"));
}

// ---------------------------------------------------------------- catalogue

TEST(ExportCatalogue, ListsDatasetsAndServices) {
    const std::string ttl = export_catalogue();
    EXPECT_TRUE(contains(ttl, "    dcat:dataset <https://opendata.example.nrw.de/dataset/baumkataster-moers>,\n"
                              "        <https://opendata.example.nrw.de/series/baumkataster-niederrhein>,\n"
                              "        <https://opendata.example.nrw.de/dataset/baumkataster-moers-2010> ;\n"
                              "    dcat:service <https://opendata.example.nrw.de/service/geodienste-moers> .\n"))
        << ttl;
    EXPECT_TRUE(contains(ttl, "<https://opendata.example.nrw.de/organization/land-nrw> a foaf:Agent ;\n"
                              "    foaf:name \"Land Nordrhein-Westfalen\" .\n"))
        << ttl;
}

TEST(ExportCatalogue, EmptyCatalogueIsValidTurtle) {
    std::ostringstream out;
    {
        TurtleWriter writer(out);
        writer.begin({});
        writer.end();
    }
    EXPECT_TRUE(contains(out.str(), "_:catalog a dcat:Catalog ;\n    dct:language "
                                    "<http://publications.europa.eu/resource/authority/language/DEU> .\n"));
    if (on_path("rapper")) {
        EXPECT_EQ(rapper_count(out.str(), "empty.ttl"), 2);
    }
}

TEST(ExportCatalogue, CallsOutOfOrderAreRejected) {
    std::ostringstream out;
    TurtleWriter writer(out);
    EXPECT_THROW(writer.write_dataset(minimal("https://example.org/d")), std::logic_error);
    EXPECT_THROW(writer.end(), std::logic_error);
    writer.begin(nrw_catalog());
    EXPECT_THROW(writer.begin(nrw_catalog()), std::logic_error);
    writer.end();
    EXPECT_THROW(writer.write_dataset(minimal("https://example.org/d")), std::logic_error);
    EXPECT_THROW(writer.end(), std::logic_error);
}

TEST(ExportCatalogue, OutputIsDeterministic) {
    const std::string first = export_catalogue();
    const std::string second = export_catalogue();
    EXPECT_EQ(first, second);
    EXPECT_EQ(catalog::dataset_to_turtle(complete_dataset()), catalog::dataset_to_turtle(complete_dataset()));
}

TEST(ExportCatalogue, MatchesGoldenFiles) {
    for (const ExportFormat format : k_formats) {
        const fs::path golden = fs::path(ERNTE_TEST_DATA) / "export" / ("catalogue" + extension(format));
        const std::string actual = export_catalogue(format);
        if (std::getenv("ERNTE_UPDATE_GOLDEN") != nullptr) std::ofstream(golden, std::ios::binary) << actual;
        std::ifstream in(golden, std::ios::binary);
        ASSERT_TRUE(in) << "missing golden file " << golden << " (run with ERNTE_UPDATE_GOLDEN=1 to write it)";
        const std::string expected{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        EXPECT_EQ(actual, expected) << "export differs from " << golden
                                    << " (run with ERNTE_UPDATE_GOLDEN=1 to accept the new output)";
    }
}

TEST(ExportCatalogue, EverySyntaxIsDeterministic) {
    for (const ExportFormat format : k_formats) {
        EXPECT_EQ(export_catalogue(format), export_catalogue(format)) << catalog::export_format_name(format);
        EXPECT_EQ(catalog::dataset_document(harvested_record(), RecordStatus::active, format),
                  catalog::dataset_document(harvested_record(), RecordStatus::active, format));
    }
}

TEST(ExportCatalogue, EverySyntaxParsesToTheSameTriples) {
    SKIP_WITHOUT_RDFLIB();
    const long expected = parsed_count(export_catalogue(), "same.ttl", ExportFormat::turtle);
    EXPECT_GT(expected, 170);
    EXPECT_EQ(parsed_count(export_catalogue(ExportFormat::rdfxml), "same.rdf", ExportFormat::rdfxml), expected);
    EXPECT_EQ(parsed_count(export_catalogue(ExportFormat::jsonld), "same.jsonld", ExportFormat::jsonld), expected);
    // rapper also counts what the records repeat (an agent described by each record that names it).
    EXPECT_EQ(rapper_count(export_catalogue(ExportFormat::rdfxml), "same-all.rdf", "rdfxml"),
              rapper_count(export_catalogue(), "same-all.ttl"));

    // Not only as many triples: the same graph (blank nodes matched by structure).
    std::vector<fs::path> files;
    for (const ExportFormat format : k_formats)
        files.push_back(write_temp("iso" + extension(format), export_catalogue(format)));
    for (const ExportFormat format : k_formats)
        files.push_back(write_temp("iso-harvested" + extension(format),
                                   catalog::dataset_document(harvested_record(), RecordStatus::active, format)));
    const CommandResult r = rdflib(
        "import sys, rdflib\n"
        "from rdflib.compare import isomorphic\n"
        "formats = [\"turtle\", \"xml\", \"json-ld\"]\n"
        "for start in (0, 3):\n"
        "    graphs = []\n"
        "    for k in range(3):\n"
        "        g = rdflib.Graph()\n"
        "        g.parse(sys.argv[1 + start + k], format=formats[k])\n"
        "        graphs.append(g)\n"
        "    print(len(graphs[0]), isomorphic(graphs[0], graphs[1]), isomorphic(graphs[0], graphs[2]))\n",
        files);
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(contains(r.output, std::to_string(expected) + " True True\n")) << r.output;
    EXPECT_EQ(count_of(r.output, " True True\n"), 2u) << r.output;
}

TEST(ExportCatalogue, EmptyCatalogueInEverySyntax) {
    SKIP_WITHOUT_RDFLIB();
    for (const ExportFormat format : k_formats) {
        std::ostringstream out;
        {
            CatalogWriter writer(out, format);
            writer.begin({});
            writer.end();
        }
        EXPECT_EQ(parsed_count(out.str(), "empty" + extension(format), format), 2) << out.str();
    }
}

TEST(ExportCatalogue, BlankCatalogueAndRecordsInEverySyntax) {
    SKIP_WITHOUT_RDFLIB();
    CatalogInfo info;
    info.title = "Katalog";
    info.publisher_name = "Land NRW";  // no IRI: a blank foaf:Agent inside the catalogue node
    std::vector<std::string> documents;
    for (const ExportFormat format : k_formats) {
        std::ostringstream out;
        {
            CatalogWriter writer(out, format);
            writer.begin(info);
            writer.write_dataset(minimal(""));
            writer.write_dataset(harvested_record());
            Dataset service = service_record();
            service.iri.clear();
            writer.write_dataset(service);
            writer.end();
        }
        documents.push_back(out.str());
    }
    EXPECT_TRUE(contains(documents[0], "_:catalog a dcat:Catalog ;\n    dct:title \"Katalog\"@de ;\n"
                                       "    dct:publisher [ a foaf:Agent ; foaf:name \"Land NRW\" ] ;\n")) << documents[0];
    EXPECT_TRUE(contains(documents[0], "    dcat:dataset _:ds1,\n        <https://daten.example.nrw.de/dataset/radwege> ;\n"
                                       "    dcat:service _:ds3 .\n")) << documents[0];
    EXPECT_TRUE(contains(documents[1], "  <dcat:Catalog rdf:nodeID=\"catalog\">\n")) << documents[1];
    EXPECT_TRUE(contains(documents[2], "{\"@id\":\"_:catalog\",\"@type\":\"dcat:Catalog\",\"dct:title\":[{\"@value\":"
                                       "\"Katalog\",\"@language\":\"de\"}],\"dct:publisher\":[{\"@type\":\"foaf:Agent\","
                                       "\"foaf:name\":[{\"@value\":\"Land NRW\"}]}],")) << documents[2];
    const long expected = parsed_count(documents[0], "blank.ttl", ExportFormat::turtle);
    EXPECT_GT(expected, 60);
    EXPECT_EQ(parsed_count(documents[1], "blank.rdf", ExportFormat::rdfxml), expected);
    EXPECT_EQ(parsed_count(documents[2], "blank.jsonld", ExportFormat::jsonld), expected);
}

TEST(ExportCatalogue, WriterIsChosenByName) {
    EXPECT_EQ((std::vector<std::string_view>(catalog::export_format_names().begin(),
                                             catalog::export_format_names().end())),
              (std::vector<std::string_view>{"ttl", "rdfxml", "jsonld"}));
    for (const ExportFormat format : k_formats) {
        EXPECT_EQ(catalog::parse_export_format(catalog::export_format_name(format)), format);
        std::ostringstream out;
        const auto writer = catalog::make_catalog_writer(catalog::export_format_name(format), out);
        EXPECT_EQ(writer->format(), format);
    }
    EXPECT_EQ(catalog::export_media_type(ExportFormat::rdfxml), "application/rdf+xml");
    EXPECT_FALSE(catalog::parse_export_format("xml"));
    std::ostringstream out;
    try {
        catalog::make_catalog_writer("n3", out);
        ADD_FAILURE() << "no exception for an unknown format";
    } catch (const std::invalid_argument& e) {
        EXPECT_TRUE(contains(e.what(), "'n3'")) << e.what();
        EXPECT_TRUE(contains(e.what(), "ttl, rdfxml, jsonld")) << e.what();
    }
}

TEST(ExportCatalogue, EverySyntaxStreamsWhileWriting) {
    // Past about 1 MiB a writer hands what it has to the stream, before end().
    for (const ExportFormat format : k_formats) {
        std::ostringstream out;
        CatalogWriter writer(out, format);
        writer.begin(nrw_catalog());
        Dataset d = complete_dataset();
        for (int i = 0; i < 400; ++i) {
            d.iri = k_portal + "dataset/" + std::to_string(i);
            writer.write_dataset(d);
        }
        EXPECT_GT(out.str().size(), std::size_t{1} << 20) << catalog::export_format_name(format);
        writer.end();
        EXPECT_EQ(writer.dataset_count(), 400u);
    }
}

TEST(ExportCatalogue, ParserCountsTheExpectedTriples) {
    SKIP_WITHOUT_RAPPER();
    // Counted by hand from the model (see complete_dataset(), series_record(), service_record()).
    const long dataset = 1 /*type*/ + 1 /*identifier*/ + 3 /*adms:identifier node*/ + 2 /*title*/ + 2 /*description*/ +
                         3 /*keyword*/ + 2 /*theme*/ + 1 /*publisher*/ +
                         (1 + 1 + 4 + 1 + 5) /*contact 1: link, type, 4 properties, address link and node*/ +
                         1 /*contact 2 link*/ + (1 + 3) /*creator node*/ + 1 /*originator*/ + (1 + 3) /*maintainer*/ +
                         (1 + 2) /*contributor*/ + 1 /*contributorID*/ + 1 /*geocoding URI*/ + 1 /*level*/ +
                         1 /*geocoding text*/ + 1 /*spatial*/ + 1 /*legal basis*/ + 1 /*quality process*/ +
                         (1 + 3) /*temporal*/ + 2 /*issued, modified*/ + 1 /*frequency*/ + 1 /*language*/ +
                         1 /*landing page*/ + 1 /*page*/ + 1 /*conformsTo*/ + 1 /*access rights*/ +
                         2 /*version, notes*/ + 1 /*attribution*/ + 1 /*licence*/ + 1 /*relation*/ +
                         1 /*source*/ + 1 /*inSeries*/ + 3 /*distributions*/ + 2 /*extra*/ +
                         (1 + 2) /*provenance node: link, type, label*/ +
                         (1 + 4) /*geometry: spatial link, location type, geometry link, its type and literal*/;
    const long dataset_nodes = 4 /*publisher agent*/ + 3 /*contact 2*/ + 1 /*spatial location*/ +
                               1 /*licence document*/;
    const long csv = 1 /*type*/ + 2 /*title, description*/ + 2 /*access, download*/ + 2 /*format, media type*/ +
                     1 /*byte size*/ + 1 /*licence*/ + 1 /*attribution*/ + (1 + 2) /*rights node*/ +
                     2 /*issued, modified*/ + 2 /*status, availability*/ + 3 /*language, conformsTo, page*/ +
                     (1 + 3) /*checksum node*/;
    const long zip = 1 + 1 /*title*/ + 2 /*access, download*/ + 4 /*format, media, compress, package*/ +
                     1 /*byte size*/ + 1 /*licence*/ + 1 /*rights*/ + 2 /*issued, modified*/ + 1 /*extra*/ +
                     1 /*licence document*/ + 1 /*rights statement*/;
    const long wms = 1 + 1 /*title*/ + 1 /*access*/ + 1 /*service*/ + 1 /*format*/ + 1 /*licence*/;
    const long series = 2 /*two types*/ + 1 /*identifier*/ + 1 + 1 /*title, description*/ + 1 /*keyword*/ +
                        1 /*publisher*/ + 1 /*contributorID*/ +
                        (1 + 3) /*contact*/ + 1 /*modified*/ + 1 /*frequency*/ + 2 /*publisher agent*/;
    const long service = 1 + 1 + 1 + 1 + 1 + (1 + 3) + 3 /*endpointURL, endpointDescription, servesDataset*/ +
                         2 /*publisher agent*/;
    const long source = 1 + 1 + 1 + 1 + 1 + 1 /*type, title, description, keyword, publisher, contributorID*/ +
                        1 /*status*/ + 2 /*publisher agent*/;
    const long catalogue = 1 /*type*/ + 2 /*title, description*/ + 1 /*publisher*/ + 1 /*homepage*/ +
                           1 /*language*/ + 3 /*datasets*/ + 1 /*service*/ + 2 /*publisher agent*/;
    EXPECT_EQ(rapper_count(export_catalogue(), "catalogue.ttl"),
              dataset + dataset_nodes + csv + zip + wms + series + service + source + catalogue);
}

// ---------------------------------------------------------------- harvested properties

TEST(ExportRecord, DataServiceFieldsAreWritten) {
    const std::string ttl = catalog::dataset_to_turtle(service_record());
    EXPECT_TRUE(contains(ttl, "<https://opendata.example.nrw.de/service/geodienste-moers> a dcat:DataService ;")) << ttl;
    EXPECT_TRUE(contains(ttl, "    dcat:endpointURL <https://geo.moers.de/wms> ;\n"
                              "    dcat:endpointDescription <https://geo.moers.de/wms?SERVICE=WMS&REQUEST=GetCapabilities> ;\n"
                              "    dcat:servesDataset <https://opendata.example.nrw.de/dataset/baumkataster-moers> .\n"))
        << ttl;
}

TEST(ExportRecord, DatasetLicenceIsKept) {
    Dataset d = minimal("https://example.org/d");
    d.licence = {"http://dcat-ap.de/def/licenses/cc-by/4.0", "cc-by-4.0", true};
    std::string ttl = catalog::dataset_to_turtle(d);
    EXPECT_TRUE(contains(ttl, "dct:license <http://dcat-ap.de/def/licenses/cc-by/4.0>")) << ttl;
    EXPECT_TRUE(contains(ttl, "<http://dcat-ap.de/def/licenses/cc-by/4.0> a dct:LicenseDocument .")) << ttl;
    d.licence = {"", "Nutzung frei", false};
    ttl = catalog::dataset_to_turtle(d);
    EXPECT_TRUE(contains(ttl, "dct:license [ a dct:LicenseDocument ; rdfs:label \"Nutzung frei\" ]")) << ttl;
}

TEST(ExportExtras, NodesTheSourceDescribedAreWrittenWhole) {
    const std::string ttl = catalog::dataset_to_turtle(harvested_record());
    // Typed as the source typed it; the geometry literal as a locn:Geometry (DCAT-AP 3).
    EXPECT_TRUE(contains(ttl, "<http://purl.org/dc/terms/spatial> [ a dct:Location ; "
                              "locn:geometry [ a locn:Geometry ; <http://www.opengis.net/ont/geosparql#asWKT> "
                              "\"POLYGON((6.0 51.6, 6.5 51.6, 6.5 51.9, 6.0 51.9, 6.0 51.6))\""
                              "^^<http://www.opengis.net/ont/geosparql#wktLiteral> ] ; "
                              "<http://www.w3.org/ns/dcat#centroid> \"POINT(6.25 51.75)\"^^<http://www.opengis.net/ont/geosparql#wktLiteral> ]"))
        << ttl;
    // Untyped in the source: typed by the range of the property.
    EXPECT_TRUE(contains(ttl, "<http://purl.org/dc/terms/provenance> [ a dct:ProvenanceStatement ; "
                              "<http://www.w3.org/2000/01/rdf-schema#label> \"Befahrung 2023\"@de ]"))
        << ttl;
    EXPECT_TRUE(contains(ttl, "<http://www.w3.org/ns/dcat#accessService> [ a dcat:DataService ; "
                              "<http://purl.org/dc/terms/title> \"WFS Radwege\"@de ; "
                              "<http://purl.org/dc/terms/publisher> <https://daten.example.nrw.de/org/kreis-kleve> ; "
                              "<http://www.w3.org/ns/dcat#endpointURL> <https://geo.kreis-kleve.de/wfs> ; "
                              "<http://www.w3.org/ns/dcat#servesDataset> <https://daten.example.nrw.de/dataset/radwege> ]"))
        << ttl;
    // Described under its IRI: once, after the record.
    EXPECT_TRUE(contains(ttl, "<https://daten.example.nrw.de/schema/radwege> a dct:Standard ;\n"
                              "    <http://purl.org/dc/terms/title> \"Radwegeschema\"@de .\n"))
        << ttl;
    // Referred to twice: one labelled node, described once.
    EXPECT_TRUE(contains(ttl, "    <http://www.w3.org/ns/dcat#qualifiedRelation> _:ds1_b1 ;\n"
                              "    <http://www.w3.org/ns/dcat#qualifiedRelation> _:ds1_b1 .\n"))
        << ttl;
    EXPECT_EQ(count_of(ttl, "_:ds1_b1 a dcat:Relationship ;\n"
                            "    <http://purl.org/dc/terms/relation> <https://daten.example.nrw.de/dataset/strassen> ;\n"
                            "    <http://www.w3.org/ns/dcat#hadRole> <http://www.iana.org/assignments/relation/related> .\n"),
              1u)
        << ttl;
    EXPECT_TRUE(contains(ttl, "<http://www.iana.org/assignments/relation/related> a dcat:Role .\n")) << ttl;
}

TEST(ExportExtras, GeometryExtrasAreWrappedInALocation) {
    const std::string geojson = "https://www.iana.org/assignments/media-types/application/vnd.geo+json";
    Dataset d = minimal("https://example.org/d");
    // As the CKAN normalizer keeps `spatial`, `spatial_bbox`, `spatial_centroid` of two places.
    d.extra = {
        {"http://www.w3.org/ns/locn#geometry", {Term::Kind::literal, "{}", geojson, ""}},
        {"urn:ckan:extra:spatial_text", {Term::Kind::literal, "Moers", "", ""}},
        {"http://www.w3.org/ns/dcat#bbox", {Term::Kind::literal, "[1]", geojson, ""}},
        {"http://www.w3.org/ns/locn#geometry", {Term::Kind::literal, "{ }", geojson, ""}},
        {"http://www.w3.org/ns/dcat#centroid", {Term::Kind::literal, "[2]", geojson, ""}},
    };
    const std::string ttl = catalog::dataset_to_turtle(d);
    const std::string geo = "http://www.opengis.net/ont/geosparql#";
    // A predicate that repeats starts the next place; the literals stay as they came.
    EXPECT_TRUE(contains(ttl, "    dct:spatial [ a dct:Location ; locn:geometry [ a locn:Geometry ; <" + geo +
                                  "asGeoJSON> \"{}\"^^<" + geojson + "> ] ; <http://www.w3.org/ns/dcat#bbox> \"[1]\"^^<" +
                                  geojson + "> ] ;\n"
                                  "    <urn:ckan:extra:spatial_text> \"Moers\" ;\n"
                                  "    dct:spatial [ a dct:Location ; locn:geometry [ a locn:Geometry ; <" + geo +
                                  "asGeoJSON> \"{ }\"^^<" + geojson + "> ] ; <http://www.w3.org/ns/dcat#centroid> \"[2]\"^^<" +
                                  geojson + "> ] .\n"))
        << ttl;

    // The serialization property follows the datatype, else the text.
    d.extra = {{"http://www.w3.org/ns/locn#geometry", {Term::Kind::literal, "POINT(6 51)", "", ""}}};
    EXPECT_TRUE(contains(catalog::dataset_to_turtle(d), "<" + geo + "asWKT> \"POINT(6 51)\" ]"));

    d.extra = {{"http://www.w3.org/ns/locn#geometry",
                {Term::Kind::literal, "<gml:Point/>", geo + "gmlLiteral", ""}}};
    EXPECT_TRUE(contains(catalog::dataset_to_turtle(d), "<" + geo + "asGML> \"<gml:Point/>\"^^<" + geo + "gmlLiteral>"));

    // One place given in two serializations stays one place.
    d.extra = {{"http://www.w3.org/ns/locn#geometry", {Term::Kind::literal, "{}", geojson, ""}},
               {"http://www.w3.org/ns/locn#geometry", {Term::Kind::literal, "POINT(6 51)", geo + "wktLiteral", ""}}};
    const std::string both = catalog::dataset_to_turtle(d);
    EXPECT_EQ(count_of(both, "a dct:Location"), 1u) << both;
    EXPECT_EQ(count_of(both, "a locn:Geometry"), 2u) << both;
    // Only extras of the record itself: a distribution has no place.
    d.extra.clear();
    Distribution dist;
    dist.access_urls = {"https://example.org/f"};
    dist.extra = {{"http://www.w3.org/ns/dcat#bbox", {Term::Kind::literal, "[1]", geojson, ""}}};
    d.distributions = {dist};
    EXPECT_FALSE(contains(catalog::dataset_to_turtle(d), "dct:Location"));
}

TEST(ExportExtras, HarvestedRecordParsesTheSameInEverySyntax) {
    SKIP_WITHOUT_RDFLIB();
    const long record = 1 /*type*/ + 1 /*identifier*/ + 2 /*titles*/ + 1 /*description*/ + 1 /*theme*/ +
                        1 /*publisher*/ + (1 + 3) /*contact*/ + 1 /*contributorID*/ +
                        (1 + 3 + 2) /*location, its geometry node*/ + (1 + 2) /*provenance*/ + 1 /*conformsTo*/ +
                        1 /*relation link, stated twice*/ +
                        1 /*distribution*/;
    const long nodes = 2 /*publisher agent*/ + 2 /*standard*/ + 3 /*relationship*/ + 1 /*role*/;
    const long distribution = 1 /*type*/ + 2 /*titles*/ + 1 /*access*/ + 1 /*format*/ + 1 /*licence*/ +
                              (1 + 5) /*service*/ + 1 /*licence document*/;
    for (const ExportFormat format : k_formats) {
        const std::string document = catalog::dataset_document(harvested_record(), RecordStatus::active, format);
        EXPECT_EQ(parsed_count(document, "harvested" + extension(format), format), record + nodes + distribution)
            << document;
    }
}

// ---------------------------------------------------------------- RDF/XML

TEST(ExportRdfXml, XmlTextEscapesAndDropsWhatXmlCannotHold) {
    EXPECT_EQ(catalog::xml_text("a < b && c > d"), "a &lt; b &amp;&amp; c &gt; d");
    EXPECT_EQ(catalog::xml_text("\"quoted\" 'single'"), "\"quoted\" 'single'");
    EXPECT_EQ(catalog::xml_text("tab\tline\nreturn\r"), "tab\tline\nreturn&#13;");
    EXPECT_EQ(catalog::xml_text(std::string("nul\0\x01\x1F\x7F", 7)), "nul\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\x7F");
    EXPECT_EQ(catalog::xml_text("Gr\xFCn"), "Gr\xEF\xBF\xBDn");
    EXPECT_EQ(catalog::xml_text("\xEF\xBF\xBE\xEF\xBF\xBF\xEF\xBF\xBD"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    EXPECT_EQ(catalog::xml_text("Grünfläche ]]> 𝄞"), "Grünfläche ]]&gt; 𝄞");
}

TEST(ExportRdfXml, DocumentShape) {
    const std::string xml = export_catalogue(ExportFormat::rdfxml);
    EXPECT_EQ(xml.rfind("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rdf:RDF\n"
                        "    xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"\n"
                        "    xmlns:adms=\"http://www.w3.org/ns/adms#\"\n",
                        0),
              0u)
        << xml;
    EXPECT_TRUE(contains(xml, "    xmlns:xsd=\"http://www.w3.org/2001/XMLSchema#\">\n"
                              "  <dcat:Dataset rdf:about=\"https://opendata.example.nrw.de/dataset/baumkataster-moers\">\n"
                              "    <dct:identifier>moers-baumkataster</dct:identifier>\n"
                              "    <adms:identifier>\n"
                              "      <adms:Identifier>\n"
                              "        <skos:notation>urn:uuid:6f1c1b52-0f0c-4d59-9c1e-2b0b6d1a7e11</skos:notation>\n"
                              "      </adms:Identifier>\n"
                              "    </adms:identifier>\n"
                              "    <dct:title xml:lang=\"de\">Baumkataster</dct:title>\n"))
        << xml;
    EXPECT_TRUE(contains(xml, "    <dct:issued rdf:datatype=\"http://www.w3.org/2001/XMLSchema#date\">2020-05-04</dct:issued>\n"))
        << xml;
    EXPECT_TRUE(contains(xml, "    <dct:publisher rdf:resource=\"https://opendata.example.nrw.de/organization/stadt-moers\"/>\n"))
        << xml;
    EXPECT_TRUE(contains(xml, "    <dcat:distribution rdf:nodeID=\"ds1_dist2\"/>\n")) << xml;
    EXPECT_TRUE(contains(xml, "  <dcat:Distribution rdf:nodeID=\"ds1_dist2\">\n")) << xml;
    EXPECT_TRUE(contains(xml, "    <dcat:byteSize rdf:datatype=\"http://www.w3.org/2001/XMLSchema#nonNegativeInteger\">"
                              "1048576</dcat:byteSize>\n"))
        << xml;
    // A series is typed twice: the node element names the first class.
    EXPECT_TRUE(contains(xml, "  <dcat:DatasetSeries rdf:about=\"https://opendata.example.nrw.de/series/baumkataster-niederrhein\">\n"
                              "    <rdf:type rdf:resource=\"http://www.w3.org/ns/dcat#Dataset\"/>\n"))
        << xml;
    // Extras in a declared namespace use its prefix; '&' in an IRI is escaped.
    EXPECT_TRUE(contains(xml, "    <dct:type rdf:resource=\"http://publications.europa.eu/resource/authority/dataset-type/GEOSPATIAL\"/>\n"))
        << xml;
    EXPECT_TRUE(contains(xml, "rdf:resource=\"https://geo.moers.de/wms?SERVICE=WMS&amp;REQUEST=GetCapabilities\"/>")) << xml;
    // A node about which nothing but its type is said is an empty element.
    EXPECT_TRUE(contains(xml, "  <dct:LicenseDocument rdf:about=\"http://dcat-ap.de/def/licenses/dl-by-de/2.0\"/>\n")) << xml;
    EXPECT_TRUE(xml.ends_with("    <foaf:name>Land Nordrhein-Westfalen</foaf:name>\n  </foaf:Agent>\n</rdf:RDF>\n")) << xml;
}

TEST(ExportRdfXml, PredicatesOutsideTheDeclaredNamespaces) {
    Dataset d = minimal("https://example.org/d");
    d.extra = {
        {"urn:ckan:extra:spatial_text", {Term::Kind::literal, "Moers", "", ""}},
        {"http://example.org/vocab/xmlThing", {Term::Kind::literal, "xml is reserved", "", ""}},
        {"http://example.org/vocab/2024", {Term::Kind::literal, "no XML name", "", ""}},
        {"http://www.w3.org/1999/02/22-rdf-syntax-ns#li", {Term::Kind::literal, "syntax name", "", ""}},
        {"http://example.org/vocab/thing", {Term::Kind::blank, "b", "", ""},
         {{"http://www.w3.org/1999/02/22-rdf-syntax-ns#type", {Term::Kind::iri, "http://example.org/vocab/Thing", "", ""}},
          {"http://www.w3.org/1999/02/22-rdf-syntax-ns#type", {Term::Kind::iri, "http://example.org/vocab/2nd", "", ""}}}},
    };
    const std::string xml = catalog::dataset_document(d, RecordStatus::active, ExportFormat::rdfxml);
    EXPECT_TRUE(contains(xml, "    <ns1:spatial_text xmlns:ns1=\"urn:ckan:extra:\">Moers</ns1:spatial_text>\n")) << xml;
    EXPECT_TRUE(contains(xml, "    <ns1:mlThing xmlns:ns1=\"http://example.org/vocab/x\">xml is reserved</ns1:mlThing>\n"))
        << xml;
    EXPECT_TRUE(contains(xml, "      <ns1:Thing xmlns:ns1=\"http://example.org/vocab/\">\n"
                              "        <rdf:type rdf:resource=\"http://example.org/vocab/2nd\"/>\n"
                              "      </ns1:Thing>\n"))
        << xml;
    // RDF/XML has no element name for these: they are left out.
    EXPECT_FALSE(contains(xml, "no XML name")) << xml;
    EXPECT_FALSE(contains(xml, "syntax name")) << xml;
    if (on_path("rapper")) {
        EXPECT_EQ(rapper_count(xml, "names.rdf", "rdfxml"), 2 /*type, title*/ + 1 + 1 + (1 + 2) /*thing*/);
    }
}

TEST(ExportRdfXml, NastyValuesSurviveAParser) {
    SKIP_WITHOUT_RAPPER();
    const Dataset d = nasty_record();
    const std::string xml = catalog::dataset_document(d, RecordStatus::active, ExportFormat::rdfxml);
    const long expected = parsed_count(catalog::dataset_to_turtle(d), "nasty-same.ttl", ExportFormat::turtle);
    EXPECT_EQ(parsed_count(xml, "nasty.rdf", ExportFormat::rdfxml), expected);
    const std::string nt = rapper_ntriples(xml, "nasty-nt.rdf", "rdfxml");
    // Controls XML cannot hold become U+FFFD; the rest arrives unchanged.
    EXPECT_TRUE(contains(nt, "\"<b>B\\u00E4ume & \\\"Str\\u00E4ucher\\\"</b> \\\\ C:\\\\Pfad "
                             "\\uFFFD\\uFFFD\\uFFFD \\uFFFD\\uFFFD ]]> {\\\"a\\\": 1}\\r\\nZeile\"@de"))
        << nt;
    EXPECT_TRUE(contains(nt, "<https://daten.example.nrw.de/dataset/Datensatz%20mit%20Leerzeichen/%3CGr\\u00FCnfl\\u00E4che%3E&%22x%22>"))
        << nt;
    // rapper writes the language tags of RDF/XML in lower case (tags compare case-insensitively).
    EXPECT_TRUE(contains(nt, "\"Tab\\there, U+FFFE \\uFFFD and U+FFFF \\uFFFD, C1 \\u0085\"@de-de")) << nt;
    EXPECT_TRUE(contains(nt, "\"kaputtes Tag\" .")) << nt;
}

// ---------------------------------------------------------------- JSON-LD

TEST(ExportJsonLd, DocumentShape) {
    const std::string text = export_catalogue(ExportFormat::jsonld);
    rapidjson::Document doc;
    doc.Parse<rapidjson::kParseValidateEncodingFlag>(text.c_str(), text.size());
    ASSERT_FALSE(doc.HasParseError()) << "offset " << doc.GetErrorOffset();
    ASSERT_TRUE(doc.IsObject());
    // An inline context of prefixes only: nothing is fetched to read the document.
    ASSERT_TRUE(doc["@context"].IsObject());
    EXPECT_EQ(doc["@context"].MemberCount(), 13u);
    for (const auto& m : doc["@context"].GetObject()) EXPECT_TRUE(m.value.IsString()) << m.name.GetString();
    EXPECT_STREQ(doc["@context"]["dcat"].GetString(), "http://www.w3.org/ns/dcat#");
    ASSERT_TRUE(doc["@graph"].IsArray());
    const auto& dataset = doc["@graph"][0];
    EXPECT_STREQ(dataset["@id"].GetString(), "https://opendata.example.nrw.de/dataset/baumkataster-moers");
    EXPECT_STREQ(dataset["@type"].GetString(), "dcat:Dataset");
    EXPECT_STREQ(dataset["dct:title"][1]["@value"].GetString(), "Tree register");
    EXPECT_STREQ(dataset["dct:title"][1]["@language"].GetString(), "en");
    EXPECT_STREQ(dataset["dct:issued"][0]["@type"].GetString(), "xsd:date");
    EXPECT_STREQ(dataset["dct:publisher"][0]["@id"].GetString(),
                 "https://opendata.example.nrw.de/organization/stadt-moers");
    EXPECT_STREQ(dataset["dcat:distribution"][1]["@id"].GetString(), "_:ds1_dist2");
    EXPECT_STREQ(dataset["dct:temporal"][0]["@type"].GetString(), "dct:PeriodOfTime");
    // dct:spatial from the model and from the geometry extra: one key, one array.
    EXPECT_EQ(dataset["dct:spatial"].Size(), 2u);
    EXPECT_STREQ(dataset["dct:spatial"][1]["@type"].GetString(), "dct:Location");
    const auto node = [&](const std::string& id) -> const rapidjson::Value* {
        for (const auto& n : doc["@graph"].GetArray())
            if (n.HasMember("@id") && n["@id"].GetString() == id) return &n;
        return nullptr;
    };
    const auto* series = node(k_portal + "series/baumkataster-niederrhein");
    ASSERT_NE(series, nullptr);
    ASSERT_TRUE((*series)["@type"].IsArray());
    EXPECT_STREQ((*series)["@type"][0].GetString(), "dcat:DatasetSeries");
    EXPECT_STREQ((*series)["@type"][1].GetString(), "dcat:Dataset");
    const auto* catalogue = node(k_portal + "catalog");
    ASSERT_NE(catalogue, nullptr);
    EXPECT_STREQ((*catalogue)["@type"].GetString(), "dcat:Catalog");
    ASSERT_TRUE((*catalogue)["dcat:dataset"].IsArray());
    EXPECT_EQ((*catalogue)["dcat:dataset"].Size(), 3u);
    EXPECT_STREQ((*catalogue)["dcat:service"][0]["@id"].GetString(), (k_portal + "service/geodienste-moers").c_str());
    // One top-level node per line.
    EXPECT_EQ(count_of(text, "\n{\"@id\":"), doc["@graph"].Size());
}

TEST(ExportJsonLd, RepeatedPredicatesShareOneKey) {
    Dataset d = minimal("https://example.org/d");
    d.extra = {
        {"http://example.org/a", {Term::Kind::literal, "1", "", ""}},
        {"http://example.org/b", {Term::Kind::literal, "2", "", ""}},
        {"http://example.org/a", {Term::Kind::literal, "3", "", ""}},
        {"http://purl.org/dc/terms/title", {Term::Kind::literal, "Titel aus einem Extra", "", "de"}},
    };
    const std::string text = catalog::dataset_document(d, RecordStatus::active, ExportFormat::jsonld);
    rapidjson::Document doc;
    doc.Parse(text.c_str(), text.size());
    ASSERT_FALSE(doc.HasParseError()) << text;
    const auto& node = doc["@graph"][0];
    EXPECT_EQ(node.MemberCount(), 5u) << text;  // @id, @type, dct:title, a, b
    EXPECT_EQ(node["http://example.org/a"].Size(), 2u) << text;
    EXPECT_EQ(node["dct:title"].Size(), 2u) << text;
}

TEST(ExportJsonLd, NastyValuesSurviveAParser) {
    SKIP_WITHOUT_RDFLIB();
    const Dataset d = nasty_record();
    const std::string text = catalog::dataset_document(d, RecordStatus::active, ExportFormat::jsonld);
    rapidjson::Document doc;
    doc.Parse<rapidjson::kParseValidateEncodingFlag>(text.c_str(), text.size());
    ASSERT_FALSE(doc.HasParseError()) << "offset " << doc.GetErrorOffset();
    const long expected = parsed_count(catalog::dataset_to_turtle(d), "nasty-jsonld.ttl", ExportFormat::turtle);
    EXPECT_EQ(parsed_count(text, "nasty.jsonld", ExportFormat::jsonld), expected);
    // JSON can hold every character Turtle can: the same graph, literal for literal.
    const fs::path ttl = write_temp("nasty-iso.ttl", catalog::dataset_to_turtle(d));
    const fs::path jsonld = write_temp("nasty-iso.jsonld", text);
    const CommandResult r = rdflib("import sys, rdflib\n"
                                   "from rdflib.compare import isomorphic\n"
                                   "a = rdflib.Graph(); a.parse(sys.argv[1], format=\"turtle\")\n"
                                   "b = rdflib.Graph(); b.parse(sys.argv[2], format=\"json-ld\")\n"
                                   "print(\"isomorphic\", isomorphic(a, b))\n"
                                   "t = rdflib.URIRef(\"http://purl.org/dc/terms/title\")\n"
                                   "for v in sorted(repr(str(o)) for o in b.objects(None, t)): print(v)",
                                   {ttl, jsonld});
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(contains(r.output, "isomorphic True")) << r.output;
    EXPECT_TRUE(contains(r.output, "\\x01\\x02\\x1f \xEF\xBF\xBD\xEF\xBF\xBD ]]> {\"a\": 1}\\r\\nZeile'\n")) << r.output;
    EXPECT_TRUE(contains(r.output, "'nul\\x00byte'\n")) << r.output;
}

// ---------------------------------------------------------------- validation

namespace {

fs::path shacl_validate() { return ernte::testsupport::shacl_validate_tool(); }

}  // namespace

#define SKIP_WITHOUT_SHACL_VALIDATE()                                                              \
    do {                                                                                           \
        if (const std::string why = ernte::testsupport::shacl_validate_unavailable(); !why.empty()) \
            GTEST_SKIP() << why;                                                                   \
    } while (false)

TEST(ExportValidation, CompleteCataloguePassesDcatApDeShapesInEverySyntax) {
    SKIP_WITHOUT_SHACL_VALIDATE();
    for (const ExportFormat format : k_formats) {
        const fs::path file = write_temp("complete" + extension(format), export_catalogue(format));
        const CommandResult r =
            run("'" + shacl_validate().string() + "' --profile dcat-ap-de --max 50 '" + file.string() + "'");
        EXPECT_EQ(r.exit_code, 0) << r.output;
        EXPECT_TRUE(contains(r.output, "failing 0;")) << r.output;
    }
}

TEST(ExportValidation, HarvestedRecordPassesDcatApDeShapesInEverySyntax) {
    SKIP_WITHOUT_SHACL_VALIDATE();
    for (const ExportFormat format : k_formats) {
        std::ostringstream out;
        {
            CatalogWriter writer(out, format);
            writer.begin(nrw_catalog());
            writer.write_dataset(harvested_record());
            writer.end();
        }
        const fs::path file = write_temp("harvested-shapes" + extension(format), out.str());
        const CommandResult r =
            run("'" + shacl_validate().string() + "' --profile dcat-ap-de --max 50 '" + file.string() + "'");
        EXPECT_EQ(r.exit_code, 0) << r.output;
        EXPECT_TRUE(contains(r.output, "failing 0;")) << r.output;
    }
}

TEST(ExportValidation, CompleteCataloguePassesGovDataRules) {
    SKIP_WITHOUT_SHACL_VALIDATE();
    const fs::path file = write_temp("complete-govdata.ttl", export_catalogue());
    const CommandResult r = run("'" + shacl_validate().string() + "' --profile govdata --max 50 '" + file.string() + "'");
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(contains(r.output, "failing 0;")) << r.output;
}

// ---------------------------------------------------------------- speed

namespace {

/// Counts bytes and drops them, so the speed test measures the writer alone.
class CountingBuffer : public std::streambuf {
public:
    std::size_t bytes = 0;

protected:
    std::streamsize xsputn(const char*, std::streamsize n) override {
        bytes += static_cast<std::size_t>(n);
        return n;
    }
    int_type overflow(int_type c) override {
        if (c != traits_type::eof()) ++bytes;
        return traits_type::not_eof(c);
    }
};

}  // namespace

/// Writes 100,000 complete datasets into a counting sink; the seconds it took.
double hundred_thousand_datasets(ExportFormat format, std::size_t& bytes) {
    Dataset d = complete_dataset();
    CountingBuffer sink;
    std::ostream out(&sink);
    const auto start = std::chrono::steady_clock::now();
    {
        CatalogWriter writer(out, format);
        writer.begin(nrw_catalog());
        for (int i = 0; i < 100000; ++i) {
            d.iri = k_portal + "dataset/" + std::to_string(i);
            writer.write_dataset(d);
        }
        writer.end();
    }
    bytes = sink.bytes;
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// A measurement (scripts/bench serve times the Turtle export of a harvested
// catalogue): run it by hand with --gtest_also_run_disabled_tests
// --gtest_filter='ExportSpeed*'.
TEST(ExportSpeed, DISABLED_HundredThousandDatasets) {
    for (const ExportFormat format : k_formats) {
        std::size_t bytes = 0;
        const double seconds = hundred_thousand_datasets(format, bytes);
        EXPECT_GT(bytes, 100000u * 4000u);
        std::printf("%s: 100000 datasets, %zu MB in %.2f s\n", std::string(catalog::export_format_name(format)).c_str(),
                    bytes >> 20, seconds);
    }
}
