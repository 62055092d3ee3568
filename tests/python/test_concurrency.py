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
from innozone import budget

DATA = Path(__file__).resolve().parents[1] / "data"


def _gimhae() -> Any:
    return innozone.load("gimhae").program("gimhae-gangso")


def _mc(seed: int) -> np.ndarray:
    result = innozone.project(_gimhae(), n_draws=2_000, seed=seed, n_threads=2)
    return result.to_frame().select_dtypes("number").to_numpy()


def _npv(seed: int) -> np.ndarray:
    flows = np.random.default_rng(seed).normal(size=(5_000, 10))
    return budget.npv_batch(flows, 0.045, n_threads=2)


def _cs(seed: int) -> np.ndarray:
    mpdta = pd.read_csv(DATA / "mpdta.csv", comment="#")
    result = innozone.callaway_santanna(
        mpdta,
        unit="countyreal",
        time="year",
        outcome="lemp",
        first_treated="first.treat",
        n_boot=199,
        seed=seed,
        n_threads=2,
    )
    return result.to_frame().select_dtypes("number").to_numpy()


def _sc(seed: int) -> np.ndarray:
    prop99 = pd.read_csv(DATA / "california_prop99.csv", sep=";", comment="#")
    result = innozone.synthetic_control(
        prop99,
        unit="State",
        time="Year",
        outcome="PacksPerCapita",
        treatment="treated",
        optimize_years=range(1980, 1989),
        seed=seed,
        n_threads=2,
    )
    return np.concatenate(
        [
            result.rmspe.select_dtypes("number").to_numpy().ravel(),
            result.weights.select_dtypes("number").to_numpy().ravel(),
        ]
    )


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


class _Interrupt:
    """A real SIGINT (as Ctrl-C in a terminal or "interrupt kernel" in Jupyter sends) after
    ``seconds``; ``sent`` is the time it was sent (``time.perf_counter``)."""

    def __init__(self, seconds: float) -> None:
        self.sent: float | None = None
        self._timer = threading.Timer(seconds, self._send)

    def _send(self) -> None:
        self.sent = time.perf_counter()
        os.kill(os.getpid(), signal.SIGINT)

    def start(self) -> None:
        self._timer.start()

    def cancel(self) -> None:
        self._timer.cancel()


def _irr_flows() -> np.ndarray:
    return np.random.default_rng(0).normal(size=(3_000_000, 10))


# name -> (prepare, run): the input is made before the clock starts; only run(input) is
# interrupted and timed.
LONG_RUNS: dict[str, tuple[Callable[[], Any], Callable[[Any], Any]]] = {
    "monte-carlo": (
        lambda: innozone.zone_model(_gimhae()),
        lambda cal: innozone.project(
            cal.program, n_draws=3_000_000, seed=1, sampler="mc", n_threads=2, calibration=cal
        ),
    ),
    "irr-batch": (_irr_flows, lambda flows: budget.irr_batch(flows, n_threads=2)),
}


@pytest.mark.parametrize("name", sorted(LONG_RUNS))
def test_ctrl_c_stops_a_long_run_promptly(name: str) -> None:
    """The stop latency (from the signal to the exception) stays under 3 s."""
    before = _mc(5)
    prepare, run = LONG_RUNS[name]
    data = prepare()
    returned = False
    # A process started in the background by a non-interactive shell (as CI may do) inherits
    # SIGINT as ignored; install Python's own handler, as an interactive session has it.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    interrupt = _Interrupt(0.5)
    interrupt.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            run(data)
            returned = True
            for _ in range(500):  # let a late interrupt land in Python, not in the test runner
                time.sleep(0.01)
        stopped = time.perf_counter()
    finally:
        interrupt.cancel()
        signal.signal(signal.SIGINT, previous)
    assert not returned, f"{name}: the run finished before the interrupt; make it longer"
    assert interrupt.sent is not None
    latency = stopped - interrupt.sent
    assert latency < 3.0, f"{name}: KeyboardInterrupt took {latency:.1f} s to stop the run"
    # nothing corrupted: the engine still gives the same numbers afterwards
    np.testing.assert_array_equal(_mc(5), before)
