#include "dense_lu.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace innozone::budget::detail {

namespace {

/// Columns factored per panel, and columns per parallel strip of the trailing update.
constexpr long kPanel = 64;
constexpr long kStrip = 64;
/// Trailing updates narrower than this run on the calling thread: waking the workers costs
/// more than the split saves (most of the work is in the first, widest updates anyway).
constexpr long kParallelFrom = 192;

bool cpu_has_avx2_fma() noexcept {
#if (defined(__GNUC__) || defined(__clang__)) && defined(__x86_64__)
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
  return false;
#endif
}

}  // namespace

const LuKernels& best_lu_kernels() noexcept {
  static const LuKernels* const chosen = (avx2_lu_kernels() != nullptr && cpu_has_avx2_fma())
                                             ? avx2_lu_kernels()
                                             : &portable_lu_kernels();
  return *chosen;
}

DenseLu dense_lu(Eigen::MatrixXd a, const LuKernels& kernels, const ParallelOptions& options) {
  const long n = static_cast<long>(a.rows());
  DenseLu f;
  f.perm.resize(static_cast<std::size_t>(n));
  std::iota(f.perm.begin(), f.perm.end(), 0);
  double* data = a.data();
  const long lda = static_cast<long>(a.outerStride());
  ParallelOptions quiet;
  quiet.n_threads = options.n_threads;
  for (long k = 0; k < n; k += kPanel) {
    const long kb = std::min(kPanel, n - k);
    if (!kernels.factor_panel(data, lda, n, k, kb, f.perm.data())) f.singular = true;
    const long first = k + kb;
    if (first >= n) continue;
    const auto strips = static_cast<std::size_t>((n - first + kStrip - 1) / kStrip);
    // The strips do not depend on the thread count, so neither does the result.
    const auto strip = [&kernels, data, lda, n, k, kb, first](std::size_t s) {
      const long c0 = first + static_cast<long>(s) * kStrip;
      kernels.update_columns(data, lda, n, k, kb, c0, std::min(n, c0 + kStrip));
    };
    if (n - first >= kParallelFrom && options.n_threads != 1) {
      parallel_for(strips, strip, quiet);
    } else {
      for (std::size_t s = 0; s < strips; ++s) strip(s);
    }
  }
  f.lu = std::move(a);
  return f;
}

Eigen::MatrixXd lu_solve(const DenseLu& f, const Eigen::MatrixXd& b) {
  const Eigen::Index n = f.lu.rows();
  if (b.cols() == 1) {
    // One right-hand side: the vector substitutions, without the blocked-matrix machinery.
    Eigen::VectorXd x(n);
    for (Eigen::Index i = 0; i < n; ++i) x(i) = b(f.perm[static_cast<std::size_t>(i)], 0);
    f.lu.triangularView<Eigen::UnitLower>().solveInPlace(x);
    f.lu.triangularView<Eigen::Upper>().solveInPlace(x);
    return x;
  }
  Eigen::MatrixXd x(n, b.cols());
  for (Eigen::Index i = 0; i < n; ++i) x.row(i) = b.row(f.perm[static_cast<std::size_t>(i)]);
  f.lu.triangularView<Eigen::UnitLower>().solveInPlace(x);
  f.lu.triangularView<Eigen::Upper>().solveInPlace(x);
  return x;
}

Eigen::VectorXd lu_solve_transposed(const DenseLu& f, const Eigen::VectorXd& w) {
  // P A = L U, so A' = U' L' P: solve U' y = w, then L' v = y, then x = P' v.
  Eigen::VectorXd v = w;
  f.lu.triangularView<Eigen::Upper>().transpose().solveInPlace(v);
  f.lu.triangularView<Eigen::UnitLower>().transpose().solveInPlace(v);
  Eigen::VectorXd x(v.size());
  for (Eigen::Index i = 0; i < v.size(); ++i) x(f.perm[static_cast<std::size_t>(i)]) = v(i);
  return x;
}

double lu_rcond(const DenseLu& f, double norm1) {
  const Eigen::Index n = f.lu.rows();
  if (f.singular || n == 0 || !(norm1 > 0.0)) return 0.0;
  for (Eigen::Index i = 0; i < n; ++i) {
    if (f.lu(i, i) == 0.0) return 0.0;
  }
  // Hager's power iteration on ||A^-1 x||_1 over the unit 1-norm ball.
  Eigen::VectorXd x = Eigen::VectorXd::Constant(n, 1.0 / static_cast<double>(n));
  double estimate = 0.0;
  Eigen::Index last = -1;
  for (int iteration = 0; iteration < 5; ++iteration) {
    const Eigen::VectorXd y = lu_solve(f, x);
    const double norm = y.lpNorm<1>();
    if (iteration > 0 && norm <= estimate) break;
    estimate = norm;
    Eigen::VectorXd sign(n);
    for (Eigen::Index i = 0; i < n; ++i) sign(i) = y(i) >= 0.0 ? 1.0 : -1.0;
    const Eigen::VectorXd z = lu_solve_transposed(f, sign);
    Eigen::Index j = 0;
    const double largest = z.cwiseAbs().maxCoeff(&j);
    if (largest <= z.dot(x) || j == last) break;
    last = j;
    x.setZero();
    x(j) = 1.0;
  }
  // Higham's extra vector guards against the iteration's known failure cases.
  Eigen::VectorXd alternating(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const double magnitude =
        1.0 + (n > 1 ? static_cast<double>(i) / static_cast<double>(n - 1) : 0.0);
    alternating(i) = (i % 2 == 0) ? magnitude : -magnitude;
  }
  estimate = std::max(estimate,
                      2.0 * lu_solve(f, alternating).lpNorm<1>() / (3.0 * static_cast<double>(n)));
  if (!std::isfinite(estimate) || estimate <= 0.0) return 0.0;
  return 1.0 / (norm1 * estimate);
}

}  // namespace innozone::budget::detail
