/// @file math.hpp
/// @brief Small numerical helpers shared by the engines.
#pragma once

namespace innozone {

/// Standard normal cumulative distribution function.
double normal_cdf(double x) noexcept;

/// Inverse of the standard normal CDF for p in (0, 1); relative error below 1e-15
/// (Acklam's rational approximation refined by one Halley step).
/// Throws InvalidInput when p is outside (0, 1).
double normal_quantile(double p);

/// Regularised lower incomplete gamma P(a, x) for a > 0, x >= 0 (series for x < a + 1,
/// continued fraction otherwise). Throws InvalidInput outside the domain.
double gamma_p(double a, double x);

/// Regularised upper incomplete gamma Q(a, x) = 1 - P(a, x), computed directly in the
/// tail (no cancellation), as p-values need. Throws InvalidInput outside the domain.
double gamma_q(double a, double x);

}  // namespace innozone
