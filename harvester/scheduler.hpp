#pragma once
/// The scheduler of `ernte serve`: runs each source's harvest on its cron
/// `schedule`, and work asked for in between (the admin API), with at most a
/// configured number of jobs at once and never two jobs of one source at once.
/// A due harvest of a source that is still busy is skipped, not stacked up.
/// A source whose last harvest was cut off (a crash, a stop) is harvested
/// again at start-up by catch_up() instead of at its next scheduled time.

#include "harvester/config.hpp"
#include "harvester/cron.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace ernte::harvester {

/// What the scheduler runs for a source.
enum class JobKind { harvest, link_check };
std::string_view to_string(JobKind kind);

/// What Scheduler::request did.
enum class RequestOutcome {
    started,          ///< the job begins now
    queued,           ///< it waits for a free slot or for the source's running job
    already_pending,  ///< the same job of the source is running or waiting; nothing added
    unknown_source,
    stopping,
};

class Scheduler {
public:
    using Clock = std::chrono::system_clock;
    /// Does the work; `cancel` is set when the scheduler stops (the job should
    /// end soon and leave everything consistent). Exceptions are logged.
    using Job = std::function<void(const SourceConfig& source, JobKind kind, const std::atomic<bool>& cancel)>;

    /// `max_running`: jobs at once (at least 1). `clock`: the time schedules
    /// are read against (default: the system clock).
    Scheduler(std::vector<SourceConfig> sources, int max_running, Job job, std::function<Clock::time_point()> clock = {});
    /// Stops (see stop()).
    ~Scheduler();
    Scheduler(const Scheduler&) = delete;
    Scheduler& operator=(const Scheduler&) = delete;

    /// Start the scheduling thread. Each source is first due at the next
    /// match of its schedule after now.
    void start();
    /// Set every running job's cancel flag, drop waiting jobs and wait for
    /// the running ones to end. Safe to call twice.
    void stop();

    /// Run a job of the source as soon as a slot is free.
    RequestOutcome request(std::string_view source, JobKind kind);
    /// Harvest the source as soon as a slot is free because its last harvest
    /// was cut off, instead of waiting for its next scheduled time (which
    /// stays as it is). Logged at info level; the outcomes are request()'s.
    RequestOutcome catch_up(std::string_view source);
    /// When the source's harvest is due next; nullopt for an unknown source.
    std::optional<Clock::time_point> next_run(std::string_view source) const;
    /// Whether a job of the source is running or waiting.
    bool busy(std::string_view source) const;
    /// Jobs running now.
    int running() const;
    /// Look at the clock again now (tests that move their clock call this).
    void wake();

private:
    struct Entry {
        SourceConfig config;
        CronSchedule schedule;
        Clock::time_point next_due;
        bool running = false;
        JobKind running_kind = JobKind::harvest;
    };
    struct Pending {
        std::size_t source;
        JobKind kind;
    };
    struct Worker {
        std::thread thread;
        bool done = false;
    };

    void loop();
    /// Start what waits, as slots allow; called with m_mutex held.
    void start_pending();
    Entry* find(std::string_view name);
    const Entry* find(std::string_view name) const;

    std::vector<Entry> m_sources;
    int m_max_running;
    Job m_job;
    std::function<Clock::time_point()> m_clock;

    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<Pending> m_pending;
    std::map<std::size_t, std::unique_ptr<Worker>> m_workers;  ///< by source index
    std::vector<std::unique_ptr<Worker>> m_finished;
    int m_running = 0;
    bool m_started = false;
    bool m_stopping = false;
    std::atomic<bool> m_cancel{false};
    std::thread m_thread;
};

}  // namespace ernte::harvester
