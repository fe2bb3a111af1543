#include "catalog/normalize.hpp"

#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

using namespace ernte::catalog;
using namespace ernte::model;

namespace {

const std::string L = "http://dcat-ap.de/def/licenses/";
const std::string T = "http://publications.europa.eu/resource/authority/data-theme/";
const std::string F = "http://publications.europa.eu/resource/authority/file-type/";
const std::string Q = "http://publications.europa.eu/resource/authority/frequency/";
const std::string G = "http://publications.europa.eu/resource/authority/language/";
const std::string IANA = "http://www.iana.org/assignments/media-types/";
const std::string C = "http://dcat-ap.de/def/contributors/";
const std::string portal = "https://www.offenesdatenportal.de";

const std::filesystem::path data_dir = std::filesystem::path(ERNTE_TEST_DATA) / "ckan";

const Vocabularies& vocab() {
    static const Vocabularies loaded =
        Vocabularies::load(std::filesystem::path(ERNTE_SOURCE_DIR) / "schemas" / "vocab");
    return loaded;
}

NormalizeContext context() { return {"moers", portal + "/", {C + "openNRW"}}; }

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

NormalizeResult normalize_json(const std::string& json, const NormalizeContext& ctx = context()) {
    rapidjson::Document doc;
    doc.Parse(json.c_str());
    EXPECT_FALSE(doc.HasParseError()) << json;
    return normalize_ckan_package(doc, vocab(), ctx);
}

/// Normalize inline JSON that must become a dataset.
Dataset normalize(const std::string& json, const NormalizeContext& ctx = context()) {
    NormalizeResult result = normalize_json(json, ctx);
    EXPECT_TRUE(result.dataset.has_value()) << result.error;
    return result.dataset.value_or(Dataset{});
}

/// A package with id and name plus the given members ("\"title\": \"x\"").
Dataset package(const std::string& members) {
    return normalize(R"({"id": "p1", "name": "p-one")" + std::string(members.empty() ? "" : ", ") + members + "}");
}

/// The package's only distribution, from resource members.
Distribution resource(const std::string& members, const std::string& package_members = "") {
    const Dataset d = package((package_members.empty() ? "" : package_members + ", ") +
                              R"("resources": [{"id": "r1", )" + members + "}]");
    EXPECT_EQ(d.distributions.size(), 1u);
    return d.distributions.empty() ? Distribution{} : d.distributions.front();
}

std::vector<Note> notes_for(const Dataset& d, const std::string& field) {
    std::vector<Note> out;
    for (const auto& n : d.notes) {
        if (n.field == field) out.push_back(n);
    }
    return out;
}

bool has_note(const Dataset& d, const std::string& field, const std::string& original) {
    const auto notes = notes_for(d, field);
    return std::any_of(notes.begin(), notes.end(), [&](const Note& n) { return n.original == original; });
}

const ExtraProperty* find_extra(const std::vector<ExtraProperty>& extra, const std::string& predicate) {
    const auto it = std::find_if(extra.begin(), extra.end(),
                                 [&](const ExtraProperty& p) { return p.predicate == predicate; });
    return it == extra.end() ? nullptr : &*it;
}

/// A package dict from a fixture: the file itself, a package_show envelope, or the first of a list.
Dataset normalize_fixture(const std::string& name, const NormalizeContext& ctx = context()) {
    rapidjson::Document doc;
    const std::string json = read_file(data_dir / name);
    doc.Parse(json.c_str());
    EXPECT_FALSE(doc.HasParseError()) << name;
    const rapidjson::Value* package = &doc;
    if (doc.IsObject() && doc.HasMember("result")) package = &doc["result"];
    if (package->IsArray()) package = &(*package)[0];
    NormalizeResult result = normalize_ckan_package(*package, vocab(), ctx);
    EXPECT_TRUE(result.dataset.has_value()) << name << ": " << result.error;
    return result.dataset.value_or(Dataset{});
}

std::string pretty(const std::string& json) {
    rapidjson::Document doc;
    doc.Parse(json.c_str());
    rapidjson::StringBuffer buffer;
    rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);
    writer.SetIndent(' ', 2);
    doc.Accept(writer);
    return std::string(buffer.GetString()) + "\n";
}

}  // namespace

// ---------------------------------------------------------------- errors

TEST(Normalize, PackageThatIsNotAnObjectIsAnError) {
    const NormalizeResult result = normalize_json("[1, 2]");
    EXPECT_FALSE(result.dataset);
    EXPECT_EQ(result.error, "package is a list, not a JSON object");
    EXPECT_EQ(normalize_json("\"x\"").error, "package is text, not a JSON object");
}

TEST(Normalize, PackageWithoutIdAndNameIsAnError) {
    const NormalizeResult result = normalize_json(R"({"title": "Bäume", "id": "", "name": null})");
    EXPECT_FALSE(result.dataset);
    EXPECT_EQ(result.error, "package has neither an id nor a name");
}

TEST(Normalize, PackageWhoseIdIsNotTextNeedsAName) {
    EXPECT_EQ(normalize_json(R"({"id": {"uuid": "abc"}})").error, "package has neither an id nor a name");
    const Dataset d = normalize(R"({"id": {"uuid": "abc"}, "name": "baeume"})");
    EXPECT_EQ(d.source_id, "baeume");
    EXPECT_EQ(notes_for(d, "source_id").size(), 1u);
}

TEST(Normalize, PackageWithoutTitleIsStillADataset) {
    const Dataset d = normalize(R"({"id": "abc"})");
    EXPECT_TRUE(d.title.empty());
    EXPECT_EQ(d.source_id, "abc");
    EXPECT_EQ(d.iri, portal + "/dataset/abc");
}

// ---------------------------------------------------------------- identity

TEST(Normalize, IdentityFromPortalUrlAndId) {
    const Dataset d = package(R"("title": "Bäume")");
    EXPECT_EQ(d.iri, portal + "/dataset/p1");
    EXPECT_EQ(d.identifier, "p1");
    EXPECT_EQ(d.source_id, "p1");
    EXPECT_EQ(d.name, "p-one");
}

TEST(Normalize, IdentityFromUriAndIdentifierExtras) {
    const Dataset d = package(R"("extras": [{"key": "uri", "value": "https://daten.moers.de/id/42"},
                                            {"key": "identifier", "value": "moers-42"},
                                            {"key": "guid", "value": "g-1"}])");
    EXPECT_EQ(d.iri, "https://daten.moers.de/id/42");
    EXPECT_EQ(d.identifier, "moers-42");
    EXPECT_EQ(find_extra(d.extra, "urn:ckan:extra:guid")->object.value, "g-1");  // not used: kept
}

TEST(Normalize, IdentifierFallsBackToGuid) {
    EXPECT_EQ(package(R"("extras": [{"key": "guid", "value": "g-1"}])").identifier, "g-1");
}

TEST(Normalize, RelativeUriIsNotTheDatasetIri) {
    const Dataset d = package(R"("extras": [{"key": "uri", "value": "/id/42"}])");
    EXPECT_EQ(d.iri, portal + "/dataset/p1");
    EXPECT_TRUE(has_note(d, "iri", "/id/42"));
}

TEST(Normalize, NameOnlyPackageUsesTheNameAsSourceId) {
    const Dataset d = normalize(R"({"name": "baeume"})");
    EXPECT_EQ(d.source_id, "baeume");
    EXPECT_EQ(d.iri, portal + "/dataset/baeume");
}

TEST(Normalize, NumericIdIsText) {
    const Dataset d = normalize(R"({"id": 4711})");
    EXPECT_EQ(d.source_id, "4711");
}

TEST(Normalize, DatasetSeriesType) {
    EXPECT_EQ(package(R"("type": "dataset_series")").type, ResourceType::dataset_series);
    EXPECT_EQ(package(R"("type": "datensatz")").type, ResourceType::dataset);
}

// ---------------------------------------------------------------- texts

TEST(Normalize, TitleAndDescriptionInGermanByDefault) {
    const Dataset d = package(R"("title": "  Bäume in Moers ", "notes": "Alle Bäume.")");
    ASSERT_EQ(d.title.size(), 1u);
    EXPECT_EQ(d.title[0], (LangString{"Bäume in Moers", "de"}));
    EXPECT_EQ(d.description[0], (LangString{"Alle Bäume.", "de"}));
    EXPECT_TRUE(d.description_original.empty());
}

TEST(Normalize, HtmlDescriptionBecomesTextAndTheOriginalIsKept) {
    const Dataset d = package(R"("notes": "<p>Alle <b>B&auml;ume</b> der Stadt.</p><p>Stand:&nbsp;2024</p>")");
    EXPECT_EQ(d.description[0].value, "Alle Bäume der Stadt.\nStand: 2024");
    EXPECT_EQ(d.description_original, "<p>Alle <b>B&auml;ume</b> der Stadt.</p><p>Stand:&nbsp;2024</p>");
}

TEST(Normalize, MarkdownDescriptionBecomesText) {
    const Dataset d = package(R"("notes": "## Bäume\n\nSiehe [Baumkataster](https://moers.de/baum) und **alle** Daten.")");
    EXPECT_EQ(d.description[0].value, "Bäume\nSiehe Baumkataster (https://moers.de/baum) und alle Daten.");
    EXPECT_FALSE(d.description_original.empty());
}

TEST(Normalize, PlainTextKeepsItsLineBreaks) {
    const Dataset d = package(R"("notes": "Zeile 1\r\nZeile 2\n")");
    EXPECT_EQ(d.description[0].value, "Zeile 1\nZeile 2");
    EXPECT_TRUE(d.description_original.empty());
}

TEST(Normalize, LanguageOfThePackageTagsTheTexts) {
    const Dataset d = package(R"("title": "Trees", "language": "en")");
    EXPECT_EQ(d.title[0].lang, "en");
    EXPECT_EQ(d.languages, (std::vector<std::string>{G + "ENG"}));
    // German among several: texts stay German
    EXPECT_EQ(package(R"("title": "Bäume", "language": ["en", "de"])").title[0].lang, "de");
}

TEST(Normalize, MultilingualTitlesBecomeOneLangStringPerLanguage) {
    const Dataset d = package(R"("title": "Bäume", "title_translated": {"de": "Bäume", "en": "Trees"},
                                 "notes_translated": {"de": "Alle", "EN": "All"})");
    EXPECT_EQ(d.title, (std::vector<LangString>{{"Bäume", "de"}, {"Trees", "en"}}));
    EXPECT_EQ(d.description, (std::vector<LangString>{{"Alle", "de"}, {"All", "en"}}));
}

TEST(Normalize, WrongTypedTitleIsANote) {
    const Dataset d = package(R"("title": {"x": [1]})");
    EXPECT_TRUE(d.title.empty());
    EXPECT_EQ(notes_for(d, "title").size(), 1u);
    const Dataset numbers = package(R"("title": 2024)");
    EXPECT_EQ(numbers.title[0].value, "2024");
}

// ---------------------------------------------------------------- keywords

TEST(Normalize, KeywordsFromTagObjectsAndStringsTrimmedAndDeduplicated) {
    const Dataset d = package(R"("tags": [{"name": "Umwelt "}, "Bäume", {"display_name": "umwelt"}, {"name": ""},
                                          null, {"name": "Verkehr"}])");
    EXPECT_EQ(d.keywords, (std::vector<LangString>{{"Umwelt", "de"}, {"Bäume", "de"}, {"Verkehr", "de"}}));
}

TEST(Normalize, KeywordsAsACommaSeparatedString) {
    const Dataset d = package(R"("tags": "Umwelt, Bäume")");
    EXPECT_EQ(d.keywords, (std::vector<LangString>{{"Umwelt", "de"}, {"Bäume", "de"}}));
}

TEST(Normalize, KeywordsAreCappedWithANote) {
    std::string tags = "\"tags\": [";
    for (int i = 0; i < 1200; ++i) tags += (i ? ",\"t" : "\"t") + std::to_string(i) + "\"";
    tags += "]";
    const Dataset d = package(tags);
    EXPECT_EQ(d.keywords.size(), max_keywords);
    ASSERT_EQ(notes_for(d, "keywords").size(), 1u);
    EXPECT_EQ(notes_for(d, "keywords")[0].message, "200 more keywords dropped; at most 1000 are kept");
}

// ---------------------------------------------------------------- themes

TEST(Normalize, ThemesFromGroupsExtrasAndEveryNotation) {
    const Dataset d = package(R"("groups": [{"name": "econ", "title": "Wirtschaft"}, "verwaltung",
                                            {"name": "x-1", "title": "Umwelt"}, {"name": "datasets"}],
                                 "extras": [{"key": "theme", "value": "[\"http://publications.europa.eu/resource/authority/data-theme/HEAL\", \"TRAN\"]"},
                                            {"key": "dcat_theme", "value": "Wirtschaft und Finanzen"}])");
    EXPECT_EQ(d.themes, (std::vector<std::string>{T + "ECON", T + "GOVE", T + "ENVI", T + "HEAL", T + "TRAN"}));
    EXPECT_EQ(d.themes_original, (std::vector<std::string>{"datasets"}));
    EXPECT_TRUE(has_note(d, "themes", "datasets"));
}

TEST(Normalize, OldOgdCategoryWithTwoThemes) {
    const Dataset d = package(R"("groups": ["bildung_wissenschaft", "geo"])");
    EXPECT_EQ(d.themes, (std::vector<std::string>{T + "EDUC", T + "TECH"}));
    EXPECT_EQ(d.themes_original, (std::vector<std::string>{"geo"}));
}

TEST(Normalize, ThemeAsAListAtTheTopLevel) {
    const Dataset d = package(R"("theme": ["http://publications.europa.eu/resource/authority/data-theme/AGRI"])");
    EXPECT_EQ(d.themes, (std::vector<std::string>{T + "AGRI"}));
}

TEST(Normalize, GroupsOfTheWrongTypeAreANote) {
    const Dataset d = package(R"("groups": {"name": "econ"})");
    EXPECT_TRUE(d.themes.empty());
    EXPECT_EQ(notes_for(d, "themes").size(), 1u);
}

// ---------------------------------------------------------------- agents

TEST(Normalize, PublisherFromOrganization) {
    const Dataset d = package(R"("organization": {"id": "o1", "name": "stadt-moers", "title": "Stadt Moers",
                                                  "image_url": "https://moers.de/logo.png"})");
    EXPECT_EQ(d.publisher.name, "Stadt Moers");
    EXPECT_TRUE(d.publisher.homepage.empty());
    EXPECT_TRUE(d.publisher.iri.empty());
}

TEST(Normalize, PublisherExtrasWinOverTheOrganization) {
    const Dataset d = package(R"("organization": {"title": "Open Data Moers"},
                                 "extras": [{"key": "publisher_name", "value": "Stadt Moers"},
                                            {"key": "publisher_url", "value": "https://www.moers.de"},
                                            {"key": "publisher_email", "value": "mailto:info@moers.de"},
                                            {"key": "publisher_uri", "value": "https://www.moers.de/#org"}])");
    EXPECT_EQ(d.publisher, (Agent{"https://www.moers.de/#org", "Stadt Moers", "info@moers.de", "https://www.moers.de", ""}));
}

TEST(Normalize, PublisherUriThatIsNotHttpIsABlankNode) {
    const Dataset d = package(R"("extras": [{"key": "publisher_name", "value": "Stadt Moers"},
                                            {"key": "publisher_uri", "value": "urn:org:moers"}])");
    EXPECT_TRUE(d.publisher.iri.empty());
    EXPECT_TRUE(has_note(d, "publisher", "urn:org:moers"));
}

TEST(Normalize, DcatPublisherExtras) {
    const Dataset d = package(R"("extras": [{"key": "dcat_publisher_name", "value": "Geological Society"},
                                            {"key": "dcat_publisher_email", "value": "info@gs.org"}])");
    EXPECT_EQ(d.publisher.name, "Geological Society");
    EXPECT_EQ(d.publisher.email, "info@gs.org");
}

TEST(Normalize, ContactPointFromContactExtras) {
    const Dataset d = package(R"("maintainer": "Frau Muster", "maintainer_email": "muster@moers.de",
                                 "extras": [{"key": "contact_name", "value": "Open Data Team"},
                                            {"key": "contact_email", "value": "opendata@moers.de"},
                                            {"key": "contact_uri", "value": "https://moers.de/kontakt"}])");
    ASSERT_EQ(d.contact_points.size(), 1u);
    EXPECT_EQ(d.contact_points[0].name, "Open Data Team");
    EXPECT_EQ(d.contact_points[0].email, "opendata@moers.de");
    EXPECT_EQ(d.contact_points[0].iri, "https://moers.de/kontakt");
    ASSERT_EQ(d.maintainers.size(), 1u);
    EXPECT_EQ(d.maintainers[0].name, "Frau Muster");
}

TEST(Normalize, MaintainerIsTheContactPointWhenNoneIsGiven) {
    const Dataset d = package(R"("maintainer": "Frau Muster", "maintainer_email": "muster@moers.de",
                                 "extras": [{"key": "maintainer_url", "value": "https://moers.de/form"}])");
    ASSERT_EQ(d.contact_points.size(), 1u);
    EXPECT_EQ(d.contact_points[0].name, "Frau Muster");
    EXPECT_EQ(d.contact_points[0].email, "muster@moers.de");
    EXPECT_EQ(d.contact_points[0].url, "https://moers.de/form");
}

TEST(Normalize, CreatorsFromAuthorAndOriginatorFromDcatdeExtras) {
    const Dataset d = package(R"("author": "Amt 61", "author_email": "amt61@moers.de",
                                 "extras": [{"key": "author_url", "value": "https://moers.de/amt61"},
                                            {"key": "originator", "value": "Katasteramt"},
                                            {"key": "originator_email", "value": "kataster@kreis-wesel.de"}])");
    ASSERT_EQ(d.creators.size(), 1u);
    EXPECT_EQ(d.creators[0], (Agent{"", "Amt 61", "amt61@moers.de", "https://moers.de/amt61", ""}));
    ASSERT_EQ(d.originators.size(), 1u);
    EXPECT_EQ(d.originators[0].email, "kataster@kreis-wesel.de");
}

TEST(Normalize, SchemingListsOfAgents) {
    const Dataset d = package(R"("publisher": [{"name": "P", "email": "p@x.de", "url": "https://x.de",
                                                "type": "http://purl.org/adms/publishertype/LocalAuthority"}],
                                 "contact": [{"name": "C1", "email": "c1@x.de"}, {"name": "C2", "email": "c2@x.de"}],
                                 "creator": [{"name": "Cr", "identifier": "https://x.de/cr"}])");
    EXPECT_EQ(d.publisher.type_iri, "http://purl.org/adms/publishertype/LocalAuthority");
    EXPECT_EQ(d.contact_points.size(), 2u);
    EXPECT_EQ(d.creators[0].iri, "https://x.de/cr");
}

// ---------------------------------------------------------------- licences

TEST(Normalize, DatasetLicenceFromCkanIdAndInheritedByDistributions) {
    const Dataset d = package(R"("license_id": "dl-de-by-2.0", "license_title": "Datenlizenz Deutschland Namensnennung 2.0",
                                 "resources": [{"id": "r1", "url": "https://x.de/a.csv"},
                                               {"id": "r2", "url": "https://x.de/b.csv", "license": "cc-zero"}])");
    EXPECT_EQ(d.licence, (Licence{L + "dl-by-de/2.0", "dl-de-by-2.0", true}));
    EXPECT_EQ(d.distributions[0].licence, d.licence);
    EXPECT_TRUE(d.distributions[0].licence_inherited);
    EXPECT_EQ(d.distributions[1].licence, (Licence{L + "cc-zero", "cc-zero", true}));
    EXPECT_FALSE(d.distributions[1].licence_inherited);
}

TEST(Normalize, LicenceFromTitleWhenTheIdIsUnknown) {
    const Dataset d = package(R"("license_id": "other-dl", "license_title": "Datenlizenz Deutschland – Zero – Version 2.0")");
    EXPECT_EQ(d.licence, (Licence{L + "dl-zero-de/2.0", "Datenlizenz Deutschland – Zero – Version 2.0", true}));
    EXPECT_TRUE(has_note(d, "licence", "other-dl"));
}

TEST(Normalize, UnknownLicenceKeepsTheOriginalAndAddsANote) {
    const Dataset d = package(R"("license_id": "notspecified", "license_title": "Lizenz nicht angegeben",
                                 "resources": [{"id": "r1", "license": "https://example.org/eigene-lizenz"}])");
    EXPECT_EQ(d.licence, (Licence{"", "notspecified", false}));
    EXPECT_TRUE(has_note(d, "licence", "notspecified"));
    EXPECT_EQ(d.distributions[0].licence, (Licence{"https://example.org/eigene-lizenz", "https://example.org/eigene-lizenz", false}));
    EXPECT_TRUE(has_note(d, "distribution[0].licence", "https://example.org/eigene-lizenz"));
}

TEST(Normalize, LicenceAttributionTextGoesToDatasetAndDistributions) {
    const Dataset d = package(R"("license_id": "dl-by-de/2.0",
                                 "extras": [{"key": "licenseAttributionByText", "value": "Stadt Moers, 2024"}],
                                 "resources": [{"id": "r1"}])");
    EXPECT_EQ(d.licence_attribution, "Stadt Moers, 2024");
    EXPECT_EQ(d.distributions[0].licence_attribution, "Stadt Moers, 2024");
}

// ---------------------------------------------------------------- dcatde extras

TEST(Normalize, ContributorIdAsJsonInAString) {
    const Dataset d = package(R"("extras": [{"key": "contributorID", "value": "[\"http://dcat-ap.de/def/contributors/stadtOldenburg\"]"}])");
    EXPECT_EQ(d.contributor_ids, (std::vector<std::string>{C + "stadtOldenburg"}));
    EXPECT_TRUE(d.notes.empty());
}

TEST(Normalize, ContributorIdAsPlainStringListAndBareId) {
    EXPECT_EQ(package(R"("extras": [{"key": "contributorID", "value": "http://dcat-ap.de/def/contributors/stadtOldenburg"}])")
                  .contributor_ids,
              (std::vector<std::string>{C + "stadtOldenburg"}));
    const Dataset bare = package(R"("contributorID": ["stadtOldenburg"])");
    EXPECT_EQ(bare.contributor_ids, (std::vector<std::string>{C + "stadtOldenburg"}));
    EXPECT_TRUE(has_note(bare, "contributor_ids", "stadtOldenburg"));
    const Dataset variant = package(R"("contributorID": "https://www.dcat-ap.de/def/contributors/stadtOldenburg/")");
    EXPECT_EQ(variant.contributor_ids, (std::vector<std::string>{C + "stadtOldenburg"}));
}

TEST(Normalize, UnknownContributorIds) {
    const Dataset d = package(R"("contributorID": ["http://dcat-ap.de/def/contributors/nirgendwo", "nirgendwo"])");
    EXPECT_EQ(d.contributor_ids, (std::vector<std::string>{C + "nirgendwo"}));
    EXPECT_TRUE(has_note(d, "contributor_ids", "http://dcat-ap.de/def/contributors/nirgendwo"));
    EXPECT_TRUE(has_note(d, "contributor_ids", "nirgendwo"));
}

TEST(Normalize, DefaultContributorIdWhenThePackageHasNone) {
    EXPECT_EQ(package("").contributor_ids, (std::vector<std::string>{C + "openNRW"}));
    NormalizeContext none = context();
    none.default_contributor_ids.clear();
    EXPECT_TRUE(normalize(R"({"id": "x"})", none).contributor_ids.empty());
}

TEST(Normalize, PoliticalGeocodingIsMirroredIntoSpatial) {
    const std::string moers = "http://dcat-ap.de/def/politicalGeocoding/municipalityKey/051700024024";
    const Dataset d = package(R"("extras": [{"key": "politicalGeocodingURI", "value": "[\")" + moers + R"(\"]"},
                                            {"key": "politicalGeocodingLevelURI", "value": "http://dcat-ap.de/def/politicalGeocoding/Level/municipality"},
                                            {"key": "geocodingText", "value": "Moers"}])");
    EXPECT_EQ(d.political_geocoding_uris, (std::vector<std::string>{moers}));
    EXPECT_EQ(d.spatial, (std::vector<std::string>{moers}));
    EXPECT_EQ(d.political_geocoding_level, "http://dcat-ap.de/def/politicalGeocoding/Level/municipality");
    EXPECT_EQ(d.geocoding_text, "Moers");
}

TEST(Normalize, SingleValuesInJsonListsAreUnwrapped) {
    const Dataset d = package(R"("extras": [{"key": "politicalGeocodingLevelURI", "value": "[\"municipality\"]"},
                                            {"key": "frequency", "value": "[\"MONTHLY\"]"}])");
    EXPECT_EQ(d.political_geocoding_level, "http://dcat-ap.de/def/politicalGeocoding/Level/municipality");
    EXPECT_EQ(d.frequency, Q + "MONTHLY");
}

TEST(Normalize, LegalBasisAndQualityProcess) {
    const Dataset d = package(R"("extras": [{"key": "legalbasisText", "value": "§ 12 EGovG NRW"},
                                            {"key": "qualityProcessURI", "value": "https://moers.de/qualitaet"}])");
    EXPECT_EQ(d.legal_basis, "§ 12 EGovG NRW");
    EXPECT_EQ(d.quality_process, "https://moers.de/qualitaet");
}

TEST(Normalize, TemporalCoverageFromExtrasAndSchemingList) {
    const Dataset d = package(R"("extras": [{"key": "temporal_start", "value": "01.01.2020"},
                                            {"key": "temporal_end", "value": "2020-12-31T00:00"}],
                                 "temporal_coverage": [{"start": "2021-01-01"}, {"start": "", "end": null}])");
    EXPECT_EQ(d.temporal, (std::vector<Period>{{"2020-01-01", "2020-12-31T00:00:00"}, {"2021-01-01", ""}}));
    EXPECT_TRUE(has_note(d, "temporal", "01.01.2020"));
}

TEST(Normalize, IssuedAndModifiedFromExtrasElseFromTheCkanRecord) {
    const Dataset d = package(R"("metadata_created": "2016-06-08T06:17:38.205378", "metadata_modified": "2019-09-11T09:16:44.317302",
                                 "extras": [{"key": "issued", "value": "15.02.2013"}])");
    EXPECT_EQ(d.issued, "2013-02-15");
    EXPECT_EQ(d.modified, "2019-09-11T09:16:44.317302");
    const Dataset junk = package(R"("metadata_created": "2016-06-08", "extras": [{"key": "issued", "value": "gestern"}])");
    EXPECT_EQ(junk.issued, "");  // present but not a date: no fallback
    EXPECT_TRUE(has_note(junk, "issued", "gestern"));
}

TEST(Normalize, FrequencyFromCodesLabelsAndOldCkanValues) {
    EXPECT_EQ(package(R"("extras": [{"key": "frequency", "value": "http://publications.europa.eu/resource/authority/frequency/WEEKLY"}])").frequency,
              Q + "WEEKLY");
    const Dataset monthly = package(R"("frequency": "monthly")");
    EXPECT_EQ(monthly.frequency, Q + "MONTHLY");
    EXPECT_EQ(monthly.frequency_original, "monthly");
    EXPECT_EQ(package(R"("update_cycle": "once_per_month")").frequency, Q + "MONTHLY");
    const Dataset unknown = package(R"("frequency": "nach Bedarf")");
    EXPECT_EQ(unknown.frequency, "");
    EXPECT_EQ(unknown.frequency_original, "nach Bedarf");
    EXPECT_TRUE(has_note(unknown, "frequency", "nach Bedarf"));
}

TEST(Normalize, LanguagesFromCodesIrisListsAndCommaLists) {
    EXPECT_EQ(package(R"("extras": [{"key": "language", "value": "en,es,ca"}])").languages,
              (std::vector<std::string>{G + "ENG", G + "SPA", G + "CAT"}));
    EXPECT_EQ(package(R"("language": "[\"de\", \"http://publications.europa.eu/resource/authority/language/ENG\"]")").languages,
              (std::vector<std::string>{G + "DEU", G + "ENG"}));
    const Dataset junk = package(R"("language": "klingonisch")");
    EXPECT_TRUE(junk.languages.empty());
    EXPECT_TRUE(has_note(junk, "languages", "klingonisch"));
}

TEST(Normalize, DocumentationConformsToAndLandingPage) {
    const Dataset d = package(R"("url": "https://www.moers.de/baeume",
                                 "extras": [{"key": "documentation", "value": "[\"https://moers.de/doku\"]"},
                                            {"key": "conforms_to", "value": "[\"https://moers.de/schema\", \"Standard 1\"]"}])");
    EXPECT_EQ(d.landing_page, "https://www.moers.de/baeume");
    EXPECT_EQ(d.pages, (std::vector<std::string>{"https://moers.de/doku"}));
    EXPECT_EQ(d.conforms_to, (std::vector<std::string>{"https://moers.de/schema"}));
    const ExtraProperty* text = find_extra(d.extra, "urn:ckan:extra:conforms_to");
    ASSERT_NE(text, nullptr);
    EXPECT_EQ(text->object.value, "Standard 1");
    EXPECT_TRUE(has_note(d, "conforms_to", "Standard 1"));
}

TEST(Normalize, SpatialGeoJsonAndIri) {
    const Dataset d = package(R"("extras": [{"key": "spatial", "value": "{\"type\": \"Point\", \"coordinates\": [6.6, 51.4]}"},
                                            {"key": "spatial_uri", "value": "https://www.geonames.org/2869894"}])");
    const ExtraProperty* geometry = find_extra(d.extra, "http://www.w3.org/ns/locn#geometry");
    ASSERT_NE(geometry, nullptr);
    EXPECT_EQ(geometry->object.value, "{\"type\": \"Point\", \"coordinates\": [6.6, 51.4]}");
    EXPECT_EQ(geometry->object.datatype, "https://www.iana.org/assignments/media-types/application/vnd.geo+json");
    EXPECT_EQ(d.spatial, (std::vector<std::string>{"https://www.geonames.org/2869894"}));
    EXPECT_EQ(package(R"("extras": [{"key": "spatial", "value": "http://sws.geonames.org/2869894/"}])").spatial,
              (std::vector<std::string>{"http://sws.geonames.org/2869894/"}));
}

TEST(Normalize, AccessRightsVersionAndAlternateIdentifiers) {
    const Dataset d = package(R"("version": "1.2", "extras": [{"key": "access_rights", "value": "PUBLIC"},
                                 {"key": "alternate_identifier", "value": "[\"a-1\", \"a-2\"]"}])");
    EXPECT_EQ(d.access_rights, "http://publications.europa.eu/resource/authority/access-right/PUBLIC");
    EXPECT_EQ(d.version, "1.2");
    EXPECT_EQ(notations(d.other_identifiers), (std::vector<std::string>{"a-1", "a-2"}));
}

TEST(Normalize, KnownDcatFieldsAreKeptUnderTheirPredicates) {
    const Dataset d = package(R"("extras": [{"key": "provenance", "value": "Vermessung 2020"},
                                            {"key": "is_referenced_by", "value": "[\"https://doi.org/10.1/x\"]"}])");
    const ExtraProperty* provenance = find_extra(d.extra, "http://purl.org/dc/terms/provenance");
    ASSERT_NE(provenance, nullptr);
    EXPECT_EQ(provenance->object, (Term{Term::Kind::literal, "Vermessung 2020", "", ""}));
    const ExtraProperty* reference = find_extra(d.extra, "http://purl.org/dc/terms/isReferencedBy");
    ASSERT_NE(reference, nullptr);
    EXPECT_EQ(reference->object, (Term{Term::Kind::iri, "https://doi.org/10.1/x", "", ""}));
}

TEST(Normalize, UnknownExtrasAndFieldsAreKeptNothingIsLost) {
    const Dataset d = package(R"("sector": "oeffentlich", "state": "active", "num_tags": 3,
                                 "extras": [{"key": "ags", "value": "05170024"}, {"key": "zahl", "value": 7},
                                            {"key": "leer", "value": ""}, {"key": "harvest_object_id", "value": "h1"}])");
    EXPECT_EQ(find_extra(d.extra, "urn:ckan:extra:sector")->object.value, "oeffentlich");
    EXPECT_EQ(find_extra(d.extra, "urn:ckan:extra:ags")->object.value, "05170024");
    const ExtraProperty* number = find_extra(d.extra, "urn:ckan:extra:zahl");
    ASSERT_NE(number, nullptr);
    EXPECT_EQ(number->object, (Term{Term::Kind::literal, "7", "http://www.w3.org/2001/XMLSchema#integer", ""}));
    EXPECT_EQ(find_extra(d.extra, "urn:ckan:extra:state"), nullptr);              // CKAN bookkeeping
    EXPECT_EQ(find_extra(d.extra, "urn:ckan:extra:leer"), nullptr);               // empty
    EXPECT_EQ(find_extra(d.extra, "urn:ckan:extra:harvest_object_id"), nullptr);  // changes every run
}

TEST(Normalize, ExtrasAsADictionary) {
    const Dataset d = package(R"("extras": {"contributorID": "stadtOldenburg", "eigenes": "x"})");
    EXPECT_EQ(d.contributor_ids, (std::vector<std::string>{C + "stadtOldenburg"}));
    EXPECT_EQ(find_extra(d.extra, "urn:ckan:extra:eigenes")->object.value, "x");
}

TEST(Normalize, HtmlEscapedJsonInExtrasIsDecoded) {
    const Dataset d = package(R"("extras": [{"key": "theme", "value": "[&quot;ECON&quot;]"}])");
    EXPECT_EQ(d.themes, (std::vector<std::string>{T + "ECON"}));
}

// ---------------------------------------------------------------- distributions

TEST(Normalize, DistributionUrlsAndK39) {
    const Distribution dist = resource(R"("url": "https://x.de/seite", "download_url": "https://x.de/a.csv")");
    EXPECT_EQ(dist.access_urls, (std::vector<std::string>{"https://x.de/seite", "https://x.de/a.csv"}));
    EXPECT_EQ(dist.download_urls, (std::vector<std::string>{"https://x.de/a.csv"}));
    EXPECT_EQ(dist.iri, portal + "/dataset/p1/resource/r1");
    EXPECT_EQ(dist.source_id, "r1");
}

TEST(Normalize, UploadedFileIsADownload) {
    const Distribution dist = resource(R"("url": "https://x.de/a.csv", "url_type": "upload")");
    EXPECT_EQ(dist.download_urls, (std::vector<std::string>{"https://x.de/a.csv"}));
    EXPECT_EQ(dist.access_urls, (std::vector<std::string>{"https://x.de/a.csv"}));
}

TEST(Normalize, RelativeUrlsAreResolvedAgainstThePortal) {
    const Dataset d = package(R"("resources": [{"id": "r1", "url": "/dataset/p1/resource/r1/download/a.csv"},
                                               {"id": "r2", "url": "download/b.csv"}])");
    EXPECT_EQ(d.distributions[0].access_urls[0], portal + "/dataset/p1/resource/r1/download/a.csv");
    EXPECT_EQ(d.distributions[1].access_urls[0], portal + "/download/b.csv");
    EXPECT_TRUE(has_note(d, "distribution[0].access_urls", "/dataset/p1/resource/r1/download/a.csv"));
}

TEST(Normalize, UrlRepairs) {
    const Dataset d = package(R"("url": "www.moers.de/baeume",
                                 "resources": [{"id": "r1", "url": "//daten.moers.de/a.csv"},
                                               {"id": "r2", "url": "https://x.de/mit leerzeichen.csv"},
                                               {"id": "r3", "url": "siehe Webseite"},
                                               {"id": "r4", "url": "daten.moers.de/b.csv"},
                                               {"id": "r5", "url": "ftp://ftp.moers.de/c.csv"}])");
    EXPECT_EQ(d.landing_page, "http://www.moers.de/baeume");
    EXPECT_EQ(d.distributions[0].access_urls[0], "https://daten.moers.de/a.csv");
    EXPECT_EQ(d.distributions[1].access_urls[0], "https://x.de/mit%20leerzeichen.csv");
    EXPECT_TRUE(d.distributions[2].access_urls.empty());
    EXPECT_TRUE(has_note(d, "distribution[2].access_urls", "siehe Webseite"));
    EXPECT_EQ(d.distributions[3].access_urls[0], "http://daten.moers.de/b.csv");
    EXPECT_EQ(d.distributions[4].access_urls[0], "ftp://ftp.moers.de/c.csv");
    EXPECT_TRUE(notes_for(d, "distribution[4].access_urls").empty());
}

TEST(Normalize, FormatFromCodeExtensionMediaTypeAndIri) {
    EXPECT_EQ(resource(R"("format": "CSV")").format, F + "CSV");
    EXPECT_EQ(resource(R"("format": ".xlsx")").format, F + "XLSX");
    EXPECT_EQ(resource(R"("format": "http://publications.europa.eu/resource/authority/file-type/JSON")").format, F + "JSON");
    const Distribution media = resource(R"("format": "application/json")");
    EXPECT_EQ(media.format, F + "JSON");
    EXPECT_EQ(media.format_original, "application/json");
    EXPECT_EQ(media.media_type, IANA + "application/json");
}

TEST(Normalize, UnknownFormatKeepsTheOriginal) {
    const Dataset d = package(R"("resources": [{"id": "r1", "format": "Tabelle"}])");
    EXPECT_EQ(d.distributions[0].format, "");
    EXPECT_EQ(d.distributions[0].format_original, "Tabelle");
    EXPECT_TRUE(has_note(d, "distribution[0].format", "Tabelle"));
}

TEST(Normalize, MissingFormatIsDerivedFromTheUrlWithANote) {
    const Dataset d = package(R"("resources": [{"id": "r1", "url": "https://x.de/daten/baeume.geojson?v=2"}])");
    EXPECT_EQ(d.distributions[0].format, F + "GEOJSON");
    EXPECT_TRUE(d.distributions[0].format_original.empty());
    EXPECT_TRUE(has_note(d, "distribution[0].format", "https://x.de/daten/baeume.geojson?v=2"));
}

TEST(Normalize, MediaType) {
    const Distribution dist = resource(R"("format": "CSV", "mimetype": "text/csv; charset=utf-8")");
    EXPECT_EQ(dist.media_type, IANA + "text/csv");
    EXPECT_EQ(dist.media_type_original, "text/csv; charset=utf-8");
}

TEST(Normalize, ByteSizes) {
    EXPECT_EQ(resource(R"("size": 10325)").byte_size, 10325u);
    EXPECT_EQ(resource(R"("size": "12323")").byte_size, 12323u);
    EXPECT_EQ(resource(R"("size": 1.2e6)").byte_size, 1200000u);
    EXPECT_EQ(resource(R"("size": null)").byte_size, std::nullopt);
    for (const char* junk : {R"("size": -1)", R"("size": "-1")", R"("size": "42 octets")", R"("size": 0)",
                             R"("size": "0.0469")", R"("size": [1])", R"("size": true)"}) {
        const Dataset d = package(std::string(R"("resources": [{"id": "r1", )") + junk + "}]");
        EXPECT_EQ(d.distributions[0].byte_size, std::nullopt) << junk;
        EXPECT_EQ(notes_for(d, "distribution[0].byte_size").size(), 1u) << junk;
    }
}

TEST(Normalize, Checksums) {
    const Distribution given = resource(R"("hash": "4304cf2e751e6053c90b1804c89c0ebb758f395a",
                                           "hash_algorithm": "http://spdx.org/rdf/terms#checksumAlgorithm_sha1")");
    ASSERT_TRUE(given.checksum);
    EXPECT_EQ(given.checksum->algorithm, "http://spdx.org/rdf/terms#checksumAlgorithm_sha1");
    const Distribution named = resource(R"("hash": "abc", "hash_algorithm": "SHA-256")");
    EXPECT_EQ(named.checksum->algorithm, "http://spdx.org/rdf/terms#checksumAlgorithm_sha256");
    const Distribution prefixed = resource(R"("hash": "md5:d41d8cd98f00b204e9800998ecf8427e")");
    EXPECT_EQ(prefixed.checksum->algorithm, "http://spdx.org/rdf/terms#checksumAlgorithm_md5");
    EXPECT_EQ(prefixed.checksum->value, "d41d8cd98f00b204e9800998ecf8427e");
    const Dataset inferred = package(R"("resources": [{"id": "r1", "hash": "d41d8cd98f00b204e9800998ecf8427e"}])");
    EXPECT_EQ(inferred.distributions[0].checksum->algorithm, "http://spdx.org/rdf/terms#checksumAlgorithm_md5");
    EXPECT_EQ(notes_for(inferred, "distribution[0].checksum").size(), 1u);
    EXPECT_FALSE(resource(R"("hash": "")").checksum);
}

TEST(Normalize, DistributionDates) {
    const Distribution dist = resource(R"("created": "2017-03-15T15:03:18.306433", "last_modified": "2018-09-24 09:12")");
    EXPECT_EQ(dist.issued, "2017-03-15T15:03:18.306433");
    EXPECT_EQ(dist.modified, "2018-09-24T09:12:00");
    const Distribution explicit_dates = resource(R"("created": "2017-01-01", "issued": "2016-01-01", "modified": "2016-02-01")");
    EXPECT_EQ(explicit_dates.issued, "2016-01-01");
    EXPECT_EQ(explicit_dates.modified, "2016-02-01");
}

TEST(Normalize, DistributionLanguageRightsStatusAndDocumentation) {
    const Distribution dist = resource(R"("language": "de", "rights": "Nur intern",
                                          "status": "http://purl.org/adms/status/Completed",
                                          "availability": "STABLE",
                                          "documentation": ["https://x.de/doku"],
                                          "conforms_to": "[\"https://x.de/schema\"]")");
    EXPECT_EQ(dist.languages, (std::vector<std::string>{G + "DEU"}));
    EXPECT_EQ(dist.rights, "Nur intern");
    EXPECT_EQ(dist.status, "http://publications.europa.eu/resource/authority/distribution-status/COMPLETED");
    EXPECT_EQ(dist.availability, "http://publications.europa.eu/resource/authority/planned-availability/STABLE");
    EXPECT_EQ(dist.pages, (std::vector<std::string>{"https://x.de/doku"}));
    EXPECT_EQ(dist.conforms_to, (std::vector<std::string>{"https://x.de/schema"}));
}

TEST(Normalize, UnknownResourceKeysAreKept) {
    const Distribution dist = resource(R"("url": "https://x.de/a", "resource_locator_function": "information",
                                          "position": 0, "cache_url": null)");
    ASSERT_EQ(dist.extra.size(), 1u);
    EXPECT_EQ(dist.extra[0].predicate, "urn:ckan:extra:resource_locator_function");
}

TEST(Normalize, ResourcesOfTheWrongTypeAreNotes) {
    const Dataset d = package(R"("resources": [17, {"id": "r1"}, "x"])");
    EXPECT_EQ(d.distributions.size(), 1u);
    EXPECT_EQ(notes_for(d, "resources[0]").size(), 1u);
    EXPECT_EQ(notes_for(d, "resources[2]").size(), 1u);
    const Dataset not_a_list = package(R"("resources": {"id": "r1"})");
    EXPECT_TRUE(not_a_list.distributions.empty());
    EXPECT_EQ(notes_for(not_a_list, "distributions").size(), 1u);
}

TEST(Normalize, DistributionsAreCappedWithANote) {
    std::string resources = "\"resources\": [";
    for (int i = 0; i < 1005; ++i) resources += std::string(i ? "," : "") + "{\"url\": \"https://x.de/" + std::to_string(i) + "\"}";
    resources += "]";
    const Dataset d = package(resources);
    EXPECT_EQ(d.distributions.size(), max_distributions);
    ASSERT_EQ(notes_for(d, "distributions").size(), 1u);
    EXPECT_EQ(notes_for(d, "distributions")[0].message, "1005 resources; only the first 1000 are kept");
}

// ---------------------------------------------------------------- robustness

TEST(Normalize, NullAndWrongTypesEverywhereNeverCrash) {
    const char* keys[] = {"title", "notes", "tags", "groups", "organization", "extras", "resources",
                          "license_id", "author", "maintainer_email", "url", "version", "metadata_created",
                          "language", "contact", "publisher", "temporal_coverage", "spatial_coverage"};
    const char* values[] = {"null", "17", "-3.5", "true", "[]", "{}", "[null]", "[[[]]]", "{\"a\": {\"b\": []}}",
                            "\"\"", "\"[\"", "[{\"key\": 5, \"value\": null}]", "[1, \"x\", {\"name\": 2}]"};
    for (const char* key : keys) {
        for (const char* value : values) {
            const std::string json = std::string(R"({"id": "x", ")") + key + "\": " + value + "}";
            const NormalizeResult result = normalize_json(json);
            EXPECT_TRUE(result.dataset.has_value()) << json;
        }
    }
    // wrong types inside extras and resources
    for (const char* value : values) {
        const std::string json = std::string(R"({"id": "x", "extras": [{"key": "contributorID", "value": )") + value +
                                 R"(}, {"key": "temporal_start", "value": )" + value +
                                 R"(}], "resources": [{"url": )" + value + R"(, "size": )" + value +
                                 R"(, "format": )" + value + R"(, "license": )" + value + "}]}";
        EXPECT_TRUE(normalize_json(json).dataset.has_value()) << json;
    }
}

TEST(Normalize, DeeplyNestedJsonInAnExtraStaysText) {
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    const Dataset d = package(R"("extras": [{"key": "theme", "value": ")" + deep + R"("}])");
    EXPECT_TRUE(d.themes.empty());
    EXPECT_EQ(d.themes_original, (std::vector<std::string>{deep}));
}

TEST(Normalize, ManyExtrasAreKeptInOrder) {
    std::string extras = "\"extras\": [";
    for (int i = 0; i < 20000; ++i) {
        extras += std::string(i ? "," : "") + "{\"key\": \"k" + std::to_string(i) + "\", \"value\": \"v\"}";
    }
    extras += "]";
    const Dataset d = package(extras);
    ASSERT_EQ(d.extra.size(), 20000u);
    EXPECT_EQ(d.extra[19999].predicate, "urn:ckan:extra:k19999");
}

TEST(Normalize, ResultIsDeterministic) {
    const std::string json = read_file(data_dir / "ckan_full_dataset_dcat_ap.json");
    EXPECT_EQ(to_json(normalize(json)), to_json(normalize(json)));
}

// ---------------------------------------------------------------- real packages

TEST(NormalizeFixture, MoersOgdSchema) {
    const Dataset d = normalize_fixture("moers.json");
    EXPECT_EQ(d.source_id, "Staedtische_Beteiligungsgesellschaften");
    EXPECT_EQ(d.title[0], (LangString{"Städtische Beteiligungsgesellschaften", "de"}));
    EXPECT_EQ(d.themes, (std::vector<std::string>{T + "GOVE", T + "ECON"}));  // groups "verwaltung", "wirtschaft_arbeit"
    EXPECT_EQ(d.licence, (Licence{L + "dl-by-de/1.0", "dl-de-by-1.0", true}));  // extras terms_of_use
    EXPECT_EQ(d.publisher.name, "Claus Arndt");                                // role veroeffentlichende_stelle
    ASSERT_EQ(d.contact_points.size(), 1u);                                   // role ansprechpartner
    EXPECT_EQ(d.contact_points[0].email, "Ilona.Bajorat@Moers.de");
    EXPECT_EQ(d.contact_points[0].postal_code, "47441");
    EXPECT_EQ(d.contact_points[0].locality, "Moers");
    EXPECT_EQ(d.issued, "2013-02-15T00:00:00");  // dates role "erstellt", seconds added
    EXPECT_EQ(d.landing_page, "http://www.moers.de/C1257221003C7526/html/AED834349B75CC28C1257B12004BE8B1?OpenDocument");
    ASSERT_EQ(d.distributions.size(), 1u);
    EXPECT_EQ(d.distributions[0].format, F + "JSON");
    EXPECT_EQ(d.distributions[0].languages, (std::vector<std::string>{G + "DEU"}));
    EXPECT_TRUE(d.distributions[0].licence_inherited);
    // the addresses have no place in DCAT-AP.de agents: the contact list is kept whole
    ASSERT_NE(find_extra(d.extra, "urn:ckan:extra:contacts"), nullptr);
    EXPECT_NE(find_extra(d.extra, "urn:ckan:extra:contacts")->object.value.find("Rathausplatz 1"), std::string::npos);
}

TEST(NormalizeFixture, DeutscheBahn) {
    const Dataset d = normalize_fixture("ckan_doc.json");
    EXPECT_EQ(d.publisher.name, "DB Vertrieb GmbH");
    EXPECT_EQ(d.licence, (Licence{L + "cc-by", "cc-by", true}));
    EXPECT_EQ(d.frequency, Q + "MONTHLY");
    EXPECT_EQ(d.frequency_original, "once_per_month");
    EXPECT_EQ(d.issued, "2016-06-08T06:17:38.205378");  // from metadata_created
    EXPECT_EQ(d.modified, "2019-09-11T09:16:44.317302");
    EXPECT_EQ(d.keywords, (std::vector<LangString>{{"Koordinaten", "de"}}));
    EXPECT_EQ(d.themes_original, (std::vector<std::string>{"datasets"}));
    ASSERT_EQ(d.distributions.size(), 1u);
    const Distribution& dist = d.distributions[0];
    EXPECT_EQ(dist.format, F + "CSV");
    EXPECT_EQ(dist.byte_size, 10325u);
    EXPECT_EQ(dist.modified, "2018-09-24T09:12:55.1358119");
    EXPECT_EQ(dist.iri, portal + "/dataset/bec58a38-b471-4f2d-bc32-610fd07e023e/resource/ccd0fbac-582a-4fdd-825b-478c034a3e30");
}

TEST(NormalizeFixture, SchleswigHolsteinWithoutIdIsAnErrorThenMaps) {
    rapidjson::Document doc;
    const std::string json = read_file(data_dir / "result_data.json");
    doc.Parse(json.c_str());
    EXPECT_EQ(normalize_ckan_package(doc, vocab(), context()).error, "package has neither an id nor a name");
    doc.AddMember("id", "sh-50625", doc.GetAllocator());  // as package_show returns it
    const NormalizeResult result = normalize_ckan_package(doc, vocab(), context());
    ASSERT_TRUE(result.dataset);
    const Dataset& d = *result.dataset;
    EXPECT_EQ(d.identifier, "StaNord_CMS:50625");
    EXPECT_EQ(d.themes, (std::vector<std::string>{T + "TRAN", T + "ENVI", T + "ENER"}));
    EXPECT_EQ(d.keywords, (std::vector<LangString>{{"Umwelt", "de"}}));  // "Umwelt " trimmed
    EXPECT_EQ(d.licence, (Licence{L + "dl-by-de/2.0", "dl-by-de/2.0", true}));
    EXPECT_TRUE(d.issued.empty());  // null
    EXPECT_TRUE(d.temporal.empty());
    ASSERT_EQ(d.distributions.size(), 1u);
    EXPECT_EQ(d.distributions[0].format, F + "PDF");
    EXPECT_EQ(d.distributions[0].byte_size, 46903u);
    EXPECT_FALSE(d.distributions[0].licence_inherited);  // its own "license"
    EXPECT_TRUE(d.notes.empty());
}

TEST(NormalizeFixture, DkanEnvelopeWithFrenchHtmlAndJunkDates) {
    const Dataset d = normalize_fixture("dkan-french-w-license.json");
    EXPECT_EQ(d.identifier, "4b5f8e1b-de37-47cd-9203-37a59f318b09");  // extras guid
    EXPECT_EQ(d.title[0].lang, "fr");                                   // extras metadata-language "fre"
    EXPECT_EQ(d.description[0].value,
              "Liste et coordonnées des antennes de proximité du conseil régional Hauts-de-France.");
    EXPECT_EQ(d.frequency, Q + "IRREG");  // ISO 19115 asNeeded
    EXPECT_EQ(d.licence.known, false);
    EXPECT_TRUE(has_note(d, "issued", "mar, 10/12/2019 - 09:23"));
    EXPECT_EQ(d.modified, "2019-09-30T22:00:00");
    ASSERT_EQ(d.distributions.size(), 2u);
    EXPECT_EQ(d.distributions[0].format, F + "XLSX");
    EXPECT_EQ(d.distributions[0].byte_size, std::nullopt);
    EXPECT_TRUE(has_note(d, "distribution[0].byte_size", "42 octets"));
    EXPECT_EQ(d.distributions[0].description[0].value, "Tableau des données");
}

TEST(NormalizeFixture, CkanextDcatMultilingual) {
    const Dataset d = normalize_fixture("ckan_dataset_multilingual.json");
    EXPECT_EQ(d.title.size(), 3u);
    EXPECT_EQ(d.keywords.size(), 6u);
    EXPECT_EQ(d.contact_points.size(), 2u);
    EXPECT_EQ(d.distributions[0].title.size(), 3u);
    EXPECT_EQ(d.distributions[0].download_urls, (std::vector<std::string>{"https://example.com/data.csv"}));
}

TEST(NormalizeFixture, CkanextDcatFullDatasetScheming) {
    const Dataset d = normalize_fixture("ckan_full_dataset_dcat_ap.json");
    EXPECT_EQ(d.identifier, "xx-some-dataset-id-yy");
    EXPECT_EQ(notations(d.other_identifiers), (std::vector<std::string>{"alt-id-1", "alt-id-2"}));
    EXPECT_EQ(d.temporal.size(), 2u);
    EXPECT_EQ(d.spatial, (std::vector<std::string>{"https://sws.geonames.org/6361390/"}));
    EXPECT_EQ(d.frequency, Q + "MONTHLY");
    EXPECT_EQ(d.creators.size(), 1u);  // listed twice in the file
    const Distribution& dist = d.distributions.at(0);
    EXPECT_EQ(dist.checksum->value, "4304cf2e751e6053c90b1804c89c0ebb758f395a");
    EXPECT_EQ(dist.package_format, F + "TAR");
    EXPECT_EQ(dist.compress_format, IANA + "application/gzip");
    EXPECT_EQ(dist.licence.known, false);  // CC BY 3.0 unported is not in the dcat-ap.de list
}

TEST(NormalizeFixture, CkanextDcatLegacyExtrasMatchTheSchemingForm) {
    const Dataset legacy = normalize_fixture("ckan_full_dataset_dcat_ap_legacy.json");
    const Dataset scheming = normalize_fixture("ckan_full_dataset_dcat_ap.json");
    EXPECT_EQ(legacy.identifier, scheming.identifier);
    EXPECT_EQ(legacy.languages, scheming.languages);
    EXPECT_EQ(legacy.themes_original, scheming.themes_original);
    EXPECT_EQ(legacy.frequency, scheming.frequency);
    EXPECT_EQ(legacy.publisher.name, scheming.publisher.name);
    EXPECT_EQ(legacy.temporal.at(0), scheming.temporal.at(0));
    EXPECT_EQ(legacy.distributions.at(0).languages, scheming.distributions.at(0).languages);
}

TEST(NormalizeFixture, CkanextDcatVocabularies) {
    const Dataset d = normalize_fixture("ckan_full_dataset_dcat_ap_vocabularies.json");
    EXPECT_EQ(d.access_rights, "http://publications.europa.eu/resource/authority/access-right/PUBLIC");
    EXPECT_EQ(d.languages, (std::vector<std::string>{G + "ENG", G + "SPA", G + "CAT"}));
    const Distribution& dist = d.distributions.at(0);
    EXPECT_EQ(dist.licence, (Licence{L + "cc-by-nc/4.0", "http://publications.europa.eu/resource/authority/licence/CC_BYNC_4_0", true}));
    EXPECT_EQ(dist.media_type, IANA + "text/csv");
}

TEST(NormalizeFixture, CkanextDcatSeries) {
    const Dataset d = normalize_fixture("ckan_dcat_ap_dataset_series.json");
    EXPECT_EQ(d.type, ResourceType::dataset_series);
    EXPECT_EQ(d.source_id, "test-dataset-series");
}

// Every fixture against its reviewed normalized record.
class NormalizeGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(NormalizeGolden, MatchesTheReviewedRecord) {
    const std::string name = GetParam();
    const std::filesystem::path golden = data_dir / "golden" / (std::filesystem::path(name).stem().string() + ".json");
    Dataset d;
    if (name == "result_data.json") {
        rapidjson::Document doc;
        const std::string json = read_file(data_dir / name);
        doc.Parse(json.c_str());
        doc.AddMember("id", "sh-50625", doc.GetAllocator());
        d = *normalize_ckan_package(doc, vocab(), context()).dataset;
    } else {
        d = normalize_fixture(name);
    }
    const std::string actual = pretty(to_json(d));
    if (std::getenv("ERNTE_UPDATE_GOLDEN") != nullptr) {
        std::filesystem::create_directories(golden.parent_path());
        std::ofstream(golden, std::ios::binary) << actual;
    }
    EXPECT_EQ(actual, read_file(golden)) << "golden file " << golden;
    EXPECT_EQ(dataset_from_json(to_json(d)), d);  // the stored form keeps everything
}

INSTANTIATE_TEST_SUITE_P(
    Fixtures, NormalizeGolden,
    ::testing::Values("ckan_dataset.json", "ckan_dataset_multilingual.json", "ckan_dcat_ap_dataset_series.json",
                      "ckan_full_dataset_croissant.json", "ckan_full_dataset_dcat_ap.json",
                      "ckan_full_dataset_dcat_ap_legacy.json", "ckan_full_dataset_dcat_ap_vocabularies.json",
                      "ckan_full_dataset_dcat_us_vocabularies.json", "full_ckan_dataset_legacy.json",
                      "health_dcat_ap.json", "result_data.json", "ckan_doc.json", "moers.json",
                      "dkan-french-w-license.json"),
    [](const ::testing::TestParamInfo<std::string>& info) {
        std::string name = std::filesystem::path(info.param).stem().string();
        std::replace(name.begin(), name.end(), '-', '_');
        return name;
    });

// ---------------------------------------------------------------- text and dates

TEST(NormalizeText, HtmlToText) {
    EXPECT_EQ(html_to_text("<p>Eins</p>\n<p>Zwei  <br/>drei</p>"), "Eins\nZwei\ndrei");
    EXPECT_EQ(html_to_text("<ul><li>a</li><li>b &amp; c</li></ul>"), "a\nb & c");
    EXPECT_EQ(html_to_text("Gr&ouml;&szlig;e &#228; &#xE4; &euro; &unknown;"), "Größe ä ä € &unknown;");
    EXPECT_EQ(html_to_text("<script>var x = '<p>';</script><style>p{}</style>Text<!-- Kommentar -->"), "Text");
    EXPECT_EQ(html_to_text("<a href=\"x?a=1&b=>2\">Link</a> und a < b"), "Link und a < b");
    EXPECT_EQ(html_to_text("<h1>Titel</h1>Absatz<table><tr><td>1</td><td>2</td></tr></table>"), "Titel\nAbsatz\n1 2");
    EXPECT_EQ(html_to_text("  \n "), "");
    EXPECT_EQ(html_to_text("a&nbsp;&nbsp;b"), "a b");
    EXPECT_EQ(html_to_text("<p>unclosed"), "unclosed");
}

TEST(NormalizeText, MarkdownToText) {
    EXPECT_EQ(markdown_to_text("# Titel\n\nText mit [Link](https://x.de \"t\") und ![Bild](b.png).\n\n* eins\n* zwei"),
              "Titel\nText mit Link (https://x.de) und Bild.\n- eins\n- zwei");
    EXPECT_EQ(markdown_to_text("**fett** und __auch__ `code` <https://x.de>"), "fett und auch code https://x.de");
    EXPECT_EQ(markdown_to_text("[https://x.de](https://x.de)"), "https://x.de");
    EXPECT_TRUE(looks_like_markdown("[Webseite](http://www.db-vertrieb.com)"));
    EXPECT_FALSE(looks_like_markdown("Datei_name_mit_unterstrichen, 3 * 4"));
    EXPECT_TRUE(looks_like_html("Text <br> mehr"));
    EXPECT_FALSE(looks_like_html("a < b und c > d"));
}

TEST(NormalizeDate, IsoFormsAreKeptOrCompleted) {
    EXPECT_EQ(normalize_date("2012"), "2012");
    EXPECT_EQ(normalize_date("2012-05"), "2012-05");
    EXPECT_EQ(normalize_date("2012-05-10"), "2012-05-10");
    EXPECT_EQ(normalize_date("2013-02-15T00:00"), "2013-02-15T00:00:00");
    EXPECT_EQ(normalize_date("2019-09-11T09:16:44.317302"), "2019-09-11T09:16:44.317302");
    EXPECT_EQ(normalize_date("2019-09-30 22:00:00"), "2019-09-30T22:00:00");
    EXPECT_EQ(normalize_date("2013-04-26T00:00:00Z"), "2013-04-26T00:00:00Z");
    EXPECT_EQ(normalize_date("2024-01-01T00:00:00+00:00"), "2024-01-01T00:00:00+00:00");
    EXPECT_EQ(normalize_date("2024-01-01T10:00:00+0100"), "2024-01-01T10:00:00+01:00");
    EXPECT_EQ(normalize_date("2024-1-5"), "2024-01-05");
    EXPECT_EQ(normalize_date("2024/01/05"), "2024-01-05");
    EXPECT_EQ(normalize_date(" 2024-02-29 "), "2024-02-29");
    // an xsd:date with its zone (as Java serializers write it): the date
    EXPECT_EQ(normalize_date("2013-04-26Z"), "2013-04-26");
    EXPECT_EQ(normalize_date("2023-05-04+02:00"), "2023-05-04");
    EXPECT_EQ(normalize_date("2023-05-04-05:00"), "2023-05-04");
}

TEST(NormalizeDate, GermanDates) {
    EXPECT_EQ(normalize_date("15.02.2013"), "2013-02-15");
    EXPECT_EQ(normalize_date("1.2.2013"), "2013-02-01");
    EXPECT_EQ(normalize_date("15.02.2013 10:30"), "2013-02-15T10:30:00");
    EXPECT_EQ(normalize_date("15.02.2013, 10:30 Uhr"), "2013-02-15T10:30:00");
}

TEST(NormalizeDate, JunkIsNotADate) {
    for (const char* junk : {"", "gestern", "2023-02-29", "2024-13-01", "2024-00-10", "31.04.2020", "20130215",
                             "mar, 10/12/2019 - 09:23", "Date changed  jeu, 19/12/2019 - 03:00", "2024-01-01T25:00",
                             "2024-01-01T10:00:00+15:00", "0000", "12", "2024-01-01Tnoon", "1577836800",
                             "2023-05-04+2", "2023-05-04+02:00x", "2023-05-04+15:00", "2023/05/04+02:00"}) {
        EXPECT_EQ(normalize_date(junk), std::nullopt) << junk;
    }
}
