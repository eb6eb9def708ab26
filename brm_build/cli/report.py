"""``brm report``: the review pack of a customer or purchaser for a period. Part of the CLI
layer with ``cli``: it parses the arguments, writes the output and returns the exit code."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..exits import EXIT_OK, EXIT_USAGE
from ..extras import extra_problem
from ..model.repository import Repository
from ..model.settings import Settings
from ..outputs import write_bytes, write_text
from ..trust import linked_out
from .types import AddCommon, Subcommands

if TYPE_CHECKING:
    from ..report.document import Pack

FORMATS = ("markdown", "html", "pdf")
"""Every ``--format`` choice: the text formats, then the PDF."""
STDOUT_FORMATS = frozenset({"markdown"})


def _renderers() -> dict[str, Callable[[Pack], str]]:
    """The text formats by name, imported when a pack is made: the packs' code (analytics
    and all) is a fifth of the start of every other command."""
    from ..report import render_markdown
    from ..report.html import render_html

    return {"markdown": render_markdown, "html": render_html}


def add_parser(sub: Subcommands, add_common: AddCommon) -> None:
    """The ``report`` subcommand."""
    p = sub.add_parser(
        "report",
        help="write the review pack of a customer or purchaser for a period",
        description="Write the review pack that IT presents at the customer's review "
        "meeting: health, service levels, satisfaction, feedback, meetings, requirements, "
        "projects, plans, agreements and a proposed agenda, against the period before. "
        "A customer's pack rolls up its purchasers.",
    )
    p.add_argument("customer", metavar="CUSTOMER", help="the id of a customer or purchaser")
    p.add_argument(
        "--period",
        required=True,
        metavar="PERIOD",
        help="a quarter (2026-Q3), a month (2026-09) or a year (2026)",
    )
    p.add_argument(
        "--format",
        choices=FORMATS,
        default="markdown",
        help="markdown (stdout without --out), html (one self-contained file) or pdf (A4)",
    )
    p.add_argument(
        "--out", metavar="FILE", help="where to write the pack (Markdown: default stdout)"
    )
    p.add_argument(
        "--internal",
        action="store_true",
        help="add the restricted fields for IT's preparation; every page is marked internal",
    )
    add_common(p)


def run(args: argparse.Namespace, settings: Settings, repo: Repository) -> int:
    """Build the pack and write it where ``--out`` says (Markdown: stdout without it)."""
    from ..report import build_pack, parse_period
    from ..report.pdf import pdf_problem, render_pdf

    span = parse_period(args.period)
    if span is None:
        return _usage(f"'{args.period}' is not a period: use YYYY-Qn, YYYY-MM or YYYY")
    if args.customer not in repo.customers:
        return _usage(f"no customer or purchaser '{args.customer}' in records/customers/")
    if args.out is None and args.format not in STDOUT_FORMATS:
        return _usage(f"--format {args.format} needs --out FILE")
    if args.out is not None and (link := linked_out(args.out, settings.root)) is not None:
        return _usage(link)
    drawn = args.format != "markdown"  # the charts are drawn with the site's matplotlib
    if drawn and (problem := extra_problem(f"brm report --format {args.format}")) is not None:
        return _usage(problem)
    if args.format == "pdf" and (problem := pdf_problem()) is not None:
        return _usage(problem)
    pack = build_pack(repo, settings, args.customer, span, internal=args.internal)
    if args.out is None:
        sys.stdout.write(_renderers()[args.format](pack))
        return EXIT_OK
    if args.format == "pdf":
        write_bytes(args.out, render_pdf(pack))
    else:
        write_text(args.out, _renderers()[args.format](pack))
    print(f"wrote the {args.format} pack of {args.customer} for {span.label} to {args.out}")
    return EXIT_OK


def _usage(message: str) -> int:
    print(f"brm: {message}", file=sys.stderr)
    return EXIT_USAGE
