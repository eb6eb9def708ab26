"""An Excel workbook's first sheet as rows of text, read with openpyxl: cells as a person
reads them (whole numbers without ``.0``, dates and times in ISO form)."""

from __future__ import annotations

import datetime as dt
import io
import math
import zipfile
from xml.etree.ElementTree import ParseError

from .tables import SourceError


def _text(value: object) -> str:
    """A cell's value as text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def xlsx_rows(data: bytes, path: str) -> list[list[str]]:
    """Every row of the first sheet of the workbook ``data``; SourceError when it is no
    readable workbook (not .xlsx, or damaged such as a truncated download)."""
    # imported here: openpyxl (with numpy) took a third of the start of every command
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ParseError, ValueError):
        raise SourceError(
            f"{path} cannot be read as an Excel workbook (.xlsx): it is damaged (a download "
            "cut short?) or not a workbook; download the responses again"
        ) from None
    try:
        sheet = book.worksheets[0]
        rows = [[_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    except (zipfile.BadZipFile, KeyError, OSError, ParseError, ValueError, EOFError):
        raise SourceError(
            f"{path}: the workbook's sheet cannot be read: it is damaged; download the "
            "responses again"
        ) from None
    finally:
        book.close()
    while rows and not any(c.strip() for c in rows[-1]):
        rows.pop()
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) for r in rows]
