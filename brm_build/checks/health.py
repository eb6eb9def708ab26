"""The warning when a customer's relationship health fell between the last two quarter ends.

Both quarter ends are rated by ``analytics.health_history``: the rules of the dashboard on
the records as they stood then (their versions in git, else the records' own dates).
"""

from __future__ import annotations

import datetime as dt

from ..analytics.health import Health
from ..analytics.health_history import declined, health_on
from ..analytics.periods import period_end, period_start
from ..analytics.practice import quarter_of_day
from ..findings import Finding, Severity
from ..gitlog import History
from ..model.repository import Repository
from ..model.settings import Settings
from ..recorded import recorded_versions
from .base import at


def last_quarter_ends(today: dt.date) -> tuple[str, str]:
    """The last two quarters that ended on or before ``today``, the earlier first."""
    current = quarter_of_day(today)
    last = (
        current
        if period_end(current) <= today
        else quarter_of_day(period_start(current) - dt.timedelta(days=1))
    )
    before = quarter_of_day(period_start(last) - dt.timedelta(days=1))
    return before, last


def _worse(before: Health, after: Health) -> str:
    """The signals rated worse at the later end, with their ratings then and now."""
    was = {sig.key: sig.status for sig in before.signals}
    return "; ".join(
        f"{sig.label.lower()} {was[sig.key]} → {sig.status} ({sig.value})"
        for sig in after.signals
        if sig.key in was and declined(was[sig.key], sig.status)
    )


def check_health_declined(
    repo: Repository, settings: Settings, history: History | None
) -> list[Finding]:
    """Warn for every customer rated worse at the last quarter end than at the one before."""
    first, last = last_quarter_ends(settings.today)
    versions = recorded_versions(settings, history)
    config, today = settings.config, settings.today
    before = health_on(repo, versions, config, period_end(first), today)
    after = health_on(repo, versions, config, period_end(last), today)
    findings = []
    for cid, now in after.items():
        then = before.get(cid)
        if then is None or not declined(then.status, now.status) or cid not in repo.customers:
            continue
        message = (
            f"relationship health fell from {then.status} at the end of {first} to "
            f"{now.status} at the end of {last}: {_worse(then, now)}"
        )
        findings.append(
            at(repo.customers[cid], "health-declined", ("name",), message, Severity.WARNING)
        )
    return findings
