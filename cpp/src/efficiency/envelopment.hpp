/// @file envelopment.hpp
/// @brief (private) The envelopment linear program of radial DEA on COIN-OR Clp.
///
/// One object holds one reference technology (the columns lambda_j) and solves the radial
/// program for any evaluated unit by changing only the evaluated unit's coefficients and
/// bounds, warm-starting from the previous basis:
///
///   input orientation:  min theta  s.t.  theta x_o - sum_j lambda_j x_j >= 0
///                                        sum_j lambda_j y_j >= y_o
///   output orientation: max phi    s.t.  sum_j lambda_j x_j <= x_o
///                                        sum_j lambda_j y_j - phi y_o >= 0
///   plus the convexity row sum_j lambda_j (free, = 1, <= 1 or >= 1 by returns to scale)
///
/// Not thread-safe: one object per task.
#pragma once

#include <Eigen/Dense>

#include <memory>

#include "innozone/efficiency/dea.hpp"

class ClpSimplex;

namespace innozone::efficiency::detail {

enum class LpStatus { kOptimal, kInfeasible };

struct LpSolution {
  LpStatus status = LpStatus::kInfeasible;
  /// theta or phi.
  double radial = 0.0;
  /// Lambdas over the reference units.
  Eigen::VectorXd lambda;
};

class EnvelopmentLp {
 public:
  /// `x_ref` is n_ref x m, `y_ref` n_ref x s (reference units in rows).
  EnvelopmentLp(const Eigen::MatrixXd& x_ref, const Eigen::MatrixXd& y_ref, Orientation orientation,
                Returns returns);
  ~EnvelopmentLp();
  EnvelopmentLp(const EnvelopmentLp&) = delete;
  EnvelopmentLp& operator=(const EnvelopmentLp&) = delete;

  /// Change the returns to scale (only the convexity row's bounds change).
  void set_returns(Returns returns);

  /// Radial score of the unit (x_o, y_o); `exclude` >= 0 keeps that reference unit out
  /// (super-efficiency). Throws NumericalError when the solver fails.
  LpSolution solve(const Eigen::VectorXd& x_o, const Eigen::VectorXd& y_o, int exclude = -1);

  /// Second phase: at the radial optimum `radial`, the lambdas maximising
  /// sum_i w_x[i] s-_i + sum_r w_y[r] s+_r. Call right after solve() for the same unit.
  LpSolution max_slacks(const Eigen::VectorXd& x_o, const Eigen::VectorXd& y_o, double radial,
                        const Eigen::VectorXd& w_x, const Eigen::VectorXd& w_y, int exclude = -1);

  /// Linear programs solved so far.
  [[nodiscard]] std::size_t solves() const noexcept { return solves_; }

 private:
  void set_unit(const Eigen::VectorXd& x_o, const Eigen::VectorXd& y_o);
  /// Run the solver; true when optimal, false when proven infeasible.
  bool run(bool primal);
  LpSolution extract(bool optimal) const;

  std::unique_ptr<ClpSimplex> model_;
  Eigen::MatrixXd x_ref_;
  Eigen::MatrixXd y_ref_;
  Orientation orientation_;
  int n_ref_;
  int m_;
  int s_;
  std::size_t solves_ = 0;
};

}  // namespace innozone::efficiency::detail
