/// @file model.hpp
/// @brief The outcome-model interface that the Monte Carlo and sensitivity engines run.
///
/// A model maps one row of named inputs to a grid of indicators by year. Built-in C++
/// models implement evaluate_batch for speed; the Python bindings provide a trampoline
/// so a Python subclass can be run by the same engines (it takes the GIL per batch).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace innozone::outcomes {

class OutcomeModel {
 public:
  OutcomeModel() = default;
  OutcomeModel(const OutcomeModel&) = default;
  OutcomeModel& operator=(const OutcomeModel&) = default;
  OutcomeModel(OutcomeModel&&) = default;
  OutcomeModel& operator=(OutcomeModel&&) = default;
  virtual ~OutcomeModel() = default;

  /// Names of the inputs, in the order evaluate() reads them.
  [[nodiscard]] virtual std::vector<std::string> input_names() const = 0;
  /// Names of the indicators the model produces.
  [[nodiscard]] virtual std::vector<std::string> indicator_names() const = 0;
  /// Calendar years of the projection.
  [[nodiscard]] virtual std::vector<int> years() const = 0;
  /// Evaluate one input row into outputs laid out indicator-major:
  /// outputs[i * years().size() + t] for indicator i and year index t.
  virtual void evaluate(const double* inputs, double* outputs) const = 0;
  /// Evaluate `rows` rows (row-major inputs rows x n_inputs, outputs rows x n_outputs).
  /// The default calls evaluate() per row.
  virtual void evaluate_batch(const double* inputs, std::size_t rows, double* outputs) const;
  /// Whether evaluate may run concurrently on several threads.
  [[nodiscard]] virtual bool thread_safe() const { return true; }

  [[nodiscard]] std::size_t n_inputs() const { return input_names().size(); }
  [[nodiscard]] std::size_t n_outputs() const { return indicator_names().size() * years().size(); }
};

}  // namespace innozone::outcomes
