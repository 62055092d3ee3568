"""Lazy loading of the package's public names, driven by ``__init__.pyi``.

The stub ``innozone/__init__.pyi`` is the one table of public names: each line
``from .module import name as name`` (or ``from . import module as module``) both types the
name for type checkers and tells :func:`attach_stub` where to load it from on first use.
``import innozone`` therefore loads only the compiled core, the error classes and the options;
pandas, matplotlib, the report and each area are imported when a name of theirs is first
touched. ``dir(innozone)`` and tab completion still list every public name.
"""

from __future__ import annotations

import ast
import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["attach_stub", "parse_stub"]


def parse_stub(path: str | Path) -> tuple[dict[str, tuple[str, str | None]], list[str]]:
    """Read the public names of a package stub.

    Parameters
    ----------
    path : str or pathlib.Path
        The ``__init__.pyi`` file.

    Returns
    -------
    table : dict
        ``name -> (submodule, attribute)`` for every re-exported name; ``attribute`` is None
        when the name is the submodule itself.
    declared : list of str
        Names the stub declares with an annotation (``__version__: str``); the package
        defines them itself.
    """
    tree = ast.parse(Path(path).read_text(encoding="utf-8"), filename=str(path))
    table: dict[str, tuple[str, str | None]] = {}
    declared: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            for alias in node.names:
                public = alias.asname or alias.name
                if node.module is None:
                    table[public] = (alias.name, None)
                else:
                    table[public] = (node.module, alias.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            declared.append(node.target.id)
    return table, declared


def attach_stub(
    package: str, init_file: str, namespace: dict[str, Any]
) -> tuple[Callable[[str], Any], Callable[[], list[str]], list[str]]:
    """Give a package lazy attributes for every name of its ``__init__.pyi``.

    Parameters
    ----------
    package : str
        The package's ``__name__``.
    init_file : str
        The package's ``__file__``; the stub is the ``.pyi`` beside it.
    namespace : dict
        The package's ``globals()``; a loaded name is stored there, so ``__getattr__`` runs
        once per name.

    Returns
    -------
    __getattr__, __dir__, __all__
        To be assigned to the package's module attributes of the same names.
    """
    table, declared = parse_stub(Path(init_file).with_suffix(".pyi"))
    public = sorted({*table, *declared} - {"__getattr__", "__dir__", "__all__"})

    def __getattr__(name: str) -> Any:
        try:
            module_name, attribute = table[name]
        except KeyError:
            raise AttributeError(f"module {package!r} has no attribute {name!r}") from None
        module = importlib.import_module(f"{package}.{module_name}")
        value = module if attribute is None else getattr(module, attribute)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return list(public)

    return __getattr__, __dir__, public
