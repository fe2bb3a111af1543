#include "tests/support/feed_catalogue.hpp"

#include "catalog/export.hpp"
#include "catalog/store.hpp"
#include "harvester/fetch.hpp"

#include <unistd.h>

#include <random>
#include <sstream>

namespace ernte::testsupport {

FeedCatalogue::FeedCatalogue(std::string body, std::string content_type, std::string path,
                             const catalog::Vocabularies& vocab)
    : m_body(std::move(body)),
      m_type(std::move(content_type)),
      m_path(std::move(path)),
      m_vocab(&vocab),
      m_server([this](const HttpRequest& r) {
          if (r.path != m_path) return HttpResponse::text("not found", "text/plain", 404);
          return HttpResponse::text(m_body, m_type);
      }) {
    m_dir = std::filesystem::temp_directory_path() /
            ("ernte-feed-" + std::to_string(::getpid()) + "-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(m_dir);
    m_config.database = m_dir / "ernte.db";
    m_config.contact = "test@example.org";
    harvester::SourceConfig s;
    s.name = "fixture";
    s.type = harvester::SourceType::dcat;
    s.url = m_server.base_url() + m_path;
    m_config.sources.push_back(s);
    harvester::FetchOptions fo;
    fo.user_agent = harvester::user_agent(m_config);
    fo.retries = 0;
    m_fetcher = std::make_unique<harvester::Fetcher>(fo);
}

FeedCatalogue::~FeedCatalogue() {
    m_server.stop();
    std::error_code ec;
    std::filesystem::remove_all(m_dir, ec);
}

std::string FeedCatalogue::url() const { return m_config.sources[0].url; }

std::string FeedCatalogue::base_url() const { return m_server.base_url(); }

harvester::HarvestResult FeedCatalogue::harvest() {
    harvester::HarvestEnvironment env;
    env.config = &m_config;
    env.fetcher = m_fetcher.get();
    env.vocab = m_vocab;
    harvester::HarvestOptions options;
    options.force_full = true;
    return harvester::harvest_source(env, m_config.sources[0], options);
}

harvester::HarvestResult FeedCatalogue::harvest_url(const std::string& url) {
    m_config.sources[0].url = url;
    return harvest();
}

std::map<std::string, model::Dataset> FeedCatalogue::records() const {
    std::map<std::string, model::Dataset> out;
    catalog::Store store(m_config.database);
    store.for_each_dataset({}, [&](const catalog::CatalogRecord& r) { out.emplace(r.iri, r.dataset); });
    return out;
}

std::string FeedCatalogue::export_catalogue(std::string_view format) const {
    std::ostringstream out;
    auto writer = catalog::make_catalog_writer(format, out);
    catalog::CatalogInfo info;
    info.iri = "https://export.example/catalog";
    info.title = "Export";
    info.description = "Export zum Testen";
    info.publisher_name = "Testamt";
    writer->begin(info);
    catalog::Store store(m_config.database);
    store.for_each_dataset({}, [&](const catalog::CatalogRecord& r) { writer->write_dataset(r.dataset, r.status); });
    writer->end();
    return out.str();
}

}  // namespace ernte::testsupport
