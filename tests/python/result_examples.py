"""One small, stable example of every exported result class (shared test helper).

``EXAMPLES`` maps each result class to a function that builds one instance from fixed
inputs (seeds given, small sizes), so that test_conventions.py can check the result contract
on every class and test_golden.py can compare their repr and HTML with stored files.
A new exported result class needs an entry here: test_conventions.py fails until it has one.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

import numpy as np
import pandas as pd

import innozone
from innozone import budget, did, inputoutput, outcomes, sensitivity
from innozone._results import Result

EXAMPLES: dict[type, Callable[[], Result]] = {}


def example(cls: type) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
    def register(build: Callable[[], Any]) -> Callable[[], Any]:
        EXAMPLES[cls] = cache(build)
        return build

    return register


def build(cls: type) -> Result:
    """The example instance of ``cls`` (built once per process)."""
    result = EXAMPLES[cls]()
    assert type(result) is cls, (cls, type(result))
    return result


# ---- shared inputs ---------------------------------------------------------------------------


@cache
def gimhae() -> innozone.Document:
    return innozone.load("gimhae")


@cache
def zone() -> innozone.Program:
    return gimhae().program("gimhae-gangso")


@cache
def panel() -> pd.DataFrame:
    """8 regions x 6 years; one cohort from 2019, 5 never treated; effect 1.5; inputs."""
    rng = np.random.default_rng(13)
    rows = []
    for i in range(8):
        first = 2019 if i < 3 else 0
        level = rng.normal(10, 2)
        for year in range(2015, 2021):
            treated = int(first > 0 and year >= first)
            rows.append(
                {
                    "region": f"R{i:02d}",
                    "year": year,
                    "firms": round(
                        level + 0.3 * (year - 2015) + 1.5 * treated + rng.normal(0, 0.1), 6
                    ),
                    "spend": round(rng.uniform(5.0, 15.0), 6),
                    "first": first,
                    "on": treated,
                }
            )
    return pd.DataFrame(rows)


PANEL = {"unit": "region", "time": "year", "outcome": "firms"}


def _flows() -> pd.Series:
    return innozone.spread(180.0, 2025, 2029).by_year


def _ishigami() -> innozone.ParameterSet:
    pi = float(np.pi)
    return innozone.ParameterSet(
        {f"x{i}": innozone.Distribution.uniform(-pi, pi) for i in (1, 2, 3)}
    )


def _io_table() -> innozone.InputOutputTable:
    sectors = ["agriculture", "manufacturing"]
    flows = pd.DataFrame([[150.0, 500.0], [200.0, 100.0]], index=sectors, columns=sectors)
    return innozone.InputOutputTable(
        flows,
        pd.Series([1000.0, 2000.0], index=sectors),
        value_added=pd.Series([650.0, 1400.0], index=sectors),
        employment=pd.Series([20.0, 30.0], index=sectors),
    )


@cache
def _cs() -> did.CallawaySantAnnaResult:
    return did.callaway_santanna(panel(), first_treated="first", n_boot=99, seed=1, **PANEL)


def _dea_frame() -> pd.DataFrame:
    # Cooper, Seiford & Tone (2007), Table 1.5: 12 hospitals.
    return pd.DataFrame(
        {
            "doctors": [20, 19, 25, 27, 22, 55, 33, 31, 30, 50, 53, 38],
            "nurses": [151, 131, 160, 168, 158, 255, 235, 206, 244, 268, 306, 284],
            "outpatients": [100, 150, 160, 180, 94, 230, 220, 152, 190, 250, 260, 250],
            "inpatients": [90, 50, 55, 72, 66, 90, 88, 80, 100, 100, 147, 120],
        },
        index=list("ABCDEFGHIJKL"),
    )


# ---- budget ----------------------------------------------------------------------------------


@example(budget.Schedule)
def _schedule() -> Result:
    return innozone.spread(
        180.0, 2025, 2029, "front_loaded", sources={"national": 0.5, "local": 0.5}
    )


@example(budget.Execution)
def _execution() -> Result:
    return budget.execution(_flows(), {2025: 30.0, 2026: 40.0})


@example(budget.IrrResult)
def _irr() -> Result:
    return budget.irr([-100.0, 60.0, 60.0])


@example(budget.AppraisalResult)
def _appraisal() -> Result:
    return innozone.appraise({2027: 100.0, 2028: 120.0, 2029: 140.0}, _flows())


@example(budget.CostEffectiveness)
def _cost_effectiveness() -> Result:
    return innozone.cost_effectiveness(
        1030.0,
        {"transfers": 209, "startups": 76},
        linked={"investment": 2566.0},
        window=(2020, 2024),
    )


@example(budget.CostSharing)
def _cost_sharing() -> Result:
    return innozone.cost_sharing(2_500_000, 430_000, budget=1e8)


# ---- input-output ----------------------------------------------------------------------------


@example(inputoutput.IoMultipliers)
def _io_multipliers() -> Result:
    return _io_table().multipliers()


@example(inputoutput.IoImpact)
def _io_impact() -> Result:
    return _io_table().impact({"agriculture": 600.0, "manufacturing": 1500.0})


@example(inputoutput.QuickRipple)
def _quick_ripple() -> Result:
    return innozone.quick_ripple(90.0)


# ---- program ---------------------------------------------------------------------------------


@example(innozone.program.Growth)
def _growth() -> Result:
    return zone().growth("biomedical-firms", 2020, 2024)


@example(innozone.program.Sum)
def _sum() -> Result:
    return zone().sum(
        ["research-institute-companies", "tech-startups"], (2020, 2024), phase="phase-1"
    )


@example(outcomes.GrowthFitResult)
def _growth_fit() -> Result:
    return outcomes.fit_growth(
        [2020, 2021, 2022, 2023, 2024], [10.0, 18.0, 29.0, 40.0, 47.0], curve="logistic"
    )


@example(outcomes.CohortResult)
def _cohorts() -> Result:
    return outcomes.project_cohorts(
        [2025, 2026, 2027],
        [10.0, 12.0, 14.0],
        outcomes.SurvivalCurve.weibull(1.2, 8.0),
        jobs_per_firm=5.0,
        revenue_per_firm=2.0,
    )


@example(innozone.PlanVsActual)
def _plan_vs_actual() -> Result:
    return innozone.plan_vs_actual(zone(), "phase-1")


@example(innozone.ZoneComparison)
def _zone_comparison() -> Result:
    return innozone.compare_programs(innozone.load("gangso-zones"), "startups", kind="gangso-zone")


# ---- outcomes and sensitivity ----------------------------------------------------------------


def _targets() -> list[innozone.Target]:
    return [innozone.Target("y", 0, 5.0)]


@example(outcomes.MonteCarloResult)
def _monte_carlo() -> Result:
    return innozone.simulate(
        outcomes.IshigamiModel(), _ishigami(), n_draws=4096, seed=1, targets=_targets()
    )


@example(outcomes.ScenarioComparison)
def _scenarios() -> Result:
    scenarios = [innozone.Scenario("base"), innozone.Scenario("x1 fixed", overrides={"x1": 0.5})]
    return innozone.compare_scenarios(
        outcomes.IshigamiModel(), _ishigami(), scenarios, n_draws=2048, seed=1, targets=_targets()
    )


@example(sensitivity.TornadoResult)
def _tornado() -> Result:
    return innozone.tornado(outcomes.IshigamiModel(), _ishigami())


@example(sensitivity.MorrisResult)
def _morris() -> Result:
    return innozone.morris(
        outcomes.IshigamiModel(), _ishigami(), n_trajectories=20, seed=1, n_boot=100
    )


@example(sensitivity.SobolResult)
def _sobol() -> Result:
    return innozone.sobol(outcomes.IshigamiModel(), _ishigami(), n_draws=1024, seed=1, n_boot=50)


@example(innozone.SurvivalFitResult)
def _survival() -> Result:
    durations = [1.0, 2.0, 2.5, 3.0, 4.0, 4.5, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0]
    events = [1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0, 0]
    return innozone.fit_survival(
        pd.DataFrame({"years": durations, "closed": events}),
        duration="years",
        event="closed",
        model="weibull",
    )


@example(innozone.ZoneCalibration)
def _calibration() -> Result:
    return innozone.zone_model(zone())


@example(innozone.PhaseAppraisal)
def _phase_appraisal() -> Result:
    return innozone.appraise_phase(zone(), attribution=0.3, n_draws=2000, seed=1)


# ---- impact evaluation -----------------------------------------------------------------------


@example(did.TwoByTwoResult)
def _two_by_two() -> Result:
    data = panel().assign(
        post=(panel()["year"] >= 2019).astype(int), tr=(panel()["first"] > 0).astype(int)
    )
    return did.two_by_two(data, outcome="firms", treated="tr", post="post")


@example(did.TwfeResult)
def _twfe() -> Result:
    return did.twfe(panel(), treatment="on", **PANEL)


@example(did.EventStudyResult)
def _event_study() -> Result:
    return did.event_study(panel(), first_treated="first", **PANEL)


@example(did.CallawaySantAnnaResult)
def _callaway_santanna() -> Result:
    return _cs()


@example(did.AggregationResult)
def _aggregation() -> Result:
    return _cs().aggregate("dynamic")


@example(innozone.SyntheticControlResult)
def _synthetic_control() -> Result:
    data = panel()[(panel()["first"] == 0) | (panel()["region"] == "R00")]
    return innozone.synthetic_control(data, first_treated="first", seed=1, **PANEL)


@example(innozone.SynthDIDResult)
def _synthdid() -> Result:
    return innozone.synthdid(panel(), first_treated="first", n_placebo=20, seed=1, **PANEL)


# ---- efficiency ------------------------------------------------------------------------------


@example(innozone.DeaResult)
def _dea() -> Result:
    return innozone.dea(
        _dea_frame(), ["doctors", "nurses"], ["outpatients", "inpatients"], n_boot=50, seed=1
    )


@example(innozone.MalmquistResult)
def _malmquist() -> Result:
    return innozone.malmquist(panel(), "spend", "firms", unit="region", time="year")


@example(innozone.WindowAnalysisResult)
def _windows() -> Result:
    return innozone.dea_windows(panel(), "spend", "firms", unit="region", time="year", width=3)


@example(innozone.ZoneTable)
def _zone_table() -> Result:
    return innozone.zone_io_table(lang="en")


@example(innozone.efficiency.ZoneEfficiencySection)
def _zone_efficiency() -> Result:
    return innozone.zone_efficiency_section(lang="en", n_boot=100, seed=1)


# ---- report ----------------------------------------------------------------------------------


@example(innozone.Report)
def _report() -> Result:
    return innozone.build_report(gimhae(), program="gimhae-dexter", lang="en", n_draws=1000, seed=1)
