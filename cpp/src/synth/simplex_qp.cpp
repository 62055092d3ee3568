// Primal active-set solver for least squares on the unit simplex.
#include "innozone/synth/simplex_qp.hpp"

#include <Eigen/Cholesky>
#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "innozone/common/error.hpp"

namespace innozone::synth {

namespace {

double objective_of(const Eigen::MatrixXd& a, const Eigen::VectorXd& b, double ridge,
                    const Eigen::VectorXd& w) {
  return 0.5 * (a * w - b).squaredNorm() + 0.5 * ridge * w.squaredNorm();
}

KktReport kkt_from_gradient(const Eigen::VectorXd& g, const Eigen::VectorXd& w,
                            double zero_threshold) {
  const Eigen::Index n = w.size();
  KktReport report;
  double g_support = std::numeric_limits<double>::infinity();
  double g_support_max = -std::numeric_limits<double>::infinity();
  for (Eigen::Index i = 0; i < n; ++i) {
    if (w[i] > zero_threshold) {
      g_support = std::min(g_support, g[i]);
      g_support_max = std::max(g_support_max, g[i]);
    }
  }
  report.stationarity = std::isfinite(g_support) ? g_support_max - g_support : 0.0;
  report.multiplier = -g_support;
  for (Eigen::Index i = 0; i < n; ++i) {
    if (w[i] <= zero_threshold) {
      report.dual_infeasibility = std::max(report.dual_infeasibility, g_support - g[i]);
    }
  }
  report.primal_infeasibility = std::abs(w.sum() - 1.0) + std::max(0.0, -w.minCoeff());
  return report;
}

}  // namespace

KktReport simplex_kkt(const Eigen::MatrixXd& h, const Eigen::VectorXd& c, const Eigen::VectorXd& w,
                      double zero_threshold) {
  const Eigen::Index n = w.size();
  if (h.rows() != n || h.cols() != n || c.size() != n) {
    throw InvalidInput("simplex_kkt: H must be " + std::to_string(n) + "x" + std::to_string(n) +
                       " and c of length " + std::to_string(n));
  }
  return kkt_from_gradient(h * w + c, w, zero_threshold);
}

SimplexQpResult simplex_least_squares(const Eigen::MatrixXd& a, const Eigen::VectorXd& b,
                                      const SimplexQpOptions& options,
                                      const Eigen::VectorXd& warm_start) {
  const Eigen::Index n = a.cols();
  if (n == 0) {
    throw InvalidInput("simplex_least_squares: A has no columns (no donors)");
  }
  if (a.rows() != b.size()) {
    throw InvalidInput("simplex_least_squares: A has " + std::to_string(a.rows()) +
                       " rows but b has " + std::to_string(b.size()) + " entries");
  }
  if (!a.allFinite() || !b.allFinite()) {
    throw InvalidInput("simplex_least_squares: A and b must be finite (no NaN or inf)");
  }
  if (options.ridge < 0.0) {
    throw InvalidInput("simplex_least_squares: ridge must be >= 0, got " +
                       std::to_string(options.ridge));
  }
  const int max_iterations =
      options.max_iterations > 0 ? options.max_iterations : static_cast<int>(50 * n + 100);
  const Eigen::VectorXd col_norm2 = a.colwise().squaredNorm().transpose();
  const double scale = std::max(col_norm2.mean(), std::numeric_limits<double>::min());
  const double jitter = options.jitter * scale;
  const Eigen::VectorXd atb = a.transpose() * b;

  // Feasible start: the warm start when it is usable, else the best vertex.
  Eigen::VectorXd w = Eigen::VectorXd::Zero(n);
  bool warm = warm_start.size() == n && warm_start.allFinite() && warm_start.minCoeff() >= 0.0 &&
              warm_start.sum() > 0.0;
  if (warm) {
    w = warm_start / warm_start.sum();
  } else {
    // f(e_i) = 0.5 ||a_i - b||^2 + 0.5 ridge = 0.5 (|a_i|^2 - 2 a_i'b + |b|^2) + ...
    Eigen::Index best = 0;
    (col_norm2 - 2.0 * atb).minCoeff(&best);
    w[best] = 1.0;
  }
  std::vector<char> free(static_cast<std::size_t>(n), 0);
  for (Eigen::Index i = 0; i < n; ++i) {
    free[static_cast<std::size_t>(i)] = w[i] > 0.0 ? 1 : 0;
  }

  SimplexQpResult result;
  Eigen::VectorXd residual = a * w - b;
  for (int iteration = 1; iteration <= max_iterations; ++iteration) {
    result.iterations = iteration;
    std::vector<Eigen::Index> idx;
    for (Eigen::Index i = 0; i < n; ++i) {
      if (free[static_cast<std::size_t>(i)] != 0) {
        idx.push_back(i);
      }
    }
    const auto m = static_cast<Eigen::Index>(idx.size());
    // Equality-constrained minimiser on the free set: H_FF w_F + c_F + mu 1 = 0, 1'w_F = 1.
    Eigen::MatrixXd af(a.rows(), m);
    Eigen::VectorXd cf(m);
    for (Eigen::Index j = 0; j < m; ++j) {
      af.col(j) = a.col(idx[static_cast<std::size_t>(j)]);
      cf[j] = -atb[idx[static_cast<std::size_t>(j)]];
    }
    Eigen::MatrixXd hff = af.transpose() * af;
    hff.diagonal().array() += options.ridge + jitter;
    const Eigen::LLT<Eigen::MatrixXd> llt(hff);
    if (llt.info() != Eigen::Success) {
      throw NumericalError("simplex_least_squares: free-set Gram matrix is not positive definite");
    }
    const Eigen::VectorXd h_inv_c = llt.solve(cf);
    const Eigen::VectorXd h_inv_1 = llt.solve(Eigen::VectorXd::Ones(m));
    const double mu = -(1.0 + h_inv_c.sum()) / h_inv_1.sum();
    const Eigen::VectorXd target = -h_inv_c - mu * h_inv_1;

    if (target.minCoeff() >= 0.0) {
      for (Eigen::Index j = 0; j < m; ++j) {
        w[idx[static_cast<std::size_t>(j)]] = target[j];
      }
      residual = a * w - b;
      const Eigen::VectorXd g = a.transpose() * residual + options.ridge * w;
      double g_free = 0.0;
      for (Eigen::Index j = 0; j < m; ++j) {
        g_free += g[idx[static_cast<std::size_t>(j)]];
      }
      g_free /= static_cast<double>(m);
      const double tol = options.tolerance * std::max(1.0, g.cwiseAbs().maxCoeff());
      Eigen::Index enter = -1;
      double most_negative = -tol;
      for (Eigen::Index i = 0; i < n; ++i) {
        if (free[static_cast<std::size_t>(i)] == 0 && g[i] - g_free < most_negative) {
          most_negative = g[i] - g_free;
          enter = i;
        }
      }
      if (enter < 0) {
        result.converged = true;
        break;
      }
      free[static_cast<std::size_t>(enter)] = 1;
      continue;
    }
    // Step from w toward the target until the first free weight reaches zero.
    double alpha = 1.0;
    Eigen::Index blocking = -1;
    for (Eigen::Index j = 0; j < m; ++j) {
      const Eigen::Index i = idx[static_cast<std::size_t>(j)];
      if (target[j] < 0.0) {
        const double step = w[i] / (w[i] - target[j]);
        if (step < alpha) {
          alpha = step;
          blocking = i;
        }
      }
    }
    for (Eigen::Index j = 0; j < m; ++j) {
      const Eigen::Index i = idx[static_cast<std::size_t>(j)];
      w[i] += alpha * (target[j] - w[i]);
    }
    if (blocking >= 0) {
      w[blocking] = 0.0;
    }
    for (Eigen::Index j = 0; j < m; ++j) {
      const Eigen::Index i = idx[static_cast<std::size_t>(j)];
      if (w[i] <= 0.0) {
        w[i] = 0.0;
        free[static_cast<std::size_t>(i)] = 0;
      }
    }
    w /= w.sum();
  }
  result.weights = w;
  result.objective = objective_of(a, b, options.ridge, w);
  result.kkt = kkt_from_gradient(a.transpose() * (a * w - b) + options.ridge * w, w, 1e-12);
  return result;
}

}  // namespace innozone::synth
