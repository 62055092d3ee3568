/// @file checker.hpp
/// @brief The consistency checker: recompute what the figures claim and report the
/// places where the data disagree with themselves.
///
/// Nothing here reads a hand-written flag. A stated number is consistent when it agrees
/// with the recomputed one to within half a unit of its last stated digit (92 -> 0.5,
/// 57.7 -> 0.05); sums allow the half units of every term. Findings of severity
/// "error" are outside that tolerance; "info" findings are stated values that are a
/// rounded form of the recomputed one (kept visible with the exact figure) and
/// relations that cannot be checked because a term has no value, and values superseded by
/// a later observation of the same indicator and span (the observation rule, query.hpp:
/// the later date wins; superseded values take no part in the other checks).
#pragma once

#include <string>
#include <vector>

#include "innozone/program/model.hpp"

namespace innozone::program {

enum class FindingKind {
  kShareMismatch,           ///< share relation: stated % != part / whole
  kGrowthMismatch,          ///< growth relation: stated % != to / from - 1
  kCagrMismatch,            ///< cagr relation: stated % != compound annual growth
  kPartsExceedTotal,        ///< sum relation: parts add up to more than the total
  kSumShortfall,            ///< sum relation: parts add up to less than the total
  kBudgetLinesExceedTotal,  ///< budget lines add up to more than their total
  kFundingShareAbove100,    ///< one funding source above 100 % of the total
  kCumulativeDecrease,      ///< a cumulative value smaller over a longer window
  kYearOutsidePhase,        ///< an observation or budget line outside its phase
  kUnverifiable,            ///< a relation whose terms have no value for the period
  kSuperseded,              ///< a value replaced by a later one for the same span (info)
};

const char* to_string(FindingKind kind) noexcept;

struct Finding {
  FindingKind kind = FindingKind::kShareMismatch;
  std::string severity;  ///< "error", "warning" or "info"
  std::string program;
  std::string phase;       ///< empty: program level
  std::string indicator;   ///< empty for budget findings
  std::vector<int> years;  ///< the years involved, ascending
  double stated = 0.0;     ///< the figure as published
  double computed = 0.0;   ///< what the other figures give
  double mismatch = 0.0;   ///< stated - computed
  double tolerance = 0.0;  ///< half a unit of the last stated digit(s)
  std::string unit;
  std::string message;
};

/// Half a unit of the last significant decimal digit of `value` written in its
/// shortest form: 92 -> 0.5, 57.7 -> 0.05, 163.64 -> 0.005, 1200 -> 0.5.
double half_unit_of_last_digit(double value) noexcept;

/// Every finding of one program (document order).
std::vector<Finding> check(const Program& program);

/// Every finding of every program of a document.
std::vector<Finding> check(const Document& document);

}  // namespace innozone::program
