#include "harvester/config.hpp"

#include "catalog/ckan_package.hpp"
#include "catalog/export_text.hpp"
#include "catalog/model.hpp"
#include "catalog/text.hpp"
#include "harvester/cron.hpp"

#include <fmt/format.h>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#ifndef ERNTE_DATA_DIR
#define ERNTE_DATA_DIR "schemas"
#endif

namespace ernte::harvester {

ConfigError::ConfigError(const std::string& file, const std::string& key_path, const std::string& message)
    : std::runtime_error(file + (key_path.empty() ? "" : ": " + key_path) + ": " + message),
      m_file(file),
      m_key_path(key_path) {}

std::string_view to_string(SourceType type) { return type == SourceType::ckan ? "ckan" : "dcat"; }

const SourceConfig* Config::find_source(std::string_view name) const {
    for (const auto& s : sources)
        if (s.name == name) return &s;
    return nullptr;
}

std::vector<std::string> Config::source_names() const {
    std::vector<std::string> names;
    for (const auto& s : sources) names.push_back(s.name);
    return names;
}

const ForwardConfig* Config::find_forward(std::string_view name) const {
    for (const auto& f : forward)
        if (f.name == name) return &f;
    return nullptr;
}

namespace {

// The checks below are written out rather than as std::regex: libstdc++
// matches a regex by recursion, one stack frame or more per character, so a
// long value in a configuration file would overflow the stack.

bool is_ascii_space(char ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v'; }
bool is_digit(char ch) { return ch >= '0' && ch <= '9'; }
bool is_lower_or_digit(char ch) { return (ch >= 'a' && ch <= 'z') || is_digit(ch); }
bool is_letter(char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); }

/// Source and target names: lower-case letters, digits, '-' and '_'.
bool is_plain_name(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char ch) { return is_lower_or_digit(ch) || ch == '-' || ch == '_'; });
}

/// The name of an environment variable: a letter or '_', then letters, digits and '_'.
bool is_environment_name(std::string_view s) {
    return !s.empty() && !is_digit(s.front()) &&
           std::all_of(s.begin(), s.end(), [](char ch) { return is_letter(ch) || is_digit(ch) || ch == '_'; });
}

bool has_no_space(std::string_view s) { return std::none_of(s.begin(), s.end(), is_ascii_space); }

/// s starts with http:// or https:// (any case), and what follows is not empty.
std::optional<std::string_view> after_http_scheme(std::string_view s) {
    for (const std::string_view scheme : {"http://", "https://"}) {
        if (s.size() <= scheme.size()) continue;
        bool same = true;
        for (std::size_t i = 0; i < scheme.size() && same; ++i)
            same = static_cast<char>(std::tolower(static_cast<unsigned char>(s[i]))) == scheme[i];
        if (same) return s.substr(scheme.size());
    }
    return std::nullopt;
}

/// An http(s) URL with a host and no white space.
bool is_http_url(std::string_view s) {
    const auto rest = after_http_scheme(s);
    if (!rest || !has_no_space(*rest)) return false;
    const char first = rest->front();
    return first != '/' && first != '?' && first != '#';
}

/// An e-mail address (something@domain.tld, no white space) or an http(s) URL.
bool is_contact(std::string_view s) {
    if (const auto rest = after_http_scheme(s)) return has_no_space(*rest);
    const auto at = s.find('@');
    if (at == 0 || at == std::string_view::npos || !has_no_space(s)) return false;
    const std::string_view domain = s.substr(at + 1);
    if (domain.find('@') != std::string_view::npos) return false;
    const auto dot = domain.find('.', 1);
    return dot != std::string_view::npos && dot + 1 < domain.size();
}

/// Text made of the characters of an IPv4 or IPv6 address; the socket layer
/// rejects what is not an address when it binds.
bool is_ip_address(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char ch) {
        return is_digit(ch) || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F') || ch == ':' || ch == '.';
    });
}

/// "30", " 5 m ", "500ms": a whole number and an optional unit of letters,
/// white space around either. nullopt for anything else or numbers of more
/// than twelve digits.
struct Amount {
    long long number = 0;
    std::string_view unit;
};
std::optional<Amount> split_amount(std::string_view text) {
    text = catalog::trim_whitespace(text);
    std::size_t i = 0;
    while (i < text.size() && is_digit(text[i])) ++i;
    if (i == 0 || i > 12) return std::nullopt;
    Amount a;
    for (std::size_t k = 0; k < i; ++k) a.number = a.number * 10 + (text[k] - '0');
    std::size_t u = i;
    while (u < text.size() && is_ascii_space(text[u])) ++u;
    a.unit = text.substr(u);
    if (!std::all_of(a.unit.begin(), a.unit.end(), is_letter)) return std::nullopt;
    return a;
}

/// Reads typed values from YAML nodes and reports errors with the key path.
class Reader {
public:
    explicit Reader(std::string file) : m_file(std::move(file)) {}

    [[noreturn]] void fail(const std::string& path, const std::string& message) const {
        throw ConfigError(m_file, path, message);
    }

    static std::string show(const YAML::Node& node) {
        if (node.IsScalar()) return "'" + node.Scalar() + "'";
        if (node.IsSequence()) return "a list";
        if (node.IsMap()) return "a mapping";
        return "nothing";
    }

    void only_keys(const YAML::Node& map, const std::string& path, const std::set<std::string>& allowed) const {
        for (const auto& kv : map) {
            const std::string key = key_name(kv.first, path);
            if (!allowed.count(key)) {
                std::string list;
                for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
                fail(path.empty() ? key : path + "." + key, "unknown key; allowed here: " + list);
            }
        }
    }

    /// A key of the mapping at `path`. YAML allows a list or a mapping as a
    /// key (`? - a`); a configuration key is a name.
    std::string key_name(const YAML::Node& key, const std::string& path) const {
        if (!key.IsScalar()) fail(path, "a key must be a name, found " + show(key) + " as a key");
        return key.Scalar();
    }

    std::string string(const YAML::Node& node, const std::string& path) const {
        if (!node.IsScalar()) fail(path, "expected a text value, found " + show(node));
        return node.Scalar();
    }

    long long integer(const YAML::Node& node, const std::string& path, long long min, long long max) const {
        if (!node.IsScalar()) fail(path, "expected a whole number, found " + show(node));
        const std::string& text = node.Scalar();
        long long value = 0;
        std::size_t used = 0;
        try {
            value = std::stoll(text, &used);
        } catch (...) {
            used = 0;
        }
        if (used == 0 || used != text.size())
            fail(path, "expected a whole number, found '" + text + "'");
        if (value < min || value > max)
            fail(path, "'" + text + "' is out of range; expected " + std::to_string(min) + " to " + std::to_string(max));
        return value;
    }

    double number(const YAML::Node& node, const std::string& path, double min, double max) const {
        if (!node.IsScalar()) fail(path, "expected a number, found " + show(node));
        const std::string& text = node.Scalar();
        double value = 0;
        std::size_t used = 0;
        try {
            value = std::stod(text, &used);
        } catch (...) {
            used = 0;
        }
        if (used == 0 || used != text.size()) fail(path, "expected a number, found '" + text + "'");
        if (value < min || value > max)
            fail(path, "'" + text + "' is out of range; expected " + std::to_string(min).substr(0, 4) + " to " +
                           std::to_string(max).substr(0, 4));
        return value;
    }

    bool boolean(const YAML::Node& node, const std::string& path) const {
        const std::string text = string(node, path);
        if (text == "true" || text == "yes" || text == "on") return true;
        if (text == "false" || text == "no" || text == "off") return false;
        fail(path, "expected true or false, found '" + text + "'");
    }

    /// Durations: a number of seconds, or a number with s, m, h or d.
    std::chrono::seconds duration(const YAML::Node& node, const std::string& path) const {
        const std::string text = string(node, path);
        const auto amount = split_amount(text);
        const std::string_view unit = amount ? amount->unit : "?";
        if (!(unit.empty() || unit == "s" || unit == "m" || unit == "min" || unit == "h" || unit == "d"))
            fail(path, "expected a duration such as 30, 30s, 5m, 2h or 7d, found '" + text + "'");
        long long n = amount->number;
        if (unit == "m" || unit == "min") n *= 60;
        else if (unit == "h") n *= 3600;
        else if (unit == "d") n *= 86400;
        if (n <= 0) fail(path, "the duration must be longer than zero, found '" + text + "'");
        return std::chrono::seconds(n);
    }

    /// Durations the catalogue counts in days (grace_period, full_every): a
    /// duration that is no whole number of days is an error, not rounded.
    std::chrono::days whole_days(const YAML::Node& node, const std::string& path) const {
        const std::chrono::seconds d = duration(node, path);
        if (d.count() % 86400 != 0) {
            const std::string text = string(node, path);
            // A bare number is seconds elsewhere; here it was most likely meant as days.
            const bool bare = split_amount(text)->unit.empty();
            const long long days = bare ? d.count() : (d.count() + 86399) / 86400;
            fail(path, "expected whole days such as 7d, found '" + text + "'" + (bare ? " (seconds)" : "") +
                           "; write " + std::to_string(days) + "d");
        }
        return std::chrono::duration_cast<std::chrono::days>(d);
    }

    /// Durations that may be short or zero (delays): as duration(), plus
    /// milliseconds (`500ms`) and `0` for none.
    std::chrono::milliseconds short_duration(const YAML::Node& node, const std::string& path) const {
        const std::string text = string(node, path);
        const auto amount = split_amount(text);
        const std::string_view unit = amount ? amount->unit : "?";
        if (!(unit.empty() || unit == "ms" || unit == "s" || unit == "m" || unit == "min" || unit == "h"))
            fail(path, "expected a duration such as 0, 500ms, 1s or 2m, found '" + text + "'");
        long long n = amount->number;
        if (unit == "s" || unit.empty()) n *= 1000;
        else if (unit == "m" || unit == "min") n *= 60'000;
        else if (unit == "h") n *= 3'600'000;
        if (n > 3'600'000) fail(path, "'" + text + "' is out of range; expected at most 1h");
        return std::chrono::milliseconds(n);
    }

    std::string http_url(const YAML::Node& node, const std::string& path) const {
        std::string url = string(node, path);
        if (!is_http_url(url))
            fail(path, "expected an http:// or https:// address, found '" + url + "'");
        return url;
    }

    std::vector<std::string> string_list(const YAML::Node& node, const std::string& path) const {
        std::vector<std::string> out;
        if (node.IsScalar()) {
            out.push_back(node.Scalar());
            return out;
        }
        if (!node.IsSequence()) fail(path, "expected a list of text values, found " + show(node));
        for (std::size_t i = 0; i < node.size(); ++i)
            out.push_back(string(node[i], path + "[" + std::to_string(i) + "]"));
        return out;
    }

private:
    std::string m_file;
};

SourceConfig parse_source(const Reader& r, const YAML::Node& node, const std::string& path) {
    if (!node.IsMap()) r.fail(path, "expected a mapping with name, type and url, found " + Reader::show(node));
    r.only_keys(node, path,
                {"name", "type", "url", "schedule", "rows", "timeout", "retries", "max_connections", "priority",
                 "contributor_id", "incremental", "delete_guard", "deadline", "format"});
    SourceConfig s;
    for (const char* required : {"name", "type", "url"})
        if (!node[required]) r.fail(path + "." + required, "missing; every source needs name, type and url");

    s.name = r.string(node["name"], path + ".name");
    if (!is_plain_name(s.name))
        r.fail(path + ".name",
               "'" + s.name + "' is not a valid source name; use lower-case letters, digits, '-' and '_'");

    const std::string type = r.string(node["type"], path + ".type");
    if (type == "ckan") s.type = SourceType::ckan;
    else if (type == "dcat") s.type = SourceType::dcat;
    else r.fail(path + ".type", "'" + type + "' is not a source type; expected ckan or dcat");

    s.url = r.http_url(node["url"], path + ".url");

    if (node["schedule"]) {
        s.schedule = r.string(node["schedule"], path + ".schedule");
    }
    std::string cron_error;
    if (!CronSchedule::parse(s.schedule, &cron_error))
        r.fail(path + ".schedule", "'" + s.schedule + "' is not a cron expression: " + cron_error);

    if (node["rows"]) s.rows = static_cast<int>(r.integer(node["rows"], path + ".rows", 1, 1000));
    if (node["timeout"]) s.timeout = r.duration(node["timeout"], path + ".timeout");
    if (node["retries"]) s.retries = static_cast<int>(r.integer(node["retries"], path + ".retries", 0, 10));
    if (node["max_connections"])
        s.max_connections = static_cast<int>(r.integer(node["max_connections"], path + ".max_connections", 1, 16));
    if (node["priority"])
        s.priority = static_cast<int>(r.integer(node["priority"], path + ".priority", -1000, 1000));
    if (node["contributor_id"]) {
        s.contributor_ids = r.string_list(node["contributor_id"], path + ".contributor_id");
        for (std::size_t i = 0; i < s.contributor_ids.size(); ++i) {
            const auto& id = s.contributor_ids[i];
            if (id.rfind("http://", 0) != 0 && id.rfind("https://", 0) != 0)
                r.fail(path + ".contributor_id",
                       "'" + id +
                           "' is not a contributor IRI; expected e.g. http://dcat-ap.de/def/contributors/stadtMoers");
        }
    }
    if (node["incremental"]) s.incremental = r.boolean(node["incremental"], path + ".incremental");
    if (node["delete_guard"]) s.delete_guard = r.number(node["delete_guard"], path + ".delete_guard", 0.0, 1.0);
    if (node["deadline"]) s.deadline = r.duration(node["deadline"], path + ".deadline");
    if (node["format"]) {
        s.format = r.string(node["format"], path + ".format");
        static const std::set<std::string> formats = {"auto", "rdfxml", "turtle", "ntriples", "jsonld"};
        if (!formats.contains(s.format))
            r.fail(path + ".format", "'" + s.format + "' is not an RDF format; expected auto, rdfxml, turtle, "
                                                        "ntriples or jsonld");
        if (s.type != SourceType::dcat && s.format != "auto")
            r.fail(path + ".format", "only DCAT feeds (type: dcat) have a format; a CKAN portal speaks JSON");
    }
    return s;
}

LinkCheckConfig parse_link_check(const Reader& r, const YAML::Node& node) {
    const std::string path = "link_check";
    if (!node.IsMap()) r.fail(path, "expected a mapping with max_age, per_host, delay ..., found " + Reader::show(node));
    r.only_keys(node, path,
                {"max_age", "per_host", "parallel", "delay", "timeout", "max_redirects", "retries", "after_harvest"});
    LinkCheckConfig c;
    if (node["max_age"]) c.max_age = r.duration(node["max_age"], path + ".max_age");
    if (node["per_host"]) c.per_host = static_cast<int>(r.integer(node["per_host"], path + ".per_host", 1, 16));
    if (node["parallel"]) c.parallel = static_cast<int>(r.integer(node["parallel"], path + ".parallel", 1, 256));
    if (node["delay"]) c.delay = r.short_duration(node["delay"], path + ".delay");
    if (node["timeout"]) c.timeout = r.duration(node["timeout"], path + ".timeout");
    if (node["max_redirects"])
        c.max_redirects = static_cast<int>(r.integer(node["max_redirects"], path + ".max_redirects", 0, 20));
    if (node["retries"]) c.retries = static_cast<int>(r.integer(node["retries"], path + ".retries", 0, 3));
    if (node["after_harvest"]) c.after_harvest = r.boolean(node["after_harvest"], path + ".after_harvest");
    if (c.timeout > std::chrono::minutes(5))
        r.fail(path + ".timeout", "'" + r.string(node["timeout"], path + ".timeout") +
                                      "' is out of range; expected at most 5m (the MQA method uses 10s)");
    return c;
}

ForwardConfig parse_forward(const Reader& r, const YAML::Node& node, const std::string& path,
                            const std::vector<SourceConfig>& sources) {
    if (!node.IsMap()) r.fail(path, "expected a mapping with name, url and api_token_env, found " + Reader::show(node));
    r.only_keys(node, path,
                {"name", "url", "api_token_env", "profile", "sources", "publishers", "organizations",
                 "default_organization", "after_harvest", "deletions", "timeout"});
    for (const char* required : {"name", "url", "api_token_env"})
        if (!node[required])
            r.fail(path + "." + required, "missing; every forward target needs name, url and api_token_env");
    ForwardConfig f;
    f.name = r.string(node["name"], path + ".name");
    if (!is_plain_name(f.name))
        r.fail(path + ".name",
               "'" + f.name + "' is not a valid target name; use lower-case letters, digits, '-' and '_'");
    f.url = r.http_url(node["url"], path + ".url");
    while (!f.url.empty() && f.url.back() == '/') f.url.pop_back();
    f.api_token_env = r.string(node["api_token_env"], path + ".api_token_env");
    if (!is_environment_name(f.api_token_env))
        r.fail(path + ".api_token_env", "expected the name of an environment variable such as ERNTE_GOVDATA_TOKEN "
                                        "(the token itself does not belong in the file), found '" +
                                            f.api_token_env + "'");
    if (node["profile"]) {
        const std::string profile = r.string(node["profile"], path + ".profile");
        const auto known = catalog::forward_profile_from_name(profile);
        if (!known)
            r.fail(path + ".profile",
                   "'" + profile + "' is not a profile; expected one of " + catalog::forward_profile_names());
        f.profile = *known;
    }
    if (node["sources"]) {
        f.sources = r.string_list(node["sources"], path + ".sources");
        for (std::size_t i = 0; i < f.sources.size(); ++i) {
            const bool known = std::any_of(sources.begin(), sources.end(),
                                           [&](const SourceConfig& s) { return s.name == f.sources[i]; });
            if (!known)
                r.fail(path + ".sources[" + std::to_string(i) + "]",
                       "'" + f.sources[i] + "' is not a configured source; name sources listed under sources:");
        }
    }
    if (node["publishers"]) f.publishers = r.string_list(node["publishers"], path + ".publishers");
    auto organization = [&](const YAML::Node& value, const std::string& key_path) {
        std::string name = r.string(value, key_path);
        if (catalog::ckan_name(name) != name)
            r.fail(key_path, "'" + name + "' is not a CKAN organization name; expected the downstream's name of the "
                             "organization: lower-case letters, digits, '-' and '_', 2 to 100 characters");
        return name;
    };
    if (const YAML::Node orgs = node["organizations"]) {
        if (!orgs.IsMap())
            r.fail(path + ".organizations",
                   "expected a mapping from publisher (name or IRI) to organization, found " + Reader::show(orgs));
        for (const auto& kv : orgs) {
            const std::string publisher = r.key_name(kv.first, path + ".organizations");
            f.organizations.emplace_back(publisher,
                                         organization(kv.second, path + ".organizations." + publisher));
        }
    }
    if (node["default_organization"])
        f.default_organization = organization(node["default_organization"], path + ".default_organization");
    if (node["after_harvest"]) f.after_harvest = r.boolean(node["after_harvest"], path + ".after_harvest");
    if (node["deletions"]) {
        const std::string deletions = r.string(node["deletions"], path + ".deletions");
        if (deletions == "delete") f.deletions = ForwardDeletions::remove;
        else if (deletions == "keep") f.deletions = ForwardDeletions::keep;
        else r.fail(path + ".deletions", "'" + deletions + "' is not a deletion policy; expected delete or keep");
    }
    if (node["timeout"]) f.timeout = r.duration(node["timeout"], path + ".timeout");
    return f;
}

ServeConfig parse_serve(const Reader& r, const YAML::Node& node) {
    const std::string path = "serve";
    if (!node.IsMap()) r.fail(path, "expected a mapping with public_url, per_page, admin_token_env ..., found " +
                                        Reader::show(node));
    r.only_keys(node, path,
                {"public_url", "per_page", "max_per_page", "threads", "max_connections", "read_timeout",
                 "admin_token_env", "max_runs", "cache_mb"});
    ServeConfig c;
    if (node["public_url"]) c.public_url = r.http_url(node["public_url"], path + ".public_url");
    if (node["max_per_page"])
        c.max_per_page = static_cast<int>(r.integer(node["max_per_page"], path + ".max_per_page", 1, 10000));
    if (node["per_page"])
        c.per_page = static_cast<int>(r.integer(node["per_page"], path + ".per_page", 1, c.max_per_page));
    if (c.per_page > c.max_per_page)
        r.fail(path + ".max_per_page", "must not be smaller than per_page (" + std::to_string(c.per_page) + ")");
    if (node["threads"]) c.threads = static_cast<int>(r.integer(node["threads"], path + ".threads", 1, 256));
    if (node["max_connections"])
        c.max_connections = static_cast<int>(r.integer(node["max_connections"], path + ".max_connections", 1, 100000));
    if (node["read_timeout"]) c.read_timeout = r.duration(node["read_timeout"], path + ".read_timeout");
    if (node["cache_mb"]) c.cache_mb = static_cast<int>(r.integer(node["cache_mb"], path + ".cache_mb", 0, 65536));
    if (node["admin_token_env"]) {
        c.admin_token_env = r.string(node["admin_token_env"], path + ".admin_token_env");
        if (!is_environment_name(c.admin_token_env))
            r.fail(path + ".admin_token_env", "expected the name of an environment variable such as "
                                              "ERNTE_ADMIN_TOKEN (the token itself does not belong in the file), "
                                              "found '" + c.admin_token_env + "'");
    }
    if (node["max_runs"]) c.max_runs = static_cast<int>(r.integer(node["max_runs"], path + ".max_runs", 0, 64));
    return c;
}

}  // namespace

std::pair<std::string, std::uint16_t> split_listen_address(std::string_view listen) {
    const auto colon = listen.rfind(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 == listen.size())
        throw std::invalid_argument("expected host:port such as 127.0.0.1:8080, found '" + std::string(listen) + "'");
    std::string host(listen.substr(0, colon));
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    else if (host.find(':') != std::string::npos)
        throw std::invalid_argument("write an IPv6 address in brackets, such as [::1]:8080, found '" +
                                    std::string(listen) + "'");
    if (host == "localhost") host = "127.0.0.1";
    const std::string_view port_text = listen.substr(colon + 1);
    unsigned port = 0;
    for (const char ch : port_text) {
        if (ch < '0' || ch > '9' || port > 65535)
            throw std::invalid_argument("the port must be a number from 0 to 65535, found '" + std::string(port_text) +
                                        "'");
        port = port * 10 + static_cast<unsigned>(ch - '0');
    }
    if (port > 65535)
        throw std::invalid_argument("the port must be a number from 0 to 65535, found '" + std::string(port_text) + "'");
    if (!is_ip_address(host))
        throw std::invalid_argument("expected an IP address (or localhost) before the port, found '" + host + "'");
    return {host, static_cast<std::uint16_t>(port)};
}

namespace {

constexpr std::size_t k_max_config_values = 200000;
constexpr int k_max_config_depth = 64;

/// YAML reads a key given twice in one mapping as the first of them, so a
/// second source written without its "- " (or a second `sources:`) would be
/// left out without a word: an error, naming both lines.
/// `budget`: the values still to be visited. YAML aliases can make a small
/// file stand for billions of values (a list of aliases of lists of
/// aliases ...); no configuration has that many.
/// `depth`: how deep the values nest; an alias inside what it names (a: &a
/// [*a]) nests without end.
void reject_duplicate_keys(const Reader& r, const YAML::Node& node, const std::string& path, std::size_t& budget,
                           int depth = 0) {
    if (budget == 0) {
        r.fail(path, "the file stands for more than " + std::to_string(k_max_config_values) +
                         " values (through YAML aliases); write the configuration out");
    }
    if (depth > k_max_config_depth) {
        r.fail(path, "values nest more than " + std::to_string(k_max_config_depth) +
                         " levels deep (a YAML alias inside what it names?); write the configuration out");
    }
    --budget;
    if (node.IsSequence()) {
        for (std::size_t i = 0; i < node.size(); ++i)
            reject_duplicate_keys(r, node[i], path + "[" + std::to_string(i) + "]", budget, depth + 1);
        return;
    }
    if (!node.IsMap()) return;
    std::map<std::string, std::string> first_line;  // key -> where it was given first
    for (const auto& kv : node) {
        const std::string key = r.key_name(kv.first, path);
        const std::string key_path = path.empty() ? key : path + "." + key;
        const YAML::Mark mark = kv.first.Mark();
        const std::string place =
            "line " + std::to_string(mark.line + 1) + ", column " + std::to_string(mark.column + 1);
        if (const auto [it, added] = first_line.emplace(key, place); !added) {
            std::string message = "given twice (" + it->second + " and " + place + "); a key may appear once in a mapping";
            if (path.starts_with("sources[")) message += ". A further source needs an entry of its own, starting with '- name:'";
            r.fail(key_path, message);
        }
        reject_duplicate_keys(r, kv.second, key_path, budget, depth + 1);
    }
}

}  // namespace

Config parse_config(const std::string& yaml_text, const std::filesystem::path& file_name) {
    const std::string file = file_name.string();
    Reader r(file);
    // YAML is UTF-8; a file saved as Latin-1 would otherwise put replacement
    // characters into titles and names without a word.
    if (yaml_text.starts_with("\xFF\xFE") || yaml_text.starts_with("\xFE\xFF"))
        throw ConfigError(file, "", "the file is saved as UTF-16; save it as UTF-8");
    for (std::size_t i = 0; i < yaml_text.size(); ++i) {
        if (static_cast<unsigned char>(yaml_text[i]) < 0x80) continue;
        const std::size_t length = catalog::rdf_export::utf8_sequence_length(yaml_text, i);
        if (length == 0) {
            const auto line = 1 + std::count(yaml_text.begin(), yaml_text.begin() + static_cast<std::ptrdiff_t>(i), '\n');
            throw ConfigError(file, "",
                              "line " + std::to_string(line) +
                                  " is not UTF-8 (the file seems to be saved as Latin-1 or Windows-1252, e.g. an "
                                  "umlaut); save it as UTF-8");
        }
        i += length - 1;
    }
    // YAML reads only the first document of a file; what follows a second
    // "---" would be left out without a word. (A line "---" before any
    // content only starts the first document.)
    {
        bool content = false;
        std::size_t line_number = 0;
        std::istringstream lines(yaml_text);
        for (std::string line; std::getline(lines, line);) {
            ++line_number;
            if (!line.empty() && line.back() == '\r') line.pop_back();
            const bool separator = line.starts_with("---") && (line.size() == 3 || line[3] == ' ' || line[3] == '\t');
            if (separator && content) {
                throw ConfigError(file, "", "line " + std::to_string(line_number) +
                                                " starts a second YAML document (---); ernte reads one, so put "
                                                "everything into the first");
            }
            const auto first = line.find_first_not_of(" \t");
            if (!separator && first != std::string::npos && line[first] != '#') content = true;
        }
    }
    YAML::Node root;
    try {
        root = YAML::Load(yaml_text);
    } catch (const YAML::Exception& e) {
        throw ConfigError(file, "", "not valid YAML at line " + std::to_string(e.mark.line + 1) + ", column " +
                                        std::to_string(e.mark.column + 1) + ": " + e.msg);
    }
    if (!root.IsMap()) throw ConfigError(file, "", "expected a mapping with database, contact and sources");
    std::size_t budget = k_max_config_values;
    reject_duplicate_keys(r, root, "", budget);
    r.only_keys(root, "",
                {"database", "contact", "vocabularies", "grace_period", "full_every", "incremental_margin",
                 "keep_versions", "keep_run_errors", "parallel_sources", "max_response_bytes", "max_redirects", "listen", "catalog", "link_check", "serve",
                 "sources", "forward"});

    Config c;
    c.file = file_name;
    if (root["database"]) c.database = r.string(root["database"], "database");
    if (c.database.empty()) r.fail("database", "must name a file, e.g. var/ernte.db");
    if (!root["contact"])
        r.fail("contact", "missing; give an e-mail address or URL where portal operators can reach you");
    c.contact = r.string(root["contact"], "contact");
    if (!is_contact(c.contact))
        r.fail("contact", "'" + c.contact + "' is neither an e-mail address nor an http(s) URL");
    c.vocabularies = root["vocabularies"] ? std::filesystem::path(r.string(root["vocabularies"], "vocabularies"))
                                          : default_vocabulary_dir();
    if (root["grace_period"])
        c.grace_period = r.whole_days(root["grace_period"], "grace_period");
    if (root["full_every"])
        c.full_every = r.whole_days(root["full_every"], "full_every");
    if (root["incremental_margin"]) c.incremental_margin = r.duration(root["incremental_margin"], "incremental_margin");
    if (root["keep_versions"])
        c.keep_versions = static_cast<int>(r.integer(root["keep_versions"], "keep_versions", 0, 1000000));
    if (const YAML::Node keep = root["keep_run_errors"]) {
        // 0: kept for ever.
        c.keep_run_errors = keep.IsScalar() && keep.Scalar() == "0" ? std::chrono::seconds(0)
                                                                      : r.duration(keep, "keep_run_errors");
    }
    if (root["parallel_sources"])
        c.parallel_sources = static_cast<int>(r.integer(root["parallel_sources"], "parallel_sources", 1, 64));
    if (root["max_response_bytes"])
        c.max_response_bytes = static_cast<std::uint64_t>(
            r.integer(root["max_response_bytes"], "max_response_bytes", 1024, 16LL << 30));
    if (root["max_redirects"])
        c.max_redirects = static_cast<int>(r.integer(root["max_redirects"], "max_redirects", 0, 20));

    if (const YAML::Node cat = root["catalog"]) {
        if (!cat.IsMap()) r.fail("catalog", "expected a mapping with iri, title, description, publisher_name");
        r.only_keys(cat, "catalog", {"iri", "title", "description", "publisher_name", "publisher_iri", "homepage"});
        if (cat["iri"]) c.catalog.iri = r.http_url(cat["iri"], "catalog.iri");
        if (cat["title"]) c.catalog.title = r.string(cat["title"], "catalog.title");
        if (cat["description"]) c.catalog.description = r.string(cat["description"], "catalog.description");
        if (cat["publisher_name"]) c.catalog.publisher_name = r.string(cat["publisher_name"], "catalog.publisher_name");
        if (cat["publisher_iri"]) c.catalog.publisher_iri = r.http_url(cat["publisher_iri"], "catalog.publisher_iri");
        if (cat["homepage"]) c.catalog.homepage = r.http_url(cat["homepage"], "catalog.homepage");
    }

    if (const YAML::Node links = root["link_check"]) c.link_check = parse_link_check(r, links);
    if (const YAML::Node serve = root["serve"]) c.serve = parse_serve(r, serve);
    if (root["listen"]) {
        c.listen = r.string(root["listen"], "listen");
        try {
            split_listen_address(c.listen);
        } catch (const std::invalid_argument& e) {
            r.fail("listen", e.what());
        }
    }

    const YAML::Node sources = root["sources"];
    if (!sources) r.fail("sources", "missing; list at least one source portal");
    if (!sources.IsSequence()) r.fail("sources", "expected a list of sources, found " + Reader::show(sources));
    std::set<std::string> names;
    for (std::size_t i = 0; i < sources.size(); ++i) {
        const std::string path = "sources[" + std::to_string(i) + "]";
        SourceConfig s = parse_source(r, sources[i], path);
        if (!names.insert(s.name).second)
            r.fail(path + ".name", "'" + s.name + "' is used by another source already; names must be unique");
        c.sources.push_back(std::move(s));
    }

    if (const YAML::Node forward = root["forward"]) {
        if (!forward.IsSequence()) r.fail("forward", "expected a list of forward targets, found " + Reader::show(forward));
        std::set<std::string> targets;
        for (std::size_t i = 0; i < forward.size(); ++i) {
            const std::string path = "forward[" + std::to_string(i) + "]";
            ForwardConfig f = parse_forward(r, forward[i], path, c.sources);
            if (!targets.insert(f.name).second)
                r.fail(path + ".name", "'" + f.name + "' is used by another forward target already; names must be unique");
            c.forward.push_back(std::move(f));
        }
    }
    return c;
}

Config load_config(const std::filesystem::path& file) {
    std::error_code folder_error;
    if (std::filesystem::is_directory(file, folder_error))
        throw ConfigError(file.string(), "", "is a folder; pass the configuration file itself, e.g. " +
                                                 (file / "ernte.yaml").string());
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        std::error_code ec;
        const bool exists = std::filesystem::exists(file, ec);
        throw ConfigError(file.string(), "",
                          exists ? "cannot be read (check the file permissions)"
                                 : "no such file" +
                                       (file.is_relative()
                                            ? " in " + std::filesystem::current_path(folder_error).string()
                                            : std::string()) +
                                       "; pass --config FILE or set ERNTE_CONFIG");
    }
    std::ostringstream text;
    text << in.rdbuf();
    return parse_config(text.str(), file);
}

namespace {

/// A duration in the largest unit that divides it (7d, 2h, 90s), as the
/// configuration would give it.
std::string duration_text(std::chrono::seconds d) {
    const long long n = d.count();
    if (n != 0 && n % 86400 == 0) return std::to_string(n / 86400) + "d";
    if (n != 0 && n % 3600 == 0) return std::to_string(n / 3600) + "h";
    if (n != 0 && n % 60 == 0) return std::to_string(n / 60) + "m";
    return std::to_string(n) + "s";
}

}  // namespace

std::string to_yaml(const Config& c) {
    YAML::Emitter out;
    out << YAML::BeginMap;
    out << YAML::Key << "database" << YAML::Value << std::filesystem::absolute(c.database).string();
    out << YAML::Key << "contact" << YAML::Value << c.contact;
    out << YAML::Key << "vocabularies" << YAML::Value << std::filesystem::absolute(c.vocabularies).string();
    out << YAML::Key << "grace_period" << YAML::Value << (std::to_string(c.grace_period.count()) + "d");
    out << YAML::Key << "full_every" << YAML::Value << (std::to_string(c.full_every.count()) + "d");
    out << YAML::Key << "incremental_margin" << YAML::Value << duration_text(c.incremental_margin);
    out << YAML::Key << "keep_versions" << YAML::Value << c.keep_versions;
    out << YAML::Key << "keep_run_errors" << YAML::Value << (c.keep_run_errors.count() == 0 ? std::string("0") : duration_text(c.keep_run_errors));
    out << YAML::Key << "parallel_sources" << YAML::Value << c.parallel_sources;
    out << YAML::Key << "max_response_bytes" << YAML::Value << c.max_response_bytes;
    out << YAML::Key << "max_redirects" << YAML::Value << c.max_redirects;
    out << YAML::Key << "catalog" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "iri" << YAML::Value << c.catalog.iri;
    out << YAML::Key << "title" << YAML::Value << c.catalog.title;
    out << YAML::Key << "description" << YAML::Value << c.catalog.description;
    out << YAML::Key << "publisher_name" << YAML::Value << c.catalog.publisher_name;
    if (!c.catalog.publisher_iri.empty())
        out << YAML::Key << "publisher_iri" << YAML::Value << c.catalog.publisher_iri;
    if (!c.catalog.homepage.empty()) out << YAML::Key << "homepage" << YAML::Value << c.catalog.homepage;
    out << YAML::EndMap;
    const LinkCheckConfig& l = c.link_check;
    out << YAML::Key << "link_check" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "max_age" << YAML::Value << duration_text(l.max_age);
    out << YAML::Key << "per_host" << YAML::Value << l.per_host;
    out << YAML::Key << "parallel" << YAML::Value << l.parallel;
    out << YAML::Key << "delay" << YAML::Value << (std::to_string(l.delay.count()) + "ms");
    out << YAML::Key << "timeout" << YAML::Value << duration_text(l.timeout);
    out << YAML::Key << "max_redirects" << YAML::Value << l.max_redirects;
    out << YAML::Key << "retries" << YAML::Value << l.retries;
    out << YAML::Key << "after_harvest" << YAML::Value << l.after_harvest;
    out << YAML::EndMap;
    out << YAML::Key << "listen" << YAML::Value << c.listen;
    const ServeConfig& v = c.serve;
    out << YAML::Key << "serve" << YAML::Value << YAML::BeginMap;
    if (!v.public_url.empty()) out << YAML::Key << "public_url" << YAML::Value << v.public_url;
    out << YAML::Key << "per_page" << YAML::Value << v.per_page;
    out << YAML::Key << "max_per_page" << YAML::Value << v.max_per_page;
    out << YAML::Key << "threads" << YAML::Value << v.threads;
    out << YAML::Key << "max_connections" << YAML::Value << v.max_connections;
    out << YAML::Key << "read_timeout" << YAML::Value << duration_text(v.read_timeout);
    if (!v.admin_token_env.empty()) out << YAML::Key << "admin_token_env" << YAML::Value << v.admin_token_env;
    out << YAML::Key << "max_runs" << YAML::Value << v.max_runs;
    out << YAML::Key << "cache_mb" << YAML::Value << v.cache_mb;
    out << YAML::EndMap;
    out << YAML::Key << "sources" << YAML::Value << YAML::BeginSeq;
    for (const auto& s : c.sources) {
        out << YAML::BeginMap;
        out << YAML::Key << "name" << YAML::Value << s.name;
        out << YAML::Key << "type" << YAML::Value << std::string(to_string(s.type));
        out << YAML::Key << "url" << YAML::Value << s.url;
        out << YAML::Key << "schedule" << YAML::Value << YAML::DoubleQuoted << s.schedule;
        out << YAML::Key << "rows" << YAML::Value << s.rows;
        out << YAML::Key << "timeout" << YAML::Value << duration_text(s.timeout);
        out << YAML::Key << "retries" << YAML::Value << s.retries;
        out << YAML::Key << "max_connections" << YAML::Value << s.max_connections;
        out << YAML::Key << "priority" << YAML::Value << s.priority;
        out << YAML::Key << "contributor_id" << YAML::Value << YAML::Flow << s.contributor_ids;
        out << YAML::Key << "incremental" << YAML::Value << s.incremental;
        out << YAML::Key << "delete_guard" << YAML::Value << fmt::format("{:g}", s.delete_guard);
        out << YAML::Key << "deadline" << YAML::Value << duration_text(s.deadline);
        if (s.type == SourceType::dcat) out << YAML::Key << "format" << YAML::Value << s.format;
        out << YAML::EndMap;
    }
    out << YAML::EndSeq;
    if (!c.forward.empty()) {
        out << YAML::Key << "forward" << YAML::Value << YAML::BeginSeq;
        for (const auto& f : c.forward) {
            out << YAML::BeginMap;
            out << YAML::Key << "name" << YAML::Value << f.name;
            out << YAML::Key << "url" << YAML::Value << f.url;
            out << YAML::Key << "api_token_env" << YAML::Value << f.api_token_env;
            out << YAML::Key << "profile" << YAML::Value << std::string(catalog::to_string(f.profile));
            out << YAML::Key << "sources" << YAML::Value << YAML::Flow << f.sources;
            out << YAML::Key << "publishers" << YAML::Value << YAML::Flow << f.publishers;
            out << YAML::Key << "organizations" << YAML::Value << YAML::BeginMap;
            for (const auto& [publisher, org] : f.organizations) out << YAML::Key << publisher << YAML::Value << org;
            out << YAML::EndMap;
            out << YAML::Key << "default_organization" << YAML::Value << f.default_organization;
            out << YAML::Key << "after_harvest" << YAML::Value << f.after_harvest;
            out << YAML::Key << "deletions" << YAML::Value
                << (f.deletions == ForwardDeletions::keep ? "keep" : "delete");
            out << YAML::Key << "timeout" << YAML::Value << (std::to_string(f.timeout.count()) + "s");
            out << YAML::EndMap;
        }
        out << YAML::EndSeq;
    }
    out << YAML::EndMap;
    return std::string(out.c_str()) + "\n";
}

std::filesystem::path default_vocabulary_dir() {
    if (const char* env = std::getenv("ERNTE_VOCABULARIES"); env && *env) return env;
    return std::filesystem::path(ERNTE_DATA_DIR) / "vocab";
}

std::string user_agent(const Config& config) {
    return "ernte/" + std::string(model::version()) + " (+" + config.contact + ")";
}

}  // namespace ernte::harvester
