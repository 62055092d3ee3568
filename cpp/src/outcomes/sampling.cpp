#include "innozone/outcomes/sampling.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <array>
#include <cmath>
#include <sstream>

#include "innozone/common/error.hpp"
#include "innozone/common/math.hpp"
#include "innozone/common/random.hpp"

namespace innozone::outcomes {
namespace {

struct DirectionEntry {
  int degree;
  int coefficients;
  std::vector<std::uint32_t> initial;
};

// Primitive polynomial degree s, coefficient code a and initial direction numbers m_1..m_s
// for dimensions 2..64 of Joe & Kuo's table new-joe-kuo-6.21201 (dimension 1 is the
// van der Corput sequence). Values transcribed from the published table.
const std::vector<DirectionEntry>& joe_kuo_table() {
  static const std::vector<DirectionEntry> table = {
      {1, 0, {1}},
      {2, 1, {1, 3}},
      {3, 1, {1, 3, 1}},
      {3, 2, {1, 1, 1}},
      {4, 1, {1, 1, 3, 3}},
      {4, 4, {1, 3, 5, 13}},
      {5, 2, {1, 1, 5, 5, 17}},
      {5, 4, {1, 1, 5, 5, 5}},
      {5, 7, {1, 1, 7, 11, 19}},
      {5, 11, {1, 1, 5, 1, 1}},
      {5, 13, {1, 1, 1, 3, 11}},
      {5, 14, {1, 3, 5, 5, 31}},
      {6, 1, {1, 3, 3, 9, 7, 49}},
      {6, 13, {1, 1, 1, 15, 21, 21}},
      {6, 16, {1, 3, 1, 13, 27, 49}},
      {6, 19, {1, 1, 1, 15, 7, 5}},
      {6, 22, {1, 3, 1, 15, 13, 25}},
      {6, 25, {1, 1, 5, 5, 19, 61}},
      {7, 1, {1, 3, 7, 11, 23, 15, 103}},
      {7, 4, {1, 3, 7, 13, 13, 15, 69}},
      {7, 7, {1, 1, 3, 13, 7, 35, 63}},
      {7, 8, {1, 3, 5, 9, 1, 25, 53}},
      {7, 14, {1, 3, 1, 13, 9, 35, 107}},
      {7, 19, {1, 3, 1, 5, 27, 61, 31}},
      {7, 21, {1, 1, 5, 11, 19, 41, 61}},
      {7, 28, {1, 3, 5, 3, 3, 13, 69}},
      {7, 31, {1, 1, 7, 13, 1, 19, 1}},
      {7, 32, {1, 3, 7, 5, 13, 19, 59}},
      {7, 37, {1, 1, 3, 9, 25, 29, 41}},
      {7, 41, {1, 3, 5, 13, 23, 1, 55}},
      {7, 42, {1, 3, 7, 3, 13, 59, 17}},
      {7, 50, {1, 3, 1, 3, 5, 53, 69}},
      {7, 55, {1, 1, 5, 5, 23, 33, 13}},
      {7, 56, {1, 1, 7, 7, 1, 61, 123}},
      {7, 59, {1, 1, 7, 9, 13, 61, 49}},
      {7, 62, {1, 3, 3, 5, 3, 55, 33}},
      {8, 14, {1, 3, 1, 15, 31, 13, 49, 245}},
      {8, 21, {1, 3, 5, 15, 31, 59, 63, 97}},
      {8, 22, {1, 3, 1, 11, 11, 11, 77, 249}},
      {8, 38, {1, 3, 1, 11, 27, 43, 71, 9}},
      {8, 47, {1, 1, 7, 15, 21, 11, 81, 45}},
      {8, 49, {1, 3, 7, 3, 25, 31, 65, 79}},
      {8, 50, {1, 3, 1, 1, 19, 11, 3, 205}},
      {8, 52, {1, 1, 5, 9, 19, 21, 29, 157}},
      {8, 56, {1, 3, 7, 11, 1, 33, 89, 185}},
      {8, 67, {1, 3, 3, 3, 15, 9, 79, 71}},
      {8, 70, {1, 3, 7, 11, 15, 39, 119, 27}},
      {8, 84, {1, 1, 3, 1, 11, 31, 97, 225}},
      {8, 97, {1, 1, 1, 3, 23, 43, 57, 177}},
      {8, 103, {1, 3, 7, 7, 17, 17, 37, 71}},
      {8, 115, {1, 3, 1, 5, 27, 63, 123, 213}},
      {8, 122, {1, 1, 3, 5, 11, 43, 53, 133}},
      {9, 8, {1, 3, 5, 5, 29, 17, 47, 173, 479}},
      {9, 13, {1, 3, 3, 11, 3, 1, 109, 9, 69}},
      {9, 16, {1, 1, 1, 5, 17, 39, 23, 5, 343}},
      {9, 22, {1, 3, 1, 5, 25, 15, 31, 103, 499}},
      {9, 25, {1, 1, 1, 11, 11, 17, 63, 105, 183}},
      {9, 44, {1, 1, 5, 11, 9, 29, 97, 231, 363}},
      {9, 47, {1, 1, 5, 15, 19, 45, 41, 7, 383}},
      {9, 52, {1, 3, 7, 7, 31, 19, 83, 137, 221}},
      {9, 55, {1, 1, 1, 3, 23, 15, 111, 223, 83}},
      {9, 59, {1, 1, 5, 13, 31, 15, 55, 25, 161}},
      {9, 62, {1, 1, 3, 13, 25, 47, 39, 87, 257}},
  };
  return table;
}

constexpr std::uint64_t kTagMc = 0x4d43ull;
constexpr std::uint64_t kTagLhsPerm = 0x4c4850ull;
constexpr std::uint64_t kTagLhsJitter = 0x4c484aull;
constexpr std::uint64_t kTagSobolShift = 0x534853ull;

/// Uniforms of rows [start, start + count) (dims each, row-major) from the Philox streams of
/// their blocks: block b's stream is (seed, derive_stream(tag, b)) and its rows take
/// consecutive uniforms, each from 64 bits (two 32-bit outputs, the first the high half),
/// exactly as Philox::uniform() draws them; whole Philox blocks are used two uniforms at a time.
void fill_blocks(std::uint64_t seed, std::uint64_t tag, std::size_t dims, std::size_t start,
                 std::size_t count, double* out) {
  const std::array<std::uint32_t, 2> key = {static_cast<std::uint32_t>(seed),
                                            static_cast<std::uint32_t>(seed >> 32)};
  auto to_uniform = [](std::uint32_t hi, std::uint32_t lo) {
    const std::uint64_t bits = ((static_cast<std::uint64_t>(hi) << 32) | lo) >> 11;
    return (static_cast<double>(bits) + 0.5) * 0x1.0p-53;
  };
  std::size_t r = start;
  double* write = out;
  while (r < start + count) {
    const std::size_t block = r / kBlockRows;
    const std::size_t end = std::min(start + count, (block + 1) * kBlockRows);
    const std::uint64_t stream = derive_stream(tag, block);
    // Uniform indices [first, last) within the block's stream.
    std::uint64_t first = (r % kBlockRows) * dims;
    const std::uint64_t last = first + (end - r) * dims;
    const auto counter_of = [stream](std::uint64_t position) {
      return std::array<std::uint32_t, 4>{
          static_cast<std::uint32_t>(position), static_cast<std::uint32_t>(position >> 32),
          static_cast<std::uint32_t>(stream), static_cast<std::uint32_t>(stream >> 32)};
    };
    if (first % 2 == 1) {  // the second uniform of a Philox block
      const auto bits = detail::philox_block(counter_of(first / 2), key);
      *write++ = to_uniform(bits[2], bits[3]);
      ++first;
    }
    for (; first + 1 < last; first += 2) {
      const auto bits = detail::philox_block(counter_of(first / 2), key);
      *write++ = to_uniform(bits[0], bits[1]);
      *write++ = to_uniform(bits[2], bits[3]);
    }
    if (first < last) {
      const auto bits = detail::philox_block(counter_of(first / 2), key);
      *write++ = to_uniform(bits[0], bits[1]);
    }
    r = end;
  }
}

/// Like fill_blocks, but each uniform takes one 32-bit output, (k + 0.5) / 2^32: the jitter of
/// a Latin hypercube point inside its stratum of width 1/n needs no more.
void fill_blocks32(std::uint64_t seed, std::uint64_t tag, std::size_t dims, std::size_t start,
                   std::size_t count, double* out) {
  const std::array<std::uint32_t, 2> key = {static_cast<std::uint32_t>(seed),
                                            static_cast<std::uint32_t>(seed >> 32)};
  std::size_t r = start;
  double* write = out;
  while (r < start + count) {
    const std::size_t block = r / kBlockRows;
    const std::size_t end = std::min(start + count, (block + 1) * kBlockRows);
    const std::uint64_t stream = derive_stream(tag, block);
    std::uint64_t first = (r % kBlockRows) * dims;
    const std::uint64_t last = first + (end - r) * dims;
    while (first < last) {
      const std::uint64_t position = first / 4;
      const auto bits = detail::philox_block(
          {static_cast<std::uint32_t>(position), static_cast<std::uint32_t>(position >> 32),
           static_cast<std::uint32_t>(stream), static_cast<std::uint32_t>(stream >> 32)},
          key);
      for (std::size_t k = first % 4; k < 4 && first < last; ++k, ++first) {
        *write++ = (static_cast<double>(bits[k]) + 0.5) * 0x1.0p-32;
      }
    }
    r = end;
  }
}

}  // namespace

Sampler parse_sampler(const std::string& name) {
  if (name == "mc" || name == "random" || name == "monte_carlo") return Sampler::kMonteCarlo;
  if (name == "lhs" || name == "latin_hypercube") return Sampler::kLatinHypercube;
  if (name == "sobol") return Sampler::kSobol;
  throw InvalidInput("sampler: expected 'mc', 'lhs' or 'sobol', got '" + name + "'");
}

int SobolSequence::max_dimensions() noexcept {
  return static_cast<int>(joe_kuo_table().size()) + 1;
}

SobolSequence::SobolSequence(int dimensions) : dims_(dimensions) {
  if (dimensions < 1 || dimensions > max_dimensions()) {
    std::ostringstream message;
    message << "SobolSequence: dimensions must lie in [1, " << max_dimensions() << "], got "
            << dimensions;
    throw InvalidInput(message.str());
  }
  directions_.assign(static_cast<std::size_t>(dims_) * 32, 0);
  for (int k = 0; k < 32; ++k) {
    directions_[static_cast<std::size_t>(k)] = 1u << (31 - k);
  }
  const auto& table = joe_kuo_table();
  for (int j = 1; j < dims_; ++j) {
    const DirectionEntry& entry = table[static_cast<std::size_t>(j - 1)];
    const int s = entry.degree;
    std::uint32_t* v = &directions_[static_cast<std::size_t>(j) * 32];
    for (int k = 0; k < std::min(s, 32); ++k) {
      v[k] = entry.initial[static_cast<std::size_t>(k)] << (31 - k);
    }
    for (int k = s; k < 32; ++k) {
      std::uint32_t value = v[k - s] ^ (v[k - s] >> s);
      for (int i = 1; i < s; ++i) {
        if ((entry.coefficients >> (s - 1 - i)) & 1) {
          value ^= v[k - i];
        }
      }
      v[k] = value;
    }
  }
}

void SobolSequence::point(std::uint64_t index, std::uint32_t* out) const noexcept {
  const std::uint64_t gray = index ^ (index >> 1);
  for (int j = 0; j < dims_; ++j) {
    std::uint32_t x = 0;
    const std::uint32_t* v = &directions_[static_cast<std::size_t>(j) * 32];
    for (int k = 0; k < 32; ++k) {
      if ((gray >> k) & 1u) x ^= v[k];
    }
    out[j] = x;
  }
}

void SobolSequence::fill(std::uint64_t start, std::size_t count,
                         const std::vector<std::uint32_t>& shift, double* out) const {
  if (start + count > (1ull << 32)) {
    throw InvalidInput("SobolSequence: at most 2^32 points are available");
  }
  std::vector<std::uint32_t> x(static_cast<std::size_t>(dims_));
  point(start, x.data());
  const std::size_t d = static_cast<std::size_t>(dims_);
  for (std::size_t r = 0; r < count; ++r) {
    if (r > 0) {
      // Gray-code step from point (start + r - 1) to (start + r).
      const std::uint64_t previous = start + r - 1;
      int c = 0;
      while ((previous >> c) & 1u) ++c;
      for (std::size_t j = 0; j < d; ++j) x[j] ^= directions_[j * 32 + static_cast<std::size_t>(c)];
    }
    for (std::size_t j = 0; j < d; ++j) {
      const std::uint32_t value = shift.empty() ? x[j] : (x[j] ^ shift[j]);
      out[r * d + j] = (static_cast<double>(value) + 0.5) * 0x1.0p-32;
    }
  }
}

KeyedPermutation::KeyedPermutation(std::uint64_t n, std::uint64_t seed, std::uint64_t stream)
    : n_(n) {
  if (n == 0) throw InvalidInput("permutation: the domain must hold at least one element");
  if (n > (std::uint64_t{1} << 53))
    throw InvalidInput("permutation: the domain holds at most 2^53 elements");
  a_ = static_cast<std::uint64_t>(std::sqrt(static_cast<double>(n)));
  while (a_ * a_ < n) ++a_;
  while (a_ > 1 && (a_ - 1) * (a_ - 1) >= n) --a_;
  b_ = (n + a_ - 1) / a_;
  Philox rng(seed, stream);
  for (std::size_t r = 0; r < keys_.size(); ++r) {
    keys_[r] = rng.next_u64();
    multipliers_[r] = rng.next_u64() | 1u;
  }
}

UniformDesign::UniformDesign(Sampler sampler, std::size_t rows, std::size_t dims,
                             std::uint64_t seed, bool scramble)
    : sampler_(sampler), rows_(rows), dims_(dims), seed_(seed) {
  if (rows == 0) throw InvalidInput("design: number of draws must be positive, got 0");
  if (dims == 0) throw InvalidInput("design: number of dimensions must be positive, got 0");
  if (sampler == Sampler::kLatinHypercube) {
    if (rows > (std::uint64_t{1} << 53)) {
      throw InvalidInput("design: Latin hypercube supports at most 2^53 draws");
    }
    strata_.reserve(dims);
    for (std::size_t j = 0; j < dims; ++j) {
      strata_.emplace_back(rows, seed, derive_stream(kTagLhsPerm, j));
    }
  } else if (sampler == Sampler::kSobol) {
    if (dims > static_cast<std::size_t>(SobolSequence::max_dimensions())) {
      std::ostringstream message;
      message << "design: Sobol' sampling supports at most " << SobolSequence::max_dimensions()
              << " dimensions, got " << dims << " (use 'lhs' or 'mc')";
      throw InvalidInput(message.str());
    }
    if (rows > (1ull << 32) - 1)
      throw InvalidInput("design: Sobol' supports at most 2^32 - 1 draws");
    sobol_.emplace_back(static_cast<int>(dims));
    if (scramble) {
      Philox rng(seed, kTagSobolShift);
      shift_.resize(dims);
      for (auto& s : shift_) s = rng();
    }
  }
}

void UniformDesign::fill(std::size_t start, std::size_t count, double* out) const {
  if (start + count > rows_) throw OutOfRange("design: rows requested beyond the design size");
  switch (sampler_) {
    case Sampler::kMonteCarlo:
      fill_blocks(seed_, kTagMc, dims_, start, count, out);
      break;
    case Sampler::kLatinHypercube: {
      // Row r lies in stratum strata_[j](r) of dimension j, jittered uniformly inside it. The
      // jitter (32 bits) comes from block streams as in plain MC; the strata are computed
      // dimension by dimension so that the rows' independent permutation evaluations overlap.
      fill_blocks32(seed_, kTagLhsJitter, dims_, start, count, out);
      const double inv = 1.0 / static_cast<double>(rows_);
      for (std::size_t j = 0; j < dims_; ++j) {
        const KeyedPermutation& strata = strata_[j];
        const std::uint64_t radix = strata.radix_low();
        std::uint64_t high = start / radix, low = start % radix;  // digits of row `start`
        for (std::size_t r = 0; r < count; ++r) {
          double& u = out[r * dims_ + j];
          u = (static_cast<double>(strata.of_pair(high, low)) + u) * inv;
          if (++low == radix) {
            low = 0;
            ++high;
          }
        }
      }
      break;
    }
    case Sampler::kSobol:
      sobol_.front().fill(start, count, shift_, out);
      break;
  }
}

GaussianCopula::GaussianCopula(std::vector<double> correlation, std::vector<std::string> names)
    : correlation_(std::move(correlation)) {
  const std::size_t n = names.size();
  n_ = n;
  if (correlation_.size() != n * n) {
    std::ostringstream message;
    message << "correlation: expected a " << n << " x " << n << " matrix for " << n
            << " inputs, got " << correlation_.size() << " entries";
    throw InvalidInput(message.str());
  }
  Eigen::MatrixXd r(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(n));
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      const double value = correlation_[i * n + j];
      const double mirror = correlation_[j * n + i];
      std::ostringstream where;
      where << "correlation['" << names[i] << "', '" << names[j] << "']";
      if (!std::isfinite(value) || value < -1.0 || value > 1.0) {
        throw InvalidInput(where.str() + " must lie in [-1, 1], got " + std::to_string(value));
      }
      if (i == j && std::fabs(value - 1.0) > 1e-12) {
        throw InvalidInput(where.str() + " is on the diagonal and must be 1, got " +
                           std::to_string(value));
      }
      if (std::fabs(value - mirror) > 1e-12) {
        throw InvalidInput(where.str() + " = " + std::to_string(value) +
                           " differs from its mirror entry " + std::to_string(mirror) +
                           ": the matrix must be symmetric");
      }
      if (i != j && value != 0.0) correlated_ = true;
      r(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = value;
    }
  }
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(r);
  const double smallest = solver.eigenvalues().minCoeff();
  if (smallest < -1e-10) {
    std::ostringstream message;
    message << "correlation matrix is not positive semi-definite (smallest eigenvalue " << smallest
            << "); the pairwise correlations are mutually inconsistent";
    throw InvalidInput(message.str());
  }
  // L = V sqrt(max(lambda, 0)): works for singular (semi-definite) matrices too.
  const Eigen::VectorXd root = solver.eigenvalues().cwiseMax(0.0).cwiseSqrt();
  const Eigen::MatrixXd factor = solver.eigenvectors() * root.asDiagonal();
  factor_.resize(n * n);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      factor_[i * n + j] = factor(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
    }
  }
}

void GaussianCopula::apply(double* u) const {
  double z[64];
  std::vector<double> heap;
  double* zp = z;
  if (n_ > 64) {
    heap.resize(n_);
    zp = heap.data();
  }
  for (std::size_t i = 0; i < n_; ++i) zp[i] = normal_quantile(u[i]);
  for (std::size_t i = 0; i < n_; ++i) {
    double sum = 0.0;
    for (std::size_t j = 0; j < n_; ++j) sum += factor_[i * n_ + j] * zp[j];
    const double p = normal_cdf(sum);
    u[i] = std::min(std::max(p, 1e-300), 1.0 - 1e-16);
  }
}

void ParameterSpace::add(const std::string& name, Distribution distribution) {
  if (name.empty()) throw InvalidInput("parameter space: an input name is empty");
  if (std::find(names_.begin(), names_.end(), name) != names_.end()) {
    throw InvalidInput("parameter space: input '" + name + "' is defined twice");
  }
  if (!copula_.empty()) {
    throw InvalidInput("parameter space: add every input before setting correlations");
  }
  names_.push_back(name);
  dists_.push_back(std::move(distribution));
}

std::size_t ParameterSpace::index(const std::string& name) const {
  const auto it = std::find(names_.begin(), names_.end(), name);
  if (it == names_.end()) throw NotFound("parameter space: no input named '" + name + "'");
  return static_cast<std::size_t>(it - names_.begin());
}

void ParameterSpace::set_correlation(const std::vector<std::string>& names,
                                     const std::vector<double>& matrix) {
  std::vector<std::size_t> idx;
  for (const auto& name : names) {
    const std::size_t i = index(name);
    if (std::find(idx.begin(), idx.end(), i) != idx.end()) {
      throw InvalidInput("correlation: input '" + name + "' is listed twice");
    }
    idx.push_back(i);
  }
  GaussianCopula copula(matrix, names);
  copula_.clear();
  copula_index_.clear();
  if (copula.has_correlation()) {
    copula_index_ = idx;
    copula_.push_back(std::move(copula));
  }
}

bool ParameterSpace::correlated() const noexcept { return !copula_.empty(); }

std::string ParameterSpace::correlated_pairs() const {
  std::ostringstream out;
  if (copula_.empty()) return "";
  const std::size_t n = copula_index_.size();
  bool first = true;
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      const double r = copula_.front().correlation()[i * n + j];
      if (r != 0.0) {
        out << (first ? "" : ", ") << names_[copula_index_[i]] << "~" << names_[copula_index_[j]]
            << " (" << r << ")";
        first = false;
      }
    }
  }
  return out.str();
}

void ParameterSpace::transform(double* row) const {
  correlate(row);
  for (std::size_t i = 0; i < dists_.size(); ++i) row[i] = dists_[i].quantile(row[i]);
}

void ParameterSpace::correlate(double* row) const {
  if (!copula_.empty()) {
    double buffer[64];
    std::vector<double> heap;
    double* u = buffer;
    const std::size_t n = copula_index_.size();
    if (n > 64) {
      heap.resize(n);
      u = heap.data();
    }
    for (std::size_t k = 0; k < n; ++k) u[k] = row[copula_index_[k]];
    copula_.front().apply(u);
    for (std::size_t k = 0; k < n; ++k) row[copula_index_[k]] = u[k];
  }
}

}  // namespace innozone::outcomes
