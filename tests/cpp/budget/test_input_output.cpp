// Input-output. Reference: Miller & Blair, Input-Output Analysis: Foundations and
// Extensions, 2nd ed. (Cambridge UP, 2009), section 2.3 two-sector example:
// Z = [[150, 500], [200, 100]], x = [1000, 2000]; A = [[.15, .25], [.20, .05]];
// L = [[1.2541, .3300], [.2640, 1.1221]] (printed to 4 decimals; exact values are
// [[.95, .25], [.2, .85]] / .7575); f = [600, 1500] gives x = [1247.52, 1841.58].
#include <gtest/gtest.h>

#include <cmath>

#include "innozone/budget/input_output.hpp"
#include "innozone/common/error.hpp"

namespace {

using namespace innozone::budget;  // NOLINT

Eigen::MatrixXd z() {
  Eigen::MatrixXd m(2, 2);
  m << 150, 500, 200, 100;
  return m;
}
Eigen::VectorXd x() { return Eigen::Vector2d(1000, 2000); }

TEST(Leontief, MillerBlairTwoSectorExample) {
  const Eigen::MatrixXd a = technical_coefficients(z(), x());
  EXPECT_NEAR(a(0, 0), 0.15, 1e-5);
  EXPECT_NEAR(a(0, 1), 0.25, 1e-5);
  EXPECT_NEAR(a(1, 0), 0.20, 1e-5);
  EXPECT_NEAR(a(1, 1), 0.05, 1e-5);
  const LeontiefModel model(a);
  const Eigen::MatrixXd l = model.inverse();
  // Exact fractions to 6 decimals (tolerance 1e-5) ...
  EXPECT_NEAR(l(0, 0), 1.254125, 1e-5);
  EXPECT_NEAR(l(0, 1), 0.330033, 1e-5);
  EXPECT_NEAR(l(1, 0), 0.264026, 1e-5);
  EXPECT_NEAR(l(1, 1), 1.122112, 1e-5);
  // ... and the book's 4-decimal figures within half a unit of their last digit.
  EXPECT_NEAR(l(0, 0), 1.2541, 5e-5);
  EXPECT_NEAR(l(1, 1), 1.1221, 5e-5);
  const Eigen::VectorXd out = model.solve(Eigen::Vector2d(600, 1500));
  EXPECT_NEAR(out(0), 1247.52, 5e-3);
  EXPECT_NEAR(out(1), 1841.58, 5e-3);
  // Output multipliers are the column sums of L: 1.5182 and 1.4521.
  const Eigen::VectorXd multipliers = model.multipliers(Eigen::Vector2d(1, 1));
  EXPECT_NEAR(multipliers(0), (0.95 + 0.2) / 0.7575, 1e-12);
  EXPECT_NEAR(multipliers(1), (0.25 + 0.85) / 0.7575, 1e-12);
}

TEST(Leontief, TypeIIWithHouseholdsEndogenous) {
  // Households: compensation row [300, 500], consumption column [100, 400], income 800.
  // Reference values from the explicit inverse of the 3 x 3 closed system (numpy.linalg.inv).
  IoTable table;
  table.flows = z();
  table.output = x();
  table.value_added = Eigen::Vector2d(650, 1400);  // x - column sums of Z
  table.employment = Eigen::Vector2d(20, 30);
  table.compensation = Eigen::Vector2d(300, 500);
  table.consumption = Eigen::Vector2d(100, 400);
  table.household_income = 800;
  const IoMultipliers m = io_multipliers(table);
  EXPECT_NEAR(m.output_type1(0), 1.518151815182, 1e-10);
  EXPECT_NEAR(m.output_type2(0), 2.054644808743, 1e-10);
  EXPECT_NEAR(m.output_type2(1), 1.912568306011, 1e-10);
  // Without imports, value added per unit of final demand is exactly 1 (Type I).
  EXPECT_NEAR(m.value_added_type1(0), 1.0, 1e-12);
  EXPECT_NEAR(m.value_added_type1(1), 1.0, 1e-12);
  EXPECT_NEAR(m.value_added_type2(0), 1.366120218579, 1e-10);
  EXPECT_NEAR(m.employment_type1(1), 0.023432343234, 1e-11);
  EXPECT_NEAR(m.employment_type2(0), 0.038032786885, 1e-11);
  EXPECT_NEAR(m.income_type1(0), 0.442244224422, 1e-11);
  EXPECT_NEAR(m.income_type2(0), 0.585792349727, 1e-11);
  const IoImpact impact = io_impact(table, Eigen::Vector2d(600, 1500));
  EXPECT_NEAR(impact.output_type1(0), 1247.524752475, 1e-8);
  EXPECT_NEAR(impact.output_type2(0), 1603.27868852459, 1e-8);
  EXPECT_NEAR(impact.output_type2(1), 2498.360655737705, 1e-8);
  EXPECT_NEAR(impact.household_income_type2, 1105.573770491803, 1e-8);
  EXPECT_NEAR(impact.employment_type1(0), 0.02 * 1247.524752475, 1e-9);
}

TEST(Leontief, BadTablesAreRejected) {
  Eigen::MatrixXd bad = z();
  bad(0, 1) = -1;
  EXPECT_THROW(technical_coefficients(bad, x()), innozone::InvalidInput);
  EXPECT_THROW(technical_coefficients(z(), Eigen::Vector2d(1000, 0)), innozone::InvalidInput);
  // Sector 1 buys 1.2 per unit of output: not productive.
  Eigen::MatrixXd a(2, 2);
  a << 0.5, 0.7, 0.1, 0.5;
  try {
    LeontiefModel model(a);
    FAIL() << "expected InvalidInput";
  } catch (const innozone::InvalidInput& error) {
    EXPECT_NE(std::string(error.what()).find("sector 1"), std::string::npos);
  }
  IoTable only_compensation;
  only_compensation.flows = z();
  only_compensation.output = x();
  only_compensation.compensation = Eigen::Vector2d(1, 1);
  EXPECT_THROW(io_multipliers(only_compensation), innozone::InvalidInput);
  const LeontiefModel model = LeontiefModel::from_flows(z(), x());
  EXPECT_THROW(model.solve(Eigen::Vector3d(1, 2, 3)), innozone::InvalidInput);
  // Households spending more than they earn, or a sector paying more than its output.
  EXPECT_THROW(
      close_households(z(), x(), Eigen::Vector2d(300, 500), Eigen::Vector2d(500, 400), 800.0),
      innozone::InvalidInput);
  EXPECT_THROW(
      close_households(z(), x(), Eigen::Vector2d(700, 500), Eigen::Vector2d(100, 100), 1200.0),
      innozone::InvalidInput);
}

TEST(Leontief, LargeTableSolveAgreesWithTheInverse) {
  const Eigen::Index n = 60;
  Eigen::MatrixXd a(n, n);
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = 0; j < n; ++j) {
      a(i, j) =
          0.5 / static_cast<double>(n) * (1.0 + 0.5 * std::sin(static_cast<double>(i * n + j)));
    }
  }
  const LeontiefModel model(a);
  const Eigen::VectorXd f = Eigen::VectorXd::LinSpaced(n, 1.0, 2.0);
  const Eigen::VectorXd out = model.solve(f);
  // (I - A) x must give back f (relative residual 1e-12).
  const Eigen::VectorXd residual = out - a * out - f;
  EXPECT_LT(residual.norm() / f.norm(), 1e-12);
  EXPECT_LT((model.inverse() * f - out).norm() / out.norm(), 1e-12);
}

TEST(AggregateRipple, QuickEstimateWithKoreanCoefficients) {
  // 2022 all-industry coefficients (Bank of Korea via zone-facts 5b): production 1.818,
  // value added 0.729, 8.1 persons per 10억원. 180억 of spending: 327.24억, 131.22억, 145.8.
  const AggregateRipple r = aggregate_ripple(180.0, 1.818, 0.729, 8.1 / 10.0);
  EXPECT_NEAR(r.output, 327.24, 1e-9);
  EXPECT_NEAR(r.value_added, 131.22, 1e-9);
  EXPECT_NEAR(r.jobs, 145.8, 1e-9);
  EXPECT_THROW(aggregate_ripple(-1.0, 1.8, 0.7, 0.8), innozone::InvalidInput);
}

}  // namespace
