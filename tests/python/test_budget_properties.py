"""Agreement with numpy-financial 1.0 on random cash flows (Hypothesis and a seeded batch).

Conventions handled explicitly: numpy-financial's ``npv`` discounts the first flow at
t = 0, i.e. innozone's ``timing="beginning"``; with one IRR, its ``irr`` and innozone's agree;
with several, numpy-financial 1.0.0 returns the root closest to zero while innozone's
``IrrResult.rate`` follows numpy-financial's current selection (the smallest non-negative
root, else the root closest to zero), checked here against the companion-matrix roots;
its ``mirr`` is the same definition; ``-pmt(r, n, pv)`` is the end-of-year equivalent
annual value.
Tolerance: 1e-9 relative (for NPV, relative to the sum of absolute discounted flows,
since the NPV itself may cancel to nearly zero).
"""

from __future__ import annotations

import os

import numpy as np
import numpy_financial as npf
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import innozone
from innozone import budget

REL = 1e-9
LOWER, UPPER = -0.99, 100.0

# Money to the cent (no subnormal or 1e-300-sized flows, which no budget holds).
money = st.integers(min_value=-100_000, max_value=100_000).map(lambda cents: cents / 100)
positive = st.integers(min_value=0, max_value=100_000).map(lambda cents: cents / 100)
rates = st.floats(min_value=-0.9, max_value=1.0, allow_nan=False, allow_infinity=False)
SETTINGS = settings(
    max_examples=int(os.environ.get("INNOZONE_HYPOTHESIS_EXAMPLES", "300")),
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.filter_too_much],
)


@SETTINGS
@given(rate=rates, flows=st.lists(money, min_size=1, max_size=40))
def test_npv_equals_numpy_financial_at_t0(rate: float, flows: list[float]) -> None:
    scale = float(np.sum(np.abs(flows) * (1 + rate) ** -np.arange(len(flows)))) + 1e-300
    ours = budget.npv(rate, flows, timing="beginning")
    assert abs(ours - npf.npv(rate, flows)) <= REL * scale
    # Spreadsheet convention: every flow one period later.
    assert abs(budget.npv(rate, flows, timing="end") - npf.npv(rate, flows) / (1 + rate)) <= (
        REL * scale
    )


@SETTINGS
@given(
    first=st.floats(min_value=-1000.0, max_value=-1.0),
    rest=st.lists(positive, min_size=1, max_size=30),
)
def test_conventional_flows_have_one_irr_equal_to_numpy_financial(
    first: float, rest: list[float]
) -> None:
    flows = [first, *rest]
    reference = npf.irr(np.array(flows))
    if not any(v > 0 for v in rest):
        with pytest.raises(innozone.NumericalError):
            budget.irr(flows)
        return
    if not (LOWER <= reference <= UPPER):
        with pytest.raises(innozone.NumericalError, match="widen the bracket"):
            budget.irr(flows)
        return
    result = budget.irr(flows)
    assert result.unique
    assert result.rate == pytest.approx(reference, rel=REL, abs=1e-12)


def _preferred(roots: list[float]) -> float:
    """numpy-financial's current selection: the smallest non-negative root, else the largest."""
    non_negative = [r for r in roots if r >= 0]
    return min(non_negative) if non_negative else max(roots)


def _separated_roots(flows: list[float]) -> list[float] | None:
    """IRRs from the companion-matrix roots when every root is well separated."""
    roots = np.roots(np.array(flows[::-1]))
    if len(roots) > 1:
        gaps = np.abs(roots[:, None] - roots[None, :]) + np.eye(len(roots))
        if gaps.min() < 1e-3:
            return None
    near_real = roots[(np.abs(roots.imag) < 1e-3) & (roots.imag != 0)]
    if len(near_real):
        return None
    real = roots[(roots.imag == 0) & (roots.real > 0)].real
    out = sorted(1 / x - 1 for x in real)
    # Stay away from the bracket ends, where "inside" is a matter of rounding.
    if any(abs(r - LOWER) < 1e-6 or abs(r - UPPER) < 1e-3 for r in out):
        return None
    return [r for r in out if LOWER <= r <= UPPER]


@SETTINGS
@given(flows=st.lists(money, min_size=2, max_size=12))
def test_every_irr_root_matches_the_companion_matrix_roots(flows: list[float]) -> None:
    assume(flows[0] != 0 and flows[-1] != 0)
    assume(min(abs(v) for v in flows if v != 0) > 1e-3)
    expected = _separated_roots(flows)
    assume(expected is not None)
    assert expected is not None
    if not expected:
        with pytest.raises(innozone.NumericalError):
            budget.irr(flows)
        return
    result = budget.irr(flows)
    assert result.roots == pytest.approx(expected, rel=REL, abs=1e-12)
    if result.unique:
        rate = result.rate
        reference = npf.irr(np.array(flows))
        if LOWER <= reference <= UPPER:
            assert rate == pytest.approx(reference, rel=REL, abs=1e-12)
    else:  # choosing one of several roots is flagged
        with pytest.warns(innozone.NumericalWarning, match="internal rates of return"):
            rate = result.rate
    assert rate == pytest.approx(_preferred(expected), rel=REL, abs=1e-12)


@SETTINGS
@given(
    flows=st.lists(money, min_size=2, max_size=30),
    finance=st.floats(min_value=0.0, max_value=0.3),
    reinvest=st.floats(min_value=0.0, max_value=0.3),
)
def test_mirr_equals_numpy_financial(flows: list[float], finance: float, reinvest: float) -> None:
    reference = npf.mirr(np.array(flows), finance, reinvest)
    if np.isnan(reference):
        with pytest.raises(innozone.NumericalError):
            budget.mirr(flows, finance, reinvest)
        return
    assert budget.mirr(flows, finance, reinvest) == pytest.approx(reference, rel=REL, abs=1e-12)


@SETTINGS
@given(
    pv=st.floats(min_value=-1e6, max_value=1e6),
    rate=st.floats(min_value=1e-6, max_value=0.5),
    n=st.integers(min_value=1, max_value=60),
)
def test_equivalent_annual_value_equals_minus_pmt(pv: float, rate: float, n: int) -> None:
    assert budget.equivalent_annual_value(pv, rate, n, "end") == pytest.approx(
        -npf.pmt(rate, n, pv), rel=REL, abs=1e-12
    )


def test_thousands_of_random_project_flows_batch_and_scalar() -> None:
    # 5,000 seeded 10-year projects: an outlay then noisy returns (some negative years).
    rng = np.random.default_rng(20250121)
    n = 5000
    flows = np.column_stack([-rng.uniform(50, 200, n), rng.normal(25, 15, (n, 9))])
    rate = 0.045
    npv_ours = budget.npv_batch(flows, rate, n_threads=2)
    irr_ours, counts = budget.irr_batch(flows, n_threads=2)
    discounted = np.abs(flows) * (1 + rate) ** -np.arange(10)
    checked = 0
    for k in range(n):
        assert abs(npv_ours[k] - npf.npv(rate, flows[k])) <= REL * discounted[k].sum()
        reference = npf.irr(flows[k])
        expected = _separated_roots(list(flows[k]))
        if expected is None:
            continue
        if not expected:
            assert np.isnan(irr_ours[k]) and counts[k] == 0
            continue
        assert counts[k] == len(expected)
        assert irr_ours[k] == pytest.approx(_preferred(expected), rel=REL, abs=1e-12)
        if len(expected) == 1 and LOWER <= reference <= UPPER:
            assert irr_ours[k] == pytest.approx(reference, rel=REL, abs=1e-12)
            checked += 1
    assert checked > 4000
