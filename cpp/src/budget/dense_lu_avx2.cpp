// The LU kernels compiled for x86-64-v3 (AVX2 + FMA; cmake/InnozoneSimd.cmake adds the flags
// to files named *_avx2.cpp). They run only when the CPU has AVX2 and FMA (dense_lu.cpp).
//
// Eigen's namespace is renamed in this unit: its templates compiled here use AVX2
// instructions, and if they shared names with the baseline instances elsewhere the linker
// could keep one copy for both and run AVX2 code on a CPU without it. The CTest
// innozone-avx2-symbols checks the object file for symbols it shares with other units.
#include "dense_lu_kernels.hpp"

#if defined(__AVX2__) && defined(__FMA__)
#define Eigen innozone_eigen_avx2
#include <Eigen/Core>

namespace innozone::budget::detail {
namespace avx2 {
#include "dense_lu_kernels.inl"
}  // namespace avx2

const LuKernels* avx2_lu_kernels() noexcept {
  static const LuKernels kernels{"avx2+fma", &avx2::factor_panel, &avx2::update_columns};
  return &kernels;
}

}  // namespace innozone::budget::detail
#else
namespace innozone::budget::detail {
const LuKernels* avx2_lu_kernels() noexcept { return nullptr; }
}  // namespace innozone::budget::detail
#endif
