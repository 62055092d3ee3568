"""Benchmark of the budget area against numpy-financial and NumPy/OpenBLAS, in one run.

1. NPV and IRR of random 10-year cash-flow scenarios: innozone (one batched C++ call, GIL
   released, parallel, AVX2+FMA kernel chosen at run time) against numpy-financial called
   per scenario and against vectorised NumPy: numpy-financial's formula broadcast over the
   scenarios, ``(flows / (1 + r) ** arange(n)).sum(axis=1)``, and the BLAS matrix-vector
   product ``flows @ discount_factors`` (OpenBLAS, all its threads).
   Targets: >= 20x numpy-financial per scenario; >= 1x every vectorised NumPy form.
2. Leontief model of an n x n input-output table (coefficients + LU + solve) against
   ``numpy.linalg.solve(I - Z / x, f)`` (LAPACK dgesv from OpenBLAS). Target: >= 1x at 400.
3. Scaling rows: the NPV batch from 1e4 to 1e6 scenarios, the Leontief solve from 100 to
   800 sectors.

Every timing is the best of several calls; the whole set is measured in 3 rounds and each
ratio printed is the median of its 3 rounds (the machine is shared and noisy). Results are
checked against each other before any time is printed.

Run from the repository root after installing the package (or with INNOZONE_DEV_BUILD set
to a build directory, as the tests do):

    python benchmarks/bench_budget.py [--scenarios 100000] [--threads 0] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from _devbuild import import_innozone


def best_of(repeat: int, fn: Callable[[], Any]) -> tuple[float, Any]:
    """Best wall time of ``repeat`` calls and the last result."""
    best = float("inf")
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def repeats_for(seconds: float) -> int:
    """Enough calls for a stable minimum, within about half a second per measurement."""
    return int(min(200, max(5, 0.5 / max(seconds, 1e-6))))


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    probe, result = best_of(1, fn)
    best, result = best_of(repeats_for(probe), fn)
    return min(best, probe), result


def npv_round(budget: Any, flows: np.ndarray, rate: float, threads: int) -> dict[str, float]:
    t = flows.shape[1]
    powers = (1 + rate) ** -np.arange(t)
    times: dict[str, float] = {}
    times["innozone"], ours = timed(lambda: budget.npv_batch(flows, rate, n_threads=threads))
    times["innozone 1 thread"], _ = timed(lambda: budget.npv_batch(flows, rate, n_threads=1))
    times["broadcast"], vec = timed(lambda: (flows / (1 + rate) ** np.arange(t)).sum(axis=1))
    times["matvec"], mat = timed(lambda: flows @ powers)
    scale = (np.abs(flows) * powers).sum(axis=1)
    for name, other in (("broadcast", vec), ("flows @ d", mat)):
        worst = float(np.max(np.abs(ours - other) / scale))
        assert worst < 1e-9, f"NPV disagrees with {name}: {worst:.2e}"
    return times


def leontief_round(core: Any, size: int, rng: np.random.Generator) -> dict[str, float]:
    z = rng.uniform(0, 1, (size, size))
    x = z.sum(axis=0) / rng.uniform(0.3, 0.7, size)
    f = rng.uniform(0, 10, size)
    model = core.budget.LeontiefModel
    times: dict[str, float] = {}
    times["innozone"], ours = timed(lambda: np.asarray(model.from_flows(z, x).solve(f)).ravel())
    times["numpy"], ref = timed(lambda: np.linalg.solve(np.eye(size) - z / x, f))
    np.testing.assert_allclose(ours, ref, rtol=1e-9)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scenarios", type=int, default=100_000)
    parser.add_argument("--periods", type=int, default=10)
    parser.add_argument("--threads", type=int, default=0, help="0 = all cores")
    parser.add_argument("--io-size", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--no-scaling", action="store_true", help="skip the scaling rows")
    args = parser.parse_args()

    innozone = import_innozone()
    import numpy_financial as npf

    budget = innozone.budget
    core = innozone._core
    rng = np.random.default_rng(args.seed)
    n, t = args.scenarios, args.periods
    # An outlay, then noisy yearly returns (some years negative).
    flows = np.column_stack([-rng.uniform(50, 200, n), rng.normal(25, 15, (n, t - 1))])
    rate = 0.045
    print(
        f"budget benchmark: {os.cpu_count()} CPUs, LU kernels {core.budget.lu_kernels()!r}, "
        f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', 'unset')}, "
        f"threads={args.threads or 'all'}, {args.rounds} rounds (median ratio shown)"
    )

    # numpy-financial per scenario is 3 orders of magnitude slower: timed once.
    t_npf, npv_npf = best_of(1, lambda: np.array([npf.npv(rate, row) for row in flows]))
    ours = budget.npv_batch(flows, rate)
    scale = (np.abs(flows) * (1 + rate) ** -np.arange(t)).sum(axis=1)
    assert float(np.max(np.abs(ours - npv_npf) / scale)) < 1e-9
    t_irr, (irr_iz, counts) = best_of(3, lambda: budget.irr_batch(flows, n_threads=args.threads))
    m = min(n, 20_000)  # numpy-financial per scenario on a subset, time scaled to n
    t_sub, irr_npf = best_of(1, lambda: np.array([npf.irr(row) for row in flows[:m]]))
    t_irr_npf = t_sub * n / m
    both = ~np.isnan(irr_npf) & (irr_npf >= -0.99) & (irr_npf <= 100) & (counts[:m] == 1)
    worst = float(
        np.max(np.abs(irr_iz[:m][both] - irr_npf[both]) / np.maximum(np.abs(irr_npf[both]), 1e-12))
    )
    assert worst < 1e-9, f"IRR disagrees with numpy-financial: {worst:.2e}"

    npv_rounds = [npv_round(budget, flows, rate, args.threads) for _ in range(args.rounds)]
    io_rounds = [leontief_round(core, args.io_size, rng) for _ in range(args.rounds)]

    def median_time(rounds: list[dict[str, float]], key: str) -> float:
        return statistics.median(r[key] for r in rounds)

    def median_ratio(rounds: list[dict[str, float]], num: str, den: str) -> float:
        return statistics.median(r[num] / r[den] for r in rounds)

    t_iz = median_time(npv_rounds, "innozone")
    print(f"NPV of {n:,} scenarios x {t} years, rate {rate}")
    print(
        f"  innozone npv_batch             {t_iz * 1e3:9.3f} ms   "
        f"(1 thread: {median_time(npv_rounds, 'innozone 1 thread') * 1e3:.3f} ms)"
    )
    print(f"  numpy-financial per scenario   {t_npf * 1e3:9.1f} ms   ratio {t_npf / t_iz:9.1f}x")
    print(
        f"  NumPy broadcast formula        {median_time(npv_rounds, 'broadcast') * 1e3:9.3f} ms"
        f"   ratio {median_ratio(npv_rounds, 'broadcast', 'innozone'):9.2f}x"
    )
    print(
        f"  NumPy flows @ d (OpenBLAS)     {median_time(npv_rounds, 'matvec') * 1e3:9.3f} ms"
        f"   ratio {median_ratio(npv_rounds, 'matvec', 'innozone'):9.2f}x"
        f"   (1 thread vs it: {median_ratio(npv_rounds, 'matvec', 'innozone 1 thread'):.2f}x)"
    )
    multiple = int(np.sum(counts > 1))
    print(
        f"IRR of the same scenarios ({multiple} with several roots, "
        f"{int(np.sum(counts == 0))} with none)"
    )
    print(f"  innozone irr_batch (all roots) {t_irr * 1e3:9.1f} ms")
    print(
        f"  numpy-financial per scenario   {t_irr_npf * 1e3:9.1f} ms   ratio "
        f"{t_irr_npf / t_irr:9.1f}x   (timed on {m:,}, scaled)"
    )
    k = args.io_size
    print(f"Leontief model {k}x{k} (coefficients + LU + solve)")
    print(f"  innozone                       {median_time(io_rounds, 'innozone') * 1e3:9.3f} ms")
    print(
        f"  numpy.linalg.solve (OpenBLAS)  {median_time(io_rounds, 'numpy') * 1e3:9.3f} ms"
        f"   ratio {median_ratio(io_rounds, 'numpy', 'innozone'):9.2f}x"
    )

    if args.no_scaling:
        return
    print("Scaling (median of rounds; ratio = NumPy time / innozone time)")
    for scenarios in (10_000, 100_000, 1_000_000):
        big = np.column_stack(
            [-rng.uniform(50, 200, scenarios), rng.normal(25, 15, (scenarios, t - 1))]
        )
        rounds = [npv_round(budget, big, rate, args.threads) for _ in range(args.rounds)]
        print(
            f"  NPV {scenarios:>9,} x {t}: innozone {median_time(rounds, 'innozone') * 1e3:8.3f} ms,"
            f" flows @ d {median_time(rounds, 'matvec') * 1e3:8.3f} ms,"
            f" ratio {median_ratio(rounds, 'matvec', 'innozone'):5.2f}x"
        )
    for size in (100, 200, 400, 800):
        rounds = [leontief_round(core, size, rng) for _ in range(args.rounds)]
        print(
            f"  Leontief {size:>4}: innozone {median_time(rounds, 'innozone') * 1e3:8.3f} ms,"
            f" numpy.linalg.solve {median_time(rounds, 'numpy') * 1e3:8.3f} ms,"
            f" ratio {median_ratio(rounds, 'numpy', 'innozone'):5.2f}x"
        )


if __name__ == "__main__":
    main()
