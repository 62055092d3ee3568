"""innozone: plan and evaluate public regional-innovation programs.

A program (its phases, budget lines, components and indicators, each figure with its
source and confidence) is the one model everything else reads: budget appraisal,
outcome projection under uncertainty, and impact evaluation. The loops run in a
compiled C++ core (``innozone._core``); this package is the pandas/matplotlib face.

The public names are listed once, in ``__init__.pyi`` beside this file (one line per
name; add a new name there). ``import innozone`` loads the compiled core, the error
classes and :data:`options`; every other name is imported on first use, so start-up does
not pay for pandas, matplotlib or the report until they are needed.
"""

from __future__ import annotations

from . import _core
from ._errors import InnozoneWarning as InnozoneWarning
from ._errors import InvalidInputError as InvalidInputError
from ._errors import NotFoundError as NotFoundError
from ._errors import NumericalError as NumericalError
from ._errors import NumericalWarning as NumericalWarning
from ._errors import OutOfRangeError as OutOfRangeError
from ._errors import SchemaError as SchemaError
from ._lazy import attach_stub
from ._options import Options as Options
from ._options import options as options

__version__: str = _core.__version__

__getattr__, __dir__, __all__ = attach_stub(__name__, __file__, globals())

del attach_stub
