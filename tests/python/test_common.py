"""The shared plumbing of the core: error classes, random streams, the parallel loop."""

from __future__ import annotations

import math
import threading

import pytest

import innozone
from innozone import _core


def test_error_classes_are_python_builtins_subclasses() -> None:
    assert issubclass(innozone.InvalidInputError, ValueError)
    assert issubclass(innozone.SchemaError, innozone.InvalidInputError)
    assert issubclass(innozone.NotFoundError, KeyError)
    assert issubclass(innozone.OutOfRangeError, IndexError)
    assert issubclass(innozone.NumericalError, ArithmeticError)


def test_core_error_message_crosses_the_boundary() -> None:
    with pytest.raises(innozone.InvalidInputError, match=r"must lie in \(0, 1\), got 1\.5"):
        _core.normal_quantile(1.5)


@pytest.mark.parametrize("p", [1e-12, 0.001, 0.02425, 0.3, 0.5, 0.9, 0.999999])
def test_normal_quantile_inverts_cdf(p: float) -> None:
    x = _core.normal_quantile(p)
    assert _core.normal_cdf(x) == pytest.approx(p, rel=1e-12)


def test_philox_streams_are_reproducible_and_distinct() -> None:
    a = _core.philox_uniform(42, 0, 1000)
    b = _core.philox_uniform(42, 0, 1000)
    c = _core.philox_uniform(42, 1, 1000)
    assert a == b
    assert a != c
    assert all(0.0 < u < 1.0 for u in a)
    mean = sum(a) / len(a)
    assert abs(mean - 0.5) < 4 * math.sqrt(1 / 12 / len(a))


@pytest.mark.parametrize("threads", [1, 2, 4])
def test_parallel_loop_result_independent_of_threads(threads: int) -> None:
    out = _core.run_parallel_sleep(50, n_threads=threads, sleep_ms=0)
    assert out == [i * i for i in range(50)]


def test_progress_callback_sees_completion_and_can_cancel() -> None:
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        seen.append((done, total))
        return True

    _core.run_parallel_sleep(20, n_threads=2, sleep_ms=20, progress=progress)
    assert seen[-1] == (20, 20)
    assert all(total == 20 for _, total in seen)

    with pytest.raises(KeyboardInterrupt):
        _core.run_parallel_sleep(200, n_threads=2, sleep_ms=20, progress=lambda d, t: d < 5)


def test_python_exception_in_progress_propagates() -> None:
    def progress(done: int, total: int) -> bool:
        raise RuntimeError("boom from callback")

    with pytest.raises(RuntimeError, match="boom from callback"):
        _core.run_parallel_sleep(100, n_threads=2, sleep_ms=10, progress=progress)


def test_gil_released_during_parallel_loop() -> None:
    ticks = []
    stop = threading.Event()

    def ticker() -> None:
        while not stop.is_set():
            ticks.append(1)
            stop.wait(0.005)

    thread = threading.Thread(target=ticker)
    thread.start()
    try:
        _core.run_parallel_sleep(20, n_threads=1, sleep_ms=10)
    finally:
        stop.set()
        thread.join()
    assert len(ticks) > 5


def test_parallel_loop_works_in_a_forked_child() -> None:
    """The worker pool survives fork(): the child gets an empty pool and starts its own."""
    import os
    import warnings

    _core.run_parallel_sleep(8, n_threads=2, sleep_ms=0)  # the parent's pool has workers
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # Python >= 3.12 warns on fork
        pid = os.fork()
    if pid == 0:  # child: exit code 0 only if the loop completes with the right results
        ok = _core.run_parallel_sleep(50, n_threads=2, sleep_ms=0) == [i * i for i in range(50)]
        os._exit(0 if ok else 1)
    _, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
