#include "innozone/efficiency/bootstrap.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "innozone/common/error.hpp"
#include "innozone/common/random.hpp"

namespace innozone::efficiency {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
/// Stream tag of the bootstrap draws (each replicate b uses derive_stream(b, tag)).
constexpr std::uint64_t kBootstrapStream = 0x5357'3938ull;  // "SW98"
/// Distances within this of 1 count as frontier units for the bandwidth.
constexpr double kFrontier = 1e-6;

double mean_of(const std::vector<double>& v) {
  double sum = 0.0;
  for (const double x : v) {
    sum += x;
  }
  return sum / static_cast<double>(v.size());
}

double variance_of(const std::vector<double>& v) {
  if (v.size() < 2) {
    return 0.0;
  }
  const double mu = mean_of(v);
  double ss = 0.0;
  for (const double x : v) {
    ss += (x - mu) * (x - mu);
  }
  return ss / static_cast<double>(v.size() - 1);
}

}  // namespace

double quantile_sorted(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) {
    return kNaN;
  }
  const double h = (static_cast<double>(sorted.size()) - 1.0) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

double bootstrap_bandwidth(const Eigen::VectorXd& delta) {
  std::vector<double> all(delta.data(), delta.data() + delta.size());
  std::vector<double> reflected;
  for (const double d : all) {
    if (d > 1.0 + kFrontier) {
      reflected.push_back(d);
      reflected.push_back(2.0 - d);
    }
  }
  if (reflected.empty()) {
    throw InvalidInput(
        "bootstrap: every unit is on the frontier (all scores 1), so there is no "
        "distribution of inefficiency to smooth; pass a bandwidth or drop n_boot");
  }
  const double sd_reflected = std::sqrt(variance_of(reflected));
  std::vector<double> sorted = reflected;
  std::sort(sorted.begin(), sorted.end());
  const double iqr = (quantile_sorted(sorted, 0.75) - quantile_sorted(sorted, 0.25)) / 1.349;
  double spread = sd_reflected;
  if (iqr > 1e-6 && iqr < spread) {
    spread = iqr;
  }
  const auto n_reflected = static_cast<double>(reflected.size());
  const auto n_all = static_cast<double>(all.size());
  const double h_reflected = 0.9 * spread * std::pow(n_reflected, -0.2);
  // Back to the whole sample: the frontier units were left out and every other one counted
  // twice (Daraio & Simar 2007).
  const double adjust =
      std::sqrt(variance_of(all)) / sd_reflected * std::pow(n_reflected / n_all, 0.2);
  return h_reflected * adjust;
}

namespace {

/// Bias, bias-corrected scores, intervals, standard errors and bias ratios of `out` from its
/// score, replicates and alpha; `delta` = max(1, 1 / score).
void summarise(BootstrapResult& out, const Eigen::VectorXd& delta) {
  const Eigen::VectorXd& scores = out.score;
  const Eigen::Index n = scores.size();
  const std::size_t n_boot = static_cast<std::size_t>(out.replicates.rows());
  const double lo_p = out.alpha / 2.0;
  const double hi_p = 1.0 - out.alpha / 2.0;
  out.bias = Eigen::VectorXd::Constant(n, kNaN);
  out.bias_corrected = Eigen::VectorXd::Constant(n, kNaN);
  out.lower = Eigen::VectorXd::Constant(n, kNaN);
  out.upper = Eigen::VectorXd::Constant(n, kNaN);
  out.std_error = Eigen::VectorXd::Constant(n, kNaN);
  out.bias_ratio = Eigen::VectorXd::Constant(n, kNaN);
  for (Eigen::Index o = 0; o < n; ++o) {
    std::vector<double> star;
    std::vector<double> star_scores;
    star.reserve(n_boot);
    for (Eigen::Index b = 0; b < out.replicates.rows(); ++b) {
      const double sc = out.replicates(b, o);
      if (std::isfinite(sc) && sc > 0.0) {
        star.push_back(1.0 / sc);
        star_scores.push_back(sc);
      } else {
        ++out.n_failed;
      }
    }
    if (star.size() < 2) {
      continue;
    }
    const double mean_star = mean_of(star);
    const double var_star = variance_of(star);
    const double bias_delta = mean_star - delta[o];
    const double corrected = delta[o] - bias_delta;
    std::vector<double> diff(star.size());
    for (std::size_t b = 0; b < star.size(); ++b) {
      diff[b] = delta[o] - star[b];
    }
    std::sort(diff.begin(), diff.end());
    const double d_lo = delta[o] + quantile_sorted(diff, lo_p);
    const double d_hi = delta[o] + quantile_sorted(diff, hi_p);
    out.bias_corrected[o] = corrected > 0.0 ? 1.0 / corrected : kNaN;
    out.bias[o] = scores[o] - out.bias_corrected[o];
    out.upper[o] = d_lo > 0.0 ? 1.0 / d_lo : kNaN;
    out.lower[o] = d_hi > 0.0 ? 1.0 / d_hi : kNaN;
    out.std_error[o] = std::sqrt(variance_of(star_scores));
    out.bias_ratio[o] = var_star > 0.0 ? bias_delta * bias_delta / var_star : kNaN;
  }
}

}  // namespace

BootstrapResult bootstrap_summary(const Eigen::VectorXd& scores, const Eigen::MatrixXd& replicates,
                                  double alpha, double bandwidth) {
  const Eigen::Index n = scores.size();
  if (replicates.cols() != n || replicates.rows() < 2) {
    throw InvalidInput("bootstrap summary: need at least 2 replicates of " + std::to_string(n) +
                       " scores, got " + std::to_string(replicates.rows()) + " x " +
                       std::to_string(replicates.cols()));
  }
  if (!(alpha > 0.0 && alpha < 1.0)) {
    throw InvalidInput("bootstrap summary: alpha must lie in (0, 1), got " + format_value(alpha));
  }
  BootstrapResult out;
  out.score = scores;
  out.bandwidth = bandwidth;
  out.alpha = alpha;
  out.n_boot = static_cast<std::size_t>(replicates.rows());
  out.replicates = replicates;
  Eigen::VectorXd delta(n);
  for (Eigen::Index o = 0; o < n; ++o) {
    const double sc = scores[o];
    if (!std::isfinite(sc) || sc <= 0.0 || sc > 1.0 + 1e-6) {
      throw InvalidInput("bootstrap summary: score of unit " + std::to_string(o + 1) + " is " +
                         format_value(sc) + "; scores must lie in (0, 1]");
    }
    delta[o] = std::max(1.0, 1.0 / sc);
  }
  summarise(out, delta);
  return out;
}

BootstrapResult bootstrap(const Eigen::MatrixXd& inputs, const Eigen::MatrixXd& outputs,
                          const Eigen::VectorXd& scores, Returns returns, Orientation orientation,
                          const BootstrapOptions& options, const ParallelOptions& parallel) {
  validate_data(inputs, outputs);
  const Eigen::Index n = inputs.rows();
  if (scores.size() != n) {
    throw InvalidInput("bootstrap: " + std::to_string(scores.size()) + " scores for " +
                       std::to_string(n) + " units");
  }
  if (options.n_boot < 2) {
    throw InvalidInput("bootstrap: n_boot must be at least 2, got " +
                       std::to_string(options.n_boot));
  }
  if (!(options.alpha > 0.0 && options.alpha < 1.0)) {
    throw InvalidInput("bootstrap: alpha must lie in (0, 1), got " + format_value(options.alpha));
  }
  if (!std::isfinite(options.bandwidth) || options.bandwidth < 0.0) {
    throw InvalidInput("bootstrap: bandwidth must be positive (or 0 for the rule), got " +
                       format_value(options.bandwidth));
  }
  Eigen::VectorXd delta(n);
  for (Eigen::Index o = 0; o < n; ++o) {
    const double sc = scores[o];
    if (!std::isfinite(sc) || sc <= 0.0 || sc > 1.0 + 1e-6) {
      throw InvalidInput("bootstrap: score of unit " + std::to_string(o + 1) + " is " +
                         format_value(sc) + "; scores must lie in (0, 1]");
    }
    delta[o] = std::max(1.0, 1.0 / sc);
  }
  const double h = options.bandwidth > 0.0 ? options.bandwidth : bootstrap_bandwidth(delta);

  const auto n_units = static_cast<std::size_t>(n);
  std::vector<double> reflected(2 * n_units);
  for (std::size_t j = 0; j < n_units; ++j) {
    reflected[j] = delta[static_cast<Eigen::Index>(j)];
    reflected[n_units + j] = 2.0 - delta[static_cast<Eigen::Index>(j)];
  }
  const double var_reflected = variance_of(reflected);
  const double shrink = var_reflected > 0.0 ? 1.0 / std::sqrt(1.0 + h * h / var_reflected) : 1.0;

  BootstrapResult out;
  out.score = scores;
  out.bandwidth = h;
  out.alpha = options.alpha;
  out.n_boot = options.n_boot;
  out.replicates = Eigen::MatrixXd::Constant(static_cast<Eigen::Index>(options.n_boot), n, kNaN);

  parallel_for(
      options.n_boot,
      [&](std::size_t b) {
        Philox rng(options.seed, derive_stream(options.first_replicate + b, kBootstrapStream));
        std::vector<double> beta(n_units);
        std::vector<double> noise(n_units);
        for (std::size_t j = 0; j < n_units; ++j) {
          auto pick = static_cast<std::size_t>(rng.uniform() * static_cast<double>(2 * n_units));
          pick = std::min(pick, 2 * n_units - 1);
          beta[j] = reflected[pick];
          noise[j] = rng.normal();
        }
        const double beta_bar = mean_of(beta);
        Eigen::MatrixXd x_star = inputs;
        Eigen::MatrixXd y_star = outputs;
        for (std::size_t j = 0; j < n_units; ++j) {
          double d = beta_bar + shrink * (beta[j] + h * noise[j] - beta_bar);
          if (d < 1.0) {
            d = 2.0 - d;
          }
          const auto row = static_cast<Eigen::Index>(j);
          // Keep the unit on its ray: its frontier projection moved out (or in) by d.
          if (orientation == Orientation::kInput) {
            x_star.row(row) *= d / delta[row];
          } else {
            y_star.row(row) *= delta[row] / d;
          }
        }
        out.replicates.row(static_cast<Eigen::Index>(b)) =
            scores_against(x_star, y_star, inputs, outputs, returns, orientation).transpose();
      },
      parallel);

  summarise(out, delta);
  return out;
}

}  // namespace innozone::efficiency
