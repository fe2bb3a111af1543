#include "catalog/vocab.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

using namespace ernte::catalog;

namespace {

const std::filesystem::path vocab_dir = std::filesystem::path(ERNTE_SOURCE_DIR) / "schemas" / "vocab";

const Vocabularies& vocab() {
    static const Vocabularies loaded = Vocabularies::load(vocab_dir);
    return loaded;
}

const std::string L = "http://dcat-ap.de/def/licenses/";
const std::string T = "http://publications.europa.eu/resource/authority/data-theme/";
const std::string F = "http://publications.europa.eu/resource/authority/file-type/";
const std::string Q = "http://publications.europa.eu/resource/authority/frequency/";
const std::string G = "http://publications.europa.eu/resource/authority/language/";
const std::string IANA = "http://www.iana.org/assignments/media-types/";

std::string licence(std::string_view value) {
    const LicenceMatch m = vocab().map_licence(value);
    return m.known ? m.iri : "(unknown) " + m.iri;
}

/// A copy of the vocabulary directory in a fresh temporary folder, to break one file.
class BrokenVocabulary : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = std::filesystem::temp_directory_path() /
                ("ernte-vocab-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(m_dir);
        std::filesystem::copy(vocab_dir, m_dir);
    }
    void TearDown() override { std::filesystem::remove_all(m_dir); }

    void write(const std::string& name, const std::string& content) {
        std::ofstream out(m_dir / name, std::ios::binary | std::ios::trunc);
        out << content;
    }
    std::string read(const std::string& name) {
        std::ifstream in(m_dir / name, std::ios::binary);
        std::ostringstream s;
        s << in.rdbuf();
        return s.str();
    }
    /// The VocabError message of loading the directory ("" if it loads).
    std::string load_error() {
        try {
            Vocabularies::load(m_dir);
        } catch (const VocabError& e) {
            return e.what();
        }
        return "";
    }

    std::filesystem::path m_dir;
};

}  // namespace

TEST(Vocab, LoadsEveryListWithItsConcepts) {
    const VocabularyCounts c = vocab().counts();
    EXPECT_EQ(c.themes, 14u);  // 13 EU data themes and OP_DATPRO
    EXPECT_EQ(c.file_types, 143u);
    EXPECT_EQ(c.frequencies, 23u);
    EXPECT_EQ(c.licences, 34u);
    EXPECT_EQ(c.open_licences, 24u);
    EXPECT_EQ(c.contributors, 69u);
    EXPECT_EQ(c.languages, 46u);
    EXPECT_EQ(c.access_rights, 7u);
    EXPECT_EQ(c.availabilities, 5u);
    EXPECT_EQ(c.distribution_statuses, 5u);
    EXPECT_EQ(c.geocoding_levels, 6u);
    EXPECT_GT(c.media_types, 2000u);
    EXPECT_GT(c.aliases, 50u);
    EXPECT_EQ(c.edp_licences, 131u);  // 111 concepts and 20 more descriptions (EU authority IRIs)
    EXPECT_EQ(c.non_proprietary_formats, 29u);
    EXPECT_EQ(c.machine_readable_formats, 20u);
}

TEST(Vocab, KeyIsCaseFoldedTrimmedAndSchemeFree) {
    EXPECT_EQ(vocab_key("  Wirtschaft   und\tFinanzen "), "wirtschaft und finanzen");
    EXPECT_EQ(vocab_key("ÖFFENTLICHE Verwaltung"), "öffentliche verwaltung");
    EXPECT_EQ(vocab_key("Datenlizenz Deutschland – Zero – Version 2.0"), "datenlizenz deutschland - zero - version 2.0");
    EXPECT_EQ(vocab_key("HTTPS://www.GovData.de/dl-de/by-2-0/"), "govdata.de/dl-de/by-2-0");
    EXPECT_EQ(vocab_key("http://dcat-ap.de/def/licenses/cc-by"), "dcat-ap.de/def/licenses/cc-by");
}

TEST(Vocab, LicenceCkanIds) {
    EXPECT_EQ(licence("dl-de-by-2.0"), L + "dl-by-de/2.0");
    EXPECT_EQ(licence("dl-by-de/2.0"), L + "dl-by-de/2.0");
    EXPECT_EQ(licence("dl-de-by-1.0"), L + "dl-by-de/1.0");
    EXPECT_EQ(licence("dl-de-zero-2.0"), L + "dl-zero-de/2.0");
    EXPECT_EQ(licence("cc-by"), L + "cc-by");
    EXPECT_EQ(licence("cc-by-4.0"), L + "cc-by/4.0");
    EXPECT_EQ(licence("CC-BY-4.0"), L + "cc-by/4.0");
    EXPECT_EQ(licence("cc-zero"), L + "cc-zero");
    EXPECT_EQ(licence("odc-odbl"), L + "odbl");
    EXPECT_EQ(licence("odc-by"), L + "odby");
    EXPECT_EQ(licence("cc-nc"), L + "cc-by-nc");
    EXPECT_EQ(licence("official-work"), L + "officialWork");
    EXPECT_EQ(licence("geonutzv-de-2013-03-19"), L + "geonutz/20130319");
}

TEST(Vocab, LicenceIriVariants) {
    EXPECT_EQ(licence("http://dcat-ap.de/def/licenses/dl-by-de/2.0"), L + "dl-by-de/2.0");
    EXPECT_EQ(licence("https://dcat-ap.de/def/licenses/dl-by-de/2.0"), L + "dl-by-de/2.0");
    EXPECT_EQ(licence("http://www.dcat-ap.de/def/licenses/dl-by-de/2.0/"), L + "dl-by-de/2.0");
    EXPECT_EQ(licence("http://dcat-ap.de/def/licenses/dl-zero-de/2_0"), L + "dl-zero-de/2.0");
    EXPECT_EQ(licence("http://dcat-ap.de/def/licenses/cc-by/4_0"), L + "cc-by/4.0");
    EXPECT_EQ(licence("http://dcat-ap.de/def/licenses/geoNutz/20131001"), L + "geoNutz/20131001");
    EXPECT_EQ(licence("http://dcat-ap.de/def/licenses/GEONUTZ/20130319"), L + "geonutz/20130319");
    // a CKAN id under the dcat-ap.de prefix
    EXPECT_EQ(licence("http://dcat-ap.de/def/licenses/dl-de-by-2.0"), L + "dl-by-de/2.0");
}

TEST(Vocab, LicenceUrls) {
    EXPECT_EQ(licence("https://www.govdata.de/dl-de/by-2-0"), L + "dl-by-de/2.0");
    EXPECT_EQ(licence("http://www.govdata.de/dl-de/zero-2-0"), L + "dl-zero-de/2.0");
    EXPECT_EQ(licence("https://www.govdata.de/dl-de/by-nc-1-0/"), L + "dl-by-nc-de/1.0");
    EXPECT_EQ(licence("https://creativecommons.org/licenses/by/4.0/"), L + "cc-by/4.0");
    EXPECT_EQ(licence("https://creativecommons.org/licenses/by/4.0/deed.de"), L + "cc-by/4.0");
    EXPECT_EQ(licence("https://creativecommons.org/licenses/by/4.0/legalcode"), L + "cc-by/4.0");
    EXPECT_EQ(licence("http://creativecommons.org/licenses/by/3.0/de/"), L + "cc-by-de/3.0");
    EXPECT_EQ(licence("https://creativecommons.org/licenses/by-sa/4.0/"), L + "cc-by-sa/4.0");
    EXPECT_EQ(licence("http://creativecommons.org/licenses/by-nd/3.0/"), L + "cc-by-nd/3.0");
    EXPECT_EQ(licence("https://creativecommons.org/publicdomain/zero/1.0/deed.de"), L + "cc-zero");
    EXPECT_EQ(licence("http://creativecommons.org/publicdomain/mark/1.0/"), L + "ccpdm/1.0");
    EXPECT_EQ(licence("http://www.opendefinition.org/licenses/cc-by"), L + "cc-by");
    EXPECT_EQ(licence("http://publications.europa.eu/resource/authority/licence/CC_BY_4_0"), L + "cc-by/4.0");
    // CC BY 3.0 unported is not in the dcat-ap.de list: unknown, the IRI is kept
    EXPECT_EQ(licence("http://creativecommons.org/licenses/by/3.0/"),
              "(unknown) http://creativecommons.org/licenses/by/3.0/");
}

TEST(Vocab, LicenceFreeText) {
    EXPECT_EQ(licence("Datenlizenz Deutschland Namensnennung 2.0"), L + "dl-by-de/2.0");
    EXPECT_EQ(licence("Datenlizenz Deutschland – Zero – Version 2.0"), L + "dl-zero-de/2.0");
    EXPECT_EQ(licence("Datenlizenz Deutschland - Zero - Version 2.0"), L + "dl-zero-de/2.0");
    EXPECT_EQ(licence("Datenlizenz Deutschland – Namensnennung – Version 2.0"), L + "dl-by-de/2.0");
    EXPECT_EQ(licence("Creative Commons Namensnennung (CC-BY)"), L + "cc-by");
    EXPECT_EQ(licence("CC BY 4.0"), L + "cc-by/4.0");
    EXPECT_EQ(licence("CC-BY 4.0"), L + "cc-by/4.0");
    EXPECT_EQ(licence("Creative Commons CC Zero License (cc-zero)"), L + "cc-zero");
    EXPECT_EQ(licence("CC0 1.0"), L + "cc-zero");
    EXPECT_EQ(licence("dl-de/by-2-0"), L + "dl-by-de/2.0");
    EXPECT_EQ(licence("DL-DE->Zero-2.0"), L + "dl-zero-de/2.0");
    EXPECT_EQ(licence("Open Data Commons Open Database License (ODbL)"), L + "odbl");
    EXPECT_EQ(licence("Andere offene Lizenz"), L + "other-open");
    // the name wrapped in markup, as ArcGIS Hub delivers a licence text
    EXPECT_EQ(licence("<DIV STYLE=\"text-align:Left;\"><DIV><SPAN>Datenlizenz Deutschland &#8211; Namensnennung &#8211; "
                      "Version 2.0</SPAN></DIV></DIV>"),
              L + "dl-by-de/2.0");
    EXPECT_EQ(licence("<p>Lizenz:</p><p>CC0 1.0</p>"), "(unknown) ");  // more than the name: not guessed
    EXPECT_FALSE(vocab().map_licence("<p>&amp;lt;b&amp;gt;</p>").known);
}

TEST(Vocab, LicenceUnknownAndAmbiguous) {
    EXPECT_FALSE(vocab().map_licence("").known);
    EXPECT_FALSE(vocab().map_licence("notspecified").known);
    EXPECT_FALSE(vocab().map_licence("other-at").known);
    EXPECT_FALSE(vocab().map_licence("cc-by3").known);  // 3.0 unported or 3.0 DE?
    EXPECT_FALSE(vocab().map_licence("CC BY-NC-SA 4.0").known);
    EXPECT_EQ(vocab().map_licence("Lizenz nicht angegeben").iri, "");
    EXPECT_EQ(vocab().map_licence("https://www.openstreetmap.org/copyright").iri,
              "https://www.openstreetmap.org/copyright");
}

TEST(Vocab, LicenceFlags) {
    EXPECT_TRUE(vocab().is_known_licence(L + "dl-by-de/2.0"));
    EXPECT_TRUE(vocab().is_known_licence("https://dcat-ap.de/def/licenses/dl-by-de/2_0"));
    EXPECT_FALSE(vocab().is_known_licence("http://creativecommons.org/licenses/by/3.0/"));
    EXPECT_TRUE(vocab().is_open_licence(L + "dl-zero-de/2.0"));
    EXPECT_TRUE(vocab().is_open_licence(L + "cc-by/4.0"));
    EXPECT_FALSE(vocab().is_open_licence(L + "cc-by-nc/4.0"));
    EXPECT_FALSE(vocab().is_open_licence(L + "other-closed"));
    EXPECT_FALSE(vocab().is_open_licence("https://example.org/licence"));
}

TEST(Vocab, Themes) {
    const auto& v = vocab();
    EXPECT_EQ(v.map_theme(T + "ECON"), T + "ECON");
    EXPECT_EQ(v.map_theme("https://publications.europa.eu/resource/authority/data-theme/ECON/"), T + "ECON");
    EXPECT_EQ(v.map_theme("ECON"), T + "ECON");
    EXPECT_EQ(v.map_theme("econ"), T + "ECON");
    EXPECT_EQ(v.map_theme("Wirtschaft und Finanzen"), T + "ECON");
    EXPECT_EQ(v.map_theme("Economy and finance"), T + "ECON");
    EXPECT_EQ(v.map_theme("Regierung und öffentlicher Sektor"), T + "GOVE");
    EXPECT_EQ(v.map_theme("verwaltung"), T + "GOVE");
    EXPECT_EQ(v.map_theme("wirtschaft_arbeit"), T + "ECON");
    EXPECT_EQ(v.map_theme("Umwelt und Klima"), T + "ENVI");
    EXPECT_EQ(v.map_themes("bildung_wissenschaft"), (std::vector<std::string>{T + "EDUC", T + "TECH"}));
    EXPECT_FALSE(v.map_theme("geo"));  // mapped to nothing by GovData
    EXPECT_FALSE(v.map_theme("datasets"));
    EXPECT_FALSE(v.map_theme("https://example.org/uri/theme1"));
}

TEST(Vocab, FindFormatGivesWhatMapFormatGivesWithoutACopy) {
    const auto& v = vocab();
    for (const std::string& value : std::vector<std::string>{"CSV", ".csv", "text/csv; charset=utf-8", IANA + "text/csv",
                                    "https://www.iana.org/assignments/media-types/application/json", F + "CSV",
                                    F + "PDF", "nonsense", ""}) {
        SCOPED_TRACE(value);
        const std::optional<std::string> mapped = v.map_format(value);
        EXPECT_EQ(v.find_format(value), mapped.value_or(""));
    }
    EXPECT_EQ(v.find_format(IANA + "text/csv"), F + "CSV");
    // the flags of a file-type IRI, found by the IRI as by its key
    EXPECT_TRUE(v.is_non_proprietary_format(F + "CSV"));
    EXPECT_TRUE(v.is_non_proprietary_format("https://publications.europa.eu/resource/authority/file-type/CSV/"));
    EXPECT_FALSE(v.is_non_proprietary_format(F + "PDF"));
    EXPECT_TRUE(v.is_machine_readable_format(F + "XLSX"));
    EXPECT_FALSE(v.is_machine_readable_format(F + "PDF"));
}

TEST(Vocab, FileTypes) {
    const auto& v = vocab();
    EXPECT_EQ(v.map_format("CSV"), F + "CSV");
    EXPECT_EQ(v.map_format("csv"), F + "CSV");
    EXPECT_EQ(v.map_format(".csv"), F + "CSV");
    EXPECT_EQ(v.map_format("text/csv"), F + "CSV");
    EXPECT_EQ(v.map_format("text/csv; charset=utf-8"), F + "CSV");
    EXPECT_EQ(v.map_format(F + "CSV"), F + "CSV");
    EXPECT_EQ(v.map_format(IANA + "text/csv"), F + "CSV");
    // a file-type code under another namespace (ArcGIS Hub's relative "ftype/CSV")
    EXPECT_EQ(v.map_format("https://hub.example.org/api/feed/ftype/CSV"), F + "CSV");
    EXPECT_EQ(v.map_format("https://hub.example.org/api/feed/ftype/geojson"), F + "GEOJSON");
    EXPECT_FALSE(v.map_format("https://hub.example.org/formats/excel"));  // a name, not a code
    EXPECT_FALSE(v.map_format("https://hub.example.org/daten/baeume.csv"));
    EXPECT_EQ(v.map_format("application/json"), F + "JSON");
    EXPECT_EQ(v.map_format("application/pdf"), F + "PDF");
    EXPECT_EQ(v.map_format("pdf"), F + "PDF");
    EXPECT_EQ(v.map_format("zip"), F + "ZIP");
    EXPECT_EQ(v.map_format("xlsx"), F + "XLSX");
    EXPECT_EQ(v.map_format("application/vnd.ms-excel"), F + "XLS");
    EXPECT_EQ(v.map_format("GeoJSON"), F + "GEOJSON");
    EXPECT_EQ(v.map_format("RDF/XML"), F + "RDF_XML");
    EXPECT_EQ(v.map_format("JSON-LD"), F + "JSON_LD");
    EXPECT_EQ(v.map_format("WMS"), F + "WMS_SRVC");
    EXPECT_EQ(v.map_format("Shapefile"), F + "SHP");
    EXPECT_EQ(v.map_format("htm"), F + "HTML");
    EXPECT_EQ(v.map_format("text/html"), F + "HTML");
    EXPECT_FALSE(v.map_format("mpg"));  // MPEG-2, MPEG-4 or MPEG-4 AVC
    EXPECT_FALSE(v.map_format("Datei"));
    EXPECT_FALSE(v.map_format(""));
}

TEST(Vocab, MediaTypes) {
    const auto& v = vocab();
    EXPECT_EQ(v.map_media_type("text/csv"), IANA + "text/csv");
    EXPECT_EQ(v.map_media_type("TEXT/CSV; charset=UTF-8"), IANA + "text/csv");
    EXPECT_EQ(v.map_media_type("https://www.iana.org/assignments/media-types/application/json"),
              IANA + "application/json");
    EXPECT_EQ(v.map_media_type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
              IANA + "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    EXPECT_FALSE(v.map_media_type("xlsx"));
    EXPECT_FALSE(v.map_media_type("text/nonsense"));
    // RFC 2046's initial types, which the registry's tables leave out
    EXPECT_EQ(v.map_media_type("text/plain; charset=utf-8"), IANA + "text/plain");
    EXPECT_EQ(v.map_media_type("image/JPEG"), IANA + "image/jpeg");
    EXPECT_TRUE(v.is_media_type(IANA + "image/gif"));
    EXPECT_EQ(v.map_media_type("application/octet-stream"), IANA + "application/octet-stream");  // in the list
}

TEST(Vocab, Frequencies) {
    const auto& v = vocab();
    EXPECT_EQ(v.map_frequency(Q + "MONTHLY"), Q + "MONTHLY");
    EXPECT_EQ(v.map_frequency("MONTHLY"), Q + "MONTHLY");
    EXPECT_EQ(v.map_frequency("monthly"), Q + "MONTHLY");
    EXPECT_EQ(v.map_frequency("monatlich"), Q + "MONTHLY");
    EXPECT_EQ(v.map_frequency("once_per_month"), Q + "MONTHLY");
    EXPECT_EQ(v.map_frequency("http://purl.org/cld/freq/annual"), Q + "ANNUAL");
    EXPECT_EQ(v.map_frequency("jährlich"), Q + "ANNUAL");
    EXPECT_EQ(v.map_frequency("asNeeded"), Q + "IRREG");
    EXPECT_EQ(v.map_frequency("unbekannt"), Q + "UNKNOWN");
    EXPECT_FALSE(v.map_frequency("whenever"));
}

TEST(Vocab, Languages) {
    const auto& v = vocab();
    EXPECT_EQ(v.map_language("de"), G + "DEU");
    EXPECT_EQ(v.map_language("DE"), G + "DEU");
    EXPECT_EQ(v.map_language("de-DE"), G + "DEU");
    EXPECT_EQ(v.map_language("de_DE"), G + "DEU");
    EXPECT_EQ(v.map_language("ger"), G + "DEU");
    EXPECT_EQ(v.map_language("deu"), G + "DEU");
    EXPECT_EQ(v.map_language("Deutsch"), G + "DEU");
    EXPECT_EQ(v.map_language(G + "DEU"), G + "DEU");
    EXPECT_EQ(v.map_language(G + "GER"), G + "DEU");
    EXPECT_EQ(v.map_language("http://id.loc.gov/vocabulary/iso639-1/en"), G + "ENG");
    EXPECT_EQ(v.map_language("fre"), G + "FRA");
    EXPECT_EQ(v.map_language("dsb"), G + "DSB");
    EXPECT_FALSE(v.map_language("xx"));
    EXPECT_EQ(v.language_tag(G + "DEU"), "de");
    EXPECT_EQ(v.language_tag(G + "CAT"), "ca");
}

TEST(Vocab, SmallLists) {
    const auto& v = vocab();
    EXPECT_EQ(v.map_access_right("PUBLIC"), "http://publications.europa.eu/resource/authority/access-right/PUBLIC");
    EXPECT_EQ(v.map_access_right("https://publications.europa.eu/resource/authority/access-right/NON_PUBLIC"),
              "http://publications.europa.eu/resource/authority/access-right/NON_PUBLIC");
    EXPECT_EQ(v.map_availability("stable"),
              "http://publications.europa.eu/resource/authority/planned-availability/STABLE");
    EXPECT_EQ(v.map_distribution_status("http://purl.org/adms/status/Completed"),
              "http://publications.europa.eu/resource/authority/distribution-status/COMPLETED");
    EXPECT_EQ(v.map_geocoding_level("municipality"), "http://dcat-ap.de/def/politicalGeocoding/Level/municipality");
    EXPECT_FALSE(v.map_access_right("Statement about access rights"));
    // ArcGIS Hub's relative "access/PUBLIC", read against the feed's address
    EXPECT_EQ(v.map_access_right("https://hub.example.org/api/feed/access/PUBLIC"),
              "http://publications.europa.eu/resource/authority/access-right/PUBLIC");
    EXPECT_FALSE(v.map_access_right("https://hub.example.org/api/feed/access/Oeffentlich"));
}

TEST(Vocab, ListMembership) {
    const auto& v = vocab();
    EXPECT_TRUE(v.is_file_type(F + "CSV"));
    EXPECT_TRUE(v.is_file_type("https://publications.europa.eu/resource/authority/file-type/CSV/"));
    EXPECT_FALSE(v.is_file_type("CSV"));        // a code, not an IRI of the list
    EXPECT_FALSE(v.is_file_type(IANA + "text/csv"));  // maps to CSV, but is no file-type IRI
    EXPECT_FALSE(v.is_file_type(F + "NOPE"));
    EXPECT_TRUE(v.is_media_type(IANA + "text/csv"));
    EXPECT_TRUE(v.is_media_type("https://www.iana.org/assignments/media-types/application/json"));
    EXPECT_FALSE(v.is_media_type("text/csv"));
    EXPECT_FALSE(v.is_media_type(IANA + "text/nonsense"));
    const std::string A = "http://publications.europa.eu/resource/authority/access-right/";
    EXPECT_TRUE(v.is_access_right(A + "PUBLIC"));
    EXPECT_TRUE(v.is_access_right("https://publications.europa.eu/resource/authority/access-right/NON_PUBLIC"));
    EXPECT_FALSE(v.is_access_right("PUBLIC"));
    EXPECT_FALSE(v.is_access_right(A + "OPEN"));
}

// A value that already is a list's IRI is found by its exact text; the
// answer must be the one the folded key gives for the IRI's variants.
TEST(Vocab, ListIrisAreFoundAsTheyAreAndAsVariants) {
    const auto& v = vocab();
    // "https", an upper-case host, "www." and a trailing slash: the same key.
    const auto variant = [](const std::string& iri) {
        std::string rest = iri.substr(iri.find("://") + 3);
        if (rest.starts_with("www.")) rest.erase(0, 4);
        std::transform(rest.begin(), rest.begin() + static_cast<std::ptrdiff_t>(rest.find('/')), rest.begin(),
                       [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
        return "https://www." + rest + "/";
    };
    const std::string csv = F + "CSV";
    EXPECT_EQ(v.map_format(csv), csv);
    EXPECT_EQ(v.map_format(variant(csv)), csv);
    const std::string text_csv = IANA + "text/csv";
    EXPECT_EQ(v.map_media_type(text_csv), text_csv);
    EXPECT_EQ(v.map_media_type(variant(text_csv)), text_csv);
    const std::string gove = "http://publications.europa.eu/resource/authority/data-theme/GOVE";
    EXPECT_EQ(v.map_theme(gove), gove);
    EXPECT_EQ(v.map_theme(variant(gove)), gove);
    const std::string deu = "http://publications.europa.eu/resource/authority/language/DEU";
    EXPECT_EQ(v.map_language(deu), deu);
    EXPECT_EQ(v.map_language(variant(deu)), deu);
    const std::string annual = "http://publications.europa.eu/resource/authority/frequency/ANNUAL";
    EXPECT_EQ(v.map_frequency(annual), annual);
    EXPECT_EQ(v.map_frequency(variant(annual)), annual);
    const std::string dl_by = "http://dcat-ap.de/def/licenses/dl-by-de/2.0";
    EXPECT_EQ(v.map_licence(dl_by).iri, dl_by);
    EXPECT_TRUE(v.map_licence(dl_by).known);
    EXPECT_EQ(v.map_licence(variant(dl_by)).iri, dl_by);
    const std::string open = "http://publications.europa.eu/resource/authority/access-right/PUBLIC";
    EXPECT_EQ(v.map_access_right(open), open);
    EXPECT_EQ(v.map_access_right(variant(open)), open);
    EXPECT_TRUE(v.is_access_right(variant(open)));
    // An IRI of another list is not taken for one of this list.
    EXPECT_EQ(v.map_theme(csv), std::nullopt);
    EXPECT_FALSE(v.is_media_type(csv));
}

TEST(Vocab, MqaLicences) {
    const auto& v = vocab();
    EXPECT_TRUE(v.is_edp_licence(L + "dl-by-de/2.0"));              // a concept of the list
    EXPECT_TRUE(v.is_edp_licence("https://www.dcat-ap.de/def/licenses/dl-by-de/2.0/"));
    EXPECT_TRUE(v.is_edp_licence("http://europeandataportal.eu/ontologies/od-licenses#MIT"));
    EXPECT_TRUE(v.is_edp_licence("http://publications.europa.eu/resource/authority/licence/CC_BY_4_0"));
    EXPECT_TRUE(v.is_edp_licence(L + "cc-by/4.0"));                 // owl:sameAs of CC_BY_4_0
    EXPECT_TRUE(v.is_edp_licence("https://www.govdata.de/dl-de/by-2-0"));  // skos:exactMatch
    EXPECT_TRUE(v.is_edp_licence("https://creativecommons.org/licenses/by-sa/3.0/nl/legalcode"));
    EXPECT_TRUE(v.is_edp_licence("http://publications.europa.eu/resource/authority/licence/CC0"));  // <rdf:Descirption>
    EXPECT_FALSE(v.is_edp_licence(L + "other-closed"));
    EXPECT_FALSE(v.is_edp_licence("https://example.org/licence"));
    EXPECT_FALSE(v.is_edp_licence("MIT"));
}

TEST(Vocab, MqaFormatLists) {
    const auto& v = vocab();
    EXPECT_TRUE(v.is_non_proprietary_format(F + "CSV"));
    EXPECT_TRUE(v.is_non_proprietary_format("https://publications.europa.eu/resource/authority/file-type/ODS"));
    EXPECT_FALSE(v.is_non_proprietary_format(F + "XLSX"));
    EXPECT_FALSE(v.is_non_proprietary_format(F + "PDF"));
    EXPECT_TRUE(v.is_machine_readable_format(F + "CSV"));
    EXPECT_TRUE(v.is_machine_readable_format(F + "XLSX"));
    EXPECT_FALSE(v.is_machine_readable_format(F + "PDF"));
    EXPECT_FALSE(v.is_machine_readable_format(F + "HTML"));  // non-proprietary, but not machine-readable
    EXPECT_TRUE(v.is_non_proprietary_format(F + "HTML"));
    EXPECT_EQ(v.media_type_for_format(F + "CSV"), IANA + "text/csv");
    EXPECT_EQ(v.media_type_for_format(F + "JSON"), IANA + "application/json");
    EXPECT_FALSE(v.media_type_for_format(F + "WMS_SRVC"));  // no media type in the file-type list
}

TEST(Vocab, Contributors) {
    const auto& v = vocab();
    const std::string berlin = "http://dcat-ap.de/def/contributors/berlinOpenData";
    EXPECT_TRUE(v.is_contributor_id(berlin));
    EXPECT_TRUE(v.is_contributor_id("https://www.dcat-ap.de/def/contributors/berlinOpenData/"));
    EXPECT_FALSE(v.is_contributor_id("berlinOpenData"));  // a bare id is not an IRI
    EXPECT_FALSE(v.is_contributor_id("http://dcat-ap.de/def/contributors/nowhere"));
    EXPECT_EQ(v.map_contributor_id("berlinOpenData"), berlin);
    EXPECT_EQ(v.map_contributor_id("https://dcat-ap.de/def/contributors/berlinOpenData"), berlin);
    EXPECT_FALSE(v.map_contributor_id("nowhere"));
}

TEST(Vocab, FingerprintIsStableAndFollowsTheFiles) {
    EXPECT_EQ(vocab().fingerprint().size(), 32u);
    EXPECT_EQ(Vocabularies::load(vocab_dir).fingerprint(), vocab().fingerprint());
}

TEST_F(BrokenVocabulary, FingerprintChangesWhenAListChanges) {
    const std::string before = Vocabularies::load(m_dir).fingerprint();
    write("iana-media-types.csv", read("iana-media-types.csv") + "http://www.iana.org/assignments/media-types/text/x-new,text/x-new\n");
    const Vocabularies changed = Vocabularies::load(m_dir);
    EXPECT_NE(changed.fingerprint(), before);
    EXPECT_EQ(changed.map_media_type("text/x-new"), IANA + "text/x-new");
}

TEST_F(BrokenVocabulary, MqaListsAreNotInTheFingerprint) {
    const std::string before = Vocabularies::load(m_dir).fingerprint();
    write("edp-machine-readable-format.rdf",
          R"(<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:edp="https://europeandataportal.eu/voc#">)"
          R"(<rdf:Description rdf:about="http://publications.europa.eu/resource/authority/file-type/PDF">)"
          R"(<edp:isMachineReadable>true</edp:isMachineReadable></rdf:Description></rdf:RDF>)");
    const Vocabularies changed = Vocabularies::load(m_dir);
    EXPECT_EQ(changed.fingerprint(), before);  // the normalizer does not use the MQA lists
    EXPECT_TRUE(changed.is_machine_readable_format(F + "PDF"));
    EXPECT_FALSE(changed.is_machine_readable_format(F + "CSV"));
    EXPECT_EQ(changed.counts().machine_readable_formats, 1u);
}

TEST_F(BrokenVocabulary, MqaFormatListWithAnUnknownFileTypeIsAnError) {
    write("edp-non-proprietary-format.rdf",
          R"(<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:edp="https://europeandataportal.eu/voc#">)"
          R"(<rdf:Description rdf:about="http://publications.europa.eu/resource/authority/file-type/NOPE">)"
          R"(<edp:isNonProprietary>true</edp:isNonProprietary></rdf:Description></rdf:RDF>)");
    EXPECT_EQ(load_error(), "edp-non-proprietary-format.rdf: "
                            "http://publications.europa.eu/resource/authority/file-type/NOPE is not an EU file type "
                            "of eu-file-type.rdf");
}

TEST_F(BrokenVocabulary, MissingMqaListNamesTheFile) {
    std::filesystem::remove(m_dir / "edp-licences-skos.rdf");
    EXPECT_EQ(load_error().rfind("edp-licences-skos.rdf: cannot open", 0), 0u) << load_error();
}

TEST_F(BrokenVocabulary, MalformedXmlNamesTheFile) {
    write("eu-data-theme.rdf", "<?xml version=\"1.0\"?><rdf:RDF xmlns:rdf=\"x\"><unclosed>");
    EXPECT_NE(load_error().find("eu-data-theme.rdf: XML parse error"), std::string::npos) << load_error();
}

TEST_F(BrokenVocabulary, FileWithoutConceptsNamesTheFile) {
    write("eu-frequency.rdf",
          "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"></rdf:RDF>");
    EXPECT_EQ(load_error(), "eu-frequency.rdf: no skos:Concept found");
}

TEST_F(BrokenVocabulary, MissingFileNamesTheFile) {
    std::filesystem::remove(m_dir / "dcat-ap-de-licenses.rdf");
    EXPECT_EQ(load_error().rfind("dcat-ap-de-licenses.rdf: cannot open", 0), 0u) << load_error();
}

TEST_F(BrokenVocabulary, MalformedTurtleNamesFileAndLine) {
    write("eu-small-lists.ttl", "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n<a> skos:notation \"x\n");
    const std::string error = load_error();
    EXPECT_EQ(error.rfind("eu-small-lists.ttl: Turtle syntax error at line 2", 0), 0u) << error;
}

TEST_F(BrokenVocabulary, MalformedJsonNamesTheFile) {
    write("ckan-to-dcatde-licence-mapping.json", "{\"list\": [");
    EXPECT_EQ(load_error().rfind("ckan-to-dcatde-licence-mapping.json: JSON parse error at offset", 0), 0u)
        << load_error();
}

TEST_F(BrokenVocabulary, MappingToAnUnknownLicenceIsAnError) {
    write("ckan-to-dcatde-licence-mapping.json",
          R"({"list": [{"URI": "http://dcat-ap.de/def/licenses/made-up", "OGDLizenzcode": "x"}]})");
    EXPECT_EQ(load_error(),
              "ckan-to-dcatde-licence-mapping.json: list[0]: http://dcat-ap.de/def/licenses/made-up is not in "
              "dcat-ap-de-licenses.rdf");
}

TEST_F(BrokenVocabulary, AliasToAnIriOutsideItsListIsAnError) {
    write("vocab-aliases.json", R"({"format": {"tabelle": "http://publications.europa.eu/resource/authority/file-type/NOPE"}})");
    EXPECT_EQ(load_error(),
              "vocab-aliases.json: format: \"tabelle\" maps to "
              "http://publications.europa.eu/resource/authority/file-type/NOPE, which is not in the vocabulary");
}

TEST_F(BrokenVocabulary, ShortCsvLineNamesTheLine) {
    write("language-codes.csv", "eu_code,iso_639_1,iso_639_2b\nDEU,de\n");
    EXPECT_EQ(load_error(), "language-codes.csv: line 2: expected 3 comma-separated fields, found 2");
}

TEST_F(BrokenVocabulary, AnOfficeCanAddAnAlias) {
    write("vocab-aliases.json",
          R"({"licence": {"Namensnennung nach DL-DE 2": "http://dcat-ap.de/def/licenses/dl-by-de/2.0"}})");
    const Vocabularies v = Vocabularies::load(m_dir);
    EXPECT_EQ(v.map_licence("Namensnennung nach DL-DE 2").iri, L + "dl-by-de/2.0");
}

// The licence strings of 1428 real Open.NRW records (Musterdatenkatalog): every
// value that unambiguously names a licence of the dcat-ap.de list must map.
TEST(Vocab, OpenNrwLicenceTable) {
    const std::map<std::string, std::string> expected{
        {"http://dcat-ap.de/def/licenses/dl-zero-de/2_0", L + "dl-zero-de/2.0"},
        {"Datenlizenz Deutschland Namensnennung 2.0", L + "dl-by-de/2.0"},
        {"http://dcat-ap.de/def/licenses/cc-zero", L + "cc-zero"},
        {"Datenlizenz Deutschland – Zero – Version 2.0", L + "dl-zero-de/2.0"},
        {"Creative Commons Namensnennung (CC-BY)", L + "cc-by"},
        {"http://dcat-ap.de/def/licenses/dl-by-de/2.0", L + "dl-by-de/2.0"},
        {"https://www.govdata.de/dl-de/zero-2-0", L + "dl-zero-de/2.0"},
        {"http://dcat-ap.de/def/licenses/cc-by", L + "cc-by"},
        {"Creative Commons CC Zero License (cc-zero)", L + "cc-zero"},
        {"https://www.govdata.de/dl-de/by-2-0", L + "dl-by-de/2.0"},
        {"cc-by-nc", L + "cc-by-nc"},
        {"http://dcat-ap.de/def/licenses/odbl", L + "odbl"},
        {"http://dcat-ap.de/def/licenses/dl-zero-de/2.0", L + "dl-zero-de/2.0"},
        {"Open Data Commons Open Database License (ODbL)", L + "odbl"},
        {"http://dcat-ap.de/def/licenses/ccpdm/1.0", L + "ccpdm/1.0"},
        {"http://dcat-ap.de/def/licenses/dl-by-de/2_0", L + "dl-by-de/2.0"},
        {"http://dcat-ap.de/def/licenses/cc-by/4_0", L + "cc-by/4.0"},
        // not unambiguous, reported as unknown:
        {"other-at", ""},                                 // CKAN "Other (Attribution)": no such licence in the list
        {"cc-by3", ""},                                   // CC BY 3.0 unported (not in the list) or 3.0 DE?
        {"https://www.openstreetmap.org/copyright", ""},  // a copyright page, not a licence
        {"notspecified", ""},                             // CKAN "License not specified"
        {"CC BY-NC-SA 4.0", ""},                          // not in the dcat-ap.de list
    };
    std::ifstream in(std::filesystem::path(ERNTE_TEST_DATA) / "ckan" / "open-nrw-licences.tsv");
    ASSERT_TRUE(in);
    std::size_t records = 0, mapped_records = 0, values = 0, mapped_values = 0, empty_records = 0;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        const auto tab = line.find('\t');
        ASSERT_NE(tab, std::string::npos) << line;
        const std::size_t count = std::stoul(line.substr(0, tab));
        const std::string value = line.substr(tab + 1);
        if (value.empty()) {
            empty_records += count;
            continue;
        }
        const auto it = expected.find(value);
        ASSERT_NE(it, expected.end()) << "no expectation for \"" << value << "\"";
        const LicenceMatch match = vocab().map_licence(value);
        EXPECT_EQ(match.known ? match.iri : "", it->second) << value;
        records += count;
        ++values;
        if (match.known) {
            mapped_records += count;
            ++mapped_values;
        }
    }
    // Coverage: 17 of 22 distinct non-empty values, 1369 of 1376 records with a licence (52 have none).
    EXPECT_EQ(values, 22u);
    EXPECT_EQ(mapped_values, 17u);
    EXPECT_EQ(records, 1376u);
    EXPECT_EQ(mapped_records, 1369u);
    EXPECT_EQ(empty_records, 52u);
    RecordProperty("licence_values_mapped", std::to_string(mapped_values) + "/" + std::to_string(values));
    RecordProperty("licence_records_mapped", std::to_string(mapped_records) + "/" + std::to_string(records));
}
