"""The site's calendars: ``attention.ics`` for the organisation and one per customer and
purchaser (its items and those of the units below it), from the attention items.

The items name no restricted field (``brm_build.attention.items``), so the calendars hold
nothing that the site may not publish.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

from ..attention.ics import render_ics
from ..attention.items import Item
from .context import SiteData
from .relations import Relations, descendants
from .summary import calendar_index

ORGANISATION = "attention.ics"


def unit_calendar(unit: str) -> str:
    """The docs path of the calendar of customer or purchaser ``unit``."""
    return f"calendar/{unit}.ics"


def calendar_files(data: SiteData, rel: Relations) -> Iterator[tuple[str, str]]:
    """The organisation's calendar and each unit's, by docs path."""
    name = data.config.organisation
    yield ORGANISATION, _ics(data.calendar, data.today, f"{name}: what is due")
    index = calendar_index(data.calendar)
    for cid, c in data.publication.customers.items():
        items = [i for u in (cid, *descendants(rel, cid)) for i in index.get(u, ())]
        items.sort(key=lambda i: (i.due or dt.date.min, i.key))
        yield unit_calendar(cid), _ics(items, data.today, f"{c.record.name}: what is due")


def _ics(items: Sequence[Item], today: dt.date, name: str) -> str:
    # CRLF line ends are kept: the docs are written as the bytes of this text
    return render_ics(items, today, name).decode("utf-8")
