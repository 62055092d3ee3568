#include "innozone/outcomes/sensitivity.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "innozone/common/error.hpp"
#include "innozone/common/math.hpp"
#include "innozone/common/random.hpp"
#include "innozone/outcomes/montecarlo.hpp"

namespace innozone::outcomes {
namespace {

constexpr std::uint64_t kTagMorris = 0x4d4f52ull;
constexpr std::uint64_t kTagMorrisBoot = 0x4d4f5242ull;
constexpr std::uint64_t kTagBootstrap = 0x424f4full;

std::vector<double> map_row(const ParameterSpace& space, const std::vector<std::size_t>& map,
                            const double* unit) {
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
  const double above =
      *std::min_element(values.begin() + static_cast<std::ptrdiff_t>(k + 1), values.end());
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

TornadoResult tornado(const OutcomeModel& model, const ParameterSpace& space, double low,
                      double high, const ParallelOptions& parallel) {
  if (!(low > 0.0 && low < high && high < 1.0)) {
    throw InvalidInput("tornado: need 0 < low < high < 1, got low=" + std::to_string(low) +
                       ", high=" + std::to_string(high));
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
  const std::size_t rows = 1 + 2 * d;
  const std::size_t n_in = model.n_inputs();
  out.outputs.assign(rows * m, 0.0);
  ParallelOptions options = parallel;
  if (!model.thread_safe()) options.n_threads = 1;
  ParallelOptions serial;
  serial.n_threads = 1;
  parallel_for(
      rows,
      [&](std::size_t r) {
        const auto first = inputs.begin() + static_cast<std::ptrdiff_t>(r * n_in);
        const std::vector<double> row(first, first + static_cast<std::ptrdiff_t>(n_in));
        const std::vector<double> values = evaluate_rows(model, row, 1, serial);
        std::copy(values.begin(), values.end(),
                  out.outputs.begin() + static_cast<std::ptrdiff_t>(r * m));
      },
      options);
  out.base.assign(out.outputs.begin(), out.outputs.begin() + static_cast<std::ptrdiff_t>(m));
  out.n_inputs = d;
  out.n_outputs = m;
  out.low = low;
  out.high = high;
  return out;
}

bool morris_bounded(const Distribution& distribution) noexcept {
  switch (distribution.kind()) {
    case DistKind::kFixed:
    case DistKind::kUniform:
    case DistKind::kTriangular:
    case DistKind::kPert:
    case DistKind::kBeta:
    case DistKind::kEmpirical:
      return true;
    default:
      return false;
  }
}

void morris_statistics(const std::vector<double>& design, const std::vector<double>& outputs,
                       std::size_t d, std::size_t n_outputs, std::size_t trajectories,
                       std::size_t n_boot, double level, std::uint64_t seed, MorrisResult& result) {
  const std::size_t rows = trajectories * (d + 1);
  if (d == 0 || n_outputs == 0)
    throw InvalidInput("morris: need at least one input and one output");
  if (trajectories < 2) {
    throw InvalidInput("morris: need at least 2 trajectories, got " + std::to_string(trajectories));
  }
  if (design.size() != rows * d || outputs.size() != rows * n_outputs) {
    throw InvalidInput("morris: a design of " + std::to_string(trajectories) + " trajectories of " +
                       std::to_string(d) + " inputs has " + std::to_string(rows) + " rows x " +
                       std::to_string(d) + " values and " + std::to_string(rows) + " x " +
                       std::to_string(n_outputs) + " outputs; got " +
                       std::to_string(design.size()) + " and " + std::to_string(outputs.size()));
  }
  if (!(level > 0.0 && level < 1.0))
    throw InvalidInput("morris: 'level' must lie in (0, 1), got " + format_value(level));
  result.n_inputs = d;
  result.n_outputs = n_outputs;
  result.trajectories = trajectories;
  result.n_boot = n_boot;
  result.level = level;
  std::vector<double>& effects = result.effects;
  effects.assign(trajectories * d * n_outputs, 0.0);
  for (std::size_t r = 0; r < trajectories; ++r) {
    std::vector<bool> seen(d, false);
    for (std::size_t s = 0; s < d; ++s) {
      const std::size_t a = r * (d + 1) + s;
      const std::size_t b = a + 1;
      // The one input that changes between consecutive points of the trajectory.
      std::size_t changed = d;
      double step = 0.0;
      for (std::size_t j = 0; j < d; ++j) {
        const double diff = design[b * d + j] - design[a * d + j];
        if (std::fabs(diff) > 1e-12) {
          if (changed != d) {
            throw InvalidInput("morris: rows " + std::to_string(a) + " and " + std::to_string(b) +
                               " of trajectory " + std::to_string(r) +
                               " differ in more than one input");
          }
          changed = j;
          step = diff;
        }
      }
      if (changed == d) {
        throw InvalidInput("morris: rows " + std::to_string(a) + " and " + std::to_string(b) +
                           " of trajectory " + std::to_string(r) + " do not differ");
      }
      if (seen[changed]) {
        throw InvalidInput("morris: trajectory " + std::to_string(r) + " moves input " +
                           std::to_string(changed) + " twice");
      }
      seen[changed] = true;
      for (std::size_t o = 0; o < n_outputs; ++o) {
        effects[(r * d + changed) * n_outputs + o] =
            (outputs[b * n_outputs + o] - outputs[a * n_outputs + o]) / step;
      }
    }
  }
  result.mu.assign(d * n_outputs, 0.0);
  result.mu_star.assign(d * n_outputs, 0.0);
  result.sigma.assign(d * n_outputs, 0.0);
  result.mu_star_conf.assign(d * n_outputs, std::nan(""));
  const double nr = static_cast<double>(trajectories);
  for (std::size_t i = 0; i < d; ++i) {
    for (std::size_t o = 0; o < n_outputs; ++o) {
      double sum = 0.0;
      double sum_abs = 0.0;
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
      result.sigma[i * n_outputs + o] = std::sqrt(ss / (nr - 1.0));
    }
  }
  if (n_boot < 2) return;
  // Bootstrap of mu*: resample whole trajectories (SALib's mu_star_conf).
  std::vector<double> boot(n_boot * d * n_outputs, 0.0);
  std::vector<std::size_t> pick(trajectories);
  for (std::size_t b = 0; b < n_boot; ++b) {
    Philox rng(seed, derive_stream(kTagMorrisBoot, b));
    for (auto& v : pick)
      v = std::min(static_cast<std::size_t>(rng.uniform() * nr), trajectories - 1);
    for (std::size_t i = 0; i < d; ++i) {
      for (std::size_t o = 0; o < n_outputs; ++o) {
        double sum_abs = 0.0;
        for (std::size_t r : pick) sum_abs += std::fabs(effects[(r * d + i) * n_outputs + o]);
        boot[(b * d + i) * n_outputs + o] = sum_abs / nr;
      }
    }
  }
  const double z = normal_quantile(0.5 + 0.5 * level);
  const double nb = static_cast<double>(n_boot);
  for (std::size_t k = 0; k < d * n_outputs; ++k) {
    double sum = 0.0;
    for (std::size_t b = 0; b < n_boot; ++b) sum += boot[b * d * n_outputs + k];
    const double mean = sum / nb;
    double ss = 0.0;
    for (std::size_t b = 0; b < n_boot; ++b) {
      const double v = boot[b * d * n_outputs + k] - mean;
      ss += v * v;
    }
    result.mu_star_conf[k] = z * std::sqrt(ss / (nb - 1.0));
  }
}

MorrisResult morris(const OutcomeModel& model, const ParameterSpace& space,
                    std::size_t trajectories, int levels, std::uint64_t seed, std::size_t n_boot,
                    double level, const ParallelOptions& parallel) {
  if (trajectories < 2)
    throw InvalidInput("morris: need at least 2 trajectories, got " + std::to_string(trajectories));
  if (levels < 2 || levels % 2 != 0) {
    throw InvalidInput("morris: 'levels' must be an even number >= 2, got " +
                       std::to_string(levels));
  }
  const std::vector<std::size_t> map = match_inputs(model, space);
  const std::size_t d = map.size();
  const std::size_t rows = trajectories * (d + 1);
  const int half = levels / 2;
  MorrisResult result;
  result.levels = levels;
  result.design.assign(rows * d, 0.0);
  result.step.assign(d, 0.0);
  result.bounded.assign(d, 0);
  // Probability of level j of input k: j / (p - 1) on bounded supports, (j + 1/2) / p otherwise.
  std::vector<double> offset(d), spacing(d);
  for (std::size_t k = 0; k < d; ++k) {
    const bool bounded = morris_bounded(space.distributions()[map[k]]);
    result.bounded[k] = bounded ? 1 : 0;
    offset[k] = bounded ? 0.0 : 0.5 / levels;
    spacing[k] = bounded ? 1.0 / (levels - 1.0) : 1.0 / levels;
    result.step[k] = half * spacing[k];
  }
  for (std::size_t r = 0; r < trajectories; ++r) {
    Philox rng(seed, derive_stream(kTagMorris, r));
    // Base levels 0 .. p/2 - 1, so that a step of p/2 levels stays on the grid.
    std::vector<int> base(d);
    for (auto& b : base) b = std::min(static_cast<int>(rng.uniform() * half), half - 1);
    std::vector<std::size_t> order(d);
    for (std::size_t j = 0; j < d; ++j) order[j] = j;
    for (std::size_t j = d - 1; j > 0; --j) {
      std::swap(
          order[j],
          order[std::min(static_cast<std::size_t>(rng.uniform() * static_cast<double>(j + 1)), j)]);
    }
    std::vector<int> sign(d);
    for (auto& s : sign) s = rng.uniform() < 0.5 ? -1 : 1;
    std::vector<int> at(d);
    for (std::size_t j = 0; j < d; ++j) at[j] = sign[j] > 0 ? base[j] : base[j] + half;
    for (std::size_t s = 0; s <= d; ++s) {
      if (s > 0) {
        const std::size_t j = order[s - 1];
        at[j] += sign[j] * half;
      }
      for (std::size_t j = 0; j < d; ++j) {
        result.design[(r * (d + 1) + s) * d + j] = offset[j] + spacing[j] * at[j];
      }
    }
  }
  // The design columns follow the model's input order; map to the space's order for quantiles.
  result.inputs.assign(rows * d, 0.0);
  for (std::size_t row = 0; row < rows; ++row) {
    for (std::size_t k = 0; k < d; ++k) {
      result.inputs[row * d + k] = space.quantile(map[k], result.design[row * d + k]);
    }
  }
  result.outputs = evaluate_rows(model, result.inputs, rows, parallel);
  morris_statistics(result.design, result.outputs, d, model.n_outputs(), trajectories, n_boot,
                    level, derive_stream(seed, kTagMorrisBoot), result);
  return result;
}

SobolResult sobol_from_outputs(const std::vector<double>& fa, const std::vector<double>& fb,
                               const std::vector<double>& fab, std::size_t d, std::size_t n_boot,
                               double level, std::uint64_t seed, bool centered) {
  ParallelOptions serial;
  serial.n_threads = 1;
  return sobol_from_outputs(fa, fb, fab, d, n_boot, level, seed, centered, serial);
}

SobolResult sobol_from_outputs(const std::vector<double>& fa, const std::vector<double>& fb,
                               const std::vector<double>& fab, std::size_t d, std::size_t n_boot,
                               double level, std::uint64_t seed, bool centered,
                               const ParallelOptions& parallel) {
  const std::size_t n = fa.size();
  if (d == 0 || n < 2 || fb.size() != n || fab.size() != d * n) {
    throw InvalidInput(
        "sobol: expected f(A) and f(B) of equal length N >= 2 and f(A_B) of d x N values (d >= 1); "
        "got " +
        std::to_string(fa.size()) + ", " + std::to_string(fb.size()) + " and " +
        std::to_string(fab.size()));
  }
  if (!(level > 0.0 && level < 1.0))
    throw InvalidInput("sobol: 'level' must lie in (0, 1), got " + format_value(level));
  for (const auto* v : {&fa, &fb, &fab}) {
    for (double x : *v) {
      if (!std::isfinite(x))
        throw InvalidInput("sobol: a model output is not finite (" + format_value(x) + ")");
    }
  }
  SobolResult out;
  out.columns = {0};
  out.n_inputs = d;
  out.n_base = n;
  out.n_evaluations = n * (d + 2);
  out.n_boot = n_boot;
  out.level = level;
  out.centered = centered;
  for (auto* v : {&out.first, &out.first_low, &out.first_high, &out.first_se, &out.total,
                  &out.total_low, &out.total_high, &out.total_se}) {
    v->assign(d, std::nan(""));
  }
  auto estimate = [&](const std::vector<std::size_t>* idx, double* s1, double* st) {
    const std::size_t m = idx ? idx->size() : n;
    double mean_ab = 0.0;
    double mean_all = 0.0;
    for (std::size_t k = 0; k < m; ++k) {
      const std::size_t r = idx ? (*idx)[k] : k;
      mean_ab += fa[r] + fb[r];
      double row = fa[r] + fb[r];
      for (std::size_t i = 0; i < d; ++i) row += fab[i * n + r];
      mean_all += row;
    }
    mean_ab /= 2.0 * static_cast<double>(m);
    mean_all /= static_cast<double>(m * (d + 2));
    double var = 0.0;
    for (std::size_t k = 0; k < m; ++k) {
      const std::size_t r = idx ? (*idx)[k] : k;
      var += (fa[r] - mean_ab) * (fa[r] - mean_ab) + (fb[r] - mean_ab) * (fb[r] - mean_ab);
    }
    var /= 2.0 * static_cast<double>(m);
    const double shift = centered ? mean_all : 0.0;
    for (std::size_t i = 0; i < d; ++i) {
      double a = 0.0;
      double b = 0.0;
      for (std::size_t k = 0; k < m; ++k) {
        const std::size_t r = idx ? (*idx)[k] : k;
        const double fabi = fab[i * n + r];
        a += (fb[r] - shift) * (fabi - fa[r]);
        b += (fa[r] - fabi) * (fa[r] - fabi);
      }
      s1[i] = var > 0.0 ? a / static_cast<double>(m) / var : std::nan("");
      st[i] = var > 0.0 ? 0.5 * b / static_cast<double>(m) / var : std::nan("");
    }
    return var;
  };
  out.variance = {estimate(nullptr, out.first.data(), out.total.data())};
  if (!(out.variance[0] > 0.0) || n_boot < 2) return out;
  std::vector<double> boot_s1(n_boot * d), boot_st(n_boot * d);
  parallel_for(
      n_boot,
      [&](std::size_t b) {
        std::vector<std::size_t> idx(n);
        Philox rng(seed, derive_stream(kTagBootstrap, b));
        for (auto& v : idx)
          v = std::min(static_cast<std::size_t>(rng.uniform() * static_cast<double>(n)), n - 1);
        estimate(&idx, &boot_s1[b * d], &boot_st[b * d]);
      },
      parallel);
  const double alpha = 0.5 * (1.0 - level);
  std::vector<double> column(n_boot);
  for (std::size_t i = 0; i < d; ++i) {
    for (int which = 0; which < 2; ++which) {
      const std::vector<double>& boot = which == 0 ? boot_s1 : boot_st;
      double sum = 0.0;
      for (std::size_t b = 0; b < n_boot; ++b) {
        column[b] = boot[b * d + i];
        sum += column[b];
      }
      const double mean = sum / static_cast<double>(n_boot);
      double ss = 0.0;
      for (double v : column) ss += (v - mean) * (v - mean);
      const double se = std::sqrt(ss / static_cast<double>(n_boot - 1));
      const double low = percentile(column, alpha);
      const double high = percentile(column, 1.0 - alpha);
      if (which == 0) {
        out.first_low[i] = low;
        out.first_high[i] = high;
        out.first_se[i] = se;
      } else {
        out.total_low[i] = low;
        out.total_high[i] = high;
        out.total_se[i] = se;
      }
    }
  }
  return out;
}

SobolResult sobol_indices(const OutcomeModel& model, const ParameterSpace& space,
                          std::size_t n_base, const std::vector<std::size_t>& columns,
                          Sampler sampler, std::uint64_t seed, std::size_t n_boot, double level,
                          bool centered, const ParallelOptions& parallel) {
  if (space.correlated()) {
    throw InvalidInput("sobol: the parameter space has correlated inputs (" +
                       space.correlated_pairs() +
                       "). Sobol' indices from the Saltelli design assume independent inputs; with "
                       "correlations the "
                       "variance cannot be split into per-input shares this way. Remove the "
                       "correlations, group the "
                       "correlated inputs into one, or use the tornado / Morris screens, which "
                       "stay interpretable.");
  }
  if (n_base < 2)
    throw InvalidInput("sobol: base sample size N must be at least 2, got " +
                       std::to_string(n_base));
  if (!(level > 0.0 && level < 1.0)) throw InvalidInput("sobol: 'level' must lie in (0, 1)");
  const std::vector<std::size_t> map = match_inputs(model, space);
  const std::size_t d = map.size();
  const std::size_t m = model.n_outputs();
  for (std::size_t c : columns) {
    if (c >= m)
      throw OutOfRange("sobol: output column " + std::to_string(c) + " out of range (model has " +
                       std::to_string(m) + ")");
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
      for (std::size_t i = 0; i < d; ++i)
        inputs[((2 + i) * n_base + k) * d + j] = (i == j) ? vb : va;
    }
  }
  const std::vector<double> outputs = evaluate_rows(model, inputs, rows, parallel);
  SobolResult result;
  result.columns = columns;
  result.n_inputs = d;
  result.n_base = n_base;
  result.n_evaluations = rows;
  result.n_boot = n_boot;
  result.level = level;
  result.centered = centered;
  const std::size_t nc = columns.size();
  for (auto* v : {&result.first, &result.first_low, &result.first_high, &result.first_se,
                  &result.total, &result.total_low, &result.total_high, &result.total_se}) {
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
          for (std::size_t i = 0; i < d; ++i)
            fab[i * n_base + k] = outputs[((2 + i) * n_base + k) * m + col];
        }
        const SobolResult one =
            sobol_from_outputs(fa, fb, fab, d, n_boot, level, derive_stream(seed, col), centered);
        result.variance[c] = one.variance[0];
        for (std::size_t i = 0; i < d; ++i) {
          result.first[i * nc + c] = one.first[i];
          result.total[i * nc + c] = one.total[i];
          result.first_low[i * nc + c] = one.first_low[i];
          result.first_high[i * nc + c] = one.first_high[i];
          result.total_low[i * nc + c] = one.total_low[i];
          result.total_high[i * nc + c] = one.total_high[i];
          result.first_se[i * nc + c] = one.first_se[i];
          result.total_se[i * nc + c] = one.total_se[i];
        }
      },
      inner);
  return result;
}

}  // namespace innozone::outcomes
