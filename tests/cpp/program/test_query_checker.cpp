// Queries (values, derived annual values, growth, sums, budget shares) and the
// consistency checker. Expected figures are the derived figures of seed-facts.md:
// (319/121)^(1/4) - 1 = 27.4 %, 121 -> 319 = +163.6 %, 184/319 = 57.7 %, 90/180 = 50 %.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "innozone/common/error.hpp"
#include "innozone/program/checker.hpp"
#include "innozone/program/json_io.hpp"
#include "innozone/program/query.hpp"

namespace {

namespace pm = innozone::program;
using innozone::InvalidInput;
using innozone::NotFound;
using innozone::NumericalError;

const std::string kFixture = std::string(INNOZONE_TEST_DATA_DIR) + "/programs/gimhae-mini.json";

pm::Observation obs(double value, pm::Period period, pm::Role role = pm::Role::kActual,
                    pm::Confidence confidence = pm::Confidence::kHigh) {
  pm::Observation out;
  out.value = value;
  out.period = period;
  out.role = role;
  out.source = "s";
  out.confidence = confidence;
  return out;
}

pm::Observation dated(double value, pm::Period period, const std::string& date,
                      const std::string& source_date = "") {
  pm::Observation out = obs(value, period);
  out.date = date;
  out.source_date = source_date;
  return out;
}

pm::Indicator indicator(const std::string& id, pm::IndicatorKind kind, const std::string& unit) {
  pm::Indicator out;
  out.id = id;
  out.name.en = id;
  out.kind = kind;
  out.unit = unit;
  return out;
}

TEST(ProgramQuery, ValueAtAWindowAndAYear) {
  const pm::Document document = pm::load_document_file(kFixture);
  const pm::Program& zone = document.program("gimhae-gangso");
  EXPECT_EQ(pm::value_at(zone.indicator("phase-1", "tech_linked"), pm::Period::window(2020, 2024)),
            209.0);
  EXPECT_EQ(pm::value_at(zone.indicator("", "biomed_firms"), pm::Period::year(2020)), 121.0);
  EXPECT_THROW(pm::value_at(zone.indicator("", "biomed_firms"), pm::Period::year(2022)), NotFound);
  EXPECT_THROW(
      pm::value_at(zone.indicator("", "biomed_firms"), pm::Period::year(2020), pm::Role::kTarget),
      NotFound);
}

TEST(ProgramQuery, RolePreferenceActualOverTarget) {
  pm::Indicator jobs = indicator("jobs", pm::IndicatorKind::kFlow, "persons");
  jobs.observations = {
      obs(300, pm::Period::year(2023), pm::Role::kTarget),
      obs(280, pm::Period::year(2023), pm::Role::kActual, pm::Confidence::kLow),
      obs(281, pm::Period::year(2023), pm::Role::kActual, pm::Confidence::kMedium)};
  EXPECT_EQ(pm::value_at(jobs, pm::Period::year(2023)), 281.0);
  EXPECT_EQ(pm::value_at(jobs, pm::Period::year(2023), pm::Role::kTarget), 300.0);
}

TEST(ProgramQuery, FlowSummedOverAWindow) {
  pm::Indicator jobs = indicator("jobs", pm::IndicatorKind::kFlow, "persons");
  jobs.observations = {obs(100, pm::Period::year(2020)), obs(150, pm::Period::year(2021)),
                       obs(200, pm::Period::year(2022))};
  EXPECT_EQ(pm::value_at(jobs, pm::Period::window(2020, 2022)), 450.0);
  try {
    pm::value_at(jobs, pm::Period::window(2020, 2024));
    FAIL();
  } catch (const NotFound& error) {
    EXPECT_NE(std::string(error.what()).find("2023, 2024 are missing"), std::string::npos);
  }
}

TEST(ProgramQuery, AnnualValuesFromCumulativeSnapshots) {
  pm::Indicator linked = indicator("linked", pm::IndicatorKind::kCumulative, "cases");
  linked.observations = {
      obs(25, pm::Period::window(2020, 2021)), obs(10, pm::Period::window(2020, 2020)),
      obs(40, pm::Period::window(2020, 2023), pm::Role::kActual, pm::Confidence::kMedium),
      obs(99, pm::Period::window(2020, 2023), pm::Role::kTarget)};
  const auto annual = pm::annual_from_cumulative(linked);
  ASSERT_EQ(annual.size(), 3u);
  EXPECT_EQ(annual[0].period, pm::Period::year(2020));
  EXPECT_EQ(annual[0].value, 10.0);
  EXPECT_EQ(annual[1].period, pm::Period::year(2021));
  EXPECT_EQ(annual[1].value, 15.0);
  EXPECT_EQ(annual[2].period, pm::Period::window(2022, 2023));
  EXPECT_EQ(annual[2].value, 15.0);
  for (const auto& item : annual) {
    EXPECT_EQ(item.role, pm::Role::kDerived);
  }
  EXPECT_EQ(annual[1].confidence, pm::Confidence::kMedium);  // high -> medium
  EXPECT_EQ(annual[2].confidence, pm::Confidence::kLow);     // medium -> low
  EXPECT_EQ(pm::value_at(linked, pm::Period::year(2021)), 15.0);
  EXPECT_THROW(pm::value_at(linked, pm::Period::year(2022)), NotFound);

  linked.observations.push_back(obs(30, pm::Period::window(2020, 2024)));
  EXPECT_THROW(pm::annual_from_cumulative(linked), NumericalError);
  EXPECT_THROW(pm::annual_from_cumulative(indicator("x", pm::IndicatorKind::kStock, "firms")),
               InvalidInput);
}

TEST(ProgramQuery, GrowthOfFirmCounts) {
  const pm::Document document = pm::load_document_file(kFixture);
  const pm::Indicator& firms = document.program("gimhae-gangso").indicator("", "biomed_firms");
  const pm::Growth g = pm::growth(firms, pm::Period::year(2020), pm::Period::year(2024));
  EXPECT_EQ(g.absolute, 198.0);
  EXPECT_NEAR(g.percent, 163.63636363636363, 1e-10);
  EXPECT_NEAR(g.cagr_percent, 27.424027631054626, 1e-10);
  EXPECT_EQ(g.years, 4);
  EXPECT_THROW(pm::growth(firms, pm::Period::year(2024), pm::Period::year(2020)), InvalidInput);
  pm::Indicator zero = indicator("z", pm::IndicatorKind::kStock, "firms");
  zero.observations = {obs(0, pm::Period::year(2020)), obs(5, pm::Period::year(2021))};
  EXPECT_THROW(pm::growth(zero, pm::Period::year(2020), pm::Period::year(2021)), NumericalError);
}

TEST(ProgramQuery, SumsAcrossComponentsAndPrograms) {
  const pm::Document document = pm::load_document_file(kFixture);
  const pm::Program& zone = document.program("gimhae-gangso");
  const pm::Sum founded = pm::sum_indicators(zone, "phase-1", {"ri_companies", "startups"},
                                             pm::Period::window(2020, 2024));
  EXPECT_EQ(founded.total, 120.0);
  EXPECT_EQ(founded.unit, "firms");
  ASSERT_EQ(founded.parts.size(), 2u);
  EXPECT_EQ(founded.parts[1].value, 76.0);
  EXPECT_NEAR(founded.total / pm::value_at(zone.indicator("phase-1", "tech_linked"),
                                           pm::Period::window(2020, 2024)),
              0.574, 5e-4);
  EXPECT_THROW(pm::sum_indicators(zone, "phase-1", {"ri_companies", "investment"},
                                  pm::Period::window(2020, 2024)),
               InvalidInput);
  EXPECT_THROW(pm::sum_indicators(zone, "phase-1", {"nope"}, pm::Period::window(2020, 2024)),
               NotFound);

  // Companies across the two programs: DEXTER has "companies", the zone does not.
  const pm::Sum across = pm::sum_across_programs(document, "companies", pm::Period::year(2024));
  EXPECT_EQ(across.total, 70.0);
  ASSERT_EQ(across.missing.size(), 1u);
  EXPECT_EQ(across.missing[0], "gimhae-gangso/companies");
}

TEST(ProgramQuery, BudgetSummaryAndNationalShare) {
  const pm::Document document = pm::load_document_file(kFixture);
  const pm::Phase& phase2 = document.program("gimhae-gangso").phase("phase-2");
  const pm::BudgetSummary summary = pm::budget_summary(phase2);
  ASSERT_TRUE(summary.total_krw.has_value());
  EXPECT_EQ(*summary.total_krw, 18e9);
  EXPECT_EQ(summary.national_krw, 9e9);
  EXPECT_EQ(summary.unitemised_krw, 9e9);  // the other 90억 is not itemised
  EXPECT_EQ(summary.local_krw, 0.0);
  EXPECT_DOUBLE_EQ(pm::funding_share(phase2, pm::FundingSource::kNational), 0.5);
  EXPECT_THROW(pm::funding_share(phase2, pm::FundingSource::kLocal), NotFound);
  const pm::Phase& phase1 = document.program("gimhae-gangso").phase("phase-1");
  EXPECT_THROW(pm::funding_share(phase1, pm::FundingSource::kNational), NotFound);
}

TEST(ProgramChecker, HalfUnitOfLastDigit) {
  EXPECT_DOUBLE_EQ(pm::half_unit_of_last_digit(92), 0.5);
  EXPECT_DOUBLE_EQ(pm::half_unit_of_last_digit(57.7), 0.05);
  EXPECT_DOUBLE_EQ(pm::half_unit_of_last_digit(163.64), 0.005);
  EXPECT_DOUBLE_EQ(pm::half_unit_of_last_digit(1200), 0.5);
}

TEST(ProgramChecker, FindsTheGimhaeShareAndGrowthFindings) {
  const pm::Document document = pm::load_document_file(kFixture);
  const auto findings = pm::check(document);
  ASSERT_EQ(findings.size(), 2u);
  const pm::Finding& share = findings[0];
  EXPECT_EQ(share.kind, pm::FindingKind::kShareMismatch);
  EXPECT_EQ(share.severity, "error");
  EXPECT_EQ(share.program, "gimhae-gangso");
  EXPECT_EQ(share.indicator, "firms_4plus_share");
  EXPECT_EQ(share.years, std::vector<int>{2024});
  EXPECT_EQ(share.stated, 92.0);
  EXPECT_NEAR(share.computed, 57.68025078369906, 1e-10);
  EXPECT_NEAR(share.mismatch, 34.31974921630094, 1e-10);
  EXPECT_NE(share.message.find("= 57.7 %: off by 34.3 percentage points"), std::string::npos)
      << share.message;

  const pm::Finding& growth = findings[1];
  EXPECT_EQ(growth.kind, pm::FindingKind::kGrowthMismatch);
  EXPECT_EQ(growth.severity, "info");  // 163.6 rounds to 164: within half a unit
  EXPECT_EQ(growth.years, (std::vector<int>{2020, 2024}));
  EXPECT_EQ(growth.stated, 164.0);
  EXPECT_NEAR(growth.computed, 163.63636363636363, 1e-10);
  EXPECT_NEAR(growth.mismatch, 0.36363636363637, 1e-10);
  EXPECT_NE(growth.message.find("= 163.6 %"), std::string::npos) << growth.message;
}

pm::Program small_program() {
  pm::Program program;
  program.id = "p";
  program.name.en = "P";
  program.kind = "test";
  program.region.en = "R";
  pm::Phase phase;
  phase.id = "ph";
  phase.start_year = 2020;
  phase.end_year = 2024;
  program.phases.push_back(phase);
  return program;
}

TEST(ProgramChecker, GrowthOutsideToleranceAndCagr) {
  pm::Program program = small_program();
  pm::Indicator firms = indicator("firms", pm::IndicatorKind::kStock, "firms");
  firms.observations = {obs(121, pm::Period::year(2020)), obs(319, pm::Period::year(2024))};
  pm::Indicator cagr = indicator("cagr", pm::IndicatorKind::kRatio, "%");
  cagr.relation.type = pm::RelationType::kCagr;
  cagr.relation.of = "firms";
  cagr.relation.from = 2020;
  cagr.relation.to = 2024;
  cagr.observations = {obs(27.4, pm::Period::year(2024)), obs(30, pm::Period::year(2024))};
  program.indicators = {firms, cagr};
  const auto findings = pm::check(program);
  // Two undated values for one year: the first is used and the second reported as not used
  // (info); both are still checked, being of the same date. 27.4 vs 27.424: within 0.05 but
  // inexact -> info; 30 -> error off by 2.576.
  ASSERT_EQ(findings.size(), 3u);
  EXPECT_EQ(findings[0].kind, pm::FindingKind::kSuperseded);
  EXPECT_NE(findings[0].message.find("chosen by confidence or file order"), std::string::npos);
  EXPECT_EQ(findings[1].severity, "info");
  EXPECT_EQ(findings[2].kind, pm::FindingKind::kCagrMismatch);
  EXPECT_EQ(findings[2].severity, "error");
  EXPECT_NEAR(findings[2].mismatch, 30 - 27.424027631054626, 1e-10);
}

TEST(ProgramChecker, SumRelationsPartsExceedAndShortfall) {
  pm::Program program = small_program();
  pm::Indicator a = indicator("a", pm::IndicatorKind::kCumulative, "firms");
  a.observations = {obs(44, pm::Period::window(2020, 2024))};
  pm::Indicator b = indicator("b", pm::IndicatorKind::kCumulative, "firms");
  b.observations = {obs(76, pm::Period::window(2020, 2024))};
  pm::Indicator total = indicator("total", pm::IndicatorKind::kCumulative, "firms");
  total.observations = {obs(100, pm::Period::window(2020, 2024)),
                        obs(121, pm::Period::window(2020, 2024), pm::Role::kTarget),
                        obs(150, pm::Period::window(2020, 2024), pm::Role::kProjection)};
  pm::Indicator sum = indicator("sum", pm::IndicatorKind::kRatio, "ratio");
  sum.relation.type = pm::RelationType::kSum;
  sum.relation.parts = {"a", "b"};
  sum.relation.total = "total";
  program.phases[0].indicators = {a, b, total, sum};
  const auto findings = pm::check(program);
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].kind, pm::FindingKind::kPartsExceedTotal);
  EXPECT_EQ(findings[0].stated, 100.0);
  EXPECT_EQ(findings[0].computed, 120.0);
  // 121 = 120 within the half units 0.5 * 3: consistent; 150 is a shortfall.
  EXPECT_EQ(findings[1].kind, pm::FindingKind::kSumShortfall);
  EXPECT_EQ(findings[1].mismatch, 30.0);
}

TEST(ProgramChecker, CumulativeDecreaseAndYearsOutsideThePhase) {
  pm::Program program = small_program();
  pm::Indicator linked = indicator("linked", pm::IndicatorKind::kCumulative, "cases");
  linked.observations = {obs(50, pm::Period::window(2020, 2021)),
                         obs(40, pm::Period::window(2020, 2022)),
                         obs(60, pm::Period::window(2020, 2024)),
                         obs(30, pm::Period::window(2020, 2022), pm::Role::kTarget),
                         obs(10, pm::Period::window(2018, 2019), pm::Role::kBaseline),
                         obs(70, pm::Period::window(2020, 2026), pm::Role::kTarget)};
  program.phases[0].indicators = {linked};
  const auto findings = pm::check(program);
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].kind, pm::FindingKind::kCumulativeDecrease);
  EXPECT_EQ(findings[0].years, (std::vector<int>{2020, 2021, 2022}));
  EXPECT_EQ(findings[0].stated, 40.0);
  EXPECT_EQ(findings[0].computed, 50.0);
  EXPECT_EQ(findings[0].mismatch, -10.0);
  EXPECT_EQ(findings[1].kind, pm::FindingKind::kYearOutsidePhase);
  EXPECT_EQ(findings[1].years, (std::vector<int>{2020, 2026}));
  EXPECT_EQ(findings[1].mismatch, 2.0);
}

pm::BudgetLine line(double amount, pm::FundingSource source, std::optional<int> year = {},
                    const std::string& component = "") {
  pm::BudgetLine out;
  out.amount = pm::Money(amount, pm::MoneyUnit::kEokwon);
  out.funding_source = source;
  out.year = year;
  out.component = component;
  out.source = "s";
  return out;
}

TEST(ProgramChecker, BudgetLinesAndFundingShares) {
  pm::Program program = small_program();
  pm::Budget budget;
  budget.total = pm::BudgetTotal{pm::Money(180, pm::MoneyUnit::kEokwon), pm::BudgetRole::kPlan, "s",
                                 pm::Confidence::kHigh, ""};
  budget.lines = {line(190, pm::FundingSource::kNational), line(40, pm::FundingSource::kLocal),
                  line(30, pm::FundingSource::kNational, 2021),
                  line(20, pm::FundingSource::kTotal, 2021),
                  line(5, pm::FundingSource::kTotal, 2019)};
  program.phases[0].budget = budget;
  const auto findings = pm::check(program);
  std::vector<std::string> kinds;
  for (const auto& finding : findings) {
    kinds.push_back(pm::to_string(finding.kind));
  }
  ASSERT_EQ(findings.size(), 4u) << ::testing::PrintToString(kinds);
  EXPECT_EQ(findings[0].kind, pm::FindingKind::kYearOutsidePhase);  // the 2019 line
  // national 190 > total 180 (105.6 %)
  EXPECT_EQ(findings[1].kind, pm::FindingKind::kFundingShareAbove100);
  EXPECT_EQ(findings[1].stated, 190.0);
  EXPECT_EQ(findings[1].computed, 180.0);
  EXPECT_EQ(findings[1].unit, "억원");
  EXPECT_NE(findings[1].message.find("105.6 %"), std::string::npos) << findings[1].message;
  // national + local = 230 > 180
  EXPECT_EQ(findings[2].kind, pm::FindingKind::kBudgetLinesExceedTotal);
  EXPECT_EQ(findings[2].stated, 230.0);
  // 2021: national 30 > total 20
  EXPECT_EQ(findings[3].kind, pm::FindingKind::kFundingShareAbove100);
  EXPECT_EQ(findings[3].years, std::vector<int>{2021});
}

TEST(ProgramChecker, ComponentAndYearlyLinesAboveTheirWhole) {
  pm::Program program = small_program();
  pm::Component component;
  component.id = "c1";
  component.name.en = "c1";
  program.phases[0].components = {component};
  pm::Budget budget;
  budget.total = pm::BudgetTotal{pm::Money(100, pm::MoneyUnit::kEokwon), pm::BudgetRole::kPlan, "s",
                                 pm::Confidence::kHigh, ""};
  budget.lines = {line(120, pm::FundingSource::kTotal, {}, "c1"),
                  line(60, pm::FundingSource::kTotal, 2020),
                  line(50, pm::FundingSource::kTotal, 2021)};
  program.phases[0].budget = budget;
  const auto findings = pm::check(program);
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].kind, pm::FindingKind::kBudgetLinesExceedTotal);
  EXPECT_EQ(findings[0].stated, 120.0);
  EXPECT_EQ(findings[1].kind, pm::FindingKind::kBudgetLinesExceedTotal);
  EXPECT_EQ(findings[1].stated, 110.0);
}

TEST(ProgramChecker, UnverifiableRelationsAreReported) {
  pm::Program program = small_program();
  pm::Indicator part = indicator("part", pm::IndicatorKind::kStock, "firms");
  part.observations = {obs(10, pm::Period::year(2023))};
  pm::Indicator whole = indicator("whole", pm::IndicatorKind::kStock, "firms");
  pm::Indicator share = indicator("share", pm::IndicatorKind::kRatio, "%");
  share.relation.type = pm::RelationType::kShare;
  share.relation.part = "part";
  share.relation.whole = "whole";
  share.observations = {obs(50, pm::Period::year(2023))};
  program.indicators = {part, whole, share};
  const auto findings = pm::check(program);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].kind, pm::FindingKind::kUnverifiable);
  EXPECT_EQ(findings[0].severity, "info");
  EXPECT_NE(findings[0].message.find("no value of 'whole' for 2023"), std::string::npos);
}

}  // namespace

namespace {

TEST(ProgramChecker, ShareAbove100PercentIsAPartExceedingItsWhole) {
  pm::Program program = small_program();
  pm::Indicator part = indicator("part", pm::IndicatorKind::kStock, "firms");
  part.observations = {obs(120, pm::Period::year(2023))};
  pm::Indicator whole = indicator("whole", pm::IndicatorKind::kStock, "firms");
  whole.observations = {obs(100, pm::Period::year(2023))};
  pm::Indicator share = indicator("share", pm::IndicatorKind::kRatio, "%");
  share.relation.type = pm::RelationType::kShare;
  share.relation.part = "part";
  share.relation.whole = "whole";
  share.observations = {obs(120, pm::Period::year(2023))};  // consistent with its parts
  program.indicators = {part, whole, share};
  const auto findings = pm::check(program);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].kind, pm::FindingKind::kPartsExceedTotal);
  EXPECT_EQ(findings[0].stated, 120.0);
  EXPECT_EQ(findings[0].computed, 100.0);
  EXPECT_EQ(findings[0].mismatch, 20.0);
  EXPECT_NE(findings[0].message.find("a share of 120.0 %"), std::string::npos)
      << findings[0].message;
}

}  // namespace

namespace {

// The embedded dataset (python/innozone/data/gimhae.json) answers the seed figures and the
// checker finds the two inconsistencies of seed-facts.md.
TEST(ProgramDataset, GimhaeFiguresAndFindings) {
  const pm::Document document =
      pm::load_document_file(std::string(INNOZONE_PACKAGE_DATA_DIR) + "/gimhae.json");
  const pm::Program& zone = document.program("gimhae-gangso");
  const pm::Period phase1 = pm::Period::window(2020, 2024);
  EXPECT_EQ(pm::value_at(zone.indicator("phase-1", "tech-transfer-equity"), phase1), 209.0);
  EXPECT_EQ(pm::value_at(zone.indicator("phase-1", "research-institute-companies"), phase1), 44.0);
  EXPECT_EQ(pm::value_at(zone.indicator("phase-1", "tech-startups"), phase1), 76.0);
  const pm::Indicator& investment = zone.indicator("phase-1", "investment-linked");
  EXPECT_EQ(pm::format_money(pm::value_at(investment, phase1) * investment.value_factor(),
                             pm::MoneyUnit::kEokwon),
            "1,030억원");
  const pm::Growth g = pm::growth(zone.indicator("", "biomedical-firms"), pm::Period::year(2020),
                                  pm::Period::year(2024));
  EXPECT_NEAR(g.cagr_percent, 27.4, 0.05);
  EXPECT_DOUBLE_EQ(pm::funding_share(zone.phase("phase-2"), pm::FundingSource::kNational), 0.5);
  int share = 0;
  int growth_found = 0;
  for (const auto& finding : pm::check(zone)) {
    if (finding.kind == pm::FindingKind::kShareMismatch && finding.stated == 92.0) {
      ++share;
      EXPECT_NEAR(finding.computed, 57.7, 0.05);
    }
    if (finding.kind == pm::FindingKind::kGrowthMismatch && finding.stated == 164.0) {
      ++growth_found;
      EXPECT_NEAR(finding.computed, 163.6, 0.05);
    }
  }
  EXPECT_EQ(share, 1);
  EXPECT_EQ(growth_found, 1);
  EXPECT_NO_THROW(
      pm::load_document_file(std::string(INNOZONE_PACKAGE_DATA_DIR) + "/gangso-zones.json"));
}

}  // namespace

namespace {

// The observation rule: where two observations give the same indicator and span, the later
// date wins (the observation's own date, else its source's date).
TEST(ProgramObservationRule, LaterDateWins) {
  pm::Indicator ric = indicator("ric", pm::IndicatorKind::kCumulative, "firms");
  ric.observations = {dated(20, pm::Period::window(2020, 2022), "", "2023-03-27"),
                      dated(27, pm::Period::window(2020, 2024), "2024-08"),
                      dated(30, pm::Period::window(2020, 2024), "2024-10")};
  EXPECT_EQ(pm::value_at(ric, pm::Period::window(2020, 2024)), 30.0);
  const std::vector<bool> old = pm::superseded(ric);
  EXPECT_EQ(old, (std::vector<bool>{false, true, false}));
  // File order does not matter.
  std::swap(ric.observations[1], ric.observations[2]);
  EXPECT_EQ(pm::value_at(ric, pm::Period::window(2020, 2024)), 30.0);
  EXPECT_EQ(pm::superseded(ric), (std::vector<bool>{false, false, true}));
  // The source's date counts when the observation has none.
  pm::Indicator jobs = indicator("jobs", pm::IndicatorKind::kCumulative, "persons");
  jobs.observations = {dated(620, pm::Period::window(2020, 2022), "", "2023-03-13"),
                       dated(618, pm::Period::window(2020, 2022), "", "2023-05-16")};
  EXPECT_EQ(pm::value_at(jobs, pm::Period::window(2020, 2022)), 618.0);
  // The later date beats a higher confidence; the role rank still comes first.
  pm::Indicator x = indicator("x", pm::IndicatorKind::kFlow, "cases");
  x.observations = {dated(1, pm::Period::year(2022), "2023-01"),
                    dated(2, pm::Period::year(2022), "2023-06")};
  x.observations[1].confidence = pm::Confidence::kLow;
  x.observations.push_back(obs(9, pm::Period::year(2022), pm::Role::kTarget));
  x.observations.back().date = "2024";
  EXPECT_EQ(pm::value_at(x, pm::Period::year(2022)), 2.0);
  EXPECT_EQ(pm::value_at(x, pm::Period::year(2022), pm::Role::kTarget), 9.0);
}

TEST(ProgramObservationRule, UndatedAndCoarseDatesFallBackToConfidenceThenFileOrder) {
  EXPECT_EQ(pm::compare_dates("2024-10", "2024-08"), 1);
  EXPECT_EQ(pm::compare_dates("2023-03-13", "2023-05-16"), -1);
  EXPECT_EQ(pm::compare_dates("2024", "2024-10"), 0);
  EXPECT_EQ(pm::compare_dates("", "2024-10"), 0);
  EXPECT_EQ(pm::compare_dates("2025", "2024-12-31"), 1);
  pm::Indicator x = indicator("x", pm::IndicatorKind::kFlow, "cases");
  x.observations = {obs(1, pm::Period::year(2022), pm::Role::kActual, pm::Confidence::kMedium),
                    obs(2, pm::Period::year(2022), pm::Role::kActual, pm::Confidence::kHigh),
                    obs(3, pm::Period::year(2022), pm::Role::kActual, pm::Confidence::kHigh)};
  EXPECT_EQ(pm::value_at(x, pm::Period::year(2022)), 2.0);
  EXPECT_EQ(pm::superseded(x), (std::vector<bool>{true, false, true}));
}

TEST(ProgramObservationRule, AnnualValuesUseTheLaterSnapshot) {
  // Gimhae: research-institute companies over 2020-2021 were 15 (2021-01), 20 (2021-03) and
  // 22 (2022-03); the 2021 value derived from the 12 of 2020 is 22 - 12 = 10.
  pm::Indicator ric = indicator("ric", pm::IndicatorKind::kCumulative, "firms");
  ric.observations = {dated(12, pm::Period::window(2020, 2020), "", "2021-01-25"),
                      dated(15, pm::Period::window(2020, 2021), "2021-01"),
                      dated(20, pm::Period::window(2020, 2021), "2021-03"),
                      dated(22, pm::Period::window(2020, 2021), "2022-03")};
  EXPECT_EQ(pm::value_at(ric, pm::Period::year(2021)), 10.0);
}

TEST(ProgramObservationRule, CheckerReportsSupersededValuesAndSkipsThem) {
  pm::Program program = small_program();
  pm::Indicator ric = indicator("ric", pm::IndicatorKind::kCumulative, "firms");
  // An outdated snapshot larger than a longer window would be a "cumulative decrease";
  // superseded, it is only reported as replaced.
  ric.observations = {dated(25, pm::Period::window(2020, 2021), "2021-06"),
                      dated(20, pm::Period::window(2020, 2021), "2022-03"),
                      dated(22, pm::Period::window(2020, 2022), "2023-03")};
  program.indicators = {ric};
  const auto findings = pm::check(program);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].kind, pm::FindingKind::kSuperseded);
  EXPECT_EQ(findings[0].severity, "info");
  EXPECT_EQ(findings[0].stated, 25.0);
  EXPECT_EQ(findings[0].computed, 20.0);
  EXPECT_NE(findings[0].message.find("20 firms (s, 2022-03) supersedes 25 firms (s, 2021-06)"),
            std::string::npos)
      << findings[0].message;
  EXPECT_STREQ(pm::to_string(pm::FindingKind::kSuperseded), "superseded");
}

TEST(ProgramObservationRule, CoverageOfAWindowByItsDate) {
  const pm::Period window = pm::Period::window(2020, 2024);
  pm::Coverage c = pm::coverage(dated(30, window, "2024-10"));
  EXPECT_EQ(c.status, pm::CoverageStatus::kPartial);
  EXPECT_DOUBLE_EQ(c.years, 4.0 + 10.0 / 12.0);
  EXPECT_EQ(c.through, "2024-10");
  c = pm::coverage(dated(30, window, "", "2025-01-21"));
  EXPECT_EQ(c.status, pm::CoverageStatus::kComplete);
  EXPECT_DOUBLE_EQ(c.years, 5.0);
  c = pm::coverage(dated(14, pm::Period::window(2022, 2026), "2024-06"));
  EXPECT_EQ(c.status, pm::CoverageStatus::kFuture);
  EXPECT_DOUBLE_EQ(c.years, 2.5);
  c = pm::coverage(dated(1, window, "2024-10-24"));
  EXPECT_NEAR(c.years, 4.0 + (9.0 + 24.0 / 31.0) / 12.0, 1e-12);
  c = pm::coverage(obs(1, window));
  EXPECT_EQ(c.status, pm::CoverageStatus::kUndated);
  EXPECT_DOUBLE_EQ(c.years, 5.0);
  c = pm::coverage(dated(1, window, "2019-06"));
  EXPECT_EQ(c.status, pm::CoverageStatus::kBeforePeriod);
  EXPECT_DOUBLE_EQ(c.years, 0.0);
  c = pm::coverage(dated(1, window, "2024"));
  EXPECT_EQ(c.status, pm::CoverageStatus::kComplete);
}

TEST(ProgramObservationRule, LoadersAttachSourceDates) {
  const pm::Document document =
      pm::load_document_file(std::string(INNOZONE_PACKAGE_DATA_DIR) + "/gangso-zones.json");
  const pm::Indicator& ric =
      document.program("changwon").indicator("phase-1", "research-institute-companies");
  EXPECT_EQ(ric.observations[0].source_date, "2023-03-27");
  EXPECT_EQ(pm::value_at(ric, pm::Period::window(2020, 2024)), 30.0);
  for (const char* id : {"tech-transfer-equity", "startups", "revenue", "investment"}) {
    const pm::Indicator& item = document.program("changwon").indicator("phase-1", id);
    const double value = pm::value_at(item, pm::Period::window(2020, 2024));
    EXPECT_EQ(value, std::string(id) == "tech-transfer-equity" ? 104.0
                     : std::string(id) == "startups"           ? 52.0
                     : std::string(id) == "revenue"            ? 1055.0
                                                               : 1101.0)
        << id;
  }
  // Writing and reading again keeps the rule (source dates are not written).
  const pm::Document again = pm::load_document(pm::dump_document(document));
  EXPECT_EQ(again, document);
  EXPECT_EQ(
      pm::value_at(again.program("changwon").indicator("phase-1", "research-institute-companies"),
                   pm::Period::window(2020, 2024)),
      30.0);
}

// The sum relation: a period of the total for which no part has a value is not a finding;
// one info finding says so when no period can be checked at all.
TEST(ProgramChecker, SumWithoutPartsForSomeYearsIsNotReportedPerYear) {
  pm::Program program = small_program();
  pm::Indicator total = indicator("total", pm::IndicatorKind::kStock, "firms");
  total.observations = {obs(100, pm::Period::year(2020)), obs(120, pm::Period::year(2021)),
                        obs(130, pm::Period::year(2022))};
  pm::Indicator a = indicator("a", pm::IndicatorKind::kStock, "firms");
  a.observations = {obs(70, pm::Period::year(2021))};
  pm::Indicator b = indicator("b", pm::IndicatorKind::kStock, "firms");
  b.observations = {obs(50, pm::Period::year(2021))};
  pm::Indicator sum = indicator("sum", pm::IndicatorKind::kRatio, "ratio");
  sum.relation.type = pm::RelationType::kSum;
  sum.relation.parts = {"a", "b"};
  sum.relation.total = "total";
  program.indicators = {total, a, b, sum};
  EXPECT_TRUE(pm::check(program).empty());
  // A part missing where the other exists is still reported for that year.
  program.indicators[2].observations.push_back(obs(5, pm::Period::year(2022)));
  auto findings = pm::check(program);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].kind, pm::FindingKind::kUnverifiable);
  EXPECT_NE(findings[0].message.find("for 2022"), std::string::npos);
  // No period with parts at all: one finding for the relation.
  program.indicators[1].observations.clear();
  program.indicators[2].observations = {obs(5, pm::Period::year(2019))};
  findings = pm::check(program);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_NE(findings[0].message.find("the parts have no value for any period"), std::string::npos);
}

}  // namespace
