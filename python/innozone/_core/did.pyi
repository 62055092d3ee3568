# Stubs of innozone._core.did (cpp/bindings/register_did.cpp).
# The difference-in-differences family.
from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt
from typing_extensions import TypeAlias

from .common import _BoundClass

_F64: TypeAlias = npt.NDArray[np.float64]
_I32: TypeAlias = npt.NDArray[np.int32]
_Progress: TypeAlias = Callable[[int, int], bool | None] | None

class FeRegressionResult(metaclass=_BoundClass):
    @property
    def names(self) -> list[str]: ...
    @property
    def coef(self) -> _F64: ...
    @property
    def se(self) -> _F64: ...
    @property
    def vcov(self) -> _F64: ...
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

class TwoByTwoResult(metaclass=_BoundClass):
    @property
    def mean(self) -> _F64: ...
    @property
    def mean_se(self) -> _F64: ...
    @property
    def count(self) -> _I32: ...
    @property
    def did(self) -> float: ...
    @property
    def se(self) -> float: ...
    @property
    def n_clusters(self) -> int: ...
    @property
    def small_sample_factor(self) -> float: ...

class EventStudyResult(metaclass=_BoundClass):
    @property
    def rel_time(self) -> _I32: ...
    @property
    def coef(self) -> _F64: ...
    @property
    def se(self) -> _F64: ...
    @property
    def regression(self) -> FeRegressionResult: ...
    @property
    def pretest_statistic(self) -> float: ...
    @property
    def pretest_df(self) -> int: ...
    @property
    def pretest_p_value(self) -> float: ...
    @property
    def pretest_note(self) -> str: ...

class AttGtTable(metaclass=_BoundClass):
    @property
    def group(self) -> _F64: ...
    @property
    def time(self) -> _F64: ...
    @property
    def base_time(self) -> _F64: ...
    @property
    def post(self) -> _I32: ...
    @property
    def att(self) -> _F64: ...
    @property
    def se(self) -> _F64: ...
    @property
    def se_analytic(self) -> _F64: ...
    @property
    def n_treated(self) -> _I32: ...
    @property
    def n_control(self) -> _I32: ...
    @property
    def crit_value(self) -> float: ...

class Aggregation(metaclass=_BoundClass):
    @property
    def type(self) -> str: ...
    @property
    def overall_att(self) -> float: ...
    @property
    def overall_se(self) -> float: ...
    @property
    def overall_se_analytic(self) -> float: ...
    @property
    def label(self) -> _F64: ...
    @property
    def att(self) -> _F64: ...
    @property
    def se(self) -> _F64: ...
    @property
    def se_analytic(self) -> _F64: ...
    @property
    def crit_value(self) -> float: ...

class StaggeredResult(metaclass=_BoundClass):
    @property
    def att_gt(self) -> AttGtTable: ...
    @property
    def simple(self) -> Aggregation: ...
    @property
    def group(self) -> Aggregation: ...
    @property
    def dynamic(self) -> Aggregation: ...
    @property
    def calendar(self) -> Aggregation: ...
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
    def dropped_units(self) -> _I32: ...
    @property
    def notes(self) -> list[str]: ...
    @property
    def influence(self) -> _F64: ...

def fe_regression(
    y: npt.ArrayLike,
    x: npt.ArrayLike,
    unit: npt.ArrayLike | None = None,
    time: npt.ArrayLike | None = None,
    cluster: npt.ArrayLike | None = None,
    names: Sequence[str] = ...,
    add_constant: bool = False,
    small_sample: str = "nested",
    weights: npt.ArrayLike | None = None,
    n_threads: int = 0,
) -> FeRegressionResult: ...
def chi2_sf(x: float, df: float) -> float: ...
def two_by_two(
    y: npt.ArrayLike,
    treated: npt.ArrayLike,
    post: npt.ArrayLike,
    cluster: npt.ArrayLike | None = None,
) -> TwoByTwoResult: ...
def event_study(
    y: npt.ArrayLike,
    unit: npt.ArrayLike,
    time: npt.ArrayLike,
    period_values: npt.ArrayLike,
    first_treated: npt.ArrayLike,
    cluster: npt.ArrayLike | None = None,
    weights: npt.ArrayLike | None = None,
    reference: int = -1,
    window_lo: int = 1,
    window_hi: int = 0,
    bin_endpoints: bool = True,
    small_sample: str = "nested",
    n_threads: int = 0,
) -> EventStudyResult: ...
def callaway_santanna(
    outcome: npt.ArrayLike,
    periods: npt.ArrayLike,
    first_treated: npt.ArrayLike,
    covariates: Sequence[npt.ArrayLike] = ...,
    cluster: npt.ArrayLike | None = None,
    unit_weights: npt.ArrayLike | None = None,
    control_group: str = "never_treated",
    method: str = "dr",
    base_period: str = "varying",
    anticipation: int = 0,
    alpha: float = 0.05,
    n_boot: int = 999,
    boot_weights: str = "mammen",
    seed: int = 0,
    min_e: float = ...,
    max_e: float = ...,
    balance_e: int = -1,
    n_threads: int = 0,
    progress: _Progress = None,
) -> StaggeredResult: ...
def callaway_santanna_long(
    outcome: npt.ArrayLike,
    period: npt.ArrayLike,
    periods: npt.ArrayLike,
    id: npt.ArrayLike,
    first_treated: npt.ArrayLike,
    covariates: npt.ArrayLike | None = None,
    weights: npt.ArrayLike | None = None,
    cluster: npt.ArrayLike | None = None,
    control_group: str = "never_treated",
    method: str = "dr",
    base_period: str = "varying",
    anticipation: int = 0,
    alpha: float = 0.05,
    n_boot: int = 999,
    boot_weights: str = "mammen",
    seed: int = 0,
    min_e: float = ...,
    max_e: float = ...,
    balance_e: int = -1,
    n_threads: int = 0,
    progress: _Progress = None,
) -> StaggeredResult: ...
def multiplier_bootstrap(
    cluster_sums: npt.ArrayLike,
    n: float,
    n_boot: int,
    weights: str = "mammen",
    seed: int = 0,
    n_threads: int = 0,
) -> _F64: ...
