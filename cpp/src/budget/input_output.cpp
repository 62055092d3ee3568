#include "innozone/budget/input_output.hpp"

#include <algorithm>
#include <cmath>
#include <mutex>
#include <sstream>
#include <string>

#include "dense_lu.hpp"
#include "innozone/budget/schedule.hpp"
#include "innozone/common/error.hpp"

namespace innozone::budget {

namespace {

void check_vector(const Eigen::VectorXd& v, Eigen::Index n, const std::string& what,
                  bool allow_empty, bool positive = false) {
  if (v.size() == 0 && allow_empty) return;
  if (v.size() != n) {
    throw InvalidInput(what + ": needs " + std::to_string(n) + " entries (one per sector), got " +
                       std::to_string(v.size()));
  }
  for (Eigen::Index i = 0; i < n; ++i) {
    if (!std::isfinite(v(i)) || v(i) < 0.0 || (positive && v(i) == 0.0)) {
      throw InvalidInput(what + ": sector " + std::to_string(i) + " must be finite and " +
                         (positive ? "> 0" : ">= 0") + ", got " + format_value(v(i)));
    }
  }
}

}  // namespace

Eigen::MatrixXd technical_coefficients(const MatrixView& flows, const Eigen::VectorXd& output) {
  const Eigen::Index n = flows.rows();
  if (n == 0 || flows.cols() != n) {
    throw InvalidInput("input-output: the flow table must be square and non-empty, got " +
                       std::to_string(flows.rows()) + " x " + std::to_string(flows.cols()));
  }
  check_vector(output, n, "input-output, total output", false, true);
  for (Eigen::Index j = 0; j < n; ++j) {
    for (Eigen::Index i = 0; i < n; ++i) {
      if (!std::isfinite(flows(i, j)) || flows(i, j) < 0.0) {
        throw InvalidInput("input-output: flow from sector " + std::to_string(i) + " to sector " +
                           std::to_string(j) + " must be finite and >= 0, got " +
                           format_value(flows(i, j)));
      }
    }
  }
  const Eigen::VectorXd inverse = output.cwiseInverse();
  return flows * inverse.asDiagonal();
}

struct LeontiefModel::Impl {
  Eigen::MatrixXd a;
  detail::DenseLu lu;
  double norm1 = 0.0;
  // The condition estimate costs a few solves; for a productive economy it is computed on
  // demand (the constructor needs only the bound below), once, from any thread.
  mutable std::once_flag estimated;
  mutable double rcond = 0.0;
  [[nodiscard]] double estimate() const {
    std::call_once(estimated, [this] { rcond = detail::lu_rcond(lu, norm1); });
    return rcond;
  }
};

LeontiefModel::LeontiefModel(Eigen::MatrixXd coefficients, bool check_productive) {
  const Eigen::Index n = coefficients.rows();
  if (n == 0 || coefficients.cols() != n) {
    throw InvalidInput("input-output: the coefficient matrix must be square and non-empty, got " +
                       std::to_string(coefficients.rows()) + " x " +
                       std::to_string(coefficients.cols()));
  }
  if (!coefficients.allFinite()) {
    throw InvalidInput("input-output: the coefficient matrix has non-finite entries");
  }
  double largest_column = 1.0;
  if (check_productive) {
    largest_column = 0.0;
    for (Eigen::Index j = 0; j < n; ++j) {
      const double column = coefficients.col(j).sum();
      largest_column = std::max(largest_column, column);
      if ((coefficients.col(j).array() < 0.0).any()) {
        throw InvalidInput("input-output: column " + std::to_string(j) +
                           " of A has a negative coefficient");
      }
      if (!(column < 1.0)) {
        throw InvalidInput("input-output: the inputs of sector " + std::to_string(j) + " sum to " +
                           format_value(column) +
                           " per unit of output (must be < 1 for a productive economy)");
      }
    }
  }
  auto impl = std::make_shared<Impl>();
  Eigen::MatrixXd system = -coefficients;
  system.diagonal().array() += 1.0;
  impl->a = std::move(coefficients);
  impl->norm1 = system.cwiseAbs().colwise().sum().maxCoeff();
  impl->lu = detail::dense_lu(std::move(system), detail::best_lu_kernels());
  // For A >= 0 with column sums below 1, ||(I - A)^-1||_1 <= 1 / (1 - ||A||_1) (Neumann
  // series), so the reciprocal condition number is at least this bound.
  const double bound = check_productive ? (1.0 - largest_column) / impl->norm1 : 0.0;
  if (impl->lu.singular || !(bound > 1e-14)) {
    const double rcond = impl->estimate();
    if (impl->lu.singular || !(rcond > 1e-14)) {
      throw NumericalError("input-output: I - A is singular or nearly so (reciprocal condition " +
                           format_value(rcond) + ")");
    }
  }
  impl_ = std::move(impl);
}

std::string LeontiefModel::kernels() { return detail::best_lu_kernels().name; }

LeontiefModel LeontiefModel::from_flows(const MatrixView& flows, const Eigen::VectorXd& output) {
  return LeontiefModel(technical_coefficients(flows, output));
}

Eigen::Index LeontiefModel::size() const { return impl_->a.rows(); }
const Eigen::MatrixXd& LeontiefModel::coefficients() const { return impl_->a; }
double LeontiefModel::rcond() const { return impl_->estimate(); }

Eigen::MatrixXd LeontiefModel::solve(const Eigen::MatrixXd& final_demand) const {
  if (final_demand.rows() != size()) {
    throw InvalidInput("input-output: final demand needs " + std::to_string(size()) +
                       " entries (one per sector), got " + std::to_string(final_demand.rows()));
  }
  if (!final_demand.allFinite()) {
    throw InvalidInput("input-output: final demand has non-finite entries");
  }
  return detail::lu_solve(impl_->lu, final_demand);
}

Eigen::VectorXd LeontiefModel::multipliers(const Eigen::VectorXd& weights) const {
  if (weights.size() != size()) {
    throw InvalidInput("input-output: multiplier weights need " + std::to_string(size()) +
                       " entries, got " + std::to_string(weights.size()));
  }
  // (w' L)' = L' w solves (I - A)' m = w.
  return detail::lu_solve_transposed(impl_->lu, weights);
}

Eigen::MatrixXd LeontiefModel::inverse() const {
  return detail::lu_solve(impl_->lu, Eigen::MatrixXd::Identity(size(), size()));
}

ClosedTable close_households(const Eigen::MatrixXd& flows, const Eigen::VectorXd& output,
                             const Eigen::VectorXd& compensation,
                             const Eigen::VectorXd& consumption, double household_income) {
  const Eigen::Index n = flows.rows();
  technical_coefficients(flows, output);  // validates the table
  check_vector(compensation, n, "input-output, compensation of employees", false);
  check_vector(consumption, n, "input-output, household consumption", false);
  double income = household_income;
  if (std::isnan(income) || income <= 0.0) income = compensation.sum();
  if (!(income > 0.0) || !std::isfinite(income)) {
    throw InvalidInput("input-output: household income must be positive, got " +
                       format_value(income));
  }
  // Accounting limits that keep the closed model productive: households spend less than
  // they earn, and no sector pays more for inputs and labour than its output is worth.
  if (!(consumption.sum() < income)) {
    throw InvalidInput("input-output: household consumption " + format_value(consumption.sum()) +
                       " is not below household income " + format_value(income));
  }
  for (Eigen::Index j = 0; j < n; ++j) {
    const double paid = flows.col(j).sum() + compensation(j);
    if (!(paid < output(j))) {
      throw InvalidInput("input-output: inputs plus compensation of sector " + std::to_string(j) +
                         " (" + format_value(paid) + ") are not below its output " +
                         format_value(output(j)));
    }
  }
  ClosedTable out;
  out.flows = Eigen::MatrixXd::Zero(n + 1, n + 1);
  out.flows.topLeftCorner(n, n) = flows;
  out.flows.block(n, 0, 1, n) = compensation.transpose();
  out.flows.block(0, n, n, 1) = consumption;
  out.output.resize(n + 1);
  out.output.head(n) = output;
  out.output(n) = income;
  return out;
}

namespace {

struct Models {
  LeontiefModel open;
  std::shared_ptr<LeontiefModel> closed;
  Eigen::VectorXd v;  // value added per unit of output
  Eigen::VectorXd e;  // persons per unit of output
  Eigen::VectorXd h;  // labour income per unit of output
};

Models build(const IoTable& table) {
  const Eigen::Index n = table.flows.rows();
  Models m{LeontiefModel::from_flows(table.flows, table.output), nullptr, {}, {}, {}};
  check_vector(table.value_added, n, "input-output, value added", true);
  check_vector(table.employment, n, "input-output, employment", true);
  check_vector(table.compensation, n, "input-output, compensation of employees", true);
  check_vector(table.consumption, n, "input-output, household consumption", true);
  if (table.value_added.size() == n) m.v = table.value_added.cwiseQuotient(table.output);
  if (table.employment.size() == n) m.e = table.employment.cwiseQuotient(table.output);
  if (table.compensation.size() == n) m.h = table.compensation.cwiseQuotient(table.output);
  if ((table.compensation.size() == n) != (table.consumption.size() == n)) {
    throw InvalidInput(
        "input-output: Type II needs both the compensation row and the household consumption "
        "column; only one was given");
  }
  if (table.compensation.size() == n) {
    const ClosedTable closed = close_households(table.flows, table.output, table.compensation,
                                                table.consumption, table.household_income);
    m.closed =
        std::make_shared<LeontiefModel>(technical_coefficients(closed.flows, closed.output), false);
  }
  return m;
}

Eigen::VectorXd padded(const Eigen::VectorXd& v, double last) {
  Eigen::VectorXd out(v.size() + 1);
  out.head(v.size()) = v;
  out(v.size()) = last;
  return out;
}

}  // namespace

IoMultipliers io_multipliers(const IoTable& table) {
  const Models m = build(table);
  const Eigen::Index n = table.flows.rows();
  IoMultipliers out;
  out.output_type1 = m.open.multipliers(Eigen::VectorXd::Ones(n));
  if (m.v.size() == n) out.value_added_type1 = m.open.multipliers(m.v);
  if (m.e.size() == n) out.employment_type1 = m.open.multipliers(m.e);
  if (m.h.size() == n) out.income_type1 = m.open.multipliers(m.h);
  if (m.closed) {
    out.output_type2 = m.closed->multipliers(padded(Eigen::VectorXd::Ones(n), 0.0)).head(n);
    Eigen::VectorXd income = Eigen::VectorXd::Zero(n + 1);
    income(n) = 1.0;
    out.income_type2 = m.closed->multipliers(income).head(n);
    if (m.v.size() == n) out.value_added_type2 = m.closed->multipliers(padded(m.v, 0.0)).head(n);
    if (m.e.size() == n) out.employment_type2 = m.closed->multipliers(padded(m.e, 0.0)).head(n);
  }
  return out;
}

IoImpact io_impact(const IoTable& table, const Eigen::VectorXd& final_demand) {
  const Models m = build(table);
  const Eigen::Index n = table.flows.rows();
  if (final_demand.size() != n || !final_demand.allFinite()) {
    throw InvalidInput("input-output: final demand needs " + std::to_string(n) +
                       " finite entries (one per sector), got " +
                       std::to_string(final_demand.size()));
  }
  IoImpact out;
  out.output_type1 = m.open.solve(final_demand);
  if (m.v.size() == n) out.value_added_type1 = m.v.cwiseProduct(out.output_type1);
  if (m.e.size() == n) out.employment_type1 = m.e.cwiseProduct(out.output_type1);
  if (m.closed) {
    const Eigen::VectorXd x2 = m.closed->solve(padded(final_demand, 0.0));
    out.output_type2 = x2.head(n);
    out.household_income_type2 = x2(n);
    if (m.v.size() == n) out.value_added_type2 = m.v.cwiseProduct(out.output_type2);
    if (m.e.size() == n) out.employment_type2 = m.e.cwiseProduct(out.output_type2);
  }
  return out;
}

AggregateRipple aggregate_ripple(double spending, double production_coefficient,
                                 double value_added_coefficient, double jobs_per_unit) {
  check_money(spending, "aggregate_ripple, spending");
  check_money(production_coefficient, "aggregate_ripple, production inducement coefficient");
  check_money(value_added_coefficient, "aggregate_ripple, value-added inducement coefficient");
  check_money(jobs_per_unit, "aggregate_ripple, employment inducement coefficient");
  return AggregateRipple{spending * production_coefficient, spending * value_added_coefficient,
                         spending * jobs_per_unit};
}

}  // namespace innozone::budget
