#include "tests/support/ckan_downstream.hpp"

#include "tests/support/ckan_portal.hpp"

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <regex>

namespace ernte::testsupport {

namespace {

constexpr const char* k_help = "https://ckan.example/api/3/action/help_show?name=";

std::string text_of(const rapidjson::Value& v) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    v.Accept(w);
    return {buffer.GetString(), buffer.GetSize()};
}

std::string member(const rapidjson::Value& v, const char* key) {
    if (!v.IsObject()) return {};
    const auto it = v.FindMember(key);
    if (it == v.MemberEnd() || !it->value.IsString()) return {};
    return {it->value.GetString(), it->value.GetStringLength()};
}

HttpResponse success(const std::string& action, const std::string& result) {
    return HttpResponse::json(fmt::format(R"({{"help": "{}{}", "success": true, "result": {}}})", k_help, action,
                                          result));
}

/// A 409 Validation Error: field -> messages.
HttpResponse validation_error(const std::string& action, const std::map<std::string, std::vector<std::string>>& errors) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    w.StartObject();
    w.Key("help");
    w.String((std::string(k_help) + action).c_str());
    w.Key("success");
    w.Bool(false);
    w.Key("error");
    w.StartObject();
    w.Key("__type");
    w.String("Validation Error");
    for (const auto& [field, messages] : errors) {
        w.Key(field.c_str());
        w.StartArray();
        for (const auto& m : messages) w.String(m.c_str());
        w.EndArray();
    }
    w.EndObject();
    w.EndObject();
    return HttpResponse::json(buffer.GetString(), 409);
}

}  // namespace

CkanDownstream::CkanDownstream(std::string token, std::set<std::string> organizations)
    : m_token(std::move(token)), m_organizations(std::move(organizations)) {}

std::map<std::string, CkanDownstream::Package> CkanDownstream::packages() const {
    std::lock_guard lock(m_mutex);
    return m_packages;
}

std::optional<CkanDownstream::Package> CkanDownstream::by_name(const std::string& name) const {
    std::lock_guard lock(m_mutex);
    for (const auto& [id, p] : m_packages)
        if (p.name == name && p.state != "deleted") return p;
    return std::nullopt;
}

std::size_t CkanDownstream::active_count() const {
    std::lock_guard lock(m_mutex);
    std::size_t n = 0;
    for (const auto& [id, p] : m_packages) n += p.state == "active" ? 1 : 0;
    return n;
}

std::vector<std::string> CkanDownstream::writes() const {
    std::lock_guard lock(m_mutex);
    return m_writes;
}

void CkanDownstream::add_foreign_package(const std::string& name, const std::string& owner_org) {
    std::lock_guard lock(m_mutex);
    const std::string id = fmt::format("foreign-{:04}", m_next_id++);
    m_packages[id] = {id, name, owner_org, "active",
                      fmt::format(R"({{"id": "{}", "name": "{}", "owner_org": "{}", "state": "active"}})", id, name,
                                  owner_org)};
}

HttpResponse CkanDownstream::handle(const HttpRequest& request) {
    const std::string prefix = "/api/3/action/";
    if (request.path.rfind(prefix, 0) != 0) return ckan_error(404, "Not Found Error", "Not found");
    const std::string action = request.path.substr(prefix.size());
    if (action == "package_create" || action == "package_update" || action == "package_patch" ||
        action == "package_delete") {
        if (request.method != "POST") {
            return ckan_error(400, "Bad request", fmt::format("Bad request - JSON Error: {} needs a POST", action));
        }
        {
            std::lock_guard lock(m_mutex);
            m_writes.push_back(action);
        }
        if (request.header("authorization") != m_token) {
            return ckan_error(403, "Authorization Error",
                              fmt::format("Access denied: User  not authorized to {}", action));
        }
        return write(action, request.body);
    }
    std::string id = request.query_param("id");
    if (id.empty() && request.method == "POST") {
        rapidjson::Document doc;
        doc.Parse(request.body.c_str());
        if (!doc.HasParseError()) id = member(doc, "id");
    }
    if (action == "package_show") return show(id);
    std::lock_guard lock(m_mutex);
    if (action == "organization_list") {
        std::string list = "[";
        for (const auto& o : m_organizations) list += (list.size() > 1 ? ", \"" : "\"") + o + "\"";
        return success(action, list + "]");
    }
    if (action == "organization_show") {
        if (!m_organizations.contains(id)) return ckan_error(404, "Not Found Error", "Organization not found");
        return success(action, fmt::format(R"({{"id": "{0}", "name": "{0}", "is_organization": true}})", id));
    }
    return ckan_error(400, "Bad request", fmt::format("Action name not known: {}", action));
}

HttpResponse CkanDownstream::show(const std::string& id) {
    std::lock_guard lock(m_mutex);
    for (const auto& [key, p] : m_packages) {
        if (p.id == id || (p.name == id && p.state != "deleted")) return success("package_show", p.json);
    }
    return ckan_error(404, "Not Found Error", "Not found");
}

HttpResponse CkanDownstream::write(const std::string& action, const std::string& body) {
    rapidjson::Document doc;
    doc.Parse(body.c_str());
    if (doc.HasParseError() || !doc.IsObject()) {
        return ckan_error(400, "Bad request", "Bad request - JSON Error: Error decoding JSON data.");
    }
    std::lock_guard lock(m_mutex);
    Package* existing = nullptr;
    if (action != "package_create") {
        const std::string id = member(doc, "id");
        if (id.empty()) return validation_error(action, {{"id", {"Missing value"}}});
        for (auto& [key, p] : m_packages) {
            if (p.id == id || (p.name == id && p.state != "deleted")) existing = &p;
        }
        if (existing == nullptr) return ckan_error(404, "Not Found Error", "Package was not found.");
    }
    if (action == "package_delete") {
        existing->state = "deleted";
        return success(action, "null");
    }

    // package_patch: the stored package with the given fields replaced.
    if (action == "package_patch") {
        rapidjson::Document merged;
        merged.Parse(existing->json.c_str());
        for (auto it = doc.MemberBegin(); it != doc.MemberEnd(); ++it) {
            merged.RemoveMember(it->name);
            merged.AddMember(rapidjson::Value(it->name, merged.GetAllocator()),
                             rapidjson::Value(it->value, merged.GetAllocator()), merged.GetAllocator());
        }
        doc.Swap(merged);
    }

    // CKAN's validators for name and owner_org.
    std::map<std::string, std::vector<std::string>> errors;
    const std::string name = member(doc, "name");
    static const std::regex name_pattern("^[a-z0-9_-]+$");
    if (name.empty()) errors["name"].push_back("Missing value");
    else if (name.size() < 2) errors["name"].push_back("Must be at least 2 characters long");
    else if (name.size() > 100) errors["name"].push_back("Name must be a maximum of 100 characters long");
    else if (!std::regex_match(name, name_pattern))
        errors["name"].push_back("Must be purely lowercase alphanumeric (ascii) characters and these symbols: -_");
    else {
        for (const auto& [key, p] : m_packages) {
            if (p.name == name && p.state != "deleted" && &p != existing) {
                errors["name"].push_back("That URL is already in use.");
                break;
            }
        }
    }
    const std::string owner_org = member(doc, "owner_org");
    if (owner_org.empty()) errors["owner_org"].push_back("Missing value");
    else if (!m_organizations.contains(owner_org)) errors["owner_org"].push_back("Organization does not exist");
    if (doc.HasMember("title") && !doc["title"].IsString()) errors["title"].push_back("Must be a string");
    if (!errors.empty()) return validation_error(action, errors);

    Package p = existing != nullptr ? *existing : Package{};
    if (existing == nullptr) p.id = fmt::format("00000000-0000-4000-8000-{:012}", m_next_id++);
    p.name = name;
    p.owner_org = owner_org;
    p.state = "active";
    auto& a = doc.GetAllocator();
    doc.RemoveMember("id");
    doc.AddMember("id", rapidjson::Value(p.id.c_str(), a), a);
    doc.RemoveMember("state");
    doc.AddMember("state", "active", a);
    p.json = text_of(doc);
    m_packages[p.id] = p;
    return success(action, p.json);
}

}  // namespace ernte::testsupport
