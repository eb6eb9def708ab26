"""Records at one revision, loaded from their bytes: the same reading and validation as
``brm check``, without the cross-record checks."""

from __future__ import annotations

from dataclasses import dataclass

from ..findings import Finding
from ..model import KIND_BY_FOLDER, Kind, Record
from ..model.ids import dated_year, is_id
from ..reading import parse_file
from ..validation import validate


@dataclass(frozen=True, slots=True)
class Version:
    """A record file at one revision: its record when it loads, else why not."""

    kind: Kind
    id: str
    path: str
    record: Record | None
    body: str | None = None
    """A meeting's Markdown notes."""
    problem: str = ""


def classify(path: str) -> tuple[Kind, str] | None:
    """The kind and id of a record file at ``path``, or None when nothing belongs there.

    The layout is records.md's: ``records/<folder>/<id><ext>``, and for dated kinds
    ``records/<folder>/<yyyy>/<yyyy-mm-dd>-<slug><ext>`` in the folder of its year.
    """
    parts = path.split("/")
    if len(parts) < 3 or parts[0] != "records" or parts[1] not in KIND_BY_FOLDER:
        return None
    kind = KIND_BY_FOLDER[parts[1]]
    name = parts[-1]
    if not name.endswith(kind.extension):
        return None
    stem = name[: -len(kind.extension)]
    if kind.dated:
        if len(parts) != 4 or dated_year(stem) != parts[2]:
            return None
    elif len(parts) != 3 or not is_id(stem):
        return None
    return kind, stem


def _problem(findings: list[Finding] | tuple[Finding, ...]) -> str:
    first = min(findings, key=Finding.sort_key)
    field = f" (at {first.field})" if first.field else ""
    more = f"; {len(findings) - 1} more problem(s)" if len(findings) > 1 else ""
    return f"line {first.line}: {first.message}{field} [{first.code}]{more}"


def load_version(kind: Kind, rid: str, path: str, data: bytes | None, max_bytes: int) -> Version:
    """Decode, parse and validate one record file's bytes (None: larger than the limit)."""
    if data is None:
        return Version(
            kind, rid, path, None, problem=f"larger than {max_bytes:,} bytes [file-too-large]"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return Version(
            kind, rid, path, None, problem=f"line {line}: not valid UTF-8 [file-encoding]"
        )
    parsed = parse_file(text, path, markdown=kind.extension == ".md")
    if parsed.document is None:
        return Version(kind, rid, path, None, problem=_problem(parsed.findings))
    record, problems = validate(parsed.document, kind.model, path)
    if record is None or parsed.findings:
        return Version(kind, rid, path, None, problem=_problem([*parsed.findings, *problems]))
    return Version(kind, rid, path, record, parsed.body)
