"""Sensitivity analysis: tornado, Morris and Sobol' indices, checked against analytic values
and against SALib (1.6) on the very same samples and trajectories."""

from __future__ import annotations

import functools
import math

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest
from SALib.analyze import morris as salib_morris_analyze
from SALib.analyze import sobol as salib_sobol_analyze
from SALib.sample import morris as salib_morris_sample
from SALib.sample import sobol as salib_sobol_sample

import innozone
from innozone import sensitivity, zonemodel
from innozone.outcomes import Distribution, ParameterSet

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
        n_draws=2**14,
        seed=1,
        n_boot=200,
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


def _salib_sobol_blocks(y: np.ndarray, d: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    # SALib's row layout: per base sample, A, AB_1..AB_d, B.
    step = d + 2
    return y[0::step], y[step - 1 :: step], np.vstack([y[i + 1 :: step] for i in range(d)])


def test_sobol_estimators_equal_salib_on_the_same_samples() -> None:
    problem = {"num_vars": 3, "names": ["x1", "x2", "x3"], "bounds": [[-PI, PI]] * 3}
    n = 2**12
    x = salib_sobol_sample.sample(problem, n, calc_second_order=False, seed=3)
    y = ishigami_numpy(x) + 40.0  # a large mean makes the centring visible
    ref = salib_sobol_analyze.analyze(problem, y, calc_second_order=False, seed=3)
    fa, fb, fab = _salib_sobol_blocks(y, 3)
    # centered=True (default) centres f(B) on the mean of all N (d + 2) outputs, which is what
    # SALib's analyze does by standardising Y first: same S1 and ST to rounding.
    mine = sensitivity.sobol_from_outputs(fa, fb, fab, n_boot=500, seed=1)
    idx = mine.indices()
    np.testing.assert_allclose(idx["S1"], ref["S1"], rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(idx["ST"], ref["ST"], rtol=1e-10, atol=1e-12)
    # Bootstrap standard errors agree with SALib's (both resample base rows), within 25 %.
    np.testing.assert_allclose(idx["ST_conf"], ref["ST_conf"], rtol=0.25)
    np.testing.assert_allclose(idx["S1_conf"], ref["S1_conf"], rtol=0.25)
    # centered=False is the textbook Saltelli (2010) form, mean(f(B) (f(AB_i) - f(A))) / V:
    # not SALib's, but within its intervals.
    textbook = sensitivity.sobol_from_outputs(fa, fb, fab, centered=False).indices()
    variance = np.var(np.concatenate([fa, fb]))
    expected = [np.mean(fb * (fab[i] - fa)) / variance for i in range(3)]
    np.testing.assert_allclose(textbook["S1"], expected, rtol=1e-12)
    assert np.max(np.abs(textbook["S1"].to_numpy() - ref["S1"])) > 1e-4
    assert (np.abs(textbook["S1"].to_numpy() - ref["S1"]) <= ref["S1_conf"]).all()
    np.testing.assert_array_equal(textbook["ST"], idx["ST"])  # no centring in the total


def test_sobol_from_outputs_is_a_result_with_names() -> None:
    rng = np.random.default_rng(0)
    fa, fb, fab = rng.normal(size=64), rng.normal(size=64), rng.normal(size=(2, 64))
    res = sensitivity.sobol_from_outputs(fa, fb, fab, names=["a", "b"])
    assert list(res.indices().index) == ["a", "b"]
    assert isinstance(res.summary(), pd.DataFrame) and len(repr(res)) < 1000
    with pytest.raises(innozone.InvalidInputError, match="2 names for 3 rows"):
        sensitivity.sobol_from_outputs(fa, fb, rng.normal(size=(3, 64)), names=["a", "b"])
    with pytest.raises(innozone.InvalidInputError, match="n_boot must be a whole number"):
        sensitivity.sobol_from_outputs(fa, fb, fab, n_boot=2.5)


def test_morris_statistics_equal_salib_on_salibs_trajectories() -> None:
    problem = {"num_vars": 3, "names": ["x1", "x2", "x3"], "bounds": [[-PI, PI]] * 3}
    x = salib_morris_sample.sample(problem, 40, num_levels=4, seed=2)
    y = ishigami_numpy(x)
    ref = salib_morris_analyze.analyze(problem, x, y, num_levels=4, num_resamples=10, seed=2)
    unit = (x + PI) / (2 * PI)
    mine = sensitivity.morris_from_outputs(unit, y, 40, names=problem["names"]).to_frame()
    mine = mine.loc[problem["names"]]
    # Effects per unit of probability = per unit of the [0, 1]-scaled uniform input (SALib).
    np.testing.assert_allclose(mine["mu"], ref["mu"], rtol=1e-10)
    np.testing.assert_allclose(mine["mu_star"], ref["mu_star"], rtol=1e-10)
    np.testing.assert_allclose(mine["sigma"], ref["sigma"], rtol=1e-10)


@pytest.mark.parametrize("levels", [4, 6, 8])
def test_morris_design_is_the_standard_grid_and_equals_salib_on_it(levels: int) -> None:
    model = innozone.outcomes.IshigamiModel()
    res = innozone.morris(model, ishigami_params(), n_trajectories=60, levels=levels, seed=4)
    design = np.asarray(res.raw.design)
    # Bounded (uniform) inputs use the levels j / (p - 1), both ends included.
    grid = design * (levels - 1)
    np.testing.assert_allclose(grid, np.round(grid), atol=1e-12)
    assert design.min() == 0.0 and design.max() == 1.0
    # Every step is p / (2 (p - 1)) of the grid.
    steps = np.abs(np.diff(design.reshape(60, 4, 3), axis=1)).max(axis=2)
    np.testing.assert_allclose(steps, levels / (2 * (levels - 1)), rtol=1e-12)
    # SALib's analyzer on the same trajectories (inputs in values) gives the same statistics.
    problem = {"num_vars": 3, "names": ["x1", "x2", "x3"], "bounds": [[-PI, PI]] * 3}
    x = np.asarray(res.raw.inputs)
    y = ishigami_numpy(x)
    np.testing.assert_allclose(np.asarray(res.raw.outputs)[:, 0], y, rtol=1e-12, atol=1e-12)
    ref = salib_morris_analyze.analyze(problem, x, y, num_levels=levels, num_resamples=10, seed=1)
    frame = res.to_frame().loc[problem["names"]]
    np.testing.assert_allclose(frame["mu"], ref["mu"], rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(frame["mu_star"], ref["mu_star"], rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(frame["sigma"], ref["sigma"], rtol=1e-9, atol=1e-12)
    # No aliasing: x2 (largest S1) keeps a clearly non-zero mu* (the old grid gave 2e-15).
    assert frame.loc["x2", "mu_star"] > 2.0
    if levels == 4:  # SALib's default grid: x2 ranks first or second
        assert list(res.to_frame().index).index("x2") <= 1


def test_morris_unbounded_inputs_use_bin_midpoints() -> None:
    params = ParameterSet({"a": Distribution.normal(0, 1), "b": Distribution.uniform(0, 10)})

    class _Two(innozone.OutcomeModel):
        def __init__(self) -> None:
            super().__init__()

        def input_names(self) -> list[str]:
            return ["a", "b"]

        def indicator_names(self) -> list[str]:
            return ["y"]

        def years(self) -> list[int]:
            return [0]

        def evaluate_batch(self, x: np.ndarray) -> np.ndarray:
            return (x[:, 0] + x[:, 1])[:, None, None]

    res = innozone.morris(_Two(), params, n_trajectories=30, levels=4, seed=1)
    frame = res.to_frame()
    assert frame.loc["a", "grid"] == "(j+1/2)/p" and frame.loc["b", "grid"] == "j/(p-1)"
    assert frame.loc["a", "step"] == 0.5 and frame.loc["b", "step"] == pytest.approx(2 / 3)
    probabilities = np.unique(np.asarray(res.raw.design)[:, 0])
    assert set(probabilities) <= {0.125, 0.375, 0.625, 0.875}
    # The normal input moves between finite quantiles; b's effect is its range per probability.
    assert np.isfinite(np.asarray(res.raw.inputs)).all()
    assert frame.loc["b", "mu"] == pytest.approx(10.0, rel=1e-12)


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
    m = innozone.morris(_Linear(), params, n_trajectories=8, levels=4, seed=1)
    # Effects per unit of probability: coefficient x range (10).
    np.testing.assert_allclose(m.to_frame().loc[["a", "b", "c"], "mu_star"], [10.0, 20.0, 40.0])
    np.testing.assert_allclose(m.to_frame()["sigma"], 0.0, atol=1e-9)
    assert m.plot() is not None and "Morris" in m._repr_html_()
    assert isinstance(t.summary(), pd.DataFrame) and isinstance(m.summary(), pd.DataFrame)
    assert len(repr(t)) < 1000 and len(repr(m)) < 1000


def test_correlated_inputs_are_refused_with_an_explanation() -> None:
    params = ishigami_params()
    params.set_correlation(
        pd.DataFrame([[1, 0.5], [0.5, 1]], index=["x1", "x2"], columns=["x1", "x2"])
    )
    with pytest.raises(innozone.InvalidInputError, match="correlated inputs.*x1~x2.*independent"):
        innozone.sobol(innozone.outcomes.IshigamiModel(), params, n_draws=64)
    # The one-at-a-time screen still runs.
    assert len(innozone.tornado(innozone.outcomes.IshigamiModel(), params).to_frame()) == 3


@functools.lru_cache(maxsize=1)
def _gimhae() -> zonemodel.ZoneCalibration:
    """Gimhae's phase-2 zone model, calibrated from the embedded gimhae.json."""
    return innozone.zone_model(innozone.load("gimhae").program("gimhae-gangso"))


def test_hospital_commitment_python_model_through_sobol() -> None:
    model = zonemodel.HospitalCommitmentModel(_gimhae().years)
    params = zonemodel.hospital_parameters(_gimhae())
    res = innozone.sobol(
        model,
        params,
        outputs=[("firms_alive", 2029), ("revenue", 2029)],
        n_draws=2**10,
        seed=2,
        n_boot=50,
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
        model,
        params,
        outputs=[("firms_alive", 2029)],
        n_draws=2**10,
        seed=2,
        n_boot=50,
        n_threads=2,
    )
    np.testing.assert_array_equal(again.indices("firms_alive", 2029)["S1"], alive["S1"])


def test_gimhae_sobol_indices_sum_sensibly() -> None:
    res = innozone.sobol(
        _gimhae().model,
        _gimhae().parameters,
        outputs=[("cum_companies", 2029)],
        n_draws=2**12,
        seed=4,
        n_boot=100,
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
    with pytest.raises(
        innozone.NotFoundError, match="no Sobol' indices.*computed for: cum_companies"
    ):
        res.indices("jobs", 2029)


def test_sobol_and_morris_are_thread_count_independent() -> None:
    model, params = _gimhae()
    runs = [
        innozone.sobol(
            model,
            params,
            outputs=[("jobs", 2029), ("cum_revenue", 2029)],
            n_draws=2**10,
            seed=8,
            n_boot=30,
            n_threads=k,
        ).to_frame()
        for k in (1, 2)
    ]
    pd.testing.assert_frame_equal(runs[0], runs[1], check_exact=True)
    morris_runs = [
        innozone.morris(model, params, "jobs", n_trajectories=12, seed=3, n_threads=k).to_frame()
        for k in (1, 2)
    ]
    pd.testing.assert_frame_equal(morris_runs[0], morris_runs[1], check_exact=True)


@pytest.mark.parametrize(
    ("call", "fragment"),
    [
        (
            lambda m, p: innozone.morris(m, p, n_trajectories=2.5),
            "n_trajectories must be a whole number",
        ),
        (
            lambda m, p: innozone.morris(m, p, n_trajectories=-5),
            "n_trajectories must be at least 2",
        ),
        (
            lambda m, p: innozone.morris(m, p, n_trajectories=True),
            "n_trajectories must be an integer",
        ),
        (lambda m, p: innozone.morris(m, p, levels=5), "even"),
        (lambda m, p: innozone.sobol(m, p, n_draws=-5), "n_draws must be at least 2"),
        (lambda m, p: innozone.sobol(m, p, n_boot=2.5), "n_boot must be a whole number"),
        (lambda m, p: innozone.sobol(m, p, level=95), "did you mean 0.95"),
        (lambda m, p: innozone.tornado(m, p, low=10, high=90), "did you mean 0.1"),
        (lambda m, p: innozone.morris(m, p, progress="yes"), "progress must be"),
    ],
)
def test_counts_fractions_and_progress_are_checked_by_name(call, fragment: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(innozone.InvalidInputError, match=fragment):
        call(innozone.outcomes.IshigamiModel(), ishigami_params())


def test_unknown_output_lists_the_valid_names() -> None:
    with pytest.raises(innozone.NotFoundError, match="it produces: y"):
        innozone.tornado(innozone.outcomes.IshigamiModel(), ishigami_params(), indicator="z")


def test_seed_none_follows_options_and_progress_reports() -> None:
    model, params = innozone.outcomes.IshigamiModel(), ishigami_params()
    seen: list[tuple[int, int]] = []
    with innozone.options.context(seed=5):
        a = innozone.morris(
            model, params, n_trajectories=10, progress=lambda d, t: seen.append((d, t))
        )
    b = innozone.morris(model, params, n_trajectories=10, seed=5)
    pd.testing.assert_frame_equal(a.to_frame(), b.to_frame())
    assert seen and seen[-1][0] == seen[-1][1]
    with innozone.options.context(seed=5):
        c = innozone.sobol(model, params, n_draws=64, n_boot=10)
    d = innozone.sobol(model, params, n_draws=64, n_boot=10, seed=5)
    pd.testing.assert_frame_equal(c.to_frame(), d.to_frame())
    assert innozone.sobol(model, params, n_draws=64, n_boot=10, progress=True).n_draws == 64
