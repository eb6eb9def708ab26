"""``brm attention --format ics``: every dated item as an all-day event (RFC 5545).

The icalendar library makes every property and content line (names, parameters, value
types, escaping); the UID is the item's key, so a calendar that subscribes keeps each event
as the records change around it. A calendar of thousands of events is most of the time of
the command, so a value that many events share (the stamp, a day, a kind) is encoded and
written once, and the lines are folded here: the bytes are those of icalendar's own
``to_ical`` (tested), in a small part of its time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Sequence
from typing import Any

from icalendar import Calendar, Component, Event, vText

from .. import __version__
from .items import Item

UID_DOMAIN = "attention.brm"
"""Makes each key a globally unique UID, as RFC 5545 asks."""

LINE_OCTETS = 75
"""RFC 5545 3.1: a content line is folded before it exceeds 75 octets."""


def render_ics(items: Sequence[Item], today: dt.date, name: str = "brm attention") -> bytes:
    """A calendar of every dated item, overdue and future alike."""
    return to_ical(calendar(items, today, name))


def calendar(items: Sequence[Item], today: dt.date, name: str) -> Calendar:
    """The calendar of ``render_ics`` as icalendar's components."""
    cal = Calendar()
    cal.add("prodid", f"-//brm//brm {__version__}//EN")
    cal.add("version", "2.0")
    # a TEXT value on one line, escaped as TEXT: icalendar leaves an X- property as given
    cal.add("x-wr-calname", vText(" ".join(name.split())))
    shared = _Shared()
    stamp = dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)
    for item in items:
        if item.due is None or item.due >= dt.date.max:
            continue  # no day to put it on
        event = Event()
        event.add("uid", f"{item.key}@{UID_DOMAIN}")
        event.add("dtstamp", shared.value("dtstamp", stamp))
        event.add("dtstart", shared.value("dtstart", item.due))
        event.add("dtend", shared.value("dtend", item.due + dt.timedelta(days=1)))
        event.add("summary", f"{item.customer}: {item.text}")
        owners = ", ".join(item.owners) or "no owner"
        event.add("description", f"{item.kind}, owners {owners}\n{item.path}:{item.line}")
        event.add("categories", shared.value("categories", item.kind, [item.kind]))
        event.add("transp", shared.value("transp", "TRANSPARENT"))
        cal.add_component(event)
    return cal


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


def to_ical(cal: Calendar) -> bytes:
    """The bytes of ``cal.to_ical()``: each component's properties in icalendar's order,
    then the components below it, each line made by icalendar once per value object (a
    value that many events share is one line however many hold it), and folded here."""
    lines = _Lines(cal)
    out: list[str] = []
    todo: list[Component | str] = [cal]
    while todo:
        comp = todo.pop()
        if isinstance(comp, str):
            out.append(comp)  # the END line of a component written above
            continue
        out.append(lines.mark("BEGIN", str(comp.name)))
        for name in comp.sorted_keys():
            values = comp[name]
            out.extend(
                lines.of(name, v) for v in (values if isinstance(values, list) else [values])
            )
        todo.append(lines.mark("END", str(comp.name)))
        todo.extend(reversed(comp.subcomponents))
    return "".join(out).encode("utf-8")


class _Lines:
    """Content lines as icalendar makes them, folded and ended, each made once."""

    def __init__(self, cal: Calendar) -> None:
        self._cal = cal
        self._made: dict[tuple[str, int | str], str] = {}

    def of(self, name: str, value: Any) -> str:
        """Property ``name`` with ``value``, one line per value object: the calendar keeps
        every value meanwhile, so no two share an id."""
        line = self._made.get((name, id(value)))
        if line is None:
            line = self._made[(name, id(value))] = self._make(name, value)
        return line

    def mark(self, name: str, component: str) -> str:
        """The ``BEGIN`` or ``END`` line of a component."""
        line = self._made.get((name, component))
        if line is None:
            line = self._made[(name, component)] = self._make(name, vText(component))
        return line

    def _make(self, name: str, value: Any) -> str:
        return fold(str(self._cal.content_line(name, value))) + "\r\n"


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
