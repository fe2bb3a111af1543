// A feed page filtered by the GovData profile costs about what a page
// without it costs, also at 100,000 datasets (ERNTE_SPEED_DATASETS to
// change the number): the verdicts are judged once and then only read.

#include "catalog/api/service.hpp"
#include "catalog/forward_profile.hpp"
#include "catalog/hash.hpp"
#include "catalog/store.hpp"
#include "catalog/vocab.hpp"
#include "tests/support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>

using namespace ernte;

namespace {

model::Dataset record(std::int64_t i) {
    model::Dataset d;
    const std::string key = "d" + std::to_string(i);
    d.iri = "https://daten.example.org/dataset/" + key;
    d.identifier = key;
    d.source_id = key;
    d.title = {{"Datensatz " + std::to_string(i), "de"}};
    d.publisher.name = "Stadt Moers";
    // Every tenth record lacks its contributor ID and is held back.
    if (i % 10 != 0) d.contributor_ids = {"http://dcat-ap.de/def/contributors/openNRW"};
    model::Distribution dist;
    dist.access_urls = {"https://daten.example.org/files/" + key + ".csv"};
    dist.licence.iri = "http://dcat-ap.de/def/licenses/dl-by-de/2.0";
    dist.licence.known = true;
    d.distributions.push_back(dist);
    return d;
}

double median_ms(catalog::api::Service& service, const std::vector<std::string>& targets) {
    std::vector<double> times;
    for (int round = 0; round < 3; ++round) {
        for (const auto& target : targets) {
            const auto started = std::chrono::steady_clock::now();
            const auto response = service.handle_request(catalog::api::Request::get(target));
            times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count());
            EXPECT_EQ(response.status, 200) << target << ": " << response.body.substr(0, 300);
        }
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

}  // namespace

// A measurement, not a check: run it by hand with --gtest_also_run_disabled_tests.
TEST(ProfileFeedSpeed, DISABLED_APageWithTheProfileAgainstAPageWithout) {
    const char* env = std::getenv("ERNTE_SPEED_DATASETS");
    const std::int64_t n = env != nullptr ? std::atoll(env) : 100'000;
    testsupport::TempDir dir("ernte-profile-speed");
    {
        catalog::Store store(dir.path() / "ernte.db");
        const auto source = store.ensure_source({"moers", "ckan", "https://moers.example.org", 0});
        const auto run = store.begin_run(source, catalog::RunMode::full);
        for (std::int64_t i = 0; i < n;) {
            catalog::Store::Transaction transaction(store);
            for (std::int64_t end = std::min(n, i + 5000); i < end; ++i) {
                catalog::SourceRecord r;
                r.dataset = record(i);
                r.source_key = r.dataset.source_id;
                r.raw = model::to_json(r.dataset);
                r.content_hash = catalog::content_hash(r.raw);
                store.upsert(source, run, r);
            }
            transaction.commit();
        }
        store.finish_run(run, catalog::RunStatus::succeeded, {}, "");
    }
    const auto vocab = catalog::Vocabularies::load(ERNTE_SOURCE_DIR "/schemas/vocab");
    catalog::api::ServiceOptions options;
    options.database = dir.path() / "ernte.db";
    catalog::api::Service service(options, vocab);

    const auto started = std::chrono::steady_clock::now();
    const auto first = service.handle_request(catalog::api::Request::get("/catalog.ttl?profile=govdata"));
    ASSERT_EQ(first.status, 200);
    const double judging =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();

    const std::int64_t qualifying = n - (n + 9) / 10;
    const std::int64_t last = std::max<std::int64_t>(1, (qualifying + 99) / 100);
    std::vector<std::string> plain, profiled;
    for (const std::int64_t page : {std::int64_t{1}, last / 2 + 1, last}) {
        plain.push_back("/catalog.ttl?page=" + std::to_string(page));
        profiled.push_back("/catalog.ttl?profile=govdata&page=" + std::to_string(page));
    }
    const double without = median_ms(service, plain);
    const double with = median_ms(service, profiled);
    std::printf("%lld datasets: first profile page (judging all) %.0f ms; a page %.1f ms without the profile, %.1f ms "
                "with it\n",
                static_cast<long long>(n), judging, without, with);
}
