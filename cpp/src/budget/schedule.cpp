#include "innozone/budget/schedule.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>
#include <sstream>

#include "innozone/common/error.hpp"

namespace innozone::budget {

namespace {

void check_phase(int start_year, int end_year, const std::string& what) {
  if (end_year < start_year) {
    throw InvalidInput(what + ": phase end year " + std::to_string(end_year) +
                       " is before its start year " + std::to_string(start_year));
  }
}

std::string part_name(const std::vector<std::string>& names, std::size_t i) {
  if (i < names.size() && !names[i].empty()) {
    return "'" + names[i] + "'";
  }
  return "#" + std::to_string(i);
}

}  // namespace

Profile parse_profile(const std::string& name) {
  if (name == "uniform") return Profile::kUniform;
  if (name == "ramp_up") return Profile::kRampUp;
  if (name == "ramp_down") return Profile::kRampDown;
  if (name == "front_loaded") return Profile::kFrontLoaded;
  if (name == "back_loaded") return Profile::kBackLoaded;
  if (name == "s_curve") return Profile::kSCurve;
  if (name == "weights") return Profile::kWeights;
  throw InvalidInput("profile: unknown name '" + name +
                     "'; use uniform, ramp_up, ramp_down, front_loaded, back_loaded, s_curve "
                     "or weights");
}

std::string profile_name(Profile profile) {
  switch (profile) {
    case Profile::kUniform:
      return "uniform";
    case Profile::kRampUp:
      return "ramp_up";
    case Profile::kRampDown:
      return "ramp_down";
    case Profile::kFrontLoaded:
      return "front_loaded";
    case Profile::kBackLoaded:
      return "back_loaded";
    case Profile::kSCurve:
      return "s_curve";
    case Profile::kWeights:
      return "weights";
  }
  return "unknown";
}

std::vector<double> profile_weights(std::size_t n_years, Profile profile,
                                    const ProfileOptions& options) {
  if (n_years == 0) {
    throw InvalidInput("profile: a phase needs at least one year");
  }
  const auto n = static_cast<double>(n_years);
  std::vector<double> w(n_years, 1.0);
  switch (profile) {
    case Profile::kUniform:
      break;
    case Profile::kRampUp:
      for (std::size_t i = 0; i < n_years; ++i) w[i] = static_cast<double>(i + 1);
      break;
    case Profile::kRampDown:
      for (std::size_t i = 0; i < n_years; ++i) w[i] = static_cast<double>(n_years - i);
      break;
    case Profile::kFrontLoaded:
    case Profile::kBackLoaded: {
      if (!(options.decay > 0.0 && options.decay <= 1.0)) {
        throw InvalidInput("profile " + profile_name(profile) + ": decay must lie in (0, 1], got " +
                           format_value(options.decay));
      }
      for (std::size_t i = 0; i < n_years; ++i) {
        const std::size_t k = (profile == Profile::kFrontLoaded) ? i : n_years - 1 - i;
        w[i] = std::pow(options.decay, static_cast<double>(k));
      }
      break;
    }
    case Profile::kSCurve: {
      if (!(options.steepness > 0.0) || !std::isfinite(options.steepness)) {
        throw InvalidInput("profile s_curve: steepness must be a positive number, got " +
                           format_value(options.steepness));
      }
      auto cdf = [&](double t) {
        return 1.0 / (1.0 + std::exp(-options.steepness * (t / n - 0.5)));
      };
      for (std::size_t i = 0; i < n_years; ++i) {
        w[i] = cdf(static_cast<double>(i + 1)) - cdf(static_cast<double>(i));
      }
      break;
    }
    case Profile::kWeights: {
      if (options.weights.size() != n_years) {
        throw InvalidInput("profile weights: " + std::to_string(options.weights.size()) +
                           " weights given for a phase of " + std::to_string(n_years) + " years");
      }
      for (std::size_t i = 0; i < n_years; ++i) {
        const double value = options.weights[i];
        if (!std::isfinite(value) || value < 0.0) {
          throw InvalidInput("profile weights: weight #" + std::to_string(i) +
                             " must be finite and >= 0, got " + format_value(value));
        }
        w[i] = value;
      }
      break;
    }
  }
  const double sum = std::accumulate(w.begin(), w.end(), 0.0);
  if (!(sum > 0.0)) {
    throw InvalidInput("profile " + profile_name(profile) + ": weights sum to 0");
  }
  for (auto& value : w) value /= sum;
  return w;
}

void check_money(double amount, const std::string& what) {
  if (!std::isfinite(amount)) {
    throw InvalidInput(what + ": money must be a finite number, got " + format_value(amount));
  }
  if (amount < 0.0) {
    throw InvalidInput(what + ": money must not be negative, got " + format_value(amount));
  }
}

std::vector<double> spread_total(double total, int start_year, int end_year, Profile profile,
                                 const ProfileOptions& options, const std::string& what) {
  check_phase(start_year, end_year, what);
  check_money(total, what);
  const auto n = static_cast<std::size_t>(end_year - start_year + 1);
  std::vector<double> out = profile_weights(n, profile, options);
  for (auto& value : out) value *= total;
  // Put the rounding residue in the largest year so the amounts sum to the total.
  const double residue = total - std::accumulate(out.begin(), out.end(), 0.0);
  *std::max_element(out.begin(), out.end()) += residue;
  return out;
}

std::vector<double> spread_with_actuals(double total, int start_year, int end_year,
                                        const std::vector<int>& known_years,
                                        const std::vector<double>& known_amounts, Profile profile,
                                        const ProfileOptions& options, const std::string& what) {
  check_phase(start_year, end_year, what);
  check_money(total, what);
  if (known_years.size() != known_amounts.size()) {
    throw InvalidInput(what + ": " + std::to_string(known_years.size()) + " known years but " +
                       std::to_string(known_amounts.size()) + " known amounts");
  }
  const auto n = static_cast<std::size_t>(end_year - start_year + 1);
  std::vector<bool> fixed(n, false);
  std::vector<double> out(n, 0.0);
  double known_sum = 0.0;
  for (std::size_t k = 0; k < known_years.size(); ++k) {
    const int year = known_years[k];
    if (year < start_year || year > end_year) {
      throw OutOfRange(what + ": known year " + std::to_string(year) + " lies outside the phase " +
                       std::to_string(start_year) + "-" + std::to_string(end_year));
    }
    const auto i = static_cast<std::size_t>(year - start_year);
    if (fixed[i]) {
      throw InvalidInput(what + ": year " + std::to_string(year) + " is given twice");
    }
    check_money(known_amounts[k], what + ", known amount of year " + std::to_string(year));
    fixed[i] = true;
    out[i] = known_amounts[k];
    known_sum += known_amounts[k];
  }
  if (known_sum > total * (1.0 + kBreakdownTolerance) + 1e-300) {
    throw InvalidInput(what + ": known years sum to " + format_value(known_sum) +
                       ", more than the total " + format_value(total));
  }
  const double remainder = std::max(0.0, total - known_sum);
  const std::vector<double> w = profile_weights(n, profile, options);
  double free_weight = 0.0;
  std::size_t n_free = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!fixed[i]) {
      free_weight += w[i];
      ++n_free;
    }
  }
  if (n_free == 0) {
    if (remainder > total * kBreakdownTolerance) {
      throw InvalidInput(what + ": every year is known but they sum to " + format_value(known_sum) +
                         ", less than the total " + format_value(total));
    }
    return out;
  }
  if (!(free_weight > 0.0)) {
    throw InvalidInput(what + ": the profile gives zero weight to every year left to spread " +
                       format_value(remainder) + " over");
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (!fixed[i]) out[i] = remainder * w[i] / free_weight;
  }
  return out;
}

void check_shares(const std::vector<double>& shares, const std::vector<std::string>& names,
                  const std::string& what) {
  if (shares.empty()) {
    throw InvalidInput(what + ": no shares given");
  }
  if (!names.empty() && names.size() != shares.size()) {
    throw InvalidInput(what + ": " + std::to_string(shares.size()) + " shares but " +
                       std::to_string(names.size()) + " names");
  }
  double sum = 0.0;
  for (std::size_t i = 0; i < shares.size(); ++i) {
    if (!std::isfinite(shares[i]) || shares[i] < 0.0) {
      throw InvalidInput(what + ": share of " + part_name(names, i) +
                         " must be finite and >= 0, got " + format_value(shares[i]));
    }
    sum += shares[i];
  }
  if (std::abs(sum - 1.0) > kShareTolerance) {
    throw InvalidInput(what + ": shares sum to " + format_value(sum) + ", not 1 (tolerance " +
                       format_value(kShareTolerance) + ")");
  }
}

Eigen::MatrixXd split_by_shares(const std::vector<double>& amounts,
                                const std::vector<double>& shares,
                                const std::vector<std::string>& names, const std::string& what) {
  check_shares(shares, names, what);
  Eigen::MatrixXd out(static_cast<Eigen::Index>(amounts.size()),
                      static_cast<Eigen::Index>(shares.size()));
  for (std::size_t i = 0; i < amounts.size(); ++i) {
    check_money(amounts[i], what + ", amount #" + std::to_string(i));
    for (std::size_t j = 0; j < shares.size(); ++j) {
      out(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = amounts[i] * shares[j];
    }
  }
  return out;
}

std::vector<double> shares_from_amounts(const std::vector<double>& amounts,
                                        const std::vector<std::string>& names,
                                        const std::string& what) {
  double sum = 0.0;
  for (std::size_t i = 0; i < amounts.size(); ++i) {
    check_money(amounts[i], what + ", " + part_name(names, i));
    sum += amounts[i];
  }
  if (!(sum > 0.0)) {
    throw InvalidInput(what + ": amounts sum to 0, shares are undefined");
  }
  std::vector<double> out(amounts);
  for (auto& value : out) value /= sum;
  return out;
}

double check_breakdown(double total, const std::vector<double>& parts,
                       const std::vector<std::string>& names, const std::string& what) {
  check_money(total, what + " total");
  double sum = 0.0;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    check_money(parts[i], what + ", part " + part_name(names, i));
    sum += parts[i];
  }
  if (sum > total * (1.0 + kBreakdownTolerance)) {
    throw InvalidInput(what + ": parts sum to " + format_value(sum) + ", which exceeds the total " +
                       format_value(total) + " by " + format_value(sum - total));
  }
  return std::max(0.0, total - sum);
}

Execution execution(const std::vector<int>& years, const std::vector<double>& planned,
                    const std::vector<double>& spent) {
  if (years.size() != planned.size() || years.size() != spent.size()) {
    throw InvalidInput("execution: years, planned and spent need the same length, got " +
                       std::to_string(years.size()) + ", " + std::to_string(planned.size()) +
                       " and " + std::to_string(spent.size()));
  }
  std::set<int> seen;
  Execution out;
  out.years = years;
  out.planned = planned;
  out.spent = spent;
  const double nan = std::nan("");
  for (std::size_t i = 0; i < years.size(); ++i) {
    if (!seen.insert(years[i]).second) {
      throw InvalidInput("execution: year " + std::to_string(years[i]) + " is given twice");
    }
    check_money(planned[i], "execution, planned amount of " + std::to_string(years[i]));
    check_money(spent[i], "execution, spent amount of " + std::to_string(years[i]));
    out.total_planned += planned[i];
    out.total_spent += spent[i];
    out.rate.push_back(planned[i] > 0.0 ? spent[i] / planned[i] : nan);
    out.cumulative_planned.push_back(out.total_planned);
    out.cumulative_spent.push_back(out.total_spent);
    out.cumulative_rate.push_back(out.total_planned > 0.0 ? out.total_spent / out.total_planned
                                                          : nan);
  }
  out.overall_rate = out.total_planned > 0.0 ? out.total_spent / out.total_planned : nan;
  return out;
}

}  // namespace innozone::budget
