/// @file cohorts.hpp
/// @brief Firm survival curves (Weibull, log-normal, log-logistic, piecewise benchmark table,
/// Kaplan-Meier), firm-cohort
/// projection, the conversion funnel, the budget response and the zone model built from them.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "innozone/outcomes/model.hpp"

namespace innozone::outcomes {

/// Survival S(age) of a firm, age in years since founding.
class SurvivalCurve {
 public:
  /// Weibull S(a) = exp(-(a / scale)^shape).
  static SurvivalCurve weibull(double shape, double scale);
  /// Log-normal S(a) = 1 - Phi((log a - mu) / sigma) (e.g. from a fitted SurvivalFit).
  static SurvivalCurve lognormal(double mu, double sigma);
  /// Log-logistic S(a) = 1 / (1 + (a / alpha)^beta).
  static SurvivalCurve loglogistic(double alpha, double beta);
  /// Weibull with the given shape whose survival at `age` equals `survival` (0 < s < 1).
  static SurvivalCurve weibull_through(double shape, double age, double survival);
  /// Piecewise curve through (ages[i], survival[i]) with S(0) = 1, log-linear between points
  /// (constant hazard on each segment) and the last segment's hazard beyond the last age.
  /// Survival must be non-increasing in (0, 1]; a 0 is allowed and means no firm survives
  /// from that age on (the segment ending at zero is linear, and S stays 0 after it).
  static SurvivalCurve piecewise(std::vector<double> ages, std::vector<double> survival);
  /// Kaplan-Meier estimate from firm durations (years) and event flags (1 = closed,
  /// 0 = still active, censored). Greenwood standard errors are kept.
  static SurvivalCurve kaplan_meier(const std::vector<double>& durations,
                                    const std::vector<int>& events);

  [[nodiscard]] double operator()(double age) const;
  [[nodiscard]] std::string kind() const { return kind_; }
  /// Parameters of the parametric kinds: (shape, scale), (mu, sigma) or (alpha, beta);
  /// empty for the tabulated kinds.
  [[nodiscard]] std::vector<double> parameters() const;
  /// Age at which S becomes 0, or a negative number when it never does.
  [[nodiscard]] double zero_age() const noexcept { return zero_age_; }
  [[nodiscard]] const std::vector<double>& ages() const noexcept { return ages_; }
  [[nodiscard]] const std::vector<double>& values() const noexcept { return values_; }
  /// Greenwood standard errors at ages() (Kaplan-Meier only, else empty).
  [[nodiscard]] const std::vector<double>& standard_errors() const noexcept { return se_; }
  /// Number at risk just before each of ages() (Kaplan-Meier only).
  [[nodiscard]] const std::vector<double>& at_risk() const noexcept { return at_risk_; }

 private:
  std::string kind_;
  double shape_ = 1.0;
  double scale_ = 1.0;
  double zero_age_ = -1.0;
  std::vector<double> ages_;
  std::vector<double> values_;
  std::vector<double> se_;
  std::vector<double> at_risk_;
};

/// Firm stock, jobs and revenue by year from cohorts of entries.
struct CohortProjection {
  std::vector<int> years;
  std::vector<double> entries;
  std::vector<double> alive;    ///< firms alive at the end of each year
  std::vector<double> jobs;     ///< persons, alive x jobs per firm
  std::vector<double> revenue;  ///< revenue unit per year, alive x revenue per firm
};

/// Project cohorts. Firms of year t enter mid-year, so at the end of year u a cohort is
/// u - t + 0.5 years old. `initial_entries`/`initial_years` are earlier cohorts (e.g. phase 1)
/// whose survivors count in the stock.
CohortProjection project_cohorts(const std::vector<int>& years, const std::vector<double>& entries,
                                 const SurvivalCurve& survival, double jobs_per_firm,
                                 double revenue_per_firm,
                                 const std::vector<int>& initial_years = {},
                                 const std::vector<double>& initial_entries = {});

/// A conversion funnel: a top-of-funnel volume and successive conversion rates.
class Funnel {
 public:
  /// Calibrate from totals of consecutive stages (e.g. 200 transfers, 100 companies,
  /// 80 surviving): rates are the ratios of successive totals.
  static Funnel calibrate(std::vector<std::string> stages, const std::vector<double>& totals,
                          double budget, double elasticity);
  Funnel(std::vector<std::string> stages, double top, std::vector<double> rates, double budget,
         double elasticity);
  /// Stage volumes for a budget: top x (budget / calibration budget)^elasticity, then rates.
  [[nodiscard]] std::vector<double> project(double budget) const;
  [[nodiscard]] const std::vector<std::string>& stages() const noexcept { return stages_; }
  [[nodiscard]] const std::vector<double>& rates() const noexcept { return rates_; }
  [[nodiscard]] double elasticity() const noexcept { return elasticity_; }

 private:
  std::vector<std::string> stages_;
  double top_;
  std::vector<double> rates_;
  double budget_;
  double elasticity_;
};

/// Outputs as a function of budget, calibrated on a reference period:
/// power form   y = y0 (b / b0)^elasticity;
/// saturating   y = y0 (b / b0) (1 + h) / (b / b0 + h), h = half-saturation relative to b0
/// (diminishing returns; tends to the power form with elasticity 1 as h grows).
double budget_response(double budget, double reference_budget, double reference_output,
                       double elasticity, double half_saturation = 0.0);

/// The zone outcome model: budget -> technology transfers -> research-institute companies and
/// start-ups -> surviving firms -> jobs, revenue, investment, by year. Inputs (names fixed):
///   phase1_budget (억원), elasticity, productivity (multiplier on transfers per 억원),
///   ric_per_transfer, startups_per_transfer, ric_survival_5y, startup_survival_5y,
///   weibull_shape, jobs_per_firm (persons per surviving firm), revenue_per_firm
///   (억원 per surviving firm per year), investment_per_new_firm (억원).
/// Fixed settings: the yearly budget plan, phase-1 transfers, earlier cohorts.
/// Indicators: transfers, ric_founded, startups_founded, firms_alive, jobs, revenue,
/// investment (per year), cum_companies, cum_investment, cum_revenue, cum_transfers,
/// cum_ric, cum_startups (cumulative from the first projection year).
struct ZoneModelSpec {
  std::vector<int> years;           ///< projection years, e.g. 2025..2029
  std::vector<double> budget;       ///< 억원 per projection year
  double phase1_transfers = 0.0;    ///< technology transfers in phase 1 (count; must be set, > 0)
  int phase1_years = 5;             ///< length of phase 1 (years)
  double half_saturation = 0.0;     ///< 0: power response; > 0: saturating response
  std::vector<int> initial_years;   ///< earlier cohorts (phase 1)
  std::vector<double> initial_ric;  ///< research-institute companies per earlier year
  std::vector<double> initial_startups;  ///< start-ups per earlier year
};

class ZoneModel : public OutcomeModel {
 public:
  explicit ZoneModel(ZoneModelSpec spec);
  [[nodiscard]] std::vector<std::string> input_names() const override;
  [[nodiscard]] std::vector<std::string> indicator_names() const override;
  [[nodiscard]] std::vector<int> years() const override { return spec_.years; }
  void evaluate(const double* inputs, double* outputs) const override;
  void evaluate_batch(const double* inputs, std::size_t rows, double* outputs) const override;
  [[nodiscard]] const ZoneModelSpec& spec() const noexcept { return spec_; }

 private:
  ZoneModelSpec spec_;
};

}  // namespace innozone::outcomes
