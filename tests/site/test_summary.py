"""The summary that opens a customer page says what the dashboard says, for the example."""

from __future__ import annotations

import dataclasses

import pytest

from brm_build.attention.rules import feedback_open
from brm_build.check import check
from brm_build.site.build import site_data
from brm_build.site.context import SiteData, environment
from brm_build.site.pages import generate
from brm_build.site.relations import descendants, relate
from brm_build.site.summary import Summary, calendar_index, customer_summary, unit_figures
from brm_build.site.views import customer_view

from ..conftest import ROOT, settings_for


@pytest.fixture(scope="module")
def data() -> SiteData:
    settings = settings_for(ROOT)
    return site_data(settings, check(settings))


def summary_of(data: SiteData, cid: str) -> Summary:
    pub = data.publication
    rel = relate(pub)
    view = customer_view(pub, rel, cid, data.today, data.config.thresholds.agreement_notice_days)
    units = [cid, *descendants(rel, cid)]
    return customer_summary(data, view, units, calendar_index(data.calendar))


def test_a_customer_shows_its_own_health_and_the_dashboards_figures(data: SiteData) -> None:
    assert data.figures is not None
    stats = data.figures.stats
    s = summary_of(data, "finance")
    assert s.health == stats.health["finance"]
    assert s.health_of is None
    series = stats.satisfaction.customers["finance"]
    assert s.csat == series.latest
    assert s.csat is not None and s.csat.change is not None
    assert s.csat_before == series.figures[-2]
    assert s.csat.change == pytest.approx(s.csat.csat - s.csat_before.csat)
    signal = next(sig for sig in stats.health["finance"].signals if sig.key == "service-levels")
    assert s.service_levels == (signal.status, signal.value)


def test_a_purchaser_shows_its_own_health_and_its_customers(data: SiteData) -> None:
    assert data.figures is not None
    s = summary_of(data, "accounts-payable")
    assert s.health == data.figures.stats.purchasers["accounts-payable"]
    assert s.inherited == data.figures.stats.health["finance"]
    assert s.health_of is not None and s.health_of.id == "finance"
    assert s.csat == data.figures.stats.satisfaction.customers["accounts-payable"].latest


def test_open_feedback_and_the_calendar_count_the_units_below(data: SiteData) -> None:
    pub = data.publication
    units = {"finance", *descendants(relate(pub), "finance")}
    mine = [f.record for f in pub.feedback.values() if f.record.customer in units]
    s = summary_of(data, "finance")
    complaints = [f for f in mine if feedback_open(f) and f.type == "complaint"]
    assert s.complaints == len(complaints) > 0
    assert s.next_item is not None and s.next_item.due is not None
    assert s.next_item.due >= data.today
    due = [i for i in data.calendar if i.customer in units and not i.overdue(data.today)]
    assert s.next_item.due == min(i.due for i in due if i.due is not None)


def test_the_page_opens_with_the_summary_and_no_restricted_field(data: SiteData) -> None:
    pages = generate(data, environment())
    page = pages["customers/finance.md"]
    assert page.index('class="brm-summary"') < page.index("## Profile")
    assert 'hide: ["navigation", "toc"]' in page.split("---")[1]
    budget = data.publication.customers["finance"].record.it_budget
    assert budget is None  # restricted: not published
    assert "2400000" not in page and "2,400,000" not in page


def test_a_purchaser_without_its_own_rating_inherits_its_customers(data: SiteData) -> None:
    assert data.figures is not None
    stats = dataclasses.replace(data.figures.stats, purchasers={})
    unrated = dataclasses.replace(data, figures=dataclasses.replace(data.figures, stats=stats))
    s = summary_of(unrated, "accounts-payable")
    assert s.health is s.inherited is stats.health["finance"]


def test_the_directory_shows_each_units_figures_as_its_summary_does(data: SiteData) -> None:
    assert data.figures is not None
    pub, rel = data.publication, relate(data.publication)
    for cid, unit in pub.customers.items():
        s, f = summary_of(data, cid), unit_figures(data, rel, unit)
        assert (f.health.shown if f.health else None) is s.health, cid
        assert f.csat is s.csat, cid
    finance = unit_figures(data, rel, pub.customers["finance"])
    units = {"finance", *descendants(rel, "finance")}
    with_finance = [
        m.record.date
        for m in pub.meetings.values()
        if m.record.date <= data.today and units & set(m.record.customers)
    ]
    assert finance.last_meeting == max(with_finance)
    page = generate(data, environment())["customers.md"]
    row = next(line for line in page.splitlines() if line.startswith("| [Group Finance]"))
    assert stats_rating(data, "finance") in row and str(finance.last_meeting) in row


def test_a_purchaser_not_rated_is_shown_inherited_in_the_directory(data: SiteData) -> None:
    assert data.figures is not None
    stats = dataclasses.replace(data.figures.stats, purchasers={})
    unrated = dataclasses.replace(data, figures=dataclasses.replace(data.figures, stats=stats))
    f = unit_figures(unrated, relate(data.publication), data.publication.customers["payroll"])
    assert f.health is not None and f.health.shown is stats.health["human-resources"]
    page = generate(unrated, environment())["customers.md"]
    row = next(line for line in page.splitlines() if line.startswith("| [Payroll]"))
    assert "</span> inherited |" in row


def stats_rating(data: SiteData, cid: str) -> str:
    """The badge of a customer's overall rating as the pages write it."""
    assert data.figures is not None
    return f">{data.figures.stats.health[cid].status}</span>"
