"""Any program, end to end: the zone outcome model calibrated from a program's own data.

:func:`zone_model` reads a program file and returns the outcome model
(:class:`~innozone.outcomes.ZoneModel`) of one phase with its uncertain inputs
(:class:`~innozone.outcomes.ParameterSet`), calibrated from the previous phase of the same
program; :func:`project` runs it (Monte Carlo) with the file's own targets. Nothing here
holds a figure of a particular program: the program's figures come from its file, the
survival benchmarks and value-added ratios from the package's reference tables
(``innozone/data/survival_benchmarks_kr.json``, ``zone_model_priors.json``), each with its
source.

The calibration, step by step (every step is listed in :meth:`ZoneCalibration.assumptions`
with its basis: ``sourced`` = a figure of the file, ``derived`` = computed from figures of
the file by the rule stated, ``assumption`` = a judgement):

1. **Previous phase's outputs.** For technology transfers, research-institute companies,
   start-ups, jobs, revenue and linked investment, the actual observations of the previous
   phase (the observation rule applies: superseded values are not used). Yearly values
   come from yearly observations, or from cumulative windows: a window that holds another
   gives the years in between by subtraction (the rule of
   :meth:`innozone.Program.annual`), a window whose data end before its last year (its
   ``date``) is first scaled to the whole window at the covered rate, and the years a
   window leaves undetermined share its remainder evenly (an assumption). Phase years no
   window covers take the average of the covered years (an assumption).
2. **Previous phase's budget.** The stated total (fixed), the stated range (uniform between
   its ends), the whole-phase lines or yearly lines covering every year; otherwise a
   :class:`CalibrationError` names what is missing.
3. **The phase's budget plan.** Yearly plan lines where the file has them; the rest of the
   phase total split evenly over the remaining years (an assumption), or the caller's
   ``budget=``.
4. **Conversions.** Research-institute companies and start-ups per transfer = previous
   phase totals over transfers; jobs per surviving firm = jobs over the firms alive at the
   end of the previous phase; revenue per surviving firm and year = revenue over firm-years;
   investment per new firm = investment over new firms. Firms alive are the yearly entries
   times the survival curves at the priors' medians (firms enter mid-year). Each ratio gets a
   triangular spread (judgement, ``zone_model_priors.json``).
5. **Survival.** Research-institute companies: uniform between the two published 5-year
   rates; start-ups: the benchmarks of the program's sector (recognised from the program's
   ``field``, or ``sector=``); the Weibull shape from the full 1-5 year curves.

>>> import innozone
>>> zone = innozone.load("gimhae").program("gimhae-gangso")
>>> model, params = innozone.zone_model(zone, phase="phase-2")
>>> result = innozone.project(zone, n_draws=2_000, seed=1)
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from ._errors import InvalidInputError, NotFoundError
from ._results import Result
from ._validate import (
    ProgressLike,
    check_count,
    progress_callback,
    resolve_lang,
    resolve_seed,
    resolve_threads,
)
from .outcomes import (
    Distribution,
    MonteCarloResult,
    OutcomeModel,
    ParameterSet,
    Scenario,
    ScenarioComparison,
    Target,
    ZoneModel,
    compare_scenarios,
    simulate,
)

__all__ = [
    "DEFAULT_INDICATORS",
    "CalibrationError",
    "HospitalCommitmentModel",
    "ModelInput",
    "Setting",
    "ZoneCalibration",
    "hospital_parameters",
    "phase_scenarios",
    "priors",
    "project",
    "project_scenarios",
    "zone_model",
]


def __dir__() -> list[str]:  # tab completion lists the public names only
    return list(__all__)


#: Indicator ids the calibration looks for, per model quantity (first match wins);
#: ``zone_model(..., indicators={"startups": "my-id"})`` names others.
DEFAULT_INDICATORS: dict[str, tuple[str, ...]] = {
    "transfers": (
        "tech-transfer-equity",
        "tech-transfers",
        "technology-transfers",
        "tech-transfer",
    ),
    "ric": ("research-institute-companies",),
    "startups": ("tech-startups", "startups"),
    "jobs": ("jobs",),
    "revenue": ("revenue",),
    "investment": ("investment-linked", "investment"),
}

_QUANTITY_LABELS = {
    "transfers": "technology transfers",
    "ric": "research-institute companies",
    "startups": "start-ups",
    "jobs": "jobs",
    "revenue": "revenue",
    "investment": "linked investment",
}

_BASES = ("sourced", "derived", "assumption", "user")

# 억원 per unit of a money indicator's display unit.
_TO_EOK = {"원": 1e-8, "KRW": 1e-8, "만원": 1e-4, "백만원": 1e-2, "억원": 1.0, "조원": 1e4}


class CalibrationError(InvalidInputError):
    """A program's data are not enough to calibrate the zone model.

    Attributes
    ----------
    missing : list of str
        What is missing, one entry per item (e.g. ``"phase-1: actual observations of
        revenue (looked for: revenue)"``).
    """

    def __init__(self, program: str, phase: str, missing: Sequence[str]) -> None:
        self.missing = list(missing)
        self.program = program
        self.phase = phase
        items = "; ".join(self.missing)
        super().__init__(f"cannot calibrate the zone model of '{program}' {phase}: {items}")


# ----------------------------------------------------------------------------- priors
@lru_cache(maxsize=1)
def _priors_text() -> str:
    return (
        resources.files("innozone")
        .joinpath("data")
        .joinpath("zone_model_priors.json")
        .read_text(encoding="utf-8")
    )


def priors() -> dict[str, Any]:
    """The package's zone-model priors (``innozone/data/zone_model_priors.json``), a copy."""
    return dict(json.loads(_priors_text()))


@lru_cache(maxsize=1)
def _benchmarks_text() -> str:
    name = json.loads(_priors_text())["survival"]["benchmarks"]
    return resources.files("innozone").joinpath("data").joinpath(name).read_text(encoding="utf-8")


def _curves() -> dict[str, Any]:
    return dict(json.loads(_benchmarks_text())["curves"])


def _five_year(name: str) -> float:
    curves = _curves()
    if name not in curves:
        raise NotFoundError(f"survival benchmark {name!r} not found (have {', '.join(curves)})")
    entry = curves[name]
    ages = list(entry["ages"])
    if 5 not in ages:
        raise InvalidInputError(f"survival benchmark {name!r} has no 5-year rate")
    return float(entry["survival"][ages.index(5)])


def _weibull_shape(name: str) -> float:
    entry = _curves()[name]
    ages = list(entry["ages"])
    s1 = float(entry["survival"][ages.index(1)])
    s5 = float(entry["survival"][ages.index(5)])
    return math.log(math.log(s5) / math.log(s1)) / math.log(5.0)


def _benchmark_ref(names: Sequence[str]) -> str:
    curves = _curves()
    return "; ".join(f"{n}: {curves[n]['source']}" for n in names)


def _distribution(spec: Mapping[str, Any]) -> Distribution:
    kind = spec["distribution"]
    args = [float(a) for a in spec.get("args", [])]
    if kind == "triangular":
        return Distribution.triangular(*args)
    if kind == "uniform":
        return Distribution.uniform(*args)
    raise InvalidInputError(f"zone_model_priors.json: unknown distribution {kind!r}")


def _sector_of(field_text: Mapping[str, str], sector: str | None) -> tuple[str, bool]:
    """(sector key, recognised from the field?)."""
    table = json.loads(_priors_text())
    sectors = table["sectors"]
    if sector is not None:
        if sector not in sectors:
            raise NotFoundError(f"sector {sector!r} not known (known: {', '.join(sectors)})")
        return sector, False
    text = " ".join(str(v) for v in field_text.values()).lower()
    for key, entry in sectors.items():
        if any(word.lower() in text for word in entry["keywords"]):
            return key, True
    return str(table["default_sector"]), False


def _median(distribution: Distribution) -> float:
    return float(distribution.quantile(np.array([0.5]))[0])


# ----------------------------------------------------------------------------- records
@dataclass(frozen=True)
class ModelInput:
    """One uncertain input of the model.

    Attributes
    ----------
    name : str
        The model's input name.
    distribution : Distribution
    unit : str
    basis : {"sourced", "derived", "assumption", "user"}
    sources : tuple of str
        Source ids of the program file, or reference-table entries (``benchmark:<curve>``).
    confidence : str
        ``high``, ``medium`` or ``low`` (the weakest figure it rests on), or ``-``.
    note : str
        How it was made.
    """

    name: str
    distribution: Distribution
    unit: str
    basis: str
    sources: tuple[str, ...]
    confidence: str
    note: str

    @property
    def central(self) -> float:
        """The median of the distribution (the value of the deterministic central case)."""
        return _median(self.distribution)


@dataclass(frozen=True)
class Setting:
    """A fixed setting of the model (a budget year, an earlier cohort, a phase total)."""

    name: str
    year: int | None
    value: float
    unit: str
    basis: str
    sources: tuple[str, ...]
    confidence: str
    note: str


_CONF_ORDER = {"high": 0, "medium": 1, "low": 2}


def _weakest(confidences: Sequence[str]) -> str:
    known = [c for c in confidences if c in _CONF_ORDER]
    if not known:
        return "-"
    return max(known, key=lambda c: _CONF_ORDER[c])


# ----------------------------------------------------------------------------- yearly values
@dataclass
class _Yearly:
    """Yearly values of one quantity over the previous phase, with the rule that made each."""

    values: dict[int, float]
    basis: dict[int, str]
    notes: list[str]
    sources: tuple[str, ...]
    confidence: str
    total: float
    total_basis: str


def _yearly_values(rows: pd.DataFrame, years: Sequence[int], what: str) -> _Yearly:
    """Yearly values over ``years`` from the (current, actual) observations in ``rows``."""
    notes: list[str] = []
    constraints: dict[frozenset[int], float] = {}
    for r in rows.to_dict("records"):
        if pd.notna(r["year"]):
            span = frozenset([int(r["year"])])
            value = float(r["value"])
        else:
            start, end = int(r["window_start"]), int(r["window_end"])
            span = frozenset(range(start, end + 1))
            value = float(r["value"])
            nominal = end - start + 1
            covered = float(r["covered_years"])
            if r["coverage"] in ("partial", "future") and covered > 0:
                value *= nominal / covered
                notes.append(
                    f"{start}-{end} = {r['value']:g} runs to {r['date']} ({covered:.2f} of "
                    f"{nominal} years): scaled to the whole window, {value:.4g}"
                )
        if span in constraints and constraints[span] != value:
            notes.append(f"two values for {sorted(span)}: {constraints[span]:g} kept")
            continue
        constraints[span] = value
    # Close under differences: B minus a subset A gives B \ A (bounded: a handful of windows).
    changed = True
    while changed and len(constraints) < 256:
        changed = False
        items = list(constraints.items())
        for a, va in items:
            for b, vb in items:
                if a < b:
                    between = b - a
                    diff = vb - va
                    if between not in constraints and diff >= 0:
                        constraints[between] = diff
                        changed = True
    values: dict[int, float] = {}
    basis: dict[int, str] = {}
    for span, value in constraints.items():
        if len(span) == 1:
            (year,) = span
            values[year] = value
            single = rows[
                (rows["year"] == year)
                | ((rows["window_start"] == year) & (rows["window_end"] == year))
            ]
            basis[year] = "sourced" if not single.empty else "derived"
    # Even split of what remains undetermined, smallest windows first.
    progress = True
    while progress:
        progress = False
        for span in sorted(constraints, key=len):
            unknown = sorted(y for y in span if y not in values)
            if not unknown:
                continue
            known = float(sum(values[y] for y in span if y in values))
            rest: float = constraints[span] - known
            rest = max(rest, 0.0)
            for y in unknown:
                values[y] = rest / len(unknown)
                basis[y] = "assumption"
            notes.append(
                f"{min(span)}-{max(span)}: {rest:.4g} not broken down by year, split evenly over "
                f"{', '.join(map(str, unknown))}"
            )
            progress = True
            break
    inside = [y for y in years if y in values]
    if not inside:
        raise LookupError(what)
    missing = [y for y in years if y not in values]
    if missing:
        mean = sum(values[y] for y in inside) / len(inside)
        for y in missing:
            values[y] = mean
            basis[y] = "assumption"
        notes.append(
            f"no data for {', '.join(map(str, missing))}: the average of the covered years "
            f"({mean:.4g}) is used"
        )
    total = float(sum(values[y] for y in years))
    whole = rows[
        (rows["window_start"] == years[0])
        & (rows["window_end"] == years[-1])
        & (rows["coverage"].isin(["complete", "undated"]))
    ]
    total_basis = "sourced" if not whole.empty else "derived"
    sources = tuple(dict.fromkeys(str(s) for s in rows["source"]))
    return _Yearly(
        values={y: values[y] for y in years},
        basis={y: basis[y] for y in years},
        notes=notes,
        sources=sources,
        confidence=_weakest(list(rows["confidence"])),
        total=total,
        total_basis=total_basis,
    )


# ----------------------------------------------------------------------------- the calibration
class ZoneCalibration(Result):
    """The zone model of one phase, calibrated from a program's own data.

    Unpacks as ``model, parameters = calibration``.

    Attributes
    ----------
    program : str
        Program id.
    phase, previous : str
        The projected phase and the phase it is calibrated on.
    years : list of int
        Projection years (the phase's years).
    budget : pandas.Series
        The phase's yearly budget plan (억원) the model uses.
    model : ZoneModel
    parameters : ParameterSet
    inputs : list of ModelInput
        Every uncertain input with its basis and sources.
    settings : list of Setting
        Every fixed setting (budget years, earlier cohorts, previous-phase totals).
    sector : str
        The sector whose survival benchmarks and value-added ratio are used.
    value_added_ratio : dict
        The sector's value-added ratio of revenue (``value``, ``source``, ``confidence``,
        ``note``), the appraisal's default.
    component_tags : set of str
        Tags of the phase's components (the reallocation scenario needs one).
    targets : list of Target
        The file's own targets of the phase, as model targets (see :func:`project`).
    unmodelled_targets : list of str
        The file's targets the model cannot answer, each with the reason.
    """

    def __init__(
        self,
        *,
        program: Any,
        phase: str,
        previous: str,
        years: list[int],
        budget: pd.Series,
        phase1: dict[str, float],
        phase1_years: list[int],
        cohorts: dict[str, dict[int, float]],
        inputs: list[ModelInput],
        settings: list[Setting],
        sector: str,
        half_saturation: float,
    ) -> None:
        self.program = str(program.id)
        self.program_name = {"en": program.name_en, "ko": program.name_ko}
        self.phase = phase
        self.previous = previous
        self.years = list(years)
        self.budget = budget
        self.phase1 = dict(phase1)
        self.phase1_years = list(phase1_years)
        self.cohorts = cohorts
        self.inputs = list(inputs)
        self.settings = list(settings)
        self.sector = sector
        self.half_saturation = float(half_saturation)
        self.model = self.model_with(list(budget.to_numpy(dtype=float)))
        self.parameters = ParameterSet()
        for item in self.inputs:
            self.parameters.add(
                item.name,
                item.distribution,
                unit=item.unit,
                source=f"[{item.basis}] {', '.join(item.sources)}",
                note=item.note,
            )
        self.targets: list[Target] = []
        self.unmodelled_targets: list[str] = []
        self.value_added_ratio: dict[str, Any] = {}
        self.component_tags: set[str] = set()

    # -- the model
    def __iter__(self) -> Iterator[Any]:
        return iter((self.model, self.parameters))

    def model_with(self, budget: Sequence[float] | np.ndarray, extra_years: int = 0) -> ZoneModel:
        """The same calibration with another yearly budget (억원, one per phase year).

        Parameters
        ----------
        budget : sequence of float
            One amount per year of the phase.
        extra_years : int
            Years projected after the phase with no budget (firms founded in the phase keep
            surviving and earning; no new transfers): used by the appraisal's ``horizon``.
        """
        values = [float(b) for b in budget]
        if len(values) != len(self.years):
            raise InvalidInputError(
                f"budget: expected {len(self.years)} yearly amounts ({self.years[0]}-"
                f"{self.years[-1]}), got {len(values)}"
            )
        extra = check_count(extra_years, "extra_years", minimum=0)
        years = self.years + [self.years[-1] + k for k in range(1, extra + 1)]
        return ZoneModel(
            years,
            values + [0.0] * extra,
            phase1_transfers=float(self.phase1["transfers"]),
            phase1_years=len(self.phase1_years),
            half_saturation=self.half_saturation,
            initial_years=list(self.phase1_years),
            initial_ric=[self.cohorts["ric"][y] for y in self.phase1_years],
            initial_startups=[self.cohorts["startups"][y] for y in self.phase1_years],
        )

    def central_inputs(self) -> pd.Series:
        """The inputs' medians, in the model's input order (the deterministic central case)."""
        by_name = {item.name: item.central for item in self.inputs}
        return pd.Series(
            [by_name[n] for n in self.model.input_names()],
            index=self.model.input_names(),
            dtype=float,
        )

    # -- tables
    def assumptions(self) -> pd.DataFrame:
        """Every input and setting with its value, basis, sources, confidence and note."""
        rows = []
        for item in self.inputs:
            q = item.distribution.quantile(np.array([0.05, 0.5, 0.95]))
            rows.append(
                {
                    "item": item.name,
                    "kind": "input",
                    "year": None,
                    "value": float(q[1]),
                    "p05": float(q[0]),
                    "p95": float(q[2]),
                    "distribution": repr(item.distribution),
                    "unit": item.unit,
                    "basis": item.basis,
                    "sources": ", ".join(item.sources),
                    "confidence": item.confidence,
                    "note": item.note,
                }
            )
        for s in self.settings:
            rows.append(
                {
                    "item": s.name,
                    "kind": "setting",
                    "year": s.year,
                    "value": s.value,
                    "p05": np.nan,
                    "p95": np.nan,
                    "distribution": "fixed",
                    "unit": s.unit,
                    "basis": s.basis,
                    "sources": ", ".join(s.sources),
                    "confidence": s.confidence,
                    "note": s.note,
                }
            )
        frame: pd.DataFrame = pd.DataFrame(rows)
        frame["year"] = pd.array(frame["year"].tolist(), dtype="Int64")
        return frame

    def to_frame(self) -> pd.DataFrame:
        """The assumptions table (:meth:`assumptions`)."""
        return self.assumptions()

    def summary(self) -> pd.DataFrame:
        """One row per uncertain input: distribution, median, 5 % and 95 % quantiles, basis."""
        frame = self.assumptions()
        frame = frame[frame["kind"] == "input"]
        table: pd.DataFrame = (
            frame[
                [
                    "item",
                    "distribution",
                    "value",
                    "p05",
                    "p95",
                    "unit",
                    "basis",
                    "sources",
                    "confidence",
                ]
            ]
            .rename(columns={"value": "median"})
            .reset_index(drop=True)
        )
        return table

    def plot(self, ax: Any = None, lang: str | None = None) -> Any:
        """The phase's yearly budget plan with the previous phase's new firms per year.

        Budget as bars (assumed years hatched); returns the axes.
        """
        from . import plotting as P
        from ._labels import label

        lang = resolve_lang(lang)
        with P.style():
            axes = P.new_axes(ax)
            budget_basis = {s.year: s.basis for s in self.settings if s.name == "budget"}
            for year, value in zip(self.budget.index, self.budget.to_numpy(dtype=float)):
                assumed = budget_basis.get(int(year)) == "assumption"
                axes.bar(
                    int(year),
                    float(value),
                    color="#4c72b0",
                    alpha=0.5 if assumed else 0.9,
                    hatch="//" if assumed else None,
                    edgecolor="#4c72b0",
                )
            firms = [
                self.cohorts["ric"][y] + self.cohorts["startups"][y] for y in self.phase1_years
            ]
            twin = axes.twinx()
            twin.plot(self.phase1_years, firms, marker="o", color="#dd8452")
            twin.set_ylabel(label("calibration.new_firms", lang))
            axes.set_ylabel(label("budget_eok", lang))
            axes.set_title(label("calibration.title", lang, program=self.program, phase=self.phase))
            return P._finish(axes)

    def _title(self) -> str:
        return f"Zone model of {self.program} {self.phase}, calibrated on {self.previous}"

    def _notes(self) -> list[str]:
        counts = self.assumptions()["basis"].value_counts()
        notes = [", ".join(f"{int(counts.get(b, 0))} {b}" for b in _BASES if counts.get(b, 0))]
        notes.append(f"sector: {self.sector}")
        if self.unmodelled_targets:
            notes.append("targets not modelled: " + "; ".join(self.unmodelled_targets))
        return notes

    def _headline(self) -> str:
        return (
            f"{len(self.inputs)} inputs, years {self.years[0]}-{self.years[-1]}, "
            f"budget {float(self.budget.sum()):g} 억원"
        )


# ----------------------------------------------------------------------------- helpers
def _resolve_program(program: Any, phase: str) -> Any:
    """A Program from a Program, a Document, a dataset name or a path.

    A Document (or the file of a name or path) must hold one program with ``phase``.
    """
    from .program import Document, Program, load

    if isinstance(program, Program):
        return program
    if isinstance(program, str) or hasattr(program, "__fspath__"):
        program = load(program)
    if isinstance(program, Document):
        having = [p for p in program.programs if phase in set(p.phases["phase"])]
        if len(having) == 1:
            return having[0]
        ids = ", ".join(p.id for p in (having or program.programs)) or "none"
        raise InvalidInputError(
            f"the document holds {len(having)} programs with a phase '{phase}' ({ids}); "
            "pass one program: document.program(id)"
        )
    raise InvalidInputError(
        f"expected an innozone Program (or a Document, dataset name or path), got "
        f"{type(program).__name__}"
    )


def _phase_row(program: Any, phase: str) -> Any:
    phases = program.phases
    rows = phases[phases["phase"] == phase]
    if rows.empty:
        known = ", ".join(str(p) for p in phases["phase"]) or "none"
        raise NotFoundError(f"program '{program.id}' has no phase '{phase}' (phases: {known})")
    return rows.iloc[0]


def _previous_phase(program: Any, phase: str) -> Any:
    row = _phase_row(program, phase)
    phases = program.phases
    earlier = phases[phases["end_year"] < row["start_year"]]
    if earlier.empty:
        raise CalibrationError(
            program.id,
            phase,
            [
                (
                    f"no phase ends before {phase} starts ({int(row['start_year'])}); the model is "
                    "calibrated on the previous phase's results"
                )
            ],
        )
    return earlier.sort_values(["end_year", "start_year"]).iloc[-1]


def _indicator_id(
    program: Any, phase: str, quantity: str, indicators: Mapping[str, str] | None
) -> tuple[str | None, tuple[str, ...]]:
    table = program.indicators
    have = set(table[table["phase"] == phase]["indicator"])
    if indicators and quantity in indicators:
        wanted: tuple[str, ...] = (str(indicators[quantity]),)
    else:
        wanted = DEFAULT_INDICATORS[quantity]
    for candidate in wanted:
        if candidate in have:
            return candidate, wanted
    return None, wanted


def _budget_lines(program: Any, phase: str) -> pd.DataFrame:
    frame = program.budget
    out: pd.DataFrame = frame[frame["phase"] == phase]
    return out


def _previous_budget(program: Any, phase: str) -> tuple[ModelInput | None, str | None]:
    """The previous phase's total budget as a model input (억원), or a reason."""
    items = _budget_lines(program, phase)
    total = items[items["item"] == "total"]
    if not total.empty:
        row = total.iloc[0]
        value = float(row["krw"]) / 1e8
        confidence = _budget_total_confidence(program, phase)
        return ModelInput(
            "phase1_budget",
            Distribution.fixed(value),
            f"억원 ({phase} total)",
            "sourced",
            (str(row["source"]),),
            confidence,
            f"The stated {phase} total, {value:g} 억원.",
        ), None
    low = items[items["item"] == "range_low"]
    high = items[items["item"] == "range_high"]
    if not low.empty and not high.empty:
        lo, hi = float(low["krw"].iloc[0]) / 1e8, float(high["krw"].iloc[0]) / 1e8
        source, confidence, note = _budget_range_meta(program, phase)
        dist = Distribution.uniform(lo, hi) if hi > lo else Distribution.fixed(lo)
        return ModelInput(
            "phase1_budget",
            dist,
            f"억원 ({phase} total)",
            "sourced",
            (source,) if source else (),
            confidence,
            f"The {phase} total is known as a range, {lo:g}-{hi:g} 억원; uniform "
            f"over it.{' ' + note if note else ''}",
        ), None
    lines = items[(items["item"] == "line") & items["component"].isna()]
    whole = lines[lines["year"].isna() & (lines["funding_source"] == "total")]
    if not whole.empty:
        value = float(whole["krw"].sum()) / 1e8
        return ModelInput(
            "phase1_budget",
            Distribution.fixed(value),
            f"억원 ({phase} total)",
            "sourced",
            tuple(dict.fromkeys(whole["source"].astype(str))),
            _weakest(list(whole["confidence"])),
            f"The whole-phase budget line(s) of {phase}, {value:g} 억원.",
        ), None
    row = _phase_row(program, phase)
    years = list(range(int(row["start_year"]), int(row["end_year"]) + 1))
    yearly = lines[lines["year"].notna() & (lines["funding_source"] == "total")]
    by_year = yearly.drop_duplicates("year", keep="last").set_index("year")["krw"]
    if set(years) <= {int(y) for y in by_year.index}:
        value = float(sum(by_year[y] for y in years)) / 1e8
        return ModelInput(
            "phase1_budget",
            Distribution.fixed(value),
            f"억원 ({phase} total)",
            "derived",
            tuple(dict.fromkeys(yearly["source"].astype(str))),
            _weakest(list(yearly["confidence"])),
            f"Sum of the yearly budget lines {years[0]}-{years[-1]}.",
        ), None
    found = sorted({int(y) for y in by_year.index})
    return None, (
        f"{phase}: no budget total, range or whole-phase line"
        + (f" (yearly lines only for {', '.join(map(str, found))})" if found else "")
    )


def _budget_total_confidence(program: Any, phase: str) -> str:
    budget = program.phase(phase).budget
    value = getattr(budget, "total_confidence", None) if budget is not None else None
    return str(value) if value else "-"


def _budget_range_meta(program: Any, phase: str) -> tuple[str, str, str]:
    budget = program.phase(phase).budget
    if budget is None or budget.total_range_krw is None:
        return "", "low", ""
    return (
        str(budget.total_range_source or ""),
        str(budget.total_range_confidence or "low"),
        str(budget.total_range_note or ""),
    )


def _plan_budget(
    program: Any, phase: str, years: list[int], budget: Any
) -> tuple[pd.Series, list[Setting], str | None]:
    """The phase's yearly plan in 억원 with a setting per year, or a reason it is missing."""
    if budget is not None:
        if isinstance(budget, Mapping):
            given = {int(k): float(v) for k, v in budget.items()}
            if set(given) != set(years):
                raise InvalidInputError(
                    f"budget: give one amount (억원) for each year {years[0]}-{years[-1]}, got "
                    f"years {sorted(given)}"
                )
            series = pd.Series([given[y] for y in years], index=years, dtype=float)
        elif isinstance(budget, (int, float, np.integer, np.floating)) and not isinstance(
            budget, bool
        ):
            series = pd.Series([float(budget) / len(years)] * len(years), index=years, dtype=float)
        else:
            seq = [float(v) for v in budget]
            if len(seq) != len(years):
                raise InvalidInputError(
                    f"budget: expected {len(years)} yearly amounts (억원, {years[0]}-{years[-1]}), "
                    f"got {len(seq)}"
                )
            series = pd.Series(seq, index=years, dtype=float)
        if (series < 0).any() or not np.isfinite(series.to_numpy()).all():
            raise InvalidInputError("budget: amounts must be finite and not negative (억원)")
        user_settings = [
            Setting(
                "budget",
                y,
                float(series[y]),
                "억원",
                "user",
                (),
                "-",
                "given by the caller (budget=)",
            )
            for y in years
        ]
        return series, user_settings, None
    items = _budget_lines(program, phase)
    lines = items[(items["item"] == "line") & items["component"].isna() & (items["role"] == "plan")]
    yearly = lines[lines["year"].notna() & (lines["funding_source"] == "total")]
    known: dict[int, tuple[float, str, str]] = {}
    for year, krw, source, confidence in zip(
        yearly["year"], yearly["krw"], yearly["source"], yearly["confidence"]
    ):
        if int(year) in years:
            known[int(year)] = (float(krw) / 1e8, str(source), str(confidence))
    total_row = items[items["item"] == "total"]
    whole = lines[lines["year"].isna() & (lines["funding_source"] == "total")]
    total: tuple[float, tuple[str, ...], str] | None = None
    if not total_row.empty:
        total = (
            float(total_row["krw"].iloc[0]) / 1e8,
            (str(total_row["source"].iloc[0]),),
            _budget_total_confidence(program, phase),
        )
    elif not whole.empty:
        total = (
            float(whole["krw"].sum()) / 1e8,
            tuple(whole["source"].astype(str)),
            _weakest(list(whole["confidence"])),
        )
    settings: list[Setting] = []
    values: dict[int, float] = {}
    for y, (v, src, conf) in known.items():
        values[y] = v
        settings.append(
            Setting("budget", y, v, "억원", "sourced", (src,), conf, f"the yearly plan line of {y}")
        )
    rest_years = [y for y in years if y not in values]
    if rest_years:
        if total is None:
            national = lines[lines["year"].isna() & (lines["funding_source"] == "national")]
            extra = (
                f" (only a national line of {float(national['krw'].sum()) / 1e8:g} 억원)"
                if not national.empty
                else ""
            )
            return (
                pd.Series(dtype=float),
                [],
                (
                    f"{phase}: no budget total{extra} and no yearly plan for "
                    f"{', '.join(map(str, rest_years))}; pass budget= (억원)"
                ),
            )
        rest = total[0] - sum(values.values())
        if rest < -1e-9:
            raise CalibrationError(
                program.id,
                phase,
                [
                    (
                        f"{phase}: the yearly plan lines ({sum(values.values()):g} 억원) exceed the "
                        f"total ({total[0]:g} 억원)"
                    )
                ],
            )
        each = max(rest, 0.0) / len(rest_years)
        for y in rest_years:
            values[y] = each
            settings.append(
                Setting(
                    "budget",
                    y,
                    each,
                    "억원",
                    "assumption",
                    total[1],
                    total[2],
                    f"the {phase} total {total[0]:g} 억원"
                    + (
                        f" less the yearly lines ({sum(v for k, v in values.items() if k in known):g})"
                        if known
                        else ""
                    )
                    + f" split evenly over {len(rest_years)} years (no yearly plan published)",
                )
            )
    series = pd.Series([values[y] for y in years], index=years, dtype=float)
    settings.sort(key=lambda s: int(s.year or 0))
    return series, settings, None


def _stock_and_firm_years(
    years: list[int],
    ric: dict[int, float],
    su: dict[int, float],
    s5_ric: float,
    s5_su: float,
    shape: float,
) -> tuple[float, float]:
    """Firms alive at the end of the last year and firm-years over ``years``.

    Mid-year entry, Weibull survival through S(5).
    """

    def surv(s5: float, age: float) -> float:
        return math.exp(math.log(s5) * (age / 5.0) ** shape)

    firm_years = 0.0
    alive = 0.0
    for u in range(len(years)):
        alive = sum(
            ric[years[c]] * surv(s5_ric, u - c + 0.5) + su[years[c]] * surv(s5_su, u - c + 0.5)
            for c in range(u + 1)
        )
        firm_years += alive
    return alive, firm_years


# ----------------------------------------------------------------------------- zone_model
def zone_model(
    program: Any,
    phase: str = "phase-2",
    *,
    budget: Any = None,
    indicators: Mapping[str, str] | None = None,
    sector: str | None = None,
    overrides: Mapping[str, Distribution | float] | None = None,
    half_saturation: float = 0.0,
) -> ZoneCalibration:
    """The outcome model of one phase, calibrated from the program's own data.

    Parameters
    ----------
    program : innozone.Program
        The program (or a Document holding one program with that phase, a dataset name or
        a path of a program file).
    phase : str
        The phase to project; it is calibrated on the phase that ends before it starts.
    budget : float, sequence or mapping, optional
        The phase's budget in 억원 instead of the file's plan: a total (split evenly), one
        amount per year, or ``{year: amount}``. Recorded with basis ``user``.
    indicators : mapping, optional
        Indicator ids of the previous phase per model quantity, where they differ from
        :data:`DEFAULT_INDICATORS` (keys ``transfers``, ``ric``, ``startups``, ``jobs``,
        ``revenue``, ``investment``).
    sector : str, optional
        Sector of the survival benchmarks and value-added ratio (``health``,
        ``pharma-bio``, ``manufacturing``, ``all-industries``); by default recognised from
        the program's ``field`` (all industries when nothing matches, said in the notes).
    overrides : mapping, optional
        Inputs to replace (``{"productivity": Distribution...}``, a number fixes the
        input), e.g. an estimated effect from :meth:`Distribution.from_estimate`. Recorded
        with basis ``user``.
    half_saturation : float
        0 (default) uses the elasticity response of transfers to the budget; a positive
        value the saturating response (see :class:`~innozone.outcomes.ZoneModel`).

    Returns
    -------
    ZoneCalibration
        Unpacks as ``model, parameters``; :meth:`ZoneCalibration.assumptions` lists every
        input and setting with its basis and the source ids of the file.

    Raises
    ------
    CalibrationError
        The data are not enough; ``error.missing`` lists every missing item (e.g. no
        earlier phase, no actual observations of an output, no budget of either phase).
    innozone.NotFoundError
        No such phase; an unknown sector.
    """
    program = _resolve_program(program, phase)
    row = _phase_row(program, phase)
    prev = _previous_phase(program, phase)
    prev_id = str(prev["phase"])
    years = list(range(int(row["start_year"]), int(row["end_year"]) + 1))
    prev_years = list(range(int(prev["start_year"]), int(prev["end_year"]) + 1))
    missing: list[str] = []

    # 1. previous phase's outputs
    obs = program.observations
    obs = obs[(obs["phase"] == prev_id) & (obs["role"] == "actual") & ~obs["superseded"]]
    yearly: dict[str, _Yearly] = {}
    ids: dict[str, str] = {}
    for quantity in DEFAULT_INDICATORS:
        ind, wanted = _indicator_id(program, prev_id, quantity, indicators)
        if ind is None:
            missing.append(
                f"{prev_id}: no indicator for {_QUANTITY_LABELS[quantity]} "
                f"(looked for: {', '.join(wanted)}; name yours with indicators=)"
            )
            continue
        rows = obs[obs["indicator"] == ind].copy()
        if rows.empty:
            missing.append(f"{prev_id}: no actual observations of '{ind}'")
            continue
        if rows["unit"].isin(list(_TO_EOK)).all():
            rows["value"] = rows["value"] * rows["unit"].map(_TO_EOK)
        try:
            yearly[quantity] = _yearly_values(rows, prev_years, ind)
        except LookupError:
            missing.append(
                f"{prev_id}: the observations of '{ind}' cover none of "
                f"{prev_years[0]}-{prev_years[-1]}"
            )
            continue
        ids[quantity] = ind
    # 2. budgets
    b1, why1 = _previous_budget(program, prev_id)
    if why1:
        missing.append(why1)
    plan, plan_settings, why2 = _plan_budget(program, phase, years, budget)
    if why2:
        missing.append(why2)
    if missing:
        raise CalibrationError(program.id, phase, missing)
    if yearly["transfers"].total <= 0:
        raise CalibrationError(
            program.id, phase, [(f"{prev_id}: no technology transfers to calibrate on (total 0)")]
        )
    assert b1 is not None

    # 3. survival priors
    table = json.loads(_priors_text())
    sector_key, recognised = _sector_of(program.field, sector)
    sector_entry = table["sectors"][sector_key]
    ric_spec = table["survival"]["research_institute_companies"]
    ric_dist = Distribution.uniform(_five_year(ric_spec["low"]), _five_year(ric_spec["high"]))
    su_spec = sector_entry["startup_survival"]
    if su_spec["distribution"] == "triangular":
        su_dist = Distribution.triangular(
            _five_year(su_spec["low"]), _five_year(su_spec["mode"]), _five_year(su_spec["high"])
        )
        su_names = [su_spec["low"], su_spec["mode"], su_spec["high"]]
    else:
        su_dist = Distribution.uniform(_five_year(su_spec["low"]), _five_year(su_spec["high"]))
        su_names = [su_spec["low"], su_spec["high"]]
    shape_names = list(table["survival"]["weibull_shape_curves"])
    shapes = [_weibull_shape(n) for n in shape_names]
    shape_dist = Distribution.uniform(min(shapes), max(shapes))
    sector_note = f"sector '{sector_key}' ({sector_entry['label']})" + (
        f" recognised from the field '{program.field.get('ko') or program.field.get('en')}'"
        if recognised
        else (" given by sector=" if sector else " (no sector keyword in the program's field)")
    )

    # 4. conversions at the priors' medians
    tr = yearly["transfers"].total
    ric_total = yearly["ric"].total
    su_total = yearly["startups"].total
    stock, firm_years = _stock_and_firm_years(
        prev_years,
        yearly["ric"].values,
        yearly["startups"].values,
        _median(ric_dist),
        _median(su_dist),
        _median(shape_dist),
    )
    if stock <= 0 or firm_years <= 0 or ric_total + su_total <= 0:
        raise CalibrationError(
            program.id,
            phase,
            [
                (
                    f"{prev_id}: no research-institute companies or start-ups to calibrate jobs and "
                    "revenue per firm on"
                )
            ],
        )
    r_ric = ric_total / tr
    r_su = su_total / tr
    jobs_pf = yearly["jobs"].total / stock
    rev_pf = yearly["revenue"].total / firm_years
    inv_pf = yearly["investment"].total / (ric_total + su_total)
    spreads = table["assumptions"]["spreads"]
    spread_note = table["assumptions"]["spreads_note"]

    def src(*quantities: str) -> tuple[str, ...]:
        out: list[str] = []
        for q in quantities:
            out.extend(yearly[q].sources)
        return tuple(dict.fromkeys(out))

    def conf(*quantities: str) -> str:
        return _weakest([yearly[q].confidence for q in quantities])

    def tri(center: float, s: float) -> Distribution:
        return Distribution.triangular((1 - s) * center, center, (1 + s) * center)

    window = f"{prev_years[0]}-{prev_years[-1]}"
    lab = {q: f"{yearly[q].total:.4g}" for q in yearly}
    el = table["assumptions"]["elasticity"]
    pr = table["assumptions"]["productivity"]
    sd = float(pr["sdlog"])
    inputs = [
        b1,
        ModelInput(
            "elasticity",
            _distribution(el),
            el["unit"],
            "assumption",
            ("zone_model_priors.json",),
            "-",
            el["note"],
        ),
        ModelInput(
            "productivity",
            Distribution.lognormal(-0.5 * sd * sd, sd),
            pr["unit"],
            "assumption",
            ("zone_model_priors.json",),
            "-",
            pr["note"],
        ),
        ModelInput(
            "ric_per_transfer",
            tri(r_ric, spreads["ric_per_transfer"]),
            "firms per transfer",
            "derived",
            src("ric", "transfers"),
            conf("ric", "transfers"),
            f"Mode = {lab['ric']} / {lab['transfers']} = {r_ric:.4g} ({window}); "
            f"+-{spreads['ric_per_transfer']:.0%}: {spread_note}",
        ),
        ModelInput(
            "startups_per_transfer",
            tri(r_su, spreads["startups_per_transfer"]),
            "firms per transfer",
            "derived",
            src("startups", "transfers"),
            conf("startups", "transfers"),
            f"Mode = {lab['startups']} / {lab['transfers']} = {r_su:.4g} ({window}); "
            f"+-{spreads['startups_per_transfer']:.0%}: {spread_note}",
        ),
        ModelInput(
            "ric_survival_5y",
            ric_dist,
            "share",
            "sourced",
            tuple(f"benchmark:{n}" for n in (ric_spec["low"], ric_spec["high"])),
            "high",
            f"{ric_spec['note']} ({_benchmark_ref([ric_spec['low'], ric_spec['high']])})",
        ),
        ModelInput(
            "startup_survival_5y",
            su_dist,
            "share",
            "sourced",
            tuple(f"benchmark:{n}" for n in su_names),
            _weakest([_curves()[n]["confidence"] for n in su_names]),
            f"{su_spec['note']} For {sector_note}. ({_benchmark_ref(su_names)})",
        ),
        ModelInput(
            "weibull_shape",
            shape_dist,
            "-",
            "derived",
            tuple(f"benchmark:{n}" for n in shape_names),
            _weakest([_curves()[n]["confidence"] for n in shape_names]),
            f"{table['survival']['weibull_shape_note']} Shapes: "
            + ", ".join(f"{n} {k:.3f}" for n, k in zip(shape_names, shapes)),
        ),
        ModelInput(
            "jobs_per_firm",
            tri(jobs_pf, spreads["jobs_per_firm"]),
            "persons per surviving firm",
            "derived",
            src("jobs", "ric", "startups"),
            conf("jobs", "ric", "startups"),
            f"{lab['jobs']} {prev_id} jobs / {stock:.1f} firms alive at the end of "
            f"{prev_years[-1]} (entries by year x survival at the priors' medians) = "
            f"{jobs_pf:.4g}; attributing the jobs to the zone's new firms and the "
            f"+-{spreads['jobs_per_firm']:.0%} range are assumptions.",
        ),
        ModelInput(
            "revenue_per_firm",
            tri(rev_pf, spreads["revenue_per_firm"]),
            "억원 per surviving firm per year",
            "derived",
            src("revenue", "ric", "startups"),
            conf("revenue", "ric", "startups"),
            f"{lab['revenue']} 억원 / {firm_years:.1f} firm-years {window} = "
            f"{rev_pf:.4g}; attributing the revenue to the zone's new firms and the "
            f"+-{spreads['revenue_per_firm']:.0%} range are assumptions.",
        ),
        ModelInput(
            "investment_per_new_firm",
            tri(inv_pf, spreads["investment_per_new_firm"]),
            "억원 per new firm",
            "derived",
            src("investment", "ric", "startups"),
            conf("investment", "ric", "startups"),
            f"{lab['investment']} 억원 / {ric_total + su_total:.4g} new firms = "
            f"{inv_pf:.4g}; +-{spreads['investment_per_new_firm']:.0%} is an assumption.",
        ),
    ]
    if overrides:
        by_name = {i.name: i for i in inputs}
        for name, value in overrides.items():
            if name not in by_name:
                raise NotFoundError(f"overrides: no input {name!r} (inputs: {', '.join(by_name)})")
            dist = value if isinstance(value, Distribution) else Distribution.fixed(float(value))
            old = by_name[name]
            by_name[name] = ModelInput(
                name,
                dist,
                old.unit,
                "user",
                (),
                "-",
                f"set by the caller: {dist!r} (the calibration gave {old.distribution!r})",
            )
        inputs = [by_name[i.name] for i in inputs]

    settings: list[Setting] = list(plan_settings)
    for quantity in ("ric", "startups"):
        y = yearly[quantity]
        for year in prev_years:
            settings.append(
                Setting(
                    f"{quantity}_entries",
                    year,
                    y.values[year],
                    "firms",
                    y.basis[year],
                    y.sources,
                    y.confidence,
                    f"{_QUANTITY_LABELS[quantity]} founded in {year} ({ids[quantity]})",
                )
            )
    for quantity, y in yearly.items():
        unit = (
            "억원"
            if quantity in ("revenue", "investment")
            else (
                "cases"
                if quantity == "transfers"
                else ("persons" if quantity == "jobs" else "firms")
            )
        )
        settings.append(
            Setting(
                f"{prev_id}_{quantity}",
                None,
                y.total,
                unit,
                y.total_basis,
                y.sources,
                y.confidence,
                f"{_QUANTITY_LABELS[quantity]} over {window} ('{ids[quantity]}')"
                + ("; " + "; ".join(y.notes) if y.notes else ""),
            )
        )
    phase1 = {q: yearly[q].total for q in yearly}
    cal = ZoneCalibration(
        program=program,
        phase=phase,
        previous=prev_id,
        years=years,
        budget=plan,
        phase1=phase1,
        phase1_years=prev_years,
        cohorts={"ric": yearly["ric"].values, "startups": yearly["startups"].values},
        inputs=inputs,
        settings=settings,
        sector=sector_key,
        half_saturation=half_saturation,
    )
    cal.value_added_ratio = dict(sector_entry["value_added_ratio"])
    cal.component_tags = {
        t for tags in program.components[program.components["phase"] == phase]["tags"] for t in tags
    }
    cal.targets, cal.unmodelled_targets = _file_targets(program, phase, years)
    return cal


# ----------------------------------------------------------------------------- targets
# Model indicators answering a program indicator's target (cumulative windows from the
# phase start, or single years).
_TARGET_MAP = {
    "transfers": ("cum_transfers", "transfers"),
    "ric": ("cum_ric", "ric_founded"),
    "startups": ("cum_startups", "startups_founded"),
    "investment": ("cum_investment", "investment"),
    "revenue": ("cum_revenue", "revenue"),
    "jobs": ("jobs", "jobs"),
}


def _file_targets(program: Any, phase: str, years: list[int]) -> tuple[list[Target], list[str]]:
    """The phase's own ``target`` observations as model targets, and those it cannot answer."""
    from .outcomes import ZoneModel as _ZM

    probe = _ZM([years[0]], [1.0], phase1_transfers=1.0, phase1_years=1)
    names = set(probe.indicator_names())
    obs = program.observations
    obs = obs[(obs["phase"] == phase) & (obs["role"] == "target") & ~obs["superseded"]]
    lookup: dict[str, str] = {}
    for name_of, wanted in DEFAULT_INDICATORS.items():
        for ind in wanted:
            lookup.setdefault(ind, name_of)
    targets: list[Target] = []
    skipped: list[str] = []
    for r in obs.itertuples():
        period = (
            f"{int(r.year)}" if pd.notna(r.year) else f"{int(r.window_start)}-{int(r.window_end)}"
        )
        label = f"{r.indicator} {r.value:g} {r.unit} ({period})"
        quantity: str | None = lookup.get(str(r.indicator))
        if quantity is None:
            skipped.append(f"{label}: no model output for '{r.indicator}'")
            continue
        cumulative_name, yearly_name = _TARGET_MAP[quantity]
        if quantity == "jobs" and pd.isna(r.year):
            skipped.append(
                f"{label}: jobs created over a window are not a model output (the model's "
                "jobs are the employment of the zone's surviving new firms at a year's end)"
            )
            continue
        if pd.notna(r.year):
            name, year = yearly_name, int(r.year)
        else:
            start, end = int(r.window_start), int(r.window_end)
            if start != years[0] and not (start == end and quantity != "jobs"):
                skipped.append(f"{label}: the window does not start with the phase ({years[0]})")
                continue
            if start == end and start != years[0]:
                name, year = yearly_name, start
            else:
                name, year = cumulative_name, end
        if name not in names:
            skipped.append(f"{label}: the model has no output '{name}'")
            continue
        if year not in years:
            skipped.append(f"{label}: {year} is outside the phase {years[0]}-{years[-1]}")
            continue
        value = float(r.value)
        if quantity in ("revenue", "investment"):
            value *= _TO_EOK.get(str(r.unit), 1.0)
        direction = "higher"
        table = program.indicators
        hit = table[(table["phase"] == phase) & (table["indicator"] == r.indicator)]
        if not hit.empty:
            direction = str(hit["direction"].iloc[0])
        targets.append(
            Target(
                name,
                year,
                value,
                direction,
                f"target of the program file: {r.indicator} "
                f"({r.source}, {r.confidence} confidence)",
            )
        )
    return targets, skipped


# ----------------------------------------------------------------------------- project
def _simulate(
    model: Any,
    parameters: ParameterSet,
    *,
    n_draws: int,
    seed: int,
    sampler: str,
    targets: Sequence[Target],
    n_threads: int | None,
    progress: Any,
    keep_draws: bool = False,
    executor: Any = None,
    block_size: int | None = None,
) -> MonteCarloResult:
    """simulate() with the package's keyword conventions."""
    kwargs: dict[str, Any] = {
        "keep_draws": keep_draws,
        "executor": executor,
        "block_size": block_size,
    }
    return simulate(
        model,
        parameters,
        n_draws=n_draws,
        seed=seed,
        sampler=sampler,
        targets=list(targets),
        n_threads=n_threads,
        progress=progress,
        keep_inputs=False,
        **kwargs,
    )


def project(
    program: Any,
    phase: str = "phase-2",
    n_draws: int = 20_000,
    seed: int | None = None,
    targets: Sequence[Target] | None = None,
    n_threads: int | None = None,
    progress: ProgressLike = False,
    *,
    sampler: str = "lhs",
    calibration: ZoneCalibration | None = None,
    keep_draws: bool = False,
    executor: Any = None,
    block_size: int | None = None,
) -> MonteCarloResult:
    """Monte Carlo projection of a phase with the model calibrated from the program's data.

    Parameters
    ----------
    program : innozone.Program
        The program (or a Document with one program holding ``phase``, a dataset name, a
        path).
    phase : str
        The phase to project (calibrated on the phase before it; see :func:`zone_model`).
    n_draws : int
        Number of draws.
    seed : int, optional
        Fixes every result whatever ``n_threads``; None means ``innozone.options.seed``.
    targets : sequence of Target, optional
        Targets to evaluate; None (default) uses the file's own ``target`` observations of
        the phase (:attr:`ZoneCalibration.targets`), ``[]`` none. Targets the model cannot
        answer are listed in ``result.meta["unmodelled_targets"]`` and warned about, never
        dropped silently.
    n_threads : int, optional
        None means ``innozone.options.n_threads`` (0 = one per core).
    progress : bool or callable
        True shows a progress bar; a callable gets ``(done, total)`` and may return False
        to stop.
    sampler : {"lhs", "mc", "sobol"}
    calibration : ZoneCalibration, optional
        A calibration already made (``zone_model(...)``), e.g. with ``budget=`` or
        ``overrides=``.
    keep_draws : bool
        Keep every draw (``result.indicator(...)``, per-draw arithmetic); by default only
        the streaming summaries are kept and memory does not grow with ``n_draws``.
    executor : dask.distributed.Client, optional
        Run the draws on a Dask cluster, in blocks of ``block_size`` draws; the result is
        identical to the local run with the same seed (see :func:`innozone.simulate`).
    block_size : int, optional
        Draws per block with ``executor`` (a multiple of 1,024; None: about four blocks per
        worker thread).

    Returns
    -------
    MonteCarloResult
        ``meta`` holds ``program``, ``phase``, ``calibration`` and ``unmodelled_targets``.

    Notes
    -----
    A target over a window that starts with the phase is compared with the model's
    cumulative output at the window's end (``cum_transfers``, ``cum_ric``,
    ``cum_startups``, ``cum_investment``, ``cum_revenue``); a yearly target with the
    output of that year. A jobs target for a year is compared with the model's ``jobs``
    (the employment of the zone's surviving new firms at that year's end, previous phases'
    firms included); jobs created over a window are not a model output and such targets
    are reported as not modelled.
    """
    import warnings

    from ._errors import InnozoneWarning

    n = check_count(n_draws, "n_draws")
    seed_ = resolve_seed(seed)
    # On a cluster None stays None: one engine thread per block (Dask runs one per worker thread).
    threads = resolve_threads(n_threads) if executor is None else n_threads
    cal = calibration if calibration is not None else zone_model(program, phase)
    if targets is None:
        chosen = list(cal.targets)
        if cal.unmodelled_targets:
            warnings.warn(
                f"{cal.program} {cal.phase}: targets of the file the model cannot answer: "
                + "; ".join(cal.unmodelled_targets),
                InnozoneWarning,
                stacklevel=2,
            )
    else:
        chosen = list(targets)
    with progress_callback(progress, f"{cal.program} {cal.phase}") as callback:
        result = _simulate(
            cal.model,
            cal.parameters,
            n_draws=n,
            seed=seed_,
            sampler=sampler,
            targets=chosen,
            n_threads=threads,
            progress=callback,
            keep_draws=keep_draws,
            executor=executor,
            block_size=block_size,
        )
    meta = getattr(result, "meta", None)
    if isinstance(meta, dict):
        meta.update(
            program=cal.program,
            phase=cal.phase,
            calibration=cal,
            unmodelled_targets=list(cal.unmodelled_targets) if targets is None else [],
        )
    return result


# ----------------------------------------------------------------------------- scenarios
def phase_scenarios(calibration: ZoneCalibration) -> list[Scenario]:
    """Standard scenarios of a calibrated phase (rules in ``zone_model_priors.json``).

    ``baseline`` (the plan), ``budget_cut`` (every year less the cut share), ``front_loaded``
    (the phase total spread with front-loaded weights) and, only for phases with a
    component tagged for hospital purchase-conditional R&D, ``reallocation`` (a share of
    each year's budget moved to that component: transfers follow the rest, and the
    start-ups' survival prior moves up).
    """
    table = json.loads(_priors_text())["scenarios"]
    plan = calibration.budget.to_numpy(dtype=float)
    total = float(plan.sum())
    cut = float(table["budget_cut"])
    weights = np.asarray(table["front_loaded_weights"], dtype=float)
    n = len(plan)
    grid = np.interp(np.linspace(0, len(weights) - 1, n), np.arange(len(weights)), weights)
    front = total * grid / grid.sum()
    out = [
        Scenario(
            "baseline", calibration.model_with(plan), description=f"{total:g} 억원 as planned"
        ),
        Scenario(
            "budget_cut",
            calibration.model_with(plan * (1 - cut)),
            description=f"{total * (1 - cut):g} 억원 ({cut:.0%} less every year)",
        ),
        Scenario(
            "front_loaded",
            calibration.model_with(front),
            description=f"{total:g} 억원, front-loaded",
        ),
    ]
    if _has_tag(calibration, str(table["reallocation_component_tag"])):
        share = float(table["reallocation_share"])
        gain = float(table["reallocation_survival_gain"])
        base = next(i for i in calibration.inputs if i.name == "startup_survival_5y")
        params = [float(v) for v in base.distribution.params]
        shifted = (
            Distribution.triangular(*(min(v + gain, 0.99) for v in params))
            if base.distribution.name == "triangular"
            else Distribution.uniform(*(min(v + gain, 0.99) for v in params[:2]))
        )
        out.append(
            Scenario(
                "reallocation",
                calibration.model_with(plan * (1 - share)),
                overrides={"startup_survival_5y": shifted},
                description=f"{share:.0%} to hospital purchase-conditional support",
            )
        )
    return out


def _has_tag(calibration: ZoneCalibration, tag: str) -> bool:
    return tag in calibration.component_tags


def project_scenarios(
    program: Any,
    phase: str = "phase-2",
    n_draws: int = 5_000,
    seed: int | None = None,
    targets: Sequence[Target] | None = None,
    n_threads: int | None = None,
    progress: ProgressLike = False,
    *,
    calibration: ZoneCalibration | None = None,
) -> ScenarioComparison:
    """:func:`phase_scenarios` run on common random numbers (same seed for each).

    ``progress`` (True for a bar, or a callable ``(done, total)`` that may return False to
    stop) follows all scenarios together.
    """
    n = check_count(n_draws, "n_draws")
    cal = calibration if calibration is not None else zone_model(program, phase)
    chosen = list(cal.targets) if targets is None else list(targets)
    return compare_scenarios(
        cal.model,
        cal.parameters,
        phase_scenarios(cal),
        n_draws=n,
        seed=resolve_seed(seed),
        targets=chosen,
        n_threads=resolve_threads(n_threads),
        progress=progress,
    )


# ----------------------------------------------------------------------------- a Python model
class HospitalCommitmentModel(OutcomeModel):
    """Start-ups with and without a hospital purchase commitment (a model written in Python).

    An example of an :class:`~innozone.outcomes.OutcomeModel` subclass: each year
    ``new_firms`` start-ups enter (mid-year); a share ``commitment_share`` gets an advance
    purchase commitment from a hospital (병원 구매조건부 사업). Uncommitted firms survive as
    S(a) = exp(ln(s5) (a / 5)^k); committed firms' closure hazard is scaled by
    ``hazard_ratio`` (proportional hazards: S_c = S^hazard_ratio). Committed firms also earn
    ``commitment_revenue`` (억원/yr) from the hospital on top of ``revenue_per_firm``.

    Indicators: ``firms_alive``, ``committed_alive``, ``revenue`` (억원/yr), one value per
    year of ``years``. :func:`hospital_parameters` gives its inputs for a calibrated program.

    Parameters
    ----------
    years : sequence of int
        Projection years (e.g. ``calibration.years``).
    """

    INPUTS: ClassVar[list[str]] = [
        "new_firms",
        "survival_5y",
        "weibull_shape",
        "commitment_share",
        "hazard_ratio",
        "revenue_per_firm",
        "commitment_revenue",
    ]

    def __init__(self, years: Sequence[int]) -> None:
        super().__init__()
        self._years = [int(y) for y in years]
        if not self._years:
            raise InvalidInputError("HospitalCommitmentModel: years is empty")

    def input_names(self) -> list[str]:
        """The model's inputs, in the order of the columns of ``x``."""
        return list(self.INPUTS)

    def indicator_names(self) -> list[str]:
        """``firms_alive``, ``committed_alive`` and ``revenue`` (억원/yr)."""
        return ["firms_alive", "committed_alive", "revenue"]

    def years(self) -> list[int]:
        """The projection years."""
        return list(self._years)

    def evaluate_batch(self, x: np.ndarray) -> np.ndarray:
        """Rows of inputs -> rows x indicators x years."""
        new, s5, k, share, hr, rev, com_rev = (x[:, i][:, None] for i in range(7))
        ny = len(self._years)
        ages = np.arange(ny) + 0.5  # age at the end of year u of the cohort of year u - a
        base = np.exp(np.log(s5) * (ages[None, :] / 5.0) ** k)  # rows x ages
        committed = base**hr
        out = np.empty((x.shape[0], 3, ny))
        for u in range(ny):
            s_plain = base[:, : u + 1].sum(axis=1)
            s_comm = committed[:, : u + 1].sum(axis=1)
            n_new = new[:, 0]
            plain_alive = n_new * (1.0 - share[:, 0]) * s_plain
            comm_alive = n_new * share[:, 0] * s_comm
            out[:, 0, u] = plain_alive + comm_alive
            out[:, 1, u] = comm_alive
            out[:, 2, u] = (plain_alive + comm_alive) * rev[:, 0] + comm_alive * com_rev[:, 0]
        return out


def hospital_parameters(calibration: ZoneCalibration) -> ParameterSet:
    """Inputs of :class:`HospitalCommitmentModel` for a calibrated program.

    New start-ups a year around the previous phase's last three years (from the program's
    file, as the calibration derived them), the start-up survival and Weibull shape priors
    and the revenue per firm of the zone model; the commitment share, hazard ratio and
    hospital purchases are assumptions (``zone_model_priors.json``).

    Parameters
    ----------
    calibration : ZoneCalibration
        The program's calibration (:func:`zone_model`); every figure comes from it, with
        its sources.
    """
    if not isinstance(calibration, ZoneCalibration):
        raise InvalidInputError(
            "hospital_parameters: pass a ZoneCalibration (innozone.zone_model(program)), "
            f"got {type(calibration).__name__}"
        )
    cal = calibration
    by_name = {i.name: i for i in cal.inputs}
    recent = [cal.cohorts["startups"][y] for y in cal.phase1_years[-3:]]
    mode = float(np.mean(recent))
    rev = by_name["revenue_per_firm"]
    spec = priors()["hospital_commitment"]
    sources = list(
        dict.fromkeys(
            src for s in cal.settings if s.name == "startups_entries" for src in s.sources
        )
    )
    ps = ParameterSet()
    ps.add(
        "new_firms",
        Distribution.triangular(mode * 2.0 / 3.0, mode, mode * 1.2),
        "start-ups per year",
        f"[derived] {', '.join(sources)}",
        f"{cal.previous} had {mode:g} start-ups a year in its last three years (range -1/3 "
        "to +20 %, an assumption).",
    )
    ps.add(
        "survival_5y",
        by_name["startup_survival_5y"].distribution,
        "share",
        f"[sourced] {', '.join(by_name['startup_survival_5y'].sources)}",
        "As startup_survival_5y in the zone model.",
    )
    ps.add(
        "weibull_shape",
        by_name["weibull_shape"].distribution,
        "-",
        f"[derived] {', '.join(by_name['weibull_shape'].sources)}",
        "As weibull_shape in the zone model.",
    )
    for name in ("commitment_share", "hazard_ratio"):
        entry = spec[name]
        ps.add(name, _distribution(entry), entry["unit"], "[assumption]", entry["note"])
    ps.add(
        "revenue_per_firm",
        rev.distribution,
        "억원/yr",
        f"[derived] {', '.join(rev.sources)}",
        "As revenue_per_firm in the zone model.",
    )
    entry = spec["commitment_revenue"]
    ps.add("commitment_revenue", _distribution(entry), entry["unit"], "[assumption]", entry["note"])
    return ps
