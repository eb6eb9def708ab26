"""The figures that read the records as they stood: the practice's quarters and every
customer's health at each quarter's end, from the versions of the record files that git
holds (``changes.versions``), read once for both."""

from __future__ import annotations

from dataclasses import dataclass, replace

from .analytics.health_history import History, health_history
from .analytics.practice import Practice, practice_figures
from .analytics.stats import Stats
from .changes.versions import Versions, read_versions
from .gitlog import History as GitHistory
from .model.repository import Repository
from .model.settings import Settings

FOLDERS = ("customers", "agreements", "meetings", "feedback", "surveys", "reports")
"""The kinds whose earlier versions the figures read."""


@dataclass(frozen=True)
class Recorded:
    """The figures of the past, quarter by quarter."""

    practice: dict[str, Practice]
    health_history: History
    note: str = ""
    """Why the git history was not read, when it was not (the records' dates alone then
    place the past in time)."""

    def into(self, stats: Stats) -> Stats:
        """``stats`` with these figures of the past."""
        return replace(
            stats,
            practice=self.practice,
            health_history=self.health_history,
            history_note=self.note,
        )


def recorded_versions(settings: Settings, history: GitHistory | None) -> Versions:
    """The committed versions of the changed record files the figures read."""
    limit = settings.config.limits.max_file_bytes
    return read_versions(settings.root, history, FOLDERS, limit)


def recorded(
    repo: Repository, settings: Settings, history: GitHistory | None, note: str = ""
) -> Recorded:
    """The practice's figures and the health history by quarter, from the records and
    their versions in git (``note``: why there is no ``history``)."""
    versions = recorded_versions(settings, history)
    practice = practice_figures(repo, versions, settings.today)
    rated = health_history(repo, versions, settings.config, list(practice), settings.today)
    return Recorded(practice, rated, note if history is None else "")
