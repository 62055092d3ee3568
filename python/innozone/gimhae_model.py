"""Phase-2 projection of the Gimhae biomedical Gangso R&D special zone (2025-2029).

The model (:class:`~innozone.outcomes.ZoneModel`) turns the yearly budget into technology
transfers (with an elasticity against phase 1's outputs per 억원), transfers into
research-institute companies and start-ups, and those into surviving firms (Weibull
survival per firm type), jobs, revenue and linked investment. It is calibrated on the
phase-1 (2020-2024) totals. Every input is listed in :func:`gimhae_assumptions` with its
distribution, unit and basis: ``sourced`` (a figure from the zone facts, with its source),
``derived`` (computed from sourced figures, the computation stated) or ``assumption``
(a judgement of this package, to be replaced by better evidence).

Phase-2 targets are not published. :data:`EXAMPLE_TARGETS` are set by this package for
illustration only, and say so.

Also here: :class:`HospitalCommitmentModel`, a Python subclass of
:class:`~innozone.outcomes.OutcomeModel` in which a hospital purchase commitment
(병원 구매조건부 사업, a phase-2 component) lowers the closure hazard of committed firms.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
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
    survival_benchmarks,
)

__all__ = [
    "EXAMPLE_TARGETS",
    "PHASE1",
    "PHASE2_BUDGET",
    "Assumption",
    "HospitalCommitmentModel",
    "assumptions_frame",
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


_SRC_PHASE = "zone-facts 3a (Gimhae city release 2025-01-21; jinyeong.co wr_id=387; ajunews 20250121175212074)"

#: Phase-1 (2020-2024) cumulative results, sourced (zone-facts 3a, high confidence).
PHASE1: dict[str, Any] = {
    "years": [2020, 2021, 2022, 2023, 2024],
    "transfers": 209.0,  # 기술이전·출자, cases
    "ric": 44.0,  # 연구소기업, firms
    "startups": 76.0,  # 기술창업, firms
    "investment": 1030.0,  # 투자연계, 억원
    "revenue": 2566.0,  # 매출액, 억원 (cumulative)
    "jobs": 1113.0,  # 일자리, persons
    # Yearly entries derived from the cumulative series in zone-facts 3a: research-institute
    # companies 12 (2020), 22 (end-2021), 30 (end-2022), 7 in 2024, rest 2023; start-ups 19, 31,
    # 46, 15 in 2024, rest 2023.
    "ric_by_year": [12.0, 10.0, 8.0, 7.0, 7.0],
    "startups_by_year": [19.0, 12.0, 15.0, 15.0, 15.0],
}

#: Phase-2 plan: 180 억원 over 2025-2029 (90 national), zone-facts 2b (high). The even yearly
#: split (36 억원/yr) is an assumption: the yearly schedule is not published.
PHASE2_BUDGET: dict[str, Any] = {
    "years": [2025, 2026, 2027, 2028, 2029],
    "total": 180.0,
    "yearly": [36.0] * 5,
}


@dataclass(frozen=True)
class Assumption:
    """One model input: its distribution, unit, basis and where it comes from."""

    name: str
    distribution: Distribution
    unit: str
    basis: str  # "sourced", "derived" or "assumption"
    source: str
    note: str


def _weibull_shape(s1: float, s5: float) -> float:
    """Weibull shape through S(1) = s1 and S(5) = s5: k = ln(ln s5 / ln s1) / ln 5."""
    return math.log(math.log(s5) / math.log(s1)) / math.log(5.0)


def phase1_calibration(
    ric_survival_5y: float = 0.71, startup_survival_5y: float = 0.53, weibull_shape: float = 0.6
) -> dict[str, float]:
    """Per-firm rates implied by phase 1 at central survival priors.

    Firms enter mid-year; the firm stock at the end of year u is the sum of cohort entries times
    S(age). Jobs per surviving firm = phase-1 jobs / stock at end-2024; revenue per surviving firm
    and year = phase-1 cumulative revenue / firm-years 2020-2024; investment per new firm =
    phase-1 investment / new firms.
    """

    def surv(s5: float, age: float) -> float:
        return math.exp(math.log(s5) * (age / 5.0) ** weibull_shape)

    years = PHASE1["years"]
    firm_years = 0.0
    stock_end = 0.0
    for u, year in enumerate(years):
        alive = sum(
            PHASE1["ric_by_year"][c] * surv(ric_survival_5y, u - c + 0.5)
            + PHASE1["startups_by_year"][c] * surv(startup_survival_5y, u - c + 0.5)
            for c in range(u + 1)
        )
        firm_years += alive
        if year == years[-1]:
            stock_end = alive
    new_firms = PHASE1["ric"] + PHASE1["startups"]
    return {
        "stock_end_2024": stock_end,
        "firm_years": firm_years,
        "jobs_per_firm": PHASE1["jobs"] / stock_end,
        "revenue_per_firm": PHASE1["revenue"] / firm_years,
        "investment_per_new_firm": PHASE1["investment"] / new_firms,
        "ric_per_transfer": PHASE1["ric"] / PHASE1["transfers"],
        "startups_per_transfer": PHASE1["startups"] / PHASE1["transfers"],
    }


def gimhae_assumptions() -> list[Assumption]:
    """Every input of the Gimhae phase-2 model, with its basis and source."""
    bench = survival_benchmarks()["curves"]
    k_all = _weibull_shape(
        bench["all_industries_2013"]["survival"][0], bench["all_industries_2013"]["survival"][4]
    )
    k_mfg = _weibull_shape(
        bench["manufacturing_2015"]["survival"][0], bench["manufacturing_2015"]["survival"][4]
    )
    cal = phase1_calibration(weibull_shape=0.5 * (k_all + k_mfg))
    r_ric = cal["ric_per_transfer"]
    r_su = cal["startups_per_transfer"]
    jobs = cal["jobs_per_firm"]
    rev = cal["revenue_per_firm"]
    inv = cal["investment_per_new_firm"]
    return [
        Assumption(
            "phase1_budget",
            Distribution.uniform(190.0, 210.0),
            "억원 (2020-2024 total)",
            "derived",
            "zone-facts 2b: inferred 70 + (40 + local) + 29 + 29 + 29, confidence low",
            "Gimhae's phase-1 total is not published; uniform over the inferred range.",
        ),
        Assumption(
            "elasticity",
            Distribution.triangular(0.5, 0.8, 1.0),
            "-",
            "assumption",
            "innozone assumption",
            "Transfers respond to the yearly budget as (budget / phase-1 average)^elasticity; 1 = constant "
            "outputs per 억원, below 1 = diminishing returns.",
        ),
        Assumption(
            "productivity",
            Distribution.lognormal(-0.5 * 0.15**2, 0.15),
            "multiplier",
            "assumption",
            "innozone assumption",
            "Phase-2 transfers per 억원 relative to phase 1 (mean 1, sd about 0.15): new focus on digital "
            "health and electroceuticals, a maturing pipeline.",
        ),
        Assumption(
            "ric_per_transfer",
            Distribution.triangular(0.75 * r_ric, r_ric, 1.25 * r_ric),
            "firms per transfer",
            "derived",
            _SRC_PHASE,
            f"Mode = 44 / 209 = {r_ric:.3f}; +-25 % range is an assumption.",
        ),
        Assumption(
            "startups_per_transfer",
            Distribution.triangular(0.75 * r_su, r_su, 1.25 * r_su),
            "firms per transfer",
            "derived",
            _SRC_PHASE,
            f"Mode = 76 / 209 = {r_su:.3f}; +-25 % range is an assumption.",
        ),
        Assumption(
            "ric_survival_5y",
            Distribution.uniform(0.667, 0.75),
            "share",
            "sourced",
            "zone-facts 4b: research-institute companies' 5-year survival 66.7 % and 75.0 % (특구재단 2020)",
            "Uniform between the two published values.",
        ),
        Assumption(
            "startup_survival_5y",
            Distribution.triangular(0.372, 0.565, 0.629),
            "share",
            "sourced",
            "zone-facts 4a: manufacturing 37.2 % (2015 ref), health 56.5 % (2022 ref) and 62.9 % (2024 ref)",
            "Low = manufacturing, mode and high = health and social work; the mode is a judgement.",
        ),
        Assumption(
            "weibull_shape",
            Distribution.uniform(min(k_all, k_mfg), max(k_all, k_mfg)),
            "-",
            "derived",
            "zone-facts 4a full 1-5 year curves (all industries 2013, manufacturing 2015)",
            f"Weibull shape through S(1) and S(5) of each curve: {k_all:.3f} and {k_mfg:.3f}.",
        ),
        Assumption(
            "jobs_per_firm",
            Distribution.triangular(0.7 * jobs, jobs, 1.3 * jobs),
            "persons per surviving firm",
            "derived",
            _SRC_PHASE,
            f"1,113 phase-1 jobs / {cal['stock_end_2024']:.1f} firms alive at end-2024 = {jobs:.2f}; "
            "attributing all jobs to zone-founded firms and the +-30 % range are assumptions.",
        ),
        Assumption(
            "revenue_per_firm",
            Distribution.triangular(0.7 * rev, rev, 1.3 * rev),
            "억원 per surviving firm per year",
            "derived",
            _SRC_PHASE,
            f"2,566 억원 / {cal['firm_years']:.1f} firm-years 2020-2024 = {rev:.2f}; the revenue's scope is not "
            "stated (seed-facts), so attributing it to zone-founded firms and the +-30 % range are assumptions.",
        ),
        Assumption(
            "investment_per_new_firm",
            Distribution.triangular(0.6 * inv, inv, 1.4 * inv),
            "억원 per new firm",
            "derived",
            _SRC_PHASE,
            f"1,030 억원 / 120 new firms = {inv:.2f}; +-40 % range is an assumption.",
        ),
    ]


def gimhae_parameters() -> ParameterSet:
    """The inputs of :func:`gimhae_model` as a :class:`ParameterSet` (independent inputs)."""
    params = ParameterSet()
    for a in gimhae_assumptions():
        params.add(
            a.name, a.distribution, unit=a.unit, source=f"[{a.basis}] {a.source}", note=a.note
        )
    return params


def gimhae_model(
    yearly_budget: Sequence[float] | None = None, half_saturation: float = 0.0
) -> ZoneModel:
    """The phase-2 zone model with phase-1 cohorts carried forward.

    Parameters
    ----------
    yearly_budget : sequence of 5 floats, optional
        억원 per year 2025-2029 (default: the 180 억원 plan split evenly, an assumption).
    half_saturation : float
        0 uses the elasticity response; a positive value switches to the saturating
        (diminishing-returns) response with that half-saturation, relative to the phase-1
        average yearly budget.
    """
    budget = list(yearly_budget) if yearly_budget is not None else list(PHASE2_BUDGET["yearly"])
    return ZoneModel(
        PHASE2_BUDGET["years"],
        budget,
        phase1_transfers=PHASE1["transfers"],
        phase1_years=5,
        half_saturation=half_saturation,
        initial_years=PHASE1["years"],
        initial_ric=PHASE1["ric_by_year"],
        initial_startups=PHASE1["startups_by_year"],
    )


_EXAMPLE = "example target set by innozone for illustration; phase-2 targets are not published"

#: Example phase-2 targets (NOT official): cumulative 2025-2029 firms and investment, and the
#: 2029 firm stock and jobs. Phase 1 produced 120 firms and 1,030 억원 of investment with a
#: somewhat larger budget.
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
) -> MonteCarloResult:
    """Monte Carlo projection of phase 2 under the 180 억원 plan, with P(targets reached)."""
    return simulate(
        gimhae_model(),
        gimhae_parameters(),
        n_draws=n_draws,
        seed=seed,
        sampler=sampler,
        targets=list(targets) if targets is not None else EXAMPLE_TARGETS,
        n_threads=n_threads,
        progress=progress,
    )


def gimhae_scenarios(
    n_draws: int = 20_000, seed: int = 2025, n_threads: int = 0
) -> ScenarioComparison:
    """Baseline (180 억원, even), a 20 % budget cut, a front-loaded schedule and a reallocation.

    The reallocation moves 20 % of each year's budget from technology discovery to the hospital
    purchase-conditional component: transfers are driven by 80 % of the budget, and the start-ups'
    5-year survival prior moves up by 8 points (an assumption standing in for the purchase
    commitment; see :class:`HospitalCommitmentModel` for an explicit model of that effect).
    """
    params = gimhae_parameters()
    scenarios = [
        Scenario("baseline", gimhae_model(), description="180 억원, 36 억원/yr"),
        Scenario(
            "budget_cut_20pct", gimhae_model([28.8] * 5), description="144 억원, 28.8 억원/yr"
        ),
        Scenario(
            "front_loaded",
            gimhae_model([50.0, 45.0, 35.0, 30.0, 20.0]),
            description="180 억원, front-loaded",
        ),
        Scenario(
            "reallocation",
            gimhae_model([28.8] * 5),
            overrides={"startup_survival_5y": Distribution.triangular(0.452, 0.645, 0.709)},
            description="20 % to hospital purchase-conditional support",
        ),
    ]
    return compare_scenarios(
        gimhae_model(),
        params,
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
        return list(self.INPUTS)

    def indicator_names(self) -> list[str]:
        return ["firms_alive", "committed_alive", "revenue"]

    def years(self) -> list[int]:
        return list(self._years)

    def evaluate_batch(self, x: np.ndarray) -> np.ndarray:
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
    """Inputs of :class:`HospitalCommitmentModel` for Gimhae (see each entry's note)."""
    ps = ParameterSet()
    ps.add(
        "new_firms",
        Distribution.triangular(10.0, 15.0, 18.0),
        "start-ups per year",
        "[derived] zone-facts 3a",
        "Phase 1 had 15 start-ups a year in 2022-2024; phase 2 has a smaller budget.",
    )
    ps.add(
        "survival_5y",
        Distribution.triangular(0.372, 0.565, 0.629),
        "share",
        "[sourced] zone-facts 4a",
        "As startup_survival_5y in the zone model.",
    )
    ps.add(
        "weibull_shape",
        Distribution.uniform(0.55, 0.66),
        "-",
        "[derived] zone-facts 4a",
        "Fitted to 4a curves.",
    )
    ps.add(
        "commitment_share",
        Distribution.uniform(0.1, 0.3),
        "share of start-ups",
        "[assumption]",
        "Share of start-ups receiving a hospital purchase commitment.",
    )
    ps.add(
        "hazard_ratio",
        Distribution.triangular(0.4, 0.6, 0.9),
        "-",
        "[assumption]",
        "Closure hazard of committed firms relative to others; no Korean estimate was found.",
    )
    ps.add(
        "revenue_per_firm",
        Distribution.triangular(4.0, 7.0, 10.0),
        "억원/yr",
        "[derived] phase-1 calibration",
        "Around the phase-1 revenue per surviving firm.",
    )
    ps.add(
        "commitment_revenue",
        Distribution.triangular(0.5, 1.0, 2.0),
        "억원/yr",
        "[assumption]",
        "Hospital purchases per committed firm and year.",
    )
    return ps


def assumptions_frame() -> pd.DataFrame:
    """All Gimhae assumptions as a table (name, distribution, unit, basis, source, note)."""
    return pd.DataFrame(
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
