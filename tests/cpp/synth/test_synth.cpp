// Tests of the synth area: the simplex QP (KKT), synthetic control, synthetic DiD.
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
#include "innozone/synth/sdid.hpp"
#include "innozone/synth/simplex_qp.hpp"
#include "innozone/synth/synthetic_control.hpp"

namespace syn = innozone::synth;

namespace {

Eigen::MatrixXd random_matrix(int rows, int cols, std::uint64_t seed) {
  innozone::Philox rng(seed, 1);
  Eigen::MatrixXd m(rows, cols);
  for (int i = 0; i < rows; ++i) {
    for (int j = 0; j < cols; ++j) {
      m(i, j) = rng.normal();
    }
  }
  return m;
}

/// California Prop 99 panel (tests/data/california_prop99.csv): 38 controls then
/// California, years 1970-2000.
Eigen::MatrixXd prop99_matrix() {
  std::ifstream in(std::string(INNOZONE_TEST_DATA_DIR) + "/california_prop99.csv");
  EXPECT_TRUE(in.good());
  std::string line;
  std::map<std::string, std::map<int, double>> values;
  std::map<std::string, int> treated;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#' || line.rfind("State;", 0) == 0) {
      continue;
    }
    std::stringstream ss(line);
    std::string state, year, packs, tr;
    std::getline(ss, state, ';');
    std::getline(ss, year, ';');
    std::getline(ss, packs, ';');
    std::getline(ss, tr, ';');
    values[state][std::stoi(year)] = std::stod(packs);
    treated[state] = std::max(treated[state], std::stoi(tr));
  }
  std::vector<std::string> order;
  for (const auto& [state, t] : treated) {
    if (t == 0) {
      order.push_back(state);
    }
  }
  for (const auto& [state, t] : treated) {
    if (t == 1) {
      order.push_back(state);
    }
  }
  Eigen::MatrixXd y(static_cast<Eigen::Index>(order.size()), 31);
  for (std::size_t i = 0; i < order.size(); ++i) {
    for (int t = 0; t < 31; ++t) {
      y(static_cast<Eigen::Index>(i), t) = values[order[i]][1970 + t];
    }
  }
  return y;
}

}  // namespace

// ------------------------------------------------------------------ simplex QP

TEST(SimplexQp, RandomProblemsSatisfyKkt) {
  for (std::uint64_t seed = 0; seed < 20; ++seed) {
    const int rows = 3 + static_cast<int>(seed % 7);
    const int cols = 5 + static_cast<int>(seed % 30);
    const Eigen::MatrixXd a = random_matrix(rows, cols, seed);
    const Eigen::VectorXd b = random_matrix(rows, 1, seed + 100).col(0);
    const syn::SimplexQpResult r = syn::simplex_least_squares(a, b);
    ASSERT_TRUE(r.converged) << "seed " << seed;
    // KKT of min 0.5||Aw-b||^2 on the simplex, checked independently with H = A'A.
    const syn::KktReport kkt = syn::simplex_kkt(a.transpose() * a, -a.transpose() * b, r.weights);
    EXPECT_LT(kkt.stationarity, 1e-9) << "seed " << seed;
    EXPECT_LT(kkt.dual_infeasibility, 1e-9) << "seed " << seed;
    EXPECT_LT(kkt.primal_infeasibility, 1e-12) << "seed " << seed;
    // No vertex is better than the solution (a necessary condition, checked directly).
    for (int j = 0; j < cols; ++j) {
      EXPECT_GE(0.5 * (a.col(j) - b).squaredNorm() + 1e-12, r.objective);
    }
  }
}

TEST(SimplexQp, RecoversAnInteriorConvexCombination) {
  const Eigen::MatrixXd a = random_matrix(12, 5, 42);
  Eigen::VectorXd w(5);
  w << 0.1, 0.0, 0.45, 0.25, 0.2;
  const syn::SimplexQpResult r = syn::simplex_least_squares(a, a * w);
  EXPECT_LT((r.weights - w).cwiseAbs().maxCoeff(), 1e-8);
  EXPECT_LT(r.objective, 1e-14);
}

TEST(SimplexQp, RidgeSpreadsWeightsTowardUniform) {
  const Eigen::MatrixXd a = random_matrix(4, 10, 7);
  const Eigen::VectorXd b = random_matrix(4, 1, 8).col(0);
  syn::SimplexQpOptions big;
  big.ridge = 1e6;
  const syn::SimplexQpResult r = syn::simplex_least_squares(a, b, big);
  // With a dominant ridge the minimiser of ||w||^2 on the simplex is uniform (1/10).
  EXPECT_LT((r.weights.array() - 0.1).abs().maxCoeff(), 1e-4);
}

TEST(SimplexQp, WarmStartGivesTheSameAnswer) {
  const Eigen::MatrixXd a = random_matrix(6, 20, 3);
  const Eigen::VectorXd b = random_matrix(6, 1, 4).col(0);
  const syn::SimplexQpResult cold = syn::simplex_least_squares(a, b);
  const syn::SimplexQpResult warm =
      syn::simplex_least_squares(a, b, {}, Eigen::VectorXd::Constant(20, 0.05));
  EXPECT_NEAR(cold.objective, warm.objective, 1e-12);
}

TEST(SimplexQp, RejectsBadInput) {
  const Eigen::MatrixXd a = random_matrix(3, 4, 1);
  EXPECT_THROW(syn::simplex_least_squares(a, Eigen::VectorXd::Zero(2)), innozone::InvalidInput);
  Eigen::MatrixXd bad = a;
  bad(0, 0) = std::nan("");
  EXPECT_THROW(syn::simplex_least_squares(bad, Eigen::VectorXd::Zero(3)), innozone::InvalidInput);
  EXPECT_THROW(syn::simplex_least_squares(Eigen::MatrixXd(3, 0), Eigen::VectorXd::Zero(3)),
               innozone::InvalidInput);
}

// ---------------------------------------------------------- synthetic control

TEST(PredictorMatrix, AveragesSkipMissingAndNameTheProblem) {
  Eigen::MatrixXd v(3, 2);
  v << 1.0, 10.0, std::nan(""), 20.0, 3.0, 30.0;
  const Eigen::MatrixXd x = syn::predictor_matrix({v}, {{"x", 0, {0, 1, 2}}, {"x2", 0, {2}}});
  EXPECT_DOUBLE_EQ(x(0, 0), 2.0);
  EXPECT_DOUBLE_EQ(x(0, 1), 20.0);
  EXPECT_DOUBLE_EQ(x(1, 1), 30.0);
  try {
    syn::predictor_matrix({v}, {{"beer", 0, {1}}});
    FAIL() << "expected InvalidInput";
  } catch (const innozone::InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("predictor 'beer'"), std::string::npos);
  }
  EXPECT_THROW(syn::predictor_matrix({v}, {{"x", 0, {5}}}), innozone::OutOfRange);
}

TEST(SyntheticControl, RecoversTheWeightsOfAnExactSyntheticUnit) {
  // Donors with full-rank predictors and outcomes; the treated unit is an exact mix of
  // donors 0, 3 and 7, so W is identified and every V recovers it.
  const Eigen::MatrixXd z0 = random_matrix(20, 10, 11);
  const Eigen::MatrixXd x0 = random_matrix(12, 10, 12);
  Eigen::VectorXd w(10);
  w.setZero();
  w[0] = 0.5;
  w[3] = 0.3;
  w[7] = 0.2;
  const Eigen::VectorXd z1 = z0 * w;
  const Eigen::VectorXd x1 = x0 * w;
  syn::ScOptions opt;
  opt.seed = 5;
  const syn::ScFit fit = syn::fit_synthetic_control(x1, x0, z1, z0, opt);
  EXPECT_LT((fit.w - w).cwiseAbs().maxCoeff(), 1e-5);
  EXPECT_LT(fit.loss_v, 1e-9);
  EXPECT_NEAR(fit.v.sum(), 1.0, 1e-12);
  // equal and 2 random starts; the regression start needs more units (11) than
  // predictors + 1 (13), so it is skipped.
  EXPECT_EQ(fit.starts.size(), 3u);
}

TEST(SyntheticControl, PlaceboPanelIsThreadIndependentAndRanksAnObviousEffect) {
  const Eigen::MatrixXd factors = random_matrix(15, 2, 21);
  const Eigen::MatrixXd loadings = random_matrix(2, 9, 22);
  Eigen::MatrixXd y = factors * loadings + 0.05 * random_matrix(15, 9, 23);
  y.block(10, 8, 5, 1).array() -= 5.0;  // unit 8 treated from period 10, big effect
  syn::ScPanel panel;
  panel.outcome = y;
  panel.predictors = y.topRows(10);
  panel.treated = {8};
  panel.first_treated = {10};
  panel.donors = {0, 1, 2, 3, 4, 5, 6, 7};
  panel.optimize_periods = {{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}};
  syn::ScOptions opt;
  opt.seed = 9;
  innozone::ParallelOptions one;
  one.n_threads = 1;
  innozone::ParallelOptions three;
  three.n_threads = 3;
  const syn::ScPanelResult a = syn::fit_synthetic_control_panel(panel, opt, true, one);
  const syn::ScPanelResult b = syn::fit_synthetic_control_panel(panel, opt, true, three);
  ASSERT_EQ(a.placebos.size(), 8u);
  for (std::size_t i = 0; i < a.placebos.size(); ++i) {
    EXPECT_EQ(a.placebos[i].ratio, b.placebos[i].ratio);
  }
  // The treated unit has the largest post/pre RMSPE ratio: p = 1/9.
  EXPECT_NEAR(a.p_values[0], 1.0 / 9.0, 1e-12);
  EXPECT_LT(a.treated[0].gap.tail(5).mean(), -4.0);
}

TEST(SyntheticControl, PanelRejectsPostPeriodOptimisation) {
  syn::ScPanel panel;
  panel.outcome = random_matrix(6, 4, 1);
  panel.predictors = panel.outcome.topRows(2);
  panel.treated = {3};
  panel.first_treated = {4};
  panel.donors = {0, 1, 2};
  panel.optimize_periods = {{0, 4}};
  EXPECT_THROW(syn::fit_synthetic_control_panel(panel, {}, false), innozone::OutOfRange);
}

// ---------------------------------------------------------------- synthetic DiD

TEST(Sdid, Prop99EstimatesMatchRSynthdid) {
  // R synthdid vignette (synth-inference/synthdid, articles/synthdid.html):
  // DID -27.34911, SC -19.61966, SDID -15.60383.
  const Eigen::MatrixXd y = prop99_matrix();
  ASSERT_EQ(y.rows(), 39);
  syn::SdidOptions o;
  EXPECT_NEAR(syn::sdid_estimate(y, 38, 19, o).estimate, -15.60383, 5e-5);
  o.method = syn::SdidMethod::kSc;
  EXPECT_NEAR(syn::sdid_estimate(y, 38, 19, o).estimate, -19.61966, 5e-5);
  o.method = syn::SdidMethod::kDid;
  EXPECT_NEAR(syn::sdid_estimate(y, 38, 19, o).estimate, -27.34911, 5e-5);
}

TEST(Sdid, DidSpecialCaseIsTheTwoByTwoDifference) {
  const Eigen::MatrixXd y = random_matrix(8, 6, 31);
  syn::SdidOptions o;
  o.method = syn::SdidMethod::kDid;
  const syn::SdidFit fit = syn::sdid_estimate(y, 6, 4, o);
  const double manual = (y.bottomRightCorner(2, 2).mean() - y.bottomLeftCorner(2, 4).mean()) -
                        (y.topRightCorner(6, 2).mean() - y.topLeftCorner(6, 4).mean());
  EXPECT_NEAR(fit.estimate, manual, 1e-12);
}

TEST(Sdid, FrankWolfeReachesTheConstrainedOptimum) {
  // zeta = 0, no intercept: the FW answer must match the active-set QP on the same problem.
  const Eigen::MatrixXd a = random_matrix(30, 6, 41);
  const Eigen::VectorXd b = random_matrix(30, 1, 42).col(0);
  Eigen::MatrixXd y(30, 7);
  y << a, b;
  int iterations = 0;
  const Eigen::VectorXd fw =
      syn::frank_wolfe_weights(y, 0.0, false, Eigen::VectorXd(), 1e-12, 100000, &iterations);
  const syn::SimplexQpResult qp = syn::simplex_least_squares(a, b);
  EXPECT_NEAR(0.5 * (a * fw - b).squaredNorm(), qp.objective, 1e-6);
  EXPECT_GT(iterations, 1);
}

TEST(Sdid, StandardErrorsAreSeededAndThreadIndependent) {
  const Eigen::MatrixXd y = prop99_matrix();
  const syn::SdidFit fit = syn::sdid_estimate(y, 38, 19);
  innozone::ParallelOptions one;
  one.n_threads = 1;
  innozone::ParallelOptions two;
  two.n_threads = 2;
  const syn::SeResult a = syn::sdid_standard_error(y, fit, syn::SeMethod::kPlacebo, 16, 77, one);
  const syn::SeResult b = syn::sdid_standard_error(y, fit, syn::SeMethod::kPlacebo, 16, 77, two);
  EXPECT_EQ(a.replicates, b.replicates);
  EXPECT_GT(a.se, 0.0);
  // One treated unit: jackknife and bootstrap are undefined (R returns NA).
  EXPECT_TRUE(std::isnan(syn::sdid_standard_error(y, fit, syn::SeMethod::kJackknife, 0, 0).se));
  EXPECT_TRUE(std::isnan(syn::sdid_standard_error(y, fit, syn::SeMethod::kBootstrap, 10, 0).se));
}

TEST(Sdid, RejectsBadShapes) {
  const Eigen::MatrixXd y = random_matrix(5, 5, 1);
  EXPECT_THROW(syn::sdid_estimate(y, 5, 2), innozone::InvalidInput);
  EXPECT_THROW(syn::sdid_estimate(y, 3, 0), innozone::InvalidInput);
  EXPECT_THROW(syn::parse_sdid_method("mc"), innozone::InvalidInput);
}
