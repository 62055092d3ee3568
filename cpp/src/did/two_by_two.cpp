// The 2x2 panel DiD estimators used inside every (g,t) cell: outcome regression,
// standardised IPW, doubly robust (logit + OLS) and improved doubly robust (IPT + WLS),
// each with its influence function (Sant'Anna & Zhao 2020, J. Econometrics 219(1)).
#include <Eigen/Dense>

#include <cmath>
#include <string>

#include "innozone/common/error.hpp"
#include "innozone/did/staggered.hpp"

namespace innozone::did {

namespace {

constexpr double kPsCap = 1.0 - 1e-6;  // propensity scores are capped here
constexpr double kTrimLevel = 0.995;   // comparison units with a larger score get no weight

Eigen::MatrixXd solve_spd(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b, const char* what) {
  const Eigen::LDLT<Eigen::MatrixXd> ldlt(a);
  if (ldlt.info() != Eigen::Success || !ldlt.isPositive() ||
      ldlt.vectorD().minCoeff() <= 1e-12 * std::max(1.0, ldlt.vectorD().maxCoeff())) {
    throw NumericalError(std::string(what) +
                         ": the covariate matrix is singular (collinear covariates or no "
                         "variation among the units of this comparison)");
  }
  return ldlt.solve(b);
}

// Weighted least squares on the rows with weight > 0.
Eigen::VectorXd wls(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, const Eigen::VectorXd& w) {
  const Eigen::MatrixXd xtwx = x.transpose() * w.asDiagonal() * x;
  const Eigen::VectorXd xtwy = x.transpose() * w.cwiseProduct(y);
  return solve_spd(xtwx, xtwy, "outcome regression");
}

// Weighted logistic regression by Newton-Raphson with step halving.
Eigen::VectorXd logit(const Eigen::MatrixXd& x, const Eigen::VectorXd& d,
                      const Eigen::VectorXd& iw) {
  const Eigen::Index k = x.cols();
  Eigen::VectorXd beta = Eigen::VectorXd::Zero(k);
  auto loglik = [&](const Eigen::VectorXd& b) {
    const Eigen::VectorXd eta = x * b;
    double ll = 0.0;
    for (Eigen::Index i = 0; i < eta.size(); ++i) {
      const double e = eta(i);
      // log(1 + exp(e)) computed stably
      const double log1pexp = e > 0 ? e + std::log1p(std::exp(-e)) : std::log1p(std::exp(e));
      ll += iw(i) * (d(i) * e - log1pexp);
    }
    return ll;
  };
  double ll = loglik(beta);
  for (int iter = 0; iter < 200; ++iter) {
    const Eigen::VectorXd eta = x * beta;
    const Eigen::VectorXd p = (1.0 + (-eta.array()).exp()).inverse().matrix();
    const Eigen::VectorXd w = p.array() * (1.0 - p.array()) * iw.array();
    const Eigen::MatrixXd h = x.transpose() * w.asDiagonal() * x;
    const Eigen::VectorXd grad = x.transpose() * iw.cwiseProduct(d - p);
    const Eigen::VectorXd step = solve_spd(h, grad, "propensity-score logit");
    double t = 1.0;
    Eigen::VectorXd candidate = beta + step;
    double ll_new = loglik(candidate);
    while (ll_new < ll - 1e-12 * std::fabs(ll) && t > 1e-8) {
      t *= 0.5;
      candidate = beta + t * step;
      ll_new = loglik(candidate);
    }
    beta = candidate;
    const double change = std::fabs(ll_new - ll);
    ll = ll_new;
    if (step.cwiseAbs().maxCoeff() * t < 1e-10 || change < 1e-14 * (1.0 + std::fabs(ll))) {
      return beta;
    }
  }
  return beta;
}

// Inverse probability tilting (calibrated) propensity score of Graham, Pinto & Egel
// (2012) as used by Sant'Anna & Zhao's improved DR estimator: minimise
// mean( -D x'g + (1-D) exp(x'g) ), which balances covariate means of the reweighted
// comparison group with the treated group exactly.
Eigen::VectorXd ipt_score(const Eigen::MatrixXd& x, const Eigen::VectorXd& d,
                          const Eigen::VectorXd& iw, Eigen::VectorXd gamma) {
  const double n = static_cast<double>(x.rows());
  auto loss = [&](const Eigen::VectorXd& g) {
    const Eigen::VectorXd idx = x * g;
    double s = 0.0;
    for (Eigen::Index i = 0; i < idx.size(); ++i) {
      s += iw(i) * (d(i) > 0.5 ? -idx(i) : std::exp(idx(i)));
    }
    return s / n;
  };
  double f = loss(gamma);
  for (int iter = 0; iter < 500; ++iter) {
    const Eigen::VectorXd idx = x * gamma;
    Eigen::VectorXd r(idx.size());
    Eigen::VectorXd hw(idx.size());
    for (Eigen::Index i = 0; i < idx.size(); ++i) {
      const double e = d(i) > 0.5 ? 0.0 : std::exp(idx(i));
      r(i) = iw(i) * ((d(i) > 0.5 ? -1.0 : 0.0) + e);
      hw(i) = iw(i) * e;
    }
    const Eigen::VectorXd grad = x.transpose() * r / n;
    if (grad.cwiseAbs().maxCoeff() < 1e-11) {
      return gamma;
    }
    const Eigen::MatrixXd hess = x.transpose() * hw.asDiagonal() * x / n;
    const Eigen::VectorXd step = -solve_spd(hess, grad, "propensity-score tilting");
    double t = 1.0;
    Eigen::VectorXd candidate = gamma + step;
    double f_new = loss(candidate);
    // Armijo backtracking; the slack accepts steps whose change is below rounding error.
    const double slack = 1e-13 * (1.0 + std::fabs(f));
    while ((!std::isfinite(f_new) || f_new > f + 1e-4 * t * grad.dot(step) + slack) && t > 1e-10) {
      t *= 0.5;
      candidate = gamma + t * step;
      f_new = loss(candidate);
    }
    gamma = candidate;
    f = f_new;
  }
  throw NumericalError(
      "propensity-score tilting did not converge (the comparison group may "
      "not overlap the treated group in the covariates)");
}

// Capped logit propensity scores x'b (as DRDID: at most 1 - 1e-6).
Eigen::VectorXd fitted_ps_of(const Eigen::MatrixXd& x, const Eigen::VectorXd& coef) {
  const Eigen::VectorXd ps = (1.0 + (-(x * coef).array()).exp()).inverse().matrix();
  return ps.cwiseMin(kPsCap);
}

// 1 for every treated unit and every comparison unit with a score below the trim level.
Eigen::ArrayXd trim_of(const Eigen::VectorXd& ps, const Eigen::VectorXd& d) {
  Eigen::ArrayXd trim = Eigen::ArrayXd::Ones(ps.size());
  for (Eigen::Index i = 0; i < ps.size(); ++i) {
    if (d(i) < 0.5 && ps(i) >= kTrimLevel) {
      trim(i) = 0.0;
    }
  }
  return trim;
}

// Asymptotic linear representation of the weighted logit: rows iw_i (d_i - p_i) x_i'
// times n (X' diag(iw p (1 - p)) X)^-1.
Eigen::MatrixXd logit_linear_rep(const Eigen::MatrixXd& x, const Eigen::VectorXd& d,
                                 const Eigen::VectorXd& iw, const Eigen::VectorXd& ps) {
  const double n = static_cast<double>(x.rows());
  const Eigen::Index k = x.cols();
  const Eigen::VectorXd w = ps.array() * (1.0 - ps.array()) * iw.array();
  const Eigen::MatrixXd info = x.transpose() * w.asDiagonal() * x;
  const Eigen::MatrixXd hess =
      solve_spd(info, Eigen::MatrixXd::Identity(k, k), "propensity-score logit") * n;
  return (iw.cwiseProduct(d - ps)).asDiagonal() * x * hess;
}

}  // namespace

TwoByTwoCell panel_did_2x2(const Eigen::VectorXd& delta_y, const Eigen::VectorXd& treated,
                           const Eigen::MatrixXd& x, EstMethod method,
                           const Eigen::VectorXd& weights) {
  const Eigen::Index n_rows = delta_y.size();
  if (treated.size() != n_rows || x.rows() != n_rows) {
    throw InvalidInput("2x2 DiD: outcome changes, treatment and covariates differ in length");
  }
  if (weights.size() != 0 && weights.size() != n_rows) {
    throw InvalidInput("2x2 DiD: " + std::to_string(weights.size()) + " weights for " +
                       std::to_string(n_rows) + " units");
  }
  const double n = static_cast<double>(n_rows);
  // Sampling weights, normalised to mean 1 within the comparison (as DRDID does).
  Eigen::VectorXd iw = Eigen::VectorXd::Ones(n_rows);
  if (weights.size() != 0) {
    if (!weights.allFinite() || weights.minCoeff() < 0.0 || !(weights.mean() > 0.0)) {
      throw InvalidInput("2x2 DiD: weights must be finite, non-negative and not all zero");
    }
    iw = weights / weights.mean();
  }
  const Eigen::VectorXd d = treated;
  const Eigen::VectorXd c = (1.0 - d.array()).matrix();
  const Eigen::VectorXd wd = iw.cwiseProduct(d);  // weighted treated indicator
  const Eigen::VectorXd wc = iw.cwiseProduct(c);  // weighted comparison indicator
  const double mean_wd = wd.mean();
  if (d.sum() <= 0.0 || c.sum() <= 0.0 || !(mean_wd > 0.0) || !(wc.mean() > 0.0)) {
    throw InvalidInput("2x2 DiD: needs both treated and comparison units (with positive weight)");
  }
  const Eigen::Index k = x.cols();
  TwoByTwoCell out;

  // Asymptotic linear representation of the comparison-group (weighted) OLS.
  auto ols_rep = [&](const Eigen::VectorXd& resid) {
    const Eigen::MatrixXd xpx = x.transpose() * wc.asDiagonal() * x / n;
    const Eigen::MatrixXd xpx_inv =
        solve_spd(xpx, Eigen::MatrixXd::Identity(k, k), "outcome regression");
    const Eigen::MatrixXd ex = (wc.cwiseProduct(resid)).asDiagonal() * x;
    return Eigen::MatrixXd(ex * xpx_inv);
  };
  // ... and of the (weighted) logit propensity score.
  auto logit_rep = [&](const Eigen::VectorXd& ps) {
    const Eigen::VectorXd w = ps.array() * (1.0 - ps.array()) * iw.array();
    const Eigen::MatrixXd info = x.transpose() * w.asDiagonal() * x;
    const Eigen::MatrixXd hess =
        solve_spd(info, Eigen::MatrixXd::Identity(k, k), "propensity-score logit") * n;
    const Eigen::MatrixXd score = (iw.cwiseProduct(d - ps)).asDiagonal() * x;
    return Eigen::MatrixXd(score * hess);
  };
  auto fitted_ps = [&](const Eigen::VectorXd& coef) {
    Eigen::VectorXd ps = (1.0 + (-(x * coef).array()).exp()).inverse().matrix();
    return Eigen::VectorXd(ps.cwiseMin(kPsCap));
  };
  auto trimming = [&](const Eigen::VectorXd& ps) {
    Eigen::VectorXd trim = Eigen::VectorXd::Ones(n_rows);
    for (Eigen::Index i = 0; i < n_rows; ++i) {
      if (d(i) < 0.5 && ps(i) >= kTrimLevel) {
        trim(i) = 0.0;
      }
    }
    return trim;
  };

  switch (method) {
    case EstMethod::kRegression: {
      const Eigen::VectorXd beta = wls(x, delta_y, wc);
      const Eigen::VectorXd fit = x * beta;
      const double eta_t = wd.dot(delta_y) / n / mean_wd;
      const double eta_c = wd.dot(fit) / n / mean_wd;
      out.att = eta_t - eta_c;
      const Eigen::MatrixXd rep = ols_rep(delta_y - fit);
      const Eigen::VectorXd m1 = x.transpose() * wd / n;
      const Eigen::VectorXd inf_treat = (wd.cwiseProduct(delta_y) - wd * eta_t) / mean_wd;
      const Eigen::VectorXd inf_cont = (wd.cwiseProduct(fit) - wd * eta_c + rep * m1) / mean_wd;
      out.influence = inf_treat - inf_cont;
      break;
    }
    case EstMethod::kIpw: {
      const Eigen::VectorXd ps = fitted_ps(logit(x, d, iw));
      const Eigen::VectorXd trim = trimming(ps);
      const Eigen::VectorXd w_t = trim.cwiseProduct(wd);
      const Eigen::VectorXd w_c =
          (trim.array() * ps.array() * wc.array() / (1.0 - ps.array())).matrix();
      const double mw_t = w_t.mean();
      const double mw_c = w_c.mean();
      const double eta_t = w_t.dot(delta_y) / n / mw_t;
      const double eta_c = w_c.dot(delta_y) / n / mw_c;
      out.att = eta_t - eta_c;
      const Eigen::MatrixXd rep = logit_rep(ps);
      const Eigen::VectorXd m2 =
          x.transpose() * (w_c.array() * (delta_y.array() - eta_c)).matrix() / n;
      const Eigen::VectorXd inf_treat = (w_t.cwiseProduct(delta_y) - w_t * eta_t) / mw_t;
      const Eigen::VectorXd inf_cont = (w_c.cwiseProduct(delta_y) - w_c * eta_c + rep * m2) / mw_c;
      out.influence = inf_treat - inf_cont;
      break;
    }
    case EstMethod::kDoublyRobust: {
      const Eigen::VectorXd ps = fitted_ps(logit(x, d, iw));
      const Eigen::VectorXd trim = trimming(ps);
      const Eigen::VectorXd beta = wls(x, delta_y, wc);
      const Eigen::VectorXd resid = delta_y - x * beta;
      const Eigen::VectorXd w_t = trim.cwiseProduct(wd);
      const Eigen::VectorXd w_c =
          (trim.array() * ps.array() * wc.array() / (1.0 - ps.array())).matrix();
      const double mw_t = w_t.mean();
      const double mw_c = w_c.mean();
      const double eta_t = w_t.dot(resid) / n / mw_t;
      const double eta_c = w_c.dot(resid) / n / mw_c;
      out.att = eta_t - eta_c;
      const Eigen::MatrixXd rep_ols = ols_rep(resid);
      const Eigen::MatrixXd rep_ps = logit_rep(ps);
      const Eigen::VectorXd m1 = x.transpose() * w_t / n;
      const Eigen::VectorXd m2 =
          x.transpose() * (w_c.array() * (resid.array() - eta_c)).matrix() / n;
      const Eigen::VectorXd m3 = x.transpose() * w_c / n;
      const Eigen::VectorXd inf_treat =
          (w_t.cwiseProduct(resid) - w_t * eta_t - rep_ols * m1) / mw_t;
      const Eigen::VectorXd inf_cont =
          (w_c.cwiseProduct(resid) - w_c * eta_c + rep_ps * m2 - rep_ols * m3) / mw_c;
      out.influence = inf_treat - inf_cont;
      break;
    }
    case EstMethod::kDoublyRobustImproved: {
      const Eigen::VectorXd gamma = ipt_score(x, d, iw, logit(x, d, iw));
      const Eigen::VectorXd ps = fitted_ps(gamma);
      const Eigen::VectorXd trim = trimming(ps);
      const Eigen::VectorXd odds = (wc.array() * ps.array() / (1.0 - ps.array())).matrix();
      const Eigen::VectorXd beta = wls(x, delta_y, odds);
      const Eigen::VectorXd resid = delta_y - x * beta;
      const Eigen::VectorXd summand =
          (trim.array() * (1.0 - c.array() / (1.0 - ps.array())) * resid.array()).matrix();
      out.att = iw.dot(summand) / n / mean_wd;
      out.influence =
          (iw.array() * trim.array() * (summand.array() - d.array() * out.att) / mean_wd).matrix();
      break;
    }
  }
  if (!std::isfinite(out.att) || !out.influence.allFinite()) {
    throw NumericalError("2x2 DiD: the estimate is not finite (propensity scores at 0 or 1?)");
  }
  return out;
}

namespace {

// Asymptotic linear representation of a weighted OLS fit on the rows with weight w > 0:
// rows (w_i e_i x_i') (X'WX / n)^-1, e the fit's residuals.
Eigen::MatrixXd ols_linear_rep(const Eigen::MatrixXd& x, const Eigen::VectorXd& w,
                               const Eigen::VectorXd& resid) {
  const double n = static_cast<double>(x.rows());
  const Eigen::Index k = x.cols();
  const Eigen::MatrixXd xpx = x.transpose() * w.asDiagonal() * x / n;
  const Eigen::MatrixXd inv = solve_spd(xpx, Eigen::MatrixXd::Identity(k, k), "outcome regression");
  return (w.cwiseProduct(resid)).asDiagonal() * x * inv;
}

// sum_i w_i v_i x_i / n (a column-mean moment).
Eigen::VectorXd moment(const Eigen::MatrixXd& x, const Eigen::VectorXd& wv) {
  return x.transpose() * wv / static_cast<double>(x.rows());
}

}  // namespace

TwoByTwoCell rc_did_2x2(const Eigen::VectorXd& y, const Eigen::VectorXd& post,
                        const Eigen::VectorXd& treated, const Eigen::MatrixXd& x, EstMethod method,
                        const Eigen::VectorXd& weights) {
  const Eigen::Index n_rows = y.size();
  if (post.size() != n_rows || treated.size() != n_rows || x.rows() != n_rows) {
    throw InvalidInput(
        "2x2 DiD (repeated cross-sections): outcome, period, treatment and covariates "
        "differ in length");
  }
  if (weights.size() != 0 && weights.size() != n_rows) {
    throw InvalidInput("2x2 DiD (repeated cross-sections): " + std::to_string(weights.size()) +
                       " weights for " + std::to_string(n_rows) + " observations");
  }
  Eigen::VectorXd iw = Eigen::VectorXd::Ones(n_rows);
  if (weights.size() != 0) {
    if (!weights.allFinite() || weights.minCoeff() < 0.0 || !(weights.mean() > 0.0)) {
      throw InvalidInput("2x2 DiD: weights must be finite, non-negative and not all zero");
    }
    iw = weights / weights.mean();
  }
  const Eigen::ArrayXd d = treated.array();
  const Eigen::ArrayXd t1 = post.array();
  const Eigen::ArrayXd t0 = 1.0 - t1;
  const Eigen::ArrayXd c = 1.0 - d;
  const Eigen::ArrayXd w = iw.array();
  for (const auto& [mask, what] :
       {std::pair<Eigen::ArrayXd, const char*>{d * t0, "treated units in the base period"},
        {d * t1, "treated units in the later period"},
        {c * t0, "comparison units in the base period"},
        {c * t1, "comparison units in the later period"}}) {
    if (!((mask * w).sum() > 0.0)) {
      throw InvalidInput(std::string("2x2 DiD (repeated cross-sections): no ") + what);
    }
  }
  TwoByTwoCell out;
  // (w v - w a) / mean(w) with a = mean(w v) / mean(w): the influence of a weighted mean.
  auto mean_inf = [](const Eigen::ArrayXd& wt, const Eigen::ArrayXd& v, double* a) {
    const double mw = wt.mean();
    *a = (wt * v).mean() / mw;
    return Eigen::VectorXd(((wt * v - wt * *a) / mw).matrix());
  };
  switch (method) {
    case EstMethod::kRegression: {
      const Eigen::VectorXd w_c0 = (w * c * t0).matrix();
      const Eigen::VectorXd w_c1 = (w * c * t1).matrix();
      const Eigen::VectorXd m0 = x * wls(x, y, w_c0);
      const Eigen::VectorXd m1 = x * wls(x, y, w_c1);
      const Eigen::ArrayXd w_d = w * d;
      double a_t0 = 0.0;
      double a_t1 = 0.0;
      double a_c = 0.0;
      const Eigen::VectorXd inf_t0 = mean_inf(w * d * t0, y.array(), &a_t0);
      const Eigen::VectorXd inf_t1 = mean_inf(w * d * t1, y.array(), &a_t1);
      const Eigen::VectorXd inf_c1 = mean_inf(w_d, (m1 - m0).array(), &a_c);
      out.att = a_t1 - a_t0 - a_c;
      const Eigen::VectorXd mom = moment(x, w_d.matrix());
      const Eigen::VectorXd est =
          (ols_linear_rep(x, w_c1, y - m1) - ols_linear_rep(x, w_c0, y - m0)) * mom;
      out.influence = inf_t1 - inf_t0 - (inf_c1 + est / w_d.mean());
      break;
    }
    case EstMethod::kIpw: {
      const Eigen::VectorXd ps = fitted_ps_of(x, logit(x, treated, iw));
      const Eigen::ArrayXd trim = trim_of(ps, treated);
      const Eigen::ArrayXd odds = ps.array() / (1.0 - ps.array());
      const Eigen::ArrayXd w_t0 = trim * w * d * t0;
      const Eigen::ArrayXd w_t1 = trim * w * d * t1;
      const Eigen::ArrayXd w_c0 = trim * w * odds * c * t0;
      const Eigen::ArrayXd w_c1 = trim * w * odds * c * t1;
      double a_t0 = 0.0, a_t1 = 0.0, a_c0 = 0.0, a_c1 = 0.0;
      const Eigen::VectorXd inf_t0 = mean_inf(w_t0, y.array(), &a_t0);
      const Eigen::VectorXd inf_t1 = mean_inf(w_t1, y.array(), &a_t1);
      const Eigen::VectorXd inf_c0 = mean_inf(w_c0, y.array(), &a_c0);
      const Eigen::VectorXd inf_c1 = mean_inf(w_c1, y.array(), &a_c1);
      out.att = (a_t1 - a_t0) - (a_c1 - a_c0);
      const Eigen::VectorXd m2_0 = moment(x, (w_c0 * (y.array() - a_c0)).matrix()) / w_c0.mean();
      const Eigen::VectorXd m2_1 = moment(x, (w_c1 * (y.array() - a_c1)).matrix()) / w_c1.mean();
      const Eigen::VectorXd ps_effect = logit_linear_rep(x, treated, iw, ps) * (m2_1 - m2_0);
      out.influence = (inf_t1 - inf_t0) - (inf_c1 - inf_c0 + ps_effect);
      break;
    }
    case EstMethod::kDoublyRobust: {
      const Eigen::VectorXd ps = fitted_ps_of(x, logit(x, treated, iw));
      const Eigen::ArrayXd trim = trim_of(ps, treated);
      const Eigen::ArrayXd odds = ps.array() / (1.0 - ps.array());
      const Eigen::VectorXd ow_c0 = (w * c * t0).matrix();
      const Eigen::VectorXd ow_c1 = (w * c * t1).matrix();
      const Eigen::VectorXd ow_t0 = (w * d * t0).matrix();
      const Eigen::VectorXd ow_t1 = (w * d * t1).matrix();
      const Eigen::VectorXd mc0 = x * wls(x, y, ow_c0);
      const Eigen::VectorXd mc1 = x * wls(x, y, ow_c1);
      const Eigen::VectorXd mt0 = x * wls(x, y, ow_t0);
      const Eigen::VectorXd mt1 = x * wls(x, y, ow_t1);
      const Eigen::ArrayXd mc = t1 * mc1.array() + t0 * mc0.array();
      const Eigen::ArrayXd r = y.array() - mc;
      const Eigen::ArrayXd w_t0 = trim * w * d * t0;
      const Eigen::ArrayXd w_t1 = trim * w * d * t1;
      const Eigen::ArrayXd w_c0 = trim * w * odds * c * t0;
      const Eigen::ArrayXd w_c1 = trim * w * odds * c * t1;
      const Eigen::ArrayXd w_d = trim * w * d;
      const Eigen::ArrayXd gap1 = mt1.array() - mc1.array();
      const Eigen::ArrayXd gap0 = mt0.array() - mc0.array();
      double a_t0 = 0.0, a_t1 = 0.0, a_c0 = 0.0, a_c1 = 0.0, a_d1 = 0.0, a_dt1 = 0.0, a_d0 = 0.0,
             a_dt0 = 0.0;
      const Eigen::VectorXd inf_t0 = mean_inf(w_t0, r, &a_t0);
      const Eigen::VectorXd inf_t1 = mean_inf(w_t1, r, &a_t1);
      const Eigen::VectorXd inf_c0 = mean_inf(w_c0, r, &a_c0);
      const Eigen::VectorXd inf_c1 = mean_inf(w_c1, r, &a_c1);
      const Eigen::VectorXd inf_d1 = mean_inf(w_d, gap1, &a_d1);
      const Eigen::VectorXd inf_dt1 = mean_inf(w_t1, gap1, &a_dt1);
      const Eigen::VectorXd inf_d0 = mean_inf(w_d, gap0, &a_d0);
      const Eigen::VectorXd inf_dt0 = mean_inf(w_t0, gap0, &a_dt0);
      out.att = (a_t1 - a_t0) - (a_c1 - a_c0) + (a_d1 - a_dt1) - (a_d0 - a_dt0);
      const Eigen::MatrixXd rep_c0 = ols_linear_rep(x, ow_c0, y - mc0);
      const Eigen::MatrixXd rep_c1 = ols_linear_rep(x, ow_c1, y - mc1);
      const Eigen::MatrixXd rep_t0 = ols_linear_rep(x, ow_t0, y - mt0);
      const Eigen::MatrixXd rep_t1 = ols_linear_rep(x, ow_t1, y - mt1);
      const Eigen::MatrixXd rep_ps = logit_linear_rep(x, treated, iw, ps);
      // treated part: estimation effect of the comparison outcome models
      const Eigen::VectorXd m1_1 = -moment(x, (w_t1 * t1).matrix()) / w_t1.mean();
      const Eigen::VectorXd m1_0 = -moment(x, (w_t0 * t0).matrix()) / w_t0.mean();
      const Eigen::VectorXd inf_treat = inf_t1 - inf_t0 + rep_c1 * m1_1 - rep_c0 * m1_0;
      // comparison part: propensity score and outcome models
      const Eigen::VectorXd m2_0 = moment(x, (w_c0 * (r - a_c0)).matrix()) / w_c0.mean();
      const Eigen::VectorXd m2_1 = moment(x, (w_c1 * (r - a_c1)).matrix()) / w_c1.mean();
      const Eigen::VectorXd m3_1 = -moment(x, (w_c1 * t1).matrix()) / w_c1.mean();
      const Eigen::VectorXd m3_0 = -moment(x, (w_c0 * t0).matrix()) / w_c0.mean();
      const Eigen::VectorXd inf_cont =
          inf_c1 - inf_c0 + rep_ps * (m2_1 - m2_0) + rep_c1 * m3_1 - rep_c0 * m3_0;
      // local-efficiency terms
      const Eigen::VectorXd inf_eff = (inf_d1 - inf_dt1) - (inf_d0 - inf_dt0);
      const Eigen::VectorXd mom1 = moment(x, (w_d / w_d.mean() - w_t1 / w_t1.mean()).matrix());
      const Eigen::VectorXd mom0 = moment(x, (w_d / w_d.mean() - w_t0 / w_t0.mean()).matrix());
      const Eigen::VectorXd inf_or = (rep_t1 - rep_c1) * mom1 - (rep_t0 - rep_c0) * mom0;
      out.influence = inf_treat - inf_cont + inf_eff + inf_or;
      break;
    }
    case EstMethod::kDoublyRobustImproved:
      throw InvalidInput(
          "2x2 DiD (repeated cross-sections): method 'dr_improved' is available for "
          "balanced panels only; use 'dr', 'reg' or 'ipw'");
  }
  if (!std::isfinite(out.att) || !out.influence.allFinite()) {
    throw NumericalError("2x2 DiD: the estimate is not finite (propensity scores at 0 or 1?)");
  }
  return out;
}

}  // namespace innozone::did
