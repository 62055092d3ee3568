"""The zone model calibrated from a program's own data (innozone.zone_model, project).

Reference: tests/data/gimhae-projection-baseline.json holds the projection of the
hand-written Gimhae model (the module innozone.gimhae_model at commit 670b3dc, since
removed; 200,000 plain Monte Carlo draws), made by tests/data/make_gimhae_baseline.py at
that commit, before the calibration replaced it.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import innozone
from innozone import Distribution, Target, outcomes, zonemodel
from innozone.zonemodel import CalibrationError

DATA = Path(__file__).resolve().parents[1] / "data"
USER_FILE = DATA / "programs" / "jinju-user.json"


@pytest.fixture(scope="module")
def gimhae() -> innozone.Program:
    return innozone.load("gimhae").program("gimhae-gangso")


@pytest.fixture(scope="module")
def jinju() -> innozone.Program:
    return innozone.load(USER_FILE).program("jinju-gangso")


@pytest.fixture(scope="module")
def gimhae_cal(gimhae: innozone.Program) -> zonemodel.ZoneCalibration:
    return innozone.zone_model(gimhae, "phase-2")


# ----------------------------------------------------------------------------- Gimhae
def test_gimhae_projection_agrees_with_the_hand_written_model(
    gimhae_cal: zonemodel.ZoneCalibration,
) -> None:
    """Every indicator-year mean within 4 standard errors of the difference of two
    independent Monte Carlo means (plain MC: se = sqrt(sd_a^2/n_a + sd_b^2/n_b)); the
    standard deviations within 3 % of each other."""
    base = json.loads((DATA / "gimhae-projection-baseline.json").read_text(encoding="utf-8"))
    n = 50_000
    model, params = gimhae_cal
    result = outcomes.simulate(model, params, n_draws=n, seed=11, sampler="mc", n_threads=2)
    summary = result.summary()
    checked = 0
    for indicator, by_year in base["summary"].items():
        for year, old in by_year.items():
            new = summary.loc[(indicator, int(year))]
            se = np.sqrt(old["sd"] ** 2 / base["n_draws"] + new["sd"] ** 2 / n)
            assert abs(new["mean"] - old["mean"]) <= 4 * se + 1e-9, (indicator, year)
            assert new["sd"] == pytest.approx(old["sd"], rel=0.03), (indicator, year)
            checked += 1
    assert checked == 50


def test_gimhae_inputs_come_from_the_file_with_their_basis(
    gimhae: innozone.Program, gimhae_cal: zonemodel.ZoneCalibration
) -> None:
    source_ids = set(gimhae.document.sources["source"])
    frame = gimhae_cal.assumptions()
    assert set(frame["basis"]) <= {"sourced", "derived", "assumption"}
    for sources in frame["sources"]:
        for item in filter(None, (s.strip() for s in sources.split(","))):
            assert (
                item in source_ids
                or item.startswith("benchmark:")
                or item == "zone_model_priors.json"
            ), item
    assert not frame["sources"].str.contains("zone-facts ").any()
    by = frame.set_index("item")
    assert by.loc["phase1_budget", "distribution"] == "uniform(190, 210)"
    assert by.loc["phase1_budget", "confidence"] == "low"
    assert by.loc["elasticity", "basis"] == "assumption"
    assert by.loc["ric_per_transfer", "value"] == pytest.approx(44 / 209)
    assert by.loc["startups_per_transfer", "value"] == pytest.approx(76 / 209)
    assert by.loc["startup_survival_5y", "distribution"] == "triangular(0.372, 0.565, 0.629)"
    assert gimhae_cal.sector == "health"
    # The even split of the 180억원 plan is marked as an assumption citing the total's source.
    budget = frame[frame["item"] == "budget"]
    assert budget["value"].tolist() == [36.0] * 5
    assert (budget["basis"] == "assumption").all()
    assert (budget["sources"] == "aju-2025-01-21").all()
    # Unpacking gives the model and its parameters.
    model, params = gimhae_cal
    assert isinstance(model, innozone.ZoneModel) and isinstance(params, innozone.ParameterSet)
    assert params.names == model.input_names()


def test_gimhae_cohorts_follow_the_yearly_rule(gimhae_cal: zonemodel.ZoneCalibration) -> None:
    # Research-institute companies: 12 in 2020; 22 by end-2021 (the later of 15, 20, 22:
    # the observation rule); 30 by end-2022; 7 in 2024 alone; 44 over the phase.
    assert [gimhae_cal.cohorts["ric"][y] for y in range(2020, 2025)] == [12, 10, 8, 7, 7]
    assert [gimhae_cal.cohorts["startups"][y] for y in range(2020, 2025)] == [19, 12, 15, 15, 15]
    frame = gimhae_cal.assumptions().set_index(["item", "year"])
    assert frame.loc[("ric_entries", 2020), "basis"] == "sourced"
    assert frame.loc[("ric_entries", 2021), "basis"] == "derived"
    assert frame.loc[("ric_entries", 2023), "basis"] == "derived"
    assert gimhae_cal.phase1 == {
        "transfers": 209,
        "ric": 44,
        "startups": 76,
        "jobs": 1113,
        "revenue": 2566,
        "investment": 1030,
    }


def test_scenarios_and_rough_edges_of_the_calibrated_model(
    gimhae: innozone.Program, gimhae_cal: zonemodel.ZoneCalibration
) -> None:
    comparison = zonemodel.project_scenarios(gimhae, n_draws=500, calibration=gimhae_cal)
    names = [s.name for s in comparison.scenarios]
    assert names == ["baseline", "budget_cut", "front_loaded", "reallocation"]
    # Issue 13's rough edge: a clear error naming n_draws, never a pybind11 TypeError.
    for bad in (-5, 2.5, True):
        with pytest.raises(innozone.InvalidInputError, match="n_draws"):
            innozone.project(gimhae, n_draws=bad, calibration=gimhae_cal)
    # The core model has no default program: the previous phase's transfers must be given.
    with pytest.raises(TypeError, match="phase1_transfers"):
        innozone.ZoneModel([2025], [36.0])  # type: ignore[call-arg]


def test_hospital_commitment_model_takes_every_figure_from_the_calibration(
    gimhae: innozone.Program, gimhae_cal: zonemodel.ZoneCalibration
) -> None:
    params = zonemodel.hospital_parameters(gimhae_cal)
    model = zonemodel.HospitalCommitmentModel(gimhae_cal.years)
    assert model.years() == gimhae_cal.years == [2025, 2026, 2027, 2028, 2029]
    assert params.names == model.input_names()
    frame = params.to_frame()
    # New start-ups a year: the mean of the previous phase's last three years (15, 15, 15),
    # citing the file's sources; the commitment inputs are labelled assumptions.
    assert frame.loc["new_firms", "distribution"] == "triangular(10, 15, 18)"
    assert frame.loc["new_firms", "source"].startswith("[derived] ")
    source_ids = set(gimhae.document.sources["source"])
    cited = frame.loc["new_firms", "source"].removeprefix("[derived] ").split(", ")
    assert cited and set(cited) <= source_ids
    for name in ("commitment_share", "hazard_ratio", "commitment_revenue"):
        assert frame.loc[name, "source"] == "[assumption]"
    with pytest.raises(innozone.InvalidInputError, match="ZoneCalibration"):
        zonemodel.hospital_parameters("gimhae")  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- a user's file
def test_user_file_calibrates_with_stated_rules(jinju: innozone.Program) -> None:
    cal = innozone.zone_model(jinju)
    assert cal.sector == "manufacturing"
    frame = cal.assumptions()
    budget = frame[frame["item"] == "budget"].set_index("year")
    assert budget.loc[2025, "value"] == 41.0 and budget.loc[2025, "basis"] == "sourced"
    assert budget.loc[2026, "value"] == pytest.approx((180 - 41) / 4)
    assert budget.loc[2026, "basis"] == "assumption"
    prior = frame.set_index("item").loc["phase1_budget"]
    assert prior["distribution"] == "uniform(185, 210)" and prior["sources"] == "analyst-2025"
    # Windows that end before their last year are scaled to the whole window at the covered
    # rate: 24 firms to 2022-09 are 24 * 3 / 2.75 over 2020-2022, 36 to 2024-06 over
    # 2019-2024 are 36 * 6 / 5.5; what 2019-2024 leaves (2019, 2023, 2024) is split evenly.
    ric = cal.cohorts["ric"]
    assert ric[2020] == pytest.approx(24 * 3 / 2.75 / 3)
    assert ric[2024] == pytest.approx((36 * 6 / 5.5 - 24 * 3 / 2.75) / 3)
    notes = frame.set_index("item").loc["phase-1_ric", "note"]
    assert "runs to 2024-06" in notes and "split evenly" in notes


def test_file_targets_are_the_default_and_never_dropped_silently(
    jinju: innozone.Program,
) -> None:
    cal = innozone.zone_model(jinju)
    assert [(t.indicator, t.year, t.value) for t in cal.targets] == [
        ("cum_ric", 2029, 33.0),
        ("cum_startups", 2029, 43.0),
        ("cum_transfers", 2029, 75.0),
    ]
    assert all("analyst-2025" in t.label for t in cal.targets)
    assert len(cal.unmodelled_targets) == 1 and "jobs 400" in cal.unmodelled_targets[0]
    with pytest.warns(innozone.InnozoneWarning, match="jobs 400"):
        result = innozone.project(jinju, n_draws=2_000, seed=3)
    assert result.meta["unmodelled_targets"] == cal.unmodelled_targets
    probs = result.probabilities()
    assert list(probs["indicator"]) == ["cum_ric", "cum_startups", "cum_transfers"]
    assert probs["probability"].between(0, 1).all()
    # Explicit targets replace the file's (no warning); [] means none.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        none = innozone.project(jinju, n_draws=500, seed=3, targets=[])
        own = innozone.project(
            jinju, n_draws=500, seed=3, targets=[Target("cum_companies", 2029, 60.0)]
        )
    assert none.probabilities().empty and len(own.probabilities()) == 1


def test_gimhae_has_no_file_targets_so_no_illustrative_headline(gimhae: innozone.Program) -> None:
    result = innozone.project(gimhae, n_draws=1_000, seed=1)
    assert result.targets == [] and result.meta["unmodelled_targets"] == []


def test_target_windows_map_to_model_outputs() -> None:
    doc = json.loads(USER_FILE.read_text(encoding="utf-8"))
    phase2 = doc["programs"][0]["phases"][1]
    phase2["indicators"][0]["observations"] += [
        {
            "value": 5,
            "window": [2027, 2027],
            "role": "target",
            "source": "analyst-2025",
            "confidence": "low",
        },
        {
            "value": 20,
            "window": [2026, 2029],
            "role": "target",
            "source": "analyst-2025",
            "confidence": "low",
        },
    ]
    phase2["indicators"].append(
        {
            "id": "firms-in-zone",
            "name": {"en": "Firms in the zone"},
            "unit": "firms",
            "kind": "stock",
            "observations": [
                {
                    "value": 300,
                    "year": 2029,
                    "role": "target",
                    "source": "analyst-2025",
                    "confidence": "low",
                }
            ],
        }
    )
    cal = innozone.zone_model(innozone.Document.from_dict(doc).program("jinju-gangso"))
    mapped = {(t.indicator, t.year, t.value) for t in cal.targets}
    assert ("ric_founded", 2027, 5.0) in mapped
    skipped = " | ".join(cal.unmodelled_targets)
    assert "does not start with the phase" in skipped
    assert "no model output for 'firms-in-zone'" in skipped


def test_project_arguments_follow_the_conventions(jinju: innozone.Program) -> None:
    cal = innozone.zone_model(jinju)
    for bad in (2.5, -5, True, 0):
        with pytest.raises(innozone.InvalidInputError, match="n_draws"):
            innozone.project(jinju, n_draws=bad, calibration=cal, targets=[])
    a = innozone.project(
        jinju, n_draws=700, seed=5, n_threads=1, calibration=cal, targets=[], keep_draws=True
    )
    b = innozone.project(
        jinju, n_draws=700, seed=5, n_threads=2, calibration=cal, targets=[], keep_draws=True
    )
    np.testing.assert_array_equal(a.indicator("cum_ric"), b.indicator("cum_ric"))
    with innozone.options.context(seed=5):
        c = innozone.project(jinju, n_draws=700, calibration=cal, targets=[], keep_draws=True)
    np.testing.assert_array_equal(a.indicator("cum_ric"), c.indicator("cum_ric"))
    calls: list[tuple[int, int]] = []
    innozone.project(
        jinju,
        n_draws=700,
        seed=5,
        calibration=cal,
        targets=[],
        progress=lambda done, total: calls.append((done, total)),
    )
    assert calls and calls[-1][0] == calls[-1][1]


# ----------------------------------------------------------------------------- missing data
def _doc_without(path: list[str | int]) -> dict:
    doc = json.loads(USER_FILE.read_text(encoding="utf-8"))
    node = doc
    for key in path[:-1]:
        node = node[key]
    del node[path[-1]]
    return doc


def test_missing_data_gives_a_clear_error_naming_it() -> None:
    doc = _doc_without(["programs", 0, "phases", 0, "budget"])
    with pytest.raises(CalibrationError) as info:
        innozone.zone_model(innozone.Document.from_dict(doc).program("jinju-gangso"))
    assert info.value.missing == ["phase-1: no budget total, range or whole-phase line"]
    assert "jinju-gangso" in str(info.value)
    doc = _doc_without(["programs", 0, "phases", 1, "budget"])
    del doc["programs"][0]["phases"][0]["indicators"][3]  # revenue
    with pytest.raises(CalibrationError) as info:
        innozone.zone_model(innozone.Document.from_dict(doc).program("jinju-gangso"))
    text = " | ".join(info.value.missing)
    assert "no indicator for revenue (looked for: revenue" in text
    assert "phase-2: no budget total" in text and "pass budget=" in text
    zones = innozone.load("gangso-zones")
    with pytest.raises(CalibrationError, match="no phase ends before phase-1 starts"):
        innozone.zone_model(zones.program("changwon"), "phase-1")
    with pytest.raises(innozone.NotFoundError, match="phases: phase-1, phase-2"):
        innozone.zone_model(zones.program("changwon"), "phase-3")


def test_budget_argument_and_other_indicator_ids() -> None:
    changwon = innozone.load("gangso-zones").program("changwon")
    with pytest.raises(CalibrationError, match="phase-2: no budget total"):
        innozone.zone_model(changwon)
    cal = innozone.zone_model(changwon, budget=180.0)
    assert list(cal.budget) == [30.0] * 6 and cal.years == list(range(2025, 2031))
    frame = cal.assumptions()
    assert (frame[frame["item"] == "budget"]["basis"] == "user").all()
    # Changwon's results read the later 2024-10 figures (30, 52, 104), covering 4.83 of the
    # window's 5 years: scaled to the whole window at the covered rate.
    assert cal.phase1["ric"] == pytest.approx(30 * 5 / (4 + 10 / 12))
    assert cal.phase1["transfers"] == pytest.approx(104 * 5 / (4 + 10 / 12))
    doc = json.loads(USER_FILE.read_text(encoding="utf-8"))
    doc["programs"][0]["phases"][0]["indicators"][1]["id"] = "new-firms"
    program = innozone.Document.from_dict(doc).program("jinju-gangso")
    with pytest.raises(CalibrationError, match="start-ups"):
        innozone.zone_model(program)
    assert innozone.zone_model(program, indicators={"startups": "new-firms"}).phase1["startups"] > 0
    with pytest.raises(innozone.InvalidInputError, match="expected 5 yearly amounts"):
        innozone.zone_model(program, budget=[1, 2], indicators={"startups": "new-firms"})


def test_overrides_and_sector(jinju: innozone.Program) -> None:
    cal = innozone.zone_model(
        jinju, sector="health", overrides={"productivity": Distribution.normal(1.1, 0.1)}
    )
    row = cal.assumptions().set_index("item").loc["productivity"]
    assert row["basis"] == "user" and "normal(1.1, 0.1)" in row["distribution"]
    assert cal.sector == "health"
    with pytest.raises(innozone.NotFoundError, match="known: health"):
        innozone.zone_model(jinju, sector="space")
    with pytest.raises(innozone.NotFoundError, match="no input 'prod'"):
        innozone.zone_model(jinju, overrides={"prod": 1.0})


def test_scenarios_on_common_random_numbers(
    gimhae_cal: zonemodel.ZoneCalibration, jinju: innozone.Program
) -> None:
    names = [s.name for s in zonemodel.phase_scenarios(gimhae_cal)]
    assert names == ["baseline", "budget_cut", "front_loaded", "reallocation"]
    jinju_names = [s.name for s in zonemodel.phase_scenarios(innozone.zone_model(jinju))]
    assert jinju_names == ["baseline", "budget_cut", "front_loaded"]  # no hospital component
    comp = zonemodel.project_scenarios(jinju, n_draws=1_000, seed=2)
    means = comp.summary()
    assert means.loc["cum_ric", "budget_cut"] < means.loc["cum_ric", "baseline"]


def test_calibration_result_contract(gimhae_cal: zonemodel.ZoneCalibration) -> None:
    import matplotlib.pyplot as plt

    assert isinstance(gimhae_cal.summary(), pd.DataFrame)
    assert len(gimhae_cal.summary()) == 11
    assert len(repr(gimhae_cal)) < 1000
    html = gimhae_cal._repr_html_()
    assert "<table" in html and "phase1_budget" in html
    ax = gimhae_cal.plot(lang="ko")
    assert ax.patches
    plt.close("all")


def test_document_argument_and_dataset_name() -> None:
    cal = innozone.zone_model("gimhae", "phase-2")
    assert cal.program == "gimhae-gangso"
    with pytest.raises(innozone.InvalidInputError, match="pass one program"):
        innozone.zone_model(innozone.load("gangso-zones"), "phase-2")
