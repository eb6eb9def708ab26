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
from brm_build.scaffold import (
    MEETING_TYPES,
    OPTIONS,
    Option,
    draft,
    fill,
    missing,
    schema_line,
    slug,
    trial,
)

from .conftest import EXAMPLE_TODAY, ROOT, settings_for

TODAY = EXAMPLE_TODAY.isoformat()

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
    "service": [
        "fleet",
        "--name",
        "Fleet management",
        "--owner-name",
        "Ruud Bakker",
        "--owner-email",
        "ruud.bakker@meridian.example",
        "--status",
        "pipeline",
        "--support-hours",
        "Mon-Fri 08:00-17:00",
    ],
    "report": [
        "--agreement",
        "supply-chain-transport-2025",
        "--period",
        "2026-10",
        "--result",
        "availability=99.7",
    ],
    "project": [
        "fleet-rollout",
        "--name",
        "Fleet management rollout",
        "--customer",
        "finance",
        "--status",
        "planned",
        "--service",
        "fleet",
        "--health",
        "green",
        "--start",
        "2027-01-04",
        "--planned-end",
        "2027-06-30",
        "--sponsor-name",
        "Mia Berg",
        "--sponsor-email",
        "mia.berg@meridian.example",
    ],
}
WRITTEN = {
    "customer": "records/customers/new-unit.yaml",
    "agreement": "records/agreements/finance-reporting-2027.yaml",
    "meeting": "records/meetings/2026/2026-11-25-finance-close-review-q4.md",
    "feedback": "records/feedback/2026/2026-11-24-month-end-close-blocked-by-erp-outage.yaml",
    "survey": "records/surveys/csat-2026-q4.yaml",
    "service": "records/services/fleet.yaml",
    "report": "records/reports/supply-chain-transport-2025.yaml",
    "project": "records/projects/fleet-rollout.yaml",
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
    assert set(NEW) == set(OPTIONS) == set(KIND_BY_NAME)
    for kind, args in NEW.items():
        code, out, err = brm(capsys, "new", kind, "--root", str(repo), "--today", TODAY, *args)
        assert (code, out) == (0, f"wrote {WRITTEN[kind]}\n"), (kind, err)
        # a warning is shown, and does not stop the record
        warned = kind == "survey"
        assert ("warning[survey-few-responses]" in err) is warned and "error[" not in err, kind
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
        "# More fields: relationship_manager, tier, cost_center, it_budget (restricted), contacts, "
        "plans, escalation, summary, tags, status, retired_on.\n"
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


def test_an_agreement_ending_before_it_starts_is_not_written(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [*NEW["agreement"][:-4], "--valid-from", "2027-01-01", "--valid-until", "2026-12-31"]
    code, out, err = brm(capsys, "new", "agreement", "--root", str(repo), *args)
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{WRITTEN['agreement']}:9:14: error[date-order]: valid_until 2026-12-31 is before "
        "valid_from 2027-01-01: correct one of them (at valid_until)",
        "    valid_until: 2026-12-31",
        "                 ^",
        "",
        "143 record files checked: 1 error, 0 warnings",
        f"brm: {WRITTEN['agreement']} not written: 'brm check' would fail with it; correct "
        "the values above and run again",
    ]
    assert not (repo / WRITTEN["agreement"]).exists()


def test_findings_show_where_and_what(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["bad", "--title", "T", "--customer", "controlling", "--service", "nope"]
    code, _, err = brm(
        capsys, "new", "agreement", "--root", str(repo), *args, "--valid-from", "2026-01-01"
    )
    assert code == 1
    heads = [line for line in err.splitlines() if line.startswith("records/")]
    assert [h.split(": ")[1] for h in heads] == [
        "error[agreement-party-role]",
        "error[ref-unknown]",
    ], err
    assert "'controlling' is a purchaser" in heads[0] and "(at customer)" in heads[0]
    assert "unknown service 'nope'" in heads[1] and "(at services[0])" in heads[1]
    code, _, err = brm(
        capsys, "new", "agreement", "--root", str(repo), *args, "--valid-from", "2026-02-30"
    )
    assert code == 1 and "'2026-02-30' is not a date of the calendar" in err
    assert not (repo / "records/agreements/bad.yaml").exists()
    code, _, err = brm(capsys, "new", "customer", "--root", str(repo), *NEW["customer"][:-4],
                       "--manager-email", "not-an-email")  # fmt: skip
    assert code == 1 and "'not-an-email' is not an email address (at manager.email)" in err


def test_values_that_make_no_record_are_refused_before_the_check(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = ["--agreement", "supply-chain-transport-2025", "--period", "2026-10"]
    code, _, err = brm(capsys, "new", "report", "--root", str(repo), *report, "--result", "99")
    assert (code, err) == (2, "brm: --result '99': write SERVICE-LEVEL=NUMBER, such as "
                              "availability=99.9\n")  # fmt: skip
    meeting = ["--title", "T", "--customer", "finance", "--type", "other"]
    code, _, err = brm(capsys, "new", "meeting", "--root", str(repo), "--date", "25.11.2026",
                       *meeting)  # fmt: skip
    assert (code, err) == (2, "brm: --date '25.11.2026': write the date as YYYY-MM-DD\n")
    code, _, err = brm(capsys, "new", "project", "--root", str(repo), "Not an id", "--name",
                       "P", "--customer", "finance", "--status", "planned")  # fmt: skip
    assert code == 2 and "'Not an id' is not a valid id" in err
    assert not (repo / WRITTEN["report"]).exists()


def test_a_result_naming_no_service_level_is_not_written(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [*NEW["report"][:-1], "uptime=99.7"]
    code, _, err = brm(capsys, "new", "report", "--root", str(repo), *args)
    assert code == 1 and "(at measurements[0].results.uptime)" in err, err
    assert not (repo / WRITTEN["report"]).exists()


def test_what_the_record_adds_elsewhere_is_shown(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert brm(capsys, "codeowners", "--root", str(repo))[0] == 0
    code, out, err = brm(capsys, "new", "customer", "--root", str(repo), *NEW["customer"])
    assert (code, out) == (0, f"wrote {WRITTEN['customer']}\n")
    assert err.startswith("CODEOWNERS:17:1: warning[codeowners-outdated]: "), err


def test_findings_that_were_there_before_are_not_shown(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "records/services/broken.yaml").write_text("name: [\n", encoding="utf-8")
    code, out, err = brm(capsys, "new", "survey", "--root", str(repo), *NEW["survey"])
    assert (code, out) == (0, f"wrote {WRITTEN['survey']}\n")
    assert "broken.yaml" not in err and "warning[survey-few-responses]" in err, err


def test_records_of_the_new_kinds_as_written(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for kind in ("service", "report", "project"):
        assert brm(capsys, "new", kind, "--root", str(repo), *NEW[kind])[0] == 0
    text = {
        k: (repo / WRITTEN[k]).read_text(encoding="utf-8") for k in ("service", "report", "project")
    }
    assert text["report"] == (
        "# yaml-language-server: $schema=../../schemas/report.schema.json\n"
        "agreement: supply-chain-transport-2025\n"
        "measurements:\n"
        '  - period: "2026-10"\n'
        "    results:\n"
        "      availability: 99.7\n"
        "# More fields: measurements: one item per period (period, results, notes).\n"
    )
    assert text["service"].endswith(
        'status: pipeline\nsupport_hours: "Mon-Fri 08:00-17:00"\n# More fields: description.\n'
    )
    assert "sponsor:\n  name: Mia Berg\n" in text["project"]
    assert text["project"].endswith("# More fields: forecast_end, milestones, summary.\n")


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
    assert set(OPTIONS) == set(KIND_BY_NAME)
    for options in OPTIONS.values():
        assert any(o.required is True for o in options)


def test_choices_come_from_the_model() -> None:
    assert MEETING_TYPES[:2] == ("relationship-review", "service-review")
    status = {o.name: o.choices for o in OPTIONS["project"]}
    assert status["status"] == ("planned", "active", "on-hold", "done", "cancelled")
    assert status["health"] == ("green", "amber", "red")


def test_a_draft_is_judged_by_the_whole_check() -> None:
    new, problems = draft("meeting", {"date": "2026-11-25", "title": "T", "customer": ["nobody"],
                                      "type": "other"})  # fmt: skip
    assert problems == [] and new is not None
    verdict = trial(settings_for(ROOT), new)
    assert verdict.refused
    assert [(f.code, f.path, f.field) for f in verdict.findings] == [
        ("ref-unknown", new.path, "customers[0]")
    ]
    assert not (ROOT / new.path).exists()


def test_a_kind_without_options_of_its_own_takes_its_fields_from_its_model() -> None:
    from brm_build.model import KIND_BY_NAME, Project
    from brm_build.scaffold.drafts import _from_model
    from brm_build.scaffold.options import derived_options

    kind = KIND_BY_NAME["project"]
    options = {option.name: option for option in derived_options(kind)}
    assert list(options)[:4] == ["id", "name", "customers", "services"]
    assert options["name"].required is True and options["services"].required is False
    assert options["customers"].many and options["status"].choices[0] == "planned"
    assert "sponsor" not in options and "milestones" not in options  # no one-value fields
    values: dict[str, str | list[str]] = {
        "id": "erp-upgrade",
        "name": "ERP upgrade",
        "customers": ["finance"],
        "status": "active",
        "start": "2026-09-01",
    }
    rid, data = _from_model(kind)(values)
    assert rid == "erp-upgrade"
    record = Project.model_validate(data)
    assert record.start is not None and record.start.isoformat() == "2026-09-01"
    assert record.customers == ["finance"]


def test_a_derived_value_that_is_not_of_its_type_is_left_for_the_check() -> None:
    from brm_build.model import KIND_BY_NAME
    from brm_build.scaffold.drafts import _from_model

    _, data = _from_model(KIND_BY_NAME["project"])({"id": "x", "start": "soon"})
    assert data["start"] == "soon"
