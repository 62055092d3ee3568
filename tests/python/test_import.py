"""Start-up cost and the public namespace of ``import innozone``.

``import innozone`` loads the compiled core, the error classes and the options only; every
other public name is listed once in ``innozone/__init__.pyi`` and imported on first use
(``innozone/_lazy.py``). The import time itself is printed by ``./scripts/test``
(``python -X importtime``), not asserted here: wall time on a shared machine is noise,
while the set of modules an import loads is not.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import rlcompleter
import subprocess
import sys
import types
from pathlib import Path

import pytest

import innozone
from innozone import _lazy

REPO = Path(__file__).resolve().parents[2]
STUB = Path(innozone.__file__).with_suffix(".pyi")

# Loaded on first use, never by `import innozone` (numpy neither: the core's optional array
# arguments default to None, so defining the functions converts no array).
HEAVY = ("numpy", "pandas", "matplotlib", "scipy", "tqdm", "fontTools")


def _python(code: str) -> str:
    """Run code in a fresh interpreter set up like this test session; return its stdout."""
    prelude = ""
    build = os.environ.get("INNOZONE_DEV_BUILD")
    if build:  # the same set-up as conftest.py: this checkout's sources + the dev extension
        prelude = (
            "import glob, importlib.util, sys\n"
            f"so = glob.glob({str(Path(build).resolve() / '**' / '_core*.so')!r}, recursive=True)[0]\n"
            f"sys.path.insert(0, {str(REPO / 'python')!r})\n"
            "spec = importlib.util.spec_from_file_location('innozone._core', so)\n"
            "mod = importlib.util.module_from_spec(spec)\n"
            "sys.modules['innozone._core'] = mod\n"
            "spec.loader.exec_module(mod)\n"
        )
    out = subprocess.run(
        [sys.executable, "-c", prelude + code], capture_output=True, text=True, check=True
    )
    return out.stdout


def public_submodules() -> list[str]:
    return sorted(
        info.name
        for info in pkgutil.iter_modules(innozone.__path__)
        if not info.name.startswith("_")
    )


def test_import_loads_no_heavy_module() -> None:
    loaded = _python("import sys\nimport innozone\nprint('\\n'.join(sorted(sys.modules)))").split()
    heavy = sorted({name.split(".")[0] for name in loaded} & set(HEAVY))
    assert heavy == [], f"`import innozone` imports {heavy}"
    areas = sorted(
        name
        for name in loaded
        if name.startswith("innozone.") and not name.startswith("innozone._")
    )
    assert areas == [], f"`import innozone` imports the submodules {areas}"


def test_first_use_loads_the_area() -> None:
    out = _python(
        "import sys\nimport innozone\n"
        "assert 'innozone.did' not in sys.modules\n"
        "f = innozone.callaway_santanna\n"
        "print('innozone.did' in sys.modules, 'pandas' in sys.modules, f.__module__)"
    )
    assert out.split() == ["True", "True", "innozone.did"]


def test_stub_is_the_one_table_of_public_names() -> None:
    table, declared = _lazy.parse_stub(STUB)
    assert declared == ["__version__"]
    assert sorted(innozone.__all__) == innozone.__all__
    assert set(innozone.__all__) == set(table) | {"__version__"}
    assert len(table) == sum(
        1 for line in STUB.read_text(encoding="utf-8").splitlines() if line.startswith("from .")
    ), "one name per line in __init__.pyi"
    for name, (module, attribute) in table.items():
        assert not name.startswith("_"), name
        obj = getattr(innozone, name)
        source = importlib.import_module(f"innozone.{module}")
        if attribute is None:
            assert isinstance(obj, types.ModuleType) and obj is source, name
        else:
            assert obj is getattr(source, attribute), name


def test_every_public_submodule_is_listed() -> None:
    assert set(public_submodules()) <= set(innozone.__all__) | {"cli", "synth"}


def test_dir_and_tab_completion_show_every_public_name() -> None:
    assert dir(innozone) == innozone.__all__
    completer = rlcompleter.Completer({"innozone": innozone})
    for name in innozone.__all__:  # type the first letters, press Tab
        matches = completer.attr_matches(f"innozone.{name[:3]}")
        assert f"innozone.{name}" in {m.rstrip("()") for m in matches}, name


def test_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'no_such_name'"):
        innozone.no_such_name  # noqa: B018
    assert not hasattr(innozone, "np")


@pytest.mark.parametrize("name", public_submodules())
def test_submodule_namespace_lists_only_its_public_names(name: str) -> None:
    module = importlib.import_module(f"innozone.{name}")
    public = set(module.__all__)
    assert set(dir(module)) == public
    assert not public & {"np", "pd", "math", "plt", "annotations"}
    missing = [n for n in public if not hasattr(module, n)]
    assert missing == [], f"innozone.{name}.__all__ names missing attributes {missing}"


def test_star_import_gives_the_public_names() -> None:
    namespace: dict[str, object] = {}
    exec("from innozone import *", namespace)
    assert set(innozone.__all__) <= set(namespace)
