"""``brm import service-levels FILE [--agreement ID] [--dry-run]``: part of the CLI layer,
which prints. Exit 0 when the service levels were written (or nothing changes), 1 when
the check refuses the agreements as they would be, 2 when the file cannot be read as
OpenSLO or names no agreement there is; in both of the latter, nothing is written."""

from __future__ import annotations

import argparse
import sys

from ..escape.logline import printable
from ..exits import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from ..findings import headline
from ..imports.agreement_merge import LevelChange
from ..imports.service_levels import ServiceLevelImport, plan_service_level_import
from ..imports.tables import SourceError
from ..imports.writing import WriteRefused, write_all
from ..outputs import OutputError
from ..settings import Settings


def _change(change: LevelChange) -> str:
    level = change.level
    if change.added:
        return printable(
            f"  + {level.id}: {level.metric}: at least {level.target} percent per {level.period}"
        )
    fields = "; ".join(f"{name} {before!r} -> {after!r}" for name, before, after in change.fields)
    return printable(f"  ~ {level.id}: {fields}")


def _summary(result: ServiceLevelImport, file: str, written: bool) -> list[str]:
    slos = sum(len(c) for c in result.changes.values())
    ignored = sum(result.ignored.values())
    kinds = f" ({', '.join(sorted(result.ignored))})" if ignored else ""
    lines = [
        f"{file}: {result.documents} document(s) read, {ignored} of other kinds ignored{kinds}, "
        f"{slos} service level(s) {'changed' if written else 'to change'}"
    ]
    for path, changes in sorted(result.changes.items()):
        if path in result.texts:
            lines.append(f"{'wrote' if written else 'would write'} {path}")
            lines += [_change(c) for c in changes]
        else:
            lines.append(f"{path} is unchanged: its service levels are as the file says")
    return lines


def cmd_import_service_levels(args: argparse.Namespace, settings: Settings) -> int:
    """brm import service-levels."""
    if args.map:
        print("brm: --map is not for 'brm import service-levels': name the agreement with "
              "--agreement ID", file=sys.stderr)  # fmt: skip
        return EXIT_USAGE
    try:
        result = plan_service_level_import(settings, args.file, args.agreement, args.encoding)
    except SourceError as exc:
        print(printable(f"brm: {exc}; nothing was written"), file=sys.stderr)
        return EXIT_USAGE
    for f in result.findings:
        print(printable(headline(f)), file=sys.stderr)
    if result.errors:
        print(f"brm: {args.file} cannot be imported: nothing was written", file=sys.stderr)
        return EXIT_USAGE
    if result.refused:
        for f in result.refused:
            print(printable(headline(f)), file=sys.stderr)
        print("brm: 'brm check' would fail with these service levels: nothing was written",
              file=sys.stderr)  # fmt: skip
        return EXIT_FINDINGS
    written = bool(result.texts) and not args.dry_run
    if written:
        try:
            write_all(settings, result.texts)
        except (WriteRefused, OutputError) as exc:
            print(printable(f"brm: {exc}; nothing was written"), file=sys.stderr)
            return EXIT_USAGE
    print("\n".join(_summary(result, args.file, written)))
    if args.dry_run:
        print("dry run: nothing written")
    return EXIT_OK
