"""Golden files of every result class's repr and Jupyter HTML.

Each exported result class has one example (result_examples.py, fixed inputs and seeds); its
``repr()`` and ``_repr_html_()`` must equal the files stored in tests/data/golden, so a change
in what a user sees in a terminal or a notebook is a visible, reviewed change of those files.
After an intended change, rewrite them with

    INNOZONE_UPDATE_GOLDEN=1 python -m pytest tests/python/test_golden.py

and review the diff. The HTML is compared after removing the ids that Jupyter/pandas make
unique per call (none are expected: the shared renderer writes none) and trailing spaces.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import pytest

import result_examples

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "golden"
UPDATE = os.environ.get("INNOZONE_UPDATE_GOLDEN") == "1"
CLASSES = sorted(result_examples.EXAMPLES, key=lambda c: f"{c.__module__}.{c.__qualname__}")


def _name(cls: type) -> str:
    return f"{cls.__module__.removeprefix('innozone.')}.{cls.__qualname__}"


def _normal(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip().splitlines()) + "\n"


@pytest.mark.parametrize("cls", CLASSES, ids=_name)
@pytest.mark.parametrize("kind", ["repr", "html"])
def test_matches_the_golden_file(cls: type, kind: str) -> None:
    result = result_examples.build(cls)
    shown = repr(result) if kind == "repr" else result._repr_html_()
    assert isinstance(shown, str) and shown, f"{_name(cls)}: empty {kind}"
    shown = _normal(shown)
    path = GOLDEN / f"{_name(cls)}.{'txt' if kind == 'repr' else 'html'}"
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(shown, encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}: run with INNOZONE_UPDATE_GOLDEN=1"
    stored = path.read_text(encoding="utf-8")
    assert shown == stored, (
        f"{_name(cls)}: {kind} differs from {path.name} (rewrite with INNOZONE_UPDATE_GOLDEN=1 "
        "if the change is intended)"
    )


def test_every_golden_file_has_its_class() -> None:
    expected = {f"{_name(c)}.{ext}" for c in CLASSES for ext in ("txt", "html")}
    stored = {p.name for p in GOLDEN.iterdir()}
    assert stored == expected, {
        "stale": sorted(stored - expected),
        "missing": sorted(expected - stored),
    }


def test_html_has_no_per_call_ids() -> None:
    for path in GOLDEN.glob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r'id="T_[0-9a-f]{5}', text), path.name
