"""What a review pack is made of: sections of plain text, tables and charts, which the
Markdown and HTML renderers both draw from, so that every format says the same."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..charts.model import Chart

NOTHING = "Nothing in this period."


@dataclass(frozen=True)
class Table:
    """Rows of text under headers."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Block:
    """A titled part of a section: lines of text, a table, a chart, or a note that there
    is nothing to show."""

    title: str = ""
    lines: tuple[str, ...] = ()
    table: Table | None = None
    chart: Chart | None = None
    empty: str = ""
    """Shown when the block has neither lines nor rows."""

    @property
    def is_empty(self) -> bool:
        """Whether there is nothing but the note to show."""
        rows = self.table.rows if self.table is not None else ()
        return not self.lines and not rows and self.chart is None


@dataclass(frozen=True)
class Section:
    """One heading of the pack and what stands under it."""

    key: str
    title: str
    blocks: tuple[Block, ...] = ()


@dataclass(frozen=True)
class Pack:
    """A whole review pack: who it is for, the period, and its sections."""

    unit: str
    name: str
    role: str
    period: str
    previous: str
    today: str
    internal: bool
    organisation: str
    sections: tuple[Section, ...] = field(default_factory=tuple)

    @property
    def title(self) -> str:
        """The pack's title, as its first heading and the HTML title say it."""
        return f"{self.name}: review pack {self.period}"


INTERNAL_NOTE = "Internal: for IT's preparation, with restricted fields. Not for the customer."
