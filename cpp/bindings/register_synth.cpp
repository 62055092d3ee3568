// Bindings of the synth area: synthetic control and synthetic difference-in-differences.
// Results are bound as read-only classes (typed attributes), never as dicts.
#include <pybind11/eigen.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>
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

synth::ScOptions make_sc_options(int n_random_starts, bool equal_start, bool regression_start,
                                 std::uint64_t seed, int max_evaluations, double tolerance,
                                 double disagreement_rtol, bool normalize,
                                 const std::optional<Eigen::VectorXd>& custom_v,
                                 const std::string& v_search, int n_global_starts) {
  synth::ScOptions o;
  o.n_random_starts = n_random_starts;
  o.equal_start = equal_start;
  o.regression_start = regression_start;
  o.seed = seed;
  o.max_evaluations = max_evaluations;
  o.tolerance = tolerance;
  o.disagreement_rtol = disagreement_rtol;
  o.normalize_predictors = normalize;
  o.custom_v = custom_v.value_or(Eigen::VectorXd());
  o.v_search = synth::parse_v_search(v_search);
  o.n_global_starts = n_global_starts;
  return o;
}

synth::SdidOptions make_sdid_options(const std::string& method, double eta_omega, double eta_lambda,
                                     double noise_level, double min_decrease, int max_iter,
                                     int max_iter_pre_sparsify, bool sparsify,
                                     const std::string& covariate_method) {
  synth::SdidOptions o;
  o.method = synth::parse_sdid_method(method);
  o.covariate_method = synth::parse_covariate_method(covariate_method);
  o.eta_omega = eta_omega;
  o.eta_lambda = eta_lambda;
  o.noise_level = noise_level;
  o.min_decrease = min_decrease;
  o.max_iter = max_iter;
  o.max_iter_pre_sparsify = max_iter_pre_sparsify;
  o.sparsify = sparsify;
  return o;
}

std::string covariate_method_name(synth::CovariateMethod m) {
  return m == synth::CovariateMethod::kProjected ? "projected" : "optimized";
}

void register_classes(py::module_& s) {
  py::class_<synth::KktReport>(s, "KktReport", "KKT residuals of the simplex QP at its solution.")
      .def_readonly("stationarity", &synth::KktReport::stationarity)
      .def_readonly("dual_infeasibility", &synth::KktReport::dual_infeasibility)
      .def_readonly("primal_infeasibility", &synth::KktReport::primal_infeasibility)
      .def_readonly("multiplier", &synth::KktReport::multiplier);
  py::class_<synth::SimplexQpResult>(s, "QpResult", "Solution of the simplex-constrained QP.")
      .def_readonly("weights", &synth::SimplexQpResult::weights)
      .def_readonly("objective", &synth::SimplexQpResult::objective)
      .def_readonly("iterations", &synth::SimplexQpResult::iterations)
      .def_readonly("converged", &synth::SimplexQpResult::converged)
      .def_readonly("kkt", &synth::SimplexQpResult::kkt);
  py::class_<synth::ScStart>(s, "ScStart", "One start of the V search and where it ended.")
      .def_readonly("label", &synth::ScStart::label)
      .def_readonly("v", &synth::ScStart::v)
      .def_readonly("w", &synth::ScStart::w)
      .def_readonly("loss_v", &synth::ScStart::loss_v)
      .def_readonly("evaluations", &synth::ScStart::evaluations);
  py::class_<synth::ScFit>(s, "ScFit", "One synthetic-control fit (donor weights W, V).")
      .def_readonly("w", &synth::ScFit::w)
      .def_readonly("v", &synth::ScFit::v)
      .def_readonly("loss_v", &synth::ScFit::loss_v)
      .def_readonly("loss_w", &synth::ScFit::loss_w)
      .def_readonly("starts", &synth::ScFit::starts)
      .def_readonly("starts_disagree", &synth::ScFit::starts_disagree)
      .def_readonly("qp", &synth::ScFit::qp);
  py::class_<synth::ScUnitFit>(s, "ScUnitFit", "The fit of one treated or placebo unit.")
      .def_readonly("unit", &synth::ScUnitFit::unit)
      .def_readonly("first_treated", &synth::ScUnitFit::first_treated)
      .def_readonly("placebo", &synth::ScUnitFit::placebo)
      .def_readonly("fit", &synth::ScUnitFit::fit)
      .def_readonly("synthetic", &synth::ScUnitFit::synthetic)
      .def_readonly("gap", &synth::ScUnitFit::gap)
      .def_readonly("donors", &synth::ScUnitFit::donors)
      .def_readonly("pre_rmspe", &synth::ScUnitFit::pre_rmspe)
      .def_readonly("post_rmspe", &synth::ScUnitFit::post_rmspe)
      .def_readonly("ratio", &synth::ScUnitFit::ratio);
  py::class_<synth::ScPanelResult>(s, "ScPanelResult", "Treated fits, placebo fits, p-values.")
      .def_readonly("treated", &synth::ScPanelResult::treated)
      .def_readonly("placebos", &synth::ScPanelResult::placebos)
      .def_readonly("p_values", &synth::ScPanelResult::p_values);
  py::class_<synth::SdidFit>(s, "SdidFit", "Weights and tuning of one SDID / SC / DID block fit.")
      .def_property_readonly("method",
                             [](const synth::SdidFit& f) { return synth::to_string(f.method); })
      .def_readonly("estimate", &synth::SdidFit::estimate)
      .def_readonly("omega", &synth::SdidFit::omega)
      .def_readonly("lambda_", &synth::SdidFit::lambda)
      .def_readonly("beta", &synth::SdidFit::beta)
      .def_readonly("noise_level", &synth::SdidFit::noise_level)
      .def_readonly("zeta_omega", &synth::SdidFit::zeta_omega)
      .def_readonly("zeta_lambda", &synth::SdidFit::zeta_lambda)
      .def_readonly("min_decrease", &synth::SdidFit::min_decrease)
      .def_readonly("omega_iterations", &synth::SdidFit::omega_iterations)
      .def_readonly("lambda_iterations", &synth::SdidFit::lambda_iterations)
      .def_readonly("covariate_iterations", &synth::SdidFit::covariate_iterations)
      .def_readonly("n0", &synth::SdidFit::n0)
      .def_readonly("t0", &synth::SdidFit::t0);
  py::class_<synth::SdidCohort>(s, "SdidCohort", "One adoption cohort of a staggered design.")
      .def_readonly("adoption", &synth::SdidCohort::adoption)
      .def_readonly("controls", &synth::SdidCohort::controls)
      .def_readonly("treated", &synth::SdidCohort::treated)
      .def_readonly("n_post", &synth::SdidCohort::n_post)
      .def_readonly("weight", &synth::SdidCohort::weight)
      .def_readonly("fit", &synth::SdidCohort::fit)
      .def_readonly("effect_curve", &synth::SdidCohort::effect_curve);
  py::class_<synth::SdidStaggeredFit>(s, "SdidStaggeredFit",
                                      "Cohort fits and their weighted average (the ATT).")
      .def_readonly("estimate", &synth::SdidStaggeredFit::estimate)
      .def_readonly("cohorts", &synth::SdidStaggeredFit::cohorts)
      .def_readonly("has_covariates", &synth::SdidStaggeredFit::has_covariates)
      .def_property_readonly("covariate_method",
                             [](const synth::SdidStaggeredFit& f) {
                               return covariate_method_name(f.covariate_method);
                             })
      .def_readonly("beta", &synth::SdidStaggeredFit::beta);
  py::class_<synth::SeResult>(s, "SeResult", "A standard error and its replicate estimates.")
      .def_readonly("se", &synth::SeResult::se)
      .def_readonly("replicates", &synth::SeResult::replicates)
      .def_readonly("note", &synth::SeResult::note);
}

}  // namespace

void register_synth(py::module_& m) {
  py::module_ s = m.def_submodule("synth", "Synthetic control and synthetic DiD (private)");
  register_classes(s);

  s.def(
      "simplex_least_squares",
      [](const Eigen::MatrixXd& a, const Eigen::VectorXd& b, double ridge) {
        synth::SimplexQpOptions o;
        o.ridge = ridge;
        return synth::simplex_least_squares(a, b, o);
      },
      py::arg("a"), py::arg("b"), py::arg("ridge") = 0.0,
      "min 0.5||Aw-b||^2 + 0.5 ridge ||w||^2 over the simplex (active set).");

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
         bool normalize, const std::optional<Eigen::VectorXd>& custom_v,
         const std::string& v_search, int n_global_starts, int n_threads,
         const py::object& progress) {
        const synth::ScOptions o = make_sc_options(
            n_random_starts, equal_start, regression_start, seed, max_evaluations, tolerance,
            disagreement_rtol, normalize, custom_v, v_search, n_global_starts);
        const ParallelOptions par = make_parallel_options(n_threads, progress);
        const py::gil_scoped_release release;
        return synth::fit_synthetic_control(x1, x0, z1, z0, o, par);
      },
      py::arg("x1"), py::arg("x0"), py::arg("z1"), py::arg("z0"), py::arg("n_random_starts") = 2,
      py::arg("equal_start") = true, py::arg("regression_start") = true, py::arg("seed") = 0,
      py::arg("max_evaluations") = 4000, py::arg("tolerance") = 1e-10,
      py::arg("disagreement_rtol") = 0.01, py::arg("normalize") = true,
      py::arg("custom_v") = py::none(), py::arg("v_search") = "local",
      py::arg("n_global_starts") = 100, py::arg("n_threads") = 0, py::arg("progress") = py::none(),
      "One synthetic-control fit (nested V/W search, starts in parallel).");

  s.def(
      "fit_synthetic_control_panel",
      [](const Eigen::MatrixXd& outcome, const Eigen::MatrixXd& predictors,
         const std::vector<int>& treated, const std::vector<int>& first_treated,
         const std::vector<int>& donors, const std::vector<std::vector<int>>& optimize_periods,
         bool placebo, int n_random_starts, bool equal_start, bool regression_start,
         std::uint64_t seed, int max_evaluations, double tolerance, double disagreement_rtol,
         bool normalize, const std::optional<Eigen::VectorXd>& custom_v,
         const std::string& v_search, int n_global_starts, int n_threads,
         const py::object& progress) {
        const synth::ScPanel panel{outcome,       predictors, treated,
                                   first_treated, donors,     optimize_periods};
        const synth::ScOptions o = make_sc_options(
            n_random_starts, equal_start, regression_start, seed, max_evaluations, tolerance,
            disagreement_rtol, normalize, custom_v, v_search, n_global_starts);
        const ParallelOptions par = make_parallel_options(n_threads, progress);
        const py::gil_scoped_release release;
        return synth::fit_synthetic_control_panel(panel, o, placebo, par);
      },
      py::arg("outcome"), py::arg("predictors"), py::arg("treated"), py::arg("first_treated"),
      py::arg("donors"), py::arg("optimize_periods"), py::arg("placebo") = true,
      py::arg("n_random_starts") = 2, py::arg("equal_start") = true,
      py::arg("regression_start") = true, py::arg("seed") = 0, py::arg("max_evaluations") = 4000,
      py::arg("tolerance") = 1e-10, py::arg("disagreement_rtol") = 0.01,
      py::arg("normalize") = true, py::arg("custom_v") = py::none(), py::arg("v_search") = "local",
      py::arg("n_global_starts") = 100, py::arg("n_threads") = 0, py::arg("progress") = py::none(),
      "Fit treated units and in-space placebos; every (fit, start) pair runs in parallel.");

  s.def(
      "sdid_estimate",
      [](const Eigen::MatrixXd& y, int n0, int t0, const std::string& method, double eta_omega,
         double eta_lambda, double noise_level, double min_decrease, int max_iter,
         int max_iter_pre_sparsify, bool sparsify, const std::vector<Eigen::MatrixXd>& covariates) {
        const synth::SdidOptions o =
            make_sdid_options(method, eta_omega, eta_lambda, noise_level, min_decrease, max_iter,
                              max_iter_pre_sparsify, sparsify, "optimized");
        const py::gil_scoped_release release;
        return synth::sdid_estimate(y, n0, t0, o, covariates);
      },
      py::arg("y"), py::arg("n0"), py::arg("t0"), py::arg("method") = "sdid",
      py::arg("eta_omega") = -1.0, py::arg("eta_lambda") = -1.0, py::arg("noise_level") = -1.0,
      py::arg("min_decrease") = -1.0, py::arg("max_iter") = 10000,
      py::arg("max_iter_pre_sparsify") = 100, py::arg("sparsify") = true,
      py::arg("covariates") = std::vector<Eigen::MatrixXd>(),
      "SDID / SC / DID block estimate on an N x T matrix (controls and pre-periods first).");

  s.def(
      "sdid_staggered",
      [](const Eigen::MatrixXd& y, const std::vector<int>& adoption, const std::string& method,
         const std::vector<Eigen::MatrixXd>& covariates, const std::string& covariate_method,
         double eta_omega, double eta_lambda, double noise_level, double min_decrease, int max_iter,
         int max_iter_pre_sparsify, bool sparsify) {
        const synth::SdidOptions o =
            make_sdid_options(method, eta_omega, eta_lambda, noise_level, min_decrease, max_iter,
                              max_iter_pre_sparsify, sparsify, covariate_method);
        const py::gil_scoped_release release;
        return synth::sdid_staggered(y, adoption, o, covariates);
      },
      py::arg("y"), py::arg("adoption"), py::arg("method") = "sdid",
      py::arg("covariates") = std::vector<Eigen::MatrixXd>(),
      py::arg("covariate_method") = "optimized", py::arg("eta_omega") = -1.0,
      py::arg("eta_lambda") = -1.0, py::arg("noise_level") = -1.0, py::arg("min_decrease") = -1.0,
      py::arg("max_iter") = 10000, py::arg("max_iter_pre_sparsify") = 100,
      py::arg("sparsify") = true,
      "Staggered SDID / SC / DID: one block per adoption cohort, ATT weighted by N_tr*T_post.");

  s.def(
      "sdid_staggered_standard_error",
      [](const Eigen::MatrixXd& y, const std::vector<int>& adoption,
         const synth::SdidStaggeredFit& fit, const std::string& se_method, int replications,
         std::uint64_t seed, const std::vector<Eigen::MatrixXd>& covariates, int n_threads,
         const py::object& progress, std::size_t first_replicate) {
        const synth::SeMethod sm = synth::parse_se_method(se_method);
        const ParallelOptions par = make_parallel_options(n_threads, progress);
        const py::gil_scoped_release release;
        return synth::sdid_staggered_standard_error(y, adoption, fit, sm, replications, seed,
                                                    covariates, par, first_replicate);
      },
      py::arg("y"), py::arg("adoption"), py::arg("fit"), py::arg("se_method") = "placebo",
      py::arg("replications") = 200, py::arg("seed") = 0,
      py::arg("covariates") = std::vector<Eigen::MatrixXd>(), py::arg("n_threads") = 0,
      py::arg("progress") = py::none(), py::arg("first_replicate") = 0,
      "Placebo, bootstrap or jackknife standard error of a staggered fit (placebo and bootstrap: "
      "replicates first_replicate .. first_replicate + replications - 1).");

  s.def("replicate_standard_error", &synth::replicate_standard_error, py::arg("replicates"),
        "sqrt((R - 1) / R) times the sample sd of R replicates (R synthdid's SE).");

  s.def(
      "projected_coefficients",
      [](const Eigen::MatrixXd& y, const std::vector<Eigen::MatrixXd>& covariates,
         const std::vector<int>& rows) {
        return synth::projected_coefficients(y, covariates, rows);
      },
      py::arg("y"), py::arg("covariates"), py::arg("rows"),
      "Two-way fixed-effects OLS slopes of Y on the covariates over the given rows.");
}

}  // namespace innozone::bindings
