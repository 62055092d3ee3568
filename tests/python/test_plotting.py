"""Tests of innozone.plotting: the Hangul font, the style, labels and the chart functions."""

from __future__ import annotations

import io
import unicodedata
import warnings

import matplotlib as mpl
import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import PolyCollection
from matplotlib.container import BarContainer
from matplotlib.figure import Figure
from matplotlib.ft2font import FT2Font
from matplotlib.patches import Rectangle

import innozone
from innozone import plotting as P

# Hangul terms that the package writes into figures beyond the label table (zone names,
# indicator names of the Gimhae data, units). Source of the terms: shared/seed-facts.md.
DOMAIN_TERMS = (
    "김해 의생명·의료기기 강소연구개발특구 기술이전·출자 연구소기업 설립 기술창업 투자 연계액 "
    "매출액 의생명산업 기업 수 총사업비 국비 억원 만원 백만원 덱스터 디지털무역종합지원센터 "
    "기업 부담금 안산 진주 창원 포항 청주 구미 홍릉 울주 나주 군산 천안·아산 인천 서구 춘천 "
    "전자약 디지털헬스케어 백병원 병원 구매조건부 사업 맞춤형 지원 홍보 강화 일자리 생존율 "
    "순현재가치 편익비용비 할인율 시나리오 예산 삭감 재배분 파급효과 생산유발 부가가치 취업유발"
)

YEARS = list(range(2025, 2030))


def _hangul(text: str) -> set[str]:
    return {ch for ch in text if "HANGUL" in unicodedata.name(ch, "")}


def _png(ax) -> bytes:
    buf = io.BytesIO()
    ax.figure.savefig(buf, format="png")
    return buf.getvalue()


def _fan_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            0.05: [10, 20, 30, 40, 50],
            0.25: [14, 28, 42, 56, 70],
            0.5: [16, 32, 48, 64, 80],
            0.75: [18, 36, 54, 72, 90],
            0.95: [22, 44, 66, 88, 110],
            "mean": [16, 32, 48, 64, 80],
        },
        index=YEARS,
    )


# --------------------------------------------------------------------------- the font
def test_font_files_are_found_without_importing_koreanize():
    import sys

    files = P.hangul_font_files()
    assert [f.name for f in files] == list(P._FONT_FILES)
    assert all(f.stat().st_size > 1_000_000 for f in files)  # full Hangul fonts, ~4.6 MB
    # find_spec locates the files; the package itself (which sets global rcParams and
    # imports distutils, gone in Python 3.12) must not have been imported.
    assert "koreanize_matplotlib" not in sys.modules


def test_font_has_every_hangul_glyph_used_in_labels():
    from innozone import _labels

    ko_labels = "".join(ko for ko, _ in _labels._LABELS.values())
    ko_labels += "".join(_labels.NOTES_KO.values())
    needed = _hangul(ko_labels) | _hangul(DOMAIN_TERMS)
    assert len(needed) > 100  # the check covers a real set of syllables
    charmap = FT2Font(str(P.hangul_font_files()[0])).get_charmap()
    missing = sorted(ch for ch in needed if ord(ch) not in charmap)
    assert missing == []
    # And the bold face used for titles.
    bold = FT2Font(str(P.hangul_font_files()[1])).get_charmap()
    assert sorted(ch for ch in needed if ord(ch) not in bold) == []


def test_registered_family_resolves_to_the_bundled_file():
    family = P.register_fonts()
    assert family == P.HANGUL_FONT_FAMILY
    path = mpl.font_manager.findfont(
        mpl.font_manager.FontProperties(family=family), fallback_to_default=False
    )
    assert path.endswith("NanumGothic.ttf")


def test_korean_label_renders_without_missing_glyph_warning():
    text = "김해 강소특구 2단계 예산 (억원) −5 % " + DOMAIN_TERMS[:60]
    with P.style():
        fig = Figure()
        ax = fig.add_subplot()
        ax.set_title(text)
        ax.set_xlabel("연도")
        ax.plot([-3, 2], [-1, 4])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(io.BytesIO(), format="png")
    assert [str(w.message) for w in caught if "missing from font" in str(w.message)] == []


def test_without_the_style_hangul_is_missing_so_the_check_can_fail():
    # Negative control: with matplotlib's default DejaVu Sans the same title warns.
    with mpl.rc_context({"font.family": ["DejaVu Sans"]}):
        fig = Figure()
        ax = fig.add_subplot()
        ax.set_title("김해")
    with pytest.warns(UserWarning, match="missing from font"):
        fig.savefig(io.BytesIO(), format="png")


def test_style_does_not_leak_into_global_rcparams():
    before = mpl.rcParams["font.family"]
    P.fan_chart(_fan_frame(), lang="ko")
    with P.style():
        assert mpl.rcParams["font.family"][0] == P.HANGUL_FONT_FAMILY
    assert mpl.rcParams["font.family"] == before


def test_chart_on_callers_axes_made_outside_the_style_renders_hangul():
    fig = Figure()  # made with the default (DejaVu) style
    ax = fig.add_subplot()
    P.stacked_bars(
        pd.DataFrame({"national": [18.0] * 5}, index=YEARS), title="2단계 예산", ax=ax, lang="ko"
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        _png(ax)
    assert [str(w.message) for w in caught if "missing from font" in str(w.message)] == []


# --------------------------------------------------------------------------- labels
def test_labels_in_both_languages():
    assert P.label("national", "ko") == "국비"
    assert P.label("national", "en") == "National"
    assert P.label("band", "en", lo=5, hi=95) == "5–95 % band"
    assert P.bilingual("target", "ko") == "목표 (Target)"
    assert P.bilingual("target", "en") == "Target (목표)"
    from innozone import _labels

    assert all(ko and en for ko, en in _labels._LABELS.values())


def test_lang_none_follows_the_package_option():
    with innozone.options.context(lang="ko"):
        assert P.label("national") == "국비"
        ax = P.funnel_chart({"a": 10.0, "b": 5.0})
        assert ax.get_title(loc="left") == "성과 깔때기"
    assert P.label("national") == "National"  # the default, "en"
    assert P.funnel_chart({"a": 10.0, "b": 5.0}).get_title(loc="left") == "Conversion funnel"


def test_label_errors_name_the_bad_argument():
    with pytest.raises(innozone.InvalidInputError, match="lang must be 'en' or 'ko'"):
        P.label("year", "fr")
    with pytest.raises(innozone.NotFoundError, match="no label 'nope'"):
        P.label("nope", "en")
    with pytest.raises(innozone.InvalidInputError, match="lang"):
        P.funnel_chart({"a": 1.0}, lang="de")
    with pytest.raises(innozone.InvalidInputError, match="ax must be a matplotlib Axes"):
        P.funnel_chart({"a": 1.0}, ax="not axes")


# --------------------------------------------------------------------------- charts
def test_fan_chart_bands_median_target_and_probability():
    ax = P.fan_chart(
        _fan_frame(),
        target={2027: 50.0, 2029: 70.0},
        observed=pd.Series([5.0, 8.0, 12.0], index=[2022, 2023, 2024]),
        probability=0.43,
        title="창업",
        lang="ko",
    )
    bands = [c for c in ax.collections if isinstance(c, PolyCollection)]
    assert len(bands) == 2  # 5-95 and 25-75
    labels = [line.get_label() for line in ax.get_lines()]
    assert labels == ["중앙값", "실적", "목표"]
    median = ax.get_lines()[0]
    np.testing.assert_allclose(median.get_ydata(), [16, 32, 48, 64, 80])
    np.testing.assert_allclose(ax.get_lines()[2].get_ydata(), [50.0, 70.0])
    assert any("43 %" in t.get_text() for t in ax.texts)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "5–95% 구간" in legend
    assert len(_png(ax)) > 1000


def test_fan_chart_constant_target_is_a_horizontal_line():
    ax = P.fan_chart(_fan_frame()[[0.1 * 0 + 0.05, 0.5, 0.95]], target=70.0)
    target = ax.get_lines()[-1]
    assert target.get_label() == "Target"
    assert list(target.get_ydata()) == [70.0, 70.0]


def test_fan_chart_rejects_bad_input():
    with pytest.raises(innozone.InvalidInputError, match="no quantile columns"):
        P.fan_chart(pd.DataFrame({"mean": [1.0]}, index=[2025]))
    with pytest.raises(innozone.InvalidInputError, match="outside"):
        P.fan_chart(pd.DataFrame({1.5: [1.0]}, index=[2025]))
    with pytest.raises(innozone.InvalidInputError, match="probability"):
        P.fan_chart(_fan_frame(), probability=1.2)


def test_funnel_chart_bars_and_conversions():
    stages = pd.Series({"기술이전·출자": 209.0, "기업 설립": 120.0, "생존 기업": 90.0})
    ax = P.funnel_chart(stages, unit="건", lang="ko")
    bars = [p for p in ax.patches if isinstance(p, Rectangle)]
    assert [b.get_width() for b in bars] == [209.0, 120.0, 90.0]
    # centred: left edge = -width / 2
    assert [b.get_x() for b in bars] == [-104.5, -60.0, -45.0]
    texts = [t.get_text() for t in ax.texts]
    assert texts[1] == "120 건  (전 단계 대비 57 %)"  # 120 / 209 = 57.4 %
    assert texts[2] == "90 건  (전 단계 대비 75 %)"
    assert [t.get_text() for t in ax.get_yticklabels()] == list(stages.index)


def test_funnel_chart_rejects_negative():
    with pytest.raises(innozone.InvalidInputError, match="bad stages"):
        P.funnel_chart({"a": 3.0, "b": -1.0})


def test_stacked_bars_heights_totals_and_hatching():
    frame = pd.DataFrame({"national": [18.0] * 5, "not_itemised": [18.0] * 5}, index=YEARS)
    ax = P.stacked_bars(frame, lang="ko")
    bars = ax.patches
    assert len(bars) == 10
    assert [b.get_height() for b in bars] == [18.0] * 10
    assert [b.get_y() for b in bars[5:]] == [18.0] * 5  # second part stacked on the first
    assert bars[5].get_hatch() == "///"
    assert [t.get_text() for t in ax.texts] == ["36"] * 5
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["국비", "미구분"]
    assert ax.get_ylabel() == "예산 (억원)"


def test_stacked_bars_negative_value_names_row_and_column():
    frame = pd.DataFrame({"national": [1.0, -2.0]}, index=[2025, 2026])
    with pytest.raises(innozone.InvalidInputError, match="row 2026, column 'national'"):
        P.stacked_bars(frame)


def test_tornado_sorted_by_swing():
    frame = pd.DataFrame(
        {"low": [95.0, 80.0, 90.0], "high": [101.0, 120.0, 105.0], "base": 100.0},
        index=["전환율", "예산 탄력성", "생존율"],
    )
    ax = P.tornado(frame, lang="ko")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["전환율", "생존율", "예산 탄력성"]
    low_bars = ax.patches[:3]
    high_bars = ax.patches[3:]
    assert [b.get_width() for b in low_bars] == [-5.0, -10.0, -20.0]
    assert [b.get_width() for b in high_bars] == [1.0, 5.0, 20.0]
    assert all(b.get_x() == 100.0 for b in ax.patches)


def test_tornado_max_bars_and_errors():
    frame = pd.DataFrame({"low": np.arange(20.0), "high": np.arange(20.0) * 3})
    ax = P.tornado(frame, base=0.0, max_bars=5)
    assert len(ax.patches) == 10
    with pytest.raises(innozone.InvalidInputError, match="'high'"):
        P.tornado(pd.DataFrame({"low": [1.0]}), base=0.0)
    with pytest.raises(innozone.InvalidInputError, match="base"):
        P.tornado(pd.DataFrame({"low": [1.0], "high": [2.0]}))


def test_sobol_bars_with_confidence_intervals():
    frame = pd.DataFrame(
        {
            "S1": [0.31, 0.44, 0.0],
            "ST": [0.56, 0.44, 0.24],
            "S1_conf": [0.02, 0.03, 0.01],
            "ST_conf": [0.03, 0.02, 0.02],
        },
        index=["x1", "x2", "x3"],
    )
    ax = P.sobol_bars(frame, lang="en")
    assert len(ax.patches) == 6
    st_bars = ax.patches[:3]
    assert [b.get_width() for b in st_bars] == [0.24, 0.44, 0.56]  # sorted by ST
    bars = [c for c in ax.containers if isinstance(c, BarContainer)]
    assert len(bars) == 2 and all(c.errorbar is not None for c in bars)
    with pytest.raises(innozone.InvalidInputError, match="'ST'"):
        P.sobol_bars(pd.DataFrame({"S1": [0.1]}))


def test_zone_comparison_highlight_confidence_and_missing():
    frame = pd.DataFrame(
        {"tech": [209.0, 104.0, np.nan, 61.0], "confidence": ["high", "high", "low", "medium"]},
        index=["김해", "창원", "군산", "포항"],
    )
    ax = P.zone_comparison(frame, "tech", highlight="김해", lang="ko")
    assert len(ax.patches) == 3  # 군산 has no value and no bar
    assert "자료 없음" in [t.get_text() for t in ax.texts]
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert ticks == ["군산", "포항", "창원", "김해"]
    gimhae_bar = ax.patches[-1]
    assert mpl.colors.to_hex(gimhae_bar.get_facecolor()) == P.COLORS["accent"].lower()
    assert ax.patches[0].get_alpha() == 0.6  # 포항: medium confidence
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["신뢰도: 높음", "신뢰도: 보통", "신뢰도: 낮음"]
    assert len(_png(ax)) > 1000


def test_zone_comparison_errors():
    frame = pd.DataFrame({"v": [1.0], "confidence": ["sure"]}, index=["a"])
    with pytest.raises(innozone.InvalidInputError, match="no column 'x'"):
        P.zone_comparison(frame, "x")
    with pytest.raises(innozone.InvalidInputError, match="unknown levels"):
        P.zone_comparison(frame, "v")


def test_new_axes_headless_figures_are_not_kept_by_pyplot():
    import matplotlib.pyplot as plt

    assert str(mpl.get_backend()).lower() == "agg"  # the test run is headless
    before = plt.get_fignums()
    ax = P.funnel_chart({"a": 2.0, "b": 1.0})
    assert ax.figure.canvas.manager is None  # a bare Figure: nothing to leak
    assert plt.get_fignums() == before


def test_new_axes_uses_pyplot_where_figures_are_shown(monkeypatch):
    # In Jupyter (inline backend) or a GUI, the package's figures must be pyplot figures
    # so that they display; simulate the inline backend's name.
    import matplotlib.pyplot as plt

    monkeypatch.setattr(mpl, "get_backend", lambda: "module://matplotlib_inline.backend_inline")
    ax = P.funnel_chart({"a": 2.0, "b": 1.0})
    try:
        assert ax.figure.number in plt.get_fignums()
    finally:
        plt.close(ax.figure)


def test_style_keeps_interactive_mode_switched_on_inside():
    # IPython switches interactive mode on when pyplot is first imported, which can happen
    # inside the style (the first package plot of a notebook). Restoring the old value on
    # exit would stop every later figure of the notebook from displaying.
    was = mpl.is_interactive()
    try:
        mpl.interactive(False)
        with P.style():
            mpl.interactive(True)
        assert mpl.is_interactive()
    finally:
        mpl.interactive(was)


# --------------------------------------------------------------------------- speed
def test_render_png_draws_each_figure_once(monkeypatch):
    """The report renders each figure with one draw (the constrained layout runs inside
    it); savefig on a figure with a layout engine draws twice."""
    ax = P.fan_chart(_fan_frame(), target=60.0, lang="ko")
    fig = ax.figure
    dpi_before = fig.dpi
    draws = []
    original = Figure.draw

    def counting(self, renderer):
        draws.append(renderer)
        return original(self, renderer)

    monkeypatch.setattr(Figure, "draw", counting)
    png = P.render_png(fig, dpi=50)
    assert len(draws) == 1
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    image = mpl.image.imread(io.BytesIO(png))
    w, h = fig.get_size_inches()
    assert image.shape[:2] == (round(h * 50), round(w * 50))
    assert fig.dpi == dpi_before  # the figure is left as it was
    draws.clear()
    fig.savefig(io.BytesIO(), format="png")
    assert len(draws) == 2  # the reason render_png exists
    # The style no longer asks savefig for a tight bounding box (a third draw).
    assert "savefig.bbox" not in P._rc()


def test_plotting_defers_matplotlib_to_drawing_time():
    """plotting.py has no module-level matplotlib import (lazy imports keep
    ``import innozone`` light); charts import it when they draw."""
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(P))
    top = []
    for node in tree.body:
        if isinstance(node, ast.Import):
            top += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            top.append(node.module)
    assert top, "the module has imports"
    assert not [m for m in top if m.split(".")[0] in ("matplotlib", "cycler", "PIL")]
