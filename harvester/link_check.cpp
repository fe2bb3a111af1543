#include "harvester/link_check.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

namespace ernte::harvester {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

/// RFC 9309 asks crawlers to read at least 500 KiB of a robots.txt.
constexpr std::size_t robots_parse_limit = 512 * 1024;
/// The largest robots.txt accepted at all (the Fetcher's body cap for link checks).
constexpr std::size_t robots_size_cap = 1u << 20;
/// How often waiting workers look at the cancel flag.
constexpr milliseconds cancel_poll_interval{50};

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
char ascii_upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return ascii_lower(x) == ascii_lower(y); });
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

/// Paths and patterns made comparable octet by octet: %xx escapes in upper
/// case, bytes outside ASCII and spaces escaped (RFC 9309 2.2.2).
std::string normalize_octets(std::string_view text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '%' && i + 2 < text.size() && is_hex(text[i + 1]) && is_hex(text[i + 2])) {
            out += '%';
            out += ascii_upper(text[i + 1]);
            out += ascii_upper(text[i + 2]);
            i += 2;
        } else if (c >= 0x80 || c == ' ') {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 0x0F];
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

/// Whether a robots.txt pattern matches the start of `path`: `*` matches any
/// run of characters, a final `$` the end of the path. Keeps the set of
/// positions the pattern can have reached, so it is linear in the pattern
/// times the path (no backtracking blow-up on many `*`).
bool pattern_matches(std::string_view path, std::string_view pattern) {
    std::vector<std::size_t> positions{0};
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const char c = pattern[i];
        if (c == '$' && i + 1 == pattern.size()) {
            return std::find(positions.begin(), positions.end(), path.size()) != positions.end();
        }
        if (c == '*') {
            // Every position from the smallest one reached to the end.
            const std::size_t from = positions.front();
            positions.clear();
            for (std::size_t p = from; p <= path.size(); ++p) positions.push_back(p);
            continue;
        }
        std::size_t kept = 0;
        for (const std::size_t p : positions) {
            if (p < path.size() && path[p] == c) positions[kept++] = p + 1;
        }
        positions.resize(kept);
        if (positions.empty()) return false;
    }
    return true;
}

/// 200-399 after redirects: the URL works (the MQA rule).
bool passes(long status) { return status >= 200 && status < 400; }

/// Answers to HEAD after which GET is tried: servers that refuse or do not implement HEAD.
bool refuses_head(long status) { return status == 400 || status == 403 || status == 405 || status == 501; }

std::string without_final_period(std::string text) {
    while (!text.empty() && (text.back() == '.' || text.back() == ' ')) text.pop_back();
    return text;
}

/// "www.example.org", with the port when it is not the scheme's default.
std::string host_label(const std::string& url) {
    const auto parsed = parse_http_url(url);
    if (!parsed) return "(invalid URL)";
    return parsed->host + (parsed->default_port ? "" : ":" + parsed->port);
}

/// Why a URL is broken, in a few words that group well.
std::string reason_label(const catalog::LinkCheckRow& row) {
    if (row.failure == "timeout") return "timeout";
    if (row.failure == "connection") return "connection failed";
    if (row.failure == "dns") return "host name not found";
    if (row.failure == "tls") return "TLS error";
    if (row.failure == "too_many_redirects") return "too many redirects";
    if (row.failure == "invalid_url") return "invalid URL";
    if (row.failure.empty() && row.status > 0) return describe_http_status(row.status);
    return "other error";
}

std::vector<std::pair<std::string, std::int64_t>> most_first(const std::map<std::string, std::int64_t>& counts,
                                                             std::size_t top) {
    std::vector<std::pair<std::string, std::int64_t>> out(counts.begin(), counts.end());
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    if (out.size() > top) out.resize(top);
    return out;
}

std::string format_age(std::chrono::seconds age) {
    const auto s = age.count();
    if (s > 0 && s % 86400 == 0) return fmt::format("{}d", s / 86400);
    if (s > 0 && s % 3600 == 0) return fmt::format("{}h", s / 3600);
    if (s > 0 && s % 60 == 0) return fmt::format("{}m", s / 60);
    return fmt::format("{}s", s);
}

/// One URL waiting to be checked.
struct Job {
    std::string url;
    std::string path;  ///< path and query, for robots.txt
};

/// What robots.txt says about a host in this run.
enum class RobotsState { unknown, fetching, ready, unreachable, cancelled };

/// The URLs of one host (scheme://host:port) and what its robots.txt says.
struct HostQueue {
    std::string root;  ///< scheme://host[:port]
    std::deque<Job> jobs;
    int active = 0;       ///< checks under way
    bool queued = false;  ///< in the ready list
    RobotsState robots = RobotsState::unknown;
    RobotsTxt rules;             ///< valid once robots is ready
    std::string robots_problem;  ///< why robots.txt could not be read
};

struct RobotsOutcome {
    RobotsState state = RobotsState::ready;
    RobotsTxt rules;
    std::string problem;
};

/// Reads a host's robots.txt: 2xx gives its rules; 4xx (other than 429) or
/// too many redirects mean there is none (everything allowed, RFC 9309
/// 2.3.1.3); 5xx, 429, a timeout or an oversized file make the host
/// unreachable for this run (RFC 9309 2.3.1.4). Where no server answered at
/// all (the name does not resolve, the connection is refused, TLS fails),
/// there is nobody to spare and no rule to obey: the URLs are checked and get
/// their own verdict, which the MQA counts as a failure.
RobotsOutcome read_robots(Fetcher& fetcher, const std::string& root) {
    FetchRequest request;
    request.url = root + "/robots.txt";
    request.accept = "text/plain, */*;q=0.1";
    request.quiet = true;
    try {
        const FetchResponse response = fetcher.get(request);
        return {RobotsState::ready, RobotsTxt::parse(response.body), {}};
    } catch (const FetchError& e) {
        if (e.kind() == FetchError::Kind::cancelled) return {RobotsState::cancelled, {}, e.what()};
        const long status = e.status();
        if (e.kind() == FetchError::Kind::http_status && status != 429 && status < 500) return {};
        if (e.kind() == FetchError::Kind::too_many_redirects) return {};
        if (e.kind() == FetchError::Kind::dns || e.kind() == FetchError::Kind::connection ||
            e.kind() == FetchError::Kind::tls) {
            return {};
        }
        return {RobotsState::unreachable, {}, without_final_period(e.what())};
    }
}

/// What a worker hands to the thread that records.
struct Finished {
    enum class Kind { checked, disallowed, robots_unreachable, cancelled };
    Kind kind = Kind::cancelled;
    catalog::LinkCheckResult result;
};

}  // namespace

// --- RobotsTxt --------------------------------------------------------------

RobotsTxt RobotsTxt::parse(std::string_view text, std::string_view product) {
    text = text.substr(0, robots_parse_limit);
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    std::vector<Rule> product_rules;
    std::vector<Rule> star_rules;
    bool product_group_found = false;
    bool in_group = false;        // a User-agent line was seen
    bool group_has_rules = false; // the current group had a rule: the next User-agent starts a new group
    bool for_product = false;
    bool for_star = false;
    while (!text.empty()) {
        const std::size_t end = text.find_first_of("\r\n");
        std::string_view line = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
        if (const std::size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos) continue;
        const std::string_view key = trim(line.substr(0, colon));
        const std::string_view value = trim(line.substr(colon + 1));
        if (iequals(key, "user-agent") || iequals(key, "useragent") || iequals(key, "user agent")) {
            if (!in_group || group_has_rules) {
                for_product = false;
                for_star = false;
                group_has_rules = false;
            }
            in_group = true;
            std::size_t token_end = 0;
            while (token_end < value.size() &&
                   ((value[token_end] >= 'a' && value[token_end] <= 'z') ||
                    (value[token_end] >= 'A' && value[token_end] <= 'Z') || value[token_end] == '_' ||
                    value[token_end] == '-')) {
                ++token_end;
            }
            if (value.substr(0, 1) == "*") {
                for_star = true;
            } else if (token_end > 0 && iequals(value.substr(0, token_end), product)) {
                for_product = true;
                product_group_found = true;
            }
        } else if (iequals(key, "allow") || iequals(key, "disallow")) {
            if (!in_group) continue;  // rules before any User-agent belong to no group
            group_has_rules = true;
            if (value.empty()) continue;  // "Disallow:" with nothing: no rule
            Rule rule;
            rule.allow = iequals(key, "allow");
            const bool rooted = value.front() == '/' || value.front() == '*';
            rule.pattern = normalize_octets(rooted ? std::string(value) : "/" + std::string(value));
            if (for_product) product_rules.push_back(rule);
            if (for_star) star_rules.push_back(std::move(rule));
        }
        // Sitemap and unknown records neither add rules nor end a group.
    }
    RobotsTxt robots;
    robots.m_rules = product_group_found ? std::move(product_rules) : std::move(star_rules);
    return robots;
}

bool RobotsTxt::allows(std::string_view path_and_query) const {
    if (m_rules.empty() || path_and_query == "/robots.txt") return true;
    const std::string path = normalize_octets(path_and_query.empty() ? std::string_view("/") : path_and_query);
    bool found = false;
    bool allow = true;
    std::size_t longest = 0;
    for (const Rule& rule : m_rules) {
        if (!pattern_matches(path, rule.pattern)) continue;
        const std::size_t length = rule.pattern.size();
        if (!found || length > longest || (length == longest && rule.allow)) {
            found = true;
            longest = length;
            allow = rule.allow;
        }
    }
    return allow;
}

// --- LinkChecker --------------------------------------------------------------

LinkChecker::LinkChecker(catalog::Store& store, Fetcher& fetcher, LinkCheckOptions options)
    : m_store(store), m_fetcher(fetcher), m_options(std::move(options)) {}

std::optional<catalog::LinkCheckResult> LinkChecker::check(const std::string& url) {
    ProbeRequest request;
    request.url = url;
    request.method = ProbeMethod::head;
    request.timeout = m_options.timeout;
    request.max_redirects = m_options.max_redirects;
    request.retries = m_options.retries;
    const ProbeResult head = m_fetcher.probe(request);
    if (head.failure == FetchError::Kind::cancelled) return std::nullopt;
    std::optional<ProbeResult> get;
    if (!head.failed() && refuses_head(head.status)) {
        request.method = ProbeMethod::get;
        get = m_fetcher.probe(request);
        if (get->failure == FetchError::Kind::cancelled) return std::nullopt;
    }
    const ProbeResult& answer = get ? *get : head;
    const std::string after_head =
        get ? fmt::format(" (HEAD had been answered with {})", describe_http_status(head.status)) : std::string();

    catalog::LinkCheckResult result;
    result.url = url;
    result.status = answer.status;
    result.content_type = answer.content_type;
    if (answer.content_length) {
        result.size = static_cast<std::int64_t>(
            std::min<std::uint64_t>(*answer.content_length, std::numeric_limits<std::int64_t>::max()));
    }
    result.final_url = answer.effective_url;
    if (answer.failed()) {
        result.outcome = catalog::LinkOutcome::broken;
        result.failure = std::string(to_string(*answer.failure));
        result.reason = without_final_period(answer.message) + after_head + ".";
    } else if (passes(answer.status)) {
        result.outcome = catalog::LinkOutcome::ok;
    } else {
        result.outcome = catalog::LinkOutcome::broken;
        result.reason = fmt::format("{} {} was answered with {}{}{}.", get ? "GET" : "HEAD", url,
                                    describe_http_status(answer.status),
                                    answer.attempts > 1 ? fmt::format(" (after {} attempts)", answer.attempts) : "",
                                    after_head);
    }
    return result;
}

LinkCheckSummary LinkChecker::run(const std::vector<std::string>& input) {
    const auto started = Clock::now();
    LinkCheckSummary summary;
    std::vector<std::string> urls = input;
    std::sort(urls.begin(), urls.end());
    urls.erase(std::unique(urls.begin(), urls.end()), urls.end());
    summary.urls = static_cast<std::int64_t>(urls.size());
    const std::vector<std::string> due = m_options.force ? urls : m_store.due_link_urls(urls, m_options.max_age);
    summary.fresh = summary.urls - static_cast<std::int64_t>(due.size());
    auto cancelled = [this] { return m_options.cancel != nullptr && m_options.cancel->load(); };

    LinkCheckProgress progress;
    progress.total = static_cast<std::int64_t>(due.size());
    auto count = [&](const Finished& done) {
        switch (done.kind) {
        case Finished::Kind::checked:
            ++summary.checked;
            if (done.result.outcome == catalog::LinkOutcome::ok) ++summary.ok;
            else ++summary.broken;
            break;
        case Finished::Kind::disallowed: ++summary.disallowed; break;
        case Finished::Kind::robots_unreachable: ++summary.robots_unreachable; break;
        case Finished::Kind::cancelled: return;
        }
        ++progress.done;
        if (m_options.on_progress) m_options.on_progress(progress);
    };

    // Group by host; an invalid URL is broken without asking anyone.
    std::map<std::string, std::unique_ptr<HostQueue>> hosts;
    std::int64_t unpicked = 0;
    for (const std::string& url : due) {
        const auto parsed = parse_http_url(url);
        if (!parsed) {
            auto result = check(url);
            if (!result) continue;
            m_store.record_link_check(*result);
            count(Finished{Finished::Kind::checked, std::move(*result)});
            continue;
        }
        auto& host = hosts[parsed->origin()];
        if (!host) {
            host = std::make_unique<HostQueue>();
            host->root = parsed->root();
        }
        host->jobs.push_back(Job{url, parsed->path_and_query});
        ++unpicked;
    }
    spdlog::info("link check: {} URL(s), {} fresh, {} due on {} host(s)", summary.urls, summary.fresh, due.size(),
                 hosts.size());

    std::mutex mutex;
    std::condition_variable cv;
    std::deque<HostQueue*> ready;  // hosts with URLs waiting and room for another check
    std::deque<Finished> finished;
    bool stop = false;
    std::exception_ptr failure;
    for (auto& [origin, host] : hosts) {
        ready.push_back(host.get());
        host->queued = true;
    }
    const int per_host = std::max(1, m_options.per_host);

    // The first check of a host reads its robots.txt; the others wait for it.
    auto robots_of = [&](HostQueue& host) {
        std::unique_lock lock(mutex);
        while (host.robots == RobotsState::fetching) cv.wait_for(lock, cancel_poll_interval);
        if (host.robots != RobotsState::unknown) return host.robots;
        host.robots = RobotsState::fetching;
        lock.unlock();
        RobotsOutcome outcome;
        try {
            outcome = read_robots(m_fetcher, host.root);
        } catch (...) {
            lock.lock();
            host.robots = RobotsState::cancelled;
            cv.notify_all();
            throw;
        }
        if (outcome.state == RobotsState::unreachable) {
            spdlog::warn("link check: {}; its URLs are not checked in this run", outcome.problem);
        }
        lock.lock();
        host.rules = std::move(outcome.rules);
        host.robots_problem = std::move(outcome.problem);
        host.robots = outcome.state;
        cv.notify_all();
        return host.robots;
    };

    auto work = [&](HostQueue& host, const Job& job) {
        Finished done;
        done.result.url = job.url;
        done.result.outcome = catalog::LinkOutcome::not_checked;
        switch (robots_of(host)) {
        case RobotsState::cancelled: return done;
        case RobotsState::unreachable:
            done.kind = Finished::Kind::robots_unreachable;
            done.result.reason = fmt::format(
                "not checked: robots.txt of {} could not be read, so the host is left alone in this run ({})",
                host.root, host.robots_problem);
            return done;
        default: break;
        }
        if (!host.rules.allows(job.path)) {
            done.kind = Finished::Kind::disallowed;
            done.result.reason = fmt::format("not checked: robots.txt of {} disallows it for ernte", host.root);
            return done;
        }
        if (auto result = check(job.url)) {
            done.kind = Finished::Kind::checked;
            done.result = std::move(*result);
        }
        return done;
    };

    auto worker = [&] {
        for (;;) {
            HostQueue* host = nullptr;
            Job job;
            {
                std::unique_lock lock(mutex);
                for (;;) {
                    if (stop || unpicked == 0 || cancelled()) return;
                    if (!ready.empty()) break;
                    cv.wait_for(lock, cancel_poll_interval);
                }
                host = ready.front();
                ready.pop_front();
                host->queued = false;
                job = std::move(host->jobs.front());
                host->jobs.pop_front();
                ++host->active;
                --unpicked;
                if (!host->jobs.empty() && host->active < per_host) {
                    ready.push_back(host);
                    host->queued = true;
                }
            }
            Finished done = work(*host, job);
            {
                const std::lock_guard lock(mutex);
                --host->active;
                if (!host->jobs.empty() && !host->queued && host->active < per_host) {
                    ready.push_back(host);
                    host->queued = true;
                }
                finished.push_back(std::move(done));
            }
            cv.notify_all();
        }
    };

    const std::size_t worker_count =
        std::min<std::size_t>(static_cast<std::size_t>(std::max(1, m_options.parallel)),
                              static_cast<std::size_t>(unpicked));
    std::size_t running = worker_count;
    std::vector<std::thread> threads;
    threads.reserve(worker_count);
    for (std::size_t i = 0; i < worker_count; ++i) {
        threads.emplace_back([&] {
            try {
                worker();
            } catch (...) {
                const std::lock_guard lock(mutex);
                if (!failure) failure = std::current_exception();
                stop = true;
            }
            {
                const std::lock_guard lock(mutex);
                --running;
            }
            cv.notify_all();
        });
    }
    auto join_all = [&] {
        {
            const std::lock_guard lock(mutex);
            stop = true;
        }
        cv.notify_all();
        for (auto& thread : threads) thread.join();
        threads.clear();
    };

    // This thread records the results as they come: one transaction each.
    try {
        for (;;) {
            std::deque<Finished> batch;
            {
                std::unique_lock lock(mutex);
                cv.wait_for(lock, cancel_poll_interval, [&] { return !finished.empty() || running == 0; });
                if (finished.empty()) {
                    if (running == 0) break;
                    continue;
                }
                batch.swap(finished);
            }
            for (Finished& done : batch) {
                if (done.kind != Finished::Kind::cancelled) {
                    m_store.record_link_check(done.result);
                    spdlog::debug("link check: {}: {}{}", done.result.url, catalog::to_string(done.result.outcome),
                                  done.result.reason.empty() ? "" : " (" + done.result.reason + ")");
                }
                count(done);
            }
        }
    } catch (...) {
        join_all();
        throw;
    }
    join_all();
    if (failure) std::rethrow_exception(failure);

    summary.left = static_cast<std::int64_t>(due.size()) - progress.done;
    summary.interrupted = summary.left > 0 && cancelled();
    summary.duration = std::chrono::duration_cast<milliseconds>(Clock::now() - started);
    return summary;
}

// --- reports and wiring ----------------------------------------------------------

LinkOverview link_overview(const catalog::Store& store, const std::vector<std::string>& urls, std::size_t top) {
    LinkOverview state;
    std::vector<std::string> distinct = urls;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    const auto rows = store.link_checks(distinct);
    state.not_checked = static_cast<std::int64_t>(distinct.size() - rows.size());
    std::map<std::string, std::int64_t> hosts;
    std::map<std::string, std::int64_t> reasons;
    for (const auto& row : rows) {
        switch (row.outcome()) {
        case catalog::LinkOutcome::ok: ++state.ok; break;
        case catalog::LinkOutcome::not_checked: ++state.not_checked; break;
        case catalog::LinkOutcome::broken:
            ++state.broken;
            ++hosts[host_label(row.url)];
            ++reasons[reason_label(row)];
            state.broken_links.push_back(row);
            break;
        }
    }
    state.broken_hosts = most_first(hosts, top);
    state.broken_reasons = most_first(reasons, top);
    return state;
}

LinkCheckOptions link_check_options(const Config& config) {
    const LinkCheckConfig& l = config.link_check;
    LinkCheckOptions options;
    options.max_age = l.max_age;
    options.per_host = l.per_host;
    options.parallel = l.parallel;
    options.timeout = l.timeout;
    options.max_redirects = l.max_redirects;
    options.retries = l.retries;
    return options;
}

FetchOptions link_check_fetch_options(const Config& config, const std::atomic<bool>* cancel) {
    const LinkCheckConfig& l = config.link_check;
    FetchOptions options;
    options.user_agent = user_agent(config);
    options.connect_timeout = std::min<milliseconds>(l.timeout, milliseconds(10'000));
    options.read_timeout = l.timeout;
    options.total_timeout = std::max<milliseconds>(l.timeout, milliseconds(60'000));  // robots.txt
    options.retries = l.retries;
    options.backoff_base = milliseconds(1'000);
    options.backoff_max = milliseconds(10'000);
    options.retry_after_max = milliseconds(60'000);
    options.max_bytes = robots_size_cap;
    options.max_redirects = l.max_redirects;
    options.max_connections_per_host = l.per_host;
    options.host_interval = l.delay;
    options.cancel = cancel;
    return options;
}

LinkCheckReport check_links(const Config& config, const std::vector<std::string>& sources,
                            const LinkCheckOptions& options) {
    catalog::Store store(config.database);
    const std::vector<std::string> urls = store.distribution_urls(sources);
    Fetcher fetcher(link_check_fetch_options(config, options.cancel));
    LinkChecker checker(store, fetcher, options);
    LinkCheckReport report;
    report.run = checker.run(urls);
    report.state = link_overview(store, urls);
    return report;
}

std::string summary_text(const LinkCheckReport& report, std::chrono::seconds max_age) {
    const LinkCheckSummary& s = report.run;
    const LinkOverview& state = report.state;
    std::string text = fmt::format("link check: {} distribution URL(s), {:.1f} s\n", s.urls,
                                   static_cast<double>(s.duration.count()) / 1000.0);
    text += fmt::format("  checked now:  {} ({} ok, {} broken)\n", s.checked, s.ok, s.broken);
    text += fmt::format("  fresh:        {} (checked less than {} ago, not asked again)\n", s.fresh, format_age(max_age));
    text += fmt::format("  not checked:  {} ({} disallowed by robots.txt, {} on hosts whose robots.txt could not be "
                        "read)\n",
                        s.disallowed + s.robots_unreachable, s.disallowed, s.robots_unreachable);
    if (s.left > 0) {
        text += fmt::format("  {}:      {} URL(s) not reached; they are checked on the next run\n",
                            s.interrupted ? "stopped" : "left", s.left);
    }
    text += fmt::format("now: {} ok, {} broken, {} not checked\n", state.ok, state.broken, state.not_checked);
    std::size_t width = 0;
    for (const auto* rows : {&state.broken_hosts, &state.broken_reasons}) {
        for (const auto& [name, n] : *rows) width = std::max(width, name.size());
    }
    auto table = [&](std::string_view title, const std::vector<std::pair<std::string, std::int64_t>>& rows) {
        if (rows.empty()) return;
        text += fmt::format("{}:\n", title);
        for (const auto& [name, n] : rows) text += fmt::format("  {:<{}}  {:>6}\n", name, width, n);
    };
    table("broken links by host", state.broken_hosts);
    table("broken links by reason", state.broken_reasons);
    return text;
}

}  // namespace ernte::harvester
