"""Public example panels shipped with innozone.

The impact-evaluation estimators are validated on three classic panels of the
causal-inference literature; they ship with the package so that the README, the notebooks
and users' first experiments run from an installed copy. Each file is a byte-for-byte copy
of its origin (see ``innozone/data/panels/README.md`` for the origin, licence and checksum
of each).

>>> import innozone
>>> mpdta = innozone.example_panel("mpdta")
>>> mpdta.shape
(2500, 6)
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from ._errors import NotFoundError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["EXAMPLE_PANELS", "example_panel"]


def __dir__() -> list[str]:  # tab completion lists the public names only
    return list(__all__)


#: Names accepted by :func:`example_panel`, with a one-line description each.
EXAMPLE_PANELS: dict[str, str] = {
    "mpdta": "log teen employment of 500 US counties, 2003-2007, staggered minimum-wage rises "
    "(Callaway & Sant'Anna 2021)",
    "prop99": "cigarette sales of 39 US states, 1970-2000, with the ADH predictors; California's "
    "Proposition 99 from 1989 (Abadie, Diamond & Hainmueller 2010)",
    "basque": "GDP per capita and predictors of 17 Spanish regions and Spain, 1955-1997; "
    "terrorism in the Basque Country from 1975 (Abadie & Gardeazabal 2003)",
}


def example_panel(name: str) -> pd.DataFrame:
    """Return a public example panel as a long DataFrame (one row per unit and period).

    Parameters
    ----------
    name : {"mpdta", "prop99", "basque"}
        Which panel (see :data:`EXAMPLE_PANELS`).

    Returns
    -------
    pandas.DataFrame
        A new frame on every call (changing it does not change the next one).

    Raises
    ------
    NotFoundError
        For an unknown name; the message lists the valid ones.

    Notes
    -----
    **mpdta** (2,500 rows): columns ``year`` (2003-2007), ``countyreal`` (county id),
    ``lpop`` (log county population, time-invariant), ``lemp`` (log teen employment),
    ``first.treat`` (year the county's minimum wage first rose: 2004, 2006 or 2007; 0 =
    never in the sample) and ``treat`` (1 for counties treated at some point). The example
    panel of Callaway & Sant'Anna's R package ``did``, on which innozone's
    :func:`innozone.callaway_santanna` reproduces the package's published ATT(g,t) and
    aggregations. Copied from the Python port ``csdid`` (d2cml-ai/csdid @ ca91c1fe,
    ``csdid/data/mpdta.csv``, MIT licence).

    Citation: Callaway, B. and Sant'Anna, P. H. C. (2021), "Difference-in-Differences with
    multiple time periods", *Journal of Econometrics* 225(2), 200-230.

    **prop99** (1,209 rows): columns ``state``, ``year`` (1970-2000), ``cigsale`` (cigarette
    sales, packs per capita), the predictors of Abadie, Diamond & Hainmueller ``lnincome``
    (log per-capita personal income), ``beer`` (beer consumption per capita),
    ``age15to24`` (share of the population aged 15-24) and ``retprice`` (average retail
    price of a pack, cents), missing (NaN) in the years the original study has no value;
    and ``treated``, added here: 1 for California from 1989 on, else 0. Copied from
    OscarEngelbrektson/SyntheticControlMethods @ 3f496b36,
    ``examples/datasets/smoking_data.csv`` (Apache-2.0 licence); the file stores ``year``
    as a float, returned here as an integer.

    Citation: Abadie, A., Diamond, A. and Hainmueller, J. (2010), "Synthetic Control
    Methods for Comparative Case Studies: Estimating the Effect of California's Tobacco
    Control Program", *Journal of the American Statistical Association* 105(490), 493-505.
    The outcome-only version of the panel is the running example of Arkhangelsky, Athey,
    Hirshberg, Imbens and Wager (2021), "Synthetic Difference-in-Differences", *American
    Economic Review* 111(12), 4088-4118.

    **basque** (774 rows): columns ``regionno``, ``regionname``, ``year`` (1955-1997),
    ``gdpcap`` (real GDP per capita, thousands of 1986 USD), sector shares of production
    (``sec.*``), schooling shares (``school.*``), ``popdens`` and ``invest``, missing in
    the years the original study has no value; and ``treated``, added here: 1 for the
    Basque Country (Pais Vasco) from 1975 on, else 0. Region 1, "Spain (Espana)", is the
    national aggregate, not a donor: exclude it from a synthetic control. Copied from
    sdfordham/pysyncon @ 34350ca5, ``data/basque.csv`` (MIT licence); ``regionno`` and
    ``year`` are stored as floats, returned here as integers.

    Citation: Abadie, A. and Gardeazabal, J. (2003), "The Economic Costs of Conflict: A Case
    Study of the Basque Country", *American Economic Review* 93(1), 113-132.

    Examples
    --------
    >>> import innozone
    >>> smoking = innozone.example_panel("prop99")
    >>> smoking.loc[smoking["treated"] == 1, "state"].unique().tolist()
    ['California']
    """
    try:
        frame = _load(name)
    except KeyError:
        valid = ", ".join(repr(n) for n in EXAMPLE_PANELS)
        raise NotFoundError(f"no example panel named {name!r}; valid names: {valid}") from None
    copy: pd.DataFrame = frame.copy()
    return copy


def _load(name: str) -> pd.DataFrame:
    if not isinstance(name, str) or name not in EXAMPLE_PANELS:
        raise KeyError(name)
    return _read(name)


@cache
def _read(name: str) -> pd.DataFrame:
    import pandas as pd

    with resources.files(__package__).joinpath(f"data/panels/{name}.csv").open("rb") as fh:
        frame = pd.read_csv(fh)
    if name == "prop99":
        frame["year"] = frame["year"].astype("int64")
        frame["treated"] = ((frame["state"] == "California") & (frame["year"] >= 1989)).astype(
            "int64"
        )
    elif name == "basque":
        frame["regionno"] = frame["regionno"].astype("int64")
        frame["year"] = frame["year"].astype("int64")
        basque = frame["regionname"] == "Basque Country (Pais Vasco)"
        frame["treated"] = (basque & (frame["year"] >= 1975)).astype("int64")
    return frame
