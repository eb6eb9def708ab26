"""Every reference must resolve to a record of the right kind (records.md)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Sequence

from ..findings import Finding
from ..model import KIND_BY_NAME, KINDS
from ..model.ids import is_id
from ..model.references import NAMED_AFTER, Loc, ids_referred, is_key
from ..model.repository import Located, Repository
from .base import at


def unknown_reference(
    entry: Located,
    loc: Sequence[str | int],
    kind_name: str,
    ref: str,
    known: set[str],
    entry_kind: str = "",
) -> Finding:
    """A ref-unknown finding, with the nearest id that exists as a suggestion."""
    kind = KIND_BY_NAME[kind_name]
    message = (
        f"unknown {kind_name} '{ref}': there is no records/{kind.folder}/{ref}{kind.extension}"
    )
    close = difflib.get_close_matches(ref, sorted(known), n=1)
    if close:
        message += f"; did you mean '{close[0]}'?"
    key = is_key(entry_kind, tuple(loc)) if entry_kind else False
    return at(entry, "ref-unknown", loc, message, key=key, related=(f"records/{kind.folder}/",))


def _unknown(
    repo: Repository, entry: Located, kind: str, rid: str, refs: Iterable[tuple[Loc, str, str]]
) -> list[Finding]:
    findings = []
    for loc, kind_name, ref in refs:
        if NAMED_AFTER.get(kind) == kind_name and ref != rid:
            continue  # a report naming another agreement: report-agreement-mismatch
        known = repo.files.get(kind_name, set())
        if ref not in known:
            findings.append(unknown_reference(entry, loc, kind_name, ref, known, kind))
    return findings


Referring = tuple[Located, str, str, list[tuple[Loc, str, str]]]
"""A record file (its entry, or what was read of it), its kind's name, its id, and every
reference it makes: the field path, the kind it names and the id."""


def referring(repo: Repository) -> Iterator[Referring]:
    """Every record file with the references it makes (model/references.py says which):
    of valid records their values, of records with schema errors the values that are
    valid ids (the schema reports the others)."""
    # what is left of a record with errors lacks a list with one bad item: read its values
    partial = {one.path for one in repo.partial}
    for kind in KINDS:
        for entry in repo.table(kind).values():
            if entry.path not in partial:
                yield entry, kind.name, entry.id, list(ids_referred(entry.record, kind.name))
    for one in repo.partial:
        valid = [ref for ref in ids_referred(one.data, one.kind.name) if is_id(ref[2])]
        yield one, one.kind.name, one.id, valid


def check_references(repo: Repository) -> list[Finding]:
    """Report references that name no record, in every record file of ``repo``: a file's
    findings depend on it and on the ids of the files found only."""
    findings: list[Finding] = []
    for entry, kind, rid, refs in referring(repo):
        findings += _unknown(repo, entry, kind, rid, refs)
    return findings
