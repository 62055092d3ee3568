/// @file random.hpp
/// @brief Counter-based random numbers (Philox4x32-10) for reproducible parallel runs.
///
/// A stream is fixed by (seed, stream id). Each replicate, draw block or bootstrap
/// sample uses its own stream id, so results depend on the seed only, never on how
/// work is split across threads.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "innozone/common/math.hpp"

namespace innozone {

/// Philox4x32-10 counter-based generator (Salmon et al., SC'11).
/// The 128-bit counter holds the stream id in its upper 64 bits and the position
/// in the lower 64 bits; the 64-bit key is the seed.
class Philox {
 public:
  using result_type = std::uint32_t;

  Philox(std::uint64_t seed, std::uint64_t stream) noexcept;

  static constexpr result_type min() noexcept { return 0; }
  static constexpr result_type max() noexcept { return 0xffffffffu; }

  /// Next 32 random bits.
  result_type operator()() noexcept;
  /// Next 64 random bits.
  std::uint64_t next_u64() noexcept;
  /// Uniform double in the open interval (0, 1), 53 bits of resolution.
  double uniform() noexcept;
  /// Standard normal deviate (inverse-CDF method, one uniform per draw).
  double normal() noexcept;
  /// Jump to block `position` of this stream (each block is four 32-bit outputs).
  void seek(std::uint64_t position) noexcept;

  [[nodiscard]] std::uint64_t seed() const noexcept { return seed_; }
  [[nodiscard]] std::uint64_t stream() const noexcept { return stream_; }

 private:
  void refill() noexcept;

  std::uint64_t seed_;
  std::uint64_t stream_;
  std::uint64_t position_ = 0;
  std::array<std::uint32_t, 4> buffer_{};
  int used_ = 4;
};

// ---- inline implementation (hot in Monte Carlo and bootstrap loops) ----------------
namespace detail {

constexpr std::uint32_t kPhiloxMul0 = 0xD2511F53u;
constexpr std::uint32_t kPhiloxMul1 = 0xCD9E8D57u;
constexpr std::uint32_t kPhiloxWeyl0 = 0x9E3779B9u;
constexpr std::uint32_t kPhiloxWeyl1 = 0xBB67AE85u;

/// Ten Philox4x32 rounds of `counter` under `key`.
inline std::array<std::uint32_t, 4> philox_block(std::array<std::uint32_t, 4> counter,
                                                 std::array<std::uint32_t, 2> key) noexcept {
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      key[0] += kPhiloxWeyl0;
      key[1] += kPhiloxWeyl1;
    }
    const std::uint64_t product0 = static_cast<std::uint64_t>(kPhiloxMul0) * counter[0];
    const std::uint64_t product1 = static_cast<std::uint64_t>(kPhiloxMul1) * counter[2];
    const auto hi0 = static_cast<std::uint32_t>(product0 >> 32);
    const auto lo0 = static_cast<std::uint32_t>(product0);
    const auto hi1 = static_cast<std::uint32_t>(product1 >> 32);
    const auto lo1 = static_cast<std::uint32_t>(product1);
    counter = {hi1 ^ counter[1] ^ key[0], lo1, hi0 ^ counter[3] ^ key[1], lo0};
  }
  return counter;
}

}  // namespace detail

inline Philox::Philox(std::uint64_t seed, std::uint64_t stream) noexcept
    : seed_(seed), stream_(stream) {}

inline void Philox::refill() noexcept {
  const std::array<std::uint32_t, 4> counter = {
      static_cast<std::uint32_t>(position_), static_cast<std::uint32_t>(position_ >> 32),
      static_cast<std::uint32_t>(stream_), static_cast<std::uint32_t>(stream_ >> 32)};
  const std::array<std::uint32_t, 2> key = {static_cast<std::uint32_t>(seed_),
                                            static_cast<std::uint32_t>(seed_ >> 32)};
  buffer_ = detail::philox_block(counter, key);
  ++position_;
  used_ = 0;
}

inline void Philox::seek(std::uint64_t position) noexcept {
  position_ = position;
  used_ = 4;
}

inline Philox::result_type Philox::operator()() noexcept {
  if (used_ == 4) {
    refill();
  }
  return buffer_[static_cast<std::size_t>(used_++)];
}

inline std::uint64_t Philox::next_u64() noexcept {
  const std::uint64_t hi = (*this)();
  const std::uint64_t lo = (*this)();
  return (hi << 32) | lo;
}

inline double Philox::uniform() noexcept {
  // 53 random bits mapped to the open interval (0, 1): (k + 0.5) / 2^53.
  const std::uint64_t bits = next_u64() >> 11;
  return (static_cast<double>(bits) + 0.5) * 0x1.0p-53;
}

inline double Philox::normal() noexcept { return normal_quantile(uniform()); }

/// Mix a seed and a stream tag into a new 64-bit stream id (SplitMix64 finaliser);
/// lets nested loops derive independent streams, e.g. derive_stream(replicate, 7).
std::uint64_t derive_stream(std::uint64_t a, std::uint64_t b) noexcept;

}  // namespace innozone
