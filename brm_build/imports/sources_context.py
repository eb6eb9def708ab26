"""What a service-level source's reader is given besides its file: the agreements the
results are for, the mapping (None for brm's own CSV, which names its agreements) and
the file's text encoding."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..model import Agreement
from .measurement_mapping import LoadedMeasurementsMapping
from .tables import SourceError


@dataclass(frozen=True)
class SourceContext:
    """The records and settings a reader needs to turn source rows into results."""

    agreements: Mapping[str, Agreement]
    mapping: LoadedMeasurementsMapping | None = None
    encoding: str | None = None

    def needed_mapping(self, source: str, feeds: str) -> LoadedMeasurementsMapping:
        """The mapping, which ``source`` needs to tell which of its ``feeds`` feeds which
        service level; SourceError without one."""
        if self.mapping is None:
            raise SourceError(f"{source} needs --map MAP: which {feeds} feeds which service level")
        return self.mapping
