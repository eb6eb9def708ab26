"""``brm import survey FILE --map MAP [--dry-run]`` and ``brm import measurements FILE
--source NAME [--replace] [--dry-run]``: part of the CLI layer, which prints.

Every run prints a summary (rows read, responses written, rows skipped and why, files
written) and exits 0 when every row was converted or deliberately skipped, 1 when a row
could not be converted (written nowhere; the rest are), 2 for usage or mapping errors
(nothing written); a value that conflicts with the report's is listed and left, exit 1.
A respondent's comment is restricted: it is never printed."""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

from ..escape.logline import printable
from ..exits import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from ..findings import Finding, headline
from ..imports.measurement_mapping import LoadedMeasurementsMapping as Loaded
from ..imports.measurement_mapping import load_measurements_mapping
from ..imports.measurement_sources import READERS
from ..imports.measurements import MeasurementsImport, plan_measurements_import, report_path
from ..imports.readings import Result
from ..imports.survey import SurveyImport, plan_survey_import
from ..imports.tables import SourceError
from ..imports.writing import WriteRefused, write_all
from ..model.settings import Settings
from ..outputs import OutputError


class _Plan(Protocol):
    @property
    def findings(self) -> list[Finding]:
        """The mapping's errors: nothing may be written."""
        ...


P = TypeVar("P", bound=_Plan)


def _summary(result: SurveyImport, file: str, written: bool) -> list[str]:
    verb = "wrote" if written else "would write"
    lines = [
        f"{file}: {result.rows_read} row(s) read, {len(result.written)} response(s) "
        f"{'written' if written else 'to write'}, {len(result.skipped)} skipped, "
        f"{len({row for row, _ in result.problems})} not converted"
    ]
    lines += [printable(f"  {rows}: skipped: {why}") for rows, why in _by_reason(result.skipped)]
    if result.text is not None and result.written:
        lines.append(f"{verb} {result.path} ({len(result.written)} response(s) added)")
    elif not result.problems:
        lines.append(f"{result.path} is unchanged: nothing new to import")
    return lines


def _mapping_errors(findings: Sequence[Finding]) -> int:
    """Print a mapping's errors (nothing is written); the exit code."""
    for f in findings:
        print(printable(headline(f)), file=sys.stderr)
    print("brm: the mapping has errors: nothing was written", file=sys.stderr)
    return EXIT_USAGE


def _nothing_written(why: Exception) -> int:
    print(printable(f"brm: {why}; nothing was written"), file=sys.stderr)  # it may quote the file
    return EXIT_USAGE


def _planned(plan: Callable[[], P]) -> P | int:
    """A run's plan, or its exit code when the file cannot be read as its source or the
    mapping has errors (printed)."""
    try:
        result = plan()
    except SourceError as exc:
        return _nothing_written(exc)
    return _mapping_errors(result.findings) if result.findings else result


def _write(settings: Settings, texts: dict[str, str]) -> int | None:
    """Write every file of ``texts`` or none: the exit code when that is refused (printed)."""
    try:
        write_all(settings, texts)
    except (WriteRefused, OutputError) as exc:
        return _nothing_written(exc)
    return None


def _dry_lines(result: SurveyImport) -> list[str]:
    """The responses that would be added, the restricted comment left out."""
    out = []
    for row, values in sorted(result.written.items()):
        shown = ", ".join(
            f"{k}: {'(restricted)' if k == 'comment' else v}" for k, v in values.items()
        )
        out.append(printable(f"  + row {row}: {{{shown}}}"))
    return out


def cmd_import_survey(args: argparse.Namespace, settings: Settings) -> int:
    """brm import survey."""
    if not args.map:
        print("brm: brm import survey needs --map MAP (the mapping file)", file=sys.stderr)
        return EXIT_USAGE
    result = _planned(lambda: plan_survey_import(settings, args.file, args.map, args.encoding))
    if isinstance(result, int):
        return result
    for rows, reason in _by_reason(result.problems):
        print(printable(f"{args.file}: {rows}: {reason}"), file=sys.stderr)
    texts = {result.path: result.text} if result.text is not None and result.written else {}
    written = bool(texts) and not args.dry_run
    if written and (refused := _write(settings, texts)) is not None:
        return refused
    if args.dry_run:
        print("\n".join(_dry_lines(result)) or "  (no responses to add)")
    print("\n".join(_summary(result, args.file, written)))
    return EXIT_FINDINGS if result.problems else EXIT_OK


def _measurement_lines(result: MeasurementsImport, file: str, written: bool) -> list[str]:
    r = result.readings
    values = sum(m.added + m.replaced for m in result.merged.values())
    lines = [
        f"{file}: {r.rows_read} row(s) read, {values} value(s) "
        f"{'written' if written else 'to write'}, {len(r.skipped)} skipped, "
        f"{r.unmatched} unmatched, {len({row for row, _ in r.problems})} not converted"
    ]
    lines += [printable(f"  skipped {rows}: {why}") for rows, why in _by_reason(r.skipped)]
    for path, merged in sorted(result.merged.items()):
        if path in result.texts:
            verb = "wrote" if written else "would write"
            change = f"{merged.added} added, {merged.replaced} replaced"
            lines.append(f"{verb} {path} ({change}, {merged.unchanged} unchanged)")
        else:
            lines.append(f"{path} is unchanged: nothing new to import")
    return lines


def _rows(rows: Sequence[int], shown: int = 10) -> str:
    """Row numbers as a person reads them: a few, then how many more."""
    listed = ", ".join(str(n) for n in rows[:shown])
    more = f" and {len(rows) - shown} more" if len(rows) > shown else ""
    return f"row{'s' if len(rows) > 1 else ''} {listed}{more}"


def _by_reason(rows: Sequence[tuple[int, str]]) -> list[tuple[str, str]]:
    """The rows of each reason, in the order the reasons first come: one line for the
    thousands of rows that fail alike, as ``_rows`` names them."""
    by_reason: dict[str, list[int]] = {}
    for row, why in rows:
        by_reason.setdefault(why, []).append(row)
    return [(_rows(numbers), why) for why, numbers in by_reason.items()]


def _measurement_problems(result: MeasurementsImport, file: str) -> list[str]:
    lines = [f"{file}: row {row}: {why}" for row, why in result.readings.problems]
    for conflict in result.conflicts:
        item = conflict.item
        new = f"{item.value:g}" if isinstance(item, Result) else repr(item.text)
        lines.append(
            f"{report_path(item.agreement)}: {item.period} {conflict.what}: the report holds "
            f"{conflict.held}, {file} says {new} ({_rows(item.rows, 3)}): left as it is; "
            "import with --replace to take the file's"
        )
    for item, why in result.refused:
        lines.append(f"{file}: {_rows(item.rows, 3)}: not written: {why}")
    return [printable(line) for line in lines]


def _diff(settings: Settings, result: MeasurementsImport) -> list[str]:
    out: list[str] = []
    for path, text in sorted(result.texts.items()):
        try:
            with open(os.path.join(settings.root, *path.split("/")), encoding="utf-8") as handle:
                before = handle.read().splitlines(keepends=True)
        except FileNotFoundError:
            before = []
        after = text.splitlines(keepends=True)
        diff = difflib.unified_diff(before, after, f"a/{path}", f"b/{path}")
        out += [printable(line.rstrip("\r\n")) for line in diff]
    return out


def _source(args: argparse.Namespace, settings: Settings) -> tuple[str, Loaded | None] | int:
    """The source and mapping of a run, or its exit code when they are wrong (printed)."""
    loaded = None
    if args.map:
        loaded, findings = load_measurements_mapping(
            args.map, os.path.relpath(args.map, settings.root)
        )
        if loaded is None or findings:
            return _mapping_errors(findings)
        if args.source and args.source != loaded.mapping.source:
            print(
                f"brm: --source {args.source}, but the mapping is for {loaded.mapping.source}: "
                "name one",
                file=sys.stderr,
            )
            return EXIT_USAGE
        return loaded.mapping.source, loaded
    if args.source is None or READERS[args.source].needs_mapping:
        needs = "--map MAP (the mapping file)" if args.source else "--source csv, or --map MAP"
        print(f"brm: brm import measurements needs {needs}", file=sys.stderr)
        return EXIT_USAGE
    return args.source, loaded


def cmd_import_measurements(args: argparse.Namespace, settings: Settings) -> int:
    """brm import measurements."""
    chosen = _source(args, settings)
    if isinstance(chosen, int):
        return chosen
    source, loaded = chosen
    result = _planned(
        lambda: plan_measurements_import(
            settings, args.file, source, loaded, args.replace, args.encoding
        )
    )
    if isinstance(result, int):
        return result
    for line in _measurement_problems(result, args.file):
        print(line, file=sys.stderr)
    written = bool(result.texts) and not args.dry_run
    if written and (refused := _write(settings, result.texts)) is not None:
        return refused
    if args.dry_run:
        print("\n".join(_diff(settings, result)) or "  (nothing to change)")
    print("\n".join(_measurement_lines(result, args.file, written)))
    failed = result.readings.problems or result.conflicts or result.refused
    return EXIT_FINDINGS if failed else EXIT_OK
