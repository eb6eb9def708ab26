"""``brm attention --format ics``: every dated item as an all-day event (RFC 5545).

The icalendar library writes the lines (CRLF, folding, escaping); the UID is the item's
key, so a calendar that subscribes keeps each event as the records change around it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from icalendar import Calendar, Event, vText

from .. import __version__
from .items import Item

UID_DOMAIN = "attention.brm"
"""Makes each key a globally unique UID, as RFC 5545 asks."""


def render_ics(items: Sequence[Item], today: dt.date, name: str = "brm attention") -> bytes:
    """A calendar of every dated item, overdue and future alike."""
    cal = Calendar()
    cal.add("prodid", f"-//brm//brm {__version__}//EN")
    cal.add("version", "2.0")
    # a TEXT value on one line, escaped as TEXT: icalendar leaves an X- property as given
    cal.add("x-wr-calname", vText(" ".join(name.split())))
    stamp = dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)
    for item in items:
        if item.due is None or item.due >= dt.date.max:
            continue  # no day to put it on
        event = Event()
        event.add("uid", f"{item.key}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("dtstart", item.due)
        event.add("dtend", item.due + dt.timedelta(days=1))
        event.add("summary", f"{item.customer}: {item.text}")
        owners = ", ".join(item.owners) or "no owner"
        event.add("description", f"{item.kind}, owners {owners}\n{item.path}:{item.line}")
        event.add("categories", [item.kind])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    data: bytes = cal.to_ical()
    return data
