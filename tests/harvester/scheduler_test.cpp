#include "harvester/scheduler.hpp"

#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>
#include <set>

using namespace ernte::harvester;
using namespace std::chrono_literals;
using Clock = std::chrono::system_clock;

namespace {

SourceConfig source(std::string name, std::string schedule = "0 2 * * *") {
    SourceConfig s;
    s.name = std::move(name);
    s.url = "https://" + s.name + ".example.org";
    s.schedule = std::move(schedule);
    return s;
}

Clock::time_point at(int hour, int minute, int second = 0) {
    return std::chrono::sys_days(std::chrono::year(2026) / 11 / 23) + std::chrono::hours(hour) +
           std::chrono::minutes(minute) + std::chrono::seconds(second);
}

/// Jobs that record themselves and run until released (or cancelled).
class Jobs {
public:
    Scheduler::Job job() {
        return [this](const SourceConfig& s, JobKind kind, const std::atomic<bool>& cancel) {
            std::unique_lock lock(m_mutex);
            const std::string name = s.name + (kind == JobKind::harvest ? " harvest" : " links");
            m_started.push_back(name);
            m_running.insert(name);
            m_max_running = std::max(m_max_running, m_running.size());
            m_changed.notify_all();
            // The cancel flag is polled, as a harvest does between pages.
            while (!cancel && !m_released.contains(name)) m_changed.wait_for(lock, 5ms);
            m_released.erase(name);
            m_running.erase(name);
            if (cancel) m_cancelled.push_back(name);
            m_changed.notify_all();
        };
    }
    void release(const std::string& name) {
        std::lock_guard lock(m_mutex);
        m_released.insert(name);
        m_changed.notify_all();
    }
    /// Waits until `n` jobs have started (or 5 s passed).
    bool wait_started(std::size_t n) {
        std::unique_lock lock(m_mutex);
        return m_changed.wait_for(lock, 5s, [&] { return m_started.size() >= n; });
    }
    bool wait_idle() {
        std::unique_lock lock(m_mutex);
        return m_changed.wait_for(lock, 5s, [&] { return m_running.empty(); });
    }
    std::vector<std::string> started() {
        std::lock_guard lock(m_mutex);
        return m_started;
    }
    std::vector<std::string> cancelled() {
        std::lock_guard lock(m_mutex);
        return m_cancelled;
    }
    std::size_t max_running() {
        std::lock_guard lock(m_mutex);
        return m_max_running;
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::vector<std::string> m_started;
    std::set<std::string> m_running;
    std::set<std::string> m_released;
    std::vector<std::string> m_cancelled;
    std::size_t m_max_running = 0;
};

/// Whether `condition` becomes true within 5 s.
template <typename Condition>
bool eventually(Condition condition) {
    for (int i = 0; i < 1000; ++i) {
        if (condition()) return true;
        std::this_thread::sleep_for(5ms);
    }
    return condition();
}

/// A clock the test moves.
struct FakeClock {
    std::mutex mutex;
    Clock::time_point now;
    std::function<Clock::time_point()> function() {
        return [this] {
            std::lock_guard lock(mutex);
            return now;
        };
    }
    void set(Clock::time_point t) {
        std::lock_guard lock(mutex);
        now = t;
    }
};

}  // namespace

TEST(Scheduler, HarvestsRunAtTheirScheduledTime) {
    Jobs jobs;
    FakeClock clock;
    clock.set(at(1, 59, 30));
    Scheduler scheduler({source("moers"), source("kleve", "30 3 * * *")}, 4, jobs.job(), clock.function());
    scheduler.start();
    EXPECT_EQ(scheduler.next_run("moers"), at(2, 0));
    EXPECT_EQ(scheduler.next_run("kleve"), at(3, 30));
    EXPECT_FALSE(scheduler.next_run("nobody"));
    std::this_thread::sleep_for(50ms);
    EXPECT_TRUE(jobs.started().empty());

    clock.set(at(2, 0, 1));
    scheduler.wake();
    ASSERT_TRUE(jobs.wait_started(1));
    EXPECT_EQ(jobs.started(), std::vector<std::string>{"moers harvest"});
    EXPECT_TRUE(scheduler.busy("moers"));
    EXPECT_FALSE(scheduler.busy("kleve"));
    EXPECT_EQ(scheduler.next_run("moers"), at(2, 0) + 24h);
    jobs.release("moers harvest");
    ASSERT_TRUE(jobs.wait_idle());
}

TEST(Scheduler, NeverTwoJobsOfOneSourceAtOnce) {
    Jobs jobs;
    FakeClock clock;
    clock.set(at(1, 0));
    Scheduler scheduler({source("moers", "* * * * *")}, 4, jobs.job(), clock.function());
    scheduler.start();
    EXPECT_EQ(scheduler.request("moers", JobKind::harvest), RequestOutcome::started);
    ASSERT_TRUE(jobs.wait_started(1));
    EXPECT_EQ(scheduler.request("moers", JobKind::harvest), RequestOutcome::already_pending);
    // Due again while the harvest still runs: skipped, not stacked up.
    for (int minute = 1; minute <= 3; ++minute) {
        clock.set(at(1, minute, 1));
        scheduler.wake();
        std::this_thread::sleep_for(20ms);
    }
    // A link check waits for the harvest to end.
    EXPECT_EQ(scheduler.request("moers", JobKind::link_check), RequestOutcome::queued);
    EXPECT_EQ(scheduler.request("moers", JobKind::link_check), RequestOutcome::already_pending);
    EXPECT_EQ(jobs.started(), std::vector<std::string>{"moers harvest"});
    jobs.release("moers harvest");
    ASSERT_TRUE(jobs.wait_started(2));
    EXPECT_EQ(jobs.started(), (std::vector<std::string>{"moers harvest", "moers links"}));
    EXPECT_EQ(jobs.max_running(), 1u);
    jobs.release("moers links");
    ASSERT_TRUE(jobs.wait_idle());
    // The scheduler counts the job out just after the job's own function returned.
    EXPECT_TRUE(eventually([&] { return !scheduler.busy("moers"); }));
}

TEST(Scheduler, AtMostMaxRunningJobsAtOnce) {
    Jobs jobs;
    FakeClock clock;
    clock.set(at(1, 0));
    Scheduler scheduler({source("a"), source("b"), source("c")}, 2, jobs.job(), clock.function());
    scheduler.start();
    EXPECT_EQ(scheduler.request("a", JobKind::harvest), RequestOutcome::started);
    EXPECT_EQ(scheduler.request("b", JobKind::harvest), RequestOutcome::started);
    EXPECT_EQ(scheduler.request("c", JobKind::harvest), RequestOutcome::queued);
    ASSERT_TRUE(jobs.wait_started(2));
    std::this_thread::sleep_for(30ms);
    EXPECT_EQ(jobs.started().size(), 2u);
    EXPECT_TRUE(scheduler.busy("c"));
    jobs.release("a harvest");
    ASSERT_TRUE(jobs.wait_started(3));
    EXPECT_EQ(jobs.started().back(), "c harvest");
    EXPECT_EQ(jobs.max_running(), 2u);
    jobs.release("b harvest");
    jobs.release("c harvest");
    ASSERT_TRUE(jobs.wait_idle());
}

TEST(Scheduler, StopCancelsRunningJobsAndDropsWaitingOnes) {
    Jobs jobs;
    FakeClock clock;
    clock.set(at(1, 0));
    Scheduler scheduler({source("a"), source("b")}, 1, jobs.job(), clock.function());
    scheduler.start();
    EXPECT_EQ(scheduler.request("a", JobKind::harvest), RequestOutcome::started);
    EXPECT_EQ(scheduler.request("b", JobKind::harvest), RequestOutcome::queued);
    ASSERT_TRUE(jobs.wait_started(1));
    scheduler.stop();
    EXPECT_EQ(jobs.cancelled(), std::vector<std::string>{"a harvest"});
    EXPECT_EQ(jobs.started(), std::vector<std::string>{"a harvest"});
    EXPECT_EQ(scheduler.request("a", JobKind::harvest), RequestOutcome::stopping);
    EXPECT_EQ(scheduler.running(), 0);
}

TEST(Scheduler, UnknownSourcesAndBadSchedules) {
    Jobs jobs;
    Scheduler scheduler({source("a")}, 1, jobs.job());
    scheduler.start();
    EXPECT_EQ(scheduler.request("nobody", JobKind::harvest), RequestOutcome::unknown_source);
    EXPECT_FALSE(scheduler.busy("nobody"));
    EXPECT_THROW(Scheduler({source("x", "61 * * * *")}, 1, jobs.job()), std::invalid_argument);
}

TEST(Scheduler, AFailingJobIsLoggedAndFreesItsSlot) {
    std::atomic<int> calls{0};
    Scheduler scheduler({source("a")}, 1, [&](const SourceConfig&, JobKind, const std::atomic<bool>&) {
        ++calls;
        throw std::runtime_error("disk full");
    });
    scheduler.start();
    EXPECT_EQ(scheduler.request("a", JobKind::harvest), RequestOutcome::started);
    EXPECT_TRUE(eventually([&] { return calls >= 1 && scheduler.running() == 0; }));
    EXPECT_EQ(scheduler.request("a", JobKind::harvest), RequestOutcome::started);
    EXPECT_TRUE(eventually([&] { return calls == 2; }));
}

// A source whose last harvest was cut off is harvested again at start-up, not
// at its next scheduled time, which stays as it was; other sources wait.
TEST(Scheduler, CatchUpHarvestsACutOffSourceAtOnce) {
    Jobs jobs;
    FakeClock clock;
    clock.set(at(1, 0));
    Scheduler scheduler({source("moers"), source("kleve")}, 4, jobs.job(), clock.function());
    scheduler.start();
    EXPECT_EQ(scheduler.catch_up("moers"), RequestOutcome::started);
    ASSERT_TRUE(jobs.wait_started(1));
    EXPECT_EQ(jobs.started(), std::vector<std::string>{"moers harvest"});
    EXPECT_EQ(scheduler.next_run("moers"), at(2, 0));
    EXPECT_EQ(scheduler.catch_up("moers"), RequestOutcome::already_pending);
    EXPECT_EQ(scheduler.catch_up("nobody"), RequestOutcome::unknown_source);
    std::this_thread::sleep_for(30ms);
    EXPECT_EQ(jobs.started(), std::vector<std::string>{"moers harvest"});
    EXPECT_FALSE(scheduler.busy("kleve"));
    jobs.release("moers harvest");
    ASSERT_TRUE(jobs.wait_idle());
    EXPECT_TRUE(eventually([&] { return !scheduler.busy("moers"); }));
    scheduler.stop();
    EXPECT_EQ(scheduler.catch_up("moers"), RequestOutcome::stopping);
}

// `ernte serve --no-schedule` never starts the scheduling thread, but the admin
// API still runs jobs through it: they run one after another and are ended on stop.
TEST(Scheduler, JobsRunAndStopWithoutTheScheduleStarted) {
    Jobs jobs;
    Scheduler scheduler({source("moers")}, 1, jobs.job());
    EXPECT_EQ(scheduler.request("moers", JobKind::harvest), RequestOutcome::started);
    ASSERT_TRUE(jobs.wait_started(1));
    jobs.release("moers harvest");
    ASSERT_TRUE(jobs.wait_idle());
    ASSERT_TRUE(eventually([&] { return !scheduler.busy("moers"); }));
    EXPECT_EQ(scheduler.request("moers", JobKind::harvest), RequestOutcome::started);
    ASSERT_TRUE(jobs.wait_started(2));
    scheduler.stop();
    EXPECT_EQ(jobs.cancelled(), std::vector<std::string>{"moers harvest"});
    EXPECT_EQ(scheduler.running(), 0);
}
