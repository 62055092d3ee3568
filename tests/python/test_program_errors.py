"""Malformed program files through Python: each error class arrives as the exact exception
class, with the JSON Pointer of the bad place in ``.path`` and in the message
(docs/program-format.md, "Errors")."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import innozone
from innozone import Document, Program

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "programs" / "gimhae-mini.json"
IND0 = "/programs/0/phases/0/indicators/0"


@pytest.fixture()
def base() -> dict[str, Any]:
    return dict(json.loads(FIXTURE.read_text(encoding="utf-8")))


def _set(doc: dict[str, Any], pointer: str, value: Any) -> dict[str, Any]:
    out = copy.deepcopy(doc)
    parts = pointer.strip("/").split("/")
    node: Any = out
    for part in parts[:-1]:
        node = node[int(part)] if isinstance(node, list) else node[part]
    last = parts[-1]
    if value is _DELETE:
        if isinstance(node, list):
            del node[int(last)]
        else:
            del node[last]
    elif isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value
    return out


_DELETE = object()


def _expect(source: Any, path: str, words: str) -> innozone.SchemaError:
    with pytest.raises(innozone.SchemaError) as info:
        Document.from_json(source)
    error = info.value
    assert type(error) is innozone.SchemaError
    assert isinstance(error, ValueError)
    assert error.path == path, str(error)
    assert f"(at {path or '/'})" in str(error)
    assert words in str(error), str(error)
    return error


@pytest.mark.parametrize(
    ("pointer", "value", "path", "words"),
    [
        # wrong type
        (
            "/programs/0/phases/0/end_year",
            "2024",
            "/programs/0/phases/0/end_year",
            'expected an integer for end_year, found "2024"',
        ),
        (
            "/programs/0/phases",
            {},
            "/programs/0/phases",
            "expected an array of phases, found an object",
        ),
        ("/programs/0/name", {"ko": ""}, "/programs/0/name/ko", "a non-empty string for ko"),
        # missing field
        ("/programs/0/region", _DELETE, "/programs/0/region", "expected the required field region"),
        (
            IND0 + "/observations/0/source",
            _DELETE,
            IND0 + "/observations/0/source",
            "found it missing",
        ),
        # unknown unit
        (IND0 + "/unit", "companies", IND0 + "/unit", 'found "companies"'),
        (
            "/programs/0/phases/1/budget/total/unit",
            "USD",
            "/programs/0/phases/1/budget/total/unit",
            'found "USD"',
        ),
        # negative money
        (
            "/programs/0/phases/1/budget/lines/0/amount",
            -90,
            "/programs/0/phases/1/budget/lines/0/amount",
            "a non-negative amount of money, found -90",
        ),
        # end year before start
        (
            "/programs/0/phases/0/end_year",
            2019,
            "/programs/0/phases/0/end_year",
            "expected an end_year >= start_year 2020, found 2019",
        ),
        (
            IND0 + "/observations/0/window",
            [2024, 2020],
            IND0 + "/observations/0/window/1",
            "end year >= its start 2024",
        ),
        # duplicate ids
        ("/sources/1/id", "aju-2025-01-21", "/sources/1/id", "(first at /sources/0/id)"),
        ("/programs/1/id", "gimhae-gangso", "/programs/1/id", "a unique program id"),
        # dangling references
        (
            IND0 + "/observations/0/source",
            "blog",
            IND0 + "/observations/0/source",
            'the id of a source listed in /sources, found "blog"',
        ),
        (
            "/programs/0/phases/1/budget/lines/0/component",
            "rocket",
            "/programs/0/phases/1/budget/lines/0/component",
            "a component of phase 'phase-2'",
        ),
        (
            "/programs/0/indicators/2/relation/whole",
            "all_firms",
            "/programs/0/indicators/2/relation/whole",
            'found "all_firms"',
        ),
        # unknown schema version
        ("/schema_version", 2, "/schema_version", "expected schema_version 1"),
        # unknown field
        ("/programs/0/obervations", [], "/programs/0/obervations", 'unknown field "obervations"'),
    ],
)
def test_malformed_document(
    base: dict[str, Any], pointer: str, value: Any, path: str, words: str
) -> None:
    _expect(_set(base, pointer, value), path, words)


def test_nan_and_infinity(base: dict[str, Any]) -> None:
    text = json.dumps(base, ensure_ascii=False)
    assert '"value": 209' in text
    _expect(
        text.replace('"value": 209', '"value": NaN'),
        IND0 + "/observations/0/value",
        "expected valid JSON",
    )
    _expect(
        text.replace('"value": 209', '"value": 1e400'),
        IND0 + "/observations/0/value",
        "expected a finite number, found 1e400",
    )
    # A dict holding NaN goes through the same check.
    doc = _set(base, IND0 + "/observations/0/value", float("nan"))
    _expect(doc, IND0 + "/observations/0/value", "expected valid JSON")


def test_non_utf8_bytes(base: dict[str, Any], tmp_path: Path) -> None:
    raw = (
        json.dumps(base, ensure_ascii=False)
        .encode("utf-8")
        .replace(b"Kuki News", b"Kuki \xff News")
    )
    _expect(raw, "/sources/1/publisher", "expected UTF-8 text")
    path = tmp_path / "bad.json"
    path.write_bytes(raw)
    with pytest.raises(innozone.SchemaError, match="expected UTF-8 text") as info:
        innozone.load(str(path))
    assert info.value.path == "/sources/1/publisher"


@pytest.mark.parametrize("depth", [65, 200_000])
def test_nesting_too_deep(base: dict[str, Any], depth: int) -> None:
    text = json.dumps(_set(base, "/programs/0/description", "HOLE"))
    text = text.replace('"HOLE"', "[" * depth + "]" * depth)
    with pytest.raises(innozone.SchemaError, match="at most 64 nested") as info:
        Document.from_json(text)
    assert info.value.path.startswith("/programs/0/description")


def test_duplicate_keys_and_truncated_text(base: dict[str, Any]) -> None:
    _expect(
        '{"schema_version": 1, "sources": [], "sources": [], "programs": []}', "/sources", "twice"
    )
    text = json.dumps(base)
    with pytest.raises(innozone.SchemaError, match="syntax error"):
        Document.from_json(text[: len(text) // 2])


def test_missing_file_is_not_found(tmp_path: Path) -> None:
    with pytest.raises(innozone.NotFoundError):
        innozone.load(tmp_path / "missing.json")
    with pytest.raises(innozone.NotFoundError, match="embedded datasets: .*gimhae"):
        innozone.load("no-such-dataset")


def test_python_side_construction_uses_the_same_validation(base: dict[str, Any]) -> None:
    program = copy.deepcopy(base["programs"][1])
    sources = base["sources"]
    built = Program.from_dict(program, sources=sources)
    assert built.id == "dexter"
    program["indicators"][0]["observations"][0]["year"] = "2024"
    with pytest.raises(innozone.SchemaError) as info:
        Program.from_dict(program, sources=sources)
    assert info.value.path == "/indicators/0/observations/0/year"
    with pytest.raises(innozone.SchemaError) as info:
        Program.from_dict(base["programs"][1], sources=[])
    assert info.value.path == "/indicators/0/observations/0/source"
    bad_sources = copy.deepcopy(sources)
    bad_sources[0]["date"] = "January 2025"
    with pytest.raises(innozone.SchemaError) as info:
        Program.from_dict(base["programs"][1], sources=bad_sources)
    assert info.value.path == "/sources/0/date"
    with pytest.raises(innozone.InvalidInputError):
        Program.from_dict("not a dict")  # type: ignore[arg-type]


def test_query_errors_are_the_core_classes(base: dict[str, Any]) -> None:
    doc = Document.from_dict(base)
    zone = doc.program("gimhae-gangso")
    with pytest.raises(innozone.NotFoundError, match="no phase 'phase-9'"):
        zone.value("tech_linked", (2020, 2024), phase="phase-9")
    with pytest.raises(innozone.NotFoundError, match="no observation for 2022"):
        zone.value("biomed_firms", 2022)
    with pytest.raises(innozone.InvalidInputError, match="must be one of"):
        zone.value("biomed_firms", 2020, role="guess")
    with pytest.raises(innozone.InvalidInputError, match="to end after"):
        zone.growth("biomed_firms", 2024, 2020)
    with pytest.raises(innozone.NotFoundError, match="no program 'nope'"):
        doc.program("nope")


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_corrupted_bytes_raise_schema_error_or_load(data: st.DataObject) -> None:
    """Hostile input: random byte edits of a valid file either load or raise SchemaError."""
    raw = bytearray(FIXTURE.read_bytes())
    for _ in range(data.draw(st.integers(1, 4))):
        position = data.draw(st.integers(0, len(raw) - 1))
        raw[position] = data.draw(st.integers(0, 255))
    try:
        Document.from_json(bytes(raw))
    except innozone.SchemaError as error:
        assert error.path == "" or error.path.startswith("/")
