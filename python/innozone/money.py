"""Korean won amounts: read and write 원, 만원, 백만원, 억원 and 조원.

Public figures on Korean programs are written in large units: a budget of ``180억``
(18 billion won), a fee of ``43만원`` (430,000 won). :func:`krw` turns such text into a
number of won, :func:`format_krw` writes won back in the unit a reader expects.

>>> krw("180억")
18000000000.0
>>> krw("1억 5천만")
150000000.0
>>> format_krw(103_000_000_000, money_unit="억원")
'1,030억원'
>>> format_krw(430_000, money_unit="만원")
'43만원'

The parsing and formatting run in the compiled core (``innozone._core.program``), the
same code that reads money in program files, so the two never disagree.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from numbers import Real
from typing import Any

import numpy as np
import pandas as pd

from . import _core
from ._errors import InvalidInputError

__all__ = ["MONEY_UNITS", "convert", "format_krw", "krw"]


def __dir__() -> list[str]:  # tab completion lists the public names only
    return list(__all__)


#: Won per unit, keyed by the canonical unit names of the program format.
MONEY_UNITS: dict[str, float] = {"원": 1.0, "만원": 1e4, "백만원": 1e6, "억원": 1e8, "조원": 1e12}


def _factor(unit: str, name: str = "money_unit") -> float:
    if not isinstance(unit, str):
        raise InvalidInputError(
            f"{name} must be a string such as '억원', got {type(unit).__name__}"
        )
    return float(_core.program.money_unit_factor(unit))


def _one(value: Any, unit: str | None) -> float:
    if isinstance(value, str):
        if unit is not None:
            raise InvalidInputError(
                f"krw({value!r}, money_unit={unit!r}): text carries its own unit; pass "
                "money_unit only with a number"
            )
        return float(_core.program.parse_money(value)[0])
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (Real, np.number)):
        raise InvalidInputError(
            f"krw: expected money text such as '180억' or a number, got {type(value).__name__}"
        )
    number = float(value)
    if not math.isfinite(number):
        raise InvalidInputError(f"krw: money must be finite, got {number}")
    if number < 0:
        raise InvalidInputError(f"krw: money cannot be negative, got {number:g}")
    return number * (_factor(unit) if unit is not None else 1.0)


def krw(value: Any, money_unit: str | None = None) -> Any:
    """Amount of money in won.

    Parameters
    ----------
    value : str, number, sequence or pandas.Series
        Text with a unit (``"180억"``, ``"1,030억원"``, ``"43만원"``, ``"2,500,000원"``,
        ``"KRW 430,000"``, compound ``"6조3,262억"`` or ``"1조 2,500억"``, and the counting
        words 천/백/십 inside a unit: ``"1억 5천만"``, ``"3천만원"``), or a number. A number
        is read in ``money_unit`` (won when ``money_unit`` is None).
    money_unit : str, optional
        Unit of a numeric ``value``: ``"원"``, ``"KRW"``, ``"만원"``, ``"백만원"``,
        ``"억원"``, ``"조원"`` (or the short ``"만"``, ``"억"``, ...).

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        Won (a Series keeps its index; other sequences give an array).

    Raises
    ------
    innozone.InvalidInputError
        Text without a unit, negative or non-finite amounts, unknown units; the message
        names the text and the character where reading failed.

    Examples
    --------
    >>> krw("1,030억원")
    103000000000.0
    >>> krw(58.6, money_unit="억원")
    5860000000.0
    >>> krw("3천만원")
    30000000.0
    """
    unit = money_unit
    if isinstance(value, pd.Series):
        return value.map(lambda item: _one(item, unit)).astype(float)
    if isinstance(value, (str, Real, np.number)):
        return _one(value, unit)
    if isinstance(value, (Mapping, set, frozenset)):
        raise InvalidInputError(
            f"krw: expected money text, a number, a sequence or a Series, got {type(value).__name__}"
        )
    if isinstance(value, Iterable):
        return np.array([_one(item, unit) for item in value], dtype=float)
    return _one(value, unit)


def format_krw(value: float | str, money_unit: str = "억원", decimals: int | None = None) -> str:
    """Write an amount of won in ``money_unit`` with thousands separators.

    Parameters
    ----------
    value : float or str
        Won, or money text (parsed with :func:`krw`).
    money_unit : str, default "억원"
        ``"원"``, ``"만원"``, ``"백만원"``, ``"억원"`` or ``"조원"``.
    decimals : int, optional
        Fixed number of decimals; None prints the shortest form (at most 6 decimals).

    Returns
    -------
    str
        e.g. ``"1,030억원"``, ``"43만원"``, ``"2,500,000원"``, ``"58.6억원"``.

    Examples
    --------
    >>> format_krw(2_500_000, money_unit="원")
    '2,500,000원'
    >>> format_krw("6조3,262억", money_unit="조원", decimals=2)
    '6.33조원'
    """
    won = krw(value) if isinstance(value, str) else _one(value, None)
    if decimals is not None and (
        not isinstance(decimals, int) or isinstance(decimals, bool) or decimals < 0 or decimals > 12
    ):
        raise InvalidInputError(
            f"decimals must be an integer from 0 to 12 or None, got {decimals!r}"
        )
    _factor(money_unit)
    return str(_core.program.format_money(won, money_unit, -1 if decimals is None else decimals))


def convert(value: float, from_unit: str, to_unit: str) -> float:
    """Convert an amount between money units: ``convert(180, "억원", "백만원") == 18000``.

    Parameters
    ----------
    value : float
        The amount in ``from_unit`` (finite, not negative).
    from_unit, to_unit : str
        Money units (see :data:`MONEY_UNITS`; ``"KRW"`` is 원).

    Returns
    -------
    float
    """
    return _one(value, from_unit) / _factor(to_unit, "to_unit")
