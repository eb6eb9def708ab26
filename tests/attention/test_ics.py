"""The calendar's bytes are icalendar's own: the values shared between events and the
folding done here change nothing that ``Calendar.to_ical`` would write, for any text."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from hypothesis import example, given, settings
from hypothesis import strategies as st
from icalendar import Calendar, Event, vText
from icalendar.parser import Contentline

from brm_build import __version__
from brm_build.attention.ics import UID_DOMAIN, fold, render_ics
from brm_build.attention.items import Item

TODAY = dt.date(2026, 11, 26)
NO_SURROGATES: tuple[Literal["Cs"]] = ("Cs",)
TEXT = st.text(st.characters(blacklist_categories=NO_SURROGATES), max_size=240)
"""Any text: line breaks, backslashes, carets, separators, characters of several octets."""
LINE = st.text(st.characters(blacklist_categories=NO_SURROGATES, blacklist_characters="\n"))
ESCAPES = st.one_of(
    st.lists(st.sampled_from(["\\", "^", "a", ",", "\\n"]), min_size=70, max_size=300),
    st.lists(st.sampled_from(["\\", "^", "a", "é", "😀", "\\n"]), min_size=30, max_size=300),
).map("".join)
"""Runs of escapes, in plain ASCII and among wide characters, to fold at every boundary."""
DAYS = st.one_of(st.none(), st.dates(), st.just(dt.date.max))
ITEMS = st.lists(
    st.builds(
        Item,
        key=TEXT,
        kind=st.sampled_from(["action", "meeting", "agreement-end", "complaint"]),
        due=DAYS,
        customer=TEXT,
        owners=st.lists(TEXT, max_size=3).map(tuple),
        path=TEXT,
        line=st.integers(0, 10**6),
        text=TEXT,
    ),
    max_size=12,
)


def _plain(items: list[Item], today: dt.date, name: str) -> bytes:
    """The calendar as icalendar writes it with every value added to each event afresh."""
    cal = Calendar()
    cal.add("prodid", f"-//brm//brm {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", vText(" ".join(name.split())))
    stamp = dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)
    for item in items:
        if item.due is None or item.due >= dt.date.max:
            continue
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


@settings(max_examples=150, deadline=None)
@given(items=ITEMS, name=TEXT, today=st.dates(max_value=dt.date(9999, 12, 30)))
def test_the_calendar_is_the_bytes_icalendar_writes(
    items: list[Item], name: str, today: dt.date
) -> None:
    assert render_ics(items, today, name) == _plain(items, today, name)


@settings(max_examples=300, deadline=None)
@given(line=st.one_of(LINE, ESCAPES))
@example(line="a" * 73 + "^b")
@example(line="a" * 73 + "\\\\" * 80)
@example(line="é" * 36 + "a^" + "b" * 80)
def test_a_line_folds_as_icalendar_folds_it(line: str) -> None:
    theirs: bytes = Contentline(line).to_ical()  # type: ignore[no-untyped-call]
    assert fold(line).encode("utf-8") == theirs


def test_shared_values_are_written_once_per_event_all_the_same() -> None:
    due = dt.date(2026, 12, 4)
    items = [
        Item(f"action:m:{n}", "action", due, "finance", ("@ann",), "a.md", n, "x" * 90)
        for n in range(3)
    ]
    raw = render_ics(items, TODAY)
    assert raw.count(b"DTSTART;VALUE=DATE:20261204\r\n") == 3
    assert raw.count(b"CATEGORIES:action\r\n") == 3
    assert raw.count(b"\r\n ") == 3  # each long summary folded once
