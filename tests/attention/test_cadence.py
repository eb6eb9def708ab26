"""Which meeting intervals apply to a customer, and the calendar items they give."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from brm_build.attention.cadence import Cadence, cadences, meeting_interval
from brm_build.attention.items import attention_items
from brm_build.model import Customer
from brm_build.model.settings import BrmConfig, Thresholds, Tier
from brm_build.settings import load_config

from ..analytics import records
from ..casebuilder import build, customer, run_check
from ..test_checks_tiers import FINANCE, FINANCE_TEXT, TIERS, meeting

CONFIG = BrmConfig(
    thresholds=Thresholds(meeting_interval_days=60),
    tiers={
        "strategic": Tier(relationship_review_days=92, service_review_days=31),
        "empty": Tier(),
    },
)


def test_a_tier_sets_its_intervals_and_the_default_stays_for_the_rest() -> None:
    assert cadences(CONFIG, "strategic") == (
        Cadence("relationship-review", 92, "strategic"),
        Cadence("service-review", 31, "strategic"),
    )
    default = (Cadence(None, 60, None),)
    assert cadences(CONFIG, None) == default
    assert cadences(CONFIG, "empty") == default  # a tier that sets no interval
    assert cadences(CONFIG, "unknown") == default  # the check reports it as tier-unknown


def test_the_calendar_lists_each_interval_of_the_tier(tmp_path: Path) -> None:
    files = {
        "brm.yaml": TIERS,
        FINANCE: FINANCE_TEXT + "tier: strategic\n",
        "records/customers/hr.yaml": customer("Human Resources", role="customer"),
        "records/customers/treasury.yaml": customer("Treasury", parent="finance"),
    }
    files |= meeting("2026-06-01", "treasury", "service-review")  # counts for finance
    root = build(tmp_path, files)
    result = run_check(root)
    config, _ = load_config(str(root))
    items = attention_items(result.repository, dt.date(2026, 6, 15), config)
    meetings = {i.key: (i.due, i.customer, i.text) for i in items if i.kind == "meeting"}
    assert meetings == {
        "meeting:finance:relationship-review": (
            dt.date(2026, 6, 14),  # 25 days after the base's review of 2026-05-20
            "finance",
            "hold a relationship-review with Group Finance (last on 2026-05-20; every 25 "
            "days, tier strategic)",
        ),
        "meeting:finance:service-review": (
            dt.date(2026, 6, 21),
            "finance",
            "hold a service-review with Group Finance (last on 2026-06-01; every 20 days, "
            "tier strategic)",
        ),
        "meeting:hr": (None, "hr", "meet Human Resources (no meeting on record; every 90 days)"),
    }
    overdue = {i.key for i in items if i.kind == "meeting" and i.overdue(dt.date(2026, 6, 15))}
    warned = {f.path for f in result.findings if f.code == "customer-no-recent-meeting"}
    assert overdue == {"meeting:finance:relationship-review", "meeting:hr"}
    assert warned == {FINANCE, "records/customers/hr.yaml"}


def test_health_rates_a_unit_on_the_shortest_interval_of_the_tier_it_follows() -> None:
    def unit(role: str, parent: str | None = None, tier: str | None = None) -> Customer:
        return records.unit("U", parent).model_copy(update={"role": role, "tier": tier})

    units = {
        "finance": unit("customer", tier="strategic"),
        "payables": unit("purchaser", "finance"),
        "retail": unit("customer"),
        "odd": unit("customer", tier="empty"),
    }
    assert meeting_interval(CONFIG, units, "finance") == 31
    assert meeting_interval(CONFIG, units, "payables") == 31  # its customer's tier
    assert meeting_interval(CONFIG, units, "retail") == 60
    assert meeting_interval(CONFIG, units, "odd") == 60
