"""``brm init``: start a records repository. Part of the CLI layer: it parses the options,
writes the repository through ``starter`` and says what to do next."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable

from ..exits import EXIT_OK, EXIT_USAGE
from ..starter import CI_FILES, StarterError, StarterPlan, write_starter
from .types import Subcommands


def add_parser(
    sub: Subcommands,
    date: Callable[[str], dt.date],
) -> None:
    """Register ``brm init``."""
    p = sub.add_parser(
        "init",
        help="start a records repository that checks clean and builds",
        description="Write a new records repository into DIR (a new or empty folder): "
        "brm.yaml with every setting explained, records/ with an example of each kind, "
        ".gitignore, schemas, editor settings, CI files, CODEOWNERS and a README for the "
        "people who write the records.",
    )
    p.add_argument("dir", nargs="?", default=".", metavar="DIR",
                   help="a new or empty folder (default: the current directory)")  # fmt: skip
    p.add_argument("--organisation", default="Our organisation", metavar="NAME",
                   help="the organisation's name, on every page of the site")  # fmt: skip
    p.add_argument("--ci", choices=tuple(CI_FILES), default="github",
                   help="the CI files to add, for GitHub or GitLab, or none (github)")  # fmt: skip
    p.add_argument("--empty", action="store_true",
                   help="no example records: only the folders")  # fmt: skip
    p.add_argument("--today", type=date, metavar="YYYY-MM-DD",
                   help="the date the examples are current on (default: the clock)")  # fmt: skip


def cmd_init(args: argparse.Namespace) -> int:
    """brm init."""
    name = args.organisation.strip()
    if not name or any(ord(c) < 32 for c in name):
        print("brm: --organisation needs a name on one line", file=sys.stderr)
        return EXIT_USAGE
    plan = StarterPlan(name, args.ci, not args.empty, args.today or dt.date.today())
    try:
        written = write_starter(args.dir, plan)
    except StarterError as exc:
        print(f"brm: {exc}", file=sys.stderr)
        return EXIT_USAGE
    records = sum(1 for path in written if path.startswith("records/"))
    where = "" if args.dir == "." else f" --root {args.dir}"
    print(
        f"wrote a records repository for {name} into {args.dir} ({len(written)} files, "
        f"{records} example records)\nnext: brm check{where}, then brm serve{where} to see "
        "the site; README.md says how to write records"
    )
    return EXIT_OK
