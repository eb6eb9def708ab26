"""A valid records repository whose values are hostile: markup, scripts, links, table
breakers and template syntax in every text field, and a distinctive sentinel in every
restricted field. The site, the exports and every report must show the first as text and
never show the second."""

from __future__ import annotations

import json
import re
from pathlib import Path

PWNED = "__pwned"
"""The window property that an injected script would set: it must stay undefined."""


def payload(where: str) -> str:
    """Hostile text for the field at ``where``: each attack names the field it came from."""
    run = f"window.{PWNED}=(window.{PWNED}||[]).concat('{where}');alert('{where}')"
    return (
        f'{where} <script>{run}</script> <img src=x onerror="{run}">'
        f' <svg onload="{run}"></svg> <iframe src="javascript:{run}"></iframe>'
        f' <iframe srcdoc="<script>{run}</script>"></iframe>'
        ' <style>body{display:none}</style> <a href="javascript:' + run + '">a</a>'
        f" [link](javascript:{run}) [data](data:text/html,<script>{run}</script>)"
        f' ![image](javascript:{run}) <object data="javascript:{run}"></object>'
        " | cell | break | {{ 7*7 }} {% raw %} {# note #} ${7*7} <!-- comment -->"
        "\n|---|---|\n| new | row |\n\n# heading from a value"
    )


def markdown_payload(where: str) -> str:
    """Hostile Markdown for the Markdown field at ``where``: raw HTML blocks, links,
    tables and headings that try to break out of the page."""
    return (
        f"# {where} heading\n\n{payload(where)}\n\n"
        f"<div onmouseover=\"window.{PWNED}='{where}'\">block</div>\n\n"
        "| a | b |\n|---|---|\n| <script>x</script> | [y](javascript:alert(1)) |\n\n"
        f"<details open ontoggle=\"window.{PWNED}='{where}'\"><summary>s</summary></details>\n"
        f"<form action=\"javascript:alert('{where}')\"><button>go</button></form>\n"
        f"<base href=\"javascript:alert('{where}')//\">\n"
        f'<meta http-equiv="refresh" content="0;url=javascript:alert(\'{where}\')">\n'
        "```\n{{ 7*7 }} </code></pre><script>alert(1)</script>\n```\n"
    )


def q(where: str) -> str:
    """The payload for ``where`` as a YAML double-quoted scalar."""
    return json.dumps(payload(where), ensure_ascii=False)


def block(where: str, indent: int = 2) -> str:
    """The Markdown payload for ``where`` as a YAML literal block."""
    pad = " " * indent
    return "|\n" + "".join(pad + line + "\n" for line in markdown_payload(where).splitlines())


# Restricted values: each distinctive, so that any trace of one in an output is a leak.
BUDGET = 7319428657
FUNDING = 4826153907
FUNDING_CENTER = "FUNDCC-SENTINEL-4F2A"
COMMENT = "COMMENT-SENTINEL-9B3C"
RAISER = "Raiser Sentinel-5E7D"
RAISER_EMAIL = "raiser.sentinel-5e7d@hostile.example"
PHONE = "PHONE-SENTINEL-"
"""Every person's phone starts with this, followed by a number."""

SENTINELS: tuple[re.Pattern[str], ...] = (
    re.compile(r"7\D{0,2}319\D{0,2}428\D{0,2}65[78]"),
    re.compile(r"4\D{0,2}826\D{0,2}153\D{0,2}90[78]"),
    re.compile(re.escape(FUNDING_CENTER), re.IGNORECASE),
    re.compile(re.escape(COMMENT), re.IGNORECASE),
    re.compile(r"Sentinel-5E7D", re.IGNORECASE),
    re.compile(re.escape(PHONE), re.IGNORECASE),
)
"""What must never appear in any output: digits of the amounts in any grouping, and
every restricted text in any case."""


def person(where: str, n: int, extra: str = "", indent: int = 2) -> str:
    """A person mapping with a hostile name and title and a sentinel phone."""
    pad = " " * indent
    return (
        f"\n{pad}name: {q(where + '.name')}\n{pad}email: {json.dumps(where + '@hostile.example')}"
        f'\n{pad}title: {q(where + ".title")}\n{pad}phone: "{PHONE}{n}"\n{extra}'
    )


def files() -> dict[str, str]:
    """Every file of the hostile organisation, by path."""
    return {
        "brm.yaml": "repository:\n  url: https://git.example/hostile/records\n",
        "records/customers/index.yaml": f"""\
name: {q("customer.name")}
role: customer
manager:{person("customer.manager", 1)}relationship_manager:{person("customer.rm", 2)}\
cost_center: {q("customer.cost_center")}
it_budget:
  amount: {BUDGET}
  currency: EUR
services: [readme]
contacts:
  -{person("customer.contacts", 3, indent=4)[4:]}    role: {q("customer.contacts.role")}
plans:
  - period: 2026-Q3
    summary: {q("customer.plans.summary")}
    it_impact: {q("customer.plans.it_impact")}
escalation:
  - level: 1
    contact:{person("customer.escalation.contact", 4, indent=6)}\
    when: {q("customer.escalation.when")}
owners: ["@hostile"]
summary: {block("customer.summary")}\
tags: [{q("customer.tags")}]
""",
        "records/customers/unit.yaml": f"""\
name: {q("purchaser.name")}
role: purchaser
parent: index
manager:{person("purchaser.manager", 5)}""",
        "records/services/readme.yaml": f"""\
name: {q("service.name")}
description: {q("service.description")}
owner:{person("service.owner", 6)}status: live
support_hours: {q("service.support_hours")}
""",
        "records/agreements/index-readme.yaml": f"""\
title: {q("agreement.title")}
customer: index
services: [readme]
status: active
valid_from: 2026-01-01
valid_until: 2026-12-31
signed:
  customer:{person("agreement.signed.customer", 7, indent=4)}\
  it:{person("agreement.signed.it", 8, indent=4)}\
  date: 2026-01-02
service_levels:
  - id: uptime
    metric: {q("agreement.service_levels.metric")}
    target: 99.5
    unit: {q("agreement.service_levels.unit")}
    direction: at_least
funding:
  amount: {FUNDING}
  currency: EUR
  period: year
  cost_center: {FUNDING_CENTER}
document: "https://docs.example/a?b=\\"><script>window.{PWNED}='agreement.document'</script>"
notes: {block("agreement.notes")}""",
        "records/reports/index-readme.yaml": f"""\
agreement: index-readme
measurements:
  - period: 2026-10
    results: {{uptime: 98.2}}
    notes: {q("report.measurements.notes")}
  - period: 2026-11
    results: {{uptime: 99.9}}
""",
        "records/meetings/2026/2026-11-02-review.md": f"""\
---
title: {q("meeting.title")}
date: 2026-11-02
customers: [index]
type: relationship-review
attendees:
  - name: {q("meeting.attendees.name")}
    side: it
agreements: [index-readme]
projects: [readme]
decisions: [{q("meeting.decisions")}]
actions:
  - text: {q("meeting.actions.text")}
    owner: {q("meeting.actions.owner")}
    due: 2026-11-20
    status: open
requirements:
  - text: {q("meeting.requirements.text")}
    service: readme
    status: proposed
---
{markdown_payload("meeting.notes")}""",
        "records/surveys/survey-2026-q3.yaml": f"""\
title: {q("survey.title")}
period: 2026-Q3
closed: 2026-09-30
responses:
"""
        + "".join(
            f"""\
  - customer: {"index" if i % 2 else "unit"}
    csat: {1 + i % 5}
    nps: {i % 11}
    service: readme
    respondent_role: user
    comment: "{COMMENT} {i}"
"""
            for i in range(6)
        ),
        "records/projects/readme.yaml": f"""\
name: {q("project.name")}
customers: [index]
services: [readme]
status: active
health: amber
start: 2026-01-01
sponsor:{person("project.sponsor", 9)}milestones:
  - name: {q("project.milestones.name")}
    due: 2026-12-01
summary: {block("project.summary")}""",
        "records/feedback/2026/2026-10-05-complaint.yaml": f"""\
type: escalation
date: 2026-10-05
customer: index
service: readme
agreement: index-readme
level: 1
summary: {q("feedback.summary")}
raised_by:
  name: {RAISER}
  email: {RAISER_EMAIL}
  title: {RAISER} title
  phone: "{PHONE}10"
status: resolved
resolved_on: 2026-10-09
resolution: {block("feedback.resolution")}""",
    }


def write_organisation(root: Path) -> Path:
    """Write the hostile organisation under ``root``; return ``root``."""
    for rel, text in files().items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return root
