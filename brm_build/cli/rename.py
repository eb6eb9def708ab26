"""``brm rename KIND OLD NEW``: the command-line side of renaming. Part of the CLI layer: it
shows what the check finds in the repository as it would be after the rename, and writes
every changed file, or none when that check fails."""

from __future__ import annotations

import argparse
import os
import sys

from ..check import CheckResult, check_with
from ..check.reporters import render_text
from ..exits import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from ..findings import Severity
from ..model.repository import Repository
from ..model.settings import Settings
from ..outputs import replace_files
from ..quoting import Quotes
from ..renaming import RENAMEABLE, RenameError, Renaming, plan_rename
from ..trust import linked_part
from .types import AddCommon, Subcommands


def add_parser(sub: Subcommands, add_common: AddCommon) -> None:
    """Register ``brm rename``."""
    p = sub.add_parser(
        "rename",
        help="rename a record and every reference to it",
        description="Rename the record OLD of KIND to NEW: its file and id, and every "
        "reference to it in the other records, keeping their comments and layout. The "
        "whole check runs on the result first: when it finds errors, nothing is written.",
    )
    add_common(p)
    p.add_argument(
        "kind",
        choices=RENAMEABLE,
        metavar="KIND",
        help=", ".join(RENAMEABLE) + " (a report is renamed with its agreement)",
    )
    p.add_argument("old", metavar="OLD", help="the id the record has")
    p.add_argument("new", metavar="NEW", help="the id it is to have (no record may have it)")


def cmd_rename(args: argparse.Namespace, settings: Settings) -> int:
    """brm rename."""
    try:
        renaming = plan_rename(settings, args.kind, args.old, args.new)
    except RenameError as exc:
        print(f"brm: {exc}", file=sys.stderr)
        return EXIT_USAGE
    for edit in renaming.edits:
        link = linked_part(settings.root, edit.source.path)
        if link is not None:
            print(f"brm: {link} is a symbolic link: brm rename never writes through one",
                  file=sys.stderr)  # fmt: skip
            return EXIT_USAGE
    after = check_with(settings, [(e.source, e.text) for e in renaming.edits], renaming.removed)
    errors = [f for f in after.findings if f.severity is Severity.ERROR]
    if errors:
        limit = settings.config.limits.max_file_bytes
        quotes = Quotes(settings.root, limit, after.texts)
        sys.stderr.write(render_text(CheckResult(Repository(), errors, after.files), quotes))
        print(f"brm: nothing renamed: 'brm check' would fail afterwards with the {len(errors)} "
              "error(s) above; correct them and run again", file=sys.stderr)  # fmt: skip
        return EXIT_FINDINGS
    writes = [(e.source.abspath, e.text) for e in renaming.edits]
    removals = [os.path.join(settings.root, *p.split("/")) for p in renaming.removed]
    replace_files(writes, removals)
    _done(renaming, after.warnings)
    return EXIT_OK


def _done(renaming: Renaming, warnings: int) -> None:
    r = renaming
    for edit in r.edits:
        moved = f" (was {edit.moved_from})" if edit.moved_from else ""
        print(f"wrote {edit.source.path}{moved}")
    print(
        f"renamed {r.kind.name} '{r.old}' to '{r.new}': {r.references} reference(s) in "
        f"{sum(1 for e in r.edits if e.references)} file(s)"
    )
    if warnings:
        print(f"{warnings} warning(s) in the records: see 'brm check'")
