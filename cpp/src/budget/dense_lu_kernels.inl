// The LU kernels of dense_lu.hpp, written once and compiled twice: dense_lu_portable.cpp and
// dense_lu_avx2.cpp include this file inside their own namespace, after including Eigen
// (the AVX2 unit renames Eigen's namespace so that none of its template instances can be
// merged with the baseline ones at link time). Nothing from the standard library is
// instantiated here, for the same reason.

namespace {

using Matrix = Eigen::Map<Eigen::MatrixXd, 0, Eigen::OuterStride<>>;

void update_columns(double* data, long lda, long n, long k, long kb, long c0, long c1);

/// Columns k .. k+kb-1, one column at a time (rank-1 updates inside the panel).
bool factor_columns(double* data, long lda, long n, long k, long kb, int* perm) {
  Matrix a(data, n, n, Eigen::OuterStride<>(lda));
  bool ok = true;
  for (long j = k; j < k + kb; ++j) {
    Eigen::Index p = 0;
    const double largest = a.col(j).tail(n - j).cwiseAbs().maxCoeff(&p);
    p += j;
    if (p != j) {
      a.row(j).swap(a.row(p));
      const int moved = perm[j];
      perm[j] = perm[p];
      perm[p] = moved;
    }
    if (largest == 0.0) {
      ok = false;
      continue;
    }
    a.col(j).tail(n - j - 1) /= a(j, j);
    const long rest = k + kb - j - 1;
    if (rest > 0) {
      a.block(j + 1, j + 1, n - j - 1, rest).noalias() -=
          a.col(j).tail(n - j - 1) * a.row(j).segment(j + 1, rest);
    }
  }
  return ok;
}

/// Recursive panel factorisation (Toledo 1997): the left half, the right half's update by
/// it (matrix products instead of rank-1 updates), then the right half.
bool factor_panel(double* data, long lda, long n, long k, long kb, int* perm) {
  if (kb <= 8) return factor_columns(data, lda, n, k, kb, perm);
  const long half = kb / 2;
  bool ok = factor_panel(data, lda, n, k, half, perm);
  update_columns(data, lda, n, k, half, k + half, k + kb);
  ok = factor_panel(data, lda, n, k + half, kb - half, perm) && ok;
  return ok;
}

void update_columns(double* data, long lda, long n, long k, long kb, long c0, long c1) {
  Matrix a(data, n, n, Eigen::OuterStride<>(lda));
  const long width = c1 - c0;
  a.block(k, k, kb, kb).triangularView<Eigen::UnitLower>().solveInPlace(a.block(k, c0, kb, width));
  const long m = n - k - kb;
  if (m > 0) {
    a.block(k + kb, c0, m, width).noalias() -= a.block(k + kb, k, m, kb) * a.block(k, c0, kb, width);
  }
}

}  // namespace
