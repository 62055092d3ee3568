"""Engines called from several Python threads at once, and Ctrl-C during long runs.

The compiled loops release the GIL, so Python threads really run them concurrently. Each
call must give exactly what the same call gives alone (no shared mutable state), and a
KeyboardInterrupt raised while a loop runs must stop it promptly and leave nothing broken.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import innozone
from innozone import budget, gimhae_model

DATA = Path(__file__).resolve().parents[1] / "data"


def _mc(seed: int) -> np.ndarray:
    result = gimhae_model.gimhae_projection(n_draws=2_000, seed=seed, n_threads=2)
    return result.to_frame().select_dtypes("number").to_numpy()


def _npv(seed: int) -> np.ndarray:
    flows = np.random.default_rng(seed).normal(size=(5_000, 10))
    return budget.npv_batch(flows, 0.045, n_threads=2)


def _cs(seed: int) -> np.ndarray:
    mpdta = pd.read_csv(DATA / "mpdta.csv", comment="#")
    result = innozone.callaway_santanna(
        mpdta, unit="countyreal", time="year", outcome="lemp", first_treated="first.treat",
        n_boot=199, seed=seed, n_threads=2,
    )
    return result.to_frame().select_dtypes("number").to_numpy()


def _sc(seed: int) -> np.ndarray:
    prop99 = pd.read_csv(DATA / "california_prop99.csv", sep=";", comment="#")
    result = innozone.synthetic_control(
        prop99, unit="State", time="Year", outcome="PacksPerCapita", treatment="treated",
        optimize_years=range(1980, 1989), seed=seed, n_threads=2,
    )
    return np.concatenate([result.rmspe.select_dtypes("number").to_numpy().ravel(),
                           result.weights.select_dtypes("number").to_numpy().ravel()])


ENGINES: dict[str, Callable[[int], np.ndarray]] = {
    "monte-carlo": _mc,
    "npv-batch": _npv,
    "callaway-santanna-bootstrap": _cs,
    "synthetic-control-placebos": _sc,
}


@pytest.mark.parametrize("name", sorted(ENGINES))
def test_threads_give_the_serial_results(name: str) -> None:
    run = ENGINES[name]
    seeds = [11, 12, 13, 11]
    serial = [run(seed) for seed in seeds]
    with ThreadPoolExecutor(max_workers=4) as pool:
        parallel = list(pool.map(run, seeds))
    for expected, got in zip(serial, parallel):
        np.testing.assert_array_equal(got, expected)
    # the same seed gives the same answer, different seeds differ (where random at all)
    np.testing.assert_array_equal(parallel[0], parallel[3])


def _interrupt_after(seconds: float) -> threading.Timer:
    # A real SIGINT, as Ctrl-C in a terminal or "interrupt kernel" in Jupyter sends.
    timer = threading.Timer(seconds, os.kill, args=(os.getpid(), signal.SIGINT))
    timer.start()
    return timer


LONG_RUNS: dict[str, Callable[[], Any]] = {
    "monte-carlo": lambda: gimhae_model.gimhae_projection(
        n_draws=3_000_000, seed=1, sampler="mc", n_threads=2),
    "irr-batch": lambda: budget.irr_batch(
        np.random.default_rng(0).normal(size=(3_000_000, 10)), n_threads=2),
}


@pytest.mark.parametrize("name", sorted(LONG_RUNS))
def test_ctrl_c_stops_a_long_run_promptly(name: str) -> None:
    before = _mc(5)
    returned = False
    # A process started in the background by a non-interactive shell (as CI may do) inherits
    # SIGINT as ignored; install Python's own handler, as an interactive session has it.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    timer = _interrupt_after(0.5)
    start = time.perf_counter()
    try:
        with pytest.raises(KeyboardInterrupt):
            LONG_RUNS[name]()
            returned = True
            for _ in range(500):  # let a late interrupt land in Python, not in the test runner
                time.sleep(0.01)
    finally:
        timer.cancel()
        signal.signal(signal.SIGINT, previous)
    elapsed = time.perf_counter() - start
    assert not returned, f"{name}: the run finished before the interrupt; make it longer"
    assert elapsed < 3.0, f"{name}: KeyboardInterrupt took {elapsed:.1f} s to stop the run"
    # nothing corrupted: the engine still gives the same numbers afterwards
    np.testing.assert_array_equal(_mc(5), before)
