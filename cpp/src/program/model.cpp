// The program model: names of the enumerations, lookups by id.
#include "innozone/program/model.hpp"

#include <map>
#include <string>
#include <vector>

#include "innozone/common/error.hpp"

namespace innozone::program {

const char* to_string(Confidence value) noexcept {
  switch (value) {
    case Confidence::kHigh:
      return "high";
    case Confidence::kMedium:
      return "medium";
    case Confidence::kLow:
      return "low";
  }
  return "low";
}

const char* to_string(Role value) noexcept {
  switch (value) {
    case Role::kBaseline:
      return "baseline";
    case Role::kTarget:
      return "target";
    case Role::kActual:
      return "actual";
    case Role::kDerived:
      return "derived";
    case Role::kProjection:
      return "projection";
  }
  return "actual";
}

const char* to_string(IndicatorKind value) noexcept {
  switch (value) {
    case IndicatorKind::kFlow:
      return "flow";
    case IndicatorKind::kCumulative:
      return "cumulative";
    case IndicatorKind::kStock:
      return "stock";
    case IndicatorKind::kRatio:
      return "ratio";
  }
  return "flow";
}

const char* to_string(Direction value) noexcept {
  return value == Direction::kHigher ? "higher" : "lower";
}

const char* to_string(BudgetRole value) noexcept {
  return value == BudgetRole::kPlan ? "plan" : "actual";
}

const char* to_string(FundingSource value) noexcept {
  switch (value) {
    case FundingSource::kTotal:
      return "total";
    case FundingSource::kNational:
      return "national";
    case FundingSource::kLocal:
      return "local";
    case FundingSource::kPrivate:
      return "private";
    case FundingSource::kOther:
      return "other";
  }
  return "total";
}

const char* to_string(RelationType value) noexcept {
  switch (value) {
    case RelationType::kNone:
      return "none";
    case RelationType::kShare:
      return "share";
    case RelationType::kGrowth:
      return "growth";
    case RelationType::kCagr:
      return "cagr";
    case RelationType::kSum:
      return "sum";
  }
  return "none";
}

Confidence lower(Confidence value) noexcept {
  return value == Confidence::kHigh ? Confidence::kMedium : Confidence::kLow;
}

const std::vector<std::string>& indicator_units() {
  static const std::vector<std::string> units = {
      "cases",    "firms", "persons", "KRW",          "%",
      "products", "ratio", "km2",     "participants", "centres"};
  return units;
}

const std::vector<std::string>& component_tags() {
  static const std::vector<std::string> tags = {"tech-discovery",
                                                "matching",
                                                "start-up",
                                                "commercialisation",
                                                "clinical-support",
                                                "hospital-purchase-conditional-rnd",
                                                "tailored-support",
                                                "promotion",
                                                "export-marketing",
                                                "content-production",
                                                "infrastructure",
                                                "user-outreach",
                                                "other"};
  return tags;
}

std::string Period::label() const {
  if (!is_window) {
    return std::to_string(start);
  }
  return std::to_string(start) + "-" + std::to_string(end);
}

std::string Indicator::display_unit() const {
  if (unit == "KRW") {
    return money_unit_name(money_unit.value_or(MoneyUnit::kWon));
  }
  return unit;
}

const Indicator* Phase::find_indicator(const std::string& indicator_id) const noexcept {
  for (const auto& indicator : indicators) {
    if (indicator.id == indicator_id) {
      return &indicator;
    }
  }
  return nullptr;
}

const Component* Phase::find_component(const std::string& component_id) const noexcept {
  for (const auto& component : components) {
    if (component.id == component_id) {
      return &component;
    }
  }
  return nullptr;
}

namespace {

template <typename Items>
std::string list_ids(const Items& items) {
  std::string out;
  for (const auto& item : items) {
    out += (out.empty() ? "" : ", ") + item.id;
  }
  return out.empty() ? "none" : out;
}

}  // namespace

const Phase* Program::find_phase(const std::string& phase_id) const noexcept {
  for (const auto& phase : phases) {
    if (phase.id == phase_id) {
      return &phase;
    }
  }
  return nullptr;
}

const Phase& Program::phase(const std::string& phase_id) const {
  const Phase* found = find_phase(phase_id);
  if (found == nullptr) {
    throw NotFound("program '" + id + "' has no phase '" + phase_id +
                   "' (phases: " + list_ids(phases) + ")");
  }
  return *found;
}

const Indicator& Program::indicator(const std::string& phase_id,
                                    const std::string& indicator_id) const {
  if (phase_id.empty()) {
    for (const auto& item : indicators) {
      if (item.id == indicator_id) {
        return item;
      }
    }
    throw NotFound("program '" + id + "' has no program-level indicator '" + indicator_id +
                   "' (indicators: " + list_ids(indicators) + ")");
  }
  const Phase& found = phase(phase_id);
  const Indicator* item = found.find_indicator(indicator_id);
  if (item == nullptr) {
    throw NotFound("phase '" + phase_id + "' of program '" + id + "' has no indicator '" +
                   indicator_id + "' (indicators: " + list_ids(found.indicators) + ")");
  }
  return *item;
}

const Indicator* Program::resolve(const Phase* phase_ptr,
                                  const std::string& indicator_id) const noexcept {
  if (phase_ptr != nullptr) {
    if (const Indicator* item = phase_ptr->find_indicator(indicator_id)) {
      return item;
    }
  }
  for (const auto& item : indicators) {
    if (item.id == indicator_id) {
      return &item;
    }
  }
  return nullptr;
}

const Source* Document::find_source(const std::string& source_id) const noexcept {
  for (const auto& source : sources) {
    if (source.id == source_id) {
      return &source;
    }
  }
  return nullptr;
}

const Program* Document::find_program(const std::string& program_id) const noexcept {
  for (const auto& item : programs) {
    if (item.id == program_id) {
      return &item;
    }
  }
  return nullptr;
}

const Program& Document::program(const std::string& program_id) const {
  const Program* found = find_program(program_id);
  if (found == nullptr) {
    throw NotFound("no program '" + program_id +
                   "' in the document (programs: " + list_ids(programs) + ")");
  }
  return *found;
}

void attach_source_dates(Program& program, const std::vector<Source>& sources) {
  std::map<std::string, std::string> dates;
  for (const auto& source : sources) {
    dates[source.id] = source.date;
  }
  auto attach = [&dates](Indicator& indicator) {
    for (auto& observation : indicator.observations) {
      const auto found = dates.find(observation.source);
      observation.source_date = found == dates.end() ? std::string() : found->second;
    }
  };
  for (auto& phase : program.phases) {
    for (auto& indicator : phase.indicators) {
      attach(indicator);
    }
  }
  for (auto& indicator : program.indicators) {
    attach(indicator);
  }
}

void attach_source_dates(Document& document) {
  for (auto& program : document.programs) {
    attach_source_dates(program, document.sources);
  }
}

}  // namespace innozone::program
