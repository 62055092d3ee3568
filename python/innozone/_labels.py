"""The bilingual label registry: every fixed text innozone shows, in Korean and English.

Plots, tables and the report take their words from here, so that output in Korean is
Korean and output in English is English, and a translation is fixed in one place.

Keys are dotted names grouped by what they label:

========================  ==========================================================
``unit.<unit>``           units of indicators: cases -> 건, firms -> 개, persons -> 명
``confidence.<level>``    high / medium / low -> 높음 / 보통 / 낮음
``basis.<basis>``         sourced / derived / assumption
``severity.<level>``      checker severities (error / warning / info)
``finding.<kind>``        checker finding kinds (share_mismatch, ...)
``role.<role>``           observation roles (actual, target, ...)
``model.<indicator>``     outputs of the zone model (cum_companies, jobs, ...)
``input.<name>``          inputs of the zone model (jobs_per_firm, ...)
``scenario.<name>``       scenario names (baseline, budget_cut_20pct, ...)
``source.<funding>``      funding sources (national, local, ...)
``report.<...>``          headings and sentences of the report
(no prefix)               chart labels (year, target, median, ...)
========================  ==========================================================

A text may hold ``str.format`` fields (``label("band", "ko", lo=5, hi=95)``).

Free texts kept in the embedded data files (notes) are written in English; their Korean
translations are kept here too (:func:`note_text`), keyed by the English text.

>>> from innozone._labels import label, unit_label
>>> label("confidence.low", "ko")
'낮음'
>>> unit_label("persons", "ko")
'명'
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from ._errors import InvalidInputError, NotFoundError

__all__ = [
    "LANGS",
    "add_labels",
    "basis_label",
    "confidence_label",
    "finding_text",
    "has_label",
    "keys",
    "label",
    "label_or",
    "note_text",
    "number",
    "quantity",
    "unit_label",
]

#: Accepted languages.
LANGS = ("en", "ko")

# key: (Korean, English)
_LABELS: dict[str, tuple[str, str]] = {
    # ------------------------------------------------------------------ chart labels
    "year": ("연도", "Year"),
    "eok_won": ("억원", "KRW 100m"),
    "budget": ("예산", "Budget"),
    "budget_eok": ("예산 (억원)", "Budget (KRW 100m)"),
    "total": ("합계", "Total"),
    "national": ("국비", "National"),
    "local": ("지방비", "Local"),
    "private": ("민간", "Private"),
    "other": ("기타", "Other"),
    "not_itemised": ("미구분", "Not itemised"),
    "median": ("중앙값", "Median"),
    "mean": ("평균", "Mean"),
    "band": ("{lo:g}–{hi:g}% 구간", "{lo:g}–{hi:g} % band"),
    "target": ("목표", "Target"),
    "observed": ("실적", "Observed"),
    "projection": ("전망", "Projection"),
    "value": ("값", "Value"),
    "count": ("건수", "Count"),
    "companies": ("기업 수", "Companies"),
    "conversion": ("전환율", "Conversion"),
    "of_previous": ("전 단계 대비", "of previous stage"),
    "funnel": ("성과 깔때기", "Conversion funnel"),
    "tornado": ("민감도 (토네이도)", "Sensitivity (tornado)"),
    "low_input": ("낮은 입력값", "Low input"),
    "high_input": ("높은 입력값", "High input"),
    "base": ("기준값", "Base value"),
    "output": ("출력", "Output"),
    "sobol": ("Sobol' 민감도 지수", "Sobol' sensitivity indices"),
    "first_order": ("1차 지수 S1", "First order S1"),
    "total_order": ("총 지수 ST", "Total order ST"),
    "index": ("지수", "Index"),
    "zone": ("특구", "Zone"),
    "zones": ("강소특구 비교", "Gangso zones compared"),
    "no_data": ("자료 없음", "no data"),
    "confidence": ("신뢰도", "Confidence"),
    "conf_high": ("높음", "high"),
    "conf_medium": ("보통", "medium"),
    "conf_low": ("낮음", "low"),
    "probability": ("확률", "Probability"),
    "p_reach": ("목표 달성 확률", "Probability of reaching target"),
    "per_year": ("연평균", "per year"),
    "partial_window": ("기간 일부", "partial window"),
    "amount": ("금액", "Amount"),
    "planned_cumulative": ("계획 (누적)", "Planned (cumulative)"),
    "spent_cumulative": ("집행 (누적)", "Spent (cumulative)"),
    "present_value": ("현재가치", "Present value"),
    "npv": ("순현재가치", "NPV"),
    "bc_ratio": ("편익/비용 비율", "Benefit-cost ratio"),
    "cost_per_unit": ("단위당 비용", "Cost per unit"),
    "budget_by_year_source": ("연도·재원별 예산", "Budget by year and source"),
    "execution": ("누적 집행 대 계획", "Cumulative spending against plan"),
    "waterfall": ("순현재가치 폭포도", "NPV waterfall"),
    "per_participant": ("참여자당", "Per participant"),
    "participant_contribution": ("참여자 부담금", "Participant contribution"),
    "public_subsidy": ("공공 지원", "Public subsidy"),
    "data": ("자료", "Data"),
    "entries": ("신규", "Entries"),
    "alive": ("생존", "Alive"),
    "range_5_95_rel_mean": ("평균 대비 5–95 % 범위", "5-95 % range relative to the mean"),
    "years_since_founding": ("창업 후 연수", "Years since founding"),
    "share_surviving": ("생존 비율", "Share surviving"),
    "discounted_net_flow": ("할인된 순편익", "Discounted net flow"),
    "achievement": ("달성률", "Achievement"),
    "actual": ("실적", "Actual"),
    "plan": ("계획", "Plan"),
    # plots of result objects (outcomes, sensitivity, survival, budget, efficiency, did,
    # synth, program, appraisal, zone model)
    # variables of the zone input/output table (efficiency.zone_io_table)
    "zone_var.budget": ("사업비", "Budget"),
    "zone_var.area": ("면적", "Area"),
    "zone_var.tech-transfer-equity": ("기술이전·출자", "Tech transfers"),
    "zone_var.research-institute-companies": ("연구소기업", "RI companies"),
    "zone_var.startups": ("창업", "Start-ups"),
    "zone_var.revenue": ("매출", "Revenue"),
    "zone_var.jobs": ("일자리", "Jobs"),
    "growth.exponential": ("지수 성장", "Exponential"),
    "growth.logistic": ("로지스틱 성장", "Logistic"),
    "growth.gompertz": ("곰페르츠 성장", "Gompertz"),
    "growth.not_identified": ("{curve}: 식별되지 않음", "{curve}: not identified"),
    "irr": ("내부수익률 (IRR)", "IRR"),
    "timing.beginning": ("연초 기준", "beginning of year"),
    "timing.middle": ("연중 기준", "middle of year"),
    "timing.end": ("연말 기준", "end of year"),
    "did.event_time": ("처치 후 경과 기간", "Event time (periods since treatment)"),
    "did.effect": ("처리효과", "Effect on the outcome"),
    "did.pre": ("처치 전", "Pre-treatment"),
    "did.post": ("처치 후", "Post-treatment"),
    "did.band": ("{level}% 균일 신뢰대", "{level}% uniform band"),
    "did.ci": ("{level}% 신뢰구간", "{level}% confidence interval"),
    "did.group": ("집단 (최초 처치 시점)", "Group (first treated)"),
    "did.time": ("기간", "Period"),
    "did.treated": ("처치 집단", "Treated"),
    "did.comparison": ("비교 집단", "Comparison"),
    "did.counterfactual": ("반사실 추세", "Counterfactual trend"),
    "did.before": ("처치 전", "Before"),
    "did.after": ("처치 후", "After"),
    "did.mean": ("평균", "Mean outcome"),
    "did.reference": ("기준 기간", "Reference period"),
    "did.coef": ("계수", "Coefficient"),
    "did.pretest": ("처치 전 추세 검정", "pre-trend test"),
    "did.pretest_cs": ("평행추세 사전검정", "pre-test of parallel trends"),
    "synth.year": ("연도", "Period"),
    "synth.gap": ("격차 (실제 − 합성)", "Gap (actual − synthetic)"),
    "synth.treated": ("처치 지역", "Treated"),
    "synth.synthetic": ("합성 통제", "Synthetic control"),
    "synth.placebo": ("위약 (공여 지역)", "Placebos (donors)"),
    "synth.weight": ("가중치", "Weight"),
    "synth.donor": ("공여 지역", "Donor"),
    "synth.control": ("가중 통제집단", "Weighted controls"),
    "synth.onset": ("처치 시작", "Treatment start"),
    "synth.lambda": ("시간 가중치 λ", "Time weights λ"),
    "synth.sc_title": ("합성통제법", "Synthetic control"),
    "synth.sdid_title": ("합성 이중차분법", "Synthetic difference-in-differences"),
    "synth.did_title": ("이중차분법", "Difference-in-differences"),
    "synth.cohort": ("처치 시작 코호트", "Adoption cohort"),
    "synth.estimate": ("추정치", "Estimate"),
    "synth.att": ("가중 평균 ATT", "Weighted ATT"),
    "did.aggregation_title": ("{type}: 전체 ATT {att} ({se})", "{type}: overall ATT {att} ({se})"),
    "did.aggregation.simple": ("단순 평균", "simple"),
    "did.aggregation.group": ("집단별", "group"),
    "did.aggregation.calendar": ("기간별", "calendar"),
    "did.aggregation.dynamic": ("사건 시점별", "dynamic"),
    "growth.title": ("{name}: {percent}, 연평균 {cagr}", "{name}: {percent}, CAGR {cagr}"),
    "role_window": ("{role} (기간 합계)", "{role} (window)"),
    "pva.achievement_percent": ("달성률 (%)", "Achievement (%)"),
    "pva.title": (
        "{program} {phase}: 목표 대비 실적",
        "{program} {phase}: targets against actual results",
    ),
    "pva.missing": ("실적 없음: ", "No matching actual: "),
    "zc.title": (
        "{indicator}: 연평균 (자료가 덮는 기간 기준)",
        "{indicator} per year over the years covered",
    ),
    "io.multipliers": ("생산유발계수", "Output multipliers"),
    "io.impact": ("부문별 생산유발액", "Induced output by sector"),
    "io.quick": ("간이 추정 (전산업 유발계수)", "Quick estimate (all-industry coefficients)"),
    "io.sector": ("부문", "Sector"),
    "io.type1": ("제1형", "Type I"),
    "io.type2": ("제2형", "Type II"),
    "io.spending": ("지출", "Spending"),
    "io.output": ("생산", "Output"),
    "io.value_added": ("부가가치", "Value added"),
    "io.jobs": ("취업", "Jobs"),
    "appraisal.draws": ("모의실험 수", "Draws"),
    "appraisal.bc_title": (
        "{program} {phase}: B/C 분포, P(B/C ≥ 1) = {p}",
        "{program} {phase}: B/C over the draws, P(B/C >= 1) = {p}",
    ),
    "appraisal.cost": ("비용", "Cost"),
    "appraisal.benefit_median": ("편익 (중앙값)", "Benefit (median)"),
    "appraisal.flows_title": (
        "{program} {phase}: 연도별 비용과 편익",
        "{program} {phase}: costs and benefits by year",
    ),
    "calibration.new_firms": ("새 기업 (개)", "New firms per year"),
    "calibration.title": (
        "{program} {phase}: 예산 계획 (빗금: 가정)",
        "{program} {phase}: budget plan (hatched: assumed)",
    ),
    "zc.flag_partial": ("{window}, 자료는 {date}까지", "{window} covered to {date}"),
    "zc.flag_future": (
        "{window} 중 {date}까지만 (기간이 자료 이후로 이어짐)",
        "{window} runs past the figure's date {date}",
    ),
    "morris.mu_star": ("μ* (평균 |기본효과|)", "μ* (mean |elementary effect|)"),
    "morris.title": ("모리스 선별", "Morris screening"),
    "morris.title_of": ("모리스 선별: {output}", "Morris screening: {output}"),
    "survival.time": ("기간", "Time"),
    "survival.survival": ("생존율", "Survival"),
    "survival.fitted": ("{model} 적합", "{model} (fitted)"),
    "survival.km": ("카플란-마이어", "Kaplan-Meier"),
    "survival.band": ("신뢰대 ({level})", "Confidence band ({level})"),
    "survival.weibull": ("와이블", "Weibull"),
    "survival.lognormal": ("로그정규", "log-normal"),
    "survival.loglogistic": ("로그로지스틱", "log-logistic"),
    "dea.score": ("효율성 점수", "Efficiency score"),
    "dea.bias_corrected": ("편의 보정 점수", "Bias-corrected score"),
    "dea.interval": ("{level:g}% 신뢰구간", "{level:g} % interval"),
    "dea.super": ("초효율성 점수", "Super-efficiency score"),
    "dea.unit": ("단위", "Unit"),
    "dea.input": ("투입", "input"),
    "dea.output": ("산출", "output"),
    "dea.input_oriented": ("투입 지향", "input-oriented"),
    "dea.output_oriented": ("산출 지향", "output-oriented"),
    "dea.crs_frontier": ("CRS 프런티어", "CRS frontier"),
    "dea.vrs_frontier": ("VRS 프런티어", "VRS frontier"),
    "dea.frontier": ("프런티어", "Frontier"),
    "dea.units": ("단위", "Units"),
    "dea.malmquist": ("맬름퀴스트 지수 (누적)", "Malmquist index (cumulative)"),
    "dea.period": ("기간", "Period"),
    "dea.window_mean": ("창 평균 효율성", "Mean score over windows"),
    "dea.availability": (
        "특구별 자료 (채운 칸: 있음, 빈 칸: 없음)",
        "Figures per zone (filled: available, open: missing)",
    ),
    "dea.dea_scores": ("DEA 효율성 점수", "DEA efficiency scores"),
    "dea.efficient": ("효율적", "efficient"),
    "dea.weakly_efficient": ("약효율적", "weakly efficient"),
    "dea.inefficient": ("비효율적", "inefficient"),
    "dea.constant": ("규모수익 불변", "constant"),
    "dea.increasing": ("규모수익 증가", "increasing"),
    "dea.decreasing": ("규모수익 감소", "decreasing"),
    "dea.optimal": ("계산됨", "optimal"),
    "dea.infeasible": ("해 없음", "infeasible"),
    # ------------------------------------------------------------------ units
    "unit.cases": ("건", "cases"),
    "unit.firms": ("개", "firms"),
    "unit.persons": ("명", "persons"),
    "unit.products": ("개", "products"),
    "unit.억원": ("억원", "KRW 100m"),
    "unit.백만원": ("백만원", "KRW million"),
    "unit.만원": ("만원", "KRW 10,000"),
    "unit.원": ("원", "KRW"),
    "unit.조원": ("조원", "KRW trillion"),
    "unit.KRW": ("원", "KRW"),
    "unit.%": ("%", "%"),
    "unit.%p": ("%p", "pp"),
    "unit.km2": ("km²", "km²"),
    "unit.ratio": ("배", "ratio"),
    "unit.years": ("년", "years"),
    "unit.per_year": ("/년", "/yr"),
    "unit.multiplier": ("배수", "multiplier"),
    "unit.share": ("비율", "share"),
    "unit.-": ("-", "-"),
    # ------------------------------------------------------------------ confidence, basis
    "confidence.high": ("높음", "high"),
    "confidence.medium": ("보통", "medium"),
    "confidence.low": ("낮음", "low"),
    "basis.sourced": ("발표값", "sourced"),
    "basis.derived": ("발표값에서 계산", "derived"),
    "basis.assumption": ("가정", "assumption"),
    "basis.user": ("사용자 입력", "user"),
    # ------------------------------------------------------------------ checker
    "severity.error": ("오류", "error"),
    "severity.warning": ("경고", "warning"),
    "severity.info": ("참고", "info"),
    "finding.share_mismatch": ("비율 불일치", "share mismatch"),
    "finding.growth_mismatch": ("증가율 불일치", "growth mismatch"),
    "finding.cagr_mismatch": ("연평균 증가율 불일치", "CAGR mismatch"),
    "finding.parts_exceed_total": ("부분의 합이 전체보다 큼", "parts exceed the total"),
    "finding.sum_shortfall": ("부분의 합이 전체에 못 미침", "parts fall short of the total"),
    "finding.budget_lines_exceed_total": (
        "예산 항목의 합이 총액보다 큼",
        "budget lines exceed the total",
    ),
    "finding.funding_share_above_100": ("재원 비율이 100 %를 넘음", "funding share above 100 %"),
    "finding.cumulative_decrease": ("누적값이 기간이 길어지며 감소", "cumulative value decreases"),
    "finding.year_outside_phase": ("단계 기간 밖의 연도", "year outside the phase"),
    "finding.unverifiable": ("검증할 수 없음", "cannot be checked"),
    "finding.superseded": ("나중에 발표된 값으로 대체됨", "superseded by a later figure"),
    "finding.rounded": ("반올림된 값", "a rounded value"),
    "finding.text": (
        (
            "{what}: {indicator} ({years}) 발표값 {stated}, 다시 계산한 값 {computed} "
            "(차이 {mismatch}, 허용 오차 ±{tolerance})"
        ),
        (
            "{what}: {indicator} ({years}) states {stated}, recomputed {computed} "
            "(difference {mismatch}, tolerance ±{tolerance})"
        ),
    ),
    "finding.text_rounded": (
        (
            "{indicator} ({years}) 발표값 {stated}은(는) 다시 계산한 값 {computed}을(를) "
            "반올림한 값 (허용 오차 ±{tolerance} 안)"
        ),
        (
            "{indicator} ({years}) states {stated}, a rounded form of the recomputed "
            "{computed} (within ±{tolerance})"
        ),
    ),
    "finding.text_unverifiable": (
        "{indicator} ({years}): 관계를 확인할 값이 자료에 없어 검증할 수 없음",
        "{indicator} ({years}): the data lack a value needed to check its relation",
    ),
    "finding.text_outside": (
        "{indicator}: {stated}년 값이 단계 기간({computed}년 경계) 밖에 있음",
        "{indicator}: a value for {stated} lies outside the phase (bound {computed})",
    ),
    "finding.text_superseded": (
        "{indicator} ({years}): {stated}은(는) 나중에 발표된 {computed}(으)로 대체됨",
        "{indicator} ({years}): {stated} is superseded by the later figure {computed}",
    ),
    "finding.text_generic": (
        "{what}: {indicator} ({years})",
        "{what}: {indicator} ({years})",
    ),
    # ------------------------------------------------------------------ coverage of a window
    "coverage.complete": ("전체 기간", "complete"),
    "coverage.partial": ("기간 일부 (마지막 해 도중)", "partial (part of the last year)"),
    "coverage.future": ("기간이 끝나기 전", "window not over"),
    "coverage.undated": ("날짜 없음", "undated"),
    "coverage.before-period": ("기간 시작 전", "before the window"),
    # ------------------------------------------------------------------ observation roles
    "role.actual": ("실적", "actual"),
    "role.target": ("목표", "target"),
    "role.baseline": ("기준값", "baseline"),
    "role.derived": ("도출값", "derived"),
    "role.projection": ("전망", "projection"),
    "role.plan": ("계획", "plan"),
    # ------------------------------------------------------------------ funding sources
    "source.national": ("국비", "national"),
    "source.local": ("지방비", "local"),
    "source.private": ("민간", "private"),
    "source.other": ("기타", "other"),
    "source.total": ("합계", "total"),
    "source.not_itemised": ("미구분", "not itemised"),
    # ------------------------------------------------------------------ component tags
    "tag.tech-discovery": ("기술 발굴", "tech-discovery"),
    "tag.matching": ("기업 매칭", "matching"),
    "tag.start-up": ("창업", "start-up"),
    "tag.commercialisation": ("사업화", "commercialisation"),
    "tag.clinical-support": ("임상 지원", "clinical-support"),
    "tag.hospital-purchase-conditional-rnd": (
        "병원 구매조건부 연구개발",
        "hospital-purchase-conditional-rnd",
    ),
    "tag.tailored-support": ("맞춤형 지원", "tailored-support"),
    "tag.promotion": ("홍보", "promotion"),
    "tag.export-marketing": ("수출 마케팅", "export-marketing"),
    "tag.content-production": ("콘텐츠 제작", "content-production"),
    "tag.infrastructure": ("기반시설", "infrastructure"),
    "tag.user-outreach": ("이용자 확대", "user-outreach"),
    "tag.other": ("기타", "other"),
    # ------------------------------------------------------------------ command line (summary)
    "cli.results_of": (
        "{phase} 성과 ({years}, {status})",
        "Results of {phase} ({years}, {status})",
    ),
    "cli.budget_of": ("{phase} 예산 (자료에 있는 그대로)", "Budget of {phase} as found"),
    "cli.plan_of": ("{phase} 계획 ({years}, {status})", "Plan of {phase} ({years}, {status})"),
    "cli.status.completed": ("완료", "completed"),
    "cli.status.ongoing": ("진행 중", "ongoing"),
    "cli.status.planned": ("계획", "planned"),
    "cli.status_missing": ("상태 미기재", "status not given"),
    "cli.none": ("(없음)", "(none)"),
    "cli.no_phases": ("(단계 없음)", "(no phases)"),
    "cli.total_budget": ("총예산", "total budget"),
    "cli.funding_line": ("{source} 재원", "{source} funding"),
    "cli.not_itemised": ("미구분", "not itemised"),
    "cli.focus": ("중점 분야", "focus"),
    "cli.components": ("구성 사업", "Components"),
    "cli.derived": ("계산한 수치", "Derived figures"),
    "cli.findings": (
        "자료 일관성 점검: {n}건 (오류 {errors}건, 경고 {warnings}건, 참고 {info}건)",
        "Consistency findings: {n} ({errors} errors, {warnings} warnings, {info} info)",
    ),
    "cli.item.total": ("총액", "total"),
    "cli.item.line": ("항목", "line"),
    "cli.item.range_low": ("범위 하한", "range low"),
    "cli.item.range_high": ("범위 상한", "range high"),
    "cli.funding.total": ("합계", "total"),
    "cli.funding.national": ("국비", "national"),
    "cli.funding.local": ("지방비", "local"),
    "cli.funding.private": ("민간", "private"),
    "cli.funding.other": ("기타", "other"),
    "cli.col.indicator": ("지표", "indicator"),
    "cli.col.period": ("기간", "period"),
    "cli.col.value": ("값", "value"),
    "cli.col.confidence": ("신뢰도", "confidence"),
    "cli.col.item": ("항목", "item"),
    "cli.col.year": ("연도", "year"),
    "cli.col.funding": ("재원", "funding"),
    "cli.col.component": ("구성 사업", "component"),
    "cli.col.amount": ("금액", "amount"),
    "cli.col.role": ("구분", "role"),
    "cli.col.tags": ("분류", "tags"),
    "cli.col.program": ("프로그램", "program"),
    "cli.col.figure": ("수치", "figure"),
    "cli.col.from": ("계산", "from"),
    "cli.cagr": ("{name} 연평균 증가율 {start}-{end}", "CAGR of {name} {start}-{end}"),
    "cli.funding_share": ("{phase} 예산 중 {source} 비율", "{source} share of the {phase} budget"),
    "cli.ratio.new_firms_per_transfer": (
        "기술이전·출자 1건당 신규 기업 ({where})",
        "new firms per linked technology ({where})",
    ),
    "cli.ratio.company_share": (
        "지원 서비스의 기업 부담 비율 ({where})",
        "company share of the supported service ({where})",
    ),
    "cli.ratio.subsidy_rate": (
        "지원 서비스의 공공 지원율 ({where})",
        "public subsidy rate of the supported service ({where})",
    ),
    "cli.ratio.products_per_company": (
        "등록 기업당 수출 상품 ({where})",
        "export products per registered company ({where})",
    ),
    "cli.unit.percent": ("%", "%"),
    "cli.unit.percent_a_year": ("%/년", "% a year"),
    "cli.unit.firms_per_case": ("개/건", "firms/case"),
    "cli.unit.products_per_firm": ("개/기업", "products/firm"),
    # ------------------------------------------------------------------ zone model outputs
    "model.transfers": ("기술이전·출자", "Technology transfers"),
    "model.ric_founded": ("연구소기업 설립", "Research-institute companies founded"),
    "model.startups_founded": ("창업", "Start-ups founded"),
    "model.firms_alive": ("생존 기업 수", "Firms alive"),
    "model.jobs": ("일자리", "Jobs"),
    "model.revenue": ("매출액", "Revenue"),
    "model.investment": ("투자 연계", "Investment linked"),
    "model.cum_companies": ("누적 신규 기업 (연구소기업+창업)", "Cumulative new companies"),
    "model.cum_investment": ("누적 투자 연계", "Cumulative investment linked"),
    "model.cum_revenue": ("누적 매출액", "Cumulative revenue"),
    "model.cum_transfers": ("누적 기술이전·출자", "Cumulative technology transfers"),
    "model.cum_ric": ("누적 연구소기업", "Cumulative research-institute companies"),
    "model.cum_startups": ("누적 창업", "Cumulative start-ups"),
    "model.cum_jobs": ("누적 일자리", "Cumulative jobs"),
    # ------------------------------------------------------------------ zone model inputs
    "input.phase1_budget": ("1단계 총예산", "Phase-1 total budget"),
    "input.elasticity": ("예산 탄력성", "Budget elasticity"),
    "input.productivity": ("생산성 배수", "Productivity multiplier"),
    "input.ric_per_transfer": (
        "기술이전 1건당 연구소기업",
        "Research-institute companies per transfer",
    ),
    "input.startups_per_transfer": ("기술이전 1건당 창업", "Start-ups per transfer"),
    "input.ric_survival_5y": (
        "연구소기업 5년 생존율",
        "Research-institute companies' 5-year survival",
    ),
    "input.startup_survival_5y": ("창업기업 5년 생존율", "Start-ups' 5-year survival"),
    "input.weibull_shape": ("와이블 형상 모수", "Weibull shape"),
    "input.jobs_per_firm": ("생존 기업당 일자리", "Jobs per surviving firm"),
    "input.revenue_per_firm": ("생존 기업당 연매출", "Revenue per surviving firm and year"),
    "input.investment_per_new_firm": ("신규 기업당 투자 연계", "Investment per new firm"),
    "input.attribution": ("사업 기여율", "Attribution share"),
    "input.value_added_ratio": ("매출 대비 부가가치율", "Value-added ratio of revenue"),
    # ------------------------------------------------------------------ scenarios
    "scenario.baseline": ("기준 계획", "Baseline plan"),
    "scenario.budget_cut_20pct": ("예산 20 % 삭감", "Budget cut by 20 %"),
    "scenario.budget_cut": ("예산 삭감", "Budget cut"),
    "scenario.front_loaded": ("초기 집중 배분", "Front-loaded schedule"),
    "scenario.back_loaded": ("후기 집중 배분", "Back-loaded schedule"),
    "scenario.reallocation": (
        "병원 구매조건부 사업으로 재배분",
        "Reallocation to hospital purchase commitments",
    ),
    "scenario.budget_increase_20pct": ("예산 20 % 증액", "Budget raised by 20 %"),
    # ------------------------------------------------------------------ distributions
    "dist.uniform": ("균등분포", "uniform"),
    "dist.triangular": ("삼각분포", "triangular"),
    "dist.normal": ("정규분포", "normal"),
    "dist.lognormal": ("로그정규분포", "lognormal"),
    "dist.beta": ("베타분포", "beta"),
    "dist.gamma": ("감마분포", "gamma"),
    "dist.pert": ("PERT 분포", "PERT"),
    "dist.poisson": ("포아송분포", "Poisson"),
    "dist.negative_binomial": ("음이항분포", "negative binomial"),
    "dist.empirical": ("경험분포", "empirical"),
    "dist.fixed": ("고정값", "fixed"),
    # ------------------------------------------------------------------ input-output coefficients
    "ripple.production": ("생산유발계수", "output multiplier"),
    "ripple.value_added": ("부가가치유발계수", "value-added multiplier"),
    "ripple.employment": ("취업유발계수 (10억원당)", "employment per KRW 1bn"),
    # ------------------------------------------------------------------ the report
    "report.title": ("{name}: 분석 보고서", "{name}: analysis report"),
    "report.title_overview": ("{name}: 비교 보고서", "{name}: comparison report"),
    "report.subtitle": (
        "innozone {version} 보고서 · 작성일 {date} · 난수 시드 {seed} · 몬테카를로 {draws}회",
        "innozone {version} report · generated {date} · seed {seed} · {draws} Monte Carlo draws",
    ),
    "report.footer": (
        (
            "이 파일은 자체 완결형입니다: 그림과 글꼴(나눔고딕, SIL OFL)이 파일 안에 들어 있어 "
            "네트워크 없이 열 수 있습니다."
        ),
        (
            "This file is self-contained: figures and the font (NanumGothic, SIL OFL) are "
            "embedded, so it opens without a network."
        ),
    ),
    "report.repr_note": (
        "전체 보고서는 .html로 저장(save)하고, 표는 tables()와 to_excel()로 꺼냅니다.",
        "save() writes the whole page; tables() and to_excel() give every table.",
    ),
    "report.figures": ("그림", "figures"),
    "report.dist": (
        "{family}: 중앙값 {median}, 90 % 구간 {low}–{high}",
        "{family}: median {median}, 90 % range {low}-{high}",
    ),
    "report.dist_fixed": ("{family} {value}", "{family} {value}"),
    "report.tables": ("표", "tables"),
    "report.phase_id": ("단계 {phase}", "phase {phase}"),
    "report.next_phase": ("다음 단계", "the next phase"),
    "report.no_source": ("출처 없음", "no source"),
    "report.new_companies": (
        "신규 기업 (연구소기업+창업)",
        "New companies (RI companies + start-ups)",
    ),
    # section headings
    "report.sec.summary": ("요약", "Summary"),
    "report.sec.overview": ("개요", "Overview"),
    "report.sec.results": ("{phase} 성과", "Results of {phase}"),
    "report.sec.plan": ("{phase} 계획", "Plan of {phase}"),
    "report.sec.projection": ("{phase} 전망", "Projection of {phase}"),
    "report.sec.targets": ("목표 달성 확률", "Probability of reaching the targets"),
    "report.sec.sensitivity": (
        "민감도: 어떤 가정이 중요한가",
        "Sensitivity: which assumptions matter",
    ),
    "report.sec.scenarios": ("시나리오", "Scenarios"),
    "report.sec.appraisal": ("경제성 평가: {phase}", "Appraisal of {phase}"),
    "report.sec.cost_sharing": ("비용 분담: {name}", "Cost sharing: {name}"),
    "report.sec.zones": ("강소특구 비교", "The Gangso zones compared"),
    "report.sec.efficiency": ("강소특구 효율성 (DEA)", "Zone efficiency (DEA)"),
    "report.sec.appendix": ("부록: 가정, 메모, 출처", "Appendix: assumptions, notes, sources"),
    # summary
    "report.fact.field": ("분야: {field}", "field: {field}"),
    "report.fact.designated": ("{year}년 지정", "designated {year}"),
    "report.fact.institutions": ("핵심기관: {names}", "core institution: {names}"),
    "report.covers_support": (
        "같은 자료의 지원 사업도 함께 다룹니다: {names}.",
        "The report also covers the document's support programme: {names}.",
    ),
    "report.card.years": ("{start}-{end}", "{start}-{end}"),
    "report.card.national_share": ("국비 {share}", "national {share}"),
    "report.card.budget": ("{phase} 총사업비", "Budget of {phase}"),
    "report.card.p_target": ("목표 달성 확률: {name}", "P(target reached): {name}"),
    "report.card.target": ("목표: {year}년 {value}", "target: {value} in {year}"),
    "report.card.bc": ("B/C 범위: {phase}", "B/C range: {phase}"),
    "report.card.bc_range": ("B/C 범위 (중앙값)", "B/C range (medians)"),
    "report.card.bc_note": (
        "사업 기여율 {low}–{high}에 따라 달라짐; 기여율은 출처 없는 가정",
        "over an attribution share of {low}-{high}; the share is an unsourced assumption",
    ),
    "report.card.npv_at": ("NPV (기여율 {share} 가정)", "NPV (attribution {share}, assumed)"),
    "report.card.p_bc_at": (
        "P(B/C ≥ 1) (기여율 {share} 가정)",
        "P(B/C >= 1) (attribution {share}, assumed)",
    ),
    "report.card.median_benefit": ("편익 중앙값 기준", "median benefits"),
    "report.card.draws": ("모의실험 {draws}회", "{draws} draws"),
    "report.tbl.headline": ("요약 카드", "Headline figures"),
    "report.summary_note": (
        (
            "카드에는 출처가 있는 값과 자료 파일에 적힌 목표(달성 확률)만 신뢰도와 함께 싣고, B/C는 출처 없는 "
            "사업 기여율에 따라 달라지므로 범위로 보입니다. 자동 점검기는 자료에서 불일치 {findings}건(오류 "
            "{errors}건)을 찾았습니다. 발표되지 않은 값과 가정은 모두 부록에 모았습니다."
        ),
        (
            "Cards show only sourced figures and the file's own targets (with the probability of "
            "reaching them), each with its confidence; B/C depends on an unsourced attribution "
            "share, so it is shown as a range. The checker found {findings} findings in the data "
            "({errors} errors). Every unpublished value and assumption is listed in the appendix."
        ),
    ),
    # results
    "report.h.results": ("성과와 출처", "Results and provenance"),
    "report.tbl.results": ("{start}-{end} 성과", "Results {start}-{end}"),
    "report.h.achievement": ("목표 대비 실적", "Plan against actual"),
    "report.tbl.achievement": (
        "목표 대비 달성률 (같은 기간끼리 비교)",
        "Achievement of the targets (same windows)",
    ),
    "report.h.findings": ("자료 일관성 점검", "Consistency findings"),
    "report.tbl.findings": ("점검기가 찾은 불일치", "What the checker found"),
    "report.findings_none": (
        "점검기가 불일치를 찾지 못했습니다.",
        "The checker found no mismatch.",
    ),
    "report.findings_kept": (
        "불일치는 자료에 그대로 남겨 두고 표시합니다. 고쳐 쓰지 않습니다.",
        "Mismatches stay in the data and are shown here; nothing is silently corrected.",
    ),
    "report.fig.cagr": (
        "{start}-{end} 연평균 증가율 {cagr} %",
        "Compound annual growth {start}-{end}: {cagr} %",
    ),
    "report.fig.cagr_phase": (
        "; {start}-{end} {cagr} % (+{total} %)",
        "; {start}-{end}: {cagr} % (+{total} %)",
    ),
    "report.fig.funnel_title": ("성과 깔때기 ({start}-{end})", "Conversion funnel ({start}-{end})"),
    "report.fig.funnel": ("기술이전에서 기업까지", "From technology transfers to companies"),
    "report.h.cost_effectiveness": ("비용 효과성", "Cost-effectiveness"),
    "report.gap.cost_effectiveness": (
        "이 단계의 예산 총액이 없어 비용 효과성을 계산하지 않았습니다.",
        "The phase has no budget total, so cost-effectiveness is not computed.",
    ),
    "report.ce.cost_per_unit": ("{name} 1단위당 억원", "KRW 100m per unit of {name}"),
    "report.ce.per_public_won": ("공공 1원당 {name}", "{name} per public won"),
    "report.ce.axis": ("억원/단위", "KRW 100m per unit"),
    "report.tbl.cost_effectiveness": (
        "예산 범위에 따른 비용 효과성",
        "Cost-effectiveness over the budget range",
    ),
    "report.fig.cost_effectiveness": (
        "예산 범위 {low}–{high}에 따른 단위당 비용 (막대: 중앙, 선: 범위)",
        "Cost per unit over the budget range {low}-{high} (bar: central, line: range)",
    ),
    # plan
    "report.h.budget_plan": ("예산 계획", "Budget plan"),
    "report.gap.budget": ("이 단계에는 예산 총액이 없습니다.", "The phase has no budget total."),
    "report.fig.budget_title": ("{start}-{end} 예산 (재원별)", "{start}-{end} budget by source"),
    "report.fig.budget": ("총 {total}.", "{total} in total."),
    "report.fig.budget_national": (
        "국비 {share}; 재원이 구분되지 않은 나머지는 빗금.",
        "National {share}; the rest, not itemised by source, is hatched.",
    ),
    "report.tbl.budget_plan": ("연도별 예산 (억원)", "Budget by year (KRW 100m)"),
    "report.h.components": ("구성 사업", "Components"),
    "report.h.file_targets": ("자료 파일의 목표", "Targets in the file"),
    "report.no_file_targets": (
        (
            "자료 파일에는 이 단계의 목표가 없습니다. 목표 달성 확률을 보려면 role이 target인 관측값을 "
            "더하십시오. 이 보고서는 목표를 지어내지 않습니다."
        ),
        (
            "The file sets no targets for this phase; add observations with role 'target' to get "
            "probabilities. The report does not invent targets."
        ),
    ),
    "report.tbl.file_targets": ("자료 파일에 적힌 목표", "Targets stated in the file"),
    # projection
    "report.gap.calibration": (
        (
            "이 프로그램의 자료로는 성과 모형을 보정할 수 없어 전망, 목표 달성 확률, 민감도, 시나리오, "
            "편익 평가를 계산하지 않았습니다. 부족한 자료: {missing}."
        ),
        (
            "The program's data do not calibrate the outcome model, so there is no projection, target "
            "probability, sensitivity, scenario or benefit appraisal. Missing: {missing}."
        ),
    ),
    "report.missing.planned_phase": (
        "계획 또는 진행 중인 단계 (status가 planned 또는 running인 단계)",
        "a planned or running phase (status 'planned' or 'running')",
    ),
    "report.missing.model": (
        "이 프로그램에 맞춘 보정 모형",
        "a calibration of the outcome model for this program",
    ),
    "report.projection_method": (
        (
            "{previous}의 실적으로 보정한 모형을 {draws}회 (라틴 하이퍼큐브, 시드 {seed}) "
            "모의실험했습니다. 띠는 5–95 %와 25–75 % 구간, 선은 중앙값입니다. 입력과 그 근거는 "
            "부록에 있습니다."
        ),
        (
            "The model calibrated on the results of {previous} was run for {draws} "
            "Latin-hypercube draws (seed {seed}). Bands are the 5-95 % and 25-75 % ranges, the "
            "line the median. Every input and its basis is in the appendix."
        ),
    ),
    "report.fig.fan": ("불확실성을 포함한 전망", "Projection with its uncertainty"),
    "report.fig.fan_target": (
        "마름모: 자료 파일의 목표 ({year}년 {value})",
        "Diamonds: the file's target ({value} in {year})",
    ),
    "report.tbl.projection": (
        "연도별 전망 분위수 (~{end})",
        "Projected quantiles by year (to {end})",
    ),
    "report.tbl.projection_end": ("{end}년 전망", "Projection for {end}"),
    "report.input_source": (
        "근거: {basis} (자세한 출처는 영어판 보고서와 엑셀 파일)",
        "basis: {basis}",
    ),
    # targets
    "report.targets_none": (
        (
            "자료 파일에 이 단계의 목표가 없어 달성 확률을 계산하지 않았습니다 (목표를 지어내지 않습니다). "
            "아래 표는 단계 마지막 해의 전망 범위로, 어떤 목표와도 비교할 수 있습니다."
        ),
        (
            "The file sets no target for this phase, so no probability is computed (the report does not "
            "invent targets). The table gives the projected range in the phase's last year, to compare "
            "with any target."
        ),
    ),
    "report.tbl.no_targets": ("{end}년 전망 범위", "Projected range in {end}"),
    "report.tbl.targets": (
        "자료 파일의 목표와 달성 확률",
        "The file's targets and the probability of reaching them",
    ),
    # sensitivity
    "report.fig.tornado_x": ("{year}년 {name}", "{name} in {year}"),
    "report.fig.tornado_title": ("토네이도: {year}년 {name}", "Tornado: {name} in {year}"),
    "report.fig.tornado": (
        "각 입력을 10 %와 90 % 분위로 하나씩 움직였을 때 (나머지는 중앙값); 영향이 없는 입력은 생략",
        (
            "Each input moved alone to its 10 % and 90 % quantile (others at the median); inputs "
            "without effect are left out"
        ),
    ),
    "report.tbl.tornado": ("토네이도: {year}년 {name}", "Tornado: {name} in {year}"),
    "report.fig.sobol_title": ("Sobol' 지수: {year}년 {name}", "Sobol' indices: {name} {year}"),
    "report.fig.sobol": (
        "표본 2,048개, 95 % 부트스트랩 구간. S1: 입력 하나의 몫, ST: 상호작용 포함",
        "N = 2,048, 95 % bootstrap intervals. S1: one input's own share; ST: including interactions",
    ),
    "report.tbl.sobol": ("Sobol' 지수 ({year}년)", "Sobol' indices ({year})"),
    # scenarios
    "report.tbl.scenarios": ("시나리오별 전망 (같은 난수)", "Scenarios on common random numbers"),
    "report.scenarios_note": (
        "각 시나리오는 같은 난수 {draws}회로 계산했습니다. 예산 배분만 다르고 다른 가정은 같습니다.",
        "Each scenario uses the same {draws} random draws; only the yearly budget differs.",
    ),
    "report.a.scenarios": ("시나리오 예산", "scenario budgets"),
    "report.a.scenarios_value": (
        "20 % 삭감, 같은 총액의 초기·후기 집중 배분",
        "a 20 % cut; the same total front- or back-loaded",
    ),
    "report.a.scenarios_source": ("비교를 위한 가정", "chosen for comparison"),
    # appraisal
    "report.h.ripple": (
        "지출의 파급효과 (간이 추정)",
        "Ripple effects of the spending (quick estimate)",
    ),
    "report.ripple.output": ("생산유발", "Induced output"),
    "report.ripple.value_added": ("부가가치유발", "Induced value added"),
    "report.ripple.jobs": ("취업유발", "Induced jobs"),
    "report.ripple.coef": ("2022 전산업 계수", "2022 all-industry coefficients"),
    "report.ripple.note": (
        "한국은행 전산업 평균 유발계수를 지출에 곱한 간이 추정이며, 부문별·지역 산업연관표 결과가 아닙니다.",
        (
            "All-industry average Bank of Korea coefficients applied to the spending: a quick "
            "estimate, not a sector- or region-specific input-output result."
        ),
    ),
    "report.tbl.ripple": ("연도별 파급효과", "Ripple effects by year"),
    "report.a.inducement": ("유발계수", "inducement coefficients"),
    "report.a.inducement_source": (
        "한국은행 2022 산업연관표 계수 (보도 기준)",
        "Bank of Korea 2022 input-output coefficients as reported",
    ),
    "report.gap.appraisal": (
        "편익 흐름을 만들 보정 모형이 없어 NPV와 B/C는 계산하지 않았습니다. 부족한 자료: {missing}.",
        "No calibrated model gives a benefit stream, so NPV and B/C are not computed. Missing: {missing}.",
    ),
    "report.a.va_ratio": ("매출 대비 부가가치율", "value-added ratio of revenue"),
    "report.a.va_ratio_source": (
        "한국보건산업진흥원의 한국은행 표 분석, 의료기기",
        "KHIDI analysis of Bank of Korea tables, medical devices",
    ),
    "report.a.attribution": (
        "사업 기여율",
        "share of the added revenue attributable to the program",
    ),
    "report.a.attribution_value": (
        "{low}–{high} (표), 카드의 NPV는 {central}",
        "{low}-{high} (table); the NPV card uses {central}",
    ),
    "report.a.attribution_source": (
        "근거 없음; 그래서 B/C를 범위로 보입니다",
        "no evidence; hence B/C is shown as a range",
    ),
    "report.a.counterfactual": ("사업이 없을 때", "without the phase"),
    "report.a.counterfactual_value": (
        "이 단계 예산 0 (이전 단계 기업만 남음)",
        "the phase's budget set to 0 (earlier firms only)",
    ),
    "report.a.counterfactual_source": ("반사실 비교 기준", "the counterfactual of the appraisal"),
    "report.h.npv": ("NPV와 B/C (할인율 {rate})", "NPV and B/C at {rate}"),
    "report.col.attribution": ("사업 기여율", "Attribution share"),
    "report.col.bc_median": ("B/C 중앙값", "Median B/C"),
    "report.col.p_bc": ("P(B/C ≥ 1)", "P(B/C >= 1)"),
    "report.tbl.attribution": (
        "사업 기여율에 따른 B/C (근거 없는 가정이므로 범위로 보임)",
        "B/C by attribution share (an unsourced assumption, hence a range)",
    ),
    "report.tbl.appraisal": (
        "연도별 비용과 편익 (기여율 {share})",
        "Costs and benefits by year (attribution {share})",
    ),
    "report.fig.npv_axis": ("현재가치 순편익 (억원)", "Discounted net flow (KRW 100m)"),
    "report.fig.npv_title": (
        "NPV (기여율 {share}, 할인율 {rate})",
        "NPV (attribution {share}, rate {rate})",
    ),
    "report.fig.npv": (
        "연도별 현재가치 순편익과 NPV ({start}-{end}년만)",
        "Discounted net flow by year and the NPV ({start}-{end} only)",
    ),
    "report.appraisal_note": (
        (
            "편익 = (이 단계가 있을 때 매출 − 없을 때 매출) × 부가가치율 × 기여율. {end}년 이후 편익은 넣지 않아 "
            "보수적입니다. 할인은 기획재정부 예비타당성조사의 실질 사회적 할인율 4.5 %(2017년 이후)를 연초 기준으로 "
            "적용했습니다. B/C는 근거 없는 기여율에 따라 크게 달라지므로 하나의 값으로 판단하지 마십시오."
        ),
        (
            "Benefit = (revenue with the phase - revenue without it) x value-added ratio x attribution. "
            "Benefits after {end} are left out (conservative). Discounting uses Korea's real social "
            "discount rate for preliminary feasibility studies, 4.5 % since 2017, at the beginning of "
            "each year. B/C moves with the unsourced attribution share: do not judge it by one value."
        ),
    ),
    # cost sharing
    "report.cs.value": ("지원 규모 (1개사)", "Support value per company"),
    "report.cs.contribution": ("기업 부담금", "Company contribution"),
    "report.cs.share": ("기업 부담 비율", "Company share"),
    "report.cs.subsidy": ("공공 지원율", "Subsidy rate"),
    "report.cs.derived": ("위 두 값에서 계산", "computed from the two figures"),
    "report.cs.products_per": ("기업당 등록 상품", "Products per company"),
    "report.fig.cost_sharing": (
        "참여 기업 1개사당 부담과 공공 지원",
        "Per company: contribution and public subsidy",
    ),
    "report.h.scale": ("규모 시나리오", "Scale scenarios"),
    "report.cs.budget": ("공공 예산", "Public budget"),
    "report.cs.fundable": ("지원 가능 기업", "Companies fundable"),
    "report.cs.contributions": ("기업 부담 합계", "Contributions"),
    "report.cs.left": ("잔액", "Left over"),
    "report.tbl.cost_sharing": (
        "공공 예산 규모별 지원 가능 기업",
        "Companies fundable by public budget",
    ),
    "report.a.cs_budget": ("{name} 공공 예산", "{name}: public budget"),
    "report.a.cs_budget_source": (
        "예산이 발표되지 않아 규모별로 제시",
        "the budget is not published; shown by scale",
    ),
    # zones
    "report.zones_intro": (
        (
            "각 특구가 발표한 누적 실적은 기간이 서로 달라, 가장 긴 발표 기간의 값(같은 기간이면 가장 "
            "나중에 발표된 값)을 그 값이 실제로 포괄한 연수(기간 시작부터 발표 시점까지)로 나누어 연평균을 "
            "비교합니다. 막대의 진하기는 자료 신뢰도입니다."
        ),
        (
            "Each zone published cumulative results over a different window; the widest window (of "
            "several, the latest publication) is divided by the years it actually covers (from the "
            "window's start to the figure's date) to compare yearly rates. Bar shading shows the "
            "data's confidence."
        ),
    ),
    "report.zones.ric": ("연구소기업 설립 (연평균)", "Research-institute companies per year"),
    "report.zones.startups": ("창업 (연평균)", "Start-ups per year"),
    "report.zones.transfers": ("기술이전·출자 (연평균)", "Technology transfers per year"),
    "report.zones.axis": ("건/년", "per year"),
    "report.fig.zones": (
        "발표 기간이 다른 누적값을 실제로 포괄한 연수로 나눈 연평균; 값 옆 *: 기간 도중에 발표된 값",
        (
            "Cumulative values over different windows, per year actually covered; * after a value: "
            "published before its window ended"
        ),
    ),
    "report.tbl.zone_rates": (
        "특구별 연평균 실적 (실제로 포괄한 연수로 나눔)",
        "Yearly rates by zone (divided by the years actually covered)",
    ),
    "report.tbl.zones": ("강소특구 목록", "The Gangso zones"),
    "report.overview_intro": (
        "이 자료에는 강소특구 {n}곳이 들어 있습니다. 아래 비교는 모든 특구를 같은 방식으로 환산했습니다.",
        "The document holds {n} Gangso zones, compared below on the same footing.",
    ),
    "report.tbl.programs": ("자료의 프로그램", "Programs of the document"),
    "report.overview_note": (
        "특구 하나의 보고서(전망, 목표 달성 확률, 경제성 평가 포함)는 --program 옵션에 위 id를 주어 만듭니다.",
        (
            "For one zone's report (with projection, target probabilities and appraisal), pass its id "
            "above with --program."
        ),
    ),
    # appendix
    "report.appendix_intro": (
        (
            "보고서가 기대는 모든 가정과, 자료 파일에서 신뢰도가 낮은 값입니다. 근거: 발표값 = 발표된 값, "
            "발표값에서 계산 = 발표 값으로 계산, 가정 = 출처 없는 판단."
        ),
        (
            "Every assumption the report rests on, and every low-confidence figure of the file it uses. "
            "Basis: sourced = a published figure, derived = computed from published figures, "
            "assumption = a judgement without a source."
        ),
    ),
    "report.h.assumptions": ("가정", "Assumptions"),
    "report.tbl.assumptions": ("가정과 신뢰도 낮은 값", "Assumptions and low-confidence figures"),
    "report.h.notes": ("자료에 달린 메모", "Notes kept with the data"),
    "report.h.sources": ("출처 목록", "Sources"),
    "report.tbl.sources": ("출처", "Sources"),
    "report.a.phase_budget": ("{phase} 총예산", "total budget of {phase}"),
    "report.a.phase_budget_range": (
        "발표되지 않은 총액의 추정 범위 (연도별 예산에서)",
        "range inferred from the yearly budgets found",
    ),
    "report.a.program_file": ("자료 파일", "program file"),
    "report.a.yearly_split": ("{phase} 연도별 배분", "yearly split of {phase}"),
    "report.a.even": ("균등 ({value}/년)", "even ({value} a year)"),
    "report.a.no_schedule": ("연도별 계획이 자료에 없음", "the file has no yearly schedule"),
    "report.a.budget_total": ("총액", "total"),
    "report.a.whole_phase": ("단계 전체", "whole phase"),
    "report.a.budget_line": ("{year}년 {source}", "{year} {source}"),
    "report.a.low_budget": ("{phase} 예산: {what}", "budget of {phase}: {what}"),
    # table columns
    "report.col.figure": ("항목", "Figure"),
    "report.col.value": ("값", "Value"),
    "report.col.note": ("설명", "Note"),
    "report.col.confidence": ("신뢰도", "Confidence"),
    "report.col.indicator": ("지표", "Indicator"),
    "report.col.unit": ("단위", "Unit"),
    "report.col.period": ("기간", "Period"),
    "report.col.date": ("발표 시점", "Source date"),
    "report.col.source": ("출처", "Source"),
    "report.col.severity": ("심각도", "Severity"),
    "report.col.years": ("연도", "Years"),
    "report.col.year": ("연도", "Year"),
    "report.col.stated": ("발표값", "Stated"),
    "report.col.computed": ("계산값", "Computed"),
    "report.col.finding": ("설명", "Finding"),
    "report.col.target": ("목표", "Target"),
    "report.col.actual": ("실적", "Actual"),
    "report.col.achievement": ("달성률", "Achievement"),
    "report.col.measure": ("척도", "Measure"),
    "report.col.central": ("중앙", "Central"),
    "report.col.low": ("하한", "Low"),
    "report.col.high": ("상한", "High"),
    "report.col.component": ("구성 사업", "Component"),
    "report.col.output": ("전망 지표", "Projected indicator"),
    "report.col.median": ("중앙값", "Median"),
    "report.col.probability": ("달성 확률", "P(reached)"),
    "report.col.input": ("입력", "Input"),
    "report.col.at_low": ("낮은 값일 때", "At low"),
    "report.col.at_high": ("높은 값일 때", "At high"),
    "report.col.swing": ("변동 폭", "Swing"),
    "report.col.base": ("기준값", "Base"),
    "report.col.s1_ci": ("S1 구간 반폭", "S1 half-width"),
    "report.col.st_ci": ("ST 구간 반폭", "ST half-width"),
    "report.col.scenario": ("시나리오", "Scenario"),
    "report.col.budget_years": ("연도별 예산 (억원)", "Budget by year (KRW 100m)"),
    "report.col.median_of": ("{year}년 {name} 중앙값", "Median {name} {year}"),
    "report.col.p_of": ("달성 확률: {name}", "P(reached): {name}"),
    "report.col.p_prefix": ("달성 확률", "P(reached)"),
    "report.col.cost": ("비용 (억원)", "Cost (KRW 100m)"),
    "report.col.benefit": ("편익 (억원)", "Benefit (KRW 100m)"),
    "report.col.discount": ("할인계수", "Discount factor"),
    "report.col.pv_net": ("현재가치 순편익 (억원)", "Discounted net flow (KRW 100m)"),
    "report.col.zone": ("특구", "Zone"),
    "report.col.per_year": ("연평균", "Per year"),
    "report.col.covered": ("포괄 연수", "Years covered"),
    "report.col.coverage": ("기간 포괄", "Coverage"),
    "report.col.batch": ("차수", "Batch"),
    "report.col.field": ("분야", "Field"),
    "report.col.ric": ("연구소기업", "RI companies"),
    "report.col.program": ("프로그램", "Program"),
    "report.col.designated": ("지정 연도", "Designated"),
    "report.col.phases": ("단계", "Phases"),
    "report.col.planned": ("계획 단계", "Planned phase"),
    "report.col.section": ("절", "Section"),
    "report.col.assumption": ("가정", "Assumption"),
    "report.col.basis": ("근거", "Basis"),
    "report.col.source_note": ("출처·설명", "Source / note"),
    "report.col.publisher": ("발행처", "Publisher"),
    "report.col.source_id": ("출처 식별자", "Source id"),
    "report.col.title": ("제목", "Title"),
    # the workbook
    "report.xl.contents": ("목차", "contents"),
    "report.xl.meta": (
        "innozone {version} · 작성일 {date} · 시드 {seed} · 모의실험 {draws}회",
        "innozone {version} · generated {date} · seed {seed} · {draws} draws",
    ),
    "report.xl.sheet": ("시트", "Sheet"),
    "report.xl.table": ("표", "Table"),
    "report.a.horizon_value": ("단계 종료 후 {years}년", "{years} years after the phase"),
    "report.benchmark": ("통계청·특구재단 생존율 기준 ({name})", "survival benchmark ({name})"),
    "report.card.central": (
        "모든 입력을 중앙값에 둔 중심 사례",
        "central case: every input at its median",
    ),
    "report.col.actual_eok": ("집행 (억원)", "Actual (KRW 100m)"),
    "report.col.actual_period": ("실적 기간", "Actual period"),
    "report.col.bc_range90": ("B/C 90 % 구간", "B/C 90 % range"),
    "report.col.benefit_p05": ("편익 5 % (억원)", "Benefit 5 % (KRW 100m)"),
    "report.col.benefit_p95": ("편익 95 % (억원)", "Benefit 95 % (KRW 100m)"),
    "report.col.description": ("내용", "Description"),
    "report.col.execution": ("집행률", "Execution"),
    "report.col.funding": ("재원", "Funding"),
    "report.col.match": ("기간 맞춤", "Window match"),
    "report.col.plan_eok": ("계획 (억원)", "Plan (KRW 100m)"),
    "report.fig.achievement": (
        "목표 대비 실적 (기간이 맞는 목표만; 점선 100 %)",
        "Achievement of the targets with a matching actual (dashed: 100 %)",
    ),
    "report.fig.achievement_axis": ("달성률 (%)", "Achievement (%)"),
    "report.h.unmodelled": (
        "모형으로 답할 수 없는 자료 파일의 목표",
        "Targets of the file the model cannot answer",
    ),
    "report.setting.total": ("{phase} {what} 합계", "{phase} total of {what}"),
    "report.setting.budget": ("{year}년 예산", "budget {year}"),
    "report.setting.ric_entries": (
        "{year}년 연구소기업 설립 (이전 단계)",
        "research-institute companies founded in {year}",
    ),
    "report.setting.startups_entries": ("{year}년 창업 (이전 단계)", "start-ups founded in {year}"),
    "report.quantity.transfers": ("기술이전·출자", "technology transfers"),
    "report.quantity.ric": ("연구소기업", "research-institute companies"),
    "report.quantity.startups": ("창업", "start-ups"),
    "report.quantity.jobs": ("일자리", "jobs"),
    "report.quantity.revenue": ("매출액", "revenue"),
    "report.quantity.investment": ("투자 연계", "linked investment"),
    "report.targets_method": (
        (
            "기간 목표는 단계 첫해부터의 누적 전망과, 연도 목표는 그해 전망과 비교합니다. 확률은 모의실험 중 "
            "목표에 이른 비율입니다."
        ),
        (
            "A target over a window from the phase's start is compared with the cumulative "
            "projection at the window's end, a yearly target with that year's projection. The "
            "probability is the share of draws that reach it."
        ),
    ),
    "report.tbl.budget_execution": ("예산 집행 (계획 대비)", "Budget execution against plan"),
    "report.tbl.calibration": ("모형 보정: 입력과 설정", "Calibration: inputs and settings"),
    "report.unmodelled.jobs_window": (
        "기간 동안 만든 일자리는 모형의 출력이 아님 (모형의 일자리는 연말 생존 기업의 고용)",
        "jobs created over a window are not a model output",
    ),
    "report.unmodelled.no_output": ("이 지표에 맞는 모형 출력이 없음", "no model output for it"),
    "report.unmodelled.outside": ("목표 연도가 단계 밖", "the year is outside the phase"),
    "report.unmodelled.window": (
        "목표 기간이 단계 첫해에 시작하지 않음",
        "the window does not start with the phase",
    ),
    "report.unmodelled_generic": (
        "모형으로 답할 수 없는 목표 (자세한 이유는 영어판 보고서)",
        "a target the model cannot answer",
    ),
    "report.unmodelled_item": (
        "{name} {value} ({period}): {why}",
        "{name} {value} ({period}): {why}",
    ),
    "report.a.appraisal.attribution": ("사업 기여율", "attribution share"),
    "report.a.appraisal.value_added_ratio": (
        "매출 대비 부가가치율",
        "value-added ratio of revenue",
    ),
    "report.a.appraisal.rate": ("사회적 할인율", "social discount rate"),
    "report.a.appraisal.counterfactual": ("사업이 없을 때", "without the phase"),
    "report.a.appraisal.horizon": ("편익을 세는 기간", "benefit horizon"),
    "report.a.appraisal_note.attribution": (
        "근거 없음; 그래서 B/C를 범위로 보입니다",
        "no published figure; hence B/C is shown as a range",
    ),
    "report.a.appraisal_note.value_added_ratio": (
        "한국보건산업진흥원의 한국은행 산업연관표 분석 (부문별 부가가치율)",
        "KHIDI analysis of Bank of Korea tables (sector value-added ratio)",
    ),
    "report.a.appraisal_note.rate": (
        "기획재정부 예비타당성조사의 실질 사회적 할인율 (2017-08 이후)",
        "Korea's real social discount rate for pre-feasibility studies since 2017-08",
    ),
    "report.a.appraisal_note.counterfactual": (
        "같은 난수로 이 단계 예산을 0으로 둔 모의실험과 비교",
        "compared with the same draws and the phase's budget set to 0",
    ),
    "report.a.appraisal_note.horizon": (
        "단계 종료 뒤 편익은 넣지 않음 (보수적)",
        "benefits after the phase's end are left out (conservative)",
    ),
    "report.scenario_desc.baseline": ("계획대로 {total}", "{total} as planned"),
    "report.scenario_desc.budget_cut": (
        "매년 {cut} 삭감, 총 {cut_total}",
        "{cut} less every year, {cut_total} in total",
    ),
    "report.scenario_desc.front_loaded": (
        "같은 총액 {total}을 초기에 집중",
        "the same {total}, front-loaded",
    ),
    "report.scenario_desc.reallocation": (
        "매년 예산의 {share}를 병원 구매조건부 사업으로 옮김 (창업기업 5년 생존율 +{gain}%p)",
        (
            "{share} of each year's budget to hospital purchase-conditional support (start-ups' "
            "5-year survival +{gain} points)"
        ),
    ),
    # calibration: what is missing
    "report.missing.no_indicator": (
        "{phase}: {what} 지표가 없음 (찾은 id: {ids})",
        "{phase}: no indicator for {what} (looked for: {ids})",
    ),
    "report.missing.no_actuals": (
        "{phase}: '{ind}'의 실적 관측값이 없음",
        "{phase}: no actual observations of '{ind}'",
    ),
    "report.missing.cover_none": (
        "{phase}: '{ind}'의 관측값이 {years} 기간을 전혀 포괄하지 않음",
        "{phase}: the observations of '{ind}' cover none of {years}",
    ),
    "report.missing.no_budget": (
        "{phase}: 예산 총액, 범위, 단계 전체 예산 항목이 없음",
        "{phase}: no budget total, range or whole-phase line",
    ),
    "report.missing.no_plan": (
        "{phase}: 예산 총액과 연도별 계획이 없음",
        "{phase}: no budget total and no yearly plan",
    ),
    "report.missing.plan_exceeds": (
        "{phase}: 연도별 계획의 합이 총액보다 큼",
        "{phase}: the yearly plan lines exceed the total",
    ),
    "report.missing.no_previous": (
        "{phase} 이전에 끝난 단계가 없음 (보정에 쓸 이전 단계 실적이 필요)",
        "no phase ends before {phase} (the model is calibrated on the previous phase)",
    ),
    "report.missing.no_transfers": (
        "{phase}: 보정에 쓸 기술이전 실적이 0",
        "{phase}: no technology transfers to calibrate on",
    ),
    "report.missing.no_firms": (
        "{phase}: 기업당 일자리와 매출을 보정할 연구소기업·창업 실적이 없음",
        "{phase}: no research-institute companies or start-ups to calibrate on",
    ),
    "report.missing.other": (
        "보정에 필요한 자료 (자세한 내용은 영어판 보고서)",
        "data needed by the calibration",
    ),
    # plan against actual: how the windows were matched
    "match.exact": ("같은 기간", "exact"),
    "match.partial": ("같은 기간 (자료는 기간 도중까지)", "same window, data to a date inside it"),
    "match.derived": ("다른 관측값에서 계산", "derived from other observations"),
    "match.approximate": ("기간이 달라 참고용", "different window, for reference"),
    "match.none": ("실적 없음", "no actual"),
    # Korean notes of the zone model's inputs (the English notes come with the model)
    "report.input_note.phase1_budget": (
        "이전 단계 총예산; 발표되지 않았으면 연도별 예산에서 추정한 범위",
        "the previous phase's total budget",
    ),
    "report.input_note.elasticity": (
        "연도별 예산에 대한 기술이전의 탄력성; 근거 없는 가정 (1이면 억원당 성과 일정)",
        "response of transfers to the yearly budget",
    ),
    "report.input_note.productivity": (
        "이전 단계 대비 억원당 기술이전 배수 (평균 1); 가정",
        "transfers per KRW 100m relative to the previous phase",
    ),
    "report.input_note.ric_per_transfer": (
        "이전 단계 실적: 연구소기업 수 / 기술이전 건수; 범위 ±25 %는 가정",
        "previous phase: research-institute companies / transfers",
    ),
    "report.input_note.startups_per_transfer": (
        "이전 단계 실적: 창업 수 / 기술이전 건수; 범위 ±25 %는 가정",
        "previous phase: start-ups / transfers",
    ),
    "report.input_note.ric_survival_5y": (
        "연구소기업 5년 생존율 발표값 (특구재단 2020) 사이의 균등분포",
        "published 5-year survival of research-institute companies",
    ),
    "report.input_note.startup_survival_5y": (
        "통계청 기업생멸행정통계의 5년 생존율 (제조업, 보건업)",
        "Statistics Korea 5-year survival (manufacturing, health)",
    ),
    "report.input_note.weibull_shape": (
        "통계청 1-5년 생존 곡선에 맞춘 와이블 형상 모수",
        "Weibull shape fitted to Statistics Korea 1-5 year curves",
    ),
    "report.input_note.jobs_per_firm": (
        "이전 단계 일자리 / 단계 말 생존 기업 수; 범위 ±30 %는 가정",
        "previous phase jobs / firms alive at its end",
    ),
    "report.input_note.revenue_per_firm": (
        "이전 단계 매출 / 기업-연수; 매출의 범위가 밝혀지지 않아 가정 포함",
        "previous phase revenue / firm-years",
    ),
    "report.input_note.investment_per_new_firm": (
        "이전 단계 투자 연계 / 신규 기업 수; 범위 ±40 %는 가정",
        "previous phase investment / new firms",
    ),
}


def _check_lang(lang: str | None) -> str:
    if lang is None:
        from ._options import options

        return options.lang
    if lang not in LANGS:
        raise InvalidInputError(f"lang must be 'en' or 'ko', got {lang!r}")
    return lang


def keys(prefix: str = "") -> list[str]:
    """Every registered key starting with ``prefix``, sorted."""
    return sorted(k for k in _LABELS if k.startswith(prefix))


def has_label(key: str) -> bool:
    """Whether ``key`` is registered."""
    return key in _LABELS


def label(key: str, lang: str | None = None, **fields: Any) -> str:
    """The text of ``key`` in ``lang``.

    Parameters
    ----------
    key : str
        A registered key (:func:`keys` lists them).
    lang : {"en", "ko"} or None
        None means :data:`innozone.options.lang`.
    **fields
        Values of the text's ``{placeholders}``.

    Raises
    ------
    innozone.NotFoundError
        Unknown key; the message lists the known keys with the same prefix.
    innozone.InvalidInputError
        Unknown ``lang`` or a missing placeholder.
    """
    lang = _check_lang(lang)
    try:
        pair = _LABELS[key]
    except KeyError:
        prefix = key.split(".")[0] + "." if "." in key else ""
        known = keys(prefix) if prefix else sorted(k for k in _LABELS if "." not in k)
        raise NotFoundError(f"no label {key!r}; known keys: {known}") from None
    text = pair[0] if lang == "ko" else pair[1]
    if not fields:
        return text
    try:
        return text.format(**fields)
    except (KeyError, IndexError) as exc:
        raise InvalidInputError(f"label {key!r} needs the field {exc}") from None


def label_or(key: str, default: str, lang: str | None = None, **fields: Any) -> str:
    """Like :func:`label`, but ``default`` for an unknown key."""
    if key not in _LABELS:
        _check_lang(lang)
        return default
    return label(key, lang, **fields)


def add_labels(labels: Mapping[str, tuple[str, str]], *, replace: bool = False) -> None:
    """Register texts for new keys (for example the indicators of your own model).

    Parameters
    ----------
    labels : mapping key -> (Korean, English)
    replace : bool
        Allow replacing a registered text; otherwise a registered key is an error.

    Examples
    --------
    >>> from innozone._labels import add_labels, label
    >>> add_labels({"model.patents": ("특허", "Patents")})
    >>> label("model.patents", "ko")
    '특허'
    """
    for key, pair in labels.items():
        if not isinstance(key, str) or not key:
            raise InvalidInputError(f"label keys must be non-empty strings, got {key!r}")
        if (
            not isinstance(pair, tuple)
            or len(pair) != 2
            or not all(isinstance(t, str) and t for t in pair)
        ):
            raise InvalidInputError(
                f"label {key!r}: expected a (Korean, English) pair of non-empty strings, got {pair!r}"
            )
        if key in _LABELS and not replace and _LABELS[key] != pair:
            raise InvalidInputError(f"label {key!r} is already registered (pass replace=True)")
    _LABELS.update(labels)


def unit_label(unit: str, lang: str | None = None) -> str:
    """A unit in ``lang`` (``"persons"`` -> ``"명"``); an unknown unit unchanged."""
    return label_or(f"unit.{unit}", str(unit), lang)


def confidence_label(level: Any, lang: str | None = None) -> str:
    """``high``/``medium``/``low`` in ``lang``; empty for a missing level."""
    if level is None or (isinstance(level, float) and math.isnan(level)) or level == "":
        return ""
    return label_or(f"confidence.{level}", str(level), lang)


def basis_label(basis: str, lang: str | None = None) -> str:
    """``sourced``/``derived``/``assumption`` in ``lang``."""
    return label_or(f"basis.{basis}", str(basis), lang)


# ------------------------------------------------------------------------ numbers
_KO_SUFFIX_UNITS = {"억원", "백만원", "만원", "원", "조원", "%", "건", "개", "명", "년", "배"}


def number(value: Any, decimals: int | None = None) -> str:
    """A number with thousands separators; ``decimals=None`` picks 0-2 decimals."""
    if value is None:
        return "–"
    try:
        f = float(value)
    except (TypeError, ValueError):
        return str(value)
    if not math.isfinite(f):
        return "–"
    if decimals is None:
        if f.is_integer() or abs(f) >= 100:
            decimals = 0
        elif abs(f) >= 10:
            decimals = 1
        else:
            decimals = 2
    return f"{f:,.{decimals}f}"


def quantity(value: Any, unit: str, lang: str | None = None, decimals: int | None = None) -> str:
    """A value with its unit in ``lang``.

    Examples: ``1,113명`` / ``1,113 persons``; ``1,030억원`` / ``KRW 103.0 bn``.
    """
    lang = _check_lang(lang)
    text = number(value, decimals)
    if text == "–":
        return text
    if lang == "en" and unit in ("억원", "KRW 100m"):
        f = float(value) / 10.0
        return f"KRW {f:,.{1 if abs(f) < 1000 else 0}f} bn"
    shown = unit_label(unit, lang)
    if lang == "ko" and shown in _KO_SUFFIX_UNITS:
        return f"{text}{shown}" if shown != "%" else f"{text} %"
    return f"{text} {shown}" if shown and shown != "-" else text


# ------------------------------------------------------------------------ checker findings
def _decimals(value: Any) -> int:
    """Decimals written in a stated figure (at most 3)."""
    text = f"{float(value):.6f}".rstrip("0").rstrip(".")
    return min(3, len(text.split(".")[1])) if "." in text else 0


def _finding_number(value: Any, unit: str, lang: str, decimals: int | None = None) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "–"
    if unit == "%":
        return f"{number(value, decimals)} %"
    if unit in ("years",):
        return str(int(value))
    return quantity(value, unit, lang, decimals)


def finding_text(
    finding: Mapping[str, Any], lang: str | None = None, indicator_name: str | None = None
) -> str:
    """A checker finding (a row of ``Document.check()``) as a sentence in ``lang``.

    English findings keep the checker's own message; Korean ones are composed from the
    finding's fields (kind, years, stated and recomputed values, tolerance).
    """
    lang = _check_lang(lang)
    if lang == "en" and finding.get("message"):
        return str(finding["message"])
    kind = str(finding.get("kind", ""))
    unit = str(finding.get("unit") or "")
    years_raw = finding.get("years") or ()
    years = "–".join(str(y) for y in years_raw) if len(years_raw) else "–"
    name = indicator_name or str(finding.get("indicator") or label("budget", lang))
    stated_value = finding.get("stated")
    finite = isinstance(stated_value, (int, float)) and math.isfinite(float(stated_value))
    digits = _decimals(stated_value) + 1 if finite else None
    gap_unit = "%p" if unit == "%" else unit  # a difference of percentages is in points
    fields = {
        "what": label_or(f"finding.{kind}", kind, lang),
        "indicator": name,
        "years": years,
        "stated": _finding_number(stated_value, unit, lang),
        "computed": _finding_number(finding.get("computed"), unit, lang, digits),
        "mismatch": _finding_number(finding.get("mismatch"), gap_unit, lang, digits),
        "tolerance": _finding_number(finding.get("tolerance"), gap_unit, lang, digits),
    }
    severity = str(finding.get("severity", ""))
    if kind == "unverifiable":
        return label("finding.text_unverifiable", lang, **fields)
    if kind == "year_outside_phase":
        return label("finding.text_outside", lang, **fields)
    if kind == "superseded":  # stated: the earlier figure, computed: the one that wins
        fields["computed"] = _finding_number(finding.get("computed"), unit, lang)
        return label("finding.text_superseded", lang, **fields)
    if severity == "info" and kind.endswith("mismatch"):
        return label("finding.text_rounded", lang, **fields)
    stated = finding.get("stated")
    if stated is None or (isinstance(stated, float) and math.isnan(stated)):
        return label("finding.text_generic", lang, **fields)
    return label("finding.text", lang, **fields)


# ------------------------------------------------------------------------ data notes
def note_text(text: str, lang: str | None = None) -> tuple[str, bool]:
    """A note kept in a data file, in ``lang``.

    Returns
    -------
    (str, bool)
        The text and whether it is in ``lang``: notes are written in English; the Korean
        translation of the embedded datasets' notes is registered here. A note without a
        translation comes back unchanged with ``False``.
    """
    lang = _check_lang(lang)
    if lang == "en":
        return text, True
    key = " ".join(str(text).split())
    if key in NOTES_KO:
        return NOTES_KO[key], True
    return text, False


# Korean translations of the notes kept in the embedded data files (English text -> Korean).
# A test checks that every note of the embedded datasets has one.
_NOTE_PAIRS: tuple[tuple[str, str], ...] = (
    (
        "Approved by the 29th R&D Special Zone Committee on 2019-06-19; designation notice (고시) on 2019-08-07.",
        "2019-06-19 제29차 연구개발특구위원회에서 의결, 2019-08-07 지정 고시.",
    ),
    (
        "Known inconsistency kept visible: 184 firms are called 92 % of the total, but 184 / 319 = 57.7 %. 92 % fits a base of about 200 firms (perhaps the firms inside the zone rather than all biomedical firms in Gimhae).",
        "알려진 불일치를 그대로 표시함: 184개 기업이 전체의 92 %라고 하지만 184 / 319 = 57.7 %입니다. 92 %는 약 200개 기업을 분모로 할 때 맞습니다 (김해 전체 의생명 기업이 아니라 특구 안 기업일 수 있음).",
    ),
    (
        "Known rounding: 121 -> 319 firms is +163.6 %, stated as 164 %.",
        "알려진 반올림: 121개에서 319개로 +163.6 %이며, 164 %로 발표됨.",
    ),
    (
        "The biomedical firm counts (67, 86, 121, 131, 319) are city-wide counts from the 김해의생명산업진흥원 survey, not counts of firms inside the zone.",
        "의생명 기업 수(67, 86, 121, 131, 319)는 김해의생명산업진흥원 조사의 김해시 전체 기업 수이며, 특구 안 기업 수가 아닙니다.",
    ),
    (
        "The scope of the phase-1 revenue figure (2,566억) is not stated: whose revenue, and whether cumulative or annual.",
        "1단계 매출액(2,566억)의 범위가 밝혀지지 않았습니다: 누구의 매출인지, 누적인지 연간인지.",
    ),
    (
        "The Aju Business Daily article gives no phase-1 budget. The phase-1 budget here is assembled from yearly figures of other outlets; the total and the national sum are inferred (confidence low).",
        "아주경제 기사에는 1단계 예산이 없습니다. 여기의 1단계 예산은 다른 매체의 연도별 수치를 모은 것이며, 총액과 국비 합계는 추정입니다 (신뢰도 낮음).",
    ),
    (
        "The 209 indicator is officially 기술이전·출자 (technology transfer and equity investment); Aju Business Daily calls it 기술 발굴 및 연계 (technologies discovered and linked).",
        "209건 지표의 공식 명칭은 기술이전·출자이며, 아주경제는 이를 기술 발굴 및 연계라고 썼습니다.",
    ),
    (
        "National funding expected at designation was 60억 a year for 5 years (300억). It was cut after the MOEF adequacy review (적정성 재검토).",
        "지정 당시 예상한 국비는 연 60억씩 5년(300억)이었으나, 기획재정부 적정성 재검토 뒤 삭감되었습니다.",
    ),
    (
        "National funding path after the MOEF adequacy review, notified to zones in 2021-08: year 1 about 60억, year 2 40억, year 3 onward 20억 (160억 over 5 years). Gimhae's 2021 (40) and 2022 (20) national figures follow it.",
        "2021-08 특구에 통보된 적정성 재검토 뒤 국비 경로: 1년차 약 60억, 2년차 40억, 3년차부터 20억 (5년 160억). 김해의 2021년(40)과 2022년(20) 국비가 이를 따릅니다.",
    ),
    (
        "Batch-1 year-1 national amount was 58.6억 (Cheongju: 58.6 national + 12 local = 70.6). Gimhae's own 2020 national amount was not found; 58.6 is used only in the inferred phase-1 national sum.",
        "1차 지정 특구의 1년차 국비는 58.6억이었습니다 (청주: 국비 58.6 + 지방비 12 = 70.6). 김해의 2020년 국비는 찾지 못해, 58.6은 추정한 1단계 국비 합계에만 씁니다.",
    ),
    (
        "Gimhae's national funding for 2020, 2023 and 2024, and the total budget for 2024, were not found. The 2021 and 2023 results exist only as cumulative snapshots; 2023 values here are derived by subtraction.",
        "김해의 2020·2023·2024년 국비와 2024년 총예산은 찾지 못했습니다. 2021년과 2023년 성과는 누적 시점값으로만 있어, 2023년 값은 빼기로 구했습니다.",
    ),
    (
        "Inje University's business unit (빅드림웰바이오사업단) reported a budget of 48억 'this year' in an article whose date was not visible (2021 or 2022): http://www.gimhaenews.co.kr/news/articleView.html?idxno=44485",
        "인제대 빅드림웰바이오사업단이 날짜가 보이지 않는 기사(2021년 또는 2022년)에서 '올해' 예산 48억을 밝혔습니다: http://www.gimhaenews.co.kr/news/articleView.html?idxno=44485",
    ),
    (
        "Evaluation grade 2022: 최우수 (top tier), with 포항, 홍릉 and 천안아산. The 2022 evaluation was the first relative (ranked) one.",
        "2022년 평가 등급: 최우수 (포항, 홍릉, 천안아산과 함께). 2022년 평가가 첫 상대평가였습니다.",
    ),
    (
        "Evaluation grade 2024: 우수 (excellent, the second tier).",
        "2024년 평가 등급: 우수 (두 번째 등급).",
    ),
    (
        "The 2024 results (7 research-institute companies, 15 start-ups, 250억 investment, 184 jobs, 248억 revenue) are also reported by Kuki News; both articles wrongly say the zone was designated in 2020.",
        "2024년 성과(연구소기업 7개, 창업 15개, 투자 250억, 일자리 184명, 매출 248억)는 쿠키뉴스도 보도했으며, 두 기사 모두 특구 지정 연도를 2020년으로 잘못 적었습니다.",
    ),
    (
        "The 2023 evaluation grade was not found.",
        "2023년 평가 등급은 찾지 못했습니다.",
    ),
    (
        "Gyeongnam's three batch-1 zones together (Changwon, Jinju, Gimhae) were projected at designation to reach by 2024: 270 firms, 1,099 direct jobs, 901억 revenue, 1조4,446억 production inducement and 7,123 jobs of employment inducement.",
        "경남의 1차 지정 3개 특구(창원, 진주, 김해)는 지정 당시 2024년까지 기업 270개, 직접 일자리 1,099명, 매출 901억, 생산유발 1조4,446억, 취업유발 7,123명을 달성할 것으로 전망되었습니다.",
    ),
    (
        "Separate from the programme budget: 239억 of infrastructure for developing and testing digital-health products was built in Gimhae up to 2024.",
        "사업 예산과 별도로, 2024년까지 김해에 디지털헬스 제품 개발·시험 기반시설 239억이 구축되었습니다.",
    ),
    (
        "Separate project: the Gimhae Open Innovation knowledge-industry centre (오픈이노베이션 지식산업센터) in 서김해산단, part of the zone's surrounding site: 471억 (national 160, local 311), completion planned 2026-06.",
        "별도 사업: 특구 배후 공간인 서김해산단의 오픈이노베이션 지식산업센터, 471억 (국비 160, 지방비 311), 2026-06 준공 예정.",
    ),
    (
        "Possible confounder: the national K-bio-health regional centre run by 김해의생명산업진흥원 spent 39억 in 2022-2024 and reports 125 firms supported, 575억 revenue, 200억 investment and 202 new jobs; its phase 2 (2025-2027) has 37억 (national 21).",
        "교란 요인일 수 있음: 김해의생명산업진흥원이 운영하는 국가 K-바이오헬스 지역 거점은 2022-2024년 39억을 쓰고 기업 지원 125개, 매출 575억, 투자 200억, 신규 일자리 202명을 보고했으며, 2단계(2025-2027) 예산은 37억(국비 21)입니다.",
    ),
    (
        "Operated jointly with KOTRA since July 2024.",
        "2024년 7월부터 KOTRA와 공동 운영.",
    ),
    (
        "Promotion channels used: card news, leaflets and posters on social media, the youth centre and light-rail stations, and a video on the city's YouTube channel.",
        "홍보 수단: 사회관계망의 카드뉴스·전단·포스터, 청소년센터와 경전철역, 시 유튜브 채널 영상.",
    ),
    (
        "Located in the 김해중소기업비즈니스센터 (골든루트산단); refurbishment from 2024-04, operations planned from end-June 2024. Gimhae was one of six centres opened in 2024; KOTRA plans about 30 by 2027.",
        "김해중소기업비즈니스센터(골든루트산단)에 위치; 2024-04부터 리모델링, 2024년 6월 말 운영 예정. 김해는 2024년에 문을 연 6개 센터 중 하나이며, KOTRA는 2027년까지 약 30곳을 계획합니다.",
    ),
    (
        "Operation confirmed in 2024.",
        "2024년 운영 확인.",
    ),
    (
        "Derived figures are left to the library: the company share of the export-marketing support is 430,000 / 2,500,000 = 17.2 % (public subsidy 82.8 %); products per company in 2024 are 550 / 70 = 7.86.",
        "파생 수치는 라이브러리가 계산합니다: 수출 마케팅 지원의 기업 부담 비율은 430,000 / 2,500,000 = 17.2 % (공공 지원 82.8 %), 2024년 기업당 상품 수는 550 / 70 = 7.86입니다.",
    ),
    (
        "Usage figures other than the H2 2024 registrations (firms served, content produced, export results) were not found.",
        "2024년 하반기 등록 수 외의 이용 실적(지원 기업, 제작 콘텐츠, 수출 성과)은 찾지 못했습니다.",
    ),
    (
        "Batch 1: approved by the 29th R&D Special Zone Committee on 2019-06-19; designation notice (고시) on 2019-08-07 after a 20-day public comment period.",
        "1차 지정: 2019-06-19 제29차 연구개발특구위원회 의결, 20일간 주민 의견 청취 뒤 2019-08-07 지정 고시.",
    ),
    (
        "Evaluation 2022: 최우수 (top tier). The 2022 evaluation was the first relative (ranked) one.",
        "2022년 평가: 최우수. 2022년 평가가 첫 상대평가였습니다.",
    ),
    (
        "Evaluation 2024: 우수 (second tier).",
        "2024년 평가: 우수 (두 번째 등급).",
    ),
    (
        "Inje University runs five Paik hospitals. The full Gimhae record (yearly budgets, snapshots, firm counts, DEXTER) is the dataset 'gimhae'.",
        "인제대는 백병원 다섯 곳을 운영합니다. 김해의 전체 기록(연도별 예산, 시점값, 기업 수, 덱스터)은 'gimhae' 자료에 있습니다.",
    ),
    (
        "Evaluation 2024: 최우수 (top tier).",
        "2024년 평가: 최우수.",
    ),
    (
        "Tech transfer printed as 기술이전 (without 출자).",
        "기술이전·출자가 기술이전으로만 (출자 없이) 발표됨.",
    ),
    (
        "Phase-2 budget not found.",
        "2단계 예산은 찾지 못했습니다.",
    ),
    (
        "The 2019-mid-2024 window starts at designation (2019), one year before phase 1.",
        "2019-2024년 중반 기간은 지정 연도(2019)부터로, 1단계보다 한 해 이릅니다.",
    ),
    (
        "Base national funding for phase 2 implies 18억 a year, 90억 over five years, as for Gimhae.",
        "2단계 기본 국비는 김해와 같이 연 18억, 5년 90억에 해당합니다.",
    ),
    (
        "Tech transfer to end-2022 was printed as 55 (51억): the 51억 is probably the transfer fees.",
        "2022년 말까지 기술이전은 55건(51억)으로 발표되었으며, 51억은 기술료로 보입니다.",
    ),
    (
        "Phase 2 (2025-2030) was under the MOEF adequacy review in 2024-10; evaluations rated phase 1 우수 and the phase-2 plan 타당. Amount not found.",
        "2단계(2025-2030)는 2024-10 기획재정부 적정성 검토 중이었고, 평가에서 1단계는 우수, 2단계 계획은 타당으로 평가되었습니다. 금액은 찾지 못했습니다.",
    ),
    (
        "Batch 2: approved by the 34th committee on 2020-07-27; designation notice in 2020-08; the batch-2 programmes started in 2021.",
        "2차 지정: 2020-07-27 제34차 위원회 의결, 2020-08 지정 고시, 2차 특구 사업은 2021년에 시작.",
    ),
    (
        "Evaluation 2023: 최우수 (top tier).",
        "2023년 평가: 최우수.",
    ),
    (
        "Phase 1 ran 2021-03 to 2026-02 and phase 2 runs 2026-03 to 2031-02; phases are labelled by the year their programme years start. Phase 2 is confirmed; its amount is not stated.",
        "1단계는 2021-03부터 2026-02까지, 2단계는 2026-03부터 2031-02까지이며, 단계는 사업연도가 시작하는 해로 표시합니다. 2단계는 확정되었으나 금액은 밝혀지지 않았습니다.",
    ),
    (
        "Donga (2025-08-13) reports 834억 of private investment, against 659억 here. Ranked 1st in start-ups and 2nd in investment among batch 2.",
        "동아일보(2025-08-13)는 민간 투자를 여기의 659억이 아닌 834억으로 보도했습니다. 2차 특구 중 창업 1위, 투자 2위.",
    ),
    (
        "Seoul also spent 1,563억 outside the zone budget: 1,303억 on infrastructure and a 260억 bio fund.",
        "서울시는 특구 예산 밖에서 1,563억을 더 썼습니다: 기반시설 1,303억, 바이오 펀드 260억.",
    ),
    (
        "Start-up investment of 4,852억, 3.7 times the pre-designation period.",
        "창업기업 투자 4,852억, 지정 이전 기간의 3.7배.",
    ),
    (
        "Phase-1 budget was 350억 in the 2021 plan.",
        "2021년 계획의 1단계 예산은 350억이었습니다.",
    ),
    (
        "Phase-1 budget was 216억 in 2023; the drop reflects the national cut.",
        "2023년의 1단계 예산은 216억으로, 국비 삭감이 반영된 것입니다.",
    ),
    (
        "At 2023-03: 217 jobs and annual revenue of 921억 (definitions not stated). Target: 50 companies by 2025.",
        "2023-03 기준: 일자리 217명, 연 매출 921억 (정의는 밝혀지지 않음). 목표: 2025년까지 기업 50개.",
    ),
    (
        "Tech transfer printed as public tech transfer (공공기술이전).",
        "기술이전이 공공기술이전으로 발표됨.",
    ),
    (
        "The first zone built around a public corporation.",
        "공기업을 중심으로 만든 첫 특구.",
    ),
    (
        "Designated area unknown: the surrounding site is reported as 2.7 km² by one outlet and 1.84 km² by another.",
        "지정 면적 불명: 배후 공간이 한 매체에서는 2.7 km², 다른 매체에서는 1.84 km²로 보도됨.",
    ),
    (
        "The other outlet for the surrounding-site area (see the previous note).",
        "배후 공간 면적을 보도한 다른 매체 (앞 메모 참고).",
    ),
    (
        "The published parts do not add up: jobs 533 (2021-22) + 299 (2023) = 832 against 474 (2021-23); tech transfer 56 + 65 = 121 against 109; revenue 117 + 125 = 242 against 296.",
        "발표된 부분값의 합이 맞지 않습니다: 일자리 533 (2021-22) + 299 (2023) = 832 대 474 (2021-23), 기술이전 56 + 65 = 121 대 109, 매출 117 + 125 = 242 대 296.",
    ),
    (
        "Revenue 2021-2024 was published as about 700-811억 (a range, so not recorded as one value).",
        "2021-2024년 매출은 약 700-811억으로 발표되어 (범위이므로) 한 값으로 기록하지 않았습니다.",
    ),
    (
        "Seoul Shinmun printed the investment as 27억, probably an error for 276억.",
        "서울신문은 투자를 27억으로 보도했으나, 276억의 오기로 보입니다.",
    ),
    (
        "Phase-2 national funding of 20억 a year for batch 2 compares with 18억 a year for batch 1.",
        "2차 특구의 2단계 국비는 연 20억으로, 1차 특구의 연 18억과 비교됩니다.",
    ),
    (
        "Batch 3: approved by the 42nd committee on 2022-05-02; designation notice in 2022-06.",
        "3차 지정: 2022-05-02 제42차 위원회 의결, 2022-06 지정 고시.",
    ),
    (
        "The only environmental-industry zone.",
        "유일한 환경산업 특구.",
    ),
    (
        "An earlier plan gave 192억 (national 160, local 32).",
        "이전 계획은 192억 (국비 160, 지방비 32)이었습니다.",
    ),
    (
        "Described as the 13th zone.",
        "13번째 특구로 소개됨.",
    ),
    (
        "Chuncheon is planned to move into a regional (광역) R&D special zone for Gangwon (Chuncheon, Wonju, Gangneung) in 2026.",
        "춘천은 2026년 강원 광역 연구개발특구(춘천, 원주, 강릉)로 옮겨 갈 계획입니다.",
    ),
    (
        "14 zones in 2023-2025: 6 (2019) + 6 (2020) + 2 (2022). No zone designated in 2023-2025 was found.",
        "2023-2025년 특구는 14곳: 6 (2019) + 6 (2020) + 2 (2022). 2023-2025년에 새로 지정된 특구는 찾지 못했습니다.",
    ),
    (
        "Batch 1 expected effects to 2024 (MSIT ex-ante, direct and indirect): 1,500 firms attracted, 18,600 jobs, 9.3조 extra revenue.",
        "1차 특구의 2024년까지 기대 효과(과기정통부 사전 추정, 직간접): 기업 유치 1,500개, 일자리 18,600명, 추가 매출 9.3조.",
    ),
    (
        "Batch 2 expected effects to 2025: 1,767 firms, 13,771 jobs, 34.2조 revenue.",
        "2차 특구의 2025년까지 기대 효과: 기업 1,767개, 일자리 13,771명, 매출 34.2조.",
    ),
    (
        "Batch 3 expected effects to 2026: 20,853 jobs; 6조3,262억 production plus value added.",
        "3차 특구의 2026년까지 기대 효과: 일자리 20,853명, 생산과 부가가치 합계 6조3,262억.",
    ),
    (
        "Yangsan (Pusan National University Yangsan campus) applied in batch 1 and was rejected.",
        "양산(부산대 양산캠퍼스)은 1차 지정에 신청했으나 지정되지 않았습니다.",
    ),
    (
        "At most 17 zones, one per province in the capital region; budgets differentiated by evaluation results, with possible de-designation.",
        "최대 17곳, 수도권은 광역 시도마다 한 곳; 예산은 평가 결과로 차등하며 지정 해제도 가능.",
    ),
    (
        "Area cap of 20 km² per zone; another outlet describes a cap of 2 km² of surrounding site.",
        "특구당 면적 상한 20 km²; 다른 매체는 배후 공간 2 km² 상한으로 설명함.",
    ),
    (
        "2025 reform: a provisional zone (예비 강소특구), after six months phase 1 기반조성 (5 years) then phase 2 특화발전 (5 years), plus a self-funded (자립형) zone type.",
        "2025년 개편: 예비 강소특구를 거쳐 6개월 뒤 1단계 기반조성(5년), 이어서 2단계 특화발전(5년), 그리고 자립형 특구 유형 신설.",
    ),
    (
        "National funding at designation was planned at 60억 a year for five years; after the MOEF adequacy review (notified 2021-08) it became 60, 40, then 20억 a year (160억 over five years).",
        "지정 당시 국비는 연 60억씩 5년으로 계획되었으나, 기획재정부 적정성 재검토(2021-08 통보) 뒤 60, 40, 이후 연 20억 (5년 160억)이 되었습니다.",
    ),
    (
        "Batch-1 year-1 national amount: 58.6억 per zone (Cheongju 58.6 + 12 local = 70.6).",
        "1차 특구 1년차 국비: 특구당 58.6억 (청주 58.6 + 지방비 12 = 70.6).",
    ),
    (
        "National funding per zone ranged 20-60억 a year in 2023.",
        "2023년 특구당 국비는 연 20-60억이었습니다.",
    ),
    (
        "2022 national budget request: government bill 360억 (6 × 20 + 6 × 40); the parliament's science committee raised it to 600억 (12 × 40 + 120 for 2 new zones). The enacted figure was not found.",
        "2022년 국비 요구: 정부안 360억 (6 × 20 + 6 × 40); 국회 과방위가 600억 (12 × 40 + 신규 2곳 120)으로 증액. 확정액은 찾지 못했습니다.",
    ),
    (
        "MSIT's 2020 line item for Gangso-zone commercialisation support: 368억 (+219억 on 2019, implying about 149억 in 2019).",
        "과기정통부 2020년 강소특구 사업화 지원 예산: 368억 (2019년 대비 +219억, 곧 2019년 약 149억).",
    ),
    (
        "2023 programme budget run by the Innopolis Foundation across the 14 zones: 471.5억, of which 69 for tech discovery and research-institute companies, 129 for R&BD, 68 for start-ups and 196.8 for regional specialisation (these four add up to 462.8).",
        "연구개발특구진흥재단이 14개 특구에 집행한 2023년 사업비: 471.5억, 그중 기술 발굴·연구소기업 69, R&BD 129, 창업 68, 지역 특화 196.8 (네 항목의 합은 462.8).",
    ),
    (
        "Batch-1 early result, 2020 H1: 32 research-institute companies and 97억 of private investment.",
        "1차 특구 초기 성과, 2020년 상반기: 연구소기업 32개, 민간 투자 97억.",
    ),
    (
        "Top-rated (최우수) zones, 2022: Pohang, Gimhae, Hongneung, Cheonan-Asan. The 2022 evaluation was the first relative one, with 3 areas and 7 indicators (commercialisation results, satisfaction, local-government contribution).",
        "2022년 최우수 특구: 포항, 김해, 홍릉, 천안아산. 2022년 평가는 첫 상대평가로, 3개 영역 7개 지표(사업화 성과, 만족도, 지자체 기여)를 보았습니다.",
    ),
    (
        "Top-rated (최우수) zones, 2023: Gumi, Gunsan.",
        "2023년 최우수 특구: 구미, 군산.",
    ),
    (
        "Top-rated (최우수) zones, 2024: Gunsan, Hongneung, Gumi, Ansan.",
        "2024년 최우수 특구: 군산, 홍릉, 구미, 안산.",
    ),
    (
        "Electronic Times printed 552 tech transfers for 2023; the MSIT figure is 522.",
        "전자신문은 2023년 기술이전을 552건으로 보도했으나, 과기정통부 수치는 522건입니다.",
    ),
    (
        "The 2022 count of new research-institute companies was cut off in the source excerpt and is not recorded.",
        "2022년 신규 연구소기업 수는 원문 발췌에서 잘려 기록하지 않았습니다.",
    ),
)
#: English note text -> Korean.
NOTES_KO: dict[str, str] = dict(_NOTE_PAIRS)
