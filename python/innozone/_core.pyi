# Type stubs for the compiled core innozone._core (private). One section per area.
from collections.abc import Callable
from typing import Any

__version__: str

# --- common ---------------------------------------------------------------
class InvalidInputError(ValueError): ...
class SchemaError(InvalidInputError):
    path: str
class NotFoundError(KeyError): ...
class OutOfRangeError(IndexError): ...
class NumericalError(ArithmeticError): ...

def normal_quantile(p: float) -> float: ...
def normal_cdf(x: float) -> float: ...
def philox_uniform(seed: int, stream: int, n: int) -> list[float]: ...
def run_parallel_sleep(
    n_tasks: int,
    n_threads: int = 0,
    sleep_ms: int = 1,
    progress: Callable[[int, int], bool | None] | None = None,
) -> list[int]: ...

# --- budget ---------------------------------------------------------------
import numpy as _bnp
import numpy.typing as _bnpt

_BArray = _bnpt.NDArray[_bnp.float64]

class _Execution:
    years: list[int]
    planned: list[float]
    spent: list[float]
    rate: list[float]
    cumulative_planned: list[float]
    cumulative_spent: list[float]
    cumulative_rate: list[float]
    total_planned: float
    total_spent: float
    overall_rate: float

class _BenefitCost:
    pv_benefits: float
    pv_costs: float
    npv: float
    bc_ratio: float

class _IrrRoots:
    roots: list[float]
    sign_changes: int
    lower: float
    upper: float

class _Payback:
    reached: bool
    period: int
    fractional: float

class _Range:
    low: float
    central: float
    high: float

class _CostSharing:
    unit_value: float
    contribution: float
    participant_share: float
    subsidy_rate: float
    public_cost: float
    budget: float
    fundable: int
    budget_used: float
    budget_left: float

class _ClosedTable:
    flows: _BArray
    output: _BArray

class _IoMultipliers:
    output_type1: _BArray
    value_added_type1: _BArray
    employment_type1: _BArray
    income_type1: _BArray
    output_type2: _BArray
    value_added_type2: _BArray
    employment_type2: _BArray
    income_type2: _BArray

class _IoImpact:
    output_type1: _BArray
    value_added_type1: _BArray
    employment_type1: _BArray
    output_type2: _BArray
    value_added_type2: _BArray
    employment_type2: _BArray
    household_income_type2: float

class _AggregateRipple:
    output: float
    value_added: float
    jobs: float

class _LeontiefModel:
    def __init__(self, coefficients: Any, check_productive: bool = True) -> None: ...
    @staticmethod
    def from_flows(flows: Any, output: Any) -> _LeontiefModel: ...
    @property
    def size(self) -> int: ...
    @property
    def coefficients(self) -> Any: ...
    @property
    def rcond(self) -> float: ...
    def solve(self, final_demand: Any) -> Any: ...
    def multipliers(self, weights: Any) -> Any: ...
    def inverse(self) -> Any: ...

class _BudgetModule:
    SHARE_TOLERANCE: float
    BREAKDOWN_TOLERANCE: float
    KOREA_SOCIAL_DISCOUNT_RATE: float
    KOREA_SOCIAL_DISCOUNT_RATE_2007: float
    KOREA_SOCIAL_DISCOUNT_RATE_PRE_2007: float
    IRR_LOWER: float
    IRR_UPPER: float
    LeontiefModel: type[_LeontiefModel]
    Execution: type[_Execution]
    BenefitCost: type[_BenefitCost]
    IrrRoots: type[_IrrRoots]
    Payback: type[_Payback]
    Range: type[_Range]
    CostSharing: type[_CostSharing]
    ClosedTable: type[_ClosedTable]
    IoMultipliers: type[_IoMultipliers]
    IoImpact: type[_IoImpact]
    AggregateRipple: type[_AggregateRipple]
    @staticmethod
    def profile_weights(
        n_years: int, profile: str, decay: float = 0.7, steepness: float = 6.0,
        weights: list[float] = ...,
    ) -> list[float]: ...
    @staticmethod
    def spread_total(
        total: float, start_year: int, end_year: int, profile: str, decay: float = 0.7,
        steepness: float = 6.0, weights: list[float] = ..., what: str = "total",
    ) -> list[float]: ...
    @staticmethod
    def spread_with_actuals(
        total: float, start_year: int, end_year: int, known_years: list[int],
        known_amounts: list[float], profile: str, decay: float = 0.7, steepness: float = 6.0,
        weights: list[float] = ..., what: str = "total",
    ) -> list[float]: ...
    @staticmethod
    def check_shares(shares: list[float], names: list[str], what: str) -> None: ...
    @staticmethod
    def split_by_shares(
        amounts: list[float], shares: list[float], names: list[str], what: str
    ) -> Any: ...
    @staticmethod
    def shares_from_amounts(amounts: list[float], names: list[str], what: str) -> list[float]: ...
    @staticmethod
    def check_breakdown(total: float, parts: list[float], names: list[str], what: str) -> float: ...
    @staticmethod
    def check_money(amount: float, what: str) -> None: ...
    @staticmethod
    def execution(years: list[int], planned: list[float], spent: list[float]) -> _Execution: ...
    @staticmethod
    def korea_social_discount_rate(year: int, month: int = 12) -> float: ...
    @staticmethod
    def discount_factors(n: int, rate: float, timing: str) -> list[float]: ...
    @staticmethod
    def npv(rate: float, flows: list[float], timing: str) -> float: ...
    @staticmethod
    def benefit_cost(
        rate: float, benefits: list[float], costs: list[float], timing: str
    ) -> _BenefitCost: ...
    @staticmethod
    def irr_all(flows: list[float], lower: float = -0.99, upper: float = 100.0) -> _IrrRoots: ...
    @staticmethod
    def irr(flows: list[float], lower: float = -0.99, upper: float = 100.0) -> float: ...
    @staticmethod
    def mirr(flows: list[float], finance_rate: float, reinvest_rate: float) -> float: ...
    @staticmethod
    def payback(flows: list[float], rate: float = ..., timing: str = "beginning") -> _Payback: ...
    @staticmethod
    def equivalent_annual_value(present_value: float, rate: float, n: int, timing: str) -> float: ...
    @staticmethod
    def year_fraction(d0: int, d1: int, day_count: str = "ACT/365F") -> float: ...
    @staticmethod
    def xnpv(rate: float, days: list[int], flows: list[float], day_count: str, valuation: int) -> float: ...
    @staticmethod
    def xirr_all(
        days: list[int], flows: list[float], day_count: str = "ACT/365F", lower: float = -0.99,
        upper: float = 100.0,
    ) -> _IrrRoots: ...
    @staticmethod
    def deflator_from_inflation(years: list[int], inflation: list[float], base_year: int) -> list[float]: ...
    @staticmethod
    def to_real(
        years: list[int], nominal: list[float], index_years: list[int], index: list[float],
        base_year: int,
    ) -> list[float]: ...
    @staticmethod
    def to_nominal(
        years: list[int], real: list[float], index_years: list[int], index: list[float],
        base_year: int,
    ) -> list[float]: ...
    @staticmethod
    def npv_batch(
        flows: _bnpt.ArrayLike, rates: _bnpt.ArrayLike, timing: str = "beginning", n_threads: int = 0,
        progress: Callable[[int, int], bool | None] | None = None,
    ) -> _BArray: ...
    @staticmethod
    def irr_batch(
        flows: _bnpt.ArrayLike, lower: float = -0.99, upper: float = 100.0, n_threads: int = 0,
        progress: Callable[[int, int], bool | None] | None = None,
    ) -> tuple[_BArray, _bnpt.NDArray[_bnp.int32]]: ...
    @staticmethod
    def divide_range(numerator: list[float], denominator: list[float], what: str) -> _Range: ...
    @staticmethod
    def cost_per_unit(cost: list[float], units: float, what: str) -> _Range: ...
    @staticmethod
    def leverage(linked: float, public_money: list[float], what: str) -> _Range: ...
    @staticmethod
    def window_sum(years: list[int], values: list[float], start: int, end: int, what: str) -> float: ...
    @staticmethod
    def cost_sharing(
        unit_value: float, contribution: float, budget: float = ..., overhead: float = 0.0
    ) -> _CostSharing: ...
    @staticmethod
    def technical_coefficients(flows: Any, output: Any) -> _BArray: ...
    @staticmethod
    def lu_kernels() -> str: ...
    @staticmethod
    def close_households(
        flows: Any, output: Any, compensation: Any, consumption: Any,
        household_income: float = ...,
    ) -> _ClosedTable: ...
    @staticmethod
    def io_multipliers(
        flows: Any, output: Any, value_added: Any, employment: Any, compensation: Any,
        consumption: Any, household_income: float = ...,
    ) -> _IoMultipliers: ...
    @staticmethod
    def io_impact(
        flows: Any, output: Any, value_added: Any, employment: Any, compensation: Any,
        consumption: Any, household_income: float, final_demand: Any,
    ) -> _IoImpact: ...
    @staticmethod
    def aggregate_ripple(
        spending: float, production_coefficient: float, value_added_coefficient: float,
        jobs_per_unit: float,
    ) -> _AggregateRipple: ...

budget: _BudgetModule

# --- synth ----------------------------------------------------------------
from typing import Any  # noqa: E402

class _SynthModule:
    @staticmethod
    def simplex_least_squares(a: Any, b: Any, ridge: float = 0.0) -> dict[str, Any]: ...
    @staticmethod
    def predictor_matrix(
        variables: list[Any], names: list[str], variable: list[int], periods: list[list[int]]
    ) -> Any: ...
    @staticmethod
    def fit_synthetic_control(
        x1: Any, x0: Any, z1: Any, z0: Any, n_random_starts: int = 2, equal_start: bool = True,
        regression_start: bool = True, seed: int = 0, max_evaluations: int = 4000,
        tolerance: float = 1e-10, disagreement_rtol: float = 0.01, normalize: bool = True,
        custom_v: Any = ...,
    ) -> dict[str, Any]: ...
    @staticmethod
    def fit_synthetic_control_panel(
        outcome: Any, predictors: Any, treated: list[int], first_treated: list[int],
        donors: list[int], optimize_periods: list[list[int]], placebo: bool = True,
        n_random_starts: int = 2, equal_start: bool = True, regression_start: bool = True,
        seed: int = 0, max_evaluations: int = 4000, tolerance: float = 1e-10,
        disagreement_rtol: float = 0.01, normalize: bool = True, custom_v: Any = ...,
        n_threads: int = 0, progress: Callable[[int, int], bool | None] | None = None,
    ) -> dict[str, Any]: ...
    @staticmethod
    def sdid_estimate(
        y: Any, n0: int, t0: int, method: str = "sdid", eta_omega: float = -1.0,
        eta_lambda: float = -1.0, noise_level: float = -1.0, min_decrease: float = -1.0,
        max_iter: int = 10000, max_iter_pre_sparsify: int = 100, sparsify: bool = True,
    ) -> dict[str, Any]: ...
    @staticmethod
    def sdid_standard_error(
        y: Any, n0: int, t0: int, method: str = "sdid", se_method: str = "placebo",
        replications: int = 200, seed: int = 0, eta_omega: float = -1.0,
        eta_lambda: float = -1.0, noise_level: float = -1.0, min_decrease: float = -1.0,
        max_iter: int = 10000, max_iter_pre_sparsify: int = 100, sparsify: bool = True,
        n_threads: int = 0, progress: Callable[[int, int], bool | None] | None = None,
    ) -> dict[str, Any]: ...

synth: _SynthModule

# --- did ------------------------------------------------------------------
from typing import Any as _DidAny  # noqa: E402

class _DidModule:
    @staticmethod
    def fe_regression(
        y: _DidAny, x: _DidAny, unit: list[int] = ..., time: list[int] = ...,
        cluster: list[int] = ..., names: list[str] = ..., add_constant: bool = False,
        small_sample: str = "nested",
    ) -> dict[str, _DidAny]: ...
    @staticmethod
    def chi2_sf(x: float, df: float) -> float: ...
    @staticmethod
    def two_by_two(
        y: _DidAny, treated: list[int], post: list[int], cluster: list[int] = ...
    ) -> dict[str, _DidAny]: ...
    @staticmethod
    def event_study(
        y: _DidAny, unit: list[int], time: list[float], first_treated: list[float],
        cluster: list[int] = ..., reference: int = -1, window_lo: int = 1, window_hi: int = 0,
        bin_endpoints: bool = True, small_sample: str = "nested",
    ) -> dict[str, _DidAny]: ...
    @staticmethod
    def callaway_santanna(
        outcome: _DidAny, periods: list[float], first_treated: list[float],
        covariates: list[_DidAny] = ..., cluster: list[int] = ..., unit_weights: list[float] = ...,
        control_group: str = "never_treated", method: str = "dr", base_period: str = "varying",
        anticipation: int = 0, alpha: float = 0.05, n_boot: int = 999, boot_weights: str = "mammen",
        seed: int = 0, min_e: float = ..., max_e: float = ..., balance_e: int = -1,
        n_threads: int = 0, progress: Callable[[int, int], bool | None] | None = None,
    ) -> dict[str, _DidAny]: ...
    @staticmethod
    def multiplier_bootstrap(
        cluster_sums: _DidAny, n: float, n_boot: int, weights: str = "mammen", seed: int = 0,
        n_threads: int = 0,
    ) -> _DidAny: ...

did: _DidModule

# --- outcomes -------------------------------------------------------------
from typing import Any as _Any

import numpy as _np
import numpy.typing as _npt

class Distribution:
    @staticmethod
    def fixed(value: float) -> Distribution: ...
    @staticmethod
    def uniform(low: float, high: float) -> Distribution: ...
    @staticmethod
    def normal(mean: float, sd: float) -> Distribution: ...
    @staticmethod
    def lognormal(mu: float, sigma: float) -> Distribution: ...
    @staticmethod
    def triangular(low: float, mode: float, high: float) -> Distribution: ...
    @staticmethod
    def pert(low: float, mode: float, high: float, lam: float = 4.0) -> Distribution: ...
    @staticmethod
    def beta(alpha: float, beta: float, low: float = 0.0, high: float = 1.0) -> Distribution: ...
    @staticmethod
    def gamma(shape: float, scale: float) -> Distribution: ...
    @staticmethod
    def poisson(mean: float) -> Distribution: ...
    @staticmethod
    def negative_binomial(r: float, p: float) -> Distribution: ...
    @staticmethod
    def empirical(values: list[float]) -> Distribution: ...
    @property
    def name(self) -> str: ...
    @property
    def params(self) -> list[float]: ...
    def mean(self) -> float: ...
    def variance(self) -> float: ...
    def quantile(self, u: _npt.ArrayLike) -> _npt.NDArray[_np.float64]: ...
    def cdf(self, x: _npt.ArrayLike) -> _npt.NDArray[_np.float64]: ...

def gamma_p(a: float, x: float) -> float: ...
def beta_inc(a: float, b: float, x: float) -> float: ...
def sobol_max_dimensions() -> int: ...
def uniform_design(sampler: str, n: int, d: int, seed: int = 0, scramble: bool = True) -> _npt.NDArray[_np.float64]: ...

class ParameterSpace:
    def __init__(self) -> None: ...
    def add(self, name: str, distribution: Distribution) -> None: ...
    def set_correlation(self, names: list[str], matrix: list[float]) -> None: ...
    @property
    def names(self) -> list[str]: ...
    @property
    def distributions(self) -> list[Distribution]: ...
    @property
    def correlated(self) -> bool: ...
    def __len__(self) -> int: ...
    def transform(self, u: _npt.ArrayLike) -> _npt.NDArray[_np.float64]: ...

class OutcomeModel:
    def __init__(self) -> None: ...
    def input_names(self) -> list[str]: ...
    def indicator_names(self) -> list[str]: ...
    def years(self) -> list[int]: ...
    def evaluate_rows(self, x: _npt.ArrayLike, n_threads: int = 0,
                      progress: Callable[[int, int], bool | None] | None = None) -> _npt.NDArray[_np.float64]: ...

class ZoneModel(OutcomeModel):
    def __init__(self, years: list[int], budget: list[float], phase1_transfers: float = 209.0,
                 phase1_years: int = 5, half_saturation: float = 0.0, initial_years: list[int] = ...,
                 initial_ric: list[float] = ..., initial_startups: list[float] = ...) -> None: ...

class IshigamiModel(OutcomeModel):
    def __init__(self, a: float = 7.0, b: float = 0.1) -> None: ...

def run_monte_carlo(model: OutcomeModel, space: ParameterSpace, n_draws: int, seed: int = 0, sampler: str = "mc",
                    scramble: bool = True, keep_inputs: bool = True, n_threads: int = 0,
                    progress: Callable[[int, int], bool | None] | None = None) -> dict[str, _Any]: ...
def summarize_columns(data: _npt.ArrayLike, probabilities: list[float], n_threads: int = 0) -> dict[str, _Any]: ...
def cagr(start: float, end: float, years: float) -> float: ...
def fit_growth(curve: str, t: list[float], y: list[float], max_iterations: int = 200,
               tolerance: float = 1e-10) -> dict[str, _Any]: ...
def project_growth(curve: str, parameters: list[float], covariance: list[float], t0: float, sigma: float,
                   identified: bool, message: str, t: list[float], level: float = 0.9,
                   prediction: bool = False) -> dict[str, _Any]: ...

class SurvivalCurve:
    @staticmethod
    def weibull(shape: float, scale: float) -> SurvivalCurve: ...
    @staticmethod
    def weibull_through(shape: float, age: float, survival: float) -> SurvivalCurve: ...
    @staticmethod
    def piecewise(ages: list[float], survival: list[float]) -> SurvivalCurve: ...
    @staticmethod
    def kaplan_meier(durations: list[float], events: list[int]) -> SurvivalCurve: ...
    @staticmethod
    def lognormal(mu: float, sigma: float) -> SurvivalCurve: ...
    @staticmethod
    def loglogistic(alpha: float, beta: float) -> SurvivalCurve: ...
    @property
    def kind(self) -> str: ...
    @property
    def parameters(self) -> list[float]: ...
    @property
    def zero_age(self) -> float: ...
    @property
    def ages(self) -> list[float]: ...
    @property
    def values(self) -> list[float]: ...
    @property
    def standard_errors(self) -> list[float]: ...
    @property
    def at_risk(self) -> list[float]: ...
    def __call__(self, age: _npt.ArrayLike) -> _npt.NDArray[_np.float64]: ...

def project_cohorts(years: list[int], entries: list[float], survival: SurvivalCurve, jobs_per_firm: float,
                    revenue_per_firm: float, initial_years: list[int] = ...,
                    initial_entries: list[float] = ...) -> dict[str, _Any]: ...

class Funnel:
    def __init__(self, stages: list[str], top: float, rates: list[float], budget: float, elasticity: float) -> None: ...
    @staticmethod
    def calibrate(stages: list[str], totals: list[float], budget: float, elasticity: float) -> Funnel: ...
    def project(self, budget: float) -> list[float]: ...
    @property
    def stages(self) -> list[str]: ...
    @property
    def rates(self) -> list[float]: ...
    @property
    def elasticity(self) -> float: ...

def budget_response(budget: float, reference_budget: float, reference_output: float, elasticity: float,
                    half_saturation: float = 0.0) -> float: ...

# --- outcomes: sensitivity and survival fits (register_sensitivity.cpp) ----
_F64 = _npt.NDArray[_np.float64]

class TornadoResult:
    @property
    def base(self) -> _F64: ...
    @property
    def low_values(self) -> _F64: ...
    @property
    def high_values(self) -> _F64: ...
    @property
    def outputs(self) -> _F64: ...
    @property
    def n_inputs(self) -> int: ...
    @property
    def n_outputs(self) -> int: ...
    @property
    def low(self) -> float: ...
    @property
    def high(self) -> float: ...

class MorrisResult:
    @property
    def design(self) -> _F64: ...
    @property
    def inputs(self) -> _F64: ...
    @property
    def outputs(self) -> _F64: ...
    @property
    def effects(self) -> _F64: ...
    @property
    def mu(self) -> _F64: ...
    @property
    def mu_star(self) -> _F64: ...
    @property
    def sigma(self) -> _F64: ...
    @property
    def mu_star_conf(self) -> _F64: ...
    @property
    def step(self) -> _F64: ...
    @property
    def bounded(self) -> list[bool]: ...
    @property
    def trajectories(self) -> int: ...
    @property
    def n_inputs(self) -> int: ...
    @property
    def n_outputs(self) -> int: ...
    @property
    def levels(self) -> int: ...
    @property
    def n_boot(self) -> int: ...
    @property
    def level(self) -> float: ...

class SobolResult:
    @property
    def first(self) -> _F64: ...
    @property
    def first_low(self) -> _F64: ...
    @property
    def first_high(self) -> _F64: ...
    @property
    def first_se(self) -> _F64: ...
    @property
    def total(self) -> _F64: ...
    @property
    def total_low(self) -> _F64: ...
    @property
    def total_high(self) -> _F64: ...
    @property
    def total_se(self) -> _F64: ...
    @property
    def variance(self) -> _F64: ...
    @property
    def columns(self) -> list[int]: ...
    @property
    def n_inputs(self) -> int: ...
    @property
    def n_base(self) -> int: ...
    @property
    def n_evaluations(self) -> int: ...
    @property
    def n_boot(self) -> int: ...
    @property
    def level(self) -> float: ...
    @property
    def centered(self) -> bool: ...

def tornado(model: OutcomeModel, space: ParameterSpace, low: float = 0.1, high: float = 0.9) -> TornadoResult: ...
def morris(model: OutcomeModel, space: ParameterSpace, trajectories: int = 20, levels: int = 4, seed: int = 0,
           n_boot: int = 1000, level: float = 0.95, n_threads: int = 0,
           progress: Callable[[int, int], bool | None] | None = None) -> MorrisResult: ...
def morris_statistics(design: _npt.ArrayLike, outputs: _npt.ArrayLike, trajectories: int, n_boot: int = 0,
                      level: float = 0.95, seed: int = 0) -> MorrisResult: ...
def sobol_indices(model: OutcomeModel, space: ParameterSpace, n_base: int, columns: list[int], sampler: str = "sobol",
                  seed: int = 0, n_boot: int = 200, level: float = 0.95, centered: bool = True,
                  n_threads: int = 0, progress: Callable[[int, int], bool | None] | None = None) -> SobolResult: ...
def sobol_from_outputs(fa: _npt.ArrayLike, fb: _npt.ArrayLike, fab: _npt.ArrayLike, n_boot: int = 0,
                       level: float = 0.95, seed: int = 0, centered: bool = True) -> SobolResult: ...

class SurvivalFit:
    @property
    def model(self) -> str: ...
    @property
    def parameter_names(self) -> list[str]: ...
    @property
    def parameters(self) -> list[float]: ...
    @property
    def standard_errors(self) -> list[float]: ...
    @property
    def covariance(self) -> list[float]: ...
    @property
    def location(self) -> float: ...
    @property
    def log_scale(self) -> float: ...
    @property
    def location_scale_covariance(self) -> list[float]: ...
    @property
    def log_likelihood(self) -> float: ...
    @property
    def aic(self) -> float: ...
    @property
    def n_observations(self) -> int: ...
    @property
    def n_events(self) -> int: ...
    @property
    def total_weight(self) -> float: ...
    @property
    def iterations(self) -> int: ...
    @property
    def gradient_norm(self) -> float: ...
    def survival(self, t: _npt.ArrayLike) -> _F64: ...
    def hazard(self, t: _npt.ArrayLike) -> _F64: ...
    def cumulative_hazard(self, t: _npt.ArrayLike) -> _F64: ...
    def density(self, t: _npt.ArrayLike) -> _F64: ...
    def percentile(self, s: float) -> float: ...
    def percentile_interval(self, s: float, level: float = 0.95) -> tuple[float, float]: ...
    def survival_interval(self, t: _npt.ArrayLike, level: float = 0.95, method: str = "loglog") -> _F64: ...
    def curve(self) -> SurvivalCurve: ...

def fit_survival(model: str, durations: _npt.ArrayLike, events: _npt.ArrayLike, entry: _npt.ArrayLike = ...,
                 weights: _npt.ArrayLike = ..., max_iterations: int = 200, tolerance: float = 1e-10) -> SurvivalFit: ...

# --- program --------------------------------------------------------------
from typing import Any as _PAny  # noqa: E402

class _ProgramText:
    ko: str
    en: str

class _ProgramSource:
    id: str
    publisher: str
    title: str
    date: str
    url: str
    note: str

class _ProgramObservation:
    value: float
    year: int | None
    window: tuple[int, int] | None
    period: str
    date: str
    role: str
    source: str
    confidence: str
    note: str

class _ProgramIndicator:
    id: str
    name: _ProgramText
    unit: str
    money_unit: str | None
    display_unit: str
    kind: str
    direction: str
    component: str
    relation: dict[str, _PAny] | None
    observations: list[_ProgramObservation]

class _ProgramComponent:
    id: str
    name: _ProgramText
    description: str
    tags: list[str]
    source: str

class _ProgramBudgetLine:
    krw: float
    amount: float
    unit: str
    year: int | None
    funding_source: str
    component: str
    role: str
    source: str
    confidence: str
    note: str

class _ProgramBudget:
    total_krw: float | None
    total_unit: str | None
    total_role: str | None
    total_source: str | None
    total_range_krw: tuple[float, float] | None
    lines: list[_ProgramBudgetLine]

class _ProgramPhase:
    id: str
    name: _ProgramText
    start_year: int
    end_year: int
    status: str
    budget: _ProgramBudget | None
    components: list[_ProgramComponent]
    indicators: list[_ProgramIndicator]
    focus: list[_ProgramText]

class _ProgramNote:
    text: str
    source: str
    confidence: str | None

class _ProgramProgram:
    id: str
    name: _ProgramText
    kind: str
    region: _ProgramText
    field: _ProgramText
    designation_year: int | None
    designation_date: str
    batch: int | None
    core_institutions: list[_ProgramText]
    operators: list[_ProgramText]
    description: str
    phases: list[_ProgramPhase]
    indicators: list[_ProgramIndicator]
    notes: list[_ProgramNote]

class _ProgramDocument:
    schema_version: int
    dataset_id: str
    dataset_title: _ProgramText
    dataset_description: str
    sources: list[_ProgramSource]
    programs: list[_ProgramProgram]
    def program(self, program_id: str) -> _ProgramProgram: ...
    def single(self, program_id: str) -> _ProgramDocument: ...

_PPeriod = int | tuple[int, int] | list[int] | str

class _ProgramModule:
    SCHEMA_VERSION: int
    MAX_DEPTH: int
    INDICATOR_UNITS: list[str]
    COMPONENT_TAGS: list[str]
    Text: type[_ProgramText]
    Source: type[_ProgramSource]
    Observation: type[_ProgramObservation]
    Indicator: type[_ProgramIndicator]
    Component: type[_ProgramComponent]
    BudgetLine: type[_ProgramBudgetLine]
    Budget: type[_ProgramBudget]
    Phase: type[_ProgramPhase]
    Note: type[_ProgramNote]
    Program: type[_ProgramProgram]
    Document: type[_ProgramDocument]
    @staticmethod
    def parse_money(text: str) -> tuple[float, float, str]: ...
    @staticmethod
    def format_money(krw: float, unit: str = "억원", decimals: int = -1) -> str: ...
    @staticmethod
    def money_unit_factor(unit: str) -> float: ...
    @staticmethod
    def canonical_money_unit(unit: str) -> str: ...
    @staticmethod
    def format_number(value: float, decimals: int = -1) -> str: ...
    @staticmethod
    def load_document(text: str | bytes) -> _ProgramDocument: ...
    @staticmethod
    def load_document_file(path: str) -> _ProgramDocument: ...
    @staticmethod
    def load_program(text: str | bytes, sources: list[_ProgramSource]) -> _ProgramDocument: ...
    @staticmethod
    def dump_document(document: _ProgramDocument, indent: int = 2) -> str: ...
    @staticmethod
    def dump_program(document: _ProgramDocument, program_id: str, indent: int = 2) -> str: ...
    @staticmethod
    def save_document(document: _ProgramDocument, path: str) -> None: ...
    @staticmethod
    def validate(document: _ProgramDocument) -> None: ...
    @staticmethod
    def observation_table(document: _ProgramDocument) -> dict[str, list[_PAny]]: ...
    @staticmethod
    def value_at(
        document: _ProgramDocument, program: str, phase: str | None, indicator: str,
        period: _PPeriod, role: str | None = None,
    ) -> float: ...
    @staticmethod
    def annual_from_cumulative(
        document: _ProgramDocument, program: str, phase: str | None, indicator: str,
        role: str = "actual",
    ) -> list[_ProgramObservation]: ...
    @staticmethod
    def growth(
        document: _ProgramDocument, program: str, phase: str | None, indicator: str,
        start: _PPeriod, end: _PPeriod, role: str | None = None,
    ) -> dict[str, _PAny]: ...
    @staticmethod
    def sum_indicators(
        document: _ProgramDocument, program: str, phase: str | None, indicators: list[str],
        period: _PPeriod, role: str | None = None,
    ) -> dict[str, _PAny]: ...
    @staticmethod
    def sum_across_programs(
        document: _ProgramDocument, indicator: str, period: _PPeriod,
        programs: list[str] = ..., role: str | None = None,
    ) -> dict[str, _PAny]: ...
    @staticmethod
    def budget_summary(
        document: _ProgramDocument, program: str, phase: str, role: str = "plan"
    ) -> dict[str, float | None]: ...
    @staticmethod
    def funding_share_percent(
        document: _ProgramDocument, program: str, phase: str, source: str, role: str = "plan"
    ) -> float: ...
    @staticmethod
    def check(document: _ProgramDocument) -> list[dict[str, _PAny]]: ...
    @staticmethod
    def half_unit_of_last_digit(value: float) -> float: ...

program: _ProgramModule
