"""Who relates to what: the customer structure and the records that point at each other."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import cast

from ..analytics.counted import survey_copies
from ..model import Customer, Meeting, Person
from ..model.common import Record
from ..model.kinds import Action, Requirement, Response
from ..model.references import EACH, Reference, references_of
from ..model.references import walk as walk_path
from ..model.registry import KIND_BY_NAME, KINDS, Kind
from ..model.structure import ancestors as units_above
from ..model.structure import walk
from ..publication import Publication, Published


@dataclass(frozen=True, slots=True)
class Unit:
    """A place in the customer structure: a business unit and how deep it sits."""

    id: str
    depth: int


@dataclass(frozen=True, slots=True)
class MeetingItem:
    """An action or a requirement with the meeting it was raised at."""

    meeting: Published[Meeting]
    action: Action | None = None
    requirement: Requirement | None = None


_Index = dict[str, list[str]]


@dataclass
class Relations:
    """Indexes from one record to the records that refer to it, built in one pass.

    ``referrers`` holds one index for every reference that ``model.references`` declares
    in a field or a list of a record, keyed by the referring kind and field: a reference a
    new kind declares is indexed without a line here. Those with a rule of their own (the
    customer structure, the units that use a service, requirements and responses, which
    sit deeper in a record) have their own index."""

    referrers: dict[tuple[str, str], _Index] = field(default_factory=dict)
    children: _Index = field(default_factory=dict)
    customers_of_service: _Index = field(default_factory=dict)
    requirements_for_service: dict[str, list[MeetingItem]] = field(default_factory=dict)
    responses_of: dict[str, dict[str, list[Response]]] = field(default_factory=dict)
    """Survey responses by business unit, then by survey id."""

    def of(self, kind: str, name: str) -> _Index:
        """The records of ``kind`` by the id their field ``name`` refers to."""
        return self.referrers.get((kind, name), {})

    @property
    def agreements_of(self) -> _Index:
        """Agreements by the customer they are with."""
        return self.of("agreement", "customer")

    @property
    def agreements_for_service(self) -> _Index:
        """Agreements by the services they cover."""
        return self.of("agreement", "services")

    @property
    def meetings_of(self) -> _Index:
        """Meetings, in date order, by the units they were with."""
        return self.of("meeting", "customers")

    @property
    def meetings_on_agreement(self) -> _Index:
        """Meetings, in date order, by the agreements they discussed."""
        return self.of("meeting", "agreements")

    @property
    def meetings_on_project(self) -> _Index:
        """Meetings, in date order, by the projects they discussed."""
        return self.of("meeting", "projects")

    @property
    def projects_of(self) -> _Index:
        """Projects by the units they concern."""
        return self.of("project", "customers")

    @property
    def projects_for_service(self) -> _Index:
        """Projects by the services they concern."""
        return self.of("project", "services")

    @property
    def feedback_of(self) -> _Index:
        """Feedback by the unit it came from."""
        return self.of("feedback", "customer")

    @property
    def feedback_on_service(self) -> _Index:
        """Feedback by the service it is about."""
        return self.of("feedback", "service")

    @property
    def feedback_on_agreement(self) -> _Index:
        """Feedback by the agreement it is about."""
        return self.of("feedback", "agreement")


_OWN_RULE = {("customer", "parent"), ("customer", "services")}
"""References with an index of their own: the structure and the units using a service."""


def _in_fields(kind: str) -> list[Reference]:
    """The references of ``kind`` held in a field or a list of its records."""
    return [
        ref
        for ref in references_of(kind)
        if (ref.path[1:] in ((), (EACH,))) and (kind, ref.path[0]) not in _OWN_RULE
    ]


def _rows(pub: Publication, kind: Kind) -> Iterable[tuple[str, Published[Record]]]:
    rows = pub.table(kind.folder).items()
    if kind.name != "meeting":
        return rows
    return sorted(rows, key=lambda kv: (cast(Meeting, kv[1].record).date, kv[0]))


def _referrers(pub: Publication) -> dict[tuple[str, str], _Index]:
    """Every declared reference in a record's field, indexed by the id it names;
    meetings are indexed in date order, as every page lists them."""
    index: dict[tuple[str, str], _Index] = {}
    for kind in KINDS:
        refs = _in_fields(kind.name)
        for rid, rec in _rows(pub, kind) if refs else ():
            for ref in refs:
                ids = (value for _, value in walk_path(rec.record, ref.path))
                _add(index.setdefault((kind.name, ref.path[0]), {}), ids, rid)
    return index


def _add(index: _Index, keys: Iterable[object], value: str) -> None:
    for key in keys:
        if isinstance(key, str):
            index.setdefault(key, []).append(value)


def _by_name(ids: list[str], names: dict[str, str]) -> list[str]:
    def key(rid: str) -> tuple[str, str]:
        name: str = names.get(rid) or rid
        return name.casefold(), rid

    return sorted(ids, key=key)


def relate(pub: Publication) -> Relations:
    """Index every reference between the records of ``pub``."""
    rel = Relations(referrers=_referrers(pub))
    names = {cid: c.record.name for cid, c in pub.customers.items()}
    for cid, c in pub.customers.items():
        _add(rel.children, [c.record.parent], cid)
        if not c.record.retired:  # a unit reorganised away uses no service any more
            _add(rel.customers_of_service, c.record.services, cid)
    for key in ("children", "customers_of_service"):
        index: _Index = getattr(rel, key)
        for target, ids in index.items():
            index[target] = _by_name(ids, names)
    for m in (pub.meetings[mid] for mid in _sorted_meetings(pub)):
        for req in m.record.requirements:
            if req.service is not None:
                item = MeetingItem(m, requirement=req)
                rel.requirements_for_service.setdefault(req.service, []).append(item)
    copies = survey_copies({sid: s.record for sid, s in pub.surveys.items()})
    for sid, s in pub.surveys.items():
        if sid in copies:
            continue  # its responses count once, with the survey it copies
        for response in s.record.responses:
            by_survey = rel.responses_of.setdefault(response.customer, {})
            by_survey.setdefault(sid, []).append(response)
    return rel


def _sorted_meetings(pub: Publication) -> list[str]:
    return [mid for mid, _ in _rows(pub, KIND_BY_NAME["meeting"])]


def structure(pub: Publication, rel: Relations) -> list[Unit]:
    """Every active business unit in tree order: each top unit by name, its units beneath.

    Retired units are left out (records.md 1.1); a unit still active under a retired one
    stands at the top, where it cannot be missed."""
    names = {cid: c.record.name for cid, c in pub.customers.items()}
    active = {cid for cid, c in pub.customers.items() if not c.record.retired}
    tops = [cid for cid in active if pub.customers[cid].record.parent not in active]
    retired = set(pub.customers) - active
    walked = walk(_by_name(tops, names), lambda cid: rel.children.get(cid, []), retired)
    return [Unit(cid, depth) for cid, depth in walked]


def retired_units(pub: Publication) -> list[Published[Customer]]:
    """The retired business units, most recently retired first, then by name."""
    retired = [c for c in pub.customers.values() if c.record.retired]
    retired.sort(key=lambda c: (c.record.name.casefold(), c.id))
    retired.sort(key=lambda c: c.record.retired_on or dt.date.min, reverse=True)
    return retired


def ancestors(pub: Publication, cid: str) -> list[Published[Customer]]:
    """The units above ``cid``, nearest first."""

    def parent_of(uid: str) -> str | None:
        unit = pub.customers.get(uid)
        return unit.record.parent if unit is not None else None

    above = units_above(cid, parent_of)[1:]
    return [pub.customers[uid] for uid in above if uid in pub.customers]


def descendants(rel: Relations, cid: str) -> list[str]:
    """Every unit below ``cid``, depth first."""
    below = walk(rel.children.get(cid, []), lambda unit: rel.children.get(unit, []), {cid})
    return [unit for unit, _ in below]


@dataclass(frozen=True, slots=True)
class Manager:
    """A unit's relationship manager and the unit it is inherited from, if any."""

    person: Person | None
    inherited_from: Published[Customer] | None = None


def relationship_manager(pub: Publication, cid: str) -> Manager:
    """The unit's own relationship manager, else the nearest one above (records.md)."""
    own = pub.customers[cid].record.relationship_manager
    if own is not None:
        return Manager(own)
    for unit in ancestors(pub, cid):
        if unit.record.relationship_manager is not None:
            return Manager(unit.record.relationship_manager, unit)
    return Manager(None)


def meeting_items(meetings: Iterable[Published[Meeting]]) -> list[MeetingItem]:
    """Every action and requirement of ``meetings``, in meeting order."""
    items: list[MeetingItem] = []
    for m in meetings:
        items.extend(MeetingItem(m, action=a) for a in m.record.actions)
        items.extend(MeetingItem(m, requirement=r) for r in m.record.requirements)
    return items
