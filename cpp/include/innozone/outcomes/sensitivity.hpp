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
/// quantile. outputs rows: 0 = base, 1 + 2i = input i low, 2 + 2i = input i high. Each run
/// is one task of `parallel` (progress and Ctrl-C between runs; one thread for models that
/// are not thread-safe); the outputs do not depend on the number of threads.
struct TornadoResult {
  std::vector<double> base;        ///< n_outputs
  std::vector<double> low_values;  ///< input value at the low quantile, per input
  std::vector<double> high_values;
  std::vector<double> outputs;  ///< (1 + 2 n_inputs) x n_outputs
  std::size_t n_inputs = 0;
  std::size_t n_outputs = 0;
  double low = 0.1;  ///< quantile levels of the swing
  double high = 0.9;
};
TornadoResult tornado(const OutcomeModel& model, const ParameterSpace& space, double low = 0.1,
                      double high = 0.9, const ParallelOptions& parallel = {});

/// Morris elementary effects (Morris 1991) with mu* (Campolongo, Cariboni & Saltelli 2007).
///
/// Design. Each of r trajectories moves one input at a time, in random order and direction,
/// by Delta = p / (2 (p - 1)) of a p-level grid (p even), from a random base point: the
/// standard one-at-a-time design of Morris (1991), the design of SALib's morris.sample
/// without trajectory optimisation. The grid is in probability (the input's CDF scale):
/// - bounded inputs (fixed, uniform, triangular, PERT, beta, empirical) use the standard
///   levels u = j / (p - 1), j = 0..p-1, so u = 0 and 1 are the ends of the support and the
///   step is Delta = p / (2 (p - 1)) in probability;
/// - unbounded inputs (normal, log-normal, gamma, Poisson, negative binomial) use the
///   midpoints of p equal-probability bins, u = (j + 1/2) / p, so every value is finite;
///   the step is p/2 bins, i.e. 1/2 in probability.
/// With even p neither step is a whole number of periods of a function that is periodic
/// over the range (the Ishigami function's sin^2 x2 is, with period pi over [-pi, pi]:
/// a step of 1/2 in probability moves x2 by exactly pi and hides it).
///
/// Units. An elementary effect is (f(x after) - f(x before)) / (u after - u before):
/// change of the output per unit of probability of the moved input. For a uniform input
/// on [a, b] this is per unit of (x - a) / (b - a), exactly SALib's effect on its
/// [0, 1]-scaled inputs. Statistics per input and output: mu (mean effect), mu* (mean
/// absolute effect), sigma (standard deviation, divisor r - 1) and mu*_conf, the half-width
/// z_{(1+level)/2} x (bootstrap standard deviation of mu* over resampled trajectories),
/// SALib's mu_star_conf.
struct MorrisResult {
  std::vector<double> design;   ///< r (d + 1) x d probabilities (model input order)
  std::vector<double> inputs;   ///< r (d + 1) x d input values: quantiles of `design`
  std::vector<double> outputs;  ///< r (d + 1) x n_outputs
  std::vector<double> effects;  ///< r x d x n_outputs elementary effects
  std::vector<double> mu, mu_star, sigma, mu_star_conf;  ///< d x n_outputs
  std::vector<double> step;                              ///< d: probability step of each input
  std::vector<int> bounded;  ///< d: 1 for the full grid j / (p - 1), 0 for bin midpoints
  std::size_t trajectories = 0;
  std::size_t n_inputs = 0;
  std::size_t n_outputs = 0;
  int levels = 4;
  std::size_t n_boot = 0;
  double level = 0.95;
};
/// The design and statistics of `trajectories` trajectories on a `levels`-level grid.
/// `n_boot` resamples of the trajectories give mu*_conf (0: NaN).
MorrisResult morris(const OutcomeModel& model, const ParameterSpace& space,
                    std::size_t trajectories, int levels, std::uint64_t seed,
                    std::size_t n_boot = 1000, double level = 0.95,
                    const ParallelOptions& parallel = {});
/// True for the distributions whose support is bounded (fixed, uniform, triangular, PERT,
/// beta, empirical): they use the full grid j / (p - 1).
bool morris_bounded(const Distribution& distribution) noexcept;
/// Morris statistics from any one-at-a-time design and its outputs (e.g. SALib's sample
/// scaled to [0, 1]): design rows trajectories (d + 1) x d, consecutive rows of a
/// trajectory differing in exactly one input. Fills effects, mu, mu_star, sigma and
/// mu_star_conf of `result` (and n_inputs, n_outputs, trajectories, n_boot, level).
void morris_statistics(const std::vector<double>& design, const std::vector<double>& outputs,
                       std::size_t d, std::size_t n_outputs, std::size_t trajectories,
                       std::size_t n_boot, double level, std::uint64_t seed, MorrisResult& result);

/// Sobol' indices per input and selected output column: arrays d x n_selected.
struct SobolResult {
  std::vector<std::size_t> columns;
  std::size_t n_inputs = 0;
  std::vector<double> first, first_low, first_high, first_se;
  std::vector<double> total, total_low, total_high, total_se;
  std::vector<double> variance;  ///< per selected column
  std::size_t n_base = 0;
  std::size_t n_evaluations = 0;
  std::size_t n_boot = 0;
  double level = 0.95;
  bool centered = true;
};

/// Indices from model outputs at A (N), B (N) and A_B^(i) (d x N), one selected output:
/// fa[k], fb[k], fab[i * N + k]. Bootstrap resamples the N base rows with Philox streams.
/// First order: mean(g(f(B)) (f(A_B^(i)) - f(A))) / V, Saltelli et al. (2010); total:
/// mean((f(A) - f(A_B^(i)))^2) / (2 V), Jansen (1999); V is the variance of the 2N outputs
/// at A and B (divisor 2N). `centered` = true takes g(f) = f - m with m the mean of all
/// N (d + 2) outputs, which leaves the estimator's expectation unchanged and lowers its
/// variance when the output's mean is large against its spread. SALib's sobol.analyze does
/// exactly this (it standardises all outputs before estimating), so centered = true gives
/// SALib's S1 and ST on the same outputs. centered = false is the textbook form g(f) = f.
/// The bootstrap replicates run in `parallel` (one task per replicate, each with its own
/// Philox stream, so the result does not depend on the thread count); the overload without
/// it runs them on the calling thread.
SobolResult sobol_from_outputs(const std::vector<double>& fa, const std::vector<double>& fb,
                               const std::vector<double>& fab, std::size_t d, std::size_t n_boot,
                               double level, std::uint64_t seed, bool centered);
SobolResult sobol_from_outputs(const std::vector<double>& fa, const std::vector<double>& fb,
                               const std::vector<double>& fab, std::size_t d, std::size_t n_boot,
                               double level, std::uint64_t seed, bool centered,
                               const ParallelOptions& parallel);

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
  [[nodiscard]] double a() const noexcept { return a_; }
  [[nodiscard]] double b() const noexcept { return b_; }

 private:
  double a_;
  double b_;
};

SobolResult sobol_indices(const OutcomeModel& model, const ParameterSpace& space,
                          std::size_t n_base, const std::vector<std::size_t>& columns,
                          Sampler sampler, std::uint64_t seed, std::size_t n_boot, double level,
                          bool centered = true, const ParallelOptions& parallel = {});

}  // namespace innozone::outcomes
