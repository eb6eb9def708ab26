"""``brm import survey FILE --map MAP``: a forms tool's export becomes the responses of
``records/surveys/<survey>.yaml`` (imports.md), worked out without writing anything."""

from __future__ import annotations

import difflib
import os
from collections.abc import Sequence
from dataclasses import dataclass, field

import yaml

from ..findings import Finding, error
from ..model import KIND_BY_NAME, Survey
from ..model.settings import Settings
from ..repository import load_repository
from ..scaffold import Draft
from ..yamlevents import SAFE_LOADER
from .answers import Matcher, RowProblem, RowSkipped, Value
from .mapping import LoadedMapping, against_survey, load_mapping
from .merge import append_responses, new_survey
from .responses import responses
from .sources import READERS, SourceTable
from .tables import SourceError
from .writing import admit_rows, item_of


@dataclass
class SurveyImport:
    """What an import would write, row by row (rows numbered as a spreadsheet shows them)."""

    path: str
    """The survey file, relative to the repository."""
    findings: list[Finding] = field(default_factory=list)
    """Mapping errors: nothing may be written."""
    rows_read: int = 0
    written: dict[int, dict[str, Value]] = field(default_factory=dict)
    skipped: list[tuple[int, str]] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)
    text: str | None = None
    """The survey file's new text; None when nothing changes."""


def _existing(abspath: str, path: str) -> str | None:
    try:
        with open(abspath, "rb") as handle:
            return handle.read().decode("utf-8-sig")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError):
        raise SourceError(f"{path} cannot be read: run 'brm check' and correct it") from None


def _held_by(survey: Survey) -> tuple[str | None, set[str], int]:
    """The period, the refs and the number of responses of a valid survey."""
    return survey.period, {r.ref for r in survey.responses if r.ref}, len(survey.responses)


def _held(text: str, path: str) -> tuple[str | None, set[str], int]:
    """The period, the refs and the number of responses of an existing survey that is not
    a valid record (a valid one is read as the repository holds it: ``_held_by``)."""
    try:
        data = yaml.load(text, Loader=SAFE_LOADER)
    except yaml.YAMLError:
        data = None
    if not isinstance(data, dict) or not isinstance(data.get("responses", []), list):
        raise SourceError(f"{path} cannot be read as a survey: run 'brm check' and correct it")
    responses = data.get("responses") or []
    refs = {str(r["ref"]) for r in responses if isinstance(r, dict) and r.get("ref")}
    period = data.get("period")
    return (str(period) if period is not None else None), refs, len(responses)


def _missing(loaded: LoadedMapping, matcher: Matcher) -> list[Finding]:
    findings = []
    for name, column in matcher.missing:
        close = difflib.get_close_matches(column, matcher.source.table.columns, n=1)
        hint = f": did you mean '{close[0]}'?" if close else ": correct the column name"
        line = loaded.line_of("columns", name)
        message = f"the file has no column '{column}'{hint}"
        findings.append(error("mapping-column", loaded.path, line, 1, f"columns.{name}", message))
    return findings


def _unmapped(loaded: LoadedMapping, matcher: Matcher) -> list[Finding]:
    first: dict[tuple[str, str], int] = {}
    for u in matcher.unmapped:
        first.setdefault((u.field, u.answer), u.row)
    findings = []
    for (name, answer), row in first.items():
        given = getattr(loaded.mapping.values, name) is not None
        line = loaded.line_of("values", name) if given else loaded.line_of("values")
        message = f"the answer '{answer}' (row {row} and maybe others) has no mapping: add it"
        findings.append(error("mapping-value", loaded.path, line, 1, f"values.{name}", message))
    return findings


def _convert(result: SurveyImport, matcher: Matcher, held: set[str]) -> None:
    first: dict[str, int] = {}
    """The row of each ref this import adds."""
    rows = matcher.source.table.rows
    for row, values in zip(rows, responses(matcher, rows), strict=True):
        result.rows_read += 1
        if isinstance(values, RowSkipped):
            result.skipped.append((row.number, str(values)))
            continue
        if isinstance(values, RowProblem):
            result.problems.append((row.number, str(values)))
            continue
        ref = str(values["ref"])
        if ref in held:
            result.skipped.append((row.number, "imported before (its ref is in the survey)"))
        elif ref in first:
            result.skipped.append((row.number, f"the same response as row {first[ref]}"))
        else:
            first[ref] = row.number
            result.written[row.number] = values


def _render(
    loaded: LoadedMapping, result: SurveyImport, before: str | None, rows: Sequence[int]
) -> str:
    responses = [result.written[r] for r in rows]
    if before is not None:
        return append_responses(before, result.path, responses)
    m = loaded.mapping
    return new_survey(m.title or m.survey, m.period, m.closed, responses)


def _checked(
    settings: Settings, loaded: LoadedMapping, result: SurveyImport, before: str | None, base: int
) -> None:
    """Keep only the rows the real check accepts, and the text with them."""
    kind = KIND_BY_NAME["survey"]
    rows = sorted(result.written)

    def render(kept: Sequence[int]) -> list[Draft]:
        return [
            Draft(kind, loaded.mapping.survey, result.path, _render(loaded, result, before, kept))
        ]

    def row_of(finding: Finding, kept: Sequence[int]) -> int | None:
        item = item_of(finding) if finding.path == result.path else None
        return kept[item - base] if item is not None and 0 <= item - base < len(kept) else None

    admitted = admit_rows(settings, rows, render, row_of)
    for row, reasons in admitted.refused.items():
        result.problems += [(row, reason) for reason in reasons]
        result.written.pop(row, None)
    result.problems.sort(key=lambda p: p[0])
    result.text = admitted.drafts[0].text if admitted.drafts else None


def plan_survey_import(
    settings: Settings, file: str, map_file: str, encoding: str | None = None
) -> SurveyImport:
    """What importing ``file`` (in ``encoding``, default UTF-8) with the mapping
    ``map_file`` writes (nothing is written); SourceError when the file cannot be read as
    its source."""
    loaded, findings = load_mapping(map_file, os.path.relpath(map_file, settings.root))
    if loaded is None or findings:
        return SurveyImport("", findings)
    m = loaded.mapping
    result = SurveyImport(f"records/surveys/{m.survey}.yaml")
    source: SourceTable = READERS[m.source](file, encoding)
    repo, _ = load_repository(settings)
    customers = {cid: e.record for cid, e in repo.customers.items()}
    services = {sid: e.record for sid, e in repo.services.items()}
    matcher = Matcher(loaded, source, customers, services)
    result.findings = _missing(loaded, matcher)
    before = _existing(os.path.join(settings.root, *result.path.split("/")), result.path)
    held: set[str] = set()
    base = 0
    period = None
    if before is not None:
        entry = repo.surveys.get(m.survey)
        period, held, base = (
            _held_by(entry.record) if entry is not None else _held(before, result.path)
        )
    del repo  # what the import needs of it is taken: not held through the check
    result.findings += against_survey(loaded, before is not None, period)
    if result.findings:
        return result
    _convert(result, matcher, held)
    result.findings = _unmapped(loaded, matcher)
    del matcher, source  # the export's rows are done with: not held through the check
    if not result.findings and result.written:
        _checked(settings, loaded, result, before, base)
    return result
