#include "innozone/outcomes/montecarlo.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <mutex>
#include <sstream>

#include "innozone/common/error.hpp"

namespace innozone::outcomes {

void OutcomeModel::evaluate_batch(const double* inputs, std::size_t rows, double* outputs) const {
  const std::size_t n_in = n_inputs();
  const std::size_t n_out = n_outputs();
  for (std::size_t r = 0; r < rows; ++r) evaluate(inputs + r * n_in, outputs + r * n_out);
}

std::vector<std::size_t> match_inputs(const OutcomeModel& model, const ParameterSpace& space) {
  const auto names = model.input_names();
  std::vector<std::size_t> map;
  map.reserve(names.size());
  for (const auto& name : names) {
    const auto& have = space.names();
    const auto it = std::find(have.begin(), have.end(), name);
    if (it == have.end()) {
      throw NotFound("model input '" + name + "' has no distribution in the parameter space");
    }
    map.push_back(static_cast<std::size_t>(it - have.begin()));
  }
  for (const auto& name : space.names()) {
    if (std::find(names.begin(), names.end(), name) == names.end()) {
      throw InvalidInput("parameter '" + name + "' is not an input of the model (inputs: " +
                         [&names] {
                           std::string all;
                           for (const auto& n : names) all += (all.empty() ? "" : ", ") + n;
                           return all;
                         }() +
                         ")");
    }
  }
  return map;
}

// =============================================================================== sketch
namespace {

constexpr std::uint64_t kSignBit = std::uint64_t{1} << 63;
constexpr std::size_t kPages = std::size_t{1} << 12;
constexpr std::uint64_t kPositiveZeroKey = kSignBit;
constexpr std::uint64_t kNegativeZeroKey = kSignBit - 1;

std::uint64_t bits_of(double x) noexcept {
  std::uint64_t b = 0;
  std::memcpy(&b, &x, sizeof b);
  return b;
}

double double_of(std::uint64_t b) noexcept {
  double x = 0.0;
  std::memcpy(&x, &b, sizeof x);
  return x;
}

}  // namespace

double QuantileSketch::from_order_key(std::uint64_t key) noexcept {
  return double_of((key & kSignBit) != 0 ? key ^ kSignBit : ~key);
}

QuantileSketch::QuantileSketch()
    : min_(std::numeric_limits<double>::infinity()),
      max_(-std::numeric_limits<double>::infinity()) {}

std::uint32_t QuantileSketch::new_page(std::uint32_t page_key) {
  if (page_of_.empty()) page_of_.assign(kPages, 0);
  page_keys_.push_back(page_key);
  counts_.resize(counts_.size() + kBuckets, 0);
  const auto slot = static_cast<std::uint32_t>(page_keys_.size());
  page_of_[page_key] = slot;
  return slot;
}

void QuantileSketch::add(const double* values, std::size_t n) {
  // Range and NaN count first (no calls, so the loop keeps its state in registers).
  double low = min_, high = max_;
  std::uint64_t nan = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double x = values[i];
    nan += x != x ? 1u : 0u;
    low = x < low ? x : low;
    high = x > high ? x : high;
  }
  min_ = low;
  max_ = high;
  nan_ += nan;
  if (page_of_.empty()) page_of_.assign(kPages, 0);
  const std::uint32_t* table = page_of_.data();  // fixed size: never reallocated
  // Bucket indices first (allocating pages as needed), then the increments in a tight loop of
  // independent read-modify-writes that the processor can overlap.
  constexpr std::size_t kChunk = 256;
  std::uint32_t index[kChunk];
  for (std::size_t begin = 0; begin < n; begin += kChunk) {
    const std::size_t end = std::min(n, begin + kChunk);
    std::size_t m = 0;
    for (std::size_t i = begin; i < end; ++i) {
      const double x = values[i];
      if (nan != 0 && x != x) continue;
      const std::uint64_t key = order_key(x);
      const auto page_key = static_cast<std::uint32_t>(key >> kPageShift);
      std::uint32_t page = table[page_key];
      if (page == 0) page = new_page(page_key);
      index[m++] = static_cast<std::uint32_t>((page - 1) * kBuckets +
                                              ((key >> kBucketShift) & (kBuckets - 1)));
    }
    std::uint32_t* counts = counts_.data();
    for (std::size_t i = 0; i < m; ++i) {
      if (++counts[index[i]] == 0) carry_[index[i]] += std::uint64_t{1} << 32;
    }
  }
}

void QuantileSketch::add_bucket_keys(const std::uint32_t* keys, std::size_t n, double low,
                                     double high) {
  min_ = std::min(min_, low);
  max_ = std::max(max_, high);
  if (page_of_.empty()) page_of_.assign(kPages, 0);
  const std::uint32_t* table = page_of_.data();
  constexpr std::size_t kChunk = 256;
  std::uint32_t index[kChunk];
  for (std::size_t begin = 0; begin < n; begin += kChunk) {
    const std::size_t end = std::min(n, begin + kChunk);
    for (std::size_t i = begin; i < end; ++i) {
      const std::uint32_t key = keys[i];
      const std::uint32_t page_key = key >> kMantissaBits;
      std::uint32_t page = table[page_key];
      if (page == 0) page = new_page(page_key);
      index[i - begin] = (page - 1) * static_cast<std::uint32_t>(kBuckets) + (key & (kBuckets - 1));
    }
    std::uint32_t* counts = counts_.data();
    for (std::size_t i = 0; i < end - begin; ++i) {
      if (++counts[index[i]] == 0) carry_[index[i]] += std::uint64_t{1} << 32;
    }
  }
}

void QuantileSketch::merge(const QuantileSketch& other) {
  for (std::size_t s = 0; s < other.page_keys_.size(); ++s) {
    const std::uint32_t key = other.page_keys_[s];
    std::uint32_t page = slot_of(key);
    if (page == 0) page = new_page(key);
    const std::size_t mine = (page - 1) * kBuckets;
    const std::size_t theirs = s * kBuckets;
    for (std::size_t b = 0; b < kBuckets; ++b) {
      const std::uint64_t c = other.bucket(theirs + b);
      if (c != 0) add_count(mine + b, c);
    }
  }
  nan_ += other.nan_;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
}

void QuantileSketch::add_count(std::size_t i, std::uint64_t c) {
  const std::uint64_t total = bucket(i) + c;
  counts_[i] = static_cast<std::uint32_t>(total);
  const std::uint64_t high = total - counts_[i];
  if (high != 0) {
    carry_[i] = high;
  } else if (!carry_.empty()) {
    carry_.erase(i);
  }
}

std::uint64_t QuantileSketch::count() const noexcept {
  std::uint64_t total = 0;
  for (const std::uint32_t c : counts_) total += c;
  for (const auto& entry : carry_) total += entry.second;
  return total;
}

std::vector<std::uint32_t> QuantileSketch::sorted_pages() const {
  std::vector<std::uint32_t> keys = page_keys_;
  std::sort(keys.begin(), keys.end());
  return keys;
}

QuantileSketch::Location QuantileSketch::locate(std::uint64_t rank) const {
  std::uint64_t below = 0;
  for (const std::uint32_t page_key : sorted_pages()) {
    const std::size_t base = (page_of_[page_key] - 1) * kBuckets;
    for (std::size_t b = 0; b < kBuckets; ++b) {
      const std::uint64_t count = bucket(base + b);
      if (count == 0) continue;
      if (rank < below + count) {
        Location where;
        where.key_low = (static_cast<std::uint64_t>(page_key) << kPageShift) |
                        (static_cast<std::uint64_t>(b) << kBucketShift);
        where.key_high = where.key_low | ((std::uint64_t{1} << kBucketShift) - 1);
        where.below = below;
        where.inside = count;
        return where;
      }
      below += count;
    }
  }
  throw OutOfRange("quantile sketch: rank " + std::to_string(rank) + " beyond the " +
                   std::to_string(below) + " values held");
}

double QuantileSketch::representative(std::uint64_t key) const noexcept {
  const std::uint64_t low_key = key & ~((std::uint64_t{1} << kBucketShift) - 1);
  const std::uint64_t high_key = low_key | ((std::uint64_t{1} << kBucketShift) - 1);
  double value = 0.0;
  if (low_key <= kPositiveZeroKey && kPositiveZeroKey <= high_key) {
    value = 0.0;
  } else if (low_key <= kNegativeZeroKey && kNegativeZeroKey <= high_key) {
    value = 0.0;
  } else if ((key >> kPageShift) == kPages - 1) {
    value = std::numeric_limits<double>::infinity();  // +inf (NaN never enters a bucket)
  } else if ((key >> kPageShift) == 0) {
    value = -std::numeric_limits<double>::infinity();
  } else {
    const double low = from_order_key(low_key);
    const double high = from_order_key(high_key);
    value = low + 0.5 * (high - low);
  }
  return std::min(std::max(value, min_), max_);
}

double QuantileSketch::order_statistic(std::uint64_t rank) const {
  const std::uint64_t n = count();
  if (rank == 0 && n > 0) return min_;
  if (rank + 1 == n) return max_;
  return representative(locate(rank).key_low);
}

double QuantileSketch::quantile(double probability) const {
  return quantiles({probability}).front();
}

std::vector<double> QuantileSketch::quantiles(const std::vector<double>& probabilities) const {
  const std::uint64_t n = count();
  for (const double p : probabilities) {
    if (!(p >= 0.0 && p <= 1.0)) {
      throw InvalidInput("quantile: probabilities must lie in [0, 1], got " + format_value(p));
    }
  }
  std::vector<double> out(probabilities.size(), std::numeric_limits<double>::quiet_NaN());
  if (n == 0 || nan_ > 0) return out;
  // The ranks needed, resolved in one sweep over the buckets in increasing order.
  std::vector<std::pair<std::uint64_t, double>> wanted;  // rank -> value
  std::vector<std::pair<std::uint64_t, double>> plan;    // per probability: rank k, weight h - k
  for (const double p : probabilities) {
    const double h = p * static_cast<double>(n - 1);
    const auto k = static_cast<std::uint64_t>(std::floor(h));
    plan.emplace_back(k, h - static_cast<double>(k));
    wanted.emplace_back(k, 0.0);
    if (k + 1 < n) wanted.emplace_back(k + 1, 0.0);
  }
  std::sort(wanted.begin(), wanted.end());
  wanted.erase(std::unique(wanted.begin(), wanted.end(),
                           [](const auto& a, const auto& b) { return a.first == b.first; }),
               wanted.end());
  std::size_t next = 0;
  std::uint64_t below = 0;
  for (const std::uint32_t page_key : sorted_pages()) {
    const std::size_t base = (page_of_[page_key] - 1) * kBuckets;
    for (std::size_t b = 0; b < kBuckets && next < wanted.size(); ++b) {
      below += bucket(base + b);
      while (next < wanted.size() && wanted[next].first < below) {
        const std::uint64_t key = (static_cast<std::uint64_t>(page_key) << kPageShift) |
                                  (static_cast<std::uint64_t>(b) << kBucketShift);
        wanted[next].second = representative(key);
        ++next;
      }
    }
  }
  for (auto& w : wanted) {
    if (w.first == 0) w.second = min_;
    if (w.first + 1 == n) w.second = max_;
  }
  auto value_at = [&wanted](std::uint64_t rank) {
    return std::lower_bound(wanted.begin(), wanted.end(),
                            std::make_pair(rank, -std::numeric_limits<double>::infinity()))
        ->second;
  };
  for (std::size_t i = 0; i < plan.size(); ++i) {
    const auto [k, weight] = plan[i];
    double value = value_at(k);
    if (k + 1 < n && weight > 0.0) value += weight * (value_at(k + 1) - value);
    out[i] = value;
  }
  return out;
}

bool operator==(const QuantileSketch& a, const QuantileSketch& b) {
  std::string sa, sb;
  a.write(sa);
  b.write(sb);
  return sa == sb;
}

// =============================================================================== serialisation
namespace {

class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}
  template <class T>
  void put(T value) {
    static_assert(std::is_trivially_copyable<T>::value, "plain values only");
    char bytes[sizeof(T)];
    std::memcpy(bytes, &value, sizeof(T));
    out_.append(bytes, sizeof(T));
  }

 private:
  std::string& out_;
};

class Reader {
 public:
  Reader(const char*& cursor, const char* end) : cursor_(cursor), end_(end) {}
  template <class T>
  T get() {
    if (static_cast<std::size_t>(end_ - cursor_) < sizeof(T)) corrupt("it ends early");
    T value;
    std::memcpy(&value, cursor_, sizeof(T));
    cursor_ += sizeof(T);
    return value;
  }
  /// A count that cannot exceed the bytes left (each element needs at least `unit` bytes).
  std::uint64_t count(std::size_t unit) {
    const auto n = get<std::uint64_t>();
    if (n > static_cast<std::uint64_t>(end_ - cursor_) / std::max<std::size_t>(unit, 1)) {
      corrupt("a length exceeds the data");
    }
    return n;
  }
  [[noreturn]] static void corrupt(const std::string& why) {
    throw InvalidInput("Monte Carlo state: the serialised data are corrupt or truncated (" + why +
                       ")");
  }

 private:
  const char*& cursor_;
  const char* end_;
};

constexpr char kMagic[8] = {'I', 'Z', 'M', 'C', 'S', 'T', '0', '1'};
constexpr std::uint32_t kByteOrder = 0x01020304u;

}  // namespace

void QuantileSketch::write(std::string& out) const {
  Writer w(out);
  w.put<std::uint64_t>(nan_);
  w.put<double>(min_);
  w.put<double>(max_);
  const auto keys = sorted_pages();
  w.put<std::uint64_t>(keys.size());
  for (const std::uint32_t key : keys) {
    const std::size_t base = (page_of_[key] - 1) * kBuckets;
    std::uint32_t nonzero = 0;
    for (std::size_t b = 0; b < kBuckets; ++b) nonzero += bucket(base + b) != 0 ? 1u : 0u;
    w.put<std::uint32_t>(key);
    w.put<std::uint32_t>(nonzero);
    for (std::size_t b = 0; b < kBuckets; ++b) {
      const std::uint64_t count = bucket(base + b);
      if (count == 0) continue;
      w.put<std::uint16_t>(static_cast<std::uint16_t>(b));
      w.put<std::uint64_t>(count);
    }
  }
}

QuantileSketch QuantileSketch::read(const char*& cursor, const char* end) {
  Reader r(cursor, end);
  QuantileSketch s;
  s.nan_ = r.get<std::uint64_t>();
  s.min_ = r.get<double>();
  s.max_ = r.get<double>();
  const std::uint64_t pages = r.count(8);
  if (pages > kPages) Reader::corrupt("too many sketch pages");
  std::uint64_t previous = 0;
  for (std::uint64_t p = 0; p < pages; ++p) {
    const auto key = r.get<std::uint32_t>();
    const auto nonzero = r.get<std::uint32_t>();
    if (key >= kPages || (p > 0 && key <= previous) || nonzero == 0 || nonzero > kBuckets) {
      Reader::corrupt("bad sketch page");
    }
    previous = key;
    const std::uint32_t slot = s.new_page(key);
    const std::size_t base = (slot - 1) * kBuckets;
    for (std::uint32_t i = 0; i < nonzero; ++i) {
      const auto b = r.get<std::uint16_t>();
      const auto c = r.get<std::uint64_t>();
      if (b >= kBuckets || c == 0 || s.bucket(base + b) != 0) Reader::corrupt("bad sketch bucket");
      s.add_count(base + b, c);
    }
  }
  const bool empty = pages == 0;
  if (std::isnan(s.min_) || std::isnan(s.max_) || (!empty && s.min_ > s.max_)) {
    Reader::corrupt("bad sketch range");
  }
  return s;
}

// =============================================================================== moments
Moments combine(const Moments& left, const Moments& right) noexcept {
  if (left.count == 0.0) return right;
  if (right.count == 0.0) return left;
  Moments out;
  out.count = left.count + right.count;
  const double delta = right.mean - left.mean;
  out.mean = left.mean + delta * (right.count / out.count);
  out.m2 = left.m2 + right.m2 + delta * delta * (left.count * right.count / out.count);
  return out;
}

void BlockMomentTree::add(std::size_t block, std::vector<Moments> moments) {
  if (moments.size() != columns_) {
    throw InvalidInput("moment tree: expected " + std::to_string(columns_) + " columns, got " +
                       std::to_string(moments.size()));
  }
  insert(0, block, std::move(moments));
}

void BlockMomentTree::insert(int level, std::uint64_t index, std::vector<Moments> moments) {
  // A node already holding these blocks (itself or an ancestor) means they were added twice.
  // (Overlaps with descendants are caught by MonteCarloState's block ranges.)
  for (int up = level; up < 64; ++up) {
    if (nodes_.count({up, index >> (up - level)}) != 0) {
      throw InvalidInput("moment tree: blocks [" + std::to_string(index << level) + ", " +
                         std::to_string((index + 1) << level) + ") were added twice");
    }
  }
  for (;;) {
    const auto sibling = nodes_.find({level, index ^ 1u});
    if (sibling == nodes_.end()) {
      nodes_.emplace(std::make_pair(level, index), std::move(moments));
      return;
    }
    const bool left_first = (index & 1u) == 0;
    const std::vector<Moments>& other = sibling->second;
    for (std::size_t c = 0; c < columns_; ++c) {
      moments[c] = left_first ? combine(moments[c], other[c]) : combine(other[c], moments[c]);
    }
    nodes_.erase(sibling);
    ++level;
    index >>= 1;
  }
}

void BlockMomentTree::merge(const BlockMomentTree& other) {
  if (other.columns_ != columns_) throw InvalidInput("moment tree: column counts differ");
  for (const auto& [where, moments] : other.nodes_) insert(where.first, where.second, moments);
}

std::vector<Moments> BlockMomentTree::total() const {
  // Remaining nodes are disjoint aligned ranges; fold them in increasing order of their start.
  std::vector<std::pair<std::uint64_t, const std::vector<Moments>*>> ordered;
  for (const auto& [where, moments] : nodes_)
    ordered.emplace_back(where.second << where.first, &moments);
  std::sort(ordered.begin(), ordered.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<Moments> out(columns_);
  for (const auto& node : ordered) {
    for (std::size_t c = 0; c < columns_; ++c) out[c] = combine(out[c], (*node.second)[c]);
  }
  return out;
}

void BlockMomentTree::write(std::string& out) const {
  Writer w(out);
  w.put<std::uint64_t>(columns_);
  w.put<std::uint64_t>(nodes_.size());
  for (const auto& [where, moments] : nodes_) {
    w.put<std::int32_t>(where.first);
    w.put<std::uint64_t>(where.second);
    for (const Moments& m : moments) {
      w.put<double>(m.count);
      w.put<double>(m.mean);
      w.put<double>(m.m2);
    }
  }
}

BlockMomentTree BlockMomentTree::read(const char*& cursor, const char* end) {
  Reader r(cursor, end);
  const auto columns = r.count(0);
  BlockMomentTree tree(static_cast<std::size_t>(columns));
  const std::uint64_t n = r.count(12 + 24 * columns);
  for (std::uint64_t i = 0; i < n; ++i) {
    const auto level = r.get<std::int32_t>();
    const auto index = r.get<std::uint64_t>();
    if (level < 0 || level > 63 || (level > 0 && index >= (std::uint64_t{1} << (64 - level)))) {
      Reader::corrupt("bad moment node");
    }
    std::vector<Moments> moments(tree.columns_);
    for (Moments& m : moments) {
      m.count = r.get<double>();
      m.mean = r.get<double>();
      m.m2 = r.get<double>();
    }
    if (!tree.nodes_.emplace(std::make_pair(level, index), std::move(moments)).second) {
      Reader::corrupt("a moment node appears twice");
    }
  }
  return tree;
}

// =============================================================================== state
MonteCarloState::MonteCarloState(RunKey key, std::vector<TargetSpec> targets)
    : key_(key),
      targets_(std::move(targets)),
      moments_(static_cast<std::size_t>(key.n_columns)),
      sketches_(static_cast<std::size_t>(key.n_columns)),
      hits_(targets_.size(), 0) {}

std::size_t MonteCarloState::n_blocks() const noexcept {
  return static_cast<std::size_t>((key_.n_draws + kBlockRows - 1) / kBlockRows);
}

std::size_t MonteCarloState::draws() const noexcept {
  std::size_t total = 0;
  const auto n = static_cast<std::size_t>(key_.n_draws);
  for (const auto& [first, last] : blocks_) {
    total += std::min(last * kBlockRows, n) - first * kBlockRows;
  }
  return total;
}

bool MonteCarloState::complete() const noexcept {
  return blocks_.size() == 1 && blocks_.front().first == 0 && blocks_.front().second == n_blocks();
}

void MonteCarloState::add_blocks(std::size_t first, std::size_t last) {
  for (const auto& [a, b] : blocks_) {
    if (first < b && a < last) {
      throw InvalidInput("Monte Carlo states overlap: blocks [" +
                         std::to_string(std::max(first, a)) + ", " +
                         std::to_string(std::min(last, b)) + ") of " + std::to_string(kBlockRows) +
                         " draws are in both");
    }
  }
  blocks_.emplace_back(first, last);
  std::sort(blocks_.begin(), blocks_.end());
  std::vector<std::pair<std::size_t, std::size_t>> merged;
  for (const auto& range : blocks_) {
    if (!merged.empty() && merged.back().second == range.first) {
      merged.back().second = range.second;
    } else {
      merged.push_back(range);
    }
  }
  blocks_ = std::move(merged);
}

void MonteCarloState::absorb(const std::vector<QuantileSketch>& sketches,
                             const std::vector<std::uint64_t>& hits) {
  for (std::size_t c = 0; c < sketches_.size(); ++c) sketches_[c].merge(sketches[c]);
  for (std::size_t t = 0; t < hits_.size(); ++t) hits_[t] += hits[t];
}

namespace {

std::string describe_difference(const RunKey& a, const RunKey& b) {
  std::ostringstream out;
  if (a.n_draws != b.n_draws)
    out << "n_draws " << a.n_draws << " vs " << b.n_draws;
  else if (a.seed != b.seed)
    out << "seed " << a.seed << " vs " << b.seed;
  else if (a.sampler != b.sampler)
    out << "sampler " << a.sampler << " vs " << b.sampler;
  else if (a.scramble != b.scramble)
    out << "scramble " << a.scramble << " vs " << b.scramble;
  else if (a.n_columns != b.n_columns)
    out << "outputs " << a.n_columns << " vs " << b.n_columns;
  else
    out << "the model or the parameter distributions differ";
  return out.str();
}

bool same_targets(const std::vector<TargetSpec>& a, const std::vector<TargetSpec>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].column != b[i].column || bits_of(a[i].value) != bits_of(b[i].value) ||
        a[i].higher_is_better != b[i].higher_is_better) {
      return false;
    }
  }
  return true;
}

}  // namespace

void MonteCarloState::merge(const MonteCarloState& other) {
  if (!(key_ == other.key_)) {
    throw InvalidInput("Monte Carlo states of different runs cannot be merged: " +
                       describe_difference(key_, other.key_));
  }
  if (!same_targets(targets_, other.targets_)) {
    throw InvalidInput("Monte Carlo states with different targets cannot be merged");
  }
  MonteCarloState merged = *this;  // strong guarantee: *this is unchanged when merging fails
  for (const auto& [first, last] : other.blocks_) merged.add_blocks(first, last);
  merged.moments_.merge(other.moments_);
  merged.absorb(other.sketches_, other.hits_);
  *this = std::move(merged);
}

MonteCarloSummary MonteCarloState::summary(const std::vector<double>& probabilities) const {
  if (!complete()) {
    std::ostringstream message;
    message << "Monte Carlo state is partial: it holds " << draws() << " of " << key_.n_draws
            << " draws; merge the states of the missing blocks first";
    throw InvalidInput(message.str());
  }
  MonteCarloSummary s;
  s.n_draws = static_cast<std::size_t>(key_.n_draws);
  s.n_columns = static_cast<std::size_t>(key_.n_columns);
  s.probabilities = probabilities;
  const std::vector<Moments> totals = moments_.total();
  const std::size_t cols = s.n_columns;
  s.mean.resize(cols);
  s.sd.resize(cols);
  s.min.resize(cols);
  s.max.resize(cols);
  s.nan_count.resize(cols);
  s.quantiles.assign(probabilities.size() * cols, 0.0);
  for (std::size_t c = 0; c < cols; ++c) {
    const Moments& m = totals[c];
    s.mean[c] = m.mean;
    s.sd[c] = m.count > 1.0 ? std::sqrt(m.m2 / (m.count - 1.0)) : 0.0;
    const QuantileSketch& sketch = sketches_[c];
    s.nan_count[c] = sketch.nan_count();
    const bool has_nan = sketch.nan_count() > 0;
    s.min[c] = has_nan ? std::numeric_limits<double>::quiet_NaN() : sketch.min();
    s.max[c] = has_nan ? std::numeric_limits<double>::quiet_NaN() : sketch.max();
    const std::vector<double> q = sketch.quantiles(probabilities);
    for (std::size_t i = 0; i < q.size(); ++i) s.quantiles[i * cols + c] = q[i];
  }
  for (const std::uint64_t h : hits_) {
    s.target_probability.push_back(static_cast<double>(h) / static_cast<double>(key_.n_draws));
  }
  return s;
}

std::string MonteCarloState::serialize() const {
  std::string out(kMagic, sizeof kMagic);
  Writer w(out);
  w.put<std::uint32_t>(kByteOrder);
  w.put<std::uint64_t>(key_.n_draws);
  w.put<std::uint64_t>(key_.seed);
  w.put<std::uint32_t>(key_.sampler);
  w.put<std::uint8_t>(key_.scramble ? 1 : 0);
  w.put<std::uint64_t>(key_.n_columns);
  w.put<std::uint64_t>(key_.fingerprint);
  w.put<std::uint64_t>(targets_.size());
  for (const TargetSpec& t : targets_) {
    w.put<std::uint64_t>(t.column);
    w.put<double>(t.value);
    w.put<std::uint8_t>(t.higher_is_better ? 1 : 0);
  }
  w.put<std::uint64_t>(blocks_.size());
  for (const auto& [first, last] : blocks_) {
    w.put<std::uint64_t>(first);
    w.put<std::uint64_t>(last);
  }
  moments_.write(out);
  w.put<std::uint64_t>(sketches_.size());
  for (const QuantileSketch& s : sketches_) s.write(out);
  w.put<std::uint64_t>(hits_.size());
  for (const std::uint64_t h : hits_) w.put<std::uint64_t>(h);
  return out;
}

MonteCarloState MonteCarloState::deserialize(const std::string& bytes) {
  if (bytes.size() < sizeof kMagic || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0) {
    Reader::corrupt("not a Monte Carlo state");
  }
  const char* cursor = bytes.data() + sizeof kMagic;
  const char* end = bytes.data() + bytes.size();
  Reader r(cursor, end);
  if (r.get<std::uint32_t>() != kByteOrder)
    Reader::corrupt("written on a machine of other byte order");
  RunKey key;
  key.n_draws = r.get<std::uint64_t>();
  key.seed = r.get<std::uint64_t>();
  key.sampler = r.get<std::uint32_t>();
  key.scramble = r.get<std::uint8_t>() != 0;
  key.n_columns = r.count(32);
  key.fingerprint = r.get<std::uint64_t>();
  if (key.n_draws == 0 || key.sampler > 2 || key.n_columns == 0 ||
      key.n_columns > (std::uint64_t{1} << 24)) {
    Reader::corrupt("bad run description");
  }
  std::vector<TargetSpec> targets(static_cast<std::size_t>(r.count(17)));
  for (TargetSpec& t : targets) {
    t.column = static_cast<std::size_t>(r.get<std::uint64_t>());
    t.value = r.get<double>();
    t.higher_is_better = r.get<std::uint8_t>() != 0;
    if (t.column >= key.n_columns) Reader::corrupt("a target names a column out of range");
  }
  MonteCarloState state(key, std::move(targets));
  const std::uint64_t ranges = r.count(16);
  const std::size_t n_blocks = state.n_blocks();
  for (std::uint64_t i = 0; i < ranges; ++i) {
    const auto first = r.get<std::uint64_t>();
    const auto last = r.get<std::uint64_t>();
    if (!(first < last && last <= n_blocks)) Reader::corrupt("bad block range");
    state.add_blocks(static_cast<std::size_t>(first), static_cast<std::size_t>(last));
  }
  state.moments_ = BlockMomentTree::read(cursor, end);
  if (state.moments_.columns() != key.n_columns)
    Reader::corrupt("moment columns differ from the outputs");
  if (r.count(8) != key.n_columns) Reader::corrupt("sketch count differs from the outputs");
  for (QuantileSketch& s : state.sketches_) s = QuantileSketch::read(cursor, end);
  if (r.count(8) != state.hits_.size()) Reader::corrupt("hit count differs from the targets");
  for (std::uint64_t& h : state.hits_) h = r.get<std::uint64_t>();
  if (cursor != end) Reader::corrupt("trailing bytes");
  return state;
}

MonteCarloState merge_states(const std::vector<MonteCarloState>& states) {
  if (states.empty()) throw InvalidInput("merge_states: no states to merge");
  MonteCarloState out = states.front();
  for (std::size_t i = 1; i < states.size(); ++i) out.merge(states[i]);
  return out;
}

// =============================================================================== engine
namespace {

void check_outputs(const OutcomeModel& model) {
  if (model.indicator_names().empty()) throw InvalidInput("model: it declares no indicators");
  if (model.years().empty()) throw InvalidInput("model: it declares no years");
}

ParallelOptions effective(const OutcomeModel& model, const ParallelOptions& parallel) {
  ParallelOptions options = parallel;
  if (!model.thread_safe()) options.n_threads = 1;
  return options;
}

class Fingerprint {
 public:
  void bytes(const void* data, std::size_t n) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < n; ++i) {
      hash_ ^= p[i];
      hash_ *= 0x100000001b3ull;
    }
  }
  void text(const std::string& s) {
    const std::uint64_t n = s.size();
    bytes(&n, sizeof n);
    bytes(s.data(), s.size());
  }
  template <class T>
  void value(T v) {
    bytes(&v, sizeof v);
  }
  [[nodiscard]] std::uint64_t get() const noexcept { return hash_; }

 private:
  std::uint64_t hash_ = 0xcbf29ce484222325ull;  // FNV-1a
};

/// What every pass over the draws of a run needs.
struct RunContext {
  RunContext(const OutcomeModel& m, const ParameterSpace& s, const MonteCarloOptions& options)
      : model(m),
        space(s),
        map(match_inputs(m, s)),
        design(options.sampler, options.n_draws, s.size(), options.seed, options.scramble),
        d(s.size()),
        n_in(map.size()),
        n_out(m.n_outputs()),
        n(options.n_draws) {}
  const OutcomeModel& model;
  const ParameterSpace& space;
  std::vector<std::size_t> map;
  UniformDesign design;
  std::size_t d;
  std::size_t n_in;
  std::size_t n_out;
  std::size_t n;

  [[nodiscard]] std::size_t rows_of(std::size_t block) const noexcept {
    return std::min(kBlockRows, n - block * kBlockRows);
  }
};

/// Rows of a block evaluated and summarised together (a multiple of kMomentLanes).
constexpr std::size_t kSliceRows = 128;
/// Interleaved partial sums of a block's moments: row r of the block goes to lane r % 4.
constexpr std::size_t kMomentLanes = 4;

struct Scratch {
  std::vector<double> uniforms;
  std::vector<double> inputs;
  std::vector<double> outputs;
  std::vector<double> column;
};

/// Inputs of one block: written to `inputs` when given (kept inputs), to the scratch buffer
/// otherwise; returns them.
const double* generate_inputs(const RunContext& ctx, std::size_t block, Scratch& scratch,
                              double* inputs) {
  const std::size_t start = block * kBlockRows;
  const std::size_t count = ctx.rows_of(block);
  scratch.uniforms.resize(count * ctx.d);
  ctx.design.fill(start, count, scratch.uniforms.data());
  if (inputs == nullptr) {
    scratch.inputs.resize(count * ctx.n_in);
    inputs = scratch.inputs.data();
  }
  if (ctx.space.correlated()) {
    for (std::size_t r = 0; r < count; ++r) ctx.space.correlate(&scratch.uniforms[r * ctx.d]);
  }
  // Quantiles column by column, so each family is dispatched once per block.
  for (std::size_t k = 0; k < ctx.n_in; ++k) {
    ctx.space.distributions()[ctx.map[k]].quantiles(&scratch.uniforms[ctx.map[k]], ctx.d, count,
                                                    inputs + k, ctx.n_in);
  }
  return inputs;
}

/// Rows per model call: C++ models run a block in slices small enough for their outputs to stay
/// in cache while they are summarised; Python models get the whole block (one call, one GIL
/// acquisition). Every pass over a run uses the same slices, so the outputs are reproduced
/// exactly even by a model whose batches are not row by row independent.
std::size_t rows_per_call(const RunContext& ctx) {
  return ctx.model.thread_safe() ? kSliceRows : kBlockRows;
}

/// Inputs and outputs of one block (outputs in the scratch buffer); returns the outputs.
const double* generate_block(const RunContext& ctx, std::size_t block, Scratch& scratch) {
  const std::size_t count = ctx.rows_of(block);
  const double* inputs = generate_inputs(ctx, block, scratch, nullptr);
  scratch.outputs.resize(count * ctx.n_out);
  const std::size_t step = rows_per_call(ctx);
  for (std::size_t r = 0; r < count; r += step) {
    ctx.model.evaluate_batch(inputs + r * ctx.n_in, std::min(step, count - r),
                             &scratch.outputs[r * ctx.n_out]);
  }
  return scratch.outputs.data();
}

/// Run visit(worker, block) for blocks [first, last) on the worker threads. Each task borrows
/// one worker object (created on demand, at most one per thread) and returns it afterwards;
/// the workers are handed back to the caller to be merged.
template <class Worker, class Make, class Visit>
std::vector<std::unique_ptr<Worker>> run_blocks(std::size_t first, std::size_t last,
                                                const ParallelOptions& parallel, Make make,
                                                Visit visit) {
  std::mutex mutex;
  std::vector<std::unique_ptr<Worker>> all;
  std::vector<Worker*> idle;
  parallel_for(
      last - first,
      [&](std::size_t task) {
        Worker* worker = nullptr;
        {
          const std::lock_guard<std::mutex> lock(mutex);
          if (idle.empty()) {
            all.push_back(make());
            worker = all.back().get();
          } else {
            worker = idle.back();
            idle.pop_back();
          }
        }
        struct GiveBack {
          std::mutex& mutex;
          std::vector<Worker*>& idle;
          Worker* worker;
          ~GiveBack() {
            const std::lock_guard<std::mutex> lock(mutex);
            idle.push_back(worker);
          }
        } give_back{mutex, idle, worker};
        visit(*worker, first + task);
      },
      parallel);
  return all;
}

struct StreamWorker {
  explicit StreamWorker(std::size_t columns, std::size_t targets)
      : sketches(columns),
        hits(targets, 0),
        shift(columns),
        s1(columns * kMomentLanes),
        s2(columns * kMomentLanes) {}
  Scratch scratch;
  std::vector<QuantileSketch> sketches;
  std::vector<std::uint64_t> hits;
  std::vector<double> shift;        // per column: the block's first value
  std::vector<double> s1;           // per column and lane: sum of (x - shift)
  std::vector<double> s2;           // per column and lane: sum of (x - shift)^2
  std::vector<std::uint32_t> keys;  // sketch keys of one column of a slice
};

/// Add a slice of `rows` outputs (row-major, `cols` wide) that starts at row `offset` of its
/// block: column by column, so one column's sketch pages stay in cache while its values are
/// added, and the moment sums run in kMomentLanes independent lanes.
void summarise_slice(StreamWorker& w, const double* out, std::size_t rows, std::size_t cols,
                     const std::vector<TargetSpec>& targets) {
  std::vector<std::uint32_t>& keys = w.keys;
  keys.resize(rows);
  for (std::size_t c = 0; c < cols; ++c) {
    const double* x = out + c;
    const double shift = w.shift[c];
    double* s1 = &w.s1[c * kMomentLanes];
    double* s2 = &w.s2[c * kMomentLanes];
    // One pass: moment lanes, range, NaN count and sketch keys.
    double a1 = s1[0], b1 = s1[1], c1 = s1[2], d1 = s1[3];
    double a2 = s2[0], b2 = s2[1], c2 = s2[2], d2 = s2[3];
    double low = std::numeric_limits<double>::infinity(), high = -low;
    std::size_t nan = 0;
    auto visit = [&](std::size_t r, double& t1, double& t2) {
      const double v = x[r * cols];
      const double dx = v - shift;
      t1 += dx;
      t2 += dx * dx;
      low = v < low ? v : low;
      high = v > high ? v : high;
      nan += v != v ? 1u : 0u;
      keys[r] =
          static_cast<std::uint32_t>(QuantileSketch::order_key(v) >> QuantileSketch::kBucketShift);
    };
    std::size_t r = 0;
    for (; r + kMomentLanes <= rows; r += kMomentLanes) {
      visit(r, a1, a2);
      visit(r + 1, b1, b2);
      visit(r + 2, c1, c2);
      visit(r + 3, d1, d2);
    }
    double* tail1[kMomentLanes] = {&a1, &b1, &c1, &d1};
    double* tail2[kMomentLanes] = {&a2, &b2, &c2, &d2};
    for (std::size_t lane = 0; r < rows; ++r, ++lane)
      visit(r, *tail1[lane], *tail2[lane]);  // end of a block
    s1[0] = a1, s1[1] = b1, s1[2] = c1, s1[3] = d1;
    s2[0] = a2, s2[1] = b2, s2[2] = c2, s2[3] = d2;
    QuantileSketch& sketch = w.sketches[c];
    if (nan == 0) {
      sketch.add_bucket_keys(keys.data(), rows, low, high);
    } else {
      std::vector<double>& column = w.scratch.column;
      column.resize(rows);
      for (std::size_t k = 0; k < rows; ++k) column[k] = x[k * cols];
      sketch.add(column.data(), rows);
    }
  }
  for (std::size_t t = 0; t < targets.size(); ++t) {
    const TargetSpec& target = targets[t];
    std::uint64_t hits = 0;
    if (target.higher_is_better) {
      for (std::size_t r = 0; r < rows; ++r)
        hits += out[r * cols + target.column] >= target.value ? 1u : 0u;
    } else {
      for (std::size_t r = 0; r < rows; ++r)
        hits += out[r * cols + target.column] <= target.value ? 1u : 0u;
    }
    w.hits[t] += hits;
  }
}

/// Summarise blocks [first, last) of the run into `state`; keep inputs/outputs when the
/// buffers are given: they hold the rows from `first_row` on (0 for a whole run).
void stream_blocks(const RunContext& ctx, const MonteCarloOptions& options, std::size_t first,
                   std::size_t last, const ParallelOptions& parallel, MonteCarloState& state,
                   double* inputs, double* outputs, std::size_t first_row = 0) {
  const std::size_t cols = ctx.n_out;
  const std::vector<TargetSpec>& targets = options.targets;
  const std::size_t step = rows_per_call(ctx);
  std::mutex tree_mutex;
  BlockMomentTree& tree = state.moment_tree();
  auto workers = run_blocks<StreamWorker>(
      first, last, effective(ctx.model, parallel),
      [&] { return std::make_unique<StreamWorker>(cols, targets.size()); },
      [&](StreamWorker& w, std::size_t block) {
        const std::size_t start = block * kBlockRows;
        const std::size_t rows = ctx.rows_of(block);
        const double* in = generate_inputs(
            ctx, block, w.scratch, inputs ? inputs + (start - first_row) * ctx.n_in : nullptr);
        if (outputs == nullptr) w.scratch.outputs.resize(std::min(step, rows) * cols);
        std::fill(w.s1.begin(), w.s1.end(), 0.0);
        std::fill(w.s2.begin(), w.s2.end(), 0.0);
        for (std::size_t r = 0; r < rows; r += step) {
          const std::size_t count = std::min(step, rows - r);
          double* out =
              outputs ? outputs + (start - first_row + r) * cols : w.scratch.outputs.data();
          ctx.model.evaluate_batch(in + r * ctx.n_in, count, out);
          if (r == 0) std::copy(out, out + cols, w.shift.begin());
          summarise_slice(w, out, count, cols, targets);
        }
        // Moments of the block: its lanes summed in a fixed order.
        std::vector<Moments> moments(cols);
        const auto n = static_cast<double>(rows);
        for (std::size_t c = 0; c < cols; ++c) {
          const double* l1 = &w.s1[c * kMomentLanes];
          const double* l2 = &w.s2[c * kMomentLanes];
          const double s1 = (l1[0] + l1[1]) + (l1[2] + l1[3]);
          const double s2 = (l2[0] + l2[1]) + (l2[2] + l2[3]);
          double m2 = s2 - s1 * (s1 / n);
          if (m2 < 0.0) m2 = 0.0;
          moments[c] = Moments{n, w.shift[c] + s1 / n, m2};
        }
        const std::lock_guard<std::mutex> lock(tree_mutex);
        tree.add(block, std::move(moments));
      });
  for (const auto& w : workers) state.absorb(w->sketches, w->hits);
  state.add_blocks(first, last);
}

void check_run(const OutcomeModel& model, const MonteCarloOptions& options) {
  check_outputs(model);
  if (options.n_draws == 0) throw InvalidInput("monte carlo: n_draws must be positive, got 0");
  const std::size_t cols = model.n_outputs();
  for (std::size_t t = 0; t < options.targets.size(); ++t) {
    const TargetSpec& target = options.targets[t];
    if (target.column >= cols) {
      throw OutOfRange("monte carlo: target " + std::to_string(t) + " names output column " +
                       std::to_string(target.column) + " of " + std::to_string(cols));
    }
    if (std::isnan(target.value)) {
      throw InvalidInput("monte carlo: target " + std::to_string(t) + " has a NaN value");
    }
  }
}

}  // namespace

RunKey run_key(const OutcomeModel& model, const ParameterSpace& space,
               const MonteCarloOptions& options) {
  RunKey key;
  key.n_draws = options.n_draws;
  key.seed = options.seed;
  key.sampler = static_cast<std::uint32_t>(options.sampler);
  // Scrambling only matters for Sobol' points.
  key.scramble = options.sampler == Sampler::kSobol ? options.scramble : true;
  key.n_columns = model.n_outputs();
  Fingerprint f;
  for (const auto& name : model.input_names()) f.text(name);
  for (const auto& name : model.indicator_names()) f.text(name);
  for (const int year : model.years()) f.value(year);
  for (std::size_t i = 0; i < space.size(); ++i) {
    f.text(space.names()[i]);
    const Distribution& d = space.distributions()[i];
    f.value(static_cast<int>(d.kind()));
    for (const double p : d.params()) f.value(p);
    for (const double v : d.values()) f.value(v);
  }
  f.text(space.correlated_pairs());
  key.fingerprint = f.get();
  return key;
}

MonteCarloResult run_monte_carlo(const OutcomeModel& model, const ParameterSpace& space,
                                 const MonteCarloOptions& options,
                                 const ParallelOptions& parallel) {
  check_run(model, options);
  const RunContext ctx(model, space, options);
  MonteCarloResult result;
  result.input_names = model.input_names();
  result.indicator_names = model.indicator_names();
  result.years = model.years();
  result.n_draws = options.n_draws;
  result.state = MonteCarloState(run_key(model, space, options), options.targets);
  if (options.keep_draws) result.outputs.resize(ctx.n * ctx.n_out);
  if (options.keep_inputs) result.inputs.resize(ctx.n * ctx.n_in);
  const std::size_t n_blocks = (ctx.n + kBlockRows - 1) / kBlockRows;
  stream_blocks(ctx, options, 0, n_blocks, parallel, result.state,
                options.keep_inputs ? result.inputs.data() : nullptr,
                options.keep_draws ? result.outputs.data() : nullptr);
  return result;
}

namespace {

void check_range(std::size_t n, std::size_t start, std::size_t end) {
  if (!(start < end && end <= n)) {
    throw InvalidInput("simulate_draws: need 0 <= start < end <= n_draws (" + std::to_string(n) +
                       "), got [" + std::to_string(start) + ", " + std::to_string(end) + ")");
  }
  if (start % kBlockRows != 0 || (end % kBlockRows != 0 && end != n)) {
    throw InvalidInput("simulate_draws: start and end must be multiples of the block size " +
                       std::to_string(kBlockRows) + " (or end = n_draws), got [" +
                       std::to_string(start) + ", " + std::to_string(end) + ")");
  }
}

}  // namespace

MonteCarloState simulate_draws(const OutcomeModel& model, const ParameterSpace& space,
                               const MonteCarloOptions& options, std::size_t start, std::size_t end,
                               const ParallelOptions& parallel) {
  check_run(model, options);
  check_range(options.n_draws, start, end);
  const RunContext ctx(model, space, options);
  MonteCarloState state(run_key(model, space, options), options.targets);
  stream_blocks(ctx, options, start / kBlockRows, (end + kBlockRows - 1) / kBlockRows, parallel,
                state, nullptr, nullptr);
  return state;
}

MonteCarloResult simulate_range(const OutcomeModel& model, const ParameterSpace& space,
                                const MonteCarloOptions& options, std::size_t start,
                                std::size_t end, const ParallelOptions& parallel) {
  check_run(model, options);
  check_range(options.n_draws, start, end);
  const RunContext ctx(model, space, options);
  MonteCarloResult result;
  result.input_names = model.input_names();
  result.indicator_names = model.indicator_names();
  result.years = model.years();
  result.n_draws = end - start;
  result.state = MonteCarloState(run_key(model, space, options), options.targets);
  if (options.keep_draws) result.outputs.resize((end - start) * ctx.n_out);
  if (options.keep_inputs) result.inputs.resize((end - start) * ctx.n_in);
  stream_blocks(ctx, options, start / kBlockRows, (end + kBlockRows - 1) / kBlockRows, parallel,
                result.state, options.keep_inputs ? result.inputs.data() : nullptr,
                options.keep_draws ? result.outputs.data() : nullptr, start);
  return result;
}

// =============================================================================== exact quantiles
namespace {

/// Order statistics of one column still to be found, all inside one key range.
struct RankSearch {
  std::size_t column = 0;
  std::uint64_t key_low = 0;  // inclusive order-key range holding the ranks
  std::uint64_t key_high = 0;
  std::uint64_t below = 0;   // values of the column with a smaller key
  std::uint64_t inside = 0;  // values in the range
  std::vector<std::uint64_t> ranks;
  bool collect = false;  // keep the values (few) or count them in sub-ranges (many)
  int shift = 0;         // sub-range of key k: (k - key_low) >> shift
};

constexpr int kSubBits = 10;
constexpr std::size_t kSubRanges = std::size_t{1} << kSubBits;

struct SearchWorker {
  Scratch scratch;
  std::vector<std::vector<double>> values;            // per search (collect)
  std::vector<std::vector<std::uint64_t>> counts;     // per search: kSubRanges
  std::vector<std::vector<std::uint64_t>> low_keys;   // per search: smallest key per sub-range
  std::vector<std::vector<std::uint64_t>> high_keys;  // per search: largest key per sub-range
};

int bits_needed(std::uint64_t span) {
  int bits = 0;
  while (bits < 64 && (span >> bits) != 0) ++bits;
  return bits;
}

}  // namespace

std::vector<double> exact_quantiles(const OutcomeModel& model, const ParameterSpace& space,
                                    const MonteCarloState& state,
                                    const std::vector<double>& probabilities,
                                    const ParallelOptions& parallel) {
  const RunKey& key = state.key();
  if (!state.complete()) {
    throw InvalidInput("exact quantiles: the Monte Carlo state is partial (" +
                       std::to_string(state.draws()) + " of " + std::to_string(key.n_draws) +
                       " draws)");
  }
  MonteCarloOptions options;
  options.n_draws = static_cast<std::size_t>(key.n_draws);
  options.seed = key.seed;
  options.sampler = static_cast<Sampler>(key.sampler);
  options.scramble = key.scramble;
  check_run(model, options);
  if (!(run_key(model, space, options) == key)) {
    throw InvalidInput(
        "exact quantiles: the state was not produced by this model and parameter set");
  }
  for (const double p : probabilities) {
    if (!(p >= 0.0 && p <= 1.0)) {
      throw InvalidInput("quantile: probabilities must lie in [0, 1], got " + format_value(p));
    }
  }
  const std::size_t cols = static_cast<std::size_t>(key.n_columns);
  const auto& sketches = state.sketches();
  std::vector<double> result(probabilities.size() * cols, std::numeric_limits<double>::quiet_NaN());
  // Ranks needed per column; their values once found.
  std::vector<std::map<std::uint64_t, double>> found(cols);
  std::vector<RankSearch> searches;
  for (std::size_t c = 0; c < cols; ++c) {
    const QuantileSketch& sketch = sketches[c];
    const std::uint64_t n = sketch.count();
    if (n == 0 || sketch.nan_count() > 0) continue;
    std::vector<std::uint64_t> ranks;
    for (const double p : probabilities) {
      const double h = p * static_cast<double>(n - 1);
      const auto k = static_cast<std::uint64_t>(std::floor(h));
      ranks.push_back(k);
      if (k + 1 < n && h > static_cast<double>(k)) ranks.push_back(k + 1);
    }
    std::sort(ranks.begin(), ranks.end());
    ranks.erase(std::unique(ranks.begin(), ranks.end()), ranks.end());
    for (const std::uint64_t rank : ranks) {
      if (rank == 0 || sketch.min() == sketch.max()) {
        found[c][rank] = sketch.min();
        continue;
      }
      if (rank + 1 == n) {
        found[c][rank] = sketch.max();
        continue;
      }
      const QuantileSketch::Location where = sketch.locate(rank);
      const std::uint64_t key_low =
          std::max(where.key_low, QuantileSketch::order_key(sketch.min()));
      if (!searches.empty() && searches.back().column == c && searches.back().key_low == key_low) {
        searches.back().ranks.push_back(rank);
        continue;
      }
      RankSearch s;
      s.column = c;
      s.key_low = key_low;
      s.key_high = std::min(where.key_high, QuantileSketch::order_key(sketch.max()));
      s.below = where.below;
      s.inside = where.inside;
      s.ranks.push_back(rank);
      searches.push_back(std::move(s));
    }
  }
  const RunContext ctx(model, space, options);
  const std::size_t n_blocks = (ctx.n + kBlockRows - 1) / kBlockRows;
  for (int pass = 0; !searches.empty(); ++pass) {
    if (pass >= 8)
      throw NumericalError("exact quantiles: order statistics not isolated after 8 passes");
    // Values to keep per search: a budget of 2^23 values (64 MiB) shared by all searches.
    const std::uint64_t keep_limit =
        std::max<std::uint64_t>(4096, (std::uint64_t{1} << 23) / searches.size());
    for (RankSearch& s : searches) {
      s.collect = s.inside <= keep_limit;
      s.shift = std::max(0, bits_needed(s.key_high - s.key_low) - kSubBits);
    }
    // Per column, the searches on it (disjoint key ranges).
    std::vector<std::vector<std::size_t>> by_column(cols);
    for (std::size_t i = 0; i < searches.size(); ++i) by_column[searches[i].column].push_back(i);
    std::vector<std::size_t> active;
    for (std::size_t c = 0; c < cols; ++c) {
      if (!by_column[c].empty()) active.push_back(c);
    }
    const std::size_t n_search = searches.size();
    auto workers = run_blocks<SearchWorker>(
        0, n_blocks, effective(model, parallel),
        [&] {
          auto w = std::make_unique<SearchWorker>();
          w->values.resize(n_search);
          w->counts.resize(n_search);
          w->low_keys.resize(n_search);
          w->high_keys.resize(n_search);
          for (std::size_t i = 0; i < n_search; ++i) {
            if (searches[i].collect) continue;
            w->counts[i].assign(kSubRanges, 0);
            w->low_keys[i].assign(kSubRanges, std::numeric_limits<std::uint64_t>::max());
            w->high_keys[i].assign(kSubRanges, 0);
          }
          return w;
        },
        [&](SearchWorker& w, std::size_t block) {
          const std::size_t rows = ctx.rows_of(block);
          const double* out = generate_block(ctx, block, w.scratch);
          for (std::size_t r = 0; r < rows; ++r) {
            const double* row = out + r * cols;
            for (const std::size_t c : active) {
              const std::uint64_t k = QuantileSketch::order_key(row[c]);
              for (const std::size_t i : by_column[c]) {
                const RankSearch& s = searches[i];
                if (k < s.key_low || k > s.key_high) continue;
                if (s.collect) {
                  w.values[i].push_back(row[c]);
                } else {
                  const std::size_t sub = static_cast<std::size_t>((k - s.key_low) >> s.shift);
                  ++w.counts[i][sub];
                  w.low_keys[i][sub] = std::min(w.low_keys[i][sub], k);
                  w.high_keys[i][sub] = std::max(w.high_keys[i][sub], k);
                }
                break;
              }
            }
          }
        });
    std::vector<RankSearch> next;
    for (std::size_t i = 0; i < n_search; ++i) {
      const RankSearch& s = searches[i];
      if (s.collect) {
        std::vector<double> values;
        for (const auto& w : workers)
          values.insert(values.end(), w->values[i].begin(), w->values[i].end());
        if (values.size() != s.inside) {
          throw NumericalError(
              "exact quantiles: the regenerated draws differ from the first pass (column " +
              std::to_string(s.column) + "); is the model deterministic?");
        }
        std::sort(values.begin(), values.end());
        for (const std::uint64_t rank : s.ranks) found[s.column][rank] = values[rank - s.below];
        continue;
      }
      std::vector<std::uint64_t> counts(kSubRanges, 0);
      std::vector<std::uint64_t> lows(kSubRanges, std::numeric_limits<std::uint64_t>::max());
      std::vector<std::uint64_t> highs(kSubRanges, 0);
      for (const auto& w : workers) {
        for (std::size_t b = 0; b < kSubRanges; ++b) {
          counts[b] += w->counts[i][b];
          lows[b] = std::min(lows[b], w->low_keys[i][b]);
          highs[b] = std::max(highs[b], w->high_keys[i][b]);
        }
      }
      std::uint64_t total = 0;
      for (const std::uint64_t c : counts) total += c;
      if (total != s.inside) {
        throw NumericalError(
            "exact quantiles: the regenerated draws differ from the first pass (column " +
            std::to_string(s.column) + "); is the model deterministic?");
      }
      std::uint64_t below = s.below;
      std::size_t r = 0;
      for (std::size_t b = 0; b < kSubRanges && r < s.ranks.size(); ++b) {
        bool opened = false;
        while (r < s.ranks.size() && s.ranks[r] < below + counts[b]) {
          const std::uint64_t rank = s.ranks[r++];
          if (lows[b] == highs[b]) {
            found[s.column][rank] = QuantileSketch::from_order_key(lows[b]);  // one distinct value
          } else if (opened) {
            next.back().ranks.push_back(rank);
          } else {
            RankSearch narrower;
            narrower.column = s.column;
            narrower.key_low = lows[b];
            narrower.key_high = highs[b];
            narrower.below = below;
            narrower.inside = counts[b];
            narrower.ranks.push_back(rank);
            next.push_back(std::move(narrower));
            opened = true;
          }
        }
        below += counts[b];
      }
    }
    searches = std::move(next);
  }
  for (std::size_t c = 0; c < cols; ++c) {
    const QuantileSketch& sketch = sketches[c];
    const std::uint64_t n = sketch.count();
    if (n == 0 || sketch.nan_count() > 0) continue;
    for (std::size_t q = 0; q < probabilities.size(); ++q) {
      const double h = probabilities[q] * static_cast<double>(n - 1);
      const auto k = static_cast<std::uint64_t>(std::floor(h));
      double value = found[c].at(k);
      if (k + 1 < n && h > static_cast<double>(k))
        value += (h - static_cast<double>(k)) * (found[c].at(k + 1) - value);
      result[q * cols + c] = value;
    }
  }
  return result;
}

// =============================================================================== stored draws
std::vector<double> evaluate_rows(const OutcomeModel& model, const std::vector<double>& inputs,
                                  std::size_t rows, const ParallelOptions& parallel) {
  check_outputs(model);
  const std::size_t n_in = model.n_inputs();
  const std::size_t n_out = model.n_outputs();
  if (inputs.size() != rows * n_in) {
    std::ostringstream message;
    message << "evaluate: expected " << rows << " x " << n_in << " inputs, got " << inputs.size()
            << " values";
    throw InvalidInput(message.str());
  }
  std::vector<double> outputs(rows * n_out, 0.0);
  const std::size_t n_blocks = (rows + kBlockRows - 1) / kBlockRows;
  parallel_for(
      n_blocks,
      [&](std::size_t block) {
        const std::size_t start = block * kBlockRows;
        const std::size_t count = std::min(kBlockRows, rows - start);
        model.evaluate_batch(&inputs[start * n_in], count, &outputs[start * n_out]);
      },
      effective(model, parallel));
  return outputs;
}

namespace {

/// Exact type-7 quantiles of v[0..n) (v is reordered). A histogram of 4096 equal-width bins
/// locates the bin holding each needed order statistic; only those bins are then searched
/// with nth_element, so the cost is two passes over the data instead of one selection per
/// quantile. Binning is monotone in the value, so order statistics are found exactly.
void column_quantiles(double* v, std::size_t n, double lo, double hi,
                      const std::vector<double>& probabilities, std::vector<double>& out,
                      std::size_t col, std::size_t cols) {
  if (!(hi > lo) || !std::isfinite(hi - lo)) {
    // Constant column (or non-finite values): fall back to plain selection.
    for (std::size_t q = 0; q < probabilities.size(); ++q) {
      const double h = probabilities[q] * static_cast<double>(n - 1);
      const auto k = static_cast<std::size_t>(std::floor(h));
      std::nth_element(v, v + k, v + n);
      double value = v[k];
      if (k + 1 < n && h > static_cast<double>(k)) {
        const double above = *std::min_element(v + k + 1, v + n);
        value += (h - static_cast<double>(k)) * (above - value);
      }
      out[q * cols + col] = value;
    }
    return;
  }
  constexpr std::size_t kBins = 4096;
  const double scale = static_cast<double>(kBins) / (hi - lo);
  auto bin_of = [&](double x) {
    const auto b = static_cast<std::size_t>((x - lo) * scale);
    return std::min(b, kBins - 1);
  };
  std::vector<std::size_t> count(kBins + 1, 0);
  for (std::size_t i = 0; i < n; ++i) ++count[bin_of(v[i]) + 1];
  for (std::size_t b = 1; b <= kBins; ++b)
    count[b] += count[b - 1];  // count[b] = elements in bins < b
  // Order statistics needed, and the bins that hold them.
  std::vector<std::size_t> ranks;
  for (double p : probabilities) {
    const double h = p * static_cast<double>(n - 1);
    const auto k = static_cast<std::size_t>(std::floor(h));
    ranks.push_back(k);
    if (k + 1 < n) ranks.push_back(k + 1);
  }
  std::vector<std::size_t> bins;
  for (std::size_t k : ranks) {
    const auto it = std::upper_bound(count.begin(), count.end(), k);
    bins.push_back(static_cast<std::size_t>(it - count.begin()) - 1);
  }
  std::vector<std::size_t> unique_bins = bins;
  std::sort(unique_bins.begin(), unique_bins.end());
  unique_bins.erase(std::unique(unique_bins.begin(), unique_bins.end()), unique_bins.end());
  std::vector<std::vector<double>> members(unique_bins.size());
  for (std::size_t u = 0; u < unique_bins.size(); ++u) {
    members[u].reserve(count[unique_bins[u] + 1] - count[unique_bins[u]]);
  }
  std::vector<int> slot(kBins, -1);
  for (std::size_t u = 0; u < unique_bins.size(); ++u) slot[unique_bins[u]] = static_cast<int>(u);
  for (std::size_t i = 0; i < n; ++i) {
    const int u = slot[bin_of(v[i])];
    if (u >= 0) members[static_cast<std::size_t>(u)].push_back(v[i]);
  }
  auto order_statistic = [&](std::size_t k) {
    const auto it = std::upper_bound(count.begin(), count.end(), k);
    const std::size_t b = static_cast<std::size_t>(it - count.begin()) - 1;
    const auto u = static_cast<std::size_t>(
        std::lower_bound(unique_bins.begin(), unique_bins.end(), b) - unique_bins.begin());
    std::vector<double>& m = members[u];
    const std::size_t r = k - count[b];
    std::nth_element(m.begin(), m.begin() + static_cast<std::ptrdiff_t>(r), m.end());
    return m[r];
  };
  for (std::size_t q = 0; q < probabilities.size(); ++q) {
    const double h = probabilities[q] * static_cast<double>(n - 1);
    const auto k = static_cast<std::size_t>(std::floor(h));
    double value = order_statistic(k);
    if (k + 1 < n && h > static_cast<double>(k))
      value += (h - static_cast<double>(k)) * (order_statistic(k + 1) - value);
    out[q * cols + col] = value;
  }
}

}  // namespace

ColumnSummary summarize_columns(const double* data, std::size_t rows, std::size_t cols,
                                const std::vector<double>& probabilities,
                                const ParallelOptions& parallel) {
  if (rows == 0) throw InvalidInput("summary: no rows to summarise");
  if (data == nullptr) throw InvalidInput("summary: no data");
  for (double p : probabilities) {
    if (!(p >= 0.0 && p <= 1.0)) {
      throw InvalidInput("summary: quantile probabilities must lie in [0, 1], got " +
                         std::to_string(p));
    }
  }
  ColumnSummary out;
  out.mean.assign(cols, 0.0);
  out.sd.assign(cols, 0.0);
  out.quantiles.assign(probabilities.size() * cols, 0.0);
  // Work on groups of kGroup columns: one sequential pass over the rows copies a group into
  // contiguous buffers (cache-friendly for row-major draws), then each column is summarised.
  constexpr std::size_t kGroup = 8;
  const std::size_t n_groups = (cols + kGroup - 1) / kGroup;
  parallel_for(
      n_groups,
      [&](std::size_t g) {
        const std::size_t c0 = g * kGroup;
        const std::size_t width = std::min(kGroup, cols - c0);
        std::vector<double> buffer(width * rows);
        double sums[kGroup] = {}, lows[kGroup], highs[kGroup];
        for (std::size_t k = 0; k < width; ++k) lows[k] = highs[k] = data[c0 + k];
        for (std::size_t r = 0; r < rows; ++r) {
          const double* row = &data[r * cols + c0];
          for (std::size_t k = 0; k < width; ++k) {
            const double v = row[k];
            buffer[k * rows + r] = v;
            sums[k] += v;
            lows[k] = std::min(lows[k], v);
            highs[k] = std::max(highs[k], v);
          }
        }
        for (std::size_t k = 0; k < width; ++k) {
          const std::size_t c = c0 + k;
          const auto begin = buffer.begin() + static_cast<std::ptrdiff_t>(k * rows);
          const auto end = begin + static_cast<std::ptrdiff_t>(rows);
          const double mean = sums[k] / static_cast<double>(rows);
          double ss = 0.0;
          for (auto it = begin; it != end; ++it) ss += (*it - mean) * (*it - mean);
          out.mean[c] = mean;
          out.sd[c] = rows > 1 ? std::sqrt(ss / static_cast<double>(rows - 1)) : 0.0;
          column_quantiles(&*begin, rows, lows[k], highs[k], probabilities, out.quantiles, c, cols);
        }
      },
      parallel);
  return out;
}

double probability_reaching(const double* data, std::size_t rows, std::size_t cols, std::size_t col,
                            double target, bool higher_is_better) {
  if (col >= cols) throw OutOfRange("probability: column " + std::to_string(col) + " out of range");
  if (rows == 0) throw InvalidInput("probability: no draws");
  std::size_t hits = 0;
  for (std::size_t r = 0; r < rows; ++r) {
    const double v = data[r * cols + col];
    hits += higher_is_better ? (v >= target) : (v <= target);
  }
  return static_cast<double>(hits) / static_cast<double>(rows);
}

}  // namespace innozone::outcomes
