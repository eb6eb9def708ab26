"""What each record page shows, gathered from the records that relate to it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..analytics.counted import counted_report
from ..analytics.periods import period_key
from ..analytics.response_rate import response_rate
from ..attention.rules import Standing, standing
from ..model import Agreement, Customer, Feedback, Meeting, Project, Report, Survey
from ..model.kinds import Response
from ..publication import Publication, Published
from .relations import (
    Manager,
    MeetingItem,
    Relations,
    ancestors,
    descendants,
    meeting_items,
    relationship_manager,
)
from .status import Attainment, SurveyCount, attainment, survey_count


@dataclass(frozen=True, slots=True)
class AgreementLine:
    """An agreement as listed on other pages: with its standing and service levels."""

    agreement: Published[Agreement]
    standing: Standing
    attainment: Attainment
    report: Published[Report] | None


@dataclass(frozen=True)
class CustomerView:
    """Everything the page of one business unit shows."""

    customer: Published[Customer]
    parents: list[Published[Customer]]
    """The units above, nearest first."""
    children: list[Published[Customer]]
    manager: Manager
    agreements: list[AgreementLine]
    agreements_from: Published[Customer] | None
    """The unit above whose agreements cover this one, when it has none of its own."""
    surveys: list[SurveyCount]
    meetings: list[Published[Meeting]]
    """Meetings with this unit or a unit below it, newest first."""
    actions: list[MeetingItem]
    requirements: list[MeetingItem]
    projects: list[Published[Project]]
    feedback: list[Published[Feedback]]


def agreement_line(pub: Publication, aid: str, today: dt.date, notice: int) -> AgreementLine:
    """One agreement with its standing as of ``today`` and its measured service levels."""
    a = pub.agreements[aid]
    report = pub.reports.get(aid)
    return AgreementLine(
        a,
        standing(a.record, today, notice),
        attainment(a.record, counted_report(a.record, report.record if report else None, today)),
        report,
    )


class AgreementLines:
    """Every agreement line of a site, each worked out once however many pages show it."""

    def __init__(self, pub: Publication, today: dt.date, notice: int) -> None:
        self.pub, self.today, self.notice = pub, today, notice
        self._lines: dict[str, AgreementLine] = {}

    def __getitem__(self, aid: str) -> AgreementLine:
        """The line of agreement ``aid``."""
        line = self._lines.get(aid)
        if line is None:
            line = self._lines[aid] = agreement_line(self.pub, aid, self.today, self.notice)
        return line


def _agreements(
    pub: Publication, rel: Relations, cid: str, lines_of: AgreementLines
) -> tuple[list[AgreementLine], Published[Customer] | None]:
    owners = [pub.customers[cid], *ancestors(pub, cid)]
    for owner in owners:
        ids = rel.agreements_of.get(owner.id, [])
        if ids:
            lines = [lines_of[aid] for aid in ids]
            lines.sort(key=lambda line: (line.agreement.record.valid_from, line.agreement.id))
            lines.reverse()
            return lines, None if owner.id == cid else owner
    return [], None


def _units(pub: Publication) -> dict[str, Customer]:
    return {cid: unit.record for cid, unit in pub.customers.items()}


def _surveys(pub: Publication, rel: Relations, units: list[str]) -> list[SurveyCount]:
    answers: dict[str, list[Response]] = {}
    for unit in units:
        for sid, responses in rel.responses_of.get(unit, {}).items():
            answers.setdefault(sid, []).extend(responses)
    customers = _units(pub)
    counts = [
        survey_count(s, chosen, response_rate([s.record], customers, units[0]))
        for sid, chosen in answers.items()
        if (s := pub.surveys[sid])
    ]
    return sorted(counts, key=lambda c: (period_key(c.survey.record.period), c.survey.id))


def _all(index: dict[str, list[str]], units: list[str]) -> list[str]:
    return [rid for unit in units for rid in index.get(unit, [])]


def customer_view(
    pub: Publication,
    rel: Relations,
    cid: str,
    today: dt.date,
    notice: int,
    lines: AgreementLines | None = None,
) -> CustomerView:
    """Gather the page of business unit ``cid``, counting the units below it; ``lines``
    are the agreement lines worked out for other pages already."""
    units = [cid, *descendants(rel, cid)]
    meeting_ids = {m for u in units for m in rel.meetings_of.get(u, [])}
    meetings = sorted(
        (pub.meetings[m] for m in meeting_ids), key=lambda m: (m.record.date, m.id), reverse=True
    )
    items = meeting_items(meetings)
    lines = lines or AgreementLines(pub, today, notice)
    agreements, agreements_from = _agreements(pub, rel, cid, lines)
    return CustomerView(
        customer=pub.customers[cid],
        parents=ancestors(pub, cid),
        children=[pub.customers[k] for k in rel.children.get(cid, [])],
        manager=relationship_manager(pub, cid),
        agreements=agreements,
        agreements_from=agreements_from,
        surveys=_surveys(pub, rel, units),
        meetings=meetings,
        actions=sorted(
            (i for i in items if i.action is not None and i.action.status == "open"),
            key=lambda i: i.action.due if i.action and i.action.due else dt.date.max,
        ),
        requirements=[i for i in items if i.requirement is not None],
        projects=[pub.projects[p] for p in dict.fromkeys(_all(rel.projects_of, units))],
        feedback=sorted(
            (pub.feedback[f] for u in units for f in rel.feedback_of.get(u, [])),
            key=lambda f: (f.record.date, f.id),
            reverse=True,
        ),
    )


@dataclass(frozen=True)
class SurveyView:
    """A survey round: its counts overall and by business unit."""

    survey: Published[Survey]
    total: SurveyCount
    by_customer: list[tuple[Published[Customer], SurveyCount]]


def survey_view(pub: Publication, sid: str) -> SurveyView:
    """Count one survey's responses overall and per business unit."""
    s = pub.surveys[sid]
    per_unit: dict[str, list[Response]] = {}
    for r in s.record.responses:
        per_unit.setdefault(r.customer, []).append(r)
    units = sorted(
        (cid for cid in per_unit if cid in pub.customers),
        key=lambda cid: pub.customers[cid].record.name.casefold(),
    )
    customers = _units(pub)
    rows = [
        (
            pub.customers[cid],
            survey_count(s, per_unit[cid], response_rate([s.record], customers, cid)),
        )
        for cid in units
    ]
    return SurveyView(s, survey_count(s, None, response_rate([s.record], customers)), rows)
