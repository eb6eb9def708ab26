"""The practice's charts: its figures over the quarters, each with alt text and a table."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from ..analytics.practice import Practice
from .model import Chart, Maybe, QuartersSpec, Table

SHARES = "practice-shares.svg"
REQUIREMENTS = "practice-requirements.svg"
OPEN = "practice-open.svg"

Figure = Callable[[Practice], tuple[Maybe, str]]
"""One figure of a quarter: the value drawn and the text of its table cell."""


def _share(part: Callable[[Practice], int], whole: Callable[[Practice], int]) -> Figure:
    def figure(p: Practice) -> tuple[Maybe, str]:
        if not whole(p):
            return None, "–"
        value = 100 * part(p) / whole(p)
        return round(value, 2), f"{value:.0f}% ({part(p)} of {whole(p)})"

    return figure


def _count(count: Callable[[Practice], int]) -> Figure:
    def figure(p: Practice) -> tuple[Maybe, str]:
        return float(count(p)), str(count(p))

    return figure


def _alt(title: str, labels: Sequence[str], cells: Sequence[Sequence[str]], last: str) -> str:
    """The message: each figure in the latest quarter, and since when it is shown."""
    latest = "; ".join(f"{label} {cell[-1]}" for label, cell in zip(labels, cells, strict=True))
    return f"{title}, in {last}: {latest}"


def _chart(
    name: str,
    title: str,
    practice: Mapping[str, Practice],
    figures: Sequence[tuple[str, Figure]],
    percent: bool,
) -> Chart:
    quarters = tuple(practice)
    labels = tuple(label for label, _ in figures)
    rated = [[figure(p) for p in practice.values()] for _, figure in figures]
    cells = [[text for _, text in row] for row in rated]
    spec = QuartersSpec(
        title=title,
        quarters=quarters,
        labels=labels,
        values=tuple(tuple(value for value, _ in row) for row in rated),
        percent=percent,
    )
    rows = tuple((q, *(cells[j][i] for j in range(len(figures)))) for i, q in enumerate(quarters))
    alt = _alt(title, labels, cells, quarters[-1])
    alt += f" (quarters {quarters[0]}..{quarters[-1]})" if len(quarters) > 1 else ""
    return Chart(name, alt, Table(("Quarter", *labels), rows), spec)


def practice_charts(practice: Mapping[str, Practice] | None) -> list[Chart]:
    """The practice's charts, none without its figures."""
    if not practice:
        return []
    return [
        _chart(
            SHARES,
            "Customers met, agreements reviewed, plans current",
            practice,
            (
                ("Customers met", _share(lambda p: p.customers_met, lambda p: p.customers)),
                (
                    "Agreements reviewed in 12 months",
                    _share(lambda p: p.agreements_reviewed_12m, lambda p: p.agreements_active),
                ),
                ("Plans for the year", _share(lambda p: p.plans_current, lambda p: p.customers)),
            ),
            percent=True,
        ),
        _chart(
            REQUIREMENTS,
            "Requirements raised and delivered",
            practice,
            (
                ("Raised", _count(lambda p: p.requirements_raised)),
                ("Delivered", _count(lambda p: p.requirements_delivered)),
            ),
            percent=False,
        ),
        _chart(
            OPEN,
            "Overdue actions, open complaints and escalations",
            practice,
            (
                ("Overdue actions", _count(lambda p: p.overdue_actions)),
                ("Open complaints", _count(lambda p: p.open_complaints)),
                ("Open escalations", _count(lambda p: p.open_escalations)),
            ),
            percent=False,
        ),
    ]
