"""Tests of innozone.panel: long -> wide conversion and the error messages it gives."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import innozone
from innozone import panel
from innozone.panel import UnbalancedPanelWarning


def _long() -> pd.DataFrame:
    rows = []
    for unit, g in (("a", 2021), ("b", 0), ("c", 2022), ("d", np.nan)):
        for year in (2019, 2020, 2021, 2022):
            rows.append(
                {
                    "id": unit,
                    "year": year,
                    "y": hash((unit, year)) % 97 / 10.0,
                    "g": g,
                    "x": 1.0 if unit in "ab" else 2.0 + (year - 2019),
                    "cl": unit in "ab",
                }
            )
    return pd.DataFrame(rows)


def test_to_wide_balanced_shapes_and_values():
    df = _long()
    wide = panel.to_wide(
        df, unit="id", time="year", outcome="y", first_treated="g", covariates=["x"], cluster="cl"
    )
    assert wide.units.tolist() == ["a", "b", "c", "d"]
    np.testing.assert_array_equal(wide.periods, [2019, 2020, 2021, 2022])
    assert wide.outcome.shape == (4, 4)
    assert wide.outcome[1, 2] == df.loc[(df.id == "b") & (df.year == 2021), "y"].item()
    np.testing.assert_array_equal(wide.first_treated, [2021, 0, 2022, 0])  # NaN -> never
    assert wide.covariates.shape == (4, 4, 1)
    assert wide.covariates[3, 2, 0] == 5.0  # period 2022, unit c
    assert wide.cluster.tolist() == [1, 1, 0, 0]
    assert wide.dropped_units == {}
    assert wide.n_units == 4 and wide.n_periods == 4


def test_treatment_indicator_to_first_treated():
    df = _long()
    df["d"] = ((df["g"] > 0) & (df["year"] >= df["g"])).astype(int)
    g = panel.first_treated_from_treatment(df, unit="id", time="year", treatment="d")
    np.testing.assert_array_equal(g.to_numpy(), df["g"].fillna(0).to_numpy())
    df.loc[(df.id == "a") & (df.year == 2022), "d"] = 0
    with pytest.raises(
        innozone.InvalidInputError,
        match=r"unit 'a' is treated from 2021 but untreated again in 2022",
    ):
        panel.first_treated_from_treatment(df, unit="id", time="year", treatment="d")
    df.loc[0, "d"] = 2
    with pytest.raises(innozone.InvalidInputError, match="must be 0 or 1"):
        panel.to_wide(df, unit="id", time="year", outcome="y", treatment="d")


def test_unbalanced_panel_warns_with_units_and_periods():
    df = _long()
    df = df[~((df.id == "c") & (df.year.isin([2020, 2022])))]
    report = panel.balance_report(df, unit="id", time="year")
    assert report["unit"].tolist() == ["c"]
    assert report["missing_periods"].iloc[0] == [2020, 2022]
    with pytest.warns(UnbalancedPanelWarning, match=r"'c' \(missing 2020, 2022\)"):
        wide = panel.to_wide(df, unit="id", time="year", outcome="y", first_treated="g")
    assert wide.units.tolist() == ["a", "b", "d"]
    assert wide.dropped_units == {"c": [2020, 2022]}
    with pytest.raises(innozone.InvalidInputError, match=r"1 of 4 units"):
        panel.to_wide(
            df, unit="id", time="year", outcome="y", first_treated="g", unbalanced="error"
        )
    with pytest.raises(innozone.InvalidInputError, match="unbalanced must be"):
        panel.to_wide(df, unit="id", time="year", outcome="y", unbalanced="keep")


def test_missing_outcome_counts_as_a_gap():
    df = _long()
    df.loc[(df.id == "b") & (df.year == 2019), "y"] = np.nan
    report = panel.balance_report(df, unit="id", time="year", outcome="y")
    assert report.to_dict("list")["n_missing"] == [1]
    with pytest.warns(UnbalancedPanelWarning, match=r"'b' \(missing 2019\)"):
        panel.to_wide(df, unit="id", time="year", outcome="y")


def test_errors_name_the_column_and_the_units():
    df = _long()
    with pytest.raises(
        innozone.InvalidInputError, match=r"outcome column 'Y' is not in the data \(outcome='Y'"
    ):
        panel.to_wide(df, unit="id", time="year", outcome="Y")
    with pytest.raises(innozone.InvalidInputError, match="data must be a pandas DataFrame"):
        panel.to_wide(df.to_dict(), unit="id", time="year", outcome="y")
    dup = pd.concat([df, df.iloc[[3]]])
    with pytest.raises(
        innozone.InvalidInputError, match=r"unit 'a' has more than one row for period 2022"
    ):
        panel.to_wide(dup, unit="id", time="year", outcome="y")
    bad_g = df.copy()
    bad_g.loc[(bad_g.id == "b") & (bad_g.year == 2020), "g"] = 2020
    with pytest.raises(
        innozone.InvalidInputError,
        match=r"first_treated='g': must be constant within a unit; unit 'b' has 0, 2020",
    ):
        panel.to_wide(bad_g, unit="id", time="year", outcome="y", first_treated="g")
    mixed = df.assign(year=df["year"].astype(object))
    mixed.loc[0, "year"] = "2019"
    with pytest.raises(innozone.InvalidInputError, match="time column 'year' mixes values"):
        panel.to_wide(mixed, unit="id", time="year", outcome="y")
    miss_x = df.copy()
    miss_x.loc[(miss_x.id == "d") & (miss_x.year == 2021), "x"] = np.nan
    with pytest.raises(
        innozone.InvalidInputError, match=r"column 'x' is missing for unit 'd' in period 2021"
    ):
        panel.to_wide(miss_x, unit="id", time="year", outcome="y", covariates=["x"])
    with pytest.raises(innozone.InvalidInputError, match="either first_treated="):
        panel.to_wide(df, unit="id", time="year", outcome="y", first_treated="g", treatment="g")
    neg = df.assign(g=df["g"].fillna(0) - 5000)
    with pytest.raises(
        innozone.InvalidInputError, match="first_treated='g': first treated period must be"
    ):
        panel.to_wide(neg, unit="id", time="year", outcome="y", first_treated="g")


def test_string_and_date_periods_and_their_errors():
    df = _long()
    df["period"] = "P" + df["year"].astype(str)
    df["start"] = np.where(df["g"] > 0, "P" + df["g"].fillna(0).astype(int).astype(str), "")
    wide = panel.to_wide(df, unit="id", time="period", outcome="y", first_treated="start")
    assert wide.period_labels == ["P2019", "P2020", "P2021", "P2022"]
    np.testing.assert_array_equal(wide.periods, [1, 2, 3, 4])  # ranks
    np.testing.assert_array_equal(wide.first_treated, [3, 0, 4, 0])  # P2021 -> 3, P2022 -> 4
    bad = df.assign(start=np.where(df["id"] == "a", "P2030", df["start"]))
    with pytest.raises(innozone.InvalidInputError, match="'P2030' of unit 'a' is not a period"):
        panel.to_wide(bad, unit="id", time="period", outcome="y", first_treated="start")
    dates = df.assign(period=pd.to_datetime(df["year"].astype(str) + "-06-30"))
    with pytest.raises(innozone.InvalidInputError, match="periods of the time column are labels"):
        panel.to_wide(dates, unit="id", time="period", outcome="y", first_treated="g")
    dates["start"] = pd.to_datetime(
        dates["g"].astype("Int64").astype(str) + "-06-30", errors="coerce"
    )
    wide_d = panel.to_wide(dates, unit="id", time="period", outcome="y", first_treated="start")
    assert wide_d.period_labels[0] == pd.Timestamp("2019-06-30")
    np.testing.assert_array_equal(wide_d.first_treated, [3, 0, 4, 0])
    holes = df.copy()
    holes.loc[holes.index[:3], "y"] = np.nan
    with pytest.warns(UnbalancedPanelWarning, match="3 rows with a missing 'y'"):
        long = panel.to_long(holes, unit="id", time="period", outcome="y", first_treated="start")
    assert len(long.outcome) == len(df) - 3 and not long.balanced
