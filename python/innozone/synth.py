"""Synthetic control and synthetic difference-in-differences (합성통제법, 합성 이중차분법).

Two estimators for the question "what would have happened to the treated region without
the program?" when only one or a few regions are treated:

:func:`synthetic_control`
    Abadie & Gardeazabal (2003) and Abadie, Diamond & Hainmueller (2010, "ADH"): a convex
    combination of donor regions (weights W on the simplex) that reproduces the treated
    region's predictors, with predictor weights V chosen so that the synthetic region
    tracks the treated outcome before treatment. Inference by in-space placebos: every
    donor is treated in turn and the treated region's ratio of post- to pre-treatment
    RMSPE is ranked among the placebo ratios. Several treated regions are fitted one by
    one (each against the never-treated donors) and their gaps averaged. The V search is
    local by default (a few Nelder-Mead starts) or global (``v_search="global"``: a
    multi-start search from many random points of the simplex of V).

:func:`synthdid`
    Arkhangelsky, Athey, Hirshberg, Imbens & Wager (2021): unit weights omega and time
    weights lambda (ridge-regularised, found by Frank-Wolfe) and a weighted two-way
    difference; ``method="sc"`` and ``method="did"`` give the synthetic-control and
    difference-in-differences special cases of the R package ``synthdid``. Staggered
    adoption is estimated cohort by cohort against the never-treated units and averaged
    with weights N_tr x T_post, as the Stata command ``sdid`` does; covariates enter by
    the "optimized" or the "projected" method of ``sdid``. Standard errors by placebo,
    bootstrap or jackknife replication.

Data convention (shared with :mod:`innozone.did`): a long :class:`pandas.DataFrame` with one
row per unit and period, a unit column, a time column, an outcome column, and either a
0/1 ``treatment`` column or a ``first_treated`` column (the first treated period, empty
or 0 for never treated), or a ``treated={unit: first_period}`` mapping. Outcomes must form
a balanced panel; a gap is reported with the unit and period that are missing.

The heavy loops (the nested V/W search for every placebo, SDID replicates) run in the C++
core on several threads, with per-replicate random streams, so a result depends on the
seed only.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from . import _core, _labels
from ._errors import InvalidInputError, NumericalWarning
from ._results import Result, format_number
from ._validate import (
    ProgressLike,
    check_count,
    check_fraction,
    progress_callback,
    resolve_lang,
    resolve_seed,
    resolve_threads,
)
from .panel import check_columns, to_wide
from .plotting import COLORS, _finish, new_axes, style

__all__ = [
    "SynthDIDResult",
    "SyntheticControlResult",
    "synthdid",
    "synthdid_compare",
    "synthetic_control",
]


def __dir__() -> list[str]:  # tab completion lists the public names only
    return list(__all__)


def _t(key: str, lang: str) -> str:
    """A text of this module from the label registry (keys ``synth.*``)."""
    return _labels.label("synth." + key, lang)


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class _Panel:
    units: list[Any]
    times: list[Any]
    outcome: np.ndarray  # T x N
    first_treated: dict[Any, Any]  # treated unit -> first treated period


def _py(value: Any) -> Any:
    """A numpy scalar as the matching Python scalar (readable in messages and indexes)."""
    return value.item() if isinstance(value, np.generic) else value


def _require_columns(data: pd.DataFrame, columns: Mapping[str, str | None]) -> None:
    if not isinstance(data, pd.DataFrame):
        raise InvalidInputError(f"data must be a pandas DataFrame, got {type(data).__name__}")
    for role, column in columns.items():
        if column is not None and column not in data.columns:
            raise InvalidInputError(
                f"{role} column {column!r} is not in the data (columns: {list(data.columns)})"
            )


def _treatment_starts(
    data: pd.DataFrame,
    unit: str,
    time: str,
    treatment: str | None,
    first_treated: str | None,
    treated: Mapping[Any, Any] | None,
    times: Sequence[Any],
) -> dict[Any, Any]:
    given = [x is not None for x in (treatment, first_treated, treated)]
    if sum(given) != 1:
        raise InvalidInputError(
            "give exactly one of treatment= (a 0/1 column), first_treated= (a column of first "
            "treated periods) or treated= (a mapping unit -> first treated period)"
        )
    starts: dict[Any, Any] = {}
    if treated is not None:
        known = set(data[unit].unique())
        for u, start in treated.items():
            if u not in known:
                raise InvalidInputError(f"treated unit {u!r} is not in column {unit!r}")
            if start not in set(times):
                raise InvalidInputError(
                    f"first treated period {start!r} of unit {u!r} is not a period of column {time!r}"
                )
            starts[u] = start
    elif treatment is not None:
        values = data[treatment]
        bad = ~values.isin([0, 1, True, False])
        if bad.any():
            row = data.loc[bad].iloc[0]
            raise InvalidInputError(
                f"treatment column {treatment!r} must be 0/1; got {row[treatment]!r} for unit "
                f"{row[unit]!r} in period {row[time]!r}"
            )
        on = data.loc[values.astype(bool)]
        for u, group in on.groupby(unit, sort=False):
            start = _py(group[time].min())
            starts[_py(u)] = start
            later = data.loc[(data[unit] == u) & (data[time] >= start), treatment].astype(bool)
            if not later.all():
                raise InvalidInputError(
                    f"treatment of unit {u!r} switches off after {start!r}; synthetic control "
                    "needs treatment that stays on"
                )
    else:
        assert first_treated is not None
        per_unit = data.groupby(unit, sort=False)[first_treated].agg(["min", "max"])
        for u, row in per_unit.iterrows():
            lo, hi = row["min"], row["max"]
            if pd.isna(lo) and pd.isna(hi):
                continue
            if lo != hi:
                raise InvalidInputError(
                    f"first_treated column {first_treated!r} differs within unit {u!r} ({lo!r}, {hi!r})"
                )
            if lo == 0:
                continue
            lo = _py(lo)
            if isinstance(lo, float) and lo.is_integer() and int(lo) in set(times):
                lo = int(lo)
            if lo not in set(times):
                raise InvalidInputError(
                    f"first treated period {lo!r} of unit {u!r} (column {first_treated!r}) is not "
                    f"a period of column {time!r}"
                )
            starts[_py(u)] = lo
    if not starts:
        raise InvalidInputError("no treated unit: every unit is untreated in the data")
    # Earliest adopters first, then by name: a stable order for results.
    return dict(sorted(starts.items(), key=lambda item: (item[1], str(item[0]))))


def _wide_panel(
    data: pd.DataFrame,
    unit: str,
    time: str,
    outcome: str,
    treatment: str | None,
    first_treated: str | None,
    treated: Mapping[Any, Any] | None,
) -> _Panel:
    # The shared long-to-wide conversion of innozone.panel (periods of any orderable kind,
    # duplicates, missing keys, non-numeric or infinite outcomes refused with the unit
    # and period named); synthetic control needs a balanced panel, so gaps are an error.
    check_columns(
        data,
        unit=unit,
        time=time,
        outcome=outcome,
        treatment=treatment,
        first_treated=first_treated,
    )
    wide = to_wide(
        data, unit=unit, time=time, outcome=outcome, unbalanced="error", sort_units=False
    )
    times = list(wide.period_labels)
    units = [_py(u) for u in wide.units]
    values = np.ascontiguousarray(wide.outcome.T)
    starts = _treatment_starts(data, unit, time, treatment, first_treated, treated, times)
    return _Panel(units, times, values, starts)


# ------------------------------------------------------------- synthetic control


def _v_search_args(
    v_search: str, n_random_starts: object, n_global_starts: object, max_evaluations: object
) -> tuple[str, int, int, int]:
    if v_search not in ("local", "global"):
        raise InvalidInputError(f"v_search must be 'local' or 'global', got {v_search!r}")
    return (
        v_search,
        check_count(n_random_starts, "n_random_starts", minimum=0),
        check_count(n_global_starts, "n_global_starts", minimum=1),
        check_count(max_evaluations, "max_evaluations", minimum=1),
    )


@dataclass(repr=False)
class SyntheticControlResult(Result):
    """Result of :func:`synthetic_control`.

    Attributes
    ----------
    weights : DataFrame
        Donor weights W, one column per treated unit (index: donors).
    v : DataFrame
        Predictor weights (diagonal of V, summing to 1), one column per treated unit.
    balance : DataFrame
        Predictor values of the treated unit, its synthetic control and the donor mean.
    actual, synthetic, gaps : DataFrame
        Outcome paths (index: periods; columns: treated units); gap = actual - synthetic.
    placebo_gaps : DataFrame
        Gap paths of the in-space placebos (columns: donor units; empty without placebos).
    rmspe : DataFrame
        Pre- and post-treatment RMSPE and their ratio for every fit (treated and placebos).
    p_values : Series
        Placebo p-value per treated unit: share of fits (itself included) whose RMSPE ratio
        is at least the treated unit's.
    starts : DataFrame
        Loss of every start of the V search, per treated unit (diagnostics).
    v_search : {"local", "global"}
        How V was searched.
    att : float
        Average post-treatment gap over treated units and post periods, in outcome units.
    """

    outcome_name: str
    first_treated: dict[Any, Any]
    weights: pd.DataFrame
    v: pd.DataFrame
    balance: pd.DataFrame
    actual: pd.DataFrame
    synthetic: pd.DataFrame
    gaps: pd.DataFrame
    placebo_gaps: pd.DataFrame
    rmspe: pd.DataFrame
    p_values: pd.Series
    starts: pd.DataFrame
    kkt: pd.DataFrame
    loss_v: pd.Series
    loss_w: pd.Series
    starts_disagree: pd.Series
    v_search: str = "local"
    att: float = 0.0
    effect_by_event_time: pd.Series = field(default_factory=lambda: pd.Series(dtype=float))

    def summary(self) -> pd.DataFrame:
        """One row per treated unit: first treated period, ATT, pre RMSPE, ratio, p-value."""
        rows = []
        for u, start in self.first_treated.items():
            post = self.gaps.loc[self.gaps.index >= start, u]
            r = self.rmspe.loc[(self.rmspe["unit"] == u) & ~self.rmspe["placebo"]].iloc[0]
            rows.append(
                {
                    "unit": u,
                    "first_treated": start,
                    "att": float(post.mean()),
                    "pre_rmspe": r["pre_rmspe"],
                    "post_rmspe": r["post_rmspe"],
                    "rmspe_ratio": r["ratio"],
                    "p_value": self.p_values.get(u, np.nan),
                    "n_placebos": int(
                        ((self.rmspe["placebo"]) & (self.rmspe["first_treated"] == start)).sum()
                    ),
                    "loss_v": self.loss_v[u],
                    "starts_disagree": bool(self.starts_disagree[u]),
                }
            )
        table: pd.DataFrame = pd.DataFrame(rows).set_index("unit")
        return table

    def placebo_p_value(self, unit: Any = None, max_pre_mspe_ratio: float | None = None) -> float:
        """In-space placebo p-value of a treated unit, optionally on a trimmed placebo set.

        Parameters
        ----------
        unit : treated unit (default: the first).
        max_pre_mspe_ratio : float, optional
            Drop placebos whose pre-treatment MSPE exceeds this multiple of the treated
            unit's (ADH 2010 show the cut-offs 20, 5 and 2): a placebo that cannot be fitted
            before treatment says little about the treated unit after it.

        Returns
        -------
        float
            (1 + number of kept placebos with an RMSPE ratio >= the unit's) / (1 + kept).
        """
        u = self._unit(unit)
        r = self.rmspe
        mine = r.loc[(r["unit"] == u) & ~r["placebo"]].iloc[0]
        pool = r.loc[r["placebo"] & (r["first_treated"] == self.first_treated[u])]
        if pool.empty:
            raise InvalidInputError("no placebo fits: run synthetic_control(..., placebo=True)")
        if max_pre_mspe_ratio is not None:
            if not max_pre_mspe_ratio > 0:
                raise InvalidInputError(
                    f"max_pre_mspe_ratio must be positive, got {max_pre_mspe_ratio!r}"
                )
            pool = pool.loc[pool["pre_rmspe"] ** 2 <= max_pre_mspe_ratio * mine["pre_rmspe"] ** 2]
        return float((1 + (pool["ratio"] >= mine["ratio"]).sum()) / (1 + len(pool)))

    def _unit(self, unit: Any) -> Any:
        u = next(iter(self.first_treated)) if unit is None else unit
        if u not in self.first_treated:
            raise InvalidInputError(
                f"unit {u!r} is not a treated unit ({list(self.first_treated)})"
            )
        return u

    def to_frame(self) -> pd.DataFrame:
        """Long table of the paths: period, unit, actual, synthetic, gap."""
        out = []
        for u in self.gaps.columns:
            out.append(
                pd.DataFrame(
                    {
                        "period": self.gaps.index,
                        "unit": u,
                        "actual": self.actual[u].to_numpy(),
                        "synthetic": self.synthetic[u].to_numpy(),
                        "gap": self.gaps[u].to_numpy(),
                        "post": self.gaps.index >= self.first_treated[u],
                    }
                )
            )
        table: pd.DataFrame = pd.concat(out, ignore_index=True)
        return table

    def plot(
        self,
        ax: Any = None,
        lang: str | None = None,
        *,
        kind: str = "paths",
        unit: Any = None,
        max_pre_mspe_ratio: float | None = None,
    ) -> Any:
        """Plot the fit.

        Parameters
        ----------
        ax : matplotlib Axes, optional
        lang : {"en", "ko"}, optional
            Default :data:`innozone.options.lang`.
        kind : {"paths", "gap", "placebo", "weights"}
            Actual vs synthetic outcome; the gap; the gap among placebo gaps (spaghetti);
            or the donor weights as bars.
        unit : treated unit to show (default: the first).
        max_pre_mspe_ratio : float, optional
            For ``kind="placebo"``: hide placebos whose pre-treatment MSPE exceeds this
            multiple of the treated unit's (as in ADH 2010, Figures 5-7).

        Returns
        -------
        matplotlib.axes.Axes
        """
        lang = resolve_lang(lang)
        kinds = ("paths", "gap", "placebo", "weights")
        if kind not in kinds:
            raise InvalidInputError(f"kind must be one of {kinds}, got {kind!r}")
        u = self._unit(unit)
        start = self.first_treated[u]
        with style():
            ax = new_axes(ax)
            x = list(self.gaps.index)
            if kind == "paths":
                ax.plot(x, self.actual[u], color=COLORS["accent"], label=f"{u}")
                ax.plot(
                    x,
                    self.synthetic[u],
                    color=COLORS["primary"],
                    linestyle="--",
                    label=_t("synthetic", lang),
                )
                ax.set_ylabel(self.outcome_name)
            elif kind == "gap":
                ax.plot(x, self.gaps[u], color=COLORS["accent"], label=f"{u}")
                ax.axhline(0.0, color=COLORS["neutral"], linewidth=0.8)
                ax.set_ylabel(_t("gap", lang))
            elif kind == "placebo":
                pg = self.placebo_gaps
                if pg.empty:
                    raise InvalidInputError(
                        "no placebo fits: run synthetic_control(..., placebo=True)"
                    )
                if max_pre_mspe_ratio is not None:
                    r = self.rmspe
                    mine = r.loc[(r["unit"] == u) & ~r["placebo"], "pre_rmspe"].iloc[0]
                    keep = r.loc[
                        r["placebo"] & (r["pre_rmspe"] ** 2 <= max_pre_mspe_ratio * mine**2), "unit"
                    ]
                    pg = pg[[c for c in pg.columns if c in set(keep)]]
                for j, col in enumerate(pg.columns):
                    ax.plot(
                        x,
                        pg[col],
                        color=COLORS["light"],
                        linewidth=0.8,
                        label=_t("placebo", lang) if j == 0 else None,
                    )
                ax.plot(x, self.gaps[u], color=COLORS["accent"], linewidth=2.0, label=f"{u}")
                ax.axhline(0.0, color=COLORS["neutral"], linewidth=0.8)
                ax.set_ylabel(_t("gap", lang))
            else:
                w = self.weights[u].sort_values(ascending=True)
                w = w[w > 1e-3]
                ax.barh([str(i) for i in w.index], w.to_numpy(), color=COLORS["primary"])
                ax.set_xlabel(_t("weight", lang))
                ax.set_title(f"{_t('sc_title', lang)}: {u}")
                return _finish(ax)
            ax.axvline(start, color=COLORS["neutral"], linestyle=":", label=_t("onset", lang))
            ax.set_xlabel(_t("year", lang))
            ax.set_title(f"{_t('sc_title', lang)}: {u}")
            ax.legend()
            return _finish(ax)

    # -- display
    def _title(self) -> str:
        return f"Synthetic control of {self.outcome_name}"

    def _headline(self) -> str:
        units = list(self.first_treated)
        shown = ", ".join(str(u) for u in units[:3]) + (
            f" and {len(units) - 3} more" if len(units) > 3 else ""
        )
        parts = [f"treated {shown}", f"ATT {format_number(self.att)} (outcome units)"]
        p = [float(v) for v in self.p_values.to_numpy() if np.isfinite(v)]
        if p:
            parts.append("placebo p " + ", ".join(format_number(v) for v in p[:3]))
        parts.append(f"V search {self.v_search}")
        return "; ".join(parts)

    def _notes(self) -> list[str]:
        notes = []
        for u in self.weights.columns:
            w = self.weights[u].sort_values(ascending=False)
            w = w[w > 1e-3].head(6)
            notes.append(
                f"{u}: donor weights "
                + ", ".join(f"{k} {format_number(float(v))}" for k, v in w.items())
            )
        if bool(self.starts_disagree.any()):
            notes.append(
                "The V-search starts disagree for "
                + ", ".join(str(u) for u, d in self.starts_disagree.items() if d)
                + "; a better V may exist (try v_search='global')."
            )
        return notes


def _as_years(years: Any, times: Sequence[Any], what: str) -> list[Any]:
    if years is None:
        raise InvalidInputError(f"{what}: no periods given")
    if isinstance(years, range) or (
        isinstance(years, Iterable) and not isinstance(years, (str, bytes))
    ):
        out = list(years)
    else:
        out = [years]
    known = set(times)
    for y in out:
        if y not in known:
            raise InvalidInputError(f"{what}: period {y!r} is not in the data")
    if not out:
        raise InvalidInputError(f"{what}: the list of periods is empty")
    return out


def synthetic_control(
    data: pd.DataFrame,
    *,
    unit: str,
    time: str,
    outcome: str,
    treatment: str | None = None,
    first_treated: str | None = None,
    treated: Mapping[Any, Any] | None = None,
    predictors: Sequence[str] | None = None,
    predictor_years: Iterable[Any] | None = None,
    special_predictors: Sequence[tuple[str, Any]] | None = None,
    optimize_years: Iterable[Any] | None = None,
    donors: Sequence[Any] | None = None,
    exclude: Sequence[Any] | None = None,
    placebo: bool = True,
    v_search: str = "local",
    n_random_starts: int = 2,
    n_global_starts: int = 100,
    seed: int | None = None,
    max_evaluations: int = 4000,
    disagreement_rtol: float = 0.01,
    custom_v: Sequence[float] | None = None,
    n_threads: int | None = None,
    progress: ProgressLike = False,
    executor: Any = None,
    block_size: int | None = None,
) -> SyntheticControlResult:
    """Fit synthetic controls (ADH 2010) with in-space placebo inference.

    Parameters
    ----------
    data : DataFrame
        Long panel, one row per unit and period.
    unit, time, outcome : str
        Column names. The outcome must be observed for every unit and period.
    treatment, first_treated, treated
        Exactly one: a 0/1 treatment column, a column of first treated periods (NaN or 0
        for never treated), or a mapping ``{unit: first treated period}``.
    predictors : list of str, optional
        Columns averaged over ``predictor_years`` (missing values skipped, as R Synth does).
    predictor_years : iterable, optional
        Periods for ``predictors``; default: every period before the earliest treatment.
    special_predictors : list of (column, periods), optional
        Columns averaged over their own periods, e.g. ``("cigsale", [1975])`` (the outcome
        in one year) or ``("gdpcap", range(1960, 1970))``.
    optimize_years : iterable, optional
        Periods whose outcome fit chooses V; default: all pre-treatment periods.
        With no predictors at all, the outcome in each of these periods is a predictor.
    donors : list, optional
        Donor pool; default: every never-treated unit not in ``exclude``.
    exclude : list, optional
        Units to leave out of the donor pool (e.g. a national aggregate).
    placebo : bool
        Run in-space placebos (each donor treated in turn) and compute p-values.
    v_search : {"local", "global"}
        ``"local"``: Nelder-Mead from the equal-weights start, the regression start of
        R Synth and ``n_random_starts`` seeded Dirichlet starts. ``"global"``: a
        multi-start search, the same two starts plus ``n_global_starts`` Dirichlet(1, ...,
        1) starts spread over the simplex of V, each refined by Nelder-Mead; the lowest
        loss wins. The starts run in parallel.
    n_random_starts, n_global_starts : int
        Random starts of the local and the global search.
    seed : int, optional
        Seed of the random starts; default :data:`innozone.options.seed`.
    max_evaluations : int
        Nelder-Mead evaluations (inner solves) per start.
    disagreement_rtol : float
        A :class:`~innozone.NumericalWarning` is issued when no second start comes within
        this fraction of the best loss.
    custom_v : sequence of float, optional
        Fixed predictor weights (skips the search).
    n_threads : int, optional
        Worker threads (0 = all cores; default :data:`innozone.options.n_threads`).
    progress : bool or callable
        True shows a tqdm bar; a callable gets ``(done, total)`` (V-search starts of all
        fits) and may return False to cancel.
    executor : dask.distributed.Client, optional
        Run the in-space placebo fits on a Dask cluster, ``block_size`` placebo units per
        task (None: about four tasks per worker thread); the treated units are fitted here.
        Each placebo fit has its own random stream, so the result equals the local one.
    block_size : int, optional
        Placebo units per task with ``executor``.

    Returns
    -------
    SyntheticControlResult
    """
    v_search, n_random_starts, n_global_starts, max_evaluations = _v_search_args(
        v_search, n_random_starts, n_global_starts, max_evaluations
    )
    disagreement_rtol = check_fraction(disagreement_rtol, "disagreement_rtol")
    seed = resolve_seed(seed)
    n_threads = resolve_threads(n_threads)
    panel = _wide_panel(data, unit, time, outcome, treatment, first_treated, treated)
    times, units = panel.times, panel.units
    col = {u: i for i, u in enumerate(units)}
    row = {t: i for i, t in enumerate(times)}
    starts = panel.first_treated
    earliest = min(starts.values())
    excluded = set(exclude or [])
    for u in excluded:
        if u not in col:
            raise InvalidInputError(f"excluded unit {u!r} is not in column {unit!r}")
    if donors is None:
        donor_list = [u for u in units if u not in starts and u not in excluded]
    else:
        donor_list = list(donors)
        for u in donor_list:
            if u not in col:
                raise InvalidInputError(f"donor {u!r} is not in column {unit!r}")
            if u in starts:
                raise InvalidInputError(f"donor {u!r} is treated (first treated {starts[u]!r})")
    if len(donor_list) < 1:
        raise InvalidInputError("the donor pool is empty: no never-treated unit remains")

    pre_default = [t for t in times if t < earliest]
    opt = _as_years(optimize_years, times, "optimize_years") if optimize_years is not None else None
    variables: list[np.ndarray] = []
    var_index: dict[str, int] = {}

    def variable(name: str) -> int:
        if name not in var_index:
            _require_columns(data, {"predictor": name})
            if not pd.api.types.is_numeric_dtype(data[name]):
                raise InvalidInputError(f"predictor column {name!r} must be numeric")
            wide = data.pivot(index=time, columns=unit, values=name).reindex(
                index=times, columns=units
            )
            var_index[name] = len(variables)
            variables.append(wide.to_numpy(dtype=float))
        return var_index[name]

    names: list[str] = []
    var_of: list[int] = []
    periods: list[list[int]] = []
    pyears = (
        _as_years(predictor_years, times, "predictor_years")
        if predictor_years is not None
        else pre_default
    )
    for name in predictors or []:
        names.append(name)
        var_of.append(variable(name))
        periods.append([row[t] for t in pyears])
    for item in special_predictors or []:
        if not (isinstance(item, tuple) and len(item) == 2):
            raise InvalidInputError(
                f"special_predictors entries must be (column, periods) tuples, got {item!r}"
            )
        name, years = item
        ys = _as_years(years, times, f"special predictor {name!r}")
        label = f"{name} ({ys[0]}" + (f"-{ys[-1]})" if len(ys) > 1 else ")")
        names.append(label)
        var_of.append(variable(name))
        periods.append([row[t] for t in ys])
    if not names:
        # Outcome-only synthetic control: every optimisation period is a predictor.
        years = opt if opt is not None else pre_default
        for t in years:
            names.append(f"{outcome} ({t})")
            var_of.append(variable(outcome))
            periods.append([row[t]])
    for name, ps in zip(names, periods):
        late = [times[p] for p in ps if times[p] >= earliest]
        if late:
            raise InvalidInputError(
                f"predictor {name!r} uses period {late[0]!r}, not before the earliest treatment "
                f"({earliest!r})"
            )
    try:
        x = np.asarray(_core.synth.predictor_matrix(variables, names, var_of, periods))
    except InvalidInputError as err:
        # Name the unit instead of its column index.
        msg = str(err)
        for i in range(len(units) - 1, -1, -1):
            msg = msg.replace(f"for unit {i} ", f"for unit {units[i]!r} ")
        raise InvalidInputError(msg) from None
    if custom_v is not None and len(custom_v) != len(names):
        raise InvalidInputError(
            f"custom_v has {len(custom_v)} entries but there are {len(names)} predictors "
            f"({', '.join(names)})"
        )

    treated_units = list(starts)
    optimize_rows = []
    for u in treated_units:
        years = opt if opt is not None else [t for t in times if t < starts[u]]
        bad = [t for t in years if t >= starts[u]]
        if bad:
            raise InvalidInputError(
                f"optimize_years includes {bad[0]!r}, not before the first treated period "
                f"{starts[u]!r} of unit {u!r}"
            )
        optimize_rows.append([row[t] for t in years])
    with progress_callback(progress, "synthetic control (V-search starts)") as callback:
        fit_panel: Any = _core.synth.fit_synthetic_control_panel
        if executor is not None:  # the placebo fits on a Dask cluster (same numbers)
            from . import distributed

            fit_panel = distributed.synth_panel_on(executor, block_size)
        raw = fit_panel(
            panel.outcome,
            x,
            [col[u] for u in treated_units],
            [row[starts[u]] for u in treated_units],
            [col[u] for u in donor_list],
            optimize_rows,
            placebo=bool(placebo),
            n_random_starts=n_random_starts,
            seed=seed,
            max_evaluations=max_evaluations,
            disagreement_rtol=disagreement_rtol,
            custom_v=np.asarray(custom_v, dtype=float) if custom_v is not None else np.zeros(0),
            v_search=v_search,
            n_global_starts=n_global_starts,
            n_threads=n_threads,
            progress=callback,
        )

    index = pd.Index(times, name=time)
    weights, vs, actual, synth_paths, gaps = {}, {}, {}, {}, {}
    balance_rows = []
    start_rows, kkt_rows = [], []
    loss_v, loss_w, disagree = {}, {}, {}
    for u, unit_fit in zip(treated_units, raw.treated):
        fit = unit_fit.fit
        w = pd.Series(np.asarray(fit.w), index=[units[j] for j in unit_fit.donors], name=u)
        weights[u] = w
        vs[u] = pd.Series(np.asarray(fit.v), index=names, name=u)
        actual[u] = panel.outcome[:, col[u]]
        synth_paths[u] = np.asarray(unit_fit.synthetic)
        gaps[u] = np.asarray(unit_fit.gap)
        x0 = x[:, [col[d] for d in donor_list]]
        for k, name in enumerate(names):
            balance_rows.append(
                {
                    "unit": u,
                    "predictor": name,
                    "treated": x[k, col[u]],
                    "synthetic": float(x0[k] @ w.reindex(donor_list).to_numpy()),
                    "donor_mean": float(x0[k].mean()),
                }
            )
        for s in fit.starts:
            start_rows.append(
                {"unit": u, "start": s.label, "loss_v": s.loss_v, "evaluations": s.evaluations}
            )
        kkt = fit.qp.kkt
        kkt_rows.append(
            {
                "unit": u,
                "stationarity": kkt.stationarity,
                "dual_infeasibility": kkt.dual_infeasibility,
                "primal_infeasibility": kkt.primal_infeasibility,
                "multiplier": kkt.multiplier,
                "iterations": fit.qp.iterations,
                "converged": fit.qp.converged,
            }
        )
        loss_v[u], loss_w[u], disagree[u] = fit.loss_v, fit.loss_w, fit.starts_disagree
        if fit.starts_disagree:
            best = sorted(fit.starts, key=lambda s: s.loss_v)[:4]
            losses = ", ".join(f"{s.label} {s.loss_v:.6g}" for s in best)
            warnings.warn(
                f"synthetic control for {u!r}: the V-search starts disagree (lowest losses: "
                f"{losses}); only one start reached the best loss, so a better V may exist. "
                "Try v_search='global', more n_random_starts or a larger max_evaluations.",
                NumericalWarning,
                stacklevel=2,
            )
    rmspe_rows = []
    for unit_fit in list(raw.treated) + list(raw.placebos):
        rmspe_rows.append(
            {
                "unit": units[unit_fit.unit],
                "first_treated": times[unit_fit.first_treated],
                "placebo": bool(unit_fit.placebo),
                "pre_rmspe": unit_fit.pre_rmspe,
                "post_rmspe": unit_fit.post_rmspe,
                "ratio": unit_fit.ratio,
            }
        )
    first_start = starts[treated_units[0]]
    placebo_gaps = pd.DataFrame(
        {
            units[f.unit]: np.asarray(f.gap)
            for f in raw.placebos
            if times[f.first_treated] == first_start
        },
        index=index,
    )
    gaps_df = pd.DataFrame(gaps, index=index)
    post_values = [gaps_df.loc[gaps_df.index >= starts[u], u].to_numpy() for u in treated_units]
    att = float(np.mean(np.concatenate(post_values)))
    # Average gap by event time (period index relative to each unit's first treated period).
    event: dict[int, list[float]] = {}
    for u in treated_units:
        k0 = row[starts[u]]
        for k, g in enumerate(gaps[u]):
            event.setdefault(k - k0, []).append(g)
    by_event = pd.Series({e: float(np.mean(v)) for e, v in sorted(event.items())}, name="gap")
    by_event.index.name = "event_time"
    return SyntheticControlResult(
        outcome_name=outcome,
        first_treated=dict(starts),
        weights=pd.DataFrame(weights).reindex(donor_list).fillna(0.0),
        v=pd.DataFrame(vs),
        balance=pd.DataFrame(balance_rows).set_index(["unit", "predictor"]),
        actual=pd.DataFrame(actual, index=index),
        synthetic=pd.DataFrame(synth_paths, index=index),
        gaps=gaps_df,
        placebo_gaps=placebo_gaps,
        rmspe=pd.DataFrame(rmspe_rows),
        p_values=pd.Series(dict(zip(treated_units, raw.p_values)), name="p_value")
        if placebo
        else pd.Series(dict.fromkeys(treated_units, np.nan), name="p_value"),
        starts=pd.DataFrame(start_rows),
        kkt=pd.DataFrame(kkt_rows).set_index("unit"),
        loss_v=pd.Series(loss_v, name="loss_v"),
        loss_w=pd.Series(loss_w, name="loss_w"),
        starts_disagree=pd.Series(disagree, name="starts_disagree"),
        v_search=v_search,
        att=att,
        effect_by_event_time=by_event,
    )


# ------------------------------------------------------------------ synthetic DiD

_METHOD_TITLES = {"sdid": "sdid_title", "sc": "sc_title", "did": "did_title"}


@dataclass(repr=False)
class SynthDIDResult(Result):
    """Result of :func:`synthdid`.

    With one adoption date the tables below have one column; with staggered adoption
    they have one column per adoption cohort (labelled by its first treated period).

    Attributes
    ----------
    method : {"sdid", "sc", "did"}
    estimate : float
        The ATT in outcome units: with several cohorts, the average of the cohort
        estimates weighted by treated unit-periods (``cohorts["weight"]``).
    se : float
        Standard error (NaN when not computed or not defined; see ``se_note``).
    se_method : str or None
    cohorts : DataFrame
        One row per adoption cohort: n_treated, n_post, weight, estimate, the tuning
        (noise level, zetas) and the effective numbers of controls and pre-periods.
    omega : DataFrame
        Unit weights of the never-treated controls, one column per cohort.
    lambda_ : DataFrame
        Time weights of the pre-treatment periods, one column per cohort (NaN for
        periods that are not before the cohort's first treated period).
    effect_curve : DataFrame
        Effect in each post-treatment period, one column per cohort.
    coefficients : DataFrame
        Covariate coefficients (per unit of each covariate), one column per cohort
        ("projected": the same in every column); empty without covariates.
    replicates : ndarray
        The replicate estimates behind ``se``.
    """

    method: str
    outcome_name: str
    estimate: float
    se: float
    se_method: str | None
    se_note: str
    cohorts: pd.DataFrame
    omega: pd.DataFrame
    lambda_: pd.DataFrame
    effect_curve: pd.DataFrame
    treated_mean: pd.DataFrame
    control_mean: pd.DataFrame
    first_treated: dict[Any, Any]
    covariates: list[str]
    covariate_method: str | None
    coefficients: pd.DataFrame
    replicates: np.ndarray

    def confidence_interval(self, level: float = 0.95) -> tuple[float, float]:
        """Normal-approximation interval estimate +- z * se."""
        level = check_fraction(level, "level", low_open=True, high_open=True)
        z = _core.normal_quantile(0.5 + level / 2.0)
        return (self.estimate - z * self.se, self.estimate + z * self.se)

    def summary(self) -> pd.DataFrame:
        """One-row table: estimate, se, 95% interval, sizes and effective numbers.

        The effective numbers of controls and pre-periods are averaged over cohorts with the
        cohort weights.
        """
        lo, hi = self.confidence_interval()
        c = self.cohorts
        table: pd.DataFrame = pd.DataFrame(
            [
                {
                    "method": self.method,
                    "estimate": self.estimate,
                    "se": self.se,
                    "ci_low": lo,
                    "ci_high": hi,
                    "se_method": self.se_method,
                    "n_replicates": len(self.replicates),
                    "n_treated": int(c["n_treated"].sum()),
                    "n_control": len(self.omega),
                    "n_cohorts": len(c),
                    "treated_periods": int((c["n_treated"] * c["n_post"]).sum()),
                    "effective_controls": float((c["weight"] * c["effective_controls"]).sum()),
                    "effective_pre_periods": float(
                        (c["weight"] * c["effective_pre_periods"]).sum()
                    ),
                }
            ]
        ).set_index("method")
        return table

    def to_frame(self) -> pd.DataFrame:
        """Long table of the weights: kind ("omega"/"lambda"), cohort, label, weight."""
        parts = []
        for cohort in self.omega.columns:
            om = self.omega[cohort]
            lam = self.lambda_[cohort].dropna()
            parts.append(
                pd.DataFrame(
                    {"kind": "omega", "cohort": cohort, "label": om.index, "weight": om.to_numpy()}
                )
            )
            parts.append(
                pd.DataFrame(
                    {
                        "kind": "lambda",
                        "cohort": cohort,
                        "label": lam.index,
                        "weight": lam.to_numpy(),
                    }
                )
            )
        table: pd.DataFrame = pd.concat(parts, ignore_index=True)
        return table

    def _cohort(self, cohort: Any) -> Any:
        if cohort is None:
            return self.omega.columns[0]
        if cohort not in self.omega.columns:
            raise InvalidInputError(
                f"cohort {cohort!r} is not an adoption cohort ({list(self.omega.columns)})"
            )
        return cohort

    def plot(
        self,
        ax: Any = None,
        lang: str | None = None,
        *,
        kind: str = "trajectories",
        cohort: Any = None,
    ) -> Any:
        """Plot the estimate.

        Parameters
        ----------
        ax : matplotlib Axes, optional
        lang : {"en", "ko"}, optional
            Default :data:`innozone.options.lang`.
        kind : {"trajectories", "weights", "cohorts"}
            Treated and omega-weighted control means of a cohort with its time weights
            lambda drawn as a band at the bottom (the synthdid plot); a cohort's unit
            weights as bars; or the cohort estimates with the weighted ATT.
        cohort : first treated period of the cohort to draw (default: the first).

        Returns
        -------
        matplotlib.axes.Axes
        """
        lang = resolve_lang(lang)
        kinds = ("trajectories", "weights", "cohorts")
        if kind not in kinds:
            raise InvalidInputError(f"kind must be one of {kinds}, got {kind!r}")
        cohort = self._cohort(cohort)
        title = _t(_METHOD_TITLES[self.method], lang)
        with style():
            ax = new_axes(ax)
            if kind == "cohorts":
                c = self.cohorts
                labels = [str(i) for i in c.index]
                ax.bar(
                    labels,
                    c["estimate"].to_numpy(),
                    color=COLORS["primary"],
                    label=_t("estimate", lang),
                )
                ax.axhline(
                    self.estimate,
                    color=COLORS["accent"],
                    linestyle="--",
                    label=f"{_t('att', lang)} {self.estimate:.2f}",
                )
                ax.axhline(0.0, color=COLORS["neutral"], linewidth=0.8)
                ax.set_xlabel(_t("cohort", lang))
                ax.set_ylabel(self.outcome_name)
                ax.set_title(title)
                ax.legend()
                return _finish(ax)
            if kind == "weights":
                w = self.omega[cohort].sort_values(ascending=True)
                w = w[w > 1e-3]
                ax.barh([str(i) for i in w.index], w.to_numpy(), color=COLORS["primary"])
                ax.set_xlabel(_t("weight", lang))
                ax.set_title(f"{title} ({cohort})")
                return _finish(ax)
            x = list(self.treated_mean.index)
            ax.plot(x, self.treated_mean[cohort], color=COLORS["accent"], label=_t("treated", lang))
            ax.plot(
                x,
                self.control_mean[cohort],
                color=COLORS["primary"],
                linestyle="--",
                label=_t("control", lang),
            )
            ymin, ymax = ax.get_ylim()
            height = 0.15 * (ymax - ymin)
            lam = self.lambda_[cohort].dropna()
            if lam.max() > 0:
                ax.bar(
                    list(lam.index),
                    (lam / lam.max()).to_numpy() * height,
                    bottom=ymin,
                    color=COLORS["sky"],
                    alpha=0.6,
                    label=_t("lambda", lang),
                )
            ax.axvline(cohort, color=COLORS["neutral"], linestyle=":", label=_t("onset", lang))
            ax.set_xlabel(_t("year", lang))
            ax.set_ylabel(self.outcome_name)
            estimate = float(self.cohorts.loc[cohort, "estimate"])
            ax.set_title(f"{title}: {estimate:.2f}")
            ax.legend()
            return _finish(ax)

    # -- display
    def _title(self) -> str:
        return f"{self.method.upper()} estimate of {self.outcome_name}"

    def _headline(self) -> str:
        text = f"estimate {format_number(self.estimate)}"
        if np.isfinite(self.se):
            text += f" (se {format_number(self.se)}, {self.se_method}, {len(self.replicates)} replicates)"
        n = len(self.cohorts)
        text += f"; {n} adoption cohort{'s' if n != 1 else ''}"
        if self.covariates:
            text += f"; {len(self.covariates)} covariate(s), {self.covariate_method}"
        return text

    def _notes(self) -> list[str]:
        notes = []
        if len(self.cohorts) > 1:
            notes.append(
                "Cohorts (first treated: estimate, weight): "
                + "; ".join(
                    f"{i}: {format_number(float(r['estimate']))}, {format_number(float(r['weight']))}"
                    for i, r in self.cohorts.iterrows()
                )
            )
        else:
            top = self.omega.iloc[:, 0].sort_values(ascending=False).head(6)
            notes.append(
                "Top unit weights: "
                + ", ".join(f"{k} {format_number(float(v))}" for k, v in top.items())
            )
        if self.se_note:
            notes.append(self.se_note)
        return notes


def _sdid_panel(
    data: pd.DataFrame,
    unit: str,
    time: str,
    outcome: str,
    treatment: str | None,
    first_treated: str | None,
    treated: Mapping[Any, Any] | None,
    covariates: Sequence[str],
) -> tuple[
    np.ndarray, list[int], list[Any], list[Any], list[Any], dict[Any, Any], list[np.ndarray]
]:
    """Outcome matrix, adoption columns, labels and covariate matrices of a synthdid call.

    The matrix holds the controls, then the treated units by cohort.
    """
    panel = _wide_panel(data, unit, time, outcome, treatment, first_treated, treated)
    starts = panel.first_treated
    times = panel.times
    row = {t: i for i, t in enumerate(times)}
    controls = [u for u in panel.units if u not in starts]
    treated_units = list(starts)  # ordered by first treated period, then name
    if not controls:
        raise InvalidInputError("synthdid needs at least one never-treated control unit")
    for u in treated_units:
        k = row[starts[u]]
        if k == 0:
            raise InvalidInputError(
                f"unit {u!r} is treated from the first period {starts[u]!r} on: no pre-treatment "
                "period to compare; drop it"
            )
        if k < 2:
            raise InvalidInputError(
                f"synthdid needs at least 2 pre-treatment periods before {starts[u]!r} "
                f"(first treated period of unit {u!r}); found {k}"
            )
    col = {u: i for i, u in enumerate(panel.units)}
    order = [col[u] for u in controls + treated_units]
    y = panel.outcome[:, order].T.copy()  # N x T
    adoption = [-1] * len(controls) + [row[starts[u]] for u in treated_units]
    xs: list[np.ndarray] = []
    names = controls + treated_units
    for name in covariates:
        _require_columns(data, {"covariate": name})
        if not pd.api.types.is_numeric_dtype(data[name]):
            raise InvalidInputError(f"covariate column {name!r} must be numeric")
        wide = data.pivot(index=time, columns=unit, values=name).reindex(index=times, columns=names)
        values = wide.to_numpy(dtype=float).T
        bad = ~np.isfinite(values)
        if bad.any():
            i, t = np.argwhere(bad)[0]
            raise InvalidInputError(
                f"covariate {name!r} is missing or infinite for unit {names[i]!r} in period "
                f"{times[t]!r} ({int(bad.sum())} cells); synthdid needs covariates in every "
                "unit and period"
            )
        xs.append(values)
    return y, adoption, controls, treated_units, times, dict(starts), xs


def synthdid(
    data: pd.DataFrame,
    *,
    unit: str,
    time: str,
    outcome: str,
    treatment: str | None = None,
    first_treated: str | None = None,
    treated: Mapping[Any, Any] | None = None,
    covariates: Sequence[str] | None = None,
    covariate_method: str = "optimized",
    standardize_covariates: bool = True,
    method: str = "sdid",
    se: str | None = "placebo",
    n_placebo: int = 200,
    n_boot: int = 200,
    seed: int | None = None,
    eta_omega: float | None = None,
    noise_level: float | None = None,
    n_threads: int | None = None,
    progress: ProgressLike = False,
    executor: Any = None,
    block_size: int | None = None,
) -> SynthDIDResult:
    """Synthetic difference-in-differences and its SC and DID special cases.

    Follows Arkhangelsky et al. (2021) and the reference R package ``synthdid``:
    ``method="sdid"`` is ``synthdid_estimate`` (unit weights with intercept and ridge
    zeta = (N_tr T_post)^(1/4) * sigma, time weights with zeta = 1e-6 sigma, where sigma is
    the sd of first differences of control outcomes before treatment; Frank-Wolfe stops
    when the objective falls by less than (1e-5 sigma)^2 or after 100 iterations, then
    sparsifies and runs up to 10,000 more), ``"sc"`` is ``sc_estimate`` and ``"did"`` is
    ``did_estimate``.

    Staggered adoption (units first treated in different periods) follows the Stata
    command ``sdid`` (Clarke, Pailanir, Athey & Imbens 2023; Arkhangelsky et al. 2021,
    Appendix A): each adoption cohort is its own block design, its treated units against
    the never-treated units over all periods, with its own tuning; the ATT is the average
    of the cohort estimates weighted by N_tr x T_post. Units treated in a later cohort
    never serve as controls.

    Parameters
    ----------
    data : DataFrame
        Long balanced panel.
    unit, time, outcome : str
    treatment, first_treated, treated
        Exactly one (see :func:`synthetic_control`). Treatment must stay on once started.
    covariates : list of str, optional
        Time-varying covariate columns (observed in every unit and period).
    covariate_method : {"optimized", "projected"}
        ``"optimized"`` (the default of Stata ``sdid``; Arkhangelsky et al. 2021, footnote
        4, solved as R ``synthdid`` does): coefficients beta found jointly with the
        weights of each cohort, by gradient steps of size 1/t between Frank-Wolfe steps,
        and the estimate taken on Y - X beta. ``"projected"`` (Kranz 2022; Stata
        ``covariates(..., projected)``): beta from a regression of Y on X with unit and
        period fixed effects over the never-treated units, then SDID on Y - X beta.
    standardize_covariates : bool
        For ``"optimized"``: covariates are z-scores over all cells before the solve (as
        Stata ``sdid`` does unless ``unstandardized``); False solves on the raw values (as
        R ``synthdid`` does). Coefficients are reported per unit of the raw covariate.
    method : {"sdid", "sc", "did"}
    se : {"placebo", "bootstrap", "jackknife"} or None
        Standard-error method (R ``vcov(method=...)``, Stata ``vce()``). With one treated
        unit only the placebo method is defined; the jackknife needs two treated units in
        every cohort; otherwise NaN with a note. Each replicate refits every cohort's
        weights from the estimate's weights with its tuning (R's refit); projected
        coefficients are re-estimated on each replicate's controls.
    n_placebo : int
        Placebo replications when ``se="placebo"`` (R default 200).
    n_boot : int
        Bootstrap replications when ``se="bootstrap"`` (R default 200).
    seed : int, optional
        Seed of the replicates' Philox streams (one stream per replicate); default
        :data:`innozone.options.seed`.
    eta_omega, noise_level : float, optional
        Override the regularisation multiplier and the noise level sigma (all cohorts).
    n_threads : int, optional
        Default :data:`innozone.options.n_threads` (0 = one per core).
    progress : bool or callable
        True shows a tqdm bar of the replicates; a callable gets ``(done, total)``.
    executor : dask.distributed.Client, optional
        Compute the placebo or bootstrap replicates on a Dask cluster, ``block_size`` (>= 2)
        per task; each replicate has its own stream, so the SE and replicates equal the local
        ones. The jackknife runs here.
    block_size : int, optional
        Replicates per task with ``executor`` (None: about four tasks per worker thread).

    Returns
    -------
    SynthDIDResult
    """
    if method not in ("sdid", "sc", "did"):
        raise InvalidInputError(f"method must be 'sdid', 'sc' or 'did', got {method!r}")
    if se not in (None, "placebo", "bootstrap", "jackknife"):
        raise InvalidInputError(
            f"se must be None, 'placebo', 'bootstrap' or 'jackknife', got {se!r}"
        )
    if covariate_method not in ("optimized", "projected"):
        raise InvalidInputError(
            f"covariate_method must be 'optimized' or 'projected', got {covariate_method!r}"
        )
    n_placebo = check_count(n_placebo, "n_placebo", minimum=2)
    n_boot = check_count(n_boot, "n_boot", minimum=2)
    seed = resolve_seed(seed)
    n_threads = resolve_threads(n_threads)
    cov_names = [covariates] if isinstance(covariates, str) else list(covariates or [])
    if len(set(cov_names)) != len(cov_names):
        raise InvalidInputError(f"covariates are listed twice: {cov_names}")
    y, adoption, controls, treated_units, times, starts, xs = _sdid_panel(
        data, unit, time, outcome, treatment, first_treated, treated, cov_names
    )
    scale = np.ones(len(xs))
    if xs and covariate_method == "optimized" and standardize_covariates:
        standardized = []
        for c, x in enumerate(xs):
            sd = float(np.std(x, ddof=1))
            if not sd > 0:
                raise InvalidInputError(f"covariate {cov_names[c]!r} is constant")
            scale[c] = sd
            standardized.append((x - x.mean()) / sd)
        xs = standardized
    fit_options: dict[str, Any] = {
        "method": method,
        "covariate_method": covariate_method,
        "eta_omega": -1.0 if eta_omega is None else float(eta_omega),
        "noise_level": -1.0 if noise_level is None else float(noise_level),
    }
    fit = _core.synth.sdid_staggered(y, adoption, covariates=xs, **fit_options)
    se_value, note, reps = float("nan"), "", np.zeros(0)
    if se is not None:
        count = n_boot if se == "bootstrap" else n_placebo
        se_replicates: Any = _core.synth.sdid_staggered_standard_error
        if executor is not None:  # replicates on a Dask cluster (same numbers)
            from . import distributed

            se_replicates = distributed.sdid_se_on(executor, block_size, **fit_options)
        with progress_callback(progress, f"synthdid {se} replicates") as callback:
            out = se_replicates(
                y,
                adoption,
                fit,
                se,
                count,
                seed,
                covariates=xs,
                n_threads=n_threads,
                progress=callback,
            )
        se_value, note, reps = float(out.se), out.note, np.asarray(out.replicates)
        if note:
            warnings.warn(f"synthdid: {note}", NumericalWarning, stacklevel=2)
    n0 = len(controls)
    names = controls + treated_units
    index = pd.Index(times, name=time)
    control_index = pd.Index(controls, name=unit)
    omega, lam, curve, tmean, cmean, coefs, rows = {}, {}, {}, {}, {}, {}, []
    for cohort in fit.cohorts:
        label = times[cohort.adoption]
        f = cohort.fit
        w = np.asarray(f.omega)
        omega[label] = pd.Series(w, index=control_index)
        lam[label] = pd.Series(np.asarray(f.lambda_), index=pd.Index(times[: cohort.adoption]))
        curve[label] = pd.Series(
            np.asarray(cohort.effect_curve), index=pd.Index(times[cohort.adoption :])
        )
        treated_rows = list(cohort.treated)
        tmean[label] = pd.Series(y[treated_rows].mean(axis=0), index=index)
        cmean[label] = pd.Series(w @ y[:n0], index=index)
        beta = np.asarray(fit.beta) if covariate_method == "projected" else np.asarray(f.beta)
        if xs:
            coefs[label] = pd.Series(beta / scale, index=pd.Index(cov_names, name="covariate"))
        lam2 = float(np.sum(np.asarray(f.lambda_) ** 2))
        rows.append(
            {
                "first_treated": label,
                "n_treated": len(treated_rows),
                "n_post": cohort.n_post,
                "weight": cohort.weight,
                "estimate": f.estimate,
                "treated_units": ", ".join(str(names[r]) for r in treated_rows),
                "noise_level": f.noise_level,
                "zeta_omega": f.zeta_omega,
                "zeta_lambda": f.zeta_lambda,
                "effective_controls": 1.0 / float(np.sum(w**2)) if method != "did" else float(n0),
                "effective_pre_periods": 1.0 / lam2 if lam2 > 0 else 0.0,
            }
        )
    cohorts = pd.DataFrame(rows).set_index("first_treated")
    return SynthDIDResult(
        method=method,
        outcome_name=outcome,
        estimate=float(fit.estimate),
        se=se_value,
        se_method=se,
        se_note=note,
        cohorts=cohorts,
        omega=pd.DataFrame(omega),
        lambda_=pd.DataFrame(lam).rename_axis(time),
        effect_curve=pd.DataFrame(curve).rename_axis(time),
        treated_mean=pd.DataFrame(tmean, index=index),
        control_mean=pd.DataFrame(cmean, index=index),
        first_treated=starts,
        covariates=cov_names,
        covariate_method=covariate_method if cov_names else None,
        coefficients=pd.DataFrame(coefs),
        replicates=reps,
    )


def synthdid_compare(
    data: pd.DataFrame,
    *,
    unit: str,
    time: str,
    outcome: str,
    treatment: str | None = None,
    first_treated: str | None = None,
    treated: Mapping[Any, Any] | None = None,
    covariates: Sequence[str] | None = None,
    covariate_method: str = "optimized",
    se: str | None = "placebo",
    n_placebo: int = 200,
    n_boot: int = 200,
    seed: int | None = None,
    n_threads: int | None = None,
    progress: ProgressLike = False,
) -> pd.DataFrame:
    """DID, SC and SDID side by side (Arkhangelsky et al. 2021, Table 1 layout).

    Takes the arguments of :func:`synthdid` (without ``method``) and returns a DataFrame
    indexed by method with estimate, se and a 95% interval. ``progress`` reports the
    replicates of the three estimators in turn.
    """
    rows = []
    with progress_callback(progress, "synthdid_compare replicates") as callback:
        for method in ("did", "sc", "sdid"):
            res = synthdid(
                data,
                unit=unit,
                time=time,
                outcome=outcome,
                treatment=treatment,
                first_treated=first_treated,
                treated=treated,
                covariates=covariates,
                covariate_method=covariate_method,
                method=method,
                se=se,
                n_placebo=n_placebo,
                n_boot=n_boot,
                seed=seed,
                n_threads=n_threads,
                progress=callback or False,
            )
            rows.append(res.summary())
    return pd.concat(rows)
