"""The formal escalation channel: a customer's levels are unique, and an escalation names
one of them (records.md: ``escalation`` on customers, ``level`` on feedback)."""

from __future__ import annotations

from ..findings import Finding
from ..model import Customer, Feedback
from ..model.repository import Entry, Repository
from .base import ancestors, at, repeats


def _duplicate_levels(entry: Entry[Customer]) -> list[Finding]:
    steps = entry.record.escalation
    return [
        at(
            entry,
            "escalation-level-duplicate",
            ("escalation", i, "level"),
            f"level {steps[i].level} is already item {first + 1} of the "
            "escalation path: give each step its own level (1, 2, 3, …)",
        )
        for i, first in repeats(step.level for step in steps)
    ]


def _path_of(repo: Repository, unit: str) -> tuple[str, list[int]] | None:
    """The nearest unit, ``unit`` or above it, with an escalation path, and its levels."""
    for cid in ancestors(repo.customers, unit):
        entry = repo.customers.get(cid)
        if entry is not None and entry.record.escalation:
            return cid, sorted({step.level for step in entry.record.escalation})
    return None


def _feedback_level(repo: Repository, entry: Entry[Feedback]) -> list[Finding]:
    f = entry.record
    if f.type != "escalation":
        if f.level is None:
            return []
        message = f"'level' belongs to escalations only, not to a {f.type}: remove it"
        return [at(entry, "feedback-level", ("level",), message)]
    path = _path_of(repo, f.customer)
    levels = ", ".join(str(level) for level in path[1]) if path else ""
    if f.level is None:
        message = "an escalation needs 'level': the step of the escalation path it was raised at"
        message += f" ('{path[0]}' has levels {levels})" if path else ""
        return [at(entry, "feedback-level", ("type",), message)]
    if path is None or f.level in path[1]:
        return []  # a customer without a path records escalations all the same
    owner = repo.customers[path[0]]
    message = (
        f"level {f.level} is not on the escalation path of '{path[0]}', which has levels "
        f"{levels}: use one of them, or add the level to the path"
    )
    return [at(entry, "feedback-level", ("level",), message, related=(owner.path,))]


def check_escalations(repo: Repository) -> list[Finding]:
    """Report repeated levels on an escalation path and escalations at no level of it."""
    findings: list[Finding] = []
    for customer in repo.customers.values():
        findings += _duplicate_levels(customer)
    for feedback in repo.feedback.values():
        findings += _feedback_level(repo, feedback)
    return findings
