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

// ------------------------------------------------- parallel starts and global search

TEST(SyntheticControl, SingleFitIsThreadIndependentAndGlobalSearchIsNoWorse) {
  // A noisy problem with many predictors, where starts end in different local optima.
  const Eigen::MatrixXd z0 = random_matrix(12, 15, 61);
  const Eigen::MatrixXd x0 = random_matrix(8, 15, 62);
  const Eigen::VectorXd z1 = random_matrix(12, 1, 63).col(0);
  const Eigen::VectorXd x1 = random_matrix(8, 1, 64).col(0);
  syn::ScOptions local;
  local.seed = 3;
  local.n_random_starts = 5;
  innozone::ParallelOptions one;
  one.n_threads = 1;
  innozone::ParallelOptions two;
  two.n_threads = 2;
  const syn::ScFit a = syn::fit_synthetic_control(x1, x0, z1, z0, local, one);
  const syn::ScFit b = syn::fit_synthetic_control(x1, x0, z1, z0, local, two);
  ASSERT_EQ(a.starts.size(), b.starts.size());
  for (std::size_t s = 0; s < a.starts.size(); ++s) {
    EXPECT_EQ(a.starts[s].loss_v, b.starts[s].loss_v) << a.starts[s].label;
    EXPECT_EQ(a.starts[s].v, b.starts[s].v) << a.starts[s].label;
  }
  EXPECT_EQ(a.w, b.w);
  syn::ScOptions global = local;
  global.v_search = syn::VSearch::kGlobal;
  global.n_global_starts = 40;
  const syn::ScFit g = syn::fit_synthetic_control(x1, x0, z1, z0, global, two);
  // equal, regression (16 units > 8 predictors + 1) and 40 random starts.
  EXPECT_EQ(g.starts.size(), 42u);
  // The global search contains the local search's equal and regression starts (and the
  // same first random draws), so it cannot end with a larger loss.
  EXPECT_LE(g.loss_v, a.loss_v * (1.0 + 1e-12));
  EXPECT_THROW(syn::parse_v_search("anneal"), innozone::InvalidInput);
}

// ------------------------------------------------------------ staggered SDID

namespace {

std::vector<int> block_adoption(int n0, int n, int t0) {
  std::vector<int> adoption(static_cast<std::size_t>(n), -1);
  for (int i = n0; i < n; ++i) {
    adoption[static_cast<std::size_t>(i)] = t0;
  }
  return adoption;
}

}  // namespace

TEST(SdidStaggered, OneCohortIsTheBlockEstimatorWithTheSameReplicates) {
  Eigen::MatrixXd y = prop99_matrix();
  // Two treated units (California and the last control moved to the end) for bootstrap.
  const std::vector<int> adoption = block_adoption(38, 39, 19);
  const syn::SdidStaggeredFit st = syn::sdid_staggered(y, adoption);
  const syn::SdidFit block = syn::sdid_estimate(y, 38, 19);
  ASSERT_EQ(st.cohorts.size(), 1u);
  EXPECT_EQ(st.estimate, block.estimate);
  EXPECT_NEAR(st.estimate, -15.60383, 5e-5);
  EXPECT_DOUBLE_EQ(st.cohorts[0].weight, 1.0);
  const syn::SeResult a =
      syn::sdid_staggered_standard_error(y, adoption, st, syn::SeMethod::kPlacebo, 12, 5);
  const syn::SeResult b = syn::sdid_standard_error(y, block, syn::SeMethod::kPlacebo, 12, 5);
  EXPECT_EQ(a.replicates, b.replicates);
}

TEST(SdidStaggered, CohortsAreBlockFitsWeightedByTreatedPeriods) {
  const Eigen::MatrixXd y = prop99_matrix();
  // Rows 36, 37 (controls in the file) adopt at column 22; row 38 (California) at 19.
  std::vector<int> adoption(39, -1);
  adoption[36] = 22;
  adoption[37] = 22;
  adoption[38] = 19;
  const syn::SdidStaggeredFit st = syn::sdid_staggered(y, adoption);
  ASSERT_EQ(st.cohorts.size(), 2u);
  EXPECT_EQ(st.cohorts[0].adoption, 19);
  EXPECT_EQ(st.cohorts[1].adoption, 22);
  // Cohort 19: 1 treated x 12 post periods; cohort 22: 2 treated x 9 periods.
  EXPECT_NEAR(st.cohorts[0].weight, 12.0 / 30.0, 1e-15);
  EXPECT_NEAR(st.cohorts[1].weight, 18.0 / 30.0, 1e-15);
  // Each cohort is the block estimator on never-treated rows 0..35 plus its own rows.
  Eigen::MatrixXd block(37, 31);
  block << y.topRows(36), y.row(38);
  EXPECT_EQ(st.cohorts[0].fit.estimate, syn::sdid_estimate(block, 36, 19).estimate);
  Eigen::MatrixXd block2(38, 31);
  block2 << y.topRows(36), y.row(36), y.row(37);
  EXPECT_EQ(st.cohorts[1].fit.estimate, syn::sdid_estimate(block2, 36, 22).estimate);
  EXPECT_NEAR(st.estimate, 0.4 * st.cohorts[0].fit.estimate + 0.6 * st.cohorts[1].fit.estimate,
              1e-12);
  // Inference: thread-independent placebo and bootstrap; jackknife undefined (a cohort
  // of one treated unit).
  innozone::ParallelOptions one;
  one.n_threads = 1;
  innozone::ParallelOptions two;
  two.n_threads = 2;
  const auto p1 =
      syn::sdid_staggered_standard_error(y, adoption, st, syn::SeMethod::kBootstrap, 8, 3, {}, one);
  const auto p2 =
      syn::sdid_staggered_standard_error(y, adoption, st, syn::SeMethod::kBootstrap, 8, 3, {}, two);
  EXPECT_EQ(p1.replicates, p2.replicates);
  EXPECT_GT(p1.se, 0.0);
  const auto jk =
      syn::sdid_staggered_standard_error(y, adoption, st, syn::SeMethod::kJackknife, 0, 0);
  EXPECT_TRUE(std::isnan(jk.se));
  EXPECT_NE(jk.note.find("cohort has one treated unit"), std::string::npos);
  std::vector<int> always = adoption;
  always[0] = 0;
  EXPECT_THROW(syn::sdid_staggered(y, always), innozone::InvalidInput);
}

TEST(SdidCovariates, ProjectedCoefficientsAreTheTwoWayFixedEffectsSlopes) {
  // y = unit effect + period effect + 2 x1 - 0.5 x2 exactly: the slopes are recovered.
  const Eigen::MatrixXd x1 = random_matrix(10, 8, 71);
  const Eigen::MatrixXd x2 = random_matrix(10, 8, 72);
  const Eigen::MatrixXd unit = random_matrix(10, 1, 73);
  const Eigen::MatrixXd period = random_matrix(1, 8, 74);
  Eigen::MatrixXd y = 2.0 * x1 - 0.5 * x2;
  y.colwise() += unit.col(0);
  y.rowwise() += period.row(0);
  const Eigen::VectorXd beta = syn::projected_coefficients(y, {x1, x2}, {0, 1, 2, 3, 4, 5, 6});
  EXPECT_NEAR(beta[0], 2.0, 1e-12);
  EXPECT_NEAR(beta[1], -0.5, 1e-12);
  // A covariate that is a unit effect has nothing left after the fixed effects.
  Eigen::MatrixXd flat = Eigen::MatrixXd::Zero(10, 8);
  flat.colwise() += unit.col(0);
  EXPECT_THROW(syn::projected_coefficients(y, {flat}, {0, 1, 2, 3}), innozone::InvalidInput);
}

TEST(SdidCovariates, AnExactlyExplainedCovariateIsRemovedByBothMethods) {
  // Adding c * x to Y (x varying by unit and period) must leave the projected estimate
  // unchanged; the optimized estimate changes little.
  const Eigen::MatrixXd y = prop99_matrix();
  const Eigen::MatrixXd x = random_matrix(39, 31, 81);
  const Eigen::MatrixXd y2 = y + 3.0 * x;
  const std::vector<int> adoption = block_adoption(38, 39, 19);
  syn::SdidOptions proj;
  proj.covariate_method = syn::CovariateMethod::kProjected;
  const syn::SdidStaggeredFit p = syn::sdid_staggered(y2, adoption, proj, {x});
  EXPECT_NEAR(p.beta[0], 3.0, 1.0);
  const syn::SdidFit plain = syn::sdid_estimate(y, 38, 19);
  EXPECT_NEAR(p.estimate, plain.estimate, 2.0);
  const syn::SdidStaggeredFit o = syn::sdid_staggered(y2, adoption, {}, {x});
  ASSERT_EQ(o.cohorts[0].fit.beta.size(), 1);
  EXPECT_GT(o.cohorts[0].fit.covariate_iterations, 1);
  EXPECT_TRUE(std::isfinite(o.estimate));
  EXPECT_THROW(syn::parse_covariate_method("residualised"), innozone::InvalidInput);
}

TEST(SdidStaggered, ReplicateRangesGiveTheReplicatesAndSeOfOneRun) {
  const Eigen::MatrixXd y = prop99_matrix();
  const std::vector<int> adoption = block_adoption(37, 39, 19);  // two treated units
  const syn::SdidStaggeredFit fit = syn::sdid_staggered(y, adoption);
  for (const syn::SeMethod method : {syn::SeMethod::kPlacebo, syn::SeMethod::kBootstrap}) {
    const syn::SeResult whole = syn::sdid_staggered_standard_error(y, adoption, fit, method, 9, 3);
    std::vector<double> joined;
    for (const auto& [first, count] : {std::pair<int, int>{0, 4}, {4, 2}, {6, 3}}) {
      const syn::SeResult part = syn::sdid_staggered_standard_error(
          y, adoption, fit, method, count, 3, {}, {}, static_cast<std::size_t>(first));
      joined.insert(joined.end(), part.replicates.begin(), part.replicates.end());
    }
    EXPECT_EQ(joined, whole.replicates);
    EXPECT_EQ(syn::replicate_standard_error(joined), whole.se);
  }
}
