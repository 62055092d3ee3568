// GoogleTest suite of the streaming Monte Carlo engine: keyed LHS permutations, the quantile
// sketch, the block moment tree, mergeable states and exact quantiles by regeneration.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "innozone/common/error.hpp"
#include "innozone/outcomes/cohorts.hpp"
#include "innozone/outcomes/montecarlo.hpp"
#include "innozone/outcomes/sampling.hpp"

using namespace innozone;
using namespace innozone::outcomes;

namespace {

/// y1 = a + 2b, y2 = max(0, a - 0.7) (70 % ties at zero), y3 = -exp(3 c) (negative, skewed).
class MixedModel : public OutcomeModel {
 public:
  std::vector<std::string> input_names() const override { return {"a", "b", "c"}; }
  std::vector<std::string> indicator_names() const override { return {"y1", "y2", "y3"}; }
  std::vector<int> years() const override { return {2030}; }
  void evaluate(const double* x, double* out) const override {
    out[0] = x[0] + 2.0 * x[1];
    out[1] = std::max(0.0, x[0] - 0.7);
    out[2] = -std::exp(3.0 * x[2]);
  }
};

ParameterSpace mixed_space(double width = 1.0) {
  ParameterSpace s;
  s.add("a", Distribution::uniform(0.0, width));
  s.add("b", Distribution::uniform(1.0, 1.0 + width));
  s.add("c", Distribution::normal(0.0, 1.0));
  return s;
}

ZoneModel zone_model() {
  ZoneModelSpec spec;
  spec.years = {2025, 2026, 2027, 2028, 2029};
  spec.phase1_transfers = 209.0;  // a test value (technology transfers of the previous phase)
  spec.budget = {36, 36, 36, 36, 36};
  spec.initial_years = {2020, 2021};
  spec.initial_ric = {8, 9};
  spec.initial_startups = {15, 16};
  return ZoneModel(spec);
}

ParameterSpace zone_space() {
  ParameterSpace space;
  const std::vector<double> lo = {190, 0.5, 0.8, 0.15, 0.3, 0.6, 0.4, 0.5, 8, 6, 5};
  const ZoneModel model = zone_model();
  const auto names = model.input_names();
  for (std::size_t i = 0; i < names.size(); ++i)
    space.add(names[i], Distribution::uniform(lo[i], lo[i] * 1.2));
  return space;
}

/// Exact type-7 quantile of a copy of v.
double exact_quantile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  const double h = p * static_cast<double>(v.size() - 1);
  const auto k = static_cast<std::size_t>(std::floor(h));
  double value = v[k];
  if (k + 1 < v.size() && h > static_cast<double>(k))
    value += (h - static_cast<double>(k)) * (v[k + 1] - value);
  return value;
}

}  // namespace

// ------------------------------------------------------------------------------- LHS
TEST(KeyedPermutation, IsABijectionForEverySize) {
  for (std::uint64_t n :
       {1ull, 2ull, 3ull, 5ull, 7ull, 16ull, 17ull, 100ull, 1000ull, 1024ull, 4097ull}) {
    const KeyedPermutation perm(n, 42, 7);
    std::vector<char> seen(n, 0);
    for (std::uint64_t i = 0; i < n; ++i) {
      const std::uint64_t j = perm(i);
      ASSERT_LT(j, n);
      ASSERT_EQ(seen[j], 0) << "n = " << n << ": " << j << " hit twice";
      seen[j] = 1;
    }
  }
  EXPECT_THROW(KeyedPermutation(0, 1, 1), InvalidInput);
}

// Different keys give different, uncorrelated permutations: Spearman's rho between two of them,
// and between a permutation and the identity, is within 4 / sqrt(n) of zero (n = 10000).
TEST(KeyedPermutation, KeysGiveIndependentLookingPermutations) {
  const std::uint64_t n = 10000;
  const KeyedPermutation a(n, 1, 1), b(n, 1, 2), c(n, 2, 1);
  double sab = 0, sai = 0;
  std::size_t same = 0;
  const double mean = (static_cast<double>(n) - 1) / 2;
  for (std::uint64_t i = 0; i < n; ++i) {
    sab += (static_cast<double>(a(i)) - mean) * (static_cast<double>(b(i)) - mean);
    sai += (static_cast<double>(a(i)) - mean) * (static_cast<double>(i) - mean);
    same += a(i) == c(i) ? 1 : 0;
  }
  const double var = static_cast<double>(n) * (static_cast<double>(n) * n - 1) / 12.0;
  EXPECT_LT(std::fabs(sab / var), 4.0 / std::sqrt(static_cast<double>(n)));
  EXPECT_LT(std::fabs(sai / var), 4.0 / std::sqrt(static_cast<double>(n)));
  EXPECT_LT(same, 20u);  // about 1 fixed point expected between unrelated permutations
}

// Any row range of a design equals the same rows of the whole design, for every sampler.
TEST(UniformDesign, RowsDoNotDependOnTheSplit) {
  const std::size_t n = 5000, d = 4;
  for (Sampler sampler : {Sampler::kMonteCarlo, Sampler::kLatinHypercube, Sampler::kSobol}) {
    const UniformDesign design(sampler, n, d, 11);
    std::vector<double> whole(n * d), piece(n * d);
    design.fill(0, n, whole.data());
    for (std::size_t start = 0; start < n;) {
      const std::size_t count = std::min<std::size_t>(n - start, 777 + start % 5);
      design.fill(start, count, &piece[start * d]);
      start += count;
    }
    EXPECT_EQ(whole, piece);
  }
  // LHS: one point per stratum and dimension.
  const UniformDesign lhs(Sampler::kLatinHypercube, n, d, 3);
  std::vector<double> u(n * d);
  lhs.fill(0, n, u.data());
  for (std::size_t j = 0; j < d; ++j) {
    std::set<std::size_t> strata;
    for (std::size_t i = 0; i < n; ++i) strata.insert(static_cast<std::size_t>(u[i * d + j] * n));
    EXPECT_EQ(strata.size(), n);
  }
}

// ------------------------------------------------------------------------------- sketch
TEST(QuantileSketch, OrderKeySortsLikeTheValues) {
  const std::vector<double> values = {-INFINITY, -1e300, -3.5, -1e-300, -0.0,
                                      0.0,       1e-310, 2.5,  1e300,   INFINITY};
  for (std::size_t i = 1; i < values.size(); ++i) {
    EXPECT_LT(QuantileSketch::order_key(values[i - 1]), QuantileSketch::order_key(values[i]))
        << values[i];
  }
  for (double v : values) {
    EXPECT_EQ(QuantileSketch::from_order_key(QuantileSketch::order_key(v)), v);
    EXPECT_EQ(std::signbit(QuantileSketch::from_order_key(QuantileSketch::order_key(v))),
              std::signbit(v));
  }
}

// Stated error: every quantile within kRelativeError * max(|x_(k)|, |x_(k+1)|) of the exact one.
TEST(QuantileSketch, QuantilesWithinTheStatedErrorOfExactOnes) {
  std::mt19937_64 rng(5);
  std::lognormal_distribution<double> heavy(0.0, 2.5);
  std::normal_distribution<double> normal(-3.0, 10.0);
  std::uniform_int_distribution<int> ties(0, 3);
  std::vector<std::vector<double>> columns(4);
  for (int i = 0; i < 20001; ++i) {
    columns[0].push_back(heavy(rng));
    columns[1].push_back(normal(rng));
    columns[2].push_back(ties(rng));
    columns[3].push_back(3.25);
  }
  const std::vector<double> probs = {0.0, 0.001, 0.05, 0.25, 0.5, 0.75, 0.95, 0.999, 1.0};
  for (const auto& column : columns) {
    QuantileSketch sketch;
    for (double x : column) sketch.add(x);
    std::vector<double> sorted = column;
    std::sort(sorted.begin(), sorted.end());
    const auto q = sketch.quantiles(probs);
    for (std::size_t i = 0; i < probs.size(); ++i) {
      const double h = probs[i] * (sorted.size() - 1);
      const auto k = static_cast<std::size_t>(h);
      const double scale =
          std::max(std::fabs(sorted[k]), std::fabs(sorted[std::min(k + 1, sorted.size() - 1)]));
      EXPECT_LE(std::fabs(q[i] - exact_quantile(column, probs[i])),
                QuantileSketch::kRelativeError * scale)
          << "p = " << probs[i];
    }
    EXPECT_EQ(q.front(), sorted.front());  // min and max are exact
    EXPECT_EQ(q.back(), sorted.back());
  }
  // A constant column is exact everywhere; a NaN makes every quantile NaN.
  QuantileSketch constant;
  for (int i = 0; i < 10; ++i) constant.add(3.25);
  EXPECT_EQ(constant.quantile(0.37), 3.25);
  constant.add(NAN);
  EXPECT_TRUE(std::isnan(constant.quantile(0.5)));
  EXPECT_EQ(constant.nan_count(), 1u);
  EXPECT_THROW((void)constant.quantiles({1.5}), InvalidInput);
}

TEST(QuantileSketch, MergingIsExactAndOrderIndependent) {
  std::mt19937_64 rng(9);
  std::normal_distribution<double> normal(2.0, 5.0);
  QuantileSketch whole, a, b, c;
  for (int i = 0; i < 3000; ++i) {
    const double x = normal(rng);
    whole.add(x);
    (i % 3 == 0 ? a : i % 3 == 1 ? b : c).add(x);
  }
  QuantileSketch abc = a, cba = c;
  abc.merge(b);
  abc.merge(c);
  cba.merge(b);
  cba.merge(a);
  EXPECT_TRUE(abc == whole);
  EXPECT_TRUE(cba == whole);
  std::string bytes;
  whole.write(bytes);
  const char* cursor = bytes.data();
  const QuantileSketch back = QuantileSketch::read(cursor, bytes.data() + bytes.size());
  EXPECT_TRUE(back == whole);
  EXPECT_EQ(back.quantile(0.3), whole.quantile(0.3));
}

// ------------------------------------------------------------------------------- moments
TEST(BlockMomentTree, SameTotalForAnyOrderAndGrouping) {
  std::mt19937_64 rng(3);
  std::normal_distribution<double> normal(1e6, 3.0);  // large mean, small spread
  const std::size_t blocks = 37;
  std::vector<std::vector<Moments>> leaves;
  std::vector<double> all;
  for (std::size_t b = 0; b < blocks; ++b) {
    double sum = 0;
    std::vector<double> xs;
    for (int i = 0; i < 100; ++i) {
      xs.push_back(normal(rng));
      sum += xs.back();
    }
    const double mean = sum / 100;
    double m2 = 0;
    for (double x : xs) m2 += (x - mean) * (x - mean);
    leaves.push_back({Moments{100, mean, m2}});
    all.insert(all.end(), xs.begin(), xs.end());
  }
  BlockMomentTree forward(1), shuffled(1), left(1), right(1);
  for (std::size_t b = 0; b < blocks; ++b) forward.add(b, leaves[b]);
  std::vector<std::size_t> order(blocks);
  std::iota(order.begin(), order.end(), 0);
  std::shuffle(order.begin(), order.end(), rng);
  for (std::size_t b : order) shuffled.add(b, leaves[b]);
  for (std::size_t b : order) (b % 2 ? left : right).add(b, leaves[b]);
  right.merge(left);
  const Moments f = forward.total()[0], s = shuffled.total()[0], m = right.total()[0];
  EXPECT_EQ(f.mean, s.mean);
  EXPECT_EQ(f.m2, s.m2);
  EXPECT_EQ(f.mean, m.mean);
  EXPECT_EQ(f.m2, m.m2);
  // Against a two-pass computation on all values.
  const double mean = std::accumulate(all.begin(), all.end(), 0.0) / all.size();
  double m2 = 0;
  for (double x : all) m2 += (x - mean) * (x - mean);
  EXPECT_NEAR(f.mean, mean, 1e-12 * mean);
  EXPECT_NEAR(f.m2, m2, 1e-9 * m2);
  EXPECT_THROW(forward.add(3, leaves[3]), InvalidInput);
}

// ------------------------------------------------------------------------------- states
// The state of a run equals the merge of partial states of any split, merged in any order,
// and does not depend on the thread count.
TEST(MonteCarloState, AnySplitAndMergeOrderGivesTheSameState) {
  const ZoneModel model = zone_model();
  const ParameterSpace space = zone_space();
  for (Sampler sampler : {Sampler::kMonteCarlo, Sampler::kLatinHypercube, Sampler::kSobol}) {
    MonteCarloOptions options;
    options.n_draws = 10 * kBlockRows + 123;
    options.seed = 77;
    options.sampler = sampler;
    options.targets = {{9, 4000.0, true}, {3, 150.0, false}};
    ParallelOptions one, two;
    one.n_threads = 1;
    two.n_threads = 2;
    const MonteCarloResult whole = run_monte_carlo(model, space, options, one);
    EXPECT_EQ(whole.state.serialize(),
              run_monte_carlo(model, space, options, two).state.serialize());
    EXPECT_TRUE(whole.outputs.empty());
    EXPECT_TRUE(whole.inputs.empty());
    const std::vector<std::vector<std::size_t>> splits = {
        {0, options.n_draws},
        {0, 3 * kBlockRows, options.n_draws},
        {0, kBlockRows, 2 * kBlockRows, 7 * kBlockRows, options.n_draws}};
    for (const auto& cuts : splits) {
      std::vector<MonteCarloState> parts;
      for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
        parts.push_back(simulate_draws(model, space, options, cuts[i], cuts[i + 1], two));
        EXPECT_FALSE(parts.back().complete() && cuts.size() > 2);
      }
      std::reverse(parts.begin(), parts.end());
      const MonteCarloState merged = merge_states(parts);
      EXPECT_TRUE(merged.complete());
      EXPECT_EQ(merged.serialize(), whole.state.serialize());
    }
  }
}

TEST(MonteCarloState, SummaryAgreesWithTheStoredDraws) {
  const MixedModel model;
  const ParameterSpace space = mixed_space();
  MonteCarloOptions options;
  options.n_draws = 20000;
  options.seed = 4;
  options.sampler = Sampler::kLatinHypercube;
  options.keep_draws = true;
  options.keep_inputs = true;
  options.targets = {{0, 2.0, true}, {2, -1.0, false}};
  const MonteCarloResult run = run_monte_carlo(model, space, options);
  ASSERT_EQ(run.outputs.size(), 3 * options.n_draws);
  ASSERT_EQ(run.inputs.size(), 3 * options.n_draws);
  const std::vector<double> probs = {0.0, 0.05, 0.5, 0.95, 1.0};
  const MonteCarloSummary s = run.state.summary(probs);
  const ColumnSummary exact = summarize_columns(run.outputs.data(), options.n_draws, 3, probs);
  for (std::size_t c = 0; c < 3; ++c) {
    EXPECT_NEAR(s.mean[c], exact.mean[c], 1e-12 * std::fabs(exact.mean[c]) + 1e-15);
    EXPECT_NEAR(s.sd[c], exact.sd[c], 1e-10 * exact.sd[c]);
    for (std::size_t q = 0; q < probs.size(); ++q) {
      const double want = exact.quantiles[q * 3 + c];
      EXPECT_LE(std::fabs(s.quantiles[q * 3 + c] - want),
                2 * QuantileSketch::kRelativeError * std::fabs(want) + 1e-300)
          << "column " << c << " p " << probs[q];
    }
  }
  EXPECT_DOUBLE_EQ(s.target_probability[0],
                   probability_reaching(run.outputs.data(), options.n_draws, 3, 0, 2.0, true));
  EXPECT_DOUBLE_EQ(s.target_probability[1],
                   probability_reaching(run.outputs.data(), options.n_draws, 3, 2, -1.0, false));
  // Exact quantiles by regeneration equal those of the stored draws, bit for bit, including the
  // tied column (70 % zeros) and a column whose values all fall in one sketch bucket.
  EXPECT_EQ(exact_quantiles(model, space, run.state, probs), exact.quantiles);
  const ParameterSpace narrow = mixed_space(1e-4);  // y1 in [2, 2.0003]: one or two sketch buckets
  options.n_draws = 60000;
  const MonteCarloResult tight = run_monte_carlo(model, narrow, options);
  const ColumnSummary tight_exact =
      summarize_columns(tight.outputs.data(), options.n_draws, 3, probs);
  EXPECT_EQ(exact_quantiles(model, narrow, tight.state, probs), tight_exact.quantiles);
  EXPECT_THROW((void)exact_quantiles(model, space, tight.state, probs),
               InvalidInput);  // other parameters
}

TEST(MonteCarloState, RefusesBadMergesRangesAndPartialSummaries) {
  const ZoneModel model = zone_model();
  const ParameterSpace space = zone_space();
  MonteCarloOptions options;
  options.n_draws = 4 * kBlockRows;
  const MonteCarloState a = simulate_draws(model, space, options, 0, 2 * kBlockRows);
  const MonteCarloState b = simulate_draws(model, space, options, kBlockRows, 3 * kBlockRows);
  try {
    merge_states({a, b});
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("overlap"), std::string::npos) << e.what();
  }
  try {
    (void)a.summary({0.5});
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("2048 of 4096 draws"), std::string::npos) << e.what();
  }
  MonteCarloOptions other = options;
  other.seed = 1;
  const MonteCarloState c = simulate_draws(model, space, other, 2 * kBlockRows, 4 * kBlockRows);
  try {
    merge_states({a, c});
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("seed 0 vs 1"), std::string::npos) << e.what();
  }
  EXPECT_THROW(simulate_draws(model, space, options, 100, 2 * kBlockRows), InvalidInput);
  EXPECT_THROW(simulate_draws(model, space, options, 0, 5 * kBlockRows), InvalidInput);
  EXPECT_THROW(simulate_draws(model, space, options, kBlockRows, kBlockRows), InvalidInput);
  MonteCarloOptions bad_target = options;
  bad_target.targets = {{100000, 1.0, true}};
  EXPECT_THROW(run_monte_carlo(model, space, bad_target), OutOfRange);
  bad_target.targets = {{1, NAN, true}};
  EXPECT_THROW(run_monte_carlo(model, space, bad_target), InvalidInput);
  EXPECT_THROW(merge_states({}), InvalidInput);
}

// Serialisation round-trips, and every truncation or corruption is refused with InvalidInput
// (never a crash or an unbounded allocation).
TEST(MonteCarloState, SerialisationRoundTripsAndRefusesCorruptData) {
  const MixedModel model;
  const ParameterSpace space = mixed_space();
  MonteCarloOptions options;
  options.n_draws = 3000;
  options.targets = {{1, 0.1, true}};
  const MonteCarloState state = run_monte_carlo(model, space, options).state;
  const std::string bytes = state.serialize();
  const MonteCarloState back = MonteCarloState::deserialize(bytes);
  EXPECT_EQ(back.serialize(), bytes);
  EXPECT_EQ(back.summary({0.5}).quantiles, state.summary({0.5}).quantiles);
  for (std::size_t cut = 0; cut < bytes.size(); cut += 7) {
    EXPECT_THROW(MonteCarloState::deserialize(bytes.substr(0, cut)), InvalidInput)
        << "cut at " << cut;
  }
  std::mt19937_64 rng(1);
  std::size_t refused = 0;
  for (int trial = 0; trial < 2000; ++trial) {
    std::string corrupt = bytes;
    const std::size_t at = rng() % corrupt.size();
    corrupt[at] = static_cast<char>(corrupt[at] ^ static_cast<char>(1 + rng() % 255));
    try {
      const MonteCarloState s = MonteCarloState::deserialize(corrupt);
      (void)s.complete();
    } catch (const InvalidInput&) {
      ++refused;
    }
  }
  EXPECT_GT(refused, 0u);
}

// ------------------------------------------------------------------------------- ranges with draws
TEST(MonteCarloRange, KeptRowsOfASplitAreTheWholeRunsRows) {
  const ZoneModel model = zone_model();
  const ParameterSpace space = zone_space();
  MonteCarloOptions options;
  options.n_draws = 3 * kBlockRows + 77;
  options.seed = 17;
  options.sampler = Sampler::kLatinHypercube;
  options.keep_draws = true;
  options.keep_inputs = true;
  const MonteCarloResult whole = run_monte_carlo(model, space, options);
  const std::size_t cols = model.n_outputs();
  const std::size_t n_in = model.n_inputs();
  const std::vector<std::size_t> cuts = {0, kBlockRows, 3 * kBlockRows, options.n_draws};
  std::vector<MonteCarloState> states;
  for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
    const MonteCarloResult part = simulate_range(model, space, options, cuts[i], cuts[i + 1]);
    const std::size_t rows = cuts[i + 1] - cuts[i];
    ASSERT_EQ(part.n_draws, rows);
    ASSERT_EQ(part.outputs.size(), rows * cols);
    ASSERT_EQ(part.inputs.size(), rows * n_in);
    for (std::size_t k = 0; k < rows * cols; ++k) {
      ASSERT_EQ(part.outputs[k], whole.outputs[cuts[i] * cols + k])
          << "range " << i << " value " << k;
    }
    for (std::size_t k = 0; k < rows * n_in; ++k) {
      ASSERT_EQ(part.inputs[k], whole.inputs[cuts[i] * n_in + k])
          << "range " << i << " input " << k;
    }
    states.push_back(part.state);
  }
  EXPECT_EQ(merge_states(states).serialize(), whole.state.serialize());
  // Without keep flags the range holds its state only.
  options.keep_draws = false;
  options.keep_inputs = false;
  const MonteCarloResult bare = simulate_range(model, space, options, kBlockRows, 3 * kBlockRows);
  EXPECT_TRUE(bare.outputs.empty());
  EXPECT_TRUE(bare.inputs.empty());
  EXPECT_THROW(simulate_range(model, space, options, 5, kBlockRows), InvalidInput);
  EXPECT_THROW(simulate_range(model, space, options, 0, options.n_draws + 1), InvalidInput);
}
