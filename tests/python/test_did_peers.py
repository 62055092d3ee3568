"""innozone.did against peer implementations and stored R values (issue 14).

References
[castle]   Cheng & Hoekstra (2013), castle-doctrine state panel (50 states x 2000-2010), as
           shipped by the PyPI package `causaldata` (``causaldata.castle``).
[pyfixest] pyfixest (PyPI), ``feols(..., vcov={"CRV1": ...})`` with its default small-sample
           correction ``ssc(k_fixef="nonnested")`` = R fixest ``fixef.K = "nested"``.
[R-rc]     R `did` values stored in csdid's test suite (d2cml-ai/csdid,
           csdid/test_csdid/r_ref/sim/ref_gaps.csv, scenario "rc": att_gt(yname = "lemp",
           tname = "year", idname = "countyreal", gname = "first.treat", data = mpdta,
           panel = FALSE, control_group = "nevertreated", est_method = "reg", bstrap = FALSE)).
[csdid]    csdid (PyPI, the Python port of R `did`, checked by its authors against R):
           ``panel=False`` and ``allow_unbalanced_panel=True`` with analytic standard errors.
"""

from __future__ import annotations

import contextlib
import io
import warnings

import numpy as np
import pandas as pd
import pytest

from innozone import did

pf = pytest.importorskip("pyfixest")


@pytest.fixture(scope="module")
def castle() -> pd.DataFrame:
    from causaldata import castle as source

    df = source.load_pandas().data.copy()
    # First year with the law in force (post > 0; post is the share of the year).
    first = df[df["post"] > 0].groupby("sid")["year"].min()
    df["first_year"] = df["sid"].map(first).fillna(0).astype(int)
    return df


@pytest.fixture(scope="module")
def mpdta(test_data) -> pd.DataFrame:
    return pd.read_csv(test_data / "mpdta.csv", comment="#")


def _feols(formula: str, data: pd.DataFrame, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return pf.feols(formula, data=data, vcov={"CRV1": "sid"}, **kw)


# ------------------------------------------------------------------ issue 14 item 1
@pytest.mark.parametrize(
    ("ours", "theirs"), [("nested", "nonnested"), ("full", "full"), ("none", "none")]
)
def test_twfe_cluster_se_equals_pyfixest(castle, ours, theirs):
    fit = _feols("l_homicide ~ post | sid + year", castle, ssc=pf.ssc(k_fixef=theirs))
    res = did.twfe(
        castle, unit="sid", time="year", outcome="l_homicide", treatment="post", small_sample=ours
    )
    assert res.coefficients.loc["post", "coef"] == pytest.approx(fit.coef()["post"], abs=1e-12)
    # SEs to 1e-8 (relative); the figure: pyfixest 0.0558596 (default, nested)
    assert res.coefficients.loc["post", "se"] == pytest.approx(fit.se()["post"], rel=1e-8)
    if ours == "nested":
        assert res.coefficients.loc["post", "se"] == pytest.approx(0.0558596, abs=5e-8)


def _rel_dummies(
    df: pd.DataFrame, reference: int = -1
) -> tuple[pd.DataFrame, list[tuple[int, str]]]:
    out = df.copy()
    rel = np.where(out["first_year"] > 0, out["year"] - out["first_year"], np.nan)
    names = []
    for e in sorted({int(v) for v in rel[~np.isnan(rel)]}):
        if e == reference:
            continue
        name = f"e{'m' if e < 0 else 'p'}{abs(e)}"
        out[name] = (rel == e).astype(float)
        names.append((e, name))
    return out, names


def test_event_study_se_and_pretrend_equal_pyfixest(castle):
    df, names = _rel_dummies(castle)
    fit = _feols("l_homicide ~ " + " + ".join(n for _, n in names) + " | sid + year", df)
    es = did.event_study(
        castle, unit="sid", time="year", outcome="l_homicide", first_treated="first_year"
    )
    table = es.to_frame()
    for e, name in names:
        assert table.loc[e, "coef"] == pytest.approx(fit.coef()[name], abs=1e-10)
        assert table.loc[e, "se"] == pytest.approx(fit.se()[name], rel=1e-8)
    # Joint pre-trend test: chi2 = b' V^-1 b over the pre-period coefficients, with
    # pyfixest's covariance (same small-sample factor).
    pre = [n for e, n in names if e < -1]
    coef = fit.coef()
    vcov = pd.DataFrame(fit._vcov, index=coef.index, columns=coef.index)
    b = coef[pre].to_numpy()
    chi2 = float(b @ np.linalg.solve(vcov.loc[pre, pre].to_numpy(), b))
    assert es.pretest["df"] == len(pre)
    assert es.pretest["statistic"] == pytest.approx(chi2, rel=1e-8)


# ------------------------------------------------------------------ regression weights
def _wls_dummies(df: pd.DataFrame, regressors: list[str], weights: str) -> np.ndarray:
    u = pd.get_dummies(df["sid"]).to_numpy(float)
    t = pd.get_dummies(df["year"], drop_first=True).to_numpy(float)
    x = np.column_stack([df[regressors].to_numpy(float), u, t])
    sw = np.sqrt(df[weights].to_numpy(float))
    return np.linalg.lstsq(x * sw[:, None], df["l_homicide"].to_numpy(float) * sw, rcond=None)[0]


def test_twfe_and_event_study_weights_match_pyfixest(castle):
    fit = _feols("l_homicide ~ post | sid + year", castle, weights="popwt")
    res = did.twfe(
        castle, unit="sid", time="year", outcome="l_homicide", treatment="post", weights="popwt"
    )
    # Exact reference: weighted least squares with dummy columns (1e-10).
    exact = _wls_dummies(castle, ["post"], "popwt")
    assert res.coefficients.loc["post", "coef"] == pytest.approx(exact[0], abs=1e-10)
    # pyfixest stops its weighted demeaning at its default tolerance: its coefficient is
    # 2.5e-9 from the exact one on this panel, so SEs agree to 1e-7 (relative), not 1e-8.
    assert res.coefficients.loc["post", "coef"] == pytest.approx(fit.coef()["post"], abs=1e-8)
    assert res.coefficients.loc["post", "se"] == pytest.approx(fit.se()["post"], rel=1e-7)
    df, names = _rel_dummies(castle)
    fit_es = _feols(
        "l_homicide ~ " + " + ".join(n for _, n in names) + " | sid + year", df, weights="popwt"
    )
    es = did.event_study(
        castle,
        unit="sid",
        time="year",
        outcome="l_homicide",
        first_treated="first_year",
        weights="popwt",
    )
    exact_es = _wls_dummies(df, [n for _, n in names], "popwt")
    for k, (e, name) in enumerate(names):
        assert es.to_frame().loc[e, "coef"] == pytest.approx(exact_es[k], abs=1e-9)
        assert es.to_frame().loc[e, "coef"] == pytest.approx(fit_es.coef()[name], abs=1e-7)
        assert es.to_frame().loc[e, "se"] == pytest.approx(fit_es.se()[name], rel=1e-6)
    bad = castle.assign(popwt=castle["popwt"].where(castle.index != 7, -1.0))
    with pytest.raises(Exception, match="weights='popwt'.*positive"):
        did.twfe(
            bad, unit="sid", time="year", outcome="l_homicide", treatment="post", weights="popwt"
        )


# ------------------------------------------------------------------ repeated cross-sections
# [R-rc]: ATT(g,t) and analytic standard errors (R prints them to 15 digits in the csv).
R_RC = pd.DataFrame(
    [
        (2004, 2004, -0.01050324622096, 0.47582945030214),
        (2004, 2005, -0.0704231581031465, 0.482269906979339),
        (2004, 2006, -0.137258738889401, 0.485621314713214),
        (2004, 2007, -0.100811363085402, 0.478954513830165),
        (2006, 2004, 0.00652011242423534, 0.304105163449574),
        (2006, 2005, -0.00275081875052052, 0.306865431333563),
        (2006, 2006, -0.00459460695286218, 0.311269143691874),
        (2006, 2007, -0.041224471546216, 0.312469760364997),
        (2007, 2004, 0.0305066555832951, 0.221894496894749),
        (2007, 2005, -0.0027258928861178, 0.223304583334933),
        (2007, 2006, -0.0310871193896878, 0.223643361692188),
        (2007, 2007, -0.0260544107191967, 0.223221502794244),
    ],
    columns=["group", "time", "att", "se"],
)


def test_repeated_cross_sections_match_stored_r_values(mpdta):
    res = did.callaway_santanna(
        mpdta,
        unit=None,
        time="year",
        outcome="lemp",
        first_treated="first.treat",
        method="reg",
        n_boot=0,
        repeated_cross_sections=True,
    )
    gt = res.att_gt
    assert list(zip(gt["group"], gt["time"])) == list(zip(R_RC["group"], R_RC["time"]))
    np.testing.assert_allclose(gt["att"], R_RC["att"], atol=1e-12)
    np.testing.assert_allclose(gt["se_analytic"], R_RC["se"], rtol=1e-10)
    assert res.n_units == len(mpdta)  # every row its own observation
    assert res.settings["data_kind"] == "repeated cross-sections"
    with pytest.raises(Exception, match="appears in more than one row"):
        did.callaway_santanna(
            mpdta,
            unit="countyreal",
            time="year",
            outcome="lemp",
            first_treated="first.treat",
            repeated_cross_sections=True,
        )
    with pytest.raises(Exception, match="balanced panels only"):
        did.callaway_santanna(
            mpdta,
            unit=None,
            time="year",
            outcome="lemp",
            first_treated="first.treat",
            method="dr_improved",
            repeated_cross_sections=True,
            n_boot=0,
        )


def _csdid(df: pd.DataFrame, xformla: str, method: str, *, panel: bool, unbalanced: bool):
    from csdid.att_gt import ATTgt

    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("ignore")
        fit = ATTgt(
            yname="lemp",
            gname="first.treat",
            idname="countyreal" if panel else None,
            tname="year",
            xformla=xformla,
            data=df.copy(),
            panel=panel,
            allow_unbalanced_panel=unbalanced,
        ).fit(est_method=method, bstrap=False)
        fit.aggte(typec="dynamic", bstrap=False, cband=False)
    return fit


@pytest.mark.parametrize("method", ["reg", "ipw", "dr"])
def test_repeated_cross_sections_and_unbalanced_panels_match_csdid(mpdta, method):
    # Agreement to rounding error (1e-9 for estimates, 1e-8 relative for standard errors)
    # with covariate lpop: the same estimators (DRDID's reg_did_rc, std_ipw_did_rc and the
    # locally efficient drdid_rc) and the same influence-function bookkeeping.
    rng = np.random.default_rng(3)
    unbalanced = mpdta.drop(index=rng.choice(len(mpdta), 150, replace=False))
    for kind, data, panel in (("rc", mpdta, False), ("unbalanced", unbalanced, True)):
        ref = _csdid(data, "lemp~lpop", method, panel=panel, unbalanced=panel)
        kw = {
            "time": "year",
            "outcome": "lemp",
            "first_treated": "first.treat",
            "covariates": ["lpop"],
            "method": method,
            "n_boot": 0,
        }
        if kind == "rc":
            ours = did.callaway_santanna(data, unit=None, repeated_cross_sections=True, **kw)
        else:
            ours = did.callaway_santanna(data, unit="countyreal", unbalanced="keep", **kw)
            assert ours.settings["data_kind"] == "unbalanced panel"
        np.testing.assert_allclose(ours.att_gt["att"], ref.results["att"], atol=1e-9)
        np.testing.assert_allclose(
            ours.att_gt["se_analytic"], np.asarray(ref.results["se"], float), rtol=1e-8
        )
        dyn = ours.aggregate("dynamic")
        np.testing.assert_allclose(
            dyn.table["att"], np.asarray(ref.atte["att_egt"], float), atol=1e-9
        )
        np.testing.assert_allclose(
            dyn.table["se_analytic"], np.asarray(ref.atte["se_egt"], float), rtol=1e-8
        )
        assert dyn.overall_att == pytest.approx(
            float(np.ravel(ref.atte["overall_att"])[0]), abs=1e-9
        )


def test_unbalanced_keep_on_a_balanced_panel_is_the_panel_estimator(mpdta):
    kw = {
        "unit": "countyreal",
        "time": "year",
        "outcome": "lemp",
        "first_treated": "first.treat",
        "covariates": ["lpop"],
        "n_boot": 0,
    }
    keep = did.callaway_santanna(mpdta, unbalanced="keep", **kw)
    plain = did.callaway_santanna(mpdta, **kw)
    assert keep.settings["data_kind"] == "balanced panel"
    pd.testing.assert_frame_equal(keep.att_gt, plain.att_gt)
