"""The embedded example organisation is clean (but for the falls of health its story holds),
rich enough, and valid by the schemas."""

from __future__ import annotations

from brm_build.check import check
from brm_build.model.settings import Settings

DECLINES = [
    # No meeting in the third quarter: the last on 5 May, 148 days before its end, past
    # the standard tier's 120 days and the default 90.
    ("records/customers/human-resources.yaml", "from watch at the end of 2026-Q2 to act"),
    ("records/customers/research-development.yaml", "from good at the end of 2026-Q2 to act"),
]
# Finance (strategic: a meeting every 45 days) was rated act at the end of June already, so
# September's ERP outage is no fall; Sales and Marketing's 106 days since 16 June stay within
# its standard tier's 120 (watch, as at the end of June).
"""The falls of relationship health that the example's story holds over the summer."""


def test_example_has_no_findings_but_the_falls_of_its_story(example_settings: Settings) -> None:
    result = check(example_settings)
    others = [f for f in result.findings if f.code != "health-declined"]
    assert [f"{f.path}:{f.line} {f.code} {f.message}" for f in others] == []
    declines = [f for f in result.findings if f.code == "health-declined"]
    assert [(f.path, f.line, f.field) for f in declines] == [(p, 1, "name") for p, _ in DECLINES]
    for finding, (_, fall) in zip(declines, DECLINES, strict=True):
        assert finding.message.startswith(f"relationship health fell {fall} at the end of 2026-Q3")


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
