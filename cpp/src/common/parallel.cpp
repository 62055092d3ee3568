#include "innozone/common/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <new>
#include <thread>
#include <utility>

#if defined(__unix__) || defined(__APPLE__)
#include <pthread.h>
#define INNOZONE_HAVE_ATFORK 1
#endif

#include "innozone/common/error.hpp"

namespace innozone {

int resolve_threads(int requested, std::size_t n_tasks) noexcept {
  // hardware_concurrency() reads /sys on Linux (microseconds): ask once.
  static const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  int threads = requested;
  if (threads <= 0) {
    threads = cores;
  }
  if (n_tasks < static_cast<std::size_t>(threads)) {
    threads = static_cast<int>(std::max<std::size_t>(1, n_tasks));
  }
  return threads;
}

namespace {

/// How long a worker watches for more work after a loop before it sleeps.
constexpr int kSpinMicroseconds = 200;

/// One parallel_for call. Worker slots pull task indices from `next` until the tasks run
/// out or `stop` is set. The job lives in a shared_ptr so a slot that wakes up late can
/// still read it after the caller has returned (it then finds nothing to do).
class Job {
 public:
  Job(std::size_t n_tasks, const std::function<void(std::size_t)>& body)
      : n_tasks_(n_tasks), body_(&body) {}

  /// Claim and run one task; false when none is left or the loop stopped.
  bool run_one() noexcept {
    if (stop_.load(std::memory_order_relaxed)) {
      return false;
    }
    const std::size_t task = next_.fetch_add(1);
    if (task >= n_tasks_) {
      return false;
    }
    try {
      (*body_)(task);
    } catch (...) {
      const std::lock_guard<std::mutex> lock(mutex_);
      if (!error_) {
        error_ = std::current_exception();
      }
      stop_.store(true);
      changed_.notify_all();
    }
    if (done_.fetch_add(1) + 1 == n_tasks_) {
      const std::lock_guard<std::mutex> lock(mutex_);
      changed_.notify_all();
    }
    return true;
  }

  /// Run tasks on a worker until none are left or the loop stops.
  void run_slot() noexcept {
    while (run_one()) {
    }
  }

  /// Called by the worker once it is back in the pool's idle count.
  void slot_exited() noexcept {
    const std::lock_guard<std::mutex> lock(mutex_);
    ++exited_;
    changed_.notify_all();
  }

  [[nodiscard]] bool finished() const noexcept { return stop_.load() || done_.load() >= n_tasks_; }

  std::size_t n_tasks_;
  const std::function<void(std::size_t)>* body_;
  std::atomic<std::size_t> next_{0};
  std::atomic<std::size_t> done_{0};
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  std::condition_variable changed_;
  int exited_ = 0;  ///< slots that have finished (guarded by mutex_)
  int taken_ = 0;   ///< slots a worker has started (guarded by the pool's mutex)
  std::exception_ptr error_;
};

/// The process-wide pool of worker threads behind parallel_for.
///
/// Workers are created on demand and then kept: every submitted slot finds an idle worker
/// at once (the pool grows when fewer are idle), so a loop never waits for another loop's
/// tasks, nested or concurrent loops cannot deadlock, and a loop asking for k threads gets
/// k threads, as it did when each call started its own. Workers are detached and the pool
/// is never destroyed, so no worker can outlive the object it waits on at process exit; a
/// fork() child starts with an empty pool (its parent's workers do not exist there).
class Pool {
 public:
  Pool() {
#ifdef INNOZONE_HAVE_ATFORK
    pthread_atfork([] { instance().mutex_.lock(); }, [] { instance().mutex_.unlock(); },
                   [] { instance().reset_after_fork(); });
#endif
  }
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;
  ~Pool() = default;

  static Pool& instance() {
    // Intentionally immortal (see the class comment).
    static Pool* const pool = std::make_unique<Pool>().release();
    return *pool;
  }

  /// Queue `slots` worker slots of `job`, starting workers so that each has one.
  void submit(const std::shared_ptr<Job>& job, int slots) {
    const std::lock_guard<std::mutex> lock(mutex_);
    const int needed = unclaimed_ + slots - idle_ - starting_;
    for (int i = 0; i < needed; ++i) {
      std::thread(&Pool::worker, this).detach();
      ++starting_;
    }
    queue_.emplace_back(job, slots);
    unclaimed_ += slots;
    pending_.store(unclaimed_, std::memory_order_release);
    for (int i = 0; i < slots; ++i) {
      wake_.notify_one();
    }
  }

  /// Remove the slots of `job` that no worker has started; returns how many were started.
  int withdraw(const Job* job) {
    const std::lock_guard<std::mutex> lock(mutex_);
    for (auto it = queue_.begin(); it != queue_.end();) {
      if (it->first.get() == job) {
        unclaimed_ -= it->second;
        pending_.store(unclaimed_, std::memory_order_release);
        it = queue_.erase(it);
      } else {
        ++it;
      }
    }
    return job->taken_;
  }

  /// Worker threads started in this process (running or still starting up).
  int size() {
    const std::lock_guard<std::mutex> lock(mutex_);
    return workers_ + starting_;
  }

 private:
  void worker() {
    std::unique_lock<std::mutex> lock(mutex_);
    --starting_;
    ++workers_;
    std::shared_ptr<Job> job;
    for (;;) {
      ++idle_;
      if (job) {
        // Report the slot finished only now that this worker counts as idle again, so the
        // caller's next loop finds it available instead of starting another thread.
        job->slot_exited();
        job.reset();
        // Batched work often comes in back-to-back loops: watch the queue for a short while
        // before sleeping, so the next loop's slot starts without a wake-up through the
        // scheduler (what OpenMP runtimes and OpenBLAS do too).
        if (queue_.empty()) {
          lock.unlock();
          spin_for_work();
          lock.lock();
        }
      }
      wake_.wait(lock, [this] { return !queue_.empty(); });
      --idle_;
      job = queue_.front().first;
      if (--queue_.front().second == 0) {
        queue_.pop_front();
      }
      --unclaimed_;
      pending_.store(unclaimed_, std::memory_order_release);
      ++job->taken_;
      lock.unlock();
      job->run_slot();
      lock.lock();
    }
  }

  /// Watch `pending_` for up to kSpinMicroseconds (yielding the CPU between checks).
  void spin_for_work() const noexcept {
    const auto until =
        std::chrono::steady_clock::now() + std::chrono::microseconds(kSpinMicroseconds);
    for (int round = 1;; ++round) {
      if (pending_.load(std::memory_order_acquire) > 0) return;
      if (round % 16 == 0) {
        if (std::chrono::steady_clock::now() >= until) return;
        std::this_thread::yield();
      }
    }
  }

  void reset_after_fork() {
    // Only the forking thread exists in the child; the parent's workers and queued slots
    // belong to threads that are not there.
    queue_.clear();
    idle_ = 0;
    starting_ = 0;
    unclaimed_ = 0;
    pending_.store(0);
    workers_ = 0;
    // The condition variable's state still counts the parent's sleeping workers as
    // waiters: signalling it would wait for them forever. Start it afresh (not destroyed
    // first: destroying a condition variable with waiters blocks too).
    new (&wake_) std::condition_variable();
    mutex_.unlock();
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::pair<std::shared_ptr<Job>, int>> queue_;  ///< job and its slots not yet started
  int idle_ = 0;                                            ///< workers waiting for a slot
  int starting_ = 0;             ///< workers created that have not yet reached the queue
  int unclaimed_ = 0;            ///< queued slots
  std::atomic<int> pending_{0};  ///< a copy of unclaimed_ that spinning workers can read
  int workers_ = 0;              ///< workers started in this process
};

}  // namespace

int pool_threads() { return Pool::instance().size(); }

void parallel_for(std::size_t n_tasks, const std::function<void(std::size_t)>& body,
                  const ParallelOptions& options) {
  if (n_tasks == 0) {
    return;
  }
  const int n_threads = resolve_threads(options.n_threads, n_tasks);
  Pool& pool = Pool::instance();
  const auto job = std::make_shared<Job>(n_tasks, body);
  // The calling thread is one of the n_threads: it runs tasks itself, helped by n_threads - 1
  // workers of the pool (none for one thread: no hand-over at all).
  if (n_threads > 1) {
    pool.submit(job, n_threads - 1);
  }

  bool cancelled = false;
  std::exception_ptr callback_error;
  try {
    using Clock = std::chrono::steady_clock;
    const auto interval = std::chrono::milliseconds(std::max(1, options.progress_interval_ms));
    auto next_report = Clock::now() + interval;
    while (job->run_one()) {
      if (options.progress && Clock::now() >= next_report) {
        // The callback may throw (a Python exception): the loop then stops below.
        if (!options.progress(job->done_.load(), n_tasks)) {
          cancelled = true;
          job->stop_.store(true);
        }
        next_report = Clock::now() + interval;
      }
    }
    // No task left to claim: wait for the helpers' last tasks, reporting as before.
    std::unique_lock<std::mutex> lock(job->mutex_);
    while (!job->finished()) {
      job->changed_.wait_for(lock, interval, [&job] { return job->finished(); });
      if (options.progress && !job->stop_.load()) {
        lock.unlock();
        // The callback may throw (a Python exception): the loop then stops below.
        const bool keep_going = options.progress(job->done_.load(), n_tasks);
        lock.lock();
        if (!keep_going) {
          cancelled = true;
          job->stop_.store(true);
        }
      }
    }
  } catch (...) {
    callback_error = std::current_exception();
    job->stop_.store(true);
  }
  // No slot may run `body` after this call returns: withdraw the slots nobody started and
  // wait for the started ones to leave.
  const int taken = pool.withdraw(job.get());
  {
    std::unique_lock<std::mutex> lock(job->mutex_);
    job->changed_.wait(lock, [&job, taken] { return job->exited_ >= taken; });
  }
  if (callback_error) {
    std::rethrow_exception(callback_error);
  }
  if (job->error_) {
    std::rethrow_exception(job->error_);
  }
  if (cancelled) {
    throw Cancelled();
  }
  if (options.progress) {
    options.progress(n_tasks, n_tasks);
  }
}

}  // namespace innozone
