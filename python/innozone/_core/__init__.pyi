# Type stubs of the compiled core innozone._core (private; the facade is innozone).
# One file per area, named like the module's submodule of that area. The areas common,
# outcomes and sensitivity define their names at the top level of the module as well
# (where the facade uses them): they are re-exported here. tests/python/test_stubs.py
# checks this package against the compiled module with mypy's stubtest.
from . import budget as budget
from . import common as common
from . import did as did
from . import efficiency as efficiency
from . import outcomes as outcomes
from . import program as program
from . import sensitivity as sensitivity
from . import synth as synth
from .common import *  # noqa: F403  (these areas live at the top level of the module too)
from .outcomes import *  # noqa: F403  (these areas live at the top level of the module too)
from .sensitivity import *  # noqa: F403  (these areas live at the top level of the module too)

__version__: str
