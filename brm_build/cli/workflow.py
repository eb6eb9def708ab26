"""The change-workflow commands of the ``brm`` command line: diff, codeowners, export,
import, new and rename. Part of the CLI layer with ``cli``: the only other module that prints,
parses arguments or reads the terminal. ``cli`` registers these and passes each the
frozen settings.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable

from ..escape.logline import printable
from ..exchange.admission import admit
from ..exchange.importer import IMPORTABLE, Imported, import_csv
from ..exchange.merging import describe
from ..exchange.spreadsheet import decode
from ..exits import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from ..files import open_regular
from ..findings import Severity
from ..imports.measurement_sources import READERS as MEASUREMENT_READERS
from ..model.repository import Repository
from ..model.settings import Settings
from ..outputs import make_folder, replace_files, write_text
from ..repository import load_repository
from ..sources import discover
from ..trust import link_under, linked_out, linked_part
from . import imports as cli_import
from . import new as cli_new
from . import rename as cli_rename
from . import service_levels as cli_service_levels
from .types import AddCommon, Subcommands

Command = Callable[[argparse.Namespace, Settings], int]


def _fail(message: str, code: int = EXIT_USAGE) -> int:
    print(f"brm: {printable(message)}", file=sys.stderr)
    return code


def _valid_repository(settings: Settings) -> Repository | None:
    """Every record, or None (reported) when some record has errors."""
    repository, findings = load_repository(settings)
    errors = [f for f in findings if f.severity is Severity.ERROR]
    if errors:
        _fail(f"{len(errors)} error(s) in the records: run 'brm check' and correct them first")
        return None
    return repository


def add_parsers(sub: Subcommands, add_common: AddCommon) -> None:
    """Register diff, codeowners, export, import, new and rename."""
    p = sub.add_parser(
        "diff",
        help="summarise what changed in the records between two revisions",
        description="Compare the records at git revision BASE with HEAD (default: the "
        "working tree) record by record and field by field, and list the changes that "
        "deserve careful review. Restricted values are never shown.",
    )
    add_common(p)
    p.add_argument("base", metavar="BASE", help="the revision to compare from")
    p.add_argument("head", metavar="HEAD", nargs="?", help="the revision to compare to")
    p.add_argument(
        "--format",
        choices=("text", "markdown"),
        default="text",
        help="text for a terminal, markdown for a pull-request comment or job summary",
    )
    _add_record_parsers(sub, add_common)
    cli_new.add_parser(sub, add_common)
    cli_rename.add_parser(sub, add_common)


def _add_record_parsers(sub: Subcommands, add_common: AddCommon) -> None:
    p = sub.add_parser(
        "codeowners",
        help="write CODEOWNERS from the customers' owners",
        description="Write CODEOWNERS so that a customer's owners review changes to its "
        "records; with --check only report whether the committed file is current.",
    )
    add_common(p)
    p.add_argument("--check", action="store_true", help="only compare, write nothing")
    p.add_argument(
        "--out",
        metavar="PATH",
        help="the file to write (default: the CODEOWNERS files that exist, else CODEOWNERS)",
    )
    p = sub.add_parser(
        "export",
        help="export every record as JSON or CSV",
        description="Export the records as one JSON document, or as CSV tables (one per "
        "kind and per list of items). Restricted fields are left out unless brm.yaml "
        "opts them in under publish.",
    )
    add_common(p)
    p.add_argument("--format", choices=("json", "csv"), default="json", help="json or csv")
    p.add_argument("--out", metavar="DIR", help="where to write (json default: standard output)")
    p = sub.add_parser(
        "import",
        help="turn a spreadsheet of customers or services, a survey or service-level export, "
        "or OpenSLO definitions into records",
        description="customers|services FILE.csv: write one record per row of a CSV file "
        "with the columns of 'brm export --format csv'. A row for a record that exists "
        "updates the fields it carries and keeps the rest, comments included. survey FILE "
        "--map MAP: add the responses of a forms tool's export (csv, gforms, msforms, "
        "qualtrics, surveymonkey) to a survey, as the mapping file says. Rows that cannot "
        "be converted are reported with their row number and written nowhere. "
        "measurements FILE --source csv|--map MAP: merge service-level results (brm's "
        "own reports.measurements.csv, or a ServiceNow task_sla, Jira Service Management "
        "SLA or Prometheus query_range export as the mapping says) into the agreements' reports; a "
        "period that holds another value is a conflict unless --replace. service-levels "
        "FILE.yaml: add or "
        "update an agreement's service levels from the kind: SLO documents of an OpenSLO "
        "file (openslo/v1 or v1alpha).",
    )
    add_common(p)
    p.add_argument(
        "kind",
        choices=(*IMPORTABLE, "survey", "measurements", "service-levels"),
        help="what the file holds",
    )
    p.add_argument(
        "file", metavar="FILE", help="the spreadsheet (CSV), the export or the OpenSLO file"
    )
    p.add_argument(
        "--map", metavar="MAP", help="survey, measurements: the mapping file (imports/*.yaml)"
    )
    p.add_argument(
        "--source",
        choices=sorted(MEASUREMENT_READERS),
        help="measurements: the tool the export is from (csv: brm's own export)",
    )
    p.add_argument(
        "--replace",
        action="store_true",
        help="measurements: take the file's value where a report holds another one",
    )
    p.add_argument(
        "--agreement",
        metavar="ID",
        help="service-levels: the agreement to add them to (default: each SLO's "
        "brm/agreement annotation)",
    )
    p.add_argument(
        "--dry-run",
        action="store_true",
        help="write nothing; show what would be written and changed",
    )
    p.add_argument(
        "--encoding",
        metavar="NAME",
        help="the file's encoding when it is not UTF-8, such as cp1252 (default: UTF-8)",
    )


def cmd_diff(args: argparse.Namespace, settings: Settings) -> int:
    """brm diff."""
    from ..changes import read_changes, render_markdown, render_text
    from ..gitrevs import GitError

    try:
        changes = read_changes(
            settings.root, args.base, args.head, settings.config.limits.max_file_bytes
        )
    except GitError as exc:
        return _fail(str(exc))
    render = render_markdown if args.format == "markdown" else render_text
    sys.stdout.write(render(changes))
    return EXIT_OK


def cmd_codeowners(args: argparse.Namespace, settings: Settings) -> int:
    """brm codeowners."""
    from ..codeowners import existing_files, read_codeowners, render_codeowners

    repository = _valid_repository(settings)
    if repository is None:
        return EXIT_FINDINGS
    text = render_codeowners(repository, settings.config.codeowners.default)
    targets = [args.out] if args.out else existing_files(settings.root)
    if args.check:
        if not targets:
            return _fail("no CODEOWNERS file: run 'brm codeowners' to write one", EXIT_FINDINGS)
        stale = [t for t in targets if read_codeowners(settings.root, t) != text]
        for target in stale:
            _fail(f"{target} differs from the owners in the records: run 'brm codeowners'")
        return EXIT_FINDINGS if stale else EXIT_OK
    for target in targets or ["CODEOWNERS"]:
        link = link_under(settings.root, target)
        if link is not None:
            return _fail(
                f"{link} is a symbolic link: brm never writes through one; "
                f"replace it with a file or folder, then run 'brm codeowners' again",
                EXIT_USAGE,
            )
    for target in targets or ["CODEOWNERS"]:
        write_text(os.path.join(settings.root, target), text)
        print(f"wrote {target}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    """brm export."""
    from ..exchange.export import export_csv, export_json

    if args.format == "csv" and not args.out:
        return _fail("CSV is one table per kind: name a folder with --out DIR")
    repository = _valid_repository(settings)
    if repository is None:
        return EXIT_FINDINGS
    if args.format == "json":
        files = {"records.json": export_json(repository, settings.config)}
    else:
        files = export_csv(repository, settings.config)
    if not args.out:
        sys.stdout.write(files["records.json"])
        return EXIT_OK
    if (link := linked_out(args.out, settings.root)) is not None:
        return _fail(link)
    make_folder(args.out)
    for name, text in files.items():
        write_text(os.path.join(args.out, name), text, newline="")
    print(f"wrote {len(files)} file(s) into {args.out}/")
    return EXIT_OK


def cmd_import(args: argparse.Namespace, settings: Settings) -> int:
    """brm import."""
    if args.agreement and args.kind != "service-levels":
        return _fail(f"--agreement is for 'brm import service-levels', not {args.kind}")
    if args.kind == "survey":
        return cli_import.cmd_import_survey(args, settings)
    if args.kind == "measurements":
        return cli_import.cmd_import_measurements(args, settings)
    if args.source or args.replace:
        return _fail(f"--source and --replace are for 'brm import measurements', not {args.kind}")
    if args.kind == "service-levels":
        return cli_service_levels.cmd_import_service_levels(args, settings)
    if args.map:
        return _fail(f"--map is for 'brm import survey', not {args.kind}")
    try:
        with open(args.file, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        return _fail(f"cannot read {args.file}: {exc.strerror}")
    text, unreadable = decode(data, args.file, args.encoding)
    if text is None:
        return _fail(unreadable)
    sources, _ = discover(settings.root)
    existing: dict[str, set[str]] = {}
    for source in sources:
        existing.setdefault(source.kind.name, set()).add(source.id)
    result = admit(settings, import_csv(args.kind, text, existing, _reader(settings)))
    refusal = _refusal(settings, result)
    if refusal is None and not args.dry_run:
        writes = sorted(result.files.items())
        replace_files([(os.path.join(settings.root, rel), content) for rel, content in writes])
    if refusal is None:
        _report_import(result, args.dry_run)
    for problem in result.problems:
        print(printable(f"{args.file}: row {problem.row}: {problem.reason}"), file=sys.stderr)
    if refusal is not None:
        return _fail(refusal, EXIT_FINDINGS)
    if result.problems:
        rows = len({p.row for p in result.problems})
        return _fail(
            f"{rows} row(s) not imported: correct them and import them again", EXIT_FINDINGS
        )
    return EXIT_OK


def _reader(settings: Settings) -> Callable[[str], str | None]:
    """The text of a record file that exists (None when it cannot be read)."""

    def read(rel: str) -> str | None:
        try:
            with os.fdopen(open_regular(os.path.join(settings.root, rel)), "rb") as handle:
                return handle.read().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    return read


def _refusal(settings: Settings, result: Imported) -> str | None:
    """Why none of the files may be written (an import writes all of them or none)."""
    for rel in sorted(result.files):
        link = linked_part(settings.root, rel)
        if link is not None:
            return f"{link} is a symbolic link: import never writes through one; nothing written"
        if rel not in result.changes and os.path.lexists(os.path.join(settings.root, rel)):
            return f"{rel} is in the way and no record: import never overwrites it; nothing written"
    return None


def _report_import(result: Imported, dry_run: bool) -> None:
    """What the import wrote (or with ``dry_run`` would write), field by field for updates."""
    for rel in sorted(result.files):
        kind = result.drafts[rel][1].kind
        changes = result.changes.get(rel)
        verb = ("would update" if dry_run else "updated") if changes else None
        print(f"{verb or ('would write' if dry_run else 'wrote')} {rel}")
        for change in changes or []:
            print(printable(f"  {describe(change, kind.model)}"))
    for number, rel in result.unchanged:
        print(f"unchanged {rel} (row {number} is identical to it)")
    if dry_run:
        print("dry run: nothing written")


COMMANDS: dict[str, Command] = {
    "diff": cmd_diff,
    "codeowners": cmd_codeowners,
    "export": cmd_export,
    "import": cmd_import,
    "new": cli_new.cmd_new,
    "rename": cli_rename.cmd_rename,
}
