"""``brm import measurements FILE``: an export of service-level results becomes the
measurements of ``records/reports/<agreement>.yaml`` (imports.md), worked out without
writing anything: read the source, merge its results into each report, keep only what
the real check accepts on the repository as it would be with them written."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..findings import Finding
from ..model import KIND_BY_NAME, Agreement
from ..repository import load_repository
from ..scaffold import Draft
from ..settings import Settings
from .measurement_mapping import LoadedMeasurementsMapping, against_agreements
from .measurement_sources import READERS
from .readings import Readings, Result
from .report_merge import Conflict, Item, Merged, merge_report
from .sources_context import SourceContext
from .tables import SourceError
from .writing import admit_rows, item_of


@dataclass
class MeasurementsImport:
    """What an import would write: the reports' new texts, and every row or value left out."""

    readings: Readings = field(default_factory=Readings)
    findings: list[Finding] = field(default_factory=list)
    """Mapping errors: nothing may be written."""
    texts: dict[str, str] = field(default_factory=dict)
    """The new text of each report that changes, by path relative to the repository."""
    merged: dict[str, Merged] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    refused: list[tuple[Item, str]] = field(default_factory=list)
    """Values the check would reject with the reports written, and why: written nowhere."""


def report_path(agreement: str) -> str:
    """Where an agreement's report is, relative to the repository."""
    return f"records/reports/{agreement}.yaml"


def _existing(settings: Settings, path: str) -> str | None:
    try:
        with open(os.path.join(settings.root, *path.split("/")), "rb") as handle:
            return handle.read().decode("utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError):
        raise SourceError(f"{path} cannot be read: run 'brm check' and correct it") from None


def _items(readings: Readings) -> list[Item]:
    """Results and notes by agreement and period, in the order the source gave them."""
    items: list[Item] = [*readings.results, *readings.notes]
    return sorted(items, key=lambda item: item.agreement)


def _merge_all(
    settings: Settings, items: Sequence[Item], replace: bool
) -> tuple[dict[str, Merged], list[Draft]]:
    kind = KIND_BY_NAME["report"]
    merged: dict[str, Merged] = {}
    drafts = []
    for agreement in sorted({item.agreement for item in items}):
        path = report_path(agreement)
        own = [item for item in items if item.agreement == agreement]
        merged[path] = merge_report(_existing(settings, path), path, agreement, own, replace)
        text = merged[path].text
        if text is not None:
            drafts.append(Draft(kind, agreement, path, text))
    return merged, drafts


def _checked(
    settings: Settings, result: MeasurementsImport, items: list[Item], replace: bool
) -> None:
    """Keep only the values the real check accepts, and the reports' texts with them."""
    last: dict[str, Merged] = {}

    def render(kept: Sequence[int]) -> list[Draft]:
        merged, drafts = _merge_all(settings, [items[i] for i in kept], replace)
        last.clear()
        last.update(merged)
        return drafts

    def row_of(finding: Finding, kept: Sequence[int]) -> int | None:
        merged, index = last.get(finding.path), item_of(finding)
        if merged is None or index is None:
            return None
        own = [i for i in kept if report_path(items[i].agreement) == finding.path]
        hits = [i for n, i in enumerate(own) if merged.positions[n] == index]
        named = [i for i in hits if f".{_what(items[i])}" in finding.field]
        return (named or hits)[0] if hits else None

    admitted = admit_rows(settings, list(range(len(items))), render, row_of)
    for index, reasons in admitted.refused.items():
        result.refused += [(items[index], reason) for reason in reasons]
    kept = [i for i in range(len(items)) if i not in admitted.refused]
    result.merged, _ = _merge_all(settings, [items[i] for i in kept], replace)
    result.texts = {d.path: d.text for d in admitted.drafts}
    result.conflicts = [c for m in result.merged.values() for c in m.conflicts]


def _what(item: Item) -> str:
    return item.service_level if isinstance(item, Result) else "notes"


def _agreements(settings: Settings) -> dict[str, Agreement]:
    repo, _ = load_repository(settings)
    return {aid: entry.record for aid, entry in repo.agreements.items()}


def plan_measurements_import(
    settings: Settings,
    file: str,
    source: str,
    mapping: LoadedMeasurementsMapping | None = None,
    replace: bool = False,
    encoding: str | None = None,
) -> MeasurementsImport:
    """What importing ``file`` as ``source`` writes (nothing is written); SourceError when
    the file cannot be read as that source or a report cannot be merged into."""
    agreements = _agreements(settings)
    if mapping is not None:
        findings = against_agreements(mapping, agreements)
        if findings:
            return MeasurementsImport(findings=findings)
    context = SourceContext(agreements, mapping, encoding)
    result = MeasurementsImport(READERS[source].read(file, context))
    result.findings = result.readings.findings
    items = _items(result.readings) if not result.findings else []
    if items:
        _checked(settings, result, items, replace)
    return result
