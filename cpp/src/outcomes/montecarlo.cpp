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
  result.outputs.assign(n * n_out, 0.0);
  if (options.keep_inputs) result.inputs.assign(n * n_in, 0.0);
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
        for (std::size_t r = 0; r < count; ++r) {
          double* row = &uniforms[r * d];
          space.transform(row);
          for (std::size_t k = 0; k < n_in; ++k) in[r * n_in + k] = row[map[k]];
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

ColumnSummary summarize_columns(const std::vector<double>& data, std::size_t rows, std::size_t cols,
                                const std::vector<double>& probabilities, const ParallelOptions& parallel) {
  if (rows == 0) throw InvalidInput("summary: no rows to summarise");
  if (data.size() != rows * cols) throw InvalidInput("summary: data size does not match rows x cols");
  for (double p : probabilities) {
    if (!(p >= 0.0 && p <= 1.0)) {
      throw InvalidInput("summary: quantile probabilities must lie in [0, 1], got " + std::to_string(p));
    }
  }
  ColumnSummary out;
  out.mean.assign(cols, 0.0);
  out.sd.assign(cols, 0.0);
  out.quantiles.assign(probabilities.size() * cols, 0.0);
  parallel_for(
      cols,
      [&](std::size_t c) {
        std::vector<double> column(rows);
        double sum = 0.0;
        for (std::size_t r = 0; r < rows; ++r) {
          column[r] = data[r * cols + c];
          sum += column[r];
        }
        const double mean = sum / static_cast<double>(rows);
        double ss = 0.0;
        for (double v : column) ss += (v - mean) * (v - mean);
        out.mean[c] = mean;
        out.sd[c] = rows > 1 ? std::sqrt(ss / static_cast<double>(rows - 1)) : 0.0;
        // Quantiles in increasing order of probability so each nth_element narrows the next.
        std::vector<std::size_t> order(probabilities.size());
        for (std::size_t q = 0; q < order.size(); ++q) order[q] = q;
        std::sort(order.begin(), order.end(),
                  [&](std::size_t a, std::size_t b) { return probabilities[a] < probabilities[b]; });
        std::size_t lo = 0;
        for (std::size_t q : order) {
          const double h = probabilities[q] * static_cast<double>(rows - 1);
          const auto k = static_cast<std::size_t>(std::floor(h));
          std::nth_element(column.begin() + static_cast<std::ptrdiff_t>(lo),
                           column.begin() + static_cast<std::ptrdiff_t>(k), column.end());
          const double below = column[k];
          double value = below;
          if (k + 1 < rows && h > static_cast<double>(k)) {
            const double above =
                *std::min_element(column.begin() + static_cast<std::ptrdiff_t>(k + 1), column.end());
            value = below + (h - static_cast<double>(k)) * (above - below);
          }
          out.quantiles[q * cols + c] = value;
          lo = k;
        }
      },
      parallel);
  return out;
}

double probability_reaching(const std::vector<double>& data, std::size_t rows, std::size_t cols,
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
