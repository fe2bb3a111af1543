#include "harvester/scheduler.hpp"

#include <spdlog/spdlog.h>

#include <stdexcept>

namespace ernte::harvester {

std::string_view to_string(JobKind kind) { return kind == JobKind::harvest ? "harvest" : "link check"; }

Scheduler::Scheduler(std::vector<SourceConfig> sources, int max_running, Job job,
                     std::function<Clock::time_point()> clock)
    : m_max_running(std::max(1, max_running)), m_job(std::move(job)), m_clock(std::move(clock)) {
    if (!m_clock) m_clock = [] { return Clock::now(); };
    for (auto& source : sources) {
        std::string error;
        auto schedule = CronSchedule::parse(source.schedule, &error);
        if (!schedule) throw std::invalid_argument("source " + source.name + ": schedule: " + error);
        m_sources.push_back(Entry{std::move(source), std::move(*schedule), {}, false, JobKind::harvest});
    }
}

Scheduler::~Scheduler() { stop(); }

void Scheduler::start() {
    std::lock_guard lock(m_mutex);
    if (m_started) return;
    m_started = true;
    const auto now = m_clock();
    for (auto& entry : m_sources) entry.next_due = entry.schedule.next(now);
    m_thread = std::thread([this] { loop(); });
}

void Scheduler::stop() {
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping) return;  // also when never started: jobs asked for through request() still run
        m_stopping = true;
        m_cancel = true;
        m_pending.clear();
    }
    m_changed.notify_all();
    if (m_thread.joinable()) m_thread.join();
    // The loop has ended; what still runs ends on its cancel flag.
    std::map<std::size_t, std::unique_ptr<Worker>> workers;
    {
        std::lock_guard lock(m_mutex);
        workers.swap(m_workers);
    }
    for (auto& [index, worker] : workers)
        if (worker->thread.joinable()) worker->thread.join();
    for (auto& worker : m_finished)
        if (worker->thread.joinable()) worker->thread.join();
    m_finished.clear();
}

Scheduler::Entry* Scheduler::find(std::string_view name) {
    for (auto& entry : m_sources)
        if (entry.config.name == name) return &entry;
    return nullptr;
}

const Scheduler::Entry* Scheduler::find(std::string_view name) const {
    for (const auto& entry : m_sources)
        if (entry.config.name == name) return &entry;
    return nullptr;
}

RequestOutcome Scheduler::request(std::string_view source, JobKind kind) {
    RequestOutcome outcome = RequestOutcome::queued;
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping) return RequestOutcome::stopping;
        const Entry* entry = find(source);
        if (!entry) return RequestOutcome::unknown_source;
        const std::size_t index = static_cast<std::size_t>(entry - m_sources.data());
        if (entry->running && entry->running_kind == kind) return RequestOutcome::already_pending;
        for (const auto& p : m_pending)
            if (p.source == index && p.kind == kind) return RequestOutcome::already_pending;
        m_pending.push_back({index, kind});
        start_pending();
        bool waiting = false;
        for (const auto& p : m_pending) waiting = waiting || (p.source == index && p.kind == kind);
        outcome = waiting ? RequestOutcome::queued : RequestOutcome::started;
    }
    m_changed.notify_all();
    return outcome;
}

RequestOutcome Scheduler::catch_up(std::string_view source) {
    const RequestOutcome outcome = request(source, JobKind::harvest);
    if (outcome == RequestOutcome::started || outcome == RequestOutcome::queued)
        spdlog::info("{}: its last harvest was cut off; harvesting it again now (catch-up)", source);
    return outcome;
}

std::optional<Scheduler::Clock::time_point> Scheduler::next_run(std::string_view source) const {
    std::lock_guard lock(m_mutex);
    const Entry* entry = find(source);
    if (!entry || !m_started) return std::nullopt;
    return entry->next_due;
}

bool Scheduler::busy(std::string_view source) const {
    std::lock_guard lock(m_mutex);
    const Entry* entry = find(source);
    if (!entry) return false;
    if (entry->running) return true;
    const std::size_t index = static_cast<std::size_t>(entry - m_sources.data());
    for (const auto& p : m_pending)
        if (p.source == index) return true;
    return false;
}

int Scheduler::running() const {
    std::lock_guard lock(m_mutex);
    return m_running;
}

void Scheduler::wake() { m_changed.notify_all(); }

void Scheduler::start_pending() {
    for (auto it = m_pending.begin(); it != m_pending.end() && m_running < m_max_running;) {
        Entry& entry = m_sources[it->source];
        if (entry.running) {
            ++it;
            continue;
        }
        const Pending job = *it;
        it = m_pending.erase(it);
        entry.running = true;
        entry.running_kind = job.kind;
        ++m_running;
        auto worker = std::make_unique<Worker>();
        Worker* raw = worker.get();
        // The source's last job has ended (it is not running) but its thread may not have been joined
        // yet, when the scheduling loop has not come round or was never started; it only has to return.
        if (auto old = m_workers.find(job.source); old != m_workers.end() && old->second->thread.joinable())
            old->second->thread.join();
        m_workers[job.source] = std::move(worker);
        raw->thread = std::thread([this, job, raw] {
            const Entry& e = m_sources[job.source];
            try {
                m_job(e.config, job.kind, m_cancel);
            } catch (const std::exception& ex) {
                spdlog::error("{} of {} failed: {}", to_string(job.kind), e.config.name, ex.what());
            }
            {
                std::lock_guard lock(m_mutex);
                m_sources[job.source].running = false;
                --m_running;
                raw->done = true;
            }
            m_changed.notify_all();
        });
    }
}

void Scheduler::loop() {
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        // Threads of finished jobs are joined here, outside their own thread.
        for (auto it = m_workers.begin(); it != m_workers.end();) {
            if (it->second->done) {
                m_finished.push_back(std::move(it->second));
                it = m_workers.erase(it);
            } else {
                ++it;
            }
        }
        for (auto& worker : m_finished) worker->thread.join();
        m_finished.clear();

        const auto now = m_clock();
        for (std::size_t i = 0; i < m_sources.size(); ++i) {
            Entry& entry = m_sources[i];
            if (now < entry.next_due) continue;
            entry.next_due = entry.schedule.next(now);
            bool pending = false;
            for (const auto& p : m_pending)
                pending = pending || (p.source == i && p.kind == JobKind::harvest);
            if ((entry.running && entry.running_kind == JobKind::harvest) || pending) {
                spdlog::warn("{}: the scheduled harvest is skipped, the source is still busy; next at its next "
                             "scheduled time",
                             entry.config.name);
                continue;
            }
            m_pending.push_back({i, JobKind::harvest});
        }
        start_pending();

        auto wake = now + std::chrono::seconds(1);
        for (const auto& entry : m_sources) wake = std::min(wake, entry.next_due);
        // Waits at most a second, so a clock that jumps is noticed soon.
        m_changed.wait_for(lock, std::max(std::chrono::milliseconds(1),
                                          std::chrono::duration_cast<std::chrono::milliseconds>(wake - m_clock())));
    }
}

}  // namespace ernte::harvester
