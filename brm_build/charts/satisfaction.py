"""The satisfaction charts to publish, each with alt text that states its message."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..analytics.satisfaction import Satisfaction, Scores, Series
from ..model import Customer
from .model import (
    TITLE_LIMIT,
    Chart,
    ComparisonSpec,
    DistributionSpec,
    NpsSpec,
    Table,
    TrendSpec,
    shorten,
)


def _signed(value: int) -> str:
    return f"{value:+d}" if value else "0"


def _verb(first: float, last: float, noun: str, signed: bool = False) -> str:
    a, b = round(first), round(last)
    shown = (_signed(a), _signed(b)) if signed else (f"{a}%", f"{b}%")
    if a == b:
        return f"{noun} held at {shown[1]}"
    return f"{noun} {'rose' if b > a else 'fell'} from {shown[0]} to {shown[1]}"


def _span(figures: Sequence[Scores]) -> str:
    return f"{figures[0].period}..{figures[-1].period}"


def _ns(values: Sequence[int]) -> str:
    low, high = min(values), max(values)
    return f"n {low}" if low == high else f"n between {low} and {high}"


def trend_alt(label: str, figures: Sequence[Scores], minimum: int) -> str:
    """The message of a CSAT trend, e.g. "Finance CSAT rose from 62% to 78% over …"."""
    first, last = figures[0], figures[-1]
    if len(figures) == 1:
        text = f"{label} CSAT was {round(last.csat)}% in {last.period} (n {last.n})"
    else:
        text = (
            f"{label} {_verb(first.csat, last.csat, 'CSAT')} over {_span(figures)}; "
            f"{_ns([f.n for f in figures])}"
        )
    few = sum(1 for f in figures if f.low_confidence)
    if few:
        text += f"; {few} of {len(figures)} from fewer than {minimum} responses"
    return text


def _n(f: Scores) -> str:
    return f"{f.n} (low)" if f.low_confidence else str(f.n)


def _nps(value: float | None) -> str:
    return "–" if value is None else _signed(round(value))


def trend_chart(name: str, series: Series, periods: Sequence[str], minimum: int) -> Chart | None:
    """CSAT with its 95% interval per survey period, or None without any answers."""
    figures = series.figures
    if not figures:
        return None
    shown = [series.at(p) for p in periods]
    spec = TrendSpec(
        title=shorten(f"{series.label}: CSAT by survey period", TITLE_LIMIT),
        periods=tuple(periods),
        csat=tuple(None if f is None else round(f.csat, 2) for f in shown),
        low=tuple(None if f is None else round(f.csat_ci95[0], 2) for f in shown),
        high=tuple(None if f is None else round(f.csat_ci95[1], 2) for f in shown),
        n=tuple(0 if f is None else f.n for f in shown),
        minimum=minimum,
    )
    return Chart(name, trend_alt(series.label, figures, minimum), trend_table(figures), spec)


def trend_table(figures: Sequence[Scores]) -> Table:
    """CSAT, its interval, mean score and NPS per survey period: a trend chart's data."""
    rows = tuple(
        (
            f.period,
            _n(f),
            f"{f.csat:.0f}%",
            f"{f.csat_ci95[0]:.0f}–{f.csat_ci95[1]:.0f}%",
            f"{f.csat_mean:.2f}",
            _nps(f.nps),
        )
        for f in figures
    )
    return Table(("Period", "n", "CSAT", "95% interval", "Mean score", "NPS"), rows)


def nps_chart(name: str, series: Series, periods: Sequence[str], minimum: int) -> Chart | None:
    """NPS with its 95% interval per survey period, or None when nobody answered it."""
    figures = [f for f in series.figures if f.nps is not None]
    if not figures:
        return None
    shown = [series.at(p) for p in periods]
    spec = NpsSpec(
        title=shorten(f"{series.label}: NPS by survey period", TITLE_LIMIT),
        periods=tuple(periods),
        nps=tuple(None if f is None or f.nps is None else round(f.nps, 2) for f in shown),
        low=tuple(
            None if f is None or f.nps_ci95 is None else round(f.nps_ci95[0], 2) for f in shown
        ),
        high=tuple(
            None if f is None or f.nps_ci95 is None else round(f.nps_ci95[1], 2) for f in shown
        ),
        n=tuple(0 if f is None else f.nps_n for f in shown),
        minimum=minimum,
    )
    first, last = figures[0], figures[-1]
    assert first.nps is not None and last.nps is not None
    alt = f"{series.label} {_verb(first.nps, last.nps, 'NPS', signed=True)} over {_span(figures)}; "
    alt += f"{_ns([f.nps_n for f in figures])} answered the question"
    rows = tuple(
        (
            f.period,
            str(f.nps_n),
            _nps(f.nps),
            "–"
            if f.nps_ci95 is None
            else f"{_signed(round(f.nps_ci95[0]))} to {_signed(round(f.nps_ci95[1]))}",
            str(f.promoters),
            str(f.detractors),
        )
        for f in figures
    )
    headers = ("Period", "Answered", "NPS", "95% interval", "Promoters", "Detractors")
    return Chart(name, alt, Table(headers, rows), spec)


def distribution_chart(name: str, series: Series) -> Chart | None:
    """The share of each answer 1–5 per survey period."""
    figures = series.figures
    if not figures:
        return None
    spec = DistributionSpec(
        title=shorten(f"{series.label}: answers by survey period", TITLE_LIMIT),
        periods=tuple(f.period for f in figures),
        counts=tuple(f.distribution for f in figures),
    )
    last = figures[-1]
    low = 100 * (last.distribution[0] + last.distribution[1]) / last.n
    alt = (
        f"{series.label}: in {last.period}, {last.csat:.0f}% answered 4 or 5 and "
        f"{low:.0f}% answered 1 or 2 (n {last.n})"
    )
    rows = tuple((f.period, str(f.n), *(str(c) for c in f.distribution)) for f in figures)
    return Chart(name, alt, Table(("Period", "n", "1", "2", "3", "4", "5"), rows), spec)


def comparison_chart(
    name: str, what: str, groups: Sequence[Series], period: str, minimum: int
) -> Chart | None:
    """The CSAT of several groups in one survey period, highest first; a figure from fewer
    than ``minimum`` responses comes after every well-founded one, however high."""
    shown = [(s.label, f) for s in groups if (f := s.at(period)) is not None]
    if not shown:
        return None
    shown.sort(key=lambda item: (item[1].low_confidence, -item[1].csat, item[0]))
    spec = ComparisonSpec(
        title=f"CSAT by {what}, {period}",
        labels=tuple(shorten(label) for label, _ in shown),
        csat=tuple(round(f.csat, 2) for _, f in shown),
        low=tuple(round(f.csat_ci95[0], 2) for _, f in shown),
        high=tuple(round(f.csat_ci95[1], 2) for _, f in shown),
        n=tuple(f.n for _, f in shown),
        minimum=minimum,
    )
    rows = tuple(
        (label, _n(f), f"{f.csat:.0f}%", f"{f.csat_ci95[0]:.0f}–{f.csat_ci95[1]:.0f}%")
        for label, f in shown
    )
    table = Table((what.capitalize(), "n", "CSAT", "95% interval"), rows)
    return Chart(name, _comparison_alt(what, period, shown, minimum), table, spec)


def _comparison_alt(
    what: str, period: str, shown: Sequence[tuple[str, Scores]], minimum: int
) -> str:
    """The message of a comparison: the highest and lowest well-founded figures, then
    those from too few responses, which are ranked after them."""
    sound = [item for item in shown if not item[1].low_confidence] or list(shown)
    (top, best), (bottom, worst) = sound[0], sound[-1]
    alt = f"CSAT by {what} in {period}: highest {top} {best.csat:.0f}% (n {best.n})"
    if len(sound) > 1:
        alt += f", lowest {bottom} {worst.csat:.0f}% (n {worst.n})"
    few = [(label, f) for label, f in shown if f.low_confidence]
    if few:
        alt += f"; {len(few)} of {len(shown)} from fewer than {minimum} responses"
    if few and len(sound) < len(shown):
        listed = ", ".join(f"{label} {f.csat:.0f}% (n {f.n})" for label, f in few)
        alt += f", ranked after the others: {listed}"
    return alt


def satisfaction_charts(sat: Satisfaction, customers: Mapping[str, Customer]) -> list[Chart]:
    """Every satisfaction chart: organisation, comparisons, and each customer's trend."""
    periods, least = sat.periods, sat.minimum
    latest = periods[-1] if periods else ""
    top = {cid for cid in sat.customers if cid in customers and customers[cid].role == "customer"}
    tops = [s for cid, s in sat.customers.items() if cid in top]
    candidates = [
        trend_chart("csat-organisation.svg", sat.organisation, periods, least),
        nps_chart("nps-organisation.svg", sat.organisation, periods, least),
        distribution_chart("answers-organisation.svg", sat.organisation),
        comparison_chart("csat-by-customer.svg", "customer", tops, latest, least),
        comparison_chart(
            "csat-by-service.svg", "service", list(sat.services.values()), latest, least
        ),
        comparison_chart(
            "csat-by-role.svg", "respondent role", list(sat.roles.values()), latest, least
        ),
        *(
            trend_chart(f"csat-customer-{cid}.svg", s, periods, least)
            for cid, s in sat.customers.items()
            if cid in top  # a purchaser's few answers show in its table, not a chart
        ),
    ]
    return [chart for chart in candidates if chart is not None]
