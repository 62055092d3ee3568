"""Input-output ripple effects.

Reference: Miller & Blair, Input-Output Analysis: Foundations and Extensions, 2nd ed.
(Cambridge UP, 2009), section 2.3: Z = [[150, 500], [200, 100]], x = [1000, 2000],
A = [[0.15, 0.25], [0.20, 0.05]], L = [[1.2541, 0.3300], [0.2640, 1.1221]] (the book
prints 4 decimals; the exact values are [[0.95, 0.25], [0.2, 0.85]] / 0.7575, written
below to 6 decimals), and f = [600, 1500] gives x = [1247.52, 1841.58].
Type II is checked against numpy's explicit inverse of the household-closed table.
"""

from __future__ import annotations

import json
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
import pytest

import innozone
from innozone import inputoutput

matplotlib.use("Agg")

SECTORS = ["agriculture", "manufacturing"]


def textbook(**extra: object) -> innozone.InputOutputTable:
    flows = pd.DataFrame([[150.0, 500.0], [200.0, 100.0]], index=SECTORS, columns=SECTORS)
    return innozone.InputOutputTable(flows, pd.Series([1000.0, 2000.0], index=SECTORS), **extra)  # type: ignore[arg-type]


def test_miller_blair_coefficients_and_leontief_inverse() -> None:
    table = textbook()
    a = table.coefficients()
    np.testing.assert_allclose(a.to_numpy(), [[0.15, 0.25], [0.20, 0.05]], atol=1e-5)
    inverse = table.leontief_inverse()
    np.testing.assert_allclose(
        inverse.to_numpy(), [[1.254125, 0.330033], [0.264026, 1.122112]], atol=1e-5
    )
    np.testing.assert_allclose(inverse.to_numpy(), [[1.2541, 0.3300], [0.2640, 1.1221]], atol=5e-5)
    impact = table.impact({"agriculture": 600.0, "manufacturing": 1500.0})
    np.testing.assert_allclose(impact.frame["output_type1"], [1247.52, 1841.58], atol=5e-3)
    multipliers = table.multipliers().to_frame()
    np.testing.assert_allclose(multipliers["output_type1"], inverse.sum(axis=0), rtol=1e-12)


def test_type_ii_with_households_matches_the_closed_inverse() -> None:
    compensation = [300.0, 500.0]
    consumption = [100.0, 400.0]
    table = textbook(
        value_added=[650.0, 1400.0],
        employment=[20.0, 30.0],
        compensation=compensation,
        consumption=consumption,
        household_income=800.0,
    )
    assert table.has_type2
    z = np.zeros((3, 3))
    z[:2, :2] = [[150, 500], [200, 100]]
    z[2, :2] = compensation
    z[:2, 2] = consumption
    x = np.array([1000.0, 2000.0, 800.0])
    closed = np.linalg.inv(np.eye(3) - z / x)
    m = table.multipliers().to_frame()
    np.testing.assert_allclose(m["output_type2"], closed[:2, :2].sum(axis=0), rtol=1e-10)
    np.testing.assert_allclose(m["income_type2"], closed[2, :2], rtol=1e-10)
    v = np.array([650.0, 1400.0]) / x[:2]
    np.testing.assert_allclose(m["value_added_type2"], v @ closed[:2, :2], rtol=1e-10)
    # Without imports the value added induced per unit of final demand is 1 (Type I).
    np.testing.assert_allclose(m["value_added_type1"], [1.0, 1.0], rtol=1e-12)
    assert (m["output_type2"] > m["output_type1"]).all()
    f = np.array([600.0, 1500.0])
    impact = table.impact(pd.Series(f, index=SECTORS))
    np.testing.assert_allclose(impact.frame["output_type2"], (closed @ np.r_[f, 0])[:2], rtol=1e-10)
    assert impact.household_income_type2 == pytest.approx(
        float((closed @ np.r_[f, 0])[2]), rel=1e-10
    )
    np.testing.assert_allclose(
        impact.frame["employment_type1"],
        np.array([20.0, 30.0]) / x[:2] * impact.frame["output_type1"],
        rtol=1e-12,
    )
    summary = impact.summary()
    assert summary.loc["final_demand", "total"] == pytest.approx(2100.0)
    assert impact.plot() is not None
    assert table.multipliers().plot() is not None
    assert "<table" in impact._repr_html_()


def test_large_table_solve_without_explicit_inverse() -> None:
    rng = np.random.default_rng(3)
    n = 200
    z = rng.uniform(0, 1, (n, n))
    x = z.sum(axis=0) / rng.uniform(0.3, 0.7, n)  # inputs are 30-70 % of output
    table = innozone.InputOutputTable(z, x)
    f = rng.uniform(0, 10, n)
    out = table.impact(f).frame["output_type1"].to_numpy()
    a = z / x
    np.testing.assert_allclose(out - a @ out, f, rtol=1e-10, atol=1e-10)
    np.testing.assert_allclose(out, np.linalg.solve(np.eye(n) - a, f), rtol=1e-10)


def test_bad_tables_are_rejected_with_the_sector_named() -> None:
    with pytest.raises(innozone.InvalidInputError, match="sector 1 must be finite and > 0"):
        innozone.InputOutputTable([[1.0, 2.0], [3.0, 4.0]], [10.0, 0.0])
    with pytest.raises(innozone.InvalidInputError, match="inputs of sector 0 sum to"):
        innozone.InputOutputTable([[8.0, 0.0], [5.0, 1.0]], [10.0, 10.0])
    with pytest.raises(innozone.InvalidInputError, match="no value for sector 'manufacturing'"):
        textbook(employment=pd.Series({"agriculture": 1.0}))
    with pytest.raises(innozone.NotFoundError, match="unknown sector 'mining'"):
        textbook().impact({"mining": 1.0})
    with pytest.raises(innozone.InvalidInputError, match="both the compensation row"):
        textbook(compensation=[1.0, 1.0]).multipliers()


def test_shipped_korean_coefficients_are_labelled_and_sourced() -> None:
    path = Path(inputoutput.__file__).parent / "data" / "io_coefficients_kr.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["status"].startswith("QUICK ESTIMATE ONLY")
    assert len(data["sources"]) >= 2
    frame = innozone.inputoutput.korea_inducement_coefficients()
    # zone-facts.md 5b (Bank of Korea via press reports).
    assert frame.loc[2019, "production"] == 1.791
    assert frame.loc[2022, "production"] == 1.818
    assert frame.loc[2020, "value_added"] == 0.806
    assert frame.loc[2021, "employment"] == 8.7
    assert np.isnan(frame.loc[2020, "production"])


def test_quick_ripple_of_gimhae_phase2() -> None:
    # 180억 with the 2022 coefficients: 327.24억 output, 131.22억 value added, 145.8 jobs.
    result = innozone.quick_ripple(180.0)
    row = result.frame.loc["total"]
    assert row["output"] == pytest.approx(327.24, rel=1e-12)
    assert row["value_added"] == pytest.approx(131.22, rel=1e-12)
    assert row["jobs"] == pytest.approx(145.8, rel=1e-12)
    assert "QUICK ESTIMATE" in result._repr_html_()
    by_year = innozone.quick_ripple(innozone.spread(180.0, 2025, 2029).by_year, year=2019)
    assert by_year.frame["jobs"].sum() == pytest.approx(180.0 * 1.01, rel=1e-12)
    assert by_year.summary().loc["output", "total"] == pytest.approx(180 * 1.791, rel=1e-12)
    assert by_year.plot() is not None
    assert innozone.quick_ripple(1e9, money_unit="KRW").frame.loc["total", "jobs"] == pytest.approx(
        8.1
    )
    assert innozone.quick_ripple(1e9, money_unit="원").frame.loc["total", "jobs"] == pytest.approx(
        8.1
    )
    assert innozone.quick_ripple(1.0, money_unit="조원").frame.loc[
        "total", "jobs"
    ] == pytest.approx(8100)
    with pytest.raises(innozone.InvalidInputError, match="money_unit must be one of"):
        innozone.quick_ripple(1.0, money_unit="USD")
    with pytest.raises(innozone.NotFoundError, match="2020"):
        innozone.quick_ripple(100.0, year=2020)


def test_type_ii_to_type_i_income_ratio_is_the_same_for_every_sector() -> None:
    # "The Relationship Between Type I and Type II Income Multipliers in an Input-Output
    # Model" (econbiz record 10010776070; also Miller & Blair 2009, ch. 6): the ratio of the
    # Type II to the Type I income multiplier is one constant, the household-household
    # element of the closed Leontief inverse. Random 6-sector table, seed 5; 1e-10 relative.
    rng = np.random.default_rng(5)
    n = 6
    z = rng.uniform(1, 20, (n, n))
    compensation = rng.uniform(10, 40, n)
    x = z.sum(axis=0) + compensation + rng.uniform(10, 40, n)
    consumption = rng.uniform(5, 30, n)
    table = innozone.InputOutputTable(z, x, compensation=compensation, consumption=consumption)
    m = table.multipliers().to_frame()
    ratio = (m["income_type2"] / m["income_type1"]).to_numpy()
    np.testing.assert_allclose(ratio, ratio[0], rtol=1e-10)
    closed = np.zeros((n + 1, n + 1))
    closed[:n, :n] = z
    closed[n, :n] = compensation
    closed[:n, n] = consumption
    xb = np.r_[x, compensation.sum()]
    inverse = np.linalg.inv(np.eye(n + 1) - closed / xb)
    assert ratio[0] == pytest.approx(inverse[n, n], rel=1e-10)


def test_results_follow_the_result_contract_and_carry_the_money_unit() -> None:
    from innozone._results import Result

    table = textbook(money_unit="백만원", value_added=[650.0, 1400.0])
    results = [
        table.multipliers(),
        table.impact({"agriculture": 600.0}),
        innozone.quick_ripple(10.0),
    ]
    for result in results:
        assert isinstance(result, Result)
        assert isinstance(result.summary(), pd.DataFrame)
        assert len(repr(result)) < 1000 and "<table" in result._repr_html_()
    assert results[0].money_unit == results[1].money_unit == "백만원"
    assert "QUICK ESTIMATE" in repr(results[2])
    # The core returns typed result objects, not dicts.
    raw = innozone._core.budget.io_multipliers(
        np.array([[150.0, 500.0], [200.0, 100.0]]),
        np.array([1000.0, 2000.0]),
        np.zeros(0),
        np.zeros(0),
        np.zeros(0),
        np.zeros(0),
    )
    assert type(raw).__name__ == "IoMultipliers" and raw.output_type2.size == 0
    with pytest.raises(innozone.InvalidInputError, match="money_unit"):
        textbook(money_unit="USD")
