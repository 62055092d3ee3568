"""The stubs of the compiled core (the stub package innozone/_core/) must match the module.

- mypy's stubtest compares every module, class, attribute, property and method of the stubs
  with the compiled module; the differences pybind11 cannot avoid are listed, each with its
  reason, in stubtest-allowlist.txt next to this file.
- stubtest cannot read the parameters of pybind11 functions (they have no
  ``__text_signature__``), so a second test compares every declared function and method with
  the signature pybind11 writes as the first line of its docstring: parameter names, order,
  kinds and defaults, parameter types where pybind11 names them precisely, and return types.
- The compiled module, not the stub directory beside it, is what ``import innozone._core``
  finds; the stubs ship one file per submodule of the module; no core result is a dict.
"""

from __future__ import annotations

import ast
import importlib.machinery
import inspect
import os
import re
import shutil
import subprocess
import sys
import types
from dataclasses import dataclass
from pathlib import Path

import pytest

import innozone
import innozone.outcomes  # attaches Distribution.from_estimate, as for every user
from innozone import _core

HERE = Path(__file__).resolve().parent
ALLOWLIST = HERE / "stubtest-allowlist.txt"
STUBS = Path(innozone.__file__).resolve().parent / "_core"
AREAS = sorted(
    name
    for name, value in vars(_core).items()
    if isinstance(value, types.ModuleType) and not name.startswith("_")
)

# Results still returned as dicts: growth fits and cohorts (branch `cleanup` converts them).
# Started by stubtest's subprocess: the same compiled module the tests use (the dev build when
# INNOZONE_DEV_BUILD is set, see conftest.py), then the facade's Python additions to it.
_BOOT = """
import importlib.util, sys
so, source = sys.argv[1], sys.argv[2]
if source:
    sys.path.insert(0, source)
    spec = importlib.util.spec_from_file_location("innozone._core", so)
    module = importlib.util.module_from_spec(spec)
    sys.modules["innozone._core"] = module
    spec.loader.exec_module(module)
import innozone.outcomes  # attaches Distribution.from_estimate
from mypy import stubtest
sys.argv = ["stubtest", *sys.argv[3:]]
sys.exit(stubtest.main())
"""


def test_stubtest_finds_no_difference(tmp_path: Path) -> None:
    # The stub package alone (under an empty innozone/__init__.pyi), so that stubtest checks
    # the core boundary and not the type errors of the facade modules.
    root = tmp_path / "stubs"
    shutil.copytree(STUBS, root / "innozone" / "_core")
    (root / "innozone" / "__init__.pyi").write_text("", encoding="utf-8")
    dev = bool(os.environ.get("INNOZONE_DEV_BUILD"))
    source = str(Path(innozone.__file__).resolve().parents[1]) if dev else ""
    run = subprocess.run(
        [sys.executable, "-c", _BOOT, str(_core.__file__), source, "innozone._core"]
        + ["--allowlist", str(ALLOWLIST), "--concise"],
        env={**os.environ, "MYPYPATH": str(root)},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, f"stubtest:\n{run.stdout}\n{run.stderr}"


# ---- signatures --------------------------------------------------------------------------


@dataclass
class Param:
    name: str
    kind: str  # "positional", "keyword" (after *), "variadic" (*args, **kwargs)
    type: str | None
    default: str | None  # source text of the default, None when there is none


def _split_top_level(text: str) -> list[str]:
    parts: list[str] = []
    depth, current, quote = 0, "", ""
    for char in text:
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
            continue
        current += char
    if current.strip():
        parts.append(current.strip())
    return parts


def _runtime_signature(obj: object, name: str) -> tuple[list[Param], str] | None:
    """Parameters and return type from the first line of a pybind11 docstring.

    A Python function attached to a bound class gives its parameters (return type "object":
    its annotations are strings).
    """
    if isinstance(obj, types.FunctionType):
        kinds = {
            inspect.Parameter.KEYWORD_ONLY: "keyword",
            inspect.Parameter.VAR_POSITIONAL: "variadic",
            inspect.Parameter.VAR_KEYWORD: "variadic",
        }
        return [
            Param(
                p.name,
                kinds.get(p.kind, "positional"),
                None,
                None if p.default is inspect.Parameter.empty else repr(p.default),
            )
            for p in inspect.signature(obj).parameters.values()
        ], "object"
    first = (getattr(obj, "__doc__", None) or "").lstrip().split("\n", 1)[0]
    match = re.match(rf"^{re.escape(name)}\((.*)\) -> (.*)$", first)
    if match is None:
        return None
    params, kind = [], "positional"
    for part in _split_top_level(match.group(1)):
        if part == "*":
            kind = "keyword"
            continue
        if part == "/":
            continue
        found = re.match(r"^(\*{0,2})(\w+)(?:: (.*?))?(?: = (.*))?$", part)
        assert found is not None, f"cannot read parameter {part!r} of {first!r}"
        star, pname, ptype, default = found.groups()
        params.append(Param(pname, "variadic" if star else kind, ptype, default))
    return params, match.group(2)


def _stub_params(function: ast.FunctionDef) -> list[Param]:
    args = function.args
    positional = args.posonlyargs + args.args
    defaults: list[ast.expr | None] = [None] * (len(positional) - len(args.defaults))
    defaults += list(args.defaults)
    out = [
        Param(a.arg, "positional", _unparse(a.annotation), _unparse(d))
        for a, d in zip(positional, defaults)
    ]
    if args.vararg:
        out.append(Param(args.vararg.arg, "variadic", None, None))
    out += [
        Param(a.arg, "keyword", _unparse(a.annotation), _unparse(d))
        for a, d in zip(args.kwonlyargs, args.kw_defaults)
    ]
    if args.kwarg:
        out.append(Param(args.kwarg.arg, "variadic", None, None))
    return out


def _unparse(node: ast.expr | None) -> str | None:
    return None if node is None else ast.unparse(node)


@dataclass
class StubModule:
    functions: dict[str, ast.FunctionDef]
    classes: dict[str, dict[str, ast.FunctionDef]]
    aliases: dict[str, str]


def _stub_module(area: str) -> StubModule:
    tree = ast.parse((STUBS / f"{area}.pyi").read_text(encoding="utf-8"))
    module = StubModule({}, {}, {})
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            if node.value is not None and _unparse(node.annotation) == "TypeAlias":
                module.aliases[node.target.id] = ast.unparse(node.value)
        elif isinstance(node, ast.FunctionDef):
            module.functions[node.name] = node
        elif isinstance(node, ast.ClassDef):
            module.classes[node.name] = {
                item.name: item for item in node.body if isinstance(item, ast.FunctionDef)
            }
    return module


def _normal_type(text: str | None, aliases: dict[str, str]) -> str | None:
    """One spelling for a type written by pybind11 or in a stub."""
    if text is None:
        return None
    for _ in range(3):
        for alias, value in aliases.items():
            text = re.sub(rf"\b{re.escape(alias)}\b", value, text)
    text = text.replace(" ", "")
    text = re.sub(r"innozone\._core\.(\w+\.)?", "", text)
    text = re.sub(r"\b(numpy\.typing|numpy|npt|np|typing|collections\.abc)\.", "", text)
    text = text.replace("SupportsFloat|SupportsIndex", "float")
    text = text.replace("SupportsInt|SupportsIndex", "int")
    # pybind11 adds the array's dtype and shape; the stubs say ArrayLike / NDArray[dtype].
    text = re.sub(r'Annotated\[ArrayLike,\w+(,"[^"]*")?\]', "ArrayLike", text)
    text = re.sub(r'Annotated\[(NDArray\[\w+\]),"[^"]*"\]', r"\1", text)
    return text


_BARE_CONTAINER = re.compile(r"\b(dict|tuple|list)\b(?!\[)")


def _erase_parameters(text: str) -> str:
    """``tuple[dict[str,Any]]`` -> ``tuple``: every bracketed type parameter removed."""
    while True:
        shorter = re.sub(r"\[[^\[\]]*\]", "", text)
        if shorter == text:
            return text
        text = shorter


def _same_type(runtime: str | None, stub: str | None) -> bool:
    """Equal, or equal once the stub's container parameters are erased where pybind11 wrote
    a bare container (``py::tuple``/``py::dict`` arguments and results carry no parameters
    at run time; the stub may say what they hold)."""
    if runtime == stub:
        return True
    if runtime is None or stub is None or not _BARE_CONTAINER.search(runtime):
        return False
    return _erase_parameters(runtime) == _erase_parameters(stub)


def _literal(text: str) -> tuple[bool, object]:
    try:
        return True, ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return False, text


def _compare(
    where: str,
    runtime: tuple[list[Param], str],
    stub: ast.FunctionDef,
    method: bool,
    aliases: dict[str, str],
) -> list[str]:
    rparams, rreturn = runtime
    sparams = _stub_params(stub)
    if method:  # self (pybind11 calls it arg0 in lambdas bound as properties)
        rparams, sparams = rparams[1:], sparams[1:]
    problems: list[str] = []
    shape_r = [(p.name, p.kind, p.default is not None) for p in rparams]
    shape_s = [(p.name, p.kind, p.default is not None) for p in sparams]
    # pybind11 names unnamed parameters arg0, arg1 ...: positional only, any stub name goes.
    shape_s = [
        (r[0] if re.fullmatch(r"arg\d+", r[0]) else s[0], s[1], s[2])
        for r, s in zip(shape_r, shape_s)
    ] + shape_s[len(shape_r) :]
    if shape_r != shape_s:
        return [f"{where}: parameters {shape_r} at run time, {shape_s} in the stub"]
    for r, s in zip(rparams, sparams):
        if s.default is not None and s.default != "...":
            ok_r, value_r = _literal(r.default or "")
            ok_s, value_s = _literal(s.default)
            if not (ok_r and ok_s and value_r == value_s and type(value_r) is type(value_s)):
                problems.append(f"{where}({r.name}): default {r.default} at run time, {s.default}")
        type_r, type_s = _normal_type(r.type, {}), _normal_type(s.type, aliases)
        # object: the binding takes any Python object and checks it itself.
        # str: pybind11's string caster takes bytes too, so a stub may say `str | bytes`.
        if type_r in (None, "object") or type_s is None or _same_type(type_r, type_s):
            continue
        if type_r == "str" and type_s == "str|bytes":
            continue
        problems.append(f"{where}({r.name}): type {r.type} at run time, {s.type} in the stub")
    return_r = _normal_type(rreturn, {})
    return_s = _normal_type(_unparse(stub.returns), aliases)
    if return_r != "object" and not _same_type(return_r, return_s):
        problems.append(f"{where}: returns {rreturn} at run time, {_unparse(stub.returns)}")
    return problems


@dataclass
class Declared:
    where: str  # area.name or area.Class.member
    name: str  # the name in the docstring signature ("" for a property getter)
    target: object  # the runtime function (a property's getter)
    stub: ast.FunctionDef
    method: bool
    aliases: dict[str, str]


def _declared_callables() -> list[Declared]:
    """Every function and method of the compiled module that the stubs declare."""
    found = []
    for area in AREAS:
        stub = _stub_module(area)
        for name, value in vars(getattr(_core, area)).items():
            if name.startswith("__"):
                continue
            if isinstance(value, type) and name in stub.classes:
                for member, attribute in vars(value).items():
                    if member not in stub.classes[name]:
                        continue
                    getter = isinstance(attribute, property)
                    static = isinstance(attribute, staticmethod)
                    if getter:
                        target = attribute.fget
                    else:
                        target = attribute.__func__ if static else attribute
                    found.append(
                        Declared(
                            f"{area}.{name}.{member}",
                            "" if getter else member,
                            target,
                            stub.classes[name][member],
                            not static,
                            stub.aliases,
                        )
                    )
            elif callable(value) and name in stub.functions:
                found.append(
                    Declared(
                        f"{area}.{name}", name, value, stub.functions[name], False, stub.aliases
                    )
                )
    return found


def test_stub_signatures_match_the_compiled_signatures() -> None:
    problems: list[str] = []
    checked = 0
    for item in _declared_callables():
        if item.where.endswith(".__init__") and not _has_constructor(item.target):
            problems.append(f"{item.where}: declared in the stub, but the class has no constructor")
            continue
        runtime = _runtime_signature(item.target, item.name)
        if runtime is None:
            problems.append(f"{item.where}: no pybind11 signature in its docstring")
            continue
        checked += 1
        problems += _compare(item.where, runtime, item.stub, item.method, item.aliases)
    assert checked > 500, f"only {checked} signatures compared"
    assert not problems, "stubs differ from the compiled module:\n" + "\n".join(problems)


def test_compiled_signatures_name_python_types() -> None:
    """A C++ type name in a signature means a binding was registered before its type."""
    bad = []
    for area in AREAS:
        for name, value in vars(getattr(_core, area)).items():
            members = vars(value).items() if isinstance(value, type) else [(name, value)]
            for member, attribute in members:
                target = attribute.fget if isinstance(attribute, property) else attribute
                first = (getattr(target, "__doc__", None) or "").lstrip().split("\n", 1)[0]
                if "::" in first:
                    bad.append(f"{area}.{name}.{member}: {first}")
    assert not bad, "\n".join(bad)


def _has_constructor(init: object) -> bool:
    # pybind11 gives classes without a bound constructor pybind11_object.__init__ (a slot
    # wrapper that raises TypeError); a bound constructor is a pybind11 function.
    return not isinstance(init, types.WrapperDescriptorType)


def test_classes_without_constructor_declare_none() -> None:
    """What the allowlist's __init__ entry covers: only classes that cannot be constructed."""
    cannot, declared = [], []
    for area in AREAS:
        stub = _stub_module(area)
        for name, value in vars(getattr(_core, area)).items():
            if not isinstance(value, type) or issubclass(value, BaseException):
                continue
            if not _has_constructor(vars(value).get("__init__", value.__init__)):
                cannot.append(name)
                with pytest.raises(TypeError, match="No constructor defined"):
                    value()
                if "__init__" in stub.classes.get(name, {}):
                    declared.append(f"{area}.{name}")
    assert cannot, "expected result classes without a constructor"
    assert not declared, f"stubs declare __init__ for classes without one: {declared}"


# ---- layout --------------------------------------------------------------------------------


def test_one_stub_file_per_submodule() -> None:
    files = sorted(p.stem for p in STUBS.glob("*.pyi") if p.stem != "__init__")
    assert files == AREAS
    init = (STUBS / "__init__.pyi").read_text(encoding="utf-8")
    for area in AREAS:
        assert f"from . import {area} as {area}" in init


def test_top_level_names_are_those_of_the_areas() -> None:
    """common, outcomes and sensitivity live at the top level; each area view holds its names."""
    top = {n for n in vars(_core) if not n.startswith("_") and n not in AREAS}
    views = {
        area: {n: v for n, v in vars(getattr(_core, area)).items() if not n.startswith("__")}
        for area in ("common", "outcomes", "sensitivity")
    }
    assert set().union(*views.values()) == top
    assert sum(len(v) for v in views.values()) == len(top), "a name belongs to two areas"
    for names in views.values():
        for name, value in names.items():
            assert value is getattr(_core, name)


def test_submodules_import_by_their_full_name() -> None:
    import importlib

    for area in AREAS:
        assert importlib.import_module(f"innozone._core.{area}") is getattr(_core, area)


def test_the_compiled_module_beats_the_stub_directory(tmp_path: Path) -> None:
    # The installed layout: innozone/_core/ (stubs, no __init__.py) beside _core.<abi>.so.
    package = tmp_path / "pkg"
    shutil.copytree(STUBS, package / "_core")
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    (package / f"_core{suffix}").write_bytes(b"")
    spec = importlib.machinery.PathFinder.find_spec("_core", [str(package)])
    assert spec is not None and spec.origin == str(package / f"_core{suffix}")
    assert Path(str(_core.__file__)).suffix == ".so"


def test_no_core_result_is_a_dict() -> None:
    found = set()
    for area in AREAS:
        tree = ast.parse((STUBS / f"{area}.pyi").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.returns is not None:
                returns = ast.unparse(node.returns)
                if returns.startswith("dict") or returns == "Any":
                    found.add(f"{area}.{node.name}")
    assert not found, f"core results typed as dicts in the stubs: {sorted(found)}"
