"""The B/C of a phase (innozone.appraise_phase) and impact estimates as inputs
(Distribution.from_estimate).

The Gimhae references are the figures the report computed by hand before this function
existed (closing note of session 1: B/C 0.37 at a 10 % attribution share, 1.12 at 30 %, 3.74
at 100 %, value-added ratio 31.3 %, 4.5 %, beginning-of-year discounting, phase years only).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import innozone
from innozone import Distribution

USER_FILE = Path(__file__).resolve().parents[1] / "data" / "programs" / "jinju-user.json"


@pytest.fixture(scope="module")
def gimhae() -> innozone.Program:
    return innozone.load("gimhae").program("gimhae-gangso")


@pytest.fixture(scope="module")
def base(gimhae: innozone.Program) -> innozone.PhaseAppraisal:
    return innozone.appraise_phase(gimhae, attribution=0.3, seed=2025, n_draws=20_000)


def test_gimhae_b_c_matches_the_earlier_hand_computation(base: innozone.PhaseAppraisal) -> None:
    table = base.by_attribution().set_index("attribution")
    # Tolerance 0.02: the earlier figures are two-decimal roundings of another seed's run.
    assert table.loc[0.1, "bc_median"] == pytest.approx(0.37, abs=0.02)
    assert table.loc[0.3, "bc_median"] == pytest.approx(1.12, abs=0.02)
    assert table.loc[1.0, "bc_median"] == pytest.approx(3.74, abs=0.02)
    summary = base.summary()
    assert summary.loc["B/C", "p50"] == pytest.approx(table.loc[0.3, "bc_median"])
    assert summary.loc["P(B/C >= 1)", "mean"] == pytest.approx(base.probability)
    assert 0.0 < base.probability < 1.0
    assert summary.loc["B/C", "p05"] < base.bc < summary.loc["B/C", "p95"]


def test_central_case_is_the_discounted_flows(base: innozone.PhaseAppraisal) -> None:
    flows = base.to_frame()
    assert list(flows.index) == [2025, 2026, 2027, 2028, 2029]
    assert flows["cost"].tolist() == [36.0] * 5
    factors = 1.045 ** -np.arange(5.0)
    np.testing.assert_allclose(flows["discount_factor"], factors)
    pv_b = float(flows["benefit"] @ factors)
    pv_c = float(flows["cost"] @ factors)
    assert base.pv_benefit == pytest.approx(pv_b) and base.pv_cost == pytest.approx(pv_c)
    assert base.npv == pytest.approx(pv_b - pv_c)
    assert base.bc == pytest.approx(pv_b / pv_c)
    # The same as the budget area's appraisal of these streams.
    same = innozone.appraise(flows["benefit"], flows["cost"], rate=0.045)
    assert same.npv == pytest.approx(base.npv) and same.bc_ratio == pytest.approx(base.bc)
    np.testing.assert_allclose(base.npv_draws, base.bc_draws * pv_c - pv_c)


def test_horizon_counts_benefits_past_the_phase(
    gimhae: innozone.Program, base: innozone.PhaseAppraisal
) -> None:
    longer = innozone.appraise_phase(gimhae, attribution=0.3, seed=2025, n_draws=5_000, horizon=5)
    flows = longer.to_frame()
    assert list(flows.index) == list(range(2025, 2035))
    assert (flows.loc[2030:, "cost"] == 0).all() and (flows.loc[2030:, "benefit"] > 0).all()
    assert not flows.loc[2030:, "in_phase"].any()
    # Firms keep closing after the phase: the added benefit falls year by year.
    assert (np.diff(flows.loc[2030:, "benefit"].to_numpy()) < 0).all()
    assert longer.bc > base.bc and longer.pv_cost == pytest.approx(base.pv_cost)
    row = longer.assumptions.set_index("item").loc["horizon"]
    assert row["value"] == "5" and "5 years past" in row["note"]


def test_assumptions_are_listed_with_their_basis(base: innozone.PhaseAppraisal) -> None:
    frame = base.assumptions.set_index("item")
    assert frame.loc["attribution", "basis"] == "assumption"
    assert frame.loc["value_added_ratio", "value"] == "0.313"
    assert frame.loc["value_added_ratio", "basis"] == "sourced"
    assert frame.loc["value_added_ratio", "confidence"] == "medium"
    assert frame.loc["value_added_ratio", "sources"].startswith("https://")
    assert frame.loc["rate", "basis"] == "sourced"
    for name in ("phase1_budget", "elasticity", "revenue_per_firm", "budget 2025"):
        assert name in frame.index
    assert set(frame["basis"]) <= {
        "sourced",
        "derived",
        "assumption",
        "user",
        "see budget settings",
    }


def test_sector_value_added_ratio_and_arguments() -> None:
    jinju = innozone.load(USER_FILE).program("jinju-gangso")
    res = innozone.appraise_phase(jinju, attribution=0.5, n_draws=1_000, seed=1)
    assert res.assumptions.set_index("item").loc["value_added_ratio", "value"] == "0.247"
    with pytest.raises(innozone.InvalidInputError, match="did you mean 0.045"):
        innozone.appraise_phase(jinju, attribution=0.3, rate=4.5)
    with pytest.raises(innozone.InvalidInputError, match="attribution.*did you mean 0.3"):
        innozone.appraise_phase(jinju, attribution=30)
    for bad in (2.5, -5, True):
        with pytest.raises(innozone.InvalidInputError, match="n_draws"):
            innozone.appraise_phase(jinju, attribution=0.3, n_draws=bad)
    with pytest.raises(innozone.InvalidInputError, match="horizon"):
        innozone.appraise_phase(jinju, attribution=0.3, horizon=-1)
    with pytest.raises(TypeError):
        innozone.appraise_phase(jinju)  # type: ignore[call-arg]  # attribution is required
    again = innozone.appraise_phase(jinju, attribution=0.5, n_draws=1_000, seed=1, n_threads=1)
    np.testing.assert_array_equal(again.bc_draws, res.bc_draws)


def test_uncertain_attribution_and_result_contract(gimhae: innozone.Program) -> None:
    import matplotlib.pyplot as plt

    share = Distribution.triangular(0.1, 0.3, 0.5)
    res = innozone.appraise_phase(gimhae, attribution=share, n_draws=4_000, seed=3)
    fixed = innozone.appraise_phase(gimhae, attribution=0.3, n_draws=4_000, seed=3)
    # The share's spread widens the B/C distribution around about the same centre.
    assert np.std(res.bc_draws) > 1.5 * np.std(fixed.bc_draws)
    assert np.median(res.bc_draws) == pytest.approx(np.median(fixed.bc_draws), rel=0.1)
    assert res.assumptions.set_index("item").loc["attribution", "basis"] == "user"
    assert isinstance(res.summary(), pd.DataFrame) and len(repr(res)) < 1000
    assert "B/C" in res._repr_html_()
    assert res.plot(lang="ko").patches
    assert res.plot(kind="flows").patches
    with pytest.raises(innozone.InvalidInputError, match="kind"):
        res.plot(kind="pie")
    plt.close("all")


# ----------------------------------------------------------------------------- estimates
def _panel(effect: float = 0.25, seed: int = 1) -> pd.DataFrame:
    """40 units, 2010-2020; units 0-9 treated from 2016 with a constant effect."""
    rng = np.random.default_rng(seed)
    rows = []
    for u in range(40):
        level = rng.normal(0.0, 1.0)
        for t in range(2010, 2021):
            d = int(u < 10 and t >= 2016)
            rows.append(
                {
                    "unit": u,
                    "year": t,
                    "d": d,
                    "y": level + 0.1 * (t - 2010) + effect * d + rng.normal(0.0, 0.1),
                }
            )
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def panel() -> pd.DataFrame:
    return _panel()


def test_from_estimate_twfe_is_normal_with_its_se(panel: pd.DataFrame) -> None:
    res = innozone.did.twfe(panel, unit="unit", time="year", outcome="y", treatment="d")
    coef = res.coefficients.iloc[0]
    dist = Distribution.from_estimate(res)
    assert dist.name == "normal"
    assert dist.params == pytest.approx([coef["coef"], coef["se"]])
    assert abs(coef["coef"] - 0.25) < 4 * coef["se"]  # the known effect


def test_from_estimate_callaway_santanna_and_event_study(panel: pd.DataFrame) -> None:
    cs = innozone.callaway_santanna(
        panel, unit="unit", time="year", outcome="y", treatment="d", n_boot=199
    )
    simple = cs.aggregate("simple")
    dist = Distribution.from_estimate(cs)
    assert dist.params == pytest.approx([simple.overall_att, simple.overall_se])
    assert abs(simple.overall_att - 0.25) < 4 * simple.overall_se
    assert Distribution.from_estimate(cs, term="dynamic").params[0] == pytest.approx(
        cs.aggregate("dynamic").overall_att
    )
    es = innozone.event_study(panel, unit="unit", time="year", outcome="y", treatment="d")
    with pytest.raises(innozone.InvalidInputError, match="pass term="):
        Distribution.from_estimate(es)
    assert Distribution.from_estimate(es, term=2).params[0] == pytest.approx(
        es.coefficients.loc[2, "coef"]
    )


def test_from_estimate_uses_placebo_and_bootstrap_draws(panel: pd.DataFrame) -> None:
    sd = innozone.synthdid(
        panel, unit="unit", time="year", outcome="y", treatment="d", n_placebo=60, seed=1
    )
    dist = Distribution.from_estimate(sd)
    assert dist.name == "empirical" and dist.mean() == pytest.approx(sd.estimate)
    assert np.sqrt(dist.variance()) == pytest.approx(np.std(sd.replicates), rel=0.05)
    boot = innozone.synthdid(
        panel,
        unit="unit",
        time="year",
        outcome="y",
        treatment="d",
        se="bootstrap",
        n_boot=60,
        seed=1,
    )
    assert Distribution.from_estimate(boot).mean() == pytest.approx(np.mean(boot.replicates))
    one = panel[panel["unit"] >= 9]  # one treated unit and 30 donors
    sc = innozone.synthetic_control(one, unit="unit", time="year", outcome="y", treatment="d")
    scd = Distribution.from_estimate(sc)
    assert scd.name == "empirical" and scd.mean() == pytest.approx(sc.att)
    assert abs(sc.att - 0.25) < 0.15


def test_from_estimate_transform_and_errors(panel: pd.DataFrame) -> None:
    res = innozone.did.twfe(panel, unit="unit", time="year", outcome="y", treatment="d")
    share = Distribution.from_estimate(res, transform=lambda b: 1.0 - np.exp(-b))
    beta = res.coefficients.iloc[0]["coef"]
    assert share.name == "empirical"
    assert float(share.quantile(np.array([0.5]))[0]) == pytest.approx(1 - np.exp(-beta), abs=1e-3)
    with pytest.raises(innozone.InvalidInputError, match="same shape"):
        Distribution.from_estimate(res, transform=lambda b: np.nan * b)
    with pytest.raises(innozone.InvalidInputError, match="cannot read an estimate"):
        Distribution.from_estimate(object())
    with pytest.raises(innozone.InvalidInputError, match="no term 'x'"):
        Distribution.from_estimate(res, term="x")


def test_estimate_feeds_the_appraisal_and_the_model(
    panel: pd.DataFrame, gimhae: innozone.Program
) -> None:
    res = innozone.did.twfe(panel, unit="unit", time="year", outcome="y", treatment="d")
    share = Distribution.from_estimate(res, transform=lambda b: 1.0 - np.exp(-b))
    app = innozone.appraise_phase(gimhae, attribution=share, n_draws=2_000, seed=4)
    assert app.assumptions.set_index("item").loc["attribution", "basis"] == "user"
    cal = innozone.zone_model(
        gimhae,
        overrides={"productivity": Distribution.from_estimate(res, transform=lambda b: np.exp(b))},
    )
    row = cal.assumptions().set_index("item").loc["productivity"]
    assert row["basis"] == "user" and row["distribution"].startswith("empirical")
