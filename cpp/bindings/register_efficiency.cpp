// Bindings of the efficiency area: data envelopment analysis (scores, slacks, peers, scale,
// super-efficiency), the Simar-Wilson bootstrap, the Malmquist index and window analysis.
// Results are typed classes with read-only attributes (numpy arrays are read-only views).
#include <pybind11/eigen.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>
#include <vector>

#include "bindings.hpp"
#include "innozone/efficiency/bootstrap.hpp"
#include "innozone/efficiency/dea.hpp"
#include "innozone/efficiency/panel.hpp"

namespace py = pybind11;

namespace innozone::bindings {

namespace {

namespace ef = innozone::efficiency;

ef::DataLabels make_labels(const std::vector<std::string>& units,
                           const std::vector<std::string>& inputs,
                           const std::vector<std::string>& outputs) {
  return ef::DataLabels{units, inputs, outputs};
}

}  // namespace

void register_efficiency(py::module_& m) {
  py::module_ e = m.def_submodule("efficiency", "Data envelopment analysis (private)");

  py::class_<ef::DeaResult>(e, "DeaResult", "Scores, slacks, peers and scale analysis of DEA.")
      .def_property_readonly("model",
                             [](const ef::DeaResult& r) { return ef::to_string(r.returns); })
      .def_property_readonly("orientation",
                             [](const ef::DeaResult& r) { return ef::to_string(r.orientation); })
      .def_readonly("score", &ef::DeaResult::score)
      .def_readonly("radial", &ef::DeaResult::radial)
      .def_readonly("input_slack", &ef::DeaResult::input_slack)
      .def_readonly("output_slack", &ef::DeaResult::output_slack)
      .def_readonly("lambdas", &ef::DeaResult::lambda)
      .def_readonly("input_target", &ef::DeaResult::input_target)
      .def_readonly("output_target", &ef::DeaResult::output_target)
      .def_readonly("crs_score", &ef::DeaResult::crs_score)
      .def_readonly("vrs_score", &ef::DeaResult::vrs_score)
      .def_readonly("nirs_score", &ef::DeaResult::nirs_score)
      .def_readonly("scale_efficiency", &ef::DeaResult::scale_efficiency)
      .def_readonly("returns_to_scale", &ef::DeaResult::returns_to_scale)
      .def_readonly("status", &ef::DeaResult::status)
      .def_readonly("super_score", &ef::DeaResult::super_score)
      .def_readonly("super_status", &ef::DeaResult::super_status)
      .def_readonly("n_lp", &ef::DeaResult::n_lp);

  py::class_<ef::BootstrapResult>(e, "BootstrapResult",
                                  "Simar-Wilson (1998) bootstrap of DEA scores.")
      .def_readonly("score", &ef::BootstrapResult::score)
      .def_readonly("bias", &ef::BootstrapResult::bias)
      .def_readonly("bias_corrected", &ef::BootstrapResult::bias_corrected)
      .def_readonly("lower", &ef::BootstrapResult::lower)
      .def_readonly("upper", &ef::BootstrapResult::upper)
      .def_readonly("std_error", &ef::BootstrapResult::std_error)
      .def_readonly("bias_ratio", &ef::BootstrapResult::bias_ratio)
      .def_readonly("replicates", &ef::BootstrapResult::replicates)
      .def_readonly("bandwidth", &ef::BootstrapResult::bandwidth)
      .def_readonly("alpha", &ef::BootstrapResult::alpha)
      .def_readonly("n_boot", &ef::BootstrapResult::n_boot)
      .def_readonly("n_failed", &ef::BootstrapResult::n_failed);

  py::class_<ef::MalmquistResult>(e, "MalmquistResult",
                                  "Malmquist index between consecutive periods (units x steps).")
      .def_property_readonly("model",
                             [](const ef::MalmquistResult& r) { return ef::to_string(r.returns); })
      .def_property_readonly(
          "orientation", [](const ef::MalmquistResult& r) { return ef::to_string(r.orientation); })
      .def_readonly("score_t_t", &ef::MalmquistResult::score_t_t)
      .def_readonly("score_t_t1", &ef::MalmquistResult::score_t_t1)
      .def_readonly("score_t1_t", &ef::MalmquistResult::score_t1_t)
      .def_readonly("score_t1_t1", &ef::MalmquistResult::score_t1_t1)
      .def_readonly("malmquist", &ef::MalmquistResult::malmquist)
      .def_readonly("efficiency_change", &ef::MalmquistResult::efficiency_change)
      .def_readonly("technical_change", &ef::MalmquistResult::technical_change)
      .def_readonly("pure_efficiency_change", &ef::MalmquistResult::pure_efficiency_change)
      .def_readonly("scale_change", &ef::MalmquistResult::scale_change)
      .def_readonly("n_infeasible", &ef::MalmquistResult::n_infeasible);

  py::class_<ef::WindowResult>(e, "WindowResult", "DEA window analysis scores.")
      .def_property_readonly("model",
                             [](const ef::WindowResult& r) { return ef::to_string(r.returns); })
      .def_property_readonly("orientation",
                             [](const ef::WindowResult& r) { return ef::to_string(r.orientation); })
      .def_readonly("width", &ef::WindowResult::width)
      .def_readonly("scores", &ef::WindowResult::scores);

  e.def("lp_solver_version", &ef::lp_solver_version, "Name and version of the LP solver.");
  e.def("minimum_units", &ef::minimum_units, py::arg("n_inputs"), py::arg("n_outputs"),
        "Rule of thumb on the number of units: max(m * s, 3 (m + s)).");
  e.def(
      "validate_data",
      [](const Eigen::MatrixXd& inputs, const Eigen::MatrixXd& outputs,
         const std::vector<std::string>& units, const std::vector<std::string>& input_names,
         const std::vector<std::string>& output_names) {
        ef::validate_data(inputs, outputs, make_labels(units, input_names, output_names));
      },
      py::arg("inputs"), py::arg("outputs"), py::arg("units") = std::vector<std::string>(),
      py::arg("input_names") = std::vector<std::string>(),
      py::arg("output_names") = std::vector<std::string>(),
      "Raise InvalidInputError naming the unit and column of bad DEA data.");
  e.def("bootstrap_bandwidth", &ef::bootstrap_bandwidth, py::arg("delta"),
        "Bandwidth of the bootstrap's kernel for distances >= 1.");

  e.def(
      "dea",
      [](const Eigen::MatrixXd& inputs, const Eigen::MatrixXd& outputs, const std::string& model,
         const std::string& orientation, bool slacks, bool super_efficiency,
         const std::vector<std::string>& units, const std::vector<std::string>& input_names,
         const std::vector<std::string>& output_names, int n_threads, const py::object& progress) {
        ef::DeaOptions options;
        options.returns = ef::parse_returns(model);
        options.orientation = ef::parse_orientation(orientation);
        options.slacks = slacks;
        options.super_efficiency = super_efficiency;
        const ef::DataLabels labels = make_labels(units, input_names, output_names);
        const ParallelOptions par = make_parallel_options(n_threads, progress);
        ef::DeaResult result;
        {
          const py::gil_scoped_release release;
          result = ef::dea(inputs, outputs, options, par, labels);
        }
        return result;
      },
      py::arg("inputs"), py::arg("outputs"), py::arg("model") = "ccr",
      py::arg("orientation") = "input", py::arg("slacks") = true,
      py::arg("super_efficiency") = false, py::arg("units") = std::vector<std::string>(),
      py::arg("input_names") = std::vector<std::string>(),
      py::arg("output_names") = std::vector<std::string>(), py::arg("n_threads") = 0,
      py::arg("progress") = py::none(), "DEA of every unit (units in rows).");

  e.def(
      "scores_against",
      [](const Eigen::MatrixXd& ref_inputs, const Eigen::MatrixXd& ref_outputs,
         const Eigen::MatrixXd& eval_inputs, const Eigen::MatrixXd& eval_outputs,
         const std::string& model, const std::string& orientation) {
        const ef::Returns returns = ef::parse_returns(model);
        const ef::Orientation orient = ef::parse_orientation(orientation);
        const py::gil_scoped_release release;
        return ef::scores_against(ref_inputs, ref_outputs, eval_inputs, eval_outputs, returns,
                                  orient);
      },
      py::arg("ref_inputs"), py::arg("ref_outputs"), py::arg("eval_inputs"),
      py::arg("eval_outputs"), py::arg("model") = "ccr", py::arg("orientation") = "input",
      "Scores of the evaluated units against the reference units' technology (NaN: infeasible).");

  e.def(
      "bootstrap",
      [](const Eigen::MatrixXd& inputs, const Eigen::MatrixXd& outputs,
         const Eigen::VectorXd& scores, const std::string& model, const std::string& orientation,
         std::size_t n_boot, std::uint64_t seed, double alpha, double bandwidth, int n_threads,
         const py::object& progress, std::size_t first_replicate) {
        ef::BootstrapOptions options;
        options.n_boot = n_boot;
        options.seed = seed;
        options.alpha = alpha;
        options.bandwidth = bandwidth;
        options.first_replicate = first_replicate;
        const ef::Returns returns = ef::parse_returns(model);
        const ef::Orientation orient = ef::parse_orientation(orientation);
        const ParallelOptions par = make_parallel_options(n_threads, progress);
        ef::BootstrapResult result;
        {
          const py::gil_scoped_release release;
          result = ef::bootstrap(inputs, outputs, scores, returns, orient, options, par);
        }
        return result;
      },
      py::arg("inputs"), py::arg("outputs"), py::arg("scores"), py::arg("model") = "ccr",
      py::arg("orientation") = "input", py::arg("n_boot") = 2000, py::arg("seed") = 0,
      py::arg("alpha") = 0.05, py::arg("bandwidth") = 0.0, py::arg("n_threads") = 0,
      py::arg("progress") = py::none(), py::arg("first_replicate") = 0,
      "Simar-Wilson (1998) smoothed bootstrap of DEA scores (replicates first_replicate .. "
      "first_replicate + n_boot - 1).");

  e.def("bootstrap_summary", &ef::bootstrap_summary, py::arg("scores"), py::arg("replicates"),
        py::arg("alpha") = 0.05, py::arg("bandwidth") = 0.0,
        "The bootstrap's summaries from its replicates (n_boot x n, in replicate order).");

  e.def(
      "malmquist",
      [](const std::vector<Eigen::MatrixXd>& inputs, const std::vector<Eigen::MatrixXd>& outputs,
         const std::string& model, const std::string& orientation,
         const std::vector<std::string>& units, const std::vector<std::string>& input_names,
         const std::vector<std::string>& output_names, const std::vector<std::string>& periods,
         int n_threads, const py::object& progress) {
        const ef::Returns returns = ef::parse_returns(model);
        const ef::Orientation orient = ef::parse_orientation(orientation);
        const ef::DataLabels labels = make_labels(units, input_names, output_names);
        const ParallelOptions par = make_parallel_options(n_threads, progress);
        ef::MalmquistResult result;
        {
          const py::gil_scoped_release release;
          result = ef::malmquist(inputs, outputs, returns, orient, par, labels, periods);
        }
        return result;
      },
      py::arg("inputs"), py::arg("outputs"), py::arg("model") = "ccr",
      py::arg("orientation") = "input", py::arg("units") = std::vector<std::string>(),
      py::arg("input_names") = std::vector<std::string>(),
      py::arg("output_names") = std::vector<std::string>(),
      py::arg("periods") = std::vector<std::string>(), py::arg("n_threads") = 0,
      py::arg("progress") = py::none(), "Malmquist index between consecutive periods.");

  e.def(
      "window_analysis",
      [](const std::vector<Eigen::MatrixXd>& inputs, const std::vector<Eigen::MatrixXd>& outputs,
         std::size_t width, const std::string& model, const std::string& orientation,
         const std::vector<std::string>& units, const std::vector<std::string>& input_names,
         const std::vector<std::string>& output_names, const std::vector<std::string>& periods,
         int n_threads, const py::object& progress) {
        const ef::Returns returns = ef::parse_returns(model);
        const ef::Orientation orient = ef::parse_orientation(orientation);
        const ef::DataLabels labels = make_labels(units, input_names, output_names);
        const ParallelOptions par = make_parallel_options(n_threads, progress);
        ef::WindowResult result;
        {
          const py::gil_scoped_release release;
          result =
              ef::window_analysis(inputs, outputs, width, returns, orient, par, labels, periods);
        }
        return result;
      },
      py::arg("inputs"), py::arg("outputs"), py::arg("width"), py::arg("model") = "ccr",
      py::arg("orientation") = "input", py::arg("units") = std::vector<std::string>(),
      py::arg("input_names") = std::vector<std::string>(),
      py::arg("output_names") = std::vector<std::string>(),
      py::arg("periods") = std::vector<std::string>(), py::arg("n_threads") = 0,
      py::arg("progress") = py::none(), "DEA window analysis (windows of `width` periods).");
}

}  // namespace innozone::bindings
