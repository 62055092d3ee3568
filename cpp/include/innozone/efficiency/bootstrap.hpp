/// @file bootstrap.hpp
/// @brief Simar & Wilson (1998) smoothed bootstrap of DEA scores: bias, bias-corrected
/// scores and confidence intervals.
///
/// The bootstrap works on the distance delta = 1 / score >= 1 (the Shephard input distance
/// in input orientation, the Farrell output measure in output orientation), as Simar &
/// Wilson do:
///   1. the bandwidth h is Silverman's robust normal-reference rule (0.9 min(sd, IQR/1.349)
///      N^(-1/5)) on the distances above 1 reflected about 1, rescaled to the whole sample
///      (Daraio & Simar 2007, p. 61);
///   2. each replicate draws n values from the reflected sample {delta, 2 - delta}, adds
///      h times a standard normal, shrinks the spread back to the sample's variance and
///      reflects values below 1 (Simar & Wilson 1998, step 3; Daraio & Simar 2007, p. 62);
///   3. pseudo-data keep every unit on its ray: x*_j = x_j delta*_j / delta_j in input
///      orientation (y*_j = y_j delta_j / delta*_j in output orientation);
///   4. every original unit is scored against the pseudo-data technology.
/// With B replicates delta*_ob, the bias is mean_b(delta*_ob) - delta_o, the bias-corrected
/// distance delta_o - bias, and the (1 - alpha) interval is
/// [delta_o + q_(alpha/2), delta_o + q_(1-alpha/2)] with q the quantiles of delta_o - delta*_ob
/// (the basic bootstrap interval of Simar & Wilson 1998). Everything is reported back as scores (1
/// / distance): DEA scores are biased upwards, so the intervals lie at or below the scores.
///
/// Each replicate has its own random stream (derive_stream(replicate, tag)) and its own
/// solver, so the result depends on the seed only, never on the number of threads.
#pragma once

#include <Eigen/Dense>

#include <cstddef>
#include <cstdint>

#include "innozone/common/parallel.hpp"
#include "innozone/efficiency/dea.hpp"

namespace innozone::efficiency {

struct BootstrapOptions {
  std::size_t n_boot = 2000;
  std::uint64_t seed = 0;
  /// 1 - confidence level of the intervals.
  double alpha = 0.05;
  /// Kernel bandwidth on the distance scale; <= 0 means the rule above.
  double bandwidth = 0.0;
  /// Index of the first replicate: the run computes replicates first_replicate ..
  /// first_replicate + n_boot - 1, replicate b drawing from derive_stream(b, tag), so runs over
  /// consecutive ranges give the replicates of one run over their union (bootstrap_summary
  /// then combines them); the summaries of a partial range cover that range only.
  std::size_t first_replicate = 0;
};

struct BootstrapResult {
  /// The DEA scores that were bootstrapped.
  Eigen::VectorXd score;
  /// Score minus bias-corrected score (>= 0 when DEA overstates efficiency).
  Eigen::VectorXd bias;
  Eigen::VectorXd bias_corrected;
  /// Interval of the score (from the distance interval, bounds swapped).
  Eigen::VectorXd lower;
  Eigen::VectorXd upper;
  /// Standard deviation of the bootstrap scores.
  Eigen::VectorXd std_error;
  /// Bias squared over the bootstrap variance, on the distance scale; Simar & Wilson
  /// advise against the bias correction when it is below 1/3 (|bias| < sd / sqrt(3)).
  Eigen::VectorXd bias_ratio;
  /// Bootstrap scores, n_boot x n (NaN where an LP was infeasible).
  Eigen::MatrixXd replicates;
  double bandwidth = 0.0;
  double alpha = 0.05;
  std::size_t n_boot = 0;
  /// Replicate LPs that were infeasible (left out of the summaries).
  std::size_t n_failed = 0;
};

/// Bandwidth of the rule in step 1 for distances `delta` (all >= 1). Throws InvalidInput
/// when every distance is 1 (nothing to smooth).
double bootstrap_bandwidth(const Eigen::VectorXd& delta);

/// Run the bootstrap for the scores of `dea(inputs, outputs, {returns, orientation})`.
/// `scores` must be those scores (the caller usually has them already).
BootstrapResult bootstrap(const Eigen::MatrixXd& inputs, const Eigen::MatrixXd& outputs,
                          const Eigen::VectorXd& scores, Returns returns, Orientation orientation,
                          const BootstrapOptions& options, const ParallelOptions& parallel = {});

/// The summaries of bootstrap(): bias, bias-corrected scores, intervals, standard errors
/// and bias ratios from the `scores` and their `replicates` (n_boot x n, in replicate
/// order), with the run's `alpha` and `bandwidth`. Equal to bootstrap()'s own summaries
/// when `replicates` are its replicates.
BootstrapResult bootstrap_summary(const Eigen::VectorXd& scores, const Eigen::MatrixXd& replicates,
                                  double alpha, double bandwidth);

/// Quantile of sorted finite values with linear interpolation (Hyndman & Fan type 7,
/// numpy's default).
double quantile_sorted(const std::vector<double>& sorted, double p);

}  // namespace innozone::efficiency
