// innozone._core: the compiled engine. Each area registers its own submodule from its
// own translation unit (register_<area>.cpp); this file only assembles them.
#include <pybind11/pybind11.h>

#include <string>

#include "bindings.hpp"

namespace py = pybind11;

namespace {

// Names at the top level of the module right now.
py::set top_level_names(const py::module_& m) { return py::set(m.attr("__dict__")); }

// The areas common, outcomes and sensitivity define their names at the top level of the
// module (where the facade uses them). Each also gets a submodule of its own name holding
// the same objects, so that the module has one namespace per area, like the stub package
// python/innozone/_core/ (one .pyi per area), which mypy's stubtest checks file by file.
void add_area_view(py::module_& m, const char* area, const char* doc, const py::set& before) {
  py::module_ view = m.def_submodule(area, doc);
  py::dict names = m.attr("__dict__");
  for (const auto& item : names) {
    const std::string name = py::str(item.first);
    if (before.contains(item.first) || name.rfind("__", 0) == 0 ||
        py::isinstance<py::module_>(item.second)) {
      continue;
    }
    view.attr(item.first) = item.second;
  }
}

// Every submodule is importable by its full name (`import innozone._core.did`), as stubtest
// and pickle need: pybind11 does not enter submodules in sys.modules by itself.
void enter_submodules(const py::module_& m) {
  py::dict modules = py::module_::import("sys").attr("modules");
  const std::string prefix = py::str(m.attr("__name__")).cast<std::string>() + ".";
  for (const auto& item : py::dict(m.attr("__dict__"))) {
    if (!py::isinstance<py::module_>(item.second)) continue;
    const std::string name = py::str(item.second.attr("__name__"));
    if (name.rfind(prefix, 0) == 0) modules[py::str(name)] = item.second;
  }
}

}  // namespace

PYBIND11_MODULE(_core, m) {
  m.doc() = "innozone compiled core (private; use the innozone package instead)";
  m.attr("__version__") = INNOZONE_VERSION;
  py::set before = top_level_names(m);
  innozone::bindings::register_common(m);
  add_area_view(m, "common", "Errors, random streams and the parallel loop (private)", before);
#ifdef INNOZONE_HAS_PROGRAM
  innozone::bindings::register_program(m);
#endif
#ifdef INNOZONE_HAS_BUDGET
  innozone::bindings::register_budget(m);
#endif
#ifdef INNOZONE_HAS_OUTCOMES
  before = top_level_names(m);
  innozone::bindings::register_outcomes(m);
  add_area_view(m, "outcomes",
                "Distributions, outcome models, Monte Carlo, growth, cohorts (private)", before);
  before = top_level_names(m);
  innozone::bindings::register_sensitivity(m);
  add_area_view(m, "sensitivity", "Tornado, Morris, Sobol' and parametric survival fits (private)",
                before);
#endif
#ifdef INNOZONE_HAS_DID
  innozone::bindings::register_did(m);
#endif
#ifdef INNOZONE_HAS_SYNTH
  innozone::bindings::register_synth(m);
#endif
#ifdef INNOZONE_HAS_EFFICIENCY
  innozone::bindings::register_efficiency(m);
#endif
  enter_submodules(m);
}
