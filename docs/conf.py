"""Sphinx configuration of the innozone documentation site (``./scripts/docs``).

The API reference is generated at build time from ``__all__`` (``_ext/innozone_apigen.py``):
a name added to ``innozone/__init__.pyi`` or to a submodule's ``__all__`` appears without
editing any page here. The notebooks of ``notebooks/`` (linked as ``docs/notebooks``) and the
Korean quick start are executed by myst-nb during the build (cached between builds).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))

import innozone  # noqa: E402

project = "innozone"
author = "innozone developers"
copyright = "innozone developers (MIT licence)"
version = release = innozone.__version__

extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
    "innozone_apigen",
]

exclude_patterns = ["_build", "**.ipynb_checkpoints", "api/_*"]
language = "en"
root_doc = "index"

# --- MyST and notebooks ------------------------------------------------------------------
myst_enable_extensions = ["colon_fence", "dollarmath"]
myst_heading_anchors = 3
# "cache": executed once, re-executed only when a notebook changes; "force" or "off" from
# the environment (INNOZONE_DOCS_EXECUTE) for a full re-run or a quick text-only build.
nb_execution_mode = os.environ.get("INNOZONE_DOCS_EXECUTE", "cache")
nb_execution_cache_path = str(
    Path(os.environ.get("INNOZONE_DOCS_CACHE", HERE.parent / "build" / "docs" / "jupyter_cache"))
)
nb_execution_timeout = 300
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_merge_streams = True

# --- API reference -----------------------------------------------------------------------
autodoc_default_options = {"member-order": "bysource"}
autodoc_typehints = "signature"
autodoc_preserve_defaults = True
napoleon_numpy_docstring = True
napoleon_google_docstring = False
napoleon_use_ivar = True  # "Attributes" as a field list: no second description of a property
napoleon_use_rtype = False
# A type in a docstring ("list of Assumption") becomes a cross-reference by its short name;
# where two modules define that name Sphinx warns that the reference is ambiguous and links
# the first. Only that ambiguity warning is muted.
suppress_warnings = ["ref.python"]

# --- HTML ----------------------------------------------------------------------------------
html_theme = "pydata_sphinx_theme"
html_title = f"innozone {release}"
html_theme_options = {
    "navigation_with_keys": False,
    "show_toc_level": 2,
    "footer_start": ["copyright"],
    "footer_end": ["sphinx-version"],
}
html_show_sourcelink = False
