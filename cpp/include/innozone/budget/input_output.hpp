/// @file input_output.hpp
/// @brief Input-output ripple effects: technical coefficients, the Leontief model solved by
///        a blocked, parallel LU factorisation with run-time AVX2 + FMA kernels (the
///        inverse is never formed unless asked for), Type I and
///        Type II (households endogenous) multipliers, induced output, value added and jobs,
///        and the quick estimate from aggregate inducement coefficients.
///
/// Notation follows Miller & Blair, Input-Output Analysis (2nd ed., 2009), ch. 2 and 6:
/// Z (n x n) holds the inter-industry flows, Z(i, j) = sales of sector i to sector j; x is
/// total output; A = Z diag(x)^-1; L = (I - A)^-1; a final-demand change f induces output
/// L f. Money units are the caller's (e.g. 억원); employment is persons per unit of output.
#pragma once

#include <Eigen/Core>

#include <memory>
#include <string>

namespace innozone::budget {

/// A read-only view of a matrix in any memory layout (column-major Eigen matrices, and
/// row-major NumPy arrays without a copy).
using MatrixView =
    Eigen::Ref<const Eigen::MatrixXd, 0, Eigen::Stride<Eigen::Dynamic, Eigen::Dynamic>>;

/// Technical coefficients A = Z diag(x)^-1. Z must be square, finite and >= 0; x > 0.
Eigen::MatrixXd technical_coefficients(const MatrixView& flows, const Eigen::VectorXd& output);

/// The Leontief model of a coefficient matrix, holding an LU factorisation of I - A.
class LeontiefModel {
 public:
  /// `check_productive` requires every column of A to sum to less than 1 (the open model
  /// of a productive economy); the closed (Type II) model does not need it.
  explicit LeontiefModel(Eigen::MatrixXd coefficients, bool check_productive = true);
  /// From flows and total output.
  static LeontiefModel from_flows(const MatrixView& flows, const Eigen::VectorXd& output);

  [[nodiscard]] Eigen::Index size() const;
  [[nodiscard]] const Eigen::MatrixXd& coefficients() const;
  /// Total output L f for a final-demand vector (or one column per scenario).
  [[nodiscard]] Eigen::MatrixXd solve(const Eigen::MatrixXd& final_demand) const;
  /// Multipliers w' L (one per column sector), via the transposed system (I - A)' m = w.
  [[nodiscard]] Eigen::VectorXd multipliers(const Eigen::VectorXd& weights) const;
  /// Leontief inverse L, by solving (I - A) L = I with the LU factors.
  [[nodiscard]] Eigen::MatrixXd inverse() const;
  /// Reciprocal 1-norm condition-number estimate of I - A (Hager-Higham, from the LU
  /// factors; computed on first use).
  [[nodiscard]] double rcond() const;
  /// Name of the LU kernels in use: "avx2+fma" (chosen at run time on CPUs with AVX2 and
  /// FMA) or "portable".
  static std::string kernels();

 private:
  struct Impl;
  std::shared_ptr<const Impl> impl_;
};

/// Household closure for Type II: an (n+1) x (n+1) flow table whose extra row holds labour
/// compensation paid by each sector, whose extra column holds household consumption of
/// each sector's output, and whose extra total output is household income.
struct ClosedTable {
  Eigen::MatrixXd flows;
  Eigen::VectorXd output;
};
/// household_income <= 0 or NaN means "use the sum of compensation".
ClosedTable close_households(const Eigen::MatrixXd& flows, const Eigen::VectorXd& output,
                             const Eigen::VectorXd& compensation,
                             const Eigen::VectorXd& consumption, double household_income);

/// An inter-industry table with its satellite rows. Empty vectors mean "not given".
struct IoTable {
  Eigen::MatrixXd flows;
  Eigen::VectorXd output;
  Eigen::VectorXd value_added;    ///< per sector, money
  Eigen::VectorXd employment;     ///< per sector, persons
  Eigen::VectorXd compensation;   ///< labour income paid per sector (Type II)
  Eigen::VectorXd consumption;    ///< household consumption per sector (Type II)
  double household_income = 0.0;  ///< total household income; <= 0 -> sum(compensation)
};

/// Multipliers by column sector. Type I: open model. Type II: households endogenous (only
/// when compensation and consumption are given; the vectors are empty otherwise). Value
/// added and employment multipliers need their rows (empty otherwise). The income
/// multipliers (labour income per unit of final demand) need compensation.
struct IoMultipliers {
  Eigen::VectorXd output_type1;
  Eigen::VectorXd value_added_type1;
  Eigen::VectorXd employment_type1;
  Eigen::VectorXd income_type1;
  Eigen::VectorXd output_type2;
  Eigen::VectorXd value_added_type2;
  Eigen::VectorXd employment_type2;
  Eigen::VectorXd income_type2;
};
IoMultipliers io_multipliers(const IoTable& table);

/// Effects of a final-demand change by sector (Type I; Type II where available).
struct IoImpact {
  Eigen::VectorXd output_type1;
  Eigen::VectorXd value_added_type1;
  Eigen::VectorXd employment_type1;
  Eigen::VectorXd output_type2;
  Eigen::VectorXd value_added_type2;
  Eigen::VectorXd employment_type2;
  double household_income_type2 = 0.0;
};
IoImpact io_impact(const IoTable& table, const Eigen::VectorXd& final_demand);

/// Quick estimate from aggregate (all-industry) inducement coefficients, for when no table
/// is at hand: output = production_coefficient * spending, value added =
/// value_added_coefficient * spending, jobs = jobs_per_unit * spending.
struct AggregateRipple {
  double output = 0.0;
  double value_added = 0.0;
  double jobs = 0.0;
};
AggregateRipple aggregate_ripple(double spending, double production_coefficient,
                                 double value_added_coefficient, double jobs_per_unit);

}  // namespace innozone::budget
