"""The innozone report: one self-contained HTML file (and a workbook) for any program.

``python -m innozone report FILE [--program ID] -o out.html`` (or :func:`build_report`)
computes every section and writes ONE file that opens offline in any browser: figures are
embedded as PNG, the CSS is inline, and the Hangul font is embedded as a subset (only the
characters the page uses) of the bundled NanumGothic, so the page shows Hangul even on a
machine without a Korean font. :meth:`Report.tables` returns every table of the report as
DataFrames and :meth:`Report.to_excel` writes them to one workbook.

What is reported
    A program (``program=`` or a :class:`~innozone.Program`), or a document: a document
    with one zone is reported as that zone together with the document's support programs
    (the embedded ``gimhae`` dataset: the zone and DEXTER); a document with several zones
    (``gangso-zones``) gets an overview that compares them. The title names what is
    covered.

Sections appear only where their data exist: results of the completed phase, the plan of
the next one, cost sharing (only for a program with a cost-sharing component), the zone
comparison (only for a Gangso zone). The projection (with target probabilities,
sensitivity and scenarios) and the appraisal appear for every program with a planned
phase; where the program's data do not calibrate the model, the section says which data
are missing. Headline cards show only sourced figures and the file's own targets, each
with its confidence; every assumption, including a low-confidence figure of the file, is
listed in the appendix.

Every text comes from the bilingual registry :mod:`innozone._labels`: the Korean report
is in Korean, the English one in English.
"""

from __future__ import annotations

import base64
import datetime as _dt
import hashlib
import html
import io
import logging
import math
import os
import re
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd

from . import _labels as L
from . import plotting as P
from ._errors import InvalidInputError, NotFoundError
from ._results import REPR_LIMIT, Result, html_table
from ._validate import (
    ProgressLike,
    check_count,
    progress_callback,
    resolve_lang,
    resolve_seed,
    resolve_threads,
)

__all__ = [
    "Assumption",
    "Report",
    "ReportSection",
    "build_report",
    "embedded_font_css",
    "write_report",
]

_CONFIDENCES = ("high", "medium", "low")
_BASES = ("sourced", "derived", "assumption", "user")


def __dir__() -> list[str]:  # tab completion lists the public names only
    return list(__all__)


@dataclass(frozen=True)
class Assumption:
    """One assumption the report rests on, listed in its appendix.

    Attributes
    ----------
    name : str
        What is assumed (e.g. "phase-1 budget").
    value : str
        The value with its unit.
    basis : str
        ``"sourced"`` (a published figure), ``"derived"`` (computed from sourced figures),
        ``"assumption"`` (a judgement of the model; no source says so) or ``"user"`` (given
        by the user: a figure of their own file or an argument).
    source : str
        Publisher and date, a URL or an explanation.
    section : str
        The report section that uses it.
    confidence : str
        ``"high"``, ``"medium"``, ``"low"`` or ``""`` (not rated).
    """

    name: str
    value: str
    basis: str
    source: str
    section: str
    confidence: str = ""

    def __post_init__(self) -> None:
        if self.basis not in _BASES:
            raise InvalidInputError(
                f"Assumption {self.name!r}: basis must be one of {_BASES}, got {self.basis!r}"
            )
        if self.confidence not in (*_CONFIDENCES, ""):
            raise InvalidInputError(
                f"Assumption {self.name!r}: confidence must be one of {_CONFIDENCES} or '', "
                f"got {self.confidence!r}"
            )


class ReportSection(NamedTuple):
    """One section of a report: its id, its heading and its HTML body."""

    id: str
    heading: str
    html: str


@dataclass
class _Table:
    name: str
    title: str
    frame: pd.DataFrame
    formats: dict[str, Callable[[Any], str]] = field(default_factory=dict)
    raw: tuple[str, ...] = ()  # columns already holding HTML (links)
    html_frame: pd.DataFrame | None = None  # what the page shows, if not ``frame``


class Report(Result):
    """A computed report (see :func:`build_report`).

    Attributes
    ----------
    title : str
        Names what the report covers.
    lang : {"ko", "en"}
    sections : list of ReportSection
        ``(id, heading, html)`` in page order.
    assumptions : list of Assumption
        The appendix.
    html : str
        The whole page; write it with :meth:`save`.
    """

    def __init__(
        self,
        title: str,
        lang: str,
        sections: list[ReportSection],
        assumptions: list[Assumption],
        tables: Mapping[str, _Table],
        html: str = "",
        meta: Mapping[str, Any] | None = None,
    ) -> None:
        self.title = title
        self.lang = lang
        self.sections = list(sections)
        self.assumptions = list(assumptions)
        self._tables = dict(tables)
        self.html = html
        self.meta = dict(meta or {})

    # -- tables ------------------------------------------------------------------------
    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table of the report as a DataFrame, by name (in page order).

        Values are numbers where the page shows numbers (not formatted text); column
        names are in the report's language. The appendix tables ``assumptions`` and
        ``sources`` are always present.
        """
        return {name: t.frame.copy() for name, t in self._tables.items()}

    def table_titles(self) -> dict[str, str]:
        """The caption of every table, by name."""
        return {name: t.title for name, t in self._tables.items()}

    def to_excel(self, path: str | os.PathLike[str]) -> Path:
        """Write every table to one workbook: a sheet per table, the first sheet a contents list.

        The file is written to a temporary file in the same folder and renamed into
        place, so an existing workbook is never left half-written.

        Returns
        -------
        pathlib.Path
            The file written.
        """
        target = _check_output(path, ".xlsx")
        try:
            from openpyxl import Workbook  # type: ignore[import-untyped]
            from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
        except ImportError as exc:  # pragma: no cover - a dependency of innozone
            raise NotFoundError(
                "Report.to_excel needs openpyxl (a dependency of innozone: pip install openpyxl)"
            ) from exc
        book = Workbook()
        contents = book.active
        contents.title = _sheet_name(L.label("report.xl.contents", self.lang), set())
        contents.append([self.title])
        contents.append(
            [
                L.label(
                    "report.xl.meta",
                    self.lang,
                    version=self.meta.get("version", ""),
                    date=self.meta.get("date", ""),
                    seed=self.meta.get("seed", ""),
                    draws=self.meta.get("n_draws", ""),
                )
            ]
        )
        contents.append([])
        contents.append(
            [L.label("report.xl.sheet", self.lang), L.label("report.xl.table", self.lang)]
        )
        used = {contents.title}
        for name, table in self._tables.items():
            sheet_name = _sheet_name(name, used)
            used.add(sheet_name)
            contents.append([sheet_name, table.title])
            sheet = book.create_sheet(sheet_name)
            sheet.append([table.title])
            frame = table.frame
            sheet.append([str(c) for c in frame.columns])
            for row in frame.itertuples(index=False):
                sheet.append([_cell(v) for v in row])
            for i, col in enumerate(frame.columns, start=1):
                width = max([len(str(col))] + [len(str(v)) for v in frame[col].head(200)])
                sheet.column_dimensions[get_column_letter(i)].width = min(60, max(8, width + 2))
            sheet.freeze_panes = "A3"
        contents.column_dimensions["A"].width = 28
        contents.column_dimensions["B"].width = 60
        buf = io.BytesIO()
        book.save(buf)
        return _atomic_write(target, buf.getvalue(), ".xlsx")

    # -- the page ----------------------------------------------------------------------
    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the page atomically (a temporary file renamed into place)."""
        target = _check_output(path, ".html")
        return _atomic_write(target, self.html.encode("utf-8"), ".html")

    # -- the result contract -----------------------------------------------------------
    def summary(self) -> pd.DataFrame:
        """One row per section: id, heading, number of figures and of tables."""
        table: pd.DataFrame = pd.DataFrame(
            [
                {
                    "section": s.id,
                    "heading": s.heading,
                    "figures": s.html.count("<img"),
                    "tables": s.html.count("<table"),
                }
                for s in self.sections
            ],
            columns=["section", "heading", "figures", "tables"],
        )
        return table

    def to_frame(self) -> pd.DataFrame:
        """The assumptions of the report (its appendix) as a table."""
        table: pd.DataFrame = pd.DataFrame(
            [
                {
                    "section": a.section,
                    "name": a.name,
                    "value": a.value,
                    "basis": a.basis,
                    "confidence": a.confidence,
                    "source": a.source,
                }
                for a in self.assumptions
            ],
            columns=["section", "name", "value", "basis", "confidence", "source"],
        )
        return table

    def plot(self, ax: Any = None, lang: str | None = None) -> Any:
        """Bars of the number of figures and tables per section; returns the axes."""
        lang = resolve_lang(lang if lang is not None else self.lang)
        frame = self.summary().set_index("heading")[["figures", "tables"]]
        with P.style():
            axes = P.new_axes(ax)
            y = range(len(frame))
            axes.barh(
                [v + 0.2 for v in y],
                frame["figures"],
                height=0.4,
                label=L.label("report.figures", lang),
            )
            axes.barh(
                [v - 0.2 for v in y],
                frame["tables"],
                height=0.4,
                label=L.label("report.tables", lang),
            )
            axes.set_yticks(list(y), list(frame.index))
            axes.invert_yaxis()
            axes.legend()
            axes.set_title(self.title)
            return P._finish(axes)

    def _title(self) -> str:
        return self.title

    def _headline(self) -> str:
        return (
            f"{len(self.sections)} sections, {len(self._tables)} tables, "
            f"{len(self.assumptions)} assumptions, lang={self.lang}"
        )

    def _notes(self) -> list[str]:
        return [L.label("report.repr_note", self.lang)]

    def _repr_html_(self) -> str:
        return html_table(self.title, self.summary(), self._notes(), index=False)

    def __repr__(self) -> str:  # keeps the base class's limit with a long title
        text = f"<Report: {self.title[:200]}; {self._headline()}>"
        return text if len(text) <= REPR_LIMIT else text[: REPR_LIMIT - 4] + "...>"


# ----------------------------------------------------------------------- writing files
def _check_output(path: str | os.PathLike[str], suffix: str) -> Path:
    target = Path(path)
    if target.exists() and target.is_dir():
        raise InvalidInputError(f"report output {str(target)!r} is a directory")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InvalidInputError(f"report output folder {str(folder)!r} does not exist")
    return target


def _atomic_write(target: Path, data: bytes, suffix: str) -> Path:
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=".innozone-report-", suffix=suffix, dir=folder)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; a report is for sharing
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def _sheet_name(name: str, used: set[str]) -> str:
    base = _SHEET_BAD.sub("_", name)[:31] or "sheet"
    out, i = base, 2
    while out.lower() in {u.lower() for u in used}:
        tail = f"_{i}"
        out = base[: 31 - len(tail)] + tail
        i += 1
    return out


def _cell(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if isinstance(value, (int, str, bool)):
        return value
    if hasattr(value, "item"):  # numpy scalar
        return _cell(value.item())
    if pd.isna(value) if not isinstance(value, (list, tuple, dict)) else False:
        return None
    return str(value)


# ----------------------------------------------------------------------- html pieces
def figure_html(png: bytes, caption: str = "") -> str:
    """A PNG as an embedded ``<figure>``."""
    data = base64.b64encode(png).decode("ascii")
    cap = f"<figcaption>{html.escape(caption)}</figcaption>" if caption else ""
    return (
        f'<figure><img alt="{html.escape(caption or "figure")}" '
        f'src="data:image/png;base64,{data}">{cap}</figure>'
    )


def _close(fig: Any) -> None:
    if getattr(fig.canvas, "manager", None) is not None:  # a pyplot figure: release it
        import matplotlib.pyplot as plt

        plt.close(fig)


def _can_fork() -> bool:
    """Whether figures may be rendered in forked processes.

    Only on Linux with no other thread running (forking a threaded process can deadlock the
    child; Jupyter kernels run threads, so they render in one process).
    """
    import sys
    import threading

    return (
        sys.platform.startswith("linux") and hasattr(os, "fork") and threading.active_count() == 1
    )


@dataclass
class _Built:
    """A section built on its own (in this process or a forked one).

    Before it joins the report: its HTML with placeholders for its tables' names, the
    tables under the names asked for, and the assumptions it recorded (``citations``: their
    positions that are citations).
    """

    index: int
    id: str
    heading: str
    html: str
    tables: list[tuple[str, _Table]]
    assumptions: list[Assumption]
    citations: list[int]


def _build_section(ctx: _Ctx, index: int, entry: Any) -> _Built:
    """Build one section of the plan and draw its figures.

    The report's assumptions and tables are left as they were (:func:`_join` adds the
    section's).
    """
    sid, heading_key, heading_fields, build = entry
    heading = ctx.t(heading_key, **heading_fields(ctx))
    ctx.section = heading
    ctx.parts = []
    ctx.figures = []
    ctx.section_tables = []
    first = len(ctx.assumptions)
    try:
        build(ctx)
        body = "".join(ctx.parts)
        for i, (fig, caption) in enumerate(ctx.figures):
            png = P.render_png(fig, dpi=110.0, fast_layout=True)
            body = body.replace(f"\x00figure{i}\x00", figure_html(png, caption), 1)
    finally:
        for fig, _ in ctx.figures:
            _close(fig)
        ctx.figures = []
    tables = [
        (name, _Table(t.name, t.title, t.frame)) for name, t in ctx.section_tables
    ]  # formats were for the HTML, which is made
    assumptions = ctx.assumptions[first:]
    citations = sorted(c - first for c in ctx.citations if c >= first)
    del ctx.assumptions[first:]
    ctx.citations = {c for c in ctx.citations if c < first}
    ctx.section_tables = []
    return _Built(index, sid, heading, body, tables, assumptions, citations)


def _join(ctx: _Ctx, built: _Built) -> ReportSection:
    """Add a built section to the report.

    Its assumptions, and its tables under their final names (``name``, or ``name_2``, ...
    when the report has one already).
    """
    offset = len(ctx.assumptions)
    ctx.assumptions.extend(built.assumptions)
    ctx.citations.update(offset + c for c in built.citations)
    body = built.html
    for name, table in built.tables:
        base, i = name, 2
        while name in ctx.tables:
            name = f"{base}_{i}"
            i += 1
        body = body.replace(table.name, html.escape(name))
        ctx.tables[name] = _Table(name, table.title, table.frame)
    return ReportSection(built.id, built.heading, body)


def _build_all(
    ctx: _Ctx, plan: _Plan, callback: Callable[[int, int], bool] | None, steps: int
) -> list[ReportSection]:
    """Build every section of the plan, in forked processes where possible.

    The page is the same either way. The appendix, which lists every other section's
    assumptions, is built last, here.
    """
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if callback is not None and callback(done, steps) is False:
            raise KeyboardInterrupt("build_report: stopped by the progress callback")

    last = [i for i, entry in enumerate(plan) if entry[0] == "appendix"]
    body = [i for i in range(len(plan)) if i not in last]
    built: dict[int, _Built] = {}
    jobs = min(ctx.n_threads or (os.cpu_count() or 1), 4, len(body))
    if jobs > 1 and _can_fork():
        P._prepare_drawing()  # once, shared by the forked processes
        _build_forked(ctx, plan, body, jobs, built, step)
    for i in body:  # every section (or what the forked processes left undone)
        if i not in built:
            built[i] = _build_section(ctx, i, plan[i])
            step()
    sections = [_join(ctx, built[i]) for i in body]
    for i in last:
        sections.append(_join(ctx, _build_section(ctx, i, plan[i])))
        step()
    order = {entry[0]: k for k, entry in enumerate(plan)}
    return sorted(sections, key=lambda sec: order[sec.id])


#: Relative cost of building each section (with its figures) of the gimhae report: the
#: forked processes take the most expensive first, so they finish at about the same time.
_COST = {
    "efficiency": 10,
    "results": 8,
    "zones": 7,
    "sensitivity": 6,
    "projection": 6,
    "summary": 4,
    "appraisal": 3,
    "scenarios": 2,
    "plan": 2,
}


def _build_forked(
    ctx: _Ctx,
    plan: _Plan,
    body: list[int],
    jobs: int,
    built: dict[int, _Built],
    step: Callable[[], None],
) -> None:
    """Build the sections ``body`` in this process and ``jobs - 1`` forked ones.

    The sections wait in a pipe, one byte each, most expensive first; every process
    takes the next one when it is free (a pipe read is atomic), builds it and draws its
    figures. A forked process pickles each section it builds into a file of a temporary
    folder and says so through its own pipe (a few bytes, so it never waits for this
    process to read). A section a forked process fails on, or does not send (it died), is
    built here afterwards, so an error is raised here as in one process.
    """
    import pickle
    import select
    import shutil
    import signal
    import warnings

    order = sorted(body, key=lambda i: -_COST.get(plan[i][0], 1))
    folder = tempfile.mkdtemp(prefix="innozone-report-")
    queue_r, queue_w = os.pipe()
    os.write(queue_w, bytes(order))
    os.close(queue_w)  # an empty queue then reads as end of file
    children: dict[int, int] = {}  # read end -> pid

    def take() -> int | None:
        token = os.read(queue_r, 1)
        return token[0] if token else None

    def child(write: int) -> None:
        """Build sections until the queue is empty; never returns."""
        code = 1
        try:
            while (index := take()) is not None:
                try:
                    section = _build_section(ctx, index, plan[index])
                except Exception:  # built again by the parent, which then raises
                    break
                path = os.path.join(folder, f"{index}.pickle")
                with open(path + ".part", "wb") as out:
                    pickle.dump(section, out, protocol=pickle.HIGHEST_PROTOCOL)
                os.rename(path + ".part", path)
                os.write(write, bytes([index]))
            code = 0
        finally:
            os._exit(code)  # no Python clean-up in the child

    def receive(block: bool) -> None:
        """Take in what the forked processes have built; with ``block``, until they end."""
        while children:
            ready, _, _ = select.select(list(children), [], [], None if block else 0)
            if not ready:
                return
            for read in ready:
                notices = os.read(read, 256)
                if not notices:  # the process has ended
                    os.waitpid(children.pop(read), 0)
                    os.close(read)
                    continue
                for index in notices:
                    with open(os.path.join(folder, f"{index}.pickle"), "rb") as data:
                        built[index] = pickle.load(data)
                    step()

    try:
        for _ in range(jobs - 1):
            read, write = os.pipe()
            with warnings.catch_warnings():
                # Python 3.12+ warns about forking a process with threads; the compiled
                # pool's threads are made again in the child, and nothing else is shared.
                warnings.simplefilter("ignore", DeprecationWarning)
                pid = os.fork()
            if pid == 0:
                os.close(read)
                for other in children:
                    os.close(other)
                child(write)
            os.close(write)
            children[read] = pid
        while (index := take()) is not None:
            built[index] = _build_section(ctx, index, plan[index])
            step()
            receive(block=False)
        receive(block=True)
    finally:
        os.close(queue_r)
        for read, pid in children.items():  # stopped early (an error, Ctrl-C)
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            os.close(read)
        shutil.rmtree(folder, ignore_errors=True)


def _para(text: str) -> str:
    return f"<p>{html.escape(text)}</p>"


def _box(text: str, kind: str = "note") -> str:
    return f'<div class="box {kind}">{html.escape(text)}</div>'


@dataclass(frozen=True)
class _Card:
    label: str
    value: str
    note: str = ""
    confidence: str = ""
    source: str = ""  # a publisher and date, shown as a citation


def _cards_html(cards: Sequence[_Card], lang: str) -> str:
    items = []
    for c in cards:
        cite = ""
        if c.source:
            cite = (" · " if c.note else "") + f'<span class="src">{html.escape(c.source)}</span>'
        conf = ""
        if c.confidence:
            conf = (
                f'<div class="kc conf-{html.escape(c.confidence)}">'
                f"{html.escape(L.label('confidence', lang))}: "
                f"{html.escape(L.confidence_label(c.confidence, lang))}</div>"
            )
        items.append(
            f'<div class="kpi"><div class="kl">{html.escape(c.label)}</div>'
            f'<div class="kv">{html.escape(c.value)}</div>'
            f'<div class="ks">{html.escape(c.note)}{cite}</div>{conf}</div>'
        )
    return f'<div class="kpis">{"".join(items)}</div>'


def _table_html(table: _Table) -> str:
    frame = table.html_frame if table.html_frame is not None else table.frame
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    body = []
    for row in frame.itertuples(index=False):
        cells = []
        for col, value in zip(frame.columns, row):
            if col in table.raw:
                cells.append(f"<td>{value}</td>")
                continue
            fmt = table.formats.get(str(col))
            if fmt is not None:
                text = fmt(value)
            elif value is None or (isinstance(value, float) and math.isnan(value)):
                text = "–"
            elif isinstance(value, float):
                text = L.number(value)
            elif isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10_000:
                text = f"{value:,}"
            else:
                text = str(value)
            cells.append(f"<td>{html.escape(text)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    caption = f"<caption>{html.escape(table.title)}</caption>" if table.title else ""
    return (
        f'<table class="tbl" data-table="{html.escape(table.name)}">{caption}'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


# ----------------------------------------------------------------------- the font
def _cache_dir() -> Path | None:
    root = os.environ.get("INNOZONE_CACHE_DIR")
    if root:
        return Path(root)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "innozone"


_FONT_MEMO: dict[str, str] = {}
_FONT_CACHE_VERSION = "1"


def _subset_woff(path: Path, unicodes: Sequence[int]) -> bytes:
    from fontTools import subset  # type: ignore[import-untyped]
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    options = subset.Options()
    options.flavor = "woff"
    options.layout_features = ["*"]
    options.drop_tables += ["TSI0", "TSI1", "TSI2", "TSI3", "TSI5", "DSIG"]
    font = TTFont(str(path))
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=list(unicodes))
    subsetter.subset(font)
    font.flavor = "woff"
    buf = io.BytesIO()
    font.save(buf)
    return buf.getvalue()


def embedded_font_css(text: str) -> str:
    """``@font-face`` rules embedding the bundled NanumGothic, subset to ``text``.

    Only the glyphs of the characters in ``text`` (plus ASCII) are kept, as WOFF in a data
    URL, so a report of a few hundred distinct syllables carries tens of kilobytes of font.
    Subsetting takes a fraction of a second per face, so each subset is kept in a cache
    folder (``$INNOZONE_CACHE_DIR``, else ``~/.cache/innozone``) keyed by the font file and
    the set of characters; a report whose characters were seen before reuses it.

    Returns
    -------
    str
        CSS defining the family ``"innozone-hangul"`` (weights 400 and 700).
    """
    chars = set(text) | {chr(c) for c in range(0x20, 0x7F)}
    unicodes = sorted(ord(c) for c in chars if ord(c) >= 0x20)
    files = P.hangul_font_files()
    rules = []
    fontlog = logging.getLogger("fontTools")
    level = fontlog.level
    fontlog.setLevel(logging.ERROR)  # notes about dropped hinting tables are not problems
    try:
        for path, weight in ((files[0], 400), (files[2], 700)):
            stat = path.stat()
            key = hashlib.sha256(
                f"{_FONT_CACHE_VERSION}|{path.name}|{stat.st_size}|".encode()
                + ",".join(map(str, unicodes)).encode()
            ).hexdigest()[:32]
            data = _FONT_MEMO.get(key)
            if data is None:
                data = _cached_subset(key, path, unicodes)
                _FONT_MEMO[key] = data
            rules.append(
                "@font-face{font-family:'innozone-hangul';font-style:normal;"
                f"font-weight:{weight};src:url(data:font/woff;base64,{data}) format('woff');}}"
            )
    finally:
        fontlog.setLevel(level)
    return "\n".join(rules)


def _cached_subset(key: str, path: Path, unicodes: Sequence[int]) -> str:
    folder = _cache_dir()
    cached = folder / "fonts" / f"{key}.woff" if folder is not None else None
    if cached is not None and cached.is_file():
        raw = cached.read_bytes()
        if raw[:4] == b"wOFF":
            return base64.b64encode(raw).decode("ascii")
    raw = _subset_woff(path, unicodes)
    if cached is not None:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            _atomic_write(cached, raw, ".woff")
        except OSError:
            pass  # a read-only home: the next report subsets again
    return base64.b64encode(raw).decode("ascii")


_CSS = """
:root{--blue:#0072B2;--red:#D55E00;--grey:#6b6b6b;--line:#e3e3e3;--bg:#fafafa}
*{box-sizing:border-box}
body{font-family:'innozone-hangul','Noto Sans KR','Malgun Gothic','Apple SD Gothic Neo',sans-serif;
 margin:0;color:#1d1d1d;background:#fff;line-height:1.55;font-size:15px}
header{background:var(--blue);color:#fff;padding:28px 40px}
header h1{margin:0 0 6px 0;font-size:26px} header p{margin:0;opacity:.9}
nav{padding:10px 40px;background:var(--bg);border-bottom:1px solid var(--line);font-size:14px}
nav a{margin-right:14px;color:var(--blue);text-decoration:none}
main{max-width:1060px;margin:0 auto;padding:10px 40px 60px 40px}
section{border-bottom:1px solid var(--line);padding:8px 0 22px 0}
h2{color:var(--blue);font-size:21px;margin:26px 0 10px 0}
h3{font-size:16px;margin:18px 0 8px 0}
figure{margin:14px 0;text-align:center} figure img{max-width:100%;height:auto}
figcaption{color:var(--grey);font-size:13px;margin-top:4px}
table.tbl{border-collapse:collapse;margin:10px 0;font-size:13px;width:100%}
table.tbl caption{text-align:left;color:var(--grey);font-size:12px;padding:2px 0}
table.tbl th,table.tbl td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;
 vertical-align:top}
table.tbl th{background:var(--bg)} table.tbl td:first-child{min-width:5.5em}
.kpis{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0}
.kpi{flex:1 1 170px;border:1px solid var(--line);border-radius:6px;padding:10px 12px;background:var(--bg)}
.kl{font-size:12px;color:var(--grey)} .kv{font-size:22px;font-weight:700;color:var(--blue)}
.ks{font-size:12px;color:var(--grey)} .kc{font-size:11px;margin-top:4px;color:var(--grey)}
.kc.conf-low{color:var(--red)}
.box{border-left:4px solid var(--blue);background:#f2f7fb;padding:8px 12px;margin:10px 0;font-size:14px}
.box.warn{border-color:var(--red);background:#fdf3ee}
.box.gap{border-color:#999;background:#f4f4f4}
ul.notes li{margin:4px 0} .src{color:var(--grey)}
footer{color:var(--grey);font-size:12px;padding:20px 40px}
"""


# ----------------------------------------------------------------------- the context
class _NotCalibrated(Exception):
    """The program's data do not calibrate the outcome model; ``missing`` says why."""

    def __init__(self, missing: Sequence[str]) -> None:
        super().__init__("; ".join(missing))
        self.missing = list(missing)


class _Ctx:
    """What section builders share: inputs, the current section's blocks, assumptions."""

    def __init__(
        self, subject: _Subject, lang: str, seed: int, n_draws: int, n_threads: int
    ) -> None:
        self.subject = subject
        self.lang = lang
        self.seed = seed
        self.n_draws = n_draws
        self.n_threads = n_threads
        self.assumptions: list[Assumption] = []
        self.tables: dict[str, _Table] = {}
        self.cache: dict[str, Any] = {}
        self.section = ""
        self.parts: list[str] = []
        self.citations: set[int] = set()
        self.figures: list[tuple[Any, str]] = []  # of the section being built
        self.section_tables: list[tuple[str, _Table]] = []  # (requested name, table)

    # -- text
    def t(self, key: str, **fields: Any) -> str:
        return L.label(key, self.lang, **fields)

    def q(self, value: Any, unit: str, decimals: int | None = None) -> str:
        return L.quantity(value, unit, self.lang, decimals)

    def conf(self, level: Any) -> str:
        return L.confidence_label(level, self.lang)

    def name(self, row: Any) -> str:
        """The Korean or English name of an indicator row (the other when one is missing)."""
        ko = row.get("name_ko")
        en = row.get("name_en")
        first, second = (ko, en) if self.lang == "ko" else (en, ko)
        return str(first or second or row.get("indicator", ""))

    def text(self, value: Mapping[str, str] | None, fallback: str = "") -> str:
        value = value or {}
        return str(
            value.get(self.lang) or value.get("en" if self.lang == "ko" else "ko") or fallback
        )

    # -- blocks
    def h3(self, text: str) -> None:
        self.parts.append(f"<h3>{html.escape(text)}</h3>")

    def p(self, text: str) -> None:
        self.parts.append(_para(text))

    def box(self, text: str, kind: str = "note") -> None:
        self.parts.append(_box(text, kind))

    def gap(self, text: str) -> None:
        self.parts.append(_box(text, "gap"))

    def cards(self, cards: Sequence[_Card]) -> None:
        if cards:
            self.parts.append(_cards_html(cards, self.lang))

    def figure(self, ax: Any, caption: str = "") -> None:
        """Add a figure; it is drawn with the others when every section is built."""
        self.parts.append(self.figure_token(ax, caption))

    def figure_token(self, ax: Any, caption: str = "") -> str:
        """Register a figure; returns the placeholder its HTML replaces on the page."""
        self.figures.append((ax.figure, caption))
        return f"\x00figure{len(self.figures) - 1}\x00"

    def table(
        self,
        name: str,
        title: str,
        frame: pd.DataFrame,
        *,
        formats: Mapping[str, Callable[[Any], str]] | None = None,
        raw: Sequence[str] = (),
        html_frame: pd.DataFrame | None = None,
        show: bool = True,
        cite: Sequence[str] = (),
    ) -> None:
        """Add a table.

        Columns in ``cite`` hold citations (publishers, titles) and are shown as such (class
        ``src``). Its final name (``name``, or ``name_2``... when the report already has one)
        is given when the section joins the report.
        """
        if cite:
            html_frame = (html_frame if html_frame is not None else frame).copy()
            for col in cite:
                html_frame[col] = [
                    f'<span class="src">{html.escape(str(v))}</span>' if v else "–"
                    for v in html_frame[col]
                ]
            raw = tuple(raw) + tuple(cite)
        token = f"\x00table{len(self.section_tables)}\x00"
        table = _Table(
            token,
            title,
            frame.reset_index(drop=True),
            dict(formats or {}),
            tuple(raw),
            html_frame.reset_index(drop=True) if html_frame is not None else None,
        )
        self.section_tables.append((name, table))
        if show:
            self.parts.append(_table_html(table))

    def raw_html(self, text: str) -> None:
        self.parts.append(text)

    # -- the appendix
    def assume(
        self,
        name: str,
        value: str,
        basis: str,
        source: str,
        confidence: str = "",
        *,
        cite: bool = False,
    ) -> None:
        """Record an assumption for the appendix.

        ``cite``: ``source`` is a publisher and date (a citation), not an explanation.
        """
        self.assumptions.append(Assumption(name, value, basis, source, self.section, confidence))
        if cite:
            self.citations.add(len(self.assumptions) - 1)

    def cached(self, key: str, make: Callable[[], Any]) -> Any:
        if key not in self.cache:
            self.cache[key] = make()
        return self.cache[key]


# ----------------------------------------------------------------------- the subject
@dataclass
class _Subject:
    """What the report covers."""

    document: Any
    mode: str  # "program" (one program, maybe with support programs) or "overview"
    main: Any  # the program reported (None in an overview)
    support: list[Any]  # other programs of the document with a cost-sharing component
    title: dict[str, str]  # {"ko": ..., "en": ...}

    @property
    def programs(self) -> list[Any]:
        return ([self.main] if self.main is not None else []) + list(self.support)


def _load_document(source: Any) -> Any:
    from .program import Document, Program, load

    if isinstance(source, (Document, Program)):
        return source
    if isinstance(source, os.PathLike):
        return load(Path(source))
    if isinstance(source, str):
        if source.endswith(".json") and not os.path.isfile(source):
            raise NotFoundError(f"no program file at '{source}'")
        return load(source)
    raise InvalidInputError(
        "build_report: program_or_document must be a dataset name, a path, a Document or a "
        f"Program, got {type(source).__name__}"
    )


def _resolve_subject(source: Any, program: str | None) -> _Subject:
    from .program import Document, Program

    loaded = _load_document(source)
    if isinstance(loaded, Program):
        if program is not None and program != loaded.id:
            raise InvalidInputError(
                f"build_report: program={program!r} but the Program given is {loaded.id!r}"
            )
        main = loaded
        return _Subject(loaded.document, "program", main, [], _program_title(main))
    document: Document = loaded
    programs = list(document.programs)
    if not programs:
        raise InvalidInputError("build_report: the document holds no program")
    if program is not None:
        if program not in document:
            known = ", ".join(p.id for p in programs)
            raise NotFoundError(
                f"build_report: no program {program!r} in the document (programs: {known})"
            )
        main = document.program(program)
        return _Subject(document, "program", main, [], _program_title(main))
    zones = [p for p in programs if p.kind == "gangso-zone"]
    with_phases = [p for p in programs if len(p.phases)]
    candidates = zones or with_phases
    if len(candidates) > 1:
        return _Subject(document, "overview", None, [], _document_title(document, overview=True))
    main = candidates[0] if candidates else programs[0]
    support = [p for p in programs if p.id != main.id and _cost_sharing_figures(p) is not None]
    if not support:
        return _Subject(document, "program", main, [], _program_title(main))
    return _Subject(document, "program", main, support, _document_title(document, overview=False))


def _program_title(program: Any) -> dict[str, str]:
    ko = program.name_ko or program.name_en or program.id
    en = program.name_en or program.name_ko or program.id
    return {
        "ko": L.label("report.title", "ko", name=ko),
        "en": L.label("report.title", "en", name=en),
    }


def _document_title(document: Any, overview: bool) -> dict[str, str]:
    title = document.title
    ko = title.get("ko") or title.get("en") or document.id
    en = title.get("en") or title.get("ko") or document.id
    key = "report.title_overview" if overview else "report.title"
    return {"ko": L.label(key, "ko", name=ko), "en": L.label(key, "en", name=en)}


def _cost_sharing_figures(program: Any) -> tuple[float, float] | None:
    """(support value, company contribution) per participant in KRW, if the program has them."""
    obs = _observations(program)
    values = {}
    for ind in ("support-value", "company-contribution"):
        rows = _latest(obs[(obs["indicator"] == ind) & (obs["role"] == "actual")])
        if rows.empty:
            return None
        factor = {"원": 1.0, "만원": 1e4, "백만원": 1e6, "억원": 1e8, "조원": 1e12}.get(
            str(rows["unit"].iloc[-1]), 1.0
        )
        values[ind] = float(rows["value"].iloc[-1]) * factor
    return values["support-value"], values["company-contribution"]


def _observations(program: Any) -> pd.DataFrame:
    """``program.observations`` without superseded rows, built once per document.

    The document keeps its tables; this frame is shared, so callers must not modify it.
    """
    document = program.document
    return document._table(  # type: ignore[no-any-return]
        "report:current",
        program.id,
        lambda: _current(document._observations(program.id)),
    )


def _current(obs: pd.DataFrame) -> pd.DataFrame:
    """Observations without the superseded ones.

    The program's observation rule: where two cover the same indicator, period and role, the
    later date wins.
    """
    if "superseded" in obs.columns:
        table: pd.DataFrame = obs[~obs["superseded"].astype(bool)]
        return table
    return obs


def _latest(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows in the order of their source date (a later publication last).

    Where two observations cover the same indicator and period, the latest ``date``
    wins; rows without a date keep their file order before dated ones of the same period.
    """
    if "date" not in rows.columns or rows.empty:
        return rows
    order = rows.assign(_d=rows["date"].fillna("").astype(str), _i=range(len(rows)))
    table: pd.DataFrame = order.sort_values(["_d", "_i"], kind="stable").drop(columns=["_d", "_i"])
    return table


# ----------------------------------------------------------------------- public entry
def build_report(
    program_or_document: Any = "gimhae",
    *,
    program: str | None = None,
    lang: str | None = None,
    seed: int | None = None,
    n_draws: int = 20_000,
    n_threads: int | None = None,
    progress: ProgressLike = False,
) -> Report:
    """Compute every section of the report of a program (or of a document).

    Parameters
    ----------
    program_or_document : str, path, Document or Program
        The name of an embedded dataset (``"gimhae"``, ``"gangso-zones"``), the path of a
        program JSON file, or an already loaded document or program.
    program : str, optional
        The id of the program of the document to report. Without it, a document with one
        zone (or one program with phases) is reported as that program, together with the
        document's programs that have a cost-sharing component; a document with several
        zones gets an overview comparing them.
    lang : {"ko", "en"} or None
        Language of every heading, label and sentence; None means
        :data:`innozone.options.lang`.
    seed : int or None
        Seed of every random draw (Monte Carlo, sensitivity); None means
        :data:`innozone.options.seed`. The same seed gives the same report whatever the
        thread count.
    n_draws : int
        Monte Carlo draws of the projection (>= 1000 for stable 5 % / 95 % bands).
    n_threads : int or None
        Threads for the compiled loops; None means :data:`innozone.options.n_threads`
        (0: one per core).
    progress : bool or callable
        True shows a tqdm bar over the sections; a callable receives ``(done, total)``
        after each section and may return False to stop.

    Returns
    -------
    Report

    Raises
    ------
    innozone.InvalidInputError
        Bad ``lang``, ``n_draws``, ``seed`` or ``n_threads``.
    innozone.NotFoundError
        ``program_or_document`` names no embedded dataset and no file, or ``program`` is
        not in the document.
    """
    lang = resolve_lang(lang)
    seed = resolve_seed(seed)
    threads = resolve_threads(n_threads)
    draws = check_count(n_draws, "n_draws", minimum=1000)
    if program is not None and not isinstance(program, str):
        raise InvalidInputError(f"program must be a program id (str), got {program!r}")
    subject = _resolve_subject(program_or_document, program)
    ctx = _Ctx(subject, lang, seed, draws, threads)
    try:
        plan = _section_plan(subject)
        steps = len(plan) + 1  # the sections, then the page
        with progress_callback(progress, "innozone report") as callback, P.headless():
            built = _build_all(ctx, plan, callback, steps)
            if callback is not None:
                callback(steps, steps)
    finally:
        _TOTALS_MEMO.clear()
        _CALIBRATIONS.clear()
    from . import __version__

    title = subject.title[lang]
    meta = {
        "version": __version__,
        "date": _dt.date.today().isoformat(),
        "seed": seed,
        "n_draws": draws,
        "programs": [p.id for p in subject.programs],
        "mode": subject.mode,
    }
    report = Report(title, lang, built, ctx.assumptions, ctx.tables, meta=meta)
    report.html = _page(report, ctx)
    return report


def write_report(
    program_or_document: Any,
    path: str | os.PathLike[str],
    *,
    program: str | None = None,
    lang: str | None = None,
    seed: int | None = None,
    n_draws: int = 20_000,
    n_threads: int | None = None,
    progress: ProgressLike = False,
    excel: str | os.PathLike[str] | None = None,
) -> Path:
    """Build the report (see :func:`build_report`) and write it to ``path``.

    Parameters
    ----------
    excel : path, optional
        Also write every table to this workbook (:meth:`Report.to_excel`).

    Returns
    -------
    pathlib.Path
        The HTML file written.
    """
    _check_output(path, ".html")
    if excel is not None:
        _check_output(excel, ".xlsx")
    report = build_report(
        program_or_document,
        program=program,
        lang=lang,
        seed=seed,
        n_draws=n_draws,
        n_threads=n_threads,
        progress=progress,
    )
    written = report.save(path)
    if excel is not None:
        report.to_excel(excel)
    return written


def _page(report: Report, ctx: _Ctx) -> str:
    nav = "".join(f'<a href="#{s.id}">{html.escape(s.heading)}</a>' for s in report.sections)
    body = "".join(
        f'<section id="{s.id}"><h2>{html.escape(s.heading)}</h2>{s.html}</section>'
        for s in report.sections
    )
    meta = report.meta
    subtitle = ctx.t(
        "report.subtitle",
        version=meta["version"],
        date=meta["date"],
        seed=meta["seed"],
        draws=L.number(meta["n_draws"]),
    )
    skeleton = (
        "<!DOCTYPE html>\n"
        f'<html lang="{report.lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(report.title)}</title>"
        "<style>{FONT}{CSS}</style></head><body>"
        f"<header><h1>{html.escape(report.title)}</h1><p>{html.escape(subtitle)}</p></header>"
        f"<nav>{nav}</nav><main>{body}</main>"
        f"<footer>{html.escape(ctx.t('report.footer'))}</footer></body></html>\n"
    )
    font_css = embedded_font_css(_visible_text(skeleton))
    return skeleton.replace("{FONT}", font_css, 1).replace("{CSS}", _CSS, 1)


def _visible_text(page: str) -> str:
    """Every character of the page outside base64 data (enough to subset the font)."""
    return re.sub(r"base64,[A-Za-z0-9+/=]+", "", html.unescape(page))


# ----------------------------------------------------------------------- section plan
_Build = Callable[[_Ctx], None]
_Plan = list[tuple[str, str, Callable[[_Ctx], dict[str, Any]], _Build]]


def _no_fields(ctx: _Ctx) -> dict[str, Any]:
    return {}


def _section_plan(subject: _Subject) -> _Plan:
    """The sections this subject's data support, in page order."""
    if subject.mode == "overview":
        return [
            ("summary", "report.sec.overview", _no_fields, _sec_overview),
            ("zones", "report.sec.zones", _no_fields, _sec_zones),
            ("efficiency", "report.sec.efficiency", _no_fields, _sec_efficiency),
            ("appendix", "report.sec.appendix", _no_fields, _sec_appendix),
        ]
    main = subject.main
    plan: _Plan = [("summary", "report.sec.summary", _no_fields, _sec_summary)]
    completed = _completed_phase(main)
    if completed is not None and _has_results(main, completed):
        plan.append(("results", "report.sec.results", _phase_fields(completed), _sec_results))
    planned = _planned_phase(main)
    if planned is not None:
        plan.append(("plan", "report.sec.plan", _phase_fields(planned), _sec_plan))
    fields = _phase_fields(planned) if planned is not None else _no_phase_fields
    plan.append(("projection", "report.sec.projection", fields, _sec_projection))
    if _calibrates(subject):
        plan += [
            ("targets", "report.sec.targets", fields, _sec_targets),
            ("sensitivity", "report.sec.sensitivity", fields, _sec_sensitivity),
            ("scenarios", "report.sec.scenarios", fields, _sec_scenarios),
        ]
    if planned is not None and _budget_of(main, planned) is not None:
        plan.append(("appraisal", "report.sec.appraisal", fields, _sec_appraisal))
    for prog in subject.programs:
        if _cost_sharing_figures(prog) is not None:
            plan.append(
                (
                    "cost-sharing" if prog is main else f"cost-sharing-{prog.id}",
                    "report.sec.cost_sharing",
                    _program_fields(prog),
                    _cost_sharing_builder(prog),
                )
            )
    if main.kind == "gangso-zone":
        plan.append(("zones", "report.sec.zones", _no_fields, _sec_zones))
        plan.append(("efficiency", "report.sec.efficiency", _no_fields, _sec_efficiency))
    plan.append(("appendix", "report.sec.appendix", _no_fields, _sec_appendix))
    return plan


def _phase_fields(phase_id: str) -> Callable[[_Ctx], dict[str, Any]]:
    def fields(ctx: _Ctx) -> dict[str, Any]:
        return {"phase": _phase_name(ctx, ctx.subject.main, phase_id)}

    return fields


def _no_phase_fields(ctx: _Ctx) -> dict[str, Any]:
    return {"phase": ctx.t("report.next_phase")}


def _program_fields(program: Any) -> Callable[[_Ctx], dict[str, Any]]:
    def fields(ctx: _Ctx) -> dict[str, Any]:
        return {"name": program.name_ko if ctx.lang == "ko" else program.name_en}

    return fields


def _completed_phase(program: Any) -> str | None:
    phases = program.phases
    done = phases[phases["status"] == "completed"]["phase"].tolist()
    return str(done[-1]) if done else None


def _planned_phase(program: Any) -> str | None:
    phases = program.phases
    ahead = phases[phases["status"].isin(["planned", "running"])]["phase"].tolist()
    return str(ahead[0]) if ahead else None


def _phase_row(program: Any, phase_id: str) -> Any:
    return program.phases.set_index("phase").loc[phase_id]


def _phase_window(program: Any, phase_id: str) -> tuple[int, int]:
    row = _phase_row(program, phase_id)
    return int(row["start_year"]), int(row["end_year"])


def _phase_name(ctx: _Ctx, program: Any, phase_id: str) -> str:
    row = _phase_row(program, phase_id)
    first, second = ("name_ko", "name_en") if ctx.lang == "ko" else ("name_en", "name_ko")
    name = row[first] if isinstance(row[first], str) and row[first] else None
    if name is None or (ctx.lang == "en" and _has_hangul(name)):
        name = ctx.t("report.phase_id", phase=phase_id)
    if ctx.lang == "ko" and not _has_hangul(name) and isinstance(row[second], str):
        name = ctx.t("report.phase_id", phase=phase_id)
    return f"{name} ({int(row['start_year'])}-{int(row['end_year'])})"


def _has_hangul(text: str) -> bool:
    return any("\uac00" <= ch <= "\ud7a3" for ch in str(text))


def _has_results(program: Any, phase_id: str) -> bool:
    return not _phase_totals(program, phase_id).empty


_TOTALS_MEMO: dict[tuple[int, str, str], tuple[Any, pd.DataFrame]] = {}


def _phase_totals(program: Any, phase_id: str, role: str = "actual") -> pd.DataFrame:
    """Per indicator of a phase: the observation that reaches furthest into the phase.

    Furthest means the latest end, then the widest window; superseded figures are left out;
    of equals, the latest date, then the last in the file. Its period is shown with it (a
    figure may start before the phase, e.g. at designation).
    """
    key = (id(program), phase_id, role)
    hit = _TOTALS_MEMO.get(key)
    if hit is not None and hit[0] is program:
        return hit[1]
    start, end = _phase_window(program, phase_id)
    rows = _observations(program)
    rows = rows[(rows["phase"] == phase_id) & (rows["role"] == role)].copy()
    rows["_start"] = rows["year"].fillna(rows["window_start"]).astype("Int64")
    rows["_end"] = rows["year"].fillna(rows["window_end"]).astype("Int64")
    rows = rows[(rows["_end"] >= start) & (rows["_start"] <= end) & (rows["_end"] <= end)]
    rows = rows.assign(
        _start=rows["_start"].astype(int),
        _end=rows["_end"].astype(int),
        _span=(rows["_end"] - rows["_start"]).astype(int),
        _d=rows["date"].fillna("").astype(str) if "date" in rows.columns else "",
        _i=range(len(rows)),
    )
    best = rows.sort_values(["_end", "_span", "_d", "_i"], kind="stable").drop_duplicates(
        "indicator", keep="last"
    )
    order = {ind: i for i, ind in enumerate(program.indicators["indicator"])}
    best = best.assign(_o=best["indicator"].map(order)).sort_values("_o", kind="stable")
    out: pd.DataFrame = best.drop(columns=["_o", "_span", "_d", "_i"]).set_index("indicator")
    _TOTALS_MEMO[key] = (program, out)
    return out


def _source_label(ctx: _Ctx, source_id: Any) -> str:
    if (
        source_id is None
        or (isinstance(source_id, float) and math.isnan(source_id))
        or not source_id
    ):
        return ""
    sources = ctx.cached("sources", lambda: ctx.subject.document.sources.set_index("source"))
    if source_id not in sources.index:
        return str(source_id)
    row = sources.loc[source_id]
    return " · ".join(str(v) for v in (row["publisher"], row["date"]) if v)


def _source_link(ctx: _Ctx, source_id: Any) -> str:
    text = _source_label(ctx, source_id)
    if not text:
        return "–"
    sources = ctx.cached("sources", lambda: ctx.subject.document.sources.set_index("source"))
    url = sources.loc[source_id]["url"] if source_id in sources.index else None
    if isinstance(url, str) and url:
        return f'<a class="src" href="{html.escape(url)}">{html.escape(text)}</a>'
    return f'<span class="src">{html.escape(text)}</span>'


def _program_dict(ctx: _Ctx, program: Any) -> dict[str, Any]:
    """The program as a dict of the program format (once per report)."""
    return dict(ctx.cached(f"dict:{program.id}", program.to_dict))


def _budget_total_confidence(ctx: _Ctx, program: Any, phase_id: str) -> str:
    """Confidence of a phase's budget total as the file states it (low for a range)."""
    for phase in _program_dict(ctx, program).get("phases", []):
        if phase.get("id") != phase_id:
            continue
        budget = phase.get("budget") or {}
        if "total" in budget:
            return str(budget["total"].get("confidence") or "")
        if "total_range" in budget:
            return str(budget["total_range"].get("confidence") or "low")
    return ""


def _budget_of(program: Any, phase_id: str) -> Any | None:
    """The phase's yearly budget schedule in 억원 (None without a total or range)."""
    from . import budget as B

    try:
        return B.phase_schedule(program, phase_id, "uniform")
    except (NotFoundError, InvalidInputError):
        return None


# ----------------------------------------------------------------------- calibration
@dataclass
class _TargetRow:
    """A target observation of the file, matched to a model output."""

    indicator: str  # the file's indicator id
    name: str  # its display name (in the report's language)
    output: str  # the model output it is compared with
    year: int
    value: float
    unit: str
    direction: str
    source: Any
    confidence: str
    target: Any  # the outcomes.Target given to the engine


@dataclass
class _Calibration:
    """The program's zone model calibrated from its own data (innozone.zone_model).

    The file's targets are matched to model outputs.
    """

    zone: Any  # ZoneCalibration
    program: Any
    phase: str
    targets: list[_TargetRow]

    @property
    def model(self) -> Any:
        return self.zone.model

    @property
    def params(self) -> Any:
        return self.zone.parameters

    @property
    def years(self) -> list[int]:
        return list(self.zone.years)

    @property
    def budget(self) -> list[float]:
        return [float(v) for v in self.zone.budget.to_numpy(dtype=float)]


def _calibrates(subject: _Subject) -> bool:
    try:
        _calibrate_program(subject.main)
    except _NotCalibrated:
        return False
    return True


_CALIBRATIONS: dict[int, tuple[Any, _Calibration | _NotCalibrated]] = {}


def _calibrate_program(program: Any) -> _Calibration:
    """Calibrate the zone model from the program's data (memoised per program object)."""
    key = id(program)
    hit = _CALIBRATIONS.get(key)
    if hit is not None and hit[0] is program:
        result = hit[1]
    else:
        try:
            result = _calibrate_uncached(program)
        except _NotCalibrated as exc:
            result = exc
        _CALIBRATIONS.clear()
        _CALIBRATIONS[key] = (program, result)
    if isinstance(result, _NotCalibrated):
        raise result
    return result


_TARGET_LABEL = re.compile(r"^target of the program file: (\S+) \((.*), (\w+) confidence\)$")


def _calibrate_uncached(program: Any) -> _Calibration:
    from .zonemodel import CalibrationError, zone_model

    planned = _planned_phase(program)
    if planned is None:
        raise _NotCalibrated(["report.missing.planned_phase"])
    try:
        zone = zone_model(program, planned)
    except CalibrationError as exc:
        raise _NotCalibrated(exc.missing) from None
    except (InvalidInputError, NotFoundError) as exc:
        raise _NotCalibrated([str(exc.args[0] if exc.args else exc)]) from None
    indicators = program.indicators
    rows = []
    for t in zone.targets:
        match = _TARGET_LABEL.match(str(t.label))
        indicator, source, confidence = match.groups() if match else (t.indicator, "", "")
        hit = indicators[(indicators["phase"] == planned) & (indicators["indicator"] == indicator)]
        names = hit.iloc[0] if not hit.empty else None
        unit = str(names["unit"]) if names is not None else ""
        if t.indicator in ("cum_investment", "cum_revenue", "investment", "revenue"):
            unit = "억원"  # the model counts money in 억원
        rows.append(
            _TargetRow(
                indicator=indicator,
                name=str(names["name_en"]) if names is not None else indicator,
                output=t.indicator,
                year=int(t.year),
                value=float(t.value),
                unit=unit,
                direction=t.direction,
                source=source or None,
                confidence=confidence if confidence in _CONFIDENCES else "",
                target=t,
            )
        )
    return _Calibration(zone, program, planned, rows)


def _target_name(ctx: _Ctx, t: _TargetRow) -> str:
    indicators = ctx.subject.main.indicators
    hit = indicators[indicators["indicator"] == t.indicator]
    if hit.empty:
        return L.label_or(f"model.{t.output}", t.output, ctx.lang)
    return ctx.name(hit.iloc[0])


def _projection(ctx: _Ctx) -> Any:
    from .zonemodel import project

    cal = _calibrate_program(ctx.subject.main)
    return ctx.cached(
        "projection",
        lambda: project(
            cal.program,
            cal.phase,
            n_draws=ctx.n_draws,
            seed=ctx.seed,
            targets=[t.target for t in cal.targets],
            n_threads=ctx.n_threads,
            calibration=cal.zone,
        ),
    )


def _appraisal(ctx: _Ctx) -> Any | None:
    """The phase's appraisal (innozone.appraise_phase) at the assumed attribution share."""
    from .appraisal import appraise_phase

    try:
        cal = _calibrate_program(ctx.subject.main)
    except _NotCalibrated:
        return None
    return ctx.cached(
        "appraisal",
        lambda: appraise_phase(
            cal.program,
            cal.phase,
            attribution=_ATTRIBUTION,
            n_draws=ctx.n_draws,
            seed=ctx.seed,
            n_threads=ctx.n_threads,
            calibration=cal.zone,
        ),
    )


# ----------------------------------------------------------------------- sections
def _float(value: Any) -> float:
    """A table cell as a float (pandas types its cells loosely)."""
    return float(value)


def _period(start: Any, end: Any) -> str:
    """``2021`` for one year, ``2020-2024`` for a window."""
    a, b = int(start), int(end)
    return str(a) if a == b else f"{a}-{b}"


def _pct(value: Any, decimals: int = 0) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{100 * float(value):.{decimals}f} %"


def _sec_summary(ctx: _Ctx) -> None:
    subject = ctx.subject
    zone = subject.main
    facts = []
    field_text = ctx.text(zone.field)
    if field_text:
        facts.append(ctx.t("report.fact.field", field=field_text))
    if zone.designation_year:
        facts.append(ctx.t("report.fact.designated", year=zone.designation_year))
    institutions = [ctx.text(i) for i in zone.core_institutions]
    if institutions:
        facts.append(ctx.t("report.fact.institutions", names=", ".join(institutions)))
    name = zone.name_ko if ctx.lang == "ko" else zone.name_en
    line = f"{name} ({'; '.join(facts)})" if facts else name
    if ctx.lang == "en" and zone.description:
        line += f". {zone.description}"
    ctx.p(line)
    if subject.support:
        names = ", ".join(p.name_ko if ctx.lang == "ko" else p.name_en for p in subject.support)
        ctx.p(ctx.t("report.covers_support", names=names))
    cards: list[_Card] = []
    completed = _completed_phase(zone)
    if completed is not None:
        totals = _phase_totals(zone, completed)
        for _, row in totals.head(6).iterrows():
            cards.append(
                _Card(
                    ctx.name(row),
                    ctx.q(row["value"], str(row["unit"])),
                    ctx.t("report.card.years", start=int(row["_start"]), end=int(row["_end"])),
                    str(row["confidence"]),
                    _source_label(ctx, row["source"]),
                )
            )
    planned = _planned_phase(zone)
    schedule = _budget_of(zone, planned) if planned is not None else None
    if planned is not None and schedule is not None:
        start, end = _phase_window(zone, planned)
        summary = zone.budget_summary(planned)
        national = summary.get("national_krw")
        total = summary.get("total_krw")
        note = ctx.t("report.card.years", start=start, end=end)
        if national and total:
            note += " · " + ctx.t(
                "report.card.national_share", share=_pct(float(national) / float(total))
            )
        cards.append(
            _Card(
                ctx.t("report.card.budget", phase=_phase_name(ctx, zone, planned)),
                ctx.q(schedule.total, "억원"),
                note,
                _budget_total_confidence(ctx, zone, planned) or "",
            )
        )
    try:
        cal = _calibrate_program(zone)
    except _NotCalibrated:
        cal = None
    if cal is not None and cal.targets:
        proj = _projection(ctx)
        for t in cal.targets:
            p_hit = float(proj.probability(t.target))
            cards.append(
                _Card(
                    ctx.t("report.card.p_target", name=_target_name(ctx, t)),
                    _pct(p_hit),
                    ctx.t("report.card.target", value=ctx.q(t.value, t.unit), year=t.year),
                    t.confidence,
                    _source_label(ctx, t.source),
                )
            )
    appraisal = _appraisal(ctx) if cal is not None and planned is not None else None
    if appraisal is not None:
        bc = appraisal.by_attribution(_SHARES)
        low, high = float(bc["bc_median"].min()), float(bc["bc_median"].max())
        cards.append(
            _Card(
                ctx.t("report.card.bc", phase=_phase_name(ctx, zone, str(planned))),
                f"{low:.2f}–{high:.2f}",
                ctx.t("report.card.bc_note", low=_pct(min(_SHARES)), high=_pct(max(_SHARES))),
                "low",
            )
        )
    ctx.cards(cards)
    headline = pd.DataFrame(
        [
            {
                ctx.t("report.col.figure"): c.label,
                ctx.t("report.col.value"): c.value,
                ctx.t("report.col.note"): c.note,
                ctx.t("report.col.confidence"): ctx.conf(c.confidence),
            }
            for c in cards
        ],
        columns=[
            ctx.t("report.col.figure"),
            ctx.t("report.col.value"),
            ctx.t("report.col.note"),
            ctx.t("report.col.confidence"),
        ],
    )
    ctx.table("headline", ctx.t("report.tbl.headline"), headline, show=False)
    findings = zone.check()
    errors = int((findings["severity"] == "error").sum())
    ctx.box(ctx.t("report.summary_note", findings=len(findings), errors=errors))


def _as_target(t: _TargetRow) -> Any:
    return t.target


def _sec_results(ctx: _Ctx) -> None:
    zone = ctx.subject.main
    phase_id = _completed_phase(zone)
    assert phase_id is not None
    start, end = _phase_window(zone, phase_id)
    totals = _phase_totals(zone, phase_id)
    lang = ctx.lang
    # Results with provenance
    frame = pd.DataFrame(
        {
            ctx.t("report.col.indicator"): [ctx.name(r) for _, r in totals.iterrows()],
            ctx.t("report.col.value"): totals["value"].astype(float).tolist(),
            ctx.t("report.col.unit"): [L.unit_label(u, lang) for u in totals["unit"]],
            ctx.t("report.col.period"): [
                _period(a, b) for a, b in zip(totals["_start"], totals["_end"])
            ],
            ctx.t("report.col.date"): [
                str(d) if isinstance(d, str) and d else "–"
                for d in (totals["date"] if "date" in totals.columns else [None] * len(totals))
            ],
            ctx.t("report.col.confidence"): [ctx.conf(c) for c in totals["confidence"]],
            ctx.t("report.col.source"): [_source_label(ctx, s) for s in totals["source"]],
        }
    )
    shown = frame.copy()
    shown[ctx.t("report.col.source")] = [_source_link(ctx, s) for s in totals["source"]]
    ctx.h3(ctx.t("report.h.results"))
    ctx.table(
        "results",
        ctx.t("report.tbl.results", start=start, end=end),
        frame,
        raw=[ctx.t("report.col.source")],
        html_frame=shown,
    )
    for _, row in totals.iterrows():
        if row["confidence"] == "low":
            ctx.assume(
                ctx.name(row),
                ctx.q(row["value"], str(row["unit"])),
                "sourced",
                _source_label(ctx, row["source"]) or ctx.t("report.no_source"),
                "low",
                cite=bool(_source_label(ctx, row["source"])),
            )
    # Plan against actual, where the file has targets for the completed phase
    _achievement(ctx, zone, phase_id)
    # Consistency findings
    findings = zone.check()
    ctx.h3(ctx.t("report.h.findings"))
    if findings.empty:
        ctx.p(ctx.t("report.findings_none"))
    else:
        names = _indicator_names(ctx, zone)
        table = pd.DataFrame(
            {
                ctx.t("report.col.severity"): [
                    L.label_or(f"severity.{s}", s, lang) for s in findings["severity"]
                ],
                ctx.t("report.col.indicator"): [
                    names.get(i, i) if i else "–" for i in findings["indicator"]
                ],
                ctx.t("report.col.years"): [
                    "-".join(str(y) for y in ys) for ys in findings["years"]
                ],
                ctx.t("report.col.stated"): findings["stated"].astype(float).tolist(),
                ctx.t("report.col.computed"): findings["computed"].astype(float).round(2).tolist(),
                ctx.t("report.col.finding"): [
                    L.finding_text(r, lang, names.get(r["indicator"]) if r["indicator"] else None)
                    for _, r in findings.iterrows()
                ],
            }
        )
        shown = table.copy()
        for col in (ctx.t("report.col.stated"), ctx.t("report.col.computed")):
            shown[col] = [
                str(int(v)) if u == "years" and pd.notna(v) else L.number(v)
                for v, u in zip(table[col], findings["unit"])
            ]
        ctx.table("findings", ctx.t("report.tbl.findings"), table, html_frame=shown)
        ctx.box(ctx.t("report.findings_kept"), "warn")
    # Growth of a program-level stock series
    _growth_figure(ctx, zone, start)
    # Funnel from transfers to companies
    ids = totals.index.tolist()
    funnel: dict[str, float] = {}
    if "tech-transfer-equity" in ids:
        funnel[ctx.name(totals.loc["tech-transfer-equity"])] = _float(
            totals.loc["tech-transfer-equity", "value"]
        )
    companies = [
        i for i in ("research-institute-companies", "tech-startups", "startups") if i in ids
    ]
    if funnel and companies:
        funnel[ctx.t("report.new_companies")] = float(
            totals.loc[companies, "value"].astype(float).sum()
        )
        ax = P.funnel_chart(
            pd.Series(funnel),
            lang=lang,
            title=ctx.t("report.fig.funnel_title", start=start, end=end),
        )
        ctx.figure(ax, ctx.t("report.fig.funnel"))
    # Cost-effectiveness with the budget range
    _cost_effectiveness(ctx, zone, phase_id, totals)


def _indicator_names(ctx: _Ctx, program: Any) -> dict[str, str]:
    return {str(r["indicator"]): ctx.name(r) for _, r in program.indicators.iterrows()}


def _achievement(ctx: _Ctx, zone: Any, phase_id: str) -> None:
    """Targets of the completed phase against its results, and budget execution.

    From innozone.plan_vs_actual (the windows matched), where the file has them.
    """
    from .program import plan_vs_actual

    result = plan_vs_actual(zone, phase_id, lang=ctx.lang)
    targets = result.targets
    if targets.empty and result.budget.empty:
        return
    ctx.h3(ctx.t("report.h.achievement"))
    if not targets.empty:
        frame = pd.DataFrame(
            {
                ctx.t("report.col.indicator"): targets["name"].tolist(),
                ctx.t("report.col.period"): targets["target_period"].tolist(),
                ctx.t("report.col.target"): targets["target"].astype(float).tolist(),
                ctx.t("report.col.actual"): targets["actual"].astype(float).tolist(),
                ctx.t("report.col.actual_period"): [
                    v if isinstance(v, str) and v else "–" for v in targets["actual_period"]
                ],
                ctx.t("report.col.match"): [
                    L.label_or(f"match.{m}", str(m), ctx.lang) for m in targets["match"]
                ],
                ctx.t("report.col.achievement"): targets["achievement"].astype(float).tolist(),
                ctx.t("report.col.unit"): [L.unit_label(str(u), ctx.lang) for u in targets["unit"]],
            }
        )
        ctx.table(
            "achievement",
            ctx.t("report.tbl.achievement"),
            frame,
            formats={ctx.t("report.col.achievement"): lambda v: _pct(v, 0)},
        )
        shown = targets[targets["achievement"].notna()]
        if not shown.empty:
            with P.style():
                ax = P.new_axes(figsize=(7.0, max(2.6, 0.45 * len(shown) + 1.2)))
                y = list(range(len(shown)))[::-1]
                values = 100.0 * shown["achievement"].to_numpy(dtype=float)
                colors = [P.COLORS["secondary"] if v >= 100 else P.COLORS["accent"] for v in values]
                ax.barh(y, values, color=colors, height=0.6)
                for yi, v in zip(y, values):
                    ax.text(v, yi, f" {v:.0f} %", va="center", fontsize=8.5)
                ax.axvline(100.0, color="black", linewidth=1.0, linestyle="--")
                ax.set_yticks(
                    y, [f"{n} ({p})" for n, p in zip(shown["name"], shown["target_period"])]
                )
                ax.set_xlabel(ctx.t("report.fig.achievement_axis"))
                ax.set_title(P.label("achievement", ctx.lang))
                ax.grid(True, axis="x")
                ax.grid(False, axis="y")
                P._finish(ax)
            ctx.figure(ax, ctx.t("report.fig.achievement"))
    if not result.budget.empty:
        b = result.budget
        frame = pd.DataFrame(
            {
                ctx.t("report.col.year"): [int(y) if pd.notna(y) else "–" for y in b["year"]],
                ctx.t("report.col.funding"): [
                    L.label_or(f"source.{f}", str(f), ctx.lang) for f in b["funding_source"]
                ],
                ctx.t("report.col.plan_eok"): b["plan"].astype(float).tolist(),
                ctx.t("report.col.actual_eok"): b["actual"].astype(float).tolist(),
                ctx.t("report.col.execution"): b["execution"].astype(float).tolist(),
            }
        )
        ctx.table(
            "budget_execution",
            ctx.t("report.tbl.budget_execution"),
            frame,
            formats={ctx.t("report.col.execution"): lambda v: _pct(v, 0)},
        )


def _growth_figure(ctx: _Ctx, zone: Any, phase_start: int) -> None:
    obs = _observations(zone)
    stocks = obs[
        (obs["phase"].isna())
        & (obs["kind"] == "stock")
        & (obs["role"] == "actual")
        & obs["year"].notna()
    ]
    series_ids = [i for i, g in stocks.groupby("indicator", sort=False) if g["year"].nunique() >= 3]
    if not series_ids:
        return
    ind = series_ids[0]
    g = (
        _latest(stocks[stocks["indicator"] == ind])
        .drop_duplicates("year", keep="last")
        .sort_values("year")
    )
    years = g["year"].astype(int).to_numpy()
    values = g["value"].to_numpy(dtype=float)
    growth = zone.growth(ind, int(years[0]), int(years[-1]))
    caption = ctx.t(
        "report.fig.cagr",
        start=int(years[0]),
        end=int(years[-1]),
        cagr=f"{growth.cagr_percent:.1f}",
    )
    if phase_start in years and phase_start != years[0]:
        g2 = zone.growth(ind, phase_start, int(years[-1]))
        caption += ctx.t(
            "report.fig.cagr_phase",
            start=phase_start,
            end=int(years[-1]),
            cagr=f"{g2.cagr_percent:.1f}",
            total=f"{g2.percent:.1f}",
        )
    unit = str(g["unit"].iloc[0])
    with P.style():
        ax = P.new_axes()
        ax.bar(years, values, color=P.COLORS["primary"], width=0.6)
        for year, v in zip(years.tolist(), values.tolist()):
            ax.text(year, v, L.number(v), ha="center", va="bottom", fontsize=8.5)
        for gap in sorted(set(range(int(years[0]), int(years[-1]) + 1)) - set(years.tolist())):
            ax.text(
                gap,
                0,
                P.label("no_data", ctx.lang),
                ha="center",
                va="bottom",
                fontsize=8,
                color=P.COLORS["neutral"],
                rotation=90,
            )
        ax.set_xlabel(P.label("year", ctx.lang))
        ax.set_ylabel(L.unit_label(unit, ctx.lang))
        ax.set_title(ctx.name(g.iloc[0]))
        P._finish(ax)
    ctx.figure(ax, caption)
    table = pd.DataFrame(
        {
            ctx.t("report.col.year"): years.tolist(),
            ctx.t("report.col.value"): values.tolist(),
            ctx.t("report.col.unit"): [L.unit_label(unit, ctx.lang)] * len(years),
        }
    )
    ctx.table("growth", ctx.name(g.iloc[0]), table, show=False)


def _cost_effectiveness(ctx: _Ctx, zone: Any, phase_id: str, totals: pd.DataFrame) -> None:
    from . import budget as B

    ctx.h3(ctx.t("report.h.cost_effectiveness"))
    try:
        cost = B.phase_budget_range(zone, phase_id)
    except (NotFoundError, InvalidInputError):
        cost = None
    counts = {
        str(ind): float(r["value"])
        for ind, r in totals.iterrows()
        if r["unit"] in ("firms", "cases", "persons")
    }
    linked = {str(ind): float(r["value"]) for ind, r in totals.iterrows() if r["unit"] == "억원"}
    if cost is None or not counts:
        ctx.gap(ctx.t("report.gap.cost_effectiveness"))
        return
    ce = B.cost_effectiveness(cost, counts, linked=linked, label=f"{zone.id} {phase_id}")
    exact = cost.low == cost.high
    ctx.assume(
        ctx.t("report.a.phase_budget", phase=_phase_name(ctx, zone, phase_id)),
        f"{ctx.q(cost.low, '억원')} – {ctx.q(cost.high, '억원')}"
        if not exact
        else ctx.q(cost.central, "억원"),
        "sourced" if exact else "derived",
        ctx.t("report.a.phase_budget_range") if not exact else ctx.t("report.a.program_file"),
        _budget_total_confidence(ctx, zone, phase_id) or cost.confidence,
    )
    names = _indicator_names(ctx, zone)
    frame = ce.to_frame()
    rows = []
    for _, r in frame.iterrows():
        ind = names.get(r["indicator"], r["indicator"])
        if r["kind"] == "cost_per_unit":
            measure = ctx.t("report.ce.cost_per_unit", name=ind)
        else:
            measure = ctx.t("report.ce.per_public_won", name=ind)
        rows.append(
            {
                ctx.t("report.col.measure"): measure,
                ctx.t("report.col.central"): float(r["central"]),
                ctx.t("report.col.low"): float(r["low"]),
                ctx.t("report.col.high"): float(r["high"]),
                ctx.t("report.col.confidence"): ctx.conf(r["confidence"]),
            }
        )
    fmt = {
        ctx.t(k): (lambda v: L.number(v, 2))
        for k in ("report.col.central", "report.col.low", "report.col.high")
    }
    ctx.table(
        "cost_effectiveness",
        ctx.t("report.tbl.cost_effectiveness"),
        pd.DataFrame(rows),
        formats=fmt,
    )
    with P.style():
        ax = P.new_axes()
        per_unit = frame[frame["kind"] == "cost_per_unit"]
        labels = [names.get(i, i) for i in per_unit["indicator"]]
        central = per_unit["central"].to_numpy(dtype=float)
        err = [
            central - per_unit["low"].to_numpy(dtype=float),
            per_unit["high"].to_numpy(dtype=float) - central,
        ]
        ax.bar(
            range(len(labels)), central, color=P.COLORS["primary"], yerr=err, capsize=4, width=0.6
        )
        ax.set_xticks(range(len(labels)), labels, rotation=20, ha="right")
        ax.set_ylabel(ctx.t("report.ce.axis"))
        ax.set_title(P.label("cost_per_unit", ctx.lang))
        P._finish(ax)
    ctx.figure(
        ax,
        ctx.t(
            "report.fig.cost_effectiveness",
            low=ctx.q(cost.low, "억원"),
            high=ctx.q(cost.high, "억원"),
        ),
    )


def _sec_plan(ctx: _Ctx) -> None:
    zone = ctx.subject.main
    planned = _planned_phase(zone)
    assert planned is not None
    start, end = _phase_window(zone, planned)
    schedule = _budget_of(zone, planned)
    ctx.h3(ctx.t("report.h.budget_plan"))
    if schedule is None:
        ctx.gap(ctx.t("report.gap.budget"))
    else:
        known = set(schedule.known_years)
        if len(known) < end - start + 1:
            ctx.assume(
                ctx.t("report.a.yearly_split", phase=_phase_name(ctx, zone, planned)),
                ctx.t("report.a.even", value=ctx.q(schedule.total / (end - start + 1), "억원", 1)),
                "assumption",
                ctx.t("report.a.no_schedule"),
            )
        data = (
            schedule.by_source
            if schedule.by_source is not None
            else schedule.by_year.to_frame("total")
        )
        ax = P.stacked_bars(
            data, lang=ctx.lang, title=ctx.t("report.fig.budget_title", start=start, end=end)
        )
        summary = zone.budget_summary(planned)
        national = summary.get("national_krw")
        total = summary.get("total_krw")
        caption = ctx.t("report.fig.budget", total=ctx.q(schedule.total, "억원"))
        if national and total:
            caption += " " + ctx.t(
                "report.fig.budget_national", share=_pct(float(national) / float(total))
            )
        ctx.figure(ax, caption)
        frame = schedule.to_frame().drop(columns=["known"], errors="ignore")
        frame.insert(0, ctx.t("report.col.year"), frame.index.astype(int))
        frame = frame.rename(
            columns={c: P.label(c, ctx.lang) if L.has_label(str(c)) else c for c in frame.columns}
        )
        ctx.table("budget_plan", ctx.t("report.tbl.budget_plan"), frame)
    comps = zone.components
    comps = comps[comps["phase"] == planned]
    if not comps.empty:
        ctx.h3(ctx.t("report.h.components"))
        items = "".join(f"<li>{html.escape(ctx.name(r))}</li>" for _, r in comps.iterrows())
        ctx.raw_html(f"<ul>{items}</ul>")
        ctx.table(
            "components",
            ctx.t("report.h.components"),
            pd.DataFrame(
                {ctx.t("report.col.component"): [ctx.name(r) for _, r in comps.iterrows()]}
            ),
            show=False,
        )
    targets = _phase_totals(zone, planned, role="target")
    ctx.h3(ctx.t("report.h.file_targets"))
    if targets.empty:
        ctx.p(ctx.t("report.no_file_targets"))
    else:
        frame = pd.DataFrame(
            {
                ctx.t("report.col.indicator"): [ctx.name(r) for _, r in targets.iterrows()],
                ctx.t("report.col.period"): [
                    _period(a, b) for a, b in zip(targets["_start"], targets["_end"])
                ],
                ctx.t("report.col.target"): targets["value"].astype(float).tolist(),
                ctx.t("report.col.unit"): [L.unit_label(u, ctx.lang) for u in targets["unit"]],
                ctx.t("report.col.confidence"): [ctx.conf(c) for c in targets["confidence"]],
                ctx.t("report.col.source"): [_source_label(ctx, s) for s in targets["source"]],
            }
        )
        ctx.table(
            "file_targets",
            ctx.t("report.tbl.file_targets"),
            frame,
            cite=[ctx.t("report.col.source")],
        )


_MISSING = [
    (
        re.compile(
            r"^(?P<phase>\S+): no indicator for (?P<what>.+?) \(looked for: (?P<ids>[^;)]+)"
        ),
        "report.missing.no_indicator",
    ),
    (
        re.compile(r"^(?P<phase>\S+): no actual observations of '(?P<ind>[^']+)'"),
        "report.missing.no_actuals",
    ),
    (
        re.compile(
            r"^(?P<phase>\S+): the observations of '(?P<ind>[^']+)' cover none of (?P<years>\S+)"
        ),
        "report.missing.cover_none",
    ),
    (
        re.compile(r"^(?P<phase>\S+): no budget total, range or whole-phase line"),
        "report.missing.no_budget",
    ),
    (
        re.compile(r"^(?P<phase>\S+): no budget total.* and no yearly plan"),
        "report.missing.no_plan",
    ),
    (
        re.compile(r"^(?P<phase>\S+): the yearly plan lines .* exceed the total"),
        "report.missing.plan_exceeds",
    ),
    (re.compile(r"^no phase ends before (?P<phase>\S+) starts"), "report.missing.no_previous"),
    (
        re.compile(r"^(?P<phase>\S+): no technology transfers to calibrate on"),
        "report.missing.no_transfers",
    ),
    (
        re.compile(r"^(?P<phase>\S+): no research-institute companies or start-ups"),
        "report.missing.no_firms",
    ),
]
_QUANTITY_OF = {
    "technology transfers": "transfers",
    "research-institute companies": "ric",
    "start-ups": "startups",
    "jobs": "jobs",
    "revenue": "revenue",
    "linked investment": "investment",
}


def _missing_text(ctx: _Ctx, missing: Sequence[str]) -> str:
    """What the calibration lacks, in the report's language.

    In English, the calibration's own words.
    """
    out = []
    program = ctx.subject.main
    phases = set(program.phases["phase"]) if program is not None else set()
    for item in missing:
        if L.has_label(item):
            out.append(ctx.t(item))
            continue
        if ctx.lang == "en":
            out.append(item)
            continue
        for pattern, key in _MISSING:
            match = pattern.match(item)
            if match is None:
                continue
            fields = match.groupdict()
            if fields.get("phase") in phases:
                fields["phase"] = _phase_name(ctx, program, fields["phase"])
            if "what" in fields:
                quantity = _QUANTITY_OF.get(fields["what"], "")
                fields["what"] = (
                    ctx.t(f"report.quantity.{quantity}") if quantity else fields["what"]
                )
            out.append(ctx.t(key, **fields))
            break
        else:
            out.append(ctx.t("report.missing.other"))
    return "; ".join(out)


def _sec_projection(ctx: _Ctx) -> None:
    zone = ctx.subject.main
    try:
        cal = _calibrate_program(zone)
    except _NotCalibrated as exc:
        ctx.gap(ctx.t("report.gap.calibration", missing=_missing_text(ctx, exc.missing)))
        return
    proj = _projection(ctx)
    ctx.p(
        ctx.t(
            "report.projection_method",
            draws=L.number(proj.n_draws),
            seed=ctx.seed,
            previous=_phase_name(ctx, zone, cal.zone.previous),
        )
    )
    outputs = _projected_outputs(cal)
    end = cal.years[-1]
    rows = []
    for out in outputs:
        fan = proj.fan(out).drop(columns=["mean"])
        fan.columns = [float(c[1:]) / 100.0 for c in fan.columns]
        mine = [t for t in cal.targets if t.output == out]
        ax = P.fan_chart(
            fan,
            target={t.year: t.value for t in mine} or None,
            probability=float(proj.probability(mine[-1].target)) if mine else None,
            title=L.label_or(f"model.{out}", out, ctx.lang),
            lang=ctx.lang,
        )
        caption = ctx.t("report.fig.fan")
        if mine:
            caption += " " + ctx.t(
                "report.fig.fan_target",
                year=mine[-1].year,
                value=ctx.q(mine[-1].value, mine[-1].unit),
            )
        ctx.figure(ax, caption)
        for year, r in fan.iterrows():
            rows.append(
                {
                    ctx.t("report.col.output"): L.label_or(f"model.{out}", out, ctx.lang),
                    ctx.t("report.col.year"): int(year),
                    "5 %": float(r[0.05]),
                    "25 %": float(r[0.25]),
                    ctx.t("report.col.median"): float(r[0.5]),
                    "75 %": float(r[0.75]),
                    "95 %": float(r[0.95]),
                }
            )
    ctx.table("projection", ctx.t("report.tbl.projection", end=end), pd.DataFrame(rows), show=False)
    last = pd.DataFrame([r for r in rows if r[ctx.t("report.col.year")] == end])
    ctx.table("projection_end", ctx.t("report.tbl.projection_end", end=end), last)
    inputs = cal.zone.assumptions()
    for item in cal.zone.inputs:
        ctx.assume(
            L.label_or(f"input.{item.name}", item.name, ctx.lang),
            _dist_text(ctx, item.distribution) + _unit_suffix(ctx, item.unit),
            _basis(item.basis),
            _sources_text(ctx, item.sources, item.note),
            item.confidence if item.confidence in _CONFIDENCES else "",
            cite=ctx.lang == "ko" and bool(item.sources),
        )
    for s in cal.zone.settings:
        if s.basis in ("sourced", "derived") and s.name == "budget":
            continue  # the budget plan's sourced years are shown in the plan section
        ctx.assume(
            _setting_name(ctx, s.name, s.year),
            ctx.q(s.value, s.unit)
            if s.unit in ("억원", "firms", "cases", "persons")
            else L.number(s.value),
            _basis(s.basis),
            _sources_text(ctx, s.sources, s.note),
            s.confidence if s.confidence in _CONFIDENCES else "",
            cite=ctx.lang == "ko" and bool(s.sources),
        )
    ctx.table("calibration", ctx.t("report.tbl.calibration"), inputs, show=False)


def _unit_suffix(ctx: _Ctx, unit: str) -> str:
    if not unit or unit in ("-", "share"):
        return ""
    shown = L.label_or(f"unit.{unit}", unit if ctx.lang == "en" else "", ctx.lang)
    return f" ({shown})" if shown else ""


def _basis(basis: str) -> str:
    """The calibration's basis as one of the appendix's bases.

    A user's input stays ``user``.
    """
    return basis if basis in _BASES else "derived"


def _sources_text(ctx: _Ctx, sources: Sequence[str], note: str) -> str:
    """Where an input comes from.

    The file's sources (publisher and date) and, in English, how it was made.
    """
    cited = [
        _source_label(ctx, s) if not str(s).startswith("benchmark:") else _benchmark(ctx, s)
        for s in sources
    ]
    text = "; ".join(c for c in cited if c)
    if ctx.lang == "en" and note:
        text = f"{text}. {note}" if text else note
    return text or ctx.t("report.no_source")


def _benchmark(ctx: _Ctx, ref: str) -> str:
    return ctx.t("report.benchmark", name=str(ref).split(":", 1)[1])


def _setting_name(ctx: _Ctx, name: str, year: Any) -> str:
    y = "" if year is None or (isinstance(year, float) and math.isnan(year)) else int(year)
    for key in ("budget", "ric_entries", "startups_entries"):
        if name == key:
            return ctx.t(f"report.setting.{key}", year=y)
    if "_" in name:
        phase, quantity = name.rsplit("_", 1)
        if L.has_label(f"report.quantity.{quantity}"):
            program = ctx.subject.main
            if phase in set(program.phases["phase"]):
                phase = _phase_name(ctx, program, phase)
            return ctx.t(
                "report.setting.total", phase=phase, what=ctx.t(f"report.quantity.{quantity}")
            )
    return name


def _dist_text(ctx: _Ctx, dist: Any) -> str:
    """A distribution as its family, median and 90 % range, in the report's language."""
    if not hasattr(dist, "quantile"):
        return str(dist)
    family = L.label_or(f"dist.{dist.name}", str(dist.name), ctx.lang)
    lo, mid, hi = (float(v) for v in dist.quantile([0.05, 0.5, 0.95]))
    if math.isclose(lo, hi):
        return ctx.t("report.dist_fixed", family=family, value=L.number(mid))
    d = _digits(hi - lo)
    return ctx.t(
        "report.dist",
        family=family,
        median=L.number(mid, d),
        low=L.number(lo, d),
        high=L.number(hi, d),
    )


def _digits(span: float) -> int:
    """Decimals that show a range of width ``span`` with two or three significant digits."""
    span = abs(span)
    if span >= 10 or span == 0:
        return 0
    return max(0, 1 - math.floor(math.log10(span)))


def _projected_outputs(cal: _Calibration) -> list[str]:
    names = list(cal.model.indicator_names())
    wanted = []
    for t in cal.targets:
        if t.output not in wanted:
            wanted.append(t.output)
    for out in ("cum_companies", "firms_alive", "jobs", "cum_investment"):
        if out in names and out not in wanted:
            wanted.append(out)
    return wanted[:4]


def _sec_targets(ctx: _Ctx) -> None:
    cal = _calibrate_program(ctx.subject.main)
    proj = _projection(ctx)
    if cal.targets:
        probs = proj.probabilities([t.target for t in cal.targets])
        frame = pd.DataFrame(
            {
                ctx.t("report.col.indicator"): [_target_name(ctx, t) for t in cal.targets],
                ctx.t("report.col.output"): [
                    L.label_or(f"model.{t.output}", t.output, ctx.lang) for t in cal.targets
                ],
                ctx.t("report.col.year"): [t.year for t in cal.targets],
                ctx.t("report.col.target"): [t.value for t in cal.targets],
                ctx.t("report.col.unit"): [L.unit_label(t.unit, ctx.lang) for t in cal.targets],
                ctx.t("report.col.median"): probs["median"].astype(float).tolist(),
                ctx.t("report.col.probability"): probs["probability"].astype(float).tolist(),
                ctx.t("report.col.confidence"): [ctx.conf(t.confidence) for t in cal.targets],
                ctx.t("report.col.source"): [_source_label(ctx, t.source) for t in cal.targets],
            }
        )
        ctx.table(
            "target_probabilities",
            ctx.t("report.tbl.targets"),
            frame,
            formats={ctx.t("report.col.probability"): lambda v: _pct(v, 0)},
            cite=[ctx.t("report.col.source")],
        )
        ctx.p(ctx.t("report.targets_method"))
    else:
        ctx.p(ctx.t("report.targets_none"))
        frame = proj.summary().xs(cal.years[-1], level="year")
        rows = [
            {
                ctx.t("report.col.output"): L.label_or(f"model.{out}", out, ctx.lang),
                ctx.t("report.col.year"): cal.years[-1],
                ctx.t("report.col.median"): float(frame.loc[out, "p50"]),
                "5 %": float(frame.loc[out, "p05"]),
                "95 %": float(frame.loc[out, "p95"]),
            }
            for out in _projected_outputs(cal)
        ]
        ctx.table(
            "target_probabilities",
            ctx.t("report.tbl.no_targets", end=cal.years[-1]),
            pd.DataFrame(rows),
        )
    skipped = list(cal.zone.unmodelled_targets)
    if skipped:
        ctx.h3(ctx.t("report.h.unmodelled"))
        items = "".join(f"<li>{html.escape(_unmodelled_text(ctx, text))}</li>" for text in skipped)
        ctx.raw_html(f"<ul>{items}</ul>")


_UNMODELLED = re.compile(r"^(\S+) (\S+) (\S+) \(([0-9-]+)\): (.*)$")


def _unmodelled_text(ctx: _Ctx, text: str) -> str:
    """A target the model cannot answer, in the report's language."""
    if ctx.lang == "en":
        return text
    match = _UNMODELLED.match(text)
    if not match:
        return ctx.t("report.unmodelled_generic")
    indicator, value, unit, period, reason = match.groups()
    names = _indicator_names(ctx, ctx.subject.main)
    why = (
        "report.unmodelled.jobs_window"
        if reason.startswith("jobs created over a window")
        else (
            "report.unmodelled.window"
            if "does not start with the phase" in reason
            else (
                "report.unmodelled.outside"
                if "outside the phase" in reason
                else "report.unmodelled.no_output"
            )
        )
    )
    return ctx.t(
        "report.unmodelled_item",
        name=names.get(indicator, indicator),
        value=ctx.q(float(value), unit),
        period=period,
        why=ctx.t(why),
    )


def _sec_sensitivity(ctx: _Ctx) -> None:
    from . import sensitivity as S

    cal = _calibrate_program(ctx.subject.main)
    end = cal.years[-1]
    names = list(cal.model.indicator_names())
    key = "jobs" if "jobs" in names else names[0]
    tor = S.tornado(cal.model, cal.params, indicator=key, year=end)
    swings = tor.to_frame()
    moving = swings[swings["swing"] > 1e-9 * max(1.0, abs(tor.base))].copy()
    label = L.label_or(f"model.{key}", key, ctx.lang)
    moving.index = [L.label_or(f"input.{i}", str(i), ctx.lang) for i in moving.index]
    ax = P.tornado(
        moving,
        base=tor.base,
        lang=ctx.lang,
        xlabel=ctx.t("report.fig.tornado_x", name=label, year=end),
        title=ctx.t("report.fig.tornado_title", name=label, year=end),
    )
    ctx.figure(ax, ctx.t("report.fig.tornado"))
    tframe = moving.reset_index().rename(columns={"index": ctx.t("report.col.input")})
    tframe = tframe.rename(
        columns={
            "low": ctx.t("report.col.at_low"),
            "high": ctx.t("report.col.at_high"),
            "swing": ctx.t("report.col.swing"),
            "base": ctx.t("report.col.base"),
        }
    )
    ctx.table("tornado", ctx.t("report.tbl.tornado", name=label, year=end), tframe, show=False)
    outputs = [(o, end) for o in ("cum_companies", "jobs") if o in names] or [(names[0], end)]
    sob = S.sobol(
        cal.model,
        cal.params,
        outputs=outputs,
        n_draws=2**11,
        seed=ctx.seed,
        n_boot=100,
        n_threads=ctx.n_threads,
    )
    with P.style():
        fig = P.new_axes(figsize=(11.0, 4.6)).figure
        fig.clear()
        axes = fig.subplots(1, len(outputs), squeeze=False)[0]
    rows = []
    for ax_i, (ind, year) in zip(axes, outputs):
        idx = sob.indices(ind, year)[["S1", "ST", "S1_conf", "ST_conf"]].copy()
        idx.index = [L.label_or(f"input.{i}", str(i), ctx.lang) for i in idx.index]
        oname = L.label_or(f"model.{ind}", ind, ctx.lang)
        P.sobol_bars(
            idx,
            lang=ctx.lang,
            ax=ax_i,
            title=ctx.t("report.fig.sobol_title", name=oname, year=year),
        )
        for inp, r in idx.iterrows():
            rows.append(
                {
                    ctx.t("report.col.output"): oname,
                    ctx.t("report.col.input"): inp,
                    "S1": float(r["S1"]),
                    "ST": float(r["ST"]),
                    ctx.t("report.col.s1_ci"): float(r["S1_conf"]),
                    ctx.t("report.col.st_ci"): float(r["ST_conf"]),
                }
            )
    ctx.figure(axes[0], ctx.t("report.fig.sobol"))
    ctx.table(
        "sobol",
        ctx.t("report.tbl.sobol", year=end),
        pd.DataFrame(rows),
        formats={
            c: (lambda v: L.number(v, 3))
            for c in ("S1", "ST", ctx.t("report.col.s1_ci"), ctx.t("report.col.st_ci"))
        },
        show=False,
    )


def _sec_scenarios(ctx: _Ctx) -> None:
    from .zonemodel import phase_scenarios, priors, project_scenarios

    cal = _calibrate_program(ctx.subject.main)
    end = cal.years[-1]
    n = max(2000, ctx.n_draws // 4)
    comp = project_scenarios(
        cal.program,
        cal.phase,
        n_draws=n,
        seed=ctx.seed,
        targets=[t.target for t in cal.targets],
        n_threads=ctx.n_threads,
        calibration=cal.zone,
    )
    rules = priors()["scenarios"]
    total = float(sum(cal.budget))
    fields = {
        "total": ctx.q(total, "억원"),
        "cut": _pct(float(rules["budget_cut"])),
        "cut_total": ctx.q(total * (1 - float(rules["budget_cut"])), "억원"),
        "share": _pct(float(rules["reallocation_share"])),
        "gain": f"{100 * float(rules['reallocation_survival_gain']):g}",
    }
    outputs = _projected_outputs(cal)
    rows = []
    for sc in phase_scenarios(cal.zone):
        result = comp.results[sc.name]
        row: dict[str, Any] = {
            ctx.t("report.col.scenario"): L.label_or(f"scenario.{sc.name}", sc.name, ctx.lang),
            ctx.t("report.col.description"): L.label_or(
                f"report.scenario_desc.{sc.name}", sc.description, ctx.lang, **fields
            ),
        }
        summary = result.summary().xs(end, level="year")
        for out in outputs:
            row[
                ctx.t(
                    "report.col.median_of",
                    name=L.label_or(f"model.{out}", out, ctx.lang),
                    year=end,
                )
            ] = _float(summary.loc[out, "p50"])
        for t in cal.targets:
            row[ctx.t("report.col.p_of", name=_target_name(ctx, t))] = float(
                result.probability(t.target)
            )
        rows.append(row)
    frame = pd.DataFrame(rows)
    prefix = ctx.t("report.col.p_prefix")
    fmts = {c: (lambda v: _pct(v, 0)) for c in frame.columns if str(c).startswith(prefix)}
    ctx.table("scenarios", ctx.t("report.tbl.scenarios"), frame, formats=fmts)
    ctx.p(ctx.t("report.scenarios_note", draws=L.number(n)))
    ctx.assume(
        ctx.t("report.a.scenarios"),
        ctx.t("report.a.scenarios_value", **fields),
        "assumption",
        ctx.t("report.a.scenarios_source"),
    )


_ATTRIBUTION = 0.3
_SHARES = (0.1, 0.2, 0.3, 0.5, 1.0)


def _sec_appraisal(ctx: _Ctx) -> None:
    from . import inputoutput as IO

    zone = ctx.subject.main
    planned = _planned_phase(zone)
    assert planned is not None
    schedule = _budget_of(zone, planned)
    assert schedule is not None
    ripple = IO.quick_ripple(schedule.by_year, year=2022)
    rsum = ripple.frame.sum()
    ctx.h3(ctx.t("report.h.ripple"))
    ctx.cards(
        [
            _Card(
                ctx.t("report.ripple.output"),
                ctx.q(rsum["output"], "억원", 1),
                ctx.t("report.ripple.coef"),
            ),
            _Card(
                ctx.t("report.ripple.value_added"),
                ctx.q(rsum["value_added"], "억원", 1),
                ctx.t("report.ripple.coef"),
            ),
            _Card(
                ctx.t("report.ripple.jobs"),
                ctx.q(rsum["jobs"], "persons", 0),
                ctx.t("report.ripple.coef"),
            ),
        ]
    )
    rframe = ripple.frame.reset_index()
    rframe.columns = [
        ctx.t("report.col.year"),
        ctx.t("report.ripple.output"),
        ctx.t("report.ripple.value_added"),
        ctx.t("report.ripple.jobs"),
    ][: len(rframe.columns)] + list(rframe.columns[4:])
    ctx.table("ripple", ctx.t("report.tbl.ripple"), rframe, show=False)
    ctx.box(ctx.t("report.ripple.note"))
    ctx.assume(
        ctx.t("report.a.inducement"),
        ", ".join(
            f"{L.label_or('ripple.' + k, k, ctx.lang)} {v:g}"
            for k, v in ripple.coefficients.items()
        ),
        "sourced",
        ctx.t("report.a.inducement_source"),
        "medium",
    )
    appraisal = _appraisal(ctx)
    if appraisal is None:
        try:
            _calibrate_program(zone)
        except _NotCalibrated as exc:
            ctx.gap(ctx.t("report.gap.appraisal", missing=_missing_text(ctx, exc.missing)))
        return
    rate = appraisal.rate
    table = appraisal.by_attribution(_SHARES)
    for _, row in appraisal.assumptions.iterrows():
        item = str(row["item"])
        if item not in ("attribution", "value_added_ratio", "rate", "counterfactual", "horizon"):
            continue  # the model's inputs are listed by the projection
        ctx.assume(
            ctx.t(f"report.a.appraisal.{item}"),
            _appraisal_value(ctx, item, row["value"]),
            _basis(str(row["basis"])),
            _appraisal_source(ctx, item, row),
            str(row["confidence"]) if row["confidence"] in _CONFIDENCES else "",
        )
    ctx.h3(ctx.t("report.h.npv", rate=_pct(rate, 1)))
    low, high = float(table["bc_median"].min()), float(table["bc_median"].max())
    ctx.cards(
        [
            _Card(
                ctx.t("report.card.bc_range"),
                f"{low:.2f}–{high:.2f}",
                ctx.t("report.card.bc_note", low=_pct(min(_SHARES)), high=_pct(max(_SHARES))),
                "low",
            ),
            _Card(
                ctx.t("report.card.npv_at", share=_pct(_ATTRIBUTION)),
                ctx.q(appraisal.npv, "억원", 1),
                ctx.t("report.card.central"),
                "low",
            ),
            _Card(
                ctx.t("report.card.p_bc_at", share=_pct(_ATTRIBUTION)),
                _pct(appraisal.probability),
                ctx.t("report.card.draws", draws=L.number(appraisal.n_draws)),
                "low",
            ),
        ]
    )
    frame = pd.DataFrame(
        {
            ctx.t("report.col.attribution"): table["attribution"].tolist(),
            ctx.t("report.col.bc_median"): table["bc_median"].tolist(),
            ctx.t("report.col.bc_range90"): [
                f"{a:.2f}–{b:.2f}" for a, b in zip(table["bc_p05"], table["bc_p95"])
            ],
            ctx.t("report.col.p_bc"): table["probability_bc_at_least_1"].tolist(),
        }
    )
    ctx.table(
        "attribution",
        ctx.t("report.tbl.attribution"),
        frame,
        formats={
            ctx.t("report.col.attribution"): lambda v: _pct(v, 0),
            ctx.t("report.col.bc_median"): lambda v: f"{float(v):.2f}",
            ctx.t("report.col.p_bc"): lambda v: _pct(v, 0),
        },
    )
    flows = appraisal.flows
    years = [int(y) for y in flows.index]
    net = ((flows["benefit"] - flows["cost"]) * flows["discount_factor"]).to_numpy(dtype=float)
    table_flows = pd.DataFrame(
        {
            ctx.t("report.col.year"): years,
            ctx.t("report.col.cost"): flows["cost"].tolist(),
            ctx.t("report.col.benefit"): flows["benefit"].tolist(),
            ctx.t("report.col.benefit_p05"): flows["benefit_p05"].tolist(),
            ctx.t("report.col.benefit_p95"): flows["benefit_p95"].tolist(),
            ctx.t("report.col.discount"): flows["discount_factor"].tolist(),
            ctx.t("report.col.pv_net"): net.tolist(),
        }
    )
    ctx.table(
        "appraisal",
        ctx.t("report.tbl.appraisal", share=_pct(_ATTRIBUTION)),
        table_flows,
        show=False,
    )
    with P.style():
        ax = P.new_axes()
        colors = [P.COLORS["secondary"] if v >= 0 else P.COLORS["accent"] for v in net]
        labels = [str(y) for y in years]
        ax.bar(labels, net, color=colors)
        ax.bar([P.label("npv", ctx.lang)], [appraisal.npv], color=P.COLORS["primary"])
        ax.axhline(0.0, color="black", linewidth=0.8)
        ax.set_ylabel(ctx.t("report.fig.npv_axis"))
        ax.set_title(ctx.t("report.fig.npv_title", share=_pct(_ATTRIBUTION), rate=_pct(rate, 1)))
        P._finish(ax)
    ctx.figure(ax, ctx.t("report.fig.npv", start=years[0], end=years[-1]))
    ctx.box(ctx.t("report.appraisal_note", end=years[-1]))


def _appraisal_value(ctx: _Ctx, item: str, value: Any) -> str:
    if item == "attribution":
        return ctx.t(
            "report.a.attribution_value",
            low=_pct(min(_SHARES)),
            high=_pct(max(_SHARES)),
            central=_pct(_ATTRIBUTION),
        )
    if item in ("value_added_ratio", "rate"):
        try:
            return _pct(float(value), 1)
        except (TypeError, ValueError):
            return str(value)
    if item == "counterfactual":
        return ctx.t("report.a.counterfactual_value")
    if item == "horizon":
        return ctx.t("report.a.horizon_value", years=value)
    return str(value)


def _appraisal_source(ctx: _Ctx, item: str, row: Any) -> str:
    sources = [s.strip() for s in str(row["sources"] or "").split(",") if s.strip()]
    cited = "; ".join(s if s.startswith("http") else _source_label(ctx, s) for s in sources)
    key = f"report.a.appraisal_note.{item}"
    note = ctx.t(key) if L.has_label(key) else ""
    if ctx.lang == "en" and row["note"]:
        note = str(row["note"])
    return "; ".join(t for t in (cited, note) if t) or ctx.t("report.no_source")


def _cost_sharing_builder(program: Any) -> _Build:
    def build(ctx: _Ctx) -> None:
        _cost_sharing(ctx, program)

    return build


def _cost_sharing(ctx: _Ctx, prog: Any) -> None:
    from . import budget as B

    figures = _cost_sharing_figures(prog)
    assert figures is not None
    unit_value, contribution = figures
    cs = B.cost_sharing(unit_value, contribution, money_unit="KRW")
    obs = _observations(prog)
    conf = {
        ind: str(
            _latest(obs[(obs["indicator"] == ind) & (obs["role"] == "actual")])["confidence"].iloc[
                -1
            ]
        )
        for ind in ("support-value", "company-contribution")
    }
    cards = [
        _Card(ctx.t("report.cs.value"), ctx.q(unit_value, "원"), "", conf["support-value"]),
        _Card(
            ctx.t("report.cs.contribution"),
            ctx.q(contribution, "원"),
            "",
            conf["company-contribution"],
        ),
        _Card(ctx.t("report.cs.share"), _pct(cs.participant_share, 1), ctx.t("report.cs.derived")),
        _Card(ctx.t("report.cs.subsidy"), _pct(cs.subsidy_rate, 1), ctx.t("report.cs.derived")),
    ]
    comp = _latest(obs[(obs["indicator"] == "companies-registered") & (obs["role"] == "actual")])
    prod = _latest(obs[(obs["indicator"] == "products-registered") & (obs["role"] == "actual")])
    if not comp.empty and not prod.empty:
        per = float(prod["value"].iloc[-1]) / float(comp["value"].iloc[-1])
        cards.append(
            _Card(
                ctx.t("report.cs.products_per"),
                f"{per:.2f}",
                f"{L.number(prod['value'].iloc[-1])} / {L.number(comp['value'].iloc[-1])}",
            )
        )
    ctx.cards(cards)
    with P.style():
        ax = P.new_axes(figsize=(6.0, 3.6))
        who = P.label("per_participant", ctx.lang)
        man = 1e4  # shown in 만원
        ax.bar(
            [who],
            [contribution / man],
            width=0.5,
            color=P.COLORS["neutral"],
            label=P.label("participant_contribution", ctx.lang),
        )
        ax.bar(
            [who],
            [(unit_value - contribution) / man],
            width=0.5,
            bottom=[contribution / man],
            color=P.COLORS["primary"],
            label=P.label("public_subsidy", ctx.lang),
        )
        ax.set_ylabel(f"{P.label('amount', ctx.lang)} ({L.unit_label('만원', ctx.lang)})")
        ax.set_xlim(-1.0, 1.6)
        ax.legend(loc="upper right")
        P._finish(ax)
    ctx.figure(ax, ctx.t("report.fig.cost_sharing"))
    rows = []
    for budget_eok in (0.5, 1.0, 2.0, 5.0):
        r = B.cost_sharing(unit_value, contribution, budget=budget_eok * 1e8, money_unit="KRW")
        rows.append(
            {
                ctx.t("report.cs.budget"): budget_eok,
                ctx.t("report.cs.fundable"): int(r.fundable or 0),
                ctx.t("report.cs.contributions"): (r.fundable or 0) * contribution,
                ctx.t("report.cs.left"): float(r.budget_left or 0.0),
            }
        )
    ctx.h3(ctx.t("report.h.scale"))
    ctx.table(
        f"cost_sharing_{prog.id}" if prog is not ctx.subject.main else "cost_sharing",
        ctx.t("report.tbl.cost_sharing"),
        pd.DataFrame(rows),
        formats={
            ctx.t("report.cs.budget"): lambda v: ctx.q(v, "억원", 1),
            ctx.t("report.cs.contributions"): lambda v: ctx.q(v, "원", 0),
            ctx.t("report.cs.left"): lambda v: ctx.q(v, "원", 0),
        },
    )
    ctx.assume(
        ctx.t("report.a.cs_budget", name=prog.name_ko if ctx.lang == "ko" else prog.name_en),
        f"{ctx.q(0.5, '억원', 1)} – {ctx.q(5, '억원', 0)}",
        "assumption",
        ctx.t("report.a.cs_budget_source"),
    )


# ----------------------------------------------------------------------- zones
def _zone_short(program: Any, lang: str) -> str:
    """'김해' or 'Gimhae' from '김해 강소연구개발특구' / 'Gimhae Gangso R&D Special Zone'."""
    if lang == "en":
        return str(program.name_en).replace(" Gangso R&D Special Zone", "")
    return str(program.name_ko).replace(" 강소연구개발특구", "")


def _zone_rates(zones_doc: Any, indicator: str, lang: str = "ko") -> pd.DataFrame:
    """Per zone: the widest published window of a cumulative indicator, per year covered.

    :func:`innozone.compare_programs`: the observation rule, and the rate divided by the
    years the figure covers; ``coverage`` flags partial and future windows.
    """
    from .program import compare_programs

    table = compare_programs(
        zones_doc,
        indicator,
        kind="gangso-zone",
        lang=lang,
    ).table
    short = {p.id: _zone_short(p, lang) for p in zones_doc.programs}
    out = pd.DataFrame(
        {
            "zone": [short[p] for p in table["program"]],
            "program": table["program"],
            "value": table["value"].astype(float),
            "per_year": table["per_year"].astype(float),
            "window": [w if isinstance(w, str) else "–" for w in table["window"]],
            "covered_years": table["covered_years"].astype(float),
            "coverage": [c if isinstance(c, str) else "" for c in table["coverage"]],
            "date": [d if isinstance(d, str) else "" for d in table["date"]],
            "confidence": [c if isinstance(c, str) else "low" for c in table["confidence"]],
        }
    )
    result: pd.DataFrame = out.set_index("zone")
    return result


def _sec_zones(ctx: _Ctx) -> None:
    from .program import load

    subject = ctx.subject
    zones = subject.document if subject.mode == "overview" else load("gangso-zones")
    highlight = None
    main = subject.main
    if main is not None:
        region = main.region.get("ko", "")
        for prog in zones.programs:
            short = _zone_short(prog, "ko")
            if (
                prog.kind == "gangso-zone"
                and short
                and (prog.id == main.id or short in (main.name_ko + region))
            ):
                highlight = _zone_short(prog, ctx.lang)
    ctx.p(ctx.t("report.zones_intro"))
    rows = []
    for ind, key in (
        ("research-institute-companies", "report.zones.ric"),
        ("startups", "report.zones.startups"),
        ("tech-transfer-equity", "report.zones.transfers"),
    ):
        frame = _zone_rates(zones, ind, ctx.lang)
        partial = [str(z) for z, r in frame.iterrows() if r["coverage"] in ("partial", "future")]
        ax = P.zone_comparison(
            frame,
            "per_year",
            highlight=highlight,
            confidence="confidence",
            flagged=partial,
            title=ctx.t(key),
            xlabel=ctx.t("report.zones.axis"),
            lang=ctx.lang,
        )
        ctx.figure(ax, ctx.t("report.fig.zones"))
        for zone_name, r in frame.iterrows():
            rows.append(
                {
                    ctx.t("report.col.zone"): zone_name,
                    ctx.t("report.col.indicator"): ctx.t(key),
                    ctx.t("report.col.value"): r["value"],
                    ctx.t("report.col.period"): r["window"],
                    ctx.t("report.col.date"): r["date"] or "–",
                    ctx.t("report.col.covered"): r["covered_years"],
                    ctx.t("report.col.coverage"): L.label_or(
                        f"coverage.{r['coverage']}", str(r["coverage"]), ctx.lang
                    )
                    if r["coverage"]
                    else "–",
                    ctx.t("report.col.per_year"): r["per_year"],
                    ctx.t("report.col.confidence"): ctx.conf(r["confidence"]),
                }
            )
    ctx.table(
        "zone_rates",
        ctx.t("report.tbl.zone_rates"),
        pd.DataFrame(rows),
        formats={ctx.t("report.col.covered"): lambda v: L.number(v, 2)},
    )
    info = []
    for prog in zones.programs:
        if prog.kind != "gangso-zone":
            continue
        info.append(
            {
                ctx.t("report.col.zone"): _zone_short(prog, ctx.lang),
                "id": prog.id,
                ctx.t("report.col.batch"): prog.batch,
                ctx.t("report.col.designated"): prog.designation_year,
                ctx.t("report.col.field"): ctx.text(prog.field, "–"),
            }
        )
    ctx.table("zones", ctx.t("report.tbl.zones"), pd.DataFrame(info), show=False)


def _sec_efficiency(ctx: _Ctx) -> None:
    """The 14-zone DEA (:func:`innozone.efficiency.zone_efficiency_section`).

    Its HTML, and its tables in :meth:`Report.tables` / the workbook.
    """
    from . import efficiency as E

    subject = ctx.subject
    zones = subject.document if subject.mode == "overview" else None
    options = {**E._zone_efficiency_defaults(), "lang": ctx.lang, "seed": ctx.seed}
    # the figure is drawn with the report's other figures
    section = E._zone_efficiency(
        zones, **options, n_threads=ctx.n_threads, figure_html=ctx.figure_token
    )
    ctx.parts.append(section.html)
    for name, frame in section.tables.items():
        if not frame.empty:
            ctx.table(f"efficiency_{name}", name, frame, show=False)


def _sec_overview(ctx: _Ctx) -> None:
    doc = ctx.subject.document
    ctx.p(ctx.t("report.overview_intro", n=sum(1 for p in doc.programs if p.kind == "gangso-zone")))
    rows = []
    for prog in doc.programs:
        phases = prog.phases
        rows.append(
            {
                ctx.t("report.col.program"): prog.name_ko if ctx.lang == "ko" else prog.name_en,
                "id": prog.id,
                ctx.t("report.col.designated"): prog.designation_year,
                ctx.t("report.col.phases"): ", ".join(
                    f"{int(r.start_year)}-{int(r.end_year)}" for r in phases.itertuples()
                ),
                ctx.t("report.col.planned"): _planned_phase(prog) or "–",
            }
        )
    ctx.table("programs", ctx.t("report.tbl.programs"), pd.DataFrame(rows))
    ctx.box(ctx.t("report.overview_note"))


# ----------------------------------------------------------------------- appendix
def _sec_appendix(ctx: _Ctx) -> None:
    subject = ctx.subject
    ctx.p(ctx.t("report.appendix_intro"))
    for prog in subject.programs:
        for phase in prog.phases.itertuples():
            _low_confidence_budget(ctx, prog, str(phase.phase))
    frame = pd.DataFrame(
        [
            {
                ctx.t("report.col.section"): a.section,
                ctx.t("report.col.assumption"): a.name,
                ctx.t("report.col.value"): a.value,
                ctx.t("report.col.basis"): L.basis_label(a.basis, ctx.lang),
                ctx.t("report.col.confidence"): ctx.conf(a.confidence) or "–",
                ctx.t("report.col.source_note"): a.source,
            }
            for a in ctx.assumptions
        ],
        columns=[
            ctx.t(k)
            for k in (
                "report.col.section",
                "report.col.assumption",
                "report.col.value",
                "report.col.basis",
                "report.col.confidence",
                "report.col.source_note",
            )
        ],
    )
    ctx.h3(ctx.t("report.h.assumptions"))
    shown = frame.copy()
    col = ctx.t("report.col.source_note")
    shown[col] = [
        f'<span class="src">{html.escape(a.source)}</span>'
        if i in ctx.citations
        else html.escape(a.source)
        for i, a in enumerate(ctx.assumptions)
    ]
    ctx.table("assumptions", ctx.t("report.tbl.assumptions"), frame, html_frame=shown, raw=[col])
    notes_rows = []
    items = []
    for prog in subject.programs if subject.main is not None else subject.document.programs:
        for n in prog.notes.itertuples():
            text, translated = L.note_text(str(n.text), ctx.lang)
            attr = "" if translated else ' lang="en"'
            items.append(f"<li{attr}>{html.escape(text)}</li>")
            notes_rows.append(
                {
                    ctx.t("report.col.program"): prog.id,
                    ctx.t("report.col.note"): text,
                    ctx.t("report.col.confidence"): ctx.conf(n.confidence),
                    ctx.t("report.col.source"): _source_label(ctx, n.source),
                }
            )
    if items:
        ctx.h3(ctx.t("report.h.notes"))
        ctx.raw_html('<ul class="notes">' + "".join(items) + "</ul>")
        ctx.table("notes", ctx.t("report.h.notes"), pd.DataFrame(notes_rows), show=False)
    used: set[str] = set()
    for prog in subject.programs if subject.main is not None else subject.document.programs:
        used |= set(prog.observations["source"].dropna())
        used |= set(prog.notes["source"].dropna())
        used |= set(prog.budget["source"].dropna())
    src = subject.document.sources
    src = src[src["source"].isin(used)]
    ctx.h3(ctx.t("report.h.sources"))
    cols = [ctx.t(k) for k in ("report.col.source_id", "report.col.publisher", "report.col.title")]
    frame = pd.DataFrame(
        {
            cols[0]: src["source"].tolist(),
            cols[1]: src["publisher"].tolist(),
            cols[2]: src["title"].tolist(),
            ctx.t("report.col.date"): src["date"].tolist(),
            "URL": [u if isinstance(u, str) else "" for u in src["url"]],
        }
    )
    shown = frame.copy()
    shown["URL"] = [
        f'<a class="src" href="{html.escape(u)}">{html.escape(u[:60])}</a>' if u else "–"
        for u in frame["URL"]
    ]
    ctx.table(
        "sources",
        ctx.t("report.tbl.sources"),
        frame,
        html_frame=shown,
        raw=["URL"],
        cite=cols,
    )


def _low_confidence_budget(ctx: _Ctx, prog: Any, phase_id: str) -> None:
    """A budget figure of the file marked low confidence goes to the appendix."""
    for phase in _program_dict(ctx, prog).get("phases", []):
        if phase.get("id") != phase_id:
            continue
        budget = phase.get("budget") or {}
        items = []
        if "total" in budget:
            items.append((ctx.t("report.a.budget_total"), budget["total"]))
        for line in budget.get("lines", []):
            items.append(
                (
                    ctx.t(
                        "report.a.budget_line",
                        year=line.get("year") or ctx.t("report.a.whole_phase"),
                        source=L.label_or(
                            f"source.{line.get('funding_source', 'total')}",
                            str(line.get("funding_source")),
                            ctx.lang,
                        ),
                    ),
                    line,
                )
            )
        for what, item in items:
            if item.get("confidence") != "low":
                continue
            amount = item.get("amount")
            unit = item.get("unit", "억원")
            ctx.assume(
                ctx.t("report.a.low_budget", phase=_phase_name(ctx, prog, phase_id), what=what),
                ctx.q(amount, unit) if isinstance(amount, (int, float)) else str(amount),
                "sourced" if item.get("source") else "assumption",
                _source_label(ctx, item.get("source")) or ctx.t("report.no_source"),
                "low",
                cite=bool(item.get("source")),
            )


# ----------------------------------------------------------------------- command line
def cli_configure(parser: Any) -> None:
    """Arguments of ``innozone report`` (registered in :mod:`innozone.cli`)."""
    parser.add_argument(
        "program_file",
        metavar="FILE",
        help="embedded dataset name (gimhae, gangso-zones) or a program JSON file",
    )
    parser.add_argument("--program", default=None, help="id of the program of the file to report")
    parser.add_argument(
        "-o", "--output", default=None, help="HTML file to write (default: <name>-report.html)"
    )
    parser.add_argument(
        "--excel", default=None, help="also write every table to this .xlsx workbook"
    )
    parser.add_argument(
        "--lang",
        choices=["ko", "en"],
        default=None,
        help="language of the report (default: innozone.options.lang, en)",
    )
    parser.add_argument(
        "--seed", type=int, default=None, help="seed of every random draw (default 0)"
    )
    parser.add_argument("--draws", type=int, default=20_000, help="Monte Carlo draws")
    parser.add_argument("--threads", type=int, default=None, help="threads (0: all cores)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")


def cli_run(args: Any) -> int:
    """Run ``innozone report``; prints the path written."""
    import sys

    stem = Path(str(args.program_file)).stem + (f"-{args.program}" if args.program else "")
    output = args.output or f"{stem}-report.html"
    path = write_report(
        args.program_file,
        output,
        program=args.program,
        lang=args.lang,
        seed=args.seed,
        n_draws=args.draws,
        n_threads=args.threads,
        progress=not args.no_progress,
        excel=args.excel,
    )
    print(path, file=sys.stdout)
    if args.excel:
        print(args.excel, file=sys.stdout)
    return 0
