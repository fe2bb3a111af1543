#pragma once
/// A DCAT-AP.de feed on loopback: generated datasets served as RDF/XML,
/// Turtle, N-Triples or JSON-LD pages linked by Hydra paging in either
/// vocabulary, with hooks to break the paging on purpose. Used by the DCAT
/// harvester tests, the demo and the benchmarks.

#include "tests/support/http_server.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ernte::testsupport {

/// One generated dataset: enough DCAT-AP.de to be a valid, complete record.
struct FeedDataset {
    std::string iri;
    std::string identifier;
    std::string title;
    std::string description;
    std::string keyword;
    std::string publisher_iri;
    std::string publisher_name;
    std::string theme;        ///< EU data theme IRI
    std::string modified;     ///< xsd:dateTime
    std::string issued;       ///< xsd:date
    std::string licence;      ///< dcat-ap.de licence IRI
    std::string format;       ///< EU file type IRI
    std::string media_type;   ///< IANA media type IRI
    std::string access_url;
    std::string download_url;
    std::string contributor;  ///< dcatde:contributorID IRI
};

/// `count` datasets, reproducible for a seed; `name` goes into IRIs and titles.
std::vector<FeedDataset> generate_feed_datasets(std::size_t count, std::uint64_t seed, std::string_view name);

/// The serialization of a feed page.
enum class FeedSyntax { rdfxml, turtle, ntriples, jsonld };

/// How pages link to each other.
enum class HydraStyle {
    partial_collection_view,  ///< hydra:PartialCollectionView first/next/last, totalItems on the collection
    paged_collection,         ///< hydra:PagedCollection firstPage/nextPage/lastPage, itemsPerPage, totalItems
    none,                     ///< no paging statements (a single document)
};

/// The file extension and Content-Type of a syntax.
std::string_view feed_extension(FeedSyntax syntax);
std::string_view feed_content_type(FeedSyntax syntax);

/// One page as a document: the catalogue node, the datasets, and the paging
/// statements. `page_url` and the other URLs are absolute; an empty
/// `next_url` means last page.
struct FeedPage {
    std::string page_url;
    std::string first_url;
    std::string next_url;
    std::string last_url;
    std::int64_t total_items = -1;   ///< -1: not written
    std::int64_t items_per_page = -1;
};
std::string render_feed_page(FeedSyntax syntax, HydraStyle style, const FeedPage& page,
                             const std::vector<FeedDataset>& datasets, std::size_t from, std::size_t to);

/// Serves `datasets` at `/catalog.<ext>?page=N` (N from 1; `/catalog.<ext>`
/// is page 1), `per_page` a page. A test may replace any answer with
/// `override_page` (return nullopt to serve the normal page), e.g. a 404 on
/// page 3 or a next link that loops.
class DcatFeed {
public:
    struct Options {
        FeedSyntax syntax = FeedSyntax::turtle;
        HydraStyle style = HydraStyle::partial_collection_view;
        std::size_t per_page = 100;
        bool etags = false;  ///< send ETags and answer If-None-Match with 304
        std::string bind_address = "127.0.0.1";  ///< address to listen on
        std::uint16_t port = 0;                  ///< port to listen on (0: any free port)
    };
    using Override = std::function<std::optional<HttpResponse>(const HttpRequest&, std::int64_t page)>;

    DcatFeed(std::vector<FeedDataset> datasets, Options options);

    /// The URL of the first page.
    std::string url() const;
    /// The URL of page `n` (1-based).
    std::string page_url(std::int64_t n) const;
    std::int64_t page_count() const;
    /// The document served as page `n` (1-based, at most page_count()) when no
    /// override replaces it: the same bytes a client receives.
    std::string page_body(std::int64_t n) const;
    /// Replace the datasets served from now on (thread-safe).
    void set_datasets(std::vector<FeedDataset> datasets);
    /// Replace answers (thread-safe; empty function: none).
    void set_override(Override override_page);
    /// Requests for feed pages so far.
    std::size_t requests() const { return m_server.request_count(); }

private:
    HttpResponse answer(const HttpRequest& request);
    std::int64_t page_count_locked() const;
    std::string page_body_locked(std::int64_t n) const;

    Options m_options;
    mutable std::mutex m_mutex;
    std::vector<FeedDataset> m_datasets;
    Override m_override;
    HttpServer m_server;
};

}  // namespace ernte::testsupport
