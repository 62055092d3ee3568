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


def register(name: str, help: str, configure: Callable[[argparse.ArgumentParser], None],
             run: Callable[[argparse.Namespace], int]) -> None:
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
    """A figure computed from the data, with how it was computed."""

    program: str
    label: str
    value: float
    unit: str
    formula: str


# Ratios a reader of a dataset expects, by dataset id: (program, label, unit, scale,
# numerator terms, denominator terms); a term is (phase or None, indicator, period).
_Term = tuple[Any, str, Any]
_RATIOS: dict[str, list[tuple[str, str, str, float, list[_Term], list[_Term]]]] = {
    "gimhae": [
        ("gimhae-gangso", "new firms per linked technology (phase 1)", "firms/case", 1.0,
         [("phase-1", "research-institute-companies", (2020, 2024)),
          ("phase-1", "tech-startups", (2020, 2024))],
         [("phase-1", "tech-transfer-equity", (2020, 2024))]),
        ("gimhae-dexter", "company share of export-marketing support", "%", 100.0,
         [("programmes-2025", "company-contribution", 2025)],
         [("programmes-2025", "support-value", 2025)]),
        ("gimhae-dexter", "public subsidy rate of export-marketing support", "%", -100.0,
         [("programmes-2025", "company-contribution", 2025)],
         [("programmes-2025", "support-value", 2025)]),
        ("gimhae-dexter", "export products per registered company (H2 2024)", "products/firm", 1.0,
         [("launch-2024", "products-registered", 2024)],
         [("launch-2024", "companies-registered", 2024)]),
    ],
}


def _fmt(value: float, digits: int = 1) -> str:
    if not math.isfinite(value):
        return "–"
    return f"{value:,.{digits}f}"


def derived_figures(document: Any) -> list[DerivedFigure]:
    """Figures derived from a document.

    For every program: the compound annual growth of each program-level stock indicator
    over each phase whose first and last years it was observed in; the national (and other
    itemised) share of each phase budget with a total. For the embedded datasets, also the
    ratios a reader of the source expects (new firms per linked technology, the DEXTER
    company share and subsidy rate, products per company).

    Parameters
    ----------
    document : innozone.Document

    Returns
    -------
    list of DerivedFigure
    """
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
                out.append(DerivedFigure(
                    program.id, f"CAGR of {item.name_en} {phase.start_year}-{phase.end_year}",
                    growth.cagr_percent, "% a year",
                    f"({_fmt(growth.end_value, 0)}/{_fmt(growth.start_value, 0)})^(1/{growth.years}) - 1"))
            for source in ("national", "local", "private", "other"):
                try:
                    share = program.funding_share(phase.phase, source)
                except (NotFoundError, InvalidInputError):
                    continue
                summary = program.budget_summary(phase.phase)
                amount = summary[f"{source}_krw"] / 1e8
                total = summary["total_krw"] / 1e8
                out.append(DerivedFigure(
                    program.id, f"{source} share of the {phase.phase} budget", 100.0 * share, "%",
                    f"{_fmt(amount, 1)}억 / {_fmt(total, 1)}억"))
    for program_id, label, unit, scale, top, bottom in _RATIOS.get(document.id, []):
        if program_id not in document:
            continue
        program = document.program(program_id)
        try:
            numerator = [program.value(ind, period, phase=phase) for phase, ind, period in top]
            denominator = [program.value(ind, period, phase=phase) for phase, ind, period in bottom]
        except NotFoundError:
            continue
        ratio = sum(numerator) / sum(denominator)
        value = ratio * scale if scale > 0 else (1.0 - ratio) * -scale
        terms = "(" + " + ".join(_fmt(v, 0) for v in numerator) + ") / (" + \
            " + ".join(_fmt(v, 0) for v in denominator) + ")"
        formula = terms if scale > 0 else f"1 - {terms}"
        out.append(DerivedFigure(program_id, label, value, unit, formula))
    return out


# ----------------------------------------------------------------------------- summary
def _figure_text(value: float, unit: str) -> str:
    # Percentages with one decimal (27.4 %), other ratios with three significant digits
    # (0.574, 7.86).
    if not math.isfinite(value):
        return "–"
    if unit.startswith("%"):
        return _fmt(value, 1)
    digits = 2 - math.floor(math.log10(abs(value))) if value else 0
    return _fmt(value, max(0, digits))


def _name(row: Any, lang: str) -> str:
    return str(row.name_ko if lang == "ko" else row.name_en)


def _money(krw: Any) -> str:
    if krw is None or (isinstance(krw, float) and math.isnan(krw)):
        return "–"
    from .money import format_krw

    return format_krw(float(krw), money_unit="억원", decimals=None)


def _value_text(value: float, unit: str) -> str:
    from . import _core

    number = str(_core.program.format_number(float(value), -1))  # as stated: 1,037.9
    if unit in ("원", "만원", "백만원", "억원", "조원"):
        return number + unit
    return f"{number} {unit}"


def _table(frame: pd.DataFrame, out: TextIO) -> None:
    if frame.empty:
        print("  (none)", file=out)
        return
    text = frame.to_string(index=False)
    for line in text.splitlines():
        print("  " + line, file=out)


def _phase_results(program: Any, phase: Any, lang: str, out: TextIO) -> None:
    frame = program.observations
    frame = frame[(frame["phase"] == phase.phase) & (frame["role"] == "actual")]
    if frame.empty:
        return
    # The widest window (or latest year) of each indicator: the phase result.
    frame = frame.assign(
        start=frame["year"].fillna(frame["window_start"]).astype(int),
        end=frame["year"].fillna(frame["window_end"]).astype(int),
    )
    frame = frame.assign(span=frame["end"] - frame["start"])
    best = frame.sort_values(["end", "span"], ascending=[False, False]).groupby(
        "indicator", sort=False).head(1)
    order = {name: i for i, name in enumerate(program.indicators["indicator"])}
    best = best.assign(order=best["indicator"].map(order)).sort_values("order")
    table = pd.DataFrame({
        "indicator": best["name_ko" if lang == "ko" else "name_en"],
        "period": [str(s) if s == e else f"{s}-{e}" for s, e in zip(best["start"], best["end"])],
        "value": [_value_text(v, u) for v, u in zip(best["value"], best["unit"])],
        "confidence": best["confidence"],
    })
    print(f"\n  Results of {phase.phase} ({phase.start_year}-{phase.end_year}, "
          f"{phase.status or 'status not given'})", file=out)
    _table(table, out)


def _phase_budget(program: Any, phase: Any, out: TextIO) -> None:
    budget = program.budget
    budget = budget[budget["phase"] == phase.phase]
    if budget.empty:
        return
    print(f"  Budget of {phase.phase} as found", file=out)
    _table(pd.DataFrame({
        "item": budget["item"],
        "year": [str(y) if pd.notna(y) else "whole phase" for y in budget["year"]],
        "funding": budget["funding_source"],
        "component": budget["component"].fillna(""),
        "amount": [_money(k) for k in budget["krw"]],
        "role": budget["role"].fillna(""),
        "confidence": budget["confidence"].fillna(""),
    }), out)


def _phase_plan(program: Any, phase: Any, lang: str, out: TextIO) -> None:
    summary = program.budget_summary(phase.phase)
    print(f"\n  Plan of {phase.phase} ({phase.start_year}-{phase.end_year}, "
          f"{phase.status or 'status not given'})", file=out)
    rows = [("total budget", _money(summary["total_krw"]))]
    for source in ("national", "local", "private", "other"):
        if summary[f"{source}_krw"]:
            rows.append((f"{source} funding", _money(summary[f"{source}_krw"])))
    if summary["total_krw"] is not None and summary["lines_krw"]:
        rows.append(("not itemised", _money(summary["unitemised_krw"])))
    if phase.focus:
        rows.append(("focus", str(phase.focus)))
    _table(pd.DataFrame(rows, columns=["item", "value"]), out)
    components = program.components
    components = components[components["phase"] == phase.phase]
    if not components.empty:
        print("  Components", file=out)
        _table(pd.DataFrame({
            "component": components["name_ko" if lang == "ko" else "name_en"],
            "tags": [", ".join(tags) for tags in components["tags"]],
        }), out)


def _configure_summary(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dataset", help="embedded dataset name (see `innozone datasets`) or path "
                                        "of a program JSON file")
    parser.add_argument("--lang", choices=["en", "ko"], default="en",
                        help="language of indicator names (default en)")
    parser.add_argument("--program", action="append", default=None,
                        help="only this program id (repeatable)")


def _run_summary(args: argparse.Namespace, out: TextIO | None = None) -> int:
    from .program import load

    out = out or sys.stdout
    document = load(args.dataset)
    title = document.title.get(args.lang) or document.title.get("en") or document.id or args.dataset
    print(f"{title}", file=out)
    print("=" * min(78, max(len(title), 20)), file=out)
    programs = document.programs
    if args.program:
        programs = [document.program(pid) for pid in args.program]
    for program in programs:
        name = program.name_ko if args.lang == "ko" else program.name_en
        print(f"\n{name} [{program.id}]", file=out)
        phases = program.phases
        if phases.empty:
            print("  (no phases)", file=out)
        for phase in phases.itertuples():
            if phase.status == "planned":
                _phase_plan(program, phase, args.lang, out)
            else:
                _phase_results(program, phase, args.lang, out)
                _phase_budget(program, phase, out)
    wanted = {p.id for p in programs}
    figures = [f for f in derived_figures(document) if f.program in wanted]
    print("\nDerived figures", file=out)
    _table(pd.DataFrame({
        "program": [f.program for f in figures],
        "figure": [f.label for f in figures],
        "value": [f"{_figure_text(f.value, f.unit)} {f.unit}" for f in figures],
        "from": [f.formula for f in figures],
    }), out)
    findings = document.check()
    findings = findings[findings["program"].isin(wanted)]
    counts = findings["severity"].value_counts()
    print(f"\nConsistency findings: {len(findings)} ({int(counts.get('error', 0))} errors, "
          f"{int(counts.get('warning', 0))} warnings, {int(counts.get('info', 0))} info)", file=out)
    for row in findings.itertuples():
        where = "/".join(x for x in (row.program, row.phase, row.indicator) if isinstance(x, str) and x)
        print(f"  [{row.severity}] {row.kind} {where}: {row.message}", file=out)
    return 0


def _configure_datasets(parser: argparse.ArgumentParser) -> None:
    del parser  # no arguments


def _run_datasets(args: argparse.Namespace) -> int:
    from .program import datasets

    del args
    for row in datasets().itertuples():
        print(f"{str(row.dataset):16s} {str(row.title_en or row.title_ko or '')}")
    return 0


register("summary", "tables of phase results and plans, derived figures and consistency findings",
         _configure_summary, lambda args: _run_summary(args))
register("datasets", "list the embedded datasets", _configure_datasets, _run_datasets)

# ----------------------------------------------------------------------------- report
from .report import cli_configure as _configure_report  # noqa: E402
from .report import cli_run as _run_report  # noqa: E402

register("report", "write the self-contained HTML report (figures and font embedded) of a "
         "dataset or a program JSON file", _configure_report, _run_report)
