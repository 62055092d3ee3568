"""The innozone report: one self-contained HTML file for a program.

``python -m innozone report gimhae -o gimhae-report.html --lang ko`` (or
:func:`write_report`) computes every section and writes ONE file that opens offline in any
browser: figures are embedded as base64 PNG, the CSS is inline, and the Hangul font is
embedded as a subset (only the characters the page uses) of the bundled NanumGothic, so
the page shows Hangul even on a machine without a Korean font. Links to the published
sources are plain links; nothing is loaded from the network to view the page.

Sections: summary; phase-1 results with provenance and consistency findings; phase-2
plan and projections with uncertainty (fan charts against targets, the probability of
reaching them, sensitivity); appraisal (NPV and B/C at the 4.5 % social discount rate);
DEXTER cost sharing; the Gangso zones compared; an appendix listing every assumption.
A section whose data the program does not hold (a user's own program without a phase 2,
say) says so instead of being left out silently.
"""

from __future__ import annotations

import base64
import datetime as _dt
import html
import io
import logging
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from . import plotting as P
from ._errors import InvalidInputError

__all__ = [
    "Assumption",
    "Report",
    "ReportContext",
    "build_report",
    "embedded_font_css",
    "write_report",
]


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
        ``"sourced"`` (a published figure), ``"derived"`` (computed from sourced figures)
        or ``"assumption"`` (chosen by the model or the user; no source says so).
    source : str
        Publisher and date, a URL or an explanation.
    section : str
        The report section that uses it.
    """

    name: str
    value: str
    basis: str
    source: str
    section: str

    _BASES = ("sourced", "derived", "assumption")

    def __post_init__(self) -> None:
        if self.basis not in self._BASES:
            raise InvalidInputError(
                f"Assumption {self.name!r}: basis must be one of {self._BASES}, got {self.basis!r}"
            )


@dataclass
class ReportContext:
    """What every section builder receives: the inputs and a place to record assumptions."""

    subject: Any
    lang: str
    seed: int
    n_draws: int
    n_threads: int
    assumptions: list[Assumption] = field(default_factory=list)
    section: str = ""
    cache: dict[str, Any] = field(default_factory=dict)

    def t(self, ko: str, en: str) -> str:
        """The text in the report's language."""
        return ko if self.lang == "ko" else en

    def assume(self, name: str, value: str, basis: str, source: str) -> None:
        """Record an assumption of the current section for the appendix."""
        self.assumptions.append(Assumption(name, value, basis, source, self.section))


@dataclass
class Report:
    """A computed report. ``html`` is the whole page; write it with :meth:`save`."""

    title: str
    lang: str
    sections: list[tuple[str, str, str]]  # (id, heading, body html)
    assumptions: list[Assumption]
    html: str = ""

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the page atomically (a temporary file renamed into place)."""
        target = Path(path)
        if target.exists() and target.is_dir():
            raise InvalidInputError(f"report output {str(target)!r} is a directory")
        folder = target.parent if str(target.parent) else Path(".")
        if not folder.is_dir():
            raise InvalidInputError(f"report output folder {str(folder)!r} does not exist")
        fd, tmp = tempfile.mkstemp(prefix=".innozone-report-", suffix=".html", dir=folder)
        try:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; a report is for sharing
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(self.html)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return target

    def summary(self) -> pd.DataFrame:
        """One row per section: id, heading, number of figures and of tables."""
        return pd.DataFrame(
            [
                {
                    "section": sid,
                    "heading": heading,
                    "figures": body.count("<img"),
                    "tables": body.count("<table"),
                }
                for sid, heading, body in self.sections
            ],
            columns=["section", "heading", "figures", "tables"],
        )

    def to_frame(self) -> pd.DataFrame:
        """The assumptions of the report (its appendix) as a table."""
        return pd.DataFrame(
            [
                {
                    "section": a.section,
                    "name": a.name,
                    "value": a.value,
                    "basis": a.basis,
                    "source": a.source,
                }
                for a in self.assumptions
            ],
            columns=["section", "name", "value", "basis", "source"],
        )

    def _repr_html_(self) -> str:
        items = "".join(f"<li>{html.escape(h)}</li>" for _, h, _ in self.sections)
        return (
            f"<div><b>{html.escape(self.title)}</b> ({self.lang}), "
            f"{len(self.sections)} sections, {len(self.assumptions)} assumptions"
            f"<ol>{items}</ol></div>"
        )


# ----------------------------------------------------------------------- html pieces
def figure_html(ax: Any, caption: str = "", *, dpi: float = 110.0) -> str:
    """A matplotlib axes' figure as an embedded PNG ``<figure>`` (the figure is closed)."""
    fig = ax.figure
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    if getattr(fig.canvas, "manager", None) is not None:  # a pyplot figure: release it
        import matplotlib.pyplot as plt

        plt.close(fig)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    cap = f"<figcaption>{html.escape(caption)}</figcaption>" if caption else ""
    return (
        f'<figure><img alt="{html.escape(caption or "figure")}" '
        f'src="data:image/png;base64,{data}">{cap}</figure>'
    )


def table_html(frame: pd.DataFrame, *, index: bool = True, floatfmt: str = "{:,.4g}") -> str:
    """A DataFrame as an HTML table (values escaped, numbers formatted)."""

    def fmt(value: Any) -> str:
        if isinstance(value, float):
            return "–" if pd.isna(value) else floatfmt.format(value)
        return str(value)

    shown = frame.copy()
    for col in shown.columns:
        shown[col] = shown[col].map(fmt)
    return str(shown.to_html(index=index, escape=True, border=0, classes="tbl", na_rep="–"))


def para(text: str) -> str:
    return f"<p>{html.escape(text)}</p>"


def note_box(text: str, kind: str = "note") -> str:
    return f'<div class="box {kind}">{html.escape(text)}</div>'


def kpi_cards(items: Sequence[tuple[str, str, str]]) -> str:
    """Key figures as cards: (label, value, small print)."""
    cards = "".join(
        f'<div class="kpi"><div class="kl">{html.escape(lbl)}</div>'
        f'<div class="kv">{html.escape(val)}</div><div class="ks">{html.escape(small)}</div></div>'
        for lbl, val, small in items
    )
    return f'<div class="kpis">{cards}</div>'


# ----------------------------------------------------------------------- the font
def embedded_font_css(text: str) -> str:
    """``@font-face`` rules embedding the bundled NanumGothic, subset to ``text``.

    Only the glyphs of the characters in ``text`` (plus ASCII) are kept, as WOFF in a data
    URL, so a report of a few hundred distinct syllables carries tens of kilobytes of font.

    Returns
    -------
    str
        CSS defining the families ``"innozone-hangul"`` (weights 400 and 700).
    """
    from fontTools import subset
    from fontTools.ttLib import TTFont

    chars = set(text) | {chr(c) for c in range(0x20, 0x7F)}
    unicodes = sorted(ord(c) for c in chars if ord(c) >= 0x20)
    files = P.hangul_font_files()
    rules = []
    # Silence fontTools' notes about hinting tables it drops; they are not problems.
    fontlog = logging.getLogger("fontTools")
    level = fontlog.level
    fontlog.setLevel(logging.ERROR)
    try:
        for path, weight in ((files[0], 400), (files[2], 700)):
            options = subset.Options()
            options.flavor = "woff"
            options.layout_features = ["*"]
            options.drop_tables += ["TSI0", "TSI1", "TSI2", "TSI3", "TSI5", "DSIG"]
            font = TTFont(str(path))
            subsetter = subset.Subsetter(options)
            subsetter.populate(unicodes=unicodes)
            subsetter.subset(font)
            font.flavor = "woff"
            buf = io.BytesIO()
            font.save(buf)
            data = base64.b64encode(buf.getvalue()).decode("ascii")
            rules.append(
                "@font-face{font-family:'innozone-hangul';font-style:normal;"
                f"font-weight:{weight};src:url(data:font/woff;base64,{data}) format('woff');}}"
            )
    finally:
        fontlog.setLevel(level)
    return "\n".join(rules)


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
table.tbl th,table.tbl td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;
 vertical-align:top}
table.tbl th{background:var(--bg)} table.tbl td:first-child{min-width:5.5em}
.kpis{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0}
.kpi{flex:1 1 170px;border:1px solid var(--line);border-radius:6px;padding:10px 12px;background:var(--bg)}
.kl{font-size:12px;color:var(--grey)} .kv{font-size:22px;font-weight:700;color:var(--blue)}
.ks{font-size:12px;color:var(--grey)}
.box{border-left:4px solid var(--blue);background:#f2f7fb;padding:8px 12px;margin:10px 0;font-size:14px}
.box.warn{border-color:var(--red);background:#fdf3ee}
.box.gap{border-color:#999;background:#f4f4f4}
footer{color:var(--grey);font-size:12px;padding:20px 40px}
"""


# ----------------------------------------------------------------------- sections
SectionFn = Callable[[ReportContext], str]


@dataclass(frozen=True)
class _Section:
    id: str
    ko: str
    en: str
    build: SectionFn


def _sections() -> list[_Section]:
    return [
        _Section("summary", "요약", "Summary", _sec_summary),
        _Section("phase1", "1단계 성과", "Phase-1 results", _sec_phase1),
        _Section("phase2", "2단계 계획과 전망", "Phase-2 plan and projection", _sec_phase2),
        _Section("appraisal", "경제성 평가", "Appraisal", _sec_appraisal),
        _Section("dexter", "덱스터 비용 분담", "DEXTER cost sharing", _sec_dexter),
        _Section("zones", "강소특구 비교", "The Gangso zones compared", _sec_zones),
        _Section("efficiency", "강소특구 효율성 (DEA)", "Zone efficiency (DEA)", _sec_efficiency),
        _Section("assumptions", "부록: 가정", "Appendix: assumptions", _sec_assumptions),
    ]


def build_report(
    program: Any = "gimhae",
    *,
    lang: str = "ko",
    seed: int = 20250121,
    n_draws: int = 20_000,
    n_threads: int = 0,
    progress: bool = True,
) -> Report:
    """Compute every section of the report of a program.

    Parameters
    ----------
    program : str, path or program object
        The name of an embedded dataset (``"gimhae"``), the path of a program JSON file,
        or an already loaded program/document.
    lang : {"ko", "en"}
        Language of headings, labels and text; the other language appears beside key terms.
    seed : int
        Seed of every random draw (Monte Carlo, sensitivity): the same seed gives the same
        report whatever the thread count.
    n_draws : int
        Monte Carlo draws of the projection (>= 1000 for stable 5 % / 95 % bands).
    n_threads : int
        Threads for the compiled loops; 0 uses every core.
    progress : bool
        Show a tqdm progress bar on stderr while sections compute.

    Returns
    -------
    Report

    Raises
    ------
    innozone.InvalidInputError
        Bad ``lang``, ``n_draws`` or ``seed``.
    innozone.NotFoundError
        ``program`` names no embedded dataset and no file.
    """
    from tqdm.auto import tqdm

    P.check_lang(lang)
    if int(n_draws) < 1000:
        raise InvalidInputError(f"n_draws must be >= 1000 for stable bands, got {n_draws}")
    if int(seed) < 0:
        raise InvalidInputError(f"seed must be >= 0, got {seed}")
    subject = _resolve_subject(program)
    ctx = ReportContext(subject, lang, int(seed), int(n_draws), int(n_threads))
    built: list[tuple[str, str, str]] = []
    sections = _sections()
    bar = tqdm(sections, desc="innozone report", unit="section", disable=not progress, leave=False)
    for sec in bar:
        heading = sec.ko if lang == "ko" else sec.en
        bar.set_postfix_str(sec.id)
        ctx.section = heading
        body = sec.build(ctx)
        built.append((sec.id, heading, body))
    bar.close()
    title = ctx.t(*_title(subject))
    report = Report(title=title, lang=lang, sections=built, assumptions=ctx.assumptions)
    report.html = _page(report, subject, ctx)
    return report


def _title(subject: Subject) -> tuple[str, str]:
    title = subject.document.title
    ko = title.get("ko") or title.get("en") or subject.document.id
    en = title.get("en") or title.get("ko") or subject.document.id
    return f"{ko}: 분석 보고서", f"{en}: analysis report"


def _page(report: Report, subject: Any, ctx: ReportContext) -> str:
    nav = "".join(f'<a href="#{sid}">{html.escape(h)}</a>' for sid, h, _ in report.sections)
    body = "".join(
        f'<section id="{sid}"><h2>{html.escape(h)}</h2>{content}</section>'
        for sid, h, content in report.sections
    )
    from . import __version__

    today = _dt.date.today().isoformat()
    subtitle = ctx.t(
        f"innozone {__version__} 보고서 · 작성일 {today} · 난수 시드 {ctx.seed} · "
        f"몬테카를로 {ctx.n_draws:,}회",
        f"innozone {__version__} report · generated {today} · seed {ctx.seed} · "
        f"{ctx.n_draws:,} Monte Carlo draws",
    )
    footer = ctx.t(
        "이 파일은 자체 완결형입니다: 그림과 글꼴(나눔고딕, SIL OFL)이 파일 안에 들어 있어 "
        "네트워크 없이 열 수 있습니다.",
        "This file is self-contained: figures and the font (NanumGothic, SIL OFL) are "
        "embedded, so it opens without a network.",
    )
    skeleton = (
        "<!DOCTYPE html>\n"
        f'<html lang="{report.lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(report.title)}</title>"
        "<style>{FONT}{CSS}</style></head><body>"
        f"<header><h1>{html.escape(report.title)}</h1><p>{html.escape(subtitle)}</p></header>"
        f"<nav>{nav}</nav><main>{body}</main>"
        f"<footer>{html.escape(footer)}</footer></body></html>\n"
    )
    font_css = embedded_font_css(_visible_text(skeleton))
    return skeleton.replace("{FONT}", font_css, 1).replace("{CSS}", _CSS, 1)


def _visible_text(page: str) -> str:
    """Every character of the page outside base64 data (enough to subset the font)."""
    import re

    return re.sub(r"base64,[A-Za-z0-9+/=]+", "", html.unescape(page))


def write_report(
    program: Any,
    path: str | os.PathLike[str],
    *,
    lang: str = "ko",
    seed: int = 20250121,
    n_draws: int = 20_000,
    n_threads: int = 0,
    progress: bool = True,
) -> Path:
    """Build the report of ``program`` (see :func:`build_report`) and write it to ``path``.

    Returns
    -------
    pathlib.Path
        The file written.
    """
    report = build_report(
        program, lang=lang, seed=seed, n_draws=n_draws, n_threads=n_threads, progress=progress
    )
    return report.save(path)


# ----------------------------------------------------------------------- the subject
_GIMHAE_ZONE = "gimhae-gangso"


@dataclass
class Subject:
    """The document the report is about, and the programs each section reads."""

    document: Any
    zone: Any  # the main program with phases (a Gangso zone or any program)
    support: Any | None  # a co-paid support program (DEXTER), if any
    completed: str | None  # id of the last completed phase of ``zone``
    planned: str | None  # id of the planned (or running) phase with a budget

    @property
    def is_gimhae(self) -> bool:
        return self.zone is not None and self.zone.id == _GIMHAE_ZONE


def _resolve_subject(program: Any) -> Subject:
    from .program import Document, Program, load

    if isinstance(program, Program):
        document = program.document if isinstance(program.document, Document) else program
        programs = [program]
    else:
        document = (
            program
            if isinstance(program, Document)
            else load(
                Path(program)
                if isinstance(program, Path)
                or (isinstance(program, str) and program.endswith(".json"))
                else program
            )
        )
        programs = list(document.programs)
    if not programs:
        raise InvalidInputError("report: the document holds no program")
    with_phases = [p for p in programs if len(p.phases)]
    zone = next((p for p in with_phases if p.kind == "gangso-zone"), None) or (
        with_phases[0] if with_phases else programs[0]
    )
    support = next((p for p in programs if p is not zone and _cost_sharing_figures(p)), None)
    if support is None and _cost_sharing_figures(zone):
        support = zone
    phases = zone.phases
    completed = phases[phases["status"] == "completed"]["phase"].tolist()
    planned = phases[phases["status"].isin(["planned", "running"])]["phase"].tolist()
    return Subject(
        document,
        zone,
        support,
        completed[-1] if completed else None,
        planned[0] if planned else None,
    )


def _cost_sharing_figures(program: Any) -> tuple[float, float] | None:
    """(support value, company contribution) per participant in KRW, if the program has them."""
    obs = program.observations
    values = {}
    for ind in ("support-value", "company-contribution"):
        rows = obs[(obs["indicator"] == ind) & (obs["role"] == "actual")]
        if rows.empty:
            return None
        factor = {"원": 1.0, "만원": 1e4, "백만원": 1e6, "억원": 1e8}.get(
            str(rows["unit"].iloc[-1]), 1.0
        )
        values[ind] = float(rows["value"].iloc[-1]) * factor
    return values["support-value"], values["company-contribution"]


# ----------------------------------------------------------------------- formatting
def _num(value: float, decimals: int = 0) -> str:
    if value is None or pd.isna(value):
        return "–"
    return f"{value:,.{decimals}f}"


def _pct(value: float, decimals: int = 1) -> str:
    return "–" if value is None or pd.isna(value) else f"{100 * value:.{decimals}f} %"


def _name(row: Any, lang: str) -> str:
    return str(row["name_ko"] if lang == "ko" else row["name_en"])


def _source_link(doc_sources: pd.DataFrame, source_id: Any) -> str:
    if source_id is None or pd.isna(source_id):
        return "–"
    rows = doc_sources[doc_sources["source"] == source_id]
    if rows.empty:
        return html.escape(str(source_id))
    row = rows.iloc[0]
    label = " · ".join(str(v) for v in (row.get("publisher"), row.get("date")) if v)
    url = row.get("url")
    text = html.escape(label or str(source_id))
    if isinstance(url, str) and url:
        return f'<a href="{html.escape(str(url))}">{text}</a>'
    return text


def _frame_html(frame: pd.DataFrame, *, raw_columns: Sequence[str] = ()) -> str:
    """A table whose ``raw_columns`` already hold HTML (links); others are escaped."""
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    body = []
    for _, row in frame.iterrows():
        cells = []
        for col in frame.columns:
            value = row[col]
            if col in raw_columns:
                cells.append(f"<td>{value}</td>")
            elif isinstance(value, float):
                cells.append(f"<td>{'–' if pd.isna(value) else f'{value:,.4g}'}</td>")
            else:
                cells.append(f"<td>{html.escape('–' if value is None else str(value))}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f'<table class="tbl"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'
    )


def _gap(ctx: ReportContext, ko: str, en: str) -> str:
    return note_box(ctx.t(ko, en), "gap")


# ----------------------------------------------------------------------- shared results
def _cached(ctx: ReportContext, key: str, make: Callable[[], Any]) -> Any:
    """A result several sections use, computed once per report."""
    if key not in ctx.cache:
        ctx.cache[key] = make()
    return ctx.cache[key]


def _projection(ctx: ReportContext) -> Any:
    from . import gimhae_model as G

    return _cached(
        ctx,
        "projection",
        lambda: G.gimhae_projection(n_draws=ctx.n_draws, seed=ctx.seed, n_threads=ctx.n_threads),
    )


def _phase2_schedule(ctx: ReportContext) -> Any | None:
    from . import budget as B

    subject: Subject = ctx.subject
    if subject.planned is None:
        return None

    def make() -> Any:
        zone = subject.zone
        phase = zone.phase(subject.planned)
        summary = zone.budget_summary(subject.planned)
        total_krw = float(summary.get("total_krw") or 0.0)
        if not total_krw:
            return None
        total = total_krw / 1e8
        national = float(summary.get("national_krw") or 0.0) / 1e8
        sources = None
        if national:
            rest = total - national
            sources = {"national": national / total}
            if rest > 1e-9:
                sources["not_itemised"] = rest / total
        return B.spread(
            total,
            phase.start_year,
            phase.end_year,
            "uniform",
            sources=sources,
            what=f"{zone.id} {subject.planned} budget",
        )

    return _cached(ctx, "schedule", make)


def _phase_window(zone: Any, phase_id: str) -> tuple[int, int]:
    row = zone.phases.set_index("phase").loc[phase_id]
    return int(row["start_year"]), int(row["end_year"])


def _phase_totals(zone: Any, phase_id: str) -> pd.DataFrame:
    """Actual values of the phase's indicators over the whole phase window."""
    start, end = _phase_window(zone, phase_id)
    obs = zone.observations
    rows = obs[
        (obs["phase"] == phase_id)
        & (obs["role"] == "actual")
        & (obs["window_start"] == start)
        & (obs["window_end"] == end)
    ]
    return rows.drop_duplicates("indicator", keep="last").set_index("indicator")


def _budget_range(zone: Any, phase_id: str) -> tuple[float, float, float, str] | None:
    """(low, central, high, confidence) of a phase's total in 억원, if the data has one."""
    budget = zone.budget
    rows = budget[budget["phase"] == phase_id]
    total = rows[rows["item"] == "total"]
    if not total.empty:
        value = float(total["krw"].iloc[0]) / 1e8
        return value, value, value, "high"
    low = rows[rows["item"] == "range_low"]
    high = rows[rows["item"] == "range_high"]
    if low.empty or high.empty:
        return None
    lo, hi = float(low["krw"].iloc[0]) / 1e8, float(high["krw"].iloc[0]) / 1e8
    confidence = (
        str(zone.phase(phase_id).budget.total_range_confidence)
        if hasattr(zone.phase(phase_id).budget, "total_range_confidence")
        else "low"
    )
    return lo, 0.5 * (lo + hi), hi, confidence if confidence in ("high", "medium", "low") else "low"


# ----------------------------------------------------------------------- sections
_INDICATOR_NAMES = {
    "cum_companies": ("누적 신규 기업 (연구소기업+창업)", "Cumulative new companies"),
    "cum_investment": ("누적 투자 연계 (억원)", "Cumulative investment linked (억원)"),
    "firms_alive": ("생존 기업 수", "Firms alive"),
    "jobs": ("일자리", "Jobs"),
}


def _sec_summary(ctx: ReportContext) -> str:
    subject: Subject = ctx.subject
    zone = subject.zone
    lang = ctx.lang
    parts = []
    name = zone.name_ko if lang == "ko" else zone.name_en
    facts = []
    if zone.field and (zone.field.get(lang) or zone.field.get("ko")):
        facts.append(
            ctx.t(
                f"분야: {zone.field.get('ko') or zone.field.get('en')}",
                f"field: {zone.field.get('en') or zone.field.get('ko')}",
            )
        )
    if zone.designation_year:
        facts.append(
            ctx.t(f"{zone.designation_year}년 지정", f"designated {zone.designation_year}")
        )
    institutions = [i.get(lang) or i.get("ko") or i.get("en") for i in zone.core_institutions]
    if institutions:
        facts.append(ctx.t("핵심기관: ", "core institution: ") + ", ".join(institutions))
    line = f"{name} ({'; '.join(facts)})" if facts else name
    if lang == "en" and zone.description:
        line += f". {zone.description}"
    parts.append(para(line))
    cards: list[tuple[str, str, str]] = []
    if subject.completed:
        totals = _phase_totals(zone, subject.completed)
        start, end = _phase_window(zone, subject.completed)
        for ind, row in totals.head(6).iterrows():
            cards.append(
                (
                    _name(row, lang),
                    f"{_num(row['value'])} {row['unit']}",
                    f"{start}-{end} · {row['confidence']}",
                )
            )
    schedule = _phase2_schedule(ctx)
    if schedule is not None and subject.planned is not None:
        s, e = _phase_window(zone, subject.planned)
        national = zone.funding_share(subject.planned, "national")
        cards.append(
            (
                ctx.t("2단계 총사업비", "Phase-2 budget"),
                f"{_num(schedule.total)} {schedule.unit}",
                ctx.t(f"{s}-{e} · 국비 {national:.0f} %", f"{s}-{e} · national {national:.0f} %"),
            )
        )
    findings = zone.check()
    cards.append(
        (
            ctx.t("자료 일관성 점검", "Consistency findings"),
            str(len(findings)),
            ctx.t("자동 점검기가 찾은 불일치", "mismatches found by the checker"),
        )
    )
    if subject.is_gimhae:
        proj = _projection(ctx)
        probs = proj.probabilities()
        for _, row in probs.iterrows():
            ko, en = _INDICATOR_NAMES.get(row["indicator"], (row["indicator"], row["indicator"]))
            cards.append(
                (
                    ctx.t(f"목표 달성 확률: {ko}", f"P(target): {en}"),
                    _pct(row["probability"], 0),
                    ctx.t(
                        f"{row['year']}년 {_num(row['target'])} 이상 (예시 목표)",
                        f">= {_num(row['target'])} in {row['year']} (example target)",
                    ),
                )
            )
    parts.append(kpi_cards(cards))
    parts.append(
        note_box(
            ctx.t(
                "모든 수치에는 출처와 신뢰도(높음·보통·낮음)가 붙어 있습니다. 발표되지 않은 값(예: 2단계 목표, "
                "1단계 총예산)은 가정으로 표시하고 부록에 모았습니다.",
                "Every figure carries its source and confidence (high, medium, low). Values that were "
                "never published (phase-2 targets, the phase-1 total budget) are marked as assumptions "
                "and collected in the appendix.",
            )
        )
    )
    return "".join(parts)


def _sec_phase1(ctx: ReportContext) -> str:
    from . import budget as B
    from . import outcomes as O

    subject: Subject = ctx.subject
    zone = subject.zone
    lang = ctx.lang
    if subject.completed is None:
        return _gap(
            ctx,
            "완료된 단계가 없어 성과를 보고할 수 없습니다.",
            "The program has no completed phase, so there are no results to report.",
        )
    phase_id = subject.completed
    start, end = _phase_window(zone, phase_id)
    sources = subject.document.sources
    out = []
    # Results with provenance
    totals = _phase_totals(zone, phase_id)
    table = pd.DataFrame(
        {
            ctx.t("지표", "Indicator"): [_name(r, lang) for _, r in totals.iterrows()],
            ctx.t("값", "Value"): [_num(v) for v in totals["value"]],
            ctx.t("단위", "Unit"): totals["unit"].tolist(),
            ctx.t("기간", "Period"): [f"{start}-{end}"] * len(totals),
            ctx.t("신뢰도", "Confidence"): totals["confidence"].tolist(),
            ctx.t("출처", "Source"): [_source_link(sources, s) for s in totals["source"]],
        }
    )
    out.append(f"<h3>{html.escape(ctx.t('성과와 출처', 'Results and provenance'))}</h3>")
    out.append(_frame_html(table, raw_columns=[ctx.t("출처", "Source")]))
    # Consistency findings
    findings = zone.check()
    out.append(f"<h3>{html.escape(ctx.t('자료 일관성 점검', 'Consistency findings'))}</h3>")
    if findings.empty:
        out.append(
            para(ctx.t("점검기가 불일치를 찾지 못했습니다.", "The checker found no mismatch."))
        )
    else:
        shown = pd.DataFrame(
            {
                ctx.t("심각도", "Severity"): findings["severity"].tolist(),
                ctx.t("지표", "Indicator"): findings["indicator"].tolist(),
                ctx.t("연도", "Years"): ["-".join(str(y) for y in ys) for ys in findings["years"]],
                ctx.t("발표값", "Stated"): findings["stated"].tolist(),
                ctx.t("계산값", "Computed"): [round(float(v), 1) for v in findings["computed"]],
                ctx.t("설명", "Finding"): findings["message"].tolist(),
            }
        )
        out.append(_frame_html(shown))
        out.append(
            note_box(
                ctx.t(
                    "불일치는 자료에 그대로 남겨 두고 표시합니다. 고쳐 쓰지 않습니다.",
                    "Mismatches stay in the data and are shown here; nothing is silently corrected.",
                ),
                "warn",
            )
        )
    # Growth of firm counts (program-level stock indicators with a series)
    obs = zone.observations
    stocks = obs[
        (obs["phase"].isna())
        & (obs["kind"] == "stock")
        & (obs["role"] == "actual")
        & obs["year"].notna()
    ]
    series_ids = [i for i, g in stocks.groupby("indicator") if g["year"].nunique() >= 3]
    for ind in series_ids[:1]:
        g = stocks[stocks["indicator"] == ind].sort_values("year")
        years = g["year"].astype(int).to_numpy()
        values = g["value"].to_numpy(dtype=float)
        growth = zone.growth(ind, int(years[0]), int(years[-1]))
        caption = ctx.t(
            f"{years[0]}-{years[-1]} 연평균 증가율 {growth.cagr_percent:.1f} %",
            f"Compound annual growth {years[0]}-{years[-1]}: {growth.cagr_percent:.1f} %",
        )
        if subject.completed and start in years and start != years[0]:
            g2 = zone.growth(ind, start, int(years[-1]))
            caption += ctx.t(
                f"; {start}-{years[-1]} {g2.cagr_percent:.1f} % (+{g2.percent:.1f} %)",
                f"; {start}-{years[-1]}: {g2.cagr_percent:.1f} % (+{g2.percent:.1f} %)",
            )
        with P.style():
            ax = P.new_axes()
            ax.bar(years, values, color=P.COLORS["primary"], width=0.6)
            for x, v in zip(years, values):
                ax.text(x, v, _num(v), ha="center", va="bottom", fontsize=8.5)
            for x in sorted(set(range(int(years[0]), int(years[-1]) + 1)) - set(years.tolist())):
                ax.text(
                    x,
                    0,
                    P.label("no_data", lang),
                    ha="center",
                    va="bottom",
                    fontsize=8,
                    color=P.COLORS["neutral"],
                    rotation=90,
                )
            ax.set_xlabel(P.label("year", lang))
            ax.set_ylabel(str(g["unit"].iloc[0]))
            ax.set_title(_name(g.iloc[0], lang))
            P._finish(ax)
        out.append(figure_html(ax, caption))
    # Funnel from transfers to companies
    funnel = {}
    ids = totals.index.tolist()
    if "tech-transfer-equity" in ids:
        funnel[_name(totals.loc["tech-transfer-equity"], lang)] = float(
            totals.loc["tech-transfer-equity", "value"]
        )
    companies = [
        i for i in ("research-institute-companies", "tech-startups", "startups") if i in ids
    ]
    if companies:
        funnel[
            ctx.t("신규 기업 (연구소기업+기술창업)", "New companies (RI companies + start-ups)")
        ] = float(totals.loc[companies, "value"].sum())
    if subject.is_gimhae and len(funnel) == 2:
        from . import gimhae_model as G

        alive = G.phase1_calibration()["stock_end_2024"]
        funnel[ctx.t("2024년 말 생존 추정 (모형)", "Alive at end-2024 (model estimate)")] = alive
        ctx.assume(
            ctx.t("2024년 말 생존 기업", "firms alive at end-2024"),
            f"{alive:.1f}",
            "derived",
            "phase-1 entries by year x survival priors (innozone.gimhae_model.phase1_calibration)",
        )
    if len(funnel) >= 2:
        ax = P.funnel_chart(
            pd.Series(funnel),
            lang=lang,
            title=ctx.t(f"성과 깔때기 ({start}-{end})", f"Conversion funnel ({start}-{end})"),
        )
        out.append(
            figure_html(
                ax, ctx.t("기술이전에서 기업까지", "From technology transfers to companies")
            )
        )
    # Cost-effectiveness with the budget range
    rng = _budget_range(zone, phase_id)
    counts = {
        ind: float(r["value"])
        for ind, r in totals.iterrows()
        if r["unit"] in ("firms", "cases", "persons")
    }
    linked = {ind: float(r["value"]) for ind, r in totals.iterrows() if r["unit"] == "억원"}
    out.append(f"<h3>{html.escape(ctx.t('비용 효과성', 'Cost-effectiveness'))}</h3>")
    if rng is None or not counts:
        out.append(
            _gap(
                ctx,
                "이 단계의 예산 총액이 없어 비용 효과성을 계산하지 않았습니다.",
                "The phase has no budget total, so cost-effectiveness is not computed.",
            )
        )
    else:
        lo, mid, hi, conf = rng
        ce = B.cost_effectiveness(
            B.MoneyRange(lo, mid, hi, confidence=conf),
            counts,
            linked=linked,
            label=f"{zone.id} {phase_id}",
        )
        ctx.assume(
            ctx.t("1단계 총예산", "phase-1 total budget"),
            f"{_num(lo)}-{_num(hi)} 억원",
            "derived" if lo != hi else "sourced",
            ctx.t(
                "발표되지 않은 총액의 추정 범위 (연도별 예산에서)",
                "range inferred from yearly budgets found",
            )
            if lo != hi
            else "program data",
        )
        frame = ce.to_frame()
        names = dict(zip(totals.index, [_name(r, lang) for _, r in totals.iterrows()]))
        shown = pd.DataFrame(
            {
                ctx.t("척도", "Measure"): [
                    (
                        ctx.t(
                            f"{names.get(r['indicator'], r['indicator'])} 1단위당 억원",
                            f"억원 per {names.get(r['indicator'], r['indicator'])}",
                        )
                        if r["kind"] == "cost_per_unit"
                        else ctx.t(
                            f"공공 1원당 {names.get(r['indicator'], r['indicator'])}",
                            f"{names.get(r['indicator'], r['indicator'])} per public won",
                        )
                    )
                    for _, r in frame.iterrows()
                ],
                ctx.t("중앙", "Central"): [_num(v, 2) for v in frame["central"]],
                ctx.t("범위", "Range"): [
                    f"{_num(a, 2)} – {_num(b, 2)}" for a, b in zip(frame["low"], frame["high"])
                ],
                ctx.t("신뢰도", "Confidence"): frame["confidence"].tolist(),
            }
        )
        out.append(_frame_html(shown))
        ax = ce.plot(lang=lang)
        out.append(
            figure_html(
                ax,
                ctx.t(
                    f"예산 범위 {_num(lo)}–{_num(hi)}억원에 따른 단위당 비용",
                    f"Cost per unit over the budget range {_num(lo)}-{_num(hi)} 억원",
                ),
            )
        )
    # National survival benchmarks
    bench = O.survival_benchmarks()["curves"]
    with P.style():
        ax = P.new_axes()
        for key, color in (
            ("all_industries_2013", P.COLORS["neutral"]),
            ("manufacturing_2015", P.COLORS["primary"]),
        ):
            if key in bench:
                c = bench[key]
                ax.plot(
                    [0] + list(c["ages"]),
                    [1.0] + list(c["survival"]),
                    marker="o",
                    color=color,
                    label=f"{c['label']} ({c['confidence']})",
                )
        ax.axhspan(
            0.667,
            0.75,
            xmin=0.0,
            xmax=1.0,
            color=P.COLORS["orange"],
            alpha=0.25,
            label=ctx.t(
                "연구소기업 5년 생존율 66.7–75 % (특구재단 2020)",
                "Research-institute companies, 5-year survival 66.7-75 % (2020)",
            ),
        )
        ax.set_ylim(0, 1.05)
        ax.set_xlabel(ctx.t("창업 후 연수", "Years since founding"))
        ax.set_ylabel(ctx.t("생존 비율", "Share surviving"))
        ax.set_title(ctx.t("국가 신생기업 생존율 기준", "National new-firm survival benchmarks"))
        ax.legend(loc="lower left", fontsize=8)
        P._finish(ax)
    out.append(
        figure_html(
            ax,
            ctx.t(
                "기업생멸행정통계(통계청)와 특구재단 발표. '업력 4년 이상 기업 비율'은 생존율이 아니라 기업 연령 구성입니다.",
                "Statistics Korea business demography and Innopolis Foundation releases. A 'share of firms "
                "aged 4+ years' is an age structure, not a survival rate.",
            ),
        )
    )
    # Sources
    used = set(zone.observations["source"].dropna())
    src = sources[sources["source"].isin(used)]
    out.append(f"<h3>{html.escape(ctx.t('출처 목록', 'Sources'))}</h3>")
    rows = pd.DataFrame(
        {
            "id": src["source"].tolist(),
            ctx.t("발행처", "Publisher"): src["publisher"].tolist(),
            ctx.t("제목", "Title"): src["title"].tolist(),
            ctx.t("날짜", "Date"): src["date"].tolist(),
            "URL": [
                f'<a href="{html.escape(u)}">{html.escape(u[:60])}</a>'
                if isinstance(u, str) and u
                else "–"
                for u in src["url"]
            ],
        }
    )
    out.append(_frame_html(rows, raw_columns=["URL"]))
    return "".join(out)


def _sec_phase2(ctx: ReportContext) -> str:
    from . import gimhae_model as G
    from . import sensitivity as S

    subject: Subject = ctx.subject
    zone = subject.zone
    lang = ctx.lang
    if subject.planned is None:
        return _gap(ctx, "계획된 단계가 없습니다.", "The program has no planned phase.")
    out = []
    s, e = _phase_window(zone, subject.planned)
    schedule = _phase2_schedule(ctx)
    out.append(f"<h3>{html.escape(ctx.t('예산 계획', 'Budget plan'))}</h3>")
    if schedule is None:
        out.append(_gap(ctx, "이 단계에는 예산 총액이 없습니다.", "The phase has no budget total."))
    else:
        national = zone.funding_share(subject.planned, "national")
        ctx.assume(
            ctx.t("2단계 연도별 배분", "phase-2 yearly split"),
            ctx.t(
                f"균등 ({_num(schedule.total / (e - s + 1), 1)}억원/년)",
                f"even ({_num(schedule.total / (e - s + 1), 1)} 억원/yr)",
            ),
            "assumption",
            ctx.t("연도별 계획은 발표되지 않음", "the yearly schedule is not published"),
        )
        data = (
            schedule.by_source
            if schedule.by_source is not None
            else schedule.by_year.to_frame("total")
        )
        ax = P.stacked_bars(
            data, lang=lang, title=ctx.t(f"{s}-{e} 예산 (재원별)", f"{s}-{e} budget by source")
        )
        out.append(
            figure_html(
                ax,
                ctx.t(
                    f"총 {_num(schedule.total)}억원 중 국비 {national:.0f} %; 나머지는 재원이 구분되지 않음 (빗금).",
                    f"{_num(schedule.total)} 억원 in total, {national:.0f} % national; the rest is not itemised (hatched).",
                ),
            )
        )
    comps = zone.components
    comps = comps[comps["phase"] == subject.planned]
    if not comps.empty:
        items = "".join(
            f"<li>{html.escape(r['name_ko'])} ({html.escape(r['name_en'])})</li>"
            for _, r in comps.iterrows()
        )
        out.append(f"<p>{html.escape(ctx.t('구성 사업:', 'Components:'))}</p><ul>{items}</ul>")
    if not subject.is_gimhae:
        out.append(
            _gap(
                ctx,
                "이 프로그램에는 보정된 성과 모형이 없어 전망을 계산하지 않았습니다 "
                "(innozone.outcomes.ZoneModel로 직접 만들 수 있습니다).",
                "No calibrated outcome model exists for this program, so no projection is "
                "computed (build one with innozone.outcomes.ZoneModel).",
            )
        )
        return "".join(out)
    proj = _projection(ctx)
    out.append(
        f"<h3>{html.escape(ctx.t('불확실성을 포함한 전망', 'Projection with uncertainty'))}</h3>"
    )
    out.append(
        para(
            ctx.t(
                f"1단계 실적으로 보정한 모형을 {proj.n_draws:,}회 (라틴 하이퍼큐브, 시드 {ctx.seed}) 모의실험했습니다. "
                "띠는 5–95 %와 25–75 % 구간, 선은 중앙값, 점선은 예시 목표입니다.",
                f"The model calibrated on phase 1 was run for {proj.n_draws:,} Latin-hypercube draws (seed "
                f"{ctx.seed}). Bands are the 5-95 % and 25-75 % ranges, the line the median, dashes the "
                "example target.",
            )
        )
    )
    names = _INDICATOR_NAMES
    for t in proj.targets:
        ko, en = names.get(t.indicator, (t.indicator, t.indicator))
        fan = proj.fan(t.indicator).drop(columns=["mean"])
        fan.columns = [float(c[1:]) / 100.0 for c in fan.columns]
        ax = P.fan_chart(
            fan,
            target={t.year: t.value},
            probability=proj.probability(t),
            title=ctx.t(ko, en),
            lang=lang,
        )
        out.append(
            figure_html(
                ax,
                ctx.t(
                    f"{t.year}년 목표 {_num(t.value)}: 예시 목표 (공식 목표 아님)",
                    f"Target {_num(t.value)} in {t.year}: an example, not official",
                ),
            )
        )
    probs = proj.probabilities()
    table = pd.DataFrame(
        {
            ctx.t("지표", "Indicator"): [ctx.t(*names.get(i, (i, i))) for i in probs["indicator"]],
            ctx.t("연도", "Year"): probs["year"].tolist(),
            ctx.t("예시 목표", "Example target"): [_num(v) for v in probs["target"]],
            ctx.t("중앙값 전망", "Median projection"): [_num(v, 1) for v in probs["median"]],
            ctx.t("달성 확률", "P(reached)"): [_pct(v, 0) for v in probs["probability"]],
        }
    )
    out.append(_frame_html(table))
    for t in proj.targets:
        ctx.assume(
            ctx.t(f"예시 목표: {t.indicator} {t.year}", f"example target: {t.indicator} {t.year}"),
            _num(t.value),
            "assumption",
            t.label,
        )
    # Sensitivity
    out.append(f"<h3>{html.escape(ctx.t('어떤 가정이 중요한가', 'Which assumptions matter'))}</h3>")
    model, params = G.gimhae_model(), G.gimhae_parameters()
    tor = S.tornado(model, params, indicator="jobs", year=e)
    swings = tor.to_frame()
    moving = swings[swings["swing"] > 1e-9 * max(1.0, abs(tor.base))]
    ax = P.tornado(
        moving,
        base=tor.base,
        lang=lang,
        xlabel=ctx.t(f"{e}년 일자리", f"Jobs in {e}"),
        title=ctx.t(f"토네이도: {e}년 일자리", f"Tornado: jobs in {e}"),
    )
    out.append(
        figure_html(
            ax,
            ctx.t(
                "각 입력을 10 %와 90 % 분위로 하나씩 움직였을 때 (나머지는 중앙값); 영향이 없는 입력은 생략",
                "Each input moved alone to its 10 % and 90 % quantile (others at the median); inputs "
                "without effect are left out",
            ),
        )
    )
    outputs = [("cum_companies", e), ("jobs", e)]
    sob = S.sobol(
        model,
        params,
        outputs=outputs,
        n=2**11,
        seed=ctx.seed,
        n_bootstrap=100,
        n_threads=ctx.n_threads,
    )
    with P.style():
        fig = P.new_axes(figsize=(11.0, 4.6)).figure
        fig.clear()
        axes = fig.subplots(1, 2)
    for ax_i, (ind, year) in zip(axes, outputs):
        ko, en = _INDICATOR_NAMES[ind]
        P.sobol_bars(
            sob.indices(ind, year)[["S1", "ST", "S1_conf", "ST_conf"]],
            lang=lang,
            ax=ax_i,
            title=ctx.t(f"Sobol' 지수: {year}년 {ko}", f"Sobol' indices: {en} {year}"),
        )
    out.append(
        figure_html(
            axes[0],
            ctx.t(
                "N = 2,048, 95 % 부트스트랩 구간. S1: 입력 하나의 몫, ST: 상호작용 포함",
                "N = 2,048, 95 % bootstrap intervals. S1: one input's own share; ST: including "
                "interactions",
            ),
        )
    )
    # Scenarios
    out.append(f"<h3>{html.escape(ctx.t('시나리오', 'Scenarios'))}</h3>")
    comp = G.gimhae_scenarios(
        n_draws=max(2000, ctx.n_draws // 4), seed=ctx.seed, n_threads=ctx.n_threads
    )
    probs = comp.probabilities()
    probs.index = [f"{ctx.t(*names.get(i, (i, i)))} {y} ≥ {_num(v)}" for i, y, v in probs.index]
    desc = {sc.name: sc.description for sc in comp.scenarios}
    shown = probs.apply(lambda col: col.map(lambda v: _pct(v, 0)))
    shown.columns = [f"{c} ({desc.get(c, '')})" for c in shown.columns]
    out.append(_frame_html(shown.reset_index().rename(columns={"index": ctx.t("목표", "Target")})))
    out.append(
        para(
            ctx.t(
                "표는 같은 난수로 계산한 각 시나리오의 목표 달성 확률입니다.",
                "The table gives each scenario's probability of reaching the targets, on "
                "common random numbers.",
            )
        )
    )
    return "".join(out)


def _sec_appraisal(ctx: ReportContext) -> str:
    import numpy as np

    from . import budget as B
    from . import inputoutput as IO

    subject: Subject = ctx.subject
    out = []
    schedule = _phase2_schedule(ctx)
    if schedule is None:
        return _gap(
            ctx,
            "계획된 예산이 없어 경제성 평가를 하지 않았습니다.",
            "No planned budget, so there is no appraisal.",
        )
    rate = B.KOREA_SOCIAL_DISCOUNT_RATE
    costs = schedule.by_year
    ripple = IO.quick_ripple(costs, year=2022)
    rsum = ripple.frame.sum()
    out.append(
        f"<h3>{html.escape(ctx.t('지출의 파급효과 (간이 추정)', 'Ripple effects of the spending (quick estimate)'))}</h3>"
    )
    out.append(
        kpi_cards(
            [
                (
                    ctx.t("생산유발", "Induced output"),
                    f"{_num(rsum['output'], 1)} 억원",
                    ctx.t("2022 전산업 계수", "2022 all-industry"),
                ),
                (
                    ctx.t("부가가치유발", "Induced value added"),
                    f"{_num(rsum['value_added'], 1)} 억원",
                    ctx.t("2022 전산업 계수", "2022 all-industry"),
                ),
                (
                    ctx.t("취업유발", "Induced jobs"),
                    f"{_num(rsum['jobs'], 0)}",
                    ctx.t("명", "persons"),
                ),
            ]
        )
    )
    out.append(
        note_box(
            ctx.t(
                "한국은행 전산업 평균 유발계수를 지출에 곱한 간이 추정이며, 의료기기 부문·지역 산업연관표 결과가 아닙니다.",
                "All-industry average Bank of Korea coefficients applied to the spending: a quick estimate, "
                "not a sector- or region-specific input-output result.",
            )
        )
    )
    ctx.assume(
        ctx.t("유발계수", "inducement coefficients"),
        ", ".join(f"{k} {v:g}" for k, v in ripple.coefficients.items()),
        "sourced",
        "Bank of Korea 2022 input-output coefficients as reported (zone-facts 5b)",
    )
    if not subject.is_gimhae:
        out.append(
            _gap(
                ctx,
                "편익 흐름을 만들 성과 모형이 없어 NPV와 B/C는 계산하지 않았습니다.",
                "No outcome model gives a benefit stream, so NPV and B/C are not computed.",
            )
        )
        return "".join(out)
    from . import gimhae_model as G
    from . import outcomes as O

    proj = _projection(ctx)
    # Benefit: value added of the revenue that phase 2 adds, i.e. the projected revenue
    # minus the revenue of a no-phase-2 run (phase-1 firms only) on the same draws.
    without = _cached(
        ctx,
        "without",
        lambda: O.simulate(
            G.gimhae_model([0.0] * len(proj.years)),
            G.gimhae_parameters(),
            n_draws=ctx.n_draws,
            seed=ctx.seed,
            n_threads=ctx.n_threads,
            keep_inputs=False,
        ),
    )
    va_ratio = 0.313
    attribution = 0.3
    ctx.assume(
        ctx.t("매출 대비 부가가치율", "value-added ratio of revenue"),
        "31.3 %",
        "sourced",
        "KHIDI analysis of BoK tables, medical devices (zone-facts 5b, medium confidence)",
    )
    ctx.assume(
        ctx.t("사업 기여율", "share of the added revenue attributable to the program"),
        "30 %",
        "assumption",
        ctx.t("근거 없음; 아래 민감도 표 참고", "no evidence; see the sensitivity table"),
    )
    ctx.assume(
        ctx.t("2단계가 없을 때", "without phase 2"),
        ctx.t("2단계 예산 0 (1단계 기업만 남음)", "phase-2 budget 0 (phase-1 firms only)"),
        "assumption",
        ctx.t("반사실 비교 기준", "the counterfactual of the appraisal"),
    )
    revenue = proj.indicator("revenue") - without.indicator("revenue")  # 억원/yr, draws x years
    years = proj.years
    cost = costs.reindex(years).to_numpy(dtype=float)
    factors = B.discount_factors(len(years), rate, "beginning")
    pv_cost = float(np.dot(cost, factors))
    out.append(
        f"<h3>{html.escape(ctx.t(f'NPV와 B/C (할인율 {rate:.1%})', f'NPV and B/C at {rate:.1%}'))}</h3>"
    )
    median_rev = np.median(revenue, axis=0)
    benefit = pd.Series(median_rev * va_ratio * attribution, index=years)
    res = B.appraise(benefit, pd.Series(cost, index=years), rate=rate)
    bc_draws = (revenue * va_ratio * attribution) @ factors / pv_cost
    out.append(
        kpi_cards(
            [
                ("NPV", f"{_num(res.npv, 1)} 억원", ctx.t("중앙값 편익 기준", "median benefits")),
                ("B/C", f"{res.bc_ratio:.2f}", ctx.t("1 이상이면 경제성 있음", ">= 1 passes")),
                (
                    ctx.t("P(B/C ≥ 1)", "P(B/C >= 1)"),
                    _pct(float(np.mean(bc_draws >= 1.0)), 0),
                    ctx.t(f"{proj.n_draws:,}회 모의실험", f"{proj.n_draws:,} draws"),
                ),
            ]
        )
    )
    ax = res.plot(lang=ctx.lang)
    out.append(
        figure_html(
            ax,
            ctx.t(
                "연도별 현재가치 순편익과 NPV (2025-2029 기간만)",
                "Discounted net flow by year and the NPV (2025-2029 only)",
            ),
        )
    )
    rows = []
    for share in (0.1, 0.2, 0.3, 0.5, 1.0):
        bc = (revenue * va_ratio * share) @ factors / pv_cost
        rows.append(
            {
                ctx.t("기여율", "Attribution"): _pct(share, 0),
                ctx.t("B/C 중앙값", "Median B/C"): f"{np.median(bc):.2f}",
                "P(B/C ≥ 1)": _pct(float(np.mean(bc >= 1.0)), 0),
            }
        )
    out.append(_frame_html(pd.DataFrame(rows)))
    out.append(
        note_box(
            ctx.t(
                "편익 = (2단계가 있을 때 매출 − 없을 때 매출) × 부가가치율 × 기여율. "
                "2029년 이후 편익은 넣지 않아 보수적입니다. "
                "할인은 기획재정부 예비타당성조사의 실질 사회적 할인율 4.5 %(2017년 이후)를 연초 기준으로 적용했습니다.",
                "Benefit = (revenue with phase 2 - revenue without it) x value-added ratio x attribution. "
                "Benefits after 2029 are left "
                "out (conservative). Discounting uses Korea's real social discount rate for preliminary "
                "feasibility studies, 4.5 % since 2017, at the beginning of each year.",
            )
        )
    )
    return "".join(out)


def _sec_dexter(ctx: ReportContext) -> str:
    from . import budget as B

    subject: Subject = ctx.subject
    prog = subject.support
    if prog is None:
        return _gap(
            ctx,
            "참여자 부담금이 있는 지원 사업이 자료에 없습니다.",
            "The data holds no support program with participant co-payments.",
        )
    figures = _cost_sharing_figures(prog)
    if figures is None:  # resolve_subject only picks programs that have both figures
        raise InvalidInputError(f"report: program {prog.id!r} has no cost-sharing figures")
    unit_value, contribution = figures
    cs = B.cost_sharing(unit_value, contribution, unit="KRW")
    out = [para(prog.name_ko if ctx.lang == "ko" else prog.name_en)]
    cards = [
        (ctx.t("지원 규모 (1개사)", "Support value per company"), f"{_num(unit_value)} 원", ""),
        (ctx.t("기업 부담금", "Company contribution"), f"{_num(contribution)} 원", ""),
        (ctx.t("기업 부담 비율", "Company share"), _pct(cs.participant_share), ""),
        (ctx.t("공공 지원율", "Subsidy rate"), _pct(cs.subsidy_rate), ""),
    ]
    obs = prog.observations
    comp = obs[obs["indicator"] == "companies-registered"]
    prod = obs[obs["indicator"] == "products-registered"]
    if not comp.empty and not prod.empty:
        per = float(prod["value"].iloc[-1]) / float(comp["value"].iloc[-1])
        cards.append(
            (
                ctx.t("기업당 등록 상품", "Products per company"),
                f"{per:.2f}",
                f"{_num(prod['value'].iloc[-1])} / {_num(comp['value'].iloc[-1])}",
            )
        )
    out.append(kpi_cards(cards))
    ax = cs.plot(lang=ctx.lang)
    out.append(
        figure_html(
            ax,
            ctx.t(
                "참여 기업 1개사당 부담과 공공 지원", "Per company: contribution and public subsidy"
            ),
        )
    )
    rows = []
    for budget_eok in (0.5, 1.0, 2.0, 5.0):
        r = B.cost_sharing(unit_value, contribution, budget=budget_eok * 1e8, unit="KRW")
        rows.append(
            {
                ctx.t("공공 예산", "Public budget"): f"{budget_eok:g} 억원",
                ctx.t("지원 가능 기업", "Companies fundable"): r.fundable,
                ctx.t(
                    "기업 부담 합계", "Contributions"
                ): f"{_num((r.fundable or 0) * contribution / 1e6, 1)} 백만원",
                ctx.t("잔액", "Left over"): f"{_num(r.budget_left or 0.0)} 원",
            }
        )
    out.append(f"<h3>{html.escape(ctx.t('규모 시나리오', 'Scale scenarios'))}</h3>")
    out.append(_frame_html(pd.DataFrame(rows)))
    ctx.assume(
        ctx.t("덱스터 공공 예산", "DEXTER public budget"),
        "0.5–5 억원",
        "assumption",
        ctx.t("예산이 발표되지 않아 규모별로 제시", "the budget is not published; shown by scale"),
    )
    return "".join(out)


def _zone_short(program: Any, lang: str) -> str:
    """'김해' or 'Gimhae' from '김해 강소연구개발특구' / 'Gimhae Gangso R&D Special Zone'."""
    if lang == "en":
        return str(program.name_en).replace(" Gangso R&D Special Zone", "")
    return str(program.name_ko).replace(" 강소연구개발특구", "")


def _zone_rates(zones_doc: Any, indicator: str, lang: str = "ko") -> pd.DataFrame:
    """Per zone: the widest published window of a cumulative indicator, per year."""
    obs = zones_doc.observations
    rows = obs[
        (obs["indicator"] == indicator) & (obs["role"] == "actual") & obs["window_start"].notna()
    ]
    out = []
    for prog in zones_doc.programs:
        if prog.kind != "gangso-zone":
            continue
        g = rows[rows["program"] == prog.id]
        name = _zone_short(prog, lang)
        if g.empty:
            out.append(
                {
                    "zone": name,
                    "program": prog.id,
                    "value": float("nan"),
                    "per_year": float("nan"),
                    "window": "–",
                    "confidence": "low",
                }
            )
            continue
        span = (g["window_end"] - g["window_start"] + 1).astype(int)
        best = g.assign(span=span).sort_values(["span", "window_end"], ascending=False).iloc[0]
        out.append(
            {
                "zone": name,
                "program": prog.id,
                "value": float(best["value"]),
                "per_year": float(best["value"]) / int(best["span"]),
                "window": f"{int(best['window_start'])}-{int(best['window_end'])}",
                "confidence": str(best["confidence"]),
            }
        )
    return pd.DataFrame(out).set_index("zone")


def _sec_zones(ctx: ReportContext) -> str:
    from .program import load

    subject: Subject = ctx.subject
    zones = load("gangso-zones")
    highlight = None
    if subject.zone is not None:
        region = subject.zone.region.get("ko", "")
        for prog in zones.programs:
            short = _zone_short(prog, "ko")
            if short and short in (subject.zone.name_ko + region):
                highlight = _zone_short(prog, ctx.lang)
    out = [
        para(
            ctx.t(
                "각 특구가 발표한 누적 실적은 기간이 서로 달라, 가장 긴 발표 기간의 값을 연평균으로 나누어 비교합니다. "
                "막대의 진하기는 자료 신뢰도입니다.",
                "Each zone published cumulative results over a different window; the widest window is "
                "divided by its length to compare yearly rates. Bar shading shows the data's confidence.",
            )
        )
    ]
    for ind, ko, en in (
        (
            "research-institute-companies",
            "연구소기업 설립 (연평균)",
            "Research-institute companies per year",
        ),
        ("startups", "기술창업 (연평균)", "Start-ups per year"),
        ("tech-transfer-equity", "기술이전·출자 (연평균)", "Tech transfers per year"),
    ):
        frame = _zone_rates(zones, ind, ctx.lang)
        ax = P.zone_comparison(
            frame,
            "per_year",
            highlight=highlight,
            confidence="confidence",
            title=ctx.t(ko, en),
            xlabel=ctx.t("건/년", "per year"),
            lang=ctx.lang,
        )
        out.append(
            figure_html(
                ax,
                ctx.t(
                    "발표 기간이 다른 누적값을 연평균으로 환산",
                    "Cumulative values over different windows, per year",
                ),
            )
        )
    table = _zone_rates(zones, "research-institute-companies", ctx.lang)
    info = []
    for prog in zones.programs:
        if prog.kind != "gangso-zone":
            continue
        short = _zone_short(prog, ctx.lang)
        info.append(
            {
                ctx.t("특구", "Zone"): short,
                ctx.t("차수", "Batch"): prog.batch,
                ctx.t("분야", "Field"): prog.field.get(ctx.lang) or prog.field.get("ko"),
                ctx.t("연구소기업", "RI companies"): _num(table.loc[short, "value"])
                if short in table.index
                else "–",
                ctx.t("기간", "Window"): table.loc[short, "window"]
                if short in table.index
                else "–",
                ctx.t("신뢰도", "Confidence"): table.loc[short, "confidence"]
                if short in table.index
                else "–",
            }
        )
    out.append(_frame_html(pd.DataFrame(info)))
    return "".join(out)


def _sec_efficiency(ctx: ReportContext) -> str:
    from .efficiency import zone_efficiency_section

    return zone_efficiency_section(lang=ctx.lang, seed=ctx.seed, n_threads=ctx.n_threads).html


def _sec_assumptions(ctx: ReportContext) -> str:
    subject: Subject = ctx.subject
    out = [
        para(
            ctx.t(
                "보고서가 기대는 모든 가정입니다. 근거: sourced = 발표된 값, derived = 발표 값에서 계산, "
                "assumption = 출처 없는 판단.",
                "Every assumption the report rests on. Basis: sourced = a published figure, derived = "
                "computed from published figures, assumption = a judgement without a source.",
            )
        )
    ]
    if subject.is_gimhae:
        from . import gimhae_model as G

        for a in G.gimhae_assumptions():
            ctx.assume(
                a.name,
                repr(a.distribution) + (f" {a.unit}" if a.unit else ""),
                a.basis,
                f"{a.source}. {a.note}",
            )
    frame = pd.DataFrame(
        [
            {
                ctx.t("구역", "Section"): a.section,
                ctx.t("가정", "Assumption"): a.name,
                ctx.t("값", "Value"): a.value,
                ctx.t("근거", "Basis"): a.basis,
                ctx.t("출처·설명", "Source / note"): a.source,
            }
            for a in ctx.assumptions
        ]
    )
    out.append(_frame_html(frame))
    notes = subject.zone.notes if subject.zone is not None else pd.DataFrame()
    if len(notes):
        out.append(f"<h3>{html.escape(ctx.t('자료에 달린 주석', 'Notes kept with the data'))}</h3>")
        out.append(
            "<ul>" + "".join(f"<li>{html.escape(str(t))}</li>" for t in notes["text"]) + "</ul>"
        )
    return "".join(out)


# ----------------------------------------------------------------------- command line
def cli_configure(parser: Any) -> None:
    """Arguments of ``innozone report`` (registered in :mod:`innozone.cli`)."""
    parser.add_argument("program", help="embedded dataset name (gimhae) or a program JSON file")
    parser.add_argument(
        "-o", "--output", default=None, help="HTML file to write (default: <name>-report.html)"
    )
    parser.add_argument("--lang", choices=P.LANGS, default="ko", help="language of the report")
    parser.add_argument("--seed", type=int, default=20250121, help="seed of every random draw")
    parser.add_argument("--draws", type=int, default=20_000, help="Monte Carlo draws")
    parser.add_argument("--threads", type=int, default=0, help="threads (0: all cores)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")


def cli_run(args: Any) -> int:
    """Run ``innozone report``; prints the path written."""
    import sys

    output = args.output or f"{Path(str(args.program)).stem}-report.html"
    path = write_report(
        args.program,
        output,
        lang=args.lang,
        seed=args.seed,
        n_draws=args.draws,
        n_threads=args.threads,
        progress=not args.no_progress,
    )
    print(path, file=sys.stdout)
    return 0
