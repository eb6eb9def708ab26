"""The review pack as Markdown: every value escaped, charts as their message and data."""

from __future__ import annotations

from ..site.markup import escape
from .document import INTERNAL_NOTE, Block, Pack, Table


def _cell(text: str) -> str:
    return str(escape(text)) or "–"


def _table(table: Table) -> list[str]:
    out = ["| " + " | ".join(_cell(h) for h in table.headers) + " |"]
    out.append("| " + " | ".join("---" for _ in table.headers) + " |")
    out.extend("| " + " | ".join(_cell(c) for c in row) + " |" for row in table.rows)
    return [*out, ""]


def _block(block: Block) -> list[str]:
    out: list[str] = []
    if block.title:
        out += [f"### {escape(block.title)}", ""]
    if block.is_empty:
        return [*out, f"{escape(block.empty)}", ""] if block.empty else []
    for line in block.lines:
        out += [_line(line), ""]
    if block.table is not None and block.table.rows:
        out += _table(block.table)
    elif block.table is not None and block.empty:
        out += [f"{escape(block.empty)}", ""]
    if block.chart is not None:
        out += [f"*Chart: {escape(block.chart.alt)}.*", ""]
    return out


def _line(line: str) -> str:
    """A line of text; a numbered agenda item keeps its number."""
    number, dot, rest = line.partition(". ")
    if dot and number.isdigit():
        return f"{number}. {escape(rest)}"
    return str(escape(line))


def render_markdown(pack: Pack) -> str:
    """The whole pack as one Markdown document."""
    out = [f"# {escape(pack.title)}", ""]
    if pack.internal:
        out += [f"**{escape(INTERNAL_NOTE)}**", ""]
    out += [
        f"{escape(pack.organisation)}, IT business relationship management. Period "
        f"{pack.period}, compared with {pack.previous}; figures as of {pack.today}.",
        "",
    ]
    for section in pack.sections:
        out += [f"## {escape(section.title)}", ""]
        for block in section.blocks:
            out += _block(block)
    if pack.internal:
        out += [f"**{escape(INTERNAL_NOTE)}**", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def meeting_notes(pack: Pack, command: str) -> str:
    """The start of a review meeting's notes: the pack's proposed agenda and where the
    pack is (``command`` writes it; the site links it from the unit's page)."""
    agenda = next(s for s in pack.sections if s.key == "agenda")
    lines = [line for block in agenda.blocks for line in block.lines]
    out = ["", "## Agenda", "", *(_line(line) for line in lines), ""]
    out += [
        f"Review pack {pack.period}: `{command}`, or the unit's page on the site under "
        "Review packs.",
        "",
    ]
    return "\n".join(out)
