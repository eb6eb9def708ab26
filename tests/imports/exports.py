"""Survey exports shaped exactly as the forms tools write them, made in the tests: the
same four answers (finance satisfied, payables very satisfied, an unknown department,
an nps out of scale) in each tool's layout, so that each source is tested on its own."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

from openpyxl import Workbook

from ..casebuilder import build, customer

Q_UNIT = "Which department do you work in?"
Q_CSAT = "Overall, how satisfied are you with IT?"
Q_NPS = "How likely are you to recommend IT to a colleague?"
Q_SERVICE = "Which service does your answer concern most?"
Q_ROLE = "Your role"
Q_COMMENT = "What should IT do better?"
ANSWERS = [
    ["Group Finance", "Satisfied", "9", "erp", "Manager", 'Faster close, please.\nAnd "quotes"'],
    ["Accounts Payable", "Very satisfied", "Prefer not to say", "Core ERP", "Staff", ""],
    ["Marketing", "Neutral", "5", "erp", "Staff", ""],
    ["finance", "Satisfied", "11", "erp", "Staff", ""],
]
EMAILS = [
    "martin.keller@meridian.example",
    "lena.vogt@meridian.example",
    "x@meridian.example",
    "y@meridian.example",
]
MAPPING = """\
source: {source}
survey: csat-2026-q4
title: Customer satisfaction 2026 Q4
period: 2026-Q4
closed: 2026-12-15
columns:
  customer: {unit}
  csat: "{csat}"
  nps: {nps}
  service: {service}
  respondent_role: {role}
  comment: {comment}
values:
  csat: {{Very satisfied: 5, Satisfied: 4, Neutral: 3, Dissatisfied: 2, Very dissatisfied: 1}}
  respondent_role: {{Manager: customer, Team lead: purchaser, Staff: user}}
skip_values: ["", "Prefer not to say"]
"""
PAYABLES = customer("Accounts Payable", parent="finance")


def repository(root: Path) -> Path:
    """The base organisation with a purchaser under finance whose manager is Lena Vogt."""
    return build(root, {"records/customers/accounts-payable.yaml": PAYABLES})


def mapping(source: str, **columns: str) -> str:
    """The mapping of the four questions, named as ``source`` names them."""
    names = {
        "unit": Q_UNIT, "csat": Q_CSAT, "nps": Q_NPS, "service": Q_SERVICE,
        "role": Q_ROLE, "comment": Q_COMMENT,
    } | columns  # fmt: skip
    return MAPPING.format(source=source, **names)


def csv_text(rows: list[list[str]], sep: str = ",") -> str:
    """Rows as CSV with CRLF line ends, as the tools write them."""
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=sep, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def gforms(sep: str = ",") -> bytes:
    """Google Forms: ``Timestamp`` (locale time), ``Email Address``, one column a question."""
    head = ["Timestamp", "Email Address", Q_UNIT, Q_CSAT, Q_NPS, Q_SERVICE, Q_ROLE, Q_COMMENT]
    times = ["2026/10/03 9:14:07 AM GMT+2", "2026/10/03 9:20:11 AM GMT+2",
             "2026/10/04 1:02:00 PM GMT+2", "2026/10/04 1:05:45 PM GMT+2"]  # fmt: skip
    rows = [[t, e, *a] for t, e, a in zip(times, EMAILS, ANSWERS, strict=True)]
    return b"\xef\xbb\xbf" + csv_text([head, *rows], sep).encode()


def qualtrics() -> bytes:
    """Qualtrics: ids, question texts and ImportId rows on top; a BOM; an unfinished row."""
    ids = ["StartDate", "EndDate", "Status", "IPAddress", "Progress", "Finished",
           "ResponseId", "RecipientEmail", "division", "Q1", "Q2_NPS_GROUP", "Q2", "Q3",
           "Q4", "Q5_TEXT"]  # fmt: skip
    texts = ["Start Date", "End Date", "Response Type", "IP Address", "Progress",
             "Finished", "Response ID", "Recipient Email", "division", Q_CSAT,
             f"{Q_NPS} - Group", Q_NPS, Q_SERVICE, Q_ROLE, Q_COMMENT]  # fmt: skip
    imports = [json.dumps({"ImportId": i}) for i in ids]
    rows = [
        ["2026-10-03 09:14:07", "2026-10-03 09:16:40", "IP Address", "192.0.2.10", "100",
         "1", f"R_{n}abcDEF", e, a[0], a[1], "Promoter", a[2], a[3], a[4], a[5]]
        for n, (e, a) in enumerate(zip(EMAILS, ANSWERS, strict=True))
    ]  # fmt: skip
    unfinished = [*rows[0][:4], "40", "0", "R_9zzz", "", "Retail", "", "", "", "", "", ""]
    return b"\xef\xbb\xbf" + csv_text([ids, texts, imports, *rows, unfinished]).encode()


def surveymonkey() -> bytes:
    """SurveyMonkey "all responses": headings, then labels; a grid question spans columns."""
    head = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address",
            "Email Address", "First Name", "Last Name", "Custom Data 1", Q_UNIT, Q_CSAT,
            Q_NPS, Q_SERVICE, Q_ROLE, Q_COMMENT, "Rate these services", ""]  # fmt: skip
    labels = ["", "", "", "", "", "", "", "", "", "Response", "Response", "Response",
              "Response", "Response", "Open-Ended Response", "ERP", "Reporting"]  # fmt: skip
    rows = [
        [f"1180{n}2233", "4321", "10/03/2026 09:14:07 AM", "10/03/2026 09:16:40 AM",
         "192.0.2.10", e, "", "", "", *a, "Good", "Fair"]
        for n, (e, a) in enumerate(zip(EMAILS, ANSWERS, strict=True))
    ]  # fmt: skip
    return csv_text([head, labels, *rows]).encode()


def msforms(path: Path) -> Path:
    """Microsoft Forms: ID, Start time, Completion time, Email, Name, then the questions;
    times as Excel dates, the nps as a number."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["ID", "Start time", "Completion time", "Email", "Name",
                  Q_UNIT, Q_CSAT, Q_NPS, Q_SERVICE, Q_ROLE, Q_COMMENT])  # fmt: skip
    start = dt.datetime(2026, 10, 3, 9, 14, 7)
    for n, (e, a) in enumerate(zip(EMAILS, ANSWERS, strict=True), start=1):
        nps: object = int(a[2]) if a[2].isdigit() else a[2]
        when = start + dt.timedelta(minutes=n)
        sheet.append([n, when, when + dt.timedelta(minutes=2), e, "Anonymous",
                      a[0], a[1], nps, a[3], a[4], a[5] or None])  # fmt: skip
    book.save(path)
    return path
