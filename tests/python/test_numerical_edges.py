"""Numerical edge cases: each gives a documented warning or error, never a silent NaN."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import innozone
from innozone import budget, outcomes


def test_irr_without_a_root_raises() -> None:
    with pytest.raises(innozone.NumericalError, match="sign"):
        budget.irr([-100.0, -50.0, -20.0])


def test_irr_with_several_roots_reports_all_and_warns_on_choosing_one() -> None:
    # -1 + 6x - 11x^2 + 6x^3 with x = 1/(1+r) has roots x = 1, 1/2, 1/3: r = 0, 1, 2
    result = budget.irr([-1.0, 6.0, -11.0, 6.0])
    assert result.roots == pytest.approx([0.0, 1.0, 2.0], abs=1e-9)
    assert not result.unique
    assert "Several roots" in " ".join(result._notes())
    assert result.summary().loc["roots in the bracket", "value"] == 3
    with pytest.warns(innozone.NumericalWarning, match="3 internal rates of return"):
        assert result.rate == pytest.approx(0.0, abs=1e-9)


def test_singular_leontief_system_raises() -> None:
    # Productivity checking off: the columns of A sum to exactly 1, so I - A is singular.
    a = np.array([[0.5, 0.5], [0.5, 0.5]])
    with pytest.raises(innozone.NumericalError, match="singular"):
        innozone._core.budget.LeontiefModel(a, check_productive=False).solve(np.array([1.0, 1.0]))


def test_fit_that_does_not_converge_is_flagged_and_refuses_to_project() -> None:
    fit = outcomes.fit_growth(
        [2018, 2019, 2020, 2021, 2022, 2023], [5, 1, 9, 2, 8, 3], curve="logistic", max_iterations=3
    )
    status = str(fit.summary()["status"].iloc[0])
    assert status.startswith("not identified")
    with pytest.raises(innozone.NumericalError):
        fit.project([2025, 2026])


def test_synthetic_control_with_one_donor_is_that_donor() -> None:
    rows = []
    for unit, level in [("treated", 10.0), ("donor", 9.0)]:
        for year in range(2010, 2020):
            rows.append(
                {
                    "unit": unit,
                    "year": year,
                    "y": level
                    + 0.5 * (year - 2010)
                    + (3.0 if unit == "treated" and year >= 2016 else 0.0),
                    "d": int(unit == "treated" and year >= 2016),
                }
            )
    result = innozone.synthetic_control(
        pd.DataFrame(rows), unit="unit", time="year", outcome="y", treatment="d", placebo=False
    )
    weights = result.weights.iloc[:, 0]
    assert weights["donor"] == pytest.approx(1.0)
    gaps = result.to_frame().select_dtypes("number").to_numpy()
    assert np.isfinite(gaps).all()


def test_survival_curve_that_hits_zero_gives_zero_firms_not_nan() -> None:
    curve = outcomes.SurvivalCurve.piecewise([1, 2, 3], [0.5, 0.1, 0.0])
    result = outcomes.project_cohorts(
        [2025, 2026, 2027, 2028, 2029],
        [10, 10, 10, 10, 10],
        curve,
        jobs_per_firm=5.0,
        revenue_per_firm=1.0,
    )
    frame = result.to_frame()
    assert np.isfinite(frame.select_dtypes("number").to_numpy()).all()
    # cohorts three or more years old have no survivors, so from the fourth year on each
    # new cohort only replaces one that has died out: the stock stops growing
    alive = frame["alive"].to_numpy()
    assert math.isclose(alive[3], alive[2], rel_tol=1e-12)
    assert math.isclose(alive[4], alive[2], rel_tol=1e-12)
    assert alive[2] < 3 * 10
