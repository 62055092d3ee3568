"""Synthetic control and synthetic DiD against the published results.

References
- Arkhangelsky, Athey, Hirshberg, Imbens & Wager (2021), "Synthetic Difference in
  Differences", AER 111(12), Table 1; the R package synthdid (synth-inference/synthdid @
  70c1ce3e), whose rendered vignettes print the numbers used below:
  articles/synthdid.html ("synthdid: -15.604 ... $estimate [1] -15.60383", unit weights
  Nevada 0.124, New Hampshire 0.105, Connecticut 0.078, ...; time weights 1988 0.427,
  1986 0.366, 1987 0.206; "Diff-in-Diff -27.34911, Synthetic Control -19.61966,
  Synthetic Diff-in-Diff -15.60383"; "95% CI (-32.01, 0.80)" from the placebo se) and
  articles/paper-results.html (Table 1: estimate DID -27.3, SC -19.6, SDID -15.6;
  standard error 17.7, 9.9, 8.4, placebo method, 200 replications, set.seed(12345)).
- Abadie, Diamond & Hainmueller (2010), JASA 105(490), Table 2: synthetic California =
  Colorado 0.164, Connecticut 0.069, Montana 0.199, Nevada 0.234, Utah 0.334; the
  placebo test ranks California first of 39 (p = 1/39).
- Abadie & Gardeazabal (2003), AER 93(1), and the R Synth example for the Basque data:
  Cataluna 0.851, Madrid 0.149.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import optimize as scipy_optimize

import innozone
from innozone import _core

DATA_KW = {"comment": "#"}


@pytest.fixture(scope="module")
def prop99(test_data) -> pd.DataFrame:
    return pd.read_csv(test_data / "california_prop99.csv", sep=";", **DATA_KW)


@pytest.fixture(scope="module")
def smoking(test_data) -> pd.DataFrame:
    df = pd.read_csv(test_data / "prop99_smoking_covariates.csv", **DATA_KW)
    df["year"] = df["year"].astype(int)
    return df


@pytest.fixture(scope="module")
def basque(test_data) -> pd.DataFrame:
    df = pd.read_csv(test_data / "basque.csv", **DATA_KW)
    df["year"] = df["year"].astype(int)
    return df


PROP99 = {"unit": "State", "time": "Year", "outcome": "PacksPerCapita", "treatment": "treated"}


# ------------------------------------------------------------------ synthetic DiD


@pytest.mark.parametrize(
    ("method", "reference"),
    [("sdid", -15.60383), ("sc", -19.61966), ("did", -27.34911)],
)
def test_prop99_point_estimates_match_r_synthdid(prop99, method, reference):
    # R synthdid vignette prints these to 5 decimals; we match to 5e-5 packs per capita.
    res = innozone.synthdid(prop99, **PROP99, method=method, se=None)
    assert res.estimate == pytest.approx(reference, abs=5e-5)
    assert list(res.cohorts.index) == [1989]


def test_prop99_sdid_weights_match_r_synthdid(prop99):
    res = innozone.synthdid(prop99, **PROP99, se=None)
    # R summary(tau.hat): controls and periods printed to 3 decimals -> tolerance 6e-4.
    expected_omega = {
        "Nevada": 0.124,
        "New Hampshire": 0.105,
        "Connecticut": 0.078,
        "Delaware": 0.070,
        "Colorado": 0.058,
        "Illinois": 0.053,
        "Utah": 0.042,
        "Iowa": 0.026,
    }
    omega, lam = res.omega[1989], res.lambda_[1989]
    for state, w in expected_omega.items():
        assert omega[state] == pytest.approx(w, abs=6e-4), state
    expected_lambda = {1988: 0.427, 1986: 0.366, 1987: 0.206}
    for year, w in expected_lambda.items():
        assert lam[year] == pytest.approx(w, abs=6e-4), year
    assert lam.drop(list(expected_lambda)).max() < 1e-3
    # Effective N0 = 16.388 and T0 = 2.783 in the same printout (1 / sum of squared weights).
    s = res.summary()
    assert s["effective_controls"].iloc[0] == pytest.approx(16.388, abs=0.01)
    assert s["effective_pre_periods"].iloc[0] == pytest.approx(2.783, abs=0.01)
    # The estimate is the mean of the effect curve (synthdid_effect_curve).
    assert res.effect_curve[1989].mean() == pytest.approx(res.estimate, abs=1e-9)


@pytest.mark.parametrize(("method", "reference"), [("sdid", 8.4), ("sc", 9.9), ("did", 17.7)])
def test_prop99_placebo_se_near_table1(prop99, method, reference):
    # Placebo SEs are Monte Carlo quantities: R's Table 1 is one draw of 200 permutations
    # with R's RNG. Over 20 of our seeds the 200-replicate SE has mean 9.42 / 10.86 / 17.25
    # and sd 0.50 / 0.71 / 1.50 (SDID / SC / DID), so R's draw lies within 2 sd. We accept
    # 25% relative distance from the printed value for seed 2026.
    res = innozone.synthdid(
        prop99, **PROP99, method=method, se="placebo", n_placebo=200, seed=2026, n_threads=2
    )
    assert res.se == pytest.approx(reference, rel=0.25)
    assert len(res.replicates) == 200
    lo, hi = res.confidence_interval()
    assert lo < res.estimate < hi


def test_sdid_replicates_do_not_depend_on_threads(prop99):
    a = innozone.synthdid(prop99, **PROP99, se="placebo", n_placebo=24, seed=7, n_threads=1)
    b = innozone.synthdid(prop99, **PROP99, se="placebo", n_placebo=24, seed=7, n_threads=3)
    np.testing.assert_array_equal(a.replicates, b.replicates)
    c = innozone.synthdid(prop99, **PROP99, se="placebo", n_placebo=24, seed=8, n_threads=2)
    assert not np.array_equal(a.replicates, c.replicates)


def _two_treated(prop99: pd.DataFrame) -> pd.DataFrame:
    df = prop99.copy()
    # Make Utah a second treated unit from 1989 on (a synthetic block design).
    df.loc[(df["State"] == "Utah") & (df["Year"] >= 1989), "treated"] = 1
    return df


def test_bootstrap_and_jackknife_with_two_treated_units(prop99):
    df = _two_treated(prop99)
    boot = innozone.synthdid(df, **PROP99, se="bootstrap", n_boot=50, seed=3, n_threads=2)
    jack = innozone.synthdid(df, **PROP99, se="jackknife")
    assert boot.se > 0 and np.isfinite(boot.se)
    assert len(boot.replicates) == 50
    # Fixed-weights jackknife (Algorithm 3): one replicate per unit; with 39 units the
    # variance is (n-1)/n * sum (u_i - mean)^2.
    u = jack.replicates
    assert len(u) == 39
    assert jack.se == pytest.approx(np.sqrt(38 / 39 * ((u - u.mean()) ** 2).sum()), rel=1e-12)
    # Both describe the same sampling variability: within a factor of 3 of each other.
    assert 1 / 3 < boot.se / jack.se < 3


@pytest.mark.parametrize(
    ("method", "estimate", "jackknife_se"),
    [
        ("sdid", -4.292523870929621, 18.190550626551875),
        ("did", -9.054741253550857, 25.366444253214954),
    ],
)
def test_jackknife_matches_the_synthdid_port(prop99, method, estimate, jackknife_se):
    # Reference: synthdid-py 0.1.0 (PyPI; a line-by-line port of R synthdid) on the same
    # two-treated panel (California and Utah from 1989): synthdid_estimate / did_estimate
    # and sqrt(vcov(method="jackknife")). The jackknife is deterministic: match to 1e-9.
    res = innozone.synthdid(_two_treated(prop99), **PROP99, method=method, se="jackknife")
    assert res.estimate == pytest.approx(estimate, rel=1e-9)
    assert res.se == pytest.approx(jackknife_se, rel=1e-9)


def test_sc_jackknife_is_undefined_with_one_weighted_control(prop99):
    # synthdid-py / R return NA here: SC puts all its weight on a single control.
    with pytest.warns(innozone.NumericalWarning, match="one control has all the weight"):
        res = innozone.synthdid(_two_treated(prop99), **PROP99, method="sc", se="jackknife")
    assert np.isnan(res.se)
    assert res.estimate == pytest.approx(-10.149999777916666, rel=1e-9)


def test_bootstrap_with_one_treated_unit_is_undefined_and_warns(prop99):
    with pytest.warns(innozone.NumericalWarning, match="one treated unit"):
        res = innozone.synthdid(prop99, **PROP99, se="bootstrap", n_boot=10)
    assert np.isnan(res.se)


def test_synthdid_rejects_unbalanced_panels_and_bad_arguments(prop99):
    gap = prop99.drop(prop99.index[(prop99["State"] == "Nevada") & (prop99["Year"] == 1980)])
    with pytest.raises(innozone.InvalidInputError, match=r"unbalanced panel.*\('Nevada', 1980\)"):
        innozone.synthdid(gap, **PROP99)
    with pytest.raises(
        innozone.InvalidInputError, match="outcome column 'packs' is not in the data"
    ):
        innozone.synthdid(prop99, unit="State", time="Year", outcome="packs", treatment="treated")
    with pytest.raises(innozone.InvalidInputError, match="method must be"):
        innozone.synthdid(prop99, **PROP99, method="mc")


def test_synthdid_compare_table_and_result_api(prop99):
    table = innozone.synthdid_compare(prop99, **PROP99, se=None)
    assert list(table.index) == ["did", "sc", "sdid"]
    np.testing.assert_allclose(table["estimate"], [-27.34911, -19.61966, -15.60383], atol=5e-5)
    res = innozone.synthdid(prop99, **PROP99, se="placebo", n_placebo=20, seed=1)
    frame = res.to_frame()
    assert set(frame["kind"]) == {"omega", "lambda"}
    assert set(frame["cohort"]) == {1989}
    assert frame.loc[frame["kind"] == "omega", "weight"].sum() == pytest.approx(1.0, abs=1e-12)
    assert "SDID" in res._repr_html_()
    for kind in ("trajectories", "weights", "cohorts"):
        for lang in ("en", "ko"):
            ax = res.plot(kind=kind, lang=lang)
            assert ax.has_data()


# ------------------------------------------------------------- synthetic control


def _adh(smoking: pd.DataFrame, **kw):
    return innozone.synthetic_control(
        smoking,
        unit="state",
        time="year",
        outcome="cigsale",
        treated={"California": 1989},
        predictors=["lnincome", "age15to24", "retprice"],
        predictor_years=range(1980, 1989),
        special_predictors=[
            ("beer", range(1984, 1989)),
            ("cigsale", [1975]),
            ("cigsale", [1980]),
            ("cigsale", [1988]),
        ],
        optimize_years=range(1970, 1989),
        seed=1,
        n_threads=2,
        **kw,
    )


def test_adh_prop99_weights_and_placebo_rank(smoking):
    res = _adh(smoking, placebo=True)
    w = res.weights["California"]
    # ADH (2010) Table 2. V-searches differ across implementations (Stata synth gives
    # Utah 0.334, Nevada 0.235, Montana 0.202, Colorado 0.161, Connecticut 0.068; R's
    # tidysynth 0.342 / 0.238 / 0.209 / 0.149 / 0.062). We match the same five donors,
    # each within 0.01 of the paper (we get 0.335 / 0.236 / 0.201 / 0.159 / 0.068).
    table2 = {
        "Utah": 0.334,
        "Nevada": 0.234,
        "Montana": 0.199,
        "Colorado": 0.164,
        "Connecticut": 0.069,
    }
    for state, weight in table2.items():
        assert w[state] == pytest.approx(weight, abs=0.01), state
    assert w.drop(list(table2)).sum() < 0.01
    assert w.sum() == pytest.approx(1.0, abs=1e-12)
    # ADH: California's post/pre RMSPE ratio is the largest of the 39 -> p = 1/39.
    assert res.p_values["California"] == pytest.approx(1 / 39, abs=1e-12)
    assert res.placebo_p_value() == pytest.approx(1 / 39, abs=1e-12)
    # Trimming badly fitted placebos (ADH Figures 5-7): still ranked first of those kept.
    r = res.rmspe
    ca = r.loc[~r["placebo"], "pre_rmspe"].iloc[0]
    kept = int((r["placebo"] & (r["pre_rmspe"] ** 2 <= 5 * ca**2)).sum())
    assert 0 < kept < 38
    assert res.placebo_p_value(max_pre_mspe_ratio=5) == pytest.approx(1 / (kept + 1), abs=1e-12)
    assert res.plot(kind="placebo", max_pre_mspe_ratio=5).has_data()
    assert len(res.placebo_gaps.columns) == 38
    # ADH Figure 2/3: the gap is about -26 packs by 2000 (we accept -18 to -34) and the
    # pre-1989 fit is close (RMSPE below 2.5 packs).
    assert -34 < res.gaps.loc[2000, "California"] < -18
    s = res.summary()
    assert s.loc["California", "pre_rmspe"] < 2.5
    # Inner QP optimality at the chosen V.
    kkt = res.kkt.loc["California"]
    assert kkt["stationarity"] < 1e-8 and kkt["dual_infeasibility"] < 1e-8
    assert kkt["primal_infeasibility"] < 1e-12
    # Every start is reported with its loss; the best is the reported loss.
    assert res.starts["loss_v"].min() == pytest.approx(res.loss_v["California"], rel=1e-12)
    assert set(res.starts["start"]) >= {"equal", "regression", "random 1", "random 2"}


def test_basque_weights_and_v_search_loss(basque):
    res = innozone.synthetic_control(
        basque,
        unit="regionname",
        time="year",
        outcome="gdpcap",
        treated={"Basque Country (Pais Vasco)": 1975},
        exclude=["Spain (Espana)"],
        predictors=[
            "school.illit",
            "school.prim",
            "school.med",
            "school.high",
            "school.post.high",
            "invest",
        ],
        predictor_years=range(1964, 1970),
        special_predictors=[("gdpcap", range(1960, 1970))]
        + [
            (c, range(1961, 1970, 2))
            for c in [
                "sec.agriculture",
                "sec.energy",
                "sec.industry",
                "sec.construction",
                "sec.services.venta",
                "sec.services.nonventa",
            ]
        ]
        + [("popdens", [1969])],
        optimize_years=range(1960, 1970),
        placebo=False,
        seed=1,
        n_threads=2,
    )
    w = res.weights["Basque Country (Pais Vasco)"]
    # Abadie & Gardeazabal / R Synth: Cataluna 0.851, Madrid 0.149, with outer loss
    # (MSPE of GDP per capita 1960-69) computed here from the data.
    y = basque.pivot(index="year", columns="regionname", values="gdpcap").loc[1960:1969]
    published = 0.8508 * y["Cataluna"] + 0.1492 * y["Madrid (Comunidad De)"]
    published_loss = float(((y["Basque Country (Pais Vasco)"] - published) ** 2).mean())
    assert published_loss == pytest.approx(0.008865, abs=1e-5)
    # Our multi-start search finds a V with half that loss (0.00429): a different local
    # optimum of the nested problem, with Cataluna 0.633, Baleares 0.219, Madrid 0.148.
    # We therefore match Madrid (within 0.01) and Cataluna as the largest donor, and
    # require a loss no worse than the published solution's; Cataluna's weight differs
    # from the paper's by about 0.22, which is the documented V-search difference.
    assert res.loss_v["Basque Country (Pais Vasco)"] <= published_loss
    assert w["Madrid (Comunidad De)"] == pytest.approx(0.149, abs=0.01)
    assert w.idxmax() == "Cataluna"
    assert w["Cataluna"] + w["Madrid (Comunidad De)"] > 0.75
    # The fit's own weights reproduce its loss.
    own = sum(w[c] * y[c] for c in w.index if w[c] > 0)
    assert float(((y["Basque Country (Pais Vasco)"] - own) ** 2).mean()) == pytest.approx(
        res.loss_v["Basque Country (Pais Vasco)"], rel=1e-9
    )


def test_sc_placebos_do_not_depend_on_threads(prop99):
    kw = {
        "unit": "State",
        "time": "Year",
        "outcome": "PacksPerCapita",
        "treatment": "treated",
        "optimize_years": range(1980, 1989),
        "seed": 5,
    }
    a = innozone.synthetic_control(prop99, n_threads=1, **kw)
    b = innozone.synthetic_control(prop99, n_threads=2, **kw)
    pd.testing.assert_frame_equal(a.rmspe, b.rmspe)
    pd.testing.assert_frame_equal(a.weights, b.weights)


def test_several_treated_units_are_fitted_and_averaged(prop99):
    df = prop99.copy()
    df["first"] = np.where(
        df["State"] == "California", 1989, np.where(df["State"] == "Utah", 1992, np.nan)
    )
    seen: list[tuple[int, int]] = []
    res = innozone.synthetic_control(
        df,
        unit="State",
        time="Year",
        outcome="PacksPerCapita",
        first_treated="first",
        special_predictors=[
            ("PacksPerCapita", [1975]),
            ("PacksPerCapita", [1980]),
            ("PacksPerCapita", [1985]),
        ],
        seed=2,
        n_threads=2,
        progress=lambda done, total: seen.append((done, total)),
    )
    assert list(res.weights.columns) == ["California", "Utah"]
    assert "Utah" not in res.weights.index
    # Placebos at each distinct start (1989 and 1992), 37 donors each, plus 2 treated fits;
    # progress counts V-search starts: equal, regression and 2 random starts per fit.
    assert seen[-1] == ((2 + 2 * 37) * 4, (2 + 2 * 37) * 4)
    s = res.summary()
    assert s.loc["Utah", "first_treated"] == 1992
    assert s.loc["California", "n_placebos"] == 37
    # ATT is the mean of the post-period gaps of both units.
    post = [
        res.gaps.loc[res.gaps.index >= 1989, "California"],
        res.gaps.loc[res.gaps.index >= 1992, "Utah"],
    ]
    assert res.att == pytest.approx(float(pd.concat(post).mean()), rel=1e-12)
    assert res.effect_by_event_time.loc[0] == pytest.approx(
        (res.gaps.loc[1989, "California"] + res.gaps.loc[1992, "Utah"]) / 2, rel=1e-12
    )


def test_sc_result_api_and_plots(prop99):
    res = innozone.synthetic_control(
        prop99,
        unit="State",
        time="Year",
        outcome="PacksPerCapita",
        treatment="treated",
        optimize_years=range(1980, 1989),
        seed=3,
        n_threads=2,
    )
    frame = res.to_frame()
    assert list(frame.columns) == ["period", "unit", "actual", "synthetic", "gap", "post"]
    np.testing.assert_allclose(frame["actual"] - frame["synthetic"], frame["gap"])
    assert "Synthetic control" in res._repr_html_()
    for kind in ("paths", "gap", "placebo", "weights"):
        ax = res.plot(kind=kind, lang="ko")
        assert ax.has_data()
    with pytest.raises(innozone.InvalidInputError, match="kind must be one of"):
        res.plot(kind="map")


def test_sc_errors_name_columns_units_and_periods(smoking, prop99):
    with pytest.raises(
        innozone.InvalidInputError, match="predictor column 'lnincome' is not in the data"
    ):
        _adh(smoking.rename(columns={"lnincome": "income"}), placebo=False)
    with pytest.raises(innozone.InvalidInputError, match="uses period 1990, not before"):
        innozone.synthetic_control(
            smoking,
            unit="state",
            time="year",
            outcome="cigsale",
            treated={"California": 1989},
            special_predictors=[("cigsale", [1990])],
            placebo=False,
        )
    with pytest.raises(innozone.InvalidInputError, match=r"every value is missing for unit"):
        innozone.synthetic_control(
            smoking,
            unit="state",
            time="year",
            outcome="cigsale",
            treated={"California": 1989},
            special_predictors=[("beer", [1975])],
            placebo=False,
        )
    with pytest.raises(innozone.InvalidInputError, match="treated unit 'Atlantis' is not"):
        innozone.synthetic_control(
            smoking, unit="state", time="year", outcome="cigsale", treated={"Atlantis": 1989}
        )
    with pytest.raises(innozone.InvalidInputError, match="exactly one of"):
        innozone.synthetic_control(prop99, unit="State", time="Year", outcome="PacksPerCapita")
    dup = pd.concat([prop99, prop99.iloc[[0]]])
    with pytest.raises(innozone.InvalidInputError, match="more than one row for period 1970"):
        innozone.synthetic_control(
            dup, unit="State", time="Year", outcome="PacksPerCapita", treatment="treated"
        )


def test_bad_keys_and_values_are_named(prop99):
    kw = {"unit": "State", "time": "Year", "outcome": "PacksPerCapita", "treatment": "treated"}
    mixed = prop99.astype({"Year": object})
    mixed.loc[0, "Year"] = "1970a"
    with pytest.raises(innozone.InvalidInputError, match="time column 'Year' mixes values"):
        innozone.synthetic_control(mixed, **kw)
    no_unit = prop99.copy()
    no_unit.loc[5, "State"] = None
    with pytest.raises(innozone.InvalidInputError, match="unit column 'State' has a missing value"):
        innozone.synthdid(no_unit, **kw)
    inf = prop99.copy()
    inf.loc[(inf["State"] == "Ohio") & (inf["Year"] == 1975), "PacksPerCapita"] = np.inf
    with pytest.raises(innozone.InvalidInputError, match="infinite for unit 'Ohio' in period 1975"):
        innozone.synthdid(inf, **kw)


def test_disagreeing_starts_warn(prop99):
    # With a single Nelder-Mead evaluation per start no start can confirm another.
    with pytest.warns(innozone.NumericalWarning, match="starts disagree"):
        res = innozone.synthetic_control(
            prop99,
            unit="State",
            time="Year",
            outcome="PacksPerCapita",
            treatment="treated",
            special_predictors=[
                ("PacksPerCapita", [1970]),
                ("PacksPerCapita", [1980]),
                ("PacksPerCapita", [1988]),
            ],
            max_evaluations=1,
            n_random_starts=3,
            placebo=False,
            seed=4,
        )
    assert bool(res.starts_disagree["California"])


# ------------------------------------------------------------ the inner QP (KKT)


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_simplex_qp_satisfies_kkt_against_scipy(seed):
    rng = np.random.default_rng(seed)
    a = rng.normal(size=(6, 15))
    b = rng.normal(size=6)
    out = _core.synth.simplex_least_squares(a, b)
    w = np.asarray(out.weights)
    assert out.converged
    assert out.kkt.stationarity < 1e-9
    assert out.kkt.dual_infeasibility < 1e-9
    assert abs(w.sum() - 1) < 1e-12 and w.min() >= 0
    # Cross-check the objective with SLSQP (scipy) on the same problem: ours is no worse
    # than 1e-8 above it.
    res = scipy_optimize.minimize(
        lambda x: 0.5 * np.sum((a @ x - b) ** 2),
        np.full(15, 1 / 15),
        method="SLSQP",
        bounds=[(0, 1)] * 15,
        constraints=[{"type": "eq", "fun": lambda x: x.sum() - 1}],
        options={"ftol": 1e-14, "maxiter": 1000},
    )
    assert out.objective <= res.fun + 1e-8


# ------------------------------------------------------ staggered synthetic DiD


def _with_copy_of_california(prop99: pd.DataFrame) -> pd.DataFrame:
    # A second adoption cohort: a copy of California first treated in 1995. The 1989
    # cohort then has exactly the 38 never-treated states of the R example as controls.
    copy = prop99.loc[prop99["State"] == "California"].copy()
    copy["State"] = "California (copy)"
    copy["treated"] = (copy["Year"] >= 1995).astype(int)
    return pd.concat([prop99, copy], ignore_index=True)


def test_staggered_sdid_is_the_cohort_by_cohort_average(prop99):
    # The quota / women-in-parliament panel of Stata sdid's staggered example is not on
    # PyPI or in the shared datasets, so the staggered estimator is validated by its
    # construction: each cohort is the block estimator against the never-treated units,
    # and the 1989 cohort here is R synthdid's Prop 99 example (-15.60383, vignette).
    res = innozone.synthdid(_with_copy_of_california(prop99), **PROP99, se=None)
    c = res.cohorts
    assert list(c.index) == [1989, 1995]
    assert c.loc[1989, "estimate"] == pytest.approx(-15.60383, abs=5e-5)
    assert list(c["n_treated"]) == [1, 1] and list(c["n_post"]) == [12, 6]
    np.testing.assert_allclose(c["weight"], [12 / 18, 6 / 18], rtol=1e-15)
    assert res.estimate == pytest.approx(float((c["weight"] * c["estimate"]).sum()), rel=1e-14)
    # The 1995 cohort is the block estimator on the never-treated states plus the copy.
    block = prop99.copy()
    block["treated"] = ((block["State"] == "California") & (block["Year"] >= 1995)).astype(int)
    alone = innozone.synthdid(block, **PROP99, se=None)
    assert c.loc[1995, "estimate"] == pytest.approx(alone.estimate, rel=1e-12)
    # synthdid-py 0.1.0 (PyPI; R port with Stata-style staggered adoption):
    # staggered_synthdid_estimate on the same panel gives ATT -12.632236081080242 and
    # cohort estimates -15.603828 / -6.689052 (the peer's printout); match to 1e-9.
    assert res.estimate == pytest.approx(-12.632236081080242, rel=1e-9)
    assert c.loc[1995, "estimate"] == pytest.approx(-6.689052, abs=1e-6)
    assert res.omega.shape == (38, 2)
    assert np.isnan(res.lambda_.loc[1990, 1989]) and res.lambda_.loc[1990, 1995] >= 0
    assert res.plot(kind="cohorts").has_data()
    assert res.plot(kind="trajectories", cohort=1995, lang="ko").has_data()
    with pytest.raises(innozone.InvalidInputError, match="cohort 1990 is not an adoption cohort"):
        res.plot(cohort=1990)


@pytest.mark.parametrize(
    ("method", "att", "taus"),
    [
        (
            "sdid",
            -14.925224209497989,
            [-16.812974095297825, -19.236443749972075, -4.682895127187193],
        ),
        ("sc", -15.92563904966245, [-18.714686365434044, -13.857336091741963, -13.449998854999999]),
        ("did", -25.40129577371954, [-28.169358973065297, -41.798470725503655, 4.730593052648139]),
    ],
)
def test_staggered_estimates_match_the_synthdid_port(prop99, method, att, taus):
    # Nevada treated from 1992 and Utah from 1995 beside California (1989): three cohorts,
    # each against the 36 never-treated states. Reference: synthdid-py 0.1.0
    # staggered_synthdid_estimate(estimator=...) on the same panel; deterministic, 1e-9.
    df = prop99.copy()
    df.loc[(df["State"] == "Nevada") & (df["Year"] >= 1992), "treated"] = 1
    df.loc[(df["State"] == "Utah") & (df["Year"] >= 1995), "treated"] = 1
    res = innozone.synthdid(df, **PROP99, method=method, se=None)
    assert res.estimate == pytest.approx(att, rel=1e-9)
    np.testing.assert_allclose(res.cohorts["estimate"], taus, rtol=1e-9)
    assert "Nevada" not in res.omega.index and len(res.omega) == 36


def test_staggered_standard_errors(prop99):
    df = prop99.copy()
    for state, year in (("Nevada", 1992), ("Utah", 1992), ("Ohio", 1995), ("Iowa", 1995)):
        df.loc[(df["State"] == state) & (df["Year"] >= year), "treated"] = 1
    plac = innozone.synthdid(df, **PROP99, se="placebo", n_placebo=40, seed=11, n_threads=1)
    again = innozone.synthdid(df, **PROP99, se="placebo", n_placebo=40, seed=11, n_threads=2)
    np.testing.assert_array_equal(plac.replicates, again.replicates)
    boot = innozone.synthdid(df, **PROP99, se="bootstrap", n_boot=40, seed=11)
    with pytest.warns(innozone.NumericalWarning, match="cohort has one treated unit"):
        jack = innozone.synthdid(df, **PROP99, se="jackknife")
    assert np.isnan(jack.se)
    assert plac.se > 0 and boot.se > 0
    assert 1 / 4 < plac.se / boot.se < 4
    assert len(plac.cohorts) == 3 and plac.summary()["n_cohorts"].iloc[0] == 3


def test_single_cohort_replicates_equal_the_block_design(prop99):
    # One cohort through the staggered engine gives R's block algorithms draw for draw:
    # the placebo replicates of the previous block implementation (kept in C++ as
    # sdid_standard_error) are reproduced; checked in the C++ suite. Here: seeds matter.
    a = innozone.synthdid(prop99, **PROP99, se="placebo", n_placebo=10, seed=3)
    b = innozone.synthdid(prop99, **PROP99, se="placebo", n_placebo=10, seed=4)
    assert not np.array_equal(a.replicates, b.replicates)


def test_staggered_rejects_always_treated_units(prop99):
    df = prop99.copy()
    df.loc[df["State"] == "Utah", "treated"] = 1
    with pytest.raises(innozone.InvalidInputError, match="'Utah' is treated from the first period"):
        innozone.synthdid(df, **PROP99)
    df = prop99.copy()
    df.loc[(df["State"] == "Utah") & (df["Year"] >= 1971), "treated"] = 1
    with pytest.raises(innozone.InvalidInputError, match="2 pre-treatment periods before 1971"):
        innozone.synthdid(df, **PROP99)


# ------------------------------------------------------------ SDID with covariates

SMOKING = {"unit": "state", "time": "year", "outcome": "cigsale", "treated": {"California": 1989}}


@pytest.mark.parametrize(
    ("method", "estimate", "beta"),
    [
        ("sdid", 3.2787691354114807, -0.725173808527112),
        ("sc", 0.37572750985637837, -0.7633243490886532),
        ("did", -12.368266138415827, -0.5945822830019314),
    ],
)
def test_optimized_covariates_match_the_synthdid_port(smoking, method, estimate, beta):
    # Prop 99 with the covariates panel; retprice (cigarette retail price) is the only
    # covariate observed in every state and year. No published SDID-with-covariates figure
    # exists for this panel; the reference is synthdid-py 0.1.0 (a line-by-line port of R
    # synthdid's sc.weight.fw.covariates): synthdid_estimate / sc_estimate / did_estimate
    # with X = retprice, unstandardized (R's convention). Deterministic: 1e-9.
    # (retprice rises with the Prop 99 tax itself, so it is a bad control: the estimate
    # moves towards zero. It is used here only because it is complete.)
    res = innozone.synthdid(
        smoking,
        **SMOKING,
        covariates=["retprice"],
        method=method,
        standardize_covariates=False,
        se=None,
    )
    assert res.estimate == pytest.approx(estimate, rel=1e-9)
    assert res.coefficients.loc["retprice", 1989] == pytest.approx(beta, rel=1e-9)
    assert res.covariate_method == "optimized"


def test_standardized_optimized_covariates_report_raw_coefficients(smoking):
    # Stata sdid z-scores covariates before the "optimized" solve (its gradient steps of
    # size 1/t are not scale-free: on raw retprice beta is -0.725, on z-scores -0.129 per
    # unit of retprice). standardize_covariates=True must equal the raw solve on a
    # z-scored column, with the coefficient converted back to raw units.
    std = innozone.synthdid(smoking, **SMOKING, covariates=["retprice"], se=None)
    sd = float(np.std(smoking["retprice"].to_numpy(), ddof=1))
    z = smoking.assign(z=(smoking["retprice"] - smoking["retprice"].mean()) / sd)
    manual = innozone.synthdid(
        z, **SMOKING, covariates=["z"], se=None, standardize_covariates=False
    )
    assert std.estimate == pytest.approx(manual.estimate, rel=1e-12)
    assert std.coefficients.loc["retprice", 1989] == pytest.approx(
        manual.coefficients.loc["z", 1989] / sd, rel=1e-12
    )


def test_projected_covariates_are_a_fixed_effects_regression_on_the_controls(smoking):
    # Kranz (2022) / Stata sdid "projected": beta from OLS of the outcome on the covariate
    # with state and year dummies over the never-treated states (statsmodels as the
    # independent computation, 1e-8), then SDID on outcome - beta * covariate.
    import statsmodels.formula.api as smf

    res = innozone.synthdid(
        smoking, **SMOKING, covariates=["retprice"], covariate_method="projected", se=None
    )
    controls = smoking.loc[smoking["state"] != "California"]
    ols = smf.ols("cigsale ~ retprice + C(state) + C(year)", data=controls).fit()
    beta = float(ols.params["retprice"])
    assert res.coefficients.loc["retprice", 1989] == pytest.approx(beta, rel=1e-8)
    adjusted = smoking.assign(cigsale=smoking["cigsale"] - beta * smoking["retprice"])
    plain = innozone.synthdid(adjusted, **SMOKING, se=None)
    assert res.estimate == pytest.approx(plain.estimate, rel=1e-7)
    boot_free = innozone.synthdid(
        smoking,
        **SMOKING,
        covariates=["retprice"],
        covariate_method="projected",
        se="placebo",
        n_placebo=20,
        seed=2,
    )
    assert boot_free.se > 0


def test_covariate_errors_name_the_cell(smoking):
    with pytest.raises(
        innozone.InvalidInputError,
        match=r"covariate 'beer' is missing or infinite for unit '.*' in period 1970",
    ):
        innozone.synthdid(smoking, **SMOKING, covariates=["beer"], se=None)
    with pytest.raises(innozone.InvalidInputError, match="covariate_method must be"):
        innozone.synthdid(smoking, **SMOKING, covariates=["retprice"], covariate_method="x")
    with pytest.raises(innozone.InvalidInputError, match="covariate column 'price' is not in"):
        innozone.synthdid(smoking, **SMOKING, covariates=["price"], se=None)


# ------------------------------------------------ the V search: global and parallel


def _basque_kwargs() -> dict:
    return {
        "unit": "regionname",
        "time": "year",
        "outcome": "gdpcap",
        "treated": {"Basque Country (Pais Vasco)": 1975},
        "exclude": ["Spain (Espana)"],
        "predictors": [
            "school.illit",
            "school.prim",
            "school.med",
            "school.high",
            "school.post.high",
            "invest",
        ],
        "predictor_years": range(1964, 1970),
        "special_predictors": [("gdpcap", range(1960, 1970))]
        + [
            (c, range(1961, 1970, 2))
            for c in [
                "sec.agriculture",
                "sec.energy",
                "sec.industry",
                "sec.construction",
                "sec.services.venta",
                "sec.services.nonventa",
            ]
        ]
        + [("popdens", [1969])],
        "optimize_years": range(1960, 1970),
        "placebo": False,
        "seed": 1,
    }


def test_global_v_search_on_basque(basque):
    b = "Basque Country (Pais Vasco)"
    local = innozone.synthetic_control(basque, **_basque_kwargs(), n_threads=2)
    glob = innozone.synthetic_control(
        basque, **_basque_kwargs(), v_search="global", n_global_starts=60, n_threads=2
    )
    assert glob.v_search == "global"
    assert len(glob.starts) == 62  # equal, regression and 60 random starts
    # The global search keeps the local search's deterministic starts, so it cannot end
    # worse; both are below the published Abadie & Gardeazabal solution's loss (0.008865,
    # computed from the data in test_basque_weights_and_v_search_loss).
    assert glob.loss_v[b] <= local.loss_v[b] * (1 + 1e-9)
    assert glob.loss_v[b] < 0.008865
    # What the global search finds (measured: the same answer with 60, 200 and 400
    # starts, reached by 4 or more of them): MSPE 0.0041263 against the local search's
    # 0.0042861 and the published 0.008865, with V almost all on pre-1970 GDP (0.991) and
    # W = Madrid 0.440, Baleares 0.370, Rioja 0.189 -- further still from Abadie &
    # Gardeazabal's Cataluna 0.851 / Madrid 0.149. The published V is therefore not the
    # minimiser of the stated outer loss; a lower loss buys a different donor mix.
    best = glob.starts["loss_v"].min()
    assert best == pytest.approx(0.0041263497, rel=1e-6)
    assert (glob.starts["loss_v"] <= best * (1 + 1e-6)).sum() >= 3
    w = glob.weights[b]
    for region, weight in {
        "Madrid (Comunidad De)": 0.440,
        "Baleares (Islas)": 0.370,
        "Rioja (La)": 0.189,
    }.items():
        assert w[region] == pytest.approx(weight, abs=0.005), region
    assert glob.v[b]["gdpcap (1960-1969)"] > 0.98


def test_a_single_fit_is_identical_on_one_and_two_threads(basque):
    kw = _basque_kwargs() | {"n_random_starts": 4}
    a = innozone.synthetic_control(basque, **kw, n_threads=1)
    b = innozone.synthetic_control(basque, **kw, n_threads=2)
    pd.testing.assert_frame_equal(a.starts, b.starts)
    pd.testing.assert_frame_equal(a.weights, b.weights)
    pd.testing.assert_frame_equal(a.v, b.v)


# -------------------------------------------------------- API conventions (issue 13)


@pytest.mark.parametrize("bad", [2.5, -5, True])
def test_counts_are_checked_with_their_names(prop99, bad):
    with pytest.raises(innozone.InvalidInputError, match="n_placebo must"):
        innozone.synthdid(prop99, **PROP99, n_placebo=bad)
    with pytest.raises(innozone.InvalidInputError, match="n_boot must"):
        innozone.synthdid(prop99, **PROP99, se="bootstrap", n_boot=bad)
    with pytest.raises(innozone.InvalidInputError, match="n_random_starts must"):
        innozone.synthetic_control(prop99, **PROP99, n_random_starts=bad if bad != -5 else -1)


def test_seed_threads_and_progress_follow_the_options(prop99):
    kw = dict(PROP99, se="placebo", n_placebo=12)
    with innozone.options.context(seed=5):
        a = innozone.synthdid(prop99, **kw)
    b = innozone.synthdid(prop99, **kw, seed=5)
    np.testing.assert_array_equal(a.replicates, b.replicates)
    seen: list[tuple[int, int]] = []
    innozone.synthdid(prop99, **kw, progress=lambda d, t: seen.append((d, t)))
    assert seen and seen[-1] == (12, 12)
    res = innozone.synthdid(prop99, **kw, progress=True)
    assert len(res.replicates) == 12
    with pytest.raises(innozone.InvalidInputError, match="progress must be"):
        innozone.synthdid(prop99, **kw, progress="yes")
    with pytest.raises(innozone.InvalidInputError, match="v_search must be"):
        innozone.synthetic_control(prop99, **PROP99, v_search="anneal")


def test_results_follow_the_result_contract(prop99):
    from innozone._results import REPR_LIMIT, Result

    sc = innozone.synthetic_control(prop99, **PROP99, optimize_years=range(1980, 1989), seed=3)
    sd = innozone.synthdid(_with_copy_of_california(prop99), **PROP99, n_placebo=10)
    for res in (sc, sd):
        assert isinstance(res, Result)
        text = repr(res)
        assert len(text) < REPR_LIMIT
        assert isinstance(res.summary(), pd.DataFrame)
        html = res._repr_html_()
        assert html.startswith("<div class='innozone-result'>")
    assert "ATT" in repr(sc) and "placebo p" in repr(sc)
    assert "2 adoption cohorts" in repr(sd)
    with innozone.options.context(lang="ko"):
        ax = sc.plot(kind="gap")
    assert ax.get_xlabel() == "연도"


def test_global_v_search_on_adh_prop99_keeps_table2(smoking):
    # On ADH's Prop 99 specification the global search confirms the local answer: loss
    # 3.0767 (local 3.0786, measured), reached by several starts, weights still within
    # 0.01 of ADH Table 2.
    local = _adh(smoking, placebo=False)
    glob = _adh(smoking, placebo=False, v_search="global", n_global_starts=60)
    assert glob.loss_v["California"] <= local.loss_v["California"] * (1 + 1e-9)
    assert glob.loss_v["California"] == pytest.approx(3.0767, abs=5e-4)
    w = glob.weights["California"]
    table2 = {
        "Utah": 0.334,
        "Nevada": 0.234,
        "Montana": 0.199,
        "Colorado": 0.164,
        "Connecticut": 0.069,
    }
    for state, weight in table2.items():
        assert w[state] == pytest.approx(weight, abs=0.01), state
    assert not glob.starts_disagree["California"]
