"""The two sides of a diff: record files at a revision or in the working tree."""

from __future__ import annotations

from collections.abc import Mapping

from ..gitrevs import GitObjects, blob_id, working_files
from .changeset import Change, ChangeSet, OtherFile
from .compare import compare
from .snapshot import Version, classify, load_version

WORKING_TREE = "working tree"
_NOT_A_RECORD = "not a record file where it is: brm check says why"


def _versions(files: Mapping[str, bytes | None], max_bytes: int) -> dict[str, Version]:
    versions = {}
    for path, data in files.items():
        found = classify(path)
        if found is not None:
            versions[path] = load_version(found[0], found[1], path, data, max_bytes)
    return versions


def _others(
    base: Mapping[str, object],
    head: Mapping[str, object],
    base_special: Mapping[str, str],
    head_special: Mapping[str, str],
) -> list[OtherFile]:
    """Changed paths that are not records, or not regular files, on either side."""
    out = []
    for path in sorted(set(base) | set(head) | set(base_special) | set(head_special)):
        reason = head_special.get(path) or base_special.get(path)
        if reason is None and classify(path) is not None:
            continue
        before = path in base or path in base_special
        after = path in head or path in head_special
        change = Change.CHANGED if before and after else Change.ADDED if after else Change.REMOVED
        out.append(OtherFile(path, change, reason or _NOT_A_RECORD))
    return out


def change_set(
    base: Mapping[str, bytes | None],
    head: Mapping[str, bytes | None],
    labels: tuple[str, str],
    max_bytes: int,
    special: tuple[Mapping[str, str], Mapping[str, str]] = ({}, {}),
) -> ChangeSet:
    """Compare the files that differ between two sides (path to bytes; None: too large).

    ``special`` holds, for each side, the entries that are not regular files (links,
    submodules) and why they are not read.
    """
    return compare(
        _versions(base, max_bytes),
        _versions(head, max_bytes),
        _others(base, head, *special),
        labels,
    )


def _working_tree(
    root: str, max_bytes: int, hash_size: int
) -> tuple[dict[str, str], dict[str, str], dict[str, bytes | None]]:
    """The working tree's record files: blob ids, entries not read, and contents."""
    files, special = working_files(root, max_bytes)
    ids = {
        path: blob_id(data, hash_size) if data is not None else "" for path, data in files.items()
    }
    return ids, special, files


def _moved(
    before: Mapping[str, str], after: Mapping[str, str]
) -> tuple[dict[str, str], dict[str, str]]:
    """The entries that are not regular files and differ between the sides."""
    moved = {p for p in set(before) | set(after) if before.get(p) != after.get(p)}
    return (
        {p: r for p, r in before.items() if p in moved},
        {p: r for p, r in after.items() if p in moved},
    )


def read_changes(root: str, base: str, head: str | None, max_bytes: int) -> ChangeSet:
    """What changed in ``root``'s records from revision ``base`` to revision ``head``
    (None: the working tree). Raises GitError when git cannot answer.

    Only the files whose blob ids differ are read and parsed.
    """
    with GitObjects(root) as git:
        before = git.listing(git.commit(base))
        if head is None:
            after_ids, after_special, files = _working_tree(root, max_bytes, git.hash_size)
        else:
            after = git.listing(git.commit(head))
            after_ids, after_special, files = after.files, after.special, {}
        # A folder of the working tree that cannot be read hides what it holds: not removed.
        hidden = tuple(p for p in after_special if p.endswith("/"))
        changed = {
            p
            for p in set(before.files) | set(after_ids)
            if before.files.get(p) != after_ids.get(p) and not p.startswith(hidden)
        }
        wanted = [before.files[p] for p in changed if p in before.files]
        wanted += [after_ids[p] for p in changed if p in after_ids and head is not None]
        blobs = git.blobs(wanted, max_bytes)
    base_files = {p: blobs.get(before.files[p]) for p in changed if p in before.files}
    head_files = {
        p: files[p] if head is None else blobs.get(after_ids[p]) for p in changed if p in after_ids
    }
    special = _moved(before.special, after_special)
    return change_set(base_files, head_files, (base, head or WORKING_TREE), max_bytes, special)
