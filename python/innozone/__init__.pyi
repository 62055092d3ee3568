# Public names of innozone: the one table (read by innozone/_lazy.py at import time).
#
# One line per name, `from .module import name as name` (or `from . import module as module`
# for a public submodule), grouped by area. A name listed here is in `innozone.__all__` and
# `dir(innozone)`, is typed for type checkers, and is imported from its module on first use.
# Adding a public name is adding its line here (tests/python/test_import.py checks the rest).

__version__: str

# errors and options (loaded with the package)
from ._errors import InnozoneWarning as InnozoneWarning
from ._errors import InvalidInputError as InvalidInputError
from ._errors import NotFoundError as NotFoundError
from ._errors import NumericalError as NumericalError
from ._errors import NumericalWarning as NumericalWarning
from ._errors import OutOfRangeError as OutOfRangeError
from ._errors import SchemaError as SchemaError
from ._options import Options as Options
from ._options import options as options

# example data
from . import examples as examples
from .examples import EXAMPLE_PANELS as EXAMPLE_PANELS
from .examples import example_panel as example_panel

# program
from . import money as money
from . import program as program
from .money import MONEY_UNITS as MONEY_UNITS
from .money import format_krw as format_krw
from .money import krw as krw
from .program import Document as Document
from .program import Program as Program
from .program import datasets as datasets
from .program import load as load

# outcomes
from . import outcomes as outcomes
from . import sensitivity as sensitivity
from .outcomes import Distribution as Distribution
from .outcomes import MonteCarloResult as MonteCarloResult
from .outcomes import OutcomeModel as OutcomeModel
from .outcomes import ParameterSet as ParameterSet
from .outcomes import Scenario as Scenario
from .outcomes import ScenarioComparison as ScenarioComparison
from .outcomes import SurvivalCurve as SurvivalCurve
from .outcomes import Target as Target
from .outcomes import ZoneModel as ZoneModel
from .outcomes import cagr as cagr
from .outcomes import compare_scenarios as compare_scenarios
from .outcomes import fit_growth as fit_growth
from .outcomes import project_cohorts as project_cohorts
from .outcomes import simulate as simulate
from .sensitivity import morris as morris
from .sensitivity import sobol as sobol
from .sensitivity import tornado as tornado

# did
from . import did as did
from . import panel as panel
from .did import CallawaySantAnnaResult as CallawaySantAnnaResult
from .did import EventStudyResult as EventStudyResult
from .did import callaway_santanna as callaway_santanna
from .did import event_study as event_study

# budget
from . import budget as budget
from . import inputoutput as inputoutput
from .budget import KOREA_SOCIAL_DISCOUNT_RATE as KOREA_SOCIAL_DISCOUNT_RATE
from .budget import AppraisalResult as AppraisalResult
from .budget import CostEffectiveness as CostEffectiveness
from .budget import CostSharing as CostSharing
from .budget import MoneyRange as MoneyRange
from .budget import Schedule as Schedule
from .budget import appraise as appraise
from .budget import cost_effectiveness as cost_effectiveness
from .budget import cost_sharing as cost_sharing
from .budget import spread as spread
from .inputoutput import InputOutputTable as InputOutputTable
from .inputoutput import quick_ripple as quick_ripple

# synth
from .synth import SynthDIDResult as SynthDIDResult
from .synth import SyntheticControlResult as SyntheticControlResult
from .synth import synthdid as synthdid
from .synth import synthdid_compare as synthdid_compare
from .synth import synthetic_control as synthetic_control

# program end to end: calibration, projection, appraisal (issue 10)
from . import appraisal as appraisal
from . import estimates as estimates
from . import zonemodel as zonemodel
from .appraisal import PhaseAppraisal as PhaseAppraisal
from .appraisal import appraise_phase as appraise_phase
from .program import PlanVsActual as PlanVsActual
from .program import ZoneComparison as ZoneComparison
from .program import compare_programs as compare_programs
from .program import plan_vs_actual as plan_vs_actual
from .zonemodel import CalibrationError as CalibrationError
from .zonemodel import ZoneCalibration as ZoneCalibration
from .zonemodel import project as project
from .zonemodel import zone_model as zone_model

# efficiency
from . import efficiency as efficiency
from .efficiency import DeaResult as DeaResult
from .efficiency import MalmquistResult as MalmquistResult
from .efficiency import WindowAnalysisResult as WindowAnalysisResult
from .efficiency import ZoneTable as ZoneTable
from .efficiency import dea as dea
from .efficiency import dea_windows as dea_windows
from .efficiency import malmquist as malmquist
from .efficiency import zone_efficiency_section as zone_efficiency_section
from .efficiency import zone_io_table as zone_io_table

# survival fits (outcomes area)
from . import survival as survival
from .survival import SurvivalFitResult as SurvivalFitResult
from .survival import compare_survival_fits as compare_survival_fits
from .survival import fit_survival as fit_survival

# plotting and report
from . import plotting as plotting
from . import report as report
from .report import Report as Report
from .report import build_report as build_report
from .report import write_report as write_report

# distributed (Dask) and sweeps
from . import distributed as distributed
from ._sweep import sweep as sweep
