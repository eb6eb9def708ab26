"""Where an agreement stands as of "today": one rule read by the check's warnings and by
the site's badges and attention list."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model import Agreement


@dataclass(frozen=True, slots=True)
class Standing:
    """An agreement's standing: a short label and how urgent it is."""

    label: str
    level: str
    """``ok``, ``warn``, ``danger`` or ``muted``: the CSS badge it is shown with."""
    due: bool = False
    """Whether it belongs on the list of agreements that need attention."""


def standing(a: Agreement, today: dt.date, notice_days: int) -> Standing:
    """Whether an agreement is current, due for review, expiring, past its end or over."""
    if a.status in ("expired", "terminated"):
        return Standing(a.status, "muted")
    if a.status == "draft":
        return Standing("draft", "muted")
    soon = today + dt.timedelta(days=notice_days)
    if a.valid_until is not None and a.valid_until < today:
        return Standing("past its end", "danger", True)
    if a.valid_until is not None and a.valid_until <= soon:
        return Standing("expiring", "warn", True)
    if a.review_by is not None and a.review_by < today:
        return Standing("review overdue", "danger", True)
    if a.review_by is not None and a.review_by <= soon:
        return Standing("review due", "warn", True)
    return Standing("active", "ok")
