#include "harvester/ckan.hpp"

#include <gtest/gtest.h>

using namespace ernte::harvester;

TEST(CkanScan, FindsEnvelopeCountAndExactPackageBytes) {
    const std::string body =
        R"({"help": "h", "success": true, "result": {"count": 2, "sort": "id asc", "results": [)"
        R"({"id": "a1", "name": "baeume", "tags": [{"name": "x"}], "extras": {"id": "nested"}},)"
        "\n  "
        R"({"name": "only-name", "resources": [{"id": "r"}]}], "facets": {}}})";
    const CkanPageScan scan = scan_package_search(body);
    ASSERT_TRUE(scan.ok) << scan.error;
    EXPECT_TRUE(scan.success);
    EXPECT_EQ(scan.count, 2);
    ASSERT_EQ(scan.packages.size(), 2u);
    EXPECT_EQ(scan.packages[0].id, "a1");  // not the nested "id"
    EXPECT_EQ(scan.packages[0].name, "baeume");
    EXPECT_EQ(scan.packages[0].raw,
              R"({"id": "a1", "name": "baeume", "tags": [{"name": "x"}], "extras": {"id": "nested"}})");
    EXPECT_EQ(scan.packages[1].id, "");
    EXPECT_EQ(scan.packages[1].name, "only-name");
    EXPECT_EQ(scan.packages[1].raw, R"({"name": "only-name", "resources": [{"id": "r"}]})");
}

TEST(CkanScan, TruncatedJsonNamesLineAndColumn) {
    const CkanPageScan scan = scan_package_search("{\"success\": true,\n \"result\": {\"count\": 3, \"results\": [{\"id\": \"a\"");
    EXPECT_FALSE(scan.ok);
    EXPECT_EQ(scan.line, 2u);
    EXPECT_NE(scan.error.find("not valid JSON at line 2"), std::string::npos) << scan.error;
}

TEST(CkanScan, NestingDeeperThanTheLimitIsRefusedWithItsPlace) {
    // 100,000 levels would overflow a recursive reader's stack.
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    const std::string body = "{\"success\": true, \"result\": {\"count\": 1, \"results\": [{\"id\": \"a\", "
                             "\"extras\": [{\"key\": \"k\", \"value\": " + deep + "}]}]}}";
    const CkanPageScan scan = scan_package_search(body);
    EXPECT_FALSE(scan.ok);
    EXPECT_TRUE(scan.packages.empty());
    EXPECT_NE(scan.error.find("nested deeper than 100 levels at line 1, column"), std::string::npos) << scan.error;

    // Nesting up to the limit is read.
    const std::size_t room = max_json_depth - 7;  // envelope, result, results, package, extras, extra
    const std::string fits = "{\"success\": true, \"result\": {\"count\": 1, \"results\": [{\"id\": \"a\", "
                             "\"extras\": [{\"key\": \"k\", \"value\": " + std::string(room, '[') +
                             std::string(room, ']') + "}]}]}}";
    const CkanPageScan ok = scan_package_search(fits);
    EXPECT_TRUE(ok.ok) << ok.error;
    ASSERT_EQ(ok.packages.size(), 1u);
    EXPECT_EQ(ok.packages[0].id, "a");
}

TEST(CkanScan, RejectsWhatIsNotAPackageSearchAnswer) {
    EXPECT_NE(scan_package_search(R"({"count": 1})").error.find("no \"success\" field"), std::string::npos);
    EXPECT_NE(scan_package_search(R"({"success": true, "result": []})").error.find("\"result\" is missing or not an object"),
              std::string::npos);
    EXPECT_NE(scan_package_search(R"({"success": true, "result": {"count": 1}})").error.find("result.results"),
              std::string::npos);
    EXPECT_NE(scan_package_search(R"({"success": true, "result": {"count": "1", "results": []}})")
                  .error.find("result.count"),
              std::string::npos);
    EXPECT_NE(scan_package_search("<!DOCTYPE html><html>").error.find("not valid JSON at line 1, column 1"),
              std::string::npos);
    EXPECT_NE(scan_package_search(R"({"success": true, "result": {"count": 0, "results": []}} trailing)")
                  .error.find("unexpected content after the JSON document"),
              std::string::npos);
}

TEST(CkanScan, CkanErrorEnvelopeIsReported) {
    const CkanPageScan scan =
        scan_package_search(R"({"success": false, "error": {"__type": "Search Query Error", "message": "bad fq"}})");
    ASSERT_TRUE(scan.ok);
    EXPECT_FALSE(scan.success);
    EXPECT_EQ(scan.api_error, "bad fq");
}

TEST(CkanScan, NonObjectEntriesAreMarked) {
    const CkanPageScan scan =
        scan_package_search(R"({"success": true, "result": {"count": 3, "results": [1, {"id": "a"}, ["x"]]}})");
    ASSERT_TRUE(scan.ok);
    ASSERT_EQ(scan.packages.size(), 3u);
    EXPECT_FALSE(scan.packages[0].is_object);
    EXPECT_TRUE(scan.packages[1].is_object);
    EXPECT_FALSE(scan.packages[2].is_object);
}

TEST(CkanScan, InvalidUtf8IsRejected) {
    const std::string body = std::string(R"({"success": true, "result": {"count": 1, "results": [{"id": "a", "title": ")") +
                             "\xff\xfe" + R"("}]}})";
    const CkanPageScan scan = scan_package_search(body);
    EXPECT_FALSE(scan.ok);
    EXPECT_NE(scan.error.find("line 1"), std::string::npos) << scan.error;
}

TEST(CkanUrls, BaseUrlVariants) {
    EXPECT_EQ(ckan_action_base("https://www.offenesdatenportal.de"), "https://www.offenesdatenportal.de/api/3/action");
    EXPECT_EQ(ckan_action_base("https://x.de/"), "https://x.de/api/3/action");
    EXPECT_EQ(ckan_action_base("https://x.de/ckan/api/3/action/"), "https://x.de/ckan/api/3/action");
    EXPECT_EQ(ckan_action_base("https://x.de/api/3"), "https://x.de/api/3/action");
    EXPECT_EQ(ckan_portal_root("https://x.de/ckan/api/3/action"), "https://x.de/ckan");
}

TEST(CkanUrls, PackageSearchIsStableAndIncremental) {
    EXPECT_EQ(package_search_url("https://x.de/api/3/action", 1000, 2000, ""),
              "https://x.de/api/3/action/package_search?q=*:*&sort=id%20asc&rows=1000&start=2000");
    EXPECT_EQ(package_search_url("https://x.de/api/3/action", 10, 0, "2026-11-21T01:00:00Z"),
              "https://x.de/api/3/action/package_search?q=*:*&sort=id%20asc&rows=10&start=0"
              "&fq=metadata_modified%3A%5B2026-11-21T01%3A00%3A00Z%20TO%20%2A%5D");
}

TEST(CkanScan, ScansAViewWithoutCopyingOrReadingPastIt) {
    const std::string buffer =
        R"({"success": true, "result": {"count": 1, "results": [{"id": "a"}]}}{"this is": "not part of the view"})";
    const std::string_view page(buffer.data(), buffer.find("}}") + 2);
    const CkanPageScan scan = scan_package_search(page);
    ASSERT_TRUE(scan.ok) << scan.error;
    ASSERT_EQ(scan.packages.size(), 1u);
    EXPECT_EQ(scan.packages[0].raw, R"({"id": "a"})");
    EXPECT_GE(scan.packages[0].raw.data(), buffer.data());  // points into the caller's bytes
    EXPECT_LT(scan.packages[0].raw.data(), buffer.data() + buffer.size());
}
