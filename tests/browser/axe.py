"""Accessibility checks with axe-core, run inside the page that a reader sees."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from playwright.sync_api import Page

BLOCKING = ("serious", "critical")
"""The impacts that fail a test; moderate and minor ones are left to review."""

CONTRAST_RULES = ("color-contrast", "link-in-text-block")
"""The rules that depend on the colour scheme: run again on the dark scheme."""


@dataclass(frozen=True, slots=True)
class Violation:
    """One failed axe-core rule on one element."""

    rule: str
    impact: str
    help: str
    target: str
    summary: str

    def __str__(self) -> str:
        summary = " ".join(self.summary.split())
        return f"{self.rule} ({self.impact}) at {self.target}: {self.help}. {summary}"


def _violations(result: dict[str, Any]) -> list[Violation]:
    found = []
    for rule in result["violations"]:
        for node in rule["nodes"]:
            impact = node.get("impact") or rule.get("impact") or "unknown"
            target = " ".join(str(t) for t in node["target"])
            summary = node.get("failureSummary") or ""
            found.append(Violation(rule["id"], impact, rule["help"], target, summary))
    return found


def audit(page: Page, source: str, rules: tuple[str, ...] = ()) -> list[Violation]:
    """The serious and critical violations of axe-core's rules (only ``rules`` when given)
    in the page as it is now, after its scripts ran."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=source)
    options: dict[str, object] = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": list(rules)}
    result = page.evaluate("options => axe.run(document, options)", options)
    return [v for v in _violations(result) if v.impact in BLOCKING]
