// Data envelopment analysis: scores, slacks, peers, scale, super-efficiency, bootstrap,
// Malmquist and windows against published figures and cases with closed-form answers.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "innozone/common/error.hpp"
#include "innozone/common/random.hpp"
#include "innozone/efficiency/bootstrap.hpp"
#include "innozone/efficiency/dea.hpp"
#include "innozone/efficiency/panel.hpp"

using namespace innozone;
using namespace innozone::efficiency;

namespace {

// Cooper, Seiford & Tone (2007), Data Envelopment Analysis: A Comprehensive Text with
// Models, Applications, References and DEA-Solver Software, 2nd ed., Springer: the hospital
// example (Table 1.5): inputs doctors and nurses, outputs outpatients and inpatients.
// Published CCR (input-oriented) scores to three decimals: A 1, B 1, C 0.883, D 1, E 0.763,
// F 0.835, G 0.902, H 0.796, I 0.960, J 0.871, K 0.955, L 0.958.
Eigen::MatrixXd hospital_inputs() {
  Eigen::MatrixXd x(12, 2);
  x << 20, 151, 19, 131, 25, 160, 27, 168, 22, 158, 55, 255, 33, 235, 31, 206, 30, 244, 50, 268, 53,
      306, 38, 284;
  return x;
}

Eigen::MatrixXd hospital_outputs() {
  Eigen::MatrixXd y(12, 2);
  y << 100, 90, 150, 50, 160, 55, 180, 72, 94, 66, 230, 90, 220, 88, 152, 80, 190, 100, 250, 100,
      260, 147, 250, 120;
  return y;
}

const std::vector<double> kHospitalCcr = {1.0,   1.0,   0.883, 1.0,   0.763, 0.835,
                                          0.902, 0.796, 0.960, 0.871, 0.955, 0.958};

}  // namespace

TEST(Dea, HospitalExampleMatchesPublishedCcrScores) {
  const DeaResult r = dea(hospital_inputs(), hospital_outputs());
  ASSERT_EQ(r.score.size(), 12);
  for (int o = 0; o < 12; ++o) {
    EXPECT_NEAR(r.score[o], kHospitalCcr[static_cast<std::size_t>(o)], 0.0005) << "hospital " << o;
  }
  // The frontier units are their own (only) peers.
  for (int o : {0, 1, 3}) {
    EXPECT_NEAR(r.lambda(o, o), 1.0, 1e-7);
    EXPECT_EQ(r.status[static_cast<std::size_t>(o)], kEfficient);
  }
  // Hospital C is benchmarked against B and D only.
  EXPECT_GT(r.lambda(2, 1), 0.0);
  EXPECT_GT(r.lambda(2, 3), 0.0);
  EXPECT_NEAR(r.lambda.row(2).sum(), r.lambda(2, 1) + r.lambda(2, 3), 1e-12);
}

TEST(Dea, CcrInputAndOutputScoresCoincide) {
  DeaOptions in;
  DeaOptions out;
  out.orientation = Orientation::kOutput;
  const DeaResult a = dea(hospital_inputs(), hospital_outputs(), in);
  const DeaResult b = dea(hospital_inputs(), hospital_outputs(), out);
  for (int o = 0; o < 12; ++o) {
    EXPECT_NEAR(a.score[o], b.score[o], 1e-8);
    EXPECT_NEAR(b.radial[o], 1.0 / a.radial[o], 1e-8);
  }
}

TEST(Dea, TargetsEqualRadialMoveMinusSlacks) {
  const Eigen::MatrixXd x = hospital_inputs();
  const Eigen::MatrixXd y = hospital_outputs();
  const DeaResult r = dea(x, y);
  for (int o = 0; o < 12; ++o) {
    for (int i = 0; i < 2; ++i) {
      EXPECT_NEAR(r.input_target(o, i), r.radial[o] * x(o, i) - r.input_slack(o, i), 1e-6);
    }
    for (int k = 0; k < 2; ++k) {
      EXPECT_NEAR(r.output_target(o, k), y(o, k) + r.output_slack(o, k), 1e-6);
    }
  }
}

// One input, one output: A(2,2) B(3,5) C(6,7) D(5,3). The CRS frontier is the ray through B
// (productivity 5/3); the VRS frontier runs A-B-C.
TEST(Dea, ScaleEfficiencyAndReturnsToScaleOnAClosedFormCase) {
  Eigen::MatrixXd x(4, 1);
  Eigen::MatrixXd y(4, 1);
  x << 2, 3, 6, 5;
  y << 2, 5, 7, 3;
  const DeaResult r = dea(x, y);
  const double best = 5.0 / 3.0;
  EXPECT_NEAR(r.crs_score[0], 1.0 / best, 1e-9);
  EXPECT_NEAR(r.crs_score[2], (7.0 / 6.0) / best, 1e-9);
  EXPECT_NEAR(r.vrs_score[0], 1.0, 1e-9);
  EXPECT_NEAR(r.vrs_score[2], 1.0, 1e-9);
  // D: at y = 3 the VRS frontier (A-B) needs x = 2 + 1/3.
  EXPECT_NEAR(r.vrs_score[3], (2.0 + 1.0 / 3.0) / 5.0, 1e-9);
  EXPECT_NEAR(r.crs_score[3], (3.0 / 5.0) / best, 1e-9);
  EXPECT_EQ(r.returns_to_scale[0], "increasing");
  EXPECT_EQ(r.returns_to_scale[1], "constant");
  EXPECT_EQ(r.returns_to_scale[2], "decreasing");
  EXPECT_EQ(r.returns_to_scale[3], "increasing");
  for (int o = 0; o < 4; ++o) {
    EXPECT_NEAR(r.scale_efficiency[o], r.crs_score[o] / r.vrs_score[o], 1e-12);
    EXPECT_LE(r.crs_score[o], r.nirs_score[o] + 1e-9);
    EXPECT_LE(r.nirs_score[o], r.vrs_score[o] + 1e-9);
  }
}

// Two inputs, one output (y = 1 everywhere): A(1,2) B(2,1) C(2,2) D(1,3).
TEST(Dea, SlacksWeakEfficiencyAndSuperEfficiency) {
  Eigen::MatrixXd x(4, 2);
  Eigen::MatrixXd y = Eigen::MatrixXd::Ones(4, 1);
  x << 1, 2, 2, 1, 2, 2, 1, 3;
  DeaOptions options;
  options.super_efficiency = true;
  const DeaResult r = dea(x, y, options);
  // C shrinks radially to (1.5, 1.5) on segment A-B: no slack.
  EXPECT_NEAR(r.score[2], 0.75, 1e-9);
  EXPECT_NEAR(r.input_slack(2, 0), 0.0, 1e-9);
  EXPECT_NEAR(r.input_slack(2, 1), 0.0, 1e-9);
  // D is radially efficient but A uses one unit less of input 2.
  EXPECT_NEAR(r.score[3], 1.0, 1e-9);
  EXPECT_NEAR(r.input_slack(3, 1), 1.0, 1e-7);
  EXPECT_EQ(r.status[3], kWeaklyEfficient);
  EXPECT_EQ(r.status[0], kEfficient);
  EXPECT_EQ(r.status[2], kInefficient);
  // A against the others: the best mix is 0.25 B + 0.75 D, theta = 1.25.
  EXPECT_NEAR(r.super_score[0], 1.25, 1e-9);
  EXPECT_EQ(r.super_status[0], "optimal");
  // An inefficient unit keeps its score.
  EXPECT_NEAR(r.super_score[2], 0.75, 1e-9);
}

TEST(Dea, InfeasibleSuperEfficiencyIsReportedNotHidden) {
  Eigen::MatrixXd x(3, 1);
  Eigen::MatrixXd y(3, 1);
  x << 1, 2, 4;
  y << 1, 3, 4;
  DeaOptions options;
  options.returns = Returns::kVariable;
  options.super_efficiency = true;
  const DeaResult r = dea(x, y, options);
  // Nobody else produces 4 units under variable returns: no feasible reference.
  EXPECT_EQ(r.super_status[2], "infeasible");
  EXPECT_TRUE(std::isnan(r.super_score[2]));
  // The smallest unit: the others need at least 2 of input for any output >= 1.
  EXPECT_EQ(r.super_status[0], "optimal");
  EXPECT_NEAR(r.super_score[0], 2.0, 1e-9);
}

TEST(Dea, SameResultsAtOneAndTwoThreads) {
  Eigen::MatrixXd x = Eigen::MatrixXd::Random(50, 2).array() + 2.0;
  Eigen::MatrixXd y = Eigen::MatrixXd::Random(50, 3).array() + 2.0;
  DeaOptions options;
  options.returns = Returns::kVariable;
  options.super_efficiency = true;
  ParallelOptions one;
  one.n_threads = 1;
  ParallelOptions two;
  two.n_threads = 2;
  const DeaResult a = dea(x, y, options, one);
  const DeaResult b = dea(x, y, options, two);
  EXPECT_EQ(a.score, b.score);
  EXPECT_EQ(a.lambda, b.lambda);
  EXPECT_EQ(a.input_slack, b.input_slack);
  EXPECT_TRUE(((a.super_score.array() == b.super_score.array()) ||
               (a.super_score.array().isNaN() && b.super_score.array().isNaN()))
                  .all());
}

TEST(Dea, BadDataIsNamed) {
  Eigen::MatrixXd x(3, 1);
  Eigen::MatrixXd y(3, 2);
  x << 1, 2, 3;
  y << 1, 1, 0, 0, 2, 1;
  const DataLabels labels{{"Ansan", "Jinju", "Gumi"}, {"budget"}, {"transfers", "start-ups"}};
  try {
    dea(x, y, {}, {}, labels);
    FAIL() << "a unit with all outputs zero must be refused";
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("'Jinju'"), std::string::npos) << e.what();
  }
  y(1, 0) = std::nan("");
  try {
    dea(x, y, {}, {}, labels);
    FAIL() << "a missing value must be refused";
  } catch (const InvalidInput& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("missing"), std::string::npos) << msg;
    EXPECT_NE(msg.find("'Jinju'"), std::string::npos) << msg;
    EXPECT_NE(msg.find("'transfers'"), std::string::npos) << msg;
  }
  y(1, 0) = 1.0;
  x(2, 0) = 0.0;
  try {
    dea(x, y, {}, {}, labels);
    FAIL() << "a zero input must be refused";
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("positive"), std::string::npos) << e.what();
  }
  EXPECT_THROW(parse_returns("fdh"), InvalidInput);
  EXPECT_THROW(parse_orientation("graph"), InvalidInput);
  EXPECT_EQ(minimum_units(2, 5), 21u);
  EXPECT_EQ(minimum_units(4, 4), 24u);
}

TEST(Bootstrap, DeterministicAcrossThreadsAndCoversAsSimarWilsonDescribe) {
  // Data from a known frontier y = x^0.6 with half-normal inefficiency in the input.
  const int n = 40;
  Eigen::MatrixXd x(n, 1);
  Eigen::MatrixXd y(n, 1);
  Philox rng(7, 1);
  for (int j = 0; j < n; ++j) {
    const double xf = 1.0 + 9.0 * rng.uniform();
    y(j, 0) = std::pow(xf, 0.6);
    x(j, 0) = xf * std::exp(std::abs(0.3 * rng.normal()));
  }
  DeaOptions options;
  options.returns = Returns::kVariable;
  const DeaResult base = dea(x, y, options);
  BootstrapOptions boot;
  boot.n_boot = 400;
  boot.seed = 11;
  ParallelOptions one;
  one.n_threads = 1;
  ParallelOptions two;
  two.n_threads = 2;
  const BootstrapResult a =
      bootstrap(x, y, base.score, Returns::kVariable, Orientation::kInput, boot, one);
  const BootstrapResult b =
      bootstrap(x, y, base.score, Returns::kVariable, Orientation::kInput, boot, two);
  EXPECT_EQ(a.replicates, b.replicates);
  EXPECT_EQ(a.lower, b.lower);
  EXPECT_GT(a.bandwidth, 0.0);
  EXPECT_EQ(a.n_failed, 0u);
  for (int o = 0; o < n; ++o) {
    // Bias-corrected scores inside their intervals, below the DEA score (DEA overstates
    // efficiency), intervals at or below the score.
    EXPECT_LE(a.lower[o], a.bias_corrected[o]) << o;
    EXPECT_LE(a.bias_corrected[o], a.upper[o]) << o;
    EXPECT_LE(a.bias_corrected[o], a.score[o]) << o;
    EXPECT_LE(a.upper[o], a.score[o] + 1e-9) << o;
  }
}

TEST(Bootstrap, BandwidthNeedsInefficiency) {
  EXPECT_THROW(bootstrap_bandwidth(Eigen::VectorXd::Ones(5)), InvalidInput);
  Eigen::VectorXd d(6);
  d << 1.0, 1.0, 1.2, 1.5, 1.1, 1.8;
  EXPECT_GT(bootstrap_bandwidth(d), 0.0);
}

TEST(Bootstrap, QuantileIsNumpyLinear) {
  const std::vector<double> v = {1.0, 2.0, 4.0, 8.0};
  EXPECT_DOUBLE_EQ(quantile_sorted(v, 0.5), 3.0);
  EXPECT_DOUBLE_EQ(quantile_sorted(v, 0.25), 1.75);
  EXPECT_DOUBLE_EQ(quantile_sorted(v, 1.0), 8.0);
}

// With one input and one output under constant returns, every score is productivity over
// the period's best productivity, so the Malmquist index is the unit's productivity growth
// and technical change is the growth of the best productivity.
TEST(Malmquist, OneInputOneOutputIsProductivityGrowth) {
  std::vector<Eigen::MatrixXd> x(3, Eigen::MatrixXd(3, 1));
  std::vector<Eigen::MatrixXd> y(3, Eigen::MatrixXd(3, 1));
  x[0] << 2, 4, 5;
  y[0] << 2, 6, 4;
  x[1] << 2, 4, 5;
  y[1] << 3, 6, 8;
  x[2] << 3, 4, 4;
  y[2] << 3, 9, 8;
  const MalmquistResult r = malmquist(x, y, Returns::kConstant, Orientation::kInput);
  for (int t = 0; t < 2; ++t) {
    const auto ut = static_cast<std::size_t>(t);
    const double best0 = (y[ut].array() / x[ut].array()).maxCoeff();
    const double best1 = (y[ut + 1].array() / x[ut + 1].array()).maxCoeff();
    for (int i = 0; i < 3; ++i) {
      const double p0 = y[ut](i, 0) / x[ut](i, 0);
      const double p1 = y[ut + 1](i, 0) / x[ut + 1](i, 0);
      EXPECT_NEAR(r.malmquist(i, t), p1 / p0, 1e-9);
      EXPECT_NEAR(r.technical_change(i, t), best1 / best0, 1e-9);
      EXPECT_NEAR(r.efficiency_change(i, t) * r.technical_change(i, t), r.malmquist(i, t), 1e-12);
      EXPECT_NEAR(r.pure_efficiency_change(i, t) * r.scale_change(i, t), r.efficiency_change(i, t),
                  1e-12);
    }
  }
  // Output orientation gives the same index under constant returns.
  const MalmquistResult o = malmquist(x, y, Returns::kConstant, Orientation::kOutput);
  EXPECT_TRUE(o.malmquist.isApprox(r.malmquist, 1e-9));
}

TEST(Windows, FullWidthIsPooledDeaAndWidthOneIsPerPeriod) {
  std::vector<Eigen::MatrixXd> x(3);
  std::vector<Eigen::MatrixXd> y(3);
  for (int t = 0; t < 3; ++t) {
    x[static_cast<std::size_t>(t)] = Eigen::MatrixXd::Random(5, 2).array() + 2.0;
    y[static_cast<std::size_t>(t)] = Eigen::MatrixXd::Random(5, 1).array() + 2.0;
  }
  const WindowResult single = window_analysis(x, y, 1, Returns::kConstant, Orientation::kInput);
  ASSERT_EQ(single.scores.size(), 3u);
  for (std::size_t t = 0; t < 3; ++t) {
    const DeaResult r = dea(x[t], y[t]);
    EXPECT_TRUE(single.scores[t].col(0).isApprox(r.score, 1e-9));
  }
  const WindowResult full = window_analysis(x, y, 3, Returns::kConstant, Orientation::kInput);
  ASSERT_EQ(full.scores.size(), 1u);
  Eigen::MatrixXd px(15, 2);
  Eigen::MatrixXd py(15, 1);
  for (int t = 0; t < 3; ++t) {
    px.middleRows(5 * t, 5) = x[static_cast<std::size_t>(t)];
    py.middleRows(5 * t, 5) = y[static_cast<std::size_t>(t)];
  }
  const DeaResult pooled = dea(px, py);
  for (int t = 0; t < 3; ++t) {
    EXPECT_TRUE(full.scores[0].col(t).isApprox(pooled.score.segment(5 * t, 5), 1e-9));
  }
  EXPECT_THROW(window_analysis(x, y, 4, Returns::kConstant, Orientation::kInput), InvalidInput);
}

TEST(Malmquist, PanelErrorsNameThePeriod) {
  std::vector<Eigen::MatrixXd> x(2, Eigen::MatrixXd::Ones(3, 1));
  std::vector<Eigen::MatrixXd> y(2, Eigen::MatrixXd::Ones(3, 1));
  x[1](1, 0) = -1.0;
  try {
    malmquist(x, y, Returns::kConstant, Orientation::kInput, {}, {}, {"2021", "2022"});
    FAIL() << "a negative input must be refused";
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("2022"), std::string::npos) << e.what();
  }
}

TEST(Bootstrap, ReplicateRangesAndTheSummaryGiveOneRun) {
  const int n = 20;
  Eigen::MatrixXd x(n, 2);
  Eigen::MatrixXd y(n, 1);
  Philox rng(3, 9);
  for (int j = 0; j < n; ++j) {
    x(j, 0) = 1.0 + 9.0 * rng.uniform();
    x(j, 1) = 1.0 + 4.0 * rng.uniform();
    y(j, 0) = std::pow(x(j, 0) * x(j, 1), 0.4) * (0.5 + 0.5 * rng.uniform());
  }
  DeaOptions options;
  options.returns = Returns::kVariable;
  const DeaResult base = dea(x, y, options);
  BootstrapOptions boot;
  boot.n_boot = 13;
  boot.seed = 5;
  const BootstrapResult whole =
      bootstrap(x, y, base.score, Returns::kVariable, Orientation::kInput, boot);
  Eigen::MatrixXd joined(13, n);
  for (const auto& [first, count] : {std::pair<std::size_t, std::size_t>{0, 5}, {5, 2}, {7, 6}}) {
    BootstrapOptions part_options = boot;
    part_options.n_boot = count;
    part_options.first_replicate = first;
    const BootstrapResult part =
        bootstrap(x, y, base.score, Returns::kVariable, Orientation::kInput, part_options);
    joined.middleRows(static_cast<Eigen::Index>(first), static_cast<Eigen::Index>(count)) =
        part.replicates;
  }
  EXPECT_EQ(joined, whole.replicates);
  const BootstrapResult summary =
      bootstrap_summary(base.score, joined, boot.alpha, whole.bandwidth);
  EXPECT_EQ(summary.bias, whole.bias);
  EXPECT_EQ(summary.bias_corrected, whole.bias_corrected);
  EXPECT_EQ(summary.lower, whole.lower);
  EXPECT_EQ(summary.upper, whole.upper);
  EXPECT_EQ(summary.std_error, whole.std_error);
  EXPECT_EQ(summary.n_failed, whole.n_failed);
  EXPECT_THROW(bootstrap_summary(base.score, joined.topRows(1), 0.05, 1.0), InvalidInput);
}
