"""The ``brm`` command line: the only module that parses arguments, prints or exits."""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import signal
import sys
from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING

from .. import __version__
from ..check import CheckResult, check_findings, check_records
from ..check.reporters import REPORTERS, render_markdown, render_text
from ..escape.logline import printable
from ..exits import EXIT_FINDINGS, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE
from ..extras import extra_problem
from ..findings import Finding, sorted_findings
from ..model.repository import Repository
from ..model.settings import CacheSettings, Settings
from ..outputs import OutputError, cannot_write, make_folder, write_text
from ..progress import Progress, shows_progress
from ..quoting import Quotes
from ..settings import CONFIG_FILE, read_config
from ..trust import cache_problem, linked_out
from .types import Subcommands

if TYPE_CHECKING:
    from .workflow import Command


class UsageError(Exception):
    """A problem with how brm was called or configured (exit code 2)."""


class ConfigError(UsageError):
    """brm.yaml is invalid: its findings are reported and no record is checked (exit 2)."""

    def __init__(self, root: str, findings: list[Finding]) -> None:
        super().__init__(f"{CONFIG_FILE} is invalid: correct it, then run brm again")
        self.root = root
        self.findings = findings


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
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="read and validate every record afresh, without .brm-cache/",
    )


def _address(text: str) -> str:
    from ..site.address import parse_address

    try:
        parse_address(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of 1 or more")
    return int(text)


def _add_demo_parser(sub: Subcommands) -> None:
    from ..demo import DEFAULT_TODAY

    p = sub.add_parser(
        "demo",
        help="write a synthetic, valid organisation of any size",
        description="Write a records repository of N demo companies (each 50 business "
        "units, 10 services, 30 agreements with monthly reports, 200 meetings, 200 survey "
        "responses, 10 projects, 15 feedback records). The same seed and date give the "
        "same files; check them with --today set to the same date.",
    )
    p.add_argument("--out", required=True, metavar="DIR", help="a new or empty folder")
    p.add_argument("--scale", type=_positive, default=1, metavar="N", help="companies (1)")
    p.add_argument("--seed", type=int, default=1, help="random seed (1)")
    p.add_argument(
        "--today",
        type=_date,
        default=DEFAULT_TODAY,
        metavar="YYYY-MM-DD",
        help=f"the date the records are current on (default: {DEFAULT_TODAY})",
    )


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or with ``command`` one of those this module defines,
    of that command alone: it parses that command's arguments as the whole parser does,
    without importing the modules of the others."""
    parser = argparse.ArgumentParser(
        prog="brm", description="Records-as-code for IT Business Relationship Management."
    )
    parser.add_argument("--version", action="version", version=f"brm {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    own = [add for name, add in _OWN_PARSERS if name == command]
    for add in own or [add for _, add in _OWN_PARSERS]:
        add(sub)
    if not own:
        _add_other_parsers(sub)
    return parser


def _add_check_parser(sub: Subcommands) -> None:
    p = sub.add_parser(
        "check",
        help="validate every record and report findings",
        description="Validate every record under records/ and report findings "
        "with file, line and field.",
    )
    _add_common(p)
    p.add_argument(
        "--format",
        choices=tuple(REPORTERS),
        default="text",
        help=", ".join(f"{name} {reporter.purpose}" for name, reporter in REPORTERS.items()),
    )
    p.add_argument("--strict", action="store_true", help="warnings fail the check too")


def _add_stats_parser(sub: Subcommands) -> None:
    p = sub.add_parser(
        "stats",
        help="print satisfaction, service-level and relationship-health figures",
        description="Print CSAT and NPS by period (organisation, customer, service, "
        "respondent role), service-level attainment per agreement and relationship "
        "health per customer. Errors in the records stop it, as they stop check.",
    )
    _add_common(p)
    p.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text: aligned tables for people; json: every figure for BI tools",
    )


def _add_schemas_parser(sub: Subcommands) -> None:
    p = sub.add_parser(
        "schemas",
        help="write or verify the JSON Schemas in schemas/",
        description="Write schemas/*.schema.json from the models, or with "
        "--check report whether the committed files differ.",
    )
    p.add_argument("--out", default="schemas", metavar="DIR", help="where to write them")
    p.add_argument("--check", action="store_true", help="only compare, write nothing")


def _add_other_parsers(sub: Subcommands) -> None:
    """The parsers of the commands that other modules of the CLI define."""
    from . import attention as cli_attention
    from . import init as cli_init
    from . import issues as cli_issues
    from . import report as cli_report
    from . import workflow as cli_workflow

    cli_workflow.add_parsers(sub, _add_common)
    cli_init.add_parser(sub, _date)
    cli_report.add_parser(sub, _add_common)
    cli_attention.add_parser(sub, _add_common)
    cli_issues.add_parser(sub)


def _add_build_parser(sub: Subcommands) -> None:
    p = sub.add_parser(
        "build",
        help="check the records, then publish them as a MkDocs site",
        description="Run the full check (errors stop the build), generate the pages and "
        "build the site with MkDocs in strict mode. The previous site is replaced only "
        "when the new one is complete.",
    )
    _add_common(p)
    p.add_argument("--out", default="site", metavar="DIR", help="where the site goes")


def _add_serve_parser(sub: Subcommands) -> None:
    p = sub.add_parser(
        "serve",
        help="preview the site with live reload",
        description="Generate the pages and serve them with MkDocs; pages are "
        "regenerated when records change.",
    )
    _add_common(p)
    p.add_argument(
        "--dev-addr",
        type=_address,
        default="127.0.0.1:8000",
        metavar="HOST:PORT",
        help="where to serve the preview (default: 127.0.0.1:8000)",
    )


def settings_from(args: argparse.Namespace) -> tuple[Settings, list[Finding]]:
    """Build the frozen settings from the flags and brm.yaml."""
    root = os.path.abspath(args.root)
    if not os.path.isdir(os.path.join(root, "records")):
        raise UsageError(
            f"no records/ folder in {args.root}: run brm in a records "
            "repository or pass --root PATH"
        )
    config, problems, text = read_config(root)
    if problems:
        raise ConfigError(root, problems)
    today = args.today or dt.date.today()
    cache = None if getattr(args, "no_cache", False) else _cache_settings(root)
    if cache is not None:
        problem = cache_problem(root, os.path.dirname(cache.folder), cache.key_file)
        if problem:
            print(f"brm: {printable(problem)}", file=sys.stderr)
            cache = None
    return Settings(
        root=root,
        today=today,
        config=config,
        strict=getattr(args, "strict", False),
        cache=cache,
        config_text=text,
    ), problems


def _cache_settings(root: str) -> CacheSettings:
    """The check cache under the repository; its signing key in the user's cache folder."""
    home = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return CacheSettings(
        os.path.join(root, ".brm-cache", "check"), os.path.join(home, "brm", "cache.key")
    )


def _progress(verb: str) -> Progress:
    """Progress on standard error, live only on a terminal outside CI."""
    return Progress(sys.stderr, verb, live=shows_progress(sys.stderr, os.environ))


def _quotes(result: CheckResult, settings: Settings) -> Quotes:
    """The lines a report quotes: those the check read, within the configured size limit."""
    return Quotes(settings.root, settings.config.limits.max_file_bytes, result.texts)


def _text(result: CheckResult, settings: Settings) -> str:
    """The text report of ``result``, quoting the lines the check read."""
    return render_text(result, _quotes(result, settings))


def _report(result: CheckResult, fmt: str, settings: Settings) -> None:
    sys.stdout.write(REPORTERS[fmt].render(result, _quotes(result, settings)))
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if fmt == "github" and summary:  # the job's summary page: the full list as a table
        write_text(summary, render_markdown(result), newline=None, append=True)


def cmd_check(args: argparse.Namespace) -> int:
    """brm check."""
    settings, config_findings = settings_from(args)
    progress = _progress("checking")
    # The records live until exit: freeze them before the collector runs again, or its
    # first collection would scan every one of them.
    gc.disable()
    result = check_findings(settings, config_findings, progress, settings_files=True)
    gc.freeze()
    gc.enable()
    progress.finish(f"checked {result.files} files")
    _report(result, args.format, settings)
    return EXIT_FINDINGS if result.failed(settings.strict) else EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    """brm demo."""
    from ..demo import DemoError, DemoPlan, write_demo

    plan = DemoPlan(args.scale, args.seed, args.today)
    progress = _progress("writing")
    if (link := linked_out(args.out, os.getcwd())) is not None:
        raise UsageError(link)
    try:
        count = write_demo(args.out, plan, progress)
    except DemoError as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        raise UsageError(cannot_write(exc.filename or args.out, exc)) from None
    progress.finish(f"wrote {count} files")
    print(
        f"wrote a demo organisation at scale {plan.scale} ({count} files) into "
        f"{args.out}; check it with: brm check --root {args.out} --today {plan.today}"
    )
    return EXIT_OK


def cmd_schemas(args: argparse.Namespace) -> int:
    """brm schemas."""
    from ..schemas import schema_texts

    if not args.check and (link := linked_out(args.out, os.getcwd())) is not None:
        raise UsageError(link)
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
                make_folder(args.out)
                write_text(path, text, newline=None)
    if args.check and stale:
        print(
            "schemas differ from the models: run 'brm schemas' and commit\n  " + "\n  ".join(stale),
            file=sys.stderr,
        )
        return EXIT_FINDINGS
    return EXIT_OK


def _valid_records(
    args: argparse.Namespace, folders: Collection[str] | None = None, unread: bool = False
) -> tuple[Settings, CheckResult]:
    """The settings and the check of the records (``folders``: the kinds that the command
    reads, ``unread``: whether it needs their text only for positions, see
    ``check_records``); its errors, if any, printed (the command then stops: figures and
    packs are made from valid records only)."""
    settings, config_findings = settings_from(args)
    gc.disable()  # the records live until exit: frozen, as brm check does (cmd_check)
    result = check_records(settings, config_findings, folders, unread)
    gc.freeze()
    gc.enable()
    if result.errors:
        sys.stderr.write(_text(result, settings))
    return settings, result


def cmd_stats(args: argparse.Namespace) -> int:
    """brm stats."""
    from ..analytics.export import render_stats_json  # here: only stats needs the analytics
    from ..analytics.stats import compute_stats
    from ..analytics.terminal import render_stats_text
    from ..gitlog import read_history
    from ..recorded import recorded

    settings, result = _valid_records(args)
    if result.errors:
        return EXIT_FINDINGS
    history, note = read_history(settings.root)
    past = recorded(result.repository, settings, history, note)
    stats = past.into(compute_stats(result.repository, settings))
    render = render_stats_json if args.format == "json" else render_stats_text
    sys.stdout.write(render(stats))
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    """brm report."""
    from . import report as cli_report

    settings, result = _valid_records(args)
    if result.errors:
        return EXIT_FINDINGS
    return cli_report.run(args, settings, result.repository)


def cmd_attention(args: argparse.Namespace) -> int:
    """brm attention."""
    from ..attention.items import FOLDERS_READ
    from . import attention as cli_attention

    settings, result = _valid_records(args, FOLDERS_READ, unread=True)
    if result.errors:
        return EXIT_FINDINGS
    code = cli_attention.run(args, settings, result.repository)
    if result.positions is not None:
        result.positions.save()  # the lines of the items, for the next run
    return code


def cmd_build(args: argparse.Namespace) -> int:
    """brm build."""
    _need_site("brm build")
    from ..site.build import build as build_site  # here: the site imports matplotlib (slow)

    settings, config_findings = settings_from(args)
    progress = _progress("checking")
    built = build_site(settings, args.out, config_findings, progress)
    if built.check.errors:
        sys.stdout.write(_text(built.check, settings))
        return EXIT_FINDINGS
    for problem in built.problems:
        print(f"brm: {printable(problem)}", file=sys.stderr)
    if built.problems:
        print("brm: the site was not built; the previous one is unchanged", file=sys.stderr)
        return EXIT_FINDINGS
    progress.finish(f"built {built.pages} pages ({built.rendered} rendered, {built.reused} reused)")
    warnings = built.check.warnings
    print(f"built {built.pages} pages into {args.out}/ ({warnings} warnings on the dashboard)")
    return EXIT_OK


class _ServeReporter:
    """Prints what the preview reports."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def findings(self, result: CheckResult) -> None:
        sys.stdout.write(_text(result, self.settings))

    def message(self, text: str) -> None:
        print(f"brm: {printable(text)}", file=sys.stderr)


def cmd_serve(args: argparse.Namespace) -> int:
    """brm serve."""
    _need_site("brm serve")
    from ..site.address import unavailable
    from ..site.serve import serve as serve_site  # here: the site imports matplotlib (slow)

    settings, _ = settings_from(args)
    problem = unavailable(args.dev_addr)
    if problem:
        raise UsageError(problem)
    # Stop like Ctrl-C on SIGTERM too, so that the preview stops its MkDocs server.
    signal.signal(signal.SIGTERM, _interrupt)
    return serve_site(settings, args.dev_addr, _ServeReporter(settings))


def _need_site(what: str) -> None:
    """Stop with what to install (exit 2) when the site extra is missing."""
    problem = extra_problem(what)
    if problem:
        raise UsageError(problem)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _with_settings(run: Command) -> Callable[[argparse.Namespace], int]:
    """A change-workflow command, given the settings from the flags and brm.yaml."""

    def command(args: argparse.Namespace) -> int:
        return run(args, settings_from(args)[0])

    return command


def _cmd_init(args: argparse.Namespace) -> int:
    """brm init."""
    from . import init as cli_init

    return cli_init.cmd_init(args)


def _cmd_issues(args: argparse.Namespace) -> int:
    """brm issues."""
    from . import issues as cli_issues

    return cli_issues.run(args)


_OWN_PARSERS: tuple[tuple[str, Callable[[Subcommands], None]], ...] = (
    ("check", _add_check_parser),
    ("stats", _add_stats_parser),
    ("schemas", _add_schemas_parser),
    ("build", _add_build_parser),
    ("serve", _add_serve_parser),
    ("demo", _add_demo_parser),
)
"""The commands whose parsers this module defines, in the order help lists them (the
other modules' follow)."""
COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "check": cmd_check,
    "schemas": cmd_schemas,
    "stats": cmd_stats,
    "report": cmd_report,
    "attention": cmd_attention,
    "build": cmd_build,
    "serve": cmd_serve,
    "demo": cmd_demo,
    "init": _cmd_init,
    "issues": _cmd_issues,
}
"""The commands run here; the change-workflow ones are found in ``cli.workflow``, imported
only to run one of them (``_command``)."""


def _command(name: str) -> Callable[[argparse.Namespace], int]:
    """The function that runs the command ``name``."""
    if name in COMMANDS:
        return COMMANDS[name]
    from . import workflow as cli_workflow

    return _with_settings(cli_workflow.COMMANDS[name])


def main(argv: Sequence[str] | None = None) -> int:
    """Run brm with ``argv`` and return the exit code."""
    try:
        words = sys.argv[1:] if argv is None else list(argv)
        args = _parser(words[0] if words else None).parse_args(words)
    except SystemExit as exc:  # argparse has printed the usage error, --help or --version
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    try:
        return _command(args.command)(args)
    except ConfigError as exc:
        result = CheckResult(Repository(), sorted_findings(exc.findings), 0)
        # brm.yaml is invalid: quote within the default limits
        settings = Settings(root=exc.root, today=dt.date.today())
        if args.command == "check":
            _report(result, args.format, settings)
        else:
            sys.stderr.write(_text(result, settings))
        print(f"brm: {printable(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except (UsageError, OutputError) as exc:
        print(f"brm: {printable(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
