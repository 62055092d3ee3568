"""The ``innozone`` command line (also ``python -m innozone``).

Each subcommand is registered with :func:`register`: a name, a one-line help, a function
that adds its arguments to an :class:`argparse.ArgumentParser` and a function that runs it
and returns the exit status. A new subcommand (``report``, ...) is one more ``register``
call; :func:`main` builds the parser from the registry.

``innozone summary gimhae``
    Phase results and plans as tables, the derived figures (growth rates, funding shares,
    ratios) and the consistency checker's findings of an embedded dataset or a JSON file.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

import pandas as pd

from ._errors import InvalidInputError, NotFoundError, SchemaError

__all__ = ["Command", "DerivedFigure", "build_parser", "derived_figures", "main", "register"]


def __dir__() -> list[str]:  # tab completion lists the public names only
    return list(__all__)


@dataclass(frozen=True)
class Command:
    """A subcommand: ``configure(parser)`` adds its arguments, ``run(args)`` returns the status."""

    name: str
    help: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


_COMMANDS: dict[str, Command] = {}


def register(
    name: str,
    help: str,
    configure: Callable[[argparse.ArgumentParser], None],
    run: Callable[[argparse.Namespace], int],
) -> None:
    """Add a subcommand to the ``innozone`` command line.

    Parameters
    ----------
    name : str
        The word typed after ``innozone``.
    help : str
        One line shown by ``innozone --help``.
    configure : callable
        Receives the subcommand's parser and adds its arguments.
    run : callable
        Receives the parsed arguments; returns the exit status (0 on success).
    """
    if name in _COMMANDS:
        raise InvalidInputError(f"the subcommand {name!r} is already registered")
    _COMMANDS[name] = Command(name, help, configure, run)


def build_parser() -> argparse.ArgumentParser:
    """The parser with every registered subcommand."""
    parser = argparse.ArgumentParser(
        prog="innozone",
        description="Plan and evaluate regional innovation programs (Korea's Gangso R&D zones).",
    )
    from . import __version__

    parser.add_argument("--version", action="version", version=f"innozone {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for command in _COMMANDS.values():
        child = sub.add_parser(command.name, help=command.help, description=command.help)
        command.configure(child)
        child.set_defaults(_run=command.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (2 for bad input)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args._run(args))
    except (SchemaError, NotFoundError, InvalidInputError) as error:
        message = error.args[0] if isinstance(error, KeyError) and error.args else error
        print(f"innozone {args.command}: error: {message}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader went away (`innozone summary gimhae | head`): stop quietly, and keep
        # Python from complaining again when it flushes stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


# ----------------------------------------------------------------------------- derived figures
@dataclass(frozen=True)
class DerivedFigure:
    """A figure computed from the data, with how it was computed.

    ``label`` and ``unit`` are in the language :func:`derived_figures` was asked for.
    """

    program: str
    label: str
    value: float
    unit: str
    formula: str


# Ratios a reader expects wherever a program has the indicators, by indicator id (the
# package's vocabulary, as in innozone.zonemodel.DEFAULT_INDICATORS): (label key, numerator
# ids, denominator ids, unit key, scale). A negative scale gives 1 - ratio (a complement).
_RATIOS: tuple[tuple[str, tuple[str, ...], tuple[str, ...], str, float], ...] = (
    (
        "cli.ratio.new_firms_per_transfer",
        ("research-institute-companies", "tech-startups"),
        ("tech-transfer-equity",),
        "cli.unit.firms_per_case",
        1.0,
    ),
    (
        "cli.ratio.company_share",
        ("company-contribution",),
        ("support-value",),
        "cli.unit.percent",
        100.0,
    ),
    (
        "cli.ratio.subsidy_rate",
        ("company-contribution",),
        ("support-value",),
        "cli.unit.percent",
        -100.0,
    ),
    (
        "cli.ratio.products_per_company",
        ("products-registered",),
        ("companies-registered",),
        "cli.unit.products_per_firm",
        1.0,
    ),
)


def _fmt(value: float, digits: int = 1) -> str:
    if not math.isfinite(value):
        return "–"
    return f"{value:,.{digits}f}"


def _period_text(period: Any) -> str:
    return str(period) if isinstance(period, int) else f"{period[0]}-{period[1]}"


def _phase_result_period(program: Any, indicator: str, phase: str) -> Any:
    """The widest window (or latest year) of the indicator's actual observations, or None.

    That observation is the phase's result.
    """
    frame = program.observations
    frame = frame[
        (frame["indicator"] == indicator) & (frame["phase"] == phase) & (frame["role"] == "actual")
    ]
    if "superseded" in frame.columns:
        frame = frame[~frame["superseded"].astype(bool)]
    if frame.empty:
        return None
    start = frame["year"].fillna(frame["window_start"]).astype(int)
    end = frame["year"].fillna(frame["window_end"]).astype(int)
    best = max(zip(end, end - start, start, frame["year"].notna()))
    end_, _, start_, is_year = best
    return int(end_) if is_year else (int(start_), int(end_))


def derived_figures(document: Any, lang: str | None = None) -> list[DerivedFigure]:
    """Figures derived from a document.

    For every program: the compound annual growth of each program-level stock indicator
    over each phase whose first and last years it was observed in; the national (and other
    itemised) share of each phase budget with a total; and, for each phase, the ratios a
    reader expects where the program has their indicators (new firms per linked
    technology, the company share and subsidy rate of a supported service, products per
    registered company), over the phase result of the denominator (its widest window or
    latest year).

    Parameters
    ----------
    document : innozone.Document
    lang : {"en", "ko"}, optional
        Language of the labels and units; None means :data:`innozone.options.lang`.

    Returns
    -------
    list of DerivedFigure
    """
    from . import _labels as L
    from ._validate import resolve_lang

    lang = resolve_lang(lang)
    out: list[DerivedFigure] = []
    for program in document.programs:
        indicators = program.indicators
        stocks = indicators[(indicators["phase"].isna()) & (indicators["kind"] == "stock")]
        for phase in program.phases.itertuples():
            for item in stocks.itertuples():
                try:
                    growth = program.growth(item.indicator, phase.start_year, phase.end_year)
                except (NotFoundError, InvalidInputError, ArithmeticError):
                    continue
                name = item.name_ko if lang == "ko" else item.name_en
                out.append(
                    DerivedFigure(
                        program.id,
                        L.label(
                            "cli.cagr", lang, name=name, start=phase.start_year, end=phase.end_year
                        ),
                        growth.cagr_percent,
                        L.label("cli.unit.percent_a_year", lang),
                        f"({_fmt(growth.end_value, 0)}/{_fmt(growth.start_value, 0)})^(1/{growth.years}) - 1",
                    )
                )
            for source in ("national", "local", "private", "other"):
                try:
                    share = program.funding_share(phase.phase, source)
                except (NotFoundError, InvalidInputError):
                    continue
                summary = program.budget_summary(phase.phase)
                out.append(
                    DerivedFigure(
                        program.id,
                        L.label(
                            "cli.funding_share",
                            lang,
                            source=L.label(f"source.{source}", lang),
                            phase=_phase_name(phase, lang),
                        ),
                        100.0 * share,
                        L.label("cli.unit.percent", lang),
                        f"{_money(summary[f'{source}_krw'], lang)} / "
                        f"{_money(summary['total_krw'], lang)}",
                    )
                )
            for key, top, bottom, unit_key, scale in _RATIOS:
                period = _phase_result_period(program, bottom[0], phase.phase)
                if period is None:
                    continue
                try:
                    numerator = [program.value(i, period, phase=phase.phase) for i in top]
                    denominator = [program.value(i, period, phase=phase.phase) for i in bottom]
                except NotFoundError:
                    continue
                ratio = sum(numerator) / sum(denominator)
                value = ratio * scale if scale > 0 else (1.0 - ratio) * -scale
                terms = (
                    "("
                    + " + ".join(_fmt(v, 0) for v in numerator)
                    + ") / ("
                    + " + ".join(_fmt(v, 0) for v in denominator)
                    + ")"
                )
                formula = terms if scale > 0 else f"1 - {terms}"
                where = f"{_phase_name(phase, lang)}, {_period_text(period)}"
                out.append(
                    DerivedFigure(
                        program.id,
                        L.label(key, lang, where=where),
                        value,
                        L.label(unit_key, lang),
                        formula,
                    )
                )
    return out


# ----------------------------------------------------------------------------- summary
def _phase_name(phase: Any, lang: str) -> str:
    name = getattr(phase, "name_ko" if lang == "ko" else "name_en", None)
    if isinstance(name, str) and name:
        return name
    return str(phase.phase)


def _figure_text(value: float, unit: str) -> str:
    # Percentages with one decimal (27.4 %), other ratios with three significant digits
    # (0.574, 7.86).
    if not math.isfinite(value):
        return "–"
    if unit.startswith("%"):
        return _fmt(value, 1)
    digits = 2 - math.floor(math.log10(abs(value))) if value else 0
    return _fmt(value, max(0, digits))


def _krw_en(krw: float) -> str:
    """An amount in won for English output: KRW 18.0 bn, KRW 2.5 m, KRW 430,000."""
    size = abs(krw)
    if size >= 1e9:
        return f"KRW {krw / 1e9:,.{1 if size < 1e12 else 0}f} bn"
    if size >= 1e6:
        return f"KRW {krw / 1e6:,.1f} m"
    return f"KRW {krw:,.0f}"


def _money(krw: Any, lang: str) -> str:
    if krw is None or (isinstance(krw, float) and math.isnan(krw)):
        return "–"
    if lang == "en":
        return _krw_en(float(krw))
    from .money import format_krw

    return format_krw(float(krw), money_unit="억원", decimals=None)


def _value_text(value: float, unit: str, lang: str) -> str:
    from . import _core
    from . import _labels as L

    number = str(_core.program.format_number(float(value), -1))  # as stated: 1,037.9
    if unit in _KRW_PER:
        return number + unit if lang == "ko" else _krw_en(float(value) * _KRW_PER[unit])
    shown = L.unit_label(unit, lang) if L.has_label(f"unit.{unit}") else unit
    if lang == "ko" and shown in ("건", "개", "명", "%", "배", "년"):
        return number + shown if shown != "%" else f"{number} %"
    return f"{number} {shown}"


# Won per unit of each money unit.
_KRW_PER = {"원": 1.0, "만원": 1e4, "백만원": 1e6, "억원": 1e8, "조원": 1e12}


def _label(key: str, lang: str, **fields: Any) -> str:
    from . import _labels as L

    return L.label(key, lang, **fields)


def _code(prefix: str, value: Any, lang: str) -> str:
    """A coded value (a confidence, role, funding source, tag) in ``lang``."""
    from . import _labels as L

    if not isinstance(value, str) or not value:
        return ""
    return L.label_or(f"{prefix}.{value}", value, lang)


def _table(frame: pd.DataFrame, out: TextIO, lang: str) -> None:
    if frame.empty:
        print("  " + _label("cli.none", lang), file=out)
        return
    frame = frame.rename(columns=lambda c: _label(f"cli.col.{c}", lang))
    text = frame.to_string(index=False)
    for line in text.splitlines():
        print("  " + line, file=out)


def _years(phase: Any) -> str:
    start, end = int(phase.start_year), int(phase.end_year)
    return str(start) if start == end else f"{start}-{end}"


def _focus(program: Any, phase: Any, lang: str) -> str:
    texts = program.phase(phase.phase).focus
    return ", ".join(str((t.ko or t.en) if lang == "ko" else (t.en or t.ko)) for t in texts)


def _status(phase: Any, lang: str) -> str:
    return _code("cli.status", phase.status, lang) or _label("cli.status_missing", lang)


def _phase_results(program: Any, phase: Any, lang: str, out: TextIO) -> None:
    frame = program.observations
    frame = frame[(frame["phase"] == phase.phase) & (frame["role"] == "actual")]
    if "superseded" in frame.columns:
        frame = frame[~frame["superseded"].astype(bool)]
    if frame.empty:
        return
    # The widest window (or latest year) of each indicator: the phase result.
    frame = frame.assign(
        start=frame["year"].fillna(frame["window_start"]).astype(int),
        end=frame["year"].fillna(frame["window_end"]).astype(int),
    )
    frame = frame.assign(span=frame["end"] - frame["start"])
    best = (
        frame.sort_values(["end", "span"], ascending=[False, False])
        .groupby("indicator", sort=False)
        .head(1)
    )
    order = {name: i for i, name in enumerate(program.indicators["indicator"])}
    best = best.assign(order=best["indicator"].map(order)).sort_values("order")
    table = pd.DataFrame(
        {
            "indicator": best["name_ko" if lang == "ko" else "name_en"],
            "period": [
                str(s) if s == e else f"{s}-{e}" for s, e in zip(best["start"], best["end"])
            ],
            "value": [_value_text(v, u, lang) for v, u in zip(best["value"], best["unit"])],
            "confidence": [_code("confidence", c, lang) for c in best["confidence"]],
        }
    )
    print(
        "\n  "
        + _label(
            "cli.results_of",
            lang,
            phase=_phase_name(phase, lang),
            years=_years(phase),
            status=_status(phase, lang),
        ),
        file=out,
    )
    _table(table, out, lang)


def _phase_budget(program: Any, phase: Any, lang: str, out: TextIO) -> None:
    budget = program.budget
    budget = budget[budget["phase"] == phase.phase]
    if budget.empty:
        return
    print("  " + _label("cli.budget_of", lang, phase=_phase_name(phase, lang)), file=out)
    components = program.components
    names = dict(zip(components["component"], components["name_ko" if lang == "ko" else "name_en"]))
    _table(
        pd.DataFrame(
            {
                "item": [_code("cli.item", i, lang) for i in budget["item"]],
                "year": [
                    str(y) if pd.notna(y) else _label("report.a.whole_phase", lang)
                    for y in budget["year"]
                ],
                "funding": [_code("cli.funding", f, lang) for f in budget["funding_source"]],
                "component": [
                    names.get(c, c) if isinstance(c, str) else "" for c in budget["component"]
                ],
                "amount": [_money(k, lang) for k in budget["krw"]],
                "role": [_code("role", r, lang) for r in budget["role"]],
                "confidence": [_code("confidence", c, lang) for c in budget["confidence"]],
            }
        ),
        out,
        lang,
    )


def _phase_plan(program: Any, phase: Any, lang: str, out: TextIO) -> None:
    summary = program.budget_summary(phase.phase)
    print(
        "\n  "
        + _label(
            "cli.plan_of",
            lang,
            phase=_phase_name(phase, lang),
            years=_years(phase),
            status=_status(phase, lang),
        ),
        file=out,
    )
    rows = [(_label("cli.total_budget", lang), _money(summary["total_krw"], lang))]
    for source in ("national", "local", "private", "other"):
        if summary[f"{source}_krw"]:
            rows.append(
                (
                    _label("cli.funding_line", lang, source=_label(f"source.{source}", lang)),
                    _money(summary[f"{source}_krw"], lang),
                )
            )
    if summary["total_krw"] is not None and summary["lines_krw"]:
        rows.append((_label("cli.not_itemised", lang), _money(summary["unitemised_krw"], lang)))
    if phase.focus:
        rows.append((_label("cli.focus", lang), _focus(program, phase, lang)))
    _table(pd.DataFrame(rows, columns=["item", "value"]), out, lang)
    components = program.components
    components = components[components["phase"] == phase.phase]
    if not components.empty:
        print("  " + _label("cli.components", lang), file=out)
        _table(
            pd.DataFrame(
                {
                    "component": components["name_ko" if lang == "ko" else "name_en"],
                    "tags": [
                        ", ".join(_code("tag", t, lang) for t in tags)
                        for tags in components["tags"]
                    ],
                }
            ),
            out,
            lang,
        )


def _configure_summary(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "dataset",
        help="embedded dataset name (see `innozone datasets`) or path of a program JSON file",
    )
    parser.add_argument(
        "--lang",
        choices=["en", "ko"],
        default=None,
        help="language of the output (default: innozone.options.lang, 'en')",
    )
    parser.add_argument(
        "--program", action="append", default=None, help="only this program id (repeatable)"
    )


def _run_summary(args: argparse.Namespace, out: TextIO | None = None) -> int:
    from . import _labels as L
    from ._validate import resolve_lang
    from .program import load

    out = out or sys.stdout
    lang = resolve_lang(args.lang)
    document = load(args.dataset)
    title = document.title.get(lang) or document.title.get("en") or document.id or args.dataset
    print(f"{title}", file=out)
    print("=" * min(78, max(len(title), 20)), file=out)
    programs = document.programs
    if args.program:
        programs = [document.program(pid) for pid in args.program]
    for program in programs:
        name = program.name_ko if lang == "ko" else program.name_en
        print(f"\n{name} [{program.id}]", file=out)
        phases = program.phases
        if phases.empty:
            print("  " + _label("cli.no_phases", lang), file=out)
        for phase in phases.itertuples():
            if phase.status == "planned":
                _phase_plan(program, phase, lang, out)
            else:
                _phase_results(program, phase, lang, out)
                _phase_budget(program, phase, lang, out)
    wanted = {p.id for p in programs}
    figures = [f for f in derived_figures(document, lang) if f.program in wanted]
    print("\n" + _label("cli.derived", lang), file=out)
    _table(
        pd.DataFrame(
            {
                "program": [f.program for f in figures],
                "figure": [f.label for f in figures],
                "value": [f"{_figure_text(f.value, f.unit)} {f.unit}" for f in figures],
                "from": [f.formula for f in figures],
            }
        ),
        out,
        lang,
    )
    findings = document.check()
    findings = findings[findings["program"].isin(wanted)]
    counts = findings["severity"].value_counts()
    print(
        "\n"
        + _label(
            "cli.findings",
            lang,
            n=len(findings),
            errors=int(counts.get("error", 0)),
            warnings=int(counts.get("warning", 0)),
            info=int(counts.get("info", 0)),
        ),
        file=out,
    )
    names = {
        (p.id, row.indicator): (row.name_ko if lang == "ko" else row.name_en)
        for p in programs
        for row in p.indicators.itertuples()
    }
    for row in findings.itertuples():
        where = "/".join(
            x for x in (row.program, row.phase, row.indicator) if isinstance(x, str) and x
        )
        # Composed from the finding's fields in both languages (the checker's own message
        # writes money in its display unit, e.g. 억원, also in English).
        finding = {k: v for k, v in row._asdict().items() if k != "message"}
        indicator: str | None = (
            str(names[(row.program, row.indicator)])
            if isinstance(row.indicator, str) and (row.program, row.indicator) in names
            else None
        )
        text = L.finding_text(finding, lang, indicator_name=indicator)
        print(
            f"  [{_code('severity', row.severity, lang)}] "
            f"{_code('finding', row.kind, lang)} {where}: {text}",
            file=out,
        )
    return 0


def _configure_datasets(parser: argparse.ArgumentParser) -> None:
    del parser  # no arguments


def _run_datasets(args: argparse.Namespace) -> int:
    from .program import datasets

    del args
    for row in datasets().itertuples():
        print(f"{str(row.dataset):16s} {str(row.title_en or row.title_ko or '')}")
    return 0


register(
    "summary",
    "tables of phase results and plans, derived figures and consistency findings",
    _configure_summary,
    lambda args: _run_summary(args),
)
register("datasets", "list the embedded datasets", _configure_datasets, _run_datasets)

# ----------------------------------------------------------------------------- report
from .report import cli_configure as _configure_report  # noqa: E402
from .report import cli_run as _run_report  # noqa: E402

register(
    "report",
    "write the self-contained HTML report (figures and font embedded) of a "
    "dataset or a program JSON file",
    _configure_report,
    _run_report,
)
