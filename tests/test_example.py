"""The embedded example organisation is clean, rich enough, and valid by the schemas."""

from __future__ import annotations

from brm_build.check import check
from brm_build.model.settings import Settings


def test_example_has_no_findings(example_settings: Settings) -> None:
    result = check(example_settings)
    assert [f"{f.path}:{f.line} {f.code} {f.message}" for f in result.findings] == []


def test_example_is_rich_enough(example_settings: Settings) -> None:
    repo = check(example_settings).repository
    roles = [c.record.role for c in repo.customers.values()]
    assert roles.count("customer") >= 6
    assert roles.count("purchaser") >= 12
    deep = [
        c
        for c in repo.customers.values()
        if c.record.parent and repo.customers[c.record.parent].record.role == "purchaser"
    ]
    assert deep, "some purchasers sit two levels deep"
    assert len(repo.services) >= 8
    assert len(repo.agreements) >= 10
    statuses = {a.record.status for a in repo.agreements.values()}
    assert statuses == {"draft", "active", "expired", "terminated"}
    assert len(repo.meetings) >= 40
    assert len(repo.surveys) >= 6
    assert {p.record.health for p in repo.projects.values()} >= {"green", "amber", "red"}
    assert {f.record.type for f in repo.feedback.values()} == {
        "complaint",
        "compliment",
        "escalation",
    }
    months = max(len(r.record.measurements) for r in repo.reports.values())
    assert months >= 12
