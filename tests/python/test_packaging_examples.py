"""The example panels shipped in the package (``innozone.example_panel``).

Each shipped CSV must be the very panel the estimators are validated on: the same rows as
the fixture in tests/data (which test_did.py and test_synth.py check against R's ``did``
and ``synthdid`` and the published papers), with the documented type fixes and the added
``treated`` column, and the published figures must follow from it.
"""

from __future__ import annotations

import hashlib
import re
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import innozone

PANELS = resources.files("innozone").joinpath("data/panels")
README = Path(str(PANELS)) / "README.md"


def test_names_and_errors() -> None:
    assert list(innozone.EXAMPLE_PANELS) == ["mpdta", "prop99", "basque"]
    with pytest.raises(innozone.NotFoundError, match="'mpdta', 'prop99', 'basque'"):
        innozone.example_panel("california")
    with pytest.raises(innozone.NotFoundError):
        innozone.example_panel(["mpdta"])  # type: ignore[arg-type]


def test_each_call_returns_a_new_frame() -> None:
    first = innozone.example_panel("mpdta")
    first.loc[:, "lemp"] = 0.0
    assert innozone.example_panel("mpdta")["lemp"].ne(0.0).all()


def test_readme_records_each_file_checksum() -> None:
    text = README.read_text(encoding="utf-8")
    for name in innozone.EXAMPLE_PANELS:
        digest = hashlib.sha256(PANELS.joinpath(f"{name}.csv").read_bytes()).hexdigest()
        assert re.search(rf"`{name}\.csv`.*{digest}", text), f"{name}.csv checksum not in README"


@pytest.mark.parametrize(
    ("name", "fixture", "sep"),
    [
        ("mpdta", "mpdta.csv", ","),
        ("prop99", "prop99_smoking_covariates.csv", ","),
        ("basque", "basque.csv", ","),
    ],
)
def test_panel_equals_the_validated_fixture(
    test_data: Path, name: str, fixture: str, sep: str
) -> None:
    shipped = innozone.example_panel(name)
    reference = pd.read_csv(test_data / fixture, sep=sep, comment="#")
    assert list(shipped.columns[: reference.shape[1]]) == list(reference.columns)
    pd.testing.assert_frame_equal(
        shipped[reference.columns].astype(
            {c: "float64" for c in ("year", "regionno") if c in reference}
        ),
        reference.astype({c: "float64" for c in ("year", "regionno") if c in reference}),
    )


def test_mpdta_design() -> None:
    df = innozone.example_panel("mpdta")
    assert df.shape == (2500, 6)
    # 500 counties observed 2003-2007; first raises in 2004 (20 counties), 2006 (40),
    # 2007 (131); 309 never treated in the sample (Callaway & Sant'Anna 2021, section 5).
    years = df.groupby("countyreal")["year"].apply(tuple)
    assert len(years) == 500 and set(years) == {(2003, 2004, 2005, 2006, 2007)}
    groups = df.drop_duplicates("countyreal")["first.treat"].value_counts().to_dict()
    assert groups == {0: 309, 2004: 20, 2006: 40, 2007: 131}
    assert (df["treat"] == (df["first.treat"] > 0)).all()


def test_prop99_treatment_and_published_estimates() -> None:
    df = innozone.example_panel("prop99")
    assert df.shape == (1209, 8) and df["state"].nunique() == 39
    assert df["year"].dtype == np.int64 and (df["year"].min(), df["year"].max()) == (1970, 2000)
    treated = df[df["treated"] == 1]
    assert set(treated["state"]) == {"California"} and treated["year"].min() == 1989
    assert len(treated) == 12
    # The outcome-only synthdid panel (tests/data/california_prop99.csv) stores the same
    # sales in single precision; on this panel the estimators give the R synthdid digits
    # (Arkhangelsky et al. 2021; synthdid vignette: -15.60383, -19.61966, -27.34911).
    kw = {"unit": "state", "time": "year", "outcome": "cigsale", "treatment": "treated"}
    for method, published in (("sdid", -15.60383), ("sc", -19.61966), ("did", -27.34911)):
        estimate = innozone.synthdid(df, **kw, method=method, se=None).estimate
        assert estimate == pytest.approx(published, abs=5e-6), method


def test_basque_treatment_and_published_fit() -> None:
    df = innozone.example_panel("basque")
    assert df.shape == (774, 18) and df["regionname"].nunique() == 18
    assert df["regionno"].dtype == np.int64 and df["year"].dtype == np.int64
    treated = df[df["treated"] == 1]
    assert set(treated["regionname"]) == {"Basque Country (Pais Vasco)"}
    assert (treated["year"].min(), treated["year"].max()) == (1975, 1997)
    # Abadie & Gardeazabal (2003): synthetic Basque = 0.8508 Cataluna + 0.1492 Madrid; its
    # mean squared error in GDP per capita over 1960-69 is 0.008865 on this panel (the same
    # number test_synth.py computes from its fixture).
    y = df.pivot(index="year", columns="regionname", values="gdpcap").loc[1960:1969]
    synthetic = 0.8508 * y["Cataluna"] + 0.1492 * y["Madrid (Comunidad De)"]
    loss = float(((y["Basque Country (Pais Vasco)"] - synthetic) ** 2).mean())
    assert loss == pytest.approx(0.008865, abs=1e-5)
