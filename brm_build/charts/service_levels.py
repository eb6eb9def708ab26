"""The service-level charts to publish: agreed vs achieved, and attainment by customer."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..analytics.periods import fill_gaps
from ..analytics.service_levels import (
    AgreementAttainment,
    Cell,
    LevelAttainment,
    Result,
    by_customer_and_quarter,
)
from ..analytics.signals import ATTAINMENT_ACT, ATTAINMENT_GOOD
from ..model import Customer
from ..quantities import unit_after
from .model import TITLE_LIMIT, AgreementSpec, Chart, HeatmapSpec, LevelSpec, Table, shorten


def _status(r: Result) -> str:
    if r.met is None:
        return "not measured"
    return "met" if r.met else "breached"


def _listing(periods: Sequence[str], limit: int = 3) -> str:
    shown = ", ".join(periods[:limit])
    more = len(periods) - limit
    return shown + (f" and {more} more" if more > 0 else "")


def _earlier(level: LevelAttainment) -> list[str]:
    """The targets other than the current one that judged periods, each with the last
    period it judged, in calendar order ("99.5 until 2026-06")."""
    out: list[str] = []
    for r, after in zip(level.results, [*level.results[1:], None], strict=True):
        if r.target != level.target and (after is None or after.target != r.target):
            out.append(f"{r.target:g} until {r.period}")
    return out


def level_alt(level: LevelAttainment) -> str:
    """The message of an agreed-vs-achieved chart."""
    sign = "at least" if level.direction == "at_least" else "at most"
    measured = level.measured
    text = f"{level.metric}: target {sign} {level.target:g} {unit_after(level.target, level.unit)}"
    earlier = _earlier(level)
    text += f" (earlier {', '.join(earlier)}); " if earlier else "; "
    text += f"met in {level.met} of {len(measured)} measured periods"
    breaches = [r.period for r in level.breaches]
    text += f", breached in {_listing(breaches)}" if breaches else ", never breached"
    latest = level.latest
    if latest is not None and latest.actual is not None:
        text += f"; latest {latest.actual:g} {level.unit} in {latest.period}"
    gaps = len(level.results) - len(measured)
    if gaps:
        text += f"; {gaps} period{'s' * (gaps != 1)} not measured"
    return text


def _level_spec(level: LevelAttainment) -> LevelSpec:
    return LevelSpec(
        title=shorten(level.metric, TITLE_LIMIT),
        unit=level.unit,
        direction=level.direction,
        target=level.target,
        periods=tuple(r.period for r in level.results),
        actual=tuple(r.actual for r in level.results),
        met=tuple(r.met for r in level.results),
        targets=tuple(r.target for r in level.results) if _earlier(level) else (),
    )


def _level_rows(level: LevelAttainment) -> tuple[tuple[str, ...], ...]:
    """A service level's results as table rows, the latest first: what a reader looks for."""
    return tuple(
        (
            level.metric,
            r.period,
            f"{r.target:g} {level.unit}",
            "–" if r.actual is None else f"{r.actual:g}",
            _status(r),
        )
        for r in reversed(level.results)
    )


def agreement_chart(agreement: AgreementAttainment) -> Chart | None:
    """Achieved against agreed for every measured service level of one agreement, one panel
    each; None when none was measured. The table holds every service level."""
    drawn = [level for level in agreement.levels if level.measured]  # also: finite target
    if not drawn:
        return None
    spec = AgreementSpec(
        title=shorten(agreement.title, TITLE_LIMIT),
        levels=tuple(_level_spec(level) for level in drawn),
    )
    rows = tuple(row for level in agreement.levels for row in _level_rows(level))
    table = Table(("Service level", "Period", "Target", "Achieved", "Status"), rows)
    alt = ". ".join(level_alt(level) for level in drawn)
    # "sl-agreement-" never begins the name of the overview chart, so no agreement id (not
    # even "attainment-by-customer") makes a chart that would replace it on the site
    return Chart(f"sl-agreement-{agreement.id}.svg", alt, table, spec)


Grid = dict[str, dict[str, Cell]]
"""Attainment cells by customer, then by quarter."""


def _heatmap_alt(spec: HeatmapSpec, names: list[str]) -> str:
    flat = [
        (v, name, p)
        for name, row in zip(names, spec.values, strict=True)
        for p, v in zip(spec.periods, row, strict=True)
        if v is not None
    ]
    good = sum(1 for v, _, _ in flat if v >= spec.good)
    low, who, when = min(flat)
    return (
        f"Share of service-level results met per customer and quarter, {spec.periods[0]}.."
        f"{spec.periods[-1]}: {good} of {len(flat)} customer-quarters at {spec.good:g}% or "
        f"more; lowest {who} at {low:.0f}% in {when}"
    )


def _cell_text(cell: Cell | None) -> str:
    return "–" if cell is None else f"{cell.attainment:.0f}% of {cell.measured}"


def heatmap_chart(
    agreements: Sequence[AgreementAttainment], customers: Mapping[str, Customer]
) -> Chart | None:
    """Attainment per customer and quarter, over every agreement's service levels."""
    cells: Grid = by_customer_and_quarter(agreements)
    if not cells:
        return None
    periods = fill_gaps({q for row in cells.values() for q in row})
    names = {cid: customers[cid].name if cid in customers else cid for cid in cells}
    order = sorted(cells, key=lambda cid: names[cid])
    grid = [[cells[cid].get(p) for p in periods] for cid in order]
    spec = HeatmapSpec(
        title="Service-level results met (%)",
        rows=tuple(shorten(names[cid]) for cid in order),
        periods=tuple(periods),
        values=tuple(tuple(None if c is None else round(c.attainment, 2) for c in r) for r in grid),
        good=ATTAINMENT_GOOD,
        act=ATTAINMENT_ACT,
    )
    full = [names[cid] for cid in order]
    rows = tuple((name, *map(_cell_text, r)) for name, r in zip(full, grid, strict=True))
    table = Table(("Customer", *periods), rows)
    return Chart("sl-attainment-by-customer.svg", _heatmap_alt(spec, full), table, spec)


def service_level_charts(
    attainment: Mapping[str, AgreementAttainment], customers: Mapping[str, Customer]
) -> list[Chart]:
    """Every service-level chart: one per agreement with a measured level, and the heatmap."""
    charts = [
        chart
        for agreement in attainment.values()
        if (chart := agreement_chart(agreement)) is not None
    ]
    heatmap = heatmap_chart(list(attainment.values()), customers)
    return charts + ([heatmap] if heatmap is not None else [])
