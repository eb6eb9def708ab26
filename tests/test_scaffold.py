"""``brm new``: every kind it writes passes ``brm check``, nothing is overwritten, and
what is missing is asked on a terminal or refused elsewhere."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from brm_build.check import check
from brm_build.cli import main
from brm_build.findings import Severity
from brm_build.model import KIND_BY_NAME
from brm_build.repository import load_repository
from brm_build.scaffold import OPTIONS, Option, draft, fill, missing, schema_line, slug

from .conftest import ROOT, settings_for

NEW = {
    "customer": [
        "new-unit",
        "--name",
        "New Unit",
        "--role",
        "purchaser",
        "--parent",
        "finance",
        "--manager-name",
        "Mia Berg",
        "--manager-email",
        "mia.berg@meridian.example",
        "--service",
        "erp",
        "--owner",
        "@mia-berg",
    ],
    "agreement": [
        "finance-reporting-2027",
        "--title",
        "Reporting for Group Finance 2027",
        "--customer",
        "finance",
        "--service",
        "reporting",
        "--service",
        "erp",
        "--valid-from",
        "2027-01-01",
        "--valid-until",
        "2027-12-31",
    ],
    "meeting": [
        "--date",
        "2026-11-25",
        "--title",
        "Finance: close review (Q4)",
        "--customer",
        "finance",
        "--customer",
        "controlling",
        "--type",
        "service-review",
    ],
    "feedback": [
        "--type",
        "escalation",
        "--date",
        "2026-11-24",
        "--customer",
        "finance",
        "--summary",
        "Month-end close blocked by ERP outage",
        "--level",
        "2",
        "--service",
        "erp",
    ],
    "survey": ["csat-2026-q4", "--title", "Satisfaction Q4 2026", "--period", "2026-Q4"],
}
WRITTEN = {
    "customer": "records/customers/new-unit.yaml",
    "agreement": "records/agreements/finance-reporting-2027.yaml",
    "meeting": "records/meetings/2026/2026-11-25-finance-close-review-q4.md",
    "feedback": "records/feedback/2026/2026-11-24-month-end-close-blocked-by-erp-outage.yaml",
    "survey": "records/surveys/csat-2026-q4.yaml",
}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A copy of the example organisation."""
    shutil.copytree(ROOT / "records", tmp_path / "records")
    shutil.copy(ROOT / "brm.yaml", tmp_path / "brm.yaml")
    return tmp_path


def brm(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_every_kind_written_passes_check(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for kind, args in NEW.items():
        code, out, err = brm(capsys, "new", kind, "--root", str(repo), *args)
        assert (code, out, err) == (0, f"wrote {WRITTEN[kind]}\n", ""), kind
    result = check(settings_for(repo))
    new = [f for f in result.findings if f.path in WRITTEN.values()]
    assert [f.code for f in new if f.severity is Severity.ERROR] == []
    assert [(f.code, f.path) for f in new] == [("survey-few-responses", WRITTEN["survey"])]
    code, _, _ = brm(capsys, "check", "--root", str(repo), "--today", "2026-11-26")
    assert code == 0


def test_a_customer_record_as_written(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    brm(capsys, "new", "customer", "--root", str(repo), *NEW["customer"])
    assert (repo / WRITTEN["customer"]).read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../../schemas/customer.schema.json\n"
        "name: New Unit\n"
        "role: purchaser\n"
        "parent: finance\n"
        "manager:\n"
        "  name: Mia Berg\n"
        "  email: mia.berg@meridian.example\n"
        "services:\n"
        "  - erp\n"
        "owners:\n"
        '  - "@mia-berg"\n'
        "# More fields: cost_center, it_budget (restricted), contacts, plans, escalation, "
        "summary, tags.\n"
    )


def test_a_meeting_is_markdown_without_a_schema_line(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    brm(capsys, "new", "meeting", "--root", str(repo), *NEW["meeting"])
    text = (repo / WRITTEN["meeting"]).read_text(encoding="utf-8")
    assert text.startswith('---\ntitle: "Finance: close review (Q4)"\ndate: 2026-11-25\n')
    assert "yaml-language-server" not in text
    assert text.endswith("---\n# Finance: close review (Q4)\n")


@pytest.mark.parametrize("kind", ["customer", "agreement", "feedback", "survey"])
def test_the_schema_line_points_at_the_schema(kind: str) -> None:
    path = WRITTEN[kind]
    line = schema_line(KIND_BY_NAME[kind], path)
    target = line.split("$schema=")[1].strip()
    resolved = os.path.normpath(os.path.join(os.path.dirname(path), target))
    assert resolved == f"schemas/{kind}.schema.json"
    assert (ROOT / resolved).is_file()


def test_never_overwrites(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = brm(capsys, "new", "survey", "--root", str(repo), "csat-2025-q1", "--title",
                       "Again", "--period", "2025-Q1")  # fmt: skip
    assert code == 2
    assert err == "brm: a survey 'csat-2025-q1' exists already: brm new never overwrites\n"
    before = (repo / "records/surveys/csat-2025-q1.yaml").read_bytes()
    assert before == (ROOT / "records/surveys/csat-2025-q1.yaml").read_bytes()


def test_missing_values_are_refused_without_a_terminal(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = brm(capsys, "new", "customer", "--root", str(repo), "x", "--role", "customer")
    assert (code, out) == (2, "")
    assert err == (
        "brm: new customer needs --name, --manager-name, --manager-email, "
        "--relationship-manager-name, --relationship-manager-email: give them on the "
        "command line (brm asks for them only on a terminal)\n"
    )
    assert not (repo / "records/customers/x.yaml").exists()


def test_prompting_asks_for_what_the_answers_make_required() -> None:
    answers = {
        "id": "new-unit",
        "name": "New Unit",
        "role": "customer",
        "manager_name": "Mia Berg",
        "manager_email": "mia@example.org",
        "relationship_manager_name": "Anna Lind",
        "relationship_manager_email": "anna@example.org",
    }
    asked: list[str] = []

    def ask(option: Option) -> str | list[str] | None:
        asked.append(option.name)
        return answers[option.name]

    values = fill("customer", {"id": "new-unit"}, ask)
    assert missing("customer", values) == []
    assert asked == [
        "name",
        "role",
        "manager_name",
        "manager_email",
        "relationship_manager_name",
        "relationship_manager_email",
    ]
    assert fill("customer", {}, lambda option: None) == {}


def test_problems_name_the_field(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["bad", "--title", "T", "--customer", "controlling", "--service", "nope"]
    code, _, err = brm(
        capsys, "new", "agreement", "--root", str(repo), *args, "--valid-from", "2026-02-30"
    )
    assert code == 2
    assert err.splitlines() == [
        "brm: valid_from: '2026-02-30' is not a date of the calendar: check the month and the day",
        "brm: unknown service 'nope': there is no records/services/nope.yaml",
        "brm: 'controlling' is a purchaser: an agreement is made with a unit whose role is "
        "customer (the unit with the mandate)",
    ]
    code, _, err = brm(capsys, "new", "customer", "--root", str(repo), *NEW["customer"][:-4],
                       "--manager-email", "not-an-email")  # fmt: skip
    assert code == 2 and "manager.email: 'not-an-email' is not an email address" in err


def test_an_escalation_needs_its_level() -> None:
    values: dict[str, str | list[str]] = {
        "type": "escalation",
        "date": "2026-11-24",
        "customer": "finance",
        "summary": "Down",
    }
    assert [o.flag for o in missing("feedback", values)] == ["--level"]
    assert missing("feedback", {**values, "type": "complaint"}) == []


def test_ids_from_titles() -> None:
    assert slug("Finance: close review (Q4)") == "finance-close-review-q4"
    assert slug("Ünïcode — only!") == "n-code-only"
    assert slug("!!!") == "record"
    assert len(slug("word " * 40)) <= 53


def test_every_kind_has_options_and_a_required_value() -> None:
    assert set(OPTIONS) == {"customer", "agreement", "meeting", "feedback", "survey"}
    for options in OPTIONS.values():
        assert any(o.required is True for o in options)


def test_a_draft_checks_references_against_the_repository() -> None:
    repository, _ = load_repository(settings_for(ROOT))
    new, problems = draft("meeting", {"date": "2026-11-25", "title": "T", "customer": ["nobody"],
                                      "type": "other"}, repository)  # fmt: skip
    assert new is None
    assert problems == ["unknown customer 'nobody': there is no records/customers/nobody.yaml"]
