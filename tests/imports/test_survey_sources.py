"""brm import survey from Microsoft Forms (.xlsx), Qualtrics and SurveyMonkey exports,
each shaped as the tool writes it: the same answers give the same responses, rows are
numbered as the file's spreadsheet shows them, and a damaged or wrong file is a message."""

from __future__ import annotations

from pathlib import Path

import pytest

from brm_build.cli import main
from brm_build.imports.sources import read_surveymonkey

from ..casebuilder import TODAY, run_check
from .exports import (
    Q_COMMENT,
    Q_CSAT,
    Q_NPS,
    Q_ROLE,
    Q_SERVICE,
    Q_UNIT,
    gforms,
    mapping,
    msforms,
    qualtrics,
    repository,
    surveymonkey,
)

SURVEY = "records/surveys/csat-2026-q4.yaml"
QUALTRICS_COLUMNS = {
    "unit": "division", "csat": "Q1", "nps": "Q2", "service": "Q3", "role": "Q4",
    "comment": "Q5_TEXT",
}  # fmt: skip


def _run(capsys: pytest.CaptureFixture[str], root: Path, file: Path) -> tuple[int, str, str]:
    args = ["import", "survey", str(file), "--map", str(root / "imports/csat.yaml")]
    code = main([*args, "--root", str(root), "--today", TODAY.isoformat()])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def _setup(root: Path, source: str, **columns: str) -> Path:
    repository(root)
    (root / "imports").mkdir()
    (root / "imports/csat.yaml").write_text(mapping(source, **columns))
    return root


def _responses(root: Path) -> list[str]:
    lines = (root / SURVEY).read_text().splitlines()
    return [line.split(", ref:")[0] for line in lines if line.startswith("  - ")]


EXPECTED = [
    "  - {customer: finance, csat: 4, nps: 9, service: erp, respondent_role: customer, "
    'comment: "Faster close, please.\\nAnd \\"quotes\\""',
    "  - {customer: accounts-payable, csat: 5, service: erp, respondent_role: user",
]


def test_microsoft_forms_xlsx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _setup(tmp_path / "repo", "msforms")
    export = msforms(tmp_path / "responses.xlsx")
    code, out, err = _run(capsys, root, export)
    assert code == 1 and "4 row(s) read, 2 response(s) written" in out
    assert "row 4: customer 'Marketing' names no customer" in err
    assert "row 5: nps 11 is outside the scale 0–10" in err
    assert _responses(root) == EXPECTED
    assert "Anonymous" not in (root / SURVEY).read_text()
    first = (root / SURVEY).read_bytes()
    _run(capsys, root, export)
    assert (root / SURVEY).read_bytes() == first  # the ID recognises each response
    assert run_check(root).errors == 0


def test_a_truncated_workbook_is_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _setup(tmp_path / "repo", "msforms")
    whole = msforms(tmp_path / "responses.xlsx").read_bytes()
    (tmp_path / "cut.xlsx").write_bytes(whole[: len(whole) // 2])
    code, out, err = _run(capsys, root, tmp_path / "cut.xlsx")
    assert (code, out) == (2, "") and not (root / SURVEY).exists()
    assert "cut.xlsx cannot be read as an Excel workbook (.xlsx): it is damaged" in err


def test_a_csv_file_read_as_microsoft_forms_is_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _setup(tmp_path / "repo", "msforms")
    (tmp_path / "export.csv").write_bytes(gforms())
    code, _, err = _run(capsys, root, tmp_path / "export.csv")
    assert code == 2 and "cannot be read as an Excel workbook" in err


def test_qualtrics_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _setup(tmp_path / "repo", "qualtrics", **QUALTRICS_COLUMNS)
    (tmp_path / "export.csv").write_bytes(qualtrics())
    code, out, err = _run(capsys, root, tmp_path / "export.csv")
    assert code == 1  # data begins on row 4, below the three header rows
    assert "row 6: customer 'Marketing' names no customer" in err
    assert "row 7: nps 11 is outside the scale 0–10" in err
    assert "row 8: skipped: not finished (Finished = 0)" in out
    assert _responses(root) == EXPECTED
    text = (root / SURVEY).read_text()
    assert "R_0abcDEF" not in text and "192.0.2" not in text and "@" not in text


def test_surveymonkey_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _setup(tmp_path / "repo", "surveymonkey")
    (tmp_path / "export.csv").write_bytes(surveymonkey())
    code, out, err = _run(capsys, root, tmp_path / "export.csv")
    assert code == 1 and "4 row(s) read, 2 response(s) written" in out
    # data begins on row 3, below the two header rows
    assert "row 5: customer 'Marketing' names no customer" in err
    assert "row 6: nps 11 is outside the scale 0–10" in err
    assert _responses(root) == EXPECTED
    assert "1180" not in (root / SURVEY).read_text()


def test_surveymonkey_names_a_spanning_question_by_heading_and_label(tmp_path: Path) -> None:
    (tmp_path / "export.csv").write_bytes(surveymonkey())
    columns = read_surveymonkey(str(tmp_path / "export.csv")).table.columns
    assert columns[9:] == [
        Q_UNIT, Q_CSAT, Q_NPS, Q_SERVICE, Q_ROLE, Q_COMMENT,
        "Rate these services / ERP", "Rate these services / Reporting",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("qualtrics", 'is not a Qualtrics export: its third row does not hold the {"ImportId"'),
        ("surveymonkey", "is not a SurveyMonkey export: its first row has no 'Respondent ID'"),
    ],
)
def test_a_google_forms_file_is_not_another_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], source: str, message: str
) -> None:
    root = _setup(tmp_path / "repo", source)
    (tmp_path / "export.csv").write_bytes(gforms())
    code, _, err = _run(capsys, root, tmp_path / "export.csv")
    assert code == 2 and message in err and not (root / SURVEY).exists()


def test_an_export_that_starts_with_an_empty_line_is_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _setup(tmp_path / "repo", "gforms")
    (tmp_path / "export.csv").write_bytes(b"\r\n" + gforms())
    code, _, err = _run(capsys, root, tmp_path / "export.csv")
    assert code == 2 and "its first row begins nothing, not 'Timestamp'" in err, err
    assert "Traceback" not in err and not (root / SURVEY).exists()


def test_a_wrong_file_is_told_with_its_control_characters_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The message quotes the file's first cells: they never reach the terminal as they are."""
    root = _setup(tmp_path / "repo", "gforms")
    (tmp_path / "export.csv").write_bytes(b"\x1b[31mTimestamp\xe2\x80\xae,Q\r\n1,2\r\n")
    code, _, err = _run(capsys, root, tmp_path / "export.csv")
    assert code == 2 and "its first row begins '\\x1b[31mTimestamp\\u202e'" in err
    assert "\x1b" not in err and "\u202e" not in err and "nothing was written" in err
