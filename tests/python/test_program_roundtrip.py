"""Property test: any valid generated program file survives save -> load unchanged.

Documents are drawn by hypothesis within the rules of docs/program-format.md (unique ids,
references that resolve, window kinds that match the indicator kind, non-negative money),
with arbitrary Unicode text and floating-point values.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from innozone import Document

_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12)
_ID = st.from_regex(r"[a-z0-9][a-z0-9_.-]{0,8}", fullmatch=True)
_YEAR = st.integers(min_value=1990, max_value=2040)
_MONEY_UNITS = ["원", "KRW", "만원", "백만원", "억원", "조원"]
_COUNT_UNITS = ["cases", "firms", "persons", "products", "participants", "centres", "km2"]
_TAGS = ["tech-discovery", "matching", "start-up", "commercialisation", "promotion", "other"]


def _text_obj(draw: Any) -> dict[str, str]:
    which = draw(st.sampled_from(["ko", "en", "both"]))
    out = {}
    if which in ("ko", "both"):
        out["ko"] = draw(_TEXT)
    if which in ("en", "both"):
        out["en"] = draw(_TEXT)
    return out


def _unique_ids(draw: Any, n: int) -> list[str]:
    return draw(st.lists(_ID, min_size=n, max_size=n, unique=True))


def _observation(draw: Any, kind: str, unit: str, sources: list[str]) -> dict[str, Any]:
    if unit in ("%", "ratio"):
        value = draw(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False))
    else:
        value = draw(st.floats(min_value=0, max_value=1e12, allow_nan=False))
    obs: dict[str, Any] = {"value": value}
    start = draw(_YEAR)
    if kind == "cumulative" or (kind == "ratio" and draw(st.booleans())):
        obs["window"] = [start, start + draw(st.integers(0, 6))]
    else:
        obs["year"] = start
    if draw(st.booleans()):
        obs["date"] = f"{start}-{draw(st.integers(1, 12)):02d}"
    obs["role"] = draw(st.sampled_from(["baseline", "target", "actual", "derived", "projection"]))
    obs["source"] = draw(st.sampled_from(sources))
    obs["confidence"] = draw(st.sampled_from(["high", "medium", "low"]))
    if draw(st.booleans()):
        obs["note"] = draw(_TEXT)
    return obs


def _indicators(draw: Any, sources: list[str], components: list[str]) -> list[dict[str, Any]]:
    ids = _unique_ids(draw, draw(st.integers(0, 4)))
    out = []
    for ind_id in ids:
        kind = draw(st.sampled_from(["flow", "cumulative", "stock", "ratio"]))
        unit = "%" if kind == "ratio" else draw(st.sampled_from(_COUNT_UNITS + ["KRW"]))
        ind: dict[str, Any] = {"id": ind_id, "name": _text_obj(draw), "unit": unit, "kind": kind}
        if unit == "KRW" and draw(st.booleans()):
            ind["money_unit"] = draw(st.sampled_from(_MONEY_UNITS))
        if draw(st.booleans()):
            ind["direction"] = draw(st.sampled_from(["higher", "lower"]))
        if components and draw(st.booleans()):
            ind["component"] = draw(st.sampled_from(components))
        others = [other for other in ids if other != ind_id]
        if kind == "ratio" and others and draw(st.booleans()):
            kind_of = draw(st.sampled_from(["share", "growth", "cagr", "sum"]))
            if kind_of == "share":
                ind["relation"] = {
                    "type": "share",
                    "part": draw(st.sampled_from(others)),
                    "whole": draw(st.sampled_from(others)),
                }
            elif kind_of == "sum":
                ind["relation"] = {
                    "type": "sum",
                    "parts": draw(st.lists(st.sampled_from(others), min_size=1, max_size=3)),
                    "total": draw(st.sampled_from(others)),
                }
            else:
                first = draw(_YEAR)
                ind["relation"] = {
                    "type": kind_of,
                    "of": draw(st.sampled_from(others)),
                    "from": first,
                    "to": first + draw(st.integers(1, 8)),
                }
        ind["observations"] = [
            _observation(draw, kind, unit, sources) for _ in range(draw(st.integers(0, 3)))
        ]
        out.append(ind)
    return out


def _money(draw: Any) -> dict[str, Any]:
    return {
        "amount": draw(st.floats(min_value=0, max_value=1e9, allow_nan=False)),
        "unit": draw(st.sampled_from(_MONEY_UNITS)),
    }


def _phase(draw: Any, phase_id: str, sources: list[str]) -> dict[str, Any]:
    start = draw(_YEAR)
    phase: dict[str, Any] = {
        "id": phase_id,
        "start_year": start,
        "end_year": start + draw(st.integers(0, 9)),
    }
    if draw(st.booleans()):
        phase["name"] = _text_obj(draw)
    if draw(st.booleans()):
        phase["status"] = draw(st.sampled_from(["completed", "running", "planned"]))
    component_ids = _unique_ids(draw, draw(st.integers(0, 3)))
    if component_ids:
        phase["components"] = [
            {
                "id": cid,
                "name": _text_obj(draw),
                "tags": draw(st.lists(st.sampled_from(_TAGS), max_size=3)),
            }
            for cid in component_ids
        ]
    if draw(st.booleans()):
        budget: dict[str, Any] = {}
        if draw(st.booleans()):
            budget["total"] = {
                **_money(draw),
                "role": draw(st.sampled_from(["plan", "actual"])),
                "source": draw(st.sampled_from(sources)),
                "confidence": draw(st.sampled_from(["high", "low"])),
            }
        lines = []
        for _ in range(draw(st.integers(0, 3))):
            line = {
                **_money(draw),
                "role": draw(st.sampled_from(["plan", "actual"])),
                "source": draw(st.sampled_from(sources)),
                "confidence": "medium",
            }
            if draw(st.booleans()):
                line["year"] = draw(_YEAR)
            if draw(st.booleans()):
                line["funding_source"] = draw(
                    st.sampled_from(["national", "local", "private", "other", "total"])
                )
            if component_ids and draw(st.booleans()):
                line["component"] = draw(st.sampled_from(component_ids))
            lines.append(line)
        if lines:
            budget["lines"] = lines
        phase["budget"] = budget
    indicators = _indicators(draw, sources, component_ids)
    if indicators:
        phase["indicators"] = indicators
    if draw(st.booleans()):
        phase["focus"] = [_text_obj(draw)]
    return phase


@st.composite
def documents(draw: Any) -> dict[str, Any]:
    source_ids = _unique_ids(draw, draw(st.integers(1, 3)))
    sources = [
        {
            "id": sid,
            "publisher": draw(_TEXT),
            "title": draw(_TEXT),
            "date": draw(st.sampled_from(["2025", "2025-01", "2025-01-21", "2020-02-29"])),
        }
        for sid in source_ids
    ]
    programs = []
    for pid in _unique_ids(draw, draw(st.integers(1, 2))):
        program: dict[str, Any] = {
            "id": pid,
            "name": _text_obj(draw),
            "kind": draw(_TEXT),
            "region": _text_obj(draw),
        }
        if draw(st.booleans()):
            program["designation_year"] = draw(_YEAR)
            program["batch"] = draw(st.integers(1, 3))
        phase_ids = _unique_ids(draw, draw(st.integers(0, 2)))
        if phase_ids:
            program["phases"] = [_phase(draw, phid, source_ids) for phid in phase_ids]
        indicators = _indicators(draw, source_ids, [])
        if indicators:
            program["indicators"] = indicators
        if draw(st.booleans()):
            program["notes"] = [{"text": draw(_TEXT), "source": draw(st.sampled_from(source_ids))}]
        programs.append(program)
    return {"schema_version": 1, "sources": sources, "programs": programs}


def _normalised(node: Any) -> Any:
    """What the writer is expected to produce from ``node``: the canonical spelling 원 for
    KRW, defaults (direction higher, funding source total) and empty tag lists left out."""
    if isinstance(node, list):
        return [_normalised(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if (
            key in ("unit", "money_unit")
            and value == "KRW"
            and ("amount" in node or key == "money_unit")
        ):
            value = "원"
        if (key, value) in (("direction", "higher"), ("funding_source", "total")):
            continue
        if key == "tags" and value == []:
            continue
        out[key] = _normalised(value)
    return out


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_save_then_load_gives_an_equal_document(data: dict[str, Any]) -> None:
    document = Document.from_dict(data)
    text = document.to_json()
    # The writer keeps every field the input had (relations resolve within each drawn list).
    assert json.loads(text) == _normalised(data)
    again = Document.from_json(text)
    assert again == document
    assert again.to_json() == text
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.json"
        document.save(path)
        assert Document.from_json(path) == document
