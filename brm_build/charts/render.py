"""Render charts to SVG, drawing only those whose data changed, in parallel.

Each chart is cached under the hash of its drawing input (``Chart.key``) in a cache
folder kept outside the output. A cached chart is used only when a manifest signed with
brm's secret key lists it and its bytes match the digest there; anything else (a file
committed to the repository, a link, a truncated file) is drawn again. The missing charts
are drawn across the cores by a process pool, or in this process when there is only one.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from ..cache import _signature
from ..outputs import replace_whole
from .model import Chart, Spec

Draw = Callable[[Spec], bytes]
_CACHED = re.compile(r"^[0-9a-f]{64}\.svg$")
FORMAT = "brm-chart-cache 1"
MANIFEST = "manifest.txt"
MAX_SVG_BYTES = 64 << 20
"""A larger cached chart is drawn again (brm draws none that large)."""


@dataclass(frozen=True)
class Rendered:
    """The SVG of every chart by file name, and which charts were drawn or reused."""

    svgs: dict[str, bytes]
    drawn: tuple[str, ...]
    reused: tuple[str, ...]


def _draw_all(specs: Sequence[Spec], draw: Draw, workers: int) -> list[bytes]:
    """Draw every spec, across ``workers`` processes when there is more than one."""
    if workers <= 1 or len(specs) <= 1:
        return [draw(spec) for spec in specs]
    with ProcessPoolExecutor(max_workers=min(workers, len(specs))) as pool:
        chunk = max(1, len(specs) // (4 * workers))
        return list(pool.map(draw, specs, chunksize=chunk))


def _write(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all, replacing whatever is there (a link
    too: the link is replaced, its target is never written); a file that already holds
    ``data`` is left as it is."""
    if _read_file(path, len(data)) != data:
        replace_whole(path, data, ".chart-")


def _read_file(path: str, limit: int) -> bytes | None:
    """The bytes of the regular file ``path``, never through a link; None when it is not
    one or holds more than ``limit`` bytes."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            return None
        data = handle.read(limit + 1)
    return data if len(data) <= limit else None


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def _manifest(cache_dir: str, secret: bytes) -> dict[str, str]:
    """The digest of every cached chart, from the manifest if this key signed it."""
    data = _read_file(os.path.join(cache_dir, MANIFEST), MAX_SVG_BYTES)
    head, _, body = (data or b"").partition(b"\n")
    if head != f"{FORMAT} {_signature(secret, body)}".encode():
        return {}  # none, another key's, or tampered with: every chart is drawn
    try:
        entries = json.loads(body)
    except ValueError:
        return {}
    if not isinstance(entries, dict):
        return {}
    return {k: v for k, v in entries.items() if isinstance(k, str) and isinstance(v, str)}


def _save_manifest(cache_dir: str, secret: bytes, digests: Mapping[str, str]) -> None:
    body = json.dumps(dict(sorted(digests.items())), separators=(",", ":")).encode()
    _write(
        os.path.join(cache_dir, MANIFEST), f"{FORMAT} {_signature(secret, body)}\n".encode() + body
    )


def _cached(cache_dir: str, key: str, digests: Mapping[str, str]) -> bytes | None:
    """The cached SVG of ``key``, if the signed manifest vouches for its bytes."""
    data = _read_file(os.path.join(cache_dir, key + ".svg"), MAX_SVG_BYTES)
    if data is None or digests.get(key) != _digest(data):
        return None
    return data


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def render_charts(
    charts: Sequence[Chart],
    cache_dir: str,
    workers: int | None = None,
    draw: Draw | None = None,
    prune: bool = True,
    *,
    secret: bytes,
) -> Rendered:
    """The SVG of every chart; only those not cached in ``cache_dir`` under a manifest
    signed with ``secret`` are drawn (with ``draw``, by default matplotlib, which is
    imported only when a chart is missing)."""
    names = [c.name for c in charts]
    if len(set(names)) != len(names):
        raise ValueError("two charts share a file name")
    os.makedirs(cache_dir, exist_ok=True)
    unique: dict[str, Spec] = {}
    for chart in charts:
        unique.setdefault(chart.key, chart.spec)
    digests = _manifest(cache_dir, secret)
    by_key = {k: data for k in unique if (data := _cached(cache_dir, k, digests)) is not None}
    missing = [k for k in unique if k not in by_key]
    if missing:
        if draw is None:
            from .draw import draw_svg

            draw = draw_svg
        svgs = _draw_all([unique[k] for k in missing], draw, workers or default_workers())
        for key, svg in zip(missing, svgs, strict=True):
            _write(os.path.join(cache_dir, key + ".svg"), svg)
            by_key[key] = svg
    kept = {k: _digest(by_key[k]) for k in unique}
    _save_manifest(cache_dir, secret, kept if prune else {**digests, **kept})
    if prune:
        _prune(cache_dir, set(unique))
    drawn = set(missing)
    return Rendered(
        svgs={c.name: by_key[c.key] for c in charts},
        drawn=tuple(c.name for c in charts if c.key in drawn),
        reused=tuple(c.name for c in charts if c.key not in drawn),
    )


def write_charts(rendered: Rendered, out_dir: str) -> list[str]:
    """Write every rendered chart into ``out_dir``; return the paths."""
    os.makedirs(out_dir, exist_ok=True)
    paths = []
    for name, svg in rendered.svgs.items():
        path = os.path.join(out_dir, name)
        _write(path, svg)
        paths.append(path)
    return paths


def _prune(cache_dir: str, keep: set[str]) -> None:
    """Remove cached charts that no current chart uses, so the cache does not grow."""
    for name in os.listdir(cache_dir):
        if _CACHED.fullmatch(name) and name[:-4] not in keep:
            os.remove(os.path.join(cache_dir, name))
