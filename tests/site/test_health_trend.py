"""The health of each customer at the last quarter ends: on the dashboard's health table
and on the customer page, in words and badges, the latest quarter last."""

from __future__ import annotations

import dataclasses
import re

from brm_build.analytics.health_history import History
from brm_build.analytics.signals import Status
from brm_build.charts.figures import site_figures
from brm_build.check import check
from brm_build.recorded import recorded
from brm_build.site import links
from brm_build.site.context import environment
from brm_build.site.pages import generate

from ..conftest import settings_for
from .sample import SAMPLE, sample_data

STEP = re.compile(
    r'<span class="brm-trend-step" role="listitem">(\d{4}-Q\d) '
    r'<span class="brm-badge brm-\w+">(good|watch|act)</span></span>'
)


def _pages() -> tuple[dict[str, str], History, dict[str, Status]]:
    settings = dataclasses.replace(settings_for(SAMPLE), cache=None)
    repo = check(settings).repository
    past = recorded(repo, settings, None)
    figures = site_figures(repo, settings, workers=1, past=past)
    pages = generate(dataclasses.replace(sample_data(), figures=figures), environment())
    now = {cid: h.status for cid, h in figures.stats.health.items()}
    return pages, past.health_history, now


def test_the_dashboard_and_the_customer_page_show_the_last_four_quarters() -> None:
    pages, history, now = _pages()
    assert history and now
    home = pages[links.HOME]
    assert "| Over the quarters |" in home
    for cid, ratings in history.items():
        expected = sorted(ratings.items())[-4:]
        assert expected[-1][1] == now[cid]  # the current quarter is today's rating
        health = home[home.index("## Relationship health") :]
        row = next(line for line in health.splitlines() if f"(customers/{cid}.md)" in line)
        assert STEP.findall(row) == expected
        page = pages[f"customers/{cid}.md"]
        line = next(x for x in page.splitlines() if x.startswith("Over the quarters"))
        assert STEP.findall(line) == expected
        assert 'role="list" aria-label="Rating at each quarter&#39;s end, oldest first"' in line


def test_without_the_history_no_column() -> None:
    settings = dataclasses.replace(settings_for(SAMPLE), cache=None)
    repo = check(settings).repository
    figures = site_figures(repo, settings, workers=1)
    pages = generate(dataclasses.replace(sample_data(), figures=figures), environment())
    assert "Over the quarters" not in pages[links.HOME]
