"""A spreadsheet's bytes as text: UTF-8 as 'CSV UTF-8' saves it (with or without a
byte-order mark), or the encoding a person names, such as cp1252 for an older Excel
'CSV' on Windows. A file in another encoding is told how to save it or name it."""

from __future__ import annotations

import codecs

_GUESS = "cp1252"
"""What Excel on Windows in Western Europe and the Americas writes as plain 'CSV'."""


def _where(data: bytes, start: int) -> str:
    """The spreadsheet row (the header is row 1) and the byte at ``start``."""
    row = data.count(b"\n", 0, start) + 1
    return f"row {row} holds the byte 0x{data[start]:02x}"


def _not_utf8(data: bytes, exc: UnicodeDecodeError) -> str:
    """Why the file is not UTF-8, and the two ways on."""
    where = _where(data, exc.start)
    try:
        char = data[exc.start : exc.start + 1].decode(_GUESS)
    except UnicodeDecodeError:
        name = "--encoding ENCODING (such as cp1252 or latin-1)"
    else:
        where += f", which is '{char}' in Windows-1252"
        name = f"--encoding {_GUESS}"
    return (
        f"is not UTF-8 ({where}): save it from the spreadsheet as 'CSV UTF-8', "
        f"or name its encoding with {name}"
    )


def decode(data: bytes, file: str, encoding: str | None) -> tuple[str | None, str]:
    """The text of the spreadsheet ``file`` (else None), or why it cannot be read."""
    name = "utf-8" if encoding is None else encoding
    try:
        codec = codecs.lookup(name)
    except LookupError:
        return None, f"--encoding {encoding}: no such encoding; give one such as cp1252 or latin-1"
    try:
        return data.decode("utf-8-sig" if codec.name == "utf-8" else codec.name), ""
    except UnicodeDecodeError as exc:
        if encoding is None:
            return None, f"{file} {_not_utf8(data, exc)}"
        return None, f"{file} is not {encoding} ({_where(data, exc.start)}): name its encoding"
