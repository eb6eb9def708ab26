"""``brm new <kind>``: the command-line side of scaffolding. Part of the CLI layer: it
parses the options, asks on a terminal for what is missing and writes the file."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable

from .outputs import create_text
from .repository import load_repository
from .scaffold import OPTIONS, Option, Values, draft, fill, missing
from .settings import Settings
from .sources import linked_part

EXIT_OK, EXIT_USAGE = 0, 2


def add_parser(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    add_common: Callable[[argparse.ArgumentParser], None],
) -> None:
    """Register ``brm new`` with a subcommand per kind that it can write."""
    p = sub.add_parser(
        "new",
        help="write a new record from the command line",
        description="Write a new record that passes 'brm check'. Give the values as "
        "options; on a terminal brm asks for the required ones that are missing.",
    )
    kinds = p.add_subparsers(dest="kind", required=True, metavar="KIND")
    for kind, options in OPTIONS.items():
        k = kinds.add_parser(kind, help=f"a new {kind} record", description=f"Write a new {kind}.")
        add_common(k)
        for option in options:
            required = " (required)" if option.required is True else ""
            if option.name == "id":
                k.add_argument("id", nargs="?", metavar="ID", help=option.prompt + required)
                continue
            k.add_argument(
                option.flag,
                dest=option.name,
                action="append" if option.many else "store",
                choices=option.choices or None,
                metavar=None if option.choices else option.name.split("_")[-1].upper(),
                help=option.prompt + (" (repeat for several)" if option.many else "") + required,
            )


def _ask(option: Option) -> str | list[str] | None:
    """Ask on the terminal; None when the input ends."""
    hint = f" [{'/'.join(option.choices)}]" if option.choices else ""
    hint += " (separate several with commas)" if option.many else ""
    try:
        answer = input(f"{option.prompt}{hint}: ").strip()
    except EOFError:
        return None
    if option.choices and answer and answer not in option.choices:
        print(f"  choose one of {', '.join(option.choices)}", file=sys.stderr)
        return ""
    return [answer] if option.many and answer else answer


def cmd_new(args: argparse.Namespace, settings: Settings) -> int:
    """brm new."""
    kind: str = args.kind
    values: Values = {
        o.name: getattr(args, o.name) for o in OPTIONS[kind] if getattr(args, o.name, None)
    }
    if missing(kind, values) and sys.stdin.isatty():
        values = fill(kind, values, _ask)
    todo = missing(kind, values)
    if todo:
        flags = ", ".join("ID" if o.name == "id" else o.flag for o in todo)
        print(
            f"brm: new {kind} needs {flags}: give them on the command line "
            "(brm asks for them only on a terminal)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    repository, _ = load_repository(settings)
    new, problems = draft(kind, values, repository)
    if new is None:
        for problem in problems:
            print(f"brm: {problem}", file=sys.stderr)
        return EXIT_USAGE
    link = linked_part(settings.root, new.path)
    if link is not None:
        print(f"brm: {link} is a symbolic link: brm new never writes through one", file=sys.stderr)
        return EXIT_USAGE
    if not create_text(os.path.join(settings.root, new.path), new.text):
        print(f"brm: {new.path} exists already: brm new never overwrites", file=sys.stderr)
        return EXIT_USAGE
    print(f"wrote {new.path}")
    return EXIT_OK
