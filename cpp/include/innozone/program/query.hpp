/// @file query.hpp
/// @brief Questions a researcher asks of a program: values at a year or over a window,
/// annual values derived from cumulative snapshots, growth, sums and budget shares.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "innozone/program/model.hpp"

namespace innozone::program {

/// Preference among roles when none is asked for: actual, derived, baseline,
/// projection, target.
int role_rank(Role role) noexcept;

/// Order of two dates written YYYY, YYYY-MM or YYYY-MM-DD: -1 when `a` is earlier, +1 when
/// later, 0 when equal, when either is empty, or when one only repeats the start of the
/// other ("2024" and "2024-10": the coarser date cannot be ordered against the finer one).
int compare_dates(const std::string& a, const std::string& b) noexcept;

/// The observation rule: whether `a` is preferred over `b` as the value of the same
/// indicator for the same span (year or window). The role rank decides first (role_rank);
/// within a role the later date wins (Observation::effective_date: the observation's own
/// date, else its source's date), then the higher confidence; remaining ties keep file
/// order (the earlier observation is preferred, so `preferred(a, b)` is false).
bool preferred(const Observation& a, const Observation& b) noexcept;

/// For each observation of `indicator`, whether another observation of the same span and
/// role is preferred over it (it is then "superseded": it stays in the data, but queries,
/// key figures and comparisons use the preferred one).
std::vector<bool> superseded(const Indicator& indicator);

/// How far an observation's data reach into its period.
enum class CoverageStatus {
  kComplete,  ///< the date is at or after the end of the period
  kPartial,   ///< the date falls in the period's last year
  kFuture,    ///< the date falls before the period's last year: the period runs on after it
  kUndated,   ///< neither the observation nor its source has a date (the period is assumed covered)
  kBeforePeriod,  ///< the date precedes the period (nothing of it can be covered)
};

const char* to_string(CoverageStatus value) noexcept;

/// The span of calendar time an observation covers.
struct Coverage {
  double years =
      0.0;  ///< covered years: from 1 January of the start to the date (or the period end)
  CoverageStatus status = CoverageStatus::kComplete;
  std::string through;  ///< the date the data run to (its effective date), "" when undated
};

/// Coverage of an observation's period by its data. The date (Observation::effective_date)
/// marks the end of the data: YYYY-MM-DD that day, YYYY-MM the end of that month, YYYY the
/// end of that year. Years are counted in twelfths (a month is 1/12 year; a day is its
/// share of its month).
Coverage coverage(const Observation& observation);

/// The observation of `indicator` for exactly `period` (a year, or a window), of `role`
/// when given. Throws NotFound naming the indicator, the period and what exists.
const Observation& observation_at(const Indicator& indicator, const Period& period,
                                  std::optional<Role> role = std::nullopt);

/// The value of `indicator` at a year or over a window, in the indicator's unit:
/// an exact observation if there is one; otherwise, for a year of a cumulative
/// indicator, the annual value derived from its snapshots; for a window of a flow
/// indicator, the sum of its yearly values (every year needed). Throws NotFound.
double value_at(const Indicator& indicator, const Period& period,
                std::optional<Role> role = std::nullopt);

/// Annual values from cumulative snapshots. Observations of `role` are grouped by
/// window start (one per window: the preferred one); within a group, sorted by end year, each
/// snapshot minus the previous one is the flow of the years in between (a year, or a window when a
/// snapshot skips years); the first snapshot of a group gives its own window. The results have role
/// `derived`, a confidence one step lower than the lower of the two snapshots, and a
/// note naming the snapshots. Throws InvalidInput when the indicator is not cumulative
/// and NumericalError when a snapshot is smaller than the one before (see check()).
std::vector<Observation> annual_from_cumulative(const Indicator& indicator,
                                                Role role = Role::kActual);

/// Growth between two observations of one indicator.
struct Growth {
  Period from;
  Period to;
  double from_value = 0.0;
  double to_value = 0.0;
  double absolute = 0.0;      ///< to - from, in the indicator's unit
  double percent = 0.0;       ///< (to/from - 1) * 100
  double cagr_percent = 0.0;  ///< ((to/from)^(1/years) - 1) * 100, years = to.end - from.end
  int years = 0;
};

/// Growth of `indicator` between the values at `from` and `to` (value_at rules).
/// Throws InvalidInput when `to` does not end after `from`, NumericalError when the
/// start value is not positive.
Growth growth(const Indicator& indicator, const Period& from, const Period& to,
              std::optional<Role> role = std::nullopt);

/// One term of a sum.
struct SumPart {
  std::string program;
  std::string phase;
  std::string indicator;
  double value = 0.0;  ///< in the sum's unit
};

/// A sum over indicators, with the terms and what could not be found.
struct Sum {
  double total = 0.0;
  std::string unit;  ///< the indicators' unit (money: the first indicator's money unit)
  std::vector<SumPart> parts;
  std::vector<std::string> missing;  ///< "program/phase/indicator" without a value for the period
};

/// Sum of several indicators of one program at one period, e.g. the firms founded by
/// each component. `phase_id` empty: program level (ids resolve in the phase first,
/// then at program level). Units must agree (money is converted). Throws NotFound
/// when an id or a value is missing, InvalidInput when units differ.
Sum sum_indicators(const Program& program, const std::string& phase_id,
                   const std::vector<std::string>& indicator_ids, const Period& period,
                   std::optional<Role> role = std::nullopt);

/// Sum of the indicator `indicator_id` across programs (all when `program_ids` is
/// empty) at `period`: looked up at program level, then in the phase whose period
/// holds `period`. Programs without a value are listed in `missing`, never counted as 0.
Sum sum_across_programs(const Document& document, const std::string& indicator_id,
                        const Period& period, const std::vector<std::string>& program_ids = {},
                        std::optional<Role> role = std::nullopt);

/// Budget figures of a phase, in won.
struct BudgetSummary {
  std::optional<double> total_krw;  ///< the stated total
  double lines_krw = 0.0;           ///< whole-phase lines of all funding sources together
  double national_krw = 0.0;        ///< whole-phase lines by funding source
  double local_krw = 0.0;
  double private_krw = 0.0;
  double other_krw = 0.0;
  double unitemised_krw = 0.0;  ///< total minus the itemised sources (>= 0)
};

/// The stated total (or, without one, the whole-phase `total` lines) and the whole-phase
/// lines of `role` by funding source. Lines by year are not added up: the years found
/// are often incomplete and their sum would pass for a phase total.
BudgetSummary budget_summary(const Phase& phase, BudgetRole role = BudgetRole::kPlan);

/// Share (a fraction: 90억 of 180억 is 0.5) of `source` in the phase total: the
/// whole-phase lines of that funding source over the stated total (or, without one, over
/// the whole-phase `total` lines). Throws NotFound when either is missing.
double funding_share(const Phase& phase, FundingSource source, BudgetRole role = BudgetRole::kPlan);

}  // namespace innozone::program
