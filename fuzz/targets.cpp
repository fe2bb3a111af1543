#include "fuzz/targets.hpp"

#include "catalog/api/service.hpp"
#include "catalog/ckan_package.hpp"
#include "catalog/model.hpp"
#include "catalog/normalize.hpp"
#include "catalog/normalize_dcat.hpp"
#include "catalog/rdf.hpp"
#include "catalog/vocab.hpp"
#include "harvester/ckan.hpp"
#include "harvester/config.hpp"
#include "tests/support/feed_catalogue.hpp"

#include <rapidjson/document.h>

#include <array>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>

namespace ernte::fuzz {
namespace {

namespace rdf = catalog::rdf;

/// A property every target checks: what the store keeps of a record reads
/// back as the same record. A difference aborts, so the fuzzer reports it.
void check_record_round_trip(const model::Dataset& dataset) {
    const std::string json = model::to_json(dataset);
    if (model::dataset_from_json(json) != dataset) {
        std::cerr << "fuzz: the record JSON does not read back as the same record:\n" << json << "\n";
        std::abort();
    }
}

const catalog::Vocabularies& vocabularies() {
    static const catalog::Vocabularies vocab = catalog::Vocabularies::load(harvester::default_vocabulary_dir());
    return vocab;
}

const catalog::CkanVocabulary& ckan_vocabulary() {
    static const catalog::CkanVocabulary vocab =
        catalog::CkanVocabulary::load(harvester::default_vocabulary_dir(), vocabularies());
    return vocab;
}

/// One page of a DCAT feed in `syntax`, read and mapped as the DCAT harvester
/// does it (harvester/dcat.cpp): the graph, every dataset's record and its
/// N-Triples fragment, and the record as the CKAN API shows it.
void dcat_page(rdf::Syntax syntax, std::string_view input) {
    rdf::Graph graph;
    rdf::ReadOptions options;
    options.base_iri = "https://portal.example.org/catalog";
    const rdf::ParseResult parsed = rdf::read(syntax, input, options, [&](const rdf::Triple& t) { graph.add(t); });
    if (!parsed) return;
    catalog::NormalizeContext context;
    context.source_name = "fuzz";
    context.portal_url = "https://portal.example.org";
    for (const rdf::Term& resource : catalog::dcat_resources(graph)) {
        const std::string raw = catalog::resource_ntriples(graph, resource);
        (void)raw;
        const catalog::NormalizeResult result = catalog::normalize_dcat_resource(graph, resource, vocabularies(), context);
        if (!result.dataset) continue;
        check_record_round_trip(*result.dataset);
        (void)catalog::ckan_package_json(*result.dataset, {}, ckan_vocabulary());
    }
}

void rdfxml(std::string_view input) { dcat_page(rdf::Syntax::rdfxml, input); }
void turtle(std::string_view input) { dcat_page(rdf::Syntax::turtle, input); }
void jsonld(std::string_view input) { dcat_page(rdf::Syntax::jsonld, input); }

/// A package_search answer of a CKAN portal, scanned and mapped as the CKAN
/// harvester does it (harvester/ckan.cpp), and each record written back as a
/// CKAN package dict (catalog/ckan_package.cpp).
void ckan_package(std::string_view input) {
    const harvester::CkanPageScan scan = harvester::scan_package_search(input);
    if (!scan.ok) return;
    catalog::NormalizeContext context;
    context.source_name = "fuzz";
    context.portal_url = "https://portal.example.org";
    rapidjson::Document doc;
    for (const auto& slice : scan.packages) {
        if (!slice.is_object) continue;
        doc.Parse(slice.raw.data(), slice.raw.size());
        if (doc.HasParseError()) continue;
        const catalog::NormalizeResult result = catalog::normalize_ckan_package(doc, vocabularies(), context);
        if (!result.dataset) continue;
        check_record_round_trip(*result.dataset);
        (void)catalog::ckan_package_json(*result.dataset, {}, ckan_vocabulary());
    }
}

/// A configuration file (harvester/config.cpp): a ConfigError is the
/// expected answer to a bad one.
void config(std::string_view input) {
    try {
        (void)harvester::parse_config(std::string(input), "fuzz.yaml");
    } catch (const harvester::ConfigError&) {
    }
}

/// A catalogue with real records to answer requests from: the fixture feed
/// tests/data/export/catalogue.rdf harvested once into a temporary database.
class RequestCatalogue {
public:
    RequestCatalogue() {
        std::ifstream in(ERNTE_SOURCE_DIR "/tests/data/export/catalogue.rdf", std::ios::binary);
        std::ostringstream body;
        body << in.rdbuf();
        m_feed = std::make_unique<testsupport::FeedCatalogue>(body.str(), "application/rdf+xml", "/catalog.rdf",
                                                              vocabularies());
        m_feed->harvest();
        catalog::api::ServiceOptions options;
        options.database = m_feed->database();
        options.catalog.iri = "https://portal.example.org/catalog";
        options.admin_token = "fuzz-admin-token-0123456789";
        m_service = std::make_unique<catalog::api::Service>(options, vocabularies());
    }
    catalog::api::Service& service() { return *m_service; }

private:
    std::unique_ptr<testsupport::FeedCatalogue> m_feed;
    std::unique_ptr<catalog::api::Service> m_service;
};

/// An HTTP request to `ernte serve`'s handler (catalog/api/service.cpp), as
/// text: "METHOD TARGET" on the first line, "Name: value" header lines up to
/// an empty line, then the body. Checks that the answer is a real HTTP
/// status and that nothing answers 500 (a 500 means an endpoint failed
/// where it should have said what was wrong with the request).
void http_request(std::string_view input) {
    static RequestCatalogue catalogue;
    catalog::api::Request request;
    request.peer = "127.0.0.1";
    auto next_line = [&input]() {
        const std::size_t end = input.find('\n');
        std::string_view line = input.substr(0, end);
        input = end == std::string_view::npos ? std::string_view{} : input.substr(end + 1);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        return line;
    };
    const std::string_view first = next_line();
    const std::size_t space = first.find(' ');
    if (space == std::string_view::npos) return;
    request.method = std::string(first.substr(0, space));
    std::string_view target = first.substr(space + 1);
    target = target.substr(0, target.find(' '));  // " HTTP/1.1"
    request.target = std::string(target);
    while (!input.empty()) {
        const std::string_view line = next_line();
        if (line.empty()) break;
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos) continue;
        std::string name(line.substr(0, colon));
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        std::string_view value = line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
        request.headers.emplace_back(std::move(name), std::string(value));
    }
    request.body = std::string(input);
    const catalog::api::Response response = catalogue.service().handle_request(request);
    if (response.status < 100 || response.status > 599 || response.status == 500) {
        std::cerr << "fuzz: " << request.method << " " << request.target << " answered " << response.status << ":\n"
                  << response.body.substr(0, 2000) << "\n";
        std::abort();
    }
}

constexpr std::array<Target, 6> all_targets{{
    {"rdfxml", "a DCAT feed page in RDF/XML: reader, DCAT mapping, record JSON, CKAN dict", rdfxml},
    {"turtle", "a DCAT feed page in Turtle: reader, DCAT mapping, record JSON, CKAN dict", turtle},
    {"jsonld", "a DCAT feed page in JSON-LD: reader, DCAT mapping, record JSON, CKAN dict", jsonld},
    {"ckan_package", "a CKAN package_search answer: scan, package mapping, record JSON, CKAN dict", ckan_package},
    {"config", "a configuration file", config},
    {"http_request", "an HTTP request to ernte serve's handler, over a small real catalogue", http_request},
}};

}  // namespace

std::span<const Target> targets() { return all_targets; }

const Target* find_target(std::string_view name) {
    for (const Target& target : all_targets)
        if (target.name == name) return &target;
    return nullptr;
}

}  // namespace ernte::fuzz
