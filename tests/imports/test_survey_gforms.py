"""brm import survey from Google Forms and from brm's own CSV, end to end through the CLI:
what is written, byte for byte, what is refused and why, and that a second import of the
same file changes nothing."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest

from brm_build.cli import main
from brm_build.imports.answers import response_ref

from ..casebuilder import TODAY, run_check
from .exports import csv_text, gforms, mapping, qualtrics, repository

SURVEY = "records/surveys/csat-2026-q4.yaml"
FIRST = (
    "{customer: finance, csat: 4, nps: 9, service: erp, respondent_role: customer, "
    'comment: "Faster close, please.\\nAnd \\"quotes\\"", ref: "REF2"}'
)
WRITTEN = f"""\
title: Customer satisfaction 2026 Q4
period: "2026-Q4"
closed: 2026-12-15
responses:
  - {FIRST}
  - {{customer: accounts-payable, csat: 5, service: erp, respondent_role: user, ref: REF3}}
"""


def brm(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, str, str]:
    code = main(["import", "survey", *args, "--root", str(root), "--today", TODAY.isoformat()])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = repository(tmp_path / "repo")
    (root / "imports").mkdir()
    (root / "records/surveys").mkdir(parents=True, exist_ok=True)
    (root / "imports/csat.yaml").write_text(mapping("gforms"))
    (root / "export.csv").write_bytes(gforms())
    return root


def _import(capsys: pytest.CaptureFixture[str], root: Path, *extra: str) -> tuple[int, str, str]:
    return brm(
        capsys, root, str(root / "export.csv"), "--map", str(root / "imports/csat.yaml"), *extra
    )


def _refs(text: str) -> list[str]:
    return [line.rsplit("ref: ", 1)[1].strip('"}') for line in text.splitlines() if "ref: " in line]


def test_a_google_forms_export_becomes_responses(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _import(capsys, repo)
    assert code == 1  # two rows could not be converted; the other two are written
    assert "row 4: customer 'Marketing' names no customer (by id or name)" in err
    assert "row 5: nps 11 is outside the scale 0–10 (never clamped)" in err
    assert "4 row(s) read, 2 response(s) written, 0 skipped, 2 not converted" in out
    assert f"wrote {SURVEY} (2 response(s) added)" in out
    text = (repo / SURVEY).read_text()
    ref2, ref3 = _refs(text)
    assert text == WRITTEN.replace("REF2", ref2).replace("REF3", ref3)
    assert "martin.keller" not in text and "GMT" not in text  # personal data stays out
    assert run_check(repo).errors == 0


def test_a_survey_larger_than_brm_yaml_allows_is_not_written(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The check of what would be written reads it as it reads a file: one too large is
    refused, not written for brm check to reject."""
    (repo / "brm.yaml").write_text("limits:\n  max_file_bytes: 1024\n")
    rows = csv.reader(io.StringIO(gforms().decode("utf-8-sig"), newline=""))
    head, first = next(rows), next(rows)
    many = [[f"2026/10/03 9:{n:02d}:07 AM GMT+2", *first[1:]] for n in range(30)]
    (repo / "export.csv").write_text(csv_text([head, *many]), encoding="utf-8")
    code, out, err = _import(capsys, repo)
    assert (
        code == 1 and "30 row(s) read, 0 response(s) to write, 0 skipped, 30 not converted" in out
    )
    assert f"{SURVEY}:1: the file is larger than 1,024 bytes" in err
    assert not (repo / SURVEY).exists()


def test_importing_twice_changes_nothing(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _import(capsys, repo)
    first = (repo / SURVEY).read_bytes()
    code, out, _ = _import(capsys, repo)
    assert code == 1 and (repo / SURVEY).read_bytes() == first
    assert "  rows 2, 3: skipped: imported before (its ref is in the survey)\n" in out


def test_a_survey_that_is_not_a_valid_record_still_keeps_its_responses_from_coming_twice(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _import(capsys, repo)
    invalid = (repo / SURVEY).read_text() + "  - {customer: finance, csat: 9}\n"
    (repo / SURVEY).write_text(invalid)  # csat 9 is outside its scale: not a valid record
    code, out, _ = _import(capsys, repo)
    assert code == 1 and (repo / SURVEY).read_text() == invalid
    assert "  rows 2, 3: skipped: imported before (its ref is in the survey)\n" in out


def test_a_survey_file_that_is_no_survey_is_refused(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / SURVEY).write_text("- just\n- a list\n")
    code, _, err = _import(capsys, repo)
    assert code == 2 and (repo / SURVEY).read_text() == "- just\n- a list\n"
    assert f"{SURVEY} cannot be read as a survey: run 'brm check' and correct it" in err


def test_semicolons_and_a_new_answer_are_merged_into_the_survey_as_written(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    written = "# Q4 round, opened 1 October\n" + WRITTEN.replace("REF2", "0123456789ab").replace(
        "REF3", "ba9876543210"
    ).replace("responses:\n", "responses:  # from the form\n")
    (repo / SURVEY).write_text(written)
    (repo / "export.csv").write_bytes(gforms(sep=";"))
    code, out, _ = _import(capsys, repo)
    assert code == 1 and "2 response(s) written" in out
    text = (repo / SURVEY).read_text()
    assert text.startswith(written)  # what was there stays, comments and order included
    assert len(text.splitlines()) == len(written.splitlines()) + 2


def test_a_dry_run_writes_nothing_and_prints_no_comment(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _import(capsys, repo, "--dry-run")
    assert code == 1 and not (repo / SURVEY).exists()
    assert "+ row 2: {customer: finance, csat: 4" in out and "comment: (restricted)" in out
    assert "Faster close" not in out and f"would write {SURVEY}" in out


def test_a_qualtrics_file_read_as_google_forms_is_refused(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "export.csv").write_bytes(qualtrics())
    code, out, err = _import(capsys, repo)
    assert (code, out) == (2, "") and not (repo / SURVEY).exists()
    assert "is not a Google Forms export: its first row begins 'StartDate'" in err


def test_a_mapped_column_missing_is_a_mapping_finding(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "imports/csat.yaml").write_text(mapping("gforms", role="Your roles"))
    code, _, err = _import(capsys, repo)
    assert code == 2 and not (repo / SURVEY).exists()
    assert (
        "imports/csat.yaml:11:1: error[mapping-column]: the file has no column 'Your roles': "
        "did you mean 'Your role'? (at columns.respondent_role)"
    ) in err


def test_an_answer_without_a_mapping_is_a_mapping_finding(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = mapping("gforms").replace("Staff: user", "Employee: user")
    (repo / "imports/csat.yaml").write_text(text)
    code, _, err = _import(capsys, repo)
    assert code == 2 and not (repo / SURVEY).exists()
    assert "imports/csat.yaml:15:1: error[mapping-value]: the answer 'Staff' (row 3" in err


def test_a_duplicated_header_is_refused(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = gforms().replace(b"Your role", b"Your role,Your role", 1)
    (repo / "export.csv").write_bytes(data)
    code, _, err = _import(capsys, repo)
    assert code == 2 and not (repo / SURVEY).exists()
    assert "the column 'Your role' appears 2 times (columns G, H)" in err


@pytest.mark.parametrize(("answer", "why"), [("NaN", "'NaN' is not a whole number"),
                                              ("nine", "'nine' is not a whole number"),
                                              ("4.5", "'4.5' is not a whole number")])  # fmt: skip
def test_text_in_a_numeric_field_is_a_row_problem(
    repo: Path, capsys: pytest.CaptureFixture[str], answer: str, why: str
) -> None:
    (repo / "export.csv").write_bytes(gforms().replace(b",9,erp", f",{answer},erp".encode(), 1))
    code, _, err = _import(capsys, repo)
    assert code == 1 and f"row 2: nps {why}" in err


def test_customer_by_email_finds_the_unit_and_never_writes_the_address(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = mapping("gforms").replace("  customer: Which department do you work in?\n", "")
    (repo / "imports/csat.yaml").write_text(text + "customer_by_email: true\n")
    code, _, err = _import(capsys, repo)
    assert code == 1
    assert "rows 4, 5: customer_by_email: no unit has the respondent's e-mail" in err
    assert "x@meridian.example" not in err
    written = (repo / SURVEY).read_text()
    assert "customer: finance" in written and "customer: accounts-payable" in written
    assert "@" not in written


def test_nothing_is_written_when_the_check_would_fail(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    existing = 'title: Q4\nperiod: "2026-Q4"\ninvited: {finance: 1}\nresponses: []\n'
    (repo / SURVEY).write_text(existing)
    code, _, err = _import(capsys, repo)
    assert code == 1 and (repo / SURVEY).read_text() == existing
    assert "'brm check' would fail with the rows written" in err and "survey" in err


def test_an_enormous_file_is_refused_before_it_is_read(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open(repo / "export.csv", "wb") as handle:
        handle.truncate(300 * 1024 * 1024)  # sparse: takes no room on disk
    code, _, err = _import(capsys, repo)
    assert code == 2 and "is 300 MB: brm import reads at most 200 MB" in err


def test_brm_s_own_csv_round_trips(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _import(capsys, repo)
    assert main(["export", "--format", "csv", "--out", str(repo / "out"), "--root", str(repo)]) == 0
    capsys.readouterr()
    (repo / "imports/own.yaml").write_text("source: csv\nsurvey: csat-2026-q4\nperiod: 2026-Q4\n")
    before = (repo / SURVEY).read_bytes()
    code, out, err = brm(
        capsys,
        repo,
        str(repo / "out/surveys.responses.csv"),
        "--map",
        str(repo / "imports/own.yaml"),
    )
    assert (code, err) == (0, "") and (repo / SURVEY).read_bytes() == before
    assert "2 skipped" in out and os.path.exists(repo / "out/surveys.responses.csv")


def test_a_new_survey_needs_a_title(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = mapping("gforms").replace("title: Customer satisfaction 2026 Q4\n", "")
    (repo / "imports/csat.yaml").write_text(text)
    code, _, err = _import(capsys, repo)
    assert code == 2 and not (repo / SURVEY).exists()
    assert (
        f"imports/csat.yaml:2:1: error[mapping-title]: {SURVEY} does not exist yet: give the "
        "new survey a title"
    ) in err


def test_a_survey_of_another_period_is_not_extended(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    existing = "title: Q3\nperiod: 2026-Q3\nresponses: []\n"
    (repo / SURVEY).write_text(existing)
    code, _, err = _import(capsys, repo)
    assert code == 2 and (repo / SURVEY).read_text() == existing
    assert (
        "imports/csat.yaml:4:1: error[mapping-period]: the survey csat-2026-q4 is of 2026-Q3" in err
    )


def test_the_mapping_s_key_says_what_makes_a_response_unique(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a respondent who submitted twice: the key (the e-mail here) keeps the first answer
    text = mapping("gforms").replace("  comment:", "  key: Email Address\n  comment:")
    (repo / "imports/csat.yaml").write_text(text)
    data = gforms().replace(b"lena.vogt@", b"martin.keller@")
    (repo / "export.csv").write_bytes(data)
    code, out, _ = _import(capsys, repo)
    assert code == 1 and "1 response(s) written" in out
    assert "  row 3: skipped: the same response as row 2\n" in out  # the same key
    ref = _refs((repo / SURVEY).read_text())
    assert ref == [response_ref("csat-2026-q4", "martin.keller@meridian.example")]
    assert "martin.keller" not in (repo / SURVEY).read_text()


def test_an_export_in_another_encoding_is_read_when_named(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = gforms().decode("utf-8-sig").replace("Faster close", "Schnellerer Abschluss für")
    (repo / "export.csv").write_bytes(text.encode("cp1252"))
    code, _, err = _import(capsys, repo)
    assert code == 2 and "export.csv is not UTF-8 (byte" in err and "--encoding" in err
    code, _, _ = _import(capsys, repo, "--encoding", "cp1252")
    assert code == 1 and "Schnellerer Abschluss für" in (repo / SURVEY).read_text()


def test_thousands_of_rows_that_fail_alike_are_one_line(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    head, row, *_ = csv.reader(io.StringIO(gforms().decode("utf-8-sig")))
    many = [[f"{row[0]} {n}", *row[1:4], "eleven", *row[5:]] for n in range(12000)]
    (repo / "export.csv").write_text(csv_text([head, *many]), encoding="utf-8")
    code, out, err = _import(capsys, repo)
    assert code == 1 and not (repo / SURVEY).exists()
    lines = err.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].endswith(
        "export.csv: rows 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 11990 more: nps 'eleven' is not a "
        "whole number: map the answers under values.nps"
    )
    assert "12000 row(s) read, 0 response(s) to write, 0 skipped, 12000 not converted" in out
