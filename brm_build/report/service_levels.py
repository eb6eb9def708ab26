"""Service levels per agreement in the period: attainment against the period before,
each breach with the report's notes, the trend and a chart (brm_build/charts)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from ..analytics.periods import period_end
from ..analytics.service_levels import AgreementAttainment, LevelAttainment, Result
from ..charts.service_levels import agreement_chart
from ..model import Agreement
from ..quantities import unit_after
from .document import NOTHING, Block, Section, Table
from .period import Span
from .scope import Scope

CHART_PERIODS = 12
"""How many periods up to the end of the pack's period the chart shows."""
TREND = "Last result vs previous"
"""What the trend column compares (the analytics' trend): not the attainment beside it."""


def _within(a: AgreementAttainment, keep: Callable[[Result], bool]) -> AgreementAttainment:
    """``a`` with only the results that ``keep`` accepts: its figures are then those of
    the kept periods, computed by the same properties."""
    levels = tuple(
        dataclasses.replace(level, results=tuple(r for r in level.results if keep(r)))
        for level in a.levels
    )
    return dataclasses.replace(a, levels=levels)


def _share(value: float | None, met: int, measured: int) -> str:
    return "not measured" if value is None else f"{value:.0f}% ({met} of {measured})"


def _notes(s: Scope, aid: str) -> dict[str, str]:
    report = s.publication.reports.get(aid)
    if report is None:
        return {}
    return {m.period: m.notes for m in report.record.measurements if m.notes}


def _target(direction: str, target: float, unit: str) -> str:
    """A target as the agreement states it: direction, number and unit."""
    return f"{'≥' if direction == 'at_least' else '≤'} {target:g} {unit_after(target, unit)}"


def _level_row(now: LevelAttainment, before: LevelAttainment, trend: str) -> tuple[str, ...]:
    return (
        now.metric,
        _target(now.direction, now.target, now.unit),
        _share(now.attainment, now.met, len(now.measured)),
        _share(before.attainment, before.met, len(before.measured)),
        trend,
    )


def _agreement_blocks(s: Scope, a: AgreementAttainment) -> list[Block]:
    span, before = s.span, s.before
    now = _within(a, lambda r: span.covers(r.period))
    then = _within(a, lambda r: before.covers(r.period))
    upto = _within(a, lambda r: period_end(r.period) <= span.end)
    rows = tuple(
        _level_row(n, b, u.trend or "–")
        for n, b, u in zip(now.levels, then.levels, upto.levels, strict=True)
    )
    title = f"{a.title}: " + (
        f"{_share(now.attainment, now.met, now.measured)} met in {span.label}"
        if now.measured
        else f"nothing measured in {span.label}"
    )
    header = ("Service level", "Target", span.label, before.label, TREND)
    notes = _notes(s, a.id)
    breaches = tuple(
        (
            level.metric,
            r.period,
            f"{r.actual:g} {level.unit}",
            _target(level.direction, r.target, level.unit),
            notes.get(r.period, ""),
        )
        for level in now.levels
        for r in level.breaches
    )
    recent = _within(upto, _last_periods(upto, CHART_PERIODS))
    return [
        Block(title, table=Table(header, rows)),
        Block(
            "Breaches",
            table=Table(("Service level", "Period", "Achieved", "Target", "Notes"), breaches),
            empty="No breach in this period.",
        ),
        Block(
            f"Trend over the last {CHART_PERIODS} periods",
            chart=agreement_chart(recent),
            empty="Nothing measured to chart.",
        ),
    ]


def _last_periods(a: AgreementAttainment, count: int) -> Callable[[Result], bool]:
    periods = set(a.periods[-count:])
    return lambda r: r.period in periods


def in_force(a: Agreement, span: Span) -> bool:
    """Whether the agreement was valid at some time in ``span``."""
    return a.valid_from <= span.end and (a.valid_until is None or a.valid_until >= span.start)


def breaches_in_period(s: Scope) -> list[tuple[str, int]]:
    """Each agreement of the pack with a breach in the period, and how many it had."""
    out = []
    for agreement in s.agreements():
        figures = s.stats.attainment.get(agreement.id)
        if figures is not None:
            now = _within(figures, lambda r: s.span.covers(r.period))
            count = sum(len(level.breaches) for level in now.levels)
            if count:
                out.append((figures.title, count))
    return out


def service_level_section(s: Scope) -> Section:
    """Every agreement of the pack with service levels, judged in the period."""
    blocks: list[Block] = []
    for agreement in s.agreements():
        figures = s.stats.attainment.get(agreement.id)
        if figures is not None and in_force(agreement.record, s.span):
            blocks.extend(_agreement_blocks(s, figures))
    if not blocks:
        blocks.append(Block(empty=NOTHING))
    return Section("service-levels", "Service levels", tuple(blocks))
