"""The reference check kept per record file, with a reference index.

What the reference check finds in one record file depends only on that file and the ids
of the files found: whether each id it names exists and, where one does not, which id of
that kind is nearest. The cache keeps for every record file (by its key) its findings and
the ids it names, and the ids of every file of the run. The next run checks again only the
files that changed and those naming an id of a kind whose ids changed that is new or does
not exist (its finding, or its suggestion, may change); every other file's findings are
those kept, and its record is not restored. (A file's place is its id: no two share one.)
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from ..cache import FileCache, decode_findings, encode_findings
from ..checks import not_missing
from ..checks.references import check_references, referring
from ..findings import Finding
from ..model.repository import Repository
from ..repository import Scanned

REFERENCES = "references"
"""The name of the check kept here (in ``checks.CHECKS``)."""
INDEX_FILE = "references.txt"

Kept = tuple[str, str]
"""A file's findings and the ids it names ([kind name, id] pairs), each as JSON."""


@dataclass(frozen=True)
class IndexPlan:
    """The files of a run, what the index kept of the last (None: nothing) and the paths
    of the files to check again."""

    scanned: Sequence[Scanned]
    ids: dict[str, set[str]]
    kept: dict[str, Kept] | None
    todo: set[str]
    moved: bool = True
    """Whether the ids differ from those kept (the index is then kept anew)."""


def _ids(scanned: Sequence[Scanned]) -> dict[str, set[str]]:
    ids: dict[str, set[str]] = {}
    for one in scanned:
        ids.setdefault(one.source.kind.name, set()).add(one.source.id)
    return ids


def _header(cache: FileCache) -> str:
    return cache.run_key([], b"reference index")


def _read(cache: FileCache) -> tuple[dict[str, set[str]], dict[str, Kept]] | None:
    """The ids and the files kept by the last run, if this code and settings kept them."""
    text = cache.get_text(INDEX_FILE)
    head, _, rest = (text or "").partition("\n")
    key, _, ids = head.partition("\t")
    if key != _header(cache) or not ids:
        return None
    files: dict[str, Kept] = {}
    for line in rest.split("\n"):  # JSON escapes tabs and line ends in text
        name, _, more = line.partition("\t")
        findings, _, refs = more.partition("\t")
        if refs:
            files[name] = (findings, refs)
    return {kind: set(some) for kind, some in json.loads(ids).items()}, files


def _stale(refs: str, ids: dict[str, set[str]], added: dict[str, set[str]]) -> bool:
    """Whether a file naming ``refs`` may find otherwise now that ``added`` (by kind, for
    every kind whose ids changed) came and others may have gone."""
    return any(
        kind in added and (ref not in ids.get(kind, ()) or ref in added[kind])
        for kind, ref in json.loads(refs)
    )


def plan_index(scanned: Sequence[Scanned], cache: FileCache | None) -> IndexPlan | None:
    """What the reference check must do again in this run; None without a cache or when
    a file could not be read (the check then runs on every file)."""
    if cache is None or any(one.key is None for one in scanned):
        return None
    ids = _ids(scanned)
    every = {one.source.path for one in scanned}
    last = _read(cache)
    if last is None:
        return IndexPlan(scanned, ids, None, every)
    before, kept = last
    added = {
        kind: ids.get(kind, set()) - before.get(kind, set())
        for kind in ids.keys() | before.keys()
        if ids.get(kind) != before.get(kind)
    }
    todo = set()
    for one in scanned:
        found = kept.get(str(one.key))
        if found is None or (added and _stale(found[1], ids, added)):
            todo.add(one.source.path)
    return IndexPlan(scanned, ids, kept, todo, bool(added))


def _subset(repository: Repository, paths: Collection[str]) -> Repository:
    """The records of ``repository`` in the files at ``paths``, with the ids of all."""
    tables = {
        folder: {rid: e for rid, e in table.items() if e.path in paths}
        for folder, table in repository.tables.items()
    }
    partial = [one for one in repository.partial if one.path in paths]
    return Repository(tables, repository.files, partial)


def run_index(plan: IndexPlan, repository: Repository, cache: FileCache) -> list[Finding]:
    """The reference check's findings: of the files to check again from ``repository``
    (which must hold their records), of the others as kept; the index is kept anew."""
    subset = _subset(repository, plan.todo)
    by_path: dict[str, list[Finding]] = {}
    for finding in not_missing(subset, check_references(subset)):
        by_path.setdefault(finding.path, []).append(finding)
    refs = {
        entry.path: json.dumps([[kind, ref] for _, kind, ref in named])
        for entry, _, _, named in referring(subset)
    }
    findings: list[Finding] = []
    lines = []
    for one in plan.scanned:
        path = one.source.path
        if path in plan.todo or plan.kept is None:
            mine = by_path.get(path, [])
            kept = (encode_findings(mine), refs.get(path, "[]"))
        else:
            kept = plan.kept[str(one.key)]
            mine = [] if kept[0] == "[]" else list(decode_findings(kept[0]))
        findings += mine
        lines.append(f"{one.key}\t{kept[0]}\t{kept[1]}")
    if plan.todo or plan.moved:
        ids = json.dumps({kind: sorted(some) for kind, some in sorted(plan.ids.items())})
        cache.put_text(INDEX_FILE, f"{_header(cache)}\t{ids}\n" + "\n".join(lines))
    return findings
