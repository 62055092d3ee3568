"""The observation rule (the later date wins), coverage, plan against actual, the
comparison over the years covered, and the program area's rough edges (issue 13).

Changwon's figures (zone-facts.md 3c): to mid-2024 (etnews 2024-08-19) 27 research-institute
companies, 89 transfers, 47 start-ups, 946.4억 revenue; to 2024-10 (ajunews 2024-10-24) 30,
104, 52, 1,055억.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

import innozone


@pytest.fixture(scope="module")
def zones() -> innozone.Document:
    return innozone.load("gangso-zones")


def test_changwon_reads_the_later_figures_everywhere(zones: innozone.Document) -> None:
    changwon = zones.program("changwon")
    window = (2020, 2024)
    expected = {
        "research-institute-companies": 30,
        "tech-transfer-equity": 104,
        "startups": 52,
        "revenue": 1055,
    }
    for indicator, value in expected.items():
        assert changwon.value(indicator, window, phase="phase-1") == value
    key = changwon.key_figures().set_index("indicator")
    for indicator, value in expected.items():
        assert key.loc[indicator, "value"] == value
        assert key.loc[indicator, "date"] == "2024-10"
    assert (
        zones.compare("research-institute-companies")
        .table.set_index("program")
        .loc["changwon", "value"]
        == 30
    )
    across = zones.sum_across("research-institute-companies", window, programs=["changwon"])
    assert across.total == 30


def test_tidy_observations_have_date_superseded_and_coverage(zones: innozone.Document) -> None:
    obs = zones.program("changwon").observations
    assert {"date", "date_basis", "superseded", "covered_years", "coverage"} <= set(obs.columns)
    ric = obs[obs["indicator"] == "research-institute-companies"].set_index("value")
    assert ric.loc[27, "date"] == "2024-08" and bool(ric.loc[27, "superseded"])
    assert ric.loc[30, "date"] == "2024-10" and not bool(ric.loc[30, "superseded"])
    assert ric.loc[20, "date"] == "2023-03-27" and ric.loc[20, "date_basis"] == "source"
    assert ric.loc[30, "date_basis"] == "observation"
    assert ric.loc[30, "covered_years"] == pytest.approx(4 + 10 / 12)
    assert ric.loc[30, "coverage"] == "partial" and ric.loc[20, "coverage"] == "complete"


def test_checker_reports_superseded_values(zones: innozone.Document) -> None:
    findings = zones.program("changwon").check()
    superseded = findings[findings["kind"] == "superseded"]
    assert set(superseded["severity"]) == {"info"}
    ric = superseded[superseded["indicator"] == "research-institute-companies"].iloc[0]
    assert ric["stated"] == 27 and ric["computed"] == 30
    assert "30 firms (ajunews-2024-10-24, 2024-10) supersedes 27 firms" in ric["message"]
    assert len(superseded) == 5  # transfers, RI companies, start-ups, investment, revenue


def test_gimhae_sum_relation_is_not_reported_per_year() -> None:
    doc = innozone.load("gimhae").to_dict()
    program = doc["programs"][0]
    program["indicators"].append(
        {
            "id": "segments-sum",
            "name": {"en": "Segments add up to the firm count"},
            "unit": "ratio",
            "kind": "ratio",
            "relation": {
                "type": "sum",
                "parts": [
                    "biomedical-firms-devices",
                    "biomedical-firms-dental",
                    "biomedical-firms-bio-other",
                ],
                "total": "biomedical-firms",
            },
            "observations": [],
        }
    )
    findings = innozone.Document.from_dict(doc).check()
    mine = findings[findings["indicator"] == "segments-sum"]
    # 83 + 17 + 31 = 131 firms in 2021-03: consistent; the other years have no segments and are
    # no longer reported one by one as "cannot check".
    assert mine.empty


def test_compare_programs_over_the_years_covered(zones: innozone.Document) -> None:
    import matplotlib.pyplot as plt

    res = innozone.compare_programs(zones, "research-institute-companies", kind="gangso-zone")
    table = res.to_frame().set_index("program")
    assert len(table) == 14
    changwon = table.loc["changwon"]
    assert changwon["per_year"] == pytest.approx(30 / (4 + 10 / 12))
    assert changwon["coverage"] == "partial" and "2024-10" in changwon["flag"]
    chuncheon = table.loc["chuncheon"]
    assert chuncheon["window"] == "2022-2026" and chuncheon["coverage"] == "partial"
    assert table.loc["gimhae", "flag"] is None or pd.isna(table.loc["gimhae", "flag"])
    assert table.loc["gimhae", "per_year"] == pytest.approx(44 / 5)
    # With the nominal 5 years Changwon would read 6.0 a year; over 4.83 years it is 6.2.
    assert changwon["per_year"] > 30 / 5
    ax = res.plot(highlight="changwon", lang="ko")
    assert any("*" in t.get_text() for t in ax.get_yticklabels())
    assert len(repr(res)) < 1000 and isinstance(res.summary(), pd.DataFrame)
    plt.close("all")


def test_future_window_is_flagged() -> None:
    doc = {
        "schema_version": 1,
        "sources": [{"id": "s", "publisher": "p", "title": "t", "date": "2024-06-30"}],
        "programs": [
            {
                "id": "z",
                "name": {"en": "Zone"},
                "kind": "gangso-zone",
                "region": {"en": "r"},
                "phases": [
                    {
                        "id": "phase-1",
                        "start_year": 2022,
                        "end_year": 2026,
                        "indicators": [
                            {
                                "id": "startups",
                                "name": {"en": "Start-ups"},
                                "unit": "firms",
                                "kind": "cumulative",
                                "observations": [
                                    {
                                        "value": 25,
                                        "window": [2022, 2026],
                                        "role": "actual",
                                        "source": "s",
                                        "confidence": "medium",
                                    }
                                ],
                            }
                        ],
                    }
                ],
            }
        ],
    }
    res = innozone.compare_programs(innozone.Document.from_dict(doc), "startups")
    row = res.to_frame().iloc[0]
    assert row["coverage"] == "future" and row["covered_years"] == pytest.approx(2.5)
    assert row["per_year"] == pytest.approx(10.0) and "runs past" in row["flag"]


def test_plan_vs_actual_matches_windows() -> None:
    zone = innozone.load("gimhae").program("gimhae-gangso")
    res = innozone.plan_vs_actual(zone, "phase-1")
    t = res.to_frame().set_index(["indicator", "target_period"])
    row = t.loc[("research-institute-companies", "2020")]
    assert row["match"] == "exact" and row["achievement"] == pytest.approx(12 / 7)
    row = t.loc[("research-institute-companies", "2020-2021")]
    assert row["actual"] == 22 and row["achievement"] == pytest.approx(22 / 25)  # the later 22
    row = t.loc[("research-institute-companies", "2021")]
    assert row["match"] == "derived" and row["actual"] == 10  # 22 - 12
    assert t.loc[("jobs", "2020-2024"), "achievement"] == pytest.approx(1113 / 370)
    assert t.loc[("firms-relocated-or-founded", "2020-2024"), "match"] == "none"
    # Two targets for one window (6,500 and 6,551억 of production inducement): the later one.
    assert t.loc[("production-inducement", "2020-2024"), "target"] == 6551
    assert res.budget.empty
    assert isinstance(res.summary(), pd.DataFrame) and len(repr(res)) < 1000
    import matplotlib.pyplot as plt

    assert res.plot().patches
    plt.close("all")


def test_plan_vs_actual_partial_approximate_and_budget_execution() -> None:
    user = innozone.load(innozone_test_file()).program("jinju-gangso")
    res = user.plan_vs_actual("phase-1")
    row = res.to_frame().set_index("indicator").loc["jobs"]
    assert row["match"] == "approximate" and np.isnan(row["achievement"])
    assert "2019-2024 to 2024-06, not 2020-2024" in row["note"]
    doc = user.document.to_dict()
    phase = doc["programs"][0]["phases"][0]
    phase["budget"]["lines"] = [
        {
            "amount": 40,
            "unit": "억원",
            "year": 2023,
            "funding_source": "national",
            "role": "plan",
            "source": "analyst-2025",
            "confidence": "low",
        },
        {
            "amount": 36,
            "unit": "억원",
            "year": 2023,
            "funding_source": "national",
            "role": "actual",
            "source": "analyst-2025",
            "confidence": "low",
        },
    ]
    phase["indicators"][0]["observations"].append(
        {
            "value": 30,
            "window": [2020, 2024],
            "date": "2024-10",
            "role": "actual",
            "source": "analyst-2025",
            "confidence": "low",
        }
    )
    phase["indicators"][0]["observations"].append(
        {
            "value": 40,
            "window": [2020, 2024],
            "role": "target",
            "source": "analyst-2025",
            "confidence": "low",
        }
    )
    res = innozone.Document.from_dict(doc).program("jinju-gangso").plan_vs_actual("phase-1")
    budget = res.budget.iloc[0]
    assert budget["execution"] == pytest.approx(0.9) and budget["year"] == 2023
    row = res.to_frame().set_index("indicator").loc["research-institute-companies"]
    assert row["match"] == "partial" and row["achievement"] == pytest.approx(0.75)
    assert "data to 2024-10" in row["note"]


def innozone_test_file() -> str:
    from pathlib import Path

    return str(Path(__file__).resolve().parents[1] / "data" / "programs" / "jinju-user.json")


# ----------------------------------------------------------------------------- rough edges
def test_load_json_text_and_short_messages() -> None:
    text = json.dumps(innozone.load("gimhae").to_dict(), ensure_ascii=False)
    assert [p.id for p in innozone.load(text).programs] == ["gimhae-gangso", "gimhae-dexter"]
    with pytest.raises(innozone.NotFoundError) as info:
        innozone.load("x" * 5000)
    assert len(str(info.value)) < 300 and "embedded datasets: gangso-zones, gimhae" in str(
        info.value
    )
    with pytest.raises(innozone.SchemaError, match="line 3, column 2"):
        innozone.load('{\n "schema_version": 1,\n ]}')


def test_funding_share_is_a_fraction() -> None:
    zone = innozone.load("gimhae").program("gimhae-gangso")
    assert zone.funding_share("phase-2", "national") == 0.5
    with pytest.raises(innozone.NotFoundError, match="local"):
        zone.funding_share("phase-2", "local")


def test_growth_and_sum_follow_the_result_contract() -> None:
    zone = innozone.load("gimhae").program("gimhae-gangso")
    growth = zone.growth("biomedical-firms", 2020, 2024)
    assert isinstance(growth, innozone.program.Growth)
    assert growth.summary().loc[0, "rate"] == pytest.approx(198 / 121)
    assert "<table" in growth._repr_html_() and len(repr(growth)) < 1000
    total = zone.sum(
        ["research-institute-companies", "tech-startups"], (2020, 2024), phase="phase-1"
    )
    assert total.summary().loc[0, "total"] == 120 and "120 firms" in total.describe()
