// Bindings of the outcomes area: distributions, designs, models, Monte Carlo, sensitivity,
// growth fits, survival and cohorts. Python subclasses of OutcomeModel go through the
// PyOutcomeModel trampoline, which takes the GIL once per batch of rows.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <sstream>
#include <string>
#include <tuple>
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
#include "typed_results.hpp"

namespace py = pybind11;

namespace innozone::bindings {
namespace {

using namespace innozone::outcomes;

using Array = py::array_t<double, py::array::c_style | py::array::forcecast>;

/// Hand a vector to numpy without copying: the array owns the vector through a capsule.
template <class Vec>
py::array_t<typename Vec::value_type> to_numpy(Vec&& values,
                                               const std::vector<py::ssize_t>& shape) {
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
  std::vector<int> years() const override {
    PYBIND11_OVERRIDE_PURE(std::vector<int>, OutcomeModel, years, );
  }
  bool thread_safe() const override { return false; }

  void evaluate(const double* inputs, double* outputs) const override {
    evaluate_batch(inputs, 1, outputs);
  }

  void evaluate_batch(const double* inputs, std::size_t rows, double* outputs) const override {
    const py::gil_scoped_acquire gil;
    const py::object self =
        py::cast(static_cast<const OutcomeModel*>(this), py::return_value_policy::reference);
    const std::size_t n_in = py::len(self.attr("input_names")());
    const std::size_t n_ind = py::len(self.attr("indicator_names")());
    const std::size_t n_years = py::len(self.attr("years")());
    const std::size_t n_out = n_ind * n_years;
    const py::function batch =
        py::get_override(static_cast<const OutcomeModel*>(this), "evaluate_batch");
    if (batch) {
      Array x({static_cast<py::ssize_t>(rows), static_cast<py::ssize_t>(n_in)});
      std::copy(inputs, inputs + rows * n_in, x.mutable_data());
      const Array y = Array::ensure(batch(x));
      if (!y || static_cast<std::size_t>(y.size()) != rows * n_out) {
        std::ostringstream message;
        message << "OutcomeModel.evaluate_batch must return " << rows << " x " << n_ind << " x "
                << n_years << " numbers (rows x indicators x years), got "
                << (y ? std::to_string(y.size()) : std::string("a non-numeric object"));
        throw InvalidInput(message.str());
      }
      std::copy(y.data(), y.data() + rows * n_out, outputs);
      return;
    }
    const py::function single =
        py::get_override(static_cast<const OutcomeModel*>(this), "evaluate");
    if (!single)
      throw InvalidInput("OutcomeModel subclass must define evaluate(x) or evaluate_batch(X)");
    for (std::size_t r = 0; r < rows; ++r) {
      Array x(static_cast<py::ssize_t>(n_in));
      std::copy(inputs + r * n_in, inputs + (r + 1) * n_in, x.mutable_data());
      const Array y = Array::ensure(single(x));
      if (!y || static_cast<std::size_t>(y.size()) != n_out) {
        std::ostringstream message;
        message << "OutcomeModel.evaluate must return " << n_ind << " x " << n_years
                << " numbers (indicators x years), got "
                << (y ? std::to_string(y.size()) : std::string("a non-numeric object"));
        throw InvalidInput(message.str());
      }
      std::copy(y.data(), y.data() + n_out, outputs + r * n_out);
    }
  }
};

const char* growth_curve_name(GrowthCurve curve) {
  switch (curve) {
    case GrowthCurve::kExponential:
      return "exponential";
    case GrowthCurve::kLogistic:
      return "logistic";
    case GrowthCurve::kGompertz:
      return "gompertz";
  }
  return "unknown";
}

/// Growth fits, their projections and cohort projections as typed classes (arrays are
/// read-only NumPy views that keep the result alive).
void register_growth_and_cohorts(py::module_& m) {
  // Registered before GrowthFit, so that GrowthFit.project's signature names the Python class.
  py::class_<GrowthProjection> projection(m, "GrowthProjection",
                                          "A growth curve projected with its band.");
  projection.def_readonly("level", &GrowthProjection::level);
  vector_property<GrowthProjection, double>(projection, "t", &GrowthProjection::t, "Time points.");
  vector_property<GrowthProjection, double>(projection, "mean", &GrowthProjection::mean,
                                            "Fitted curve.");
  vector_property<GrowthProjection, double>(projection, "lower", &GrowthProjection::lower,
                                            "Lower band.");
  vector_property<GrowthProjection, double>(projection, "upper", &GrowthProjection::upper,
                                            "Upper band.");

  py::class_<GrowthFit> fit(m, "GrowthFit",
                            "A growth curve fitted by Levenberg-Marquardt, with diagnostics.");
  fit.def_property_readonly(
         "curve", [](const GrowthFit& f) { return std::string(growth_curve_name(f.curve)); },
         "'exponential', 'logistic' or 'gompertz'.")
      .def_readonly("parameter_names", &GrowthFit::parameter_names)
      .def_readonly("t0", &GrowthFit::t0,
                    "Time origin of the exponential curve (first time point).")
      .def_readonly("sse", &GrowthFit::sse, "Sum of squared residuals.")
      .def_readonly("sigma", &GrowthFit::sigma, "Residual standard deviation, sqrt(sse / (n - p)).")
      .def_readonly("n_points", &GrowthFit::n_points)
      .def_readonly("iterations", &GrowthFit::iterations)
      .def_readonly("converged", &GrowthFit::converged)
      .def_readonly("convergence", &GrowthFit::convergence, "Why the iterations stopped.")
      .def_readonly("gradient_norm", &GrowthFit::gradient_norm)
      .def_readonly("condition_number", &GrowthFit::condition_number, "Of J'J at the solution.")
      .def_readonly("identified", &GrowthFit::identified)
      .def_readonly("message", &GrowthFit::message, "When not identified: why.")
      .def(
          "predict",
          [](const GrowthFit& f, const std::vector<double>& t) {
            std::vector<double> out;
            out.reserve(t.size());
            for (const double ti : t) out.push_back(f.predict(ti));
            const auto n = static_cast<py::ssize_t>(out.size());
            return to_numpy(std::move(out), {n});
          },
          py::arg("t"), "The fitted curve at t (no band; also for a fit that is not identified).")
      .def(
          "project",
          [](const GrowthFit& f, const std::vector<double>& t, double level, bool prediction) {
            return project_growth(f, t, level, prediction);
          },
          py::arg("t"), py::arg("level") = 0.9, py::arg("prediction") = false,
          "Projection with a delta-method band; refused (NumericalError) when not identified.");
  vector_property<GrowthFit, double>(fit, "parameters", &GrowthFit::parameters, "Estimates (p).");
  vector_property<GrowthFit, double>(fit, "standard_errors", &GrowthFit::standard_errors,
                                     "Standard errors (p).");
  array_property<GrowthFit, double>(
      fit, "covariance", &GrowthFit::covariance,
      [](const GrowthFit& f) {
        const auto p = static_cast<py::ssize_t>(f.parameters.size());
        return std::vector<py::ssize_t>{p, p};
      },
      "p x p covariance of the estimates.");

  py::class_<CohortProjection> cohorts(m, "CohortProjection",
                                       "Firm stock, jobs and revenue by year from cohorts.");
  vector_property<CohortProjection, int>(cohorts, "years", &CohortProjection::years,
                                         "Projection years.");
  vector_property<CohortProjection, double>(cohorts, "entries", &CohortProjection::entries,
                                            "New firms per year.");
  vector_property<CohortProjection, double>(cohorts, "alive", &CohortProjection::alive,
                                            "Firms alive at the end of each year.");
  vector_property<CohortProjection, double>(cohorts, "jobs", &CohortProjection::jobs,
                                            "Persons: alive x jobs per firm.");
  vector_property<CohortProjection, double>(cohorts, "revenue", &CohortProjection::revenue,
                                            "Revenue per year: alive x revenue per firm.");
}

}  // namespace

// ---- Monte Carlo: streaming runs, mergeable states, typed results ----
namespace {

std::vector<TargetSpec> to_targets(
    const std::vector<std::tuple<std::size_t, double, bool>>& targets) {
  std::vector<TargetSpec> out;
  out.reserve(targets.size());
  for (const auto& [column, value, higher] : targets)
    out.push_back(TargetSpec{column, value, higher});
  return out;
}

MonteCarloOptions mc_options(std::size_t n_draws, std::uint64_t seed, const std::string& sampler,
                             bool scramble,
                             const std::vector<std::tuple<std::size_t, double, bool>>& targets) {
  MonteCarloOptions options;
  options.n_draws = n_draws;
  options.seed = seed;
  options.sampler = parse_sampler(sampler);
  options.scramble = scramble;
  options.targets = to_targets(targets);
  return options;
}

const char* sampler_name(std::uint32_t sampler) {
  switch (static_cast<Sampler>(sampler)) {
    case Sampler::kMonteCarlo:
      return "mc";
    case Sampler::kLatinHypercube:
      return "lhs";
    case Sampler::kSobol:
      return "sobol";
  }
  return "unknown";
}

/// A copy of a vector as a 1-D numpy array.
template <class T>
py::array_t<T> copy_array(const std::vector<T>& values) {
  return py::array_t<T>(static_cast<py::ssize_t>(values.size()), values.data());
}

void register_monte_carlo(py::module_& m) {
  m.attr("MONTE_CARLO_BLOCK_ROWS") = kBlockRows;
  m.attr("QUANTILE_SKETCH_RELATIVE_ERROR") = QuantileSketch::kRelativeError;

  py::class_<QuantileSketch>(m, "QuantileSketch",
                             "Mergeable quantile sketch (log-linear histogram); quantiles within "
                             "QUANTILE_SKETCH_RELATIVE_ERROR of the values' magnitude.")
      .def(py::init<>())
      .def(
          "add",
          [](QuantileSketch& sketch, const Array& values) {
            const double* data = values.data();
            for (py::ssize_t i = 0; i < values.size(); ++i) sketch.add(data[i]);
          },
          py::arg("values"), "Add values (any shape; NaN counted apart).")
      .def("merge", &QuantileSketch::merge, py::arg("other"), "Add the counts of another sketch.")
      .def(
          "quantiles",
          [](const QuantileSketch& sketch, const std::vector<double>& probabilities) {
            return copy_array(sketch.quantiles(probabilities));
          },
          py::arg("probabilities"), "Type-7 quantile estimates (NaN when a NaN was added).")
      .def_property_readonly("count", &QuantileSketch::count, "Values added (NaN excluded).")
      .def_property_readonly("nan_count", &QuantileSketch::nan_count)
      .def_property_readonly("min", &QuantileSketch::min)
      .def_property_readonly("max", &QuantileSketch::max)
      .def_property_readonly("pages", &QuantileSketch::pages, "Allocated pages (4 KiB each).");

  py::class_<MonteCarloSummary>(m, "MonteCarloSummary",
                                "Summaries of a complete Monte Carlo run, per output column.")
      .def_readonly("n_draws", &MonteCarloSummary::n_draws)
      .def_readonly("n_columns", &MonteCarloSummary::n_columns)
      .def_readonly(
          "relative_error", &MonteCarloSummary::relative_error,
          "Bound of the quantile estimates relative to the values' magnitude (0 when exact).")
      .def_readonly("exact", &MonteCarloSummary::exact)
      .def_readonly("probabilities", &MonteCarloSummary::probabilities, "Quantile levels.")
      .def_property_readonly("mean", [](const MonteCarloSummary& s) { return copy_array(s.mean); })
      .def_property_readonly("sd", [](const MonteCarloSummary& s) { return copy_array(s.sd); })
      .def_property_readonly("min", [](const MonteCarloSummary& s) { return copy_array(s.min); })
      .def_property_readonly("max", [](const MonteCarloSummary& s) { return copy_array(s.max); })
      .def_property_readonly("nan_count",
                             [](const MonteCarloSummary& s) { return copy_array(s.nan_count); })
      .def_property_readonly(
          "quantiles",
          [](const MonteCarloSummary& s) {
            py::array_t<double> out({static_cast<py::ssize_t>(s.probabilities.size()),
                                     static_cast<py::ssize_t>(s.n_columns)});
            std::copy(s.quantiles.begin(), s.quantiles.end(), out.mutable_data());
            return out;
          },
          "len(probabilities) x n_columns.")
      .def_property_readonly("target_probability", [](const MonteCarloSummary& s) {
        return copy_array(s.target_probability);
      });

  py::class_<MonteCarloState>(m, "MonteCarloState",
                              "Streaming summary of some blocks of draws of one Monte Carlo run; "
                              "mergeable and picklable.")
      .def_property_readonly("n_draws", [](const MonteCarloState& s) { return s.key().n_draws; })
      .def_property_readonly("seed", [](const MonteCarloState& s) { return s.key().seed; })
      .def_property_readonly(
          "sampler",
          [](const MonteCarloState& s) { return std::string(sampler_name(s.key().sampler)); })
      .def_property_readonly("scramble", [](const MonteCarloState& s) { return s.key().scramble; })
      .def_property_readonly("n_columns",
                             [](const MonteCarloState& s) { return s.key().n_columns; })
      .def_property_readonly(
          "fingerprint", [](const MonteCarloState& s) { return s.key().fingerprint; },
          "Hash of the model's names and years and of the parameter space.")
      .def_property_readonly(
          "targets",
          [](const MonteCarloState& s) {
            std::vector<std::tuple<std::size_t, double, bool>> out;
            for (const TargetSpec& t : s.targets())
              out.emplace_back(t.column, t.value, t.higher_is_better);
            return out;
          },
          "(column, value, higher_is_better) per target.")
      .def_property_readonly("hits", &MonteCarloState::hits, "Draws reaching each target.")
      .def_property_readonly("blocks", &MonteCarloState::blocks,
                             "Half-open ranges of blocks present.")
      .def_property_readonly("draws", &MonteCarloState::draws, "Draws summarised.")
      .def_property_readonly("complete", &MonteCarloState::complete)
      .def(
          "merge",
          [](const MonteCarloState& self, const MonteCarloState& other) {
            MonteCarloState out = self;
            out.merge(other);
            return out;
          },
          py::arg("other"), "A new state holding the blocks of both (same run, disjoint blocks).")
      .def("summary", &MonteCarloState::summary, py::arg("probabilities"),
           "Summaries with sketch quantiles (the state must be complete).")
      .def(
          "quantile_sketch",
          [](const MonteCarloState& s, std::size_t column) { return s.sketches().at(column); },
          py::arg("column"), "A copy of one column's sketch.")
      .def("to_bytes", [](const MonteCarloState& s) { return py::bytes(s.serialize()); })
      .def_static(
          "from_bytes",
          [](const py::bytes& data) { return MonteCarloState::deserialize(std::string(data)); },
          py::arg("data"))
      .def("__eq__",
           [](const MonteCarloState& a, const py::object& b) {
             return py::isinstance<MonteCarloState>(b) &&
                    a.serialize() == b.cast<const MonteCarloState&>().serialize();
           })
      .def("__hash__", [](const MonteCarloState& s) { return py::hash(py::bytes(s.serialize())); })
      .def("__repr__",
           [](const MonteCarloState& s) {
             std::ostringstream out;
             out << "<MonteCarloState " << s.draws() << " of " << s.key().n_draws << " draws, seed "
                 << s.key().seed << ", sampler " << sampler_name(s.key().sampler) << ", "
                 << s.key().n_columns << " columns" << (s.complete() ? ", complete" : "") << ">";
             return out.str();
           })
      .def(py::pickle(
          [](const MonteCarloState& s) { return py::bytes(s.serialize()); },
          [](const py::bytes& data) { return MonteCarloState::deserialize(std::string(data)); }));

  py::class_<MonteCarloResult>(m, "MonteCarloRun",
                               "A Monte Carlo run: its state and, when kept, its draws.")
      .def_readonly("input_names", &MonteCarloResult::input_names)
      .def_readonly("indicator_names", &MonteCarloResult::indicator_names)
      .def_readonly("years", &MonteCarloResult::years)
      .def_readonly("n_draws", &MonteCarloResult::n_draws)
      .def_readonly("state", &MonteCarloResult::state)
      .def_property_readonly(
          "draws",
          [](const py::object& self) -> py::object {
            auto& run = self.cast<MonteCarloResult&>();
            if (run.outputs.empty()) return py::none();
            const std::vector<py::ssize_t> shape = {
                static_cast<py::ssize_t>(run.n_draws),
                static_cast<py::ssize_t>(run.indicator_names.size()),
                static_cast<py::ssize_t>(run.years.size())};
            return py::array_t<double>(shape, run.outputs.data(), self);
          },
          "(n_draws, n_indicators, n_years) outputs (a view, no copy), or None when not kept.")
      .def_property_readonly(
          "inputs",
          [](const py::object& self) -> py::object {
            auto& run = self.cast<MonteCarloResult&>();
            if (run.inputs.empty()) return py::none();
            const std::vector<py::ssize_t> shape = {
                static_cast<py::ssize_t>(run.n_draws),
                static_cast<py::ssize_t>(run.input_names.size())};
            return py::array_t<double>(shape, run.inputs.data(), self);
          },
          "(n_draws, n_inputs) sampled inputs (a view, no copy), or None when not kept.");

  py::class_<ColumnSummary>(m, "ColumnSummary", "Exact column summaries of stored draws.")
      .def_property_readonly("mean", [](const ColumnSummary& s) { return copy_array(s.mean); })
      .def_property_readonly("sd", [](const ColumnSummary& s) { return copy_array(s.sd); })
      .def_property_readonly("quantiles", [](const py::object& self) {
        const auto& s = self.cast<const ColumnSummary&>();
        const auto cols = static_cast<py::ssize_t>(s.mean.size());
        const py::ssize_t rows =
            cols == 0 ? 0 : static_cast<py::ssize_t>(s.quantiles.size()) / cols;
        py::array_t<double> out({rows, cols});
        std::copy(s.quantiles.begin(), s.quantiles.end(), out.mutable_data());
        return out;
      });

  using TargetTuples = std::vector<std::tuple<std::size_t, double, bool>>;
  m.def(
      "run_monte_carlo",
      [](const OutcomeModel& model, const ParameterSpace& space, std::size_t n_draws,
         std::uint64_t seed, const std::string& sampler, bool scramble, bool keep_inputs,
         bool keep_draws, const TargetTuples& targets, int n_threads, const py::object& progress) {
        MonteCarloOptions options = mc_options(n_draws, seed, sampler, scramble, targets);
        options.keep_inputs = keep_inputs;
        options.keep_draws = keep_draws;
        const ParallelOptions parallel = make_parallel_options(n_threads, progress);
        const py::gil_scoped_release release;
        return run_monte_carlo(model, space, options, parallel);
      },
      py::arg("model"), py::arg("space"), py::arg("n_draws"), py::arg("seed") = 0,
      py::arg("sampler") = "mc", py::arg("scramble") = true, py::arg("keep_inputs") = false,
      py::arg("keep_draws") = false, py::arg("targets") = TargetTuples{}, py::arg("n_threads") = 0,
      py::arg("progress") = py::none(),
      "Monte Carlo run summarised while simulating; targets are (column, value, "
      "higher_is_better).");

  m.def(
      "simulate_draws",
      [](const OutcomeModel& model, const ParameterSpace& space, std::size_t n_draws,
         std::size_t start, std::size_t end, std::uint64_t seed, const std::string& sampler,
         bool scramble, const TargetTuples& targets, int n_threads, const py::object& progress) {
        const MonteCarloOptions options = mc_options(n_draws, seed, sampler, scramble, targets);
        const ParallelOptions parallel = make_parallel_options(n_threads, progress);
        const py::gil_scoped_release release;
        return simulate_draws(model, space, options, start, end, parallel);
      },
      py::arg("model"), py::arg("space"), py::arg("n_draws"), py::arg("start"), py::arg("end"),
      py::arg("seed") = 0, py::arg("sampler") = "mc", py::arg("scramble") = true,
      py::arg("targets") = TargetTuples{}, py::arg("n_threads") = 0,
      py::arg("progress") = py::none(),
      "Partial state of draws [start, end) of a run (whole blocks of MONTE_CARLO_BLOCK_ROWS "
      "draws).");

  m.def(
      "run_monte_carlo_range",
      [](const OutcomeModel& model, const ParameterSpace& space, std::size_t n_draws,
         std::size_t start, std::size_t end, std::uint64_t seed, const std::string& sampler,
         bool scramble, bool keep_inputs, bool keep_draws, const TargetTuples& targets,
         int n_threads, const py::object& progress) {
        MonteCarloOptions options = mc_options(n_draws, seed, sampler, scramble, targets);
        options.keep_inputs = keep_inputs;
        options.keep_draws = keep_draws;
        const ParallelOptions parallel = make_parallel_options(n_threads, progress);
        const py::gil_scoped_release release;
        return simulate_range(model, space, options, start, end, parallel);
      },
      py::arg("model"), py::arg("space"), py::arg("n_draws"), py::arg("start"), py::arg("end"),
      py::arg("seed") = 0, py::arg("sampler") = "mc", py::arg("scramble") = true,
      py::arg("keep_inputs") = false, py::arg("keep_draws") = false,
      py::arg("targets") = TargetTuples{}, py::arg("n_threads") = 0,
      py::arg("progress") = py::none(),
      "Draws [start, end) of a run: their partial state and, when kept, their inputs and outputs "
      "(end - start rows).");

  m.def(
      "run_fingerprint",
      [](const OutcomeModel& model, const ParameterSpace& space) {
        return run_key(model, space, {}).fingerprint;
      },
      py::arg("model"), py::arg("space"),
      "Hash of the model's names and years and of the parameter space "
      "(MonteCarloState.fingerprint).");

  m.def("merge_states", &merge_states, py::arg("states"),
        "Merge states of disjoint blocks of one run; the result does not depend on the order.");

  m.def(
      "exact_quantiles",
      [](const OutcomeModel& model, const ParameterSpace& space, const MonteCarloState& state,
         const std::vector<double>& probabilities, int n_threads, const py::object& progress) {
        const ParallelOptions parallel = make_parallel_options(n_threads, progress);
        std::vector<double> q;
        {
          const py::gil_scoped_release release;
          q = exact_quantiles(model, space, state, probabilities, parallel);
        }
        return to_numpy(std::move(q), {static_cast<py::ssize_t>(probabilities.size()),
                                       static_cast<py::ssize_t>(state.key().n_columns)});
      },
      py::arg("model"), py::arg("space"), py::arg("state"), py::arg("probabilities"),
      py::arg("n_threads") = 0, py::arg("progress") = py::none(),
      "Exact type-7 quantiles (len(probabilities) x n_columns) by regenerating the run's draws.");

  m.def(
      "summarize_columns",
      [](const Array& data, const std::vector<double>& probabilities, int n_threads) {
        if (data.ndim() < 1) throw InvalidInput("summarize: need an array with draws along axis 0");
        const auto rows = static_cast<std::size_t>(data.shape(0));
        const std::size_t cols = rows ? static_cast<std::size_t>(data.size()) / rows : 0;
        if (rows == 0) throw InvalidInput("summarize: no draws");
        const ParallelOptions parallel = make_parallel_options(n_threads, py::none());
        // `data` is a C-contiguous view (forcecast copies only non-double or strided input)
        // and stays alive in this frame while the GIL is released.
        const py::gil_scoped_release release;
        return summarize_columns(data.data(), rows, cols, probabilities, parallel);
      },
      py::arg("data"), py::arg("probabilities"), py::arg("n_threads") = 0,
      "Exact per-column mean, sd and quantiles of an array with draws along axis 0 (columns "
      "flattened).");

  m.def(
      "probability_reaching",
      [](const Array& data, std::size_t column, double value, bool higher_is_better) {
        if (data.ndim() < 1 || data.shape(0) == 0) throw InvalidInput("probability: no draws");
        const auto rows = static_cast<std::size_t>(data.shape(0));
        const std::size_t cols = static_cast<std::size_t>(data.size()) / rows;
        const py::gil_scoped_release release;
        return probability_reaching(data.data(), rows, cols, column, value, higher_is_better);
      },
      py::arg("data"), py::arg("column"), py::arg("value"), py::arg("higher_is_better") = true,
      "Share of draws (axis 0) whose flattened column reaches value.");
}

}  // namespace

void register_outcomes(py::module_& m) {
  // ---- distributions ----
  py::class_<Distribution>(m, "Distribution",
                           "An uncertain input, sampled by its quantile function.")
      .def_static("fixed", &Distribution::fixed, py::arg("value"),
                  "A known value (no uncertainty).")
      .def_static("uniform", &Distribution::uniform, py::arg("low"), py::arg("high"),
                  "Uniform on [low, high].")
      .def_static("normal", &Distribution::normal, py::arg("mean"), py::arg("sd"),
                  "Normal(mean, sd).")
      .def_static("lognormal", &Distribution::lognormal, py::arg("mu"), py::arg("sigma"),
                  "Log-normal: log X ~ Normal(mu, sigma). See outcomes.lognormal_from_mean_sd.")
      .def_static("triangular", &Distribution::triangular, py::arg("low"), py::arg("mode"),
                  py::arg("high"), "Triangular on [low, high] with its peak at mode.")
      .def_static("pert", &Distribution::pert, py::arg("low"), py::arg("mode"), py::arg("high"),
                  py::arg("lam") = 4.0,
                  "Beta-PERT: Beta(1 + lam (mode - low) / (high - low), 1 + lam (high - mode) / "
                  "(high - low)) on [low, high].")
      .def_static("beta", &Distribution::beta, py::arg("alpha"), py::arg("beta"),
                  py::arg("low") = 0.0, py::arg("high") = 1.0,
                  "Beta(alpha, beta) rescaled to [low, high].")
      .def_static("gamma", &Distribution::gamma, py::arg("shape"), py::arg("scale"),
                  "Gamma(shape, scale); mean shape * scale.")
      .def_static("poisson", &Distribution::poisson, py::arg("mean"),
                  "Poisson counts with the given mean.")
      .def_static(
          "negative_binomial", &Distribution::negative_binomial, py::arg("r"), py::arg("p"),
          "Failures before the r-th success with success probability p (overdispersed counts).")
      .def_static("empirical", &Distribution::empirical, py::arg("values"),
                  "The empirical distribution of observed values (each has mass 1/n).")
      .def_property_readonly("name", &Distribution::name)
      .def_property_readonly("params", &Distribution::params)
      .def("mean", &Distribution::mean, "Mean (analytic).")
      .def("variance", &Distribution::variance, "Variance (analytic).")
      .def(
          "quantile",
          [](const Distribution& d, const Array& u) {
            std::vector<double> out(static_cast<std::size_t>(u.size()));
            for (std::size_t i = 0; i < out.size(); ++i) out[i] = d.quantile(u.data()[i]);
            return to_numpy(std::move(out), {u.size()});
          },
          py::arg("u"), "Quantile function F^-1(u), element-wise.")
      .def(
          "cdf",
          [](const Distribution& d, const Array& x) {
            std::vector<double> out(static_cast<std::size_t>(x.size()));
            for (std::size_t i = 0; i < out.size(); ++i) out[i] = d.cdf(x.data()[i]);
            return to_numpy(std::move(out), {x.size()});
          },
          py::arg("x"), "Cumulative distribution function, element-wise.")
      .def("__repr__", &Distribution::describe)
      .def("__eq__",
           [](const Distribution& a, const py::object& b) {
             if (!py::isinstance<Distribution>(b)) return false;
             const auto& other = b.cast<const Distribution&>();
             return a.kind() == other.kind() && a.params() == other.params() &&
                    a.values() == other.values();
           })
      .def("__hash__", [](const Distribution& d) { return py::hash(py::str(d.describe())); })
      .def(py::pickle(
          [](const Distribution& d) { return py::make_tuple(d.name(), d.params(), d.values()); },
          [](const py::tuple& state) {
            // Rebuilt through the validating factories (pickles may come from elsewhere).
            if (state.size() != 3) throw InvalidInput("Distribution: bad pickled state");
            const auto name = state[0].cast<std::string>();
            const auto p = state[1].cast<std::vector<double>>();
            auto values = state[2].cast<std::vector<double>>();
            if (name == "empirical") return Distribution::empirical(std::move(values));
            const std::vector<std::pair<std::string, std::size_t>> arity = {
                {"fixed", 1},      {"uniform", 2},
                {"normal", 2},     {"lognormal", 2},
                {"triangular", 3}, {"pert", 4},
                {"beta", 4},       {"gamma", 2},
                {"poisson", 1},    {"negative_binomial", 2}};
            for (const auto& [family, n] : arity) {
              if (name == family && p.size() < n) {
                throw InvalidInput("Distribution: pickled '" + name + "' lacks parameters");
              }
            }
            if (name == "fixed") return Distribution::fixed(p[0]);
            if (name == "uniform") return Distribution::uniform(p[0], p[1]);
            if (name == "normal") return Distribution::normal(p[0], p[1]);
            if (name == "lognormal") return Distribution::lognormal(p[0], p[1]);
            if (name == "triangular") return Distribution::triangular(p[0], p[1], p[2]);
            if (name == "pert") return Distribution::pert(p[0], p[1], p[2], p[3]);
            if (name == "beta") return Distribution::beta(p[0], p[1], p[2], p[3]);
            if (name == "gamma") return Distribution::gamma(p[0], p[1]);
            if (name == "poisson") return Distribution::poisson(p[0]);
            if (name == "negative_binomial") return Distribution::negative_binomial(p[0], p[1]);
            throw InvalidInput("Distribution: unknown pickled family '" + name + "'");
          }));

  m.def("gamma_p", &gamma_p, py::arg("a"), py::arg("x"),
        "Regularised lower incomplete gamma P(a, x).");
  m.def("beta_inc", &beta_inc, py::arg("a"), py::arg("b"), py::arg("x"),
        "Regularised incomplete beta I_x(a, b).");

  // ---- designs ----
  m.def("sobol_max_dimensions", &SobolSequence::max_dimensions);
  m.def(
      "uniform_design",
      [](const std::string& sampler, std::size_t n, std::size_t d, std::uint64_t seed,
         bool scramble) {
        const UniformDesign design(parse_sampler(sampler), n, d, seed, scramble);
        std::vector<double> out(n * d);
        design.fill(0, n, out.data());
        return to_numpy(std::move(out), {static_cast<py::ssize_t>(n), static_cast<py::ssize_t>(d)});
      },
      py::arg("sampler"), py::arg("n_draws"), py::arg("d"), py::arg("seed") = 0,
      py::arg("scramble") = true,
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
              throw InvalidInput("transform: expected an n x " + std::to_string(d) +
                                 " array of uniforms");
            }
            std::vector<double> out = to_vector(u);
            for (std::size_t r = 0; r < static_cast<std::size_t>(u.shape(0)); ++r)
              space.transform(&out[r * d]);
            return to_numpy(std::move(out), {u.shape(0), u.shape(1)});
          },
          py::arg("u"),
          "Map independent uniforms (n x d) to input values through the copula and quantiles.");

  // ---- models ----
  py::class_<OutcomeModel, PyOutcomeModel>(m, "OutcomeModel",
                                           "Base class of outcome models; subclass it in Python.")
      .def(py::init<>())
      .def("input_names", &OutcomeModel::input_names)
      .def("indicator_names", &OutcomeModel::indicator_names)
      .def("years", &OutcomeModel::years)
      // Python subclasses pickle with their instance __dict__ (a Dask worker rebuilds them);
      // the class itself is pickled by reference (or by value by cloudpickle).
      .def(py::pickle(
          [](const py::object& self) {
            const py::dict state =
                py::hasattr(self, "__dict__") ? py::dict(self.attr("__dict__")) : py::dict();
            return py::make_tuple(state);
          },
          [](const py::tuple& state) {
            if (state.size() != 1 || !py::isinstance<py::dict>(state[0])) {
              throw InvalidInput(
                  "OutcomeModel: bad pickled state (expected a 1-tuple holding the instance "
                  "__dict__)");
            }
            return std::make_pair(PyOutcomeModel(), state[0].cast<py::dict>());
          }))
      .def(
          "evaluate_rows",
          [](const OutcomeModel& model, const Array& x, int n_threads, const py::object& progress) {
            const std::size_t n_in = model.n_inputs();
            if (x.ndim() != 2 || static_cast<std::size_t>(x.shape(1)) != n_in) {
              throw InvalidInput("evaluate_rows: expected an n x " + std::to_string(n_in) +
                                 " input array");
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
            return to_numpy(std::move(out),
                            {static_cast<py::ssize_t>(rows), static_cast<py::ssize_t>(n_out)});
          },
          py::arg("x"), py::arg("n_threads") = 0, py::arg("progress") = py::none(),
          "Evaluate rows of inputs (n x n_inputs) -> n x (n_indicators * n_years).");

  py::class_<ZoneModel, OutcomeModel>(m, "ZoneModel",
                                      "Budget -> funnel -> firm cohorts model of a zone.")
      .def(py::init([](std::vector<int> years, std::vector<double> budget, double phase1_transfers,
                       int phase1_years, double half_saturation, std::vector<int> initial_years,
                       std::vector<double> initial_ric, std::vector<double> initial_startups) {
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
           py::arg("years"), py::arg("budget"), py::arg("phase1_transfers"),
           py::arg("phase1_years") = 5, py::arg("half_saturation") = 0.0,
           py::arg("initial_years") = std::vector<int>{},
           py::arg("initial_ric") = std::vector<double>{},
           py::arg("initial_startups") = std::vector<double>{})
      // Pickles as its specification; unpickling rebuilds it through the validating constructor.
      .def(py::pickle(
          [](const ZoneModel& model) {
            const ZoneModelSpec& s = model.spec();
            return py::make_tuple(s.years, s.budget, s.phase1_transfers, s.phase1_years,
                                  s.half_saturation, s.initial_years, s.initial_ric,
                                  s.initial_startups);
          },
          [](const py::tuple& state) {
            if (state.size() != 8)
              throw InvalidInput("ZoneModel: bad pickled state (expected 8 fields)");
            ZoneModelSpec spec;
            spec.years = state[0].cast<std::vector<int>>();
            spec.budget = state[1].cast<std::vector<double>>();
            spec.phase1_transfers = state[2].cast<double>();
            spec.phase1_years = state[3].cast<int>();
            spec.half_saturation = state[4].cast<double>();
            spec.initial_years = state[5].cast<std::vector<int>>();
            spec.initial_ric = state[6].cast<std::vector<double>>();
            spec.initial_startups = state[7].cast<std::vector<double>>();
            return ZoneModel(std::move(spec));
          }));

  py::class_<IshigamiModel, OutcomeModel>(m, "IshigamiModel",
                                          "Ishigami test function (inputs x1, x2, x3).")
      .def(py::init<double, double>(), py::arg("a") = 7.0, py::arg("b") = 0.1)
      .def(py::pickle(
          [](const IshigamiModel& model) { return py::make_tuple(model.a(), model.b()); },
          [](const py::tuple& state) {
            if (state.size() != 2)
              throw InvalidInput("IshigamiModel: bad pickled state (expected a, b)");
            return IshigamiModel(state[0].cast<double>(), state[1].cast<double>());
          }));

  // ---- Monte Carlo ----
  register_monte_carlo(m);

  // ---- growth ----
  m.def("cagr", &cagr, py::arg("start"), py::arg("end"), py::arg("years"));
  register_growth_and_cohorts(m);
  m.def(
      "fit_growth",
      [](const std::string& curve, const std::vector<double>& t, const std::vector<double>& y,
         int max_iterations, double tolerance) {
        return fit_growth(parse_growth_curve(curve), t, y, max_iterations, tolerance);
      },
      py::arg("curve"), py::arg("t"), py::arg("y"), py::arg("max_iterations") = 200,
      py::arg("tolerance") = 1e-10);
  m.def("project_growth", &project_growth, py::arg("fit"), py::arg("t"), py::arg("level") = 0.9,
        py::arg("prediction") = false,
        "Projection of a fit with a delta-method band (GrowthFit.project).");

  // ---- survival, cohorts, funnel, budget ----
  py::class_<SurvivalCurve>(m, "SurvivalCurve", "Firm survival S(age), age in years.")
      .def_static("weibull", &SurvivalCurve::weibull, py::arg("shape"), py::arg("scale"))
      .def_static("weibull_through", &SurvivalCurve::weibull_through, py::arg("shape"),
                  py::arg("age"), py::arg("survival"))
      .def_static("lognormal", &SurvivalCurve::lognormal, py::arg("mu"), py::arg("sigma"))
      .def_static("loglogistic", &SurvivalCurve::loglogistic, py::arg("alpha"), py::arg("beta"))
      .def_static("piecewise", &SurvivalCurve::piecewise, py::arg("ages"), py::arg("survival"))
      .def_static("kaplan_meier", &SurvivalCurve::kaplan_meier, py::arg("durations"),
                  py::arg("events"))
      .def_property_readonly("kind", &SurvivalCurve::kind)
      .def_property_readonly("parameters", &SurvivalCurve::parameters)
      .def_property_readonly("zero_age", &SurvivalCurve::zero_age)
      .def_property_readonly("ages", &SurvivalCurve::ages)
      .def_property_readonly("values", &SurvivalCurve::values)
      .def_property_readonly("standard_errors", &SurvivalCurve::standard_errors)
      .def_property_readonly("at_risk", &SurvivalCurve::at_risk)
      .def(
          "__call__",
          [](const SurvivalCurve& s, const Array& age) {
            std::vector<double> out(static_cast<std::size_t>(age.size()));
            for (std::size_t i = 0; i < out.size(); ++i) out[i] = s(age.data()[i]);
            return to_numpy(std::move(out), {age.size()});
          },
          py::arg("age"));

  m.def("project_cohorts", &project_cohorts, py::arg("years"), py::arg("entries"),
        py::arg("survival"), py::arg("jobs_per_firm"), py::arg("revenue_per_firm"),
        py::arg("initial_years") = std::vector<int>{},
        py::arg("initial_entries") = std::vector<double>{},
        "Firm stock (end of year), jobs and revenue from yearly entries (firms enter mid-year).");

  py::class_<Funnel>(m, "Funnel", "Conversion funnel driven by budget.")
      .def(py::init<std::vector<std::string>, double, std::vector<double>, double, double>(),
           py::arg("stages"), py::arg("top"), py::arg("rates"), py::arg("budget"),
           py::arg("elasticity"))
      .def_static("calibrate", &Funnel::calibrate, py::arg("stages"), py::arg("totals"),
                  py::arg("budget"), py::arg("elasticity"))
      .def("project", &Funnel::project, py::arg("budget"))
      .def_property_readonly("stages", &Funnel::stages)
      .def_property_readonly("rates", &Funnel::rates)
      .def_property_readonly("elasticity", &Funnel::elasticity);

  m.def("budget_response", &budget_response, py::arg("budget"), py::arg("reference_budget"),
        py::arg("reference_output"), py::arg("elasticity"), py::arg("half_saturation") = 0.0);
}

}  // namespace innozone::bindings
