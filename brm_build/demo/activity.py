"""What happens in a demo company: meetings, surveys, projects and feedback."""

from __future__ import annotations

import datetime as dt
import random

from .structure import DOMAIN, Company, Unit
from .vocabulary import DIVISIONS, MEETING_TYPES, TOPICS, VERBS, person
from .yamltext import Value, document

MEETINGS_PER_DIVISION = 20
MEETING_SPACING_DAYS = 36
SURVEY_QUARTERS = 8
RESPONSES_PER_SURVEY = 25
FEEDBACK_PER_COMPANY = 15
FEEDBACK_SPACING_DAYS = 47


def meeting_date(co: Company, division: int, k: int) -> dt.date:
    """The k-th latest meeting with a division: the latest is within a month of today."""
    return co.today - dt.timedelta(days=3 + 2 * division + MEETING_SPACING_DAYS * k)


def _actions(rng: random.Random, date: dt.date, today: dt.date) -> list[Value]:
    actions: list[Value] = []
    for _ in range(rng.randint(1, 3)):
        due = date + dt.timedelta(days=rng.randint(14, 60))
        status = "open" if due >= today else rng.choice(("done", "done", "done", "dropped"))
        actions.append(
            {
                "text": f"{rng.choice(VERBS)} {rng.choice(TOPICS)}.",
                "owner": str(person(rng, DOMAIN)["name"]),
                "due": due,
                "status": status,
            }
        )
    return actions


def _notes(rng: random.Random, title: str, topics: list[str]) -> str:
    paragraphs = [f"# {title}\n"]
    for topic in topics:
        paragraphs.append(f"## {topic[0].upper()}{topic[1:]}\n")
        paragraphs.append(
            f"We went through {topic}. The business side asked for a short written "
            f"summary before the next meeting; IT will bring figures for the last "
            f"{rng.randint(2, 12)} months and a proposal with costs and dates.\n"
        )
    return "\n".join(paragraphs)


def meeting_file(co: Company, division: int, k: int, rng: random.Random) -> tuple[str, str]:
    """The k-th meeting with a division: its path under records/ and its text."""
    units = co.division_units(division)
    unit = units[0] if k % 5 == 0 else units[1 + k % (len(units) - 1)]
    kind = MEETING_TYPES[k % len(MEETING_TYPES)] if k % 7 else "relationship-review"
    date = meeting_date(co, division, k)
    title = f"{unit.name} {kind.replace('-', ' ')}, {date:%B %Y}"
    topics = rng.sample(TOPICS, rng.randint(2, 4))
    front: dict[str, Value] = {
        "title": title,
        "date": date,
        "customers": [unit.id],
        "type": kind,
        "attendees": [
            {"name": str(person(rng, DOMAIN)["name"]), "side": side}
            for side in ("business", "business", "it", "it")[: rng.randint(2, 4)]
        ],
        "agreements": [co.active_agreement(division).id] if kind == "service-review" else None,
        "projects": [co.project(division)] if kind == "planning" else None,
        "decisions": [f"{rng.choice(VERBS)} {topic} by the next review." for topic in topics[:2]],
        "actions": _actions(rng, date, co.today),
    }
    if kind == "planning":
        service = co.service(rng.choice(DIVISIONS[division].services))
        front["requirements"] = [
            {"text": f"Support {rng.choice(TOPICS)}.", "service": service, "status": "proposed"}
        ]
    slug = f"{date}-{co.prefix}-{DIVISIONS[division].slug}-{kind}"
    text = f"---\n{document(front)}---\n{_notes(rng, title, topics)}"
    return f"meetings/{date.year}/{slug}.md", text


def _quarters(today: dt.date) -> list[tuple[int, int]]:
    year, quarter = today.year, (today.month - 1) // 3 + 1
    found = []
    for _ in range(SURVEY_QUARTERS):
        year, quarter = (year - 1, 4) if quarter == 1 else (year, quarter - 1)
        found.append((year, quarter))
    return found[::-1]


def _response(co: Company, unit: Unit, csat: int, rng: random.Random) -> dict[str, Value]:
    response: dict[str, Value] = {
        "customer": unit.id,
        "csat": csat,
        "nps": min(10, max(0, csat * 2 + rng.randint(-2, 1))),
        "service": co.service(rng.choice(DIVISIONS[unit.division].services)),
        "respondent_role": "customer" if unit.parent is None else "purchaser",
    }
    if csat <= 2:
        response["comment"] = f"Slow progress on {rng.choice(TOPICS)}."
    return response


def _answers(co: Company, rng: random.Random) -> list[list[tuple[Unit, int]]]:
    """Who answered what, per quarter. The latest quarter asks the same people as the one
    before, and nobody is less satisfied, so that no CSAT drop is due."""
    rounds = [
        [
            (rng.choice(co.units), rng.choices((1, 2, 3, 4, 5), weights=(1, 2, 5, 10, 7))[0])
            for _ in range(RESPONSES_PER_SURVEY)
        ]
        for _ in range(SURVEY_QUARTERS - 1)
    ]
    rounds.append([(unit, min(5, csat + (rng.random() < 0.2))) for unit, csat in rounds[-1]])
    return rounds


def survey_files(co: Company, rng: random.Random) -> list[tuple[str, str]]:
    """The quarterly satisfaction surveys of the last two years."""
    files = []
    for (year, quarter), answers in zip(_quarters(co.today), _answers(co, rng), strict=True):
        end = dt.date(year + quarter // 4, quarter % 4 * 3 + 1, 1) - dt.timedelta(days=1)
        survey: dict[str, Value] = {
            "title": f"{co.name} satisfaction survey Q{quarter} {year}",
            "period": f"{year}-Q{quarter}",
            "closed": min(end + dt.timedelta(days=20), co.today - dt.timedelta(days=1)),
            "responses": [_response(co, unit, csat, rng) for unit, csat in answers],
        }
        files.append((f"surveys/{co.prefix}-csat-{year}-q{quarter}.yaml", document(survey)))
    return files


def project_record(co: Company, division: int, rng: random.Random) -> dict[str, Value]:
    """The programme of a division: planned, running or done, with milestones."""
    start = co.today - dt.timedelta(days=rng.randint(60, 500))
    end = start + dt.timedelta(days=rng.randint(300, 700))
    status = "done" if end < co.today else rng.choice(("active", "active", "on-hold"))
    milestones: list[Value] = [
        {"name": f"Phase {n}", "due": due, "done": due < co.today}
        for n, due in enumerate((start + dt.timedelta(days=d) for d in (90, 200, 300)), 1)
    ]
    return {
        "name": f"{DIVISIONS[division].name} programme ({co.name})",
        "customers": [u.id for u in co.division_units(division)[:2]],
        "services": [co.service(DIVISIONS[division].services[0])],
        "status": status,
        "health": rng.choice(("green", "green", "amber", "red")),
        "start": start,
        "planned_end": end,
        "forecast_end": end + dt.timedelta(days=rng.choice((0, 0, 30, 90))),
        "sponsor": person(rng, DOMAIN, DIVISIONS[division].manager_title),
        "milestones": milestones,
        "summary": f"Modernise how {DIVISIONS[division].name} works with its IT services.\n",
    }


def feedback_file(co: Company, j: int, rng: random.Random) -> tuple[str, str]:
    """The j-th latest feedback; only the latest is still open."""
    date = co.today - dt.timedelta(days=3 + co.index % 5 + FEEDBACK_SPACING_DAYS * j)
    unit: Unit = rng.choice(co.units)
    kind = ("complaint", "compliment", "escalation")[j % 3]
    resolved_on = min(date + dt.timedelta(days=rng.randint(0, 25)), co.today)
    status = "open" if j == 0 else rng.choice(("resolved", "resolved", "resolved", "withdrawn"))
    status = "resolved" if kind == "compliment" else status
    record: dict[str, Value] = {
        "type": kind,
        "date": date,
        "customer": unit.id,
        "service": co.service(rng.choice(DIVISIONS[unit.division].services)),
        "level": rng.randint(1, 3) if kind == "escalation" else None,
        "summary": f"{kind.capitalize()} about {rng.choice(TOPICS)}.",
        "raised_by": person(rng, DOMAIN, "Key user"),
        "status": status,
        "resolved_on": resolved_on if status == "resolved" else None,
        "resolution": "Agreed with the business; see the meeting notes.\n"
        if status == "resolved"
        else None,
    }
    slug = f"{date}-{co.prefix}-{kind}-{j + 1}"
    return f"feedback/{date.year}/{slug}.yaml", document(record)
