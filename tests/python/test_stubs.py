"""The hand-written stubs of the compiled core (_core.pyi) must not drift from the module.

Every public name the compiled module (and each of its submodules and classes) exposes
is declared in the stub, and every name the stub declares exists at run time.
"""

from __future__ import annotations

import ast
import inspect
import types
from pathlib import Path

import pytest

import innozone
from innozone import _core

STUB = Path(innozone.__file__).with_name("_core.pyi")


def _members(node: ast.ClassDef | ast.Module) -> dict[str, ast.AST]:
    names: dict[str, ast.AST] = {}
    for item in node.body:
        if isinstance(item, (ast.FunctionDef, ast.ClassDef)):
            names[item.name] = item
        elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
            names[item.target.id] = item
        elif isinstance(item, ast.Assign):
            for target in item.targets:
                if isinstance(target, ast.Name):
                    names[target.id] = item
    return names


TREE = ast.parse(STUB.read_text(encoding="utf-8"))
TOP = _members(TREE)
CLASSES = {name: node for name, node in TOP.items() if isinstance(node, ast.ClassDef)}


def _declared(stub_class: ast.ClassDef) -> set[str]:
    """Public members of a stub class, including those inherited from stub base classes."""
    names = {n for n in _members(stub_class) if not n.startswith("_")}
    for base in stub_class.bases:
        base_name = ast.unparse(base)
        if base_name in CLASSES:
            names |= _declared(CLASSES[base_name])
    return names


def _public(obj: object) -> set[str]:
    return {name for name in dir(obj) if not name.startswith("_")}


def _stub_class_for_submodule(name: str) -> ast.ClassDef:
    node = TOP[name]
    assert isinstance(node, ast.AnnAssign), f"stub declares {name} but not as `{name}: _XModule`"
    annotation = ast.unparse(node.annotation)
    assert annotation in CLASSES, f"stub annotation {annotation} of {name} is not a stub class"
    return CLASSES[annotation]


def _runtime_items() -> list[tuple[str, object]]:
    return [(name, getattr(_core, name)) for name in sorted(_public(_core))]


def test_every_runtime_name_is_in_the_stub() -> None:
    missing = sorted(_public(_core) - set(TOP))
    assert not missing, f"_core.pyi lacks: {missing}"


def test_every_stub_name_exists_at_run_time() -> None:
    declared = {name for name in TOP if not name.startswith("_")}
    extra = sorted(declared - _public(_core) - {"Callable", "Any"})
    assert not extra, f"_core.pyi declares names the module does not have: {extra}"


@pytest.mark.parametrize("name", [n for n, o in _runtime_items() if isinstance(o, types.ModuleType)])
def test_submodule_members_match(name: str) -> None:
    runtime = _public(getattr(_core, name))
    stub_class = _stub_class_for_submodule(name)
    declared = _declared(stub_class)
    assert not sorted(runtime - declared), f"{name}: stub lacks {sorted(runtime - declared)}"
    assert not sorted(declared - runtime), f"{name}: stub declares {sorted(declared - runtime)}"


def _runtime_classes() -> list[tuple[str, type]]:
    found: list[tuple[str, type]] = []
    for name, obj in _runtime_items():
        if inspect.isclass(obj) and not issubclass(obj, BaseException):
            found.append((name, obj))
    return found


@pytest.mark.parametrize(("name", "cls"), _runtime_classes())
def test_class_members_match(name: str, cls: type) -> None:
    stub_class = CLASSES.get(name)
    assert stub_class is not None, f"stub lacks class {name}"
    runtime = _public(cls)
    declared = _declared(stub_class)
    assert not sorted(runtime - declared), f"{name}: stub lacks {sorted(runtime - declared)}"
    assert not sorted(declared - runtime), f"{name}: stub declares {sorted(declared - runtime)}"


def test_stub_defines_each_name_once() -> None:
    seen: dict[str, int] = {}
    for item in TREE.body:
        if isinstance(item, (ast.FunctionDef, ast.ClassDef)):
            seen[item.name] = seen.get(item.name, 0) + 1
        elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
            seen[item.target.id] = seen.get(item.target.id, 0) + 1
    twice = sorted(name for name, count in seen.items() if count > 1)
    assert not twice, f"_core.pyi defines these names more than once: {twice}"
