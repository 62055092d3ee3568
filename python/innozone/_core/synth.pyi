# Stubs of innozone._core.synth (cpp/bindings/register_synth.cpp).
# Synthetic control and synthetic difference-in-differences.
from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt
from typing_extensions import TypeAlias

from .common import _BoundClass

_F64: TypeAlias = npt.NDArray[np.float64]
_Progress: TypeAlias = Callable[[int, int], bool | None] | None

class KktReport(metaclass=_BoundClass):
    @property
    def stationarity(self) -> float: ...
    @property
    def dual_infeasibility(self) -> float: ...
    @property
    def primal_infeasibility(self) -> float: ...
    @property
    def multiplier(self) -> float: ...

class QpResult(metaclass=_BoundClass):
    @property
    def weights(self) -> _F64: ...
    @property
    def objective(self) -> float: ...
    @property
    def iterations(self) -> int: ...
    @property
    def converged(self) -> bool: ...
    @property
    def kkt(self) -> KktReport: ...

class ScStart(metaclass=_BoundClass):
    @property
    def label(self) -> str: ...
    @property
    def v(self) -> _F64: ...
    @property
    def w(self) -> _F64: ...
    @property
    def loss_v(self) -> float: ...
    @property
    def evaluations(self) -> int: ...

class ScFit(metaclass=_BoundClass):
    @property
    def w(self) -> _F64: ...
    @property
    def v(self) -> _F64: ...
    @property
    def loss_v(self) -> float: ...
    @property
    def loss_w(self) -> float: ...
    @property
    def starts(self) -> list[ScStart]: ...
    @property
    def starts_disagree(self) -> bool: ...
    @property
    def qp(self) -> QpResult: ...

class ScUnitFit(metaclass=_BoundClass):
    @property
    def unit(self) -> int: ...
    @property
    def first_treated(self) -> int: ...
    @property
    def placebo(self) -> bool: ...
    @property
    def fit(self) -> ScFit: ...
    @property
    def synthetic(self) -> _F64: ...
    @property
    def gap(self) -> _F64: ...
    @property
    def donors(self) -> list[int]: ...
    @property
    def pre_rmspe(self) -> float: ...
    @property
    def post_rmspe(self) -> float: ...
    @property
    def ratio(self) -> float: ...

class ScPanelResult(metaclass=_BoundClass):
    @property
    def treated(self) -> list[ScUnitFit]: ...
    @property
    def placebos(self) -> list[ScUnitFit]: ...
    @property
    def p_values(self) -> list[float]: ...

class SdidFit(metaclass=_BoundClass):
    @property
    def method(self) -> str: ...
    @property
    def estimate(self) -> float: ...
    @property
    def omega(self) -> _F64: ...
    @property
    def lambda_(self) -> _F64: ...
    @property
    def beta(self) -> _F64: ...
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

class SdidCohort(metaclass=_BoundClass):
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
    def fit(self) -> SdidFit: ...
    @property
    def effect_curve(self) -> _F64: ...

class SdidStaggeredFit(metaclass=_BoundClass):
    @property
    def estimate(self) -> float: ...
    @property
    def cohorts(self) -> list[SdidCohort]: ...
    @property
    def has_covariates(self) -> bool: ...
    @property
    def covariate_method(self) -> str: ...
    @property
    def beta(self) -> _F64: ...

class SeResult(metaclass=_BoundClass):
    @property
    def se(self) -> float: ...
    @property
    def replicates(self) -> list[float]: ...
    @property
    def note(self) -> str: ...

def simplex_least_squares(a: npt.ArrayLike, b: npt.ArrayLike, ridge: float = 0.0) -> QpResult: ...
def predictor_matrix(
    variables: Sequence[npt.ArrayLike],
    names: Sequence[str],
    variable: Sequence[int],
    periods: Sequence[Sequence[int]],
) -> _F64: ...
def fit_synthetic_control(
    x1: npt.ArrayLike,
    x0: npt.ArrayLike,
    z1: npt.ArrayLike,
    z0: npt.ArrayLike,
    n_random_starts: int = 2,
    equal_start: bool = True,
    regression_start: bool = True,
    seed: int = 0,
    max_evaluations: int = 4000,
    tolerance: float = 1e-10,
    disagreement_rtol: float = 0.01,
    normalize: bool = True,
    custom_v: npt.ArrayLike | None = None,
    v_search: str = "local",
    n_global_starts: int = 100,
    n_threads: int = 0,
    progress: _Progress = None,
) -> ScFit: ...
def fit_synthetic_control_panel(
    outcome: npt.ArrayLike,
    predictors: npt.ArrayLike,
    treated: Sequence[int],
    first_treated: Sequence[int],
    donors: Sequence[int],
    optimize_periods: Sequence[Sequence[int]],
    placebo: bool = True,
    n_random_starts: int = 2,
    equal_start: bool = True,
    regression_start: bool = True,
    seed: int = 0,
    max_evaluations: int = 4000,
    tolerance: float = 1e-10,
    disagreement_rtol: float = 0.01,
    normalize: bool = True,
    custom_v: npt.ArrayLike | None = None,
    v_search: str = "local",
    n_global_starts: int = 100,
    n_threads: int = 0,
    progress: _Progress = None,
) -> ScPanelResult: ...
def sdid_estimate(
    y: npt.ArrayLike,
    n0: int,
    t0: int,
    method: str = "sdid",
    eta_omega: float = -1.0,
    eta_lambda: float = -1.0,
    noise_level: float = -1.0,
    min_decrease: float = -1.0,
    max_iter: int = 10000,
    max_iter_pre_sparsify: int = 100,
    sparsify: bool = True,
    covariates: Sequence[npt.ArrayLike] = ...,
) -> SdidFit: ...
def sdid_staggered(
    y: npt.ArrayLike,
    adoption: Sequence[int],
    method: str = "sdid",
    covariates: Sequence[npt.ArrayLike] = ...,
    covariate_method: str = "optimized",
    eta_omega: float = -1.0,
    eta_lambda: float = -1.0,
    noise_level: float = -1.0,
    min_decrease: float = -1.0,
    max_iter: int = 10000,
    max_iter_pre_sparsify: int = 100,
    sparsify: bool = True,
) -> SdidStaggeredFit: ...
def sdid_staggered_standard_error(
    y: npt.ArrayLike,
    adoption: Sequence[int],
    fit: SdidStaggeredFit,
    se_method: str = "placebo",
    replications: int = 200,
    seed: int = 0,
    covariates: Sequence[npt.ArrayLike] = ...,
    n_threads: int = 0,
    progress: _Progress = None,
    first_replicate: int = 0,
) -> SeResult: ...
def replicate_standard_error(replicates: Sequence[float]) -> float: ...
def projected_coefficients(
    y: npt.ArrayLike, covariates: Sequence[npt.ArrayLike], rows: Sequence[int]
) -> _F64: ...
