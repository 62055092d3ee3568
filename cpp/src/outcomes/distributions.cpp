#include "innozone/outcomes/distributions.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

#include "innozone/common/error.hpp"
#include "innozone/common/math.hpp"

namespace innozone::outcomes {
namespace {

[[noreturn]] void bad(const std::string& dist, const std::string& what, double value,
                      const std::string& rule) {
  std::ostringstream message;
  message << dist << ": parameter '" << what << "' " << rule << ", got " << value;
  throw InvalidInput(message.str());
}

void require_finite(const std::string& dist, const std::string& what, double value) {
  if (!std::isfinite(value)) {
    bad(dist, what, value, "must be finite");
  }
}

double clamp_u(double u) {
  if (std::isnan(u)) {
    throw InvalidInput("quantile: probability is NaN");
  }
  return std::min(std::max(u, 1e-300), 1.0 - 1e-16);
}

// Continued fraction of the incomplete beta function (modified Lentz).
double beta_cf(double a, double b, double x) {
  const double tiny = 1e-300;
  double c = 1.0;
  double d = 1.0 - (a + b) * x / (a + 1.0);
  if (std::fabs(d) < tiny) d = tiny;
  d = 1.0 / d;
  double h = d;
  for (int m = 1; m <= 10000; ++m) {
    const double m2 = 2.0 * m;
    double aa = m * (b - m) * x / ((a + m2 - 1.0) * (a + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < tiny) d = tiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1.0 / d;
    h *= d * c;
    aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0));
    d = 1.0 + aa * d;
    if (std::fabs(d) < tiny) d = tiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1.0 / d;
    const double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1.0) < 1e-16) {
      return h;
    }
  }
  return h;
}

// Invert a continuous increasing CDF on [lo, hi] with Newton steps kept inside a bracket.
template <class Cdf, class Pdf>
double invert(double p, double lo, double hi, double x, Cdf cdf, Pdf pdf) {
  for (int it = 0; it < 200; ++it) {
    const double f = cdf(x) - p;
    if (f > 0.0) {
      hi = x;
    } else {
      lo = x;
    }
    const double dens = pdf(x);
    double next = (dens > 0.0 && std::isfinite(dens)) ? x - f / dens : 0.5 * (lo + hi);
    if (!(next > lo && next < hi)) {
      next = 0.5 * (lo + hi);
    }
    if (std::fabs(next - x) <= 1e-15 * std::fabs(x) + 1e-300 || hi - lo <= 1e-15 * hi) {
      return next;
    }
    x = next;
  }
  return x;
}

}  // namespace

double beta_inc(double a, double b, double x) {
  if (!(a > 0.0) || !(b > 0.0) || !(x >= 0.0 && x <= 1.0)) {
    std::ostringstream message;
    message << "beta_inc: needs a, b > 0 and x in [0, 1], got a=" << a << ", b=" << b
            << ", x=" << x;
    throw InvalidInput(message.str());
  }
  if (x == 0.0) return 0.0;
  if (x == 1.0) return 1.0;
  const double log_front =
      std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
  if (x < (a + 1.0) / (a + b + 2.0)) {
    return std::exp(log_front) * beta_cf(a, b, x) / a;
  }
  return 1.0 - std::exp(log_front) * beta_cf(b, a, 1.0 - x) / b;
}

double gamma_p_inverse(double a, double p) {
  if (!(p > 0.0 && p < 1.0)) {
    std::ostringstream message;
    message << "gamma_p_inverse: probability must lie in (0, 1), got " << p;
    throw InvalidInput(message.str());
  }
  // Wilson-Hilferty start.
  const double z = normal_quantile(p);
  const double h = 1.0 / (9.0 * a);
  double x0 = a * std::pow(std::max(1.0 - h + z * std::sqrt(h), 1e-3), 3.0);
  double hi = std::max(1.0, a) * 2.0;
  while (gamma_p(a, hi) < p) hi *= 2.0;
  x0 = std::min(std::max(x0, 1e-300), hi);
  // Near zero P(a, x) ~ x^a / Gamma(a + 1); use that start when it is closer.
  const double small = std::exp((std::log(p) + std::lgamma(a + 1.0)) / a);
  if (small < hi && std::fabs(gamma_p(a, small) - p) < std::fabs(gamma_p(a, x0) - p)) x0 = small;
  const double lg = std::lgamma(a);
  return invert(
      p, 0.0, hi, x0, [a](double x) { return gamma_p(a, x); },
      [a, lg](double x) { return x > 0.0 ? std::exp(-x + (a - 1.0) * std::log(x) - lg) : 0.0; });
}

double beta_inc_inverse(double a, double b, double p) {
  if (!(p > 0.0 && p < 1.0)) {
    std::ostringstream message;
    message << "beta_inc_inverse: probability must lie in (0, 1), got " << p;
    throw InvalidInput(message.str());
  }
  const double lb = std::lgamma(a) + std::lgamma(b) - std::lgamma(a + b);
  const double x0 = std::min(std::max(a / (a + b), 1e-12), 1.0 - 1e-12);
  return invert(
      p, 0.0, 1.0, x0, [a, b](double x) { return beta_inc(a, b, x); },
      [a, b, lb](double x) {
        return (x > 0.0 && x < 1.0)
                   ? std::exp((a - 1.0) * std::log(x) + (b - 1.0) * std::log1p(-x) - lb)
                   : 0.0;
      });
}

Distribution Distribution::fixed(double value) {
  require_finite("fixed", "value", value);
  return Distribution(DistKind::kFixed, {value});
}

Distribution Distribution::uniform(double low, double high) {
  require_finite("uniform", "low", low);
  require_finite("uniform", "high", high);
  if (!(high > low)) bad("uniform", "high", high, "must exceed low (" + std::to_string(low) + ")");
  return Distribution(DistKind::kUniform, {low, high});
}

Distribution Distribution::normal(double mean, double sd) {
  require_finite("normal", "mean", mean);
  if (!(sd > 0.0) || !std::isfinite(sd)) bad("normal", "sd", sd, "must be positive and finite");
  return Distribution(DistKind::kNormal, {mean, sd});
}

Distribution Distribution::lognormal(double mu, double sigma) {
  require_finite("lognormal", "mu", mu);
  if (!(sigma > 0.0) || !std::isfinite(sigma))
    bad("lognormal", "sigma", sigma, "must be positive and finite");
  return Distribution(DistKind::kLogNormal, {mu, sigma});
}

Distribution Distribution::triangular(double low, double mode, double high) {
  require_finite("triangular", "low", low);
  require_finite("triangular", "mode", mode);
  require_finite("triangular", "high", high);
  if (!(high > low)) bad("triangular", "high", high, "must exceed low");
  if (mode < low || mode > high) bad("triangular", "mode", mode, "must lie in [low, high]");
  return Distribution(DistKind::kTriangular, {low, mode, high});
}

Distribution Distribution::pert(double low, double mode, double high, double lambda) {
  require_finite("pert", "low", low);
  require_finite("pert", "mode", mode);
  require_finite("pert", "high", high);
  if (!(high > low)) bad("pert", "high", high, "must exceed low");
  if (mode < low || mode > high) bad("pert", "mode", mode, "must lie in [low, high]");
  if (!(lambda > 0.0) || !std::isfinite(lambda)) bad("pert", "lambda", lambda, "must be positive");
  const double alpha = 1.0 + lambda * (mode - low) / (high - low);
  const double beta = 1.0 + lambda * (high - mode) / (high - low);
  return Distribution(DistKind::kPert, {low, mode, high, lambda, alpha, beta});
}

Distribution Distribution::beta(double alpha, double beta, double low, double high) {
  if (!(alpha > 0.0) || !std::isfinite(alpha)) bad("beta", "alpha", alpha, "must be positive");
  if (!(beta > 0.0) || !std::isfinite(beta)) bad("beta", "beta", beta, "must be positive");
  require_finite("beta", "low", low);
  require_finite("beta", "high", high);
  if (!(high > low)) bad("beta", "high", high, "must exceed low");
  return Distribution(DistKind::kBeta, {alpha, beta, low, high});
}

Distribution Distribution::gamma(double shape, double scale) {
  if (!(shape > 0.0) || !std::isfinite(shape)) bad("gamma", "shape", shape, "must be positive");
  if (!(scale > 0.0) || !std::isfinite(scale)) bad("gamma", "scale", scale, "must be positive");
  return Distribution(DistKind::kGamma, {shape, scale});
}

Distribution Distribution::poisson(double mean) {
  if (!(mean > 0.0) || !std::isfinite(mean) || mean > 1e7) {
    bad("poisson", "mean", mean, "must be positive and at most 1e7");
  }
  return Distribution(DistKind::kPoisson, {mean});
}

Distribution Distribution::negative_binomial(double r, double p) {
  if (!(r > 0.0) || !std::isfinite(r)) bad("negative_binomial", "r", r, "must be positive");
  if (!(p > 0.0 && p <= 1.0)) bad("negative_binomial", "p", p, "must lie in (0, 1]");
  return Distribution(DistKind::kNegativeBinomial, {r, p});
}

Distribution Distribution::empirical(std::vector<double> values) {
  if (values.empty()) throw InvalidInput("empirical: 'values' is empty");
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i])) {
      std::ostringstream message;
      message << "empirical: values[" << i << "] is not finite (" << values[i] << ")";
      throw InvalidInput(message.str());
    }
  }
  std::sort(values.begin(), values.end());
  Distribution d(DistKind::kEmpirical, {static_cast<double>(values.size())});
  d.values_ = std::move(values);
  return d;
}

std::string Distribution::name() const {
  switch (kind_) {
    case DistKind::kFixed:
      return "fixed";
    case DistKind::kUniform:
      return "uniform";
    case DistKind::kNormal:
      return "normal";
    case DistKind::kLogNormal:
      return "lognormal";
    case DistKind::kTriangular:
      return "triangular";
    case DistKind::kPert:
      return "pert";
    case DistKind::kBeta:
      return "beta";
    case DistKind::kGamma:
      return "gamma";
    case DistKind::kPoisson:
      return "poisson";
    case DistKind::kNegativeBinomial:
      return "negative_binomial";
    case DistKind::kEmpirical:
      return "empirical";
  }
  return "unknown";
}

std::string Distribution::describe() const {
  std::ostringstream out;
  out << name() << "(";
  const std::size_t shown = kind_ == DistKind::kPert ? 4 : params_.size();
  for (std::size_t i = 0; i < shown; ++i) {
    out << (i ? ", " : "") << params_[i];
  }
  out << ")";
  return out.str();
}

double Distribution::quantile(double u) const {
  u = clamp_u(u);
  const auto& q = params_;
  switch (kind_) {
    case DistKind::kFixed:
      return q[0];
    case DistKind::kUniform:
      return q[0] + u * (q[1] - q[0]);
    case DistKind::kNormal:
      return q[0] + q[1] * normal_quantile(u);
    case DistKind::kLogNormal:
      return std::exp(q[0] + q[1] * normal_quantile(u));
    case DistKind::kTriangular: {
      const double a = q[0], c = q[1], b = q[2];
      const double fc = (c - a) / (b - a);
      // Same grouping as quantiles(), so both give bit-identical values.
      if (u < fc) return a + std::sqrt(u * ((b - a) * (c - a)));
      return b - std::sqrt((1.0 - u) * ((b - a) * (b - c)));
    }
    case DistKind::kPert:
      return q[0] + (q[2] - q[0]) * beta_inc_inverse(q[4], q[5], u);
    case DistKind::kBeta:
      return q[2] + (q[3] - q[2]) * beta_inc_inverse(q[0], q[1], u);
    case DistKind::kGamma:
      return q[1] * gamma_p_inverse(q[0], u);
    case DistKind::kPoisson: {
      const double lambda = q[0];
      if (lambda < 200.0) {
        double pmf = std::exp(-lambda);
        double cdf = pmf;
        double k = 0.0;
        while (cdf < u && k < 1e6) {
          k += 1.0;
          pmf *= lambda / k;
          cdf += pmf;
        }
        return k;
      }
      // Large mean: bisection on the CDF P(X <= k) = 1 - P(k+1, lambda).
      double lo = -1.0;
      double hi = std::ceil(lambda + 20.0 * std::sqrt(lambda) + 20.0);
      while (hi - lo > 1.0) {
        const double mid = std::floor(0.5 * (lo + hi));
        if (1.0 - gamma_p(mid + 1.0, lambda) >= u)
          hi = mid;
        else
          lo = mid;
      }
      return hi;
    }
    case DistKind::kNegativeBinomial: {
      const double r = q[0], p = q[1];
      if (p == 1.0) return 0.0;
      const double mean = r * (1.0 - p) / p;
      if (mean < 500.0) {
        double pmf = std::exp(r * std::log(p));
        double cdf = pmf;
        double k = 0.0;
        while (cdf < u && k < 1e7) {
          pmf *= (k + r) / (k + 1.0) * (1.0 - p);
          k += 1.0;
          cdf += pmf;
        }
        return k;
      }
      const double sd = std::sqrt(r * (1.0 - p)) / p;
      double lo = -1.0;
      double hi = std::ceil(mean + 40.0 * sd + 40.0);
      while (hi - lo > 1.0) {
        const double mid = std::floor(0.5 * (lo + hi));
        if (beta_inc(r, mid + 1.0, p) >= u)
          hi = mid;
        else
          lo = mid;
      }
      return hi;
    }
    case DistKind::kEmpirical: {
      const std::size_t n = values_.size();
      auto index = static_cast<std::size_t>(std::ceil(u * static_cast<double>(n)));
      index = std::min(std::max<std::size_t>(index, 1), n);
      return values_[index - 1];
    }
  }
  return std::numeric_limits<double>::quiet_NaN();
}

void Distribution::quantiles(const double* u, std::size_t u_stride, std::size_t count, double* out,
                             std::size_t out_stride) const {
  const auto& q = params_;
  switch (kind_) {
    case DistKind::kFixed:
      for (std::size_t i = 0; i < count; ++i) out[i * out_stride] = q[0];
      return;
    case DistKind::kUniform: {
      const double width = q[1] - q[0];
      for (std::size_t i = 0; i < count; ++i)
        out[i * out_stride] = q[0] + clamp_u(u[i * u_stride]) * width;
      return;
    }
    case DistKind::kTriangular: {
      const double a = q[0], c = q[1], b = q[2];
      const double fc = (c - a) / (b - a);
      const double left = (b - a) * (c - a);
      const double right = (b - a) * (b - c);
      for (std::size_t i = 0; i < count; ++i) {
        const double p = clamp_u(u[i * u_stride]);
        out[i * out_stride] = p < fc ? a + std::sqrt(p * left) : b - std::sqrt((1.0 - p) * right);
      }
      return;
    }
    case DistKind::kLogNormal:
      for (std::size_t i = 0; i < count; ++i) {
        out[i * out_stride] = std::exp(q[0] + q[1] * normal_quantile(clamp_u(u[i * u_stride])));
      }
      return;
    default:
      for (std::size_t i = 0; i < count; ++i) out[i * out_stride] = quantile(u[i * u_stride]);
      return;
  }
}

double Distribution::cdf(double x) const {
  const auto& q = params_;
  switch (kind_) {
    case DistKind::kFixed:
      return x >= q[0] ? 1.0 : 0.0;
    case DistKind::kUniform:
      return std::min(1.0, std::max(0.0, (x - q[0]) / (q[1] - q[0])));
    case DistKind::kNormal:
      return normal_cdf((x - q[0]) / q[1]);
    case DistKind::kLogNormal:
      return x <= 0.0 ? 0.0 : normal_cdf((std::log(x) - q[0]) / q[1]);
    case DistKind::kTriangular: {
      const double a = q[0], c = q[1], b = q[2];
      if (x <= a) return 0.0;
      if (x >= b) return 1.0;
      if (x <= c) return (x - a) * (x - a) / ((b - a) * (c - a));
      return 1.0 - (b - x) * (b - x) / ((b - a) * (b - c));
    }
    case DistKind::kPert:
      if (x <= q[0]) return 0.0;
      if (x >= q[2]) return 1.0;
      return beta_inc(q[4], q[5], (x - q[0]) / (q[2] - q[0]));
    case DistKind::kBeta:
      if (x <= q[2]) return 0.0;
      if (x >= q[3]) return 1.0;
      return beta_inc(q[0], q[1], (x - q[2]) / (q[3] - q[2]));
    case DistKind::kGamma:
      return x <= 0.0 ? 0.0 : gamma_p(q[0], x / q[1]);
    case DistKind::kPoisson:
      return x < 0.0 ? 0.0 : 1.0 - gamma_p(std::floor(x) + 1.0, q[0]);
    case DistKind::kNegativeBinomial:
      return x < 0.0 ? 0.0 : (q[1] == 1.0 ? 1.0 : beta_inc(q[0], std::floor(x) + 1.0, q[1]));
    case DistKind::kEmpirical: {
      const auto it = std::upper_bound(values_.begin(), values_.end(), x);
      return static_cast<double>(it - values_.begin()) / static_cast<double>(values_.size());
    }
  }
  return std::numeric_limits<double>::quiet_NaN();
}

double Distribution::mean() const {
  const auto& q = params_;
  switch (kind_) {
    case DistKind::kFixed:
      return q[0];
    case DistKind::kUniform:
      return 0.5 * (q[0] + q[1]);
    case DistKind::kNormal:
      return q[0];
    case DistKind::kLogNormal:
      return std::exp(q[0] + 0.5 * q[1] * q[1]);
    case DistKind::kTriangular:
      return (q[0] + q[1] + q[2]) / 3.0;
    case DistKind::kPert:
      return q[0] + (q[2] - q[0]) * q[4] / (q[4] + q[5]);
    case DistKind::kBeta:
      return q[2] + (q[3] - q[2]) * q[0] / (q[0] + q[1]);
    case DistKind::kGamma:
      return q[0] * q[1];
    case DistKind::kPoisson:
      return q[0];
    case DistKind::kNegativeBinomial:
      return q[0] * (1.0 - q[1]) / q[1];
    case DistKind::kEmpirical: {
      double sum = 0.0;
      for (double v : values_) sum += v;
      return sum / static_cast<double>(values_.size());
    }
  }
  return std::numeric_limits<double>::quiet_NaN();
}

double Distribution::variance() const {
  const auto& q = params_;
  switch (kind_) {
    case DistKind::kFixed:
      return 0.0;
    case DistKind::kUniform:
      return (q[1] - q[0]) * (q[1] - q[0]) / 12.0;
    case DistKind::kNormal:
      return q[1] * q[1];
    case DistKind::kLogNormal: {
      const double s2 = q[1] * q[1];
      return std::expm1(s2) * std::exp(2.0 * q[0] + s2);
    }
    case DistKind::kTriangular: {
      const double a = q[0], c = q[1], b = q[2];
      return (a * a + b * b + c * c - a * b - a * c - b * c) / 18.0;
    }
    case DistKind::kPert:
    case DistKind::kBeta: {
      const double al = kind_ == DistKind::kPert ? q[4] : q[0];
      const double be = kind_ == DistKind::kPert ? q[5] : q[1];
      const double width = kind_ == DistKind::kPert ? q[2] - q[0] : q[3] - q[2];
      return width * width * al * be / ((al + be) * (al + be) * (al + be + 1.0));
    }
    case DistKind::kGamma:
      return q[0] * q[1] * q[1];
    case DistKind::kPoisson:
      return q[0];
    case DistKind::kNegativeBinomial:
      return q[0] * (1.0 - q[1]) / (q[1] * q[1]);
    case DistKind::kEmpirical: {
      const double m = mean();
      double sum = 0.0;
      for (double v : values_) sum += (v - m) * (v - m);
      return sum / static_cast<double>(values_.size());
    }
  }
  return std::numeric_limits<double>::quiet_NaN();
}

}  // namespace innozone::outcomes
