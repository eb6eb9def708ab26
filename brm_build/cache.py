"""Per-file check results kept between runs, keyed by each file's content.

What loading one record file yields (its findings and its validated record) depends only
on the file's text, path and kind, the organisation settings, the checks that look at one
file, and brm's own code. The key hashes all of them, so an entry can never be stale: an
edit, a rename or a new brm version simply misses.

The findings of a whole run are kept too, keyed by the keys of every record file and
whatever else the cross-record checks read (the date, CODEOWNERS): a run over exactly the
same files gives them without loading a record. Any change misses, and then each
cross-record check's findings are kept apart, keyed by the files of the kinds it reads and
the rest it reads (see :mod:`brm_build.check.steps`): a check whose inputs did not change
is not run again, nor are the records only it reads restored.

The cache is sixteen text files, a line per record file, each signed with a secret key kept outside
the repository: a cache file committed by someone else fails the signature and is ignored,
and the CLI turns the cache off when the key would be inside the checkout or the cache
folder is committed or a link (see :mod:`brm_build.trust`).
Records are stored as pydantic's JSON and validated again on reading (fast, in Rust),
which also means a stored record is never trusted blindly.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass

import pydantic
import yaml

from . import __version__
from .files import read_at_most
from .findings import Finding, Severity
from .model.settings import CacheSettings, Settings
from .outputs import replace_whole

FORMAT = "brm-check-cache 1"
SHARDS = "0123456789abcdef"
"""The entries are kept in one file per first hex digit of their key, so that a run that
changed a few files rewrites a few sixteenths of the cache, not all of it."""
LEGACY_FILE = "records.txt"
"""Where all entries were kept before they were split: removed when the cache is saved."""


def shard_file(shard: str) -> str:
    """The name of the file of the entries whose keys start with ``shard``."""
    return f"records-{shard}.txt"


RUN_FILE = "run.txt"
_KEY_BYTES = 32
MAX_BYTES = 1 << 30
"""A larger cache file is not read (its signature could not fit, as it is never written)."""


@dataclass(frozen=True, slots=True)
class Stored:
    """What one record file yielded: its record as JSON (None when errors kept it out)
    and its findings."""

    record: str | None
    findings: tuple[Finding, ...]


def _code_digest() -> bytes:
    """A digest of brm's own source and the versions of what parses and validates, so
    that a changed check, model or library misses."""
    package = os.path.dirname(os.path.abspath(__file__))
    versions = (__version__, pydantic.VERSION, yaml.__version__, sys.version)
    digest = hashlib.blake2b("\0".join(versions).encode(), digest_size=16)
    for folder, dirs, files in sorted(os.walk(package)):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                with open(os.path.join(folder, name), "rb") as handle:
                    digest.update(name.encode() + b"\0" + handle.read())
    return digest.digest()


def _finding_row(f: Finding) -> list[object]:
    row: list[object] = [f.code, f.severity.value, f.path, f.line, f.column, f.field]
    row += [f.message, list(f.related), f.quote]
    return row


def encode_findings(findings: Sequence[Finding]) -> str:
    """Findings as one line of JSON."""
    return json.dumps([_finding_row(f) for f in findings])


def decode_findings(text: str) -> tuple[Finding, ...]:
    """The findings of ``encode_findings``'s line."""
    return tuple(
        Finding(c, Severity(s), p, line, col, field, msg, tuple(rel), quote)
        for c, s, p, line, col, field, msg, rel, quote in json.loads(text)
    )


def _name(file_check: object) -> str:
    """A one-file check's stable name: its function's, or its class's for an object."""
    named = file_check if hasattr(file_check, "__qualname__") else type(file_check)
    return f"{getattr(named, '__module__', '')}.{getattr(named, '__qualname__', '')}"


def _secret(key_file: str) -> bytes | None:
    """The signing key, made on first use; None when it can be neither read nor made."""
    try:  # never through a link: the key is a file of brm's own
        with os.fdopen(os.open(key_file, os.O_RDONLY | os.O_NOFOLLOW), "rb") as handle:
            key = handle.read(_KEY_BYTES + 1)
        if len(key) == _KEY_BYTES:
            return key
    except OSError:
        pass
    try:
        os.makedirs(os.path.dirname(key_file), mode=0o700, exist_ok=True)
        key = os.urandom(_KEY_BYTES)
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(key)
        return key
    except OSError:
        return None


def _linked(folder: str) -> bool:
    """Whether the cache folder or the one above it is a symbolic link: one committed to
    the repository could make brm write wherever it points."""
    return os.path.islink(folder) or os.path.islink(os.path.dirname(folder))


def _signature(secret: bytes, body: bytes) -> str:
    return hmac.new(secret, body, hashlib.blake2b).hexdigest()


class FileCache:
    """The stored results of one records repository: read once, looked up per file,
    written back with only the files seen in this run."""

    def __init__(self, place: CacheSettings, salt: bytes, secret: bytes) -> None:
        self.place = place
        self.salt = salt
        self.secret = secret
        self.lines: dict[str, str] | None = None
        """The stored entries, read on first use (a run found whole needs none)."""
        self.used: dict[str, str] = {}
        self.changed: set[str] = set()
        """The shards that got an entry in this run."""

    @classmethod
    def open(cls, settings: Settings, file_checks: Sequence[object]) -> FileCache | None:
        """The cache for ``settings``; None when it is switched off or has no key."""
        place = settings.cache
        if place is None or _linked(place.folder):
            return None
        secret = _secret(place.key_file)
        if secret is None:
            return None
        checks = ",".join(_name(c) for c in file_checks)
        config = settings.config.model_dump_json().encode()
        salt = b"\0".join((FORMAT.encode(), _code_digest(), config, checks.encode()))
        return cls(place, hashlib.blake2b(salt, digest_size=16).digest(), secret)

    def _read_signed(self, name: str) -> str | None:
        """The body of a cache file, if this key signed it."""
        try:
            raw = read_at_most(os.path.join(self.place.folder, name), MAX_BYTES + 1)
        except OSError:
            return None
        head, _, body = raw.partition(b"\n")
        if head != f"{FORMAT} {_signature(self.secret, body)}".encode():
            return None  # written by another key or version, or tampered with: start afresh
        return body.decode("utf-8")

    def _write_signed(self, name: str, body: bytes) -> None:
        """Replace a cache file with ``body``, signed; a failure only costs time later."""
        if len(body) > MAX_BYTES:
            return
        head = f"{FORMAT} {_signature(self.secret, body)}\n".encode()
        try:
            os.makedirs(self.place.folder, exist_ok=True)
            replace_whole(os.path.join(self.place.folder, name), head + body, ".records-")
        except OSError:
            return

    def _entries(self) -> dict[str, str]:
        if self.lines is None:
            self.lines = {}
            for shard in SHARDS:
                body = self._read_signed(shard_file(shard))
                for line in (body or "").split("\n"):  # not splitlines: JSON may hold U+2028
                    key, _, rest = line.partition("\t")
                    if rest and key.startswith(shard):
                        self.lines[key] = rest
        return self.lines

    def key(self, kind: str, path: str, text: str) -> str:
        """The key of a record file with this content at this path."""
        digest = hashlib.blake2b(self.salt, digest_size=20)
        digest.update(f"{kind}\0{path}\0".encode())
        digest.update(text.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def get(self, key: str) -> Stored | None:
        """What the file with ``key`` yielded last time, if it is stored."""
        line = self._entries().get(key)
        if line is None:
            return None
        record, _, findings = line.partition("\t")
        self.used[key] = line
        return Stored(
            None if record == "-" else record,
            () if findings == "[]" else decode_findings(findings),
        )

    def valid(self, key: str) -> bool:
        """Whether the file with ``key`` is stored with a valid record (not marking it
        used, unlike ``get``)."""
        line = self._entries().get(key)
        return line is not None and not line.startswith("-\t")

    def put(self, key: str, stored: Stored) -> None:
        """Keep what a file yielded, for the next run."""
        record = "-" if stored.record is None else stored.record
        self.used[key] = f"{record}\t{encode_findings(stored.findings)}"
        self.changed.add(key[:1])

    def save(self) -> None:
        """Write back the shards that got an entry or hold one this run did not use, with
        the entries of this run's files only; a cache that cannot be written is no error,
        only slower next time."""
        if not self.changed and len(self.used) == len(self._entries()):
            return  # every entry read back, none new (those used are among those read)
        used: dict[str, list[str]] = {shard: [] for shard in SHARDS}
        for key, line in self.used.items():
            used.setdefault(key[:1], []).append(f"{key}\t{line}\n")
        stored = dict.fromkeys(SHARDS, 0)
        for key in self._entries():
            stored[key[:1]] += 1
        for shard in SHARDS:
            if shard in self.changed or len(used[shard]) != stored[shard]:
                self._write_signed(shard_file(shard), "".join(used[shard]).encode("utf-8"))
        with contextlib.suppress(OSError):
            os.remove(os.path.join(self.place.folder, LEGACY_FILE))

    def get_text(self, name: str) -> str | None:
        """The text kept in the cache file ``name``, if this key signed it."""
        return self._read_signed(name)

    def put_text(self, name: str, text: str) -> None:
        """Keep ``text`` in the cache file ``name``, signed."""
        self._write_signed(name, text.encode("utf-8"))

    def run_key(self, file_keys: Sequence[str], other: bytes) -> str:
        """The key of a whole run: every record file's key, in order, and ``other``, the
        rest of what the cross-record checks read."""
        digest = hashlib.blake2b(self.salt, digest_size=20)
        digest.update(b"run\0" + "\0".join(file_keys).encode() + b"\0")
        digest.update(other)
        return digest.hexdigest()

    def get_run(self, key: str, name: str = RUN_FILE) -> tuple[Finding, ...] | None:
        """The findings of the last run (or with ``name``, of the last run of one check
        kept there), if its key was ``key``."""
        body = self._read_signed(name)
        stored, _, findings = (body or "").partition("\t")
        if not findings or stored != key:
            return None
        return decode_findings(findings)

    def put_run(self, key: str, findings: Sequence[Finding], name: str = RUN_FILE) -> None:
        """Keep the findings of this run (or of one check, in ``name``), in place of the
        last one."""
        body = f"{key}\t{encode_findings(findings)}"
        self._write_signed(name, body.encode("utf-8"))
