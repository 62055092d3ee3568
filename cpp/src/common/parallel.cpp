#include "innozone/common/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "innozone/common/error.hpp"

namespace innozone {

int resolve_threads(int requested, std::size_t n_tasks) noexcept {
  int threads = requested;
  if (threads <= 0) {
    threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  }
  if (n_tasks < static_cast<std::size_t>(threads)) {
    threads = static_cast<int>(std::max<std::size_t>(1, n_tasks));
  }
  return threads;
}

namespace {

/// Shared state of one parallel_for call. Workers pull task indices from `next`.
struct LoopState {
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> done{0};
  std::atomic<bool> stop{false};
  std::mutex mutex;
  std::condition_variable finished;
  int running = 0;
  std::exception_ptr error;
};

/// Joins the workers when it goes out of scope, even when the caller unwinds.
class WorkerGroup {
 public:
  explicit WorkerGroup(LoopState& state) : state_(state) {}
  WorkerGroup(const WorkerGroup&) = delete;
  WorkerGroup& operator=(const WorkerGroup&) = delete;
  ~WorkerGroup() {
    state_.stop.store(true);
    for (auto& worker : workers_) {
      if (worker.joinable()) {
        worker.join();
      }
    }
  }
  void add(std::thread worker) { workers_.push_back(std::move(worker)); }

 private:
  LoopState& state_;
  std::vector<std::thread> workers_;
};

}  // namespace

void parallel_for(std::size_t n_tasks, const std::function<void(std::size_t)>& body,
                  const ParallelOptions& options) {
  if (n_tasks == 0) {
    return;
  }
  const int n_threads = resolve_threads(options.n_threads, n_tasks);
  LoopState state;
  state.running = n_threads;

  auto work = [&state, &body, n_tasks]() {
    while (!state.stop.load(std::memory_order_relaxed)) {
      const std::size_t task = state.next.fetch_add(1);
      if (task >= n_tasks) {
        break;
      }
      try {
        body(task);
      } catch (...) {
        const std::lock_guard<std::mutex> lock(state.mutex);
        if (!state.error) {
          state.error = std::current_exception();
        }
        state.stop.store(true);
      }
      state.done.fetch_add(1, std::memory_order_relaxed);
    }
    const std::lock_guard<std::mutex> lock(state.mutex);
    --state.running;
    state.finished.notify_all();
  };

  bool cancelled = false;
  {
    WorkerGroup group(state);
    for (int i = 0; i < n_threads; ++i) {
      group.add(std::thread(work));
    }
    const auto interval = std::chrono::milliseconds(std::max(1, options.progress_interval_ms));
    std::unique_lock<std::mutex> lock(state.mutex);
    while (state.running > 0) {
      state.finished.wait_for(lock, interval, [&state] { return state.running == 0; });
      if (options.progress && !state.stop.load()) {
        lock.unlock();
        // The callback may throw (a Python exception); WorkerGroup then stops and joins.
        const bool keep_going = options.progress(state.done.load(), n_tasks);
        lock.lock();
        if (!keep_going) {
          cancelled = true;
          state.stop.store(true);
        }
      }
    }
  }
  if (state.error) {
    std::rethrow_exception(state.error);
  }
  if (cancelled) {
    throw Cancelled();
  }
  if (options.progress) {
    options.progress(n_tasks, n_tasks);
  }
}

}  // namespace innozone
