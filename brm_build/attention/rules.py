"""The rules of what needs attention as of "today", defined once (records.md).

The check's warnings, the dashboard, relationship health and ``brm attention`` all read
these. Each rule is a pure function of the records, ``today`` and the one threshold it uses.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Agreement, Feedback, Survey
from ..model.kinds import Action, Plan


@dataclass(frozen=True, slots=True)
class Standing:
    """An agreement's standing: a short label and how urgent it is."""

    label: str
    level: str
    """``ok``, ``warn``, ``danger`` or ``muted``: the CSS badge it is shown with."""
    due: bool = False
    """Whether it belongs on the list of agreements that need attention."""


def past_end(a: Agreement, today: dt.date) -> bool:
    """Whether an agreement's validity ended before ``today``."""
    return a.valid_until is not None and a.valid_until < today


def ends_within(a: Agreement, today: dt.date, notice_days: int) -> bool:
    """Whether an agreement ends by the last day of the notice window."""
    return a.valid_until is not None and a.valid_until <= today + dt.timedelta(days=notice_days)


def _shift(day: dt.date, days: int) -> dt.date:
    """``day`` moved by ``days``, kept within the calendar's first and last day."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


def renewal_notice_day(a: Agreement, notice_days: int) -> dt.date | None:
    """The day the renewal notice window of an agreement opens: ``ends_within`` from then."""
    return None if a.valid_until is None else _shift(a.valid_until, -notice_days)


def standing(a: Agreement, today: dt.date, notice_days: int) -> Standing:
    """Whether an agreement is current, due for review, expiring, past its end or over."""
    if a.status in ("expired", "terminated"):
        return Standing(a.status, "muted")
    if a.status == "draft":
        return Standing("draft", "muted")
    soon = today + dt.timedelta(days=notice_days)
    if past_end(a, today):
        return Standing("past its end", "danger", True)
    if ends_within(a, today, notice_days):
        return Standing("expiring", "warn", True)
    if a.review_by is not None and a.review_by < today:
        return Standing("review overdue", "danger", True)
    if a.review_by is not None and a.review_by <= soon:
        return Standing("review due", "warn", True)
    return Standing("active", "ok")


def action_open(a: Action) -> bool:
    """Whether a meeting action still has to be done."""
    return a.status == "open"


def action_overdue(a: Action, today: dt.date) -> bool:
    """Whether an open action is past its due date."""
    return action_open(a) and a.due is not None and a.due < today


def action_due_by(a: Action, limit: dt.date) -> bool:
    """Whether an open action is due on or before ``limit`` (overdue included)."""
    return action_open(a) and a.due is not None and a.due <= limit


def feedback_open(f: Feedback) -> bool:
    """Whether a complaint or escalation is still open (a compliment never needs action)."""
    return f.type != "compliment" and f.status == "open"


def days_open(f: Feedback, today: dt.date) -> int:
    """How many days a piece of feedback has been open as of ``today``."""
    return (today - f.date).days


def feedback_due_day(f: Feedback, open_days: int) -> dt.date:
    """The last day a complaint or escalation may stay open: too long after it."""
    return _shift(f.date, open_days)


def feedback_open_too_long(f: Feedback, today: dt.date, open_days: int) -> bool:
    """Whether a complaint or escalation has been open for more than ``open_days``."""
    return feedback_open(f) and days_open(f, today) > open_days


def meeting_overdue(last: dt.date | None, today: dt.date, interval_days: int) -> bool:
    """Whether a customer last met on ``last`` (or never) is past its meeting interval."""
    return last is None or (today - last).days > interval_days


def meeting_due_day(last: dt.date, interval_days: int) -> dt.date:
    """The last day of the meeting interval after a meeting on ``last``."""
    return _shift(last, interval_days)


def few_responses(count: int, minimum: int) -> bool:
    """Whether a survey has too few responses for its results to be trusted."""
    return count < minimum


def feedback_open_on(f: Feedback, day: dt.date) -> bool:
    """Whether a complaint or escalation was open at the end of ``day``: raised by then and
    open still, or resolved only after it (``resolved_on``)."""
    if f.type == "compliment" or f.date > day:
        return False
    return feedback_open(f) or (f.resolved_on is not None and f.resolved_on > day)


def has_plan_for(plans: Sequence[Plan], year: int) -> bool:
    """Whether a customer's plans hold one for ``year``: the year, or a quarter or month of it."""
    return any(int(p.period[:4]) == year for p in plans)


def plan_due_day(year: int, review_days: int) -> dt.date:
    """The last day, ``review_days`` into ``year``, by which its plan is to be reviewed."""
    return _shift(dt.date(year, 1, 1), review_days - 1)


def _months_of(period: str) -> int:
    """How many months a period lasts: a year 12, a quarter 3, a month 1."""
    return 12 if len(period) == 4 else 3 if "Q" in period else 1


def _period_end(period: str) -> dt.date:
    year = int(period[:4])
    last = 12 if len(period) == 4 else int(period[-1]) * 3 if "Q" in period else int(period[5:])
    return dt.date(year, 12, 31) if last == 12 else dt.date(year, last + 1, 1) - dt.timedelta(1)


def survey_closing_day(s: Survey) -> dt.date:
    """The day a survey round closed: its ``closed``, else the last day of its period."""
    return s.closed if s.closed is not None else _period_end(s.period)


def next_survey_day(s: Survey) -> dt.date:
    """The day the next round is due: one of the round's periods after it closed (a
    quarterly survey closed on 15 October is due again on 15 January)."""
    closed = survey_closing_day(s)
    index = closed.year * 12 + closed.month - 1 + _months_of(s.period)
    year, month = divmod(index, 12)
    if year > dt.MAXYEAR:
        return dt.date.max
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(closed.day, last))
