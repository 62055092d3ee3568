"""Benchmark of the budget area against numpy-financial and NumPy, in one run.

1. NPV and IRR of 100,000 random 10-year cash-flow scenarios:
   innozone (one batched C++ call, GIL released, parallel) against numpy-financial called
   per scenario, and the NPV also against a fully vectorised NumPy expression.
   Targets: >= 20x faster than numpy-financial per scenario; not slower than vectorised NumPy.
   Two vectorised NumPy forms are timed: numpy-financial's own formula broadcast over the
   scenarios, ``(flows / (1 + r) ** arange(n)).sum(axis=1)``, and the BLAS matrix-vector
   product ``flows @ discount_factors`` (sensitive to the BLAS thread count: set
   OPENBLAS_NUM_THREADS=1 for a single-thread comparison).
2. Leontief solve of a 400 x 400 input-output table against numpy.linalg.solve.

Run from the repository root after installing the package (or with INNOZONE_DEV_BUILD set
to a build directory, as the tests do):

    python benchmarks/bench_budget.py [--scenarios 100000] [--threads 0]

Results are checked against each other before any time is printed.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from _devbuild import import_innozone


_import_innozone = import_innozone

def best_of(repeat: int, fn: Callable[[], Any]) -> tuple[float, Any]:
    """Best wall time of ``repeat`` runs and the last result."""
    best = float("inf")
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scenarios", type=int, default=100_000)
    parser.add_argument("--periods", type=int, default=10)
    parser.add_argument("--threads", type=int, default=0, help="0 = all cores")
    parser.add_argument("--io-size", type=int, default=400)
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()

    innozone = _import_innozone()
    import numpy_financial as npf

    budget = innozone.budget
    rng = np.random.default_rng(args.seed)
    n, t = args.scenarios, args.periods
    # An outlay, then noisy yearly returns (some years negative).
    flows = np.column_stack([-rng.uniform(50, 200, n), rng.normal(25, 15, (n, t - 1))])
    rate = 0.045
    print(f"NPV / IRR of {n:,} scenarios x {t} years, rate {rate}; threads={args.threads or 'all'}")

    # ---- NPV
    t_iz, npv_iz = best_of(5, lambda: budget.npv_batch(flows, rate, n_threads=args.threads))
    t_iz1, _ = best_of(5, lambda: budget.npv_batch(flows, rate, n_threads=1))
    powers = (1 + rate) ** -np.arange(t)
    t_vec, npv_vec = best_of(5, lambda: (flows / (1 + rate) ** np.arange(t)).sum(axis=1))
    t_mat, npv_mat = best_of(5, lambda: flows @ powers)
    t_npf, npv_npf = best_of(1, lambda: np.array([npf.npv(rate, row) for row in flows]))
    scale = (np.abs(flows) * powers).sum(axis=1)
    for name, other in (("vectorised", npv_vec), ("matrix", npv_mat), ("numpy-financial", npv_npf)):
        worst = float(np.max(np.abs(npv_iz - other) / scale))
        assert worst < 1e-9, f"NPV disagrees with {name}: {worst:.2e}"
    print(f"  innozone npv_batch            {t_iz * 1e3:9.2f} ms"
          f"   (1 thread: {t_iz1 * 1e3:.2f} ms)")
    print(f"  numpy-financial per scenario  {t_npf * 1e3:9.2f} ms   ratio {t_npf / t_iz:8.1f}x")
    print(f"  NumPy vectorised (broadcast)  {t_vec * 1e3:9.2f} ms   ratio {t_vec / t_iz:8.2f}x")
    print(f"  NumPy vectorised (flows @ d)  {t_mat * 1e3:9.2f} ms   ratio {t_mat / t_iz:8.2f}x")

    # ---- IRR
    t_irr, (irr_iz, counts) = best_of(3, lambda: budget.irr_batch(flows, n_threads=args.threads))
    m = min(n, 20_000)  # numpy-financial per scenario on a subset, time scaled to n
    t_sub, irr_npf = best_of(1, lambda: np.array([npf.irr(row) for row in flows[:m]]))
    t_irr_npf = t_sub * n / m
    both = ~np.isnan(irr_npf) & (irr_npf >= -0.99) & (irr_npf <= 100) & (counts[:m] == 1)
    worst = float(np.max(np.abs(irr_iz[:m][both] - irr_npf[both]) /
                         np.maximum(np.abs(irr_npf[both]), 1e-12)))
    assert worst < 1e-9, f"IRR disagrees with numpy-financial: {worst:.2e}"
    multiple = int(np.sum(counts > 1))
    print(f"  innozone irr_batch (all roots) {t_irr * 1e3:8.2f} ms   ({multiple} scenarios with"
          f" several roots, {int(np.sum(counts == 0))} with none)")
    print(f"  numpy-financial irr per scen.  {t_irr_npf * 1e3:8.2f} ms   ratio "
          f"{t_irr_npf / t_irr:8.1f}x   (timed on {m:,}, scaled)")

    # ---- Leontief solve
    k = args.io_size
    z = rng.uniform(0, 1, (k, k))
    x = z.sum(axis=0) / rng.uniform(0.3, 0.7, k)
    f = rng.uniform(0, 10, k)
    model_cls = innozone._core.budget.LeontiefModel

    def innozone_solve() -> np.ndarray:
        return np.asarray(model_cls.from_flows(z, x).solve(f)).ravel()

    def numpy_solve() -> np.ndarray:
        return np.linalg.solve(np.eye(k) - z / x, f)

    t_io, out_iz = best_of(10, innozone_solve)
    t_np, out_np = best_of(10, numpy_solve)
    np.testing.assert_allclose(out_iz, out_np, rtol=1e-9)
    print(f"Leontief solve {k}x{k} (coefficients + LU + solve)")
    print(f"  innozone                      {t_io * 1e3:9.2f} ms")
    print(f"  numpy.linalg.solve            {t_np * 1e3:9.2f} ms   ratio {t_np / t_io:8.2f}x")


if __name__ == "__main__":
    main()
