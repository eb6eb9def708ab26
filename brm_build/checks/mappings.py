"""Mapping files are records too (imports.md): every ``imports/*.yaml`` is validated
against its schema ("did you mean" for an unknown key), its values must name records
that exist, and the survey it names must agree with it; a service-level mapping's series
must name agreements and service levels that exist."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from ..findings import Finding, Severity, error
from ..imports.mapping import MAX_MAPPING_BYTES, LoadedMapping, against_survey, parse_mapping_text
from ..imports.measurement_mapping import (
    against_agreements,
    names_measurements,
    parse_measurements_mapping,
)
from ..imports.openslo import AGREEMENT_ANNOTATION, is_openslo, read_openslo
from ..model.repository import Repository
from ..reading import read_text
from .references import unknown_reference

IMPORTS = "imports"


def mapping_files(root: str) -> list[str]:
    """The mapping files of the repository at ``root`` (paths relative to it), in order;
    a symbolic link is never followed."""
    folder = os.path.join(root, IMPORTS)
    if os.path.islink(folder) or not os.path.isdir(folder):
        return []
    return sorted(
        f"{IMPORTS}/{name}"
        for name in os.listdir(folder)
        if name.endswith((".yaml", ".yml")) and not name.startswith(".")
    )


def _references(repo: Repository, loaded: LoadedMapping) -> list[Finding]:
    findings = []
    for name, kind in (("customer", "customer"), ("service", "service")):
        answers = getattr(loaded.mapping.values, name) or {}
        known = repo.files.get(kind, set())
        for answer, rid in answers.items():
            if rid not in known:
                loc = ("values", name, answer)
                findings.append(unknown_reference(loaded, loc, kind, rid, known))
    return findings


def _survey(repo: Repository, loaded: LoadedMapping) -> list[Finding]:
    entry = repo.surveys.get(loaded.mapping.survey)
    exists = loaded.mapping.survey in repo.files.get("survey", set())
    period = entry.record.period if entry is not None else None
    return against_survey(loaded, exists, period)


@dataclass(frozen=True)
class MappingText:
    """A mapping file as the check read it: its text, or None and why not."""

    text: str | None
    problems: list[Finding]


def read_mapping(root: str, path: str) -> MappingText:
    """Read the mapping file ``path`` of the repository at ``root``; a link is not read."""
    abspath = os.path.join(root, *path.split("/"))
    if os.path.islink(abspath):
        message = "a symbolic link: brm reads no file through one; put the mapping here"
        return MappingText(None, [error("file-symlink", path, 1, 1, "", message)])
    text, problems = read_text(abspath, path, MAX_MAPPING_BYTES)
    return MappingText(text, problems)


def check_mappings(repo: Repository, mappings: Mapping[str, MappingText]) -> list[Finding]:
    """The findings of every mapping file under imports/, as read by the run."""
    findings: list[Finding] = []
    for path, read in mappings.items():
        findings += read.problems
        if read.text is None:
            continue
        if is_openslo(read.text):
            findings += _openslo(repo, read.text, path)
            continue
        if names_measurements(read.text, path):
            findings += _measurements(repo, read.text, path)
            continue
        loaded, problems = parse_mapping_text(read.text, path)
        findings += problems
        if loaded is not None:
            findings += _references(repo, loaded) + _survey(repo, loaded)
    return findings


def _measurements(repo: Repository, text: str, path: str) -> list[Finding]:
    """A service-level mapping: its schema, and series that name what exists."""
    loaded, problems = parse_measurements_mapping(text, path)
    if loaded is None:
        return problems
    agreements = {aid: entry.record for aid, entry in repo.agreements.items()}
    return problems + against_agreements(loaded, agreements)


def _openslo(repo: Repository, text: str, path: str) -> list[Finding]:
    """An OpenSLO file for ``brm import service-levels``: what the import would refuse
    in it, and agreements its annotations name that do not exist. Its warnings (a rolling
    window) are the import's to say, not every check's."""
    parsed = read_openslo(text, path)
    found = [f for f in parsed.findings if f.severity is Severity.ERROR]
    known = repo.files.get("agreement", set())
    for level in parsed.levels:
        if level.agreement is not None and level.agreement not in known:
            message = (
                f"{AGREEMENT_ANNOTATION} names the agreement '{level.agreement}', and there "
                f"is no records/agreements/{level.agreement}.yaml"
            )
            line = level.annotation_line or level.line
            found.append(error("openslo-agreement", path, line, 1, "", message))
    return found
