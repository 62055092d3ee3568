// 2x2 DiD from cell means and the TWFE event study (see event_study.hpp).
#include "innozone/did/event_study.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "innozone/common/error.hpp"
#include "innozone/common/math.hpp"

namespace innozone::did {

TwoByTwoResult two_by_two(const Eigen::VectorXd& y, const std::vector<int>& treated,
                          const std::vector<int>& post, const std::vector<int>& cluster) {
  const auto n = static_cast<std::size_t>(y.size());
  if (treated.size() != n || post.size() != n) {
    throw InvalidInput("two_by_two: outcome, treated and post differ in length (" +
                       std::to_string(n) + ", " + std::to_string(treated.size()) + ", " +
                       std::to_string(post.size()) + ")");
  }
  TwoByTwoResult out;
  double sum[2][2] = {{0, 0}, {0, 0}};
  double sum_sq[2][2] = {{0, 0}, {0, 0}};
  for (std::size_t i = 0; i < n; ++i) {
    if ((treated[i] != 0 && treated[i] != 1) || (post[i] != 0 && post[i] != 1)) {
      throw InvalidInput("two_by_two: treated and post must be 0 or 1; observation " +
                         std::to_string(i) + " has treated=" + std::to_string(treated[i]) +
                         ", post=" + std::to_string(post[i]));
    }
    const double v = y(static_cast<Eigen::Index>(i));
    if (!std::isfinite(v)) {
      throw InvalidInput("two_by_two: outcome of observation " + std::to_string(i) +
                         " is not finite");
    }
    sum[treated[i]][post[i]] += v;
    sum_sq[treated[i]][post[i]] += v * v;
    out.count[treated[i]][post[i]] += 1;
  }
  for (int g = 0; g < 2; ++g) {
    for (int p = 0; p < 2; ++p) {
      const int c = out.count[g][p];
      if (c < 2) {
        throw InvalidInput(std::string("two_by_two: the ") + (g == 1 ? "treated" : "comparison") +
                           " group has " + std::to_string(c) + " observations " +
                           (p == 1 ? "after" : "before") + " treatment; at least 2 are needed");
      }
      out.mean[g][p] = sum[g][p] / c;
      const double var = (sum_sq[g][p] - c * out.mean[g][p] * out.mean[g][p]) / (c - 1);
      out.mean_se[g][p] = std::sqrt(std::max(var, 0.0) / c);
    }
  }
  out.did = (out.mean[1][1] - out.mean[1][0]) - (out.mean[0][1] - out.mean[0][0]);
  FeRegressionInput reg;
  reg.y = y;
  reg.x.resize(static_cast<Eigen::Index>(n), 3);
  for (std::size_t i = 0; i < n; ++i) {
    const auto r = static_cast<Eigen::Index>(i);
    reg.x(r, 0) = treated[i];
    reg.x(r, 1) = post[i];
    reg.x(r, 2) = treated[i] * post[i];
  }
  reg.names = {"treated", "post", "treated:post"};
  reg.add_constant = true;
  reg.cluster = cluster;
  const FeRegressionResult fit = fe_regression(reg);
  out.se = fit.se(3);
  out.n_clusters = fit.n_clusters;
  out.small_sample_factor = fit.small_sample_factor;
  return out;
}

EventStudyResult event_study(const EventStudyInput& input) {
  const auto n = static_cast<std::size_t>(input.y.size());
  if (input.unit.size() != n || input.time.size() != n || input.first_treated.size() != n) {
    throw InvalidInput("event_study: outcome, unit, time and first_treated differ in length");
  }
  const auto n_periods = static_cast<int>(input.period_values.size());
  for (int t = 1; t < n_periods; ++t) {
    if (!(input.period_values[static_cast<std::size_t>(t)] >
          input.period_values[static_cast<std::size_t>(t - 1)])) {
      throw InvalidInput("event_study: period values must increase strictly");
    }
  }
  // Relative period of every treated observation.
  std::vector<int> rel(n, 0);
  std::vector<char> treated(n, 0);
  int seen_lo = std::numeric_limits<int>::max();
  int seen_hi = std::numeric_limits<int>::min();
  for (std::size_t i = 0; i < n; ++i) {
    const int t = input.time[i];
    if (t < 0 || t >= n_periods) {
      throw InvalidInput("event_study: period index " + std::to_string(t) + " at observation " +
                         std::to_string(i) + " outside 0.." + std::to_string(n_periods - 1));
    }
    const double g = input.first_treated[i];
    if (!std::isfinite(g) || g < 0) {
      throw InvalidInput("event_study: first-treated period at observation " + std::to_string(i) +
                         " is not a period or 0");
    }
    if (g == 0.0) {
      continue;
    }
    const double e = input.period_values[static_cast<std::size_t>(t)] - g;
    if (std::fabs(e - std::round(e)) > 1e-9 || std::fabs(e) > 1e6) {
      throw InvalidInput(
          "event_study: period " + format_value(input.period_values[static_cast<std::size_t>(t)]) +
          " minus first-treated " + format_value(g) + " is not a whole number of periods");
    }
    rel[i] = static_cast<int>(std::lround(e));
    treated[i] = 1;
    seen_lo = std::min(seen_lo, rel[i]);
    seen_hi = std::max(seen_hi, rel[i]);
  }
  if (seen_lo > seen_hi) {
    throw InvalidInput("event_study: no treated unit (every first-treated value is 0)");
  }
  int lo = seen_lo;
  int hi = seen_hi;
  if (input.window_lo <= input.window_hi) {
    lo = input.window_lo;
    hi = input.window_hi;
  }
  if (input.reference < lo || input.reference > hi) {
    throw InvalidInput("event_study: reference period " + std::to_string(input.reference) +
                       " lies outside the event window [" + std::to_string(lo) + ", " +
                       std::to_string(hi) + "]");
  }
  // Which relative periods occur (after binning), in one pass.
  std::vector<char> present(static_cast<std::size_t>(hi - lo + 1), 0);
  for (std::size_t i = 0; i < n; ++i) {
    if (treated[i] == 0) {
      continue;
    }
    int r = rel[i];
    if (input.bin_endpoints) {
      r = std::clamp(r, lo, hi);
    } else if (r < lo || r > hi) {
      continue;
    }
    present[static_cast<std::size_t>(r - lo)] = 1;
  }
  std::vector<int> rel_levels;
  std::vector<int> position(static_cast<std::size_t>(hi - lo + 1), -1);
  for (int e = lo; e <= hi; ++e) {
    if (e != input.reference && present[static_cast<std::size_t>(e - lo)] != 0) {
      position[static_cast<std::size_t>(e - lo)] = static_cast<int>(rel_levels.size());
      rel_levels.push_back(e);
    }
  }
  if (rel_levels.empty()) {
    throw InvalidInput("event_study: no relative period besides the reference is observed");
  }
  FeRegressionInput reg;
  reg.y = input.y;
  reg.unit = input.unit;
  reg.time = input.time;
  reg.cluster = input.cluster;
  reg.weights = input.weights;
  reg.small_sample = input.small_sample;
  reg.parallel = input.parallel;
  reg.dummy_codes.assign(n, -1);
  for (std::size_t i = 0; i < n; ++i) {
    if (treated[i] == 0) {
      continue;
    }
    int r = rel[i];
    if (input.bin_endpoints) {
      r = std::clamp(r, lo, hi);
    } else if (r < lo || r > hi) {
      continue;
    }
    reg.dummy_codes[i] = position[static_cast<std::size_t>(r - lo)];
  }
  for (int e : rel_levels) {
    reg.dummy_names.push_back("rel" + std::to_string(e));
  }
  EventStudyResult out;
  out.regression = fe_regression(reg);
  std::vector<int> pre_positions;
  for (int e = lo; e <= hi; ++e) {
    if (e == input.reference) {
      out.rel_time.push_back(e);
      out.coef.push_back(0.0);
      out.se.push_back(0.0);
      continue;
    }
    const int k = position[static_cast<std::size_t>(e - lo)];
    if (k < 0) {
      continue;
    }
    out.rel_time.push_back(e);
    out.coef.push_back(out.regression.coef(k));
    out.se.push_back(out.regression.se(k));
    if (e < input.reference) {
      pre_positions.push_back(k);
    }
  }
  if (!pre_positions.empty()) {
    out.pretest = wald_test(out.regression.coef, out.regression.vcov, pre_positions);
  } else {
    out.pretest.statistic = std::numeric_limits<double>::quiet_NaN();
    out.pretest.p_value = std::numeric_limits<double>::quiet_NaN();
    out.pretest.df = 0;
    out.pretest_note = "no pre-trend test: no relative period before the reference period " +
                       std::to_string(input.reference) + " is estimated";
  }
  return out;
}

}  // namespace innozone::did
