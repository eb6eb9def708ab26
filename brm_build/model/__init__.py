"""The records model: value types, the eight kinds and where they live."""

from .common import RESTRICTED, Person, Record, is_restricted
from .kinds import (
    Agreement,
    Customer,
    Feedback,
    Meeting,
    Project,
    Report,
    Service,
    Survey,
)
from .registry import KIND_BY_FOLDER, KIND_BY_NAME, KINDS, Kind

__all__ = [
    "KINDS",
    "KIND_BY_FOLDER",
    "KIND_BY_NAME",
    "RESTRICTED",
    "Agreement",
    "Customer",
    "Feedback",
    "Kind",
    "Meeting",
    "Person",
    "Project",
    "Record",
    "Report",
    "Service",
    "Survey",
    "is_restricted",
]
