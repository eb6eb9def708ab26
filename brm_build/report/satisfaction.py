"""Satisfaction in the period against the one before: CSAT, mean and NPS with n and 95%
intervals, the response rate where the surveys say who was invited, low-confidence flags
and a chart, from the analytics' series and response rates of the unit."""

from __future__ import annotations

import dataclasses

from ..analytics.response_rate import ResponseRate
from ..analytics.satisfaction import Satisfaction, Scores, Series
from ..charts.model import Chart
from ..charts.satisfaction import trend_chart
from .document import NOTHING, Block, Section, Table
from .period import Span, parse_period
from .scope import Scope

CHART_PERIODS = 8
"""How many survey periods up to the end of the pack's period the chart shows."""


def _ends_by(period: str, span: Span) -> bool:
    parsed = parse_period(period)
    return parsed is not None and parsed.end <= span.end


def _row(f: Scores, minimum: int) -> tuple[str, ...]:
    low, high = f.csat_ci95
    nps = "–"
    if f.nps is not None and f.nps_ci95 is not None:
        nps = f"{f.nps:+.0f} ({f.nps_ci95[0]:+.0f} to {f.nps_ci95[1]:+.0f}), n={f.nps_n}"
        nps += " (low confidence)" if f.nps_low_confidence else ""
    flag = f"fewer than {minimum} responses" if f.low_confidence else ""
    return (
        f.period,
        str(f.n),
        f"{f.csat:.0f}% ({low:.0f}–{high:.0f}%)",
        f"{f.csat_mean:.2f}",
        nps,
        flag,
    )


HEADERS = (
    "Survey period",
    "n",
    "CSAT (95% interval)",
    "Mean (1–5)",
    "NPS (95% interval)",
    "Confidence",
)


def _comments(s: Scope) -> tuple[str, ...]:
    """Survey comments of the pack's units in the period (only the internal view has any)."""
    units = set(s.units)
    return tuple(
        f"{survey.record.period}: {r.comment}"
        for survey in s.publication.surveys.values()
        if s.span.covers(survey.record.period)
        for r in survey.record.responses
        if r.customer in units and r.comment
    )


def _rate_line(name: str, period: str, rate: ResponseRate | None) -> str:
    if rate is None:
        return (
            f"Response rate {period}: not known; the surveys do not say how many people "
            f"of {name} were invited."
        )
    low, high = rate.ci95
    return (
        f"Response rate {period}: {rate.rate:.0f}% ({low:.0f}–{high:.0f}%), "
        f"{rate.responses} of the {rate.invited} people invited answered."
    )


def _rates(s: Scope, sat: Satisfaction, span: Span, answered: list[Scores]) -> Block:
    """The response rate of each survey period of ``span`` that was answered or that
    invited the unit (a round nobody answered has a rate of 0 and no figures)."""
    invited = [p for p in sat.rates.get(s.unit, {}) if span.covers(p)]
    periods = [p for p in sat.periods if p in invited or p in {f.period for f in answered}]
    return Block("", tuple(_rate_line(s.customer.name, p, sat.rate(s.unit, p)) for p in periods))


def satisfaction_section(s: Scope) -> Section:
    """The unit's satisfaction figures in the period and the one before, and a chart."""
    sat = s.stats.satisfaction
    series = sat.customers.get(s.unit)
    figures = series.figures if series is not None else ()
    now = [f for f in figures if s.span.covers(f.period)]
    then = [f for f in figures if s.before.covers(f.period)]
    blocks = [
        Block(
            s.span.label,
            table=Table(HEADERS, tuple(_row(f, sat.minimum) for f in now)),
            empty=NOTHING,
        ),
        _rates(s, sat, s.span, now),
        Block(
            f"The period before ({s.before.label})",
            table=Table(HEADERS, tuple(_row(f, sat.minimum) for f in then)),
            empty="No survey answered in the period before.",
        ),
        _rates(s, sat, s.before, then),
    ]
    org = [f for f in sat.organisation.figures if s.span.covers(f.period)]
    if org:
        blocks.append(
            Block("", (f"Organisation average, {org[-1].period}: CSAT {org[-1].csat:.0f}%.",))
        )
    if series is not None:
        blocks.append(
            Block(
                "Trend over the survey periods",
                chart=_chart(s, series),
                empty="No answers to chart.",
            )
        )
    comments = _comments(s)
    if comments:
        blocks.append(Block("Comments (restricted)", comments))
    return Section("satisfaction", "Satisfaction", tuple(blocks))


def _chart(s: Scope, series: Series) -> Chart | None:
    periods = [p for p in s.stats.satisfaction.periods if _ends_by(p, s.span)][-CHART_PERIODS:]
    shown = dataclasses.replace(
        series, figures=tuple(f for f in series.figures if f.period in periods)
    )
    return trend_chart(f"csat-{s.unit}.svg", shown, periods, s.stats.satisfaction.minimum)
