#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <numeric>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "innozone/common/error.hpp"
#include "innozone/common/math.hpp"
#include "innozone/common/parallel.hpp"
#include "innozone/common/random.hpp"

namespace {

using innozone::Philox;

TEST(Philox, SameSeedAndStreamGiveSameSequence) {
  Philox a(7, 3);
  Philox b(7, 3);
  for (int i = 0; i < 100; ++i) {
    EXPECT_EQ(a(), b());
  }
}

TEST(Philox, StreamsDiffer) {
  Philox a(7, 3);
  Philox b(7, 4);
  int equal = 0;
  for (int i = 0; i < 100; ++i) {
    equal += (a() == b()) ? 1 : 0;
  }
  EXPECT_LT(equal, 3);
}

TEST(Philox, SeekReproducesPosition) {
  Philox a(11, 0);
  for (int i = 0; i < 40; ++i) {
    a();
  }
  const auto expected = a();
  Philox b(11, 0);
  b.seek(10);  // 40 outputs = 10 blocks of four
  EXPECT_EQ(b(), expected);
}

TEST(Philox, UniformMomentsAndRange) {
  Philox rng(2024, 0);
  const int n = 200000;
  double sum = 0.0;
  double sum_sq = 0.0;
  for (int i = 0; i < n; ++i) {
    const double u = rng.uniform();
    ASSERT_GT(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u;
    sum_sq += u * u;
  }
  const double mean = sum / n;
  const double var = sum_sq / n - mean * mean;
  EXPECT_NEAR(mean, 0.5, 4.0 * std::sqrt(1.0 / 12.0 / n));
  EXPECT_NEAR(var, 1.0 / 12.0, 1e-3);
}

TEST(Philox, NormalMoments) {
  Philox rng(99, 5);
  const int n = 200000;
  double sum = 0.0;
  double sum_sq = 0.0;
  for (int i = 0; i < n; ++i) {
    const double z = rng.normal();
    sum += z;
    sum_sq += z * z;
  }
  EXPECT_NEAR(sum / n, 0.0, 4.0 / std::sqrt(n));
  EXPECT_NEAR(sum_sq / n, 1.0, 0.02);
}

TEST(DeriveStream, DistinctForDistinctInputs) {
  std::set<std::uint64_t> seen;
  for (std::uint64_t a = 0; a < 50; ++a) {
    for (std::uint64_t b = 0; b < 50; ++b) {
      seen.insert(innozone::derive_stream(a, b));
    }
  }
  EXPECT_EQ(seen.size(), 2500u);
}

TEST(NormalQuantile, KnownValues) {
  EXPECT_NEAR(innozone::normal_quantile(0.975), 1.959963984540054, 1e-13);
  EXPECT_NEAR(innozone::normal_quantile(0.5), 0.0, 1e-15);
  EXPECT_NEAR(innozone::normal_quantile(1e-10), -6.361340902404056, 1e-9);
  for (double p : {1e-300, 1e-8, 0.01, 0.2, 0.7, 0.99, 1.0 - 1e-12}) {
    EXPECT_NEAR(innozone::normal_cdf(innozone::normal_quantile(p)), p, 1e-12 * std::max(p, 1e-3));
  }
}

TEST(NormalQuantile, RejectsOutsideUnitInterval) {
  EXPECT_THROW(innozone::normal_quantile(0.0), innozone::InvalidInput);
  EXPECT_THROW(innozone::normal_quantile(1.0), innozone::InvalidInput);
  EXPECT_THROW(innozone::normal_quantile(std::nan("")), innozone::InvalidInput);
}

TEST(IncompleteGamma, KnownValuesAndComplement) {
  // P(1, x) = 1 - e^{-x}; Q(a, x) for a chi-square tail: P(chi2_2 > 40) = e^{-20}.
  EXPECT_NEAR(innozone::gamma_p(1.0, 2.0), 1.0 - std::exp(-2.0), 1e-14);
  EXPECT_NEAR(innozone::gamma_q(1.0, 20.0) / std::exp(-20.0), 1.0, 1e-12);  // no cancellation
  for (double a : {0.5, 1.0, 3.0, 12.5}) {
    for (double x : {0.01, 0.7, 3.0, 14.0, 60.0}) {
      EXPECT_NEAR(innozone::gamma_p(a, x) + innozone::gamma_q(a, x), 1.0, 1e-14) << a << " " << x;
    }
  }
  EXPECT_EQ(innozone::gamma_q(2.0, 0.0), 1.0);
  EXPECT_THROW(innozone::gamma_p(0.0, 1.0), innozone::InvalidInput);
  EXPECT_THROW(innozone::gamma_q(1.0, -1.0), innozone::InvalidInput);
}

TEST(ParallelFor, EveryTaskRunsOnceForAnyThreadCount) {
  for (int threads : {1, 2, 3, 8}) {
    std::vector<int> hits(1000, 0);
    innozone::ParallelOptions options;
    options.n_threads = threads;
    innozone::parallel_for(hits.size(), [&hits](std::size_t task) { hits[task] += 1; }, options);
    EXPECT_EQ(std::accumulate(hits.begin(), hits.end(), 0), 1000) << threads << " threads";
    EXPECT_EQ(*std::min_element(hits.begin(), hits.end()), 1);
  }
}

TEST(ParallelFor, FirstExceptionIsRethrown) {
  innozone::ParallelOptions options;
  options.n_threads = 2;
  EXPECT_THROW(innozone::parallel_for(
                   100,
                   [](std::size_t task) {
                     if (task == 17) {
                       throw innozone::InvalidInput("task 17 failed");
                     }
                   },
                   options),
               innozone::InvalidInput);
}

TEST(ParallelFor, ProgressFalseCancels) {
  std::atomic<int> ran{0};
  innozone::ParallelOptions options;
  options.n_threads = 2;
  options.progress_interval_ms = 1;
  options.progress = [](std::size_t, std::size_t) { return false; };
  EXPECT_THROW(innozone::parallel_for(
                   100000,
                   [&ran](std::size_t) {
                     ran.fetch_add(1);
                     std::this_thread::sleep_for(std::chrono::microseconds(50));
                   },
                   options),
               innozone::Cancelled);
  EXPECT_LT(ran.load(), 100000);
}

TEST(ParallelFor, WorkersAreReusedAcrossCalls) {
  innozone::ParallelOptions options;
  options.n_threads = 2;
  std::vector<double> out(64, 0.0);
  innozone::parallel_for(out.size(), [&out](std::size_t t) { out[t] = 1.0; }, options);
  const int before = innozone::pool_threads();
  for (int call = 0; call < 200; ++call) {
    innozone::parallel_for(out.size(), [&out](std::size_t t) { out[t] += 1.0; }, options);
  }
  // Sequential calls reuse the same workers: the pool does not grow with the number of calls.
  EXPECT_EQ(innozone::pool_threads(), before);
  EXPECT_EQ(std::accumulate(out.begin(), out.end(), 0.0), 64.0 * 201.0);
}

TEST(ParallelFor, NestedLoopsCompleteWithoutDeadlock) {
  innozone::ParallelOptions options;
  options.n_threads = 2;
  std::vector<std::vector<int>> hits(8, std::vector<int>(50, 0));
  innozone::parallel_for(
      hits.size(),
      [&hits, &options](std::size_t outer) {
        innozone::parallel_for(
            hits[outer].size(), [&hits, outer](std::size_t inner) { hits[outer][inner] += 1; },
            options);
      },
      options);
  for (const auto& row : hits) {
    EXPECT_EQ(std::accumulate(row.begin(), row.end(), 0), 50);
  }
}

TEST(ParallelFor, ConcurrentCallersEachGetTheirResults) {
  std::vector<std::thread> callers;
  std::vector<std::vector<std::size_t>> results(6, std::vector<std::size_t>(2000, 0));
  for (std::size_t c = 0; c < results.size(); ++c) {
    callers.emplace_back([&results, c] {
      innozone::ParallelOptions options;
      options.n_threads = 2;
      for (int repeat = 0; repeat < 20; ++repeat) {
        innozone::parallel_for(
            results[c].size(), [&results, c](std::size_t t) { results[c][t] = t * (c + 1); },
            options);
      }
    });
  }
  for (auto& caller : callers) {
    caller.join();
  }
  for (std::size_t c = 0; c < results.size(); ++c) {
    for (std::size_t t = 0; t < results[c].size(); ++t) {
      ASSERT_EQ(results[c][t], t * (c + 1));
    }
  }
}

TEST(ParallelFor, ExceptionFromProgressStopsTheLoopAndPropagates) {
  std::atomic<int> ran{0};
  innozone::ParallelOptions options;
  options.n_threads = 2;
  options.progress_interval_ms = 1;
  options.progress = [](std::size_t, std::size_t) -> bool { throw std::runtime_error("callback"); };
  EXPECT_THROW(innozone::parallel_for(
                   100000,
                   [&ran](std::size_t) {
                     ran.fetch_add(1);
                     std::this_thread::sleep_for(std::chrono::microseconds(50));
                   },
                   options),
               std::runtime_error);
  EXPECT_LT(ran.load(), 100000);
  // The pool still works afterwards.
  std::vector<int> hits(100, 0);
  options.progress = nullptr;
  innozone::parallel_for(hits.size(), [&hits](std::size_t t) { hits[t] = 1; }, options);
  EXPECT_EQ(std::accumulate(hits.begin(), hits.end(), 0), 100);
}

TEST(ParallelFor, ZeroTasksIsANoOp) {
  bool called = false;
  innozone::parallel_for(0, [&called](std::size_t) { called = true; });
  EXPECT_FALSE(called);
}

TEST(SchemaError, CarriesPath) {
  const innozone::SchemaError error("/programs/0/id", "expected a string, found 3");
  EXPECT_EQ(error.path(), "/programs/0/id");
  EXPECT_NE(std::string(error.what()).find("(at /programs/0/id)"), std::string::npos);
}

}  // namespace
