"""``brm attention --format ics``: every dated item as an all-day event (RFC 5545).

The icalendar library makes every property and content line (names, parameters, value
types, escaping) and says in which order an event's properties are written; the UID is the
item's key, so a calendar that subscribes keeps each event as the records change around it.
A calendar of thousands of events would spend most of the command's time in building
icalendar's components, so the lines are written here in icalendar's order: a value that
many events share (the stamp, a day, a kind) is encoded and made a line once, an event's
own texts are encoded by the property's icalendar type, and the lines are folded here. The
bytes are those of icalendar's own ``Calendar.to_ical`` of the same events (tested).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Sequence
from typing import Any

from icalendar import Calendar, Event, vText
from icalendar.parser import Contentline

from .. import __version__
from .items import Item

UID_DOMAIN = "attention.brm"
"""Makes each key a globally unique UID, as RFC 5545 asks."""

LINE_OCTETS = 75
"""RFC 5545 3.1: a content line is folded before it exceeds 75 octets."""

OWN = ("uid", "summary", "description")
"""The properties whose values are each event's own."""
SHARED = ("dtstamp", "dtstart", "dtend", "categories", "transp")
"""The properties whose values many events share."""


def render_ics(items: Sequence[Item], today: dt.date, name: str = "brm attention") -> bytes:
    """A calendar of every dated item, overdue and future alike: what icalendar writes of a
    ``Calendar`` with these properties and an ``Event`` per item (``to_ical``)."""
    cal = Calendar()
    cal.add("prodid", f"-//brm//brm {__version__}//EN")
    cal.add("version", "2.0")
    # a TEXT value on one line, escaped as TEXT: icalendar leaves an X- property as given
    cal.add("x-wr-calname", vText(" ".join(name.split())))
    lines = _Lines()
    out = [lines.mark("BEGIN", "VCALENDAR")]
    for prop in cal.sorted_keys():
        out.append(lines.of(prop, cal[prop]))
    shared = _Shared()
    own = {prop.upper(): Event.types_factory.for_property(prop) for prop in OWN}
    order = _event_order()
    stamp = dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)
    # an event's lines by day and kind: the shared ones written, the own ones by name
    templates: dict[tuple[dt.date, str], list[tuple[str, bool]]] = {}
    for item in items:
        if item.due is None or item.due >= dt.date.max:
            continue  # no day to put it on
        template = templates.get((item.due, item.kind))
        if template is None:
            values = {
                "DTSTAMP": shared.value("dtstamp", stamp),
                "DTSTART": shared.value("dtstart", item.due),
                "DTEND": shared.value("dtend", item.due + dt.timedelta(days=1)),
                "CATEGORIES": shared.value("categories", item.kind, [item.kind]),
                "TRANSP": shared.value("transp", "TRANSPARENT"),
            }
            template = [(lines.mark("BEGIN", "VEVENT"), False)]
            for prop in order:
                template.append(
                    (prop, True) if prop in own else (lines.of(prop, values[prop]), False)
                )
            template.append((lines.mark("END", "VEVENT"), False))
            templates[(item.due, item.kind)] = template
        owners = ", ".join(item.owners) or "no owner"
        texts = {
            "UID": f"{item.key}@{UID_DOMAIN}",
            "SUMMARY": f"{item.customer}: {item.text}",
            "DESCRIPTION": f"{item.kind}, owners {owners}\n{item.path}:{item.line}",
        }
        for part, is_own in template:
            out.append(lines.make(part, own[part](texts[part])) if is_own else part)
    out.append(lines.mark("END", "VCALENDAR"))
    return "".join(out).encode("utf-8")


def _event_order() -> list[str]:
    """The names of an event's properties in the order icalendar writes them."""
    proto = Event()
    for prop in (*OWN, *SHARED):
        proto[prop] = vText("")
    return [str(prop) for prop in proto.sorted_keys()]


class _Shared:
    """Property values encoded once by icalendar, for every event that has the same."""

    def __init__(self) -> None:
        self._encoded: dict[tuple[str, Hashable], Any] = {}

    def value(self, name: str, key: Hashable, plain: object = None) -> Any:
        """Property ``name`` with value ``plain`` (by default ``key``), as ``add`` encodes it."""
        found = self._encoded.get((name, key))
        if found is None:
            proto = Event()
            proto.add(name, key if plain is None else plain)
            found = self._encoded[(name, key)] = proto[name]
        return found


class _Lines:
    """Content lines as icalendar makes them, folded and ended."""

    def __init__(self) -> None:
        self._made: dict[tuple[str, int | str], str] = {}

    def of(self, name: str, value: Any) -> str:
        """Property ``name`` with ``value``, made once per value object: the values are
        kept meanwhile (``_Shared``, the calendar), so no two share an id."""
        line = self._made.get((name, id(value)))
        if line is None:
            line = self._made[(name, id(value))] = self.make(name, value)
        return line

    def mark(self, name: str, component: str) -> str:
        """The ``BEGIN`` or ``END`` line of a component."""
        line = self._made.get((name, component))
        if line is None:
            line = self._made[(name, component)] = self.make(name, vText(component))
        return line

    def make(self, name: str, value: Any) -> str:
        """The line of property ``name`` with ``value``."""
        # Component.content_line's own, without the parameters it makes for any value
        return fold(str(Contentline.from_parts(name, value.params, value))) + "\r\n"


def fold(line: str) -> str:
    """``line`` folded as icalendar folds it: after at most 74 octets, a line break and a
    space, never between a backslash or caret and the character it escapes."""
    if line.isascii():
        if len(line) < LINE_OCTETS:
            return line
        return _fold_ascii(line)
    parts: list[str] = []
    part: list[str] = []
    size = 0
    for char in line:
        octets = len(char.encode("utf-8"))
        if part and size + octets >= LINE_OCTETS:
            carried = part.pop() if len(part) > 1 and part[-1] in "\\^" else ""
            parts.append("".join(part))
            part = [carried] if carried else []
            size = len(carried)
        part.append(char)
        size += octets
    parts.append("".join(part))
    return "\r\n ".join(parts)


def _fold_ascii(line: str) -> str:
    """``fold`` of a line of one-octet characters, by slices."""
    parts: list[str] = []
    start, width = 0, LINE_OCTETS - 1
    while len(line) - start > width:
        end = start + width
        if line[end - 1] in "\\^":
            end -= 1  # the escape goes on with what it escapes
        parts.append(line[start:end])
        start = end
    parts.append(line[start:])
    return "\r\n ".join(parts)
