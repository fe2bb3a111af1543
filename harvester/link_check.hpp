#pragma once
/// Link checks: whether the access and download URLs of the catalogue's
/// distributions answer (the MQA's access and download URL status
/// indicators). Checks are polite: bounded concurrency per host and in all, a
/// delay between requests to one host, robots.txt honoured, an identifying
/// User-Agent. Results are kept per URL in the store and reused until they are
/// older than a configurable age. See docs/link-checks.md.

#include "catalog/store.hpp"
#include "harvester/config.hpp"
#include "harvester/fetch.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ernte::harvester {

/// The rules one robots.txt sets for one crawler (RFC 9309).
class RobotsTxt {
public:
    /// No rules: everything allowed (no robots.txt, or one answered with 4xx).
    RobotsTxt() = default;

    /// The rules of `text` for the crawler whose product token is `product`:
    /// the groups whose User-agent names it (case-insensitively), else the
    /// groups for "*", merged. Only the first 512 KiB are read; lines that are
    /// not User-agent, Allow or Disallow records are ignored.
    static RobotsTxt parse(std::string_view text, std::string_view product = "ernte");

    /// Whether `path_and_query` ("/a/b?c=1") may be fetched: the rule with the
    /// longest matching pattern decides (`*` matches any run of characters, a
    /// final `$` the end), Allow wins a tie, and no matching rule allows.
    /// /robots.txt itself is always allowed.
    bool allows(std::string_view path_and_query) const;

    /// Number of Allow and Disallow rules that apply.
    std::size_t size() const { return m_rules.size(); }

private:
    struct Rule {
        std::string pattern;  ///< percent-encoding normalized
        bool allow = false;
    };
    std::vector<Rule> m_rules;
};

/// Progress of a check run, reported after every recorded result.
struct LinkCheckProgress {
    std::int64_t done = 0;   ///< URLs finished (checked or not checked)
    std::int64_t total = 0;  ///< URLs due in this run
};

/// Settings of a check run; link_check_options() fills them from the configuration.
struct LinkCheckOptions {
    std::chrono::seconds max_age{7 * 86400};     ///< a stored verdict younger than this is reused
    int per_host = 2;                            ///< checks at once against one host (scheme://host:port)
    int parallel = 8;                            ///< checks at once in all
    std::chrono::milliseconds timeout{10'000};   ///< per request, redirects included
    int max_redirects = 5;
    int retries = 1;                             ///< further attempts after a transient failure
    bool force = false;                          ///< check every URL, also those with a fresh verdict
    const std::atomic<bool>* cancel = nullptr;   ///< set: finish the requests under way and stop
    std::function<void(const LinkCheckProgress&)> on_progress;  ///< called on the thread that called run()
};

/// What one check run did.
struct LinkCheckSummary {
    std::int64_t urls = 0;                ///< distinct URLs asked for
    std::int64_t fresh = 0;               ///< not checked again: a verdict younger than max_age is stored
    std::int64_t checked = 0;             ///< checked now: ok + broken
    std::int64_t ok = 0;
    std::int64_t broken = 0;
    std::int64_t disallowed = 0;          ///< not checked: robots.txt disallows them
    std::int64_t robots_unreachable = 0;  ///< not checked: their host's robots.txt could not be read
    std::int64_t left = 0;                ///< not reached because the run was stopped; still due
    bool interrupted = false;
    std::chrono::milliseconds duration{0};
};

/// The stored state of a set of URLs (fresh verdicts included): what an
/// administrator wants to know after a check.
struct LinkOverview {
    std::int64_t ok = 0;
    std::int64_t broken = 0;
    std::int64_t not_checked = 0;  ///< never checked, or only ever refused by robots.txt
    /// Hosts with the most broken URLs, most first.
    std::vector<std::pair<std::string, std::int64_t>> broken_hosts;
    /// Why URLs are broken ("HTTP 404 Not Found", "timeout", "host name not found" ...), most first.
    std::vector<std::pair<std::string, std::int64_t>> broken_reasons;
    /// Every broken URL's row, in URL order.
    std::vector<catalog::LinkCheckRow> broken_links;
};

/// Checks URLs and records the results in the store. The Fetcher decides the
/// User-Agent, the delay between requests to one host (host_interval) and its
/// own per-host limit: use link_check_fetch_options().
class LinkChecker {
public:
    LinkChecker(catalog::Store& store, Fetcher& fetcher, LinkCheckOptions options);

    /// Checks those of `urls` that are due (no verdict younger than max_age,
    /// or all with `force`), with at most `per_host` checks per host and
    /// `parallel` in all. The first URL of a host fetches its robots.txt once
    /// per run; a URL it disallows, or of a host whose robots.txt answered
    /// 5xx or 429 or timed out, is recorded as not checked, never as broken
    /// (a host where nobody answers at all is checked: its URLs are broken). Each
    /// result is written to the store as it comes, so a stopped run keeps what
    /// it did. Throws StoreError when the store fails (after stopping the
    /// checks under way).
    LinkCheckSummary run(const std::vector<std::string>& urls);

    /// The verdict on one URL, without robots.txt and without the store: HEAD,
    /// then GET (stopped after the headers) when HEAD is refused with 400,
    /// 403, 405 or 501; 200-399 after redirects passes. An invalid URL is
    /// broken. nullopt when cancelled.
    std::optional<catalog::LinkCheckResult> check(const std::string& url);

private:
    catalog::Store& m_store;
    Fetcher& m_fetcher;
    LinkCheckOptions m_options;
};

/// The state of `urls` in the store, with the `top` hosts and reasons of broken URLs.
LinkOverview link_overview(const catalog::Store& store, const std::vector<std::string>& urls, std::size_t top = 10);

/// Check-run settings from the configuration's `link_check` section.
LinkCheckOptions link_check_options(const Config& config);

/// Fetcher settings for link checks: the configured User-Agent, `per_host`
/// connections and `delay` between requests to one host, the timeout and
/// redirect limit, and a 1 MiB cap (robots.txt is the only body read).
FetchOptions link_check_fetch_options(const Config& config, const std::atomic<bool>* cancel = nullptr);

/// What `ernte check-links` and `ernte harvest` (with after_harvest) report.
struct LinkCheckReport {
    LinkCheckSummary run;
    LinkOverview state;
};

/// Checks the distribution URLs of the active datasets of `sources` (all
/// datasets when empty) in the configured database.
LinkCheckReport check_links(const Config& config, const std::vector<std::string>& sources,
                            const LinkCheckOptions& options);

/// The report as lines for an administrator (`max_age` says what "fresh" means).
std::string summary_text(const LinkCheckReport& report, std::chrono::seconds max_age);

}  // namespace ernte::harvester
