// Bindings of the budget area: schedules, appraisal, cost-effectiveness, cost sharing and
// input-output. Everything lives in the submodule innozone._core.budget; results are classes
// with typed read-only attributes, which the Python facade (innozone.budget,
// innozone.inputoutput) turns into DataFrames.
#include <pybind11/eigen.h>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "bindings.hpp"
#include "innozone/budget/appraisal.hpp"
#include "innozone/budget/effectiveness.hpp"
#include "innozone/budget/input_output.hpp"
#include "innozone/budget/schedule.hpp"
#include "innozone/common/error.hpp"

namespace py = pybind11;

namespace innozone::bindings {

namespace {

using namespace innozone::budget;  // NOLINT(google-build-using-namespace)

using RowArray = py::array_t<double, py::array::c_style | py::array::forcecast>;

ProfileOptions profile_options(double decay, double steepness, const std::vector<double>& weights) {
  ProfileOptions options;
  options.decay = decay;
  options.steepness = steepness;
  options.weights = weights;
  return options;
}

Range tuple_range(const std::vector<double>& values, const std::string& what) {
  if (values.size() == 1) return make_range(values[0], values[0], values[0], what);
  if (values.size() != 3) {
    throw InvalidInput(what + ": a range is one number or (low, central, high), got " +
                       std::to_string(values.size()) + " numbers");
  }
  return make_range(values[0], values[1], values[2], what);
}

/// A view of a 2-D float64 array without copying it (any strides); other arrays are
/// converted to a C-contiguous float64 copy first (kept alive by `keep`).
MatrixView matrix_view(const py::handle& object, RowArray& keep, const char* what) {
  keep = RowArray::ensure(object);
  if (!keep || keep.ndim() != 2) {
    throw InvalidInput(std::string(what) + ": expected a 2-D array of numbers");
  }
  using Strides = Eigen::Stride<Eigen::Dynamic, Eigen::Dynamic>;
  const Eigen::Map<const Eigen::MatrixXd, 0, Strides> map(
      keep.data(), keep.shape(0), keep.shape(1), Strides(keep.strides(1) / 8, keep.strides(0) / 8));
  return map;
}

IoTable io_table(const Eigen::MatrixXd& flows, const Eigen::VectorXd& output,
                 const Eigen::VectorXd& value_added, const Eigen::VectorXd& employment,
                 const Eigen::VectorXd& compensation, const Eigen::VectorXd& consumption,
                 double household_income) {
  IoTable table;
  table.flows = flows;
  table.output = output;
  table.value_added = value_added;
  table.employment = employment;
  table.compensation = compensation;
  table.consumption = consumption;
  table.household_income = household_income;
  return table;
}

}  // namespace

void register_budget(py::module_& root) {
  py::module_ m = root.def_submodule("budget",
                                     "Budget schedules, appraisal, cost-effectiveness, "
                                     "cost sharing and input-output (innozone.budget)");
  const double nan = std::nan("");

  // ---- result classes --------------------------------------------------------------------
  py::class_<Execution>(m, "Execution", "Planned against spent money by year.")
      .def_readonly("years", &Execution::years)
      .def_readonly("planned", &Execution::planned)
      .def_readonly("spent", &Execution::spent)
      .def_readonly("rate", &Execution::rate, "spent / planned per year (NaN when planned is 0)")
      .def_readonly("cumulative_planned", &Execution::cumulative_planned)
      .def_readonly("cumulative_spent", &Execution::cumulative_spent)
      .def_readonly("cumulative_rate", &Execution::cumulative_rate)
      .def_readonly("total_planned", &Execution::total_planned)
      .def_readonly("total_spent", &Execution::total_spent)
      .def_readonly("overall_rate", &Execution::overall_rate);
  py::class_<BenefitCost>(m, "BenefitCost", "Present values of benefits and costs, NPV and B/C.")
      .def_readonly("pv_benefits", &BenefitCost::pv_benefits)
      .def_readonly("pv_costs", &BenefitCost::pv_costs)
      .def_readonly("npv", &BenefitCost::npv)
      .def_readonly("bc_ratio", &BenefitCost::bc_ratio);
  py::class_<IrrRoots>(m, "IrrRoots", "Every IRR in a bracket and the preferred one.")
      .def_readonly("roots", &IrrRoots::roots, "Ascending.")
      .def_readonly("sign_changes", &IrrRoots::sign_changes)
      .def_readonly("lower", &IrrRoots::lower)
      .def_readonly("upper", &IrrRoots::upper);
  py::class_<Payback>(m, "Payback", "First year from which the cumulative flow stays >= 0.")
      .def_readonly("reached", &Payback::reached)
      .def_readonly("period", &Payback::period, "Index of that year (t = 0 first); -1 if never.")
      .def_readonly("fractional", &Payback::fractional);
  py::class_<Range>(m, "Range", "A quantity known within low <= central <= high.")
      .def_readonly("low", &Range::low)
      .def_readonly("central", &Range::central)
      .def_readonly("high", &Range::high);
  py::class_<CostSharing>(m, "CostSharing", "A co-paid service: participant and public shares.")
      .def_readonly("unit_value", &CostSharing::unit_value)
      .def_readonly("contribution", &CostSharing::contribution)
      .def_readonly("participant_share", &CostSharing::participant_share)
      .def_readonly("subsidy_rate", &CostSharing::subsidy_rate)
      .def_readonly("public_cost", &CostSharing::public_cost)
      .def_readonly("budget", &CostSharing::budget, "NaN without a budget.")
      .def_readonly("fundable", &CostSharing::fundable, "-1 without a budget.")
      .def_readonly("budget_used", &CostSharing::budget_used)
      .def_readonly("budget_left", &CostSharing::budget_left);
  py::class_<ClosedTable>(m, "ClosedTable", "A flow table closed for households (Type II).")
      .def_readonly("flows", &ClosedTable::flows)
      .def_readonly("output", &ClosedTable::output);
  py::class_<IoMultipliers>(
      m, "IoMultipliers", "Multipliers by column sector (empty arrays where the table lacks rows).")
      .def_readonly("output_type1", &IoMultipliers::output_type1)
      .def_readonly("value_added_type1", &IoMultipliers::value_added_type1)
      .def_readonly("employment_type1", &IoMultipliers::employment_type1)
      .def_readonly("income_type1", &IoMultipliers::income_type1)
      .def_readonly("output_type2", &IoMultipliers::output_type2)
      .def_readonly("value_added_type2", &IoMultipliers::value_added_type2)
      .def_readonly("employment_type2", &IoMultipliers::employment_type2)
      .def_readonly("income_type2", &IoMultipliers::income_type2);
  py::class_<IoImpact>(m, "IoImpact", "Effects of a final-demand change by sector.")
      .def_readonly("output_type1", &IoImpact::output_type1)
      .def_readonly("value_added_type1", &IoImpact::value_added_type1)
      .def_readonly("employment_type1", &IoImpact::employment_type1)
      .def_readonly("output_type2", &IoImpact::output_type2)
      .def_readonly("value_added_type2", &IoImpact::value_added_type2)
      .def_readonly("employment_type2", &IoImpact::employment_type2)
      .def_readonly("household_income_type2", &IoImpact::household_income_type2);
  py::class_<AggregateRipple>(m, "AggregateRipple", "Quick estimate from aggregate coefficients.")
      .def_readonly("output", &AggregateRipple::output)
      .def_readonly("value_added", &AggregateRipple::value_added)
      .def_readonly("jobs", &AggregateRipple::jobs);

  // ---- schedules -------------------------------------------------------------------------
  m.attr("SHARE_TOLERANCE") = kShareTolerance;
  m.attr("BREAKDOWN_TOLERANCE") = kBreakdownTolerance;
  m.def(
      "profile_weights",
      [](std::size_t n_years, const std::string& profile, double decay, double steepness,
         const std::vector<double>& weights) {
        return profile_weights(n_years, parse_profile(profile),
                               profile_options(decay, steepness, weights));
      },
      py::arg("n_years"), py::arg("profile"), py::arg("decay") = 0.7, py::arg("steepness") = 6.0,
      py::arg("weights") = std::vector<double>{}, "Shares of each year under a named profile.");
  m.def(
      "spread_total",
      [](double total, int start_year, int end_year, const std::string& profile, double decay,
         double steepness, const std::vector<double>& weights, const std::string& what) {
        return spread_total(total, start_year, end_year, parse_profile(profile),
                            profile_options(decay, steepness, weights), what);
      },
      py::arg("total"), py::arg("start_year"), py::arg("end_year"), py::arg("profile"),
      py::arg("decay") = 0.7, py::arg("steepness") = 6.0,
      py::arg("weights") = std::vector<double>{}, py::arg("what") = "total",
      "Spread a total over start_year..end_year by a profile.");
  m.def(
      "spread_with_actuals",
      [](double total, int start_year, int end_year, const std::vector<int>& known_years,
         const std::vector<double>& known_amounts, const std::string& profile, double decay,
         double steepness, const std::vector<double>& weights, const std::string& what) {
        return spread_with_actuals(total, start_year, end_year, known_years, known_amounts,
                                   parse_profile(profile),
                                   profile_options(decay, steepness, weights), what);
      },
      py::arg("total"), py::arg("start_year"), py::arg("end_year"), py::arg("known_years"),
      py::arg("known_amounts"), py::arg("profile"), py::arg("decay") = 0.7,
      py::arg("steepness") = 6.0, py::arg("weights") = std::vector<double>{},
      py::arg("what") = "total", "Known years fixed, the rest of the total spread by a profile.");
  m.def("check_shares", &check_shares, py::arg("shares"), py::arg("names"), py::arg("what"));
  m.def("split_by_shares", &split_by_shares, py::arg("amounts"), py::arg("shares"),
        py::arg("names"), py::arg("what"), "Matrix (years x parts) of amounts split by shares.");
  m.def("shares_from_amounts", &shares_from_amounts, py::arg("amounts"), py::arg("names"),
        py::arg("what"));
  m.def("check_breakdown", &check_breakdown, py::arg("total"), py::arg("parts"), py::arg("names"),
        py::arg("what"), "Returns the unallocated remainder.");
  m.def("check_money", &check_money, py::arg("amount"), py::arg("what"));
  m.def("execution", &execution, py::arg("years"), py::arg("planned"), py::arg("spent"));

  // ---- time value and appraisal -------------------------------------------------------------
  m.attr("KOREA_SOCIAL_DISCOUNT_RATE") = kKoreaSocialDiscountRate;
  m.attr("KOREA_SOCIAL_DISCOUNT_RATE_2007") = kKoreaSocialDiscountRate2007;
  m.attr("KOREA_SOCIAL_DISCOUNT_RATE_PRE_2007") = kKoreaSocialDiscountRatePre2007;
  m.attr("IRR_LOWER") = kIrrLower;
  m.attr("IRR_UPPER") = kIrrUpper;
  m.def("korea_social_discount_rate", &korea_social_discount_rate, py::arg("year"),
        py::arg("month") = 12);
  m.def(
      "discount_factors",
      [](std::size_t n, double rate, const std::string& timing) {
        return discount_factors(n, rate, parse_timing(timing));
      },
      py::arg("n"), py::arg("rate"), py::arg("timing"));
  m.def(
      "npv",
      [](double rate, const std::vector<double>& flows, const std::string& timing) {
        return npv(rate, flows, parse_timing(timing));
      },
      py::arg("rate"), py::arg("flows"), py::arg("timing"));
  m.def(
      "benefit_cost",
      [](double rate, const std::vector<double>& benefits, const std::vector<double>& costs,
         const std::string& timing) {
        return benefit_cost(rate, benefits, costs, parse_timing(timing));
      },
      py::arg("rate"), py::arg("benefits"), py::arg("costs"), py::arg("timing"));
  m.def(
      "irr_all",
      [](const std::vector<double>& flows, double lower, double upper) {
        return irr_all(flows, lower, upper);
      },
      py::arg("flows"), py::arg("lower") = kIrrLower, py::arg("upper") = kIrrUpper);
  m.def("irr", &irr, py::arg("flows"), py::arg("lower") = kIrrLower, py::arg("upper") = kIrrUpper,
        "The preferred IRR: the smallest non-negative root, else the root closest to zero.");
  m.def("mirr", &mirr, py::arg("flows"), py::arg("finance_rate"), py::arg("reinvest_rate"));
  m.def(
      "payback",
      [](const std::vector<double>& flows, double rate, const std::string& timing) {
        return payback(flows, rate, parse_timing(timing));
      },
      py::arg("flows"), py::arg("rate") = nan, py::arg("timing") = "beginning");
  m.def(
      "equivalent_annual_value",
      [](double pv, double rate, std::size_t n, const std::string& timing) {
        return equivalent_annual_value(pv, rate, n, parse_timing(timing));
      },
      py::arg("present_value"), py::arg("rate"), py::arg("n"), py::arg("timing"));
  m.def(
      "year_fraction",
      [](std::int64_t d0, std::int64_t d1, const std::string& day_count) {
        return year_fraction(d0, d1, parse_day_count(day_count));
      },
      py::arg("d0"), py::arg("d1"), py::arg("day_count") = "ACT/365F");
  m.def(
      "xnpv",
      [](double rate, const std::vector<std::int64_t>& days, const std::vector<double>& flows,
         const std::string& day_count, std::int64_t valuation) {
        return xnpv(rate, days, flows, parse_day_count(day_count), valuation);
      },
      py::arg("rate"), py::arg("days"), py::arg("flows"), py::arg("day_count"),
      py::arg("valuation"));
  m.def(
      "xirr_all",
      [](const std::vector<std::int64_t>& days, const std::vector<double>& flows,
         const std::string& day_count, double lower,
         double upper) { return xirr_all(days, flows, parse_day_count(day_count), lower, upper); },
      py::arg("days"), py::arg("flows"), py::arg("day_count") = "ACT/365F",
      py::arg("lower") = kIrrLower, py::arg("upper") = kIrrUpper);
  m.def("deflator_from_inflation", &deflator_from_inflation, py::arg("years"), py::arg("inflation"),
        py::arg("base_year"));
  m.def("to_real", &to_real, py::arg("years"), py::arg("nominal"), py::arg("index_years"),
        py::arg("index"), py::arg("base_year"));
  m.def("to_nominal", &to_nominal, py::arg("years"), py::arg("real"), py::arg("index_years"),
        py::arg("index"), py::arg("base_year"));
  m.def(
      "npv_batch",
      [](const RowArray& flows, const RowArray& rates, const std::string& timing, int n_threads,
         const py::object& progress) {
        if (flows.ndim() != 2) {
          throw InvalidInput("npv_batch: flows must be a 2-D array (scenarios x periods), got " +
                             std::to_string(flows.ndim()) + " dimension(s)");
        }
        const auto n_scenarios = static_cast<std::size_t>(flows.shape(0));
        const auto n_periods = static_cast<std::size_t>(flows.shape(1));
        const Timing t = parse_timing(timing);
        py::array_t<double> out(static_cast<py::ssize_t>(n_scenarios));
        const double* f = flows.data();
        const double* r = rates.data();
        const auto n_rates = static_cast<std::size_t>(rates.size());
        double* o = out.mutable_data();
        const ParallelOptions options = make_parallel_options(n_threads, progress);
        {
          const py::gil_scoped_release release;
          npv_batch(f, n_scenarios, n_periods, r, n_rates, t, o, options);
        }
        return out;
      },
      py::arg("flows"), py::arg("rates"), py::arg("timing") = "beginning", py::arg("n_threads") = 0,
      py::arg("progress") = py::none(),
      "NPV of every row of a (scenarios x periods) array, in parallel without the GIL.");
  m.def(
      "irr_batch",
      [](const RowArray& flows, double lower, double upper, int n_threads,
         const py::object& progress) {
        if (flows.ndim() != 2) {
          throw InvalidInput("irr_batch: flows must be a 2-D array (scenarios x periods), got " +
                             std::to_string(flows.ndim()) + " dimension(s)");
        }
        const auto n_scenarios = static_cast<std::size_t>(flows.shape(0));
        const auto n_periods = static_cast<std::size_t>(flows.shape(1));
        py::array_t<double> rate(static_cast<py::ssize_t>(n_scenarios));
        py::array_t<std::int32_t> count(static_cast<py::ssize_t>(n_scenarios));
        const double* f = flows.data();
        double* r = rate.mutable_data();
        std::int32_t* c = count.mutable_data();
        const ParallelOptions options = make_parallel_options(n_threads, progress);
        {
          const py::gil_scoped_release release;
          irr_batch(f, n_scenarios, n_periods, lower, upper, r, c, options);
        }
        return py::make_tuple(rate, count);
      },
      py::arg("flows"), py::arg("lower") = kIrrLower, py::arg("upper") = kIrrUpper,
      py::arg("n_threads") = 0, py::arg("progress") = py::none(),
      "IRR closest to zero and number of roots for every row, in parallel without the GIL.");

  // ---- cost-effectiveness, leverage, cost sharing
  // ------------------------------------------------
  m.def(
      "divide_range",
      [](const std::vector<double>& numerator, const std::vector<double>& denominator,
         const std::string& what) {
        return divide(tuple_range(numerator, what + " (numerator)"),
                      tuple_range(denominator, what + " (denominator)"), what);
      },
      py::arg("numerator"), py::arg("denominator"), py::arg("what"));
  m.def(
      "cost_per_unit",
      [](const std::vector<double>& cost, double units, const std::string& what) {
        return cost_per_unit(tuple_range(cost, what), units, what);
      },
      py::arg("cost"), py::arg("units"), py::arg("what"));
  m.def(
      "leverage",
      [](double linked, const std::vector<double>& public_money, const std::string& what) {
        return leverage(linked, tuple_range(public_money, what), what);
      },
      py::arg("linked"), py::arg("public_money"), py::arg("what"));
  m.def("window_sum", &window_sum, py::arg("years"), py::arg("values"), py::arg("start"),
        py::arg("end"), py::arg("what"));
  m.def(
      "cost_sharing",
      [](double unit_value, double contribution, double budget, double overhead) {
        return cost_sharing(unit_value, contribution, budget, overhead);
      },
      py::arg("unit_value"), py::arg("contribution"), py::arg("budget") = nan,
      py::arg("overhead") = 0.0);

  // ---- input-output ---------------------------------------------------------------------------
  m.def(
      "technical_coefficients",
      [](const py::object& flows, const Eigen::VectorXd& output) {
        RowArray keep;
        const MatrixView z = matrix_view(flows, keep, "technical_coefficients, flows");
        const py::gil_scoped_release release;
        return technical_coefficients(z, output);
      },
      py::arg("flows"), py::arg("output"));
  m.def("lu_kernels", &LeontiefModel::kernels,
        "Name of the LU kernels this CPU runs: 'avx2+fma' or 'portable'.");
  py::class_<LeontiefModel>(m, "LeontiefModel",
                            "Leontief model of a coefficient matrix (LU factors of I - A).")
      .def(py::init([](const py::object& coefficients, bool check_productive) {
             RowArray keep;
             Eigen::MatrixXd a = matrix_view(coefficients, keep, "LeontiefModel, coefficients");
             const py::gil_scoped_release release;
             return LeontiefModel(std::move(a), check_productive);
           }),
           py::arg("coefficients"), py::arg("check_productive") = true)
      .def_static(
          "from_flows",
          [](const py::object& flows, const Eigen::VectorXd& output) {
            RowArray keep;
            const MatrixView z = matrix_view(flows, keep, "LeontiefModel.from_flows, flows");
            const py::gil_scoped_release release;
            return LeontiefModel::from_flows(z, output);
          },
          py::arg("flows"), py::arg("output"))
      .def_property_readonly("size", &LeontiefModel::size)
      .def_property_readonly("coefficients", &LeontiefModel::coefficients)
      .def_property_readonly("rcond", &LeontiefModel::rcond)
      .def(
          "solve",
          [](const LeontiefModel& model, const Eigen::MatrixXd& final_demand) {
            const py::gil_scoped_release release;
            return model.solve(final_demand);
          },
          py::arg("final_demand"), "Total output L f (f: one column per scenario).")
      .def("multipliers", &LeontiefModel::multipliers, py::arg("weights"))
      .def(
          "inverse",
          [](const LeontiefModel& model) {
            const py::gil_scoped_release release;
            return model.inverse();
          },
          "Leontief inverse via the LU factors.");
  m.def(
      "close_households",
      [](const Eigen::MatrixXd& flows, const Eigen::VectorXd& output,
         const Eigen::VectorXd& compensation, const Eigen::VectorXd& consumption,
         double household_income) {
        return close_households(flows, output, compensation, consumption, household_income);
      },
      py::arg("flows"), py::arg("output"), py::arg("compensation"), py::arg("consumption"),
      py::arg("household_income") = nan);
  m.def(
      "io_multipliers",
      [](const Eigen::MatrixXd& flows, const Eigen::VectorXd& output,
         const Eigen::VectorXd& value_added, const Eigen::VectorXd& employment,
         const Eigen::VectorXd& compensation, const Eigen::VectorXd& consumption,
         double household_income) {
        return io_multipliers(io_table(flows, output, value_added, employment, compensation,
                                       consumption, household_income));
      },
      py::arg("flows"), py::arg("output"), py::arg("value_added"), py::arg("employment"),
      py::arg("compensation"), py::arg("consumption"), py::arg("household_income") = nan);
  m.def(
      "io_impact",
      [](const Eigen::MatrixXd& flows, const Eigen::VectorXd& output,
         const Eigen::VectorXd& value_added, const Eigen::VectorXd& employment,
         const Eigen::VectorXd& compensation, const Eigen::VectorXd& consumption,
         double household_income, const Eigen::VectorXd& final_demand) {
        return io_impact(io_table(flows, output, value_added, employment, compensation, consumption,
                                  household_income),
                         final_demand);
      },
      py::arg("flows"), py::arg("output"), py::arg("value_added"), py::arg("employment"),
      py::arg("compensation"), py::arg("consumption"), py::arg("household_income"),
      py::arg("final_demand"));
  m.def(
      "aggregate_ripple",
      [](double spending, double production, double value_added, double jobs_per_unit) {
        return aggregate_ripple(spending, production, value_added, jobs_per_unit);
      },
      py::arg("spending"), py::arg("production_coefficient"), py::arg("value_added_coefficient"),
      py::arg("jobs_per_unit"));
}

}  // namespace innozone::bindings
