"""Text for one line of a terminal or CI log: what a record or a file name holds can end
no line, start none, recolour or clear the screen, or reorder what is shown."""

from __future__ import annotations

import re

# Control characters (line ends included), and the bidirectional controls that reorder
# how text is shown: a record could use them to fake, recolour or disguise log lines.
_UNPRINTABLE = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def printable(text: str) -> str:
    """``text`` with every control character written as an escape, such as ``\\x1b`` or
    ``\\n``; a tab is left as it is."""
    return _UNPRINTABLE.sub(lambda m: ascii(m.group(0))[1:-1], text)
