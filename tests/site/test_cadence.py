"""A customer page says how often the unit is to be met: its tier's cadence, or that of
the customer a purchaser sits under."""

from __future__ import annotations

import shutil
from pathlib import Path

from brm_build.attention.items import attention_items
from brm_build.check import check
from brm_build.publication import publish
from brm_build.site.context import SiteData, environment
from brm_build.site.pages import generate

from ..conftest import settings_for
from .sample import SAMPLE

TIERS = "tiers:\n  strategic:\n    meeting_interval_days: 45\n    service_review_days: 31\n"


def _pages(root: Path) -> dict[str, str]:
    settings = settings_for(root)
    result = check(settings)
    data = SiteData(
        publication=publish(result.repository, settings.config.publish),
        findings=result.findings,
        today=settings.today,
        config=settings.config,
        history=None,
        history_note="",
        calendar=tuple(attention_items(result.repository, settings.today, settings.config)),
    )
    return generate(data, environment())


def _cadence(page: str) -> str:
    (line,) = [line for line in page.splitlines() if line.startswith("- **Meeting cadence:**")]
    return line


def test_the_page_shows_the_tier_and_the_customer_it_comes_from(tmp_path: Path) -> None:
    root = tmp_path / "sample"
    shutil.copytree(SAMPLE, root)
    with (root / "brm.yaml").open("a", encoding="utf-8") as config:
        config.write(TIERS)
    with (root / "records/customers/finance.yaml").open("a", encoding="utf-8") as finance:
        finance.write("tier: strategic\n")
    pages = _pages(root)
    assert _cadence(pages["customers/finance.md"]) == (
        "- **Meeting cadence:** a meeting at least every 45 days and a service-review at "
        "least every 31 days (tier strategic)"
    )
    assert _cadence(pages["customers/scanning.md"]) == (
        "- **Meeting cadence:** a meeting at least every 45 days and a service-review at "
        "least every 31 days (tier strategic): that of [Finance &amp; Control](finance.md), "
        "for which meetings with this unit count"
    )
    assert "Meeting cadence" not in pages["customers/travel-desk.md"]  # retired
