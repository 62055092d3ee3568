// Bindings of the synth area: synthetic control and synthetic difference-in-differences.
#include <pybind11/eigen.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>
#include <vector>

#include "bindings.hpp"
#include "innozone/common/error.hpp"
#include "innozone/synth/sdid.hpp"
#include "innozone/synth/simplex_qp.hpp"
#include "innozone/synth/synthetic_control.hpp"

namespace py = pybind11;

namespace innozone::bindings {

namespace {

using synth::ScFit;
using synth::ScUnitFit;

py::dict kkt_to_dict(const synth::KktReport& kkt) {
  py::dict d;
  d["stationarity"] = kkt.stationarity;
  d["dual_infeasibility"] = kkt.dual_infeasibility;
  d["primal_infeasibility"] = kkt.primal_infeasibility;
  d["multiplier"] = kkt.multiplier;
  return d;
}

py::dict fit_to_dict(const ScFit& fit) {
  py::dict d;
  d["w"] = fit.w;
  d["v"] = fit.v;
  d["loss_v"] = fit.loss_v;
  d["loss_w"] = fit.loss_w;
  d["starts_disagree"] = fit.starts_disagree;
  py::list starts;
  for (const auto& s : fit.starts) {
    py::dict sd;
    sd["label"] = s.label;
    sd["v"] = s.v;
    sd["w"] = s.w;
    sd["loss_v"] = s.loss_v;
    sd["evaluations"] = s.evaluations;
    starts.append(sd);
  }
  d["starts"] = starts;
  d["qp_iterations"] = fit.qp.iterations;
  d["qp_converged"] = fit.qp.converged;
  d["kkt"] = kkt_to_dict(fit.qp.kkt);
  return d;
}

py::dict unit_to_dict(const ScUnitFit& u) {
  py::dict d = fit_to_dict(u.fit);
  d["unit"] = u.unit;
  d["first_treated"] = u.first_treated;
  d["placebo"] = u.placebo;
  d["synthetic"] = u.synthetic;
  d["gap"] = u.gap;
  d["donors"] = u.donors;
  d["pre_rmspe"] = u.pre_rmspe;
  d["post_rmspe"] = u.post_rmspe;
  d["ratio"] = u.ratio;
  return d;
}

synth::ScOptions make_sc_options(int n_random_starts, bool equal_start, bool regression_start,
                                 std::uint64_t seed, int max_evaluations, double tolerance,
                                 double disagreement_rtol, bool normalize,
                                 const Eigen::VectorXd& custom_v) {
  synth::ScOptions o;
  o.n_random_starts = n_random_starts;
  o.equal_start = equal_start;
  o.regression_start = regression_start;
  o.seed = seed;
  o.max_evaluations = max_evaluations;
  o.tolerance = tolerance;
  o.disagreement_rtol = disagreement_rtol;
  o.normalize_predictors = normalize;
  o.custom_v = custom_v;
  return o;
}

py::dict sdid_fit_to_dict(const synth::SdidFit& f) {
  py::dict d;
  d["method"] = synth::to_string(f.method);
  d["estimate"] = f.estimate;
  d["omega"] = f.omega;
  d["lambda"] = f.lambda;
  d["noise_level"] = f.noise_level;
  d["zeta_omega"] = f.zeta_omega;
  d["zeta_lambda"] = f.zeta_lambda;
  d["min_decrease"] = f.min_decrease;
  d["omega_iterations"] = f.omega_iterations;
  d["lambda_iterations"] = f.lambda_iterations;
  d["n0"] = f.n0;
  d["t0"] = f.t0;
  return d;
}

}  // namespace

void register_synth(py::module_& m) {
  py::module_ s = m.def_submodule("synth", "Synthetic control and synthetic DiD (private)");

  s.def(
      "simplex_least_squares",
      [](const Eigen::MatrixXd& a, const Eigen::VectorXd& b, double ridge) {
        synth::SimplexQpOptions o;
        o.ridge = ridge;
        const synth::SimplexQpResult r = synth::simplex_least_squares(a, b, o);
        py::dict d;
        d["w"] = r.weights;
        d["objective"] = r.objective;
        d["iterations"] = r.iterations;
        d["converged"] = r.converged;
        d["kkt"] = kkt_to_dict(r.kkt);
        return d;
      },
      py::arg("a"), py::arg("b"), py::arg("ridge") = 0.0,
      "min 0.5||Aw-b||^2 + 0.5 ridge ||w||^2 over the simplex (active set); dict with w, kkt.");

  s.def(
      "predictor_matrix",
      [](const std::vector<Eigen::MatrixXd>& variables, const std::vector<std::string>& names,
         const std::vector<int>& variable, const std::vector<std::vector<int>>& periods) {
        if (names.size() != variable.size() || names.size() != periods.size()) {
          throw InvalidInput("predictor_matrix: names, variable and periods differ in length");
        }
        std::vector<synth::PredictorSpec> specs;
        for (std::size_t i = 0; i < names.size(); ++i) {
          specs.push_back(synth::PredictorSpec{names[i], variable[i], periods[i]});
        }
        return synth::predictor_matrix(variables, specs);
      },
      py::arg("variables"), py::arg("names"), py::arg("variable"), py::arg("periods"),
      "k x N predictor matrix of period averages (NaN skipped).");

  s.def(
      "fit_synthetic_control",
      [](const Eigen::VectorXd& x1, const Eigen::MatrixXd& x0, const Eigen::VectorXd& z1,
         const Eigen::MatrixXd& z0, int n_random_starts, bool equal_start, bool regression_start,
         std::uint64_t seed, int max_evaluations, double tolerance, double disagreement_rtol,
         bool normalize, const Eigen::VectorXd& custom_v) {
        const synth::ScOptions o =
            make_sc_options(n_random_starts, equal_start, regression_start, seed, max_evaluations,
                            tolerance, disagreement_rtol, normalize, custom_v);
        ScFit fit;
        {
          const py::gil_scoped_release release;
          fit = synth::fit_synthetic_control(x1, x0, z1, z0, o);
        }
        return fit_to_dict(fit);
      },
      py::arg("x1"), py::arg("x0"), py::arg("z1"), py::arg("z0"), py::arg("n_random_starts") = 2,
      py::arg("equal_start") = true, py::arg("regression_start") = true, py::arg("seed") = 0,
      py::arg("max_evaluations") = 4000, py::arg("tolerance") = 1e-10,
      py::arg("disagreement_rtol") = 0.01, py::arg("normalize") = true,
      py::arg("custom_v") = Eigen::VectorXd(), "One synthetic-control fit (nested V/W search).");

  s.def(
      "fit_synthetic_control_panel",
      [](const Eigen::MatrixXd& outcome, const Eigen::MatrixXd& predictors,
         const std::vector<int>& treated, const std::vector<int>& first_treated,
         const std::vector<int>& donors, const std::vector<std::vector<int>>& optimize_periods,
         bool placebo, int n_random_starts, bool equal_start, bool regression_start,
         std::uint64_t seed, int max_evaluations, double tolerance, double disagreement_rtol,
         bool normalize, const Eigen::VectorXd& custom_v, int n_threads,
         const py::object& progress) {
        synth::ScPanel panel{outcome, predictors, treated, first_treated, donors, optimize_periods};
        const synth::ScOptions o =
            make_sc_options(n_random_starts, equal_start, regression_start, seed, max_evaluations,
                            tolerance, disagreement_rtol, normalize, custom_v);
        const ParallelOptions par = make_parallel_options(n_threads, progress);
        synth::ScPanelResult r;
        {
          const py::gil_scoped_release release;
          r = synth::fit_synthetic_control_panel(panel, o, placebo, par);
        }
        py::dict d;
        py::list tr;
        for (const auto& u : r.treated) {
          tr.append(unit_to_dict(u));
        }
        py::list pl;
        for (const auto& u : r.placebos) {
          pl.append(unit_to_dict(u));
        }
        d["treated"] = tr;
        d["placebos"] = pl;
        d["p_values"] = r.p_values;
        return d;
      },
      py::arg("outcome"), py::arg("predictors"), py::arg("treated"), py::arg("first_treated"),
      py::arg("donors"), py::arg("optimize_periods"), py::arg("placebo") = true,
      py::arg("n_random_starts") = 2, py::arg("equal_start") = true,
      py::arg("regression_start") = true, py::arg("seed") = 0, py::arg("max_evaluations") = 4000,
      py::arg("tolerance") = 1e-10, py::arg("disagreement_rtol") = 0.01,
      py::arg("normalize") = true, py::arg("custom_v") = Eigen::VectorXd(),
      py::arg("n_threads") = 0, py::arg("progress") = py::none(),
      "Fit treated units and in-space placebos in parallel.");

  s.def(
      "sdid_estimate",
      [](const Eigen::MatrixXd& y, int n0, int t0, const std::string& method, double eta_omega,
         double eta_lambda, double noise_level, double min_decrease, int max_iter,
         int max_iter_pre_sparsify, bool sparsify) {
        synth::SdidOptions o;
        o.method = synth::parse_sdid_method(method);
        o.eta_omega = eta_omega;
        o.eta_lambda = eta_lambda;
        o.noise_level = noise_level;
        o.min_decrease = min_decrease;
        o.max_iter = max_iter;
        o.max_iter_pre_sparsify = max_iter_pre_sparsify;
        o.sparsify = sparsify;
        synth::SdidFit fit;
        {
          const py::gil_scoped_release release;
          fit = synth::sdid_estimate(y, n0, t0, o);
        }
        py::dict d = sdid_fit_to_dict(fit);
        d["effect_curve"] = synth::sdid_effect_curve(y, fit);
        return d;
      },
      py::arg("y"), py::arg("n0"), py::arg("t0"), py::arg("method") = "sdid",
      py::arg("eta_omega") = -1.0, py::arg("eta_lambda") = -1.0, py::arg("noise_level") = -1.0,
      py::arg("min_decrease") = -1.0, py::arg("max_iter") = 10000,
      py::arg("max_iter_pre_sparsify") = 100, py::arg("sparsify") = true,
      "SDID / SC / DID estimate on an N x T matrix (controls and pre-periods first).");

  s.def(
      "sdid_standard_error",
      [](const Eigen::MatrixXd& y, int n0, int t0, const std::string& method,
         const std::string& se_method, int replications, std::uint64_t seed, double eta_omega,
         double eta_lambda, double noise_level, double min_decrease, int max_iter,
         int max_iter_pre_sparsify, bool sparsify, int n_threads, const py::object& progress) {
        synth::SdidOptions o;
        o.method = synth::parse_sdid_method(method);
        o.eta_omega = eta_omega;
        o.eta_lambda = eta_lambda;
        o.noise_level = noise_level;
        o.min_decrease = min_decrease;
        o.max_iter = max_iter;
        o.max_iter_pre_sparsify = max_iter_pre_sparsify;
        o.sparsify = sparsify;
        const synth::SeMethod sm = synth::parse_se_method(se_method);
        const ParallelOptions par = make_parallel_options(n_threads, progress);
        synth::SeResult r;
        {
          const py::gil_scoped_release release;
          const synth::SdidFit fit = synth::sdid_estimate(y, n0, t0, o);
          r = synth::sdid_standard_error(y, fit, sm, replications, seed, par);
        }
        py::dict d;
        d["se"] = r.se;
        d["replicates"] = r.replicates;
        d["note"] = r.note;
        return d;
      },
      py::arg("y"), py::arg("n0"), py::arg("t0"), py::arg("method") = "sdid",
      py::arg("se_method") = "placebo", py::arg("replications") = 200, py::arg("seed") = 0,
      py::arg("eta_omega") = -1.0, py::arg("eta_lambda") = -1.0, py::arg("noise_level") = -1.0,
      py::arg("min_decrease") = -1.0, py::arg("max_iter") = 10000,
      py::arg("max_iter_pre_sparsify") = 100, py::arg("sparsify") = true,
      py::arg("n_threads") = 0, py::arg("progress") = py::none(),
      "Standard error of an SDID / SC / DID estimate (placebo, bootstrap or jackknife).");
}

}  // namespace innozone::bindings
