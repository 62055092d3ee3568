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
///
/// Staggered adoption (Arkhangelsky et al. 2021, Appendix A; Clarke, Pailanir, Athey &
/// Imbens 2023, the Stata `sdid` command): every adoption cohort is estimated as its own
/// block design against the never-treated units over all periods, and the ATT is the
/// average of the cohort estimates weighted by treated unit-periods (N_tr^a * T_post^a).
///
/// Covariates, two methods: "optimized" (Arkhangelsky et al. 2021, footnote 4, as the R
/// package solves it in sc.weight.fw.covariates: the coefficients beta are found jointly
/// with the weights by gradient steps of size 1/t between Frank-Wolfe steps, and SDID is
/// applied to Y - X beta) and "projected" (Kranz 2022, Stata `sdid ..., covariates(,
/// projected)`: beta from a two-way fixed-effects regression of Y on X over the
/// never-treated units, then SDID on Y - X beta).
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

/// How covariates enter (only used when covariates are given).
enum class CovariateMethod { kOptimized, kProjected };

/// Parse "optimized" / "projected"; throws InvalidInput otherwise.
CovariateMethod parse_covariate_method(const std::string& name);

/// Time-varying covariates: one N x T matrix per covariate, rows and columns as Y.
using Covariates = std::vector<Eigen::MatrixXd>;

struct SdidOptions {
  SdidMethod method = SdidMethod::kSdid;
  CovariateMethod covariate_method = CovariateMethod::kOptimized;
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
  /// Covariate coefficients of the "optimized" method (empty without covariates).
  Eigen::VectorXd beta;
  /// Iterations of the joint weights/coefficients solver (0 without covariates).
  int covariate_iterations = 0;
};

/// Frank-Wolfe for  min zeta^2 ||x||^2 + ||A x - b||^2 / n  over the simplex, where
/// [A b] = y (n x (m+1)), centred by column when `intercept`. Returns the weights and
/// writes the number of iterations. Mirrors synthdid's sc.weight.fw.
Eigen::VectorXd frank_wolfe_weights(const Eigen::MatrixXd& y, double zeta, bool intercept,
                                    const Eigen::VectorXd& init, double min_decrease, int max_iter,
                                    int* iterations = nullptr);

/// Estimate with weights found from scratch. With covariates (`x`, one N x T matrix
/// each) the weights and coefficients are found jointly ("optimized" method; the
/// options' covariate_method is not consulted here) and the estimate is taken on
/// Y - X beta.
SdidFit sdid_estimate(const Eigen::MatrixXd& y, int n0, int t0, const SdidOptions& options = {},
                      const Covariates& x = {});

/// Re-estimate on another panel with the tuning (zetas, min_decrease, intercepts, update
/// flags) of `like`, starting from (or, when not updated, using) the given weights.
/// With covariates, beta is re-solved when weights are updated and kept otherwise.
SdidFit sdid_refit(const Eigen::MatrixXd& y, int n0, int t0, const SdidFit& like,
                   const Eigen::VectorXd& omega_init, const Eigen::VectorXd& lambda_init,
                   const Covariates& x = {});

/// tau_t for each post period: treated-minus-weighted-control contrast relative to the
/// lambda-weighted pre-period contrast (synthdid_effect_curve), on Y - X beta.
Eigen::VectorXd sdid_effect_curve(const Eigen::MatrixXd& y, const SdidFit& fit,
                                  const Covariates& x = {});

/// The joint solver of the "optimized" covariate method on collapsed forms: yc is
/// (N0+1) x (T0+1), each xc[c] likewise. Alternates one Frank-Wolfe step for lambda and
/// one for omega with a gradient step of size 1/t for beta, until the objective changes
/// by less than min_decrease^2 or after max_iter steps. Returns the iterations.
int frank_wolfe_covariates(const Eigen::MatrixXd& yc, const Covariates& xc, double zeta_lambda,
                           double zeta_omega, bool lambda_intercept, bool omega_intercept,
                           double min_decrease, int max_iter, bool update_lambda, bool update_omega,
                           Eigen::VectorXd& lambda, Eigen::VectorXd& omega, Eigen::VectorXd& beta);

/// Coefficients of the "projected" method: OLS of Y on the covariates with unit and
/// period fixed effects over the given rows (all periods; the panel is balanced).
/// Throws InvalidInput naming the covariate when one has no variation left after the
/// fixed effects are removed.
Eigen::VectorXd projected_coefficients(const Eigen::MatrixXd& y, const Covariates& x,
                                       const std::vector<int>& rows);

/// Y - sum_c beta_c X_c.
Eigen::MatrixXd covariate_adjusted(const Eigen::MatrixXd& y, const Covariates& x,
                                   const Eigen::VectorXd& beta);

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

// ------------------------------------------------------------- staggered adoption

/// One adoption cohort of a staggered design: its block estimate against the never-treated.
struct SdidCohort {
  /// Column of the first treated period of the cohort (= T0 of its block).
  int adoption = 0;
  /// Row indices (into Y) of the never-treated controls and of the cohort's treated units.
  std::vector<int> controls;
  std::vector<int> treated;
  int n_post = 0;
  /// N_tr^a * T_post^a / sum over cohorts.
  double weight = 0.0;
  SdidFit fit;
  Eigen::VectorXd effect_curve;
};

struct SdidStaggeredFit {
  /// Weighted average of the cohort estimates.
  double estimate = 0.0;
  std::vector<SdidCohort> cohorts;
  /// Whether covariates were used and how.
  bool has_covariates = false;
  CovariateMethod covariate_method = CovariateMethod::kOptimized;
  /// Coefficients of the "projected" method (the "optimized" ones are per cohort).
  Eigen::VectorXd beta;
};

/// Staggered SDID (or SC / DID). `adoption[i]` is the column of unit i's first treated
/// period, or -1 when it is never treated. Every cohort's block holds the never-treated
/// rows (in row order) and then the cohort's rows. With one cohort this is sdid_estimate.
/// Throws InvalidInput (naming the row or adoption column) when a unit is treated in
/// every period, no unit is never treated or a cohort has fewer than 2 pre-periods.
SdidStaggeredFit sdid_staggered(const Eigen::MatrixXd& y, const std::vector<int>& adoption,
                                const SdidOptions& options = {}, const Covariates& x = {});

/// Standard error of the staggered ATT. Units are taken in canonical order (never-treated
/// rows ascending, then treated rows by cohort and row); each replicate refits every
/// cohort with that cohort's tuning, starting from its weights (R synthdid's refit), and
/// re-estimates the projected coefficients on the replicate's controls.
///  - placebo: permute the never-treated units; the last N_tr get the treated units'
///    adoption columns and the rest are controls (Algorithm 4 of Arkhangelsky et al.,
///    as generalised by Clarke et al.);
///  - bootstrap: resample units; redraw when no control or no treated unit is drawn;
///    cohorts absent from a resample are left out of its average (Algorithm 2);
///  - jackknife: drop one unit at a time with the weights fixed (Algorithm 3); undefined
///    (NaN with a note) when a cohort has one treated unit or a cohort's unit weights
///    sit on one control.
/// With one cohort and no covariates the replicates equal sdid_standard_error's.
/// Placebo and bootstrap replicate r draws from Philox(seed, derive_stream(r, tag)); with
/// `first_replicate` the run computes replicates first_replicate .. first_replicate +
/// replications - 1, so runs over consecutive ranges give the replicates of one run over
/// their union (replicate_standard_error then gives its SE); the jackknife ignores it.
SeResult sdid_staggered_standard_error(const Eigen::MatrixXd& y, const std::vector<int>& adoption,
                                       const SdidStaggeredFit& fit, SeMethod method,
                                       int replications, std::uint64_t seed,
                                       const Covariates& x = {},
                                       const ParallelOptions& parallel = {},
                                       std::size_t first_replicate = 0);

/// sqrt((R - 1) / R) times the sample standard deviation of R replicates (R synthdid's
/// placebo and bootstrap standard error).
double replicate_standard_error(const std::vector<double>& replicates);

}  // namespace innozone::synth
