/// @file sampling.hpp
/// @brief Uniform designs (plain Monte Carlo, Latin hypercube, Sobol'), the Gaussian copula
/// and the parameter space that maps named inputs to distributions.
///
/// A design fills rows of uniform numbers in (0, 1); row r depends only on (seed, r), never
/// on how rows are split over threads or machines: plain Monte Carlo uses one Philox stream
/// per block of kBlockRows rows, Latin hypercube maps row r to its stratum in each dimension
/// through a keyed permutation evaluated per row (no table), and Sobol' points are computed
/// from their index (with a random digital shift drawn from the seed when scrambled).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "innozone/outcomes/distributions.hpp"

namespace innozone::outcomes {

enum class Sampler { kMonteCarlo, kLatinHypercube, kSobol };

/// Parse "mc" / "random", "lhs" / "latin_hypercube", "sobol"; InvalidInput otherwise.
Sampler parse_sampler(const std::string& name);

/// Rows per random-number block; fixed so results do not depend on the thread count.
constexpr std::size_t kBlockRows = 1024;

/// Sobol' sequence in up to max_dimensions() dimensions with the direction numbers of
/// Joe & Kuo (2008), "Constructing Sobol sequences with better two-dimensional
/// projections", SIAM J. Sci. Comput. 30:2635-2654, file new-joe-kuo-6.21201.
/// Points are 32-bit; point(i) is the i-th point in Gray-code order (Antonov-Saleev).
class SobolSequence {
 public:
  explicit SobolSequence(int dimensions);
  static int max_dimensions() noexcept;
  [[nodiscard]] int dimensions() const noexcept { return dims_; }
  /// The integer coordinates of point `index` (out has dimensions() entries).
  void point(std::uint64_t index, std::uint32_t* out) const noexcept;
  /// Rows [start, start + count) as doubles (x + 0.5) / 2^32, XOR-shifted by `shift`
  /// (one 32-bit shift per dimension, or empty for no shift), row-major into out.
  void fill(std::uint64_t start, std::size_t count, const std::vector<std::uint32_t>& shift,
            double* out) const;

 private:
  int dims_;
  std::vector<std::uint32_t> directions_;  // dims_ x 32
};

/// A keyed pseudo-random permutation of {0, ..., n - 1}, evaluated element by element in
/// O(1) time and memory: a Feistel network over the smallest power of two 2^k >= max(n, 4)
/// (unbalanced halves of floor(k/2) and ceil(k/2) bits that swap every round; the round
/// function is a keyed multiply-shift hash, ((right + key) * odd multiplier) >> (64 - bits),
/// with keys and multipliers drawn from a Philox stream), restricted to {0, ..., n - 1} by
/// cycle walking: the network is applied again until the value falls below n (fewer than two
/// applications on average for n > 2, since 2^k < 2n).
class KeyedPermutation {
 public:
  static constexpr int kRounds = 4;
  KeyedPermutation() = default;
  /// The permutation of {0, ..., n - 1} fixed by (seed, stream); n >= 1.
  KeyedPermutation(std::uint64_t n, std::uint64_t seed, std::uint64_t stream);
  /// The image of i (i < n).
  [[nodiscard]] std::uint64_t operator()(std::uint64_t i) const noexcept {
    if (n_ == 1) return 0;
    std::uint64_t x = i;
    do {
      x = network(x);
    } while (x >= n_);
    return x;
  }
  [[nodiscard]] std::uint64_t size() const noexcept { return n_; }

 private:
  [[nodiscard]] std::uint64_t network(std::uint64_t x) const noexcept {
    // (left, right) -> (right, left ^ F(right)): the halves swap places and widths each round.
    for (int round = 0; round < kRounds; round += 2) {
      x = half_round(x, left_bits_, right_bits_, round);
      x = half_round(x, right_bits_, left_bits_, round + 1);
    }
    return x;
  }
  [[nodiscard]] std::uint64_t half_round(std::uint64_t x, int a, int b, int round) const noexcept {
    const auto r = static_cast<std::size_t>(round);
    const std::uint64_t left = x >> b;
    const std::uint64_t right = x & ((std::uint64_t{1} << b) - 1);
    const std::uint64_t f = ((right + keys_[r]) * multipliers_[r]) >> (64 - a);
    return (right << a) | (left ^ f);
  }

  std::uint64_t n_ = 1;
  int left_bits_ = 1;
  int right_bits_ = 1;
  std::array<std::uint64_t, kRounds> keys_{};
  std::array<std::uint64_t, kRounds> multipliers_{};
};

/// A design of `rows` x `dims` uniform numbers.
class UniformDesign {
 public:
  UniformDesign(Sampler sampler, std::size_t rows, std::size_t dims, std::uint64_t seed,
                bool scramble = true);
  /// Fill rows [start, start + count) row-major into out (count x dims). Thread-safe.
  void fill(std::size_t start, std::size_t count, double* out) const;
  [[nodiscard]] std::size_t rows() const noexcept { return rows_; }
  [[nodiscard]] std::size_t dims() const noexcept { return dims_; }
  [[nodiscard]] Sampler sampler() const noexcept { return sampler_; }

 private:
  Sampler sampler_;
  std::size_t rows_;
  std::size_t dims_;
  std::uint64_t seed_;
  std::vector<KeyedPermutation> strata_;    // LHS: one permutation of the strata per dimension
  std::vector<std::uint32_t> shift_;        // Sobol' digital shift
  std::vector<SobolSequence> sobol_;
};

/// Gaussian copula with a validated correlation matrix (of the latent normal scores).
class GaussianCopula {
 public:
  /// `correlation` is n x n row-major; `names` label rows in error messages.
  /// Throws InvalidInput when it is not symmetric, has a diagonal other than 1, an entry
  /// outside [-1, 1], or is not positive semi-definite (the message gives the smallest
  /// eigenvalue).
  GaussianCopula(std::vector<double> correlation, std::vector<std::string> names);
  [[nodiscard]] std::size_t size() const noexcept { return n_; }
  /// Transform one row of n independent uniforms in place into correlated uniforms.
  void apply(double* u) const;
  [[nodiscard]] const std::vector<double>& correlation() const noexcept { return correlation_; }
  /// True when any off-diagonal entry is non-zero.
  [[nodiscard]] bool has_correlation() const noexcept { return correlated_; }

 private:
  std::size_t n_ = 0;
  std::vector<double> correlation_;
  std::vector<double> factor_;  // n x n lower factor L with L L^T = R
  bool correlated_ = false;
};

/// Named uncertain inputs with their distributions and an optional copula.
class ParameterSpace {
 public:
  ParameterSpace() = default;
  void add(const std::string& name, Distribution distribution);
  /// Correlation of the listed inputs' normal scores (n x n row-major over `names`).
  void set_correlation(const std::vector<std::string>& names, const std::vector<double>& matrix);
  [[nodiscard]] std::size_t size() const noexcept { return names_.size(); }
  [[nodiscard]] const std::vector<std::string>& names() const noexcept { return names_; }
  [[nodiscard]] const std::vector<Distribution>& distributions() const noexcept { return dists_; }
  [[nodiscard]] std::size_t index(const std::string& name) const;
  [[nodiscard]] bool correlated() const noexcept;
  /// Names of the correlated pairs, "a~b (0.5)", for messages.
  [[nodiscard]] std::string correlated_pairs() const;
  /// Map one row of independent uniforms (size()) to values in place: copula, then quantiles.
  void transform(double* row) const;
  /// Apply only the copula to one row of independent uniforms (no-op without correlations).
  void correlate(double* row) const;
  /// Value of each input at probability u (others unaffected): quantile(u).
  [[nodiscard]] double quantile(std::size_t i, double u) const { return dists_.at(i).quantile(u); }

 private:
  std::vector<std::string> names_;
  std::vector<Distribution> dists_;
  std::vector<std::size_t> copula_index_;  // which inputs the copula covers
  std::vector<GaussianCopula> copula_;     // zero or one element
};

}  // namespace innozone::outcomes
