// Time value and appraisal. Reference values: numpy-financial 1.0 docstring examples
// (npv, irr), hand calculations written next to each check.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "innozone/budget/appraisal.hpp"
#include "innozone/common/error.hpp"

namespace {

using namespace innozone::budget;  // NOLINT

TEST(Discounting, TimingConventions) {
  const std::vector<double> flows{-40000, 5000, 8000, 12000, 30000};
  // numpy-financial npv docstring: npf.npv(0.08, flows) = 3065.22267 (t = 0 first).
  EXPECT_NEAR(npv(0.08, flows, Timing::kBeginning), 3065.22267, 5e-6);
  // Spreadsheet NPV discounts the first flow one period: beginning / (1 + r).
  EXPECT_NEAR(npv(0.08, flows, Timing::kEnd), npv(0.08, flows, Timing::kBeginning) / 1.08, 1e-9);
  EXPECT_NEAR(npv(0.08, flows, Timing::kMiddle),
              npv(0.08, flows, Timing::kBeginning) / std::sqrt(1.08), 1e-9);
  EXPECT_THROW(npv(-1.0, flows, Timing::kEnd), innozone::InvalidInput);
  EXPECT_THROW(parse_timing("later"), innozone::InvalidInput);
}

TEST(Discounting, KoreanSocialDiscountRateHistory) {
  EXPECT_DOUBLE_EQ(kKoreaSocialDiscountRate, 0.045);
  EXPECT_DOUBLE_EQ(korea_social_discount_rate(2017, 8), 0.045);
  EXPECT_DOUBLE_EQ(korea_social_discount_rate(2017, 7), 0.055);
  EXPECT_DOUBLE_EQ(korea_social_discount_rate(2006), 0.065);
  EXPECT_DOUBLE_EQ(korea_social_discount_rate(2025), 0.045);
}

TEST(BenefitCost, RatioOfPresentValues) {
  // Costs 100 now, benefits 60 at t = 1 and t = 2 at 4.5 %, beginning timing:
  // PV(B) = 60/1.045 + 60/1.045^2 = 112.35 (hand calculation).
  const BenefitCost r = benefit_cost(0.045, {0, 60, 60}, {100, 0, 0}, Timing::kBeginning);
  const double pvb = 60 / 1.045 + 60 / (1.045 * 1.045);
  EXPECT_NEAR(r.pv_benefits, pvb, 1e-12);
  EXPECT_NEAR(r.bc_ratio, pvb / 100.0, 1e-12);
  EXPECT_NEAR(r.npv, pvb - 100.0, 1e-12);
  EXPECT_THROW(benefit_cost(0.045, {1, 2}, {0, 0}, Timing::kEnd), innozone::NumericalError);
  EXPECT_THROW(benefit_cost(0.045, {1, -2}, {1, 0}, Timing::kEnd), innozone::InvalidInput);
}

TEST(Irr, NumpyFinancialDocstringExamples) {
  // numpy-financial irr docstring (rounded to 5 decimals there; tolerance 5e-6).
  EXPECT_NEAR(irr({-100, 39, 59, 55, 20}), 0.28095, 5e-6);
  EXPECT_NEAR(irr({-100, 0, 0, 74}), -0.0955, 5e-6);
  EXPECT_NEAR(irr({-100, 100, 0, -7}), -0.0833, 5e-6);
  EXPECT_NEAR(irr({-100, 100, 0, 7}), 0.06206, 5e-6);
  EXPECT_NEAR(irr({-5, 10.5, 1, -8, 1}), 0.0886, 5e-6);
}

TEST(Irr, EveryRootIsReported) {
  // -100 + 100 x - 7 x^3 has two roots with r > -0.99: r = -0.67889 and -0.08330.
  const IrrRoots two = irr_all({-100, 100, 0, -7});
  ASSERT_EQ(two.roots.size(), 2u);
  EXPECT_EQ(two.sign_changes, 2);
  EXPECT_NEAR(two.roots[0], -0.6788943736, 1e-9);
  EXPECT_NEAR(two.roots[1], -0.0832996662, 1e-9);
  // (x - 1/1.1)(x - 1/1.2)(x - 1/1.5): roots r = 10 %, 20 %, 50 %.
  const double a = 1 / 1.1;
  const double b = 1 / 1.2;
  const double c = 1 / 1.5;
  const std::vector<double> flows{-a * b * c, a * b + a * c + b * c, -(a + b + c), 1.0};
  const IrrRoots three = irr_all(flows);
  ASSERT_EQ(three.roots.size(), 3u);
  EXPECT_NEAR(three.roots[0], 0.1, 1e-12);
  EXPECT_NEAR(three.roots[1], 0.2, 1e-12);
  EXPECT_NEAR(three.roots[2], 0.5, 1e-12);
  // A double root: (x - 1/1.1)^2 touches zero at r = 10 % without a sign change.
  const IrrRoots touching = irr_all({a * a, -2 * a, 1.0});
  ASSERT_FALSE(touching.roots.empty());
  EXPECT_NEAR(touching.roots.front(), 0.1, 1e-7);
}

TEST(Irr, NoRootIsANumericalError) {
  EXPECT_THROW(irr_all({100, 20, 30}), innozone::NumericalError);
  EXPECT_THROW(irr_all({0, 0, 0}), innozone::NumericalError);
  // The only root is r = 99 (x = 0.01), outside a bracket ending at 50 %.
  try {
    irr_all({-1, 100}, -0.5, 0.5);
    FAIL() << "expected NumericalError";
  } catch (const innozone::NumericalError& error) {
    EXPECT_NE(std::string(error.what()).find("widen the bracket"), std::string::npos);
  }
  EXPECT_THROW(irr_all({-1, 2}, 0.5, 0.2), innozone::InvalidInput);
  // 400 periods at r = -99 % (x = 100) overflow double: a clear error, not a wrong root.
  std::vector<double> long_flows(400, 1.0);
  long_flows[0] = -300.0;
  EXPECT_THROW(irr_all(long_flows), innozone::NumericalError);
  EXPECT_NO_THROW(irr_all(long_flows, -0.5, 1.0));
}

// numpy-financial's current selection among several roots (its tests gh_39 and gh_44,
// numpy_financial/tests/test_financial.py): the smallest non-negative root.
TEST(Irr, SeveralRootsPickTheSmallestNonNegativeOne) {
  const std::vector<double> gh39{
      -217500.0,           -217500.0,           108466.80462450592, 101129.96439328062,
      93793.12416205535,   86456.28393083003,   79119.44369960476,  71782.60346837944,
      64445.76323715414,   57108.92300592884,   49772.08277470355,  42435.24254347826,
      35098.40231225296,   27761.56208102766,   20424.721849802358, 13087.88161857707,
      5751.041387351768,   -1585.7988438735192, -8922.639075098821, -16259.479306324123,
      -23596.31953754941,  -30933.159768774713, -38270.0,           -45606.8402312253,
      -52943.680462450604, -60280.520693675906, -67617.36092490121};
  const IrrRoots all = irr_all(gh39);
  ASSERT_EQ(all.roots.size(), 2u);
  EXPECT_NEAR(all.roots[0], -0.0180967864739646, 1e-12);  // numpy-financial 1.0.0's answer
  EXPECT_NEAR(irr(gh39), 0.12, 1e-12);                    // gh_39 expects 0.12 (rtol 1e-7)
  const std::vector<double> gh44{-1678.87, 771.96, 1814.05, 3520.30, 3552.95, 3584.99, 4789.91, -1};
  EXPECT_NEAR(irr(gh44), 1.00426, 1e-4 * 1.00426);  // gh_44: Google Sheets, rtol 1e-4
  // Every root negative: the one closest to zero.
  const std::vector<double> negative{-100, 0, 0, 74};
  EXPECT_NEAR(irr(negative), -0.0955, 1e-4);
}

TEST(Mirr, MatchesTheDefinition) {
  // finance 10 %, reinvest 12 %: PV- = 100; FV+ at t=3 = 30*1.12^2 + 50*1.12 + 60.
  const double fv = 30 * 1.12 * 1.12 + 50 * 1.12 + 60;
  EXPECT_NEAR(mirr({-100, 30, 50, 60}, 0.10, 0.12), std::pow(fv / 100.0, 1.0 / 3.0) - 1.0, 1e-12);
  EXPECT_THROW(mirr({100, 30}, 0.1, 0.1), innozone::NumericalError);
}

TEST(Payback, UndiscountedAndDiscounted) {
  const Payback p = payback({-100, 50, 60}, std::nan(""), Timing::kBeginning);
  EXPECT_TRUE(p.reached);
  EXPECT_EQ(p.period, 2);
  EXPECT_NEAR(p.fractional, 1.0 + 50.0 / 60.0, 1e-12);
  const Payback never = payback({-100, 50, 40}, std::nan(""), Timing::kBeginning);
  EXPECT_FALSE(never.reached);
  // At 10 %: -100, 45.45, 49.59, 45.08 -> recovered in period 3.
  const Payback d = payback({-100, 50, 60, 60}, 0.10, Timing::kBeginning);
  EXPECT_EQ(d.period, 3);
}

TEST(EquivalentAnnualValue, AnnuityWithTheSameTiming) {
  // End timing: EAV = PV * r / (1 - (1 + r)^-n).
  const double r = 0.045;
  EXPECT_NEAR(equivalent_annual_value(1000, r, 10, Timing::kEnd),
              1000 * r / (1 - std::pow(1 + r, -10)), 1e-9);
  EXPECT_NEAR(equivalent_annual_value(1000, 0.0, 4, Timing::kEnd), 250.0, 1e-12);
}

TEST(DatedFlows, DayCountsAndXirr) {
  // 2024 is a leap year: 2024-01-01 is day 19723, 2025-01-01 is day 20089.
  EXPECT_NEAR(year_fraction(19723, 20089, DayCount::kAct365F), 366.0 / 365.0, 1e-15);
  EXPECT_NEAR(year_fraction(19723, 20089, DayCount::kAct360), 366.0 / 360.0, 1e-15);
  EXPECT_NEAR(year_fraction(19723, 20089, DayCount::kActActIsda), 1.0, 1e-15);
  // 2023-07-02 (19540) to 2024-07-02 (19906): 183/365 + 183/366.
  EXPECT_NEAR(year_fraction(19540, 19906, DayCount::kActActIsda), 183.0 / 365 + 183.0 / 366, 1e-14);
  // Flows a year of 365 days apart under ACT/365F equal yearly IRR.
  const IrrRoots x = xirr_all({0, 365, 730}, {-100, 39, 80}, DayCount::kAct365F);
  ASSERT_EQ(x.roots.size(), 1u);
  EXPECT_NEAR(x.roots[0], irr({-100, 39, 80}), 1e-12);
  EXPECT_NEAR(xnpv(x.roots[0], {0, 365, 730}, {-100, 39, 80}, DayCount::kAct365F, 0), 0.0, 1e-9);
  // Several roots: the polynomial with roots at 10 %, 20 % and 50 % placed on yearly dates.
  const double a = 1 / 1.1;
  const double b = 1 / 1.2;
  const double c = 1 / 1.5;
  const IrrRoots three =
      xirr_all({0, 365, 730, 1095}, {-a * b * c, a * b + a * c + b * c, -(a + b + c), 1.0},
               DayCount::kAct365F);
  ASSERT_EQ(three.roots.size(), 3u);
  EXPECT_NEAR(three.roots[1], 0.2, 1e-10);
  EXPECT_THROW(xirr_all({0, 10}, {1, 1}, DayCount::kAct365F), innozone::NumericalError);
  EXPECT_THROW(parse_day_count("30/360"), innozone::InvalidInput);
}

TEST(RealNominal, InflationPathAndDeflatorBothWays) {
  // 2 % in 2025, 3 % in 2026, base 2025: index 1/1.02, 1, 1.03.
  const auto index = deflator_from_inflation({2024, 2025, 2026}, {0.01, 0.02, 0.03}, 2025);
  EXPECT_NEAR(index[0], 1 / 1.02, 1e-15);
  EXPECT_NEAR(index[2], 1.03, 1e-15);
  const auto real = to_real({2026}, {103.0}, {2024, 2025, 2026}, index, 2025);
  EXPECT_NEAR(real[0], 100.0, 1e-12);
  const auto nominal = to_nominal({2026}, real, {2024, 2025, 2026}, index, 2025);
  EXPECT_NEAR(nominal[0], 103.0, 1e-12);
  try {
    to_real({2030}, {1.0}, {2024, 2025, 2026}, index, 2025);
    FAIL() << "expected OutOfRange";
  } catch (const innozone::OutOfRange& error) {
    EXPECT_NE(std::string(error.what()).find("2030"), std::string::npos);
  }
  EXPECT_THROW(deflator_from_inflation({2024, 2026}, {0.0, 0.0}, 2024), innozone::InvalidInput);
}

TEST(Batch, NpvAndIrrMatchTheScalarFunctionsForAnyThreadCount) {
  std::vector<double> flows;
  const std::size_t rows = 5000;
  const std::size_t periods = 10;
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t i = 0; i < periods; ++i) {
      const double value = (i == 0) ? -100.0 - static_cast<double>(r % 17)
                                    : 5.0 + static_cast<double>((r * 7 + i * 13) % 29);
      flows.push_back(value);
    }
  }
  const double rate = 0.045;
  std::vector<double> out1(rows);
  std::vector<double> out2(rows);
  innozone::ParallelOptions one;
  one.n_threads = 1;
  innozone::ParallelOptions four;
  four.n_threads = 4;
  npv_batch(flows.data(), rows, periods, &rate, 1, Timing::kMiddle, out1.data(), one);
  npv_batch(flows.data(), rows, periods, &rate, 1, Timing::kMiddle, out2.data(), four);
  std::vector<double> irr1(rows);
  std::vector<std::int32_t> count(rows);
  irr_batch(flows.data(), rows, periods, kIrrLower, kIrrUpper, irr1.data(), count.data(), four);
  for (std::size_t r = 0; r < rows; r += 97) {
    const std::vector<double> row(flows.begin() + static_cast<std::ptrdiff_t>(r * periods),
                                  flows.begin() + static_cast<std::ptrdiff_t>((r + 1) * periods));
    EXPECT_EQ(out1[r], out2[r]);
    EXPECT_NEAR(out1[r], npv(rate, row, Timing::kMiddle), 1e-10 * std::abs(out1[r]) + 1e-10);
    EXPECT_EQ(count[r], 1);
    EXPECT_DOUBLE_EQ(irr1[r], irr(row));
  }
  // The portable kernel (used on CPUs without AVX2) agrees too (1e-12 relative).
  const std::vector<double> d = discount_factors(periods, rate, Timing::kMiddle);
  std::vector<double> portable(rows);
  detail::npv_rows_portable(flows.data(), rows, periods, d.data(), portable.data());
  for (std::size_t r = 0; r < rows; ++r) {
    EXPECT_NEAR(portable[r], out1[r], 1e-12 * std::abs(out1[r]) + 1e-12);
  }
}

}  // namespace
