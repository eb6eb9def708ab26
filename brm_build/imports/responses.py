"""Every row of a survey export as a response or the reason it is none, in row order: the
rows the import reads by the ten thousand, each as ``answers.response`` makes it.

A survey's answers repeat, and so do their combinations: a row whose cells were each met
before in a converted row is made from what they became, and a combination of them made
once is copied, without reading the answers again; the refs are hashed for all rows at
once. Any other row goes through ``answers.response``, which meets its answers in row
order (where an unmapped answer is first seen matters to the findings)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from operator import getitem, itemgetter

from .answers import (
    Matcher,
    RowProblem,
    RowSkipped,
    Value,
    check_skipped,
    customer_of_email,
    response,
    response_key,
    response_refs,
    row_ref,
)
from .tables import Row, uncollected

Outcome = dict[str, Value] | RowProblem | RowSkipped


def _refs(m: Matcher, rows: Sequence[Row]) -> list[str]:
    if m.own_ref:
        return [row_ref(m, row) for row in rows]
    if m.key_at is None and m.id_at is None:
        keys: Iterable[str] = map("\x1f".join, map(itemgetter(1), rows))
    else:
        keys = [response_key(m, row.cells) for row in rows]
    return response_refs(m.survey, keys)


class _Known:
    """What each cell of the fields with a value of their own became in a converted row
    (None: not answered), and the answers that each combination of such cells makes."""

    def __init__(self, m: Matcher) -> None:
        by_email = m.loaded.mapping.customer_by_email
        plan = [(n, i) for n, i in m.plan if n != "comment" and not (n == "customer" and by_email)]
        self.plan = plan
        self.names = tuple(name for name, _ in plan)
        self.seen: tuple[dict[str, Value | None], ...] = tuple({} for _ in plan)
        self.made: dict[tuple[str, ...], dict[str, Value]] = {}
        self.comment = dict(m.plan).get("comment")
        at = [i for _, i in plan]
        self.cells: Callable[[Sequence[str]], tuple[str, ...]] = (
            itemgetter(*at) if len(at) > 1 else lambda cells: tuple(cells[i] for i in at)
        )
        """The row's cells of those fields, a tuple even of one (C's loop for several)."""

    def learn(self, cells: Sequence[str], values: dict[str, Value]) -> None:
        """Keep what the cells of a converted row became."""
        for (name, i), seen in zip(self.plan, self.seen, strict=True):
            if i < len(cells):
                seen[cells[i]] = values.get(name)

    def answers(self, cells: Sequence[str]) -> dict[str, Value] | None:
        """The answers that the row's cells make, in the order records write them; None
        when one of them was not met in a converted row, or the row is short of one."""
        try:
            key = self.cells(cells)
        except IndexError:
            return None
        made = self.made.get(key)
        if made is not None:
            return made
        try:
            found = tuple(map(getitem, self.seen, key))
        except KeyError:
            return None
        made = {n: v for n, v in zip(self.names, found, strict=True) if v is not None}
        self.made[key] = made
        return made


def _slow(m: Matcher, known: _Known, row: Row) -> Outcome:
    """The response of ``row`` as ``answers.response`` makes it, its cells then known."""
    try:
        values = response(m, row)
    except (RowProblem, RowSkipped) as outcome:
        return outcome
    known.learn(row.cells, values)
    return values


def _finish(
    m: Matcher, known: _Known, cells: Sequence[str], out: dict[str, Value], ref: str
) -> None:
    at = known.comment
    if at is not None and at < len(cells) and (text := cells[at].strip()) not in m.skip:
        out["comment"] = text.replace("\r\n", "\n")
    out["ref"] = ref


def _checked(m: Matcher, known: _Known, row: Row, ref: str) -> Outcome:
    """The response of a row of a source that checks rows, or of a mapping that finds the
    customer by e-mail (the rows of others are as ``_plain`` makes them)."""
    try:
        if m.row_checks:
            check_skipped(m, row)
        answers = known.answers(row.cells)
        if answers is None:
            return _slow(m, known, row)
        out: dict[str, Value] = {}
        if m.loaded.mapping.customer_by_email:
            out["customer"] = customer_of_email(m, row)
    except (RowProblem, RowSkipped) as outcome:
        return outcome
    out.update(answers)
    _finish(m, known, row.cells, out, ref)
    return out


def _plain(m: Matcher, known: _Known, rows: Sequence[Row], refs: list[str]) -> list[Outcome]:
    """The responses of rows that need no check of their own: this loop is most of an
    import of many thousand rows, so it keeps to what each row needs (``_finish`` inline)."""
    key, made, skip = known.cells, known.made.get, m.skip
    at = known.comment if known.comment is not None else -1
    out: list[Outcome] = []
    for row, ref in zip(rows, refs, strict=True):
        cells = row.cells
        try:
            answers = made(key(cells))
        except IndexError:  # a short row
            answers = None
        if answers is None:  # a combination not met yet, or a short row
            answers = known.answers(cells)
            if answers is None:
                out.append(_slow(m, known, row))
                continue
        values = answers.copy()
        if 0 <= at < len(cells) and (text := cells[at].strip()) not in skip:
            values["comment"] = text.replace("\r\n", "\n")
        values["ref"] = ref
        out.append(values)
    return out


def responses(m: Matcher, rows: Sequence[Row]) -> list[Outcome]:
    """The response of each row, or why it makes none (RowProblem or RowSkipped)."""
    known = _Known(m)
    with uncollected():  # responses of text and numbers hold no cycles
        if not known.names:  # nothing to know a row by: each as answers.response makes it
            return [_slow(m, known, row) for row in rows]
        refs = _refs(m, rows)
        if m.row_checks or m.loaded.mapping.customer_by_email:
            return [_checked(m, known, row, ref) for row, ref in zip(rows, refs, strict=True)]
        return _plain(m, known, rows, refs)
