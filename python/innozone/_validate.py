"""Argument checks shared by every facade (internal).

Each helper either returns the cleaned value or raises :class:`InvalidInputError` with a
message that names the argument and the bad value, so that every public function rejects
bad input in the same words.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Union

from ._errors import InvalidInputError
from ._options import _check_lang, _check_seed, _check_threads, options

__all__ = [
    "ProgressLike",
    "check_count",
    "check_fraction",
    "progress_callback",
    "resolve_lang",
    "resolve_seed",
    "resolve_threads",
]

#: What a ``progress=`` argument accepts: False/None (silent), True (a tqdm bar) or a
#: callable ``(done, total)`` that may return False to cancel.
ProgressLike = Union[bool, Callable[[int, int], Any], None]


def resolve_lang(lang: str | None) -> str:
    """``lang`` itself, or :data:`innozone.options.lang` when None."""
    return options.lang if lang is None else _check_lang(lang)


def resolve_seed(seed: int | None) -> int:
    """``seed`` itself, or :data:`innozone.options.seed` when None."""
    if seed is None:
        return options.seed
    if isinstance(seed, numbers.Integral) and not isinstance(seed, bool):
        return _check_seed(int(seed))
    return _check_seed(seed)


def resolve_threads(n_threads: int | None) -> int:
    """``n_threads`` itself, or :data:`innozone.options.n_threads` when None (0 = per core)."""
    if n_threads is None:
        return options.n_threads
    if isinstance(n_threads, numbers.Integral) and not isinstance(n_threads, bool):
        return _check_threads(int(n_threads))
    return _check_threads(n_threads)


def check_count(value: object, name: str, minimum: int = 1) -> int:
    """An integer count (draws, replications, ...) of at least ``minimum``.

    Floats are accepted only when integral (``2000.0``); ``2.5``, booleans, NaN and
    negative numbers are refused with the argument's name.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise InvalidInputError(f"{name} must be an integer, got {value!r}")
    if isinstance(value, numbers.Integral):
        out = int(value)
    else:
        f = float(value)
        if not math.isfinite(f) or f != math.floor(f):
            raise InvalidInputError(f"{name} must be a whole number, got {value!r}")
        out = int(f)
    if out < minimum:
        raise InvalidInputError(f"{name} must be at least {minimum}, got {out}")
    return out


def check_fraction(
    value: object,
    name: str,
    *,
    low: float = 0.0,
    high: float = 1.0,
    low_open: bool = False,
    high_open: bool = False,
) -> float:
    """A share or rate given as a fraction (0.045 for 4.5 %).

    A value above ``high`` that would fit the range divided by 100 is reported as the
    likely percent mistake (``rate=4.5`` -> "did you mean 0.045?").
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise InvalidInputError(f"{name} must be a number (a fraction), got {value!r}")
    f = float(value)
    if not math.isfinite(f):
        raise InvalidInputError(f"{name} must be finite, got {value!r}")
    below = f < low or (low_open and f == low)
    above = f > high or (high_open and f == high)
    if below or above:
        lo = "(" if low_open else "["
        hi = ")" if high_open else "]"
        message = f"{name} must be a fraction in {lo}{low:g}, {high:g}{hi}, got {f:g}"
        if above and low <= f / 100.0 <= high:
            message += f"; it looks like a percent: did you mean {f / 100.0:g}?"
        raise InvalidInputError(message)
    return f


@contextmanager
def progress_callback(
    progress: ProgressLike, label: str
) -> Iterator[Callable[[int, int], bool] | None]:
    """Turn a ``progress=`` argument into a callback for the C++ engine.

    ``None``/``False`` give no callback, ``True`` a tqdm bar on stderr (closed on exit),
    a callable is passed through (returning False from it stops the run). Anything else is
    refused.

    The bar runs without tqdm's monitor thread: it is refreshed on every call, and a
    running thread would keep the report from drawing its figures in forked processes.
    """
    if progress is None or progress is False:
        yield None
        return
    if progress is True:
        from tqdm.auto import tqdm  # type: ignore[import-untyped]  # tqdm ships no type hints

        class _Bar(tqdm):  # type: ignore[misc]
            monitor_interval = 0

        bar = _Bar(total=1, desc=label, leave=False)

        def update(done: int, total: int) -> bool:
            if bar.total != total:
                bar.total = total
            bar.n = done
            bar.refresh()
            return True

        try:
            yield update
        finally:
            bar.close()
        return
    if callable(progress):
        user = progress

        def forward(done: int, total: int) -> bool:
            return user(done, total) is not False

        yield forward
        return
    raise InvalidInputError(
        f"progress must be None, False, True (a tqdm bar) or a callable(done, total), "
        f"got {progress!r}"
    )
