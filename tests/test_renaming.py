"""brm rename: a record's file and id and every reference to it, across kinds, with the
comments and layout of every file it edits kept; refusals leave every file as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from brm_build.check import check
from brm_build.cli import main
from brm_build.model.references import KEYS, REFERENCES
from brm_build.renaming import RenameError, plan_rename

from .casebuilder import build, customer
from .conftest import EXAMPLE_TODAY, ROOT, settings_for

MEETING = "records/meetings/2026/2026-06-02-finance-planning.md"
MEETING_TEXT = """---
# Planning with finance and HR together
title: "Planning: finance and HR"
date: 2026-06-02
customers: [finance,  'hr']   # finance first
type: planning
actions:
  - text: Ask finance for the budget
    owner: finance
    status: open
---
Notes that name finance stay as they are: they are prose, not a reference.
"""
HR = "records/customers/hr.yaml"
HR_TEXT = customer("Human Resources", parent="finance").replace(
    "parent: finance", 'parent: "finance"  # under Group Finance since 2025'
)
PROJECT = "records/projects/finance-close.yaml"
PROJECT_TEXT = (
    "name: Faster close\n\ncustomers:\n  - hr\n  - finance  # the sponsor\nstatus: active\n"
)


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in (root / "records").rglob("*")
        if p.is_file()
    }


def _brm(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, str, str]:
    code = main(["rename", *args, "--root", str(root), "--today", "2026-06-15"])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return build(tmp_path, {MEETING: MEETING_TEXT, HR: HR_TEXT, PROJECT: PROJECT_TEXT})


def test_a_customer_is_renamed_in_every_kind_keeping_comments_and_layout(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _tree(repo)
    code, out, err = _brm(capsys, repo, "customer", "finance", "group-finance")
    assert (code, err) == (0, "")
    assert "renamed customer 'finance' to 'group-finance': 4 reference(s) in 4 file(s)" in out
    after = _tree(repo)
    assert "records/customers/finance.yaml" not in after
    moved = after["records/customers/group-finance.yaml"]
    assert moved == before["records/customers/finance.yaml"]
    assert after[MEETING].decode() == MEETING_TEXT.replace(
        "[finance,  'hr']", "[group-finance,  'hr']"
    )
    assert after[HR].decode() == HR_TEXT.replace('"finance"', '"group-finance"')
    assert after[PROJECT].decode() == PROJECT_TEXT.replace("- finance", "- group-finance")
    base_meeting = "records/meetings/2026/2026-05-20-finance-review.md"
    assert after[base_meeting] == before[base_meeting].replace(b"- finance", b"- group-finance")
    assert not [p for p in after if p.split("/")[-1].startswith(".brm-")]
    assert check(settings_for(repo, EXAMPLE_TODAY)).errors == 0


def test_renaming_an_agreement_moves_its_report(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "records", tmp_path / "records")
    shutil.copy(ROOT / "brm.yaml", tmp_path / "brm.yaml")
    settings = settings_for(tmp_path)
    renaming = plan_rename(settings, "agreement", "finance-erp-2025", "finance-erp-2026")
    moves = {e.moved_from: e.source.path for e in renaming.edits if e.moved_from}
    assert moves == {
        "records/agreements/finance-erp-2025.yaml": "records/agreements/finance-erp-2026.yaml",
        "records/reports/finance-erp-2025.yaml": "records/reports/finance-erp-2026.yaml",
    }
    report = next(e for e in renaming.edits if e.source.kind.name == "report")
    assert report.text.startswith("agreement: finance-erp-2026\n")
    meetings = [e for e in renaming.edits if e.source.kind.name == "meeting"]
    assert meetings and all("finance-erp-2026" in e.text for e in meetings)
    referring = [e for e in renaming.edits if e.source.kind.name != "agreement"]
    assert not any("finance-erp-2025" in e.text for e in referring)
    agreement = next(e for e in renaming.edits if e.source.kind.name == "agreement")
    assert "agreements/finance-erp-2025.pdf" in agreement.text  # a link, not a reference


def test_a_meeting_is_renamed_into_the_folder_of_its_year(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, _ = _brm(
        capsys, repo, "meeting", "2026-06-02-finance-planning", "2026-06-02-budget-planning"
    )
    assert code == 0
    assert (repo / "records/meetings/2026/2026-06-02-budget-planning.md").read_text() == (
        MEETING_TEXT
    )
    assert not (repo / MEETING).exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("customer", "finance", "hr"), "a customer 'hr' exists already"),
        (("customer", "sales", "retail"), "there is no customer 'sales'"),
        (("customer", "finance", "Group_Finance"), "'Group_Finance' is not a valid id"),
        (("meeting", "2026-06-02-finance-planning", "budget"), "is not a meeting id"),
    ],
)
def test_refusals_write_nothing(
    repo: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    before = _tree(repo)
    code, out, err = _brm(capsys, repo, *args)
    assert (code, out) == (2, "")
    assert message in err and "Traceback" not in err
    assert _tree(repo) == before


def test_nothing_is_written_when_the_check_would_fail(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _tree(repo)
    # the new id's date differs from the meeting's own: the check says date-mismatch
    code, out, err = _brm(
        capsys, repo, "meeting", "2026-06-02-finance-planning", "2026-06-03-finance-planning"
    )
    assert (code, out) == (1, "")
    assert "error[date-mismatch]" in err and "nothing renamed" in err
    assert _tree(repo) == before


def test_a_file_that_is_not_yaml_stops_the_rename(repo: Path) -> None:
    (repo / PROJECT).write_text("name: [Faster close\ncustomers: [finance]\nstatus: active\n")
    with pytest.raises(RenameError, match="cannot be read as YAML"):
        plan_rename(settings_for(repo), "customer", "finance", "group-finance")


def test_every_declared_reference_names_a_field_of_its_kind() -> None:
    from brm_build.model import KIND_BY_NAME

    for ref in REFERENCES:
        model: object = KIND_BY_NAME[ref.kind].model
        for part in (p for p in ref.path if p not in ("*", KEYS)):
            fields = model.model_fields  # type: ignore[attr-defined]
            assert part in fields, (ref.kind, ref.path)
            annotation = fields[part].annotation
            inner = [a for a in getattr(annotation, "__args__", ()) if hasattr(a, "model_fields")]
            model = inner[0] if inner else annotation
        assert ref.target in KIND_BY_NAME


def test_a_customer_is_renamed_where_a_survey_counts_its_invitations(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    survey = "records/surveys/csat-2026.yaml"
    text = (
        'title: Yearly survey\nperiod: "2026"\ninvited:\n  finance: 12  # the whole division\n'
        "  hr: 3\nresponses:\n  - {customer: finance, csat: 4}\n"
    )
    (repo / survey).parent.mkdir(parents=True, exist_ok=True)
    (repo / survey).write_text(text)
    code, _, err = _brm(capsys, repo, "customer", "finance", "group-finance")
    assert (code, err) == (0, "")
    assert (repo / survey).read_text() == text.replace("finance", "group-finance")
