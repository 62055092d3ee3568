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
    one (each against the never-treated donors) and their gaps averaged.

:func:`synthdid`
    Arkhangelsky, Athey, Hirshberg, Imbens & Wager (2021): unit weights omega and time
    weights lambda (ridge-regularised, found by Frank-Wolfe) and a weighted two-way
    difference; ``method="sc"`` and ``method="did"`` give the synthetic-control and
    difference-in-differences special cases of the R package ``synthdid``. Standard errors
    by placebo, bootstrap or jackknife replication (R ``vcov.synthdid_estimate``).

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

import html
import math
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from . import _core
from ._errors import InvalidInputError, NumericalWarning
from .plotting import COLORS, _finish, check_lang, new_axes, style

__all__ = [
    "SynthDIDResult",
    "SyntheticControlResult",
    "synthdid",
    "synthdid_compare",
    "synthetic_control",
]


def __dir__() -> list[str]:  # tab completion lists the public names only
    return list(__all__)


_LABELS = {
    "year": ("연도", "Period"),
    "gap": ("격차 (실제 − 합성)", "Gap (actual − synthetic)"),
    "treated": ("처치 지역", "Treated"),
    "synthetic": ("합성 통제", "Synthetic control"),
    "placebo": ("위약 (공여 지역)", "Placebos (donors)"),
    "weight": ("가중치", "Weight"),
    "donor": ("공여 지역", "Donor"),
    "control": ("가중 통제집단", "Weighted controls"),
    "onset": ("처치 시작", "Treatment start"),
    "lambda": ("시간 가중치 λ", "Time weights λ"),
    "sc_title": ("합성통제법", "Synthetic control"),
    "sdid_title": ("합성 이중차분법", "Synthetic difference-in-differences"),
}


def _t(key: str, lang: str) -> str:
    ko, en = _LABELS[key]
    return ko if lang == "ko" else en


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
    _require_columns(
        data,
        {"unit": unit, "time": time, "outcome": outcome, "treatment": treatment,
         "first_treated": first_treated},
    )
    dup = data.duplicated([unit, time])
    if dup.any():
        row = data.loc[dup].iloc[0]
        raise InvalidInputError(
            f"unit {_py(row[unit])!r} has more than one row for period {_py(row[time])!r} "
            f"(columns {unit!r}, {time!r})"
        )
    if not pd.api.types.is_numeric_dtype(data[outcome]):
        raise InvalidInputError(f"outcome column {outcome!r} must be numeric")
    for role, column in (("unit", unit), ("time", time)):
        missing_key = data[column].isna()
        if missing_key.any():
            raise InvalidInputError(
                f"{role} column {column!r} has a missing value (row {data.index[missing_key][0]!r})"
            )
    try:
        times = [_py(t) for t in sorted(data[time].unique())]
    except TypeError:
        kinds = sorted({type(v).__name__ for v in data[time]})
        raise InvalidInputError(
            f"time column {time!r} mixes values that cannot be ordered ({', '.join(kinds)})"
        ) from None
    units = [_py(u) for u in pd.unique(data[unit])]
    wide = data.pivot(index=time, columns=unit, values=outcome).reindex(index=times, columns=units)
    missing = wide.isna()
    if missing.to_numpy().any():
        cells = [(u, t) for u in units for t in times if missing.at[t, u]]
        shown = ", ".join(f"({u!r}, {t!r})" for u, t in cells[:8])
        more = f" and {len(cells) - 8} more" if len(cells) > 8 else ""
        by_unit = missing.sum(axis=0)
        worst = by_unit[by_unit > 0].sort_values(ascending=False)
        raise InvalidInputError(
            f"unbalanced panel: outcome {outcome!r} is missing for {len(cells)} unit-period cells "
            f"({shown}{more}); units with gaps: "
            + ", ".join(f"{u!r} ({n} of {len(times)} periods)" for u, n in worst.head(8).items())
            + ". Drop those units or periods, or fill them, before estimating."
        )
    values = wide.to_numpy(dtype=float)
    if np.isinf(values).any():
        r, c = np.argwhere(np.isinf(values))[0]
        raise InvalidInputError(
            f"outcome {outcome!r} is infinite for unit {units[c]!r} in period {times[r]!r}"
        )
    starts = _treatment_starts(data, unit, time, treatment, first_treated, treated, times)
    return _Panel(units, times, values, starts)


def _progress_callback(progress: Any, total_hint: str) -> tuple[Callable[[int, int], bool] | None, Any]:
    if progress is None or progress is False:
        return None, None
    if progress is True:
        from tqdm.auto import tqdm

        bar = tqdm(desc=total_hint)

        def update(done: int, total: int) -> bool:
            bar.total = total
            bar.n = done
            bar.refresh()
            return True

        return update, bar
    if callable(progress):
        return progress, None
    raise InvalidInputError("progress must be None, True (a tqdm bar) or a callable(done, total)")


# ------------------------------------------------------------- synthetic control


@dataclass
class SyntheticControlResult:
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
        return pd.DataFrame(rows).set_index("unit")

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
        u = next(iter(self.first_treated)) if unit is None else unit
        if u not in self.first_treated:
            raise InvalidInputError(f"unit {u!r} is not a treated unit ({list(self.first_treated)})")
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
        return pd.concat(out, ignore_index=True)

    def plot(
        self,
        kind: str = "paths",
        ax: Any = None,
        lang: str = "en",
        unit: Any = None,
        max_pre_mspe_ratio: float | None = None,
    ) -> Any:
        """Plot the fit.

        Parameters
        ----------
        kind : {"paths", "gap", "placebo", "weights"}
            Actual vs synthetic outcome; the gap; the gap among placebo gaps (spaghetti);
            or the donor weights as bars.
        ax : matplotlib Axes, optional
        lang : {"en", "ko"}
        unit : treated unit to show (default: the first).
        max_pre_mspe_ratio : float, optional
            For ``kind="placebo"``: hide placebos whose pre-treatment MSPE exceeds this
            multiple of the treated unit's (as in ADH 2010, Figures 5-7).

        Returns
        -------
        matplotlib.axes.Axes
        """
        check_lang(lang)
        kinds = ("paths", "gap", "placebo", "weights")
        if kind not in kinds:
            raise InvalidInputError(f"kind must be one of {kinds}, got {kind!r}")
        u = next(iter(self.first_treated)) if unit is None else unit
        if u not in self.first_treated:
            raise InvalidInputError(f"unit {u!r} is not a treated unit ({list(self.first_treated)})")
        start = self.first_treated[u]
        with style():
            ax = new_axes(ax)
            x = list(self.gaps.index)
            if kind == "paths":
                ax.plot(x, self.actual[u], color=COLORS["accent"], label=f"{u}")
                ax.plot(x, self.synthetic[u], color=COLORS["primary"], linestyle="--",
                        label=_t("synthetic", lang))
                ax.set_ylabel(self.outcome_name)
            elif kind == "gap":
                ax.plot(x, self.gaps[u], color=COLORS["accent"], label=f"{u}")
                ax.axhline(0.0, color=COLORS["neutral"], linewidth=0.8)
                ax.set_ylabel(_t("gap", lang))
            elif kind == "placebo":
                pg = self.placebo_gaps
                if pg.empty:
                    raise InvalidInputError("no placebo fits: run synthetic_control(..., placebo=True)")
                if max_pre_mspe_ratio is not None:
                    r = self.rmspe
                    mine = r.loc[(r["unit"] == u) & ~r["placebo"], "pre_rmspe"].iloc[0]
                    keep = r.loc[r["placebo"] & (r["pre_rmspe"] ** 2 <= max_pre_mspe_ratio * mine**2),
                                 "unit"]
                    pg = pg[[c for c in pg.columns if c in set(keep)]]
                for j, col in enumerate(pg.columns):
                    ax.plot(x, pg[col], color=COLORS["light"], linewidth=0.8,
                            label=_t("placebo", lang) if j == 0 else None)
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

    def _repr_html_(self) -> str:
        s = self.summary()
        top = []
        for u in self.weights.columns:
            w = self.weights[u].sort_values(ascending=False)
            w = w[w > 1e-3].head(6)
            top.append(f"<b>{html.escape(str(u))}</b>: " + ", ".join(
                f"{html.escape(str(k))} {v:.3f}" for k, v in w.items()))
        return (
            f"<div><b>Synthetic control</b> (합성통제법) of {html.escape(self.outcome_name)}; "
            f"ATT {self.att:.3f} (outcome units)<br>"
            + "<br>".join(top)
            + str(s.to_html(float_format=lambda x: f"{x:.4g}"))
            + "</div>"
        )


def _as_years(years: Any, times: Sequence[Any], what: str) -> list[Any]:
    if years is None:
        raise InvalidInputError(f"{what}: no periods given")
    if isinstance(years, range) or (isinstance(years, Iterable) and not isinstance(years, (str, bytes))):
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
    n_random_starts: int = 2,
    seed: int = 0,
    max_evaluations: int = 4000,
    disagreement_rtol: float = 0.01,
    custom_v: Sequence[float] | None = None,
    n_threads: int = 0,
    progress: Any = None,
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
    n_random_starts, seed, max_evaluations, disagreement_rtol
        The V search: Nelder-Mead from the equal-weights start, the regression start of
        R Synth and ``n_random_starts`` seeded Dirichlet starts, each with up to
        ``max_evaluations`` inner solves. A :class:`~innozone.NumericalWarning` is issued
        when no second start comes within ``disagreement_rtol`` of the best loss.
    custom_v : sequence of float, optional
        Fixed predictor weights (skips the search).
    n_threads : int
        Worker threads (0 = all cores).
    progress : None, True or callable(done, total)
        Progress of the fits (True shows a tqdm bar); returning False cancels.

    Returns
    -------
    SyntheticControlResult
    """
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
    if optimize_years is not None:
        opt = _as_years(optimize_years, times, "optimize_years")
    else:
        opt = None
    variables: list[np.ndarray] = []
    var_index: dict[str, int] = {}

    def variable(name: str) -> int:
        if name not in var_index:
            _require_columns(data, {"predictor": name})
            if not pd.api.types.is_numeric_dtype(data[name]):
                raise InvalidInputError(f"predictor column {name!r} must be numeric")
            wide = data.pivot(index=time, columns=unit, values=name).reindex(index=times, columns=units)
            var_index[name] = len(variables)
            variables.append(wide.to_numpy(dtype=float))
        return var_index[name]

    names: list[str] = []
    var_of: list[int] = []
    periods: list[list[int]] = []
    pyears = _as_years(predictor_years, times, "predictor_years") if predictor_years is not None else pre_default
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
    callback, bar = _progress_callback(progress, "synthetic control fits")
    try:
        raw = _core.synth.fit_synthetic_control_panel(
            panel.outcome,
            x,
            [col[u] for u in treated_units],
            [row[starts[u]] for u in treated_units],
            [col[u] for u in donor_list],
            optimize_rows,
            placebo=placebo,
            n_random_starts=n_random_starts,
            seed=seed,
            max_evaluations=max_evaluations,
            disagreement_rtol=disagreement_rtol,
            custom_v=np.asarray(custom_v, dtype=float) if custom_v is not None else np.zeros(0),
            n_threads=n_threads,
            progress=callback,
        )
    finally:
        if bar is not None:
            bar.close()

    index = pd.Index(times, name=time)
    weights, vs, actual, synth_paths, gaps = {}, {}, {}, {}, {}
    balance_rows = []
    start_rows, kkt_rows = [], []
    loss_v, loss_w, disagree = {}, {}, {}
    for u, fit in zip(treated_units, raw["treated"]):
        w = pd.Series(np.asarray(fit["w"]), index=[units[j] for j in fit["donors"]], name=u)
        weights[u] = w
        vs[u] = pd.Series(np.asarray(fit["v"]), index=names, name=u)
        actual[u] = panel.outcome[:, col[u]]
        synth_paths[u] = np.asarray(fit["synthetic"])
        gaps[u] = np.asarray(fit["gap"])
        x0 = x[:, [col[d] for d in donor_list]]
        for k, name in enumerate(names):
            balance_rows.append(
                {"unit": u, "predictor": name, "treated": x[k, col[u]],
                 "synthetic": float(x0[k] @ w.reindex(donor_list).to_numpy()),
                 "donor_mean": float(x0[k].mean())}
            )
        for s in fit["starts"]:
            start_rows.append({"unit": u, "start": s["label"], "loss_v": s["loss_v"],
                               "evaluations": s["evaluations"]})
        kkt_rows.append({"unit": u, **fit["kkt"], "iterations": fit["qp_iterations"],
                         "converged": fit["qp_converged"]})
        loss_v[u], loss_w[u], disagree[u] = fit["loss_v"], fit["loss_w"], fit["starts_disagree"]
        if fit["starts_disagree"]:
            losses = ", ".join(f"{s['label']} {s['loss_v']:.6g}" for s in fit["starts"])
            warnings.warn(
                f"synthetic control for {u!r}: the V-search starts disagree (losses: {losses}); "
                "only one start reached the best loss, so a better V may exist. Try more "
                "n_random_starts or a larger max_evaluations.",
                NumericalWarning,
                stacklevel=2,
            )
    rmspe_rows = []
    for fit in list(raw["treated"]) + list(raw["placebos"]):
        rmspe_rows.append(
            {"unit": units[fit["unit"]], "first_treated": times[fit["first_treated"]],
             "placebo": bool(fit["placebo"]), "pre_rmspe": fit["pre_rmspe"],
             "post_rmspe": fit["post_rmspe"], "ratio": fit["ratio"]}
        )
    first_start = starts[treated_units[0]]
    placebo_gaps = pd.DataFrame(
        {units[f["unit"]]: np.asarray(f["gap"]) for f in raw["placebos"]
         if times[f["first_treated"]] == first_start},
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
        p_values=pd.Series(dict(zip(treated_units, raw["p_values"])), name="p_value")
        if placebo else pd.Series({u: np.nan for u in treated_units}, name="p_value"),
        starts=pd.DataFrame(start_rows),
        kkt=pd.DataFrame(kkt_rows).set_index("unit"),
        loss_v=pd.Series(loss_v, name="loss_v"),
        loss_w=pd.Series(loss_w, name="loss_w"),
        starts_disagree=pd.Series(disagree, name="starts_disagree"),
        att=att,
        effect_by_event_time=by_event,
    )


# ------------------------------------------------------------------ synthetic DiD


@dataclass
class SynthDIDResult:
    """Result of :func:`synthdid`.

    Attributes
    ----------
    method : {"sdid", "sc", "did"}
    estimate : float
        Average effect on the treated block, in outcome units.
    se : float
        Standard error (NaN when not computed or not defined; see ``se_note``).
    se_method : str or None
    omega : Series
        Unit weights of the control units.
    lambda_ : Series
        Time weights of the pre-treatment periods.
    effect_curve : Series
        Effect in each post-treatment period.
    replicates : ndarray
        The replicate estimates behind ``se``.
    """

    method: str
    outcome_name: str
    estimate: float
    se: float
    se_method: str | None
    se_note: str
    omega: pd.Series
    lambda_: pd.Series
    effect_curve: pd.Series
    treated_units: list[Any]
    treated_mean: pd.Series
    control_mean: pd.Series
    noise_level: float
    zeta_omega: float
    zeta_lambda: float
    replicates: np.ndarray
    first_treated: Any

    def confidence_interval(self, level: float = 0.95) -> tuple[float, float]:
        """Normal-approximation interval estimate +- z * se."""
        if not 0.0 < level < 1.0:
            raise InvalidInputError(f"level must lie in (0, 1), got {level}")
        z = _core.normal_quantile(0.5 + level / 2.0)
        return (self.estimate - z * self.se, self.estimate + z * self.se)

    def summary(self) -> pd.DataFrame:
        """One-row table: estimate, se, 95% interval, effective numbers of units/periods."""
        lo, hi = self.confidence_interval()
        eff_n0 = 1.0 / float((self.omega**2).sum()) if self.method != "did" else len(self.omega)
        lam2 = float((self.lambda_**2).sum())
        eff_t0 = 1.0 / lam2 if lam2 > 0 else 0.0
        return pd.DataFrame(
            [{"method": self.method, "estimate": self.estimate, "se": self.se,
              "ci_low": lo, "ci_high": hi, "se_method": self.se_method,
              "n_replicates": len(self.replicates), "n_treated": len(self.treated_units),
              "n_control": len(self.omega), "effective_controls": eff_n0,
              "n_pre": len(self.lambda_), "effective_pre_periods": eff_t0,
              "n_post": len(self.effect_curve)}]
        ).set_index("method")

    def to_frame(self) -> pd.DataFrame:
        """Long table of the weights: kind ("omega"/"lambda"), label, weight."""
        return pd.concat(
            [
                pd.DataFrame({"kind": "omega", "label": self.omega.index, "weight": self.omega.to_numpy()}),
                pd.DataFrame({"kind": "lambda", "label": self.lambda_.index,
                              "weight": self.lambda_.to_numpy()}),
            ],
            ignore_index=True,
        )

    def plot(self, kind: str = "trajectories", ax: Any = None, lang: str = "en") -> Any:
        """Plot the estimate.

        Parameters
        ----------
        kind : {"trajectories", "weights"}
            Treated and omega-weighted control means with the time weights lambda drawn as
            a band at the bottom (the synthdid plot), or the unit weights as bars.
        ax : matplotlib Axes, optional
        lang : {"en", "ko"}

        Returns
        -------
        matplotlib.axes.Axes
        """
        check_lang(lang)
        if kind not in ("trajectories", "weights"):
            raise InvalidInputError(f"kind must be 'trajectories' or 'weights', got {kind!r}")
        title = {"sdid": _t("sdid_title", lang), "sc": _t("sc_title", lang),
                 "did": "DID (이중차분)" if lang == "ko" else "Difference-in-differences"}[self.method]
        with style():
            ax = new_axes(ax)
            if kind == "weights":
                w = self.omega.sort_values(ascending=True)
                w = w[w > 1e-3]
                ax.barh([str(i) for i in w.index], w.to_numpy(), color=COLORS["primary"])
                ax.set_xlabel(_t("weight", lang))
                ax.set_title(title)
                return _finish(ax)
            x = list(self.treated_mean.index)
            ax.plot(x, self.treated_mean, color=COLORS["accent"], label=_t("treated", lang))
            ax.plot(x, self.control_mean, color=COLORS["primary"], linestyle="--",
                    label=_t("control", lang))
            ymin, ymax = ax.get_ylim()
            height = 0.15 * (ymax - ymin)
            lam = self.lambda_
            if lam.max() > 0:
                ax.bar(list(lam.index), (lam / lam.max()).to_numpy() * height, bottom=ymin,
                       color=COLORS["sky"], alpha=0.6, label=_t("lambda", lang))
            ax.axvline(self.first_treated, color=COLORS["neutral"], linestyle=":",
                       label=_t("onset", lang))
            ax.set_xlabel(_t("year", lang))
            ax.set_ylabel(self.outcome_name)
            ax.set_title(f"{title}: {self.estimate:.2f}")
            ax.legend()
            return _finish(ax)

    def _repr_html_(self) -> str:
        top = self.omega.sort_values(ascending=False).head(6)
        return (
            f"<div><b>{html.escape(self.method.upper())}</b> estimate of "
            f"{html.escape(self.outcome_name)}: {self.estimate:.3f}"
            + (f" (se {self.se:.3f}, {html.escape(str(self.se_method))})" if not math.isnan(self.se) else "")
            + "<br>top unit weights: "
            + ", ".join(f"{html.escape(str(k))} {v:.3f}" for k, v in top.items())
            + str(self.summary().to_html(float_format=lambda v: f"{v:.4g}"))
            + "</div>"
        )


def _block_panel(
    data: pd.DataFrame, unit: str, time: str, outcome: str, treatment: str | None,
    first_treated: str | None, treated: Mapping[Any, Any] | None,
) -> tuple[np.ndarray, int, int, list[Any], list[Any], list[Any], Any]:
    panel = _wide_panel(data, unit, time, outcome, treatment, first_treated, treated)
    starts = panel.first_treated
    distinct = sorted(set(starts.values()))
    if len(distinct) > 1:
        raise InvalidInputError(
            "synthdid needs every treated unit to start treatment in the same period "
            "(block design); first treated periods: "
            + ", ".join(f"{u!r}: {s!r}" for u, s in starts.items())
            + ". Fit each adoption cohort separately."
        )
    start = distinct[0]
    controls = [u for u in panel.units if u not in starts]
    treated_units = [u for u in panel.units if u in starts]
    col = {u: i for i, u in enumerate(panel.units)}
    order = [col[u] for u in controls + treated_units]
    y = panel.outcome[:, order].T.copy()  # N x T
    t0 = sum(1 for t in panel.times if t < start)
    if len(controls) < 1:
        raise InvalidInputError("synthdid needs at least one never-treated control unit")
    if t0 < 2:
        raise InvalidInputError(
            f"synthdid needs at least 2 pre-treatment periods before {start!r}; found {t0}"
        )
    return y, len(controls), t0, controls, treated_units, panel.times, start


def synthdid(
    data: pd.DataFrame,
    *,
    unit: str,
    time: str,
    outcome: str,
    treatment: str | None = None,
    first_treated: str | None = None,
    treated: Mapping[Any, Any] | None = None,
    method: str = "sdid",
    se: str | None = "placebo",
    replications: int = 200,
    seed: int = 0,
    eta_omega: float | None = None,
    noise_level: float | None = None,
    n_threads: int = 0,
    progress: Any = None,
) -> SynthDIDResult:
    """Synthetic difference-in-differences and its SC and DID special cases.

    Follows Arkhangelsky et al. (2021) and the reference R package ``synthdid``:
    ``method="sdid"`` is ``synthdid_estimate`` (unit weights with intercept and ridge
    zeta = (N_tr T_post)^(1/4) * sigma, time weights with zeta = 1e-6 sigma, where sigma is
    the sd of first differences of control outcomes before treatment; Frank-Wolfe stops
    when the objective falls by less than (1e-5 sigma)^2 or after 100 iterations, then
    sparsifies and runs up to 10,000 more), ``"sc"`` is ``sc_estimate`` and ``"did"`` is
    ``did_estimate``.

    Parameters
    ----------
    data : DataFrame
        Long balanced panel.
    unit, time, outcome : str
    treatment, first_treated, treated
        Exactly one (see :func:`synthetic_control`); every treated unit must start in
        the same period.
    method : {"sdid", "sc", "did"}
    se : {"placebo", "bootstrap", "jackknife"} or None
        Standard-error method (R ``vcov(method=...)``). With one treated unit only the
        placebo method is defined; the others return NaN with a note.
    replications : int
        Placebo or bootstrap replications (R default 200).
    seed : int
        Seed of the replicates' Philox streams (one stream per replicate).
    eta_omega, noise_level : float, optional
        Override the regularisation multiplier and the noise level sigma.
    n_threads : int
    progress : None, True or callable(done, total)

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
    y, n0, t0, controls, treated_units, times, start = _block_panel(
        data, unit, time, outcome, treatment, first_treated, treated
    )
    eta = -1.0 if eta_omega is None else float(eta_omega)
    sigma = -1.0 if noise_level is None else float(noise_level)
    fit = _core.synth.sdid_estimate(y, n0, t0, method, eta_omega=eta, noise_level=sigma)
    se_value, note, reps = float("nan"), "", np.zeros(0)
    if se is not None:
        callback, bar = _progress_callback(progress, f"{se} replicates")
        try:
            out = _core.synth.sdid_standard_error(
                y, n0, t0, method, se, replications, seed, eta_omega=eta, noise_level=sigma,
                n_threads=n_threads, progress=callback,
            )
        finally:
            if bar is not None:
                bar.close()
        se_value, note, reps = float(out["se"]), out["note"], np.asarray(out["replicates"])
        if note:
            warnings.warn(f"synthdid: {note}", NumericalWarning, stacklevel=2)
    omega = np.asarray(fit["omega"])
    index = pd.Index(times, name=time)
    treated_mean = pd.Series(y[n0:].mean(axis=0), index=index, name="treated")
    control_mean = pd.Series(omega @ y[:n0], index=index, name="control")
    return SynthDIDResult(
        method=method,
        outcome_name=outcome,
        estimate=float(fit["estimate"]),
        se=se_value,
        se_method=se,
        se_note=note,
        omega=pd.Series(omega, index=pd.Index(controls, name=unit), name="omega"),
        lambda_=pd.Series(np.asarray(fit["lambda"]), index=pd.Index(times[:t0], name=time),
                          name="lambda"),
        effect_curve=pd.Series(np.asarray(fit["effect_curve"]),
                               index=pd.Index(times[t0:], name=time), name="effect"),
        treated_units=treated_units,
        treated_mean=treated_mean,
        control_mean=control_mean,
        noise_level=float(fit["noise_level"]),
        zeta_omega=float(fit["zeta_omega"]),
        zeta_lambda=float(fit["zeta_lambda"]),
        replicates=reps,
        first_treated=start,
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
    se: str | None = "placebo",
    replications: int = 200,
    seed: int = 0,
    n_threads: int = 0,
) -> pd.DataFrame:
    """DID, SC and SDID side by side (Arkhangelsky et al. 2021, Table 1 layout).

    Returns a DataFrame indexed by method with estimate, se and a 95% interval.
    """
    rows = []
    for method in ("did", "sc", "sdid"):
        res = synthdid(
            data, unit=unit, time=time, outcome=outcome, treatment=treatment,
            first_treated=first_treated, treated=treated, method=method, se=se,
            replications=replications, seed=seed, n_threads=n_threads,
        )
        rows.append(res.summary())
    return pd.concat(rows)
