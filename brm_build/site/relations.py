"""Who relates to what: the customer structure and the records that point at each other."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..analytics.counted import survey_copies
from ..model import Customer, Meeting, Person
from ..model.kinds import Action, Requirement, Response
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


@dataclass
class Relations:
    """Indexes from one record to the records that refer to it, built in one pass."""

    children: dict[str, list[str]] = field(default_factory=dict)
    agreements_of: dict[str, list[str]] = field(default_factory=dict)
    agreements_for_service: dict[str, list[str]] = field(default_factory=dict)
    customers_of_service: dict[str, list[str]] = field(default_factory=dict)
    meetings_of: dict[str, list[str]] = field(default_factory=dict)
    meetings_on_agreement: dict[str, list[str]] = field(default_factory=dict)
    meetings_on_project: dict[str, list[str]] = field(default_factory=dict)
    projects_of: dict[str, list[str]] = field(default_factory=dict)
    projects_for_service: dict[str, list[str]] = field(default_factory=dict)
    feedback_of: dict[str, list[str]] = field(default_factory=dict)
    feedback_on_service: dict[str, list[str]] = field(default_factory=dict)
    feedback_on_agreement: dict[str, list[str]] = field(default_factory=dict)
    requirements_for_service: dict[str, list[MeetingItem]] = field(default_factory=dict)
    responses_of: dict[str, dict[str, list[Response]]] = field(default_factory=dict)
    """Survey responses by business unit, then by survey id."""


def _add(index: dict[str, list[str]], keys: Iterable[str | None], value: str) -> None:
    for key in keys:
        if key is not None:
            index.setdefault(key, []).append(value)


def _by_name(ids: list[str], names: dict[str, str]) -> list[str]:
    def key(rid: str) -> tuple[str, str]:
        name: str = names.get(rid) or rid
        return name.casefold(), rid

    return sorted(ids, key=key)


def relate(pub: Publication) -> Relations:
    """Index every reference between the records of ``pub``."""
    rel = Relations()
    for cid, c in pub.customers.items():
        _add(rel.children, [c.record.parent], cid)
        if not c.record.retired:  # a unit reorganised away uses no service any more
            _add(rel.customers_of_service, c.record.services, cid)
    for aid, a in pub.agreements.items():
        _add(rel.agreements_of, [a.record.customer], aid)
        _add(rel.agreements_for_service, a.record.services, aid)
    for mid, m in sorted(pub.meetings.items(), key=lambda kv: (kv[1].record.date, kv[0])):
        _add(rel.meetings_of, m.record.customers, mid)
        _add(rel.meetings_on_agreement, m.record.agreements, mid)
        _add(rel.meetings_on_project, m.record.projects, mid)
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
    for pid, p in pub.projects.items():
        _add(rel.projects_of, p.record.customers, pid)
        _add(rel.projects_for_service, p.record.services, pid)
    for fid, f in pub.feedback.items():
        _add(rel.feedback_of, [f.record.customer], fid)
        _add(rel.feedback_on_service, [f.record.service], fid)
        _add(rel.feedback_on_agreement, [f.record.agreement], fid)
    names = {cid: c.record.name for cid, c in pub.customers.items()}
    for parent, kids in rel.children.items():
        rel.children[parent] = _by_name(kids, names)
    for service, users in rel.customers_of_service.items():
        rel.customers_of_service[service] = _by_name(users, names)
    return rel


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
