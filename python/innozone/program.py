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

import copy
import html
import json
import math
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Union, cast

import numpy as np
import pandas as pd

from . import _core, _labels
from ._errors import InvalidInputError, NotFoundError
from ._results import Result, html_table
from ._validate import resolve_lang

__all__ = [
    "Document",
    "Growth",
    "PlanVsActual",
    "Program",
    "Sum",
    "ZoneComparison",
    "compare_programs",
    "datasets",
    "load",
    "plan_vs_actual",
    "schema",
]


def __dir__() -> list[str]:  # tab completion lists the public names only
    return list(__all__)


_p = _core.program

#: A year (2024), a window ((2020, 2024)) or its text ("2020-2024").
Period = Union[int, tuple[int, int], str]

_FINDING_COLUMNS = [
    "kind",
    "severity",
    "program",
    "phase",
    "indicator",
    "years",
    "stated",
    "computed",
    "mismatch",
    "tolerance",
    "unit",
    "message",
]
_OBSERVATION_COLUMNS = [
    "program",
    "phase",
    "indicator",
    "name_en",
    "name_ko",
    "year",
    "window_start",
    "window_end",
    "role",
    "value",
    "unit",
    "confidence",
    "source",
    "kind",
    "note",
    "date",
    "date_basis",
    "superseded",
    "covered_years",
    "coverage",
]


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
@dataclass(frozen=True, repr=False)
class Growth(Result):
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
        ``(end_value / start_value - 1) * 100`` (for display; :attr:`rate` is the fraction).
    cagr_percent : float
        Compound annual growth, percent a year, over ``years`` (:attr:`cagr` is the fraction).
    years : int
    unit : str
    name_en, name_ko : str
        The indicator's name (charts show it in their language; empty: the id).
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
    name_en: str = ""
    name_ko: str = ""

    @property
    def rate(self) -> float:
        """Growth as a fraction: 121 -> 319 gives 1.636."""
        return self.percent / 100.0

    @property
    def cagr(self) -> float:
        """Compound annual growth rate as a fraction (0.274 for 27.4 % a year)."""
        return self.cagr_percent / 100.0

    def to_frame(self) -> pd.DataFrame:
        """One row with every field (and the fractions ``rate`` and ``cagr``)."""
        row = {name: getattr(self, name) for name in self.__dataclass_fields__}
        row.update(rate=self.rate, cagr=self.cagr)
        table: pd.DataFrame = pd.DataFrame([row])
        return table

    def summary(self) -> pd.DataFrame:
        """One row: the two values, the change, the growth and the CAGR (fractions)."""
        table: pd.DataFrame = pd.DataFrame(
            [
                {
                    "indicator": self.indicator,
                    "start": self.start,
                    "end": self.end,
                    "start_value": self.start_value,
                    "end_value": self.end_value,
                    "absolute": self.absolute,
                    "rate": self.rate,
                    "cagr": self.cagr,
                    "years": self.years,
                    "unit": self.unit,
                }
            ]
        )
        return table

    def describe(self) -> str:
        """One line: ``121 -> 319 firms (2020-2024): +198, +163.6 %, CAGR 27.4 % a year``."""
        return (
            f"{self.indicator}: {_fmt_value(self.start_value, self.unit)} ({self.start}) -> "
            f"{_fmt_value(self.end_value, self.unit)} ({self.end}): "
            f"{self.absolute:+,.4g}, {self.percent:+.1f} %, "
            f"CAGR {self.cagr_percent:.1f} % a year over {self.years} years"
        )

    def plot(self, ax: Any = None, lang: str | None = None) -> Any:
        """The two values joined by a line; returns the axes."""
        from . import plotting as P

        lang = resolve_lang(lang)
        name = (self.name_ko if lang == "ko" else self.name_en) or self.indicator
        with P.style():
            axes = P.new_axes(ax)
            axes.plot([self.start, self.end], [self.start_value, self.end_value], marker="o")
            axes.set_title(
                _labels.label(
                    "growth.title",
                    lang,
                    name=name,
                    percent=f"{self.percent:+.1f} %",
                    cagr=f"{self.cagr_percent:.1f} %",
                )
            )
            axes.set_ylabel(_labels.unit_label(self.unit, lang))
            return P._finish(axes)

    def _title(self) -> str:
        return f"Growth of {self.indicator}"

    def _notes(self) -> list[str]:
        return [self.describe()]

    def _headline(self) -> str:
        return (
            f"{self.start_value:g} -> {self.end_value:g} {self.unit} ({self.start} to {self.end}), "
            f"CAGR {self.cagr_percent:.1f} %"
        )


@dataclass(frozen=True, repr=False)
class Sum(Result):
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
    #: Chart labels of the terms, ``"program/indicator"`` -> (English, Korean).
    names: dict[str, tuple[str, str]] = field(default_factory=dict)

    def to_frame(self) -> pd.DataFrame:
        """The terms of the sum."""
        table: pd.DataFrame = self.parts.copy()
        return table

    def summary(self) -> pd.DataFrame:
        """One row: total, unit, number of terms and the entries without a value."""
        table: pd.DataFrame = pd.DataFrame(
            [
                {
                    "total": self.total,
                    "unit": self.unit,
                    "terms": len(self.parts),
                    "missing": ", ".join(self.missing),
                }
            ]
        )
        return table

    def describe(self) -> str:
        """``120 firms from 2 terms (0 missing)``."""
        return (
            f"{_fmt_value(self.total, self.unit)} from {len(self.parts)} terms"
            f" ({len(self.missing)} missing{': ' + ', '.join(self.missing) if self.missing else ''})"
        )

    def plot(self, ax: Any = None, lang: str | None = None) -> Any:
        """Horizontal bars of the terms; returns the axes."""
        from . import plotting as P

        lang = resolve_lang(lang)
        with P.style():
            axes = P.new_axes(ax)
            labels = []
            for r in self.parts.itertuples():
                key = f"{r.program}/{r.indicator}"
                en, ko = self.names.get(key, (key, key))
                labels.append(ko if lang == "ko" else en)
            axes.barh(labels, self.parts["value"].to_numpy())
            axes.set_xlabel(_labels.unit_label(self.unit, lang))
            return P._finish(axes)

    def _title(self) -> str:
        return "Sum"

    def _notes(self) -> list[str]:
        return [self.describe()]

    def _repr_html_(self) -> str:
        return html_table(self._title(), self.parts, self._notes(), index=False)

    def _headline(self) -> str:
        return f"total={self.total:g} {self.unit}, {len(self.parts)} terms, {len(self.missing)} missing"


def _sum(raw: Any, names: Callable[[str, str], tuple[str, str]] | None = None) -> Sum:
    """A Sum from the core's result.

    ``names(program, indicator)`` gives each term's chart label (English, Korean).
    """
    parts = pd.DataFrame(
        [
            {"program": p.program, "phase": p.phase, "indicator": p.indicator, "value": p.value}
            for p in raw.parts
        ],
        columns=["program", "phase", "indicator", "value"],
    )
    parts["phase"] = parts["phase"].map(_none_if_empty)
    labels = (
        {}
        if names is None
        else {f"{p.program}/{p.indicator}": names(p.program, p.indicator) for p in raw.parts}
    )
    return Sum(float(raw.total), str(raw.unit), parts, list(raw.missing), labels)


def _findings_frame(raw: Sequence[Any]) -> pd.DataFrame:
    rows = [
        {
            "kind": f.kind,
            "severity": f.severity,
            "program": f.program,
            "phase": _none_if_empty(f.phase),
            "indicator": _none_if_empty(f.indicator),
            "years": tuple(f.years),
            "stated": f.stated,
            "computed": f.computed,
            "mismatch": f.mismatch,
            "tolerance": f.tolerance,
            "unit": f.unit,
            "message": f.message,
        }
        for f in raw
    ]
    table: pd.DataFrame = pd.DataFrame(rows, columns=_FINDING_COLUMNS)
    return table


def _observations_frame(
    core_doc: Any, program_id: str | None = None, raw: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The tidy observations table (of one program).

    ``raw`` is the core's table as read by :func:`_raw_observations` (read again when None).
    """
    frame = raw if raw is not None else _raw_observations(core_doc)
    if program_id is not None:
        frame = frame[frame["program"] == program_id].reset_index(drop=True)
    elif raw is not None:
        frame = frame.copy()  # the caller's raw table stays as it was
    for column in ("phase", "note", "date", "date_basis"):
        frame[column] = frame[column].map(_none_if_empty)
    for column in ("year", "window_start", "window_end"):
        frame[column] = pd.array(
            [None if v < 0 else v for v in frame[column].tolist()], dtype="Int64"
        )
    frame["value"] = frame["value"].astype(float)
    frame["covered_years"] = frame["covered_years"].astype(float)
    frame["superseded"] = frame["superseded"].astype(bool)
    return frame


def _copy_of(shared: pd.DataFrame) -> pd.DataFrame:
    """A caller's own copy of a document's shared table (the properties hand these out)."""
    copied: pd.DataFrame = shared.copy()
    return copied


def _raw_observations(core_doc: Any) -> pd.DataFrame:
    """The core's observation table as it comes (before the tidy conversions)."""
    table = _p.observation_table(core_doc)
    frame: pd.DataFrame = pd.DataFrame(
        {column: getattr(table, column) for column in _OBSERVATION_COLUMNS},
        columns=_OBSERVATION_COLUMNS,
    )
    return frame


def _relation_dict(relation: Any) -> dict[str, Any] | None:
    """A relation in the program format's own keys (None when the indicator has none)."""
    if relation is None:
        return None
    out: dict[str, Any] = {"type": relation.type}
    if relation.type == "share":
        out.update(part=relation.part, whole=relation.whole)
    elif relation.type in ("growth", "cagr"):
        out.update({"of": relation.of, "from": relation.from_year, "to": relation.to_year})
    elif relation.type == "sum":
        out.update(parts=list(relation.parts), total=relation.total)
    return out


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
            holder = _load_text(
                json.dumps(
                    {"schema_version": 1, "sources": listed, "programs": []}, ensure_ascii=False
                )
            )
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
        table: pd.DataFrame = pd.DataFrame(
            [
                {"text": n.text, "source": _none_if_empty(n.source), "confidence": n.confidence}
                for n in self._core.notes
            ],
            columns=["text", "source", "confidence"],
        )
        return table

    @property
    def phases(self) -> pd.DataFrame:
        """One row per phase: id, names, years, status, budget total and national lines (won)."""
        return _copy_of(self._document._table("phases", self._id, self._phases_frame))

    def _phases_frame(self) -> pd.DataFrame:
        rows = []
        for phase in self._core.phases:
            summary = _p.budget_summary(self._document._core, self._id, phase.id, "plan")
            budget = phase.budget
            rows.append(
                {
                    "phase": phase.id,
                    "name_en": _best(phase.name, "en") or None,
                    "name_ko": _best(phase.name, "ko") or None,
                    "start_year": phase.start_year,
                    "end_year": phase.end_year,
                    "status": _none_if_empty(phase.status),
                    "budget_total_krw": summary.total_krw,
                    "national_krw": summary.national_krw if budget is not None else None,
                    "components": len(phase.components),
                    "indicators": len(phase.indicators),
                    "focus": ", ".join(_best(t) for t in phase.focus) or None,
                }
            )
        table: pd.DataFrame = pd.DataFrame(
            rows,
            columns=[
                "phase",
                "name_en",
                "name_ko",
                "start_year",
                "end_year",
                "status",
                "budget_total_krw",
                "national_krw",
                "components",
                "indicators",
                "focus",
            ],
        )
        return table

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
        rows = [
            {
                "phase": phase.id,
                "component": c.id,
                "name_en": _best(c.name, "en"),
                "name_ko": _best(c.name, "ko"),
                "tags": tuple(c.tags),
                "description": _none_if_empty(c.description),
                "source": _none_if_empty(c.source),
            }
            for phase in self._core.phases
            for c in phase.components
        ]
        table: pd.DataFrame = pd.DataFrame(
            rows,
            columns=["phase", "component", "name_en", "name_ko", "tags", "description", "source"],
        )
        return table

    @property
    def indicators(self) -> pd.DataFrame:
        """One row per indicator (phase ones first, then program level: phase None)."""
        frame: pd.DataFrame = self._document._table(
            "indicators", self._id, self._indicators_frame
        ).copy()
        # the relation dicts are the caller's to change: give fresh ones
        frame["relation"] = [copy.deepcopy(r) for r in frame["relation"]]
        return frame

    def _indicators_frame(self) -> pd.DataFrame:
        rows = []

        def add(phase_id: str | None, item: Any) -> None:
            rows.append(
                {
                    "phase": phase_id,
                    "indicator": item.id,
                    "name_en": _best(item.name, "en"),
                    "name_ko": _best(item.name, "ko"),
                    "unit": item.display_unit,
                    "kind": item.kind,
                    "direction": item.direction,
                    "component": _none_if_empty(item.component),
                    "relation": _relation_dict(item.relation),
                    "observations": len(item.observations),
                }
            )

        for phase in self._core.phases:
            for item in phase.indicators:
                add(phase.id, item)
        for item in self._core.indicators:
            add(None, item)
        table: pd.DataFrame = pd.DataFrame(
            rows,
            columns=[
                "phase",
                "indicator",
                "name_en",
                "name_ko",
                "unit",
                "kind",
                "direction",
                "component",
                "relation",
                "observations",
            ],
        )
        return table

    @property
    def observations(self) -> pd.DataFrame:
        """Tidy table, one row per observation.

        Columns: program, phase (None at program level), indicator, name_en, name_ko, year,
        window_start, window_end (nullable integers: a year *or* a window), role, value,
        unit (``억원`` for money written in 억원), confidence, source, kind, note, and the
        observation rule's columns:

        - ``date``: when the figure was taken: the observation's own ``date``, else its
          source's date (``date_basis`` says which: ``"observation"`` or ``"source"``);
        - ``superseded``: True when another observation of the same indicator, period and
          role is preferred (the later date wins, then the higher confidence, then file
          order). Every query, key figure and comparison uses only rows where it is False;
          :meth:`check` reports superseded values that differ as ``info`` findings;
        - ``covered_years``, ``coverage``: the years of the period the data cover, counted to
          ``date`` (a window to 2024-10 covers 4.83 of 2020-2024's five years), and whether
          that is ``complete``, ``partial`` (the date is in the last year), ``future`` (the
          period runs on past the date), ``undated`` or ``before-period``.
        """
        return _copy_of(self._document._observations(self._id))

    @property
    def budget(self) -> pd.DataFrame:
        """Budget items of every phase: totals, ranges and lines, in their unit and in won."""
        return _copy_of(self._document._table("budget", self._id, self._budget_frame))

    def _budget_frame(self) -> pd.DataFrame:
        rows = []
        for phase in self._core.phases:
            budget = phase.budget
            if budget is None:
                continue
            if budget.total_krw is not None:
                rows.append(
                    {
                        "phase": phase.id,
                        "item": "total",
                        "year": None,
                        "funding_source": "total",
                        "component": None,
                        "role": budget.total_role,
                        "amount": budget.total_krw / _p.money_unit_factor(budget.total_unit),
                        "unit": budget.total_unit,
                        "krw": budget.total_krw,
                        "source": budget.total_source,
                        "confidence": None,
                    }
                )
            if budget.total_range_krw is not None:
                low, high = budget.total_range_krw
                for label, value in (("range_low", low), ("range_high", high)):
                    rows.append(
                        {
                            "phase": phase.id,
                            "item": label,
                            "year": None,
                            "funding_source": "total",
                            "component": None,
                            "role": None,
                            "amount": value / 1e8,
                            "unit": "억원",
                            "krw": value,
                            "source": None,
                            "confidence": None,
                        }
                    )
            for line in budget.lines:
                rows.append(
                    {
                        "phase": phase.id,
                        "item": "line",
                        "year": line.year,
                        "funding_source": line.funding_source,
                        "component": _none_if_empty(line.component),
                        "role": line.role,
                        "amount": line.amount,
                        "unit": line.unit,
                        "krw": line.krw,
                        "source": line.source,
                        "confidence": line.confidence,
                    }
                )
        frame: pd.DataFrame
        frame = pd.DataFrame(
            rows,
            columns=[
                "phase",
                "item",
                "year",
                "funding_source",
                "component",
                "role",
                "amount",
                "unit",
                "krw",
                "source",
                "confidence",
            ],
        )
        frame["year"] = pd.array(frame["year"].tolist(), dtype="Int64")
        return frame

    # -- queries ----------------------------------------------------------------------
    def value(
        self, indicator: str, period: Period, phase: str | None = None, role: str | None = None
    ) -> float:
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
        return float(
            _p.value_at(self._document._core, self._id, phase, indicator, _period_arg(period), role)
        )

    def annual(
        self, indicator: str, phase: str | None = None, role: str = "actual"
    ) -> pd.DataFrame:
        """Annual values derived from cumulative snapshots (role ``derived``, lower confidence).

        Returns
        -------
        pandas.DataFrame
            year, window_start, window_end, value, confidence, source, note.
        """
        rows = [
            {
                "year": o.year,
                "window_start": o.window[0] if o.window else None,
                "window_end": o.window[1] if o.window else None,
                "value": o.value,
                "role": o.role,
                "confidence": o.confidence,
                "source": o.source,
                "note": o.note,
            }
            for o in _p.annual_from_cumulative(
                self._document._core, self._id, phase, indicator, role
            )
        ]
        frame: pd.DataFrame
        frame = pd.DataFrame(
            rows,
            columns=[
                "year",
                "window_start",
                "window_end",
                "value",
                "role",
                "confidence",
                "source",
                "note",
            ],
        )
        for column in ("year", "window_start", "window_end"):
            frame[column] = pd.array(frame[column].tolist(), dtype="Int64")
        return frame

    def growth(
        self,
        indicator: str,
        start: Period,
        end: Period,
        phase: str | None = None,
        role: str | None = None,
    ) -> Growth:
        """Growth of an indicator between two periods: absolute, percent and CAGR.

        Examples
        --------
        >>> import innozone
        >>> zone = innozone.load("gimhae").program("gimhae-gangso")
        >>> round(zone.growth("biomedical-firms", 2020, 2024).cagr, 3)
        0.274
        """
        raw = _p.growth(
            self._document._core,
            self._id,
            phase,
            indicator,
            _period_arg(start, "start"),
            _period_arg(end, "end"),
            role,
        )
        unit = self._unit_of(indicator, phase)
        en, ko = self._names_of(indicator)
        return Growth(
            indicator,
            raw.start,
            raw.end,
            raw.start_value,
            raw.end_value,
            raw.absolute,
            raw.percent,
            raw.cagr_percent,
            raw.years,
            unit,
            en,
            ko,
        )

    def _names_of(self, indicator: str) -> tuple[str, str]:
        """(English, Korean) name of an indicator (its id where a name is missing)."""
        rows = self.indicators[self.indicators["indicator"] == indicator]
        if rows.empty:
            return indicator, indicator
        row = rows.iloc[0]
        en = row["name_en"] if isinstance(row["name_en"], str) and row["name_en"] else indicator
        ko = row["name_ko"] if isinstance(row["name_ko"], str) and row["name_ko"] else en
        return en, ko

    def _unit_of(self, indicator: str, phase: str | None) -> str:
        items = self.phase(phase).indicators if phase else self._core.indicators
        for item in items:
            if item.id == indicator:
                return str(item.display_unit)
        raise NotFoundError(f"program '{self._id}' has no indicator '{indicator}'")

    def sum(
        self,
        indicators: Sequence[str],
        period: Period,
        phase: str | None = None,
        role: str | None = None,
    ) -> Sum:
        """Sum of several indicators of this program at one period (units must agree)."""
        if isinstance(indicators, str):
            indicators = [indicators]
        return _sum(
            _p.sum_indicators(
                self._document._core, self._id, phase, list(indicators), _period_arg(period), role
            ),
            lambda _program, indicator: self._names_of(indicator),
        )

    def budget_summary(self, phase: str, role: str = "plan") -> pd.Series:
        """Budget of a phase in won: total, itemised sources, unitemised remainder.

        Returns
        -------
        pandas.Series
            total_krw (None without a total), lines_krw, national_krw, local_krw,
            private_krw, other_krw, unitemised_krw.
        """
        raw = _p.budget_summary(self._document._core, self._id, phase, role)
        series: pd.Series = pd.Series(
            {
                name: getattr(raw, name)
                for name in (
                    "total_krw",
                    "lines_krw",
                    "national_krw",
                    "local_krw",
                    "private_krw",
                    "other_krw",
                    "unitemised_krw",
                )
            },
            dtype=object,
        )
        return series

    def funding_share(self, phase: str, source: str = "national", role: str = "plan") -> float:
        """Share of one funding source in a phase's total, as a fraction (90억 / 180억 -> 0.5).

        Raises
        ------
        innozone.NotFoundError
            The phase has no total or no whole-phase line of that source.
        """
        return float(_p.funding_share(self._document._core, self._id, phase, source, role))

    def plan_vs_actual(self, phase: str) -> PlanVsActual:
        """Targets against actual results of a phase, and budget execution.

        See :func:`plan_vs_actual`.
        """
        return plan_vs_actual(self, phase)

    def check(self) -> pd.DataFrame:
        """Consistency findings of this program (see :meth:`Document.check`)."""
        frame = self._document.check()
        table: pd.DataFrame = frame[frame["program"] == self._id].reset_index(drop=True)
        return table

    # -- display ----------------------------------------------------------------------
    def key_figures(self, lang: str | None = None) -> pd.DataFrame:
        """The latest actual value of every indicator (the widest window for cumulative ones).

        Superseded observations are left out (see :attr:`observations`): where two sources
        give one window, the later figure is the key figure.
        """
        lang = resolve_lang(lang)
        frame = self.observations
        frame = frame[(frame["role"] == "actual") & ~frame["superseded"]].copy()
        if frame.empty:
            empty: pd.DataFrame = pd.DataFrame(
                columns=[
                    "phase",
                    "indicator",
                    "name",
                    "period",
                    "value",
                    "unit",
                    "date",
                    "confidence",
                    "source",
                ]
            )
            return empty
        frame["end"] = frame["year"].fillna(frame["window_end"]).astype(int)
        frame["start"] = frame["year"].fillna(frame["window_start"]).astype(int)
        frame = frame.sort_values(["end", "start"], ascending=[False, True])
        latest = frame.groupby(["phase", "indicator"], dropna=False, sort=False).head(1)
        order = {ind: i for i, ind in enumerate(self.indicators["indicator"])}
        latest = latest.assign(order=latest["indicator"].map(order)).sort_values("order")
        table: pd.DataFrame = pd.DataFrame(
            {
                "phase": latest["phase"],
                "indicator": latest["indicator"],
                "name": latest["name_ko" if lang == "ko" else "name_en"],
                "period": [
                    str(s) if s == e else f"{s}-{e}" for s, e in zip(latest["start"], latest["end"])
                ],
                "value": latest["value"],
                "unit": latest["unit"],
                "date": latest["date"],
                "confidence": latest["confidence"],
                "source": latest["source"],
            }
        ).reset_index(drop=True)
        return table

    def summary(self) -> pd.DataFrame:
        """Key figures: the latest actual value of each indicator."""
        return self.key_figures()

    def to_frame(self) -> pd.DataFrame:
        """The tidy observations table (:attr:`observations`)."""
        return self.observations

    def plot(
        self,
        indicator: str | None = None,
        phase: str | None = None,
        ax: Any = None,
        lang: str | None = None,
    ) -> Any:
        """Observations of one indicator over time; returns the axes.

        Years are points, windows are horizontal segments; actual values are filled,
        targets hollow. Without ``indicator``, the program-level indicator with the most
        yearly observations is drawn.
        """
        from . import plotting as P

        lang = resolve_lang(lang)
        frame = self.observations[~self.observations["superseded"]]
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
        rows = frame[
            (frame["indicator"] == indicator)
            & ((frame["phase"] == phase) if phase is not None else frame["phase"].isna())
        ]
        if rows.empty:
            raise NotFoundError(
                f"program '{self._id}' has no observations of '{indicator}'"
                f"{' in phase ' + repr(phase) if phase else ''}"
            )
        with P.style():
            axes = P.new_axes(ax)
            for role, group in rows.groupby("role"):
                filled = role in ("actual", "derived")
                yearly = group[group["year"].notna()]
                role_text = _labels.label_or(f"role.{role}", str(role), lang)
                if not yearly.empty:
                    axes.plot(
                        yearly["year"].astype(int),
                        yearly["value"],
                        marker="o",
                        linestyle="-" if filled else "none",
                        markerfacecolor=None if filled else "white",
                        label=role_text,
                    )
                for i, r in enumerate(group[group["year"].isna()].itertuples()):
                    window = _labels.label("role_window", lang, role=role_text)
                    axes.hlines(
                        r.value,
                        int(r.window_start) - 0.4,
                        int(r.window_end) + 0.4,
                        linestyles="-" if filled else "--",
                        label=window if i == 0 and yearly.empty else "_nolegend_",
                    )
                    axes.annotate(
                        f"{r.window_start}-{r.window_end} {role_text}",
                        (int(r.window_end) + 0.4, r.value),
                        fontsize=8,
                    )
            name = rows["name_ko" if lang == "ko" else "name_en"].iloc[0]
            axes.set_title(str(name))
            axes.set_xlabel(P.label("year", lang))
            axes.set_ylabel(_labels.unit_label(str(rows["unit"].iloc[0]), lang))
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
            parts.append(
                "<table><tr><th>phase</th><th>years</th><th>status</th><th>budget</th>"
                "<th>national</th></tr>"
            )
            for row in phases.itertuples():
                # the KRW columns of ``phases``: floats, NaN or None where not known
                total = cast("float | None", row.budget_total_krw)
                national = cast("float | None", row.national_krw)
                parts.append(
                    f"<tr><td>{e(str(row.phase))}</td><td>{row.start_year}–{row.end_year}</td>"
                    f"<td>{e(str(row.status or ''))}</td>"
                    f"<td>{e(_p.format_money(total, '억원', -1)) if pd.notna(total) else '–'}</td>"
                    f"<td>{e(_p.format_money(national, '억원', -1)) if pd.notna(national) and national else '–'}</td></tr>"
                )
            parts.append("</table>")
        figures = self.key_figures().head(10)
        if not figures.empty:
            parts.append("<table><tr><th>key indicator</th><th>period</th><th>value</th></tr>")
            for row in figures.itertuples():
                parts.append(
                    f"<tr><td>{e(str(row.name))}</td><td>{e(row.period)}</td>"
                    f"<td>{e(_fmt_value(row.value, row.unit))}</td></tr>"
                )
            parts.append("</table>")
        findings = self.check()
        counts = findings["severity"].value_counts()
        parts.append(
            f"<div>Findings: {len(findings)} "
            f"({int(counts.get('error', 0))} errors, {int(counts.get('warning', 0))} warnings, "
            f"{int(counts.get('info', 0))} info)</div></div>"
        )
        return "".join(parts)

    def _repr_html_(self) -> str:
        return self._card()

    def __repr__(self) -> str:
        return (
            f"Program('{self._id}', {self.name_en!r}, {len(self._core.phases)} phases, "
            f"{len(self.observations)} observations)"
        )

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
        # Tables derived from the core document, built once: the core is read-only from
        # Python (there is no way to change a loaded document), so they never go stale.
        # The public properties hand out copies; _table() gives the shared frame to
        # internal readers that do not modify it.
        self._tables: dict[tuple[str, str | None], pd.DataFrame] = {}

    def _table(
        self, kind: str, program_id: str | None, build: Callable[[], pd.DataFrame]
    ) -> pd.DataFrame:
        """The table ``kind`` of a program (or of the document, ``program_id=None``).

        Built on first use. Callers must not modify it (the properties return copies).
        """
        key = (kind, program_id)
        frame = self._tables.get(key)
        if frame is None:
            frame = self._tables[key] = build()
        return frame

    def _observations(self, program_id: str | None = None) -> pd.DataFrame:
        """The shared observations table of the document or of one program (read-only)."""
        raw = self._table("raw-observations", None, lambda: _raw_observations(self._core))
        return self._table(
            "observations", program_id, lambda: _observations_frame(self._core, program_id, raw)
        )

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
        return _copy_of(self._table("sources", None, self._sources_frame))

    def _sources_frame(self) -> pd.DataFrame:
        table: pd.DataFrame = pd.DataFrame(
            [
                {
                    "source": s.id,
                    "publisher": s.publisher,
                    "title": s.title,
                    "date": s.date,
                    "url": _none_if_empty(s.url),
                    "note": _none_if_empty(s.note),
                }
                for s in self._core.sources
            ],
            columns=["source", "publisher", "title", "date", "url", "note"],
        )
        return table

    @property
    def observations(self) -> pd.DataFrame:
        """Tidy observations of every program (see :attr:`Program.observations`)."""
        return _copy_of(self._observations())

    @property
    def indicators(self) -> pd.DataFrame:
        """Indicators of every program, with a ``program`` column."""
        frames = [p.indicators.assign(program=p.id) for p in self.programs]
        if not frames:
            empty: pd.DataFrame = pd.DataFrame(columns=["program", "phase", "indicator"])
            return empty
        frame = pd.concat(frames, ignore_index=True)
        table: pd.DataFrame = frame[["program"] + [c for c in frame.columns if c != "program"]]
        return table

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

    def value(
        self,
        program: str,
        indicator: str,
        period: Period,
        phase: str | None = None,
        role: str | None = None,
    ) -> float:
        """Value of an indicator (see :meth:`Program.value`)."""
        return self.program(program).value(indicator, period, phase=phase, role=role)

    def sum_across(
        self,
        indicator: str,
        period: Period,
        programs: Sequence[str] | None = None,
        role: str | None = None,
    ) -> Sum:
        """Sum of one indicator across programs (e.g. firms across all Gangso zones).

        Programs without the indicator or without a value for ``period`` are listed in
        ``Sum.missing``, never counted as zero.
        """

        def names(program: str, _indicator: str) -> tuple[str, str]:
            item = self.program(program)
            return item.name_en, item.name_ko or item.name_en

        return _sum(
            _p.sum_across_programs(
                self._core, indicator, _period_arg(period), list(programs or []), role
            ),
            names,
        )

    def compare(
        self,
        indicator: str,
        *,
        kind: str | None = None,
        programs: Sequence[str] | None = None,
        lang: str | None = None,
    ) -> ZoneComparison:
        """Per-year rates of one indicator across programs, over the years each covers.

        See :func:`compare_programs`.
        """
        return compare_programs(self, indicator, kind=kind, programs=programs, lang=lang)

    # -- display --------------------------------------------------------------------------
    def summary(self) -> pd.DataFrame:
        """One row per program: id, name, kind, phases, indicators, observations, findings."""
        findings = self.check()
        observations = self.observations
        table: pd.DataFrame = pd.DataFrame(
            [
                {
                    "program": p.id,
                    "name_en": p.name_en,
                    "name_ko": p.name_ko,
                    "kind": p.kind,
                    "phases": len(p._core.phases),
                    "indicators": len(p.indicators),
                    "observations": int((observations["program"] == p.id).sum()),
                    "findings": int((findings["program"] == p.id).sum()),
                }
                for p in self.programs
            ],
            columns=[
                "program",
                "name_en",
                "name_ko",
                "kind",
                "phases",
                "indicators",
                "observations",
                "findings",
            ],
        )
        return table

    def to_frame(self) -> pd.DataFrame:
        """The tidy observations table."""
        return self.observations

    def plot(self, indicator: str, period: Period, ax: Any = None, lang: str | None = None) -> Any:
        """Bars of one indicator across programs at one period; returns the axes."""
        return self.sum_across(indicator, period).plot(ax=ax, lang=lang)

    def _repr_html_(self) -> str:
        title = self.title.get("en") or self.title.get("ko") or self.id or "program document"
        cards = "".join(p._card() for p in self.programs)
        return (
            f"<div><h3>{html.escape(title)}</h3><div>{len(self)} programs, "
            f"{len(self._core.sources)} sources</div>{cards}</div>"
        )

    def __repr__(self) -> str:
        return f"Document('{self.id}', {len(self)} programs, {len(self._core.sources)} sources)"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Document):
            return NotImplemented
        return bool(self._core == other._core)

    __hash__ = None  # type: ignore[assignment]


# ----------------------------------------------------------------------------- plan vs actual
def _period_label(row: Any) -> str:
    start, end = _span(row)
    return str(start) if start == end else f"{start}-{end}"


def _span(row: Any) -> tuple[int, int]:
    year = row["year"] if isinstance(row, pd.Series) else row.year
    if pd.notna(year):
        return int(year), int(year)
    if isinstance(row, pd.Series):
        return int(row["window_start"]), int(row["window_end"])
    return int(row.window_start), int(row.window_end)


class PlanVsActual(Result):
    """Targets against actual results of a phase, and budget execution.

    Attributes
    ----------
    program, phase : str
    targets : pandas.DataFrame
        One row per target (the observation rule applies to targets too): indicator, name,
        target_period, target, unit, actual, actual_period, actual_date, match, achievement,
        reached, the sources and confidences, note. ``match`` says how the windows were
        matched: ``exact`` (an actual for the same period, its data complete), ``partial``
        (the same period, data up to a date before its end), ``derived`` (computed from
        other observations: a year from cumulative snapshots, a window from yearly values),
        ``approximate`` (the actual's window ends with the target's but starts earlier or
        later: not the same period, shown for reference, no achievement) or ``none``.
        ``achievement`` is actual / target (target / actual where lower is better), only
        for ``exact``, ``partial`` and ``derived``.
    budget : pandas.DataFrame
        Budget lines with both a plan and an actual for the same year, funding source and
        component: plan, actual (억원), execution (actual / plan).
    """

    def __init__(
        self, program: str, phase: str, targets: pd.DataFrame, budget: pd.DataFrame
    ) -> None:
        self.program = program
        self.phase = phase
        self.targets = targets
        self.budget = budget

    def to_frame(self) -> pd.DataFrame:
        """The targets table."""
        table: pd.DataFrame = self.targets.copy()
        return table

    def summary(self) -> pd.DataFrame:
        """Indicator, periods, target, actual, match and achievement of every target."""
        table: pd.DataFrame = self.targets[
            [
                "indicator",
                "target_period",
                "target",
                "actual",
                "actual_period",
                "match",
                "achievement",
                "reached",
            ]
        ].copy()
        return table

    def plot(self, ax: Any = None, lang: str | None = None) -> Any:
        """Achievement of every target (bars, 100 % line).

        Targets without a matching actual are listed on the chart instead of drawn.
        """
        from . import plotting as P

        lang = resolve_lang(lang)
        frame = self.targets
        with P.style():
            axes = P.new_axes(ax)
            shown = frame[frame["achievement"].notna()]
            labels = [f"{r.name} ({r.target_period})" for r in shown.itertuples()]
            colors = ["#55a868" if bool(r.reached) else "#c44e52" for r in shown.itertuples()]
            y = np.arange(len(shown))
            axes.barh(y, 100.0 * shown["achievement"].to_numpy(dtype=float), color=colors)
            for i, r in enumerate(shown.itertuples()):
                if r.match != "exact":
                    axes.annotate(
                        _labels.label_or(f"match.{r.match}", str(r.match), lang),
                        (100.0 * float(r.achievement), i),
                        fontsize=7,
                        xytext=(3, -3),
                        textcoords="offset points",
                    )
            axes.set_yticks(y, labels)
            axes.axvline(100.0, color="k", lw=1.0, ls="--")
            axes.set_xlabel(_labels.label("pva.achievement_percent", lang))
            axes.set_title(_labels.label("pva.title", lang, program=self.program, phase=self.phase))
            missing = frame[frame["achievement"].isna()]
            if not missing.empty:
                text = _labels.label("pva.missing", lang) + "; ".join(
                    f"{r.name} ({r.target_period})" for r in missing.itertuples()
                )
                axes.text(
                    0.0, -0.18, text, transform=axes.transAxes, fontsize=7, va="top", wrap=True
                )
            return P._finish(axes)

    def _title(self) -> str:
        return f"Plan against actual: {self.program} {self.phase}"

    def _notes(self) -> list[str]:
        out = []
        if not self.budget.empty:
            out.append(
                "budget execution: "
                + ", ".join(f"{r.label} {r.execution:.0%}" for r in self.budget.itertuples())
            )
        none = int((self.targets["match"] == "none").sum()) if len(self.targets) else 0
        if none:
            out.append(f"{none} targets without a matching actual")
        if self.targets.empty:
            out.append("the phase has no targets")
        return out

    def _headline(self) -> str:
        reached = int(self.targets["reached"].fillna(False).astype(bool).sum())
        assessed = int(self.targets["achievement"].notna().sum())
        return f"{len(self.targets)} targets, {assessed} assessed, {reached} reached"


_PVA_COLUMNS = [
    "indicator",
    "name",
    "target_period",
    "target",
    "unit",
    "direction",
    "actual",
    "actual_period",
    "actual_date",
    "match",
    "achievement",
    "reached",
    "target_source",
    "target_confidence",
    "actual_source",
    "actual_confidence",
    "note",
]


def plan_vs_actual(
    program: Program, phase: str = "phase-1", lang: str | None = None
) -> PlanVsActual:
    """Targets against actual results of a (completed) phase, and budget execution.

    Every target observation of the phase (superseded ones left out) is matched with the
    actual value of the same indicator over the same period: an actual observation of that
    period (flagged ``partial`` when its data end before the period does), else a value
    derived from the other observations (a year from cumulative snapshots, a window from
    yearly values). An actual over a different window is shown for reference only
    (``approximate``), never turned into an achievement rate. Budget execution compares
    budget lines of role ``actual`` with the ``plan`` lines of the same year, funding source
    and component.

    Parameters
    ----------
    program : innozone.Program
    phase : str
    lang : {"en", "ko"}, optional
        Language of the ``name`` column (None: ``innozone.options.lang``).

    Returns
    -------
    PlanVsActual
    """
    lang = resolve_lang(lang)
    program.phase(phase)  # NotFoundError listing the phases
    obs = program.observations
    mine = obs[(obs["phase"] == phase) & ~obs["superseded"]]
    targets = mine[mine["role"] == "target"]
    actuals = mine[mine["role"] == "actual"]
    table = program.indicators
    direction = {r.indicator: r.direction for r in table[table["phase"] == phase].itertuples()}
    rows = []
    for t in targets.itertuples():
        start, end = _span(t)
        period: Any = (start, end) if pd.isna(t.year) else start
        same = actuals[
            (actuals["indicator"] == t.indicator)
            & (actuals["year"].fillna(actuals["window_start"]) == start)
            & (actuals["year"].fillna(actuals["window_end"]) == end)
        ]
        row: dict[str, Any] = {
            "indicator": t.indicator,
            "name": t.name_ko if lang == "ko" else t.name_en,
            "target_period": _period_label(t),
            "target": float(t.value),
            "unit": t.unit,
            "direction": direction.get(t.indicator, "higher"),
            "actual": np.nan,
            "actual_period": None,
            "actual_date": None,
            "match": "none",
            "achievement": np.nan,
            "reached": None,
            "target_source": t.source,
            "target_confidence": t.confidence,
            "actual_source": None,
            "actual_confidence": None,
            "note": None,
        }
        if not same.empty:
            a = same.iloc[0]
            row.update(
                actual=float(a["value"]),
                actual_period=_period_label(a),
                actual_date=a["date"],
                actual_source=a["source"],
                actual_confidence=a["confidence"],
                match="partial" if a["coverage"] in ("partial", "future") else "exact",
            )
            if row["match"] == "partial":
                row["note"] = (
                    f"data to {a['date']} ({a['covered_years']:.2f} of {end - start + 1} years)"
                )
        else:
            try:
                value = program.value(str(t.indicator), period, phase=phase, role="actual")
            except (NotFoundError, InvalidInputError, ArithmeticError):
                value = None
            if value is not None:
                row.update(
                    actual=float(value),
                    actual_period=_period_label(t),
                    match="derived",
                    note="derived from the other actual observations",
                )
            else:
                near = actuals[
                    (actuals["indicator"] == t.indicator)
                    & (actuals["year"].fillna(actuals["window_end"]) == end)
                ]
                if not near.empty:
                    a = near.iloc[0]
                    row.update(
                        actual=float(a["value"]),
                        actual_period=_period_label(a),
                        actual_date=a["date"],
                        actual_source=a["source"],
                        actual_confidence=a["confidence"],
                        match="approximate",
                        note=f"the actual covers {_period_label(a)}"
                        + (f" to {a['date']}" if a["coverage"] in ("partial", "future") else "")
                        + f", not {_period_label(t)}",
                    )
                else:
                    row["note"] = "no actual observation of this indicator for the period"
        if row["match"] in ("exact", "partial", "derived") and row["target"] != 0:
            ratio = (
                row["actual"] / row["target"]
                if row["direction"] == "higher"
                else (row["target"] / row["actual"] if row["actual"] else np.inf)
            )
            row["achievement"] = float(ratio)
            row["reached"] = bool(ratio >= 1.0)
        rows.append(row)
    frame = pd.DataFrame(rows, columns=_PVA_COLUMNS)
    frame["achievement"] = frame["achievement"].astype(float)
    frame["actual"] = frame["actual"].astype(float)
    # Budget execution: plan and actual lines of the same year, source and component.
    lines = program.budget
    lines = lines[(lines["phase"] == phase) & (lines["item"] == "line")]
    budget_rows = []
    key = ["year", "funding_source", "component"]
    plan = lines[lines["role"] == "plan"]
    actual = lines[lines["role"] == "actual"]
    for spent in actual.itertuples():
        match = plan[
            (plan["year"].fillna(-1) == (spent.year if pd.notna(spent.year) else -1))
            & (plan["funding_source"] == spent.funding_source)
            & (plan["component"].fillna("") == (spent.component or ""))
        ]
        if match.empty:
            continue
        p_row = match.iloc[-1]
        label = " ".join(
            str(v)
            for v in (
                "phase" if pd.isna(spent.year) else int(spent.year),
                spent.funding_source,
                spent.component or "",
            )
            if v != ""
        ).strip()
        budget_rows.append(
            {
                "label": label,
                "year": spent.year,
                "funding_source": spent.funding_source,
                "component": spent.component,
                "plan": float(p_row["krw"]) / 1e8,
                "actual": float(spent.krw) / 1e8,
                "execution": float(spent.krw) / float(p_row["krw"]) if p_row["krw"] else np.nan,
                "plan_source": p_row["source"],
                "actual_source": spent.source,
            }
        )
    budget = pd.DataFrame(
        budget_rows,
        columns=["label", *key, "plan", "actual", "execution", "plan_source", "actual_source"],
    )
    budget["year"] = pd.array(budget["year"].tolist(), dtype="Int64")
    return PlanVsActual(program.id, phase, frame, budget)


# ----------------------------------------------------------------------------- comparison
class ZoneComparison(Result):
    """Per-year rates of one indicator across programs, over the years each figure covers.

    Attributes
    ----------
    indicator : str
    table : pandas.DataFrame
        One row per program: program, name, value, unit, window, date, covered_years,
        per_year (value / covered_years), coverage (complete, partial, future, undated),
        flag (text for partial and future windows), confidence, source. Programs without
        a value are kept with NaN.
    """

    def __init__(self, indicator: str, table: pd.DataFrame, lang: str) -> None:
        self.indicator = indicator
        self.table = table
        self.lang = lang

    def to_frame(self) -> pd.DataFrame:
        """The comparison table."""
        table: pd.DataFrame = self.table.copy()
        return table

    def summary(self) -> pd.DataFrame:
        """Program, name, value, window, covered years, per-year rate and flag."""
        table: pd.DataFrame = self.table[
            [
                "program",
                "name",
                "value",
                "window",
                "covered_years",
                "per_year",
                "flag",
                "confidence",
            ]
        ].copy()
        return table

    def plot(self, ax: Any = None, lang: str | None = None, highlight: str | None = None) -> Any:
        """Bars of the per-year rates (sorted; confidence shading).

        Partial or future windows are marked with ``*`` after the name and explained under
        the chart.
        """
        from . import plotting as P

        lang = resolve_lang(lang if lang is not None else self.lang)
        frame = self.table.copy()
        marked = frame["flag"].notna()
        frame["label"] = [f"{n} *" if m else str(n) for n, m in zip(frame["name"], marked)]
        shown = frame.set_index("label")[["per_year", "confidence"]]
        shown["confidence"] = shown["confidence"].fillna("low")
        label = None
        if highlight is not None:
            hits = frame[(frame["program"] == highlight) | (frame["name"] == highlight)]
            label = str(hits["label"].iloc[0]) if not hits.empty else None
        axes = P.zone_comparison(
            shown,
            "per_year",
            highlight=label,
            confidence="confidence",
            title=_labels.label("zc.title", lang, indicator=self.indicator),
            xlabel=_labels.label("per_year", lang),
            ax=ax,
            lang=lang,
        )
        notes = [f"{r.name}: {r.flag}" for r in frame[marked].itertuples()]
        if notes:
            with P.style():
                axes.text(
                    0.0,
                    -0.12,
                    "* " + "; ".join(notes),
                    transform=axes.transAxes,
                    fontsize=7,
                    va="top",
                    wrap=True,
                )
        return axes

    def _title(self) -> str:
        return f"{self.indicator} per year across programs (years covered)"

    def _notes(self) -> list[str]:
        return [
            (
                "per year = value / years covered (from the window start to the figure's date, "
                "or to the window end)"
            )
        ]

    def _headline(self) -> str:
        return f"{int(self.table['per_year'].notna().sum())} of {len(self.table)} programs with a value"


def compare_programs(
    document: Document,
    indicator: str,
    *,
    kind: str | None = None,
    programs: Sequence[str] | None = None,
    lang: str | None = None,
) -> ZoneComparison:
    """Per-year rates of a cumulative indicator across programs, over the years covered.

    For each program the actual observation with the widest window is used (superseded
    values left out; among equal windows the later date). Its per-year rate divides the
    value by the years the data cover: from 1 January of the window's start to the figure's
    date (the observation's ``date``, else its source's date), or to the window's end when
    the date is later. Windows whose data end in their last year (``partial``) or earlier
    (``future``: the window runs on after the figure was taken) are flagged in the table and
    on the chart.

    Parameters
    ----------
    document : Document
    indicator : str
    kind : str, optional
        Only programs of this kind (e.g. ``"gangso-zone"``).
    programs : sequence of str, optional
        Only these program ids.
    lang : {"en", "ko"}, optional
        Language of the ``name`` column.

    Returns
    -------
    ZoneComparison
    """
    lang = resolve_lang(lang)
    obs = document._observations() if isinstance(document, Document) else document.observations
    rows = obs[(obs["indicator"] == indicator) & (obs["role"] == "actual") & ~obs["superseded"]]
    # The widest window of each program, then the latest end, then the latest date; of
    # equals, the first in the file (a stable sort over every program at once).
    start = rows["year"].fillna(rows["window_start"]).astype(int)
    end = rows["year"].fillna(rows["window_end"]).astype(int)
    ranked = rows.assign(
        start=start, end=end, span=end - start + 1, order=rows["date"].fillna("")
    ).sort_values(["span", "end", "order"], ascending=False, kind="stable")
    best_of = {r["program"]: r for r in ranked.drop_duplicates("program").to_dict("records")}
    out = []
    for prog in document.programs:
        if kind is not None and prog.kind != kind:
            continue
        if programs is not None and prog.id not in programs:
            continue
        name = prog.name_ko if lang == "ko" else prog.name_en
        base = {
            "program": prog.id,
            "name": name,
            "value": np.nan,
            "unit": None,
            "window": None,
            "date": None,
            "covered_years": np.nan,
            "per_year": np.nan,
            "coverage": None,
            "flag": None,
            "confidence": None,
            "source": None,
        }
        best = best_of.get(prog.id)
        if best is None:
            out.append(base)
            continue
        window = (
            str(int(best["start"]))
            if best["start"] == best["end"]
            else f"{int(best['start'])}-{int(best['end'])}"
        )
        covered = float(best["covered_years"])
        flag = None
        if best["coverage"] in ("partial", "future"):
            flag = _labels.label(
                f"zc.flag_{best['coverage']}", lang, window=window, date=best["date"]
            )
        base.update(
            value=float(best["value"]),
            unit=best["unit"],
            window=window,
            date=best["date"],
            covered_years=covered,
            per_year=float(best["value"]) / covered if covered > 0 else np.nan,
            coverage=best["coverage"],
            flag=flag,
            confidence=best["confidence"],
            source=best["source"],
        )
        out.append(base)
    table = pd.DataFrame(
        out,
        columns=[
            "program",
            "name",
            "value",
            "unit",
            "window",
            "date",
            "covered_years",
            "per_year",
            "coverage",
            "flag",
            "confidence",
            "source",
        ],
    )
    return ZoneComparison(indicator, table, lang)


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
        if (
            not isinstance(content, dict)
            or "programs" not in content
            or "schema_version" not in content
        ):
            continue  # other areas' reference data, not program files
        header = content.get("dataset", {})
        title = header.get("title", {})
        rows.append(
            {
                "dataset": header.get("id", entry.name[:-5]),
                "title_en": title.get("en"),
                "title_ko": title.get("ko"),
                "description": header.get("description"),
                "file": entry.name,
            }
        )
    table: pd.DataFrame = pd.DataFrame(
        rows, columns=["dataset", "title_en", "title_ko", "description", "file"]
    )
    return table


def _clip(text: str, limit: int = 60) -> str:
    """At most ``limit`` characters of ``text`` for an error message."""
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= limit else one_line[: limit - 3] + "..."


def load(name: str | os.PathLike[str]) -> Document:
    """Load an embedded dataset by name, a program file by path, or a document given as text.

    Parameters
    ----------
    name : str or path
        A dataset name from :func:`datasets` (``"gimhae"``, ``"gangso-zones"``), the
        path of a JSON program file, or the JSON text of a program file itself (text
        starting with ``{``).

    Returns
    -------
    Document

    Raises
    ------
    innozone.NotFoundError
        Neither an embedded dataset nor an existing file; the message lists the datasets
        (and quotes at most the start of what was given).
    innozone.SchemaError
        The file or text does not follow the program format (with the JSON Pointer of the
        bad place; syntax errors give the line and column).

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
        raise InvalidInputError(
            f"load: expected a dataset name or a path, got {type(name).__name__}"
        )
    if name.lstrip("\ufeff \t\r\n").startswith(("{", "[")):
        return Document(_load_text(name))  # a program file given as JSON text
    table = datasets()
    match = table[table["dataset"] == name]
    if not match.empty:
        entry = _data_dir().joinpath(str(match["file"].iloc[0]))
        return Document(_load_text(entry.read_text(encoding="utf-8")))
    known = ", ".join(table["dataset"]) or "none"
    if "\n" not in name and len(name) < 4096 and os.path.isfile(name):
        return Document.from_json(Path(name))
    raise NotFoundError(
        f"no embedded dataset '{_clip(name)}' and no file at that path "
        f"(embedded datasets: {known}; JSON text starts with '{{')"
    )


def schema() -> dict[str, Any]:
    """The JSON Schema of the program format shipped with the package (draft 2020-12)."""
    text = (
        resources.files("innozone")
        .joinpath("schema")
        .joinpath("program.schema.json")
        .read_text(encoding="utf-8")
    )
    return dict(json.loads(text))
