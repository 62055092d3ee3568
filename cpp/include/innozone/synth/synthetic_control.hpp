/// @file synthetic_control.hpp
/// @brief Synthetic control (Abadie & Gardeazabal 2003; Abadie, Diamond & Hainmueller 2010):
/// predictor matrices, the nested V/W search with several starts, and in-space placebos.
///
/// Given predictors X1 (k) of a treated unit and X0 (k x J) of J donors, and the outcome
/// Z1 (T) / Z0 (T x J) over the periods used to choose V:
///   W*(V) = argmin_{w in simplex} (X1 - X0 w)' V (X1 - X0 w)          (inner QP)
///   V*    = argmin_{V diagonal, V >= 0, trace 1} ||Z1 - Z0 W*(V)||^2 / T  (outer search)
/// Predictor rows are divided by their standard deviation across all units first (as
/// R Synth does). The outer search runs Nelder-Mead on a softmax parametrisation of
/// diag(V) from several starts (equal weights, the regression-based start of R Synth,
/// and seeded random starts); every start's loss is reported. The "global" search is a
/// multi-start method: many more Dirichlet(1, ..., 1) starts spread over the simplex of
/// V, each refined by the same Nelder-Mead search, the best kept. The starts of one fit
/// (and of all fits of a panel) run in parallel; their random starting points are drawn
/// before the loop, so a result does not depend on the thread count.
#pragma once

#include <Eigen/Core>

#include <cstdint>
#include <string>
#include <vector>

#include "innozone/common/parallel.hpp"
#include "innozone/synth/simplex_qp.hpp"

namespace innozone::synth {

/// One predictor: the average of variable `variable` over the given period rows.
struct PredictorSpec {
  std::string name;
  int variable = 0;
  std::vector<int> periods;
};

/// Predictor matrix (k x N): entry (p, i) is the mean over spec p's periods of
/// variables[spec.variable](period, i), skipping missing values (NaN). Each variables[v]
/// is a T x N matrix. Throws InvalidInput naming the predictor and unit index when
/// every value in the window is missing, and OutOfRange for a bad period row.
Eigen::MatrixXd predictor_matrix(const std::vector<Eigen::MatrixXd>& variables,
                                 const std::vector<PredictorSpec>& specs);

/// How the predictor weights V are searched.
enum class VSearch {
  /// Equal, regression and `n_random_starts` random starts, each refined (a local search).
  kLocal,
  /// Multi-start global search: equal, regression and `n_global_starts` random starts.
  kGlobal,
};

/// Parse "local" / "global"; throws InvalidInput otherwise.
VSearch parse_v_search(const std::string& name);

struct ScOptions {
  /// Seeded random starts of the V search besides the equal and regression starts.
  int n_random_starts = 2;
  VSearch v_search = VSearch::kLocal;
  /// Random starts of the global search (v_search == kGlobal); replaces n_random_starts.
  int n_global_starts = 100;
  bool equal_start = true;
  bool regression_start = true;
  std::uint64_t seed = 0;
  /// Nelder-Mead function evaluations per start (each is one inner QP).
  int max_evaluations = 4000;
  /// Relative convergence tolerance of Nelder-Mead on the loss.
  double tolerance = 1e-10;
  /// Starts disagree when no start other than the best comes within this fraction of
  /// the best loss (the best answer is then found by one start only).
  double disagreement_rtol = 0.01;
  /// Divide each predictor by its standard deviation across units.
  bool normalize_predictors = true;
  /// When non-empty, use this diagonal of V and skip the search.
  Eigen::VectorXd custom_v;
};

struct ScStart {
  std::string label;
  Eigen::VectorXd v;
  Eigen::VectorXd w;
  /// Outer loss ||Z1 - Z0 w||^2 / T at the end of this start.
  double loss_v = 0.0;
  int evaluations = 0;
};

struct ScFit {
  Eigen::VectorXd w;
  /// Diagonal of V (sums to 1), in the order of the predictors.
  Eigen::VectorXd v;
  /// Outer loss (mean squared prediction error over the optimisation periods).
  double loss_v = 0.0;
  /// Inner loss (X1 - X0 w)' V (X1 - X0 w) on the normalised predictors.
  double loss_w = 0.0;
  std::vector<ScStart> starts;
  bool starts_disagree = false;
  /// The inner QP at the chosen V, with its KKT residuals.
  SimplexQpResult qp;
};

/// Fit one synthetic control. x_treated: k, x_donors: k x J, z_treated: T, z_donors: T x J.
/// The V-search starts run in parallel on `parallel.n_threads` threads (progress counts
/// starts); the answer is the same for every thread count.
ScFit fit_synthetic_control(const Eigen::VectorXd& x_treated, const Eigen::MatrixXd& x_donors,
                            const Eigen::VectorXd& z_treated, const Eigen::MatrixXd& z_donors,
                            const ScOptions& options = {}, const ParallelOptions& parallel = {});

/// A panel for synthetic control with placebo inference. Units are columns.
struct ScPanel {
  /// Outcome, T x N.
  Eigen::MatrixXd outcome;
  /// Predictor matrix, k x N (see predictor_matrix).
  Eigen::MatrixXd predictors;
  /// Treated units (column indices) and, for each, its first treated period (row index).
  std::vector<int> treated;
  std::vector<int> first_treated;
  /// Donor pool (column indices; never treated).
  std::vector<int> donors;
  /// Period rows whose outcome fit chooses V, one list per treated unit (all must lie
  /// before that unit's first treated period).
  std::vector<std::vector<int>> optimize_periods;
};

struct ScUnitFit {
  int unit = 0;
  int first_treated = 0;
  bool placebo = false;
  ScFit fit;
  /// Synthetic outcome and gap (actual - synthetic) over all T periods.
  Eigen::VectorXd synthetic;
  Eigen::VectorXd gap;
  /// Donor columns of this fit, in the order of fit.w.
  std::vector<int> donors;
  double pre_rmspe = 0.0;
  double post_rmspe = 0.0;
  /// post_rmspe / pre_rmspe.
  double ratio = 0.0;
};

struct ScPanelResult {
  std::vector<ScUnitFit> treated;
  std::vector<ScUnitFit> placebos;
  /// Per treated unit: (1 + #placebos with ratio >= treated ratio) / (1 + #placebos),
  /// over the placebos that share its first treated period.
  std::vector<double> p_values;
};

/// Fit every treated unit and, when `placebo`, every donor in turn as if treated at each
/// distinct first treated period (in-space placebos; donors of a placebo are the other
/// donors). Each fit's random starts use their own Philox stream derived from
/// (options.seed, unit, period), so results do not depend on the thread count. The
/// parallel loop runs over every (fit, V-search start) pair, so a single fit uses every
/// thread too; progress counts those pairs.
ScPanelResult fit_synthetic_control_panel(const ScPanel& panel, const ScOptions& options,
                                          bool placebo, const ParallelOptions& parallel = {});

}  // namespace innozone::synth
