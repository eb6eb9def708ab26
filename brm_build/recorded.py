"""The figures that read the records as they stood: the practice's quarters, from the
versions of the record files that git holds (``changes.versions``)."""

from __future__ import annotations

from .analytics.practice import Practice, practice_figures
from .changes.versions import Versions, read_versions
from .gitlog import History
from .model.repository import Repository
from .model.settings import Settings

FOLDERS = ("customers", "agreements", "meetings", "feedback")
"""The kinds whose earlier versions the figures read."""


def recorded_versions(settings: Settings, history: History | None) -> Versions:
    """The committed versions of the changed record files the figures read."""
    limit = settings.config.limits.max_file_bytes
    return read_versions(settings.root, history, FOLDERS, limit)


def practice(repo: Repository, settings: Settings, history: History | None) -> dict[str, Practice]:
    """The practice's figures by quarter, from the records and their versions in git."""
    return practice_figures(repo, recorded_versions(settings, history), settings.today)
