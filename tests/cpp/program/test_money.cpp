// Money units, parsing and formatting. Reference values: 1 억 = 1e8 won, 1 만 = 1e4,
// 1 백만 = 1e6, 1 조 = 1e12 (Korean numerals; seed-facts.md gives 1 억원 = 100,000,000 KRW).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "innozone/common/error.hpp"
#include "innozone/program/money.hpp"

namespace {

using innozone::InvalidInput;
using innozone::program::format_money;
using innozone::program::format_number;
using innozone::program::Money;
using innozone::program::MoneyUnit;
using innozone::program::parse_money;
using innozone::program::parse_money_unit;

TEST(Money, ParsesTheArticleAmounts) {
  EXPECT_DOUBLE_EQ(parse_money("180억").krw(), 18e9);
  EXPECT_DOUBLE_EQ(parse_money("1,030억원").krw(), 1.03e11);
  EXPECT_DOUBLE_EQ(parse_money("2,566억원").krw(), 2.566e11);
  EXPECT_DOUBLE_EQ(parse_money("43만원").krw(), 430000.0);
  EXPECT_DOUBLE_EQ(parse_money("250만원").krw(), 2.5e6);
  EXPECT_DOUBLE_EQ(parse_money("2,500,000원").krw(), 2.5e6);
  EXPECT_DOUBLE_EQ(parse_money("KRW 430,000").krw(), 430000.0);
  EXPECT_DOUBLE_EQ(parse_money("430,000 KRW").krw(), 430000.0);
  EXPECT_DOUBLE_EQ(parse_money("9.3조").krw(), 9.3e12);
  EXPECT_DOUBLE_EQ(parse_money("5백만원").krw(), 5e6);
}

TEST(Money, KeepsTheWrittenUnitAndDigits) {
  const Money money = parse_money(" 58.6 억원 ");
  EXPECT_EQ(money.unit(), MoneyUnit::kEokwon);
  EXPECT_EQ(money.amount(), 58.6);  // exactly as written, not 5.86e9 / 1e8
  EXPECT_EQ(parse_money("43만원").unit(), MoneyUnit::kManwon);
}

TEST(Money, CompoundAmountsAddUpInTheLargestUnit) {
  // zone-facts.md: "6조3,262억" of production and value added.
  const Money money = parse_money("6조3,262억");
  EXPECT_EQ(money.unit(), MoneyUnit::kJowon);
  EXPECT_DOUBLE_EQ(money.krw(), 6e12 + 3262e8);
  EXPECT_DOUBLE_EQ(parse_money("1억 2,000만원").krw(), 1.2e8);
}

TEST(Money, KoreanCountingWordsInsideAUnit) {
  // 천 (1,000), 백 (100) and 십 (10) multiply the number before them within a unit's group.
  const Money mixed = parse_money("1억 5천만");
  EXPECT_EQ(mixed.unit(), MoneyUnit::kEokwon);
  EXPECT_DOUBLE_EQ(mixed.krw(), 1.5e8);
  EXPECT_DOUBLE_EQ(mixed.amount(), 1.5);
  EXPECT_DOUBLE_EQ(parse_money("1억5천만원").krw(), 1.5e8);
  EXPECT_DOUBLE_EQ(parse_money("1조 2,500억").krw(), 1.25e12);
  const Money three = parse_money("3천만원");
  EXPECT_EQ(three.unit(), MoneyUnit::kManwon);
  EXPECT_DOUBLE_EQ(three.krw(), 3e7);
  EXPECT_DOUBLE_EQ(three.amount(), 3000.0);
  EXPECT_DOUBLE_EQ(parse_money("5천2백만원").krw(), 5.2e7);
  EXPECT_DOUBLE_EQ(parse_money("천만원").krw(), 1e7);
  EXPECT_DOUBLE_EQ(parse_money("2억 3천5백만 원").krw(), 2.35e8);
  EXPECT_DOUBLE_EQ(parse_money("5만 3천원").krw(), 53000.0);
  EXPECT_DOUBLE_EQ(parse_money("1.5천만원").krw(), 1.5e7);
  // 백만 stays the unit 백만원 (3백만원 is 3 in 백만원, as before).
  EXPECT_EQ(parse_money("3백만원").unit(), MoneyUnit::kBaekmanwon);
  EXPECT_DOUBLE_EQ(parse_money("3백만원").amount(), 3.0);
  for (const char* text : {"5천", "1억 5천", "5백천만", "천천만", "천", "만원"}) {
    EXPECT_THROW(parse_money(text), InvalidInput) << text;
  }
  try {
    parse_money("1억 5천");
    FAIL();
  } catch (const InvalidInput& error) {
    EXPECT_NE(std::string(error.what()).find("expected a unit"), std::string::npos);
  }
}

TEST(Money, RejectsMalformedText) {
  for (const char* text : {"", "180", "-180억", "억", "1,03억", "12,34,567원", "180억원 5만원",
                           "5만 3억", "3억3억", "1.억", "180 dollars", "KRW -5"}) {
    EXPECT_THROW(parse_money(text), InvalidInput) << text;
  }
  try {
    parse_money("180 dollars");
    FAIL();
  } catch (const InvalidInput& error) {
    EXPECT_NE(std::string(error.what()).find("180 dollars"), std::string::npos);
    EXPECT_NE(std::string(error.what()).find("character 4"), std::string::npos);
  }
}

TEST(Money, NegativeAndNonFiniteAmountsAreErrors) {
  EXPECT_THROW(Money(-1.0, MoneyUnit::kWon), InvalidInput);
  EXPECT_THROW(Money(std::nan(""), MoneyUnit::kEokwon), InvalidInput);
  EXPECT_THROW(Money(std::numeric_limits<double>::infinity(), MoneyUnit::kEokwon), InvalidInput);
}

TEST(Money, FormatsWithSeparatorsAndUnit) {
  EXPECT_EQ(format_money(1.03e11, MoneyUnit::kEokwon), "1,030억원");
  EXPECT_EQ(format_money(2.566e11, MoneyUnit::kEokwon), "2,566억원");
  EXPECT_EQ(format_money(430000.0, MoneyUnit::kManwon), "43만원");
  EXPECT_EQ(format_money(2.5e6, MoneyUnit::kWon), "2,500,000원");
  EXPECT_EQ(format_money(5.86e9, MoneyUnit::kEokwon), "58.6억원");
  EXPECT_EQ(format_money(1.03e11, MoneyUnit::kJowon, 3), "0.103조원");
  EXPECT_EQ(format_money(1.8e10, MoneyUnit::kBaekmanwon), "18,000백만원");
  EXPECT_EQ(format_number(-1234567.5, 1), "-1,234,567.5");
  EXPECT_EQ(format_number(0.5741626794, 3), "0.574");
}

TEST(Money, ParseOfFormatIsTheSameAmount) {
  for (const double krw : {0.0, 1.0, 430000.0, 2.5e6, 5.86e9, 1.8e10, 1.03e11, 9.3e12}) {
    for (const MoneyUnit unit : {MoneyUnit::kWon, MoneyUnit::kManwon, MoneyUnit::kBaekmanwon,
                                 MoneyUnit::kEokwon, MoneyUnit::kJowon}) {
      const double back = parse_money(format_money(krw, unit, 6)).krw();
      EXPECT_NEAR(back, krw, 1e-6 * innozone::program::money_unit_factor(unit) + 1e-9 * krw);
    }
  }
}

TEST(Money, UnitNames) {
  EXPECT_EQ(parse_money_unit("KRW"), MoneyUnit::kWon);
  EXPECT_EQ(parse_money_unit("억"), MoneyUnit::kEokwon);
  EXPECT_EQ(parse_money_unit("백만원"), MoneyUnit::kBaekmanwon);
  EXPECT_THROW(parse_money_unit("USD"), InvalidInput);
}

}  // namespace
