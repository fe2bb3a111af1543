#include "harvester/dcat.hpp"

#include "catalog/iri.hpp"
#include "catalog/normalize_dcat.hpp"
#include "catalog/url.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>

namespace ernte::harvester {

namespace rdf = catalog::rdf;

namespace {

constexpr std::string_view k_hydra = "http://www.w3.org/ns/hydra/core#";

std::string hydra(std::string_view local) { return std::string(k_hydra) + std::string(local); }

std::int64_t integer_value(const rdf::Term* term) {
    if (term == nullptr || term->kind != rdf::Term::Kind::literal) return -1;
    std::string_view text = term->value;
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    std::int64_t value = -1;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value < 0) return -1;
    return value;
}

/// A paging link: an IRI, or (in sloppy feeds) a literal holding a URL.
std::string link_value(const rdf::Term* term, std::string_view page_url) {
    if (term == nullptr || term->kind == rdf::Term::Kind::blank || term->value.empty()) return {};
    return rdf::encode_iri(rdf::resolve_iri(page_url, term->value));
}

std::string strip_fragment(std::string url) {
    if (const auto hash = url.find('#'); hash != std::string::npos) url.erase(hash);
    return url;
}

}  // namespace

HydraPaging read_hydra_paging(const rdf::Graph& graph, std::string_view page_url) {
    HydraPaging paging;
    const std::string next = hydra("next"), next_page = hydra("nextPage"), last = hydra("last"),
                      last_page = hydra("lastPage"), total = hydra("totalItems"), per_page = hydra("itemsPerPage");
    const std::string own_page = strip_fragment(std::string(page_url));
    bool next_from_own_page = false;
    for (const rdf::Triple& t : graph.triples()) {
        const std::string& p = t.predicate.value;
        if (!p.starts_with(k_hydra)) continue;
        if (p == next || p == next_page) {
            // A page may describe several views; the one about this page wins.
            const bool own = t.subject.kind == rdf::Term::Kind::iri && strip_fragment(t.subject.value) == own_page;
            if (paging.next.empty() || (own && !next_from_own_page)) {
                paging.next = link_value(&t.object, page_url);
                next_from_own_page = own;
            }
        } else if ((p == last || p == last_page) && paging.last.empty()) {
            paging.last = link_value(&t.object, page_url);
        } else if (p == total) {
            paging.total_items = std::max(paging.total_items, integer_value(&t.object));
        } else if (p == per_page && paging.items_per_page < 0) {
            paging.items_per_page = integer_value(&t.object);
        }
    }
    return paging;
}

rdf::Syntax configured_syntax(std::string_view format) {
    if (format == "rdfxml") return rdf::Syntax::rdfxml;
    if (format == "turtle") return rdf::Syntax::turtle;
    if (format == "ntriples") return rdf::Syntax::ntriples;
    if (format == "jsonld") return rdf::Syntax::jsonld;
    return rdf::Syntax::unknown;
}

std::string dcat_first_page_url(std::string_view feed_url, std::string_view modified_since) {
    std::string url(feed_url);
    if (modified_since.empty()) return url;
    const auto hash = url.find('#');
    const std::string fragment = hash == std::string::npos ? std::string{} : url.substr(hash);
    if (hash != std::string::npos) url.erase(hash);
    url += url.find('?') == std::string::npos ? '?' : '&';
    url += "modified_since=" + catalog::url_encode(modified_since);
    return url + fragment;
}

std::string dcat_base_iri(std::string_view page_url, std::string_view modified_since) {
    if (modified_since.empty()) return std::string(page_url);
    const auto hash = page_url.find('#');
    const std::string_view fragment = hash == std::string_view::npos ? std::string_view() : page_url.substr(hash);
    const std::string_view before = page_url.substr(0, hash);
    const auto question = before.find('?');
    if (question == std::string_view::npos) return std::string(page_url);
    // The parameter as dcat_first_page_url adds it, or as the feed's own next
    // links (or a redirect) carry it on, wherever it stands in the query and
    // however its value is encoded.
    auto is_ours = [&](std::string_view parameter) {
        constexpr std::string_view name = "modified_since=";
        if (!parameter.starts_with(name)) return false;
        const auto value = catalog::percent_decode(parameter.substr(name.size()), true);
        return value && *value == modified_since;
    };
    std::string query;
    std::string_view rest = before.substr(question + 1);
    while (true) {
        const auto amp = rest.find('&');
        const std::string_view parameter = rest.substr(0, amp);
        if (!is_ours(parameter)) query.append(query.empty() ? "" : "&").append(parameter);
        if (amp == std::string_view::npos) break;
        rest.remove_prefix(amp + 1);
    }
    std::string url(before.substr(0, question));
    if (!query.empty()) url.append("?").append(query);
    return url.append(fragment);
}

DcatPageSource::DcatPageSource(PageSourceContext context)
    : m_ctx(std::move(context)), m_next_url(dcat_first_page_url(m_ctx.source->url, m_ctx.modified_since)) {}

std::int64_t DcatPageSource::expected_pages() const {
    if (m_total < 0 || m_per_page <= 0) return 0;
    return std::max<std::int64_t>(1, (m_total + m_per_page - 1) / m_per_page);
}

void DcatPageSource::check_page_bound(const std::string& url) const {
    if (m_page > m_ctx.max_pages) {
        throw ListingError("parse", url, fmt::format("page {}", m_page),
                           fmt::format("{}: paging does not end: page {} requested, more than the limit of {} pages; "
                                       "stopping so the harvest cannot run forever",
                                       m_ctx.source->name, m_page, m_ctx.max_pages));
    }
    if (m_total >= 0 && m_per_page > 0) {
        const std::int64_t allowed = std::max<std::int64_t>(1, (m_total + m_per_page - 1) / m_per_page);
        if (m_page > allowed) {
            throw ListingError(
                "parse", url, fmt::format("page {}", m_page),
                fmt::format("{}: paging does not end: page {} is named as the next page, but the feed announced {} "
                            "datasets ({} per page, so {} pages); stopping so the harvest cannot run forever",
                            m_ctx.source->name, m_page, m_total, m_per_page, allowed));
        }
    }
}

void DcatPageSource::follow(const std::string& next_url, std::int64_t total, std::int64_t per_page,
                            std::int64_t fresh) {
    if (total >= 0) m_total = std::max(m_total, total);
    if (m_per_page <= 0 && per_page > 0) m_per_page = per_page;
    if (next_url.empty()) {
        m_done = true;
        return;
    }
    // A server that ignores the page parameter answers every page with the
    // same datasets, each time in a slightly different document (the view
    // names the page asked for). One such page can happen when datasets move
    // while the feed is read; two in a row end the listing.
    m_pages_without_new = (m_page > 1 && fresh == 0) ? m_pages_without_new + 1 : 0;
    if (m_pages_without_new >= 2) {
        m_loop.emplace("parse", m_next_url, fmt::format("page {}", m_page),
                       fmt::format("{}: pages {} and {} list only datasets already read on earlier pages, and "
                                   "page {} names yet another next page ({}); the feed seems to ignore its paging "
                                   "parameter, stopping",
                                   m_ctx.source->name, m_page - 1, m_page, m_page, next_url));
        return;
    }
    if (const auto it = m_read_urls.find(next_url); it != m_read_urls.end()) {
        m_loop.emplace("parse", next_url, fmt::format("page {}", m_page),
                       fmt::format("{}: page {} names {} as the next page, which was already read as page {}; "
                                   "the feed's paging loops, stopping",
                                   m_ctx.source->name, m_page, next_url, it->second));
        return;
    }
    m_next_url = next_url;
}

std::optional<PageBatch> DcatPageSource::next() {
    if (m_loop) throw *m_loop;
    if (m_done) return std::nullopt;
    ++m_page;
    const std::string url = m_next_url;
    check_page_bound(url);
    m_read_urls.emplace(url, m_page);

    FetchedPage fetched = fetch_listing_page(m_ctx, url, m_page, ContentKind::rdf);
    const FetchResponse& response = fetched.response;
    const std::optional<catalog::PageMemo>& memo = fetched.memo;

    auto check_repeat = [&](const std::string& body_hash) {
        const auto [it, inserted] = m_page_by_hash.emplace(body_hash, m_page);
        if (!inserted) {
            throw ListingError("parse", url, fmt::format("page {}", m_page),
                               fmt::format("{}: page {} ({}) is identical to page {}; the feed's paging loops, "
                                           "stopping",
                                           m_ctx.source->name, m_page, url, it->second));
        }
    };

    auto unchanged_page = [&](const catalog::PageMemo& m) {
        check_repeat(m.body_hash);
        PageBatch batch;
        batch.url = url;
        batch.number = m_page;
        batch.seen_keys = m.keys;
        batch.listed = static_cast<std::int64_t>(m.keys.size());
        batch.unchanged = true;
        batch.memo = m;
        if (!response.validators.etag.empty()) batch.memo->etag = response.validators.etag;
        if (!response.validators.last_modified.empty()) batch.memo->last_modified = response.validators.last_modified;
        std::int64_t fresh = 0;
        for (const auto& key : m.keys) fresh += first_sighting(key) ? 1 : 0;
        follow(m.next_url, m.total, m.per_page, fresh);
        return batch;
    };

    if (response.not_modified) return unchanged_page(*memo);

    const std::string body_hash = record_hash(response.body, m_ctx.hash_salt);
    check_repeat(body_hash);
    if (memo && memo->body_hash == body_hash) {
        m_page_by_hash.erase(body_hash);  // unchanged_page records it again
        return unchanged_page(*memo);
    }

    // Relative IRIs are read against the page's address as the feed has it:
    // without the modified_since this run added, or an incremental run would
    // name a relative dataset (<#ds-1>) and an empty rdf:resource differently.
    const std::string& page_url = response.effective_url.empty() ? url : response.effective_url;
    const std::string base = dcat_base_iri(page_url, m_ctx.modified_since);
    // A feed published as a gzip file (catalog.ttl.gz): its content is the page.
    std::string unpacked;
    std::string_view content_type = response.content_type;
    const bool gzip_file = is_gzip_file(response.body);
    if (gzip_file) {
        try {
            unpacked = gunzip_file(response.body, m_ctx.fetcher->options().max_bytes);
        } catch (const std::exception& e) {
            throw ListingError("parse", url, "",
                               fmt::format("{}: page {} ({}) is a gzip file that cannot be read: {}",
                                           m_ctx.source->name, m_page, url, e.what()));
        }
        content_type = {};  // application/gzip says nothing about the RDF inside
    }
    const std::string_view body = gzip_file ? std::string_view(unpacked) : std::string_view(response.body);
    rdf::Syntax syntax = configured_syntax(m_ctx.source->format);
    if (syntax == rdf::Syntax::unknown) syntax = rdf::detect_syntax(content_type, page_url, body);
    if (syntax == rdf::Syntax::unknown) {
        throw ListingError("parse", url, "line 1, column 1",
                           fmt::format("{}: page {} ({}) is not RDF: Content-Type '{}', the document{} starts with '{}'",
                                       m_ctx.source->name, m_page, url, response.content_type,
                                       gzip_file ? " (unpacked)" : "", body_snippet(body, 60)));
    }

    rdf::Graph graph;
    rdf::ReadOptions options;
    options.base_iri = base;
    const rdf::ParseResult parsed =
        rdf::read(syntax, body, options, [&](const rdf::Triple& t) { graph.add(t); });
    if (!parsed) {
        const std::string place = parsed.line ? fmt::format("line {}, column {}", parsed.line, parsed.column) : "";
        throw ListingError("parse", url, place,
                           fmt::format("{}: page {} ({}) {} {}{}: {}", m_ctx.source->name, m_page, url,
                                       parsed.unsupported ? "cannot be read as" : "is not valid",
                                       rdf::syntax_name(syntax), place.empty() ? "" : " at " + place,
                                       parsed.description));
    }
    if (graph.empty()) {
        throw ListingError("parse", url, "",
                           fmt::format("{}: page {} ({}) holds no RDF statements ({}, Content-Type '{}'); the URL "
                                       "does not lead to a DCAT feed",
                                       m_ctx.source->name, m_page, url, rdf::syntax_name(syntax),
                                       response.content_type));
    }
    const HydraPaging paging = read_hydra_paging(graph, page_url);
    PageCount count;
    PageBatch batch = process_page(url, body_hash, graph, parsed.warnings, count);
    for (const auto& w : parsed.warnings) {
        add_page_warning(batch, m_ctx.source->name,
                         w.line ? fmt::format("line {}, column {}", w.line, w.column) : std::string{}, w.message,
                         w.value);
    }
    // Without itemsPerPage, the first page's datasets give the page size.
    // totalItems counts datasets: data services and series listed beside
    // them would make the size too large and the allowed pages too few.
    const std::int64_t per_page = paging.items_per_page > 0 ? paging.items_per_page
                                  : m_page == 1             ? count.datasets
                                                            : -1;
    if (batch.memo) {
        batch.memo->etag = response.validators.etag;
        batch.memo->last_modified = response.validators.last_modified;
        batch.memo->total = paging.total_items;
        batch.memo->next_url = paging.next;
        batch.memo->per_page = per_page;
    }
    follow(paging.next, paging.total_items, per_page, count.fresh);
    return batch;
}

PageBatch DcatPageSource::process_page(const std::string& url, const std::string& body_hash, const rdf::Graph& graph,
                                       const std::vector<rdf::Warning>& warnings, PageCount& count) {
    PageBatch batch;
    batch.url = url;
    batch.number = m_page;

    catalog::NormalizeContext ctx;
    ctx.source_name = m_ctx.source->name;
    ctx.portal_url = m_ctx.source->url;
    ctx.default_contributor_ids = m_ctx.source->contributor_ids;

    std::vector<catalog::NotAResource> passed_over;
    const std::vector<rdf::Term> resources = catalog::dcat_resources(graph, &passed_over);
    if (!passed_over.empty()) {
        const catalog::NotAResource& first = passed_over.front();
        add_page_warning(batch, m_ctx.source->name, {},
                         fmt::format("dcat:dataset or dcat:service names {} node(s) typed as something else, which "
                                     "are not entered as datasets (the first: {}, a {})",
                                     passed_over.size(),
                                     first.node.kind == rdf::Term::Kind::iri ? first.node.value : "a blank node",
                                     first.type),
                         {});
    }
    batch.listed = static_cast<std::int64_t>(resources.size());
    batch.records.reserve(resources.size());
    std::vector<std::string> keys;
    keys.reserve(resources.size());

    // IRIs the reader had to repair, for the Notes of the records that use them.
    std::vector<std::pair<std::string, std::string>> repaired;  // encoded IRI -> warning
    for (const auto& w : warnings)
        if (!w.value.empty()) repaired.emplace_back(rdf::encode_iri(w.value), w.message);

    for (std::size_t i = 0; i < resources.size(); ++i) {
        const rdf::Term& resource = resources[i];
        std::string raw = catalog::resource_ntriples(graph, resource);
        catalog::NormalizeResult result = catalog::normalize_dcat_resource(graph, resource, *m_ctx.vocab, ctx);
        if (!result.dataset) {
            catalog::ErrorRow error;
            error.stage = "normalize";
            error.object_id = resource.kind == rdf::Term::Kind::iri ? resource.value : std::string{};
            error.url = url;
            error.place = fmt::format("resource {} of the page", i + 1);
            error.message = fmt::format("{}: {}", m_ctx.source->name, result.error);
            error.fragment = error_fragment(raw);
            if (error.object_id.empty()) {
                ++count.fresh;  // cannot be told apart from what earlier pages listed
                if (m_deletion_veto.empty())
                    m_deletion_veto = "the feed listed a dataset that cannot be identified, so the listing cannot "
                                      "show which datasets are gone; no deletions this run";
            } else {
                batch.seen_keys.push_back(error.object_id);  // keep what the catalogue has
                keys.push_back(error.object_id);
                if (first_sighting(error.object_id)) ++count.fresh;
            }
            batch.errors.push_back(std::move(error));
            continue;
        }
        model::Dataset& dataset = *result.dataset;
        const std::string key = dataset.iri;
        if (dataset.type == model::ResourceType::dataset) ++count.datasets;
        if (!first_sighting(key)) continue;  // listed on an earlier page too
        ++count.fresh;
        keys.push_back(key);
        for (const auto& [iri, message] : repaired) {
            if (raw.find("<" + iri + ">") != std::string::npos) dataset.notes.push_back({"iri", message, iri});
        }
        catalog::SourceRecord record;
        record.source_key = key;
        record.content_hash = record_hash(raw, m_ctx.hash_salt);
        record.dataset = std::move(dataset);
        // record_json stays empty: the store serializes the record. Reading RDF
        // keeps this thread busier than the storing one, unlike a CKAN listing.
        record.raw = std::move(raw);
        batch.records.push_back(std::move(record));
    }
    if (batch.errors.empty()) {
        catalog::PageMemo memo;
        memo.url = url;
        memo.body_hash = body_hash;
        memo.keys = std::move(keys);
        batch.memo = std::move(memo);
    }
    return batch;
}

}  // namespace ernte::harvester
