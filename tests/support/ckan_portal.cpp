#include "tests/support/ckan_portal.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <random>
#include <regex>
#include <sstream>
#include <stdexcept>

namespace ernte::testsupport {

namespace {

std::string json_escape(std::string_view s) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
    return {buffer.GetString(), buffer.GetSize()};
}

std::string string_member(const rapidjson::Value& v, const char* key) {
    auto it = v.FindMember(key);
    if (it == v.MemberEnd() || !it->value.IsString()) return {};
    return {it->value.GetString(), it->value.GetStringLength()};
}

std::string to_text(const rapidjson::Value& v) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    v.Accept(w);
    return {buffer.GetString(), buffer.GetSize()};
}

}  // namespace

HttpResponse ckan_error(int status, const std::string& type, const std::string& message) {
    std::string body = R"({"help": "https://ckan.example/api/3/action/help_show", "success": false, "error": {"__type": )" +
                       json_escape(type) + R"(, "message": )" + json_escape(message) + "}}";
    return HttpResponse::json(std::move(body), status);
}

CkanPortal::CkanPortal(std::vector<std::string> packages) { set_packages(std::move(packages)); }

void CkanPortal::set_packages(std::vector<std::string> packages) {
    std::vector<Package> parsed;
    parsed.reserve(packages.size());
    rapidjson::Document doc;
    for (auto& text : packages) {
        doc.Parse(text.data(), text.size());
        if (doc.HasParseError() || !doc.IsObject()) throw std::invalid_argument("a package is not a JSON object");
        Package p;
        p.id = string_member(doc, "id");
        p.name = string_member(doc, "name");
        p.modified = string_member(doc, "metadata_modified");
        p.json = std::move(text);
        parsed.push_back(std::move(p));
    }
    std::stable_sort(parsed.begin(), parsed.end(), [](const Package& a, const Package& b) { return a.id < b.id; });
    std::unique_lock lock(m_mutex);
    m_packages = std::move(parsed);
}

std::size_t CkanPortal::size() const {
    std::shared_lock lock(m_mutex);
    return m_packages.size();
}

HttpResponse CkanPortal::handle(const HttpRequest& request) const {
    const std::string prefix = "/api/3/action/";
    if (request.path.rfind(prefix, 0) != 0) return ckan_error(404, "Not Found Error", "Not found");
    const std::string action = request.path.substr(prefix.size());
    if (action == "package_search") return package_search(request);
    std::shared_lock lock(m_mutex);
    if (action == "status_show") {
        return HttpResponse::json(
            R"({"help": "", "success": true, "result": {"ckan_version": "2.10.4", "site_title": "Fixture portal", "extensions": ["dcat"]}})");
    }
    if (action == "package_list") {
        std::string body = R"({"help": "", "success": true, "result": [)";
        for (std::size_t i = 0; i < m_packages.size(); ++i)
            body += (i ? "," : "") + json_escape(m_packages[i].name.empty() ? m_packages[i].id : m_packages[i].name);
        body += "]}";
        return HttpResponse::json(std::move(body));
    }
    if (action == "package_show") {
        const std::string id = request.query_param("id");
        for (const auto& p : m_packages)
            if (p.id == id || p.name == id)
                return HttpResponse::json(R"({"help": "", "success": true, "result": )" + p.json + "}");
        return ckan_error(404, "Not Found Error", "Not found");
    }
    return ckan_error(400, "Bad Request Error", "Unknown action: " + action);
}

HttpResponse CkanPortal::package_search(const HttpRequest& request) const {
    auto integer = [&](const char* name, long fallback) -> long {
        const std::string v = request.query_param(name);
        if (v.empty()) return fallback;
        try {
            std::size_t used = 0;
            long n = std::stol(v, &used);
            if (used != v.size() || n < 0) throw std::invalid_argument(name);
            return n;
        } catch (...) {
            return -1;
        }
    };
    const long rows = integer("rows", 10);
    const long start = integer("start", 0);
    if (rows < 0 || start < 0)
        return ckan_error(409, "Validation Error", "rows and start must be non-negative integers");
    const std::string sort = request.query_param("sort");
    if (!sort.empty() && sort != "id asc")
        return ckan_error(409, "Search Query Error", "this fixture portal sorts by 'id asc' only");

    // fq: metadata_modified:[FROM TO *]
    std::string since;
    if (const std::string fq = request.query_param("fq"); !fq.empty()) {
        static const std::regex pattern(R"(^metadata_modified:\[(\S+) TO \*\]$)");
        std::smatch m;
        if (!std::regex_match(fq, m, pattern))
            return ckan_error(409, "Search Query Error", "Invalid search query: " + fq);
        since = m[1].str();
        if (!since.empty() && since.back() == 'Z') since.pop_back();
    }

    std::shared_lock lock(m_mutex);
    std::vector<const Package*> selected;
    selected.reserve(since.empty() ? 0 : 64);
    const bool filtered = !since.empty();
    if (filtered)
        for (const auto& p : m_packages)
            if (p.modified >= since) selected.push_back(&p);
    const std::size_t count = filtered ? selected.size() : m_packages.size();
    const std::size_t take = static_cast<std::size_t>(std::min<long>(rows, max_rows));
    std::string body;
    body.reserve(take * 3000 + 256);
    body += R"({"help": "https://ckan.example/api/3/action/help_show?name=package_search", "success": true, "result": {"count": )";
    body += std::to_string(count);
    body += R"(, "sort": "id asc", "facets": {}, "results": [)";
    for (std::size_t i = static_cast<std::size_t>(start), n = 0; i < count && n < take; ++i, ++n) {
        if (n) body += ", ";
        body += filtered ? selected[i]->json : m_packages[i].json;
    }
    body += R"(], "search_facets": {}}})";
    HttpResponse response = HttpResponse::json(std::move(body));
    if (etags) {
        char tag[40];
        std::snprintf(tag, sizeof tag, "\"%016zx\"", std::hash<std::string>{}(response.body));
        if (request.header("if-none-match") == tag) {
            HttpResponse not_modified;
            not_modified.status = 304;
            not_modified.headers.emplace_back("ETag", tag);
            return not_modified;
        }
        response.headers.emplace_back("ETag", tag);
    }
    return response;
}

std::vector<std::string> load_packages(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + file.string());
    std::stringstream text;
    text << in.rdbuf();
    rapidjson::Document doc;
    doc.Parse(text.str().c_str());
    if (doc.HasParseError()) throw std::runtime_error(file.string() + " is not valid JSON");
    const rapidjson::Value* list = &doc;
    if (doc.IsObject() && doc.HasMember("result") && doc["result"].IsObject() && doc["result"].HasMember("results"))
        list = &doc["result"]["results"];
    std::vector<std::string> out;
    if (list->IsObject() && list->HasMember("id")) {  // a single package dict
        out.push_back(to_text(*list));
        return out;
    }
    if (!list->IsArray()) throw std::runtime_error(file.string() + " holds no list of packages");
    for (const auto& p : list->GetArray()) out.push_back(to_text(p));
    return out;
}

std::vector<std::string> generate_packages(std::size_t count, std::uint64_t seed,
                                           const std::vector<std::string>& templates) {
    if (templates.empty()) throw std::invalid_argument("generate_packages needs at least one template");
    std::vector<rapidjson::Document> parsed(templates.size());
    for (std::size_t i = 0; i < templates.size(); ++i) {
        parsed[i].Parse(templates[i].c_str());
        if (parsed[i].HasParseError() || !parsed[i].IsObject())
            throw std::invalid_argument("a template package is not a JSON object");
    }
    std::mt19937_64 rng(seed);
    std::vector<std::string> out;
    out.reserve(count);
    rapidjson::Document doc;
    for (std::size_t i = 0; i < count; ++i) {
        const auto& tpl = parsed[i % parsed.size()];
        doc.CopyFrom(tpl, doc.GetAllocator());
        auto& a = doc.GetAllocator();
        char id[48];
        const std::uint64_t r = rng();
        std::snprintf(id, sizeof id, "%08llx-%04llx-4%03llx-8%03llx-%012zx",
                      static_cast<unsigned long long>(r >> 32), static_cast<unsigned long long>((r >> 16) & 0xffff),
                      static_cast<unsigned long long>(r & 0xfff), static_cast<unsigned long long>((r >> 20) & 0xfff),
                      i);
        auto set = [&](const char* key, const std::string& value) {
            rapidjson::Value v(value.c_str(), static_cast<rapidjson::SizeType>(value.size()), a);
            if (doc.HasMember(key)) doc[key] = v;
            else doc.AddMember(rapidjson::Value(key, a), v, a);
        };
        set("id", id);
        const std::string base_name = string_member(tpl, "name").empty() ? "datensatz" : string_member(tpl, "name");
        set("name", base_name.substr(0, 60) + "-" + std::to_string(i));
        const std::string title = string_member(tpl, "title");
        set("title", (title.empty() ? std::string("Datensatz") : title) + " (" + std::to_string(2000 + i % 25) + ")");
        char modified[40];
        std::snprintf(modified, sizeof modified, "20%02zu-%02zu-%02zuT%02zu:%02zu:%02zu.%06zu", 15 + i % 10,
                      1 + i % 12, 1 + i % 28, i % 24, i % 60, (i / 60) % 60, i % 1000000);
        set("metadata_modified", modified);
        if (doc.HasMember("resources") && doc["resources"].IsArray()) {
            std::size_t k = 0;
            for (auto& res : doc["resources"].GetArray()) {
                if (!res.IsObject()) continue;
                const std::string rid = std::string(id) + "-r" + std::to_string(k++);
                rapidjson::Value v(rid.c_str(), static_cast<rapidjson::SizeType>(rid.size()), a);
                if (res.HasMember("id")) res["id"] = v;
                else res.AddMember("id", v, a);
            }
        }
        out.push_back(to_text(doc));
    }
    return out;
}

}  // namespace ernte::testsupport
