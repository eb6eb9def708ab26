"""Every reference must resolve to a record of the right kind (records.md)."""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence

from ..findings import Finding
from ..model import KIND_BY_NAME, Record
from ..repository import Entry, Repository
from .base import at

Ref = tuple[Sequence[str | int], str, str | None]
"""A reference: the field path, the kind it names, and the id (None: absent)."""


def _refs(entry: Entry[Record]) -> Iterator[Ref]:
    """Every reference in a record, by kind of record."""
    r = entry.record
    from ..model import Agreement, Customer, Feedback, Meeting, Project, Survey

    if isinstance(r, Customer):
        yield ("parent",), "customer", r.parent
        yield from ((("services", i), "service", s) for i, s in enumerate(r.services))
    elif isinstance(r, Agreement):
        yield ("customer",), "customer", r.customer
        yield from ((("services", i), "service", s) for i, s in enumerate(r.services))
    elif isinstance(r, Meeting):
        yield from ((("customers", i), "customer", c) for i, c in enumerate(r.customers))
        yield from ((("agreements", i), "agreement", a) for i, a in enumerate(r.agreements))
        yield from ((("projects", i), "project", p) for i, p in enumerate(r.projects))
        for i, req in enumerate(r.requirements):
            yield ("requirements", i, "service"), "service", req.service
    elif isinstance(r, Survey):
        for i, response in enumerate(r.responses):
            yield ("responses", i, "customer"), "customer", response.customer
            yield ("responses", i, "service"), "service", response.service
    elif isinstance(r, Project):
        yield from ((("customers", i), "customer", c) for i, c in enumerate(r.customers))
        yield from ((("services", i), "service", s) for i, s in enumerate(r.services))
    elif isinstance(r, Feedback):
        yield ("customer",), "customer", r.customer
        yield ("service",), "service", r.service
        yield ("agreement",), "agreement", r.agreement


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
    """Report references that name no record."""
    findings: list[Finding] = []
    tables = (
        repo.customers,
        repo.agreements,
        repo.meetings,
        repo.surveys,
        repo.projects,
        repo.feedback,
    )
    for table in tables:
        for entry in table.values():
            for loc, kind_name, ref in _refs(entry):
                known = repo.files.get(kind_name, set())
                if ref is not None and ref not in known:
                    findings.append(unknown_reference(entry, loc, kind_name, ref, known))
    return findings
