"""What the cross-record checks read besides the record files: the committed CODEOWNERS
files, the mapping files under imports/ and the commits that changed records. Read
once per run, here: the checks and the cache key of a run both use what was read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..checks.mappings import MappingText, mapping_files, read_mapping
from ..codeowners import existing_files, read_codeowners
from ..findings import Finding
from ..gitlog import History, read_history
from ..model.settings import Settings
from ..publication import publish_findings
from ..settings import CONFIG_FILE
from ..site.mkdocs_file import mkdocs_check


@dataclass(frozen=True)
class Inputs:
    """The other inputs of one check run, as read."""

    today: dt.date
    codeowners: dict[str, str | None]
    """Each CODEOWNERS file by path; None: a link or no regular file, never read."""
    mappings: dict[str, MappingText]
    """Each mapping file by path, as read (or why it could not be)."""
    history: History | None
    """The commits that changed records; None outside a git checkout."""

    def texts(self) -> dict[str, str | None]:
        """The text of every file here, by path (None: not read)."""
        return {**self.codeowners, **{p: m.text for p, m in self.mappings.items()}}

    def key(self) -> bytes:
        """Everything here as bytes, for the cache key of a run."""
        shas = "" if self.history is None else " ".join(c.sha for c in self.history.commits)
        parts = [self.today.isoformat().encode(), shas.encode()]
        for path, text in self.texts().items():
            parts.append(path.encode() + (b"\1" if text is None else b"\0" + text.encode()))
        return b"\0\0".join(parts)


def read_inputs(settings: Settings) -> Inputs:
    """Read the other inputs of a check of the repository at ``settings.root``."""
    root = settings.root
    return Inputs(
        today=settings.today,
        codeowners={path: read_codeowners(root, path) for path in existing_files(root)},
        mappings={path: read_mapping(root, path) for path in mapping_files(root)},
        history=read_history(root, folder="records")[0],
    )


def settings_findings(settings: Settings) -> tuple[list[Finding], dict[str, str | None]]:
    """The findings on the repository's own settings files (brm.yaml's publish names, what
    mkdocs.yml sets that brm refuses) and the text of each file as read, for quoting."""
    findings = publish_findings(settings.root, settings.config, settings.config_text)
    site, texts = mkdocs_check(settings.root)
    if settings.config_text is not None:
        texts[CONFIG_FILE] = settings.config_text
    return findings + site, texts
