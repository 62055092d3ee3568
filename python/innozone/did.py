"""Difference-in-differences: 2x2, two-way fixed effects, event studies and staggered adoption.

Every panel estimator reads one data convention (see :mod:`innozone.panel`): a long
pandas DataFrame ``data`` and keyword arguments ``unit=``, ``time=``, ``outcome=`` and
either ``first_treated=`` (first treated period; 0 or NaN = never treated) or
``treatment=`` (a 0/1 indicator), plus optional ``covariates=``, ``cluster=`` and
``weights=``. Periods may be numbers, strings or dates (strings and dates are ordered and
counted in periods). The numbers come from the C++ core (``innozone._core.did``).

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
        variants, four aggregations and a multiplier bootstrap with uniform bands; on
        balanced panels, unbalanced panels (R ``did``'s ``allow_unbalanced_panel``) and
        repeated cross-sections (R ``did``'s ``panel = FALSE``).

Standard errors
    Regressions use cluster-robust CR1 errors, V = c (X'WX)^-1 (sum_g X_g'W_g u_g u_g'W_g
    X_g) (X'WX)^-1 with c = G/(G-1) * (N-1)/(N-K), clustered by unit unless ``cluster=``
    is given (W: regression weights, if any). ``small_sample`` chooses how K counts the
    absorbed fixed effects (F effects with L_1..L_F levels, K_fe = sum L_f - (F - 1)):

    ``"nested"`` (default)
        R fixest's default ``ssc(fixef.K = "nested")``, pyfixest, Stata reghdfe: effects
        nested in the clusters (unit effects when clustering by unit) are not counted,
        but one parameter is kept for each of them: K = p + K_fe - L_nested + #nested.
        Agrees with pyfixest to 1e-8 (tested on the castle-doctrine panel).
    ``"full"``
        Every fixed-effect parameter counted, K = p + K_fe: an OLS with dummy columns
        (Stata ``regress ..., vce(cluster)``, statsmodels ``cov_type="cluster"``, fixest
        ``fixef.K = "full"``).
    ``"none"``
        K = p, the slopes only (fixest ``fixef.K = "none"``).

    Regression weights are analytic weights (pyfixest's default ``weights_type=
    "aweights"``): weighted least squares and a weighted within transformation, with N
    the number of observations. Confidence intervals are normal.
    Callaway & Sant'Anna results carry analytic influence-function errors
    (``se_analytic``) and, with ``n_boot > 0``, bootstrap errors (``se``; the IQR-based
    estimator of R's ``did``) and sup-t critical values for uniform bands.
"""

from __future__ import annotations

import functools
import math
import warnings
from collections.abc import Sequence
from typing import Any, TypedDict, cast

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator

from . import _core, _labels
from ._errors import InnozoneWarning, InvalidInputError
from ._results import REPR_LIMIT, Result, html_table
from ._validate import (
    ProgressLike,
    check_count,
    check_fraction,
    progress_callback,
    resolve_lang,
    resolve_seed,
    resolve_threads,
)
from .panel import (
    LongPanel,
    Periods,
    WidePanel,
    _plain,
    check_columns,
    periods_of,
    to_long,
    to_wide,
)
from .plotting import COLORS, new_axes, style

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


_SMALL_SAMPLE = ("nested", "full", "none")


def _label(key: str, lang: str | None, **fields: Any) -> str:
    """A text of this module from the label registry (keys ``did.*``)."""
    return _labels.label("did." + key, resolve_lang(lang), **fields)


def _alpha(alpha: float) -> float:
    return check_fraction(alpha, "alpha", low_open=True, high_open=True)


def _z(alpha: float) -> float:
    return float(_core.normal_quantile(1.0 - alpha / 2.0))


def _small_sample(value: str) -> str:
    if value not in _SMALL_SAMPLE:
        raise InvalidInputError(f"small_sample must be 'nested', 'full' or 'none', got {value!r}")
    return value


def _cluster_codes(values: pd.Series, column: str) -> np.ndarray:
    codes = np.asarray(pd.factorize(values, sort=True)[0])
    if (codes < 0).any():
        raise InvalidInputError(
            f"cluster={column!r}: missing cluster identifier in {int((codes < 0).sum())} rows"
        )
    return codes.astype(np.int32)


def _weights_column(frame: pd.DataFrame, column: str) -> np.ndarray:
    w = pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype=float)
    bad = ~np.isfinite(w) | (w <= 0)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise InvalidInputError(
            f"weights={column!r}: regression weights must be positive and finite; row "
            f"{frame.index[i]!r} has {_plain(frame[column].iloc[i])!r}"
        )
    return w


def _shade_pre(ax: Axes, x: np.ndarray, cut: float, lang: str | None) -> None:
    lo = float(np.min(x)) - 0.5
    if lo < cut:
        ax.axvspan(lo, cut, color=COLORS["light"], alpha=0.35, lw=0, label=_label("pre", lang))


def _period_column(values: np.ndarray, periods: Periods | None) -> pd.Series | np.ndarray:
    """Period values as the data's labels.

    Integers for whole-number periods, the original strings or dates otherwise.
    """
    if periods is None:
        return values
    labels = periods.labels_for(values)
    if periods.numeric and all(isinstance(v, int) for v in labels):
        return np.asarray(labels, dtype=np.int64)
    objects: np.ndarray = pd.Series(labels, dtype=object).to_numpy()
    return objects


# ============================================================================ 2x2 DiD
class TwoByTwoResult(Result):
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
    ci : tuple of float
    alpha : float
    """

    def __init__(self, raw: Any, outcome: str, alpha: float) -> None:
        m = np.asarray(raw.mean, dtype=float)
        self.means = pd.DataFrame(
            {"before": m[:, 0], "after": m[:, 1]}, index=["comparison", "treated"]
        )
        self.means["change"] = self.means["after"] - self.means["before"]
        self.means.loc["difference"] = self.means.loc["treated"] - self.means.loc["comparison"]
        s = np.asarray(raw.mean_se, dtype=float)
        self.means_se = pd.DataFrame(
            {"before": s[:, 0], "after": s[:, 1]}, index=["comparison", "treated"]
        )
        c = np.asarray(raw.count, dtype=int)
        self.counts = pd.DataFrame(
            {"before": c[:, 0], "after": c[:, 1]}, index=["comparison", "treated"]
        )
        self.did = float(raw.did)
        self.se = float(raw.se)
        self.n_clusters = int(raw.n_clusters)
        self.small_sample_factor = float(raw.small_sample_factor)
        self.outcome = outcome
        self.alpha = alpha
        z = _z(alpha)
        self.ci = (self.did - z * self.se, self.did + z * self.se)

    def summary(self) -> pd.DataFrame:
        """One row: the DiD, its standard error and confidence interval."""
        table: pd.DataFrame = pd.DataFrame(
            {
                "did": [self.did],
                "se": [self.se],
                "ci_lower": [self.ci[0]],
                "ci_upper": [self.ci[1]],
                "n_clusters": [self.n_clusters],
            },
            index=pd.Index([self.outcome], name="outcome"),
        )
        return table

    def to_frame(self) -> pd.DataFrame:
        """The cell-means table (with changes and differences)."""
        table: pd.DataFrame = self.means.copy()
        return table

    def plot(self, ax: Axes | None = None, lang: str | None = None) -> Axes:
        """Means before and after for both groups, with the treated group's counterfactual."""
        with style():
            ax = new_axes(ax)
            x = [0, 1]
            ax.plot(
                x,
                self.means.loc["comparison", ["before", "after"]],
                "o-",
                color=COLORS["neutral"],
                label=_label("comparison", lang),
            )
            ax.plot(
                x,
                self.means.loc["treated", ["before", "after"]],
                "o-",
                color=COLORS["primary"],
                label=_label("treated", lang),
            )
            # cells of the float means table (pandas types a .loc cell as any scalar)
            before = cast(float, self.means.loc["treated", "before"])
            change = cast(float, self.means.loc["comparison", "change"])
            ax.plot(
                x,
                [before, before + change],
                "o--",
                color=COLORS["primary"],
                alpha=0.5,
                label=_label("counterfactual", lang),
            )
            ax.set_xticks(x, [_label("before", lang), _label("after", lang)])
            ax.set_ylabel(f"{_label('mean', lang)}: {self.outcome}")
            ax.set_title(f"DiD = {self.did:.3f} ({self.se:.3f})")
            ax.legend()
        return ax

    def _title(self) -> str:
        return (
            f"2x2 difference-in-differences on {self.outcome}: {self.did:.4f} (s.e. {self.se:.4f})"
        )

    def _repr_html_(self) -> str:
        return html_table(self._title(), self.means)

    def _headline(self) -> str:
        return f"did={self.did:.4f}, se={self.se:.4f}"


def two_by_two(
    data: pd.DataFrame,
    *,
    outcome: str,
    treated: str,
    post: str,
    cluster: str | None = None,
    alpha: float = 0.05,
) -> TwoByTwoResult:
    """Canonical 2x2 difference-in-differences from cell means.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per observation (repeated cross-sections or a two-period panel).
    outcome : str
        Outcome column.
    treated, post : str
        0/1 columns: treated group, and after treatment.
    cluster : str, optional
        Cluster column for the CR1 standard error (default: HC1, each row its own cluster).
    alpha : float
        1 - confidence level (a fraction).

    Returns
    -------
    TwoByTwoResult
    """
    alpha = _alpha(alpha)
    check_columns(data, outcome=outcome, treated=treated, post=post, cluster=cluster)
    if not pd.api.types.is_numeric_dtype(data[outcome]):
        raise InvalidInputError(f"outcome column {outcome!r} must be numeric (outcome={outcome!r})")
    keep = data[outcome].notna().to_numpy()
    y = data[outcome].to_numpy(dtype=float)[keep]
    codes = []
    for argument, column in (("treated", treated), ("post", post)):
        values = pd.to_numeric(data[column], errors="coerce").to_numpy(dtype=float)[keep]
        bad = ~np.isin(values, (0.0, 1.0))
        if bad.any():
            raise InvalidInputError(
                f"{argument}={column!r}: values must be 0 or 1; found "
                f"{data[column].to_numpy()[keep][int(np.flatnonzero(bad)[0])]!r}"
            )
        codes.append(values.astype(np.int32))
    cl = np.zeros(0, dtype=np.int32)
    if cluster is not None:
        cl = _cluster_codes(pd.Series(data[cluster].to_numpy()[keep]), cluster)
    raw = _core.did.two_by_two(y, codes[0], codes[1], cl)
    return TwoByTwoResult(raw, outcome, alpha)


# ============================================================================ TWFE
class TwfeResult(Result):
    """Two-way fixed-effects regression.

    Attributes
    ----------
    coefficients : pandas.DataFrame
        Index: regressors; columns ``coef``, ``se``, ``ci_lower``, ``ci_upper``, ``z``,
        ``p_value``.
    vcov : pandas.DataFrame
        CR1 cluster-robust covariance.
    n_obs, n_clusters, n_params : int
    small_sample_factor : float
        The CR1 factor G/(G-1) * (N-1)/(N-K).
    """

    def __init__(
        self, raw: Any, alpha: float, outcome: str, small_sample: str, weights: str | None
    ) -> None:
        names = list(raw.names)
        coef = np.asarray(raw.coef, dtype=float)
        se = np.asarray(raw.se, dtype=float)
        z = _z(alpha)
        zstat = coef / se
        self.coefficients = pd.DataFrame(
            {
                "coef": coef,
                "se": se,
                "ci_lower": coef - z * se,
                "ci_upper": coef + z * se,
                "z": zstat,
                "p_value": [2.0 * (1.0 - _core.normal_cdf(abs(v))) for v in zstat],
            },
            index=pd.Index(names, name="term"),
        )
        self.vcov = pd.DataFrame(np.asarray(raw.vcov), index=names, columns=names)
        self.n_obs = int(raw.n_obs)
        self.n_clusters = int(raw.n_clusters)
        self.n_params = int(raw.n_params)
        self.small_sample_factor = float(raw.small_sample_factor)
        self.r2_within = float(raw.r2_within)
        self.alpha = alpha
        self.outcome = outcome
        self.small_sample = small_sample
        self.weights = weights

    def summary(self) -> pd.DataFrame:
        """The coefficient table."""
        table: pd.DataFrame = self.coefficients.copy()
        return table

    def to_frame(self) -> pd.DataFrame:
        """The coefficient table (same as :meth:`summary`)."""
        table: pd.DataFrame = self.coefficients.copy()
        return table

    def plot(self, ax: Axes | None = None, lang: str | None = None) -> Axes:
        """Coefficients with confidence intervals."""
        with style():
            ax = new_axes(ax)
            c = self.coefficients
            y = np.arange(len(c))
            ax.errorbar(
                c["coef"],
                y,
                xerr=[c["coef"] - c["ci_lower"], c["ci_upper"] - c["coef"]],
                fmt="o",
                color=COLORS["primary"],
                capsize=3,
            )
            ax.axvline(0.0, color=COLORS["neutral"], lw=1)
            ax.set_yticks(y, list(c.index))
            level = round(100 * (1 - self.alpha))
            ax.set_xlabel(f"{_label('coef', lang)} ({_label('ci', lang, level=level)})")
        return ax

    def _title(self) -> str:
        return (
            f"TWFE on {self.outcome}: N = {self.n_obs}, {self.n_clusters} clusters (CR1, "
            f"small_sample={self.small_sample!r})"
        )

    def _notes(self) -> list[str]:
        return [f"regression weights: {self.weights!r}"] if self.weights else []

    def _headline(self) -> str:
        first = self.coefficients.index[0]
        return (
            f"{first}={self.coefficients.iloc[0]['coef']:.4f} "
            f"(se {self.coefficients.iloc[0]['se']:.4f}), n_obs={self.n_obs}"
        )


def _long_codes(frame: pd.DataFrame, unit: str, time: str) -> tuple[np.ndarray, Periods]:
    missing = frame[unit].isna().to_numpy()
    if missing.any():
        raise InvalidInputError(
            f"unit column {unit!r} has a missing value (row {frame.index[missing][0]!r})"
        )
    codes = np.asarray(pd.factorize(frame[unit])[0], dtype=np.int32)
    return codes, periods_of(frame, time)


def twfe(
    data: pd.DataFrame,
    *,
    unit: str,
    time: str,
    outcome: str,
    treatment: str,
    covariates: Sequence[str] | str | None = None,
    cluster: str | None = None,
    weights: str | None = None,
    small_sample: str = "nested",
    alpha: float = 0.05,
    n_threads: int | None = None,
) -> TwfeResult:
    """Two-way fixed-effects regression y_it = a_i + l_t + b D_it + X_it'g + e_it.

    Works on balanced and unbalanced panels (the fixed effects are absorbed by
    alternating projections). Rows with a missing outcome, treatment, covariate or
    weight are left out.

    Parameters
    ----------
    data : pandas.DataFrame
        Long panel data.
    unit, time, outcome, treatment : str
        Column names; ``treatment`` is the (0/1 or continuous) treatment variable.
    covariates : sequence of str, optional
        Further regressors.
    cluster : str, optional
        Cluster column (default: the unit).
    weights : str, optional
        Column of positive regression weights (analytic weights, as pyfixest's
        ``weights=``).
    small_sample : {"nested", "full", "none"}
        How the CR1 factor counts fixed effects (see the module docstring).
    alpha : float
        1 - confidence level.
    n_threads : int, optional
        Threads of the within transformation (None: ``innozone.options.n_threads``).

    Returns
    -------
    TwfeResult
    """
    alpha = _alpha(alpha)
    small_sample = _small_sample(small_sample)
    threads = resolve_threads(n_threads)
    covs = [covariates] if isinstance(covariates, str) else list(covariates or [])
    check_columns(
        data,
        unit=unit,
        time=time,
        outcome=outcome,
        treatment=treatment,
        covariates=covs,
        cluster=cluster,
        weights=weights,
    )
    cols = [outcome, treatment, *covs]
    for c in cols:
        if not pd.api.types.is_numeric_dtype(data[c]):
            raise InvalidInputError(f"column {c!r} must be numeric (dtype {data[c].dtype})")
    frame = data.dropna(subset=cols + ([weights] if weights else []))
    if len(frame) == 0:
        raise InvalidInputError("twfe: no row has all of " + ", ".join(map(repr, cols)))
    u, periods = _long_codes(frame, unit, time)
    cl = np.zeros(0, dtype=np.int32) if cluster is None else _cluster_codes(frame[cluster], cluster)
    w = np.zeros(0) if weights is None else _weights_column(frame, weights)
    raw = _core.did.fe_regression(
        frame[outcome].to_numpy(dtype=float),
        frame[[treatment, *covs]].to_numpy(dtype=float),
        u,
        periods.codes.astype(np.int32),
        cl,
        [treatment, *covs],
        False,
        small_sample,
        w,
        threads,
    )
    return TwfeResult(raw, alpha, outcome, small_sample, weights)


# ============================================================================ event study
class _PanelColumns(TypedDict):
    """The column arguments :func:`callaway_santanna` passes on to ``to_long``/``to_wide``."""

    time: str
    outcome: str
    first_treated: str | None
    treatment: str | None
    covariates: Sequence[str] | str | None
    cluster: str | None
    weights: str | None


class _EventStudyPretest(TypedDict):
    """The joint Wald pre-test of an event study (see :class:`EventStudyResult`)."""

    statistic: float
    df: int
    p_value: float
    note: str


class EventStudyResult(Result):
    """TWFE event study.

    Attributes
    ----------
    coefficients : pandas.DataFrame
        Index ``event_time``; columns ``coef``, ``se``, ``ci_lower``, ``ci_upper``,
        ``pre`` (True before the reference period). The reference row has coefficient 0.
    pretest : dict
        Joint Wald test that all pre-period coefficients are zero: ``statistic``, ``df``,
        ``p_value`` (chi-square, CR1 covariance); ``df`` 0 and NaN values when there is
        no pre-period coefficient (``note`` says why).
    reference : int
    n_obs, n_clusters : int
    small_sample_factor : float
    """

    def __init__(
        self, raw: Any, reference: int, alpha: float, outcome: str, small_sample: str
    ) -> None:
        e = np.asarray(raw.rel_time, dtype=int)
        coef = np.asarray(raw.coef, dtype=float)
        se = np.asarray(raw.se, dtype=float)
        z = _z(alpha)
        self.coefficients = pd.DataFrame(
            {
                "coef": coef,
                "se": se,
                "ci_lower": coef - z * se,
                "ci_upper": coef + z * se,
                "pre": e < reference,
            },
            index=pd.Index(e, name="event_time"),
        )
        self.pretest: _EventStudyPretest = {
            "statistic": float(raw.pretest_statistic),
            "df": int(raw.pretest_df),
            "p_value": float(raw.pretest_p_value),
            "note": str(raw.pretest_note),
        }
        reg = raw.regression
        self.n_obs = int(reg.n_obs)
        self.n_clusters = int(reg.n_clusters)
        self.small_sample_factor = float(reg.small_sample_factor)
        self.reference = reference
        self.alpha = alpha
        self.outcome = outcome
        self.small_sample = small_sample

    def _pretest_text(self, lang: str | None = "en") -> str:
        p = self.pretest
        if p["df"] == 0:
            return p["note"]
        return (
            f"{_label('pretest', lang)}: chi2({p['df']}) = {p['statistic']:.3f}, "
            f"p = {p['p_value']:.4f}"
        )

    def summary(self) -> pd.DataFrame:
        """The coefficient table with the pre-trend test in ``attrs['pretest']``."""
        out: pd.DataFrame = self.coefficients.copy()
        out.attrs["pretest"] = dict(self.pretest)
        return out

    def to_frame(self) -> pd.DataFrame:
        """The coefficient table."""
        table: pd.DataFrame = self.coefficients.copy()
        return table

    def plot(self, ax: Axes | None = None, lang: str | None = None) -> Axes:
        """Event-study coefficients with confidence intervals; pre-periods shaded."""
        with style():
            ax = new_axes(ax)
            c = self.coefficients
            x = c.index.to_numpy(dtype=float)
            _shade_pre(ax, x, self.reference + 0.5, lang)
            ax.axhline(0.0, color=COLORS["neutral"], lw=1)
            ax.errorbar(
                x,
                c["coef"],
                yerr=[c["coef"] - c["ci_lower"], c["ci_upper"] - c["coef"]],
                fmt="o",
                color=COLORS["primary"],
                capsize=3,
                label=_label("ci", lang, level=round(100 * (1 - self.alpha))),
            )
            ax.plot(
                [self.reference],
                [0.0],
                "s",
                color=COLORS["accent"],
                label=_label("reference", lang),
            )
            ax.set_xlabel(_label("event_time", lang))
            ax.set_ylabel(f"{_label('effect', lang)}: {self.outcome}")
            if self.pretest["df"] > 0:
                ax.set_title(
                    f"{_label('pretest', lang)}: chi2({self.pretest['df']}) = "
                    f"{self.pretest['statistic']:.2f}, p = {self.pretest['p_value']:.3f}"
                )
            ax.legend()
        return ax

    def _title(self) -> str:
        return (
            f"TWFE event study on {self.outcome} (reference period {self.reference}; CR1, "
            f"{self.n_clusters} clusters)"
        )

    def _notes(self) -> list[str]:
        return [self._pretest_text()]

    def _repr_html_(self) -> str:
        return html_table(self._title(), self.coefficients, self._notes())

    def _headline(self) -> str:
        e = self.coefficients.index
        head = f"event times {int(e.min())}..{int(e.max())}"
        if self.pretest["df"] > 0:
            head += f", pre-trend p={self.pretest['p_value']:.4f}"
        return head


def _first_treated_rows(
    frame: pd.DataFrame,
    unit: str,
    time: str,
    first_treated: str | None,
    treatment: str | None,
) -> tuple[np.ndarray, np.ndarray, Periods]:
    """Unit codes, first treated period values per row (0 = never) and the periods."""
    if (first_treated is None) == (treatment is None):
        raise InvalidInputError(
            "give exactly one of first_treated= (first treated period) or treatment= (0/1)"
        )
    from .panel import _first_from_indicator, _first_treated_values, _unit_codes

    u_codes, u_levels = _unit_codes(frame, unit, sort=False)
    periods = periods_of(frame, time)
    if first_treated is not None:
        g = _first_treated_values(frame, first_treated, "first_treated", periods, u_levels[u_codes])
    else:
        assert treatment is not None
        g = _first_from_indicator(frame, treatment, periods, u_codes, u_levels)
    return u_codes.astype(np.int32), g, periods


def event_study(
    data: pd.DataFrame,
    *,
    unit: str,
    time: str,
    outcome: str,
    first_treated: str | None = None,
    treatment: str | None = None,
    reference: int = -1,
    window: tuple[int, int] | None = None,
    bin_endpoints: bool = True,
    cluster: str | None = None,
    weights: str | None = None,
    small_sample: str = "nested",
    alpha: float = 0.05,
    n_threads: int | None = None,
) -> EventStudyResult:
    """Dynamic TWFE event study with a reference period and a joint pre-trend test.

    y_it = a_i + l_t + sum_{e != reference} b_e 1[t - G_i = e] + e_it, where G_i is the
    first treated period (never-treated units have no dummies). Note that with staggered
    adoption and heterogeneous effects the TWFE coefficients mix cohorts (Sun & Abraham
    2021); :func:`callaway_santanna` is robust to that.

    Parameters
    ----------
    data : pandas.DataFrame
        Long panel data.
    unit, time, outcome : str
        Column names.
    first_treated, treatment : str
        Exactly one: first treated period (0/NaN = never) or a 0/1 indicator.
    reference : int
        Omitted relative period (default -1, the period before treatment).
    window : (int, int), optional
        Event window; relative periods outside are binned into the end points
        (``bin_endpoints=True``) or get no dummy.
    cluster : str, optional
        Cluster column (default: the unit).
    weights : str, optional
        Column of positive regression weights (analytic weights, as pyfixest).
    small_sample : {"nested", "full", "none"}
        See the module docstring.
    alpha : float
    n_threads : int, optional
        Threads of the within transformation (None: ``innozone.options.n_threads``).

    Returns
    -------
    EventStudyResult
    """
    alpha = _alpha(alpha)
    small_sample = _small_sample(small_sample)
    threads = resolve_threads(n_threads)
    check_columns(
        data,
        unit=unit,
        time=time,
        outcome=outcome,
        first_treated=first_treated,
        treatment=treatment,
        cluster=cluster,
        weights=weights,
    )
    if not pd.api.types.is_numeric_dtype(data[outcome]):
        raise InvalidInputError(f"outcome column {outcome!r} must be numeric (outcome={outcome!r})")
    u_all, g_all, periods_all = _first_treated_rows(data, unit, time, first_treated, treatment)
    keep = data[outcome].notna().to_numpy().copy()
    if weights is not None:
        keep &= data[weights].notna().to_numpy()
    frame = data.loc[keep] if not keep.all() else data
    lo, hi = (1, 0) if window is None else (int(window[0]), int(window[1]))
    if window is not None and lo > hi:
        raise InvalidInputError(f"window={window!r}: the first end must not exceed the second")
    cl = np.zeros(0, dtype=np.int32) if cluster is None else _cluster_codes(frame[cluster], cluster)
    w = np.zeros(0) if weights is None else _weights_column(frame, weights)
    raw = _core.did.event_study(
        frame[outcome].to_numpy(dtype=float),
        u_all[keep],
        periods_all.codes[keep].astype(np.int32),
        periods_all.values,
        g_all[keep],
        cl,
        w,
        int(reference),
        lo,
        hi,
        bool(bin_endpoints),
        small_sample,
        threads,
    )
    return EventStudyResult(raw, int(reference), alpha, outcome, small_sample)


# ============================================================================ Callaway & Sant'Anna
_AGG_LABEL = {"simple": None, "group": "group", "dynamic": "event_time", "calendar": "time"}


class AggregationResult(Result):
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

    def __init__(self, raw: Any, alpha: float, outcome: str, periods: Periods | None) -> None:
        self.type = str(raw.type)
        self.overall_att = float(raw.overall_att)
        self.overall_se = float(raw.overall_se)
        self.overall_se_analytic = float(raw.overall_se_analytic)
        z = _z(alpha)
        self.overall_ci = (
            self.overall_att - z * self.overall_se,
            self.overall_att + z * self.overall_se,
        )
        self.crit_value = float(raw.crit_value)
        self._label = np.asarray(raw.label, dtype=float)
        self._att = np.asarray(raw.att, dtype=float)
        self._se = np.asarray(raw.se, dtype=float)
        self._se_analytic = np.asarray(raw.se_analytic, dtype=float)
        self._periods = periods
        self.alpha = alpha
        self.outcome = outcome

    @functools.cached_property
    def table(self) -> pd.DataFrame:
        """Per group / event time / period: ``att``, ``se``, ``se_analytic``, uniform band."""
        name = _AGG_LABEL[self.type] or "label"
        if self.type == "dynamic":
            index = pd.Index(self._label.astype(int), name=name)
        else:
            index = pd.Index(_period_column(self._label, self._periods), name=name)
        att, se = self._att, self._se
        table: pd.DataFrame = pd.DataFrame(
            {
                "att": att,
                "se": se,
                "se_analytic": self._se_analytic,
                "band_lower": att - self.crit_value * se,
                "band_upper": att + self.crit_value * se,
            },
            index=index,
        )
        return table

    def summary(self) -> pd.DataFrame:
        """The overall parameter: ATT, standard errors and confidence interval."""
        table: pd.DataFrame = pd.DataFrame(
            {
                "att": [self.overall_att],
                "se": [self.overall_se],
                "se_analytic": [self.overall_se_analytic],
                "ci_lower": [self.overall_ci[0]],
                "ci_upper": [self.overall_ci[1]],
            },
            index=pd.Index([self.type], name="aggregation"),
        )
        return table

    def to_frame(self) -> pd.DataFrame:
        """Per-group / event-time / period effects with uniform bands."""
        table: pd.DataFrame = self.table.copy()
        return table

    def plot(self, ax: Axes | None = None, lang: str | None = None) -> Axes:
        """Effects with uniform bands; for event time, pre-treatment periods are shaded."""
        with style():
            ax = new_axes(ax)
            numeric_x = self._periods is None or self._periods.numeric or self.type == "dynamic"
            if self.type == "simple":
                x = np.array([0.0])
                att = np.array([self.overall_att])
                lo = np.array([self.overall_ci[0]])
                hi = np.array([self.overall_ci[1]])
                ax.set_xticks([0], ["ATT"])
                band = _label("ci", lang, level=round(100 * (1 - self.alpha)))
            else:
                x = (
                    self.table.index.to_numpy(dtype=float)
                    if numeric_x
                    else self._label.astype(float)
                )
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
                if self.type != "simple":
                    if numeric_x:
                        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
                    else:
                        ax.set_xticks(x, [str(v) for v in self.table.index])
            ax.axhline(0.0, color=COLORS["neutral"], lw=1)
            ax.vlines(x, lo, hi, colors=colors, lw=2, label=band)
            ax.scatter(x, att, color=colors, zorder=3)
            ax.set_ylabel(f"ATT: {self.outcome}")
            ax.set_title(
                _label(
                    "aggregation_title",
                    lang,
                    type=_label(f"aggregation.{self.type}", lang),
                    att=f"{self.overall_att:.4f}",
                    se=f"{self.overall_se:.4f}",
                )
            )
            ax.legend()
        return ax

    def _title(self) -> str:
        return (
            f"Callaway & Sant'Anna, {self.type} aggregation: ATT = {self.overall_att:.4f} "
            f"(s.e. {self.overall_se:.4f})"
        )

    def _repr_html_(self) -> str:
        return html_table(self._title(), self.table if self.type != "simple" else self.summary())

    def _headline(self) -> str:
        return f"att={self.overall_att:.4f}, se={self.overall_se:.4f}"


class CallawaySantAnnaResult(Result):
    """Group-time average treatment effects and their aggregations.

    Attributes
    ----------
    att_gt : pandas.DataFrame
        One row per (group, time): ``group``, ``time``, ``base_period`` (as the data's
        periods: integers, strings or dates), ``post``, ``att``, ``se`` (bootstrap if
        ``n_boot > 0``, else analytic), ``se_analytic``, ``band_lower``/``band_upper``
        (uniform band over all cells), ``n_treated``, ``n_control``.
    crit_value : float
        Sup-t critical value of the ATT(g,t) band.
    pretest : dict
        Wald pre-test that all pre-treatment ATT(g,t) are zero (analytic covariance, as
        R's ``did``): ``statistic``, ``df``, ``p_value``.
    n_units, n_clusters, n_boot : int
        ``n_units`` counts observations for repeated cross-sections.
    notes : list of str
        Adjustments made (dropped units, periods).
    settings : dict
        The options used.
    """

    def __init__(
        self, raw: Any, run: Any, settings: dict[str, Any], outcome: str, periods: Periods
    ) -> None:
        gt = raw.att_gt
        self.crit_value = float(gt.crit_value)
        self._gt = gt
        self._raw = raw
        self.pretest = {
            "statistic": float(raw.pretest_statistic),
            "df": int(raw.pretest_df),
            "p_value": float(raw.pretest_p_value),
        }
        self.n_units = int(raw.n_units)
        self.n_clusters = int(raw.n_clusters)
        self.n_boot = int(raw.n_boot)
        self.notes = list(raw.notes)
        self.influence = np.asarray(raw.influence)
        self.settings = dict(settings)
        self.outcome = outcome
        self.periods = periods
        self._run = run
        self._aggregations: dict[str, AggregationResult] = {}

    @functools.cached_property
    def att_gt(self) -> pd.DataFrame:
        """The ATT(g,t) table (see the class docstring)."""
        gt = self._gt
        att = np.asarray(gt.att, dtype=float)
        se = np.asarray(gt.se, dtype=float)
        table: pd.DataFrame = pd.DataFrame(
            {
                "group": _period_column(np.asarray(gt.group), self.periods),
                "time": _period_column(np.asarray(gt.time), self.periods),
                "base_period": _period_column(np.asarray(gt.base_time), self.periods),
                "post": np.asarray(gt.post, dtype=bool),
                "att": att,
                "se": se,
                "se_analytic": np.asarray(gt.se_analytic, dtype=float),
                "band_lower": att - self.crit_value * se,
                "band_upper": att + self.crit_value * se,
                "n_treated": np.asarray(gt.n_treated),
                "n_control": np.asarray(gt.n_control),
            }
        )
        return table

    def aggregate(
        self,
        type: str = "dynamic",
        *,
        balance_e: int | None = None,
        min_e: float | None = None,
        max_e: float | None = None,
    ) -> AggregationResult:
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
                f"type={type!r}: must be one of 'simple', 'group', 'dynamic' (or 'event'), "
                "'calendar'"
            )
        alpha = float(self.settings["alpha"])
        if balance_e is None and min_e is None and max_e is None:
            if key not in self._aggregations:
                self._aggregations[key] = AggregationResult(
                    getattr(self._raw, key), alpha, self.outcome, self.periods
                )
            return self._aggregations[key]
        settings = dict(self.settings)
        settings.update(balance_e=balance_e, min_e=min_e, max_e=max_e, progress=False)
        raw = self._run(settings)
        return AggregationResult(getattr(raw, key), alpha, self.outcome, self.periods)

    def summary(self) -> pd.DataFrame:
        """The overall parameter of every aggregation (ATT, standard errors, interval)."""
        return pd.concat(
            [self.aggregate(t).summary() for t in ("simple", "group", "dynamic", "calendar")]
        )

    def to_frame(self) -> pd.DataFrame:
        """The ATT(g,t) table."""
        table: pd.DataFrame = self.att_gt.copy()
        return table

    def _pretest_text(self, lang: str | None = "en") -> str:
        p = self.pretest
        if p["df"] == 0 or math.isnan(p["p_value"]):
            return next(
                (n for n in self.notes if n.startswith("pre-test")), "pre-test not reported"
            )
        return (
            f"Wald {_label('pretest_cs', lang)}: chi2({p['df']}) = {p['statistic']:.3f}, "
            f"p = {p['p_value']:.5f}"
        )

    def plot(
        self, ax: Axes | None = None, lang: str | None = None, *, kind: str = "dynamic"
    ) -> Axes:
        """Plot the event study, another aggregation, or the ATT(g,t) cells.

        ``kind="dynamic"`` (default) is the event study; ``kind="att_gt"`` draws ATT(g,t) by
        period, one series per group, with uniform bands and pre-treatment cells in grey.
        """
        if kind != "att_gt":
            ax = self.aggregate(kind).plot(ax=ax, lang=lang)
            p = self.pretest
            if kind in ("dynamic", "event") and p["df"] > 0 and not math.isnan(p["p_value"]):
                with style():
                    ax.text(
                        0.01,
                        0.02,
                        f"{_label('pretest_cs', lang)}: chi2({p['df']}) = "
                        f"{p['statistic']:.2f}, p = {p['p_value']:.3f}",
                        transform=ax.transAxes,
                        fontsize=8,
                        color=COLORS["neutral"],
                    )
            return ax
        with style():
            ax = new_axes(ax)
            gt = self._gt
            group = np.asarray(gt.group, dtype=float)
            time = np.asarray(gt.time, dtype=float)
            att = np.asarray(gt.att, dtype=float)
            se = np.asarray(gt.se, dtype=float)
            lo, hi = att - self.crit_value * se, att + self.crit_value * se
            post = np.asarray(gt.post, dtype=bool)
            groups = sorted(set(group.tolist()))
            width = 0.8 / max(1, len(groups))
            palette = [
                COLORS[k] for k in ("primary", "accent", "secondary", "purple", "orange", "sky")
            ]
            ax.axhline(0.0, color=COLORS["neutral"], lw=1)
            for k, g in enumerate(groups):
                rows = group == g
                x = time[rows] + (k - (len(groups) - 1) / 2) * width
                color = palette[k % len(palette)]
                ax.vlines(
                    x,
                    lo[rows],
                    hi[rows],
                    colors=color,
                    lw=2,
                    alpha=0.9,
                    label=f"{_label('group', lang)}: {self.periods.label_of(g)}",
                )
                p = post[rows]
                ax.scatter(x[p], att[rows][p], color=color, zorder=3)
                ax.scatter(x[~p], att[rows][~p], facecolors="white", edgecolors=color, zorder=3)
            if self.periods.numeric:
                ax.xaxis.set_major_locator(MaxNLocator(integer=True))
            else:
                ticks = sorted(set(time.tolist()))
                ax.set_xticks(ticks, [str(self.periods.label_of(t)) for t in ticks])
            ax.legend(title=f"{_label('pre', lang)}: o")
            ax.set_xlabel(_label("time", lang))
            ax.set_ylabel(f"ATT(g,t): {self.outcome}")
            ax.set_title(_label("band", lang, level=round(100 * (1 - self.settings["alpha"]))))
        return ax

    def _title(self) -> str:
        return "Callaway & Sant'Anna (2021) group-time average treatment effects ATT(g,t)"

    def _notes(self) -> list[str]:
        s = self.settings
        return [
            self._pretest_text(),
            (
                f"{self.n_units} units, {self.n_clusters} clusters, data: {s['data_kind']}, control "
                f"group: {s['control_group']}, method: {s['method']}, base period: "
                f"{s['base_period']}, bootstrap draws: {self.n_boot}"
            ),
            *self.notes,
        ]

    def _repr_html_(self) -> str:
        return html_table("Callaway & Sant'Anna (2021): aggregations", self.summary()) + html_table(
            self._title(), self.att_gt, self._notes()
        )

    def _headline(self) -> str:
        simple = self.aggregate("simple")
        text = (
            f"cells={len(self.att_gt)}, simple ATT={simple.overall_att:.4f}, "
            f"se={simple.overall_se:.4f}"
        )
        return text[: REPR_LIMIT // 2]


_CONTROL = {
    "never_treated": "never_treated",
    "nevertreated": "never_treated",
    "never": "never_treated",
    "not_yet_treated": "not_yet_treated",
    "notyettreated": "not_yet_treated",
    "not_yet": "not_yet_treated",
}


def _cs_options(s: dict[str, Any]) -> dict[str, Any]:
    inf = math.inf
    return {
        "control_group": s["control_group"],
        "method": s["method"],
        "base_period": s["base_period"],
        "anticipation": int(s["anticipation"]),
        "alpha": float(s["alpha"]),
        "n_boot": int(s["n_boot"]),
        "boot_weights": s["boot_weights"],
        "seed": int(s["seed"]),
        "min_e": -inf if s.get("min_e") is None else float(s["min_e"]),
        "max_e": inf if s.get("max_e") is None else float(s["max_e"]),
        "balance_e": -1 if s.get("balance_e") is None else int(s["balance_e"]),
        "n_threads": int(s["n_threads"]),
    }


def _run_wide(panel: WidePanel, s: dict[str, Any]) -> Any:
    covs: list[np.ndarray] = []
    if panel.covariates is not None:
        covs = [np.ascontiguousarray(panel.covariates[t]) for t in range(panel.n_periods)]
    assert panel.first_treated is not None
    with progress_callback(s.get("progress"), "Callaway & Sant'Anna bootstrap") as callback:
        return _core.did.callaway_santanna(
            panel.outcome,
            panel.periods,
            panel.first_treated,
            covs,
            np.zeros(0, dtype=np.int32)
            if panel.cluster is None
            else panel.cluster.astype(np.int32),
            np.zeros(0) if panel.weights is None else panel.weights,
            progress=callback,
            **_cs_options(s),
        )


def _run_long(panel: LongPanel, s: dict[str, Any]) -> Any:
    assert panel.first_treated is not None
    with progress_callback(s.get("progress"), "Callaway & Sant'Anna bootstrap") as callback:
        return _core.did.callaway_santanna_long(
            panel.outcome,
            panel.period.astype(np.int32),
            panel.time_info.values,
            panel.unit.astype(np.int32),
            panel.first_treated,
            panel.covariates,
            np.zeros(0) if panel.weights is None else panel.weights,
            np.zeros(0, dtype=np.int32)
            if panel.cluster is None
            else panel.cluster.astype(np.int32),
            progress=callback,
            **_cs_options(s),
        )


def callaway_santanna(
    data: pd.DataFrame,
    *,
    unit: str | None,
    time: str,
    outcome: str,
    first_treated: str | None = None,
    treatment: str | None = None,
    covariates: Sequence[str] | str | None = None,
    control_group: str = "never_treated",
    method: str = "dr",
    base_period: str = "varying",
    anticipation: int = 0,
    n_boot: int = 999,
    boot_weights: str = "mammen",
    alpha: float = 0.05,
    seed: int | None = None,
    cluster: str | None = None,
    weights: str | None = None,
    balance_e: int | None = None,
    min_e: float | None = None,
    max_e: float | None = None,
    unbalanced: str = "drop",
    repeated_cross_sections: bool = False,
    n_threads: int | None = None,
    progress: ProgressLike = False,
) -> CallawaySantAnnaResult:
    """Callaway & Sant'Anna (2021) group-time average treatment effects.

    Example (R ``did``'s minimum-wage example)::

        res = did.callaway_santanna(mpdta, unit="countyreal", time="year", outcome="lemp",
                                    first_treated="first.treat", covariates=["lpop"])
        res.aggregate("dynamic").plot()

    Parameters
    ----------
    data : pandas.DataFrame
        Long data: one row per unit and period (or per observation for repeated
        cross-sections).
    unit, time, outcome : str
        Column names; periods may be numbers, strings or dates. ``unit`` may be None
        with ``repeated_cross_sections=True``.
    first_treated : str, optional
        First treated period (0 or NaN = never treated).
    treatment : str, optional
        0/1 treatment indicator (staggered: once on, stays on), instead of
        ``first_treated``.
    covariates : sequence of str, optional
        Covariates for conditional parallel trends. On a balanced panel each (g,t) cell
        uses their values in the earlier of its two periods (R ``did``); on repeated
        cross-sections and unbalanced panels every observation its own.
    control_group : {"never_treated", "not_yet_treated"}
        Comparison units (R spellings "nevertreated"/"notyettreated" accepted).
    method : {"dr", "reg", "ipw", "dr_improved"}
        Doubly robust (logit + OLS, R ``did``'s default; the locally efficient
        ``DRDID::drdid_rc`` on repeated cross-sections), outcome regression,
        standardised inverse-probability weighting, or Sant'Anna & Zhao's improved DR
        (balanced panels only).
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
        1 - confidence level of intervals and bands (a fraction).
    seed : int, optional
        Fixes the bootstrap (None: ``innozone.options.seed``). Each replicate has its own
        Philox stream, so the result does not depend on ``n_threads``.
    cluster : str, optional
        Cluster column (constant within units) for clustered inference; units otherwise.
    weights : str, optional
        Column of sampling weights (constant within units on panels; R ``did``'s
        ``weightsname``): used in every 2x2 estimator and in the group shares of the
        aggregations.
    balance_e, min_e, max_e : optional
        Event-time balancing and window of the dynamic aggregation (as R's ``aggte``).
    unbalanced : {"drop", "error", "keep"}
        Units with missing periods are dropped with a warning naming them, rejected, or
        kept ("keep": R ``did``'s ``allow_unbalanced_panel = TRUE``; each (g,t) cell then
        uses the repeated-cross-section estimators on the observations of its two
        periods, with influence functions summed per unit; a balanced panel gives the
        panel estimates).
    repeated_cross_sections : bool
        Every row is a separate observation (R ``did``'s ``panel = FALSE``); ``unit``,
        if given, must not repeat.
    n_threads : int, optional
        Worker threads for the bootstrap (None: ``innozone.options.n_threads``).
    progress : bool or callable
        True shows a tqdm bar; a callable gets ``(done, total)`` and may return False to
        cancel.

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
    if unbalanced not in ("drop", "error", "keep"):
        raise InvalidInputError(f"unbalanced={unbalanced!r}: must be 'drop', 'error' or 'keep'")
    if (first_treated is None) == (treatment is None):
        raise InvalidInputError(
            "give exactly one of first_treated= (first treated period) or treatment= (0/1)"
        )
    if unit is None and not repeated_cross_sections:
        raise InvalidInputError("unit= is required unless repeated_cross_sections=True")
    n_boot = check_count(n_boot, "n_boot", minimum=0)
    anticipation = check_count(anticipation, "anticipation", minimum=0)
    if balance_e is not None:
        balance_e = check_count(balance_e, "balance_e", minimum=0)
    alpha = _alpha(alpha)
    if repeated_cross_sections and treatment is not None:
        raise InvalidInputError(
            "repeated_cross_sections=True needs first_treated= (a 0/1 treatment indicator "
            "cannot be followed over time without units)"
        )
    settings: dict[str, Any] = {
        "control_group": _CONTROL[control_group],
        "method": method,
        "base_period": base_period,
        "anticipation": anticipation,
        "n_boot": n_boot,
        "boot_weights": boot_weights,
        "alpha": alpha,
        "seed": resolve_seed(seed),
        "balance_e": balance_e,
        "min_e": min_e,
        "max_e": max_e,
        "n_threads": resolve_threads(n_threads),
        "progress": progress,
        "weights": weights,
        "unbalanced": unbalanced,
    }
    kw: _PanelColumns = {
        "time": time,
        "outcome": outcome,
        "first_treated": first_treated,
        "treatment": treatment,
        "covariates": covariates,
        "cluster": cluster,
        "weights": weights,
    }
    dropped_note: str | None = None
    run: Any
    if repeated_cross_sections:
        if unit is not None:
            check_columns(data, unit=unit)
            repeats = data[unit].duplicated()
            if repeats.any():
                raise InvalidInputError(
                    f"repeated_cross_sections=True: unit {unit!r} value "
                    f"{_plain(data.loc[repeats, unit].iloc[0])!r} appears in more than one row; "
                    "for a panel use repeated_cross_sections=False (with unbalanced='keep' "
                    "if it is unbalanced)"
                )
        long = to_long(data, unit=None, **kw)
        settings["data_kind"] = "repeated cross-sections"
        settings["covariates"] = list(long.covariate_names)
        periods = long.time_info
        labels = long.units

        def run(s: dict[str, Any]) -> Any:
            return _run_long(long, s)
    elif unbalanced == "keep":
        long = to_long(data, unit=unit, **kw)
        settings["covariates"] = list(long.covariate_names)
        periods = long.time_info
        labels = long.units
        if long.balanced and long.n_dropped_rows == 0:
            wide = to_wide(data, unit=unit, **kw, unbalanced="error")  # type: ignore[arg-type]
            settings["data_kind"] = "balanced panel"
            labels = list(wide.units)

            def run(s: dict[str, Any]) -> Any:
                return _run_wide(wide, s)
        else:
            settings["data_kind"] = "unbalanced panel"

            def run(s: dict[str, Any]) -> Any:
                return _run_long(long, s)
    else:
        wide = to_wide(data, unit=unit, unbalanced=unbalanced, **kw)  # type: ignore[arg-type]
        settings["data_kind"] = "balanced panel"
        settings["covariates"] = list(wide.covariate_names)
        assert wide.time_info is not None
        periods = wide.time_info
        labels = list(wide.units)
        if wide.dropped_units:
            dropped_note = f"dropped (unbalanced): {len(wide.dropped_units)} units"

        def run(s: dict[str, Any]) -> Any:
            return _run_wide(wide, s)

    raw = run(settings)
    settings["progress"] = False
    result = CallawaySantAnnaResult(raw, run, settings, outcome, periods)
    dropped = np.asarray(raw.dropped_units, dtype=int)
    if len(dropped):
        names = ", ".join(repr(_plain(labels[i])) for i in dropped[:10])
        more = len(dropped) - 10
        ant = f" (counting {anticipation} period(s) of anticipation)" if anticipation else ""
        first_label = periods.labels[0]
        message = (
            f"{len(dropped)} units already treated in the first period "
            f"{first_label}{ant} were dropped: {names}" + (f" and {more} more" if more > 0 else "")
        )
        warnings.warn(message, InnozoneWarning, stacklevel=2)
        result.notes.append(message)
    if dropped_note:
        result.notes.append(dropped_note)
    return result
