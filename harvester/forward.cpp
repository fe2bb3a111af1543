#include "harvester/forward.hpp"

#include "catalog/export_text.hpp"
#include "catalog/forward_profile.hpp"
#include "catalog/hash.hpp"
#include "harvester/fetch.hpp"

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

namespace ernte::harvester {

namespace {

using Clock = std::chrono::steady_clock;

/// Fields of the read dict that CKAN computes itself or that a write must not carry.
constexpr std::string_view k_read_only[] = {
    "id",        "metadata_created", "metadata_modified", "organization", "num_resources", "num_tags",
    "isopen",    "license_title",    "license_url",       "state",        "creator_user_id", "revision_id",
};
constexpr std::string_view k_resource_read_only[] = {"id", "package_id", "position", "state"};

std::string to_text(const rapidjson::Value& value) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    value.Accept(w);
    return {buffer.GetString(), buffer.GetSize()};
}

void remove_nulls(rapidjson::Value& object) {
    for (auto it = object.MemberBegin(); it != object.MemberEnd();) {
        if (it->value.IsNull()) it = object.EraseMember(it);
        else ++it;
    }
}

/// A CKAN Action API answer.
struct ActionAnswer {
    long status = 0;
    bool success = false;
    rapidjson::Document result;  ///< `result` on success
    std::string error;           ///< ckan_error_text, or what was wrong with the answer
    bool not_found = false;      ///< 404 Not Found Error
    bool validation = false;     ///< 409 Validation Error
    bool name_taken = false;     ///< the validation error is about the name
};

class Downstream {
public:
    Downstream(const ForwardConfig& target, Fetcher& fetcher, std::string token)
        : m_target(target), m_fetcher(fetcher), m_token(std::move(token)) {}

    /// POST an action; throws StopRun for a refused token, an unreachable
    /// downstream, or one that answered several times in a row with no CKAN
    /// answer.
    ActionAnswer call(std::string_view action, std::string body) {
        PostRequest request;
        request.url = fmt::format("{}/api/3/action/{}", m_target.url, action);
        request.body = std::move(body);
        request.headers.emplace_back("Authorization", m_token);
        FetchResponse response;
        try {
            response = m_fetcher.post(request);
        } catch (const FetchError& e) {
            throw StopRun(fmt::format("the downstream CKAN of forward target '{}' ({}) could not be reached: {}",
                                      m_target.name, m_target.url, e.what()));
        }
        ActionAnswer answer;
        answer.status = response.status;
        rapidjson::Document doc;
        doc.Parse(response.body.data(), response.body.size());
        const bool envelope = !doc.HasParseError() && doc.IsObject() && doc.HasMember("success") &&
                              doc["success"].IsBool();
        if (response.status == 401 || response.status == 403) {
            const std::string said = envelope ? ckan_error_text(response.body) : describe_http_status(response.status);
            throw StopRun(fmt::format("the downstream CKAN of forward target '{}' ({}) refused the API token from "
                                      "${} ({}); check the token and that its user may edit the organizations",
                                      m_target.name, m_target.url, m_target.api_token_env, said));
        }
        if (!envelope) {
            answer.error = fmt::format("the downstream answered {} without a CKAN answer (body starts with '{}')",
                                       describe_http_status(response.status), body_snippet(response.body, 80));
            // One such answer may come from a proxy in a bad moment; several
            // in a row mean the url leads to something that is no CKAN.
            if (++m_not_ckan_in_a_row >= k_not_ckan_limit) {
                throw StopRun(fmt::format("forward target '{}' ({}): {} answers in a row were no CKAN answers, the "
                                          "last: {}; check that url: is the address of the downstream CKAN site "
                                          "(without /api/3)",
                                          m_target.name, m_target.url, m_not_ckan_in_a_row, answer.error));
            }
            return answer;
        }
        m_not_ckan_in_a_row = 0;
        answer.success = doc["success"].GetBool() && response.status >= 200 && response.status < 300;
        if (answer.success) {
            if (doc.HasMember("result")) answer.result.CopyFrom(doc["result"], answer.result.GetAllocator());
            return answer;
        }
        answer.error = ckan_error_text(response.body);
        if (answer.error.empty()) answer.error = describe_http_status(response.status);
        if (doc.HasMember("error") && doc["error"].IsObject()) {
            const auto& error = doc["error"];
            const std::string type = error.HasMember("__type") && error["__type"].IsString() ? error["__type"].GetString() : "";
            answer.not_found = type == "Not Found Error" || response.status == 404;
            answer.validation = type == "Validation Error";
            answer.name_taken = answer.validation && error.HasMember("name");
        }
        return answer;
    }

    /// Ends a run: a refused token, an unreachable downstream, or one that is
    /// no CKAN.
    class StopRun : public std::runtime_error {
    public:
        using std::runtime_error::runtime_error;
    };

private:
    static constexpr int k_not_ckan_limit = 3;
    const ForwardConfig& m_target;
    Fetcher& m_fetcher;
    std::string m_token;
    int m_not_ckan_in_a_row = 0;
};

std::string string_member(const rapidjson::Value& object, const char* key) {
    if (!object.IsObject()) return {};
    const auto it = object.FindMember(key);
    if (it == object.MemberEnd() || !it->value.IsString()) return {};
    return {it->value.GetString(), it->value.GetStringLength()};
}

bool selected_by(const ForwardConfig& target, const catalog::CatalogRecord& record) {
    if (!target.sources.empty()) {
        const bool any = std::any_of(record.sources.begin(), record.sources.end(), [&](const std::string& s) {
            return std::find(target.sources.begin(), target.sources.end(), s) != target.sources.end();
        });
        if (!any) return false;
    }
    if (!target.publishers.empty()) {
        const auto& p = record.dataset.publisher;
        const bool any = std::any_of(target.publishers.begin(), target.publishers.end(), [&](const std::string& x) {
            return (!p.name.empty() && p.name == x) || (!p.iri.empty() && p.iri == x);
        });
        if (!any) return false;
    }
    return true;
}

/// A name with the dataset's own suffix, for a name another package has.
std::string suffixed_name(const std::string& base, const std::string& package_id) {
    const std::string suffix = "-" + package_id.substr(0, 8);
    std::string name = base.substr(0, 100 - suffix.size());
    while (!name.empty() && (name.back() == '-' || name.back() == '_')) name.pop_back();
    return name + suffix;
}

}  // namespace

std::string_view to_string(ForwardAction action) {
    switch (action) {
        case ForwardAction::created: return "created";
        case ForwardAction::updated: return "updated";
        case ForwardAction::deleted: return "deleted";
        case ForwardAction::unchanged: return "unchanged";
        case ForwardAction::refused: return "refused";
        case ForwardAction::kept: return "kept";
    }
    return "unchanged";
}

std::string ckan_error_text(std::string_view body) {
    rapidjson::Document doc;
    doc.Parse(body.data(), body.size());
    if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("error") || !doc["error"].IsObject()) return {};
    const auto& error = doc["error"];
    std::string type = string_member(error, "__type");
    std::string text;
    if (const std::string message = string_member(error, "message"); !message.empty()) text = message;
    for (auto it = error.MemberBegin(); it != error.MemberEnd(); ++it) {
        const std::string key(it->name.GetString(), it->name.GetStringLength());
        if (key == "__type" || key == "message") continue;
        std::string messages;
        if (it->value.IsArray()) {
            for (const auto& m : it->value.GetArray()) {
                messages += messages.empty() ? "" : " ";
                messages += m.IsString() ? std::string(m.GetString(), m.GetStringLength()) : to_text(m);
            }
        } else if (it->value.IsString()) {
            messages = std::string(it->value.GetString(), it->value.GetStringLength());
        } else {
            messages = to_text(it->value);
        }
        text += (text.empty() ? "" : "; ") + key + ": " + messages;
    }
    // The downstream's own words go into messages, the log and the API: as UTF-8.
    std::string said;
    catalog::rdf_export::append_valid_utf8(said, type.empty() ? text : text.empty() ? type : type + ": " + text);
    return said;
}

std::string forward_organization(const ForwardConfig& target, const model::Agent& publisher) {
    for (const auto& [key, org] : target.organizations) {
        if ((!publisher.name.empty() && key == publisher.name) || (!publisher.iri.empty() && key == publisher.iri)) {
            return org;
        }
    }
    return target.default_organization;
}

std::string forward_package_json(const catalog::CatalogRecord& record, const std::string& name,
                                 const std::string& owner_org, const catalog::CkanVocabulary& ckan_vocab) {
    catalog::CkanPackageInfo info;
    info.name = name;
    info.iri = record.iri;
    info.status = record.status;
    info.first_seen = record.first_seen;
    info.last_changed = record.last_changed;
    info.sources = record.sources;
    const std::string read = catalog::ckan_package_json(record.dataset, info, ckan_vocab);
    rapidjson::Document doc;
    doc.Parse(read.data(), read.size());
    if (doc.HasParseError() || !doc.IsObject()) throw std::logic_error("the package dict is not a JSON object");
    auto& a = doc.GetAllocator();
    for (const auto key : k_read_only) {
        doc.RemoveMember(rapidjson::Value(rapidjson::StringRef(key.data(), key.size())));
    }
    remove_nulls(doc);
    doc.RemoveMember("owner_org");
    doc.AddMember("owner_org", rapidjson::Value(owner_org.c_str(), a), a);
    if (doc.HasMember("resources") && doc["resources"].IsArray()) {
        for (auto& resource : doc["resources"].GetArray()) {
            if (!resource.IsObject()) continue;
            for (const auto key : k_resource_read_only) {
                resource.RemoveMember(rapidjson::Value(rapidjson::StringRef(key.data(), key.size())));
            }
            remove_nulls(resource);
        }
    }
    // Tags and groups are written by name; what else the read dict shows of them CKAN derives.
    for (const char* list : {"tags", "groups"}) {
        if (!doc.HasMember(list) || !doc[list].IsArray()) continue;
        for (auto& item : doc[list].GetArray()) {
            if (!item.IsObject() || !item.HasMember("name")) continue;
            rapidjson::Value only(rapidjson::kObjectType);
            only.AddMember("name", rapidjson::Value(item["name"], a), a);
            item = std::move(only);
        }
    }
    return to_text(doc);
}

FetchOptions forward_fetch_options(const Config& config, const ForwardConfig& target,
                                   const std::atomic<bool>* cancel) {
    FetchOptions o;
    o.user_agent = user_agent(config);
    o.max_bytes = config.max_response_bytes;
    o.max_redirects = 0;
    o.read_timeout = target.timeout;
    o.retries = 2;
    o.max_connections_per_host = 1;
    o.cancel = cancel;
    return o;
}

ForwardReport forward_catalogue(const ForwardConfig& target, catalog::Store& store,
                                const catalog::Vocabularies& vocab, const catalog::CkanVocabulary& ckan_vocab,
                                Fetcher& fetcher, const ForwardOptions& options) {
    const auto started = Clock::now();
    ForwardReport report;
    report.target = target.name;
    report.profile = std::string(catalog::to_string(target.profile));
    report.dry_run = options.dry_run;

    catalog::refresh_profile_verdicts(store, target.profile, vocab);

    // What the target accepted so far.
    std::unordered_map<std::int64_t, catalog::ForwardPushRow> pushed;
    std::unordered_map<std::string, std::int64_t> name_owner;  // name -> dataset
    for (auto& row : store.forward_pushes(target.name)) {
        name_owner[row.name] = row.dataset_id;
        pushed.emplace(row.dataset_id, std::move(row));
    }

    Downstream downstream(target, fetcher, options.api_token);
    auto cancelled = [&] { return options.cancel != nullptr && options.cancel->load(); };
    auto add = [&](ForwardItem item) {
        switch (item.action) {
            case ForwardAction::created: ++report.created; break;
            case ForwardAction::updated: ++report.updated; break;
            case ForwardAction::deleted: ++report.deleted; break;
            case ForwardAction::unchanged: ++report.unchanged; return;
            case ForwardAction::refused: ++report.refused; break;
            case ForwardAction::kept: ++report.kept; break;
        }
        report.items.push_back(std::move(item));
    };
    auto remember = [&](std::int64_t dataset_id, const std::string& package_id, const std::string& name,
                        const std::string& hash) {
        if (options.dry_run) return;
        store.record_forward_push(target.name, {dataset_id, package_id, name, hash, {}});
        name_owner[name] = dataset_id;
    };

    // The datasets of the target's selection, judged by the profile.
    catalog::DatasetFilter filter;
    if (target.sources.size() == 1) filter.source = target.sources.front();
    if (target.publishers.size() == 1) filter.publisher = target.publishers.front();
    std::unordered_set<std::int64_t> selected_ids;
    const std::string profile_name = report.profile;
    std::unordered_set<std::int64_t> qualifying;
    if (target.profile != catalog::ForwardProfile::all) {
        catalog::DatasetFilter q = filter;
        q.profile = profile_name;
        store.for_each_dataset(q, [&](const catalog::CatalogRecord& record) { qualifying.insert(record.id); });
    }
    // Read ids first and records one at a time below, so memory holds ids, not the catalogue.
    std::vector<std::int64_t> ids;
    store.for_each_dataset(filter, [&](const catalog::CatalogRecord& record) {
        if (!selected_by(target, record)) return;
        if (target.profile != catalog::ForwardProfile::all && !qualifying.contains(record.id)) {
            ++report.held_back;
            return;
        }
        ids.push_back(record.id);
    });
    report.selected = static_cast<std::int64_t>(ids.size());
    selected_ids.insert(ids.begin(), ids.end());

    // The dataset being sent when the downstream stops the run: the report names it.
    std::string sending;
    try {
        for (const std::int64_t id : ids) {
            sending.clear();
            if (cancelled()) throw Downstream::StopRun(fmt::format("forward target '{}': cancelled", target.name));
            const auto record = store.find(std::to_string(id));
            if (!record) continue;
            ForwardItem item;
            item.dataset_id = record->id;
            item.iri = record->iri;
            const auto* title = record->dataset.title.empty() ? nullptr : &record->dataset.title.front();
            item.title = title != nullptr ? title->value : std::string();
            item.owner_org = forward_organization(target, record->dataset.publisher);
            const auto known = pushed.find(record->id);
            const std::string package_key = catalog::ckan_package_id(record->iri);
            if (known != pushed.end()) {
                item.name = known->second.name;
            } else {
                std::string base = catalog::ckan_package_name(record->dataset, package_key);
                const auto owner = name_owner.find(base);
                if (base.empty() || (owner != name_owner.end() && owner->second != record->id)) {
                    base = suffixed_name(base.empty() ? std::string("dataset") : base, package_key);
                }
                item.name = std::move(base);
            }
            if (item.owner_org.empty()) {
                item.action = ForwardAction::refused;
                item.message = fmt::format(
                    "not sent: no organization for publisher '{}'; map it under organizations of forward target "
                    "'{}' or set default_organization",
                    record->dataset.publisher.name.empty() ? record->dataset.publisher.iri
                                                           : record->dataset.publisher.name,
                    target.name);
                add(std::move(item));
                continue;
            }
            std::string dict = forward_package_json(*record, item.name, item.owner_org, ckan_vocab);
            std::string hash = catalog::content_hash(dict);
            if (known != pushed.end() && known->second.dict_hash == hash) {
                item.action = ForwardAction::unchanged;
                add(std::move(item));
                continue;
            }
            if (options.dry_run) {
                item.action = known != pushed.end() ? ForwardAction::updated : ForwardAction::created;
                name_owner.emplace(item.name, record->id);  // as a real run would have it taken
                add(std::move(item));
                continue;
            }

            sending = fmt::format("'{}' ({})", item.name, item.iri);
            std::optional<ActionAnswer> answer;
            if (known != pushed.end()) {
                rapidjson::Document doc;
                doc.Parse(dict.data(), dict.size());
                doc.AddMember("id", rapidjson::Value(known->second.package_id.c_str(), doc.GetAllocator()),
                              doc.GetAllocator());
                answer = downstream.call("package_update", to_text(doc));
                item.action = ForwardAction::updated;
                if (!answer->success && answer->not_found) {
                    // Deleted downstream by someone else: create it again.
                    answer = downstream.call("package_create", dict);
                    item.action = ForwardAction::created;
                }
            } else {
                answer = downstream.call("package_create", dict);
                item.action = ForwardAction::created;
                if (!answer->success && answer->name_taken) {
                    // Another package downstream has the name: take the dataset's own suffix.
                    const std::string other = suffixed_name(item.name, package_key);
                    if (other != item.name) {
                        item.name = other;
                        dict = forward_package_json(*record, item.name, item.owner_org, ckan_vocab);
                        hash = catalog::content_hash(dict);
                        answer = downstream.call("package_create", dict);
                    }
                }
            }
            if (!answer->success) {
                item.action = ForwardAction::refused;
                item.message = answer->error;
                add(std::move(item));
                continue;
            }
            const std::string package_id = string_member(answer->result, "id");
            const std::string accepted_name = string_member(answer->result, "name");
            if (!accepted_name.empty()) item.name = accepted_name;
            remember(record->id, package_id.empty() && known != pushed.end() ? known->second.package_id : package_id,
                     item.name, hash);
            add(std::move(item));
        }

        // What was pushed but is withdrawn or no longer selected.
        for (const auto& [dataset_id, row] : pushed) {
            sending.clear();
            if (selected_ids.contains(dataset_id)) continue;
            if (cancelled()) throw Downstream::StopRun(fmt::format("forward target '{}': cancelled", target.name));
            ForwardItem item;
            item.dataset_id = dataset_id;
            item.name = row.name;
            if (const auto record = store.find(std::to_string(dataset_id))) {
                item.iri = record->iri;
                if (!record->dataset.title.empty()) item.title = record->dataset.title.front().value;
            }
            if (target.deletions == ForwardDeletions::keep) {
                item.action = ForwardAction::kept;
                item.message = "no longer selected; left downstream (deletions: keep)";
                add(std::move(item));
                continue;
            }
            item.action = ForwardAction::deleted;
            if (options.dry_run) {
                add(std::move(item));
                continue;
            }
            sending = fmt::format("the deletion of '{}' ({})", item.name, item.iri.empty() ? row.package_id : item.iri);
            rapidjson::StringBuffer body;
            rapidjson::Writer<rapidjson::StringBuffer> w(body);
            w.StartObject();
            w.Key("id");
            w.String(row.package_id.c_str());
            w.EndObject();
            const ActionAnswer answer = downstream.call("package_delete", body.GetString());
            if (!answer.success && !answer.not_found) {
                item.action = ForwardAction::refused;
                item.message = answer.error;
                add(std::move(item));
                continue;
            }
            store.forget_forward_push(target.name, dataset_id);
            add(std::move(item));
        }
    } catch (const Downstream::StopRun& e) {
        report.stopped = e.what();
        if (!sending.empty()) report.stopped += "; stopped while sending " + sending;
        spdlog::error("{}", report.stopped);
    }
    report.duration = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
    return report;
}

std::string forward_report_text(const ForwardReport& r) {
    std::ostringstream out;
    const char* would = r.dry_run ? "would be " : "";
    for (const auto& item : r.items) {
        out << fmt::format("{} {}{} {}", r.target, r.dry_run ? "would be " : "", to_string(item.action),
                           item.name.empty() ? item.iri : item.name);
        if (!item.owner_org.empty() && item.action != ForwardAction::deleted) out << " (" << item.owner_org << ")";
        if (!item.message.empty()) out << ": " << item.message;
        out << "\n";
    }
    out << fmt::format("{}: {} datasets selected ({} profile, {} held back); {}created {}, {}updated {}, {}deleted "
                       "{}, unchanged {}, refused {}, kept {} ({:.1f} s){}\n",
                       r.target, r.selected, r.profile, r.held_back, would, r.created, would, r.updated, would,
                       r.deleted, r.unchanged, r.refused, r.kept, static_cast<double>(r.duration.count()) / 1000.0,
                       r.dry_run ? "; dry run, nothing was sent" : "");
    if (!r.stopped.empty()) out << fmt::format("{}: stopped: {}\n", r.target, r.stopped);
    return out.str();
}

}  // namespace ernte::harvester
