"""Input-output ripple effects: what spending induces in output, value added and jobs.

Two ways in:

- :class:`InputOutputTable` from a user's inter-industry table (flows ``Z``, total output
  ``x`` and, as available, value added, employment, labour compensation and household
  consumption): technical coefficients, the Leontief model solved by LU factorisation in
  the compiled core (the inverse is formed only when you ask for it), Type I multipliers,
  Type II multipliers with households endogenous, and the effects of a final-demand vector
  by sector.
- :func:`quick_ripple` when no table is at hand: Korea's all-industry production,
  value-added and employment inducement coefficients (Bank of Korea, 2019-2022), shipped in
  ``innozone/data/io_coefficients_kr.json``. This is a quick estimate, labelled as such in
  every result.

Notation follows Miller & Blair, *Input-Output Analysis* (2nd ed., 2009): ``Z[i, j]`` is
what sector ``i`` sells to sector ``j``; ``A = Z diag(x)^-1``; ``L = (I - A)^-1``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Union

import numpy as np
import pandas as pd

from . import _core, _labels, plotting
from ._results import Result, format_number
from ._validate import resolve_lang
from .money import MONEY_UNITS

_b = _core.budget

__all__ = [
    "InputOutputTable",
    "IoImpact",
    "IoMultipliers",
    "QuickRipple",
    "korea_inducement_coefficients",
    "quick_ripple",
]


def __dir__() -> list[str]:  # tab completion lists the public names only
    return list(__all__)


VectorLike = Union[Sequence[float], np.ndarray, pd.Series, Mapping[str, float]]


def _t(lang: str | None, key: str) -> str:
    """A chart text from the label registry (keys ``io.*``)."""
    return _labels.label(f"io.{key}", resolve_lang(lang))


def _with_unit(lang: str | None, key: str, money_unit: str) -> str:
    lang = resolve_lang(lang)
    return f"{_t(lang, key)} ({_labels.unit_label(money_unit, lang)})"


def _money_unit(money_unit: Any) -> str:
    if isinstance(money_unit, str) and (money_unit in MONEY_UNITS or money_unit == "KRW"):
        return money_unit
    raise _core.InvalidInputError(
        f"money_unit must be one of {', '.join(MONEY_UNITS)} (or KRW), got {money_unit!r}"
    )


class InputOutputTable:
    """An inter-industry table with optional satellite rows.

    Parameters
    ----------
    flows : DataFrame or 2-D array
        ``Z``: sales of the row sector to the column sector, money (``unit``).
    output : Series or sequence
        Total output ``x`` per sector (> 0).
    value_added, employment : Series or sequence, optional
        Value added (money) and employment (persons) per sector; give them for value-added
        and employment multipliers and effects.
    compensation, consumption : Series or sequence, optional
        Labour compensation paid by each sector and household consumption of each sector's
        output; both are needed for Type II (households endogenous).
    household_income : float, optional
        Total household income closing the model; defaults to the sum of compensation.
    sectors : sequence of str, optional
        Sector names; taken from ``flows`` when it is a DataFrame.
    money_unit : str
        Money unit of flows, output, value added, compensation and consumption (원, 만원,
        백만원, 억원, 조원).
    """

    def __init__(
        self,
        flows: pd.DataFrame | np.ndarray,
        output: VectorLike,
        *,
        value_added: VectorLike | None = None,
        employment: VectorLike | None = None,
        compensation: VectorLike | None = None,
        consumption: VectorLike | None = None,
        household_income: float | None = None,
        sectors: Sequence[str] | None = None,
        money_unit: str = "억원",
    ) -> None:
        if isinstance(flows, pd.DataFrame):
            names = [str(c) for c in flows.columns]
            if [str(i) for i in flows.index] != names:
                raise _core.InvalidInputError(
                    "InputOutputTable: flows must list the same sectors in rows and columns, "
                    f"got rows {list(flows.index)} and columns {list(flows.columns)}"
                )
            matrix = flows.to_numpy(dtype=float)
        else:
            matrix = np.asarray(flows, dtype=float)
            names = (
                [str(s) for s in sectors]
                if sectors is not None
                else [f"sector {i}" for i in range(matrix.shape[0])]
            )
        if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1]:
            raise _core.InvalidInputError(
                f"InputOutputTable: flows must be a square table, got shape {matrix.shape}"
            )
        if len(names) != matrix.shape[0]:
            raise _core.InvalidInputError(
                f"InputOutputTable: {len(names)} sector names for {matrix.shape[0]} sectors"
            )
        self.sectors: list[str] = names
        self.money_unit = _money_unit(money_unit)
        self._flows = matrix
        self._output = self._vector(output, "output")
        self._value_added = self._optional(value_added, "value_added")
        self._employment = self._optional(employment, "employment")
        self._compensation = self._optional(compensation, "compensation")
        self._consumption = self._optional(consumption, "consumption")
        self._income = float("nan") if household_income is None else float(household_income)
        self._model = _b.LeontiefModel.from_flows(self._flows, self._output)

    def _vector(self, values: VectorLike, what: str) -> np.ndarray:
        if isinstance(values, (pd.Series, Mapping)):
            series = pd.Series(values, dtype=float)
            missing = [s for s in self.sectors if s not in series.index]
            if missing:
                raise _core.InvalidInputError(
                    f"InputOutputTable: {what} has no value for sector {missing[0]!r}"
                )
            out: np.ndarray = series.reindex(self.sectors).to_numpy(dtype=float)
            return out
        array = np.asarray(values, dtype=float)
        if array.shape != (len(self.sectors),):
            raise _core.InvalidInputError(
                f"InputOutputTable: {what} needs {len(self.sectors)} values (one per sector), "
                f"got shape {array.shape}"
            )
        return array

    def _optional(self, values: VectorLike | None, what: str) -> np.ndarray:
        if values is None:
            return np.zeros(0)
        return self._vector(values, what)

    @property
    def has_type2(self) -> bool:
        """True when compensation and consumption are given (Type II available)."""
        return self._compensation.size > 0 and self._consumption.size > 0

    def coefficients(self) -> pd.DataFrame:
        """Technical coefficients ``A = Z diag(x)^-1``."""
        table: pd.DataFrame = pd.DataFrame(
            np.asarray(self._model.coefficients), index=self.sectors, columns=self.sectors
        )
        return table

    def leontief_inverse(self) -> pd.DataFrame:
        """``L = (I - A)^-1``, from the LU factors (for inspection of small tables)."""
        table: pd.DataFrame = pd.DataFrame(
            np.asarray(self._model.inverse()), index=self.sectors, columns=self.sectors
        )
        return table

    def multipliers(self) -> IoMultipliers:
        """Type I (and, where possible, Type II) multipliers per sector."""
        raw = _b.io_multipliers(
            self._flows,
            self._output,
            self._value_added,
            self._employment,
            self._compensation,
            self._consumption,
            self._income,
        )
        keys = (
            "output_type1",
            "value_added_type1",
            "employment_type1",
            "income_type1",
            "output_type2",
            "value_added_type2",
            "employment_type2",
            "income_type2",
        )
        columns = {key: np.asarray(getattr(raw, key)) for key in keys if len(getattr(raw, key)) > 0}
        frame = pd.DataFrame(columns, index=pd.Index(self.sectors, name="sector"))
        return IoMultipliers(frame=frame, money_unit=self.money_unit)

    def impact(self, final_demand: VectorLike) -> IoImpact:
        """Output, value added and jobs induced by a final-demand change, by sector.

        Parameters
        ----------
        final_demand : Series, mapping or sequence
            Spending per sector in ``unit`` (a mapping may leave out sectors: they get 0).
        """
        if isinstance(final_demand, Mapping) and not isinstance(final_demand, pd.Series):
            unknown = [k for k in final_demand if str(k) not in self.sectors]
            if unknown:
                raise _core.NotFoundError(
                    f"impact: final demand names an unknown sector {unknown[0]!r}"
                )
            demand = np.array([float(final_demand.get(s, 0.0)) for s in self.sectors])
        else:
            demand = self._vector(final_demand, "final_demand")
        raw = _b.io_impact(
            self._flows,
            self._output,
            self._value_added,
            self._employment,
            self._compensation,
            self._consumption,
            self._income,
            demand,
        )
        columns: dict[str, np.ndarray] = {"final_demand": demand}
        for key in (
            "output_type1",
            "value_added_type1",
            "employment_type1",
            "output_type2",
            "value_added_type2",
            "employment_type2",
        ):
            values = np.asarray(getattr(raw, key))
            if len(values) > 0:
                columns[key] = values
        frame = pd.DataFrame(columns, index=pd.Index(self.sectors, name="sector"))
        income = float(raw.household_income_type2) if self.has_type2 else None
        return IoImpact(frame=frame, household_income_type2=income, money_unit=self.money_unit)


@dataclass(repr=False, eq=False)
class IoMultipliers(Result):
    """Multipliers by sector: effect per unit of final demand for the sector's output.

    Columns present depend on the table: ``output_type1`` always; ``value_added_type1``,
    ``employment_type1`` (persons per money unit), ``income_type1`` with their rows;
    ``*_type2`` with households endogenous.
    """

    frame: pd.DataFrame
    money_unit: str

    def to_frame(self) -> pd.DataFrame:
        """Sector x multipliers."""
        table: pd.DataFrame = self.frame.copy()
        return table

    def summary(self) -> pd.DataFrame:
        """Mean, minimum and maximum of each multiplier over sectors."""
        table: pd.DataFrame = self.frame.agg(["mean", "min", "max"]).T
        return table

    def plot(self, ax: Any = None, lang: str | None = None) -> Any:
        """Output multipliers by sector (Type I, and Type II when present)."""
        lang = resolve_lang(lang)
        with plotting.style():
            ax = plotting.new_axes(ax)
            columns = [c for c in ("output_type1", "output_type2") if c in self.frame]
            positions = np.arange(len(self.frame))
            width = 0.8 / len(columns)
            for k, column in enumerate(columns):
                name = _t(lang, "type1") if column.endswith("1") else _t(lang, "type2")
                ax.bar(positions + k * width, self.frame[column], width=width, label=name)
            ax.set_xticks(positions + width * (len(columns) - 1) / 2)
            ax.set_xticklabels(list(self.frame.index))
            ax.set_title(_t(lang, "multipliers"))
            ax.legend()
            return plotting._finish(ax)

    def _title(self) -> str:
        return "Input-output multipliers"

    def _headline(self) -> str:
        mean = (
            float(self.frame["output_type1"].mean())
            if "output_type1" in self.frame
            else float("nan")
        )
        return f"{len(self.frame)} sectors, mean Type I output multiplier {format_number(mean)}"


@dataclass(repr=False, eq=False)
class IoImpact(Result):
    """Effects of a final-demand change by sector (Type I, and Type II where available)."""

    frame: pd.DataFrame
    household_income_type2: float | None
    money_unit: str

    def to_frame(self) -> pd.DataFrame:
        """Sector x (final demand, induced output, value added, employment)."""
        table: pd.DataFrame = self.frame.copy()
        return table

    def summary(self) -> pd.DataFrame:
        """Totals over sectors and the ratio of each to the final demand."""
        totals = self.frame.sum()
        demand = float(totals["final_demand"])
        table: pd.DataFrame = pd.DataFrame(
            {
                "total": totals,
                "per_unit_of_final_demand": totals / demand if demand else np.nan,
            }
        )
        return table

    def plot(self, ax: Any = None, lang: str | None = None) -> Any:
        """Induced output by sector (Type I, Type II stacked on top when present)."""
        lang = resolve_lang(lang)
        with plotting.style():
            ax = plotting.new_axes(ax)
            names = list(self.frame.index)
            type1 = self.frame["output_type1"].to_numpy(dtype=float)
            ax.bar(names, type1, label=_t(lang, "type1"))
            if "output_type2" in self.frame:
                extra = self.frame["output_type2"].to_numpy(dtype=float) - type1
                ax.bar(names, extra, bottom=type1, label=f"{_t(lang, 'type2')} (+)")
            ax.set_ylabel(_with_unit(lang, "output", self.money_unit))
            ax.set_title(_t(lang, "impact"))
            ax.legend()
            return plotting._finish(ax)

    def _title(self) -> str:
        return "Input-output impact"

    def _headline(self) -> str:
        total = float(self.frame["output_type1"].sum())
        return f"induced output (Type I) {format_number(total)} {self.money_unit}"


# --------------------------------------------------------------------------------------
# shipped all-industry coefficients


@lru_cache(maxsize=1)
def _coefficient_file() -> dict[str, Any]:
    text = (
        resources.files("innozone")
        .joinpath("data/io_coefficients_kr.json")
        .read_text(encoding="utf-8")
    )
    data: dict[str, Any] = json.loads(text)
    return data


def korea_inducement_coefficients() -> pd.DataFrame:
    """Korea's all-industry inducement coefficients by year (quick-estimate defaults).

    Columns ``production`` and ``value_added`` (won per won of final demand) and
    ``employment`` (persons per 10억원); missing years are NaN. ``attrs`` carries the
    status note, units and sources (Bank of Korea figures as reported in the press; see
    ``innozone/data/io_coefficients_kr.json``).
    """
    data = _coefficient_file()
    frame: pd.DataFrame = pd.DataFrame(
        {
            key: {int(y): float(v) for y, v in values.items()}
            for key, values in data["coefficients"].items()
        }
    ).sort_index()
    frame.index.name = "year"
    frame.attrs["status"] = data["status"]
    frame.attrs["units"] = data["units"]
    frame.attrs["sources"] = data["sources"]
    return frame


@dataclass(repr=False, eq=False)
class QuickRipple(Result):
    """Quick estimate of the ripple effects of spending from all-industry coefficients.

    Every figure is a national all-industry average applied to the spending; it is not a
    sector- or region-specific input-output result (``status`` says so).
    """

    frame: pd.DataFrame
    coefficient_year: int
    coefficients: dict[str, float]
    money_unit: str
    status: str

    def to_frame(self) -> pd.DataFrame:
        """Per year (or one row): spending, induced output, value added, jobs."""
        table: pd.DataFrame = self.frame.copy()
        return table

    def summary(self) -> pd.DataFrame:
        """Totals with their units."""
        total = self.frame.sum()
        table: pd.DataFrame = pd.DataFrame(
            {
                "total": total,
                "unit": [self.money_unit, self.money_unit, self.money_unit, "persons"],
            }
        ).rename_axis(f"quick estimate ({self.coefficient_year} coefficients)")
        return table

    def plot(self, ax: Any = None, lang: str | None = None) -> Any:
        """Spending, induced output and value added by year (bars)."""
        lang = resolve_lang(lang)
        with plotting.style():
            ax = plotting.new_axes(ax)
            years = [
                _labels.label("total", lang) if str(y) == "total" else str(y)
                for y in self.frame.index
            ]
            positions = np.arange(len(years))
            for k, column in enumerate(("spending", "output", "value_added")):
                ax.bar(positions + k * 0.27, self.frame[column], width=0.27, label=_t(lang, column))
            ax.set_xticks(positions + 0.27)
            ax.set_xticklabels(years)
            ax.set_ylabel(_labels.unit_label(self.money_unit, lang))
            ax.set_title(_t(lang, "quick"))
            ax.legend()
            return plotting._finish(ax)

    def _title(self) -> str:
        return f"QUICK ESTIMATE ({self.coefficient_year} all-industry coefficients)"

    def _notes(self) -> list[str]:
        return [self.status]

    def _headline(self) -> str:
        total = self.frame.sum()
        return (
            f"output {format_number(float(total['output']))} {self.money_unit}, jobs "
            f"{format_number(float(total['jobs']))}"
        )


def quick_ripple(
    spending: float | pd.Series | Mapping[int, float], year: int = 2022, money_unit: str = "억원"
) -> QuickRipple:
    """Quick estimate of induced output, value added and jobs from spending.

    Parameters
    ----------
    spending : float, Series or mapping
        Final-demand spending in ``money_unit`` (억원 by default), one number or by year.
    year : int
        Year of the coefficients (2019, 2021 or 2022 have all three).
    money_unit : str
        원, 만원, 백만원, 억원 or 조원 (KRW = 원): jobs use the employment coefficient per
        10억원, converted to this unit.

    Raises
    ------
    NotFoundError
        When a coefficient is missing for ``year``.
    """
    table = korea_inducement_coefficients()
    if year not in table.index or table.loc[year].isna().any():
        complete = [int(y) for y in table.dropna().index]
        raise _core.NotFoundError(
            f"quick_ripple: no complete set of coefficients for {year}; years with all "
            f"three: {complete}"
        )
    values = table.loc[year].to_numpy(dtype=float)
    row = {str(k): float(v) for k, v in zip(table.columns, values)}
    money_unit = _money_unit(money_unit)
    won = 1.0 if money_unit == "KRW" else MONEY_UNITS[money_unit]
    jobs_per_unit = float(row["employment"]) * won / 1e9  # employment is per 10억원 = 1e9 won
    if isinstance(spending, (pd.Series, Mapping)):
        series = pd.Series(spending, dtype=float)
    else:
        series = pd.Series({"total": float(spending)}, dtype=float)
    records = {}
    for key, amount in series.items():
        raw = _b.aggregate_ripple(
            float(amount), float(row["production"]), float(row["value_added"]), jobs_per_unit
        )
        records[key] = {
            "spending": float(amount),
            "output": raw.output,
            "value_added": raw.value_added,
            "jobs": raw.jobs,
        }
    frame = pd.DataFrame.from_dict(records, orient="index")
    frame.index.name = "year" if isinstance(spending, (pd.Series, Mapping)) else None
    return QuickRipple(
        frame=frame,
        coefficient_year=int(year),
        coefficients=row,
        money_unit=money_unit,
        status=str(table.attrs["status"]),
    )
