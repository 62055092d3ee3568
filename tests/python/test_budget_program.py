"""The budget model applied to the embedded Gimhae program (innozone.load("gimhae")).

Figures: phase 2 180억 of which 90억 national (Aju Business Daily, 2025-01-21); phase 1
budget inferred at 190-210억 with about 158.6억 national, 76 start-ups, 44
research-institute companies, 1,113 jobs, 1,030억 investment (shared/zone-facts.md 2b, 3a).
"""

from __future__ import annotations

import pytest

import innozone
from innozone import budget


@pytest.fixture(scope="module")
def gimhae() -> innozone.Program:
    return innozone.load("gimhae").program("gimhae-gangso")


def test_phase2_schedule_from_the_program(gimhae: innozone.Program) -> None:
    schedule = budget.phase_schedule(gimhae, "phase-2")
    assert schedule.by_year.tolist() == pytest.approx([36.0] * 5, abs=1e-9)
    assert list(schedule.by_year.index) == [2025, 2026, 2027, 2028, 2029]
    assert schedule.summary().loc["national", "share"] == pytest.approx(0.5, abs=1e-12)
    assert schedule.by_source is not None
    assert schedule.by_source["national"].sum() == pytest.approx(90.0, abs=1e-9)


def test_phase1_schedule_keeps_the_yearly_lines_found(gimhae: innozone.Program) -> None:
    # Central 200억; known totals 70 (2020), 29 (2022), 29 (2023) at medium confidence or
    # better; the low-confidence 72억 plan for 2021 is dropped, so 72억 is left for 2021 and
    # 2024: 36억 each under a uniform profile.
    schedule = budget.phase_schedule(gimhae, "phase-1", min_confidence="medium")
    by_year = schedule.by_year
    assert by_year[2020] == pytest.approx(70.0, abs=1e-9)
    assert by_year[2021] == pytest.approx(36.0, abs=1e-9)
    assert by_year[2024] == pytest.approx(36.0, abs=1e-9)
    assert schedule.known_years == [2020, 2022, 2023]
    assert schedule.summary().loc["national", "amount"] == pytest.approx(158.6, abs=1e-9)
    with pytest.raises(innozone.NotFoundError, match="no phase 'phase-9'"):
        budget.phase_schedule(gimhae, "phase-9")


def test_phase1_cost_effectiveness_from_the_program(gimhae: innozone.Program) -> None:
    cost = budget.phase_budget_range(gimhae, "phase-1")
    assert (cost.low, cost.central, cost.high, cost.confidence) == (190.0, 200.0, 210.0, "low")
    result = budget.phase_cost_effectiveness(
        gimhae,
        "phase-1",
        {
            "start-up": "tech-startups",
            "research-institute company": "research-institute-companies",
            "job": "jobs",
        },
        linked={"investment": "investment-linked"},
    )
    frame = result.to_frame()
    row = frame.loc["억원 per start-up"]
    assert (row["low"], row["central"], row["high"]) == pytest.approx(
        (190 / 76, 200 / 76, 210 / 76), rel=1e-12
    )
    assert frame.loc["억원 per job", "central"] == pytest.approx(200 / 1113, rel=1e-12)
    assert frame.loc["investment per public won", "central"] == pytest.approx(5.15, rel=1e-12)
    assert frame.loc["investment per national won", "central"] == pytest.approx(
        1030 / 158.6, rel=1e-12
    )
    assert result.label == "gimhae-gangso phase-1"
