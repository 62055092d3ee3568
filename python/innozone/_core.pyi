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
    def execution(years: list[int], planned: list[float], spent: list[float]) -> dict[str, Any]: ...
    @staticmethod
    def korea_social_discount_rate(year: int, month: int = 12) -> float: ...
    @staticmethod
    def discount_factors(n: int, rate: float, timing: str) -> list[float]: ...
    @staticmethod
    def npv(rate: float, flows: list[float], timing: str) -> float: ...
    @staticmethod
    def benefit_cost(
        rate: float, benefits: list[float], costs: list[float], timing: str
    ) -> dict[str, float]: ...
    @staticmethod
    def irr_all(flows: list[float], lower: float = -0.99, upper: float = 100.0) -> dict[str, Any]: ...
    @staticmethod
    def mirr(flows: list[float], finance_rate: float, reinvest_rate: float) -> float: ...
    @staticmethod
    def payback(flows: list[float], rate: float = ..., timing: str = "beginning") -> dict[str, Any]: ...
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
    ) -> dict[str, Any]: ...
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
        flows: Any, rates: Any, timing: str = "beginning", n_threads: int = 0,
        progress: Callable[[int, int], bool | None] | None = None,
    ) -> Any: ...
    @staticmethod
    def irr_batch(
        flows: Any, lower: float = -0.99, upper: float = 100.0, n_threads: int = 0,
        progress: Callable[[int, int], bool | None] | None = None,
    ) -> tuple[Any, Any]: ...
    @staticmethod
    def divide_range(
        numerator: list[float], denominator: list[float], what: str
    ) -> tuple[float, float, float]: ...
    @staticmethod
    def cost_per_unit(cost: list[float], units: float, what: str) -> tuple[float, float, float]: ...
    @staticmethod
    def leverage(
        linked: float, public_money: list[float], what: str
    ) -> tuple[float, float, float]: ...
    @staticmethod
    def window_sum(years: list[int], values: list[float], start: int, end: int, what: str) -> float: ...
    @staticmethod
    def cost_sharing(
        unit_value: float, contribution: float, budget: float = ..., overhead: float = 0.0
    ) -> dict[str, Any]: ...
    @staticmethod
    def technical_coefficients(flows: Any, output: Any) -> Any: ...
    @staticmethod
    def close_households(
        flows: Any, output: Any, compensation: Any, consumption: Any,
        household_income: float = ...,
    ) -> tuple[Any, Any]: ...
    @staticmethod
    def io_multipliers(
        flows: Any, output: Any, value_added: Any, employment: Any, compensation: Any,
        consumption: Any, household_income: float = ...,
    ) -> dict[str, Any]: ...
    @staticmethod
    def io_impact(
        flows: Any, output: Any, value_added: Any, employment: Any, compensation: Any,
        consumption: Any, household_income: float, final_demand: Any,
    ) -> dict[str, Any]: ...
    @staticmethod
    def aggregate_ripple(
        spending: float, production_coefficient: float, value_added_coefficient: float,
        jobs_per_unit: float,
    ) -> dict[str, float]: ...

budget: _BudgetModule

# --- synth ----------------------------------------------------------------

import numpy as _np  # noqa: E402
from numpy.typing import NDArray as _NDArray  # noqa: E402

_SFloats = _NDArray[_np.float64]

class _SynthKktReport:
    @property
    def stationarity(self) -> float: ...
    @property
    def dual_infeasibility(self) -> float: ...
    @property
    def primal_infeasibility(self) -> float: ...
    @property
    def multiplier(self) -> float: ...

class _SynthQpResult:
    @property
    def weights(self) -> _SFloats: ...
    @property
    def objective(self) -> float: ...
    @property
    def iterations(self) -> int: ...
    @property
    def converged(self) -> bool: ...
    @property
    def kkt(self) -> _SynthKktReport: ...

class _SynthScStart:
    @property
    def label(self) -> str: ...
    @property
    def v(self) -> _SFloats: ...
    @property
    def w(self) -> _SFloats: ...
    @property
    def loss_v(self) -> float: ...
    @property
    def evaluations(self) -> int: ...

class _SynthScFit:
    @property
    def w(self) -> _SFloats: ...
    @property
    def v(self) -> _SFloats: ...
    @property
    def loss_v(self) -> float: ...
    @property
    def loss_w(self) -> float: ...
    @property
    def starts(self) -> list[_SynthScStart]: ...
    @property
    def starts_disagree(self) -> bool: ...
    @property
    def qp(self) -> _SynthQpResult: ...

class _SynthScUnitFit:
    @property
    def unit(self) -> int: ...
    @property
    def first_treated(self) -> int: ...
    @property
    def placebo(self) -> bool: ...
    @property
    def fit(self) -> _SynthScFit: ...
    @property
    def synthetic(self) -> _SFloats: ...
    @property
    def gap(self) -> _SFloats: ...
    @property
    def donors(self) -> list[int]: ...
    @property
    def pre_rmspe(self) -> float: ...
    @property
    def post_rmspe(self) -> float: ...
    @property
    def ratio(self) -> float: ...

class _SynthScPanelResult:
    @property
    def treated(self) -> list[_SynthScUnitFit]: ...
    @property
    def placebos(self) -> list[_SynthScUnitFit]: ...
    @property
    def p_values(self) -> list[float]: ...

class _SynthSdidFit:
    @property
    def method(self) -> str: ...
    @property
    def estimate(self) -> float: ...
    @property
    def omega(self) -> _SFloats: ...
    @property
    def lambda_(self) -> _SFloats: ...
    @property
    def beta(self) -> _SFloats: ...
    @property
    def noise_level(self) -> float: ...
    @property
    def zeta_omega(self) -> float: ...
    @property
    def zeta_lambda(self) -> float: ...
    @property
    def min_decrease(self) -> float: ...
    @property
    def omega_iterations(self) -> int: ...
    @property
    def lambda_iterations(self) -> int: ...
    @property
    def covariate_iterations(self) -> int: ...
    @property
    def n0(self) -> int: ...
    @property
    def t0(self) -> int: ...

class _SynthSdidCohort:
    @property
    def adoption(self) -> int: ...
    @property
    def controls(self) -> list[int]: ...
    @property
    def treated(self) -> list[int]: ...
    @property
    def n_post(self) -> int: ...
    @property
    def weight(self) -> float: ...
    @property
    def fit(self) -> _SynthSdidFit: ...
    @property
    def effect_curve(self) -> _SFloats: ...

class _SynthSdidStaggeredFit:
    @property
    def estimate(self) -> float: ...
    @property
    def cohorts(self) -> list[_SynthSdidCohort]: ...
    @property
    def has_covariates(self) -> bool: ...
    @property
    def covariate_method(self) -> str: ...
    @property
    def beta(self) -> _SFloats: ...

class _SynthSeResult:
    @property
    def se(self) -> float: ...
    @property
    def replicates(self) -> list[float]: ...
    @property
    def note(self) -> str: ...

class _SynthModule:
    KktReport: type[_SynthKktReport]
    QpResult: type[_SynthQpResult]
    ScStart: type[_SynthScStart]
    ScFit: type[_SynthScFit]
    ScUnitFit: type[_SynthScUnitFit]
    ScPanelResult: type[_SynthScPanelResult]
    SdidFit: type[_SynthSdidFit]
    SdidCohort: type[_SynthSdidCohort]
    SdidStaggeredFit: type[_SynthSdidStaggeredFit]
    SeResult: type[_SynthSeResult]
    @staticmethod
    def simplex_least_squares(a: _SFloats, b: _SFloats, ridge: float = 0.0) -> _SynthQpResult: ...
    @staticmethod
    def predictor_matrix(
        variables: list[_SFloats], names: list[str], variable: list[int], periods: list[list[int]]
    ) -> _SFloats: ...
    @staticmethod
    def fit_synthetic_control(
        x1: _SFloats, x0: _SFloats, z1: _SFloats, z0: _SFloats, n_random_starts: int = 2,
        equal_start: bool = True, regression_start: bool = True, seed: int = 0,
        max_evaluations: int = 4000, tolerance: float = 1e-10, disagreement_rtol: float = 0.01,
        normalize: bool = True, custom_v: _SFloats = ..., v_search: str = "local",
        n_global_starts: int = 100, n_threads: int = 0,
        progress: Callable[[int, int], bool | None] | None = None,
    ) -> _SynthScFit: ...
    @staticmethod
    def fit_synthetic_control_panel(
        outcome: _SFloats, predictors: _SFloats, treated: list[int], first_treated: list[int],
        donors: list[int], optimize_periods: list[list[int]], placebo: bool = True,
        n_random_starts: int = 2, equal_start: bool = True, regression_start: bool = True,
        seed: int = 0, max_evaluations: int = 4000, tolerance: float = 1e-10,
        disagreement_rtol: float = 0.01, normalize: bool = True, custom_v: _SFloats = ...,
        v_search: str = "local", n_global_starts: int = 100, n_threads: int = 0,
        progress: Callable[[int, int], bool | None] | None = None,
    ) -> _SynthScPanelResult: ...
    @staticmethod
    def sdid_estimate(
        y: _SFloats, n0: int, t0: int, method: str = "sdid", eta_omega: float = -1.0,
        eta_lambda: float = -1.0, noise_level: float = -1.0, min_decrease: float = -1.0,
        max_iter: int = 10000, max_iter_pre_sparsify: int = 100, sparsify: bool = True,
        covariates: list[_SFloats] = ...,
    ) -> _SynthSdidFit: ...
    @staticmethod
    def sdid_staggered(
        y: _SFloats, adoption: list[int], method: str = "sdid", covariates: list[_SFloats] = ...,
        covariate_method: str = "optimized", eta_omega: float = -1.0, eta_lambda: float = -1.0,
        noise_level: float = -1.0, min_decrease: float = -1.0, max_iter: int = 10000,
        max_iter_pre_sparsify: int = 100, sparsify: bool = True,
    ) -> _SynthSdidStaggeredFit: ...
    @staticmethod
    def sdid_staggered_standard_error(
        y: _SFloats, adoption: list[int], fit: _SynthSdidStaggeredFit, se_method: str = "placebo",
        replications: int = 200, seed: int = 0, covariates: list[_SFloats] = ...,
        n_threads: int = 0, progress: Callable[[int, int], bool | None] | None = None,
    ) -> _SynthSeResult: ...
    @staticmethod
    def projected_coefficients(
        y: _SFloats, covariates: list[_SFloats], rows: list[int]
    ) -> _SFloats: ...

synth: _SynthModule

# --- did ------------------------------------------------------------------
import numpy as _did_np  # noqa: E402
import numpy.typing as _did_npt  # noqa: E402

_DidFloats = _did_npt.NDArray[_did_np.float64]
_DidInts = _did_npt.NDArray[_did_np.int32]
_DidIntLike = _did_npt.ArrayLike
_DidProgress = Callable[[int, int], bool | None] | None

class _DidModule:
    class FeRegressionResult:
        @property
        def names(self) -> list[str]: ...
        @property
        def coef(self) -> _DidFloats: ...
        @property
        def se(self) -> _DidFloats: ...
        @property
        def vcov(self) -> _DidFloats: ...
        @property
        def n_obs(self) -> int: ...
        @property
        def n_clusters(self) -> int: ...
        @property
        def n_params(self) -> int: ...
        @property
        def small_sample_factor(self) -> float: ...
        @property
        def r2_within(self) -> float: ...
        @property
        def demean_iterations(self) -> int: ...

    class TwoByTwoResult:
        @property
        def mean(self) -> _DidFloats: ...
        @property
        def mean_se(self) -> _DidFloats: ...
        @property
        def count(self) -> _DidInts: ...
        @property
        def did(self) -> float: ...
        @property
        def se(self) -> float: ...
        @property
        def n_clusters(self) -> int: ...
        @property
        def small_sample_factor(self) -> float: ...

    class EventStudyResult:
        @property
        def rel_time(self) -> _DidInts: ...
        @property
        def coef(self) -> _DidFloats: ...
        @property
        def se(self) -> _DidFloats: ...
        @property
        def regression(self) -> _DidModule.FeRegressionResult: ...
        @property
        def pretest_statistic(self) -> float: ...
        @property
        def pretest_df(self) -> int: ...
        @property
        def pretest_p_value(self) -> float: ...
        @property
        def pretest_note(self) -> str: ...

    class AttGtTable:
        @property
        def group(self) -> _DidFloats: ...
        @property
        def time(self) -> _DidFloats: ...
        @property
        def base_time(self) -> _DidFloats: ...
        @property
        def post(self) -> _DidInts: ...
        @property
        def att(self) -> _DidFloats: ...
        @property
        def se(self) -> _DidFloats: ...
        @property
        def se_analytic(self) -> _DidFloats: ...
        @property
        def n_treated(self) -> _DidInts: ...
        @property
        def n_control(self) -> _DidInts: ...
        @property
        def crit_value(self) -> float: ...

    class Aggregation:
        @property
        def type(self) -> str: ...
        @property
        def overall_att(self) -> float: ...
        @property
        def overall_se(self) -> float: ...
        @property
        def overall_se_analytic(self) -> float: ...
        @property
        def label(self) -> _DidFloats: ...
        @property
        def att(self) -> _DidFloats: ...
        @property
        def se(self) -> _DidFloats: ...
        @property
        def se_analytic(self) -> _DidFloats: ...
        @property
        def crit_value(self) -> float: ...

    class StaggeredResult:
        @property
        def att_gt(self) -> _DidModule.AttGtTable: ...
        @property
        def simple(self) -> _DidModule.Aggregation: ...
        @property
        def group(self) -> _DidModule.Aggregation: ...
        @property
        def dynamic(self) -> _DidModule.Aggregation: ...
        @property
        def calendar(self) -> _DidModule.Aggregation: ...
        @property
        def pretest_statistic(self) -> float: ...
        @property
        def pretest_df(self) -> int: ...
        @property
        def pretest_p_value(self) -> float: ...
        @property
        def n_units(self) -> int: ...
        @property
        def n_clusters(self) -> int: ...
        @property
        def n_boot(self) -> int: ...
        @property
        def dropped_units(self) -> _DidInts: ...
        @property
        def notes(self) -> list[str]: ...
        @property
        def influence(self) -> _DidFloats: ...

    @staticmethod
    def fe_regression(
        y: _did_npt.ArrayLike, x: _did_npt.ArrayLike, unit: _DidIntLike = ...,
        time: _DidIntLike = ..., cluster: _DidIntLike = ..., names: list[str] = ...,
        add_constant: bool = False, small_sample: str = "nested",
        weights: _did_npt.ArrayLike = ..., n_threads: int = 0,
    ) -> _DidModule.FeRegressionResult: ...
    @staticmethod
    def chi2_sf(x: float, df: float) -> float: ...
    @staticmethod
    def two_by_two(
        y: _did_npt.ArrayLike, treated: _DidIntLike, post: _DidIntLike, cluster: _DidIntLike = ...
    ) -> _DidModule.TwoByTwoResult: ...
    @staticmethod
    def event_study(
        y: _did_npt.ArrayLike, unit: _DidIntLike, time: _DidIntLike,
        period_values: _did_npt.ArrayLike, first_treated: _did_npt.ArrayLike,
        cluster: _DidIntLike = ..., weights: _did_npt.ArrayLike = ..., reference: int = -1,
        window_lo: int = 1, window_hi: int = 0, bin_endpoints: bool = True,
        small_sample: str = "nested", n_threads: int = 0,
    ) -> _DidModule.EventStudyResult: ...
    @staticmethod
    def callaway_santanna(
        outcome: _did_npt.ArrayLike, periods: _did_npt.ArrayLike,
        first_treated: _did_npt.ArrayLike, covariates: list[_did_npt.ArrayLike] = ...,
        cluster: _DidIntLike = ..., unit_weights: _did_npt.ArrayLike = ...,
        control_group: str = "never_treated", method: str = "dr", base_period: str = "varying",
        anticipation: int = 0, alpha: float = 0.05, n_boot: int = 999,
        boot_weights: str = "mammen", seed: int = 0, min_e: float = ..., max_e: float = ...,
        balance_e: int = -1, n_threads: int = 0, progress: _DidProgress = None,
    ) -> _DidModule.StaggeredResult: ...
    @staticmethod
    def callaway_santanna_long(
        outcome: _did_npt.ArrayLike, period: _DidIntLike, periods: _did_npt.ArrayLike,
        id: _DidIntLike, first_treated: _did_npt.ArrayLike,
        covariates: _did_npt.ArrayLike = ..., weights: _did_npt.ArrayLike = ...,
        cluster: _DidIntLike = ..., control_group: str = "never_treated", method: str = "dr",
        base_period: str = "varying", anticipation: int = 0, alpha: float = 0.05,
        n_boot: int = 999, boot_weights: str = "mammen", seed: int = 0, min_e: float = ...,
        max_e: float = ..., balance_e: int = -1, n_threads: int = 0,
        progress: _DidProgress = None,
    ) -> _DidModule.StaggeredResult: ...
    @staticmethod
    def multiplier_bootstrap(
        cluster_sums: _did_npt.ArrayLike, n: float, n_boot: int, weights: str = "mammen",
        seed: int = 0, n_threads: int = 0,
    ) -> _DidFloats: ...

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
    # Attached by innozone.estimates (Python): an impact estimate as a distribution.
    @staticmethod
    def from_estimate(result: _Any, *, term: _Any = None,
                      transform: Callable[[_npt.NDArray[_np.float64]], _Any] | None = None) -> Distribution: ...
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
def tornado(model: OutcomeModel, space: ParameterSpace, low: float = 0.1, high: float = 0.9) -> dict[str, _Any]: ...
def morris(model: OutcomeModel, space: ParameterSpace, trajectories: int = 20, levels: int = 4, seed: int = 0,
           n_threads: int = 0, progress: Callable[[int, int], bool | None] | None = None) -> dict[str, _Any]: ...
def morris_statistics(design: _npt.ArrayLike, outputs: _npt.ArrayLike, trajectories: int) -> dict[str, _Any]: ...
def sobol_indices(model: OutcomeModel, space: ParameterSpace, n_base: int, columns: list[int], sampler: str = "sobol",
                  seed: int = 0, n_bootstrap: int = 200, level: float = 0.95, centered: bool = True,
                  n_threads: int = 0, progress: Callable[[int, int], bool | None] | None = None) -> dict[str, _Any]: ...
def sobol_from_outputs(fa: _npt.ArrayLike, fb: _npt.ArrayLike, fab: _npt.ArrayLike, n_bootstrap: int = 0,
                       level: float = 0.95, seed: int = 0, centered: bool = True) -> dict[str, _Any]: ...
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
    @property
    def kind(self) -> str: ...
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

# --- program --------------------------------------------------------------
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

class _ProgramCoverage:
    years: float
    status: str
    through: str

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
    source_date: str
    effective_date: str
    coverage: _ProgramCoverage

class _ProgramRelation:
    type: str
    part: str
    whole: str
    of: str
    from_year: int
    to_year: int
    parts: list[str]
    total: str

class _ProgramIndicator:
    id: str
    name: _ProgramText
    unit: str
    money_unit: str | None
    display_unit: str
    kind: str
    direction: str
    component: str
    relation: _ProgramRelation | None
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
    total_confidence: str | None
    total_note: str | None
    total_range_source: str | None
    total_range_confidence: str | None
    total_range_note: str | None
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

class _ProgramObservationTable:
    program: list[str]
    phase: list[str]
    indicator: list[str]
    name_en: list[str]
    name_ko: list[str]
    year: list[int]
    window_start: list[int]
    window_end: list[int]
    role: list[str]
    value: list[float]
    unit: list[str]
    kind: list[str]
    confidence: list[str]
    source: list[str]
    note: list[str]
    date: list[str]
    date_basis: list[str]
    covered_years: list[float]
    coverage: list[str]
    superseded: list[bool]
    def __len__(self) -> int: ...

class _ProgramGrowth:
    start: str
    end: str
    start_value: float
    end_value: float
    absolute: float
    percent: float
    cagr_percent: float
    years: int

class _ProgramSumPart:
    program: str
    phase: str
    indicator: str
    value: float

class _ProgramSum:
    total: float
    unit: str
    parts: list[_ProgramSumPart]
    missing: list[str]

class _ProgramBudgetSummary:
    total_krw: float | None
    lines_krw: float
    national_krw: float
    local_krw: float
    private_krw: float
    other_krw: float
    unitemised_krw: float

class _ProgramFinding:
    kind: str
    severity: str
    program: str
    phase: str
    indicator: str
    years: list[int]
    stated: float
    computed: float
    mismatch: float
    tolerance: float
    unit: str
    message: str

_PPeriod = int | tuple[int, int] | list[int] | str

class _ProgramModule:
    SCHEMA_VERSION: int
    MAX_DEPTH: int
    INDICATOR_UNITS: list[str]
    COMPONENT_TAGS: list[str]
    Text: type[_ProgramText]
    Source: type[_ProgramSource]
    Observation: type[_ProgramObservation]
    Coverage: type[_ProgramCoverage]
    Relation: type[_ProgramRelation]
    Indicator: type[_ProgramIndicator]
    Component: type[_ProgramComponent]
    BudgetLine: type[_ProgramBudgetLine]
    Budget: type[_ProgramBudget]
    Phase: type[_ProgramPhase]
    Note: type[_ProgramNote]
    Program: type[_ProgramProgram]
    Document: type[_ProgramDocument]
    ObservationTable: type[_ProgramObservationTable]
    Growth: type[_ProgramGrowth]
    SumPart: type[_ProgramSumPart]
    Sum: type[_ProgramSum]
    BudgetSummary: type[_ProgramBudgetSummary]
    Finding: type[_ProgramFinding]
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
    def observation_table(document: _ProgramDocument) -> _ProgramObservationTable: ...
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
    ) -> _ProgramGrowth: ...
    @staticmethod
    def sum_indicators(
        document: _ProgramDocument, program: str, phase: str | None, indicators: list[str],
        period: _PPeriod, role: str | None = None,
    ) -> _ProgramSum: ...
    @staticmethod
    def sum_across_programs(
        document: _ProgramDocument, indicator: str, period: _PPeriod,
        programs: list[str] = ..., role: str | None = None,
    ) -> _ProgramSum: ...
    @staticmethod
    def budget_summary(
        document: _ProgramDocument, program: str, phase: str, role: str = "plan"
    ) -> _ProgramBudgetSummary: ...
    @staticmethod
    def funding_share(
        document: _ProgramDocument, program: str, phase: str, source: str, role: str = "plan"
    ) -> float: ...
    @staticmethod
    def compare_dates(a: str, b: str) -> int: ...
    @staticmethod
    def check(document: _ProgramDocument) -> list[_ProgramFinding]: ...
    @staticmethod
    def half_unit_of_last_digit(value: float) -> float: ...

program: _ProgramModule

# --- efficiency -----------------------------------------------------------
import numpy as _np  # noqa: E402
import numpy.typing as _npt  # noqa: E402
from collections.abc import Sequence as _EfSequence  # noqa: E402

_EfArray = _npt.NDArray[_np.float64]
_EfProgress = Callable[[int, int], bool | None] | None

class _EfficiencyDeaResult:
    @property
    def model(self) -> str: ...
    @property
    def orientation(self) -> str: ...
    @property
    def score(self) -> _EfArray: ...
    @property
    def radial(self) -> _EfArray: ...
    @property
    def input_slack(self) -> _EfArray: ...
    @property
    def output_slack(self) -> _EfArray: ...
    @property
    def lambdas(self) -> _EfArray: ...
    @property
    def input_target(self) -> _EfArray: ...
    @property
    def output_target(self) -> _EfArray: ...
    @property
    def crs_score(self) -> _EfArray: ...
    @property
    def vrs_score(self) -> _EfArray: ...
    @property
    def nirs_score(self) -> _EfArray: ...
    @property
    def scale_efficiency(self) -> _EfArray: ...
    @property
    def returns_to_scale(self) -> list[str]: ...
    @property
    def status(self) -> list[str]: ...
    @property
    def super_score(self) -> _EfArray: ...
    @property
    def super_status(self) -> list[str]: ...
    @property
    def n_lp(self) -> int: ...

class _EfficiencyBootstrapResult:
    @property
    def score(self) -> _EfArray: ...
    @property
    def bias(self) -> _EfArray: ...
    @property
    def bias_corrected(self) -> _EfArray: ...
    @property
    def lower(self) -> _EfArray: ...
    @property
    def upper(self) -> _EfArray: ...
    @property
    def std_error(self) -> _EfArray: ...
    @property
    def bias_ratio(self) -> _EfArray: ...
    @property
    def replicates(self) -> _EfArray: ...
    @property
    def bandwidth(self) -> float: ...
    @property
    def alpha(self) -> float: ...
    @property
    def n_boot(self) -> int: ...
    @property
    def n_failed(self) -> int: ...

class _EfficiencyMalmquistResult:
    @property
    def model(self) -> str: ...
    @property
    def orientation(self) -> str: ...
    @property
    def score_t_t(self) -> _EfArray: ...
    @property
    def score_t_t1(self) -> _EfArray: ...
    @property
    def score_t1_t(self) -> _EfArray: ...
    @property
    def score_t1_t1(self) -> _EfArray: ...
    @property
    def malmquist(self) -> _EfArray: ...
    @property
    def efficiency_change(self) -> _EfArray: ...
    @property
    def technical_change(self) -> _EfArray: ...
    @property
    def pure_efficiency_change(self) -> _EfArray: ...
    @property
    def scale_change(self) -> _EfArray: ...
    @property
    def n_infeasible(self) -> int: ...

class _EfficiencyWindowResult:
    @property
    def model(self) -> str: ...
    @property
    def orientation(self) -> str: ...
    @property
    def width(self) -> int: ...
    @property
    def scores(self) -> list[_EfArray]: ...

class _EfficiencyModule:
    DeaResult: type[_EfficiencyDeaResult]
    BootstrapResult: type[_EfficiencyBootstrapResult]
    MalmquistResult: type[_EfficiencyMalmquistResult]
    WindowResult: type[_EfficiencyWindowResult]
    @staticmethod
    def lp_solver_version() -> str: ...
    @staticmethod
    def minimum_units(n_inputs: int, n_outputs: int) -> int: ...
    @staticmethod
    def validate_data(
        inputs: _npt.ArrayLike, outputs: _npt.ArrayLike, units: list[str] = ...,
        input_names: list[str] = ..., output_names: list[str] = ...,
    ) -> None: ...
    @staticmethod
    def bootstrap_bandwidth(delta: _npt.ArrayLike) -> float: ...
    @staticmethod
    def dea(
        inputs: _npt.ArrayLike, outputs: _npt.ArrayLike, model: str = "ccr",
        orientation: str = "input", slacks: bool = True, super_efficiency: bool = False,
        units: list[str] = ..., input_names: list[str] = ..., output_names: list[str] = ...,
        n_threads: int = 0, progress: _EfProgress = None,
    ) -> _EfficiencyDeaResult: ...
    @staticmethod
    def scores_against(
        ref_inputs: _npt.ArrayLike, ref_outputs: _npt.ArrayLike, eval_inputs: _npt.ArrayLike,
        eval_outputs: _npt.ArrayLike, model: str = "ccr", orientation: str = "input",
    ) -> _EfArray: ...
    @staticmethod
    def bootstrap(
        inputs: _npt.ArrayLike, outputs: _npt.ArrayLike, scores: _npt.ArrayLike,
        model: str = "ccr", orientation: str = "input", n_boot: int = 2000, seed: int = 0,
        alpha: float = 0.05, bandwidth: float = 0.0, n_threads: int = 0,
        progress: _EfProgress = None,
    ) -> _EfficiencyBootstrapResult: ...
    @staticmethod
    def malmquist(
        inputs: _EfSequence[_npt.ArrayLike], outputs: _EfSequence[_npt.ArrayLike], model: str = "ccr",
        orientation: str = "input", units: list[str] = ..., input_names: list[str] = ...,
        output_names: list[str] = ..., periods: list[str] = ..., n_threads: int = 0,
        progress: _EfProgress = None,
    ) -> _EfficiencyMalmquistResult: ...
    @staticmethod
    def window_analysis(
        inputs: _EfSequence[_npt.ArrayLike], outputs: _EfSequence[_npt.ArrayLike], width: int,
        model: str = "ccr", orientation: str = "input", units: list[str] = ...,
        input_names: list[str] = ..., output_names: list[str] = ..., periods: list[str] = ...,
        n_threads: int = 0, progress: _EfProgress = None,
    ) -> _EfficiencyWindowResult: ...

efficiency: _EfficiencyModule
