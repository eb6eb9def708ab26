"""Find and read every file under ``records/``; nothing there is silently skipped."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from .findings import Finding, error
from .model import KIND_BY_FOLDER, Kind
from .model.common import ID_PATTERN

_ID = re.compile(ID_PATTERN)
_DATED_ID = re.compile(r"^([0-9]{4})-[0-9]{2}-[0-9]{2}-[a-z0-9]+(-[a-z0-9]+)*$")
_YEAR = re.compile(r"^[0-9]{4}$")
_OTHER_EXTENSIONS = {".yaml": (".yml", ".json"), ".md": (".markdown", ".yaml", ".yml")}


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A record file found under records/: its kind, id and paths."""

    kind: Kind
    id: str
    path: str
    """Path relative to the repository root, with forward slashes."""
    abspath: str


def _file_finding(code: str, path: str, message: str) -> Finding:
    return error(code, path, 1, 1, "", message)


def _kind_files(
    kind: Kind, folder: str, rel: str, files: list[SourceFile], findings: list[Finding]
) -> None:
    """Collect the files of one kind's folder (and its year folders when dated)."""
    with os.scandir(folder) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            relpath = f"{rel}/{entry.name}"
            if entry.is_symlink():
                findings.append(
                    _file_finding(
                        "file-symlink",
                        relpath,
                        "a record must be a regular file, not a symbolic link: links are never "
                        "followed; put the file itself here",
                    )
                )
            elif entry.is_dir():
                if kind.dated and _YEAR.match(entry.name) and rel.count("/") == 1:
                    _kind_files(kind, entry.path, relpath, files, findings)
                else:
                    expected = "a folder per year (YYYY)" if kind.dated else "no folders"
                    findings.append(
                        _file_finding(
                            "file-location",
                            relpath + "/",
                            f"unexpected folder: records/{kind.folder}/ holds {expected}; "
                            "move its files to where their kind belongs",
                        )
                    )
            else:
                _one_file(kind, entry.name, entry.path, relpath, rel, files, findings)


def _one_file(
    kind: Kind,
    name: str,
    abspath: str,
    relpath: str,
    rel: str,
    files: list[SourceFile],
    findings: list[Finding],
) -> None:
    stem, dot, ext = name.rpartition(".")
    ext = dot + ext if dot else ""
    stem = stem if dot else name
    if ext != kind.extension:
        hint = (
            f"rename it to {stem}{kind.extension}"
            if ext in _OTHER_EXTENSIONS.get(kind.extension, ())
            else f"records/{kind.folder}/ holds only {kind.extension} files"
        )
        findings.append(
            _file_finding("file-extension", relpath, f"not a {kind.name} record: {hint}")
        )
        return
    if kind.dated:
        match = _DATED_ID.match(stem)
        if rel.count("/") < 2:
            findings.append(
                _file_finding(
                    "file-location",
                    relpath,
                    f"{kind.folder} live in a folder per year: move it to "
                    f"records/{kind.folder}/{stem[:4]}/{name}",
                )
            )
            return
        if not match or len(stem) > 64:
            findings.append(
                _file_finding(
                    "id-invalid",
                    relpath,
                    f"name a {kind.name} file <yyyy-mm-dd>-<slug>{kind.extension}, the slug in "
                    "lower-case letters, digits and single hyphens, 64 characters at most",
                )
            )
            return
        if match.group(1) != rel.rsplit("/", 1)[1]:
            findings.append(
                _file_finding(
                    "file-location",
                    relpath,
                    f"a {kind.name} of {match.group(1)} belongs in records/{kind.folder}/"
                    f"{match.group(1)}/",
                )
            )
            return
    elif not _ID.match(stem) or len(stem) > 64:
        findings.append(
            _file_finding(
                "id-invalid",
                relpath,
                f"'{stem}' is not a valid id: use lower-case letters, digits and single hyphens, "
                "64 characters at most (the file name is the record's id)",
            )
        )
        return
    files.append(SourceFile(kind, stem, relpath, abspath))


def discover(root: str) -> tuple[list[SourceFile], list[Finding]]:
    """List the record files under ``root/records`` and a finding for anything else."""
    files: list[SourceFile] = []
    findings: list[Finding] = []
    records = os.path.join(root, "records")
    with os.scandir(records) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            rel = f"records/{entry.name}"
            kind = KIND_BY_FOLDER.get(entry.name)
            if entry.is_symlink():
                findings.append(
                    _file_finding(
                        "file-symlink",
                        rel,
                        "symbolic links are never followed under records/: "
                        "replace the link with the folder or file itself",
                    )
                )
            elif kind is not None and entry.is_dir():
                _kind_files(kind, entry.path, rel, files, findings)
            else:
                known = ", ".join(sorted(KIND_BY_FOLDER))
                findings.append(
                    _file_finding(
                        "file-unknown",
                        rel + ("/" if entry.is_dir() else ""),
                        f"not a kind of record: records/ holds only the folders {known}",
                    )
                )
    return files, findings
