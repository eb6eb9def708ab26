"""What a chart is: its file name, alt text, data table, and the plain data it is drawn from.

A spec holds only numbers and text in tuples, so that it pickles to a worker process and
hashes to a stable cache key: the same data always makes the same key.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import importlib.resources
import json
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import metadata


@functools.cache
def _matplotlib() -> str:
    """The version that draws, read without importing it (a build whose charts are all
    cached never loads matplotlib), and only when a key is made: a lean install, without
    the site extra, reads chart specs for the Markdown review pack but draws none."""
    return metadata.version("matplotlib")


DRAWING_MODULES = (
    "draw",
    "draw_practice",
    "draw_satisfaction",
    "draw_service_levels",
    "marks",
    "model",
    "style",
)
"""The modules of this package that decide how a chart looks (tests keep the list whole):
their source is part of every cache key, so that a change to any of them redraws every
chart, with no version number to remember to bump."""

Maybe = float | None

LABEL_LIMIT = 60
"""Names are wrapped onto as many lines as they need beside a chart; only longer ones are
shortened there (never in its table): they would crowd out the data."""
TITLE_LIMIT = 160
"""Titles are wrapped onto as many lines as they need above a chart; only longer ones are
shortened there (the page and the alt text say it whole)."""


def shorten(text: str, limit: int = LABEL_LIMIT) -> str:
    """``text`` cut to at most ``limit`` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class Table:
    """A chart's data as a table to show beside it."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class TrendSpec:
    """CSAT per period with its 95% interval and n; None where nobody answered."""

    title: str
    periods: tuple[str, ...]
    csat: tuple[Maybe, ...]
    low: tuple[Maybe, ...]
    high: tuple[Maybe, ...]
    n: tuple[int, ...]
    minimum: int


@dataclass(frozen=True)
class NpsSpec:
    """NPS per period with its 95% interval and how many answered the question."""

    title: str
    periods: tuple[str, ...]
    nps: tuple[Maybe, ...]
    low: tuple[Maybe, ...]
    high: tuple[Maybe, ...]
    n: tuple[int, ...]
    minimum: int


@dataclass(frozen=True)
class DistributionSpec:
    """How many answered 1, 2, 3, 4 and 5, per period."""

    title: str
    periods: tuple[str, ...]
    counts: tuple[tuple[int, int, int, int, int], ...]


@dataclass(frozen=True)
class ComparisonSpec:
    """CSAT of several groups in one period, each with its 95% interval and n."""

    title: str
    labels: tuple[str, ...]
    csat: tuple[float, ...]
    low: tuple[float, ...]
    high: tuple[float, ...]
    n: tuple[int, ...]
    minimum: int


@dataclass(frozen=True)
class LevelSpec:
    """One service level: the target and what was achieved per period (None: not measured)."""

    title: str
    unit: str
    direction: str
    target: float
    periods: tuple[str, ...]
    actual: tuple[Maybe, ...]
    met: tuple[bool | None, ...]
    """Whether each period met its target, as the table says; None: not measured."""
    targets: tuple[float, ...] = ()
    """The target in force in each period (``earlier_targets``); empty: ``target`` in all."""


@dataclass(frozen=True)
class AgreementSpec:
    """The measured service levels of one agreement, drawn as small multiples."""

    title: str
    levels: tuple[LevelSpec, ...]


@dataclass(frozen=True)
class HeatmapSpec:
    """Service-level attainment per customer (rows) and period (columns)."""

    title: str
    rows: tuple[str, ...]
    periods: tuple[str, ...]
    values: tuple[tuple[Maybe, ...], ...]
    good: float
    act: float


@dataclass(frozen=True)
class QuartersSpec:
    """Figures per quarter as lines, one per figure: shares in percent, or counts."""

    title: str
    quarters: tuple[str, ...]
    labels: tuple[str, ...]
    values: tuple[tuple[Maybe, ...], ...]
    """Per label, the value of each quarter; None where there is none (a share of none)."""
    percent: bool


Spec = (
    TrendSpec
    | NpsSpec
    | DistributionSpec
    | ComparisonSpec
    | AgreementSpec
    | HeatmapSpec
    | QuartersSpec
)


@dataclass(frozen=True)
class Chart:
    """A chart to publish: file name, alt text that states its message, and its data."""

    name: str
    alt: str
    table: Table
    spec: Spec

    @functools.cached_property
    def key(self) -> str:
        """The cache key: a hash of the drawing input and the version of the drawing code."""
        return spec_key(self.spec)


def source_hash(sources: Mapping[str, bytes]) -> str:
    """A hash of source files by name: any change to a name or a byte changes it."""
    digest = hashlib.sha256()
    for name, source in sorted(sources.items()):
        digest.update(f"{name} {len(source)}\n".encode() + source)
    return digest.hexdigest()


@functools.cache
def drawing_code() -> str:
    """The hash of the drawing modules' source, read once per process."""
    package = importlib.resources.files(__name__.rpartition(".")[0])
    return source_hash({n: package.joinpath(n + ".py").read_bytes() for n in DRAWING_MODULES})


def _fields(value: object) -> dict[str, object]:
    """A spec nested in a spec as JSON can hold it: its class name, then its fields."""
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        raise TypeError(f"a chart spec cannot hold {type(value).__name__}")
    fields = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    return {"kind": type(value).__name__, "data": fields}


def spec_key(spec: Spec) -> str:
    """A stable hash of ``spec``, the drawing code and the matplotlib version."""
    payload = {
        "spec": spec,
        "drawing_code": drawing_code(),
        "matplotlib": _matplotlib(),
    }
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, allow_nan=False, default=_fields)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
