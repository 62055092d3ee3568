"""The program facade: loading, tables, queries, checker, round trip and display.

Reference figures are those of ../shared/seed-facts.md (Aju Business Daily, 2025-01-21):
209 technologies linked, 44 research-institute companies, 76 start-ups, 1,030억원 invested,
2,566억원 revenue, 121 -> 319 biomedical firms (2020 -> 2024), 184 firms operating 4+ years;
derived: CAGR (319/121)^(1/4) - 1 = 27.4 %, 184/319 = 57.7 % (stated 92 %), +163.6 % (stated
+164 %), 90/180 = 50 %. The 1,113 jobs are from zone-facts.md (Gimhae rows).
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pandas as pd
import pytest

import innozone
from innozone import Document, Program

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "programs" / "gimhae-mini.json"
ZONE = "gimhae-gangso"
DEXTER = "gimhae-dexter"


@pytest.fixture(scope="module")
def mini() -> Document:
    return Document.from_json(FIXTURE)


@pytest.fixture(scope="module")
def gimhae() -> Document:
    return innozone.load("gimhae")


# ----------------------------------------------------------------------------- fixture
def test_fixture_tables(mini: Document) -> None:
    zone = mini.program("gimhae-gangso")
    phases = zone.phases
    assert list(phases["phase"]) == ["phase-1", "phase-2"]
    assert phases.loc[1, "budget_total_krw"] == 18e9
    assert phases.loc[1, "national_krw"] == 9e9
    indicators = zone.indicators
    assert set(indicators.columns) >= {"phase", "indicator", "unit", "kind", "relation"}
    assert indicators.set_index("indicator").loc["investment", "unit"] == "억원"
    assert indicators.set_index("indicator").loc["firms_4plus_share", "relation"] == {
        "type": "share",
        "part": "firms_4plus",
        "whole": "biomed_firms",
    }
    obs = zone.observations
    assert list(obs.columns[:12]) == [
        "program",
        "phase",
        "indicator",
        "name_en",
        "name_ko",
        "year",
        "window_start",
        "window_end",
        "role",
        "value",
        "unit",
        "confidence",
    ]
    assert "source" in obs.columns
    row = obs[obs["indicator"] == "tech_linked"].iloc[0]
    assert row["name_ko"] == "기술이전·출자"
    assert pd.isna(row["year"]) and row["window_start"] == 2020 and row["window_end"] == 2024
    assert row["value"] == 209 and row["source"] == "aju-2025-01-21"
    assert obs["year"].dtype == "Int64"
    program_level = obs[obs["phase"].isna()]
    assert set(program_level["indicator"]) == {
        "biomed_firms",
        "firms_4plus",
        "firms_4plus_share",
        "firms_growth",
    }
    assert list(zone.components["component"]) == ["pipeline", "clinical"]
    assert zone.components["tags"].iloc[0] == (
        "tech-discovery",
        "matching",
        "start-up",
        "commercialisation",
    )
    assert len(mini.observations) == len(obs) + 2  # DEXTER's two observations
    assert list(mini.sources["source"]) == ["aju-2025-01-21", "kukinews-2020-12-04"]
    assert zone.notes["confidence"].iloc[0] == "medium"


def test_fixture_queries(mini: Document) -> None:
    zone = mini.program("gimhae-gangso")
    assert zone.value("tech_linked", (2020, 2024), phase="phase-1") == 209
    assert zone.value("tech_linked", "2020-2024", phase="phase-1") == 209
    founded = zone.sum(["ri_companies", "startups"], (2020, 2024), phase="phase-1")
    assert founded.total == 120 and founded.unit == "firms"
    assert founded.total / zone.value(
        "tech_linked", (2020, 2024), phase="phase-1"
    ) == pytest.approx(0.574, abs=5e-4)
    growth = zone.growth("biomed_firms", 2020, 2024)
    assert growth.absolute == 198
    assert growth.percent == pytest.approx(163.6, abs=0.05)
    assert growth.cagr_percent == pytest.approx(27.4, abs=0.05)
    assert growth.cagr == pytest.approx(0.274, abs=5e-4)
    assert "CAGR 27.4 %" in growth.describe()
    assert isinstance(growth.summary(), pd.DataFrame)
    assert growth.summary().loc[0, "cagr"] == pytest.approx(0.274, abs=5e-4)
    assert growth.to_frame().loc[0, "years"] == 4
    assert len(repr(growth)) < 1000
    assert zone.funding_share("phase-2") == 0.5
    assert zone.budget_summary("phase-2")["unitemised_krw"] == 9e9
    across = mini.sum_across("companies", 2024)
    assert across.total == 70 and across.missing == ["gimhae-gangso/companies"]


def test_fixture_checker_finds_92_and_164(mini: Document) -> None:
    findings = mini.check()
    assert list(findings.columns) == [
        "kind",
        "severity",
        "program",
        "phase",
        "indicator",
        "years",
        "stated",
        "computed",
        "mismatch",
        "tolerance",
        "unit",
        "message",
    ]
    share = findings[findings["kind"] == "share_mismatch"].iloc[0]
    assert share["severity"] == "error"
    assert share["stated"] == 92 and share["computed"] == pytest.approx(57.68, abs=0.005)
    assert share["years"] == (2024,)
    growth = findings[findings["kind"] == "growth_mismatch"].iloc[0]
    assert growth["computed"] == pytest.approx(163.64, abs=0.005)
    assert growth["years"] == (2020, 2024)


def test_annual_values_from_cumulative_snapshots() -> None:
    # Snapshots 10 (2020), 25 (2020-2021), 40 (2020-2023): annual 10, 15, then 15 over 2022-2023.
    doc = json.loads(FIXTURE.read_text(encoding="utf-8"))
    ind = doc["programs"][0]["phases"][0]["indicators"][0]
    ind["observations"] = [
        {
            "value": v,
            "window": w,
            "role": "actual",
            "source": "aju-2025-01-21",
            "confidence": "high",
        }
        for v, w in [(10, [2020, 2020]), (25, [2020, 2021]), (40, [2020, 2023])]
    ]
    zone = Document.from_dict(doc).program("gimhae-gangso")
    annual = zone.annual("tech_linked", phase="phase-1")
    assert list(annual["value"]) == [10, 15, 15]
    assert list(annual["year"].astype("object").where(annual["year"].notna(), None)) == [
        2020,
        2021,
        None,
    ]
    assert (annual["window_start"].iloc[2], annual["window_end"].iloc[2]) == (2022, 2023)
    assert set(annual["role"]) == {"derived"}
    assert list(annual["confidence"]) == ["medium", "medium", "medium"]
    assert zone.value("tech_linked", 2021, phase="phase-1") == 15


def test_round_trip_equal_and_atomic_save(mini: Document, tmp_path: Path) -> None:
    text = mini.to_json()
    again = Document.from_json(text)
    assert again == mini
    path = tmp_path / "copy.json"
    mini.save(path)
    assert Document.from_json(path) == mini
    assert [p.name for p in tmp_path.iterdir()] == ["copy.json"]
    # A program alone round-trips with its document's sources.
    dexter = mini.program("dexter")
    assert Program.from_json(dexter.to_json(), sources=mini) == dexter
    assert Program.from_dict(dexter.to_document().to_dict()) == dexter


def test_saving_an_invalid_document_leaves_the_old_file(mini: Document, tmp_path: Path) -> None:
    path = tmp_path / "doc.json"
    mini.save(path)
    before = path.read_bytes()
    with pytest.raises(innozone.InvalidInputError, match="folder"):
        mini.save(tmp_path / "missing" / "doc.json")
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.json"]


def test_written_documents_follow_the_shipped_schema(mini: Document, gimhae: Document) -> None:
    schema = innozone.program.schema()
    validator = jsonschema.Draft202012Validator(schema)
    for doc in (mini, gimhae, innozone.load("gangso-zones")):
        errors = list(validator.iter_errors(doc.to_dict()))
        assert not errors, errors[0].message


def test_repr_html_card(mini: Document) -> None:
    card = mini.program("gimhae-gangso")._repr_html_()
    assert "Gimhae Biomedical Gangso Zone" in card
    assert "180억원" in card and "90억원" in card  # phase-2 budget and national line
    assert "technologies linked" in card and "209 cases" in card
    assert "Findings: 2 (1 errors, 0 warnings, 1 info)" in card
    assert "gimhae-mini" not in card
    assert mini._repr_html_().count("<h4") == 2
    assert "2 programs" in repr(mini)


def test_plot_returns_axes(mini: Document) -> None:
    from matplotlib.axes import Axes

    zone = mini.program("gimhae-gangso")
    ax = zone.plot()
    assert isinstance(ax, Axes)
    titles = {ax.get_title(loc) for loc in ("left", "center", "right")}
    assert "biomedical firms in Gimhae" in titles
    ax2 = zone.plot("tech_linked", phase="phase-1", lang="ko")
    assert isinstance(ax2, Axes)
    assert isinstance(zone.growth("biomed_firms", 2020, 2024).plot(), Axes)
    assert isinstance(mini.plot("companies", 2024), Axes)
    with pytest.raises(innozone.NotFoundError):
        zone.plot("nope")


# ----------------------------------------------------------------------------- embedded data
def test_datasets_lists_the_embedded_program_files() -> None:
    table = innozone.datasets()
    assert {"gimhae", "gangso-zones"} <= set(table["dataset"])
    assert set(table["file"]) >= {"gimhae.json", "gangso-zones.json"}
    assert table["description"].map(lambda d: isinstance(d, str) and len(d) > 10).all()


def test_gimhae_answers_the_seed_figures(gimhae: Document) -> None:
    zone = gimhae.program(ZONE)
    p1 = (2020, 2024)
    assert zone.value("tech-transfer-equity", p1, phase="phase-1") == 209
    assert zone.value("research-institute-companies", p1, phase="phase-1") == 44
    assert zone.value("tech-startups", p1, phase="phase-1") == 76
    investment = zone.value("investment-linked", p1, phase="phase-1")
    assert innozone.format_krw(innozone.krw(investment, money_unit="억원")) == "1,030억원"
    revenue = zone.value("revenue", p1, phase="phase-1")
    assert innozone.format_krw(innozone.krw(revenue, money_unit="억원")) == "2,566억원"
    assert zone.value("jobs", p1, phase="phase-1") == 1113
    assert zone.value("biomedical-firms", 2020) == 121
    assert zone.value("biomedical-firms", 2024) == 319
    assert zone.value("firms-4plus-years", 2024) == 184
    assert zone.growth("biomedical-firms", 2020, 2024).cagr_percent == pytest.approx(27.4, abs=0.05)
    assert zone.funding_share("phase-2") == 0.5
    assert zone.budget_summary("phase-2")["total_krw"] == innozone.krw("180억")
    names = zone.indicators.set_index("indicator")
    assert names.loc["tech-transfer-equity", "name_ko"].startswith("기술이전·출자")


def test_gimhae_checker_reports_92_and_164(gimhae: Document) -> None:
    findings = gimhae.program(ZONE).check()
    share = findings[(findings["kind"] == "share_mismatch") & (findings["stated"] == 92)]
    assert len(share) == 1
    share_row = share.iloc[0]
    assert share_row["severity"] == "error"
    assert share_row["computed"] == pytest.approx(184 / 319 * 100, rel=1e-12)
    assert round(share_row["computed"], 1) == 57.7
    assert "57.7 %" in share_row["message"] and "184 / 319" in share_row["message"]
    growth = findings[(findings["kind"] == "growth_mismatch") & (findings["stated"] == 164)]
    assert len(growth) == 1
    growth_row = growth.iloc[0]
    assert round(growth_row["computed"], 1) == 163.6
    assert growth_row["years"] == (2020, 2024)
    assert "163.6 %" in growth_row["message"]


def test_gimhae_dexter_figures(gimhae: Document) -> None:
    dexter = gimhae.program(DEXTER)
    contribution = dexter.value("company-contribution", 2025, phase="programmes-2025")
    support = dexter.value("support-value", 2025, phase="programmes-2025")
    assert innozone.format_krw(contribution, money_unit="만원") == "43만원"
    assert innozone.format_krw(support, money_unit="원") == "2,500,000원"
    assert 100 * contribution / support == pytest.approx(17.2, abs=1e-9)
    products = dexter.value("products-registered", 2024, phase="launch-2024")
    companies = dexter.value("companies-registered", 2024, phase="launch-2024")
    assert round(products / companies, 2) == 7.86


def test_gangso_zones_hold_14_zones() -> None:
    zones = innozone.load("gangso-zones")
    kinds = [p for p in zones.programs if p.kind == "gangso-zone"]
    assert len(kinds) == 14
    assert sorted({p.designation_year for p in kinds}) == [2019, 2020, 2022]
    assert sum(p.designation_year == 2019 for p in kinds) == 6


def test_embedded_datasets_round_trip() -> None:
    for name in ("gimhae", "gangso-zones"):
        doc = innozone.load(name)
        assert Document.from_json(doc.to_json()) == doc


def test_load_by_path(tmp_path: Path, gimhae: Document) -> None:
    path = tmp_path / "mine.json"
    gimhae.save(path)
    assert innozone.load(str(path)) == gimhae
    assert innozone.load(path) == gimhae
