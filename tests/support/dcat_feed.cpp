#include "tests/support/dcat_feed.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <random>

namespace ernte::testsupport {

namespace {

constexpr std::string_view k_xsd = "http://www.w3.org/2001/XMLSchema#";

/// A term of a generated statement: IRI, blank node or literal.
struct Node {
    enum class Kind { iri, blank, literal } kind = Kind::iri;
    std::string value;
    std::string lang;
    std::string datatype;
};
struct Statement {
    Node subject;
    std::string predicate;
    Node object;
};

Node iri(std::string v) { return {Node::Kind::iri, std::move(v), {}, {}}; }
Node blank(std::string v) { return {Node::Kind::blank, std::move(v), {}, {}}; }
Node text(std::string v, std::string lang = "de") { return {Node::Kind::literal, std::move(v), std::move(lang), {}}; }
Node typed(std::string v, std::string_view type) {
    return {Node::Kind::literal, std::move(v), {}, std::string(k_xsd) + std::string(type)};
}

const std::vector<std::pair<std::string_view, std::string_view>>& prefixes() {
    static const std::vector<std::pair<std::string_view, std::string_view>> p = {
        {"rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"},
        {"dcat", "http://www.w3.org/ns/dcat#"},
        {"dct", "http://purl.org/dc/terms/"},
        {"dcatde", "http://dcat-ap.de/def/dcatde/"},
        {"foaf", "http://xmlns.com/foaf/0.1/"},
        {"vcard", "http://www.w3.org/2006/vcard/ns#"},
        {"hydra", "http://www.w3.org/ns/hydra/core#"},
        {"xsd", "http://www.w3.org/2001/XMLSchema#"},
    };
    return p;
}

/// (prefix, local) when `value` starts with a known namespace and the rest is a plain local name.
std::optional<std::pair<std::string_view, std::string>> split(std::string_view value) {
    for (const auto& [prefix, ns] : prefixes()) {
        if (value.starts_with(ns)) {
            std::string local(value.substr(ns.size()));
            if (!local.empty() && std::all_of(local.begin(), local.end(), [](char c) {
                    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
                }) && std::isalpha(static_cast<unsigned char>(local[0])))
                return std::make_pair(prefix, local);
        }
    }
    return std::nullopt;
}

std::string escape_literal(std::string_view v) {
    std::string out;
    for (const char c : v) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default: out += c;
        }
    }
    return out;
}

std::string escape_xml(std::string_view v) {
    std::string out;
    for (const char c : v) {
        switch (c) {
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '&': out += "&amp;"; break;
        case '"': out += "&quot;"; break;
        default: out += c;
        }
    }
    return out;
}

std::string escape_json(std::string_view v) {
    std::string out;
    for (const char c : v) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) out += fmt::format("\\u{:04x}", static_cast<unsigned char>(c));
            else out += c;
        }
    }
    return out;
}

std::string nt_node(const Node& n) {
    switch (n.kind) {
    case Node::Kind::iri: return "<" + n.value + ">";
    case Node::Kind::blank: return "_:" + n.value;
    case Node::Kind::literal: {
        std::string out = "\"" + escape_literal(n.value) + "\"";
        if (!n.lang.empty()) out += "@" + n.lang;
        else if (!n.datatype.empty()) out += "^^<" + n.datatype + ">";
        return out;
    }
    }
    return {};
}

std::string ttl_node(const Node& n) {
    if (n.kind == Node::Kind::iri) {
        if (const auto s = split(n.value)) return std::string(s->first) + ":" + s->second;
    }
    if (n.kind == Node::Kind::literal && n.lang.empty() && !n.datatype.empty()) {
        if (const auto s = split(n.datatype)) return "\"" + escape_literal(n.value) + "\"^^" + std::string(s->first) + ":" + s->second;
    }
    return nt_node(n);
}

/// Statements grouped by subject, subjects in order of first appearance.
std::vector<std::pair<Node, std::vector<const Statement*>>> by_subject(const std::vector<Statement>& statements) {
    std::vector<std::pair<Node, std::vector<const Statement*>>> groups;
    std::map<std::string, std::size_t> index;
    for (const auto& s : statements) {
        const std::string key = (s.subject.kind == Node::Kind::blank ? "_" : "<") + s.subject.value;
        auto [it, inserted] = index.emplace(key, groups.size());
        if (inserted) groups.push_back({s.subject, {}});
        groups[it->second].second.push_back(&s);
    }
    return groups;
}

std::string render(FeedSyntax syntax, const std::vector<Statement>& statements) {
    std::string out;
    switch (syntax) {
    case FeedSyntax::ntriples:
        for (const auto& s : statements) out += nt_node(s.subject) + " <" + s.predicate + "> " + nt_node(s.object) + " .\n";
        return out;
    case FeedSyntax::turtle: {
        for (const auto& [prefix, ns] : prefixes()) out += fmt::format("@prefix {}: <{}> .\n", prefix, ns);
        for (const auto& [subject, list] : by_subject(statements)) {
            out += "\n" + ttl_node(subject);
            for (std::size_t i = 0; i < list.size(); ++i) {
                const std::string predicate = list[i]->predicate == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
                                                  ? "a"
                                                  : ttl_node(iri(list[i]->predicate));
                out += (i == 0 ? " " : " ;\n    ") + predicate + " " + ttl_node(list[i]->object);
            }
            out += " .\n";
        }
        return out;
    }
    case FeedSyntax::rdfxml: {
        out += "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rdf:RDF";
        for (const auto& [prefix, ns] : prefixes()) out += fmt::format("\n    xmlns:{}=\"{}\"", prefix, ns);
        out += ">\n";
        for (const auto& [subject, list] : by_subject(statements)) {
            out += subject.kind == Node::Kind::blank ? "  <rdf:Description rdf:nodeID=\"" + subject.value + "\">\n"
                                                     : "  <rdf:Description rdf:about=\"" + escape_xml(subject.value) + "\">\n";
            for (const Statement* s : list) {
                const auto name = split(s->predicate);
                const std::string element = std::string(name->first) + ":" + name->second;
                const Node& o = s->object;
                if (o.kind == Node::Kind::iri) out += "    <" + element + " rdf:resource=\"" + escape_xml(o.value) + "\"/>\n";
                else if (o.kind == Node::Kind::blank) out += "    <" + element + " rdf:nodeID=\"" + o.value + "\"/>\n";
                else {
                    out += "    <" + element;
                    if (!o.lang.empty()) out += " xml:lang=\"" + o.lang + "\"";
                    else if (!o.datatype.empty()) out += " rdf:datatype=\"" + o.datatype + "\"";
                    out += ">" + escape_xml(o.value) + "</" + element + ">\n";
                }
            }
            out += "  </rdf:Description>\n";
        }
        out += "</rdf:RDF>\n";
        return out;
    }
    case FeedSyntax::jsonld: {
        out += "{\n  \"@context\": {";
        bool first = true;
        for (const auto& [prefix, ns] : prefixes()) {
            out += fmt::format("{}\n    \"{}\": \"{}\"", first ? "" : ",", prefix, ns);
            first = false;
        }
        out += "\n  },\n  \"@graph\": [";
        bool first_node = true;
        for (const auto& [subject, list] : by_subject(statements)) {
            out += first_node ? "\n    {" : ",\n    {";
            first_node = false;
            out += "\"@id\": \"" + escape_json(subject.kind == Node::Kind::blank ? "_:" + subject.value : subject.value) + "\"";
            std::map<std::string, std::vector<const Node*>> properties;
            std::vector<std::string> order;
            for (const Statement* s : list) {
                const auto name = split(s->predicate);
                const std::string key = s->predicate == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
                                            ? "@type"
                                            : std::string(name->first) + ":" + name->second;
                if (!properties.contains(key)) order.push_back(key);
                properties[key].push_back(&s->object);
            }
            for (const auto& key : order) {
                out += ", \"" + key + "\": [";
                bool first_value = true;
                for (const Node* o : properties[key]) {
                    if (!first_value) out += ", ";
                    first_value = false;
                    if (key == "@type") out += "\"" + escape_json(o->value) + "\"";
                    else if (o->kind == Node::Kind::iri) out += "{\"@id\": \"" + escape_json(o->value) + "\"}";
                    else if (o->kind == Node::Kind::blank) out += "{\"@id\": \"_:" + o->value + "\"}";
                    else if (!o->lang.empty())
                        out += "{\"@value\": \"" + escape_json(o->value) + "\", \"@language\": \"" + o->lang + "\"}";
                    else if (!o->datatype.empty())
                        out += "{\"@value\": \"" + escape_json(o->value) + "\", \"@type\": \"" + o->datatype + "\"}";
                    else out += "\"" + escape_json(o->value) + "\"";
                }
                out += "]";
            }
            out += "}";
        }
        out += "\n  ]\n}\n";
        return out;
    }
    }
    return out;
}

std::string ns(std::string_view prefix, std::string_view local) {
    for (const auto& [p, n] : prefixes())
        if (p == prefix) return std::string(n) + std::string(local);
    return std::string(local);
}

void add_dataset(std::vector<Statement>& out, const FeedDataset& d, std::size_t index) {
    const Node s = iri(d.iri);
    const Node dist = iri(d.iri + "/distribution/1");
    const Node contact = blank(fmt::format("contact{}", index));
    out.push_back({s, ns("rdf", "type"), iri(ns("dcat", "Dataset"))});
    out.push_back({s, ns("dct", "identifier"), text(d.identifier, "")});
    out.push_back({s, ns("dct", "title"), text(d.title)});
    out.push_back({s, ns("dct", "description"), text(d.description)});
    out.push_back({s, ns("dcat", "keyword"), text(d.keyword)});
    out.push_back({s, ns("dcat", "theme"), iri(d.theme)});
    out.push_back({s, ns("dct", "publisher"), iri(d.publisher_iri)});
    out.push_back({s, ns("dct", "issued"), typed(d.issued, "date")});
    out.push_back({s, ns("dct", "modified"), typed(d.modified, "dateTime")});
    out.push_back({s, ns("dcatde", "contributorID"), iri(d.contributor)});
    out.push_back({s, ns("dcat", "contactPoint"), contact});
    out.push_back({s, ns("dcat", "distribution"), dist});
    out.push_back({contact, ns("rdf", "type"), iri(ns("vcard", "Organization"))});
    out.push_back({contact, ns("vcard", "fn"), text(d.publisher_name, "")});
    out.push_back({contact, ns("vcard", "hasEmail"), iri("mailto:opendata@example.org")});
    out.push_back({dist, ns("rdf", "type"), iri(ns("dcat", "Distribution"))});
    out.push_back({dist, ns("dct", "title"), text(d.title + " (CSV)")});
    out.push_back({dist, ns("dcat", "accessURL"), iri(d.access_url)});
    out.push_back({dist, ns("dcat", "downloadURL"), iri(d.download_url)});
    out.push_back({dist, ns("dct", "format"), iri(d.format)});
    out.push_back({dist, ns("dcat", "mediaType"), iri(d.media_type)});
    out.push_back({dist, ns("dct", "license"), iri(d.licence)});
    out.push_back({dist, ns("dct", "modified"), typed(d.modified, "dateTime")});
}

}  // namespace

std::vector<FeedDataset> generate_feed_datasets(std::size_t count, std::uint64_t seed, std::string_view name) {
    static constexpr std::string_view themes[] = {"ECON", "EDUC", "ENVI", "GOVE", "HEAL", "REGI", "SOCI", "TRAN"};
    static constexpr std::string_view topics[] = {"Haushaltsplan", "Schulen", "Luftqualität", "Ratsbeschlüsse",
                                                  "Apotheken", "Bebauungspläne", "Einwohner", "Radwege"};
    static constexpr std::string_view licences[] = {"dl-by-de/2.0", "dl-zero-de/2.0", "cc-by/4.0"};
    std::mt19937_64 random(seed);
    std::vector<FeedDataset> out;
    out.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t pick = random() % 8;
        FeedDataset d;
        d.identifier = fmt::format("{}-{:06}", name, i);
        d.iri = fmt::format("https://opendata.{}.example/dataset/{}", name, d.identifier);
        d.title = fmt::format("{} {} Nr. {}", topics[pick], name, i);
        d.description = fmt::format("Übersicht {} für {}: Daten der Verwaltung, jährlich aktualisiert ({}).",
                                     topics[pick], name, random() % 100000);
        d.keyword = std::string(topics[pick]);
        d.publisher_iri = fmt::format("https://opendata.{}.example/organization/verwaltung", name);
        d.publisher_name = fmt::format("Verwaltung {}", name);
        d.theme = "http://publications.europa.eu/resource/authority/data-theme/" + std::string(themes[pick]);
        d.issued = fmt::format("20{:02}-{:02}-{:02}", 10 + random() % 14, 1 + random() % 12, 1 + random() % 28);
        d.modified = fmt::format("2024-{:02}-{:02}T{:02}:{:02}:00Z", 1 + random() % 12, 1 + random() % 28,
                                 random() % 24, random() % 60);
        d.licence = "http://dcat-ap.de/def/licenses/" + std::string(licences[random() % 3]);
        d.format = "http://publications.europa.eu/resource/authority/file-type/CSV";
        d.media_type = "https://www.iana.org/assignments/media-types/text/csv";
        d.access_url = fmt::format("https://opendata.{}.example/dataset/{}/resource", name, d.identifier);
        d.download_url = fmt::format("https://opendata.{}.example/files/{}.csv", name, d.identifier);
        d.contributor = "http://dcat-ap.de/def/contributors/openNRW";
        out.push_back(std::move(d));
    }
    return out;
}

std::string_view feed_extension(FeedSyntax syntax) {
    switch (syntax) {
    case FeedSyntax::rdfxml: return "rdf";
    case FeedSyntax::turtle: return "ttl";
    case FeedSyntax::ntriples: return "nt";
    case FeedSyntax::jsonld: return "jsonld";
    }
    return "";
}

std::string_view feed_content_type(FeedSyntax syntax) {
    switch (syntax) {
    case FeedSyntax::rdfxml: return "application/rdf+xml; charset=utf-8";
    case FeedSyntax::turtle: return "text/turtle; charset=utf-8";
    case FeedSyntax::ntriples: return "application/n-triples";
    case FeedSyntax::jsonld: return "application/ld+json";
    }
    return "";
}

std::string render_feed_page(FeedSyntax syntax, HydraStyle style, const FeedPage& page,
                             const std::vector<FeedDataset>& datasets, std::size_t from, std::size_t to) {
    std::vector<Statement> statements;
    const Node catalog = iri(page.first_url + "#catalog");
    statements.push_back({catalog, ns("rdf", "type"), iri(ns("dcat", "Catalog"))});
    statements.push_back({catalog, ns("dct", "title"), text("Testkatalog")});
    statements.push_back({catalog, ns("dct", "description"), text("Ein Katalog zum Testen")});
    to = std::min(to, datasets.size());
    for (std::size_t i = from; i < to; ++i) statements.push_back({catalog, ns("dcat", "dataset"), iri(datasets[i].iri)});
    const Node view = iri(page.page_url);
    if (style == HydraStyle::partial_collection_view) {
        statements.push_back({catalog, ns("rdf", "type"), iri(ns("hydra", "Collection"))});
        if (page.total_items >= 0)
            statements.push_back({catalog, ns("hydra", "totalItems"), typed(std::to_string(page.total_items), "integer")});
        statements.push_back({catalog, ns("hydra", "view"), view});
        statements.push_back({view, ns("rdf", "type"), iri(ns("hydra", "PartialCollectionView"))});
        statements.push_back({view, ns("hydra", "first"), iri(page.first_url)});
        if (!page.next_url.empty()) statements.push_back({view, ns("hydra", "next"), iri(page.next_url)});
        if (!page.last_url.empty()) statements.push_back({view, ns("hydra", "last"), iri(page.last_url)});
    } else if (style == HydraStyle::paged_collection) {
        statements.push_back({view, ns("rdf", "type"), iri(ns("hydra", "PagedCollection"))});
        if (page.total_items >= 0)
            statements.push_back({view, ns("hydra", "totalItems"), typed(std::to_string(page.total_items), "integer")});
        if (page.items_per_page >= 0)
            statements.push_back({view, ns("hydra", "itemsPerPage"), typed(std::to_string(page.items_per_page), "integer")});
        statements.push_back({view, ns("hydra", "firstPage"), iri(page.first_url)});
        if (!page.next_url.empty()) statements.push_back({view, ns("hydra", "nextPage"), iri(page.next_url)});
        if (!page.last_url.empty()) statements.push_back({view, ns("hydra", "lastPage"), iri(page.last_url)});
    }
    std::vector<std::string> publishers;
    for (std::size_t i = from; i < to; ++i) {
        add_dataset(statements, datasets[i], i);
        if (std::find(publishers.begin(), publishers.end(), datasets[i].publisher_iri) == publishers.end()) {
            publishers.push_back(datasets[i].publisher_iri);
            const Node agent = iri(datasets[i].publisher_iri);
            statements.push_back({agent, ns("rdf", "type"), iri(ns("foaf", "Agent"))});
            statements.push_back({agent, ns("foaf", "name"), text(datasets[i].publisher_name, "")});
        }
    }
    return render(syntax, statements);
}

DcatFeed::DcatFeed(std::vector<FeedDataset> datasets, Options options)
    : m_options(options),
      m_datasets(std::move(datasets)),
      m_server([this](const HttpRequest& request) { return answer(request); }, m_options.bind_address,
               m_options.port) {}

std::string DcatFeed::url() const {
    return m_server.base_url() + "/catalog." + std::string(feed_extension(m_options.syntax));
}

std::string DcatFeed::page_url(std::int64_t n) const { return n <= 1 ? url() : url() + "?page=" + std::to_string(n); }

std::int64_t DcatFeed::page_count() const {
    std::lock_guard lock(m_mutex);
    return page_count_locked();
}

std::int64_t DcatFeed::page_count_locked() const {
    const std::size_t per = std::max<std::size_t>(1, m_options.per_page);
    return std::max<std::int64_t>(1, static_cast<std::int64_t>((m_datasets.size() + per - 1) / per));
}

std::string DcatFeed::page_body(std::int64_t n) const {
    std::lock_guard lock(m_mutex);
    return page_body_locked(n);
}

std::string DcatFeed::page_body_locked(std::int64_t n) const {
    const std::int64_t pages = page_count_locked();
    const std::size_t per = std::max<std::size_t>(1, m_options.per_page);
    FeedPage fp;
    fp.page_url = page_url(n);
    fp.first_url = page_url(1);
    fp.last_url = page_url(pages);
    fp.next_url = n < pages ? page_url(n + 1) : std::string{};
    fp.total_items = static_cast<std::int64_t>(m_datasets.size());
    fp.items_per_page = static_cast<std::int64_t>(per);
    const std::size_t from = static_cast<std::size_t>(n - 1) * per;
    return render_feed_page(m_options.syntax, m_options.style, fp, m_datasets, from, from + per);
}

void DcatFeed::set_datasets(std::vector<FeedDataset> datasets) {
    std::lock_guard lock(m_mutex);
    m_datasets = std::move(datasets);
}

void DcatFeed::set_override(Override override_page) {
    std::lock_guard lock(m_mutex);
    m_override = std::move(override_page);
}

HttpResponse DcatFeed::answer(const HttpRequest& request) {
    if (request.path != "/catalog." + std::string(feed_extension(m_options.syntax)))
        return HttpResponse::text("not found", "text/plain", 404);
    std::int64_t page = 1;
    if (const std::string p = request.query_param("page"); !p.empty()) page = std::stoll(p);
    Override override_page;
    {
        std::lock_guard lock(m_mutex);
        override_page = m_override;
    }
    if (override_page) {
        if (auto replaced = override_page(request, page)) return *replaced;
    }
    std::string body;
    {
        std::lock_guard lock(m_mutex);
        if (page < 1 || page > page_count_locked()) return HttpResponse::text("no such page", "text/plain", 404);
        body = page_body_locked(page);
    }
    HttpResponse response = HttpResponse::text(body, std::string(feed_content_type(m_options.syntax)));
    if (m_options.etags) {
        const std::string etag = fmt::format("\"{:x}\"", std::hash<std::string>{}(body));
        if (request.header("if-none-match") == etag) {
            HttpResponse not_modified;
            not_modified.status = 304;
            not_modified.headers.emplace_back("ETag", etag);
            return not_modified;
        }
        response.headers.emplace_back("ETag", etag);
    }
    return response;
}

}  // namespace ernte::testsupport
