#include "catalog/quality_report.hpp"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <sstream>

namespace ernte::catalog::quality {
namespace {

Finding finding(std::string rule, int points, Severity severity = Severity::warning) {
    Finding f;
    f.rule = std::move(rule);
    f.severity = severity;
    f.points_lost = points;
    f.message_en = "message of " + f.rule;
    f.message_de = "Meldung zu " + f.rule;
    f.fix_en = "fix of " + f.rule;
    f.fix_de = "Behebung zu " + f.rule;
    return f;
}

ScoredDataset scored(std::int64_t id, std::string publisher, int total, std::vector<Finding> findings) {
    ScoredDataset d;
    d.id = id;
    d.iri = "https://example.org/dataset/" + std::to_string(id);
    d.title = "Dataset " + std::to_string(id);
    d.publisher = std::move(publisher);
    d.source = "example";
    MqaScore score;
    score.total = total;
    score.rating = rating_for(total);
    d.score = score;
    d.findings = std::move(findings);
    d.scored_at = "2026-11-22T10:00:00Z";
    return d;
}

TEST(QualityReport, MeansAndRatingsPerPublisherAndCatalogue) {
    std::vector<ScoredDataset> data{
        scored(1, "Stadt Bonn", 400, {}),
        scored(2, "Stadt Bonn", 300, {finding("keywordAvailability", 30)}),
        scored(3, "Kreis Lippe", 100, {finding("keywordAvailability", 30), finding("knownLicence", 10)}),
    };
    ScoredDataset unscored;
    unscored.id = 4;
    unscored.publisher = "Kreis Lippe";
    data.push_back(unscored);

    const QualityReport report = build_report(data);
    EXPECT_EQ(report.catalogue.datasets, 4u);
    EXPECT_EQ(report.catalogue.scored, 3u);
    EXPECT_NEAR(report.catalogue.mean, 800.0 / 3.0, 1e-9);
    EXPECT_EQ(report.catalogue.ratings, (RatingCounts{1, 1, 0, 1}));

    ASSERT_EQ(report.publishers.size(), 2u);
    const GroupSummary& lippe = report.publishers[0];  // sorted by name
    EXPECT_EQ(lippe.name, "Kreis Lippe");
    EXPECT_EQ(lippe.datasets, 2u);
    EXPECT_EQ(lippe.scored, 1u);
    EXPECT_DOUBLE_EQ(lippe.mean, 100.0);
    EXPECT_EQ(rating_of_mean(lippe.mean), Rating::bad);
    const GroupSummary& bonn = report.publishers[1];
    EXPECT_DOUBLE_EQ(bonn.mean, 350.0);
    EXPECT_EQ(rating_of_mean(bonn.mean), Rating::good);
    EXPECT_EQ(rating_of_mean(350.5), Rating::excellent);  // rounded to whole points
}

TEST(QualityReport, TopFindingsByPointsThenFrequencyAtMostThree) {
    std::vector<ScoredDataset> data{
        scored(1, "P", 200,
               {finding("keywordAvailability", 30), finding("de3.vocab.format", 0, Severity::violation),
                finding("byteSizeAvailability", 5), finding("accessUrlStatusCode", 50)}),
        scored(2, "P", 200, {finding("de3.vocab.format", 0, Severity::violation), finding("byteSizeAvailability", 5)}),
        // Two findings of one kind on one record count once, with both costs.
        scored(3, "P", 200, {finding("byteSizeAvailability", 5), finding("byteSizeAvailability", 0)}),
    };
    const QualityReport report = build_report(data);
    const auto& top = report.catalogue.top_findings;
    ASSERT_EQ(top.size(), 3u);
    EXPECT_EQ(top[0].rule, "accessUrlStatusCode");
    EXPECT_EQ(top[0].points, 50);
    EXPECT_EQ(top[1].rule, "keywordAvailability");
    EXPECT_EQ(top[1].message_en, definition(Indicator::keyword_availability).name_en);  // the indicator's name
    EXPECT_EQ(top[2].rule, "byteSizeAvailability");
    EXPECT_EQ(top[2].datasets, 3u);
    EXPECT_EQ(top[2].points, 15);
}

TEST(QualityReport, JsonHasTheDocumentedShape) {
    std::vector<ScoredDataset> data{scored(7, "Stadt Köln", 250, {finding("knownLicence", 10)})};
    const QualityReport report = build_report(data);
    std::ostringstream out;
    write_report_json(out, report, true, Language::de);
    rapidjson::Document json;
    ASSERT_FALSE(json.Parse(out.str().c_str()).HasParseError()) << out.str();
    EXPECT_EQ(json["catalogue"]["datasets"].GetInt(), 1);
    EXPECT_DOUBLE_EQ(json["catalogue"]["mean"].GetDouble(), 250.0);
    EXPECT_EQ(json["catalogue"]["ratings"]["good"].GetInt(), 1);
    EXPECT_EQ(json["catalogue"]["ratings"]["sufficient"].GetInt(), 0);
    EXPECT_EQ(std::string(json["publishers"][0]["name"].GetString()), "Stadt Köln");
    EXPECT_EQ(std::string(json["publishers"][0]["rating"].GetString()), "good");
    const auto& dataset = json["datasets"][0];
    EXPECT_EQ(std::string(dataset["id"].GetString()), "7");
    EXPECT_EQ(dataset["mqa"]["total"].GetInt(), 250);
    EXPECT_TRUE(dataset["mqa"]["dimensions"].HasMember("findability"));
    EXPECT_TRUE(dataset["mqa"]["indicators"].HasMember("keywordAvailability"));
    const auto& f = dataset["findings"][0];
    EXPECT_EQ(std::string(f["rule"].GetString()), "knownLicence");
    EXPECT_EQ(std::string(f["message"].GetString()), "Meldung zu knownLicence");
    EXPECT_EQ(std::string(f["fix"].GetString()), "Behebung zu knownLicence");
    EXPECT_EQ(std::string(f["severity"].GetString()), "warning");

    std::ostringstream without;
    write_report_json(without, report, false, Language::en);
    ASSERT_FALSE(json.Parse(without.str().c_str()).HasParseError());
    EXPECT_FALSE(json.HasMember("datasets"));
}

TEST(QualityReport, CsvQuotesAndTableNamesTheCostliestFindings) {
    std::vector<ScoredDataset> data{scored(1, "Amt \"Nord\", Kiel", 110, {finding("temporalAvailability", 20)})};
    const QualityReport report = build_report(data);
    std::ostringstream csv;
    write_report_csv(csv, report, false, Language::en);
    EXPECT_NE(csv.str().find("\"Amt \"\"Nord\"\", Kiel\",1,1,110.0,bad,"), std::string::npos) << csv.str();
    EXPECT_NE(csv.str().find("temporalAvailability (-20 points, 1 datasets)"), std::string::npos);

    std::ostringstream table;
    write_report_table(table, report, false, Language::en);
    EXPECT_NE(table.str().find("temporalAvailability (-20 points, 1 datasets)"), std::string::npos) << table.str();
    EXPECT_NE(table.str().find("catalogue: 1 datasets, 1 scored, mean 110.0 of 405 (bad)"), std::string::npos)
        << table.str();
}

TEST(QualityReport, TitlesAPublisherUsesTwiceAreFound) {
    std::vector<ScoredDataset> data{scored(1, "Stadt Bonn", 300, {}), scored(2, "Stadt Bonn", 300, {}),
                                    scored(3, "Stadt Köln", 300, {})};
    data[0].title = "Haushaltsplan 2024";
    data[1].title = "haushaltsplan, 2024 ";
    data[2].title = "Haushaltsplan 2024";  // another publisher: not a duplicate
    const QualityReport report = build_report(data);
    ASSERT_EQ(report.datasets[0].findings.size(), 1u);
    EXPECT_EQ(report.datasets[0].findings[0].rule, "check.duplicateTitle");
    EXPECT_EQ(report.datasets[0].findings[0].points_lost, 0);
    ASSERT_EQ(report.datasets[1].findings.size(), 1u);
    EXPECT_TRUE(report.datasets[2].findings.empty());
}

}  // namespace
}  // namespace ernte::catalog::quality
