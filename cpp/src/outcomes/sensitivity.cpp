#include "innozone/outcomes/sensitivity.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "innozone/common/error.hpp"
#include "innozone/common/random.hpp"
#include "innozone/outcomes/montecarlo.hpp"

namespace innozone::outcomes {
namespace {

constexpr std::uint64_t kTagMorris = 0x4d4f52ull;
constexpr std::uint64_t kTagBootstrap = 0x424f4full;

std::vector<double> map_row(const ParameterSpace& space, const std::vector<std::size_t>& map, const double* unit) {
  std::vector<double> row(map.size());
  for (std::size_t k = 0; k < map.size(); ++k) row[k] = space.quantile(map[k], unit[map[k]]);
  return row;
}

double percentile(std::vector<double>& values, double p) {
  const double h = p * static_cast<double>(values.size() - 1);
  const auto k = static_cast<std::size_t>(std::floor(h));
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(k), values.end());
  const double below = values[k];
  if (k + 1 >= values.size()) return below;
  const double above = *std::min_element(values.begin() + static_cast<std::ptrdiff_t>(k + 1), values.end());
  return below + (h - static_cast<double>(k)) * (above - below);
}

}  // namespace

void IshigamiModel::evaluate(const double* x, double* out) const {
  const double s1 = std::sin(x[0]);
  const double s2 = std::sin(x[1]);
  const double x3 = x[2] * x[2];
  out[0] = s1 + a_ * s2 * s2 + b_ * x3 * x3 * s1;
}

void IshigamiModel::evaluate_batch(const double* inputs, std::size_t rows, double* outputs) const {
  for (std::size_t r = 0; r < rows; ++r) evaluate(inputs + 3 * r, outputs + r);
}

TornadoResult tornado(const OutcomeModel& model, const ParameterSpace& space, double low, double high) {
  if (!(low > 0.0 && low < high && high < 1.0)) {
    throw InvalidInput("tornado: need 0 < low < high < 1, got low=" + std::to_string(low) + ", high=" +
                       std::to_string(high));
  }
  const std::vector<std::size_t> map = match_inputs(model, space);
  const std::size_t d = map.size();
  const std::size_t m = model.n_outputs();
  std::vector<double> unit(space.size(), 0.5);
  std::vector<double> inputs;
  const std::vector<double> base_row = map_row(space, map, unit.data());
  inputs.insert(inputs.end(), base_row.begin(), base_row.end());
  TornadoResult out;
  for (std::size_t k = 0; k < d; ++k) {
    for (double q : {low, high}) {
      std::vector<double> row = base_row;
      row[k] = space.quantile(map[k], q);
      inputs.insert(inputs.end(), row.begin(), row.end());
      (q == low ? out.low_values : out.high_values).push_back(row[k]);
    }
  }
  ParallelOptions serial;
  serial.n_threads = 1;
  out.outputs = evaluate_rows(model, inputs, 1 + 2 * d, serial);
  out.base.assign(out.outputs.begin(), out.outputs.begin() + static_cast<std::ptrdiff_t>(m));
  return out;
}

void morris_statistics(const std::vector<double>& design, const std::vector<double>& outputs, std::size_t d,
                       std::size_t n_outputs, std::size_t trajectories, MorrisResult& result) {
  const std::size_t rows = trajectories * (d + 1);
  if (design.size() != rows * d || outputs.size() != rows * n_outputs) {
    throw InvalidInput("morris: design/outputs do not match trajectories x (d + 1) rows");
  }
  result.mu.assign(d * n_outputs, 0.0);
  result.mu_star.assign(d * n_outputs, 0.0);
  result.sigma.assign(d * n_outputs, 0.0);
  std::vector<double> effects(trajectories * d * n_outputs, 0.0);
  for (std::size_t r = 0; r < trajectories; ++r) {
    for (std::size_t s = 0; s < d; ++s) {
      const std::size_t a = r * (d + 1) + s;
      const std::size_t b = a + 1;
      // The input that changed between consecutive points.
      std::size_t changed = d;
      double step = 0.0;
      for (std::size_t j = 0; j < d; ++j) {
        const double diff = design[b * d + j] - design[a * d + j];
        if (std::fabs(diff) > 1e-12) {
          changed = j;
          step = diff;
        }
      }
      if (changed == d) throw InvalidInput("morris: consecutive trajectory points do not differ");
      for (std::size_t o = 0; o < n_outputs; ++o) {
        effects[(r * d + changed) * n_outputs + o] = (outputs[b * n_outputs + o] - outputs[a * n_outputs + o]) / step;
      }
    }
  }
  const double nr = static_cast<double>(trajectories);
  for (std::size_t i = 0; i < d; ++i) {
    for (std::size_t o = 0; o < n_outputs; ++o) {
      double sum = 0.0, sum_abs = 0.0;
      for (std::size_t r = 0; r < trajectories; ++r) {
        const double e = effects[(r * d + i) * n_outputs + o];
        sum += e;
        sum_abs += std::fabs(e);
      }
      const double mean = sum / nr;
      double ss = 0.0;
      for (std::size_t r = 0; r < trajectories; ++r) {
        const double e = effects[(r * d + i) * n_outputs + o];
        ss += (e - mean) * (e - mean);
      }
      result.mu[i * n_outputs + o] = mean;
      result.mu_star[i * n_outputs + o] = sum_abs / nr;
      result.sigma[i * n_outputs + o] = trajectories > 1 ? std::sqrt(ss / (nr - 1.0)) : 0.0;
    }
  }
}

MorrisResult morris(const OutcomeModel& model, const ParameterSpace& space, std::size_t trajectories, int levels,
                    std::uint64_t seed, const ParallelOptions& parallel) {
  if (trajectories < 2) throw InvalidInput("morris: need at least 2 trajectories, got " + std::to_string(trajectories));
  if (levels < 2 || levels % 2 != 0) throw InvalidInput("morris: 'levels' must be an even number >= 2, got " + std::to_string(levels));
  const std::vector<std::size_t> map = match_inputs(model, space);
  const std::size_t d = map.size();
  const std::size_t rows = trajectories * (d + 1);
  MorrisResult result;
  result.trajectories = trajectories;
  result.levels = levels;
  result.design.assign(rows * d, 0.0);
  // Grid values j / (p - 1) are moved inside (0, 1) so quantiles stay finite: a level grid
  // on [eps, 1 - eps] with eps = 1 / (2 p), i.e. x = eps + j (1 - 2 eps) / (p - 1).
  const double eps = 0.5 / levels;
  const double scale = 1.0 - 2.0 * eps;
  const int half = levels / 2;
  for (std::size_t r = 0; r < trajectories; ++r) {
    Philox rng(seed, derive_stream(kTagMorris, r));
    std::vector<int> base(d);
    for (auto& b : base) b = static_cast<int>(rng.uniform() * half);  // 0 .. p/2 - 1, so +delta stays on the grid
    std::vector<std::size_t> order(d);
    for (std::size_t j = 0; j < d; ++j) order[j] = j;
    for (std::size_t j = d - 1; j > 0; --j) std::swap(order[j], order[std::min(static_cast<std::size_t>(rng.uniform() * (j + 1)), j)]);
    std::vector<int> sign(d);
    for (auto& s : sign) s = rng.uniform() < 0.5 ? -1 : 1;
    std::vector<int> level(d);
    for (std::size_t j = 0; j < d; ++j) level[j] = sign[j] > 0 ? base[j] : base[j] + half;
    for (std::size_t s = 0; s <= d; ++s) {
      if (s > 0) {
        const std::size_t j = order[s - 1];
        level[j] += sign[j] * half;
      }
      for (std::size_t j = 0; j < d; ++j) {
        result.design[(r * (d + 1) + s) * d + j] = eps + scale * level[j] / (levels - 1.0);
      }
    }
  }
  // The design columns follow the model's input order; map to the space's order for quantiles.
  std::vector<double> inputs(rows * d);
  for (std::size_t row = 0; row < rows; ++row) {
    for (std::size_t k = 0; k < d; ++k) inputs[row * d + k] = space.quantile(map[k], result.design[row * d + k]);
  }
  result.outputs = evaluate_rows(model, inputs, rows, parallel);
  // Effects per unit of the original [0, 1] grid: divide the design step by `scale`.
  std::vector<double> grid = result.design;
  for (auto& v : grid) v = (v - eps) / scale;
  morris_statistics(grid, result.outputs, d, model.n_outputs(), trajectories, result);

  return result;
}

void sobol_from_outputs(const std::vector<double>& fa, const std::vector<double>& fb, const std::vector<double>& fab,
                        std::size_t d, std::size_t n_bootstrap, double level, std::uint64_t seed, bool centered,
                        double* first,
                        double* total, double* first_ci, double* total_ci, double* first_se, double* total_se,
                        double* variance) {
  const std::size_t n = fa.size();
  if (n < 2 || fb.size() != n || fab.size() != d * n) {
    throw InvalidInput("sobol: expected fA and fB of equal length N >= 2 and fAB of d x N values");
  }
  auto estimate = [&](const std::vector<std::size_t>* idx, double* s1, double* st) {
    const std::size_t m = idx ? idx->size() : n;
    double mean = 0.0;
    for (std::size_t k = 0; k < m; ++k) {
      const std::size_t r = idx ? (*idx)[k] : k;
      mean += fa[r] + fb[r];
    }
    mean /= 2.0 * m;
    double var = 0.0;
    for (std::size_t k = 0; k < m; ++k) {
      const std::size_t r = idx ? (*idx)[k] : k;
      var += (fa[r] - mean) * (fa[r] - mean) + (fb[r] - mean) * (fb[r] - mean);
    }
    var /= 2.0 * m;
    for (std::size_t i = 0; i < d; ++i) {
      double a = 0.0, b = 0.0;
      for (std::size_t k = 0; k < m; ++k) {
        const std::size_t r = idx ? (*idx)[k] : k;
        const double fabi = fab[i * n + r];
        a += (centered ? fb[r] - mean : fb[r]) * (fabi - fa[r]);
        b += (fa[r] - fabi) * (fa[r] - fabi);
      }
      s1[i] = var > 0.0 ? a / m / var : NAN;
      st[i] = var > 0.0 ? 0.5 * b / m / var : NAN;
    }
    return var;
  };
  *variance = estimate(nullptr, first, total);
  if (!(*variance > 0.0)) {
    for (std::size_t i = 0; i < d; ++i) {
      first_ci[2 * i] = first_ci[2 * i + 1] = total_ci[2 * i] = total_ci[2 * i + 1] = NAN;
      first_se[i] = total_se[i] = NAN;
    }
    return;
  }
  if (n_bootstrap == 0) {
    for (std::size_t i = 0; i < d; ++i) {
      first_ci[2 * i] = first_ci[2 * i + 1] = total_ci[2 * i] = total_ci[2 * i + 1] = NAN;
      first_se[i] = total_se[i] = NAN;
    }
    return;
  }
  std::vector<double> boot_s1(n_bootstrap * d), boot_st(n_bootstrap * d);
  std::vector<std::size_t> idx(n);
  for (std::size_t b = 0; b < n_bootstrap; ++b) {
    Philox rng(seed, derive_stream(kTagBootstrap, b));
    for (auto& v : idx) v = std::min(static_cast<std::size_t>(rng.uniform() * static_cast<double>(n)), n - 1);
    estimate(&idx, &boot_s1[b * d], &boot_st[b * d]);
  }
  const double alpha = 0.5 * (1.0 - level);
  std::vector<double> column(n_bootstrap);
  for (std::size_t i = 0; i < d; ++i) {
    for (int which = 0; which < 2; ++which) {
      const std::vector<double>& boot = which == 0 ? boot_s1 : boot_st;
      double sum = 0.0;
      for (std::size_t b = 0; b < n_bootstrap; ++b) {
        column[b] = boot[b * d + i];
        sum += column[b];
      }
      const double mean = sum / static_cast<double>(n_bootstrap);
      double ss = 0.0;
      for (double v : column) ss += (v - mean) * (v - mean);
      const double se = n_bootstrap > 1 ? std::sqrt(ss / static_cast<double>(n_bootstrap - 1)) : 0.0;
      double* ci = which == 0 ? first_ci : total_ci;
      ci[2 * i] = percentile(column, alpha);
      ci[2 * i + 1] = percentile(column, 1.0 - alpha);
      (which == 0 ? first_se : total_se)[i] = se;
    }
  }
}

SobolResult sobol_indices(const OutcomeModel& model, const ParameterSpace& space, std::size_t n_base,
                          const std::vector<std::size_t>& columns, Sampler sampler, std::uint64_t seed,
                          std::size_t n_bootstrap, double level, bool centered, const ParallelOptions& parallel) {
  if (space.correlated()) {
    throw InvalidInput(
        "sobol: the parameter space has correlated inputs (" + space.correlated_pairs() +
        "). Sobol' indices from the Saltelli design assume independent inputs; with correlations the "
        "variance cannot be split into per-input shares this way. Remove the correlations, group the "
        "correlated inputs into one, or use the tornado / Morris screens, which stay interpretable.");
  }
  if (n_base < 2) throw InvalidInput("sobol: base sample size N must be at least 2, got " + std::to_string(n_base));
  if (!(level > 0.0 && level < 1.0)) throw InvalidInput("sobol: 'level' must lie in (0, 1)");
  const std::vector<std::size_t> map = match_inputs(model, space);
  const std::size_t d = map.size();
  const std::size_t m = model.n_outputs();
  for (std::size_t c : columns) {
    if (c >= m) throw OutOfRange("sobol: output column " + std::to_string(c) + " out of range (model has " + std::to_string(m) + ")");
  }
  if (columns.empty()) throw InvalidInput("sobol: select at least one output column");
  // Base design N x 2d: A = first d columns, B = last d (in the model's input order).
  const UniformDesign design(sampler, n_base, 2 * d, seed, true);
  std::vector<double> base(n_base * 2 * d);
  design.fill(0, n_base, base.data());
  const std::size_t rows = n_base * (d + 2);
  // Row layout: block 0 = A, block 1 = B, block 2 + i = A_B^(i).
  std::vector<double> inputs(rows * d);
  for (std::size_t k = 0; k < n_base; ++k) {
    const double* a = &base[k * 2 * d];
    const double* b = a + d;
    for (std::size_t j = 0; j < d; ++j) {
      const double va = space.quantile(map[j], a[j]);
      const double vb = space.quantile(map[j], b[j]);
      inputs[k * d + j] = va;
      inputs[(n_base + k) * d + j] = vb;
      for (std::size_t i = 0; i < d; ++i) inputs[((2 + i) * n_base + k) * d + j] = (i == j) ? vb : va;
    }
  }
  const std::vector<double> outputs = evaluate_rows(model, inputs, rows, parallel);
  SobolResult result;
  result.columns = columns;
  result.n_base = n_base;
  result.n_evaluations = rows;
  result.n_bootstrap = n_bootstrap;
  result.level = level;
  const std::size_t nc = columns.size();
  for (auto* v : {&result.first, &result.first_low, &result.first_high, &result.first_se, &result.total,
                  &result.total_low, &result.total_high, &result.total_se}) {
    v->assign(d * nc, 0.0);
  }
  result.variance.assign(nc, 0.0);
  ParallelOptions inner = parallel;
  parallel_for(
      nc,
      [&](std::size_t c) {
        const std::size_t col = columns[c];
        std::vector<double> fa(n_base), fb(n_base), fab(d * n_base);
        for (std::size_t k = 0; k < n_base; ++k) {
          fa[k] = outputs[k * m + col];
          fb[k] = outputs[(n_base + k) * m + col];
          for (std::size_t i = 0; i < d; ++i) fab[i * n_base + k] = outputs[((2 + i) * n_base + k) * m + col];
        }
        std::vector<double> s1(d), st(d), s1ci(2 * d), stci(2 * d), s1se(d), stse(d);
        double var = 0.0;
        sobol_from_outputs(fa, fb, fab, d, n_bootstrap, level, derive_stream(seed, col), centered, s1.data(), st.data(),
                           s1ci.data(), stci.data(), s1se.data(), stse.data(), &var);
        result.variance[c] = var;
        for (std::size_t i = 0; i < d; ++i) {
          result.first[i * nc + c] = s1[i];
          result.total[i * nc + c] = st[i];
          result.first_low[i * nc + c] = s1ci[2 * i];
          result.first_high[i * nc + c] = s1ci[2 * i + 1];
          result.total_low[i * nc + c] = stci[2 * i];
          result.total_high[i * nc + c] = stci[2 * i + 1];
          result.first_se[i * nc + c] = s1se[i];
          result.total_se[i * nc + c] = stse[i];
        }
      },
      inner);
  return result;
}

}  // namespace innozone::outcomes
