// GoogleTest suite of the outcomes area. References for expected values are cited inline.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>
#include <vector>

#include "innozone/common/error.hpp"
#include "innozone/outcomes/cohorts.hpp"
#include "innozone/outcomes/distributions.hpp"
#include "innozone/outcomes/growth.hpp"
#include "innozone/outcomes/montecarlo.hpp"
#include "innozone/outcomes/sampling.hpp"
#include "innozone/outcomes/sensitivity.hpp"

using namespace innozone;
using namespace innozone::outcomes;

namespace {

// Sample moments of a distribution on an unscrambled-free scrambled Sobol' design (n = 2^14).
std::pair<double, double> moments(const Distribution& d, std::size_t n = 1u << 14) {
  UniformDesign design(Sampler::kSobol, n, 1, 7);
  std::vector<double> u(n);
  design.fill(0, n, u.data());
  double sum = 0.0, ss = 0.0;
  for (double x : u) sum += d.quantile(x);
  const double mean = sum / n;
  for (double x : u) ss += (d.quantile(x) - mean) * (d.quantile(x) - mean);
  return {mean, ss / n};
}

class LinearModel : public OutcomeModel {
 public:
  std::vector<std::string> input_names() const override { return {"a", "b", "c"}; }
  std::vector<std::string> indicator_names() const override { return {"y"}; }
  std::vector<int> years() const override { return {2030}; }
  void evaluate(const double* x, double* out) const override {
    out[0] = 1.0 * x[0] + 2.0 * x[1] + 4.0 * x[2];
  }
};

ParameterSpace unit_space(const std::vector<std::string>& names, double low, double high) {
  ParameterSpace s;
  for (const auto& n : names) s.add(n, Distribution::uniform(low, high));
  return s;
}

}  // namespace

// Moments against the closed forms (any probability text, e.g. Johnson, Kotz & Balakrishnan).
// Tolerance: 1 % relative on the mean and 3 % on the variance at n = 2^14 quasi-random points.
TEST(Distributions, MomentsMatchClosedForms) {
  const std::vector<Distribution> dists = {Distribution::uniform(2, 5),
                                           Distribution::normal(1, 2),
                                           Distribution::lognormal(0.2, 0.4),
                                           Distribution::triangular(0, 1, 4),
                                           Distribution::pert(1, 2, 6),
                                           Distribution::beta(2, 3, 1, 3),
                                           Distribution::gamma(2.5, 1.5),
                                           Distribution::poisson(4.5),
                                           Distribution::negative_binomial(3, 0.4),
                                           Distribution::empirical({1, 2, 2, 3, 7})};
  for (const auto& d : dists) {
    const auto [mean, var] = moments(d);
    EXPECT_NEAR(mean, d.mean(), 0.01 * std::fabs(d.mean()) + 1e-9) << d.describe();
    EXPECT_NEAR(var, d.variance(), 0.03 * d.variance()) << d.describe();
  }
  EXPECT_EQ(Distribution::fixed(3.5).quantile(0.2), 3.5);
  EXPECT_DOUBLE_EQ(Distribution::fixed(3.5).variance(), 0.0);
}

// Quantile inverts the CDF for the continuous families (to 1e-9).
TEST(Distributions, QuantileInvertsCdf) {
  const std::vector<Distribution> dists = {
      Distribution::lognormal(0, 1), Distribution::triangular(0, 3, 4),
      Distribution::pert(0, 1, 10),  Distribution::beta(0.5, 0.7),
      Distribution::gamma(0.3, 2.0), Distribution::gamma(50, 0.1)};
  for (const auto& d : dists) {
    for (double p : {1e-6, 0.01, 0.3, 0.5, 0.77, 0.999}) {
      EXPECT_NEAR(d.cdf(d.quantile(p)), p, 1e-9) << d.describe() << " p=" << p;
    }
  }
}

// Reference values: Abramowitz & Stegun 6.5 / 26.5; P(1, x) = 1 - e^{-x}; I_x(1, b) = 1 - (1-x)^b.
TEST(Distributions, SpecialFunctions) {
  EXPECT_NEAR(gamma_p(1.0, 2.0), 1.0 - std::exp(-2.0), 1e-14);
  EXPECT_NEAR(beta_inc(1.0, 3.0, 0.2), 1.0 - std::pow(0.8, 3.0), 1e-14);
  EXPECT_NEAR(beta_inc(2.0, 2.0, 0.5), 0.5, 1e-14);
  EXPECT_NEAR(gamma_p_inverse(3.0, gamma_p(3.0, 2.5)), 2.5, 1e-10);
}

TEST(Distributions, BadParametersNameTheParameter) {
  EXPECT_THROW(Distribution::normal(0, -1), InvalidInput);
  try {
    Distribution::triangular(0, 5, 4);
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("'mode'"), std::string::npos) << e.what();
  }
  EXPECT_THROW(Distribution::negative_binomial(2, 1.5), InvalidInput);
  EXPECT_THROW(Distribution::empirical({}), InvalidInput);
}

// Sobol' points: the first points of dimensions 1-2 are (0.5, 0.5), (0.75, 0.25), (0.25, 0.75)
// (Bratley & Fox 1988, Table 1 ordering in Gray code); in every dimension the first 2^m points
// hit each of the 2^m dyadic intervals exactly once (a (0, m, 1)-net).
TEST(Sampling, SobolKnownPointsAndNetProperty) {
  const SobolSequence sobol(SobolSequence::max_dimensions());
  std::vector<std::uint32_t> x(static_cast<std::size_t>(sobol.dimensions()));
  sobol.point(1, x.data());
  EXPECT_EQ(x[0], 1u << 31);
  EXPECT_EQ(x[1], 1u << 31);
  sobol.point(2, x.data());
  EXPECT_EQ(x[0], 3u << 30);
  EXPECT_EQ(x[1], 1u << 30);
  const std::size_t n = 1024;
  std::vector<double> pts(n * sobol.dimensions());
  sobol.fill(0, n, {}, pts.data());
  for (int j = 0; j < sobol.dimensions(); ++j) {
    std::set<int> bins;
    for (std::size_t i = 0; i < n; ++i)
      bins.insert(static_cast<int>(pts[i * sobol.dimensions() + j] * n));
    EXPECT_EQ(bins.size(), n) << "dimension " << j;
  }
  EXPECT_THROW(SobolSequence(SobolSequence::max_dimensions() + 1), InvalidInput);
}

TEST(Sampling, LatinHypercubeStratifiesEveryColumn) {
  const std::size_t n = 3000, d = 4;
  const UniformDesign design(Sampler::kLatinHypercube, n, d, 11);
  std::vector<double> u(n * d);
  design.fill(0, n, u.data());
  for (std::size_t j = 0; j < d; ++j) {
    std::vector<int> count(n, 0);
    for (std::size_t i = 0; i < n; ++i) ++count[static_cast<std::size_t>(u[i * d + j] * n)];
    EXPECT_TRUE(std::all_of(count.begin(), count.end(), [](int c) { return c == 1; }));
  }
  // Filling in pieces gives the same rows as filling at once.
  std::vector<double> part(10 * d);
  design.fill(1500, 10, part.data());
  EXPECT_TRUE(std::equal(part.begin(), part.end(), u.begin() + 1500 * d));
}

TEST(Sampling, CopulaValidatesAndCorrelates) {
  EXPECT_THROW(GaussianCopula({1, 0.9, 0.9, 0.9, 1, -0.9, 0.9, -0.9, 1}, {"a", "b", "c"}),
               InvalidInput);
  EXPECT_THROW(GaussianCopula({1, 0.5, 0.4, 1}, {"a", "b"}), InvalidInput);  // not symmetric
  ParameterSpace space = unit_space({"a", "b"}, 0.0, 1.0);
  space.set_correlation({"a", "b"}, {1, 0.8, 0.8, 1});
  const std::size_t n = 20000;
  const UniformDesign design(Sampler::kMonteCarlo, n, 2, 3);
  std::vector<double> u(n * 2);
  design.fill(0, n, u.data());
  for (std::size_t i = 0; i < n; ++i) space.transform(&u[2 * i]);
  // Pearson correlation of uniforms from a Gaussian copula: (6/pi) asin(rho/2) = 0.786
  // (Kruskal 1958); tolerance 0.02 at n = 20000.
  double ma = 0, mb = 0;
  for (std::size_t i = 0; i < n; ++i) {
    ma += u[2 * i];
    mb += u[2 * i + 1];
  }
  ma /= n;
  mb /= n;
  double sab = 0, saa = 0, sbb = 0;
  for (std::size_t i = 0; i < n; ++i) {
    sab += (u[2 * i] - ma) * (u[2 * i + 1] - mb);
    saa += (u[2 * i] - ma) * (u[2 * i] - ma);
    sbb += (u[2 * i + 1] - mb) * (u[2 * i + 1] - mb);
  }
  EXPECT_NEAR(sab / std::sqrt(saa * sbb), 6.0 / M_PI * std::asin(0.4), 0.02);
}

// The same seed gives bit-identical draws on 1 and 2 threads, for every sampler.
TEST(MonteCarlo, BitIdenticalAcrossThreadCounts) {
  ZoneModelSpec spec;
  spec.years = {2025, 2026, 2027};
  spec.phase1_transfers = 209.0;  // a test value (technology transfers of the previous phase)
  spec.budget = {36, 36, 36};
  const ZoneModel model(spec);
  ParameterSpace space;
  const std::vector<double> lo = {190, 0.5, 0.8, 0.15, 0.3, 0.6, 0.4, 0.5, 8, 6, 5};
  const auto names = model.input_names();
  for (std::size_t i = 0; i < names.size(); ++i)
    space.add(names[i], Distribution::uniform(lo[i], lo[i] * 1.2));
  for (Sampler sampler : {Sampler::kMonteCarlo, Sampler::kLatinHypercube, Sampler::kSobol}) {
    MonteCarloOptions options;
    options.n_draws = 5000;
    options.seed = 99;
    options.sampler = sampler;
    options.keep_draws = true;
    options.keep_inputs = true;
    ParallelOptions one, two;
    one.n_threads = 1;
    two.n_threads = 2;
    const auto a = run_monte_carlo(model, space, options, one);
    const auto b = run_monte_carlo(model, space, options, two);
    EXPECT_EQ(a.outputs, b.outputs);
    EXPECT_EQ(a.inputs, b.inputs);
    options.seed = 100;
    const auto c = run_monte_carlo(model, space, options, two);
    EXPECT_NE(a.outputs, c.outputs);
  }
}

TEST(MonteCarlo, SummaryAndProbability) {
  std::vector<double> data(1001);
  std::iota(data.begin(), data.end(), 0.0);
  const auto s = summarize_columns(data.data(), 1001, 1, {0.0, 0.25, 0.5, 1.0});
  EXPECT_DOUBLE_EQ(s.mean[0], 500.0);
  EXPECT_DOUBLE_EQ(s.quantiles[1], 250.0);
  EXPECT_DOUBLE_EQ(s.quantiles[2], 500.0);
  EXPECT_DOUBLE_EQ(s.quantiles[3], 1000.0);
  EXPECT_DOUBLE_EQ(probability_reaching(data.data(), 1001, 1, 0, 900.0, true), 101.0 / 1001.0);
  EXPECT_DOUBLE_EQ(probability_reaching(data.data(), 1001, 1, 0, 100.0, false), 101.0 / 1001.0);
}

TEST(MonteCarlo, InputMatchingErrorsNameTheInput) {
  const LinearModel model;
  ParameterSpace missing = unit_space({"a", "b"}, 0, 1);
  EXPECT_THROW(match_inputs(model, missing), NotFound);
  ParameterSpace extra = unit_space({"a", "b", "c", "zz"}, 0, 1);
  try {
    match_inputs(model, extra);
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("'zz'"), std::string::npos);
  }
}

// Ishigami analytic indices (Saltelli et al. 2008, p. 179, a = 7, b = 0.1):
// S1 = 0.3139, 0.4424, 0; ST = 0.5576, 0.4424, 0.2437. Tolerance 0.02 at N = 2^14.
TEST(Sensitivity, IshigamiSobolIndices) {
  const IshigamiModel model;
  ParameterSpace space = unit_space({"x1", "x2", "x3"}, -M_PI, M_PI);
  const auto r = sobol_indices(model, space, 1u << 14, {0}, Sampler::kSobol, 5, 100, 0.95);
  const double s1[] = {0.3139, 0.4424, 0.0};
  const double st[] = {0.5576, 0.4424, 0.2437};
  for (int i = 0; i < 3; ++i) {
    EXPECT_NEAR(r.first[static_cast<std::size_t>(i)], s1[i], 0.02) << "S1 x" << i + 1;
    EXPECT_NEAR(r.total[static_cast<std::size_t>(i)], st[i], 0.02) << "ST x" << i + 1;
    EXPECT_LE(r.first_low[static_cast<std::size_t>(i)], r.first[static_cast<std::size_t>(i)]);
    EXPECT_GE(r.total_high[static_cast<std::size_t>(i)], r.total[static_cast<std::size_t>(i)]);
  }
  ParameterSpace correlated = unit_space({"x1", "x2", "x3"}, -M_PI, M_PI);
  correlated.set_correlation({"x1", "x2"}, {1, 0.3, 0.3, 1});
  EXPECT_THROW(sobol_indices(model, correlated, 64, {0}, Sampler::kSobol, 5, 0, 0.95),
               InvalidInput);
}

// For y = a + 2b + 4c on uniform [0, 1] inputs every elementary effect (per unit of
// probability) equals the coefficient.
TEST(Sensitivity, MorrisOnLinearModelAndTornado) {
  const LinearModel model;
  const ParameterSpace space = unit_space({"a", "b", "c"}, 0, 1);
  const auto r = morris(model, space, 10, 4, 3);
  const double coef[] = {1, 2, 4};
  for (int i = 0; i < 3; ++i) {
    EXPECT_NEAR(r.mu_star[static_cast<std::size_t>(i)], coef[i], 1e-9);
    EXPECT_NEAR(r.sigma[static_cast<std::size_t>(i)], 0.0, 1e-9);
  }
  const auto t = tornado(model, space, 0.1, 0.9);
  EXPECT_NEAR(t.base[0], 3.5, 1e-12);
  EXPECT_NEAR(t.outputs[6] - t.outputs[5], 4.0 * 0.8, 1e-12);  // input c: high - low
}

// Exact logistic data are recovered; too few points raise; pre-saturation data are not identified.
TEST(Growth, LogisticRecoveryAndIdentification) {
  std::vector<double> t, y;
  for (int i = 0; i < 12; ++i) {
    t.push_back(2010 + i);
    y.push_back(300.0 / (1.0 + std::exp(-0.6 * (2010 + i - 2016.0))));
  }
  const auto fit = fit_growth(GrowthCurve::kLogistic, t, y);
  EXPECT_TRUE(fit.converged);
  EXPECT_TRUE(fit.identified) << fit.message;
  EXPECT_NEAR(fit.parameters[0], 300.0, 1e-4);
  EXPECT_NEAR(fit.parameters[1], 0.6, 1e-6);
  EXPECT_NEAR(fit.parameters[2], 2016.0, 1e-5);
  EXPECT_THROW(fit_growth(GrowthCurve::kLogistic, {1, 2, 3}, {1, 2, 4}), NumericalError);
  // Gimhae biomedical firms 2018-2021 and 2024 (zone-facts 3a): still accelerating.
  const auto early =
      fit_growth(GrowthCurve::kLogistic, {2018, 2019, 2020, 2021, 2024}, {67, 86, 121, 131, 319});
  EXPECT_FALSE(early.identified);
  EXPECT_THROW(project_growth(early, {2030}), NumericalError);
  EXPECT_NEAR(cagr(121, 319, 4), 0.2742, 1e-4);  // seed-facts: 27.4 % a year
}

TEST(Growth, ExponentialBandsWidenOutsideData) {
  const std::vector<double> t = {0, 1, 2, 3, 4, 5};
  const std::vector<double> y = {10, 12.1, 14.4, 17.5, 20.6, 25.3};
  const auto fit = fit_growth(GrowthCurve::kExponential, t, y);
  ASSERT_TRUE(fit.identified);
  EXPECT_NEAR(fit.parameters[1], 0.185, 0.01);
  const auto p = project_growth(fit, {2.5, 10.0}, 0.9);
  EXPECT_LT(p.upper[0] - p.lower[0], p.upper[1] - p.lower[1]);
}

TEST(Cohorts, SurvivalCurves) {
  const auto w = SurvivalCurve::weibull_through(0.6, 5.0, 0.4);
  EXPECT_NEAR(w(5.0), 0.4, 1e-12);
  const auto pw = SurvivalCurve::piecewise({1, 2, 3}, {0.6, 0.3, 0.0});
  EXPECT_NEAR(pw(1.5), 0.6 * std::sqrt(0.5), 1e-12);  // constant hazard inside a segment
  EXPECT_NEAR(pw(2.5), 0.15, 1e-12);                  // linear on the segment ending at zero
  EXPECT_EQ(pw(3.0), 0.0);
  EXPECT_EQ(pw(10.0), 0.0);
  EXPECT_EQ(pw.zero_age(), 3.0);
  EXPECT_THROW(SurvivalCurve::piecewise({1, 2}, {0.5, 0.6}), InvalidInput);
  // Kaplan-Meier by hand: times 1,2,2,3+,4 (event flags 1,1,1,0,1): S(1)=4/5, S(2)=4/5*1/4... :
  // at 1: 5 at risk, 1 event -> 0.8; at 2: 4 at risk, 2 events -> 0.4; at 4: 1 at risk -> 0.
  const auto km = SurvivalCurve::kaplan_meier({1, 2, 2, 3, 4}, {1, 1, 1, 0, 1});
  EXPECT_NEAR(km(1.5), 0.8, 1e-12);
  EXPECT_NEAR(km(3.5), 0.4, 1e-12);
  EXPECT_EQ(km(4.0), 0.0);
  EXPECT_EQ(km.zero_age(), 4.0);
  EXPECT_THROW(SurvivalCurve::kaplan_meier({1, 2}, {0, 0}), InvalidInput);
}

TEST(Cohorts, ProjectionFunnelBudgetAndZoneModel) {
  const auto s = SurvivalCurve::piecewise({0.5, 1.5}, {0.9, 0.6});
  const auto p = project_cohorts({2025, 2026}, {10, 20}, s, 3.0, 2.0, {2024}, {5});
  // 2025: 10 * S(0.5) + 5 * S(1.5) = 9 + 3; 2026: 10 * S(1.5) + 20 * S(0.5) + 5 * S(2.5).
  EXPECT_NEAR(p.alive[0], 12.0, 1e-12);
  EXPECT_NEAR(p.alive[1], 6.0 + 18.0 + 5.0 * 0.6 * (0.6 / 0.9), 1e-12);
  EXPECT_NEAR(p.jobs[0], 36.0, 1e-12);
  const auto f =
      Funnel::calibrate({"transfers", "companies", "surviving"}, {209, 120, 96}, 200, 0.8);
  const auto v = f.project(180);
  EXPECT_NEAR(v[0], 209 * std::pow(0.9, 0.8), 1e-9);
  EXPECT_NEAR(v[2] / v[0], 96.0 / 209.0, 1e-12);
  EXPECT_NEAR(budget_response(50, 100, 10, 0.5), 10 * std::sqrt(0.5), 1e-12);
  EXPECT_LT(budget_response(200, 100, 10, 1.0, 1.0), 20.0);  // saturating: less than proportional
  // Zone model, one row, hand computation for the first year with no earlier cohorts.
  ZoneModelSpec spec;
  spec.years = {2025};
  spec.phase1_transfers = 209.0;  // a test value (technology transfers of the previous phase)
  spec.budget = {36};
  const ZoneModel model(spec);
  const std::vector<double> x = {200, 1.0, 1.0, 0.2, 0.4, 0.7, 0.5, 1.0, 10, 8, 9};
  std::vector<double> out(model.n_outputs());
  model.evaluate(x.data(), out.data());
  const double transfers = 209.0 / 5 * (36.0 / 40.0);
  EXPECT_NEAR(out[0], transfers, 1e-9);
  const double alive = 0.2 * transfers * std::exp(std::log(0.7) * 0.1) +
                       0.4 * transfers * std::exp(std::log(0.5) * 0.1);
  EXPECT_NEAR(out[3], alive, 1e-9);
  EXPECT_NEAR(out[4], 10 * alive, 1e-9);
  EXPECT_NEAR(out[6], 0.6 * transfers * 9, 1e-9);
}
