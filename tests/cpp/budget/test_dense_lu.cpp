// The blocked LU behind the Leontief model: both kernel sets (baseline and AVX2 + FMA)
// against Eigen's PartialPivLU, determinism across thread counts, the condition estimate.
#include <gtest/gtest.h>

#include <Eigen/Dense>

#include <cmath>
#include <vector>

#include "../../../cpp/src/budget/dense_lu.hpp"  // internal header of the budget area
#include "innozone/budget/input_output.hpp"

namespace {

using namespace innozone::budget;          // NOLINT
using namespace innozone::budget::detail;  // NOLINT

std::vector<const LuKernels*> kernel_sets() {
  std::vector<const LuKernels*> out{&portable_lu_kernels()};
  if (avx2_lu_kernels() != nullptr && &best_lu_kernels() == avx2_lu_kernels())
    out.push_back(avx2_lu_kernels());
  return out;
}

Eigen::MatrixXd test_matrix(Eigen::Index n) {
  Eigen::MatrixXd a(n, n);
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = 0; j < n; ++j)
      a(i, j) = std::sin(static_cast<double>(3 * i + 7 * j + 1)) + (i == j ? 2.0 : 0.0);
  }
  return a;
}

TEST(DenseLu, FactorsAndSolvesLikePartialPivLu) {
  for (Eigen::Index n : {1, 5, 32, 33, 97, 250, 400}) {
    const Eigen::MatrixXd a = test_matrix(n);
    const Eigen::MatrixXd b = Eigen::MatrixXd::Random(n, 3);
    const Eigen::MatrixXd reference = Eigen::PartialPivLU<Eigen::MatrixXd>(a).solve(b);
    const Eigen::VectorXd w = Eigen::VectorXd::LinSpaced(n, -1.0, 2.0);
    const Eigen::VectorXd reference_t =
        Eigen::PartialPivLU<Eigen::MatrixXd>(a.transpose()).solve(w);
    for (const LuKernels* kernels : kernel_sets()) {
      const DenseLu f = dense_lu(a, *kernels);
      ASSERT_FALSE(f.singular);
      Eigen::MatrixXd pa(n, n);
      for (Eigen::Index i = 0; i < n; ++i) pa.row(i) = a.row(f.perm[static_cast<std::size_t>(i)]);
      const Eigen::MatrixXd l = f.lu.triangularView<Eigen::UnitLower>();
      const Eigen::MatrixXd u = f.lu.triangularView<Eigen::Upper>();
      EXPECT_LT((pa - l * u).norm() / a.norm(), 1e-14) << kernels->name << " n=" << n;
      EXPECT_LT((lu_solve(f, b) - reference).norm() / reference.norm(), 1e-12) << kernels->name;
      EXPECT_LT((lu_solve_transposed(f, w) - reference_t).norm() / reference_t.norm(), 1e-12)
          << kernels->name;
    }
  }
}

TEST(DenseLu, ResultDoesNotDependOnTheThreadCount) {
  const Eigen::MatrixXd a = test_matrix(400);
  innozone::ParallelOptions one;
  one.n_threads = 1;
  innozone::ParallelOptions two;
  two.n_threads = 2;
  const DenseLu f1 = dense_lu(a, best_lu_kernels(), one);
  const DenseLu f2 = dense_lu(a, best_lu_kernels(), two);
  EXPECT_EQ(f1.perm, f2.perm);
  EXPECT_TRUE((f1.lu.array() == f2.lu.array()).all());
}

TEST(DenseLu, ConditionEstimateAndSingularity) {
  // diag(1, 1e-3, 1e3): the 1-norm condition number is 1e6 exactly.
  Eigen::MatrixXd d = Eigen::MatrixXd::Zero(3, 3);
  d.diagonal() << 1.0, 1e-3, 1e3;
  const DenseLu f = dense_lu(d, portable_lu_kernels());
  EXPECT_NEAR(lu_rcond(f, 1e3), 1e-6, 1e-18);
  // Within a factor 3 of Eigen's own estimate on a general matrix (both are estimates of the
  // same quantity; the true value lies above both).
  const Eigen::MatrixXd a = test_matrix(120);
  const double norm1 = a.cwiseAbs().colwise().sum().maxCoeff();
  const double exact = 1.0 / (norm1 * a.inverse().cwiseAbs().colwise().sum().maxCoeff());
  const double ours = lu_rcond(dense_lu(a, best_lu_kernels()), norm1);
  EXPECT_GE(ours, exact * (1.0 - 1e-12));
  EXPECT_LE(ours, 3.0 * exact);
  Eigen::MatrixXd singular = Eigen::MatrixXd::Ones(4, 4);
  const DenseLu g = dense_lu(singular, best_lu_kernels());
  EXPECT_TRUE(g.singular || lu_rcond(g, 4.0) < 1e-14);
}

TEST(DenseLu, LeontiefModelOfFourHundredSectorsSolvesToRoundOff) {
  const Eigen::Index n = 400;
  Eigen::MatrixXd a(n, n);
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = 0; j < n; ++j)
      a(i, j) = 0.9 / static_cast<double>(n) * (1.0 + std::cos(static_cast<double>(i + 2 * j)));
  }
  const LeontiefModel model(a);
  const Eigen::VectorXd f = Eigen::VectorXd::LinSpaced(n, 1.0, 3.0);
  const Eigen::VectorXd x = model.solve(f);
  EXPECT_LT((x - a * x - f).norm() / f.norm(), 1e-13);
  EXPECT_GT(model.rcond(), 0.01);
}

}  // namespace
