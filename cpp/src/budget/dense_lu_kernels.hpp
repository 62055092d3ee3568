// Internal to the budget area: the kernel table of the blocked LU (dense_lu.hpp). This header
// includes nothing, so the AVX2 unit can use it without pulling baseline code into itself.
#pragma once

namespace innozone::budget::detail {

/// Kernels on a column-major n x n matrix `a` with leading dimension `lda`.
struct LuKernels {
  const char* name;
  /// Factor columns k .. k+kb-1 (unblocked, partial pivoting). Pivot rows are swapped across
  /// all n columns; perm records the permutation (perm[i] = original row now at row i).
  /// Returns false when a pivot column is exactly zero (the matrix is singular).
  bool (*factor_panel)(double* a, long lda, long n, long k, long kb, int* perm);
  /// For trailing columns c0 .. c1-1 (absolute indices >= k + kb): A12 <- L11^-1 A12 and
  /// A22 <- A22 - A21 A12, the blocked update of one column strip.
  void (*update_columns)(double* a, long lda, long n, long k, long kb, long c0, long c1);
};

/// The baseline kernels.
const LuKernels& portable_lu_kernels() noexcept;
/// The AVX2 + FMA kernels, or nullptr when this build has none (not x86-64, or a compiler
/// without the flags).
const LuKernels* avx2_lu_kernels() noexcept;

}  // namespace innozone::budget::detail
