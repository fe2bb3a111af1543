#include "catalog/export.hpp"

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
using catalog::RecordStatus;
using catalog::TurtleWriter;
using model::Dataset;
using model::Distribution;
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
    d.other_identifiers = {"urn:uuid:6f1c1b52-0f0c-4d59-9c1e-2b0b6d1a7e11"};
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
    s.extra.push_back({"http://www.w3.org/ns/dcat#endpointURL", {Term::Kind::iri, "https://geo.moers.de/wms", "", ""}});
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

std::string export_catalogue() {
    std::ostringstream out;
    TurtleWriter writer(out);
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

// ---------------------------------------------------------------- helpers

struct CommandResult {
    int exit_code = -1;
    std::string output;
};

/// Runs a shell command, returning its exit code and its stdout and stderr.
CommandResult run(const std::string& command) {
    CommandResult result;
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    if (pipe == nullptr) return result;
    char chunk[4096];
    while (std::size_t n = std::fread(chunk, 1, sizeof chunk, pipe)) result.output.append(chunk, n);
    const int status = pclose(pipe);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

bool on_path(const std::string& program) { return run("command -v " + program).exit_code == 0; }

fs::path write_temp(const std::string& name, const std::string& content) {
    const fs::path dir = fs::path(ERNTE_BINARY_DIR) / "tests" / "export_test_output";
    fs::create_directories(dir);
    const fs::path file = dir / name;
    std::ofstream(file, std::ios::binary) << content;
    return file;
}

/// Number of triples rapper parses from a Turtle document; -1 on a parse error.
long rapper_count(const std::string& turtle, const std::string& name) {
    const fs::path file = write_temp(name, turtle);
    const CommandResult r = run("rapper -i turtle -c '" + file.string() + "'");
    const std::string marker = "Parsing returned ";
    const auto pos = r.output.find(marker);
    if (r.exit_code != 0 || pos == std::string::npos) {
        ADD_FAILURE() << "rapper failed on " << file << ":\n" << r.output;
        return -1;
    }
    return std::stol(r.output.substr(pos + marker.size()));
}

/// The document as N-Triples, as rapper reads it.
std::string rapper_ntriples(const std::string& turtle, const std::string& name) {
    const fs::path file = write_temp(name, turtle);
    const CommandResult r = run("rapper -q -i turtle -o ntriples '" + file.string() + "'");
    EXPECT_EQ(r.exit_code, 0) << r.output;
    return r.output;
}

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

TEST(ExportCatalogue, MatchesGoldenFile) {
    const fs::path golden = fs::path(ERNTE_TEST_DATA) / "export" / "catalogue.ttl";
    const std::string actual = export_catalogue();
    if (std::getenv("ERNTE_UPDATE_GOLDEN") != nullptr) std::ofstream(golden, std::ios::binary) << actual;
    std::ifstream in(golden, std::ios::binary);
    ASSERT_TRUE(in) << "missing golden file " << golden << " (run with ERNTE_UPDATE_GOLDEN=1 to write it)";
    const std::string expected{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    EXPECT_EQ(actual, expected) << "export differs from " << golden
                                << " (run with ERNTE_UPDATE_GOLDEN=1 to accept the new output)";
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
                         2 /*version, notes*/ + 1 /*attribution*/ + 1 /*relation*/ + 1 /*source*/ + 1 /*inSeries*/ +
                         3 /*distributions*/ + 2 /*extra*/;
    const long dataset_nodes = 4 /*publisher agent*/ + 3 /*contact 2*/ + 1 /*spatial location*/;
    const long csv = 1 /*type*/ + 2 /*title, description*/ + 2 /*access, download*/ + 2 /*format, media type*/ +
                     1 /*byte size*/ + 1 /*licence*/ + 1 /*attribution*/ + (1 + 2) /*rights node*/ +
                     2 /*issued, modified*/ + 2 /*status, availability*/ + 3 /*language, conformsTo, page*/ +
                     (1 + 3) /*checksum node*/ + 1 /*licence document*/;
    const long zip = 1 + 1 /*title*/ + 2 /*access, download*/ + 4 /*format, media, compress, package*/ +
                     1 /*byte size*/ + 1 /*licence*/ + 1 /*rights*/ + 2 /*issued, modified*/ + 1 /*extra*/ +
                     1 /*licence document*/ + 1 /*rights statement*/;
    const long wms = 1 + 1 /*title*/ + 1 /*access*/ + 1 /*service*/ + 1 /*format*/ + 1 /*licence*/;
    const long series = 2 /*two types*/ + 1 /*identifier*/ + 1 + 1 /*title, description*/ + 1 /*keyword*/ +
                        1 /*publisher*/ + 1 /*contributorID*/ +
                        (1 + 3) /*contact*/ + 1 /*modified*/ + 1 /*frequency*/ + 2 /*publisher agent*/;
    const long service = 1 + 1 + 1 + 1 + 1 + (1 + 3) + 1 /*endpointURL*/ + 2 /*publisher agent*/;
    const long source = 1 + 1 + 1 + 1 + 1 + 1 /*type, title, description, keyword, publisher, contributorID*/ +
                        1 /*status*/ + 2 /*publisher agent*/;
    const long catalogue = 1 /*type*/ + 2 /*title, description*/ + 1 /*publisher*/ + 1 /*homepage*/ +
                           1 /*language*/ + 3 /*datasets*/ + 1 /*service*/ + 2 /*publisher agent*/;
    EXPECT_EQ(rapper_count(export_catalogue(), "catalogue.ttl"),
              dataset + dataset_nodes + csv + zip + wms + series + service + source + catalogue);
}

// ---------------------------------------------------------------- validation

namespace {

/// The shacl-validate tool: $ERNTE_SHACL_VALIDATE, or the copy beside the repository.
fs::path shacl_validate() {
    const char* configured = std::getenv("ERNTE_SHACL_VALIDATE");
    if (configured != nullptr) return configured;
    return fs::path(ERNTE_SOURCE_DIR) / ".." / "shared" / "tools" / "shacl-validate" / "shacl-validate";
}

}  // namespace

#define SKIP_WITHOUT_SHACL_VALIDATE()                                                                      \
    do {                                                                                                   \
        if (!fs::exists(shacl_validate()))                                                                 \
            GTEST_SKIP() << "shacl-validate not found at " << shacl_validate() << " (set ERNTE_SHACL_VALIDATE)"; \
        if (!on_path("node") || !on_path("npm")) GTEST_SKIP() << "shacl-validate needs node and npm";      \
    } while (false)

TEST(ExportValidation, CompleteCataloguePassesDcatApDeShapes) {
    SKIP_WITHOUT_SHACL_VALIDATE();
    const fs::path file = write_temp("complete.ttl", export_catalogue());
    const CommandResult r =
        run("'" + shacl_validate().string() + "' --profile dcat-ap-de --max 50 '" + file.string() + "'");
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(contains(r.output, "failing 0;")) << r.output;
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

TEST(ExportSpeed, HundredThousandDatasetsWithinTenSeconds) {
    Dataset d = complete_dataset();
    CountingBuffer sink;
    std::ostream out(&sink);
    const auto start = std::chrono::steady_clock::now();
    {
        TurtleWriter writer(out);
        writer.begin(nrw_catalog());
        for (int i = 0; i < 100000; ++i) {
            d.iri = k_portal + "dataset/" + std::to_string(i);
            writer.write_dataset(d);
        }
        writer.end();
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_GT(sink.bytes, 100000u * 4000u);
#if defined(__SANITIZE_ADDRESS__)
    std::printf("sanitized build: time not checked\n");
#else
    EXPECT_LT(seconds, 10.0);
#endif
    RecordProperty("seconds", std::to_string(seconds));
    std::printf("100000 datasets, %zu MB in %.2f s\n", sink.bytes >> 20, seconds);
}
