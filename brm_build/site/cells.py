"""The small pieces that pages repeat many times: record links, badges, people, results.

They are Python rather than Jinja2 macros because a site has hundreds of thousands of
them, and a macro call costs many times a function call. Every value goes through the
environment's escaping (:class:`~brm_build.site.markup.Escaper`), exactly as ``{{ value }}``
in a template would; what comes back is Markup, so templates do not escape it twice.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping
from typing import Any

from markupsafe import Markup

from ..analytics.periods import period_key
from ..analytics.response_rate import ResponseRate
from ..analytics.satisfaction import Scores
from ..charts.model import Chart, Table
from ..model.common import Money, Person
from ..model.kinds import ServiceLevel
from ..publication import Publication
from ..quantities import percent as share
from ..quantities import unit_after
from . import links, raw
from .markup import Escaper, mailto
from .status import PeriodRow, Result
from .views import AgreementLine

HEADLINE_CHARS = 80
"""How much of a commit's subject a line that names it in passing shows."""


def headline(text: str, chars: int = HEADLINE_CHARS) -> str:
    """``text`` cut after its last whole word within ``chars`` characters, with "…"."""
    if len(text) <= chars:
        return text
    cut = text[: chars - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > chars // 2 else cut).rstrip(" ,;:.") + "…"


_STATUS_LEVELS = {
    "open": "warn", "active": "ok", "live": "ok", "red": "danger", "amber": "warn",
    "green": "ok", "on-hold": "warn", "proposed": "info", "accepted": "info",
    "delivered": "ok", "rejected": "muted", "done": "muted", "dropped": "muted",
    "resolved": "muted", "withdrawn": "muted", "cancelled": "muted", "retired": "muted",
    "pipeline": "info", "planned": "info", "complaint": "warn", "escalation": "danger",
    "compliment": "ok",
}  # fmt: skip
"""The badge colour of each status word; any other word is muted."""

_RATING_LEVELS = {"good": "ok", "watch": "warn", "act": "danger"}
"""The badge colour of each rating of relationship health."""

TREND_QUARTERS = 4
"""How many of the latest quarters a trend of health shows."""

_LABELS = {
    "customers": "name",
    "services": "name",
    "projects": "name",
    "agreements": "title",
    "meetings": "title",
    "surveys": "title",
}
"""The field a link to a record of each folder reads as."""


def number(value: float | int | None, digits: int = 2) -> str:
    """A number with thousands separators and at most ``digits`` decimals, none trailing."""
    if value is None:
        return ""
    text = f"{value:,.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def percent(value: float | None) -> str:
    """A share in whole percent."""
    return "" if value is None else share(value)


class Shared:
    """What the cells of every page of one site share: the records and what is done once."""

    def __init__(self, pub: Publication, escaper: Escaper) -> None:
        self.pub = pub
        self.escape = escaper
        self.links: dict[tuple[str, str, Any, Any], Markup] = {}
        self.charts: dict[tuple[str, str], Markup] = {}
        self.measurements: dict[str, Markup] = {}

    def page(self, page: str) -> Cells:
        """The cells of the page at docs path ``page``."""
        return Cells(self, page)


class Cells:
    """The cells of one page: links are relative to it (``m`` in the templates)."""

    __slots__ = ("_dir", "_escape", "_page", "_shared")

    def __init__(self, shared: Shared, page: str) -> None:
        self._shared = shared
        self._escape = shared.escape
        self._page = page
        self._dir = posixpath.dirname(page)

    def _link(self, folder: str, rid: Any, label: Any = None) -> Markup:
        """``[label](page)`` to a record, or its id as text when there is no such record."""
        key = (self._dir, folder, rid, label)
        done = self._shared.links.get(key)
        if done is None:
            table: Mapping[str, Any] = self._shared.pub.table(folder)
            if rid not in table:
                done = self._escape(rid)
            else:
                if label is None:
                    label = getattr(table[rid].record, _LABELS[folder])
                target = links.relative(self._page, f"{folder}/{rid}.md")
                done = Markup(f"[{self._escape(label)}]({target})")
            self._shared.links[key] = done
        return done

    def customer(self, rid: str) -> Markup:
        """A link to a business unit, by name."""
        return self._link("customers", rid)

    def customers(self, ids: Iterable[str]) -> Markup:
        """Links to business units, separated by commas."""
        return Markup(", ".join([self._link("customers", rid) for rid in ids]))

    def service(self, rid: str) -> Markup:
        """A link to a service, by name."""
        return self._link("services", rid)

    def services(self, ids: Iterable[str]) -> Markup:
        """Links to services, separated by commas."""
        return Markup(", ".join([self._link("services", rid) for rid in ids]))

    def agreement(self, rid: str) -> Markup:
        """A link to an agreement, by title."""
        return self._link("agreements", rid)

    def meeting(self, rid: str) -> Markup:
        """A link to a meeting, by title."""
        return self._link("meetings", rid)

    def project(self, rid: str) -> Markup:
        """A link to a project, by name."""
        return self._link("projects", rid)

    def survey(self, rid: str) -> Markup:
        """A link to a survey, by title."""
        return self._link("surveys", rid)

    def feedback(self, rid: str, label: Any) -> Markup:
        """A link to a feedback record, reading ``label``."""
        return self._link("feedback", rid, label)

    def person(self, p: Person | None) -> Markup:
        """A person: name, title and e-mail; the phone only when brm.yaml publishes it."""
        if p is None:
            return Markup("not recorded")
        e = self._escape
        title = f", {e(p.title)}" if p.title else ""
        phone = f", phone {e(p.phone)}" if p.phone else ""
        return Markup(f"{e(p.name)}{title} ([{e(p.email)}]({mailto(p.email)})){phone}")

    def badge(self, label: Any, level: Any) -> Markup:
        """A label in a coloured badge."""
        e = self._escape
        return Markup(f'<span class="brm-badge brm-{e(level)}">{e(label)}</span>')

    def status(self, value: Any) -> Markup:
        """A status word in the badge of its colour."""
        return self.badge(value, _STATUS_LEVELS.get(value, "muted"))

    def money(self, m: Money) -> Markup:
        """An amount and its currency."""
        return Markup(f"{self._escape(number(m.amount))} {self._escape(m.currency)}")

    def result(self, r: Result, level: ServiceLevel) -> Markup:
        """A measured value against its target; a breach is marked in text, not colour alone."""
        e = self._escape
        if r.value is None:
            return Markup("–")
        if r.met is not False:  # met, or not judged: its target is flagged by the check
            return e(number(r.value))
        sign = "≥" if level.direction == "at_least" else "≤"
        target = level.target if r.target is None else r.target  # the one in force then
        title = f"missed: target {sign} {e(number(target))}"
        return Markup(f'<span class="brm-breach" title="{title}">✗ {e(number(r.value))}</span>')

    def target(self, level: ServiceLevel, value: float | None = None) -> Markup:
        """A service level's target (or ``value``, one in force earlier): direction, value
        and unit."""
        e = self._escape
        sign = "≥" if level.direction == "at_least" else "≤"
        shown = level.target if value is None else value
        return Markup(f"{sign}&nbsp;{e(number(shown))}&nbsp;{e(unit_after(shown, level.unit))}")

    def earlier_targets(self, level: ServiceLevel) -> Markup:
        """The targets in force before the current one, latest first, each with the last
        period it judged; nothing when the target never changed."""
        e = self._escape
        earlier = sorted(level.earlier_targets, key=lambda t: period_key(t.until), reverse=True)
        return Markup("").join(
            Markup(f"<br>until&nbsp;{e(t.until)}: {self.target(level, t.target)}") for t in earlier
        )

    def table(self, t: Table | None) -> Markup:
        """A chart's data as a table, ready-made HTML (:mod:`raw`); nothing for None."""
        if not t:
            return Markup("")
        e = self._escape
        return Markup(raw.table([e(h) for h in t.headers], [[e(c) for c in r] for r in t.rows]))

    def chart(self, c: Chart | None) -> Markup:
        """A chart with its message as alt text (once: no caption repeats it), and its data
        in a table under it, collapsed."""
        if not c:
            return Markup("")
        up = "../" * self._page.count("/")
        done = self._shared.charts.get((c.name, up))
        if done is None:
            done = self._shared.charts[(c.name, up)] = self._chart(c, up)
        return done

    def _chart(self, c: Chart, up: str) -> Markup:
        e = self._escape
        head = (
            '<div class="brm-chart" markdown>\n<figure class="brm-chart-figure">\n'
            f'<img src="{e(up)}charts/{e(c.name)}" alt="{e(c.alt)}" loading="lazy">\n'
            '</figure>\n<details class="brm-chart-data" markdown>\n'
            "<summary>The data of this chart</summary>\n\n"
        )
        return Markup(f"{head}{self.table(c.table)}</details>\n</div>\n\n")

    def csat(self, f: Scores | None) -> Markup:
        """One period's CSAT in a table cell: the share, then n; an asterisk marks low
        confidence."""
        if not f:
            return Markup("–")
        e = self._escape
        low = "*" if f.low_confidence else ""
        return Markup(f'<span class="brm-cell">{e(percent(f.csat))} (n {e(f.n)}{low})</span>')

    def rate(self, rate: ResponseRate | None) -> Markup:
        """A response rate in a table cell: the share, its 95% interval and the counts."""
        if rate is None:
            return Markup("–")
        e = self._escape
        low, high = rate.ci95
        what = f"{percent(rate.rate)} ({low:.0f}–{share(high)}; {rate.responses} of {rate.invited})"
        return Markup(f'<span class="brm-cell">{e(what)}</span>')

    def rating(self, value: str, title: Any = "") -> Markup:
        """A rating of relationship health (good, watch or act), in words and colour."""
        e = self._escape
        extra = f' title="{e(title)}"' if title else ""
        level = e(_RATING_LEVELS[value])
        return Markup(f'<span class="brm-badge brm-{level}"{extra}>{e(value)}</span>')

    def trend(self, ratings: Mapping[str, str] | None, last: int = TREND_QUARTERS) -> Markup:
        """A customer's rating at the end of each of its ``last`` quarters, oldest first:
        each quarter named beside its badge, in a list that a screen reader announces."""
        if not ratings:
            return Markup("–")
        e = self._escape
        steps = "".join(
            f'<span class="brm-trend-step" role="listitem">{e(q)} {self.rating(r)}</span>'
            for q, r in sorted(ratings.items())[-last:]
        )
        label = "Rating at each quarter's end, oldest first"
        return Markup(f'<span class="brm-trend" role="list" aria-label="{e(label)}">{steps}</span>')

    def measurements(self, line: AgreementLine) -> Markup:
        """An agreement's measurements, latest period first, as a table of ready-made
        HTML (:mod:`raw`): the same on every page, so made once."""
        aid = line.agreement.id
        done = self._shared.measurements.get(aid)
        if done is None:
            e = self._escape
            levels = line.attainment.levels
            head = ["Period", *[f"{e(lv.id)} ({self.target(lv)})" for lv in levels], "Notes"]
            rows = [self._measurement_row(row, levels) for row in reversed(line.attainment.rows)]
            done = self._shared.measurements[aid] = Markup(raw.table(head, rows))
        return done

    def _measurement_row(self, row: PeriodRow, levels: tuple[ServiceLevel, ...]) -> list[str]:
        e = self._escape
        results = [self.result(r, lv) for r, lv in zip(row.results, levels, strict=True)]
        return [e(row.period), *results, e(row.notes or "")]
