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

constexpr double kPsCap = 1.0 - 1e-6;   // propensity scores are capped here
constexpr double kTrimLevel = 0.995;    // comparison units with a larger score get no weight

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
Eigen::VectorXd logit(const Eigen::MatrixXd& x, const Eigen::VectorXd& d, const Eigen::VectorXd& iw) {
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
Eigen::VectorXd ipt_score(const Eigen::MatrixXd& x, const Eigen::VectorXd& d, const Eigen::VectorXd& iw,
                          Eigen::VectorXd gamma) {
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
  throw NumericalError("propensity-score tilting did not converge (the comparison group may "
                       "not overlap the treated group in the covariates)");
}

}  // namespace

TwoByTwoCell panel_did_2x2(const Eigen::VectorXd& delta_y, const Eigen::VectorXd& treated,
                           const Eigen::MatrixXd& x, EstMethod method, const Eigen::VectorXd& weights) {
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
  const Eigen::VectorXd wd = iw.cwiseProduct(d);        // weighted treated indicator
  const Eigen::VectorXd wc = iw.cwiseProduct(c);        // weighted comparison indicator
  const double mean_wd = wd.mean();
  if (d.sum() <= 0.0 || c.sum() <= 0.0 || !(mean_wd > 0.0) || !(wc.mean() > 0.0)) {
    throw InvalidInput("2x2 DiD: needs both treated and comparison units (with positive weight)");
  }
  const Eigen::Index k = x.cols();
  TwoByTwoCell out;

  // Asymptotic linear representation of the comparison-group (weighted) OLS.
  auto ols_rep = [&](const Eigen::VectorXd& resid) {
    const Eigen::MatrixXd xpx = x.transpose() * wc.asDiagonal() * x / n;
    const Eigen::MatrixXd xpx_inv = solve_spd(xpx, Eigen::MatrixXd::Identity(k, k), "outcome regression");
    const Eigen::MatrixXd ex = (wc.cwiseProduct(resid)).asDiagonal() * x;
    return Eigen::MatrixXd(ex * xpx_inv);
  };
  // ... and of the (weighted) logit propensity score.
  auto logit_rep = [&](const Eigen::VectorXd& ps) {
    const Eigen::VectorXd w = ps.array() * (1.0 - ps.array()) * iw.array();
    const Eigen::MatrixXd info = x.transpose() * w.asDiagonal() * x;
    const Eigen::MatrixXd hess = solve_spd(info, Eigen::MatrixXd::Identity(k, k), "propensity-score logit") * n;
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
      const Eigen::VectorXd inf_treat = (w_t.cwiseProduct(resid) - w_t * eta_t - rep_ols * m1) / mw_t;
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

}  // namespace innozone::did
