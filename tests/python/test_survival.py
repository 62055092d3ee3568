"""Parametric survival fits (Weibull, log-normal, log-logistic) against lifelines.

Reference values were computed by lifelines 0.30.3 on the same data and stored in
tests/data/survival/lifelines_reference.json (script and command: make_lifelines_reference.py
in that folder; lifelines pins pandas < 3, so it is not installed by the test extra).
Data: the Rossi recidivism data (432 released prisoners, weeks to re-arrest, censored at 52)
and a synthetic, left-truncated, weighted firm register.

Tolerances (innozone maximises the likelihood to a Newton step of 1e-10; lifelines stops
earlier, by up to 1.5e-5 relative on the log-normal parameters): parameters 5e-5 relative,
standard errors and intervals 1e-4 relative, log-likelihood within 1e-6 (and never below
lifelines'), median 1e-4 relative, survival and its plain band 2e-5 absolute, hazard and
cumulative hazard 5e-4 relative.
"""

from __future__ import annotations

import json
import math

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest

import innozone
from innozone import _core


@pytest.fixture(scope="module")
def reference(test_data) -> dict:  # type: ignore[no-untyped-def]
    return json.loads((test_data / "survival" / "lifelines_reference.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def rossi(test_data) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    return pd.read_csv(test_data / "survival" / "rossi.csv")


@pytest.fixture(scope="module")
def firms(test_data) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    return pd.read_csv(test_data / "survival" / "firms.csv")


def _fit(
    name: str, model: str, rossi: pd.DataFrame, firms: pd.DataFrame
) -> innozone.SurvivalFitResult:
    if name == "rossi":
        return innozone.fit_survival(rossi, duration="week", event="arrest", model=model)
    return innozone.fit_survival(
        firms, duration="duration", event="event", entry="entry", weights="weight", model=model
    )


@pytest.mark.parametrize("dataset", ["rossi", "firms"])
@pytest.mark.parametrize("model", ["weibull", "lognormal", "loglogistic"])
def test_fit_equals_lifelines(
    dataset: str, model: str, reference: dict, rossi: pd.DataFrame, firms: pd.DataFrame
) -> None:
    ref = reference[dataset][model]
    fit = _fit(dataset, model, rossi, firms)
    names = [n.rstrip("_") for n in ref["parameters"]]
    assert list(fit.parameters.index) == names
    for column, key, rel in (
        ("estimate", "parameters", 5e-5),
        ("se", "se", 1e-4),
        ("lower", "lower", 1e-4),
        ("upper", "upper", 1e-4),
    ):
        np.testing.assert_allclose(fit.parameters[column], list(ref[key].values()), rtol=rel)
    assert fit.log_likelihood == pytest.approx(ref["log_likelihood"], abs=1e-6)
    assert fit.log_likelihood >= ref["log_likelihood"] - 1e-9  # the maximum is at least as high
    assert fit.aic == pytest.approx(ref["aic"], abs=2e-6)
    assert fit.median == pytest.approx(ref["median"], rel=1e-4)
    t = np.array(ref["times"])
    plain = fit.survival_function(t, method="plain")
    np.testing.assert_allclose(plain["survival"], ref["survival"], atol=2e-5)
    np.testing.assert_allclose(plain["lower"], ref["survival_lower_plain"], atol=2e-5)
    np.testing.assert_allclose(plain["upper"], ref["survival_upper_plain"], atol=2e-5)
    np.testing.assert_allclose(fit.hazard(t), ref["hazard"], rtol=5e-4)
    np.testing.assert_allclose(fit.cumulative_hazard(t), ref["cumulative_hazard"], rtol=5e-4)
    assert fit.n_observations == (len(rossi) if dataset == "rossi" else len(firms))


def test_loglog_band_is_the_delta_method_on_log_cumulative_hazard(rossi: pd.DataFrame) -> None:
    fit = innozone.fit_survival(rossi, duration="week", event="arrest", model="loglogistic")
    raw = fit.raw
    cov = np.asarray(raw.location_scale_covariance).reshape(2, 2)
    t = np.array([3.0, 20.0, 52.0])

    def log_h(mu: float, log_sigma: float) -> np.ndarray:
        z = (np.log(t) - mu) / math.exp(log_sigma)
        return np.log(np.log1p(np.exp(z)))  # log-logistic: H = log(1 + e^z)

    h = 1e-6
    grad = np.stack(
        [
            (log_h(raw.location + h, raw.log_scale) - log_h(raw.location - h, raw.log_scale))
            / (2 * h),
            (log_h(raw.location, raw.log_scale + h) - log_h(raw.location, raw.log_scale - h))
            / (2 * h),
        ]
    )
    se = np.sqrt(np.einsum("in,ij,jn->n", grad, cov, grad))
    cum = np.exp(log_h(raw.location, raw.log_scale))
    band = fit.survival_function(t)  # loglog by default
    np.testing.assert_allclose(
        band["lower"], np.exp(-cum * np.exp(1.959963984540054 * se)), rtol=1e-7
    )
    np.testing.assert_allclose(
        band["upper"], np.exp(-cum * np.exp(-1.959963984540054 * se)), rtol=1e-7
    )
    assert ((band["lower"] > 0) & (band["upper"] < 1)).all()


def test_fitted_curve_drives_cohort_projections(rossi: pd.DataFrame) -> None:
    for model in ("weibull", "lognormal", "loglogistic"):
        fit = innozone.fit_survival(rossi, duration="week", event="arrest", model=model)
        curve = fit.curve()
        assert isinstance(curve, innozone.SurvivalCurve)
        ages = np.array([0.5, 10.0, 60.0])
        np.testing.assert_allclose(curve(ages), fit.survival_function(ages)["survival"], rtol=1e-12)
        # Weekly cohorts: the stock at the end of each week is entries x S(age + 0.5).
        projection = innozone.project_cohorts([1, 2, 3], [10.0, 10.0, 10.0], curve, 1.0, 0.0)
        alive = projection.to_frame()["alive"].to_numpy()
        expected = [10 * curve(np.array([a + 0.5]))[0] for a in range(3)]
        np.testing.assert_allclose(alive, np.cumsum(expected), rtol=1e-12)


def test_result_contract_and_model_comparison(rossi: pd.DataFrame) -> None:
    fit = innozone.fit_survival(
        rossi, duration="week", event="arrest", model="weibull", time_unit="weeks", level=0.9
    )
    summary = fit.summary()
    assert isinstance(summary, pd.DataFrame)
    assert list(summary.index) == ["lambda", "rho", "median (weeks)", "log_likelihood", "AIC"]
    low, high = fit.median_interval
    assert low < fit.median < high
    assert fit.percentile(0.5) == pytest.approx(fit.median)
    frame = fit.to_frame()
    assert {"survival", "lower", "upper", "hazard", "cumulative_hazard"} <= set(frame.columns)
    text = repr(fit)
    assert len(text) < 1000 and "Weibull" in text and "AIC" in text
    assert "<table" in fit._repr_html_()
    ax = fit.plot(lang="ko")
    assert ax.get_ylabel() == "생존율" and len(ax.lines) == 2  # fitted curve and Kaplan-Meier
    table = innozone.compare_survival_fits(rossi, duration="week", event="arrest")
    assert list(table.columns[:3]) == ["log_likelihood", "AIC", "delta_AIC"]
    assert table["delta_AIC"].iloc[0] == 0.0 and table["AIC"].is_monotonic_increasing
    assert set(table.index) == {"weibull", "lognormal", "loglogistic"}


def test_durations_as_plain_sequences_and_all_events() -> None:
    fit = innozone.fit_survival([1.5, 2.0, 3.5, 4.0, 6.0, 7.5])
    assert fit.n_events == 6
    again = innozone.fit_survival(pd.Series([1.5, 2.0, 3.5, 4.0, 6.0, 7.5]), event=[1] * 6)
    pd.testing.assert_frame_equal(fit.parameters, again.parameters)


@pytest.mark.parametrize(
    ("kwargs", "error", "fragment"),
    [
        (
            {
                "data": pd.DataFrame({"t": [1.0, np.nan, 3.0]}, index=["a", "b", "c"]),
                "duration": "t",
            },
            innozone.InvalidInputError,
            "row 'b'",
        ),
        ({"data": [1.0, 0.0, 2.0, 3.0]}, innozone.InvalidInputError, "positive durations"),
        ({"data": [1.0, 2.0, 3.0], "event": [1, 2, 0]}, innozone.InvalidInputError, "use 1"),
        (
            {"data": pd.DataFrame({"t": [1.0, 2.0]}), "duration": "time"},
            innozone.NotFoundError,
            "columns are: t",
        ),
        ({"data": [1.0, 2.0, 3.0], "model": "gompertz"}, innozone.NotFoundError, "weibull"),
        (
            {"data": [3.0, 3.0, 4.0], "event": [1, 1, 0]},
            innozone.InvalidInputError,
            "not identified",
        ),
        (
            {"data": [1.0, 2.0, 3.0], "entry": [0.0, 2.5, 0.0]},
            innozone.InvalidInputError,
            "entry time of observation 1",
        ),
        ({"data": [1.0, 2.0, 3.0], "level": 95}, innozone.InvalidInputError, "did you mean 0.95"),
    ],
)
def test_bad_input_is_named(kwargs: dict, error: type, fragment: str) -> None:
    data = kwargs.pop("data")
    with pytest.raises(error, match=fragment.replace("(", r"\(")):
        innozone.fit_survival(data, **kwargs)


def test_core_functions_agree_with_closed_forms() -> None:
    fit = _core.fit_survival("weibull", [1.0, 2.0, 3.0, 5.0, 8.0], [1, 1, 1, 0, 1])
    lam, rho = fit.parameters
    t = np.array([0.7, 2.5, 9.0])
    np.testing.assert_allclose(fit.survival(t), np.exp(-((t / lam) ** rho)), rtol=1e-13)
    np.testing.assert_allclose(fit.hazard(t), rho / lam * (t / lam) ** (rho - 1), rtol=1e-12)
    assert fit.percentile(0.5) == pytest.approx(lam * math.log(2) ** (1 / rho), rel=1e-13)
