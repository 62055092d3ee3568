// GoogleTest suite of the outcomes area: the Morris design and parametric survival fits.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <vector>

#include "innozone/common/error.hpp"
#include "innozone/common/math.hpp"
#include "innozone/common/random.hpp"
#include "innozone/outcomes/cohorts.hpp"
#include "innozone/outcomes/sampling.hpp"
#include "innozone/outcomes/sensitivity.hpp"
#include "innozone/outcomes/survival.hpp"

using namespace innozone;
using namespace innozone::outcomes;

namespace {

ParameterSpace ishigami_space() {
  ParameterSpace s;
  for (const char* name : {"x1", "x2", "x3"}) s.add(name, Distribution::uniform(-M_PI, M_PI));
  return s;
}

std::size_t rank_of(const std::vector<double>& mu_star, std::size_t input) {
  std::size_t rank = 1;
  for (double v : mu_star) rank += v > mu_star[input] ? 1 : 0;
  return rank;
}

}  // namespace

// Bounded inputs sit on the standard grid j / (p - 1); unbounded ones on bin midpoints.
TEST(Morris, GridAndStepPerDistribution) {
  ParameterSpace space;
  space.add("u", Distribution::uniform(0, 10));
  space.add("n", Distribution::normal(0, 1));
  space.add("t", Distribution::triangular(0, 1, 4));
  class Sum : public OutcomeModel {
   public:
    std::vector<std::string> input_names() const override { return {"u", "n", "t"}; }
    std::vector<std::string> indicator_names() const override { return {"y"}; }
    std::vector<int> years() const override { return {0}; }
    void evaluate(const double* x, double* out) const override { out[0] = x[0] + x[1] + x[2]; }
  } model;
  for (int p : {4, 6, 8}) {
    const MorrisResult r = morris(model, space, 30, p, 11, 0);
    std::set<double> seen_u, seen_n;
    for (std::size_t row = 0; row < r.design.size() / 3; ++row) {
      seen_u.insert(r.design[row * 3 + 0]);
      seen_n.insert(r.design[row * 3 + 1]);
    }
    for (double u : seen_u) {
      const double j = u * (p - 1);
      EXPECT_NEAR(j, std::round(j), 1e-12) << "uniform level " << u << " at p = " << p;
    }
    for (double u : seen_n) {
      const double j = u * p - 0.5;
      EXPECT_NEAR(j, std::round(j), 1e-12) << "normal level " << u << " at p = " << p;
    }
    EXPECT_EQ(*seen_u.begin(), 0.0);  // both ends of a bounded support are used
    EXPECT_EQ(*seen_u.rbegin(), 1.0);
    EXPECT_NEAR(r.step[0], p / (2.0 * (p - 1)), 1e-15);
    EXPECT_NEAR(r.step[1], 0.5, 1e-15);
    EXPECT_EQ(r.bounded[0], 1);
    EXPECT_EQ(r.bounded[1], 0);
    EXPECT_EQ(r.bounded[2], 1);
    // Effects of the uniform input: 10 per unit of probability (the range).
    EXPECT_NEAR(r.mu[0], 10.0, 1e-9);
    EXPECT_NEAR(r.sigma[0], 0.0, 1e-9);
  }
}

// The issue-14 regression: on Ishigami, x2 (S1 = 0.44, the largest) must not vanish by
// aliasing (the old grid gave mu* = 2e-15 at 4 and 6 levels). With 4 levels (SALib's
// default) it ranks first or second by mu*; with 6 and 8 levels the standard design itself
// ranks it third (SALib: mu* 2.6 and 3.2 against 7.8-8.2 for x1), but it stays well above 0.
TEST(Morris, IshigamiX2IsNotAliased) {
  const IshigamiModel model;
  for (int p : {4, 6, 8}) {
    const MorrisResult r = morris(model, ishigami_space(), 100, p, 5, 0);
    EXPECT_GT(r.mu_star[1], 2.0) << p << " levels";
    if (p == 4) {
      EXPECT_LE(rank_of(r.mu_star, 1), 2u);
      EXPECT_NEAR(r.mu_star[1], 7.875, 1e-9);  // every x2 step at 4 levels moves sin^2 by 3/4
    }
  }
}

TEST(Morris, StatisticsRejectDesignsThatAreNotOneAtATime) {
  MorrisResult r;
  // Two trajectories of two inputs; the second trajectory moves both inputs at once.
  const std::vector<double> design = {0, 0, 1, 0, 1, 1, 0, 0, 1, 1, 1, 0};
  const std::vector<double> outputs(6, 1.0);
  EXPECT_THROW(morris_statistics(design, outputs, 2, 1, 2, 0, 0.95, 1, r), InvalidInput);
  EXPECT_THROW(morris_statistics(design, {1.0}, 2, 1, 2, 0, 0.95, 1, r), InvalidInput);
}

TEST(Morris, BootstrapConfidenceIsPositiveAndThreadIndependent) {
  const IshigamiModel model;
  ParallelOptions one;
  one.n_threads = 1;
  ParallelOptions two;
  two.n_threads = 2;
  const MorrisResult a = morris(model, ishigami_space(), 40, 4, 9, 500, 0.95, one);
  const MorrisResult b = morris(model, ishigami_space(), 40, 4, 9, 500, 0.95, two);
  EXPECT_EQ(a.mu_star, b.mu_star);
  EXPECT_EQ(a.mu_star_conf, b.mu_star_conf);
  for (double c : a.mu_star_conf) EXPECT_GT(c, 0.0);
}

// Sobol' centring: centred and textbook forms estimate the same indices.
TEST(Sobol, CenteredAndTextbookFormsAgreeOnIshigami) {
  const IshigamiModel model;
  const SobolResult c =
      sobol_indices(model, ishigami_space(), 1 << 13, {0}, Sampler::kSobol, 3, 0, 0.95, true);
  const SobolResult t =
      sobol_indices(model, ishigami_space(), 1 << 13, {0}, Sampler::kSobol, 3, 0, 0.95, false);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_NEAR(c.first[i], t.first[i], 0.03);
    EXPECT_EQ(c.total[i], t.total[i]);  // the total-effect estimator has no centring
  }
}

TEST(Sobol, BootstrapOfGivenOutputsIsThreadIndependentAndCancellable) {
  Philox rng(11, 2);
  const std::size_t n = 512, d = 3;
  std::vector<double> fa(n), fb(n), fab(d * n);
  for (auto* v : {&fa, &fb, &fab}) {
    for (double& x : *v) x = rng.uniform();
  }
  const SobolResult serial = sobol_from_outputs(fa, fb, fab, d, 200, 0.9, 5, true);
  for (int threads : {1, 3}) {
    ParallelOptions parallel;
    parallel.n_threads = threads;
    std::size_t last = 0;
    parallel.progress = [&last](std::size_t done, std::size_t) {
      last = done;
      return true;
    };
    const SobolResult other = sobol_from_outputs(fa, fb, fab, d, 200, 0.9, 5, true, parallel);
    EXPECT_EQ(other.first_low, serial.first_low);
    EXPECT_EQ(other.total_high, serial.total_high);
    EXPECT_EQ(other.first_se, serial.first_se);
    EXPECT_EQ(last, 200U);
  }
  ParallelOptions cancel;  // asked after the first millisecond: well before 20,000 replicates
  cancel.progress_interval_ms = 1;
  cancel.progress = [](std::size_t, std::size_t) { return false; };
  EXPECT_THROW(sobol_from_outputs(fa, fb, fab, d, 20000, 0.9, 5, true, cancel), Cancelled);
}

// ---- parametric survival ----

namespace {

/// Right-censored draws from a log-location-scale model (administrative censoring at `cap`).
SurvivalData simulate(SurvivalModel model, double mu, double sigma, std::size_t n, double cap,
                      std::uint64_t seed) {
  Philox rng(seed, 1);
  SurvivalData data;
  for (std::size_t i = 0; i < n; ++i) {
    const double u = rng.uniform();
    double w = 0.0;
    switch (model) {
      case SurvivalModel::kWeibull:
        w = std::log(-std::log(u));
        break;
      case SurvivalModel::kLogNormal:
        w = normal_quantile(u);
        break;
      case SurvivalModel::kLogLogistic:
        w = std::log(u / (1.0 - u));
        break;
    }
    const double t = std::exp(mu + sigma * w);
    data.durations.push_back(std::min(t, cap));
    data.events.push_back(t <= cap ? 1 : 0);
  }
  return data;
}

}  // namespace

TEST(Survival, RecoversParametersOfSimulatedDataWithinTheirStandardErrors) {
  for (SurvivalModel model :
       {SurvivalModel::kWeibull, SurvivalModel::kLogNormal, SurvivalModel::kLogLogistic}) {
    const double mu = 1.8;
    const double sigma = 0.6;
    const SurvivalData data = simulate(model, mu, sigma, 4000, 9.0, 42);
    const SurvivalFit fit = fit_survival(model, data);
    const auto& cov = fit.location_scale_covariance();
    // Within 4 standard errors (a failure would be a 6e-5 event per parameter).
    EXPECT_NEAR(fit.location(), mu, 4.0 * std::sqrt(cov[0])) << survival_model_name(model);
    EXPECT_NEAR(fit.log_scale(), std::log(sigma), 4.0 * std::sqrt(cov[3]))
        << survival_model_name(model);
    EXPECT_LT(fit.gradient_norm, 1e-6);
    EXPECT_EQ(fit.n_observations, 4000u);
    EXPECT_NEAR(fit.aic, 4.0 - 2.0 * fit.log_likelihood, 1e-9);
    // Functions are consistent with each other.
    for (double s : {0.1, 0.5, 0.9}) EXPECT_NEAR(fit.survival(fit.percentile(s)), s, 1e-12);
    for (double t : {0.5, 3.0, 12.0}) {
      EXPECT_NEAR(fit.cumulative_hazard(t), -std::log(fit.survival(t)), 1e-12);
      EXPECT_NEAR(fit.hazard(t), fit.density(t) / fit.survival(t), 1e-12 * fit.hazard(t));
      const auto band = fit.survival_interval(t, 0.95, "loglog");
      EXPECT_LT(band.first, fit.survival(t));
      EXPECT_GT(band.second, fit.survival(t));
      EXPECT_NEAR(fit.curve()(t), fit.survival(t), 1e-12);
    }
    const auto median = fit.percentile_interval(0.5, 0.95);
    EXPECT_LT(median.first, fit.percentile(0.5));
    EXPECT_GT(median.second, fit.percentile(0.5));
  }
}

// Numerical check of the analytic Hessian: the covariance equals the inverse of a
// finite-difference Hessian of the log-likelihood (central differences, step 1e-4).
TEST(Survival, CovarianceMatchesFiniteDifferenceHessian) {
  SurvivalData data = simulate(SurvivalModel::kLogLogistic, 1.0, 0.8, 300, 5.0, 7);
  data.entry.assign(data.durations.size(), 0.0);
  for (std::size_t i = 0; i < data.durations.size(); i += 3)
    data.entry[i] = 0.3 * data.durations[i];
  const SurvivalFit fit = fit_survival(SurvivalModel::kLogLogistic, data);
  auto ll = [&data](double mu, double s) {
    double total = 0.0;
    for (std::size_t i = 0; i < data.durations.size(); ++i) {
      const SurvivalFit f(SurvivalModel::kLogLogistic, mu, s, {1, 0, 0, 1});
      const double t = data.durations[i];
      total += data.events[i] == 1 ? std::log(f.density(t)) : std::log(f.survival(t));
      if (data.entry[i] > 0.0) total -= std::log(f.survival(data.entry[i]));
    }
    return total;
  };
  const double h = 1e-4;
  const double m = fit.location();
  const double s = fit.log_scale();
  const double f0 = ll(m, s);
  EXPECT_NEAR(f0, fit.log_likelihood, 1e-8 * std::fabs(f0));
  const double hmm = (ll(m + h, s) - 2 * f0 + ll(m - h, s)) / (h * h);
  const double hss = (ll(m, s + h) - 2 * f0 + ll(m, s - h)) / (h * h);
  const double hms =
      (ll(m + h, s + h) - ll(m + h, s - h) - ll(m - h, s + h) + ll(m - h, s - h)) / (4 * h * h);
  const double det = hmm * hss - hms * hms;
  const auto& cov = fit.location_scale_covariance();
  EXPECT_NEAR(cov[0], -hss / det, 1e-4 * std::fabs(cov[0]));
  EXPECT_NEAR(cov[1], hms / det, 1e-3 * std::fabs(cov[0]));
  EXPECT_NEAR(cov[3], -hmm / det, 1e-4 * std::fabs(cov[3]));
}

TEST(Survival, BadDataIsRefusedWithThePlace) {
  SurvivalData data{{1.0, 2.0, 0.0}, {1, 1, 0}, {}, {}};
  try {
    fit_survival(SurvivalModel::kWeibull, data);
    FAIL() << "expected InvalidInput";
  } catch (const InvalidInput& error) {
    EXPECT_NE(std::string(error.what()).find("observation 2"), std::string::npos) << error.what();
  }
  EXPECT_THROW(fit_survival(SurvivalModel::kWeibull, SurvivalData{{1.0, 2.0}, {1, 2}, {}, {}}),
               InvalidInput);
  // One event time only: not identified.
  EXPECT_THROW(
      fit_survival(SurvivalModel::kWeibull, SurvivalData{{3.0, 3.0, 4.0}, {1, 1, 0}, {}, {}}),
      InvalidInput);
  EXPECT_THROW(
      fit_survival(SurvivalModel::kWeibull, SurvivalData{{1.0, 2.0}, {1, 1}, {1.5, 0.0}, {}}),
      InvalidInput);
  EXPECT_THROW(
      fit_survival(SurvivalModel::kWeibull, SurvivalData{{1.0, 2.0}, {1, 1}, {}, {1.0, -1.0}}),
      InvalidInput);
  EXPECT_THROW(parse_survival_model("gompertz"), InvalidInput);
}

TEST(Survival, ParametricCurvesForCohorts) {
  const SurvivalCurve ln = SurvivalCurve::lognormal(1.5, 0.7);
  EXPECT_NEAR(ln(std::exp(1.5)), 0.5, 1e-15);
  const SurvivalCurve ll = SurvivalCurve::loglogistic(4.0, 2.0);
  EXPECT_NEAR(ll(4.0), 0.5, 1e-15);
  EXPECT_NEAR(ll(8.0), 1.0 / 5.0, 1e-15);
  EXPECT_EQ(ll.parameters(), (std::vector<double>{4.0, 2.0}));
  EXPECT_THROW(SurvivalCurve::lognormal(1.0, 0.0), InvalidInput);
  const CohortProjection p = project_cohorts({2025, 2026}, {10.0, 10.0}, ll, 2.0, 1.0);
  EXPECT_NEAR(p.alive[0], 10.0 * ll(0.5), 1e-12);
}
