/// @file montecarlo.hpp
/// @brief The Monte Carlo engine: sample a ParameterSpace, run an OutcomeModel and summarise
/// the outputs while simulating, in mergeable partial states.
///
/// Streaming: every block of kBlockRows draws is summarised as soon as it is evaluated (column
/// moments, a quantile sketch, min/max, target hits) and then discarded, so memory does not
/// grow with the number of draws. Storing the draws and the inputs is opt-in.
///
/// Mergeable: simulate_draws(start, end) summarises any range of whole blocks of a run into a
/// MonteCarloState; merge_states() combines states of disjoint ranges. The merged state, and
/// every number derived from it, is bit-identical to a single run over all draws whatever the
/// split and the merge order: histogram counts and target hits are integers, min/max are exact,
/// and the floating-point moments are combined over a binary tree fixed by the block indices.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <map>
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

/// A target on one output column (indicator-major: indicator * n_years + year index): reached
/// when the value is >= `value` (higher_is_better) or <= `value`.
struct TargetSpec {
  std::size_t column = 0;
  double value = 0.0;
  bool higher_is_better = true;
};

struct MonteCarloOptions {
  std::size_t n_draws = 10000;
  std::uint64_t seed = 0;
  Sampler sampler = Sampler::kMonteCarlo;
  bool scramble = true;
  /// Store the sampled inputs (n_draws x n_inputs).
  bool keep_inputs = false;
  /// Store the outputs (n_draws x n_outputs).
  bool keep_draws = false;
  /// Targets whose probability is counted while simulating.
  std::vector<TargetSpec> targets;
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

/// Mergeable quantile sketch of one column of doubles.
///
/// A log-linear histogram over the bit pattern of the values: the sign and exponent select a
/// page (one per binary order of magnitude), the next kMantissaBits bits of the mantissa a
/// bucket, so each bucket spans at most a 2^-kMantissaBits share of its values' magnitude. A
/// quantile is read from the buckets holding the order statistics it needs, each represented
/// by the midpoint of its bucket (clamped to the exact min and max); hence every estimated
/// order statistic lies within kRelativeError = 2^-(kMantissaBits + 1) (0.049 %) of the value's
/// magnitude, and a type-7 quantile (interpolated between order statistics k and k + 1) within
/// kRelativeError * max(|x_(k)|, |x_(k+1)|) of the exact one (for normal doubles; values closer
/// to 0 than 2^-1032 are represented by 0, other subnormals within 2^-1033). Counts are
/// integers (32 bits per bucket, with a carry for larger counts), so merging sketches is exact
/// and independent of the order. NaN values are counted apart; every quantile of a column with
/// a NaN is NaN.
class QuantileSketch {
 public:
  static constexpr int kMantissaBits = 10;
  static constexpr double kRelativeError = 1.0 / 2048.0;
  static constexpr std::size_t kBuckets = std::size_t{1} << kMantissaBits;  ///< per page
  static constexpr int kPageShift = 52;
  static constexpr int kBucketShift = 52 - kMantissaBits;

  /// Bits of x mapped to an unsigned integer that sorts like x (-inf < ... < -0 < +0 < ...).
  static std::uint64_t order_key(double x) noexcept {
    std::uint64_t b = 0;
    std::memcpy(&b, &x, sizeof b);
    // Negative: flip every bit (larger magnitude -> smaller key); positive: set the sign bit.
    const std::uint64_t negative = b >> 63;
    return b ^ ((std::uint64_t{0} - negative) | (std::uint64_t{1} << 63));
  }
  /// Inverse of order_key.
  static double from_order_key(std::uint64_t key) noexcept;

  QuantileSketch();

  void add(double x) {
    if (x != x) {
      ++nan_;
      return;
    }
    if (x < min_) min_ = x;
    if (x > max_) max_ = x;
    const std::uint64_t key = order_key(x);
    const auto page_key = static_cast<std::uint32_t>(key >> kPageShift);
    std::uint32_t page = page_of_.empty() ? 0u : page_of_[page_key];
    if (page == 0) page = new_page(page_key);
    bump((page - 1) * kBuckets + ((key >> kBucketShift) & (kBuckets - 1)));
  }
  /// Add n values (the same as add() on each, in a faster loop).
  void add(const double* values, std::size_t n);
  /// Add n non-NaN values given by their bucket keys, order_key(x) >> kBucketShift, and their
  /// range [low, high] (for loops that compute the keys while reading the values anyway).
  void add_bucket_keys(const std::uint32_t* keys, std::size_t n, double low, double high);
  void merge(const QuantileSketch& other);

  /// Values added, NaN excluded.
  [[nodiscard]] std::uint64_t count() const noexcept;
  [[nodiscard]] std::uint64_t nan_count() const noexcept { return nan_; }
  [[nodiscard]] double min() const noexcept { return min_; }
  [[nodiscard]] double max() const noexcept { return max_; }

  /// Where the order statistic of rank k (0-based, among non-NaN values) lies: the range of
  /// order keys of its bucket, the number of values below that bucket and in it.
  struct Location {
    std::uint64_t key_low = 0;
    std::uint64_t key_high = 0;  ///< inclusive
    std::uint64_t below = 0;
    std::uint64_t inside = 0;
  };
  [[nodiscard]] Location locate(std::uint64_t rank) const;
  /// Estimate of the order statistic of rank k (within kRelativeError of its magnitude).
  [[nodiscard]] double order_statistic(std::uint64_t rank) const;
  /// Type-7 quantile estimate (linear interpolation between order statistics); NaN when the
  /// column holds a NaN or no value.
  [[nodiscard]] double quantile(double probability) const;
  /// Several quantiles at once (one sweep over the buckets).
  [[nodiscard]] std::vector<double> quantiles(const std::vector<double>& probabilities) const;

  /// Number of allocated pages (memory: 4 KiB each).
  [[nodiscard]] std::size_t pages() const noexcept { return page_keys_.size(); }

  void write(std::string& out) const;
  static QuantileSketch read(const char*& cursor, const char* end);

  friend bool operator==(const QuantileSketch& a, const QuantileSketch& b);

 private:
  std::uint32_t new_page(std::uint32_t page_key);
  /// Representative value of the bucket holding order key `key`, clamped to [min, max].
  [[nodiscard]] double representative(std::uint64_t key) const noexcept;
  /// Allocated page numbers in increasing key order.
  [[nodiscard]] std::vector<std::uint32_t> sorted_pages() const;

  [[nodiscard]] std::uint32_t slot_of(std::uint32_t page_key) const noexcept {
    return page_of_.empty() ? 0u : page_of_[page_key];
  }
  /// Count of bucket i (of all slots): 32 bits in counts_, multiples of 2^32 in carry_.
  [[nodiscard]] std::uint64_t bucket(std::size_t i) const {
    std::uint64_t c = counts_[i];
    if (!carry_.empty()) {
      const auto it = carry_.find(i);
      if (it != carry_.end()) c += it->second;
    }
    return c;
  }
  void bump(std::size_t i) {
    if (++counts_[i] == 0) carry_[i] += std::uint64_t{1} << 32;
  }
  void add_count(std::size_t i, std::uint64_t c);

  std::vector<std::uint32_t> page_of_;    // empty, or 4096 entries: 0 = none, else 1 + page slot
  std::vector<std::uint32_t> page_keys_;  // page key (sign and exponent bits) of each slot
  std::vector<std::uint32_t> counts_;     // slots x kBuckets, low 32 bits (4 KiB pages: cache)
  std::map<std::size_t, std::uint64_t> carry_;  // bucket -> its count's multiples of 2^32
  std::uint64_t nan_ = 0;
  double min_;
  double max_;
};

/// Count, mean and sum of squared deviations of a set of values.
struct Moments {
  double count = 0.0;
  double mean = 0.0;
  double m2 = 0.0;
};
/// The moments of the union of two disjoint sets (Chan, Golub & LeVeque 1979).
Moments combine(const Moments& left, const Moments& right) noexcept;

/// Column moments of a set of blocks, combined over the binary tree whose leaves are the block
/// indices 0, 1, 2, ...: a node holds a complete aligned subtree and is combined with its
/// sibling as soon as both are present. The total is therefore the same for any order and
/// grouping in which blocks are added or trees merged.
class BlockMomentTree {
 public:
  BlockMomentTree() = default;
  explicit BlockMomentTree(std::size_t columns) : columns_(columns) {}
  /// Add the moments of one block (one entry per column). The block must not be present.
  void add(std::size_t block, std::vector<Moments> moments);
  void merge(const BlockMomentTree& other);
  /// Moments of all blocks present: the remaining nodes folded from left to right.
  [[nodiscard]] std::vector<Moments> total() const;
  [[nodiscard]] std::size_t nodes() const noexcept { return nodes_.size(); }
  [[nodiscard]] std::size_t columns() const noexcept { return columns_; }

  void write(std::string& out) const;
  static BlockMomentTree read(const char*& cursor, const char* end);

 private:
  void insert(int level, std::uint64_t index, std::vector<Moments> moments);
  std::size_t columns_ = 0;
  // key: (level, index) -> moments of blocks [index << level, (index + 1) << level)
  std::map<std::pair<int, std::uint64_t>, std::vector<Moments>> nodes_;
};

/// Summaries of a whole run, from a complete MonteCarloState.
struct MonteCarloSummary {
  std::size_t n_draws = 0;
  std::size_t n_columns = 0;
  std::vector<double> mean;                ///< per column
  std::vector<double> sd;                  ///< per column (n - 1 denominator)
  std::vector<double> min;                 ///< per column
  std::vector<double> max;                 ///< per column
  std::vector<std::uint64_t> nan_count;    ///< per column
  std::vector<double> probabilities;       ///< quantile levels
  std::vector<double> quantiles;           ///< probabilities.size() x n_columns, row-major
  std::vector<double> target_probability;  ///< per target: share of draws reaching it
  double relative_error = QuantileSketch::kRelativeError;  ///< bound of the quantile estimates
  bool exact = false;                                      ///< quantiles are exact order statistics
};

/// Identity of a run: a state can only be merged with states of the same run.
struct RunKey {
  std::uint64_t n_draws = 0;
  std::uint64_t seed = 0;
  std::uint32_t sampler = 0;
  bool scramble = true;
  std::uint64_t n_columns = 0;
  std::uint64_t fingerprint = 0;  ///< of the model's names and years and the parameter space
  friend bool operator==(const RunKey& a, const RunKey& b) {
    return a.n_draws == b.n_draws && a.seed == b.seed && a.sampler == b.sampler &&
           a.scramble == b.scramble && a.n_columns == b.n_columns && a.fingerprint == b.fingerprint;
  }
};

/// The streaming summary of some blocks of one run (a partial state) or of all of them (a
/// complete state). Copyable and serialisable (serialize / deserialize), so partial states
/// can be computed in other processes or machines and merged.
class MonteCarloState {
 public:
  MonteCarloState() = default;
  MonteCarloState(RunKey key, std::vector<TargetSpec> targets);

  [[nodiscard]] const RunKey& key() const noexcept { return key_; }
  [[nodiscard]] const std::vector<TargetSpec>& targets() const noexcept { return targets_; }
  [[nodiscard]] std::size_t n_blocks() const noexcept;
  /// Half-open block ranges present, sorted and coalesced.
  [[nodiscard]] const std::vector<std::pair<std::size_t, std::size_t>>& blocks() const noexcept {
    return blocks_;
  }
  /// Number of draws summarised.
  [[nodiscard]] std::size_t draws() const noexcept;
  [[nodiscard]] bool complete() const noexcept;
  [[nodiscard]] const std::vector<QuantileSketch>& sketches() const noexcept { return sketches_; }
  [[nodiscard]] const std::vector<std::uint64_t>& hits() const noexcept { return hits_; }
  [[nodiscard]] const BlockMomentTree& moments() const noexcept { return moments_; }

  /// Merge a state of the same run covering other blocks. Throws InvalidInput when the runs
  /// differ (seed, draws, sampler, model or parameters) or the block ranges overlap.
  void merge(const MonteCarloState& other);
  /// Summaries with sketch quantiles at `probabilities`; throws InvalidInput unless complete.
  [[nodiscard]] MonteCarloSummary summary(const std::vector<double>& probabilities) const;

  [[nodiscard]] std::string serialize() const;
  static MonteCarloState deserialize(const std::string& bytes);

  // Used by the engine.
  void add_blocks(std::size_t first, std::size_t last);
  void absorb(const std::vector<QuantileSketch>& sketches, const std::vector<std::uint64_t>& hits);
  BlockMomentTree& moment_tree() noexcept { return moments_; }

 private:
  RunKey key_;
  std::vector<TargetSpec> targets_;
  std::vector<std::pair<std::size_t, std::size_t>> blocks_;
  BlockMomentTree moments_;
  std::vector<QuantileSketch> sketches_;
  std::vector<std::uint64_t> hits_;
};

/// Merge states of disjoint block ranges of one run (order does not matter).
MonteCarloState merge_states(const std::vector<MonteCarloState>& states);

/// Draws of one run. Matrices are row-major: inputs n_draws x n_inputs (in the model's input
/// order), outputs n_draws x (n_indicators * n_years), indicator-major per row. `inputs` and
/// `outputs` are empty unless kept.
struct MonteCarloResult {
  std::vector<std::string> input_names;
  std::vector<std::string> indicator_names;
  std::vector<int> years;
  std::size_t n_draws = 0;
  MonteCarloState state;
  DrawBuffer inputs;
  DrawBuffer outputs;
};

/// Map the model's inputs to the space's inputs by name. Throws NotFound for a model input
/// without a distribution and InvalidInput for a space input the model does not read.
std::vector<std::size_t> match_inputs(const OutcomeModel& model, const ParameterSpace& space);

/// The identity of a run of `model` on `space` with `options`.
RunKey run_key(const OutcomeModel& model, const ParameterSpace& space,
               const MonteCarloOptions& options);

/// Run the model on n_draws draws, summarising while simulating. Results are identical for any
/// thread count.
MonteCarloResult run_monte_carlo(const OutcomeModel& model, const ParameterSpace& space,
                                 const MonteCarloOptions& options,
                                 const ParallelOptions& parallel = {});

/// Simulate draws [start, end) of the run `options` describes and return their partial state.
/// start must be a multiple of kBlockRows and end one too or n_draws (whole blocks), so any
/// split of [0, n_draws) merges into the state of a single run. keep_draws/keep_inputs are
/// ignored.
MonteCarloState simulate_draws(const OutcomeModel& model, const ParameterSpace& space,
                               const MonteCarloOptions& options, std::size_t start, std::size_t end,
                               const ParallelOptions& parallel = {});

/// Draws [start, end) of the run `options` describes (whole blocks, as simulate_draws): their
/// partial state and, when options.keep_inputs / keep_draws, their inputs and outputs
/// ((end - start) rows; n_draws of the result is end - start). Concatenating the rows of a
/// split of [0, n_draws) in order gives run_monte_carlo's stored draws bit for bit.
MonteCarloResult simulate_range(const OutcomeModel& model, const ParameterSpace& space,
                                const MonteCarloOptions& options, std::size_t start,
                                std::size_t end, const ParallelOptions& parallel = {});

/// Exact type-7 quantiles of every column at `probabilities` (probabilities.size() x columns,
/// row-major), found by regenerating the draws of the run of the complete `state` (the same
/// block-seeded numbers): each pass keeps only the values in the sketch buckets that hold the
/// needed order statistics, or counts them in finer sub-buckets when a bucket holds too many,
/// so memory stays small; most columns need one extra pass, heavy ties or very large runs two.
std::vector<double> exact_quantiles(const OutcomeModel& model, const ParameterSpace& space,
                                    const MonteCarloState& state,
                                    const std::vector<double>& probabilities,
                                    const ParallelOptions& parallel = {});

/// Evaluate the model on explicit input rows (rows x n_inputs in the model's order).
std::vector<double> evaluate_rows(const OutcomeModel& model, const std::vector<double>& inputs,
                                  std::size_t rows, const ParallelOptions& parallel = {});

/// Exact column summaries of a row-major matrix (rows x cols): mean, sd and the requested
/// quantiles (linear interpolation, type 7), quantiles[q * cols + c].
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
double probability_reaching(const double* data, std::size_t rows, std::size_t cols, std::size_t col,
                            double target, bool higher_is_better);

}  // namespace innozone::outcomes
