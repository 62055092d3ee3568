/// @file effectiveness.hpp
/// @brief Cost-effectiveness (money per unit of an indicator), leverage (linked money per
///        public won) and cost sharing of support programs, with uncertain budgets carried
///        as a low / central / high range.
#pragma once

#include <string>
#include <vector>

namespace innozone::budget {

/// A quantity known only within a range (e.g. an inferred budget of about 190-210억).
/// An exact quantity has low == central == high.
struct Range {
  double low = 0.0;
  double central = 0.0;
  double high = 0.0;
};

/// A checked range: finite, low <= central <= high. `what` names it in errors.
Range make_range(double low, double central, double high, const std::string& what);

/// numerator / denominator by interval arithmetic for positive denominators:
/// low = num.low / den.high, central = num.central / den.central, high = num.high / den.low.
/// Throws InvalidInput when the denominator range is not strictly positive or the numerator
/// is negative.
Range divide(const Range& numerator, const Range& denominator, const std::string& what);

/// Sum of values over the years from..to (inclusive). Every year of the window must be in
/// `years` (OutOfRange names the first missing one); values must be finite and >= 0.
double window_sum(const std::vector<int>& years, const std::vector<double>& values, int from,
                  int to, const std::string& what);

/// Cost per unit of an indicator: cost / units (units > 0).
Range cost_per_unit(const Range& cost, double units, const std::string& what);

/// Leverage: linked money (investment, revenue, ...) per unit of public money.
Range leverage(double linked, const Range& public_money, const std::string& what);

/// A support program where each participant co-pays part of a service worth unit_value.
struct CostSharing {
  double unit_value = 0.0;         ///< value of the service per participant
  double contribution = 0.0;       ///< what the participant pays
  double participant_share = 0.0;  ///< contribution / unit_value
  double subsidy_rate = 0.0;       ///< 1 - participant_share
  double public_cost = 0.0;        ///< unit_value - contribution + overhead per participant
  double budget = 0.0;             ///< public budget (NaN when none was given)
  long long fundable = -1;         ///< floor(budget / public_cost), -1 without a budget
  double budget_used = 0.0;        ///< fundable * public_cost
  double budget_left = 0.0;        ///< budget - budget_used
};

/// Cost sharing. `budget` NaN means no budget is given; `overhead` is a public cost per
/// participant on top of the subsidy (administration), >= 0. Throws InvalidInput when the
/// contribution exceeds the unit value or money is negative.
CostSharing cost_sharing(double unit_value, double contribution, double budget, double overhead);

}  // namespace innozone::budget
