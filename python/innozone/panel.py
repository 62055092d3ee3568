"""Panel data in one convention: long pandas DataFrames, checked and turned into wide arrays.

Every impact-evaluation estimator in innozone reads the same shape of data: a *long*
:class:`pandas.DataFrame` with one row per unit and period, and columns named by the
caller:

``unit``
    the unit identifier (county, region, firm, zone); any hashable values.
``time``
    the period, numeric (a year such as 2019, or a period number).
``outcome``
    the outcome, numeric.
``group`` *or* ``treatment``
    either the first treated period of the unit (0 or NaN for never-treated units; the
    same value on every row of a unit), or a 0/1 treatment indicator that switches on
    once and stays on (staggered adoption); :func:`first_treated_from_treatment` turns the
    indicator into first treated periods.
covariates, cluster
    optional further columns.

:func:`to_wide` validates such a frame and returns a :class:`WidePanel` of NumPy arrays
(units x periods). Problems are reported with the argument, the column, and the units or
periods concerned: a missing column, duplicate (unit, time) rows, a treatment that
switches off, a first treated period that changes within a unit, non-numeric values.
An *unbalanced* panel (units missing some periods, or with missing outcomes) is never a
crash: with ``unbalanced="drop"`` (the default) the incomplete units are dropped with an
:class:`UnbalancedPanelWarning` naming them and their missing periods; with
``unbalanced="error"`` an :class:`~innozone.InvalidInputError` does the same.
:func:`balance_report` lists the gaps without changing anything.
"""

from __future__ import annotations

import warnings
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ._errors import InnozoneWarning, InvalidInputError

__all__ = [
    "UnbalancedPanelWarning",
    "WidePanel",
    "balance_report",
    "check_columns",
    "first_treated_from_treatment",
    "to_wide",
]


def __dir__() -> list[str]:  # tab completion lists the public names only
    return list(__all__)


_SHOW = 10  # how many units an error or warning message lists


class UnbalancedPanelWarning(InnozoneWarning):
    """Some units lack some periods (or have missing outcomes) and were dropped."""


@dataclass
class WidePanel:
    """A balanced panel as arrays, units in rows and periods in columns.

    Attributes
    ----------
    units : numpy.ndarray
        Unit labels, sorted, length ``n_units``.
    periods : numpy.ndarray
        Periods (float), sorted increasing, length ``n_periods``.
    outcome : numpy.ndarray
        ``n_units x n_periods`` outcomes.
    first_treated : numpy.ndarray or None
        First treated period per unit, 0 for never-treated units (None if neither
        ``group`` nor ``treatment`` was given).
    covariates : numpy.ndarray or None
        ``n_periods x n_units x k`` covariate values (None without covariates).
    covariate_names : list of str
    cluster : numpy.ndarray or None
        Integer cluster code per unit (None without a cluster column).
    weights : numpy.ndarray or None
        Sampling weight per unit (None without a weights column).
    dropped_units : dict
        Units dropped because the panel was unbalanced, mapped to their missing periods.
    """

    units: np.ndarray
    periods: np.ndarray
    outcome: np.ndarray
    first_treated: np.ndarray | None = None
    covariates: np.ndarray | None = None
    covariate_names: list[str] = field(default_factory=list)
    cluster: np.ndarray | None = None
    weights: np.ndarray | None = None
    dropped_units: dict[Hashable, list[float]] = field(default_factory=dict)

    @property
    def n_units(self) -> int:
        """Number of units."""
        return int(self.outcome.shape[0])

    @property
    def n_periods(self) -> int:
        """Number of periods."""
        return int(self.outcome.shape[1])


def check_columns(df: pd.DataFrame, **columns: str | Sequence[str] | None) -> None:
    """Check that ``df`` is a DataFrame holding every named column.

    Parameters
    ----------
    df : pandas.DataFrame
    **columns
        Argument name -> column name (or list of column names, or None to skip).

    Raises
    ------
    InvalidInputError
        Naming the argument, the missing column and the columns that exist.
    """
    if not isinstance(df, pd.DataFrame):
        raise InvalidInputError(f"data must be a pandas DataFrame, got {type(df).__name__}")
    for argument, names in columns.items():
        if names is None:
            continue
        for name in [names] if isinstance(names, str) else list(names):
            if name not in df.columns:
                shown = ", ".join(map(repr, list(df.columns)[:20]))
                raise InvalidInputError(
                    f"{argument}={name!r}: no such column in the data (columns: {shown})"
                )


def _numeric(df: pd.DataFrame, column: str, argument: str) -> np.ndarray:
    values = df[column]
    if not (pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values)):
        bad = values[pd.to_numeric(values, errors="coerce").isna() & values.notna()]
        example = bad.iloc[0] if len(bad) else values.iloc[0]
        raise InvalidInputError(
            f"{argument}={column!r}: column must be numeric; found {example!r} "
            f"(row {bad.index[0] if len(bad) else values.index[0]!r})"
        )
    return np.asarray(values.to_numpy(dtype=float), dtype=float)


def _plain(value: Hashable) -> Hashable:
    """A NumPy scalar as the Python value (so messages show 8001, not np.int64(8001))."""
    return value.item() if isinstance(value, np.generic) else value


def _list_units(units: Sequence[Hashable], gaps: dict[Hashable, list[float]] | None = None) -> str:
    parts = []
    for u in list(units)[:_SHOW]:
        if gaps is not None:
            periods = ", ".join(f"{p:g}" for p in gaps[u][:8])
            more = ", ..." if len(gaps[u]) > 8 else ""
            parts.append(f"{u!r} (missing {periods}{more})")
        else:
            parts.append(repr(u))
    extra = f" and {len(units) - _SHOW} more" if len(units) > _SHOW else ""
    return "; ".join(parts) + extra


def first_treated_from_treatment(
    df: pd.DataFrame, unit: str, time: str, treatment: str
) -> pd.Series:
    """First treated period of every row's unit from a 0/1 treatment indicator.

    Parameters
    ----------
    df : pandas.DataFrame
        Long data.
    unit, time, treatment : str
        Column names; ``treatment`` holds 0/1 and, once 1, must stay 1 (staggered
        adoption, no exit).

    Returns
    -------
    pandas.Series
        Aligned with ``df``: the first period with treatment 1 of the row's unit, 0 for
        units never treated.

    Raises
    ------
    InvalidInputError
        When the indicator is not 0/1 or switches off again (the unit and period named).
    """
    check_columns(df, unit=unit, time=time, treatment=treatment)
    d = _numeric(df, treatment, "treatment")
    t = _numeric(df, time, "time")
    bad = ~np.isin(d, (0.0, 1.0))
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise InvalidInputError(
            f"treatment={treatment!r}: values must be 0 or 1; unit {df[unit].iloc[i]!r} has "
            f"{df[treatment].iloc[i]!r} in {time} {t[i]:g}"
        )
    frame = pd.DataFrame({"u": df[unit].to_numpy(), "t": t, "d": d})
    first = frame[frame["d"] == 1].groupby("u", sort=False)["t"].min()
    g = frame["u"].map(first).fillna(0.0).to_numpy()
    switched_off = (g > 0) & (frame["t"].to_numpy() >= g) & (d == 0)
    if switched_off.any():
        i = int(np.flatnonzero(switched_off)[0])
        raise InvalidInputError(
            f"treatment={treatment!r}: unit {frame['u'].iloc[i]!r} is treated from {g[i]:g} but "
            f"untreated again in {t[i]:g}; staggered-adoption estimators need a treatment "
            "that stays on"
        )
    return pd.Series(g, index=df.index, name="first_treated")


def balance_report(df: pd.DataFrame, unit: str, time: str, outcome: str | None = None) -> pd.DataFrame:
    """Units that lack some periods (or, with ``outcome``, have missing outcomes).

    Returns
    -------
    pandas.DataFrame
        One row per incomplete unit with columns ``unit``, ``missing_periods`` (a list)
        and ``n_missing``; empty when the panel is balanced.
    """
    check_columns(df, unit=unit, time=time, outcome=outcome)
    gaps = _gaps(df, unit, time, outcome)[0]
    return pd.DataFrame(
        {
            "unit": list(gaps),
            "missing_periods": list(gaps.values()),
            "n_missing": [len(v) for v in gaps.values()],
        }
    )


def _codes(df: pd.DataFrame, unit: str, time: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    if df[unit].isna().any():
        row = df.index[df[unit].isna().to_numpy()][0]
        raise InvalidInputError(f"unit={unit!r}: missing unit identifier at row {row!r}")
    u_codes, u_levels = pd.factorize(df[unit], sort=True)
    t = _numeric(df, time, "time")
    if np.isnan(t).any():
        row = df.index[np.isnan(t)][0]
        raise InvalidInputError(f"time={time!r}: missing period at row {row!r}")
    t_levels, t_codes = np.unique(t, return_inverse=True)
    return np.asarray(u_codes), np.asarray(u_levels), t_levels, t_codes


def _gaps(
    df: pd.DataFrame, unit: str, time: str, outcome: str | None, y: np.ndarray | None = None
) -> tuple[dict[Hashable, list[float]], np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    u_codes, u_levels, t_levels, t_codes = _codes(df, unit, time)
    n_u, n_t = len(u_levels), len(t_levels)
    cell = u_codes * n_t + t_codes
    counts = np.bincount(cell, minlength=n_u * n_t)
    if (counts > 1).any():
        dup = np.flatnonzero(counts > 1)[:_SHOW]
        pairs = ", ".join(f"({_plain(u_levels[c // n_t])!r}, {t_levels[c % n_t]:g})" for c in dup)
        raise InvalidInputError(
            f"unit={unit!r}, time={time!r}: duplicate rows for (unit, time) {pairs}; "
            "each unit may appear once per period"
        )
    present = (counts == 1).reshape(n_u, n_t)
    if outcome is not None:
        if y is None:
            y = _numeric(df, outcome, "outcome")
        ok = np.zeros(n_u * n_t, dtype=bool)
        ok[cell] = np.isfinite(y)
        present &= ok.reshape(n_u, n_t)
    gaps: dict[Hashable, list[float]] = {}
    for i in np.flatnonzero(~present.all(axis=1)):
        gaps[_plain(u_levels[i])] = [float(t_levels[j]) for j in np.flatnonzero(~present[i])]
    return gaps, present.all(axis=1), u_codes, u_levels, t_levels, t_codes


def to_wide(
    df: pd.DataFrame,
    unit: str,
    time: str,
    outcome: str,
    group: str | None = None,
    treatment: str | None = None,
    covariates: Sequence[str] | None = None,
    cluster: str | None = None,
    unbalanced: str = "drop",
    weights: str | None = None,
) -> WidePanel:
    """Validate long panel data and return it as a balanced :class:`WidePanel`.

    Parameters
    ----------
    df : pandas.DataFrame
        Long data, one row per unit and period.
    unit, time, outcome : str
        Column names.
    group : str, optional
        Column of first treated periods (0 or NaN = never treated); constant within a unit.
    treatment : str, optional
        Column of a 0/1 treatment indicator (used when ``group`` is not given).
    covariates : sequence of str, optional
        Numeric covariate columns (time-invariant or time-varying).
    cluster : str, optional
        Column of cluster identifiers, constant within a unit.
    unbalanced : {"drop", "error"}
        What to do with units that miss periods or outcomes: drop them with an
        :class:`UnbalancedPanelWarning` naming them, or raise.
    weights : str, optional
        Column of non-negative sampling weights, constant within a unit.

    Returns
    -------
    WidePanel

    Raises
    ------
    InvalidInputError
        Missing columns, duplicates, non-numeric values, inconsistent group or cluster
        values within a unit, missing covariates, or an unbalanced panel with
        ``unbalanced="error"``; every message names the column and the units or periods.
    """
    if unbalanced not in ("drop", "error"):
        raise InvalidInputError(f"unbalanced must be 'drop' or 'error', got {unbalanced!r}")
    if group is not None and treatment is not None:
        raise InvalidInputError("give either group= (first treated period) or treatment=, not both")
    covariates = list(covariates or [])
    if isinstance(covariates, str):
        covariates = [covariates]
    check_columns(df, unit=unit, time=time, outcome=outcome, group=group, treatment=treatment,
                  covariates=covariates, cluster=cluster, weights=weights)
    if len(df) == 0:
        raise InvalidInputError("data: the DataFrame has no rows")
    y = _numeric(df, outcome, "outcome")
    gaps, keep_unit, u_codes, u_levels, t_levels, t_codes = _gaps(df, unit, time, outcome, y)
    n_u, n_t = len(u_levels), len(t_levels)
    if gaps:
        message = (
            f"unbalanced panel: {len(gaps)} of {n_u} units lack an observed {outcome!r} in "
            f"some periods: {_list_units(list(gaps), gaps)}"
        )
        if unbalanced == "error":
            raise InvalidInputError(message)
        if len(gaps) == n_u:
            raise InvalidInputError(message + "; no complete unit is left")
        warnings.warn(message + "; these units were dropped", UnbalancedPanelWarning, stacklevel=3)
    outcome_wide = np.full((n_u, n_t), np.nan)
    outcome_wide[u_codes, t_codes] = y

    def per_unit(values: np.ndarray, argument: str, column: str) -> np.ndarray:
        per = np.full(n_u, np.nan)
        per[u_codes] = values
        differs = ~((per[u_codes] == values) | (np.isnan(per[u_codes]) & np.isnan(values)))
        if differs.any():
            i = int(np.flatnonzero(differs)[0])
            u = _plain(u_levels[u_codes[i]])
            found = sorted({float(v) for v in values[u_codes == u_codes[i]]})
            raise InvalidInputError(
                f"{argument}={column!r}: must be constant within a unit; unit {u!r} has "
                f"{', '.join(f'{v:g}' for v in found)}"
            )
        return per

    first_treated = None
    if group is not None:
        g_rows = _numeric(df, group, "group")
        g_rows = np.where(np.isnan(g_rows), 0.0, g_rows)
        if (g_rows < 0).any():
            i = int(np.flatnonzero(g_rows < 0)[0])
            raise InvalidInputError(
                f"group={group!r}: first treated period must be a period or 0/NaN (never); unit "
                f"{df[unit].iloc[i]!r} has {g_rows[i]:g}"
            )
        first_treated = per_unit(g_rows, "group", group)
    elif treatment is not None:
        first_treated = per_unit(
            first_treated_from_treatment(df, unit, time, treatment).to_numpy(), "treatment", treatment
        )
    cov = None
    if covariates:
        cov = np.full((n_t, n_u, len(covariates)), np.nan)
        for k, name in enumerate(covariates):
            values = _numeric(df, name, "covariates")
            cov[t_codes, u_codes, k] = values
            missing = np.isnan(cov[:, keep_unit, k])
            if missing.any():
                tt, uu = np.argwhere(missing)[0]
                raise InvalidInputError(
                    f"covariates: column {name!r} is missing for unit "
                    f"{_plain(u_levels[np.flatnonzero(keep_unit)[uu]])!r} in {time} {t_levels[tt]:g}"
                )
    cluster_codes = None
    if cluster is not None:
        c_codes, _ = pd.factorize(df[cluster], sort=True)
        if (c_codes < 0).any():
            i = int(np.flatnonzero(c_codes < 0)[0])
            raise InvalidInputError(f"cluster={cluster!r}: missing value for unit {df[unit].iloc[i]!r}")
        cluster_codes = per_unit(c_codes.astype(float), "cluster", cluster).astype(int)
    unit_weights = None
    if weights is not None:
        w_rows = _numeric(df, weights, "weights")
        bad = ~np.isfinite(w_rows) | (w_rows < 0)
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise InvalidInputError(
                f"weights={weights!r}: weights must be finite and non-negative; unit "
                f"{_plain(df[unit].iloc[i])!r} has {df[weights].iloc[i]!r}"
            )
        unit_weights = per_unit(w_rows, "weights", weights)
    return WidePanel(
        units=u_levels[keep_unit],
        periods=t_levels.astype(float),
        outcome=np.ascontiguousarray(outcome_wide[keep_unit]),
        first_treated=None if first_treated is None else first_treated[keep_unit],
        covariates=None if cov is None else np.ascontiguousarray(cov[:, keep_unit, :]),
        covariate_names=covariates,
        cluster=None if cluster_codes is None else cluster_codes[keep_unit],
        weights=None if unit_weights is None else unit_weights[keep_unit],
        dropped_units=gaps,
    )

