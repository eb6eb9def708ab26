"""``brm diff``: what a change to the records means, record by record and field by field."""

from .changeset import Change, ChangeSet, FieldChange, OtherFile, RecordChange, Unreadable
from .render import render_markdown, render_text
from .sides import WORKING_TREE, change_set, read_changes

__all__ = [
    "WORKING_TREE",
    "Change",
    "ChangeSet",
    "FieldChange",
    "OtherFile",
    "RecordChange",
    "Unreadable",
    "change_set",
    "read_changes",
    "render_markdown",
    "render_text",
]
