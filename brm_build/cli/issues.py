"""``brm issues``: one issue per attention item on GitHub or GitLab, opened, kept up to date
and closed when the item clears. Part of the CLI layer with ``cli``: it parses the
arguments, writes the output and returns the exit code."""

from __future__ import annotations

import argparse
import json
import os
import sys

from ..attention.hosts import Host, HostError, host_from
from ..attention.issues import LABEL, Change, ItemsError, plan
from ..escape.logline import printable
from ..exits import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from ..files import read_at_most

MAX_ITEMS_BYTES = 64 * 1024 * 1024
"""The largest items file read: far beyond the attention items of any organisation."""


def _days(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of days (0 or more)")
    return int(text)


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The ``issues`` subcommand."""
    p = sub.add_parser(
        "issues",
        help="open, update and close one issue per attention item on GitHub or GitLab",
        description="Read the items that brm attention --format json wrote and make the "
        f"open issues labelled {LABEL} match them: an issue for each item overdue (or due "
        "within --days), assigned to its customer's owners, updated when its text, due "
        "date or owners change, and closed when the item clears. Issues without brm's "
        "marker are never touched. The token is the CI job's own, from the environment.",
    )
    p.add_argument("items", metavar="ITEMS", help="the JSON of brm attention ('-': stdin)")
    p.add_argument("--host", choices=("github", "gitlab"), required=True, help="where")
    p.add_argument(
        "--days",
        type=_days,
        default=0,
        metavar="N",
        help="also open issues for items due within N days (default 0: overdue only)",
    )
    p.add_argument(
        "--dry-run", action="store_true", help="list the open issues and print the plan only"
    )


def _read(name: str) -> object:
    if name == "-":
        data = sys.stdin.buffer.read(MAX_ITEMS_BYTES + 1)
    else:
        try:
            data = read_at_most(name, MAX_ITEMS_BYTES + 1)
        except OSError as exc:
            raise ItemsError(f"cannot read {name}: {exc.strerror or exc}") from None
    if len(data) > MAX_ITEMS_BYTES:
        raise ItemsError("the items are larger than 64 MiB")
    try:
        return json.loads(data.decode("utf-8"))
    except ValueError as exc:  # UnicodeDecodeError too
        raise ItemsError(f"the items are not JSON: {exc}") from None


def _describe(change: Change) -> str:
    number = "" if change.number is None else f" #{change.number}"
    title = f": {change.issue.title}" if change.issue else ""
    return f"{change.action}{number} {change.key}{title}"


def _apply(host: Host, changes: list[Change]) -> int:
    """Carry out each change, going on past a refused one; EXIT_FINDINGS if any was."""
    failed = 0
    for change in changes:
        try:
            if change.action == "create" and change.issue is not None:
                number = host.create(change.issue)
                change = Change("create", change.key, number, change.issue)
            elif change.action == "update" and change.issue and change.number is not None:
                host.update(change.number, change.issue)
            elif change.number is not None:
                host.close(change.number)
        except HostError as exc:
            failed += 1
            print(f"brm: {printable(str(exc))}", file=sys.stderr)
            continue
        print(printable(_describe(change)))
    return EXIT_FINDINGS if failed else EXIT_OK


def run(args: argparse.Namespace) -> int:
    """Plan the issues from the items and the open issues, and carry the plan out."""
    try:
        document = _read(args.items)
        host = host_from(args.host, dict(os.environ))
        changes = plan(document, host.open_issues(), args.days)
    except (ItemsError, HostError) as exc:
        print(f"brm: {printable(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    if args.dry_run:
        for change in changes:
            print(printable("would " + _describe(change)))
        return EXIT_OK
    return _apply(host, changes)
