// Bindings of the outcomes area: distributions, designs, models, Monte Carlo, sensitivity,
// growth fits, survival and cohorts. Python subclasses of OutcomeModel go through the
// PyOutcomeModel trampoline, which takes the GIL once per batch of rows.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "bindings.hpp"
#include "innozone/common/error.hpp"
#include "innozone/outcomes/cohorts.hpp"
#include "innozone/outcomes/distributions.hpp"
#include "innozone/outcomes/growth.hpp"
#include "innozone/outcomes/model.hpp"
#include "innozone/outcomes/montecarlo.hpp"
#include "innozone/outcomes/sampling.hpp"
#include "innozone/outcomes/sensitivity.hpp"  // IshigamiModel

namespace py = pybind11;

namespace innozone::bindings {
namespace {

using namespace innozone::outcomes;

using Array = py::array_t<double, py::array::c_style | py::array::forcecast>;

/// Hand a vector to numpy without copying: the array owns the vector through a capsule.
template <class Vec>
py::array_t<typename Vec::value_type> to_numpy(Vec&& values, const std::vector<py::ssize_t>& shape) {
  using T = typename Vec::value_type;
  using Owned = std::decay_t<Vec>;
  auto owner = std::make_unique<Owned>(std::move(values));
  T* data = owner->data();
  py::capsule capsule(owner.get(), [](void* pointer) { delete static_cast<Owned*>(pointer); });
  owner.release();
  return py::array_t<T>(shape, data, capsule);
}

std::vector<double> to_vector(const Array& array) {
  return std::vector<double>(array.data(), array.data() + array.size());
}

/// Trampoline: lets Python classes derive from OutcomeModel.
class PyOutcomeModel : public OutcomeModel {
 public:
  using OutcomeModel::OutcomeModel;

  std::vector<std::string> input_names() const override {
    PYBIND11_OVERRIDE_PURE(std::vector<std::string>, OutcomeModel, input_names, );
  }
  std::vector<std::string> indicator_names() const override {
    PYBIND11_OVERRIDE_PURE(std::vector<std::string>, OutcomeModel, indicator_names, );
  }
  std::vector<int> years() const override { PYBIND11_OVERRIDE_PURE(std::vector<int>, OutcomeModel, years, ); }
  bool thread_safe() const override { return false; }

  void evaluate(const double* inputs, double* outputs) const override { evaluate_batch(inputs, 1, outputs); }

  void evaluate_batch(const double* inputs, std::size_t rows, double* outputs) const override {
    const py::gil_scoped_acquire gil;
    const py::object self = py::cast(static_cast<const OutcomeModel*>(this), py::return_value_policy::reference);
    const std::size_t n_in = py::len(self.attr("input_names")());
    const std::size_t n_ind = py::len(self.attr("indicator_names")());
    const std::size_t n_years = py::len(self.attr("years")());
    const std::size_t n_out = n_ind * n_years;
    const py::function batch = py::get_override(static_cast<const OutcomeModel*>(this), "evaluate_batch");
    if (batch) {
      Array x({static_cast<py::ssize_t>(rows), static_cast<py::ssize_t>(n_in)});
      std::copy(inputs, inputs + rows * n_in, x.mutable_data());
      const Array y = Array::ensure(batch(x));
      if (!y || static_cast<std::size_t>(y.size()) != rows * n_out) {
        std::ostringstream message;
        message << "OutcomeModel.evaluate_batch must return " << rows << " x " << n_ind << " x " << n_years
                << " numbers (rows x indicators x years), got "
                << (y ? std::to_string(y.size()) : std::string("a non-numeric object"));
        throw InvalidInput(message.str());
      }
      std::copy(y.data(), y.data() + rows * n_out, outputs);
      return;
    }
    const py::function single = py::get_override(static_cast<const OutcomeModel*>(this), "evaluate");
    if (!single) throw InvalidInput("OutcomeModel subclass must define evaluate(x) or evaluate_batch(X)");
    for (std::size_t r = 0; r < rows; ++r) {
      Array x(static_cast<py::ssize_t>(n_in));
      std::copy(inputs + r * n_in, inputs + (r + 1) * n_in, x.mutable_data());
      const Array y = Array::ensure(single(x));
      if (!y || static_cast<std::size_t>(y.size()) != n_out) {
        std::ostringstream message;
        message << "OutcomeModel.evaluate must return " << n_ind << " x " << n_years
                << " numbers (indicators x years), got " << (y ? std::to_string(y.size()) : std::string("a non-numeric object"));
        throw InvalidInput(message.str());
      }
      std::copy(y.data(), y.data() + n_out, outputs + r * n_out);
    }
  }
};

py::dict growth_fit_dict(const GrowthFit& fit) {
  py::dict d;
  d["parameter_names"] = fit.parameter_names;
  d["parameters"] = fit.parameters;
  d["standard_errors"] = fit.standard_errors;
  d["covariance"] = fit.covariance;
  d["t0"] = fit.t0;
  d["sse"] = fit.sse;
  d["sigma"] = fit.sigma;
  d["n_points"] = fit.n_points;
  d["iterations"] = fit.iterations;
  d["converged"] = fit.converged;
  d["convergence"] = fit.convergence;
  d["gradient_norm"] = fit.gradient_norm;
  d["condition_number"] = fit.condition_number;
  d["identified"] = fit.identified;
  d["message"] = fit.message;
  return d;
}

}  // namespace

void register_outcomes(py::module_& m) {
  // ---- distributions ----
  py::class_<Distribution>(m, "Distribution", "An uncertain input, sampled by its quantile function.")
      .def_static("fixed", &Distribution::fixed, py::arg("value"), "A known value (no uncertainty).")
      .def_static("uniform", &Distribution::uniform, py::arg("low"), py::arg("high"), "Uniform on [low, high].")
      .def_static("normal", &Distribution::normal, py::arg("mean"), py::arg("sd"), "Normal(mean, sd).")
      .def_static("lognormal", &Distribution::lognormal, py::arg("mu"), py::arg("sigma"),
                  "Log-normal: log X ~ Normal(mu, sigma). See outcomes.lognormal_from_mean_sd.")
      .def_static("triangular", &Distribution::triangular, py::arg("low"), py::arg("mode"), py::arg("high"),
                  "Triangular on [low, high] with its peak at mode.")
      .def_static("pert", &Distribution::pert, py::arg("low"), py::arg("mode"), py::arg("high"), py::arg("lam") = 4.0,
                  "Beta-PERT: Beta(1 + lam (mode - low) / (high - low), 1 + lam (high - mode) / (high - low)) on [low, high].")
      .def_static("beta", &Distribution::beta, py::arg("alpha"), py::arg("beta"), py::arg("low") = 0.0,
                  py::arg("high") = 1.0, "Beta(alpha, beta) rescaled to [low, high].")
      .def_static("gamma", &Distribution::gamma, py::arg("shape"), py::arg("scale"), "Gamma(shape, scale); mean shape * scale.")
      .def_static("poisson", &Distribution::poisson, py::arg("mean"), "Poisson counts with the given mean.")
      .def_static("negative_binomial", &Distribution::negative_binomial, py::arg("r"), py::arg("p"),
                  "Failures before the r-th success with success probability p (overdispersed counts).")
      .def_static("empirical", &Distribution::empirical, py::arg("values"),
                  "The empirical distribution of observed values (each has mass 1/n).")
      .def_property_readonly("name", &Distribution::name)
      .def_property_readonly("params", &Distribution::params)
      .def("mean", &Distribution::mean, "Mean (analytic).")
      .def("variance", &Distribution::variance, "Variance (analytic).")
      .def("quantile",
           [](const Distribution& d, const Array& u) {
             std::vector<double> out(static_cast<std::size_t>(u.size()));
             for (std::size_t i = 0; i < out.size(); ++i) out[i] = d.quantile(u.data()[i]);
             return to_numpy(std::move(out), {u.size()});
           },
           py::arg("u"), "Quantile function F^-1(u), element-wise.")
      .def("cdf",
           [](const Distribution& d, const Array& x) {
             std::vector<double> out(static_cast<std::size_t>(x.size()));
             for (std::size_t i = 0; i < out.size(); ++i) out[i] = d.cdf(x.data()[i]);
             return to_numpy(std::move(out), {x.size()});
           },
           py::arg("x"), "Cumulative distribution function, element-wise.")
      .def("__repr__", &Distribution::describe);

  m.def("gamma_p", &gamma_p, py::arg("a"), py::arg("x"), "Regularised lower incomplete gamma P(a, x).");
  m.def("beta_inc", &beta_inc, py::arg("a"), py::arg("b"), py::arg("x"), "Regularised incomplete beta I_x(a, b).");

  // ---- designs ----
  m.def("sobol_max_dimensions", &SobolSequence::max_dimensions);
  m.def(
      "uniform_design",
      [](const std::string& sampler, std::size_t n, std::size_t d, std::uint64_t seed, bool scramble) {
        const UniformDesign design(parse_sampler(sampler), n, d, seed, scramble);
        std::vector<double> out(n * d);
        design.fill(0, n, out.data());
        return to_numpy(std::move(out), {static_cast<py::ssize_t>(n), static_cast<py::ssize_t>(d)});
      },
      py::arg("sampler"), py::arg("n"), py::arg("d"), py::arg("seed") = 0, py::arg("scramble") = true,
      "n x d uniform design ('mc', 'lhs' or 'sobol'); unscrambled Sobol' starts at point 0.");

  py::class_<ParameterSpace>(m, "ParameterSpace", "Named uncertain inputs and their correlation.")
      .def(py::init<>())
      .def("add", &ParameterSpace::add, py::arg("name"), py::arg("distribution"))
      .def("set_correlation", &ParameterSpace::set_correlation, py::arg("names"), py::arg("matrix"))
      .def_property_readonly("names", &ParameterSpace::names)
      .def_property_readonly("distributions", &ParameterSpace::distributions)
      .def_property_readonly("correlated", &ParameterSpace::correlated)
      .def("__len__", &ParameterSpace::size)
      .def(
          "transform",
          [](const ParameterSpace& space, const Array& u) {
            const std::size_t d = space.size();
            if (u.ndim() != 2 || static_cast<std::size_t>(u.shape(1)) != d) {
              throw InvalidInput("transform: expected an n x " + std::to_string(d) + " array of uniforms");
            }
            std::vector<double> out = to_vector(u);
            for (std::size_t r = 0; r < static_cast<std::size_t>(u.shape(0)); ++r) space.transform(&out[r * d]);
            return to_numpy(std::move(out), {u.shape(0), u.shape(1)});
          },
          py::arg("u"), "Map independent uniforms (n x d) to input values through the copula and quantiles.");

  // ---- models ----
  py::class_<OutcomeModel, PyOutcomeModel>(m, "OutcomeModel",
                                           "Base class of outcome models; subclass it in Python.")
      .def(py::init<>())
      .def("input_names", &OutcomeModel::input_names)
      .def("indicator_names", &OutcomeModel::indicator_names)
      .def("years", &OutcomeModel::years)
      .def(
          "evaluate_rows",
          [](const OutcomeModel& model, const Array& x, int n_threads, const py::object& progress) {
            const std::size_t n_in = model.n_inputs();
            if (x.ndim() != 2 || static_cast<std::size_t>(x.shape(1)) != n_in) {
              throw InvalidInput("evaluate_rows: expected an n x " + std::to_string(n_in) + " input array");
            }
            const auto rows = static_cast<std::size_t>(x.shape(0));
            const std::vector<double> inputs = to_vector(x);
            const ParallelOptions options = make_parallel_options(n_threads, progress);
            const std::size_t n_out = model.n_outputs();
            std::vector<double> out;
            {
              const py::gil_scoped_release release;
              out = evaluate_rows(model, inputs, rows, options);
            }
            return to_numpy(std::move(out), {static_cast<py::ssize_t>(rows), static_cast<py::ssize_t>(n_out)});
          },
          py::arg("x"), py::arg("n_threads") = 0, py::arg("progress") = py::none(),
          "Evaluate rows of inputs (n x n_inputs) -> n x (n_indicators * n_years).");

  py::class_<ZoneModel, OutcomeModel>(m, "ZoneModel", "Budget -> funnel -> firm cohorts model of a zone.")
      .def(py::init([](std::vector<int> years, std::vector<double> budget, double phase1_transfers, int phase1_years,
                       double half_saturation, std::vector<int> initial_years, std::vector<double> initial_ric,
                       std::vector<double> initial_startups) {
             ZoneModelSpec spec;
             spec.years = std::move(years);
             spec.budget = std::move(budget);
             spec.phase1_transfers = phase1_transfers;
             spec.phase1_years = phase1_years;
             spec.half_saturation = half_saturation;
             spec.initial_years = std::move(initial_years);
             spec.initial_ric = std::move(initial_ric);
             spec.initial_startups = std::move(initial_startups);
             return ZoneModel(std::move(spec));
           }),
           py::arg("years"), py::arg("budget"), py::arg("phase1_transfers") = 209.0, py::arg("phase1_years") = 5,
           py::arg("half_saturation") = 0.0, py::arg("initial_years") = std::vector<int>{},
           py::arg("initial_ric") = std::vector<double>{}, py::arg("initial_startups") = std::vector<double>{});

  py::class_<IshigamiModel, OutcomeModel>(m, "IshigamiModel", "Ishigami test function (inputs x1, x2, x3).")
      .def(py::init<double, double>(), py::arg("a") = 7.0, py::arg("b") = 0.1);

  // ---- Monte Carlo ----
  m.def(
      "run_monte_carlo",
      [](const OutcomeModel& model, const ParameterSpace& space, std::size_t n_draws, std::uint64_t seed,
         const std::string& sampler, bool scramble, bool keep_inputs, int n_threads, const py::object& progress) {
        MonteCarloOptions options;
        options.n_draws = n_draws;
        options.seed = seed;
        options.sampler = parse_sampler(sampler);
        options.scramble = scramble;
        options.keep_inputs = keep_inputs;
        const ParallelOptions parallel = make_parallel_options(n_threads, progress);
        MonteCarloResult result;
        {
          const py::gil_scoped_release release;
          result = run_monte_carlo(model, space, options, parallel);
        }
        const auto n = static_cast<py::ssize_t>(result.n_draws);
        py::dict out;
        out["input_names"] = result.input_names;
        out["indicator_names"] = result.indicator_names;
        out["years"] = result.years;
        out["outputs"] = to_numpy(std::move(result.outputs),
                                  {n, static_cast<py::ssize_t>(result.indicator_names.size()),
                                   static_cast<py::ssize_t>(result.years.size())});
        if (keep_inputs) {
          out["inputs"] = to_numpy(std::move(result.inputs), {n, static_cast<py::ssize_t>(result.input_names.size())});
        } else {
          out["inputs"] = py::none();
        }
        return out;
      },
      py::arg("model"), py::arg("space"), py::arg("n_draws"), py::arg("seed") = 0, py::arg("sampler") = "mc",
      py::arg("scramble") = true, py::arg("keep_inputs") = true, py::arg("n_threads") = 0,
      py::arg("progress") = py::none(),
      "Monte Carlo run; returns outputs as an (n_draws, n_indicators, n_years) array.");

  m.def(
      "summarize_columns",
      [](const Array& data, const std::vector<double>& probabilities, int n_threads) {
        if (data.ndim() < 1) throw InvalidInput("summarize: need an array with draws along axis 0");
        const auto rows = static_cast<std::size_t>(data.shape(0));
        const std::size_t cols = rows ? static_cast<std::size_t>(data.size()) / rows : 0;
        if (rows == 0) throw InvalidInput("summarize: no draws");
        ColumnSummary s;
        const ParallelOptions parallel = make_parallel_options(n_threads, py::none());
        {
          // `data` is a C-contiguous view (forcecast copies only non-double or strided input)
          // and stays alive in this frame while the GIL is released.
          const py::gil_scoped_release release;
          s = summarize_columns(data.data(), rows, cols, probabilities, parallel);
        }
        py::dict out;
        out["mean"] = to_numpy(std::move(s.mean), {static_cast<py::ssize_t>(cols)});
        out["sd"] = to_numpy(std::move(s.sd), {static_cast<py::ssize_t>(cols)});
        out["quantiles"] = to_numpy(std::move(s.quantiles),
                                    {static_cast<py::ssize_t>(probabilities.size()), static_cast<py::ssize_t>(cols)});
        return out;
      },
      py::arg("data"), py::arg("probabilities"), py::arg("n_threads") = 0,
      "Per-column mean, sd and quantiles of an array with draws along axis 0 (columns flattened).");

  // ---- sensitivity (tornado, Morris, Sobol') and parametric survival fits ----
  register_sensitivity(m);

  // ---- growth ----
  m.def("cagr", &cagr, py::arg("start"), py::arg("end"), py::arg("years"));
  m.def(
      "fit_growth",
      [](const std::string& curve, const std::vector<double>& t, const std::vector<double>& y, int max_iterations,
         double tolerance) { return growth_fit_dict(fit_growth(parse_growth_curve(curve), t, y, max_iterations, tolerance)); },
      py::arg("curve"), py::arg("t"), py::arg("y"), py::arg("max_iterations") = 200, py::arg("tolerance") = 1e-10);
  m.def(
      "project_growth",
      [](const std::string& curve, const std::vector<double>& parameters, const std::vector<double>& covariance,
         double t0, double sigma, bool identified, const std::string& message, const std::vector<double>& t,
         double level, bool prediction) {
        GrowthFit fit;
        fit.curve = parse_growth_curve(curve);
        fit.parameters = parameters;
        fit.covariance = covariance;
        fit.t0 = t0;
        fit.sigma = sigma;
        fit.identified = identified;
        fit.message = message;
        if (covariance.size() != parameters.size() * parameters.size()) {
          throw InvalidInput("project_growth: covariance must be p x p");
        }
        const GrowthProjection p = project_growth(fit, t, level, prediction);
        py::dict out;
        out["t"] = p.t;
        out["mean"] = p.mean;
        out["lower"] = p.lower;
        out["upper"] = p.upper;
        return out;
      },
      py::arg("curve"), py::arg("parameters"), py::arg("covariance"), py::arg("t0"), py::arg("sigma"),
      py::arg("identified"), py::arg("message"), py::arg("t"), py::arg("level") = 0.9, py::arg("prediction") = false);

  // ---- survival, cohorts, funnel, budget ----
  py::class_<SurvivalCurve>(m, "SurvivalCurve", "Firm survival S(age), age in years.")
      .def_static("weibull", &SurvivalCurve::weibull, py::arg("shape"), py::arg("scale"))
      .def_static("weibull_through", &SurvivalCurve::weibull_through, py::arg("shape"), py::arg("age"),
                  py::arg("survival"))
      .def_static("lognormal", &SurvivalCurve::lognormal, py::arg("mu"), py::arg("sigma"))
      .def_static("loglogistic", &SurvivalCurve::loglogistic, py::arg("alpha"), py::arg("beta"))
      .def_static("piecewise", &SurvivalCurve::piecewise, py::arg("ages"), py::arg("survival"))
      .def_static("kaplan_meier", &SurvivalCurve::kaplan_meier, py::arg("durations"), py::arg("events"))
      .def_property_readonly("kind", &SurvivalCurve::kind)
      .def_property_readonly("parameters", &SurvivalCurve::parameters)
      .def_property_readonly("zero_age", &SurvivalCurve::zero_age)
      .def_property_readonly("ages", &SurvivalCurve::ages)
      .def_property_readonly("values", &SurvivalCurve::values)
      .def_property_readonly("standard_errors", &SurvivalCurve::standard_errors)
      .def_property_readonly("at_risk", &SurvivalCurve::at_risk)
      .def("__call__",
           [](const SurvivalCurve& s, const Array& age) {
             std::vector<double> out(static_cast<std::size_t>(age.size()));
             for (std::size_t i = 0; i < out.size(); ++i) out[i] = s(age.data()[i]);
             return to_numpy(std::move(out), {age.size()});
           },
           py::arg("age"));

  m.def(
      "project_cohorts",
      [](const std::vector<int>& years, const std::vector<double>& entries, const SurvivalCurve& survival,
         double jobs_per_firm, double revenue_per_firm, const std::vector<int>& initial_years,
         const std::vector<double>& initial_entries) {
        const CohortProjection p =
            project_cohorts(years, entries, survival, jobs_per_firm, revenue_per_firm, initial_years, initial_entries);
        py::dict out;
        out["years"] = p.years;
        out["entries"] = p.entries;
        out["alive"] = p.alive;
        out["jobs"] = p.jobs;
        out["revenue"] = p.revenue;
        return out;
      },
      py::arg("years"), py::arg("entries"), py::arg("survival"), py::arg("jobs_per_firm"), py::arg("revenue_per_firm"),
      py::arg("initial_years") = std::vector<int>{}, py::arg("initial_entries") = std::vector<double>{});

  py::class_<Funnel>(m, "Funnel", "Conversion funnel driven by budget.")
      .def(py::init<std::vector<std::string>, double, std::vector<double>, double, double>(), py::arg("stages"),
           py::arg("top"), py::arg("rates"), py::arg("budget"), py::arg("elasticity"))
      .def_static("calibrate", &Funnel::calibrate, py::arg("stages"), py::arg("totals"), py::arg("budget"),
                  py::arg("elasticity"))
      .def("project", &Funnel::project, py::arg("budget"))
      .def_property_readonly("stages", &Funnel::stages)
      .def_property_readonly("rates", &Funnel::rates)
      .def_property_readonly("elasticity", &Funnel::elasticity);

  m.def("budget_response", &budget_response, py::arg("budget"), py::arg("reference_budget"),
        py::arg("reference_output"), py::arg("elasticity"), py::arg("half_saturation") = 0.0);
}

}  // namespace innozone::bindings
