"""Sensitivity analysis: tornado, Morris and Sobol' indices, checked against analytic values
and against SALib on the very same samples."""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import innozone
import numpy as np
import pandas as pd
import pytest
from innozone import gimhae_model, sensitivity
from innozone.outcomes import Distribution, ParameterSet
from SALib.analyze import morris as salib_morris_analyze
from SALib.analyze import sobol as salib_sobol_analyze
from SALib.sample import morris as salib_morris_sample
from SALib.sample import sobol as salib_sobol_sample

PI = math.pi
# Analytic Ishigami indices for a = 7, b = 0.1 (Saltelli et al. 2008, Global Sensitivity
# Analysis: The Primer, p. 179; Ishigami & Homma 1990).
ISHIGAMI_S1 = [0.3139, 0.4424, 0.0]
ISHIGAMI_ST = [0.5576, 0.4424, 0.2437]


def ishigami_numpy(x: np.ndarray, a: float = 7.0, b: float = 0.1) -> np.ndarray:
    return np.sin(x[:, 0]) + a * np.sin(x[:, 1]) ** 2 + b * x[:, 2] ** 4 * np.sin(x[:, 0])


def ishigami_params() -> ParameterSet:
    return ParameterSet({f"x{i}": Distribution.uniform(-PI, PI) for i in (1, 2, 3)})


@pytest.mark.parametrize("centered", [True, False])
def test_ishigami_indices_within_002_of_analytic_at_n_2_14(centered: bool) -> None:
    res = innozone.sobol(
        innozone.outcomes.IshigamiModel(),
        ishigami_params(),
        n=2**14,
        seed=1,
        n_bootstrap=200,
        centered=centered,
    )
    idx = res.indices("y", 0)
    np.testing.assert_allclose(idx["S1"], ISHIGAMI_S1, atol=0.02)
    np.testing.assert_allclose(idx["ST"], ISHIGAMI_ST, atol=0.02)
    # Bootstrap 95 % intervals bracket their point estimates and cover the analytic totals.
    assert (idx["S1_low"] <= idx["S1"]).all() and (idx["S1"] <= idx["S1_high"]).all()
    assert (
        (idx["ST_low"] <= np.array(ISHIGAMI_ST) + 0.005)
        & (np.array(ISHIGAMI_ST) - 0.005 <= idx["ST_high"])
    ).all()
    assert res.plot() is not None and "Sobol" in res._repr_html_()


def test_sobol_estimators_equal_salib_on_the_same_samples() -> None:
    problem = {"num_vars": 3, "names": ["x1", "x2", "x3"], "bounds": [[-PI, PI]] * 3}
    n = 2**12
    x = salib_sobol_sample.sample(problem, n, calc_second_order=False, seed=3)
    y = ishigami_numpy(x)
    ref = salib_sobol_analyze.analyze(problem, y, calc_second_order=False, seed=3)
    # SALib's analyze standardises all outputs first, (Y - mean) / sd, which shifts f(B) in the
    # first-order estimator; apply the same to compare the estimators themselves.
    y = (y - y.mean()) / y.std()
    # SALib's row layout: per base sample, A, AB_1..AB_d, B.
    step = problem["num_vars"] + 2
    fa, fb = y[0::step], y[step - 1 :: step]
    fab = np.vstack([y[i + 1 :: step] for i in range(problem["num_vars"])])
    mine = sensitivity.sobol_from_outputs(fa, fb, fab, n_bootstrap=500, seed=1, centered=False)
    np.testing.assert_allclose(mine["first"], ref["S1"], rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(mine["total"], ref["ST"], rtol=1e-10, atol=1e-12)
    # Bootstrap standard errors agree with SALib's (both resample base rows), within 25 %.
    np.testing.assert_allclose(1.959964 * np.array(mine["total_se"]), ref["ST_conf"], rtol=0.25)
    # The centred form estimates the same quantities: within SALib's intervals.
    centred = sensitivity.sobol_from_outputs(fa, fb, fab, centered=True)
    assert (np.abs(np.array(centred["first"]) - ref["S1"]) <= ref["S1_conf"]).all()


def test_morris_statistics_equal_salib_on_the_same_trajectories() -> None:
    problem = {"num_vars": 3, "names": ["x1", "x2", "x3"], "bounds": [[-PI, PI]] * 3}
    x = salib_morris_sample.sample(problem, 40, num_levels=4, seed=2)
    y = ishigami_numpy(x)
    ref = salib_morris_analyze.analyze(problem, x, y, num_levels=4, num_resamples=10, seed=2)
    unit = (x + PI) / (2 * PI)
    mine = innozone._core.morris_statistics(unit, y[:, None], 40)
    # SALib reports effects per unit of the [0, 1]-scaled input, as morris_statistics does.
    np.testing.assert_allclose(mine["mu"][:, 0], ref["mu"], rtol=1e-10)
    np.testing.assert_allclose(mine["mu_star"][:, 0], ref["mu_star"], rtol=1e-10)
    np.testing.assert_allclose(mine["sigma"][:, 0], ref["sigma"], rtol=1e-10)


class _Linear(innozone.OutcomeModel):
    """y = 1 a + 2 b + 4 c (a Python model)."""

    def __init__(self) -> None:
        super().__init__()

    def input_names(self) -> list[str]:
        return ["a", "b", "c"]

    def indicator_names(self) -> list[str]:
        return ["y"]

    def years(self) -> list[int]:
        return [2030]

    def evaluate_batch(self, x: np.ndarray) -> np.ndarray:
        return (x @ np.array([1.0, 2.0, 4.0]))[:, None, None]


def test_tornado_and_morris_on_a_linear_python_model() -> None:
    params = ParameterSet({k: Distribution.uniform(0, 10) for k in "abc"})
    t = innozone.tornado(_Linear(), params, low=0.1, high=0.9)
    frame = t.to_frame()
    assert list(frame.index) == ["c", "b", "a"]  # largest swing first
    np.testing.assert_allclose(frame["swing"], [4 * 8, 2 * 8, 1 * 8])
    assert frame["base"].iloc[0] == pytest.approx(35.0)
    assert t.plot() is not None and "Tornado" in t._repr_html_()
    m = innozone.morris(_Linear(), params, trajectories=8, levels=4, seed=1)
    # Effects per unit of probability on the trimmed grid (0.75 of [0, 1] for 4 levels): coef * 10 * 0.75.
    np.testing.assert_allclose(m.to_frame().loc[["a", "b", "c"], "mu_star"], [7.5, 15.0, 30.0])
    np.testing.assert_allclose(m.to_frame()["sigma"], 0.0, atol=1e-9)
    assert m.plot() is not None and "Morris" in m._repr_html_()


def test_correlated_inputs_are_refused_with_an_explanation() -> None:
    params = ishigami_params()
    params.set_correlation(
        pd.DataFrame([[1, 0.5], [0.5, 1]], index=["x1", "x2"], columns=["x1", "x2"])
    )
    with pytest.raises(innozone.InvalidInputError, match="correlated inputs.*x1~x2.*independent"):
        innozone.sobol(innozone.outcomes.IshigamiModel(), params, n=64)
    # The one-at-a-time screen still runs.
    assert len(innozone.tornado(innozone.outcomes.IshigamiModel(), params).to_frame()) == 3


def test_hospital_commitment_python_model_through_sobol() -> None:
    model = gimhae_model.HospitalCommitmentModel()
    params = gimhae_model.hospital_parameters()
    res = innozone.sobol(
        model,
        params,
        outputs=[("firms_alive", 2029), ("revenue", 2029)],
        n=2**10,
        seed=2,
        n_bootstrap=50,
    )
    alive = res.indices("firms_alive", 2029)
    # Revenue inputs do not enter firms_alive: their indices are exactly zero.
    assert (
        alive.loc["revenue_per_firm", "S1"] == 0.0 and alive.loc["commitment_revenue", "ST"] == 0.0
    )
    # The number of new firms and baseline survival dominate; the commitment matters but less.
    assert alive["ST"].idxmax() == "new_firms"
    assert alive.loc["hazard_ratio", "ST"] > 0.0 and alive.loc["commitment_share", "ST"] > 0.0
    revenue = res.indices("revenue", 2029)
    assert revenue.loc["revenue_per_firm", "ST"] > 0.05
    # Same numbers from 1 and 2 threads (the Python model serialises on the GIL).
    again = innozone.sobol(
        model, params, outputs=[("firms_alive", 2029)], n=2**10, seed=2, n_bootstrap=50, n_threads=2
    )
    np.testing.assert_array_equal(again.indices("firms_alive", 2029)["S1"], alive["S1"])


def test_gimhae_sobol_indices_sum_sensibly() -> None:
    res = innozone.sobol(
        gimhae_model.gimhae_model(),
        gimhae_model.gimhae_parameters(),
        outputs=[("cum_companies", 2029)],
        n=2**12,
        seed=4,
        n_bootstrap=100,
    )
    idx = res.indices()
    # cum_companies depends only on the funnel inputs, not on survival, jobs or revenue.
    for name in (
        "ric_survival_5y",
        "startup_survival_5y",
        "weibull_shape",
        "jobs_per_firm",
        "revenue_per_firm",
        "investment_per_new_firm",
    ):
        assert idx.loc[name, "ST"] == 0.0
    assert idx["ST"].idxmax() == "productivity"
    assert 0.8 < idx["S1"].sum() <= 1.05  # nearly additive in the log scale of its factors
    with pytest.raises(innozone.InvalidInputError, match="no Sobol' indices"):
        res.indices("jobs", 2029)


def test_sobol_and_morris_are_thread_count_independent() -> None:
    model, params = gimhae_model.gimhae_model(), gimhae_model.gimhae_parameters()
    runs = [
        innozone.sobol(
            model,
            params,
            outputs=[("jobs", 2029), ("cum_revenue", 2029)],
            n=2**10,
            seed=8,
            n_bootstrap=30,
            n_threads=k,
        ).to_frame()
        for k in (1, 2)
    ]
    pd.testing.assert_frame_equal(runs[0], runs[1], check_exact=True)
    morris_runs = [
        innozone.morris(model, params, "jobs", trajectories=12, seed=3, n_threads=k).to_frame()
        for k in (1, 2)
    ]
    pd.testing.assert_frame_equal(morris_runs[0], morris_runs[1], check_exact=True)
