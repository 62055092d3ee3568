"""The command line: ``python -m innozone summary gimhae`` and the subcommand registry.

Expected derived figures (seed-facts.md): CAGR (319/121)^(1/4) - 1 = 27.4 %, (44+76)/209 =
0.574, 90/180 = 50 %, 430,000/2,500,000 = 17.2 % (subsidy 82.8 %), 550/70 = 7.86.
"""

from __future__ import annotations

import argparse
import runpy
import sys
from pathlib import Path

import pytest

from innozone import cli

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "programs" / "gimhae-mini.json"


def test_summary_gimhae_prints_tables_figures_and_findings(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["summary", "gimhae"]) == 0
    out = capsys.readouterr().out
    # phase-1 results
    for text in ("Results of phase-1 (2020-2024", "209 cases", "44 firms", "76 firms", "1,030억원",
                 "2,566억원", "1,113 persons"):
        assert text in out, text
    # phase-2 plan: total, national, the part not itemised, components
    plan = out[out.index("Plan of phase-2"):]
    assert "180억원" in plan and "90억원" in plan and "not itemised" in plan
    assert "Company-tailored support" in plan
    # derived figures
    figures = out[out.index("Derived figures"):]
    for text in ("27.4 % a year", "(319/121)^(1/4) - 1", "0.574 firms/case", "(44 + 76) / (209)",
                 "50.0 %", "17.2 %", "82.8 %", "7.86 products/firm"):
        assert text in figures, text
    # checker findings with their numbers
    findings = out[out.index("Consistency findings"):]
    assert "share_mismatch" in findings and "states 92 %" in findings and "57.7 %" in findings
    assert "growth_mismatch" in findings and "states 164 %" in findings and "163.6 %" in findings


def test_summary_accepts_a_path_and_a_program_filter(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["summary", str(FIXTURE), "--program", "gimhae-gangso", "--lang", "ko"]) == 0
    out = capsys.readouterr().out
    assert "기술이전·출자" in out
    assert "dexter" not in out
    assert "27.4 % a year" in out
    assert "Consistency findings: 2 (1 errors, 0 warnings, 1 info)" in out


def test_bad_input_exits_with_status_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert cli.main(["summary", "no-such-dataset"]) == 2
    assert "no embedded dataset 'no-such-dataset'" in capsys.readouterr().err
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": 2, "sources": [], "programs": []}', encoding="utf-8")
    assert cli.main(["summary", str(bad)]) == 2
    assert "(at /schema_version)" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        cli.main([])


def test_python_dash_m_runs_the_same_command(capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
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
