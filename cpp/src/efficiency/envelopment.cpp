#include "envelopment.hpp"

#include <ClpConfig.h>
#include <ClpSimplex.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "innozone/common/error.hpp"

namespace innozone::efficiency {

std::string lp_solver_version() { return std::string("Clp ") + CLP_VERSION; }

namespace detail {

namespace {

constexpr double kInf = std::numeric_limits<double>::max();
/// Clp startFinishOptions: do not free work areas and factorisation after a solve.
constexpr int kKeepWorkAreas = 1;

void convexity_bounds(Returns returns, double& lower, double& upper) {
  switch (returns) {
    case Returns::kConstant:
      lower = -kInf;
      upper = kInf;
      return;
    case Returns::kVariable:
      lower = 1.0;
      upper = 1.0;
      return;
    case Returns::kNonIncreasing:
      lower = -kInf;
      upper = 1.0;
      return;
    case Returns::kNonDecreasing:
      lower = 1.0;
      upper = kInf;
      return;
  }
}

}  // namespace

EnvelopmentLp::EnvelopmentLp(const Eigen::MatrixXd& x_ref, const Eigen::MatrixXd& y_ref,
                             Orientation orientation, Returns returns)
    : model_(std::make_unique<ClpSimplex>()),
      x_ref_(x_ref),
      y_ref_(y_ref),
      orientation_(orientation),
      n_ref_(static_cast<int>(x_ref.rows())),
      m_(static_cast<int>(x_ref.cols())),
      s_(static_cast<int>(y_ref.cols())) {
  if (y_ref.rows() != x_ref.rows()) {
    throw InvalidInput("envelopment LP: inputs have " + std::to_string(x_ref.rows()) +
                       " reference units, outputs " + std::to_string(y_ref.rows()));
  }
  const int n_cols = 1 + n_ref_;
  const int n_rows = m_ + s_ + 1;
  const bool input = orientation_ == Orientation::kInput;

  std::vector<CoinBigIndex> starts;
  std::vector<int> rows;
  std::vector<double> elements;
  starts.reserve(static_cast<std::size_t>(n_cols) + 1);
  starts.push_back(0);
  // Column 0: theta (input rows) or phi (output rows); the evaluated unit's values are set
  // by set_unit(), these are placeholders that keep the entries in the matrix.
  if (input) {
    for (int i = 0; i < m_; ++i) {
      rows.push_back(i);
      elements.push_back(1.0);
    }
  } else {
    for (int r = 0; r < s_; ++r) {
      rows.push_back(m_ + r);
      elements.push_back(-1.0);
    }
  }
  starts.push_back(static_cast<CoinBigIndex>(rows.size()));
  for (int j = 0; j < n_ref_; ++j) {
    for (int i = 0; i < m_; ++i) {
      rows.push_back(i);
      elements.push_back(input ? -x_ref_(j, i) : x_ref_(j, i));
    }
    for (int r = 0; r < s_; ++r) {
      if (y_ref_(j, r) != 0.0) {
        rows.push_back(m_ + r);
        elements.push_back(y_ref_(j, r));
      }
    }
    rows.push_back(m_ + s_);
    elements.push_back(1.0);
    starts.push_back(static_cast<CoinBigIndex>(rows.size()));
  }
  const std::vector<double> col_lower(static_cast<std::size_t>(n_cols), 0.0);
  const std::vector<double> col_upper(static_cast<std::size_t>(n_cols), kInf);
  std::vector<double> objective(static_cast<std::size_t>(n_cols), 0.0);
  objective[0] = input ? 1.0 : -1.0;
  std::vector<double> row_lower(static_cast<std::size_t>(n_rows), 0.0);
  std::vector<double> row_upper(static_cast<std::size_t>(n_rows), kInf);
  if (!input) {
    for (int i = 0; i < m_; ++i) {
      row_lower[static_cast<std::size_t>(i)] = -kInf;
    }
  }
  convexity_bounds(returns, row_lower.back(), row_upper.back());

  model_->setLogLevel(0);
  model_->loadProblem(n_cols, n_rows, starts.data(), rows.data(), elements.data(), col_lower.data(),
                      col_upper.data(), objective.data(), row_lower.data(), row_upper.data());
  model_->setOptimizationDirection(1.0);
  // Keep work arrays between solves (only grown when needed): re-solving thousands of tiny
  // programs otherwise spends most of its time allocating and freeing them. (Clp needs the
  // problem loaded first.)
  model_->setPersistenceFlag(1);
  // The callers scale every variable by its mean, so Clp's own scaling (recomputed at
  // every solve) is left off; the last retry in run() switches it on.
  model_->scaling(0);
}

EnvelopmentLp::~EnvelopmentLp() = default;

void EnvelopmentLp::set_returns(Returns returns) {
  double lower = 0.0;
  double upper = 0.0;
  convexity_bounds(returns, lower, upper);
  model_->setRowBounds(m_ + s_, lower, upper);
}

void EnvelopmentLp::set_unit(const Eigen::VectorXd& x_o, const Eigen::VectorXd& y_o) {
  if (orientation_ == Orientation::kInput) {
    for (int i = 0; i < m_; ++i) {
      model_->modifyCoefficient(i, 0, x_o[i], true);
    }
    for (int r = 0; r < s_; ++r) {
      model_->setRowLower(m_ + r, y_o[r]);
    }
  } else {
    for (int r = 0; r < s_; ++r) {
      model_->modifyCoefficient(m_ + r, 0, -y_o[r], true);
    }
    for (int i = 0; i < m_; ++i) {
      model_->setRowUpper(i, x_o[i]);
    }
  }
}

bool EnvelopmentLp::run(bool primal) {
  // Attempt 0: warm start with the requested algorithm. When that does not end optimal
  // (or ends "optimal" with infeasibilities), retry from the all-slack basis with the dual,
  // then with Clp's scaling and the primal. Infeasibility is accepted once it is seen
  // again from the slack basis.
  bool infeasible_seen = false;
  for (int attempt = 0; attempt < 3; ++attempt) {
    ++solves_;
    if (attempt > 0) {
      model_->allSlackBasis(true);
    }
    if (attempt == 2) {
      model_->scaling(3);  // Clp's automatic scaling
    }
    // Keep work areas and the factorisation's memory between solves (startFinishOptions
    // bit 1) but rebuild everything they hold: nothing is flagged as unchanged, since
    // set_unit() modifies matrix coefficients.
    model_->setWhatsChanged(0);
    if (attempt == 0 ? primal : attempt == 2) {
      model_->primal(0, kKeepWorkAreas);
    } else {
      model_->dual(0, kKeepWorkAreas);
    }
    const int status = model_->status();
    const int secondary = model_->secondaryStatus();
    if (attempt == 2) {
      model_->scaling(0);
    }
    if (status == 0 && (secondary < 2 || secondary > 4)) {
      return true;
    }
    if (status == 1) {
      if (infeasible_seen) {
        return false;
      }
      infeasible_seen = true;
    }
  }
  if (infeasible_seen && model_->status() == 1) {
    return false;
  }
  throw NumericalError("DEA: the LP solver (" + lp_solver_version() + ") ended with status " +
                       std::to_string(model_->status()) + "/" +
                       std::to_string(model_->secondaryStatus()) + " after three attempts");
}

LpSolution EnvelopmentLp::extract(bool optimal) const {
  LpSolution out;
  out.lambda = Eigen::VectorXd::Zero(n_ref_);
  if (!optimal) {
    out.status = LpStatus::kInfeasible;
    out.radial = std::numeric_limits<double>::quiet_NaN();
    return out;
  }
  out.status = LpStatus::kOptimal;
  const double* solution = model_->primalColumnSolution();
  out.radial = solution[0];
  for (int j = 0; j < n_ref_; ++j) {
    out.lambda[j] = std::max(0.0, solution[1 + j]);
  }
  return out;
}

LpSolution EnvelopmentLp::solve(const Eigen::VectorXd& x_o, const Eigen::VectorXd& y_o,
                                int exclude) {
  set_unit(x_o, y_o);
  if (exclude >= 0) {
    model_->setColumnUpper(1 + exclude, 0.0);
  }
  const bool optimal = run(false);
  LpSolution out = extract(optimal);
  if (exclude >= 0) {
    model_->setColumnUpper(1 + exclude, kInf);
  }
  return out;
}

LpSolution EnvelopmentLp::max_slacks(const Eigen::VectorXd& x_o, const Eigen::VectorXd& y_o,
                                     double radial, const Eigen::VectorXd& w_x,
                                     const Eigen::VectorXd& w_y, int exclude) {
  set_unit(x_o, y_o);
  const int n_cols = 1 + n_ref_;
  // Fix the radial variable a hair on the feasible side of its optimum so rounding in the
  // first phase cannot make the second infeasible.
  const double fixed =
      orientation_ == Orientation::kInput ? radial * (1.0 + 1e-11) : radial * (1.0 - 1e-11);
  model_->setColumnBounds(0, fixed, fixed);
  std::vector<double> objective(static_cast<std::size_t>(n_cols), 0.0);
  for (int j = 0; j < n_ref_; ++j) {
    double c = 0.0;
    for (int i = 0; i < m_; ++i) {
      c += w_x[i] * x_ref_(j, i);
    }
    for (int r = 0; r < s_; ++r) {
      c -= w_y[r] * y_ref_(j, r);
    }
    objective[static_cast<std::size_t>(1 + j)] = c;
  }
  model_->chgObjCoefficients(objective.data());
  if (exclude >= 0) {
    model_->setColumnUpper(1 + exclude, 0.0);
  }
  const bool optimal = run(true);
  LpSolution out = extract(optimal);
  if (optimal) {
    out.radial = radial;
  }
  // Restore the first-phase program.
  std::fill(objective.begin(), objective.end(), 0.0);
  objective[0] = orientation_ == Orientation::kInput ? 1.0 : -1.0;
  model_->chgObjCoefficients(objective.data());
  model_->setColumnBounds(0, 0.0, kInf);
  if (exclude >= 0) {
    model_->setColumnUpper(1 + exclude, kInf);
  }
  return out;
}

}  // namespace detail
}  // namespace innozone::efficiency
