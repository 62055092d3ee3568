// innozone._core: the compiled engine. Each area registers its own submodule from its
// own translation unit (register_<area>.cpp); this file only assembles them.
#include <pybind11/pybind11.h>

#include "bindings.hpp"

namespace py = pybind11;

PYBIND11_MODULE(_core, m) {
  m.doc() = "innozone compiled core (private; use the innozone package instead)";
  m.attr("__version__") = INNOZONE_VERSION;
  innozone::bindings::register_common(m);
#ifdef INNOZONE_HAS_PROGRAM
  innozone::bindings::register_program(m);
#endif
#ifdef INNOZONE_HAS_BUDGET
  innozone::bindings::register_budget(m);
#endif
#ifdef INNOZONE_HAS_OUTCOMES
  innozone::bindings::register_outcomes(m);
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
}
