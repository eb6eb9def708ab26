"""The ``brm`` command line: the only module that parses arguments, prints or exits."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Sequence

from . import __version__
from .check import CheckResult, check
from .findings import Finding
from .reporters import render_github, render_json, render_markdown, render_text
from .schemas import schema_texts
from .settings import Settings, load_config

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A problem with how brm was called or configured (exit code 2)."""


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date: use YYYY-MM-DD") from None


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--root",
        default=".",
        metavar="PATH",
        help="the records repository (default: the current directory)",
    )
    parser.add_argument(
        "--today",
        type=_date,
        metavar="YYYY-MM-DD",
        help="the date to check against (default: the clock)",
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="brm", description="Records-as-code for IT Business Relationship Management."
    )
    parser.add_argument("--version", action="version", version=f"brm {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    p = sub.add_parser(
        "check",
        help="validate every record and report findings",
        description="Validate every record under records/ and report findings "
        "with file, line and field.",
    )
    _add_common(p)
    p.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="text for people, json for tools, github for Actions annotations",
    )
    p.add_argument("--strict", action="store_true", help="warnings fail the check too")
    p = sub.add_parser(
        "schemas",
        help="write or verify the JSON Schemas in schemas/",
        description="Write schemas/*.schema.json from the models, or with "
        "--check report whether the committed files differ.",
    )
    p.add_argument("--out", default="schemas", metavar="DIR", help="where to write them")
    p.add_argument("--check", action="store_true", help="only compare, write nothing")
    return parser


def settings_from(args: argparse.Namespace) -> tuple[Settings, list[Finding]]:
    """Build the frozen settings from the flags and brm.yaml."""
    root = os.path.abspath(args.root)
    if not os.path.isdir(os.path.join(root, "records")):
        raise UsageError(
            f"no records/ folder in {args.root}: run brm in a records "
            "repository or pass --root PATH"
        )
    config, problems = load_config(root)
    today = args.today or dt.date.today()
    return Settings(
        root=root, today=today, config=config, strict=getattr(args, "strict", False)
    ), problems


class _Lines:
    """Reads source lines for the text reporter, one file at a time."""

    def __init__(self, root: str) -> None:
        self.root = root
        self.cache: dict[str, list[str]] = {}

    def __call__(self, path: str, line: int) -> str | None:
        if path not in self.cache:
            try:
                with open(
                    os.path.join(self.root, path), encoding="utf-8-sig", errors="replace"
                ) as handle:
                    self.cache = {path: handle.read().splitlines()}
            except OSError:
                self.cache = {path: []}
        lines = self.cache[path]
        return lines[line - 1] if 0 < line <= len(lines) else None


def _report(result: CheckResult, fmt: str, root: str) -> None:
    if fmt == "json":
        sys.stdout.write(render_json(result))
    elif fmt == "github":
        sys.stdout.write(render_github(result))
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:
            with open(summary, "a", encoding="utf-8") as handle:
                handle.write(render_markdown(result))
    else:
        sys.stdout.write(render_text(result, _Lines(root)))


def cmd_check(args: argparse.Namespace) -> int:
    """brm check."""
    settings, config_findings = settings_from(args)
    result = check(settings, config_findings)
    _report(result, args.format, settings.root)
    return EXIT_FINDINGS if result.failed(settings.strict) else EXIT_OK


def cmd_schemas(args: argparse.Namespace) -> int:
    """brm schemas."""
    stale = []
    for name, text in schema_texts().items():
        path = os.path.join(args.out, name)
        try:
            with open(path, encoding="utf-8") as handle:
                current = handle.read()
        except OSError:
            current = None
        if current != text:
            stale.append(path)
            if not args.check:
                os.makedirs(args.out, exist_ok=True)
                with open(path, "w", encoding="utf-8") as handle:
                    handle.write(text)
    if args.check and stale:
        print(
            "schemas differ from the models: run 'brm schemas' and commit\n  " + "\n  ".join(stale),
            file=sys.stderr,
        )
        return EXIT_FINDINGS
    return EXIT_OK


COMMANDS = {"check": cmd_check, "schemas": cmd_schemas}


def main(argv: Sequence[str] | None = None) -> int:
    """Run brm with ``argv`` and return the exit code."""
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except UsageError as exc:
        print(f"brm: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
