"""What a phase is worth: NPV and B/C of a program's phase from its calibrated zone model.

:func:`appraise_phase` answers "the B/C of phase 2" in one call. The costs are the phase's
budget plan; the benefits are the value added of the revenue the phase adds: the zone
model's revenue with the phase's budget minus its revenue without it (the earlier cohorts
only), on the same Monte Carlo draws, times the value-added ratio of revenue and the share
of that added value attributed to the program. Benefits may run past the phase's end
(``horizon``): the phase's firms keep surviving and earning, with no new budget. Both
streams are discounted at ``rate`` (Korea's real social discount rate, 4.5 %, by default).

The result holds the deterministic central case (every input at its median), the
distribution of NPV and B/C over the draws with P(B/C >= 1), the B/C at other attribution
shares, and every assumption with its basis.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from ._errors import InvalidInputError
from ._results import Result, format_number
from ._validate import (
    ProgressLike,
    check_count,
    check_fraction,
    progress_callback,
    resolve_lang,
    resolve_seed,
    resolve_threads,
)
from .outcomes import Distribution, uniform_design
from .zonemodel import ZoneCalibration, _simulate, zone_model

__all__ = ["PhaseAppraisal", "appraise_phase"]


def __dir__() -> list[str]:  # tab completion lists the public names only
    return list(__all__)


#: Korea's real social discount rate for pre-feasibility studies since 2017 (a fraction).
_KOREA_RATE = 0.045

_TIMINGS = {"beginning": 0.0, "middle": 0.5, "end": 1.0}


def _factors(n: int, rate: float, timing: str) -> np.ndarray:
    offset = _TIMINGS[timing]
    return np.asarray((1.0 + rate) ** -(np.arange(n, dtype=float) + offset), dtype=float)


def _share_draws(
    value: Any, name: str, n: int, seed: int, stream: int
) -> tuple[np.ndarray, float, str]:
    """(draws, central value, description) of a share given as a number or a Distribution."""
    if isinstance(value, Distribution):
        u = uniform_design("lhs", n, 1, seed=(seed + 0x9E3779B97F4A7C15 * stream) % 2**64)[:, 0]
        draws = np.asarray(value.quantile(u), dtype=float)
        central = float(value.quantile(np.array([0.5]))[0])
        return draws, central, repr(value)
    share = check_fraction(value, name)
    return np.full(n, share), share, f"{share:g}"


class PhaseAppraisal(Result):
    """NPV and B/C of a phase: the central case and the distribution over the draws.

    Attributes
    ----------
    program, phase : str
    rate : float
        Discount rate (a fraction).
    timing : str
        ``beginning``, ``middle`` or ``end`` of each year (t = 0 is the phase's first year).
    horizon : int
        Years of benefits after the phase's end.
    npv, bc : float
        Central case: every model input, the attribution share and the value-added ratio at
        their medians (억원; ratio).
    pv_benefit, pv_cost : float
        Central case, 억원.
    npv_draws, bc_draws : numpy.ndarray
        One value per Monte Carlo draw.
    probability : float
        P(B/C >= 1) over the draws.
    flows : pandas.DataFrame
        By year: cost, the central benefit and its 5 %, 50 % and 95 % quantiles over the
        draws, the discount factor.
    assumptions : pandas.DataFrame
        Every assumption of the appraisal (and of the model) with value, basis, sources,
        confidence and note.
    """

    def __init__(
        self,
        *,
        calibration: ZoneCalibration,
        rate: float,
        timing: str,
        horizon: int,
        years: list[int],
        cost: np.ndarray,
        central_benefit: np.ndarray,
        benefit_draws: np.ndarray,
        unit_benefit_pv: np.ndarray,
        attribution_draws: np.ndarray,
        assumptions: pd.DataFrame,
        n_draws: int,
        seed: int,
    ) -> None:
        self.program = calibration.program
        self.phase = calibration.phase
        self.rate = rate
        self.timing = timing
        self.horizon = horizon
        self.years = list(years)
        self.n_draws = n_draws
        self.seed = seed
        factors = _factors(len(years), rate, timing)
        self.pv_cost = float(cost @ factors)
        self.pv_benefit = float(central_benefit @ factors)
        self.npv = self.pv_benefit - self.pv_cost
        self.bc = self.pv_benefit / self.pv_cost if self.pv_cost > 0 else float("nan")
        pv_draws = benefit_draws @ factors
        self.npv_draws = pv_draws - self.pv_cost
        self.bc_draws = pv_draws / self.pv_cost if self.pv_cost > 0 else np.full(n_draws, np.nan)
        self.probability = float(np.mean(self.bc_draws >= 1.0))
        self._unit_pv = unit_benefit_pv  # PV of the benefit per unit of attribution, per draw
        self._attribution = attribution_draws
        q = np.quantile(benefit_draws, [0.05, 0.5, 0.95], axis=0)
        self.flows = pd.DataFrame(
            {
                "cost": cost,
                "benefit": central_benefit,
                "benefit_p05": q[0],
                "benefit_p50": q[1],
                "benefit_p95": q[2],
                "discount_factor": factors,
                "in_phase": [y <= calibration.years[-1] for y in years],
            },
            index=pd.Index(years, name="year"),
        )
        self.assumptions = assumptions

    # -- tables
    def to_frame(self) -> pd.DataFrame:
        """The yearly flows (억원)."""
        table: pd.DataFrame = self.flows.copy()
        return table

    def summary(self) -> pd.DataFrame:
        """NPV (억원) and B/C: central case, mean and 5/50/95 % quantiles; P(B/C >= 1)."""
        rows = []
        for name, central, draws in (
            ("NPV (억원)", self.npv, self.npv_draws),
            ("B/C", self.bc, self.bc_draws),
        ):
            q = np.quantile(draws, [0.05, 0.5, 0.95])
            rows.append(
                {
                    "measure": name,
                    "central": central,
                    "mean": float(np.mean(draws)),
                    "p05": q[0],
                    "p50": q[1],
                    "p95": q[2],
                }
            )
        rows.append(
            {
                "measure": "P(B/C >= 1)",
                "central": np.nan,
                "mean": self.probability,
                "p05": np.nan,
                "p50": np.nan,
                "p95": np.nan,
            }
        )
        table: pd.DataFrame = pd.DataFrame(rows).set_index("measure")
        return table

    def by_attribution(self, shares: Sequence[float] = (0.1, 0.2, 0.3, 0.5, 1.0)) -> pd.DataFrame:
        """B/C over the draws for each share of the added value attributed to the program.

        Every other input is as drawn; per share: median, 5 % and 95 % quantiles of B/C and
        P(B/C >= 1).
        """
        rows = []
        for share in shares:
            s = check_fraction(share, "share")
            bc = self._unit_pv * s / self.pv_cost
            q = np.quantile(bc, [0.05, 0.5, 0.95])
            rows.append(
                {
                    "attribution": s,
                    "bc_p05": q[0],
                    "bc_median": q[1],
                    "bc_p95": q[2],
                    "probability_bc_at_least_1": float(np.mean(bc >= 1.0)),
                }
            )
        table: pd.DataFrame = pd.DataFrame(rows)
        return table

    # -- display
    def plot(self, ax: Any = None, lang: str | None = None, kind: str = "distribution") -> Any:
        """Plot the B/C distribution or the yearly flows.

        ``kind="distribution"``: histogram of B/C over the draws with the central case and
        B/C = 1; ``kind="flows"``: yearly cost and benefit (median with its 5-95 % band).
        """
        from . import plotting as P
        from ._labels import label, unit_label

        lang = resolve_lang(lang)
        if kind not in ("distribution", "flows"):
            raise InvalidInputError(f"kind must be 'distribution' or 'flows', got {kind!r}")
        with P.style():
            axes = P.new_axes(ax)
            if kind == "distribution":
                axes.hist(self.bc_draws, bins=60, color="#4c72b0", alpha=0.8)
                axes.axvline(1.0, color="k", lw=1.0, ls="--")
                axes.axvline(self.bc, color="#dd8452", lw=1.5)
                axes.set_xlabel("B/C")
                axes.set_ylabel(label("appraisal.draws", lang))
                axes.set_title(
                    label(
                        "appraisal.bc_title",
                        lang,
                        program=self.program,
                        phase=self.phase,
                        p=f"{self.probability:.0%}",
                    )
                )
            else:
                years = np.asarray(self.flows.index, dtype=float)
                axes.bar(
                    years - 0.2,
                    self.flows["cost"],
                    width=0.4,
                    color="#c44e52",
                    label=label("appraisal.cost", lang),
                )
                axes.bar(
                    years + 0.2,
                    self.flows["benefit_p50"],
                    width=0.4,
                    color="#55a868",
                    label=label("appraisal.benefit_median", lang),
                )
                axes.errorbar(
                    years + 0.2,
                    self.flows["benefit_p50"],
                    yerr=[
                        self.flows["benefit_p50"] - self.flows["benefit_p05"],
                        self.flows["benefit_p95"] - self.flows["benefit_p50"],
                    ],
                    fmt="none",
                    ecolor="k",
                    capsize=2,
                )
                axes.set_ylabel(unit_label("억원", lang))
                axes.legend(fontsize="small")
                axes.set_title(
                    label("appraisal.flows_title", lang, program=self.program, phase=self.phase)
                )
            return P._finish(axes)

    def _title(self) -> str:
        return f"Appraisal of {self.program} {self.phase} at {self.rate:.1%}"

    def _notes(self) -> list[str]:
        return [
            (
                f"central case: NPV {format_number(self.npv)} 억원, B/C {self.bc:.2f}; "
                f"over {self.n_draws:,} draws P(B/C >= 1) = {self.probability:.0%}"
            ),
            (
                f"benefits {self.years[0]}-{self.years[-1]} (horizon {self.horizon} years after the "
                "phase); see .assumptions for every input and its basis"
            ),
        ]

    def _headline(self) -> str:
        return f"NPV={self.npv:.1f} 억원, B/C={self.bc:.2f}, P(B/C>=1)={self.probability:.2f}"


def appraise_phase(
    program: Any,
    phase: str = "phase-2",
    *,
    attribution: float | Distribution,
    value_added_ratio: float | Distribution | None = None,
    horizon: int = 0,
    rate: float = _KOREA_RATE,
    n_draws: int = 20_000,
    seed: int | None = None,
    n_threads: int | None = None,
    progress: ProgressLike = False,
    timing: str = "beginning",
    calibration: ZoneCalibration | None = None,
) -> PhaseAppraisal:
    """NPV and B/C of a phase: the central case and the distribution over Monte Carlo draws.

    Parameters
    ----------
    program : innozone.Program
        The program (or a Document with one program holding ``phase``, a dataset name, a
        path); the zone model is :func:`innozone.zone_model` of it.
    phase : str
        The phase appraised.
    attribution : float or Distribution
        Share (a fraction) of the added value credited to the program. No source gives it
        for a Gangso zone: pass a judgement (listed with basis ``assumption``) or an
        estimate, e.g. ``Distribution.from_estimate(did_result, transform=...)`` (basis
        ``user``). :meth:`PhaseAppraisal.by_attribution` shows other shares.
    value_added_ratio : float or Distribution, optional
        Value added per won of revenue; None uses the sector's sourced ratio
        (``zone_model_priors.json``: medical devices 31.3 %, pharmaceuticals 41.6 %,
        manufacturing 24.7 %, KHIDI analysis of Bank of Korea tables).
    horizon : int
        Years of benefits after the phase's end (0: the phase's years only). The phase's
        firms keep surviving (the model's survival curves) and earning; no budget, no new
        firms.
    rate : float
        Real discount rate, a fraction (default 0.045, Korea's social discount rate).
    n_draws : int
        Monte Carlo draws (Latin hypercube).
    seed : int, optional
        None means ``innozone.options.seed``.
    n_threads : int, optional
        None means ``innozone.options.n_threads``.
    progress : bool or callable
        True shows a progress bar; a callable gets ``(done, total)``.
    timing : {"beginning", "middle", "end"}
        When each year's flows count (t = 0 is the phase's first year).
    calibration : ZoneCalibration, optional
        A calibration already made (``zone_model(..., budget=...)``).

    Returns
    -------
    PhaseAppraisal
    """
    n = check_count(n_draws, "n_draws")
    h = check_count(horizon, "horizon", minimum=0)
    rate_ = check_fraction(rate, "rate")
    if timing not in _TIMINGS:
        raise InvalidInputError(f"timing must be one of {', '.join(_TIMINGS)}, got {timing!r}")
    seed_ = resolve_seed(seed)
    threads = resolve_threads(n_threads)
    cal = calibration if calibration is not None else zone_model(program, phase)
    plan = cal.budget.to_numpy(dtype=float)
    if not plan.sum() > 0:
        raise InvalidInputError(
            f"{cal.program} {cal.phase}: the budget plan is 0; no cost to appraise"
        )
    with_phase = cal.model_with(plan, extra_years=h)
    without = cal.model_with(np.zeros_like(plan), extra_years=h)
    years = [int(y) for y in with_phase.years()]
    with progress_callback(progress, f"appraisal {cal.program} {cal.phase}") as callback:
        runs = []
        for model in (with_phase, without):
            runs.append(
                _simulate(
                    model,
                    cal.parameters,
                    n_draws=n,
                    seed=seed_,
                    sampler="lhs",
                    targets=(),
                    n_threads=threads,
                    progress=callback,
                    keep_draws=True,
                )
            )
    added = runs[0].indicator("revenue") - runs[1].indicator("revenue")  # 억원/yr, draws x years
    # Central case: every input at its median.
    x = cal.central_inputs().to_numpy(dtype=float)[None, :]
    names = list(with_phase.indicator_names())
    ny = len(years)
    rev_with = with_phase.evaluate_rows(x).reshape(len(names), ny)[names.index("revenue")]
    rev_without = without.evaluate_rows(x).reshape(len(names), ny)[names.index("revenue")]
    central_added = rev_with - rev_without

    attr_draws, attr_central, attr_text = _share_draws(attribution, "attribution", n, seed_, 1)
    default_va = value_added_ratio is None
    va_spec = cal.value_added_ratio
    va_value = float(va_spec["value"]) if default_va else value_added_ratio
    va_draws, va_central, va_text = _share_draws(va_value, "value_added_ratio", n, seed_, 2)

    cost = np.concatenate([plan, np.zeros(h)])
    benefit_draws = added * (va_draws * attr_draws)[:, None]
    central_benefit = central_added * va_central * attr_central
    factors = _factors(ny, rate_, timing)
    unit_pv = (added * va_draws[:, None]) @ factors

    rows = [
        {
            "item": "attribution",
            "value": attr_text,
            "basis": "user" if isinstance(attribution, Distribution) else "assumption",
            "sources": "",
            "confidence": "-",
            "note": "Share of the added value credited to the program (no published figure).",
        },
        {
            "item": "value_added_ratio",
            "value": va_text,
            "basis": "sourced" if default_va else "user",
            "sources": str(va_spec.get("source", "")) if default_va else "",
            "confidence": str(va_spec.get("confidence", "-")) if default_va else "-",
            "note": (
                f"{va_spec.get('note', '')} (sector '{cal.sector}')"
                if default_va
                else "Given by the caller."
            ),
        },
        {
            "item": "rate",
            "value": f"{rate_:g}",
            "basis": "sourced" if rate_ == _KOREA_RATE else "user",
            "sources": (
                "http://m.newsis.com/view.html?ar_id=NISX20170811_0000065386"
                if rate_ == _KOREA_RATE
                else ""
            ),
            "confidence": "high" if rate_ == _KOREA_RATE else "-",
            "note": "Korea's real social discount rate for pre-feasibility studies since 2017-08"
            if rate_ == _KOREA_RATE
            else "Given by the caller.",
        },
        {
            "item": "timing",
            "value": timing,
            "basis": "assumption",
            "sources": "",
            "confidence": "-",
            "note": "Flows counted at the beginning, middle or end of each year.",
        },
        {
            "item": "counterfactual",
            "value": "phase budget 0",
            "basis": "assumption",
            "sources": "",
            "confidence": "-",
            "note": "Without the phase only the earlier cohorts remain (same draws).",
        },
        {
            "item": "horizon",
            "value": str(h),
            "basis": "assumption",
            "sources": "",
            "confidence": "-",
            "note": (
                "Benefits after the phase's end are left out (conservative)."
                if h == 0
                else f"Benefits counted {h} years past the phase's end; firms survive by the model's "
                "survival curves, no new budget or firms."
            ),
        },
        {
            "item": "costs",
            "value": f"{plan.sum():g} 억원",
            "basis": "see budget settings",
            "sources": "",
            "confidence": "-",
            "note": "The phase's yearly budget plan (all funding sources).",
        },
    ]
    model_rows = cal.assumptions()
    model_rows = pd.DataFrame(
        {
            "item": model_rows["item"]
            + model_rows["year"].map(lambda y: "" if pd.isna(y) else f" {int(y)}"),
            "value": [
                d if k == "input" else format_number(v)
                for d, k, v in zip(
                    model_rows["distribution"], model_rows["kind"], model_rows["value"]
                )
            ],
            "basis": model_rows["basis"],
            "sources": model_rows["sources"],
            "confidence": model_rows["confidence"],
            "note": model_rows["note"],
        }
    )
    assumptions = pd.concat([pd.DataFrame(rows), model_rows], ignore_index=True)
    return PhaseAppraisal(
        calibration=cal,
        rate=rate_,
        timing=timing,
        horizon=h,
        years=years,
        cost=cost,
        central_benefit=central_benefit,
        benefit_draws=benefit_draws,
        unit_benefit_pv=unit_pv,
        attribution_draws=attr_draws,
        assumptions=assumptions,
        n_draws=n,
        seed=seed_,
    )
