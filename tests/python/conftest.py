"""Shared pytest set-up.

By default the tests import the installed ``innozone`` package. For a fast developer
loop, set ``INNOZONE_DEV_BUILD`` to a CMake build directory configured with
``-DINNOZONE_BUILD_BINDINGS=ON``: the tests then use the Python sources of this
checkout together with the extension module built there.
"""

from __future__ import annotations

import glob
import importlib.util
import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TEST_DATA = REPO / "tests" / "data"

_dev_build = os.environ.get("INNOZONE_DEV_BUILD")
if _dev_build:
    candidates = glob.glob(os.path.join(_dev_build, "**", "_core*.so"), recursive=True)
    if not candidates:
        raise RuntimeError(f"INNOZONE_DEV_BUILD={_dev_build!r} holds no _core*.so")
    sys.path.insert(0, str(REPO / "python"))
    spec = importlib.util.spec_from_file_location("innozone._core", candidates[0])
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["innozone._core"] = module
    spec.loader.exec_module(module)


@pytest.fixture(scope="session")
def test_data() -> Path:
    """Folder of the repository's own test data (tests/data)."""
    return TEST_DATA
