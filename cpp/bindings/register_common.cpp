// Exceptions, random streams and the parallel-loop plumbing shared by every area.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "bindings.hpp"
#include "innozone/common/error.hpp"
#include "innozone/common/math.hpp"
#include "innozone/common/random.hpp"

namespace py = pybind11;

namespace innozone::bindings {

ProgressFn make_progress(const py::object& callback) {
  const bool has_callback = !callback.is_none();
  // The callable is kept alive by the caller's frame for the duration of the run.
  const py::handle handle = callback;
  return [has_callback, handle](std::size_t done, std::size_t total) -> bool {
    const py::gil_scoped_acquire gil;
    if (PyErr_CheckSignals() != 0) {
      throw py::error_already_set();
    }
    if (!has_callback) {
      return true;
    }
    const py::object answer = handle(done, total);
    return answer.is_none() || answer.cast<bool>();
  };
}

ParallelOptions make_parallel_options(int n_threads, const py::object& progress) {
  ParallelOptions options;
  options.n_threads = n_threads;
  options.progress = make_progress(progress);
  return options;
}

namespace {

PyObject* make_exception(py::module_& m, const char* name, PyObject* base, const char* doc) {
  const std::string qualified = std::string("innozone._core.") + name;
  PyObject* type = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, base, nullptr);
  if (type == nullptr) {
    throw py::error_already_set();
  }
  m.add_object(name, py::reinterpret_borrow<py::object>(type));
  return type;
}

void raise_with_path(PyObject* type, const SchemaError& error) {
  const py::object instance = py::reinterpret_borrow<py::object>(type)(error.what());
  instance.attr("path") = error.path();
  PyErr_SetObject(type, instance.ptr());
}

}  // namespace

void register_common(py::module_& m) {
  // Exception classes live for the whole process (deliberately never released), so the
  // translator below can use them after the module object is gone.
  static PyObject* const invalid_input =
      make_exception(m, "InvalidInputError", PyExc_ValueError,
                     "Bad input: wrong kind, outside its domain or inconsistent.");
  static PyObject* const schema_error =
      make_exception(m, "SchemaError", invalid_input,
                     "A document does not follow the program format; `.path` is a JSON Pointer.");
  static PyObject* const not_found =
      make_exception(m, "NotFoundError", PyExc_KeyError, "A lookup by id or name found nothing.");
  static PyObject* const out_of_range = make_exception(m, "OutOfRangeError", PyExc_IndexError,
                                                       "An index or year outside the valid range.");
  static PyObject* const numerical =
      make_exception(m, "NumericalError", PyExc_ArithmeticError,
                     "A computation cannot produce a trustworthy number.");

  py::register_exception_translator([](std::exception_ptr pointer) {
    if (!pointer) {
      return;
    }
    try {
      std::rethrow_exception(pointer);
    } catch (const SchemaError& error) {
      raise_with_path(schema_error, error);
    } catch (const InvalidInput& error) {
      PyErr_SetString(invalid_input, error.what());
    } catch (const NotFound& error) {
      // KeyError shows repr(args[0]); keep the message readable as is.
      PyErr_SetString(not_found, error.what());
    } catch (const OutOfRange& error) {
      PyErr_SetString(out_of_range, error.what());
    } catch (const NumericalError& error) {
      PyErr_SetString(numerical, error.what());
    } catch (const Cancelled& error) {
      PyErr_SetString(PyExc_KeyboardInterrupt, error.what());
    }
  });

  m.def("normal_quantile", &normal_quantile, py::arg("p"), "Inverse standard normal CDF.");
  m.def("normal_cdf", &normal_cdf, py::arg("x"), "Standard normal CDF.");
  m.def(
      "philox_uniform",
      [](std::uint64_t seed, std::uint64_t stream, std::size_t n) {
        Philox rng(seed, stream);
        std::vector<double> out(n);
        for (auto& value : out) {
          value = rng.uniform();
        }
        return out;
      },
      py::arg("seed"), py::arg("stream"), py::arg("n"),
      "n uniform draws from the Philox4x32-10 stream (seed, stream).");
  m.def(
      "run_parallel_sleep",
      [](std::size_t n_tasks, int n_threads, int sleep_ms, const py::object& progress) {
        // Exercises the parallel loop from Python (progress, Ctrl-C, thread counts).
        std::vector<std::size_t> order(n_tasks, 0);
        const ParallelOptions options = make_parallel_options(n_threads, progress);
        {
          const py::gil_scoped_release release;
          parallel_for(
              n_tasks,
              [&order, sleep_ms](std::size_t task) {
                std::this_thread::sleep_for(std::chrono::milliseconds(sleep_ms));
                order[task] = task * task;
              },
              options);
        }
        return order;
      },
      py::arg("n_tasks"), py::arg("n_threads") = 0, py::arg("sleep_ms") = 1,
      py::arg("progress") = py::none(),
      "Test helper: run n_tasks tasks that sleep sleep_ms each; returns task**2 per task.");
}

}  // namespace innozone::bindings
