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
/// O(1) time and memory: a Feistel network on pairs (L, R) in Z_a x Z_b, a = ceil(sqrt(n)),
/// b = ceil(n / a), element x = L b + R. Each round maps (L, R) to (R, (L + F(R)) mod a) (the
/// radices swap every round; after an even number they are back) with a keyed multiply-shift
/// round function F (keys and odd multipliers drawn from a Philox stream), as in the
/// format-preserving Feistel ciphers on numeral strings. Since a b - n < a, an image at or
/// above n is rare (probability below 1/b, about 1/sqrt(n)); it is sent through the network
/// again (cycle walking) until it falls below n.
class KeyedPermutation {
 public:
  static constexpr int kRounds = 4;
  KeyedPermutation() = default;
  /// The permutation of {0, ..., n - 1} fixed by (seed, stream); 1 <= n <= 2^53.
  KeyedPermutation(std::uint64_t n, std::uint64_t seed, std::uint64_t stream);
  /// The image of i (i < n).
  [[nodiscard]] std::uint64_t operator()(std::uint64_t i) const noexcept {
    return of_pair(i / b_, i % b_);
  }
  /// The image of the element with digits (high, low) = (i / radix_low(), i % radix_low()):
  /// lets a caller walking through consecutive elements avoid a division per element.
  [[nodiscard]] std::uint64_t of_pair(std::uint64_t high, std::uint64_t low) const noexcept {
    for (;;) {
      for (int round = 0; round < kRounds; round += 2) {
        std::uint64_t t = low;
        low =
            add_mod(high, round_value(t, round, a_), a_);  // (high, low) in Z_a x Z_b -> Z_b x Z_a
        high = t;
        t = low;
        low = add_mod(high, round_value(t, round + 1, b_), b_);  // and back
        high = t;
      }
      const std::uint64_t x = high * b_ + low;
      if (x < n_) return x;
    }
  }
  [[nodiscard]] std::uint64_t size() const noexcept { return n_; }
  [[nodiscard]] std::uint64_t radix_low() const noexcept { return b_; }

 private:
  /// F(value) reduced to [0, radix): a multiply-shift hash mapped by its high 32 bits.
  [[nodiscard]] std::uint64_t round_value(std::uint64_t value, int round,
                                          std::uint64_t radix) const noexcept {
    const auto r = static_cast<std::size_t>(round);
    const std::uint64_t hash = ((value + keys_[r]) * multipliers_[r]) >> 32;
    return (hash * radix) >> 32;
  }
  static std::uint64_t add_mod(std::uint64_t x, std::uint64_t y, std::uint64_t radix) noexcept {
    const std::uint64_t sum = x + y;
    return sum >= radix ? sum - radix : sum;
  }

  std::uint64_t n_ = 1;
  std::uint64_t a_ = 1;  // radix of the high digit
  std::uint64_t b_ = 1;  // radix of the low digit
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
  std::vector<KeyedPermutation> strata_;  // LHS: one permutation of the strata per dimension
  std::vector<std::uint32_t> shift_;      // Sobol' digital shift
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
