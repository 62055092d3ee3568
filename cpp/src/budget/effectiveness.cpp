#include "innozone/budget/effectiveness.hpp"

#include <cmath>
#include <map>
#include <sstream>

#include "innozone/budget/schedule.hpp"
#include "innozone/common/error.hpp"

namespace innozone::budget {

Range make_range(double low, double central, double high, const std::string& what) {
  if (!std::isfinite(low) || !std::isfinite(central) || !std::isfinite(high)) {
    throw InvalidInput(what + ": range bounds must be finite, got [" + format_value(low) + ", " +
                       format_value(central) + ", " + format_value(high) + "]");
  }
  if (!(low <= central && central <= high)) {
    throw InvalidInput(what + ": range needs low <= central <= high, got low " + format_value(low) +
                       ", central " + format_value(central) + ", high " + format_value(high));
  }
  return Range{low, central, high};
}

Range divide(const Range& numerator, const Range& denominator, const std::string& what) {
  make_range(numerator.low, numerator.central, numerator.high, what + " (numerator)");
  make_range(denominator.low, denominator.central, denominator.high, what + " (denominator)");
  if (!(denominator.low > 0.0)) {
    throw InvalidInput(what + ": denominator must be positive, its range starts at " +
                       format_value(denominator.low));
  }
  if (numerator.low < 0.0) {
    throw InvalidInput(what + ": numerator must not be negative, its range starts at " +
                       format_value(numerator.low));
  }
  return Range{numerator.low / denominator.high, numerator.central / denominator.central,
               numerator.high / denominator.low};
}

double window_sum(const std::vector<int>& years, const std::vector<double>& values, int from,
                  int to, const std::string& what) {
  if (years.size() != values.size()) {
    throw InvalidInput(what + ": " + std::to_string(years.size()) + " years but " +
                       std::to_string(values.size()) + " values");
  }
  if (to < from) {
    throw InvalidInput(what + ": window end " + std::to_string(to) + " is before its start " +
                       std::to_string(from));
  }
  std::map<int, double> by_year;
  for (std::size_t i = 0; i < years.size(); ++i) {
    if (!std::isfinite(values[i]) || values[i] < 0.0) {
      throw InvalidInput(what + ": value of " + std::to_string(years[i]) +
                         " must be finite and >= 0, got " + format_value(values[i]));
    }
    if (!by_year.emplace(years[i], values[i]).second) {
      throw InvalidInput(what + ": year " + std::to_string(years[i]) + " is given twice");
    }
  }
  double sum = 0.0;
  for (int year = from; year <= to; ++year) {
    const auto found = by_year.find(year);
    if (found == by_year.end()) {
      throw OutOfRange(what + ": no value for " + std::to_string(year) + " inside the window " +
                       std::to_string(from) + "-" + std::to_string(to));
    }
    sum += found->second;
  }
  return sum;
}

Range cost_per_unit(const Range& cost, double units, const std::string& what) {
  if (!std::isfinite(units) || !(units > 0.0)) {
    throw InvalidInput(what + ": number of units must be positive, got " + format_value(units));
  }
  return divide(cost, Range{units, units, units}, what);
}

Range leverage(double linked, const Range& public_money, const std::string& what) {
  check_money(linked, what + ", linked money");
  return divide(Range{linked, linked, linked}, public_money, what);
}

CostSharing cost_sharing(double unit_value, double contribution, double budget, double overhead) {
  check_money(unit_value, "cost_sharing, unit_value");
  check_money(contribution, "cost_sharing, contribution");
  check_money(overhead, "cost_sharing, overhead");
  if (!(unit_value > 0.0)) {
    throw InvalidInput("cost_sharing: unit_value must be positive, got " +
                       format_value(unit_value));
  }
  if (contribution > unit_value) {
    throw InvalidInput("cost_sharing: the participant's contribution " +
                       format_value(contribution) + " exceeds the unit value " +
                       format_value(unit_value));
  }
  CostSharing out;
  out.unit_value = unit_value;
  out.contribution = contribution;
  out.participant_share = contribution / unit_value;
  out.subsidy_rate = 1.0 - out.participant_share;
  out.public_cost = unit_value - contribution + overhead;
  out.budget = budget;
  if (!std::isnan(budget)) {
    check_money(budget, "cost_sharing, budget");
    if (!(out.public_cost > 0.0)) {
      throw InvalidInput(
          "cost_sharing: the public cost per participant is 0, so any budget funds unlimited "
          "participants");
    }
    // A small relative slack keeps e.g. 1e8 / 2.07e6 from losing a participant to rounding.
    out.fundable = static_cast<long long>(std::floor(budget / out.public_cost * (1.0 + 1e-12)));
    out.budget_used = static_cast<double>(out.fundable) * out.public_cost;
    out.budget_left = std::max(0.0, budget - out.budget_used);
  }
  return out;
}

}  // namespace innozone::budget
