// Reference for bench_montecarlo.py: the zone model of innozone's ZoneModel written as one tight
// scalar C++ loop on one thread (no engine, no buffers, no summaries beyond running sums).
//
// It draws the same plain Monte Carlo uniforms as the engine (Philox, one stream per block of
// 1,024 draws, the inputs of a draw consumed in order), maps them through the same quantile
// functions, evaluates the model inline and adds every output to a running sum. Its means must
// therefore equal the engine's to rounding; the benchmark checks that before timing anything.
//
// Input on stdin (whitespace separated):
//   n_draws seed
//   n_inputs, then per input: kind p0 p1 p2   (kind 0 uniform(low, high), 1 triangular(low,
//             mode, high), 2 lognormal(mu, sigma), 3 fixed(value))
//   n_years, years..., budgets...
//   phase1_transfers phase1_years
//   n_initial, then per earlier cohort: year ric startups
// Output on stdout: wall and CPU seconds of the loop, then the mean of every output
// (indicator-major, 10 x n_years).
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <vector>

#include "innozone/common/math.hpp"
#include "innozone/common/random.hpp"

namespace {

struct Input {
  int kind = 0;
  double p0 = 0, p1 = 0, p2 = 0;
};

double quantile(const Input& in, double u) {
  u = std::min(std::max(u, 1e-300), 1.0 - 1e-16);  // as the engine's quantile functions
  switch (in.kind) {
    case 0:
      return in.p0 + u * (in.p1 - in.p0);
    case 1: {
      const double a = in.p0, c = in.p1, b = in.p2;
      const double fc = (c - a) / (b - a);
      const double left = (b - a) * (c - a), right = (b - a) * (b - c);
      return u < fc ? a + std::sqrt(u * left) : b - std::sqrt((1.0 - u) * right);
    }
    case 2:
      return std::exp(in.p0 + in.p1 * innozone::normal_quantile(u));
    default:
      return in.p0;
  }
}

}  // namespace

int main() {
  std::uint64_t n = 0, seed = 0;
  std::size_t n_inputs = 0;
  std::cin >> n >> seed >> n_inputs;
  std::vector<Input> inputs(n_inputs);
  for (auto& in : inputs) std::cin >> in.kind >> in.p0 >> in.p1 >> in.p2;
  std::size_t ny = 0;
  std::cin >> ny;
  std::vector<int> years(ny);
  std::vector<double> budget(ny);
  for (auto& y : years) std::cin >> y;
  for (auto& b : budget) std::cin >> b;
  double phase1_transfers = 0;
  int phase1_years = 0;
  std::size_t n_init = 0;
  std::cin >> phase1_transfers >> phase1_years >> n_init;
  std::vector<int> init_year(n_init);
  std::vector<double> init_ric(n_init), init_su(n_init);
  for (std::size_t c = 0; c < n_init; ++c) std::cin >> init_year[c] >> init_ric[c] >> init_su[c];
  if (!std::cin || n_inputs != 11 || ny == 0) {
    std::cerr << "native_zone_loop: bad input\n";
    return 2;
  }

  int earliest = years.front();
  for (int y : init_year) earliest = std::min(earliest, y);
  const auto n_ages = static_cast<std::size_t>(years.back() - earliest) + 1;
  std::vector<double> log_age(n_ages), log_budget(ny);
  for (std::size_t a = 0; a < n_ages; ++a) log_age[a] = std::log(static_cast<double>(a) + 0.5);
  for (std::size_t u = 0; u < ny; ++u) log_budget[u] = std::log(budget[u]);
  const double t0 = phase1_transfers / phase1_years;
  const double log5 = std::log(5.0);
  std::vector<double> sums(10 * ny, 0.0), s_ric(n_ages), s_su(n_ages), ric(ny), su(ny);
  double x[11];

  const auto start = std::chrono::steady_clock::now();
  const std::clock_t cpu_start = std::clock();
  constexpr std::uint64_t kBlock = 1024;
  for (std::uint64_t block = 0; block * kBlock < n; ++block) {
    innozone::Philox rng(seed, innozone::derive_stream(0x4d43ull, block));
    const std::uint64_t end = std::min(n, (block + 1) * kBlock);
    for (std::uint64_t r = block * kBlock; r < end; ++r) {
      for (std::size_t i = 0; i < 11; ++i) x[i] = quantile(inputs[i], rng.uniform());
      const double b0 = x[0] / phase1_years, elasticity = x[1], productivity = x[2];
      const double k = x[7], jobs_pf = x[8], rev_pf = x[9], inv_pf = x[10];
      const double h_ric = -std::log(x[5]), h_su = -std::log(x[6]);
      const double k_log5 = k * log5, log_b0 = std::log(b0);
      for (std::size_t a = 0; a < n_ages; ++a) {
        const double ratio = std::exp(k * log_age[a] - k_log5);
        s_ric[a] = std::exp(-h_ric * ratio);
        s_su[a] = std::exp(-h_su * ratio);
      }
      double cum_companies = 0, cum_investment = 0, cum_revenue = 0;
      for (std::size_t u = 0; u < ny; ++u) {
        const double transfers = productivity * (t0 * std::exp(elasticity * (log_budget[u] - log_b0)));
        ric[u] = x[3] * transfers;
        su[u] = x[4] * transfers;
        double alive = 0;
        for (std::size_t c = 0; c < n_init; ++c) {
          const auto age = static_cast<std::size_t>(years[u] - init_year[c]);
          alive += init_ric[c] * s_ric[age] + init_su[c] * s_su[age];
        }
        for (std::size_t c = 0; c <= u; ++c) alive += ric[c] * s_ric[u - c] + su[c] * s_su[u - c];
        const double founded = ric[u] + su[u];
        const double revenue = alive * rev_pf;
        const double investment = founded * inv_pf;
        cum_companies += founded;
        cum_investment += investment;
        cum_revenue += revenue;
        sums[0 * ny + u] += transfers;
        sums[1 * ny + u] += ric[u];
        sums[2 * ny + u] += su[u];
        sums[3 * ny + u] += alive;
        sums[4 * ny + u] += alive * jobs_pf;
        sums[5 * ny + u] += revenue;
        sums[6 * ny + u] += investment;
        sums[7 * ny + u] += cum_companies;
        sums[8 * ny + u] += cum_investment;
        sums[9 * ny + u] += cum_revenue;
      }
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double cpu = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  std::printf("%.6f %.6f\n", seconds, cpu);
  for (double s : sums) std::printf("%.17g\n", s / static_cast<double>(n));
  return 0;
}
