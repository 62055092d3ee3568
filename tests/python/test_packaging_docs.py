"""The generated API reference covers every public name (docs/_ext/innozone_apigen.py).

The full site is built with warnings as errors by ``scripts/docs`` (run by ``scripts/test``);
this checks, in a second, that the generator puts every name of ``innozone.__all__`` and of
each public submodule's ``__all__`` on a page, so a name added by anyone shows up.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
from pathlib import Path

import innozone

REPO = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location(
    "innozone_apigen", REPO / "docs" / "_ext" / "innozone_apigen.py"
)
assert _spec is not None and _spec.loader is not None
apigen = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(apigen)

_DIRECTIVE = re.compile(r"^\.\. (?:auto\w+|py:data):: ([\w.]+)", re.MULTILINE)
_LINK = re.compile(r":py:obj:`([\w.]+)`")


def test_every_public_name_has_an_entry(tmp_path: Path) -> None:
    apigen.generate(tmp_path)
    pages = {p.stem: p.read_text(encoding="utf-8") for p in tmp_path.glob("*.rst")}
    documented = {name for text in pages.values() for name in _DIRECTIVE.findall(text)}
    linked = {name for text in pages.values() for name in _LINK.findall(text)}

    submodules = apigen.public_submodules(innozone)
    assert set(pages) == {"index", "innozone", *(f"innozone.{s}" for s in submodules)}
    for name in innozone.__all__:
        if name == "__version__" or name in submodules:
            continue
        assert f"innozone.{name}" in documented, name
    for sub in submodules:
        module = importlib.import_module(f"innozone.{sub}")
        assert f"innozone.{sub}" in pages["index"]
        for name in module.__all__:
            here = f"innozone.{sub}.{name}"
            assert here in documented or f"innozone.{name}" in linked, here
    # Each object is described once (a second description is a Sphinx warning).
    described = [name for text in pages.values() for name in _DIRECTIVE.findall(text)]
    assert len(described) == len(set(described))
