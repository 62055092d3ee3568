/// @file parallel.hpp
/// @brief A deterministic parallel loop with progress reporting and cancellation.
///
/// `parallel_for` runs `body(task)` for task = 0 .. n_tasks-1 on `n_threads` threads.
/// Results must be written to task-indexed slots, so the outcome does not depend on the
/// number of threads. The calling thread is one of them: it runs tasks too, and between
/// its tasks (and while it waits for the last ones) it calls `progress(done, total)` about
/// every `progress_interval_ms`; when progress returns false the loop stops and Cancelled
/// is thrown. The Python bindings release the GIL around the loop and take it only inside
/// the callback (a tqdm bar and the Ctrl-C check), so tasks should be short (milliseconds)
/// for the bar and Ctrl-C to stay responsive.
///
/// The other n_threads - 1 threads come from one persistent pool per process: workers are
/// started on first demand and reused by later loops (no thread creation per call; one
/// thread means no hand-over at all). A loop gets its workers at once (the pool grows when
/// fewer are idle), so concurrent and nested loops neither wait for each other nor deadlock.
#pragma once

#include <cstddef>
#include <functional>

namespace innozone {

/// Called from the calling thread with (tasks done, tasks total); return false to cancel.
using ProgressFn = std::function<bool(std::size_t, std::size_t)>;

struct ParallelOptions {
  /// Worker threads; 0 means std::thread::hardware_concurrency().
  int n_threads = 0;
  /// Optional progress callback (may be empty).
  ProgressFn progress;
  /// How often the progress callback runs while workers are busy.
  int progress_interval_ms = 100;
};

/// Number of worker threads `options` resolves to for `n_tasks` tasks (at least 1).
int resolve_threads(int requested, std::size_t n_tasks) noexcept;

/// Run body(task) for every task. The first exception thrown by a task stops the
/// loop and is rethrown here; a false return from progress throws Cancelled.
void parallel_for(std::size_t n_tasks, const std::function<void(std::size_t)>& body,
                  const ParallelOptions& options = {});

/// Worker threads the pool has started in this process (diagnostics and tests).
int pool_threads();

}  // namespace innozone
