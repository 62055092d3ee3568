/// @file dea.hpp
/// @brief Data envelopment analysis: radial CCR/BCC scores, two-phase slacks, peers,
/// targets, scale efficiency, returns to scale and Andersen-Petersen super-efficiency.
///
/// Units are rows: `inputs` is n x m, `outputs` is n x s. Every score is an efficiency in
/// (0, 1] for units inside the frontier and exactly 1 on it, whatever the orientation:
/// the input-oriented score is theta (the factor all inputs could shrink by), the
/// output-oriented score is 1 / phi (phi: the factor all outputs could grow by).
/// Super-efficiency scores of frontier units exceed 1.
///
/// The linear programs are envelopment forms solved by COIN-OR Clp (dual simplex, warm
/// started from the previous unit's basis). Units are processed in fixed blocks, each with
/// its own solver, so results never depend on the number of threads.
#pragma once

#include <Eigen/Dense>

#include <cstddef>
#include <string>
#include <vector>

#include "innozone/common/parallel.hpp"

namespace innozone::efficiency {

/// Returns to scale of the reference technology.
enum class Returns {
  kConstant,       ///< CRS: the CCR model (Charnes, Cooper & Rhodes 1978)
  kVariable,       ///< VRS: the BCC model (Banker, Charnes & Cooper 1984), sum of lambdas = 1
  kNonIncreasing,  ///< NIRS: sum of lambdas <= 1
  kNonDecreasing,  ///< NDRS: sum of lambdas >= 1
};

/// Which side a radial projection moves.
enum class Orientation {
  kInput,   ///< shrink inputs at given outputs
  kOutput,  ///< expand outputs at given inputs
};

/// "ccr"/"crs"/"constant" -> kConstant, "bcc"/"vrs"/"variable" -> kVariable,
/// "nirs" -> kNonIncreasing, "ndrs" -> kNonDecreasing; InvalidInput otherwise.
Returns parse_returns(const std::string& name);
/// "input"/"output"; InvalidInput otherwise.
Orientation parse_orientation(const std::string& name);
std::string to_string(Returns returns);
std::string to_string(Orientation orientation);

/// Names used in error messages; empty vectors mean "unit 1", "input 1", ...
struct DataLabels {
  std::vector<std::string> units;
  std::vector<std::string> inputs;
  std::vector<std::string> outputs;
};

/// Check a data set for DEA: at least two units, one input and one output, the same number
/// of rows, every value finite (a NaN is reported as a missing value with unit and column),
/// inputs strictly positive, outputs non-negative, no unit whose outputs are all zero and no
/// output that is zero for every unit. Throws InvalidInput naming the unit and column.
void validate_data(const Eigen::MatrixXd& inputs, const Eigen::MatrixXd& outputs,
                   const DataLabels& labels = {});

/// The rule of thumb on the number of units (Cooper, Seiford & Tone 2007):
/// n >= max(m * s, 3 (m + s)).
std::size_t minimum_units(std::size_t n_inputs, std::size_t n_outputs) noexcept;

struct DeaOptions {
  Returns returns = Returns::kConstant;
  Orientation orientation = Orientation::kInput;
  /// Second phase: maximise the sum of slacks at the radial optimum (the max-slack
  /// solution of Cooper, Seiford & Tone 2007: unweighted, in the data's units).
  bool slacks = true;
  /// Andersen & Petersen (1993) super-efficiency: each unit against all the others.
  bool super_efficiency = false;
};

/// Status of one unit.
inline constexpr const char* kEfficient = "efficient";               ///< score 1, no slack
inline constexpr const char* kWeaklyEfficient = "weakly efficient";  ///< score 1, some slack
inline constexpr const char* kInefficient = "inefficient";

struct DeaResult {
  Returns returns = Returns::kConstant;
  Orientation orientation = Orientation::kInput;
  /// Efficiency in (0, 1] under `returns` (theta, or 1/phi in output orientation).
  Eigen::VectorXd score;
  /// The LP optimum itself: theta (input) or phi >= 1 (output).
  Eigen::VectorXd radial;
  /// Slacks left after the radial move (n x m, n x s), in the data's units; all zero when
  /// the second phase is off.
  Eigen::MatrixXd input_slack;
  Eigen::MatrixXd output_slack;
  /// Intensity weights: row o holds unit o's lambdas over the n reference units.
  Eigen::MatrixXd lambda;
  /// Projection on the frontier: sum_j lambda_oj x_j and sum_j lambda_oj y_j.
  Eigen::MatrixXd input_target;
  Eigen::MatrixXd output_target;
  /// Scores under constant, variable and non-increasing returns (same orientation).
  Eigen::VectorXd crs_score;
  Eigen::VectorXd vrs_score;
  Eigen::VectorXd nirs_score;
  /// crs_score / vrs_score.
  Eigen::VectorXd scale_efficiency;
  /// "constant", "increasing" or "decreasing": CRS = VRS score -> constant; otherwise
  /// NIRS = CRS -> increasing, NIRS = VRS -> decreasing (the NIRS test of Färe,
  /// Grosskopf & Lovell).
  std::vector<std::string> returns_to_scale;
  /// kEfficient, kWeaklyEfficient or kInefficient.
  std::vector<std::string> status;
  /// Andersen-Petersen score (> 1 for frontier units); NaN when infeasible or not asked.
  Eigen::VectorXd super_score;
  /// "optimal", "infeasible" or "" (not asked).
  std::vector<std::string> super_status;
  /// Number of linear programs solved.
  std::size_t n_lp = 0;
};

/// Tolerance under which a score counts as 1 and a slack or lambda as 0.
inline constexpr double kTolerance = 1e-7;

/// Run DEA on every unit. Validates the data first (validate_data).
DeaResult dea(const Eigen::MatrixXd& inputs, const Eigen::MatrixXd& outputs,
              const DeaOptions& options = {}, const ParallelOptions& parallel = {},
              const DataLabels& labels = {});

/// Scores only (no slacks, peers or scale analysis) of the units (`eval_inputs`,
/// `eval_outputs`) against the technology spanned by the reference units. A unit for
/// which the LP is infeasible gets NaN. Used by the bootstrap, Malmquist and windows.
Eigen::VectorXd scores_against(const Eigen::MatrixXd& ref_inputs,
                               const Eigen::MatrixXd& ref_outputs,
                               const Eigen::MatrixXd& eval_inputs,
                               const Eigen::MatrixXd& eval_outputs, Returns returns,
                               Orientation orientation);

/// Name and version of the LP solver, e.g. "Clp 1.17.6".
std::string lp_solver_version();

}  // namespace innozone::efficiency
