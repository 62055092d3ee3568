/// @file sdid.hpp
/// @brief Synthetic difference-in-differences (Arkhangelsky, Athey, Hirshberg, Imbens &
/// Wager 2021, Algorithm 1) and its SC and DID special cases, with placebo, bootstrap and
/// jackknife standard errors (Algorithms 2-4), following the reference R package
/// synthdid (synthdid_estimate / sc_estimate / did_estimate and vcov methods).
///
/// Y is N x T with the N0 control units first and the T0 pre-treatment periods first;
/// the treated block is rows N0.. and columns T0.. . Unit weights omega and time weights
/// lambda are found by Frank-Wolfe with exact line search on the simplex-constrained,
/// ridge-penalised least-squares problems of the paper.
#pragma once

#include <Eigen/Core>

#include <cstdint>
#include <string>
#include <vector>

#include "innozone/common/parallel.hpp"

namespace innozone::synth {

enum class SdidMethod { kSdid, kSc, kDid };

/// Parse "sdid" / "sc" / "did"; throws InvalidInput otherwise.
SdidMethod parse_sdid_method(const std::string& name);
std::string to_string(SdidMethod method);

struct SdidOptions {
  SdidMethod method = SdidMethod::kSdid;
  /// eta_omega; negative means the method's default ((N1*T1)^(1/4) for SDID, 1e-6 for SC).
  double eta_omega = -1.0;
  /// eta_lambda; negative means the default 1e-6.
  double eta_lambda = -1.0;
  /// Noise level sigma; negative means sd of first differences of control pre-period outcomes.
  double noise_level = -1.0;
  /// Stop when an iteration lowers the objective by less than min_decrease^2; negative
  /// means 1e-5 * sigma.
  double min_decrease = -1.0;
  int max_iter = 10000;
  /// Iterations of the first Frank-Wolfe pass before sparsifying (R: max.iter.pre.sparsify).
  int max_iter_pre_sparsify = 100;
  /// Sparsify (zero weights below max/4, renormalise) and run a second pass.
  bool sparsify = true;
};

/// Settled weights and tuning of one fit; enough to re-run the estimator on a resample.
struct SdidFit {
  SdidMethod method = SdidMethod::kSdid;
  double estimate = 0.0;
  Eigen::VectorXd omega;   // N0
  Eigen::VectorXd lambda;  // T0
  double noise_level = 0.0;
  double zeta_omega = 0.0;
  double zeta_lambda = 0.0;
  double min_decrease = 0.0;
  bool omega_intercept = true;
  bool lambda_intercept = true;
  bool update_omega = true;
  bool update_lambda = true;
  int max_iter = 10000;
  int max_iter_pre_sparsify = 100;
  bool sparsify = true;
  int omega_iterations = 0;
  int lambda_iterations = 0;
  int n0 = 0;
  int t0 = 0;
};

/// Frank-Wolfe for  min zeta^2 ||x||^2 + ||A x - b||^2 / n  over the simplex, where
/// [A b] = y (n x (m+1)), centred by column when `intercept`. Returns the weights and
/// writes the number of iterations. Mirrors synthdid's sc.weight.fw.
Eigen::VectorXd frank_wolfe_weights(const Eigen::MatrixXd& y, double zeta, bool intercept,
                                    const Eigen::VectorXd& init, double min_decrease, int max_iter,
                                    int* iterations = nullptr);

/// Estimate with weights found from scratch.
SdidFit sdid_estimate(const Eigen::MatrixXd& y, int n0, int t0, const SdidOptions& options = {});

/// Re-estimate on another panel with the tuning (zetas, min_decrease, intercepts, update
/// flags) of `like`, starting from (or, when not updated, using) the given weights.
SdidFit sdid_refit(const Eigen::MatrixXd& y, int n0, int t0, const SdidFit& like,
                   const Eigen::VectorXd& omega_init, const Eigen::VectorXd& lambda_init);

/// tau_t for each post period: treated-minus-weighted-control contrast relative to the
/// lambda-weighted pre-period contrast (synthdid_effect_curve).
Eigen::VectorXd sdid_effect_curve(const Eigen::MatrixXd& y, const SdidFit& fit);

enum class SeMethod { kPlacebo, kBootstrap, kJackknife };
SeMethod parse_se_method(const std::string& name);

struct SeResult {
  /// Standard error; NaN where the method is not defined (see `note`).
  double se = 0.0;
  std::vector<double> replicates;
  std::string note;
};

/// Standard error by R synthdid's vcov methods. Placebo and bootstrap replicates draw
/// from Philox(seed, derive_stream(replicate, tag)); the jackknife is deterministic.
SeResult sdid_standard_error(const Eigen::MatrixXd& y, const SdidFit& fit, SeMethod method,
                             int replications, std::uint64_t seed,
                             const ParallelOptions& parallel = {});

}  // namespace innozone::synth
