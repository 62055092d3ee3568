#include "innozone/efficiency/panel.hpp"

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "innozone/common/error.hpp"

namespace innozone::efficiency {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string period_label(const std::vector<std::string>& periods, std::size_t t) {
  if (t < periods.size() && !periods[t].empty()) {
    return periods[t];
  }
  return std::to_string(t + 1);
}

}  // namespace

void validate_panel(const std::vector<Eigen::MatrixXd>& inputs,
                    const std::vector<Eigen::MatrixXd>& outputs, std::size_t min_periods,
                    const DataLabels& labels, const std::vector<std::string>& periods) {
  if (inputs.size() != outputs.size()) {
    throw InvalidInput("DEA panel: " + std::to_string(inputs.size()) + " input periods but " +
                       std::to_string(outputs.size()) + " output periods");
  }
  if (inputs.size() < min_periods) {
    throw InvalidInput("DEA panel: needs at least " + std::to_string(min_periods) +
                       " periods, got " + std::to_string(inputs.size()));
  }
  for (std::size_t t = 0; t < inputs.size(); ++t) {
    if (inputs[t].rows() != inputs[0].rows() || inputs[t].cols() != inputs[0].cols() ||
        outputs[t].rows() != outputs[0].rows() || outputs[t].cols() != outputs[0].cols()) {
      throw InvalidInput("DEA panel: period " + period_label(periods, t) +
                         " has a different number of units or variables than period " +
                         period_label(periods, 0));
    }
    try {
      validate_data(inputs[t], outputs[t], labels);
    } catch (const InvalidInput& error) {
      throw InvalidInput(std::string(error.what()) + " (period " + period_label(periods, t) + ")");
    }
  }
}

MalmquistResult malmquist(const std::vector<Eigen::MatrixXd>& inputs,
                          const std::vector<Eigen::MatrixXd>& outputs, Returns returns,
                          Orientation orientation, const ParallelOptions& parallel,
                          const DataLabels& labels, const std::vector<std::string>& periods) {
  validate_panel(inputs, outputs, 2, labels, periods);
  const std::size_t steps = inputs.size() - 1;
  const Eigen::Index n = inputs[0].rows();
  const auto cols = static_cast<Eigen::Index>(steps);
  MalmquistResult out;
  out.returns = returns;
  out.orientation = orientation;
  for (Eigen::MatrixXd* m : {&out.score_t_t, &out.score_t_t1, &out.score_t1_t, &out.score_t1_t1,
                             &out.malmquist, &out.efficiency_change, &out.technical_change,
                             &out.pure_efficiency_change, &out.scale_change}) {
    *m = Eigen::MatrixXd::Constant(n, cols, kNaN);
  }
  std::vector<std::size_t> infeasible(steps, 0);
  parallel_for(
      steps,
      [&](std::size_t t) {
        const auto c = static_cast<Eigen::Index>(t);
        const Eigen::MatrixXd& x0 = inputs[t];
        const Eigen::MatrixXd& y0 = outputs[t];
        const Eigen::MatrixXd& x1 = inputs[t + 1];
        const Eigen::MatrixXd& y1 = outputs[t + 1];
        const Eigen::VectorXd e00 = scores_against(x0, y0, x0, y0, returns, orientation);
        const Eigen::VectorXd e01 = scores_against(x0, y0, x1, y1, returns, orientation);
        const Eigen::VectorXd e10 = scores_against(x1, y1, x0, y0, returns, orientation);
        const Eigen::VectorXd e11 = scores_against(x1, y1, x1, y1, returns, orientation);
        Eigen::VectorXd v00 = Eigen::VectorXd::Constant(n, kNaN);
        Eigen::VectorXd v11 = Eigen::VectorXd::Constant(n, kNaN);
        if (returns == Returns::kConstant) {
          v00 = scores_against(x0, y0, x0, y0, Returns::kVariable, orientation);
          v11 = scores_against(x1, y1, x1, y1, Returns::kVariable, orientation);
        }
        out.score_t_t.col(c) = e00;
        out.score_t_t1.col(c) = e01;
        out.score_t1_t.col(c) = e10;
        out.score_t1_t1.col(c) = e11;
        for (Eigen::Index i = 0; i < n; ++i) {
          infeasible[t] += static_cast<std::size_t>(std::isnan(e01[i])) +
                           static_cast<std::size_t>(std::isnan(e10[i]));
          const double ec = e11[i] / e00[i];
          const double tc = std::sqrt((e01[i] / e11[i]) * (e00[i] / e10[i]));
          out.efficiency_change(i, c) = ec;
          out.technical_change(i, c) = tc;
          out.malmquist(i, c) = ec * tc;
          if (returns == Returns::kConstant) {
            const double pec = v11[i] / v00[i];
            out.pure_efficiency_change(i, c) = pec;
            out.scale_change(i, c) = ec / pec;
          }
        }
      },
      parallel);
  for (const std::size_t k : infeasible) {
    out.n_infeasible += k;
  }
  return out;
}

WindowResult window_analysis(const std::vector<Eigen::MatrixXd>& inputs,
                             const std::vector<Eigen::MatrixXd>& outputs, std::size_t width,
                             Returns returns, Orientation orientation,
                             const ParallelOptions& parallel, const DataLabels& labels,
                             const std::vector<std::string>& periods) {
  if (width < 1) {
    throw InvalidInput("window analysis: width must be at least 1, got " + std::to_string(width));
  }
  validate_panel(inputs, outputs, 1, labels, periods);
  if (width > inputs.size()) {
    throw InvalidInput("window analysis: width " + std::to_string(width) + " exceeds the " +
                       std::to_string(inputs.size()) + " periods of the panel");
  }
  const std::size_t n_windows = inputs.size() - width + 1;
  const Eigen::Index n = inputs[0].rows();
  const Eigen::Index m = inputs[0].cols();
  const Eigen::Index s = outputs[0].cols();
  WindowResult out;
  out.returns = returns;
  out.orientation = orientation;
  out.width = width;
  out.scores.assign(n_windows, Eigen::MatrixXd());
  parallel_for(
      n_windows,
      [&](std::size_t w) {
        const auto pooled_rows = n * static_cast<Eigen::Index>(width);
        Eigen::MatrixXd x(pooled_rows, m);
        Eigen::MatrixXd y(pooled_rows, s);
        for (std::size_t k = 0; k < width; ++k) {
          x.middleRows(static_cast<Eigen::Index>(k) * n, n) = inputs[w + k];
          y.middleRows(static_cast<Eigen::Index>(k) * n, n) = outputs[w + k];
        }
        const Eigen::VectorXd sc = scores_against(x, y, x, y, returns, orientation);
        Eigen::MatrixXd block(n, static_cast<Eigen::Index>(width));
        for (std::size_t k = 0; k < width; ++k) {
          block.col(static_cast<Eigen::Index>(k)) = sc.segment(static_cast<Eigen::Index>(k) * n, n);
        }
        out.scores[w] = std::move(block);
      },
      parallel);
  return out;
}

}  // namespace innozone::efficiency
