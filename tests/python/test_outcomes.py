"""Outcome models under uncertainty: distributions, designs, Monte Carlo, scenarios, growth
fits, survival and cohorts, Python-defined models, and the Gimhae phase-2 projection."""

from __future__ import annotations

import functools
import math
import time

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest
from scipy import optimize, stats
from scipy.stats import qmc

import innozone
from innozone import _core, outcomes, zonemodel
from innozone.outcomes import Distribution, ParameterSet, Target

D = Distribution


@functools.lru_cache(maxsize=1)
def _gimhae() -> zonemodel.ZoneCalibration:
    """Gimhae's phase-2 zone model, calibrated from the embedded gimhae.json."""
    return innozone.zone_model(innozone.load("gimhae").program("gimhae-gangso"))


# Targets of these tests: values chosen for the tests, not published targets.
TEST_TARGETS = [
    Target("cum_companies", 2029, 100.0, label="test value"),
    Target("cum_investment", 2029, 850.0, label="test value"),
    Target("firms_alive", 2029, 180.0, label="test value"),
    Target("jobs", 2029, 2000.0, label="test value"),
]


# ----------------------------------------------------------------------------- distributions
# Each family against scipy.stats (same parameterisation written out); moments on 2^15
# scrambled Sobol' points within 1 % (mean) and 3 % (variance), quantiles to 1e-8 relative.
FAMILIES = [
    (D.uniform(2, 5), stats.uniform(2, 3)),
    (D.normal(1, 2), stats.norm(1, 2)),
    (D.lognormal(0.2, 0.4), stats.lognorm(0.4, scale=math.exp(0.2))),
    (D.triangular(0, 1, 4), stats.triang(0.25, 0, 4)),
    (D.pert(1, 2, 6), stats.beta(1 + 4 * 1 / 5, 1 + 4 * 4 / 5, loc=1, scale=5)),
    (D.beta(2, 3, 1, 3), stats.beta(2, 3, loc=1, scale=2)),
    (D.gamma(2.5, 1.5), stats.gamma(2.5, scale=1.5)),
    (D.poisson(4.5), stats.poisson(4.5)),
    (D.negative_binomial(3, 0.4), stats.nbinom(3, 0.4)),
]


@pytest.mark.parametrize(
    "dist,ref", FAMILIES, ids=lambda v: repr(v) if isinstance(v, Distribution) else ""
)
def test_distribution_moments_and_quantiles_match_scipy(dist: Distribution, ref: object) -> None:
    assert dist.mean() == pytest.approx(ref.mean(), rel=1e-12)
    assert dist.variance() == pytest.approx(ref.var(), rel=1e-12)
    u = outcomes.uniform_design("sobol", 2**15, 1, seed=3)[:, 0]
    x = dist.quantile(u)
    assert x.mean() == pytest.approx(ref.mean(), rel=0.01)
    assert x.var() == pytest.approx(ref.var(), rel=0.03)
    p = np.array([0.001, 0.1, 0.37, 0.5, 0.9, 0.999])
    np.testing.assert_allclose(dist.quantile(p), ref.ppf(p), rtol=1e-8)


def test_fixed_and_empirical_distributions() -> None:
    fixed = D.fixed(7.5)
    assert fixed.mean() == 7.5 and fixed.variance() == 0.0
    np.testing.assert_array_equal(fixed.quantile(np.array([0.1, 0.9])), [7.5, 7.5])
    values = [3.0, 1.0, 2.0, 2.0, 10.0]
    emp = D.empirical(values)
    assert emp.mean() == pytest.approx(np.mean(values))
    assert emp.variance() == pytest.approx(np.var(values))
    # Inverse of the empirical CDF: F^-1(u) = x_(ceil(n u)).
    np.testing.assert_array_equal(
        emp.quantile(np.array([0.1, 0.3, 0.5, 0.79, 0.81])), [1, 2, 2, 3, 10]
    )


def test_lognormal_from_mean_sd() -> None:
    d = outcomes.lognormal_from_mean_sd(10.0, 3.0)
    assert d.mean() == pytest.approx(10.0, rel=1e-12)
    assert math.sqrt(d.variance()) == pytest.approx(3.0, rel=1e-12)


@pytest.mark.parametrize(
    "factory,message",
    [
        (lambda: D.normal(0, 0), "'sd'"),
        (lambda: D.uniform(3, 1), "'high'"),
        (lambda: D.pert(0, 5, 4), "'mode'"),
        (lambda: D.beta(-1, 2), "'alpha'"),
        (lambda: D.poisson(-2), "'mean'"),
        (lambda: D.negative_binomial(2, 0), "'p'"),
        (lambda: D.empirical([1.0, float("nan")]), r"values\[1\]"),
    ],
)
def test_bad_distribution_parameters_are_named(factory: object, message: str) -> None:
    with pytest.raises(innozone.InvalidInputError, match=message):
        factory()


# ----------------------------------------------------------------------------- designs
def test_unscrambled_sobol_matches_scipy_joe_kuo_points() -> None:
    # scipy.stats.qmc.Sobol uses the same Joe & Kuo (2008) direction numbers and Gray-code order.
    d = 20
    mine = outcomes.uniform_design("sobol", 256, d, scramble=False)
    ref = qmc.Sobol(d, scramble=False).random(256)
    np.testing.assert_allclose(mine, ref, atol=2.0**-32)


def test_sobol_has_lower_discrepancy_than_random_points() -> None:
    n, d = 1024, 5
    sobol = outcomes.uniform_design("sobol", n, d, seed=1)
    random = outcomes.uniform_design("mc", n, d, seed=1)
    # Centered L2 discrepancy (Hickernell 1998): quasi-random points should be several times lower.
    assert qmc.discrepancy(sobol) < 0.2 * qmc.discrepancy(random)


def test_latin_hypercube_stratifies_and_is_seeded() -> None:
    n, d = 500, 3
    x = outcomes.uniform_design("lhs", n, d, seed=4)
    for j in range(d):
        assert sorted(np.floor(x[:, j] * n).astype(int)) == list(range(n))
    np.testing.assert_array_equal(x, outcomes.uniform_design("lhs", n, d, seed=4))
    assert not np.array_equal(x, outcomes.uniform_design("lhs", n, d, seed=5))
    with pytest.raises(innozone.InvalidInputError, match="sampler"):
        outcomes.uniform_design("halton", 10, 2)


def test_copula_correlates_and_rejects_inconsistent_matrix() -> None:
    ps = ParameterSet({"a": D.normal(0, 1), "b": D.lognormal(0, 0.5), "c": D.uniform(0, 1)})
    corr = pd.DataFrame(
        [[1, 0.7, 0], [0.7, 1, 0], [0, 0, 1]], index=list("abc"), columns=list("abc")
    )
    ps.set_correlation(corr)
    u = outcomes.uniform_design("mc", 40_000, 3, seed=2)
    x = ps.to_space().transform(u)
    # Spearman correlation under a Gaussian copula: (6 / pi) asin(rho / 2) (Kruskal 1958).
    rho_s = stats.spearmanr(x[:, 0], x[:, 1]).statistic
    assert rho_s == pytest.approx(6 / math.pi * math.asin(0.35), abs=0.02)
    assert abs(stats.spearmanr(x[:, 0], x[:, 2]).statistic) < 0.02
    bad = pd.DataFrame(
        [[1, 0.9, 0.9], [0.9, 1, -0.9], [0.9, -0.9, 1]], index=list("abc"), columns=list("abc")
    )
    with pytest.raises(innozone.InvalidInputError, match="not positive semi-definite"):
        ParameterSet(
            {"a": D.normal(0, 1), "b": D.normal(0, 1), "c": D.normal(0, 1)}
        ).set_correlation(bad)
    asym = pd.DataFrame([[1, 0.2], [0.3, 1]], index=["a", "b"], columns=["a", "b"])
    with pytest.raises(innozone.InvalidInputError, match="symmetric"):
        ParameterSet({"a": D.normal(0, 1), "b": D.normal(0, 1)}).set_correlation(asym)


# ----------------------------------------------------------------------------- Monte Carlo
@pytest.fixture(scope="module")
def zone() -> tuple[innozone.ZoneModel, ParameterSet]:
    cal = _gimhae()
    return cal.model, cal.parameters.copy()


@pytest.mark.parametrize("sampler", ["mc", "lhs", "sobol"])
def test_same_seed_bit_identical_on_one_and_two_threads(zone: tuple, sampler: str) -> None:
    model, params = zone
    kw = {"sampler": sampler, "keep_draws": True, "keep_inputs": True}
    a = outcomes.simulate(model, params, 6000, seed=17, n_threads=1, **kw)
    b = outcomes.simulate(model, params, 6000, seed=17, n_threads=2, **kw)
    assert np.array_equal(a.draws, b.draws)
    assert np.array_equal(a.inputs, b.inputs)
    assert a.state == b.state  # the streaming summaries too, bit for bit
    c = outcomes.simulate(model, params, 6000, seed=18, n_threads=2, **kw)
    assert not np.array_equal(a.draws, c.draws)


def test_result_arrays_are_not_copied_and_summaries_agree_with_numpy(zone: tuple) -> None:
    model, params = zone
    r = outcomes.simulate(model, params, 4000, seed=1, keep_draws=True, keep_inputs=True)
    assert r.draws.shape == (4000, len(model.indicator_names()), 5)
    assert not r.draws.flags.owndata  # the core's buffer, wrapped
    assert np.shares_memory(r.indicator("jobs"), r.draws)
    s = r.summary()
    jobs = r.draws[:, r.indicators.index("jobs"), -1]
    assert s.loc[("jobs", 2029), "mean"] == pytest.approx(jobs.mean(), rel=1e-12)
    assert s.loc[("jobs", 2029), "sd"] == pytest.approx(jobs.std(ddof=1), rel=1e-10)
    # Streaming quantiles: within the stated relative error; exact ones equal numpy's.
    err = outcomes.QUANTILE_RELATIVE_ERROR
    assert s.loc[("jobs", 2029), "p05"] == pytest.approx(np.quantile(jobs, 0.05), rel=err)
    assert s.loc[("jobs", 2029), "p50"] == pytest.approx(np.median(jobs), rel=err)
    exact = r.summary(exact=True)
    assert exact.loc[("jobs", 2029), "p05"] == pytest.approx(np.quantile(jobs, 0.05), rel=1e-12)
    assert exact.loc[("jobs", 2029), "p50"] == pytest.approx(np.median(jobs), rel=1e-12)
    fan = r.fan("jobs")
    assert list(fan.index) == [2025, 2026, 2027, 2028, 2029]
    assert (fan["p05"] <= fan["p50"]).all() and (fan["p50"] <= fan["p95"]).all()
    inputs = r.inputs_frame()
    assert list(inputs.columns) == model.input_names()
    assert inputs["phase1_budget"].between(190, 210).all()


def test_core_quantiles_equal_numpy_on_skewed_tied_and_constant_columns() -> None:
    rng = np.random.default_rng(7)
    n = 20_001
    data = np.column_stack(
        [
            rng.lognormal(0, 2.5, n),  # heavy right tail: most values in the first histogram bins
            rng.integers(0, 4, n).astype(float),  # many ties
            np.full(n, 3.25),  # constant
            np.r_[rng.normal(size=n - 1), 1e12],  # one huge outlier
        ]
    )
    probs = [0.0, 0.05, 0.25, 0.5, 0.75, 0.95, 0.999, 1.0]
    s = _core.summarize_columns(data, probs)
    # numpy's default "linear" method is Hyndman & Fan type 7, as the core uses.
    np.testing.assert_array_equal(s.quantiles, np.quantile(data, probs, axis=0))
    np.testing.assert_allclose(s.mean, data.mean(axis=0), rtol=1e-12)


def test_probability_respects_direction(zone: tuple) -> None:
    model, params = zone
    r = outcomes.simulate(model, params, 5000, seed=3, keep_draws=True)
    median = float(np.median(r.indicator("cum_companies")[:, -1]))
    up = r.probability(Target("cum_companies", 2029, median, "higher"))
    down = r.probability(Target("cum_companies", 2029, median, "lower"))
    assert up == pytest.approx(0.5, abs=0.01) and down == pytest.approx(0.5, abs=0.01)
    assert r.probability(Target("cum_companies", 2029, 0.0, "higher")) == 1.0
    assert r.probability(Target("cum_companies", 2029, 0.0, "lower")) == 0.0
    with pytest.raises(innozone.InvalidInputError, match="direction"):
        Target("jobs", 2029, 1.0, "up")
    with pytest.raises(innozone.InvalidInputError, match="year 2031"):
        r.probability(Target("jobs", 2031, 1.0))


def test_progress_callback_and_cancel(zone: tuple) -> None:
    model, params = zone
    seen: list[tuple[int, int]] = []
    outcomes.simulate(
        model, params, 50_000, seed=1, n_threads=2, progress=lambda d, t: seen.append((d, t))
    )
    assert seen and seen[-1] == (seen[-1][1], seen[-1][1])
    with pytest.raises(KeyboardInterrupt):
        outcomes.simulate(
            model,
            params,
            2_000_000,
            seed=1,
            sampler="mc",
            n_threads=1,
            progress=lambda d, t: False,
            keep_inputs=False,
        )
    # progress=True draws a tqdm bar and gives the same numbers.
    a = outcomes.simulate(model, params, 3000, seed=9, progress=True)
    b = outcomes.simulate(model, params, 3000, seed=9)
    assert a.state == b.state


def test_ctrl_c_stops_a_run_cleanly(zone: tuple) -> None:
    import _thread
    import threading

    model, params = zone
    ishigami = outcomes.IshigamiModel()
    box = ParameterSet({f"x{i}": D.uniform(-math.pi, math.pi) for i in (1, 2, 3)})
    timer = threading.Timer(0.3, _thread.interrupt_main)
    timer.start()
    start = time.perf_counter()
    try:
        with pytest.raises(KeyboardInterrupt):
            # Seconds of work even on an idle machine; the interrupt comes after 0.3 s.
            outcomes.simulate(
                ishigami, box, 100_000_000, seed=1, sampler="mc", n_threads=2, keep_inputs=False
            )
    finally:
        timer.cancel()
    assert time.perf_counter() - start < 10.0
    # The engine is usable afterwards.
    assert outcomes.simulate(model, params, 100, seed=1).n_draws == 100


class _Failing(innozone.OutcomeModel):
    def __init__(self) -> None:
        super().__init__()

    def input_names(self) -> list[str]:
        return ["a"]

    def indicator_names(self) -> list[str]:
        return ["y"]

    def years(self) -> list[int]:
        return [1]

    def evaluate_batch(self, x: np.ndarray) -> np.ndarray:
        raise ValueError("boom from the Python model")


def test_python_model_exception_propagates() -> None:
    with pytest.raises(ValueError, match="boom from the Python model"):
        outcomes.simulate(_Failing(), ParameterSet({"a": D.uniform(0, 1)}), 5000, n_threads=2)


def test_missing_or_extra_inputs_are_named(zone: tuple) -> None:
    model, params = zone
    fewer = ParameterSet({n: params[n] for n in params.names if n != "elasticity"})
    with pytest.raises(innozone.NotFoundError, match="elasticity"):
        outcomes.simulate(model, fewer, 10)
    more = params.copy().add("typo_input", D.uniform(0, 1))
    with pytest.raises(innozone.InvalidInputError, match="typo_input"):
        outcomes.simulate(model, more, 10)


def test_scenarios_on_common_random_numbers(zone: tuple) -> None:
    model, params = zone
    scenarios = [
        outcomes.Scenario("baseline"),
        outcomes.Scenario("cut", _gimhae().model_with([28.8] * 5)),
        outcomes.Scenario("high_survival", overrides={"startup_survival_5y": 0.7}),
    ]
    targets = [Target("cum_companies", 2029, 100.0)]
    cmp = outcomes.compare_scenarios(
        model, params, scenarios, n_draws=3000, seed=5, targets=targets, keep_draws=True
    )
    table = cmp.summary()
    assert list(table.columns) == ["baseline", "cut", "high_survival"]
    # With elasticity e the cut scales new firms by 0.8^e per draw (common random numbers).
    base = cmp.results["baseline"].indicator("cum_companies")[:, -1]
    cut = cmp.results["cut"].indicator("cum_companies")[:, -1]
    elasticity = (
        outcomes.simulate(model, params, 3000, seed=5, keep_inputs=True)
        .inputs_frame()["elasticity"]
        .to_numpy()
    )
    np.testing.assert_allclose(cut / base, 0.8**elasticity, rtol=1e-12)
    assert table.loc["firms_alive", "high_survival"] > table.loc["firms_alive", "baseline"]
    probs = cmp.probabilities()
    assert (
        probs.loc[("cum_companies", 2029, 100.0), "cut"]
        < probs.loc[("cum_companies", 2029, 100.0), "baseline"]
    )
    assert "Scenario comparison: 3 scenarios" in cmp._repr_html_()
    assert len(cmp.to_frame()) == 3 * len(model.indicator_names()) * 5
    ax = cmp.plot("jobs")
    assert len(ax.lines) >= 3


def test_result_objects_render(zone: tuple) -> None:
    model, params = zone
    r = outcomes.simulate(model, params, 2000, seed=2, targets=TEST_TARGETS)
    html = r._repr_html_()
    assert "Monte Carlo: 2,000 draws" in html and "P(target reached)" in html
    ax = r.plot("cum_companies")
    titles = [ax.get_title(loc=loc) for loc in ("left", "center", "right")]
    assert "Cumulative new companies" in titles  # the registry's name of cum_companies
    assert len(ax.collections) >= 2  # the quantile bands
    assert isinstance(r.to_frame(), pd.DataFrame)
    assert "p95" in params.to_frame().columns
    assert params.plot() is not None
    assert "ParameterSet" in params._repr_html_()


# ----------------------------------------------------------------------------- growth
def test_cagr_gimhae_biomedical_firms() -> None:
    # seed-facts: 121 firms (2020) -> 319 (2024): 27.4 % a year.
    assert innozone.cagr(121, 319, 4) == pytest.approx(0.2742, abs=5e-5)
    with pytest.raises(innozone.InvalidInputError, match="'start'"):
        innozone.cagr(0, 10, 2)


@pytest.mark.parametrize("curve", ["exponential", "logistic", "gompertz"])
def test_growth_fit_matches_scipy_curve_fit(curve: str) -> None:
    rng = np.random.default_rng(0)
    t = np.arange(2010, 2024, dtype=float)
    if curve == "exponential":
        truth = 20 * np.exp(0.12 * (t - t[0]))

        def f(tt: np.ndarray, a: float, b: float) -> np.ndarray:
            return a * np.exp(b * (tt - t[0]))

        p0 = [20, 0.1]
    elif curve == "logistic":
        truth = 500 / (1 + np.exp(-0.5 * (t - 2016)))

        def f(tt: np.ndarray, k: float, r: float, m: float) -> np.ndarray:
            return k / (1 + np.exp(-r * (tt - m)))

        p0 = [450, 0.4, 2015]
    else:
        truth = 500 * np.exp(-np.exp(-0.4 * (t - 2015)))

        def f(tt: np.ndarray, k: float, r: float, m: float) -> np.ndarray:
            return k * np.exp(-np.exp(-r * (tt - m)))

        p0 = [450, 0.3, 2015]
    y = truth * (1 + 0.03 * rng.standard_normal(t.size))
    fit = innozone.fit_growth(t, y, curve)
    assert fit.identified and fit.converged
    popt, pcov = optimize.curve_fit(f, t, y, p0=p0, maxfev=20000)
    # Same least-squares problem: estimates to 1e-5 and standard errors (sigma^2 (J'J)^-1) to 1e-3.
    np.testing.assert_allclose(fit.params["estimate"], popt, rtol=1e-5)
    np.testing.assert_allclose(fit.params["std_error"], np.sqrt(np.diag(pcov)), rtol=1e-3)
    proj = fit.project([2030, 2035])
    assert (proj["lower"] < proj["mean"]).all() and (proj["mean"] < proj["upper"]).all()
    assert fit.plot() is not None and curve in fit._repr_html_()


def test_growth_fit_refuses_when_data_cannot_identify() -> None:
    with pytest.raises(
        innozone.NumericalError, match="not identified.*3 parameters.*3 data points"
    ):
        innozone.fit_growth([2020, 2022, 2024], [121, 200, 319], "logistic")
    with pytest.raises(innozone.NumericalError, match="2 parameters.*2 data points"):
        innozone.fit_growth([2020, 2024], [121, 319], "exponential")
    # Gimhae biomedical firms (zone-facts 3a) are still accelerating: no saturation level.
    fit = innozone.fit_growth([2018, 2019, 2020, 2021, 2024], [67, 86, 121, 131, 319], "logistic")
    assert not fit.identified
    assert "not identified" in fit.summary().iloc[0, 0]
    with pytest.raises(innozone.NumericalError, match="not identified"):
        fit.project([2030])
    # The exponential has 2 parameters; 5 points identify it.
    exp_fit = innozone.fit_growth(
        [2018, 2019, 2020, 2021, 2024], [67, 86, 121, 131, 319], "exponential"
    )
    assert exp_fit.identified
    assert exp_fit.params.loc["b", "estimate"] == pytest.approx(0.26, abs=0.03)


# ----------------------------------------------------------------------------- survival, cohorts
def test_survival_benchmarks_are_sourced_and_load() -> None:
    data = outcomes.survival_benchmarks()
    for name, entry in data["curves"].items():
        assert entry["source"].startswith("http"), name
        assert entry["confidence"] in {"high", "medium", "low"}
        curve = outcomes.survival_benchmark(name)
        np.testing.assert_allclose(
            curve(np.array(entry["ages"], float)), entry["survival"], rtol=1e-12
        )
    # zone-facts 4a: all industries, 2013 reference year, 5-year survival 29.6 %.
    assert outcomes.survival_benchmark("all_industries_2013")(np.array([5.0]))[0] == pytest.approx(
        0.296
    )
    with pytest.raises(innozone.InvalidInputError, match="not found"):
        outcomes.survival_benchmark("mars")


def test_kaplan_meier_matches_hand_computation_and_hits_zero() -> None:
    # Durations 1, 2, 2, 3 (censored), 4, 5 (censored): S(1) = 5/6, S(2) = 5/6 * 3/5 = 1/2,
    # S(4) = 1/2 * 1/2 = 1/4 (2 at risk at t = 4, one closes); Greenwood se at t = 2.
    km = outcomes.kaplan_meier([1, 2, 2, 3, 4, 5], [1, 1, 1, 0, 1, 0])
    np.testing.assert_allclose(km(np.array([0.5, 1.5, 3.0, 4.5])), [1.0, 5 / 6, 0.5, 0.25])
    se2 = 0.5 * math.sqrt(1 / (6 * 5) + 2 / (5 * 3))
    assert km.standard_errors[1] == pytest.approx(se2)
    assert km.zero_age < 0
    zero = outcomes.kaplan_meier([1, 2, 3], [1, 1, 1])
    assert zero.zero_age == 3.0
    assert zero(np.array([3.0, 9.0])).tolist() == [0.0, 0.0]


def test_piecewise_survival_hitting_zero_and_cohort_projection() -> None:
    curve = innozone.SurvivalCurve.piecewise([1, 2, 3], [0.5, 0.2, 0.0])
    assert curve.zero_age == 3.0
    np.testing.assert_allclose(curve(np.array([2.5, 3.0, 7.0])), [0.1, 0.0, 0.0])
    res = innozone.project_cohorts(
        [2025, 2026, 2027, 2028], [10, 10, 10, 10], curve, jobs_per_firm=5, revenue_per_firm=2.0
    )
    frame = res.to_frame()
    # End of 2028: cohorts aged 0.5, 1.5, 2.5, 3.5: 10 (S(.5) + S(1.5) + S(2.5) + 0).
    s = curve(np.array([0.5, 1.5, 2.5, 3.5]))
    assert s[-1] == 0.0
    assert frame.loc[2028, "alive"] == pytest.approx(10 * s.sum())
    assert frame.loc[2028, "jobs"] == pytest.approx(50 * s.sum())
    assert res.plot() is not None and "Cohort projection 2025-2028" in res._repr_html_()
    with pytest.raises(innozone.InvalidInputError, match="cannot rise"):
        innozone.SurvivalCurve.piecewise([1, 2], [0.4, 0.5])


def test_funnel_and_budget_response() -> None:
    # Gimhae phase 1 (zone-facts 3a): 209 transfers -> 120 new firms.
    funnel = outcomes.Funnel.calibrate(["transfers", "new_firms"], [209, 120], 200.0, 0.8)
    assert funnel.rates[0] == pytest.approx(120 / 209)
    vols = funnel.project(180.0)
    assert vols[0] == pytest.approx(209 * 0.9**0.8)
    assert vols[1] == pytest.approx(120 * 0.9**0.8)
    assert outcomes.budget_response(80, 40, 10, 1.0) == pytest.approx(20)
    sat = [outcomes.budget_response(b, 40, 10, 1.0, 0.5) for b in (40, 80, 160)]
    assert sat[0] == pytest.approx(10) and sat[1] - sat[0] > sat[2] - sat[1]  # diminishing returns
    with pytest.raises(innozone.InvalidInputError, match="rate"):
        outcomes.Funnel(["a", "b"], 10.0, [-0.1], 1.0, 1.0)


# ----------------------------------------------------------------------------- Python models
def test_python_subclass_runs_through_monte_carlo_and_matches_direct_evaluation() -> None:
    model = zonemodel.HospitalCommitmentModel(_gimhae().years)
    params = zonemodel.hospital_parameters(_gimhae())
    kw = {"keep_draws": True, "keep_inputs": True}
    r1 = outcomes.simulate(model, params, 5000, seed=4, n_threads=1, **kw)
    r2 = outcomes.simulate(model, params, 5000, seed=4, n_threads=2, **kw)
    assert np.array_equal(r1.draws, r2.draws)
    direct = model.evaluate_batch(r1.inputs)
    np.testing.assert_allclose(r1.draws, direct, rtol=0, atol=0)
    # The commitment lifts survival: all committed (share 1) beats none (share 0), draw by draw.
    none = params.with_overrides({"commitment_share": 0.0})
    all_ = params.with_overrides({"commitment_share": 1.0})
    a = outcomes.simulate(model, none, 2000, seed=1, keep_draws=True).indicator("firms_alive")
    b = outcomes.simulate(model, all_, 2000, seed=1, keep_draws=True).indicator("firms_alive")
    assert (b[:, -1] > a[:, -1]).all()


class _RowModel(innozone.OutcomeModel):
    """Defines evaluate() for one row only; y = a * t for t = 1, 2, 3."""

    def __init__(self, bad: bool = False) -> None:
        super().__init__()
        self.bad = bad

    def input_names(self) -> list[str]:
        return ["a"]

    def indicator_names(self) -> list[str]:
        return ["y"]

    def years(self) -> list[int]:
        return [1, 2, 3]

    def evaluate(self, x: np.ndarray) -> np.ndarray:
        return np.array([1.0, 2.0]) if self.bad else x[0] * np.array([[1.0, 2.0, 3.0]])


def test_python_row_model_and_shape_errors() -> None:
    params = ParameterSet({"a": D.uniform(1, 2)})
    r = outcomes.simulate(_RowModel(), params, 1500, seed=2, keep_draws=True, keep_inputs=True)
    a = r.inputs[:, 0]
    np.testing.assert_allclose(r.indicator("y"), a[:, None] * np.array([1.0, 2.0, 3.0]))
    with pytest.raises(innozone.InvalidInputError, match="must return 1 x 3 numbers"):
        outcomes.simulate(_RowModel(bad=True), params, 10)


# ----------------------------------------------------------------------------- Gimhae
def test_gimhae_assumptions_are_named_and_sourced() -> None:
    cal = _gimhae()
    frame = cal.summary().set_index("item")
    assert set(frame.index) == set(cal.model.input_names())
    assert set(frame["basis"]) <= {"sourced", "derived", "assumption"}
    assert (frame["sources"].str.len() > 0).all() and (frame["unit"].str.len() > 0).all()
    # Sources are the program file's source ids or reference-table entries, never the labels
    # of an internal fact sheet.
    assert not frame["sources"].str.contains("zone-facts ").any()


def test_gimhae_model_reproduces_phase1_rates_at_phase1_budget() -> None:
    # At phase 1's average budget (40 억원/yr for a 200 억원 phase 1), productivity 1, the model
    # yields 209 / 5 transfers a year and 120 / 5 new firms a year, whatever the elasticity;
    # the conversions are the calibration's central values (phase-1 ratios of gimhae.json).
    cal = _gimhae()
    model = cal.model_with([40.0] * 5)
    x = cal.central_inputs()
    x["phase1_budget"], x["elasticity"], x["productivity"] = 200.0, 0.7, 1.0
    assert x["ric_per_transfer"] == pytest.approx(44 / 209)
    assert x["startups_per_transfer"] == pytest.approx(76 / 209)
    out = model.evaluate_rows(x.to_numpy()[None, :]).reshape(len(model.indicator_names()), 5)
    names = model.indicator_names()
    np.testing.assert_allclose(out[names.index("transfers")], 209 / 5)
    np.testing.assert_allclose(
        out[names.index("ric_founded")] + out[names.index("startups_founded")], 120 / 5
    )
    np.testing.assert_allclose(out[names.index("cum_investment")][-1], 1030.0)


def test_gimhae_projection_under_180_plan() -> None:
    cal = _gimhae()
    zone = innozone.load("gimhae").program("gimhae-gangso")
    r = innozone.project(zone, n_draws=20_000, n_threads=2, targets=TEST_TARGETS, calibration=cal)
    probs = r.probabilities()
    assert len(probs) == len(TEST_TARGETS)
    assert probs["probability"].between(0, 1).all()
    s = r.summary().xs(2029, level="year")
    # 36 억원/yr is 0.9 of phase 1's ~40: cumulative new firms must fall below phase 1's 120 on
    # average, and stay within a plausible band.
    assert 80 < s.loc["cum_companies", "mean"] < 120
    assert s.loc["cum_companies", "p05"] < s.loc["cum_companies", "p95"]
    cmp = zonemodel.project_scenarios(zone, n_draws=4000, calibration=cal)
    assert (
        cmp.summary().loc["cum_companies", "budget_cut"]
        < cmp.summary().loc["cum_companies", "baseline"]
    )


class _Sink(innozone.OutcomeModel):
    """Reads four inputs and returns their sum (to test the engine's sampling path)."""

    def __init__(self) -> None:
        super().__init__()

    def input_names(self) -> list[str]:
        return ["u", "t", "l", "g"]

    def indicator_names(self) -> list[str]:
        return ["s"]

    def years(self) -> list[int]:
        return [0]

    def evaluate_batch(self, x: np.ndarray) -> np.ndarray:
        return x.sum(axis=1)[:, None, None]


def test_engine_inputs_equal_the_distributions_quantiles() -> None:
    # The engine maps design row r through each input's quantile function, column by column;
    # that must agree bit for bit with Distribution.quantile and with the row-wise transform.
    params = ParameterSet(
        {
            "u": D.uniform(1, 3),
            "t": D.triangular(0, 1, 4),
            "l": D.lognormal(0.1, 0.3),
            "g": D.gamma(2.0, 1.5),
        }
    )
    n = 3000
    r = outcomes.simulate(_Sink(), params, n, seed=12, sampler="mc", keep_inputs=True)
    u = outcomes.uniform_design("mc", n, 4, seed=12)
    for j, name in enumerate(params.names):
        np.testing.assert_array_equal(r.inputs[:, j], params[name].quantile(u[:, j]))
    np.testing.assert_array_equal(r.inputs, params.to_space().transform(u))


def test_engine_applies_the_copula() -> None:
    params = ParameterSet(
        {
            "u": D.uniform(0, 1),
            "t": D.triangular(0, 1, 4),
            "l": D.lognormal(0, 1),
            "g": D.gamma(2, 1),
        }
    )
    corr = pd.DataFrame(np.eye(4), index=params.names, columns=params.names)
    corr.loc["t", "l"] = corr.loc["l", "t"] = -0.6
    params.set_correlation(corr)
    r = outcomes.simulate(
        _Sink(), params, 40_000, seed=3, sampler="lhs", n_threads=2, keep_inputs=True
    )
    # Spearman correlation under a Gaussian copula: (6 / pi) asin(rho / 2) (Kruskal 1958).
    rho = stats.spearmanr(r.inputs[:, 1], r.inputs[:, 2]).statistic
    assert rho == pytest.approx(6 / math.pi * math.asin(-0.3), abs=0.02)
    assert abs(stats.spearmanr(r.inputs[:, 0], r.inputs[:, 3]).statistic) < 0.02


def test_outcome_plots_render_korean_labels_in_the_package_style() -> None:
    """Korean labels draw without a missing-glyph warning (warnings are errors here)."""
    import matplotlib

    matplotlib.use("Agg")
    axes = [
        _gimhae().parameters.plot(lang="ko"),
        innozone.fit_growth([2018, 2019, 2020, 2024], [67, 86, 121, 319], curve="exponential").plot(
            lang="ko"
        ),
    ]
    for ax in axes:
        ax.figure.canvas.draw()
        family = ax.xaxis.label.get_fontfamily()
        assert any("Nanum" in name for name in family), family
