// Shared declarations of the binding layer (never included by the core).
#pragma once

#include <pybind11/pybind11.h>

#include <cstddef>

#include "innozone/common/parallel.hpp"

namespace innozone::bindings {

void register_common(pybind11::module_& m);
void register_program(pybind11::module_& m);
void register_budget(pybind11::module_& m);
void register_outcomes(pybind11::module_& m);
void register_did(pybind11::module_& m);
void register_synth(pybind11::module_& m);
void register_efficiency(pybind11::module_& m);
/// Sensitivity analysis and parametric survival fits (part of the outcomes area; module.cpp
/// calls it after register_outcomes, so that the two get a submodule each).
void register_sensitivity(pybind11::module_& m);

/// Wrap an optional Python callable `callback(done, total)` as a ProgressFn for
/// parallel_for. The returned function takes the GIL, checks for Ctrl-C (a pending
/// KeyboardInterrupt stops the loop and is re-raised) and calls the callback; a
/// callback returning False cancels the run. Use it around code that runs under
/// pybind11::gil_scoped_release.
ProgressFn make_progress(const pybind11::object& callback);

/// ParallelOptions from the usual keyword arguments of long-running calls.
ParallelOptions make_parallel_options(int n_threads, const pybind11::object& progress);

}  // namespace innozone::bindings
