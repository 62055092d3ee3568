/// @file schedule.hpp
/// @brief Budget schedules: spreading a total over years by a named profile, splitting it
///        over funding sources or components by shares, fixing known actual years, and
///        comparing execution (spent) with the plan.
///
/// All amounts are money in one unit chosen by the caller (for Korean programs usually
/// 억원 = 100,000,000 KRW); the functions never convert units. Years are calendar years
/// and a phase covers start_year .. end_year inclusive.
#pragma once

#include <Eigen/Core>

#include <cstddef>
#include <string>
#include <vector>

namespace innozone::budget {

/// Tolerance for shares: |sum(shares) - 1| must not exceed this (absolute).
constexpr double kShareTolerance = 1e-6;
/// Relative tolerance when a breakdown is compared with its total.
constexpr double kBreakdownTolerance = 1e-9;

/// How a total is spread over the years of a phase.
enum class Profile {
  kUniform,      ///< equal amounts every year
  kRampUp,       ///< linear ramp: weights 1, 2, ..., n
  kRampDown,     ///< linear ramp: weights n, n-1, ..., 1
  kFrontLoaded,  ///< geometric decline: weight of year i is decay^i
  kBackLoaded,   ///< geometric growth: mirror image of kFrontLoaded
  kSCurve,       ///< bell-shaped yearly spending whose cumulative is a logistic S-curve
  kWeights,      ///< explicit non-negative weights, one per year
};

/// Parse "uniform", "ramp_up", "ramp_down", "front_loaded", "back_loaded", "s_curve" or
/// "weights"; throws InvalidInput naming the accepted names otherwise.
Profile parse_profile(const std::string& name);
/// The name parse_profile accepts for `profile`.
std::string profile_name(Profile profile);

/// Parameters of the shaped profiles.
struct ProfileOptions {
  /// kFrontLoaded / kBackLoaded: ratio between consecutive years, in (0, 1].
  double decay = 0.7;
  /// kSCurve: logistic steepness over the phase (cumulative share goes from F(0) to F(n)
  /// with F(t) = 1 / (1 + exp(-steepness * (t / n - 0.5)))), > 0.
  double steepness = 6.0;
  /// kWeights: one non-negative weight per year, positive sum.
  std::vector<double> weights;
};

/// Shares (summing to 1) of `n_years` years under `profile`.
std::vector<double> profile_weights(std::size_t n_years, Profile profile,
                                    const ProfileOptions& options = {});

/// Spread `total` (>= 0) over start_year..end_year. The result sums to `total`.
/// `what` names the amount in error messages (e.g. "phase 2 total").
std::vector<double> spread_total(double total, int start_year, int end_year, Profile profile,
                                 const ProfileOptions& options = {},
                                 const std::string& what = "total");

/// Spread `total` over start_year..end_year with some years known: the known years keep
/// their amounts and the remainder is spread over the other years by `profile` (the
/// profile's weights restricted to those years, renormalised). Throws OutOfRange for a
/// known year outside the phase, InvalidInput for negative or duplicated amounts, and for
/// known amounts that exceed the total.
std::vector<double> spread_with_actuals(double total, int start_year, int end_year,
                                        const std::vector<int>& known_years,
                                        const std::vector<double>& known_amounts, Profile profile,
                                        const ProfileOptions& options = {},
                                        const std::string& what = "total");

/// Check that `shares` are finite, non-negative and sum to 1 within kShareTolerance;
/// `names` (same length, or empty) and `what` name them in the error message.
void check_shares(const std::vector<double>& shares, const std::vector<std::string>& names,
                  const std::string& what);

/// Split each yearly amount over parts by shares: result(year, part) = amounts[year] *
/// shares[part]. Shares are checked with check_shares.
Eigen::MatrixXd split_by_shares(const std::vector<double>& amounts,
                                const std::vector<double>& shares,
                                const std::vector<std::string>& names, const std::string& what);

/// Shares of parts in their sum (e.g. national 90 of 180 -> 0.5); amounts must be >= 0
/// with a positive sum.
std::vector<double> shares_from_amounts(const std::vector<double>& amounts,
                                        const std::vector<std::string>& names,
                                        const std::string& what);

/// Check a breakdown against its total: every part >= 0 and sum(parts) <= total (relative
/// tolerance kBreakdownTolerance). Returns the unallocated remainder (>= 0).
double check_breakdown(double total, const std::vector<double>& parts,
                       const std::vector<std::string>& names, const std::string& what);

/// Check one amount of money: finite and >= 0. `what` names it (with its year) in errors.
void check_money(double amount, const std::string& what);

/// Planned against spent money by year.
struct Execution {
  std::vector<int> years;
  std::vector<double> planned;
  std::vector<double> spent;
  std::vector<double> rate;  ///< spent / planned per year (NaN when planned == 0)
  std::vector<double> cumulative_planned;
  std::vector<double> cumulative_spent;
  std::vector<double> cumulative_rate;  ///< cumulative spent / cumulative planned
  double total_planned = 0.0;
  double total_spent = 0.0;
  double overall_rate = 0.0;  ///< total spent / total planned
};

/// Execution rates (집행률). `years`, `planned` and `spent` have one entry per year;
/// money must be >= 0.
Execution execution(const std::vector<int>& years, const std::vector<double>& planned,
                    const std::vector<double>& spent);

}  // namespace innozone::budget
