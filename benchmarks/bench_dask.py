"""Wall time of an expensive Python model on a Dask LocalCluster with 1 and 2 workers.

The model is deliberately slow: every block of 1,024 draws runs a small simulation in
NumPy for about ``--ms`` milliseconds (calibrated at start-up on this machine). The same
``simulate`` call runs here (one process, no Dask), then on a LocalCluster of 1 and of 2
worker processes (one thread each, loopback only), in interleaved rounds; every distributed
result is checked equal, byte for byte, to the local one before it is timed. Printed: the best
wall time of each setting and the ratio 1 worker / 2 workers (the machine is shared, so the
ratio is the figure to read).

    INNOZONE_DEV_BUILD=build/dev python benchmarks/bench_dask.py [--blocks 64] [--ms 20]
"""

from __future__ import annotations

import argparse
import logging
import os
import time
import warnings
from pathlib import Path

import numpy as np

from _devbuild import import_innozone

innozone = import_innozone()
outcomes = innozone.outcomes

REPO = Path(__file__).resolve().parents[1]


class SlowRegionalModel(outcomes.OutcomeModel):
    """A stand-in for a researcher's own regional model: ``steps`` rounds of a logistic firm
    population with noise-free feedback, per draw, vectorised over the rows of a block."""

    def __init__(self, steps: int) -> None:
        super().__init__()
        self.steps = steps

    def input_names(self) -> list[str]:
        return ["growth", "capacity"]

    def indicator_names(self) -> list[str]:
        return ["firms"]

    def years(self) -> list[int]:
        return [2025, 2026, 2027, 2028, 2029]

    def evaluate_batch(self, x: np.ndarray) -> np.ndarray:
        rate = x[:, 0] / 52.0
        capacity = x[:, 1]
        firms = np.full(x.shape[0], 50.0)
        out = np.empty((x.shape[0], 1, 5))
        per_year = max(1, self.steps // 5)
        for year in range(5):
            for _ in range(per_year):
                firms = firms + rate * firms * (1.0 - firms / capacity)
                firms = np.sqrt(firms * firms + 1e-12)  # extra arithmetic per step
            out[:, 0, year] = firms
        return out


def parameters() -> outcomes.ParameterSet:
    return outcomes.ParameterSet(
        {
            "growth": outcomes.Distribution.triangular(0.05, 0.2, 0.5),
            "capacity": outcomes.Distribution.uniform(200.0, 400.0),
        }
    )


def calibrate(ms: float) -> int:
    """Steps per block that take about ``ms`` milliseconds here."""
    x = np.column_stack([np.full(1024, 0.2), np.full(1024, 300.0)])
    steps = 50
    while True:
        model = SlowRegionalModel(steps)
        start = time.perf_counter()
        for _ in range(3):
            model.evaluate_batch(x)
        took = (time.perf_counter() - start) / 3 * 1000
        if took >= ms * 0.9 or steps > 1_000_000:
            return max(5, int(steps * ms / took))
        steps *= 2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--blocks", type=int, default=64, help="blocks of 1,024 draws")
    parser.add_argument("--ms", type=float, default=20.0, help="model time per block (ms)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (best kept)")
    args = parser.parse_args()

    import distributed

    steps = calibrate(args.ms)
    model = SlowRegionalModel(steps)
    params = parameters()
    n_draws = args.blocks * outcomes.BLOCK_ROWS
    x = np.column_stack([np.full(1024, 0.2), np.full(1024, 300.0)])
    start = time.perf_counter()
    model.evaluate_batch(x)
    block_ms = (time.perf_counter() - start) * 1000
    print(f"model: {steps} steps per draw, {block_ms:.1f} ms per block of 1,024 draws here")
    print(f"run: {n_draws:,} draws = {args.blocks} blocks, one block per task")

    kwargs = {}
    if os.environ.get("INNOZONE_DEV_BUILD"):
        kwargs["preload"] = [str(REPO / "tests" / "python" / "conftest.py")]
    clusters = {}
    for workers in (1, 2):
        with warnings.catch_warnings():  # the health-check HTTP server falls back to a free port
            warnings.filterwarnings("ignore", message="Port 8787 is already in use")
            cluster = distributed.LocalCluster(
                n_workers=workers,
                processes=True,
                threads_per_worker=1,
                dashboard_address=None,
                host="127.0.0.1",
                silence_logs=logging.ERROR,
                **kwargs,
            )
        clusters[workers] = (cluster, distributed.Client(cluster))

    best: dict[str, float] = {}
    reference = None
    try:
        for _ in range(args.rounds):
            start = time.perf_counter()
            local = outcomes.simulate(model, params, n_draws, seed=1, n_threads=1)
            best["local (no Dask)"] = min(
                best.get("local (no Dask)", 1e9), time.perf_counter() - start
            )
            reference = local.state.to_bytes()
            for workers, (_, client) in clusters.items():
                start = time.perf_counter()
                remote = outcomes.simulate(
                    model,
                    params,
                    n_draws,
                    seed=1,
                    executor=client,
                    block_size=outcomes.BLOCK_ROWS,
                )
                took = time.perf_counter() - start
                if remote.state.to_bytes() != reference:
                    raise SystemExit(f"{workers} workers: the result differs from the local run")
                label = f"Dask, {workers} worker{'s' if workers > 1 else ''}"
                best[label] = min(best.get(label, 1e9), took)
    finally:
        for cluster, client in clusters.values():
            client.close()
            cluster.close()

    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for label, seconds in best.items():
        print(f"  {label:<18} {seconds:7.2f} s (best of {args.rounds})")
    ratio = best["Dask, 1 worker"] / best["Dask, 2 workers"]
    print(f"wall time 1 worker / 2 workers: {ratio:.2f}x (results identical to the local run)")


if __name__ == "__main__":
    main()
