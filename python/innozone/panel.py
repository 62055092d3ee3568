"""Panel data in one convention: long pandas DataFrames, checked and turned into arrays.

Every impact-evaluation estimator in innozone (``innozone.did`` and ``innozone.synth``)
reads the same shape of data with the same argument names: a *long*
:class:`pandas.DataFrame` ``data`` with one row per unit and period, and columns named
by keyword:

``unit``
    the unit identifier (county, region, firm, zone); any hashable values.
``time``
    the period: numbers (a year such as 2019), strings ("2019H1") or dates. Numeric
    periods keep their values (event time = period difference); strings and dates are
    ordered (sorted) and replaced by their rank 1, 2, ... in the computations, and
    tables show the original labels.
``outcome``
    the outcome, numeric.
``first_treated`` *or* ``treatment``
    either the first treated period of the unit (0, NaN or empty for never-treated
    units; the same value on every row of a unit; a period label when periods are
    strings or dates), or a 0/1 treatment indicator that switches on once and stays on
    (staggered adoption); :func:`first_treated_from_treatment` turns the indicator into
    first treated periods.
``covariates``, ``cluster``, ``weights``
    optional further columns.

:func:`to_wide` validates such a frame and returns a :class:`WidePanel` (units x
periods arrays); :func:`to_long` returns a :class:`LongPanel` (integer codes per row) for
estimators that work on unbalanced panels or repeated cross-sections. Problems are
reported with the argument, the column, and the units or periods concerned: a missing
column, duplicate (unit, period) rows, periods that cannot be ordered, a treatment that
switches off, a first treated period that changes within a unit or is not a period,
non-numeric or infinite values. An *unbalanced* panel (units missing some periods, or
with missing outcomes) is never a crash: with ``unbalanced="drop"`` the incomplete units
are dropped with an :class:`UnbalancedPanelWarning` naming them and their missing
periods; with ``unbalanced="error"`` an :class:`~innozone.InvalidInputError` does the
same. :func:`balance_report` lists the gaps without changing anything.
"""

from __future__ import annotations

import warnings
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ._errors import InnozoneWarning, InvalidInputError

__all__ = [
    "LongPanel",
    "Periods",
    "UnbalancedPanelWarning",
    "WidePanel",
    "balance_report",
    "check_columns",
    "first_treated_from_treatment",
    "periods_of",
    "to_long",
    "to_wide",
]


def __dir__() -> list[str]:  # tab completion lists the public names only
    return list(__all__)


_SHOW = 10  # how many units an error or warning message lists


class UnbalancedPanelWarning(InnozoneWarning):
    """Some units lack some periods (or have missing outcomes) and were dropped."""


def _plain(value: Any) -> Any:
    """A NumPy scalar as the Python value (so messages show 8001, not np.int64(8001))."""
    return value.item() if isinstance(value, np.generic) else value


def _show(value: Any) -> str:
    """A period or value for a message: 2020 rather than 2020.0, labels as repr."""
    value = _plain(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float)):
        return f"{value:g}"
    if isinstance(value, pd.Timestamp):
        return str(value.date()) if value == value.normalize() else str(value)
    return repr(value)


@dataclass(frozen=True)
class Periods:
    """The periods of a time column: codes per row, labels and the values used.

    Attributes
    ----------
    codes : numpy.ndarray
        Period index 0..T-1 of every row (in sorted period order).
    labels : list
        The sorted distinct periods as given (numbers, strings or timestamps).
    values : numpy.ndarray
        Float value of each period: the number itself for numeric periods, the rank
        1..T for strings and dates.
    numeric : bool
        True when the periods are numbers.
    """

    codes: np.ndarray
    labels: list[Any]
    values: np.ndarray
    numeric: bool

    def value_of(self, label: Any) -> float | None:
        """The value of a period label (None when it is not a period)."""
        if self.numeric:
            try:
                return float(label)
            except (TypeError, ValueError):
                return None
        try:
            position = self.labels.index(label)
        except ValueError:
            return None
        return float(self.values[position])

    def label_of(self, value: float) -> Any:
        """The label of a period value.

        For numeric periods, the value itself (as an int when whole).
        """
        if self.numeric:
            return int(value) if float(value).is_integer() else float(value)
        position = round(value) - 1
        if 0 <= position < len(self.labels):
            return self.labels[position]
        return value

    def labels_for(self, values: Sequence[float] | np.ndarray) -> list[Any]:
        """Labels of many period values."""
        return [self.label_of(float(v)) for v in values]


def _is_numeric_column(values: pd.Series) -> bool:
    if pd.api.types.is_bool_dtype(values):
        return False
    if pd.api.types.is_numeric_dtype(values):
        return True
    if values.dtype == object:
        kind = pd.api.types.infer_dtype(values, skipna=True)
        return kind in ("integer", "floating", "mixed-integer-float", "decimal")
    return False


def periods_of(data: pd.DataFrame, time: str) -> Periods:
    """Sort the periods of column ``time`` and code every row (see :class:`Periods`).

    Raises
    ------
    InvalidInputError
        A missing period (with its row), or periods of kinds that cannot be ordered.
    """
    column = data[time]
    missing = column.isna().to_numpy()
    if missing.any():
        raise InvalidInputError(
            f"time column {time!r} has a missing value (row {data.index[missing][0]!r})"
        )
    if _is_numeric_column(column):
        numbers = column.to_numpy(dtype=float)
        if not np.isfinite(numbers).all():
            row = data.index[~np.isfinite(numbers)][0]
            raise InvalidInputError(f"time column {time!r} has a non-finite period (row {row!r})")
        codes, uniques = pd.factorize(numbers, sort=True)
        values = np.asarray(uniques, dtype=float)
        labels = [int(v) if v.is_integer() else float(v) for v in values]
        return Periods(np.asarray(codes, dtype=np.int64), labels, values, True)
    try:
        codes, levels = pd.factorize(column, sort=True)
    except TypeError:
        mixed = sorted({type(v).__name__ for v in column})
        raise InvalidInputError(
            f"time column {time!r} mixes values that cannot be ordered ({', '.join(mixed)})"
        ) from None
    labels = [_plain(u) for u in list(levels)]
    kinds = {
        "date" if isinstance(v, (pd.Timestamp, np.datetime64)) else type(v).__name__ for v in labels
    }
    if len(kinds) > 1:
        raise InvalidInputError(
            f"time column {time!r} mixes values that cannot be ordered ({', '.join(sorted(kinds))})"
        )
    values = np.arange(1, len(labels) + 1, dtype=float)
    return Periods(np.asarray(codes, dtype=np.int64), labels, values, False)


@dataclass
class WidePanel:
    """A balanced panel as arrays, units in rows and periods in columns.

    Attributes
    ----------
    units : numpy.ndarray
        Unit labels (sorted, or in order of appearance), length ``n_units``.
    periods : numpy.ndarray
        Period values (float, increasing; ranks for string or date periods).
    period_labels : list
        The periods as given in the data.
    outcome : numpy.ndarray
        ``n_units x n_periods`` outcomes.
    first_treated : numpy.ndarray or None
        First treated period value per unit, 0 for never-treated units (None if neither
        ``first_treated`` nor ``treatment`` was given).
    covariates : numpy.ndarray or None
        ``n_periods x n_units x k`` covariate values (None without covariates).
    covariate_names : list of str
    cluster : numpy.ndarray or None
        Integer cluster code per unit (None without a cluster column).
    weights : numpy.ndarray or None
        Weight per unit (None without a weights column).
    dropped_units : dict
        Units dropped because the panel was unbalanced, mapped to their missing periods.
    time_info : Periods or None
        The period coding (labels and values) of the time column.
    """

    units: np.ndarray
    periods: np.ndarray
    outcome: np.ndarray
    first_treated: np.ndarray | None = None
    covariates: np.ndarray | None = None
    covariate_names: list[str] = field(default_factory=list)
    cluster: np.ndarray | None = None
    weights: np.ndarray | None = None
    dropped_units: dict[Hashable, list[Any]] = field(default_factory=dict)
    period_labels: list[Any] = field(default_factory=list)
    time_info: Periods | None = None

    @property
    def n_units(self) -> int:
        """Number of units."""
        return int(self.outcome.shape[0])

    @property
    def n_periods(self) -> int:
        """Number of periods."""
        return int(self.outcome.shape[1])


@dataclass
class LongPanel:
    """Long data coded for estimators on unbalanced panels or repeated cross-sections.

    Attributes
    ----------
    outcome : numpy.ndarray
        Outcome per row (rows with a missing outcome or covariate are left out).
    period : numpy.ndarray
        Period index per row.
    unit : numpy.ndarray
        Unit index per row (0..n_units-1).
    units : list
        Unit labels.
    first_treated : numpy.ndarray or None
        First treated period value per unit (0 = never).
    covariates : numpy.ndarray
        ``n_rows x k`` covariates (k may be 0).
    covariate_names : list of str
    weights : numpy.ndarray or None
        Weight per row.
    cluster : numpy.ndarray or None
        Cluster code per unit.
    time_info : Periods
    n_dropped_rows : int
        Rows left out for missing values.
    balanced : bool
        Every unit observed in every period.
    """

    outcome: np.ndarray
    period: np.ndarray
    unit: np.ndarray
    units: list[Any]
    first_treated: np.ndarray | None
    covariates: np.ndarray
    covariate_names: list[str]
    weights: np.ndarray | None
    cluster: np.ndarray | None
    time_info: Periods
    n_dropped_rows: int = 0
    balanced: bool = False


def check_columns(data: Any, **columns: str | Sequence[str] | None) -> None:
    """Check that ``data`` is a DataFrame holding every named column.

    Parameters
    ----------
    data : pandas.DataFrame
    **columns
        Argument name -> column name (or list of column names, or None to skip).

    Raises
    ------
    InvalidInputError
        Naming the argument, the missing column and the columns that exist.
    """
    if not isinstance(data, pd.DataFrame):
        raise InvalidInputError(f"data must be a pandas DataFrame, got {type(data).__name__}")
    for argument, names in columns.items():
        if names is None:
            continue
        for name in [names] if isinstance(names, str) else list(names):
            if name not in data.columns:
                shown = ", ".join(map(repr, list(data.columns)[:20]))
                raise InvalidInputError(
                    f"{argument} column {name!r} is not in the data ({argument}={name!r}; "
                    f"columns: {shown})"
                )


def _numeric(data: pd.DataFrame, column: str, argument: str) -> np.ndarray:
    values = data[column]
    if not (pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values)):
        coerced = pd.to_numeric(values, errors="coerce")
        bad = values[coerced.isna() & values.notna()]
        if len(bad) or not _is_numeric_column(values):
            example = bad.iloc[0] if len(bad) else values.iloc[0]
            row = bad.index[0] if len(bad) else values.index[0]
            raise InvalidInputError(
                f"{argument} column {column!r} must be numeric; found {example!r} (row {row!r})"
            )
        return np.asarray(coerced.to_numpy(dtype=float), dtype=float)
    return np.asarray(values.to_numpy(dtype=float), dtype=float)


def _list_units(units: Sequence[Hashable], gaps: dict[Hashable, list[Any]] | None = None) -> str:
    parts = []
    for u in list(units)[:_SHOW]:
        if gaps is not None:
            periods = ", ".join(_show(p).strip("'") for p in gaps[u][:8])
            more = ", ..." if len(gaps[u]) > 8 else ""
            parts.append(f"{_plain(u)!r} (missing {periods}{more})")
        else:
            parts.append(repr(_plain(u)))
    extra = f" and {len(units) - _SHOW} more" if len(units) > _SHOW else ""
    return "; ".join(parts) + extra


def _unit_codes(data: pd.DataFrame, unit: str, sort: bool) -> tuple[np.ndarray, np.ndarray]:
    missing = data[unit].isna().to_numpy()
    if missing.any():
        raise InvalidInputError(
            f"unit column {unit!r} has a missing value (row {data.index[missing][0]!r})"
        )
    try:
        codes, levels = pd.factorize(data[unit], sort=sort)
    except TypeError:
        codes, levels = pd.factorize(data[unit], sort=False)
    return np.asarray(codes, dtype=np.int64), np.asarray(levels, dtype=object)


def _first_treated_values(
    data: pd.DataFrame, column: str, argument: str, periods: Periods, units: Any
) -> np.ndarray:
    """First treated period value per row (0 = never) from a column of periods."""
    raw = data[column]
    never = raw.isna().to_numpy()
    if periods.numeric or _is_numeric_column(raw):
        values = _numeric(data, column, argument)
        values = np.where(np.isnan(values), 0.0, values)
        if (values < 0).any():
            i = int(np.flatnonzero(values < 0)[0])
            raise InvalidInputError(
                f"{argument}={column!r}: first treated period must be a period or 0/NaN (never); "
                f"unit {_plain(units[i])!r} has {_show(values[i])}"
            )
        if not periods.numeric:
            nonzero = values != 0
            if nonzero.any():
                i = int(np.flatnonzero(nonzero)[0])
                raise InvalidInputError(
                    f"{argument}={column!r}: unit {_plain(units[i])!r} has first treated period "
                    f"{_show(values[i])}, but the periods of the time column are labels "
                    f"({', '.join(_show(p) for p in periods.labels[:5])}, ...)"
                )
        return values
    lookup = {label: float(v) for label, v in zip(periods.labels, periods.values)}
    never = never | raw.isin(["", 0]).to_numpy()
    mapped = raw.map(lookup).to_numpy(dtype=float)
    unknown = np.isnan(mapped) & ~never
    if unknown.any():
        i = int(np.flatnonzero(unknown)[0])
        raise InvalidInputError(
            f"{argument}={column!r}: first treated period {_plain(raw.iloc[i])!r} of unit "
            f"{_plain(units[i])!r} is not a period of the time column"
        )
    out = np.where(never, 0.0, mapped)
    return out


def first_treated_from_treatment(
    data: pd.DataFrame, *, unit: str, time: str, treatment: str
) -> pd.Series:
    """First treated period of every row's unit from a 0/1 treatment indicator.

    Parameters
    ----------
    data : pandas.DataFrame
        Long data.
    unit, time, treatment : str
        Column names; ``treatment`` holds 0/1 and, once 1, must stay 1 (staggered
        adoption, no exit).

    Returns
    -------
    pandas.Series
        Aligned with ``data``: the first period (its value; the rank for string or date
        periods) with treatment 1 of the row's unit, 0 for units never treated.

    Raises
    ------
    InvalidInputError
        When the indicator is not 0/1 or switches off again (the unit and period named).
    """
    check_columns(data, unit=unit, time=time, treatment=treatment)
    periods = periods_of(data, time)
    u_codes, u_levels = _unit_codes(data, unit, sort=False)
    series: pd.Series = pd.Series(
        _first_from_indicator(data, treatment, periods, u_codes, u_levels),
        index=data.index,
        name="first_treated",
    )
    return series


def _first_from_indicator(
    data: pd.DataFrame, treatment: str, periods: Periods, u_codes: np.ndarray, u_levels: np.ndarray
) -> np.ndarray:
    d = _numeric(data, treatment, "treatment")
    bad = ~np.isin(d, (0.0, 1.0))
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise InvalidInputError(
            f"treatment={treatment!r}: values must be 0 or 1; unit {_plain(u_levels[u_codes[i]])!r} "
            f"has {_plain(data[treatment].iloc[i])!r} in period "
            f"{_show(periods.labels[periods.codes[i]])}"
        )
    n_units = len(u_levels)
    big = np.iinfo(np.int64).max
    first_code = np.full(n_units, big, dtype=np.int64)
    on = d == 1.0
    np.minimum.at(first_code, u_codes[on], periods.codes[on])
    row_first = first_code[u_codes]
    switched_off = (row_first != big) & (periods.codes >= row_first) & (d == 0.0)
    if switched_off.any():
        i = int(np.flatnonzero(switched_off)[0])
        raise InvalidInputError(
            f"treatment={treatment!r}: unit {_plain(u_levels[u_codes[i]])!r} is treated from "
            f"{_show(periods.labels[row_first[i]])} but untreated again in "
            f"{_show(periods.labels[periods.codes[i]])}; staggered-adoption estimators need a "
            "treatment that stays on"
        )
    safe = np.where(row_first == big, 0, row_first)
    return np.where(row_first == big, 0.0, periods.values[safe])


def balance_report(
    data: pd.DataFrame, *, unit: str, time: str, outcome: str | None = None
) -> pd.DataFrame:
    """Units that lack some periods (or, with ``outcome``, have missing outcomes).

    Returns
    -------
    pandas.DataFrame
        One row per incomplete unit with columns ``unit``, ``missing_periods`` (a list
        of period labels) and ``n_missing``; empty when the panel is balanced.
    """
    check_columns(data, unit=unit, time=time, outcome=outcome)
    periods = periods_of(data, time)
    u_codes, u_levels = _unit_codes(data, unit, sort=True)
    y = None if outcome is None else _outcome(data, outcome, u_codes, u_levels, periods)
    gaps = _gaps(unit, time, u_codes, u_levels, periods, y)[0]
    table: pd.DataFrame = pd.DataFrame(
        {
            "unit": list(gaps),
            "missing_periods": list(gaps.values()),
            "n_missing": [len(v) for v in gaps.values()],
        }
    )
    return table


def _outcome(
    data: pd.DataFrame, outcome: str, u_codes: np.ndarray, u_levels: np.ndarray, periods: Periods
) -> np.ndarray:
    if not (pd.api.types.is_numeric_dtype(data[outcome]) or _is_numeric_column(data[outcome])):
        values = data[outcome]
        bad = values[pd.to_numeric(values, errors="coerce").isna() & values.notna()]
        example = bad.iloc[0] if len(bad) else values.iloc[0]
        row = bad.index[0] if len(bad) else values.index[0]
        raise InvalidInputError(
            f"outcome column {outcome!r} must be numeric (outcome={outcome!r}; found "
            f"{example!r} in row {row!r})"
        )
    y = np.asarray(pd.to_numeric(data[outcome]).to_numpy(dtype=float), dtype=float)
    inf = np.isinf(y)
    if inf.any():
        i = int(np.flatnonzero(inf)[0])
        raise InvalidInputError(
            f"outcome {outcome!r} is infinite for unit {_plain(u_levels[u_codes[i]])!r} in period "
            f"{_show(periods.labels[periods.codes[i]])}"
        )
    return y


def _gaps(
    unit: str,
    time: str,
    u_codes: np.ndarray,
    u_levels: np.ndarray,
    periods: Periods,
    y: np.ndarray | None,
) -> tuple[dict[Hashable, list[Any]], np.ndarray, np.ndarray]:
    n_u, n_t = len(u_levels), len(periods.labels)
    cell = u_codes * n_t + periods.codes
    counts = np.bincount(cell, minlength=n_u * n_t)
    if (counts > 1).any():
        dup = np.flatnonzero(counts > 1)[:_SHOW]
        first = dup[0]
        pairs = ", ".join(
            f"({_plain(u_levels[c // n_t])!r}, {_show(periods.labels[c % n_t])})" for c in dup
        )
        raise InvalidInputError(
            f"unit {_plain(u_levels[first // n_t])!r} has more than one row for period "
            f"{_show(periods.labels[first % n_t])} (columns {unit!r}, {time!r}); duplicate "
            f"(unit, period) rows: {pairs}; each unit may appear once per period"
        )
    present = (counts == 1).reshape(n_u, n_t)
    if y is not None:
        ok = np.zeros(n_u * n_t, dtype=bool)
        ok[cell] = np.isfinite(y)
        present &= ok.reshape(n_u, n_t)
    gaps: dict[Hashable, list[Any]] = {}
    for i in np.flatnonzero(~present.all(axis=1)):
        gaps[_plain(u_levels[i])] = [periods.labels[j] for j in np.flatnonzero(~present[i])]
    return gaps, present.all(axis=1), present


def _unbalanced_message(outcome: str, gaps: dict[Hashable, list[Any]], n_u: int) -> str:
    cells = [(u, p) for u, ps in gaps.items() for p in ps]
    shown = ", ".join(f"({u!r}, {_show(p)})" for u, p in cells[:8])
    more = f" and {len(cells) - 8} more" if len(cells) > 8 else ""
    return (
        f"unbalanced panel: {len(gaps)} of {n_u} units lack an observed {outcome!r} in some "
        f"periods: {_list_units(list(gaps), gaps)} (missing (unit, period) cells: {shown}{more})"
    )


def _per_unit(
    values: np.ndarray,
    u_codes: np.ndarray,
    u_levels: np.ndarray,
    n_u: int,
    argument: str,
    column: str,
    show: Any = None,
) -> np.ndarray:
    per = np.full(n_u, np.nan)
    per[u_codes] = values
    expected = per[u_codes]
    differs = ~((expected == values) | (np.isnan(expected) & np.isnan(values)))
    if differs.any():
        i = int(np.flatnonzero(differs)[0])
        u = _plain(u_levels[u_codes[i]])
        found = sorted({float(v) for v in values[u_codes == u_codes[i]]})
        text = ", ".join((show or _show)(v) for v in found)
        raise InvalidInputError(
            f"{argument}={column!r}: must be constant within a unit; unit {u!r} has {text}"
        )
    return per


def _prepare(
    data: Any,
    unit: str | None,
    time: str,
    outcome: str,
    first_treated: str | None,
    treatment: str | None,
    covariates: Sequence[str] | str | None,
    cluster: str | None,
    weights: str | None,
    sort_units: bool,
) -> dict[str, Any]:
    if first_treated is not None and treatment is not None:
        raise InvalidInputError(
            "give either first_treated= (first treated period) or treatment= (0/1), not both"
        )
    covs = [covariates] if isinstance(covariates, str) else list(covariates or [])
    check_columns(
        data,
        unit=unit,
        time=time,
        outcome=outcome,
        first_treated=first_treated,
        treatment=treatment,
        covariates=covs,
        cluster=cluster,
        weights=weights,
    )
    if len(data) == 0:
        raise InvalidInputError("data: the DataFrame has no rows")
    periods = periods_of(data, time)
    if unit is None:
        u_codes = np.arange(len(data), dtype=np.int64)
        u_levels = np.asarray(list(data.index), dtype=object)
    else:
        u_codes, u_levels = _unit_codes(data, unit, sort=sort_units)
    y = _outcome(data, outcome, u_codes, u_levels, periods)
    return {
        "periods": periods,
        "u_codes": u_codes,
        "u_levels": u_levels,
        "y": y,
        "covariates": covs,
    }


def _first_treated_rows(
    data: pd.DataFrame, first_treated: str | None, treatment: str | None, p: dict[str, Any]
) -> np.ndarray | None:
    if first_treated is not None:
        return _first_treated_values(
            data, first_treated, "first_treated", p["periods"], p["u_levels"][p["u_codes"]]
        )
    if treatment is not None:
        return _first_from_indicator(data, treatment, p["periods"], p["u_codes"], p["u_levels"])
    return None


def _weights_rows(data: pd.DataFrame, weights: str, units: np.ndarray) -> np.ndarray:
    w_rows = _numeric(data, weights, "weights")
    bad = ~np.isfinite(w_rows) | (w_rows < 0)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise InvalidInputError(
            f"weights={weights!r}: weights must be finite and non-negative; unit "
            f"{_plain(units[i])!r} has {_plain(data[weights].iloc[i])!r}"
        )
    return w_rows


def to_wide(
    data: pd.DataFrame,
    *,
    unit: str,
    time: str,
    outcome: str,
    first_treated: str | None = None,
    treatment: str | None = None,
    covariates: Sequence[str] | str | None = None,
    cluster: str | None = None,
    weights: str | None = None,
    unbalanced: str = "drop",
    sort_units: bool = True,
) -> WidePanel:
    """Validate long panel data and return it as a balanced :class:`WidePanel`.

    Parameters
    ----------
    data : pandas.DataFrame
        Long data, one row per unit and period.
    unit, time, outcome : str
        Column names (periods: numbers, strings or dates; see the module docstring).
    first_treated : str, optional
        Column of first treated periods (0 or NaN = never treated); constant within a unit.
    treatment : str, optional
        Column of a 0/1 treatment indicator (instead of ``first_treated``).
    covariates : sequence of str, optional
        Numeric covariate columns (time-invariant or time-varying).
    cluster : str, optional
        Column of cluster identifiers, constant within a unit.
    weights : str, optional
        Column of non-negative weights, constant within a unit.
    unbalanced : {"drop", "error"}
        What to do with units that miss periods or outcomes: drop them with an
        :class:`UnbalancedPanelWarning` naming them, or raise.
    sort_units : bool
        Units in sorted order (default) or in order of first appearance.

    Returns
    -------
    WidePanel

    Raises
    ------
    InvalidInputError
        Missing columns, duplicates, non-numeric or infinite values, periods that cannot
        be ordered, inconsistent first-treated, cluster or weight values within a unit,
        missing covariates, or an unbalanced panel with ``unbalanced="error"``; every
        message names the column and the units or periods.
    """
    if unbalanced not in ("drop", "error"):
        raise InvalidInputError(f"unbalanced must be 'drop' or 'error', got {unbalanced!r}")
    p = _prepare(
        data,
        unit,
        time,
        outcome,
        first_treated,
        treatment,
        covariates,
        cluster,
        weights,
        sort_units,
    )
    periods: Periods = p["periods"]
    u_codes, u_levels, y = p["u_codes"], p["u_levels"], p["y"]
    t_codes = periods.codes
    n_u, n_t = len(u_levels), len(periods.labels)
    gaps, keep_unit, _ = _gaps(unit, time, u_codes, u_levels, periods, y)
    if gaps:
        message = _unbalanced_message(outcome, gaps, n_u)
        if unbalanced == "error":
            raise InvalidInputError(message)
        if len(gaps) == n_u:
            raise InvalidInputError(message + "; no complete unit is left")
        warnings.warn(message + "; these units were dropped", UnbalancedPanelWarning, stacklevel=3)
    outcome_wide = np.full((n_u, n_t), np.nan)
    outcome_wide[u_codes, t_codes] = y

    first = _first_treated_rows(data, first_treated, treatment, p)
    first_per_unit = None
    if first is not None:
        column = first_treated if first_treated is not None else treatment
        argument = "first_treated" if first_treated is not None else "treatment"
        first_per_unit = _per_unit(
            first,
            u_codes,
            u_levels,
            n_u,
            argument,
            str(column),
            show=lambda v: _show(periods.label_of(v)) if v else "0",
        )
    covs: list[str] = p["covariates"]
    cov = None
    if covs:
        cov = np.full((n_t, n_u, len(covs)), np.nan)
        for k, name in enumerate(covs):
            cov[t_codes, u_codes, k] = _numeric(data, name, "covariates")
            missing = np.isnan(cov[:, keep_unit, k])
            if missing.any():
                tt, uu = np.argwhere(missing)[0]
                raise InvalidInputError(
                    f"covariates: column {name!r} is missing for unit "
                    f"{_plain(u_levels[np.flatnonzero(keep_unit)[uu]])!r} in period "
                    f"{_show(periods.labels[tt])}"
                )
    cluster_codes = None
    if cluster is not None:
        c_codes, _ = pd.factorize(data[cluster], sort=True)
        if (c_codes < 0).any():
            i = int(np.flatnonzero(c_codes < 0)[0])
            raise InvalidInputError(
                f"cluster={cluster!r}: missing value for unit {_plain(u_levels[u_codes[i]])!r}"
            )
        cluster_codes = _per_unit(
            c_codes.astype(float), u_codes, u_levels, n_u, "cluster", cluster
        ).astype(int)
    unit_weights = None
    if weights is not None:
        w_rows = _weights_rows(data, weights, u_levels[u_codes])
        unit_weights = _per_unit(w_rows, u_codes, u_levels, n_u, "weights", weights)
    return WidePanel(
        units=u_levels[keep_unit],
        periods=periods.values.astype(float),
        outcome=np.ascontiguousarray(outcome_wide[keep_unit]),
        first_treated=None if first_per_unit is None else first_per_unit[keep_unit],
        covariates=None if cov is None else np.ascontiguousarray(cov[:, keep_unit, :]),
        covariate_names=covs,
        cluster=None if cluster_codes is None else cluster_codes[keep_unit],
        weights=None if unit_weights is None else unit_weights[keep_unit],
        dropped_units=gaps,
        period_labels=list(periods.labels),
        time_info=periods,
    )


def to_long(
    data: pd.DataFrame,
    *,
    unit: str | None,
    time: str,
    outcome: str,
    first_treated: str | None = None,
    treatment: str | None = None,
    covariates: Sequence[str] | str | None = None,
    cluster: str | None = None,
    weights: str | None = None,
) -> LongPanel:
    """Validate long data and code it as a :class:`LongPanel`.

    The coded panel serves estimators on unbalanced panels or repeated cross-sections.

    With ``unit=None`` every row is its own unit (repeated cross-sections). Rows with a
    missing outcome or covariate are left out with an :class:`UnbalancedPanelWarning`
    that counts them; first-treated, cluster and weight values must be constant
    within a unit.
    """
    p = _prepare(
        data, unit, time, outcome, first_treated, treatment, covariates, cluster, weights, True
    )
    periods: Periods = p["periods"]
    u_codes, u_levels, y = p["u_codes"], p["u_levels"], p["y"]
    n_u = len(u_levels)
    if unit is not None:
        _gaps(unit, time, u_codes, u_levels, periods, None)  # duplicates are refused
    covs: list[str] = p["covariates"]
    x = np.empty((len(data), len(covs)))
    for k, name in enumerate(covs):
        x[:, k] = _numeric(data, name, "covariates")
    keep = np.isfinite(y) & np.isfinite(x).all(axis=1)
    n_dropped = int((~keep).sum())
    if n_dropped:
        if not keep.any():
            raise InvalidInputError(f"outcome {outcome!r}: no row has all values observed")
        warnings.warn(
            f"{n_dropped} rows with a missing {outcome!r}"
            + (" or covariate" if covs else "")
            + " were left out",
            UnbalancedPanelWarning,
            stacklevel=3,
        )
    first = _first_treated_rows(data, first_treated, treatment, p)
    first_per_unit = None
    if first is not None:
        column = first_treated if first_treated is not None else treatment
        argument = "first_treated" if first_treated is not None else "treatment"
        first_per_unit = _per_unit(first, u_codes, u_levels, n_u, argument, str(column))
    cluster_codes = None
    if cluster is not None:
        c_codes, _ = pd.factorize(data[cluster], sort=True)
        if (c_codes < 0).any():
            i = int(np.flatnonzero(c_codes < 0)[0])
            raise InvalidInputError(f"cluster={cluster!r}: missing value in row {data.index[i]!r}")
        cluster_codes = _per_unit(
            c_codes.astype(float), u_codes, u_levels, n_u, "cluster", cluster
        ).astype(int)
    w_rows = None
    if weights is not None:
        w_rows = _weights_rows(data, weights, u_levels[u_codes])
    # Units left without any row are removed (codes renumbered).
    kept_units = np.unique(u_codes[keep])
    remap = np.full(n_u, -1, dtype=np.int64)
    remap[kept_units] = np.arange(len(kept_units))
    period = periods.codes[keep]
    unit_rows = remap[u_codes[keep]]
    n_t = len(periods.labels)
    balanced = unit is not None and len(unit_rows) == len(kept_units) * n_t
    return LongPanel(
        outcome=y[keep],
        period=period,
        unit=unit_rows,
        units=[_plain(u) for u in u_levels[kept_units]],
        first_treated=None if first_per_unit is None else first_per_unit[kept_units],
        covariates=np.ascontiguousarray(x[keep]),
        covariate_names=covs,
        weights=None if w_rows is None else w_rows[keep],
        cluster=None if cluster_codes is None else cluster_codes[kept_units],
        time_info=periods,
        n_dropped_rows=n_dropped,
        balanced=balanced,
    )
