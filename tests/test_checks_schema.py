"""Schema findings: what each message says, where it points, and what it never shows."""

from __future__ import annotations

from typing import Annotated

import pytest
from pydantic import BaseModel, StringConstraints

from brm_build.findings import Finding
from brm_build.model import Agreement, Customer, Meeting, Record, Report, Survey
from brm_build.validation import validate
from brm_build.yamlsource import parse_mapping

AGREEMENT = """title: Core ERP
customer: finance
services: [erp]
status: active
valid_from: 2026-01-01
"""


NOT_A_PERIOD = "is not a period: YYYY-MM (month) or YYYY-Qn (quarter), of the years 1900 to 2199"


def findings(text: str, model: type[BaseModel]) -> list[Finding]:
    """Parse and validate ``text``; the reader's and the schema's findings together."""
    document, parsed = parse_mapping(text, "x.yaml")
    assert document is not None, parsed
    return [*parsed, *validate(document, model, "x.yaml")[1]]


def one(text: str, model: type[BaseModel]) -> Finding:
    [finding] = findings(text, model)
    return finding


@pytest.mark.parametrize(
    ("funding", "code"),
    [
        ("{amount: -4711, currency: EUR, period: year}", "schema-value"),
        ("{amount: 4711, currency: eur4711, period: year}", "schema-pattern"),
        ("{amount: 4711, currency: EUR, period: yearly4711}", "schema-enum"),
        ('{amount: "4711 euros", currency: EUR, period: year}', "schema-type"),
        ("{amount: 4711, currency: EUR, period: year, note4711: x}", "schema-unknown-field"),
    ],
)
def test_restricted_values_never_appear(funding: str, code: str) -> None:
    finding = one(AGREEMENT + f"funding: {funding}\n", Agreement)
    assert finding.code == code
    assert "4711" not in finding.message.replace("note4711", "") and not finding.quote
    if code != "schema-unknown-field":
        assert finding.message.endswith("(value hidden: restricted field)")


def test_restricted_enum_still_lists_what_is_allowed() -> None:
    finding = one(AGREEMENT + "funding: {amount: 1, currency: EUR, period: yearly}\n", Agreement)
    assert finding.message == (
        "the value is not allowed: use one of 'year', 'month' or 'once' "
        "(value hidden: restricted field)"
    )


def test_a_missing_field_says_what_it_holds() -> None:
    finding = one("name: Finance\nrole: customer\n", Customer)
    assert (finding.code, finding.field, finding.line, finding.column) == (
        "schema-required",
        "manager",
        1,
        1,
    )
    assert (
        finding.message == "missing required field 'manager' (a mapping with name, email): add it"
    )
    status = one(AGREEMENT.replace("status: active\n", ""), Agreement)
    assert status.message == (
        "missing required field 'status' (one of 'draft', 'active', 'expired' or "
        "'terminated'): add it"
    )


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('valid_until: "2027-02-30"', "'2027-02-30' is not a date of the calendar"),
        ("valid_until: 2027-02", "expected a date (YYYY-MM-DD), found '2027-02'"),
        ("review_by: yes", "expected a date (YYYY-MM-DD), found 'yes'"),
        ("notes: 12", 'expected text, found the number 12: quote it as "12"'),
        ("notes: true", 'expected text, found the boolean true: quote it as "true"'),
        ("notes: 1.50", 'expected text, found the number 1.50: quote it as "1.50"'),
        ("services: erp", "expected a list, found 'erp': write each item on a line"),
        ("signed: Martin Keller", "expected a mapping, found 'Martin Keller'"),
    ],
)
def test_type_messages(line: str, message: str) -> None:
    key = line.split(":", 1)[0]
    text = "\n".join(x for x in AGREEMENT.splitlines() if not x.startswith(key + ":"))
    finding = one(text + "\n" + line + "\n", Agreement)
    assert finding.code == "schema-type"
    assert finding.message.startswith(message)


@pytest.mark.parametrize(
    ("response", "message"),
    [
        ("{customer: finance, csat: '4'}", "expected a whole number, found the text '4': remove"),
        ("{customer: finance, csat: 4.5}", "expected a whole number, found the number 4.5"),
        ("{customer: finance, csat: 9}", "the number 9 is too large: it must be at most 5"),
        ("{customer: finance, csat: 0}", "the number 0 is too small: it must be at least 1"),
        ("{customer: finance, csat: 4, nps: -1}", "the number -1 is too small"),
    ],
)
def test_survey_numbers(response: str, message: str) -> None:
    finding = one(f"title: Pulse\nperiod: 2026-Q1\nresponses:\n  - {response}\n", Survey)
    assert finding.message.startswith(message)


SURVEY = "title: Pulse\nresponses:\n  - {customer: finance, csat: 4}\n"


@pytest.mark.parametrize(
    ("period", "message"),
    [
        (
            "2026-01-01",
            f"the date 2026-01-01 {NOT_A_PERIOD}; "
            "write 2026-01 for its month or 2026-Q1 for its quarter",
        ),
        (
            "2026-11-30",
            f"the date 2026-11-30 {NOT_A_PERIOD}; "
            "write 2026-11 for its month or 2026-Q4 for its quarter",
        ),
        (
            "2027",
            f"the number 2027 {NOT_A_PERIOD}",
        ),
        (
            "202601",
            f"the number 202601 {NOT_A_PERIOD}",
        ),
        (
            '"2026-01-01"',
            f"'2026-01-01' {NOT_A_PERIOD}",
        ),
    ],
)
def test_a_period_written_as_a_date_or_number(period: str, message: str) -> None:
    """The hint leads to a valid period: quoting a date would give text that is still none.
    A report's period is a month or a quarter (a survey's may also be a year)."""
    text = f"agreement: erp\nmeasurements:\n  - period: {period}\n    results: {{a: 1}}\n"
    finding = one(text, Report)
    assert (finding.field, finding.message) == ("measurements[0].period", message)


def test_a_survey_s_period_may_be_a_year_and_its_hints_say_so() -> None:
    assert findings(f'period: "2027"\n{SURVEY}', Survey) == []
    year = one(f"period: 2027\n{SURVEY}", Survey)
    assert year.message == 'expected text, found the number 2027: quote it as "2027"'
    date = one(f"period: 2026-01-01\n{SURVEY}", Survey)
    assert date.message == (
        "the date 2026-01-01 is not a period: YYYY (year, quoted), YYYY-Qn (quarter) or "
        "YYYY-MM (month), of the years 1900 to 2199; write 2026-01 for its month, 2026-Q1 "
        'for its quarter or "2026" for its year'
    )


class _Yearly(Record):
    """A record whose period may also be a year, as plans and surveys are in records
    format 1.1: the hints follow what the field accepts."""

    period: Annotated[str, StringConstraints(pattern=r"^[0-9]{4}(-((0[1-9]|1[0-2])|Q[1-4]))?$")]


def test_period_hints_follow_the_formats_the_field_accepts() -> None:
    year = one("period: 2027\n", _Yearly)
    assert year.message == 'expected text, found the number 2027: quote it as "2027"'
    date = one("period: 2026-05-31\n", _Yearly)
    assert date.message.endswith(
        '; write 2026-05 for its month, 2026-Q2 for its quarter or "2026" for its year'
    )
    for fix in ("2026-05", "2026-Q2", '"2026"'):
        assert findings(f"period: {fix}\n", _Yearly) == []


def test_quotes_are_suggested_only_where_the_quoted_text_is_valid() -> None:
    survey = "title: Pulse\nperiod: 2026-Q1\nresponses:\n  - {customer: CUSTOMER, csat: 4}\n"
    assert one(survey.replace("CUSTOMER", "2026-01-01"), Survey).message == (
        'expected text, found the date 2026-01-01: quote it as "2026-01-01"'  # a valid id
    )
    customer = "name: Finance\nrole: purchaser\nparent: group\nmanager:\n  name: M\n"
    assert one(customer + "  email: 4711\n", Customer).message == (
        "the number 4711 is not an email address"
    )


def test_a_colon_that_changed_a_value_type() -> None:
    meeting = "title: Review\ndate: 2026-05-20\ncustomers: [finance]\ntype: planning\n"
    decision = one(meeting + "decisions:\n  - Agreed: renew it\n", Meeting)
    assert decision.message == (
        "expected text, found a mapping: ': ' starts a field; quote this value, "
        'as in "Agreed: renew it"'
    )
    attendee = one(meeting + "attendees:\n  - name:Anna Lind\n", Meeting)
    assert attendee.message == (
        "expected a mapping with name, side, found 'name:Anna Lind': a space is needed "
        "after the colon, as in name: Anna Lind"
    )


def test_empty_values() -> None:
    assert [(f.field, f.message) for f in findings('title: ""\n' + AGREEMENT[15:], Agreement)] == [
        ("title", "empty text: write a value or remove the field")
    ]
    services = one(AGREEMENT.replace("[erp]", "[]"), Agreement)
    assert services.message == "needs at least 1 item, found none"


def test_a_bad_mapping_key_points_at_the_key() -> None:
    text = "agreement: x\nmeasurements:\n  - period: 2026-01\n    results: {Availability: 99.1}\n"
    finding = one(text, Report)
    assert (finding.code, finding.field, finding.line, finding.column) == (
        "schema-pattern",
        "measurements[0].results.Availability",
        4,
        15,
    )


@pytest.mark.parametrize(
    "text",
    [
        "it_budget:\n  amount: !vault finance/budget\n  currency: EUR\n",
        "services: !!set {erp: null}\n",
        "manager: !person {name: A, email: a@b.example}\n",
        "relationship_manager:\n  <<: {name: A, email: a@b.example}\n",
    ],
)
def test_the_reader_alone_reports_tags_and_merge_keys(text: str) -> None:
    base = "name: Finance\nrole: customer\n"
    for field in ("manager", "relationship_manager"):
        if not text.startswith(field + ":"):
            base += f"{field}: {{name: M, email: m@b.example}}\n"
    assert [f.code for f in findings(base + text, Customer)] in (
        ["yaml-tag"],
        ["yaml-merge-key"],
    )


def test_unknown_fields_suggest_or_list() -> None:
    assert one(AGREEMENT + "valid_untill: 2027-01-01\n", Agreement).message == (
        "unknown field 'valid_untill': did you mean 'valid_until'?"
    )
    assert one(AGREEMENT + "colour: blue\n", Agreement).message.startswith(
        "unknown field 'colour'; allowed here: title, customer, services, status"
    )


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ('"[key]": 1\n', "[key]"),
        ('manager: {name: A, email: a@b.example, "[key]": 1}\n', "manager.[key]"),
    ],
)
def test_a_field_called_like_pydantics_key_marker(text: str, field: str) -> None:
    base = "name: Finance\nrole: purchaser\nparent: finance\n"
    base += "manager: {name: A, email: a@b.example}\n" if not text.startswith("manager") else ""
    finding = one(base + text, Customer)
    assert (finding.code, finding.field) == ("schema-unknown-field", field)


def test_a_results_key_called_like_the_marker() -> None:
    text = "agreement: x\nmeasurements:\n  - period: 2026-01\n    results: {'[key]': 99.1}\n"
    finding = one(text, Report)
    assert (finding.code, finding.line, finding.column) == ("schema-pattern", 4, 15)
