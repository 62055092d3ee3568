// Cost-effectiveness, leverage and cost sharing, on the Gimhae figures of
// shared/seed-facts.md and shared/zone-facts.md.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "innozone/budget/effectiveness.hpp"
#include "innozone/common/error.hpp"

namespace {

using namespace innozone::budget;  // NOLINT

TEST(CostPerUnit, GimhaePhase1StartupsWithTheBudgetRange) {
  // Phase-1 total inferred at about 190-210억 (zone-facts 2b, low confidence); 76 start-ups.
  const Range budget = make_range(190.0, 200.0, 210.0, "phase 1 budget");
  const Range per_startup = cost_per_unit(budget, 76.0, "억원 per start-up");
  EXPECT_NEAR(per_startup.low, 190.0 / 76.0, 1e-12);
  EXPECT_NEAR(per_startup.central, 200.0 / 76.0, 1e-12);
  EXPECT_NEAR(per_startup.high, 210.0 / 76.0, 1e-12);
  EXPECT_THROW(cost_per_unit(budget, 0.0, "per start-up"), innozone::InvalidInput);
}

TEST(Leverage, InvestmentPerPublicWonInvertsTheRange) {
  // 1,030억 linked investment over 190-210억 public money: 4.90 .. 5.42.
  const Range l = leverage(1030.0, make_range(190.0, 200.0, 210.0, "budget"), "leverage");
  EXPECT_NEAR(l.low, 1030.0 / 210.0, 1e-12);
  EXPECT_NEAR(l.high, 1030.0 / 190.0, 1e-12);
  EXPECT_NEAR(l.central, 5.15, 1e-12);
  // Per national won: 158.6억 inferred national funding.
  EXPECT_NEAR(leverage(1030.0, Range{158.6, 158.6, 158.6}, "per national won").central,
              1030.0 / 158.6, 1e-12);
}

TEST(Ranges, BadRangesNameWhatIsWrong) {
  try {
    make_range(210.0, 200.0, 190.0, "phase 1 budget");
    FAIL() << "expected InvalidInput";
  } catch (const innozone::InvalidInput& error) {
    EXPECT_NE(std::string(error.what()).find("phase 1 budget"), std::string::npos);
  }
  EXPECT_THROW(divide(Range{1, 1, 1}, Range{0, 1, 2}, "x"), innozone::InvalidInput);
}

TEST(WindowSum, SumsTheWindowAndRejectsMissingYears) {
  // Gimhae research-institute companies by year: 12 (2020) ... partial series.
  EXPECT_DOUBLE_EQ(window_sum({2020, 2021, 2022}, {12, 10, 8}, 2021, 2022, "companies"), 18.0);
  try {
    window_sum({2020, 2022}, {12, 8}, 2020, 2022, "companies");
    FAIL() << "expected OutOfRange";
  } catch (const innozone::OutOfRange& error) {
    EXPECT_NE(std::string(error.what()).find("2021"), std::string::npos);
  }
}

TEST(CostSharing, DexterExportMarketingSupport) {
  // DEXTER: the company pays 430,000 of a 2,500,000 KRW service (seed-facts B):
  // 17.2 % company share, 82.8 % subsidy, 2,070,000 KRW public cost per company.
  const CostSharing c = cost_sharing(2'500'000.0, 430'000.0, 100'000'000.0, 0.0);
  EXPECT_NEAR(c.participant_share, 0.172, 1e-12);
  EXPECT_NEAR(c.subsidy_rate, 0.828, 1e-12);
  EXPECT_DOUBLE_EQ(c.public_cost, 2'070'000.0);
  EXPECT_EQ(c.fundable, 48);  // floor(100,000,000 / 2,070,000) = 48
  EXPECT_DOUBLE_EQ(c.budget_left, 100'000'000.0 - 48 * 2'070'000.0);
  const CostSharing exact = cost_sharing(10.0, 4.0, 60.0, 0.0);
  EXPECT_EQ(exact.fundable, 10);
  const CostSharing no_budget = cost_sharing(10.0, 4.0, std::nan(""), 1.0);
  EXPECT_EQ(no_budget.fundable, -1);
  EXPECT_DOUBLE_EQ(no_budget.public_cost, 7.0);
  EXPECT_THROW(cost_sharing(10.0, 11.0, std::nan(""), 0.0), innozone::InvalidInput);
  EXPECT_THROW(cost_sharing(10.0, -1.0, std::nan(""), 0.0), innozone::InvalidInput);
}

}  // namespace
