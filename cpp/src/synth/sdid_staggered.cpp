// Staggered synthetic difference-in-differences: one block design per adoption cohort,
// the ATT weighted by treated unit-periods, and its placebo / bootstrap / jackknife SEs.
#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <string>
#include <vector>

#include "innozone/common/error.hpp"
#include "innozone/common/random.hpp"
#include "innozone/synth/sdid.hpp"

namespace innozone::synth {

namespace {

/// The panel in canonical unit order: never-treated rows ascending, then treated rows
/// by adoption column and row.
struct Canonical {
  std::vector<int> rows;      // canonical position -> row of Y
  std::vector<int> adoption;  // canonical position -> adoption column (-1 never)
  int n_controls = 0;
};

Canonical canonical_order(const std::vector<int>& adoption) {
  Canonical c;
  for (std::size_t i = 0; i < adoption.size(); ++i) {
    if (adoption[i] < 0) {
      c.rows.push_back(static_cast<int>(i));
    }
  }
  c.n_controls = static_cast<int>(c.rows.size());
  std::vector<int> treated;
  for (std::size_t i = 0; i < adoption.size(); ++i) {
    if (adoption[i] >= 0) {
      treated.push_back(static_cast<int>(i));
    }
  }
  std::stable_sort(treated.begin(), treated.end(), [&adoption](int a, int b) {
    return adoption[static_cast<std::size_t>(a)] < adoption[static_cast<std::size_t>(b)];
  });
  c.rows.insert(c.rows.end(), treated.begin(), treated.end());
  for (const int r : c.rows) {
    c.adoption.push_back(adoption[static_cast<std::size_t>(r)]);
  }
  return c;
}

Eigen::MatrixXd take_rows(const Eigen::MatrixXd& m, const std::vector<int>& rows) {
  Eigen::MatrixXd out(static_cast<Eigen::Index>(rows.size()), m.cols());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out.row(static_cast<Eigen::Index>(i)) = m.row(rows[i]);
  }
  return out;
}

Covariates take_rows(const Covariates& x, const std::vector<int>& rows) {
  Covariates out;
  out.reserve(x.size());
  for (const auto& xi : x) {
    out.push_back(take_rows(xi, rows));
  }
  return out;
}

Eigen::VectorXd sum_normalize(const Eigen::VectorXd& v) {
  const double s = v.sum();
  if (s != 0.0) {
    return v / s;
  }
  return Eigen::VectorXd::Constant(v.size(), 1.0 / static_cast<double>(v.size()));
}

/// Weighted average of cohort estimates with weights N_tr * T_post (NaN when empty).
double weighted_att(const std::vector<double>& taus, const std::vector<double>& sizes) {
  double total = 0.0;
  for (const double s : sizes) {
    total += s;
  }
  if (!(total > 0.0)) {
    return std::numeric_limits<double>::quiet_NaN();
  }
  // Normalised weights first, as sdid_staggered does (one cohort: weight 1, exactly tau).
  double acc = 0.0;
  for (std::size_t i = 0; i < taus.size(); ++i) {
    acc += sizes[i] / total * taus[i];
  }
  return acc;
}

/// One replicate panel: rows of Y (with repeats), the control count and, per row after
/// the controls, its adoption column. Refits each cohort present and returns the ATT.
double replicate_att(const Eigen::MatrixXd& y, const Covariates& x, const SdidStaggeredFit& fit,
                     const std::vector<int>& control_rows, const std::vector<int>& control_pos,
                     const std::vector<int>& treated_rows, const std::vector<int>& treated_adoption,
                     bool update) {
  const int t = static_cast<int>(y.cols());
  // Projected covariates: coefficients re-estimated on this replicate's controls.
  Eigen::MatrixXd y_use;
  bool adjusted = false;
  if (fit.has_covariates && fit.covariate_method == CovariateMethod::kProjected) {
    std::vector<int> rows = control_rows;
    // Duplicated controls (bootstrap) enter the regression as separate units.
    const Eigen::MatrixXd yc = take_rows(y, rows);
    const Covariates xc = take_rows(x, rows);
    std::vector<int> all(rows.size());
    std::iota(all.begin(), all.end(), 0);
    const Eigen::VectorXd beta = projected_coefficients(yc, xc, all);
    y_use = covariate_adjusted(y, x, beta);
    adjusted = true;
  }
  const Eigen::MatrixXd& ybase = adjusted ? y_use : y;
  const bool optimized = fit.has_covariates && fit.covariate_method == CovariateMethod::kOptimized;
  std::vector<double> taus;
  std::vector<double> sizes;
  for (const SdidCohort& cohort : fit.cohorts) {
    std::vector<int> rows = control_rows;
    int n1 = 0;
    for (std::size_t i = 0; i < treated_rows.size(); ++i) {
      if (treated_adoption[i] == cohort.adoption) {
        rows.push_back(treated_rows[i]);
        ++n1;
      }
    }
    if (n1 == 0) {
      continue;
    }
    const auto n0 = static_cast<int>(control_rows.size());
    Eigen::VectorXd omega_sub(n0);
    for (int i = 0; i < n0; ++i) {
      omega_sub[i] = cohort.fit.omega[control_pos[static_cast<std::size_t>(i)]];
    }
    const Eigen::MatrixXd yb = take_rows(ybase, rows);
    SdidFit like = cohort.fit;
    if (!update) {
      like.update_omega = false;
      like.update_lambda = false;
    }
    const SdidFit rep = optimized
                            ? sdid_refit(yb, n0, cohort.adoption, like, sum_normalize(omega_sub),
                                         cohort.fit.lambda, take_rows(x, rows))
                            : sdid_refit(yb, n0, cohort.adoption, like, sum_normalize(omega_sub),
                                         cohort.fit.lambda);
    taus.push_back(rep.estimate);
    sizes.push_back(static_cast<double>(n1) * static_cast<double>(t - cohort.adoption));
  }
  return weighted_att(taus, sizes);
}

double scaled_sd(const std::vector<double>& values) {
  const double count = static_cast<double>(values.size());
  const double mean = std::accumulate(values.begin(), values.end(), 0.0) / count;
  double ss = 0.0;
  for (const double v : values) {
    ss += (v - mean) * (v - mean);
  }
  // sqrt((R-1)/R) * sd(x) with the n-1 sample sd (R synthdid's convention)
  return std::sqrt((count - 1.0) / count) * std::sqrt(ss / (count - 1.0));
}

}  // namespace

double replicate_standard_error(const std::vector<double>& replicates) {
  return scaled_sd(replicates);
}

SdidStaggeredFit sdid_staggered(const Eigen::MatrixXd& y, const std::vector<int>& adoption,
                                const SdidOptions& options, const Covariates& x) {
  const int n = static_cast<int>(y.rows());
  const int t = static_cast<int>(y.cols());
  if (static_cast<int>(adoption.size()) != n) {
    throw InvalidInput("staggered synthdid: " + std::to_string(adoption.size()) +
                       " adoption entries for " + std::to_string(n) + " units");
  }
  if (!y.allFinite()) {
    throw InvalidInput(
        "synthdid: the outcome matrix contains NaN or inf (the panel must be balanced)");
  }
  std::map<int, std::vector<int>> by_cohort;
  std::vector<int> controls;
  for (int i = 0; i < n; ++i) {
    const int a = adoption[static_cast<std::size_t>(i)];
    if (a < 0) {
      controls.push_back(i);
      continue;
    }
    if (a == 0) {
      throw InvalidInput("staggered synthdid: unit row " + std::to_string(i) +
                         " is treated in every period (adoption column 0)");
    }
    if (a >= t) {
      throw OutOfRange("staggered synthdid: adoption column " + std::to_string(a) +
                       " of unit row " + std::to_string(i) + " outside 0.." +
                       std::to_string(t - 1));
    }
    by_cohort[a].push_back(i);
  }
  if (by_cohort.empty()) {
    throw InvalidInput("staggered synthdid: no treated unit");
  }
  if (controls.empty()) {
    throw InvalidInput("staggered synthdid: no never-treated unit to serve as a control");
  }
  SdidStaggeredFit out;
  out.has_covariates = !x.empty();
  out.covariate_method = options.covariate_method;
  Eigen::MatrixXd y_adj;
  const bool projected =
      out.has_covariates && options.covariate_method == CovariateMethod::kProjected;
  if (projected) {
    out.beta = projected_coefficients(y, x, controls);
    y_adj = covariate_adjusted(y, x, out.beta);
  }
  const Eigen::MatrixXd& ybase = projected ? y_adj : y;
  double total = 0.0;
  for (const auto& [a, treated] : by_cohort) {
    SdidCohort cohort;
    cohort.adoption = a;
    cohort.controls = controls;
    cohort.treated = treated;
    cohort.n_post = t - a;
    std::vector<int> rows = controls;
    rows.insert(rows.end(), treated.begin(), treated.end());
    const Eigen::MatrixXd yb = take_rows(ybase, rows);
    const auto n0 = static_cast<int>(controls.size());
    if (a < 2) {
      throw InvalidInput("staggered synthdid: the cohort first treated in column " +
                         std::to_string(a) + " has fewer than 2 pre-treatment periods");
    }
    if (projected || !out.has_covariates) {
      cohort.fit = sdid_estimate(yb, n0, a, options);
      cohort.effect_curve = sdid_effect_curve(yb, cohort.fit);
    } else {
      const Covariates xb = take_rows(x, rows);
      cohort.fit = sdid_estimate(yb, n0, a, options, xb);
      cohort.effect_curve = sdid_effect_curve(yb, cohort.fit, xb);
    }
    cohort.weight = static_cast<double>(treated.size()) * static_cast<double>(cohort.n_post);
    total += cohort.weight;
    out.cohorts.push_back(std::move(cohort));
  }
  for (SdidCohort& cohort : out.cohorts) {
    cohort.weight /= total;
    out.estimate += cohort.weight * cohort.fit.estimate;
  }
  return out;
}

SeResult sdid_staggered_standard_error(const Eigen::MatrixXd& y, const std::vector<int>& adoption,
                                       const SdidStaggeredFit& fit, SeMethod method,
                                       int replications, std::uint64_t seed, const Covariates& x,
                                       const ParallelOptions& parallel,
                                       std::size_t first_replicate) {
  const Canonical c = canonical_order(adoption);
  const int n = static_cast<int>(c.rows.size());
  const int n0 = c.n_controls;
  const int n1 = n - n0;
  if (fit.cohorts.empty() || n0 < 1 || n1 < 1) {
    throw InvalidInput("staggered synthdid standard error: the fit has no cohort");
  }
  if (fit.has_covariates && x.empty()) {
    throw InvalidInput("staggered synthdid standard error: the fit used covariates; pass them");
  }
  SeResult out;
  if (method != SeMethod::kJackknife && replications < 2) {
    throw InvalidInput("synthdid standard error: replications must be >= 2, got " +
                       std::to_string(replications));
  }
  std::vector<int> cohort_size;
  for (const SdidCohort& cohort : fit.cohorts) {
    cohort_size.push_back(static_cast<int>(cohort.treated.size()));
  }
  if (method == SeMethod::kPlacebo) {
    if (n0 <= n1) {
      throw InvalidInput("synthdid placebo standard error: needs more control units (" +
                         std::to_string(n0) + ") than treated units (" + std::to_string(n1) + ")");
    }
    out.replicates.assign(static_cast<std::size_t>(replications), 0.0);
    parallel_for(
        static_cast<std::size_t>(replications),
        [&](std::size_t r) {
          Philox rng(seed, derive_stream(first_replicate + r, 0x504c4143ULL));  // "PLAC"
          std::vector<int> perm(static_cast<std::size_t>(n0));
          std::iota(perm.begin(), perm.end(), 0);
          for (int i = n0 - 1; i > 0; --i) {
            const int j = static_cast<int>(rng.uniform() * (i + 1));
            std::swap(perm[static_cast<std::size_t>(i)],
                      perm[static_cast<std::size_t>(std::min(j, i))]);
          }
          const int pn0 = n0 - n1;
          std::vector<int> control_rows;
          std::vector<int> control_pos;
          for (int i = 0; i < pn0; ++i) {
            control_pos.push_back(perm[static_cast<std::size_t>(i)]);
            control_rows.push_back(
                c.rows[static_cast<std::size_t>(perm[static_cast<std::size_t>(i)])]);
          }
          // The last N_tr controls of the permutation take the treated units' adoptions.
          std::vector<int> treated_rows;
          std::vector<int> treated_adoption;
          for (int i = pn0; i < n0; ++i) {
            treated_rows.push_back(
                c.rows[static_cast<std::size_t>(perm[static_cast<std::size_t>(i)])]);
            treated_adoption.push_back(c.adoption[static_cast<std::size_t>(n0 + i - pn0)]);
          }
          out.replicates[r] = replicate_att(y, x, fit, control_rows, control_pos, treated_rows,
                                            treated_adoption, true);
        },
        parallel);
    out.se = scaled_sd(out.replicates);
    return out;
  }
  if (method == SeMethod::kBootstrap) {
    if (n1 == 1) {
      out.se = std::numeric_limits<double>::quiet_NaN();
      out.note = "bootstrap standard error is not defined with one treated unit (use placebo)";
      return out;
    }
    out.replicates.assign(static_cast<std::size_t>(replications), 0.0);
    parallel_for(
        static_cast<std::size_t>(replications),
        [&](std::size_t r) {
          Philox rng(seed, derive_stream(first_replicate + r, 0x424f4f54ULL));  // "BOOT"
          // Redraw until the resample holds both controls and treated units (as R does).
          for (;;) {
            std::vector<int> ind(static_cast<std::size_t>(n));
            for (auto& v : ind) {
              v = std::min(n - 1, static_cast<int>(rng.uniform() * n));
            }
            std::sort(ind.begin(), ind.end());
            const auto bn0 = static_cast<int>(
                std::count_if(ind.begin(), ind.end(), [n0](int v) { return v < n0; }));
            if (bn0 == 0 || bn0 == n) {
              continue;
            }
            std::vector<int> control_rows;
            std::vector<int> control_pos;
            std::vector<int> treated_rows;
            std::vector<int> treated_adoption;
            for (const int v : ind) {
              if (v < n0) {
                control_pos.push_back(v);
                control_rows.push_back(c.rows[static_cast<std::size_t>(v)]);
              } else {
                treated_rows.push_back(c.rows[static_cast<std::size_t>(v)]);
                treated_adoption.push_back(c.adoption[static_cast<std::size_t>(v)]);
              }
            }
            out.replicates[r] = replicate_att(y, x, fit, control_rows, control_pos, treated_rows,
                                              treated_adoption, true);
            break;
          }
        },
        parallel);
    out.se = scaled_sd(out.replicates);
    return out;
  }
  // Fixed-weights jackknife (Algorithm 3): drop one unit, keep lambda, renormalise omega.
  for (std::size_t k = 0; k < fit.cohorts.size(); ++k) {
    if (cohort_size[k] == 1) {
      out.se = std::numeric_limits<double>::quiet_NaN();
      out.note = fit.cohorts.size() == 1
                     ? "jackknife standard error is not defined with one treated unit (use placebo)"
                     : "jackknife standard error is not defined when an adoption cohort has one "
                       "treated unit (use placebo or bootstrap)";
      return out;
    }
    const int nonzero = static_cast<int>((fit.cohorts[k].fit.omega.array() != 0.0).count());
    if (nonzero == 1) {
      out.se = std::numeric_limits<double>::quiet_NaN();
      out.note = "jackknife standard error is not defined when one control has all the weight";
      return out;
    }
  }
  out.replicates.assign(static_cast<std::size_t>(n), 0.0);
  parallel_for(
      static_cast<std::size_t>(n),
      [&](std::size_t drop) {
        const int d = static_cast<int>(drop);
        std::vector<int> control_rows;
        std::vector<int> control_pos;
        std::vector<int> treated_rows;
        std::vector<int> treated_adoption;
        for (int v = 0; v < n; ++v) {
          if (v == d) {
            continue;
          }
          if (v < n0) {
            control_pos.push_back(v);
            control_rows.push_back(c.rows[static_cast<std::size_t>(v)]);
          } else {
            treated_rows.push_back(c.rows[static_cast<std::size_t>(v)]);
            treated_adoption.push_back(c.adoption[static_cast<std::size_t>(v)]);
          }
        }
        out.replicates[drop] = replicate_att(y, x, fit, control_rows, control_pos, treated_rows,
                                             treated_adoption, false);
      },
      parallel);
  const double count = static_cast<double>(n);
  const double mean = std::accumulate(out.replicates.begin(), out.replicates.end(), 0.0) / count;
  double ss = 0.0;
  for (const double v : out.replicates) {
    ss += (v - mean) * (v - mean);
  }
  out.se = std::sqrt((count - 1.0) / count * ss);
  return out;
}

}  // namespace innozone::synth
