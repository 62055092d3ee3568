#include "innozone/outcomes/survival.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "innozone/common/error.hpp"
#include "innozone/common/math.hpp"
#include "innozone/common/parallel.hpp"

namespace innozone::outcomes {
namespace {

constexpr double kLogSqrt2Pi = 0.91893853320467274178;

/// Values of the standard variable W at z: log density g, log survival h, their first two
/// derivatives, the survival S_W(z), the density f_W(z) and the hazard f_W / S_W.
struct Standard {
  double g = 0.0, g1 = 0.0, g2 = 0.0;
  double h = 0.0, h1 = 0.0, h2 = 0.0;
  double survival = 1.0;
  double density = 0.0;
  double hazard = 0.0;
};

double logistic(double z) noexcept {
  return z >= 0.0 ? 1.0 / (1.0 + std::exp(-z)) : std::exp(z) / (1.0 + std::exp(z));
}

double softplus(double z) noexcept {
  return std::max(z, 0.0) + std::log1p(std::exp(-std::fabs(z)));
}

/// Mills ratio m(z) = phi(z) / Q(z) and log Q(z) of the standard normal upper tail.
void normal_tail(double z, double& log_q, double& mills) {
  if (z < 30.0) {
    const double q = 0.5 * std::erfc(z / std::sqrt(2.0));
    const double phi = std::exp(-0.5 * z * z - kLogSqrt2Pi);
    log_q = std::log(q);
    mills = phi / q;
    return;
  }
  // Laplace's continued fraction: Q(z) / phi(z) = 1 / (z + 1 / (z + 2 / (z + 3 / ...))).
  double fraction = z;
  for (int k = 40; k >= 1; --k) fraction = z + k / fraction;
  mills = fraction;
  log_q = -0.5 * z * z - kLogSqrt2Pi - std::log(mills);
}

/// Log density (event = true) or log survival of W at z, with its first two derivatives:
/// what the likelihood needs, without the extra exponentials of standard().
inline void log_terms(SurvivalModel model, double z, bool event, double& q, double& q1,
                      double& q2) {
  switch (model) {
    case SurvivalModel::kWeibull: {
      const double ez = std::exp(z);
      q = event ? z - ez : -ez;
      q1 = event ? 1.0 - ez : -ez;
      q2 = -ez;
      return;
    }
    case SurvivalModel::kLogNormal: {
      if (event) {
        q = -0.5 * z * z - kLogSqrt2Pi;
        q1 = -z;
        q2 = -1.0;
        return;
      }
      double log_q = 0.0;
      double mills = 0.0;
      normal_tail(z, log_q, mills);
      q = log_q;
      q1 = -mills;
      q2 = -mills * (mills - z);
      return;
    }
    case SurvivalModel::kLogLogistic: {
      const double p = logistic(z);
      const double sp = softplus(z);
      q = event ? z - 2.0 * sp : -sp;
      q1 = event ? 1.0 - 2.0 * p : -p;
      q2 = (event ? -2.0 : -1.0) * p * (1.0 - p);
      return;
    }
  }
}

Standard standard(SurvivalModel model, double z) {
  Standard w;
  switch (model) {
    case SurvivalModel::kWeibull: {
      const double ez = std::exp(z);
      w.g = z - ez;
      w.g1 = 1.0 - ez;
      w.g2 = -ez;
      w.h = -ez;
      w.h1 = -ez;
      w.h2 = -ez;
      w.hazard = ez;
      break;
    }
    case SurvivalModel::kLogNormal: {
      double log_q = 0.0;
      double mills = 0.0;
      normal_tail(z, log_q, mills);
      w.g = -0.5 * z * z - kLogSqrt2Pi;
      w.g1 = -z;
      w.g2 = -1.0;
      w.h = log_q;
      w.h1 = -mills;
      w.h2 = -mills * (mills - z);
      w.hazard = mills;
      break;
    }
    case SurvivalModel::kLogLogistic: {
      const double p = logistic(z);
      const double sp = softplus(z);
      w.g = z - 2.0 * sp;
      w.g1 = 1.0 - 2.0 * p;
      w.g2 = -2.0 * p * (1.0 - p);
      w.h = -sp;
      w.h1 = -p;
      w.h2 = -p * (1.0 - p);
      w.hazard = p;
      break;
    }
  }
  w.survival = std::exp(w.h);
  w.density = std::exp(w.g);
  return w;
}

/// z at which S_W(z) = s.
double standard_quantile(SurvivalModel model, double s) {
  switch (model) {
    case SurvivalModel::kWeibull:
      return std::log(-std::log(s));
    case SurvivalModel::kLogNormal:
      return -normal_quantile(s);
    case SurvivalModel::kLogLogistic:
      return std::log((1.0 - s) / s);
  }
  return 0.0;
}

void check_level(double level, const std::string& what) {
  if (!(level > 0.0 && level < 1.0)) {
    throw InvalidInput(what + ": confidence level must lie in (0, 1), got " + format_value(level));
  }
}

/// Log-likelihood, gradient and Hessian in (mu, s = log sigma).
struct Objective {
  double value = 0.0;
  double grad[2] = {0.0, 0.0};
  double hess[3] = {0.0, 0.0, 0.0};  // (mu mu, mu s, s s)
};

/// Add w * q(z) with z = (y - mu) / sigma and q', q'' given, to the objective.
inline void add_term(Objective& o, double w, double z, double sigma, double q, double q1,
                     double q2) noexcept {
  o.value += w * q;
  o.grad[0] += w * (-q1 / sigma);
  o.grad[1] += w * (-z * q1);
  o.hess[0] += w * q2 / (sigma * sigma);
  o.hess[1] += w * (q1 + z * q2) / sigma;
  o.hess[2] += w * (z * q1 + z * z * q2);
}

/// Observations per block of the likelihood sums: blocks are summed in their fixed order, so
/// the result does not depend on the thread count.
constexpr std::size_t kBlock = 4096;

Objective objective(SurvivalModel model, const SurvivalData& data, const std::vector<double>& log_t,
                    const std::vector<double>& log_entry, double mu, double s) {
  const double sigma = std::exp(s);
  const bool weighted = !data.weights.empty();
  const std::size_t n = log_t.size();
  const std::size_t blocks = (n + kBlock - 1) / kBlock;
  std::vector<Objective> partial(blocks);
  const auto block = [&](std::size_t b) {
    Objective o;
    const std::size_t end = std::min(n, (b + 1) * kBlock);
    double q = 0.0;
    double q1 = 0.0;
    double q2 = 0.0;
    for (std::size_t i = b * kBlock; i < end; ++i) {
      const double w = weighted ? data.weights[i] : 1.0;
      const double z = (log_t[i] - mu) / sigma;
      const bool event = data.events[i] == 1;
      log_terms(model, z, event, q, q1, q2);
      add_term(o, w, z, sigma, q, q1, q2);
      if (event) {
        o.value -= w * (s + log_t[i]);
        o.grad[1] -= w;
      }
      if (!log_entry.empty() && std::isfinite(log_entry[i])) {
        const double ze = (log_entry[i] - mu) / sigma;
        log_terms(model, ze, false, q, q1, q2);
        add_term(o, w, ze, sigma, -q, -q1, -q2);
      }
    }
    partial[b] = o;
  };
  if (blocks > 1) {
    parallel_for(blocks, block);
  } else if (blocks == 1) {
    block(0);
  }
  Objective total;
  for (const Objective& o : partial) {
    total.value += o.value;
    for (int k = 0; k < 2; ++k) total.grad[k] += o.grad[k];
    for (int k = 0; k < 3; ++k) total.hess[k] += o.hess[k];
  }
  return total;
}

void validate(const SurvivalData& data) {
  const std::size_t n = data.durations.size();
  if (n == 0) throw InvalidInput("survival fit: no durations given");
  if (data.events.size() != n) {
    throw InvalidInput("survival fit: " + std::to_string(n) + " durations but " +
                       std::to_string(data.events.size()) + " event flags");
  }
  if (!data.entry.empty() && data.entry.size() != n) {
    throw InvalidInput("survival fit: " + std::to_string(n) + " durations but " +
                       std::to_string(data.entry.size()) + " entry times");
  }
  if (!data.weights.empty() && data.weights.size() != n) {
    throw InvalidInput("survival fit: " + std::to_string(n) + " durations but " +
                       std::to_string(data.weights.size()) + " weights");
  }
  for (std::size_t i = 0; i < n; ++i) {
    const double t = data.durations[i];
    if (!std::isfinite(t) || !(t > 0.0)) {
      throw InvalidInput(
          "survival fit: duration of observation " + std::to_string(i) + " is " + format_value(t) +
          "; parametric models need positive, finite durations (a unit that closed in its first "
          "period can be given half a period, e.g. 0.5 years)");
    }
    if (data.events[i] != 0 && data.events[i] != 1) {
      throw InvalidInput("survival fit: event flag of observation " + std::to_string(i) + " is " +
                         std::to_string(data.events[i]) +
                         "; use 1 (event observed) or 0 (censored)");
    }
    if (!data.entry.empty()) {
      const double e = data.entry[i];
      if (!std::isfinite(e) || e < 0.0 || !(e < t)) {
        throw InvalidInput("survival fit: entry time of observation " + std::to_string(i) + " is " +
                           format_value(e) + "; it must lie in [0, duration) = [0, " +
                           format_value(t) + ")");
      }
    }
    if (!data.weights.empty()) {
      const double w = data.weights[i];
      if (!std::isfinite(w) || !(w > 0.0)) {
        throw InvalidInput("survival fit: weight of observation " + std::to_string(i) + " is " +
                           format_value(w) + "; weights must be positive and finite");
      }
    }
  }
  // Two distinct event times identify the two parameters.
  double first_time = std::nan("");
  bool distinct = false;
  std::size_t events = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (data.events[i] != 1) continue;
    ++events;
    if (std::isnan(first_time)) {
      first_time = data.durations[i];
    } else if (data.durations[i] != first_time) {
      distinct = true;
    }
  }
  if (!distinct) {
    throw InvalidInput(
        "survival fit: a two-parameter model needs events at two or more distinct times; got " +
        std::string(events == 0 ? "none" : "one") + " (" + std::to_string(events) +
        " events); the parameters are not identified");
  }
}

}  // namespace

SurvivalModel parse_survival_model(const std::string& name) {
  if (name == "weibull") return SurvivalModel::kWeibull;
  if (name == "lognormal" || name == "log_normal" || name == "log-normal")
    return SurvivalModel::kLogNormal;
  if (name == "loglogistic" || name == "log_logistic" || name == "log-logistic")
    return SurvivalModel::kLogLogistic;
  throw InvalidInput("survival model: unknown name '" + name +
                     "'; use weibull, lognormal or loglogistic");
}

std::string survival_model_name(SurvivalModel model) {
  switch (model) {
    case SurvivalModel::kWeibull:
      return "weibull";
    case SurvivalModel::kLogNormal:
      return "lognormal";
    case SurvivalModel::kLogLogistic:
      return "loglogistic";
  }
  return "unknown";
}

SurvivalFit::SurvivalFit(SurvivalModel model, double mu, double log_sigma,
                         std::vector<double> covariance)
    : model_(model), mu_(mu), log_sigma_(log_sigma), cov_(std::move(covariance)) {
  if (!std::isfinite(mu_) || !std::isfinite(log_sigma_)) {
    throw InvalidInput("survival model: location and log scale must be finite");
  }
  if (cov_.size() != 4) throw InvalidInput("survival model: the covariance must be 2 x 2");
}

std::vector<std::string> SurvivalFit::parameter_names() const {
  switch (model_) {
    case SurvivalModel::kWeibull:
      return {"lambda", "rho"};
    case SurvivalModel::kLogNormal:
      return {"mu", "sigma"};
    case SurvivalModel::kLogLogistic:
      return {"alpha", "beta"};
  }
  return {};
}

std::vector<double> SurvivalFit::parameters() const {
  const double sigma = std::exp(log_sigma_);
  if (model_ == SurvivalModel::kLogNormal) return {mu_, sigma};
  return {std::exp(mu_), 1.0 / sigma};
}

std::vector<double> SurvivalFit::covariance() const {
  // Jacobian of the reported parameters with respect to (mu, log sigma): diagonal.
  const std::vector<double> p = parameters();
  double j0 = 1.0;
  double j1 = 1.0;
  if (model_ == SurvivalModel::kLogNormal) {
    j1 = p[1];  // d sigma / d log sigma
  } else {
    j0 = p[0];   // d e^mu / d mu
    j1 = -p[1];  // d (1 / sigma) / d log sigma
  }
  return {j0 * j0 * cov_[0], j0 * j1 * cov_[1], j1 * j0 * cov_[2], j1 * j1 * cov_[3]};
}

std::vector<double> SurvivalFit::standard_errors() const {
  const std::vector<double> c = covariance();
  return {std::sqrt(c[0]), std::sqrt(c[3])};
}

double SurvivalFit::z_of(double t) const { return (std::log(t) - mu_) / std::exp(log_sigma_); }

double SurvivalFit::survival(double t) const {
  if (std::isnan(t)) throw InvalidInput("survival: time is NaN");
  if (t <= 0.0) return 1.0;
  return standard(model_, z_of(t)).survival;
}

double SurvivalFit::cumulative_hazard(double t) const {
  if (std::isnan(t)) throw InvalidInput("cumulative hazard: time is NaN");
  if (t <= 0.0) return 0.0;
  return -standard(model_, z_of(t)).h;
}

double SurvivalFit::hazard(double t) const {
  if (std::isnan(t)) throw InvalidInput("hazard: time is NaN");
  if (t <= 0.0) {
    // The limit at 0: log-normal 0; Weibull and log-logistic 0, 1 / scale or infinity as the
    // shape (1 / sigma) is above, at or below 1.
    if (model_ == SurvivalModel::kLogNormal || log_sigma_ < 0.0) return 0.0;
    if (log_sigma_ > 0.0) return std::numeric_limits<double>::infinity();
    return std::exp(-mu_);
  }
  return standard(model_, z_of(t)).hazard / (std::exp(log_sigma_) * t);
}

double SurvivalFit::density(double t) const {
  if (std::isnan(t)) throw InvalidInput("density: time is NaN");
  if (t <= 0.0) return 0.0;
  return standard(model_, z_of(t)).density / (std::exp(log_sigma_) * t);
}

double SurvivalFit::percentile(double s) const {
  if (!(s > 0.0 && s < 1.0))
    throw InvalidInput("percentile: survival level must lie in (0, 1), got " + format_value(s));
  return std::exp(mu_ + std::exp(log_sigma_) * standard_quantile(model_, s));
}

std::pair<double, double> SurvivalFit::percentile_interval(double s, double level) const {
  check_level(level, "percentile interval");
  const double sigma = std::exp(log_sigma_);
  const double zp = standard_quantile(model_, s);
  const double log_t = mu_ + sigma * zp;
  const double a = sigma * zp;  // d log t / d log sigma
  const double var = cov_[0] + 2.0 * a * cov_[1] + a * a * cov_[3];
  const double half = normal_quantile(0.5 + 0.5 * level) * std::sqrt(std::max(var, 0.0));
  return {std::exp(log_t - half), std::exp(log_t + half)};
}

std::pair<double, double> SurvivalFit::survival_interval(double t, double level,
                                                         const std::string& method) const {
  check_level(level, "survival band");
  if (method != "plain" && method != "loglog") {
    throw InvalidInput("survival band: unknown method '" + method + "'; use loglog or plain");
  }
  if (std::isnan(t)) throw InvalidInput("survival band: time is NaN");
  if (t <= 0.0) return {1.0, 1.0};
  const double sigma = std::exp(log_sigma_);
  const double z = z_of(t);
  const Standard w = standard(model_, z);
  const double zc = normal_quantile(0.5 + 0.5 * level);
  auto quad = [this](double g0, double g1) {
    return std::max(g0 * g0 * cov_[0] + 2.0 * g0 * g1 * cov_[1] + g1 * g1 * cov_[3], 0.0);
  };
  if (method == "plain") {
    // dS/dmu = f_W / sigma, dS/dlog sigma = f_W z.
    const double se = std::sqrt(quad(w.density / sigma, w.density * z));
    return {w.survival - zc * se, w.survival + zc * se};
  }
  const double cum = -w.h;
  if (!(cum > 0.0) || !std::isfinite(cum)) return {w.survival, w.survival};
  // d log H / d theta = (dH / d theta) / H with dH/dmu = -hazard_W / sigma, dH/dlog sigma =
  // -hazard_W z.
  const double se = std::sqrt(quad(-w.hazard / sigma / cum, -w.hazard * z / cum));
  return {std::exp(-cum * std::exp(zc * se)), std::exp(-cum * std::exp(-zc * se))};
}

SurvivalCurve SurvivalFit::curve() const {
  const std::vector<double> p = parameters();
  switch (model_) {
    case SurvivalModel::kWeibull:
      return SurvivalCurve::weibull(p[1], p[0]);
    case SurvivalModel::kLogNormal:
      return SurvivalCurve::lognormal(p[0], p[1]);
    case SurvivalModel::kLogLogistic:
      return SurvivalCurve::loglogistic(p[0], p[1]);
  }
  throw InvalidInput("survival model: unknown kind");
}

SurvivalFit fit_survival(SurvivalModel model, const SurvivalData& data,
                         const SurvivalFitOptions& options) {
  validate(data);
  const std::size_t n = data.durations.size();
  std::vector<double> log_t(n);
  std::vector<double> log_entry;
  for (std::size_t i = 0; i < n; ++i) log_t[i] = std::log(data.durations[i]);
  bool truncated = false;
  if (!data.entry.empty()) {
    log_entry.assign(n, -std::numeric_limits<double>::infinity());
    for (std::size_t i = 0; i < n; ++i) {
      if (data.entry[i] > 0.0) {
        log_entry[i] = std::log(data.entry[i]);
        truncated = true;
      }
    }
    if (!truncated) log_entry.clear();
  }
  // Start from the moments of log t.
  double total_weight = 0.0;
  double mean = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double w = data.weights.empty() ? 1.0 : data.weights[i];
    total_weight += w;
    mean += w * log_t[i];
  }
  mean /= total_weight;
  double var = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double w = data.weights.empty() ? 1.0 : data.weights[i];
    var += w * (log_t[i] - mean) * (log_t[i] - mean);
  }
  var /= total_weight;
  double mu = mean;
  double s = std::log(std::max(std::sqrt(var), 1e-3));
  Objective current = objective(model, data, log_t, log_entry, mu, s);
  int iteration = 0;
  bool converged = false;
  for (; iteration < options.max_iterations; ++iteration) {
    // Newton direction on the concave side: solve (-H) step = grad, with Levenberg damping
    // when -H is not positive definite.
    double a = -current.hess[0];
    double b = -current.hess[1];
    double c = -current.hess[2];
    double damping = 0.0;
    for (int attempt = 0;
         attempt < 60 && !(a + damping > 0.0 && (a + damping) * (c + damping) - b * b > 0.0);
         ++attempt) {
      damping = damping == 0.0 ? 1e-8 * (1.0 + std::fabs(a) + std::fabs(c)) : damping * 10.0;
    }
    a += damping;
    c += damping;
    const double det = a * c - b * b;
    if (!(det > 0.0) || !std::isfinite(det)) break;
    double step_mu = (c * current.grad[0] - b * current.grad[1]) / det;
    double step_s = (a * current.grad[1] - b * current.grad[0]) / det;
    // Keep the scale step moderate so sigma cannot jump by more than e^2 at once.
    const double limit = std::max(std::fabs(step_s) / 2.0, 1.0);
    step_mu /= limit;
    step_s /= limit;
    double t = 1.0;
    Objective next;
    bool improved = false;
    for (int halving = 0; halving < 60; ++halving) {
      next = objective(model, data, log_t, log_entry, mu + t * step_mu, s + t * step_s);
      if (std::isfinite(next.value) &&
          next.value >= current.value - 1e-12 * std::fabs(current.value)) {
        improved = true;
        break;
      }
      t *= 0.5;
    }
    if (!improved) break;
    mu += t * step_mu;
    s += t * step_s;
    current = next;
    const double largest = std::max(std::fabs(t * step_mu), std::fabs(t * step_s));
    if (largest < options.tolerance) {
      converged = true;
      ++iteration;
      break;
    }
    if (std::fabs(s) > 30.0) break;
  }
  const double gnorm =
      std::sqrt(current.grad[0] * current.grad[0] + current.grad[1] * current.grad[1]);
  const double a = -current.hess[0];
  const double b = -current.hess[1];
  const double c = -current.hess[2];
  const double det = a * c - b * b;
  if (!converged || !(a > 0.0 && det > 0.0) || !std::isfinite(mu) || std::fabs(s) > 30.0) {
    throw NumericalError(
        "survival fit (" + survival_model_name(model) +
        "): maximum likelihood did not converge after " + std::to_string(iteration) +
        " iterations (gradient norm " + format_value(gnorm) +
        "); the model may not suit these durations, or they carry too little information");
  }
  std::vector<double> cov = {c / det, -b / det, -b / det, a / det};
  SurvivalFit fit(model, mu, s, std::move(cov));
  fit.log_likelihood = current.value;
  fit.aic = 2.0 * 2.0 - 2.0 * current.value;
  fit.n_observations = n;
  fit.n_events = static_cast<std::size_t>(std::count(data.events.begin(), data.events.end(), 1));
  fit.total_weight = total_weight;
  fit.iterations = iteration;
  fit.gradient_norm = gnorm;
  return fit;
}

}  // namespace innozone::outcomes
