"""Where each kind of record lives in a records repository, and its model."""

from __future__ import annotations

from dataclasses import dataclass

from .common import Record
from .kinds import Agreement, Customer, Feedback, Meeting, Project, Report, Service, Survey


@dataclass(frozen=True, slots=True)
class Kind:
    """One kind of record: its folder under records/, file extension and model."""

    name: str
    folder: str
    extension: str
    model: type[Record]
    dated: bool = False
    """Dated kinds live in ``<folder>/<yyyy>/<yyyy-mm-dd>-<slug>.<ext>``."""

    @property
    def schema_file(self) -> str:
        """The name of this kind's JSON Schema file in ``schemas/``."""
        return f"{self.name}.schema.json"


KINDS: tuple[Kind, ...] = (
    Kind("customer", "customers", ".yaml", Customer),
    Kind("service", "services", ".yaml", Service),
    Kind("agreement", "agreements", ".yaml", Agreement),
    Kind("meeting", "meetings", ".md", Meeting, dated=True),
    Kind("survey", "surveys", ".yaml", Survey),
    Kind("report", "reports", ".yaml", Report),
    Kind("project", "projects", ".yaml", Project),
    Kind("feedback", "feedback", ".yaml", Feedback, dated=True),
)

KIND_BY_FOLDER: dict[str, Kind] = {kind.folder: kind for kind in KINDS}
KIND_BY_NAME: dict[str, Kind] = {kind.name: kind for kind in KINDS}
