"""Render charts to SVG, drawing only those whose data changed, in parallel.

Each chart is cached under the hash of its drawing input (``Chart.key``) in a cache
folder kept outside the output. A chart whose key is cached is read back, not drawn; the
others are drawn across the cores by a process pool, or in this process when there is
only one to draw.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from .model import Chart, Spec

Draw = Callable[[Spec], bytes]
_CACHED = re.compile(r"^[0-9a-f]{64}\.svg$")


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
    """Write ``data`` unless the file already holds it, atomically."""
    try:
        with open(path, "rb") as handle:
            if handle.read() == data:
                return
    except OSError:
        pass
    partial = path + ".partial"
    with open(partial, "wb") as handle:
        handle.write(data)
    os.replace(partial, path)


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
) -> Rendered:
    """The SVG of every chart; only those missing from ``cache_dir`` are drawn (with
    ``draw``, by default matplotlib, which is imported only when a chart is missing)."""
    names = [c.name for c in charts]
    if len(set(names)) != len(names):
        raise ValueError("two charts share a file name")
    os.makedirs(cache_dir, exist_ok=True)
    unique: dict[str, Spec] = {}
    for chart in charts:
        unique.setdefault(chart.key, chart.spec)
    missing = [k for k in unique if not os.path.exists(os.path.join(cache_dir, k + ".svg"))]
    svgs: list[bytes] = []
    if missing:
        if draw is None:
            from .draw import draw_svg

            draw = draw_svg
        svgs = _draw_all([unique[k] for k in missing], draw, workers or default_workers())
    for key, svg in zip(missing, svgs, strict=True):
        _write(os.path.join(cache_dir, key + ".svg"), svg)
    by_key: dict[str, bytes] = {}
    for key in unique:
        with open(os.path.join(cache_dir, key + ".svg"), "rb") as handle:
            by_key[key] = handle.read()
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
