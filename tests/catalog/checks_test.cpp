#include "catalog/checks.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>

namespace ernte::catalog::quality {
namespace {

const Vocabularies& vocab() {
    static const Vocabularies loaded =
        Vocabularies::load(std::filesystem::path(ERNTE_SOURCE_DIR) / "schemas" / "vocab");
    return loaded;
}

constexpr std::string_view today = "2026-11-22";
const std::string csv = "http://publications.europa.eu/resource/authority/file-type/CSV";

model::Dataset good_record() {
    model::Dataset d;
    d.iri = "https://example.org/dataset/1";
    d.title = {{"Haushaltsplan der Stadt 2024", "de"}};
    d.description = {{"Ein- und Auszahlungen des Haushaltsjahres nach Produktbereichen.", "de"}};
    d.issued = "2024-01-15";
    d.modified = "2024-03-01T10:00:00Z";
    model::Distribution dist;
    dist.title = {{"Haushalt 2024 (CSV)", "de"}};
    dist.access_urls = {"https://example.org/files/haushalt.csv"};
    dist.download_urls = {"https://example.org/files/haushalt.csv"};
    dist.format = csv;
    d.distributions.push_back(dist);
    return d;
}

std::vector<std::string> rules_of(const std::vector<Finding>& findings) {
    std::vector<std::string> out;
    for (const auto& f : findings) out.push_back(f.rule);
    return out;
}

LinkLookup serving(std::string content_type) {
    return [content_type](std::string_view) {
        LinkState s;
        s.checked = true;
        s.status = 200;
        s.content_type = content_type;
        return std::optional<LinkState>(s);
    };
}

TEST(Checks, AGoodRecordHasNoFindings) {
    EXPECT_TRUE(check_record(good_record(), vocab(), serving("text/csv; charset=utf-8"), today).empty());
    EXPECT_TRUE(check_record(good_record(), vocab(), {}, today).empty());
}

TEST(Checks, DatesOutOfOrderInTheFutureOrDefaults) {
    model::Dataset d = good_record();
    d.issued = "2024-05-01";
    d.modified = "2024-04-30";
    auto findings = check_record(d, vocab(), {}, today);
    ASSERT_EQ(rules_of(findings), std::vector<std::string>{"check.modifiedBeforeIssued"});
    EXPECT_EQ(findings[0].path, "dct:modified");
    EXPECT_NE(findings[0].message_en.find("2024-04-30"), std::string::npos);

    d = good_record();
    d.modified = "2026-11-23";
    d.distributions[0].issued = "1970-01-01";
    findings = check_record(d, vocab(), {}, today);
    ASSERT_EQ(rules_of(findings), (std::vector<std::string>{"check.dateInFuture", "check.dateImplausible"}));
    EXPECT_EQ(findings[1].distribution, std::optional<std::size_t>(0));
    EXPECT_EQ(findings[1].path, "dcat:distribution/dct:issued");

    d = good_record();
    d.modified = "2026-11-22T23:00:00Z";  // today is not the future
    d.temporal = {{"2023-12-31", "2023-01-01"}};
    EXPECT_EQ(rules_of(check_record(d, vocab(), {}, today)), std::vector<std::string>{"check.temporalEndBeforeStart"});
}

TEST(Checks, PlaceholderTitlesAndDescriptions) {
    for (const char* text : {"Test", "TODO", "n/a", "Titel", "...", "Lorem ipsum dolor sit amet", " Dummy "}) {
        EXPECT_TRUE(is_placeholder_text(text)) << text;
    }
    for (const char* text : {"Testergebnisse der Wasserproben", "Haushalt", "NA-Werte 2023"}) {
        EXPECT_FALSE(is_placeholder_text(text)) << text;
    }
    model::Dataset d = good_record();
    d.title = {{"test", "de"}};
    d.description = {{"Beschreibung folgt", "de"}};
    EXPECT_EQ(rules_of(check_record(d, vocab(), {}, today)),
              (std::vector<std::string>{"check.placeholderTitle", "check.placeholderDescription"}));

    d = good_record();
    d.description = {{"Haushaltsplan der Stadt 2024.", "de"}};
    const auto findings = check_record(d, vocab(), {}, today);
    ASSERT_EQ(rules_of(findings), std::vector<std::string>{"check.placeholderDescription"});
    EXPECT_EQ(findings[0].message_en, "the description only repeats the title");
}

TEST(Checks, HtmlTheNormalizerRemovedIsReported) {
    model::Dataset d = good_record();
    d.notes.push_back({"description", "HTML or Markdown markup removed", "<p>Ein- und <b>Auszahlungen</b></p>"});
    const auto findings = check_record(d, vocab(), {}, today);
    ASSERT_EQ(rules_of(findings), std::vector<std::string>{"check.htmlDescription"});
    EXPECT_EQ(findings[0].severity, Severity::info);
    EXPECT_EQ(findings[0].value, "<p>Ein- und <b>Auszahlungen</b></p>");
}

TEST(Checks, DeclaredFormatAgainstTheContentTypeServed) {
    // A web page behind a download URL.
    auto findings = check_record(good_record(), vocab(), serving("text/html; charset=utf-8"), today);
    ASSERT_EQ(rules_of(findings), std::vector<std::string>{"check.formatContentType"});
    EXPECT_NE(findings[0].message_en.find("leads to a web page"), std::string::npos) << findings[0].message_en;
    EXPECT_EQ(findings[0].value, "https://example.org/files/haushalt.csv");

    // Another file type: the fix names the file-type IRI of what is served.
    findings = check_record(good_record(), vocab(), serving("application/json"), today);
    ASSERT_EQ(rules_of(findings), std::vector<std::string>{"check.formatContentType"});
    EXPECT_NE(findings[0].fix_en.find("http://publications.europa.eu/resource/authority/file-type/JSON"),
              std::string::npos)
        << findings[0].fix_en;

    // Nothing to say: a generic type, a broken or unchecked link, an access URL that is a landing page.
    EXPECT_TRUE(check_record(good_record(), vocab(), serving("application/octet-stream"), today).empty());
    EXPECT_TRUE(check_record(good_record(), vocab(), [](std::string_view) { return std::optional<LinkState>(); },
                             today)
                    .empty());
    model::Dataset landing = good_record();
    landing.distributions[0].download_urls.clear();
    EXPECT_TRUE(check_record(landing, vocab(), serving("text/html"), today).empty());
    LinkLookup broken = [](std::string_view) {
        LinkState s;
        s.checked = true;
        s.status = 404;
        s.content_type = "text/html";
        return std::optional<LinkState>(s);
    };
    EXPECT_TRUE(check_record(good_record(), vocab(), broken, today).empty());
}

TEST(Checks, EveryFindingSpeaksBothLanguagesAndNamesAFix) {
    model::Dataset d = good_record();
    d.title = {{"Test", "de"}};
    d.description = {{"TODO", "de"}};
    d.issued = "2030-01-01";
    d.modified = "1900-01-00";
    d.temporal = {{"2024-01-01", "2023-01-01"}};
    d.notes.push_back({"description", "HTML or Markdown markup removed", "<b>x</b>"});
    const auto findings = check_record(d, vocab(), serving("application/pdf"), today);
    EXPECT_GE(findings.size(), 5u);
    for (const auto& f : findings) {
        EXPECT_FALSE(f.message_en.empty()) << f.rule;
        EXPECT_FALSE(f.message_de.empty()) << f.rule;
        EXPECT_FALSE(f.fix_en.empty()) << f.rule;
        EXPECT_FALSE(f.fix_de.empty()) << f.rule;
        EXPECT_EQ(f.points_lost, 0) << f.rule << ": checks beyond the MQA cost no MQA points";
    }
}

}  // namespace
}  // namespace ernte::catalog::quality
