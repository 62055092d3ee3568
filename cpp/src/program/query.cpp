// Queries over the program model: values, derived annual values, growth, sums, budgets.
#include "innozone/program/query.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "innozone/common/error.hpp"
#include "innozone/program/money.hpp"

namespace innozone::program {

namespace {

int confidence_rank(Confidence value) noexcept {
  return value == Confidence::kHigh ? 0 : (value == Confidence::kMedium ? 1 : 2);
}

bool same_span(const Period& a, const Period& b) noexcept {
  return a.start == b.start && a.end == b.end;
}

std::string describe_periods(const Indicator& indicator) {
  std::string out;
  for (const auto& observation : indicator.observations) {
    out +=
        (out.empty() ? "" : ", ") + observation.period.label() + " " + to_string(observation.role);
  }
  return out.empty() ? "no observations" : "has " + out;
}

bool better(const Observation& a, const Observation& b) noexcept { return preferred(a, b); }

// Up to three integer components of a date (year, month, day); -1 where absent or unreadable.
struct DateParts {
  int parts[3] = {-1, -1, -1};
  int count = 0;
};

DateParts date_parts(const std::string& text) noexcept {
  DateParts out;
  std::size_t pos = 0;
  while (pos < text.size() && out.count < 3) {
    int value = 0;
    std::size_t digits = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9' && digits < 9) {
      value = value * 10 + (text[pos] - '0');
      ++pos;
      ++digits;
    }
    if (digits == 0) {
      break;
    }
    out.parts[out.count++] = value;
    if (pos < text.size() && text[pos] == '-') {
      ++pos;
    } else {
      break;
    }
  }
  return out;
}

int days_in_month(int year, int month) noexcept {
  static const int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) {
    return 30;
  }
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

}  // namespace

int compare_dates(const std::string& a, const std::string& b) noexcept {
  const DateParts x = date_parts(a);
  const DateParts y = date_parts(b);
  const int common = std::min(x.count, y.count);
  for (int i = 0; i < common; ++i) {
    if (x.parts[i] != y.parts[i]) {
      return x.parts[i] < y.parts[i] ? -1 : 1;
    }
  }
  return 0;
}

bool preferred(const Observation& a, const Observation& b) noexcept {
  if (role_rank(a.role) != role_rank(b.role)) {
    return role_rank(a.role) < role_rank(b.role);
  }
  const int order = compare_dates(a.effective_date(), b.effective_date());
  if (order != 0) {
    return order > 0;
  }
  return confidence_rank(a.confidence) < confidence_rank(b.confidence);
}

std::vector<bool> superseded(const Indicator& indicator) {
  // The same scan as observation_at: in file order, a later observation replaces the
  // current choice only when it is preferred over it.
  const auto& items = indicator.observations;
  std::vector<bool> out(items.size(), true);
  std::vector<std::size_t> chosen;
  for (std::size_t i = 0; i < items.size(); ++i) {
    bool placed = false;
    for (auto& index : chosen) {
      if (items[index].role == items[i].role && same_span(items[index].period, items[i].period)) {
        if (preferred(items[i], items[index])) {
          index = i;
        }
        placed = true;
        break;
      }
    }
    if (!placed) {
      chosen.push_back(i);
    }
  }
  for (const std::size_t index : chosen) {
    out[index] = false;
  }
  return out;
}

const char* to_string(CoverageStatus value) noexcept {
  switch (value) {
    case CoverageStatus::kComplete:
      return "complete";
    case CoverageStatus::kPartial:
      return "partial";
    case CoverageStatus::kFuture:
      return "future";
    case CoverageStatus::kUndated:
      return "undated";
    case CoverageStatus::kBeforePeriod:
      return "before-period";
  }
  return "complete";
}

Coverage coverage(const Observation& observation) {
  Coverage out;
  const Period& period = observation.period;
  const double length = static_cast<double>(period.end - period.start + 1);
  out.through = observation.effective_date();
  const DateParts date = date_parts(out.through);
  if (date.count == 0) {
    out.years = length;
    out.status = CoverageStatus::kUndated;
    return out;
  }
  const int year = date.parts[0];
  // The end of the data as years after 1 January of the period's start.
  double reach = static_cast<double>(year - period.start + 1);
  if (date.count >= 2 && date.parts[1] >= 1 && date.parts[1] <= 12) {
    const int month = date.parts[1];
    double months = static_cast<double>(month);
    if (date.count >= 3 && date.parts[2] >= 1) {
      const int days = days_in_month(year, month);
      months = static_cast<double>(month - 1) +
               static_cast<double>(std::min(date.parts[2], days)) / static_cast<double>(days);
    }
    reach = static_cast<double>(year - period.start) + months / 12.0;
  }
  if (reach >= length) {
    out.years = length;
    out.status = CoverageStatus::kComplete;
  } else if (reach <= 0.0) {
    out.years = 0.0;
    out.status = CoverageStatus::kBeforePeriod;
  } else {
    out.years = reach;
    out.status = year >= period.end ? CoverageStatus::kPartial : CoverageStatus::kFuture;
  }
  return out;
}

int role_rank(Role role) noexcept {
  switch (role) {
    case Role::kActual:
      return 0;
    case Role::kDerived:
      return 1;
    case Role::kBaseline:
      return 2;
    case Role::kProjection:
      return 3;
    case Role::kTarget:
      return 4;
  }
  return 5;
}

const Observation& observation_at(const Indicator& indicator, const Period& period,
                                  std::optional<Role> role) {
  const Observation* best = nullptr;
  for (const auto& observation : indicator.observations) {
    if (!same_span(observation.period, period)) {
      continue;
    }
    if (role && observation.role != *role) {
      continue;
    }
    if (best == nullptr || better(observation, *best)) {
      best = &observation;
    }
  }
  if (best == nullptr) {
    throw NotFound("indicator '" + indicator.id + "' has no " +
                   (role ? std::string(to_string(*role)) + " " : std::string()) +
                   "observation for " + period.label() + " (" + describe_periods(indicator) + ")");
  }
  return *best;
}

std::vector<Observation> annual_from_cumulative(const Indicator& indicator, Role role) {
  if (indicator.kind != IndicatorKind::kCumulative) {
    throw InvalidInput("indicator '" + indicator.id + "' is " + to_string(indicator.kind) +
                       ", not cumulative; annual values are derived from cumulative snapshots");
  }
  // One snapshot per window (the best when several sources give one), grouped by start.
  std::map<int, std::map<int, const Observation*>> groups;
  for (const auto& observation : indicator.observations) {
    if (observation.role != role) {
      continue;
    }
    const Observation*& slot = groups[observation.period.start][observation.period.end];
    if (slot == nullptr || better(observation, *slot)) {
      slot = &observation;
    }
  }
  std::vector<Observation> out;
  for (const auto& [start, snapshots] : groups) {
    const Observation* previous = nullptr;
    for (const auto& [end, snapshot] : snapshots) {
      Observation derived;
      derived.role = Role::kDerived;
      derived.source = snapshot->source;
      if (previous == nullptr) {
        derived.value = snapshot->value;
        derived.period = start == end ? Period::year(start) : Period::window(start, end);
        derived.confidence = lower(snapshot->confidence);
        derived.note = "derived from the cumulative snapshot " + snapshot->period.label();
      } else {
        const double difference = snapshot->value - previous->value;
        if (difference < 0.0) {
          throw NumericalError("indicator '" + indicator.id + "': the cumulative value over " +
                               snapshot->period.label() + " (" + format_number(snapshot->value) +
                               ") is smaller than over " + previous->period.label() + " (" +
                               format_number(previous->value) +
                               "); annual values cannot be derived");
        }
        const int first = previous->period.end + 1;
        derived.value = difference;
        derived.period = first == end ? Period::year(end) : Period::window(first, end);
        const Confidence weaker =
            confidence_rank(snapshot->confidence) >= confidence_rank(previous->confidence)
                ? snapshot->confidence
                : previous->confidence;
        derived.confidence = lower(weaker);
        derived.note = "derived: cumulative " + snapshot->period.label() + " minus " +
                       previous->period.label();
      }
      out.push_back(derived);
      previous = snapshot;
    }
  }
  return out;
}

double value_at(const Indicator& indicator, const Period& period, std::optional<Role> role) {
  for (const auto& observation : indicator.observations) {
    if (same_span(observation.period, period) && (!role || observation.role == *role)) {
      return observation_at(indicator, period, role).value;
    }
  }
  if (period.start == period.end && indicator.kind == IndicatorKind::kCumulative) {
    const Role base = role && *role != Role::kDerived ? *role : Role::kActual;
    for (const auto& derived : annual_from_cumulative(indicator, base)) {
      if (same_span(derived.period, period)) {
        return derived.value;
      }
    }
  }
  if (period.end > period.start && indicator.kind == IndicatorKind::kFlow) {
    double total = 0.0;
    std::string missing;
    for (int year = period.start; year <= period.end; ++year) {
      bool found = false;
      for (const auto& observation : indicator.observations) {
        if (same_span(observation.period, Period::year(year)) &&
            (!role || observation.role == *role)) {
          found = true;
          break;
        }
      }
      if (found) {
        total += observation_at(indicator, Period::year(year), role).value;
      } else {
        missing += (missing.empty() ? "" : ", ") + std::to_string(year);
      }
    }
    if (missing.empty()) {
      return total;
    }
    throw NotFound("indicator '" + indicator.id + "' has no value over " + period.label() +
                   ": the yearly values of " + missing + " are missing");
  }
  // Raises NotFound with the description of what exists.
  return observation_at(indicator, period, role).value;
}

Growth growth(const Indicator& indicator, const Period& from, const Period& to,
              std::optional<Role> role) {
  if (to.end <= from.end) {
    throw InvalidInput("growth of '" + indicator.id + "' needs the end period (" + to.label() +
                       ") to end after the start period (" + from.label() + ")");
  }
  Growth out;
  out.from = from;
  out.to = to;
  out.from_value = value_at(indicator, from, role);
  out.to_value = value_at(indicator, to, role);
  out.years = to.end - from.end;
  out.absolute = out.to_value - out.from_value;
  if (!(out.from_value > 0.0)) {
    throw NumericalError("growth of '" + indicator.id + "' from " + from.label() +
                         " is undefined: the start value is " + format_number(out.from_value) +
                         " (must be positive)");
  }
  out.percent = (out.to_value / out.from_value - 1.0) * 100.0;
  out.cagr_percent = (std::pow(out.to_value / out.from_value, 1.0 / out.years) - 1.0) * 100.0;
  return out;
}

Sum sum_indicators(const Program& program, const std::string& phase_id,
                   const std::vector<std::string>& indicator_ids, const Period& period,
                   std::optional<Role> role) {
  const Phase* phase = phase_id.empty() ? nullptr : &program.phase(phase_id);
  Sum out;
  const Indicator* first = nullptr;
  for (const auto& id : indicator_ids) {
    const Indicator* indicator = program.resolve(phase, id);
    if (indicator == nullptr) {
      throw NotFound("program '" + program.id + "'" +
                     (phase ? " phase '" + phase_id + "'" : std::string()) + " has no indicator '" +
                     id + "'");
    }
    if (first == nullptr) {
      first = indicator;
      out.unit = indicator->display_unit();
    } else if (indicator->unit != first->unit) {
      throw InvalidInput("cannot add indicator '" + id + "' (unit " + indicator->unit + ") to '" +
                         first->id + "' (unit " + first->unit + ")");
    }
    const double value =
        value_at(*indicator, period, role) * indicator->value_factor() / first->value_factor();
    const bool in_phase = phase != nullptr && phase->find_indicator(id) == indicator;
    out.parts.push_back(SumPart{program.id, in_phase ? phase_id : std::string(), id, value});
    out.total += value;
  }
  return out;
}

Sum sum_across_programs(const Document& document, const std::string& indicator_id,
                        const Period& period, const std::vector<std::string>& program_ids,
                        std::optional<Role> role) {
  std::vector<const Program*> programs;
  if (program_ids.empty()) {
    for (const auto& program : document.programs) {
      programs.push_back(&program);
    }
  } else {
    for (const auto& id : program_ids) {
      programs.push_back(&document.program(id));
    }
  }
  Sum out;
  const Indicator* first = nullptr;
  for (const Program* program : programs) {
    const Indicator* indicator = nullptr;
    std::string phase_id;
    for (const auto& item : program->indicators) {
      if (item.id == indicator_id) {
        indicator = &item;
      }
    }
    if (indicator == nullptr) {
      for (const auto& phase : program->phases) {
        const Indicator* item = phase.find_indicator(indicator_id);
        if (item != nullptr && period.within(phase.period())) {
          indicator = item;
          phase_id = phase.id;
          break;
        }
      }
    }
    if (indicator == nullptr) {
      out.missing.push_back(program->id + "/" + indicator_id);
      continue;
    }
    if (first == nullptr) {
      first = indicator;
      out.unit = indicator->display_unit();
    } else if (indicator->unit != first->unit) {
      throw InvalidInput("indicator '" + indicator_id + "' has unit " + indicator->unit +
                         " in program '" + program->id + "' but " + first->unit + " elsewhere");
    }
    double value = 0.0;
    try {
      value = value_at(*indicator, period, role);
    } catch (const NotFound&) {
      out.missing.push_back(program->id + "/" + (phase_id.empty() ? "" : phase_id + "/") +
                            indicator_id);
      continue;
    }
    value *= indicator->value_factor() / first->value_factor();
    out.parts.push_back(SumPart{program->id, phase_id, indicator_id, value});
    out.total += value;
  }
  return out;
}

BudgetSummary budget_summary(const Phase& phase, BudgetRole role) {
  BudgetSummary out;
  if (!phase.budget) {
    return out;
  }
  const Budget& budget = *phase.budget;
  // Whole-phase lines of a source; lines by year are not added up (the years found are
  // often incomplete, and their sum would pass for a phase total).
  auto source_total = [&](FundingSource source) -> std::optional<double> {
    double whole = 0.0;
    bool have_whole = false;
    for (const auto& line : budget.lines) {
      if (line.funding_source != source || line.role != role || !line.component.empty() ||
          line.year) {
        continue;
      }
      whole += line.amount.krw();
      have_whole = true;
    }
    if (have_whole) {
      return whole;
    }
    return std::nullopt;
  };
  if (budget.total && budget.total->role == role) {
    out.total_krw = budget.total->amount.krw();
  } else {
    out.total_krw = source_total(FundingSource::kTotal);
  }
  out.national_krw = source_total(FundingSource::kNational).value_or(0.0);
  out.local_krw = source_total(FundingSource::kLocal).value_or(0.0);
  out.private_krw = source_total(FundingSource::kPrivate).value_or(0.0);
  out.other_krw = source_total(FundingSource::kOther).value_or(0.0);
  out.lines_krw = out.national_krw + out.local_krw + out.private_krw + out.other_krw;
  if (out.total_krw) {
    out.unitemised_krw = std::max(0.0, *out.total_krw - out.lines_krw);
  }
  return out;
}

double funding_share(const Phase& phase, FundingSource source, BudgetRole role) {
  if (source == FundingSource::kTotal) {
    throw InvalidInput(
        "the share of 'total' in the total is 1 by definition; ask for "
        "national, local, private or other");
  }
  const BudgetSummary summary = budget_summary(phase, role);
  if (!summary.total_krw || !(*summary.total_krw > 0.0)) {
    throw NotFound("phase '" + phase.id + "' has no positive " + to_string(role) + " budget total");
  }
  bool have_line = false;
  if (phase.budget) {
    for (const auto& line : phase.budget->lines) {
      have_line = have_line || (line.funding_source == source && line.role == role &&
                                line.component.empty() && !line.year);
    }
  }
  if (!have_line) {
    throw NotFound("phase '" + phase.id + "' has no " + to_string(role) + " budget line of " +
                   to_string(source) + " funding");
  }
  double amount = 0.0;
  switch (source) {
    case FundingSource::kNational:
      amount = summary.national_krw;
      break;
    case FundingSource::kLocal:
      amount = summary.local_krw;
      break;
    case FundingSource::kPrivate:
      amount = summary.private_krw;
      break;
    case FundingSource::kOther:
      amount = summary.other_krw;
      break;
    case FundingSource::kTotal:
      break;
  }
  return amount / *summary.total_krw;
}

}  // namespace innozone::program
