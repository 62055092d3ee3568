/// @file panel.hpp
/// @brief DEA over time: the Malmquist productivity index and DEA window analysis.
///
/// A panel is given period by period: `inputs[t]` is the n x m input matrix of period t and
/// `outputs[t]` the n x s output matrix, with the same units in the same rows every period.
#pragma once

#include <Eigen/Dense>

#include <cstddef>
#include <vector>

#include "innozone/common/parallel.hpp"
#include "innozone/efficiency/dea.hpp"

namespace innozone::efficiency {

/// Check a panel: at least two periods (Malmquist) or `min_periods`, the same units and
/// variables in every period, and each period a valid DEA data set (validate_data, with the
/// period named in the message).
void validate_panel(const std::vector<Eigen::MatrixXd>& inputs,
                    const std::vector<Eigen::MatrixXd>& outputs, std::size_t min_periods,
                    const DataLabels& labels = {}, const std::vector<std::string>& periods = {});

/// Malmquist index between consecutive periods t and t+1 (Färe, Grosskopf, Norris & Zhang
/// 1994), from scores E^a(b): unit's period-b data against the period-a frontier.
/// Every matrix is n x (T - 1); column t holds the change from period t to t+1.
///   malmquist          = sqrt(E^t(t+1) E^(t+1)(t+1) / (E^t(t) E^(t+1)(t)))
///   efficiency_change  = E^(t+1)(t+1) / E^t(t)             (catching up)
///   technical_change   = sqrt(E^t(t+1) E^t(t) / (E^(t+1)(t+1) E^(t+1)(t)))   (frontier shift)
/// so malmquist = efficiency_change x technical_change, and values above 1 mean
/// productivity growth in either orientation. With constant returns (the usual choice),
/// efficiency change splits further into pure_efficiency_change (the same ratio of
/// variable-returns scores) x scale_change. Cross-period LPs can be infeasible under
/// variable returns; their entries are NaN.
struct MalmquistResult {
  Returns returns = Returns::kConstant;
  Orientation orientation = Orientation::kInput;
  Eigen::MatrixXd score_t_t;    ///< E^t(t)
  Eigen::MatrixXd score_t_t1;   ///< E^t(t+1)
  Eigen::MatrixXd score_t1_t;   ///< E^(t+1)(t)
  Eigen::MatrixXd score_t1_t1;  ///< E^(t+1)(t+1)
  Eigen::MatrixXd malmquist;
  Eigen::MatrixXd efficiency_change;
  Eigen::MatrixXd technical_change;
  /// Only with constant returns (NaN otherwise).
  Eigen::MatrixXd pure_efficiency_change;
  Eigen::MatrixXd scale_change;
  /// Cross-period LPs that were infeasible.
  std::size_t n_infeasible = 0;
};

MalmquistResult malmquist(const std::vector<Eigen::MatrixXd>& inputs,
                          const std::vector<Eigen::MatrixXd>& outputs, Returns returns,
                          Orientation orientation, const ParallelOptions& parallel = {},
                          const DataLabels& labels = {},
                          const std::vector<std::string>& periods = {});

/// DEA window analysis (Charnes, Clark, Cooper & Golany 1985): each window of `width`
/// consecutive periods pools every unit-period observation in it as a separate unit, and
/// every observation is scored against its window's frontier.
struct WindowResult {
  Returns returns = Returns::kConstant;
  Orientation orientation = Orientation::kInput;
  std::size_t width = 0;
  /// scores[w] is n x width: row i, column k = unit i in period (w + k), window w.
  std::vector<Eigen::MatrixXd> scores;
};

WindowResult window_analysis(const std::vector<Eigen::MatrixXd>& inputs,
                             const std::vector<Eigen::MatrixXd>& outputs, std::size_t width,
                             Returns returns, Orientation orientation,
                             const ParallelOptions& parallel = {}, const DataLabels& labels = {},
                             const std::vector<std::string>& periods = {});

}  // namespace innozone::efficiency
