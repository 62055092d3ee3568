/// @file random.hpp
/// @brief Counter-based random numbers (Philox4x32-10) for reproducible parallel runs.
///
/// A stream is fixed by (seed, stream id). Each replicate, draw block or bootstrap
/// sample uses its own stream id, so results depend on the seed only, never on how
/// work is split across threads.
#pragma once

#include <array>
#include <cstdint>

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

/// Mix a seed and a stream tag into a new 64-bit stream id (SplitMix64 finaliser);
/// lets nested loops derive independent streams, e.g. derive_stream(replicate, 7).
std::uint64_t derive_stream(std::uint64_t a, std::uint64_t b) noexcept;

}  // namespace innozone
