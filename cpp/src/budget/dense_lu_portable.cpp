// The LU kernels for baseline x86-64 (and any other architecture). See dense_lu.hpp.
#include <Eigen/Core>

#include "dense_lu_kernels.hpp"

namespace innozone::budget::detail {
namespace portable {
#include "dense_lu_kernels.inl"
}  // namespace portable

const LuKernels& portable_lu_kernels() noexcept {
  static const LuKernels kernels{"portable", &portable::factor_panel, &portable::update_columns};
  return kernels;
}

}  // namespace innozone::budget::detail
