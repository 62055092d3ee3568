"""Import innozone for a benchmark script.

Without ``INNOZONE_DEV_BUILD`` this is the installed package. With it set to a CMake build
directory, the sources of this checkout are used together with that build's extension
module, by the same loader the tests use (tests/python/conftest.py).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]


def import_innozone() -> Any:
    """The innozone package (installed, or the development build named by INNOZONE_DEV_BUILD)."""
    if os.environ.get("INNOZONE_DEV_BUILD"):
        sys.path.insert(0, str(REPO / "tests" / "python"))
        import conftest  # noqa: F401  (registers the development build's innozone._core)
    import innozone

    return innozone
