"""Relationship health over time: every customer's rating at each quarter's end.

Each quarter end is rated by the rules of ``health`` and ``signals`` on the records as
they stood then: a record changed after that day is read at the commit in force on it
(``Versions``, as the practice's figures are), and what the records date is kept to that
day: meetings held by then, feedback raised by then and open then (``resolved_on``),
agreements in force by then, survey rounds closed by then, service-level periods begun by
then. A record never changed since (and every record outside a git checkout) is read as
it stands now, with only those dated facts to place it in time.
"""

from __future__ import annotations

import datetime as dt

from ..attention.rules import feedback_open, feedback_open_on, survey_closing_day
from ..changes.versions import Versions
from ..model import Agreement, Feedback
from ..model.repository import Repository
from ..model.settings import BrmConfig
from . import signals as s
from .health import STATUS_ORDER, Health, customer_health, health_index
from .periods import period_end
from .practice import active_on, records_as_of, watched_on
from .stats import Tables, health_inputs, tables

History = dict[str, dict[str, s.Status]]
"""Each customer's rating by quarter (``YYYY-Qn``), customer by customer."""


def _agreement_then(a: Agreement, day: dt.date, today: dt.date) -> Agreement:
    """An agreement as its dates place it on ``day``: one expired since was active then."""
    if a.status == "expired" and active_on(a, day, today):
        return a.model_copy(update={"status": "active"})
    return a


def _feedback_then(f: Feedback, day: dt.date) -> Feedback:
    """Feedback as its dates place it on ``day``: one resolved after it was open then."""
    if feedback_open_on(f, day) and not feedback_open(f):
        return f.model_copy(update={"status": "open"})
    return f


def tables_on(repo: Repository, versions: Versions, day: dt.date, today: dt.date) -> Tables:
    """The records as they stood at the end of ``day``, with only what they date by then."""
    now = tables(repo)
    agreements = records_as_of(repo.agreements, versions, day)
    feedback = records_as_of(repo.feedback, versions, day)
    surveys = records_as_of(repo.surveys, versions, day)
    return Tables(
        customers=records_as_of(repo.customers, versions, day),
        services=now.services,
        agreements={
            aid: _agreement_then(a, day, today)
            for aid, a in agreements.items()
            if a.valid_from <= day
        },
        reports=records_as_of(repo.reports, versions, day),
        surveys={
            sid: v
            for sid, v in surveys.items()
            if sid in now.surveys and survey_closing_day(v) <= day
        },
        meetings={
            mid: m
            for mid, m in records_as_of(repo.meetings, versions, day).items()
            if m.date <= day
        },
        feedback={fid: _feedback_then(f, day) for fid, f in feedback.items() if f.date <= day},
    )


def health_on(
    repo: Repository, versions: Versions, config: BrmConfig, day: dt.date, today: dt.date
) -> dict[str, Health]:
    """The health of every customer watched on ``day``, as the records stood then."""
    data = tables_on(repo, versions, day, today)
    inputs = health_inputs(data, config, day)
    index = health_index(inputs)
    return {
        cid: customer_health(cid, inputs, config.thresholds, day, index)
        for cid, c in sorted(data.customers.items())
        if watched_on(c, day)
    }


def quarter_day(quarter: str, today: dt.date) -> dt.date:
    """The day a quarter is rated on: its last, or today for the current one."""
    return min(period_end(quarter), today)


def health_history(
    repo: Repository,
    versions: Versions,
    config: BrmConfig,
    quarters: list[str],
    today: dt.date,
) -> History:
    """Each customer's rating at the end of each of ``quarters`` (the current one as of
    ``today``), by customer and then quarter; a quarter it was not watched in is left out."""
    out: History = {}
    for q in quarters:
        for cid, h in health_on(repo, versions, config, quarter_day(q, today), today).items():
            out.setdefault(cid, {})[q] = h.status
    return {cid: out[cid] for cid in sorted(out)}


def declined(before: s.Status, after: s.Status) -> bool:
    """Whether a rating is worse than the one before it (good, watch, act)."""
    return STATUS_ORDER.index(after) > STATUS_ORDER.index(before)
