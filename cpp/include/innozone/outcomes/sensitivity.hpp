/// @file sensitivity.hpp
/// @brief Sensitivity analysis of an OutcomeModel over a ParameterSpace: one-at-a-time
/// (tornado), Morris elementary effects, and Sobol' first-order and total indices.
///
/// Sobol' indices use the Saltelli design (matrices A, B and A_B^(i)) with the estimators of
/// Saltelli et al. (2010), Comput. Phys. Commun. 181:259-270 (first order, their eq. (b)) and
/// Jansen (1999) (total), and percentile bootstrap confidence intervals. They assume
/// independent inputs: a space with correlations is refused.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "innozone/common/parallel.hpp"
#include "innozone/outcomes/model.hpp"
#include "innozone/outcomes/sampling.hpp"

namespace innozone::outcomes {

/// One-at-a-time: every input at its median, then each input alone at its `low` and `high`
/// quantile. outputs rows: 0 = base, 1 + 2i = input i low, 2 + 2i = input i high.
struct TornadoResult {
  std::vector<double> base;         ///< n_outputs
  std::vector<double> low_values;   ///< input value at the low quantile, per input
  std::vector<double> high_values;
  std::vector<double> outputs;      ///< (1 + 2 n_inputs) x n_outputs
};
TornadoResult tornado(const OutcomeModel& model, const ParameterSpace& space, double low = 0.1, double high = 0.9);

/// Morris elementary effects on a p-level grid in the unit hypercube, r trajectories.
/// Effects are (f(x + delta e_i) - f(x)) / delta with x in probability (unit) space;
/// delta = p / (2 (p - 1)). Statistics are d x n_outputs: mu, mu_star (mean |EE|), sigma.
struct MorrisResult {
  std::vector<double> design;   ///< r (d + 1) x d unit-space points (inputs are quantiles of them)
  std::vector<double> outputs;  ///< r (d + 1) x n_outputs
  std::vector<double> mu, mu_star, sigma;
  std::size_t trajectories = 0;
  int levels = 4;
};
MorrisResult morris(const OutcomeModel& model, const ParameterSpace& space, std::size_t trajectories,
                    int levels, std::uint64_t seed, const ParallelOptions& parallel = {});
/// Morris statistics from a given design and outputs (for comparison with other tools).
void morris_statistics(const std::vector<double>& design, const std::vector<double>& outputs, std::size_t d,
                       std::size_t n_outputs, std::size_t trajectories, MorrisResult& result);

/// Sobol' indices per input and selected output column: arrays d x n_selected.
struct SobolResult {
  std::vector<std::size_t> columns;
  std::vector<double> first, first_low, first_high, first_se;
  std::vector<double> total, total_low, total_high, total_se;
  std::vector<double> variance;  ///< per selected column
  std::size_t n_base = 0;
  std::size_t n_evaluations = 0;
  std::size_t n_bootstrap = 0;
  double level = 0.95;
};

/// Indices from model outputs at A (N), B (N) and A_B^(i) (d x N), one selected output:
/// fa[k], fb[k], fab[i * N + k]. Bootstrap resamples the N base rows with Philox streams.
/// `centered` subtracts the sample mean from f(B) in the first-order estimator, which leaves
/// its expectation unchanged and lowers its variance when the output's mean is large against
/// its spread; centered = false is the textbook form (and SALib's).
void sobol_from_outputs(const std::vector<double>& fa, const std::vector<double>& fb,
                        const std::vector<double>& fab, std::size_t d, std::size_t n_bootstrap,
                        double level, std::uint64_t seed, bool centered, double* first, double* total, double* first_ci,
                        double* total_ci, double* first_se, double* total_se, double* variance);

/// The Ishigami test function f = sin x1 + a sin^2 x2 + b x3^4 sin x1 on inputs named
/// x1, x2, x3 (uniform on [-pi, pi] in the usual set-up); one indicator "y", one year (0).
/// Ishigami & Homma (1990); analytic Sobol' indices in Saltelli et al. (2008), Global
/// Sensitivity Analysis: The Primer, p. 179.
class IshigamiModel : public OutcomeModel {
 public:
  explicit IshigamiModel(double a = 7.0, double b = 0.1) : a_(a), b_(b) {}
  [[nodiscard]] std::vector<std::string> input_names() const override { return {"x1", "x2", "x3"}; }
  [[nodiscard]] std::vector<std::string> indicator_names() const override { return {"y"}; }
  [[nodiscard]] std::vector<int> years() const override { return {0}; }
  void evaluate(const double* x, double* out) const override;
  void evaluate_batch(const double* inputs, std::size_t rows, double* outputs) const override;

 private:
  double a_;
  double b_;
};

SobolResult sobol_indices(const OutcomeModel& model, const ParameterSpace& space, std::size_t n_base,
                          const std::vector<std::size_t>& columns, Sampler sampler, std::uint64_t seed,
                          std::size_t n_bootstrap, double level, bool centered = true,
                          const ParallelOptions& parallel = {});

}  // namespace innozone::outcomes
