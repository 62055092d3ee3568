/// @file money.hpp
/// @brief Amounts of Korean won: the units 원, 만원, 백만원, 억원, 조원, parsing and formatting.
///
/// A Money value keeps the amount as it was written together with its unit, so a file
/// round-trips digit for digit; `krw()` gives the value in won. Amounts are finite and
/// never negative.
#pragma once

#include <string>

namespace innozone::program {

/// The money units of the program format. The enumerator order is the size order.
enum class MoneyUnit { kWon, kManwon, kBaekmanwon, kEokwon, kJowon };

/// Won per unit: 1, 1e4, 1e6, 1e8, 1e12.
double money_unit_factor(MoneyUnit unit) noexcept;

/// The canonical name written to JSON: "원", "만원", "백만원", "억원", "조원".
const char* money_unit_name(MoneyUnit unit) noexcept;

/// Parse a unit name: the canonical names, "KRW" (alias of 원) and the short forms without
/// the trailing 원 ("만", "백만", "억", "조"). Throws InvalidInput naming the text.
MoneyUnit parse_money_unit(const std::string& text);

/// An amount of won written in one unit.
class Money {
 public:
  Money() = default;
  /// `amount` in `unit`; throws InvalidInput when negative, NaN or infinite.
  Money(double amount, MoneyUnit unit);
  /// A value in won, to be written in `unit`.
  static Money from_krw(double krw, MoneyUnit unit = MoneyUnit::kWon);

  [[nodiscard]] double amount() const noexcept { return amount_; }
  [[nodiscard]] MoneyUnit unit() const noexcept { return unit_; }
  [[nodiscard]] double krw() const noexcept { return amount_ * money_unit_factor(unit_); }
  /// The same value written in another unit.
  [[nodiscard]] double in(MoneyUnit unit) const noexcept { return krw() / money_unit_factor(unit); }

  friend bool operator==(const Money& a, const Money& b) noexcept {
    return a.amount_ == b.amount_ && a.unit_ == b.unit_;
  }
  friend bool operator!=(const Money& a, const Money& b) noexcept { return !(a == b); }

 private:
  double amount_ = 0.0;
  MoneyUnit unit_ = MoneyUnit::kWon;
};

/// Parse Korean money text: "180억", "1,030억원", "43만원", "2,500,000원", "58.6 억원",
/// "9.3조", "KRW 430,000", compound amounts such as "6조3,262억", "1조 2,500억" or
/// "1억 2,000만원" (units must decrease from left to right), and the counting words 천
/// (1,000), 백 (100) and 십 (10) inside a unit's group: "1억 5천만" (1억 5,000만),
/// "3천만원", "5천2백만원", "천만원". The result is written in the largest unit named.
/// Throws InvalidInput, naming the text and the position, for anything else (no unit, a
/// negative sign, misplaced thousands separators, a unit repeated, "5천" without a unit).
Money parse_money(const std::string& text);

/// Format `krw` won in `unit`, with thousands separators and the unit name:
/// format_money(1.03e11, kEokwon) == "1,030억원". `decimals` < 0 prints the shortest
/// form with at most 6 decimals (trailing zeros dropped); otherwise exactly `decimals`.
std::string format_money(double krw, MoneyUnit unit, int decimals = -1);

/// Format a number with thousands separators, as format_money does without a unit.
std::string format_number(double value, int decimals = -1);

}  // namespace innozone::program
