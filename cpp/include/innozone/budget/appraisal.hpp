/// @file appraisal.hpp
/// @brief Time value of money and project appraisal: nominal and real money, discounting
///        with an explicit timing convention, NPV, benefit-cost ratio, every IRR root,
///        MIRR, payback, equivalent annual value, and dated cash flows (XNPV / XIRR).
///
/// Timing convention. Flow i (i = 0, 1, ..., n-1) belongs to year i of the appraisal, and
/// t = 0 is the first year. Its discount factor is (1 + r)^-(i + offset) with offset 0 for
/// Timing::kBeginning (the flow falls on the first day of its year; this is
/// numpy-financial's `npv`), 0.5 for Timing::kMiddle (mid-year, the usual assumption for
/// spending spread through a year), and 1 for Timing::kEnd (the last day of the year; this
/// is what a spreadsheet's NPV function does, which discounts its first flow one full
/// period). So spreadsheet NPV(r, v) = npv(r, v, kEnd) = npv(r, v, kBeginning) / (1 + r).
/// The IRR does not depend on the timing: shifting every flow by the same offset multiplies
/// the NPV by a positive factor.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "innozone/common/parallel.hpp"

namespace innozone::budget {

/// Korea's real social discount rate for pre-feasibility studies (예비타당성조사): 4.5 %,
/// set by the Ministry of Economy and Finance in August 2017 (Newsis, 2017-08-11,
/// http://m.newsis.com/view.html?ar_id=NISX20170811_0000065386).
constexpr double kKoreaSocialDiscountRate = 0.045;
/// The rate in force from the 2007 studies until July 2017: 5.5 % (same source).
constexpr double kKoreaSocialDiscountRate2007 = 0.055;
/// The rate before 2007: 6.5 % (same source; medium confidence).
constexpr double kKoreaSocialDiscountRatePre2007 = 0.065;

/// The Korean pre-feasibility social discount rate in force in year/month.
double korea_social_discount_rate(int year, int month = 12);

/// When in its year a flow falls.
enum class Timing { kBeginning, kMiddle, kEnd };
/// Parse "beginning", "middle" or "end".
Timing parse_timing(const std::string& name);
/// 0, 0.5 or 1.
double timing_offset(Timing timing) noexcept;

/// Discount factors (1 + rate)^-(i + offset), i = 0..n-1. rate must exceed -1.
std::vector<double> discount_factors(std::size_t n, double rate, Timing timing);

/// Net present value of flows[0..n-1] at `rate` under `timing`.
double npv(double rate, const std::vector<double>& flows, Timing timing);

/// Present values of a benefit and a cost stream, the NPV and the B/C ratio.
struct BenefitCost {
  double pv_benefits = 0.0;
  double pv_costs = 0.0;
  double npv = 0.0;       ///< pv_benefits - pv_costs
  double bc_ratio = 0.0;  ///< pv_benefits / pv_costs
};
/// Benefits and costs are non-negative yearly streams of equal length; costs must have a
/// positive present value.
BenefitCost benefit_cost(double rate, const std::vector<double>& benefits,
                         const std::vector<double>& costs, Timing timing);

/// Every IRR in a bracket.
struct IrrRoots {
  std::vector<double> roots;  ///< ascending; every r in [lower, upper] with NPV(r) = 0
  int sign_changes = 0;       ///< sign changes of the flows (Descartes' bound on the roots)
  double lower = 0.0;
  double upper = 0.0;
};

/// Default IRR search bracket: -99 % .. +10,000 % a period.
constexpr double kIrrLower = -0.99;
constexpr double kIrrUpper = 100.0;

/// All IRRs in [lower, upper]. The NPV is a polynomial in x = 1 / (1 + r); its real roots
/// in the bracket are isolated between the roots of its derivatives (recursively) and
/// each is polished by safeguarded Newton steps to machine precision, so no sign change is
/// skipped; touching (double) roots are reported too. Throws NumericalError when there is
/// no root (flows of one sign, or every root outside the bracket).
IrrRoots irr_all(const std::vector<double>& flows, double lower = kIrrLower,
                 double upper = kIrrUpper);

/// One IRR when there are several: the smallest non-negative root, or, when every root is
/// negative, the root closest to zero. This is the selection of numpy-financial's current
/// development version (its _irr_default_selection; its tests gh_39 and gh_44 expect it).
/// numpy-financial 1.0.0, the release on PyPI, returns the root closest to zero instead,
/// which can be a negative root next to a positive one (-1.8 % against 12 % in gh_39).
double irr(const std::vector<double>& flows, double lower = kIrrLower, double upper = kIrrUpper);

/// Modified IRR: negative flows discounted to year 0 at finance_rate, positive flows
/// compounded to year n-1 at reinvest_rate; ((FV+ / PV-)^(1/(n-1))) - 1 (numpy-financial's
/// definition). Throws NumericalError without at least one positive and one negative flow
/// (numpy-financial returns NaN there).
double mirr(const std::vector<double>& flows, double finance_rate, double reinvest_rate);

/// Payback: the first year in which the cumulative (optionally discounted) flow becomes and
/// stays >= 0.
struct Payback {
  bool reached = false;
  int period = -1;          ///< index of that year (t = 0 is the first year), -1 if never
  double fractional = 0.0;  ///< period - 1 + share of that year's flow needed (linear)
};
/// discount_rate NaN means undiscounted payback.
Payback payback(const std::vector<double>& flows, double discount_rate, Timing timing);

/// Equivalent annual value: the constant yearly amount over n years, with the same
/// timing, whose present value is `present_value`: PV / sum(discount_factors).
/// With Timing::kEnd this is numpy-financial's -pmt(rate, n, PV).
double equivalent_annual_value(double present_value, double rate, std::size_t n, Timing timing);

/// Day-count conventions for dated flows.
enum class DayCount { kAct365F, kAct360, kActActIsda };
/// Parse "ACT/365F", "ACT/360" or "ACT/ACT" (ISDA).
DayCount parse_day_count(const std::string& name);
/// Year fraction between two dates given as days since 1970-01-01 (d1 may precede d0:
/// the fraction is then negative).
double year_fraction(std::int64_t d0, std::int64_t d1, DayCount day_count);

/// NPV of dated flows: sum c_i (1 + rate)^-yf(valuation, d_i). `valuation` is a day
/// number (days since 1970-01-01); by convention callers pass the first date.
double xnpv(double rate, const std::vector<std::int64_t>& days, const std::vector<double>& flows,
            DayCount day_count, std::int64_t valuation);

/// Every XIRR in [lower, upper]. With one sign change in the flows (ordered by date) the
/// root is unique (Descartes' rule holds for exponential sums) and is bracketed directly;
/// otherwise the bracket is scanned on a fine grid in log(1 + r) (4,096 cells) and every
/// sign change is refined, and `sign_changes` reports the upper bound on the number of
/// roots. Throws NumericalError when there is none.
IrrRoots xirr_all(const std::vector<std::int64_t>& days, const std::vector<double>& flows,
                  DayCount day_count, double lower = kIrrLower, double upper = kIrrUpper);

/// Price index (deflator) from yearly inflation rates: inflation[i] is the rise of the
/// price level from years[i] - 1 to years[i] (so inflation of the first year is unused
/// unless that year precedes the base year). The index is 1 in base_year, which must be
/// one of `years`; years must be consecutive.
std::vector<double> deflator_from_inflation(const std::vector<int>& years,
                                            const std::vector<double>& inflation, int base_year);

/// Nominal money to real money of base_year: real = nominal * index[base] / index[year].
/// The index covers index_years (any order, each year once); every year of `years` and
/// base_year must be among them (OutOfRange otherwise).
std::vector<double> to_real(const std::vector<int>& years, const std::vector<double>& nominal,
                            const std::vector<int>& index_years, const std::vector<double>& index,
                            int base_year);
/// Real money of base_year to nominal money (the inverse of to_real).
std::vector<double> to_nominal(const std::vector<int>& years, const std::vector<double>& real,
                               const std::vector<int>& index_years,
                               const std::vector<double>& index, int base_year);

/// NPV of many scenarios at once: flows is row-major (n_scenarios x n_periods); rates has
/// one entry (shared) or n_scenarios entries. Writes n_scenarios values to out.
void npv_batch(const double* flows, std::size_t n_scenarios, std::size_t n_periods,
               const double* rates, std::size_t n_rates, Timing timing, double* out,
               const ParallelOptions& options = {});

/// IRR of many scenarios: for each row the root irr() picks (NaN when there is none)
/// and the number of roots in the bracket (-1 when the row is too long for the bracket:
/// the NPV polynomial overflows near `lower`).
void irr_batch(const double* flows, std::size_t n_scenarios, std::size_t n_periods, double lower,
               double upper, double* out_rate, std::int32_t* out_count,
               const ParallelOptions& options = {});

namespace detail {
/// out[r] = sum_i f[r * n + i] * d[i] (the portable kernel of npv_batch; npv_batch uses an
/// AVX2 version instead when the CPU has it). Exposed for tests.
void npv_rows_portable(const double* f, std::size_t rows, std::size_t n, const double* d,
                       double* out);
}  // namespace detail

}  // namespace innozone::budget
