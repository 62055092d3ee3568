"""Hostile input through the public Python API, across every area.

Each case feeds one kind of bad input (wrong type, missing or extra field, unknown unit,
huge numbers, NaN and infinities, negative money, empty or duplicate years, oversized
documents, non-UTF-8 text, mismatched panel shapes) and asserts the exact error class and
that the message names the bad place (JSON path, argument, column, unit or year). Nothing
may crash the interpreter, hang, or return a silent NaN.
"""

from __future__ import annotations

import copy
import json
import math
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import innozone
from innozone import (
    InvalidInputError,
    NotFoundError,
    NumericalError,
    SchemaError,
    budget,
    did,
    outcomes,
    panel,
    synth,
)
from innozone.outcomes import Distribution, ParameterSet

DATA = Path(__file__).resolve().parents[1] / "data"
MINI = json.loads((DATA / "programs" / "gimhae-mini.json").read_text(encoding="utf-8"))


def _doc(mutate: Callable[[dict[str, Any]], Any]) -> str:
    doc = copy.deepcopy(MINI)
    mutate(doc)
    return json.dumps(doc, ensure_ascii=False)


def _set(path: list[Any], value: Any) -> Callable[[dict[str, Any]], None]:
    def apply(doc: dict[str, Any]) -> None:
        node: Any = doc
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return apply


def _delete(path: list[Any]) -> Callable[[dict[str, Any]], None]:
    def apply(doc: dict[str, Any]) -> None:
        node: Any = doc
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]

    return apply


BUDGET_LINE = ["programs", 0, "phases", 0, "budget", "lines", 0]
PHASE = ["programs", 0, "phases", 0]

# (case id, document text, expected class, text the message must contain)
DOCUMENT_CASES: list[tuple[str, str, type[Exception], str]] = [
    (
        "wrong type",
        _doc(_set(PHASE + ["start_year"], "2020")),
        SchemaError,
        "/programs/0/phases/0/start_year",
    ),
    ("missing field", _doc(_delete(PHASE + ["end_year"])), SchemaError, "/programs/0/phases/0"),
    ("extra field", _doc(_set(PHASE + ["budgett"], {})), SchemaError, "budgett"),
    (
        "unknown money unit",
        _doc(_set(BUDGET_LINE + ["unit"], "달러")),
        SchemaError,
        "/programs/0/phases/0/budget/lines/0/unit",
    ),
    (
        "negative money",
        _doc(_set(BUDGET_LINE + ["amount"], -40)),
        SchemaError,
        "/programs/0/phases/0/budget/lines/0/amount",
    ),
    (
        "huge money overflows KRW",
        _doc(
            lambda d: d["programs"][0]["phases"][0]["budget"]["lines"][0].update(
                amount=1e300, unit="조원"
            )
        ),
        SchemaError,
        "/programs/0/phases/0/budget/lines/0",
    ),
    (
        "number too large for a double",
        _doc(_set(BUDGET_LINE + ["amount"], 1)).replace('"amount": 1,', '"amount": 1e999,'),
        SchemaError,
        "/programs/0/phases/0/budget/lines/0",
    ),
    (
        "NaN",
        _doc(_set(BUDGET_LINE + ["amount"], 1)).replace('"amount": 1,', '"amount": NaN,'),
        SchemaError,
        "/programs/0/phases/0/budget/lines/0/amount",
    ),
    (
        "Infinity",
        _doc(_set(BUDGET_LINE + ["amount"], 1)).replace('"amount": 1,', '"amount": Infinity,'),
        SchemaError,
        "/programs/0/phases/0/budget/lines/0/amount",
    ),
    (
        "end before start",
        _doc(_set(PHASE + ["end_year"], 2010)),
        SchemaError,
        "/programs/0/phases/0/end_year",
    ),
    (
        "year far outside range",
        _doc(_set(BUDGET_LINE + ["year"], 99999)),
        SchemaError,
        "/programs/0/phases/0/budget/lines/0/year",
    ),
    (
        "duplicate program id",
        _doc(lambda d: d["programs"].append(copy.deepcopy(d["programs"][0]))),
        SchemaError,
        "/programs/2/id",
    ),
    (
        "dangling source",
        _doc(_set(BUDGET_LINE + ["source"], "nowhere")),
        SchemaError,
        "/programs/0/phases/0/budget/lines/0/source",
    ),
    ("empty document", "", SchemaError, "/"),
    ("whitespace document", "  \n ", SchemaError, "/"),
    ("top level array", "[]", SchemaError, "/"),
    (
        "deeply nested",
        '{"schema_version": 1, "x": ' + "[" * 100_000 + "]" * 100_000 + "}",
        SchemaError,
        "deep",
    ),
]


@pytest.mark.parametrize(
    ("text", "error", "where"), [c[1:] for c in DOCUMENT_CASES], ids=[c[0] for c in DOCUMENT_CASES]
)
def test_hostile_documents(text: str, error: type[Exception], where: str) -> None:
    with pytest.raises(error) as info:
        innozone.Document.from_json(text)
    assert type(info.value) is error
    assert where in str(info.value)


def test_non_utf8_file_names_its_byte_offset(tmp_path: Path) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes(
        _doc(lambda d: None)
        .encode("utf-8")
        .replace("김해".encode(), "Gimhae \xe9".encode("latin-1"))
    )
    with pytest.raises(SchemaError, match="UTF-8"):
        innozone.Document.from_json(path)


def test_very_large_document_is_bounded_in_time(tmp_path: Path) -> None:
    doc = copy.deepcopy(MINI)
    indicator = doc["programs"][0]["phases"][0]["indicators"][0]
    template = indicator["observations"][0]
    indicator["observations"] = [dict(template, note=f"copy {i}") for i in range(100_000)]
    text = json.dumps(doc, ensure_ascii=False)
    assert len(text) > 10_000_000
    start = time.perf_counter()
    loaded = innozone.Document.from_json(text)
    assert time.perf_counter() - start < 60
    assert loaded is not None
    # an unknown 50 MB field is refused without building it
    huge = text[:-1] + ', "junk": [' + ",".join(["1"] * 5_000_000) + "]}"
    with pytest.raises(SchemaError, match="junk"):
        innozone.Document.from_json(huge)


# ---------------------------------------------------------------------------- money
MONEY_CASES: list[tuple[str, Callable[[], Any], type[Exception], str]] = [
    ("unparseable text", lambda: innozone.krw("백팔십억"), InvalidInputError, "백팔십억"),
    ("unknown unit", lambda: innozone.krw(3, money_unit="달러"), InvalidInputError, "달러"),
    ("NaN amount", lambda: innozone.krw(float("nan"), money_unit="억원"), InvalidInputError, "nan"),
    (
        "infinite amount",
        lambda: innozone.krw(float("inf"), money_unit="억원"),
        InvalidInputError,
        "inf",
    ),
    ("wrong type", lambda: innozone.krw({"amount": 3}), InvalidInputError, "dict"),
]


@pytest.mark.parametrize(
    ("call", "error", "where"), [c[1:] for c in MONEY_CASES], ids=[c[0] for c in MONEY_CASES]
)
def test_hostile_money(call: Callable[[], Any], error: type[Exception], where: str) -> None:
    with pytest.raises(error) as info:
        call()
    assert where.lower() in str(info.value).lower()


# ---------------------------------------------------------------------------- budget
BUDGET_CASES: list[tuple[str, Callable[[], Any], type[Exception], str]] = [
    ("negative total", lambda: budget.spread(-180, 2025, 2029), InvalidInputError, "-180"),
    ("end before start", lambda: budget.spread(180, 2029, 2025), InvalidInputError, "2029"),
    (
        "shares not summing to one",
        lambda: budget.spread(180, 2025, 2029, sources={"national": 0.5, "local": 0.4}),
        InvalidInputError,
        "0.9",
    ),
    (
        "known year outside the phase",
        lambda: budget.spread(180, 2025, 2029, known={2031: 10.0}),
        innozone.OutOfRangeError,
        "2031",
    ),
    (
        "known years exceed the total",
        lambda: budget.spread(180, 2025, 2029, known={2025: 100.0, 2026: 100.0}),
        InvalidInputError,
        "180",
    ),
    (
        "unknown profile",
        lambda: budget.spread(180, 2025, 2029, profile="zigzag"),
        InvalidInputError,
        "zigzag",
    ),
    (
        "NaN cash flow",
        lambda: budget.npv(0.045, [-100.0, float("nan"), 50.0]),
        InvalidInputError,
        "1",
    ),
    (
        "infinite cash flow",
        lambda: budget.npv(0.045, [-100.0, float("inf")]),
        InvalidInputError,
        "inf",
    ),
    ("rate of -100 %", lambda: budget.npv(-1.0, [-100.0, 50.0]), InvalidInputError, "-1"),
    (
        "unknown timing",
        lambda: budget.npv(0.045, [-1.0, 2.0], timing="noon"),
        InvalidInputError,
        "noon",
    ),
    ("IRR without a sign change", lambda: budget.irr([100.0, 50.0, 20.0]), NumericalError, "sign"),
    ("1-D batch", lambda: budget.npv_batch(np.ones(10)), InvalidInputError, "2-D"),
    (
        "contribution above unit value",
        lambda: budget.cost_sharing(2_500_000, 3_000_000),
        InvalidInputError,
        "3000000",
    ),
    (
        "unproductive input-output table",
        lambda: innozone.InputOutputTable(
            np.array([[50.0, 50.0], [50.0, 50.0]]), [100.0, 100.0]
        ).leontief(),
        InvalidInputError,
        "sector 0",
    ),
    (
        "non-square input-output table",
        lambda: innozone.InputOutputTable(np.ones((2, 3)), [1.0, 1.0]),
        InvalidInputError,
        "(2, 3)",
    ),
]


@pytest.mark.parametrize(
    ("call", "error", "where"), [c[1:] for c in BUDGET_CASES], ids=[c[0] for c in BUDGET_CASES]
)
def test_hostile_budget(call: Callable[[], Any], error: type[Exception], where: str) -> None:
    with pytest.raises(error) as info:
        call()
    assert where.lower().replace(",", "") in str(info.value).lower().replace(",", "")


# ---------------------------------------------------------------------------- outcomes
def _gimhae_zone() -> tuple[Any, Any]:
    """Gimhae's phase-2 zone model and inputs, calibrated from the embedded gimhae.json."""
    cal = innozone.zone_model(innozone.load("gimhae").program("gimhae-gangso"))
    return cal.model, cal.parameters


def _non_psd() -> Any:
    ps = ParameterSet(
        {
            "a": Distribution.normal(0, 1),
            "b": Distribution.normal(0, 1),
            "c": Distribution.normal(0, 1),
        }
    )
    m = pd.DataFrame(
        [[1, 0.9, -0.9], [0.9, 1, 0.9], [-0.9, 0.9, 1]], index=list("abc"), columns=list("abc")
    )
    return ps.set_correlation(m)


OUTCOME_CASES: list[tuple[str, Callable[[], Any], type[Exception], str]] = [
    ("negative sd", lambda: Distribution.normal(0, -1), InvalidInputError, "-1"),
    ("NaN parameter", lambda: Distribution.uniform(0, float("nan")), InvalidInputError, "nan"),
    ("triangular mode outside", lambda: Distribution.triangular(0, 5, 1), InvalidInputError, "5"),
    ("correlation not PSD", _non_psd, InvalidInputError, "eigenvalue"),
    (
        "logistic on two points",
        lambda: outcomes.fit_growth([2020, 2024], [121, 319]),
        NumericalError,
        "logistic",
    ),
    (
        "growth series with NaN",
        lambda: outcomes.fit_growth(
            [2018, 2019, 2020, 2024], [67, float("nan"), 121, 319], curve="exponential"
        ),
        InvalidInputError,
        "nan",
    ),
    (
        "zero draws",
        lambda: outcomes.simulate(*_gimhae_zone(), n_draws=0),
        InvalidInputError,
        "n_draws",
    ),
    (
        "target on unknown indicator",
        lambda: outcomes.simulate(
            *_gimhae_zone(), n_draws=10, targets=[outcomes.Target("unicorns", 2029, 1.0)]
        ),
        NotFoundError,
        "unicorns",
    ),
    (
        "target year outside the run",
        lambda: outcomes.simulate(
            *_gimhae_zone(), n_draws=10, targets=[outcomes.Target("jobs", 2040, 1.0)]
        ),
        InvalidInputError,
        "2040",
    ),
]


@pytest.mark.parametrize(
    ("call", "error", "where"), [c[1:] for c in OUTCOME_CASES], ids=[c[0] for c in OUTCOME_CASES]
)
def test_hostile_outcomes(call: Callable[[], Any], error: type[Exception], where: str) -> None:
    with pytest.raises(error) as info:
        call()
    assert where.lower() in str(info.value).lower()


# ---------------------------------------------------------------------------- panels
def _panel() -> pd.DataFrame:
    rows = []
    for unit in ["A", "B", "C", "D"]:
        for year in range(2015, 2023):
            treated = int(unit == "A" and year >= 2020)
            rows.append(
                {
                    "zone": unit,
                    "year": year,
                    "firms": 10.0 + year - 2015 + 5 * treated,
                    "treated": treated,
                    "first": 2020 if unit == "A" else 0,
                }
            )
    return pd.DataFrame(rows)


def _with(change: Callable[[pd.DataFrame], pd.DataFrame]) -> pd.DataFrame:
    return change(_panel())


def _sc(df: pd.DataFrame, **kw: Any) -> Any:
    return synth.synthetic_control(
        df, unit="zone", time="year", outcome="firms", treatment="treated", **kw
    )


def _cs(df: pd.DataFrame, **kw: Any) -> Any:
    return did.callaway_santanna(
        df, unit="zone", time="year", outcome="firms", first_treated="first", n_boot=0, **kw
    )


PANEL_CASES: list[tuple[str, Callable[[], Any], type[Exception], str]] = [
    ("missing column", lambda: _cs(_panel().drop(columns="firms")), InvalidInputError, "firms"),
    ("text outcome", lambda: _cs(_panel().assign(firms="many")), InvalidInputError, "firms"),
    (
        "duplicate unit-year rows",
        lambda: _cs(pd.concat([_panel(), _panel().iloc[[3]]])),
        InvalidInputError,
        "2018",
    ),
    (
        "treatment that switches off",
        lambda: _sc(
            _with(
                lambda d: d.assign(
                    treated=np.where((d.zone == "A") & (d.year == 2022), 0, d["treated"])
                )
            )
        ),
        InvalidInputError,
        "A",
    ),
    ("no treated unit", lambda: _sc(_panel().assign(treated=0)), InvalidInputError, "treated"),
    ("empty panel", lambda: _cs(_panel().iloc[0:0]), InvalidInputError, "no rows"),
    (
        "sdid without pre-periods",
        lambda: synth.synthdid(
            _with(lambda d: d.assign(treated=np.where(d.zone == "A", 1, 0))),
            unit="zone",
            time="year",
            outcome="firms",
            treatment="treated",
        ),
        InvalidInputError,
        "pre",
    ),
    (
        "to_wide with a missing unit column",
        lambda: panel.to_wide(_panel(), unit="region", time="year", outcome="firms"),
        InvalidInputError,
        "region",
    ),
]


@pytest.mark.parametrize(
    ("call", "error", "where"), [c[1:] for c in PANEL_CASES], ids=[c[0] for c in PANEL_CASES]
)
def test_hostile_panels(call: Callable[[], Any], error: type[Exception], where: str) -> None:
    with pytest.raises(error) as info:
        call()
    assert where.lower() in str(info.value).lower()


def test_unbalanced_panel_is_reported_not_crashed() -> None:
    df = _panel()
    df = df[~((df.zone == "C") & (df.year == 2016))]
    with pytest.warns(panel.UnbalancedPanelWarning, match="C"):
        result = _cs(df)
    assert math.isfinite(float(result.to_frame()["att"].dropna().iloc[0]))


def test_missing_outcome_value_is_reported_with_unit_and_year() -> None:
    df = _panel()
    df.loc[(df.zone == "B") & (df.year == 2017), "firms"] = np.nan
    with pytest.warns(panel.UnbalancedPanelWarning, match=r"'B' \(missing 2017\)"):
        _cs(df)


def test_synthetic_control_with_one_donor_is_exact_or_explained() -> None:
    df = _panel()
    df = df[df.zone.isin(["A", "B"])]
    result = _sc(df, placebo=False)
    weights = result.weights.select_dtypes("number").to_numpy().ravel()
    assert np.allclose(weights[np.isfinite(weights)].sum(), 1.0)


def test_hostile_suite_size() -> None:
    """The closing note of the hardening issue reports this count."""
    total = (
        len(DOCUMENT_CASES)
        + len(MONEY_CASES)
        + len(BUDGET_CASES)
        + len(OUTCOME_CASES)
        + len(PANEL_CASES)
        + 5
    )
    assert total >= 50
