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

import innozone
import numpy as np
import pytest
from innozone import report as R
from matplotlib import image as mpimg

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
    rep = R.build_report("gimhae", lang="ko", n_draws=N_DRAWS, progress=False)
    path = rep.save(folder / "gimhae-report.html")
    return rep, path


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


def test_report_sections_and_key_figures(report_ko):
    rep, path = report_ko
    ids = [sid for sid, _, _ in rep.sections]
    assert ids == ["summary", "phase1", "phase2", "appraisal", "dexter", "zones", "efficiency",
                   "assumptions"]
    page = path.read_text(encoding="utf-8")
    # Figures of the source article that the phase-1 section must carry (seed-facts.md).
    for figure in ("209", "1,030", "2,566", "1,113", "319", "180"):
        assert figure in page
    # The checker's finding about 184 firms called 92 % of 319 (184 / 319 = 57.7 %).
    assert "57.7" in page
    # DEXTER: 430,000 of 2,500,000 KRW is a 17.2 % company share.
    assert "17.2" in page
    # Every assumption is listed in the appendix with its basis.
    assert rep.assumptions
    assert {a.basis for a in rep.assumptions} <= {"sourced", "derived", "assumption"}


def test_report_english_headings(tmp_path):
    rep = R.build_report("gimhae", lang="en", n_draws=N_DRAWS, progress=False)
    headings = [h for _, h, _ in rep.sections]
    assert headings[0].startswith("Summary")
    assert 'lang="en"' in rep.html
    zones = {sid: body for sid, _, body in rep.sections}["zones"]
    assert "<td>Changwon</td>" in zones and "<td>창원</td>" not in zones


def test_report_bad_arguments():
    with pytest.raises(innozone.InvalidInputError, match="lang"):
        R.build_report("gimhae", lang="fr", progress=False)
    with pytest.raises(innozone.InvalidInputError, match="n_draws"):
        R.build_report("gimhae", n_draws=10, progress=False)


# --------------------------------------------------------------------------- browser
def test_report_loads_in_headless_chromium(report_ko):
    rep, path = report_ko
    result = _browser_check(path)
    assert result["errors"] == []
    assert result["images"] == path.read_text(encoding="utf-8").count("<img")
    assert result["decoded"] == result["images"]
    assert result["hangul"] is True
    assert sorted({s for _, _, s in result["faces"]}) == ["loaded"]
    assert result["headings"] == [h for _, h, _ in rep.sections]


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
    # Below the header the page holds text and figures, not a blank or error page.
    body = img[300:1800, :, :3]
    assert body.std() > 0.1
    shutil.copy(shot, path.with_name("gimhae-report-screenshot.png"))


# --------------------------------------------------------------------------- own program
def _own_program(tmp_path: Path) -> Path:
    """A researcher's own program file: the Gimhae zone's data under another id and name,
    without DEXTER (so the report must say what it cannot compute)."""
    from innozone.program import load

    data = load("gimhae").to_dict()
    zone = next(p for p in data["programs"] if p["id"] == "gimhae-gangso")
    zone["id"] = "my-zone"
    zone["name"] = {"ko": "우리 지역 특구", "en": "Our regional zone"}
    data["programs"] = [zone]
    data["dataset"] = {
        "id": "my-zone",
        "title": {"ko": "우리 특구", "en": "Our zone"},
        "description": "test copy",
    }
    path = tmp_path / "my-zone.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_report_on_own_program_file_via_cli(tmp_path, capsys):
    from innozone.cli import main

    src = _own_program(tmp_path)
    out = tmp_path / "own.html"
    status = main(
        ["report", str(src), "-o", str(out), "--lang", "en", "--draws", "1000", "--no-progress"]
    )
    assert status == 0
    assert capsys.readouterr().out.strip() == str(out)
    page = out.read_text(encoding="utf-8")
    assert "Our zone: analysis report" in page
    # Phase-1 results and findings come from the file itself.
    assert "1,113" in page and "57.7" in page
    # No calibrated model and no co-paid support program: said, not faked.
    assert "No calibrated outcome model exists for this program" in page
    assert "The data holds no support program with participant co-payments" in page
    assert page.count('class="box gap"') == 3  # projection, NPV/B-C, DEXTER


def test_cli_report_reports_a_missing_file(tmp_path, capsys):
    from innozone.cli import main

    status = main(
        ["report", str(tmp_path / "nope.json"), "-o", str(tmp_path / "x.html"), "--no-progress"]
    )
    assert status == 2
    assert "nope.json" in capsys.readouterr().err
    assert not (tmp_path / "x.html").exists()


def test_report_summary_assumptions_and_save_errors(report_ko, tmp_path):
    rep, _ = report_ko
    summary = rep.summary()
    assert summary["section"].tolist()[0] == "summary"
    assert summary["figures"].sum() == rep.html.count("<img")
    frame = rep.to_frame()
    assert len(frame) == len(rep.assumptions)
    # The example targets are never presented as published figures.
    targets = frame[frame["name"].str.startswith("예시 목표")]
    assert len(targets) == 4 and set(targets["basis"]) == {"assumption"}
    with pytest.raises(innozone.InvalidInputError, match="is a directory"):
        rep.save(tmp_path)
    with pytest.raises(innozone.InvalidInputError, match="does not exist"):
        rep.save(tmp_path / "missing" / "r.html")
    with pytest.raises(innozone.InvalidInputError, match="basis must be one of"):
        R.Assumption("x", "1", "guess", "none", "summary")
    assert "<ol>" in rep._repr_html_()


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
