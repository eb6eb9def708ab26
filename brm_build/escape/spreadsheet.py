"""CSV cells that a spreadsheet never runs as a formula (OWASP, "CSV Injection").

A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a
formula to a spreadsheet, which may run commands or send data away; such a cell is
written after a single quote, which makes it text. A plain number (``-4.5``) is left as
it is: it is no formula. ``restore`` undoes ``neutralise`` exactly, so that an export
imported again changes nothing; a cell that begins with a quote before one of those
characters (or before another quote) gets a quote too, for the same reason.
"""

from __future__ import annotations

import re

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
"""The first characters that make a cell a formula."""
_QUOTE = "'"
_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")


def _quoted(cell: str) -> bool:
    """Whether ``cell`` begins with the quote that ``neutralise`` adds."""
    return cell.startswith(_QUOTE) and cell[1:2] in (*TRIGGERS, _QUOTE)


def neutralise(cell: str) -> str:
    """``cell`` as a spreadsheet shows it as text, never as a formula."""
    formula = cell.startswith(TRIGGERS) and not _NUMBER.fullmatch(cell)
    return _QUOTE + cell if formula or _quoted(cell) else cell


def restore(cell: str) -> str:
    """The value that ``neutralise`` made ``cell`` from."""
    return cell[1:] if _quoted(cell) else cell
