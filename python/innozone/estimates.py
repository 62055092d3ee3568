"""From evaluation to projection: an impact estimate as a model input distribution.

``Distribution.from_estimate(result)`` turns the result of an impact evaluation (TWFE, an
event study, Callaway & Sant'Anna, synthetic control, synthetic DiD, a 2x2 DiD) into a
:class:`~innozone.outcomes.Distribution` usable wherever the package takes an uncertain
input: as an override of the zone model (:func:`innozone.zone_model`, ``overrides=``) or
as the attribution share of :func:`innozone.appraise_phase`.

The distribution is

- the estimate's **bootstrap draws** where the result holds them (synthetic DiD with
  ``se="bootstrap"``);
- the estimate plus its **placebo noise** where the result holds placebo estimates
  (synthetic DiD with ``se="placebo"``: estimate + (placebo_i - mean placebo); synthetic
  control with in-space placebos: the treated unit's average post-treatment gap plus each
  placebo's average post-treatment gap, centred);
- otherwise **normal** with the estimate's standard error.

``transform=`` maps the estimate's scale to the input's (e.g. an effect on log revenue to
the share of revenue due to the program: ``lambda b: 1 - np.exp(-b)``); the result is then
an empirical distribution of the transformed draws (or of 4,096 normal quantiles).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from ._errors import InvalidInputError, NumericalError
from .outcomes import Distribution

__all__ = ["estimate_parts", "from_estimate"]


def __dir__() -> list[str]:  # tab completion lists the public names only
    return list(__all__)


#: Points of the normal quantile grid used when a transform needs draws.
N_POINTS = 4096


def _finite(value: Any) -> float | None:
    try:
        out = float(value)
    except (TypeError, ValueError):
        return None
    return out if np.isfinite(out) else None


def estimate_parts(
    result: Any, term: Any = None
) -> tuple[float, float | None, np.ndarray | None, str]:
    """``(estimate, standard error, draws or None, description)`` of an impact estimate.

    The one place that reads estimator results (their attributes are looked up
    defensively, so results of other versions with the same fields work too).

    Parameters
    ----------
    result
        A TWFE, event-study, Callaway & Sant'Anna (or one of its aggregations), synthetic
        control, synthetic DiD or 2x2 DiD result.
    term : optional
        TWFE: the coefficient (default: the first, the treatment); event study: the event
        time (required when several post-treatment periods exist); Callaway & Sant'Anna:
        the aggregation (``"simple"`` by default).
    """
    kind = type(result).__name__
    # Callaway & Sant'Anna: an aggregation's overall ATT.
    if hasattr(result, "aggregate") and hasattr(result, "att_gt"):
        return estimate_parts(result.aggregate(term or "simple"))
    if hasattr(result, "overall_att"):
        est = _finite(result.overall_att)
        se = _finite(getattr(result, "overall_se", None))
        what = f"{kind} ({getattr(result, 'type', 'aggregation')}): ATT {est:.4g}"
        if est is None:
            raise NumericalError(f"{kind}: the overall ATT is not finite")
        return est, se, None, what
    # Synthetic DiD: replicates by bootstrap or placebo.
    if hasattr(result, "replicates") and hasattr(result, "estimate"):
        est = _finite(result.estimate)
        if est is None:
            raise NumericalError(f"{kind}: the estimate is not finite")
        se = _finite(getattr(result, "se", None))
        reps = np.asarray(getattr(result, "replicates", []), dtype=float)
        reps = reps[np.isfinite(reps)]
        method = str(getattr(result, "se_method", "") or "")
        if reps.size >= 2 and method == "bootstrap":
            return est, se, reps, f"{kind}: {est:.4g}, {reps.size} bootstrap draws"
        if reps.size >= 2 and method == "placebo":
            draws = est + (reps - reps.mean())
            return est, se, draws, f"{kind}: {est:.4g} + {reps.size} placebo deviations"
        return est, se, None, f"{kind}: {est:.4g} (s.e. {se if se is not None else 'n/a'})"
    # Synthetic control: placebo gaps of the donors.
    if hasattr(result, "placebo_gaps") and hasattr(result, "att"):
        est = _finite(result.att)
        if est is None:
            raise NumericalError(f"{kind}: the ATT is not finite")
        gaps = getattr(result, "placebo_gaps", None)
        starts = getattr(result, "first_treated", {}) or {}
        draws = None
        if gaps is not None and len(getattr(gaps, "columns", [])) >= 2 and starts:
            start = min(starts.values())
            post = gaps.loc[gaps.index >= start]
            effects = post.mean(axis=0).to_numpy(dtype=float)
            effects = effects[np.isfinite(effects)]
            if effects.size >= 2:
                draws = est + (effects - effects.mean())
        se = float(np.std(draws, ddof=1)) if draws is not None else None
        what = f"{kind}: ATT {est:.4g}" + (
            f" + {draws.size} placebo deviations" if draws is not None else ""
        )
        return est, se, draws, what
    # Regression tables: TWFE and event studies.
    coefs = getattr(result, "coefficients", None)
    if coefs is not None and hasattr(coefs, "loc") and {"coef", "se"} <= set(coefs.columns):
        if "pre" in coefs.columns:  # event study
            post = coefs[~coefs["pre"].astype(bool)]
            post = post[post["se"] > 0]
            if term is None:
                if len(post) != 1:
                    raise InvalidInputError(
                        f"{kind}: pass term= (an event time: {', '.join(map(str, post.index))}); "
                        "the average of several event times needs their covariances"
                    )
                term = post.index[0]
        elif term is None:
            term = coefs.index[0]
        if term not in coefs.index:
            raise InvalidInputError(
                f"{kind}: no term {term!r} (terms: {', '.join(map(str, coefs.index))})"
            )
        est = _finite(coefs.loc[term, "coef"])
        se = _finite(coefs.loc[term, "se"])
        if est is None:
            raise NumericalError(f"{kind}: the coefficient of {term!r} is not finite")
        return est, se, None, f"{kind} {term}: {est:.4g} (s.e. {se if se is not None else 'n/a'})"
    # 2x2 DiD and anything else with an estimate and a standard error.
    for name in ("did", "estimate", "att"):
        if hasattr(result, name):
            est = _finite(getattr(result, name))
            if est is not None:
                se = _finite(getattr(result, "se", None))
                return est, se, None, f"{kind}: {est:.4g}"
    raise InvalidInputError(
        f"from_estimate: cannot read an estimate from a {kind}; pass a TWFE, event-study, "
        "Callaway & Sant'Anna, synthetic control, synthetic DiD or 2x2 DiD result"
    )


def from_estimate(
    result: Any,
    *,
    term: Any = None,
    transform: Callable[[np.ndarray], Any] | None = None,
) -> Distribution:
    """An input distribution from an impact estimate.

    Parameters
    ----------
    result
        A TWFE, event-study, Callaway & Sant'Anna (or aggregation), synthetic control,
        synthetic DiD or 2x2 DiD result.
    term : optional
        Which estimate (see :func:`estimate_parts`).
    transform : callable, optional
        Vectorised map from the estimate's scale to the input's (applied to the draws).

    Returns
    -------
    Distribution
        ``empirical`` of the bootstrap or placebo draws where the result holds them,
        otherwise ``normal(estimate, se)``; with ``transform``, ``empirical`` of the
        transformed draws (or of the transformed quantiles of that normal at
        (i + 0.5) / 4096).

    Raises
    ------
    innozone.InvalidInputError
        An unknown result type, a missing or non-positive standard error without draws.
    """
    est, se, draws, what = estimate_parts(result, term)
    if draws is None:
        if se is None or not se > 0:
            raise InvalidInputError(
                f"from_estimate: {what} has no standard error and no draws; rerun the "
                "estimator with standard errors"
            )
        if transform is None:
            return Distribution.normal(est, se)
        grid = Distribution.normal(est, se).quantile((np.arange(N_POINTS) + 0.5) / N_POINTS)
        draws = np.asarray(grid, dtype=float)
    values = np.asarray(transform(draws) if transform is not None else draws, dtype=float)
    if values.shape != draws.shape or not np.isfinite(values).all():
        raise InvalidInputError(
            "from_estimate: transform must map an array of draws to finite numbers of the "
            "same shape"
        )
    return Distribution.empirical(values.tolist())


# Distribution.from_estimate(result): the constructor lives here, attached to the core class.
Distribution.from_estimate = staticmethod(from_estimate)  # type: ignore[method-assign]
