"""The service-level sources of imports.md by name: each reads its export into results
(``readings.Readings``). A new source is one reader and one entry here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .jsm import read_jsm
from .prometheus import read_prometheus
from .readings import Readings
from .report_csv import read_report_csv
from .servicenow import read_servicenow
from .sources_context import SourceContext


@dataclass(frozen=True)
class MeasurementReader:
    """A source's reader, and whether it needs a mapping to know its agreements."""

    read: Callable[[str, SourceContext], Readings]
    needs_mapping: bool


READERS: dict[str, MeasurementReader] = {
    "csv": MeasurementReader(read_report_csv, needs_mapping=False),
    "servicenow-task-sla": MeasurementReader(read_servicenow, needs_mapping=True),
    "jsm-sla": MeasurementReader(read_jsm, needs_mapping=True),
    "prometheus": MeasurementReader(read_prometheus, needs_mapping=True),
}
