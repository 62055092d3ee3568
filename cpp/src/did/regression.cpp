// Fixed-effects least squares with CR1 cluster-robust covariance (see regression.hpp).
#include "innozone/did/regression.hpp"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "innozone/common/error.hpp"
#include "innozone/common/math.hpp"

namespace innozone::did {

namespace {

int count_levels(const std::vector<int>& index, const char* what, std::size_t n) {
  if (index.empty()) {
    return 0;
  }
  if (index.size() != n) {
    throw InvalidInput(std::string(what) + " index has " + std::to_string(index.size()) +
                       " entries but the outcome has " + std::to_string(n));
  }
  int max_level = -1;
  for (std::size_t i = 0; i < n; ++i) {
    if (index[i] < 0) {
      throw InvalidInput(std::string(what) + " index " + std::to_string(index[i]) +
                         " at observation " + std::to_string(i) + " is negative");
    }
    max_level = std::max(max_level, index[i]);
  }
  return max_level + 1;
}

// Subtract group means of `index` from every column of m (in place).
void demean_by(Eigen::MatrixXd& m, const std::vector<int>& index, int levels,
               const std::vector<double>& counts) {
  Eigen::MatrixXd sums = Eigen::MatrixXd::Zero(levels, m.cols());
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    sums.row(index[static_cast<std::size_t>(i)]) += m.row(i);
  }
  for (int l = 0; l < levels; ++l) {
    if (counts[static_cast<std::size_t>(l)] > 0) {
      sums.row(l) /= counts[static_cast<std::size_t>(l)];
    }
  }
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    m.row(i) -= sums.row(index[static_cast<std::size_t>(i)]);
  }
}

std::vector<double> level_counts(const std::vector<int>& index, int levels) {
  std::vector<double> counts(static_cast<std::size_t>(levels), 0.0);
  for (int level : index) {
    counts[static_cast<std::size_t>(level)] += 1.0;
  }
  return counts;
}

// True when every level of `fe` falls in a single cluster.
bool nested_in(const std::vector<int>& fe, int fe_levels, const std::vector<int>& cluster) {
  std::vector<int> owner(static_cast<std::size_t>(fe_levels), -1);
  for (std::size_t i = 0; i < fe.size(); ++i) {
    int& o = owner[static_cast<std::size_t>(fe[i])];
    if (o < 0) {
      o = cluster[i];
    } else if (o != cluster[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

double chi2_sf(double x, double df) {
  if (!(df > 0.0)) {
    throw InvalidInput("chi-square degrees of freedom must be positive, got " + std::to_string(df));
  }
  if (std::isnan(x)) {
    return std::numeric_limits<double>::quiet_NaN();
  }
  // A Wald statistic can come out a hair below zero through rounding: that is p = 1.
  return gamma_q(0.5 * df, std::max(0.0, 0.5 * x));
}

WaldTest wald_test(const Eigen::VectorXd& coef, const Eigen::MatrixXd& vcov,
                   const std::vector<int>& which) {
  WaldTest out;
  if (which.empty()) {
    out.p_value = std::numeric_limits<double>::quiet_NaN();
    out.statistic = std::numeric_limits<double>::quiet_NaN();
    return out;
  }
  const auto q = static_cast<Eigen::Index>(which.size());
  Eigen::VectorXd b(q);
  Eigen::MatrixXd v(q, q);
  for (Eigen::Index i = 0; i < q; ++i) {
    const int wi = which[static_cast<std::size_t>(i)];
    if (wi < 0 || wi >= coef.size()) {
      throw OutOfRange("Wald test coefficient index " + std::to_string(wi) + " outside 0.." +
                       std::to_string(coef.size() - 1));
    }
    b(i) = coef(wi);
    for (Eigen::Index j = 0; j < q; ++j) {
      v(i, j) = vcov(wi, which[static_cast<std::size_t>(j)]);
    }
  }
  const Eigen::FullPivLU<Eigen::MatrixXd> lu(v);
  if (lu.rank() < q) {
    throw NumericalError("Wald test: the covariance of the " + std::to_string(q) +
                         " tested coefficients is singular (rank " + std::to_string(lu.rank()) + ")");
  }
  out.statistic = b.dot(lu.solve(b));
  out.df = static_cast<int>(q);
  out.p_value = chi2_sf(out.statistic, out.df);
  return out;
}

FeRegressionResult fe_regression(const FeRegressionInput& input) {
  const auto n = static_cast<std::size_t>(input.y.size());
  if (n == 0) {
    throw InvalidInput("regression: the outcome is empty");
  }
  if (static_cast<std::size_t>(input.x.rows()) != n) {
    throw InvalidInput("regression: " + std::to_string(input.x.rows()) +
                       " rows of regressors for " + std::to_string(n) + " outcomes");
  }
  if (!input.names.empty() && static_cast<Eigen::Index>(input.names.size()) != input.x.cols()) {
    throw InvalidInput("regression: " + std::to_string(input.names.size()) + " names for " +
                       std::to_string(input.x.cols()) + " regressors");
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isfinite(input.y(static_cast<Eigen::Index>(i)))) {
      throw InvalidInput("regression: outcome at observation " + std::to_string(i) + " is not finite");
    }
  }
  if (!input.x.allFinite()) {
    throw InvalidInput("regression: a regressor holds a non-finite value");
  }
  const int units = count_levels(input.unit, "unit", n);
  const int times = count_levels(input.time, "time", n);
  int clusters = count_levels(input.cluster, "cluster", n);
  const bool absorb = units > 0 || times > 0;
  if (absorb && input.add_constant) {
    throw InvalidInput("regression: a constant cannot be added when fixed effects are absorbed");
  }

  std::vector<std::string> names;
  Eigen::MatrixXd x;
  if (input.add_constant) {
    x.resize(static_cast<Eigen::Index>(n), input.x.cols() + 1);
    x.col(0).setOnes();
    x.rightCols(input.x.cols()) = input.x;
    names.emplace_back("const");
  } else {
    x = input.x;
  }
  for (Eigen::Index j = 0; j < input.x.cols(); ++j) {
    names.push_back(input.names.empty() ? "x" + std::to_string(j)
                                        : input.names[static_cast<std::size_t>(j)]);
  }
  const Eigen::Index p = x.cols();
  if (p == 0) {
    throw InvalidInput("regression: no regressors");
  }

  // Within transformation by alternating projections (exact after one sweep when the
  // panel is balanced; converges geometrically otherwise).
  Eigen::MatrixXd m(static_cast<Eigen::Index>(n), p + 1);
  m.col(0) = input.y;
  m.rightCols(p) = x;
  const Eigen::VectorXd raw_norms = m.colwise().norm().transpose();
  int sweeps = 0;
  if (absorb) {
    const auto unit_counts = level_counts(input.unit, units);
    const auto time_counts = level_counts(input.time, times);
    const double scale = std::max(1.0, m.cwiseAbs().maxCoeff());
    for (sweeps = 1; sweeps <= 100000; ++sweeps) {
      const Eigen::MatrixXd before = m;
      if (units > 0) {
        demean_by(m, input.unit, units, unit_counts);
      }
      if (times > 0) {
        demean_by(m, input.time, times, time_counts);
      }
      if (units == 0 || times == 0 || (before - m).cwiseAbs().maxCoeff() < 1e-14 * scale) {
        break;
      }
    }
  }
  const Eigen::VectorXd yd = m.col(0);
  const Eigen::MatrixXd xd = m.rightCols(p);
  for (Eigen::Index j = 0; j < p; ++j) {
    if (xd.col(j).norm() <= 1e-10 * std::max(1.0, raw_norms(j + 1))) {
      throw NumericalError("regression: regressor '" + names[static_cast<std::size_t>(j)] +
                           "' is collinear with the fixed effects (no variation left after "
                           "removing unit and time means)");
    }
  }
  const Eigen::MatrixXd xtx = xd.transpose() * xd;
  const Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(xd);
  if (qr.rank() < p) {
    throw NumericalError("regression: the regressors are collinear (rank " +
                         std::to_string(qr.rank()) + " of " + std::to_string(p) + ")");
  }
  FeRegressionResult out;
  out.coef = qr.solve(yd);
  const Eigen::VectorXd resid = yd - xd * out.coef;
  const Eigen::MatrixXd bread = xtx.ldlt().solve(Eigen::MatrixXd::Identity(p, p));

  // Clusters: given, else units, else one per observation.
  std::vector<int> cluster = input.cluster;
  if (cluster.empty()) {
    if (units > 0) {
      cluster = input.unit;
      clusters = units;
    } else {
      cluster.resize(n);
      for (std::size_t i = 0; i < n; ++i) {
        cluster[i] = static_cast<int>(i);
      }
      clusters = static_cast<int>(n);
    }
  }
  Eigen::MatrixXd scores = Eigen::MatrixXd::Zero(clusters, p);
  for (std::size_t i = 0; i < n; ++i) {
    scores.row(cluster[i]) += xd.row(static_cast<Eigen::Index>(i)) * resid(static_cast<Eigen::Index>(i));
  }
  int used_clusters = 0;
  {
    std::vector<char> seen(static_cast<std::size_t>(clusters), 0);
    for (int c : cluster) {
      if (seen[static_cast<std::size_t>(c)] == 0) {
        seen[static_cast<std::size_t>(c)] = 1;
        ++used_clusters;
      }
    }
  }
  if (used_clusters < 2) {
    throw InvalidInput("regression: cluster-robust standard errors need at least 2 clusters, got " +
                       std::to_string(used_clusters));
  }
  const Eigen::MatrixXd meat = scores.transpose() * scores;

  // K: slopes plus the fixed-effect parameters (see the header).
  int k = static_cast<int>(p);
  const bool unit_nested = units > 0 && input.small_sample == SmallSample::kNested &&
                           nested_in(input.unit, units, cluster);
  const bool time_nested = times > 0 && input.small_sample == SmallSample::kNested &&
                           nested_in(input.time, times, cluster);
  if (units > 0 && times > 0) {
    k += (unit_nested ? 0 : units) + (time_nested ? 0 : times) - ((unit_nested || time_nested) ? 0 : 1);
    if (unit_nested && !time_nested) {
      k -= 1;  // one time level is absorbed by the unit effects
    }
  } else if (units > 0) {
    k += unit_nested ? 0 : units;
  } else if (times > 0) {
    k += time_nested ? 0 : times;
  }
  const double nn = static_cast<double>(n);
  const double g = static_cast<double>(used_clusters);
  if (nn - k <= 0) {
    throw InvalidInput("regression: " + std::to_string(n) + " observations cannot identify " +
                       std::to_string(k) + " parameters");
  }
  out.small_sample_factor = g / (g - 1.0) * (nn - 1.0) / (nn - k);
  out.vcov = out.small_sample_factor * bread * meat * bread;
  out.se = out.vcov.diagonal().cwiseMax(0.0).cwiseSqrt();
  out.names = names;
  out.n_obs = static_cast<int>(n);
  out.n_clusters = used_clusters;
  out.n_params = k;
  const double tss = yd.squaredNorm();
  out.r2_within = tss > 0 ? 1.0 - resid.squaredNorm() / tss : 0.0;
  out.demean_iterations = sweeps;
  return out;
}

}  // namespace innozone::did
