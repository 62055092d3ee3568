/// @file simplex_qp.hpp
/// @brief Least squares on the unit simplex by a primal active-set method, with a KKT check.
///
/// The synthetic-control donor weights solve
///     minimise 0.5 * ||A w - b||^2 + 0.5 * ridge * ||w||^2   subject to  w >= 0, sum(w) = 1,
/// a convex quadratic programme. The solver keeps a working set of free (positive) weights,
/// solves the equality-constrained problem on it in closed form (Cholesky of the small
/// Gram matrix), steps back to the boundary when a weight would turn negative, and adds
/// the coordinate with the most negative reduced gradient until the KKT conditions hold.
#pragma once

#include <Eigen/Core>

namespace innozone::synth {

struct SimplexQpOptions {
  /// Ridge penalty added to the objective (0 = plain least squares).
  double ridge = 0.0;
  /// Relative regularisation added to the free-set Gram matrix so that ties (a singular
  /// Gram matrix, e.g. more donors than predictors) still give a unique answer.
  double jitter = 1e-11;
  /// Relative tolerance on the KKT conditions (scaled by the largest gradient entry).
  double tolerance = 1e-11;
  /// Maximum active-set iterations; 0 means 50 * n + 100.
  int max_iterations = 0;
};

/// The KKT residuals of  min 0.5 w'Hw + c'w  on the simplex at a point w.
struct KktReport {
  /// max |g_i - g_min_free| over positive weights (stationarity along the face).
  double stationarity = 0.0;
  /// max(0, g_free - g_i) over zero weights (a negative multiplier of w_i >= 0).
  double dual_infeasibility = 0.0;
  /// |sum(w) - 1| + max(0, -min w).
  double primal_infeasibility = 0.0;
  /// The multiplier of sum(w) = 1 (minus the common gradient on the support).
  double multiplier = 0.0;
};

struct SimplexQpResult {
  Eigen::VectorXd weights;
  /// 0.5 * ||A w - b||^2 + 0.5 * ridge * ||w||^2 at the solution.
  double objective = 0.0;
  int iterations = 0;
  bool converged = false;
  KktReport kkt;
};

/// Solve the simplex-constrained least-squares problem. `warm_start` (optional, may be
/// empty) is a feasible starting point, e.g. the solution for a nearby problem.
/// Throws InvalidInput when shapes disagree or values are not finite.
SimplexQpResult simplex_least_squares(const Eigen::MatrixXd& a, const Eigen::VectorXd& b,
                                      const SimplexQpOptions& options = {},
                                      const Eigen::VectorXd& warm_start = Eigen::VectorXd());

/// KKT residuals of  min 0.5 w'Hw + c'w  over the simplex at w (zero weights are those
/// below `zero_threshold`).
KktReport simplex_kkt(const Eigen::MatrixXd& h, const Eigen::VectorXd& c, const Eigen::VectorXd& w,
                      double zero_threshold = 1e-12);

}  // namespace innozone::synth
