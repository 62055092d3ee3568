// Synthetic difference-in-differences and its SC / DID special cases, with standard errors.
#include "innozone/synth/sdid.hpp"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>
#include <vector>

#include "innozone/common/error.hpp"
#include "innozone/common/random.hpp"

namespace innozone::synth {

SdidMethod parse_sdid_method(const std::string& name) {
  if (name == "sdid") {
    return SdidMethod::kSdid;
  }
  if (name == "sc") {
    return SdidMethod::kSc;
  }
  if (name == "did") {
    return SdidMethod::kDid;
  }
  throw InvalidInput("method must be 'sdid', 'sc' or 'did', got '" + name + "'");
}

std::string to_string(SdidMethod method) {
  switch (method) {
    case SdidMethod::kSdid:
      return "sdid";
    case SdidMethod::kSc:
      return "sc";
    case SdidMethod::kDid:
      return "did";
  }
  return "sdid";
}

CovariateMethod parse_covariate_method(const std::string& name) {
  if (name == "optimized") {
    return CovariateMethod::kOptimized;
  }
  if (name == "projected") {
    return CovariateMethod::kProjected;
  }
  throw InvalidInput("covariate method must be 'optimized' or 'projected', got '" + name + "'");
}

SeMethod parse_se_method(const std::string& name) {
  if (name == "placebo") {
    return SeMethod::kPlacebo;
  }
  if (name == "bootstrap") {
    return SeMethod::kBootstrap;
  }
  if (name == "jackknife") {
    return SeMethod::kJackknife;
  }
  throw InvalidInput("se method must be 'placebo', 'bootstrap' or 'jackknife', got '" + name + "'");
}

namespace {

void check_panel(const Eigen::MatrixXd& y, int n0, int t0) {
  if (n0 < 1 || n0 >= y.rows()) {
    throw InvalidInput("synthdid: need 1 <= N0 < N; got N0 = " + std::to_string(n0) +
                       ", N = " + std::to_string(y.rows()));
  }
  if (t0 < 1 || t0 >= y.cols()) {
    throw InvalidInput("synthdid: need 1 <= T0 < T; got T0 = " + std::to_string(t0) +
                       ", T = " + std::to_string(y.cols()));
  }
  if (!y.allFinite()) {
    throw InvalidInput(
        "synthdid: the outcome matrix contains NaN or inf (the panel must be balanced)");
  }
}

/// (N0+1) x (T0+1): controls' pre-period block, their post means, the treated pre-period
/// means and the treated post mean (synthdid's collapsed.form).
Eigen::MatrixXd collapsed_form(const Eigen::MatrixXd& y, int n0, int t0) {
  const Eigen::Index n = y.rows();
  const Eigen::Index t = y.cols();
  Eigen::MatrixXd out(n0 + 1, t0 + 1);
  out.topLeftCorner(n0, t0) = y.topLeftCorner(n0, t0);
  out.topRightCorner(n0, 1) = y.topRightCorner(n0, t - t0).rowwise().mean();
  out.bottomLeftCorner(1, t0) = y.bottomLeftCorner(n - n0, t0).colwise().mean();
  out(n0, t0) = y.bottomRightCorner(n - n0, t - t0).mean();
  return out;
}

Eigen::VectorXd sparsify_weights(const Eigen::VectorXd& v) {
  const double cut = v.maxCoeff() / 4.0;
  Eigen::VectorXd out = (v.array() <= cut).select(0.0, v);
  return out / out.sum();
}

double noise_level_of(const Eigen::MatrixXd& y, int n0, int t0) {
  if (t0 < 2) {
    throw InvalidInput(
        "synthdid: the noise level needs at least 2 pre-treatment periods, got T0 = " +
        std::to_string(t0));
  }
  const Eigen::MatrixXd pre = y.topLeftCorner(n0, t0);
  const Eigen::MatrixXd diffs = pre.rightCols(t0 - 1) - pre.leftCols(t0 - 1);
  const double mean = diffs.mean();
  const double count = static_cast<double>(diffs.size());
  if (count < 2) {
    throw InvalidInput("synthdid: the noise level needs at least 2 first differences");
  }
  return std::sqrt((diffs.array() - mean).square().sum() / (count - 1.0));
}

Eigen::VectorXd sum_normalize(const Eigen::VectorXd& x) {
  const double s = x.sum();
  if (s != 0.0) {
    return x / s;
  }
  return Eigen::VectorXd::Constant(x.size(), 1.0 / static_cast<double>(x.size()));
}

double estimate_of(const Eigen::MatrixXd& y, int n0, int t0, const Eigen::VectorXd& omega,
                   const Eigen::VectorXd& lambda) {
  const Eigen::Index n1 = y.rows() - n0;
  const Eigen::Index t1 = y.cols() - t0;
  Eigen::VectorXd row_w(y.rows());
  row_w.head(n0) = -omega;
  row_w.tail(n1).setConstant(1.0 / static_cast<double>(n1));
  Eigen::VectorXd col_w(y.cols());
  col_w.head(t0) = -lambda;
  col_w.tail(t1).setConstant(1.0 / static_cast<double>(t1));
  return row_w.dot(y * col_w);
}

void check_covariates(const Eigen::MatrixXd& y, const Covariates& x) {
  for (std::size_t c = 0; c < x.size(); ++c) {
    if (x[c].rows() != y.rows() || x[c].cols() != y.cols()) {
      throw InvalidInput("synthdid: covariate " + std::to_string(c) + " is " +
                         std::to_string(x[c].rows()) + "x" + std::to_string(x[c].cols()) +
                         ", the outcome " + std::to_string(y.rows()) + "x" +
                         std::to_string(y.cols()));
    }
    if (!x[c].allFinite()) {
      throw InvalidInput("synthdid: covariate " + std::to_string(c) +
                         " contains NaN or inf (covariates must be observed in every cell)");
    }
  }
}

/// One Frank-Wolfe step with exact line search for ||A x - b||^2 + eta ||x||^2 on the simplex.
Eigen::VectorXd fw_step(const Eigen::MatrixXd& a, const Eigen::VectorXd& x,
                        const Eigen::VectorXd& b, double eta) {
  const Eigen::VectorXd ax = a * x;
  const Eigen::VectorXd half_grad = a.transpose() * (ax - b) + eta * x;
  Eigen::Index i = 0;
  half_grad.minCoeff(&i);
  Eigen::VectorXd dx = -x;
  dx[i] = 1.0 - x[i];
  if ((dx.array() == 0.0).all()) {
    return x;
  }
  const Eigen::VectorXd derr = a.col(i) - ax;
  const double denom = derr.squaredNorm() + eta * dx.squaredNorm();
  if (!(denom > 0.0)) {
    return x;
  }
  const double step = std::min(1.0, std::max(0.0, -half_grad.dot(dx) / denom));
  return x + step * dx;
}

/// Solve for the weights (and, with covariates, beta) of `fit` on panel y (using fit's
/// tuning), from the given starts.
void solve_weights(const Eigen::MatrixXd& y, int n0, int t0, SdidFit& fit, Eigen::VectorXd omega,
                   Eigen::VectorXd lambda, const Covariates& x = {}) {
  if (!x.empty()) {
    if (omega.size() != n0) {
      omega = Eigen::VectorXd::Constant(n0, 1.0 / n0);
    }
    if (lambda.size() != t0) {
      lambda = Eigen::VectorXd::Constant(t0, 1.0 / t0);
    }
    if (fit.update_omega || fit.update_lambda ||
        fit.beta.size() != static_cast<Eigen::Index>(x.size())) {
      const Eigen::MatrixXd yc = collapsed_form(y, n0, t0);
      Covariates xc;
      xc.reserve(x.size());
      for (const auto& xi : x) {
        xc.push_back(collapsed_form(xi, n0, t0));
      }
      Eigen::VectorXd beta = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(x.size()));
      fit.covariate_iterations = frank_wolfe_covariates(
          yc, xc, fit.zeta_lambda, fit.zeta_omega, fit.lambda_intercept, fit.omega_intercept,
          fit.min_decrease, fit.max_iter, fit.update_lambda, fit.update_omega, lambda, omega, beta);
      fit.beta = beta;
    }
    fit.omega = omega;
    fit.lambda = lambda;
    fit.n0 = n0;
    fit.t0 = t0;
    fit.estimate = estimate_of(covariate_adjusted(y, x, fit.beta), n0, t0, omega, lambda);
    return;
  }
  fit.beta = Eigen::VectorXd();
  const Eigen::MatrixXd yc = collapsed_form(y, n0, t0);
  const int pre_iter = fit.sparsify ? fit.max_iter_pre_sparsify : fit.max_iter;
  if (fit.update_lambda) {
    const Eigen::MatrixXd ylam = yc.topRows(n0);
    int it1 = 0;
    int it2 = 0;
    lambda = frank_wolfe_weights(ylam, fit.zeta_lambda, fit.lambda_intercept, lambda,
                                 fit.min_decrease, pre_iter, &it1);
    if (fit.sparsify) {
      lambda = frank_wolfe_weights(ylam, fit.zeta_lambda, fit.lambda_intercept,
                                   sparsify_weights(lambda), fit.min_decrease, fit.max_iter, &it2);
    }
    fit.lambda_iterations = it1 + it2;
  }
  if (fit.update_omega) {
    const Eigen::MatrixXd yom = yc.leftCols(t0).transpose();
    int it1 = 0;
    int it2 = 0;
    omega = frank_wolfe_weights(yom, fit.zeta_omega, fit.omega_intercept, omega, fit.min_decrease,
                                pre_iter, &it1);
    if (fit.sparsify) {
      omega = frank_wolfe_weights(yom, fit.zeta_omega, fit.omega_intercept, sparsify_weights(omega),
                                  fit.min_decrease, fit.max_iter, &it2);
    }
    fit.omega_iterations = it1 + it2;
  }
  fit.omega = omega;
  fit.lambda = lambda;
  fit.n0 = n0;
  fit.t0 = t0;
  fit.estimate = estimate_of(y, n0, t0, omega, lambda);
}

}  // namespace

Eigen::VectorXd frank_wolfe_weights(const Eigen::MatrixXd& y_in, double zeta, bool intercept,
                                    const Eigen::VectorXd& init, double min_decrease, int max_iter,
                                    int* iterations) {
  const Eigen::Index rows = y_in.rows();
  const Eigen::Index m = y_in.cols() - 1;
  if (m < 1 || rows < 1) {
    throw InvalidInput("frank_wolfe_weights: need at least one row and two columns, got " +
                       std::to_string(rows) + "x" + std::to_string(y_in.cols()));
  }
  Eigen::MatrixXd y = y_in;
  if (intercept) {
    y.rowwise() -= y.colwise().mean();
  }
  const Eigen::MatrixXd a = y.leftCols(m);
  const Eigen::VectorXd b = y.col(m);
  Eigen::VectorXd x =
      init.size() == m ? init : Eigen::VectorXd::Constant(m, 1.0 / static_cast<double>(m));
  const double eta = static_cast<double>(rows) * zeta * zeta;
  const double threshold = min_decrease * min_decrease;
  // The loop runs up to max_iter times per fit, so each iteration is kept O(rows + m):
  // h = A'A x is updated along the step with the precomputed Gram matrix (and refreshed
  // exactly every kRefresh iterations to stop rounding drift); A x is updated likewise.
  const Eigen::MatrixXd gram = a.transpose() * a;
  const Eigen::VectorXd atb = a.transpose() * b;
  constexpr int kRefresh = 256;
  Eigen::VectorXd ax = a * x;
  Eigen::VectorXd h = a.transpose() * ax;
  Eigen::VectorXd half_grad(m);
  double previous = std::numeric_limits<double>::infinity();
  int t = 0;
  while (t < max_iter) {
    ++t;
    if (t % kRefresh == 0) {
      ax.noalias() = a * x;
      h.noalias() = a.transpose() * ax;
    }
    // Frank-Wolfe step with exact line search toward the best vertex e_i:
    // direction d = e_i - x, so g'd = g_i - g'x and |d|^2 = |x|^2 - 2 x_i + 1.
    half_grad = h - atb + eta * x;
    Eigen::Index i = 0;
    half_grad.minCoeff(&i);
    const double x_norm2 = x.squaredNorm();
    const double d_norm2 = x_norm2 - 2.0 * x[i] + 1.0;
    if (d_norm2 > 0.0) {
      const double slope = half_grad[i] - half_grad.dot(x);
      const double derr_norm2 = (a.col(i) - ax).squaredNorm();
      const double denom = derr_norm2 + eta * d_norm2;
      double step = denom > 0.0 ? -slope / denom : 0.0;
      step = std::min(1.0, std::max(0.0, step));
      x *= (1.0 - step);
      x[i] += step;
      ax *= (1.0 - step);
      ax.noalias() += step * a.col(i);
      h *= (1.0 - step);
      h.noalias() += step * gram.col(i);
    }
    const double value =
        zeta * zeta * x.squaredNorm() + (ax - b).squaredNorm() / static_cast<double>(rows);
    if (t >= 2 && !(previous - value > threshold)) {
      break;
    }
    previous = value;
  }
  if (iterations != nullptr) {
    *iterations = t;
  }
  return x;
}

int frank_wolfe_covariates(const Eigen::MatrixXd& yc, const Covariates& xc, double zeta_lambda,
                           double zeta_omega, bool lambda_intercept, bool omega_intercept,
                           double min_decrease, int max_iter, bool update_lambda, bool update_omega,
                           Eigen::VectorXd& lambda, Eigen::VectorXd& omega, Eigen::VectorXd& beta) {
  const Eigen::Index n0 = yc.rows() - 1;
  const Eigen::Index t0 = yc.cols() - 1;
  const auto nc = static_cast<Eigen::Index>(xc.size());
  if (n0 < 1 || t0 < 1 || lambda.size() != t0 || omega.size() != n0 || beta.size() != nc) {
    throw InvalidInput("frank_wolfe_covariates: shapes do not match (collapsed form " +
                       std::to_string(yc.rows()) + "x" + std::to_string(yc.cols()) + ")");
  }
  Eigen::VectorXd err_lambda;
  Eigen::VectorXd err_omega;
  // One round of weight updates on Y - X beta; returns the objective.
  const auto update = [&](const Eigen::MatrixXd& y_beta) {
    Eigen::MatrixXd y_lambda = y_beta.topRows(n0);
    if (lambda_intercept) {
      y_lambda.rowwise() -= y_lambda.colwise().mean();
    }
    if (update_lambda) {
      lambda = fw_step(y_lambda.leftCols(t0), lambda, y_lambda.col(t0),
                       static_cast<double>(n0) * zeta_lambda * zeta_lambda);
    }
    err_lambda = y_lambda.leftCols(t0) * lambda - y_lambda.col(t0);
    Eigen::MatrixXd y_omega = y_beta.leftCols(t0).transpose();
    if (omega_intercept) {
      y_omega.rowwise() -= y_omega.colwise().mean();
    }
    if (update_omega) {
      omega = fw_step(y_omega.leftCols(n0), omega, y_omega.col(n0),
                      static_cast<double>(t0) * zeta_omega * zeta_omega);
    }
    err_omega = y_omega.leftCols(n0) * omega - y_omega.col(n0);
    return zeta_omega * zeta_omega * omega.squaredNorm() +
           zeta_lambda * zeta_lambda * lambda.squaredNorm() +
           err_omega.squaredNorm() / static_cast<double>(t0) +
           err_lambda.squaredNorm() / static_cast<double>(n0);
  };
  const auto adjusted = [&]() {
    Eigen::MatrixXd out = yc;
    for (Eigen::Index c = 0; c < nc; ++c) {
      out -= beta[c] * xc[static_cast<std::size_t>(c)];
    }
    return out;
  };
  update(adjusted());
  const double threshold = min_decrease * min_decrease;
  double previous = std::numeric_limits<double>::quiet_NaN();
  double last = std::numeric_limits<double>::quiet_NaN();
  int t = 0;
  Eigen::VectorXd lambda_coef(t0 + 1);
  Eigen::VectorXd omega_coef(n0 + 1);
  while (t < max_iter && (t < 2 || std::abs(previous - last) > threshold)) {
    ++t;
    lambda_coef << lambda, -1.0;
    omega_coef << omega, -1.0;
    for (Eigen::Index c = 0; c < nc; ++c) {
      const Eigen::MatrixXd& xi = xc[static_cast<std::size_t>(c)];
      const double g =
          err_lambda.dot(xi.topRows(n0) * lambda_coef) / static_cast<double>(n0) +
          err_omega.dot(xi.leftCols(t0).transpose() * omega_coef) / static_cast<double>(t0);
      // beta <- beta - grad / t with grad = -g (the R solver's step).
      beta[c] += g / static_cast<double>(t);
    }
    previous = last;
    last = update(adjusted());
  }
  return t;
}

Eigen::MatrixXd covariate_adjusted(const Eigen::MatrixXd& y, const Covariates& x,
                                   const Eigen::VectorXd& beta) {
  if (beta.size() != static_cast<Eigen::Index>(x.size())) {
    throw InvalidInput("covariate_adjusted: " + std::to_string(x.size()) + " covariates but " +
                       std::to_string(beta.size()) + " coefficients");
  }
  Eigen::MatrixXd out = y;
  for (std::size_t c = 0; c < x.size(); ++c) {
    out -= beta[static_cast<Eigen::Index>(c)] * x[c];
  }
  return out;
}

Eigen::VectorXd projected_coefficients(const Eigen::MatrixXd& y, const Covariates& x,
                                       const std::vector<int>& rows) {
  check_covariates(y, x);
  if (rows.size() < 2) {
    throw InvalidInput("projected covariates: need at least 2 never-treated units, got " +
                       std::to_string(rows.size()));
  }
  const auto r = static_cast<Eigen::Index>(rows.size());
  const Eigen::Index t = y.cols();
  const auto nc = static_cast<Eigen::Index>(x.size());
  // Within transformation of a balanced panel: z_it - z_i. - z_.t + z_.. removes unit and
  // period effects exactly, so OLS on the demeaned data gives the two-way FE slopes.
  const auto demeaned = [&](const Eigen::MatrixXd& z) {
    Eigen::MatrixXd sub(r, t);
    for (Eigen::Index i = 0; i < r; ++i) {
      sub.row(i) = z.row(rows[static_cast<std::size_t>(i)]);
    }
    const Eigen::VectorXd unit_mean = sub.rowwise().mean();
    const Eigen::RowVectorXd period_mean = sub.colwise().mean();
    const double grand = sub.mean();
    sub.colwise() -= unit_mean;
    sub.rowwise() -= period_mean;
    sub.array() += grand;
    return Eigen::VectorXd(Eigen::Map<const Eigen::VectorXd>(sub.data(), sub.size()));
  };
  Eigen::MatrixXd design(r * t, nc);
  for (Eigen::Index c = 0; c < nc; ++c) {
    design.col(c) = demeaned(x[static_cast<std::size_t>(c)]);
    const double scale = design.col(c).norm();
    const double raw = x[static_cast<std::size_t>(c)].cwiseAbs().maxCoeff();
    if (!(scale > 1e-10 * std::max(1.0, raw) * std::sqrt(static_cast<double>(r * t)))) {
      throw InvalidInput("projected covariates: covariate " + std::to_string(c) +
                         " has no variation left among the never-treated units after unit and "
                         "period means are removed");
    }
  }
  const Eigen::VectorXd response = demeaned(y);
  const Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(design);
  if (qr.rank() < nc) {
    throw InvalidInput(
        "projected covariates: the covariates are collinear after unit and "
        "period means are removed (rank " +
        std::to_string(qr.rank()) + " of " + std::to_string(nc) + ")");
  }
  return qr.solve(response);
}

SdidFit sdid_estimate(const Eigen::MatrixXd& y, int n0, int t0, const SdidOptions& options,
                      const Covariates& x) {
  check_panel(y, n0, t0);
  check_covariates(y, x);
  const auto n1 = static_cast<double>(y.rows() - n0);
  const auto t1 = static_cast<double>(y.cols() - t0);
  SdidFit fit;
  fit.method = options.method;
  fit.noise_level = options.noise_level >= 0.0 ? options.noise_level : noise_level_of(y, n0, t0);
  double eta_omega = options.eta_omega;
  if (eta_omega < 0.0) {
    eta_omega = options.method == SdidMethod::kSc ? 1e-6 : std::pow(n1 * t1, 0.25);
  }
  const double eta_lambda = options.eta_lambda >= 0.0 ? options.eta_lambda : 1e-6;
  fit.zeta_omega = eta_omega * fit.noise_level;
  fit.zeta_lambda = eta_lambda * fit.noise_level;
  fit.min_decrease = options.min_decrease >= 0.0 ? options.min_decrease : 1e-5 * fit.noise_level;
  fit.max_iter = options.max_iter;
  fit.max_iter_pre_sparsify = options.max_iter_pre_sparsify;
  fit.sparsify = options.sparsify;
  if (options.max_iter < 1 || options.max_iter_pre_sparsify < 1) {
    throw InvalidInput("synthdid: max_iter and max_iter_pre_sparsify must be >= 1");
  }
  Eigen::VectorXd omega;
  Eigen::VectorXd lambda;
  switch (options.method) {
    case SdidMethod::kSdid:
      break;
    case SdidMethod::kSc:
      // synthdid's sc_estimate: no time weights, no intercept in the unit weights.
      fit.update_lambda = false;
      fit.omega_intercept = false;
      lambda = Eigen::VectorXd::Zero(t0);
      break;
    case SdidMethod::kDid:
      fit.update_lambda = false;
      fit.update_omega = false;
      lambda = Eigen::VectorXd::Constant(t0, 1.0 / t0);
      omega = Eigen::VectorXd::Constant(n0, 1.0 / n0);
      break;
  }
  solve_weights(y, n0, t0, fit, omega, lambda, x);
  return fit;
}

SdidFit sdid_refit(const Eigen::MatrixXd& y, int n0, int t0, const SdidFit& like,
                   const Eigen::VectorXd& omega_init, const Eigen::VectorXd& lambda_init,
                   const Covariates& x) {
  check_panel(y, n0, t0);
  check_covariates(y, x);
  if (omega_init.size() != n0 || lambda_init.size() != t0) {
    throw InvalidInput("synthdid refit: starting weights must have N0 = " + std::to_string(n0) +
                       " and T0 = " + std::to_string(t0) + " entries");
  }
  SdidFit fit = like;
  solve_weights(y, n0, t0, fit, omega_init, lambda_init, x);
  return fit;
}

Eigen::VectorXd sdid_effect_curve(const Eigen::MatrixXd& y_raw, const SdidFit& fit,
                                  const Covariates& x) {
  const Eigen::MatrixXd y = x.empty() ? y_raw : covariate_adjusted(y_raw, x, fit.beta);
  const int n0 = fit.n0;
  const int t0 = fit.t0;
  const Eigen::Index n1 = y.rows() - n0;
  Eigen::VectorXd row_w(y.rows());
  row_w.head(n0) = -fit.omega;
  row_w.tail(n1).setConstant(1.0 / static_cast<double>(n1));
  const Eigen::VectorXd contrast = y.transpose() * row_w;
  const double base = contrast.head(t0).dot(fit.lambda);
  return contrast.tail(y.cols() - t0).array() - base;
}

SeResult sdid_standard_error(const Eigen::MatrixXd& y, const SdidFit& fit, SeMethod method,
                             int replications, std::uint64_t seed,
                             const ParallelOptions& parallel) {
  const int n0 = fit.n0;
  const int t0 = fit.t0;
  const int n = static_cast<int>(y.rows());
  const int n1 = n - n0;
  SeResult out;
  auto sd_scaled = [](const std::vector<double>& values) {
    const double count = static_cast<double>(values.size());
    const double mean = std::accumulate(values.begin(), values.end(), 0.0) / count;
    double ss = 0.0;
    for (const double v : values) {
      ss += (v - mean) * (v - mean);
    }
    // sqrt((R-1)/R) * sd(x) with the n-1 sample sd
    return std::sqrt((count - 1.0) / count) * std::sqrt(ss / (count - 1.0));
  };
  if (method != SeMethod::kJackknife && replications < 2) {
    throw InvalidInput("synthdid standard error: replications must be >= 2, got " +
                       std::to_string(replications));
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
          Philox rng(seed, derive_stream(r, 0x504c4143ULL));  // "PLAC"
          std::vector<int> perm(static_cast<std::size_t>(n0));
          std::iota(perm.begin(), perm.end(), 0);
          for (int i = n0 - 1; i > 0; --i) {
            const int j = static_cast<int>(rng.uniform() * (i + 1));
            std::swap(perm[static_cast<std::size_t>(i)],
                      perm[static_cast<std::size_t>(std::min(j, i))]);
          }
          const int pn0 = n0 - n1;
          Eigen::MatrixXd yb(n0, y.cols());
          Eigen::VectorXd omega_sub(pn0);
          for (int i = 0; i < n0; ++i) {
            yb.row(i) = y.row(perm[static_cast<std::size_t>(i)]);
          }
          for (int i = 0; i < pn0; ++i) {
            omega_sub[i] = fit.omega[perm[static_cast<std::size_t>(i)]];
          }
          const SdidFit rep = sdid_refit(yb, pn0, t0, fit, sum_normalize(omega_sub), fit.lambda);
          out.replicates[r] = rep.estimate;
        },
        parallel);
    out.se = sd_scaled(out.replicates);
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
          Philox rng(seed, derive_stream(r, 0x424f4f54ULL));  // "BOOT"
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
            Eigen::MatrixXd yb(n, y.cols());
            Eigen::VectorXd omega_sub(bn0);
            for (int i = 0; i < n; ++i) {
              yb.row(i) = y.row(ind[static_cast<std::size_t>(i)]);
            }
            for (int i = 0; i < bn0; ++i) {
              omega_sub[i] = fit.omega[ind[static_cast<std::size_t>(i)]];
            }
            const SdidFit rep = sdid_refit(yb, bn0, t0, fit, sum_normalize(omega_sub), fit.lambda);
            out.replicates[r] = rep.estimate;
            break;
          }
        },
        parallel);
    out.se = sd_scaled(out.replicates);
    return out;
  }
  // Fixed-weights jackknife (Algorithm 3): drop one unit, keep lambda, renormalise omega.
  const int nonzero = static_cast<int>((fit.omega.array() != 0.0).count());
  if (n1 == 1 || nonzero == 1) {
    out.se = std::numeric_limits<double>::quiet_NaN();
    out.note = n1 == 1
                   ? "jackknife standard error is not defined with one treated unit (use placebo)"
                   : "jackknife standard error is not defined when one control has all the weight";
    return out;
  }
  SdidFit fixed = fit;
  fixed.update_omega = false;
  fixed.update_lambda = false;
  out.replicates.assign(static_cast<std::size_t>(n), 0.0);
  parallel_for(
      static_cast<std::size_t>(n),
      [&](std::size_t drop) {
        const int d = static_cast<int>(drop);
        Eigen::MatrixXd yj(n - 1, y.cols());
        int row = 0;
        for (int i = 0; i < n; ++i) {
          if (i != d) {
            yj.row(row++) = y.row(i);
          }
        }
        const int jn0 = d < n0 ? n0 - 1 : n0;
        Eigen::VectorXd omega_sub(jn0);
        int k = 0;
        for (int i = 0; i < n0; ++i) {
          if (i != d) {
            omega_sub[k++] = fit.omega[i];
          }
        }
        const SdidFit rep = sdid_refit(yj, jn0, t0, fixed, sum_normalize(omega_sub), fit.lambda);
        out.replicates[drop] = rep.estimate;
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
