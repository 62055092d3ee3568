"""Tests of the HTML report, including a real browser: headless Chromium (Debian's
``chromium`` package) loads the page, we read back what the page itself reports about its
images and fonts, and take a screenshot (kept in the pytest temporary folder)."""

from __future__ import annotations

import base64
import json
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from matplotlib import image as mpimg

import innozone
from innozone import report as R

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
N_DRAWS = 2000  # enough for the bands to exist; the report default is 20,000

# A script added to a COPY of the report (the report itself has no script): after the
# load event it writes, into a <pre id="innozone-check">, how many images decoded, whether
# the embedded Hangul font loaded and any script errors.
_CHECK_SCRIPT = """
<script>
window.__errors = [];
window.addEventListener('error', e => window.__errors.push(String(e.message || e)));
window.addEventListener('load', async () => {
  const imgs = Array.from(document.images);
  await document.fonts.ready;
  const faces = Array.from(document.fonts).map(f => [f.family, f.weight, f.status]);
  const out = {
    images: imgs.length,
    decoded: imgs.filter(i => i.complete && i.naturalWidth > 0).length,
    faces: faces,
    hangul: document.fonts.check("16px innozone-hangul", "김해"),
    headings: Array.from(document.querySelectorAll('h2')).map(h => h.textContent),
    errors: window.__errors,
  };
  const pre = document.createElement('pre');
  pre.id = 'innozone-check';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>
"""


def _chromium(*args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None, (
        "headless Chromium is needed for the browser test: apt-get install chromium"
    )
    cmd = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        "--no-first-run",
        "--disable-extensions",
        *args,
    ]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture(scope="module")
def report_ko(tmp_path_factory: pytest.TempPathFactory) -> tuple[R.Report, Path]:
    folder = tmp_path_factory.mktemp("report")
    rep = R.build_report("gimhae", lang="ko", n_draws=N_DRAWS)
    path = rep.save(folder / "gimhae-report.html")
    return rep, path


@pytest.fixture(scope="module")
def report_en() -> R.Report:
    return R.build_report("gimhae", lang="en", n_draws=N_DRAWS)


def _browser_check(path: Path) -> dict:
    probe = path.with_name(path.stem + "-probe.html")
    probe.write_text(
        path.read_text(encoding="utf-8").replace("</body>", _CHECK_SCRIPT + "</body>"),
        encoding="utf-8",
    )
    done = _chromium("--virtual-time-budget=15000", "--dump-dom", probe.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    match = re.search(r'<pre id="innozone-check">(.*?)</pre>', done.stdout, re.DOTALL)
    assert match, "the page did not finish loading (no check output in the DOM)"
    return json.loads(match.group(1).replace("&quot;", '"').replace("&amp;", "&"))


def _section(rep: R.Report, sid: str) -> str:
    return {s.id: s.html for s in rep.sections}[sid]


# --------------------------------------------------------------------------- content
def test_report_is_self_contained(report_ko):
    _rep, path = report_ko
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    # Nothing is fetched to view it: no external scripts, stylesheets, images or fonts.
    assert "<script" not in page
    assert "<link" not in page
    assert re.search(r"""src=["'](?!data:)""", page) is None
    assert re.search(r"url\((?!data:)", page) is None
    imgs = re.findall(r'<img[^>]*src="data:image/png;base64,([^"]+)"', page)
    assert len(imgs) == page.count("<img")
    assert len(imgs) >= 6
    for data in imgs:
        png = base64.b64decode(data)
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
    # The Hangul font is embedded as a subset: small, yet covering the page's syllables.
    fonts = re.findall(r"url\(data:font/woff;base64,([^)]+)\)", page)
    assert len(fonts) == 2
    assert all(20_000 < len(f) * 3 / 4 < 1_500_000 for f in fonts)


def test_gimhae_report_sections_title_and_key_figures(report_ko):
    rep, path = report_ko
    ids = [s.id for s in rep.sections]
    assert ids == [
        "summary",
        "results",
        "plan",
        "projection",
        "targets",
        "sensitivity",
        "scenarios",
        "appraisal",
        "cost-sharing-gimhae-dexter",
        "zones",
        "efficiency",
        "appendix",
    ]
    # The title names what is covered: the document's zone and its support centre.
    assert rep.title == "김해 의생명·의료기기 강소특구와 덱스터: 분석 보고서"
    page = path.read_text(encoding="utf-8")
    # Figures of the source article that the results section must carry (seed-facts.md).
    results = _section(rep, "results")
    for figure in ("209", "1,030", "2,566", "1,113"):
        assert figure in results
    assert "319" in page and "180억원" in page
    # The checker's finding about 184 firms called 92 % of 319 (184 / 319 = 57.7 %).
    assert "57.7" in results
    # DEXTER: 430,000 of 2,500,000 KRW is a 17.2 % company share.
    assert "17.2 %" in _section(rep, "cost-sharing-gimhae-dexter")
    # Every assumption is listed in the appendix with its basis.
    assert rep.assumptions
    assert {a.basis for a in rep.assumptions} <= {"sourced", "derived", "assumption"}


def test_headline_cards_only_sourced_figures_and_file_targets_each_with_confidence(report_ko):
    rep, _ = report_ko
    head = rep.tables()["headline"]
    # Every card carries its confidence.
    assert (head["신뢰도"].str.len() > 0).all()
    assert set(head["신뢰도"]) <= {"높음", "보통", "낮음"}
    # No invented target: Gimhae's phase-2 targets are not published, so no P(target) card.
    assert not head["항목"].str.contains("목표 달성 확률").any()
    assert "예시" not in _section(rep, "summary")
    # B/C depends on an unsourced attribution share: a range with low confidence, never a
    # single "B/C >= 1 means viable" headline.
    bc = head[head["항목"].str.startswith("B/C")]
    assert len(bc) == 1
    low, high = (float(v) for v in bc["값"].iloc[0].split("–"))
    assert low < 1.0 < high
    assert bc["신뢰도"].iloc[0] == "낮음"
    for rep_text in (_section(rep, "summary"), _section(rep, "appraisal")):
        assert "경제성 있음" not in rep_text and "viable" not in rep_text


def test_appraisal_shows_the_range_over_the_attribution_share(report_ko):
    rep, _ = report_ko
    table = rep.tables()["attribution"]
    assert table["사업 기여율"].tolist() == [0.1, 0.2, 0.3, 0.5, 1.0]
    medians = table["B/C 중앙값"].to_numpy()
    # B/C is proportional to the share: 10x the share gives 10x the B/C.
    np.testing.assert_allclose(medians / medians[0], [1, 2, 3, 5, 10], rtol=1e-9)
    probs = table["P(B/C ≥ 1)"].to_numpy()
    assert np.all(np.diff(probs) >= 0) and 0.0 <= probs[0] < probs[-1] <= 1.0
    names = {a.name for a in rep.assumptions}
    attribution = [a for a in rep.assumptions if a.name == "사업 기여율"]
    assert len(attribution) == 1 and attribution[0].basis == "assumption"
    assert "매출 대비 부가가치율" in names


def test_report_english_is_english(report_en):
    rep = report_en
    headings = [s.heading for s in rep.sections]
    assert headings[0] == "Summary"
    assert rep.title == "Gimhae: the biomedical Gangso zone and DEXTER: analysis report"
    assert 'lang="en"' in rep.html
    zones = rep.tables()["zone_rates"]
    assert "Changwon" in set(zones["Zone"]) and "창원" not in set(zones["Zone"])
    share = _foreign_share(rep.html, "en")
    assert share < 0.05, share


def test_report_bad_arguments():
    with pytest.raises(innozone.InvalidInputError, match="lang"):
        R.build_report("gimhae", lang="fr")
    for bad in (2.5, -5, True, 10):
        with pytest.raises(innozone.InvalidInputError, match="n_draws"):
            R.build_report("gimhae", n_draws=bad)
    with pytest.raises(innozone.InvalidInputError, match="seed"):
        R.build_report("gimhae", seed=-1)
    with pytest.raises(innozone.NotFoundError, match="changwon"):
        R.build_report("gangso-zones", program="nowhere")
    with pytest.raises(innozone.NotFoundError, match="nope.json"):
        R.build_report("nope.json")


def test_defaults_follow_innozone_options():
    with innozone.options.context(lang="ko", seed=7):
        rep = R.build_report("gangso-zones", program="ansan", n_draws=1000)
    assert rep.lang == "ko" and rep.meta["seed"] == 7
    assert rep.sections[0].heading == "요약"


def test_progress_callback_sees_every_section_and_can_stop():
    seen = []
    rep = R.build_report(
        "gangso-zones", program="ansan", n_draws=1000, progress=lambda d, t: seen.append((d, t))
    )
    steps = len(rep.sections) + 1  # every section, then the figures
    assert seen == [(i, steps) for i in range(1, steps + 1)]
    with pytest.raises(KeyboardInterrupt):
        R.build_report("gangso-zones", program="ansan", n_draws=1000, progress=lambda d, t: False)


# --------------------------------------------------------------------------- every program
def _programs() -> list[tuple[str, str]]:
    out = []
    for name in ("gimhae", "gangso-zones"):
        doc = innozone.load(name)
        out += [(name, p.id) for p in doc.programs]
    return out


@pytest.mark.parametrize(("dataset", "program"), _programs())
def test_report_for_every_program(dataset, program):
    rep = R.build_report(dataset, program=program, n_draws=1000, lang="en")
    doc = innozone.load(dataset)
    prog = doc.program(program)
    ids = [s.id for s in rep.sections]
    # The title names the program reported, never the whole document.
    assert rep.title == f"{prog.name_en}: analysis report"
    assert ids[0] == "summary" and ids[-1] == "appendix"
    assert "projection" in ids
    projection = _section(rep, "projection")
    if "targets" in ids:  # the program's data calibrate the model
        for sid in ("targets", "sensitivity", "scenarios", "appraisal"):
            assert sid in ids
        assert "<img" in projection
        assert "NPV and B/C" in _section(rep, "appraisal")
    else:  # it says which data are missing
        assert "Missing:" in projection
    # No section of another program leaks in: cost sharing only for a program with a
    # cost-sharing component, the zone comparison only for a Gangso zone.
    has_cost_sharing = {"support-value", "company-contribution"} <= set(
        prog.observations["indicator"]
    )
    assert ("cost-sharing" in ids) == has_cost_sharing
    assert not any(i.startswith("cost-sharing-") for i in ids)
    assert ("zones" in ids) == (prog.kind == "gangso-zone")
    others = [p for p in doc.programs if p.id != program and p.name_en != prog.name_en]
    body = "".join(s.html for s in rep.sections if s.id not in ("zones",))
    for other in others:
        if other.kind == "gangso-zone" and prog.kind == "gangso-zone":
            continue  # zone names appear in zone notes and comparisons
        assert other.name_en not in body, other.id


def test_changwon_research_institute_companies_read_30():
    rep = R.build_report("gangso-zones", program="changwon", n_draws=1000, lang="en")
    results = rep.tables()["results"]
    ric = results[results["Indicator"] == "Research-institute companies founded"]
    assert ric["Value"].tolist() == [30.0]  # the 2024-10 figure, not the mid-2024 27
    assert ric["Source date"].tolist() == ["2024-10"]
    zones = rep.tables()["zone_rates"]
    row = zones[(zones["Zone"] == "Changwon") & (zones["Indicator"].str.startswith("Research"))]
    assert row["Value"].tolist() == [30.0]
    # Its yearly rate divides by the years the figure covers: 2020 to 2024-10 is 4.83 years
    # (the mid-2024 figure gave 27 / 5 = 5.4 a year).
    assert row["Years covered"].iloc[0] == pytest.approx(4 + 10 / 12)
    assert row["Per year"].iloc[0] == pytest.approx(30 / (4 + 10 / 12))
    assert row["Coverage"].iloc[0] == "partial (part of the last year)"


def test_gangso_zones_document_is_an_overview_titled_for_all_zones():
    rep = R.build_report("gangso-zones", n_draws=1000, lang="ko")
    assert rep.title == "전국 14개 강소연구개발특구: 비교 보고서"
    assert [s.id for s in rep.sections] == ["summary", "zones", "efficiency", "appendix"]
    assert "efficiency_efficiency" in rep.tables()
    programs = rep.tables()["programs"]
    assert len(programs) == len(innozone.load("gangso-zones").programs)


def test_a_program_report_of_gimhae_has_no_dexter_and_dexter_has_no_zone_sections():
    zone = R.build_report("gimhae", program="gimhae-gangso", n_draws=1000, lang="en")
    assert zone.title == "Gimhae Biomedical Gangso R&D Special Zone: analysis report" or (
        zone.title.endswith(": analysis report") and "DEXTER" not in zone.title
    )
    assert not any(s.id.startswith("cost-sharing") for s in zone.sections)
    assert "DEXTER" not in "".join(s.html for s in zone.sections if s.id != "appendix")
    dexter = R.build_report("gimhae", program="gimhae-dexter", n_draws=1000, lang="en")
    ids = [s.id for s in dexter.sections]
    assert "cost-sharing" in ids and "zones" not in ids
    assert "17.2 %" in _section(dexter, "cost-sharing")


# --------------------------------------------------------------------------- own program
def _own_program(tmp_path: Path) -> Path:
    """A researcher's own program file: Changwon's data with a phase-2 plan written by the
    user (a low-confidence budget) and targets, without any cost-sharing programme."""
    doc = innozone.load("gangso-zones").to_dict()
    zone = next(p for p in doc["programs"] if p["id"] == "changwon")
    zone["id"] = "my-zone"
    zone["name"] = {"ko": "우리 지역 특구", "en": "Our regional zone"}
    phase2 = zone["phases"][1]
    phase2["budget"] = {
        "total": {
            "amount": 150,
            "unit": "억원",
            "role": "plan",
            "confidence": "low",
            "source": "our-estimate",
            "note": "the user's own guess",
        }
    }
    doc["programs"] = [zone]
    doc["sources"].append(
        {"id": "our-estimate", "publisher": "Our team", "title": "Budget guess", "date": "2025"}
    )
    doc["dataset"] = {
        "id": "my-zone",
        "title": {"ko": "우리 특구", "en": "Our zone"},
        "description": "test program",
    }
    path = tmp_path / "my-zone.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def test_report_on_own_program_file_via_cli(tmp_path, capsys):
    from innozone.cli import main

    src = _own_program(tmp_path)
    out = tmp_path / "own.html"
    book = tmp_path / "own.xlsx"
    status = main(
        [
            "report",
            str(src),
            "-o",
            str(out),
            "--excel",
            str(book),
            "--lang",
            "en",
            "--draws",
            "1000",
            "--no-progress",
        ]
    )
    assert status == 0
    assert capsys.readouterr().out.split() == [str(out), str(book)]
    page = out.read_text(encoding="utf-8")
    assert "Our regional zone: analysis report" in page
    # Phase-1 results come from the file itself, with the later figure of a window.
    assert ">104<" in page and ">52<" in page
    # No cost-sharing programme: no such section, and nothing of DEXTER.
    assert 'id="cost-sharing' not in page and "DEXTER" not in page
    # The user's low-confidence budget: a headline card showing its confidence ...
    rep = R.build_report(src, n_draws=1000, lang="en")
    head = rep.tables()["headline"]
    budget = head[head["Figure"].str.startswith("Budget of")]
    assert budget["Value"].tolist() == ["KRW 15.0 bn"]
    assert budget["Confidence"].tolist() == ["low"]
    # ... and an entry of the appendix.
    low = [a for a in rep.assumptions if a.confidence == "low" and "KRW 15.0 bn" in a.value]
    assert low, rep.to_frame()
    import openpyxl

    wb = openpyxl.load_workbook(book, read_only=True)
    assert "assumptions" in wb.sheetnames and "sources" in wb.sheetnames


USER_FILE = Path(__file__).resolve().parents[1] / "data" / "programs" / "jinju-user.json"


@pytest.fixture(scope="module")
def report_user() -> R.Report:
    return R.build_report(USER_FILE, n_draws=N_DRAWS, lang="en")


def test_report_of_the_user_style_program_file(report_user):
    """The user-style file (Jinju, written as a researcher would: phase-1 results, a
    phase-2 plan, the analyst's own targets and a low-confidence phase-1 budget range)."""
    rep = report_user
    ids = [s.id for s in rep.sections]
    for sid in (
        "results",
        "plan",
        "projection",
        "targets",
        "sensitivity",
        "scenarios",
        "appraisal",
        "zones",
    ):
        assert sid in ids, sid
    assert not any(i.startswith("cost-sharing") for i in ids)
    assert rep.title == "Jinju Gangso R&D Special Zone: analysis report"
    # The file's own targets: one P(target) card each, with the target's confidence.
    head = rep.tables()["headline"]
    cards = head[head["Figure"].str.startswith("P(target reached)")]
    targets = rep.tables()["target_probabilities"]
    assert len(cards) == len(targets) >= 3
    assert (cards["Confidence"] != "").all()
    assert ((targets["P(reached)"] >= 0) & (targets["P(reached)"] <= 1)).all()
    # Headline results carry their confidence and come from the file (36 research-institute
    # companies from designation to mid-2024, the figure reaching furthest into phase 1).
    ric = head[head["Figure"] == "Research-institute companies founded"]
    assert ric["Value"].tolist() == ["36 firms"] and ric["Confidence"].tolist() == ["high"]
    # The low-confidence phase-1 budget (a range the analyst inferred) is in the appendix.
    budget = [a for a in rep.assumptions if a.name.startswith("total budget of Phase 1")]
    assert budget and budget[0].confidence == "low" and "–" in budget[0].value
    # Every input of the calibrated model is listed with its basis.
    names = {a.name for a in rep.assumptions}
    for name in ("Jobs per surviving firm", "attribution share", "value-added ratio of revenue"):
        assert name in names, name


def test_user_style_report_in_korean_is_korean():
    rep = R.build_report(USER_FILE, n_draws=1000, lang="ko")
    assert rep.title == "진주 강소연구개발특구: 분석 보고서"
    assert _foreign_share(rep.html, "ko") < 0.05


def test_cli_report_reports_a_missing_file(tmp_path, capsys):
    from innozone.cli import main

    status = main(
        ["report", str(tmp_path / "nope.json"), "-o", str(tmp_path / "x.html"), "--no-progress"]
    )
    assert status == 2
    assert "nope.json" in capsys.readouterr().err
    assert not (tmp_path / "x.html").exists()


def test_cli_report_program_option(tmp_path, capsys):
    from innozone.cli import main

    out = tmp_path / "ansan.html"
    status = main(
        [
            "report",
            "gangso-zones",
            "--program",
            "ansan",
            "-o",
            str(out),
            "--draws",
            "1000",
            "--no-progress",
            "--lang",
            "ko",
        ]
    )
    assert status == 0
    assert "안산 강소연구개발특구: 분석 보고서" in out.read_text(encoding="utf-8")
    status = main(
        ["report", "gangso-zones", "--program", "atlantis", "-o", str(out), "--no-progress"]
    )
    assert status == 2
    assert "atlantis" in capsys.readouterr().err


# --------------------------------------------------------------------------- tables, excel
def test_tables_are_dataframes_with_numbers(report_ko):
    rep, _ = report_ko
    tables = rep.tables()
    assert {
        "headline",
        "results",
        "findings",
        "budget_plan",
        "projection",
        "tornado",
        "sobol",
        "scenarios",
        "attribution",
        "zone_rates",
        "assumptions",
        "sources",
    } <= set(tables)
    assert all(isinstance(t, pd.DataFrame) for t in tables.values())
    results = tables["results"]
    assert results["값"].dtype.kind == "f"
    assert results.set_index("지표").loc["기술이전·출자", "값"] == 209.0
    # A copy: changing it does not change the report.
    tables["results"].iloc[0, 1] = -1.0
    assert rep.tables()["results"].iloc[0, 1] != -1.0
    # Every table shown on the page is one of them.
    shown = set(re.findall(r'data-table="([^"]+)"', rep.html))
    assert shown <= set(tables)
    assert len(rep.assumptions) == len(tables["assumptions"])


def test_to_excel_writes_a_sheet_per_table_atomically(report_ko, tmp_path, monkeypatch):
    import openpyxl

    rep, _ = report_ko
    path = rep.to_excel(tmp_path / "gimhae.xlsx")
    wb = openpyxl.load_workbook(path, read_only=True)
    tables = rep.tables()
    assert wb.sheetnames[0] == "목차"
    assert wb.sheetnames[1:] == [n[:31] for n in tables]
    sheet = wb["results"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == rep.table_titles()["results"]
    assert list(rows[1][: len(tables["results"].columns)]) == list(tables["results"].columns)
    assert rows[2][1] == 209  # numbers stay numbers
    wb.close()
    # A failing write leaves the existing workbook untouched and no temporary file behind.
    before = path.read_bytes()

    def broken(self, *args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(openpyxl.Workbook, "save", broken)
    with pytest.raises(OSError, match="disk full"):
        rep.to_excel(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gimhae.xlsx"]
    with pytest.raises(innozone.InvalidInputError, match="is a directory"):
        rep.to_excel(tmp_path)


def test_report_result_contract(report_ko, tmp_path):
    rep, _ = report_ko
    summary = rep.summary()
    assert isinstance(summary, pd.DataFrame)
    assert summary["section"].tolist()[0] == "summary"
    assert summary["figures"].sum() == rep.html.count("<img")
    frame = rep.to_frame()
    assert len(frame) == len(rep.assumptions)
    assert len(repr(rep)) < 1000 and repr(rep).startswith("<Report: ")
    html_repr = rep._repr_html_()
    assert html_repr.startswith("<div class='innozone-result'>") and "<table" in html_repr
    ax = rep.plot()
    assert len(ax.patches) == 2 * len(rep.sections)
    with pytest.raises(innozone.InvalidInputError, match="is a directory"):
        rep.save(tmp_path)
    with pytest.raises(innozone.InvalidInputError, match="does not exist"):
        rep.save(tmp_path / "missing" / "r.html")
    with pytest.raises(innozone.InvalidInputError, match="basis must be one of"):
        R.Assumption("x", "1", "guess", "none", "summary")
    with pytest.raises(innozone.InvalidInputError, match="confidence must be one of"):
        R.Assumption("x", "1", "assumption", "none", "summary", "certain")


# --------------------------------------------------------------------------- Korean is Korean
_PROPER = {
    # proper nouns and technical abbreviations a Korean text writes in Latin letters
    "innozone",
    "NanumGothic",
    "SIL",
    "OFL",
    "KOTRA",
    "DEXTER",
    "NPV",
    "B/C",
    "P(B/C",
    "S1",
    "ST",
    "Sobol'",
    "ICT",
    "R&BD",
    "PERT",
    "URL",
    "CAGR",
    "Sobol",
}


# numbers with a unit written in Latin letters in Korean too (34.3%p: percentage points)
_UNIT_TOKEN = re.compile(r"^[(+\-–]*[0-9.,]*(%p|km²)[),.;]*$")


def _words(page: str) -> list[str]:
    """Visible words of the page outside citations (class "src": source titles, publishers,
    source ids), elements marked as quoted English (lang="en") and the style sheet."""
    from html.parser import HTMLParser

    class Words(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.stack: list[tuple[str, bool]] = []
            self.words: list[str] = []

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            skip = (
                tag in ("style", "script", "title")
                or "src" in (a.get("class") or "").split()
                or (a.get("lang") == "en" and tag != "html")
            )
            if tag not in ("meta", "br", "img"):
                self.stack.append((tag, skip))

        def handle_endtag(self, tag):
            while self.stack:
                if self.stack.pop()[0] == tag:
                    break

        def handle_data(self, data):
            if not any(skip for _, skip in self.stack):
                self.words += data.split()

    parser = Words()
    parser.feed(page)
    return parser.words


def _foreign_share(page: str, lang: str) -> float:
    """Share of the page's words written in the other language (Hangul in English, Latin
    letters without Hangul in Korean), proper nouns and URLs aside."""
    hangul = re.compile("[\uac00-\ud7a3]")
    latin = re.compile("[A-Za-z]")
    words = [w for w in _words(page) if hangul.search(w) or latin.search(w)]
    if lang == "ko":
        foreign = [
            w
            for w in words
            if latin.search(w)
            and not hangul.search(w)
            and w.strip(".,;:()") not in _PROPER
            and not w.startswith("http")
            and not _UNIT_TOKEN.match(w)
        ]
    else:
        foreign = [w for w in words if hangul.search(w)]
    return len(foreign) / len(words)


def test_korean_report_is_korean(report_ko):
    _rep, path = report_ko
    page = path.read_text(encoding="utf-8")
    assert len(_words(page)) > 1000
    share = _foreign_share(page, "ko")
    assert share < 0.05, share
    # The check can fail: the English report has almost no Korean words, and counted with
    # the Korean rule it is nearly all foreign.
    english = R.build_report("gimhae", lang="en", n_draws=1000).html
    assert _foreign_share(english, "ko") > 0.5


@pytest.mark.parametrize("program", ["changwon", "ansan"])
def test_korean_report_of_other_zones_is_korean(program):
    rep = R.build_report("gangso-zones", program=program, n_draws=1000, lang="ko")
    assert _foreign_share(rep.html, "ko") < 0.05


# --------------------------------------------------------------------------- speed
_FORK_CHECK = """
import json, os, re, sys
if os.environ.get("INNOZONE_DEV_BUILD"):
    sys.path.insert(0, {tests!r})
    import conftest  # noqa: F401  (the development build's extension module)
from innozone import report as R

forks = []
real_fork = os.fork
def counting_fork():
    forks.append(1)
    return real_fork()
os.fork = counting_fork
strip = re.compile("작성일 [0-9-]+")
serial = R.build_report("gangso-zones", program="ansan", n_draws=1000, n_threads=1)
after_serial = len(forks)
parallel = R.build_report("gangso-zones", program="ansan", n_draws=1000, n_threads=2)
after_parallel = len(forks)
parent = os.getpid()
real_render = R.P.render_png
def failing_in_child(fig, **kwargs):
    if os.getpid() != parent:
        raise RuntimeError("child failure")
    return real_render(fig, **kwargs)
R.P.render_png = failing_in_child
again = R.build_report("gangso-zones", program="ansan", n_draws=1000, n_threads=2)
print(json.dumps({{
    "serial_forks": after_serial,
    "parallel_forks": after_parallel - after_serial,
    "same": strip.sub("", parallel.html) == strip.sub("", serial.html),
    "same_after_failure": strip.sub("", again.html) == strip.sub("", serial.html),
    "images": serial.html.count("<img"),
}}))
"""


def test_figures_drawn_in_forked_processes_equal_one_process():
    """Figures are drawn in parallel processes where possible; the page is the same byte
    for byte as when one process draws them, and a failing child's share is redrawn. Run in
    a fresh process: forking is skipped (rightly) while other threads run, as they may in
    the test process."""
    import os
    import sys

    code = _FORK_CHECK.format(tests=str(Path(__file__).resolve().parent))
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env=dict(os.environ),
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["images"] >= 2
    assert result["serial_forks"] == 0
    assert result["parallel_forks"] == 1
    assert result["same"] and result["same_after_failure"]


# --------------------------------------------------------------------------- the font
def test_font_subset_is_cached(tmp_path, monkeypatch):
    monkeypatch.setenv("INNOZONE_CACHE_DIR", str(tmp_path))
    R._FONT_MEMO.clear()
    calls = []
    real = R._subset_woff

    def counting(path, unicodes):
        calls.append(path)
        return real(path, unicodes)

    monkeypatch.setattr(R, "_subset_woff", counting)
    first = R.embedded_font_css("김해 강소특구 보고서")
    assert len(calls) == 2  # regular and bold
    assert len(list((tmp_path / "fonts").glob("*.woff"))) == 2
    R._FONT_MEMO.clear()  # a new process: only the disk cache is left
    assert R.embedded_font_css("김해 강소특구 보고서") == first
    assert len(calls) == 2
    R.embedded_font_css("다른 글자")  # other characters: a new subset
    assert len(calls) == 4


def test_embedded_font_covers_every_character_of_the_page(report_ko):
    """The subset font must hold a glyph for every Hangul syllable the page shows, so the
    page renders Hangul on a machine without any Korean font (the CI machine has none)."""
    import io
    import unicodedata

    from fontTools.ttLib import TTFont

    _rep, path = report_ko
    page = path.read_text(encoding="utf-8")
    fonts = re.findall(r"url\(data:font/woff;base64,([^)]+)\)", page)
    visible = R._visible_text(page)
    hangul = {ch for ch in visible if "HANGUL" in unicodedata.name(ch, "")}
    assert len(hangul) > 200
    for data in fonts:
        cmap = TTFont(io.BytesIO(base64.b64decode(data))).getBestCmap()
        assert sorted(ch for ch in hangul if ord(ch) not in cmap) == []
        # a subset: far fewer glyphs than the 17,000-character NanumGothic
        assert len(cmap) < 2000


# --------------------------------------------------------------------------- browser
def test_report_loads_in_headless_chromium(report_ko):
    rep, path = report_ko
    result = _browser_check(path)
    assert result["errors"] == []
    assert result["images"] == path.read_text(encoding="utf-8").count("<img")
    assert result["decoded"] == result["images"]
    assert result["hangul"] is True
    assert sorted({s for _, _, s in result["faces"]}) == ["loaded"]
    assert result["headings"] == [s.heading for s in rep.sections]


def test_report_screenshot_shows_the_page(report_ko, tmp_path):
    _, path = report_ko
    shot = tmp_path / "report.png"
    done = _chromium(
        f"--screenshot={shot}",
        "--window-size=1280,1800",
        "--virtual-time-budget=15000",
        path.as_uri(),
    )
    assert done.returncode == 0, done.stderr[-2000:]
    img = mpimg.imread(shot)
    assert img.shape[:2] == (1800, 1280)
    # The header band is the report's blue (#0072B2), i.e. the inline CSS applied.
    header = np.median(img[4:20, 20:1260, :3].reshape(-1, 3), axis=0)  # above the title text
    np.testing.assert_allclose(header, np.array([0x00, 0x72, 0xB2]) / 255, atol=0.03)
    # Below the header the page holds text, cards and tables, not a blank or error page:
    # a few percent of the pixels are ink, some of them the blue of the headline figures.
    body = img[300:1800, :, :3]
    assert (body.min(axis=2) < 0.9).mean() > 0.02
    blue = np.abs(body - np.array([0x00, 0x72, 0xB2]) / 255).max(axis=2) < 0.1
    assert blue.mean() > 0.0005
    shutil.copy(shot, path.with_name("gimhae-report-screenshot.png"))
