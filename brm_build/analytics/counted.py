"""What the figures count: report periods within the agreement's life up to today, and
meetings that have been held.

A result for a period that ended before the agreement started measured no promise of it,
and a period that has not begun cannot have been measured. The check flags both
(``report-period-before-start``, ``report-period-future``); the site and ``brm stats``
leave them out of every figure, by the same rule. A meeting dated after today has not
been held: the check flags it (``meeting-in-future``) and it is no one's last meeting.
A survey file whose responses are those of another, item for item, is a copy
(``survey-copy``): its responses are counted once, with the first survey by id.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from typing import Literal

from ..model import Agreement, Report, Survey
from .periods import period_end, period_start

Uncounted = Literal["before-start", "future"]


def uncounted(agreement: Agreement, period: str, today: dt.date) -> Uncounted | None:
    """Why a report period of ``agreement`` is left out of the figures, or None when it
    counts: it ended before ``valid_from``, or it starts after ``today``."""
    if period_end(period) < agreement.valid_from:
        return "before-start"
    if period_start(period) > today:
        return "future"
    return None


def counted_report(agreement: Agreement, report: Report | None, today: dt.date) -> Report | None:
    """``report`` with only the measurements that the figures count (itself when all do)."""
    if report is None:
        return None
    kept = [m for m in report.measurements if uncounted(agreement, m.period, today) is None]
    if len(kept) == len(report.measurements):
        return report
    return report.model_copy(update={"measurements": kept})


def counted_reports(
    agreements: Mapping[str, Agreement], reports: Mapping[str, Report], today: dt.date
) -> dict[str, Report]:
    """Every report of a known agreement, with only the measurements the figures count."""
    out: dict[str, Report] = {}
    for aid, report in reports.items():
        agreement = agreements.get(aid)
        counted = report if agreement is None else counted_report(agreement, report, today)
        if counted is not None:
            out[aid] = counted
    return out


def held(meeting_date: dt.date, today: dt.date) -> bool:
    """Whether a meeting of ``meeting_date`` has been held by ``today`` (and so counts)."""
    return meeting_date <= today


def survey_copies(surveys: Mapping[str, Survey]) -> dict[str, str]:
    """Each survey whose responses equal another's, item for item, mapped to that first
    survey (by id); the figures count the responses of the first only. Comments are left
    out of the comparison: they are restricted, so the site, which never sees them, finds
    the same copies as the check. Only surveys with as many responses as another can be
    one's copy: the responses of the others are not compared (copying the twenty thousand
    of a large survey to compare them was most of this)."""
    sizes = Counter(len(s.responses) for s in surveys.values())
    first: dict[tuple[object, ...], str] = {}
    copies: dict[str, str] = {}
    for sid in sorted(surveys):
        if sizes[len(surveys[sid].responses)] < 2:
            continue
        responses = tuple(r.model_copy(update={"comment": None}) for r in surveys[sid].responses)
        if not responses:
            continue
        original = first.setdefault(responses, sid)
        if original != sid:
            copies[sid] = original
    return copies
