/// @file regression.hpp
/// @brief Linear regression with absorbed two-way fixed effects, optional regression
///        (analytic) weights and cluster-robust (CR1) standard errors: the engine
///        behind 2x2 DiD, TWFE and event studies.
///
/// Variance convention (stated once, used everywhere in this area):
///   V = c * (X'WX)^-1 [ sum_g (X_g'W_g u_g)(X_g'W_g u_g)' ] (X'WX)^-1,
///   c = G/(G-1) * (N-1)/(N-K)                                     (CR1)
/// where G is the number of clusters, N the number of observations (not the sum of
/// the weights: analytic weights, pyfixest's default "aweights") and K the number of
/// parameters the factor counts. With F absorbed fixed effects of L_1..L_F levels,
/// K_fe = sum L_f - (F - 1) (one level of every further effect is redundant). Then
///  - `SmallSample::kNested` (default; R fixest `ssc(fixef.K = "nested")`, pyfixest
///    `k_fixef="nonnested"`, Stata reghdfe): effects whose levels are nested within
///    the clusters are left out of K_fe, but one parameter is kept for each of them
///    (the constant they absorb): K = p + K_fe - sum_nested L_f + #nested;
///  - `SmallSample::kFull` (fixest `fixef.K = "full"`, an OLS with explicit dummy
///    columns: Stata `regress ..., vce(cluster c)`, statsmodels `cov_type="cluster"`):
///    K = p + K_fe;
///  - `SmallSample::kNone` (fixest `fixef.K = "none"`): K = p, the slopes only.
/// p counts the regressors (including the constant when one is added).
#pragma once

#include <Eigen/Core>

#include <string>
#include <vector>

#include "innozone/common/parallel.hpp"

namespace innozone::did {

/// How the CR1 degrees-of-freedom factor counts absorbed fixed effects.
enum class SmallSample { kNested, kFull, kNone };

/// A linear model y = X b + unit effect + time effect + e on long data.
struct FeRegressionInput {
  Eigen::VectorXd y;               ///< outcome, one entry per observation
  Eigen::MatrixXd x;               ///< regressors of interest (no constant), N x p
  std::vector<int> unit;           ///< unit index 0..U-1 per observation (empty: no unit effects)
  std::vector<int> time;           ///< period index 0..T-1 per observation (empty: no time effects)
  std::vector<int> cluster;        ///< cluster index per observation (empty: cluster by unit,
                                   ///< or heteroskedasticity-robust when there are no units)
  std::vector<std::string> names;  ///< names of the p regressors (for messages)
  bool add_constant = false;       ///< add an intercept (only when no fixed effects are absorbed)
  SmallSample small_sample = SmallSample::kNested;
  /// Empty, or a positive regression weight per observation (analytic weights: weighted
  /// least squares, weighted within transformation, N = number of observations).
  Eigen::VectorXd weights;
  /// Empty, or per observation the index (0..D-1) of the one 0/1 dummy regressor that is 1
  /// there, or -1 for none: D sparse dummy columns appended after `x` (event-time
  /// dummies). They are never stored densely before the within transformation.
  std::vector<int> dummy_codes;
  std::vector<std::string> dummy_names;  ///< D names (their count defines D)
  /// Threads for the within transformation (one column per task; the result does not
  /// depend on the thread count).
  ParallelOptions parallel;
};

struct FeRegressionResult {
  std::vector<std::string> names;  ///< regressor names (with "const" first when added)
  Eigen::VectorXd coef;            ///< estimates
  Eigen::MatrixXd vcov;            ///< CR1 cluster-robust covariance
  Eigen::VectorXd se;              ///< sqrt(diag(vcov))
  int n_obs = 0;
  int n_clusters = 0;
  int n_params = 0;                  ///< K used in the small-sample factor
  double small_sample_factor = 1.0;  ///< c above
  double r2_within = 0.0;            ///< R^2 of the demeaned regression
  int demean_iterations = 0;         ///< most alternating-projection sweeps any column needed
};

/// Estimate the model; throws InvalidInput for inconsistent sizes or indices and
/// NumericalError when the regressors are collinear with the fixed effects (the
/// message names the regressor).
FeRegressionResult fe_regression(const FeRegressionInput& input);

/// Wald test of R b = 0 for a subset of coefficients (by position) with the
/// regression's cluster-robust covariance: statistic, degrees of freedom and the
/// chi-square p-value.
struct WaldTest {
  double statistic = 0.0;
  int df = 0;
  double p_value = 1.0;
};
WaldTest wald_test(const Eigen::VectorXd& coef, const Eigen::MatrixXd& vcov,
                   const std::vector<int>& which);

/// Upper tail P(X > x) of a chi-square with df degrees of freedom.
double chi2_sf(double x, double df);

}  // namespace innozone::did
