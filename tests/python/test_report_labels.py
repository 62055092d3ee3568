"""Tests of the bilingual label registry (innozone._labels): every text in both languages,
Korean texts in Korean and English ones in English, the data notes translated, checker
findings composed in Korean, numbers with units."""

from __future__ import annotations

import re

import pytest

import innozone
from innozone import _labels as L

HANGUL = re.compile("[\uac00-\ud7a3]")
# Texts that are the same in both languages: symbols, units and format-only templates.
_NEUTRAL = {
    "unit.%",
    "unit.%p",
    "unit.km2",
    "unit.-",
    "finding.text_generic",
    "report.dist_fixed",
    "report.card.years",
    "report.fig.cagr_phase",
    "report.col.p_bc",
    "report.unmodelled_item",
    "cli.unit.percent",
}


def test_every_text_in_both_languages_korean_in_korean_english_in_english():
    registered = L.keys()
    assert len(registered) > 400
    for key in registered:
        ko = L.label(key, "ko") if "{" not in L._LABELS[key][0] else L._LABELS[key][0]
        en = L._LABELS[key][1]
        assert ko and en, key
        assert not HANGUL.search(en), (key, en)
        if key not in _NEUTRAL:
            assert HANGUL.search(ko), (key, ko)
        # the same placeholders in both languages
        assert set(re.findall(r"{(\w+)", ko)) == set(re.findall(r"{(\w+)", en)), key


def test_every_note_of_the_embedded_datasets_has_a_korean_translation():
    for name in ("gimhae", "gangso-zones"):
        for program in innozone.load(name).programs:
            for text in program.notes["text"]:
                korean, translated = L.note_text(text, "ko")
                assert translated, (program.id, text)
                assert HANGUL.search(korean)
                assert L.note_text(text, "en") == (text, True)
    # A user's own note stays as written, flagged as not translated.
    assert L.note_text("our own remark", "ko") == ("our own remark", False)


def test_checker_findings_are_composed_in_korean():
    for name in ("gimhae", "gangso-zones"):
        findings = innozone.load(name).check()
        assert len(findings) > 0
        for _, row in findings.iterrows():
            text = L.finding_text(row, "ko", indicator_name="지표")
            assert HANGUL.search(text), text
            assert "{" not in text and "nan" not in text.lower(), text
            assert L.finding_text(row, "en") == row["message"]
    findings = innozone.load("gimhae").check()
    share = findings[findings["kind"] == "share_mismatch"].iloc[0]
    text = L.finding_text(share, "ko", indicator_name="업력 4년 이상 기업 비율")
    assert "발표값 92 %" in text and "57.7 %" in text and "34.3 %p" in text
    superseded = findings[findings["kind"] == "superseded"].iloc[0]
    text = L.finding_text(superseded, "ko", indicator_name="기술이전·출자")
    # the earlier figure is replaced by the later one
    assert text.index(f"{superseded['stated']:g}") < text.index(f"{superseded['computed']:g}")


def test_units_confidence_and_quantities():
    assert [L.unit_label(u, "ko") for u in ("cases", "firms", "persons", "억원")] == [
        "건",
        "개",
        "명",
        "억원",
    ]
    assert [L.confidence_label(c, "ko") for c in ("high", "medium", "low")] == [
        "높음",
        "보통",
        "낮음",
    ]
    assert L.quantity(1113, "persons", "ko") == "1,113명"
    assert L.quantity(1113, "persons", "en") == "1,113 persons"
    assert L.quantity(1030, "억원", "ko") == "1,030억원"
    assert L.quantity(1030, "억원", "en") == "KRW 103.0 bn"
    assert L.quantity(float("nan"), "firms", "ko") == "–"
    assert L.unit_label("parsecs", "ko") == "parsecs"  # unknown units unchanged
    assert L.label("model.jobs", "ko") == "일자리"
    assert L.label("input.jobs_per_firm", "ko") == "생존 기업당 일자리"
    assert L.label("scenario.front_loaded", "ko") == "초기 집중 배분"


def test_lang_none_uses_the_package_option():
    with innozone.options.context(lang="ko"):
        assert L.label("confidence.low") == "낮음"
    assert L.label("confidence.low") == "low"


def test_errors_name_the_key_the_field_and_the_language():
    with pytest.raises(innozone.NotFoundError, match="no label 'unit.parsec'.*unit.cases"):
        L.label("unit.parsec", "en")
    with pytest.raises(innozone.InvalidInputError, match="needs the field 'lo'"):
        L.label("band", "en", hi=95)
    with pytest.raises(innozone.InvalidInputError, match="lang must be 'en' or 'ko'"):
        L.label("year", "fr")
    assert L.label_or("model.patents", "patents", "ko") == "patents"


def test_add_labels_for_your_own_model():
    L.add_labels({"model.test_patents": ("특허", "Patents")})
    try:
        assert L.label("model.test_patents", "ko") == "특허"
        with pytest.raises(innozone.InvalidInputError, match="already registered"):
            L.add_labels({"model.test_patents": ("특허권", "Patent rights")})
        with pytest.raises(innozone.InvalidInputError, match="Korean, English"):
            L.add_labels({"model.other": ("특허",)})  # type: ignore[dict-item]
    finally:
        L._LABELS.pop("model.test_patents", None)
