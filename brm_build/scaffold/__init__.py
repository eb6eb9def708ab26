"""``brm new``: a correct new record from a few values, checked before it is written.

Each kind lists the values it asks for (``options``). What the command line leaves out is
asked on a terminal; the finished record (``drafts``) is checked with the whole repository
as it would be with it written (``trial``), and written only when that check passes.
"""

from .asking import ask_again, option_for
from .drafts import Draft, Problem, draft, record_path, render, schema_line, slug
from .options import MEETING_TYPES, OPTIONS, Option, Values, fill, missing
from .trial import Verdict, trial

__all__ = [
    "MEETING_TYPES",
    "OPTIONS",
    "Draft",
    "Option",
    "Problem",
    "Values",
    "Verdict",
    "ask_again",
    "draft",
    "fill",
    "missing",
    "option_for",
    "record_path",
    "render",
    "schema_line",
    "slug",
    "trial",
]
