"""Money text: 원, 만원, 백만원, 억원, 조원 (1 억 = 1e8 won; seed-facts.md: 1 억원 = 100,000,000 KRW)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import innozone
from innozone.money import MONEY_UNITS, convert, format_krw, krw


@pytest.mark.parametrize(
    ("text", "won"),
    [
        ("180억", 18e9),
        ("180억원", 18e9),
        ("1,030억원", 103e9),
        ("2,566억원", 256.6e9),
        ("43만원", 430_000.0),
        ("250만원", 2_500_000.0),
        ("2,500,000원", 2_500_000.0),
        ("KRW 430,000", 430_000.0),
        ("58.6억", 5.86e9),
        ("9.3조", 9.3e12),
        ("6조3,262억", 6.3262e12),
        ("1억 2,000만원", 1.2e8),
    ],
)
def test_krw_parses_korean_amounts(text: str, won: float) -> None:
    assert krw(text) == pytest.approx(won, rel=1e-15)
    assert innozone.krw(text) == krw(text)


def test_krw_numbers_and_units() -> None:
    assert krw(180, money_unit="억원") == 18e9
    assert krw(180, money_unit="억") == 18e9
    assert krw(430_000) == 430_000.0
    assert krw(np.int64(43), money_unit="만원") == 430_000.0
    assert list(krw(["90억", "90억"])) == [9e9, 9e9]
    series = krw(pd.Series(["180억", "43만원"], index=["a", "b"]))
    assert list(series.index) == ["a", "b"]
    assert series["b"] == 430_000.0


@pytest.mark.parametrize("bad", ["180", "-5억", "180 dollars", "1,03억", "", "3억3억", "5만 3억"])
def test_krw_rejects_bad_text_with_the_text_in_the_message(bad: str) -> None:
    with pytest.raises(innozone.InvalidInputError, match="cannot read money"):
        krw(bad)


@pytest.mark.parametrize("bad", [-1, math.nan, math.inf, True, None])
def test_krw_rejects_bad_numbers(bad: object) -> None:
    with pytest.raises(innozone.InvalidInputError):
        krw(bad)  # type: ignore[arg-type]


def test_krw_rejects_unit_twice_and_unknown_units() -> None:
    with pytest.raises(innozone.InvalidInputError, match="own unit"):
        krw("180억", money_unit="억원")
    with pytest.raises(innozone.InvalidInputError, match="unknown money unit"):
        krw(5, money_unit="USD")


@pytest.mark.parametrize(
    ("won", "unit", "text"),
    [
        (103e9, "억원", "1,030억원"),
        (256.6e9, "억원", "2,566억원"),
        (430_000, "만원", "43만원"),
        (2_500_000, "원", "2,500,000원"),
        (5.86e9, "억원", "58.6억원"),
        (18e9, "백만원", "18,000백만원"),
    ],
)
def test_format_krw(won: float, unit: str, text: str) -> None:
    assert format_krw(won, money_unit=unit) == text


def test_format_krw_decimals_and_text_input() -> None:
    assert format_krw("6조3,262억", money_unit="조원", decimals=2) == "6.33조원"
    assert format_krw(18e9) == "180억원"
    with pytest.raises(innozone.InvalidInputError, match="decimals"):
        format_krw(1.0, decimals=-1)


def test_round_trip_and_convert() -> None:
    for unit, factor in MONEY_UNITS.items():
        assert krw(format_krw(123_456_789_000, money_unit=unit, decimals=6)) == pytest.approx(
            123_456_789_000, abs=factor * 1e-6
        )
    assert convert(180, "억원", "백만원") == pytest.approx(18_000)
    assert convert(430_000, "KRW", "만원") == pytest.approx(43)


@pytest.mark.parametrize(
    ("text", "won"),
    [
        ("1억 5천만", 1.5e8),
        ("1억5천만원", 1.5e8),
        ("1조 2,500억", 1.25e12),
        ("3천만원", 3e7),
        ("5천2백만원", 5.2e7),
        ("천만원", 1e7),
        ("2억 3천5백만 원", 2.35e8),
    ],
)
def test_krw_mixed_korean_forms(text: str, won: float) -> None:
    assert krw(text) == pytest.approx(won, rel=1e-15)


def test_krw_mixed_forms_keep_the_largest_unit() -> None:
    assert format_krw(krw("1억 5천만"), money_unit="억원") == "1.5억원"
    with pytest.raises(innozone.InvalidInputError, match="expected a unit"):
        krw("1억 5천")


def test_money_unit_is_the_argument_name() -> None:
    with pytest.raises(TypeError):
        krw(5, unit="억원")  # type: ignore[call-arg]
    with pytest.raises(innozone.InvalidInputError, match="money_unit"):
        krw("180억", money_unit="억원")
