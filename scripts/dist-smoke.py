"""Smoke test of an installed innozone wheel (run by scripts/check-dist in a fresh venv).

Usage: python dist-smoke.py README.md WHEEL

Checks that no compiler is on PATH, that innozone is imported from the environment's
site-packages (not from a source tree) with the wheel's version, and runs every ``python``
block of README.md in order in one namespace, from the README's folder (the tour every
engineer keeps current).
"""

from __future__ import annotations

import importlib.metadata
import os
import re
import shutil
import sys
import sysconfig
import time
from pathlib import Path

readme, wheel = Path(sys.argv[1]), Path(sys.argv[2])

compilers = {c: shutil.which(c) for c in ("cc", "c++", "gcc", "g++", "clang", "clang++", "cmake")}
found = {c: p for c, p in compilers.items() if p}
assert not found, f"a compiler is on PATH: {found}"

import innozone  # noqa: E402

site = Path(sysconfig.get_paths()["purelib"]).resolve()
where = Path(innozone.__file__).resolve()
assert site in where.parents, f"innozone imported from {where}, not from {site}"
version = importlib.metadata.version("innozone")
assert innozone.__version__ == version, (innozone.__version__, version)
assert wheel.name.startswith(f"innozone-{version}-"), (wheel.name, version)
core = next((where.parent).glob("_core*.so"))
print(f"    innozone {version} from {where.parent}; core {core.name}")
# The stub package innozone/_core/ (no __init__.py) ships beside the compiled module, which
# is what `import innozone._core` must find.
stubs = sorted(p.stem for p in (where.parent / "_core").glob("*.pyi"))
assert Path(innozone._core.__file__).resolve() == core.resolve(), innozone._core.__file__
assert "__init__" in stubs and len(stubs) > 1, f"stub package incomplete: {stubs}"

text = readme.read_text("utf-8")
fences = re.finditer(r"^```python[ \t]*\n(.*?)^```[ \t]*$", text, re.M | re.S)
# Padding keeps line numbers in tracebacks and warnings equal to README.md's.
blocks = ["\n" * text.count("\n", 0, m.start(1)) + m.group(1) for m in fences]
assert blocks, "README.md has no python block"
namespace: dict[str, object] = {"__name__": "__readme__"}
os.chdir(readme.parent)  # where a reader of the README stands (the tour reads tests/data)
start = time.perf_counter()
for source in blocks:
    exec(compile(source, str(readme), "exec"), namespace)
print(f"    README.md: {len(blocks)} python block(s) ran in {time.perf_counter() - start:.1f} s")
