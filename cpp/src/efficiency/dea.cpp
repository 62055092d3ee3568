#include "innozone/efficiency/dea.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <optional>
#include <string>

#include "envelopment.hpp"
#include "innozone/common/error.hpp"

namespace innozone::efficiency {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
/// Units per parallel task: each task has its own solvers, warm-started unit after unit.
constexpr std::size_t kBlock = 16;

std::string label(const std::vector<std::string>& names, Eigen::Index index, const char* kind) {
  const auto i = static_cast<std::size_t>(index);
  if (i < names.size() && !names[i].empty()) {
    return "'" + names[i] + "'";
  }
  return std::string(kind) + " " + std::to_string(index + 1);
}

}  // namespace

Returns parse_returns(const std::string& name) {
  if (name == "ccr" || name == "crs" || name == "constant") {
    return Returns::kConstant;
  }
  if (name == "bcc" || name == "vrs" || name == "variable") {
    return Returns::kVariable;
  }
  if (name == "nirs") {
    return Returns::kNonIncreasing;
  }
  if (name == "ndrs") {
    return Returns::kNonDecreasing;
  }
  throw InvalidInput(
      "model must be 'ccr' (constant returns to scale) or 'bcc' (variable), "
      "or one of 'nirs', 'ndrs'; got '" +
      name + "'");
}

Orientation parse_orientation(const std::string& name) {
  if (name == "input") {
    return Orientation::kInput;
  }
  if (name == "output") {
    return Orientation::kOutput;
  }
  throw InvalidInput("orientation must be 'input' or 'output', got '" + name + "'");
}

std::string to_string(Returns returns) {
  switch (returns) {
    case Returns::kConstant:
      return "ccr";
    case Returns::kVariable:
      return "bcc";
    case Returns::kNonIncreasing:
      return "nirs";
    case Returns::kNonDecreasing:
      return "ndrs";
  }
  return "?";
}

std::string to_string(Orientation orientation) {
  return orientation == Orientation::kInput ? "input" : "output";
}

std::size_t minimum_units(std::size_t n_inputs, std::size_t n_outputs) noexcept {
  return std::max(n_inputs * n_outputs, 3 * (n_inputs + n_outputs));
}

void validate_data(const Eigen::MatrixXd& inputs, const Eigen::MatrixXd& outputs,
                   const DataLabels& labels) {
  const Eigen::Index n = inputs.rows();
  if (outputs.rows() != n) {
    throw InvalidInput("DEA: inputs have " + std::to_string(n) + " units (rows) but outputs have " +
                       std::to_string(outputs.rows()));
  }
  if (n < 2) {
    throw InvalidInput("DEA needs at least two units, got " + std::to_string(n));
  }
  if (inputs.cols() < 1 || outputs.cols() < 1) {
    throw InvalidInput("DEA needs at least one input and one output, got " +
                       std::to_string(inputs.cols()) + " inputs and " +
                       std::to_string(outputs.cols()) + " outputs");
  }
  for (Eigen::Index j = 0; j < n; ++j) {
    for (Eigen::Index i = 0; i < inputs.cols(); ++i) {
      const double v = inputs(j, i);
      if (std::isnan(v)) {
        throw InvalidInput("missing value: unit " + label(labels.units, j, "unit") + ", input " +
                           label(labels.inputs, i, "input"));
      }
      if (!std::isfinite(v) || v <= 0.0) {
        throw InvalidInput("input " + label(labels.inputs, i, "input") + " of unit " +
                           label(labels.units, j, "unit") + " is " + format_value(v) +
                           "; DEA needs every input finite and positive");
      }
    }
    bool any_positive = false;
    for (Eigen::Index r = 0; r < outputs.cols(); ++r) {
      const double v = outputs(j, r);
      if (std::isnan(v)) {
        throw InvalidInput("missing value: unit " + label(labels.units, j, "unit") + ", output " +
                           label(labels.outputs, r, "output"));
      }
      if (!std::isfinite(v) || v < 0.0) {
        throw InvalidInput("output " + label(labels.outputs, r, "output") + " of unit " +
                           label(labels.units, j, "unit") + " is " + format_value(v) +
                           "; DEA needs every output finite and non-negative");
      }
      any_positive = any_positive || v > 0.0;
    }
    if (!any_positive) {
      throw InvalidInput("unit " + label(labels.units, j, "unit") +
                         " has every output equal to zero; DEA cannot score it (leave it out)");
    }
  }
  for (Eigen::Index r = 0; r < outputs.cols(); ++r) {
    if ((outputs.col(r).array() <= 0.0).all()) {
      throw InvalidInput("output " + label(labels.outputs, r, "output") +
                         " is zero for every unit; leave it out");
    }
  }
}

namespace {

/// Column means used to scale the data for the solver (radial scores and lambdas do not
/// depend on the units of the variables).
Eigen::RowVectorXd column_scale(const Eigen::MatrixXd& data) {
  Eigen::RowVectorXd scale = data.colwise().mean();
  for (Eigen::Index k = 0; k < scale.size(); ++k) {
    if (!(scale[k] > 0.0) || !std::isfinite(scale[k])) {
      scale[k] = 1.0;
    }
  }
  return scale;
}

double score_from_radial(double radial, Orientation orientation) {
  if (std::isnan(radial)) {
    return kNaN;
  }
  return orientation == Orientation::kInput ? radial : 1.0 / radial;
}

bool near(double a, double b) { return std::abs(a - b) <= kTolerance * std::max(1.0, std::abs(b)); }

}  // namespace

DeaResult dea(const Eigen::MatrixXd& inputs, const Eigen::MatrixXd& outputs,
              const DeaOptions& options, const ParallelOptions& parallel,
              const DataLabels& labels) {
  validate_data(inputs, outputs, labels);
  const Eigen::Index n = inputs.rows();
  const Eigen::Index m = inputs.cols();
  const Eigen::Index s = outputs.cols();
  const Eigen::RowVectorXd sx = column_scale(inputs);
  const Eigen::RowVectorXd sy = column_scale(outputs);
  const Eigen::MatrixXd x = inputs.array().rowwise() / sx.array();
  const Eigen::MatrixXd y = outputs.array().rowwise() / sy.array();
  const Eigen::VectorXd w_x = sx.transpose();
  const Eigen::VectorXd w_y = sy.transpose();
  const Orientation orientation = options.orientation;

  DeaResult out;
  out.returns = options.returns;
  out.orientation = orientation;
  out.score = Eigen::VectorXd::Constant(n, kNaN);
  out.radial = Eigen::VectorXd::Constant(n, kNaN);
  out.input_slack = Eigen::MatrixXd::Zero(n, m);
  out.output_slack = Eigen::MatrixXd::Zero(n, s);
  out.lambda = Eigen::MatrixXd::Zero(n, n);
  out.input_target = Eigen::MatrixXd::Zero(n, m);
  out.output_target = Eigen::MatrixXd::Zero(n, s);
  out.crs_score = Eigen::VectorXd::Constant(n, kNaN);
  out.vrs_score = Eigen::VectorXd::Constant(n, kNaN);
  out.nirs_score = Eigen::VectorXd::Constant(n, kNaN);
  out.scale_efficiency = Eigen::VectorXd::Constant(n, kNaN);
  out.returns_to_scale.assign(static_cast<std::size_t>(n), "");
  out.status.assign(static_cast<std::size_t>(n), "");
  out.super_score = Eigen::VectorXd::Constant(n, kNaN);
  out.super_status.assign(static_cast<std::size_t>(n), "");

  const std::size_t n_units = static_cast<std::size_t>(n);
  const std::size_t n_tasks = (n_units + kBlock - 1) / kBlock;
  std::vector<std::size_t> lp_counts(n_tasks, 0);

  parallel_for(
      n_tasks,
      [&](std::size_t task) {
        constexpr std::array<Returns, 3> kScaleModels = {Returns::kConstant, Returns::kVariable,
                                                         Returns::kNonIncreasing};
        // One solver per returns-to-scale model, so each warm start stays within its model.
        std::array<std::optional<detail::EnvelopmentLp>, 3> scale_lp;
        for (std::size_t k = 0; k < kScaleModels.size(); ++k) {
          scale_lp[k].emplace(x, y, orientation, kScaleModels[k]);
        }
        std::optional<detail::EnvelopmentLp> own_lp;
        detail::EnvelopmentLp* main_lp = nullptr;
        for (std::size_t k = 0; k < kScaleModels.size(); ++k) {
          if (kScaleModels[k] == options.returns) {
            main_lp = &*scale_lp[k];
          }
        }
        const bool own_main = main_lp == nullptr;
        if (own_main) {
          own_lp.emplace(x, y, orientation, options.returns);
          main_lp = &*own_lp;
        }

        const std::size_t first = task * kBlock;
        const std::size_t last = std::min(n_units, first + kBlock);
        for (std::size_t u = first; u < last; ++u) {
          const auto o = static_cast<Eigen::Index>(u);
          const Eigen::VectorXd x_o = x.row(o).transpose();
          const Eigen::VectorXd y_o = y.row(o).transpose();
          std::array<double, 3> scores{};
          detail::LpSolution main_solution;
          for (std::size_t k = 0; k < kScaleModels.size(); ++k) {
            detail::LpSolution sol = scale_lp[k]->solve(x_o, y_o);
            if (sol.status != detail::LpStatus::kOptimal) {
              throw NumericalError("DEA: the " + to_string(kScaleModels[k]) + " program of unit " +
                                   label(labels.units, o, "unit") +
                                   " is infeasible, which valid data cannot produce");
            }
            scores[k] = score_from_radial(sol.radial, orientation);
            if (&*scale_lp[k] == main_lp) {
              main_solution = std::move(sol);
            }
          }
          if (own_main) {
            main_solution = main_lp->solve(x_o, y_o);
            if (main_solution.status != detail::LpStatus::kOptimal) {
              throw NumericalError("DEA: the " + to_string(options.returns) + " program of unit " +
                                   label(labels.units, o, "unit") + " is infeasible");
            }
          }
          if (options.slacks) {
            detail::LpSolution second =
                main_lp->max_slacks(x_o, y_o, main_solution.radial, w_x, w_y);
            if (second.status == detail::LpStatus::kOptimal) {
              main_solution = std::move(second);
            }
          }
          const double radial = main_solution.radial;
          out.radial[o] = radial;
          out.score[o] = score_from_radial(radial, orientation);
          out.crs_score[o] = scores[0];
          out.vrs_score[o] = scores[1];
          out.nirs_score[o] = scores[2];
          out.scale_efficiency[o] = scores[0] / scores[1];
          if (near(scores[0], scores[1])) {
            out.returns_to_scale[u] = "constant";
          } else if (near(scores[2], scores[0])) {
            out.returns_to_scale[u] = "increasing";
          } else {
            out.returns_to_scale[u] = "decreasing";
          }

          // Lambdas, targets and slacks in the data's own units.
          Eigen::VectorXd lambda = main_solution.lambda;
          for (Eigen::Index j = 0; j < n; ++j) {
            if (lambda[j] < kTolerance) {
              lambda[j] = 0.0;
            }
          }
          out.lambda.row(o) = lambda.transpose();
          const Eigen::RowVectorXd x_target = lambda.transpose() * inputs;
          const Eigen::RowVectorXd y_target = lambda.transpose() * outputs;
          out.input_target.row(o) = x_target;
          out.output_target.row(o) = y_target;
          const double theta = orientation == Orientation::kInput ? radial : 1.0;
          const double phi = orientation == Orientation::kOutput ? radial : 1.0;
          bool any_slack = false;
          for (Eigen::Index i = 0; i < m; ++i) {
            double slack = theta * inputs(o, i) - x_target[i];
            if (slack < kTolerance * inputs(o, i) * 10.0) {
              slack = 0.0;
            }
            out.input_slack(o, i) = slack;
            any_slack = any_slack || slack > 0.0;
          }
          for (Eigen::Index r = 0; r < s; ++r) {
            double slack = y_target[r] - phi * outputs(o, r);
            if (slack < kTolerance * std::max(outputs(o, r), sy[r]) * 10.0) {
              slack = 0.0;
            }
            out.output_slack(o, r) = slack;
            any_slack = any_slack || slack > 0.0;
          }
          if (!near(out.score[o], 1.0) && out.score[o] < 1.0) {
            out.status[u] = kInefficient;
          } else {
            out.status[u] = any_slack ? kWeaklyEfficient : kEfficient;
          }

          if (options.super_efficiency) {
            const detail::LpSolution sup = main_lp->solve(x_o, y_o, static_cast<int>(o));
            if (sup.status == detail::LpStatus::kOptimal) {
              out.super_score[o] = score_from_radial(sup.radial, orientation);
              out.super_status[u] = "optimal";
            } else {
              out.super_status[u] = "infeasible";
            }
          }
        }
        std::size_t count = own_main ? own_lp->solves() : 0;
        for (const auto& lp : scale_lp) {
          count += lp->solves();
        }
        lp_counts[task] = count;
      },
      parallel);
  for (const std::size_t c : lp_counts) {
    out.n_lp += c;
  }
  return out;
}

Eigen::VectorXd scores_against(const Eigen::MatrixXd& ref_inputs,
                               const Eigen::MatrixXd& ref_outputs,
                               const Eigen::MatrixXd& eval_inputs,
                               const Eigen::MatrixXd& eval_outputs, Returns returns,
                               Orientation orientation) {
  if (ref_inputs.cols() != eval_inputs.cols() || ref_outputs.cols() != eval_outputs.cols() ||
      eval_inputs.rows() != eval_outputs.rows() || ref_inputs.rows() != ref_outputs.rows()) {
    throw InvalidInput("scores_against: reference and evaluated data differ in shape");
  }
  const Eigen::RowVectorXd sx = column_scale(ref_inputs);
  const Eigen::RowVectorXd sy = column_scale(ref_outputs);
  const Eigen::MatrixXd xr = ref_inputs.array().rowwise() / sx.array();
  const Eigen::MatrixXd yr = ref_outputs.array().rowwise() / sy.array();
  detail::EnvelopmentLp lp(xr, yr, orientation, returns);
  Eigen::VectorXd out(eval_inputs.rows());
  for (Eigen::Index o = 0; o < eval_inputs.rows(); ++o) {
    const Eigen::VectorXd x_o = (eval_inputs.row(o).array() / sx.array()).transpose();
    const Eigen::VectorXd y_o = (eval_outputs.row(o).array() / sy.array()).transpose();
    const detail::LpSolution sol = lp.solve(x_o, y_o);
    out[o] = sol.status == detail::LpStatus::kOptimal ? score_from_radial(sol.radial, orientation)
                                                      : kNaN;
  }
  return out;
}

}  // namespace innozone::efficiency
