"""The calendar of brm attention, read back by a small RFC 5545 reader of the test's own
(independent of the icalendar library that writes it), and no restricted value in any output."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from brm_build.attention.ics import render_ics
from brm_build.attention.items import Item
from brm_build.cli import main

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 26)
FEEDBACK = Path("records/feedback/2026/2026-11-04-invoice-matching-errors.yaml")
SENTINEL = "Restricted Sentinel Person"


def _unfold(raw: bytes) -> list[str]:
    """Content lines: every line ends in CRLF, is at most 75 octets, and a line that starts
    with a space or tab continues the one before (RFC 5545 3.1)."""
    assert raw.endswith(b"\r\n")
    physical = raw[:-2].split(b"\r\n")
    assert all(len(line) <= 75 and b"\n" not in line and b"\r" not in line for line in physical)
    lines: list[bytes] = []
    for line in physical:
        if line[:1] in (b" ", b"\t"):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return [line.decode("utf-8") for line in lines]


def _events(raw: bytes) -> list[dict[str, str]]:
    """Each VEVENT's properties by name with their parameters, inside one VCALENDAR."""
    lines = _unfold(raw)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    events: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    for line in lines[1:-1]:
        name, value = line.split(":", 1)
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            assert current is not None
            events.append(current)
            current = None
        elif current is not None:
            current[name] = value
    assert current is None
    return events


def _unescape(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        if value[i] == "\\":
            out.append({"n": "\n", "N": "\n"}.get(value[i + 1], value[i + 1]))
            i += 2
        else:
            assert value[i] not in ",;", f"unescaped {value[i]!r} in {value!r}"
            out.append(value[i])
            i += 1
    return "".join(out)


def test_each_dated_item_is_an_all_day_event_with_its_key_and_escaped_text() -> None:
    text = "Agree dates; costs, and scope \\ then report — a long line " + "x" * 120
    items = [
        Item(
            "action:m1:abc", "action", dt.date(2026, 12, 4), "finance", ("@ann",), "a.md", 7, text
        ),
        Item("meeting:sales", "meeting", None, "sales", (), "s.yaml", 2, "never met"),
    ]
    events = _events(render_ics(items, TODAY))
    assert len(events) == 1  # no day to put the customer never met on
    event = events[0]
    assert event["UID"] == "action:m1:abc@attention.brm"
    assert event["DTSTART;VALUE=DATE"] == "20261204"
    assert event["DTEND;VALUE=DATE"] == "20261205"
    assert _unescape(event["SUMMARY"]) == f"finance: {text}"
    assert _unescape(event["DESCRIPTION"]) == "action, owners @ann\na.md:7"
    assert "DTSTAMP" in event


def test_the_calendar_name_is_one_escaped_line() -> None:
    """A name from a record (the site names each customer's calendar) may hold line
    breaks and separators: it is one TEXT line, escaped, never a broken file."""
    raw = render_ics([], TODAY, "Evil\n# Corp, Ltd; a\\b")
    lines = _unfold(raw)
    (name,) = [ln for ln in lines if ln.startswith("X-WR-CALNAME:")]
    assert _unescape(name.removeprefix("X-WR-CALNAME:")) == "Evil # Corp, Ltd; a\\b"


def test_no_output_shows_a_restricted_value(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    shutil.copytree(ROOT / "records", tmp_path / "records")
    shutil.copy(ROOT / "brm.yaml", tmp_path / "brm.yaml")
    path = tmp_path / FEEDBACK
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines = [
        f"  name: {SENTINEL}\n" if "name:" in ln and ln.startswith("  ") else ln for ln in lines
    ]
    path.write_text("".join(lines), encoding="utf-8")
    assert SENTINEL in path.read_text(encoding="utf-8")
    for fmt in ("text", "json", "markdown", "ics"):
        args = ["attention", "--root", str(tmp_path), "--today", "2027-06-01", "--format", fmt]
        assert main([*args, "--no-cache", "--days", "9999"]) == 0
        out = capsys.readouterr().out.replace("\r\n ", "")  # unfolded
        assert "invoice-matching-errors" in out and SENTINEL not in out, fmt
