"""``brm new <kind>``: the command-line side of scaffolding. Part of the CLI layer: it
parses the options, asks on a terminal for what is missing, shows what the check finds
in the repository as it would be with the new record, and writes it only if that passes."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace

from ..check.reporters import render_text
from ..exits import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from ..model.settings import Settings
from ..outputs import create_text
from ..quoting import Quotes
from ..scaffold import OPTIONS, Draft, Option, Values, ask_again, draft, fill, missing, trial
from ..trust import linked_part
from .types import AddCommon, Subcommands


def add_parser(sub: Subcommands, add_common: AddCommon) -> None:
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
    terminal = sys.stdin.isatty()
    while True:
        if terminal:
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
        new, problems = draft(kind, values)
        if new is None:
            for problem in problems:
                print(f"brm: {problem.text}", file=sys.stderr)
            again = ask_again(kind, problems, [], "")
            if terminal and again and _asked_again(again, values):
                continue
            return EXIT_USAGE
        if kind == "meeting" and values.get("pack"):
            with_notes = _with_pack(new, values, settings)
            if with_notes is None:
                return EXIT_USAGE
            new = with_notes
        code, again = _write(new, settings, terminal)
        if not (terminal and again and _asked_again(again, values)):
            return code


def _with_pack(new: Draft, values: Values, settings: Settings) -> Draft | None:
    """``new`` with the agenda of the pack for ``--pack PERIOD`` of its first customer
    in its notes; None (said why) when the period or the customer is unknown or the
    records have errors."""
    from ..check import check
    from ..report import build_pack, parse_period
    from ..report.markdown import meeting_notes

    period = str(values["pack"])
    span = parse_period(period)
    units = values.get("customer") or []
    unit = units[0] if isinstance(units, list) and units else str(units)
    result = check(settings)
    problem = None
    if span is None:
        problem = f"--pack '{period}' is not a period: use YYYY-Qn, YYYY-MM or YYYY"
    elif unit not in result.repository.customers:
        problem = f"--pack needs a known --customer: no customer or purchaser '{unit}'"
    elif result.errors:
        problem = "--pack needs records without errors: run brm check"
    if problem is not None or span is None:
        print(f"brm: {problem}", file=sys.stderr)
        return None
    pack = build_pack(result.repository, settings, unit, span)
    command = f"brm report {unit} --period {span.label} --format pdf --out {unit}-{span.label}.pdf"
    return replace(new, text=new.text + meeting_notes(pack, command))


def _asked_again(options: list[Option], values: Values) -> bool:
    """Ask again for the answers the check refused (an empty answer leaves an optional
    value out); False when the input ends."""
    print("answer again (the other answers are kept):", file=sys.stderr)
    for option in options:
        values.pop(option.name, None)
        answer = _ask(option)
        if answer is None:
            print("\nbrm: the input ended: nothing written", file=sys.stderr)
            return False
        if answer:
            values[option.name] = answer
    return True


def _write(new: Draft, settings: Settings, terminal: bool) -> tuple[int, list[Option]]:
    """Write ``new`` if the check passes with it in the repository; show what it finds.
    Refused on a terminal, also the options whose answers to ask again."""
    link = linked_part(settings.root, new.path)
    if link is not None:
        print(f"brm: {link} is a symbolic link: brm new never writes through one", file=sys.stderr)
        return EXIT_USAGE, []
    target = os.path.join(settings.root, new.path)
    if os.path.lexists(target):
        print(f"brm: a {new.kind.name} '{new.id}' exists already: brm new never overwrites",
              file=sys.stderr)  # fmt: skip
        return EXIT_USAGE, [o for o in OPTIONS[new.kind.name] if o.name in ("id", "slug")]
    verdict = trial(settings, new)
    if verdict.findings:
        limit = settings.config.limits.max_file_bytes
        quotes = Quotes(settings.root, limit, verdict.texts)
        sys.stderr.write(render_text(verdict.result, quotes))
    if verdict.refused:
        again = ask_again(new.kind.name, [], verdict.findings, new.path)
        if again and terminal:
            return EXIT_FINDINGS, again
        print(
            f"brm: {new.path} not written: 'brm check' would fail with it; "
            "correct the values above and run again",
            file=sys.stderr,
        )
        return EXIT_FINDINGS, []
    if not create_text(target, new.text):
        print(f"brm: {new.path} exists already: brm new never overwrites", file=sys.stderr)
        return EXIT_USAGE, []
    print(f"wrote {new.path}")
    return EXIT_OK, []
