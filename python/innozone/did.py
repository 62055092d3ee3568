"""Difference-in-differences: 2x2, two-way fixed effects, event studies and staggered adoption.

All functions read one data convention (see :mod:`innozone.panel`): a long pandas
DataFrame with the unit, time and outcome columns named by arguments, plus either the
first treated period (``group=``; 0 or NaN = never treated) or a 0/1 treatment indicator
(``treatment=``), optional covariates and an optional cluster column. The numbers come
from the C++ core (``innozone._core.did``).

Estimators
    :func:`two_by_two`
        Cell means and the canonical 2x2 DiD (Card & Krueger 1994 style).
    :func:`twfe`
        Two-way fixed-effects regression of the outcome on a treatment indicator.
    :func:`event_study`
        TWFE with relative-period dummies, a reference period, and a joint pre-trend test.
    :func:`callaway_santanna`
        Group-time average treatment effects ATT(g,t) of Callaway & Sant'Anna (2021) with
        never-treated or not-yet-treated comparison units, outcome-regression ("reg"),
        inverse-probability ("ipw"), doubly robust ("dr", the estimator R's ``did``
        uses) and improved doubly robust ("dr_improved", Sant'Anna & Zhao 2020)
        variants, four aggregations and a multiplier bootstrap with uniform bands.

Standard errors
    Regressions use cluster-robust CR1 errors, V = c (X'X)^-1 (sum_g X_g'u_g u_g'X_g)
    (X'X)^-1 with c = G/(G-1) * (N-1)/(N-K), clustered by unit unless ``cluster=`` is
    given. By default (``small_sample="nested"``, as Stata's reghdfe and R's fixest) K
    counts the slopes and the time effects but not the unit effects nested in the unit
    clusters; ``small_sample="full"`` counts every fixed effect (as an OLS with dummy
    columns in Stata ``regress`` or statsmodels). Confidence intervals are normal.
    Callaway & Sant'Anna results carry analytic influence-function errors
    (``se_analytic``) and, with ``n_boot > 0``, bootstrap errors (``se``; the IQR-based
    estimator of R's ``did``) and sup-t critical values for uniform bands.
"""

from __future__ import annotations

import functools
import html
import math
import warnings
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator

from . import _core
from ._errors import InnozoneWarning, InvalidInputError
from .panel import WidePanel, _plain, check_columns, first_treated_from_treatment, to_wide
from .plotting import COLORS, check_lang, new_axes, style

__all__ = [
    "AggregationResult",
    "CallawaySantAnnaResult",
    "EventStudyResult",
    "TwfeResult",
    "TwoByTwoResult",
    "callaway_santanna",
    "event_study",
    "twfe",
    "two_by_two",
]


def __dir__() -> list[str]:  # tab completion lists the public names only
    return list(__all__)


_LABELS = {
    "event_time": ("처치 후 경과 기간", "Event time (periods since treatment)"),
    "effect": ("처리효과", "Effect on the outcome"),
    "pre": ("처치 전", "Pre-treatment"),
    "post": ("처치 후", "Post-treatment"),
    "band": ("{level}% 균일 신뢰대", "{level}% uniform band"),
    "ci": ("{level}% 신뢰구간", "{level}% confidence interval"),
    "group": ("집단 (최초 처치 시점)", "Group (first treated)"),
    "time": ("기간", "Period"),
    "treated": ("처치 집단", "Treated"),
    "comparison": ("비교 집단", "Comparison"),
    "counterfactual": ("반사실 추세", "Counterfactual trend"),
    "before": ("처치 전", "Before"),
    "after": ("처치 후", "After"),
    "mean": ("평균", "Mean outcome"),
    "reference": ("기준 기간", "Reference period"),
    "coef": ("계수", "Coefficient"),
}


def _label(key: str, lang: str, **fields: Any) -> str:
    ko, en = _LABELS[key]
    return (ko if check_lang(lang) == "ko" else en).format(**fields)


def _z(alpha: float) -> float:
    if not 0.0 < alpha < 1.0:
        raise InvalidInputError(f"alpha must lie in (0, 1), got {alpha!r}")
    return float(_core.normal_quantile(1.0 - alpha / 2.0))


def _table_html(title: str, frame: pd.DataFrame, notes: Sequence[str] = ()) -> str:
    body = frame.to_html(float_format=lambda v: f"{v:.4f}", na_rep="")
    extra = "".join(f"<p>{html.escape(n)}</p>" for n in notes)
    return f"<div><strong>{html.escape(title)}</strong>{body}{extra}</div>"


def _cluster_codes(values: pd.Series, column: str) -> list[int]:
    codes = pd.factorize(values, sort=True)[0]
    if (codes < 0).any():
        raise InvalidInputError(
            f"cluster={column!r}: missing cluster identifier in {int((codes < 0).sum())} rows"
        )
    return [int(c) for c in codes]


def _shade_pre(ax: Axes, x: np.ndarray, cut: float, lang: str) -> None:
    lo = float(np.min(x)) - 0.5
    if lo < cut:
        ax.axvspan(lo, cut, color=COLORS["light"], alpha=0.35, lw=0, label=_label("pre", lang))


# ============================================================================ 2x2 DiD
class TwoByTwoResult:
    """Cell means and the 2x2 difference-in-differences.

    Attributes
    ----------
    means : pandas.DataFrame
        Rows ``comparison``, ``treated``, ``difference``; columns ``before``, ``after``,
        ``change``: the classic DiD table.
    means_se : pandas.DataFrame
        Standard errors of the four cell means.
    counts : pandas.DataFrame
        Observations per cell.
    did : float
        (treated after - before) - (comparison after - before), in outcome units.
    se : float
        CR1 standard error of the DiD (clustered as requested, else HC1).
    alpha : float
    """

    def __init__(self, raw: dict[str, Any], outcome: str, alpha: float) -> None:
        m = np.asarray(raw["mean"], dtype=float)
        self.means = pd.DataFrame(
            {"before": m[:, 0], "after": m[:, 1]}, index=["comparison", "treated"]
        )
        self.means["change"] = self.means["after"] - self.means["before"]
        self.means.loc["difference"] = self.means.loc["treated"] - self.means.loc["comparison"]
        s = np.asarray(raw["mean_se"], dtype=float)
        self.means_se = pd.DataFrame({"before": s[:, 0], "after": s[:, 1]}, index=["comparison", "treated"])
        c = np.asarray(raw["count"], dtype=int)
        self.counts = pd.DataFrame({"before": c[:, 0], "after": c[:, 1]}, index=["comparison", "treated"])
        self.did = float(raw["did"])
        self.se = float(raw["se"])
        self.n_clusters = int(raw["n_clusters"])
        self.small_sample_factor = float(raw["small_sample_factor"])
        self.outcome = outcome
        self.alpha = alpha
        z = _z(alpha)
        self.ci = (self.did - z * self.se, self.did + z * self.se)

    def summary(self) -> pd.DataFrame:
        """One row: the DiD, its standard error and confidence interval."""
        return pd.DataFrame(
            {"did": [self.did], "se": [self.se], "ci_lower": [self.ci[0]], "ci_upper": [self.ci[1]],
             "n_clusters": [self.n_clusters]},
            index=[self.outcome],
        )

    def to_frame(self) -> pd.DataFrame:
        """The cell-means table (with changes and differences)."""
        return self.means.copy()

    def plot(self, ax: Axes | None = None, lang: str = "en") -> Axes:
        """Means before and after for both groups, with the treated group's counterfactual."""
        with style():
            ax = new_axes(ax)
            x = [0, 1]
            ax.plot(x, self.means.loc["comparison", ["before", "after"]], "o-",
                    color=COLORS["neutral"], label=_label("comparison", lang))
            ax.plot(x, self.means.loc["treated", ["before", "after"]], "o-",
                    color=COLORS["primary"], label=_label("treated", lang))
            before = self.means.loc["treated", "before"]
            ax.plot(x, [before, before + self.means.loc["comparison", "change"]], "o--",
                    color=COLORS["primary"], alpha=0.5, label=_label("counterfactual", lang))
            ax.set_xticks(x, [_label("before", lang), _label("after", lang)])
            ax.set_ylabel(f"{_label('mean', lang)}: {self.outcome}")
            ax.set_title(f"DiD = {self.did:.3f} ({self.se:.3f})")
            ax.legend()
        return ax

    def _repr_html_(self) -> str:
        return _table_html(
            f"2x2 difference-in-differences: {self.did:.4f} (s.e. {self.se:.4f})", self.means
        )

    def __repr__(self) -> str:
        return f"TwoByTwoResult(did={self.did:.4f}, se={self.se:.4f})"


def two_by_two(
    df: pd.DataFrame,
    outcome: str,
    treated: str,
    post: str,
    cluster: str | None = None,
    alpha: float = 0.05,
) -> TwoByTwoResult:
    """Canonical 2x2 difference-in-differences from cell means.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per observation (repeated cross-sections or a two-period panel).
    outcome : str
        Outcome column.
    treated, post : str
        0/1 columns: treated group, and after treatment.
    cluster : str, optional
        Cluster column for the CR1 standard error (default: HC1, each row its own cluster).
    alpha : float
        1 - confidence level.

    Returns
    -------
    TwoByTwoResult
    """
    check_columns(df, outcome=outcome, treated=treated, post=post, cluster=cluster)
    if not pd.api.types.is_numeric_dtype(df[outcome]):
        raise InvalidInputError(f"outcome={outcome!r}: column must be numeric")
    keep = df[outcome].notna().to_numpy()
    y = df[outcome].to_numpy(dtype=float)[keep]
    codes = []
    for argument, column in (("treated", treated), ("post", post)):
        values = pd.to_numeric(df[column], errors="coerce").to_numpy(dtype=float)[keep]
        bad = ~np.isin(values, (0.0, 1.0))
        if bad.any():
            raise InvalidInputError(
                f"{argument}={column!r}: values must be 0 or 1; found "
                f"{df[column].to_numpy()[keep][int(np.flatnonzero(bad)[0])]!r}"
            )
        codes.append(values.astype(int).tolist())
    cl: list[int] = []
    if cluster is not None:
        cl = _cluster_codes(pd.Series(df[cluster].to_numpy()[keep]), cluster)
    raw = _core.did.two_by_two(y, codes[0], codes[1], cl)
    return TwoByTwoResult(raw, outcome, alpha)


# ============================================================================ TWFE
class TwfeResult:
    """Two-way fixed-effects regression.

    Attributes
    ----------
    coefficients : pandas.DataFrame
        Index: regressors; columns ``coef``, ``se``, ``ci_lower``, ``ci_upper``, ``z``, ``p_value``.
    vcov : pandas.DataFrame
        CR1 cluster-robust covariance.
    n_obs, n_clusters, n_params : int
    small_sample_factor : float
        The CR1 factor G/(G-1) * (N-1)/(N-K).
    """

    def __init__(self, raw: dict[str, Any], alpha: float, outcome: str) -> None:
        names = list(raw["names"])
        coef = np.asarray(raw["coef"], dtype=float)
        se = np.asarray(raw["se"], dtype=float)
        z = _z(alpha)
        zstat = coef / se
        self.coefficients = pd.DataFrame(
            {"coef": coef, "se": se, "ci_lower": coef - z * se, "ci_upper": coef + z * se, "z": zstat,
             "p_value": [2.0 * (1.0 - _core.normal_cdf(abs(v))) for v in zstat]},
            index=pd.Index(names, name="term"),
        )
        self.vcov = pd.DataFrame(np.asarray(raw["vcov"]), index=names, columns=names)
        self.n_obs = int(raw["n_obs"])
        self.n_clusters = int(raw["n_clusters"])
        self.n_params = int(raw["n_params"])
        self.small_sample_factor = float(raw["small_sample_factor"])
        self.r2_within = float(raw["r2_within"])
        self.alpha = alpha
        self.outcome = outcome

    def summary(self) -> pd.DataFrame:
        """The coefficient table."""
        return self.coefficients.copy()

    def to_frame(self) -> pd.DataFrame:
        """The coefficient table (same as :meth:`summary`)."""
        return self.coefficients.copy()

    def plot(self, ax: Axes | None = None, lang: str = "en") -> Axes:
        """Coefficients with confidence intervals."""
        with style():
            ax = new_axes(ax)
            c = self.coefficients
            y = np.arange(len(c))
            ax.errorbar(c["coef"], y, xerr=[c["coef"] - c["ci_lower"], c["ci_upper"] - c["coef"]],
                        fmt="o", color=COLORS["primary"], capsize=3)
            ax.axvline(0.0, color=COLORS["neutral"], lw=1)
            ax.set_yticks(y, list(c.index))
            ax.set_xlabel(f"{_label('coef', lang)} ({_label('ci', lang, level=round(100 * (1 - self.alpha)))})")
        return ax

    def _repr_html_(self) -> str:
        return _table_html(
            f"TWFE on {self.outcome}: N = {self.n_obs}, {self.n_clusters} clusters (CR1)",
            self.coefficients,
        )

    def __repr__(self) -> str:
        return f"TwfeResult(n_obs={self.n_obs}, terms={list(self.coefficients.index)})"


def _long_codes(df: pd.DataFrame, unit: str, time: str) -> tuple[list[int], np.ndarray]:
    if df[unit].isna().any():
        raise InvalidInputError(f"unit={unit!r}: missing unit identifiers")
    codes = pd.factorize(df[unit], sort=True)[0]
    t = pd.to_numeric(df[time], errors="coerce").to_numpy(dtype=float)
    if np.isnan(t).any():
        row = df.index[np.isnan(t)][0]
        raise InvalidInputError(f"time={time!r}: missing or non-numeric period at row {row!r}")
    return codes.tolist(), t


def twfe(
    df: pd.DataFrame,
    unit: str,
    time: str,
    outcome: str,
    treatment: str,
    covariates: Sequence[str] | None = None,
    cluster: str | None = None,
    small_sample: str = "nested",
    alpha: float = 0.05,
) -> TwfeResult:
    """Two-way fixed-effects regression y_it = a_i + l_t + b D_it + X_it'g + e_it.

    Works on balanced and unbalanced panels (the fixed effects are absorbed by
    alternating projections). Rows with a missing outcome, treatment or covariate are
    left out.

    Parameters
    ----------
    df : pandas.DataFrame
        Long panel data.
    unit, time, outcome, treatment : str
        Column names; ``treatment`` is the (0/1 or continuous) treatment variable.
    covariates : sequence of str, optional
        Further regressors.
    cluster : str, optional
        Cluster column (default: the unit).
    small_sample : {"nested", "full"}
        How the CR1 factor counts fixed effects (see the module docstring).
    alpha : float
        1 - confidence level.

    Returns
    -------
    TwfeResult
    """
    covariates = [covariates] if isinstance(covariates, str) else list(covariates or [])
    check_columns(df, unit=unit, time=time, outcome=outcome, treatment=treatment,
                  covariates=covariates, cluster=cluster)
    cols = [outcome, treatment, *covariates]
    for c in cols:
        if not pd.api.types.is_numeric_dtype(df[c]):
            raise InvalidInputError(f"column {c!r} must be numeric (dtype {df[c].dtype})")
    frame = df.dropna(subset=cols)
    if len(frame) == 0:
        raise InvalidInputError("twfe: no row has all of " + ", ".join(map(repr, cols)))
    u, t = _long_codes(frame, unit, time)
    t_codes = np.unique(t, return_inverse=True)[1].tolist()
    cl = [] if cluster is None else _cluster_codes(frame[cluster], cluster)
    raw = _core.did.fe_regression(
        frame[outcome].to_numpy(dtype=float), frame[[treatment, *covariates]].to_numpy(dtype=float),
        u, t_codes, cl, [treatment, *covariates], False, small_sample,
    )
    return TwfeResult(raw, alpha, outcome)


# ============================================================================ event study
class EventStudyResult:
    """TWFE event study.

    Attributes
    ----------
    coefficients : pandas.DataFrame
        Index ``event_time``; columns ``coef``, ``se``, ``ci_lower``, ``ci_upper``,
        ``pre`` (True before the reference period). The reference row has coefficient 0.
    pretest : dict
        Joint Wald test that all pre-period coefficients are zero: ``statistic``, ``df``,
        ``p_value`` (chi-square, CR1 covariance).
    reference : int
    """

    def __init__(self, raw: dict[str, Any], reference: int, alpha: float, outcome: str) -> None:
        e = np.asarray(raw["rel_time"], dtype=int)
        coef = np.asarray(raw["coef"], dtype=float)
        se = np.asarray(raw["se"], dtype=float)
        z = _z(alpha)
        self.coefficients = pd.DataFrame(
            {"coef": coef, "se": se, "ci_lower": coef - z * se, "ci_upper": coef + z * se,
             "pre": e < reference},
            index=pd.Index(e, name="event_time"),
        )
        self.pretest = {"statistic": float(raw["pretest_statistic"]), "df": int(raw["pretest_df"]),
                        "p_value": float(raw["pretest_p_value"])}
        reg = raw["regression"]
        self.n_obs = int(reg["n_obs"])
        self.n_clusters = int(reg["n_clusters"])
        self.small_sample_factor = float(reg["small_sample_factor"])
        self.reference = reference
        self.alpha = alpha
        self.outcome = outcome

    def summary(self) -> pd.DataFrame:
        """The coefficient table with the pre-trend test in ``attrs['pretest']``."""
        out = self.coefficients.copy()
        out.attrs["pretest"] = dict(self.pretest)
        return out

    def to_frame(self) -> pd.DataFrame:
        """The coefficient table."""
        return self.coefficients.copy()

    def plot(self, ax: Axes | None = None, lang: str = "en") -> Axes:
        """Event-study coefficients with confidence intervals; pre-periods shaded."""
        with style():
            ax = new_axes(ax)
            c = self.coefficients
            x = c.index.to_numpy(dtype=float)
            _shade_pre(ax, x, self.reference + 0.5, lang)
            ax.axhline(0.0, color=COLORS["neutral"], lw=1)
            ax.errorbar(x, c["coef"], yerr=[c["coef"] - c["ci_lower"], c["ci_upper"] - c["coef"]],
                        fmt="o", color=COLORS["primary"], capsize=3,
                        label=_label("ci", lang, level=round(100 * (1 - self.alpha))))
            ax.plot([self.reference], [0.0], "s", color=COLORS["accent"], label=_label("reference", lang))
            ax.set_xlabel(_label("event_time", lang))
            ax.set_ylabel(f"{_label('effect', lang)}: {self.outcome}")
            p = self.pretest["p_value"]
            if not math.isnan(p):
                ax.set_title(f"pre-trend test: chi2({self.pretest['df']}) = {self.pretest['statistic']:.2f}, p = {p:.3f}")
            ax.legend()
        return ax

    def _repr_html_(self) -> str:
        p = self.pretest
        return _table_html(
            f"TWFE event study on {self.outcome} (reference period {self.reference}; CR1, "
            f"{self.n_clusters} clusters)",
            self.coefficients,
            [f"Joint pre-trend test: chi2({p['df']}) = {p['statistic']:.3f}, p = {p['p_value']:.4f}"],
        )

    def __repr__(self) -> str:
        return f"EventStudyResult(event_times={list(self.coefficients.index)})"


def _first_treated_long(df: pd.DataFrame, unit: str, time: str, group: str | None,
                        treatment: str | None) -> np.ndarray:
    if (group is None) == (treatment is None):
        raise InvalidInputError("give exactly one of group= (first treated period) or treatment= (0/1)")
    if group is not None:
        g = pd.to_numeric(df[group], errors="coerce").to_numpy(dtype=float)
        bad = np.isnan(g) & df[group].notna().to_numpy()
        if bad.any():
            raise InvalidInputError(
            f"group={group!r}: non-numeric value {df[group].iloc[int(np.flatnonzero(bad)[0])]!r}"
        )
        return np.where(np.isnan(g), 0.0, g)
    assert treatment is not None
    return np.asarray(first_treated_from_treatment(df, unit, time, treatment).to_numpy(), dtype=float)


def event_study(
    df: pd.DataFrame,
    unit: str,
    time: str,
    outcome: str,
    group: str | None = None,
    treatment: str | None = None,
    reference: int = -1,
    window: tuple[int, int] | None = None,
    bin_endpoints: bool = True,
    cluster: str | None = None,
    small_sample: str = "nested",
    alpha: float = 0.05,
) -> EventStudyResult:
    """Dynamic TWFE event study with a reference period and a joint pre-trend test.

    y_it = a_i + l_t + sum_{e != reference} b_e 1[t - G_i = e] + e_it, where G_i is the
    first treated period (never-treated units have no dummies). Note that with staggered
    adoption and heterogeneous effects the TWFE coefficients mix cohorts (Sun & Abraham
    2021); :func:`callaway_santanna` is robust to that.

    Parameters
    ----------
    df : pandas.DataFrame
        Long panel data.
    unit, time, outcome : str
        Column names.
    group, treatment : str
        Exactly one: first treated period (0/NaN = never) or a 0/1 indicator.
    reference : int
        Omitted relative period (default -1, the period before treatment).
    window : (int, int), optional
        Event window; relative periods outside are binned into the end points
        (``bin_endpoints=True``) or get no dummy.
    cluster : str, optional
        Cluster column (default: the unit).
    small_sample : {"nested", "full"}
    alpha : float

    Returns
    -------
    EventStudyResult
    """
    check_columns(df, unit=unit, time=time, outcome=outcome, group=group, treatment=treatment,
                  cluster=cluster)
    g_all = _first_treated_long(df, unit, time, group, treatment)
    keep = df[outcome].notna().to_numpy()
    frame = df.loc[keep]
    if not pd.api.types.is_numeric_dtype(frame[outcome]):
        raise InvalidInputError(f"outcome={outcome!r}: column must be numeric")
    u, t = _long_codes(frame, unit, time)
    lo, hi = (1, 0) if window is None else (int(window[0]), int(window[1]))
    if window is not None and lo > hi:
        raise InvalidInputError(f"window={window!r}: the first end must not exceed the second")
    cl = [] if cluster is None else _cluster_codes(frame[cluster], cluster)
    raw = _core.did.event_study(
        frame[outcome].to_numpy(dtype=float), u, t.tolist(), g_all[keep].tolist(), cl,
        int(reference), lo, hi, bool(bin_endpoints), small_sample,
    )
    return EventStudyResult(raw, int(reference), alpha, outcome)


# ============================================================================ Callaway & Sant'Anna
_AGG_LABEL = {"simple": None, "group": "group", "dynamic": "event_time", "calendar": "time"}


class AggregationResult:
    """One aggregation of ATT(g,t): "simple", "group", "dynamic" (event time) or "calendar".

    Attributes
    ----------
    type : str
    overall_att, overall_se : float
        The overall summary parameter and its (bootstrap, else analytic) standard error.
    overall_ci : tuple of float
        Pointwise normal confidence interval of the overall parameter.
    table : pandas.DataFrame
        Per group / event time / period: ``att``, ``se``, ``se_analytic``,
        ``band_lower``, ``band_upper`` (uniform band with ``crit_value``); empty for "simple".
    crit_value : float
        Sup-t critical value of the uniform band (pointwise z without bootstrap).
    """

    def __init__(self, raw: dict[str, Any], alpha: float, outcome: str) -> None:
        self.type = str(raw["type"])
        self.overall_att = float(raw["overall_att"])
        self.overall_se = float(raw["overall_se"])
        self.overall_se_analytic = float(raw["overall_se_analytic"])
        z = _z(alpha)
        self.overall_ci = (self.overall_att - z * self.overall_se, self.overall_att + z * self.overall_se)
        self.crit_value = float(raw["crit_value"])
        self._raw = raw
        self.alpha = alpha
        self.outcome = outcome

    @functools.cached_property
    def table(self) -> pd.DataFrame:
        """Per group / event time / period: ``att``, ``se``, ``se_analytic``, uniform band."""
        raw = self._raw
        att = np.asarray(raw["att"], dtype=float)
        se = np.asarray(raw["se"], dtype=float)
        name = _AGG_LABEL[self.type] or "label"
        label = np.asarray(raw["label"], dtype=float)
        index = pd.Index(label.astype(int) if self.type == "dynamic" else label, name=name)
        return pd.DataFrame(
            {"att": att, "se": se, "se_analytic": np.asarray(raw["se_analytic"], dtype=float),
             "band_lower": att - self.crit_value * se, "band_upper": att + self.crit_value * se},
            index=index,
        )

    def summary(self) -> pd.DataFrame:
        """The overall parameter: ATT, standard errors and confidence interval."""
        return pd.DataFrame(
            {"att": [self.overall_att], "se": [self.overall_se], "se_analytic": [self.overall_se_analytic],
             "ci_lower": [self.overall_ci[0]], "ci_upper": [self.overall_ci[1]]},
            index=pd.Index([self.type], name="aggregation"),
        )

    def to_frame(self) -> pd.DataFrame:
        """Per-group / event-time / period effects with uniform bands."""
        return self.table.copy()

    def plot(self, ax: Axes | None = None, lang: str = "en") -> Axes:
        """Effects with uniform bands; for event time, pre-treatment periods are shaded."""
        with style():
            ax = new_axes(ax)
            if self.type == "simple":
                x = np.array([0.0])
                att = np.array([self.overall_att])
                lo = np.array([self.overall_ci[0]])
                hi = np.array([self.overall_ci[1]])
                ax.set_xticks([0], ["ATT"])
                band = _label("ci", lang, level=round(100 * (1 - self.alpha)))
            else:
                x = self.table.index.to_numpy(dtype=float)
                att = self.table["att"].to_numpy()
                lo = self.table["band_lower"].to_numpy()
                hi = self.table["band_upper"].to_numpy()
                band = _label("band", lang, level=round(100 * (1 - self.alpha)))
            if self.type == "dynamic":
                _shade_pre(ax, x, -0.5, lang)
                colors = [COLORS["neutral"] if v < 0 else COLORS["primary"] for v in x]
                ax.set_xlabel(_label("event_time", lang))
            else:
                colors = [COLORS["primary"]] * len(x)
                if self.type == "group":
                    ax.set_xlabel(_label("group", lang))
                elif self.type == "calendar":
                    ax.set_xlabel(_label("time", lang))
                ax.xaxis.set_major_locator(MaxNLocator(integer=True))
            ax.axhline(0.0, color=COLORS["neutral"], lw=1)
            ax.vlines(x, lo, hi, colors=colors, lw=2, label=band)
            ax.scatter(x, att, color=colors, zorder=3)
            ax.set_ylabel(f"ATT: {self.outcome}")
            ax.set_title(f"{self.type}: overall ATT {self.overall_att:.4f} ({self.overall_se:.4f})")
            ax.legend()
        return ax

    def _repr_html_(self) -> str:
        return _table_html(
            f"Callaway & Sant'Anna, {self.type} aggregation: ATT = {self.overall_att:.4f} "
            f"(s.e. {self.overall_se:.4f})",
            self.table if self.type != "simple" else self.summary(),
        )

    def __repr__(self) -> str:
        return f"AggregationResult(type={self.type!r}, att={self.overall_att:.4f}, se={self.overall_se:.4f})"


class CallawaySantAnnaResult:
    """Group-time average treatment effects and their aggregations.

    Attributes
    ----------
    att_gt : pandas.DataFrame
        One row per (group, time): ``group``, ``time``, ``base_period``, ``post``, ``att``,
        ``se`` (bootstrap if ``n_boot > 0``, else analytic), ``se_analytic``,
        ``band_lower``/``band_upper`` (uniform band over all cells), ``n_treated``,
        ``n_control``.
    crit_value : float
        Sup-t critical value of the ATT(g,t) band.
    pretest : dict
        Wald pre-test that all pre-treatment ATT(g,t) are zero (analytic covariance, as
        R's ``did``): ``statistic``, ``df``, ``p_value``.
    n_units, n_clusters, n_boot : int
    notes : list of str
        Adjustments made (dropped units, periods).
    settings : dict
        The options used.
    """

    def __init__(self, raw: dict[str, Any], panel: WidePanel, settings: dict[str, Any],
                 outcome: str) -> None:
        self.crit_value = float(raw["att_gt"]["crit_value"])
        self._raw = raw
        self.pretest = {"statistic": float(raw["pretest_statistic"]), "df": int(raw["pretest_df"]),
                        "p_value": float(raw["pretest_p_value"])}
        self.n_units = int(raw["n_units"])
        self.n_clusters = int(raw["n_clusters"])
        self.n_boot = int(raw["n_boot"])
        self.notes = list(raw["notes"])
        self.influence = np.asarray(raw["influence"])
        self.settings = dict(settings)
        self.outcome = outcome
        self._panel = panel
        self._aggregations: dict[str, AggregationResult] = {}

    @functools.cached_property
    def att_gt(self) -> pd.DataFrame:
        """The ATT(g,t) table (see the class docstring)."""
        gt = self._raw["att_gt"]
        att = np.asarray(gt["att"], dtype=float)
        se = np.asarray(gt["se"], dtype=float)
        return pd.DataFrame(
            {"group": gt["group"], "time": gt["time"], "base_period": gt["base_time"],
             "post": np.asarray(gt["post"], dtype=bool), "att": att, "se": se,
             "se_analytic": gt["se_analytic"], "band_lower": att - self.crit_value * se,
             "band_upper": att + self.crit_value * se, "n_treated": gt["n_treated"],
             "n_control": gt["n_control"]}
        )

    def aggregate(self, type: str = "dynamic", balance_e: int | None = None,
                  min_e: float | None = None, max_e: float | None = None) -> AggregationResult:
        """An aggregation of the ATT(g,t).

        Parameters
        ----------
        type : {"simple", "group", "dynamic", "calendar"}
            R ``did`` names ("event" is accepted for "dynamic").
        balance_e, min_e, max_e : optional
            Event-time window and balancing as in R's ``aggte``; when given, the
            estimation is rerun with them (same seed, so the draws are the same).

        Returns
        -------
        AggregationResult
        """
        key = "dynamic" if type == "event" else type
        if key not in _AGG_LABEL:
            raise InvalidInputError(
                f"type={type!r}: must be one of 'simple', 'group', 'dynamic' (or 'event'), 'calendar'"
            )
        if balance_e is None and min_e is None and max_e is None:
            if key not in self._aggregations:
                self._aggregations[key] = AggregationResult(
                    self._raw[key], float(self.settings["alpha"]), self.outcome)
            return self._aggregations[key]
        settings = dict(self.settings)
        settings.update(balance_e=balance_e, min_e=min_e, max_e=max_e)
        raw = _run_cs(self._panel, settings)
        return AggregationResult(raw[key], float(settings["alpha"]), self.outcome)

    def summary(self) -> pd.DataFrame:
        """The overall parameter of every aggregation (ATT, standard errors, interval)."""
        return pd.concat([self.aggregate(t).summary() for t in ("simple", "group", "dynamic", "calendar")])

    def to_frame(self) -> pd.DataFrame:
        """The ATT(g,t) table."""
        return self.att_gt.copy()

    def plot(self, kind: str = "dynamic", ax: Axes | None = None, lang: str = "en") -> Axes:
        """Plot the event study (``kind="dynamic"``, default), another aggregation, or
        ``kind="att_gt"``: ATT(g,t) by period, one series per group, with uniform bands
        and pre-treatment cells in grey."""
        if kind != "att_gt":
            ax = self.aggregate(kind).plot(ax=ax, lang=lang)
            p = self.pretest
            if kind in ("dynamic", "event") and not math.isnan(p["p_value"]):
                with style():
                    ax.text(0.01, 0.02, f"pre-test of parallel trends: chi2({p['df']}) = "
                            f"{p['statistic']:.2f}, p = {p['p_value']:.3f}",
                            transform=ax.transAxes, fontsize=8, color=COLORS["neutral"])
            return ax
        with style():
            ax = new_axes(ax)
            groups = sorted(self.att_gt["group"].unique())
            width = 0.8 / max(1, len(groups))
            palette = [COLORS[k] for k in ("primary", "accent", "secondary", "purple", "orange", "sky")]
            ax.axhline(0.0, color=COLORS["neutral"], lw=1)
            for k, g in enumerate(groups):
                sub = self.att_gt[self.att_gt["group"] == g]
                x = sub["time"].to_numpy(dtype=float) + (k - (len(groups) - 1) / 2) * width
                color = palette[k % len(palette)]
                post = sub["post"].to_numpy()
                ax.vlines(x, sub["band_lower"], sub["band_upper"], colors=color, lw=2,
                          alpha=0.9, label=f"{_label('group', lang)}: {g:g}")
                ax.scatter(x[post], sub["att"].to_numpy()[post], color=color, zorder=3)
                ax.scatter(x[~post], sub["att"].to_numpy()[~post], facecolors="white",
                           edgecolors=color, zorder=3)
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
            ax.legend(title=f"{_label('pre', lang)}: o")
            ax.set_xlabel(_label("time", lang))
            ax.set_ylabel(f"ATT(g,t): {self.outcome}")
            ax.set_title(_label("band", lang, level=round(100 * (1 - self.settings["alpha"]))))
        return ax

    def _repr_html_(self) -> str:
        p = self.pretest
        notes = [
            f"Wald pre-test of parallel trends: chi2({p['df']}) = {p['statistic']:.3f}, p = {p['p_value']:.5f}",
            (f"{self.n_units} units, {self.n_clusters} clusters, control group: "
            f"{self.settings['control_group']}, method: {self.settings['method']}, base period: "
            f"{self.settings['base_period']}, bootstrap draws: {self.n_boot}"),
            *self.notes,
        ]
        return _table_html("Callaway & Sant'Anna (2021): aggregations", self.summary(), []) + _table_html(
            "Group-time average treatment effects ATT(g,t)", self.att_gt, notes
        )

    def __repr__(self) -> str:
        simple = self.aggregate("simple")
        return (f"CallawaySantAnnaResult(cells={len(self.att_gt)}, simple ATT={simple.overall_att:.4f}, "
                f"se={simple.overall_se:.4f})")


_CONTROL = {"never_treated": "never_treated", "nevertreated": "never_treated", "never": "never_treated",
            "not_yet_treated": "not_yet_treated", "notyettreated": "not_yet_treated",
            "not_yet": "not_yet_treated"}


def _run_cs(panel: WidePanel, s: dict[str, Any]) -> dict[str, Any]:
    covs: list[np.ndarray] = []
    if panel.covariates is not None:
        covs = [np.ascontiguousarray(panel.covariates[t]) for t in range(panel.n_periods)]
    inf = math.inf
    return _core.did.callaway_santanna(
        panel.outcome, panel.periods.tolist(), panel.first_treated.tolist(), covs,  # type: ignore[union-attr]
        [] if panel.cluster is None else panel.cluster.tolist(),
        [] if panel.weights is None else panel.weights.tolist(),
        s["control_group"], s["method"], s["base_period"], int(s["anticipation"]), float(s["alpha"]),
        int(s["n_boot"]), s["boot_weights"], int(s["seed"]),
        -inf if s.get("min_e") is None else float(s["min_e"]),
        inf if s.get("max_e") is None else float(s["max_e"]),
        -1 if s.get("balance_e") is None else int(s["balance_e"]),
        int(s["n_threads"]), s.get("progress"),
    )


def callaway_santanna(
    df: pd.DataFrame,
    unit: str,
    time: str,
    outcome: str,
    group: str | None = None,
    treatment: str | None = None,
    covariates: Sequence[str] | None = None,
    control_group: str = "never_treated",
    method: str = "dr",
    base_period: str = "varying",
    anticipation: int = 0,
    n_boot: int = 999,
    boot_weights: str = "mammen",
    alpha: float = 0.05,
    seed: int = 0,
    cluster: str | None = None,
    weights: str | None = None,
    balance_e: int | None = None,
    min_e: float | None = None,
    max_e: float | None = None,
    unbalanced: str = "drop",
    n_threads: int = 0,
    progress: Callable[[int, int], bool | None] | None = None,
) -> CallawaySantAnnaResult:
    """Callaway & Sant'Anna (2021) group-time average treatment effects.

    Example (R ``did``'s minimum-wage example)::

        res = did.callaway_santanna(mpdta, unit="countyreal", time="year", outcome="lemp",
                                    group="first.treat", covariates=["lpop"])
        res.aggregate("dynamic").plot()

    Parameters
    ----------
    df : pandas.DataFrame
        Long panel: one row per unit and period.
    unit, time, outcome : str
        Column names.
    group : str, optional
        First treated period (0 or NaN = never treated).
    treatment : str, optional
        0/1 treatment indicator (staggered: once on, stays on), instead of ``group``.
    covariates : sequence of str, optional
        Covariates for conditional parallel trends; each (g,t) cell uses their values in
        the earlier of its two periods. Without covariates the estimate is unconditional.
    control_group : {"never_treated", "not_yet_treated"}
        Comparison units (R spellings "nevertreated"/"notyettreated" accepted).
    method : {"dr", "reg", "ipw", "dr_improved"}
        Doubly robust (logit + OLS, R ``did``'s default), outcome regression,
        standardised inverse-probability weighting, or Sant'Anna & Zhao's improved DR.
    base_period : {"varying", "universal"}
        Pre-treatment cells compare with the previous period ("varying", R's default)
        or every cell with the period before treatment ("universal").
    anticipation : int
        Periods of anticipation.
    n_boot : int
        Multiplier-bootstrap draws (0: analytic standard errors, pointwise intervals).
    boot_weights : {"mammen", "rademacher"}
        Multiplier-bootstrap weights (R ``did`` uses Mammen).
    alpha : float
        1 - confidence level of intervals and bands.
    seed : int
        Fixes the bootstrap (each replicate has its own Philox stream, so the result does
        not depend on ``n_threads``).
    cluster : str, optional
        Cluster column (constant within units) for clustered inference; units otherwise.
    weights : str, optional
        Column of sampling weights (constant within units; R ``did``'s ``weightsname``):
        used in every 2x2 estimator and in the group shares of the aggregations.
    balance_e, min_e, max_e : optional
        Event-time balancing and window of the dynamic aggregation (as R's ``aggte``).
    unbalanced : {"drop", "error"}
        Units with missing periods are dropped with a warning naming them, or rejected.
    n_threads : int
        Worker threads for the bootstrap (0 = all cores).
    progress : callable, optional
        ``progress(done, total)``; return False to cancel.

    Returns
    -------
    CallawaySantAnnaResult
    """
    if control_group not in _CONTROL:
        raise InvalidInputError(
            f"control_group={control_group!r}: must be 'never_treated' or 'not_yet_treated'"
        )
    if method not in ("dr", "reg", "ipw", "dr_improved"):
        raise InvalidInputError(f"method={method!r}: must be 'dr', 'reg', 'ipw' or 'dr_improved'")
    if base_period not in ("varying", "universal"):
        raise InvalidInputError(f"base_period={base_period!r}: must be 'varying' or 'universal'")
    if boot_weights not in ("mammen", "rademacher"):
        raise InvalidInputError(f"boot_weights={boot_weights!r}: must be 'mammen' or 'rademacher'")
    if (group is None) == (treatment is None):
        raise InvalidInputError("give exactly one of group= (first treated period) or treatment= (0/1)")
    if int(n_boot) < 0:
        raise InvalidInputError(f"n_boot={n_boot!r}: must be >= 0")
    if int(seed) < 0:
        raise InvalidInputError(f"seed={seed!r}: must be >= 0")
    panel = to_wide(df, unit, time, outcome, group=group, treatment=treatment,
                    covariates=covariates, cluster=cluster, unbalanced=unbalanced, weights=weights)
    settings = {
        "control_group": _CONTROL[control_group], "method": method, "base_period": base_period,
        "anticipation": anticipation, "n_boot": n_boot, "boot_weights": boot_weights, "alpha": alpha,
        "seed": seed, "balance_e": balance_e, "min_e": min_e, "max_e": max_e,
        "n_threads": n_threads, "progress": progress, "covariates": list(panel.covariate_names),
        "weights": weights,
    }
    raw = _run_cs(panel, settings)
    result = CallawaySantAnnaResult(raw, panel, settings, outcome)
    if raw["dropped_units"]:
        names = ", ".join(repr(_plain(panel.units[i])) for i in raw["dropped_units"][:10])
        more = len(raw["dropped_units"]) - 10
        ant = f" (counting {anticipation} period(s) of anticipation)" if anticipation else ""
        message = (f"{len(raw['dropped_units'])} units already treated in the first period "
                   f"{panel.periods[0]:g}{ant} were dropped: {names}"
                   + (f" and {more} more" if more > 0 else ""))
        warnings.warn(message, InnozoneWarning, stacklevel=2)
        result.notes.append(message)
    if panel.dropped_units:
        result.notes.append(f"dropped (unbalanced): {len(panel.dropped_units)} units")
    return result
