#pragma once
/// The dashboard of `ernte serve`: server-rendered HTML pages in German (and
/// English with ?lang=en) where a municipality sees its metadata quality and
/// what to fix, and operators see sources and runs. Addresses and contents:
/// docs/dashboard.md. One function per page; all HTML goes through HtmlWriter.

#include "catalog/api/endpoints.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace ernte::catalog::web {

/// The route name (a template, for metrics) of a dashboard address, nullopt
/// when `path` is not one: "/", "/publisher/{name}",
/// "/publisher/{name}/maengelliste.csv", "/dataset/{id}" (without a
/// .ttl, .rdf or .jsonld extension, which stay RDF documents), "/sources",
/// "/runs/{id}", "/search", "/assets/ernte.css", "/assets/favicon.svg".
std::optional<std::string> page_route(std::string_view path);

/// Answer a GET or HEAD of a dashboard address (one page_route names).
api::Response page(api::EndpointContext& c, std::string_view path);

/// The pages, one function each (`page` dispatches to them).
api::Response overview_page(api::EndpointContext& c);
api::Response publisher_page(api::EndpointContext& c, std::string_view name);
api::Response publisher_findings_csv(api::EndpointContext& c, std::string_view name);
api::Response dataset_page(api::EndpointContext& c, std::string_view id);
api::Response sources_page(api::EndpointContext& c);
/// Full-text search with filters (publisher, theme, format, licence, rating),
/// facet counts and paging, built on Store::search.
api::Response search_page(api::EndpointContext& c);
api::Response run_page(api::EndpointContext& c, std::string_view id);

/// The dashboard's stylesheet (served at /assets/ernte.css).
std::string_view stylesheet();
/// The dashboard's icon (served at /assets/favicon.svg): a wheat ear.
std::string_view favicon();

}  // namespace ernte::catalog::web
