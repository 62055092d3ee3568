// The consistency checker: recomputes what ratio indicators claim, adds up parts and
// budget lines, and walks cumulative series and phase periods.
#include "innozone/program/checker.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "innozone/common/error.hpp"
#include "innozone/program/money.hpp"
#include "innozone/program/query.hpp"

namespace innozone::program {

namespace {

int decimals_of(double value) noexcept {
  for (int d = 0; d <= 12; ++d) {
    const double scale = std::pow(10.0, d);
    if (std::fabs(std::nearbyint(value * scale) / scale - value) <=
        1e-9 * std::max(1.0, std::fabs(value))) {
      return d;
    }
  }
  return 12;
}

std::string fmt(double value, int decimals) { return format_number(value, decimals); }

std::vector<int> years_of(std::initializer_list<Period> periods) {
  std::set<int> years;
  for (const auto& period : periods) {
    years.insert(period.start);
    years.insert(period.end);
  }
  return {years.begin(), years.end()};
}

std::string unit_suffix(const std::string& unit) {
  if (unit == "%") {
    return " %";
  }
  return " " + unit;
}

class Checker {
 public:
  explicit Checker(const Program& program) : program_(program) {}

  std::vector<Finding> run() {
    for (const auto& phase : program_.phases) {
      for (const auto& indicator : phase.indicators) {
        check_indicator(&phase, indicator);
      }
      check_budget(phase);
    }
    for (const auto& indicator : program_.indicators) {
      check_indicator(nullptr, indicator);
    }
    return std::move(findings_);
  }

 private:
  Finding& add(FindingKind kind, const std::string& severity, const Phase* phase,
               const std::string& indicator) {
    Finding finding;
    finding.kind = kind;
    finding.severity = severity;
    finding.program = program_.id;
    finding.phase = phase == nullptr ? std::string() : phase->id;
    finding.indicator = indicator;
    findings_.push_back(finding);
    return findings_.back();
  }

  // The observation of the same span and role that the rule keeps instead of item `i`.
  static const Observation* kept_instead(const Indicator& indicator, const std::vector<bool>& old,
                                         std::size_t i) {
    const auto& items = indicator.observations;
    for (std::size_t j = 0; j < items.size(); ++j) {
      if (!old[j] && items[j].role == items[i].role &&
          items[j].period.start == items[i].period.start &&
          items[j].period.end == items[i].period.end) {
        return &items[j];
      }
    }
    return nullptr;
  }

  // The observations of `indicator` that no later-dated one of the same span and role
  // replaces (values kept only by confidence or file order are still checked).
  static std::vector<const Observation*> current(const Indicator& indicator) {
    const std::vector<bool> old = superseded(indicator);
    std::vector<const Observation*> out;
    for (std::size_t i = 0; i < indicator.observations.size(); ++i) {
      const Observation* kept = old[i] ? kept_instead(indicator, old, i) : nullptr;
      if (kept == nullptr ||
          compare_dates(kept->effective_date(), indicator.observations[i].effective_date()) <= 0) {
        out.push_back(&indicator.observations[i]);
      }
    }
    return out;
  }

  // Info findings for values replaced under the observation rule (when they differ).
  void check_superseded(const Phase* phase, const Indicator& indicator) {
    const auto& items = indicator.observations;
    const std::vector<bool> old = superseded(indicator);
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (!old[i]) {
        continue;
      }
      const Observation* kept = kept_instead(indicator, old, i);
      if (kept == nullptr || kept->value == items[i].value) {
        continue;
      }
      const Observation& lost = items[i];
      Finding& finding = add(FindingKind::kSuperseded, "info", phase, indicator.id);
      finding.years = years_of({lost.period});
      finding.stated = lost.value;
      finding.computed = kept->value;
      finding.mismatch = lost.value - kept->value;
      finding.unit = indicator.display_unit();
      const std::string unit = unit_suffix(finding.unit);
      auto dated = [](const Observation& o) {
        const std::string& date = o.effective_date();
        return o.source + (date.empty() ? std::string() : ", " + date);
      };
      const int order = compare_dates(kept->effective_date(), lost.effective_date());
      finding.message =
          "the " + std::string(to_string(lost.role)) + " value of '" + indicator.id + "' for " +
          lost.period.label() + ": " + fmt(kept->value, -1) + unit + " (" + dated(*kept) +
          ") supersedes " + fmt(lost.value, -1) + unit + " (" + dated(lost) + ")" +
          (order > 0 ? std::string(", the later figure")
                     : std::string(", chosen by confidence or file order (no later date)"));
    }
  }

  // The value of `indicator` at `period`, preferring the role of the stated figure.
  static std::optional<double> term(const Indicator& indicator, const Period& period, Role role) {
    try {
      return value_at(indicator, period, role);
    } catch (const NotFound&) {
    } catch (const NumericalError&) {
    }
    try {
      return value_at(indicator, period, std::nullopt);
    } catch (const NotFound&) {
    } catch (const NumericalError&) {
    }
    return std::nullopt;
  }

  void unverifiable(const Phase* phase, const Indicator& indicator, const Period& period,
                    const std::string& missing) {
    Finding& finding = add(FindingKind::kUnverifiable, "info", phase, indicator.id);
    finding.years = years_of({period});
    finding.stated = std::nan("");
    finding.computed = std::nan("");
    finding.mismatch = std::nan("");
    finding.unit = indicator.display_unit();
    finding.message = std::string("cannot check the ") + to_string(indicator.relation.type) +
                      " relation of '" + indicator.id + "' for " + period.label() + ": " + missing;
  }

  // Compare a stated figure with its recomputed value; records an error finding when it
  // is off by more than half a unit of its last digit, an info finding when it is a
  // rounded form of it.
  void compare(FindingKind kind, const Phase* phase, const Indicator& indicator,
               const Observation& stated, double computed, std::vector<int> years,
               const std::string& what) {
    const double tolerance = half_unit_of_last_digit(stated.value);
    const double mismatch = stated.value - computed;
    const bool outside = std::fabs(mismatch) > tolerance * (1.0 + 1e-12);
    const bool inexact = std::fabs(mismatch) > 1e-9 * std::max(1.0, std::fabs(computed));
    if (!outside && !inexact) {
      return;
    }
    Finding& finding = add(kind, outside ? "error" : "info", phase, indicator.id);
    finding.years = std::move(years);
    finding.stated = stated.value;
    finding.computed = computed;
    finding.mismatch = mismatch;
    finding.tolerance = tolerance;
    finding.unit = indicator.display_unit();
    const int digits = decimals_of(stated.value) + 1;
    const std::string unit = unit_suffix(finding.unit);
    if (outside) {
      finding.message = "'" + indicator.id + "' states " + fmt(stated.value, -1) + unit + " but " +
                        what + " = " + fmt(computed, digits) + unit + ": off by " +
                        fmt(mismatch, digits) +
                        (finding.unit == "%" ? std::string(" percentage points") : unit) +
                        " (tolerance ±" + fmt(tolerance, -1) + ")";
    } else {
      finding.message = "'" + indicator.id + "' states " + fmt(stated.value, -1) + unit +
                        ", a rounded form of " + what + " = " + fmt(computed, digits) + unit +
                        " (difference " + fmt(mismatch, digits) + ", within ±" +
                        fmt(tolerance, -1) + ")";
    }
  }

  void check_indicator(const Phase* phase, const Indicator& indicator) {
    check_superseded(phase, indicator);
    check_relation(phase, indicator);
    if (indicator.kind == IndicatorKind::kCumulative) {
      check_cumulative(phase, indicator);
    }
    if (phase != nullptr) {
      check_years(*phase, indicator);
    }
  }

  void check_relation(const Phase* phase, const Indicator& indicator) {
    const Relation& relation = indicator.relation;
    const double scale = indicator.unit == "%" ? 100.0 : 1.0;
    switch (relation.type) {
      case RelationType::kNone:
        return;
      case RelationType::kShare: {
        const Indicator* part = program_.resolve(phase, relation.part);
        const Indicator* whole = program_.resolve(phase, relation.whole);
        if (part == nullptr || whole == nullptr) {
          return;  // the loader rejects dangling ids; a hand-built program may not
        }
        for (const Observation* item : current(indicator)) {
          const Observation& stated = *item;
          const auto p = term(*part, stated.period, stated.role);
          const auto w = term(*whole, stated.period, stated.role);
          if (!p || !w) {
            unverifiable(phase, indicator, stated.period,
                         std::string("no value of '") + (!p ? part->id : whole->id) + "' for " +
                             stated.period.label());
            continue;
          }
          if (!(*w != 0.0)) {
            unverifiable(phase, indicator, stated.period, "the whole '" + whole->id + "' is 0");
            continue;
          }
          const double pv = *p * part->value_factor();
          const double wv = *w * whole->value_factor();
          compare(FindingKind::kShareMismatch, phase, indicator, stated, pv / wv * scale,
                  years_of({stated.period}),
                  relation.part + " / " + relation.whole + " = " + fmt(*p, -1) + " / " +
                      fmt(*w, -1) + " in " + stated.period.label());
          // A part larger than its whole: a share above 100 %.
          const double tolerance = (half_unit_of_last_digit(*p) * part->value_factor() +
                                    half_unit_of_last_digit(*w) * whole->value_factor());
          if (pv > wv + tolerance) {
            Finding& finding = add(FindingKind::kPartsExceedTotal, "error", phase, indicator.id);
            finding.years = years_of({stated.period});
            finding.stated = *p;
            finding.computed = *w;
            finding.mismatch = *p - *w * whole->value_factor() / part->value_factor();
            finding.tolerance = tolerance / part->value_factor();
            finding.unit = part->display_unit();
            finding.message = "the part '" + part->id + "' (" + fmt(*p, -1) +
                              ") exceeds its whole '" + whole->id + "' (" + fmt(*w, -1) + ") in " +
                              stated.period.label() + ": a share of " + fmt(100.0 * pv / wv, 1) +
                              " %";
          }
        }
        return;
      }
      case RelationType::kGrowth:
      case RelationType::kCagr: {
        const Indicator* of = program_.resolve(phase, relation.of);
        if (of == nullptr) {
          return;
        }
        const Period from = Period::year(relation.from);
        const Period to = Period::year(relation.to);
        for (const Observation* item : current(indicator)) {
          const Observation& stated = *item;
          const auto a = term(*of, from, stated.role);
          const auto b = term(*of, to, stated.role);
          if (!a || !b || !(*a > 0.0)) {
            unverifiable(phase, indicator, Period::window(relation.from, relation.to),
                         "'" + of->id + "' has no positive value for " +
                             (!a || !(*a > 0.0) ? from.label() : to.label()));
            continue;
          }
          const bool cagr = relation.type == RelationType::kCagr;
          const int years = relation.to - relation.from;
          const double computed =
              cagr ? (std::pow(*b / *a, 1.0 / years) - 1.0) * scale : (*b / *a - 1.0) * scale;
          const std::string what =
              std::string(cagr ? "the compound annual growth of " : "the growth of ") + of->id +
              " " + fmt(*a, -1) + " (" + from.label() + ") -> " + fmt(*b, -1) + " (" + to.label() +
              ")";
          compare(cagr ? FindingKind::kCagrMismatch : FindingKind::kGrowthMismatch, phase,
                  indicator, stated, computed, years_of({from, to}), what);
        }
        return;
      }
      case RelationType::kSum:
        check_sum(phase, indicator);
        return;
    }
  }

  void check_sum(const Phase* phase, const Indicator& indicator) {
    const Relation& relation = indicator.relation;
    const Indicator* total = program_.resolve(phase, relation.total);
    if (total == nullptr) {
      return;
    }
    if (total->observations.empty()) {
      Finding& finding = add(FindingKind::kUnverifiable, "info", phase, indicator.id);
      finding.stated = finding.computed = finding.mismatch = std::nan("");
      finding.unit = total->display_unit();
      finding.message = "cannot check the sum relation of '" + indicator.id + "': the total '" +
                        total->id + "' has no observations";
      return;
    }
    std::vector<std::string> no_parts;  // periods where none of the parts has a value
    bool checked = false;
    bool partial = false;  // a period with some parts but not all (reported on its own)
    for (const Observation* item : current(*total)) {
      const Observation& stated = *item;
      double sum = 0.0;
      double tolerance = half_unit_of_last_digit(stated.value);
      std::string missing;
      std::string terms;
      std::size_t found = 0;
      for (const auto& id : relation.parts) {
        const Indicator* part = program_.resolve(phase, id);
        if (part == nullptr) {
          continue;
        }
        const auto value = term(*part, stated.period, stated.role);
        if (!value) {
          missing += (missing.empty() ? "" : ", ") + id;
          continue;
        }
        ++found;
        const double factor = part->value_factor() / total->value_factor();
        sum += *value * factor;
        tolerance += half_unit_of_last_digit(*value) * factor;
        terms += (terms.empty() ? "" : " + ") + fmt(*value * factor, -1);
      }
      if (found == 0) {
        // Nothing to compare for this period: the parts are published for other periods.
        no_parts.push_back(stated.period.label());
        continue;
      }
      if (!missing.empty()) {
        unverifiable(phase, indicator, stated.period,
                     "no value of " + missing + " for " + stated.period.label());
        partial = true;
        continue;
      }
      checked = true;
      const double mismatch = sum - stated.value;
      if (std::fabs(mismatch) <= tolerance * (1.0 + 1e-12)) {
        continue;
      }
      const bool exceed = mismatch > 0.0;
      Finding& finding = add(exceed ? FindingKind::kPartsExceedTotal : FindingKind::kSumShortfall,
                             "error", phase, indicator.id);
      finding.years = years_of({stated.period});
      finding.stated = stated.value;
      finding.computed = sum;
      finding.mismatch = stated.value - sum;
      finding.tolerance = tolerance;
      finding.unit = total->display_unit();
      const std::string unit = unit_suffix(finding.unit);
      finding.message = "the parts of '" + total->id + "' in " + stated.period.label() + " (" +
                        terms + " = " + fmt(sum, -1) + unit + ") " +
                        (exceed ? "exceed" : "fall short of") + " its stated " +
                        fmt(stated.value, -1) + unit + " by " + fmt(std::fabs(mismatch), -1) + unit;
    }
    if (!checked && !partial && !no_parts.empty()) {
      // One finding for the relation, not one per period: no period has a value of every part.
      Finding& finding = add(FindingKind::kUnverifiable, "info", phase, indicator.id);
      finding.stated = finding.computed = finding.mismatch = std::nan("");
      finding.unit = total->display_unit();
      std::string periods;
      for (const auto& label : no_parts) {
        periods += (periods.empty() ? "" : ", ") + label;
      }
      finding.message = "cannot check the sum relation of '" + indicator.id +
                        "': the parts have no "
                        "value for any period of the total '" +
                        total->id + "' (" + periods + ")";
    }
  }

  void check_cumulative(const Phase* phase, const Indicator& indicator) {
    const std::vector<const Observation*> items = current(indicator);
    auto strictly_inside = [](const Period& a, const Period& b) {
      return a.within(b) && !(a.start == b.start && a.end == b.end);
    };
    for (std::size_t i = 0; i < items.size(); ++i) {
      for (std::size_t j = 0; j < items.size(); ++j) {
        const Observation& shorter = *items[i];
        const Observation& longer = *items[j];
        if (shorter.role != longer.role || !strictly_inside(shorter.period, longer.period) ||
            !(longer.value < shorter.value)) {
          continue;
        }
        bool between = false;
        for (std::size_t k = 0; k < items.size() && !between; ++k) {
          between = items[k]->role == shorter.role &&
                    strictly_inside(shorter.period, items[k]->period) &&
                    strictly_inside(items[k]->period, longer.period);
        }
        if (between) {
          continue;
        }
        Finding& finding = add(FindingKind::kCumulativeDecrease, "error", phase, indicator.id);
        finding.years = years_of({shorter.period, longer.period});
        finding.stated = longer.value;
        finding.computed = shorter.value;
        finding.mismatch = longer.value - shorter.value;
        finding.unit = indicator.display_unit();
        const std::string unit = unit_suffix(finding.unit);
        finding.message = "cumulative '" + indicator.id +
                          "' decreases as its window grows: " + fmt(shorter.value, -1) + unit +
                          " over " + shorter.period.label() + " but " + fmt(longer.value, -1) +
                          unit + " over " + longer.period.label();
      }
    }
  }

  void outside(const Phase& phase, const std::string& indicator, const Period& period,
               const std::string& what) {
    Finding& finding = add(FindingKind::kYearOutsidePhase, "warning", &phase, indicator);
    finding.years = years_of({period});
    const bool after = period.end > phase.end_year;
    finding.stated = after ? period.end : period.start;
    finding.computed = after ? phase.end_year : phase.start_year;
    finding.mismatch = finding.stated - finding.computed;
    finding.unit = "years";
    finding.message = what + " " + period.label() + " lies outside phase '" + phase.id + "' (" +
                      phase.period().label() + ")";
  }

  void check_years(const Phase& phase, const Indicator& indicator) {
    for (const auto& observation : indicator.observations) {
      const bool baseline_before =
          observation.role == Role::kBaseline && observation.period.end <= phase.end_year;
      if (!baseline_before && !observation.period.within(phase.period())) {
        outside(phase, indicator.id, observation.period,
                std::string("the ") + to_string(observation.role) + " observation of '" +
                    indicator.id + "' for");
      }
    }
  }

  // Compare the sum of some budget lines with the amount they belong to.
  void budget_exceeds(const Phase& phase, FindingKind kind,
                      const std::vector<const BudgetLine*>& parts, double whole_krw,
                      double whole_half_unit_krw, MoneyUnit unit, const std::vector<int>& years,
                      const std::string& what, const std::string& whole_what) {
    if (parts.empty()) {
      return;
    }
    double sum = 0.0;
    double tolerance = whole_half_unit_krw;
    for (const BudgetLine* line : parts) {
      sum += line->amount.krw();
      tolerance +=
          half_unit_of_last_digit(line->amount.amount()) * money_unit_factor(line->amount.unit());
    }
    if (sum <= whole_krw + tolerance * (1.0 + 1e-12)) {
      return;
    }
    const double factor = money_unit_factor(unit);
    Finding& finding = add(kind, "error", &phase, "");
    finding.years = years;
    finding.stated = sum / factor;
    finding.computed = whole_krw / factor;
    finding.mismatch = (sum - whole_krw) / factor;
    finding.tolerance = tolerance / factor;
    finding.unit = money_unit_name(unit);
    const double share = whole_krw > 0.0 ? 100.0 * sum / whole_krw : std::nan("");
    finding.message = what + " of phase '" + phase.id + "' add up to " + format_money(sum, unit) +
                      ", more than " + whole_what + " " + format_money(whole_krw, unit) +
                      (std::isfinite(share) ? " (" + fmt(share, 1) + " %)" : std::string());
  }

  void check_budget(const Phase& phase) {
    if (!phase.budget) {
      return;
    }
    const Budget& budget = *phase.budget;
    for (const auto& line : budget.lines) {
      if (line.year && (*line.year < phase.start_year || *line.year > phase.end_year)) {
        outside(phase, "", Period::year(*line.year),
                std::string("the ") + to_string(line.funding_source) + " budget line of");
      }
    }
    const std::vector<FundingSource> sources = {FundingSource::kNational, FundingSource::kLocal,
                                                FundingSource::kPrivate, FundingSource::kOther};
    const std::vector<FundingSource> all = {FundingSource::kTotal, FundingSource::kNational,
                                            FundingSource::kLocal, FundingSource::kPrivate,
                                            FundingSource::kOther};
    for (const BudgetRole role : {BudgetRole::kPlan, BudgetRole::kActual}) {
      auto select = [&](std::optional<int> year, std::optional<FundingSource> source,
                        bool with_component) {
        std::vector<const BudgetLine*> out;
        for (const auto& line : budget.lines) {
          if (line.role != role || line.year != year ||
              (source && line.funding_source != *source) ||
              line.component.empty() == with_component) {
            continue;
          }
          out.push_back(&line);
        }
        return out;
      };
      std::set<std::optional<int>> years = {std::nullopt};
      for (const auto& line : budget.lines) {
        if (line.role == role && line.year) {
          years.insert(line.year);
        }
      }
      // The amount a group of lines belongs to: the total lines of the same year (or,
      // for the whole phase, the stated total).
      struct Whole {
        double krw;
        double half_unit_krw;
        MoneyUnit unit;
        std::string what;
      };
      auto whole_of = [&](std::optional<int> year, FundingSource source) -> std::optional<Whole> {
        if (!year && source == FundingSource::kTotal && budget.total &&
            budget.total->role == role) {
          const Money& money = budget.total->amount;
          return Whole{money.krw(),
                       half_unit_of_last_digit(money.amount()) * money_unit_factor(money.unit()),
                       money.unit(), std::string("the stated ") + to_string(role) + " total"};
        }
        const auto lines = select(year, source, false);
        if (lines.empty()) {
          return std::nullopt;
        }
        Whole whole{0.0, 0.0, lines.front()->amount.unit(),
                    std::string("the ") + to_string(source) + " " + to_string(role) + " line"};
        for (const BudgetLine* line : lines) {
          whole.krw += line->amount.krw();
          whole.half_unit_krw += half_unit_of_last_digit(line->amount.amount()) *
                                 money_unit_factor(line->amount.unit());
        }
        return whole;
      };
      for (const auto& year : years) {
        const std::vector<int> label =
            year ? std::vector<int>{*year} : std::vector<int>{phase.start_year, phase.end_year};
        const std::string when = year ? " in " + std::to_string(*year) : std::string();
        const auto total = whole_of(year, FundingSource::kTotal);
        if (total) {
          // One funding source above 100 % of the total.
          for (const FundingSource source : sources) {
            budget_exceeds(
                phase, FindingKind::kFundingShareAbove100, select(year, source, false), total->krw,
                total->half_unit_krw, total->unit, label,
                std::string("the ") + to_string(source) + " " + to_string(role) + " lines" + when,
                total->what + when);
          }
          // All funding sources together above the total (two or more sources).
          std::vector<const BudgetLine*> itemised;
          std::set<FundingSource> seen;
          for (const FundingSource source : sources) {
            for (const BudgetLine* line : select(year, source, false)) {
              itemised.push_back(line);
              seen.insert(source);
            }
          }
          if (seen.size() >= 2) {
            budget_exceeds(
                phase, FindingKind::kBudgetLinesExceedTotal, itemised, total->krw,
                total->half_unit_krw, total->unit, label,
                "the " + std::string(to_string(role)) + " lines by funding source" + when,
                total->what + when);
          }
        }
        // Component lines above the amount of their funding source.
        for (const FundingSource source : all) {
          const auto whole = whole_of(year, source);
          if (whole) {
            budget_exceeds(phase, FindingKind::kBudgetLinesExceedTotal, select(year, source, true),
                           whole->krw, whole->half_unit_krw, whole->unit, label,
                           std::string("the ") + to_string(source) + " " + to_string(role) +
                               " lines by component" + when,
                           whole->what + when);
          }
        }
      }
      // Yearly lines above the whole-phase amount of their funding source.
      for (const FundingSource source : all) {
        const auto whole = whole_of(std::nullopt, source);
        if (!whole) {
          continue;
        }
        std::vector<const BudgetLine*> yearly;
        for (const auto& year : years) {
          if (year) {
            for (const BudgetLine* line : select(year, source, false)) {
              yearly.push_back(line);
            }
          }
        }
        budget_exceeds(
            phase, FindingKind::kBudgetLinesExceedTotal, yearly, whole->krw, whole->half_unit_krw,
            whole->unit, {phase.start_year, phase.end_year},
            std::string("the yearly ") + to_string(source) + " " + to_string(role) + " lines",
            whole->what);
      }
    }
  }

  const Program& program_;
  std::vector<Finding> findings_;
};

}  // namespace

const char* to_string(FindingKind kind) noexcept {
  switch (kind) {
    case FindingKind::kShareMismatch:
      return "share_mismatch";
    case FindingKind::kGrowthMismatch:
      return "growth_mismatch";
    case FindingKind::kCagrMismatch:
      return "cagr_mismatch";
    case FindingKind::kPartsExceedTotal:
      return "parts_exceed_total";
    case FindingKind::kSumShortfall:
      return "sum_shortfall";
    case FindingKind::kBudgetLinesExceedTotal:
      return "budget_lines_exceed_total";
    case FindingKind::kFundingShareAbove100:
      return "funding_share_above_100";
    case FindingKind::kCumulativeDecrease:
      return "cumulative_decrease";
    case FindingKind::kYearOutsidePhase:
      return "year_outside_phase";
    case FindingKind::kUnverifiable:
      return "unverifiable";
    case FindingKind::kSuperseded:
      return "superseded";
  }
  return "unknown";
}

double half_unit_of_last_digit(double value) noexcept {
  return 0.5 * std::pow(10.0, -decimals_of(value));
}

std::vector<Finding> check(const Program& program) { return Checker(program).run(); }

std::vector<Finding> check(const Document& document) {
  std::vector<Finding> out;
  for (const auto& program : document.programs) {
    auto findings = check(program);
    out.insert(out.end(), findings.begin(), findings.end());
  }
  return out;
}

}  // namespace innozone::program
