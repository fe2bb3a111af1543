#include "catalog/quality.hpp"

#include "catalog/assess.hpp"
#include "catalog/finding_list.hpp"
#include "catalog/normalize.hpp"
#include "catalog/rdfxml_reader.hpp"
#include "catalog/rules.hpp"
#include "catalog/text.hpp"
#include "catalog/turtle_reader.hpp"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <string>

using namespace ernte::catalog;
using namespace ernte::catalog::quality;
using namespace ernte::model;

namespace {

const std::filesystem::path vocab_dir = std::filesystem::path(ERNTE_SOURCE_DIR) / "schemas" / "vocab";

const Vocabularies& vocab() {
    static const Vocabularies loaded = Vocabularies::load(vocab_dir);
    return loaded;
}

const std::string L = "http://dcat-ap.de/def/licenses/";
const std::string T = "http://publications.europa.eu/resource/authority/data-theme/";
const std::string F = "http://publications.europa.eu/resource/authority/file-type/";
const std::string A = "http://publications.europa.eu/resource/authority/access-right/";
const std::string IANA = "http://www.iana.org/assignments/media-types/";
const std::string C = "http://dcat-ap.de/def/contributors/";

const std::string page_url = "https://example.org/haushalt";
const std::string file_url = "https://example.org/haushalt-2023.csv";

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// A distribution that passes every distribution-level indicator.
Distribution good_distribution(const std::string& title = "Haushalt 2023 (CSV)") {
    Distribution dist;
    dist.title = {{title, "de"}};
    dist.access_urls = {page_url, file_url};
    dist.download_urls = {file_url};
    dist.format = F + "CSV";
    dist.format_original = "CSV";
    dist.media_type = IANA + "text/csv";
    dist.media_type_original = "text/csv";
    dist.licence = {L + "dl-by-de/2.0", L + "dl-by-de/2.0", true};
    dist.rights = "Quelle: Stadt Beispiel";
    dist.byte_size = 12345;
    dist.issued = "2023-01-15";
    dist.modified = "2024-02-01";
    return dist;
}

/// A record that passes every indicator.
Dataset good_dataset() {
    Dataset d;
    d.iri = "https://example.org/dataset/haushalt-2023";
    d.title = {{"Haushalt 2023", "de"}};
    d.keywords = {{"Haushalt", "de"}};
    d.themes = {T + "GOVE"};
    d.spatial = {"http://dcat-ap.de/def/politicalGeocoding/regionalKey/051700024024"};
    d.temporal = {{"2023-01-01", "2023-12-31"}};
    d.access_rights = A + "PUBLIC";
    d.contact_points = {ContactPoint{.name = "Kämmerei", .email = "kaemmerei@example.org"}};
    d.publisher.name = "Stadt Beispiel";
    d.issued = "2023-01-15";
    d.modified = "2024-02-01";
    d.distributions = {good_distribution()};
    return d;
}

/// Links with fixed states; every other URL is unchecked.
LinkLookup links(std::map<std::string, LinkState> states) {
    return [states = std::move(states)](std::string_view url) -> std::optional<LinkState> {
        const auto it = states.find(std::string(url));
        if (it == states.end()) return std::nullopt;
        return it->second;
    };
}

LinkState answered(int status, std::string content_type = "text/csv", std::optional<std::uint64_t> size = {}) {
    LinkState s;
    s.checked = true;
    s.status = status;
    s.content_type = std::move(content_type);
    s.size = size;
    s.checked_at = "2024-03-01T10:00:00Z";
    return s;
}

/// Everything checked and fine: both URLs answer 200, no rule violation.
MqaInputs all_known() {
    MqaInputs inputs;
    inputs.links = links({{page_url, answered(200, "text/html")}, {file_url, answered(200)}});
    inputs.dcat_ap_violations = 0;
    return inputs;
}

MqaResult assess(const Dataset& d, const MqaInputs& inputs = all_known()) { return assess_mqa(d, vocab(), inputs); }

std::vector<const Finding*> findings_for(const MqaResult& r, std::string_view rule) {
    std::vector<const Finding*> out;
    for (const auto& f : r.findings) {
        if (f.rule == rule) out.push_back(&f);
    }
    return out;
}

std::set<std::string> failed_ids(const MqaScore& s) {
    std::set<std::string> out;
    for (const auto& def : mqa_indicators()) {
        if (s.indicator(def.indicator).passed == false) out.insert(std::string(def.id));
    }
    return out;
}

/// The same checks on every score: points follow passed, dimensions and
/// total are the sums, the rating follows the total.
void expect_consistent(const MqaScore& s) {
    std::array<int, dimension_count> dims{};
    int total = 0;
    for (const auto& def : mqa_indicators()) {
        const IndicatorResult& r = s.indicator(def.indicator);
        EXPECT_EQ(r.indicator, def.indicator);
        const int expected = !r.passed ? 0 : *r.passed ? def.true_score : def.false_score;
        if (def.level == Level::distribution && !s.best_distribution) {
            EXPECT_EQ(r.points, 0) << def.id;
        } else {
            EXPECT_EQ(r.points, expected) << def.id;
        }
        EXPECT_EQ(r.distributions.has_value(), def.level == Level::distribution) << def.id;
        dims[static_cast<std::size_t>(def.dimension)] += r.points;
        total += r.points;
    }
    EXPECT_EQ(s.dimensions, dims);
    EXPECT_EQ(s.total, total);
    EXPECT_EQ(s.rating, rating_for(s.total));
}

}  // namespace

// ---------------------------------------------------------------- the method

TEST(MqaMethod, DimensionsAddUpTo405) {
    EXPECT_EQ(mqa_indicators().size(), indicator_count);
    EXPECT_EQ(dimension_max(Dimension::findability), 100);
    EXPECT_EQ(dimension_max(Dimension::accessibility), 100);
    EXPECT_EQ(dimension_max(Dimension::interoperability), 110);
    EXPECT_EQ(dimension_max(Dimension::reusability), 75);
    EXPECT_EQ(dimension_max(Dimension::contextuality), 20);
    int sum = 0;
    for (const auto& def : mqa_indicators()) sum += def.true_score;
    EXPECT_EQ(sum, mqa_max_points);
    for (std::size_t i = 0; i < indicator_count; ++i) {
        EXPECT_EQ(static_cast<std::size_t>(mqa_indicators()[i].indicator), i);
        EXPECT_EQ(indicator_by_id(mqa_indicators()[i].id), mqa_indicators()[i].indicator);
    }
    EXPECT_FALSE(indicator_by_id("formatMatch"));  // a newer EDP metric without points
}

// The table in quality.cpp against the vocabulary file it copies.
TEST(MqaMethod, IndicatorsMatchPiveauDqvVocabulary) {
    const std::string pv = "https://piveau.eu/ns/voc#";
    const std::string dqv = "http://www.w3.org/ns/dqv#";
    std::map<std::string, std::string> dimension;
    std::map<std::string, int> true_score;
    std::map<std::string, int> false_score;
    const std::string text = read_file(vocab_dir / "piveau-dqv-vocabulary.ttl");
    const rdf::ParseResult parsed = rdf::read_turtle(text, {}, [&](const rdf::Triple& t) {
        if (t.subject.value.rfind(pv, 0) != 0) return;
        const std::string id = t.subject.value.substr(pv.size());
        if (t.predicate.value == dqv + "inDimension") dimension[id] = t.object.value.substr(pv.size());
        if (t.predicate.value == pv + "trueScore") true_score[id] = std::stoi(t.object.value);
        if (t.predicate.value == pv + "falseScore") false_score[id] = std::stoi(t.object.value);
    });
    ASSERT_TRUE(parsed) << parsed.description;
    EXPECT_EQ(true_score.size(), indicator_count);  // pv:score has no points
    for (const auto& def : mqa_indicators()) {
        const std::string id(def.id);
        ASSERT_TRUE(true_score.contains(id)) << id;
        EXPECT_EQ(def.true_score, true_score[id]) << id;
        EXPECT_EQ(def.false_score, false_score.contains(id) ? false_score[id] : 0) << id;
        // the file spells the dimension of the two access-rights metrics "reusablity"
        const std::string dim = dimension[id] == "reusablity" ? "reusability" : dimension[id];
        EXPECT_EQ(dimension_name(def.dimension), dim) << id;
    }
}

// The bands against the descriptions of piveau-scoring-skos.rdf
// ("A scoring value between 221 and 350.").
TEST(MqaMethod, RatingBandsMatchPiveauScoring) {
    const std::string text = read_file(vocab_dir / "piveau-scoring-skos.rdf");
    std::map<std::string, std::string> identifier;
    std::map<std::string, std::string> description;
    const rdf::ParseResult parsed = rdf::read_rdfxml(text, {}, [&](const rdf::Triple& t) {
        if (t.predicate.value == "http://purl.org/dc/elements/1.1/identifier") identifier[t.subject.value] = t.object.value;
        if (t.predicate.value == "http://purl.org/dc/elements/1.1/description") description[t.subject.value] = t.object.value;
    });
    ASSERT_TRUE(parsed) << parsed.description;
    const std::map<std::string, Rating> ratings{
        {"EXCELLENT", Rating::excellent}, {"GOOD", Rating::good}, {"ENOUGH", Rating::sufficient}, {"BAD", Rating::bad}};
    ASSERT_EQ(identifier.size(), 4u);
    for (const auto& [concept_iri, id] : identifier) {
        ASSERT_TRUE(ratings.contains(id)) << id;
        const Rating rating = ratings.at(id);
        std::string lower = id;
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        EXPECT_EQ(concept_iri, "https://piveau.eu/ns/scoring#" + lower);
        std::vector<int> numbers;
        std::istringstream words(description[concept_iri]);
        for (std::string word; words >> word;) {
            while (!word.empty() && word.back() == '.') word.pop_back();
            if (!word.empty() && std::all_of(word.begin(), word.end(), ::isdigit)) numbers.push_back(std::stoi(word));
        }
        const std::string& what = description[concept_iri];
        if (what.find("greater than") != std::string::npos) {
            ASSERT_EQ(numbers.size(), 1u);
            EXPECT_EQ(rating_for(numbers[0] + 1), rating) << what;
            EXPECT_NE(rating_for(numbers[0]), rating) << what;
        } else if (what.find("less than") != std::string::npos) {
            ASSERT_EQ(numbers.size(), 1u);
            EXPECT_EQ(rating_for(numbers[0] - 1), rating) << what;
            EXPECT_NE(rating_for(numbers[0]), rating) << what;
        } else {
            ASSERT_EQ(numbers.size(), 2u) << what;
            EXPECT_EQ(rating_for(numbers[0]), rating) << what;
            EXPECT_EQ(rating_for(numbers[1]), rating) << what;
            EXPECT_NE(rating_for(numbers[0] - 1), rating) << what;
            EXPECT_NE(rating_for(numbers[1] + 1), rating) << what;
        }
    }
}

TEST(MqaMethod, RatingBandBoundaries) {
    EXPECT_EQ(rating_for(-10), Rating::bad);
    EXPECT_EQ(rating_for(0), Rating::bad);
    EXPECT_EQ(rating_for(119), Rating::bad);
    EXPECT_EQ(rating_for(120), Rating::sufficient);
    EXPECT_EQ(rating_for(220), Rating::sufficient);
    EXPECT_EQ(rating_for(221), Rating::good);
    EXPECT_EQ(rating_for(350), Rating::good);
    EXPECT_EQ(rating_for(351), Rating::excellent);
    EXPECT_EQ(rating_for(405), Rating::excellent);
    EXPECT_EQ(rating_name(Rating::sufficient), "sufficient");
}

// ---------------------------------------------------------------- one indicator at a time

TEST(Mqa, PerfectRecordGetsEveryPoint) {
    const MqaResult r = assess(good_dataset());
    expect_consistent(r.score);
    EXPECT_EQ(r.score.total, 405);
    EXPECT_EQ(r.score.rating, Rating::excellent);
    EXPECT_EQ(r.score.dimension(Dimension::findability), 100);
    EXPECT_EQ(r.score.dimension(Dimension::accessibility), 100);
    EXPECT_EQ(r.score.dimension(Dimension::interoperability), 110);
    EXPECT_EQ(r.score.dimension(Dimension::reusability), 75);
    EXPECT_EQ(r.score.dimension(Dimension::contextuality), 20);
    EXPECT_EQ(r.score.best_distribution, 0u);
    EXPECT_TRUE(failed_ids(r.score).empty());
    EXPECT_TRUE(r.findings.empty());
    EXPECT_EQ(r.score.indicator(Indicator::licence_availability).distributions, (Share{1, 0, 0, 1}));
}

namespace {

/// One way to break a record, and the indicators it must fail (nothing else).
struct Breakage {
    std::string name;
    std::function<void(Dataset&, MqaInputs&)> apply;
    std::set<std::string> fails;
};

Distribution& first_dist(Dataset& d) { return d.distributions.front(); }

const std::vector<Breakage>& breakages() {
    static const std::vector<Breakage> cases{
        {"no keywords", [](Dataset& d, MqaInputs&) { d.keywords.clear(); }, {"keywordAvailability"}},
        {"no themes", [](Dataset& d, MqaInputs&) { d.themes.clear(); }, {"categoryAvailability"}},
        {"theme not mapped",
         [](Dataset& d, MqaInputs&) {
             d.themes.clear();
             d.themes_original = {"Haushalt und Steuern"};
         },
         {"categoryAvailability"}},
        {"no spatial", [](Dataset& d, MqaInputs&) { d.spatial.clear(); }, {"spatialAvailability"}},
        {"no temporal", [](Dataset& d, MqaInputs&) { d.temporal.clear(); }, {"temporalAvailability"}},
        {"access URL 404", [](Dataset&, MqaInputs& in) {
             in.links = links({{page_url, answered(404, "text/html")}, {file_url, answered(200)}});
         },
         {"accessUrlStatusCode"}},
        {"no access URL at all",
         [](Dataset& d, MqaInputs&) {
             first_dist(d).access_urls.clear();
             first_dist(d).download_urls.clear();
         },
         {"accessUrlStatusCode", "downloadUrlAvailability", "downloadUrlStatusCode"}},
        {"no download URL", [](Dataset& d, MqaInputs&) {
             first_dist(d).download_urls.clear();
             first_dist(d).access_urls = {page_url};
         },
         {"downloadUrlAvailability", "downloadUrlStatusCode"}},
        {"download URL unreachable",
         [](Dataset&, MqaInputs& in) {
             LinkState down = answered(0, "");
             down.error = "timeout";
             in.links = links({{page_url, answered(200, "text/html")}, {file_url, down}});
         },
         // the file URL is also an access URL (K39)
         {"accessUrlStatusCode", "downloadUrlStatusCode"}},
        {"no format",
         [](Dataset& d, MqaInputs&) {
             first_dist(d).format.clear();
             first_dist(d).format_original.clear();
         },
         // still non-proprietary and machine-readable through the media type
         {"formatAvailability", "formatMediaTypeVocabularyAlignment"}},
        {"no media type",
         [](Dataset& d, MqaInputs&) {
             first_dist(d).media_type.clear();
             first_dist(d).media_type_original.clear();
         },
         {"mediaTypeAvailability", "formatMediaTypeVocabularyAlignment"}},
        {"format outside the EU list",
         [](Dataset& d, MqaInputs&) { first_dist(d).format = "https://example.org/formats/csv"; },
         {"formatMediaTypeVocabularyAlignment"}},
        {"media type outside the IANA list",
         [](Dataset& d, MqaInputs&) {
             first_dist(d).media_type = "https://example.org/types/csv";
             first_dist(d).format = F + "PDF";
         },
         {"formatMediaTypeVocabularyAlignment", "formatMediaTypeNonProprietary",
          "formatMediaTypeMachineInterpretable"}},
        {"proprietary but machine-readable",
         [](Dataset& d, MqaInputs&) {
             first_dist(d).format = F + "XLSX";
             first_dist(d).media_type = IANA + "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
         },
         {"formatMediaTypeNonProprietary"}},
        {"open but not machine-readable",
         [](Dataset& d, MqaInputs&) {
             first_dist(d).format = F + "HTML";
             first_dist(d).media_type = IANA + "text/html";
         },
         {"formatMediaTypeMachineInterpretable"}},
        {"PDF",
         [](Dataset& d, MqaInputs&) {
             first_dist(d).format = F + "PDF";
             first_dist(d).media_type = IANA + "application/pdf";
         },
         {"formatMediaTypeNonProprietary", "formatMediaTypeMachineInterpretable"}},
        {"open through the media type only",
         [](Dataset& d, MqaInputs&) { first_dist(d).format = F + "PDF"; },  // media type stays text/csv
         {}},
        {"DCAT-AP violations", [](Dataset&, MqaInputs& in) { in.dcat_ap_violations = 2; }, {"dcatApCompliance"}},
        {"no licence", [](Dataset& d, MqaInputs&) { first_dist(d).licence = {}; },
         {"licenceAvailability", "knownLicence"}},
        {"unknown licence text",
         [](Dataset& d, MqaInputs&) { first_dist(d).licence = {"", "Siehe Nutzungsbedingungen", false}; },
         {"knownLicence"}},
        {"unknown licence IRI",
         [](Dataset& d, MqaInputs&) {
             first_dist(d).licence = {"https://example.org/licence", "https://example.org/licence", false};
         },
         {"knownLicence"}},
        {"licence only in the MQA list",
         [](Dataset& d, MqaInputs&) {
             const std::string mit = "http://europeandataportal.eu/ontologies/od-licenses#MIT";
             first_dist(d).licence = {mit, mit, false};
         },
         {}},
        {"no access rights", [](Dataset& d, MqaInputs&) { d.access_rights.clear(); },
         {"accessRightsAvailability", "accessRightsVocabularyAlignment"}},
        {"access rights outside the EU list",
         [](Dataset& d, MqaInputs&) { d.access_rights = "https://example.org/rights/open"; },
         {"accessRightsVocabularyAlignment"}},
        {"access rights as text",
         [](Dataset& d, MqaInputs&) {
             d.access_rights.clear();
             d.extra.push_back({"http://purl.org/dc/terms/accessRights", {Term::Kind::literal, "frei zugänglich"}, {}});
         },
         {"accessRightsVocabularyAlignment"}},
        {"no contact point", [](Dataset& d, MqaInputs&) { d.contact_points.clear(); }, {"contactPointAvailability"}},
        {"empty contact point", [](Dataset& d, MqaInputs&) { d.contact_points = {ContactPoint{}}; },
         {"contactPointAvailability"}},
        {"no publisher", [](Dataset& d, MqaInputs&) { d.publisher = {}; }, {"publisherAvailability"}},
        {"no rights", [](Dataset& d, MqaInputs&) { first_dist(d).rights.clear(); }, {"rightsAvailability"}},
        {"no byte size", [](Dataset& d, MqaInputs&) { first_dist(d).byte_size.reset(); }, {"byteSizeAvailability"}},
        {"byte size kept as text",
         [](Dataset& d, MqaInputs&) {
             first_dist(d).byte_size.reset();
             first_dist(d).extra.push_back({"http://www.w3.org/ns/dcat#byteSize", {Term::Kind::literal, "1.2 MB"}, {}});
         },
         {}},
        {"issue date only on the dataset", [](Dataset& d, MqaInputs&) { first_dist(d).issued.clear(); }, {}},
        {"issue date only on the distribution", [](Dataset& d, MqaInputs&) { d.issued.clear(); }, {}},
        {"no issue date",
         [](Dataset& d, MqaInputs&) {
             d.issued.clear();
             first_dist(d).issued.clear();
         },
         {"dateIssuedAvailability"}},
        {"no modification date",
         [](Dataset& d, MqaInputs&) {
             d.modified.clear();
             first_dist(d).modified.clear();
         },
         {"dateModifiedAvailability"}},
        {"spatial only as geocoding URI",
         [](Dataset& d, MqaInputs&) {
             d.political_geocoding_uris = d.spatial;
             d.spatial.clear();
         },
         {}},
        {"spatial only as a geometry",
         [](Dataset& d, MqaInputs&) {
             d.spatial.clear();
             d.extra.push_back({"http://www.w3.org/ns/locn#geometry",
                                {Term::Kind::literal, R"({"type": "Point", "coordinates": [6.6, 51.4]})"},
                                {}});
         },
         {}},
    };
    return cases;
}

}  // namespace

TEST(Mqa, EachIndicatorPassesAndFails) {
    for (const Breakage& b : breakages()) {
        SCOPED_TRACE(b.name);
        Dataset d = good_dataset();
        MqaInputs inputs = all_known();
        b.apply(d, inputs);
        const MqaResult r = assess(d, inputs);
        expect_consistent(r.score);
        EXPECT_EQ(failed_ids(r.score), b.fails);
        int lost = 0;
        for (const auto& def : mqa_indicators()) {
            const IndicatorResult& result = r.score.indicator(def.indicator);
            const bool fails = b.fails.contains(std::string(def.id));
            EXPECT_EQ(result.passed, !fails) << def.id;
            EXPECT_EQ(result.points, fails ? def.false_score : def.true_score) << def.id;
            const auto findings = findings_for(r, def.id);
            const auto warnings = std::count_if(findings.begin(), findings.end(),
                                                [](const Finding* f) { return f->severity != Severity::info; });
            if (!fails) {
                EXPECT_EQ(warnings, 0) << def.id;
                continue;
            }
            lost += def.true_score - def.false_score;
            ASSERT_EQ(findings.size(), 1u) << def.id;
            const Finding& f = *findings.front();
            EXPECT_EQ(f.points_lost, def.true_score - def.false_score) << def.id;
            EXPECT_FALSE(f.message_en.empty());
            EXPECT_FALSE(f.message_de.empty());
            EXPECT_FALSE(f.fix_en.empty());
            EXPECT_FALSE(f.fix_de.empty());
            EXPECT_FALSE(f.path.empty() && def.indicator != Indicator::dcat_ap_compliance) << def.id;
            EXPECT_EQ(f.distribution.has_value(), def.level == Level::distribution) << def.id;
        }
        EXPECT_EQ(r.score.total, 405 - lost);
    }
}

TEST(Mqa, MissingFormatCostsItsNegativeScore) {
    Dataset d = good_dataset();
    first_dist(d).format.clear();
    first_dist(d).format_original.clear();
    const MqaResult r = assess(d);
    EXPECT_EQ(r.score.indicator(Indicator::format_availability).points, -5);
    // 20 not earned, 5 taken, and the 10 of the vocabulary alignment
    EXPECT_EQ(r.score.total, 405 - 25 - 10);
    EXPECT_EQ(r.score.dimension(Dimension::interoperability), 110 - 35);
}

TEST(Mqa, EmptyRecordIsBadAndLosesNoMoreThanZeroForDistributions) {
    Dataset d;
    d.iri = "https://example.org/dataset/empty";
    const MqaResult r = assess(d, MqaInputs{});
    expect_consistent(r.score);
    EXPECT_EQ(r.score.total, 0);
    EXPECT_EQ(r.score.rating, Rating::bad);
    EXPECT_FALSE(r.score.best_distribution);
    for (const auto& def : mqa_indicators()) {
        const IndicatorResult& result = r.score.indicator(def.indicator);
        if (def.indicator == Indicator::dcat_ap_compliance) {
            EXPECT_FALSE(result.passed.has_value());  // not validated
        } else {
            EXPECT_EQ(result.passed, false) << def.id;
        }
        EXPECT_EQ(result.points, 0) << def.id;
        if (def.level == Level::distribution) {
            EXPECT_EQ(result.distributions, (Share{0, 0, 0, 0})) << def.id;
            const auto findings = findings_for(r, def.id);
            ASSERT_EQ(findings.size(), 1u) << def.id;
            EXPECT_EQ(findings.front()->path, "dcat:distribution");
            EXPECT_EQ(findings.front()->points_lost, def.true_score);
            EXPECT_EQ(findings.front()->message_en.rfind("The dataset has no distribution", 0), 0u);
        }
    }
}

TEST(Mqa, DatasetWithoutDistributionsKeepsItsDatasetLevelPoints) {
    Dataset d = good_dataset();
    d.distributions.clear();
    const MqaResult r = assess(d);
    expect_consistent(r.score);
    // keywords, themes, spatial, temporal, DCAT-AP, access rights (2), contact point, publisher
    EXPECT_EQ(r.score.total, 30 + 30 + 20 + 20 + 30 + 10 + 5 + 20 + 10);
    EXPECT_EQ(r.score.indicator(Indicator::date_issued_availability).passed, false);  // no fallback without a distribution
    EXPECT_EQ(r.score.rating, Rating::sufficient);
}

// ---------------------------------------------------------------- distributions

TEST(Mqa, BestDistributionCarriesThePointsAndSharesCountAll) {
    Dataset d = good_dataset();
    Distribution bad;
    bad.title = {{"Haushalt 2023 (PDF)", "de"}};
    bad.access_urls = {"https://example.org/haushalt-2023.pdf"};
    bad.format = F + "PDF";
    d.distributions.insert(d.distributions.begin(), bad);  // the bad one first
    MqaInputs inputs = all_known();
    inputs.links = links({{page_url, answered(200, "text/html")},
                          {file_url, answered(200)},
                          {"https://example.org/haushalt-2023.pdf", answered(404, "text/html")}});
    const MqaResult r = assess(d, inputs);
    expect_consistent(r.score);
    EXPECT_EQ(r.score.best_distribution, 1u);
    EXPECT_EQ(r.score.total, 405);
    const Share one_of_two{1, 1, 0, 2};
    for (const auto id : {"accessUrlStatusCode", "downloadUrlAvailability", "downloadUrlStatusCode",
                          "mediaTypeAvailability", "formatMediaTypeVocabularyAlignment",
                          "formatMediaTypeNonProprietary", "formatMediaTypeMachineInterpretable", "licenceAvailability",
                          "knownLicence", "rightsAvailability", "byteSizeAvailability"}) {
        EXPECT_EQ(r.score.indicator(*indicator_by_id(id)).distributions, one_of_two) << id;
    }
    // the PDF has a format, and both dates come from the dataset
    for (const auto id : {"formatAvailability", "dateIssuedAvailability", "dateModifiedAvailability"}) {
        EXPECT_EQ(r.score.indicator(*indicator_by_id(id)).distributions, (Share{2, 0, 0, 2})) << id;
    }
    // the bad distribution's failures are reported, but cost the total nothing
    const auto licence = findings_for(r, "licenceAvailability");
    ASSERT_EQ(licence.size(), 1u);
    EXPECT_EQ(licence.front()->distribution, 0u);
    EXPECT_EQ(licence.front()->points_lost, 0);
    EXPECT_EQ(licence.front()->message_en, "Distribution 'Haushalt 2023 (PDF)' has no licence.");
    EXPECT_EQ(licence.front()->message_de, "Die Distribution „Haushalt 2023 (PDF)“ hat keine Lizenz.");
    EXPECT_EQ(licence.front()->fix_en.rfind("Add dct:license", 0), 0u);
    EXPECT_NE(licence.front()->fix_en.find("http://dcat-ap.de/def/licenses/dl-by-de/2.0"), std::string::npos);
    const auto broken = findings_for(r, "accessUrlStatusCode");
    ASSERT_EQ(broken.size(), 1u);
    EXPECT_EQ(broken.front()->value, "https://example.org/haushalt-2023.pdf");
    EXPECT_NE(broken.front()->message_en.find("answers HTTP 404"), std::string::npos);
}

TEST(Mqa, BestDistributionIsTheFirstOnATie) {
    Dataset d = good_dataset();
    d.distributions.push_back(good_distribution("Haushalt 2023 (Kopie)"));
    const MqaResult r = assess(d);
    EXPECT_EQ(r.score.best_distribution, 0u);
    EXPECT_EQ(r.score.total, 405);
}

TEST(Mqa, BestDistributionWeighsNegativeScores) {
    // one distribution without format and media type (both -5, and no
    // alignment, non-proprietary or machine-readable points: 90 less), one
    // without byte size and rights (10 less)
    Dataset d = good_dataset();
    Distribution no_format = good_distribution("ohne Format");
    no_format.format.clear();
    no_format.media_type.clear();
    Distribution no_size = good_distribution("ohne Größe");
    no_size.byte_size.reset();
    no_size.rights.clear();
    d.distributions = {no_format, no_size};
    const MqaResult r = assess(d);
    EXPECT_EQ(r.score.best_distribution, 1u);
    EXPECT_EQ(r.score.total, 405 - 10);
}

TEST(Mqa, DatesFallBackToTheDataset) {
    Dataset d = good_dataset();
    first_dist(d).issued.clear();
    first_dist(d).modified.clear();
    d.distributions.push_back(first_dist(d));
    MqaResult r = assess(d);
    EXPECT_EQ(r.score.indicator(Indicator::date_issued_availability).passed, true);
    EXPECT_EQ(r.score.indicator(Indicator::date_modified_availability).distributions, (Share{2, 0, 0, 2}));
    d.modified.clear();
    d.distributions[1].modified = "2024-02-01";
    r = assess(d);
    EXPECT_EQ(r.score.indicator(Indicator::date_modified_availability).passed, true);  // the second one has it
    EXPECT_EQ(r.score.best_distribution, 1u);
    EXPECT_EQ(r.score.indicator(Indicator::date_modified_availability).distributions, (Share{1, 1, 0, 2}));
}

// ---------------------------------------------------------------- links

TEST(Mqa, UncheckedLinksAreUnknownNotFailures) {
    Dataset d = good_dataset();
    MqaInputs inputs;  // nothing checked, not validated
    const MqaResult r = assess(d, inputs);
    expect_consistent(r.score);
    for (const auto i : {Indicator::access_url_status_code, Indicator::download_url_status_code,
                         Indicator::dcat_ap_compliance}) {
        EXPECT_FALSE(r.score.indicator(i).passed.has_value()) << definition(i).id;
        EXPECT_EQ(r.score.indicator(i).points, 0);
        EXPECT_TRUE(findings_for(r, definition(i).id).empty());
    }
    EXPECT_EQ(r.score.indicator(Indicator::access_url_status_code).distributions, (Share{0, 0, 1, 1}));
    EXPECT_EQ(r.score.total, 405 - 50 - 30 - 30);
    EXPECT_TRUE(r.findings.empty());
}

TEST(Mqa, LinkKnownButNotYetCheckedIsUnknown) {
    LinkState pending;  // checked = false
    MqaInputs inputs = all_known();
    inputs.links = links({{page_url, pending}, {file_url, pending}});
    const MqaResult r = assess(good_dataset(), inputs);
    EXPECT_FALSE(r.score.indicator(Indicator::access_url_status_code).passed.has_value());
    EXPECT_FALSE(r.score.indicator(Indicator::download_url_status_code).passed.has_value());
}

TEST(Mqa, SeveralUrlsAllCheckedOnesMustPass) {
    const Dataset d = good_dataset();  // access URLs: page and file
    auto access = [&](std::map<std::string, LinkState> states) {
        MqaInputs inputs = all_known();
        inputs.links = links(std::move(states));
        return assess(d, inputs).score.indicator(Indicator::access_url_status_code).passed;
    };
    EXPECT_EQ(access({{page_url, answered(200)}, {file_url, answered(301)}}), true);
    EXPECT_EQ(access({{page_url, answered(200)}, {file_url, answered(399)}}), true);
    EXPECT_EQ(access({{page_url, answered(200)}, {file_url, answered(400)}}), false);
    EXPECT_EQ(access({{page_url, answered(199)}, {file_url, answered(200)}}), false);
    EXPECT_EQ(access({{page_url, answered(200)}}), std::nullopt);          // the file is not checked yet
    EXPECT_EQ(access({{page_url, answered(500)}}), false);                 // one failed: unknown ones do not matter
    EXPECT_EQ(access({}), std::nullopt);
}

TEST(Mqa, BrokenLinkFindingNamesUrlAndFailure) {
    Dataset d = good_dataset();
    MqaInputs inputs = all_known();
    LinkState refused = answered(0, "");
    refused.error = "connection refused";
    inputs.links = links({{page_url, answered(200, "text/html")}, {file_url, refused}});
    const MqaResult r = assess(d, inputs);
    const auto f = findings_for(r, "downloadUrlStatusCode");
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f.front()->message_en,
              "The download URL https://example.org/haushalt-2023.csv of distribution 'Haushalt 2023 (CSV)' does "
              "not work: there is no answer (connection refused).");
    EXPECT_EQ(f.front()->path, "dcat:downloadURL");
    EXPECT_EQ(f.front()->points_lost, 30);
}

// ---------------------------------------------------------------- fix hints

TEST(MqaFindings, UnknownDistributionNamedByItsUrl) {
    Dataset d = good_dataset();
    first_dist(d).title.clear();
    first_dist(d).rights.clear();
    const MqaResult r = assess(d);
    const auto f = findings_for(r, "rightsAvailability");
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f.front()->message_en, "Distribution 1 (" + file_url + ") has no rights statement (dct:rights).");
}

TEST(MqaFindings, GermanTitleIsPreferred) {
    Dataset d = good_dataset();
    first_dist(d).title = {{"Budget 2023", "en"}, {"Haushalt 2023", "de"}};
    first_dist(d).rights.clear();
    const MqaResult r = assess(d);
    const auto f = findings_for(r, "rightsAvailability");
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f.front()->message_de, "Die Distribution „Haushalt 2023“ hat keinen Rechtehinweis (dct:rights).");
}

TEST(MqaFindings, SuggestionsFromWhatErnteKnows) {
    Dataset d = good_dataset();
    Distribution& dist = first_dist(d);
    dist.format.clear();
    dist.format_original.clear();
    dist.byte_size.reset();
    dist.media_type.clear();
    dist.media_type_original.clear();
    MqaInputs inputs = all_known();
    inputs.links = links({{page_url, answered(200, "text/html")},
                          {file_url, answered(200, "text/csv; charset=utf-8", 4711)}});
    MqaResult r = assess(d, inputs);
    auto format = findings_for(r, "formatAvailability");
    ASSERT_EQ(format.size(), 1u);
    EXPECT_NE(format.front()->fix_en.find(F + "CSV (the server sends text/csv; charset=utf-8)"), std::string::npos)
        << format.front()->fix_en;
    auto size = findings_for(r, "byteSizeAvailability");
    ASSERT_EQ(size.size(), 1u);
    EXPECT_NE(size.front()->fix_en.find("e.g. 4711 as the server reports"), std::string::npos) << size.front()->fix_en;
    // the media type of a known format
    dist.format = F + "JSON";
    r = assess(d, inputs);
    auto media = findings_for(r, "mediaTypeAvailability");
    ASSERT_EQ(media.size(), 1u);
    EXPECT_NE(media.front()->fix_en.find(IANA + "application/json (the media type of JSON)"), std::string::npos)
        << media.front()->fix_en;
}

TEST(MqaFindings, ContactPointHintUsesAKnownAddress) {
    Dataset d = good_dataset();
    d.contact_points.clear();
    d.maintainers = {Agent{.name = "Kämmerei", .email = "kaemmerei@example.org"}};
    const MqaResult r = assess(d);
    const auto f = findings_for(r, "contactPointAvailability");
    ASSERT_EQ(f.size(), 1u);
    EXPECT_NE(f.front()->fix_en.find("e.g. mailto:kaemmerei@example.org"), std::string::npos);
}

TEST(MqaFindings, DataServiceDistributionWithoutDownloadIsAdvice) {
    Dataset d = good_dataset();
    first_dist(d).download_urls.clear();
    first_dist(d).access_urls = {page_url};
    first_dist(d).access_service = "https://example.org/api";
    const MqaResult r = assess(d);
    const auto f = findings_for(r, "downloadUrlAvailability");
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f.front()->severity, Severity::info);
    EXPECT_EQ(f.front()->points_lost, 20);  // the points are still lost
    EXPECT_NE(f.front()->fix_en.find("K41"), std::string::npos);
}

TEST(MqaFindings, ManyFailingDistributionsAreSummarised) {
    Dataset d = good_dataset();
    for (int i = 0; i < 14; ++i) {
        Distribution dist = good_distribution("Teil " + std::to_string(i));
        dist.rights.clear();
        d.distributions.push_back(dist);
    }
    const MqaResult r = assess(d);
    EXPECT_EQ(r.score.best_distribution, 0u);
    EXPECT_EQ(r.score.indicator(Indicator::rights_availability).distributions, (Share{1, 14, 0, 15}));
    const auto f = findings_for(r, "rightsAvailability");
    ASSERT_EQ(f.size(), max_distribution_findings + 1);
    EXPECT_EQ(f.back()->message_en, "4 more distributions fail rights availability as well.");
    EXPECT_FALSE(f.back()->distribution.has_value());
    for (const Finding* finding : f) EXPECT_EQ(finding->points_lost, 0);
}

TEST(MqaFindings, LicenceRepairedFromTextNamesTheIri) {
    rapidjson::Document package;
    package.Parse(R"json({"id": "p1", "name": "haushalt-2023", "title": "Haushalt 2023",
        "license_id": "Datenlizenz Deutschland Namensnennung 2.0",
        "resources": [{"id": "r1", "name": "Haushalt 2023 (CSV)", "url": "https://example.org/haushalt-2023.csv",
                       "format": "CSV"}]})json");
    ASSERT_FALSE(package.HasParseError());
    const NormalizeResult normalized =
        normalize_ckan_package(package, vocab(), {"test", "https://example.org", {C + "openNRW"}});
    ASSERT_TRUE(normalized.dataset);
    const MqaResult r = assess(*normalized.dataset);
    EXPECT_EQ(r.score.indicator(Indicator::known_licence).passed, true);
    const auto f = findings_for(r, "knownLicence");
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f.front()->severity, Severity::info);
    EXPECT_EQ(f.front()->points_lost, 0);
    EXPECT_FALSE(f.front()->distribution.has_value());  // the dataset's licence, inherited by the resource
    EXPECT_EQ(f.front()->value, "Datenlizenz Deutschland Namensnennung 2.0");
    EXPECT_EQ(f.front()->fix_en,
              "Publish dct:license <http://dcat-ap.de/def/licenses/dl-by-de/2.0> instead of the text 'Datenlizenz "
              "Deutschland Namensnennung 2.0'.");
    EXPECT_EQ(f.front()->fix_de,
              "dct:license <http://dcat-ap.de/def/licenses/dl-by-de/2.0> statt des Textes „Datenlizenz Deutschland "
              "Namensnennung 2.0“ veröffentlichen.");
}

TEST(MqaFindings, RepairsFromDcatNotesAreInfo) {
    Dataset d = good_dataset();
    Distribution& dist = first_dist(d);
    dist.licence = {L + "dl-by-de/2.0", "http://dcat-ap.de/def/licenses/dl-by-de/2_0", true};
    dist.format_original = "CSV";
    dist.media_type_original = "text/csv";
    d.notes = {{"distribution[0].licence", "licence written as " + L + "dl-by-de/2.0", dist.licence.original},
               {"distribution[0].format", "format given as text; written as " + F + "CSV", "CSV"},
               {"distribution[0].media_type", "media type given as text", "text/csv"},
               {"themes", "theme given as text; written as " + T + "GOVE", "Regierung und öffentlicher Sektor"}};
    const MqaResult r = assess(d);
    EXPECT_EQ(r.score.total, 405);
    for (const auto& f : r.findings) EXPECT_EQ(f.severity, Severity::info) << f.rule << ": " << f.message_en;
    auto licence = findings_for(r, "knownLicence");
    ASSERT_EQ(licence.size(), 1u);
    EXPECT_EQ(licence.front()->distribution, 0u);
    EXPECT_EQ(licence.front()->fix_en, "Publish dct:license <" + L + "dl-by-de/2.0> instead of <" + L +
                                           "dl-by-de/2_0>.");
    auto format = findings_for(r, "formatAvailability");
    ASSERT_EQ(format.size(), 1u);
    EXPECT_EQ(format.front()->fix_en, "Publish dct:format <" + F + "CSV> instead of 'CSV'.");
    auto media = findings_for(r, "mediaTypeAvailability");
    ASSERT_EQ(media.size(), 1u);
    EXPECT_EQ(media.front()->fix_en, "Publish dcat:mediaType <" + IANA + "text/csv> instead of 'text/csv'.");
    auto theme = findings_for(r, "categoryAvailability");
    ASSERT_EQ(theme.size(), 1u);
    EXPECT_EQ(theme.front()->fix_en, "Publish dcat:theme <" + T + "GOVE> instead of 'Regierung und öffentlicher Sektor'.");
}

TEST(MqaFindings, DerivedFormatIsInfo) {
    Dataset d = good_dataset();
    first_dist(d).format_original.clear();
    d.notes = {{"distribution[0].format", "no format given; " + F + "CSV derived from the media type or URL", "text/csv"}};
    const MqaResult r = assess(d);
    const auto f = findings_for(r, "formatAvailability");
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f.front()->severity, Severity::info);
    EXPECT_EQ(f.front()->message_en, "Distribution 'Haushalt 2023 (CSV)' has no dct:format; ernte derived " + F +
                                         "CSV from the media type or the URL.");
}

// ---------------------------------------------------------------- real records

namespace {

/// A CKAN package fixture, normalized; `id` is added when the fixture has
/// none (as package_show returns it).
Dataset normalize_fixture(const std::string& name, const char* id = nullptr) {
    rapidjson::Document doc;
    const std::string json = read_file(std::filesystem::path(ERNTE_TEST_DATA) / "ckan" / name);
    doc.Parse(json.c_str());
    EXPECT_FALSE(doc.HasParseError()) << name;
    if (id != nullptr) doc.AddMember("id", rapidjson::StringRef(id), doc.GetAllocator());
    NormalizeResult result =
        normalize_ckan_package(doc, vocab(), {"moers", "https://www.offenesdatenportal.de/", {C + "openNRW"}});
    EXPECT_TRUE(result.dataset.has_value()) << result.error;
    return result.dataset.value_or(Dataset{});
}

std::map<std::string, std::optional<bool>> outcomes(const MqaScore& s) {
    std::map<std::string, std::optional<bool>> out;
    for (const auto& def : mqa_indicators()) out[std::string(def.id)] = s.indicator(def.indicator).passed;
    return out;
}

}  // namespace

// Stadt Moers, OGD 1.x (tests/data/ckan/moers.json), read by hand: no tags;
// groups verwaltung and wirtschaft_arbeit (GOVE, ECON); no spatial or
// temporal coverage; one resource with url and format application/json
// (JSON, media type application/json) and no download_url, size, rights or
// dates; the licence dl-de-by-1.0 of terms_of_use, inherited; contacts with
// a publisher (veroeffentlichende_stelle) and a contact point
// (ansprechpartner); dates: only "erstellt" 2013-02-15 (the issue date).
TEST(MqaRealRecords, Moers) {
    const Dataset d = normalize_fixture("moers.json");
    ASSERT_EQ(d.distributions.size(), 1u);
    const std::string url = d.distributions[0].access_urls.at(0);
    MqaInputs inputs;
    inputs.links = links({{url, answered(200, "application/json")}});
    const MqaResult r = assess(d, inputs);
    expect_consistent(r.score);
    const std::map<std::string, std::optional<bool>> expected{
        {"keywordAvailability", false},
        {"categoryAvailability", true},
        {"spatialAvailability", false},
        {"temporalAvailability", false},
        {"accessUrlStatusCode", true},
        {"downloadUrlAvailability", false},
        {"downloadUrlStatusCode", false},
        {"formatAvailability", true},
        {"mediaTypeAvailability", true},
        {"formatMediaTypeVocabularyAlignment", true},
        {"formatMediaTypeNonProprietary", true},
        {"formatMediaTypeMachineInterpretable", true},
        {"dcatApCompliance", std::nullopt},
        {"licenceAvailability", true},
        {"knownLicence", true},
        {"accessRightsAvailability", false},
        {"accessRightsVocabularyAlignment", false},
        {"contactPointAvailability", true},
        {"publisherAvailability", true},
        {"rightsAvailability", false},
        {"byteSizeAvailability", false},
        {"dateIssuedAvailability", true},  // from the dataset
        {"dateModifiedAvailability", false},
    };
    EXPECT_EQ(outcomes(r.score), expected);
    EXPECT_EQ(r.score.dimension(Dimension::findability), 30);
    EXPECT_EQ(r.score.dimension(Dimension::accessibility), 50);
    EXPECT_EQ(r.score.dimension(Dimension::interoperability), 80);
    EXPECT_EQ(r.score.dimension(Dimension::reusability), 60);
    EXPECT_EQ(r.score.dimension(Dimension::contextuality), 5);
    EXPECT_EQ(r.score.total, 225);
    EXPECT_EQ(r.score.rating, Rating::good);
    // 10 failed indicators, and the licence id the source should publish as an IRI
    EXPECT_EQ(std::count_if(r.findings.begin(), r.findings.end(),
                            [](const Finding& f) { return f.severity == Severity::warning; }),
              10);
    const auto licence = findings_for(r, "knownLicence");
    ASSERT_EQ(licence.size(), 1u);
    EXPECT_EQ(licence.front()->fix_en,
              "Publish dct:license <http://dcat-ap.de/def/licenses/dl-by-de/1.0> instead of the text 'dl-de-by-1.0'.");
    // without the link check the access URL is unknown: 50 points less, "sufficient"
    const MqaResult unchecked = assess(d, MqaInputs{});
    EXPECT_EQ(unchecked.score.total, 175);
    EXPECT_EQ(unchecked.score.rating, Rating::sufficient);
    EXPECT_FALSE(unchecked.score.indicator(Indicator::access_url_status_code).passed.has_value());
}

// Statistikamt Nord (tests/data/ckan/result_data.json, without an id), read by hand: tag
// "Umwelt "; groups tran, envi, ener; empty temporal extras, null dates; no
// publisher, organization or maintainer (the author is a creator); one PDF
// resource (format "pdf", no mimetype) with url, size 46903 and its own
// licence "dl-by-de/2.0".
TEST(MqaRealRecords, StatistikamtNord) {
    const Dataset d = normalize_fixture("result_data.json", "sh-50625");
    ASSERT_EQ(d.distributions.size(), 1u);
    MqaInputs inputs;
    inputs.links = links({{d.distributions[0].access_urls.at(0), answered(200, "application/pdf", 46903)}});
    const MqaResult r = assess(d, inputs);
    expect_consistent(r.score);
    EXPECT_EQ(failed_ids(r.score),
              (std::set<std::string>{"spatialAvailability", "temporalAvailability", "downloadUrlAvailability",
                                     "downloadUrlStatusCode", "mediaTypeAvailability",
                                     "formatMediaTypeVocabularyAlignment", "formatMediaTypeNonProprietary",
                                     "formatMediaTypeMachineInterpretable", "accessRightsAvailability",
                                     "accessRightsVocabularyAlignment", "contactPointAvailability",
                                     "publisherAvailability", "rightsAvailability", "dateIssuedAvailability",
                                     "dateModifiedAvailability"}));
    EXPECT_EQ(r.score.indicator(Indicator::media_type_availability).points, -5);
    EXPECT_EQ(r.score.dimension(Dimension::findability), 60);
    EXPECT_EQ(r.score.dimension(Dimension::accessibility), 50);
    EXPECT_EQ(r.score.dimension(Dimension::interoperability), 15);
    EXPECT_EQ(r.score.dimension(Dimension::reusability), 30);
    EXPECT_EQ(r.score.dimension(Dimension::contextuality), 5);
    EXPECT_EQ(r.score.total, 160);
    EXPECT_EQ(r.score.rating, Rating::sufficient);
    const auto media = findings_for(r, "mediaTypeAvailability");
    ASSERT_EQ(media.size(), 1u);
    EXPECT_EQ(media.front()->points_lost, 15);
    EXPECT_NE(media.front()->fix_en.find(IANA + "application/pdf (the media type of PDF)"), std::string::npos)
        << media.front()->fix_en;
    const auto contact = findings_for(r, "contactPointAvailability");
    ASSERT_EQ(contact.size(), 1u);
    EXPECT_NE(contact.front()->fix_en.find("mailto:info@statistik-nord.de"), std::string::npos);
    // the resource's own licence id, repaired: named on the distribution
    const auto licence = findings_for(r, "knownLicence");
    ASSERT_EQ(licence.size(), 1u);
    EXPECT_EQ(licence.front()->distribution, 0u);
    EXPECT_EQ(licence.front()->severity, Severity::info);
}

// ---------------------------------------------------------------- JSON

TEST(MqaJson, ShapeOfTheStoredScore) {
    Dataset d = good_dataset();
    d.keywords.clear();
    d.distributions.push_back(good_distribution("Kopie"));
    d.distributions[1].rights.clear();
    MqaInputs inputs = all_known();
    inputs.dcat_ap_violations.reset();
    const MqaScore score = assess(d, inputs).score;
    const std::string json = to_json(score);
    rapidjson::Document doc;
    doc.Parse(json.c_str());
    ASSERT_FALSE(doc.HasParseError()) << json;
    EXPECT_EQ(doc["total"].GetInt(), 405 - 30 - 30);
    EXPECT_EQ(doc["max"].GetInt(), 405);
    EXPECT_STREQ(doc["rating"].GetString(), "good");
    EXPECT_EQ(doc["dimensions"]["findability"].GetInt(), 70);
    EXPECT_EQ(doc["dimensions"]["interoperability"].GetInt(), 80);
    const auto& keyword = doc["indicators"]["keywordAvailability"];
    EXPECT_FALSE(keyword["passed"].GetBool());
    EXPECT_EQ(keyword["points"].GetInt(), 0);
    EXPECT_EQ(keyword["max"].GetInt(), 30);
    EXPECT_FALSE(keyword.HasMember("distributions"));
    EXPECT_TRUE(doc["indicators"]["dcatApCompliance"]["passed"].IsNull());
    const auto& rights = doc["indicators"]["rightsAvailability"];
    EXPECT_TRUE(rights["passed"].GetBool());
    EXPECT_EQ(rights["distributions"]["passed"].GetInt(), 1);
    EXPECT_EQ(rights["distributions"]["of"].GetInt(), 2);
    EXPECT_FALSE(rights["distributions"].HasMember("unknown"));
    EXPECT_EQ(doc["best_distribution"].GetInt(), 0);
    EXPECT_EQ(doc["indicators"].MemberCount(), indicator_count);
}

TEST(MqaJson, ScoreAndFindingsRoundTrip) {
    Dataset d = good_dataset();
    d.spatial.clear();
    first_dist(d).format.clear();
    d.distributions.push_back(good_distribution("Kopie"));
    MqaInputs inputs;
    inputs.links = links({{page_url, answered(200, "text/html")}});
    inputs.dcat_ap_violations = 3;
    const MqaResult r = assess(d, inputs);
    ASSERT_FALSE(r.findings.empty());
    EXPECT_EQ(mqa_score_from_json(to_json(r.score)), r.score);
    EXPECT_EQ(findings_from_json(to_json(r.findings)), r.findings);
    const MqaScore empty = assess(Dataset{}, MqaInputs{}).score;
    EXPECT_EQ(mqa_score_from_json(to_json(empty)), empty);
}

TEST(MqaJson, StoredFormKeepsTheVerdictsAndGivesTheSameScore) {
    Dataset d = good_dataset();
    d.keywords.clear();
    d.distributions.push_back(good_distribution("Kopie"));
    d.distributions[1].rights.clear();
    MqaInputs inputs;
    inputs.links = links({{page_url, answered(200, "text/html")}});  // the download URLs stay unchecked
    inputs.dcat_ap_violations = 2;
    const MqaScore score = assess(d, inputs).score;
    const std::string stored = to_stored_form(score);
    ASSERT_TRUE(stored.starts_with("1:")) << stored;
    // One entry per indicator in table order, then the best distribution.
    std::vector<std::string> entries;
    std::string rest = stored.substr(2, stored.find(';') - 2);
    for (std::size_t at = 0; at != std::string::npos;) {
        const std::size_t comma = rest.find(',', at);
        entries.push_back(rest.substr(at, comma == std::string::npos ? comma : comma - at));
        at = comma == std::string::npos ? comma : comma + 1;
    }
    ASSERT_EQ(entries.size(), indicator_count) << stored;
    const auto entry = [&](Indicator indicator) {
        const auto defs = mqa_indicators();
        for (std::size_t i = 0; i < defs.size(); ++i)
            if (defs[i].indicator == indicator) return entries[i];
        return std::string();
    };
    EXPECT_EQ(entry(Indicator::keyword_availability), "n");
    EXPECT_EQ(entry(Indicator::dcat_ap_compliance), "n");
    EXPECT_EQ(entry(Indicator::category_availability), "y");
    EXPECT_EQ(entry(Indicator::rights_availability), "y1.2.0");         // passed, of, unknown
    EXPECT_EQ(entry(Indicator::download_url_status_code), "u0.2.2");    // not checked yet
    EXPECT_TRUE(stored.ends_with(";0")) << stored;                        // the best distribution
    EXPECT_LT(stored.size(), 150u);

    // Points, dimensions, total and rating come back from the verdicts alone.
    EXPECT_EQ(mqa_score_from_stored(stored), score);
    const MqaScore empty = assess(Dataset{}, MqaInputs{}).score;
    EXPECT_EQ(mqa_score_from_stored(to_stored_form(empty)), empty);
    EXPECT_EQ(empty.indicator(Indicator::download_url_availability).points, 0);  // not the negative false score
    // Rows stored by earlier versions are still read: the report's form, and {id: verdict}.
    EXPECT_EQ(mqa_score_from_stored(to_json(score)), score);
    std::string earlier = "{";
    for (const IndicatorDefinition& def : mqa_indicators()) {
        const IndicatorResult& r = score.indicator(def.indicator);
        const std::string verdict = !r.passed ? "null" : *r.passed ? "true" : "false";
        if (earlier.size() > 1) earlier += ',';
        earlier += "\"" + std::string(def.id) + "\":";
        if (def.level == Level::dataset) {
            earlier += verdict;
        } else {
            const Share share = r.distributions.value_or(Share{});
            earlier += "[" + verdict + "," + std::to_string(share.passed) + "," + std::to_string(share.of) + "," +
                       std::to_string(share.unknown) + "]";
        }
    }
    earlier += ",\"best_distribution\":0}";
    EXPECT_EQ(mqa_score_from_stored(earlier), score);
}

TEST(MqaJson, MalformedStoredFormIsAnError) {
    const std::string good = to_stored_form(assess(good_dataset(), MqaInputs{}).score);
    EXPECT_EQ(mqa_score_from_stored(good), assess(good_dataset(), MqaInputs{}).score);
    // a version this ernte does not know
    EXPECT_THROW(mqa_score_from_stored("2:" + good.substr(2)), std::runtime_error);
    EXPECT_THROW(mqa_score_from_stored(good.substr(0, good.size() / 2)), std::runtime_error);  // truncated
    EXPECT_THROW(mqa_score_from_stored(good + ",y"), std::runtime_error);  // an indicator too many
    std::string bad_verdict = good;
    bad_verdict[2] = 'x';
    EXPECT_THROW(mqa_score_from_stored(bad_verdict), std::runtime_error);
    EXPECT_THROW(mqa_score_from_stored("1:"), std::runtime_error);
    // Earlier JSON forms
    EXPECT_THROW(mqa_score_from_stored("[]"), std::runtime_error);
    EXPECT_THROW(mqa_score_from_stored(R"({"keywordAvailability": "yes"})"), std::runtime_error);
    EXPECT_THROW(mqa_score_from_stored(R"({"rightsAvailability": true})"), std::runtime_error);
    EXPECT_THROW(mqa_score_from_stored(R"({"rightsAvailability": [true, 3, 2, 0]})"), std::runtime_error);
    EXPECT_THROW(mqa_score_from_stored(R"({"rightsAvailability": [true, -1, 2, 0]})"), std::runtime_error);
    // an indicator a newer method added is ignored
    const MqaScore s = mqa_score_from_stored(R"({"keywordAvailability": true, "formatMatch": [true, 1, 1, 0]})");
    EXPECT_EQ(s.total, 30);
}

TEST(MqaJson, AShareCountingMoreThanItsDistributionsIsAnError) {
    std::string stored = to_stored_form(assess(good_dataset(), MqaInputs{}).score);
    const std::size_t share = stored.find("y1.1.0");
    ASSERT_NE(share, std::string::npos) << stored;
    stored.replace(share, 6, "y2.1.0");
    EXPECT_THROW(mqa_score_from_stored(stored), std::runtime_error);
}

TEST(MqaJson, FindingShape) {
    Dataset d = good_dataset();
    first_dist(d).licence = {};
    const MqaResult r = assess(d);
    const std::string json = to_json(r.findings);
    rapidjson::Document doc;
    doc.Parse(json.c_str());
    ASSERT_TRUE(doc.IsArray()) << json;
    ASSERT_EQ(doc.Size(), 2u);  // licenceAvailability and knownLicence
    const auto& f = doc[0];
    EXPECT_STREQ(f["rule"].GetString(), "licenceAvailability");
    EXPECT_STREQ(f["severity"].GetString(), "warning");
    EXPECT_STREQ(f["message"]["en"].GetString(), "Distribution 'Haushalt 2023 (CSV)' has no licence.");
    EXPECT_STREQ(f["message"]["de"].GetString(), "Die Distribution „Haushalt 2023 (CSV)“ hat keine Lizenz.");
    EXPECT_STREQ(f["fix"]["en"].GetString(),
                 "Add dct:license (CKAN: license_id), e.g. http://dcat-ap.de/def/licenses/dl-by-de/2.0 (Datenlizenz "
                 "Deutschland – Namensnennung – Version 2.0).");
    EXPECT_STREQ(f["path"].GetString(), "dct:license");
    EXPECT_EQ(f["distribution"].GetInt(), 0);
    EXPECT_EQ(f["points_lost"].GetInt(), 20);
}

TEST(MqaJson, MalformedInputIsAnError) {
    EXPECT_THROW(mqa_score_from_json("{"), std::runtime_error);
    EXPECT_THROW(mqa_score_from_json("[]"), std::runtime_error);
    EXPECT_THROW(mqa_score_from_json(R"({"rating": "superb"})"), std::runtime_error);
    EXPECT_THROW(mqa_score_from_json(R"({"indicators": {"keywordAvailability": {"passed": "yes"}}})"),
                 std::runtime_error);
    EXPECT_THROW(findings_from_json(R"([{"rule": "x", "severity": "fatal"}])"), std::runtime_error);
    EXPECT_THROW(findings_from_json("{}"), std::runtime_error);
    // an indicator a newer method added is ignored
    const MqaScore s = mqa_score_from_json(R"({"total": 30, "rating": "bad", "indicators": {"formatMatch": {}}})");
    EXPECT_EQ(s.total, 30);
}

TEST(StoredFindings, DefaultsAreLeftOutAndComeBack) {
    std::vector<Finding> findings(5);
    findings[0].rule = "keywordAvailability";  // an MQA indicator with its own path and severity
    findings[0].path = "dcat:keyword";
    findings[0].points_lost = 30;
    findings[1].rule = "downloadUrlAvailability";  // on a distribution
    findings[1].path = "dcat:downloadURL";
    findings[1].distribution = 2;
    findings[1].points_lost = 20;
    findings[2].rule = "knownLicence";  // a repair note: another severity, a value
    findings[2].severity = Severity::info;
    findings[2].path = "dct:license";
    findings[2].distribution = 0;
    findings[2].value = "Datenlizenz \"DL-DE\" \\ 2.0";
    const Rule& rule = rules().front();
    findings[3].rule = std::string(rule.id);  // a rule finding on the rule's path
    findings[3].severity = rule.severity;
    findings[3].path = std::string(rule.path);
    findings[4].rule = "check.notARule";  // an id without defaults: everything is written
    findings[4].severity = Severity::warning;
    findings[4].path = "dct:title";
    const std::string stored = to_stored_findings(findings);
    EXPECT_EQ(stored, "[[\"keywordAvailability\",30],[\"downloadUrlAvailability\",20,2],"
                      "[\"knownLicence\",0,0,\"Datenlizenz \\\"DL-DE\\\" \\\\ 2.0\",\"dct:license\",\"info\"],"
                      "[\"" + std::string(rule.id) + "\"],"
                      "[\"check.notARule\",0,null,\"\",\"dct:title\",\"warning\"]]");
    EXPECT_EQ(findings_from_stored(stored), findings);
    EXPECT_EQ(findings_from_stored("[]"), std::vector<Finding>{});
    // Rows stored by earlier versions: the object form, without texts.
    EXPECT_EQ(findings_from_stored(to_json(findings)), findings);
}

TEST(StoredFindings, MalformedStoredFindingsAreAnError) {
    EXPECT_THROW(findings_from_stored("["), std::runtime_error);
    EXPECT_THROW(findings_from_stored("{}"), std::runtime_error);
    EXPECT_THROW(findings_from_stored("[[]]"), std::runtime_error);
    EXPECT_THROW(findings_from_stored("[[1]]"), std::runtime_error);
    EXPECT_THROW(findings_from_stored(R"([["keywordAvailability","30"]])"), std::runtime_error);
    EXPECT_THROW(findings_from_stored(R"([["keywordAvailability",30,-1]])"), std::runtime_error);
    EXPECT_THROW(findings_from_stored(R"([["keywordAvailability",30,null,"",null]])"), std::runtime_error);
    EXPECT_THROW(findings_from_stored(R"([["keywordAvailability",30,null,"","dcat:keyword","fatal"]])"),
                 std::runtime_error);
    EXPECT_THROW(findings_from_stored(R"([["keywordAvailability",30,null,"","dcat:keyword","info",7]])"),
                 std::runtime_error);
}

// ---------------------------------------------------------------- findings without texts

// The harvest assesses without composing messages and fixes (the store keeps
// findings without them). Everything else about the findings is the same.
TEST(FindingTexts, OmittingTextsChangesNothingElse) {
    Dataset bare_licence = good_dataset();
    first_dist(bare_licence).licence = {};
    Dataset no_distribution = good_dataset();
    no_distribution.distributions.clear();
    no_distribution.keywords.clear();
    Dataset many = good_dataset();
    for (int i = 0; i < 12; ++i) many.distributions.push_back(good_distribution("Teil " + std::to_string(i)));
    for (auto& dist : many.distributions) dist.format.clear();
    Dataset repaired = good_dataset();  // repairs are info findings, found through the normalizer's notes
    repaired.notes = {{"distribution[0].format", "format given as text; written as " + F + "CSV", "CSV"},
                      {"distribution[0].media_type", "media type given as text", "text/csv"}};
    first_dist(repaired).media_type_original = "text/csv";
    first_dist(repaired).licence.original = "Datenlizenz Deutschland Namensnennung 2.0";
    const std::vector<std::pair<std::string, Dataset>> records{
        {"moers", normalize_fixture("moers.json")},
        {"result_data", normalize_fixture("result_data.json", "sh-50625")},
        {"empty", Dataset{}},
        {"no licence", bare_licence},
        {"no distribution", no_distribution},
        {"twelve formats missing", many},
        {"repaired values", repaired},
    };
    const LinkLookup checked = links({{page_url, answered(404, "text/html")}, {file_url, answered(200, "text/html")}});
    for (const auto& [name, d] : records) {
        SCOPED_TRACE(name);
        const Assessment with = assess_record(d, vocab(), checked, "2026-11-22", FindingTexts::compose);
        const Assessment without = assess_record(d, vocab(), checked, "2026-11-22", FindingTexts::omit);
        EXPECT_EQ(without.score, with.score);
        EXPECT_EQ(without.violations, with.violations);
        ASSERT_EQ(without.findings.size(), with.findings.size());
        ASSERT_FALSE(with.findings.empty());
        EXPECT_EQ(to_stored_findings(without.findings), to_stored_findings(with.findings));
        // What the harvest stores, made without Findings, is the same.
        const StoredAssessment stored = assess_for_store(d, vocab(), checked, "2026-11-22");
        EXPECT_EQ(stored.score, without.score);
        EXPECT_EQ(stored.violations, without.violations);
        EXPECT_EQ(stored.stored_score, to_stored_form(without.score));
        EXPECT_EQ(stored.stored_findings, to_stored_findings(without.findings));
        // The stored form keeps everything but the texts (the checks beyond the MQA compose theirs anyway).
        std::vector<Finding> textless = without.findings;
        for (Finding& f : textless) f.message_de = f.message_en = f.fix_de = f.fix_en = "";
        EXPECT_EQ(findings_from_stored(to_stored_findings(without.findings)), textless);
        if (name == "repaired values") {
            // the MQA's repair findings: format, media type, licence
            const std::set<std::string> repairs = {"formatAvailability", "mediaTypeAvailability", "knownLicence"};
            EXPECT_EQ(std::count_if(without.findings.begin(), without.findings.end(),
                                    [&](const Finding& f) {
                                        return f.severity == Severity::info && repairs.contains(f.rule);
                                    }),
                      3)
                << to_stored_findings(without.findings);
        }
        for (std::size_t i = 0; i < with.findings.size(); ++i) {
            const Finding& f = with.findings[i];
            SCOPED_TRACE(f.rule);
            EXPECT_FALSE(f.message_en.empty());
            EXPECT_FALSE(f.message_de.empty());
            EXPECT_FALSE(f.fix_en.empty());
            EXPECT_FALSE(f.fix_de.empty());
            if (f.rule.starts_with("check.")) continue;  // checks beyond the MQA rarely fire; they keep theirs
            EXPECT_TRUE(without.findings[i].message_en.empty());
            EXPECT_TRUE(without.findings[i].fix_de.empty());
        }
    }
}

TEST(FindingList, WritesTheStoredFormAndTheFindings) {
    FindingList list;
    const std::string value = "https://example.org/a \"b\"";
    FindingList::Entry& first = list.add("knownLicence", Severity::info, "dct:license",
                                         FindingDefaults{Severity::warning, "dct:license"});
    first.distribution = 1;
    first.value = value;
    list.set_texts(first, "de", "en", "fix de", "fix en");
    list.add("check.dateInFuture", Severity::warning, list.keep(std::string("dct:issued")), std::nullopt).points_lost =
        5;
    std::string stored;
    list.append_stored(stored);
    EXPECT_EQ(stored, R"([["knownLicence",0,1,"https://example.org/a \"b\"","dct:license","info"],)"
                      R"(["check.dateInFuture",5,null,"","dct:issued","warning"]])");
    const std::vector<Finding> findings = list.take_findings();
    ASSERT_EQ(findings.size(), 2u);
    EXPECT_EQ(findings[0].rule, "knownLicence");
    EXPECT_EQ(findings[0].distribution, std::optional<std::size_t>(1));
    EXPECT_EQ(findings[0].value, value);
    EXPECT_EQ(findings[0].message_de, "de");
    EXPECT_EQ(findings[0].fix_en, "fix en");
    EXPECT_EQ(findings[1].path, "dct:issued");
    EXPECT_EQ(findings[1].points_lost, 5);
    EXPECT_TRUE(findings[1].message_en.empty());
    EXPECT_EQ(to_stored_findings(findings), stored);
}

TEST(JsonPlainPrefix, StopsAtWhatJsonEscapes) {
    EXPECT_EQ(json_plain_prefix(""), 0u);
    EXPECT_EQ(json_plain_prefix("https://example.org/a/long/path/ü"), std::string_view("https://example.org/a/long/path/ü").size());
    for (const char stop : {'"', '\\', '\n', '\x01', '\x1f'}) {
        for (std::size_t at = 0; at < 20; ++at) {
            std::string text(24, 'a');
            text[at] = stop;
            EXPECT_EQ(json_plain_prefix(text), at) << int(stop) << " at " << at;
        }
    }
    EXPECT_EQ(json_plain_prefix(std::string(17, ' ') + "\x7f\x80\xff"), 20u);
}
