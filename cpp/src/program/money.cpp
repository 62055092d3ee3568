// Money: the won units of the program format, parsing and formatting of Korean amounts.
#include "innozone/program/money.hpp"

#include <cmath>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "innozone/common/error.hpp"

namespace innozone::program {

namespace {

struct UnitToken {
  const char* text;
  MoneyUnit unit;
  bool ends_with_won;  // "억원": the amount must end here
};

// Longest spellings first so that "백만원" is not read as "백" + "만원".
const std::vector<UnitToken>& unit_tokens() {
  static const std::vector<UnitToken> tokens = {
      {"백만원", MoneyUnit::kBaekmanwon, true},
      {"백만", MoneyUnit::kBaekmanwon, false},
      {"조원", MoneyUnit::kJowon, true},
      {"조", MoneyUnit::kJowon, false},
      {"억원", MoneyUnit::kEokwon, true},
      {"억", MoneyUnit::kEokwon, false},
      {"만원", MoneyUnit::kManwon, true},
      {"만", MoneyUnit::kManwon, false},
      {"원", MoneyUnit::kWon, true},
      {"KRW", MoneyUnit::kWon, true},
  };
  return tokens;
}

bool starts_with(const std::string& text, std::size_t pos, const char* prefix) {
  return text.compare(pos, std::char_traits<char>::length(prefix), prefix) == 0;
}

void skip_spaces(const std::string& text, std::size_t& pos) {
  while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) {
    ++pos;
  }
}

[[noreturn]] void bad_money(const std::string& text, std::size_t pos, const std::string& why) {
  throw InvalidInput("cannot read money \"" + text + "\" at character " + std::to_string(pos) +
                     ": " + why);
}

// A non-negative decimal number with optional thousands separators (groups of three).
double read_number(const std::string& text, std::size_t& pos) {
  const std::size_t begin = pos;
  std::string digits;
  std::vector<std::size_t> group_lengths{0};
  while (pos < text.size() && ((text[pos] >= '0' && text[pos] <= '9') || text[pos] == ',')) {
    if (text[pos] == ',') {
      group_lengths.push_back(0);
    } else {
      digits.push_back(text[pos]);
      ++group_lengths.back();
    }
    ++pos;
  }
  if (digits.empty()) {
    bad_money(text, begin, "expected a number");
  }
  if (group_lengths.size() > 1) {
    bool ok = group_lengths.front() >= 1 && group_lengths.front() <= 3;
    for (std::size_t i = 1; i < group_lengths.size(); ++i) {
      ok = ok && group_lengths[i] == 3;
    }
    if (!ok) {
      bad_money(text, begin, "thousands separators must split the digits in groups of three");
    }
  }
  if (pos < text.size() && text[pos] == '.') {
    digits.push_back('.');
    ++pos;
    const std::size_t fraction_begin = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      digits.push_back(text[pos]);
      ++pos;
    }
    if (pos == fraction_begin) {
      bad_money(text, pos, "expected digits after the decimal point");
    }
  }
  return std::strtod(digits.c_str(), nullptr);
}

}  // namespace

double money_unit_factor(MoneyUnit unit) noexcept {
  switch (unit) {
    case MoneyUnit::kWon:
      return 1.0;
    case MoneyUnit::kManwon:
      return 1e4;
    case MoneyUnit::kBaekmanwon:
      return 1e6;
    case MoneyUnit::kEokwon:
      return 1e8;
    case MoneyUnit::kJowon:
      return 1e12;
  }
  return 1.0;
}

const char* money_unit_name(MoneyUnit unit) noexcept {
  switch (unit) {
    case MoneyUnit::kWon:
      return "원";
    case MoneyUnit::kManwon:
      return "만원";
    case MoneyUnit::kBaekmanwon:
      return "백만원";
    case MoneyUnit::kEokwon:
      return "억원";
    case MoneyUnit::kJowon:
      return "조원";
  }
  return "원";
}

MoneyUnit parse_money_unit(const std::string& text) {
  for (const auto& token : unit_tokens()) {
    if (text == token.text) {
      return token.unit;
    }
  }
  throw InvalidInput("unknown money unit \"" + text +
                     "\"; expected one of 원, KRW, 만원, 백만원, 억원, 조원");
}

Money::Money(double amount, MoneyUnit unit) : amount_(amount), unit_(unit) {
  if (!std::isfinite(amount)) {
    throw InvalidInput("money must be a finite amount, got " + std::to_string(amount));
  }
  if (amount < 0.0) {
    throw InvalidInput("money cannot be negative, got " + format_number(amount) + " " +
                       money_unit_name(unit));
  }
}

Money Money::from_krw(double krw, MoneyUnit unit) {
  return Money(krw / money_unit_factor(unit), unit);
}

Money parse_money(const std::string& text) {
  std::size_t pos = 0;
  skip_spaces(text, pos);
  if (pos < text.size() && text[pos] == '-') {
    bad_money(text, pos, "money cannot be negative");
  }
  // "KRW 430,000" and "₩430,000": a plain number of won.
  for (const char* prefix : {"KRW", "\xE2\x82\xA9"}) {
    if (starts_with(text, pos, prefix)) {
      pos += std::char_traits<char>::length(prefix);
      skip_spaces(text, pos);
      if (pos < text.size() && text[pos] == '-') {
        bad_money(text, pos, "money cannot be negative");
      }
      const double value = read_number(text, pos);
      skip_spaces(text, pos);
      if (pos != text.size()) {
        bad_money(text, pos, "unexpected text after the amount");
      }
      return Money(value, MoneyUnit::kWon);
    }
  }
  double krw = 0.0;
  bool have_largest = false;
  MoneyUnit largest = MoneyUnit::kWon;
  bool have_previous = false;
  MoneyUnit previous = MoneyUnit::kWon;
  bool ended = false;
  bool plain = true;  // every group is a bare number before its unit (no 천/백/십)
  std::size_t groups = 0;
  while (true) {
    skip_spaces(text, pos);
    if (pos == text.size()) {
      break;
    }
    if (ended) {
      bad_money(text, pos, "unexpected text after the unit ending in 원");
    }
    if (have_previous && starts_with(text, pos, "원")) {
      // "5만 원": the 원 of the last unit written apart.
      pos += std::char_traits<char>::length("원");
      ended = true;
      continue;
    }
    // One group: terms such as 5천, 2백, 30 adding up, then a unit (만, 억, 조, 원, ...).
    double group = 0.0;
    int last_small = 4;  // 천 = 3, 백 = 2, 십 = 1 must decrease within a group
    const UnitToken* found = nullptr;
    while (true) {
      double term = 1.0;
      bool have_number = false;
      if (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
        term = read_number(text, pos);
        have_number = true;
        skip_spaces(text, pos);
      }
      // After a counting word (5천...), 백 counts too: 5천2백만 is 5,200만, not 5,002백만.
      const bool counting = last_small < 4 && last_small > 2 && starts_with(text, pos, "백");
      for (const auto& token : unit_tokens()) {
        if (!counting && starts_with(text, pos, token.text)) {
          found = &token;
          break;
        }
      }
      if (found != nullptr) {
        if (!have_number && last_small == 4) {
          bad_money(text, pos, "expected a number before the unit");
        }
        group += have_number ? term : 0.0;
        break;
      }
      int small = 0;
      const char* small_text = nullptr;
      for (const auto& [spelling, power] :
           {std::pair<const char*, int>{"천", 3}, std::pair<const char*, int>{"백", 2},
            std::pair<const char*, int>{"십", 1}}) {
        if (starts_with(text, pos, spelling)) {
          small = power;
          small_text = spelling;
          break;
        }
      }
      if (small_text == nullptr) {
        if (!have_number) {
          bad_money(text, pos, "expected a number");
        }
        bad_money(text, pos, "expected a unit (원, 만원, 백만원, 억원, 조원, or 만/백만/억/조)");
      }
      if (small >= last_small) {
        bad_money(text, pos, "천, 백 and 십 must decrease within an amount (e.g. 5천2백만)");
      }
      last_small = small;
      plain = false;
      pos += std::char_traits<char>::length(small_text);
      group += term * std::pow(10.0, small);
      skip_spaces(text, pos);
      if (pos == text.size()) {
        bad_money(text, pos, "expected a unit after the amount (만, 억, 조 or 원)");
      }
    }
    if (have_previous && found->unit >= previous) {
      bad_money(text, pos, "units of a compound amount must decrease (e.g. 6조3,262억)");
    }
    pos += std::char_traits<char>::length(found->text);
    krw += group * money_unit_factor(found->unit);
    ++groups;
    if (!have_largest) {
      largest = found->unit;
      have_largest = true;
    }
    previous = found->unit;
    have_previous = true;
    ended = found->ends_with_won;
  }
  if (!have_largest) {
    bad_money(text, pos, "expected an amount such as 180억 or 43만원");
  }
  if (!std::isfinite(krw)) {
    bad_money(text, 0, "the amount is too large");
  }
  if (groups == 1 && plain) {
    // A single plain group: keep the digits as written (58.6억 stays 58.6 in 억원).
    std::size_t p = 0;
    skip_spaces(text, p);
    return Money(read_number(text, p), largest);
  }
  return Money::from_krw(krw, largest);
}

std::string format_number(double value, int decimals) {
  if (!std::isfinite(value)) {
    return std::isnan(value) ? "nan" : (value > 0 ? "inf" : "-inf");
  }
  const int places = decimals < 0 ? 6 : decimals;
  std::vector<char> buffer(400);
  std::snprintf(buffer.data(), buffer.size(), "%.*f", places, std::fabs(value));
  std::string text(buffer.data());
  std::string integer = text;
  std::string fraction;
  const std::size_t dot = text.find('.');
  if (dot != std::string::npos) {
    integer = text.substr(0, dot);
    fraction = text.substr(dot + 1);
  }
  if (decimals < 0) {
    while (!fraction.empty() && fraction.back() == '0') {
      fraction.pop_back();
    }
  }
  std::string grouped;
  const std::size_t n = integer.size();
  for (std::size_t i = 0; i < n; ++i) {
    grouped.push_back(integer[i]);
    const std::size_t remaining = n - i - 1;
    if (remaining > 0 && remaining % 3 == 0) {
      grouped.push_back(',');
    }
  }
  const bool zero = grouped.find_first_not_of("0,") == std::string::npos &&
                    fraction.find_first_not_of('0') == std::string::npos;
  std::string out = (value < 0 && !zero) ? "-" + grouped : grouped;
  if (!fraction.empty()) {
    out += "." + fraction;
  }
  return out;
}

std::string format_money(double krw, MoneyUnit unit, int decimals) {
  if (!std::isfinite(krw)) {
    throw InvalidInput("cannot format money that is not finite: " + std::to_string(krw));
  }
  return format_number(krw / money_unit_factor(unit), decimals) + money_unit_name(unit);
}

}  // namespace innozone::program
