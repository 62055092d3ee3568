// Reading, validating and writing program files (the program format, schema version 1).
//
// The text is parsed by a SAX handler that knows the JSON Pointer of every value, so
// syntax errors, bad UTF-8, duplicate keys, non-finite numbers and excessive nesting
// are reported at their place; the tree is then read field by field, each reader
// naming the path, what it expected and what it found.
#include "innozone/program/json_io.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#if defined(__unix__) || defined(__APPLE__)
#include <unistd.h>
#define INNOZONE_HAVE_FSYNC 1
#endif

#include "innozone/common/error.hpp"

namespace innozone::program {

namespace {

using json = nlohmann::json;
using ojson = nlohmann::ordered_json;

constexpr int kMinYear = 1900;
constexpr int kMaxYear = 2200;

std::string escape_pointer(const std::string& key) {
  std::string out;
  for (const char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string join(const std::string& path, const std::string& key) {
  return path + "/" + escape_pointer(key);
}

std::string join(const std::string& path, std::size_t index) {
  return path + "/" + std::to_string(index);
}

// At most `limit` bytes of a UTF-8 string, cut at a character boundary.
std::string clip(const std::string& text, std::size_t limit = 60) {
  if (text.size() <= limit) {
    return text;
  }
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) {
    --cut;
  }
  return text.substr(0, cut) + "...";
}

// A parser token as printable ASCII (bytes outside 0x20-0x7E as \xNN): the token of a
// syntax error may hold broken UTF-8, which must not reach an error message.
std::string printable(const std::string& token, std::size_t limit = 20) {
  static const char* const kHex = "0123456789abcdef";
  std::string out;
  for (const char c : token) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte < 0x7F) {
      out.push_back(c);
    } else {
      out += "\\x";
      out.push_back(kHex[byte >> 4U]);
      out.push_back(kHex[byte & 0xFU]);
    }
    if (out.size() >= limit) {
      out += "...";
      break;
    }
  }
  return out;
}

std::string describe(const json& value) {
  switch (value.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::boolean:
      return value.get<bool>() ? "true" : "false";
    case json::value_t::string:
      return "\"" + clip(value.get_ref<const std::string&>()) + "\"";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float:
      return value.dump();
    case json::value_t::object:
      return "an object";
    case json::value_t::array:
      return "an array";
    default:
      return "a value of another kind";
  }
}

template <typename Items>
std::string join_names(const Items& items) {
  std::string out;
  for (const auto& item : items) {
    out += (out.empty() ? "" : ", ") + std::string(item);
  }
  return out;
}

[[noreturn]] void fail(const std::string& path, const std::string& expected, const json& found) {
  throw SchemaError(path, "expected " + expected + ", found " + describe(found));
}

[[noreturn]] void fail_text(const std::string& path, const std::string& message) {
  throw SchemaError(path, message);
}

// ---------------------------------------------------------------------------
// SAX parsing with paths, depth limit and duplicate-key detection.

// "line 3, column 14" of the byte at `position` (nlohmann's count of bytes read, so the
// offending byte is the one before it); columns count characters, not bytes.
std::string line_column(const std::string& text, std::size_t position) {
  const std::size_t at = std::min(position > 0 ? position - 1 : 0, text.size());
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t i = 0; i < at; ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == '\n') {
      ++line;
      column = 1;
    } else if ((byte & 0xC0U) != 0x80U) {  // not a UTF-8 continuation byte
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

class PathBuilder final : public nlohmann::json_sax<json> {
 public:
  explicit PathBuilder(const std::string& text) : text_(text) {}
  bool null() override { return add(json(nullptr)); }
  bool boolean(bool value) override { return add(json(value)); }
  bool number_integer(number_integer_t value) override { return add(json(value)); }
  bool number_unsigned(number_unsigned_t value) override { return add(json(value)); }
  bool number_float(number_float_t value, const string_t& text) override {
    if (!std::isfinite(value)) {
      return record(value_path(), "expected a finite number, found " + clip(text) +
                                      " (outside the range of a double)");
    }
    return add(json(value));
  }
  bool string(string_t& value) override { return add(json(std::move(value))); }
  bool binary(binary_t& /*value*/) override {
    return record(value_path(), "expected JSON text, found binary data");
  }
  bool start_object(std::size_t /*elements*/) override { return open(json::object()); }
  bool key(string_t& value) override {
    Frame& frame = stack_.back();
    if (frame.node->contains(value)) {
      return record(join(frame.path, value), "expected each key once per object, found the key \"" +
                                                 clip(value) + "\" twice");
    }
    frame.key = value;
    return true;
  }
  bool end_object() override { return close(); }
  bool start_array(std::size_t /*elements*/) override { return open(json::array()); }
  bool end_array() override { return close(); }
  bool parse_error(std::size_t position, const std::string& last_token,
                   const nlohmann::detail::exception& error) override {
    std::string detail = error.what();
    const std::string marker = ": ";
    // "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error ..."
    const std::size_t at = detail.find("column");
    if (at != std::string::npos) {
      const std::size_t colon = detail.find(marker, at);
      if (colon != std::string::npos) {
        detail = detail.substr(colon + marker.size());
      }
    }
    if (detail.find("number overflow") != std::string::npos) {
      return record(value_path(), "expected a finite number, found " + printable(last_token, 40) +
                                      " (outside the range of a double)");
    }
    if (detail.find("UTF-8") != std::string::npos || detail.find("UTF8") != std::string::npos) {
      return record(value_path(),
                    "expected UTF-8 text, found an ill-formed UTF-8 byte sequence "
                    "at " +
                        line_column(text_, position) + " (byte " + std::to_string(position) + ")");
    }
    return record(value_path(), "expected valid JSON, found a syntax error at " +
                                    line_column(text_, position) + " near '" +
                                    printable(last_token) + "': " + printable(detail, 200));
  }

  json take() { return std::move(root_); }
  [[nodiscard]] bool failed() const { return failed_; }
  [[nodiscard]] const std::string& error_path() const { return error_path_; }
  [[nodiscard]] const std::string& error_message() const { return error_message_; }

 private:
  struct Frame {
    json* node;
    std::string path;
    std::size_t index;
    std::string key;
  };

  std::string value_path() const {
    if (stack_.empty()) {
      return "";
    }
    const Frame& frame = stack_.back();
    if (frame.node->is_array()) {
      return join(frame.path, frame.index);
    }
    return join(frame.path, frame.key);
  }

  json* add(json value) {
    if (stack_.empty()) {
      root_ = std::move(value);
      return &root_;
    }
    Frame& frame = stack_.back();
    if (frame.node->is_array()) {
      frame.node->push_back(std::move(value));
      ++frame.index;
      return &frame.node->back();
    }
    json& slot = (*frame.node)[frame.key];
    slot = std::move(value);
    return &slot;
  }

  bool open(json container) {
    if (stack_.size() + 1 > static_cast<std::size_t>(kMaxDepth)) {
      return record(value_path(), "expected at most " + std::to_string(kMaxDepth) +
                                      " nested arrays and objects, found deeper nesting");
    }
    const std::string path = value_path();
    json* node = add(std::move(container));
    stack_.push_back(Frame{node, path, 0, {}});
    return true;
  }

  bool close() {
    stack_.pop_back();
    return true;
  }

  bool record(const std::string& path, const std::string& message) {
    if (!failed_) {
      failed_ = true;
      error_path_ = path;
      error_message_ = message;
    }
    return false;
  }

  const std::string& text_;
  json root_;
  std::vector<Frame> stack_;
  bool failed_ = false;
  std::string error_path_;
  std::string error_message_;
};

json parse_text(const std::string& text) {
  PathBuilder builder(text);
  bool ok = false;
  try {
    ok = json::sax_parse(text, &builder, json::input_format_t::json, true, false);
  } catch (const json::exception& error) {
    throw SchemaError(
        "", std::string("expected valid JSON, found an unreadable document: ") + error.what());
  }
  if (builder.failed()) {
    throw SchemaError(builder.error_path(), builder.error_message());
  }
  if (!ok) {
    throw SchemaError("", "expected valid JSON, found text the parser rejected");
  }
  return builder.take();
}

// ---------------------------------------------------------------------------
// Field readers.

void require_object(const json& node, const std::string& path, const std::string& what) {
  if (!node.is_object()) {
    fail(path, "an object for " + what, node);
  }
}

void check_keys(const json& node, const std::string& path,
                std::initializer_list<const char*> allowed) {
  for (const auto& item : node.items()) {
    const bool known = std::any_of(allowed.begin(), allowed.end(),
                                   [&](const char* name) { return item.key() == name; });
    if (!known) {
      throw SchemaError(join(path, item.key()),
                        "expected one of the fields " + join_names(allowed) +
                            ", found the unknown field \"" + clip(item.key()) + "\"");
    }
  }
}

const json* find(const json& node, const char* key) {
  const auto it = node.find(key);
  return it == node.end() ? nullptr : &*it;
}

const json& need(const json& node, const std::string& path, const char* key,
                 const std::string& what) {
  const json* value = find(node, key);
  if (value == nullptr) {
    throw SchemaError(join(path, key), "expected the required field " + std::string(key) + " (" +
                                           what + "), found it missing");
  }
  return *value;
}

std::string read_string(const json& value, const std::string& path, const char* name,
                        bool non_empty = false) {
  if (!value.is_string()) {
    fail(path, "a string for " + std::string(name), value);
  }
  const auto& text = value.get_ref<const std::string&>();
  if (non_empty && text.empty()) {
    fail(path, "a non-empty string for " + std::string(name), value);
  }
  return text;
}

// An id: non-empty, without whitespace (the JSON Schema's `^\S+$`).
std::string read_id(const json& value, const std::string& path) {
  const std::string id = read_string(value, path, "id", true);
  if (id.find_first_of(" \t\n\r\f\v") != std::string::npos) {
    fail(path, "an id without spaces", value);
  }
  return id;
}

std::string opt_string(const json& node, const std::string& path, const char* key) {
  const json* value = find(node, key);
  return value == nullptr ? std::string() : read_string(*value, join(path, key), key);
}

long long read_integer(const json& value, const std::string& path, const char* name) {
  if (value.is_number_integer() && !value.is_number_unsigned()) {
    return value.get<long long>();
  }
  if (value.is_number_unsigned()) {
    const auto big = value.get<unsigned long long>();
    if (big > static_cast<unsigned long long>(std::numeric_limits<long long>::max())) {
      fail(path, "an integer for " + std::string(name) + " of a sensible size", value);
    }
    return static_cast<long long>(big);
  }
  fail(path, "an integer for " + std::string(name), value);
}

int read_year(const json& value, const std::string& path, const char* name) {
  const long long year = read_integer(value, path, name);
  if (year < kMinYear || year > kMaxYear) {
    fail(path,
         "a year between " + std::to_string(kMinYear) + " and " + std::to_string(kMaxYear) +
             " for " + name,
         value);
  }
  return static_cast<int>(year);
}

double read_number(const json& value, const std::string& path, const char* name) {
  if (!value.is_number()) {
    fail(path, "a number for " + std::string(name), value);
  }
  const double number = value.get<double>();
  if (!std::isfinite(number)) {
    fail(path, "a finite number for " + std::string(name), value);
  }
  return number;
}

template <typename Enum>
Enum read_enum(const json& value, const std::string& path, const char* name,
               const std::vector<std::pair<const char*, Enum>>& options) {
  std::vector<const char*> names;
  for (const auto& option : options) {
    names.push_back(option.first);
  }
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    for (const auto& option : options) {
      if (text == option.first) {
        return option.second;
      }
    }
  }
  fail(path, std::string("one of ") + join_names(names) + " for " + name, value);
}

const std::vector<std::pair<const char*, Confidence>> kConfidences = {
    {"high", Confidence::kHigh}, {"medium", Confidence::kMedium}, {"low", Confidence::kLow}};
const std::vector<std::pair<const char*, Role>> kRoles = {{"baseline", Role::kBaseline},
                                                          {"target", Role::kTarget},
                                                          {"actual", Role::kActual},
                                                          {"derived", Role::kDerived},
                                                          {"projection", Role::kProjection}};
const std::vector<std::pair<const char*, IndicatorKind>> kKinds = {
    {"flow", IndicatorKind::kFlow},
    {"cumulative", IndicatorKind::kCumulative},
    {"stock", IndicatorKind::kStock},
    {"ratio", IndicatorKind::kRatio}};
const std::vector<std::pair<const char*, Direction>> kDirections = {{"higher", Direction::kHigher},
                                                                    {"lower", Direction::kLower}};
const std::vector<std::pair<const char*, BudgetRole>> kBudgetRoles = {
    {"plan", BudgetRole::kPlan}, {"actual", BudgetRole::kActual}};
const std::vector<std::pair<const char*, FundingSource>> kFundingSources = {
    {"national", FundingSource::kNational},
    {"local", FundingSource::kLocal},
    {"private", FundingSource::kPrivate},
    {"other", FundingSource::kOther},
    {"total", FundingSource::kTotal}};
const std::vector<std::pair<const char*, MoneyUnit>> kMoneyUnits = {
    {"원", MoneyUnit::kWon},      {"KRW", MoneyUnit::kWon},
    {"만원", MoneyUnit::kManwon}, {"백만원", MoneyUnit::kBaekmanwon},
    {"억원", MoneyUnit::kEokwon}, {"조원", MoneyUnit::kJowon}};
const std::vector<std::pair<const char*, RelationType>> kRelationTypes = {
    {"share", RelationType::kShare},
    {"growth", RelationType::kGrowth},
    {"cagr", RelationType::kCagr},
    {"sum", RelationType::kSum}};

bool valid_partial_date(const std::string& text) {
  // YYYY, YYYY-MM or YYYY-MM-DD with a real month and day.
  auto digits = [&](std::size_t from, std::size_t count) {
    if (text.size() < from + count) {
      return false;
    }
    return std::all_of(text.begin() + static_cast<std::ptrdiff_t>(from),
                       text.begin() + static_cast<std::ptrdiff_t>(from + count),
                       [](char c) { return c >= '0' && c <= '9'; });
  };
  if (text.size() != 4 && text.size() != 7 && text.size() != 10) {
    return false;
  }
  if (!digits(0, 4)) {
    return false;
  }
  if (text.size() >= 7) {
    if (text[4] != '-' || !digits(5, 2)) {
      return false;
    }
    const int month = std::stoi(text.substr(5, 2));
    if (month < 1 || month > 12) {
      return false;
    }
    if (text.size() == 10) {
      if (text[7] != '-' || !digits(8, 2)) {
        return false;
      }
      const int year = std::stoi(text.substr(0, 4));
      const int day = std::stoi(text.substr(8, 2));
      static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
      const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
      const int days = (month == 2 && !leap) ? 28 : kDays[month - 1];
      if (day < 1 || day > days) {
        return false;
      }
    }
  }
  return true;
}

std::string read_date(const json& value, const std::string& path, const char* name) {
  const std::string text = read_string(value, path, name);
  if (!valid_partial_date(text)) {
    fail(path, "a date YYYY, YYYY-MM or YYYY-MM-DD for " + std::string(name), value);
  }
  return text;
}

bool valid_program_id(const std::string& id) {
  if (id.empty()) {
    return false;
  }
  auto lower_or_digit = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!lower_or_digit(id[0])) {
    return false;
  }
  return std::all_of(id.begin(), id.end(),
                     [&](char c) { return lower_or_digit(c) || c == '_' || c == '.' || c == '-'; });
}

// Keeps track of the ids seen in one scope, and where.
class IdScope {
 public:
  explicit IdScope(std::string what) : what_(std::move(what)) {}
  void add(const std::string& id, const std::string& path) {
    const auto [it, inserted] = seen_.emplace(id, path);
    if (!inserted) {
      throw SchemaError(path, "expected a unique " + what_ + " id, found \"" + clip(id) +
                                  "\" again (first at " + it->second + ")");
    }
  }

 private:
  std::string what_;
  std::map<std::string, std::string> seen_;
};

class Reader {
 public:
  explicit Reader(std::set<std::string> source_ids) : source_ids_(std::move(source_ids)) {}

  Text text(const json& value, const std::string& path, const char* name) const {
    require_object(value, path, std::string(name) + " ({\"ko\": ..., \"en\": ...})");
    check_keys(value, path, {"ko", "en"});
    Text out;
    if (const json* ko = find(value, "ko")) {
      out.ko = read_string(*ko, join(path, "ko"), "ko", true);
    }
    if (const json* en = find(value, "en")) {
      out.en = read_string(*en, join(path, "en"), "en", true);
    }
    if (out.empty()) {
      fail(path, "at least one non-empty name in ko or en for " + std::string(name), value);
    }
    return out;
  }

  std::vector<Text> texts(const json& node, const std::string& path, const char* key) const {
    std::vector<Text> out;
    const json* value = find(node, key);
    if (value == nullptr) {
      return out;
    }
    const std::string here = join(path, key);
    if (!value->is_array()) {
      fail(here, "an array of names for " + std::string(key), *value);
    }
    for (std::size_t i = 0; i < value->size(); ++i) {
      out.push_back(text((*value)[i], join(here, i), key));
    }
    return out;
  }

  std::string source_ref(const json& value, const std::string& path) const {
    const std::string id = read_string(value, path, "source", true);
    if (source_ids_.count(id) == 0) {
      fail(path, "the id of a source listed in /sources", value);
    }
    return id;
  }

  Confidence confidence(const json& node, const std::string& path) const {
    return read_enum(need(node, path, "confidence", "high, medium or low"),
                     join(path, "confidence"), "confidence", kConfidences);
  }

  Money money(const json& node, const std::string& path) const {
    const double amount =
        read_number(need(node, path, "amount", "a number"), join(path, "amount"), "amount");
    const MoneyUnit unit = read_enum(need(node, path, "unit", "a money unit"), join(path, "unit"),
                                     "a money unit", kMoneyUnits);
    if (amount < 0.0) {
      fail(join(path, "amount"), "a non-negative amount of money", node.at("amount"));
    }
    if (!std::isfinite(amount * money_unit_factor(unit))) {
      fail(join(path, "amount"), "an amount whose value in won (KRW) is finite", node.at("amount"));
    }
    return Money(amount, unit);
  }

  Source source(const json& node, const std::string& path) const {
    require_object(node, path, "a source");
    check_keys(node, path, {"id", "publisher", "title", "date", "url", "note"});
    Source out;
    out.id = read_id(need(node, path, "id", "a string"), join(path, "id"));
    out.publisher = read_string(need(node, path, "publisher", "a string"), join(path, "publisher"),
                                "publisher", true);
    out.title =
        read_string(need(node, path, "title", "a string"), join(path, "title"), "title", true);
    out.date = read_date(need(node, path, "date", "a date"), join(path, "date"), "date");
    out.url = opt_string(node, path, "url");
    out.note = opt_string(node, path, "note");
    return out;
  }

  Observation observation(const json& node, const std::string& path, const Indicator& owner) const {
    require_object(node, path, "an observation");
    check_keys(node, path,
               {"value", "year", "window", "date", "role", "source", "confidence", "note"});
    Observation out;
    const json& value = need(node, path, "value", "a number");
    out.value = read_number(value, join(path, "value"), "value");
    static const std::set<std::string> non_negative = {
        "cases", "firms", "persons", "KRW", "products", "km2", "participants", "centres"};
    if (out.value < 0.0 && non_negative.count(owner.unit) > 0) {
      fail(join(path, "value"),
           "a non-negative value for unit " + owner.unit +
               (owner.unit == "KRW" ? " (money cannot be negative)" : ""),
           value);
    }
    if (owner.unit == "KRW" && owner.money_unit &&
        !std::isfinite(out.value * money_unit_factor(*owner.money_unit))) {
      fail(join(path, "value"), "a value whose amount in won (KRW) is finite", value);
    }
    const json* year = find(node, "year");
    const json* window = find(node, "window");
    if (year != nullptr && window != nullptr) {
      fail_text(join(path, "window"), "expected either year or window, found both");
    }
    if (year == nullptr && window == nullptr) {
      fail_text(join(path, "year"), "expected the required field year or window, found neither");
    }
    if (year != nullptr) {
      out.period = Period::year(read_year(*year, join(path, "year"), "year"));
      if (owner.kind == IndicatorKind::kCumulative) {
        fail(join(path, "year"), "a window [start, end] for a cumulative indicator, not a year",
             *year);
      }
    } else {
      const std::string here = join(path, "window");
      if (!window->is_array() || window->size() != 2) {
        fail(here, "a window [start, end] of two years", *window);
      }
      const int first = read_year((*window)[0], join(here, 0), "the window start");
      const int last = read_year((*window)[1], join(here, 1), "the window end");
      if (last < first) {
        fail(join(here, 1), "a window end year >= its start " + std::to_string(first),
             (*window)[1]);
      }
      out.period = Period::window(first, last);
      if (owner.kind == IndicatorKind::kFlow || owner.kind == IndicatorKind::kStock) {
        fail(here,
             std::string("a year for a ") + to_string(owner.kind) + " indicator, not a window",
             *window);
      }
    }
    if (const json* date = find(node, "date")) {
      out.date = read_date(*date, join(path, "date"), "date");
    }
    out.role =
        read_enum(need(node, path, "role", "baseline, target, actual, derived or projection"),
                  join(path, "role"), "role", kRoles);
    out.source = source_ref(need(node, path, "source", "a source id"), join(path, "source"));
    out.confidence = confidence(node, path);
    out.note = opt_string(node, path, "note");
    return out;
  }

  Relation relation(const json& node, const std::string& path) const {
    require_object(node, path, "a relation");
    Relation out;
    out.type = read_enum(need(node, path, "type", "share, growth, cagr or sum"), join(path, "type"),
                         "the relation type", kRelationTypes);
    auto id = [&](const char* key) {
      return read_string(need(node, path, key, "an indicator id"), join(path, key), key, true);
    };
    switch (out.type) {
      case RelationType::kShare:
        check_keys(node, path, {"type", "part", "whole"});
        out.part = id("part");
        out.whole = id("whole");
        break;
      case RelationType::kGrowth:
      case RelationType::kCagr: {
        check_keys(node, path, {"type", "of", "from", "to"});
        out.of = id("of");
        out.from = read_year(need(node, path, "from", "a year"), join(path, "from"), "from");
        const json& to = need(node, path, "to", "a year");
        out.to = read_year(to, join(path, "to"), "to");
        if (out.to <= out.from) {
          fail(join(path, "to"), "a year after from (" + std::to_string(out.from) + ")", to);
        }
        break;
      }
      case RelationType::kSum: {
        check_keys(node, path, {"type", "parts", "total"});
        const json& parts = need(node, path, "parts", "an array of indicator ids");
        const std::string here = join(path, "parts");
        if (!parts.is_array() || parts.empty()) {
          fail(here, "a non-empty array of indicator ids", parts);
        }
        for (std::size_t i = 0; i < parts.size(); ++i) {
          out.parts.push_back(read_string(parts[i], join(here, i), "a part", true));
        }
        out.total = id("total");
        break;
      }
      case RelationType::kNone:
        break;
    }
    return out;
  }

  Indicator indicator(const json& node, const std::string& path, const Phase* phase) const {
    require_object(node, path, "an indicator");
    check_keys(node, path,
               {"id", "name", "unit", "money_unit", "kind", "direction", "component", "relation",
                "observations"});
    Indicator out;
    out.id = read_id(need(node, path, "id", "a string"), join(path, "id"));
    out.name = text(need(node, path, "name", "a name"), join(path, "name"), "name");
    const json& unit = need(node, path, "unit", "a unit");
    out.unit = read_string(unit, join(path, "unit"), "unit");
    const auto& units = indicator_units();
    if (std::find(units.begin(), units.end(), out.unit) == units.end()) {
      fail(join(path, "unit"), "a unit (" + join_names(units) + ")", unit);
    }
    if (const json* money_unit = find(node, "money_unit")) {
      if (out.unit != "KRW") {
        fail(join(path, "money_unit"), "no money_unit on an indicator whose unit is not KRW",
             *money_unit);
      }
      out.money_unit = read_enum(*money_unit, join(path, "money_unit"), "money_unit", kMoneyUnits);
    }
    out.kind = read_enum(need(node, path, "kind", "flow, cumulative, stock or ratio"),
                         join(path, "kind"), "kind", kKinds);
    if (const json* direction = find(node, "direction")) {
      out.direction = read_enum(*direction, join(path, "direction"), "direction", kDirections);
    }
    if (const json* component = find(node, "component")) {
      const std::string here = join(path, "component");
      out.component = read_string(*component, here, "component", true);
      if (phase == nullptr) {
        fail(here, "no component on a program-level indicator", *component);
      }
      if (phase->find_component(out.component) == nullptr) {
        fail(here, "the id of a component of phase '" + phase->id + "'", *component);
      }
    }
    if (const json* relation_node = find(node, "relation")) {
      if (out.kind != IndicatorKind::kRatio) {
        fail(join(path, "kind"), "kind ratio for an indicator with a relation", node.at("kind"));
      }
      out.relation = relation(*relation_node, join(path, "relation"));
    }
    const json& observations = need(node, path, "observations", "an array, may be empty");
    const std::string here = join(path, "observations");
    if (!observations.is_array()) {
      fail(here, "an array of observations", observations);
    }
    for (std::size_t i = 0; i < observations.size(); ++i) {
      out.observations.push_back(observation(observations[i], join(here, i), out));
    }
    return out;
  }

  Component component(const json& node, const std::string& path) const {
    require_object(node, path, "a component");
    check_keys(node, path, {"id", "name", "description", "tags", "source"});
    Component out;
    out.id = read_id(need(node, path, "id", "a string"), join(path, "id"));
    out.name = text(need(node, path, "name", "a name"), join(path, "name"), "name");
    out.description = opt_string(node, path, "description");
    if (const json* tags = find(node, "tags")) {
      const std::string here = join(path, "tags");
      if (!tags->is_array()) {
        fail(here, "an array of tags", *tags);
      }
      const auto& known = component_tags();
      for (std::size_t i = 0; i < tags->size(); ++i) {
        const std::string tag = read_string((*tags)[i], join(here, i), "a tag");
        if (std::find(known.begin(), known.end(), tag) == known.end()) {
          fail(join(here, i), "a component tag (" + join_names(known) + ")", (*tags)[i]);
        }
        out.tags.push_back(tag);
      }
    }
    if (const json* source_node = find(node, "source")) {
      out.source = source_ref(*source_node, join(path, "source"));
    }
    return out;
  }

  Budget budget(const json& node, const std::string& path, const Phase& phase) const {
    require_object(node, path, "a budget");
    check_keys(node, path, {"total", "total_range", "lines"});
    Budget out;
    if (const json* total = find(node, "total")) {
      const std::string here = join(path, "total");
      require_object(*total, here, "the budget total");
      check_keys(*total, here, {"amount", "unit", "role", "source", "confidence", "note"});
      BudgetTotal value;
      value.amount = money(*total, here);
      if (const json* role = find(*total, "role")) {
        value.role = read_enum(*role, join(here, "role"), "role", kBudgetRoles);
      }
      value.source = source_ref(need(*total, here, "source", "a source id"), join(here, "source"));
      value.confidence = confidence(*total, here);
      value.note = opt_string(*total, here, "note");
      out.total = value;
    }
    if (const json* range = find(node, "total_range")) {
      const std::string here = join(path, "total_range");
      require_object(*range, here, "the budget range");
      check_keys(*range, here, {"low", "high", "source", "confidence", "note"});
      BudgetRange value;
      const json& low = need(*range, here, "low", "an amount of money");
      require_object(low, join(here, "low"), "money ({\"amount\": ..., \"unit\": ...})");
      check_keys(low, join(here, "low"), {"amount", "unit"});
      value.low = money(low, join(here, "low"));
      const json& high = need(*range, here, "high", "an amount of money");
      require_object(high, join(here, "high"), "money ({\"amount\": ..., \"unit\": ...})");
      check_keys(high, join(here, "high"), {"amount", "unit"});
      value.high = money(high, join(here, "high"));
      if (value.high.krw() < value.low.krw()) {
        fail(join(join(here, "high"), "amount"),
             "a high end at least the low end " + format_money(value.low.krw(), value.low.unit()),
             high.at("amount"));
      }
      value.source = source_ref(need(*range, here, "source", "a source id"), join(here, "source"));
      value.confidence = confidence(*range, here);
      value.note = opt_string(*range, here, "note");
      out.total_range = value;
    }
    if (const json* lines = find(node, "lines")) {
      const std::string here = join(path, "lines");
      if (!lines->is_array()) {
        fail(here, "an array of budget lines", *lines);
      }
      for (std::size_t i = 0; i < lines->size(); ++i) {
        out.lines.push_back(budget_line((*lines)[i], join(here, i), phase));
      }
    }
    return out;
  }

  BudgetLine budget_line(const json& node, const std::string& path, const Phase& phase) const {
    require_object(node, path, "a budget line");
    check_keys(node, path,
               {"amount", "unit", "year", "funding_source", "component", "role", "source",
                "confidence", "note"});
    BudgetLine out;
    out.amount = money(node, path);
    if (const json* year = find(node, "year")) {
      out.year = read_year(*year, join(path, "year"), "year");
    }
    if (const json* funding = find(node, "funding_source")) {
      out.funding_source =
          read_enum(*funding, join(path, "funding_source"), "funding_source", kFundingSources);
    }
    if (const json* component_node = find(node, "component")) {
      const std::string here = join(path, "component");
      out.component = read_string(*component_node, here, "component", true);
      if (phase.find_component(out.component) == nullptr) {
        fail(here, "the id of a component of phase '" + phase.id + "'", *component_node);
      }
    }
    out.role = read_enum(need(node, path, "role", "plan or actual"), join(path, "role"), "role",
                         kBudgetRoles);
    out.source = source_ref(need(node, path, "source", "a source id"), join(path, "source"));
    out.confidence = confidence(node, path);
    out.note = opt_string(node, path, "note");
    return out;
  }

  Phase phase(const json& node, const std::string& path) const {
    require_object(node, path, "a phase");
    check_keys(node, path,
               {"id", "name", "start_year", "end_year", "status", "budget", "components",
                "indicators", "focus"});
    Phase out;
    out.id = read_id(need(node, path, "id", "a string"), join(path, "id"));
    if (const json* name = find(node, "name")) {
      out.name = text(*name, join(path, "name"), "name");
    }
    out.start_year =
        read_year(need(node, path, "start_year", "a year"), join(path, "start_year"), "start_year");
    const json& end = need(node, path, "end_year", "a year");
    out.end_year = read_year(end, join(path, "end_year"), "end_year");
    if (out.end_year < out.start_year) {
      fail(join(path, "end_year"), "an end_year >= start_year " + std::to_string(out.start_year),
           end);
    }
    if (const json* status = find(node, "status")) {
      static const std::vector<std::pair<const char*, int>> kStatus = {
          {"completed", 0}, {"running", 1}, {"planned", 2}};
      read_enum(*status, join(path, "status"), "status", kStatus);
      out.status = status->get<std::string>();
    }
    if (const json* components = find(node, "components")) {
      const std::string here = join(path, "components");
      if (!components->is_array()) {
        fail(here, "an array of components", *components);
      }
      IdScope ids("component");
      for (std::size_t i = 0; i < components->size(); ++i) {
        out.components.push_back(component((*components)[i], join(here, i)));
        ids.add(out.components.back().id, join(join(here, i), "id"));
      }
    }
    if (const json* budget_node = find(node, "budget")) {
      out.budget = budget(*budget_node, join(path, "budget"), out);
    }
    if (const json* indicators = find(node, "indicators")) {
      out.indicators = indicator_list(*indicators, join(path, "indicators"), &out);
    }
    out.focus = texts(node, path, "focus");
    return out;
  }

  std::vector<Indicator> indicator_list(const json& node, const std::string& path,
                                        const Phase* phase) const {
    if (!node.is_array()) {
      fail(path, "an array of indicators", node);
    }
    std::vector<Indicator> out;
    IdScope ids("indicator");
    for (std::size_t i = 0; i < node.size(); ++i) {
      out.push_back(indicator(node[i], join(path, i), phase));
      ids.add(out.back().id, join(join(path, i), "id"));
    }
    return out;
  }

  Note note(const json& node, const std::string& path) const {
    require_object(node, path, "a note");
    check_keys(node, path, {"text", "source", "confidence"});
    Note out;
    out.text = read_string(need(node, path, "text", "a string"), join(path, "text"), "text", true);
    if (const json* source_node = find(node, "source")) {
      out.source = source_ref(*source_node, join(path, "source"));
    }
    if (const json* value = find(node, "confidence")) {
      out.confidence = read_enum(*value, join(path, "confidence"), "confidence", kConfidences);
    }
    return out;
  }

  Program program(const json& node, const std::string& path) const {
    require_object(node, path, "a program");
    check_keys(
        node, path,
        {"id", "name", "kind", "region", "field", "designation_year", "designation_date", "batch",
         "core_institutions", "operators", "description", "phases", "indicators", "notes"});
    Program out;
    const json& id = need(node, path, "id", "a string");
    out.id = read_string(id, join(path, "id"), "id", true);
    if (!valid_program_id(out.id)) {
      fail(join(path, "id"),
           "a program id of lower-case letters, digits, '_', '.', '-' "
           "starting with a letter or digit",
           id);
    }
    out.name = text(need(node, path, "name", "a name"), join(path, "name"), "name");
    out.kind = read_string(need(node, path, "kind", "a string"), join(path, "kind"), "kind", true);
    out.region = text(need(node, path, "region", "a name"), join(path, "region"), "region");
    if (const json* field = find(node, "field")) {
      out.field = text(*field, join(path, "field"), "field");
    }
    if (const json* year = find(node, "designation_year")) {
      out.designation_year = read_year(*year, join(path, "designation_year"), "designation_year");
    }
    if (const json* date = find(node, "designation_date")) {
      out.designation_date = read_date(*date, join(path, "designation_date"), "designation_date");
    }
    if (const json* batch = find(node, "batch")) {
      const long long value = read_integer(*batch, join(path, "batch"), "batch");
      if (value < 1 || value > 1000) {
        fail(join(path, "batch"), "a batch number between 1 and 1000", *batch);
      }
      out.batch = static_cast<int>(value);
    }
    out.core_institutions = texts(node, path, "core_institutions");
    out.operators = texts(node, path, "operators");
    out.description = opt_string(node, path, "description");
    if (const json* phases = find(node, "phases")) {
      const std::string here = join(path, "phases");
      if (!phases->is_array()) {
        fail(here, "an array of phases", *phases);
      }
      IdScope ids("phase");
      for (std::size_t i = 0; i < phases->size(); ++i) {
        out.phases.push_back(phase((*phases)[i], join(here, i)));
        ids.add(out.phases.back().id, join(join(here, i), "id"));
      }
    }
    if (const json* indicators = find(node, "indicators")) {
      out.indicators = indicator_list(*indicators, join(path, "indicators"), nullptr);
    }
    if (const json* notes = find(node, "notes")) {
      const std::string here = join(path, "notes");
      if (!notes->is_array()) {
        fail(here, "an array of notes", *notes);
      }
      for (std::size_t i = 0; i < notes->size(); ++i) {
        out.notes.push_back(note((*notes)[i], join(here, i)));
      }
    }
    check_relations(out, path);
    return out;
  }

  // Every id a relation names must resolve (phase first, then program level).
  static void check_relations(const Program& program, const std::string& path) {
    auto check_one = [&](const Indicator& indicator, const Phase* phase,
                         const std::string& indicator_path) {
      const Relation& relation = indicator.relation;
      const std::string here = join(indicator_path, "relation");
      auto resolve = [&](const std::string& id, const std::string& id_path) {
        if (id == indicator.id) {
          fail(id_path, "the id of another indicator (a relation cannot name itself)", json(id));
        }
        if (program.resolve(phase, id) == nullptr) {
          const std::string scope =
              phase == nullptr ? "the program's own indicators"
                               : "phase '" + phase->id + "' or the program's own indicators";
          fail(id_path, "the id of an indicator of " + scope, json(id));
        }
      };
      switch (relation.type) {
        case RelationType::kShare:
          resolve(relation.part, join(here, "part"));
          resolve(relation.whole, join(here, "whole"));
          break;
        case RelationType::kGrowth:
        case RelationType::kCagr:
          resolve(relation.of, join(here, "of"));
          break;
        case RelationType::kSum:
          for (std::size_t i = 0; i < relation.parts.size(); ++i) {
            resolve(relation.parts[i], join(join(here, "parts"), i));
          }
          resolve(relation.total, join(here, "total"));
          break;
        case RelationType::kNone:
          break;
      }
    };
    for (std::size_t p = 0; p < program.phases.size(); ++p) {
      const Phase& phase = program.phases[p];
      for (std::size_t i = 0; i < phase.indicators.size(); ++i) {
        check_one(phase.indicators[i], &phase,
                  join(join(join(join(path, "phases"), p), "indicators"), i));
      }
    }
    for (std::size_t i = 0; i < program.indicators.size(); ++i) {
      check_one(program.indicators[i], nullptr, join(join(path, "indicators"), i));
    }
  }

 private:
  std::set<std::string> source_ids_;
};

std::vector<Source> read_sources(const json& root) {
  std::vector<Source> out;
  const json& sources = need(root, "", "sources", "an array of sources");
  if (!sources.is_array()) {
    fail("/sources", "an array of sources", sources);
  }
  const Reader reader({});
  IdScope ids("source");
  for (std::size_t i = 0; i < sources.size(); ++i) {
    out.push_back(reader.source(sources[i], join("/sources", i)));
    ids.add(out.back().id, join(join("/sources", i), "id"));
  }
  return out;
}

std::set<std::string> source_id_set(const std::vector<Source>& sources) {
  std::set<std::string> ids;
  for (const auto& source : sources) {
    ids.insert(source.id);
  }
  return ids;
}

Document read_document(const json& root) {
  require_object(root, "", "the document");
  check_keys(root, "", {"schema_version", "dataset", "sources", "programs"});
  Document out;
  const json& version = need(root, "", "schema_version", "the integer 1");
  const long long number = read_integer(version, "/schema_version", "schema_version");
  if (number != kSchemaVersion) {
    fail("/schema_version",
         "schema_version " + std::to_string(kSchemaVersion) +
             " (the only version this innozone reads)",
         version);
  }
  out.schema_version = kSchemaVersion;
  if (const json* dataset = find(root, "dataset")) {
    require_object(*dataset, "/dataset", "the dataset header");
    check_keys(*dataset, "/dataset", {"id", "title", "description"});
    const json& dataset_id = need(*dataset, "/dataset", "id", "a string");
    out.dataset.id = read_string(dataset_id, "/dataset/id", "id", true);
    if (!valid_program_id(out.dataset.id)) {
      fail("/dataset/id", "a dataset id of lower-case letters, digits, '_', '.', '-'", dataset_id);
    }
    const Reader plain({});
    if (const json* title = find(*dataset, "title")) {
      out.dataset.title = plain.text(*title, "/dataset/title", "title");
    }
    out.dataset.description = opt_string(*dataset, "/dataset", "description");
  }
  out.sources = read_sources(root);
  const Reader reader(source_id_set(out.sources));
  const json& programs = need(root, "", "programs", "an array of programs");
  if (!programs.is_array()) {
    fail("/programs", "an array of programs", programs);
  }
  IdScope ids("program");
  for (std::size_t i = 0; i < programs.size(); ++i) {
    out.programs.push_back(reader.program(programs[i], join("/programs", i)));
    ids.add(out.programs.back().id, join(join("/programs", i), "id"));
  }
  attach_source_dates(out);
  return out;
}

// ---------------------------------------------------------------------------
// Writing.

ojson number(double value) {
  if (std::nearbyint(value) == value && std::fabs(value) < 9007199254740992.0) {
    return ojson(static_cast<long long>(value));
  }
  return ojson(value);
}

ojson write(const Text& text) {
  ojson out = ojson::object();
  if (!text.ko.empty()) {
    out["ko"] = text.ko;
  }
  if (!text.en.empty()) {
    out["en"] = text.en;
  }
  return out;
}

ojson write(const std::vector<Text>& texts) {
  ojson out = ojson::array();
  for (const auto& text : texts) {
    out.push_back(write(text));
  }
  return out;
}

void put_money(ojson& out, const Money& money) {
  out["amount"] = number(money.amount());
  out["unit"] = money_unit_name(money.unit());
}

void put_if(ojson& out, const char* key, const std::string& value) {
  if (!value.empty()) {
    out[key] = value;
  }
}

ojson write(const Source& source) {
  ojson out = ojson::object();
  out["id"] = source.id;
  out["publisher"] = source.publisher;
  out["title"] = source.title;
  out["date"] = source.date;
  put_if(out, "url", source.url);
  put_if(out, "note", source.note);
  return out;
}

ojson write(const Observation& observation) {
  ojson out = ojson::object();
  out["value"] = number(observation.value);
  if (observation.period.is_window) {
    out["window"] = ojson::array({observation.period.start, observation.period.end});
  } else {
    out["year"] = observation.period.start;
  }
  put_if(out, "date", observation.date);
  out["role"] = to_string(observation.role);
  out["source"] = observation.source;
  out["confidence"] = to_string(observation.confidence);
  put_if(out, "note", observation.note);
  return out;
}

ojson write(const Relation& relation) {
  ojson out = ojson::object();
  out["type"] = to_string(relation.type);
  switch (relation.type) {
    case RelationType::kShare:
      out["part"] = relation.part;
      out["whole"] = relation.whole;
      break;
    case RelationType::kGrowth:
    case RelationType::kCagr:
      out["of"] = relation.of;
      out["from"] = relation.from;
      out["to"] = relation.to;
      break;
    case RelationType::kSum:
      out["parts"] = relation.parts;
      out["total"] = relation.total;
      break;
    case RelationType::kNone:
      break;
  }
  return out;
}

ojson write(const Indicator& indicator) {
  ojson out = ojson::object();
  out["id"] = indicator.id;
  out["name"] = write(indicator.name);
  out["unit"] = indicator.unit;
  if (indicator.money_unit) {
    out["money_unit"] = money_unit_name(*indicator.money_unit);
  }
  out["kind"] = to_string(indicator.kind);
  if (indicator.direction != Direction::kHigher) {
    out["direction"] = to_string(indicator.direction);
  }
  put_if(out, "component", indicator.component);
  if (indicator.relation.type != RelationType::kNone) {
    out["relation"] = write(indicator.relation);
  }
  out["observations"] = ojson::array();
  for (const auto& observation : indicator.observations) {
    out["observations"].push_back(write(observation));
  }
  return out;
}

ojson write(const Component& component) {
  ojson out = ojson::object();
  out["id"] = component.id;
  out["name"] = write(component.name);
  put_if(out, "description", component.description);
  if (!component.tags.empty()) {
    out["tags"] = component.tags;
  }
  put_if(out, "source", component.source);
  return out;
}

ojson write(const Budget& budget) {
  ojson out = ojson::object();
  if (budget.total) {
    ojson total = ojson::object();
    put_money(total, budget.total->amount);
    total["role"] = to_string(budget.total->role);
    total["source"] = budget.total->source;
    total["confidence"] = to_string(budget.total->confidence);
    put_if(total, "note", budget.total->note);
    out["total"] = total;
  }
  if (budget.total_range) {
    ojson range = ojson::object();
    ojson low = ojson::object();
    put_money(low, budget.total_range->low);
    ojson high = ojson::object();
    put_money(high, budget.total_range->high);
    range["low"] = low;
    range["high"] = high;
    range["source"] = budget.total_range->source;
    range["confidence"] = to_string(budget.total_range->confidence);
    put_if(range, "note", budget.total_range->note);
    out["total_range"] = range;
  }
  if (!budget.lines.empty()) {
    out["lines"] = ojson::array();
    for (const auto& line : budget.lines) {
      ojson item = ojson::object();
      put_money(item, line.amount);
      if (line.year) {
        item["year"] = *line.year;
      }
      if (line.funding_source != FundingSource::kTotal) {
        item["funding_source"] = to_string(line.funding_source);
      }
      put_if(item, "component", line.component);
      item["role"] = to_string(line.role);
      item["source"] = line.source;
      item["confidence"] = to_string(line.confidence);
      put_if(item, "note", line.note);
      out["lines"].push_back(item);
    }
  }
  return out;
}

ojson write(const Phase& phase) {
  ojson out = ojson::object();
  out["id"] = phase.id;
  if (!phase.name.empty()) {
    out["name"] = write(phase.name);
  }
  out["start_year"] = phase.start_year;
  out["end_year"] = phase.end_year;
  put_if(out, "status", phase.status);
  if (phase.budget) {
    out["budget"] = write(*phase.budget);
  }
  if (!phase.components.empty()) {
    out["components"] = ojson::array();
    for (const auto& component : phase.components) {
      out["components"].push_back(write(component));
    }
  }
  if (!phase.indicators.empty()) {
    out["indicators"] = ojson::array();
    for (const auto& indicator : phase.indicators) {
      out["indicators"].push_back(write(indicator));
    }
  }
  if (!phase.focus.empty()) {
    out["focus"] = write(phase.focus);
  }
  return out;
}

ojson write(const Program& program) {
  ojson out = ojson::object();
  out["id"] = program.id;
  out["name"] = write(program.name);
  out["kind"] = program.kind;
  out["region"] = write(program.region);
  if (!program.field.empty()) {
    out["field"] = write(program.field);
  }
  if (program.designation_year) {
    out["designation_year"] = *program.designation_year;
  }
  put_if(out, "designation_date", program.designation_date);
  if (program.batch) {
    out["batch"] = *program.batch;
  }
  if (!program.core_institutions.empty()) {
    out["core_institutions"] = write(program.core_institutions);
  }
  if (!program.operators.empty()) {
    out["operators"] = write(program.operators);
  }
  put_if(out, "description", program.description);
  if (!program.phases.empty()) {
    out["phases"] = ojson::array();
    for (const auto& phase : program.phases) {
      out["phases"].push_back(write(phase));
    }
  }
  if (!program.indicators.empty()) {
    out["indicators"] = ojson::array();
    for (const auto& indicator : program.indicators) {
      out["indicators"].push_back(write(indicator));
    }
  }
  if (!program.notes.empty()) {
    out["notes"] = ojson::array();
    for (const auto& item : program.notes) {
      ojson note = ojson::object();
      note["text"] = item.text;
      put_if(note, "source", item.source);
      if (item.confidence) {
        note["confidence"] = to_string(*item.confidence);
      }
      out["notes"].push_back(note);
    }
  }
  return out;
}

ojson write(const Document& document) {
  ojson out = ojson::object();
  out["schema_version"] = document.schema_version;
  if (!document.dataset.empty()) {
    ojson dataset = ojson::object();
    dataset["id"] = document.dataset.id;
    if (!document.dataset.title.empty()) {
      dataset["title"] = write(document.dataset.title);
    }
    put_if(dataset, "description", document.dataset.description);
    out["dataset"] = dataset;
  }
  out["sources"] = ojson::array();
  for (const auto& source : document.sources) {
    out["sources"].push_back(write(source));
  }
  out["programs"] = ojson::array();
  for (const auto& program : document.programs) {
    out["programs"].push_back(write(program));
  }
  return out;
}

std::string dump(const ojson& value, int indent) {
  try {
    return value.dump(indent < 0 ? -1 : indent, ' ', false, ojson::error_handler_t::strict);
  } catch (const ojson::type_error& error) {
    throw SchemaError("",
                      std::string("expected UTF-8 text in every string, found invalid bytes (") +
                          error.what() + ")");
  }
}

}  // namespace

Document load_document(const std::string& text) { return read_document(parse_text(text)); }

Document load_document_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw NotFound("cannot open program file '" + path + "'");
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return load_document(buffer.str());
}

Program load_program(const std::string& text, const std::vector<Source>& sources) {
  const json root = parse_text(text);
  const Reader reader(source_id_set(sources));
  Program out = reader.program(root, "");
  attach_source_dates(out, sources);
  return out;
}

std::string dump_document(const Document& document, int indent) {
  return dump(write(document), indent);
}

std::string dump_program(const Program& program, int indent) {
  return dump(write(program), indent);
}

void validate(const Document& document) {
  if (document.schema_version != kSchemaVersion) {
    throw SchemaError("/schema_version", "expected schema_version " +
                                             std::to_string(kSchemaVersion) + ", found " +
                                             std::to_string(document.schema_version));
  }
  load_document(dump_document(document, -1));
}

void save_document(const Document& document, const std::string& path) {
  const std::string text = dump_document(document, 2) + "\n";
  load_document(text);  // the same checks as loading; nothing invalid is written
  namespace fs = std::filesystem;
  const fs::path target(path);
  const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::error_code code;
  if (!fs::is_directory(folder, code)) {
    throw InvalidInput("cannot save to '" + path + "': the folder '" + folder.string() +
                       "' does not exist");
  }
  std::random_device device;
  const fs::path temporary =
      folder / ("." + target.filename().string() + ".tmp" + std::to_string(device()));
  auto cleanup = [&]() {
    std::error_code ignored;
    fs::remove(temporary, ignored);
  };
  std::FILE* file = std::fopen(temporary.string().c_str(), "wb");
  if (file == nullptr) {
    throw InvalidInput("cannot save to '" + path + "': cannot create a file in '" +
                       folder.string() + "'");
  }
  bool ok = std::fwrite(text.data(), 1, text.size(), file) == text.size();
  ok = std::fflush(file) == 0 && ok;
#ifdef INNOZONE_HAVE_FSYNC
  ok = ::fsync(::fileno(file)) == 0 && ok;
#endif
  ok = std::fclose(file) == 0 && ok;
  if (!ok) {
    cleanup();
    throw InvalidInput("cannot save to '" + path + "': writing the file failed (disk full?)");
  }
  fs::rename(temporary, target, code);
  if (code) {
    cleanup();
    throw InvalidInput("cannot save to '" + path + "': " + code.message());
  }
}

bool operator==(const Document& a, const Document& b) { return write(a) == write(b); }

bool operator==(const Program& a, const Program& b) { return write(a) == write(b); }

}  // namespace innozone::program
