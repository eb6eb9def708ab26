"""``brm import survey FILE --map MAP [--dry-run]``: part of the CLI layer, which prints.

Every run prints a summary (rows read, responses written, rows skipped and why, files
written) and exits 0 when every row was converted or deliberately skipped, 1 when a row
could not be converted (written nowhere; the rest are), 2 for usage or mapping errors
(nothing written). A respondent's comment is restricted: it is never printed."""

from __future__ import annotations

import argparse
import sys

from ..escape.logline import printable
from ..exits import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from ..findings import Finding
from ..imports.survey import SurveyImport, plan_survey_import
from ..imports.tables import SourceError
from ..imports.writing import WriteRefused, write_all
from ..model.settings import Settings
from ..outputs import OutputError


def _summary(result: SurveyImport, file: str, written: bool) -> list[str]:
    verb = "wrote" if written else "would write"
    lines = [
        f"{file}: {result.rows_read} row(s) read, {len(result.written)} response(s) "
        f"{'written' if written else 'to write'}, {len(result.skipped)} skipped, "
        f"{len({row for row, _ in result.problems})} not converted"
    ]
    lines += [printable(f"  row {row}: skipped: {why}") for row, why in result.skipped]
    if result.text is not None and result.written:
        lines.append(f"{verb} {result.path} ({len(result.written)} response(s) added)")
    elif not result.problems:
        lines.append(f"{result.path} is unchanged: nothing new to import")
    return lines


def _finding(f: Finding) -> str:
    where = f" (at {f.field})" if f.field else ""
    return printable(f"{f.path}:{f.line}:{f.column}: {f.severity}[{f.code}]: {f.message}{where}")


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
    try:
        result = plan_survey_import(settings, args.file, args.map, args.encoding)
    except SourceError as exc:
        print(f"brm: {exc}; nothing was written", file=sys.stderr)
        return EXIT_USAGE
    if result.findings:
        for f in result.findings:
            print(_finding(f), file=sys.stderr)
        print("brm: the mapping has errors: nothing was written", file=sys.stderr)
        return EXIT_USAGE
    for row, reason in result.problems:
        print(printable(f"{args.file}: row {row}: {reason}"), file=sys.stderr)
    written = False
    if result.text is not None and result.written and not args.dry_run:
        try:
            write_all(settings, {result.path: result.text})
        except (WriteRefused, OutputError) as exc:
            print(f"brm: {exc}; nothing was written", file=sys.stderr)
            return EXIT_USAGE
        written = True
    if args.dry_run:
        print("\n".join(_dry_lines(result)) or "  (no responses to add)")
    print("\n".join(_summary(result, args.file, written)))
    return EXIT_FINDINGS if result.problems else EXIT_OK
