"""A small records repository full of restricted values and attempts to inject markup."""

from __future__ import annotations

from pathlib import Path

SECRETS = (
    "PHONE-SECRET",
    "987654321",
    "987,654,321",
    "123456789",
    "123,456,789",
    "CC-SECRET-FUND",
    "COMMENT-SECRET",
    "Raiser Secretname",
    "raiser.secret@",
)
"""Values of restricted fields: none may reach any output file."""

_NAME = "Evil | *Corp* <script>alert('name')</script> [x](javascript:alert(1)) {{ 7*7 }}"

FILES = {
    "brm.yaml": """\
organisation: "Evil <b>Org</b> & Co"
site_title: "Directory | <script>alert('title')</script>"
repository:
  url: https://github.com/evil/records
""",
    "records/customers/evil.yaml": f"""\
name: "{_NAME}"
role: customer
manager:
  name: "Mallory <img src=x onerror=alert('manager')>"
  email: mallory@evil.example
  phone: "PHONE-SECRET-1"
relationship_manager:
  name: Rita Manager
  email: rita@it.example
  phone: "PHONE-SECRET-2"
it_budget:
  amount: 987654321
  currency: EUR
services: [web]
contacts:
  - name: "Carl | Contact"
    email: carl@evil.example
    phone: "PHONE-SECRET-3"
    role: "- list | item"
escalation:
  - level: 1
    contact:
      name: Esc Person
      email: esc@evil.example
      phone: "PHONE-SECRET-4"
summary: |
  # Heading
  Hello <script>alert('summary')</script> [click](javascript:alert('link'))
  <iframe src="https://evil.example"></iframe> <img src=x onerror=alert('img')>
  <a href="https://ok.example" onclick="alert('onclick')">ok</a>
  <style>body {{ display: none }}</style>
""",
    "records/customers/minion.yaml": """\
name: "Minion ]]> <!-- comment"
role: purchaser
parent: evil
manager:
  name: Min Ion
  email: min@evil.example
""",
    "records/services/web.yaml": """\
name: "Web `code` service"
description: "</div><script>alert('description')</script>"
owner:
  name: Owen Owner
  email: owen@it.example
  phone: "PHONE-SECRET-5"
status: live
""",
    "records/agreements/evil-web.yaml": """\
title: "Web <script>alert('agreement')</script>"
customer: evil
services: [web]
status: active
valid_from: 2026-01-01
valid_until: 2026-12-01
signed:
  customer:
    name: Signer
    email: signer@evil.example
    phone: "PHONE-SECRET-6"
service_levels:
  - id: uptime
    metric: "Uptime <b onmouseover=alert('metric')>bold</b>"
    target: 99.5
    unit: percent
    direction: at_least
funding:
  amount: 123456789
  currency: EUR
  period: year
  cost_center: CC-SECRET-FUND
document: "https://evil.example/doc?a=\\"><script>alert('document')</script>"
notes: "[evil](javascript:alert('notes')) and [fine](https://fine.example)"
""",
    "records/reports/evil-web.yaml": """\
agreement: evil-web
measurements:
  - period: "2026-10"
    results: {uptime: 98.1}
    notes: "<script>alert('report')</script>"
""",
    "records/surveys/s1.yaml": """\
title: Survey one
period: 2026-Q3
responses:
  - customer: evil
    csat: 2
    comment: "COMMENT-SECRET terrible"
""",
    "records/feedback/2026/2026-10-01-bad.yaml": """\
type: complaint
date: 2026-10-01
customer: evil
agreement: evil-web
summary: "Bad <script>alert('feedback')</script>"
raised_by:
  name: Raiser Secretname
  email: raiser.secret@evil.example
status: open
""",
    "records/meetings/2026/2026-10-02-evil.md": """\
---
title: "Meeting {% raw %} <script>alert('meeting')</script>"
date: 2026-10-02
customers: [evil]
type: other
attendees:
  - name: "<script>alert('attendee')</script>"
    side: it
actions:
  - text: "Do | this <script>alert('action')</script>"
    owner: Someone
    due: 2026-10-20
    status: open
requirements:
  - text: "[req](javascript:alert('requirement'))"
    service: web
    status: proposed
---
# Notes

<script>alert('body')</script>
[x](javascript:alert('body link'))
<div onmouseover="alert('body div')">hover</div>
""",
    "records/projects/p.yaml": """\
name: "Project *star* </title><script>alert('project')</script>"
customers: [evil]
status: active
sponsor:
  name: Sponsor Person
  email: sponsor@evil.example
  phone: "PHONE-SECRET-7"
summary: "<svg onload=alert('svg')></svg>"
""",
}


def write_hostile(root: Path) -> Path:
    """Write the hostile repository under ``root``; return ``root``."""
    for path, text in FILES.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return root
