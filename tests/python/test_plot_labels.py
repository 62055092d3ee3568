"""Every public plot speaks one language: Korean with ``lang="ko"``, English with ``lang="en"``.

Each public ``plot`` method (and module-level plot function) is drawn in both languages. The
visible texts of the figure (titles, axis labels, legend entries and title, annotations,
figure texts, and tick labels that are not numbers) are collected after drawing:

- Korean: every text holds Hangul, or is made only of numbers, symbols, units (%, km²),
  abbreviations (``ABBREVIATIONS``: DEA, B/C, NPV, ATT, S1, ...) and the names of the
  test's own data (units, donors, inputs of a user's model: proper nouns the caller chose);
- English: no text holds Hangul.

``test_every_public_plot_is_drawn`` checks that the cases below cover every class of the
package's public modules that has a ``plot`` method, so a new plot method needs a case here.
The texts come from the label registry (``innozone._labels``); ``lang=None`` follows
``innozone.options.lang`` (checked once per case).
"""

from __future__ import annotations

import functools
import importlib
import inspect
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest

import innozone
from innozone import budget, did, efficiency, inputoutput, outcomes, zonemodel

HANGUL = re.compile("[\uac00-\ud7a3\u3131-\u318e]")
#: Abbreviations and symbols allowed as they are in Korean output.
ABBREVIATIONS = (
    "B/C",
    "NPV",
    "IRR",
    "DEA",
    "CCR",
    "BCC",
    "CRS",
    "VRS",
    "NIRS",
    "ATT",
    "ATT(g,t)",
    "TWFE",
    "DiD",
    "SDID",
    "SC",
    "DID",
    "S1",
    "ST",
    "MSPE",
    "RMSPE",
    "CAGR",
    "KM",
    "Kaplan-Meier",
    "Sobol'",
    "Morris",
    "Weibull",
    "AIC",
    "r",
    "p",
    "e",
    "g",
    "t",
    "km²",
)


@dataclass
class Case:
    """One plot: ``draw(lang)`` returns the axes (or a figure); ``data`` are names of the
    test's own data that may appear verbatim (proper nouns chosen by the caller)."""

    draw: Callable[[str | None], Any]
    data: set[str] = field(default_factory=set)


# ----------------------------------------------------------------------------- fixtures
@functools.cache
def _gimhae_doc() -> innozone.Document:
    return innozone.load("gimhae")


@functools.cache
def _zones() -> innozone.Document:
    return innozone.load("gangso-zones")


@functools.cache
def _cal() -> zonemodel.ZoneCalibration:
    return innozone.zone_model(_gimhae_doc().program("gimhae-gangso"))


@functools.cache
def _mc() -> outcomes.MonteCarloResult:
    target = outcomes.Target("cum_companies", 2029, 100.0, label="test value")
    return innozone.project("gimhae", n_draws=2_000, seed=1, targets=[target], calibration=_cal())


@functools.cache
def _mpdta() -> pd.DataFrame:
    return innozone.example_panel("mpdta")


@functools.cache
def _cs() -> did.CallawaySantAnnaResult:
    return did.callaway_santanna(
        _mpdta(),
        unit="countyreal",
        time="year",
        outcome="lemp",
        first_treated="first.treat",
        n_boot=99,
        seed=1,
    )


@functools.cache
def _prop99() -> pd.DataFrame:
    return innozone.example_panel("prop99")


@functools.cache
def _sc() -> Any:
    data = _prop99()
    keep = ["California", "Utah", "Nevada", "Montana", "Colorado", "Idaho", "Nebraska"]
    return innozone.synthetic_control(
        data[data["state"].isin(keep)],
        unit="state",
        time="year",
        outcome="cigsale",
        treatment="treated",
        seed=1,
    )


@functools.cache
def _sdid() -> Any:
    return innozone.synthdid(
        _prop99(),
        unit="state",
        time="year",
        outcome="cigsale",
        treatment="treated",
        se="placebo",
        n_placebo=20,
        seed=1,
    )


def _dea_frame() -> pd.DataFrame:
    rng = np.random.default_rng(3)
    return pd.DataFrame(
        {"x0": rng.uniform(1, 100, 12), "y0": rng.uniform(1, 50, 12)},
        index=[f"{j}" for j in range(12)],
    )


@functools.cache
def _dea() -> efficiency.DeaResult:
    return innozone.dea(_dea_frame(), ["x0"], ["y0"], n_boot=50, seed=1, check_units=False)


def _dea_panel() -> pd.DataFrame:
    rng = np.random.default_rng(4)
    rows = [
        {"unit": j, "t": t, "x": rng.uniform(1, 10), "y": rng.uniform(1, 10)}
        for t in range(4)
        for j in range(6)
    ]
    return pd.DataFrame(rows)


@functools.cache
def _io_table() -> inputoutput.InputOutputTable:
    sectors = ["1", "2"]
    flows = pd.DataFrame([[150.0, 500.0], [200.0, 100.0]], index=sectors, columns=sectors)
    return innozone.InputOutputTable(flows, pd.Series([1000.0, 2000.0], index=sectors))


@functools.cache
def _ishigami() -> tuple[Any, outcomes.ParameterSet]:
    params = outcomes.ParameterSet(
        {f"x{i}": outcomes.Distribution.uniform(-np.pi, np.pi) for i in (1, 2, 3)}
    )
    return outcomes.IshigamiModel(), params


@functools.cache
def _survival() -> Any:
    rng = np.random.default_rng(5)
    durations = rng.weibull(1.3, 200) * 6.0
    events = (durations < 8.0).astype(int)
    return innozone.fit_survival(np.minimum(durations, 8.0), event=events, model="weibull")


def _two_by_two() -> Any:
    data = _mpdta().copy()
    data = data[data["first.treat"].isin([0, 2006])]
    data["treated"] = (data["first.treat"] == 2006).astype(int)
    data["post"] = (data["year"] >= 2006).astype(int)
    return did.two_by_two(data, outcome="lemp", treated="treated", post="post")


def _panel_d() -> pd.DataFrame:
    data = _mpdta().copy()
    data["d"] = ((data["first.treat"] > 0) & (data["year"] >= data["first.treat"])).astype(int)
    return data


def _appraisal() -> Any:
    return innozone.appraise_phase(
        _gimhae_doc().program("gimhae-gangso"),
        attribution=0.3,
        n_draws=2_000,
        seed=1,
        calibration=_cal(),
    )


def _cost_effectiveness(name: str, total: float) -> budget.CostEffectiveness:
    return innozone.cost_effectiveness(
        innozone.MoneyRange(total * 0.95, total, total * 1.05, confidence="low"),
        {"start-up": 50, "job": 800},
        linked={"investment": 900.0},
        label=name,
    )


_GIMHAE = _gimhae_doc
# Names in the example panels (proper nouns and column names of the caller's data).
STATES = set(innozone.example_panel("prop99")["state"]) | {"cigsale"}
_PROGRAM = lambda: _gimhae_doc().program("gimhae-gangso")  # noqa: E731

CASES: dict[str, Case] = {
    # outcomes
    "ParameterSet": Case(lambda lang: _cal().parameters.plot(lang=lang)),
    "MonteCarloResult": Case(lambda lang: _mc().plot("cum_companies", lang=lang)),
    "ScenarioComparison": Case(
        lambda lang: zonemodel.project_scenarios(
            "gimhae", n_draws=1_000, seed=1, calibration=_cal()
        ).plot("jobs", lang=lang)
    ),
    "GrowthFitResult": Case(
        lambda lang: innozone.fit_growth(
            [2018, 2019, 2020, 2021, 2024], [67, 86, 121, 131, 319], "exponential"
        ).plot(lang=lang)
    ),
    "GrowthFitResult/not-identified": Case(
        lambda lang: innozone.fit_growth(
            [2018, 2019, 2020, 2021, 2024], [67, 86, 121, 131, 319], "logistic"
        ).plot(lang=lang)
    ),
    "CohortResult": Case(
        lambda lang: innozone.project_cohorts(
            [2025, 2026, 2027], [10, 10, 10], outcomes.survival_benchmark(), 5.0, 1.0
        ).plot(lang=lang)
    ),
    # sensitivity
    "TornadoResult": Case(lambda lang: innozone.tornado(*_cal(), "jobs", 2029).plot(lang=lang)),
    "TornadoResult/user-model": Case(
        lambda lang: innozone.tornado(*_ishigami()).plot(lang=lang), {"x1", "x2", "x3", "y"}
    ),
    "MorrisResult": Case(
        lambda lang: innozone.morris(*_cal(), n_trajectories=10, seed=1).plot(lang=lang)
    ),
    "SobolResult": Case(
        lambda lang: innozone.sobol(
            *_cal(), outputs=[("jobs", 2029)], n_draws=2**8, seed=1, n_boot=20
        ).plot(lang=lang)
    ),
    # survival
    "SurvivalFitResult": Case(lambda lang: _survival().plot(lang=lang)),
    # budget
    "Schedule": Case(
        lambda lang: innozone.spread(
            180.0, 2025, 2029, "uniform", sources={"national": 0.5, "local": 0.5}
        ).plot(lang=lang)
    ),
    "Execution": Case(
        lambda lang: budget.execution(
            innozone.spread(100.0, 2025, 2026).by_year, {2025: 30.0, 2026: 40.0}
        ).plot(lang=lang)
    ),
    "IrrResult": Case(lambda lang: budget.irr([-100, 30, 40, 50, 20]).plot(lang=lang)),
    "AppraisalResult": Case(
        lambda lang: innozone.appraise(
            {2027: 60, 2028: 90, 2029: 120}, {2025: 36, 2026: 36, 2027: 36, 2028: 36, 2029: 36}
        ).plot(lang=lang)
    ),
    "CostEffectiveness": Case(
        lambda lang: _cost_effectiveness("A", 200.0).plot(lang=lang), {"A", "start-up", "job"}
    ),
    "plot_cost_per_unit": Case(
        lambda lang: budget.plot_cost_per_unit(
            [_cost_effectiveness("A", 200.0), _cost_effectiveness("B", 150.0)], lang=lang
        ),
        {"A", "B", "start-up", "job"},
    ),
    "CostSharing": Case(
        lambda lang: innozone.cost_sharing(2_500_000, 430_000, budget=100_000_000).plot(lang=lang)
    ),
    # input-output
    "IoMultipliers": Case(lambda lang: _io_table().multipliers().plot(lang=lang)),
    "IoImpact": Case(lambda lang: _io_table().impact({"1": 600.0, "2": 1500.0}).plot(lang=lang)),
    "QuickRipple": Case(lambda lang: innozone.quick_ripple(180.0).plot(lang=lang)),
    # did
    "TwoByTwoResult": Case(lambda lang: _two_by_two().plot(lang=lang)),
    "TwfeResult": Case(
        lambda lang: did.twfe(
            _panel_d(), unit="countyreal", time="year", outcome="lemp", treatment="d"
        ).plot(lang=lang),
        {"d"},
    ),
    "EventStudyResult": Case(
        lambda lang: did.event_study(
            _panel_d(), unit="countyreal", time="year", outcome="lemp", treatment="d"
        ).plot(lang=lang)
    ),
    "CallawaySantAnnaResult": Case(lambda lang: _cs().plot(lang=lang), {"lemp"}),
    "CallawaySantAnnaResult/att_gt": Case(
        lambda lang: _cs().plot(kind="att_gt", lang=lang), {"lemp"}
    ),
    "AggregationResult": Case(lambda lang: _cs().aggregate("group").plot(lang=lang), {"lemp"}),
    # synth
    "SyntheticControlResult": Case(lambda lang: _sc().plot(lang=lang), STATES),
    "SyntheticControlResult/gap": Case(lambda lang: _sc().plot(lang=lang, kind="gap"), STATES),
    "SyntheticControlResult/placebo": Case(
        lambda lang: _sc().plot(lang=lang, kind="placebo"), STATES
    ),
    "SyntheticControlResult/weights": Case(
        lambda lang: _sc().plot(lang=lang, kind="weights"),
        STATES,
    ),
    "SynthDIDResult": Case(lambda lang: _sdid().plot(lang=lang), STATES),
    "SynthDIDResult/weights": Case(lambda lang: _sdid().plot(lang=lang, kind="weights"), STATES),
    "SynthDIDResult/cohorts": Case(lambda lang: _sdid().plot(lang=lang, kind="cohorts"), STATES),
    # efficiency
    "DeaResult": Case(lambda lang: _dea().plot(lang=lang)),
    "DeaResult/frontier": Case(lambda lang: _dea().plot(lang=lang, kind="frontier"), {"x0", "y0"}),
    "MalmquistResult": Case(
        lambda lang: innozone.malmquist(_dea_panel(), "x", "y", unit="unit", time="t").plot(
            lang=lang
        )
    ),
    "WindowAnalysisResult": Case(
        lambda lang: innozone.dea_windows(
            _dea_panel(), "x", "y", unit="unit", time="t", width=3
        ).plot(lang=lang)
    ),
    "ZoneTable": Case(lambda lang: innozone.zone_io_table(lang=lang).plot(lang=lang)),
    "ZoneEfficiencySection": Case(
        lambda lang: innozone.zone_efficiency_section(lang=lang, n_boot=20, seed=1).plot(lang=lang)
    ),
    # program
    "Program": Case(
        lambda lang: _PROGRAM().plot("research-institute-companies", phase="phase-1", lang=lang)
    ),
    "Document": Case(
        lambda lang: _zones().plot("research-institute-companies", "2020-2024", lang=lang)
    ),
    "Growth": Case(lambda lang: _PROGRAM().growth("biomedical-firms", 2020, 2024).plot(lang=lang)),
    "Sum": Case(
        lambda lang: (
            _PROGRAM()
            .sum(["research-institute-companies", "tech-startups"], "2020-2024", phase="phase-1")
            .plot(lang=lang)
        )
    ),
    "PlanVsActual": Case(
        lambda lang: innozone.plan_vs_actual(_PROGRAM(), lang=lang).plot(lang=lang)
    ),
    "ZoneComparison": Case(
        lambda lang: innozone.compare_programs(
            _zones(), "research-institute-companies", kind="gangso-zone", lang=lang
        ).plot(lang=lang)
    ),
    # program end to end
    "ZoneCalibration": Case(lambda lang: _cal().plot(lang=lang)),
    "PhaseAppraisal": Case(lambda lang: _appraisal().plot(lang=lang)),
    "PhaseAppraisal/flows": Case(lambda lang: _appraisal().plot(lang=lang, kind="flows")),
    # report
    "Report": Case(
        lambda lang: innozone.build_report("gimhae", lang=lang, n_draws=1_000, seed=1).plot(
            lang=lang
        )
    ),
}


# ----------------------------------------------------------------------------- texts
_NUMBER = re.compile(r"^[\s\d.,:;%+\-−–—×x/()\[\]=<>≤≥*^'e·]*$")


def _figure(obj: Any) -> Any:
    return obj.figure if hasattr(obj, "figure") and not hasattr(obj, "axes") else obj


def visible_texts(obj: Any) -> list[str]:
    """The visible texts of the figure holding ``obj`` (axes or figure)."""
    fig = _figure(obj)
    if not hasattr(fig, "canvas"):
        fig = obj.get_figure()
    fig.canvas.draw()
    texts: list[str] = []
    if getattr(fig, "_suptitle", None) is not None:
        texts.append(fig._suptitle.get_text())
    texts.extend(t.get_text() for t in fig.texts)
    for legend in fig.legends:
        texts.extend(t.get_text() for t in legend.get_texts())
        texts.append(legend.get_title().get_text())
    for ax in fig.axes:
        texts.extend(ax.get_title(loc=loc) for loc in ("left", "center", "right"))
        texts.append(ax.get_xlabel())
        texts.append(ax.get_ylabel())
        legend = ax.get_legend()
        if legend is not None:
            texts.extend(t.get_text() for t in legend.get_texts())
            texts.append(legend.get_title().get_text())
        texts.extend(t.get_text() for t in ax.texts)
        for tick in ax.get_xticklabels() + ax.get_yticklabels():
            text = tick.get_text()
            if text and not _NUMBER.match(text):
                texts.append(text)
    matplotlib.pyplot.close(fig)
    return [t.strip() for t in texts if t and t.strip()]


def _not_korean(text: str, data: set[str]) -> bool:
    """True when ``text`` has no Hangul and holds a word that is not an allowed token."""
    if HANGUL.search(text):
        return False
    rest = text
    for token in sorted(set(ABBREVIATIONS) | data, key=len, reverse=True):
        rest = re.sub(rf"(?<![A-Za-z]){re.escape(token)}(?![A-Za-z])", " ", rest)
    return re.search(r"[A-Za-z]", rest) is not None


@pytest.fixture(autouse=True)
def _close_figures() -> Any:
    import matplotlib.pyplot as plt

    yield
    plt.close("all")


@pytest.mark.parametrize("name", sorted(CASES))
def test_korean_plot_is_korean(name: str) -> None:
    case = CASES[name]
    texts = visible_texts(case.draw("ko"))
    assert texts, f"{name}: no text found"
    bad = [t for t in texts if _not_korean(t, case.data)]
    assert not bad, f"{name} (lang='ko') shows texts without Hangul: {bad}"


@pytest.mark.parametrize("name", sorted(CASES))
def test_english_plot_is_english(name: str) -> None:
    texts = visible_texts(CASES[name].draw("en"))
    bad = [t for t in texts if HANGUL.search(t)]
    assert not bad, f"{name} (lang='en') shows Hangul: {bad}"


@pytest.mark.parametrize(
    "name", ["MonteCarloResult", "TornadoResult", "DeaResult", "PlanVsActual", "TwfeResult"]
)
def test_lang_none_follows_the_package_option(name: str) -> None:
    with innozone.options.context(lang="ko"):
        texts = visible_texts(CASES[name].draw(None))
    assert any(HANGUL.search(t) for t in texts), f"{name}: lang=None ignored options.lang"


def test_every_public_plot_is_drawn() -> None:
    """A case for every public class with a ``plot`` method (a new one needs its case)."""
    classes = set()
    for info in pkgutil.iter_modules(innozone.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"innozone.{info.name}")
        for name in getattr(module, "__all__", []):
            obj = getattr(module, name)
            if inspect.isclass(obj) and callable(getattr(obj, "plot", None)):
                if getattr(obj, "__module__", "").startswith("innozone."):
                    classes.add(obj.__name__)
    covered = {name.split("/")[0] for name in CASES}
    assert sorted(classes - covered) == []
