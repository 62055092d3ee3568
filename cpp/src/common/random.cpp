#include "innozone/common/random.hpp"

#include "innozone/common/math.hpp"

namespace innozone {
namespace {

constexpr std::uint32_t kMul0 = 0xD2511F53u;
constexpr std::uint32_t kMul1 = 0xCD9E8D57u;
constexpr std::uint32_t kWeyl0 = 0x9E3779B9u;
constexpr std::uint32_t kWeyl1 = 0xBB67AE85u;

inline void mul_hi_lo(std::uint32_t a, std::uint32_t b, std::uint32_t& hi, std::uint32_t& lo) noexcept {
  const std::uint64_t product = static_cast<std::uint64_t>(a) * static_cast<std::uint64_t>(b);
  hi = static_cast<std::uint32_t>(product >> 32);
  lo = static_cast<std::uint32_t>(product);
}

std::array<std::uint32_t, 4> philox_block(std::array<std::uint32_t, 4> counter,
                                          std::array<std::uint32_t, 2> key) noexcept {
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      key[0] += kWeyl0;
      key[1] += kWeyl1;
    }
    std::uint32_t hi0 = 0;
    std::uint32_t lo0 = 0;
    std::uint32_t hi1 = 0;
    std::uint32_t lo1 = 0;
    mul_hi_lo(kMul0, counter[0], hi0, lo0);
    mul_hi_lo(kMul1, counter[2], hi1, lo1);
    counter = {hi1 ^ counter[1] ^ key[0], lo1, hi0 ^ counter[3] ^ key[1], lo0};
  }
  return counter;
}

}  // namespace

Philox::Philox(std::uint64_t seed, std::uint64_t stream) noexcept : seed_(seed), stream_(stream) {}

void Philox::refill() noexcept {
  const std::array<std::uint32_t, 4> counter = {
      static_cast<std::uint32_t>(position_), static_cast<std::uint32_t>(position_ >> 32),
      static_cast<std::uint32_t>(stream_), static_cast<std::uint32_t>(stream_ >> 32)};
  const std::array<std::uint32_t, 2> key = {static_cast<std::uint32_t>(seed_),
                                            static_cast<std::uint32_t>(seed_ >> 32)};
  buffer_ = philox_block(counter, key);
  ++position_;
  used_ = 0;
}

void Philox::seek(std::uint64_t position) noexcept {
  position_ = position;
  used_ = 4;
}

Philox::result_type Philox::operator()() noexcept {
  if (used_ == 4) {
    refill();
  }
  return buffer_[static_cast<std::size_t>(used_++)];
}

std::uint64_t Philox::next_u64() noexcept {
  const std::uint64_t hi = (*this)();
  const std::uint64_t lo = (*this)();
  return (hi << 32) | lo;
}

double Philox::uniform() noexcept {
  // 53 random bits mapped to the open interval (0, 1): (k + 0.5) / 2^53.
  const std::uint64_t bits = next_u64() >> 11;
  return (static_cast<double>(bits) + 0.5) * 0x1.0p-53;
}

double Philox::normal() noexcept { return normal_quantile(uniform()); }

std::uint64_t derive_stream(std::uint64_t a, std::uint64_t b) noexcept {
  std::uint64_t z = a * 0x9E3779B97F4A7C15ull + b + 0x632BE59BD9B4E019ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

}  // namespace innozone
