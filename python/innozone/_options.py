"""Package-wide defaults: ``innozone.options``.

One object holds the defaults that every function falls back to when its own argument is
left as ``None``: the display language of plots, tables and the report, the seed of random
results and the number of threads of the C++ engine.

>>> import innozone
>>> innozone.options.lang = "ko"          # every plot, table and report in Korean
>>> with innozone.options.context(seed=7):
...     pass                              # a temporary change, restored on exit
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ._errors import InvalidInputError

__all__ = ["Options", "options"]

_LANGS = ("en", "ko")


class Options:
    """Package-wide defaults (one instance: :data:`innozone.options`).

    Attributes
    ----------
    lang : {"en", "ko"}
        Language of labels, tables, plots and reports when a call passes ``lang=None``.
        Default ``"en"``.
    seed : int
        Seed of every random result when a call passes ``seed=None``. Default 0. With the
        same seed, results are identical whatever the number of threads.
    n_threads : int
        Threads of the C++ engine when a call passes ``n_threads=None``; 0 means one per
        core. Default 0.
    """

    __slots__ = ("_lang", "_n_threads", "_seed")

    def __init__(self) -> None:
        self._lang = "en"
        self._seed = 0
        self._n_threads = 0

    # -- lang
    @property
    def lang(self) -> str:
        return self._lang

    @lang.setter
    def lang(self, value: str) -> None:
        self._lang = _check_lang(value)

    # -- seed
    @property
    def seed(self) -> int:
        return self._seed

    @seed.setter
    def seed(self, value: int) -> None:
        self._seed = _check_seed(value)

    # -- n_threads
    @property
    def n_threads(self) -> int:
        return self._n_threads

    @n_threads.setter
    def n_threads(self, value: int) -> None:
        self._n_threads = _check_threads(value)

    def reset(self) -> None:
        """Restore the defaults (``lang="en"``, ``seed=0``, ``n_threads=0``)."""
        self.__init__()  # type: ignore[misc]

    @contextmanager
    def context(self, **changes: Any) -> Iterator[Options]:
        """Change some options inside a ``with`` block and restore them afterwards.

        Parameters
        ----------
        **changes
            ``lang=``, ``seed=`` and/or ``n_threads=``.
        """
        unknown = sorted(set(changes) - {"lang", "seed", "n_threads"})
        if unknown:
            raise InvalidInputError(
                f"options.context: unknown option(s) {', '.join(unknown)}; "
                "known: lang, seed, n_threads"
            )
        saved = (self._lang, self._seed, self._n_threads)
        try:
            for name, value in changes.items():
                setattr(self, name, value)
            yield self
        finally:
            self._lang, self._seed, self._n_threads = saved

    def __repr__(self) -> str:
        return f"Options(lang={self._lang!r}, seed={self._seed}, n_threads={self._n_threads})"


def _check_lang(value: object) -> str:
    if not isinstance(value, str) or value not in _LANGS:
        raise InvalidInputError(f"lang must be 'en' or 'ko', got {value!r}")
    return value


def _check_seed(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInputError(f"seed must be an integer, got {value!r}")
    if not 0 <= value < 2**64:
        raise InvalidInputError(f"seed must lie in [0, 2**64), got {value}")
    return value


def _check_threads(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidInputError(
            f"n_threads must be a non-negative integer (0 = one per core), got {value!r}"
        )
    return value


#: The package-wide defaults.
options = Options()
