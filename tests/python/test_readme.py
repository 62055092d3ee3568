"""Execute every Python code block of README.md, so the tour cannot rot.

The blocks run in the order they appear, in one namespace (a later block may use what an
earlier one defined), from the repository root (where a reader of the README stands; the
tour's user-style program file is in tests/data), exactly as a reader would paste them into
one Jupyter session. A failure names the block's first line in README.md. innozone's own
warnings (InnozoneWarning: e.g. a target the model cannot answer) are part of what the
reader sees and are allowed; any other warning (a deprecation from pandas, ...) fails. Blocks fenced as anything other than
``python`` (bash, text) are not executed.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import Any

import pytest

import innozone

README = Path(__file__).resolve().parents[2] / "README.md"
_FENCE = re.compile(r"^```python[ \t]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)


def python_blocks(text: str) -> list[tuple[int, str]]:
    """The ``python`` code blocks of a Markdown text with the line number of their first line."""
    return [(text.count("\n", 0, m.start(1)) + 1, m.group(1)) for m in _FENCE.finditer(text)]


def test_block_finder_reads_fences() -> None:
    text = "intro\n```python\na = 1\n```\n\n```bash\nls\n```\n```python\nb = a + 1\n```\n"
    assert python_blocks(text) == [(3, "a = 1\n"), (10, "b = a + 1\n")]


def test_readme_python_blocks_run_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    monkeypatch.chdir(README.parent)
    blocks = python_blocks(README.read_text(encoding="utf-8"))
    assert blocks, "README.md has no python block"
    namespace: dict[str, Any] = {"__name__": "__readme__"}
    try:
        for line, source in blocks:
            # Padding keeps traceback line numbers equal to README.md line numbers.
            code = compile("\n" * (line - 1) + source, str(README), "exec")
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                try:
                    exec(code, namespace)
                except Exception as exc:  # name the block, keep the original traceback
                    pytest.fail(f"README.md block at line {line} raised {exc!r}", pytrace=True)
            foreign = [
                f"{w.category.__name__}: {w.message} ({w.filename}:{w.lineno})"
                for w in caught
                if not issubclass(w.category, innozone.InnozoneWarning)
            ]
            assert foreign == [], f"README.md block at line {line} warned: {foreign}"
    finally:
        plt.close("all")
