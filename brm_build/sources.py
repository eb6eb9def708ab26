"""Find and read every file under ``records/``; nothing there is silently skipped."""

from __future__ import annotations

import os
from dataclasses import dataclass

from .findings import Finding, error
from .model import KIND_BY_FOLDER, Kind
from .model.ids import dated_year, is_id, is_year

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


def _folder_finding(kind: Kind, rel: str, relpath: str) -> Finding:
    """A folder where a kind's folder holds none (or only year folders)."""
    if kind.dated and rel.count("/") == 1:
        holds, where = "a folder per year (YYYY)", f"the folder of their year in {rel}/"
    else:
        holds, where = f"only {kind.name} files, no folders", f"{rel}/"
    return _file_finding(
        "file-location",
        relpath + "/",
        f"unexpected folder: {rel}/ holds {holds}; move its files into {where} "
        "and remove the folder",
    )


def _entries(folder: str, rel: str, findings: list[Finding]) -> list[os.DirEntry[str]]:
    """The entries of ``folder`` by name; none, and a finding, when it cannot be read."""
    try:
        with os.scandir(folder) as entries:
            return sorted(entries, key=lambda e: e.name)
    except OSError as exc:
        message = f"cannot read the folder: {exc.strerror}; none of its records is checked"
        findings.append(_file_finding("file-unreadable", rel + "/", message))
        return []


def _kind_files(
    kind: Kind, folder: str, rel: str, files: list[SourceFile], findings: list[Finding]
) -> None:
    """Collect the files of one kind's folder (and its year folders when dated)."""
    for entry in _entries(folder, rel, findings):
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
            if kind.dated and is_year(entry.name) and rel.count("/") == 1:
                _kind_files(kind, entry.path, relpath, files, findings)
            else:
                findings.append(_folder_finding(kind, rel, relpath))
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
        year = dated_year(stem)
        if rel.count("/") < 2:
            findings.append(
                _file_finding(
                    "file-location",
                    relpath,
                    f"records/{kind.folder}/ holds a folder per year: move the file to "
                    f"records/{kind.folder}/{stem[:4]}/{name}",
                )
            )
            return
        if year is None:
            findings.append(
                _file_finding(
                    "id-invalid",
                    relpath,
                    f"name a {kind.name} file <yyyy-mm-dd>-<slug>{kind.extension}, the slug in "
                    "lower-case letters, digits and single hyphens, 64 characters at most",
                )
            )
            return
        if year != rel.rsplit("/", 1)[1]:
            findings.append(
                _file_finding(
                    "file-location",
                    relpath,
                    f"a {kind.name} of {year} belongs in records/{kind.folder}/{year}/",
                )
            )
            return
    elif not is_id(stem):
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


def _unknown_entry(name: str, rel: str, is_dir: bool) -> Finding:
    """Something under records/ that is not one of the kinds' folders."""
    known = ", ".join(sorted(KIND_BY_FOLDER))
    if name in KIND_BY_FOLDER:
        message = f"{rel} must be a folder of {KIND_BY_FOLDER[name].name} records, not a file"
    elif is_dir:
        message = (
            f"'{name}' is not a kind of record: records/ holds only the folders {known}; "
            "move the files into the folder of their kind, or out of records/"
        )
    else:
        message = (
            f"records/ holds only the folders {known}: move this file into the folder of "
            "its kind, or out of records/"
        )
    return _file_finding("file-unknown", rel + ("/" if is_dir else ""), message)


def discover(root: str) -> tuple[list[SourceFile], list[Finding]]:
    """List the record files under ``root/records`` and a finding for anything else."""
    files: list[SourceFile] = []
    findings: list[Finding] = []
    records = os.path.join(root, "records")
    if os.path.islink(records):  # it would read, and publish, whatever it points to
        message = "records/ is a symbolic link, never followed: make it the folder itself"
        return files, [_file_finding("file-symlink", "records/", message)]
    for entry in _entries(records, "records", findings):
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
            findings.append(_unknown_entry(entry.name, rel, entry.is_dir()))
    return files, findings
