"""The command line: ``python -m innozone summary gimhae`` and the subcommand registry.

Expected derived figures (seed-facts.md): CAGR (319/121)^(1/4) - 1 = 27.4 %, (44+76)/209 =
0.574, 90/180 = 50 %, 430,000/2,500,000 = 17.2 % (subsidy 82.8 %), 550/70 = 7.86.
"""

from __future__ import annotations

import argparse
import re
import runpy
import sys
from pathlib import Path

import pytest

from innozone import cli

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "programs" / "gimhae-mini.json"
HANGUL = re.compile("[\uac00-\ud7a3]")


def test_summary_gimhae_prints_tables_figures_and_findings(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli.main(["summary", "gimhae", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    # phase-1 results
    for text in (
        "Results of Phase 1 (2020-2024",
        "209 cases",
        "44 firms",
        "76 firms",
        "KRW 103.0 bn",
        "KRW 256.6 bn",
        "1,113 persons",
    ):
        assert text in out, text
    # phase-2 plan: total, national, the part not itemised, components
    plan = out[out.index("Plan of Phase 2") :]
    assert "KRW 18.0 bn" in plan and "KRW 9.0 bn" in plan and "not itemised" in plan
    assert "Company-tailored support" in plan
    # derived figures
    figures = out[out.index("Derived figures") :]
    for text in (
        "27.4 % a year",
        "(319/121)^(1/4) - 1",
        "0.574 firms/case",
        "(44 + 76) / (209)",
        "50.0 %",
        "17.2 %",
        "82.8 %",
        "7.86 products/firm",
    ):
        assert text in figures, text
    # checker findings with their numbers
    findings = out[out.index("Consistency findings") :]
    assert "share mismatch" in findings and "states 92 %" in findings and "57.7 %" in findings
    assert "growth mismatch" in findings and "states 164 %" in findings and "163.6 %" in findings
    # English output is English
    assert not HANGUL.search(out.split("\n", 2)[2]), "Hangul in the English summary"


def _latin_words(text: str, ids: set[str]) -> list[str]:
    """Words of Latin letters left in ``text`` once identifiers (program, phase, indicator
    ids shown in brackets and paths) and allowed abbreviations are removed."""
    for token in sorted(ids | {"CAGR", "KOTRA", "K"}, key=len, reverse=True):
        text = re.sub(rf"(?<![A-Za-z-]){re.escape(token)}(?![A-Za-z-])", " ", text)
    return re.findall(r"[A-Za-z]{2,}", text)


def test_summary_in_korean_uses_the_registry(capsys: pytest.CaptureFixture[str]) -> None:
    import innozone

    with innozone.options.context(lang="ko"):  # --lang defaults to innozone.options.lang
        assert cli.main(["summary", "gimhae"]) == 0
    out = capsys.readouterr().out
    for text in (
        "1단계 성과 (2020-2024, 완료)",
        "209건",
        "44개",
        "1,030억원",
        "1,113명",
        "2단계 계획 (2025-2029, 계획)",
        "180억원",
        "미구분",
        "디지털 헬스케어",
        "계산한 수치",
        "27.4 %/년",
        "0.574 개/건",
        "(44 + 76) / (209)",
        "17.2 %",
        "7.86 개/기업",
        "자료 일관성 점검: 8건 (오류 1건, 경고 0건, 참고 7건)",
        "[오류] 비율 불일치",
        "발표값 92 %",
        "57.7 %",
    ):
        assert text in out, text
    document = innozone.load("gimhae")
    ids = {p.id for p in document.programs}
    for program in document.programs:
        ids |= set(program.indicators["indicator"]) | set(program.phases["phase"])
    left = _latin_words(out, ids)
    assert left == [], f"English words in the Korean summary: {sorted(set(left))}"
    # and the negative control: the English summary is caught by the same rule
    assert cli.main(["summary", "gimhae", "--lang", "en"]) == 0
    assert len(_latin_words(capsys.readouterr().out, ids)) > 100


def test_summary_accepts_a_path_and_a_program_filter(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["summary", str(FIXTURE), "--program", "gimhae-gangso", "--lang", "ko"]) == 0
    out = capsys.readouterr().out
    assert "기술이전·출자" in out
    assert "dexter" not in out
    assert "27.4 %/년" in out
    assert "자료 일관성 점검: 2건 (오류 1건, 경고 0건, 참고 1건)" in out


def test_bad_input_exits_with_status_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert cli.main(["summary", "no-such-dataset"]) == 2
    assert "no embedded dataset 'no-such-dataset'" in capsys.readouterr().err
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": 2, "sources": [], "programs": []}', encoding="utf-8")
    assert cli.main(["summary", str(bad)]) == 2
    assert "(at /schema_version)" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        cli.main([])


def test_python_dash_m_runs_the_same_command(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "argv", ["innozone", "datasets"])
    with pytest.raises(SystemExit) as info:
        runpy.run_module("innozone", run_name="__main__")
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert "gimhae" in out and "gangso-zones" in out


def test_a_new_subcommand_is_one_register_call(capsys: pytest.CaptureFixture[str]) -> None:
    def configure(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("word")

    def run(args: argparse.Namespace) -> int:
        print(f"echo {args.word}")
        return 3

    cli.register("echo-test", "repeat a word", configure, run)
    try:
        assert cli.main(["echo-test", "hello"]) == 3
        assert capsys.readouterr().out == "echo hello\n"
        with pytest.raises(cli.InvalidInputError, match="already registered"):
            cli.register("echo-test", "again", configure, run)
    finally:
        del cli._COMMANDS["echo-test"]
    assert "echo-test" not in cli.build_parser().format_help()
