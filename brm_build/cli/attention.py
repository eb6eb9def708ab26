"""``brm attention``: what is due or overdue and what comes up. Part of the CLI layer with
``cli``: it parses the arguments, writes the output and returns the exit code."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from ..attention.items import Item, attention_items
from ..attention.render import DEFAULT_DAYS, render_json, render_markdown, render_text
from ..exits import EXIT_OK
from ..model.repository import Repository
from ..model.settings import Settings

FORMATS = ("text", "json", "markdown", "ics")


def _days(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of days (0 or more)")
    return int(text)


def add_parser(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    add_common: Callable[[argparse.ArgumentParser], None],
) -> None:
    """The ``attention`` subcommand."""
    p = sub.add_parser(
        "attention",
        help="list what is due or overdue and what comes up, by the check's rules",
        description="List agreement renewal notices, reviews and ends, open actions, open "
        "complaints and escalations, customers due a meeting, a business plan for the year "
        "or their next survey round: overdue first, then what comes up, each with a stable "
        "key, its customer's owners and the record's file and line. An agreement, action, "
        "feedback or meeting item is overdue exactly when brm check warns about it.",
    )
    add_common(p)
    p.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text for people, json (every item) for tools, markdown for a page or "
        "comment, ics (every dated item) for a calendar",
    )
    p.add_argument(
        "--owner",
        metavar="HANDLE",
        help="only the items of customers that this handle owns (owners in the customer)",
    )
    p.add_argument(
        "--days",
        type=_days,
        default=DEFAULT_DAYS,
        metavar="N",
        help=f"text and markdown: show what comes up within N days ({DEFAULT_DAYS})",
    )


def owned_by(items: list[Item], handle: str) -> list[Item]:
    """The items with ``handle`` among their owners (with or without its @)."""
    wanted = "@" + handle.removeprefix("@").casefold()
    return [i for i in items if wanted in (o.casefold() for o in i.owners)]


def run(args: argparse.Namespace, settings: Settings, repo: Repository) -> int:
    """Print the items in the format asked for."""
    items = attention_items(repo, settings.today, settings.config)
    if args.owner is not None:
        items = owned_by(items, args.owner)
    if args.format == "json":
        sys.stdout.write(render_json(items, settings.today))
    elif args.format == "markdown":
        sys.stdout.write(render_markdown(items, settings.today, args.days))
    elif args.format == "ics":
        from ..attention.ics import render_ics  # here: only the calendar needs icalendar

        sys.stdout.flush()
        sys.stdout.buffer.write(render_ics(items, settings.today))
    else:
        sys.stdout.write(render_text(items, settings.today, args.days))
    return EXIT_OK
