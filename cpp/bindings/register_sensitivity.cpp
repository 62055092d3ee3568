// Bindings of the outcomes area's sensitivity analysis (tornado, Morris, Sobol') and
// parametric survival fits. Results are classes with typed read-only attributes; arrays
// are NumPy views that keep their result alive. Called from register_outcomes().
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "bindings.hpp"
#include "innozone/common/error.hpp"
#include "innozone/outcomes/sensitivity.hpp"
#include "innozone/outcomes/survival.hpp"
#include "typed_results.hpp"

namespace py = pybind11;

namespace innozone::bindings {
namespace {

using namespace innozone::outcomes;  // NOLINT(google-build-using-namespace)

using Array = py::array_t<double, py::array::c_style | py::array::forcecast>;
using Shape = std::vector<py::ssize_t>;

std::vector<double> to_vector(const Array& array) {
  return std::vector<double>(array.data(), array.data() + array.size());
}

py::ssize_t ssize(std::size_t n) { return static_cast<py::ssize_t>(n); }

/// Evaluate f(t) element-wise over an array of times (GIL released).
template <class F>
py::array_t<double> over_times(const Array& times, F f) {
  const std::vector<double> t = to_vector(times);
  std::vector<double> out(t.size());
  {
    const py::gil_scoped_release release;
    for (std::size_t i = 0; i < t.size(); ++i) out[i] = f(t[i]);
  }
  py::array_t<double> result(ssize(out.size()));
  std::copy(out.begin(), out.end(), result.mutable_data());
  return result;
}

void register_results(py::module_& m) {
  // ---- tornado ----
  py::class_<TornadoResult> tornado_class(
      m, "TornadoResult",
      "One-at-a-time swings: outputs at the base point (every input at its median) and with "
      "each input alone at its low and high quantile.");
  array_property<TornadoResult, double>(
      tornado_class, "base", &TornadoResult::base,
      [](const TornadoResult& r) { return Shape{ssize(r.n_outputs)}; },
      "Outputs at the base point (n_outputs).");
  vector_property<TornadoResult, double>(tornado_class, "low_values", &TornadoResult::low_values,
                                         "Value of each input at the low quantile (n_inputs).");
  vector_property<TornadoResult, double>(tornado_class, "high_values", &TornadoResult::high_values,
                                         "Value of each input at the high quantile (n_inputs).");
  array_property<TornadoResult, double>(
      tornado_class, "outputs", &TornadoResult::outputs,
      [](const TornadoResult& r) { return Shape{ssize(1 + 2 * r.n_inputs), ssize(r.n_outputs)}; },
      "(1 + 2 n_inputs) x n_outputs: row 0 the base, rows 1 + 2i and 2 + 2i input i low and high.");
  tornado_class.def_readonly("n_inputs", &TornadoResult::n_inputs)
      .def_readonly("n_outputs", &TornadoResult::n_outputs)
      .def_readonly("low", &TornadoResult::low, "Quantile level of the low swing.")
      .def_readonly("high", &TornadoResult::high, "Quantile level of the high swing.");

  // ---- Morris ----
  py::class_<MorrisResult> morris_class(
      m, "MorrisResult", "Morris elementary effects: design, outputs and statistics.");
  const auto rows_by = [](const MorrisResult& r, std::size_t cols) {
    return Shape{ssize(r.trajectories * (r.n_inputs + 1)), ssize(cols)};
  };
  array_property<MorrisResult, double>(
      morris_class, "design", &MorrisResult::design,
      [rows_by](const MorrisResult& r) { return rows_by(r, r.n_inputs); },
      "Probabilities of the design points, r (d + 1) x d (model input order).");
  array_property<MorrisResult, double>(
      morris_class, "inputs", &MorrisResult::inputs,
      [rows_by](const MorrisResult& r) { return rows_by(r, r.n_inputs); },
      "Input values of the design points (quantiles of `design`), r (d + 1) x d.");
  array_property<MorrisResult, double>(
      morris_class, "outputs", &MorrisResult::outputs,
      [rows_by](const MorrisResult& r) { return rows_by(r, r.n_outputs); },
      "Model outputs at the design points, r (d + 1) x n_outputs.");
  array_property<MorrisResult, double>(
      morris_class, "effects", &MorrisResult::effects,
      [](const MorrisResult& r) {
        return Shape{ssize(r.trajectories), ssize(r.n_inputs), ssize(r.n_outputs)};
      },
      "Elementary effects per unit of probability, r x d x n_outputs.");
  for (const auto& [name, member, doc] :
       {std::tuple{"mu", &MorrisResult::mu, "Mean elementary effect, d x n_outputs."},
        std::tuple{"mu_star", &MorrisResult::mu_star,
                   "Mean absolute elementary effect, d x n_outputs."},
        std::tuple{"sigma", &MorrisResult::sigma,
                   "Standard deviation of the effects (divisor r - 1)."},
        std::tuple{"mu_star_conf", &MorrisResult::mu_star_conf,
                   "Bootstrap half-width of mu* at `level` (NaN without resamples)."}}) {
    array_property<MorrisResult, double>(
        morris_class, name, member,
        [](const MorrisResult& r) { return Shape{ssize(r.n_inputs), ssize(r.n_outputs)}; }, doc);
  }
  vector_property<MorrisResult, double>(morris_class, "step", &MorrisResult::step,
                                        "Probability step of each input (d).");
  morris_class
      .def_property_readonly(
          "bounded",
          [](const MorrisResult& r) {
            std::vector<bool> out(r.bounded.size());
            for (std::size_t i = 0; i < out.size(); ++i) out[i] = r.bounded[i] != 0;
            return out;
          },
          "Per input: True on the full grid j / (p - 1), False on bin midpoints (j + 1/2) / p.")
      .def_readonly("trajectories", &MorrisResult::trajectories)
      .def_readonly("n_inputs", &MorrisResult::n_inputs)
      .def_readonly("n_outputs", &MorrisResult::n_outputs)
      .def_readonly("levels", &MorrisResult::levels)
      .def_readonly("n_boot", &MorrisResult::n_boot)
      .def_readonly("level", &MorrisResult::level);

  // ---- Sobol' ----
  py::class_<SobolResult> sobol_class(
      m, "SobolResult",
      "Sobol' first-order and total indices, d inputs x selected output columns.");
  for (const auto& [name, member, doc] :
       {std::tuple{"first", &SobolResult::first, "First-order indices S1."},
        std::tuple{"first_low", &SobolResult::first_low, "Lower bootstrap percentile bound of S1."},
        std::tuple{"first_high", &SobolResult::first_high,
                   "Upper bootstrap percentile bound of S1."},
        std::tuple{"first_se", &SobolResult::first_se, "Bootstrap standard error of S1."},
        std::tuple{"total", &SobolResult::total, "Total indices ST."},
        std::tuple{"total_low", &SobolResult::total_low, "Lower bootstrap percentile bound of ST."},
        std::tuple{"total_high", &SobolResult::total_high,
                   "Upper bootstrap percentile bound of ST."},
        std::tuple{"total_se", &SobolResult::total_se, "Bootstrap standard error of ST."}}) {
    array_property<SobolResult, double>(
        sobol_class, name, member,
        [](const SobolResult& r) { return Shape{ssize(r.n_inputs), ssize(r.columns.size())}; },
        doc);
  }
  vector_property<SobolResult, double>(sobol_class, "variance", &SobolResult::variance,
                                       "Output variance per selected column (from A and B).");
  sobol_class.def_readonly("columns", &SobolResult::columns)
      .def_readonly("n_inputs", &SobolResult::n_inputs)
      .def_readonly("n_base", &SobolResult::n_base)
      .def_readonly("n_evaluations", &SobolResult::n_evaluations)
      .def_readonly("n_boot", &SobolResult::n_boot)
      .def_readonly("level", &SobolResult::level)
      .def_readonly("centered", &SobolResult::centered);
}

void register_analyses(py::module_& m) {
  m.def(
      "tornado",
      [](const OutcomeModel& model, const ParameterSpace& space, double low, double high,
         int n_threads, const py::object& progress) {
        const ParallelOptions parallel = make_parallel_options(n_threads, progress);
        const py::gil_scoped_release release;
        return tornado(model, space, low, high, parallel);
      },
      py::arg("model"), py::arg("space"), py::arg("low") = 0.1, py::arg("high") = 0.9,
      py::arg("n_threads") = 1, py::arg("progress") = py::none());

  m.def(
      "morris",
      [](const OutcomeModel& model, const ParameterSpace& space, std::size_t trajectories,
         int levels, std::uint64_t seed, std::size_t n_boot, double level, int n_threads,
         const py::object& progress) {
        const ParallelOptions parallel = make_parallel_options(n_threads, progress);
        const py::gil_scoped_release release;
        return morris(model, space, trajectories, levels, seed, n_boot, level, parallel);
      },
      py::arg("model"), py::arg("space"), py::arg("trajectories") = 20, py::arg("levels") = 4,
      py::arg("seed") = 0, py::arg("n_boot") = 1000, py::arg("level") = 0.95,
      py::arg("n_threads") = 0, py::arg("progress") = py::none());

  m.def(
      "morris_statistics",
      [](const Array& design, const Array& outputs, std::size_t trajectories, std::size_t n_boot,
         double level, std::uint64_t seed) {
        if (design.ndim() != 2 || outputs.ndim() != 2) {
          throw InvalidInput(
              "morris_statistics: design and outputs must be 2-D arrays (rows x columns)");
        }
        MorrisResult r;
        const auto d = static_cast<std::size_t>(design.shape(1));
        const auto m_out = static_cast<std::size_t>(outputs.shape(1));
        r.design = to_vector(design);
        r.outputs = to_vector(outputs);
        morris_statistics(r.design, r.outputs, d, m_out, trajectories, n_boot, level, seed, r);
        r.inputs = r.design;
        return r;
      },
      py::arg("design"), py::arg("outputs"), py::arg("trajectories"), py::arg("n_boot") = 0,
      py::arg("level") = 0.95, py::arg("seed") = 0,
      "Morris statistics from a one-at-a-time design in probability (unit) scale, r (d + 1) x d, "
      "and its outputs.");

  m.def(
      "sobol_indices",
      [](const OutcomeModel& model, const ParameterSpace& space, std::size_t n_base,
         std::vector<std::size_t> columns, const std::string& sampler, std::uint64_t seed,
         std::size_t n_boot, double level, bool centered, int n_threads,
         const py::object& progress) {
        const ParallelOptions parallel = make_parallel_options(n_threads, progress);
        const Sampler kind = parse_sampler(sampler);
        const py::gil_scoped_release release;
        return sobol_indices(model, space, n_base, columns, kind, seed, n_boot, level, centered,
                             parallel);
      },
      py::arg("model"), py::arg("space"), py::arg("n_base"), py::arg("columns"),
      py::arg("sampler") = "sobol", py::arg("seed") = 0, py::arg("n_boot") = 200,
      py::arg("level") = 0.95, py::arg("centered") = true, py::arg("n_threads") = 0,
      py::arg("progress") = py::none());

  m.def(
      "sobol_from_outputs",
      [](const Array& fa, const Array& fb, const Array& fab, std::size_t n_boot, double level,
         std::uint64_t seed, bool centered, int n_threads, const py::object& progress) {
        if (fab.ndim() != 2) throw InvalidInput("sobol_from_outputs: f(A_B) must be a d x N array");
        const auto d = static_cast<std::size_t>(fab.shape(0));
        const std::vector<double> a = to_vector(fa);
        const std::vector<double> b = to_vector(fb);
        const std::vector<double> ab = to_vector(fab);
        const ParallelOptions parallel = make_parallel_options(n_threads, progress);
        const py::gil_scoped_release release;
        return sobol_from_outputs(a, b, ab, d, n_boot, level, seed, centered, parallel);
      },
      py::arg("fa"), py::arg("fb"), py::arg("fab"), py::arg("n_boot") = 0, py::arg("level") = 0.95,
      py::arg("seed") = 0, py::arg("centered") = true, py::arg("n_threads") = 0,
      py::arg("progress") = py::none());
}

void register_survival_fits(py::module_& m) {
  py::class_<SurvivalFit>(
      m, "SurvivalFit",
      "A parametric survival model fitted by maximum likelihood (Weibull, log-normal or "
      "log-logistic).")
      .def_property_readonly("model", &SurvivalFit::model_name)
      .def_property_readonly("parameter_names", &SurvivalFit::parameter_names)
      .def_property_readonly("parameters", &SurvivalFit::parameters)
      .def_property_readonly("standard_errors", &SurvivalFit::standard_errors)
      .def_property_readonly("covariance", &SurvivalFit::covariance,
                             "Covariance of the parameters, 2 x 2 row-major.")
      .def_property_readonly("location", &SurvivalFit::location, "mu of log T = mu + sigma W.")
      .def_property_readonly("log_scale", &SurvivalFit::log_scale,
                             "log sigma of log T = mu + sigma W.")
      .def_property_readonly("location_scale_covariance", &SurvivalFit::location_scale_covariance)
      .def_readonly("log_likelihood", &SurvivalFit::log_likelihood)
      .def_readonly("aic", &SurvivalFit::aic)
      .def_readonly("n_observations", &SurvivalFit::n_observations)
      .def_readonly("n_events", &SurvivalFit::n_events)
      .def_readonly("total_weight", &SurvivalFit::total_weight)
      .def_readonly("iterations", &SurvivalFit::iterations)
      .def_readonly("gradient_norm", &SurvivalFit::gradient_norm)
      .def(
          "survival",
          [](const SurvivalFit& f, const Array& t) {
            return over_times(t, [&f](double x) { return f.survival(x); });
          },
          py::arg("t"))
      .def(
          "hazard",
          [](const SurvivalFit& f, const Array& t) {
            return over_times(t, [&f](double x) { return f.hazard(x); });
          },
          py::arg("t"))
      .def(
          "cumulative_hazard",
          [](const SurvivalFit& f, const Array& t) {
            return over_times(t, [&f](double x) { return f.cumulative_hazard(x); });
          },
          py::arg("t"))
      .def(
          "density",
          [](const SurvivalFit& f, const Array& t) {
            return over_times(t, [&f](double x) { return f.density(x); });
          },
          py::arg("t"))
      .def("percentile", &SurvivalFit::percentile, py::arg("s"),
           "Time at which survival falls to s.")
      .def("percentile_interval", &SurvivalFit::percentile_interval, py::arg("s"),
           py::arg("level") = 0.95)
      .def(
          "survival_interval",
          [](const SurvivalFit& f, const Array& t, double level, const std::string& method) {
            const std::vector<double> times = to_vector(t);
            py::array_t<double> out({ssize(times.size()), ssize(2)});
            auto view = out.mutable_unchecked<2>();
            for (std::size_t i = 0; i < times.size(); ++i) {
              const auto [low, high] = f.survival_interval(times[i], level, method);
              view(ssize(i), 0) = low;
              view(ssize(i), 1) = high;
            }
            return out;
          },
          py::arg("t"), py::arg("level") = 0.95, py::arg("method") = "loglog",
          "Pointwise band of S(t): an n x 2 array (lower, upper).")
      .def("curve", &SurvivalFit::curve,
           "The fitted curve as a SurvivalCurve (for cohort projections).");

  m.def(
      "fit_survival",
      [](const std::string& model, const Array& durations,
         const py::array_t<int, py::array::c_style | py::array::forcecast>& events,
         const std::optional<Array>& entry, const std::optional<Array>& weights, int max_iterations,
         double tolerance) {
        SurvivalData data{to_vector(durations),
                          std::vector<int>(events.data(), events.data() + events.size()),
                          entry ? to_vector(*entry) : std::vector<double>{},
                          weights ? to_vector(*weights) : std::vector<double>{}};
        SurvivalFitOptions options;
        options.max_iterations = max_iterations;
        options.tolerance = tolerance;
        const SurvivalModel kind = parse_survival_model(model);
        const py::gil_scoped_release release;
        return fit_survival(kind, data, options);
      },
      py::arg("model"), py::arg("durations"), py::arg("events"), py::arg("entry") = py::none(),
      py::arg("weights") = py::none(), py::arg("max_iterations") = 200,
      py::arg("tolerance") = 1e-10,
      "Maximum-likelihood fit of a parametric survival model to right-censored durations.");
}

}  // namespace

void register_sensitivity(py::module_& m) {
  register_results(m);
  register_analyses(m);
  register_survival_fits(m);
}

}  // namespace innozone::bindings
