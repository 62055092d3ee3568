/// @file regression.hpp
/// @brief Linear regression with absorbed two-way fixed effects and cluster-robust
///        (CR1) standard errors: the engine behind 2x2 DiD, TWFE and event studies.
///
/// Variance convention (stated once, used everywhere in this area):
///   V = c * (X'X)^-1 [ sum_g (X_g'u_g)(X_g'u_g)' ] (X'X)^-1,
///   c = G/(G-1) * (N-1)/(N-K)                                     (CR1)
/// where G is the number of clusters, N the number of observations and K the number of
/// estimated parameters: the slopes plus the fixed-effect parameters. With
/// `SmallSample::kNested` (the default, as in Stata's reghdfe and R's fixest) fixed
/// effects whose levels are nested within clusters (unit effects when clustering by
/// unit) are not counted in K; with `SmallSample::kFull` every fixed-effect parameter
/// is counted, which is what an OLS with explicit dummy columns reports (Stata
/// `regress ..., vce(cluster c)`, statsmodels `cov_type="cluster"`).
#pragma once

#include <Eigen/Core>

#include <string>
#include <vector>

namespace innozone::did {

/// How the CR1 degrees-of-freedom factor counts absorbed fixed effects.
enum class SmallSample { kNested, kFull };

/// A linear model y = X b + unit effect + time effect + e on long data.
struct FeRegressionInput {
  Eigen::VectorXd y;            ///< outcome, one entry per observation
  Eigen::MatrixXd x;            ///< regressors of interest (no constant), N x p
  std::vector<int> unit;        ///< unit index 0..U-1 per observation (empty: no unit effects)
  std::vector<int> time;        ///< period index 0..T-1 per observation (empty: no time effects)
  std::vector<int> cluster;     ///< cluster index per observation (empty: cluster by unit,
                                ///< or heteroskedasticity-robust when there are no units)
  std::vector<std::string> names;  ///< names of the p regressors (for messages)
  bool add_constant = false;    ///< add an intercept (only when no fixed effects are absorbed)
  SmallSample small_sample = SmallSample::kNested;
};

struct FeRegressionResult {
  std::vector<std::string> names;  ///< regressor names (with "const" first when added)
  Eigen::VectorXd coef;            ///< estimates
  Eigen::MatrixXd vcov;            ///< CR1 cluster-robust covariance
  Eigen::VectorXd se;              ///< sqrt(diag(vcov))
  int n_obs = 0;
  int n_clusters = 0;
  int n_params = 0;          ///< K used in the small-sample factor
  double small_sample_factor = 1.0;  ///< c above
  double r2_within = 0.0;    ///< R^2 of the demeaned regression
  int demean_iterations = 0; ///< alternating-projection sweeps used
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
