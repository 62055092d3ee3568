#include "innozone/outcomes/cohorts.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

#include "innozone/common/error.hpp"

namespace innozone::outcomes {
namespace {}  // namespace

SurvivalCurve SurvivalCurve::weibull(double shape, double scale) {
  if (!(shape > 0.0) || !std::isfinite(shape))
    throw InvalidInput("weibull: 'shape' must be positive, got " + format_value(shape));
  if (!(scale > 0.0) || !std::isfinite(scale))
    throw InvalidInput("weibull: 'scale' must be positive, got " + format_value(scale));
  SurvivalCurve curve;
  curve.kind_ = "weibull";
  curve.shape_ = shape;
  curve.scale_ = scale;
  return curve;
}

SurvivalCurve SurvivalCurve::lognormal(double mu, double sigma) {
  if (!std::isfinite(mu))
    throw InvalidInput("lognormal survival: 'mu' must be finite, got " + format_value(mu));
  if (!(sigma > 0.0) || !std::isfinite(sigma)) {
    throw InvalidInput("lognormal survival: 'sigma' must be positive, got " + format_value(sigma));
  }
  SurvivalCurve curve;
  curve.kind_ = "lognormal";
  curve.shape_ = sigma;
  curve.scale_ = mu;
  return curve;
}

SurvivalCurve SurvivalCurve::loglogistic(double alpha, double beta) {
  if (!(alpha > 0.0) || !std::isfinite(alpha)) {
    throw InvalidInput("loglogistic survival: 'alpha' must be positive, got " +
                       format_value(alpha));
  }
  if (!(beta > 0.0) || !std::isfinite(beta)) {
    throw InvalidInput("loglogistic survival: 'beta' must be positive, got " + format_value(beta));
  }
  SurvivalCurve curve;
  curve.kind_ = "loglogistic";
  curve.shape_ = beta;
  curve.scale_ = alpha;
  return curve;
}

std::vector<double> SurvivalCurve::parameters() const {
  if (kind_ == "weibull") return {shape_, scale_};
  if (kind_ == "lognormal") return {scale_, shape_};
  if (kind_ == "loglogistic") return {scale_, shape_};
  return {};
}

SurvivalCurve SurvivalCurve::weibull_through(double shape, double age, double survival) {
  if (!(age > 0.0))
    throw InvalidInput("weibull_through: 'age' must be positive, got " + format_value(age));
  if (!(survival > 0.0 && survival < 1.0)) {
    throw InvalidInput("weibull_through: 'survival' must lie in (0, 1), got " +
                       format_value(survival));
  }
  if (!(shape > 0.0))
    throw InvalidInput("weibull_through: 'shape' must be positive, got " + format_value(shape));
  return weibull(shape, age / std::pow(-std::log(survival), 1.0 / shape));
}

SurvivalCurve SurvivalCurve::piecewise(std::vector<double> ages, std::vector<double> survival) {
  if (ages.empty() || ages.size() != survival.size()) {
    throw InvalidInput(
        "piecewise survival: 'ages' and 'survival' must be non-empty and of equal length (" +
        std::to_string(ages.size()) + " vs " + std::to_string(survival.size()) + ")");
  }
  double previous_age = 0.0;
  double previous_s = 1.0;
  SurvivalCurve curve;
  curve.kind_ = "piecewise";
  for (std::size_t i = 0; i < ages.size(); ++i) {
    if (!(ages[i] > previous_age)) {
      throw InvalidInput("piecewise survival: ages must be positive and increasing; ages[" +
                         std::to_string(i) + "] = " + format_value(ages[i]));
    }
    if (!(survival[i] >= 0.0 && survival[i] <= previous_s)) {
      throw InvalidInput("piecewise survival: survival[" + std::to_string(i) +
                         "] = " + format_value(survival[i]) + " at age " + format_value(ages[i]) +
                         " must lie in [0, " + format_value(previous_s) +
                         "] (survival cannot rise)");
    }
    if (survival[i] == 0.0 && curve.zero_age_ < 0.0) curve.zero_age_ = ages[i];
    previous_age = ages[i];
    previous_s = survival[i];
  }
  curve.ages_ = std::move(ages);
  curve.values_ = std::move(survival);
  return curve;
}

SurvivalCurve SurvivalCurve::kaplan_meier(const std::vector<double>& durations,
                                          const std::vector<int>& events) {
  if (durations.empty() || durations.size() != events.size()) {
    throw InvalidInput(
        "kaplan_meier: 'durations' and 'events' must be non-empty and of equal length (" +
        std::to_string(durations.size()) + " vs " + std::to_string(events.size()) + ")");
  }
  std::map<double, std::pair<double, double>> by_time;  // time -> (events, removed)
  for (std::size_t i = 0; i < durations.size(); ++i) {
    if (!(durations[i] >= 0.0) || !std::isfinite(durations[i])) {
      throw InvalidInput("kaplan_meier: durations[" + std::to_string(i) + "] = " +
                         format_value(durations[i]) + " must be a non-negative number of years");
    }
    if (events[i] != 0 && events[i] != 1) {
      throw InvalidInput("kaplan_meier: events[" + std::to_string(i) + "] = " +
                         std::to_string(events[i]) + " must be 0 (censored) or 1 (closed)");
    }
    auto& slot = by_time[durations[i]];
    slot.first += events[i];
    slot.second += 1.0;
  }
  SurvivalCurve curve;
  curve.kind_ = "kaplan_meier";
  double at_risk = static_cast<double>(durations.size());
  double s = 1.0;
  double greenwood = 0.0;
  for (const auto& [time, counts] : by_time) {
    const double d = counts.first;
    if (d > 0.0) {
      s *= 1.0 - d / at_risk;
      if (at_risk > d) greenwood += d / (at_risk * (at_risk - d));
      curve.ages_.push_back(time);
      curve.values_.push_back(s);
      curve.se_.push_back(s > 0.0 ? s * std::sqrt(greenwood) : 0.0);
      curve.at_risk_.push_back(at_risk);
      if (s == 0.0 && curve.zero_age_ < 0.0) curve.zero_age_ = time;
    }
    at_risk -= counts.second;
  }
  if (curve.ages_.empty()) {
    throw InvalidInput(
        "kaplan_meier: no closures observed (every firm is censored); survival is not identified");
  }
  return curve;
}

double SurvivalCurve::operator()(double age) const {
  if (age <= 0.0) return 1.0;
  if (kind_ == "weibull") return std::exp(-std::pow(age / scale_, shape_));
  if (kind_ == "lognormal")
    return 0.5 * std::erfc((std::log(age) - scale_) / (shape_ * std::sqrt(2.0)));
  if (kind_ == "loglogistic") return 1.0 / (1.0 + std::pow(age / scale_, shape_));
  if (zero_age_ >= 0.0 && age >= zero_age_) return 0.0;
  if (kind_ == "kaplan_meier") {
    // Right-continuous step function; beyond the last time the curve is held (not extrapolated).
    const auto it = std::upper_bound(ages_.begin(), ages_.end(), age);
    if (it == ages_.begin()) return 1.0;
    return values_[static_cast<std::size_t>(it - ages_.begin()) - 1];
  }
  // Piecewise: constant hazard between points.
  std::size_t i = 0;
  while (i < ages_.size() && ages_[i] < age) ++i;
  const double a0 = i == 0 ? 0.0 : ages_[i - 1];
  const double s0 = i == 0 ? 1.0 : values_[i - 1];
  if (i == ages_.size()) {
    // Beyond the table: extend the last segment's hazard.
    const double a_prev = ages_.size() >= 2 ? ages_[ages_.size() - 2] : 0.0;
    const double s_prev = ages_.size() >= 2 ? values_[values_.size() - 2] : 1.0;
    const double hazard = std::log(s_prev / s0) / (a0 - a_prev);
    return s0 * std::exp(-hazard * (age - a0));
  }
  const double a1 = ages_[i];
  const double s1 = values_[i];
  const double w = (age - a0) / (a1 - a0);
  if (s1 == 0.0) return s0 * (1.0 - w);  // segment ending at zero: linear
  return s0 * std::exp(w * std::log(s1 / s0));
}

CohortProjection project_cohorts(const std::vector<int>& years, const std::vector<double>& entries,
                                 const SurvivalCurve& survival, double jobs_per_firm,
                                 double revenue_per_firm, const std::vector<int>& initial_years,
                                 const std::vector<double>& initial_entries) {
  if (years.empty() || years.size() != entries.size()) {
    throw InvalidInput("cohorts: 'years' and 'entries' must be non-empty and of equal length");
  }
  if (initial_years.size() != initial_entries.size()) {
    throw InvalidInput("cohorts: 'initial_years' and 'initial_entries' must have equal length");
  }
  for (std::size_t i = 0; i < years.size(); ++i) {
    if (i > 0 && years[i] != years[i - 1] + 1) {
      throw InvalidInput("cohorts: years must be consecutive; year " + std::to_string(years[i]) +
                         " follows " + std::to_string(years[i - 1]));
    }
    if (!(entries[i] >= 0.0)) {
      throw InvalidInput("cohorts: entries in year " + std::to_string(years[i]) +
                         " must be >= 0, got " + format_value(entries[i]));
    }
  }
  for (std::size_t i = 0; i < initial_years.size(); ++i) {
    if (initial_years[i] >= years.front()) {
      throw InvalidInput("cohorts: initial cohort year " + std::to_string(initial_years[i]) +
                         " must precede the first projection year " +
                         std::to_string(years.front()));
    }
    if (!(initial_entries[i] >= 0.0)) {
      throw InvalidInput("cohorts: initial entries in year " + std::to_string(initial_years[i]) +
                         " must be >= 0");
    }
  }
  if (!(jobs_per_firm >= 0.0) || !(revenue_per_firm >= 0.0)) {
    throw InvalidInput("cohorts: jobs_per_firm and revenue_per_firm must be >= 0");
  }
  CohortProjection out;
  out.years = years;
  out.entries = entries;
  for (std::size_t u = 0; u < years.size(); ++u) {
    double alive = 0.0;
    for (std::size_t c = 0; c < initial_years.size(); ++c) {
      alive += initial_entries[c] * survival(years[u] - initial_years[c] + 0.5);
    }
    for (std::size_t c = 0; c <= u; ++c)
      alive += entries[c] * survival(static_cast<double>(u - c) + 0.5);
    out.alive.push_back(alive);
    out.jobs.push_back(alive * jobs_per_firm);
    out.revenue.push_back(alive * revenue_per_firm);
  }
  return out;
}

Funnel::Funnel(std::vector<std::string> stages, double top, std::vector<double> rates,
               double budget, double elasticity)
    : stages_(std::move(stages)),
      top_(top),
      rates_(std::move(rates)),
      budget_(budget),
      elasticity_(elasticity) {
  if (stages_.size() != rates_.size() + 1) {
    throw InvalidInput("funnel: expected " + std::to_string(stages_.size() - 1) + " rates for " +
                       std::to_string(stages_.size()) + " stages, got " +
                       std::to_string(rates_.size()));
  }
  if (!(top_ >= 0.0))
    throw InvalidInput("funnel: top-of-funnel volume must be >= 0, got " + format_value(top_));
  for (std::size_t i = 0; i < rates_.size(); ++i) {
    if (!(rates_[i] >= 0.0) || !std::isfinite(rates_[i])) {
      throw InvalidInput("funnel: rate from '" + stages_[i] + "' to '" + stages_[i + 1] +
                         "' must be >= 0, got " + format_value(rates_[i]));
    }
  }
  if (!(budget_ > 0.0))
    throw InvalidInput("funnel: calibration budget must be positive, got " + format_value(budget_));
  if (!(elasticity_ >= 0.0))
    throw InvalidInput("funnel: elasticity must be >= 0, got " + format_value(elasticity_));
}

Funnel Funnel::calibrate(std::vector<std::string> stages, const std::vector<double>& totals,
                         double budget, double elasticity) {
  if (stages.size() != totals.size() || stages.size() < 2) {
    throw InvalidInput("funnel: need at least two stages with one total each");
  }
  std::vector<double> rates;
  for (std::size_t i = 1; i < totals.size(); ++i) {
    if (!(totals[i - 1] > 0.0)) {
      throw InvalidInput("funnel: total of stage '" + stages[i - 1] +
                         "' must be positive to calibrate a rate, got " +
                         format_value(totals[i - 1]));
    }
    rates.push_back(totals[i] / totals[i - 1]);
  }
  return Funnel(std::move(stages), totals.front(), std::move(rates), budget, elasticity);
}

std::vector<double> Funnel::project(double budget) const {
  if (!(budget >= 0.0))
    throw InvalidInput("funnel: budget must be >= 0, got " + format_value(budget));
  std::vector<double> volumes;
  volumes.push_back(budget_response(budget, budget_, top_, elasticity_));
  for (double r : rates_) volumes.push_back(volumes.back() * r);
  return volumes;
}

double budget_response(double budget, double reference_budget, double reference_output,
                       double elasticity, double half_saturation) {
  if (!(reference_budget > 0.0)) {
    throw InvalidInput("budget response: reference budget must be positive, got " +
                       format_value(reference_budget));
  }
  if (!(budget >= 0.0))
    throw InvalidInput("budget response: budget must be >= 0, got " + format_value(budget));
  if (half_saturation < 0.0) {
    throw InvalidInput("budget response: half_saturation must be >= 0, got " +
                       format_value(half_saturation));
  }
  const double x = budget / reference_budget;
  if (half_saturation > 0.0)
    return reference_output * x * (1.0 + half_saturation) / (x + half_saturation);
  return reference_output * std::pow(x, elasticity);
}

namespace {

const std::vector<std::string>& zone_inputs() {
  static const std::vector<std::string> names = {
      "phase1_budget",         "elasticity",       "productivity",           "ric_per_transfer",
      "startups_per_transfer", "ric_survival_5y",  "startup_survival_5y",    "weibull_shape",
      "jobs_per_firm",         "revenue_per_firm", "investment_per_new_firm"};
  return names;
}

const std::vector<std::string>& zone_indicators() {
  static const std::vector<std::string> names = {
      "transfers",     "ric_founded", "startups_founded", "firms_alive",    "jobs",
      "revenue",       "investment",  "cum_companies",    "cum_investment", "cum_revenue",
      "cum_transfers", "cum_ric",     "cum_startups"};
  return names;
}

}  // namespace

ZoneModel::ZoneModel(ZoneModelSpec spec) : spec_(std::move(spec)) {
  if (spec_.years.empty() || spec_.years.size() != spec_.budget.size()) {
    throw InvalidInput("zone model: 'years' and 'budget' must be non-empty and of equal length");
  }
  for (std::size_t i = 0; i < spec_.years.size(); ++i) {
    if (i > 0 && spec_.years[i] != spec_.years[i - 1] + 1) {
      throw InvalidInput("zone model: years must be consecutive; " +
                         std::to_string(spec_.years[i]) + " follows " +
                         std::to_string(spec_.years[i - 1]));
    }
    if (!(spec_.budget[i] >= 0.0)) {
      throw InvalidInput("zone model: budget in " + std::to_string(spec_.years[i]) +
                         " must be >= 0 억원, got " + format_value(spec_.budget[i]));
    }
  }
  if (!(spec_.phase1_transfers > 0.0))
    throw InvalidInput("zone model: phase1_transfers must be positive");
  if (spec_.phase1_years <= 0) throw InvalidInput("zone model: phase1_years must be positive");
  if (spec_.initial_years.size() != spec_.initial_ric.size() ||
      spec_.initial_years.size() != spec_.initial_startups.size()) {
    throw InvalidInput(
        "zone model: initial_years, initial_ric and initial_startups must have equal length");
  }
  for (int y : spec_.initial_years) {
    if (y >= spec_.years.front()) {
      throw InvalidInput("zone model: initial cohort year " + std::to_string(y) + " must precede " +
                         std::to_string(spec_.years.front()));
    }
  }
  if (spec_.half_saturation < 0.0) throw InvalidInput("zone model: half_saturation must be >= 0");
}

std::vector<std::string> ZoneModel::input_names() const { return zone_inputs(); }
std::vector<std::string> ZoneModel::indicator_names() const { return zone_indicators(); }

void ZoneModel::evaluate(const double* inputs, double* outputs) const {
  evaluate_batch(inputs, 1, outputs);
}

void ZoneModel::evaluate_batch(const double* inputs, std::size_t rows, double* outputs) const {
  const std::size_t ny = spec_.years.size();
  const std::size_t n_init = spec_.initial_years.size();
  const std::size_t n_in = zone_inputs().size();
  const std::size_t n_out = zone_indicators().size() * ny;
  // Cohort ages at year ends are a + 0.5 for a = 0 .. (last year - earliest cohort year).
  int earliest = spec_.years.front();
  for (int y : spec_.initial_years) earliest = std::min(earliest, y);
  const auto n_ages = static_cast<std::size_t>(spec_.years.back() - earliest) + 1;
  std::vector<double> log_age(n_ages);
  for (std::size_t a = 0; a < n_ages; ++a) log_age[a] = std::log(static_cast<double>(a) + 0.5);
  std::vector<double> s_ric(n_ages), s_su(n_ages), transfers(ny), ric(ny), su(ny);
  const double base_budget_years = static_cast<double>(spec_.phase1_years);
  const double t0 = spec_.phase1_transfers / base_budget_years;
  // (b / b0)^e = exp(e (ln b - ln b0)): the logs of the yearly budgets are fixed.
  std::vector<double> log_budget(ny);
  for (std::size_t u = 0; u < ny; ++u)
    log_budget[u] = spec_.budget[u] > 0.0 ? std::log(spec_.budget[u]) : -INFINITY;
  for (std::size_t r = 0; r < rows; ++r) {
    const double* x = inputs + r * n_in;
    double* out = outputs + r * n_out;
    const double b0 = x[0] / base_budget_years;
    const double elasticity = x[1], productivity = x[2], rate_ric = x[3], rate_su = x[4];
    const double k = x[7], jobs_pf = x[8], rev_pf = x[9], inv_pf = x[10];
    if (!(b0 > 0.0))
      throw InvalidInput("zone model: phase1_budget must be positive, got " + format_value(x[0]));
    if (!(x[5] > 0.0 && x[5] < 1.0) || !(x[6] > 0.0 && x[6] < 1.0)) {
      throw InvalidInput("zone model: 5-year survival inputs must lie in (0, 1), got " +
                         format_value(x[5]) + " and " + format_value(x[6]));
    }
    if (!(k > 0.0))
      throw InvalidInput("zone model: weibull_shape must be positive, got " + format_value(k));
    // S(a) = exp(-(a/lambda)^k) with lambda set so S(5) = s5: (a/lambda)^k = -ln(s5) (a/5)^k.
    const double h_ric = -std::log(x[5]);
    const double h_su = -std::log(x[6]);
    const double k_log5 = k * std::log(5.0);
    const double log_b0 = std::log(b0);
    for (std::size_t a = 0; a < n_ages; ++a) {
      const double ratio = std::exp(k * log_age[a] - k_log5);
      s_ric[a] = std::exp(-h_ric * ratio);
      s_su[a] = std::exp(-h_su * ratio);
    }
    double cum_companies = 0.0, cum_investment = 0.0, cum_revenue = 0.0;
    double cum_transfers = 0.0, cum_ric = 0.0, cum_startups = 0.0;
    for (std::size_t u = 0; u < ny; ++u) {
      const double response =
          spec_.half_saturation > 0.0
              ? budget_response(spec_.budget[u], b0, t0, elasticity, spec_.half_saturation)
              : (spec_.budget[u] > 0.0 ? t0 * std::exp(elasticity * (log_budget[u] - log_b0))
                                       : (elasticity > 0.0 ? 0.0 : t0));
      transfers[u] = productivity * response;
      ric[u] = rate_ric * transfers[u];
      su[u] = rate_su * transfers[u];
      double alive = 0.0;
      for (std::size_t c = 0; c < n_init; ++c) {
        const auto age = static_cast<std::size_t>(spec_.years[u] - spec_.initial_years[c]);
        alive += spec_.initial_ric[c] * s_ric[age] + spec_.initial_startups[c] * s_su[age];
      }
      for (std::size_t c = 0; c <= u; ++c) alive += ric[c] * s_ric[u - c] + su[c] * s_su[u - c];
      const double founded = ric[u] + su[u];
      const double revenue = alive * rev_pf;
      const double investment = founded * inv_pf;
      cum_companies += founded;
      cum_investment += investment;
      cum_revenue += revenue;
      cum_transfers += transfers[u];
      cum_ric += ric[u];
      cum_startups += su[u];
      out[0 * ny + u] = transfers[u];
      out[1 * ny + u] = ric[u];
      out[2 * ny + u] = su[u];
      out[3 * ny + u] = alive;
      out[4 * ny + u] = alive * jobs_pf;
      out[5 * ny + u] = revenue;
      out[6 * ny + u] = investment;
      out[7 * ny + u] = cum_companies;
      out[8 * ny + u] = cum_investment;
      out[9 * ny + u] = cum_revenue;
      out[10 * ny + u] = cum_transfers;
      out[11 * ny + u] = cum_ric;
      out[12 * ny + u] = cum_startups;
    }
  }
}

}  // namespace innozone::outcomes
