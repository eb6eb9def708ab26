"""The sample records repository of the site tests, and a fixed git history for it."""

from __future__ import annotations

from pathlib import Path

from brm_build.attention.items import attention_items
from brm_build.check import check
from brm_build.gitlog import History, parse_log
from brm_build.publication import publish
from brm_build.site.context import SiteData, environment
from brm_build.site.pages import generate

from ..conftest import settings_for

SAMPLE = Path(__file__).resolve().parent / "sample"

_F, _R = "\x1f", "\x1e"
LOG = "".join(
    [
        f"{_R}{'c' * 40}{_F}Rolf Ek{_F}2026-11-12T09:30:00+01:00{_F}Record the Q4 review\n\n"
        "A\trecords/meetings/2026/2026-11-10-finance-review.md\n"
        "M\trecords/customers/finance.yaml\n"
        "D\trecords/customers/old-unit.yaml\n",
        f"{_R}{'b' * 40}{_F}Olga Owner{_F}2026-10-05T16:00:00+02:00"
        f"{_F}Report September | *late*\n\n"
        "M\trecords/reports/finance-erp.yaml\n",
        f"{_R}{'a' * 40}{_F}Rolf Ek{_F}2026-01-15T10:00:00+01:00{_F}Add the sample records\n\n"
        "A\trecords/customers/finance.yaml\n"
        "A\trecords/agreements/finance-erp.yaml\n"
        "A\trecords/reports/finance-erp.yaml\n",
    ]
)


def history() -> History:
    """The fixed history: three commits, one of them deleting a record."""
    return parse_log(LOG)


def sample_data(history: History | None = None, note: str = "") -> SiteData:
    """The sample records as the pages see them, checked as of the example's date."""
    settings = settings_for(SAMPLE)
    result = check(settings)
    assert result.errors == 0, result.findings
    return SiteData(
        publication=publish(result.repository, settings.config.publish),
        findings=result.findings,
        today=settings.today,
        config=settings.config,
        history=history,
        history_note=note,
        calendar=tuple(attention_items(result.repository, settings.today, settings.config)),
    )


def sample_pages(history: History | None = None, note: str = "") -> dict[str, str]:
    """Every page generated from the sample records."""
    return generate(sample_data(history, note), environment())
