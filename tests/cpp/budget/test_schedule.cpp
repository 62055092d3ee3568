// Budget schedules: profiles, spreading, shares, known actual years, breakdowns, execution.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <string>
#include <vector>

#include "innozone/budget/schedule.hpp"
#include "innozone/common/error.hpp"

namespace {

using namespace innozone::budget;  // NOLINT

double sum(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0); }

template <class E, class F>
std::string message_of(F&& f) {
  try {
    f();
  } catch (const E& error) {
    return error.what();
  }
  return "<no exception>";
}

TEST(Profile, NamedProfilesHaveTheDocumentedShapes) {
  // Tolerance 1e-12: the weights are exact fractions computed in double precision.
  const auto uniform = profile_weights(5, Profile::kUniform);
  for (double w : uniform) EXPECT_NEAR(w, 0.2, 1e-12);
  const auto up = profile_weights(4, Profile::kRampUp);  // 1,2,3,4 over 10
  EXPECT_NEAR(up[0], 0.1, 1e-12);
  EXPECT_NEAR(up[3], 0.4, 1e-12);
  const auto down = profile_weights(4, Profile::kRampDown);
  EXPECT_NEAR(down[0], 0.4, 1e-12);
  EXPECT_NEAR(down[3], 0.1, 1e-12);
  ProfileOptions options;
  options.decay = 0.5;  // 1, 0.5, 0.25 over 1.75
  const auto front = profile_weights(3, Profile::kFrontLoaded, options);
  EXPECT_NEAR(front[0], 1.0 / 1.75, 1e-12);
  EXPECT_NEAR(front[2], 0.25 / 1.75, 1e-12);
  const auto back = profile_weights(3, Profile::kBackLoaded, options);
  EXPECT_NEAR(back[2], 1.0 / 1.75, 1e-12);
  const auto s = profile_weights(5, Profile::kSCurve);
  EXPECT_NEAR(sum(s), 1.0, 1e-12);
  EXPECT_NEAR(s[0], s[4], 1e-12);  // symmetric bell
  EXPECT_GT(s[2], s[1]);
  EXPECT_GT(s[1], s[0]);
  options.weights = {1, 3, 0, 4};
  const auto explicit_weights = profile_weights(4, Profile::kWeights, options);
  EXPECT_NEAR(explicit_weights[1], 3.0 / 8.0, 1e-12);
  EXPECT_EQ(explicit_weights[2], 0.0);
}

TEST(Profile, NamesRoundTripAndUnknownNamesAreRejected) {
  for (const char* name :
       {"uniform", "ramp_up", "ramp_down", "front_loaded", "back_loaded", "s_curve", "weights"}) {
    EXPECT_EQ(profile_name(parse_profile(name)), name);
  }
  EXPECT_NE(message_of<innozone::InvalidInput>([] { parse_profile("linear"); }).find("'linear'"),
            std::string::npos);
  ProfileOptions options;
  options.weights = {1, 2};
  EXPECT_THROW(profile_weights(3, Profile::kWeights, options), innozone::InvalidInput);
  options.decay = 1.5;
  EXPECT_THROW(profile_weights(3, Profile::kFrontLoaded, options), innozone::InvalidInput);
}

TEST(Spread, Phase2Of180SpreadUniformlyOver2025To2029) {
  // Gimhae phase 2: 180억 over 2025-2029 (Aju Business Daily, 2025-01-21).
  const auto yearly = spread_total(180.0, 2025, 2029, Profile::kUniform);
  ASSERT_EQ(yearly.size(), 5u);
  for (double v : yearly) EXPECT_NEAR(v, 36.0, 1e-12);
  EXPECT_NEAR(sum(spread_total(180.0, 2025, 2029, Profile::kSCurve)), 180.0, 1e-12);
}

TEST(Spread, NegativeMoneyAndReversedPhaseAreRejected) {
  const std::string negative = message_of<innozone::InvalidInput>(
      [] { spread_total(-5.0, 2025, 2029, Profile::kUniform, {}, "phase 2 total"); });
  EXPECT_NE(negative.find("phase 2 total"), std::string::npos);
  EXPECT_NE(negative.find("negative"), std::string::npos);
  EXPECT_THROW(spread_total(10.0, 2029, 2025, Profile::kUniform), innozone::InvalidInput);
}

TEST(Spread, KnownYearsStayFixedAndTheRestIsSpread) {
  // 2025 and 2026 known (30 and 40); the remaining 110 goes to 2027-2029 in proportion to
  // the ramp-up weights of those years (3, 4, 5): 110 * 3/12, 4/12, 5/12.
  const auto out =
      spread_with_actuals(180.0, 2025, 2029, {2025, 2026}, {30.0, 40.0}, Profile::kRampUp);
  EXPECT_DOUBLE_EQ(out[0], 30.0);
  EXPECT_DOUBLE_EQ(out[1], 40.0);
  EXPECT_NEAR(out[2], 110.0 * 3.0 / 12.0, 1e-12);
  EXPECT_NEAR(out[4], 110.0 * 5.0 / 12.0, 1e-12);
  EXPECT_NEAR(sum(out), 180.0, 1e-12);
}

TEST(Spread, KnownYearsOutsideThePhaseOrAboveTheTotalAreRejected) {
  const std::string outside = message_of<innozone::OutOfRange>(
      [] { spread_with_actuals(180.0, 2025, 2029, {2031}, {10.0}, Profile::kUniform); });
  EXPECT_NE(outside.find("2031"), std::string::npos);
  EXPECT_NE(outside.find("2025-2029"), std::string::npos);
  const std::string exceeds = message_of<innozone::InvalidInput>([] {
    spread_with_actuals(100.0, 2025, 2029, {2025, 2026}, {60.0, 50.0}, Profile::kUniform);
  });
  EXPECT_NE(exceeds.find("110"), std::string::npos);
  EXPECT_THROW(spread_with_actuals(100.0, 2025, 2029, {2025, 2025}, {1.0, 1.0}, Profile::kUniform),
               innozone::InvalidInput);
  EXPECT_THROW(spread_with_actuals(100.0, 2025, 2026, {2025}, {-1.0}, Profile::kUniform),
               innozone::InvalidInput);
}

TEST(Shares, NationalHalfOfPhase2) {
  // Gimhae phase 2: national 90억 of 180억 = 50 %.
  const auto shares = shares_from_amounts({90.0, 90.0}, {"national", "local and other"}, "sources");
  EXPECT_DOUBLE_EQ(shares[0], 0.5);
  const auto yearly = spread_total(180.0, 2025, 2029, Profile::kUniform);
  const Eigen::MatrixXd split = split_by_shares(yearly, shares, {"national", "local"}, "sources");
  ASSERT_EQ(split.rows(), 5);
  ASSERT_EQ(split.cols(), 2);
  EXPECT_NEAR(split.col(0).sum(), 90.0, 1e-12);
  EXPECT_NEAR(split(2, 1), 18.0, 1e-12);
}

TEST(Shares, MessageStatesTheSumAndTheTolerance) {
  const std::string text = message_of<innozone::InvalidInput>(
      [] { check_shares({0.5, 0.45}, {"national", "local"}, "funding sources"); });
  EXPECT_NE(text.find("funding sources"), std::string::npos);
  EXPECT_NE(text.find("0.95"), std::string::npos);
  EXPECT_NE(text.find("tolerance 1e-06"), std::string::npos);
  EXPECT_NO_THROW(check_shares({0.5, 0.5 + 0.5e-6}, {}, "x"));
  const std::string negative = message_of<innozone::InvalidInput>(
      [] { check_shares({1.2, -0.2}, {"national", "local"}, "funding sources"); });
  EXPECT_NE(negative.find("'local'"), std::string::npos);
}

TEST(Breakdown, ExceedingTheTotalIsAnError) {
  EXPECT_NEAR(check_breakdown(180.0, {90.0, 60.0}, {"national", "local"}, "phase 2"), 30.0, 1e-12);
  const std::string text = message_of<innozone::InvalidInput>(
      [] { check_breakdown(180.0, {90.0, 100.0}, {"national", "local"}, "phase 2"); });
  EXPECT_NE(text.find("exceeds the total 180"), std::string::npos);
  EXPECT_THROW(check_breakdown(180.0, {-1.0}, {}, "phase 2"), innozone::InvalidInput);
}

TEST(Execution, RatesByYearAndCumulative) {
  const Execution e = execution({2025, 2026, 2027}, {36.0, 36.0, 36.0}, {30.0, 36.0, 45.0});
  EXPECT_NEAR(e.rate[0], 30.0 / 36.0, 1e-15);
  EXPECT_NEAR(e.cumulative_rate[1], 66.0 / 72.0, 1e-15);
  EXPECT_NEAR(e.overall_rate, 111.0 / 108.0, 1e-15);
  EXPECT_DOUBLE_EQ(e.total_spent, 111.0);
  const Execution zero = execution({2025}, {0.0}, {0.0});
  EXPECT_TRUE(std::isnan(zero.rate[0]));
  EXPECT_THROW(execution({2025, 2025}, {1.0, 1.0}, {1.0, 1.0}), innozone::InvalidInput);
  EXPECT_THROW(execution({2025}, {1.0, 1.0}, {1.0}), innozone::InvalidInput);
}

}  // namespace
