// Tests of the difference-in-differences area.
#include <gtest/gtest.h>

#include <Eigen/Dense>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "innozone/common/error.hpp"
#include "innozone/common/random.hpp"
#include "innozone/did/event_study.hpp"
#include "innozone/did/regression.hpp"
#include "innozone/did/staggered.hpp"

namespace {

using innozone::did::EstMethod;

// ------------------------------------------------------------------ chi-square tail
TEST(Chi2, KnownQuantiles) {
  // 95% quantiles of chi2(1) and chi2(3) (standard tables; R qchisq(0.95, df)).
  EXPECT_NEAR(innozone::did::chi2_sf(3.841458820694124, 1), 0.05, 1e-12);
  EXPECT_NEAR(innozone::did::chi2_sf(7.814727903251178, 3), 0.05, 1e-12);
  EXPECT_NEAR(innozone::did::chi2_sf(0.0, 4), 1.0, 1e-15);
  // chi2(2) has the closed form exp(-x/2).
  EXPECT_NEAR(innozone::did::chi2_sf(5.0, 2), std::exp(-2.5), 1e-14);
  EXPECT_THROW(innozone::did::chi2_sf(1.0, 0.0), innozone::InvalidInput);
}

// ------------------------------------------------------------------ FE regression
struct SimPanel {
  Eigen::VectorXd y;
  Eigen::MatrixXd x;
  std::vector<int> unit, time;
};

SimPanel simulate_panel(int units, int periods, bool drop_some) {
  innozone::Philox rng(42, 1);
  SimPanel p;
  std::vector<double> ys;
  std::vector<double> xs;
  for (int i = 0; i < units; ++i) {
    const double a = rng.normal();
    for (int t = 0; t < periods; ++t) {
      if (drop_some && (i + t) % 7 == 0) {
        continue;  // unbalanced
      }
      const double x = rng.normal() + 0.3 * a + 0.1 * t;
      xs.push_back(x);
      ys.push_back(1.5 * x + a + 0.2 * t * t + rng.normal() * (1.0 + 0.5 * (i % 3)));
      p.unit.push_back(i);
      p.time.push_back(t);
    }
  }
  p.y = Eigen::Map<Eigen::VectorXd>(ys.data(), static_cast<Eigen::Index>(ys.size()));
  p.x = Eigen::Map<Eigen::MatrixXd>(xs.data(), static_cast<Eigen::Index>(xs.size()), 1);
  return p;
}

// The same model as an OLS with explicit dummy columns, CR1 by unit (independent of the
// absorbed implementation).
void dummy_ols(const SimPanel& p, int units, int periods, double* coef, double* se_full) {
  const Eigen::Index n = p.y.size();
  const Eigen::Index k = 1 + units + (periods - 1);
  Eigen::MatrixXd z = Eigen::MatrixXd::Zero(n, k);
  for (Eigen::Index r = 0; r < n; ++r) {
    z(r, 0) = p.x(r, 0);
    z(r, 1 + p.unit[static_cast<std::size_t>(r)]) = 1.0;
    if (p.time[static_cast<std::size_t>(r)] > 0) {
      z(r, units + p.time[static_cast<std::size_t>(r)]) = 1.0;
    }
  }
  const Eigen::MatrixXd ztz_inv = (z.transpose() * z).inverse();
  const Eigen::VectorXd b = ztz_inv * z.transpose() * p.y;
  const Eigen::VectorXd u = p.y - z * b;
  Eigen::MatrixXd meat = Eigen::MatrixXd::Zero(k, k);
  for (int g = 0; g < units; ++g) {
    Eigen::VectorXd s = Eigen::VectorXd::Zero(k);
    for (Eigen::Index r = 0; r < n; ++r) {
      if (p.unit[static_cast<std::size_t>(r)] == g) {
        s += z.row(r).transpose() * u(r);
      }
    }
    meat += s * s.transpose();
  }
  const double c = units / (units - 1.0) * (n - 1.0) / static_cast<double>(n - k);
  const Eigen::MatrixXd v = c * ztz_inv * meat * ztz_inv;
  *coef = b(0);
  *se_full = std::sqrt(v(0, 0));
}

TEST(FeRegression, MatchesDummyOlsOnUnbalancedPanel) {
  const int units = 30;
  const int periods = 6;
  const SimPanel p = simulate_panel(units, periods, true);
  double coef = 0.0;
  double se_full = 0.0;
  dummy_ols(p, units, periods, &coef, &se_full);
  innozone::did::FeRegressionInput in;
  in.y = p.y;
  in.x = p.x;
  in.unit = p.unit;
  in.time = p.time;
  in.names = {"x"};
  in.small_sample = innozone::did::SmallSample::kFull;
  const auto full = innozone::did::fe_regression(in);
  EXPECT_NEAR(full.coef(0), coef, 1e-9);
  EXPECT_NEAR(full.se(0), se_full, 1e-9);  // CR1 with every dummy counted in K
  EXPECT_EQ(full.n_params, 1 + units + periods - 1);
  // Nested convention: unit effects nested in unit clusters are not counted in K.
  in.small_sample = innozone::did::SmallSample::kNested;
  const auto nested = innozone::did::fe_regression(in);
  const double n = static_cast<double>(p.y.size());
  // ... but one parameter is kept for them (the constant), as fixest and reghdfe do.
  const double ratio = std::sqrt((n - (1 + units + periods - 1)) / (n - (1 + periods)));
  EXPECT_EQ(nested.n_params, 1 + periods);
  EXPECT_NEAR(nested.se(0), se_full * ratio, 1e-9);
}

TEST(FeRegression, RejectsRegressorCollinearWithFixedEffects) {
  SimPanel p = simulate_panel(10, 4, false);
  for (Eigen::Index r = 0; r < p.x.rows(); ++r) {
    p.x(r, 0) = p.unit[static_cast<std::size_t>(r)] * 2.0;  // constant within unit
  }
  innozone::did::FeRegressionInput in;
  in.y = p.y;
  in.x = p.x;
  in.unit = p.unit;
  in.time = p.time;
  in.names = {"size"};
  try {
    innozone::did::fe_regression(in);
    FAIL() << "expected NumericalError";
  } catch (const innozone::NumericalError& e) {
    EXPECT_NE(std::string(e.what()).find("'size'"), std::string::npos) << e.what();
  }
  in.unit.pop_back();
  EXPECT_THROW(innozone::did::fe_regression(in), innozone::InvalidInput);
}

// ------------------------------------------------------------------ 2x2 from cell means
TEST(TwoByTwo, CellMeansAndInteractionAgree) {
  innozone::Philox rng(7, 0);
  std::vector<int> treated, post;
  std::vector<double> ys;
  for (int i = 0; i < 400; ++i) {
    const int d = i % 2;
    const int p = (i / 2) % 2;
    treated.push_back(d);
    post.push_back(p);
    ys.push_back(10.0 + 2.0 * d - 1.0 * p + 3.0 * d * p + rng.normal());
  }
  const Eigen::VectorXd y = Eigen::Map<Eigen::VectorXd>(ys.data(), 400);
  const auto r = innozone::did::two_by_two(y, treated, post, {});
  const double did = (r.mean[1][1] - r.mean[1][0]) - (r.mean[0][1] - r.mean[0][0]);
  EXPECT_NEAR(r.did, did, 1e-12);
  EXPECT_NEAR(r.did, 3.0, 0.5);  // 4 s.e. of a difference of 4 means of 100 N(0,1) draws
  EXPECT_EQ(r.count[1][1], 100);
  // HC1 s.e. of the interaction with 4 free cell means: sqrt(sum var/n) * sqrt(N/(N-4)).
  double v = 0.0;
  for (int g = 0; g < 2; ++g) {
    for (int p = 0; p < 2; ++p) {
      v += r.mean_se[g][p] * r.mean_se[g][p] * (r.count[g][p] - 1.0) / r.count[g][p];
    }
  }
  EXPECT_NEAR(r.se, std::sqrt(v * 400.0 / 396.0), 1e-10);
  EXPECT_THROW(innozone::did::two_by_two(y, std::vector<int>(400, 0), post, {}),
               innozone::InvalidInput);
}

// ------------------------------------------------------------------ 2x2 panel estimators
TEST(PanelDid2x2, AllMethodsAgreeWithoutCovariates) {
  innozone::Philox rng(3, 0);
  const int n = 300;
  Eigen::VectorXd dy(n), d(n);
  Eigen::MatrixXd x = Eigen::MatrixXd::Ones(n, 1);
  double sum_t = 0, sum_c = 0;
  int n_t = 0;
  for (int i = 0; i < n; ++i) {
    d(i) = i % 3 == 0 ? 1.0 : 0.0;
    dy(i) = rng.normal() + 0.7 * d(i);
    if (d(i) > 0) {
      sum_t += dy(i);
      ++n_t;
    } else {
      sum_c += dy(i);
    }
  }
  const double expected = sum_t / n_t - sum_c / (n - n_t);
  for (EstMethod m : {EstMethod::kRegression, EstMethod::kIpw, EstMethod::kDoublyRobust,
                      EstMethod::kDoublyRobustImproved}) {
    const auto cell = innozone::did::panel_did_2x2(dy, d, x, m);
    EXPECT_NEAR(cell.att, expected, 1e-10) << static_cast<int>(m);
    EXPECT_NEAR(cell.influence.mean(), 0.0, 1e-10);
  }
}

TEST(PanelDid2x2, RegressionAndDoublyRobustExactWhenOutcomeModelIsLinear) {
  innozone::Philox rng(5, 0);
  const int n = 400;
  Eigen::VectorXd dy(n), d(n);
  Eigen::MatrixXd x(n, 2);
  for (int i = 0; i < n; ++i) {
    const double z = rng.normal();
    x(i, 0) = 1.0;
    x(i, 1) = z;
    d(i) = rng.uniform() < 1.0 / (1.0 + std::exp(-0.8 * z)) ? 1.0 : 0.0;  // selection on z
    dy(i) = 0.5 + 1.3 * z + 0.25 * d(i);  // constant effect 0.25, no noise
  }
  for (EstMethod m :
       {EstMethod::kRegression, EstMethod::kDoublyRobust, EstMethod::kDoublyRobustImproved}) {
    EXPECT_NEAR(innozone::did::panel_did_2x2(dy, d, x, m).att, 0.25, 1e-9) << static_cast<int>(m);
  }
  // IPW only balances in expectation: close but not exact.
  EXPECT_NEAR(innozone::did::panel_did_2x2(dy, d, x, EstMethod::kIpw).att, 0.25, 0.2);
}

TEST(PanelDid2x2, IntegerWeightsEqualDuplicatedUnits) {
  // A unit with weight 2 counts like two copies of it: same ATT for every estimator.
  innozone::Philox rng(9, 0);
  const int n = 200;
  Eigen::VectorXd dy(n), d(n), w(n);
  Eigen::MatrixXd x(n, 2);
  int n_dup = 0;
  for (int i = 0; i < n; ++i) {
    const double z = rng.normal();
    x(i, 0) = 1.0;
    x(i, 1) = z;
    d(i) = rng.uniform() < 1.0 / (1.0 + std::exp(0.5 - 0.7 * z)) ? 1.0 : 0.0;
    dy(i) = 0.3 * z + 0.2 * d(i) + rng.normal();
    w(i) = i % 4 == 0 ? 2.0 : 1.0;
    n_dup += i % 4 == 0 ? 1 : 0;
  }
  Eigen::VectorXd dy2(n + n_dup), d2(n + n_dup);
  Eigen::MatrixXd x2(n + n_dup, 2);
  int r = 0;
  for (int i = 0; i < n; ++i) {
    for (int copy = 0; copy < static_cast<int>(w(i)); ++copy, ++r) {
      dy2(r) = dy(i);
      d2(r) = d(i);
      x2.row(r) = x.row(i);
    }
  }
  for (EstMethod m : {EstMethod::kRegression, EstMethod::kIpw, EstMethod::kDoublyRobust,
                      EstMethod::kDoublyRobustImproved}) {
    const double weighted = innozone::did::panel_did_2x2(dy, d, x, m, w).att;
    const double duplicated = innozone::did::panel_did_2x2(dy2, d2, x2, m).att;
    EXPECT_NEAR(weighted, duplicated, 1e-9) << static_cast<int>(m);
  }
  Eigen::VectorXd bad = w;
  bad(3) = -1.0;
  EXPECT_THROW(innozone::did::panel_did_2x2(dy, d, x, EstMethod::kDoublyRobust, bad),
               innozone::InvalidInput);
}

// ------------------------------------------------------------------ mpdta
struct Mpdta {
  innozone::did::StaggeredPanel panel;
};

Mpdta read_mpdta() {
  std::ifstream in(std::string(INNOZONE_TEST_DATA_DIR) + "/mpdta.csv");
  if (!in) {
    throw std::runtime_error("cannot open mpdta.csv");
  }
  std::string line;
  std::map<int, std::map<int, double>> lemp, lpop;
  std::map<int, double> first;
  bool header = true;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') {
      continue;
    }
    if (header) {
      header = false;
      continue;
    }
    std::stringstream ss(line);
    std::string f[6];
    for (auto& s : f) {
      std::getline(ss, s, ',');
    }
    const int year = std::stoi(f[0]);
    const int county = std::stoi(f[1]);
    lpop[county][year] = std::stod(f[2]);
    lemp[county][year] = std::stod(f[3]);
    first[county] = std::stod(f[4]);
  }
  Mpdta m;
  m.panel.periods = {2003, 2004, 2005, 2006, 2007};
  m.panel.outcome.resize(static_cast<Eigen::Index>(lemp.size()), 5);
  m.panel.covariates.assign(5, Eigen::MatrixXd(static_cast<Eigen::Index>(lemp.size()), 1));
  Eigen::Index i = 0;
  for (const auto& [county, by_year] : lemp) {
    for (int t = 0; t < 5; ++t) {
      m.panel.outcome(i, t) = by_year.at(2003 + t);
      m.panel.covariates[static_cast<std::size_t>(t)](i, 0) = lpop.at(county).at(2003 + t);
    }
    m.panel.first_treated.push_back(first.at(county));
    ++i;
  }
  return m;
}

// R did reference, att_gt(yname="lemp", tname="year", idname="countyreal",
// gname="first.treat", xformla=NULL, data=mpdta): printed in the did package reference
// page of att_gt (bcallaway11/did docs/reference/att_gt.md, "Basic att_gt() call"),
// 4 decimals; rows (g,t) in R's order.
const double kRAttGt[12] = {-0.0105, -0.0704, -0.1373, -0.1008, 0.0065,  -0.0028,
                            -0.0046, -0.0412, 0.0305,  -0.0027, -0.0311, -0.0261};
// Same page, "Using covariates": xformla = ~lpop, est_method "dr".
const double kRAttGtLpop[12] = {-0.0145, -0.0764, -0.1404, -0.1069, -0.0005, -0.0062,
                                0.0010,  -0.0413, 0.0267,  -0.0046, -0.0284, -0.0288};

TEST(CallawaySantAnna, ReproducesRDidOnMpdta) {
  Mpdta m = read_mpdta();
  m.panel.covariates.clear();
  innozone::did::StaggeredOptions opt;
  opt.n_boot = 0;
  const auto r = innozone::did::callaway_santanna(m.panel, opt);
  ASSERT_EQ(r.att_gt.att.size(), 12u);
  for (int k = 0; k < 12; ++k) {
    EXPECT_NEAR(r.att_gt.att[static_cast<std::size_t>(k)], kRAttGt[k], 5e-5 + 1e-12) << k;
  }
  // "P-value for pre-test of parallel trends assumption: 0.16812" (same page; R rounds to 5).
  EXPECT_NEAR(r.pretest_p_value, 0.16812, 5e-6);
  EXPECT_EQ(r.pretest_df, 5);
  // aggte(out, type = "simple"): ATT -0.04 (did reference page of aggte, 2 decimals printed
  // as "-0.04"; group -0.031, dynamic -0.0772, calendar -0.0417).
  EXPECT_NEAR(r.simple.overall_att, -0.0400, 5e-5);
  EXPECT_NEAR(r.group.overall_att, -0.0310, 5e-5);
  EXPECT_NEAR(r.dynamic.overall_att, -0.0772, 5e-5);
  EXPECT_NEAR(r.calendar.overall_att, -0.0417, 5e-5);
}

TEST(CallawaySantAnna, ReproducesRDidWithCovariate) {
  const Mpdta m = read_mpdta();
  innozone::did::StaggeredOptions opt;
  opt.n_boot = 0;
  const auto r = innozone::did::callaway_santanna(m.panel, opt);
  for (int k = 0; k < 12; ++k) {
    EXPECT_NEAR(r.att_gt.att[static_cast<std::size_t>(k)], kRAttGtLpop[k], 5e-5 + 1e-12) << k;
  }
  EXPECT_NEAR(r.pretest_p_value, 0.23267, 5e-6);  // same page, "Using covariates"
}

TEST(CallawaySantAnna, BootstrapIsSeededAndThreadIndependent) {
  Mpdta m = read_mpdta();
  m.panel.covariates.clear();
  innozone::did::StaggeredOptions opt;
  opt.n_boot = 199;
  opt.seed = 11;
  opt.parallel.n_threads = 1;
  const auto a = innozone::did::callaway_santanna(m.panel, opt);
  opt.parallel.n_threads = 3;
  const auto b = innozone::did::callaway_santanna(m.panel, opt);
  for (std::size_t k = 0; k < a.att_gt.se.size(); ++k) {
    EXPECT_EQ(a.att_gt.se[k], b.att_gt.se[k]);
  }
  EXPECT_EQ(a.dynamic.crit_value, b.dynamic.crit_value);
  opt.seed = 12;
  const auto c = innozone::did::callaway_santanna(m.panel, opt);
  EXPECT_NE(a.att_gt.se[0], c.att_gt.se[0]);
  // Bootstrap and analytic standard errors agree to Monte Carlo precision (IQR estimator
  // with 199 draws: relative s.d. about 8%; 35% is > 4 s.d.).
  for (std::size_t k = 0; k < a.att_gt.se.size(); ++k) {
    EXPECT_NEAR(a.att_gt.se[k] / a.att_gt.se_analytic[k], 1.0, 0.35) << k;
  }
  // The uniform band is wider than the pointwise interval.
  EXPECT_GT(a.att_gt.crit_value, 1.96);
}

TEST(MultiplierBootstrap, WeightMoments) {
  // With one cluster sum equal to 1 and n = 1 each draw is one multiplier weight.
  const Eigen::MatrixXd s = Eigen::MatrixXd::Ones(1, 1);
  for (auto w :
       {innozone::did::MultiplierWeights::kMammen, innozone::did::MultiplierWeights::kRademacher}) {
    innozone::ParallelOptions po;
    po.n_threads = 2;
    const Eigen::MatrixXd v = innozone::did::multiplier_bootstrap(s, 1.0, 40000, w, 3, po);
    const double mean = v.mean();
    const double var = (v.array() - mean).square().mean();
    const double third = (v.array() - mean).cube().mean();
    EXPECT_NEAR(mean, 0.0, 0.02);  // 4 s.d. of a mean of 40000 unit-variance draws
    EXPECT_NEAR(var, 1.0, 0.03);
    // Mammen: third moment 1; Rademacher: 0 (s.d. of the estimate about 0.01-0.02).
    EXPECT_NEAR(third, w == innozone::did::MultiplierWeights::kMammen ? 1.0 : 0.0, 0.08);
  }
}

TEST(MultiplierBootstrap, ManyClustersPathGivesTheSameDraws) {
  // 40000 clusters x 60 columns exceeds the subset-sum table budget, so rows are added one by
  // one; a single column stays on the table path. Same seed and clusters: same weights.
  innozone::Philox rng(21, 0);
  Eigen::MatrixXd s(40000, 60);
  for (Eigen::Index i = 0; i < s.rows(); ++i) {
    for (Eigen::Index j = 0; j < s.cols(); ++j) {
      s(i, j) = rng.normal();
    }
  }
  innozone::ParallelOptions po;
  po.n_threads = 2;
  const auto w = innozone::did::MultiplierWeights::kMammen;
  const Eigen::MatrixXd all = innozone::did::multiplier_bootstrap(s, 40000.0, 20, w, 5, po);
  for (Eigen::Index j : {0, 59}) {
    const Eigen::MatrixXd one =
        innozone::did::multiplier_bootstrap(s.col(j), 40000.0, 20, w, 5, po);
    EXPECT_LT((all.col(j) - one.col(0)).cwiseAbs().maxCoeff(), 1e-12) << j;
  }
}

TEST(CallawaySantAnna, RejectsBadInput) {
  Mpdta m = read_mpdta();
  innozone::did::StaggeredOptions opt;
  opt.n_boot = 0;
  auto bad = m.panel;
  bad.outcome(3, 2) = std::nan("");
  EXPECT_THROW(innozone::did::callaway_santanna(bad, opt), innozone::InvalidInput);
  bad = m.panel;
  for (auto& g : bad.first_treated) {
    g = g == 0.0 ? 2007.0 : g;
  }
  try {
    innozone::did::callaway_santanna(bad, opt);
    FAIL() << "expected InvalidInput";
  } catch (const innozone::InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("not_yet_treated"), std::string::npos);
  }
  opt.control_group = innozone::did::ControlGroup::kNotYetTreated;
  const auto r = innozone::did::callaway_santanna(bad, opt);  // R's rule: last cohort = controls
  EXPECT_FALSE(r.notes.empty());
}

// ------------------------------------------------------------------ event study
TEST(EventStudy, RecoversDynamicEffectsWithoutNoise) {
  innozone::did::EventStudyInput in;
  std::vector<double> ys;
  const double effect[4] = {1.0, 2.0, 2.5, 3.0};
  for (int i = 0; i < 60; ++i) {
    const double g = i < 20 ? 0.0 : (i < 40 ? 2004.0 : 2006.0);
    for (int t = 2001; t <= 2008; ++t) {
      const int e = g > 0 ? t - static_cast<int>(g) : -99;
      double y = 0.3 * i + 0.1 * (t - 2000) * (t - 2000);
      if (g > 0 && e >= 0) {
        y += effect[std::min(e, 3)];
      }
      ys.push_back(y + (i % 2 == 0 ? 1e-3 : -1e-3) * ((t * 7 + i) % 5 - 2));
      in.unit.push_back(i);
      in.time.push_back(t - 2001);
      in.first_treated.push_back(g);
    }
  }
  for (int t = 2001; t <= 2008; ++t) {
    in.period_values.push_back(t);
  }
  in.y = Eigen::Map<Eigen::VectorXd>(ys.data(), static_cast<Eigen::Index>(ys.size()));
  in.window_lo = -3;
  in.window_hi = 3;
  const auto r = innozone::did::event_study(in);
  ASSERT_EQ(r.rel_time.size(), 7u);
  for (std::size_t k = 0; k < r.rel_time.size(); ++k) {
    const int e = r.rel_time[k];
    const double expected = e < 0 ? 0.0 : effect[std::min(e, 3)];
    EXPECT_NEAR(r.coef[k], expected, 0.01) << e;  // noise is +-0.002 per observation
  }
  EXPECT_EQ(r.pretest.df, 2);  // e = -3, -2 (reference -1 omitted)
  EXPECT_GT(r.pretest.p_value, 0.0);
  in.reference = 9;
  EXPECT_THROW(innozone::did::event_study(in), innozone::InvalidInput);
  // Reference at the window's start: no pre-period coefficient, df 0 and a note.
  in.reference = -3;
  const auto no_pre = innozone::did::event_study(in);
  EXPECT_EQ(no_pre.pretest.df, 0);
  EXPECT_TRUE(std::isnan(no_pre.pretest.statistic));
  EXPECT_NE(no_pre.pretest_note.find("no pre-trend test"), std::string::npos);
}

// ------------------------------------------------------------------ small-sample K, weights
TEST(FeRegression, NestedCountKeepsOneParameterPerNestedEffect) {
  // fixest / pyfixest rule: K = p + (U + T - 1) - U + 1 = p + T when unit effects are
  // nested in the (unit) clusters; K = p + U + T - 1 with every effect counted; K = p.
  const int units = 25;
  const int periods = 5;
  const SimPanel p = simulate_panel(units, periods, false);
  innozone::did::FeRegressionInput in;
  in.y = p.y;
  in.x = p.x;
  in.unit = p.unit;
  in.time = p.time;
  EXPECT_EQ(innozone::did::fe_regression(in).n_params, 1 + periods);
  in.small_sample = innozone::did::SmallSample::kFull;
  EXPECT_EQ(innozone::did::fe_regression(in).n_params, 1 + units + periods - 1);
  in.small_sample = innozone::did::SmallSample::kNone;
  EXPECT_EQ(innozone::did::fe_regression(in).n_params, 1);
}

TEST(FeRegression, WeightsEqualWeightedDummyOls) {
  const int units = 20;
  const int periods = 5;
  const SimPanel p = simulate_panel(units, periods, true);
  const Eigen::Index n = p.y.size();
  Eigen::VectorXd w(n);
  for (Eigen::Index r = 0; r < n; ++r) {
    w(r) = 0.5 + static_cast<double>((r * 37) % 11) / 4.0;
  }
  // Weighted OLS with dummy columns, clustered by unit, every parameter counted.
  const Eigen::Index k = 1 + units + (periods - 1);
  Eigen::MatrixXd z = Eigen::MatrixXd::Zero(n, k);
  for (Eigen::Index r = 0; r < n; ++r) {
    z(r, 0) = p.x(r, 0);
    z(r, 1 + p.unit[static_cast<std::size_t>(r)]) = 1.0;
    if (p.time[static_cast<std::size_t>(r)] > 0) {
      z(r, units + p.time[static_cast<std::size_t>(r)]) = 1.0;
    }
  }
  const Eigen::MatrixXd bread = (z.transpose() * w.asDiagonal() * z).inverse();
  const Eigen::VectorXd b = bread * z.transpose() * w.asDiagonal() * p.y;
  const Eigen::VectorXd u = p.y - z * b;
  Eigen::MatrixXd meat = Eigen::MatrixXd::Zero(k, k);
  for (int g = 0; g < units; ++g) {
    Eigen::VectorXd s = Eigen::VectorXd::Zero(k);
    for (Eigen::Index r = 0; r < n; ++r) {
      if (p.unit[static_cast<std::size_t>(r)] == g) {
        s += z.row(r).transpose() * w(r) * u(r);
      }
    }
    meat += s * s.transpose();
  }
  const double c = units / (units - 1.0) * (n - 1.0) / static_cast<double>(n - k);
  const double se = std::sqrt((c * bread * meat * bread)(0, 0));
  innozone::did::FeRegressionInput in;
  in.y = p.y;
  in.x = p.x;
  in.unit = p.unit;
  in.time = p.time;
  in.weights = w;
  in.small_sample = innozone::did::SmallSample::kFull;
  const auto fit = innozone::did::fe_regression(in);
  EXPECT_NEAR(fit.coef(0), b(0), 1e-9);
  EXPECT_NEAR(fit.se(0), se, 1e-9);
  in.weights(3) = 0.0;
  EXPECT_THROW(innozone::did::fe_regression(in), innozone::InvalidInput);
}

// ------------------------------------------------------------------ repeated cross-sections
TEST(RepeatedCrossSection2x2, AllMethodsGiveTheDifferenceOfMeansWithoutCovariates) {
  innozone::Philox rng(7, 3);
  const int n = 400;
  Eigen::VectorXd y(n), post(n), d(n);
  double sum[2][2] = {{0, 0}, {0, 0}};
  int count[2][2] = {{0, 0}, {0, 0}};
  for (int i = 0; i < n; ++i) {
    d(i) = i % 3 == 0 ? 1.0 : 0.0;
    post(i) = (i / 2) % 2 == 0 ? 1.0 : 0.0;
    y(i) = 1.0 + 0.5 * d(i) + 0.7 * post(i) + 1.3 * d(i) * post(i) + rng.normal();
    sum[static_cast<int>(d(i))][static_cast<int>(post(i))] += y(i);
    count[static_cast<int>(d(i))][static_cast<int>(post(i))] += 1;
  }
  const double did = (sum[1][1] / count[1][1] - sum[1][0] / count[1][0]) -
                     (sum[0][1] / count[0][1] - sum[0][0] / count[0][0]);
  const Eigen::MatrixXd x = Eigen::MatrixXd::Ones(n, 1);
  for (const auto method : {EstMethod::kRegression, EstMethod::kIpw, EstMethod::kDoublyRobust}) {
    const auto cell = innozone::did::rc_did_2x2(y, post, d, x, method);
    EXPECT_NEAR(cell.att, did, 1e-10);
    EXPECT_NEAR(cell.influence.mean(), 0.0, 1e-10);
  }
  EXPECT_THROW(innozone::did::rc_did_2x2(y, post, d, x, EstMethod::kDoublyRobustImproved),
               innozone::InvalidInput);
}

}  // namespace
