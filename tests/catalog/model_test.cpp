#include "catalog/model.hpp"

#include <gtest/gtest.h>

using namespace ernte::model;

TEST(Model, JsonRoundTripKeepsEveryField) {
    Dataset d;
    d.type = ResourceType::dataset_series;
    d.iri = "https://example.org/dataset/1";
    d.identifier = "abc";
    d.title = {{"Bäume", "de"}, {"Trees", "en"}};
    d.description = {{"Alle Bäume", "de"}};
    d.description_original = "<p>Alle Bäume</p>";
    d.keywords = {{"Baum", "de"}};
    d.themes = {"http://publications.europa.eu/resource/authority/data-theme/ENVI"};
    d.publisher = {"https://example.org/org/1", "Stadt Moers", "info@moers.de", "", ""};
    d.contact_points.push_back({"", "Frau Muster", "a@b.de", "", "+49 1", "", "", "", ""});
    d.contributor_ids = {"http://dcat-ap.de/def/contributors/stadtMoers"};
    d.temporal = {{"2020-01-01", ""}};
    d.licence = {"http://dcat-ap.de/def/licenses/dl-by-de/2.0", "dl-de-by-2.0", true};
    Distribution dist;
    dist.access_urls = {"https://example.org/a.csv"};
    dist.byte_size = 1234;
    dist.licence = d.licence;
    dist.licence_inherited = true;
    dist.checksum = Checksum{"http://spdx.org/rdf/terms#checksumAlgorithm_sha1", "00ff"};
    dist.extra.push_back({"http://example.org/p", {Term::Kind::literal, "x", "", "de"}});
    d.distributions.push_back(dist);
    d.notes.push_back({"licence", "mapped", "dl-de-by-2.0"});

    const std::string json = to_json(d);
    const Dataset back = dataset_from_json(json);
    EXPECT_EQ(back, d);
    EXPECT_EQ(to_json(back), json);
}

TEST(Model, AbsentValuesAreNotWritten) {
    Dataset d;
    d.iri = "https://example.org/x";
    EXPECT_EQ(to_json(d), R"({"type":"dataset","iri":"https://example.org/x"})");
}

TEST(Model, MalformedStoredRecordThrows) {
    EXPECT_THROW(dataset_from_json("{\"title\": 3}"), std::runtime_error);
    EXPECT_THROW(dataset_from_json("[1"), std::runtime_error);
}

TEST(Model, DisplayTitlePrefersGerman) {
    Dataset d;
    d.title = {{"Trees", "en"}, {"Bäume", "de"}};
    EXPECT_EQ(d.display_title(), "Bäume");
}
