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
        covariates: list[_DidAny] = ..., cluster: list[int] = ...,
        control_group: str = "never_treated", method: str = "dr", base_period: str = "varying",
        anticipation: int = 0, alpha: float = 0.05, n_boot: int = 999, weights: str = "mammen",
        seed: int = 0, min_e: float = ..., max_e: float = ..., balance_e: int = -1,
        n_threads: int = 0, progress: Callable[[int, int], bool | None] | None = None,
    ) -> dict[str, _DidAny]: ...
    @staticmethod
    def multiplier_bootstrap(
        cluster_sums: _DidAny, n: float, n_boot: int, weights: str = "mammen", seed: int = 0,
        n_threads: int = 0,
    ) -> _DidAny: ...

did: _DidModule
