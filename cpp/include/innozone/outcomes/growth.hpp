/// @file growth.hpp
/// @brief Growth rates and nonlinear growth-curve fits (exponential, logistic, Gompertz) by
/// Levenberg-Marquardt, with standard errors, convergence diagnostics and delta-method bands.
#pragma once

#include <string>
#include <vector>

namespace innozone::outcomes {

/// Compound annual growth rate (end / start)^(1 / years) - 1. Throws InvalidInput unless
/// start > 0, end >= 0 and years > 0.
double cagr(double start, double end, double years);

enum class GrowthCurve { kExponential, kLogistic, kGompertz };
GrowthCurve parse_growth_curve(const std::string& name);

/// A fitted growth curve. Time is measured in the caller's unit (usually calendar years).
/// Parameters:
///   exponential  y = a exp(b (t - t0))           [a, b]      (t0 = first time point)
///   logistic     y = K / (1 + exp(-r (t - m)))    [K, r, m]
///   gompertz     y = K exp(-exp(-r (t - m)))      [K, r, m]
struct GrowthFit {
  GrowthCurve curve = GrowthCurve::kExponential;
  std::vector<std::string> parameter_names;
  std::vector<double> parameters;
  std::vector<double> standard_errors;
  std::vector<double> covariance;  ///< p x p row-major
  double t0 = 0.0;
  double sse = 0.0;    ///< sum of squared residuals
  double sigma = 0.0;  ///< residual standard deviation, sqrt(sse / (n - p))
  int n_points = 0;
  int iterations = 0;
  bool converged = false;
  std::string convergence;  ///< why the iterations stopped
  double gradient_norm = 0.0;
  double condition_number = 0.0;  ///< of J^T J at the solution
  bool identified = false;
  std::string message;  ///< when not identified: why

  [[nodiscard]] double predict(double t) const;
};

/// Fit a curve by Levenberg-Marquardt. Throws InvalidInput for bad data and NumericalError
/// when the data cannot identify the parameters (fewer than p + 1 points). A fit that runs
/// but whose parameters the data pin down poorly comes back with identified = false.
GrowthFit fit_growth(GrowthCurve curve, const std::vector<double>& t, const std::vector<double>& y,
                     int max_iterations = 200, double tolerance = 1e-10);

/// Projection with a delta-method band: the mean curve's variance is g' C g (g the gradient
/// in the parameters); `prediction` adds the residual variance sigma^2.
struct GrowthProjection {
  std::vector<double> t;
  std::vector<double> mean;
  std::vector<double> lower;
  std::vector<double> upper;
  double level = 0.9;
};
GrowthProjection project_growth(const GrowthFit& fit, const std::vector<double>& t,
                                double level = 0.9, bool prediction = false);

}  // namespace innozone::outcomes
