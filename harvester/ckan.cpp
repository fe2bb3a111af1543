#include "harvester/ckan.hpp"

#include "catalog/hash.hpp"
#include "catalog/url.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>

namespace ernte::harvester {

// ------------------------------------------------------------------ scanning

namespace {

enum class Role { other, root, result, results, package, error };

/// SAX handler that finds the envelope fields and the byte range of each
/// package, following the containers on a small stack.
class ScanHandler : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, ScanHandler> {
public:
    ScanHandler(std::string_view body, const rapidjson::MemoryStream& stream, CkanPageScan& out)
        : m_body(body), m_stream(stream), m_out(out) {}

    bool Default() { return value_done(); }
    bool Bool(bool b) {
        if (parent() == Role::root && m_key == "success") {
            m_out.success = b;
            m_saw_success = true;
        }
        return value_done();
    }
    bool Int(int i) { return number(i); }
    bool Uint(unsigned u) { return number(u); }
    bool Int64(std::int64_t i) { return number(i); }
    bool Uint64(std::uint64_t u) { return number(static_cast<std::int64_t>(u)); }
    bool Double(double d) {
        if (parent() == Role::result && m_key == "count") m_count_type_error = true;
        (void)d;
        return value_done();
    }
    bool String(const char* s, rapidjson::SizeType n, bool) {
        const Role p = parent();
        if (p == Role::package && m_frames.size() == 4) {
            if (m_key == "id") m_current.id.assign(s, n);
            else if (m_key == "name") m_current.name.assign(s, n);
        } else if (p == Role::error && m_key == "message") {
            m_out.api_error.assign(s, n);
        } else if (p == Role::root && m_key == "error" && m_out.api_error.empty()) {
            m_out.api_error.assign(s, n);
        } else if (p == Role::result && m_key == "count") {
            m_count_type_error = true;
        }
        return value_done();
    }
    bool Key(const char* s, rapidjson::SizeType n, bool) {
        if (!m_frames.empty()) m_frames.back().key.assign(s, n);
        m_key.assign(s, n);
        return true;
    }
    bool StartObject() { return open(true); }
    bool EndObject(rapidjson::SizeType) { return close(); }
    bool StartArray() { return open(false); }
    bool EndArray(rapidjson::SizeType) { return close(); }

    bool saw_success() const { return m_saw_success; }
    bool saw_result_object() const { return m_saw_result; }
    bool saw_results_array() const { return m_saw_results; }
    bool count_type_error() const { return m_count_type_error; }
    bool too_deep() const { return m_too_deep; }

private:
    struct Frame {
        Role role;
        std::string key;
    };

    Role parent() const { return m_frames.empty() ? Role::other : m_frames.back().role; }

    bool number(std::int64_t i) {
        if (parent() == Role::result && m_key == "count") m_out.count = i;
        return value_done();
    }

    // A scalar directly inside `results` is an entry that is not an object.
    bool value_done() {
        if (parent() == Role::results) {
            CkanPackageSlice slice;
            slice.is_object = false;
            slice.index = m_out.packages.size();
            m_out.packages.push_back(std::move(slice));
        }
        return true;
    }

    bool open(bool object) {
        if (m_frames.size() >= max_json_depth) {
            m_too_deep = true;
            return false;  // stops the reader (kParseErrorTermination)
        }
        Role role = Role::other;
        const Role p = m_frames.empty() ? Role::other : m_frames.back().role;
        if (m_frames.empty()) {
            role = object ? Role::root : Role::other;
        } else if (p == Role::root && m_key == "result") {
            role = object ? Role::result : Role::other;
            m_saw_result = object;
        } else if (p == Role::root && m_key == "error" && object) {
            role = Role::error;
        } else if (p == Role::result && m_key == "results" && !object) {
            role = Role::results;
            m_saw_results = true;
        } else if (p == Role::results) {
            if (object) {
                role = Role::package;
                m_current = CkanPackageSlice{};
                m_current.index = m_out.packages.size();
                m_package_start = m_stream.Tell() - 1;
            } else {
                // A list where a package belongs: record it as a bad entry.
                CkanPackageSlice slice;
                slice.is_object = false;
                slice.index = m_out.packages.size();
                m_out.packages.push_back(std::move(slice));
            }
        }
        m_frames.push_back(Frame{role, {}});
        m_key.clear();
        return true;
    }

    bool close() {
        const Role role = m_frames.back().role;
        m_frames.pop_back();
        m_key = m_frames.empty() ? std::string{} : m_frames.back().key;
        if (role == Role::package) {
            const std::size_t end = m_stream.Tell();
            m_current.raw = m_body.substr(m_package_start, end - m_package_start);
            m_out.packages.push_back(std::move(m_current));
            m_current = CkanPackageSlice{};
        }
        return true;
    }

    std::string_view m_body;
    const rapidjson::MemoryStream& m_stream;
    CkanPageScan& m_out;
    std::vector<Frame> m_frames;
    std::string m_key;
    CkanPackageSlice m_current;
    std::size_t m_package_start = 0;
    bool m_saw_success = false;
    bool m_saw_result = false;
    bool m_saw_results = false;
    bool m_count_type_error = false;
    bool m_too_deep = false;
};

std::string strip_trailing_slashes(std::string_view url) {
    while (!url.empty() && url.back() == '/') url.remove_suffix(1);
    return std::string(url);
}

}  // namespace

CkanPageScan scan_package_search(std::string_view body) {
    CkanPageScan scan;
    // A bounded stream: the body needs no terminating NUL and is not copied.
    rapidjson::MemoryStream stream(body.data(), body.size());
    ScanHandler handler(body, stream, scan);
    rapidjson::Reader reader;
    const rapidjson::ParseResult result =
        reader.Parse<rapidjson::kParseStopWhenDoneFlag | rapidjson::kParseValidateEncodingFlag>(stream, handler);
    if (result.IsError()) {
        const auto [line, column] = line_column(body, result.Offset());
        scan.line = line;
        scan.column = column;
        scan.error = handler.too_deep()
                         ? fmt::format("JSON nested deeper than {} levels at line {}, column {}", max_json_depth,
                                       line, column)
                         : fmt::format("not valid JSON at line {}, column {}: {}", line, column,
                                       rapidjson::GetParseError_En(result.Code()));
        scan.packages.clear();
        return scan;
    }
    // Anything but whitespace after the document is a sign of a broken answer.
    std::size_t rest = stream.Tell();
    while (rest < body.size() && std::isspace(static_cast<unsigned char>(body[rest]))) ++rest;
    if (rest < body.size()) {
        const auto [line, column] = line_column(body, rest);
        scan.line = line;
        scan.column = column;
        scan.error = fmt::format("unexpected content after the JSON document at line {}, column {}", line, column);
        scan.packages.clear();
        return scan;
    }
    if (!handler.saw_success()) {
        scan.error = "not a CKAN API answer: the JSON has no \"success\" field";
        scan.packages.clear();
        return scan;
    }
    if (!scan.success) {
        scan.ok = true;  // a well-formed CKAN error; the caller reports api_error
        return scan;
    }
    if (!handler.saw_result_object()) {
        scan.error = "not a package_search answer: \"result\" is missing or not an object";
        scan.packages.clear();
        return scan;
    }
    if (!handler.saw_results_array()) {
        scan.error = "not a package_search answer: \"result.results\" is missing or not a list";
        scan.packages.clear();
        return scan;
    }
    if (handler.count_type_error() || scan.count < 0) {
        scan.error = "not a package_search answer: \"result.count\" is missing or not a whole number";
        scan.packages.clear();
        return scan;
    }
    scan.ok = true;
    return scan;
}

std::string ckan_portal_root(std::string_view portal_url) {
    std::string url = strip_trailing_slashes(portal_url);
    for (std::string_view suffix : {"/api/3/action", "/api/3", "/api/action", "/api"}) {
        if (url.size() >= suffix.size() && url.compare(url.size() - suffix.size(), suffix.size(), suffix) == 0) {
            url.erase(url.size() - suffix.size());
            break;
        }
    }
    return strip_trailing_slashes(url);
}

std::string ckan_action_base(std::string_view portal_url) { return ckan_portal_root(portal_url) + "/api/3/action"; }

std::string package_search_url(std::string_view action_base, int rows, std::int64_t start,
                               std::string_view modified_since) {
    std::string url = fmt::format("{}/package_search?q=*:*&sort={}&rows={}&start={}", action_base,
                                  catalog::url_encode("id asc"), rows, start);
    if (!modified_since.empty())
        url += "&fq=" + catalog::url_encode(fmt::format("metadata_modified:[{} TO *]", modified_since));
    return url;
}

// ------------------------------------------------------------------ paging

CkanPageSource::CkanPageSource(PageSourceContext context)
    : m_ctx(std::move(context)), m_action_base(ckan_action_base(m_ctx.source->url)) {}

std::int64_t CkanPageSource::expected_pages() const {
    if (m_count_first < 0) return 0;
    const std::int64_t rows = m_ctx.source->rows;
    return std::max<std::int64_t>(1, (m_count_first + rows - 1) / rows);
}

std::optional<PageBatch> CkanPageSource::next() {
    if (m_done) return std::nullopt;
    const std::int64_t rows = m_ctx.source->rows;
    ++m_page;
    const std::string url = package_search_url(m_action_base, static_cast<int>(rows), m_start, m_ctx.modified_since);

    // Endless paging: more pages than the announced count allows (with slack
    // for datasets added while paging), or than the hard bound.
    if (m_page > m_ctx.max_pages ||
        (m_count_first >= 0 && m_page > (std::max(m_count_first, m_count_last) + rows - 1) / rows + 2)) {
        throw ListingError("parse", url, fmt::format("page {}", m_page),
                           fmt::format("{}: paging does not end: page {} requested, but the portal announced {} "
                                       "datasets ({} per page); stopping so the harvest cannot run forever",
                                       m_ctx.source->name, m_page, m_count_first, rows));
    }

    // A memo makes the request conditional and lets an unchanged page be skipped.
    FetchedPage fetched = fetch_listing_page(m_ctx, url, m_page, ContentKind::json);
    const FetchResponse& response = fetched.response;
    const std::optional<catalog::PageMemo>& memo = fetched.memo;

    auto unchanged_page = [&](const catalog::PageMemo& m) {
        PageBatch batch;
        batch.url = url;
        batch.number = m_page;
        batch.seen_keys = m.keys;
        batch.listed = static_cast<std::int64_t>(m.keys.size());
        batch.unchanged = true;
        batch.memo = m;
        if (!response.validators.etag.empty()) batch.memo->etag = response.validators.etag;
        if (!response.validators.last_modified.empty()) batch.memo->last_modified = response.validators.last_modified;
        if (m_count_first < 0) m_count_first = m.total;
        m_count_last = m.total;
        for (const auto& key : m.keys) first_sighting(key);
        m_start += rows;
        if (m.keys.empty() || static_cast<std::int64_t>(m.keys.size()) < rows ||
            (m.total >= 0 && m_start >= m.total))
            m_done = true;
        m_previous_body_hash = m.body_hash;
        return batch;
    };

    if (response.not_modified) return unchanged_page(*memo);

    const std::string body_hash = record_hash(response.body, m_ctx.hash_salt);
    if (!m_previous_body_hash.empty() && body_hash == m_previous_body_hash) {
        throw ListingError("parse", url, fmt::format("page {}", m_page),
                           fmt::format("{}: page {} is identical to page {}: the portal ignores the start parameter; "
                                       "stopping so the harvest cannot loop",
                                       m_ctx.source->name, m_page, m_page - 1));
    }
    if (memo && memo->body_hash == body_hash) return unchanged_page(*memo);

    const CkanPageScan scan = scan_package_search(response.body);
    if (!scan.ok) {
        throw ListingError("parse", url, scan.line ? fmt::format("line {}, column {}", scan.line, scan.column) : "",
                           fmt::format("{}: page {} ({}) is unusable: {}", m_ctx.source->name, m_page, url,
                                       scan.error));
    }
    if (!scan.success) {
        throw ListingError("fetch", url, fmt::format("page {}", m_page),
                           fmt::format("{}: the portal refused package_search on page {}: {}", m_ctx.source->name,
                                       m_page, scan.api_error.empty() ? "no reason given" : scan.api_error));
    }
    m_previous_body_hash = body_hash;
    if (m_count_first < 0) m_count_first = scan.count;
    if (m_count_last >= 0 && scan.count != m_count_last && m_deletion_veto.empty()) {
        m_deletion_veto = fmt::format(
            "{}: the portal's dataset count changed from {} to {} while paging (page {}, {}), so the listing may "
            "have missed datasets; no deletions this run",
            m_ctx.source->name, m_count_last, scan.count, m_page, url);
    }
    m_count_last = scan.count;

    PageBatch batch = process_page(url, body_hash, scan);
    if (batch.memo) {
        batch.memo->etag = response.validators.etag;
        batch.memo->last_modified = response.validators.last_modified;
        batch.memo->total = scan.count;
    }
    m_start += rows;
    if (scan.packages.empty() || m_start >= scan.count) m_done = true;
    return batch;
}

PageBatch CkanPageSource::process_page(const std::string& url, const std::string& body_hash,
                                       const CkanPageScan& scan) {
    PageBatch batch;
    batch.url = url;
    batch.number = m_page;
    batch.listed = static_cast<std::int64_t>(scan.packages.size());
    batch.records.reserve(scan.packages.size());

    catalog::NormalizeContext ctx;
    ctx.source_name = m_ctx.source->name;
    ctx.portal_url = ckan_portal_root(m_ctx.source->url);
    ctx.default_contributor_ids = m_ctx.source->contributor_ids;

    std::vector<std::string> keys;
    keys.reserve(scan.packages.size());
    auto add_error = [&](const CkanPackageSlice& slice, const std::string& key, std::string message) {
        catalog::ErrorRow error;
        error.stage = "normalize";
        error.object_id = key;
        error.url = url;
        error.place = fmt::format("result.results[{}]", slice.index);
        error.message = fmt::format("{}: {}", m_ctx.source->name, message);
        error.fragment = error_fragment(slice.raw);
        batch.errors.push_back(std::move(error));
    };

    rapidjson::Document doc;
    for (const auto& slice : scan.packages) {
        if (!slice.is_object) {
            add_error(slice, "", "an entry of the result list is not a package object");
            if (m_deletion_veto.empty())
                m_deletion_veto = "the portal listed an entry that is not a package, so the listing cannot show "
                                  "which datasets are gone; no deletions this run";
            continue;
        }
        const std::string key = !slice.id.empty() ? slice.id : slice.name;
        if (key.empty()) {
            add_error(slice, "", "a package has neither \"id\" nor \"name\"; it cannot be identified");
            // It may be a stored dataset that lost its id: it cannot be marked
            // as seen, so this listing must not delete anything.
            if (m_deletion_veto.empty())
                m_deletion_veto = "the portal listed a package without id or name, so the listing cannot show "
                                  "which datasets are gone; no deletions this run";
            continue;
        }
        if (!first_sighting(key)) continue;  // moved between pages while paging
        keys.push_back(key);

        doc.Parse(slice.raw.data(), slice.raw.size());
        if (doc.HasParseError()) {  // cannot happen after a successful scan, but stay safe
            add_error(slice, key, "the package is not valid JSON");
            batch.seen_keys.push_back(key);
            continue;
        }
        catalog::NormalizeResult result = catalog::normalize_ckan_package(doc, *m_ctx.vocab, ctx);
        if (!result.dataset) {
            add_error(slice, key, fmt::format("package {} could not be mapped: {}", key, result.error));
            batch.seen_keys.push_back(key);  // keep what the catalogue has
            continue;
        }
        catalog::SourceRecord record;
        record.source_key = key;
        record.dataset = std::move(*result.dataset);
        record.record_json = model::to_json(record.dataset);
        record.raw = std::string(slice.raw);
        record.content_hash = record_hash(slice.raw, m_ctx.hash_salt);
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
