#pragma once
/// A fresh catalogue in a temporary folder and a loopback feed serving one
/// document: harvest a fixture through the real harvest path (fetch, parse,
/// normalize, store) and read back what was stored.

#include "catalog/model.hpp"
#include "catalog/vocab.hpp"
#include "harvester/config.hpp"
#include "harvester/harvest_run.hpp"
#include "tests/support/http_server.hpp"

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace ernte::testsupport {

class FeedCatalogue {
public:
    /// Serves `body` as `content_type` at `path`; the catalogue is empty.
    FeedCatalogue(std::string body, std::string content_type, std::string path, const catalog::Vocabularies& vocab);
    ~FeedCatalogue();
    FeedCatalogue(const FeedCatalogue&) = delete;
    FeedCatalogue& operator=(const FeedCatalogue&) = delete;

    /// The feed's URL (as the source is configured).
    std::string url() const;
    /// The loopback server's base URL ("http://127.0.0.1:PORT").
    std::string base_url() const;

    /// A full harvest of the configured feed (a `type: dcat` source).
    harvester::HarvestResult harvest();
    /// Harvest another feed URL into the same catalogue.
    harvester::HarvestResult harvest_url(const std::string& url);

    /// The catalogue's database file.
    const std::filesystem::path& database() const { return m_config.database; }

    /// The stored records by IRI.
    std::map<std::string, model::Dataset> records() const;
    /// The catalogue exported in `format` (ttl, rdfxml, jsonld) under a fixed catalogue node.
    std::string export_catalogue(std::string_view format) const;

private:
    std::string m_body;
    std::string m_type;
    std::string m_path;
    const catalog::Vocabularies* m_vocab;
    HttpServer m_server;
    std::filesystem::path m_dir;
    harvester::Config m_config;
    std::unique_ptr<harvester::Fetcher> m_fetcher;
};

}  // namespace ernte::testsupport
