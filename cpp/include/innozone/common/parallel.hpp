/// @file parallel.hpp
/// @brief A deterministic parallel loop with progress reporting and cancellation.
///
/// `parallel_for` runs `body(task)` for task = 0 .. n_tasks-1 on `n_threads` worker
/// threads. Results must be written to task-indexed slots, so the outcome does not
/// depend on the number of threads. The calling thread does not run tasks: it waits
/// and calls `progress(done, total)` about every `progress_interval_ms`; when progress
/// returns false the loop stops and Cancelled is thrown. This lets the Python bindings
/// hold the GIL only inside the callback (for a tqdm bar and Ctrl-C checks) while the
/// workers run without it.
///
/// The workers come from one persistent pool per process: threads are started on first
/// demand and reused by later loops (no thread creation per call). A loop asking for k
/// threads gets k workers at once (the pool grows when fewer are idle), so concurrent and
/// nested loops neither wait for each other nor deadlock.
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
