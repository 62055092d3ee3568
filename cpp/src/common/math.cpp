#include "innozone/common/math.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <utility>

#include "innozone/common/error.hpp"

namespace innozone {

double normal_cdf(double x) noexcept { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

double normal_quantile(double p) {
  if (!(p > 0.0 && p < 1.0)) {
    std::ostringstream message;
    message << "normal_quantile: probability must lie in (0, 1), got " << p;
    throw InvalidInput(message.str());
  }
  // Acklam's rational approximation (relative error about 1.15e-9) ...
  static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,  -2.759285104469687e+02,
                             1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
  static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                             6.680131188771972e+01, -1.328068155288572e+01};
  static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                             -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
  static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                             3.754408661907416e+00};
  constexpr double p_low = 0.02425;
  double x = 0.0;
  if (p < p_low) {
    const double q = std::sqrt(-2.0 * std::log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
  } else if (p <= 1.0 - p_low) {
    const double q = p - 0.5;
    const double r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
  } else {
    const double q = std::sqrt(-2.0 * std::log1p(-p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
  }
  // ... refined by one Halley step on the exact CDF.
  const double e = (p < 0.5) ? normal_cdf(x) - p : (p - 1.0) + 0.5 * std::erfc(x / std::sqrt(2.0));
  const double sign = (p < 0.5) ? 1.0 : -1.0;
  const double u = sign * e * std::sqrt(2.0 * M_PI) * std::exp(0.5 * x * x);
  return x - u / (1.0 + 0.5 * x * u);
}

namespace {

/// P(a, x) and Q(a, x) together; the one not computed directly is the complement.
std::pair<double, double> incomplete_gamma(double a, double x) {
  if (!(a > 0.0) || !(x >= 0.0)) {
    std::ostringstream message;
    message << "incomplete gamma: needs a > 0 and x >= 0, got a=" << a << ", x=" << x;
    throw InvalidInput(message.str());
  }
  if (x == 0.0) {
    return {0.0, 1.0};
  }
  if (std::isinf(x)) {
    return {1.0, 0.0};
  }
  const double log_front = -x + a * std::log(x) - std::lgamma(a);
  if (x < a + 1.0) {
    // Series: P = e^{-x} x^a / Gamma(a+1) * sum_n x^n / ((a+1)...(a+n)).
    double term = 1.0 / a;
    double sum = term;
    for (int n = 1; n < 100000; ++n) {
      term *= x / (a + n);
      sum += term;
      if (std::fabs(term) < std::fabs(sum) * 1e-17) {
        break;
      }
    }
    const double p = std::min(1.0, sum * std::exp(log_front));
    return {p, 1.0 - p};
  }
  // Continued fraction for Q (modified Lentz).
  const double tiny = 1e-300;
  double b = x + 1.0 - a;
  double c = 1.0 / tiny;
  double d = 1.0 / b;
  double h = d;
  for (int i = 1; i < 100000; ++i) {
    const double an = -i * (i - a);
    b += 2.0;
    d = an * d + b;
    if (std::fabs(d) < tiny) {
      d = tiny;
    }
    c = b + an / c;
    if (std::fabs(c) < tiny) {
      c = tiny;
    }
    d = 1.0 / d;
    const double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1.0) < 1e-16) {
      break;
    }
  }
  const double q = std::min(1.0, std::exp(log_front) * h);
  return {1.0 - q, q};
}

}  // namespace

double gamma_p(double a, double x) { return incomplete_gamma(a, x).first; }

double gamma_q(double a, double x) { return incomplete_gamma(a, x).second; }

}  // namespace innozone
