"""One panel API (issue 13): every public panel estimator takes the same panel with the
same argument names (data, unit=, time=, outcome=, first_treated= / treatment=), and
periods given as integers, strings or dates give the same answers. The efficiency area's
panel functions (Malmquist indices, DEA window analysis) take the same panel with the same
data, unit= and time= (their outcomes are the inputs and outputs they compare)."""

from __future__ import annotations

import inspect
import math

import numpy as np
import pandas as pd
import pytest

import innozone
from innozone import did, synth
from innozone._results import REPR_LIMIT, Result


def _panel() -> pd.DataFrame:
    """12 regions x 8 years; cohorts 2019 and 2021, 6 never treated; effect 1.5."""
    rng = np.random.default_rng(13)
    rows = []
    for i in range(12):
        first = 2019 if i < 3 else (2021 if i < 6 else 0)
        level = rng.normal(10, 2)
        for year in range(2015, 2023):
            treated = int(first > 0 and year >= first)
            rows.append(
                {
                    "region": f"R{i:02d}",
                    "year": year,
                    "firms": level + 0.3 * (year - 2015) + 1.5 * treated + rng.normal(0, 0.1),
                    "first": first,
                    "on": treated,
                    "spend": rng.uniform(5.0, 15.0),
                }
            )
    return pd.DataFrame(rows)


PANEL_ESTIMATORS = {
    "twfe": lambda df, **kw: did.twfe(df, treatment="on", **kw),
    "event_study": lambda df, **kw: did.event_study(df, first_treated="first", **kw),
    "event_study (treatment)": lambda df, **kw: did.event_study(df, treatment="on", **kw),
    "callaway_santanna": lambda df, **kw: did.callaway_santanna(
        df, first_treated="first", n_boot=0, **kw
    ),
    "callaway_santanna (treatment)": lambda df, **kw: did.callaway_santanna(
        df, treatment="on", n_boot=0, **kw
    ),
    "synthetic_control": lambda df, **kw: synth.synthetic_control(
        df[(df["first"] == 0) | (df["region"] == "R00")], first_treated="first", placebo=False, **kw
    ),
    "synthdid": lambda df, **kw: synth.synthdid(
        df[(df["first"] != 2021)], first_treated="first", se=None, **kw
    ),
}


@pytest.mark.parametrize("name", sorted(PANEL_ESTIMATORS))
def test_every_panel_estimator_takes_the_same_names(name):
    df = _panel()
    result = PANEL_ESTIMATORS[name](df, unit="region", time="year", outcome="firms")
    assert isinstance(result.summary(), pd.DataFrame)
    if not name.startswith("synth"):  # synth's result classes are the synth area's
        assert len(repr(result)) < REPR_LIMIT


@pytest.mark.parametrize(
    "function",
    [did.twfe, did.event_study, did.callaway_santanna, synth.synthetic_control, synth.synthdid],
)
def test_signatures_share_the_vocabulary(function):
    params = inspect.signature(function).parameters
    names = list(params)
    assert names[0] == "data"
    for keyword in ("unit", "time", "outcome"):
        assert params[keyword].kind is inspect.Parameter.KEYWORD_ONLY
    assert "treatment" in names
    assert "df" not in names and "group" not in names


@pytest.mark.parametrize("kind", ["int", "str", "date"])
def test_string_and_date_periods_give_the_integer_answers(kind):
    df = _panel()
    base = did.callaway_santanna(
        df, unit="region", time="year", outcome="firms", first_treated="first", n_boot=0
    )
    es_base = did.event_study(
        df, unit="region", time="year", outcome="firms", first_treated="first"
    )
    other = df.copy()
    if kind == "str":
        other["year"] = "Y" + other["year"].astype(str)
        other["first"] = np.where(other["first"] > 0, "Y" + other["first"].astype(str), "")
    elif kind == "date":
        other["year"] = pd.to_datetime(other["year"].astype(str) + "-12-31")
        other["first"] = pd.to_datetime(
            other["first"].where(other["first"] > 0).astype("Int64").astype(str) + "-12-31",
            errors="coerce",
        )
    res = did.callaway_santanna(
        other, unit="region", time="year", outcome="firms", first_treated="first", n_boot=0
    )
    np.testing.assert_allclose(res.att_gt["att"], base.att_gt["att"], atol=1e-12)
    np.testing.assert_allclose(
        res.aggregate("dynamic").table["att"], base.aggregate("dynamic").table["att"], atol=1e-12
    )
    es = did.event_study(other, unit="region", time="year", outcome="firms", first_treated="first")
    np.testing.assert_allclose(es.to_frame()["coef"], es_base.to_frame()["coef"], atol=1e-12)
    if kind == "int":
        # ATT(g,t) tables show years as integers, not 2020.0000
        assert res.att_gt["group"].dtype.kind == "i"
        assert "2019.0" not in res._repr_html_() and ">2019<" in res._repr_html_()
    else:
        # ... and string or date periods as the data's labels
        assert res.att_gt["time"].iloc[0] == sorted(other["year"].unique())[1]
        assert isinstance(res.aggregate("calendar").plot(), object)


def test_rough_edges():
    df = _panel()
    kw = {"unit": "region", "time": "year", "outcome": "firms", "first_treated": "first"}
    # progress=True shows a bar instead of "TypeError: 'bool' object is not callable"
    res = did.callaway_santanna(df, n_boot=99, progress=True, **kw)
    assert res.n_boot == 99
    calls: list[tuple[int, int]] = []
    did.callaway_santanna(df, n_boot=99, progress=lambda d, t: calls.append((d, t)), **kw)
    assert calls and calls[-1][0] == calls[-1][1]
    with pytest.raises(innozone.InvalidInputError, match="progress must be"):
        did.callaway_santanna(df, n_boot=9, progress="yes", **kw)
    # counts are checked with their names
    for bad in (2.5, -5, True):
        with pytest.raises(innozone.InvalidInputError, match="n_boot"):
            did.callaway_santanna(df, n_boot=bad, **kw)
    with pytest.raises(innozone.InvalidInputError, match="alpha.*percent"):
        did.callaway_santanna(df, n_boot=0, alpha=5, **kw)
    # seed=None follows innozone.options.seed
    with innozone.options.context(seed=7):
        a = did.callaway_santanna(df, n_boot=49, **kw)
    b = did.callaway_santanna(df, n_boot=49, seed=7, **kw)
    pd.testing.assert_frame_equal(a.att_gt, b.att_gt)
    # an event study without pre-periods explains itself instead of printing chi2(0)=nan
    es = did.event_study(
        df, unit="region", time="year", outcome="firms", first_treated="first", window=(-1, 2)
    )
    assert es.pretest["df"] == 0 and math.isnan(es.pretest["statistic"])
    text = es._repr_html_()
    assert "chi2(0)" not in text and "nan" not in text and "no pre-trend test" in text
    assert "pre-trend test" not in es.plot().get_title()


def test_results_follow_the_contract():
    df = _panel()
    kw = {"unit": "region", "time": "year", "outcome": "firms"}
    cs = did.callaway_santanna(df, first_treated="first", n_boot=0, **kw)
    results = [
        did.twfe(df, treatment="on", **kw),
        did.event_study(df, first_treated="first", **kw),
        cs,
        cs.aggregate("group"),
        cs.aggregate("simple"),
        did.two_by_two(
            df.assign(post=(df["year"] >= 2019).astype(int), tr=(df["first"] == 2019).astype(int)),
            outcome="firms",
            treated="tr",
            post="post",
        ),
    ]
    for r in results:
        assert isinstance(r, Result)
        assert isinstance(r.summary(), pd.DataFrame)
        assert isinstance(r.to_frame(), pd.DataFrame)
        assert len(repr(r)) < REPR_LIMIT
        assert r._repr_html_().startswith("<div class='innozone-result'>")
    assert cs.plot(lang="ko").get_xlabel() == "처치 후 경과 기간"
    with innozone.options.context(lang="ko"):
        assert cs.plot(kind="att_gt").get_xlabel() == "기간"


def test_core_results_are_typed_classes():
    from innozone import _core

    df = _panel()
    kw = {"unit": "region", "time": "year", "outcome": "firms"}
    cs = did.callaway_santanna(df, first_treated="first", n_boot=0, **kw)
    assert isinstance(cs._raw, _core.did.StaggeredResult)
    assert isinstance(cs._raw.att_gt, _core.did.AttGtTable)
    assert isinstance(cs._raw.dynamic, _core.did.Aggregation)
    assert cs._raw.att_gt.att.dtype == np.float64
    with pytest.raises(AttributeError):
        cs._raw.n_units = 3  # read-only
    fit = _core.did.fe_regression(
        df["firms"].to_numpy(),
        df[["on"]].to_numpy(float),
        pd.factorize(df["region"])[0],
        pd.factorize(df["year"])[0],
    )
    assert isinstance(fit, _core.did.FeRegressionResult)
    assert fit.names == ["x0"] and fit.n_obs == len(df)


# ---- the efficiency area's panel functions -------------------------------------------------

EFFICIENCY_PANEL_FUNCTIONS = {
    "malmquist": lambda df, **kw: innozone.malmquist(df, "spend", "firms", **kw),
    "dea_windows": lambda df, **kw: innozone.dea_windows(df, "spend", "firms", width=3, **kw),
}


@pytest.mark.parametrize("name", sorted(EFFICIENCY_PANEL_FUNCTIONS))
def test_efficiency_panel_functions_take_the_same_panel(name):
    function = {"malmquist": innozone.malmquist, "dea_windows": innozone.dea_windows}[name]
    params = inspect.signature(function).parameters
    assert list(params)[0] == "data"
    for keyword in ("unit", "time"):
        assert params[keyword].kind is inspect.Parameter.KEYWORD_ONLY
    df = _panel()
    result = EFFICIENCY_PANEL_FUNCTIONS[name](df, unit="region", time="year")
    assert isinstance(result, Result) and len(repr(result)) < REPR_LIMIT

    def scores(res: Result) -> np.ndarray:
        periods = ["period", "period_from", "period_to"]
        return (
            res.to_frame().drop(columns=periods, errors="ignore").select_dtypes("number").to_numpy()
        )

    for kind in ("str", "date"):
        other = df.copy()
        if kind == "str":
            other["year"] = "Y" + other["year"].astype(str)
        else:
            other["year"] = pd.to_datetime(other["year"].astype(str) + "-12-31")
        again = EFFICIENCY_PANEL_FUNCTIONS[name](other, unit="region", time="year")
        np.testing.assert_allclose(scores(again), scores(result), atol=1e-12)
        if kind == "date":  # periods shown as the data's dates, without a midnight time
            assert "00:00:00" not in repr(again) and "00:00:00" not in again._repr_html_()
