#include "harvester/harvest_run.hpp"

#include "catalog/assess.hpp"
#include "catalog/hash.hpp"
#include "catalog/normalize.hpp"
#include "catalog/time.hpp"
#include "catalog/vocab.hpp"
#include "harvester/ckan.hpp"
#include "harvester/dcat.hpp"
#include "harvester/page_source.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <pthread.h>
#include <sched.h>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <utility>
#include <variant>

namespace ernte::harvester {

namespace {

using catalog::RunMode;
using catalog::RunStatus;
using Clock = std::chrono::steady_clock;

/// What the listing thread hands to the storing thread.
struct Finished {};
using Item = std::variant<PageBatch, ListingError, std::exception_ptr, Finished>;

/// A bounded queue: the listing thread stays at most `capacity` pages ahead,
/// which bounds memory to a few pages whatever the size of the source.
class PageQueue {
public:
    explicit PageQueue(std::size_t capacity) : m_capacity(capacity) {}

    /// False when the queue was closed (the consumer gave up).
    bool push(Item item) {
        std::unique_lock lock(m_mutex);
        m_not_full.wait(lock, [&] { return m_closed || m_items.size() < m_capacity; });
        if (m_closed) return false;
        m_items.push_back(std::move(item));
        m_not_empty.notify_one();
        return true;
    }

    /// Waits up to `timeout`; nullopt when nothing arrived.
    std::optional<Item> pop(std::chrono::milliseconds timeout) {
        std::unique_lock lock(m_mutex);
        if (!m_not_empty.wait_for(lock, timeout, [&] { return !m_items.empty(); })) return std::nullopt;
        Item item = std::move(m_items.front());
        m_items.pop_front();
        m_not_full.notify_one();
        return item;
    }

    void close() {
        std::lock_guard lock(m_mutex);
        m_closed = true;
        m_not_full.notify_all();
    }

private:
    std::size_t m_capacity;
    std::mutex m_mutex;
    std::condition_variable m_not_full;
    std::condition_variable m_not_empty;
    std::deque<Item> m_items;
    bool m_closed = false;
};

/// A stored record waiting for its assessment.
struct AssessJob {
    std::int64_t dataset_id = 0;
    std::int64_t version_id = 0;
    model::Dataset dataset;
};

/// Assesses the records a run stores, beside storing them. The storing thread
/// hands over each page's new and changed records once the page's
/// transaction is committed, and writes the finished assessments in the
/// transaction of a later page (the rest when the run ends).
///
/// A worker thread of the lowest priority (SCHED_IDLE) assesses with the CPU
/// time the listing and storing threads leave unused. When it falls more
/// than a few pages behind, and at the end of the run, the storing thread
/// assesses waiting records itself, so the run never waits for idle time
/// and memory stays bounded.
class Assessor {
public:
    /// `links`: the link-check results through the storing thread's connection.
    Assessor(const HarvestEnvironment& env, const SourceConfig& source, std::int64_t run_id, std::string today,
             catalog::quality::LinkLookup links)
        : m_vocab(*env.vocab),
          m_source(source.name),
          m_run_id(run_id),
          m_today(std::move(today)),
          m_links(std::move(links)) {
        m_worker = std::thread([this, database = env.config->database] { work(database); });
    }
    Assessor(const Assessor&) = delete;
    Assessor& operator=(const Assessor&) = delete;
    ~Assessor() {
        {
            std::lock_guard lock(m_mutex);
            m_closed = true;
        }
        m_has_work.notify_all();
        m_worker.join();
    }

    /// Called by the storing thread.
    void submit(std::vector<AssessJob> jobs) {
        std::unique_lock lock(m_mutex);
        for (auto& job : jobs) m_jobs.push_back(std::move(job));
        m_has_work.notify_one();
        while (m_jobs.size() > k_capacity) {
            assess_one(lock, m_links);
            ++m_by_storing;
        }
    }

    /// The assessments finished so far.
    std::vector<catalog::ScoreEntry> take() {
        std::lock_guard lock(m_mutex);
        return std::exchange(m_done, {});
    }

    /// Assesses what is still waiting (on the storing thread, beside the
    /// worker) and returns every assessment take() has not.
    std::vector<catalog::ScoreEntry> finish() {
        std::unique_lock lock(m_mutex);
        while (!m_jobs.empty()) {
            assess_one(lock, m_links);
            ++m_by_storing;
        }
        m_idle.wait(lock, [&] { return m_working == 0; });
        return std::exchange(m_done, {});
    }

    /// Time spent assessing, on both threads.
    Clock::duration busy() const {
        std::lock_guard lock(m_mutex);
        return m_busy;
    }
    /// Records the storing thread assessed itself.
    std::size_t assessed_by_storing() const {
        std::lock_guard lock(m_mutex);
        return m_by_storing;
    }

private:
    static constexpr std::size_t k_capacity = 2000;  // records waiting, about two pages

    /// Takes the first waiting record and assesses it with the lock released.
    void assess_one(std::unique_lock<std::mutex>& lock, const catalog::quality::LinkLookup& links) {
        AssessJob job = std::move(m_jobs.front());
        m_jobs.pop_front();
        ++m_working;
        lock.unlock();
        const auto from = Clock::now();
        std::optional<catalog::ScoreEntry> entry;
        try {
            // In the stored forms here, so that the storing thread only inserts.
            catalog::quality::StoredAssessment a = catalog::quality::assess_for_store(job.dataset, m_vocab, links,
                                                                                     m_today);
            entry = catalog::ScoreEntry{job.dataset_id, job.version_id, m_run_id,
                                        catalog::quality::Assessment{a.score, {}, a.violations},
                                        std::move(a.stored_score), std::move(a.stored_findings)};
        } catch (const std::exception& e) {
            spdlog::warn("{}: dataset {} could not be assessed: {}", m_source, job.dataset_id, e.what());
        }
        job = {};  // freed here, without the lock
        const auto spent = Clock::now() - from;
        lock.lock();
        if (entry) m_done.push_back(std::move(*entry));
        m_busy += spent;
        if (--m_working == 0) m_idle.notify_all();
    }

    void work(const std::string& database) {
        // Only CPU time nobody else wants; where the policy cannot be set, the
        // worker runs at the usual priority.
        sched_param idle{};
        pthread_setschedparam(pthread_self(), SCHED_IDLE, &idle);
        // This thread's own connection for the link-check results; unreadable
        // results count as not checked.
        std::unique_ptr<catalog::Store> reader;
        catalog::quality::LinkLookup links = [](std::string_view) {
            return std::optional<catalog::quality::LinkState>();
        };
        try {
            reader = std::make_unique<catalog::Store>(database);
            links = catalog::quality::stored_links(*reader);
        } catch (const std::exception& e) {
            spdlog::warn("{}: link-check results could not be read, links count as not checked: {}", m_source,
                         e.what());
        }
        std::unique_lock lock(m_mutex);
        for (;;) {
            m_has_work.wait(lock, [&] { return m_closed || !m_jobs.empty(); });
            if (m_closed) return;
            assess_one(lock, links);
        }
    }

    const catalog::Vocabularies& m_vocab;
    const std::string m_source;
    const std::int64_t m_run_id;
    const std::string m_today;
    const catalog::quality::LinkLookup m_links;
    mutable std::mutex m_mutex;
    std::condition_variable m_has_work;
    std::condition_variable m_idle;
    std::deque<AssessJob> m_jobs;
    std::vector<catalog::ScoreEntry> m_done;
    int m_working = 0;  // records being assessed right now
    bool m_closed = false;
    Clock::duration m_busy{0};
    std::size_t m_by_storing = 0;
    std::thread m_worker;
};

struct ModeDecision {
    RunMode mode = RunMode::full;
    std::string since;
    std::string reason;
};

ModeDecision decide_mode(const catalog::Store& store, std::int64_t source_id, const Config& config,
                         const SourceConfig& source, bool force_full) {
    ModeDecision d;
    if (force_full) {
        d.reason = "full run requested";
        return d;
    }
    if (!source.incremental) {
        d.reason = "incremental harvesting is off for this source";
        return d;
    }
    const auto last_full = store.last_run(source_id, RunStatus::succeeded, RunMode::full);
    if (!last_full) {
        d.reason = "no complete full run yet";
        return d;
    }
    const auto full_started = catalog::parse_utc(last_full->started);
    if (!full_started || std::chrono::system_clock::now() - *full_started > config.full_every) {
        d.reason = fmt::format("the last complete full run is older than {} days", config.full_every.count());
        return d;
    }
    const auto last_clean = store.last_run(source_id, RunStatus::succeeded);
    const auto clean_started = last_clean ? catalog::parse_utc(last_clean->started) : full_started;
    d.mode = RunMode::incremental;
    d.since = catalog::format_utc((clean_started ? *clean_started : *full_started) - config.incremental_margin);
    d.reason = "changes since " + d.since;
    return d;
}

std::unique_ptr<PageSource> make_page_source(const SourceConfig& source, PageSourceContext ctx) {
    switch (source.type) {
        case SourceType::ckan: return std::make_unique<CkanPageSource>(std::move(ctx));
        case SourceType::dcat: return std::make_unique<DcatPageSource>(std::move(ctx));
    }
    throw std::logic_error("unknown source type");
}

std::string hash_salt(const catalog::Vocabularies& vocab, const SourceConfig& source) {
    std::string salt = fmt::format("normalizer {}\nvocab {}\nurl {}\n", catalog::normalizer_version,
                                   vocab.fingerprint(), source.url);
    for (const auto& id : source.contributor_ids) salt += "contributor " + id + "\n";
    return catalog::content_hash(salt);
}

}  // namespace

FetchOptions fetch_options(const Config& config, const SourceConfig* source) {
    FetchOptions o;
    o.user_agent = user_agent(config);
    o.max_bytes = config.max_response_bytes;
    o.max_redirects = config.max_redirects;
    if (source) {
        o.read_timeout = source->timeout;
        o.retries = source->retries;
        o.max_connections_per_host = source->max_connections;
    }
    return o;
}

HarvestResult harvest_source(const HarvestEnvironment& env, const SourceConfig& source,
                             const HarvestOptions& options) {
    const auto t0 = Clock::now();
    HarvestResult result;
    result.source = source.name;
    auto elapsed = [&] { return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0); };

    std::unique_ptr<catalog::Store> store;
    std::int64_t source_id = 0;
    ModeDecision decision;
    try {
        store = std::make_unique<catalog::Store>(env.config->database);
        store->set_kept_versions(env.config->keep_versions);
        source_id = store->ensure_source(
            catalog::SourceInfo{source.name, std::string(to_string(source.type)), source.url, source.priority});
        decision = decide_mode(*store, source_id, *env.config, source, options.force_full);
        result.mode = decision.mode;
        result.run_id = store->begin_run(source_id, decision.mode, decision.since);
    } catch (const std::exception& e) {
        result.status = RunStatus::failed;
        result.message = e.what();
        result.duration = elapsed();
        return result;
    }
    spdlog::info("{}: {} run {} ({})", source.name, to_string(decision.mode), result.run_id, decision.reason);

    // The run's own stop flag: set on cancel, deadline or a store failure; the
    // fetcher of this run aborts transfers and back-off waits when it is set.
    std::atomic<bool> stop{false};
    std::optional<Fetcher> own_fetcher;
    if (!env.fetcher) {
        FetchOptions fopts = fetch_options(*env.config, &source);
        fopts.cancel = &stop;
        own_fetcher.emplace(fopts);
    }
    Fetcher& fetcher = env.fetcher ? *env.fetcher : *own_fetcher;

    catalog::RunCounts& counts = result.counts;
    std::int64_t warning_rows = 0;
    std::string failure;          // why the listing failed
    bool listing_complete = false;
    bool interrupted = false;
    bool deadline_hit = false;
    std::string deletion_veto;
    // A listing that cannot go on: the run's message, and an error row with its place.
    auto listing_failed = [&](const ListingError& e) {
        failure = e.what();
        try {
            store->add_error(result.run_id, catalog::ErrorRow{0, 0, "", e.stage(), "", e.url(), e.place(), e.what(), "", ""});
        } catch (const std::exception& store_error) {
            spdlog::error("{}: the error could not be recorded: {}", source.name, store_error.what());
        }
        ++counts.errors;
    };

    PageQueue queue(2);
    std::unique_ptr<catalog::Store> reader;
    std::unique_ptr<PageSource> pages;
    try {
        reader = std::make_unique<catalog::Store>(env.config->database);
        PageSourceContext ctx;
        ctx.source = &source;
        ctx.source_id = source_id;
        ctx.fetcher = &fetcher;
        ctx.vocab = env.vocab;
        ctx.reader = reader.get();
        ctx.modified_since = decision.since;
        ctx.hash_salt = hash_salt(*env.vocab, source);
        pages = make_page_source(source, std::move(ctx));
    } catch (const ListingError& e) {
        listing_failed(e);
    } catch (const std::exception& e) {
        failure = e.what();
    }

    // New and changed records are assessed beside storing (the MQA scores
    // datasets and series; data services are not assessed). The date checks
    // count from the day the run started.
    std::optional<Assessor> assessor;
    if (options.assess && pages) {
        catalog::quality::LinkLookup links = [](std::string_view) {
            return std::optional<catalog::quality::LinkState>();
        };
        try {
            links = catalog::quality::stored_links(*store);
        } catch (const std::exception& e) {
            spdlog::warn("{}: link-check results could not be read, links count as not checked: {}", source.name,
                         e.what());
        }
        assessor.emplace(env, source, result.run_id, catalog::today_utc(), std::move(links));
    }

    std::thread lister;
    Clock::duration listing_busy{0};
    Clock::duration storing_busy{0};
    if (pages) {
        lister = std::thread([&] {
            try {
                while (!stop.load()) {
                    const auto busy_from = Clock::now();
                    std::optional<PageBatch> batch = pages->next();
                    listing_busy += Clock::now() - busy_from;
                    if (!batch) {
                        queue.push(Finished{});
                        return;
                    }
                    if (!queue.push(std::move(*batch))) return;
                }
            } catch (const ListingError& e) {
                queue.push(e);
            } catch (...) {
                queue.push(std::current_exception());
            }
        });

        HarvestProgress progress;
        progress.source = source.name;
        const auto deadline = t0 + source.deadline;
        for (;;) {
            if (options.cancel && options.cancel->load()) {
                interrupted = true;
                break;
            }
            if (Clock::now() > deadline) {
                deadline_hit = true;
                break;
            }
            std::optional<Item> item = queue.pop(std::chrono::milliseconds(200));
            if (!item) continue;
            if (std::holds_alternative<Finished>(*item)) {
                listing_complete = true;
                break;
            }
            if (auto* e = std::get_if<ListingError>(&*item)) {
                listing_failed(*e);
                break;
            }
            if (auto* ep = std::get_if<std::exception_ptr>(&*item)) {
                try {
                    std::rethrow_exception(*ep);
                } catch (const std::exception& e) {
                    failure = fmt::format("{}: the listing stopped: {}", source.name, e.what());
                }
                break;
            }
            PageBatch& batch = std::get<PageBatch>(*item);
            const auto busy_from = Clock::now();
            std::vector<AssessJob> to_assess;
            // The page's counts join the run's only once the page is committed:
            // a page rolled back (disk full) stored nothing.
            catalog::RunCounts page_counts;
            try {
                catalog::Store::Transaction tx(*store);
                if (assessor) {
                    for (const catalog::ScoreEntry& entry : assessor->take()) store->record_score(entry);
                }
                for (auto& record : batch.records) {
                    catalog::UpsertPlace place;
                    const catalog::UpsertOutcome outcome = store->upsert(source_id, result.run_id, record, &place);
                    switch (outcome) {
                        case catalog::UpsertOutcome::added: ++page_counts.added; break;
                        case catalog::UpsertOutcome::updated: ++page_counts.updated; break;
                        case catalog::UpsertOutcome::unchanged: ++page_counts.unchanged; break;
                    }
                    if (assessor && outcome != catalog::UpsertOutcome::unchanged &&
                        record.dataset.type != model::ResourceType::data_service) {
                        to_assess.push_back(AssessJob{place.dataset_id, place.version_id, std::move(record.dataset)});
                    }
                }
                if (!batch.seen_keys.empty()) {
                    const std::int64_t found = store->mark_seen(source_id, result.run_id, batch.seen_keys);
                    if (batch.unchanged) page_counts.unchanged += found;
                }
                for (auto error : batch.errors) {
                    store->add_error(result.run_id, error);
                    ++page_counts.errors;
                }
                std::int64_t page_warning_rows = 0;
                for (const auto& warning : batch.warnings) {
                    // A feed with the same flaw in every dataset says so on every
                    // page; the first rows show it, the log has the rest.
                    if (warning_rows + page_warning_rows >= options.max_warning_rows) break;
                    store->add_error(result.run_id, warning);
                    ++page_warning_rows;
                }
                if (batch.memo) store->remember_page(source_id, *batch.memo);
                tx.commit();
                warning_rows += page_warning_rows;
                result.warnings += static_cast<std::int64_t>(batch.warnings.size());
                counts.added += page_counts.added;
                counts.updated += page_counts.updated;
                counts.unchanged += page_counts.unchanged;
                counts.errors += page_counts.errors;
            } catch (const std::exception& e) {
                failure = fmt::format("{}: storing page {} failed: {}", source.name, batch.number, e.what());
                break;
            }
            // Only records that are stored for good are assessed.
            if (!to_assess.empty()) assessor->submit(std::move(to_assess));
            storing_busy += Clock::now() - busy_from;
            ++counts.pages;
            progress.pages = counts.pages;
            progress.pages_expected = pages->expected_pages();
            progress.records += batch.listed;
            progress.records_expected = pages->expected_total();
            if (options.on_progress) options.on_progress(progress);
        }
        stop.store(true);
        queue.close();
        lister.join();
        deletion_veto = pages->deletion_veto();
        // The assessments still to come, in a transaction of their own. Should
        // that fail, the records stay unassessed until `ernte score`.
        Clock::duration scoring_busy{0};
        std::size_t assessed_by_storing = 0;
        if (assessor) {
            try {
                const std::vector<catalog::ScoreEntry> rest = assessor->finish();
                scoring_busy = assessor->busy();
                assessed_by_storing = assessor->assessed_by_storing();
                catalog::Store::Transaction tx(*store);
                for (const catalog::ScoreEntry& entry : rest) store->record_score(entry);
                tx.commit();
            } catch (const std::exception& e) {
                spdlog::warn("{}: assessments could not be stored ({}); `ernte score` assesses the records again",
                             source.name, e.what());
            }
            assessor.reset();
        }
        auto ms = [](Clock::duration d) { return std::chrono::duration_cast<std::chrono::milliseconds>(d).count(); };
        spdlog::debug("{}: listing (fetch, parse, map) busy {} ms, storing busy {} ms, assessing busy {} ms "
                      "({} records assessed on the storing thread), run {} ms",
                      source.name, ms(listing_busy), ms(storing_busy), ms(scoring_busy), assessed_by_storing,
                      ms(Clock::now() - t0));
    }

    // Decide how the run ended, and delete only after a complete listing.
    std::vector<std::string> remarks;
    try {
        if (interrupted) {
            result.status = RunStatus::interrupted;
            remarks.push_back("stopped by a signal; nothing was deleted");
        } else if (deadline_hit) {
            result.status = RunStatus::failed;
            remarks.push_back(fmt::format("{}: stopped after its deadline of {} s; nothing was deleted", source.name,
                                          source.deadline.count()));
        } else if (!listing_complete) {
            result.status = RunStatus::failed;
            remarks.push_back(failure.empty() ? std::string("the listing did not finish") : failure);
            remarks.push_back("nothing was deleted");
        } else {
            result.status = counts.errors > 0 ? RunStatus::partial : RunStatus::succeeded;
            if (counts.errors > 0)
                remarks.push_back(fmt::format("{} record(s) could not be mapped (see `ernte errors --run {}`)",
                                              counts.errors, result.run_id));
            if (decision.mode == RunMode::full) {
                if (!deletion_veto.empty()) {
                    result.status = RunStatus::partial;
                    remarks.push_back(deletion_veto);
                } else {
                    const catalog::RetractResult r =
                        store->retract_unseen(source_id, result.run_id, source.delete_guard);
                    counts.deleted = r.deleted;
                    counts.deletions_withheld = r.withheld;
                    if (r.withheld > 0) {
                        result.status = RunStatus::partial;
                        remarks.push_back(fmt::format(
                            "{}: deletions withheld: the source ({}) no longer lists {} of its {} datasets, more "
                            "than the delete guard of {:.0f} % allows; check the portal, then raise delete_guard or "
                            "run again",
                            source.name, source.url, r.withheld, r.listed_before, source.delete_guard * 100));
                    }
                }
            }
            store->withdraw_expired(env.config->grace_period);
        }
    } catch (const std::exception& e) {
        result.status = RunStatus::failed;
        remarks.push_back(e.what());
    }
    if (result.warnings > 0)
        remarks.push_back(fmt::format("{} warning(s) about what the feed's pages hold (see `ernte errors --run {}`{})",
                                      result.warnings, result.run_id,
                                      result.warnings > warning_rows
                                          ? fmt::format("; the first {} are kept there, all are in the log", warning_rows)
                                          : ""));
    for (std::string r : remarks) {
        while (!r.empty() && (r.back() == '.' || r.back() == ' ')) r.pop_back();
        result.message += (result.message.empty() ? "" : "; ") + r;
    }
    try {
        store->finish_run(result.run_id, result.status, counts, result.message);
    } catch (const std::exception& e) {
        spdlog::error("{}: run {} could not be recorded: {}", source.name, result.run_id, e.what());
        result.status = RunStatus::failed;
    }
    // Old runs' errors and warnings; what is not deleted now is deleted after the next run.
    if (env.config->keep_run_errors.count() > 0) {
        try {
            store->forget_run_errors(env.config->keep_run_errors);
        } catch (const std::exception& e) {
            spdlog::warn("{}: the errors of old runs could not be deleted: {}", source.name, e.what());
        }
    }
    // The quality figures after the run, for the dashboard's trend; losing
    // them loses one point of a chart, never the run.
    try {
        store->record_quality_trend(result.run_id);
    } catch (const std::exception& e) {
        spdlog::warn("{}: the quality trend of run {} could not be recorded: {}", source.name, result.run_id, e.what());
    }
    result.duration = elapsed();
    return result;
}

std::vector<HarvestResult> harvest_sources(const HarvestEnvironment& env, const std::vector<const SourceConfig*>& sources,
                                           const HarvestOptions& options) {
    std::vector<HarvestResult> results(sources.size());
    std::atomic<std::size_t> next{0};
    const std::size_t workers =
        std::min<std::size_t>(sources.size(), static_cast<std::size_t>(std::max(1, env.config->parallel_sources)));
    std::vector<std::thread> threads;
    for (std::size_t w = 0; w < workers; ++w) {
        threads.emplace_back([&] {
            for (std::size_t i = next++; i < sources.size(); i = next++) {
                if (options.cancel && options.cancel->load()) {
                    results[i].source = sources[i]->name;
                    results[i].status = RunStatus::interrupted;
                    results[i].message = "not started: stopped by a signal";
                    continue;
                }
                results[i] = harvest_source(env, *sources[i], options);
            }
        });
    }
    for (auto& t : threads) t.join();
    return results;
}

HarvestResult retire_source(const Config& config, const std::string& name) {
    const auto t0 = Clock::now();
    catalog::Store store(config.database);
    const auto source_id = store.source_id(name);
    if (!source_id) throw std::invalid_argument(fmt::format("the catalogue has no source named '{}'", name));
    HarvestResult result;
    result.source = name;
    result.mode = RunMode::full;
    result.run_id = store.begin_run(*source_id, RunMode::full);
    try {
        const catalog::RetractResult r = store.retire_source(*source_id, result.run_id);
        result.counts.deleted = r.deleted;
        result.status = RunStatus::succeeded;
        result.message = fmt::format(
            "retired, as it is no longer configured: its {} dataset(s) were taken back; {} of them no other "
            "source delivers and are deprecated (withdrawn after the grace period of {} days), the others stay "
            "with their other sources",
            r.deleted, r.deprecated, config.grace_period.count());
    } catch (const std::exception& e) {
        result.status = RunStatus::failed;
        result.message = fmt::format("retiring the source failed: {}; nothing was changed", e.what());
    }
    store.finish_run(result.run_id, result.status, result.counts, result.message);
    try {
        store.record_quality_trend(result.run_id);
    } catch (const std::exception& e) {
        spdlog::warn("{}: the quality trend of run {} could not be recorded: {}", name, result.run_id, e.what());
    }
    result.duration = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0);
    return result;
}

std::string summary_line(const HarvestResult& r) {
    // No run was recorded (another process harvests the source, the
    // catalogue could not be opened): there are no counts to give.
    if (r.run_id == 0 && r.status == RunStatus::failed) return fmt::format("{}: not started: {}", r.source, r.message);
    std::string line = fmt::format(
        "{}: {} ({} run, {:.1f} s): {} added, {} updated, {} unchanged, {} deleted, {} deletions withheld, {} errors",
        r.source, catalog::to_string(r.status), catalog::to_string(r.mode),
        static_cast<double>(r.duration.count()) / 1000.0, r.counts.added, r.counts.updated, r.counts.unchanged,
        r.counts.deleted, r.counts.deletions_withheld, r.counts.errors);
    if (!r.message.empty()) line += " — " + r.message;
    return line;
}

}  // namespace ernte::harvester
