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
#include "innozone/common/parallel.hpp"

namespace innozone::did {

namespace {

constexpr int kMaxSweeps = 100000;
// Columns of at least this many observations are demeaned by parallel tasks.
constexpr Eigen::Index kParallelRows = 20000;

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

// One absorbed effect: its index per observation and 1 / (sum of weights) per level.
struct Effect {
  const int* index = nullptr;
  int levels = 0;
  std::vector<double> inv_mass;
};

Effect make_effect(const std::vector<int>& index, int levels, const Eigen::VectorXd& w) {
  Effect e;
  e.index = index.data();
  e.levels = levels;
  std::vector<double> mass(static_cast<std::size_t>(levels), 0.0);
  for (std::size_t i = 0; i < index.size(); ++i) {
    mass[static_cast<std::size_t>(index[i])] +=
        w.size() == 0 ? 1.0 : w(static_cast<Eigen::Index>(i));
  }
  e.inv_mass.resize(mass.size());
  for (std::size_t l = 0; l < mass.size(); ++l) {
    e.inv_mass[l] = mass[l] > 0.0 ? 1.0 / mass[l] : 0.0;
  }
  return e;
}

// Subtract the (weighted) level means of one effect from a column, in place; returns
// the largest mean subtracted (how far this projection moved any entry).
double project_out(double* x, Eigen::Index n, const Effect& e, const double* w,
                   std::vector<double>& sums) {
  std::fill(sums.begin(), sums.begin() + e.levels, 0.0);
  if (w == nullptr) {
    for (Eigen::Index i = 0; i < n; ++i) {
      sums[static_cast<std::size_t>(e.index[i])] += x[i];
    }
  } else {
    for (Eigen::Index i = 0; i < n; ++i) {
      sums[static_cast<std::size_t>(e.index[i])] += w[i] * x[i];
    }
  }
  double moved = 0.0;
  for (int l = 0; l < e.levels; ++l) {
    sums[static_cast<std::size_t>(l)] *= e.inv_mass[static_cast<std::size_t>(l)];
    moved = std::max(moved, std::fabs(sums[static_cast<std::size_t>(l)]));
  }
  for (Eigen::Index i = 0; i < n; ++i) {
    x[i] -= sums[static_cast<std::size_t>(e.index[i])];
  }
  return moved;
}

// Within transformation of one column by alternating projections, in place. `exact`:
// one sweep is the exact two-way projection (balanced, unweighted), so no check sweep.
int demean_column(double* x, Eigen::Index n, const std::vector<Effect>& effects, const double* w,
                  bool exact) {
  if (effects.empty()) {
    return 0;
  }
  int max_levels = 0;
  double scale = 1.0;
  for (const Effect& e : effects) {
    max_levels = std::max(max_levels, e.levels);
  }
  for (Eigen::Index i = 0; i < n; ++i) {
    scale = std::max(scale, std::fabs(x[i]));
  }
  std::vector<double> sums(static_cast<std::size_t>(max_levels));
  for (int sweep = 1; sweep <= kMaxSweeps; ++sweep) {
    double moved = 0.0;
    for (const Effect& e : effects) {
      moved += project_out(x, n, e, w, sums);
    }
    if (effects.size() == 1 || exact || moved < 1e-14 * scale) {
      return sweep;
    }
  }
  throw NumericalError("regression: removing the fixed effects did not converge in " +
                       std::to_string(kMaxSweeps) + " sweeps");
}

// Balanced two-way design: every (unit, time) cell observed exactly once.
bool complete_two_way(const std::vector<int>& unit, int units, const std::vector<int>& time,
                      int times) {
  const std::size_t n = unit.size();
  if (units <= 0 || times <= 0 ||
      static_cast<double>(units) * static_cast<double>(times) != static_cast<double>(n)) {
    return false;
  }
  std::vector<char> seen(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    char& cell = seen[static_cast<std::size_t>(unit[i]) * static_cast<std::size_t>(times) +
                      static_cast<std::size_t>(time[i])];
    if (cell != 0) {
      return false;
    }
    cell = 1;
  }
  return true;
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
                         " tested coefficients is singular (rank " + std::to_string(lu.rank()) +
                         ")");
  }
  out.statistic = b.dot(lu.solve(b));
  out.df = static_cast<int>(q);
  out.p_value = chi2_sf(out.statistic, out.df);
  return out;
}

FeRegressionResult fe_regression(const FeRegressionInput& input) {
  const auto n = static_cast<std::size_t>(input.y.size());
  const auto rows = static_cast<Eigen::Index>(n);
  if (n == 0) {
    throw InvalidInput("regression: the outcome is empty");
  }
  if (input.x.rows() != rows && !(input.x.size() == 0 && !input.dummy_codes.empty())) {
    throw InvalidInput("regression: " + std::to_string(input.x.rows()) +
                       " rows of regressors for " + std::to_string(n) + " outcomes");
  }
  const Eigen::Index dense_cols = input.x.rows() == rows ? input.x.cols() : 0;
  if (!input.names.empty() && static_cast<Eigen::Index>(input.names.size()) != dense_cols) {
    throw InvalidInput("regression: " + std::to_string(input.names.size()) + " names for " +
                       std::to_string(dense_cols) + " regressors");
  }
  const auto n_dummies = static_cast<Eigen::Index>(input.dummy_names.size());
  if (!input.dummy_codes.empty() || n_dummies > 0) {
    if (input.dummy_codes.size() != n) {
      throw InvalidInput("regression: " + std::to_string(input.dummy_codes.size()) +
                         " dummy codes for " + std::to_string(n) + " outcomes");
    }
    for (std::size_t i = 0; i < n; ++i) {
      if (input.dummy_codes[i] < -1 || input.dummy_codes[i] >= n_dummies) {
        throw InvalidInput("regression: dummy code " + std::to_string(input.dummy_codes[i]) +
                           " at observation " + std::to_string(i) + " outside -1.." +
                           std::to_string(n_dummies - 1));
      }
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isfinite(input.y(static_cast<Eigen::Index>(i)))) {
      throw InvalidInput("regression: outcome at observation " + std::to_string(i) +
                         " is not finite");
    }
  }
  if (dense_cols > 0 && !input.x.allFinite()) {
    throw InvalidInput("regression: a regressor holds a non-finite value");
  }
  const bool weighted = input.weights.size() != 0;
  if (weighted) {
    if (input.weights.size() != rows) {
      throw InvalidInput("regression: " + std::to_string(input.weights.size()) + " weights for " +
                         std::to_string(n) + " observations");
    }
    for (Eigen::Index i = 0; i < rows; ++i) {
      if (!(input.weights(i) > 0.0) || !std::isfinite(input.weights(i))) {
        throw InvalidInput("regression: weight of observation " + std::to_string(i) + " is " +
                           format_value(input.weights(i)) +
                           "; weights must be positive and finite");
      }
    }
  }
  const int units = count_levels(input.unit, "unit", n);
  const int times = count_levels(input.time, "time", n);
  int clusters = count_levels(input.cluster, "cluster", n);
  const bool absorb = units > 0 || times > 0;
  if (absorb && input.add_constant) {
    throw InvalidInput("regression: a constant cannot be added when fixed effects are absorbed");
  }

  std::vector<std::string> names;
  const Eigen::Index lead = input.add_constant ? 1 : 0;
  const Eigen::Index p = lead + dense_cols + n_dummies;
  if (p == 0) {
    throw InvalidInput("regression: no regressors");
  }
  if (input.add_constant) {
    names.emplace_back("const");
  }
  for (Eigen::Index j = 0; j < dense_cols; ++j) {
    names.push_back(input.names.empty() ? "x" + std::to_string(j)
                                        : input.names[static_cast<std::size_t>(j)]);
  }
  for (const std::string& name : input.dummy_names) {
    names.push_back(name);
  }

  // Columns: outcome first, then the regressors; each demeaned in place by its own task.
  Eigen::MatrixXd m(rows, p + 1);
  Eigen::VectorXd raw_norms(p + 1);
  std::vector<Effect> effects;
  if (units > 0) {
    effects.push_back(make_effect(input.unit, units, input.weights));
  }
  if (times > 0) {
    effects.push_back(make_effect(input.time, times, input.weights));
  }
  const bool exact =
      !weighted && units > 0 && times > 0 && complete_two_way(input.unit, units, input.time, times);
  const double* w = weighted ? input.weights.data() : nullptr;
  std::vector<int> sweeps(static_cast<std::size_t>(p + 1), 0);
  auto fill_and_demean = [&](std::size_t task) {
    const auto j = static_cast<Eigen::Index>(task);
    double* col = m.col(j).data();
    if (j == 0) {
      std::copy(input.y.data(), input.y.data() + rows, col);
    } else if (j - 1 < lead) {
      std::fill(col, col + rows, 1.0);
    } else if (j - 1 - lead < dense_cols) {
      const double* src = input.x.col(j - 1 - lead).data();
      std::copy(src, src + rows, col);
    } else {
      const int code = static_cast<int>(j - 1 - lead - dense_cols);
      std::fill(col, col + rows, 0.0);
      for (Eigen::Index i = 0; i < rows; ++i) {
        if (input.dummy_codes[static_cast<std::size_t>(i)] == code) {
          col[i] = 1.0;
        }
      }
    }
    raw_norms(j) = m.col(j).norm();
    sweeps[task] = demean_column(col, rows, effects, w, exact);
  };
  ParallelOptions options = input.parallel;
  if (rows < kParallelRows || p == 0) {
    options.n_threads = 1;
  }
  options.progress = nullptr;
  parallel_for(static_cast<std::size_t>(p + 1), fill_and_demean, options);
  const int sweeps_used = absorb ? *std::max_element(sweeps.begin(), sweeps.end()) : 0;

  const auto yd = m.col(0);
  const auto xd = m.rightCols(p);
  for (Eigen::Index j = 0; j < p; ++j) {
    if (xd.col(j).norm() <= 1e-10 * std::max(1.0, raw_norms(j + 1))) {
      throw NumericalError("regression: regressor '" + names[static_cast<std::size_t>(j)] +
                           "' is collinear with the fixed effects (no variation left after "
                           "removing unit and time means)");
    }
  }
  // Normal equations (p is small); weighted: X'WX and X'Wy.
  Eigen::MatrixXd xtx(p, p);
  Eigen::VectorXd xty(p);
  if (weighted) {
    const Eigen::MatrixXd wx = input.weights.asDiagonal() * xd;
    xtx.noalias() = wx.transpose() * xd;
    xty.noalias() = wx.transpose() * yd;
  } else {
    xtx.setZero();
    xtx.selfadjointView<Eigen::Lower>().rankUpdate(xd.transpose());
    xtx.triangularView<Eigen::StrictlyUpper>() = xtx.transpose();
    xty.noalias() = xd.transpose() * yd;
  }
  // Rank check on the correlation form of X'WX.
  const Eigen::VectorXd inv_sd = xtx.diagonal().cwiseSqrt().cwiseInverse();
  const Eigen::MatrixXd corr = inv_sd.asDiagonal() * xtx * inv_sd.asDiagonal();
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(corr, Eigen::EigenvaluesOnly);
  if (eig.eigenvalues().minCoeff() <= 1e-12 * std::max(1.0, eig.eigenvalues().maxCoeff())) {
    int rank = 0;
    for (Eigen::Index j = 0; j < p; ++j) {
      rank += eig.eigenvalues()(j) > 1e-12 * eig.eigenvalues().maxCoeff() ? 1 : 0;
    }
    throw NumericalError("regression: the regressors are collinear (rank " + std::to_string(rank) +
                         " of " + std::to_string(p) + ")");
  }
  const Eigen::LDLT<Eigen::MatrixXd> ldlt(xtx);
  FeRegressionResult out;
  out.coef = ldlt.solve(xty);
  Eigen::VectorXd resid = yd;
  resid.noalias() -= xd * out.coef;
  const Eigen::MatrixXd bread = ldlt.solve(Eigen::MatrixXd::Identity(p, p));

  // Clusters: given, else units, else one per observation.
  const std::vector<int>* cluster = &input.cluster;
  std::vector<int> own;
  if (input.cluster.empty()) {
    if (units > 0) {
      cluster = &input.unit;
      clusters = units;
    } else {
      own.resize(n);
      for (std::size_t i = 0; i < n; ++i) {
        own[i] = static_cast<int>(i);
      }
      cluster = &own;
      clusters = static_cast<int>(n);
    }
  }
  const std::vector<int>& cl = *cluster;
  Eigen::VectorXd score_weight = resid;
  if (weighted) {
    score_weight.array() *= input.weights.array();
  }
  Eigen::MatrixXd scores = Eigen::MatrixXd::Zero(clusters, p);
  for (Eigen::Index j = 0; j < p; ++j) {
    const double* xc = xd.col(j).data();
    double* sc = scores.col(j).data();
    for (Eigen::Index i = 0; i < rows; ++i) {
      sc[cl[static_cast<std::size_t>(i)]] += xc[i] * score_weight(i);
    }
  }
  int used_clusters = 0;
  {
    std::vector<char> seen(static_cast<std::size_t>(clusters), 0);
    for (int c : cl) {
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
  Eigen::MatrixXd meat(p, p);
  meat.setZero();
  meat.selfadjointView<Eigen::Lower>().rankUpdate(scores.transpose());
  meat.triangularView<Eigen::StrictlyUpper>() = meat.transpose();

  // K (see the header): slopes plus the counted fixed-effect parameters.
  const int n_fe = (units > 0 ? 1 : 0) + (times > 0 ? 1 : 0);
  const int k_fe = units + times - (n_fe > 1 ? n_fe - 1 : 0);
  int k = static_cast<int>(p);
  switch (input.small_sample) {
    case SmallSample::kNone:
      break;
    case SmallSample::kFull:
      k += k_fe;
      break;
    case SmallSample::kNested: {
      const bool unit_nested = units > 0 && nested_in(input.unit, units, cl);
      const bool time_nested = times > 0 && nested_in(input.time, times, cl);
      const int nested_levels = (unit_nested ? units : 0) + (time_nested ? times : 0);
      const int nested_count = (unit_nested ? 1 : 0) + (time_nested ? 1 : 0);
      k += k_fe - nested_levels + nested_count;
      break;
    }
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
  double tss = 0.0;
  double rss = 0.0;
  for (Eigen::Index i = 0; i < rows; ++i) {
    const double wi = weighted ? input.weights(i) : 1.0;
    tss += wi * yd(i) * yd(i);
    rss += wi * resid(i) * resid(i);
  }
  out.r2_within = tss > 0 ? 1.0 - rss / tss : 0.0;
  out.demean_iterations = sweeps_used;
  return out;
}

}  // namespace innozone::did
