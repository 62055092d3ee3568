"""Gimhae's phase-2 projection: the generic calibration applied to ``gimhae.json``.

Gimhae's model is :func:`innozone.zone_model` applied to the ``gimhae-gangso`` program of
the embedded ``gimhae`` dataset: every figure comes from that file (with its source ids) or
from the package's reference tables; nothing here holds a figure of the zone. This module
keeps the functions earlier code and notebooks call (``gimhae_model()``,
``gimhae_parameters()``, ``gimhae_projection()``, ...) as thin wrappers over that
calibration; new code should call :func:`innozone.zone_model`, :func:`innozone.project` and
:func:`innozone.appraise_phase` directly.

Phase-2 targets are not published. :data:`EXAMPLE_TARGETS` are targets set by this package
for illustration only (they are not in the data file and never a headline figure); the
default targets of :func:`innozone.project` are the file's own (none for Gimhae's phase 2).

Also here: :class:`HospitalCommitmentModel`, a Python subclass of
:class:`~innozone.outcomes.OutcomeModel` in which a hospital purchase commitment
(병원 구매조건부 사업, a phase-2 component) lowers the closure hazard of committed firms.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, ClassVar

import numpy as np
import pandas as pd

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
    "EXAMPLE_TARGETS",
    "Assumption",
    "HospitalCommitmentModel",
    "assumptions_frame",
    "calibration",
    "gimhae_assumptions",
    "gimhae_model",
    "gimhae_parameters",
    "gimhae_projection",
    "gimhae_scenarios",
    "hospital_parameters",
    "phase1_calibration",
]


def __dir__() -> list[str]:  # tab completion lists the public names only
    return list(__all__)


#: Dataset and program the wrappers calibrate on.
DATASET = "gimhae"
PROGRAM = "gimhae-gangso"


@lru_cache(maxsize=1)
def calibration() -> Any:
    """The zone model of ``gimhae-gangso`` phase 2 (:func:`innozone.zone_model`), cached."""
    from .program import load
    from .zonemodel import zone_model

    return zone_model(load(DATASET).program(PROGRAM), "phase-2")


def __getattr__(name: str) -> Any:
    # PHASE1 and PHASE2_BUDGET: the calibration's figures in the old dict layout, computed
    # from gimhae.json on first use (no copy of the data lives in this module).
    if name == "PHASE1":
        cal = calibration()
        return {
            "years": list(cal.phase1_years),
            "transfers": cal.phase1["transfers"],
            "ric": cal.phase1["ric"],
            "startups": cal.phase1["startups"],
            "investment": cal.phase1["investment"],
            "revenue": cal.phase1["revenue"],
            "jobs": cal.phase1["jobs"],
            "ric_by_year": [cal.cohorts["ric"][y] for y in cal.phase1_years],
            "startups_by_year": [cal.cohorts["startups"][y] for y in cal.phase1_years],
        }
    if name == "PHASE2_BUDGET":
        cal = calibration()
        return {
            "years": list(cal.years),
            "total": float(cal.budget.sum()),
            "yearly": [float(v) for v in cal.budget],
        }
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True)
class Assumption:
    """One model input: its distribution, unit, basis and where it comes from."""

    name: str
    distribution: Distribution
    unit: str
    basis: str  # "sourced", "derived", "assumption" or "user"
    source: str
    note: str


def gimhae_assumptions() -> list[Assumption]:
    """Every input of the Gimhae phase-2 model, with its basis and source ids."""
    return [
        Assumption(i.name, i.distribution, i.unit, i.basis, ", ".join(i.sources), i.note)
        for i in calibration().inputs
    ]


def gimhae_parameters() -> ParameterSet:
    """The inputs of :func:`gimhae_model` as a :class:`ParameterSet` (independent inputs)."""
    params: ParameterSet = calibration().parameters.copy()
    return params


def gimhae_model(
    yearly_budget: Sequence[float] | None = None, half_saturation: float = 0.0
) -> ZoneModel:
    """The phase-2 zone model with phase-1 cohorts carried forward.

    Parameters
    ----------
    yearly_budget : sequence of 5 floats, optional
        억원 per year 2025-2029 (default: the file's plan, 180 억원 split evenly).
    half_saturation : float
        0 uses the elasticity response; a positive value the saturating response.
    """
    cal = calibration()
    budget = list(yearly_budget) if yearly_budget is not None else list(cal.budget)
    if half_saturation:
        from .program import load
        from .zonemodel import zone_model

        cal = zone_model(load(DATASET).program(PROGRAM), "phase-2", half_saturation=half_saturation)
    return cal.model_with(budget)  # type: ignore[no-any-return]


def phase1_calibration(
    ric_survival_5y: float | None = None,
    startup_survival_5y: float | None = None,
    weibull_shape: float | None = None,
) -> dict[str, float]:
    """Per-firm rates implied by phase 1 (None: the priors' medians).

    Firms enter mid-year; the stock at the end of a year is the sum of cohort entries times
    S(age). Keys: stock_end_2024, firm_years, jobs_per_firm, revenue_per_firm,
    investment_per_new_firm, ric_per_transfer, startups_per_transfer.
    """
    from .zonemodel import _stock_and_firm_years

    cal = calibration()
    central = {i.name: i.central for i in cal.inputs}
    s_ric = central["ric_survival_5y"] if ric_survival_5y is None else ric_survival_5y
    s_su = central["startup_survival_5y"] if startup_survival_5y is None else startup_survival_5y
    k = central["weibull_shape"] if weibull_shape is None else weibull_shape
    years = list(cal.phase1_years)
    stock, firm_years = _stock_and_firm_years(
        years, cal.cohorts["ric"], cal.cohorts["startups"], s_ric, s_su, k
    )
    p1 = cal.phase1
    return {
        f"stock_end_{years[-1]}": stock,
        "stock_end_2024": stock,
        "firm_years": firm_years,
        "jobs_per_firm": p1["jobs"] / stock,
        "revenue_per_firm": p1["revenue"] / firm_years,
        "investment_per_new_firm": p1["investment"] / (p1["ric"] + p1["startups"]),
        "ric_per_transfer": p1["ric"] / p1["transfers"],
        "startups_per_transfer": p1["startups"] / p1["transfers"],
    }


_EXAMPLE = "example target set by innozone for illustration; phase-2 targets are not published"

#: Example phase-2 targets (NOT official, not in the data file): cumulative 2025-2029 firms
#: and investment, and the 2029 firm stock and jobs. Kept for the report until it switches to
#: the file's own targets; then this can be deleted.
EXAMPLE_TARGETS: list[Target] = [
    Target("cum_companies", 2029, 100.0, "higher", _EXAMPLE),
    Target("cum_investment", 2029, 850.0, "higher", _EXAMPLE),
    Target("firms_alive", 2029, 180.0, "higher", _EXAMPLE),
    Target("jobs", 2029, 2000.0, "higher", _EXAMPLE),
]


def gimhae_projection(
    n_draws: int = 20_000,
    seed: int = 2025,
    sampler: str = "lhs",
    n_threads: int = 0,
    targets: Sequence[Target] | None = None,
    progress: bool = False,
    keep_draws: bool = False,
) -> MonteCarloResult:
    """Monte Carlo projection of phase 2 under the 180 억원 plan, with P(targets reached).

    Without ``targets`` the illustrative :data:`EXAMPLE_TARGETS` are used (compatibility);
    :func:`innozone.project` uses the file's own targets instead. ``keep_draws=True`` keeps
    every draw (for per-draw arithmetic such as benefit ratios).
    """
    from ._validate import check_count, resolve_seed

    cal = calibration()
    return simulate(
        cal.model,
        cal.parameters,
        n_draws=check_count(n_draws, "n_draws"),
        seed=resolve_seed(seed),
        sampler=sampler,
        targets=list(targets) if targets is not None else EXAMPLE_TARGETS,
        n_threads=n_threads,
        progress=progress,
        keep_draws=keep_draws,
    )


_OLD_NAMES = {"budget_cut": "budget_cut_20pct"}


def gimhae_scenarios(
    n_draws: int = 20_000, seed: int = 2025, n_threads: int = 0
) -> ScenarioComparison:
    """The phase-2 scenarios compared against :data:`EXAMPLE_TARGETS`.

    Baseline, a 20 % budget cut, a front-loaded schedule and a reallocation to the hospital
    purchase-conditional component (:func:`innozone.zonemodel.phase_scenarios` with the
    scenario names earlier versions used).
    """
    from ._validate import check_count, resolve_seed
    from .zonemodel import phase_scenarios

    n_draws = check_count(n_draws, "n_draws")
    seed = resolve_seed(seed)
    cal = calibration()
    scenarios = [
        Scenario(_OLD_NAMES.get(s.name, s.name), s.model, dict(s.overrides), s.description)
        for s in phase_scenarios(cal)
    ]
    return compare_scenarios(
        cal.model,
        cal.parameters,
        scenarios,
        n_draws=n_draws,
        seed=seed,
        targets=EXAMPLE_TARGETS,
        n_threads=n_threads,
    )


class HospitalCommitmentModel(OutcomeModel):
    """Start-ups with and without a hospital purchase commitment (Python-defined model).

    Each year ``new_firms`` start-ups enter (mid-year); a share ``commitment_share`` gets an
    advance purchase commitment from the hospital. Uncommitted firms survive as
    S(a) = exp(ln(s5) (a / 5)^k); committed firms' closure hazard is scaled by
    ``hazard_ratio`` (proportional hazards: S_c = S^hazard_ratio). Committed firms also earn
    ``commitment_revenue`` (억원/yr) from the hospital on top of ``revenue_per_firm``.

    Indicators: ``firms_alive``, ``committed_alive``, ``revenue`` (억원/yr) for 2025-2029.
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

    def __init__(self, years: Sequence[int] = (2025, 2026, 2027, 2028, 2029)) -> None:
        super().__init__()
        self._years = [int(y) for y in years]

    def input_names(self) -> list[str]:
        """The seven input names, in the column order of ``evaluate_batch``'s ``x``."""
        return list(self.INPUTS)

    def indicator_names(self) -> list[str]:
        """``firms_alive``, ``committed_alive`` and ``revenue``, in output order."""
        return ["firms_alive", "committed_alive", "revenue"]

    def years(self) -> list[int]:
        """The projected years (2025-2029 unless given)."""
        return list(self._years)

    def evaluate_batch(self, x: np.ndarray) -> np.ndarray:
        """Indicators of a block of input rows.

        ``x`` is rows x inputs (in :meth:`input_names` order); returns rows x indicators x
        years: firms alive and committed firms alive at the end of each year (firms) and
        revenue (억원/yr).
        """
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


def hospital_parameters() -> ParameterSet:
    """Inputs of :class:`HospitalCommitmentModel` for Gimhae.

    New start-ups a year around phase 1's last three years (from the calibration), the
    start-up survival and Weibull shape priors and the revenue per firm of the zone model;
    the commitment share, hazard ratio and hospital purchases are assumptions
    (``zone_model_priors.json``).
    """
    from .zonemodel import _distribution, priors

    cal = calibration()
    by_name = {i.name: i for i in cal.inputs}
    recent = [cal.cohorts["startups"][y] for y in cal.phase1_years[-3:]]
    mode = float(np.mean(recent))
    rev = by_name["revenue_per_firm"]
    spec = priors()["hospital_commitment"]
    ps = ParameterSet()
    ps.add(
        "new_firms",
        Distribution.triangular(mode * 2.0 / 3.0, mode, mode * 1.2),
        "start-ups per year",
        f"[derived] {', '.join(_entry_sources(cal, 'startups_entries'))}",
        f"Phase 1 had {mode:g} start-ups a year in its last three years; phase 2 has a smaller "
        "budget (range -1/3 to +20 %, an assumption).",
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


def assumptions_frame() -> pd.DataFrame:
    """All Gimhae assumptions as a table (name, distribution, unit, basis, source, note)."""
    table: pd.DataFrame = pd.DataFrame(
        [
            {
                "input": a.name,
                "distribution": repr(a.distribution),
                "mean": a.distribution.mean(),
                "unit": a.unit,
                "basis": a.basis,
                "source": a.source,
                "note": a.note,
            }
            for a in gimhae_assumptions()
        ]
    ).set_index("input")
    return table


def _entry_sources(cal: Any, name: str) -> list[str]:
    sources: list[str] = []
    for setting in cal.settings:
        if setting.name == name:
            sources.extend(setting.sources)
    return list(dict.fromkeys(sources))
