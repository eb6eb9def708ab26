"""One row of a survey export as one response (imports.md): answers matched by id, name
or the mapping's values, scales enforced and never clamped, personal data read only to
match (the e-mail) or to recognise a response (the key), never kept."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from operator import methodcaller

from ..model import Customer, Service
from ..model.common import REF_PATTERN
from .mapping import LoadedMapping
from .sources import SourceTable
from .tables import Row, SourceError

Value = str | int
ROLES = ("customer", "purchaser", "user")
SCALES = {"csat": (1, 5), "nps": (0, 10)}
FIELDS = ("customer", "csat", "nps", "service", "respondent_role", "comment")
_WHOLE = re.compile(r"^[+-]?[0-9]+(?:\.0+)?$")
_REF = re.compile(REF_PATTERN)
_HEX = methodcaller("hexdigest")


class RowProblem(Exception):
    """Why a row makes no response (the row is written nowhere)."""


class RowSkipped(Exception):
    """Why a row is deliberately left out (counted, not an error)."""


@dataclass(frozen=True)
class Unmapped:
    """An answer of a field with ``values`` that they do not map: a mapping finding."""

    field: str
    answer: str
    row: int


def response_refs(survey: str, keys: Iterable[str]) -> list[str]:
    """The ref of each response key: the first 12 hex digits of SHA-256 over the survey id
    and the key (hashed in C's loops: row by row in Python it was a fifth of an import)."""
    data = map(str.encode, map(f"{survey}\n".__add__, keys))
    return [digest[:12] for digest in map(_HEX, map(hashlib.sha256, data))]


def response_ref(survey: str, key: str) -> str:
    """The ref of one response key."""
    return response_refs(survey, (key,))[0]


@dataclass
class Matcher:
    """What answers are matched against: the units and services of the repository."""

    loaded: LoadedMapping
    source: SourceTable
    customers: Mapping[str, Customer]
    services: Mapping[str, Service]
    unmapped: list[Unmapped] = field(default_factory=list)
    missing: list[tuple[str, str]] = field(default_factory=list)
    """The fields whose mapped column the file lacks, with that column."""
    memo: dict[str, dict[str, Value | RowProblem]] = field(default_factory=dict)
    """By field, each distinct answer converted (or the problem it is)."""

    def __post_init__(self) -> None:
        m = self.loaded.mapping
        self.skip = {v.strip() for v in m.skip_values} | {""}
        names = {f: self._column(f) for f in (*FIELDS, "key", "email", "ref")}
        self.at: dict[str, int] = {}
        for name, column in names.items():
            if column is None:
                continue
            if column in self.source.table.columns:
                self.at[name] = self.source.table.index(column)
            else:
                self.missing.append((name, column))
        self.plan = [(name, self.at[name]) for name in FIELDS if name in self.at]
        """The fields the mapping reads, in the order records write them, with columns."""
        self.memo = {name: {} for name in FIELDS}
        self.survey_at = self._survey_column()
        finished = self.source.finished
        self.finished_at = self.source.table.index(finished) if finished is not None else None
        self.by_email = self._emails() if m.customer_by_email else {}
        self.row_checks = self.finished_at is not None or self.survey_at is not None
        self.survey = m.survey
        self.own_ref = m.source == "csv"
        rid = self.source.response_id
        columns = self.source.table.columns
        self.id_at = self.source.table.index(rid) if rid is not None and rid in columns else None
        self.key_at = self.at.get("key")
        if m.customer_by_email and "email" not in self.at:
            raise SourceError(
                "customer_by_email needs the respondent's e-mail, and the file has no e-mail "
                "column: name it under columns.email"
            )

    def _column(self, name: str) -> str | None:
        m = self.loaded.mapping
        named = getattr(m.columns, name, None)
        if named is None and name == "email" and self.source.emails:
            return self.source.emails[0]
        if named is None and m.source == "csv" and name in self.source.table.columns:
            return name  # brm's own CSV: the columns are the fields
        return named if isinstance(named, str) else None

    def _survey_column(self) -> int | None:
        if self.loaded.mapping.source == "csv" and "survey" in self.source.table.columns:
            return self.source.table.index("survey")
        return None

    def _emails(self) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for cid, unit in self.customers.items():
            for person in (unit.manager, *unit.contacts):
                found.setdefault(person.email.casefold(), set()).add(cid)
        return found

    def cell(self, row: Row, name: str) -> str | None:
        """The answer in field ``name``'s column, None when it is not answered."""
        i = self.at.get(name)
        if i is None or i >= len(row.cells):
            return None
        text = row.cells[i].strip()
        return None if text in self.skip else text


def _record_id(
    answer: str, kind: str, records: Mapping[str, Customer] | Mapping[str, Service]
) -> str:
    """The id of the record that ``answer`` names, by id or exact name."""
    if answer in records:
        return answer
    named = [rid for rid, record in records.items() if record.name == answer]
    if len(named) == 1:
        return named[0]
    if named:
        raise RowProblem(
            f"{kind} '{answer}' is the name of {len(named)} records: map it under values"
        )
    raise RowProblem(
        f"{kind} '{answer}' names no {kind} (by id or name): add it under values.{kind} "
        "in the mapping"
    )


def _mapped(m: Matcher, row: Row, name: str, answer: str) -> Value | None:
    values = getattr(m.loaded.mapping.values, name)
    if values is not None and answer in values:
        mapped: Value = values[answer]
        return mapped
    return None


def _number(m: Matcher, row: Row, name: str, answer: str) -> int:
    mapped = _mapped(m, row, name, answer)
    if isinstance(mapped, int):
        value = mapped
    elif _WHOLE.fullmatch(answer):
        value = int(float(answer))
    elif getattr(m.loaded.mapping.values, name) is not None:
        m.unmapped.append(Unmapped(name, answer, row.number))
        raise RowProblem(f"{name} '{answer}' has no mapping under values.{name}")
    else:
        raise RowProblem(
            f"{name} '{answer}' is not a whole number: map the answers under values.{name}"
        )
    low, high = SCALES[name]
    if not low <= value <= high:
        raise RowProblem(f"{name} {value} is outside the scale {low}–{high} (never clamped)")
    return value


def _role(m: Matcher, row: Row, answer: str) -> str:
    mapped = _mapped(m, row, "respondent_role", answer)
    if isinstance(mapped, str):
        return mapped
    if answer in ROLES:
        return answer
    m.unmapped.append(Unmapped("respondent_role", answer, row.number))
    raise RowProblem(f"respondent_role '{answer}' has no mapping under values.respondent_role")


def _unit(m: Matcher, row: Row, name: str, answer: str) -> str:
    mapped = _mapped(m, row, name, answer)
    if isinstance(mapped, str):
        return mapped
    records = m.customers if name == "customer" else m.services
    return _record_id(answer, name, records)


def _converted(m: Matcher, row: Row, name: str, answer: str) -> Value:
    """The brm value of ``answer`` in field ``name``: worked out once per distinct answer,
    since a survey's answers repeat (a problem is kept, and raised for each row)."""
    known = m.memo[name].get(answer)
    if known is None:
        try:
            if name in SCALES:
                known = _number(m, row, name, answer)
            elif name == "respondent_role":
                known = _role(m, row, answer)
            else:
                known = _unit(m, row, name, answer)
        except RowProblem as problem:
            known = problem
        m.memo[name][answer] = known
    if isinstance(known, RowProblem):
        raise RowProblem(str(known))
    return known


def customer_of_email(m: Matcher, row: Row) -> str:
    """The unit whose manager or contact has the respondent's e-mail; RowProblem."""
    email = m.cell(row, "email")
    if email is None:
        raise RowProblem("customer_by_email: the row has no e-mail address")
    units = sorted(m.by_email.get(email.casefold(), ()))
    if len(units) != 1:
        what = "no unit" if not units else f"{len(units)} units ({', '.join(units)})"
        raise RowProblem(
            f"customer_by_email: {what} has the respondent's e-mail as manager or contact"
        )
    return units[0]


def response_key(m: Matcher, cells: Sequence[str]) -> str:
    """What makes the response of ``cells`` unique: the key column, the source's id or the row."""
    i = m.key_at
    if i is not None and i < len(cells):
        text = cells[i].strip()
        if text not in m.skip:
            return text
    i = m.id_at
    if i is not None and i < len(cells):
        text = cells[i].strip()
        if text:
            return text
    return "\x1f".join(cells)


def row_ref(m: Matcher, row: Row) -> str:
    """The ref of ``row``: its own (brm's CSV), else that of its key."""
    own = m.cell(row, "ref") if m.own_ref else None
    if own is not None and _REF.fullmatch(own):
        return own
    return response_ref(m.survey, response_key(m, row.cells))


def check_skipped(m: Matcher, row: Row) -> None:
    """RowSkipped when ``row`` is an unfinished response or one to another survey."""
    cells = row.cells
    if m.finished_at is not None and cells[m.finished_at].strip().casefold() in ("0", "false"):
        raise RowSkipped("not finished (Finished = 0)")
    if m.survey_at is not None and cells[m.survey_at].strip() != m.loaded.mapping.survey:
        raise RowSkipped(f"a response to another survey ({cells[m.survey_at].strip()})")


def response(m: Matcher, row: Row) -> dict[str, Value]:
    """The response of ``row`` in the order records write it; RowSkipped or RowProblem.

    This runs once per row of exports of many thousand rows: the answers are read in one
    pass over the fields the mapping names, and each distinct answer converted once."""
    if m.row_checks:
        check_skipped(m, row)
    cells, skip, memo = row.cells, m.skip, m.memo
    width = len(cells)
    given = {
        name: text for name, i in m.plan if i < width and (text := cells[i].strip()) not in skip
    }
    if "csat" not in given:
        raise RowSkipped("csat not answered: a response needs one")
    out: dict[str, Value] = {}
    if m.loaded.mapping.customer_by_email:
        out["customer"] = customer_of_email(m, row)
        given.pop("customer", None)
    elif "customer" not in given:
        raise RowProblem("customer not answered: a response needs one")
    for name, text in given.items():
        if name == "comment":
            out[name] = text.replace("\r\n", "\n")
            continue
        known = memo[name].get(text)
        if known is None or isinstance(known, RowProblem):  # not converted yet, or a problem
            known = _converted(m, row, name, text)
        out[name] = known
    out["ref"] = row_ref(m, row)
    return out
