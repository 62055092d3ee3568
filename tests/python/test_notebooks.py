"""Execute every tutorial notebook in notebooks/ top to bottom (select with ``-m notebook``).

A notebook fails the test when a cell raises, when a cell runs longer than
``CELL_TIMEOUT`` seconds, or when a cell writes a warning to stderr that its source does
not explain: a cell that is expected to warn carries a comment ``# expected warning: ...``
saying why. The notebooks are committed without outputs; the test checks that too.

With ``INNOZONE_DEV_BUILD`` set (see conftest.py) the kernel gets the same set-up as the
tests: the sources of this checkout with the extension module of that build directory.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import nbclient
import nbformat
import pytest

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
CELL_TIMEOUT = 300  # seconds per cell; the heaviest cell (a Monte Carlo run) takes ~10 s
EXPECTED_NOTEBOOKS = (
    "01-phase1-results.ipynb",
    "02-phase2-plan.ipynb",
    "03-dexter.ipynb",
    "04-gangso-zones.ipynb",
    "05-python-models.ipynb",
    "06-impact-evaluation.ipynb",
    "07-your-own-zone.ipynb",
    "08-estimate-to-appraisal.ipynb",
)

_DEV_SETUP = """\
import glob, importlib.util, os, sys
_build = os.environ["INNOZONE_DEV_BUILD"]
_so = glob.glob(os.path.join(_build, "**", "_core*.so"), recursive=True)[0]
sys.path.insert(0, {python!r})
_spec = importlib.util.spec_from_file_location("innozone._core", _so)
_mod = importlib.util.module_from_spec(_spec)
sys.modules["innozone._core"] = _mod
_spec.loader.exec_module(_mod)
"""

_WARNING_RE = re.compile(r"\b\w*Warning\b")


def test_the_reading_path_is_complete():
    names = [nb.name for nb in NOTEBOOKS]
    for expected in EXPECTED_NOTEBOOKS:
        assert expected in names


@pytest.mark.notebook
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_clean(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    code_cells = [c for c in nb.cells if c.cell_type == "code"]
    assert code_cells, f"{path.name} has no code"
    committed_outputs = [
        i
        for i, c in enumerate(nb.cells)
        if c.cell_type == "code" and (c.get("outputs") or c.get("execution_count"))
    ]
    assert committed_outputs == [], (
        f"{path.name}: cells {committed_outputs} were committed with outputs"
    )

    setup = "import warnings\nwarnings.simplefilter('default')\n"
    if os.environ.get("INNOZONE_DEV_BUILD"):
        setup = _DEV_SETUP.format(python=str(REPO / "python")) + setup
    nb.cells.insert(0, nbformat.v4.new_code_cell(setup))

    env_build = os.environ.get("INNOZONE_DEV_BUILD")
    if env_build and not os.path.isabs(env_build):
        os.environ["INNOZONE_DEV_BUILD"] = str(REPO / env_build)
    try:
        client = nbclient.NotebookClient(
            nb,
            timeout=CELL_TIMEOUT,
            kernel_name="python3",
            resources={"metadata": {"path": str(path.parent)}},
        )
        client.execute()
    finally:
        if env_build is not None:
            os.environ["INNOZONE_DEV_BUILD"] = env_build

    unexplained = []
    for index, cell in enumerate(nb.cells[1:], start=1):
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            text = out.get("text", "") if out.get("output_type") == "stream" else ""
            explained = "# expected warning:" in cell.source
            if out.get("name") == "stderr" and _WARNING_RE.search(text) and not explained:
                unexplained.append((index, text.strip()[:300]))
    assert unexplained == [], f"{path.name}: unexplained warnings {unexplained}"
