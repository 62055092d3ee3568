// Internal to the budget area: a blocked LU factorisation with partial pivoting for the
// Leontief model. The flop-heavy kernels exist twice, compiled for baseline x86-64
// (dense_lu_portable.cpp) and for x86-64-v3, i.e. AVX2 + FMA (dense_lu_avx2.cpp); the
// faster set is chosen at run time from the CPU. Orchestration and threading live in
// dense_lu.cpp, which is compiled for the baseline only.
#pragma once

#include <Eigen/Core>

#include <vector>

#include "dense_lu_kernels.hpp"
#include "innozone/common/parallel.hpp"

namespace innozone::budget::detail {

/// The kernels this CPU runs best: AVX2 + FMA when the CPU and the build have them.
const LuKernels& best_lu_kernels() noexcept;

/// P A = L U of a square matrix, in place: `lu` holds unit-lower L below the diagonal and U
/// on and above it; perm[i] is the original row at row i of P A.
struct DenseLu {
  Eigen::MatrixXd lu;
  std::vector<int> perm;
  bool singular = false;
};

/// Factor `a` with `kernels`. Trailing updates run in parallel (options.n_threads) when the
/// matrix is large enough to pay for it; the result does not depend on the thread count.
DenseLu dense_lu(Eigen::MatrixXd a, const LuKernels& kernels, const ParallelOptions& options = {});

/// Solve A X = B (one column of B per right-hand side).
Eigen::MatrixXd lu_solve(const DenseLu& f, const Eigen::MatrixXd& b);
/// Solve A' x = w.
Eigen::VectorXd lu_solve_transposed(const DenseLu& f, const Eigen::VectorXd& w);
/// Reciprocal 1-norm condition estimate 1 / (||A||_1 est(||A^-1||_1)), the estimator of
/// Hager (1984) as refined by Higham (1988) (LAPACK's xLACON), from the factors.
double lu_rcond(const DenseLu& f, double norm1);

}  // namespace innozone::budget::detail
