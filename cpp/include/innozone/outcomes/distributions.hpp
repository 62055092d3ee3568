/// @file distributions.hpp
/// @brief Probability distributions of uncertain model inputs, sampled by inverse CDF.
///
/// Every distribution maps a uniform number u in (0, 1) to a value through its quantile
/// function, so the same distribution works with plain Monte Carlo, Latin hypercube,
/// Sobol' points and a Gaussian copula. Units are those of the parameter it describes.
#pragma once

#include "innozone/common/math.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace innozone::outcomes {

/// Kinds of distribution supported by the Monte Carlo engine.
enum class DistKind {
  kFixed,
  kUniform,
  kNormal,
  kLogNormal,
  kTriangular,
  kPert,
  kBeta,
  kGamma,
  kPoisson,
  kNegativeBinomial,
  kEmpirical
};

/// One uncertain input. Build it with the named factories, which validate parameters
/// and throw InvalidInput naming the parameter (`what`) and the bad value.
class Distribution {
 public:
  static Distribution fixed(double value);
  static Distribution uniform(double low, double high);
  static Distribution normal(double mean, double sd);
  /// Log-normal with log-scale location `mu` and log-scale sd `sigma`.
  static Distribution lognormal(double mu, double sigma);
  static Distribution triangular(double low, double mode, double high);
  /// Beta-PERT on [low, high] with `mode` and shape `lambda` (4 is the classical PERT).
  static Distribution pert(double low, double mode, double high, double lambda = 4.0);
  /// Beta(alpha, beta) rescaled to [low, high].
  static Distribution beta(double alpha, double beta, double low = 0.0, double high = 1.0);
  /// Gamma with shape k and scale theta (mean k*theta).
  static Distribution gamma(double shape, double scale);
  static Distribution poisson(double mean);
  /// Number of failures before the r-th success, success probability p (r may be real).
  static Distribution negative_binomial(double r, double p);
  /// The empirical distribution of `values` (each value has mass 1/n).
  static Distribution empirical(std::vector<double> values);

  [[nodiscard]] DistKind kind() const noexcept { return kind_; }
  [[nodiscard]] const std::vector<double>& params() const noexcept { return params_; }
  [[nodiscard]] const std::vector<double>& values() const noexcept { return values_; }
  [[nodiscard]] std::string name() const;
  [[nodiscard]] std::string describe() const;

  /// Quantile function F^{-1}(u), u in (0, 1) (u = 0 or 1 is clamped to the support).
  [[nodiscard]] double quantile(double u) const;
  /// Quantiles of `count` probabilities read with stride `u_stride`, written with stride
  /// `out_stride` (the family is dispatched once, not per value).
  void quantiles(const double* u, std::size_t u_stride, std::size_t count, double* out,
                 std::size_t out_stride) const;
  /// Cumulative distribution function.
  [[nodiscard]] double cdf(double x) const;
  [[nodiscard]] double mean() const;
  [[nodiscard]] double variance() const;
  [[nodiscard]] bool is_fixed() const noexcept { return kind_ == DistKind::kFixed; }

 private:
  Distribution(DistKind kind, std::vector<double> params)
      : kind_(kind), params_(std::move(params)) {}
  DistKind kind_;
  std::vector<double> params_;
  std::vector<double> values_;  // sorted sample of an empirical distribution
};

/// Regularised lower incomplete gamma P(a, x) (shared with other areas: common/math.hpp).
using innozone::gamma_p;
/// Regularised incomplete beta I_x(a, b).
double beta_inc(double a, double b, double x);
/// Inverse of P(a, .) : the x with P(a, x) = p.
double gamma_p_inverse(double a, double p);
/// Inverse of I_.(a, b) : the x with I_x(a, b) = p.
double beta_inc_inverse(double a, double b, double p);

}  // namespace innozone::outcomes
