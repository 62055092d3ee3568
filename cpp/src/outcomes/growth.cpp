#include "innozone/outcomes/growth.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>

#include "innozone/common/error.hpp"
#include "innozone/common/math.hpp"

namespace innozone::outcomes {
namespace {

std::string curve_name(GrowthCurve c) {
  switch (c) {
    case GrowthCurve::kExponential:
      return "exponential";
    case GrowthCurve::kLogistic:
      return "logistic";
    case GrowthCurve::kGompertz:
      return "gompertz";
  }
  return "?";
}

// Value and gradient of the curve at t.
double model_value(GrowthCurve c, const Eigen::VectorXd& p, double t, double t0,
                   Eigen::VectorXd* grad) {
  switch (c) {
    case GrowthCurve::kExponential: {
      const double e = std::exp(p[1] * (t - t0));
      if (grad) {
        (*grad)[0] = e;
        (*grad)[1] = p[0] * (t - t0) * e;
      }
      return p[0] * e;
    }
    case GrowthCurve::kLogistic: {
      const double e = std::exp(-p[1] * (t - p[2]));
      const double denom = 1.0 + e;
      if (grad) {
        (*grad)[0] = 1.0 / denom;
        (*grad)[1] = p[0] * e * (t - p[2]) / (denom * denom);
        (*grad)[2] = -p[0] * e * p[1] / (denom * denom);
      }
      return p[0] / denom;
    }
    case GrowthCurve::kGompertz: {
      const double inner = std::exp(-p[1] * (t - p[2]));
      const double v = std::exp(-inner);
      if (grad) {
        (*grad)[0] = v;
        (*grad)[1] = p[0] * v * inner * (t - p[2]);
        (*grad)[2] = -p[0] * v * inner * p[1];
      }
      return p[0] * v;
    }
  }
  return 0.0;
}

}  // namespace

double cagr(double start, double end, double years) {
  if (!(start > 0.0) || !std::isfinite(start))
    throw InvalidInput("cagr: 'start' must be positive, got " + format_value(start));
  if (!(end >= 0.0) || !std::isfinite(end))
    throw InvalidInput("cagr: 'end' must be >= 0, got " + format_value(end));
  if (!(years > 0.0) || !std::isfinite(years))
    throw InvalidInput("cagr: 'years' must be positive, got " + format_value(years));
  return std::pow(end / start, 1.0 / years) - 1.0;
}

GrowthCurve parse_growth_curve(const std::string& name) {
  if (name == "exponential") return GrowthCurve::kExponential;
  if (name == "logistic") return GrowthCurve::kLogistic;
  if (name == "gompertz") return GrowthCurve::kGompertz;
  throw InvalidInput("growth curve: expected 'exponential', 'logistic' or 'gompertz', got '" +
                     name + "'");
}

double GrowthFit::predict(double t) const {
  const Eigen::VectorXd p = Eigen::Map<const Eigen::VectorXd>(
      parameters.data(), static_cast<Eigen::Index>(parameters.size()));
  return model_value(curve, p, t, t0, nullptr);
}

GrowthFit fit_growth(GrowthCurve curve, const std::vector<double>& t, const std::vector<double>& y,
                     int max_iterations, double tolerance) {
  const std::string name = curve_name(curve);
  if (t.size() != y.size()) {
    throw InvalidInput(name + " fit: 't' has " + std::to_string(t.size()) + " values but 'y' has " +
                       std::to_string(y.size()));
  }
  const int n = static_cast<int>(t.size());
  const int p = curve == GrowthCurve::kExponential ? 2 : 3;
  for (int i = 0; i < n; ++i) {
    if (!std::isfinite(t[static_cast<std::size_t>(i)]) ||
        !std::isfinite(y[static_cast<std::size_t>(i)])) {
      throw InvalidInput(name + " fit: point " + std::to_string(i) +
                         " is not finite (t=" + format_value(t[static_cast<std::size_t>(i)]) +
                         ", y=" + format_value(y[static_cast<std::size_t>(i)]) + ")");
    }
    if (!(y[static_cast<std::size_t>(i)] > 0.0)) {
      throw InvalidInput(
          name + " fit: y must be positive; y=" + format_value(y[static_cast<std::size_t>(i)]) +
          " at t=" + format_value(t[static_cast<std::size_t>(i)]));
    }
  }
  if (n < p + 1) {
    throw NumericalError(name + " fit not identified: the curve has " + std::to_string(p) +
                         " parameters but only " + std::to_string(n) +
                         " data points were given; at least " + std::to_string(p + 1) +
                         " are needed to estimate them with standard errors");
  }
  const double tmin = *std::min_element(t.begin(), t.end());
  const double tmax = *std::max_element(t.begin(), t.end());
  if (!(tmax > tmin)) throw InvalidInput(name + " fit: all time points are equal");

  // Starting values from a log-linear regression.
  double st = 0, sy = 0, stt = 0, sty = 0;
  for (int i = 0; i < n; ++i) {
    const double ti = t[static_cast<std::size_t>(i)] - tmin;
    const double ly = std::log(y[static_cast<std::size_t>(i)]);
    st += ti;
    sy += ly;
    stt += ti * ti;
    sty += ti * ly;
  }
  const double slope = (n * sty - st * sy) / (n * stt - st * st);
  const double intercept = (sy - slope * st) / n;
  const double ymax = *std::max_element(y.begin(), y.end());
  Eigen::VectorXd par(p);
  if (curve == GrowthCurve::kExponential) {
    par << std::exp(intercept), slope;
  } else {
    const double rate = std::max(std::fabs(slope), 0.1);
    par << 1.5 * ymax, curve == GrowthCurve::kLogistic ? rate * 1.5 : rate, 0.5 * (tmin + tmax);
  }
  GrowthFit fit;
  fit.curve = curve;
  fit.t0 = tmin;
  fit.n_points = n;
  fit.parameter_names = curve == GrowthCurve::kExponential
                            ? std::vector<std::string>{"a", "b"}
                            : std::vector<std::string>{"K", "r", "m"};
  auto residuals = [&](const Eigen::VectorXd& q, Eigen::VectorXd& res, Eigen::MatrixXd* jac) {
    Eigen::VectorXd g(p);
    for (int i = 0; i < n; ++i) {
      const double v =
          model_value(curve, q, t[static_cast<std::size_t>(i)], tmin, jac ? &g : nullptr);
      res[i] = y[static_cast<std::size_t>(i)] - v;
      if (jac) jac->row(i) = g.transpose();
    }
    return res.squaredNorm();
  };
  Eigen::VectorXd res(n), trial_res(n);
  Eigen::MatrixXd jac(n, p);
  double sse = residuals(par, res, &jac);
  double lambda = 1e-3;
  fit.convergence = "maximum iterations reached";
  int it = 0;
  for (; it < max_iterations; ++it) {
    const Eigen::MatrixXd jtj = jac.transpose() * jac;
    const Eigen::VectorXd grad = jac.transpose() * res;
    fit.gradient_norm = grad.norm();
    if (fit.gradient_norm < tolerance * std::max(1.0, sse)) {
      fit.converged = true;
      fit.convergence = "gradient below tolerance";
      break;
    }
    bool improved = false;
    for (int inner = 0; inner < 50; ++inner) {
      Eigen::MatrixXd damped = jtj;
      damped.diagonal() += lambda * jtj.diagonal().cwiseMax(1e-12);
      const Eigen::VectorXd step = damped.ldlt().solve(grad);
      const Eigen::VectorXd candidate = par + step;
      if (!candidate.allFinite()) {
        lambda *= 10.0;
        continue;
      }
      const double trial = residuals(candidate, trial_res, nullptr);
      if (std::isfinite(trial) && trial < sse) {
        const double reduction = (sse - trial) / std::max(sse, 1e-300);
        par = candidate;
        sse = residuals(par, res, &jac);
        lambda = std::max(lambda / 10.0, 1e-12);
        improved = true;
        if (reduction < tolerance || step.norm() < tolerance * (par.norm() + tolerance)) {
          fit.converged = true;
          fit.convergence = "relative change below tolerance";
        }
        break;
      }
      lambda *= 10.0;
    }
    if (fit.converged) {
      ++it;
      break;
    }
    if (!improved) {
      fit.converged = true;
      fit.convergence = "no further decrease possible (at a minimum to machine precision)";
      break;
    }
  }
  fit.iterations = it;
  fit.sse = sse;
  fit.parameters.assign(par.data(), par.data() + p);
  const Eigen::MatrixXd jtj = jac.transpose() * jac;
  const Eigen::JacobiSVD<Eigen::MatrixXd> svd(jtj);
  const double smax = svd.singularValues()(0);
  const double smin = svd.singularValues()(p - 1);
  fit.condition_number = smin > 0.0 ? smax / smin : INFINITY;
  fit.sigma = std::sqrt(sse / (n - p));
  fit.covariance.assign(static_cast<std::size_t>(p * p), NAN);
  fit.standard_errors.assign(static_cast<std::size_t>(p), NAN);
  fit.identified = true;
  if (!fit.converged) {
    fit.identified = false;
    fit.message = "the iterations did not converge (" + fit.convergence + ")";
  } else if (!(fit.condition_number < 1e14)) {
    fit.identified = false;
    fit.message = "J'J is singular to working precision (condition number " +
                  format_value(fit.condition_number) + "): the data do not pin the parameters down";
  } else {
    const Eigen::MatrixXd cov = jtj.inverse() * (fit.sigma * fit.sigma);
    for (int i = 0; i < p; ++i) {
      for (int j = 0; j < p; ++j) fit.covariance[static_cast<std::size_t>(i * p + j)] = cov(i, j);
      fit.standard_errors[static_cast<std::size_t>(i)] = std::sqrt(std::max(cov(i, i), 0.0));
    }
    if (curve != GrowthCurve::kExponential) {
      const double k = fit.parameters[0];
      const double k_se = fit.standard_errors[0];
      if (!(k > 0.0) || !(k_se < k)) {
        fit.identified = false;
        fit.message =
            "the saturation level K = " + format_value(k) + " has a standard error of " +
            format_value(k_se) +
            ", as large as K itself: the data show no sign of saturation, so K is not identified";
      } else if (!(fit.parameters[1] > 0.0)) {
        fit.identified = false;
        fit.message =
            "the fitted growth rate r = " + format_value(fit.parameters[1]) + " is not positive";
      }
    }
  }
  return fit;
}

GrowthProjection project_growth(const GrowthFit& fit, const std::vector<double>& t, double level,
                                bool prediction) {
  if (!fit.identified) {
    throw NumericalError("growth projection refused: the fit is not identified (" + fit.message +
                         ")");
  }
  if (!(level > 0.0 && level < 1.0))
    throw InvalidInput("growth projection: 'level' must lie in (0, 1), got " + format_value(level));
  const int p = static_cast<int>(fit.parameters.size());
  const Eigen::VectorXd par = Eigen::Map<const Eigen::VectorXd>(fit.parameters.data(), p);
  const Eigen::MatrixXd cov =
      Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
          fit.covariance.data(), p, p);
  const double z = normal_quantile(0.5 + 0.5 * level);
  GrowthProjection out;
  out.level = level;
  out.t = t;
  Eigen::VectorXd g(p);
  for (double ti : t) {
    const double v = model_value(fit.curve, par, ti, fit.t0, &g);
    double var = g.dot(cov * g);
    if (prediction) var += fit.sigma * fit.sigma;
    const double half = z * std::sqrt(std::max(var, 0.0));
    out.mean.push_back(v);
    out.lower.push_back(v - half);
    out.upper.push_back(v + half);
  }
  return out;
}

}  // namespace innozone::outcomes
