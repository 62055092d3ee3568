"""Streaming Monte Carlo: sketch quantiles against exact ones, exact second passes, mergeable
and picklable partial states, flat memory, and the API conventions of the Monte Carlo calls."""

from __future__ import annotations

import math
import os
import pickle
import random
import subprocess
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import innozone
from innozone import _core, outcomes
from innozone._results import REPR_LIMIT, Result
from innozone.outcomes import Distribution, ParameterSet, Target

D = Distribution
ERR = outcomes.QUANTILE_RELATIVE_ERROR
BLOCK = outcomes.BLOCK_ROWS
PROBS = [0.0, 0.001, 0.05, 0.25, 0.5, 0.75, 0.95, 0.999, 1.0]


# Targets of these tests: values chosen for the tests, not published targets.
TEST_TARGETS = [
    Target("cum_companies", 2029, 100.0, label="test value"),
    Target("cum_investment", 2029, 850.0, label="test value"),
    Target("firms_alive", 2029, 180.0, label="test value"),
    Target("jobs", 2029, 2000.0, label="test value"),
]


@pytest.fixture(scope="module")
def gimhae_cal() -> innozone.ZoneCalibration:
    """Gimhae's phase-2 zone model, calibrated from the embedded gimhae.json."""
    return innozone.zone_model(innozone.load("gimhae").program("gimhae-gangso"))


@pytest.fixture(scope="module")
def zone(gimhae_cal: innozone.ZoneCalibration) -> tuple[innozone.ZoneModel, ParameterSet]:
    return gimhae_cal.model, gimhae_cal.parameters.copy()


def _bound(values: np.ndarray, p: float) -> float:
    """The stated error of a type-7 quantile: ERR * max(|x_(k)|, |x_(k+1)|)."""
    x = np.sort(values)
    h = p * (len(x) - 1)
    k = math.floor(h)
    return ERR * max(abs(x[k]), abs(x[min(k + 1, len(x) - 1)]))


# ----------------------------------------------------------------------------- the sketch
def test_stated_error_is_2_to_the_minus_11() -> None:
    assert ERR == 2.0**-11
    assert _core.QUANTILE_SKETCH_RELATIVE_ERROR == ERR


@pytest.mark.parametrize(
    "make",
    [
        lambda rng, n: rng.lognormal(0, 2.5, n),  # heavy right tail
        lambda rng, n: rng.normal(-3, 10, n),  # both signs
        lambda rng, n: rng.integers(0, 4, n).astype(float),  # ties
        lambda rng, n: np.full(n, 3.25),  # constant
        lambda rng, n: np.r_[rng.normal(size=n - 1), 1e12],  # one huge outlier
        lambda rng, n: -rng.exponential(1e-5, n),  # small negative values
    ],
    ids=["lognormal", "normal", "ties", "constant", "outlier", "small-negative"],
)
def test_sketch_quantiles_within_stated_error_of_numpy(make: object) -> None:
    rng = np.random.default_rng(11)
    values = make(rng, 20_001)  # type: ignore[operator]
    sketch = _core.QuantileSketch()
    sketch.add(values)
    q = sketch.quantiles(PROBS)
    exact = np.quantile(values, PROBS)
    for p, got, want in zip(PROBS, q, exact):
        assert abs(got - want) <= _bound(values, p), (p, got, want)
    assert q[0] == values.min() and q[-1] == values.max()  # min and max are exact
    assert sketch.count == len(values)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    values=hnp.arrays(
        np.float64,
        st.integers(1, 400),
        elements=st.floats(-1e300, 1e300, allow_nan=False, allow_subnormal=False),
    ),
    p=st.floats(0.0, 1.0),
)
def test_sketch_error_bound_holds_for_any_data(values: np.ndarray, p: float) -> None:
    sketch = _core.QuantileSketch()
    sketch.add(values)
    got = float(sketch.quantiles([p])[0])
    want = float(np.quantile(values, p))
    assert abs(got - want) <= _bound(values, p) * (1 + 1e-12) + 1e-300


def test_sketch_merge_equals_sketch_of_union_and_nan_is_reported() -> None:
    rng = np.random.default_rng(2)
    a, b = rng.normal(size=5000), rng.gamma(2.0, size=7000)
    whole, left, right = _core.QuantileSketch(), _core.QuantileSketch(), _core.QuantileSketch()
    whole.add(np.r_[a, b])
    left.add(a)
    right.add(b)
    right.merge(left)
    np.testing.assert_array_equal(right.quantiles(PROBS), whole.quantiles(PROBS))
    whole.add(np.array([np.nan]))
    assert whole.nan_count == 1 and np.isnan(whole.quantiles([0.5])[0])
    with pytest.raises(innozone.InvalidInputError, match="probabilities"):
        whole.quantiles([1.5])


# ----------------------------------------------------------------------------- results
@pytest.mark.parametrize("sampler", ["lhs", "mc", "sobol"])
def test_streaming_summary_against_the_kept_draws(zone: tuple, sampler: str) -> None:
    model, params = zone
    targets = TEST_TARGETS
    kept = outcomes.simulate(
        model, params, 30_000, seed=5, sampler=sampler, targets=targets, keep_draws=True
    )
    stream = outcomes.simulate(model, params, 30_000, seed=5, sampler=sampler, targets=targets)
    assert stream.draws is None and stream.inputs is None
    assert kept.state == stream.state  # storing the draws changes nothing else
    flat = kept.draws.reshape(kept.n_draws, -1)
    s = stream.summary(PROBS)
    np.testing.assert_allclose(s["mean"], flat.mean(axis=0), rtol=1e-12)
    np.testing.assert_allclose(s["sd"], flat.std(axis=0, ddof=1), rtol=1e-9)
    exact = np.quantile(flat, PROBS, axis=0)
    for j, p in enumerate(PROBS):
        column = s.iloc[:, 2 + j].to_numpy()
        bounds = np.array([_bound(flat[:, c], p) for c in range(flat.shape[1])])
        assert np.all(np.abs(column - exact[j]) <= bounds), p
    # exact=True without draws regenerates them: equal to numpy's type-7 quantiles.
    levels = [0.05, 0.5, 0.95]
    again = stream.summary(levels, exact=True)
    np.testing.assert_array_equal(
        again[["p05", "p50", "p95"]].to_numpy().T, np.quantile(flat, levels, axis=0)
    )
    pd.testing.assert_frame_equal(again, kept.summary(levels, exact=True), rtol=1e-12)
    # Target probabilities: counted in the core, identical to counting the draws.
    for t in targets:
        values = kept.indicator(t.indicator)[:, kept.years.index(t.year)]
        assert stream.probability(t) == np.mean(values >= t.value)
    # A target not given to simulate: from the draws, or by regenerating them.
    other = Target("jobs", 2027, 1500.0, "lower")
    values = kept.indicator("jobs")[:, kept.years.index(2027)]
    assert kept.probability(other) == stream.probability(other) == np.mean(values <= 1500.0)


def _peak_rss_script() -> str:
    """A script that runs sys.argv[1] LHS draws of Ishigami and prints its peak RSS in MB.

    The peak is VmHWM of the process's own address space: ru_maxrss would also count the
    parent's memory at fork (it survives exec on Linux).
    """
    tests = str(Path(__file__).parent)
    return (
        f"import sys; sys.path.insert(0, {tests!r}); import conftest\n"
        "import math; from innozone import outcomes\n"
        "box = outcomes.ParameterSet({f'x{i}': outcomes.Distribution.uniform(-math.pi, math.pi)"
        " for i in (1, 2, 3)})\n"
        "r = outcomes.simulate(outcomes.IshigamiModel(), box, int(sys.argv[1]), seed=1, "
        "sampler='lhs', n_threads=2, keep_draws=sys.argv[2] == 'keep')\n"
        "assert r.n_draws == int(sys.argv[1])\n"
        "status = open('/proc/self/status').read().split('VmHWM:')[1].split()[0]\n"
        "print(int(status) / 1024)\n"
    )


def test_memory_does_not_grow_with_draws() -> None:
    """Peak memory of a 3,000,000-draw run stays within 8 MB of a 30,000-draw run, while
    keeping the draws (one output, 24 MB) shows up: the measurement can see the difference."""
    peaks = {}
    for n, keep in ((30_000, "stream"), (3_000_000, "stream"), (3_000_000, "keep")):
        out = subprocess.run(
            [sys.executable, "-c", _peak_rss_script(), str(n), keep],
            capture_output=True,
            text=True,
            check=True,
            env=dict(os.environ),
        )
        peaks[(n, keep)] = float(out.stdout.split()[-1])
    small, large, kept = (
        peaks[(30_000, "stream")],
        peaks[(3_000_000, "stream")],
        peaks[(3_000_000, "keep")],
    )
    assert large - small < 8, peaks
    assert kept - large > 18, peaks


# ----------------------------------------------------------------------------- partial states
def test_any_split_merges_into_the_single_run(zone: tuple) -> None:
    model, params = zone
    targets = TEST_TARGETS
    n = 9 * BLOCK + 321
    whole = outcomes.simulate(model, params, n, seed=3, targets=targets, n_threads=1)
    for cuts in ([0, n], [0, 4 * BLOCK, n], [0, BLOCK, 2 * BLOCK, 3 * BLOCK, 8 * BLOCK, n]):
        parts = [
            outcomes.simulate_range(
                model, params, a, b, n_draws=n, seed=3, targets=targets, n_threads=2
            )
            for a, b in zip(cuts[:-1], cuts[1:])
        ]
        parts = [pickle.loads(pickle.dumps(p)) for p in parts]  # as if computed elsewhere
        random.Random(len(cuts)).shuffle(parts)
        merged = outcomes.merge_states(parts, model, params, targets)
        assert merged.state == whole.state
        pd.testing.assert_frame_equal(merged.summary(), whole.summary(), rtol=0, atol=0)
        pd.testing.assert_frame_equal(merged.probabilities(), whole.probabilities())


def test_bad_ranges_and_merges_are_refused(zone: tuple) -> None:
    model, params = zone
    n = 4 * BLOCK
    first = outcomes.simulate_range(model, params, 0, 2 * BLOCK, n_draws=n, seed=1)
    with pytest.raises(innozone.InvalidInputError, match="multiples of the block size 1024"):
        outcomes.simulate_range(model, params, 100, 2 * BLOCK, n_draws=n, seed=1)
    with pytest.raises(innozone.InvalidInputError, match="2,048 of 4,096 draws"):
        outcomes.merge_states([first], model, params)
    overlapping = outcomes.simulate_range(model, params, BLOCK, n, n_draws=n, seed=1)
    with pytest.raises(innozone.InvalidInputError, match="overlap"):
        outcomes.merge_states([first, overlapping], model, params)
    other_seed = outcomes.simulate_range(model, params, 2 * BLOCK, n, n_draws=n, seed=2)
    with pytest.raises(innozone.InvalidInputError, match="seed 1 vs 2"):
        outcomes.merge_states([first, other_seed], model, params)
    rest = outcomes.simulate_range(model, params, 2 * BLOCK, n, n_draws=n, seed=1)
    changed = params.with_overrides({"elasticity": 0.5})
    with pytest.raises(innozone.InvalidInputError, match="another model or parameter set"):
        outcomes.merge_states([first, rest], model, changed)
    with pytest.raises(innozone.InvalidInputError, match="targets"):
        outcomes.merge_states([first, rest], model, params, TEST_TARGETS)
    with pytest.raises(innozone.InvalidInputError, match="corrupt or truncated"):
        _core.MonteCarloState.from_bytes(first.to_bytes()[:-3])
    assert outcomes.merge_states([rest, first], model, params).n_draws == n


def test_latin_hypercube_design_is_the_same_in_any_split() -> None:
    full = outcomes.uniform_design("lhs", 5000, 3, seed=8)
    n = 5000
    for j in range(3):
        assert sorted(np.floor(full[:, j] * n).astype(int)) == list(range(n))
    assert np.array_equal(full, outcomes.uniform_design("lhs", 5000, 3, seed=8))
    # Rows do not depend on the number of rows generated after them in the same block.
    model = outcomes.IshigamiModel()
    box = ParameterSet({f"x{i}": D.uniform(-math.pi, math.pi) for i in (1, 2, 3)})
    a = outcomes.simulate(model, box, n, seed=8, keep_inputs=True, n_threads=1)
    b = outcomes.simulate(model, box, n, seed=8, keep_inputs=True, n_threads=2)
    np.testing.assert_array_equal(a.inputs, b.inputs)
    np.testing.assert_array_equal(a.inputs, -math.pi + 2 * math.pi * full)


# ----------------------------------------------------------------------------- conventions
@pytest.mark.parametrize("bad", [-5, 2.5, True, 0, "100", float("nan")])
def test_bad_draw_counts_name_n_draws(
    zone: tuple, gimhae_cal: innozone.ZoneCalibration, bad: object
) -> None:
    model, params = zone
    calls = [
        lambda: outcomes.simulate(model, params, bad),
        lambda: outcomes.compare_scenarios(model, params, [outcomes.Scenario("a")], n_draws=bad),
        lambda: innozone.project("gimhae", n_draws=bad, calibration=gimhae_cal),
        lambda: outcomes.uniform_design("mc", bad, 2),
        lambda: outcomes.simulate_range(model, params, 0, BLOCK, n_draws=bad),
    ]
    for call in calls:
        with pytest.raises(innozone.InvalidInputError, match="n_draws"):
            call()


def test_whole_float_draw_count_is_accepted(zone: tuple) -> None:
    model, params = zone
    assert outcomes.simulate(model, params, 2000.0, seed=1).n_draws == 2000


def test_unknown_indicator_is_not_found_with_the_valid_names(zone: tuple) -> None:
    model, params = zone
    mc = outcomes.simulate(model, params, 2000, seed=1)
    with pytest.raises(innozone.NotFoundError, match="'job'.*valid: transfers, .*cum_revenue"):
        mc.plot("job")
    with pytest.raises(innozone.NotFoundError, match="valid: transfers"):
        mc.fan("job")
    with pytest.raises(innozone.InvalidInputError, match="keep_draws=True"):
        mc.indicator("jobs")
    with pytest.raises(innozone.InvalidInputError, match="keep_inputs=True"):
        mc.inputs_frame()
    with pytest.raises(innozone.InvalidInputError, match="did you mean 0.95"):
        mc.summary([95])


def test_results_follow_the_result_contract(
    zone: tuple, gimhae_cal: innozone.ZoneCalibration
) -> None:
    model, params = zone
    targets = TEST_TARGETS
    mc = outcomes.simulate(model, params, 2000, seed=1, targets=targets)
    cmp = outcomes.compare_scenarios(
        model,
        params,
        [
            outcomes.Scenario("base"),
            outcomes.Scenario("cut", gimhae_cal.model_with([28.8] * 5)),
        ],
        n_draws=2000,
        targets=targets,
    )
    for result in (mc, cmp):
        assert isinstance(result, Result)
        assert isinstance(result.summary(), pd.DataFrame)
        assert isinstance(result.to_frame(), pd.DataFrame)
        assert len(repr(result)) < REPR_LIMIT
        html = result._repr_html_()
        assert "innozone-result" in html and "<script" not in html
    assert repr(mc).startswith("<MonteCarloResult: Monte Carlo: 2,000 draws")
    assert mc.plot("jobs") is not None


def test_seed_threads_and_lang_default_to_the_options(zone: tuple) -> None:
    model, params = zone
    with innozone.options.context(seed=5, n_threads=1):
        implicit = outcomes.simulate(model, params, 3000)
    assert implicit.state == outcomes.simulate(model, params, 3000, seed=5).state
    assert implicit.state.seed == 5
    cmp = outcomes.compare_scenarios(model, params, [outcomes.Scenario("a")], n_draws=1000)
    with innozone.options.context(lang="ko"):
        ax = cmp.plot("jobs")
        ax_params = params.plot()
    assert ax.get_xlabel() == "연도"
    assert ax_params.get_xlabel() == "평균 대비 5–95 % 범위"


def test_progress_on_simulate_and_compare_scenarios(zone: tuple) -> None:
    model, params = zone
    seen: list[tuple[int, int]] = []
    outcomes.compare_scenarios(
        model,
        params,
        [outcomes.Scenario("a"), outcomes.Scenario("b")],
        n_draws=20_000,
        progress=lambda d, t: seen.append((d, t)),
    )
    assert seen[-1][0] == seen[-1][1]
    assert all(a[0] <= b[0] for a, b in zip(seen, seen[1:]))
    assert len({t for _, t in seen}) == 1  # one total over both scenarios
    outcomes.compare_scenarios(model, params, [outcomes.Scenario("a")], 2000, progress=True)
    with pytest.raises(innozone.InvalidInputError, match="progress"):
        outcomes.simulate(model, params, 1000, progress="yes")  # type: ignore[arg-type]
    with pytest.raises(KeyboardInterrupt):
        outcomes.simulate(
            model, params, 400_000, sampler="mc", n_threads=1, progress=lambda d, t: False
        )


def test_latin_hypercube_reduces_the_variance_of_an_additive_mean() -> None:
    """For y = sum of inputs, LHS estimates of the mean vary far less than plain MC's (the
    keyed permutations stratify every dimension; McKay, Beckman & Conover 1979)."""
    box = ParameterSet({f"x{i}": D.uniform(0, 1) for i in (1, 2, 3)})
    model = outcomes.IshigamiModel(a=0.0, b=0.0)  # y = sin(x1): additive in the inputs
    means = {}
    for sampler in ("mc", "lhs"):
        means[sampler] = [
            outcomes.simulate(model, box, 2000, seed=s, sampler=sampler).summary()["mean"].iloc[0]
            for s in range(20)
        ]
    assert np.std(means["lhs"]) < 0.05 * np.std(means["mc"]), means


def test_new_targets_are_counted_exactly_with_progress(zone: tuple) -> None:
    model, params = zone
    mc = outcomes.simulate(model, params, 3000, seed=2)
    seen: list[tuple[int, int]] = []
    target = Target("firms_alive", 2028, 170.0)
    p = mc.probability(target, progress=lambda d, t: seen.append((d, t)))
    kept = outcomes.simulate(model, params, 3000, seed=2, keep_draws=True)
    assert p == np.mean(kept.indicator("firms_alive")[:, -2] >= 170.0)
    assert seen and seen[-1][0] == seen[-1][1]
    labels = list(mc.summary([0.0, 0.001, 0.05, 0.5, 0.999, 1.0]).columns)
    assert labels == ["mean", "sd", "p00", "p0.1", "p05", "p50", "p99.9", "p100"]


def test_parameter_sets_and_states_pickle_for_other_processes(zone: tuple) -> None:
    _, params = zone
    families = [
        D.fixed(2.0),
        D.uniform(1, 3),
        D.normal(0, 2),
        D.lognormal(0.1, 0.3),
        D.triangular(0, 1, 4),
        D.pert(1, 2, 6, 3.0),
        D.beta(2, 3, 1, 3),
        D.gamma(2.5, 1.5),
        D.poisson(4.5),
        D.negative_binomial(3, 0.4),
        D.empirical([3.0, 1.0, 2.0]),
    ]
    u = np.array([0.01, 0.3, 0.77])
    for d in families:
        back = pickle.loads(pickle.dumps(d))
        assert back == d and repr(back) == repr(d)
        np.testing.assert_array_equal(back.quantile(u), d.quantile(u))
    again = pickle.loads(pickle.dumps(params))
    assert again.names == params.names
    assert all(again[n] == params[n] for n in params.names)
    with pytest.raises(innozone.InvalidInputError, match="unknown pickled family"):
        D.__new__(D).__setstate__(("zipf", [1.0], []))
