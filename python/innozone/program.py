"""Programs, their phases, budgets, components and indicators, loaded from JSON.

A *program file* (``docs/program-format.md``, schema version 1) holds sources and the
programs whose figures point to them. :func:`load` reads one: an embedded dataset by name
(:func:`datasets` lists them) or any file by path. Everything is validated by the C++ core;
a bad document raises :class:`innozone.SchemaError` whose ``path`` is the JSON Pointer of
the bad place.

>>> import innozone
>>> doc = innozone.load("gimhae")
>>> zone = doc.program("gimhae-gangso")
>>> zone.value("tech-transfer-equity", (2020, 2024), phase="phase-1")
209.0
>>> findings = zone.check()      # recomputed shares and growth rates that disagree

Tables come back as pandas DataFrames: :attr:`Program.phases`, :attr:`Program.indicators`,
:attr:`Program.observations` (tidy: one row per observation), :meth:`Program.check`.
A researcher's own program is built as a dict and validated by the same loader
(:meth:`Program.from_dict`).
"""

from __future__ import annotations

import html
import json
import math
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Union

import pandas as pd

from . import _core
from ._errors import InvalidInputError, NotFoundError

__all__ = [
    "Document",
    "Growth",
    "Program",
    "Sum",
    "datasets",
    "load",
    "schema",
]


def __dir__() -> list[str]:  # tab completion lists the public names only
    return list(__all__)


_p = _core.program

#: A year (2024), a window ((2020, 2024)) or its text ("2020-2024").
Period = Union[int, tuple[int, int], str]

_FINDING_COLUMNS = ["kind", "severity", "program", "phase", "indicator", "years", "stated",
                    "computed", "mismatch", "tolerance", "unit", "message"]
_OBSERVATION_COLUMNS = ["program", "phase", "indicator", "name_en", "name_ko", "year",
                        "window_start", "window_end", "role", "value", "unit", "confidence",
                        "source", "kind", "note"]


# ----------------------------------------------------------------------------- helpers
def _text(value: Any) -> dict[str, str]:
    out = {}
    if value.ko:
        out["ko"] = value.ko
    if value.en:
        out["en"] = value.en
    return out


def _best(value: Any, lang: str = "en") -> str:
    if lang == "ko":
        return str(value.ko or value.en)
    return str(value.en or value.ko)


def _none_if_empty(value: str) -> str | None:
    return value if value else None


def _period_arg(period: Any, what: str = "period") -> Any:
    if isinstance(period, bool) or period is None:
        raise InvalidInputError(f"{what} must be a year or a (start, end) window, got {period!r}")
    if isinstance(period, (list, tuple)):
        return tuple(int(item) for item in period)
    if hasattr(period, "__index__"):
        return int(period)
    return period


def _data_dir() -> Any:
    return resources.files("innozone").joinpath("data")


def _read_source(source: Any) -> str:
    """JSON text from text, bytes, a dict or a path."""
    if isinstance(source, Mapping):
        return json.dumps(source, ensure_ascii=False, allow_nan=True)
    if isinstance(source, (bytes, bytearray)):
        return bytes(source).decode("utf-8", errors="surrogateescape")
    if isinstance(source, os.PathLike):
        return _read_path(Path(source))
    if isinstance(source, str):
        stripped = source.lstrip("\ufeff \t\r\n")
        if not stripped or stripped.startswith(("{", "[")):
            return source  # an empty string is (broken) JSON text, not a path
        return _read_path(Path(source))
    raise InvalidInputError(
        f"expected JSON text, a dict or a path to a JSON file, got {type(source).__name__}"
    )


def _read_path(path: Path) -> str:
    if not path.is_file():
        raise NotFoundError(f"no program file at '{path}'")
    # Broken UTF-8 is kept as lone surrogates so that the core reports where it is.
    return path.read_bytes().decode("utf-8", errors="surrogateescape")


def _load_text(text: str) -> Any:
    # Lone surrogates (non-UTF-8 bytes decoded with surrogateescape) cannot cross into C++
    # as str; pass the raw bytes so the core reports the position.
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _p.load_document(text.encode("utf-8", errors="surrogateescape"))
    return _p.load_document(text)


def _fmt_value(value: float, unit: str) -> str:
    if not math.isfinite(value):
        return "–"
    digits = 0 if float(value).is_integer() else (1 if abs(value) >= 10 else 3)
    number = _p.format_number(value, digits)
    if unit == "%":
        return f"{number} %"
    if unit in ("원", "만원", "백만원", "억원", "조원"):
        return f"{number}{unit}"
    return f"{number} {unit}"


# ----------------------------------------------------------------------------- results
@dataclass(frozen=True)
class Growth:
    """Growth of one indicator between two periods.

    Attributes
    ----------
    indicator : str
    start, end : str
        The periods compared ("2020", "2020-2024").
    start_value, end_value : float
        The values, in ``unit``.
    absolute : float
        ``end_value - start_value`` in ``unit``.
    percent : float
        ``(end_value / start_value - 1) * 100``.
    cagr_percent : float
        Compound annual growth, percent a year, over ``years``.
    years : int
    unit : str
    """

    indicator: str
    start: str
    end: str
    start_value: float
    end_value: float
    absolute: float
    percent: float
    cagr_percent: float
    years: int
    unit: str

    def to_frame(self) -> pd.DataFrame:
        """One row with every field."""
        return pd.DataFrame([self.__dict__])

    def summary(self) -> str:
        """One line: ``121 -> 319 firms (2020-2024): +198, +163.6 %, CAGR 27.4 % a year``."""
        return (f"{self.indicator}: {_fmt_value(self.start_value, self.unit)} ({self.start}) -> "
                f"{_fmt_value(self.end_value, self.unit)} ({self.end}): "
                f"{self.absolute:+,.4g}, {self.percent:+.1f} %, "
                f"CAGR {self.cagr_percent:.1f} % a year over {self.years} years")

    def plot(self, ax: Any = None, lang: str = "en") -> Any:
        """The two values joined by a line; returns the axes."""
        from . import plotting as P

        P.check_lang(lang)
        with P.style():
            axes = P.new_axes(ax)
            axes.plot([self.start, self.end], [self.start_value, self.end_value], marker="o")
            axes.set_title(f"{self.indicator}: {self.percent:+.1f} %, CAGR {self.cagr_percent:.1f} %")
            axes.set_ylabel(self.unit)
            return P._finish(axes)

    def _repr_html_(self) -> str:
        return f"<p><b>Growth</b> {html.escape(self.summary())}</p>"


@dataclass(frozen=True)
class Sum:
    """A sum over indicators, with its terms and what could not be counted.

    Attributes
    ----------
    total : float
    unit : str
    parts : pandas.DataFrame
        program, phase, indicator, value.
    missing : list of str
        ``program/phase/indicator`` entries without a value (never counted as zero).
    """

    total: float
    unit: str
    parts: pd.DataFrame
    missing: list[str] = field(default_factory=list)

    def to_frame(self) -> pd.DataFrame:
        """The terms of the sum."""
        return self.parts.copy()

    def summary(self) -> str:
        """``120 firms from 2 terms (0 missing)``."""
        return (f"{_fmt_value(self.total, self.unit)} from {len(self.parts)} terms"
                f" ({len(self.missing)} missing{': ' + ', '.join(self.missing) if self.missing else ''})")

    def plot(self, ax: Any = None, lang: str = "en") -> Any:
        """Horizontal bars of the terms; returns the axes."""
        from . import plotting as P

        P.check_lang(lang)
        with P.style():
            axes = P.new_axes(ax)
            labels = [f"{r.program}/{r.indicator}" for r in self.parts.itertuples()]
            axes.barh(labels, self.parts["value"].to_numpy())
            axes.set_xlabel(self.unit)
            return P._finish(axes)

    def _repr_html_(self) -> str:
        table = str(self.parts.to_html(index=False))
        return f"<p><b>Sum</b> {html.escape(self.summary())}</p>" + table


def _sum(raw: Mapping[str, Any]) -> Sum:
    parts = pd.DataFrame(raw["parts"], columns=["program", "phase", "indicator", "value"])
    parts["phase"] = parts["phase"].map(_none_if_empty)
    return Sum(float(raw["total"]), str(raw["unit"]), parts, list(raw["missing"]))


def _findings_frame(raw: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    rows = []
    for item in raw:
        row = dict(item)
        row["phase"] = _none_if_empty(row["phase"])
        row["indicator"] = _none_if_empty(row["indicator"])
        row["years"] = tuple(row["years"])
        rows.append(row)
    return pd.DataFrame(rows, columns=_FINDING_COLUMNS)


def _observations_frame(core_doc: Any, program_id: str | None = None) -> pd.DataFrame:
    table = _p.observation_table(core_doc)
    frame = pd.DataFrame(table, columns=_OBSERVATION_COLUMNS)
    if program_id is not None:
        frame = frame[frame["program"] == program_id].reset_index(drop=True)
    frame["phase"] = frame["phase"].map(_none_if_empty)
    frame["note"] = frame["note"].map(_none_if_empty)
    for column in ("year", "window_start", "window_end"):
        frame[column] = pd.array(frame[column].tolist(), dtype="Int64")
    frame["value"] = frame["value"].astype(float)
    return frame


# ----------------------------------------------------------------------------- Program
class Program:
    """One program of a :class:`Document`: its phases, budget, components, indicators.

    Get one from :meth:`Document.program`, or build one with :meth:`from_dict` /
    :meth:`from_json`. The object is a read-only view; change the dict and load again to
    edit (the loader checks every change).
    """

    def __init__(self, document: Document, program_id: str) -> None:
        self._document = document
        self._core = document._core.program(program_id)
        self._id = program_id

    # -- construction ----------------------------------------------------------------
    @classmethod
    def from_dict(cls, data: Mapping[str, Any], sources: Any = None) -> Program:
        """Build and validate a program from a dict of the program format.

        Parameters
        ----------
        data : dict
            One program object (``{"id": ..., "name": {...}, "phases": [...]}``), or a whole
            document holding exactly one program.
        sources : list of dict or Document, optional
            The sources the program's ``source`` fields refer to (ignored when ``data`` is a
            whole document).

        Returns
        -------
        Program

        Raises
        ------
        innozone.SchemaError
            With ``path`` relative to the program object (``/phases/0/end_year``), or to
            the sources list (``/sources/1/date``).
        """
        if not isinstance(data, Mapping):
            raise InvalidInputError(f"expected a dict, got {type(data).__name__}")
        return cls.from_json(data, sources=sources)

    @classmethod
    def from_json(cls, source: Any, sources: Any = None) -> Program:
        """Build and validate a program from JSON text, a dict or a path.

        Parameters
        ----------
        source : str, bytes, dict or path
            A program object, or a document with exactly one program.
        sources : list of dict or Document, optional
            Sources for a lone program object.

        Returns
        -------
        Program
        """
        text = _read_source(source)
        try:
            parsed = json.loads(text)
        except ValueError:
            parsed = None
        if isinstance(parsed, dict) and "programs" in parsed:
            document = Document.from_json(text)
            if len(document.programs) != 1:
                raise InvalidInputError(
                    f"expected a document with exactly one program, found {len(document.programs)}; "
                    "use Document.from_json and Document.program(id)"
                )
            return document.programs[0]
        if isinstance(sources, Document):
            core_sources = sources._core.sources
        else:
            listed = [] if sources is None else list(sources)
            holder = _load_text(json.dumps({"schema_version": 1, "sources": listed,
                                            "programs": []}, ensure_ascii=False))
            core_sources = holder.sources
        core = _p.load_program(text, core_sources)
        document = Document(core)
        return document.programs[0]

    def to_dict(self) -> dict[str, Any]:
        """The program object as a dict of the program format."""
        return dict(json.loads(self.to_json()))

    def to_json(self, indent: int = 2) -> str:
        """The program object as JSON text (its sources are in :attr:`document`)."""
        return str(_p.dump_program(self._document._core, self._id, indent))

    def to_document(self) -> Document:
        """A document holding this program and every source of its document."""
        return Document(self._document._core.single(self._id))

    # -- attributes --------------------------------------------------------------------
    @property
    def document(self) -> Document:
        """The document the program belongs to (its sources)."""
        return self._document

    @property
    def id(self) -> str:
        """Program id."""
        return self._id

    @property
    def name(self) -> dict[str, str]:
        """Names: ``{"ko": ..., "en": ...}``."""
        return _text(self._core.name)

    @property
    def name_en(self) -> str:
        """English name (Korean when there is none)."""
        return _best(self._core.name, "en")

    @property
    def name_ko(self) -> str:
        """Korean name (English when there is none)."""
        return _best(self._core.name, "ko")

    @property
    def kind(self) -> str:
        """Free tag: ``gangso-zone``, ``support-centre``, ..."""
        return str(self._core.kind)

    @property
    def region(self) -> dict[str, str]:
        """Region names."""
        return _text(self._core.region)

    @property
    def field(self) -> dict[str, str]:
        """Specialised field (empty dict when not given)."""
        return _text(self._core.field)

    @property
    def designation_year(self) -> int | None:
        """Year of designation, if any."""
        return self._core.designation_year  # type: ignore[no-any-return]

    @property
    def batch(self) -> int | None:
        """Designation batch, if any."""
        return self._core.batch  # type: ignore[no-any-return]

    @property
    def core_institutions(self) -> list[dict[str, str]]:
        """Core institutions' names."""
        return [_text(item) for item in self._core.core_institutions]

    @property
    def operators(self) -> list[dict[str, str]]:
        """Operators' names."""
        return [_text(item) for item in self._core.operators]

    @property
    def description(self) -> str:
        """Free description."""
        return str(self._core.description)

    @property
    def notes(self) -> pd.DataFrame:
        """Remarks kept with the data: text, source, confidence."""
        return pd.DataFrame(
            [{"text": n.text, "source": _none_if_empty(n.source), "confidence": n.confidence}
             for n in self._core.notes],
            columns=["text", "source", "confidence"],
        )

    @property
    def phases(self) -> pd.DataFrame:
        """One row per phase: id, names, years, status, budget total and national lines (won)."""
        rows = []
        for phase in self._core.phases:
            summary = _p.budget_summary(self._document._core, self._id, phase.id, "plan")
            budget = phase.budget
            rows.append({
                "phase": phase.id,
                "name_en": _best(phase.name, "en") or None,
                "name_ko": _best(phase.name, "ko") or None,
                "start_year": phase.start_year,
                "end_year": phase.end_year,
                "status": _none_if_empty(phase.status),
                "budget_total_krw": summary["total_krw"],
                "national_krw": summary["national_krw"] if budget is not None else None,
                "components": len(phase.components),
                "indicators": len(phase.indicators),
                "focus": ", ".join(_best(t) for t in phase.focus) or None,
            })
        return pd.DataFrame(rows, columns=["phase", "name_en", "name_ko", "start_year", "end_year",
                                           "status", "budget_total_krw", "national_krw",
                                           "components", "indicators", "focus"])

    def phase(self, phase_id: str) -> Any:
        """The read-only core view of one phase (``.budget``, ``.components``, ...)."""
        for phase in self._core.phases:
            if phase.id == phase_id:
                return phase
        known = ", ".join(p.id for p in self._core.phases) or "none"
        raise NotFoundError(f"program '{self._id}' has no phase '{phase_id}' (phases: {known})")

    @property
    def components(self) -> pd.DataFrame:
        """One row per component: phase, component, names, tags, description, source."""
        rows = [{
            "phase": phase.id, "component": c.id, "name_en": _best(c.name, "en"),
            "name_ko": _best(c.name, "ko"), "tags": tuple(c.tags),
            "description": _none_if_empty(c.description), "source": _none_if_empty(c.source),
        } for phase in self._core.phases for c in phase.components]
        return pd.DataFrame(rows, columns=["phase", "component", "name_en", "name_ko", "tags",
                                           "description", "source"])

    @property
    def indicators(self) -> pd.DataFrame:
        """One row per indicator (phase ones first, then program level: phase None)."""
        rows = []

        def add(phase_id: str | None, item: Any) -> None:
            rows.append({
                "phase": phase_id, "indicator": item.id, "name_en": _best(item.name, "en"),
                "name_ko": _best(item.name, "ko"), "unit": item.display_unit, "kind": item.kind,
                "direction": item.direction, "component": _none_if_empty(item.component),
                "relation": item.relation, "observations": len(item.observations),
            })

        for phase in self._core.phases:
            for item in phase.indicators:
                add(phase.id, item)
        for item in self._core.indicators:
            add(None, item)
        return pd.DataFrame(rows, columns=["phase", "indicator", "name_en", "name_ko", "unit", "kind",
                                           "direction", "component", "relation", "observations"])

    @property
    def observations(self) -> pd.DataFrame:
        """Tidy table, one row per observation.

        Columns: program, phase (None at program level), indicator, name_en, name_ko, year,
        window_start, window_end (nullable integers: a year *or* a window), role, value,
        unit (``억원`` for money written in 억원), confidence, source, kind, note.
        """
        return _observations_frame(self._document._core, self._id)

    @property
    def budget(self) -> pd.DataFrame:
        """Budget items of every phase: totals, ranges and lines, in their unit and in won."""
        rows = []
        for phase in self._core.phases:
            budget = phase.budget
            if budget is None:
                continue
            if budget.total_krw is not None:
                rows.append({"phase": phase.id, "item": "total", "year": None,
                             "funding_source": "total", "component": None,
                             "role": budget.total_role,
                             "amount": budget.total_krw / _p.money_unit_factor(budget.total_unit),
                             "unit": budget.total_unit, "krw": budget.total_krw,
                             "source": budget.total_source, "confidence": None})
            if budget.total_range_krw is not None:
                low, high = budget.total_range_krw
                for label, value in (("range_low", low), ("range_high", high)):
                    rows.append({"phase": phase.id, "item": label, "year": None,
                                 "funding_source": "total", "component": None, "role": None,
                                 "amount": value / 1e8, "unit": "억원", "krw": value, "source": None,
                                 "confidence": None})
            for line in budget.lines:
                rows.append({"phase": phase.id, "item": "line", "year": line.year,
                             "funding_source": line.funding_source,
                             "component": _none_if_empty(line.component), "role": line.role,
                             "amount": line.amount, "unit": line.unit, "krw": line.krw,
                             "source": line.source, "confidence": line.confidence})
        frame = pd.DataFrame(rows, columns=["phase", "item", "year", "funding_source", "component",
                                            "role", "amount", "unit", "krw", "source", "confidence"])
        frame["year"] = pd.array(frame["year"].tolist(), dtype="Int64")
        return frame

    # -- queries ----------------------------------------------------------------------
    def value(self, indicator: str, period: Period, phase: str | None = None,
              role: str | None = None) -> float:
        """Value of an indicator at a year or over a window, in the indicator's unit.

        Parameters
        ----------
        indicator : str
            Indicator id.
        period : int, (int, int) or str
            A year, or an inclusive window of years.
        phase : str, optional
            Phase id; None for a program-level indicator.
        role : str, optional
            ``actual``, ``target``, ``baseline``, ``derived`` or ``projection``; None
            prefers actual, then derived, baseline, projection, target.

        Returns
        -------
        float
            The exact observation; for a year of a cumulative indicator, the value derived
            from its snapshots; for a window of a flow indicator, the sum of its years.

        Raises
        ------
        innozone.NotFoundError
            No such indicator or value; the message lists what exists.
        """
        return float(_p.value_at(self._document._core, self._id, phase, indicator,
                                 _period_arg(period), role))

    def annual(self, indicator: str, phase: str | None = None, role: str = "actual") -> pd.DataFrame:
        """Annual values derived from cumulative snapshots (role ``derived``, lower confidence).

        Returns
        -------
        pandas.DataFrame
            year, window_start, window_end, value, confidence, source, note.
        """
        rows = [{"year": o.year, "window_start": o.window[0] if o.window else None,
                 "window_end": o.window[1] if o.window else None, "value": o.value,
                 "role": o.role, "confidence": o.confidence, "source": o.source, "note": o.note}
                for o in _p.annual_from_cumulative(self._document._core, self._id, phase, indicator, role)]
        frame = pd.DataFrame(rows, columns=["year", "window_start", "window_end", "value", "role",
                                            "confidence", "source", "note"])
        for column in ("year", "window_start", "window_end"):
            frame[column] = pd.array(frame[column].tolist(), dtype="Int64")
        return frame

    def growth(self, indicator: str, start: Period, end: Period, phase: str | None = None,
               role: str | None = None) -> Growth:
        """Growth of an indicator between two periods: absolute, percent and CAGR.

        Examples
        --------
        >>> import innozone
        >>> zone = innozone.load("gimhae").program("gimhae-gangso")
        >>> round(zone.growth("biomedical-firms", 2020, 2024).cagr_percent, 1)
        27.4
        """
        raw = _p.growth(self._document._core, self._id, phase, indicator, _period_arg(start, "start"),
                        _period_arg(end, "end"), role)
        unit = self._unit_of(indicator, phase)
        return Growth(indicator, raw["from"], raw["to"], raw["from_value"], raw["to_value"],
                      raw["absolute"], raw["percent"], raw["cagr_percent"], raw["years"], unit)

    def _unit_of(self, indicator: str, phase: str | None) -> str:
        items = self.phase(phase).indicators if phase else self._core.indicators
        for item in items:
            if item.id == indicator:
                return str(item.display_unit)
        raise NotFoundError(f"program '{self._id}' has no indicator '{indicator}'")

    def sum(self, indicators: Sequence[str], period: Period, phase: str | None = None,
            role: str | None = None) -> Sum:
        """Sum of several indicators of this program at one period (units must agree)."""
        if isinstance(indicators, str):
            indicators = [indicators]
        return _sum(_p.sum_indicators(self._document._core, self._id, phase, list(indicators),
                                      _period_arg(period), role))

    def budget_summary(self, phase: str, role: str = "plan") -> pd.Series:
        """Budget of a phase in won: total, itemised sources, unitemised remainder."""
        return pd.Series(_p.budget_summary(self._document._core, self._id, phase, role), dtype=object)

    def funding_share(self, phase: str, source: str = "national", role: str = "plan") -> float:
        """Share (%) of one funding source in a phase's total (90억 / 180억 -> 50.0)."""
        return float(_p.funding_share_percent(self._document._core, self._id, phase, source, role))

    def check(self) -> pd.DataFrame:
        """Consistency findings of this program (see :meth:`Document.check`)."""
        frame = self._document.check()
        return frame[frame["program"] == self._id].reset_index(drop=True)

    # -- display ----------------------------------------------------------------------
    def key_figures(self, lang: str = "en") -> pd.DataFrame:
        """The latest actual value of every indicator (the widest window for cumulative ones)."""
        frame = self.observations
        frame = frame[frame["role"] == "actual"].copy()
        if frame.empty:
            return pd.DataFrame(columns=["phase", "indicator", "name", "period", "value", "unit"])
        frame["end"] = frame["year"].fillna(frame["window_end"]).astype(int)
        frame["start"] = frame["year"].fillna(frame["window_start"]).astype(int)
        frame = frame.sort_values(["end", "start"], ascending=[False, True])
        latest = frame.groupby(["phase", "indicator"], dropna=False, sort=False).head(1)
        order = {ind: i for i, ind in enumerate(self.indicators["indicator"])}
        latest = latest.assign(order=latest["indicator"].map(order)).sort_values("order")
        return pd.DataFrame({
            "phase": latest["phase"],
            "indicator": latest["indicator"],
            "name": latest["name_ko" if lang == "ko" else "name_en"],
            "period": [str(s) if s == e else f"{s}-{e}" for s, e in zip(latest["start"], latest["end"])],
            "value": latest["value"],
            "unit": latest["unit"],
        }).reset_index(drop=True)

    def summary(self) -> pd.DataFrame:
        """Key figures: the latest actual value of each indicator."""
        return self.key_figures()

    def to_frame(self) -> pd.DataFrame:
        """The tidy observations table (:attr:`observations`)."""
        return self.observations

    def plot(self, indicator: str | None = None, phase: str | None = None, ax: Any = None,
             lang: str = "en") -> Any:
        """Observations of one indicator over time; returns the axes.

        Years are points, windows are horizontal segments; actual values are filled,
        targets hollow. Without ``indicator``, the program-level indicator with the most
        yearly observations is drawn.
        """
        from . import plotting as P

        P.check_lang(lang)
        frame = self.observations
        if indicator is None:
            yearly = frame[frame["year"].notna() & frame["phase"].isna()]
            if yearly.empty:
                yearly = frame[frame["year"].notna()]
            if yearly.empty:
                raise NotFoundError(f"program '{self._id}' has no yearly observations to plot")
            counts = yearly.groupby(["phase", "indicator"], dropna=False, sort=False).size()
            best_phase, best_indicator = counts.idxmax()
            indicator = str(best_indicator)
            phase = None if pd.isna(best_phase) else str(best_phase)
        rows = frame[(frame["indicator"] == indicator)
                     & ((frame["phase"] == phase) if phase is not None else frame["phase"].isna())]
        if rows.empty:
            raise NotFoundError(f"program '{self._id}' has no observations of '{indicator}'"
                                f"{' in phase ' + repr(phase) if phase else ''}")
        with P.style():
            axes = P.new_axes(ax)
            for role, group in rows.groupby("role"):
                filled = role in ("actual", "derived")
                yearly = group[group["year"].notna()]
                if not yearly.empty:
                    axes.plot(yearly["year"].astype(int), yearly["value"], marker="o",
                              linestyle="-" if filled else "none",
                              markerfacecolor=None if filled else "white", label=role)
                for i, r in enumerate(group[group["year"].isna()].itertuples()):
                    axes.hlines(r.value, int(r.window_start) - 0.4, int(r.window_end) + 0.4,
                                linestyles="-" if filled else "--",
                                label=f"{role} (window)" if i == 0 and yearly.empty else "_nolegend_")
                    axes.annotate(f"{r.window_start}-{r.window_end} {role}",
                                  (int(r.window_end) + 0.4, r.value), fontsize=8)
            name = rows["name_ko" if lang == "ko" else "name_en"].iloc[0]
            axes.set_title(str(name))
            axes.set_xlabel(P.label("year", lang))
            axes.set_ylabel(str(rows["unit"].iloc[0]))
            if axes.get_legend_handles_labels()[0]:
                axes.legend()
            return P._finish(axes)

    def _card(self) -> str:
        e = html.escape
        korean = self.name.get("ko") if self.name.get("en") else None
        region = self.region.get("en", self.region.get("ko", ""))
        header = (
            "<div style='border:1px solid #ccc;border-radius:6px;padding:8px;margin:4px 0'>"
            f"<h4 style='margin:2px 0'>{e(self.name_en)}{' · ' + e(korean) if korean else ''}</h4>"
            f"<div><code>{e(self._id)}</code> · {e(self.kind)}"
            f"{' · ' + e(region) if region else ''}"
            f"{' · designated ' + str(self.designation_year) if self.designation_year else ''}</div>"
        )
        parts = [header]
        phases = self.phases
        if not phases.empty:
            parts.append("<table><tr><th>phase</th><th>years</th><th>status</th><th>budget</th>"
                         "<th>national</th></tr>")
            for row in phases.itertuples():
                total = row.budget_total_krw
                national = row.national_krw
                parts.append(
                    f"<tr><td>{e(str(row.phase))}</td><td>{row.start_year}–{row.end_year}</td>"
                    f"<td>{e(str(row.status or ''))}</td>"
                    f"<td>{e(_p.format_money(total, '억원', -1)) if pd.notna(total) else '–'}</td>"
                    f"<td>{e(_p.format_money(national, '억원', -1)) if pd.notna(national) and national else '–'}</td></tr>")
            parts.append("</table>")
        figures = self.key_figures().head(10)
        if not figures.empty:
            parts.append("<table><tr><th>key indicator</th><th>period</th><th>value</th></tr>")
            for row in figures.itertuples():
                parts.append(f"<tr><td>{e(str(row.name))}</td><td>{e(row.period)}</td>"
                             f"<td>{e(_fmt_value(row.value, row.unit))}</td></tr>")
            parts.append("</table>")
        findings = self.check()
        counts = findings["severity"].value_counts()
        parts.append(f"<div>Findings: {len(findings)} "
                     f"({int(counts.get('error', 0))} errors, {int(counts.get('warning', 0))} warnings, "
                     f"{int(counts.get('info', 0))} info)</div></div>")
        return "".join(parts)

    def _repr_html_(self) -> str:
        return self._card()

    def __repr__(self) -> str:
        return (f"Program('{self._id}', {self.name_en!r}, {len(self._core.phases)} phases, "
                f"{len(self.observations)} observations)")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Program):
            return NotImplemented
        return self.to_json() == other.to_json()

    __hash__ = None  # type: ignore[assignment]


# ----------------------------------------------------------------------------- Document
class Document:
    """A program file: its sources and programs (see :func:`load`)."""

    def __init__(self, core: Any) -> None:
        self._core = core

    @classmethod
    def from_json(cls, source: Any) -> Document:
        """Load and validate a document from JSON text, bytes, a dict or a path.

        Raises
        ------
        innozone.SchemaError
            Malformed input; ``error.path`` is the JSON Pointer of the bad place.
        innozone.NotFoundError
            A path that does not exist.
        """
        return cls(_load_text(_read_source(source)))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Document:
        """Validate a document given as a dict of the program format."""
        if not isinstance(data, Mapping):
            raise InvalidInputError(f"expected a dict, got {type(data).__name__}")
        return cls.from_json(data)

    def to_json(self, path: str | os.PathLike[str] | None = None, indent: int = 2) -> str:
        """JSON text of the document; with ``path``, also save it atomically there."""
        if path is not None:
            self.save(path)
        return str(_p.dump_document(self._core, indent))

    def to_dict(self) -> dict[str, Any]:
        """The document as a dict of the program format."""
        return dict(json.loads(self.to_json()))

    def save(self, path: str | os.PathLike[str]) -> None:
        """Validate and write atomically (temporary file, flush, rename)."""
        _p.save_document(self._core, os.fspath(path))

    # -- attributes -----------------------------------------------------------------------
    @property
    def id(self) -> str:
        """Dataset id of the header ("" when the file has none)."""
        return str(self._core.dataset_id)

    @property
    def title(self) -> dict[str, str]:
        """Dataset title."""
        return _text(self._core.dataset_title)

    @property
    def description(self) -> str:
        """Dataset description."""
        return str(self._core.dataset_description)

    @property
    def programs(self) -> list[Program]:
        """Every program, in file order."""
        return [Program(self, p.id) for p in self._core.programs]

    def program(self, program_id: str) -> Program:
        """The program with this id (:class:`innozone.NotFoundError` lists the ids)."""
        return Program(self, program_id)

    def __getitem__(self, program_id: str) -> Program:
        return self.program(program_id)

    def __iter__(self) -> Iterator[Program]:
        return iter(self.programs)

    def __len__(self) -> int:
        return len(self._core.programs)

    def __contains__(self, program_id: object) -> bool:
        return any(p.id == program_id for p in self._core.programs)

    @property
    def sources(self) -> pd.DataFrame:
        """One row per source: id, publisher, title, date, url, note."""
        return pd.DataFrame([{"source": s.id, "publisher": s.publisher, "title": s.title,
                              "date": s.date, "url": _none_if_empty(s.url),
                              "note": _none_if_empty(s.note)} for s in self._core.sources],
                            columns=["source", "publisher", "title", "date", "url", "note"])

    @property
    def observations(self) -> pd.DataFrame:
        """Tidy observations of every program (see :attr:`Program.observations`)."""
        return _observations_frame(self._core)

    @property
    def indicators(self) -> pd.DataFrame:
        """Indicators of every program, with a ``program`` column."""
        frames = [p.indicators.assign(program=p.id) for p in self.programs]
        if not frames:
            return pd.DataFrame(columns=["program", "phase", "indicator"])
        frame = pd.concat(frames, ignore_index=True)
        return frame[["program"] + [c for c in frame.columns if c != "program"]]

    # -- queries --------------------------------------------------------------------------
    def check(self) -> pd.DataFrame:
        """Consistency findings of every program.

        The checker recomputes what the data claim: shares, growth rates and CAGRs whose
        stated value disagrees with their parts by more than half a unit of the last stated
        digit (``error``) or is a rounded form of the exact figure (``info``); parts and
        budget lines exceeding their totals; funding sources above 100 % of the total;
        cumulative series that shrink as their window grows; observations outside their
        phase (``warning``); relations whose terms have no value (``info``).

        Returns
        -------
        pandas.DataFrame
            kind, severity, program, phase, indicator, years (tuple), stated, computed,
            mismatch (stated - computed), tolerance, unit, message.
        """
        return _findings_frame(_p.check(self._core))

    def value(self, program: str, indicator: str, period: Period, phase: str | None = None,
              role: str | None = None) -> float:
        """Value of an indicator (see :meth:`Program.value`)."""
        return self.program(program).value(indicator, period, phase=phase, role=role)

    def sum_across(self, indicator: str, period: Period, programs: Sequence[str] | None = None,
                   role: str | None = None) -> Sum:
        """Sum of one indicator across programs (e.g. firms across all Gangso zones).

        Programs without the indicator or without a value for ``period`` are listed in
        ``Sum.missing``, never counted as zero.
        """
        return _sum(_p.sum_across_programs(self._core, indicator, _period_arg(period),
                                           list(programs or []), role))

    # -- display --------------------------------------------------------------------------
    def summary(self) -> pd.DataFrame:
        """One row per program: id, name, kind, phases, indicators, observations, findings."""
        findings = self.check()
        observations = self.observations
        return pd.DataFrame([{
            "program": p.id, "name_en": p.name_en, "name_ko": p.name_ko, "kind": p.kind,
            "phases": len(p._core.phases), "indicators": len(p.indicators),
            "observations": int((observations["program"] == p.id).sum()),
            "findings": int((findings["program"] == p.id).sum()),
        } for p in self.programs], columns=["program", "name_en", "name_ko", "kind", "phases",
                                            "indicators", "observations", "findings"])

    def to_frame(self) -> pd.DataFrame:
        """The tidy observations table."""
        return self.observations

    def plot(self, indicator: str, period: Period, ax: Any = None, lang: str = "en") -> Any:
        """Bars of one indicator across programs at one period; returns the axes."""
        return self.sum_across(indicator, period).plot(ax=ax, lang=lang)

    def _repr_html_(self) -> str:
        title = self.title.get("en") or self.title.get("ko") or self.id or "program document"
        cards = "".join(p._card() for p in self.programs)
        return (f"<div><h3>{html.escape(title)}</h3><div>{len(self)} programs, "
                f"{len(self._core.sources)} sources</div>{cards}</div>")

    def __repr__(self) -> str:
        return f"Document('{self.id}', {len(self)} programs, {len(self._core.sources)} sources)"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Document):
            return NotImplemented
        return bool(self._core == other._core)

    __hash__ = None  # type: ignore[assignment]


# ----------------------------------------------------------------------------- datasets
def datasets() -> pd.DataFrame:
    """The datasets embedded in the package.

    Returns
    -------
    pandas.DataFrame
        One row per program file in ``innozone/data`` (files of the program format; other
        reference tables kept there are not listed): dataset (the header id, the name
        :func:`load` accepts), title_en, title_ko, description, file.
    """
    rows = []
    for entry in sorted(_data_dir().iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json"):
            continue
        content = json.loads(entry.read_text(encoding="utf-8"))
        if not isinstance(content, dict) or "programs" not in content or "schema_version" not in content:
            continue  # other areas' reference data, not program files
        header = content.get("dataset", {})
        title = header.get("title", {})
        rows.append({"dataset": header.get("id", entry.name[:-5]), "title_en": title.get("en"),
                     "title_ko": title.get("ko"), "description": header.get("description"),
                     "file": entry.name})
    return pd.DataFrame(rows, columns=["dataset", "title_en", "title_ko", "description", "file"])


def load(name: str | os.PathLike[str]) -> Document:
    """Load an embedded dataset by name, or a program file by path.

    Parameters
    ----------
    name : str or path
        A dataset name from :func:`datasets` (``"gimhae"``, ``"gangso-zones"``) or the
        path of a JSON program file.

    Returns
    -------
    Document

    Raises
    ------
    innozone.NotFoundError
        Neither an embedded dataset nor an existing file; the message lists the datasets.
    innozone.SchemaError
        The file does not follow the program format.

    Examples
    --------
    >>> import innozone
    >>> doc = innozone.load("gimhae")
    >>> [p.id for p in doc.programs]
    ['gimhae-gangso', 'gimhae-dexter']
    """
    if isinstance(name, os.PathLike):
        return Document.from_json(Path(name))
    if not isinstance(name, str):
        raise InvalidInputError(f"load: expected a dataset name or a path, got {type(name).__name__}")
    table = datasets()
    match = table[table["dataset"] == name]
    if not match.empty:
        entry = _data_dir().joinpath(str(match["file"].iloc[0]))
        return Document(_load_text(entry.read_text(encoding="utf-8")))
    if os.path.isfile(name):
        return Document.from_json(Path(name))
    known = ", ".join(table["dataset"]) or "none"
    raise NotFoundError(f"no embedded dataset '{name}' and no file at that path "
                        f"(embedded datasets: {known})")


def schema() -> dict[str, Any]:
    """The JSON Schema of the program format shipped with the package (draft 2020-12)."""
    text = resources.files("innozone").joinpath("schema", "program.schema.json").read_text(
        encoding="utf-8")
    return dict(json.loads(text))
