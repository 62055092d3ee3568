/// @file model.hpp
/// @brief The program model: documents, sources, programs, phases, budgets, components,
/// indicators and their observations (the program format, schema version 1).
///
/// The types are plain values. A Document is only guaranteed to be consistent (ids
/// unique, references resolved, years ordered) when it came from load_document() or
/// passed validate(); see json_io.hpp.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "innozone/program/money.hpp"

namespace innozone::program {

/// The schema version this library reads and writes.
inline constexpr int kSchemaVersion = 1;

/// A name or label in Korean and/or English (at least one is non-empty).
struct Text {
  std::string ko;
  std::string en;
  [[nodiscard]] bool empty() const noexcept { return ko.empty() && en.empty(); }
  /// English if present, otherwise Korean.
  [[nodiscard]] const std::string& best_en() const noexcept { return en.empty() ? ko : en; }
  /// Korean if present, otherwise English.
  [[nodiscard]] const std::string& best_ko() const noexcept { return ko.empty() ? en : ko; }
};

enum class Confidence { kHigh, kMedium, kLow };
enum class Role { kBaseline, kTarget, kActual, kDerived, kProjection };
enum class IndicatorKind { kFlow, kCumulative, kStock, kRatio };
enum class Direction { kHigher, kLower };
enum class BudgetRole { kPlan, kActual };
enum class FundingSource { kTotal, kNational, kLocal, kPrivate, kOther };
enum class RelationType { kNone, kShare, kGrowth, kCagr, kSum };

const char* to_string(Confidence value) noexcept;
const char* to_string(Role value) noexcept;
const char* to_string(IndicatorKind value) noexcept;
const char* to_string(Direction value) noexcept;
const char* to_string(BudgetRole value) noexcept;
const char* to_string(FundingSource value) noexcept;
const char* to_string(RelationType value) noexcept;

/// The next lower confidence (high -> medium -> low -> low).
Confidence lower(Confidence value) noexcept;

/// The indicator units of the format.
const std::vector<std::string>& indicator_units();
/// The component tags of the format.
const std::vector<std::string>& component_tags();

/// A year (start == end, is_window false) or an inclusive window of years.
struct Period {
  int start = 0;
  int end = 0;
  bool is_window = false;

  static Period year(int y) noexcept { return Period{y, y, false}; }
  static Period window(int first, int last) noexcept { return Period{first, last, true}; }
  /// "2024" or "2020-2024".
  [[nodiscard]] std::string label() const;
  /// This period lies inside `other` (inclusive).
  [[nodiscard]] bool within(const Period& other) const noexcept {
    return start >= other.start && end <= other.end;
  }
  friend bool operator==(const Period& a, const Period& b) noexcept {
    return a.start == b.start && a.end == b.end && a.is_window == b.is_window;
  }
  friend bool operator!=(const Period& a, const Period& b) noexcept { return !(a == b); }
};

/// Where a figure was published.
struct Source {
  std::string id;
  std::string publisher;
  std::string title;
  std::string date;  ///< YYYY, YYYY-MM or YYYY-MM-DD
  std::string url;
  std::string note;
};

/// One figure of an indicator.
struct Observation {
  double value = 0.0;  ///< in the indicator's unit (its money_unit for KRW)
  Period period;
  std::string date;  ///< optional: when the figure was taken (a cut-off finer than the year)
  Role role = Role::kActual;
  std::string source;
  Confidence confidence = Confidence::kHigh;
  std::string note;
  /// The date of the cited source, filled in by the loaders (attach_source_dates); not
  /// part of the file format and never written.
  std::string source_date;

  /// The observation's own `date`, or else its source's date ("" when neither is known).
  [[nodiscard]] const std::string& effective_date() const noexcept {
    return date.empty() ? source_date : date;
  }
};

/// What a ratio indicator claims to be; the checker recomputes it.
struct Relation {
  RelationType type = RelationType::kNone;
  std::string part;                ///< share
  std::string whole;               ///< share
  std::string of;                  ///< growth, cagr
  int from = 0;                    ///< growth, cagr
  int to = 0;                      ///< growth, cagr
  std::vector<std::string> parts;  ///< sum
  std::string total;               ///< sum
};

struct Indicator {
  std::string id;
  Text name;
  std::string unit;                     ///< one of indicator_units()
  std::optional<MoneyUnit> money_unit;  ///< KRW indicators only (absent: 원)
  IndicatorKind kind = IndicatorKind::kFlow;
  Direction direction = Direction::kHigher;
  std::string component;  ///< optional component id of the same phase
  Relation relation;      ///< type kNone when absent
  std::vector<Observation> observations;

  /// Won per unit of the values (1 for non-money indicators).
  [[nodiscard]] double value_factor() const noexcept {
    return unit == "KRW" ? money_unit_factor(money_unit.value_or(MoneyUnit::kWon)) : 1.0;
  }
  /// The unit to show next to a value ("억원" for KRW written in 억원).
  [[nodiscard]] std::string display_unit() const;
};

struct Component {
  std::string id;
  Text name;
  std::string description;
  std::vector<std::string> tags;
  std::string source;  ///< optional
};

/// The total of a budget.
struct BudgetTotal {
  Money amount;
  BudgetRole role = BudgetRole::kPlan;
  std::string source;
  Confidence confidence = Confidence::kHigh;
  std::string note;
};

/// A total known only as a range.
struct BudgetRange {
  Money low;
  Money high;
  std::string source;
  Confidence confidence = Confidence::kLow;
  std::string note;
};

struct BudgetLine {
  Money amount;
  std::optional<int> year;  ///< absent: the whole phase
  FundingSource funding_source = FundingSource::kTotal;
  std::string component;  ///< optional component id
  BudgetRole role = BudgetRole::kPlan;
  std::string source;
  Confidence confidence = Confidence::kHigh;
  std::string note;
};

/// A budget: a total, a range, lines, or any mix (a total alone is allowed).
struct Budget {
  std::optional<BudgetTotal> total;
  std::optional<BudgetRange> total_range;
  std::vector<BudgetLine> lines;
  [[nodiscard]] bool empty() const noexcept { return !total && !total_range && lines.empty(); }
};

struct Phase {
  std::string id;
  Text name;
  int start_year = 0;
  int end_year = 0;
  std::string status;  ///< "", "completed", "running" or "planned"
  std::optional<Budget> budget;
  std::vector<Component> components;
  std::vector<Indicator> indicators;
  std::vector<Text> focus;

  [[nodiscard]] Period period() const noexcept { return Period::window(start_year, end_year); }
  /// nullptr when absent.
  [[nodiscard]] const Indicator* find_indicator(const std::string& indicator_id) const noexcept;
  [[nodiscard]] const Component* find_component(const std::string& component_id) const noexcept;
};

/// A remark kept visible next to the data.
struct Note {
  std::string text;
  std::string source;                    ///< optional
  std::optional<Confidence> confidence;  ///< optional
};

struct Program {
  std::string id;
  Text name;
  std::string kind;
  Text region;
  Text field;
  std::optional<int> designation_year;
  std::string designation_date;
  std::optional<int> batch;
  std::vector<Text> core_institutions;
  std::vector<Text> operators;
  std::string description;
  std::vector<Phase> phases;
  std::vector<Indicator> indicators;  ///< program level, tied to no phase
  std::vector<Note> notes;

  /// nullptr when absent.
  [[nodiscard]] const Phase* find_phase(const std::string& phase_id) const noexcept;
  /// The phase (throws NotFound naming the program and the ids it has).
  [[nodiscard]] const Phase& phase(const std::string& phase_id) const;
  /// An indicator of a phase, or of the program when `phase_id` is empty. Throws NotFound.
  [[nodiscard]] const Indicator& indicator(const std::string& phase_id,
                                           const std::string& indicator_id) const;
  /// Resolve an indicator id as relations do: first in `phase` (may be null), then at
  /// program level. nullptr when absent.
  [[nodiscard]] const Indicator* resolve(const Phase* phase,
                                         const std::string& indicator_id) const noexcept;
};

struct DatasetInfo {
  std::string id;
  Text title;
  std::string description;
  [[nodiscard]] bool empty() const noexcept {
    return id.empty() && title.empty() && description.empty();
  }
};

/// A program file: sources and the programs whose figures point to them.
struct Document {
  int schema_version = kSchemaVersion;
  DatasetInfo dataset;  ///< optional header
  std::vector<Source> sources;
  std::vector<Program> programs;

  [[nodiscard]] const Source* find_source(const std::string& source_id) const noexcept;
  [[nodiscard]] const Program* find_program(const std::string& program_id) const noexcept;
  /// Throws NotFound naming the ids the document has.
  [[nodiscard]] const Program& program(const std::string& program_id) const;
};

/// Fill Observation::source_date of every observation of `program` from `sources`
/// (observations citing an unknown source keep an empty source date).
void attach_source_dates(Program& program, const std::vector<Source>& sources);

/// attach_source_dates for every program of the document, from its own sources.
void attach_source_dates(Document& document);

/// Documents are equal when they serialise to the same JSON (every field compared,
/// numbers exactly).
bool operator==(const Document& a, const Document& b);
inline bool operator!=(const Document& a, const Document& b) { return !(a == b); }
bool operator==(const Program& a, const Program& b);
inline bool operator!=(const Program& a, const Program& b) { return !(a == b); }

}  // namespace innozone::program
