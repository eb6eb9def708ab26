"""The timeline of a customer page: every kind of event, newest first, none in the future."""

from __future__ import annotations

import dataclasses

from brm_build.site.relations import relate
from brm_build.site.timeline import TIMELINE_LIMIT, timeline
from brm_build.site.views import customer_view

from .sample import history, sample_data


def test_every_kind_newest_first_up_to_today() -> None:
    data = sample_data(history())
    view = customer_view(data.publication, relate(data.publication), "finance", data.today, 60)
    events = timeline(data, view).events
    kinds = {e.kind for e in events}
    assert {"meeting", "complaint", "survey", "breach", "agreement", "commit"} <= kinds
    days = [e.day for e in events]
    assert days == sorted(days, reverse=True)
    assert all(day <= data.today for day in days)
    commits = [e for e in events if e.kind == "commit"]
    assert [e.label for e in commits] == [
        "Record the Q4 review",
        "Report September | *late*",
        "Add the sample records",
    ]


def test_a_meeting_after_today_is_not_on_the_timeline() -> None:
    data = sample_data(history())
    early = dataclasses.replace(data, today=data.today.replace(year=data.today.year - 1))
    view = customer_view(early.publication, relate(early.publication), "finance", early.today, 60)
    events = timeline(early, view).events
    assert all(e.day <= early.today for e in events)
    assert not any(e.kind == "meeting" for e in events)


def test_a_long_history_is_cut_and_says_how_much_is_left_out() -> None:
    data = sample_data(history())
    view = customer_view(data.publication, relate(data.publication), "finance", data.today, 60)
    many = dataclasses.replace(view, meetings=view.meetings * (TIMELINE_LIMIT + 5))
    cut = timeline(data, many)
    assert len(cut.events) == TIMELINE_LIMIT
    assert cut.earlier > 0


def test_without_history_there_are_no_commits() -> None:
    data = sample_data(None, "not a git checkout")
    view = customer_view(data.publication, relate(data.publication), "finance", data.today, 60)
    assert not [e for e in timeline(data, view).events if e.kind == "commit"]
