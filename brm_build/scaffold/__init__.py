"""``brm new``: a correct new record from a few values, checked before it is written.

Each kind lists the values it asks for (``options``). What the command line leaves out is
asked on a terminal; the finished record is checked before the command writes it
(``drafts``).
"""

from .drafts import Draft, draft, record_path, render, schema_line, slug
from .options import MEETING_TYPES, OPTIONS, Option, Values, fill, missing

__all__ = [
    "MEETING_TYPES",
    "OPTIONS",
    "Draft",
    "Option",
    "Values",
    "draft",
    "fill",
    "missing",
    "record_path",
    "render",
    "schema_line",
    "slug",
]
