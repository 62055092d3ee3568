// Bindings of the difference-in-differences area (innozone._core.did).
#include <pybind11/eigen.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cmath>
#include <limits>
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

using did::Aggregation;

did::SmallSample parse_small_sample(const std::string& s) {
  if (s == "nested") {
    return did::SmallSample::kNested;
  }
  if (s == "full") {
    return did::SmallSample::kFull;
  }
  throw InvalidInput("small_sample must be 'nested' or 'full', got '" + s + "'");
}

py::dict regression_dict(const did::FeRegressionResult& r) {
  py::dict d;
  d["names"] = r.names;
  d["coef"] = r.coef;
  d["se"] = r.se;
  d["vcov"] = r.vcov;
  d["n_obs"] = r.n_obs;
  d["n_clusters"] = r.n_clusters;
  d["n_params"] = r.n_params;
  d["small_sample_factor"] = r.small_sample_factor;
  d["r2_within"] = r.r2_within;
  d["demean_iterations"] = r.demean_iterations;
  return d;
}

py::dict aggregation_dict(const Aggregation& a) {
  py::dict d;
  d["type"] = a.type;
  d["overall_att"] = a.overall_att;
  d["overall_se"] = a.overall_se;
  d["overall_se_analytic"] = a.overall_se_analytic;
  d["label"] = a.label;
  d["att"] = a.att;
  d["se"] = a.se;
  d["se_analytic"] = a.se_analytic;
  d["crit_value"] = a.crit_value;
  return d;
}

}  // namespace

void register_did(py::module_& parent) {
  py::module_ m = parent.def_submodule("did", "Difference-in-differences estimators");

  m.def(
      "fe_regression",
      [](const Eigen::VectorXd& y, const Eigen::MatrixXd& x, std::vector<int> unit,
         std::vector<int> time, std::vector<int> cluster, std::vector<std::string> names,
         bool add_constant, const std::string& small_sample) {
        did::FeRegressionInput in;
        in.y = y;
        in.x = x;
        in.unit = std::move(unit);
        in.time = std::move(time);
        in.cluster = std::move(cluster);
        in.names = std::move(names);
        in.add_constant = add_constant;
        in.small_sample = parse_small_sample(small_sample);
        return regression_dict(did::fe_regression(in));
      },
      py::arg("y"), py::arg("x"), py::arg("unit") = std::vector<int>{},
      py::arg("time") = std::vector<int>{}, py::arg("cluster") = std::vector<int>{},
      py::arg("names") = std::vector<std::string>{}, py::arg("add_constant") = false,
      py::arg("small_sample") = "nested",
      "Least squares with absorbed unit/time effects and CR1 cluster-robust covariance.");

  m.def("chi2_sf", &did::chi2_sf, py::arg("x"), py::arg("df"), "Chi-square upper tail probability.");

  m.def(
      "two_by_two",
      [](const Eigen::VectorXd& y, const std::vector<int>& treated, const std::vector<int>& post,
         const std::vector<int>& cluster) {
        const did::TwoByTwoResult r = did::two_by_two(y, treated, post, cluster);
        py::dict d;
        py::list means, ses, counts;
        for (int g = 0; g < 2; ++g) {
          means.append(py::make_tuple(r.mean[g][0], r.mean[g][1]));
          ses.append(py::make_tuple(r.mean_se[g][0], r.mean_se[g][1]));
          counts.append(py::make_tuple(r.count[g][0], r.count[g][1]));
        }
        d["mean"] = means;
        d["mean_se"] = ses;
        d["count"] = counts;
        d["did"] = r.did;
        d["se"] = r.se;
        d["n_clusters"] = r.n_clusters;
        d["small_sample_factor"] = r.small_sample_factor;
        return d;
      },
      py::arg("y"), py::arg("treated"), py::arg("post"), py::arg("cluster") = std::vector<int>{},
      "2x2 DiD from cell means with a CR1 standard error.");

  m.def(
      "event_study",
      [](const Eigen::VectorXd& y, std::vector<int> unit, std::vector<double> time,
         std::vector<double> first_treated, std::vector<int> cluster, int reference,
         int window_lo, int window_hi, bool bin_endpoints, const std::string& small_sample) {
        did::EventStudyInput in;
        in.y = y;
        in.unit = std::move(unit);
        in.time = std::move(time);
        in.first_treated = std::move(first_treated);
        in.cluster = std::move(cluster);
        in.reference = reference;
        in.window_lo = window_lo;
        in.window_hi = window_hi;
        in.bin_endpoints = bin_endpoints;
        in.small_sample = parse_small_sample(small_sample);
        const did::EventStudyResult r = did::event_study(in);
        py::dict d;
        d["rel_time"] = r.rel_time;
        d["coef"] = r.coef;
        d["se"] = r.se;
        d["regression"] = regression_dict(r.regression);
        d["pretest_statistic"] = r.pretest.statistic;
        d["pretest_df"] = r.pretest.df;
        d["pretest_p_value"] = r.pretest.p_value;
        return d;
      },
      py::arg("y"), py::arg("unit"), py::arg("time"), py::arg("first_treated"),
      py::arg("cluster") = std::vector<int>{}, py::arg("reference") = -1, py::arg("window_lo") = 1,
      py::arg("window_hi") = 0, py::arg("bin_endpoints") = true, py::arg("small_sample") = "nested",
      "TWFE event study with a reference period and a joint pre-trend Wald test.");

  m.def(
      "callaway_santanna",
      [](const Eigen::MatrixXd& outcome, std::vector<double> periods, std::vector<double> first_treated,
         std::vector<Eigen::MatrixXd> covariates, std::vector<int> cluster, std::vector<double> unit_weights,
         const std::string& control_group, const std::string& method, const std::string& base_period,
         int anticipation, double alpha, int n_boot, const std::string& boot_weights, std::uint64_t seed,
         double min_e, double max_e, int balance_e, int n_threads, const py::object& progress) {
        did::StaggeredPanel panel;
        panel.outcome = outcome;
        panel.periods = std::move(periods);
        panel.first_treated = std::move(first_treated);
        panel.covariates = std::move(covariates);
        panel.cluster = std::move(cluster);
        panel.weights = std::move(unit_weights);
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
        did::StaggeredResult r;
        {
          const py::gil_scoped_release release;
          r = did::callaway_santanna(panel, opt);
        }
        py::dict d;
        py::dict gt;
        gt["group"] = r.att_gt.group;
        gt["time"] = r.att_gt.time;
        gt["base_time"] = r.att_gt.base_time;
        gt["post"] = r.att_gt.post;
        gt["att"] = r.att_gt.att;
        gt["se"] = r.att_gt.se;
        gt["se_analytic"] = r.att_gt.se_analytic;
        gt["n_treated"] = r.att_gt.n_treated;
        gt["n_control"] = r.att_gt.n_control;
        gt["crit_value"] = r.att_gt.crit_value;
        d["att_gt"] = gt;
        d["simple"] = aggregation_dict(r.simple);
        d["group"] = aggregation_dict(r.group);
        d["dynamic"] = aggregation_dict(r.dynamic);
        d["calendar"] = aggregation_dict(r.calendar);
        d["pretest_statistic"] = r.pretest_statistic;
        d["pretest_df"] = r.pretest_df;
        d["pretest_p_value"] = r.pretest_p_value;
        d["n_units"] = r.n_units;
        d["n_clusters"] = r.n_clusters;
        d["n_boot"] = r.n_boot;
        d["dropped_units"] = r.dropped_units;
        d["notes"] = r.notes;
        d["influence"] = r.influence;
        return d;
      },
      py::arg("outcome"), py::arg("periods"), py::arg("first_treated"),
      py::arg("covariates") = std::vector<Eigen::MatrixXd>{}, py::arg("cluster") = std::vector<int>{},
      py::arg("unit_weights") = std::vector<double>{}, py::arg("control_group") = "never_treated", py::arg("method") = "dr",
      py::arg("base_period") = "varying", py::arg("anticipation") = 0, py::arg("alpha") = 0.05,
      py::arg("n_boot") = 999, py::arg("boot_weights") = "mammen", py::arg("seed") = 0,
      py::arg("min_e") = -std::numeric_limits<double>::infinity(),
      py::arg("max_e") = std::numeric_limits<double>::infinity(), py::arg("balance_e") = -1,
      py::arg("n_threads") = 0, py::arg("progress") = py::none(),
      "Callaway & Sant'Anna ATT(g,t) on a balanced wide panel, with aggregations and bootstrap.");

  m.def(
      "multiplier_bootstrap",
      [](const Eigen::MatrixXd& cluster_sums, double n, int n_boot, const std::string& weights,
         std::uint64_t seed, int n_threads) {
        const did::MultiplierWeights w =
            weights == "rademacher" ? did::MultiplierWeights::kRademacher : did::MultiplierWeights::kMammen;
        if (weights != "rademacher" && weights != "mammen") {
          throw InvalidInput("weights must be 'mammen' or 'rademacher', got '" + weights + "'");
        }
        ParallelOptions opt;
        opt.n_threads = n_threads;
        Eigen::MatrixXd out;
        {
          const py::gil_scoped_release release;
          out = did::multiplier_bootstrap(cluster_sums, n, n_boot, w, seed, opt);
        }
        return out;
      },
      py::arg("cluster_sums"), py::arg("n"), py::arg("n_boot"), py::arg("weights") = "mammen",
      py::arg("seed") = 0, py::arg("n_threads") = 0,
      "Multiplier-bootstrap draws (1/n) sum_c v_c S_c, one Philox stream per replicate.");
}

}  // namespace innozone::bindings
