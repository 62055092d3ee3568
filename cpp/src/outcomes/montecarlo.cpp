#include "innozone/outcomes/montecarlo.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "innozone/common/error.hpp"

namespace innozone::outcomes {

void OutcomeModel::evaluate_batch(const double* inputs, std::size_t rows, double* outputs) const {
  const std::size_t n_in = n_inputs();
  const std::size_t n_out = n_outputs();
  for (std::size_t r = 0; r < rows; ++r) evaluate(inputs + r * n_in, outputs + r * n_out);
}

std::vector<std::size_t> match_inputs(const OutcomeModel& model, const ParameterSpace& space) {
  const auto names = model.input_names();
  std::vector<std::size_t> map;
  map.reserve(names.size());
  for (const auto& name : names) {
    const auto& have = space.names();
    const auto it = std::find(have.begin(), have.end(), name);
    if (it == have.end()) {
      throw NotFound("model input '" + name + "' has no distribution in the parameter space");
    }
    map.push_back(static_cast<std::size_t>(it - have.begin()));
  }
  for (const auto& name : space.names()) {
    if (std::find(names.begin(), names.end(), name) == names.end()) {
      throw InvalidInput("parameter '" + name + "' is not an input of the model (inputs: " +
                         [&names] {
                           std::string all;
                           for (const auto& n : names) all += (all.empty() ? "" : ", ") + n;
                           return all;
                         }() + ")");
    }
  }
  return map;
}

namespace {

void check_outputs(const OutcomeModel& model) {
  if (model.indicator_names().empty()) throw InvalidInput("model: it declares no indicators");
  if (model.years().empty()) throw InvalidInput("model: it declares no years");
}

ParallelOptions effective(const OutcomeModel& model, const ParallelOptions& parallel) {
  ParallelOptions options = parallel;
  if (!model.thread_safe()) options.n_threads = 1;
  return options;
}

/// Exact type-7 quantiles of v[0..n) (v is reordered). A histogram of 4096 equal-width bins
/// locates the bin holding each needed order statistic; only those bins are then searched
/// with nth_element, so the cost is two passes over the data instead of one selection per
/// quantile. Binning is monotone in the value, so order statistics are found exactly.
void column_quantiles(double* v, std::size_t n, double lo, double hi, const std::vector<double>& probabilities,
                      std::vector<double>& out, std::size_t col, std::size_t cols) {
  if (!(hi > lo) || !std::isfinite(hi - lo)) {
    // Constant column (or non-finite values): fall back to plain selection.
    for (std::size_t q = 0; q < probabilities.size(); ++q) {
      const double h = probabilities[q] * static_cast<double>(n - 1);
      const auto k = static_cast<std::size_t>(std::floor(h));
      std::nth_element(v, v + k, v + n);
      double value = v[k];
      if (k + 1 < n && h > static_cast<double>(k)) {
        const double above = *std::min_element(v + k + 1, v + n);
        value += (h - static_cast<double>(k)) * (above - value);
      }
      out[q * cols + col] = value;
    }
    return;
  }
  constexpr std::size_t kBins = 4096;
  const double scale = static_cast<double>(kBins) / (hi - lo);
  auto bin_of = [&](double x) {
    const auto b = static_cast<std::size_t>((x - lo) * scale);
    return std::min(b, kBins - 1);
  };
  std::vector<std::size_t> count(kBins + 1, 0);
  for (std::size_t i = 0; i < n; ++i) ++count[bin_of(v[i]) + 1];
  for (std::size_t b = 1; b <= kBins; ++b) count[b] += count[b - 1];  // count[b] = elements in bins < b
  // Order statistics needed, and the bins that hold them.
  std::vector<std::size_t> ranks;
  for (double p : probabilities) {
    const double h = p * static_cast<double>(n - 1);
    const auto k = static_cast<std::size_t>(std::floor(h));
    ranks.push_back(k);
    if (k + 1 < n) ranks.push_back(k + 1);
  }
  std::vector<std::size_t> bins;
  for (std::size_t k : ranks) {
    const auto it = std::upper_bound(count.begin(), count.end(), k);
    bins.push_back(static_cast<std::size_t>(it - count.begin()) - 1);
  }
  std::vector<std::size_t> unique_bins = bins;
  std::sort(unique_bins.begin(), unique_bins.end());
  unique_bins.erase(std::unique(unique_bins.begin(), unique_bins.end()), unique_bins.end());
  std::vector<std::vector<double>> members(unique_bins.size());
  for (std::size_t u = 0; u < unique_bins.size(); ++u) {
    members[u].reserve(count[unique_bins[u] + 1] - count[unique_bins[u]]);
  }
  std::vector<int> slot(kBins, -1);
  for (std::size_t u = 0; u < unique_bins.size(); ++u) slot[unique_bins[u]] = static_cast<int>(u);
  for (std::size_t i = 0; i < n; ++i) {
    const int u = slot[bin_of(v[i])];
    if (u >= 0) members[static_cast<std::size_t>(u)].push_back(v[i]);
  }
  auto order_statistic = [&](std::size_t k) {
    const auto it = std::upper_bound(count.begin(), count.end(), k);
    const std::size_t b = static_cast<std::size_t>(it - count.begin()) - 1;
    const auto u = static_cast<std::size_t>(std::lower_bound(unique_bins.begin(), unique_bins.end(), b) -
                                            unique_bins.begin());
    std::vector<double>& m = members[u];
    const std::size_t r = k - count[b];
    std::nth_element(m.begin(), m.begin() + static_cast<std::ptrdiff_t>(r), m.end());
    return m[r];
  };
  for (std::size_t q = 0; q < probabilities.size(); ++q) {
    const double h = probabilities[q] * static_cast<double>(n - 1);
    const auto k = static_cast<std::size_t>(std::floor(h));
    double value = order_statistic(k);
    if (k + 1 < n && h > static_cast<double>(k)) value += (h - static_cast<double>(k)) * (order_statistic(k + 1) - value);
    out[q * cols + col] = value;
  }
}

}  // namespace

MonteCarloResult run_monte_carlo(const OutcomeModel& model, const ParameterSpace& space,
                                 const MonteCarloOptions& options, const ParallelOptions& parallel) {
  check_outputs(model);
  if (options.n_draws == 0) throw InvalidInput("monte carlo: n_draws must be positive, got 0");
  const std::vector<std::size_t> map = match_inputs(model, space);
  const std::size_t d = space.size();
  const std::size_t n_in = map.size();
  const std::size_t n_out = model.n_outputs();
  const std::size_t n = options.n_draws;
  MonteCarloResult result;
  result.input_names = model.input_names();
  result.indicator_names = model.indicator_names();
  result.years = model.years();
  result.n_draws = n;
  result.outputs.resize(n * n_out);
  if (options.keep_inputs) result.inputs.resize(n * n_in);
  const UniformDesign design(options.sampler, n, d, options.seed, options.scramble);
  const std::size_t n_blocks = (n + kBlockRows - 1) / kBlockRows;
  parallel_for(
      n_blocks,
      [&](std::size_t block) {
        const std::size_t start = block * kBlockRows;
        const std::size_t count = std::min(kBlockRows, n - start);
        std::vector<double> uniforms(count * d);
        design.fill(start, count, uniforms.data());
        double* in = nullptr;
        std::vector<double> local;
        if (options.keep_inputs) {
          in = &result.inputs[start * n_in];
        } else {
          local.resize(count * n_in);
          in = local.data();
        }
        if (space.correlated()) {
          for (std::size_t r = 0; r < count; ++r) space.correlate(&uniforms[r * d]);
        }
        // Quantiles column by column, so each family is dispatched once per block.
        for (std::size_t k = 0; k < n_in; ++k) {
          space.distributions()[map[k]].quantiles(&uniforms[map[k]], d, count, in + k, n_in);
        }
        model.evaluate_batch(in, count, &result.outputs[start * n_out]);
      },
      effective(model, parallel));
  return result;
}

std::vector<double> evaluate_rows(const OutcomeModel& model, const std::vector<double>& inputs,
                                  std::size_t rows, const ParallelOptions& parallel) {
  check_outputs(model);
  const std::size_t n_in = model.n_inputs();
  const std::size_t n_out = model.n_outputs();
  if (inputs.size() != rows * n_in) {
    std::ostringstream message;
    message << "evaluate: expected " << rows << " x " << n_in << " inputs, got " << inputs.size()
            << " values";
    throw InvalidInput(message.str());
  }
  std::vector<double> outputs(rows * n_out, 0.0);
  const std::size_t n_blocks = (rows + kBlockRows - 1) / kBlockRows;
  parallel_for(
      n_blocks,
      [&](std::size_t block) {
        const std::size_t start = block * kBlockRows;
        const std::size_t count = std::min(kBlockRows, rows - start);
        model.evaluate_batch(&inputs[start * n_in], count, &outputs[start * n_out]);
      },
      effective(model, parallel));
  return outputs;
}

ColumnSummary summarize_columns(const double* data, std::size_t rows, std::size_t cols,
                                const std::vector<double>& probabilities, const ParallelOptions& parallel) {
  if (rows == 0) throw InvalidInput("summary: no rows to summarise");
  if (data == nullptr) throw InvalidInput("summary: no data");
  for (double p : probabilities) {
    if (!(p >= 0.0 && p <= 1.0)) {
      throw InvalidInput("summary: quantile probabilities must lie in [0, 1], got " + std::to_string(p));
    }
  }
  ColumnSummary out;
  out.mean.assign(cols, 0.0);
  out.sd.assign(cols, 0.0);
  out.quantiles.assign(probabilities.size() * cols, 0.0);
  // Work on groups of kGroup columns: one sequential pass over the rows copies a group into
  // contiguous buffers (cache-friendly for row-major draws), then each column is summarised.
  constexpr std::size_t kGroup = 8;
  const std::size_t n_groups = (cols + kGroup - 1) / kGroup;
  parallel_for(
      n_groups,
      [&](std::size_t g) {
        const std::size_t c0 = g * kGroup;
        const std::size_t width = std::min(kGroup, cols - c0);
        std::vector<double> buffer(width * rows);
        double sums[kGroup] = {}, lows[kGroup], highs[kGroup];
        for (std::size_t k = 0; k < width; ++k) lows[k] = highs[k] = data[c0 + k];
        for (std::size_t r = 0; r < rows; ++r) {
          const double* row = &data[r * cols + c0];
          for (std::size_t k = 0; k < width; ++k) {
            const double v = row[k];
            buffer[k * rows + r] = v;
            sums[k] += v;
            lows[k] = std::min(lows[k], v);
            highs[k] = std::max(highs[k], v);
          }
        }
        for (std::size_t k = 0; k < width; ++k) {
          const std::size_t c = c0 + k;
          const auto begin = buffer.begin() + static_cast<std::ptrdiff_t>(k * rows);
          const auto end = begin + static_cast<std::ptrdiff_t>(rows);
          const double mean = sums[k] / static_cast<double>(rows);
          double ss = 0.0;
          for (auto it = begin; it != end; ++it) ss += (*it - mean) * (*it - mean);
          out.mean[c] = mean;
          out.sd[c] = rows > 1 ? std::sqrt(ss / static_cast<double>(rows - 1)) : 0.0;
          column_quantiles(&*begin, rows, lows[k], highs[k], probabilities, out.quantiles, c, cols);
        }
      },
      parallel);
  return out;
}

double probability_reaching(const double* data, std::size_t rows, std::size_t cols,
                            std::size_t col, double target, bool higher_is_better) {
  if (col >= cols) throw OutOfRange("probability: column " + std::to_string(col) + " out of range");
  if (rows == 0) throw InvalidInput("probability: no draws");
  std::size_t hits = 0;
  for (std::size_t r = 0; r < rows; ++r) {
    const double v = data[r * cols + col];
    hits += higher_is_better ? (v >= target) : (v <= target);
  }
  return static_cast<double>(hits) / static_cast<double>(rows);
}

}  // namespace innozone::outcomes
