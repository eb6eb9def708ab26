"""The hostile cases whose files are too large, or too fragile, to keep in git: made at
test time. Line ends, byte-order marks, NUL bytes and invalid UTF-8 do not survive
editors and git settings, and a file of gigabytes should not be committed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

SERVICE = "name: {name}\nowner:\n  name: Ola Owner\n  email: ola@meridian.example\nstatus: live\n"
LONG = 500_000
"""Characters in the "very long line" of a record: half a megabyte on one line."""
MANY = 12_000
"""Keys in the cases that were quadratic: seconds when linear, minutes when not."""


def _write(root: Path, rel: str, content: bytes | str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)


def _service(name: str, extra: str = "") -> str:
    return SERVICE.format(name=name) + extra


def deep_nesting(root: Path) -> None:
    """Nesting past libyaml's limit, and past ours, in flow and block style."""
    depth = 10_000
    _write(root, "records/services/flow.yaml", "name: " + "[" * depth + "]" * depth + "\n")
    _write(root, "records/services/braces.yaml", "name: " + "{a: " * depth + "}" * depth + "\n")
    block = "".join("  " * i + f"level{i}:\n" for i in range(1, 200)) + "  " * 200 + "end: 1\n"
    _write(root, "records/services/block.yaml", _service("Deep", "support_hours:\n") + block)
    _write(root, "records/services/sequence.yaml", "name:\n" + "- " * 5_000 + "x\n")


def long_line(root: Path) -> None:
    """Half a megabyte on one line: valid, and with an error at its very end."""
    _write(root, "records/services/long.yaml", _service("Long", f"description: {'a' * LONG}\n"))
    _write(
        root, "records/services/long-error.yaml", _service("Long", f"description: '{'a' * LONG}\n")
    )


def file_too_large(root: Path) -> None:
    """Far larger than any record: five megabytes, and a sparse file of four gigabytes
    that must never be read whole (the test's memory limit is one gigabyte)."""
    _write(root, "records/services/big.yaml", _service("Big", "tags:\n" + "- tag\n" * 900_000))
    with open(root / "records/services/sparse.yaml", "wb") as handle:
        handle.truncate(4 << 30)


def invalid_utf8(root: Path) -> None:
    """Bytes that are not UTF-8, in every way they commonly are not."""
    cases = {
        "latin1": _service("Caf\xe9").encode("latin-1"),
        "continuation": b"name: a\x80b\n",
        "overlong": b"name: \xc0\xaf\n",
        "surrogate": b"name: \xed\xa0\x80\n",
        "truncated": b"name: caf\xc3",
        "utf16": _service("Wide").encode("utf-16"),
    }
    for name, content in cases.items():
        _write(root, f"records/services/{name}.yaml", content)
    _write(root, "records/meetings/2026/2026-05-21-latin.md", b"---\ntitle: \xff\n---\n")


def byte_order_mark(root: Path) -> None:
    """A byte-order mark before valid records is accepted; a second one is not."""
    for rel in (
        "records/customers/finance.yaml",
        "records/meetings/2026/2026-05-20-finance-review.md",
    ):
        _write(root, rel, b"\xef\xbb\xbf" + (root / rel).read_bytes())
    _write(root, "records/services/double.yaml", "\ufeff\ufeff" + _service("Double"))


def crlf(root: Path) -> None:
    """Windows and old Mac line ends read as well as Unix ones."""
    for path in sorted((root / "records").rglob("*.*")):
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    _write(root, "records/services/old-mac.yaml", _service("Carriage returns").replace("\n", "\r"))


def nul_bytes(root: Path) -> None:
    """NUL bytes in values, keys and meeting notes."""
    _write(root, "records/services/quoted.yaml", _service('"Null\x00byte"'))
    _write(root, "records/services/plain.yaml", _service("Null\x00byte"))
    _write(root, "records/services/key.yaml", _service("Key") + "sta\x00tus: live\n")
    meeting = "records/meetings/2026/2026-05-20-finance-review.md"
    _write(root, meeting, (root / meeting).read_text() + "Notes with a \x00 NUL.\n")


def many_duplicate_keys(root: Path) -> None:
    """Many keys, then the last one repeated many times (was quadratic to report)."""
    keys = "".join(f"k{i}: 1\n" for i in range(MANY))
    _write(root, "records/services/repeats.yaml", keys + f"k{MANY - 1}: 1\n" * MANY)


def many_unknown_fields(root: Path) -> None:
    """A record of many unknown fields: a finding each, located without a scan each."""
    fields = "".join(f"field{i}: 1\n" for i in range(MANY))
    _write(root, "records/services/unknown.yaml", _service("Unknown", fields))


def secret_scan_backtracking(root: Path) -> None:
    """Text that made the token pattern scan again from every "eyJ" (was quadratic)."""
    _write(
        root,
        "records/services/tokens.yaml",
        _service("Tokens", f"description: {'eyJ-' * 100_000}\n"),
    )
    meeting = "records/meetings/2026/2026-05-20-finance-review.md"
    _write(root, meeting, (root / meeting).read_text() + "eyJ-" * 100_000 + "\n")


def number_backtracking(root: Path) -> None:
    """A long run of digits where a number is expected (the hint's pattern was cubic)."""
    digits = "1" * 20_000 + "x"
    survey = (
        f"title: Survey\nperiod: 2026-Q1\nresponses:\n  - customer: finance\n    csat: '{digits}'\n"
    )
    _write(root, "records/surveys/digits.yaml", survey)


def late_syntax_errors(root: Path) -> None:
    """A mistake at the end of a large record, where explaining it reads back over every
    line, and on a line of half a megabyte."""
    tags = "tags:\n" + "  - tag\n" * MANY
    cases = {
        "misaligned": _service("Late", tags + " support_hours: office\n"),
        "glued": _service("Late", tags + "support_hours:office\n"),
        "tab": _service("Late", tags + "\tsupport_hours: office\n"),
        "closed-later": 'name: Late\ndescription: "open\n' + "k: v\n" * MANY + 'status: "live"\n',
        "colon": _service("Long", f"description: {'a' * LONG}: b\n"),
        "glued-long": _service("Long", f"description:{'a' * LONG}\nsupport_hours: office\n"),
    }
    for name, text in cases.items():
        _write(root, f"records/services/{name}.yaml", text)


GENERATED: dict[str, Callable[[Path], None]] = {
    "deep-nesting": deep_nesting,
    "long-line": long_line,
    "file-too-large": file_too_large,
    "invalid-utf8": invalid_utf8,
    "byte-order-mark": byte_order_mark,
    "crlf": crlf,
    "nul-bytes": nul_bytes,
    "many-duplicate-keys": many_duplicate_keys,
    "many-unknown-fields": many_unknown_fields,
    "secret-scan-backtracking": secret_scan_backtracking,
    "number-backtracking": number_backtracking,
    "late-syntax-errors": late_syntax_errors,
}
"""Case name to the function that writes its files over the base records."""
