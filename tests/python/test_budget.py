"""Budget model: schedules, execution, real money, appraisal, cost-effectiveness, cost sharing.

Gimhae figures come from shared/seed-facts.md (Aju Business Daily, 2025-01-21) and
shared/zone-facts.md (sections 2b, 3a, 5a); numpy-financial 1.0 docstrings give the
reference NPV/IRR values. Tolerances are written at each check.
"""

from __future__ import annotations

import math
import threading

import matplotlib
import numpy as np
import numpy_financial as npf
import pandas as pd
import pytest

import innozone
from innozone import budget

matplotlib.use("Agg")


# ---------------------------------------------------------------- schedules
def test_gimhae_phase2_schedule_and_national_share() -> None:
    # Phase 2: 180억 over 2025-2029, of which 90억 national (50 %); the rest is not itemised.
    shares = budget.funding_shares({"national": 90.0, "not_itemised": 90.0})
    assert shares["national"] == pytest.approx(0.5, abs=1e-15)
    schedule = innozone.spread(180.0, 2025, 2029, "uniform", sources=shares.to_dict())
    frame = schedule.to_frame()
    assert list(frame.index) == [2025, 2026, 2027, 2028, 2029]
    assert frame["total"].tolist() == pytest.approx([36.0] * 5, abs=1e-12)
    assert frame["national"].sum() == pytest.approx(90.0, abs=1e-12)
    summary = schedule.summary()
    assert summary.loc["national", "share"] == pytest.approx(0.5, abs=1e-12)
    assert summary.attrs["money_unit"] == "억원"
    assert "<table" in schedule._repr_html_()


@pytest.mark.parametrize(
    ("profile", "first_larger"),
    [("ramp_up", False), ("ramp_down", True), ("front_loaded", True), ("back_loaded", False)],
)
def test_profiles_shape_the_years(profile: str, first_larger: bool) -> None:
    by_year = innozone.spread(180.0, 2025, 2029, profile).by_year
    assert by_year.sum() == pytest.approx(180.0, abs=1e-12)
    assert bool(by_year.iloc[0] > by_year.iloc[-1]) is first_larger


def test_s_curve_and_explicit_weights() -> None:
    s = innozone.spread(100.0, 2025, 2029, "s_curve").by_year
    assert s.iloc[2] == s.max()
    assert s.iloc[0] == pytest.approx(s.iloc[4], rel=1e-12)
    w = innozone.spread(100.0, 2025, 2028, "weights", weights=[1, 1, 2, 0]).by_year
    assert w.tolist() == pytest.approx([25.0, 25.0, 50.0, 0.0], abs=1e-12)
    assert budget.profile_weights(4, "ramp_up").tolist() == pytest.approx([0.1, 0.2, 0.3, 0.4])


def test_known_actual_lines_are_kept() -> None:
    # Phase 1 as found: about 70억 in 2020 and 29억 in 2022-2023 (zone-facts 2b); the rest
    # of a 200억 central estimate spread uniformly over 2021 and 2024.
    schedule = innozone.spread(200.0, 2020, 2024, known={2020: 70.0, 2022: 29.0, 2023: 29.0})
    by_year = schedule.by_year
    assert by_year[2020] == 70.0
    assert by_year[2021] == pytest.approx(36.0, abs=1e-12)
    assert by_year[2024] == pytest.approx(36.0, abs=1e-12)
    assert schedule.to_frame()["known"].tolist() == [True, False, True, True, False]


def test_components_split_and_validation_messages() -> None:
    schedule = innozone.spread(
        180.0, 2025, 2029, components={"pipeline": 0.4, "clinical": 0.3, "purchase": 0.3}
    )
    assert schedule.by_component is not None
    assert schedule.by_component["pipeline"].sum() == pytest.approx(72.0, abs=1e-12)
    with pytest.raises(innozone.InvalidInputError, match=r"sum to 0\.9, not 1 \(tolerance 1e-06\)"):
        innozone.spread(180.0, 2025, 2029, sources={"national": 0.5, "local": 0.4})
    with pytest.raises(innozone.InvalidInputError, match="negative"):
        innozone.spread(-1.0, 2025, 2029)
    with pytest.raises(innozone.OutOfRangeError, match="2030 lies outside the phase 2025-2029"):
        innozone.spread(180.0, 2025, 2029, known={2030: 10.0})
    with pytest.raises(innozone.InvalidInputError, match="more than the total 180"):
        innozone.spread(180.0, 2025, 2029, known={2025: 100.0, 2026: 90.0})
    with pytest.raises(innozone.InvalidInputError, match="unknown name 'linear'"):
        innozone.spread(180.0, 2025, 2029, "linear")


def test_breakdown_may_not_exceed_its_total() -> None:
    assert budget.check_breakdown(180.0, {"national": 90.0}) == pytest.approx(90.0)
    with pytest.raises(innozone.InvalidInputError, match="exceeds the total 180 by 10"):
        budget.check_breakdown(180.0, {"national": 90.0, "local": 100.0}, "phase 2")


def test_execution_rates_and_plot() -> None:
    plan = innozone.spread(180.0, 2025, 2029).by_year
    result = budget.execution(plan, {2025: 30.0, 2026: 40.0})
    frame = result.to_frame()
    assert frame["rate"].tolist() == pytest.approx([30 / 36, 40 / 36], rel=1e-12)
    assert result.overall_rate == pytest.approx(70 / 72, rel=1e-12)
    assert result.summary().loc["execution rate", "value"] == pytest.approx(70 / 72)
    ax = result.plot()
    assert len(ax.lines) == 2
    with pytest.raises(innozone.OutOfRangeError, match="2031"):
        budget.execution(plan, {2031: 1.0})


# ---------------------------------------------------------------- real and nominal
def test_deflator_and_real_money_round_trip() -> None:
    deflator = budget.deflator_from_inflation({2024: 0.0, 2025: 0.02, 2026: 0.03}, 2025)
    assert deflator[2026] == pytest.approx(1.03, rel=1e-15)
    real = budget.to_real({2025: 100.0, 2026: 103.0}, deflator, 2025)
    assert real.tolist() == pytest.approx([100.0, 100.0], rel=1e-12)
    nominal = budget.to_nominal(real, deflator, 2025)
    assert nominal[2026] == pytest.approx(103.0, rel=1e-12)
    # A published index with another base (e.g. 2020 = 100) works the same way.
    index = pd.Series({2020: 100.0, 2025: 115.0})
    assert budget.to_real({2020: 100.0}, index, 2025)[2020] == pytest.approx(115.0)
    with pytest.raises(innozone.OutOfRangeError, match="no value for 2019"):
        budget.to_real({2019: 1.0}, index, 2025)


# ---------------------------------------------------------------- appraisal
def test_default_rate_is_koreas_social_discount_rate() -> None:
    assert innozone.KOREA_SOCIAL_DISCOUNT_RATE == 0.045
    assert budget.korea_social_discount_rate(2017, 8) == 0.045
    assert budget.korea_social_discount_rate(2016) == 0.055


def test_npv_matches_numpy_financial_docstring_and_spreadsheet_convention() -> None:
    rate, flows = 0.08, [-40_000, 5_000, 8_000, 12_000, 30_000]
    # numpy-financial docstring: 3065.22267 (t = 0 first); 1e-9 relative to npf itself.
    assert budget.npv(rate, flows) == pytest.approx(3065.22267, abs=5e-6)
    assert budget.npv(rate, flows) == pytest.approx(npf.npv(rate, flows), rel=1e-9)
    # Spreadsheet NPV discounts the first flow one period: timing="end".
    assert budget.npv(rate, flows, timing="end") == pytest.approx(
        npf.npv(rate, flows) / (1 + rate), rel=1e-9
    )
    with pytest.raises(innozone.InvalidInputError, match="use beginning, middle or end"):
        budget.npv(rate, flows, timing="excel")


@pytest.mark.parametrize(
    ("flows", "expected"),
    [
        ([-100, 39, 59, 55, 20], 0.28095),
        ([-100, 0, 0, 74], -0.0955),
        ([-100, 100, 0, -7], -0.0833),
        ([-100, 100, 0, 7], 0.06206),
        ([-5, 10.5, 1, -8, 1], 0.0886),
    ],
)
def test_irr_numpy_financial_docstring_examples(flows: list[float], expected: float) -> None:
    result = budget.irr(flows)
    if result.unique:
        rate = result.rate
    else:  # numpy-financial picks the root closest to zero silently; innozone warns
        with pytest.warns(innozone.NumericalWarning, match="internal rates of return"):
            rate = result.rate
    assert round(rate, 5) == pytest.approx(expected, abs=1e-12)
    assert rate == pytest.approx(npf.irr(flows), rel=1e-9)


def test_irr_reports_every_root_and_raises_without_one() -> None:
    result = budget.irr([-5, 10.5, 1, -8, 1])
    # np.roots gives r = -0.87020, 0.08860, 0.70956 in the default bracket.
    assert result.roots == pytest.approx([-0.8702012475, 0.0885983385, 0.7095595277], rel=1e-9)
    assert result.sign_changes == 3
    assert not result.unique
    summary = result.summary()
    assert isinstance(summary, pd.DataFrame)
    assert summary.loc["IRR", "value"] == pytest.approx(0.0885983385, rel=1e-9)
    assert summary.loc["roots in the bracket", "value"] == 3
    assert "Several roots" in result._repr_html_()
    assert result.to_frame()["preferred"].tolist() == [False, True, False]
    assert len(repr(result)) < 1000
    with pytest.raises(innozone.NumericalError, match="never change sign"):
        budget.irr([10, 20, 30])


# numpy-financial's own tests (numpy_financial/tests/test_financial.py, development version):
# gh_39 expects 0.12 (assert_allclose default rtol 1e-7) and gh_44 1.00426 (rtol 1e-4). Both
# flows have a negative root too, which numpy-financial 1.0.0 (on PyPI) returns instead.
GH_39 = [
    -217500.0, -217500.0, 108466.80462450592, 101129.96439328062, 93793.12416205535,
    86456.28393083003, 79119.44369960476, 71782.60346837944, 64445.76323715414,
    57108.92300592884, 49772.08277470355, 42435.24254347826, 35098.40231225296,
    27761.56208102766, 20424.721849802358, 13087.88161857707, 5751.041387351768,
    -1585.7988438735192, -8922.639075098821, -16259.479306324123, -23596.31953754941,
    -30933.159768774713, -38270.0, -45606.8402312253, -52943.680462450604,
    -60280.520693675906, -67617.36092490121,
]  # fmt: skip
GH_44 = [-1678.87, 771.96, 1814.05, 3520.30, 3552.95, 3584.99, 4789.91, -1]


def test_irr_picks_numpy_financials_current_root_among_several() -> None:
    result = budget.irr(GH_39)
    assert len(result.roots) == 2
    with pytest.warns(innozone.NumericalWarning, match="smallest non-negative"):
        assert result.rate == pytest.approx(0.12, rel=1e-7)
    assert result.roots[0] == pytest.approx(float(npf.irr(GH_39)), rel=1e-9)  # npf 1.0.0's pick
    # gh_44's other root, -0.99979, lies below the default bracket (-0.99); widened, it is
    # found and the positive root is still the one returned.
    assert budget.irr(GH_44).rate == pytest.approx(1.00426, rel=1e-4)
    with pytest.warns(innozone.NumericalWarning):
        assert budget.irr(GH_44, lower=-0.9999).rate == pytest.approx(1.00426, rel=1e-4)
    rates, counts = budget.irr_batch(np.array([GH_39]), n_threads=1)
    assert rates[0] == pytest.approx(0.12, rel=1e-7) and counts[0] == 2
    # Every root negative: the one closest to zero (numpy-financial's docstring -0.0955).
    assert round(budget.irr([-100, 0, 0, 74]).rate, 4) == -0.0955


def test_mirr_of_same_sign_flows_raises_where_numpy_financial_returns_nan() -> None:
    assert np.isnan(npf.mirr([100, 50, 60, 70], 0.10, 0.12))
    with pytest.raises(innozone.NumericalError, match="one positive and one negative"):
        budget.mirr([100, 50, 60, 70], 0.10, 0.12)
    with pytest.raises(innozone.NumericalError, match="one positive and one negative"):
        budget.mirr([-100, -50, -60, -70], 0.10, 0.12)
    # appraise() reports the missing MIRR as None instead of raising.
    assert innozone.appraise([10.0, 10.0], [0.0, 5.0]).mirr is None


def test_mirr_payback_and_equivalent_annual_value_against_numpy_financial() -> None:
    flows = [-100, 30, -20, 60, 70]
    assert budget.mirr(flows, 0.06, 0.08) == pytest.approx(npf.mirr(flows, 0.06, 0.08), rel=1e-9)
    assert budget.payback([-100, 50, 60]) == pytest.approx(1 + 50 / 60, rel=1e-12)
    assert budget.payback([-100, 50, 60], start_year=2025) == 2027
    assert budget.payback([-100, 10, 10]) is None
    # numpy-financial pmt docstring: a 200,000 loan over 15 years of monthly payments at
    # 7.5 % a year costs 1854.0247200054619 a month (-pmt); 1e-9 relative.
    assert budget.equivalent_annual_value(200_000, 0.075 / 12, 12 * 15, "end") == pytest.approx(
        1854.0247200054619, rel=1e-9
    )
    pv = 1000.0
    assert budget.equivalent_annual_value(pv, 0.045, 10, "end") == pytest.approx(
        -npf.pmt(0.045, 10, pv), rel=1e-9
    )
    assert budget.equivalent_annual_value(pv, 0.045, 10, "beginning") == pytest.approx(
        -npf.pmt(0.045, 10, pv, when="begin"), rel=1e-9
    )


def test_appraisal_result_measures_and_waterfall() -> None:
    # Phase-2 cost 36억 a year 2025-2029 against assumed benefits; rate 4.5 %, mid-year.
    costs = innozone.spread(180.0, 2025, 2029).by_year
    benefits = pd.Series({2027: 40.0, 2028: 60.0, 2029: 80.0, 2030: 90.0})
    result = innozone.appraise(benefits, costs, timing="middle")
    years = np.arange(6)
    d = 1.045 ** -(years + 0.5)
    b = np.array([0, 0, 40, 60, 80, 90.0])
    c = np.array([36, 36, 36, 36, 36, 0.0])
    assert result.pv_benefits == pytest.approx(float(b @ d), rel=1e-12)
    assert result.pv_costs == pytest.approx(float(c @ d), rel=1e-12)
    assert result.bc_ratio == pytest.approx(float(b @ d) / float(c @ d), rel=1e-12)
    assert result.irr is not None
    assert npf.npv(result.irr.rate, b - c) == pytest.approx(0.0, abs=1e-9)
    assert result.payback_year == 2030
    frame = result.to_frame()
    assert list(frame.index) == list(range(2025, 2031))
    assert frame["cumulative_pv_net"].iloc[-1] == pytest.approx(result.npv, rel=1e-12)
    assert result.summary().loc["B/C ratio", "unit"] == "ratio"
    ax = result.plot()
    assert len(ax.patches) == 7  # six years and the NPV bar
    from matplotlib.figure import Figure

    own = Figure().add_subplot()
    assert result.plot(ax=own) is own
    assert innozone.spread(10.0, 2025, 2026).plot(ax=own) is own
    assert "<table" in result._repr_html_()


def test_dated_flows_xnpv_and_xirr() -> None:
    dates = ["2025-01-01", "2025-07-01", "2026-03-15"]
    flows = [-100.0, 40.0, 75.0]
    result = budget.xirr(dates, flows)
    assert result.unique
    # ACT/365F by hand: t = 181/365 and 438/365.
    t = np.array([0, 181, 438]) / 365
    assert float(np.sum(np.array(flows) * (1 + result.rate) ** -t)) == pytest.approx(0, abs=1e-9)
    assert budget.xnpv(0.1, dates, flows) == pytest.approx(
        float(np.sum(np.array(flows) * 1.1**-t)), rel=1e-12
    )
    t360 = np.array([0, 181, 438]) / 360
    assert budget.xnpv(0.1, dates, flows, day_count="ACT/360") == pytest.approx(
        float(np.sum(np.array(flows) * 1.1**-t360)), rel=1e-12
    )
    with pytest.raises(innozone.InvalidInputError, match="unknown convention '30/360'"):
        budget.xnpv(0.1, dates, flows, day_count="30/360")


def test_batch_functions_release_the_gil_and_match_scalars() -> None:
    rng = np.random.default_rng(7)
    flows = np.column_stack([-rng.uniform(50, 150, 2000), rng.uniform(0, 40, (2000, 9))])
    values = budget.npv_batch(flows, 0.045, n_threads=2)
    rates, counts = budget.irr_batch(flows, n_threads=2)
    for k in range(0, 2000, 199):
        assert values[k] == pytest.approx(npf.npv(0.045, flows[k]), rel=1e-9)
        assert rates[k] == pytest.approx(npf.irr(flows[k]), rel=1e-9)
        assert counts[k] == 1
    per_row = budget.npv_batch(flows, np.full(2000, 0.045), timing="end", n_threads=1)
    assert per_row == pytest.approx(values / 1.045, rel=1e-12)
    bad = np.full(2000, 0.045)
    bad[17] = -1.5
    with pytest.raises(innozone.InvalidInputError, match="rate of scenario 17"):
        budget.npv_batch(flows, bad)
    with pytest.raises(innozone.InvalidInputError, match="2-D array"):
        budget.npv_batch(flows[0], 0.045)


def test_irr_batch_releases_the_gil_and_reports_progress() -> None:
    rng = np.random.default_rng(11)
    n = 300_000
    flows = np.column_stack([-rng.uniform(50, 150, n), rng.normal(25, 15, (n, 9))])
    ticks: list[int] = []
    seen: list[tuple[int, int]] = []
    stop = threading.Event()

    def ticker() -> None:
        while not stop.is_set():
            ticks.append(1)
            stop.wait(0.002)

    thread = threading.Thread(target=ticker)
    thread.start()
    try:
        rates, counts = budget.irr_batch(
            flows, n_threads=1, progress=lambda done, total: seen.append((done, total))
        )
    finally:
        stop.set()
        thread.join()
    assert len(ticks) > 3
    assert seen[-1][0] == seen[-1][1]
    assert rates.shape == (n,) and counts.shape == (n,)


# ---------------------------------------------------------------- cost-effectiveness
def gimhae_phase1() -> budget.CostEffectiveness:
    # Phase 1 (2020-2024): 76 start-ups, 44 research-institute companies, 1,113 jobs,
    # 1,030억 investment linked, 2,566억 revenue; budget inferred 190-210억 (low
    # confidence) and national funding about 158.6억 (zone-facts 2b, 3a).
    return innozone.cost_effectiveness(
        innozone.MoneyRange(190.0, 200.0, 210.0, confidence="low"),
        {"start-up": 76, "research-institute company": 44, "job": 1113},
        linked={"investment": 1030.0, "revenue": 2566.0},
        national=innozone.MoneyRange.exact(158.6, confidence="low"),
        label="Gimhae phase 1",
    )


def test_gimhae_phase1_cost_per_unit_with_the_budget_range() -> None:
    frame = gimhae_phase1().to_frame()
    row = frame.loc["억원 per start-up"]
    assert (row["low"], row["central"], row["high"]) == pytest.approx(
        (190 / 76, 200 / 76, 210 / 76), rel=1e-12
    )
    assert frame.loc["억원 per job", "central"] == pytest.approx(200 / 1113, rel=1e-12)
    assert frame.loc["억원 per research-institute company", "high"] == pytest.approx(210 / 44)
    lev = frame.loc["investment per public won"]
    assert (lev["low"], lev["central"], lev["high"]) == pytest.approx(
        (1030 / 210, 5.15, 1030 / 190), rel=1e-12
    )
    assert frame.loc["investment per national won", "central"] == pytest.approx(1030 / 158.6)
    assert frame.loc["revenue per public won", "central"] == pytest.approx(12.83, rel=1e-12)
    assert set(frame["confidence"]) == {"low"}


def test_zone_against_zone_comparison_and_plot() -> None:
    # Changwon phase 1 (zone-facts 2c, 3c): 201억; 52 start-ups, 30 research-institute
    # companies, 561 jobs, 1,101억 investment.
    changwon = innozone.cost_effectiveness(
        201.0,
        {"start-up": 52, "research-institute company": 30, "job": 561},
        linked={"investment": 1101.0},
        label="Changwon phase 1",
    )
    table = budget.compare_cost_effectiveness([gimhae_phase1(), changwon])
    assert table.loc["억원 per start-up", ("Changwon phase 1", "central")] == pytest.approx(
        201 / 52, rel=1e-12
    )
    assert math.isnan(table.loc["revenue per public won", ("Changwon phase 1", "central")])
    ax = budget.plot_cost_per_unit([gimhae_phase1(), changwon])
    assert len(ax.patches) == 6
    assert gimhae_phase1().plot(lang="ko") is not None
    with pytest.raises(innozone.InvalidInputError, match="number of units must be positive"):
        innozone.cost_effectiveness(200.0, {"start-up": 0})
    with pytest.raises(innozone.InvalidInputError, match="low <= central <= high"):
        innozone.cost_effectiveness(innozone.MoneyRange(210, 200, 190), {"job": 1})


def test_cost_per_unit_over_a_window_of_yearly_values() -> None:
    # Gimhae national + local budget 29억 in 2022 and 2023 (zone-facts 2b); start-ups
    # 15 in 2022 (46 - 31) and 15 in 2023 (76 - 46 - 15, derived, low confidence).
    result = innozone.cost_effectiveness(
        {2021: 52.0, 2022: 29.0, 2023: 29.0},
        {"start-up": {2022: 15, 2023: 15}},
        window=(2022, 2023),
        label="Gimhae 2022-2023",
    )
    assert result.frame.loc["억원 per start-up", "central"] == pytest.approx(58 / 30, rel=1e-12)
    assert budget.window_total({2022: 1.0, 2023: 2.0}, 2022, 2023) == 3.0
    with pytest.raises(innozone.OutOfRangeError, match="no value for 2024"):
        innozone.cost_effectiveness(
            {2023: 29.0, 2024: 30.0}, {"start-up": {2023: 15}}, window=(2023, 2024)
        )
    with pytest.raises(innozone.InvalidInputError, match="need a window"):
        innozone.cost_effectiveness({2023: 29.0}, {"start-up": 15})


# ---------------------------------------------------------------- cost sharing
def test_dexter_cost_sharing() -> None:
    # DEXTER export-marketing support: 430,000 of 2,500,000 KRW paid by the company.
    result = innozone.cost_sharing(2_500_000, 430_000, budget=100_000_000)
    assert result.participant_share == pytest.approx(0.172, abs=1e-12)
    assert result.subsidy_rate == pytest.approx(0.828, abs=1e-12)
    assert result.public_cost == 2_070_000
    assert result.fundable == 48
    frame = result.to_frame()
    assert frame.loc["participants fundable", "value"] == 48
    assert result.plot() is not None
    with pytest.raises(innozone.InvalidInputError, match="exceeds the unit value"):
        innozone.cost_sharing(100, 200)


def test_schedule_plot_is_stacked_by_source() -> None:
    schedule = innozone.spread(180.0, 2025, 2029, sources={"national": 0.5, "not_itemised": 0.5})
    ax = schedule.plot()
    assert len(ax.patches) == 10
    assert ax.get_xlabel() == "Year"
    assert schedule.plot(lang="ko").get_xlabel() == "연도"
    with pytest.raises(innozone.InvalidInputError, match="lang"):
        schedule.plot(lang="fr")


# ---------------------------------------------------------------- API conventions (issue 13)
@pytest.mark.parametrize(
    ("call", "fragment"),
    [
        (lambda: innozone.appraise({2025: 1.0}, {2025: 1.0}, rate=4.5), r"did you mean 0\.045"),
        (lambda: budget.npv(5.5, [-1.0, 2.0]), r"rate must be a fraction.*did you mean 0\.055"),
        (lambda: budget.discount_factors(3, 4.5), r"did you mean 0\.045"),
        (lambda: budget.mirr([-1.0, 2.0], 6, 0.08), r"finance_rate.*did you mean 0\.06"),
        (lambda: budget.xnpv(4.5, ["2025-01-01", "2026-01-01"], [-1.0, 2.0]), r"0\.045"),
        (
            lambda: budget.npv_batch(np.ones((3, 2)), np.array([0.04, 4.5, 0.04])),
            r"rate of scenario 1.*did you mean 0\.045",
        ),
        (
            lambda: innozone.spread(180.0, 2025, 2029, sources={"national": 50, "local": 50}),
            r"share of 'national'.*did you mean 0\.5",
        ),
        (lambda: innozone.spread(180.0, 2025, 2029, money_unit="won"), "money_unit must be one of"),
        (lambda: innozone.cost_sharing(100, 10, money_unit="dollars"), "money_unit must be one of"),
        (lambda: innozone.MoneyRange(1, 2, 3, money_unit="EUR"), "money_unit must be one of"),
        (lambda: budget.npv_batch(np.ones((3, 2)), progress="yes"), "progress must be"),
    ],
)
def test_rates_shares_and_money_units_are_checked(call, fragment: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(innozone.InvalidInputError, match=fragment):
        call()


def test_budget_results_follow_the_result_contract() -> None:
    from innozone._results import Result

    costs = innozone.spread(180.0, 2025, 2029, money_unit="억원").by_year
    results = [
        innozone.spread(180.0, 2025, 2029),
        budget.execution(costs, {2025: 30.0}),
        budget.irr([-100, 60, 60]),
        innozone.appraise({2027: 100.0}, costs),
        gimhae_phase1(),
        innozone.cost_sharing(2_500_000, 430_000, budget=1e8),
    ]
    for result in results:
        assert isinstance(result, Result)
        assert isinstance(result.summary(), pd.DataFrame)
        assert isinstance(result.to_frame(), pd.DataFrame)
        text = repr(result)
        assert len(text) < 1000 and text.startswith(f"<{type(result).__name__}:")
        assert "<table" in result._repr_html_()
        assert result.plot() is not None
    assert results[0].money_unit == "억원" and results[3].money_unit == "억원"
    assert innozone.cost_sharing(2_500_000, 430_000).money_unit == "원"
    with innozone.options.context(lang="ko"):
        assert results[0].plot().get_xlabel() == "연도"


def test_batch_progress_true_and_default_threads() -> None:
    flows = np.column_stack([-np.ones(5000), np.full((5000, 4), 0.4)])
    seen: list[tuple[int, int]] = []
    a = budget.npv_batch(flows, 0.045, progress=True)
    b = budget.npv_batch(flows, 0.045, progress=lambda d, t: seen.append((d, t)))
    np.testing.assert_array_equal(a, b)
    assert seen[-1] == (seen[-1][1], seen[-1][1])
    rates, counts = budget.irr_batch(flows, progress=True)
    assert (counts == 1).all() and np.isfinite(rates).all()
