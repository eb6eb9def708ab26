"""The reference check kept per record file, with a reference index.

What the reference check finds in one record file depends only on that file and the ids
of the files found: whether each id it names exists and, where one does not, which id of
that kind is nearest. The cache keeps for every record file (by the key of what the check
reads of it, a meeting without its notes: ``Scanned.fields_key``) its findings and
the ids it names, and the ids of every file of the run. The next run checks again only the
files that changed and those naming an id of a kind whose ids changed that is new or does
not exist (its finding, or its suggestion, may change); every other file's findings are
those kept, and its record is not restored. (A file's place is its id: no two share one.)
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
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

Kept = str
"""A file's findings and the ids it names ([kind name, id] pairs), each as JSON, with a
tab between."""


@dataclass(frozen=True)
class IndexPlan:
    """The files of a run, what the index kept of the last (None: nothing) and the paths
    of the files to check again."""

    scanned: Sequence[Scanned]
    ids: str
    """The digest of every file's place (kind and id), as the index keeps it."""
    kept: dict[str, Kept] | None
    todo: set[str]
    moved: bool = True
    """Whether the ids differ from those kept (the index is then kept anew)."""


def _ids(scanned: Sequence[Scanned]) -> dict[str, set[str]]:
    ids: dict[str, set[str]] = {}
    for one in scanned:
        ids.setdefault(one.source.kind.name, set()).add(one.source.id)
    return ids


def _digest(scanned: Sequence[Scanned]) -> str:
    """A digest of every file's path, which is its kind and id, in discovery order."""
    paths = "\0".join(one.source.path for one in scanned).encode()
    return hashlib.blake2b(paths, digest_size=20).hexdigest()


def _header(cache: FileCache) -> str:
    return cache.run_key([], b"reference index")


def _read(cache: FileCache) -> tuple[str, str, dict[str, Kept]] | None:
    """The digest of the ids, the ids as JSON and the files kept by the last run, if
    this code and settings kept them."""
    text = cache.get_text(INDEX_FILE)
    head, _, rest = (text or "").partition("\n")
    key, _, digest = head.partition("\t")
    ids, _, rest = rest.partition("\n")
    if key != _header(cache) or not ids:
        return None
    # JSON escapes tabs and line ends in text
    files = dict(line.split("\t", 1) for line in rest.split("\n") if "\t" in line)
    return digest, ids, files


def _stale(kept: Kept, ids: dict[str, set[str]], added: dict[str, set[str]]) -> bool:
    """Whether a file that kept ``kept`` may find otherwise now that ``added`` (by kind,
    for every kind whose ids changed) came and others may have gone."""
    return any(
        kind in added and (ref not in ids.get(kind, ()) or ref in added[kind])
        for kind, ref in json.loads(kept.partition("\t")[2])
    )


def plan_index(scanned: Sequence[Scanned], cache: FileCache | None) -> IndexPlan | None:
    """What the reference check must do again in this run; None without a cache or when
    a file could not be read (the check then runs on every file)."""
    if cache is None or any(one.fields_key is None for one in scanned):
        return None
    digest = _digest(scanned)
    last = _read(cache)
    if last is None:
        return IndexPlan(scanned, digest, None, {one.source.path for one in scanned})
    before, names, kept = last
    ids: dict[str, set[str]] = {}
    added: dict[str, set[str]] = {}
    if before != digest:
        ids, old = _ids(scanned), {kind: set(some) for kind, some in json.loads(names).items()}
        added = {
            kind: ids.get(kind, set()) - old.get(kind, set())
            for kind in ids.keys() | old.keys()
            if ids.get(kind) != old.get(kind)
        }
    todo = set()
    for one in scanned:
        found = kept.get(str(one.fields_key))
        if found is None or (added and _stale(found, ids, added)):
            todo.add(one.source.path)
    return IndexPlan(scanned, digest, kept, todo, before != digest)


def _subset(repository: Repository, plan: IndexPlan) -> Repository:
    """The records of ``repository`` in the files to check again, with the ids of all."""
    subset = Repository(files=repository.files)
    for one in plan.scanned:
        if one.source.path in plan.todo:
            entry = repository.table(one.source.kind).get(one.source.id)
            if entry is not None:
                subset.table(one.source.kind)[one.source.id] = entry
    subset.partial = [one for one in repository.partial if one.path in plan.todo]
    return subset


def run_index(plan: IndexPlan, repository: Repository, cache: FileCache) -> list[Finding]:
    """The reference check's findings: of the files to check again from ``repository``
    (which must hold their records), of the others as kept; the index is kept anew."""
    subset = _subset(repository, plan)
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
        if plan.kept is None or path in plan.todo:
            mine = by_path.get(path, [])
            findings += mine
            kept = f"{encode_findings(mine)}\t{refs.get(path, '[]')}"
        else:
            kept = plan.kept[str(one.fields_key)]
            if not kept.startswith("[]\t"):
                findings += decode_findings(kept.partition("\t")[0])
        lines.append(f"{one.fields_key}\t{kept}")
    if plan.todo or plan.moved:
        ids = _ids(plan.scanned)
        names = json.dumps({kind: sorted(some) for kind, some in sorted(ids.items())})
        head = f"{_header(cache)}\t{plan.ids}\n{names}\n"
        cache.put_text(INDEX_FILE, head + "\n".join(lines))
    return findings
