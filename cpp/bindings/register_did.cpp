// Bindings of the difference-in-differences area (innozone._core.did).
//
// Results are bound as classes with typed read-only attributes (numbers, strings and
// NumPy arrays), so that a renamed field fails at import time in the stubs' test rather
// than at run time in the facade.
#include <pybind11/eigen.h>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "bindings.hpp"
#include "innozone/common/error.hpp"
#include "innozone/did/event_study.hpp"
#include "innozone/did/regression.hpp"
#include "innozone/did/staggered.hpp"

namespace py = pybind11;

namespace innozone::bindings {

namespace {

using IntArray = py::array_t<int, py::array::c_style | py::array::forcecast>;
using DoubleArray = py::array_t<double, py::array::c_style | py::array::forcecast>;
// Optional array arguments default to None rather than to an empty array: an array default
// would be converted when the module is imported and so import numpy with innozone.
using OptIntArray = std::optional<IntArray>;
using OptDoubleArray = std::optional<DoubleArray>;
using OptVector = std::optional<Eigen::VectorXd>;
using OptMatrix = std::optional<Eigen::MatrixXd>;

std::vector<int> to_ints(const IntArray& a) {
  std::vector<int> out(static_cast<std::size_t>(a.size()));
  if (a.size() > 0) {
    std::memcpy(out.data(), a.data(), out.size() * sizeof(int));
  }
  return out;
}

std::vector<double> to_doubles(const DoubleArray& a) {
  std::vector<double> out(static_cast<std::size_t>(a.size()));
  if (a.size() > 0) {
    std::memcpy(out.data(), a.data(), out.size() * sizeof(double));
  }
  return out;
}

std::vector<int> to_ints(const OptIntArray& a) { return a ? to_ints(*a) : std::vector<int>{}; }

std::vector<double> to_doubles(const OptDoubleArray& a) {
  return a ? to_doubles(*a) : std::vector<double>{};
}

template <typename T>
py::array_t<T> array_of(const std::vector<T>& v) {
  py::array_t<T> out(static_cast<py::ssize_t>(v.size()));
  if (!v.empty()) {
    std::memcpy(out.mutable_data(), v.data(), v.size() * sizeof(T));
  }
  return out;
}

did::SmallSample parse_small_sample(const std::string& s) {
  if (s == "nested") {
    return did::SmallSample::kNested;
  }
  if (s == "full") {
    return did::SmallSample::kFull;
  }
  if (s == "none") {
    return did::SmallSample::kNone;
  }
  throw InvalidInput("small_sample must be 'nested', 'full' or 'none', got '" + s + "'");
}

did::StaggeredOptions staggered_options(const std::string& control_group, const std::string& method,
                                        const std::string& base_period, int anticipation,
                                        double alpha, int n_boot, const std::string& boot_weights,
                                        std::uint64_t seed, double min_e, double max_e,
                                        int balance_e, int n_threads, const py::object& progress) {
  did::StaggeredOptions opt;
  if (control_group == "never_treated") {
    opt.control_group = did::ControlGroup::kNeverTreated;
  } else if (control_group == "not_yet_treated") {
    opt.control_group = did::ControlGroup::kNotYetTreated;
  } else {
    throw InvalidInput("control_group must be 'never_treated' or 'not_yet_treated', got '" +
                       control_group + "'");
  }
  if (method == "reg") {
    opt.method = did::EstMethod::kRegression;
  } else if (method == "ipw") {
    opt.method = did::EstMethod::kIpw;
  } else if (method == "dr") {
    opt.method = did::EstMethod::kDoublyRobust;
  } else if (method == "dr_improved") {
    opt.method = did::EstMethod::kDoublyRobustImproved;
  } else {
    throw InvalidInput("method must be 'reg', 'ipw', 'dr' or 'dr_improved', got '" + method + "'");
  }
  if (base_period == "varying") {
    opt.base_period = did::BasePeriod::kVarying;
  } else if (base_period == "universal") {
    opt.base_period = did::BasePeriod::kUniversal;
  } else {
    throw InvalidInput("base_period must be 'varying' or 'universal', got '" + base_period + "'");
  }
  if (boot_weights == "mammen") {
    opt.weights = did::MultiplierWeights::kMammen;
  } else if (boot_weights == "rademacher") {
    opt.weights = did::MultiplierWeights::kRademacher;
  } else {
    throw InvalidInput("boot_weights must be 'mammen' or 'rademacher', got '" + boot_weights + "'");
  }
  opt.anticipation = anticipation;
  opt.alpha = alpha;
  opt.n_boot = n_boot;
  opt.seed = seed;
  opt.min_e = min_e;
  opt.max_e = max_e;
  opt.balance_e = balance_e;
  opt.parallel = make_parallel_options(n_threads, progress);
  return opt;
}

// The 2x2 result with its cell tables as 2x2 arrays (rows: comparison, treated;
// columns: before, after).
struct TwoByTwoView {
  did::TwoByTwoResult r;
};

void bind_classes(py::module_& m) {
  py::class_<did::FeRegressionResult>(
      m, "FeRegressionResult", "Fixed-effects regression with CR1 cluster-robust covariance.")
      .def_property_readonly("names", [](const did::FeRegressionResult& r) { return r.names; })
      .def_property_readonly(
          "coef", [](const did::FeRegressionResult& r) { return Eigen::VectorXd(r.coef); })
      .def_property_readonly("se",
                             [](const did::FeRegressionResult& r) { return Eigen::VectorXd(r.se); })
      .def_property_readonly(
          "vcov", [](const did::FeRegressionResult& r) { return Eigen::MatrixXd(r.vcov); })
      .def_readonly("n_obs", &did::FeRegressionResult::n_obs)
      .def_readonly("n_clusters", &did::FeRegressionResult::n_clusters)
      .def_readonly("n_params", &did::FeRegressionResult::n_params)
      .def_readonly("small_sample_factor", &did::FeRegressionResult::small_sample_factor)
      .def_readonly("r2_within", &did::FeRegressionResult::r2_within)
      .def_readonly("demean_iterations", &did::FeRegressionResult::demean_iterations);

  py::class_<TwoByTwoView>(m, "TwoByTwoResult", "Cell means and the 2x2 DiD.")
      .def_property_readonly("mean",
                             [](const TwoByTwoView& v) {
                               Eigen::Matrix2d out;
                               out << v.r.mean[0][0], v.r.mean[0][1], v.r.mean[1][0],
                                   v.r.mean[1][1];
                               return out;
                             })
      .def_property_readonly("mean_se",
                             [](const TwoByTwoView& v) {
                               Eigen::Matrix2d out;
                               out << v.r.mean_se[0][0], v.r.mean_se[0][1], v.r.mean_se[1][0],
                                   v.r.mean_se[1][1];
                               return out;
                             })
      .def_property_readonly("count",
                             [](const TwoByTwoView& v) {
                               Eigen::Matrix2i out;
                               out << v.r.count[0][0], v.r.count[0][1], v.r.count[1][0],
                                   v.r.count[1][1];
                               return out;
                             })
      .def_property_readonly("did", [](const TwoByTwoView& v) { return v.r.did; })
      .def_property_readonly("se", [](const TwoByTwoView& v) { return v.r.se; })
      .def_property_readonly("n_clusters", [](const TwoByTwoView& v) { return v.r.n_clusters; })
      .def_property_readonly("small_sample_factor",
                             [](const TwoByTwoView& v) { return v.r.small_sample_factor; });

  py::class_<did::EventStudyResult>(m, "EventStudyResult", "TWFE event study.")
      .def_property_readonly("rel_time",
                             [](const did::EventStudyResult& r) { return array_of(r.rel_time); })
      .def_property_readonly("coef",
                             [](const did::EventStudyResult& r) { return array_of(r.coef); })
      .def_property_readonly("se", [](const did::EventStudyResult& r) { return array_of(r.se); })
      .def_readonly("regression", &did::EventStudyResult::regression)
      .def_property_readonly("pretest_statistic",
                             [](const did::EventStudyResult& r) { return r.pretest.statistic; })
      .def_property_readonly("pretest_df",
                             [](const did::EventStudyResult& r) { return r.pretest.df; })
      .def_property_readonly("pretest_p_value",
                             [](const did::EventStudyResult& r) { return r.pretest.p_value; })
      .def_readonly("pretest_note", &did::EventStudyResult::pretest_note);

  py::class_<did::AttGtTable>(m, "AttGtTable", "Group-time average treatment effects.")
      .def_property_readonly("group", [](const did::AttGtTable& t) { return array_of(t.group); })
      .def_property_readonly("time", [](const did::AttGtTable& t) { return array_of(t.time); })
      .def_property_readonly("base_time",
                             [](const did::AttGtTable& t) { return array_of(t.base_time); })
      .def_property_readonly("post", [](const did::AttGtTable& t) { return array_of(t.post); })
      .def_property_readonly("att", [](const did::AttGtTable& t) { return array_of(t.att); })
      .def_property_readonly("se", [](const did::AttGtTable& t) { return array_of(t.se); })
      .def_property_readonly("se_analytic",
                             [](const did::AttGtTable& t) { return array_of(t.se_analytic); })
      .def_property_readonly("n_treated",
                             [](const did::AttGtTable& t) { return array_of(t.n_treated); })
      .def_property_readonly("n_control",
                             [](const did::AttGtTable& t) { return array_of(t.n_control); })
      .def_readonly("crit_value", &did::AttGtTable::crit_value);

  py::class_<did::Aggregation>(m, "Aggregation", "One aggregation of ATT(g,t).")
      .def_readonly("type", &did::Aggregation::type)
      .def_readonly("overall_att", &did::Aggregation::overall_att)
      .def_readonly("overall_se", &did::Aggregation::overall_se)
      .def_readonly("overall_se_analytic", &did::Aggregation::overall_se_analytic)
      .def_property_readonly("label", [](const did::Aggregation& a) { return array_of(a.label); })
      .def_property_readonly("att", [](const did::Aggregation& a) { return array_of(a.att); })
      .def_property_readonly("se", [](const did::Aggregation& a) { return array_of(a.se); })
      .def_property_readonly("se_analytic",
                             [](const did::Aggregation& a) { return array_of(a.se_analytic); })
      .def_readonly("crit_value", &did::Aggregation::crit_value);

  py::class_<did::StaggeredResult>(m, "StaggeredResult",
                                   "Callaway & Sant'Anna estimates and inference.")
      .def_readonly("att_gt", &did::StaggeredResult::att_gt)
      .def_readonly("simple", &did::StaggeredResult::simple)
      .def_readonly("group", &did::StaggeredResult::group)
      .def_readonly("dynamic", &did::StaggeredResult::dynamic)
      .def_readonly("calendar", &did::StaggeredResult::calendar)
      .def_readonly("pretest_statistic", &did::StaggeredResult::pretest_statistic)
      .def_readonly("pretest_df", &did::StaggeredResult::pretest_df)
      .def_readonly("pretest_p_value", &did::StaggeredResult::pretest_p_value)
      .def_readonly("n_units", &did::StaggeredResult::n_units)
      .def_readonly("n_clusters", &did::StaggeredResult::n_clusters)
      .def_readonly("n_boot", &did::StaggeredResult::n_boot)
      .def_property_readonly(
          "dropped_units", [](const did::StaggeredResult& r) { return array_of(r.dropped_units); })
      .def_readonly("notes", &did::StaggeredResult::notes)
      .def_property_readonly(
          "influence", [](const did::StaggeredResult& r) { return Eigen::MatrixXd(r.influence); });
}

}  // namespace

void register_did(py::module_& parent) {
  py::module_ m = parent.def_submodule("did", "Difference-in-differences estimators");
  bind_classes(m);

  m.def(
      "fe_regression",
      [](const Eigen::VectorXd& y, const Eigen::MatrixXd& x, const OptIntArray& unit,
         const OptIntArray& time, const OptIntArray& cluster, std::vector<std::string> names,
         bool add_constant, const std::string& small_sample, const OptVector& weights,
         int n_threads) {
        did::FeRegressionInput in;
        in.y = y;
        in.x = x;
        in.unit = to_ints(unit);
        in.time = to_ints(time);
        in.cluster = to_ints(cluster);
        in.names = std::move(names);
        in.add_constant = add_constant;
        in.small_sample = parse_small_sample(small_sample);
        in.weights = weights.value_or(Eigen::VectorXd());
        in.parallel.n_threads = n_threads;
        const py::gil_scoped_release release;
        return did::fe_regression(in);
      },
      py::arg("y"), py::arg("x"), py::arg("unit") = py::none(), py::arg("time") = py::none(),
      py::arg("cluster") = py::none(), py::arg("names") = std::vector<std::string>{},
      py::arg("add_constant") = false, py::arg("small_sample") = "nested",
      py::arg("weights") = py::none(), py::arg("n_threads") = 0,
      "Least squares with absorbed unit/time effects, optional analytic weights and CR1 "
      "cluster-robust covariance.");

  m.def("chi2_sf", &did::chi2_sf, py::arg("x"), py::arg("df"),
        "Chi-square upper tail probability.");

  m.def(
      "two_by_two",
      [](const Eigen::VectorXd& y, const IntArray& treated, const IntArray& post,
         const OptIntArray& cluster) {
        return TwoByTwoView{did::two_by_two(y, to_ints(treated), to_ints(post), to_ints(cluster))};
      },
      py::arg("y"), py::arg("treated"), py::arg("post"), py::arg("cluster") = py::none(),
      "2x2 DiD from cell means with a CR1 standard error.");

  m.def(
      "event_study",
      [](const Eigen::VectorXd& y, const IntArray& unit, const IntArray& time,
         const DoubleArray& period_values, const DoubleArray& first_treated,
         const OptIntArray& cluster, const OptVector& weights, int reference, int window_lo,
         int window_hi, bool bin_endpoints, const std::string& small_sample, int n_threads) {
        did::EventStudyInput in;
        in.y = y;
        in.unit = to_ints(unit);
        in.time = to_ints(time);
        in.period_values = to_doubles(period_values);
        in.first_treated = to_doubles(first_treated);
        in.cluster = to_ints(cluster);
        in.weights = weights.value_or(Eigen::VectorXd());
        in.reference = reference;
        in.window_lo = window_lo;
        in.window_hi = window_hi;
        in.bin_endpoints = bin_endpoints;
        in.small_sample = parse_small_sample(small_sample);
        in.parallel.n_threads = n_threads;
        const py::gil_scoped_release release;
        return did::event_study(in);
      },
      py::arg("y"), py::arg("unit"), py::arg("time"), py::arg("period_values"),
      py::arg("first_treated"), py::arg("cluster") = py::none(), py::arg("weights") = py::none(),
      py::arg("reference") = -1, py::arg("window_lo") = 1, py::arg("window_hi") = 0,
      py::arg("bin_endpoints") = true, py::arg("small_sample") = "nested", py::arg("n_threads") = 0,
      "TWFE event study with a reference period and a joint pre-trend Wald test.");

  m.def(
      "callaway_santanna",
      [](const Eigen::MatrixXd& outcome, const DoubleArray& periods,
         const DoubleArray& first_treated, std::vector<Eigen::MatrixXd> covariates,
         const OptIntArray& cluster, const OptDoubleArray& unit_weights,
         const std::string& control_group, const std::string& method,
         const std::string& base_period, int anticipation, double alpha, int n_boot,
         const std::string& boot_weights, std::uint64_t seed, double min_e, double max_e,
         int balance_e, int n_threads, const py::object& progress) {
        did::StaggeredPanel panel;
        panel.outcome = outcome;
        panel.periods = to_doubles(periods);
        panel.first_treated = to_doubles(first_treated);
        panel.covariates = std::move(covariates);
        panel.cluster = to_ints(cluster);
        panel.weights = to_doubles(unit_weights);
        const did::StaggeredOptions opt =
            staggered_options(control_group, method, base_period, anticipation, alpha, n_boot,
                              boot_weights, seed, min_e, max_e, balance_e, n_threads, progress);
        const py::gil_scoped_release release;
        return did::callaway_santanna(panel, opt);
      },
      py::arg("outcome"), py::arg("periods"), py::arg("first_treated"),
      py::arg("covariates") = std::vector<Eigen::MatrixXd>{}, py::arg("cluster") = py::none(),
      py::arg("unit_weights") = py::none(), py::arg("control_group") = "never_treated",
      py::arg("method") = "dr", py::arg("base_period") = "varying", py::arg("anticipation") = 0,
      py::arg("alpha") = 0.05, py::arg("n_boot") = 999, py::arg("boot_weights") = "mammen",
      py::arg("seed") = 0, py::arg("min_e") = -std::numeric_limits<double>::infinity(),
      py::arg("max_e") = std::numeric_limits<double>::infinity(), py::arg("balance_e") = -1,
      py::arg("n_threads") = 0, py::arg("progress") = py::none(),
      "Callaway & Sant'Anna ATT(g,t) on a balanced wide panel, with aggregations and bootstrap.");

  m.def(
      "callaway_santanna_long",
      [](const Eigen::VectorXd& outcome, const IntArray& period, const DoubleArray& periods,
         const IntArray& id, const DoubleArray& first_treated, const OptMatrix& covariates,
         const OptDoubleArray& weights, const OptIntArray& cluster,
         const std::string& control_group, const std::string& method,
         const std::string& base_period, int anticipation, double alpha, int n_boot,
         const std::string& boot_weights, std::uint64_t seed, double min_e, double max_e,
         int balance_e, int n_threads, const py::object& progress) {
        did::StaggeredLongData data;
        data.outcome = outcome;
        data.period = to_ints(period);
        data.periods = to_doubles(periods);
        data.id = to_ints(id);
        data.first_treated = to_doubles(first_treated);
        data.covariates = covariates.value_or(Eigen::MatrixXd());
        data.weights = to_doubles(weights);
        data.cluster = to_ints(cluster);
        const did::StaggeredOptions opt =
            staggered_options(control_group, method, base_period, anticipation, alpha, n_boot,
                              boot_weights, seed, min_e, max_e, balance_e, n_threads, progress);
        const py::gil_scoped_release release;
        return did::callaway_santanna_long(data, opt);
      },
      py::arg("outcome"), py::arg("period"), py::arg("periods"), py::arg("id"),
      py::arg("first_treated"), py::arg("covariates") = py::none(), py::arg("weights") = py::none(),
      py::arg("cluster") = py::none(), py::arg("control_group") = "never_treated",
      py::arg("method") = "dr", py::arg("base_period") = "varying", py::arg("anticipation") = 0,
      py::arg("alpha") = 0.05, py::arg("n_boot") = 999, py::arg("boot_weights") = "mammen",
      py::arg("seed") = 0, py::arg("min_e") = -std::numeric_limits<double>::infinity(),
      py::arg("max_e") = std::numeric_limits<double>::infinity(), py::arg("balance_e") = -1,
      py::arg("n_threads") = 0, py::arg("progress") = py::none(),
      "Callaway & Sant'Anna ATT(g,t) on long data: repeated cross-sections or an unbalanced "
      "panel.");

  m.def(
      "multiplier_bootstrap",
      [](const Eigen::MatrixXd& cluster_sums, double n, int n_boot, const std::string& weights,
         std::uint64_t seed, int n_threads) {
        if (weights != "rademacher" && weights != "mammen") {
          throw InvalidInput("weights must be 'mammen' or 'rademacher', got '" + weights + "'");
        }
        const did::MultiplierWeights w = weights == "rademacher"
                                             ? did::MultiplierWeights::kRademacher
                                             : did::MultiplierWeights::kMammen;
        ParallelOptions opt;
        opt.n_threads = n_threads;
        const py::gil_scoped_release release;
        return did::multiplier_bootstrap(cluster_sums, n, n_boot, w, seed, opt);
      },
      py::arg("cluster_sums"), py::arg("n"), py::arg("n_boot"), py::arg("weights") = "mammen",
      py::arg("seed") = 0, py::arg("n_threads") = 0,
      "Multiplier-bootstrap draws (1/n) sum_c v_c S_c, one Philox stream per replicate.");
}

}  // namespace innozone::bindings
