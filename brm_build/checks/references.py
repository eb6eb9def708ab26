"""Every reference must resolve to a record of the right kind (records.md)."""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from ..findings import Finding
from ..model import KIND_BY_NAME, KINDS, Record
from ..model.references import NAMED_AFTER, ids_referred
from ..repository import Entry, Repository
from .base import at


def unknown_reference(
    entry: Entry[Record], loc: Sequence[str | int], kind_name: str, ref: str, known: set[str]
) -> Finding:
    """A ref-unknown finding, with the nearest id that exists as a suggestion."""
    kind = KIND_BY_NAME[kind_name]
    message = (
        f"unknown {kind_name} '{ref}': there is no records/{kind.folder}/{ref}{kind.extension}"
    )
    close = difflib.get_close_matches(ref, sorted(known), n=1)
    if close:
        message += f"; did you mean '{close[0]}'?"
    return at(entry, "ref-unknown", loc, message, related=(f"records/{kind.folder}/",))


def check_references(repo: Repository) -> list[Finding]:
    """Report references that name no record (model/references.py says which)."""
    findings: list[Finding] = []
    for kind in KINDS:
        for entry in repo.table(kind).values():
            for loc, kind_name, ref in ids_referred(entry.record, kind.name):
                if NAMED_AFTER.get(kind.name) == kind_name and ref != entry.id:
                    continue  # a report naming another agreement: report-agreement-mismatch
                known = repo.files.get(kind_name, set())
                if ref not in known:
                    findings.append(unknown_reference(entry, loc, kind_name, ref, known))
    return findings
