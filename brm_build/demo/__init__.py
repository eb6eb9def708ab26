"""A synthetic, valid organisation of any size, for benchmarks and trying brm out.

Each unit of scale is one company of the demo group with 50 business units, 10 services,
30 agreements with their monthly reports, 200 meetings, 8 quarterly surveys with 200
responses, 10 projects and 15 feedback records. The same seed and reference date give the
same bytes, and the company ``i`` is the same at every scale.
"""

from __future__ import annotations

import datetime as dt
import os
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .activity import (
    FEEDBACK_PER_COMPANY,
    MEETINGS_PER_DIVISION,
    feedback_file,
    meeting_file,
    project_record,
    survey_files,
)
from .structure import (
    Company,
    agreement_record,
    company,
    customer_record,
    report_record,
    service_record,
)
from .vocabulary import DIVISIONS, SERVICES
from .yamltext import document

DEFAULT_TODAY = dt.date(2026, 11, 26)
FILES_PER_SCALE = 50 + 10 + 30 + 30 + 200 + 8 + 10 + 15


class DemoError(Exception):
    """The demo cannot be written where it was asked to go."""


@dataclass(frozen=True)
class DemoPlan:
    """What to generate: how many companies, from which seed, valid as of which date."""

    scale: int = 1
    seed: int = 1
    today: dt.date = DEFAULT_TODAY


def _config(plan: DemoPlan) -> str:
    return (
        f"# A synthetic organisation made by 'brm demo --scale {plan.scale} --seed "
        f"{plan.seed} --today {plan.today}'.\n"
        f"# Check it as of that date: brm check --today {plan.today}\n"
        f"organisation: Demo Group\n"
        f"site_title: Demo Group IT customer directory\n"
    )


def _company_files(co: Company, seed: int) -> Iterator[tuple[str, str]]:
    """Every record file of one company, as (path under records/, text)."""
    rng = random.Random(f"{seed}/{co.index}/records")
    for unit in co.units:
        yield f"customers/{unit.id}.yaml", document(customer_record(co, unit, rng))
    for slug, _, _ in SERVICES:
        yield f"services/{co.service(slug)}.yaml", document(service_record(co, slug, rng))
    for plan in co.agreements:
        yield f"agreements/{plan.id}.yaml", document(agreement_record(co, plan, rng))
        yield f"reports/{plan.id}.yaml", document(report_record(co, plan, rng))
    for division in range(len(DIVISIONS)):
        for k in range(MEETINGS_PER_DIVISION):
            yield meeting_file(co, division, k, rng)
        record = project_record(co, division, rng)
        yield f"projects/{co.project(division)}.yaml", document(record)
    yield from survey_files(co, rng)
    for j in range(FEEDBACK_PER_COMPANY):
        yield feedback_file(co, j, rng)


def demo_files(plan: DemoPlan) -> Iterator[tuple[str, str]]:
    """Every file of the demo organisation as (path relative to its root, text)."""
    yield "brm.yaml", _config(plan)
    yield ".gitignore", ".brm-cache/\nsite/\n"
    for index in range(plan.scale):
        for path, text in _company_files(company(index, plan.seed, plan.today), plan.seed):
            yield f"records/{path}", text


def write_demo(out: str, plan: DemoPlan, progress: Callable[[int, int], None] | None = None) -> int:
    """Write the demo organisation into the new or empty folder ``out``; return the number
    of files written. ``progress`` is told (files written, files in all) as it goes."""
    if os.path.exists(out) and not os.path.isdir(out):
        raise DemoError(f"{out} is a file: choose a new or empty folder for the demo")
    if os.path.isdir(out) and os.listdir(out):
        raise DemoError(f"{out} is not empty: choose a new or empty folder for the demo")
    total = 2 + FILES_PER_SCALE * plan.scale
    made: set[str] = set()
    count = 0
    for path, text in demo_files(plan):
        folder = os.path.dirname(path)
        if folder not in made:
            os.makedirs(os.path.join(out, folder), exist_ok=True)
            made.add(folder)
        with open(os.path.join(out, path), "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        count += 1
        if progress is not None:
            progress(count, total)
    return count
