#include "innozone/budget/appraisal.hpp"

#include <Eigen/Core>

#if defined(__GNUC__) && defined(__x86_64__)
#include <immintrin.h>
#endif

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <sstream>

#include "innozone/common/error.hpp"

namespace innozone::budget {

namespace {

constexpr double kEps = std::numeric_limits<double>::epsilon();

void check_rate(double rate, const std::string& what) {
  if (!std::isfinite(rate) || rate <= -1.0) {
    throw InvalidInput(what + ": rate must be a finite number above -1 (-100 %), got " +
                       format_value(rate));
  }
}

void check_flows(const std::vector<double>& flows, const std::string& what) {
  if (flows.empty()) {
    throw InvalidInput(what + ": no cash flows given");
  }
  for (std::size_t i = 0; i < flows.size(); ++i) {
    if (!std::isfinite(flows[i])) {
      throw InvalidInput(what + ": cash flow of period " + std::to_string(i) +
                         " is not a finite number (" + format_value(flows[i]) + ")");
    }
  }
}

void check_bracket(double lower, double upper, const std::string& what) {
  if (!(lower > -1.0) || !(upper > lower) || !std::isfinite(upper)) {
    throw InvalidInput(what + ": the search bracket needs -1 < lower < upper < inf, got [" +
                       format_value(lower) + ", " + format_value(upper) + "]");
  }
}

// ---- polynomials in x = 1 / (1 + r); coefficients by increasing degree -------------------

inline void horner(const double* c, std::size_t m, double x, double& p, double& dp) noexcept {
  p = c[m - 1];
  dp = 0.0;
  for (std::size_t i = m - 1; i-- > 0;) {
    dp = dp * x + p;
    p = p * x + c[i];
  }
}

inline double horner_value(const double* c, std::size_t m, double x) noexcept {
  double p = c[m - 1];
  for (std::size_t i = m - 1; i-- > 0;) p = p * x + c[i];
  return p;
}

inline double magnitude(const double* c, std::size_t m, double x) noexcept {
  double p = std::abs(c[m - 1]);
  for (std::size_t i = m - 1; i-- > 0;) p = p * x + std::abs(c[i]);
  return p;
}

/// Root of a polynomial in [a, b] where p(a) and p(b) have opposite signs (fa = p(a)):
/// Newton steps kept inside a shrinking bracket, bisection when a step leaves it.
double polish(const double* c, std::size_t m, double a, double b, double fa,
              double guess) noexcept {
  double x = (guess > a && guess < b) ? guess : 0.5 * (a + b);
  for (int iteration = 0; iteration < 300; ++iteration) {
    double f = 0.0;
    double df = 0.0;
    horner(c, m, x, f, df);
    if (f == 0.0) return x;
    if ((f < 0.0) == (fa < 0.0)) {
      a = x;
      fa = f;
    } else {
      b = x;
    }
    double next = x - f / df;
    if (!(df != 0.0) || !(next > a && next < b)) next = 0.5 * (a + b);
    const double step = std::abs(next - x);
    x = next;
    if (step <= 2.0 * kEps * std::abs(x) || (b - a) <= 2.0 * kEps * std::abs(x)) break;
  }
  return x;
}

int sign_changes_of(const double* c, std::size_t m) noexcept {
  int changes = 0;
  int last = 0;
  for (std::size_t i = 0; i < m; ++i) {
    const int s = (c[i] > 0.0) - (c[i] < 0.0);
    if (s == 0) continue;
    if (last != 0 && s != last) ++changes;
    last = s;
  }
  return changes;
}

/// Real roots of the polynomial c (degree m-1, c[m-1] != 0) in [a, b], appended to out.
/// The roots of the derivative split [a, b] into pieces on which p is monotone.
void roots_in(const std::vector<double>& c, double a, double b, std::vector<double>& out) {
  const std::size_t m = c.size();
  if (m <= 1) return;
  if (m == 2) {
    const double x = -c[0] / c[1];
    if (x >= a && x <= b) out.push_back(x);
    return;
  }
  std::vector<double> derivative(m - 1);
  for (std::size_t i = 0; i + 1 < m; ++i) derivative[i] = static_cast<double>(i + 1) * c[i + 1];
  std::vector<double> critical;
  roots_in(derivative, a, b, critical);
  std::sort(critical.begin(), critical.end());
  std::vector<double> points;
  points.reserve(critical.size() + 2);
  points.push_back(a);
  for (double x : critical) {
    if (x > a && x < b) points.push_back(x);
  }
  points.push_back(b);
  std::vector<double> values(points.size());
  for (std::size_t k = 0; k < points.size(); ++k) {
    values[k] = horner_value(c.data(), m, points[k]);
  }
  for (std::size_t k = 0; k < points.size(); ++k) {
    const double x = points[k];
    const bool touching =
        std::abs(values[k]) <= 64.0 * kEps * magnitude(c.data(), m, x) * static_cast<double>(m);
    if (values[k] == 0.0 || (touching && k > 0 && k + 1 < points.size())) {
      out.push_back(x);
    }
    if (k + 1 < points.size() && values[k] != 0.0 && values[k + 1] != 0.0 &&
        ((values[k] < 0.0) != (values[k + 1] < 0.0))) {
      out.push_back(polish(c.data(), m, x, points[k + 1], values[k], 0.5 * (x + points[k + 1])));
    }
  }
}

/// Trim zero coefficients: highest-degree zeros lower the degree; lowest-degree zeros are
/// roots at x = 0 (r = +inf) and are divided out. Returns false when every flow is zero.
bool trimmed(const double* flows, std::size_t n, std::vector<double>& c) {
  std::size_t first = 0;
  while (first < n && flows[first] == 0.0) ++first;
  if (first == n) return false;
  std::size_t last = n;
  while (last > first && flows[last - 1] == 0.0) --last;
  c.assign(flows + first, flows + last);
  return true;
}

/// Roots r in [lower, upper], ascending. Returns the sign-change count, -1 when all flows
/// are zero, -2 when the polynomial overflows at the bracket's lower end.
int find_irr_roots(const double* flows, std::size_t n, double lower, double upper,
                   std::vector<double>& c, std::vector<double>& x_roots,
                   std::vector<double>& roots) {
  roots.clear();
  x_roots.clear();
  if (!trimmed(flows, n, c)) return -1;
  const std::size_t m = c.size();
  const int changes = sign_changes_of(c.data(), m);
  if (changes == 0 || m < 2) return changes;
  const double a = 1.0 / (1.0 + upper);
  const double b = 1.0 / (1.0 + lower);
  if (!std::isfinite(magnitude(c.data(), m, b))) return -2;
  if (changes == 1) {
    // Descartes: exactly one positive root; bracket it directly.
    const double fa = horner_value(c.data(), m, a);
    const double fb = horner_value(c.data(), m, b);
    if (fa == 0.0) {
      x_roots.push_back(a);
    } else if (fb == 0.0) {
      x_roots.push_back(b);
    } else if ((fa < 0.0) != (fb < 0.0)) {
      x_roots.push_back(polish(c.data(), m, a, b, fa, 1.0 / 1.1));
    }
  } else {
    roots_in(c, a, b, x_roots);
  }
  for (double x : x_roots) {
    if (x > 0.0) {
      const double r = 1.0 / x - 1.0;
      if (r >= lower && r <= upper) roots.push_back(r);
    }
  }
  std::sort(roots.begin(), roots.end());
  roots.erase(std::unique(roots.begin(), roots.end(),
                          [](double p, double q) {
                            return std::abs(p - q) <= 1e-12 * std::max(1.0, std::abs(q));
                          }),
              roots.end());
  return changes;
}

/// The smallest non-negative root; when every root is negative, the one closest to zero
/// (roots ascending). NaN without roots.
double preferred_root(const std::vector<double>& roots) noexcept {
  if (roots.empty()) return std::nan("");
  for (double r : roots) {
    if (r >= 0.0) return r;
  }
  return roots.back();
}

// ---- calendar -----------------------------------------------------------------------------

std::int64_t leaps_before(std::int64_t year) noexcept {
  const std::int64_t y = year - 1;
  auto floor_div = [](std::int64_t p, std::int64_t q) {
    return (p >= 0) ? p / q : -((-p + q - 1) / q);
  };
  return floor_div(y, 4) - floor_div(y, 100) + floor_div(y, 400);
}

std::int64_t jan1(std::int64_t year) noexcept {
  return 365 * (year - 1970) + leaps_before(year) - leaps_before(1970);
}

std::int64_t year_of(std::int64_t day) noexcept {
  auto year = static_cast<std::int64_t>(std::floor(static_cast<double>(day) / 365.2425)) + 1970;
  while (jan1(year) > day) --year;
  while (jan1(year + 1) <= day) ++year;
  return year;
}

}  // namespace

double korea_social_discount_rate(int year, int month) {
  if (month < 1 || month > 12) {
    throw InvalidInput("korea_social_discount_rate: month must be 1..12, got " +
                       std::to_string(month));
  }
  if (year > 2017 || (year == 2017 && month >= 8)) return kKoreaSocialDiscountRate;
  if (year >= 2007) return kKoreaSocialDiscountRate2007;
  return kKoreaSocialDiscountRatePre2007;
}

Timing parse_timing(const std::string& name) {
  if (name == "beginning" || name == "begin" || name == "start") return Timing::kBeginning;
  if (name == "middle" || name == "mid") return Timing::kMiddle;
  if (name == "end") return Timing::kEnd;
  throw InvalidInput("timing: unknown convention '" + name + "'; use beginning, middle or end");
}

double timing_offset(Timing timing) noexcept {
  switch (timing) {
    case Timing::kBeginning:
      return 0.0;
    case Timing::kMiddle:
      return 0.5;
    case Timing::kEnd:
      return 1.0;
  }
  return 0.0;
}

std::vector<double> discount_factors(std::size_t n, double rate, Timing timing) {
  check_rate(rate, "discount_factors");
  const double offset = timing_offset(timing);
  std::vector<double> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    out[i] = std::pow(1.0 + rate, -(static_cast<double>(i) + offset));
  }
  return out;
}

double npv(double rate, const std::vector<double>& flows, Timing timing) {
  check_rate(rate, "npv");
  check_flows(flows, "npv");
  const std::vector<double> d = discount_factors(flows.size(), rate, timing);
  double sum = 0.0;
  for (std::size_t i = 0; i < flows.size(); ++i) sum += flows[i] * d[i];
  return sum;
}

BenefitCost benefit_cost(double rate, const std::vector<double>& benefits,
                         const std::vector<double>& costs, Timing timing) {
  check_rate(rate, "benefit_cost");
  if (benefits.size() != costs.size()) {
    throw InvalidInput("benefit_cost: " + std::to_string(benefits.size()) + " benefit years but " +
                       std::to_string(costs.size()) + " cost years");
  }
  check_flows(benefits, "benefit_cost, benefits");
  check_flows(costs, "benefit_cost, costs");
  for (std::size_t i = 0; i < costs.size(); ++i) {
    if (benefits[i] < 0.0 || costs[i] < 0.0) {
      throw InvalidInput("benefit_cost: benefits and costs must be >= 0; period " +
                         std::to_string(i) + " has benefit " + format_value(benefits[i]) +
                         " and cost " + format_value(costs[i]));
    }
  }
  BenefitCost out;
  out.pv_benefits = npv(rate, benefits, timing);
  out.pv_costs = npv(rate, costs, timing);
  if (!(out.pv_costs > 0.0)) {
    throw NumericalError("benefit_cost: the present value of costs is 0, B/C is undefined");
  }
  out.npv = out.pv_benefits - out.pv_costs;
  out.bc_ratio = out.pv_benefits / out.pv_costs;
  return out;
}

IrrRoots irr_all(const std::vector<double>& flows, double lower, double upper) {
  check_flows(flows, "irr");
  check_bracket(lower, upper, "irr");
  std::vector<double> c;
  std::vector<double> x_roots;
  IrrRoots out;
  out.lower = lower;
  out.upper = upper;
  const int changes =
      find_irr_roots(flows.data(), flows.size(), lower, upper, c, x_roots, out.roots);
  if (changes == -1) {
    throw NumericalError("irr: every cash flow is zero, so every rate is an IRR");
  }
  if (changes == -2) {
    throw NumericalError("irr: with " + std::to_string(flows.size()) +
                         " periods the NPV overflows near the lower end of the bracket (" +
                         format_value(lower) + "); raise `lower`");
  }
  out.sign_changes = changes;
  if (changes == 0) {
    throw NumericalError(
        "irr: the cash flows never change sign, so no IRR exists (NPV is never zero)");
  }
  if (out.roots.empty()) {
    throw NumericalError("irr: no IRR in the bracket [" + format_value(lower) + ", " +
                         format_value(upper) + "] although the flows change sign " +
                         std::to_string(changes) + " time(s); widen the bracket");
  }
  return out;
}

double irr(const std::vector<double>& flows, double lower, double upper) {
  return preferred_root(irr_all(flows, lower, upper).roots);
}

double mirr(const std::vector<double>& flows, double finance_rate, double reinvest_rate) {
  check_flows(flows, "mirr");
  check_rate(finance_rate, "mirr, finance_rate");
  check_rate(reinvest_rate, "mirr, reinvest_rate");
  if (flows.size() < 2) {
    throw InvalidInput("mirr: needs at least two periods");
  }
  double pv_negative = 0.0;
  double pv_positive = 0.0;
  for (std::size_t i = 0; i < flows.size(); ++i) {
    const double t = static_cast<double>(i);
    if (flows[i] < 0.0) pv_negative += flows[i] * std::pow(1.0 + finance_rate, -t);
    if (flows[i] > 0.0) pv_positive += flows[i] * std::pow(1.0 + reinvest_rate, -t);
  }
  if (pv_negative == 0.0 || pv_positive == 0.0) {
    throw NumericalError("mirr: needs at least one positive and one negative cash flow");
  }
  const double n = static_cast<double>(flows.size());
  return std::pow(std::abs(pv_positive) / std::abs(pv_negative), 1.0 / (n - 1.0)) *
             (1.0 + reinvest_rate) -
         1.0;
}

Payback payback(const std::vector<double>& flows, double discount_rate, Timing timing) {
  check_flows(flows, "payback");
  std::vector<double> f(flows);
  if (!std::isnan(discount_rate)) {
    const std::vector<double> d = discount_factors(flows.size(), discount_rate, timing);
    for (std::size_t i = 0; i < f.size(); ++i) f[i] *= d[i];
  }
  std::vector<double> cumulative(f.size());
  std::partial_sum(f.begin(), f.end(), cumulative.begin());
  Payback out;
  std::ptrdiff_t last_negative = -1;
  for (std::size_t i = 0; i < cumulative.size(); ++i) {
    if (cumulative[i] < 0.0) last_negative = static_cast<std::ptrdiff_t>(i);
  }
  if (last_negative + 1 >= static_cast<std::ptrdiff_t>(f.size())) {
    return out;
  }
  out.reached = true;
  out.period = static_cast<int>(last_negative + 1);
  if (last_negative < 0) {
    out.fractional = 0.0;
  } else {
    const auto k = static_cast<std::size_t>(out.period);
    out.fractional = static_cast<double>(out.period) - 1.0 + (-cumulative[k - 1]) / f[k];
  }
  return out;
}

double equivalent_annual_value(double present_value, double rate, std::size_t n, Timing timing) {
  if (n == 0) {
    throw InvalidInput("equivalent_annual_value: needs at least one year");
  }
  if (!std::isfinite(present_value)) {
    throw InvalidInput("equivalent_annual_value: present value is not finite");
  }
  const std::vector<double> d = discount_factors(n, rate, timing);
  return present_value / std::accumulate(d.begin(), d.end(), 0.0);
}

DayCount parse_day_count(const std::string& name) {
  std::string upper(name);
  for (auto& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  if (upper == "ACT/365F" || upper == "ACT/365" || upper == "ACT/365 FIXED")
    return DayCount::kAct365F;
  if (upper == "ACT/360") return DayCount::kAct360;
  if (upper == "ACT/ACT" || upper == "ACT/ACT ISDA" || upper == "ACT/ACT-ISDA") {
    return DayCount::kActActIsda;
  }
  throw InvalidInput("day_count: unknown convention '" + name +
                     "'; use ACT/365F, ACT/360 or ACT/ACT");
}

double year_fraction(std::int64_t d0, std::int64_t d1, DayCount day_count) {
  switch (day_count) {
    case DayCount::kAct365F:
      return static_cast<double>(d1 - d0) / 365.0;
    case DayCount::kAct360:
      return static_cast<double>(d1 - d0) / 360.0;
    case DayCount::kActActIsda: {
      if (d1 < d0) return -year_fraction(d1, d0, day_count);
      double fraction = 0.0;
      std::int64_t day = d0;
      while (day < d1) {
        const std::int64_t year = year_of(day);
        const std::int64_t next = std::min(jan1(year + 1), d1);
        const double length = static_cast<double>(jan1(year + 1) - jan1(year));
        fraction += static_cast<double>(next - day) / length;
        day = next;
      }
      return fraction;
    }
  }
  return 0.0;
}

namespace {

struct DatedFlows {
  std::vector<double> t;  // year fractions, ascending
  std::vector<double> c;
};

DatedFlows dated(const std::vector<std::int64_t>& days, const std::vector<double>& flows,
                 DayCount day_count, std::int64_t valuation, const std::string& what) {
  if (days.size() != flows.size()) {
    throw InvalidInput(what + ": " + std::to_string(days.size()) + " dates but " +
                       std::to_string(flows.size()) + " cash flows");
  }
  check_flows(flows, what);
  std::vector<std::size_t> order(days.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&days](std::size_t p, std::size_t q) { return days[p] < days[q]; });
  DatedFlows out;
  for (std::size_t k : order) {
    out.t.push_back(year_fraction(valuation, days[k], day_count));
    out.c.push_back(flows[k]);
  }
  return out;
}

// g(s) = sum c_i exp(-t_i s), s = log(1 + r), and its derivative.
inline void exp_sum(const DatedFlows& f, double s, double& g, double& dg) noexcept {
  g = 0.0;
  dg = 0.0;
  for (std::size_t i = 0; i < f.t.size(); ++i) {
    const double term = f.c[i] * std::exp(-f.t[i] * s);
    g += term;
    dg -= f.t[i] * term;
  }
}

double polish_exp(const DatedFlows& f, double a, double b, double ga) noexcept {
  double s = 0.5 * (a + b);
  for (int iteration = 0; iteration < 300; ++iteration) {
    double g = 0.0;
    double dg = 0.0;
    exp_sum(f, s, g, dg);
    if (g == 0.0) return s;
    if ((g < 0.0) == (ga < 0.0)) {
      a = s;
      ga = g;
    } else {
      b = s;
    }
    double next = s - g / dg;
    if (!(dg != 0.0) || !(next > a && next < b)) next = 0.5 * (a + b);
    const double step = std::abs(next - s);
    s = next;
    if (step <= 4.0 * kEps * std::max(1.0, std::abs(s)) || (b - a) <= 4.0 * kEps) break;
  }
  return s;
}

}  // namespace

double xnpv(double rate, const std::vector<std::int64_t>& days, const std::vector<double>& flows,
            DayCount day_count, std::int64_t valuation) {
  check_rate(rate, "xnpv");
  const DatedFlows f = dated(days, flows, day_count, valuation, "xnpv");
  double sum = 0.0;
  for (std::size_t i = 0; i < f.t.size(); ++i) sum += f.c[i] * std::pow(1.0 + rate, -f.t[i]);
  return sum;
}

IrrRoots xirr_all(const std::vector<std::int64_t>& days, const std::vector<double>& flows,
                  DayCount day_count, double lower, double upper) {
  check_bracket(lower, upper, "xirr");
  if (days.empty()) {
    throw InvalidInput("xirr: no cash flows given");
  }
  const std::int64_t first = *std::min_element(days.begin(), days.end());
  const DatedFlows f = dated(days, flows, day_count, first, "xirr");
  IrrRoots out;
  out.lower = lower;
  out.upper = upper;
  out.sign_changes = sign_changes_of(f.c.data(), f.c.size());
  if (out.sign_changes == 0) {
    throw NumericalError("xirr: the cash flows never change sign, so no IRR exists");
  }
  const double a = std::log1p(lower);
  const double b = std::log1p(upper);
  auto value = [&f](double s) {
    double g = 0.0;
    double dg = 0.0;
    exp_sum(f, s, g, dg);
    return g;
  };
  std::vector<double> s_roots;
  const int cells = (out.sign_changes == 1) ? 1 : 4096;
  double s0 = a;
  double g0 = value(s0);
  if (g0 == 0.0) s_roots.push_back(s0);
  for (int k = 1; k <= cells; ++k) {
    const double s1 = a + (b - a) * static_cast<double>(k) / cells;
    const double g1 = value(s1);
    if (g1 == 0.0) {
      s_roots.push_back(s1);
    } else if (g0 != 0.0 && ((g0 < 0.0) != (g1 < 0.0))) {
      s_roots.push_back(polish_exp(f, s0, s1, g0));
    }
    s0 = s1;
    g0 = g1;
  }
  for (double s : s_roots) out.roots.push_back(std::expm1(s));
  std::sort(out.roots.begin(), out.roots.end());
  out.roots.erase(std::unique(out.roots.begin(), out.roots.end()), out.roots.end());
  if (out.roots.empty()) {
    throw NumericalError("xirr: no IRR in the bracket [" + format_value(lower) + ", " +
                         format_value(upper) + "] although the flows change sign " +
                         std::to_string(out.sign_changes) + " time(s); widen the bracket");
  }
  return out;
}

std::vector<double> deflator_from_inflation(const std::vector<int>& years,
                                            const std::vector<double>& inflation, int base_year) {
  if (years.size() != inflation.size() || years.empty()) {
    throw InvalidInput("deflator_from_inflation: needs one inflation rate per year, got " +
                       std::to_string(years.size()) + " years and " +
                       std::to_string(inflation.size()) + " rates");
  }
  std::ptrdiff_t base = -1;
  for (std::size_t i = 0; i < years.size(); ++i) {
    if (i > 0 && years[i] != years[i - 1] + 1) {
      throw InvalidInput("deflator_from_inflation: years must be consecutive; " +
                         std::to_string(years[i]) + " follows " + std::to_string(years[i - 1]));
    }
    if (!std::isfinite(inflation[i]) || inflation[i] <= -1.0) {
      throw InvalidInput("deflator_from_inflation: inflation of " + std::to_string(years[i]) +
                         " must be a finite rate above -1, got " + format_value(inflation[i]));
    }
    if (years[i] == base_year) base = static_cast<std::ptrdiff_t>(i);
  }
  if (base < 0) {
    throw OutOfRange("deflator_from_inflation: base year " + std::to_string(base_year) +
                     " is not among the years " + std::to_string(years.front()) + "-" +
                     std::to_string(years.back()));
  }
  std::vector<double> index(years.size(), 1.0);
  for (std::size_t i = static_cast<std::size_t>(base) + 1; i < years.size(); ++i) {
    index[i] = index[i - 1] * (1.0 + inflation[i]);
  }
  for (std::size_t i = static_cast<std::size_t>(base); i-- > 0;) {
    index[i] = index[i + 1] / (1.0 + inflation[i + 1]);
  }
  return index;
}

namespace {

std::vector<double> rebase(const std::vector<int>& years, const std::vector<double>& amounts,
                           const std::vector<int>& index_years, const std::vector<double>& index,
                           int base_year, bool to_real_money) {
  const std::string what = to_real_money ? "to_real" : "to_nominal";
  if (index_years.size() != index.size()) {
    throw InvalidInput(what + ": " + std::to_string(index_years.size()) + " index years but " +
                       std::to_string(index.size()) + " index values");
  }
  if (years.size() != amounts.size()) {
    throw InvalidInput(what + ": " + std::to_string(years.size()) + " years but " +
                       std::to_string(amounts.size()) + " amounts");
  }
  std::map<int, double> by_year;
  for (std::size_t i = 0; i < index.size(); ++i) {
    if (!std::isfinite(index[i]) || index[i] <= 0.0) {
      throw InvalidInput(what + ": price index of " + std::to_string(index_years[i]) +
                         " must be positive, got " + format_value(index[i]));
    }
    if (!by_year.emplace(index_years[i], index[i]).second) {
      throw InvalidInput(what + ": price index year " + std::to_string(index_years[i]) +
                         " is given twice");
    }
  }
  auto lookup = [&](int year) {
    const auto found = by_year.find(year);
    if (found == by_year.end()) {
      throw OutOfRange(what + ": the price index has no value for " + std::to_string(year) +
                       " (it covers " + std::to_string(by_year.begin()->first) + "-" +
                       std::to_string(by_year.rbegin()->first) + ")");
    }
    return found->second;
  };
  if (by_year.empty()) {
    throw InvalidInput(what + ": empty price index");
  }
  const double base = lookup(base_year);
  std::vector<double> out(amounts.size());
  for (std::size_t i = 0; i < amounts.size(); ++i) {
    const double ratio = base / lookup(years[i]);
    out[i] = to_real_money ? amounts[i] * ratio : amounts[i] / ratio;
  }
  return out;
}

}  // namespace

std::vector<double> to_real(const std::vector<int>& years, const std::vector<double>& nominal,
                            const std::vector<int>& index_years, const std::vector<double>& index,
                            int base_year) {
  return rebase(years, nominal, index_years, index, base_year, true);
}

std::vector<double> to_nominal(const std::vector<int>& years, const std::vector<double>& real,
                               const std::vector<int>& index_years,
                               const std::vector<double>& index, int base_year) {
  return rebase(years, real, index_years, index, base_year, false);
}

namespace {

constexpr std::size_t kRowsPerTask = 2048;

}  // namespace

namespace detail {
void npv_rows_portable(const double* f, std::size_t rows, std::size_t n, const double* d,
                       double* out) {
  using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  const Eigen::Map<const RowMajor> block(f, static_cast<Eigen::Index>(rows),
                                         static_cast<Eigen::Index>(n));
  const Eigen::Map<const Eigen::VectorXd> factors(d, static_cast<Eigen::Index>(n));
  Eigen::Map<Eigen::VectorXd>(out, static_cast<Eigen::Index>(rows)).noalias() = block * factors;
}
}  // namespace detail

namespace {

#if defined(__GNUC__) && defined(__x86_64__)
/// Partial sums of one row in four lanes: lane l holds sum over i = l mod 4 of x[i] d[i]
/// (FMA); the tail is read with a masked load, so no element past the row is touched.
__attribute__((target("avx2,fma"))) inline __m256d row_lanes(const double* x, const double* d,
                                                             std::size_t n, __m256i tail_mask) {
  __m256d acc = _mm256_setzero_pd();
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    acc = _mm256_fmadd_pd(_mm256_loadu_pd(x + i), _mm256_loadu_pd(d + i), acc);
  }
  if (i < n) {
    acc = _mm256_fmadd_pd(_mm256_maskload_pd(x + i, tail_mask),
                          _mm256_maskload_pd(d + i, tail_mask), acc);
  }
  return acc;
}

/// The same with AVX2 + FMA, chosen at run time when the CPU has them (the package is
/// built for baseline x86-64, so the compiler cannot use them by itself). Four rows at a
/// time share one reduction of their lanes; every row's sum is (l0 + l1) + (l2 + l3) of its
/// lanes whichever path computes it, so results do not depend on how rows are grouped.
__attribute__((target("avx2,fma"))) void npv_rows_avx2(const double* f, std::size_t rows,
                                                       std::size_t n, const double* d,
                                                       double* out) {
  const std::size_t tail = n % 4;
  const __m256i tail_mask =
      _mm256_set_epi64x(tail > 3 ? -1 : 0, tail > 2 ? -1 : 0, tail > 1 ? -1 : 0, tail > 0 ? -1 : 0);
  std::size_t r = 0;
  for (; r + 4 <= rows; r += 4) {
    const __m256d a = row_lanes(f + r * n, d, n, tail_mask);
    const __m256d b = row_lanes(f + (r + 1) * n, d, n, tail_mask);
    const __m256d c = row_lanes(f + (r + 2) * n, d, n, tail_mask);
    const __m256d e = row_lanes(f + (r + 3) * n, d, n, tail_mask);
    const __m256d ab = _mm256_hadd_pd(a, b);  // a0+a1, b0+b1, a2+a3, b2+b3
    const __m256d ce = _mm256_hadd_pd(c, e);
    const __m256d low = _mm256_permute2f128_pd(ab, ce, 0x20);   // a0+a1, b0+b1, c0+c1, e0+e1
    const __m256d high = _mm256_permute2f128_pd(ab, ce, 0x31);  // a2+a3, b2+b3, c2+c3, e2+e3
    _mm256_storeu_pd(out + r, _mm256_add_pd(low, high));
  }
  for (; r < rows; ++r) {
    alignas(32) double lanes[4];
    _mm256_store_pd(lanes, row_lanes(f + r * n, d, n, tail_mask));
    out[r] = (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]);
  }
}

bool cpu_has_avx2() noexcept {
  static const bool has = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  return has;
}
#endif

void npv_rows_best(const double* f, std::size_t rows, std::size_t n, const double* d, double* out) {
#if defined(__GNUC__) && defined(__x86_64__)
  if (cpu_has_avx2()) {
    npv_rows_avx2(f, rows, n, d, out);
    return;
  }
#endif
  detail::npv_rows_portable(f, rows, n, d, out);
}

}  // namespace

void npv_batch(const double* flows, std::size_t n_scenarios, std::size_t n_periods,
               const double* rates, std::size_t n_rates, Timing timing, double* out,
               const ParallelOptions& options) {
  if (n_rates != 1 && n_rates != n_scenarios) {
    throw InvalidInput("npv_batch: needs one rate or one per scenario (" +
                       std::to_string(n_scenarios) + "), got " + std::to_string(n_rates));
  }
  for (std::size_t k = 0; k < n_rates; ++k) {
    if (!std::isfinite(rates[k]) || rates[k] <= -1.0) {
      check_rate(rates[k], "npv_batch, rate of scenario " + std::to_string(k));
    }
  }
  const double offset = timing_offset(timing);
  std::vector<double> shared;
  if (n_rates == 1) shared = discount_factors(n_periods, rates[0], timing);
  const std::size_t n_tasks = (n_scenarios + kRowsPerTask - 1) / kRowsPerTask;
  parallel_for(
      n_tasks,
      [&](std::size_t task) {
        const std::size_t begin = task * kRowsPerTask;
        const std::size_t end = std::min(n_scenarios, begin + kRowsPerTask);
        if (n_rates == 1) {
          // One shared rate: the block is a matrix-vector product.
          npv_rows_best(flows + begin * n_periods, end - begin, n_periods, shared.data(),
                        out + begin);
          return;
        }
        for (std::size_t row = begin; row < end; ++row) {
          const double* f = flows + row * n_periods;
          const double v = 1.0 / (1.0 + rates[row]);
          double d = std::pow(1.0 + rates[row], -offset);
          double sum = 0.0;
          for (std::size_t i = 0; i < n_periods; ++i) {
            sum += f[i] * d;
            d *= v;
          }
          out[row] = sum;
        }
      },
      options);
}

void irr_batch(const double* flows, std::size_t n_scenarios, std::size_t n_periods, double lower,
               double upper, double* out_rate, std::int32_t* out_count,
               const ParallelOptions& options) {
  check_bracket(lower, upper, "irr_batch");
  const std::size_t n_tasks = (n_scenarios + kRowsPerTask - 1) / kRowsPerTask;
  parallel_for(
      n_tasks,
      [&](std::size_t task) {
        std::vector<double> c;
        std::vector<double> x_roots;
        std::vector<double> roots;
        const std::size_t begin = task * kRowsPerTask;
        const std::size_t end = std::min(n_scenarios, begin + kRowsPerTask);
        for (std::size_t row = begin; row < end; ++row) {
          const double* f = flows + row * n_periods;
          bool finite = true;
          for (std::size_t i = 0; i < n_periods; ++i) finite = finite && std::isfinite(f[i]);
          if (!finite) {
            out_rate[row] = std::nan("");
            out_count[row] = 0;
            continue;
          }
          const int changes = find_irr_roots(f, n_periods, lower, upper, c, x_roots, roots);
          out_rate[row] = preferred_root(roots);
          out_count[row] = (changes == -2) ? -1 : static_cast<std::int32_t>(roots.size());
        }
      },
      options);
}

}  // namespace innozone::budget
