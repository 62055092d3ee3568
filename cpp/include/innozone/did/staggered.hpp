/// @file staggered.hpp
/// @brief Callaway & Sant'Anna (2021) group-time average treatment effects ATT(g,t)
///        for staggered adoption, their aggregations, and multiplier-bootstrap inference.
///
/// The estimator follows the definitions of Callaway & Sant'Anna (2021, J. Econometrics
/// 225(2)) as implemented by the R package `did` (v2.5): per (g,t) cell a 2x2 DiD on the
/// balanced panel of units first treated in g and the comparison units, with
///  - outcome regression (Heckman, Ichimura & Todd 1997; `DRDID::reg_did_panel`),
///  - standardised inverse-probability weighting (Abadie 2005; `DRDID::std_ipw_did_panel`),
///  - doubly robust (Sant'Anna & Zhao 2020, logit + OLS; `DRDID::drdid_panel`, the
///    estimator R `did` calls for est_method = "dr"), and
///  - the improved, bias-reduced doubly robust estimator of Sant'Anna & Zhao (2020)
///    (inverse-probability-tilting propensity score + weighted least squares;
///    `DRDID::drdid_imp_panel`).
/// Without covariates all four reduce to the unconditional difference in mean changes.
/// Influence functions give analytic standard errors; a multiplier bootstrap with
/// Mammen (1993) or Rademacher weights gives bootstrap standard errors (IQR-based, as in
/// R `did`) and sup-t critical values for uniform confidence bands.
#pragma once

#include <Eigen/Core>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "innozone/common/parallel.hpp"

namespace innozone::did {

enum class ControlGroup { kNeverTreated, kNotYetTreated };
enum class EstMethod { kRegression, kIpw, kDoublyRobust, kDoublyRobustImproved };
enum class BasePeriod { kVarying, kUniversal };
enum class MultiplierWeights { kMammen, kRademacher };

/// A balanced panel in wide form.
struct StaggeredPanel {
  Eigen::MatrixXd outcome;            ///< n_units x n_periods
  std::vector<double> periods;        ///< n_periods, strictly increasing
  std::vector<double> first_treated;  ///< per unit; 0 = never treated
  /// Covariates: empty, or one n_units x k matrix per period (no intercept column).
  /// Each (g,t) cell uses the values of the earlier of its two periods, as R `did` does.
  std::vector<Eigen::MatrixXd> covariates;
  std::vector<int> cluster;  ///< empty, or a cluster index per unit
  /// Empty, or a non-negative sampling weight per unit (R did's weightsname): used in
  /// every 2x2 estimator and in the group shares that weight the aggregations.
  std::vector<double> weights;
};

/// Long data for repeated cross-sections (every observation its own id: R `did`'s
/// panel = FALSE) and for unbalanced panels (R `did`'s allow_unbalanced_panel = TRUE).
/// Each (g,t) cell then uses the repeated-cross-section 2x2 estimators on the
/// observations of its two periods; an id's influence is the sum over its observations.
struct StaggeredLongData {
  Eigen::VectorXd outcome;            ///< per observation
  std::vector<int> period;            ///< period index 0..n_periods-1 per observation
  std::vector<double> periods;        ///< period values, strictly increasing
  std::vector<int> id;                ///< id 0..n_ids-1 per observation
  std::vector<double> first_treated;  ///< per id; 0 = never treated
  /// Empty (n_obs x 0), or n_obs x k covariates (no intercept), each observation's own.
  Eigen::MatrixXd covariates;
  /// Empty, or a non-negative sampling weight per observation. An id's weight in the
  /// group shares of the aggregations is the mean over its observations (as R `did`).
  std::vector<double> weights;
  std::vector<int> cluster;  ///< empty, or a cluster index per id
};

struct StaggeredOptions {
  ControlGroup control_group = ControlGroup::kNeverTreated;
  EstMethod method = EstMethod::kDoublyRobust;
  BasePeriod base_period = BasePeriod::kVarying;
  int anticipation = 0;  ///< periods of anticipation (delta)
  double alpha = 0.05;
  int n_boot = 999;  ///< multiplier-bootstrap draws; 0 = analytic inference only
  MultiplierWeights weights = MultiplierWeights::kMammen;
  std::uint64_t seed = 0;
  double min_e = -std::numeric_limits<double>::infinity();  ///< event-time window
  double max_e = std::numeric_limits<double>::infinity();
  int balance_e = -1;  ///< >= 0: balance the event study in event time (R's balance_e)
  ParallelOptions parallel;
};

/// Group-time effects.
struct AttGtTable {
  std::vector<double> group, time, base_time;
  std::vector<int> post;  ///< 1 when time >= group
  std::vector<double> att, se, se_analytic;
  std::vector<int> n_treated, n_control;
  double crit_value = 0.0;  ///< sup-t critical value (pointwise z without bootstrap)
};

/// One aggregation ("simple", "group", "dynamic" or "calendar").
struct Aggregation {
  std::string type;
  double overall_att = 0.0, overall_se = 0.0, overall_se_analytic = 0.0;
  std::vector<double> label;  ///< group, event time or calendar period
  std::vector<double> att, se, se_analytic;
  double crit_value = 0.0;
};

struct StaggeredResult {
  AttGtTable att_gt;
  Aggregation simple, group, dynamic, calendar;
  /// Joint Wald pre-test that all pre-treatment ATT(g,t) are zero (analytic covariance).
  double pretest_statistic = std::numeric_limits<double>::quiet_NaN();
  int pretest_df = 0;
  double pretest_p_value = std::numeric_limits<double>::quiet_NaN();
  int n_units = 0;  ///< units used
  int n_clusters = 0;
  int n_boot = 0;
  std::vector<int> dropped_units;  ///< indices of units treated in the first period (dropped)
  std::vector<std::string> notes;  ///< what was adjusted and why
  Eigen::MatrixXd influence;       ///< n_units x cells influence functions of ATT(g,t)
};

/// Estimate ATT(g,t), the four aggregations and their inference.
StaggeredResult callaway_santanna(const StaggeredPanel& panel, const StaggeredOptions& options);

/// The result of one 2x2 DiD: the estimate and its influence function.
struct TwoByTwoCell {
  double att = 0.0;
  Eigen::VectorXd influence;  ///< per unit, mean zero; se = sqrt(sum(if^2)) / n
};

/// ATT(g,t), aggregations and inference from long data (repeated cross-sections or an
/// unbalanced panel). dropped_units then holds dropped ids.
StaggeredResult callaway_santanna_long(const StaggeredLongData& data,
                                       const StaggeredOptions& options);

/// One 2x2 DiD on repeated cross-sections (Sant'Anna & Zhao 2020): y of observations in
/// the base (post = 0) or the later period (post = 1), treated = 1 or 0, x with the
/// intercept in column 0. kRegression: outcome regression (`DRDID::reg_did_rc`);
/// kIpw: standardised IPW (`DRDID::std_ipw_did_rc`); kDoublyRobust: the locally
/// efficient doubly robust estimator (`DRDID::drdid_rc`, R `did`'s choice). The
/// influence function is per observation.
TwoByTwoCell rc_did_2x2(const Eigen::VectorXd& y, const Eigen::VectorXd& post,
                        const Eigen::VectorXd& treated, const Eigen::MatrixXd& x, EstMethod method,
                        const Eigen::VectorXd& weights = Eigen::VectorXd());

/// One 2x2 panel DiD (the building block): Delta y = y_post - y_pre for units with
/// treated = 1 (treated) or 0 (comparison); x is n x k with the intercept in column 0;
/// weights are optional sampling weights (empty: equal weights), normalised to mean 1.
TwoByTwoCell panel_did_2x2(const Eigen::VectorXd& delta_y, const Eigen::VectorXd& treated,
                           const Eigen::MatrixXd& x, EstMethod method,
                           const Eigen::VectorXd& weights = Eigen::VectorXd());

/// Draws of (1/n) * sum_c v_c S_c for b = 0..n_boot-1, where S (n_clusters x m) holds
/// cluster sums of influence functions and v are multiplier weights from the Philox
/// stream (seed, b). Deterministic for any thread count.
Eigen::MatrixXd multiplier_bootstrap(const Eigen::MatrixXd& cluster_sums, double n, int n_boot,
                                     MultiplierWeights weights, std::uint64_t seed,
                                     const ParallelOptions& parallel);

}  // namespace innozone::did
