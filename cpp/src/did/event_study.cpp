// 2x2 DiD from cell means and the TWFE event study (see event_study.hpp).
#include "innozone/did/event_study.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "innozone/common/error.hpp"

namespace innozone::did {

namespace {

std::vector<int> relabel(const std::vector<double>& values, std::vector<double>* levels) {
  std::map<double, int> index;
  for (double v : values) {
    index.emplace(v, 0);
  }
  int k = 0;
  for (auto& entry : index) {
    entry.second = k++;
    if (levels != nullptr) {
      levels->push_back(entry.first);
    }
  }
  std::vector<int> out;
  out.reserve(values.size());
  for (double v : values) {
    out.push_back(index[v]);
  }
  return out;
}

}  // namespace

TwoByTwoResult two_by_two(const Eigen::VectorXd& y, const std::vector<int>& treated,
                          const std::vector<int>& post, const std::vector<int>& cluster) {
  const auto n = static_cast<std::size_t>(y.size());
  if (treated.size() != n || post.size() != n) {
    throw InvalidInput("two_by_two: outcome, treated and post differ in length (" + std::to_string(n) +
                       ", " + std::to_string(treated.size()) + ", " + std::to_string(post.size()) + ")");
  }
  TwoByTwoResult out;
  double sum[2][2] = {{0, 0}, {0, 0}};
  double sum_sq[2][2] = {{0, 0}, {0, 0}};
  for (std::size_t i = 0; i < n; ++i) {
    if ((treated[i] != 0 && treated[i] != 1) || (post[i] != 0 && post[i] != 1)) {
      throw InvalidInput("two_by_two: treated and post must be 0 or 1; observation " + std::to_string(i) +
                         " has treated=" + std::to_string(treated[i]) + ", post=" + std::to_string(post[i]));
    }
    const double v = y(static_cast<Eigen::Index>(i));
    if (!std::isfinite(v)) {
      throw InvalidInput("two_by_two: outcome of observation " + std::to_string(i) + " is not finite");
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
  std::vector<double> time_levels;
  const std::vector<int> time_index = relabel(input.time, &time_levels);
  // Relative period of every treated observation.
  std::vector<int> rel(n, 0);
  std::vector<char> treated(n, 0);
  std::set<int> observed;
  for (std::size_t i = 0; i < n; ++i) {
    const double g = input.first_treated[i];
    if (!std::isfinite(g) || g < 0) {
      throw InvalidInput("event_study: first-treated period at observation " + std::to_string(i) +
                         " is not a period or 0");
    }
    if (g == 0.0) {
      continue;
    }
    const double e = input.time[i] - g;
    if (std::fabs(e - std::round(e)) > 1e-9) {
      throw InvalidInput("event_study: time " + std::to_string(input.time[i]) + " minus first-treated " +
                         std::to_string(g) + " is not a whole number of periods");
    }
    rel[i] = static_cast<int>(std::lround(e));
    treated[i] = 1;
    observed.insert(rel[i]);
  }
  if (observed.empty()) {
    throw InvalidInput("event_study: no treated unit (every first-treated value is 0)");
  }
  int lo = *observed.begin();
  int hi = *observed.rbegin();
  if (input.window_lo <= input.window_hi) {
    lo = input.window_lo;
    hi = input.window_hi;
  }
  if (input.reference < lo || input.reference > hi) {
    throw InvalidInput("event_study: reference period " + std::to_string(input.reference) +
                       " lies outside the event window [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
  }
  std::vector<int> rel_levels;
  for (int e = lo; e <= hi; ++e) {
    if (e == input.reference) {
      continue;
    }
    bool present = false;
    for (std::size_t i = 0; i < n && !present; ++i) {
      if (treated[i] != 0) {
        const int r = input.bin_endpoints ? std::clamp(rel[i], lo, hi) : rel[i];
        present = r == e;
      }
    }
    if (present) {
      rel_levels.push_back(e);
    }
  }
  if (rel_levels.empty()) {
    throw InvalidInput("event_study: no relative period besides the reference is observed");
  }
  FeRegressionInput reg;
  reg.y = input.y;
  reg.unit = input.unit;
  reg.time = time_index;
  reg.cluster = input.cluster;
  reg.small_sample = input.small_sample;
  reg.x = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(rel_levels.size()));
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
    const auto it = std::find(rel_levels.begin(), rel_levels.end(), r);
    if (it != rel_levels.end()) {
      reg.x(static_cast<Eigen::Index>(i), it - rel_levels.begin()) = 1.0;
    }
  }
  for (int e : rel_levels) {
    reg.names.push_back("rel" + std::to_string(e));
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
    const auto it = std::find(rel_levels.begin(), rel_levels.end(), e);
    if (it == rel_levels.end()) {
      continue;
    }
    const auto k = it - rel_levels.begin();
    out.rel_time.push_back(e);
    out.coef.push_back(out.regression.coef(k));
    out.se.push_back(out.regression.se(k));
    if (e < input.reference) {
      pre_positions.push_back(static_cast<int>(k));
    }
  }
  if (!pre_positions.empty()) {
    out.pretest = wald_test(out.regression.coef, out.regression.vcov, pre_positions);
  } else {
    out.pretest.statistic = std::nan("");
    out.pretest.p_value = std::nan("");
  }
  return out;
}

}  // namespace innozone::did
