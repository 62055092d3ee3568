"""Tests of innozone.did against published results and peer packages.

References used below (each number's source is given next to it):

[R-attgt]  R package `did` (Callaway & Sant'Anna), reference page of att_gt(), examples
           "Basic att_gt() call" and "Using covariates" / "Specify comparison units"
           (bcallaway11/did @ 71ba8a56, docs/reference/att_gt.md; the same page is at
           https://bcallaway11.github.io/did/reference/att_gt.html).
[R-aggte]  Same package, reference page of aggte(), examples "Overall ATT", "Dynamic ATT
           (Event-Study)", "ATT for each group", "ATT for each calendar year"
           (docs/reference/aggte.md; https://bcallaway11.github.io/did/reference/aggte.html).
[R-basics] Same package, vignette "Getting Started with the did Package"
           (docs/articles/did-basics.md), aggte(mw.attgt, "dynamic", balance_e = 1).
R prints 4 decimals, so point estimates are compared with tolerance 5e-5. Its standard
errors are multiplier-bootstrap draws (1000 Mammen draws, IQR-based), which differ from
run to run by about 5%; those are compared with a relative tolerance of 20%.
"""

from __future__ import annotations

import contextlib
import io
import math
import warnings

import numpy as np
import pandas as pd
import pytest

import innozone
from innozone import did
from innozone.panel import UnbalancedPanelWarning

R_TOL = 5e-5  # R prints 4 decimals


def _title(ax) -> str:
    """The axes title wherever the innozone style puts it (left-aligned)."""
    return ax.get_title("left") or ax.get_title()


SE_RTOL = 0.20  # bootstrap standard errors of a single R run


@pytest.fixture(scope="module")
def mpdta(test_data) -> pd.DataFrame:
    return pd.read_csv(test_data / "mpdta.csv", comment="#")


@pytest.fixture(scope="module")
def cs_uncond(mpdta) -> did.CallawaySantAnnaResult:
    return did.callaway_santanna(
        mpdta,
        unit="countyreal",
        time="year",
        outcome="lemp",
        first_treated="first.treat",
        seed=20240915,
    )


# [R-attgt] "Basic att_gt() call" (xformla = NULL, est_method "dr", never treated).
R_ATTGT = pd.DataFrame(
    [
        (2004, 2004, -0.0105, 0.0258),
        (2004, 2005, -0.0704, 0.0341),
        (2004, 2006, -0.1373, 0.0384),
        (2004, 2007, -0.1008, 0.0354),
        (2006, 2004, 0.0065, 0.0235),
        (2006, 2005, -0.0028, 0.0192),
        (2006, 2006, -0.0046, 0.0184),
        (2006, 2007, -0.0412, 0.0207),
        (2007, 2004, 0.0305, 0.0161),
        (2007, 2005, -0.0027, 0.0157),
        (2007, 2006, -0.0311, 0.0184),
        (2007, 2007, -0.0261, 0.0176),
    ],
    columns=["group", "time", "att", "se"],
)
# [R-attgt] "Using covariates": xformla = ~lpop (dr, never treated).
R_ATTGT_LPOP = [
    -0.0145,
    -0.0764,
    -0.1404,
    -0.1069,
    -0.0005,
    -0.0062,
    0.0010,
    -0.0413,
    0.0267,
    -0.0046,
    -0.0284,
    -0.0288,
]
# [R-attgt] "Specify comparison units": xformla = ~lpop, control_group = "notyettreated".
R_ATTGT_LPOP_NYT = [
    -0.0212,
    -0.0816,
    -0.1382,
    -0.1069,
    -0.0075,
    -0.0046,
    0.0087,
    -0.0413,
    0.0269,
    -0.0042,
    -0.0284,
    -0.0288,
]


def test_att_gt_matches_r_did(cs_uncond):
    gt = cs_uncond.att_gt
    assert list(zip(gt["group"], gt["time"])) == list(zip(R_ATTGT["group"], R_ATTGT["time"]))
    np.testing.assert_allclose(gt["att"], R_ATTGT["att"], atol=R_TOL)
    np.testing.assert_allclose(gt["se"], R_ATTGT["se"], rtol=SE_RTOL)
    # "P-value for pre-test of parallel trends assumption: 0.16812" [R-attgt] (deterministic:
    # Wald test with the analytic covariance; R rounds to 5 decimals).
    assert cs_uncond.pretest["p_value"] == pytest.approx(0.16812, abs=5e-6)
    assert cs_uncond.pretest["df"] == 5
    assert gt["post"].tolist() == [True] * 4 + [False, False, True, True] + [False] * 3 + [True]


def test_aggregations_match_r_did(cs_uncond):
    simple = cs_uncond.aggregate("simple")
    # [R-aggte] Overall ATT: -0.04 (printed "-0.04" after rounding to 4 decimals), s.e. 0.0119
    assert simple.overall_att == pytest.approx(-0.0400, abs=R_TOL)
    assert simple.overall_se == pytest.approx(0.0119, rel=SE_RTOL)
    group = cs_uncond.aggregate("group")
    # [R-aggte] group: overall -0.031 (s.e. 0.0126); 2004 -0.0797, 2006 -0.0229, 2007 -0.0261
    assert group.overall_att == pytest.approx(-0.0310, abs=R_TOL)
    assert group.overall_se == pytest.approx(0.0126, rel=SE_RTOL)
    np.testing.assert_allclose(group.table["att"], [-0.0797, -0.0229, -0.0261], atol=R_TOL)
    np.testing.assert_allclose(group.table["se"], [0.0300, 0.0163, 0.0167], rtol=SE_RTOL)
    dyn = cs_uncond.aggregate("dynamic")
    # [R-aggte] dynamic: overall -0.0772 (s.e. 0.0208); e = -3..3
    assert dyn.overall_att == pytest.approx(-0.0772, abs=R_TOL)
    assert dyn.overall_se == pytest.approx(0.0208, rel=SE_RTOL)
    assert dyn.table.index.tolist() == [-3, -2, -1, 0, 1, 2, 3]
    np.testing.assert_allclose(
        dyn.table["att"], [0.0305, -0.0006, -0.0245, -0.0199, -0.0510, -0.1373, -0.1008], atol=R_TOL
    )
    np.testing.assert_allclose(
        dyn.table["se"], [0.0154, 0.0129, 0.0145, 0.0119, 0.0160, 0.0393, 0.0356], rtol=SE_RTOL
    )
    cal = cs_uncond.aggregate("calendar")
    # [R-aggte] calendar: overall -0.0417 (s.e. 0.0175); 2004..2007
    assert cal.overall_att == pytest.approx(-0.0417, abs=R_TOL)
    assert cal.overall_se == pytest.approx(0.0175, rel=SE_RTOL)
    np.testing.assert_allclose(cal.table["att"], [-0.0105, -0.0704, -0.0488, -0.0371], atol=R_TOL)
    np.testing.assert_allclose(cal.table["se"], [0.0242, 0.0319, 0.0206, 0.0133], rtol=SE_RTOL)
    # Uniform bands are wider than pointwise intervals (sup-t critical value > z).
    assert dyn.crit_value > 1.96 and cal.crit_value > 1.96
    assert cs_uncond.aggregate("event").overall_att == dyn.overall_att


def test_balanced_event_study_matches_r_did(cs_uncond):
    bal = cs_uncond.aggregate("dynamic", balance_e=1)
    # [R-basics] aggte(mw.attgt, type = "dynamic", balance_e = 1): overall -0.0288 (0.0135);
    # e = -2..1: 0.0065, -0.0028, -0.0066, -0.0510
    assert bal.overall_att == pytest.approx(-0.0288, abs=R_TOL)
    assert bal.overall_se == pytest.approx(0.0135, rel=SE_RTOL)
    assert bal.table.index.tolist() == [-2, -1, 0, 1]
    np.testing.assert_allclose(bal.table["att"], [0.0065, -0.0028, -0.0066, -0.0510], atol=R_TOL)
    window = cs_uncond.aggregate("dynamic", min_e=0, max_e=2)
    assert window.table.index.tolist() == [0, 1, 2]


def test_covariates_dr_matches_r_did(mpdta):
    res = did.callaway_santanna(
        mpdta,
        unit="countyreal",
        time="year",
        outcome="lemp",
        first_treated="first.treat",
        covariates=["lpop"],
        n_boot=0,
    )
    np.testing.assert_allclose(res.att_gt["att"], R_ATTGT_LPOP, atol=R_TOL)
    assert res.pretest["p_value"] == pytest.approx(0.23267, abs=5e-6)  # [R-attgt]
    nyt = did.callaway_santanna(
        mpdta,
        unit="countyreal",
        time="year",
        outcome="lemp",
        first_treated="first.treat",
        covariates=["lpop"],
        n_boot=0,
        control_group="notyettreated",
    )
    np.testing.assert_allclose(nyt.att_gt["att"], R_ATTGT_LPOP_NYT, atol=R_TOL)
    assert nyt.pretest["p_value"] == pytest.approx(0.23326, abs=5e-6)  # [R-attgt]
    # Without bootstrap the reported errors are the analytic ones.
    np.testing.assert_array_equal(res.att_gt["se"], res.att_gt["se_analytic"])


def _csdid(mpdta, xformla, control, method, base="varying"):
    from csdid.att_gt import ATTgt

    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("ignore")
        out = ATTgt(
            yname="lemp",
            gname="first.treat",
            idname="countyreal",
            tname="year",
            xformla=xformla,
            data=mpdta.copy(),
            control_group=control,
        )
        return out.fit(est_method=method, base_period=base, bstrap=False)


@pytest.mark.parametrize("method", ["dr", "reg", "ipw"])
@pytest.mark.parametrize("control", ["nevertreated", "notyettreated"])
def test_att_gt_matches_csdid(mpdta, method, control):
    # csdid (pip, the Python port of R did) with analytic standard errors: same estimator,
    # so agreement to rounding error (1e-9).
    for xformla, cov in (("lemp~1", None), ("lemp~lpop", ["lpop"])):
        ref = _csdid(mpdta, xformla, control, method).results
        ours = did.callaway_santanna(
            mpdta,
            unit="countyreal",
            time="year",
            outcome="lemp",
            first_treated="first.treat",
            covariates=cov,
            method=method,
            control_group=control,
            n_boot=0,
        ).att_gt
        np.testing.assert_allclose(ours["att"], ref["att"], atol=1e-9)
        np.testing.assert_allclose(ours["se_analytic"], ref["se"], rtol=1e-8)


def test_universal_base_period_matches_csdid(mpdta):
    ref = _csdid(mpdta, "lemp~1", "nevertreated", "dr", base="universal").results
    ours = did.callaway_santanna(
        mpdta,
        unit="countyreal",
        time="year",
        outcome="lemp",
        first_treated="first.treat",
        base_period="universal",
        n_boot=0,
    ).att_gt
    np.testing.assert_allclose(ours["att"], ref["att"], atol=1e-9)
    # the reference cells (t = g - 1) are 0 with no standard error
    ref_rows = ours["time"] == ours["group"] - 1
    assert (ours.loc[ref_rows, "att"] == 0).all() and ours.loc[ref_rows, "se"].isna().all()
    np.testing.assert_allclose(ours["se_analytic"].fillna(0), np.nan_to_num(ref["se"]), rtol=1e-8)
    # post-treatment cells do not depend on the base-period choice
    varying = did.callaway_santanna(
        mpdta, unit="countyreal", time="year", outcome="lemp", first_treated="first.treat", n_boot=0
    ).att_gt
    post_u = ours[ours["post"]].reset_index(drop=True)
    post_v = varying[varying["post"]].reset_index(drop=True)
    np.testing.assert_allclose(post_u["att"], post_v["att"], atol=1e-12)


@pytest.mark.parametrize("base", ["varying", "universal"])
@pytest.mark.parametrize("control", ["nevertreated", "notyettreated"])
def test_anticipation_matches_csdid(mpdta, base, control):
    # One period of anticipation with covariate lpop: csdid (analytic s.e.) as reference.
    from csdid.att_gt import ATTgt

    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("ignore")
        ref = (
            ATTgt(
                yname="lemp",
                gname="first.treat",
                idname="countyreal",
                tname="year",
                xformla="lemp~lpop",
                data=mpdta.copy(),
                control_group=control,
                anticipation=1,
            )
            .fit(est_method="dr", base_period=base, bstrap=False)
            .results
        )
    # The 2004 cohort anticipates in 2003, the first period: dropped with a warning, as in R.
    with pytest.warns(innozone.InnozoneWarning, match=r"20 units .* 2003 \(counting 1 period"):
        ours = did.callaway_santanna(
            mpdta,
            unit="countyreal",
            time="year",
            outcome="lemp",
            first_treated="first.treat",
            covariates=["lpop"],
            control_group=control,
            base_period=base,
            anticipation=1,
            n_boot=0,
        ).att_gt
    assert len(ours) == len(ref["att"])
    np.testing.assert_allclose(ours["att"], ref["att"], atol=1e-9)
    np.testing.assert_allclose(
        ours["se_analytic"].fillna(0), np.nan_to_num(np.asarray(ref["se"], float)), rtol=1e-8
    )


def test_without_never_treated_units_matches_csdid(mpdta):
    # Only eventually treated counties: R did (and csdid) drop the periods from the last
    # cohort's start on and use that cohort only as a not-yet-treated comparison group.
    df = mpdta[mpdta["first.treat"] > 0]
    ref = _csdid(df, "lemp~1", "notyettreated", "dr").results
    res = did.callaway_santanna(
        df,
        unit="countyreal",
        time="year",
        outcome="lemp",
        first_treated="first.treat",
        control_group="not_yet_treated",
        n_boot=0,
    )
    assert res.att_gt["time"].max() == 2006 and set(res.att_gt["group"]) == {2004, 2006}
    np.testing.assert_allclose(res.att_gt["att"], ref["att"], atol=1e-9)
    np.testing.assert_allclose(res.att_gt["se_analytic"], ref["se"], rtol=1e-8)
    assert any("no never-treated units" in n for n in res.notes)
    with pytest.raises(innozone.InvalidInputError, match="no never-treated units"):
        did.callaway_santanna(
            df,
            unit="countyreal",
            time="year",
            outcome="lemp",
            first_treated="first.treat",
            n_boot=0,
        )


def test_aggregations_match_csdid_analytic(mpdta):
    from csdid.att_gt import ATTgt  # noqa: F401  (imported by _csdid too)

    fit = _csdid(mpdta, "lemp~lpop", "nevertreated", "dr")
    ours = did.callaway_santanna(
        mpdta,
        unit="countyreal",
        time="year",
        outcome="lemp",
        first_treated="first.treat",
        covariates=["lpop"],
        n_boot=0,
    )
    for typ in ("simple", "group", "dynamic", "calendar"):
        with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
            warnings.simplefilter("ignore")
            fit.aggte(typec=typ, bstrap=False, cband=False)
        ref = fit.atte
        agg = ours.aggregate(typ)
        assert agg.overall_att == pytest.approx(float(ref["overall_att"]), abs=1e-9), typ
        assert agg.overall_se_analytic == pytest.approx(float(ref["overall_se"]), rel=1e-7), typ
        if typ != "simple":
            np.testing.assert_allclose(
                agg.table["att"], np.asarray(ref["att_egt"], float), atol=1e-9
            )
            np.testing.assert_allclose(
                agg.table["se_analytic"], np.asarray(ref["se_egt"], float), rtol=1e-7
            )


@pytest.mark.parametrize("method", ["dr", "reg", "ipw"])
def test_sampling_weights_match_csdid(mpdta, method):
    # Sampling weights (R did's weightsname; csdid's weights_name), here a smooth function of
    # county population; reference: csdid with analytic standard errors.
    from csdid.att_gt import ATTgt

    df = mpdta.assign(w=np.exp(mpdta["lpop"] / 3.0))
    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("ignore")
        fit = ATTgt(
            yname="lemp",
            gname="first.treat",
            idname="countyreal",
            tname="year",
            xformla="lemp~lpop",
            data=df.copy(),
            weights_name="w",
        ).fit(est_method=method, bstrap=False)
        fit.aggte(typec="dynamic", bstrap=False, cband=False)
    ours = did.callaway_santanna(
        df,
        unit="countyreal",
        time="year",
        outcome="lemp",
        first_treated="first.treat",
        covariates=["lpop"],
        weights="w",
        method=method,
        n_boot=0,
    )
    np.testing.assert_allclose(ours.att_gt["att"], fit.results["att"], atol=1e-9)
    np.testing.assert_allclose(ours.att_gt["se_analytic"], fit.results["se"], rtol=1e-8)
    dyn = ours.aggregate("dynamic")
    np.testing.assert_allclose(dyn.table["att"], np.asarray(fit.atte["att_egt"], float), atol=1e-9)
    assert dyn.overall_att == pytest.approx(float(np.ravel(fit.atte["overall_att"])[0]), abs=1e-9)
    assert dyn.overall_se_analytic == pytest.approx(
        float(np.ravel(fit.atte["overall_se"])[0]), rel=1e-7
    )
    # Equal weights are no weights.
    same = did.callaway_santanna(
        df.assign(w=2.5),
        unit="countyreal",
        time="year",
        outcome="lemp",
        first_treated="first.treat",
        covariates=["lpop"],
        weights="w",
        method=method,
        n_boot=0,
    )
    plain = did.callaway_santanna(
        df,
        unit="countyreal",
        time="year",
        outcome="lemp",
        first_treated="first.treat",
        covariates=["lpop"],
        method=method,
        n_boot=0,
    )
    np.testing.assert_allclose(same.att_gt["att"], plain.att_gt["att"], atol=1e-12)
    with pytest.raises(innozone.InvalidInputError, match="weights='w': weights must be finite"):
        did.callaway_santanna(
            df.assign(w=-1.0),
            unit="countyreal",
            time="year",
            outcome="lemp",
            first_treated="first.treat",
            weights="w",
        )


def test_dr_improved_close_to_dr_and_exact_without_covariates(mpdta):
    kw = {
        "unit": "countyreal",
        "time": "year",
        "outcome": "lemp",
        "first_treated": "first.treat",
        "n_boot": 0,
    }
    imp = did.callaway_santanna(mpdta, covariates=["lpop"], method="dr_improved", **kw)
    dr = did.callaway_santanna(mpdta, covariates=["lpop"], method="dr", **kw)
    # Both are consistent for the same ATT(g,t); with one covariate they differ little
    # (largest gap well under the 0.015-0.04 standard errors).
    assert np.max(np.abs(imp.att_gt["att"] - dr.att_gt["att"])) < 0.01
    plain = did.callaway_santanna(mpdta, method="dr_improved", **kw)
    np.testing.assert_allclose(plain.att_gt["att"], R_ATTGT["att"], atol=R_TOL)


def test_bootstrap_seed_threads_and_weights(mpdta):
    kw = {
        "unit": "countyreal",
        "time": "year",
        "outcome": "lemp",
        "first_treated": "first.treat",
        "n_boot": 299,
    }
    a = did.callaway_santanna(mpdta, seed=5, n_threads=1, **kw)
    b = did.callaway_santanna(mpdta, seed=5, n_threads=2, **kw)
    pd.testing.assert_frame_equal(a.att_gt, b.att_gt)
    c = did.callaway_santanna(mpdta, seed=6, **kw)
    assert not np.allclose(a.att_gt["se"], c.att_gt["se"])
    r = did.callaway_santanna(mpdta, seed=5, boot_weights="rademacher", **kw)
    # Rademacher and Mammen give the same standard errors up to Monte Carlo error
    # (299 draws: about 8% each; 35% > 3 s.d. of the difference).
    np.testing.assert_allclose(r.att_gt["se"], a.att_gt["se"], rtol=0.35)
    calls = []
    did.callaway_santanna(mpdta, seed=5, progress=lambda d, t: calls.append((d, t)), **kw)
    assert calls and calls[-1][0] == calls[-1][1]


def test_clustered_bootstrap_uses_clusters(mpdta):
    df = mpdta.copy()
    df["state"] = df["countyreal"] // 1000  # FIPS state of each county
    res = did.callaway_santanna(
        df,
        unit="countyreal",
        time="year",
        outcome="lemp",
        first_treated="first.treat",
        cluster="state",
        n_boot=0,
    )
    assert res.n_clusters == df["state"].nunique()
    base = did.callaway_santanna(
        df, unit="countyreal", time="year", outcome="lemp", first_treated="first.treat", n_boot=0
    )
    np.testing.assert_allclose(res.att_gt["att"], base.att_gt["att"])
    assert not np.allclose(res.att_gt["se_analytic"], base.att_gt["se_analytic"])


def test_treatment_indicator_equals_group_column(mpdta):
    df = mpdta.copy()
    df["D"] = ((df["first.treat"] > 0) & (df["year"] >= df["first.treat"])).astype(int)
    by_d = did.callaway_santanna(
        df, unit="countyreal", time="year", outcome="lemp", treatment="D", n_boot=0
    )
    by_g = did.callaway_santanna(
        df, unit="countyreal", time="year", outcome="lemp", first_treated="first.treat", n_boot=0
    )
    pd.testing.assert_frame_equal(by_d.att_gt, by_g.att_gt)


def test_unbalanced_panel_is_reported_not_crashed(mpdta):
    df = mpdta[~((mpdta["countyreal"] == 8001) & (mpdta["year"] == 2005))].copy()
    df.loc[(df["countyreal"] == 8019) & (df["year"] == 2006), "lemp"] = np.nan
    with pytest.warns(
        UnbalancedPanelWarning, match=r"8001 \(missing 2005\).*8019 \(missing 2006\)"
    ):
        res = did.callaway_santanna(
            df,
            unit="countyreal",
            time="year",
            outcome="lemp",
            first_treated="first.treat",
            n_boot=0,
        )
    assert res.n_units == 498
    with pytest.raises(innozone.InvalidInputError, match="8001"):
        did.callaway_santanna(
            df,
            unit="countyreal",
            time="year",
            outcome="lemp",
            first_treated="first.treat",
            unbalanced="error",
        )


def test_bad_arguments_are_named(mpdta):
    kw = {"unit": "countyreal", "time": "year", "outcome": "lemp"}
    with pytest.raises(
        innozone.InvalidInputError, match=r"first_treated column 'first_treat' is not in the data"
    ):
        did.callaway_santanna(mpdta, first_treated="first_treat", **kw)
    with pytest.raises(innozone.InvalidInputError, match="covariates='lpopp'"):
        did.callaway_santanna(mpdta, first_treated="first.treat", covariates=["lpopp"], **kw)
    with pytest.raises(innozone.InvalidInputError, match="method='xx'"):
        did.callaway_santanna(mpdta, first_treated="first.treat", method="xx", **kw)
    with pytest.raises(innozone.InvalidInputError, match="exactly one"):
        did.callaway_santanna(mpdta, **kw)
    with pytest.raises(innozone.InvalidInputError, match="type='weekly'"):
        did.callaway_santanna(mpdta, first_treated="first.treat", n_boot=0, **kw).aggregate(
            "weekly"
        )
    df = mpdta.copy()
    df["lemp"] = df["lemp"].astype(object)
    df.loc[df.index[0], "lemp"] = "n/a"
    with pytest.raises(innozone.InvalidInputError, match="outcome column 'lemp' must be numeric"):
        did.callaway_santanna(df, first_treated="first.treat", **kw)
    early = mpdta.copy()
    early.loc[early["countyreal"] == 8001, "first.treat"] = 2003  # treated in the first period
    with pytest.warns(innozone.InnozoneWarning, match="already treated in the first period"):
        res = did.callaway_santanna(early, first_treated="first.treat", n_boot=0, **kw)
    assert res.n_units == 499


def test_result_objects_display_and_plot(cs_uncond):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    summary = cs_uncond.summary()
    assert summary.index.tolist() == ["simple", "group", "dynamic", "calendar"]
    assert cs_uncond.to_frame().shape == (12, 11)
    html_text = cs_uncond._repr_html_()
    assert "ATT(g,t)" in html_text and "0.16812" in html_text
    ax = cs_uncond.plot()  # event study with uniform bands
    assert len(ax.collections) >= 2 and ax.get_xlabel().startswith("Event time")
    shaded = [p for p in ax.patches if p.get_x() < -0.5]
    assert shaded, "pre-treatment periods are shaded"
    assert any("p = 0.168" in t.get_text() for t in ax.texts)  # the joint pre-test
    ax2 = cs_uncond.plot(kind="att_gt", lang="ko")
    assert ax2.get_xlabel() == "기간"
    for typ in ("simple", "group", "calendar"):
        agg = cs_uncond.aggregate(typ)
        assert _title(agg.plot()).startswith(typ)
        assert "aggregation" in agg._repr_html_()
        assert agg.summary().loc[typ, "att"] == agg.overall_att
    plt.close("all")


# ------------------------------------------------------------------ TWFE and event study
@pytest.fixture(scope="module")
def mpdta_small(mpdta) -> pd.DataFrame:
    """The first 100 counties of mpdta (statsmodels with 100 unit dummies stays fast)."""
    keep = np.sort(mpdta["countyreal"].unique())[:100]
    return mpdta[mpdta["countyreal"].isin(keep)].reset_index(drop=True)


def test_twfe_matches_statsmodels_dummy_ols(mpdta_small):
    import statsmodels.formula.api as smf

    df = mpdta_small.copy()
    df["D"] = ((df["first.treat"] > 0) & (df["year"] >= df["first.treat"])).astype(float)
    full = did.twfe(
        df, unit="countyreal", time="year", outcome="lemp", treatment="D", small_sample="full"
    )
    ols = smf.ols("lemp ~ D + C(countyreal) + C(year)", data=df).fit(
        cov_type="cluster", cov_kwds={"groups": df["countyreal"]}
    )
    # Same OLS; statsmodels' cluster covariance uses G/(G-1)(N-1)/(N-K) with every dummy in K.
    assert full.coefficients.loc["D", "coef"] == pytest.approx(ols.params["D"], abs=1e-10)
    assert full.coefficients.loc["D", "se"] == pytest.approx(ols.bse["D"], rel=1e-8)
    nested = did.twfe(df, unit="countyreal", time="year", outcome="lemp", treatment="D")
    # nested (fixest): the slope, 4 year effects and 1 for the nested county effects
    n, k_full, k_nested = len(df), 1 + 100 + 4, 1 + 4 + 1
    ratio = math.sqrt((n - k_full) / (n - k_nested))
    assert nested.coefficients.loc["D", "se"] == pytest.approx(ols.bse["D"] * ratio, rel=1e-8)
    assert nested.small_sample_factor == pytest.approx(100 / 99 * (n - 1) / (n - k_nested))
    assert "TWFE" in nested._repr_html_()
    assert nested.plot().get_yticklabels()[0].get_text() == "D"


def test_event_study_with_reference_and_pretrend(mpdta_small):
    import statsmodels.formula.api as smf

    mpdta = mpdta_small
    es = did.event_study(
        mpdta,
        unit="countyreal",
        time="year",
        outcome="lemp",
        first_treated="first.treat",
        small_sample="full",
    )
    table = es.to_frame()
    assert table.loc[-1, "coef"] == 0.0 and table.loc[-1, "se"] == 0.0
    assert table.index.tolist() == [-4, -3, -2, -1, 0, 1, 2, 3]
    # Independent check: dummies in statsmodels.
    df = mpdta.copy()
    rel = np.where(df["first.treat"] > 0, df["year"] - df["first.treat"], np.nan)
    names = []
    for e in table.index:
        if e == -1:
            continue
        name = f"e{'m' if e < 0 else 'p'}{abs(e)}"
        df[name] = (rel == e).astype(float)
        names.append((e, name))
    ols = smf.ols(
        "lemp ~ " + " + ".join(n for _, n in names) + " + C(countyreal) + C(year)", data=df
    ).fit(cov_type="cluster", cov_kwds={"groups": df["countyreal"]})
    for e, name in names:
        assert table.loc[e, "coef"] == pytest.approx(ols.params[name], abs=1e-9)
        assert table.loc[e, "se"] == pytest.approx(ols.bse[name], rel=1e-7)
    pre = [n for e, n in names if e < -1]
    wald = ols.wald_test(", ".join(f"{n} = 0" for n in pre), use_f=False, scalar=True)
    assert es.pretest["df"] == 3
    assert es.pretest["statistic"] == pytest.approx(float(wald.statistic), rel=1e-7)
    assert es.pretest["p_value"] == pytest.approx(float(wald.pvalue), rel=1e-6)
    ax = es.plot()
    assert "pre-trend" in _title(ax)
    assert "pre-trend test" in es._repr_html_()
    binned = did.event_study(
        mpdta,
        unit="countyreal",
        time="year",
        outcome="lemp",
        first_treated="first.treat",
        window=(-2, 2),
    )
    assert binned.to_frame().index.tolist() == [-2, -1, 0, 1, 2]
    with pytest.raises(innozone.InvalidInputError, match="reference period 5"):
        did.event_study(
            mpdta,
            unit="countyreal",
            time="year",
            outcome="lemp",
            first_treated="first.treat",
            reference=5,
            window=(-2, 2),
        )


# ------------------------------------------------------------------ Card & Krueger (1994)
# Card, D. and Krueger, A. B. (1994), "Minimum Wages and Employment: A Case Study of the
# Fast-Food Industry in New Jersey and Pennsylvania", AER 84(4), Table 3 row 1: mean FTE
# employment per store, PA 23.33 before -> 21.17 after, NJ 20.44 -> 21.03; the DiD
# ("change in mean FTE employment", NJ - PA) is 2.76. The store-level data are not shipped,
# so the test builds stores whose cell means are exactly the published ones and checks that
# the 2x2 table, the regression and TWFE give the published DiD up to the rounding of the
# published means (2.75 from the rounded means vs 2.76 from the raw data).
CK_MEANS = {("PA", 0): 23.33, ("PA", 1): 21.17, ("NJ", 0): 20.44, ("NJ", 1): 21.03}


def _card_krueger_stores() -> pd.DataFrame:
    rng = np.random.default_rng(1994)
    rows = []
    for state, n_stores in (("NJ", 331), ("PA", 79)):  # stores per state in Table 3 (wave 1)
        noise = rng.normal(0.0, 8.0, size=(n_stores, 2))
        noise -= noise.mean(axis=0)  # make the cell means exact
        for i in range(n_stores):
            for post in (0, 1):
                rows.append(
                    {
                        "store": f"{state}{i}",
                        "nj": int(state == "NJ"),
                        "post": post,
                        "fte": CK_MEANS[(state, post)] + noise[i, post],
                    }
                )
    return pd.DataFrame(rows)


def test_card_krueger_cell_means_and_did():
    stores = _card_krueger_stores()
    res = did.two_by_two(stores, outcome="fte", treated="nj", post="post", cluster="store")
    means = res.to_frame()
    assert means.loc["comparison", "before"] == pytest.approx(23.33, abs=1e-9)
    assert means.loc["comparison", "after"] == pytest.approx(21.17, abs=1e-9)
    assert means.loc["treated", "before"] == pytest.approx(20.44, abs=1e-9)
    assert means.loc["treated", "after"] == pytest.approx(21.03, abs=1e-9)
    assert means.loc["treated", "change"] == pytest.approx(0.59, abs=1e-9)
    assert means.loc["comparison", "change"] == pytest.approx(-2.16, abs=1e-9)
    assert res.did == pytest.approx(2.76, abs=0.015)  # published 2.76, within rounding
    tw = did.twfe(
        stores.assign(d=stores["nj"] * stores["post"]),
        unit="store",
        time="post",
        outcome="fte",
        treatment="d",
    )
    assert tw.coefficients.loc["d", "coef"] == pytest.approx(res.did, abs=1e-9)
    # On a two-period panel clustered by store, TWFE (nested CR1, fixest's count: the
    # slope, one period effect and one parameter for the nested store effects, K = 3) and
    # the interaction regression (K = 4 parameters, stores not absorbed) give the same
    # standard error up to their small-sample factors.
    n = len(stores)
    assert tw.n_params == 3
    assert tw.coefficients.loc["d", "se"] == pytest.approx(
        res.se * math.sqrt((n - 4) / (n - 3)), rel=1e-8
    )
    assert res.summary().loc["fte", "did"] == res.did
    assert _title(res.plot()).startswith("DiD = 2.75")
    assert "2x2" in res._repr_html_()
    with pytest.raises(innozone.InvalidInputError, match="post='fte'"):
        did.two_by_two(stores, outcome="fte", treated="nj", post="fte")
    holes = stores.assign(store=stores["store"].where(stores.index % 50 != 0))
    with pytest.raises(
        innozone.InvalidInputError, match="cluster='store': missing cluster identifier"
    ):
        did.two_by_two(holes, outcome="fte", treated="nj", post="post", cluster="store")
