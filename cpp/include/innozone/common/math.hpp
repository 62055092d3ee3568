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

}  // namespace innozone
