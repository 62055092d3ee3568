/// @file montecarlo.hpp
/// @brief The Monte Carlo engine: sample a ParameterSpace, run an OutcomeModel, summarise.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "innozone/common/parallel.hpp"
#include "innozone/outcomes/model.hpp"
#include "innozone/outcomes/sampling.hpp"

namespace innozone::outcomes {

struct MonteCarloOptions {
  std::size_t n_draws = 10000;
  std::uint64_t seed = 0;
  Sampler sampler = Sampler::kMonteCarlo;
  bool scramble = true;
  bool keep_inputs = true;
};

/// Allocator that default-initialises (leaves doubles unset) on resize: the engine writes
/// every slot, so large result buffers are first touched by the worker threads, not zeroed
/// by one thread beforehand.
template <class T>
struct UninitializedAllocator : std::allocator<T> {
  template <class U>
  struct rebind {
    using other = UninitializedAllocator<U>;
  };
  UninitializedAllocator() = default;
  template <class U>
  UninitializedAllocator(const UninitializedAllocator<U>& /*other*/) noexcept {}
  template <class U>
  void construct(U* place) noexcept(std::is_nothrow_default_constructible<U>::value) {
    ::new (static_cast<void*>(place)) U;
  }
  template <class U, class... Args>
  void construct(U* place, Args&&... args) {
    ::new (static_cast<void*>(place)) U(std::forward<Args>(args)...);
  }
};
using DrawBuffer = std::vector<double, UninitializedAllocator<double>>;

/// Draws of one run. Matrices are row-major: inputs n_draws x n_inputs (in the model's
/// input order), outputs n_draws x (n_indicators * n_years), indicator-major per row.
struct MonteCarloResult {
  std::vector<std::string> input_names;
  std::vector<std::string> indicator_names;
  std::vector<int> years;
  std::size_t n_draws = 0;
  DrawBuffer inputs;
  DrawBuffer outputs;
};

/// Map the model's inputs to the space's inputs by name. Throws NotFound for a model input
/// without a distribution and InvalidInput for a space input the model does not read.
std::vector<std::size_t> match_inputs(const OutcomeModel& model, const ParameterSpace& space);

/// Run the model on n_draws draws. Results are identical for any thread count.
MonteCarloResult run_monte_carlo(const OutcomeModel& model, const ParameterSpace& space,
                                 const MonteCarloOptions& options,
                                 const ParallelOptions& parallel = {});

/// Evaluate the model on explicit input rows (rows x n_inputs in the model's order).
std::vector<double> evaluate_rows(const OutcomeModel& model, const std::vector<double>& inputs,
                                  std::size_t rows, const ParallelOptions& parallel = {});

/// Column summaries of a row-major matrix (rows x cols): mean, sd and the requested
/// quantiles (linear interpolation, type 7), each column-major: quantiles[q * cols + c].
struct ColumnSummary {
  std::vector<double> mean;
  std::vector<double> sd;
  std::vector<double> quantiles;
};
ColumnSummary summarize_columns(const double* data, std::size_t rows, std::size_t cols,
                                const std::vector<double>& probabilities,
                                const ParallelOptions& parallel = {});

/// Share of rows whose column `col` reaches `target`: >= target when higher_is_better,
/// <= target otherwise.
double probability_reaching(const double* data, std::size_t rows, std::size_t cols,
                            std::size_t col, double target, bool higher_is_better);

}  // namespace innozone::outcomes
