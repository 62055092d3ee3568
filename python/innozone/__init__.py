"""innozone: plan and evaluate public regional-innovation programs.

A program (its phases, budget lines, components and indicators, each figure with its
source and confidence) is the one model everything else reads: budget appraisal,
outcome projection under uncertainty, and impact evaluation. The loops run in a
compiled C++ core (``innozone._core``); this package is the pandas/matplotlib face.
"""

from __future__ import annotations

from . import _core
from ._errors import (
    InnozoneWarning,
    InvalidInputError,
    NotFoundError,
    NumericalError,
    NumericalWarning,
    OutOfRangeError,
    SchemaError,
)
from ._options import Options, options

__version__: str = _core.__version__

__all__ = [
    "InnozoneWarning",
    "InvalidInputError",
    "NotFoundError",
    "NumericalError",
    "NumericalWarning",
    "Options",
    "OutOfRangeError",
    "SchemaError",
    "__version__",
    "options",
]
# --- area imports (one block per area; keep each area's lines together) ---
# program
from . import money, program  # noqa: E402
from .money import MONEY_UNITS, format_krw, krw  # noqa: E402
from .program import Document, Program, datasets, load  # noqa: E402

__all__ += [
    "MONEY_UNITS",
    "Document",
    "Program",
    "datasets",
    "format_krw",
    "krw",
    "load",
    "money",
    "program",
]

# outcomes
from . import gimhae_model, outcomes, sensitivity  # noqa: E402
from .outcomes import (  # noqa: E402
    Distribution,
    MonteCarloResult,
    OutcomeModel,
    ParameterSet,
    Scenario,
    ScenarioComparison,
    SurvivalCurve,
    Target,
    ZoneModel,
    cagr,
    compare_scenarios,
    fit_growth,
    project_cohorts,
    simulate,
)
from .sensitivity import morris, sobol, tornado  # noqa: E402

__all__ += [
    "Distribution",
    "MonteCarloResult",
    "OutcomeModel",
    "ParameterSet",
    "Scenario",
    "ScenarioComparison",
    "SurvivalCurve",
    "Target",
    "ZoneModel",
    "cagr",
    "compare_scenarios",
    "fit_growth",
    "gimhae_model",
    "morris",
    "outcomes",
    "project_cohorts",
    "sensitivity",
    "simulate",
    "sobol",
    "tornado",
]

# did
from . import did, panel  # noqa: E402
from .did import (  # noqa: E402
    CallawaySantAnnaResult,
    EventStudyResult,
    callaway_santanna,
    event_study,
)

__all__ += [
    "CallawaySantAnnaResult",
    "EventStudyResult",
    "callaway_santanna",
    "did",
    "event_study",
    "panel",
]

# budget
from . import budget, inputoutput  # noqa: E402
from .budget import (  # noqa: E402
    KOREA_SOCIAL_DISCOUNT_RATE,
    AppraisalResult,
    CostEffectiveness,
    CostSharing,
    MoneyRange,
    Schedule,
    appraise,
    cost_effectiveness,
    cost_sharing,
    spread,
)
from .inputoutput import InputOutputTable, quick_ripple  # noqa: E402

__all__ += [
    "KOREA_SOCIAL_DISCOUNT_RATE",
    "AppraisalResult",
    "CostEffectiveness",
    "CostSharing",
    "InputOutputTable",
    "MoneyRange",
    "Schedule",
    "appraise",
    "budget",
    "cost_effectiveness",
    "cost_sharing",
    "inputoutput",
    "quick_ripple",
    "spread",
]

# synth
from .synth import (  # noqa: E402
    SynthDIDResult,
    SyntheticControlResult,
    synthdid,
    synthdid_compare,
    synthetic_control,
)

__all__ += [
    "SynthDIDResult",
    "SyntheticControlResult",
    "synthdid",
    "synthdid_compare",
    "synthetic_control",
]

# program end to end: calibration, projection, appraisal (issue 10)
from . import appraisal, estimates, zonemodel  # noqa: E402
from .appraisal import PhaseAppraisal, appraise_phase  # noqa: E402
from .program import (  # noqa: E402
    PlanVsActual,
    ZoneComparison,
    compare_programs,
    plan_vs_actual,
)
from .zonemodel import CalibrationError, ZoneCalibration, project, zone_model  # noqa: E402

__all__ += [
    "CalibrationError",
    "PhaseAppraisal",
    "PlanVsActual",
    "ZoneCalibration",
    "ZoneComparison",
    "appraisal",
    "appraise_phase",
    "compare_programs",
    "estimates",
    "plan_vs_actual",
    "project",
    "zone_model",
    "zonemodel",
]

# efficiency
from . import efficiency  # noqa: E402
from .efficiency import (  # noqa: E402
    DeaResult,
    MalmquistResult,
    WindowAnalysisResult,
    ZoneTable,
    dea,
    dea_windows,
    malmquist,
    zone_efficiency_section,
    zone_io_table,
)

__all__ += [
    "DeaResult",
    "MalmquistResult",
    "WindowAnalysisResult",
    "ZoneTable",
    "dea",
    "dea_windows",
    "efficiency",
    "malmquist",
    "zone_efficiency_section",
    "zone_io_table",
]

# survival fits (outcomes area)
from . import survival  # noqa: E402
from .survival import SurvivalFitResult, compare_survival_fits, fit_survival  # noqa: E402

__all__ += ["SurvivalFitResult", "compare_survival_fits", "fit_survival", "survival"]

# plotting and report
from . import plotting, report  # noqa: E402
from .report import Report, build_report, write_report  # noqa: E402

__all__ += [
    "Report",
    "build_report",
    "plotting",
    "report",
    "write_report",
]

# distributed (Dask) and sweeps
from . import distributed  # noqa: E402
from .sweep import sweep  # noqa: E402

__all__ += ["distributed", "sweep"]


def __dir__() -> list[str]:
    return list(__all__)
