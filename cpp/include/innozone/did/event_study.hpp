/// @file event_study.hpp
/// @brief Canonical 2x2 difference-in-differences from cell means, and the dynamic
///        two-way fixed-effects event study with a reference period and a joint
///        pre-trend test. Both use the CR1 convention of regression.hpp.
#pragma once

#include <Eigen/Core>

#include <string>
#include <vector>

#include "innozone/did/regression.hpp"

namespace innozone::did {

/// 2x2 DiD on (repeated) cross-sections or a two-period panel.
struct TwoByTwoResult {
  /// Cell means [group][period]: group 0 = comparison, 1 = treated; period 0 = before.
  double mean[2][2] = {{0, 0}, {0, 0}};
  double mean_se[2][2] = {{0, 0}, {0, 0}};  ///< standard error of each cell mean
  int count[2][2] = {{0, 0}, {0, 0}};
  double did = 0.0;  ///< (treated after - before) - (comparison after - before)
  double se = 0.0;   ///< CR1 standard error of the interaction coefficient
  int n_clusters = 0;
  double small_sample_factor = 1.0;
};

/// y: outcomes; treated, post: 0/1 per observation; cluster: optional cluster index per
/// observation (empty: heteroskedasticity-robust HC1, i.e. every observation its own
/// cluster). The DiD equals the interaction of y ~ 1 + treated + post + treated*post.
TwoByTwoResult two_by_two(const Eigen::VectorXd& y, const std::vector<int>& treated,
                          const std::vector<int>& post, const std::vector<int>& cluster);

struct EventStudyInput {
  Eigen::VectorXd y;      ///< outcome per observation
  std::vector<int> unit;  ///< unit index 0..U-1
  std::vector<int> time;  ///< period index 0..T-1 per observation
  /// Value of each period index (strictly increasing): years, or the periods' ranks
  /// when they are not numbers. Relative periods are differences of these values.
  std::vector<double> period_values;
  std::vector<double> first_treated;  ///< per observation, a period value; 0 = never treated
  std::vector<int> cluster;           ///< empty: cluster by unit
  Eigen::VectorXd weights;            ///< empty, or positive regression weights (analytic)
  int reference = -1;                 ///< omitted relative period
  /// Event window [lo, hi]; relative periods outside are binned into the end points
  /// when `bin_endpoints`, else their observations are dropped from the treated units'
  /// dummies (they then act like the reference). lo > hi means "all observed".
  int window_lo = 1;
  int window_hi = 0;
  bool bin_endpoints = true;
  SmallSample small_sample = SmallSample::kNested;
  ParallelOptions parallel;  ///< threads of the within transformation
};

struct EventStudyResult {
  std::vector<int> rel_time;     ///< relative periods, including the reference (coef 0)
  std::vector<double> coef, se;  ///< se = 0 for the reference
  FeRegressionResult regression;
  /// Joint Wald test that all pre-period coefficients are 0; df = 0 and NaN statistic
  /// when there is no pre-period coefficient (then `pretest_note` says why).
  WaldTest pretest;
  std::string pretest_note;
};

EventStudyResult event_study(const EventStudyInput& input);

}  // namespace innozone::did
