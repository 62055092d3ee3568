"""The shared API foundation: options, argument checks and the result base class."""

from __future__ import annotations

import pandas as pd
import pytest

import innozone
from innozone import InvalidInputError
from innozone._results import REPR_LIMIT, Result, html_table
from innozone._validate import (
    check_count,
    check_fraction,
    progress_callback,
    resolve_lang,
    resolve_seed,
    resolve_threads,
)


def test_options_defaults_and_context() -> None:
    assert innozone.options.lang == "en"
    assert innozone.options.seed == 0
    with innozone.options.context(lang="ko", seed=5):
        assert resolve_lang(None) == "ko"
        assert resolve_seed(None) == 5
        assert resolve_lang("en") == "en"
    assert resolve_lang(None) == "en"
    assert resolve_seed(None) == 0
    assert resolve_threads(None) == 0


@pytest.mark.parametrize(
    ("name", "value", "fragment"),
    [
        ("lang", "fr", "'en' or 'ko'"),
        ("seed", -1, "[0, 2**64)"),
        ("seed", 1.5, "integer"),
        ("n_threads", -2, "non-negative"),
    ],
)
def test_options_reject_bad_values(name: str, value: object, fragment: str) -> None:
    with pytest.raises(
        InvalidInputError,
        match=fragment.replace("[", r"\[")
        .replace("*", r"\*")
        .replace("(", r"\(")
        .replace(")", r"\)"),
    ):
        setattr(innozone.options, name, value)


def test_options_context_rejects_unknown_and_restores() -> None:
    with (
        pytest.raises(InvalidInputError, match="unknown option"),
        innozone.options.context(colour="red"),
    ):
        pass
    with pytest.raises(RuntimeError), innozone.options.context(seed=9):
        raise RuntimeError("boom")
    assert innozone.options.seed == 0


def test_check_count() -> None:
    assert check_count(2000.0, "n_draws") == 2000
    for bad, fragment in [
        (2.5, "whole number"),
        (-5, "at least 1"),
        (True, "integer"),
        ("10", "integer"),
        (float("nan"), "whole number"),
    ]:
        with pytest.raises(InvalidInputError, match=f"n_draws must .*{fragment}"):
            check_count(bad, "n_draws")
    assert check_count(0, "n_boot", minimum=0) == 0


def test_check_fraction_names_the_percent_mistake() -> None:
    assert check_fraction(0.045, "rate") == 0.045
    with pytest.raises(InvalidInputError, match=r"rate .* got 4.5; .*did you mean 0.045\?"):
        check_fraction(4.5, "rate")
    with pytest.raises(InvalidInputError, match="share must be a fraction in"):
        check_fraction(-0.1, "share")
    with pytest.raises(InvalidInputError, match=r"in \(0, 1\]"):
        check_fraction(0.0, "share", low_open=True)


def test_progress_callback_forms() -> None:
    with progress_callback(False, "x") as cb:
        assert cb is None
    seen: list[tuple[int, int]] = []
    with progress_callback(lambda d, t: seen.append((d, t)), "x") as cb:
        assert cb is not None and cb(1, 2) is True
    assert seen == [(1, 2)]
    with progress_callback(lambda d, t: False, "x") as cb:
        assert cb is not None and cb(1, 2) is False
    with pytest.raises(InvalidInputError, match="progress must be"), progress_callback("yes", "x"):
        pass


class _Toy(Result):
    def __init__(self, n: int) -> None:
        self.n = n

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "year": [2020.0 + i for i in range(self.n)],
                "value": [0.5 * i for i in range(self.n)],
                "label": ["<b>x</b>"] * self.n,
            }
        )

    def _title(self) -> str:
        return "Toy & <result>"


def test_result_contract_repr_and_html() -> None:
    big = _Toy(5000)
    assert len(repr(big)) < REPR_LIMIT
    page = big._repr_html_()
    assert "Toy &amp; &lt;result&gt;" in page
    assert "&lt;b&gt;x&lt;/b&gt;" in page and "<b>x</b>" not in page
    assert "2020.0" not in page and "2020" in page  # whole-number floats print as integers
    assert isinstance(big.summary(), pd.DataFrame)


def test_html_table_notes_escaped() -> None:
    out = html_table("T", None, ["a < b"])
    assert "a &lt; b" in out
