/// @file survival.hpp
/// @brief Parametric survival models fitted by maximum likelihood to right-censored (and
/// optionally left-truncated, weighted) durations: Weibull, log-normal and log-logistic,
/// with standard errors, confidence intervals, AIC, survival, hazard and quantiles.
///
/// All three are log-location-scale models: log T = mu + sigma W, with W a standard
/// smallest-extreme-value (Weibull), normal (log-normal) or logistic (log-logistic)
/// variable. They are fitted by Newton's method on (mu, log sigma) with analytic gradient
/// and Hessian; the reported parameters use the usual (and lifelines') parametrisations:
///   Weibull       S(t) = exp(-(t / lambda)^rho),        lambda = e^mu, rho = 1 / sigma;
///   log-normal    S(t) = 1 - Phi((log t - mu) / sigma);
///   log-logistic  S(t) = 1 / (1 + (t / alpha)^beta),    alpha = e^mu, beta = 1 / sigma.
/// The log-likelihood is that of the durations themselves (densities in t, not in log t):
///   sum_i w_i [d_i log f(t_i) + (1 - d_i) log S(t_i) - log S(e_i)]
/// with event flag d_i, weight w_i and entry (left-truncation) time e_i (0 = none).
/// Standard errors come from the inverse observed information at the optimum, carried to
/// the reported parameters by the delta method (exact at the optimum).
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "innozone/outcomes/cohorts.hpp"

namespace innozone::outcomes {

enum class SurvivalModel { kWeibull, kLogNormal, kLogLogistic };

/// Parse "weibull", "lognormal" / "log_normal", "loglogistic" / "log_logistic".
SurvivalModel parse_survival_model(const std::string& name);
/// "weibull", "lognormal" or "loglogistic".
std::string survival_model_name(SurvivalModel model);

/// Right-censored durations. Empty `entry` means no left truncation, empty `weights` means
/// weight 1 for every observation.
struct SurvivalData {
  std::vector<double> durations;  ///< > 0
  std::vector<int> events;        ///< 1 = event observed (closure), 0 = right-censored
  std::vector<double> entry;      ///< entry (left-truncation) time per unit, 0 <= e < duration
  std::vector<double> weights;    ///< > 0
};

/// Options of the Newton iterations.
struct SurvivalFitOptions {
  int max_iterations = 200;
  /// Converged when the largest Newton step in (mu, log sigma) is below this.
  double tolerance = 1e-10;
};

/// A fitted parametric survival model.
class SurvivalFit {
 public:
  SurvivalFit(SurvivalModel model, double mu, double log_sigma, std::vector<double> covariance);

  [[nodiscard]] SurvivalModel model() const noexcept { return model_; }
  [[nodiscard]] std::string model_name() const { return survival_model_name(model_); }
  /// Names of the reported parameters: (lambda, rho), (mu, sigma) or (alpha, beta).
  [[nodiscard]] std::vector<std::string> parameter_names() const;
  /// The reported parameters.
  [[nodiscard]] std::vector<double> parameters() const;
  /// Covariance of the reported parameters (2 x 2, row-major).
  [[nodiscard]] std::vector<double> covariance() const;
  [[nodiscard]] std::vector<double> standard_errors() const;
  /// Location mu and log scale log(sigma) of log T, and their covariance (2 x 2).
  [[nodiscard]] double location() const noexcept { return mu_; }
  [[nodiscard]] double log_scale() const noexcept { return log_sigma_; }
  [[nodiscard]] const std::vector<double>& location_scale_covariance() const noexcept {
    return cov_;
  }

  [[nodiscard]] double survival(double t) const;
  [[nodiscard]] double cumulative_hazard(double t) const;
  [[nodiscard]] double hazard(double t) const;
  [[nodiscard]] double density(double t) const;
  /// The time at which survival falls to `s` (0 < s < 1); percentile(0.5) is the median.
  [[nodiscard]] double percentile(double s) const;
  /// Confidence interval of percentile(s): the delta method on log t, exp(log t -/+ z se).
  [[nodiscard]] std::pair<double, double> percentile_interval(double s, double level) const;
  /// Pointwise confidence band of S(t) at `level`. "plain": S -/+ z se(S) by the delta
  /// method (lifelines' confidence_interval_survival_function_; may leave [0, 1]);
  /// "loglog": the delta method on log H(t), mapped back, so the band stays in (0, 1).
  [[nodiscard]] std::pair<double, double> survival_interval(double t, double level,
                                                            const std::string& method) const;
  /// The fitted curve as a SurvivalCurve (for cohort projections).
  [[nodiscard]] SurvivalCurve curve() const;

  // Fit statistics (set by fit_survival).
  double log_likelihood = 0.0;
  double aic = 0.0;
  std::size_t n_observations = 0;
  std::size_t n_events = 0;
  double total_weight = 0.0;
  int iterations = 0;
  double gradient_norm = 0.0;

 private:
  [[nodiscard]] double z_of(double t) const;
  SurvivalModel model_;
  double mu_;
  double log_sigma_;
  std::vector<double> cov_;  ///< of (mu, log sigma)
};

/// Fit `model` to `data` by maximum likelihood. Throws InvalidInput for bad data (naming the
/// observation), when the model is not identified (fewer than two events at distinct
/// times) and NumericalError when the iterations do not converge.
SurvivalFit fit_survival(SurvivalModel model, const SurvivalData& data,
                         const SurvivalFitOptions& options = {});

}  // namespace innozone::outcomes
